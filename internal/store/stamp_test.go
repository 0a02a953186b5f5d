package store_test

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// The data stamp is read shared by concurrent callers (PlansStamp): every caller still
// sees every change committed before it called, while a writer keeps changing a plan.
func TestPlansStampSeesWritesBeforeTheCall(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := loadSmall(t).Plan
		if err := s.WithTx(ctx, func(ctx context.Context) error { return s.CreatePlan(ctx, p) }); err != nil {
			t.Fatal(err)
		}
		sumOf := func(t *testing.T, stamp string) int64 {
			t.Helper()
			parts := strings.Split(stamp, ".")
			if len(parts) != 3 {
				t.Fatalf("stamp %q", stamp)
			}
			n, err := strconv.ParseInt(parts[1], 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		s0, err := s.PlansStamp(ctx)
		if err != nil {
			t.Fatal(err)
		}
		base := sumOf(t, s0)
		var committed atomic.Int64
		const writes = 60
		done := make(chan struct{})
		var wg sync.WaitGroup
		wg.Go(func() {
			defer close(done)
			for i := range writes {
				if err := s.PlanChanged(ctx, p.ID); err != nil {
					t.Error(err)
					return
				}
				committed.Store(int64(i + 1))
			}
		})
		for range 8 {
			wg.Go(func() {
				for {
					select {
					case <-done:
						return
					default:
					}
					want := committed.Load()
					stamp, err := s.PlansStamp(ctx)
					if err != nil {
						t.Error(err)
						return
					}
					if got := sumOf(t, stamp) - base; got < want {
						t.Errorf("a stamp read after %d changes shows %d", want, got)
						return
					}
				}
			})
		}
		wg.Wait()
		if s1, err := s.PlansStamp(ctx); err != nil || sumOf(t, s1)-base != writes {
			t.Errorf("after %d changes the stamp is %q (%v), from %q", writes, s1, err, s0)
		}
	})
}
