package service

import (
	"context"
	"errors"
	"fmt"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/xlsx"
)

// ReportTemplate builds a department's reporting workbook for a period: its indicators
// reported at that period's frequency, with units, targets and the last figure that
// counts. deptCode may be empty for a user of one department.
func (s *Service) ReportTemplate(ctx context.Context, a Actor, planID int64, deptCode, period string) (xlsx.Template, error) {
	var t xlsx.Template
	p, err := s.store.PlanHeader(ctx, planID)
	if err != nil {
		return t, err
	}
	per, err := progress.ParsePeriod(period)
	if err != nil {
		return t, progress.ValidationErrors{{Field: "period", Message: err.Error()}}
	}
	dept, err := s.templateDept(ctx, a, p, deptCode)
	if err != nil {
		return t, err
	}
	if err := s.can(a, auth.ReportCreate, auth.Resource{RegionID: p.RegionID, DeptID: dept.ID}); err != nil {
		return t, err
	}
	inds, err := s.store.PlanIndicators(ctx, planID)
	if err != nil {
		return t, err
	}
	reports, err := s.store.PlanReports(ctx, planID)
	if err != nil {
		return t, err
	}
	byInd := map[int64][]progress.Report{}
	for _, r := range reports {
		byInd[r.IndicatorID] = append(byInd[r.IndicatorID], r.Report)
	}
	t = xlsx.Template{PlanTitle: p.Title, Region: p.Region.Name, Department: dept.Name, Period: per, GeneratedAt: s.Now()}
	for _, ind := range inds {
		if ind.DeptID != dept.ID || !ind.HasTarget() || ind.Frequency != per.Frequency() {
			continue
		}
		if err := s.refuseFed(ctx, ind); err != nil {
			var fed *FedError
			if errors.As(err, &fed) {
				continue // computed from the investment pipeline: nothing to fill in
			}
			return t, err
		}
		row := xlsx.Row{IndicatorID: ind.ID, Code: ind.Code, Name: ind.Name, Unit: ind.Unit, Kind: ind.Kind, Qualifier: ind.Qualifier,
			Target: ind.Target, TargetMax: ind.TargetMax, Due: ind.Due, Department: ind.DeptName, Cumulative: ind.Accumulation == plan.Cumulative}
		if c := progress.Counting(byInd[ind.ID], p.Settings); len(c) > 0 {
			last := c[len(c)-1]
			v := last.Value
			row.LastPeriod, row.LastValue = last.Period.String(), &v
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// templateDept resolves the department a template is for.
func (s *Service) templateDept(ctx context.Context, a Actor, p *plan.Plan, code string) (plan.Department, error) {
	if code != "" {
		return s.store.DepartmentByCode(ctx, p.RegionID, code)
	}
	if len(a.DeptIDs) == 1 {
		depts, err := s.store.Departments(ctx, p.RegionID)
		if err != nil {
			return plan.Department{}, err
		}
		for _, d := range depts {
			if d.ID == a.DeptIDs[0] {
				return d, nil
			}
		}
	}
	return plan.Department{}, progress.ValidationErrors{{Field: "department", Message: "选择部门 / choose a department"}}
}

// ImportSummary says what an upload did.
type ImportSummary struct {
	Created, Updated, Submitted int
	Reports                     []int64
}

// ImportReports stores a filled workbook's entries as reports, and submits them when
// submit is set — all of them or none: any problem with any row refuses the whole file
// with every problem named by sheet, row and column, and nothing is written.
func (s *Service) ImportReports(ctx context.Context, a Actor, planID int64, entries []xlsx.Entry, submit bool) (ImportSummary, error) {
	var sum ImportSummary
	var problems xlsx.Errors
	// cell refuses a line's field with a code and values: the workbook's own codes
	// (i18n "xlsx.err.<code>") or, for a report that breaks a rule, progress's (its
	// ValidationError's code, with the Chinese sentence as Reason when it has none).
	cell := func(e xlsx.Entry, field, code string, args ...any) {
		problems = append(problems, e.Fail(field, code, args...))
	}
	errRefused := errors.New("refused")
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		// The plan and its indicators are read once for the whole file.
		p, err := s.store.PlanHeader(ctx, planID)
		if err != nil {
			return err
		}
		rows, err := s.store.PlanIndicators(ctx, planID)
		if err != nil {
			return err
		}
		inds := make(map[int64]store.IndicatorRow, len(rows))
		for _, ind := range rows {
			inds[ind.ID] = ind
		}
		// One permission check per department the file touches: a file with any
		// indicator the actor may not report for is refused whole.
		checked := map[int64]bool{}
		for _, e := range entries {
			ind, ok := inds[e.IndicatorID]
			if !ok || checked[ind.DeptID] {
				continue // an indicator of no plan or another is named per row below
			}
			checked[ind.DeptID] = true
			if err := s.can(a, auth.ReportImport, reportResource(ind, 0)); err != nil {
				return err
			}
		}
		for _, e := range entries {
			ind, ok := inds[e.IndicatorID]
			if !ok {
				cell(e, "id", "not_in_plan", e.IndicatorID)
				continue
			}
			if e.Code != ind.Code {
				// The id and the code name two things (a row pasted from another form, an
				// edited id): refused, never written by the id alone.
				cell(e, "code", "code_mismatch", ind.Code)
				continue
			}
			if err := s.importEntry(ctx, a, p, ind, e, submit, &sum, cell); err != nil {
				return err
			}
		}
		if len(problems) > 0 {
			return errRefused // roll back whatever rows before the first problem wrote
		}
		return s.record(ctx, a, p.RegionID, "report.import", "plan", planID, nil, sum, fmt.Sprintf("%d rows", len(entries)))
	})
	// A failure of the database (full disk, lost connection) is told as such even when
	// rows with problems were found before it: nothing was saved either way.
	if err != nil && !errors.Is(err, errRefused) {
		return ImportSummary{}, err
	}
	if len(problems) > 0 {
		problems.Sort()
		return ImportSummary{}, problems
	}
	return sum, nil
}

// importEntry writes one row; a problem with the row is reported through cell and the
// import goes on to find the others. Only a failure of the database itself returns.
// The actor's right to the indicator's department was checked for the whole file.
func (s *Service) importEntry(ctx context.Context, a Actor, p *plan.Plan, ind store.IndicatorRow, e xlsx.Entry, submit bool, sum *ImportSummary, cell func(xlsx.Entry, string, string, ...any)) error {
	if err := s.refuseFed(ctx, ind); err != nil {
		var fed *FedError
		if !errors.As(err, &fed) {
			return err
		}
		cell(e, "value", "fed")
		return nil
	}
	if _, err := s.checkOpen(ctx, a, ind, p, e.Period); err != nil {
		if !errors.Is(err, progress.ErrLocked) {
			return err // the database's failure, not the row's
		}
		cell(e, "period", "locked", e.Period.String())
		return nil
	}
	in := ReportInput{Period: e.Period.String(), Value: e.Value, Cumulative: &e.Cumulative, LastYear: e.LastYear, Amount: e.Amount,
		Done: e.Done, Note: e.Note, Cause: e.Cause, Remedy: e.Remedy}
	if err := requireValue(ind, in); err != nil {
		cell(e, "value", "value_missing")
		return nil
	}
	existing, err := s.store.IndicatorReports(ctx, ind.ID)
	if err != nil {
		return err
	}
	var cur *store.StoredReport
	for i := range existing {
		if existing[i].Period == e.Period && (cur == nil || existing[i].Revision > cur.Revision) {
			cur = &existing[i]
		}
	}
	var r progress.Report
	switch {
	case cur == nil:
		r = progress.NewReport(ind.Indicator, e.Period, a.UserID, s.Now())
		in.apply(&r)
		if !s.rowValid(e, r, ind, p, cell) {
			return nil
		}
		if err := s.store.InsertReport(ctx, &r); err != nil {
			return err
		}
		if err := s.store.AddReportEditor(ctx, r.ID, a.UserID); err != nil {
			return err
		}
		sum.Created++
		if err := s.record(ctx, a, p.RegionID, "report.create", "report", r.ID, nil, r, "import"); err != nil {
			return err
		}
	case cur.State == progress.StateDraft || cur.State == progress.StateRejected:
		next := cur.Report
		in.Version = cur.Version
		in.apply(&next)
		if r, err = progress.Update(cur.Report, next); err != nil {
			refuseRow(e, err, "value", cell)
			return nil
		}
		if !s.rowValid(e, r, ind, p, cell) {
			return nil
		}
		if err := s.store.UpdateReport(ctx, r, cur.Version); err != nil {
			return err
		}
		if err := s.store.AddReportEditor(ctx, r.ID, a.UserID); err != nil {
			return err
		}
		sum.Updated++
		if err := s.record(ctx, a, p.RegionID, "report.edit", "report", r.ID, cur.Report, r, "import"); err != nil {
			return err
		}
	default:
		cell(e, "period", "already_filed", string(cur.State))
		return nil
	}
	sum.Reports = append(sum.Reports, r.ID)
	if !submit {
		return nil
	}
	sub, err := progress.Apply(r, progress.Change{Action: progress.ActSubmit, By: a.UserID, At: s.Now(), Version: r.Version})
	if err != nil {
		refuseRow(e, err, "value", cell)
		return nil
	}
	res, err := s.evaluateWith(ctx, ind, p, sub, periodEnd(sub.Period))
	if err != nil {
		return err
	}
	if err := progress.CheckExplanation(sub, res.Status); err != nil {
		refuseRow(e, err, "cause", cell)
		return nil
	}
	if err := s.store.UpdateReport(ctx, sub, r.Version); err != nil {
		return err
	}
	sum.Submitted++
	return s.record(ctx, a, p.RegionID, "report.submit", "report", sub.ID, r, sub, "import")
}

func (s *Service) rowValid(e xlsx.Entry, r progress.Report, ind store.IndicatorRow, p *plan.Plan, cell func(xlsx.Entry, string, string, ...any)) bool {
	err := progress.Validate(r, ind.Indicator, p.Year)
	if err == nil {
		return true
	}
	refuseRow(e, err, "value", cell)
	return false
}

// refuseRow names a line's cells for a refusal of progress: each field's validation
// code (as "valid.<code>"), or the transition's; field is the cell to name otherwise.
func refuseRow(e xlsx.Entry, err error, field string, cell func(xlsx.Entry, string, string, ...any)) {
	var verrs progress.ValidationErrors
	var one *progress.ValidationError
	if !errors.As(err, &verrs) && errors.As(err, &one) {
		verrs = progress.ValidationErrors{one}
	}
	for _, v := range verrs {
		if v.Code == "" {
			cell(e, v.Field, "invalid_row", v.Message)
			continue
		}
		cell(e, v.Field, "valid."+v.Code, v.Args...)
	}
	if len(verrs) > 0 {
		return
	}
	var te *progress.TransitionError
	if errors.As(err, &te) {
		cell(e, field, "transition", string(te.From))
		return
	}
	cell(e, field, "invalid_row", err.Error())
}
