package service_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/planfile"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// BenchmarkBulkImport1M loads 1,008,000 reports (84 district plans × 500 monthly
// indicators × 24 months) from one CSV held in memory, on PostgreSQL (and SQLite with
// LANTU_BENCH_SQLITE=1). Setting up the plans takes a while; only the import is timed.
//
//	LANTU_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test?sslmode=disable \
//	  go test ./internal/service -run '^$' -bench BulkImport1M -benchtime 1x
func BenchmarkBulkImport1M(b *testing.B) {
	var st *store.Store
	if os.Getenv("LANTU_BENCH_SQLITE") == "1" {
		st = storetest.SQLite(b)
	} else {
		st = storetest.Postgres(b)
	}
	ctx := context.Background()
	svc := service.New(st)
	svc.Hasher = auth.NewHasher(auth.WithParams(auth.InsecureTestParams))
	var csv bytes.Buffer
	csv.WriteString("indicator_id,period,value\n")
	start := time.Now()
	for d := 0; d < 84; d++ {
		p := &plan.Plan{Region: plan.Region{Code: fmt.Sprintf("5001%02d", d), Name: fmt.Sprintf("第%d区", d), ParentCode: "500100"}, Year: 2022,
			Title: "规划", Settings: plan.DefaultSettings(), Departments: []plan.Department{{Code: "commerce", Name: "区商务委"}}}
		prog := plan.Program{Code: "p", Name: "工程"}
		for i := 0; i < 500; i++ {
			target := decimal.NewFromInt(int64(1200 + i))
			prog.Indicators = append(prog.Indicators, plan.Indicator{Code: fmt.Sprintf("i%03d", i), Name: fmt.Sprintf("指标%03d", i), Unit: "万元",
				Kind: plan.KindLevel, Direction: plan.Higher, Target: &target, Qualifier: plan.QualAtLeast, Period: "2022",
				Frequency: plan.Monthly, Accumulation: plan.Cumulative, DeptCode: "commerce", Public: true, Position: i})
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
			for _, y := range []int{2021, 2022} {
				for m := 1; m <= 12; m++ {
					fmt.Fprintf(&csv, "%d,%d-%02d,%d.25\n", ind.ID, y, m, 100*m+int(ind.ID%97))
				}
			}
		}
	}
	b.Logf("set-up: 84 plans × 500 indicators in %.1f s; CSV %.1f MB", time.Since(start).Seconds(), float64(csv.Len())/1e6)
	data := csv.Bytes()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i > 0 {
			b.StopTimer()
			if _, err := st.DB().ExecContext(ctx, `DELETE FROM reports`); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		t0 := time.Now()
		sum, err := svc.BulkImportReports(ctx, service.System, bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(sum.Rows)/time.Since(t0).Seconds(), "rows/s")
		b.Logf("%d reports of %d indicators in %.2f s", sum.Rows, sum.Indicators, time.Since(t0).Seconds())
	}
}
