package auth

import (
	"net/netip"
	"sync"
	"time"
)

// Limiter counts failed attempts per key (a login name, a client address) and says
// when a key has had too many. The clock is passed in, so tests and callers decide
// what now is.
//
// WindowLimiter keeps its counts in the memory of one process: with several app
// servers behind a load balancer each keeps its own, so the effective limit is the
// limit times the number of servers (and a restart forgets). That is accepted for
// lantu's size; a DB- or cache-backed Limiter can replace it behind this interface.
type Limiter interface {
	// Allow reports whether key may try now, and if not, how long until it may.
	Allow(key string, now time.Time) (ok bool, retryAfter time.Duration)
	// Fail records a failed attempt by key at now.
	Fail(key string, now time.Time)
	// Succeed forgets key's failures.
	Succeed(key string)
}

// DefaultMaxKeys bounds how many keys a WindowLimiter remembers.
const DefaultMaxKeys = 50_000

// WindowLimiter is a sliding-window log: a key may fail max times in any window; the
// next attempt is refused until the oldest of those failures is window old. It
// remembers at most maxKeys keys: when full it drops keys whose failures are all out
// of the window, and if none are, the key with the fewest failures among a few
// sampled ones.
// It is safe for concurrent use.
type WindowLimiter struct {
	max     int
	window  time.Duration
	maxKeys int

	mu        sync.Mutex
	keys      map[string]*failures
	lastSweep time.Time
}

// failures are a key's failure times in unix nanoseconds, oldest first, at most max.
type failures struct{ at []int64 }

// NewWindowLimiter allows limit failures per key in any window. maxKeys <= 0 means
// DefaultMaxKeys.
func NewWindowLimiter(limit int, window time.Duration, maxKeys int) *WindowLimiter {
	if limit < 1 {
		limit = 1
	}
	if maxKeys <= 0 {
		maxKeys = DefaultMaxKeys
	}
	return &WindowLimiter{max: limit, window: window, maxKeys: maxKeys, keys: make(map[string]*failures)}
}

// prune drops failures out of the window at now.
func (l *WindowLimiter) prune(f *failures, now int64) {
	cut := now - int64(l.window)
	i := 0
	for i < len(f.at) && f.at[i] <= cut {
		i++
	}
	f.at = f.at[i:]
}

// Allow implements Limiter. It never adds a key.
func (l *WindowLimiter) Allow(key string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f := l.keys[key]
	if f == nil {
		return true, 0
	}
	n := now.UnixNano()
	l.prune(f, n)
	if len(f.at) == 0 {
		delete(l.keys, key)
		return true, 0
	}
	if len(f.at) < l.max {
		return true, 0
	}
	wait := time.Duration(f.at[0] + int64(l.window) - n)
	if wait > l.window { // the clock went back
		wait = l.window
	}
	return false, wait
}

// Fail implements Limiter.
func (l *WindowLimiter) Fail(key string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := now.UnixNano()
	f := l.keys[key]
	if f == nil {
		if len(l.keys) >= l.maxKeys {
			l.makeRoom(now)
		}
		f = &failures{at: make([]int64, 0, min(l.max, 8))}
		l.keys[key] = f
	}
	l.prune(f, n)
	if len(f.at) == l.max {
		copy(f.at, f.at[1:])
		f.at = f.at[:l.max-1]
	}
	if k := len(f.at); k > 0 && f.at[k-1] > n {
		n = f.at[k-1] // keep the log in order if the clock went back
	}
	f.at = append(f.at, n)
}

// Succeed implements Limiter.
func (l *WindowLimiter) Succeed(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.keys, key)
}

// Len is how many keys are remembered.
func (l *WindowLimiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.keys)
}

