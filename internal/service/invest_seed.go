package service

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/invest"
	"github.com/lantu-dev/lantu/internal/store"
)

// investFile is the investment centre's data as a file (format lantu-invest/1): the
// demo's, or a district's first load.
type investFile struct {
	Format   string `yaml:"format"`
	Officers []struct {
		Login      string `yaml:"login"`
		Name       string `yaml:"name"`
		Department string `yaml:"department"`
	} `yaml:"officers"`
	Rates []struct {
		Currency     string `yaml:"currency"`
		On           string `yaml:"on"`
		USD          string `yaml:"usd"`
		Illustrative bool   `yaml:"illustrative"`
	} `yaml:"rates"`
	Chains []struct {
		Code  string `yaml:"code"`
		Name  string `yaml:"name"`
		Links []struct {
			Code      string `yaml:"code"`
			Name      string `yaml:"name"`
			Parent    string `yaml:"parent"`
			Extension bool   `yaml:"extension"`
		} `yaml:"links"`
	} `yaml:"chains"`
	Enterprises []struct {
		Name         string   `yaml:"name"`
		CreditCode   string   `yaml:"credit_code"`
		HQCity       string   `yaml:"hq_city"`
		Kinds        []string `yaml:"kinds"`
		Settled      bool     `yaml:"settled"`
		Park         string   `yaml:"park"`
		Links        []string `yaml:"links"` // chain/link
		Notes        string   `yaml:"notes"`
		Owner        string   `yaml:"owner"`
		Illustrative bool     `yaml:"illustrative"`
	} `yaml:"enterprises"`
	Leads []struct {
		Name              string `yaml:"name"`
		Enterprise        string `yaml:"enterprise"`
		Link              string `yaml:"link"`
		Park              string `yaml:"park"`
		Foreign           bool   `yaml:"foreign"`
		PlannedInvestment *struct {
			Amount   string `yaml:"amount"`
			Currency string `yaml:"currency"`
		} `yaml:"planned_investment"`
		History [][]string `yaml:"history"` // [stage, date] or [terminated, date, reason]
		Funds   []struct {
			On       string `yaml:"on"`
			Amount   string `yaml:"amount"`
			Currency string `yaml:"currency"`
		} `yaml:"funds"`
		Notes        string `yaml:"notes"`
		Owner        string `yaml:"owner"`
		Illustrative bool   `yaml:"illustrative"`
	} `yaml:"leads"`
	Visits []struct {
		Starts       string `yaml:"starts"`
		City         string `yaml:"city"`
		Enterprise   string `yaml:"enterprise"`
		Lead         string `yaml:"lead"`
		Purpose      string `yaml:"purpose"`
		Officer      string `yaml:"officer"`
		Minutes      int    `yaml:"minutes"`
		Illustrative bool   `yaml:"illustrative"`
	} `yaml:"visits"`
	Feeds []struct {
		Indicator string `yaml:"indicator"`
		Metric    string `yaml:"metric"`
		Stage     string `yaml:"stage"`
	} `yaml:"feeds"`
}

