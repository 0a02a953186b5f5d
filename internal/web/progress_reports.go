package web

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/problem"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
)

// workRow is one indicator on the reporting worklist.
type workRow struct {
	Ind       service.IndicatorRow
	TargetInd plan.Indicator
	Status    statusRow
	Latest    *service.StoredReport
	LatestP   string
	LatestFig string
	Owed      []owed
	Overdue   int
	Next      string // the period the report button proposes ("" when every period is locked or filed)
	NextLabel string
	NextEdit  int64  // the draft or rejected report of Next, which the button opens for editing
	Rejected  string // the reviewer's reason, when the latest report was sent back
	CanReport bool
	CanEdit   bool
	// Unlocks are the department's requests to reopen a period of the indicator: pending,
	// or decided lately (a decline with its reason).
	Unlocks []unlockRequestRow
}

type worklistView struct {
	Plan    *plan.Plan
	At      string
	Demo    bool
	All     bool // an admin: every department
	Rows    []workRow
	Overdue int
	Open    int // drafts and rejected reports waiting for their author
	Flash   *flashMsg
}

// worklistPage lists, for the user's departments, the indicators with targets, their
// latest report and the periods still owed, overdue first.
func (s *Server) worklistPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	a := service.ActorFrom(ctx)
	if a.UserID == 0 {
		return auth.ErrUnauthenticated
	}
	lang := requestLang(r)
	id, err := s.planParam(r)
	if err != nil {
		return err
	}
	statuses, at, err := s.svc.PlanStatus(ctx, a, id, time.Time{})
	if err != nil {
		return err
	}
	p, err := s.svc.PlanHeader(ctx, id)
	if err != nil {
		return err
	}
	inds, err := s.svc.PlanIndicators(ctx, a, id)
	if err != nil {
		return err
	}
	byID := map[int64]service.IndicatorStatus{}
	for _, st := range statuses {
		byID[st.IndicatorID] = st
	}
	admin := a.HasRole(auth.RoleAdmin)
	unlocks, err := s.worklistUnlocks(r, id)
	if err != nil {
		return err
	}
	v := &worklistView{Plan: p, At: at.Format(time.DateOnly), Demo: p.AsOf != nil, All: admin, Flash: flashFrom(r)}
	for _, ind := range inds {
		if !ind.HasTarget() || (!admin && !a.InDept(ind.DeptID)) {
			continue
		}
		st, ok := byID[ind.ID]
		if !ok {
			continue
		}
		reports, err := s.svc.Reports(ctx, a, ind.ID)
		if isForbidden(err) {
			continue
		} else if err != nil {
			return err
		}
		res := indicatorResource(ind)
		row := workRow{Ind: ind, Status: newStatusRow(lang, st, ind.Indicator),
			CanReport: auth.Allowed(a.Principal, auth.ReportCreate, res), CanEdit: auth.Allowed(a.Principal, auth.ReportEdit, res)}
		row.TargetInd = row.Status.Ind
		if n := len(reports); n > 0 {
			latest := reports[0]
			for _, rep := range reports[1:] {
				if latest.Period.Before(rep.Period) || (latest.Period == rep.Period && rep.Revision >= latest.Revision) {
					latest = rep
				}
			}
			row.Latest, row.LatestP = &latest, periodLabel(lang, latest.Period)
			row.LatestFig = reportFigure(lang, ind.Indicator, latest.Report)
			if latest.State == progress.StateDraft || latest.State == progress.StateRejected {
				v.Open++
			}
			if latest.State == progress.StateRejected {
				row.Rejected = latest.RejectReason
			}
		}
		row.Owed = owedPeriods(lang, ind, p, reports, at)
		lk, err := s.locksFor(ctx, a, ind, p)
		if err != nil {
			return err
		}
		row.Unlocks = unlocks[ind.ID]
		for i := range row.Owed {
			row.Owed[i].Locked = lk.closed(row.Owed[i].Period)
			for _, q := range row.Unlocks {
				if q.State == "pending" && q.Period == row.Owed[i].Period.String() {
					row.Owed[i].Asked = true
				}
			}
		}
		for _, o := range row.Owed {
			if o.Overdue {
				row.Overdue++
			}
		}
		v.Overdue += row.Overdue
		if per, open, ok := openPeriod(ind, p, reports, at, lk); ok {
			row.Next, row.NextLabel = per.String(), periodLabel(lang, per)
			if open != nil {
				row.NextEdit = open.ID
			}
		}
		v.Rows = append(v.Rows, row)
	}
	slices.SortStableFunc(v.Rows, func(x, y workRow) int {
		if x.Overdue != y.Overdue {
			return y.Overdue - x.Overdue
		}
		return len(y.Owed) - len(x.Owed)
	})
	s.render(w, r, http.StatusOK, "reports", v)
	return nil
}

