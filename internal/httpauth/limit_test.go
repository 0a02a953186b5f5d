package httpauth_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/lantu-dev/lantu/internal/httpauth"
)

// Issue 11: at most n builders at once; a builder that builds through another does not
// wait for itself; a request waiting for a slot goes when its context does.
func TestLimiter(t *testing.T) {
	l := httpauth.NewLimiter(2)
	ctx := context.Background()

	// Nested use under a held slot, with every slot held: no deadlock.
	release := make(chan struct{})
	var started sync.WaitGroup
	started.Add(1)
	go func() {
		_ = l.Do(ctx, func(context.Context) error { started.Done(); <-release; return nil })
	}()
	started.Wait()
	ran := false
	if err := l.Do(ctx, func(ctx context.Context) error {
		return l.Do(ctx, func(context.Context) error { ran = true; return nil })
	}); err != nil || !ran {
		t.Fatalf("nested Do: %v, ran %t", err, ran)
	}

	// Both slots held: a waiter honours its context.
	held := make(chan struct{})
	go func() {
		_ = l.Do(ctx, func(context.Context) error { close(held); <-release; return nil })
	}()
	<-held
	cctx, cancel := context.WithCancel(ctx)
	errc := make(chan error, 1)
	go func() {
		errc <- l.Do(cctx, func(context.Context) error { t.Error("ran without a slot"); return nil })
	}()
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Errorf("waiting Do after cancel = %v, want context.Canceled", err)
	}
	close(release)

	// Never more than n at once.
	var now, most atomic.Int32
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = l.Do(ctx, func(context.Context) error {
				n := now.Add(1)
				for {
					m := most.Load()
					if n <= m || most.CompareAndSwap(m, n) {
						break
					}
				}
				for range 1000 {
					_ = n * 2
				}
				now.Add(-1)
				return nil
			})
		}()
	}
	wg.Wait()
	if m := most.Load(); m > 2 {
		t.Errorf("%d builders at once, want at most 2", m)
	}
}
