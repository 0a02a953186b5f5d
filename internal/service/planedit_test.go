package service_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/audit"
	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// lastAudit is the newest audit row of an entity, with its before and after decoded.
func lastAudit(t *testing.T, st *store.Store, entity string, id int64) (audit.Entry, map[string]string, map[string]string) {
	t.Helper()
	es, err := st.Audit(context.Background(), audit.Filter{Entity: entity, EntityID: id, Limit: 1})
	if err != nil || len(es) == 0 {
		t.Fatalf("no audit row of %s %d: %v", entity, id, err)
	}
	var b, a map[string]string
	if es[0].Before != "" {
		if err := json.Unmarshal([]byte(es[0].Before), &b); err != nil {
			t.Fatal(err)
		}
	}
	if err := json.Unmarshal([]byte(es[0].After), &a); err != nil {
		t.Fatal(err)
	}
	return es[0], b, a
}

func auditRows(t *testing.T, st *store.Store) int {
	t.Helper()
	es, err := st.Audit(context.Background(), audit.Filter{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	return len(es)
}

func editFields(t *testing.T, err error) []string {
	t.Helper()
	var es service.EditErrors
	if !errors.As(err, &es) {
		t.Fatalf("want EditErrors, got %v", err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Field+":"+e.Code)
	}
	return out
}

func TestPlanEditIndicator(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		in, err := f.svc.PlanItemForEdit(ctx, f.admin, service.KindIndicator, f.fdi)
		if err != nil {
			t.Fatal(err)
		}
		if in.Dept != "commerce" || in.Version != 1 {
			t.Fatalf("fdi as read: %+v", in)
		}
		// Refused whole, each field named, nothing changed.
		bad := in
		bad.Code, bad.Target, bad.Qualifier, bad.Dept = "trade-growth", "3亿", "over", "nosuch"
		before := auditRows(t, st)
		_, err = f.svc.SavePlanItem(ctx, f.admin, bad)
		got := editFields(t, err)
		for _, want := range []string{"code:code_taken", "target:number", "qualifier:choose", "department:no_department"} {
			if !slices.Contains(got, want) {
				t.Errorf("refusal %v lacks %s", got, want)
			}
		}
		if n := auditRows(t, st); n != before {
			t.Errorf("a refused edit wrote %d audit rows", n-before)
		}
		// Owner, unit, target, qualifier, frequency, accumulation, public, name: saved,
		// audited with the changed fields only.
		ok := in
		ok.Dept, ok.Target, ok.Qualifier, ok.Frequency, ok.Accumulation, ok.Public, ok.Name, ok.Unit =
			"urban", "350000000", "at_least", "quarterly", "periodic", true, "外商直接投资（调整）", "美元"
		v0, _ := st.PlanVersion(ctx, f.planID)
		if _, err := f.svc.SavePlanItem(ctx, f.admin, ok); err != nil {
			t.Fatal(err)
		}
		row, err := st.Indicator(ctx, f.fdi)
		if err != nil {
			t.Fatal(err)
		}
		if row.DeptCode != "urban" || row.Target.String() != "350000000" || row.Qualifier != "at_least" || row.Frequency != "quarterly" ||
			row.Accumulation != "periodic" || !row.Public || row.Name != "外商直接投资（调整）" || row.EditVersion != 2 {
			t.Errorf("after the edit: %+v", row)
		}
		if v1, _ := st.PlanVersion(ctx, f.planID); v1.Version <= v0.Version || v1.Shape <= v0.Version {
			t.Errorf("an indicator edit did not move the plan's version: %+v → %+v", v0, v1)
		}
		e, b, a := lastAudit(t, st, "indicator", f.fdi)
		if e.Action != "plan.indicator.edit" || b["department"] != "commerce" || a["department"] != "urban" || a["target"] != "350000000" {
			t.Errorf("audit row %s: %v → %v", e.Action, b, a)
		}
		if _, same := a["code"]; same {
			t.Errorf("the audit diff holds an unchanged field: %v", a)
		}
		// The worklists follow the owner: the urban clerk may now report it, the
		// commerce clerk may not.
		if _, err := f.svc.CreateReport(ctx, f.reporter, f.fdi, service.ReportInput{Period: "2022Q1", Value: dec("1")}); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("the old department's clerk reports the indicator: %v", err)
		}
		if _, err := f.svc.CreateReport(ctx, f.other, f.fdi, service.ReportInput{Period: "2022Q1", Value: dec("1")}); err != nil {
			t.Errorf("the new department's clerk cannot report it: %v", err)
		}
		// A stale form: conflict, nothing written.
		stale := ok
		stale.Name = "过期表单"
		if _, err := f.svc.SavePlanItem(ctx, f.admin, stale); !errors.Is(err, service.ErrConflict) {
			t.Errorf("a form read at version 1 saved over version 2: %v", err)
		}
		// A move to another program.
		trade, _ := st.Indicator(ctx, f.roads)
		moved := ok
		moved.Version, moved.Parent = 2, trade.ProgramID
		if _, err := f.svc.SavePlanItem(ctx, f.admin, moved); err != nil {
			t.Fatal(err)
		}
		if row, _ := st.Indicator(ctx, f.fdi); row.ProgramID != trade.ProgramID {
			t.Errorf("not moved: program %d", row.ProgramID)
		}
		// Nobody but the planning office edits the plan.
		for _, a := range []service.Actor{f.reporter, f.reviewer} {
			if _, err := f.svc.SavePlanItem(ctx, a, ok); !errors.Is(err, auth.ErrForbidden) {
				t.Errorf("%s edits the plan: %v", a.Login, err)
			}
		}
	})
}

func TestPlanEditRegionScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		other, err := st.EnsureRegion(ctx, plan.Region{Code: "500107", Name: "九龙坡区"})
		if err != nil {
			t.Fatal(err)
		}
		stranger := service.Actor{Principal: auth.Principal{UserID: 9999, Login: "elsewhere", Roles: []auth.Role{auth.RoleAdmin}, RegionID: other}}
		in, err := f.svc.PlanItemForEdit(ctx, f.admin, service.KindIndicator, f.fdi)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.PlanItemForEdit(ctx, stranger, service.KindIndicator, f.fdi); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("another district's admin reads the edit form: %v", err)
		}
		before := auditRows(t, st)
		in.Name = "别区改的"
		if _, err := f.svc.SavePlanItem(ctx, stranger, in); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("another district's admin edits: %v", err)
		}
		if err := f.svc.RetirePlanItem(ctx, stranger, service.KindIndicator, f.fdi, in.Version); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("another district's admin retires: %v", err)
		}
		if _, err := f.svc.SavePlanItem(ctx, stranger, service.ItemInput{Kind: service.KindZone, PlanID: f.planID, Code: "z9", Name: "外区"}); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("another district's admin adds a zone: %v", err)
		}
		if row, _ := st.Indicator(ctx, f.fdi); row.Name == "别区改的" || row.Retired || auditRows(t, st) != before {
			t.Errorf("a refused edit changed something: %+v", row)
		}
	})
}

