package api

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/httpauth"
	"github.com/lantu-dev/lantu/internal/invest"
	"github.com/lantu-dev/lantu/internal/service"
)

// investRoutes are the investment centre's endpoints. The services filter every list by
// the reader's region and department in SQL and check the action on every record.
func (a *API) investRoutes(rt *httpauth.Router) {
	const signedIn = httpauth.SignedIn
	type row = httpauth.Route
	rt.Handle(
		row{Pattern: "GET /api/v1/enterprises", Who: signedIn, Action: auth.InvestRead, Find: httpauth.None, Handler: a.json(a.enterprises)},
		row{Pattern: "POST /api/v1/enterprises", Who: signedIn, Action: auth.EnterpriseManage, Find: httpauth.Self, Handler: a.json(a.createEnterprise)},
		row{Pattern: "GET /api/v1/enterprises/{id}", Who: signedIn, Action: auth.InvestRead, Find: httpauth.ByEnterprise, Handler: a.json(a.enterprise)},
		row{Pattern: "PUT /api/v1/enterprises/{id}", Who: signedIn, Action: auth.EnterpriseManage, Find: httpauth.ByEnterprise, Handler: a.json(a.updateEnterprise)},
		row{Pattern: "GET /api/v1/enterprises/{id}/contacts", Who: signedIn, Action: auth.ContactRead, Find: httpauth.ByEnterprise, Handler: a.json(a.contacts)},
		row{Pattern: "POST /api/v1/enterprises/{id}/contacts", Who: signedIn, Action: auth.EnterpriseManage, Find: httpauth.ByEnterprise, Handler: a.json(a.addContact)},
		row{Pattern: "POST /api/v1/enterprises/{id}/reassign", Who: signedIn, Action: auth.InvestReassign, Find: httpauth.ByEnterprise, Handler: a.json(a.reassign("enterprise"))},

		row{Pattern: "GET /api/v1/chains", Who: signedIn, Action: auth.InvestRead, Find: httpauth.None, Handler: a.json(a.chains)},
		row{Pattern: "POST /api/v1/chains", Who: signedIn, Action: auth.ChainManage, Find: httpauth.None, Handler: a.json(a.createChain)},
		row{Pattern: "GET /api/v1/chains/{id}", Who: signedIn, Action: auth.InvestRead, Find: httpauth.ByChain, Handler: a.json(a.chain)},

		row{Pattern: "GET /api/v1/leads", Who: signedIn, Action: auth.InvestRead, Find: httpauth.None, Handler: a.json(a.leads)},
		row{Pattern: "POST /api/v1/leads", Who: signedIn, Action: auth.PipelineManage, Find: httpauth.Self, Handler: a.json(a.createLead)},
		row{Pattern: "GET /api/v1/leads/{id}", Who: signedIn, Action: auth.InvestRead, Find: httpauth.ByLead, Handler: a.json(a.lead)},
		row{Pattern: "PUT /api/v1/leads/{id}", Who: signedIn, Action: auth.PipelineManage, Find: httpauth.ByLead, Handler: a.json(a.updateLead)},
		row{Pattern: "POST /api/v1/leads/{id}/move", Who: signedIn, Action: auth.PipelineManage, Find: httpauth.ByLead, Handler: a.json(a.moveLead)},
		row{Pattern: "POST /api/v1/leads/{id}/funds", Who: signedIn, Action: auth.PipelineManage, Find: httpauth.ByLead, Handler: a.json(a.recordFunds)},
		row{Pattern: "POST /api/v1/leads/{id}/reassign", Who: signedIn, Action: auth.InvestReassign, Find: httpauth.ByLead, Handler: a.json(a.reassign("lead"))},
		row{Pattern: "GET /api/v1/pipeline.xlsx", Who: signedIn, Action: auth.InvestRead, Find: httpauth.None, Handler: http.HandlerFunc(a.pipelineXLSX)},
		row{Pattern: "POST /api/v1/invest/import", Who: signedIn, Action: auth.EnterpriseManage, Find: httpauth.Self, Handler: a.json(a.investImport)},

		row{Pattern: "GET /api/v1/visits", Who: signedIn, Action: auth.InvestRead, Find: httpauth.None, Handler: a.json(a.visits)},
		row{Pattern: "POST /api/v1/visits", Who: signedIn, Action: auth.VisitManage, Find: httpauth.Self, Handler: a.json(a.createVisit)},
		row{Pattern: "GET /api/v1/visits/{id}", Who: signedIn, Action: auth.InvestRead, Find: httpauth.ByVisit, Handler: a.json(a.visit)},
		row{Pattern: "PUT /api/v1/visits/{id}", Who: signedIn, Action: auth.VisitManage, Find: httpauth.ByVisit, Handler: a.json(a.updateVisit)},
		row{Pattern: "GET /api/v1/visits.ics", Who: signedIn, Action: auth.InvestRead, Find: httpauth.None, Handler: http.HandlerFunc(a.visitsICS)},
		// The subscription link carries its own secret (a calendar app sends no cookie or
		// token) in its query, which the request log leaves out. A wrong or revoked secret is 401.
		row{Pattern: "GET /api/v1/calendar.ics", Who: httpauth.Anyone, Action: auth.InvestRead, Find: httpauth.BySecret, Handler: http.HandlerFunc(a.subscribedICS)},
		row{Pattern: "POST /api/v1/calendar/subscription", Who: signedIn, Action: auth.CalendarSubscribe, Find: httpauth.Self, Handler: a.json(a.subscribe)},
		row{Pattern: "DELETE /api/v1/calendar/subscription", Who: signedIn, Action: auth.CalendarSubscribe, Find: httpauth.Self, Handler: a.json(a.unsubscribe)},

		row{Pattern: "GET /api/v1/rates", Who: signedIn, Action: auth.InvestRead, Find: httpauth.None, Handler: a.json(a.fxRates)},
		row{Pattern: "POST /api/v1/rates", Who: signedIn, Action: auth.RateManage, Find: httpauth.None, Handler: a.json(a.putRate)},
		row{Pattern: "GET /api/v1/indicators/{id}/feed", Who: httpauth.Anyone, Action: auth.PlanReadInternal, Find: httpauth.ByIndicator, Handler: a.json(a.feed)},
		row{Pattern: "POST /api/v1/indicators/{id}/feed", Who: signedIn, Action: auth.FeedManage, Find: httpauth.ByIndicator, Handler: a.json(a.setFeed)},
	)
}

