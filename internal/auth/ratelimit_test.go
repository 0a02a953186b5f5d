package auth

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func TestWindowLimiter(t *testing.T) {
	type step struct {
		op      string // "fail", "allow", "succeed"
		at      time.Duration
		ok      bool          // for allow
		wait    time.Duration // for allow
		comment string
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"under the limit", []step{
			{"fail", 0, false, 0, ""},
			{"fail", time.Minute, false, 0, ""},
			{"allow", 2 * time.Minute, true, 0, "2 of 3"},
		}},
		{"locked out until the oldest failure leaves the window", []step{
			{"fail", 0, false, 0, ""},
			{"fail", time.Minute, false, 0, ""},
			{"fail", 2 * time.Minute, false, 0, ""},
			{"allow", 3 * time.Minute, false, 7 * time.Minute, "3 of 3"},
			{"allow", 10*time.Minute - time.Second, false, time.Second, ""},
			{"allow", 10 * time.Minute, true, 0, "first failure gone"},
			{"fail", 10 * time.Minute, false, 0, ""},
			{"allow", 10 * time.Minute, false, time.Minute, "waits for the second"},
			{"allow", 12 * time.Minute, true, 0, ""},
		}},
		{"success clears", []step{
			{"fail", 0, false, 0, ""},
			{"fail", 0, false, 0, ""},
			{"fail", 0, false, 0, ""},
			{"allow", 0, false, 10 * time.Minute, ""},
			{"succeed", 0, false, 0, ""},
			{"allow", 0, true, 0, ""},
		}},
		{"failing while locked keeps it locked", []step{
			{"fail", 0, false, 0, ""},
			{"fail", time.Minute, false, 0, ""},
			{"fail", 2 * time.Minute, false, 0, ""},
			{"fail", 5 * time.Minute, false, 0, ""},
			{"allow", 5 * time.Minute, false, 6 * time.Minute, "oldest kept is at 1m"},
		}},
		{"clock goes back", []step{
			{"fail", 5 * time.Minute, false, 0, ""},
			{"fail", 5 * time.Minute, false, 0, ""},
			{"fail", 5 * time.Minute, false, 0, ""},
			{"allow", 0, false, 10 * time.Minute, "capped at the window"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := NewWindowLimiter(3, 10*time.Minute, 0)
			for i, s := range tt.steps {
				now := t0.Add(s.at)
				switch s.op {
				case "fail":
					l.Fail("k", now)
				case "succeed":
					l.Succeed("k")
				case "allow":
					ok, wait := l.Allow("k", now)
					if ok != s.ok || wait != s.wait {
						t.Errorf("step %d (%s): Allow = %v, %v; want %v, %v", i, s.comment, ok, wait, s.ok, s.wait)
					}
				}
			}
			if ok, _ := l.Allow("other", t0); !ok {
				t.Error("another key is limited")
			}
		})
	}
}

func TestWindowLimiterForgetsOldKeys(t *testing.T) {
	l := NewWindowLimiter(3, 10*time.Minute, 0)
	l.Fail("a", t0)
	if ok, _ := l.Allow("a", t0.Add(10*time.Minute)); !ok || l.Len() != 0 {
		t.Errorf("expired key kept: ok %v, len %d", ok, l.Len())
	}
	l.Allow("never-failed", t0)
	if l.Len() != 0 {
		t.Error("Allow added a key")
	}
}

func TestWindowLimiterBounded(t *testing.T) {
	l := NewWindowLimiter(3, 10*time.Minute, 100)
	// Old keys are swept when the map fills.
	for i := range 100 {
		l.Fail(fmt.Sprint("old", i), t0)
	}
	for i := range 50 {
		l.Fail(fmt.Sprint("new", i), t0.Add(11*time.Minute))
	}
	if l.Len() != 50 {
		t.Errorf("after sweep: %d keys, want 50", l.Len())
	}
	// A flood of fresh keys never grows the map past its cap.
	for i := range 10_000 {
		l.Fail(fmt.Sprint("flood", i), t0.Add(12*time.Minute+time.Duration(i)*time.Millisecond))
		if l.Len() > 100 {
			t.Fatalf("%d keys, cap 100", l.Len())
		}
	}
	// A flood of fresh keys does not evict a locked-out key (which, being refused,
	// fails no more): eviction prefers keys with fewer failures.
	l = NewWindowLimiter(3, 10*time.Minute, 100)
	for i := range 3 {
		l.Fail("victim", t0.Add(time.Duration(i)*time.Second))
	}
	for i := range 10_000 {
		l.Fail(fmt.Sprint("k", i), t0.Add(time.Minute+time.Duration(i)*time.Millisecond))
	}
	if ok, _ := l.Allow("victim", t0.Add(2*time.Minute)); ok {
		t.Error("a flood of new keys freed a locked-out key")
	}
}

