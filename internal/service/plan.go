package service

import (
	"context"
	"errors"
	"fmt"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/planfile"
	"github.com/lantu-dev/lantu/internal/store"
)

// ErrPlanExists is returned when a region already holds a plan of that year and title.
var ErrPlanExists = errors.New("the database already holds this plan")

// ReportSeeder loads the reports a plan file carries; the progress service provides it.
// It runs in the import's transaction.
type ReportSeeder func(ctx context.Context, p *plan.Plan, reports map[string][]planfile.Report) error

// ImportPlan stores a parsed plan file whole, in one transaction, or nothing.
func (s *Service) ImportPlan(ctx context.Context, a Actor, l *planfile.Loaded) (*plan.Plan, error) {
	p := l.Plan
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		// A new region may be opened only by a deployment-wide admin.
		regionID, err := s.resolveRegion(ctx, p.Region.Code)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if err := s.can(a, auth.PlanImport, auth.Resource{RegionID: regionID}); err != nil {
			return err
		}
		if _, err := s.store.FindPlan(ctx, p.Region.Code, p.Year, p.Title); err == nil {
			return fmt.Errorf("%w: %s %d %s", ErrPlanExists, p.Region.Name, p.Year, p.Title)
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if err := s.store.CreatePlan(ctx, p); err != nil {
			return err
		}
		if err := s.saveStdCodes(ctx, p); err != nil {
			return err
		}
		if len(l.Reports) > 0 {
			if err := s.seedReports(ctx, p, l.Reports); err != nil {
				return fmt.Errorf("import plan reports: %w", err)
			}
		}
		return s.record(ctx, a, p.RegionID, "plan.import", "plan", p.ID, nil, planAuditView(p), "")
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// planAuditView is what the audit log keeps of an imported plan: its identity and size,
// not the whole tree with its documents.
func planAuditView(p *plan.Plan) map[string]any {
	var programs, indicators int
	for _, z := range p.Zones {
		programs += len(z.Programs)
		for _, pr := range z.Programs {
			indicators += len(pr.Indicators)
		}
	}
	return map[string]any{"region": p.Region.Code, "year": p.Year, "title": p.Title,
		"zones": len(p.Zones), "programs": programs, "indicators": indicators}
}

// EnsurePlan imports a plan file unless the database already holds that plan, and
// returns the plan's id and whether it was imported now.
func (s *Service) EnsurePlan(ctx context.Context, a Actor, l *planfile.Loaded) (int64, bool, error) {
	p := l.Plan
	if id, err := s.store.FindPlan(ctx, p.Region.Code, p.Year, p.Title); err == nil {
		return id, false, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return 0, false, err
	}
	imported, err := s.ImportPlan(ctx, a, l)
	if errors.Is(err, ErrPlanExists) { // another server won the race
		id, ferr := s.store.FindPlan(ctx, p.Region.Code, p.Year, p.Title)
		return id, false, ferr
	}
	if err != nil {
		return 0, false, err
	}
	return imported.ID, true, nil
}

// Plan reads a whole plan as the actor may see it: everything for a signed-in user
// allowed to read internal indicators; public indicators only for a visitor, when the
// deployment shows a public view at all. It is read once per whole-plan change and shared:
// callers must not change it.
func (s *Service) Plan(ctx context.Context, a Actor, id int64) (*plan.Plan, error) {
	return s.planTree(ctx, a, id)
}

// PublicOnly strips a plan down to what the public may see: its public indicators.
func PublicOnly(p *plan.Plan) {
	for zi := range p.Zones {
		for pi := range p.Zones[zi].Programs {
			pr := &p.Zones[zi].Programs[pi]
			kept := pr.Indicators[:0]
			for _, ind := range pr.Indicators {
				if ind.Public {
					kept = append(kept, ind)
				}
			}
			pr.Indicators = kept
		}
	}
}

// Plans lists the plans: to anyone signed in, and to the public when the public view is on.
func (s *Service) Plans(ctx context.Context, a Actor) ([]store.PlanSummary, error) {
	if a.UserID == 0 && !a.System && !s.PublicView {
		return nil, auth.ErrUnauthenticated
	}
	return s.store.ListPlans(ctx)
}

// DefaultPlan picks the plan to show when none is asked for: the newest.
func (s *Service) DefaultPlan(ctx context.Context) (int64, error) {
	ps, err := s.store.ListPlans(ctx)
	if err != nil {
		return 0, err
	}
	if len(ps) == 0 {
		return 0, fmt.Errorf("no plan yet: %w", store.ErrNotFound)
	}
	return ps[0].ID, nil
}

// ExportPlan writes a plan as a plan file.
func (s *Service) ExportPlan(ctx context.Context, id int64) ([]byte, error) {
	p, err := s.store.GetPlan(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.loadStdCodes(ctx, p); err != nil {
		return nil, err
	}
	return planfile.Marshal(planfile.FromPlan(p, nil))
}