// makeRoom frees at least one slot. A full sweep costs O(keys), so it runs at most
// once per window/16; between sweeps (a flood of fresh keys) it samples a few keys in
// map order and evicts the one with the fewest failures, the least recently failed
// among equals, which is O(1). So a flood of new keys evicts its own kind and not
// the keys that are locked out.
func (l *WindowLimiter) makeRoom(now time.Time) {
	if now.Sub(l.lastSweep) >= l.window/16 || now.Before(l.lastSweep) {
		l.lastSweep = now
		n := now.UnixNano()
		for k, f := range l.keys {
			if l.prune(f, n); len(f.at) == 0 {
				delete(l.keys, k)
			}
		}
		if len(l.keys) < l.maxKeys {
			return
		}
	}
	const sample = 8
	var victim string
	var fewest int
	var oldest int64
	i := 0
	for k, f := range l.keys {
		count, last := len(f.at), int64(0)
		if count > 0 {
			last = f.at[count-1]
		}
		if i == 0 || count < fewest || count == fewest && last < oldest {
			victim, fewest, oldest = k, count, last
		}
		if i++; i == sample {
			break
		}
	}
	delete(l.keys, victim)
}

// Login rate limits: 5 failures per login name and address pair and 20 per client
// address in any 15 minutes.
const (
	LoginFailuresPerPair = 5
	LoginFailuresPerAddr = 20
	LoginWindow          = 15 * time.Minute
)

// LoginLimiter guards sign-in by (login name, client address) pair and by client
// address.
//
// Use: before checking a password call Allow; if refused, answer 429 with Retry-After
// and do not check the password (nor say whether the name exists). After a wrong
// password (or an unknown name) call Fail; after a right one call Succeed.
//
// Counting per pair locks a name for 15 minutes only from the address that failed on
// it, so nobody can lock a known login out for its owner by failing on it from
// elsewhere; counting per address stops one address trying a few passwords on many
// names. Guessing one account's password from many addresses is slowed by the
// per-address limit of each and by the slow password hash, not stopped: the price of
// not letting anyone lock anyone out.
type LoginLimiter struct {
	Pairs Limiter // keyed by PairKey(login, addr)
	Addrs Limiter // keyed by AddrKey(addr)
}

// NewLoginLimiter returns an in-memory LoginLimiter with the default limits.
func NewLoginLimiter() *LoginLimiter {
	return &LoginLimiter{
		Pairs: NewWindowLimiter(LoginFailuresPerPair, LoginWindow, 0),
		Addrs: NewWindowLimiter(LoginFailuresPerAddr, LoginWindow, 0),
	}
}

// PairKey is the rate-limit key of a login name tried from an address.
func PairKey(login, addr string) string { return NormalizeLogin(login) + "\x00" + AddrKey(addr) }

// Allow reports whether a sign-in as login from addr may be tried now; if not, the
// longer of the waits.
func (l *LoginLimiter) Allow(login, addr string, now time.Time) (bool, time.Duration) {
	okPair, waitPair := l.Pairs.Allow(PairKey(login, addr), now)
	okAddr, waitAddr := l.Addrs.Allow(AddrKey(addr), now)
	return okPair && okAddr, max(waitPair, waitAddr)
}

// Fail records a failed sign-in.
func (l *LoginLimiter) Fail(login, addr string, now time.Time) {
	l.Pairs.Fail(PairKey(login, addr), now)
	l.Addrs.Fail(AddrKey(addr), now)
}

// Succeed forgets the pair's failures. The address's are kept: otherwise one valid
// account would let an address reset its count between guesses at others.
func (l *LoginLimiter) Succeed(login, addr string) {
	l.Pairs.Succeed(PairKey(login, addr))
}

// AddrKey turns a client address ("203.0.113.7:51234", "[2001:db8::1]:443", or a bare
// IP) into a rate-limit key: the IPv4 address, or the /64 of an IPv6 address (one
// host commonly holds a whole /64). Anything unparsable is used as it is. The web
// layer decides whether to trust X-Forwarded-For before passing the address.
func AddrKey(addr string) string {
	var ip netip.Addr
	if ap, err := netip.ParseAddrPort(addr); err == nil {
		ip = ap.Addr()
	} else if a, err := netip.ParseAddr(addr); err == nil {
		ip = a
	} else {
		return addr
	}
	ip = ip.Unmap().WithZone("")
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}
