package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// The database-backed limiter: a key may fail max times in the window, whichever
// limiter (server) records the failures; the wait ends when the oldest leaves the
// window; success forgets; other keys and scopes are apart. On both databases.
func TestDBLimiter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		a := st.NewDBLimiter("login", 3, 15*time.Minute)
		b := st.NewDBLimiter("login", 3, 15*time.Minute) // a second server
		other := st.NewDBLimiter("addr", 3, 15*time.Minute)
		t0 := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
		a.Fail("alice", t0)
		b.Fail("alice", t0.Add(time.Minute))
		if ok, _ := a.Allow("alice", t0.Add(2*time.Minute)); !ok {
			t.Fatal("refused after 2 failures of 3")
		}
		a.Fail("alice", t0.Add(2*time.Minute))
		ok, wait := b.Allow("alice", t0.Add(3*time.Minute))
		if ok || wait != 12*time.Minute {
			t.Fatalf("after 3 failures on two servers: allowed %v, wait %v; want refused for 12m", ok, wait)
		}
		if ok, _ := a.Allow("bob", t0.Add(3*time.Minute)); !ok {
			t.Error("another key refused")
		}
		if ok, _ := other.Allow("alice", t0.Add(3*time.Minute)); !ok {
			t.Error("another scope refused")
		}
		if ok, _ := a.Allow("alice", t0.Add(15*time.Minute+time.Second)); !ok {
			t.Error("still refused once the oldest failure left the window")
		}
		b.Succeed("alice")
		if ok, _ := a.Allow("alice", t0.Add(4*time.Minute)); !ok {
			t.Error("refused after a success")
		}
		var stored string
		if err := st.DB().QueryRowContext(context.Background(), `SELECT count(*) FROM login_failures WHERE key = 'alice'`).Scan(&stored); err != nil || stored != "0" {
			t.Errorf("a login is stored in clear: %v %v", stored, err)
		}
	})
}
