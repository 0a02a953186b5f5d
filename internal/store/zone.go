package store

import (
	"context"
	"fmt"

	"github.com/lantu-dev/lantu/internal/plan"
)

// ZonePlan is the plan a zone belongs to.
func (s *Store) ZonePlan(ctx context.Context, zoneID int64) (int64, error) {
	var planID int64
	err := s.q(ctx).QueryRowContext(ctx, `SELECT plan_id FROM zones WHERE id = $1`, zoneID).Scan(&planID)
	if err != nil {
		return 0, fmt.Errorf("store: zone %d: %w", zoneID, mapErr(err))
	}
	return planID, nil
}

// ProgramPlace is a program with the zone it sits in (names and codes only), for
// breadcrumbs.
func (s *Store) ProgramPlace(ctx context.Context, programID int64) (plan.Zone, plan.Program, error) {
	var z plan.Zone
	var pr plan.Program
	err := s.q(ctx).QueryRowContext(ctx, `SELECT z.id, z.plan_id, z.code, z.name, p.id, p.zone_id, p.code, p.name
		FROM programs p JOIN zones z ON z.id = p.zone_id WHERE p.id = $1`, programID).
		Scan(&z.ID, &z.PlanID, &z.Code, &z.Name, &pr.ID, &pr.ZoneID, &pr.Code, &pr.Name)
	if err != nil {
		return z, pr, fmt.Errorf("store: program %d: %w", programID, mapErr(err))
	}
	return z, pr, nil
}
