package service

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/store"
)

// China is the time zone of reporting calendars and "as of" dates (no daylight saving,
// so a fixed zone needs no time-zone database in the binary).
var China = time.FixedZone("CST", 8*3600)

// ReportInput is what a reporter gives for a report.
type ReportInput struct {
	Period     string
	Value      *decimal.Decimal
	Cumulative *bool // nil: the indicator's own accumulation says
	LastYear   *decimal.Decimal
	Amount     *decimal.Decimal
	Done       bool
	Note       string
	Cause      string
	Remedy     string
	// Version is the version the reporter edited; updates of another version conflict.
	Version int
}

// ReportView is a report with what the pages and the API show beside it.
type ReportView struct {
	store.StoredReport
	Indicator store.IndicatorRow
	// Authors are who created or edited the report (review queue only): with its
	// submitter, the users who may not approve it.
	Authors []int64
}

// ErrReportExists is returned when a period already has a report of that revision.
var ErrReportExists = errors.New("this period already has a report; edit it, or correct it once approved")

// indicatorFor reads an indicator with its plan's header.
func (s *Service) indicatorFor(ctx context.Context, id int64) (store.IndicatorRow, *plan.Plan, error) {
	ind, err := s.store.Indicator(ctx, id)
	if err != nil {
		return ind, nil, err
	}
	p, err := s.store.PlanHeader(ctx, ind.PlanID)
	return ind, p, err
}

func reportResource(ind store.IndicatorRow, owner int64) auth.Resource {
	return auth.Resource{DeptID: ind.DeptID, RegionID: ind.RegionID, OwnerUserID: owner, Public: ind.Public}
}

// readResource is a report of an indicator in a state, as far as reading it goes: an
// approved figure of a public indicator is public (to visitors only when the public
// view is on); any other state is the department's.
func (s *Service) readResource(a Actor, ind store.IndicatorRow, state progress.State) auth.Resource {
	r := reportResource(ind, 0)
	r.Approved = state == progress.StateApproved
	r.Public = ind.Public && (s.PublicView || a.UserID != 0)
	return r
}

// readsAllReports says whether the actor may read an indicator's reports in every state
// (drafts, submitted, rejected), not only the approved ones.
func (s *Service) readsAllReports(a Actor, ind store.IndicatorRow) bool {
	return s.can(a, auth.ReportRead, s.readResource(a, ind, progress.StateDraft)) == nil
}

// isAdmin: admins (and lantu itself) may write locked periods; the audit log says so.
func isAdmin(a Actor) bool { return a.System || a.HasRole(auth.RoleAdmin) }

// checkOpen applies the period lock: nil, or ErrLocked; overridden when an admin wrote
// through a lock.
func (s *Service) checkOpen(ctx context.Context, a Actor, ind store.IndicatorRow, p *plan.Plan, period progress.Period) (string, error) {
	unlocks, err := s.store.Unlocks(ctx, ind.ID)
	if err != nil {
		return "", err
	}
	cal := progress.NewCalendar(ind.Frequency, p.Settings)
	overridden, err := cal.Open(period, s.Now().In(China), unlocks, isAdmin(a))
	if err != nil {
		return "", err
	}
	if overridden {
		return fmt.Sprintf("override: period %s locked since %s", period, cal.LockDate(period).Format(time.DateOnly)), nil
	}
	return "", nil
}

func (in ReportInput) apply(r *progress.Report) {
	if in.Value != nil {
		r.Value = *in.Value
	}
	if in.Cumulative != nil {
		r.Cumulative = *in.Cumulative
	}
	r.LastYear, r.Amount, r.Done = in.LastYear, in.Amount, in.Done
	r.Note, r.Cause, r.Remedy = strings.TrimSpace(in.Note), strings.TrimSpace(in.Cause), strings.TrimSpace(in.Remedy)
}

