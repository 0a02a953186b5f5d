package service_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/audit"
	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/planfile"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// fixture is the demo plan with a reporter and a reviewer of 区商务委 (commerce), a
// reporter of 区城市管理局 (urban), an admin, and the clock on 2022-04-05 (March's
// reports are due on 04-10 and lock on 04-30).
type fixture struct {
	svc                                *service.Service
	st                                 *store.Store
	planID                             int64
	reporter, reviewer, other, admin   service.Actor
	fdi, trade, roads, green, railBill int64
}

var clock = time.Date(2022, 4, 5, 10, 0, 0, 0, service.China)

func newFixture(t *testing.T, st *store.Store) *fixture { return newFixtureTB(t, st) }

func newFixtureTB(t testing.TB, st *store.Store) *fixture {
	t.Helper()
	ctx := context.Background()
	data, err := os.ReadFile("../../demo/shapingba-2022.yaml")
	if err != nil {
		t.Fatal(err)
	}
	l, err := planfile.Parse(os.DirFS("../../demo"), "shapingba-2022.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	svc := service.New(st)
	svc.Hasher = auth.NewHasher(auth.WithParams(auth.InsecureTestParams))
	svc.Now = func() time.Time { return clock.UTC() }
	p, err := svc.ImportPlan(ctx, service.System, l)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{svc: svc, st: st, planID: p.ID}
	mk := func(login string, role auth.Role, dept string) service.Actor {
		nu := service.NewUser{Login: login, Roles: []auth.Role{role}, Password: login + "-password-1"}
		if dept != "" {
			nu.DeptCodes = []string{dept}
		}
		u, _, err := svc.CreateUser(ctx, service.System, nu)
		if err != nil {
			t.Fatal(err)
		}
		pr, err := auth.NewPrincipal(u)
		if err != nil {
			t.Fatal(err)
		}
		return service.Actor{Principal: pr, Address: "10.0.0.1"}
	}
	f.reporter = mk("clerk", auth.RoleReporter, "commerce")
	f.reviewer = mk("head", auth.RoleReviewer, "commerce")
	f.other = mk("urbanclerk", auth.RoleReporter, "urban")
	f.admin = mk("office", auth.RoleAdmin, "")
	for code, dst := range map[string]*int64{"fdi": &f.fdi, "trade-growth": &f.trade, "new-roads": &f.roads, "new-green-area": &f.green, "rail-bill-lc": &f.railBill} {
		ind, err := st.IndicatorByCode(ctx, p.ID, code)
		if err != nil {
			t.Fatal(err)
		}
		*dst = ind.ID
	}
	return f
}

func dec(s string) *decimal.Decimal { d := decimal.RequireFromString(s); return &d }

func TestReportWorkflow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		// 外商直接投资 3亿美元 has no demo figures: March is due and missing → overdue.
		before, _, err := f.svc.OneStatus(ctx, f.admin, f.fdi, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if before.Status != progress.StatusOverdue {
			t.Errorf("fdi before any report: %s, want overdue", before.Status)
		}
		r, err := f.svc.CreateReport(ctx, f.reporter, f.fdi, service.ReportInput{Period: "2022-03", Value: dec("80000000"), Note: "一季度"})
		if err != nil {
			t.Fatal(err)
		}
		if r.State != progress.StateDraft || !r.Cumulative {
			t.Errorf("new report: %+v", r)
		}
		if _, err := f.svc.CreateReport(ctx, f.reporter, f.fdi, service.ReportInput{Period: "2022-03", Value: dec("1")}); !errors.Is(err, service.ErrReportExists) {
			t.Errorf("second report for a period: %v, want ErrReportExists", err)
		}
		// The other department's clerk may not touch it.
		if _, err := f.svc.UpdateReport(ctx, f.other, r.ID, service.ReportInput{Value: dec("1"), Version: r.Version}); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("other department edit: %v, want ErrForbidden", err)
		}
		// A stale version conflicts and shows the current figure.
		r2, err := f.svc.UpdateReport(ctx, f.reporter, r.ID, service.ReportInput{Value: dec("90000000"), Version: r.Version})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.UpdateReport(ctx, f.reporter, r.ID, service.ReportInput{Value: dec("1"), Version: r.Version})
		var ce *progress.ConflictError
		if !errors.As(err, &ce) || !ce.Current.Value.Equal(decimal.RequireFromString("90000000")) {
			t.Fatalf("stale update: %v, want a conflict with the current figure", err)
		}
		r3, err := f.svc.Review(ctx, f.reporter, r.ID, service.ReviewAction{Action: progress.ActSubmit, Version: r2.Version})
		if err != nil {
			t.Fatal(err)
		}
		// Submitted figures do not count until approved.
		mid, _, _ := f.svc.OneStatus(ctx, f.admin, f.fdi, time.Time{})
		if mid.Progress != nil {
			t.Errorf("a submitted figure counted: %v", mid.Progress)
		}
		if _, err := f.svc.Review(ctx, f.reviewer, r.ID, service.ReviewAction{Action: progress.ActReject, Version: r3.Version}); err == nil {
			t.Error("a rejection without a reason was accepted")
		}
		r4, err := f.svc.Review(ctx, f.reviewer, r.ID, service.ReviewAction{Action: progress.ActApprove, Version: r3.Version})
		if err != nil {
			t.Fatal(err)
		}
		after, _, _ := f.svc.OneStatus(ctx, f.admin, f.fdi, time.Date(2022, 3, 31, 23, 0, 0, 0, service.China))
		if after.Progress == nil || !after.Progress.Equal(decimal.RequireFromString("90000000")) || after.Status == progress.StatusOverdue {
			t.Errorf("after approval: %+v", after.Result)
		}
		// A correction is a new revision; the approved one stays and counts until then.
		c, err := f.svc.CorrectReport(ctx, f.reporter, r4.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c.Revision != 2 || c.Supersedes != r4.ID || c.State != progress.StateDraft {
			t.Errorf("correction: %+v", c)
		}
		all, _ := f.st.IndicatorReports(ctx, f.fdi)
		if len(all) != 2 {
			t.Errorf("history has %d reports, want 2", len(all))
		}
		// Every change is in the audit log with its user.
		es, err := f.st.Audit(ctx, audit.Filter{Entity: "report", Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"report.create": "clerk", "report.edit": "clerk", "report.submit": "clerk", "report.approve": "head", "report.correct": "clerk"}
		got := map[string]string{}
		for _, e := range es {
			got[e.Action] = e.UserLogin
			if e.Address != "10.0.0.1" {
				t.Errorf("audit %s without the address", e.Action)
			}
		}
		for a, u := range want {
			if got[a] != u {
				t.Errorf("audit %s by %q, want %q", a, got[a], u)
			}
		}
	})
}