// reportForm is the report form's data: what was typed, and what went wrong where.
type reportForm struct {
	Ind service.IndicatorRow
	// LockedPeriod is the locked period a refusal names: the form offers 申请解锁 for it.
	LockedPeriod string
	// SavedOnly: the draft was saved but its submission refused; the flash says so.
	SavedOnly bool
	TargetInd plan.Indicator
	Status    statusRow
	Action    string
	Edit      bool
	ReportID  int64
	Version   int
	State     progress.State
	Reject    string
	Growth    bool
	Milestone bool
	AccHint   string // message key for the value's hint

	Period, Value, LastYear, Amount, Note, Cause, Remedy string
	Cumulative, Done                                     bool

	Errors   map[string]string
	Problem  string             // a message for the whole form (conflict, lock, duplicate)
	Evidence []service.Evidence // the files attached to the report (佐证材料)
	Flash    *flashMsg
	Back     string
	ReadOnly bool // the report is submitted or approved: nothing to save here
}

func (s *Server) newForm(ind service.IndicatorRow, st service.IndicatorStatus, lang string) *reportForm {
	f := &reportForm{Ind: ind, Status: newStatusRow(lang, st, ind.Indicator), Growth: ind.Kind == plan.KindGrowth,
		Milestone: ind.Kind == plan.KindMilestone, Errors: map[string]string{}, Back: fmt.Sprintf("/indicators/%d", ind.ID)}
	f.TargetInd = f.Status.Ind
	switch {
	case f.Growth:
		f.AccHint = "prog.form.hint.growth"
	case ind.Accumulation == plan.Periodic:
		f.AccHint = "prog.form.hint.periodic"
	case ind.Accumulation == plan.Stock:
		f.AccHint = "prog.form.hint.stock"
	default:
		f.AccHint = "prog.form.hint.cumulative"
	}
	return f
}

// formIndicator reads an indicator for the form: the actor must see it and may report
// for its department.
func (s *Server) formIndicator(r *http.Request, id int64) (service.IndicatorRow, service.IndicatorStatus, error) {
	ctx := r.Context()
	a := service.ActorFrom(ctx)
	if a.UserID == 0 {
		return service.IndicatorRow{}, service.IndicatorStatus{}, auth.ErrUnauthenticated
	}
	st, _, err := s.svc.OneStatus(ctx, a, id, time.Time{})
	if err != nil {
		return service.IndicatorRow{}, st, err
	}
	ind, err := s.svc.Indicator(ctx, a, id)
	if err != nil {
		return ind, st, err
	}
	if err := auth.Can(a.Principal, auth.ReportCreate, indicatorResource(ind)); err != nil {
		return ind, st, err
	}
	return ind, st, nil
}

