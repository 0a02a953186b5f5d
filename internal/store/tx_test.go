package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/lantu-dev/lantu/internal/audit"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// Issue 8, item 10: WithTx rolls back when fn panics (and panics on), when fn fails,
// and leaves no connection behind either way: the next write goes through at once.
func TestWithTxRollsBack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		write := func(ctx context.Context, action string) error {
			return s.AppendAudit(ctx, &audit.Entry{Action: action, Entity: "test"})
		}
		count := func() int {
			es, err := s.Audit(ctx, audit.Filter{Entity: "test", Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			return len(es)
		}
		func() {
			defer func() {
				if r := recover(); r != "boom" {
					t.Errorf("recovered %v, want the panic to go on after the rollback", r)
				}
			}()
			_ = s.WithTx(ctx, func(ctx context.Context) error {
				if err := write(ctx, "before.panic"); err != nil {
					t.Fatal(err)
				}
				panic("boom")
			})
		}()
		if n := s.DB().Stats().InUse; n != 0 {
			t.Errorf("%d connections still in use after a panic in a transaction", n)
		}
		errFail := errors.New("fail")
		err := s.WithTx(ctx, func(ctx context.Context) error {
			if err := write(ctx, "before.error"); err != nil {
				t.Fatal(err)
			}
			return errFail
		})
		if !errors.Is(err, errFail) {
			t.Errorf("WithTx = %v, want fn's error", err)
		}
		if n := count(); n != 0 {
			t.Errorf("%d rows of rolled-back transactions are stored", n)
		}
		if err := s.WithTx(ctx, func(ctx context.Context) error { return write(ctx, "after") }); err != nil {
			t.Fatalf("a write after the rollbacks: %v", err)
		}
		if n := count(); n != 1 {
			t.Errorf("%d rows after one committed write, want 1", n)
		}
	})
}