// A report that leaves its indicator behind must say why and what is done about it.
func TestExplanationRequired(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	ctx := context.Background()
	r, err := f.svc.CreateReport(ctx, f.reporter, f.fdi, service.ReportInput{Period: "2022-03", Value: dec("10000000")})
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.Review(ctx, f.reporter, r.ID, service.ReviewAction{Action: progress.ActSubmit, Version: r.Version})
	var verrs progress.ValidationErrors
	if !errors.As(err, &verrs) || verrs.Field("cause") == nil || verrs.Field("remedy") == nil {
		t.Fatalf("submit of a behind figure without cause and remedy: %v", err)
	}
	r, err = f.svc.UpdateReport(ctx, f.reporter, r.ID, service.ReportInput{Value: dec("10000000"), Cause: "疫情影响项目签约", Remedy: "加快在谈项目落地", Version: r.Version})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Review(ctx, f.reporter, r.ID, service.ReviewAction{Action: progress.ActSubmit, Version: r.Version}); err != nil {
		t.Fatalf("submit with cause and remedy: %v", err)
	}
	q, err := f.svc.ReviewQueue(ctx, f.reviewer, f.planID)
	if err != nil || len(q) != 1 || q[0].Cause != "疫情影响项目签约" {
		t.Fatalf("review queue: %v %v", q, err)
	}
	if q, _ := f.svc.ReviewQueue(ctx, f.other, f.planID); len(q) != 0 {
		t.Errorf("another department's clerk sees the queue: %d", len(q))
	}
}