// requireValue: a decimal cannot say it is missing, so the service does.
func requireValue(ind store.IndicatorRow, in ReportInput) error {
	if in.Value == nil && ind.Kind != plan.KindMilestone && !(ind.Kind == plan.KindGrowth && in.Amount != nil && in.LastYear != nil) {
		return progress.ValidationErrors{{Field: "value", Message: "本期数值必填 / value is required"}}
	}
	return nil
}

// CreateReport starts a draft report for an indicator and period.
func (s *Service) CreateReport(ctx context.Context, a Actor, indicatorID int64, in ReportInput) (progress.Report, error) {
	var r progress.Report
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		ind, p, err := s.indicatorFor(ctx, indicatorID)
		if err != nil {
			return err
		}
		if err := s.can(a, auth.ReportCreate, reportResource(ind, 0)); err != nil {
			return err
		}
		if err := s.refuseFed(ctx, ind); err != nil {
			return err
		}
		if ind.Retired { // retired from the plan (planedit.go): its history stays, nothing new is filed
			return fmt.Errorf("indicator %d is retired: %w", indicatorID, plan.ErrNotFound)
		}
		period, err := progress.ParsePeriod(in.Period)
		if err != nil {
			return progress.ValidationErrors{{Field: "period", Message: err.Error()}}
		}
		if err := requireValue(ind, in); err != nil {
			return err
		}
		note, err := s.checkOpen(ctx, a, ind, p, period)
		if err != nil {
			return err
		}
		r = progress.NewReport(ind.Indicator, period, a.UserID, s.Now())
		in.apply(&r)
		if err := progress.Validate(r, ind.Indicator, p.Year); err != nil {
			return err
		}
		existing, err := s.store.IndicatorReports(ctx, ind.ID)
		if err != nil {
			return err
		}
		for _, e := range existing {
			if e.Period == period {
				return fmt.Errorf("%w (report %d, %s)", ErrReportExists, e.ID, e.State)
			}
		}
		if err := s.store.InsertReport(ctx, &r); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return ErrReportExists
			}
			return err
		}
		if err := s.store.AddReportEditor(ctx, r.ID, a.UserID); err != nil {
			return err
		}
		return s.record(ctx, a, ind.RegionID, "report.create", "report", r.ID, nil, r, note)
	})
	return r, err
}

// UpdateReport changes a draft or rejected report's figures; in.Version must be the
// version the reporter saw, else a *progress.ConflictError carrying the current report.
func (s *Service) UpdateReport(ctx context.Context, a Actor, reportID int64, in ReportInput) (progress.Report, error) {
	var out progress.Report
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		cur, ind, p, err := s.reportFor(ctx, reportID)
		if err != nil {
			return err
		}
		if err := s.can(a, auth.ReportEdit, reportResource(ind, 0)); err != nil {
			return err
		}
		if err := s.refuseFed(ctx, ind); err != nil {
			return err
		}
		note, err := s.checkOpen(ctx, a, ind, p, cur.Period)
		if err != nil {
			return err
		}
		next := cur.Report
		next.Version = in.Version
		in.apply(&next)
		if out, err = progress.Update(cur.Report, next); err != nil {
			return err
		}
		if err := progress.Validate(out, ind.Indicator, p.Year); err != nil {
			return err
		}
		if err := s.store.UpdateReport(ctx, out, cur.Version); err != nil {
			return s.conflict(ctx, reportID, err)
		}
		if err := s.store.AddReportEditor(ctx, out.ID, a.UserID); err != nil {
			return err
		}
		return s.record(ctx, a, ind.RegionID, "report.edit", "report", out.ID, cur.Report, out, note)
	})
	return out, err
}

// conflict turns a lost optimistic-lock race into a ConflictError with the current report.
func (s *Service) conflict(ctx context.Context, id int64, err error) error {
	if !errors.Is(err, store.ErrConflict) {
		return err
	}
	cur, rerr := s.store.Report(ctx, id)
	if rerr != nil {
		return err
	}
	return &progress.ConflictError{Current: cur.Report}
}