func TestPlanEditCreateMoveRetire(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		save := func(in service.ItemInput) int64 {
			t.Helper()
			id, err := f.svc.SavePlanItem(ctx, f.admin, in)
			if err != nil {
				t.Fatalf("%s %s: %v", in.Kind, in.Code, err)
			}
			return id
		}
		// A department, a zone, a program in it, a project and an indicator.
		dept := save(service.ItemInput{Kind: service.KindDepartment, PlanID: f.planID, Code: "sci", Name: "区科技局"})
		zone := save(service.ItemInput{Kind: service.KindZone, PlanID: f.planID, Code: "z-new", Name: "新示范区"})
		prog := save(service.ItemInput{Kind: service.KindProgram, PlanID: f.planID, Parent: zone, Code: "p-new", Name: "新工程"})
		proj := save(service.ItemInput{Kind: service.KindProject, PlanID: f.planID, Parent: prog, Code: "pj-new", Name: "新项目",
			Dept: "sci", Start: "2022-01-01", End: "2022-12-31"})
		ind := save(service.ItemInput{Kind: service.KindIndicator, PlanID: f.planID, Parent: prog, Code: "i-new", Name: "新指标", Unit: "个",
			Target: "10", Qualifier: "at_least", Frequency: "monthly", Accumulation: "cumulative", Dept: "sci", Public: true})
		for _, c := range []struct {
			entity string
			id     int64
		}{{"department", dept}, {"zone", zone}, {"program", prog}, {"project", proj}, {"indicator", ind}} {
			if e, _, a := lastAudit(t, st, c.entity, c.id); e.Action != "plan."+c.entity+".create" || a["code"] == "" {
				t.Errorf("%s %d: audit %s %v", c.entity, c.id, e.Action, a)
			}
		}
		p, err := f.svc.Plan(ctx, f.admin, f.planID)
		if err != nil {
			t.Fatal(err)
		}
		last := p.Zones[len(p.Zones)-1]
		if last.Code != "z-new" || len(last.Programs) != 1 || len(last.Programs[0].Indicators) != 1 || len(last.Programs[0].Projects) != 1 {
			t.Fatalf("the new zone in the plan: %+v", last)
		}
		// Edits of each kind, with their diffs; a project's dates are checked.
		if _, err := f.svc.SavePlanItem(ctx, f.admin, service.ItemInput{Kind: service.KindProject, ID: proj, Version: 1, Parent: prog, Code: "pj-new", Name: "新项目",
			Start: "2022-12-31", End: "2022-01-01"}); !slices.Contains(editFields(t, err), "end:end_before_start") {
			t.Errorf("a project ending before it starts: %v", err)
		}
		save(service.ItemInput{Kind: service.KindZone, ID: zone, Version: 1, Code: "z-new", Name: "更名示范区"})
		if _, b, a := lastAudit(t, st, "zone", zone); b["name"] != "新示范区" || a["name"] != "更名示范区" || len(a) != 1 {
			t.Errorf("zone diff: %v → %v", b, a)
		}
		save(service.ItemInput{Kind: service.KindDepartment, ID: dept, Version: 1, Code: "sci", Name: "区科学技术局"})
		if _, b, a := lastAudit(t, st, "department", dept); b["name"] != "区科技局" || a["name"] != "区科学技术局" {
			t.Errorf("department diff: %v → %v", b, a)
		}
		// Move the program to the first zone.
		first := p.Zones[0].ID
		save(service.ItemInput{Kind: service.KindProgram, ID: prog, Version: 1, Parent: first, Code: "p-new", Name: "新工程"})
		if _, b, a := lastAudit(t, st, "program", prog); a["zone"] == b["zone"] || a["zone"] == "" {
			t.Errorf("program move diff: %v → %v", b, a)
		}
		// Retire the department while it owns things: refused, with the count.
		if err := f.svc.RetirePlanItem(ctx, f.admin, service.KindDepartment, dept, 2); !slices.Contains(editFields(t, err), "department:department_in_use") {
			t.Errorf("retiring a department in use: %v", err)
		}

		// An indicator with history: reports stay, it leaves the views.
		had, err := st.IndicatorReports(ctx, f.trade)
		if err != nil || len(had) == 0 {
			t.Fatalf("the demo's 进出口额增长 has no reports: %v", err)
		}
		tradeIn, err := f.svc.PlanItemForEdit(ctx, f.admin, service.KindIndicator, f.trade)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.svc.RetirePlanItem(ctx, f.admin, service.KindIndicator, f.trade, tradeIn.Version+1); !errors.Is(err, service.ErrConflict) {
			t.Errorf("retire at a wrong version: %v", err)
		}
		if err := f.svc.RetirePlanItem(ctx, f.admin, service.KindIndicator, f.trade, tradeIn.Version); err != nil {
			t.Fatal(err)
		}
		if reps, err := st.IndicatorReports(ctx, f.trade); err != nil || len(reps) != len(had) {
			t.Errorf("the retired indicator's reports are gone: %v %v", reps, err)
		}
		if row, err := st.Indicator(ctx, f.trade); err != nil || !row.Retired {
			t.Errorf("the retired indicator as read: %+v %v", row, err)
		}
		if e, _, a := lastAudit(t, st, "indicator", f.trade); e.Action != "plan.indicator.retire" || a["retired"] != "true" {
			t.Errorf("retire audit: %s %v", e.Action, a)
		}
		inds, err := f.svc.PlanIndicators(ctx, f.reporter, f.planID)
		if err != nil {
			t.Fatal(err)
		}
		if slices.ContainsFunc(inds, func(r store.IndicatorRow) bool { return r.ID == f.trade }) {
			t.Error("the retired indicator is still in the plan's indicators (worklists, templates)")
		}
		rows, _, err := f.svc.PlanStatus(ctx, f.admin, f.planID, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if slices.ContainsFunc(rows, func(s service.IndicatorStatus) bool { return s.IndicatorID == f.trade }) {
			t.Error("the retired indicator is still on the status board")
		}
		tpl, err := f.svc.ReportTemplate(ctx, f.admin, f.planID, "commerce", "2022-05")
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range tpl.Rows {
			if row.IndicatorID == f.trade {
				t.Error("the retired indicator is still in the department's template")
			}
		}
		if _, err := f.svc.CreateReport(ctx, f.reporter, f.trade, service.ReportInput{Period: "2022-04", Value: dec("4")}); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("a report filed on a retired indicator: %v", err)
		}
		tradeIn.Version++
		tradeIn.Name = "改已停用"
		if _, err := f.svc.SavePlanItem(ctx, f.admin, tradeIn); !errors.Is(err, service.ErrConflict) {
			t.Errorf("editing a retired indicator: %v", err)
		}
		// A retired code stays taken.
		if _, err := f.svc.SavePlanItem(ctx, f.admin, service.ItemInput{Kind: service.KindIndicator, PlanID: f.planID, Parent: prog, Code: "trade-growth", Name: "x",
			Unit: "个", Qualifier: "at_least", Frequency: "monthly", Accumulation: "cumulative"}); !slices.Contains(editFields(t, err), "code:code_taken") {
			t.Errorf("a retired code reused: %v", err)
		}

		// Retire the zone: its program and indicator leave the plan with it.
		if err := f.svc.RetirePlanItem(ctx, f.admin, service.KindProgram, prog, 2); err != nil {
			t.Fatal(err)
		}
		p, err = f.svc.Plan(ctx, f.admin, f.planID)
		if err != nil {
			t.Fatal(err)
		}
		for _, z := range p.Zones {
			for _, pr := range z.Programs {
				if pr.ID == prog {
					t.Error("the retired program is still in the plan")
				}
				for _, i := range pr.Indicators {
					if i.ID == ind {
						t.Error("the retired program's indicator is still in the plan")
					}
				}
			}
		}
		// Its department owns nothing live any more: it may be retired, and then leaves
		// the department lists.
		if err := f.svc.RetirePlanItem(ctx, f.admin, service.KindDepartment, dept, 2); err != nil {
			t.Fatal(err)
		}
		ds, _ := f.svc.Departments(ctx, 0)
		if slices.ContainsFunc(ds, func(d plan.Department) bool { return d.Code == "sci" }) {
			t.Error("the retired department is still listed")
		}
	})
}