// Locks bind reporters and reviewers; an unlock reopens; an admin overrides, recorded.
func TestPeriodLocks(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	ctx := context.Background()
	f.svc.Now = func() time.Time { return time.Date(2022, 6, 1, 9, 0, 0, 0, service.China) } // January locked since 02-10+20
	_, err := f.svc.CreateReport(ctx, f.reporter, f.fdi, service.ReportInput{Period: "2022-01", Value: dec("1")})
	if !errors.Is(err, progress.ErrLocked) {
		t.Fatalf("reporter on a locked period: %v, want ErrLocked", err)
	}
	if _, err := f.svc.UnlockPeriod(ctx, f.reporter, f.fdi, "2022-01", "补报", time.Date(2022, 6, 10, 0, 0, 0, 0, time.UTC)); !errors.Is(err, auth.ErrForbidden) {
		t.Errorf("reporter unlock: %v, want ErrForbidden", err)
	}
	if _, err := f.svc.UnlockPeriod(ctx, f.reviewer, f.fdi, "2022-01", "", time.Date(2022, 6, 10, 0, 0, 0, 0, time.UTC)); err == nil {
		t.Error("unlock without a reason accepted")
	}
	if _, err := f.svc.UnlockPeriod(ctx, f.reviewer, f.fdi, "2022-01", "统计口径调整，补报1月数据", time.Date(2022, 6, 10, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.CreateReport(ctx, f.reporter, f.fdi, service.ReportInput{Period: "2022-01", Value: dec("1")}); err != nil {
		t.Fatalf("after unlock: %v", err)
	}
	r, err := f.svc.CreateReport(ctx, f.admin, f.fdi, service.ReportInput{Period: "2022-02", Value: dec("2")})
	if err != nil {
		t.Fatalf("admin on a locked period: %v", err)
	}
	es, _ := f.st.Audit(ctx, audit.Filter{Entity: "report", EntityID: r.ID})
	if len(es) != 1 || es[0].Note == "" {
		t.Errorf("the admin's override is not recorded: %+v", es)
	}
}

// A revised target is used from its date on; before it, the original.
func TestTargetRevision(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	ctx := context.Background()
	rev := progress.TargetRevision{Target: dec("20"), EffectiveFrom: time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC), Reason: "市政府调整年度任务"}
	if err := f.svc.ReviseTarget(ctx, f.reporter, f.roads, rev); !errors.Is(err, auth.ErrForbidden) {
		t.Errorf("reporter revising a target: %v", err)
	}
	if err := f.svc.ReviseTarget(ctx, f.admin, f.roads, progress.TargetRevision{Target: dec("20"), EffectiveFrom: rev.EffectiveFrom}); err == nil {
		t.Error("a revision without a reason was accepted")
	}
	if err := f.svc.ReviseTarget(ctx, f.admin, f.roads, rev); err != nil {
		t.Fatal(err)
	}
	feb, _, _ := f.svc.OneStatus(ctx, f.admin, f.roads, time.Date(2022, 2, 20, 0, 0, 0, 0, service.China))
	mar, _, _ := f.svc.OneStatus(ctx, f.admin, f.roads, time.Date(2022, 3, 31, 0, 0, 0, 0, service.China))
	if !feb.Target.Equal(decimal.RequireFromString("25.8")) || !mar.Target.Equal(decimal.RequireFromString("20")) {
		t.Errorf("targets in force: February %v, March %v", feb.Target, mar.Target)
	}
	hist, err := f.svc.TargetHistory(ctx, f.reporter, f.roads)
	if err != nil || len(hist) != 2 || hist[1].Reason != "市政府调整年度任务" || !hist[0].Target.Equal(decimal.RequireFromString("25.8")) {
		t.Errorf("target history: %+v %v", hist, err)
	}
	if _, err := f.svc.TargetHistory(ctx, service.Actor{Principal: auth.Anonymous()}, f.roads); err == nil {
		t.Error("the public reads the target history")
	}
}

// 50 writers at once, each creating, submitting and approving reports, and 50 more
// fighting over one report: no update is lost, no report is half written, and the
// audit log holds exactly one row per change that happened.
func TestConcurrentWriters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		inds, err := st.PlanIndicators(ctx, f.planID)
		if err != nil {
			t.Fatal(err)
		}
		var monthly []int64
		for _, ind := range inds {
			if ind.Frequency == "monthly" && ind.Kind != "milestone" && ind.Kind != "growth" {
				monthly = append(monthly, ind.ID)
			}
		}
		const writers = 50
		var wg sync.WaitGroup
		errs := make(chan error, 2*writers)
		for w := 0; w < writers; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				ind := monthly[w%len(monthly)]
				period := fmt.Sprintf("2022-%02d", 4+w/len(monthly)) // future months: no demo figure there
				r, err := f.svc.CreateReport(ctx, f.admin, ind, service.ReportInput{Period: period, Value: dec(fmt.Sprint(1000 + w)), Cause: "c", Remedy: "r"})
				if err != nil {
					errs <- fmt.Errorf("writer %d create: %w", w, err)
					return
				}
				for _, act := range []progress.Action{progress.ActSubmit, progress.ActApprove} {
					if r, err = f.svc.Review(ctx, f.admin, r.ID, service.ReviewAction{Action: act, Version: r.Version}); err != nil {
						errs <- fmt.Errorf("writer %d %s: %w", w, act, err)
						return
					}
				}
			}(w)
		}
		// Fifty edits of one report from the version each read: exactly the winners of each
		// version apply, the rest get a conflict, none is lost silently.
		shared, err := f.svc.CreateReport(ctx, f.reporter, f.fdi, service.ReportInput{Period: "2022-03", Value: dec("1")})
		if err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		applied := 0
		for w := 0; w < writers; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for attempt := 0; attempt < 200; attempt++ {
					cur, err := st.Report(ctx, shared.ID)
					if err != nil {
						errs <- err
						return
					}
					_, err = f.svc.UpdateReport(ctx, f.reporter, shared.ID, service.ReportInput{Value: dec(fmt.Sprint(cur.Value.IntPart() + 1)), Version: cur.Version})
					var ce *progress.ConflictError
					if errors.As(err, &ce) {
						continue
					}
					if err != nil {
						errs <- fmt.Errorf("editor %d: %w", w, err)
						return
					}
					mu.Lock()
					applied++
					mu.Unlock()
					return
				}
				errs <- fmt.Errorf("editor %d never got through", w)
			}(w)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		final, err := st.Report(ctx, shared.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Each applied edit added one to the value it read: no increment was lost.
		if applied != writers || final.Value.IntPart() != 1+writers || final.Version != 1+writers {
			t.Errorf("shared report: %d applied, value %s, version %d; want %d, %d, %d", applied, final.Value, final.Version, writers, 1+writers, 1+writers)
		}
		approved, err := st.ReportsInState(ctx, f.planID, progress.StateApproved)
		if err != nil {
			t.Fatal(err)
		}
		var mine int
		for _, r := range approved {
			if !r.Illustrative {
				mine++
				if r.SubmittedAt.IsZero() || r.ReviewedAt.IsZero() || r.Version != 3 {
					t.Errorf("half-written report: %+v", r.Report)
				}
			}
		}
		if mine != writers {
			t.Errorf("%d approved reports, want %d", mine, writers)
		}
		es, _ := st.Audit(ctx, audit.Filter{Entity: "report", Limit: 1000})
		if len(es) != 3*writers+1+writers {
			t.Errorf("%d audit rows, want %d", len(es), 3*writers+1+writers)
		}
	})
}

