package web_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/httpauth"
)

// Issue 11: pages and API answers not served kept are built under httpauth.Builders;
// kept ones are served without a slot, and a request waiting for one goes when its
// context does. All slots are held here, as by a hundred readers building.
func TestBuildersBound(t *testing.T) {
	w := newProgressWorld(t)
	leader := w.browser(t, "leader")
	api := fmt.Sprintf("/api/v1/status?plan=%d", w.planID)
	for _, p := range []string{"/status", api} {
		if code, _ := w.get(t, leader, p); code != http.StatusOK {
			t.Fatalf("GET %s: %d", p, code)
		}
	}

	release := make(chan struct{})
	var held, done sync.WaitGroup
	for range httpauth.Builders.Cap() {
		held.Add(1)
		done.Add(1)
		go func() {
			defer done.Done()
			_ = httpauth.Builders.Do(context.Background(), func(context.Context) error { held.Done(); <-release; return nil })
		}()
	}
	held.Wait()
	freed := false
	free := func() {
		if !freed {
			freed = true
			close(release)
			done.Wait()
		}
	}
	defer free()

	// Kept: served with every slot taken.
	for _, p := range []string{"/status", api} {
		if code, _ := w.get(t, leader, p); code != http.StatusOK {
			t.Errorf("kept GET %s with every slot taken: %d", p, code)
		}
	}
	// Not kept: waits for a slot, and gives up with its request.
	for _, p := range []string{"/status?dept=commerce", api + "&dept=commerce"} {
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, w.srv.URL+p, nil)
		res, err := leader.Do(req)
		cancel()
		if err == nil {
			res.Body.Close()
			t.Errorf("GET %s built with every slot taken: %d", p, res.StatusCode)
		} else if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("GET %s: %v, want the request's deadline", p, err)
		}
	}
	free()
	for _, p := range []string{"/status?dept=commerce", api + "&dept=commerce"} {
		if code, _ := w.get(t, leader, p); code != http.StatusOK {
			t.Errorf("GET %s once slots are free: %d", p, code)
		}
	}
}
