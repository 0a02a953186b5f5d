package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"time"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
)

// openPeriod is the period the worklist's main button and the new-report form propose:
// the period now due (duePeriod) when the user can still file it, else the earliest
// owed period that is not locked, else the first later period of the plan year that is
// neither locked nor handed in. When that period already has a draft or a rejected
// report, it is returned too, so that the button opens it for editing (a second report
// of the period would be refused). ok is false when every period is locked or filed.
func openPeriod(ind service.IndicatorRow, p *plan.Plan, reports []service.StoredReport, at time.Time, lk *locks) (per progress.Period, open *service.StoredReport, ok bool) {
	in := handedIn(reports)
	usable := func(x progress.Period) bool { return !x.IsZero() && !in[x] && !lk.closed(x) }
	var cands []progress.Period
	cands = append(cands, duePeriod(ind, p, reports, at))
	for _, o := range owedPeriods("", ind, p, reports, at) {
		cands = append(cands, o.Period)
	}
	freq := ind.Frequency
	if freq == "" {
		freq = plan.Yearly
	}
	for _, x := range progress.PeriodsOf(freq, p.Year) {
		if !cands[0].IsZero() && cands[0].Before(x) {
			cands = append(cands, x)
		}
	}
	for _, x := range cands {
		if usable(x) {
			return x, latestOpen(reports, x), true
		}
	}
	return progress.Period{}, nil, false
}

// latestOpen is the latest revision of the period's report when it is a draft or
// rejected (its author's to continue), else nil.
func latestOpen(reports []service.StoredReport, per progress.Period) *service.StoredReport {
	var latest *service.StoredReport
	for i := range reports {
		r := &reports[i]
		if r.Period == per && (latest == nil || r.Revision > latest.Revision) {
			latest = r
		}
	}
	if latest != nil && (latest.State == progress.StateDraft || latest.State == progress.StateRejected) {
		return latest
	}
	return nil
}

// waitingForReview is the nav's count of reports waiting for this reviewer on the page's
// plan; a failure to count shows no count rather than failing the page.
func (s *Server) waitingForReview(r *http.Request) int {
	id, err := s.planParam(r)
	if err != nil {
		return 0
	}
	n, err := s.svc.WaitingForReview(r.Context(), service.ActorFrom(r.Context()), id)
	if err == nil {
		// Requests to reopen a period wait on the same page.
		var m int
		m, err = s.svc.CountPendingUnlockRequests(r.Context(), service.ActorFrom(r.Context()), id)
		n += m
	}
	if err != nil {
		s.log.WarnContext(r.Context(), "count reports waiting for review", "err", err)
		return 0
	}
	return n
}

// batchResult says what a batch approval did: how many were approved, and which were
// refused and why.
type batchResult struct {
	Approved int
	Refused  []batchRefusal
}

type batchRefusal struct {
	ReportID int64
	Name     string // the indicator and period, when the reviewer may still see the report
	Reason   string
}

// newBatchResult names the refused reports from the queue as it is after the batch (a
// refused report is still in it unless it was withdrawn or decided meanwhile).
func newBatchResult(lang string, outs []service.BatchOutcome, rows []reviewRow) *batchResult {
	b := &batchResult{}
	byID := map[int64]*reviewRow{}
	for i := range rows {
		byID[rows[i].ID] = &rows[i]
	}
	for _, o := range outs {
		if o.Err == nil {
			b.Approved++
			continue
		}
		ref := batchRefusal{ReportID: o.ReportID, Name: fmt.Sprintf("#%d", o.ReportID)}
		row := byID[o.ReportID]
		if row != nil {
			ref.Name = row.Indicator.Name + " · " + row.PeriodText
		}
		key := "desk.batch.gone"
		switch {
		case errors.Is(o.Err, auth.ErrForbidden) && row != nil && !row.CanApprove && (row.Own || row.CanReject):
			key = "desk.batch.own"
		case errors.Is(o.Err, auth.ErrForbidden), errors.Is(o.Err, auth.ErrUnauthenticated):
			key = "desk.batch.forbidden"
		case errors.Is(o.Err, progress.ErrConflict):
			key = "prog.fail.conflict"
		case errors.Is(o.Err, progress.ErrLocked):
			key = "prog.fail.locked"
		case errors.Is(o.Err, progress.ErrInvalidTransition):
			key = "prog.fail.transition"
		}
		ref.Reason = i18n.T(lang, key)
		b.Refused = append(b.Refused, ref)
	}
	return b
}

// batchApprove is the review page's 批量通过: the ticked reports (id:version each) are
// approved one by one, and the review page shows which were and which were refused.
func (s *Server) batchApprove(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		return err
	}
	var items []service.BatchItem
	for _, v := range r.PostForm["report"] {
		idText, verText, _ := strings.Cut(v, ":")
		id, err := strconv.ParseInt(idText, 10, 64)
		if err != nil || id <= 0 {
			continue
		}
		ver, _ := strconv.Atoi(verText)
		items = append(items, service.BatchItem{ReportID: id, Version: ver})
	}
	outs, err := s.svc.ApproveMany(ctx, service.ActorFrom(ctx), items)
	if err != nil {
		return err
	}
	if outs == nil {
		outs = []service.BatchOutcome{}
	}
	// A batch of which the reviewer may approve nothing is refused as a whole, like a
	// single approval (the page offers only reports they may approve).
	forbidden := len(outs) > 0
	for _, o := range outs {
		forbidden = forbidden && errors.Is(o.Err, auth.ErrForbidden)
	}
	if forbidden {
		return outs[0].Err
	}
	return s.renderReview(w, r, outs)
}

// deskView is what the review page shows besides the queue.
type deskView struct {
	Overdue []service.OverdueDepartment
	// Unlocks are the pending requests to reopen a period the reviewer may decide.
	Unlocks []unlockRequestRow
	// GrantUntil is the date a grant keeps the period open until, by default.
	GrantUntil string
}

func (s *Server) fillDesk(r *http.Request, v *reviewView) error {
	ctx := r.Context()
	var err error
	v.Desk.Overdue, err = s.svc.OverdueDepartments(ctx, service.ActorFrom(ctx), v.Plan.ID)
	if err != nil {
		return err
	}
	if err := s.fillUnlockRequests(r, v); err != nil {
		return err
	}
	if r.URL.Query().Get("reminded") == "recorded" {
		v.Flash = &flashMsg{Kind: "ok", Text: i18n.T(requestLang(r), "desk.remind.recorded")}
	}
	return err
}

// remindDepartment is the 催报 button of one overdue department on the review page.
func (s *Server) remindDepartment(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	planID, err := strconv.ParseInt(r.PostFormValue("plan"), 10, 64)
	if err != nil || planID <= 0 {
		if planID, err = s.svc.DefaultPlan(ctx); err != nil {
			return err
		}
	}
	dept, err := strconv.ParseInt(r.PostFormValue("dept"), 10, 64)
	if err != nil || dept <= 0 {
		return plan.ErrNotFound
	}
	run, res, err := s.svc.RemindDepartment(ctx, service.ActorFrom(ctx), planID, dept, service.ServerID)
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/review?"+remindedQuery(planID, run, res, "recorded")+"#overdue-depts", http.StatusSeeOther)
	return nil
}
