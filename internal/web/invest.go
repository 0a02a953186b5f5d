package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/httpauth"
	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/invest"
	"github.com/lantu-dev/lantu/internal/problem"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/xlsx"
)

// The investment centre's pages: enterprises, chains with their gaps, the pipeline
// board, a lead with its history and funds, the visit calendar by week and month.

func (s *Server) investRoutes(rt *httpauth.Router) {
	const signedIn = httpauth.SignedIn
	type row = httpauth.Route
	rt.Handle(
		row{Pattern: "GET /invest", Who: signedIn, Action: auth.InvestRead, Find: httpauth.None, Handler: s.page(s.pipelinePage)},
		row{Pattern: "GET /invest/enterprises", Who: signedIn, Action: auth.InvestRead, Find: httpauth.None, Handler: s.page(s.enterprisesPage)},
		row{Pattern: "POST /invest/enterprises", Who: signedIn, Action: auth.EnterpriseManage, Find: httpauth.Self, Handler: s.page(s.enterpriseCreate)},
		row{Pattern: "GET /invest/enterprises/{id}", Who: signedIn, Action: auth.InvestRead, Find: httpauth.ByEnterprise, Handler: s.page(s.enterprisePage)},
		row{Pattern: "POST /invest/enterprises/{id}", Who: signedIn, Action: auth.EnterpriseManage, Find: httpauth.ByEnterprise, Handler: s.page(s.enterpriseUpdate)},
		row{Pattern: "GET /invest/enterprises/{id}/contacts", Who: signedIn, Action: auth.ContactRead, Find: httpauth.ByEnterprise, Handler: s.page(s.enterpriseContacts)},
		row{Pattern: "GET /invest/chains", Who: signedIn, Action: auth.InvestRead, Find: httpauth.None, Handler: s.page(s.chainsPage)},
		row{Pattern: "POST /invest/chains", Who: signedIn, Action: auth.ChainManage, Find: httpauth.None, Handler: s.page(s.chainCreate)},
		row{Pattern: "GET /invest/chains/{id}", Who: signedIn, Action: auth.InvestRead, Find: httpauth.ByChain, Handler: s.page(s.chainsPage)},
		row{Pattern: "POST /invest/leads", Who: signedIn, Action: auth.PipelineManage, Find: httpauth.Self, Handler: s.page(s.leadCreate)},
		row{Pattern: "GET /invest/leads/{id}", Who: signedIn, Action: auth.InvestRead, Find: httpauth.ByLead, Handler: s.page(s.leadPage)},
		row{Pattern: "POST /invest/leads/{id}", Who: signedIn, Action: auth.PipelineManage, Find: httpauth.ByLead, Handler: s.page(s.leadUpdate)},
		row{Pattern: "POST /invest/leads/{id}/move", Who: signedIn, Action: auth.PipelineManage, Find: httpauth.ByLead, Handler: s.page(s.leadMove)},
		row{Pattern: "POST /invest/leads/{id}/funds", Who: signedIn, Action: auth.PipelineManage, Find: httpauth.ByLead, Handler: s.page(s.leadFunds)},
		row{Pattern: "GET /invest/pipeline.xlsx", Who: signedIn, Action: auth.InvestRead, Find: httpauth.None, Handler: s.page(s.pipelineXLSX)},
		row{Pattern: "POST /invest/import", Who: signedIn, Action: auth.EnterpriseManage, Find: httpauth.Self, Handler: s.page(s.investImport)},
		row{Pattern: "GET /invest/visits", Who: signedIn, Action: auth.InvestRead, Find: httpauth.None, Handler: s.page(s.visitsPage)},
		row{Pattern: "POST /invest/visits", Who: signedIn, Action: auth.VisitManage, Find: httpauth.Self, Handler: s.page(s.visitCreate)},
		row{Pattern: "GET /invest/visits/{id}", Who: signedIn, Action: auth.InvestRead, Find: httpauth.ByVisit, Handler: s.page(s.visitPage)},
		row{Pattern: "POST /invest/visits/{id}", Who: signedIn, Action: auth.VisitManage, Find: httpauth.ByVisit, Handler: s.page(s.visitUpdate)},
		row{Pattern: "POST /invest/enterprises/{id}/contacts", Who: signedIn, Action: auth.EnterpriseManage, Find: httpauth.ByEnterprise, Handler: s.page(s.contactCreate)},
		row{Pattern: "POST /invest/enterprises/{id}/reassign", Who: signedIn, Action: auth.InvestReassign, Find: httpauth.ByEnterprise, Handler: s.page(s.reassign("enterprise"))},
		row{Pattern: "POST /invest/leads/{id}/reassign", Who: signedIn, Action: auth.InvestReassign, Find: httpauth.ByLead, Handler: s.page(s.reassign("lead"))},
		row{Pattern: "GET /invest/rates", Who: signedIn, Action: auth.InvestRead, Find: httpauth.None, Handler: s.page(s.ratesPage)},
		row{Pattern: "POST /invest/rates", Who: signedIn, Action: auth.RateManage, Find: httpauth.None, Handler: s.page(s.rateCreate)},
		row{Pattern: "POST /invest/calendar", Who: signedIn, Action: auth.CalendarSubscribe, Find: httpauth.Self, Handler: s.page(s.calendarSubscribe)},
		row{Pattern: "POST /invest/calendar/revoke", Who: signedIn, Action: auth.CalendarSubscribe, Find: httpauth.Self, Handler: s.page(s.calendarRevoke)},
	)
}