func auditFilter(entity string) audit.Filter { return audit.Filter{Entity: entity, Limit: 1000} }

// Evidence files: checked by content, limited in size, served only to those who may
// see the report.
func TestEvidence(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		r, err := f.svc.CreateReport(ctx, f.reporter, f.fdi, service.ReportInput{Period: "2022-03", Value: dec("90000000")})
		if err != nil {
			t.Fatal(err)
		}
		pdf := []byte("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n")
		if _, err := f.svc.AddEvidence(ctx, f.reporter, r.ID, "合同.pdf", []byte("<html><script>x</script></html>")); err == nil {
			t.Error("HTML named .pdf accepted")
		}
		if _, err := f.svc.AddEvidence(ctx, f.reporter, r.ID, "run.exe", pdf); err == nil {
			t.Error(".exe accepted")
		}
		if _, err := f.svc.AddEvidence(ctx, f.other, r.ID, "合同.pdf", pdf); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("other department's upload: %v", err)
		}
		e, err := f.svc.AddEvidence(ctx, f.reporter, r.ID, "合同.pdf", pdf)
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.svc.EvidenceFile(ctx, f.reviewer, e.ID)
		if err != nil || string(got.Data) != string(pdf) || got.ContentType != "application/pdf" {
			t.Fatalf("reviewer reads evidence: %v", err)
		}
		if _, err := f.svc.EvidenceFile(ctx, f.other, e.ID); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("other department reads evidence: %v", err)
		}
		anon := service.Actor{Principal: auth.Anonymous()}
		if _, err := f.svc.EvidenceFile(ctx, anon, e.ID); !errors.Is(err, auth.ErrUnauthenticated) {
			t.Errorf("the public reads a draft's evidence: %v", err)
		}
	})
}

