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

// PlanOutline reads a plan's zones with their programs, in order, without indicators,
// projects or documents: what roll-ups need, in one query.
func (s *Store) PlanOutline(ctx context.Context, planID int64) ([]plan.Zone, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT z.id, z.code, z.name, z.description, z.position,
		COALESCE(p.id, 0), COALESCE(p.code, ''), COALESCE(p.name, ''), COALESCE(p.description, ''), COALESCE(p.position, 0)
		FROM zones z LEFT JOIN programs p ON p.zone_id = z.id AND p.retired_at IS NULL
		WHERE z.plan_id = $1 AND z.retired_at IS NULL ORDER BY z.position, z.id, p.position, p.id`, planID)
	if err != nil {
		return nil, fmt.Errorf("store: plan %d outline: %w", planID, err)
	}
	defer rows.Close()
	var out []plan.Zone
	for rows.Next() {
		var z plan.Zone
		var pr plan.Program
		if err := rows.Scan(&z.ID, &z.Code, &z.Name, &z.Description, &z.Position, &pr.ID, &pr.Code, &pr.Name, &pr.Description, &pr.Position); err != nil {
			return nil, fmt.Errorf("store: plan %d outline: %w", planID, err)
		}
		if n := len(out); n == 0 || out[n-1].ID != z.ID {
			z.PlanID = planID
			out = append(out, z)
		}
		if pr.ID != 0 {
			pr.ZoneID = z.ID
			out[len(out)-1].Programs = append(out[len(out)-1].Programs, pr)
		}
	}
	return out, rows.Err()
}
