package service_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/planfile"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// The status is cached per plan version (statuscache.go): after every kind of change,
// the status read on the server that made it and on a second server over the same
// database (a Service with its own cache, warmed before the change) shows it at once.
// The data stamp that keys the web's rendered public pages moves with each change
// (the pages themselves: web's TestPublicPageCache).
func TestStatusFreshAfterEveryChange(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		other := service.New(st)
		other.Now = f.svc.Now
		servers := map[string]*service.Service{"same": f.svc, "second": other}
		// After March's due date (10 April): a missing March report is overdue.
		march := time.Date(2022, 4, 15, 23, 59, 59, 0, service.China)
		statusOf := func(t *testing.T, svc *service.Service, id int64) (service.IndicatorStatus, bool) {
			t.Helper()
			rows, _, err := svc.PlanStatus(ctx, f.admin, f.planID, march)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if r.IndicatorID == id {
					one, _, err := svc.OneStatus(ctx, f.admin, id, march)
					if err != nil {
						t.Fatal(err)
					}
					if one.Status != r.Status || !eqDec(one.Progress, r.Progress) || !eqDec(one.Target, r.Target) {
						t.Errorf("indicator %d: OneStatus %+v and PlanStatus %+v disagree", id, one.Result, r.Result)
					}
					return r, true
				}
			}
			return service.IndicatorStatus{}, false
		}
		warm := func(t *testing.T) {
			for _, svc := range servers {
				statusOf(t, svc, f.fdi)
			}
		}
		check := func(t *testing.T, what string, id int64, ok func(service.IndicatorStatus) bool) {
			t.Helper()
			for name, svc := range servers {
				if s, found := statusOf(t, svc, id); !found || !ok(s) {
					t.Errorf("after %s, the %s server reads %+v (found %v)", what, name, s.Result, found)
				}
			}
		}
		var lastStamp string
		var err error
		versionMoved := func(t *testing.T, before store.PlanVersion) store.PlanVersion {
			t.Helper()
			v, err := st.PlanVersion(ctx, f.planID)
			if err != nil {
				t.Fatal(err)
			}
			if v.Version <= before.Version {
				t.Errorf("plan version did not move: %+v → %+v", before, v)
			}
			// The web's rendered public pages are keyed by the data stamp: it moves too.
			stamp, err := f.svc.DataStamp(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if stamp == lastStamp {
				t.Errorf("the data stamp did not move: %s", stamp)
			}
			lastStamp = stamp
			return v
		}
		v0, _ := st.PlanVersion(ctx, f.planID)
		if lastStamp, err = f.svc.DataStamp(ctx); err != nil {
			t.Fatal(err)
		}

		// Approve.
		warm(t)
		r, err := f.svc.CreateReport(ctx, f.reporter, f.fdi, service.ReportInput{Period: "2022-03", Value: dec("90000000")})
		if err != nil {
			t.Fatal(err)
		}
		r, err = f.svc.Review(ctx, f.reporter, r.ID, service.ReviewAction{Action: progress.ActSubmit, Version: r.Version})
		if err != nil {
			t.Fatal(err)
		}
		check(t, "submit", f.fdi, func(s service.IndicatorStatus) bool {
			return s.Progress == nil && len(s.Overdue) == 2 && s.Overdue[1] == progress.MustParsePeriod("2022-02")
		})
		warm(t)
		r, err = f.svc.Review(ctx, f.reviewer, r.ID, service.ReviewAction{Action: progress.ActApprove, Version: r.Version})
		if err != nil {
			t.Fatal(err)
		}
		check(t, "approve", f.fdi, func(s service.IndicatorStatus) bool { return eqDec(s.Progress, dec("90000000")) })
		v1 := versionMoved(t, v0)

		// Correct: the new revision counts once approved.
		warm(t)
		c, err := f.svc.CorrectReport(ctx, f.reporter, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		c, err = f.svc.UpdateReport(ctx, f.reporter, c.ID, service.ReportInput{Value: dec("95000000"), Version: c.Version})
		if err != nil {
			t.Fatal(err)
		}
		c, err = f.svc.Review(ctx, f.reporter, c.ID, service.ReviewAction{Action: progress.ActSubmit, Version: c.Version})
		if err != nil {
			t.Fatal(err)
		}
		check(t, "a correction submitted", f.fdi, func(s service.IndicatorStatus) bool { return eqDec(s.Progress, dec("90000000")) })
		warm(t)
		if _, err := f.svc.Review(ctx, f.reviewer, c.ID, service.ReviewAction{Action: progress.ActApprove, Version: c.Version}); err != nil {
			t.Fatal(err)
		}
		check(t, "correct", f.fdi, func(s service.IndicatorStatus) bool { return eqDec(s.Progress, dec("95000000")) })
		v2 := versionMoved(t, v1)

		// Unlock: the version moves (what is open changed), the status stays right.
		warm(t)
		if _, err := f.svc.UnlockPeriod(ctx, f.admin, f.fdi, "2022-02", "补报", time.Date(2022, 4, 20, 0, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		v3 := versionMoved(t, v2)
		check(t, "unlock", f.fdi, func(s service.IndicatorStatus) bool { return eqDec(s.Progress, dec("95000000")) })

		// Revise a target.
		warm(t)
		statusOf(t, other, f.roads)
		rev := progress.TargetRevision{Target: dec("20"), EffectiveFrom: time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC), Reason: "市政府调整年度任务"}
		if err := f.svc.ReviseTarget(ctx, f.admin, f.roads, rev); err != nil {
			t.Fatal(err)
		}
		check(t, "revise target", f.roads, func(s service.IndicatorStatus) bool { return eqDec(s.Target, dec("20")) })
		v4 := versionMoved(t, v3)

		// Edit the plan: a new indicator (as accepting an extracted fact does) and a
		// baseline.
		warm(t)
		p, err := st.PlanHeader(ctx, f.planID)
		if err != nil {
			t.Fatal(err)
		}
		roads, err := st.Indicator(ctx, f.roads)
		if err != nil {
			t.Fatal(err)
		}
		ind := plan.Indicator{ProgramID: roads.ProgramID, Code: "fresh-one", Name: "新增指标", Unit: "个", Kind: plan.KindLevel,
			Direction: plan.Higher, Target: dec("10"), Qualifier: plan.QualAtLeast, Period: "2022", Frequency: plan.Monthly,
			Accumulation: plan.Cumulative, Public: true}
		if err := st.WithTx(ctx, func(ctx context.Context) error { return st.CreateIndicator(ctx, f.planID, p.RegionID, &ind) }); err != nil {
			t.Fatal(err)
		}
		check(t, "a new indicator", ind.ID, func(s service.IndicatorStatus) bool { return s.Name == "新增指标" })
		v5, _ := st.PlanVersion(ctx, f.planID)
		if v5.Shape <= v4.Version {
			t.Errorf("a new indicator is not a whole-plan change: %+v after %+v", v5, v4)
		}
		warm(t)
		if err := st.WithTx(ctx, func(ctx context.Context) error {
			return st.SetBaseline(ctx, f.roads, &plan.Figure{Value: dec("5"), Period: "2021"})
		}); err != nil {
			t.Fatal(err)
		}
		v6 := versionMoved(t, v5)

		// Edit the plan in the web (service/planedit.go): an indicator's fields, a
		// zone's name, then retiring an indicator — each seen by both servers at once.
		warm(t)
		statusOf(t, other, f.green)
		in, err := f.svc.PlanItemForEdit(ctx, f.admin, service.KindIndicator, f.green)
		if err != nil {
			t.Fatal(err)
		}
		in.Name, in.Dept = "新增绿地（改）", "urban"
		if _, err := f.svc.SavePlanItem(ctx, f.admin, in); err != nil {
			t.Fatal(err)
		}
		check(t, "an indicator edit", f.green, func(s service.IndicatorStatus) bool { return s.Name == "新增绿地（改）" })
		v7 := versionMoved(t, v6)
		warm(t)
		z, _, err := st.ProgramPlace(ctx, roads.ProgramID)
		if err != nil {
			t.Fatal(err)
		}
		zone, err := f.svc.PlanItemForEdit(ctx, f.admin, service.KindZone, z.ID)
		if err != nil {
			t.Fatal(err)
		}
		zone.Name += "（改）"
		if _, err := f.svc.SavePlanItem(ctx, f.admin, zone); err != nil {
			t.Fatal(err)
		}
		v7 = versionMoved(t, v7)
		warm(t)
		statusOf(t, other, f.green)
		if err := f.svc.RetirePlanItem(ctx, f.admin, service.KindIndicator, f.green, in.Version+1); err != nil {
			t.Fatal(err)
		}
		for name, svc := range servers {
			if s, found := statusOf(t, svc, f.green); found {
				t.Errorf("after retiring, the %s server still shows %+v", name, s.Result)
			}
		}
		v8 := versionMoved(t, v7)

		// Import: a bulk file of approved figures.
		warm(t)
		statusOf(t, other, ind.ID)
		if _, err := f.svc.BulkImportReports(ctx, service.System, strings.NewReader(fmt.Sprintf("indicator_id,period,value\n%d,2022-03,7\n", ind.ID))); err != nil {
			t.Fatal(err)
		}
		check(t, "a bulk import", ind.ID, func(s service.IndicatorStatus) bool { return eqDec(s.Progress, dec("7")) })
		versionMoved(t, v8)

		// Visibility is applied per reader on the cached status.
		other.PublicView = true
		rows, _, err := other.PlanStatus(ctx, service.Actor{Principal: auth.Anonymous()}, f.planID, march)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if !r.Public {
				t.Errorf("the public reads internal indicator %d from the cache", r.IndicatorID)
			}
		}
	})
}

