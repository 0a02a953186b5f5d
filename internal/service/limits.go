package service

import (
	"context"
	"time"

	"github.com/lantu-dev/lantu/internal/auth"
)

// ShareLoginLimits keeps the sign-in rate limit's counts in the database instead of the
// process's memory, so that several servers on one database enforce one limit (and a
// restart forgets nothing). Serve calls it; tests of one process may keep the default.
func (s *Service) ShareLoginLimits() {
	s.Limiter = &auth.LoginLimiter{
		Pairs: s.store.NewDBLimiter("pair", auth.LoginFailuresPerPair, auth.LoginWindow),
		Addrs: s.store.NewDBLimiter("addr", auth.LoginFailuresPerAddr, auth.LoginWindow),
	}
}

// PruneLoginFailures drops failed sign-ins older than a day (the window is 15 minutes).
func (s *Service) PruneLoginFailures(ctx context.Context) (int64, error) {
	return s.store.PruneLoginFailures(ctx, s.Now().Add(-24*time.Hour))
}
