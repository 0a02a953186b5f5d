package service_test

import (
	"context"
	"maps"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// The status board's rows and counts come from one status while approvals land on a
// second server: every read's counts are the counts of its own rows (the web keeps rows
// rendered per summary, so rows of an older status under a newer summary would be
// served as new until the next change). The last read shows every approval.
func TestPlanStatusBoardOneStatus(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		other := service.New(st)
		other.Now = f.svc.Now
		inds, err := st.PlanIndicators(ctx, f.planID)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		wg.Add(1)
		approved := map[int64]bool{}
		go func() {
			defer wg.Done()
			for _, ind := range inds {
				if ind.Kind == "milestone" || !ind.HasTarget() || len(approved) == 12 {
					continue
				}
				val := decimal.NewFromInt(1)
				r, err := other.CreateReport(ctx, service.System, ind.ID, service.ReportInput{Period: "2022-03", Value: &val, Cause: "c", Remedy: "r"})
				if err != nil {
					continue // not a monthly indicator, or March is not owed: another one
				}
				if r, err = other.Review(ctx, service.System, r.ID, service.ReviewAction{Action: progress.ActSubmit, Version: r.Version}); err != nil {
					t.Error(err)
					return
				}
				if _, err := other.Review(ctx, service.System, r.ID, service.ReviewAction{Action: progress.ActApprove, Version: r.Version}); err != nil {
					t.Error(err)
					return
				}
				approved[ind.ID] = true
			}
		}()
		check := func() []service.IndicatorStatus {
			rows, _, sum, err := f.svc.PlanStatusBoard(ctx, f.admin, f.planID, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			results := make([]progress.Result, len(rows))
			for i := range rows {
				results[i] = rows[i].Result
			}
			if got := progress.Summarize(results); got.Total != sum.Overall.Total || !maps.Equal(got.ByStatus, sum.Overall.ByStatus) {
				t.Fatalf("the counts are not those of the rows read with them: rows %v, summary %v", got.ByStatus, sum.Overall.ByStatus)
			}
			return rows
		}
		for done := false; !done; {
			check()
			select {
			case <-waitCh(&wg):
				done = true
			default:
			}
		}
		if len(approved) == 0 {
			t.Fatal("no report was approved: the test proves nothing")
		}
		rows := check()
		march, _ := progress.ParsePeriod("2022-03")
		for _, r := range rows {
			if approved[r.IndicatorID] && r.AsOf != march {
				t.Errorf("indicator %d: counted to %v after its March report was approved", r.IndicatorID, r.AsOf)
			}
		}
	})
}

// waitCh is closed when wg is done.
func waitCh(wg *sync.WaitGroup) <-chan struct{} {
	c := make(chan struct{})
	go func() { wg.Wait(); close(c) }()
	return c
}