func TestWindowLimiterConcurrent(t *testing.T) {
	l := NewWindowLimiter(1000, time.Minute, 50)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 500 {
				key := fmt.Sprint(g, "/", i%70)
				now := t0.Add(time.Duration(i) * time.Millisecond)
				l.Fail(key, now)
				l.Allow(key, now)
				if i%7 == 0 {
					l.Succeed(key)
				}
			}
		})
	}
	wg.Wait()
	if l.Len() > 50 {
		t.Errorf("%d keys, cap 50", l.Len())
	}
}

func TestLoginLimiter(t *testing.T) {
	l := NewLoginLimiter()
	// Issue 8, item 8: five failures on one name from one address lock that pair for 15
	// minutes — and only that pair: failures from elsewhere cannot lock a known login
	// out for its owner.
	for i := range 5 {
		if ok, _ := l.Allow("ZhangSan", "10.0.0.9:5000", t0); !ok {
			t.Fatalf("attempt %d refused", i)
		}
		l.Fail("ZhangSan", fmt.Sprintf("10.0.0.9:%d", 5000+i), t0.Add(time.Duration(i)*time.Minute))
	}
	ok, wait := l.Allow(" zhangsan", "10.0.0.9:1", t0.Add(5*time.Minute))
	if ok || wait != 10*time.Minute {
		t.Errorf("name and address after 5 failures: %v, %v; want locked for 10m", ok, wait)
	}
	if ok, _ := l.Allow("zhangsan", "10.0.0.8:5000", t0.Add(5*time.Minute)); !ok {
		t.Error("the name is locked from another address: anyone can lock a known login out")
	}
	if ok, _ := l.Allow("lisi", "10.0.0.9:5000", t0.Add(5*time.Minute)); !ok {
		t.Error("another name from the same address is refused")
	}
	if ok, _ := l.Allow("zhangsan", "10.0.0.9:1", t0.Add(15*time.Minute)); !ok {
		t.Error("still locked after the window")
	}
	// Five failures on one name from five addresses lock nothing.
	l = NewLoginLimiter()
	for i := range 5 {
		l.Fail("wangwu", fmt.Sprintf("10.0.1.%d:5000", i), t0)
	}
	if ok, _ := l.Allow("wangwu", "10.0.1.200:1", t0.Add(time.Minute)); !ok {
		t.Error("failures from other addresses lock the name")
	}

	// Twenty failures from one address on many names lock the address.
	l = NewLoginLimiter()
	for i := range 20 {
		l.Fail(fmt.Sprint("user", i), "[2001:db8::1]:443", t0)
	}
	if ok, wait := l.Allow("someone", "[2001:db8::ffff]:80", t0.Add(time.Minute)); ok || wait != 14*time.Minute {
		t.Errorf("address after 20 failures (same /64): %v, %v", ok, wait)
	}
	if ok, _ := l.Allow("someone", "[2001:db8:0:1::1]:80", t0); !ok {
		t.Error("another /64 is refused")
	}
	// Success clears the name, not the address.
	l.Succeed("user3", "[2001:db8::1]:443")
	if ok, _ := l.Allow("user3", "192.0.2.1", t0); !ok {
		t.Error("name still counted after success")
	}
	if ok, _ := l.Allow("user3", "2001:db8::1", t0); ok {
		t.Error("success cleared the address")
	}
}

func TestAddrKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"203.0.113.7:51234", "203.0.113.7"},
		{"203.0.113.7", "203.0.113.7"},
		{"[2001:db8:1:2:3:4:5:6]:443", "2001:db8:1:2::/64"},
		{"2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"},
		{"[::ffff:203.0.113.7]:80", "203.0.113.7"},
		{"[fe80::1%eth0]:80", "fe80::/64"},
		{"not an address", "not an address"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := AddrKey(tt.in); got != tt.want {
			t.Errorf("AddrKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