func (s *Server) newReportForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ind, st, err := s.formIndicator(r, id)
	if err != nil {
		return err
	}
	ctx := r.Context()
	p, err := s.svc.PlanHeader(ctx, ind.PlanID)
	if err != nil {
		return err
	}
	reports, err := s.svc.Reports(ctx, service.ActorFrom(ctx), id)
	if err != nil {
		return err
	}
	f := s.newForm(ind, st, requestLang(r))
	f.Action = fmt.Sprintf("/indicators/%d/reports", id)
	lk, err := s.locksFor(ctx, service.ActorFrom(ctx), ind, p)
	if err != nil {
		return err
	}
	if per, _, ok := openPeriod(ind, p, reports, s.svc.AsOf(p), lk); ok {
		f.Period = per.String()
	} else {
		f.Period = duePeriod(ind, p, reports, s.svc.AsOf(p)).String()
	}
	if q := r.URL.Query().Get("period"); q != "" {
		if per, err := progress.ParsePeriod(q); err == nil {
			f.Period = per.String()
		}
	}
	// A period that already has a draft or a sent-back report: open that one for
	// editing instead of a second report the service would refuse.
	if per, err := progress.ParsePeriod(f.Period); err == nil {
		if open := latestOpen(reports, per); open != nil && auth.Allowed(service.ActorFrom(ctx).Principal, auth.ReportEdit, indicatorResource(ind)) {
			http.Redirect(w, r, fmt.Sprintf("/reports/%d/edit", open.ID), http.StatusSeeOther)
			return nil
		}
	}
	f.Cumulative = ind.Accumulation == plan.Cumulative || ind.Accumulation == ""
	s.render(w, r, http.StatusOK, "report_form", f)
	return nil
}

// readForm fills the form from the request and gives the service's input; bad numbers
// are marked in f.Errors.
func readForm(r *http.Request, f *reportForm) service.ReportInput {
	lang := requestLang(r)
	f.Period = r.PostFormValue("period")
	f.Value, f.LastYear, f.Amount = r.PostFormValue("value"), r.PostFormValue("last_year"), r.PostFormValue("amount")
	f.Note, f.Cause, f.Remedy = r.PostFormValue("note"), r.PostFormValue("cause"), r.PostFormValue("remedy")
	f.Cumulative, f.Done = r.PostFormValue("cumulative") != "", r.PostFormValue("done") != ""
	in := service.ReportInput{Period: f.Period, Done: f.Done, Note: f.Note, Cause: f.Cause, Remedy: f.Remedy}
	in.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	if r.PostFormValue("cumulative_shown") != "" {
		c := f.Cumulative
		in.Cumulative = &c
	}
	if _, err := progress.ParsePeriod(strings.TrimSpace(f.Period)); err != nil && !f.Edit {
		f.Errors["period"] = i18n.T(lang, "prog.form.badperiod")
	}
	in.Period = strings.TrimSpace(f.Period)
	var err error
	if in.Value, err = parseAmount(f.Value); err != nil {
		f.Errors["value"] = i18n.T(lang, "prog.form.notnumber")
	}
	if in.LastYear, err = parseAmount(f.LastYear); err != nil {
		f.Errors["last_year"] = i18n.T(lang, "prog.form.notnumber")
	}
	if in.Amount, err = parseAmount(f.Amount); err != nil {
		f.Errors["amount"] = i18n.T(lang, "prog.form.notnumber")
	}
	return in
}

// formError puts a service error on the form: field messages, or one for the whole form,
// with the status the error table gives it. Errors the form cannot explain are returned as they are.
func formError(lang string, f *reportForm, err error) (int, error) {
	var verrs progress.ValidationErrors
	var verr *progress.ValidationError
	var conflict *progress.ConflictError
	var locked *progress.LockedError
	switch {
	case errors.As(err, &conflict):
		cur := conflict.Current
		val := i18n.Amount(lang, cur.Value, statusUnit(f.Ind.Kind, f.Ind.Unit))
		f.Problem = fmt.Sprintf(i18n.T(lang, "prog.form.conflict"), val, cur.Version, i18n.T(lang, "prog.state."+string(cur.State)))
		f.Version, f.State = cur.Version, cur.State
		return problem.Of(err).Status, nil
	case errors.As(err, &locked):
		f.Problem = fmt.Sprintf(i18n.T(lang, "prog.form.locked"), locked.Since.Format("2006-01-02"))
		f.LockedPeriod = locked.Period.String()
		return problem.Of(err).Status, nil
	case errors.Is(err, service.ErrReportExists):
		f.Problem = i18n.T(lang, "prog.form.exists")
		return problem.Of(err).Status, nil
	case errors.Is(err, progress.ErrInvalidTransition):
		f.Problem = i18n.T(lang, "prog.form.transition")
		return problem.Of(err).Status, nil
	case errors.As(err, &verrs):
		for _, e := range verrs {
			f.Errors[e.Field] = i18n.ValidationText(lang, e.Code, e.Args, e.Message)
		}
		return problem.Of(err).Status, nil
	case errors.As(err, &verr):
		f.Errors[verr.Field] = i18n.ValidationText(lang, verr.Code, verr.Args, verr.Message)
		return problem.Of(err).Status, nil
	}
	return 0, err
}

