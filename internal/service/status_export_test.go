package service

import (
	"context"
	"time"
)

// StatusRefreshes counts the whole-plan rebuilds and the patches the status cache made
// (statuscache.go), for the tests of package service_test.
func StatusRefreshes(s *Service) (rebuilds, patches int64) {
	return s.cache.rebuilds.Load(), s.cache.patches.Load()
}

// SlowStatusRead begins a read of a plan's status as planStatus does — the clock's tick,
// then the plan's version — and returns the rest of it, to be run later: a reader
// whose version was read before others moved the plan on.
func SlowStatusRead(ctx context.Context, s *Service, planID int64) (rest func() ([]IndicatorStatus, error), err error) {
	t := s.cache.tick()
	v, err := s.store.PlanVersion(ctx, planID)
	if err != nil {
		return nil, err
	}
	return func() ([]IndicatorStatus, error) {
		if cs := s.publishedAt(planID, v, t, time.Time{}); cs != nil {
			return cs.all, nil
		}
		e, err := s.freshAt(ctx, planID, v, t)
		if err != nil {
			return nil, err
		}
		return s.statusAt(e, time.Time{}).all, nil
	}, nil
}