// investMessage is the sentence of an invest error in a language, for pages and flashes.
func investMessage(lang string, err error) (string, bool) {
	var es invest.Errors
	var ie *invest.Error
	var dup *invest.DuplicateError
	switch {
	case errors.As(err, &dup):
		return fmt.Sprintf(i18n.T(lang, "invest.duplicate"), dup.ExistingName, i18n.T(lang, "invest.duplicate."+dup.By)), true
	case errors.As(err, &es):
		msgs := make([]string, len(es))
		for i, e := range es {
			msgs[i] = fieldLabel(lang, e.Field) + i18n.InvestError(lang, e.Code, e.Args...)
		}
		return strings.Join(msgs, "；"), true
	case errors.As(err, &ie):
		return fieldLabel(lang, ie.Field) + i18n.InvestError(lang, ie.Code, ie.Args...), true
	case errors.Is(err, service.ErrPipelineFed):
		return i18n.T(lang, "invest.fed"), true
	}
	return "", false
}

// fieldLabel names a field before its message (one list, in the error table).
func fieldLabel(lang, field string) string { return problem.InvestFieldLabel(lang, field) }

// flash carries the outcome of a form to the page it redirects to.
func flashURL(path, key, msg string) string {
	return path + "?" + url.Values{key: {msg}}.Encode()
}

func formDate(r *http.Request, name string) (time.Time, error) {
	v := strings.TrimSpace(r.FormValue(name))
	if v == "" {
		return time.Time{}, nil
	}
	return invest.ParseDate(name, v)
}

func formAmount(r *http.Request, name string) (*decimal.Decimal, error) {
	v := strings.TrimSpace(strings.ReplaceAll(r.FormValue(name), ",", ""))
	if v == "" {
		return nil, nil
	}
	d, err := parseAmount(v)
	if err != nil || d == nil {
		return nil, &invest.Error{Code: "amount.positive", Field: name}
	}
	return d, nil
}

// ─── the pipeline board ────────────────────────────────────────────────────────

func (s *Server) pipelinePage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	a := service.ActorFrom(ctx)
	board, err := s.svc.Pipeline(ctx, a)
	if err != nil {
		return err
	}
	fed, err := s.svc.FedStatuses(ctx, a)
	if err != nil {
		return err
	}
	ents, err := s.svc.Enterprises(ctx, a, service.EnterpriseFilter{})
	if err != nil {
		return err
	}
	mine := map[int64]bool{}
	for _, c := range board.Columns {
		for _, l := range c.Leads {
			mine[l.ID] = s.svc.MayWrite(a, auth.PipelineManage, l.RegionID, l.DeptID, l.OwnerID)
		}
	}
	s.render(w, r, http.StatusOK, "invest_pipeline", map[string]any{
		"Board": board, "Fed": fed, "Enterprises": ents, "Mine": mine, "Stages": invest.Stages,
		"CanCreate": s.svc.MayWrite(a, auth.PipelineManage, a.RegionID, 0, a.UserID),
		"Today":     invest.DateOf(s.svc.Now()).Format(time.DateOnly),
		"Error":     flashError(r), "Done": r.URL.Query().Get("done"),
	})
	return nil
}

