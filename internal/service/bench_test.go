package service_test

import (
	"context"
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// BenchmarkPlanStatus evaluates every indicator of the demo plan, reading their reports
// and targets from SQLite: the work behind the status page and GET /api/v1/status.
func BenchmarkPlanStatus(b *testing.B) {
	st := storetest.SQLite(b)
	f := newFixtureTB(b, st)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		rows, _, err := f.svc.PlanStatus(ctx, service.System, f.planID, time.Time{})
		if err != nil || len(rows) == 0 {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportWorkbook500 imports a 500-row filled workbook (read, checked, written
// and submitted in one transaction) into SQLite; each run starts on a fresh database.
func BenchmarkImportWorkbook500(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		st := storetest.SQLite(b)
		svc := service.New(st)
		svc.Now = func() time.Time { return time.Date(2022, 4, 5, 2, 0, 0, 0, time.UTC) }
		planID := bigPlan(b, svc)
		tpl, err := svc.ReportTemplate(context.Background(), service.System, planID, "commerce", "2022-03")
		if err != nil {
			b.Fatal(err)
		}
		data := fill(b, tpl, nil)
		b.StartTimer()
		entries, err := read(b, data)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := svc.ImportReports(context.Background(), service.System, planID, entries, true); err != nil {
			b.Fatal(err)
		}
	}
}