func (s *Service) reportFor(ctx context.Context, id int64) (store.StoredReport, store.IndicatorRow, *plan.Plan, error) {
	r, err := s.store.ReportForUpdate(ctx, id)
	if err != nil {
		return r, store.IndicatorRow{}, nil, err
	}
	ind, p, err := s.indicatorFor(ctx, r.IndicatorID)
	return r, ind, p, err
}

// ReviewAction is submit, withdraw, approve or reject.
type ReviewAction struct {
	Action  progress.Action
	Version int
	Reason  string
}

// Review moves a report through the workflow. Submitting checks that a report leaving
// its indicator at risk or behind explains why (原因说明) and what is done (整改措施).
func (s *Service) Review(ctx context.Context, a Actor, reportID int64, ra ReviewAction) (progress.Report, error) {
	var out progress.Report
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		cur, ind, p, err := s.reportFor(ctx, reportID)
		if err != nil {
			return err
		}
		var action auth.Action
		res := reportResource(ind, 0)
		switch ra.Action {
		case progress.ActSubmit, progress.ActWithdraw:
			action = auth.ReportSubmit
		case progress.ActApprove:
			// Separation of duties: not by who submitted, created or edited it.
			action, res.OwnerUserID = auth.ReportApprove, cur.SubmittedBy
			editors, err := s.store.ReportEditors(ctx, cur.ID)
			if err != nil {
				return err
			}
			res.Authors = append(editors, cur.CreatedBy)
		case progress.ActReject:
			action = auth.ReportReject
		default:
			return &progress.TransitionError{From: cur.State, Action: ra.Action}
		}
		if err := s.can(a, action, res); err != nil {
			return err
		}
		note, err := s.checkOpen(ctx, a, ind, p, cur.Period)
		if err != nil {
			return err
		}
		out, err = progress.Apply(cur.Report, progress.Change{Action: ra.Action, By: a.UserID, At: s.Now(), Version: ra.Version, Reason: ra.Reason})
		if err != nil {
			return err
		}
		if ra.Action == progress.ActSubmit {
			// The explanation rule judges the figure as of its own period's end: what
			// it says about March, not what the calendar says today.
			res, err := s.evaluateWith(ctx, ind, p, out, periodEnd(out.Period))
			if err != nil {
				return err
			}
			if err := progress.CheckExplanation(out, res.Status); err != nil {
				return err
			}
		}
		if err := s.store.UpdateReport(ctx, out, cur.Version); err != nil {
			return s.conflict(ctx, reportID, err)
		}
		return s.record(ctx, a, ind.RegionID, "report."+string(ra.Action), "report", out.ID, cur.Report, out, note)
	})
	return out, err
}

// CorrectReport starts a correction of an approved report: a new revision as a draft.
func (s *Service) CorrectReport(ctx context.Context, a Actor, reportID int64) (progress.Report, error) {
	var out progress.Report
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		cur, ind, p, err := s.reportFor(ctx, reportID)
		if err != nil {
			return err
		}
		if err := s.can(a, auth.ReportEdit, reportResource(ind, 0)); err != nil {
			return err
		}
		if err := s.refuseFed(ctx, ind); err != nil {
			return err
		}
		note, err := s.checkOpen(ctx, a, ind, p, cur.Period)
		if err != nil {
			return err
		}
		all, err := s.store.IndicatorReports(ctx, ind.ID)
		if err != nil {
			return err
		}
		for _, r := range all {
			if r.Period == cur.Period && r.Revision > cur.Revision {
				return fmt.Errorf("%w: report %d is already a newer revision", ErrReportExists, r.ID)
			}
		}
		if out, err = progress.Correct(cur.Report, a.UserID, s.Now()); err != nil {
			return err
		}
		if err := s.store.InsertReport(ctx, &out); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return ErrReportExists
			}
			return err
		}
		if err := s.store.AddReportEditor(ctx, out.ID, a.UserID); err != nil {
			return err
		}
		return s.record(ctx, a, ind.RegionID, "report.correct", "report", out.ID, cur.Report, out, note)
	})
	return out, err
}