func queryID(r *http.Request, name string) int64 {
	id, _ := strconv.ParseInt(r.URL.Query().Get(name), 10, 64)
	return id
}

func (a *API) enterprises(r *http.Request) (any, error) {
	q := r.URL.Query()
	f := service.EnterpriseFilter{Query: strings.TrimSpace(q.Get("q"))}
	if v := q.Get("settled"); v != "" {
		b := v == "true" || v == "1"
		f.Settled = &b
	}
	es, err := a.svc.Enterprises(r.Context(), actor(r), f)
	if es == nil {
		es = []invest.Enterprise{}
	}
	return es, err
}

func (a *API) enterprise(r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return a.svc.Enterprise(r.Context(), actor(r), id)
}

type enterpriseBody struct {
	Name       string           `json:"name"`
	CreditCode string           `json:"credit_code"`
	HQCity     string           `json:"hq_city"`
	Kinds      []string         `json:"kinds"`
	Settled    bool             `json:"settled"`
	Park       string           `json:"park"`
	LinkIDs    []int64          `json:"link_ids"`
	Notes      string           `json:"notes"`
	Owner      string           `json:"owner"`
	Contacts   []invest.Contact `json:"contacts"`
	Version    int              `json:"version"`
}

func (b enterpriseBody) input() (service.EnterpriseInput, error) {
	in := service.EnterpriseInput{Name: b.Name, CreditCode: b.CreditCode, HQCity: b.HQCity, Settled: b.Settled, Park: b.Park, LinkIDs: b.LinkIDs,
		Notes: b.Notes, Owner: b.Owner, Contacts: b.Contacts}
	for _, k := range b.Kinds {
		kind, err := invest.ParseKind(k)
		if err != nil {
			return in, err
		}
		in.Kinds = append(in.Kinds, kind)
	}
	return in, nil
}

func (a *API) createEnterprise(r *http.Request) (any, error) {
	if err := a.check(r, auth.EnterpriseManage, ""); err != nil {
		return nil, err
	}
	var b enterpriseBody
	if err := decode(r, &b); err != nil {
		return nil, err
	}
	in, err := b.input()
	if err != nil {
		return nil, err
	}
	return a.svc.CreateEnterprise(r.Context(), actor(r), in)
}

