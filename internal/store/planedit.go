package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/lantu-dev/lantu/internal/plan"
)

// Editing the plan item by item (the admin's plan pages). Items with history are
// retired, never deleted (migration 0017); every update checks the edit version the form
// carried and moves it, and bumps the plan's version in the same transaction so that
// cached status and pages are rebuilt.

// PlanTable names a table of plan items that can be edited and retired.
type PlanTable string

const (
	TableZones       PlanTable = "zones"
	TablePrograms    PlanTable = "programs"
	TableProjects    PlanTable = "projects"
	TableIndicators  PlanTable = "indicators"
	TableDepartments PlanTable = "departments"
)

func (t PlanTable) valid() bool {
	switch t {
	case TableZones, TablePrograms, TableProjects, TableIndicators, TableDepartments:
		return true
	}
	return false
}

// PlanItem is a zone, program, project or department as the edit form shows it.
type PlanItem struct {
	ID          int64
	PlanID      int64 // 0 for a department
	RegionID    int64
	ParentID    int64 // a program's zone, a project's program
	Code        string
	Name        string
	Description string
	DeptID      int64 // a project's owner
	DeptCode    string
	Start, End  string
	EditVersion int
	Retired     bool
}

// PlanItem reads one zone, program, project or department, retired or not.
func (s *Store) PlanItem(ctx context.Context, t PlanTable, id int64) (PlanItem, error) {
	var q string
	switch t {
	case TableZones:
		q = `SELECT z.id, z.plan_id, p.region_id, z.plan_id, z.code, z.name, z.description, 0, '', '', '', z.edit_version,
			CASE WHEN z.retired_at IS NULL THEN 0 ELSE 1 END
			FROM zones z JOIN plans p ON p.id = z.plan_id WHERE z.id = $1`
	case TablePrograms:
		q = `SELECT pr.id, pr.plan_id, p.region_id, pr.zone_id, pr.code, pr.name, pr.description, 0, '', '', '', pr.edit_version,
			CASE WHEN pr.retired_at IS NULL AND z.retired_at IS NULL THEN 0 ELSE 1 END
			FROM programs pr JOIN zones z ON z.id = pr.zone_id JOIN plans p ON p.id = pr.plan_id WHERE pr.id = $1`
	case TableProjects:
		q = `SELECT pj.id, pj.plan_id, p.region_id, pj.program_id, pj.code, pj.name, pj.description, COALESCE(pj.department_id, 0),
			COALESCE(d.code, ''), pj.start_date, pj.end_date, pj.edit_version,
			CASE WHEN pj.retired_at IS NULL AND pr.retired_at IS NULL AND z.retired_at IS NULL THEN 0 ELSE 1 END
			FROM projects pj JOIN programs pr ON pr.id = pj.program_id JOIN zones z ON z.id = pr.zone_id
			JOIN plans p ON p.id = pj.plan_id LEFT JOIN departments d ON d.id = pj.department_id WHERE pj.id = $1`
	case TableDepartments:
		q = `SELECT d.id, 0, d.region_id, 0, d.code, d.name, '', 0, '', '', '', d.edit_version,
			CASE WHEN d.retired_at IS NULL THEN 0 ELSE 1 END FROM departments d WHERE d.id = $1`
	default:
		return PlanItem{}, fmt.Errorf("store: plan item of %q: %w", t, ErrNotFound)
	}
	var it PlanItem
	var retired int
	err := s.q(ctx).QueryRowContext(ctx, q, id).Scan(&it.ID, &it.PlanID, &it.RegionID, &it.ParentID, &it.Code, &it.Name, &it.Description,
		&it.DeptID, &it.DeptCode, &it.Start, &it.End, &it.EditVersion, &retired)
	if err != nil {
		return it, fmt.Errorf("store: %s %d: %w", strings.TrimSuffix(string(t), "s"), id, mapErr(err))
	}
	it.Retired = retired != 0
	return it, nil
}

