package service

import (
	"context"
	"errors"
	"slices"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/store"
)

// BatchItem is one report of a batch approval, with the version the reviewer saw.
type BatchItem struct {
	ReportID int64
	Version  int
}

// BatchOutcome is what became of one report of a batch: Err is nil when it was approved.
type BatchOutcome struct {
	ReportID int64
	Err      error
}

// ApproveMany approves several reports at once. Each report is approved in its own
// transaction, with every rule of a single approval (department and region, separation
// of duties, locks, the version seen), so that one refused report does not undo the
// others: the outcome of each is returned, in the order given. An error is returned
// only when the batch could not be tried at all.
func (s *Service) ApproveMany(ctx context.Context, a Actor, items []BatchItem) ([]BatchOutcome, error) {
	if a.UserID == 0 && !a.System {
		return nil, auth.ErrUnauthenticated
	}
	if all, depts := auth.Reach(a.Principal, auth.ReportApprove); !all && len(depts) == 0 && !a.System {
		return nil, auth.ErrForbidden
	}
	out := make([]BatchOutcome, 0, len(items))
	seen := map[int64]bool{}
	for _, it := range items {
		if seen[it.ReportID] {
			continue
		}
		seen[it.ReportID] = true
		if err := ctx.Err(); err != nil {
			return out, err
		}
		_, err := s.Review(ctx, a, it.ReportID, ReviewAction{Action: progress.ActApprove, Version: it.Version})
		if err != nil && !refusal(err) {
			// The database failed: stop, and say so for this report and the batch.
			out = append(out, BatchOutcome{ReportID: it.ReportID, Err: err})
			return out, err
		}
		out = append(out, BatchOutcome{ReportID: it.ReportID, Err: err})
	}
	return out, nil
}

// refusal tells a rule's refusal of one report (told per report) from a failure of the
// store (which ends the batch).
func refusal(err error) bool {
	return errors.Is(err, auth.ErrForbidden) || errors.Is(err, auth.ErrUnauthenticated) || errors.Is(err, progress.ErrConflict) ||
		errors.Is(err, progress.ErrLocked) || errors.Is(err, progress.ErrInvalidTransition) || errors.Is(err, store.ErrNotFound) ||
		isValidation(err)
}

func isValidation(err error) bool {
	var v *progress.ValidationError
	return errors.As(err, &v)
}

// WaitingForReview counts the submitted reports of a plan that the actor may approve
// (their departments and region, and not their own submissions), for the nav.
func (s *Service) WaitingForReview(ctx context.Context, a Actor, planID int64) (int, error) {
	if a.UserID == 0 {
		return 0, nil
	}
	all, depts := auth.Reach(a.Principal, auth.ReportApprove)
	if !all && len(depts) == 0 {
		return 0, nil
	}
	except := a.UserID
	if a.HasRole(auth.RoleAdmin) {
		except = -1 // separation of duties does not bind an admin
	}
	return s.store.CountWaitingReview(ctx, planID, a.RegionID, all, depts, except)
}

// Evidence is a file attached to a report (佐证材料).
type Evidence = store.Evidence

// OverdueDepartment is a department with periods past their due date and no report
// handed in, on the review page.
type OverdueDepartment struct {
	DeptID     int64
	Name       string
	Periods    int // indicator periods overdue
	Indicators int // indicators with at least one
}

// OverdueDepartments lists the departments the actor reviews that owe reports of the
// plan past their due date (as of the plan's date), most overdue first.
func (s *Service) OverdueDepartments(ctx context.Context, a Actor, planID int64) ([]OverdueDepartment, error) {
	if a.UserID == 0 && !a.System {
		return nil, auth.ErrUnauthenticated
	}
	// Only the plan year's periods can be owed (progress.Obligation), so only that year's
	// reports are read, and only the fields the rule reads (store.EvalReports): the page
	// is opened often and a plan keeps years of history.
	p, err := s.store.PlanHeader(ctx, planID)
	if err != nil {
		return nil, err
	}
	inds, err := s.store.PlanIndicators(ctx, planID)
	if err != nil {
		return nil, err
	}
	byInd, err := s.store.EvalReports(ctx, planID, nil, p.Year, p.Year)
	if err != nil {
		return nil, err
	}
	at := s.AsOf(p)
	byDept := map[int64]*OverdueDepartment{}
	var order []int64
	for _, ind := range inds {
		if ind.DeptID == 0 || s.can(a, auth.ReportApprove, reportResource(ind, 0)) != nil {
			continue
		}
		n := len(progress.ObligationOf(ind.Indicator, p.Settings, p.Year).Overdue(byInd[ind.ID], nil, at))
		if n == 0 {
			continue
		}
		od := byDept[ind.DeptID]
		if od == nil {
			od = &OverdueDepartment{DeptID: ind.DeptID, Name: ind.DeptName}
			byDept[ind.DeptID] = od
			order = append(order, ind.DeptID)
		}
		od.Periods += n
		od.Indicators++
	}
	out := make([]OverdueDepartment, 0, len(order))
	for _, id := range order {
		out = append(out, *byDept[id])
	}
	slices.SortStableFunc(out, func(x, y OverdueDepartment) int { return y.Periods - x.Periods })
	return out, nil
}

// RemindDepartment is 催报 for one overdue department on the review page: the press is
// recorded in the audit log, and when a reminder channel is set the department's
// reporters are told now through the reminders' outbox (at most once a day per report).
func (s *Service) RemindDepartment(ctx context.Context, a Actor, planID, deptID int64, holder string) (ReminderRun, DeliveryResult, error) {
	if a.UserID == 0 && !a.System {
		return ReminderRun{}, DeliveryResult{}, auth.ErrUnauthenticated
	}
	p, err := s.store.PlanHeader(ctx, planID)
	if err != nil {
		return ReminderRun{}, DeliveryResult{}, err
	}
	if err := s.can(a, auth.ReportApprove, auth.Resource{DeptID: deptID, RegionID: p.Region.ID}); err != nil {
		return ReminderRun{}, DeliveryResult{}, err
	}
	rs, err := s.store.ReminderSettings(ctx)
	if err != nil {
		return ReminderRun{}, DeliveryResult{}, err
	}
	if !channels(rs) {
		err := s.store.WithTx(ctx, func(ctx context.Context) error {
			return s.record(ctx, a, p.Region.ID, "reminders.department", "department", deptID, nil,
				map[string]any{"plan_id": planID, "sent": 0}, "no reminder channel")
		})
		return ReminderRun{Why: NotRunNoChannel}, DeliveryResult{}, err
	}
	return s.remindNow(ctx, a, planID, deptID, holder)
}

// planDues is what the overdue rule (progress.Obligation) reads of a plan: its header
// and settings, its indicators, and every report, also grouped by indicator, for the
// reminders' job (which also names the reports' editors).
type planDues struct {
	plan    *plan.Plan
	inds    []store.IndicatorRow
	reports []store.StoredReport
	byInd   map[int64][]progress.Report
}

func (s *Service) loadPlanDues(ctx context.Context, planID int64) (planDues, error) {
	var d planDues
	var err error
	if d.plan, err = s.store.PlanHeader(ctx, planID); err != nil {
		return d, err
	}
	if d.inds, err = s.store.PlanIndicators(ctx, planID); err != nil {
		return d, err
	}
	if d.reports, err = s.store.PlanReports(ctx, planID); err != nil {
		return d, err
	}
	d.byInd = map[int64][]progress.Report{}
	for _, r := range d.reports {
		d.byInd[r.IndicatorID] = append(d.byInd[r.IndicatorID], r.Report)
	}
	return d, nil
}