func (a *API) updateEnterprise(r *http.Request) (any, error) {
	if err := a.check(r, auth.EnterpriseManage, "enterprise"); err != nil {
		return nil, err
	}
	id, b, err := writeInput[enterpriseBody](r)
	if err != nil {
		return nil, err
	}
	in, err := b.input()
	if err != nil {
		return nil, err
	}
	return a.svc.UpdateEnterprise(r.Context(), actor(r), id, in, b.Version)
}

func (a *API) contacts(r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	act := actor(r)
	act.Address = clientAddr(r)
	return a.svc.Contacts(r.Context(), act, id)
}

// clientAddr is the caller's address for the audit log of a read (writes get theirs from
// the middleware's actor).
func clientAddr(r *http.Request) string {
	if a := actor(r).Address; a != "" {
		return a
	}
	host, _, _ := strings.Cut(r.RemoteAddr, ":")
	return host
}

func (a *API) addContact(r *http.Request) (any, error) {
	if err := a.check(r, auth.EnterpriseManage, "enterprise"); err != nil {
		return nil, err
	}
	id, c, err := writeInput[invest.Contact](r)
	if err != nil {
		return nil, err
	}
	return a.svc.AddContact(r.Context(), actor(r), id, c)
}

func (a *API) reassign(kind string) handlerFunc {
	return func(r *http.Request) (any, error) {
		if err := a.check(r, auth.InvestReassign, kind); err != nil {
			return nil, err
		}
		id, b, err := writeInput[struct {
			Owner string `json:"owner"`
		}](r)
		if err != nil {
			return nil, err
		}
		if err := a.svc.Reassign(r.Context(), actor(r), kind, id, b.Owner); err != nil {
			return nil, err
		}
		return map[string]any{"id": id, "owner": b.Owner}, nil
	}
}

func (a *API) chains(r *http.Request) (any, error) {
	cs, err := a.svc.Chains(r.Context(), actor(r))
	if cs == nil {
		cs = []invest.Chain{}
	}
	return cs, err
}

func (a *API) chain(r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	t, err := a.svc.Chain(r.Context(), actor(r), id)
	if err != nil {
		return nil, err
	}
	return map[string]any{"chain": t.Chain, "links": t.Roots, "gaps": t.Gaps}, nil
}

func (a *API) createChain(r *http.Request) (any, error) {
	if err := a.check(r, auth.ChainManage, ""); err != nil {
		return nil, err
	}
	var b struct {
		Code  string `json:"code"`
		Name  string `json:"name"`
		Links []struct {
			Code      string `json:"code"`
			Name      string `json:"name"`
			Parent    string `json:"parent"`
			Extension bool   `json:"extension"`
		} `json:"links"`
	}
	if err := decode(r, &b); err != nil {
		return nil, err
	}
	in := service.ChainInput{Code: b.Code, Name: b.Name}
	for _, l := range b.Links {
		in.Links = append(in.Links, service.LinkInput{Code: l.Code, Name: l.Name, Parent: l.Parent, Extension: l.Extension})
	}
	return a.svc.CreateChain(r.Context(), actor(r), in)
}

func (a *API) leads(r *http.Request) (any, error) {
	f := service.LeadFilter{OwnerID: queryID(r, "owner")}
	if v := r.URL.Query().Get("stage"); v != "" {
		st, err := invest.ParseStage(v)
		if err != nil {
			return nil, err
		}
		f.Stage = st
	}
	ls, err := a.svc.Leads(r.Context(), actor(r), f)
	if ls == nil {
		ls = []invest.Lead{}
	}
	return ls, err
}

