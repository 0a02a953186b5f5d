package service

import (
	"context"
	"fmt"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/store"
)

// The reads the pages and the API need beside the use-cases, each with the same rule on
// who may see what, so that neither web nor api reaches the store.

// Ping checks that the database answers.
func (s *Service) Ping(ctx context.Context) error { return s.store.Ping(ctx) }

// PlanHeader reads a plan's region, year, title and settings: what every page heading
// shows, and nothing the public may not see.
func (s *Service) PlanHeader(ctx context.Context, id int64) (*plan.Plan, error) {
	return s.store.PlanHeader(ctx, id)
}

// Departments lists a region's departments (their names are on public pages).
func (s *Service) Departments(ctx context.Context, regionID int64) ([]plan.Department, error) {
	return s.store.Departments(ctx, regionID)
}

// seesInternal says whether the actor may see a plan's internal indicators.
func (s *Service) seesInternal(a Actor, regionID int64) bool {
	return s.can(a, auth.PlanReadInternal, auth.Resource{RegionID: regionID}) == nil
}

// visible is nil when the actor may see an indicator, else why not.
func (s *Service) visible(a Actor, ind store.IndicatorRow) error {
	if s.seesInternal(a, ind.RegionID) {
		return nil
	}
	if a.UserID == 0 && !a.System {
		if ind.Public && s.PublicView {
			return nil
		}
		return auth.ErrUnauthenticated
	}
	if ind.Public {
		return nil
	}
	return fmt.Errorf("indicator %d: %w", ind.ID, auth.ErrForbidden)
}

// Indicator reads one indicator with its placing ids, for those who may see it.
func (s *Service) Indicator(ctx context.Context, a Actor, id int64) (store.IndicatorRow, error) {
	ind, err := s.store.Indicator(ctx, id)
	if err != nil {
		return ind, err
	}
	return ind, s.visible(a, ind)
}

// PlanIndicators lists the indicators of a plan the actor may see.
func (s *Service) PlanIndicators(ctx context.Context, a Actor, planID int64) ([]store.IndicatorRow, error) {
	p, err := s.store.PlanHeader(ctx, planID)
	if err != nil {
		return nil, err
	}
	return s.visibleIndicators(ctx, a, p)
}

// visibleIndicators lists the indicators of a plan already read that the actor may see.
func (s *Service) visibleIndicators(ctx context.Context, a Actor, p *plan.Plan) ([]store.IndicatorRow, error) {
	all, err := s.store.PlanIndicators(ctx, p.ID)
	if err != nil || s.seesInternal(a, p.RegionID) {
		return all, err
	}
	if a.UserID == 0 && !s.PublicView {
		return nil, auth.ErrUnauthenticated
	}
	out := all[:0]
	for _, ind := range all {
		if ind.Public {
			out = append(out, ind)
		}
	}
	return out, nil
}

// Document reads a plan's source document for those who may see the plan.
func (s *Service) Document(ctx context.Context, a Actor, planID int64, key string) (plan.Document, error) {
	if _, err := s.Plan(ctx, a, planID); err != nil {
		return plan.Document{}, err
	}
	return s.store.Document(ctx, planID, key)
}

// Documents lists a plan's documents (without their text) for those who ingest them.
func (s *Service) Documents(ctx context.Context, a Actor, planID int64) ([]plan.Document, error) {
	p, err := s.store.PlanHeader(ctx, planID)
	if err != nil {
		return nil, err
	}
	if err := s.can(a, auth.DocumentIngest, auth.Resource{RegionID: p.RegionID}); err != nil {
		return nil, err
	}
	return s.store.Documents(ctx, planID)
}

// Unlocks lists the unlocks of an indicator's periods (for showing which are open).
func (s *Service) Unlocks(ctx context.Context, a Actor, indicatorID int64) ([]progress.Unlock, error) {
	if _, err := s.Indicator(ctx, a, indicatorID); err != nil {
		return nil, err
	}
	return s.store.Unlocks(ctx, indicatorID)
}

// WouldGive is the status an indicator would have at the end of a report's period if the
// report counted: what approving it would mean, for the review queue.
func (s *Service) WouldGive(ctx context.Context, a Actor, reportID int64) (progress.Result, error) {
	r, err := s.store.Report(ctx, reportID)
	if err != nil {
		return progress.Result{}, err
	}
	ind, p, err := s.indicatorFor(ctx, r.IndicatorID)
	if err != nil {
		return progress.Result{}, err
	}
	if err := s.can(a, auth.ReportRead, s.readResource(a, ind, r.State)); err != nil {
		return progress.Result{}, err
	}
	return s.evaluateWith(ctx, ind, p, r.Report, periodEnd(r.Period))
}

// UserName is the name a page shows for a user id: the display name, or the login; empty
// for visitors who are not signed in (who did what is not public).
func (s *Service) UserName(ctx context.Context, a Actor, id int64) string {
	if id == 0 || (a.UserID == 0 && !a.System) {
		return ""
	}
	u, err := s.store.UserByID(ctx, id)
	if err != nil {
		return ""
	}
	if u.DisplayName != "" {
		return u.DisplayName
	}
	return u.Login
}
