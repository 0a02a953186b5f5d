package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// Issue 11: a write holds its plan's row from the version bump to its commit, and every
// other writer of the plan waits for it. The bump and the changed indicators' marks are
// the transaction's last statements, one on PostgreSQL (two on SQLite, whose writers
// the database lock serialises anyway), and the marks still carry the bumped version.
func TestVersionBumpLastAndShort(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := loadSmall(t).Plan
		if err := s.WithTx(ctx, func(ctx context.Context) error { return s.CreatePlan(ctx, p) }); err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, code := range []string{"fdi", "trade-growth"} {
			ind, err := s.IndicatorByCode(ctx, p.ID, code)
			if err != nil {
				t.Fatal(code, err)
			}
			ids = append(ids, ind.ID)
		}
		var held []int
		store.SetFlushHook(func(n int) { held = append(held, n) })
		t.Cleanup(func() { store.SetFlushHook(nil) })
		want := 1
		if s.Dialect() != store.Postgres {
			want = 2
		}

		before, err := s.PlanVersion(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.WithTx(ctx, func(ctx context.Context) error { return s.IndicatorChanged(ctx, ids...) }); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(held, []int{want}) {
			t.Errorf("statements run holding the plan row: %v, want [%d]", held, want)
		}
		after, err := s.PlanVersion(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if after.Version != before.Version+1 || after.Shape != before.Shape {
			t.Errorf("version %+v → %+v, want one step, same shape", before, after)
		}
		changed, err := s.ChangedIndicators(ctx, p.ID, before.Version)
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(changed)
		slices.Sort(ids)
		if !slices.Equal(changed, ids) {
			t.Errorf("changed since %d: %v, want %v", before.Version, changed, ids)
		}
		if changed, _ := s.ChangedIndicators(ctx, p.ID, after.Version); len(changed) != 0 {
			t.Errorf("changed since %d: %v, want none", after.Version, changed)
		}

		// A whole-plan change: one statement, and the shape moves.
		held = nil
		if err := s.WithTx(ctx, func(ctx context.Context) error { return s.PlanChanged(ctx, p.ID) }); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(held, []int{1}) {
			t.Errorf("statements run holding the plan row for a whole-plan change: %v, want [1]", held)
		}
		whole, err := s.PlanVersion(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if whole.Version != after.Version+1 || whole.Shape != whole.Version {
			t.Errorf("version %+v → %+v, want one step and the shape with it", after, whole)
		}
	})
}