// fieldsKnown are the fields the form shows messages beside; others go on top.
var fieldsKnown = map[string]bool{"evidence": true, "period": true, "value": true, "last_year": true, "amount": true, "note": true, "cause": true, "remedy": true}

func (s *Server) renderForm(w http.ResponseWriter, r *http.Request, code int, f *reportForm) {
	lang := requestLang(r)
	for k, msg := range f.Errors {
		if !fieldsKnown[k] {
			if f.Problem != "" {
				f.Problem += " "
			}
			f.Problem += msg
			delete(f.Errors, k)
		}
	}
	if len(f.Errors) > 0 && f.Problem == "" && !f.SavedOnly {
		f.Problem = i18n.T(lang, "prog.form.errors")
	}
	s.render(w, r, code, "report_form", f)
}

func (s *Server) createReport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	a := service.ActorFrom(ctx)
	if a.UserID == 0 {
		return auth.ErrUnauthenticated
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	st, _, err := s.svc.OneStatus(ctx, a, id, time.Time{})
	if err != nil {
		return err
	}
	ind, err := s.svc.Indicator(ctx, a, id)
	if err != nil {
		return err
	}
	lang := requestLang(r)
	f := s.newForm(ind, st, lang)
	f.Action = fmt.Sprintf("/indicators/%d/reports", id)
	in := readForm(r, f)
	ev := readEvidence(r, f)
	if len(f.Errors) > 0 {
		// Only a signed-in user allowed to report here learns what was wrong.
		if err := auth.Can(a.Principal, auth.ReportCreate, indicatorResource(ind)); err != nil {
			return err
		}
		s.renderForm(w, r, http.StatusUnprocessableEntity, f)
		return nil
	}
	rep, err := s.svc.CreateReport(ctx, a, id, in)
	if err != nil {
		code, err := formError(lang, f, err)
		if err != nil {
			return err
		}
		s.renderForm(w, r, code, f)
		return nil
	}
	if done, err := s.attachEvidence(w, r, f, rep, ev); done || err != nil {
		return err
	}
	return s.afterSave(w, r, f, ind, rep)
}

// afterSave submits a saved report when asked and goes back to the indicator; a refused
// submission leaves the draft and shows it in the form with the reasons.
func (s *Server) afterSave(w http.ResponseWriter, r *http.Request, f *reportForm, ind service.IndicatorRow, rep progress.Report) error {
	done := "saved"
	if r.PostFormValue("intent") == "submit" {
		ctx := r.Context()
		_, err := s.svc.Review(ctx, service.ActorFrom(ctx), rep.ID, service.ReviewAction{Action: progress.ActSubmit, Version: rep.Version})
		if err != nil {
			lang := requestLang(r)
			f.Edit, f.ReportID, f.Version, f.State = true, rep.ID, rep.Version, rep.State
			f.Action = fmt.Sprintf("/reports/%d", rep.ID)
			code, err := formError(lang, f, err)
			if err != nil {
				return err
			}
			f.Flash = &flashMsg{Kind: "error", Text: i18n.T(lang, "prog.form.savedonly")}
			f.SavedOnly = true
			s.renderForm(w, r, code, f)
			return nil
		}
		done = "submitted"
	}
	http.Redirect(w, r, withParam(fmt.Sprintf("/indicators/%d#reports", ind.ID), "done", done), http.StatusSeeOther)
	return nil
}