// An indicator created during the plan year is owed from the day it is created unless
// the admin gives a date; the admin sets and clears the date on the form (audited); a
// malformed date is refused naming the field. The demo's indicators keep none.
func TestPlanEditOwedFrom(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		if row, _ := st.Indicator(ctx, f.fdi); row.OwedFrom != "" {
			t.Errorf("the demo's fdi is owed from %q, want the year's start", row.OwedFrom)
		}
		fdi, _ := st.Indicator(ctx, f.fdi)
		in := service.ItemInput{Kind: service.KindIndicator, PlanID: f.planID, Parent: fdi.ProgramID, Code: "mid-year", Name: "年中新增",
			Unit: "个", Target: "10", Qualifier: "at_least", Frequency: "monthly", Accumulation: "cumulative", Dept: "commerce"}
		id, err := f.svc.SavePlanItem(ctx, f.admin, in)
		if err != nil {
			t.Fatal(err)
		}
		row, _ := st.Indicator(ctx, id)
		if row.OwedFrom != "2022-04-05" { // the service clock's day
			t.Errorf("created on 5 April: owed from %q", row.OwedFrom)
		}
		if _, _, a := lastAudit(t, st, "indicator", id); a["owed_from"] != "2022-04-05" {
			t.Errorf("create audit: %v", a)
		}
		edit, err := f.svc.PlanItemForEdit(ctx, f.admin, service.KindIndicator, id)
		if err != nil || edit.OwedFrom != "2022-04-05" {
			t.Fatalf("form as read: %q %v", edit.OwedFrom, err)
		}
		bad := edit
		bad.OwedFrom = "4月1日"
		if _, err := f.svc.SavePlanItem(ctx, f.admin, bad); !slices.Contains(editFields(t, err), "owed_from:date_format") {
			t.Errorf("malformed owed_from: %v", err)
		}
		edit.OwedFrom = "2022-03-01"
		if _, err := f.svc.SavePlanItem(ctx, f.admin, edit); err != nil {
			t.Fatal(err)
		}
		if row, _ := st.Indicator(ctx, id); row.OwedFrom != "2022-03-01" {
			t.Errorf("set: %q", row.OwedFrom)
		}
		if _, b, a := lastAudit(t, st, "indicator", id); b["owed_from"] != "2022-04-05" || a["owed_from"] != "2022-03-01" {
			t.Errorf("edit audit: %v → %v", b, a)
		}
		edit.Version, edit.OwedFrom = 2, ""
		if _, err := f.svc.SavePlanItem(ctx, f.admin, edit); err != nil {
			t.Fatal(err)
		}
		if row, _ := st.Indicator(ctx, id); row.OwedFrom != "" {
			t.Errorf("cleared: %q", row.OwedFrom)
		}
		// Given on creation, the admin's date is kept.
		in.Code, in.OwedFrom = "given-date", "2022-01-01"
		id, err = f.svc.SavePlanItem(ctx, f.admin, in)
		if err != nil {
			t.Fatal(err)
		}
		if row, _ := st.Indicator(ctx, id); row.OwedFrom != "2022-01-01" {
			t.Errorf("given on creation: %q", row.OwedFrom)
		}
	})
}