// RetiredItems lists a plan's retired zones, programs, projects and indicators (for the
// admin's page: what was retired and when it can be looked up).
func (s *Store) RetiredItems(ctx context.Context, planID int64) (map[PlanTable][]PlanItem, error) {
	out := map[PlanTable][]PlanItem{}
	for _, t := range []PlanTable{TableZones, TablePrograms, TableProjects, TableIndicators} {
		rows, err := s.q(ctx).QueryContext(ctx, `SELECT id, code, name FROM `+string(t)+` WHERE plan_id = $1 AND retired_at IS NOT NULL ORDER BY id`, planID)
		if err != nil {
			return nil, fmt.Errorf("store: retired %s of plan %d: %w", t, planID, err)
		}
		for rows.Next() {
			it := PlanItem{PlanID: planID, Retired: true}
			if err := rows.Scan(&it.ID, &it.Code, &it.Name); err != nil {
				rows.Close()
				return nil, err
			}
			out[t] = append(out[t], it)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// CodeTaken reports whether a code is used by another item of the plan (of the region
// for departments), retired items included: a code names one thing for good.
func (s *Store) CodeTaken(ctx context.Context, t PlanTable, scopeID int64, code string, exceptID int64) (bool, error) {
	if !t.valid() {
		return false, fmt.Errorf("store: code of %q: %w", t, ErrNotFound)
	}
	col := "plan_id"
	if t == TableDepartments {
		col = "region_id"
	}
	var n int
	err := s.q(ctx).QueryRowContext(ctx, `SELECT count(*) FROM `+string(t)+` WHERE `+col+` = $1 AND code = $2 AND id <> $3`, scopeID, code, exceptID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: code %s: %w", code, err)
	}
	return n > 0, nil
}

// update runs an UPDATE of one live item at the version the form carried and moves the
// version; a stale version or a retired item is ErrConflict.
func (s *Store) update(ctx context.Context, t PlanTable, id int64, version int, set string, args ...any) error {
	n := len(args)
	args = append(args, id, version)
	res, err := s.q(ctx).ExecContext(ctx, fmt.Sprintf(`UPDATE %s SET %s, edit_version = edit_version + 1
		WHERE id = $%d AND edit_version = $%d AND retired_at IS NULL`, t, set, n+1, n+2), args...)
	if err != nil {
		return fmt.Errorf("store: update %s %d: %w", t, id, classify(err))
	}
	if k, err := res.RowsAffected(); err != nil {
		return err
	} else if k == 0 {
		return fmt.Errorf("store: %s %d is not at version %d or is retired: %w", t, id, version, ErrConflict)
	}
	return nil
}

// UpdateZone changes a zone's code, name and description.
func (s *Store) UpdateZone(ctx context.Context, it PlanItem, version int) error {
	if err := s.update(ctx, TableZones, it.ID, version, `code = $1, name = $2, description = $3`, it.Code, it.Name, it.Description); err != nil {
		return err
	}
	return s.PlanChanged(ctx, it.PlanID)
}

// UpdateProgram changes a program and moves it to another zone of its plan.
func (s *Store) UpdateProgram(ctx context.Context, it PlanItem, version int) error {
	if err := s.update(ctx, TablePrograms, it.ID, version, `zone_id = $1, code = $2, name = $3, description = $4`,
		it.ParentID, it.Code, it.Name, it.Description); err != nil {
		return err
	}
	return s.PlanChanged(ctx, it.PlanID)
}

// UpdateProject changes a key project, its owner and dates, and moves it to another
// program of its plan.
func (s *Store) UpdateProject(ctx context.Context, it PlanItem, version int) error {
	if err := s.update(ctx, TableProjects, it.ID, version, `program_id = $1, code = $2, name = $3, description = $4,
		department_id = $5, start_date = $6, end_date = $7`,
		it.ParentID, it.Code, it.Name, it.Description, nullID(it.DeptID), it.Start, it.End); err != nil {
		return err
	}
	return s.PlanChanged(ctx, it.PlanID)
}

// UpdateDepartment changes a department's code and name; every plan of its region is
// shown anew (department names are on the status board and the ranking).
func (s *Store) UpdateDepartment(ctx context.Context, it PlanItem, version int) error {
	if err := s.update(ctx, TableDepartments, it.ID, version, `code = $1, name = $2`, it.Code, it.Name); err != nil {
		return err
	}
	return s.regionPlansChanged(ctx, it.RegionID)
}

func (s *Store) regionPlansChanged(ctx context.Context, regionID int64) error {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT id FROM plans WHERE region_id = $1 ORDER BY id`, regionID)
	if err != nil {
		return fmt.Errorf("store: plans of region %d: %w", regionID, err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		if err := s.PlanChanged(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// UpdateIndicator writes an indicator's editable fields: program (a move), code, name,
// unit, target and qualifier, frequency, accumulation, owner, project and public flag.
// The target written here is the plan's adopted target; a revision during the year is
// TargetRevise's.
func (s *Store) UpdateIndicator(ctx context.Context, planID int64, ind plan.Indicator, deptID, projectID int64, version int) error {
	err := s.update(ctx, TableIndicators, ind.ID, version, `program_id = $1, code = $2, name = $3, unit = $4, kind = $5, direction = $6,
		description = $7, target = $8, target_max = $9, qualifier = $10, due = $11, frequency = $12, accumulation = $13,
		department_id = $14, project_id = $15, public = $16, owed_from = $17`,
		ind.ProgramID, ind.Code, ind.Name, ind.Unit, ind.Kind, ind.Direction, ind.Description, decArg(ind.Target), decArg(ind.TargetMax),
		ind.Qualifier, ind.Due, ind.Frequency, ind.Accumulation, nullID(deptID), nullID(projectID), ind.Public, nullText(ind.OwedFrom))
	if err != nil {
		return err
	}
	// Owner, target, frequency and the public flag all change what the plan's pages show:
	// a whole-plan change.
	return s.PlanChanged(ctx, planID)
}

// Retire takes a live item out of the plan's views at the version the form carried. Its
// rows stay: reports, revisions and audit entries keep pointing at it.
func (s *Store) Retire(ctx context.Context, t PlanTable, id int64, version int, planID, regionID int64) error {
	if !t.valid() {
		return fmt.Errorf("store: retire %q: %w", t, ErrNotFound)
	}
	if err := s.update(ctx, t, id, version, `retired_at = $1`, s.now()); err != nil {
		return err
	}
	if t == TableDepartments {
		return s.regionPlansChanged(ctx, regionID)
	}
	return s.PlanChanged(ctx, planID)
}

// DepartmentUse counts the live indicators and projects a department owns.
func (s *Store) DepartmentUse(ctx context.Context, deptID int64) (int, error) {
	var n int
	err := s.q(ctx).QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM indicators i JOIN programs pr ON pr.id = i.program_id JOIN zones z ON z.id = pr.zone_id
			WHERE i.department_id = $1 AND `+liveIndicator+`)
		+ (SELECT count(*) FROM projects pj JOIN programs pr ON pr.id = pj.program_id JOIN zones z ON z.id = pr.zone_id
			WHERE pj.department_id = $1 AND pj.retired_at IS NULL AND pr.retired_at IS NULL AND z.retired_at IS NULL)`, deptID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: use of department %d: %w", deptID, err)
	}
	return n, nil
}

// nextPosition is the position after the last of a parent's children.
func (s *Store) nextPosition(ctx context.Context, t PlanTable, parentCol string, parentID int64) (int, error) {
	var pos int
	err := s.q(ctx).QueryRowContext(ctx, `SELECT COALESCE(MAX(position), -1) + 1 FROM `+string(t)+` WHERE `+parentCol+` = $1`, parentID).Scan(&pos)
	return pos, err
}

// CreateZone adds a zone at the end of a plan.
func (s *Store) CreateZone(ctx context.Context, planID int64, z *plan.Zone) error {
	pos, err := s.nextPosition(ctx, TableZones, "plan_id", planID)
	if err != nil {
		return fmt.Errorf("store: create zone: %w", err)
	}
	z.PlanID, z.Position = planID, pos
	if z.ID, err = s.insertID(ctx, `INSERT INTO zones (plan_id, code, name, description, position) VALUES ($1, $2, $3, $4, $5)`,
		planID, z.Code, z.Name, z.Description, pos); err != nil {
		return fmt.Errorf("store: create zone %s: %w", z.Code, classify(err))
	}
	return s.PlanChanged(ctx, planID)
}

// CreateProgram adds a program at the end of a zone.
func (s *Store) CreateProgram(ctx context.Context, planID int64, pr *plan.Program) error {
	pos, err := s.nextPosition(ctx, TablePrograms, "zone_id", pr.ZoneID)
	if err != nil {
		return fmt.Errorf("store: create program: %w", err)
	}
	pr.Position = pos
	if pr.ID, err = s.insertID(ctx, `INSERT INTO programs (zone_id, plan_id, code, name, description, position) VALUES ($1, $2, $3, $4, $5, $6)`,
		pr.ZoneID, planID, pr.Code, pr.Name, pr.Description, pos); err != nil {
		return fmt.Errorf("store: create program %s: %w", pr.Code, classify(err))
	}
	return s.PlanChanged(ctx, planID)
}

// CreateProject adds a key project at the end of a program.
func (s *Store) CreateProject(ctx context.Context, planID int64, pj *plan.Project, deptID int64) error {
	pos, err := s.nextPosition(ctx, TableProjects, "program_id", pj.ProgramID)
	if err != nil {
		return fmt.Errorf("store: create project: %w", err)
	}
	pj.Position = pos
	if pj.ID, err = s.insertID(ctx, `INSERT INTO projects (program_id, plan_id, code, name, description, department_id, start_date, end_date, position)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		pj.ProgramID, planID, pj.Code, pj.Name, pj.Description, nullID(deptID), pj.Start, pj.End, pos); err != nil {
		return fmt.Errorf("store: create project %s: %w", pj.Code, classify(err))
	}
	return s.PlanChanged(ctx, planID)
}

// ProjectID finds a live project of a plan by its code.
func (s *Store) ProjectID(ctx context.Context, planID int64, code string) (int64, error) {
	var id int64
	err := s.q(ctx).QueryRowContext(ctx, `SELECT id FROM projects WHERE plan_id = $1 AND code = $2 AND retired_at IS NULL`, planID, code).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: project %s: %w", code, mapErr(err))
	}
	return id, nil
}

// LiveDepartment finds a department of a region by code, refusing a retired one.
func (s *Store) LiveDepartment(ctx context.Context, regionID int64, code string) (plan.Department, error) {
	d, err := s.DepartmentByCode(ctx, regionID, code)
	if err != nil {
		return d, err
	}
	it, err := s.PlanItem(ctx, TableDepartments, d.ID)
	if err != nil {
		return d, err
	}
	if it.Retired {
		return d, fmt.Errorf("store: department %s is retired: %w", code, ErrNotFound)
	}
	return d, nil
}

// ErrRetired marks an edit of an item that is retired.
var ErrRetired = errors.New("retired")