func eqDec(a, b *decimal.Decimal) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

// Between two reads, more indicators change than the cache once patched one by one
// (it rebuilt the whole plan above 20, which under ten writers made every read a
// rebuild): 50 approvals across 50 of a plan's 120 indicators. The server whose
// status and views were made before, and a second one, read exactly what a server
// with no cache reads — the status API's JSON byte for byte — and both got there by a
// patch, not a rebuild.
func TestStatusFreshAfterManyChanges(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc, planID, inds := manyIndicatorsPlan(t, st, 120)
		now := new(time.Time)
		*now = time.Date(2026, 4, 15, 2, 0, 0, 0, time.UTC)
		svc.Now = func() time.Time { return *now }
		admin := service.System
		public := service.Actor{Principal: auth.Anonymous()}
		newServer := func() *service.Service {
			s := service.New(st)
			s.Now, s.PublicView = svc.Now, true
			return s
		}
		other := newServer()
		type views struct {
			Status, PublicStatus []service.IndicatorStatus
			One                  service.IndicatorStatus
			Board, PublicBoard   *service.Board
			Behind               *service.Board
			Summary, PublicSums  *service.StatusSummary
			JSON, PublicJSON     json.RawMessage
			Cockpit              *service.Cockpit
			Rates                map[string][]progress.ReportingRate
		}
		read := func(t *testing.T, s *service.Service) views {
			t.Helper()
			var v views
			var err error
			var at time.Time
			if v.Status, at, err = s.PlanStatus(ctx, admin, planID, time.Time{}); err != nil {
				t.Fatal(err)
			}
			if v.PublicStatus, _, err = s.PlanStatus(ctx, public, planID, time.Time{}); err != nil {
				t.Fatal(err)
			}
			if v.One, _, err = s.OneStatus(ctx, admin, inds[0], time.Time{}); err != nil {
				t.Fatal(err)
			}
			if v.Board, err = s.StatusBoard(ctx, admin, planID, time.Time{}, service.BoardFilter{}); err != nil {
				t.Fatal(err)
			}
			if v.PublicBoard, err = s.StatusBoard(ctx, public, planID, time.Time{}, service.BoardFilter{}); err != nil {
				t.Fatal(err)
			}
			if v.Behind, err = s.StatusBoard(ctx, admin, planID, time.Time{}, service.BoardFilter{Status: "attention"}); err != nil {
				t.Fatal(err)
			}
			if v.Summary, err = s.PlanStatusSummary(ctx, admin, planID, time.Time{}); err != nil {
				t.Fatal(err)
			}
			if v.PublicSums, err = s.PlanStatusSummary(ctx, public, planID, time.Time{}); err != nil {
				t.Fatal(err)
			}
			if v.JSON, err = s.PlanStatusJSON(ctx, admin, planID, time.Time{}); err != nil {
				t.Fatal(err)
			}
			if v.PublicJSON, err = s.PlanStatusJSON(ctx, public, planID, time.Time{}); err != nil {
				t.Fatal(err)
			}
			if v.Cockpit, err = s.Cockpit(ctx, admin, planID, time.Time{}); err != nil {
				t.Fatal(err)
			}
			if v.Rates, err = s.DepartmentRates(ctx, admin, planID, time.Time{}); err != nil {
				t.Fatal(err)
			}
			// The kept JSON is the status as json.Encoder writes it, byte for byte.
			for _, pair := range [][2]any{{v.Status, v.JSON}, {v.PublicStatus, v.PublicJSON}} {
				var buf bytes.Buffer
				enc := json.NewEncoder(&buf)
				enc.SetEscapeHTML(false)
				if err := enc.Encode(service.StatusDTOs(pair[0].([]service.IndicatorStatus), at)); err != nil {
					t.Fatal(err)
				}
				if got := pair[1].(json.RawMessage); !bytes.Equal(bytes.TrimSpace(buf.Bytes()), got) {
					t.Errorf("the kept status JSON is not the status encoded:\n%.300s\n%.300s", got, buf.Bytes())
				}
			}
			return v
		}
		before := read(t, svc)
		if !reflect.DeepEqual(before, read(t, other)) {
			t.Fatal("two servers read different views of one state")
		}
		rebuilds, _ := service.StatusRefreshes(svc)
		otherRebuilds, _ := service.StatusRefreshes(other)

		// 50 March figures approved, one per indicator that owed it, each in its own
		// transaction (each moves the plan's version, as ten writers do), handed in on
		// 8 April, before their due date.
		*now = time.Date(2026, 4, 8, 2, 0, 0, 0, time.UTC)
		for k := range 50 {
			id := inds[k*2+1]
			r, err := svc.CreateReport(ctx, admin, id, service.ReportInput{Period: "2026-03", Value: dec(fmt.Sprint(3000 + 30*k))})
			if err != nil {
				t.Fatal(err)
			}
			if r, err = svc.Review(ctx, admin, r.ID, service.ReviewAction{Action: progress.ActSubmit, Version: r.Version}); err != nil {
				t.Fatal(err)
			}
			if _, err = svc.Review(ctx, admin, r.ID, service.ReviewAction{Action: progress.ActApprove, Version: r.Version}); err != nil {
				t.Fatal(err)
			}
		}
		*now = time.Date(2026, 4, 15, 2, 0, 0, 0, time.UTC)
		want := read(t, newServer())
		if reflect.DeepEqual(before.Board.Rows, want.Board.Rows) || bytes.Equal(before.JSON, want.JSON) ||
			reflect.DeepEqual(before.Summary.Zones, want.Summary.Zones) || reflect.DeepEqual(before.Summary.Depts, want.Summary.Depts) ||
			reflect.DeepEqual(before.PublicSums.Overall, want.PublicSums.Overall) || reflect.DeepEqual(before.Rates, want.Rates) {
			t.Fatal("the approvals changed nothing the views show: the test proves nothing")
		}
		for name, s := range map[string]*service.Service{"same": svc, "second": other} {
			got := read(t, s)
			if !bytes.Equal(got.JSON, want.JSON) || !bytes.Equal(got.PublicJSON, want.PublicJSON) {
				t.Errorf("after 50 approvals, the %s server's status JSON is not an uncached server's", name)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("after 50 approvals, the %s server reads other views than an uncached server", name)
			}
		}
		if n, patches := service.StatusRefreshes(svc); n != rebuilds || patches == 0 {
			t.Errorf("the server rebuilt the plan (%d rebuilds, %d before; %d patches): it should patch", n, rebuilds, patches)
		}
		if n, patches := service.StatusRefreshes(other); n != otherRebuilds || patches != 1 {
			t.Errorf("the second server made %d rebuilds (%d before) and %d patches: one patch of 50 indicators expected", n, otherRebuilds, patches)
		}
	})
}

