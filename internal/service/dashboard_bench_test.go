package service_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/planfile"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// timed runs fn in a b.Loop and reports the median and 99th percentile of its runs.
func timed(b *testing.B, fn func()) {
	var runs []time.Duration
	for b.Loop() {
		start := time.Now()
		fn()
		runs = append(runs, time.Since(start))
	}
	slices.Sort(runs)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(runs[len(runs)/2]), "p50-ms")
	b.ReportMetric(ms(runs[min(len(runs)-1, len(runs)*99/100)]), "p99-ms")
}

// BenchmarkCockpitDemo and BenchmarkStatusBoardDemo read the demo plan (33 indicators)
// as the leader's pages do, from SQLite.
func BenchmarkCockpitDemo(b *testing.B) {
	f := newFixtureTB(b, storetest.SQLite(b))
	ctx := context.Background()
	timed(b, func() {
		if _, err := f.svc.Cockpit(ctx, f.admin, f.planID, time.Time{}); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkStatusBoardDemo(b *testing.B) {
	f := newFixtureTB(b, storetest.SQLite(b))
	ctx := context.Background()
	timed(b, func() {
		if _, err := f.svc.StatusBoard(ctx, f.admin, f.planID, time.Time{}, service.BoardFilter{}); err != nil {
			b.Fatal(err)
		}
	})
}

// bigDashboardPlan is a 2026 plan of 2,000 monthly indicators (4 zones × 10 programs × 50,
// 10 departments) with approved monthly figures from January 2022 to March 2026: five
// years of history, 102,000 reports.
func bigDashboardPlan(b *testing.B, st *store.Store) (*service.Service, int64) {
	b.Helper()
	ctx := context.Background()
	svc := service.New(st)
	svc.Now = func() time.Time { return time.Date(2026, 4, 5, 2, 0, 0, 0, time.UTC) }
	asOf := time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
	p := &plan.Plan{Region: plan.Region{Code: "500106", Name: "沙坪坝区"}, Year: 2026, Title: "两千项指标", Settings: plan.DefaultSettings(), AsOf: &asOf}
	for d := range 10 {
		p.Departments = append(p.Departments, plan.Department{Code: fmt.Sprintf("d%d", d), Name: fmt.Sprintf("部门%d", d)})
	}
	n := 0
	for z := range 4 {
		zone := plan.Zone{Code: fmt.Sprintf("z%d", z), Name: fmt.Sprintf("示范区%d", z), Position: z}
		for pr := range 10 {
			prog := plan.Program{Code: fmt.Sprintf("z%dp%d", z, pr), Name: fmt.Sprintf("工程%d-%d", z, pr), Position: pr}
			for i := range 50 {
				target := decimal.NewFromInt(int64(12000 + n))
				prog.Indicators = append(prog.Indicators, plan.Indicator{Code: fmt.Sprintf("i%04d", n), Name: fmt.Sprintf("指标%04d", n), Unit: "万元",
					Kind: plan.KindLevel, Direction: plan.Higher, Target: &target, Qualifier: plan.QualAtLeast, Period: "2026",
					Frequency: plan.Monthly, Accumulation: plan.Cumulative, DeptCode: fmt.Sprintf("d%d", n%10), Public: n%3 != 0, Position: i})
				n++
			}
			zone.Programs = append(zone.Programs, prog)
		}
		p.Zones = append(p.Zones, zone)
	}
	got, err := svc.ImportPlan(ctx, service.System, &planfile.Loaded{Plan: p})
	if err != nil {
		b.Fatal(err)
	}
	inds, err := st.PlanIndicators(ctx, got.ID)
	if err != nil {
		b.Fatal(err)
	}
	err = st.WithTx(ctx, func(ctx context.Context) error {
		for k, ind := range inds {
			for y := 2022; y <= 2026; y++ {
				for m := 1; m <= 12; m++ {
					if y == 2026 && m > 3 || k%7 == 0 && y == 2026 && m == 2 { // one in seven owes February
						continue
					}
					// A year-to-date total a little off the straight path.
					ytd := decimal.NewFromInt(int64((1000 + k%400) * m))
					at := time.Date(y, time.Month(m)+1, 5+k%9, 9, 0, 0, 0, time.UTC)
					r := progress.Report{IndicatorID: ind.ID, Period: progress.MonthOf(y, time.Month(m)), Value: ytd, Cumulative: true,
						State: progress.StateApproved, Version: 3, Revision: 1, CreatedAt: at, SubmittedAt: at, ReviewedAt: at}
					if err := st.InsertReport(ctx, &r); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return svc, got.ID
}

func BenchmarkCockpit2000(b *testing.B) {
	svc, id := bigDashboardPlan(b, storetest.SQLite(b))
	ctx := context.Background()
	b.ResetTimer()
	timed(b, func() {
		c, err := svc.Cockpit(ctx, service.System, id, time.Time{})
		if err != nil || c.Overall.Total != 2000 {
			b.Fatal(err)
		}
	})
}

func BenchmarkStatusBoard2000(b *testing.B) {
	svc, id := bigDashboardPlan(b, storetest.SQLite(b))
	ctx := context.Background()
	b.ResetTimer()
	timed(b, func() {
		bd, err := svc.StatusBoard(ctx, service.System, id, time.Time{}, service.BoardFilter{})
		if err != nil || len(bd.Rows) != 2000 {
			b.Fatal(err)
		}
	})
}
