package service_test

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/audit"
	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/planfile"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// BenchmarkCityRollUp measures the city roll-up of one standard code (CityIndicator)
// on PostgreSQL over LANTU_BENCH_DISTRICTS districts (default 40), each with a plan of
// 500 monthly indicators carrying standard codes and five years of approved monthly
// reports (2022–2026: 40 × 500 × 60 = 1.2 M reports). It reports p50 and p99 of the
// roll-up of random codes, and the time of one whole-city overview.
//
//	LANTU_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test?sslmode=disable \
//	  go test ./internal/service -run '^$' -bench CityRollUp -benchtime 400x -timeout 60m
func BenchmarkCityRollUp(b *testing.B) {
	districts := 40
	if v, err := strconv.Atoi(os.Getenv("LANTU_BENCH_DISTRICTS")); err == nil && v > 0 {
		districts = v
	}
	const perPlan = 500
	st := storetest.Postgres(b)
	ctx := context.Background()
	svc := service.New(st)
	svc.Hasher = auth.NewHasher(auth.WithParams(auth.InsecureTestParams))
	start := time.Now()
	var ids []int64
	for d := 0; d < districts; d++ {
		p := &plan.Plan{Region: plan.Region{Code: fmt.Sprintf("5%05d", d), Name: fmt.Sprintf("第%d区", d), ParentCode: "500100"}, Year: 2026,
			Title: "规划", Settings: plan.DefaultSettings(), Departments: []plan.Department{{Code: "commerce", Name: "区商务委"}}}
		prog := plan.Program{Code: "p", Name: "工程"}
		for i := 0; i < perPlan; i++ {
			target := decimal.NewFromInt(int64(1200 + i + d))
			unit := []string{"万元", "亿元", "个", "%"}[i%4]
			kind := plan.KindLevel
			var baseline *plan.Figure
			if unit == "%" {
				kind, baseline, target = plan.KindGrowth, &plan.Figure{Period: "2025"}, decimal.NewFromInt(5)
			}
			prog.Indicators = append(prog.Indicators, plan.Indicator{Code: fmt.Sprintf("i%03d", i), Name: fmt.Sprintf("指标%03d", i), Unit: unit,
				Kind: kind, Direction: plan.Higher, Target: &target, Qualifier: plan.QualAtLeast, Period: "2026", Baseline: baseline,
				Frequency: plan.Monthly, Accumulation: plan.Cumulative, DeptCode: "commerce", Public: i%3 != 0, Position: i,
				StdCode: fmt.Sprintf("S%03d", i)})
		}
		p.Zones = []plan.Zone{{Code: "z", Name: "示范区", Programs: []plan.Program{prog}}}
		got, err := svc.ImportPlan(ctx, service.System, &planfile.Loaded{Plan: p})
		if err != nil {
			b.Fatal(err)
		}
		inds, err := st.PlanIndicators(ctx, got.ID)
		if err != nil {
			b.Fatal(err)
		}
		for _, ind := range inds {
			ids = append(ids, ind.ID)
		}
	}
	// Five years of approved monthly figures, written straight through the store's bulk
	// path (the service's check allows only the plan's year and the one before).
	i, y, m := 0, 2022, 1
	next := func() (store.BulkRow, bool, error) {
		if i == len(ids) {
			return store.BulkRow{}, false, nil
		}
		r := store.BulkRow{IndicatorID: ids[i], Period: fmt.Sprintf("%d-%02d", y, m), Value: decimal.NewFromInt(int64(100*m + i%97)),
			Cumulative: true, State: "approved"}
		if m++; m > 12 {
			m, y = 1, y+1
		}
		if y > 2026 || y == 2026 && m > 6 {
			i, y, m = i+1, 2022, 1
		}
		return r, true, nil
	}
	n, err := st.BulkReports(ctx, 0, next, nil, &audit.Entry{Action: "bench", Entity: "report"})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := st.DB().ExecContext(ctx, `ANALYZE`); err != nil {
		b.Fatal(err)
	}
	b.Logf("set-up: %d districts × %d indicators, %d reports in %.0f s", districts, perPlan, n, time.Since(start).Seconds())
	at := time.Date(2026, 7, 5, 0, 0, 0, 0, time.UTC)
	if _, err := svc.CityIndicator(ctx, service.System, "S001", 2026, at); err != nil { // warm the pool
		b.Fatal(err)
	}
	b.ResetTimer()
	lat := make([]time.Duration, 0, b.N)
	for k := 0; k < b.N; k++ {
		t0 := time.Now()
		ci, err := svc.CityIndicator(ctx, service.System, fmt.Sprintf("S%03d", (k*37)%perPlan), 2026, at)
		if err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
		if len(ci.Rows) != districts {
			b.Fatalf("%d rows", len(ci.Rows))
		}
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	p := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(p(0.5), "p50-ms")
	b.ReportMetric(p(0.99), "p99-ms")
	t0 := time.Now()
	ov, err := svc.CityOverview(ctx, service.System, 2026, at)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("one code across %d districts: p50 %.1f ms, p99 %.1f ms (%d runs); overview of %d codes: %.2f s",
		districts, p(0.5), p(0.99), len(lat), len(ov.Codes), time.Since(t0).Seconds())
}