// The trend gives, month by month, the figure that counted and the one expected.
func TestTrend(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	pts, err := f.svc.Trend(context.Background(), f.admin, f.railBill, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pts) != 3 || pts[0].Period != "2022-01" || pts[2].Progress == nil || pts[2].Expected == nil {
		t.Fatalf("trend: %+v", pts)
	}
	if !pts[2].Expected.Equal(decimal.RequireFromString("75")) {
		t.Errorf("March expected %s, want 75 (a quarter of 300 on a straight line)", pts[2].Expected)
	}
}

// Issue 8, item 5: whoever created or edited a report may not approve it, not only who
// submitted it; an admin may (the rule has always exempted admins); a reviewer who never
// touched the report approves it.
func TestSeparationOfDuties(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		u, _, err := f.svc.CreateUser(ctx, service.System, service.NewUser{Login: "both", Roles: []auth.Role{auth.RoleReporter, auth.RoleReviewer},
			DeptCodes: []string{"commerce"}, Password: "Zq8-both-vX3m-kk"})
		if err != nil {
			t.Fatal(err)
		}
		p, _ := auth.NewPrincipal(u)
		both := service.Actor{Principal: p, Address: "10.0.0.3"}
		in := func(period string) service.ReportInput {
			return service.ReportInput{Period: period, Value: dec("90000000"), Cause: "原因", Remedy: "措施"}
		}
		submit := func(a service.Actor, r progress.Report) progress.Report {
			t.Helper()
			out, err := f.svc.Review(ctx, a, r.ID, service.ReviewAction{Action: progress.ActSubmit, Version: r.Version})
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		approve := func(a service.Actor, r progress.Report) error {
			_, err := f.svc.Review(ctx, a, r.ID, service.ReviewAction{Action: progress.ActApprove, Version: r.Version})
			return err
		}
		// Created by "both", submitted by the clerk.
		created, err := f.svc.CreateReport(ctx, both, f.fdi, in("2022-03"))
		if err != nil {
			t.Fatal(err)
		}
		created = submit(f.reporter, created)
		if err := approve(both, created); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("the creator approves: %v, want forbidden", err)
		}
		// Created by the clerk, edited by "both", submitted by the clerk.
		offshore, err := st.IndicatorByCode(ctx, f.planID, "offshore-outsourcing")
		if err != nil {
			t.Fatal(err)
		}
		edited, err := f.svc.CreateReport(ctx, f.reporter, offshore.ID, in("2022-03"))
		if err != nil {
			t.Fatal(err)
		}
		if edited, err = f.svc.UpdateReport(ctx, both, edited.ID, service.ReportInput{Value: dec("95000000"), Cause: "原因", Remedy: "措施", Version: edited.Version}); err != nil {
			t.Fatal(err)
		}
		edited = submit(f.reporter, edited)
		if err := approve(both, edited); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("an editor approves: %v, want forbidden", err)
		}
		// The submitter, as before.
		floor, err := st.IndicatorByCode(ctx, f.planID, "new-commercial-floor-area")
		if err != nil {
			t.Fatal(err)
		}
		own, err := f.svc.CreateReport(ctx, f.reporter, floor.ID, in("2022Q1"))
		if err != nil {
			t.Fatal(err)
		}
		own = submit(both, own)
		if err := approve(both, own); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("the submitter approves: %v, want forbidden", err)
		}
		// A reviewer who touched none of them approves them.
		for _, r := range []progress.Report{created, edited, own} {
			r, _ := f.svc.ReportByID(ctx, f.reviewer, r.ID)
			if err := approve(f.reviewer, r.Report); err != nil {
				t.Errorf("an untouched reviewer approving report %d: %v", r.ID, err)
			}
		}
		// An admin who edited a report may still approve it.
		adm, err := f.svc.CreateReport(ctx, f.admin, f.fdi, in("2022-02"))
		if err != nil {
			t.Fatal(err)
		}
		adm = submit(f.admin, adm)
		if err := approve(f.admin, adm); err != nil {
			t.Errorf("an admin approving their own report: %v", err)
		}
	})
}