func (s *Server) leadCreate(w http.ResponseWriter, r *http.Request) error {
	if err := s.checkInvest(r, auth.PipelineManage, ""); err != nil {
		return err
	}
	ctx := r.Context()
	lang := requestLang(r)
	in := service.LeadInput{Name: r.FormValue("name"), Park: r.FormValue("park"), Notes: r.FormValue("notes"), Foreign: r.FormValue("foreign") != ""}
	var err error
	if v := r.FormValue("stage"); v != "" {
		in.Stage, err = invest.ParseStage(v)
	}
	if err == nil {
		in.StageOn, err = formDate(r, "stage_on")
	}
	if err == nil {
		in.PlannedInvestment, err = formAmount(r, "planned_investment")
	}
	if err == nil && r.FormValue("currency") != "" {
		in.Currency, err = invest.ParseCurrency(r.FormValue("currency"))
	}
	if err == nil {
		in.EnterpriseID, _ = strconv.ParseInt(r.FormValue("enterprise_id"), 10, 64)
	}
	var l invest.Lead
	if err == nil {
		l, err = s.svc.CreateLead(ctx, service.ActorFrom(ctx), in)
	}
	if msg, ok := investMessage(lang, err); ok {
		return s.refuse(w, r, http.StatusUnprocessableEntity, msg, s.pipelinePage)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/invest/leads/%d", l.ID), http.StatusSeeOther)
	return nil
}

// ─── a lead ────────────────────────────────────────────────────────────────────

func (s *Server) leadPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a := service.ActorFrom(ctx)
	d, err := s.svc.Lead(ctx, a, id)
	if err != nil {
		return err
	}
	var dates []map[string]any
	for _, st := range invest.Stages {
		dates = append(dates, map[string]any{"Stage": st, "On": d.StageDates[st]})
	}
	links, err := s.svc.AllLinks(ctx, a)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "invest_lead", map[string]any{
		"D": d, "Dates": dates, "Links": links, "Mine": s.svc.MayWrite(a, auth.PipelineManage, d.RegionID, d.DeptID, d.OwnerID),
		"MayReassign": s.svc.MayWrite(a, auth.InvestReassign, d.RegionID, d.DeptID, d.OwnerID),
		"Today":       invest.DateOf(s.svc.Now()).Format(time.DateOnly),
		"Error":       flashError(r), "Done": r.URL.Query().Get("done"),
	})
	return nil
}

func (s *Server) leadMove(w http.ResponseWriter, r *http.Request) error {
	if err := s.checkInvest(r, auth.PipelineManage, "lead"); err != nil {
		return err
	}
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	lang := requestLang(r)
	back := r.FormValue("back")
	if back != "/invest" {
		back = fmt.Sprintf("/invest/leads/%d", id)
	}
	in := service.MoveInput{Reason: r.FormValue("reason")}
	in.Version, _ = strconv.Atoi(r.FormValue("version"))
	in.To, err = invest.ParseStage(r.FormValue("to"))
	if err == nil {
		in.On, err = formDate(r, "on")
	}
	var l invest.Lead
	if err == nil {
		l, err = s.svc.MoveLead(ctx, service.ActorFrom(ctx), id, in)
	}
	if msg, ok := investMessage(lang, err); ok {
		page := s.leadPage
		if back == "/invest" {
			page = s.pipelinePage
		}
		return s.refuse(w, r, http.StatusUnprocessableEntity, msg, page)
	}
	if errors.Is(err, service.ErrConflict) {
		http.Redirect(w, r, flashURL(back, "error", i18n.T(lang, "invest.conflict")), http.StatusSeeOther)
		return nil
	}
	if err != nil {
		return err
	}
	msg := fmt.Sprintf(i18n.T(lang, "invest.moved"), l.Name, i18n.T(lang, "invest.stage."+string(l.Stage)))
	http.Redirect(w, r, flashURL(back, "done", msg), http.StatusSeeOther)
	return nil
}

func (s *Server) leadFunds(w http.ResponseWriter, r *http.Request) error {
	if err := s.checkInvest(r, auth.PipelineManage, "lead"); err != nil {
		return err
	}
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	lang := requestLang(r)
	back := fmt.Sprintf("/invest/leads/%d", id)
	var in service.FundsInput
	amount, err := formAmount(r, "amount")
	if err == nil && amount == nil {
		err = &invest.Error{Code: "amount.positive", Field: "amount"}
	}
	if err == nil {
		in.Amount = *amount
		in.On, err = formDate(r, "on")
	}
	if err == nil && r.FormValue("currency") != "" {
		in.Currency, err = invest.ParseCurrency(r.FormValue("currency"))
	}
	if err == nil {
		_, err = s.svc.RecordFunds(ctx, service.ActorFrom(ctx), id, in)
	}
	if msg, ok := investMessage(lang, err); ok {
		return s.refuse(w, r, http.StatusUnprocessableEntity, msg, s.leadPage)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, flashURL(back, "done", i18n.T(lang, "invest.funds.recorded")), http.StatusSeeOther)
	return nil
}