// UnlockPeriod reopens a locked period of an indicator until a date, for a reason.
func (s *Service) UnlockPeriod(ctx context.Context, a Actor, indicatorID int64, period, reason string, until time.Time) (progress.Unlock, error) {
	var u progress.Unlock
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		ind, pl, err := s.indicatorFor(ctx, indicatorID)
		if err != nil {
			return err
		}
		if err := s.can(a, auth.PeriodUnlock, reportResource(ind, 0)); err != nil {
			return err
		}
		p, err := progress.ParsePeriod(period)
		if err != nil {
			return progress.ValidationErrors{{Field: "period", Message: err.Error()}}
		}
		u = progress.Unlock{IndicatorID: ind.ID, Period: p, Reason: strings.TrimSpace(reason), Until: until, By: a.UserID, At: s.Now()}
		if err := u.ValidateFor(ind.Indicator, pl.Year); err != nil {
			return err
		}
		if err := s.store.InsertUnlock(ctx, &u); err != nil {
			return err
		}
		return s.record(ctx, a, ind.RegionID, "period.unlock", "indicator", ind.ID, nil, u, "")
	})
	return u, err
}

// ReviseTarget sets a new target for an indicator from a date on (调整目标), with a reason.
// The history keeps every target; the status engine uses the one in force.
func (s *Service) ReviseTarget(ctx context.Context, a Actor, indicatorID int64, t progress.TargetRevision) error {
	return s.store.WithTx(ctx, func(ctx context.Context) error {
		ind, p, err := s.indicatorFor(ctx, indicatorID)
		if err != nil {
			return err
		}
		if err := s.can(a, auth.TargetRevise, auth.Resource{RegionID: ind.RegionID, DeptID: ind.DeptID}); err != nil {
			return err
		}
		if strings.TrimSpace(t.Reason) == "" {
			return progress.ValidationErrors{{Field: "reason", Message: "调整目标须说明原因 / a reason is required"}}
		}
		if t.Target == nil && ind.Kind != plan.KindMilestone {
			return progress.ValidationErrors{{Field: "target", Message: "is required"}}
		}
		if t.EffectiveFrom.Year() != p.Year {
			return progress.ValidationErrors{{Field: "effective_from", Message: fmt.Sprintf("%s is outside the plan year %d", t.EffectiveFrom.Format(time.DateOnly), p.Year)}}
		}
		if t.Qualifier == "" {
			t.Qualifier = ind.Qualifier
		}
		if err := t.Validate(); err != nil {
			return err
		}
		t.By = a.UserID
		revs, err := s.store.TargetRevisions(ctx, 0, ind.ID)
		if err != nil {
			return err
		}
		before, _ := progress.TargetAt(append([]progress.TargetRevision{progress.OriginalTarget(ind.Indicator, p.Year)}, revs[ind.ID]...), t.EffectiveFrom)
		if _, err := s.store.InsertTargetRevision(ctx, ind.ID, t); err != nil {
			return err
		}
		return s.record(ctx, a, ind.RegionID, "target.revise", "indicator", ind.ID, before, t, t.Reason)
	})
}

// AsOf is the moment a plan is shown at when no date is asked for: the plan's own as-of
// date (the demo: the article's moment), else now.
func (s *Service) AsOf(p *plan.Plan) time.Time {
	if p.AsOf != nil {
		return time.Date(p.AsOf.Year(), p.AsOf.Month(), p.AsOf.Day(), 23, 59, 59, 0, China)
	}
	return s.Now().In(China)
}

// ParseAt reads an "as of" date (YYYY-MM-DD): the end of that day in China.
func ParseAt(s string) (time.Time, error) {
	d, err := time.ParseInLocation(time.DateOnly, s, China)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: at=%q is not a date (YYYY-MM-DD)", errBadInput, s)
	}
	return d.Add(24*time.Hour - time.Second), nil
}

