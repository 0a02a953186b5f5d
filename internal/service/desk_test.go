package service_test

import (
	"context"
	"errors"
	"testing"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// submitted makes and submits a report of the indicator for April as a.
func (f *fixture) submitted(t *testing.T, a service.Actor, code string) progress.Report {
	t.Helper()
	ctx := context.Background()
	ind, err := f.st.IndicatorByCode(ctx, f.planID, code)
	if err != nil {
		t.Fatal(err)
	}
	r, err := f.svc.CreateReport(ctx, a, ind.ID, service.ReportInput{Period: "2022-04", Value: dec("100000000"), Cause: "c", Remedy: "r"})
	if err != nil {
		t.Fatal(err)
	}
	r, err = f.svc.Review(ctx, a, r.ID, service.ReviewAction{Action: progress.ActSubmit, Version: r.Version})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// A batch approval approves each report it may, each in its own transaction, and says
// of the others why not: separation of duties (a reviewer who also reports may not
// approve their own), a stale version, another department. The nav's count is the
// reports the reviewer may approve.
func TestApproveMany(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		u, _, err := f.svc.CreateUser(ctx, service.System, service.NewUser{Login: "both", Roles: []auth.Role{auth.RoleReporter, auth.RoleReviewer},
			DeptCodes: []string{"commerce"}, Password: "both-password-1"})
		if err != nil {
			t.Fatal(err)
		}
		pr, err := auth.NewPrincipal(u)
		if err != nil {
			t.Fatal(err)
		}
		both := service.Actor{Principal: pr}
		a := f.submitted(t, f.reporter, "fdi")
		b := f.submitted(t, f.reporter, "service-trade")
		own := f.submitted(t, both, "fdi-actual-use")
		stale := f.submitted(t, f.reporter, "offshore-outsourcing")
		green := f.submitted(t, f.other, "new-green-area")

		for _, c := range []struct {
			who  service.Actor
			want int
		}{{f.reviewer, 4}, {both, 3}, {f.admin, 5}, {f.reporter, 0}} {
			if n, err := f.svc.WaitingForReview(ctx, c.who, f.planID); err != nil || n != c.want {
				t.Errorf("%s: waiting for review = %d, %v; want %d", c.who.Login, n, err, c.want)
			}
		}
		outs, err := f.svc.ApproveMany(ctx, both, []service.BatchItem{{ReportID: a.ID, Version: a.Version}, {ReportID: b.ID, Version: b.Version}, {ReportID: own.ID, Version: own.Version},
			{ReportID: stale.ID, Version: stale.Version - 1}, {ReportID: green.ID, Version: green.Version}, {ReportID: a.ID, Version: a.Version}})
		if err != nil {
			t.Fatal(err)
		}
		if len(outs) != 5 {
			t.Fatalf("outcomes = %+v, want one per report", outs)
		}
		wantErr := map[int64]error{a.ID: nil, b.ID: nil, own.ID: auth.ErrForbidden, stale.ID: progress.ErrConflict, green.ID: auth.ErrForbidden}
		for _, o := range outs {
			if want := wantErr[o.ReportID]; (want == nil) != (o.Err == nil) || want != nil && !errors.Is(o.Err, want) {
				t.Errorf("report %d: %v, want %v", o.ReportID, o.Err, want)
			}
		}
		for id, want := range map[int64]progress.State{a.ID: progress.StateApproved, b.ID: progress.StateApproved, own.ID: progress.StateSubmitted,
			stale.ID: progress.StateSubmitted, green.ID: progress.StateSubmitted} {
			r, err := st.Report(ctx, id)
			if err != nil || r.State != want {
				t.Errorf("report %d is %s (%v), want %s", id, r.State, err, want)
			}
		}
		if n, _ := f.svc.WaitingForReview(ctx, f.reviewer, f.planID); n != 2 {
			t.Errorf("after the batch the head has %d waiting, want 2", n)
		}
		// Each approval is audited as a single one.
		es, err := st.Audit(ctx, auditFilter("report"))
		if err != nil {
			t.Fatal(err)
		}
		approvals := 0
		for _, e := range es {
			if e.Action == "report.approve" && e.UserLogin == "both" {
				approvals++
			}
		}
		if approvals != 2 {
			t.Errorf("%d approvals audited, want 2", approvals)
		}
		if _, err := f.svc.ApproveMany(ctx, f.reporter, []service.BatchItem{{ReportID: own.ID, Version: own.Version}}); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("a reporter's batch approval = %v, want forbidden", err)
		}
	})
}

// The review page's overdue departments are those the reviewer reviews that owe reports
// past their due date; 催报 for one is recorded in the audit log (and sent when a channel
// is set), and refused for a department the reviewer does not review.
func TestOverdueDepartmentsAndRemind(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		head, err := f.svc.OverdueDepartments(ctx, f.reviewer, f.planID)
		if err != nil {
			t.Fatal(err)
		}
		if len(head) != 1 || head[0].Name != "区商务委" || head[0].Periods < 1 || head[0].Indicators < 1 {
			t.Fatalf("the commerce head's overdue departments = %+v", head)
		}
		all, err := f.svc.OverdueDepartments(ctx, f.admin, f.planID)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) < 2 {
			t.Errorf("the admin sees %d overdue departments, want every one: %+v", len(all), all)
		}
		for i := 1; i < len(all); i++ {
			if all[i].Periods > all[i-1].Periods {
				t.Errorf("not most overdue first: %+v", all)
			}
		}
		if _, err := f.svc.OverdueDepartments(ctx, service.Actor{}, f.planID); !errors.Is(err, auth.ErrUnauthenticated) {
			t.Errorf("anonymous = %v", err)
		}
		run, _, err := f.svc.RemindDepartment(ctx, f.reviewer, f.planID, head[0].DeptID, "test")
		if err != nil || run.Why != service.NotRunNoChannel {
			t.Fatalf("催报 without a channel = %+v, %v", run, err)
		}
		es, err := st.Audit(ctx, auditFilter("department"))
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != 1 || es[0].Action != "reminders.department" || es[0].EntityID != head[0].DeptID || es[0].UserLogin != "head" {
			t.Errorf("催报 audit = %+v", es)
		}
		var urban int64
		for _, d := range all {
			if d.DeptID != head[0].DeptID {
				urban = d.DeptID
			}
		}
		if _, _, err := f.svc.RemindDepartment(ctx, f.reviewer, f.planID, urban, "test"); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("催报 of another department = %v, want forbidden", err)
		}
		if _, _, err := f.svc.RemindDepartment(ctx, f.reporter, f.planID, head[0].DeptID, "test"); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("催报 by a clerk = %v, want forbidden", err)
		}
		if es, _ := st.Audit(ctx, auditFilter("department")); len(es) != 1 {
			t.Errorf("refused 催报 were recorded: %+v", es)
		}
	})
}