// manyIndicatorsPlan is a 2026 plan of n monthly indicators (2 zones × 3 programs,
// 5 departments, two in three public) with approved figures for January to March
// (every other indicator owes March's), read on 15 April 2026; it returns the
// indicators' ids in plan order.
func manyIndicatorsPlan(t *testing.T, st *store.Store, n int) (*service.Service, int64, []int64) {
	t.Helper()
	ctx := context.Background()
	svc := service.New(st)
	svc.Now = func() time.Time { return time.Date(2026, 4, 15, 2, 0, 0, 0, time.UTC) }
	svc.PublicView = true
	p := &plan.Plan{Region: plan.Region{Code: "500106", Name: "沙坪坝区"}, Year: 2026, Title: "百项指标", Settings: plan.DefaultSettings()}
	for d := range 5 {
		p.Departments = append(p.Departments, plan.Department{Code: fmt.Sprintf("d%d", d), Name: fmt.Sprintf("部门%d", d)})
	}
	k := 0
	for z := range 2 {
		zone := plan.Zone{Code: fmt.Sprintf("z%d", z), Name: fmt.Sprintf("示范区%d", z), Position: z}
		for pr := range 3 {
			prog := plan.Program{Code: fmt.Sprintf("z%dp%d", z, pr), Name: fmt.Sprintf("工程%d-%d", z, pr), Position: pr}
			for i := 0; k < n*(z*3+pr+1)/6; i++ {
				target := decimal.NewFromInt(int64(12000 + k))
				prog.Indicators = append(prog.Indicators, plan.Indicator{Code: fmt.Sprintf("i%03d", k), Name: fmt.Sprintf("指标%03d", k), Unit: "万元",
					Kind: plan.KindLevel, Direction: plan.Higher, Target: &target, Qualifier: plan.QualAtLeast, Period: "2026",
					Frequency: plan.Monthly, Accumulation: plan.Cumulative, DeptCode: fmt.Sprintf("d%d", k%5), Public: k%3 != 0, Position: i})
				k++
			}
			zone.Programs = append(zone.Programs, prog)
		}
		p.Zones = append(p.Zones, zone)
	}
	got, err := svc.ImportPlan(ctx, service.System, &planfile.Loaded{Plan: p})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := st.PlanIndicators(ctx, got.ID)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(rows))
	err = st.WithTx(ctx, func(ctx context.Context) error {
		for i, ind := range rows {
			ids[i] = ind.ID
			for m := 1; m <= 3; m++ {
				if m == 3 && i%2 == 1 {
					continue
				}
				at := time.Date(2026, time.Month(m)+1, 5, 9, 0, 0, 0, time.UTC)
				r := progress.Report{IndicatorID: ind.ID, Period: progress.MonthOf(2026, time.Month(m)), Value: decimal.NewFromInt(int64((900 + i) * m)),
					Cumulative: true, State: progress.StateApproved, Version: 3, Revision: 1, CreatedAt: at, SubmittedAt: at, ReviewedAt: at}
				if err := st.InsertReport(ctx, &r); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return svc, got.ID, ids
}

// Readers who arrive together after a change share one refresh of the plan: the first
// patches it, the others wait and take its result (or find it current), instead of
// each refreshing in turn; and each of them reads the change. A reader whose version
// was read before another reader brought the plan further takes the newer status: it
// used to rebuild the whole plan back to its older version, which under ten writers
// happened to most readers queued on a refresh.
func TestStatusRefreshShared(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc, planID, inds := manyIndicatorsPlan(t, st, 60)
		readers := 40
		if _, _, err := svc.PlanStatus(ctx, service.System, planID, time.Time{}); err != nil {
			t.Fatal(err)
		}
		for round := range 3 {
			// One approval: the plan's version moves once.
			r, err := svc.CreateReport(ctx, service.System, inds[2*round+1], service.ReportInput{Period: "2026-03", Value: dec("9999")})
			if err != nil {
				t.Fatal(err)
			}
			if r, err = svc.Review(ctx, service.System, r.ID, service.ReviewAction{Action: progress.ActSubmit, Version: r.Version}); err != nil {
				t.Fatal(err)
			}
			if _, err = svc.Review(ctx, service.System, r.ID, service.ReviewAction{Action: progress.ActApprove, Version: r.Version}); err != nil {
				t.Fatal(err)
			}
			rebuilds, patches := service.StatusRefreshes(svc)
			var wg sync.WaitGroup
			errs := make(chan error, readers)
			start := make(chan struct{})
			for range readers {
				wg.Go(func() {
					<-start
					one, _, err := svc.OneStatus(ctx, service.System, inds[2*round+1], time.Time{})
					if err == nil && !eqDec(one.Progress, dec("9999")) {
						err = fmt.Errorf("a reader after the approval reads progress %v", one.Progress)
					}
					if err != nil {
						errs <- err
					}
				})
			}
			close(start)
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			r2, p2 := service.StatusRefreshes(svc)
			if r2 != rebuilds || p2 != patches+1 {
				t.Errorf("round %d: %d readers made %d rebuilds and %d patches; one patch expected", round, readers, r2-rebuilds, p2-patches)
			}
		}

		// A slow reader: its version is read, then a write and another reader move
		// the plan on, then it goes on.
		slow, err := service.SlowStatusRead(ctx, svc, planID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.BulkImportReports(ctx, service.System, strings.NewReader(fmt.Sprintf("indicator_id,period,value\n%d,2026-03,4242\n", inds[41]))); err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.PlanStatus(ctx, service.System, planID, time.Time{}); err != nil {
			t.Fatal(err)
		}
		rebuilds, patches := service.StatusRefreshes(svc)
		rows, err := slow()
		if err != nil {
			t.Fatal(err)
		}
		if r2, p2 := service.StatusRefreshes(svc); r2 != rebuilds || p2 != patches {
			t.Errorf("the slow reader made %d rebuilds and %d patches: it should take the status made after it began", r2-rebuilds, p2-patches)
		}
		if st := rows[41]; st.IndicatorID != inds[41] || !eqDec(st.Progress, dec("4242")) {
			t.Errorf("the slow reader reads %d at %v, not the newer status", st.IndicatorID, st.Progress)
		}

		// A request that only reads (WithReadMoment): once one of its reads brought the
		// plan up to date, its later reads take that state, even if a write came in
		// between (the request began before it), and refresh nothing; the next
		// request, and a second server given the first one's moment, read the write.
		progressOf := func(ctx context.Context, s *service.Service, id int64) *decimal.Decimal {
			t.Helper()
			st, _, err := s.OneStatus(ctx, service.System, id, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			return st.Progress
		}
		other := service.New(st)
		other.Now = svc.Now
		write := func(id int64, value string) {
			t.Helper()
			if _, err := svc.BulkImportReports(ctx, service.System, strings.NewReader(fmt.Sprintf("indicator_id,period,value\n%d,2026-03,%s\n", id, value))); err != nil {
				t.Fatal(err)
			}
		}
		write(inds[43], "4343")
		req := svc.WithReadMoment(ctx)
		if got := progressOf(req, svc, inds[43]); !eqDec(got, dec("4343")) {
			t.Fatalf("a request begun after a write reads %v", got)
		}
		write(inds[45], "4545")
		rebuilds, patches = service.StatusRefreshes(svc)
		if got := progressOf(req, svc, inds[43]); !eqDec(got, dec("4343")) {
			t.Errorf("the request's second read lost the write before it: %v", got)
		}
		if r2, p2 := service.StatusRefreshes(svc); r2 != rebuilds || p2 != patches {
			t.Errorf("the request's second read refreshed the plan (%d rebuilds, %d patches)", r2-rebuilds, p2-patches)
		}
		if got := progressOf(svc.WithReadMoment(ctx), svc, inds[45]); !eqDec(got, dec("4545")) {
			t.Errorf("the next request does not read the write: %v", got)
		}
		if got := progressOf(req, other, inds[45]); !eqDec(got, dec("4545")) {
			t.Errorf("a second server took another server's moment: it reads %v", got)
		}
	})
}