// Kind, direction, due date and baseline are edited on the indicator form: each bad
// value refused by its field, a good edit saved and read back, and the audit row holds
// only the fields that changed, before and after.
func TestPlanEditIndicatorKindDueBaseline(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		in, err := f.svc.PlanItemForEdit(ctx, f.admin, service.KindIndicator, f.fdi)
		if err != nil {
			t.Fatal(err)
		}
		if in.IndKind != "level" || in.Direction != "higher" || in.Due != "" {
			t.Fatalf("fdi as read: kind %q direction %q due %q", in.IndKind, in.Direction, in.Due)
		}
		refused := []struct {
			edit func(*service.ItemInput)
			want []string
		}{
			{func(i *service.ItemInput) { i.IndKind, i.Direction = "ratio", "up" }, []string{"kind:choose", "direction:choose"}},
			{func(i *service.ItemInput) { i.IndKind = "milestone" }, []string{"due:due_required", "target:milestone_target"}},
			{func(i *service.ItemInput) { i.Due = "2022-10-31" }, []string{"due:due_not_milestone"}},
			{func(i *service.ItemInput) { i.Due = "十月底" }, []string{"due:date_format"}},
			{func(i *service.ItemInput) { i.BaselineValue, i.BaselinePeriod = "2.5亿", "21年" }, []string{"baseline_value:number", "baseline_period:period_format"}},
			{func(i *service.ItemInput) { i.IndKind = "growth" }, []string{"baseline_period:baseline_needed"}},
			{func(i *service.ItemInput) { i.BaselinePeriod, i.BaselineQualifier = "2021", "roughly" }, []string{"baseline_qualifier:choose"}},
		}
		before := auditRows(t, st)
		for _, r := range refused {
			bad := in
			r.edit(&bad)
			_, err := f.svc.SavePlanItem(ctx, f.admin, bad)
			got := editFields(t, err)
			for _, w := range r.want {
				if !slices.Contains(got, w) {
					t.Errorf("refusal %v lacks %s", got, w)
				}
			}
		}
		if n := auditRows(t, st); n != before {
			t.Errorf("refused edits wrote %d audit rows", n-before)
		}
		// A growth rate over last year's figure, where less is better.
		ok := in
		ok.IndKind, ok.Direction, ok.Target, ok.Unit = "growth", "lower", "5", "%"
		ok.BaselineValue, ok.BaselinePeriod, ok.BaselineQualifier, ok.BaselineNote = "250000000", "2021", "about", "上年实绩"
		if _, err := f.svc.SavePlanItem(ctx, f.admin, ok); err != nil {
			t.Fatal(err)
		}
		row, err := st.Indicator(ctx, f.fdi)
		if err != nil {
			t.Fatal(err)
		}
		if b := row.Baseline; row.Kind != plan.KindGrowth || row.Direction != plan.Lower || b == nil || b.Value == nil ||
			b.Value.String() != "250000000" || b.Period != "2021" || b.Qualifier != plan.QualAbout || b.Note != "上年实绩" {
			t.Errorf("after the edit: kind %s direction %s baseline %+v", row.Kind, row.Direction, row.Baseline)
		}
		e, b, a := lastAudit(t, st, "indicator", f.fdi)
		if e.Action != "plan.indicator.edit" || b["kind"] != "level" || a["kind"] != "growth" || b["direction"] != "higher" || a["direction"] != "lower" ||
			b["baseline_value"] != "" || a["baseline_value"] != "250000000" || a["baseline_period"] != "2021" {
			t.Errorf("audit row %s: %v → %v", e.Action, b, a)
		}
		if _, same := a["code"]; same {
			t.Errorf("the audit diff holds an unchanged field: %v", a)
		}
		// A milestone with its date; the baseline cleared.
		ms, err := f.svc.PlanItemForEdit(ctx, f.admin, service.KindIndicator, f.fdi)
		if err != nil {
			t.Fatal(err)
		}
		if ms.IndKind != "growth" || ms.BaselinePeriod != "2021" || ms.BaselineNote != "上年实绩" {
			t.Fatalf("the form reads back %+v", ms)
		}
		ms.IndKind, ms.Target, ms.Due = "milestone", "", "2022-10-31"
		ms.BaselineValue, ms.BaselinePeriod, ms.BaselineQualifier, ms.BaselineNote = "", "", "", ""
		if _, err := f.svc.SavePlanItem(ctx, f.admin, ms); err != nil {
			t.Fatal(err)
		}
		if row, _ := st.Indicator(ctx, f.fdi); row.Kind != plan.KindMilestone || row.Due != "2022-10-31" || row.Baseline != nil {
			t.Errorf("the milestone: kind %s due %q baseline %+v", row.Kind, row.Due, row.Baseline)
		}
		if _, _, a := lastAudit(t, st, "indicator", f.fdi); a["due"] != "2022-10-31" || a["kind"] != "milestone" {
			t.Errorf("the milestone's audit row: %v", a)
		}
	})
}
