package httpauth

import (
	"context"
	"fmt"
	"runtime"
)

// Limiter bounds how many requests build an answer at once (a page or an API answer
// not served from a cache). With a hundred readers rendering, a writer's goroutine,
// ready to send its next statement while it holds a plan row, queued for a core
// behind all of them (issue 11); with the builders bounded the rest wait here, parked,
// and the writers get the cores. Cached answers and writes do not take a slot.
type Limiter struct {
	slots chan struct{}
}

// NewLimiter lets n requests build at once.
func NewLimiter(n int) *Limiter {
	return &Limiter{slots: make(chan struct{}, max(n, 1))}
}

// Builders is the limit the pages and the API share: twice the cores, so that a
// builder waiting on the database leaves the cores to another.
var Builders = NewLimiter(2 * runtime.GOMAXPROCS(0))

type heldKey struct{}

// Do runs fn holding a slot, waiting for one as long as ctx lets it. A request that
// already holds a slot of this limiter (fn's ctx says so) does not take a second one:
// a handler that builds through another must not wait for itself.
func (l *Limiter) Do(ctx context.Context, fn func(ctx context.Context) error) error {
	if l == nil || ctx.Value(heldKey{}) == l {
		return fn(ctx)
	}
	select {
	case l.slots <- struct{}{}:
	case <-ctx.Done():
		return fmt.Errorf("httpauth: waiting to build an answer: %w", ctx.Err())
	}
	defer func() { <-l.slots }()
	return fn(context.WithValue(ctx, heldKey{}, l))
}

// Cap is how many requests may build at once.
func (l *Limiter) Cap() int { return cap(l.slots) }
