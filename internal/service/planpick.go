package service

import (
	"context"
	"fmt"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/store"
)

// ReadablePlans lists the plans the actor may read, newest year first: for a signed-in
// user the plans of the regions whose internal indicators they read (their district, the
// districts under their city, every plan for a deployment-wide user); when they read no
// region's plan internally, every plan's public side. Visitors get every plan's public
// side when the deployment shows a public view, and nothing otherwise. It is what the plan
// switcher offers.
func (s *Service) ReadablePlans(ctx context.Context, a Actor) ([]store.PlanSummary, error) {
	if a.UserID == 0 && !a.System && !s.PublicView {
		return nil, nil
	}
	all, err := s.store.ListPlans(ctx)
	if err != nil {
		return nil, fmt.Errorf("list readable plans: %w", err)
	}
	if a.UserID == 0 && !a.System {
		return all, nil
	}
	var inside []store.PlanSummary
	for _, p := range all {
		if s.seesInternal(a, p.RegionID) {
			inside = append(inside, p)
		}
	}
	if len(inside) == 0 {
		return all, nil
	}
	return inside, nil
}

// PickPlan chooses the plan a page works on when the request names none: the remembered
// one (the switcher's last choice) when the actor may still read it, else the newest plan
// of the actor's own region, else the newest plan they may read. It never widens what the
// actor may read: every page still reads the plan through the service's checks.
func (s *Service) PickPlan(ctx context.Context, a Actor, remembered int64) (int64, error) {
	ps, err := s.ReadablePlans(ctx, a)
	if err != nil {
		return 0, err
	}
	if len(ps) == 0 {
		if a.UserID == 0 && !a.System && !s.PublicView {
			return 0, auth.ErrUnauthenticated
		}
		return 0, fmt.Errorf("no plan yet: %w", store.ErrNotFound)
	}
	if remembered > 0 {
		for _, p := range ps {
			if p.ID == remembered {
				return p.ID, nil
			}
		}
	}
	if a.RegionID != 0 {
		for _, p := range ps {
			if p.RegionID == a.RegionID {
				return p.ID, nil
			}
		}
	}
	return ps[0].ID, nil
}