// LoadInvest loads the investment centre's data of a file into a plan's region, whole
// or not at all, unless the region already holds chains (then it does nothing and says
// so). Every record goes through the use-cases, as lantu itself, with their rules and
// audit rows; the fed indicators are computed at the end.
func (s *Service) LoadInvest(ctx context.Context, a Actor, planID int64, data []byte) (loaded bool, err error) {
	var f investFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return false, fmt.Errorf("invest file: %w", err)
	}
	if f.Format != "lantu-invest/1" {
		return false, fmt.Errorf("invest file: format %q, want lantu-invest/1", f.Format)
	}
	err = s.store.WithTx(ctx, func(ctx context.Context) error {
		p, err := s.store.PlanHeader(ctx, planID)
		if err != nil {
			return err
		}
		if chains, err := s.store.Chains(ctx, p.RegionID); err != nil || len(chains) > 0 {
			return err
		}
		loaded = true
		a.RegionID = p.RegionID
		owner := ""
		for _, o := range f.Officers {
			if owner == "" {
				owner = o.Login
			}
			if _, err := s.store.UserByLogin(ctx, auth.NormalizeLogin(o.Login)); err == nil {
				continue
			} else if !errors.Is(err, store.ErrNotFound) {
				return err
			}
			// No password anyone knows: an admin sets one (user passwd) to sign in as the officer.
			if _, _, err := s.CreateUser(ctx, a, NewUser{Login: o.Login, DisplayName: o.Name, Roles: []auth.Role{auth.RoleOfficer}, DeptCodes: []string{o.Department}}); err != nil {
				return fmt.Errorf("officer %s: %w", o.Login, err)
			}
		}
		ownerOf := func(s string) string {
			if s != "" {
				return s
			}
			return owner
		}
		date := func(what, s string) (time.Time, error) {
			d, err := invest.ParseDate("on", s)
			if err != nil {
				return d, fmt.Errorf("%s: %w", what, err)
			}
			return d, nil
		}
		for _, r := range f.Rates {
			on, err := date("rate "+r.Currency, r.On)
			if err != nil {
				return err
			}
			usd, err := decimal.NewFromString(r.USD)
			if err != nil {
				return fmt.Errorf("rate %s %s: %w", r.Currency, r.On, err)
			}
			if _, err := s.PutRate(ctx, a, invest.Rate{Currency: invest.Currency(r.Currency), On: on, USD: usd}); err != nil {
				return fmt.Errorf("rate %s %s: %w", r.Currency, r.On, err)
			}
		}
		links := map[string]int64{} // chain/link → id
		for _, c := range f.Chains {
			in := ChainInput{Code: c.Code, Name: c.Name}
			for _, l := range c.Links {
				in.Links = append(in.Links, LinkInput{Code: l.Code, Name: l.Name, Parent: l.Parent, Extension: l.Extension})
			}
			ch, err := s.CreateChain(ctx, a, in)
			if err != nil {
				return fmt.Errorf("chain %s: %w", c.Code, err)
			}
			ls, err := s.store.Links(ctx, ch.ID, 0)
			if err != nil {
				return err
			}
			for _, l := range ls {
				links[c.Code+"/"+l.Code] = l.ID
			}
		}
		linkIDs := func(what string, names []string) ([]int64, error) {
			var out []int64
			for _, n := range names {
				if n == "" {
					continue
				}
				id, ok := links[n]
				if !ok {
					return nil, fmt.Errorf("%s: no chain link %q", what, n)
				}
				out = append(out, id)
			}
			return out, nil
		}
		enterprises := map[string]int64{}
		for _, e := range f.Enterprises {
			var kinds []invest.Kind
			for _, k := range e.Kinds {
				kind, err := invest.ParseKind(k)
				if err != nil {
					return fmt.Errorf("enterprise %s: %w", e.Name, err)
				}
				kinds = append(kinds, kind)
			}
			ls, err := linkIDs("enterprise "+e.Name, e.Links)
			if err != nil {
				return err
			}
			ent, err := s.CreateEnterprise(ctx, a, EnterpriseInput{Name: e.Name, CreditCode: e.CreditCode, HQCity: e.HQCity, Kinds: kinds, Settled: e.Settled,
				Park: e.Park, LinkIDs: ls, Notes: e.Notes, Owner: ownerOf(e.Owner), Illustrative: e.Illustrative})
			if err != nil {
				return fmt.Errorf("enterprise %s: %w", e.Name, err)
			}
			enterprises[e.Name] = ent.ID
		}
		leads := map[string]int64{}
		for _, l := range f.Leads {
			what := "lead " + l.Name
			if len(l.History) == 0 || len(l.History[0]) < 2 {
				return fmt.Errorf("%s: history needs [stage, date] pairs", what)
			}
			in := LeadInput{Name: l.Name, Park: l.Park, Foreign: l.Foreign, Notes: l.Notes, Owner: ownerOf(l.Owner), Illustrative: l.Illustrative, Currency: invest.CNY}
			if l.Enterprise != "" {
				id, ok := enterprises[l.Enterprise]
				if !ok {
					return fmt.Errorf("%s: no enterprise %q", what, l.Enterprise)
				}
				in.EnterpriseID = id
			}
			if ls, err := linkIDs(what, []string{l.Link}); err != nil {
				return err
			} else if len(ls) == 1 {
				in.LinkID = ls[0]
			}
			if pi := l.PlannedInvestment; pi != nil {
				v, err := decimal.NewFromString(pi.Amount)
				if err != nil {
					return fmt.Errorf("%s planned investment: %w", what, err)
				}
				in.PlannedInvestment = &v
				if in.Currency, err = invest.ParseCurrency(pi.Currency); err != nil {
					return fmt.Errorf("%s: %w", what, err)
				}
			}
			var err error
			if in.Stage, err = invest.ParseStage(l.History[0][0]); err != nil {
				return fmt.Errorf("%s: %w", what, err)
			}
			if in.StageOn, err = date(what, l.History[0][1]); err != nil {
				return err
			}
			lead, err := s.CreateLead(ctx, a, in)
			if err != nil {
				return fmt.Errorf("%s: %w", what, err)
			}
			leads[l.Name] = lead.ID
			for _, h := range l.History[1:] {
				if len(h) < 2 {
					return fmt.Errorf("%s: history needs [stage, date] pairs", what)
				}
				mv := MoveInput{}
				if mv.To, err = invest.ParseStage(h[0]); err != nil {
					return fmt.Errorf("%s: %w", what, err)
				}
				if mv.On, err = date(what, h[1]); err != nil {
					return err
				}
				if len(h) > 2 {
					mv.Reason = h[2]
				}
				if _, err := s.MoveLead(ctx, a, lead.ID, mv); err != nil {
					return fmt.Errorf("%s → %s: %w", what, h[0], err)
				}
			}
			for _, fu := range l.Funds {
				on, err := date(what+" funds", fu.On)
				if err != nil {
					return err
				}
				amount, err := decimal.NewFromString(fu.Amount)
				if err != nil {
					return fmt.Errorf("%s funds: %w", what, err)
				}
				cur, err := invest.ParseCurrency(fu.Currency)
				if err != nil {
					return fmt.Errorf("%s funds: %w", what, err)
				}
				if _, err := s.RecordFunds(ctx, a, lead.ID, FundsInput{On: on, Amount: amount, Currency: cur}); err != nil {
					return fmt.Errorf("%s funds %s: %w", what, fu.On, err)
				}
			}
		}
		for _, v := range f.Visits {
			starts, err := time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(v.Starts), invest.China)
			if err != nil {
				return fmt.Errorf("visit %s: %w", v.Starts, err)
			}
			in := VisitInput{Starts: starts, City: v.City, Purpose: v.Purpose, Owner: ownerOf(v.Officer), Enterprise: v.Enterprise,
				Minutes: v.Minutes, Illustrative: v.Illustrative}
			if id, ok := enterprises[v.Enterprise]; ok {
				in.EnterpriseID = id
			}
			if v.Lead != "" {
				id, ok := leads[v.Lead]
				if !ok {
					return fmt.Errorf("visit %s: no lead %q", v.Starts, v.Lead)
				}
				in.LeadID = id
			}
			if _, err := s.CreateVisit(ctx, a, in); err != nil {
				return fmt.Errorf("visit %s: %w", v.Starts, err)
			}
		}
		for _, fd := range f.Feeds {
			ind, err := s.store.IndicatorByCode(ctx, planID, fd.Indicator)
			if err != nil {
				return fmt.Errorf("feed %s: %w", fd.Indicator, err)
			}
			feed := invest.Feed{IndicatorID: ind.ID, Metric: invest.Metric(fd.Metric)}
			if fd.Stage != "" {
				if feed.Stage, err = invest.ParseStage(fd.Stage); err != nil {
					return fmt.Errorf("feed %s: %w", fd.Indicator, err)
				}
			}
			if err := s.SetFeed(ctx, a, feed); err != nil {
				return fmt.Errorf("feed %s: %w", fd.Indicator, err)
			}
		}
		return s.record(ctx, a, p.RegionID, "invest.load", "plan", planID, nil, map[string]any{"enterprises": len(f.Enterprises), "leads": len(f.Leads),
			"visits": len(f.Visits), "chains": len(f.Chains)}, "")
	})
	return loaded, err
}