var errBadInput = errors.New("bad input")

// IsBadInput tells the HTTP layers a request's own parameter was malformed.
func IsBadInput(err error) bool { return errors.Is(err, errBadInput) }

// evalInput gathers what the status engine needs for one indicator.
func evalInput[R progress.Report | store.StoredReport](ind store.IndicatorRow, p *plan.Plan, reports []R, revs []progress.TargetRevision, at time.Time) progress.Input {
	in := progress.Input{Indicator: ind.Indicator, Settings: p.Settings, Year: p.Year, At: at}
	for i := range reports {
		r := reportOf(&reports[i])
		switch {
		case r.Period.Year() == p.Year:
			in.Reports = append(in.Reports, *r)
		case r.Period.Year() == p.Year-1:
			// Last year shapes the season and the projection range; earlier years
			// cannot be reported (progress.Validate) and are not read.
			in.History = append(in.History, *r)
		}
	}
	all := append([]progress.TargetRevision{progress.OriginalTarget(ind.Indicator, p.Year)}, revs...)
	if t, ok := progress.TargetAt(all, at); ok {
		in.Target = &t
	}
	return in
}

// reportOf is the report in either form evalInput takes.
func reportOf[R progress.Report | store.StoredReport](r *R) *progress.Report {
	switch r := any(r).(type) {
	case *progress.Report:
		return r
	case *store.StoredReport:
		return &r.Report
	}
	return nil
}

// evaluateWith evaluates an indicator as if report r counted (for the explanation rule).
func (s *Service) evaluateWith(ctx context.Context, ind store.IndicatorRow, p *plan.Plan, r progress.Report, at time.Time) (progress.Result, error) {
	reports, err := s.store.IndicatorReports(ctx, ind.ID)
	if err != nil {
		return progress.Result{}, err
	}
	revs, err := s.store.TargetRevisions(ctx, 0, ind.ID)
	if err != nil {
		return progress.Result{}, err
	}
	r.State = progress.StateApproved
	replaced := false
	for i := range reports {
		if reports[i].ID == r.ID {
			reports[i].Report, replaced = r, true
		}
	}
	if !replaced {
		reports = append(reports, store.StoredReport{Report: r})
	}
	return progress.Evaluate(evalInput(ind, p, reports, revs[ind.ID], at)), nil
}

// periodEnd is the last moment of a period in China.
func periodEnd(p progress.Period) time.Time {
	e := p.End()
	return time.Date(e.Year(), e.Month(), e.Day(), 23, 59, 59, 0, China)
}

// IndicatorStatus is one indicator's status with its name, unit and department.
type IndicatorStatus struct {
	progress.Result
	Name      string
	Unit      string
	Kind      plan.Kind
	DeptName  string
	ProgramID int64
	Public    bool
}

// PlanStatus is the status of every indicator of a plan the actor may see, as of at
// (zero: the plan's as-of moment). It is computed once per plan version and date and
// shared (statuscache.go): callers must not change the slice.
func (s *Service) PlanStatus(ctx context.Context, a Actor, planID int64, at time.Time) ([]IndicatorStatus, time.Time, error) {
	cs, err := s.planStatus(ctx, planID, at)
	if err != nil {
		return nil, at, err
	}
	if at.IsZero() {
		at = s.AsOf(cs.header)
	}
	out, err := s.visibleStatus(a, cs)
	return out, at, err
}

// OneStatus is one indicator's status as of at (zero: the plan's as-of moment), from its
// plan's cached status.
func (s *Service) OneStatus(ctx context.Context, a Actor, indicatorID int64, at time.Time) (IndicatorStatus, time.Time, error) {
	planID, err := s.store.IndicatorPlan(ctx, indicatorID)
	if err != nil {
		return IndicatorStatus{}, at, err
	}
	cs, err := s.planStatus(ctx, planID, at)
	if err != nil {
		return IndicatorStatus{}, at, err
	}
	st, ind, ok := cs.indicator(indicatorID)
	if !ok {
		return IndicatorStatus{}, at, fmt.Errorf("indicator %d: %w", indicatorID, plan.ErrNotFound)
	}
	if err := s.visible(a, ind); err != nil {
		return IndicatorStatus{}, at, err
	}
	if at.IsZero() {
		at = s.AsOf(cs.header)
	}
	return st, at, nil
}

