package service

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/store"
)

// A city on one database: its districts' plans side by side. Indicators that carry the
// same standard code (indicator_codes) are the same indicator in every district, so
// they can be ranked (completion is a ratio, whatever the unit) and, where units allow,
// summed: 万元 and 亿元 add up as 元, 美元 never with 元, a rate (%) never.

// maxStdCode bounds a standard code's length.
const maxStdCode = 100

// saveStdCodes stores the standard codes of a plan's indicators, just created.
func (s *Service) saveStdCodes(ctx context.Context, p *plan.Plan) error {
	for _, z := range p.Zones {
		for _, pr := range z.Programs {
			for _, ind := range pr.Indicators {
				if ind.StdCode == "" {
					continue
				}
				if len(ind.StdCode) > maxStdCode {
					return plan.ValidationErrors{{Path: "indicators." + ind.Code, Field: "std_code", Message: fmt.Sprintf("at most %d bytes", maxStdCode)}}
				}
				if err := s.store.SetStdCode(ctx, ind.ID, ind.StdCode); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// loadStdCodes fills a plan's indicators' standard codes.
func (s *Service) loadStdCodes(ctx context.Context, p *plan.Plan) error {
	codes, err := s.store.StdCodes(ctx, p.ID)
	if err != nil {
		return err
	}
	for zi := range p.Zones {
		for pi := range p.Zones[zi].Programs {
			inds := p.Zones[zi].Programs[pi].Indicators
			for i := range inds {
				inds[i].StdCode = codes[inds[i].ID]
			}
		}
	}
	return nil
}

// CodesFromIndicatorCodes gives the indicators of a plan (all plans when 0) their own
// codes as standard codes, where they have none: for plans written to one template.
func (s *Service) CodesFromIndicatorCodes(ctx context.Context, a Actor, planID int64) (int64, error) {
	if err := s.can(a, auth.PlanEdit, auth.Resource{RegionID: a.RegionID}); err != nil {
		return 0, err
	}
	var n int64
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		var err error
		if n, err = s.store.CodesFromIndicatorCodes(ctx, planID); err != nil {
			return err
		}
		return s.record(ctx, a, 0, "plan.std_codes", "plan", planID, nil, map[string]any{"indicators": n}, "")
	})
	return n, err
}

// regionScope is the set of regions an actor oversees: their region and every region
// under it by parent code (a city's office oversees its districts); nil means all.
func (s *Service) regionScope(ctx context.Context, a Actor) (map[int64]bool, []plan.Region, error) {
	regions, err := s.store.Regions(ctx)
	if err != nil {
		return nil, nil, err
	}
	if a.System || (a.RegionID == 0 && a.UserID != 0) {
		return nil, regions, nil
	}
	scope := map[int64]bool{}
	if a.RegionID == 0 {
		return scope, regions, nil // visitors oversee nothing: public figures only
	}
	byCode := map[string]plan.Region{}
	for _, r := range regions {
		byCode[r.Code] = r
	}
	for _, r := range regions {
		// Walk up from r; it is in scope when the walk meets the actor's region.
		for cur, depth := r, 0; depth < 10; depth++ {
			if cur.ID == a.RegionID {
				scope[r.ID] = true
				break
			}
			parent, ok := byCode[cur.ParentCode]
			if !ok || cur.ParentCode == "" {
				break
			}
			cur = parent
		}
	}
	return scope, regions, nil
}

// cityVisible: an indicator of a region the actor oversees is judged as one of the
// actor's own region (the city's office reads its districts' internal indicators as a
// district's office reads its own); any other only if public.
func (s *Service) cityVisible(a Actor, scope map[int64]bool, ind store.IndicatorRow) bool {
	if scope == nil || scope[ind.RegionID] {
		own := ind
		if scope != nil {
			own.RegionID = a.RegionID
		}
		return s.visible(a, own) == nil
	}
	return s.visible(a, ind) == nil
}

// CityRow is one district's indicator of a standard code.
type CityRow struct {
	Region    plan.Region     `json:"region"`
	PlanID    int64           `json:"plan_id"`
	PlanTitle string          `json:"plan_title"`
	Indicator IndicatorStatus `json:"indicator"`
	Unit      string          `json:"unit"`
	Qualifier plan.Qualifier  `json:"qualifier"`
	Rank      int             `json:"rank,omitempty"` // by completion; 0 when it has none
}

// CityTotal sums the districts' figures that share a base unit.
type CityTotal struct {
	Unit       string           `json:"unit"` // the base unit: 元, 美元, 个 …
	Districts  int              `json:"districts"`
	Progress   decimal.Decimal  `json:"progress"`
	Target     *decimal.Decimal `json:"target,omitempty"` // nil unless every district has one
	Qualifier  plan.Qualifier   `json:"qualifier,omitempty"`
	Completion *decimal.Decimal `json:"completion,omitempty"`
}

// CityIndicator is one standard code across the districts the actor may see.
type CityIndicator struct {
	Code     string                  `json:"code"`
	Name     string                  `json:"name"`
	Year     int                     `json:"year"`
	At       time.Time               `json:"at"`
	Rows     []CityRow               `json:"rows"`
	ByStatus map[progress.Status]int `json:"by_status"`
	// Totals are the sums per base unit; empty for rates and milestones, which are
	// compared, not summed.
	Totals []CityTotal `json:"totals,omitempty"`
}

// CityIndicator evaluates one standard code in every district's plan of a year (the
// latest year having it when 0), as of at (zero: today), ranked by completion.
func (s *Service) CityIndicator(ctx context.Context, a Actor, code string, year int, at time.Time) (CityIndicator, error) {
	code = strings.TrimSpace(code)
	out := CityIndicator{Code: code, ByStatus: map[progress.Status]int{}}
	if code == "" {
		return out, plan.ValidationErrors{{Field: "code", Message: "give a standard code"}}
	}
	all, err := s.cityEvaluate(ctx, a, code, year, at)
	if err != nil {
		return out, err
	}
	if len(all.rows) == 0 {
		return out, fmt.Errorf("standard code %q: %w", code, plan.ErrNotFound)
	}
	out.Year, out.At, out.Rows = all.year, all.at, all.rows[code]
	if len(out.Rows) == 0 {
		return out, fmt.Errorf("standard code %q: %w", code, plan.ErrNotFound)
	}
	out.Name = out.Rows[0].Indicator.Name
	rankRows(out.Rows)
	for _, r := range out.Rows {
		out.ByStatus[r.Indicator.Status]++
	}
	out.Totals = cityTotals(out.Rows)
	return out, nil
}

// CityCode is one line of the city's overview: a standard code across districts.
type CityCode struct {
	Code      string                  `json:"code"`
	Name      string                  `json:"name"`
	Districts int                     `json:"districts"`
	ByStatus  map[progress.Status]int `json:"by_status"`
	Totals    []CityTotal             `json:"totals,omitempty"`
	Best      string                  `json:"best,omitempty"`  // the district ranked first
	Worst     string                  `json:"worst,omitempty"` // and last
}

// CityOverview is every standard code across the districts.
type CityOverview struct {
	Year      int                     `json:"year"`
	At        time.Time               `json:"at"`
	Districts []plan.Region           `json:"districts"`
	Codes     []CityCode              `json:"codes"`
	ByStatus  map[progress.Status]int `json:"by_status"`
}

// CityOverview evaluates every standard code in every district's plan of a year.
func (s *Service) CityOverview(ctx context.Context, a Actor, year int, at time.Time) (CityOverview, error) {
	all, err := s.cityEvaluate(ctx, a, "", year, at)
	if err != nil {
		return CityOverview{}, err
	}
	out := CityOverview{Year: all.year, At: all.at, ByStatus: map[progress.Status]int{}}
	seen := map[int64]bool{}
	for code, rows := range all.rows {
		rankRows(rows)
		c := CityCode{Code: code, Name: rows[0].Indicator.Name, ByStatus: map[progress.Status]int{}, Totals: cityTotals(rows)}
		for _, r := range rows {
			c.ByStatus[r.Indicator.Status]++
			out.ByStatus[r.Indicator.Status]++
			if !seen[r.Region.ID] {
				seen[r.Region.ID] = true
				out.Districts = append(out.Districts, r.Region)
			}
		}
		c.Districts = len(rows)
		if rows[0].Rank != 0 {
			c.Best = rows[0].Region.Name
			last := rows[0]
			for _, r := range rows {
				if r.Rank != 0 {
					last = r
				}
			}
			c.Worst = last.Region.Name
		}
		out.Codes = append(out.Codes, c)
	}
	sort.Slice(out.Codes, func(i, j int) bool { return out.Codes[i].Code < out.Codes[j].Code })
	sort.Slice(out.Districts, func(i, j int) bool { return out.Districts[i].Code < out.Districts[j].Code })
	return out, nil
}

type cityEvaluation struct {
	year int
	at   time.Time
	rows map[string][]CityRow
}

// cityEvaluate reads the coded indicators (of one code, or all), keeps the visible ones
// of each district's plan of the year, and evaluates them with their reports read in
// batches: a handful of queries however many districts there are.
func (s *Service) cityEvaluate(ctx context.Context, a Actor, code string, year int, at time.Time) (cityEvaluation, error) {
	out := cityEvaluation{rows: map[string][]CityRow{}}
	scope, regions, err := s.regionScope(ctx, a)
	if err != nil {
		return out, err
	}
	if a.UserID == 0 && !a.System && !s.PublicView {
		return out, auth.ErrUnauthenticated
	}
	inds, codes, err := s.store.CodedIndicators(ctx, code, year)
	if err != nil {
		return out, err
	}
	plans, versions, err := s.store.PlanHeaders(ctx, year)
	if err != nil {
		return out, err
	}
	if year == 0 {
		for _, ind := range inds {
			if p, ok := plans[ind.PlanID]; ok {
				year = max(year, p.Year)
			}
		}
	}
	out.year = year
	if at.IsZero() {
		at = s.Now()
	}
	out.at = at
	regionByID := map[int64]plan.Region{}
	for _, r := range regions {
		regionByID[r.ID] = r
	}
	var kept []store.IndicatorRow
	for _, ind := range inds {
		// A regional reader's roll-up is of the regions they oversee; visitors and
		// deployment-wide readers see every district (visitors its public codes).
		if len(scope) > 0 && !scope[ind.RegionID] || !s.cityVisible(a, scope, ind) {
			continue
		}
		if p, ok := plans[ind.PlanID]; !ok || p.Year != year {
			continue
		}
		kept = append(kept, ind)
	}
	// Each district's status comes from the status cache, computed once per plan
	// version and date and shared by every reader (see statuscache.go): a roll-up
	// reads the plans' versions with their headers, in one query, not the reports.
	byPlan := map[int64][]store.IndicatorRow{}
	var planOrder []int64
	for _, ind := range kept {
		if _, ok := byPlan[ind.PlanID]; !ok {
			planOrder = append(planOrder, ind.PlanID)
		}
		byPlan[ind.PlanID] = append(byPlan[ind.PlanID], ind)
	}
	for _, planID := range planOrder {
		p := plans[planID]
		e, err := s.freshAt(ctx, planID, versions[planID])
		if err != nil {
			return out, err
		}
		// The entry's positions are replaced, never changed, and match the status
		// made from the same entry: no index of 500 ids to build per district.
		pos := e.pos
		cs := s.statusAt(e, at)
		for _, ind := range byPlan[planID] {
			i, ok := pos[ind.ID]
			if !ok {
				continue // added since the cache was read; the next version brings it
			}
			c := codes[ind.ID]
			out.rows[c] = append(out.rows[c], CityRow{Region: regionByID[ind.RegionID], PlanID: p.ID, PlanTitle: p.Title, Indicator: cs.all[i],
				Unit: ind.Unit, Qualifier: ind.Qualifier})
		}
	}
	return out, nil
}

// rankRows orders rows by completion, best first (those without one last, by region
// code), and numbers the ranked ones.
func rankRows(rows []CityRow) {
	sort.SliceStable(rows, func(i, j int) bool {
		ci, cj := rows[i].Indicator.Completion, rows[j].Indicator.Completion
		switch {
		case ci != nil && cj != nil && !ci.Equal(*cj):
			return ci.GreaterThan(*cj)
		case ci != nil && cj == nil:
			return true
		case ci == nil && cj != nil:
			return false
		}
		return rows[i].Region.Code < rows[j].Region.Code
	})
	rank := 0
	for i := range rows {
		if rows[i].Indicator.Completion != nil {
			rank++
			rows[i].Rank = rank
		}
	}
}

// baseUnit splits a unit into the unit sums are made in and the factor to it: 亿元 is
// 1e8 元, 万美元 1e4 美元, 万人 1e4 人. A rate (%) or an empty unit has no base: it is
// compared, never summed.
func baseUnit(unit string) (string, decimal.Decimal, bool) {
	u := strings.TrimSpace(unit)
	if u == "" || strings.Contains(u, "%") || strings.Contains(u, "％") || strings.Contains(u, "百分点") {
		return "", decimal.Zero, false
	}
	for _, p := range []struct {
		prefix string
		exp    int32
	}{{"亿", 8}, {"千万", 7}, {"百万", 6}, {"万", 4}, {"千", 3}} {
		if rest, ok := strings.CutPrefix(u, p.prefix); ok && rest != "" {
			return rest, decimal.New(1, p.exp), true
		}
	}
	return u, decimal.NewFromInt(1), true
}

// cityTotals sums, per base unit, the figures of level indicators (amounts and counts;
// not growth rates nor milestones). A total's target is given only when every district
// in it has one, with the qualifier they share ("" when they differ).
func cityTotals(rows []CityRow) []CityTotal {
	byUnit := map[string]*CityTotal{}
	var order []string
	missingTarget := map[string]bool{}
	for _, r := range rows {
		if r.Indicator.Kind != plan.KindLevel {
			continue
		}
		base, factor, ok := baseUnit(r.Unit)
		if !ok {
			continue
		}
		t := byUnit[base]
		if t == nil {
			t = &CityTotal{Unit: base, Qualifier: r.Qualifier}
			byUnit[base] = t
			order = append(order, base)
		}
		t.Districts++
		if r.Indicator.Progress != nil {
			t.Progress = t.Progress.Add(r.Indicator.Progress.Mul(factor))
		}
		if r.Indicator.Target == nil {
			missingTarget[base] = true
		} else {
			sum := r.Indicator.Target.Mul(factor)
			if t.Target != nil {
				sum = sum.Add(*t.Target)
			}
			t.Target = &sum
		}
		if t.Qualifier != r.Qualifier {
			t.Qualifier = ""
		}
	}
	var out []CityTotal
	for _, u := range order {
		t := *byUnit[u]
		if missingTarget[u] {
			t.Target = nil
		}
		if t.Target != nil && t.Target.Sign() > 0 {
			c := t.Progress.Div(*t.Target).Round(4)
			t.Completion = &c
		}
		out = append(out, t)
	}
	return out
}

// AddRegion adds a region of the tree (a province, a city, a district) under a parent
// code, or returns the existing one of that code. Only a deployment-wide admin may.
func (s *Service) AddRegion(ctx context.Context, a Actor, r plan.Region) (plan.Region, error) {
	r.Code, r.Name, r.ParentCode = strings.TrimSpace(r.Code), strings.TrimSpace(r.Name), strings.TrimSpace(r.ParentCode)
	if r.Code == "" || r.Name == "" {
		return r, plan.ValidationErrors{{Field: "code", Message: "a region needs a code and a name"}}
	}
	if !a.System && (a.RegionID != 0 || !a.HasRole(auth.RoleAdmin)) {
		return r, fmt.Errorf("regions are a deployment-wide admin's: %w", auth.ErrForbidden)
	}
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		id, err := s.store.EnsureRegion(ctx, r)
		if err != nil {
			return err
		}
		r.ID = id
		return s.record(ctx, a, id, "region.add", "region", id, nil, r, "")
	})
	return r, err
}

// Regions lists the region tree's rows.
func (s *Service) Regions(ctx context.Context) ([]plan.Region, error) { return s.store.Regions(ctx) }