func (s *Server) pipelineXLSX(w http.ResponseWriter, r *http.Request) error {
	var buf strings.Builder
	if err := s.svc.WritePipelineXLSX(r.Context(), service.ActorFrom(r.Context()), requestLang(r), &buf); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="pipeline.xlsx"`)
	_, err := io.WriteString(w, buf.String())
	return err
}

func (s *Server) investImport(w http.ResponseWriter, r *http.Request) error {
	if err := s.checkInvest(r, auth.EnterpriseManage, ""); err != nil {
		return err
	}
	ctx := r.Context()
	lang := requestLang(r)
	file, hdr, err := r.FormFile("file")
	if err != nil {
		return s.refuse(w, r, http.StatusUnprocessableEntity, i18n.T(lang, "invest.import.nofile"), s.enterprisesPage)
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, xlsx.MaxUpload+1))
	if err != nil {
		return err
	}
	kind := r.FormValue("kind")
	res, err := s.svc.ImportInvest(ctx, service.ActorFrom(ctx), kind, data, xlsx.IsCSVName(hdr.Filename), lang)
	var cells xlsx.Errors
	if errors.As(err, &cells) {
		var b strings.Builder
		for i, c := range cells {
			if i == 20 {
				fmt.Fprintf(&b, "… (%d)", len(cells))
				break
			}
			b.WriteString(i18n.WorkbookCell(lang, c.Sheet, c.Row, c.Column, c.Field, c.Value, c.Code, c.Args, c.Reason) + "\n")
		}
		return s.refuse(w, r, http.StatusUnprocessableEntity, i18n.T(lang, "wb.refused_list")+"\n"+b.String(), s.enterprisesPage)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, flashURL("/invest/enterprises", "done", fmt.Sprintf(i18n.T(lang, "invest.import.done"), res.Created)), http.StatusSeeOther)
	return nil
}

// ─── enterprises ───────────────────────────────────────────────────────────────

func (s *Server) enterprisesPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	a := service.ActorFrom(ctx)
	f := service.EnterpriseFilter{Query: strings.TrimSpace(r.URL.Query().Get("q"))}
	es, err := s.svc.Enterprises(ctx, a, f)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "invest_enterprises", map[string]any{
		"Enterprises": es, "Q": f.Query, "Kinds": invest.Kinds,
		"CanCreate": s.svc.MayWrite(a, auth.EnterpriseManage, a.RegionID, 0, a.UserID),
		"Error":     flashError(r), "Done": r.URL.Query().Get("done"), "DupID": refusedParam(r, "dup"),
	})
	return nil
}

func (s *Server) enterpriseCreate(w http.ResponseWriter, r *http.Request) error {
	if err := s.checkInvest(r, auth.EnterpriseManage, ""); err != nil {
		return err
	}
	ctx := r.Context()
	lang := requestLang(r)
	if err := r.ParseForm(); err != nil {
		return err
	}
	in := service.EnterpriseInput{Name: r.FormValue("name"), CreditCode: r.FormValue("credit_code"), HQCity: r.FormValue("hq_city"),
		Park: r.FormValue("park"), Notes: r.FormValue("notes"), Settled: r.FormValue("settled") != ""}
	for _, k := range r.Form["kinds"] {
		kind, err := invest.ParseKind(k)
		if err != nil {
			return err
		}
		in.Kinds = append(in.Kinds, kind)
	}
	e, err := s.svc.CreateEnterprise(ctx, service.ActorFrom(ctx), in)
	if msg, ok := investMessage(lang, err); ok {
		// The form again as typed; a duplicate links to the one there is.
		var dup *invest.DuplicateError
		var params url.Values
		if errors.As(err, &dup) {
			params = url.Values{"dup": {strconv.FormatInt(dup.ExistingID, 10)}}
		}
		return s.refuseWith(w, r, http.StatusUnprocessableEntity, msg, params, s.enterprisesPage)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/invest/enterprises/%d", e.ID), http.StatusSeeOther)
	return nil
}

func (s *Server) enterprisePage(w http.ResponseWriter, r *http.Request) error {
	return s.renderEnterprise(w, r, false)
}

// enterpriseContacts shows the enterprise with its contacts: the read is audited.
func (s *Server) enterpriseContacts(w http.ResponseWriter, r *http.Request) error {
	return s.renderEnterprise(w, r, true)
}

func (s *Server) renderEnterprise(w http.ResponseWriter, r *http.Request, contacts bool) error {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a := service.ActorFrom(ctx)
	e, err := s.svc.Enterprise(ctx, a, id)
	if err != nil {
		return err
	}
	leads, err := s.svc.Leads(ctx, a, service.LeadFilter{})
	if err != nil {
		return err
	}
	var own []invest.Lead
	for _, l := range leads {
		if l.EnterpriseID == id {
			own = append(own, l)
		}
	}
	visits, err := s.svc.Visits(ctx, a, service.VisitFilter{EnterpriseID: id})
	if err != nil {
		return err
	}
	links, err := s.svc.AllLinks(ctx, a)
	if err != nil {
		return err
	}
	onLink := map[int64]bool{}
	for _, l := range e.LinkIDs {
		onLink[l] = true
	}
	hasKind := map[invest.Kind]bool{}
	for _, k := range e.Kinds {
		hasKind[k] = true
	}
	data := map[string]any{"E": e, "Leads": own, "Visits": visits, "MayContacts": s.svc.MaySeeContacts(a, e),
		"Links": links, "OnLink": onLink, "Kinds": invest.Kinds, "HasKind": hasKind,
		"Mine":        s.svc.MayWrite(a, auth.EnterpriseManage, e.RegionID, e.DeptID, e.OwnerID),
		"MayReassign": s.svc.MayWrite(a, auth.InvestReassign, e.RegionID, e.DeptID, e.OwnerID),
		"Error":       flashError(r), "Done": r.URL.Query().Get("done")}
	if contacts {
		a.Address = clientIP(r)
		cs, err := s.svc.Contacts(ctx, a, id)
		if err != nil {
			return err
		}
		data["Contacts"] = cs
		data["ShowContacts"] = true
	}
	s.render(w, r, http.StatusOK, "invest_enterprise", data)
	return nil
}

// clientIP is the request's address for an audited read.
func clientIP(r *http.Request) string {
	if a := service.ActorFrom(r.Context()).Address; a != "" {
		return a
	}
	host, _, _ := strings.Cut(r.RemoteAddr, ":")
	return host
}

// ─── chains ────────────────────────────────────────────────────────────────────

func (s *Server) chainsPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	a := service.ActorFrom(ctx)
	chains, err := s.svc.Chains(ctx, a)
	if err != nil {
		return err
	}
	data := map[string]any{"Chains": chains, "CanCreate": s.svc.CheckInvest(ctx, a, auth.ChainManage, "", 0) == nil,
		"Error": flashError(r)}
	var id int64
	if r.PathValue("id") != "" {
		if id, err = pathID(r, "id"); err != nil {
			return err
		}
	} else if len(chains) > 0 {
		id = chains[0].ID
	}
	if id != 0 {
		t, err := s.svc.Chain(ctx, a, id)
		if err != nil {
			return err
		}
		gaps := map[string]int{}
		for g, n := range t.Gaps {
			gaps[string(g)] = n
		}
		data["Tree"], data["Nodes"], data["Gaps"] = t, invest.Flatten(t.Roots), gaps
	}
	s.render(w, r, http.StatusOK, "invest_chains", data)
	return nil
}

// ─── visits ────────────────────────────────────────────────────────────────────

type calDay struct {
	Date   time.Time
	Visits []invest.Visit
	Other  bool // outside the month shown
	Today  bool
}

func (s *Server) visitsPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	a := service.ActorFrom(ctx)
	q := r.URL.Query()
	view := q.Get("view")
	if view != "month" {
		view = "week"
	}
	today := s.svc.Now().In(invest.China)
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, invest.China)
	if v := q.Get("date"); v != "" {
		d, err := time.ParseInLocation(time.DateOnly, v, invest.China)
		if err != nil {
			return &invest.Error{Code: "date.invalid", Field: "date", Args: []any{v}}
		}
		day = d
	}
	// The window: Monday to Sunday of the week, or the weeks covering the month.
	var from, to time.Time
	var prev, next time.Time
	if view == "week" {
		from = day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
		to = from.AddDate(0, 0, 7)
		prev, next = from.AddDate(0, 0, -7), to
	} else {
		first := time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, invest.China)
		from = first.AddDate(0, 0, -((int(first.Weekday()) + 6) % 7))
		last := first.AddDate(0, 1, 0)
		to = last.AddDate(0, 0, (7-(int(last.Weekday())+6)%7)%7)
		prev, next = first.AddDate(0, -1, 0), last
	}
	vs, err := s.svc.Visits(ctx, a, service.VisitFilter{From: from, To: to})
	if err != nil {
		return err
	}
	var days []calDay
	for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
		cd := calDay{Date: d, Other: view == "month" && d.Month() != day.Month(), Today: d.Equal(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, invest.China))}
		for _, v := range vs {
			if st := v.Starts.In(invest.China); st.Year() == d.Year() && st.YearDay() == d.YearDay() {
				cd.Visits = append(cd.Visits, v)
			}
		}
		days = append(days, cd)
	}
	hint, live, _ := s.svc.CalendarStatus(ctx, a)
	ents, err := s.svc.Enterprises(ctx, a, service.EnterpriseFilter{})
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "invest_visits", map[string]any{
		"View": view, "Days": days, "Visits": vs, "Day": day, "Prev": prev.Format(time.DateOnly), "Next": next.Format(time.DateOnly),
		"Enterprises": ents, "CanCreate": s.svc.MayWrite(a, auth.VisitManage, a.RegionID, 0, a.UserID),
		"CanSubscribe": s.svc.CheckCalendarSubscribe(a) == nil, "Hint": hint, "Live": live,
		"Secret": r.URL.Query().Get("secret"), "Error": flashError(r), "Done": r.URL.Query().Get("done"),
	})
	return nil
}

func (s *Server) visitCreate(w http.ResponseWriter, r *http.Request) error {
	if err := s.checkInvest(r, auth.VisitManage, ""); err != nil {
		return err
	}
	ctx := r.Context()
	lang := requestLang(r)
	in := service.VisitInput{City: r.FormValue("city"), Enterprise: r.FormValue("enterprise"), Purpose: r.FormValue("purpose")}
	in.EnterpriseID, _ = strconv.ParseInt(r.FormValue("enterprise_id"), 10, 64)
	in.Minutes, _ = strconv.Atoi(r.FormValue("minutes"))
	var err error
	in.Starts, err = time.ParseInLocation("2006-01-02T15:04", r.FormValue("starts"), invest.China)
	if err != nil {
		err = &invest.Error{Code: "date.invalid", Field: "starts", Args: []any{r.FormValue("starts")}}
	}
	var v invest.Visit
	if err == nil {
		v, err = s.svc.CreateVisit(ctx, service.ActorFrom(ctx), in)
	}
	if msg, ok := investMessage(lang, err); ok {
		return s.refuse(w, r, http.StatusUnprocessableEntity, msg, s.visitsPage)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/invest/visits?date="+v.Starts.In(invest.China).Format(time.DateOnly), http.StatusSeeOther)
	return nil
}

func (s *Server) calendarSubscribe(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	sub, err := s.svc.SubscribeCalendar(ctx, service.ActorFrom(ctx))
	if err != nil {
		return err
	}
	// The secret is shown once, on the page the form lands on; it is not logged (the
	// query of a redirect target is the browser's, and the page is no-store).
	s.render(w, r, http.StatusOK, "invest_subscribed", map[string]any{"Path": "/api/v1/calendar.ics?key=" + sub.Secret})
	return nil
}

func (s *Server) calendarRevoke(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	a := service.ActorFrom(ctx)
	if err := s.svc.CheckCalendarSubscribe(a); err != nil {
		return err
	}
	if err := s.svc.RevokeCalendar(ctx, a); err != nil {
		return err
	}
	http.Redirect(w, r, flashURL("/invest/visits", "done", i18n.T(requestLang(r), "invest.subscribe.revoked")), http.StatusSeeOther)
	return nil
}

// checkInvest asks the service whether the caller may do action to the record of the
// path's {id} (or a new one of their own) before the form is read.
func (s *Server) checkInvest(r *http.Request, action auth.Action, kind string) error {
	var id int64
	if kind != "" {
		var err error
		if id, err = pathID(r, "id"); err != nil {
			return err
		}
	}
	return s.svc.CheckInvest(r.Context(), service.ActorFrom(r.Context()), action, kind, id)
}

// ─── a visit, contacts, reassigning, rates ─────────────────────────────────────

func (s *Server) visitPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a := service.ActorFrom(ctx)
	v, err := s.svc.Visit(ctx, a, id)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "invest_visit", map[string]any{
		"V": v, "Mine": s.svc.MayWrite(a, auth.VisitManage, v.RegionID, v.DeptID, v.OwnerID), "Starts": v.Starts.In(invest.China).Format("2006-01-02T15:04"),
		"Statuses": []invest.VisitStatus{invest.VisitPlanned, invest.VisitDone, invest.VisitCancelled},
		"Error":    flashError(r), "Done": r.URL.Query().Get("done"),
	})
	return nil
}

func (s *Server) visitUpdate(w http.ResponseWriter, r *http.Request) error {
	if err := s.checkInvest(r, auth.VisitManage, "visit"); err != nil {
		return err
	}
	ctx := r.Context()
	id, _ := pathID(r, "id")
	lang := requestLang(r)
	back := fmt.Sprintf("/invest/visits/%d", id)
	a := service.ActorFrom(ctx)
	cur, err := s.svc.Visit(ctx, a, id)
	if err != nil {
		return err
	}
	in := service.VisitInput{City: r.FormValue("city"), EnterpriseID: cur.EnterpriseID, Enterprise: cur.Enterprise, LeadID: cur.LeadID,
		Purpose: r.FormValue("purpose"), Outcome: r.FormValue("outcome"), NextStep: r.FormValue("next_step"), Status: invest.VisitStatus(r.FormValue("status"))}
	in.Minutes, _ = strconv.Atoi(r.FormValue("minutes"))
	seq, err := strconv.Atoi(r.FormValue("sequence"))
	if err != nil {
		seq = -1
	}
	in.Starts, err = time.ParseInLocation("2006-01-02T15:04", r.FormValue("starts"), invest.China)
	if err != nil {
		err = &invest.Error{Code: "date.invalid", Field: "starts", Args: []any{r.FormValue("starts")}}
	}
	if err == nil {
		in.NextOn, err = formDate(r, "next_on")
	}
	if err == nil {
		_, err = s.svc.UpdateVisit(ctx, a, id, in, seq)
	}
	if msg, ok := investMessage(lang, err); ok {
		return s.refuse(w, r, http.StatusUnprocessableEntity, msg, s.visitPage)
	}
	if errors.Is(err, service.ErrConflict) {
		http.Redirect(w, r, flashURL(back, "error", i18n.T(lang, "invest.conflict")), http.StatusSeeOther)
		return nil
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, flashURL(back, "done", i18n.T(lang, "invest.saved")), http.StatusSeeOther)
	return nil
}

func (s *Server) contactCreate(w http.ResponseWriter, r *http.Request) error {
	if err := s.checkInvest(r, auth.EnterpriseManage, "enterprise"); err != nil {
		return err
	}
	ctx := r.Context()
	id, _ := pathID(r, "id")
	lang := requestLang(r)
	_, err := s.svc.AddContact(ctx, service.ActorFrom(ctx), id, invest.Contact{Name: r.FormValue("name"), Title: r.FormValue("title"),
		Phone: r.FormValue("phone"), Email: r.FormValue("email")})
	back := fmt.Sprintf("/invest/enterprises/%d/contacts", id)
	if msg, ok := investMessage(lang, err); ok {
		return s.refuse(w, r, http.StatusUnprocessableEntity, msg, s.enterpriseContacts)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
	return nil
}

func (s *Server) reassign(kind string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := s.checkInvest(r, auth.InvestReassign, kind); err != nil {
			return err
		}
		ctx := r.Context()
		id, _ := pathID(r, "id")
		back := fmt.Sprintf("/invest/%ss/%d", kind, id)
		err := s.svc.Reassign(ctx, service.ActorFrom(ctx), kind, id, r.FormValue("owner"))
		var fe *auth.FieldError
		if errors.As(err, &fe) {
			page := s.enterprisePage
			if kind == "lead" {
				page = s.leadPage
			}
			return s.refuse(w, r, http.StatusUnprocessableEntity, i18n.AccountFieldError(requestLang(r), fe.Field, fe.Code), page)
		}
		if err != nil {
			return err
		}
		http.Redirect(w, r, flashURL(back, "done", i18n.T(requestLang(r), "invest.saved")), http.StatusSeeOther)
		return nil
	}
}

func (s *Server) ratesPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	a := service.ActorFrom(ctx)
	rs, err := s.svc.Rates(ctx, a)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "invest_rates", map[string]any{
		"Rates": rs, "CanEdit": s.svc.CheckInvest(ctx, a, auth.RateManage, "", 0) == nil,
		"Today": invest.DateOf(s.svc.Now()).Format(time.DateOnly), "Error": flashError(r), "Done": r.URL.Query().Get("done"),
	})
	return nil
}

func (s *Server) rateCreate(w http.ResponseWriter, r *http.Request) error {
	if err := s.checkInvest(r, auth.RateManage, ""); err != nil {
		return err
	}
	ctx := r.Context()
	lang := requestLang(r)
	on, err := formDate(r, "on")
	var usd *decimal.Decimal
	if err == nil {
		usd, err = formAmount(r, "usd")
	}
	if err == nil && usd == nil {
		err = &invest.Error{Code: "amount.positive", Field: "usd"}
	}
	if err == nil {
		_, err = s.svc.PutRate(ctx, service.ActorFrom(ctx), invest.Rate{Currency: invest.Currency(strings.ToUpper(strings.TrimSpace(r.FormValue("currency")))), On: on, USD: *usd})
	}
	if msg, ok := investMessage(lang, err); ok {
		return s.refuse(w, r, http.StatusUnprocessableEntity, msg, s.ratesPage)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, flashURL("/invest/rates", "done", i18n.T(lang, "invest.saved")), http.StatusSeeOther)
	return nil
}

// leadUpdate changes a lead's figures, park, chain link and notes (not its stage).
func (s *Server) leadUpdate(w http.ResponseWriter, r *http.Request) error {
	if err := s.checkInvest(r, auth.PipelineManage, "lead"); err != nil {
		return err
	}
	ctx := r.Context()
	id, _ := pathID(r, "id")
	lang := requestLang(r)
	back := fmt.Sprintf("/invest/leads/%d", id)
	a := service.ActorFrom(ctx)
	cur, err := s.svc.Lead(ctx, a, id)
	if err != nil {
		return err
	}
	in := service.LeadInput{Name: r.FormValue("name"), EnterpriseID: cur.EnterpriseID, Park: r.FormValue("park"), Notes: r.FormValue("notes"),
		Foreign: r.FormValue("foreign") != ""}
	in.LinkID, _ = strconv.ParseInt(r.FormValue("link_id"), 10, 64)
	version, _ := strconv.Atoi(r.FormValue("version"))
	if in.Currency, err = invest.ParseCurrency(r.FormValue("currency")); err == nil {
		if in.PlannedInvestment, err = formAmount(r, "planned_investment"); err == nil {
			if in.YearlyOutput, err = formAmount(r, "yearly_output"); err == nil {
				in.YearlyTax, err = formAmount(r, "yearly_tax")
			}
		}
	}
	if err == nil {
		_, err = s.svc.UpdateLead(ctx, a, id, in, version)
	}
	if msg, ok := investMessage(lang, err); ok {
		return s.refuse(w, r, http.StatusUnprocessableEntity, msg, s.leadPage)
	}
	if errors.Is(err, service.ErrConflict) {
		http.Redirect(w, r, flashURL(back, "error", i18n.T(lang, "invest.conflict")), http.StatusSeeOther)
		return nil
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, flashURL(back, "done", i18n.T(lang, "invest.saved")), http.StatusSeeOther)
	return nil
}

// enterpriseUpdate changes an enterprise's record; a duplicate of another is refused,
// naming it.
func (s *Server) enterpriseUpdate(w http.ResponseWriter, r *http.Request) error {
	if err := s.checkInvest(r, auth.EnterpriseManage, "enterprise"); err != nil {
		return err
	}
	ctx := r.Context()
	id, _ := pathID(r, "id")
	lang := requestLang(r)
	back := fmt.Sprintf("/invest/enterprises/%d", id)
	if err := r.ParseForm(); err != nil {
		return err
	}
	in := service.EnterpriseInput{Name: r.FormValue("name"), CreditCode: r.FormValue("credit_code"), HQCity: r.FormValue("hq_city"),
		Park: r.FormValue("park"), Notes: r.FormValue("notes"), Settled: r.FormValue("settled") != "", Kinds: []invest.Kind{}, LinkIDs: []int64{}}
	for _, k := range r.Form["kinds"] {
		kind, err := invest.ParseKind(k)
		if err != nil {
			return err
		}
		in.Kinds = append(in.Kinds, kind)
	}
	for _, v := range r.Form["link_ids"] {
		if l, err := strconv.ParseInt(v, 10, 64); err == nil && l > 0 {
			in.LinkIDs = append(in.LinkIDs, l)
		}
	}
	version, _ := strconv.Atoi(r.FormValue("version"))
	_, err := s.svc.UpdateEnterprise(ctx, service.ActorFrom(ctx), id, in, version)
	if msg, ok := investMessage(lang, err); ok {
		return s.refuse(w, r, http.StatusUnprocessableEntity, msg, s.enterprisePage)
	}
	if errors.Is(err, service.ErrConflict) {
		http.Redirect(w, r, flashURL(back, "error", i18n.T(lang, "invest.conflict")), http.StatusSeeOther)
		return nil
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, flashURL(back, "done", i18n.T(lang, "invest.saved")), http.StatusSeeOther)
	return nil
}

// chainCreate adds a chain from a form: its code and name, and one link a line as
// "code 名称 [上级代码] [延链]".
func (s *Server) chainCreate(w http.ResponseWriter, r *http.Request) error {
	if err := s.checkInvest(r, auth.ChainManage, ""); err != nil {
		return err
	}
	ctx := r.Context()
	lang := requestLang(r)
	in := service.ChainInput{Code: r.FormValue("code"), Name: r.FormValue("name")}
	for _, line := range strings.Split(r.FormValue("links"), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		l := service.LinkInput{Code: f[0]}
		if len(f) > 1 {
			l.Name = f[1]
		}
		for _, x := range f[2:] {
			if x == "延链" || x == "extend" {
				l.Extension = true
			} else {
				l.Parent = x
			}
		}
		in.Links = append(in.Links, l)
	}
	c, err := s.svc.CreateChain(ctx, service.ActorFrom(ctx), in)
	if msg, ok := investMessage(lang, err); ok {
		return s.refuse(w, r, http.StatusUnprocessableEntity, msg, s.chainsPage)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/invest/chains/%d", c.ID), http.StatusSeeOther)
	return nil
}