// Reports lists an indicator's reports the actor may read: every state for the
// department and those above it, approved figures for everyone else who may see the
// indicator. The filter is in the query, not in a loop over all rows.
func (s *Service) Reports(ctx context.Context, a Actor, indicatorID int64) ([]store.StoredReport, error) {
	ind, err := s.store.Indicator(ctx, indicatorID)
	if err != nil {
		return nil, err
	}
	if s.readsAllReports(a, ind) {
		return s.store.IndicatorReports(ctx, indicatorID)
	}
	if err := s.can(a, auth.ReportRead, s.readResource(a, ind, progress.StateApproved)); err != nil {
		return nil, err
	}
	return s.store.IndicatorReportsInState(ctx, indicatorID, progress.StateApproved)
}

// ReviewQueue lists the submitted reports of a plan that the actor may approve, oldest
// first, with their indicators.
func (s *Service) ReviewQueue(ctx context.Context, a Actor, planID int64) ([]ReportView, error) {
	if a.UserID == 0 && !a.System {
		return nil, auth.ErrUnauthenticated
	}
	// The queue is filtered by department in the query; Can still judges every row
	// (region, separation of duties).
	var reports []store.StoredReport
	var err error
	if all, depts := auth.Reach(a.Principal, auth.ReportApprove); all || a.System {
		reports, err = s.store.ReportsInState(ctx, planID, progress.StateSubmitted)
	} else {
		reports, err = s.store.DeptReportsInState(ctx, planID, progress.StateSubmitted, depts)
	}
	if err != nil {
		return nil, err
	}
	inds, err := s.store.PlanIndicators(ctx, planID)
	if err != nil {
		return nil, err
	}
	byID := map[int64]store.IndicatorRow{}
	for _, ind := range inds {
		byID[ind.ID] = ind
	}
	var out []ReportView
	for _, r := range reports {
		ind, live := byID[r.IndicatorID]
		if !live || s.can(a, auth.ReportApprove, reportResource(ind, 0)) != nil { // a retired indicator left the queue
			continue
		}
		authors, err := s.store.ReportEditors(ctx, r.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, ReportView{StoredReport: r, Indicator: ind, Authors: append(authors, r.CreatedBy)})
	}
	slices.SortFunc(out, func(x, y ReportView) int { return x.SubmittedAt.Compare(y.SubmittedAt) })
	return out, nil
}

// DepartmentRates computes each department's on-time reporting rate per period as of at,
// once per plan version and date.
func (s *Service) DepartmentRates(ctx context.Context, a Actor, planID int64, at time.Time) (map[string][]progress.ReportingRate, error) {
	cs, err := s.planStatus(ctx, planID, at)
	if err != nil {
		return nil, err
	}
	if err := s.can(a, auth.PlanReadInternal, auth.Resource{RegionID: cs.header.RegionID}); err != nil {
		return nil, err
	}
	return cs.departmentRates(), nil
}

// ReportByID reads one report, for those who may read it.
func (s *Service) ReportByID(ctx context.Context, a Actor, id int64) (ReportView, error) {
	r, err := s.store.Report(ctx, id)
	if err != nil {
		return ReportView{}, err
	}
	ind, err := s.store.Indicator(ctx, r.IndicatorID)
	if err != nil {
		return ReportView{}, err
	}
	if err := s.can(a, auth.ReportRead, s.readResource(a, ind, r.State)); err != nil {
		return ReportView{}, err
	}
	return ReportView{StoredReport: r, Indicator: ind}, nil
}