// Issue 8, item 4: a target revision takes only the qualifiers a target may have, and an
// unlock only a period of the indicator's own frequency.
func TestEditsChecked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		from := time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC)
		for _, q := range []string{"bogus", "over", "AT_LEAST", "<script>"} {
			err := f.svc.ReviseTarget(ctx, f.admin, f.roads, progress.TargetRevision{Target: dec("20"), Qualifier: plan.Qualifier(q), EffectiveFrom: from, Reason: "调整"})
			var verrs progress.ValidationErrors
			if !errors.As(err, &verrs) || verrs.Field("qualifier") == nil {
				t.Errorf("qualifier %q: %v, want a validation error on qualifier", q, err)
			}
		}
		if err := f.svc.ReviseTarget(ctx, f.admin, f.roads, progress.TargetRevision{Target: dec("20"), Qualifier: plan.QualAtLeast, EffectiveFrom: from, Reason: "调整"}); err != nil {
			t.Errorf("qualifier at_least: %v", err)
		}
		hist, _ := f.svc.TargetHistory(ctx, f.admin, f.roads)
		if len(hist) != 2 {
			t.Errorf("%d targets in the history, want the original and one revision", len(hist))
		}

		floor, err := st.IndicatorByCode(ctx, f.planID, "new-commercial-floor-area") // quarterly
		if err != nil {
			t.Fatal(err)
		}
		until := time.Date(2022, 6, 10, 0, 0, 0, 0, time.UTC)
		for _, per := range []string{"2022-03", "2022", "2019Q1"} {
			_, err := f.svc.UnlockPeriod(ctx, f.reviewer, floor.ID, per, "补报", until)
			var verrs progress.ValidationErrors
			if !errors.As(err, &verrs) || verrs.Field("period") == nil {
				t.Errorf("unlock of %s on a quarterly indicator: %v, want a validation error on period", per, err)
			}
		}
		if _, err := f.svc.UnlockPeriod(ctx, f.reviewer, floor.ID, "2022Q1", "补报", until); err != nil {
			t.Errorf("unlock of 2022Q1: %v", err)
		}
		if us, _ := f.svc.Unlocks(ctx, f.reviewer, floor.ID); len(us) != 1 {
			t.Errorf("%d unlocks stored, want 1", len(us))
		}
	})
}

// Issue 8, item 3: a figure beyond the bound (1e9999) is refused by the service whatever
// the way in (the API hands it decoded JSON): report value, last year, amount, target.
func TestFiguresBounded(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		field := func(err error) string {
			var verrs progress.ValidationErrors
			if errors.As(err, &verrs) && len(verrs) > 0 {
				return verrs[0].Field
			}
			return ""
		}
		for _, v := range []string{"1e9999", "1e15", "-1e9999"} {
			_, err := f.svc.CreateReport(ctx, f.reporter, f.fdi, service.ReportInput{Period: "2022-03", Value: dec(v), Cause: "c", Remedy: "r"})
			if field(err) != "value" {
				t.Errorf("value %s: %v, want a validation error on value", v, err)
			}
		}
		r, err := f.svc.CreateReport(ctx, f.reporter, f.fdi, service.ReportInput{Period: "2022-03", Value: dec("999999999999999"), Cause: "c", Remedy: "r"})
		if err != nil {
			t.Fatalf("the largest figure: %v", err)
		}
		if _, err := f.svc.UpdateReport(ctx, f.reporter, r.ID, service.ReportInput{Value: dec("1e9999"), Version: r.Version}); field(err) != "value" {
			t.Errorf("update to 1e9999: %v, want a validation error on value", err)
		}
		if err := f.svc.ReviseTarget(ctx, f.admin, f.roads, progress.TargetRevision{Target: dec("1e9999"), EffectiveFrom: time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC), Reason: "调整"}); field(err) != "target" {
			t.Errorf("target 1e9999: %v, want a validation error on target", err)
		}
		if rs, _ := st.IndicatorReports(ctx, f.fdi); len(rs) != 1 || !rs[0].Value.Equal(decimal.RequireFromString("999999999999999")) {
			t.Errorf("stored reports: %+v", rs)
		}
	})
}
