package service_test

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// The views made once per cached status (statusviews.go: the cockpit, the ranking, the
// status board's rows, the counts per zone, program and department) are fresh after a
// change on the server that made it and on a second one whose views were made before:
// each reads exactly what a server with no cache at all reads, and the change shows.
func TestStatusViewsFresh(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		other := service.New(st)
		other.Now, other.PublicView = f.svc.Now, true
		f.svc.PublicView = true
		march := time.Date(2022, 4, 15, 23, 59, 59, 0, service.China)
		public := service.Actor{Principal: auth.Anonymous()}
		type views struct {
			Cockpit             *service.Cockpit
			Ranking             *service.Ranking
			Board, PublicBoard  *service.Board
			Behind              *service.Board // filtered
			Summary, PublicSums *service.StatusSummary
			JSON, PublicJSON    json.RawMessage
		}
		read := func(t *testing.T, svc *service.Service) views {
			t.Helper()
			var v views
			var err error
			if v.Cockpit, err = svc.Cockpit(ctx, f.admin, f.planID, march); err != nil {
				t.Fatal(err)
			}
			if v.Ranking, err = svc.Ranking(ctx, f.admin, f.planID, march); err != nil {
				t.Fatal(err)
			}
			if v.Board, err = svc.StatusBoard(ctx, f.admin, f.planID, march, service.BoardFilter{}); err != nil {
				t.Fatal(err)
			}
			if v.PublicBoard, err = svc.StatusBoard(ctx, public, f.planID, march, service.BoardFilter{}); err != nil {
				t.Fatal(err)
			}
			if v.Behind, err = svc.StatusBoard(ctx, f.admin, f.planID, march, service.BoardFilter{Status: "attention"}); err != nil {
				t.Fatal(err)
			}
			if v.Summary, err = svc.PlanStatusSummary(ctx, f.admin, f.planID, march); err != nil {
				t.Fatal(err)
			}
			if v.PublicSums, err = svc.PlanStatusSummary(ctx, public, f.planID, march); err != nil {
				t.Fatal(err)
			}
			if v.JSON, err = svc.PlanStatusJSON(ctx, f.admin, f.planID, march); err != nil {
				t.Fatal(err)
			}
			if v.PublicJSON, err = svc.PlanStatusJSON(ctx, public, f.planID, march); err != nil {
				t.Fatal(err)
			}
			// The kept JSON is the status as PlanStatus reads it, encoded.
			for _, who := range []service.Actor{f.admin, public} {
				rows, at, err := svc.PlanStatus(ctx, who, f.planID, march)
				if err != nil {
					t.Fatal(err)
				}
				want, err := json.Marshal(service.StatusDTOs(rows, at))
				if err != nil {
					t.Fatal(err)
				}
				got := v.JSON
				if who.UserID == 0 {
					got = v.PublicJSON
				}
				var a, b any
				if json.Unmarshal(got, &a) != nil || json.Unmarshal(want, &b) != nil || !reflect.DeepEqual(a, b) {
					t.Errorf("the kept status JSON for %+v is not PlanStatus encoded", who.Principal)
				}
			}
			return v
		}
		uncached := func(t *testing.T) views {
			t.Helper()
			svc := service.New(st)
			svc.Now, svc.PublicView = f.svc.Now, true
			return read(t, svc)
		}
		before := read(t, f.svc)
		if !reflect.DeepEqual(before, read(t, other)) {
			t.Fatal("two servers read different views of one state")
		}
		for _, row := range before.PublicBoard.Rows {
			if !row.Public {
				t.Errorf("the public board shows internal indicator %d", row.IndicatorID)
			}
		}
		if len(before.PublicBoard.Rows) >= len(before.Board.Rows) || before.PublicSums.Overall.Total >= before.Summary.Overall.Total {
			t.Errorf("the public sees as much as the office: %d of %d rows", len(before.PublicBoard.Rows), len(before.Board.Rows))
		}
		// Visitors get neither the cockpit nor the ranking from the cache.
		if _, err := f.svc.Cockpit(ctx, public, f.planID, march); err == nil {
			t.Error("a visitor reads the cockpit")
		}
		if _, err := f.svc.Ranking(ctx, public, f.planID, march); err == nil {
			t.Error("a visitor reads the ranking")
		}

		// A March figure for 实际利用外资 approved: it leaves the overdue list.
		r, err := f.svc.CreateReport(ctx, f.reporter, f.fdi, service.ReportInput{Period: "2022-03", Value: dec("90000000")})
		if err != nil {
			t.Fatal(err)
		}
		if r, err = f.svc.Review(ctx, f.reporter, r.ID, service.ReviewAction{Action: progress.ActSubmit, Version: r.Version}); err != nil {
			t.Fatal(err)
		}
		if _, err = f.svc.Review(ctx, f.reviewer, r.ID, service.ReviewAction{Action: progress.ActApprove, Version: r.Version}); err != nil {
			t.Fatal(err)
		}
		want := uncached(t)
		if reflect.DeepEqual(before.Board.Rows, want.Board.Rows) || reflect.DeepEqual(before.Cockpit.Attention, want.Cockpit.Attention) {
			t.Fatal("the approval changed nothing the views show: the test proves nothing")
		}
		for name, svc := range map[string]*service.Service{"same": f.svc, "second": other} {
			got := read(t, svc)
			for what, pair := range map[string][2]any{
				"cockpit": {got.Cockpit, want.Cockpit}, "ranking": {got.Ranking, want.Ranking},
				"board": {got.Board, want.Board}, "public board": {got.PublicBoard, want.PublicBoard},
				"filtered board": {got.Behind, want.Behind}, "summary": {got.Summary, want.Summary},
				"public summary": {got.PublicSums, want.PublicSums},
				"json":           {got.JSON, want.JSON}, "public json": {got.PublicJSON, want.PublicJSON},
			} {
				if !reflect.DeepEqual(pair[0], pair[1]) {
					t.Errorf("after the approval, the %s server's %s is not what an uncached server reads", name, what)
				}
			}
		}
	})
}