// reportForEdit reads a report and its indicator for the edit form and its POST.
func (s *Server) reportForEdit(r *http.Request) (service.ReportView, service.IndicatorStatus, error) {
	ctx := r.Context()
	a := service.ActorFrom(ctx)
	if a.UserID == 0 {
		return service.ReportView{}, service.IndicatorStatus{}, auth.ErrUnauthenticated
	}
	id, err := pathID(r, "id")
	if err != nil {
		return service.ReportView{}, service.IndicatorStatus{}, err
	}
	rv, err := s.svc.ReportByID(ctx, a, id)
	if err != nil {
		return rv, service.IndicatorStatus{}, err
	}
	st, _, err := s.svc.OneStatus(ctx, a, rv.IndicatorID, time.Time{})
	return rv, st, err
}

func (s *Server) editReportForm(w http.ResponseWriter, r *http.Request) error {
	rv, st, err := s.reportForEdit(r)
	if err != nil {
		return err
	}
	a := service.ActorFrom(r.Context())
	if err := auth.Can(a.Principal, auth.ReportEdit, indicatorResource(rv.Indicator)); err != nil {
		return err
	}
	lang := requestLang(r)
	f := s.newForm(rv.Indicator, st, lang)
	f.fill(rv.Report)
	f.Flash = flashFrom(r)
	if f.Evidence, err = s.svc.ReportEvidence(r.Context(), a, rv.ID); err != nil {
		return err
	}
	if rv.State != progress.StateDraft && rv.State != progress.StateRejected {
		f.Problem, f.ReadOnly = i18n.T(lang, "prog.form.transition"), true
		s.renderForm(w, r, http.StatusConflict, f)
		return nil
	}
	s.renderForm(w, r, http.StatusOK, f)
	return nil
}

// fill shows a stored report in the form.
func (f *reportForm) fill(rep progress.Report) {
	f.Edit, f.ReportID, f.Version, f.State, f.Reject = true, rep.ID, rep.Version, rep.State, rep.RejectReason
	f.Action = fmt.Sprintf("/reports/%d", rep.ID)
	f.Period = rep.Period.String()
	if f.Ind.Kind != plan.KindMilestone && !(f.Growth && rep.Amount != nil && rep.Value.IsZero()) {
		f.Value = i18n.Typed(rep.Value)
	}
	if rep.LastYear != nil {
		f.LastYear = i18n.Typed(*rep.LastYear)
	}
	if rep.Amount != nil {
		f.Amount = i18n.Typed(*rep.Amount)
	}
	f.Cumulative, f.Done = rep.Cumulative, rep.Done
	f.Note, f.Cause, f.Remedy = rep.Note, rep.Cause, rep.Remedy
}

