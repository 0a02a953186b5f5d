package store

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Callers of a shared read are each answered by a read that started after they called
// (so a write committed before the call is seen), and one read at most is under way.
func TestSharedReadStartsAfterTheCall(t *testing.T) {
	var (
		f               sharedRead
		clock, reads    atomic.Int64
		inFlight, calls atomic.Int64
	)
	read := func(context.Context) (string, error) {
		if n := inFlight.Add(1); n != 1 {
			t.Errorf("%d reads under way at once", n)
		}
		defer inFlight.Add(-1)
		reads.Add(1)
		start := clock.Add(1)
		time.Sleep(200 * time.Microsecond) // long enough for callers to pile up
		return time.Duration(start).String(), nil
	}
	var wg sync.WaitGroup
	for range 40 {
		wg.Go(func() {
			for range 25 {
				calls.Add(1)
				called := clock.Add(1)
				got, err := f.do(context.Background(), read)
				if err != nil {
					t.Error(err)
					return
				}
				if d, _ := time.ParseDuration(got); int64(d) <= called {
					t.Errorf("a call at %d answered by a read started at %d", called, int64(d))
				}
			}
		})
	}
	wg.Wait()
	t.Logf("%d calls, %d reads", calls.Load(), reads.Load())
}

// A caller that goes away (here the one whose call started the read) does not fail
// those that share its read.
func TestSharedReadCallerGone(t *testing.T) {
	var f sharedRead
	release := make(chan struct{})
	started := make(chan struct{})
	read := func(ctx context.Context) (string, error) {
		select {
		case started <- struct{}{}:
		default:
		}
		<-release
		return "v", ctx.Err()
	}
	ctx, cancel := context.WithCancel(context.Background())
	first := make(chan error, 1)
	go func() { _, err := f.do(ctx, read); first <- err }()
	<-started
	second := make(chan string, 1)
	go func() { v, _ := f.do(context.Background(), read); second <- v }()
	cancel()
	close(release)
	if err := <-first; err != nil && !errors.Is(err, context.Canceled) { // its own cancellation, or the read
		t.Errorf("the caller that went away: %v", err)
	}
	if v := <-second; v != "v" {
		t.Errorf("the caller after got %q", v)
	}
}

// A read that panics fails its callers with an error and does not leave the shared
// read taken: the next call makes a read of its own.
func TestSharedReadPanicFreesIt(t *testing.T) {
	var f sharedRead
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := f.do(ctx, func(context.Context) (string, error) { panic("boom") }); err == nil {
		t.Error("a read that panicked gave no error")
	}
	v, err := f.do(ctx, func(context.Context) (string, error) { return "v", nil })
	if err != nil || v != "v" {
		t.Errorf("after a panic: %q %v", v, err)
	}
}

// The caller whose call starts the read is still answered at its own cancellation,
// not when the read ends.
func TestSharedReadFirstCallerCancelled(t *testing.T) {
	var f sharedRead
	release := make(chan struct{})
	defer close(release)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	got := make(chan error, 1)
	go func() {
		_, err := f.do(ctx, func(context.Context) (string, error) { <-release; return "v", nil })
		got <- err
	}()
	select {
	case err := <-got:
		if err == nil {
			t.Error("a cancelled caller got no error")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the caller that started the read waited for it past its own cancellation")
	}
}