func (a *API) lead(r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	d, err := a.svc.Lead(r.Context(), actor(r), id)
	if err != nil {
		return nil, err
	}
	dates := map[string]string{}
	for st, d := range d.StageDates {
		dates[string(st)] = d.Format(time.DateOnly)
	}
	return map[string]any{"lead": d.Lead, "moves": nonNil(d.Moves), "funds": nonNil(d.Funds), "visits": nonNil(d.Visits),
		"stage_dates": dates, "next": d.Next, "funds_usd": d.FundsUSD}, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// jsonDate reads a YYYY-MM-DD date of a body, "" for none.
func jsonDate(field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return invest.ParseDate(field, s)
}

type leadBody struct {
	Name              string           `json:"name"`
	EnterpriseID      int64            `json:"enterprise_id"`
	Stage             string           `json:"stage"`
	StageOn           string           `json:"stage_on"`
	PlannedInvestment *decimal.Decimal `json:"planned_investment"`
	Currency          string           `json:"currency"`
	Foreign           bool             `json:"foreign"`
	YearlyOutput      *decimal.Decimal `json:"yearly_output"`
	YearlyTax         *decimal.Decimal `json:"yearly_tax"`
	Park              string           `json:"park"`
	LinkID            int64            `json:"link_id"`
	Notes             string           `json:"notes"`
	Owner             string           `json:"owner"`
	Version           int              `json:"version"`
}

func (b leadBody) input() (service.LeadInput, error) {
	in := service.LeadInput{Name: b.Name, EnterpriseID: b.EnterpriseID, PlannedInvestment: b.PlannedInvestment, Foreign: b.Foreign,
		YearlyOutput: b.YearlyOutput, YearlyTax: b.YearlyTax, Park: b.Park, LinkID: b.LinkID, Notes: b.Notes, Owner: b.Owner}
	var err error
	if b.Stage != "" {
		if in.Stage, err = invest.ParseStage(b.Stage); err != nil {
			return in, err
		}
	}
	if in.StageOn, err = jsonDate("stage_on", b.StageOn); err != nil {
		return in, err
	}
	if b.Currency != "" {
		if in.Currency, err = invest.ParseCurrency(b.Currency); err != nil {
			return in, err
		}
	}
	return in, nil
}

func (a *API) createLead(r *http.Request) (any, error) {
	if err := a.check(r, auth.PipelineManage, ""); err != nil {
		return nil, err
	}
	var b leadBody
	if err := decode(r, &b); err != nil {
		return nil, err
	}
	in, err := b.input()
	if err != nil {
		return nil, err
	}
	return a.svc.CreateLead(r.Context(), actor(r), in)
}

func (a *API) updateLead(r *http.Request) (any, error) {
	if err := a.check(r, auth.PipelineManage, "lead"); err != nil {
		return nil, err
	}
	id, b, err := writeInput[leadBody](r)
	if err != nil {
		return nil, err
	}
	in, err := b.input()
	if err != nil {
		return nil, err
	}
	return a.svc.UpdateLead(r.Context(), actor(r), id, in, b.Version)
}

func (a *API) moveLead(r *http.Request) (any, error) {
	if err := a.check(r, auth.PipelineManage, "lead"); err != nil {
		return nil, err
	}
	id, b, err := writeInput[struct {
		To      string `json:"to"`
		On      string `json:"on"`
		Reason  string `json:"reason"`
		Version int    `json:"version"`
	}](r)
	if err != nil {
		return nil, err
	}
	in := service.MoveInput{Reason: b.Reason, Version: b.Version}
	if in.To, err = invest.ParseStage(b.To); err != nil {
		return nil, err
	}
	if in.On, err = jsonDate("on", b.On); err != nil {
		return nil, err
	}
	l, err := a.svc.MoveLead(r.Context(), actor(r), id, in)
	if err != nil {
		return nil, err
	}
	return created{http.StatusOK, l}, nil
}

func (a *API) recordFunds(r *http.Request) (any, error) {
	if err := a.check(r, auth.PipelineManage, "lead"); err != nil {
		return nil, err
	}
	id, b, err := writeInput[struct {
		On       string          `json:"on"`
		Amount   decimal.Decimal `json:"amount"`
		Currency string          `json:"currency"`
		Foreign  *bool           `json:"foreign"`
		Note     string          `json:"note"`
	}](r)
	if err != nil {
		return nil, err
	}
	in := service.FundsInput{Amount: b.Amount, Foreign: b.Foreign, Note: b.Note}
	if b.Currency != "" {
		if in.Currency, err = invest.ParseCurrency(b.Currency); err != nil {
			return nil, err
		}
	}
	if in.On, err = jsonDate("on", b.On); err != nil {
		return nil, err
	}
	return a.svc.RecordFunds(r.Context(), actor(r), id, in)
}

func (a *API) pipelineXLSX(w http.ResponseWriter, r *http.Request) {
	var buf strings.Builder
	lang := "zh"
	if r.URL.Query().Get("lang") == "en" {
		lang = "en"
	}
	if err := a.svc.WritePipelineXLSX(r.Context(), actor(r), lang, &buf); err != nil {
		a.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="pipeline.xlsx"`)
	w.Header().Set("Cache-Control", "no-store")
	if _, err := io.WriteString(w, buf.String()); err != nil {
		a.log.DebugContext(r.Context(), "pipeline.xlsx not delivered", "err", err) // the client left; nobody to tell
	}
}

func (a *API) investImport(r *http.Request) (any, error) {
	if err := a.check(r, auth.EnterpriseManage, ""); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	csv := strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv")
	res, err := a.svc.ImportInvest(r.Context(), actor(r), r.URL.Query().Get("kind"), data, csv, "zh")
	if err != nil {
		return nil, err
	}
	return res, nil
}

func (a *API) visits(r *http.Request) (any, error) {
	q := r.URL.Query()
	f := service.VisitFilter{OfficerID: queryID(r, "officer")}
	for _, p := range []struct {
		name string
		dst  *time.Time
	}{{"from", &f.From}, {"to", &f.To}} {
		if v := q.Get(p.name); v != "" {
			d, err := time.ParseInLocation(time.DateOnly, v, invest.China)
			if err != nil {
				return nil, badRequest("%s=%q is not a date (YYYY-MM-DD)", p.name, v)
			}
			*p.dst = d
		}
	}
	vs, err := a.svc.Visits(r.Context(), actor(r), f)
	if vs == nil {
		vs = []invest.Visit{}
	}
	return vs, err
}

func (a *API) visit(r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return a.svc.Visit(r.Context(), actor(r), id)
}

type visitBody struct {
	Starts       string   `json:"starts"` // 2022-03-18T10:00:00+08:00, or 2022-03-18 10:00 China time
	Minutes      int      `json:"minutes"`
	City         string   `json:"city"`
	EnterpriseID int64    `json:"enterprise_id"`
	Enterprise   string   `json:"enterprise"`
	LeadID       int64    `json:"lead_id"`
	Officers     []string `json:"officers"`
	Purpose      string   `json:"purpose"`
	Outcome      string   `json:"outcome"`
	NextStep     string   `json:"next_step"`
	NextOn       string   `json:"next_on"`
	Status       string   `json:"status"`
	Owner        string   `json:"owner"`
	Sequence     *int     `json:"sequence"`
}

func (b visitBody) input() (service.VisitInput, error) {
	in := service.VisitInput{Minutes: b.Minutes, City: b.City, EnterpriseID: b.EnterpriseID, Enterprise: b.Enterprise, LeadID: b.LeadID,
		Officers: b.Officers, Purpose: b.Purpose, Outcome: b.Outcome, NextStep: b.NextStep, Status: invest.VisitStatus(b.Status), Owner: b.Owner}
	var err error
	if in.Starts, err = time.Parse(time.RFC3339, b.Starts); err != nil {
		if in.Starts, err = time.ParseInLocation("2006-01-02 15:04", b.Starts, invest.China); err != nil {
			return in, &invest.Error{Code: "date.invalid", Field: "starts", Args: []any{b.Starts}}
		}
	}
	if in.NextOn, err = jsonDate("next_on", b.NextOn); err != nil {
		return in, err
	}
	return in, nil
}

func (a *API) createVisit(r *http.Request) (any, error) {
	if err := a.check(r, auth.VisitManage, ""); err != nil {
		return nil, err
	}
	var b visitBody
	if err := decode(r, &b); err != nil {
		return nil, err
	}
	in, err := b.input()
	if err != nil {
		return nil, err
	}
	return a.svc.CreateVisit(r.Context(), actor(r), in)
}

func (a *API) updateVisit(r *http.Request) (any, error) {
	if err := a.check(r, auth.VisitManage, "visit"); err != nil {
		return nil, err
	}
	id, b, err := writeInput[visitBody](r)
	if err != nil {
		return nil, err
	}
	in, err := b.input()
	if err != nil {
		return nil, err
	}
	seq := -1
	if b.Sequence != nil {
		seq = *b.Sequence
	}
	v, err := a.svc.UpdateVisit(r.Context(), actor(r), id, in, seq)
	if err != nil {
		return nil, err
	}
	return created{http.StatusOK, v}, nil
}

func (a *API) writeICS(w http.ResponseWriter, r *http.Request, act service.Actor) {
	lang := "zh"
	if r.URL.Query().Get("lang") == "en" {
		lang = "en"
	}
	var buf strings.Builder
	if err := a.svc.WriteVisitsICal(r.Context(), act, lang, &buf); err != nil {
		a.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `inline; filename="visits.ics"`)
	w.Header().Set("Cache-Control", "no-store")
	if _, err := io.WriteString(w, buf.String()); err != nil {
		a.log.DebugContext(r.Context(), "calendar not delivered", "err", err) // the client left; nobody to tell
	}
}

func (a *API) visitsICS(w http.ResponseWriter, r *http.Request) { a.writeICS(w, r, actor(r)) }

// subscribedICS serves /api/v1/calendar.ics?key=SECRET to a calendar app.
func (a *API) subscribedICS(w http.ResponseWriter, r *http.Request) {
	act, err := a.svc.CalendarActor(r.Context(), r.URL.Query().Get("key"))
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	a.writeICS(w, r, act)
}

func (a *API) subscribe(r *http.Request) (any, error) {
	sub, err := a.svc.SubscribeCalendar(r.Context(), actor(r))
	if err != nil {
		return nil, err
	}
	return map[string]any{"secret": sub.Secret, "path": "/api/v1/calendar.ics?key=" + sub.Secret, "hint": sub.Hint, "created_at": sub.CreatedAt}, nil
}

func (a *API) unsubscribe(r *http.Request) (any, error) {
	act := actor(r)
	if err := a.svc.CheckCalendarSubscribe(act); err != nil {
		return nil, err
	}
	if err := a.svc.RevokeCalendar(r.Context(), act); err != nil {
		return nil, err
	}
	return created{http.StatusOK, map[string]any{"revoked": true}}, nil
}

func (a *API) fxRates(r *http.Request) (any, error) {
	rs, err := a.svc.Rates(r.Context(), actor(r))
	if rs == nil {
		rs = []invest.Rate{}
	}
	return rs, err
}

func (a *API) putRate(r *http.Request) (any, error) {
	if err := a.check(r, auth.RateManage, ""); err != nil {
		return nil, err
	}
	var b struct {
		Currency string          `json:"currency"`
		On       string          `json:"on"`
		USD      decimal.Decimal `json:"usd"`
	}
	if err := decode(r, &b); err != nil {
		return nil, err
	}
	on, err := jsonDate("on", b.On)
	if err != nil {
		return nil, err
	}
	return a.svc.PutRate(r.Context(), actor(r), invest.Rate{Currency: invest.Currency(strings.ToUpper(strings.TrimSpace(b.Currency))), On: on, USD: b.USD})
}

func (a *API) feed(r *http.Request) (any, error) {
	if err := a.check(r, auth.InvestRead, ""); err != nil {
		return nil, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	f, ok, err := a.svc.IndicatorFeed(r.Context(), actor(r), id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return map[string]any{"fed": false}, nil
	}
	return map[string]any{"fed": true, "metric": f.Metric, "stage": f.Stage, "period": f.Period, "value": f.Value, "sources": f.Sources}, nil
}

func (a *API) setFeed(r *http.Request) (any, error) {
	if err := a.check(r, auth.FeedManage, ""); err != nil {
		return nil, err
	}
	id, b, err := writeInput[struct {
		Metric string `json:"metric"`
		Stage  string `json:"stage"`
	}](r)
	if err != nil {
		return nil, err
	}
	f := invest.Feed{IndicatorID: id, Metric: invest.Metric(b.Metric)}
	if b.Stage != "" {
		if f.Stage, err = invest.ParseStage(b.Stage); err != nil {
			return nil, err
		}
	}
	if err := a.svc.SetFeed(r.Context(), actor(r), f); err != nil {
		return nil, err
	}
	return map[string]any{"indicator_id": id, "metric": f.Metric, "stage": f.Stage}, nil
}

// check asks the service whether the caller may do action to the record of the path's
// {id} (kind "enterprise", "lead", "visit"; "" for a new record of their own) before the
// body is read: who may not act hears 403, not a complaint about the input.
func (a *API) check(r *http.Request, action auth.Action, kind string) error {
	var id int64
	if kind != "" {
		var err error
		if id, err = pathID(r, "id"); err != nil {
			return err
		}
	}
	if actor(r).UserID == 0 {
		return auth.ErrUnauthenticated
	}
	return a.svc.CheckInvest(r.Context(), actor(r), action, kind, id)
}