func (s *Server) updateReport(w http.ResponseWriter, r *http.Request) error {
	rv, st, err := s.reportForEdit(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	a := service.ActorFrom(ctx)
	lang := requestLang(r)
	f := s.newForm(rv.Indicator, st, lang)
	f.Edit, f.ReportID, f.State, f.Reject = true, rv.ID, rv.State, rv.RejectReason
	f.Action = fmt.Sprintf("/reports/%d", rv.ID)
	in := readForm(r, f)
	ev := readEvidence(r, f)
	f.Version = in.Version
	f.Period = rv.Period.String() // the period of a report does not change
	if f.Evidence, err = s.svc.ReportEvidence(ctx, a, rv.ID); err != nil {
		return err
	}
	if len(f.Errors) > 0 {
		if err := auth.Can(a.Principal, auth.ReportEdit, indicatorResource(rv.Indicator)); err != nil {
			return err
		}
		s.renderForm(w, r, http.StatusUnprocessableEntity, f)
		return nil
	}
	rep, err := s.svc.UpdateReport(ctx, a, rv.ID, in)
	if err != nil {
		code, err := formError(lang, f, err)
		if err != nil {
			return err
		}
		s.renderForm(w, r, code, f)
		return nil
	}
	if done, err := s.attachEvidence(w, r, f, rep, ev); done || err != nil {
		return err
	}
	return s.afterSave(w, r, f, rv.Indicator, rep)
}

// showReport sends a report's address to its line on the indicator's page.
func (s *Server) showReport(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	rv, err := s.svc.ReportByID(r.Context(), service.ActorFrom(r.Context()), id)
	if err != nil {
		return err
	}
	u := fmt.Sprintf("/indicators/%d", rv.IndicatorID)
	if q := r.URL.Query(); doneCodes[q.Get("done")] {
		u = withParam(u, "done", q.Get("done"))
	} else if failCodes[q.Get("fail")] {
		u = withParam(u, "fail", q.Get("fail"))
	}
	http.Redirect(w, r, fmt.Sprintf("%s#report-%d", u, rv.ID), http.StatusSeeOther)
	return nil
}

// reportAction handles the workflow buttons: submit, withdraw, approve, reject, correct.
// Each goes back (303) to the page it came from with the outcome in ?done= or ?fail=.
func (s *Server) reportAction(act progress.Action) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		ctx := r.Context()
		a := service.ActorFrom(ctx)
		if a.UserID == 0 {
			return auth.ErrUnauthenticated
		}
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		next := r.PostFormValue("next")
		if next == "" {
			next = fmt.Sprintf("/reports/%d", id)
		}
		if act == progress.ActCorrect {
			rep, err := s.svc.CorrectReport(ctx, a, id)
			if err != nil {
				return s.actionFailed(w, r, next, err)
			}
			http.Redirect(w, r, withParam(fmt.Sprintf("/reports/%d/edit", rep.ID), "done", "corrected"), http.StatusSeeOther)
			return nil
		}
		version, _ := strconv.Atoi(r.PostFormValue("version"))
		_, err = s.svc.Review(ctx, a, id, service.ReviewAction{Action: act, Version: version, Reason: r.PostFormValue("reason")})
		if err != nil {
			var verrs progress.ValidationErrors
			if act == progress.ActSubmit && errors.As(err, &verrs) {
				// A submission needs a cause and remedy: show them in the report's form.
				return s.submitRefused(w, r, id, err)
			}
			return s.actionFailed(w, r, next, err)
		}
		done := map[progress.Action]string{progress.ActSubmit: "submitted", progress.ActWithdraw: "withdrawn",
			progress.ActApprove: "approved", progress.ActReject: "rejected"}[act]
		http.Redirect(w, r, withParam(next, "done", done), http.StatusSeeOther)
		return nil
	}
}

// actionFailed goes back with the reason a workflow action was refused; refusals of
// permission and unexpected errors become the error page.
func (s *Server) actionFailed(w http.ResponseWriter, r *http.Request, next string, err error) error {
	var verr *progress.ValidationError
	code := ""
	switch {
	case errors.Is(err, progress.ErrConflict):
		code = "conflict"
	case errors.Is(err, progress.ErrLocked):
		code = "locked"
	case errors.Is(err, progress.ErrInvalidTransition):
		code = "transition"
	case errors.Is(err, service.ErrReportExists):
		code = "exists"
	case errors.As(err, &verr) && verr.Field == "reject_reason":
		code = "reason"
	case errors.As(err, &verr):
		code = "invalid"
	default:
		return err
	}
	http.Redirect(w, r, withParam(next, "fail", code), http.StatusSeeOther)
	return nil
}

// submitRefused shows a draft whose submission the explanation rule refused, in its form
// with the fields to fill.
func (s *Server) submitRefused(w http.ResponseWriter, r *http.Request, id int64, cause error) error {
	ctx := r.Context()
	a := service.ActorFrom(ctx)
	rv, err := s.svc.ReportByID(ctx, a, id)
	if err != nil {
		return err
	}
	st, _, err := s.svc.OneStatus(ctx, a, rv.IndicatorID, time.Time{})
	if err != nil {
		return err
	}
	lang := requestLang(r)
	f := s.newForm(rv.Indicator, st, lang)
	f.fill(rv.Report)
	code, err := formError(lang, f, cause)
	if err != nil {
		return err
	}
	s.renderForm(w, r, code, f)
	return nil
}
