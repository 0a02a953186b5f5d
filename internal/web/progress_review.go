package web

import (
	"net/http"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
)

// reviewRow is one submitted report in the reviewer's queue.
type reviewRow struct {
	service.ReportView
	PeriodText  string
	Figure      string
	Prev        string // the figure of the period before, as counted
	PrevPeriod  string
	Change      string // figure − previous, for year-to-date figures of the same year
	TargetInd   plan.Indicator
	Would       progress.Result
	SubmittedBy string
	Submitted   string
	Own         bool // submitted by the reviewer: another must approve
	Unexplained bool // approving leaves the indicator at risk or behind, and no cause or remedy is given
	CanApprove  bool
	CanReject   bool
	LockedSince string // the period is locked: it must be unlocked before review
	Evidence    []service.Evidence
}

type reviewView struct {
	Plan  *plan.Plan
	Rows  []reviewRow
	Flash *flashMsg
	Batch *batchResult // the outcome of a batch approval just made
	Desk  deskView     // overdue departments and unlock requests (progress_desk.go)
}

// reviewPage is the reviewer's queue: the submitted reports they may approve, oldest
// first, each with what approving it would do to its indicator.
func (s *Server) reviewPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderReview(w, r, nil)
}

func (s *Server) renderReview(w http.ResponseWriter, r *http.Request, batch []service.BatchOutcome) error {
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
	queue, err := s.svc.ReviewQueue(ctx, a, id)
	if err != nil {
		return err
	}
	p, err := s.svc.PlanHeader(ctx, id)
	if err != nil {
		return err
	}
	names := s.userNames(ctx)
	v := &reviewView{Plan: p, Flash: flashFrom(r)}
	if f := remindFlash(r); f != nil {
		v.Flash = f
	}
	for _, rv := range queue {
		reports, err := s.svc.Reports(ctx, a, rv.IndicatorID)
		if err != nil {
			return err
		}
		ind := rv.Indicator
		res := indicatorResource(ind)
		row := reviewRow{ReportView: rv, PeriodText: periodLabel(lang, rv.Period), Figure: reportFigure(lang, ind.Indicator, rv.Report),
			SubmittedBy: names.name(rv.SubmittedBy), Submitted: dateTimeText(rv.SubmittedAt),
			Own: rv.SubmittedBy == a.UserID && !a.HasRole(auth.RoleAdmin)}
		res.OwnerUserID, res.Authors = rv.SubmittedBy, rv.Authors
		row.CanApprove = auth.Allowed(a.Principal, auth.ReportApprove, res)
		row.CanReject = auth.Allowed(a.Principal, auth.ReportReject, res)
		if prev := previousFigure(reports, rv.Report, p.Settings); prev != nil {
			row.Prev, row.PrevPeriod = reportFigure(lang, ind.Indicator, *prev), periodLabel(lang, prev.Period)
			if ind.Kind != plan.KindMilestone && ind.Kind != plan.KindGrowth && prev.Period.Year() == rv.Period.Year() &&
				(ind.Accumulation == plan.Cumulative || ind.Accumulation == plan.Stock) {
				d := rv.Value.Sub(prev.Value)
				sign := ""
				if d.Sign() > 0 {
					sign = "+"
				}
				row.Change = sign + i18n.Amount(lang, d, ind.Unit)
			}
		}
		if row.Would, err = s.svc.WouldGive(ctx, a, rv.ID); err != nil {
			return err
		}
		row.TargetInd = withTarget(ind.Indicator, row.Would)
		lk, err := s.locksFor(ctx, a, ind, p)
		if err != nil {
			return err
		}
		if lk.closed(rv.Period) {
			row.LockedSince = lk.since(rv.Period)
			row.CanApprove, row.CanReject = false, false
		}
		if row.Evidence, err = s.svc.ReportEvidence(ctx, a, rv.ID); err != nil {
			return err
		}
		row.Unexplained = progress.NeedsExplanation(row.Would.Status) && (rv.Cause == "" || rv.Remedy == "")
		v.Rows = append(v.Rows, row)
	}
	if batch != nil {
		v.Batch = newBatchResult(lang, batch, v.Rows)
	}
	if err := s.fillDesk(r, v); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "review", v)
	return nil
}

// previousFigure is the counting report of the latest period before rep's.
func previousFigure(reports []service.StoredReport, rep progress.Report, set plan.Settings) *progress.Report {
	var rs []progress.Report
	for _, x := range reports {
		if x.Period.Before(rep.Period) {
			rs = append(rs, x.Report)
		}
	}
	c := progress.Counting(rs, set)
	if len(c) == 0 {
		return nil
	}
	return &c[len(c)-1]
}

// reportFigure writes a report's figure: a milestone's done or not, a growth rate with
// the amounts it came from, else the value with its unit.
func reportFigure(lang string, ind plan.Indicator, r progress.Report) string {
	switch {
	case ind.Kind == plan.KindMilestone:
		if r.Done {
			return i18n.T(lang, "prog.r.done")
		}
		return i18n.T(lang, "prog.r.notdone")
	case ind.Kind == plan.KindGrowth && r.Amount != nil && r.LastYear != nil:
		rate, ok := progress.GrowthRate(*r.Amount, *r.LastYear)
		if !ok {
			rate = r.Value
		}
		return i18n.Amount(lang, rate.Round(1), "%") + " (" + i18n.Number(lang, *r.Amount) + " / " + i18n.Number(lang, *r.LastYear) + ")"
	case ind.Kind == plan.KindGrowth:
		return i18n.Amount(lang, r.Value, "%")
	}
	return i18n.Amount(lang, r.Value, ind.Unit)
}
