package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"time"
)

// DBLimiter is a sliding-window limit on failures per key (auth.Limiter) kept in the
// database, so that several servers share one count and a restart forgets nothing: a
// key may fail max times in any window. A database that does not answer lets the
// attempt through (and logs it): the password check still stands, and locking every
// user out because the database hiccuped would be worse.
type DBLimiter struct {
	s      *Store
	scope  string
	max    int
	window time.Duration
}

// NewDBLimiter limits the keys of one scope ("login", "addr", "pair" …).
func (s *Store) NewDBLimiter(scope string, limit int, window time.Duration) *DBLimiter {
	if limit < 1 {
		limit = 1
	}
	return &DBLimiter{s: s, scope: scope, max: limit, window: window}
}

func hashKey(key string) string {
	h := sha256.Sum256([]byte(key))
	return hex.EncodeToString(h[:16])
}

func (l *DBLimiter) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 5*time.Second)
}

// Allow implements auth.Limiter.
func (l *DBLimiter) Allow(key string, now time.Time) (bool, time.Duration) {
	ctx, cancel := l.ctx()
	defer cancel()
	// The max newest failures in the window: refused when there are max of them, until
	// the oldest of those leaves the window.
	rows, err := l.s.db.QueryContext(ctx, `SELECT at FROM login_failures WHERE scope = $1 AND key = $2 AND at > $3
		ORDER BY at DESC LIMIT $4`, l.scope, hashKey(key), now.Add(-l.window).UTC(), l.max)
	if err != nil {
		slog.Warn("login limiter: the database does not answer; letting the attempt through", "err", err)
		return true, 0
	}
	defer rows.Close()
	var n int
	var oldest time.Time
	for rows.Next() {
		var at time.Time
		if err := rows.Scan(&at); err != nil {
			slog.Warn("login limiter: read failures", "err", err)
			return true, 0
		}
		n++
		oldest = at
	}
	if n < l.max {
		return true, 0
	}
	wait := oldest.Add(l.window).Sub(now)
	if wait > l.window {
		wait = l.window
	}
	if wait <= 0 {
		return true, 0
	}
	return false, wait
}

// Fail implements auth.Limiter; it also drops the key's failures that left the window.
func (l *DBLimiter) Fail(key string, now time.Time) {
	ctx, cancel := l.ctx()
	defer cancel()
	k := hashKey(key)
	err := l.s.WithTx(ctx, func(ctx context.Context) error {
		if _, err := l.s.q(ctx).ExecContext(ctx, `DELETE FROM login_failures WHERE scope = $1 AND key = $2 AND at <= $3`,
			l.scope, k, now.Add(-l.window).UTC()); err != nil {
			return err
		}
		_, err := l.s.q(ctx).ExecContext(ctx, `INSERT INTO login_failures (scope, key, at) VALUES ($1, $2, $3)`, l.scope, k, now.UTC())
		return err
	})
	if err != nil {
		slog.Warn("login limiter: record a failure", "err", err)
	}
}

// Succeed implements auth.Limiter.
func (l *DBLimiter) Succeed(key string) {
	ctx, cancel := l.ctx()
	defer cancel()
	if _, err := l.s.db.ExecContext(ctx, `DELETE FROM login_failures WHERE scope = $1 AND key = $2`, l.scope, hashKey(key)); err != nil {
		slog.Warn("login limiter: forget failures", "err", err)
	}
}

// PruneLoginFailures deletes failures older than before, of every key.
func (s *Store) PruneLoginFailures(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM login_failures WHERE at < $1`, before.UTC())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