// TargetHistory lists every target an indicator has had, the plan's own first, for those
// who may read its internal data (the public sees only the target in force).
func (s *Service) TargetHistory(ctx context.Context, a Actor, indicatorID int64) ([]progress.TargetRevision, error) {
	ind, p, err := s.indicatorFor(ctx, indicatorID)
	if err != nil {
		return nil, err
	}
	if err := s.can(a, auth.PlanReadInternal, auth.Resource{RegionID: ind.RegionID}); err != nil {
		return nil, err
	}
	revs, err := s.store.TargetRevisions(ctx, 0, ind.ID)
	if err != nil {
		return nil, err
	}
	return append([]progress.TargetRevision{progress.OriginalTarget(ind.Indicator, p.Year)}, revs[ind.ID]...), nil
}

// TrendPoint is where an indicator stood at the end of one period of its year: the
// figure that counted then and where it was expected to stand.
type TrendPoint struct {
	Period   string           `json:"period"`
	Progress *decimal.Decimal `json:"progress"`
	Expected *decimal.Decimal `json:"expected"`
	// LastYear is where the figure stood at the same period's end a year before, from
	// last year's counted reports, else from the 上年同期 a report of this year gave; nil
	// when neither says (and for growth rates, which compare with last year already).
	LastYear *decimal.Decimal `json:"last_year"`
}

// Trend evaluates an indicator at the end of each of its periods of the plan year up to
// at (zero: the plan's as-of moment), for the chart of its path against the expected one.
func (s *Service) Trend(ctx context.Context, a Actor, indicatorID int64, at time.Time) ([]TrendPoint, error) {
	ind, p, err := s.indicatorFor(ctx, indicatorID)
	if err != nil {
		return nil, err
	}
	if err := s.visible(a, ind); err != nil {
		return nil, err
	}
	if at.IsZero() {
		at = s.AsOf(p)
	}
	reports, err := s.store.IndicatorReports(ctx, ind.ID)
	if err != nil {
		return nil, err
	}
	revs, err := s.store.TargetRevisions(ctx, 0, ind.ID)
	if err != nil {
		return nil, err
	}
	var out []TrendPoint
	for _, per := range progress.PeriodsOf(ind.Frequency, p.Year) {
		end := periodEnd(per)
		if end.After(at) {
			break
		}
		res := progress.Evaluate(evalInput(ind, p, reports, revs[ind.ID], end))
		pt := TrendPoint{Period: per.String(), Expected: round(res.Expected)}
		if res.AsOf == per {
			pt.Progress = round(res.Progress)
		}
		if ind.Kind != plan.KindGrowth {
			pt.LastYear = round(lastYearAt(ind, p, reports, per))
		}
		out = append(out, pt)
	}
	return out, nil
}

// lastYearAt is the figure of the period a year before per, as progress counts it: the
// year-to-date total (summed for periodic figures) or the level; from last year's
// counted reports, else the 上年同期 this year's report of per gave.
func lastYearAt(ind store.IndicatorRow, p *plan.Plan, reports []store.StoredReport, per progress.Period) *decimal.Decimal {
	var last []progress.Report
	for _, r := range reports {
		if r.Period.Year() == p.Year-1 {
			last = append(last, r.Report)
		}
	}
	prev := per.LastYear()
	var sum decimal.Decimal
	found := false
	for _, r := range progress.Counting(last, p.Settings) {
		if r.Period.End().After(prev.End()) {
			continue
		}
		switch {
		case ind.Accumulation == plan.Periodic && !r.Cumulative:
			sum, found = sum.Add(r.Value), true
		case r.Period == prev:
			v := r.Value
			return &v
		}
	}
	if found && ind.Accumulation == plan.Periodic {
		return &sum
	}
	for _, r := range progress.Counting(func() []progress.Report {
		var cur []progress.Report
		for _, r := range reports {
			cur = append(cur, r.Report)
		}
		return cur
	}(), p.Settings) {
		if r.Period == per && r.LastYear != nil {
			v := *r.LastYear
			return &v
		}
	}
	return nil
}
