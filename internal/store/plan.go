package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/plan"
)

// PlanSummary is one line of the plan list.
type PlanSummary struct {
	ID         int64
	RegionID   int64
	RegionCode string
	RegionName string
	Year       int
	Title      string
}

// EnsureRegion returns the id of the region with r's code, creating it when new.
func (s *Store) EnsureRegion(ctx context.Context, r plan.Region) (int64, error) {
	var id int64
	err := s.q(ctx).QueryRowContext(ctx, `SELECT id FROM regions WHERE code = $1`, r.Code).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("store: find region %s: %w", r.Code, err)
	}
	id, err = s.insertID(ctx, `INSERT INTO regions (code, name, parent_code) VALUES ($1, $2, $3)`, r.Code, r.Name, r.ParentCode)
	if err != nil {
		return 0, fmt.Errorf("store: create region %s: %w", r.Code, err)
	}
	return id, nil
}

// EnsureDepartment returns the id of the region's department with d's code, creating it
// when new.
func (s *Store) EnsureDepartment(ctx context.Context, regionID int64, d plan.Department) (int64, error) {
	var id int64
	err := s.q(ctx).QueryRowContext(ctx, `SELECT id FROM departments WHERE region_id = $1 AND code = $2`, regionID, d.Code).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("store: find department %s: %w", d.Code, err)
	}
	id, err = s.insertID(ctx, `INSERT INTO departments (region_id, code, name, inferred) VALUES ($1, $2, $3, $4)`,
		regionID, d.Code, d.Name, d.Inferred)
	if err != nil {
		return 0, fmt.Errorf("store: create department %s: %w", d.Code, err)
	}
	return id, nil
}

// Departments lists a region's departments (all regions when regionID is 0).
func (s *Store) Departments(ctx context.Context, regionID int64) ([]plan.Department, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT id, region_id, code, name, inferred FROM departments
		WHERE ($1 = 0 OR region_id = $1) AND retired_at IS NULL ORDER BY region_id, code`, regionID)
	if err != nil {
		return nil, fmt.Errorf("store: list departments: %w", err)
	}
	defer rows.Close()
	var out []plan.Department
	for rows.Next() {
		var d plan.Department
		if err := rows.Scan(&d.ID, &d.RegionID, &d.Code, &d.Name, &d.Inferred); err != nil {
			return nil, fmt.Errorf("store: list departments: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// DepartmentByCode finds a department of a region by its code.
func (s *Store) DepartmentByCode(ctx context.Context, regionID int64, code string) (plan.Department, error) {
	var d plan.Department
	err := s.q(ctx).QueryRowContext(ctx, `SELECT id, region_id, code, name, inferred FROM departments WHERE region_id = $1 AND code = $2`,
		regionID, code).Scan(&d.ID, &d.RegionID, &d.Code, &d.Name, &d.Inferred)
	if err != nil {
		return d, fmt.Errorf("store: department %s: %w", code, mapErr(err))
	}
	return d, nil
}

// FindPlan returns the id of a region's plan of a year with a title.
func (s *Store) FindPlan(ctx context.Context, regionCode string, year int, title string) (int64, error) {
	var id int64
	err := s.q(ctx).QueryRowContext(ctx, `SELECT p.id FROM plans p JOIN regions r ON r.id = p.region_id
		WHERE r.code = $1 AND p.year = $2 AND p.title = $3`, regionCode, year, title).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: find plan: %w", mapErr(err))
	}
	return id, nil
}

// ListPlans lists every plan, newest year first.
func (s *Store) ListPlans(ctx context.Context) ([]PlanSummary, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT p.id, r.id, r.code, r.name, p.year, p.title
		FROM plans p JOIN regions r ON r.id = p.region_id ORDER BY p.year DESC, r.code, p.id`)
	if err != nil {
		return nil, fmt.Errorf("store: list plans: %w", err)
	}
	defer rows.Close()
	var out []PlanSummary
	for rows.Next() {
		var p PlanSummary
		if err := rows.Scan(&p.ID, &p.RegionID, &p.RegionCode, &p.RegionName, &p.Year, &p.Title); err != nil {
			return nil, fmt.Errorf("store: list plans: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// settingsJSON is how plan settings are kept: one JSON text, so that a new setting needs
// no migration.
func settingsJSON(st plan.Settings) (string, error) {
	b, err := json.Marshal(st)
	return string(b), err
}

// CreatePlan writes a whole plan (its region, departments, documents, zones, programs,
// projects and indicators) and fills in the ids. Call it inside WithTx.
func (s *Store) CreatePlan(ctx context.Context, p *plan.Plan) error {
	if !InTx(ctx) {
		return errors.New("store: create plan: must run in a transaction")
	}
	regionID, err := s.EnsureRegion(ctx, p.Region)
	if err != nil {
		return err
	}
	p.RegionID, p.Region.ID = regionID, regionID
	deptIDs := map[string]int64{}
	for i := range p.Departments {
		d := &p.Departments[i]
		id, err := s.EnsureDepartment(ctx, regionID, *d)
		if err != nil {
			return err
		}
		d.ID, d.RegionID = id, regionID
		deptIDs[d.Code] = id
	}
	st, err := settingsJSON(p.Settings)
	if err != nil {
		return fmt.Errorf("store: create plan: %w", err)
	}
	var asOf sql.NullString
	if p.AsOf != nil {
		asOf = sql.NullString{String: p.AsOf.Format("2006-01-02"), Valid: true}
	}
	p.ID, err = s.insertID(ctx, `INSERT INTO plans (region_id, year, title, as_of, settings, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		regionID, p.Year, p.Title, asOf, st, s.now())
	if err != nil {
		return fmt.Errorf("store: create plan %d %s: %w", p.Year, p.Title, err)
	}
	docIDs := map[string]int64{}
	for i := range p.Documents {
		d := &p.Documents[i]
		d.ID, err = s.insertID(ctx, `INSERT INTO documents (plan_id, key, title, source, date, body) VALUES ($1, $2, $3, $4, $5, $6)`,
			p.ID, d.Key, d.Title, d.Source, d.Date, d.Text)
		if err != nil {
			return fmt.Errorf("store: create document %s: %w", d.Key, err)
		}
		docIDs[d.Key] = d.ID
	}
	projectIDs := map[string]int64{}
	for zi := range p.Zones {
		z := &p.Zones[zi]
		z.PlanID = p.ID
		z.ID, err = s.insertID(ctx, `INSERT INTO zones (plan_id, code, name, description, position) VALUES ($1, $2, $3, $4, $5)`,
			p.ID, z.Code, z.Name, z.Description, z.Position)
		if err != nil {
			return fmt.Errorf("store: create zone %s: %w", z.Code, err)
		}
		for pi := range z.Programs {
			pr := &z.Programs[pi]
			pr.ZoneID = z.ID
			pr.ID, err = s.insertID(ctx, `INSERT INTO programs (zone_id, plan_id, code, name, description, position) VALUES ($1, $2, $3, $4, $5, $6)`,
				z.ID, p.ID, pr.Code, pr.Name, pr.Description, pr.Position)
			if err != nil {
				return fmt.Errorf("store: create program %s: %w", pr.Code, err)
			}
			for ji := range pr.Projects {
				pj := &pr.Projects[ji]
				pj.ProgramID = pr.ID
				pj.ID, err = s.insertID(ctx, `INSERT INTO projects (program_id, plan_id, code, name, description, department_id, start_date, end_date, position)
					VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
					pr.ID, p.ID, pj.Code, pj.Name, pj.Description, nullID(deptIDs[pj.DeptCode]), pj.Start, pj.End, pj.Position)
				if err != nil {
					return fmt.Errorf("store: create project %s: %w", pj.Code, err)
				}
				projectIDs[pj.Code] = pj.ID
			}
		}
	}
	for zi := range p.Zones {
		for pi := range p.Zones[zi].Programs {
			pr := &p.Zones[zi].Programs[pi]
			for ii := range pr.Indicators {
				ind := &pr.Indicators[ii]
				ind.ProgramID = pr.ID
				if err := s.insertIndicator(ctx, p.ID, ind, deptIDs, projectIDs, docIDs); err != nil {
					return err
				}
			}
		}
	}
	return s.PlanChanged(ctx, p.ID)
}

func jsonOrEmpty(v any, empty bool) (string, error) {
	if empty {
		return "", nil
	}
	b, err := json.Marshal(v)
	return string(b), err
}

func (s *Store) insertIndicator(ctx context.Context, planID int64, ind *plan.Indicator, depts, projects, docs map[string]int64) error {
	baseline, err := jsonOrEmpty(ind.Baseline, ind.Baseline == nil)
	if err != nil {
		return err
	}
	context, err := jsonOrEmpty(ind.Context, len(ind.Context) == 0)
	if err != nil {
		return err
	}
	var srcDoc sql.NullInt64
	var srcStart, srcEnd sql.NullInt64
	if ind.Source != nil {
		srcDoc = nullID(docs[ind.Source.Document])
		srcStart = sql.NullInt64{Int64: int64(ind.Source.Start), Valid: true}
		srcEnd = sql.NullInt64{Int64: int64(ind.Source.End), Valid: true}
	}
	ind.ID, err = s.insertID(ctx, `INSERT INTO indicators (program_id, plan_id, code, name, unit, kind, direction, description,
		target, target_max, qualifier, due, baseline, context, period, frequency, accumulation, department_id, project_id,
		public, source_document_id, source_start, source_end, position, owed_from)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)`,
		ind.ProgramID, planID, ind.Code, ind.Name, ind.Unit, ind.Kind, ind.Direction, ind.Description,
		decArg(ind.Target), decArg(ind.TargetMax), ind.Qualifier, ind.Due, baseline, context, ind.Period, ind.Frequency, ind.Accumulation,
		nullID(depts[ind.DeptCode]), nullID(projects[ind.ProjectCode]), ind.Public, srcDoc, srcStart, srcEnd, ind.Position, nullText(ind.OwedFrom))
	if err != nil {
		return fmt.Errorf("store: create indicator %s: %w", ind.Code, err)
	}
	return nil
}

// decArg passes an optional decimal as text, so neither database sees a float.
func decArg(d *decimal.Decimal) sql.NullString {
	if d == nil {
		return sql.NullString{}
	}
	return sql.NullString{String: d.String(), Valid: true}
}

// scanDec reads an optional decimal column (TEXT in SQLite, NUMERIC in PostgreSQL).
func scanDec(ns sql.NullString) (*decimal.Decimal, error) {
	if !ns.Valid {
		return nil, nil
	}
	d, err := decimal.NewFromString(ns.String)
	if err != nil {
		return nil, fmt.Errorf("decimal %q: %w", ns.String, err)
	}
	return &d, nil
}

// PlanHeader reads a plan's region, year, title and settings, without its tree.
func (s *Store) PlanHeader(ctx context.Context, id int64) (*plan.Plan, error) {
	p := &plan.Plan{ID: id}
	var st string
	var asOf sql.NullString
	// Prepared once: read on every page of a plan and by every approval.
	rows, err := s.queryPrepared(ctx, `SELECT p.region_id, r.code, r.name, r.parent_code, p.year, p.title, p.as_of, p.settings
		FROM plans p JOIN regions r ON r.id = p.region_id WHERE p.id = $1`, id)
	if err == nil {
		err = scanOne(rows, &p.RegionID, &p.Region.Code, &p.Region.Name, &p.Region.ParentCode, &p.Year, &p.Title, &asOf, &st)
	}
	if err != nil {
		return nil, fmt.Errorf("store: plan %d: %w", id, mapErr(err))
	}
	p.Region.ID = p.RegionID
	if asOf.Valid && asOf.String != "" {
		t, err := time.Parse("2006-01-02", asOf.String)
		if err != nil {
			return nil, fmt.Errorf("store: plan %d as_of: %w", id, err)
		}
		p.AsOf = &t
	}
	p.Settings = plan.DefaultSettings()
	if err := json.Unmarshal([]byte(st), &p.Settings); err != nil {
		return nil, fmt.Errorf("store: plan %d settings: %w", id, err)
	}
	return p, nil
}

// GetPlan reads a whole plan tree.
func (s *Store) GetPlan(ctx context.Context, id int64) (*plan.Plan, error) {
	p, err := s.PlanHeader(ctx, id)
	if err != nil {
		return nil, err
	}
	if p.Documents, err = s.planDocuments(ctx, id, false); err != nil {
		return nil, err
	}
	// Departments the plan refers to, in code order.
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT d.id, d.region_id, d.code, d.name, d.inferred FROM departments d
		WHERE d.id IN (SELECT department_id FROM indicators WHERE plan_id = $1 AND retired_at IS NULL
			UNION SELECT department_id FROM projects WHERE plan_id = $1 AND retired_at IS NULL)
		ORDER BY d.code`, id)
	if err != nil {
		return nil, fmt.Errorf("store: plan %d departments: %w", id, err)
	}
	deptCodes := map[int64]string{}
	for rows.Next() {
		var d plan.Department
		if err := rows.Scan(&d.ID, &d.RegionID, &d.Code, &d.Name, &d.Inferred); err != nil {
			rows.Close()
			return nil, err
		}
		deptCodes[d.ID] = d.Code
		p.Departments = append(p.Departments, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	zoneIdx := map[int64]int{}
	rows, err = s.q(ctx).QueryContext(ctx, `SELECT id, code, name, description, position FROM zones WHERE plan_id = $1 AND retired_at IS NULL ORDER BY position, id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: plan %d zones: %w", id, err)
	}
	for rows.Next() {
		z := plan.Zone{PlanID: id}
		if err := rows.Scan(&z.ID, &z.Code, &z.Name, &z.Description, &z.Position); err != nil {
			rows.Close()
			return nil, err
		}
		zoneIdx[z.ID] = len(p.Zones)
		p.Zones = append(p.Zones, z)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	type progPos struct{ zone, prog int }
	progIdx := map[int64]progPos{}
	rows, err = s.q(ctx).QueryContext(ctx, `SELECT id, zone_id, code, name, description, position FROM programs WHERE plan_id = $1 AND retired_at IS NULL
		AND zone_id IN (SELECT id FROM zones WHERE plan_id = $1 AND retired_at IS NULL) ORDER BY position, id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: plan %d programs: %w", id, err)
	}
	for rows.Next() {
		var pr plan.Program
		if err := rows.Scan(&pr.ID, &pr.ZoneID, &pr.Code, &pr.Name, &pr.Description, &pr.Position); err != nil {
			rows.Close()
			return nil, err
		}
		zi := zoneIdx[pr.ZoneID]
		progIdx[pr.ID] = progPos{zi, len(p.Zones[zi].Programs)}
		p.Zones[zi].Programs = append(p.Zones[zi].Programs, pr)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	projCodes := map[int64]string{}
	rows, err = s.q(ctx).QueryContext(ctx, `SELECT id, program_id, code, name, description, department_id, start_date, end_date, position
		FROM projects WHERE plan_id = $1 AND retired_at IS NULL
		AND program_id IN (SELECT p.id FROM programs p JOIN zones z ON z.id = p.zone_id WHERE p.plan_id = $1 AND p.retired_at IS NULL AND z.retired_at IS NULL)
		ORDER BY position, id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: plan %d projects: %w", id, err)
	}
	for rows.Next() {
		var pj plan.Project
		var dept sql.NullInt64
		if err := rows.Scan(&pj.ID, &pj.ProgramID, &pj.Code, &pj.Name, &pj.Description, &dept, &pj.Start, &pj.End, &pj.Position); err != nil {
			rows.Close()
			return nil, err
		}
		pj.DeptCode = deptCodes[dept.Int64]
		projCodes[pj.ID] = pj.Code
		pp := progIdx[pj.ProgramID]
		prog := &p.Zones[pp.zone].Programs[pp.prog]
		prog.Projects = append(prog.Projects, pj)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	inds, err := s.listIndicators(ctx, `i.plan_id = $1 AND `+liveIndicator, id)
	if err != nil {
		return nil, fmt.Errorf("store: plan %d: %w", id, err)
	}
	for _, ind := range inds {
		pp := progIdx[ind.ProgramID]
		prog := &p.Zones[pp.zone].Programs[pp.prog]
		prog.Indicators = append(prog.Indicators, ind.Indicator)
	}
	return p, nil
}

func (s *Store) planDocuments(ctx context.Context, planID int64, withoutBody bool) ([]plan.Document, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT id, key, title, source, date, date_source, body FROM documents WHERE plan_id = $1 ORDER BY id`, planID)
	if err != nil {
		return nil, fmt.Errorf("store: plan %d documents: %w", planID, err)
	}
	defer rows.Close()
	var out []plan.Document
	for rows.Next() {
		var d plan.Document
		if err := rows.Scan(&d.ID, &d.Key, &d.Title, &d.Source, &d.Date, &d.DateSource, &d.Text); err != nil {
			return nil, err
		}
		if withoutBody {
			d.Text = ""
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Document reads one document of a plan with its text.
func (s *Store) Document(ctx context.Context, planID int64, key string) (plan.Document, error) {
	var d plan.Document
	err := s.q(ctx).QueryRowContext(ctx, `SELECT id, key, title, source, date, date_source, body FROM documents WHERE plan_id = $1 AND key = $2`, planID, key).
		Scan(&d.ID, &d.Key, &d.Title, &d.Source, &d.Date, &d.DateSource, &d.Text)
	if err != nil {
		return d, fmt.Errorf("store: document %s: %w", key, mapErr(err))
	}
	return d, nil
}

// IndicatorRow is an indicator with the ids that place it: its plan, department and region.
type IndicatorRow struct {
	plan.Indicator
	PlanID   int64
	RegionID int64
	DeptID   int64
	DeptName string
	// EditVersion is the version the plan's edit form carries (optimistic check).
	EditVersion int
	// Retired is set for an indicator retired from the plan (or sitting in a retired
	// program or zone): it keeps its reports but leaves the views.
	Retired bool
}

// liveIndicator is the condition that keeps retired indicators, and those of retired
// programs and zones, out of the plan's views.
const liveIndicator = `i.retired_at IS NULL AND pr.retired_at IS NULL AND z.retired_at IS NULL`

const indicatorColumns = `i.id, i.program_id, i.plan_id, p.region_id, i.code, i.name, i.unit, i.kind, i.direction, i.description,
	i.target, i.target_max, i.qualifier, i.due, i.baseline, i.context, i.period, i.frequency, i.accumulation,
	COALESCE(i.department_id, 0), COALESCE(d.code, ''), COALESCE(d.name, ''), COALESCE(pj.code, ''), i.public,
	COALESCE(doc.key, ''), i.source_start, i.source_end, i.position, i.edit_version, COALESCE(i.owed_from, ''),
	CASE WHEN i.retired_at IS NULL AND pr.retired_at IS NULL AND z.retired_at IS NULL THEN 0 ELSE 1 END`

// queryPrepared runs a read through its statement prepared once on the pool (on
// SQLite, preparing a join costs more than running it). Inside a transaction it takes
// that statement to the transaction's connection if it is prepared already (prepared
// there once, then reused), and runs the query as it is otherwise: preparing through
// the pool there could wait for a connection the transaction holds (with one
// connection, for ever).
func (s *Store) queryPrepared(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if tx, inTx := ctx.Value(txKey{}).(*sql.Tx); inTx {
		if v, ok := s.stmts.Load(query); ok {
			return tx.StmtContext(ctx, v.(*sql.Stmt)).QueryContext(ctx, args...)
		}
		return tx.QueryContext(ctx, query, args...)
	}
	st, err := s.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// scanOne scans the one row of rows into dest, sql.ErrNoRows when there is none.
func scanOne(rows *sql.Rows, dest ...any) error {
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	return rows.Close()
}

// indicatorQuery is the indicators' read with a condition.
func indicatorQuery(where string) string {
	return `SELECT ` + indicatorColumns + ` FROM indicators i
		JOIN plans p ON p.id = i.plan_id
		JOIN programs pr ON pr.id = i.program_id
		JOIN zones z ON z.id = pr.zone_id
		LEFT JOIN departments d ON d.id = i.department_id
		LEFT JOIN projects pj ON pj.id = i.project_id
		LEFT JOIN documents doc ON doc.id = i.source_document_id
		WHERE ` + where + ` ORDER BY z.position, pr.position, i.position, i.id`
}

func (s *Store) listIndicators(ctx context.Context, where string, args ...any) ([]IndicatorRow, error) {
	rows, err := s.q(ctx).QueryContext(ctx, indicatorQuery(where), args...)
	if err != nil {
		return nil, fmt.Errorf("list indicators: %w", err)
	}
	return scanIndicators(rows)
}

// indicatorByID is the one-indicator read, prepared once: a page and an approval read
// an indicator several times, and on SQLite preparing this six-table join was most of
// the read's cost (BENCHMARKS.md, fourth pass).
const indicatorByID = `i.id = $1`

func scanIndicators(rows *sql.Rows) ([]IndicatorRow, error) {
	defer rows.Close()
	var out []IndicatorRow
	for rows.Next() {
		var r IndicatorRow
		var target, targetMax sql.NullString
		var baseline, contextJSON, docKey string
		var srcStart, srcEnd sql.NullInt64
		var retired int
		ind := &r.Indicator
		err := rows.Scan(&ind.ID, &ind.ProgramID, &r.PlanID, &r.RegionID, &ind.Code, &ind.Name, &ind.Unit, &ind.Kind, &ind.Direction, &ind.Description,
			&target, &targetMax, &ind.Qualifier, &ind.Due, &baseline, &contextJSON, &ind.Period, &ind.Frequency, &ind.Accumulation,
			&r.DeptID, &ind.DeptCode, &r.DeptName, &ind.ProjectCode, &ind.Public, &docKey, &srcStart, &srcEnd, &ind.Position, &r.EditVersion, &ind.OwedFrom, &retired)
		if err != nil {
			return nil, fmt.Errorf("list indicators: %w", err)
		}
		if ind.Target, err = scanDec(target); err != nil {
			return nil, fmt.Errorf("indicator %s target: %w", ind.Code, err)
		}
		if ind.TargetMax, err = scanDec(targetMax); err != nil {
			return nil, fmt.Errorf("indicator %s target_max: %w", ind.Code, err)
		}
		if baseline != "" {
			if err := json.Unmarshal([]byte(baseline), &ind.Baseline); err != nil {
				return nil, fmt.Errorf("indicator %s baseline: %w", ind.Code, err)
			}
		}
		if contextJSON != "" {
			if err := json.Unmarshal([]byte(contextJSON), &ind.Context); err != nil {
				return nil, fmt.Errorf("indicator %s context: %w", ind.Code, err)
			}
		}
		if docKey != "" && srcStart.Valid {
			ind.Source = &plan.Span{Document: docKey, Start: int(srcStart.Int64), End: int(srcEnd.Int64)}
		}
		r.Retired = retired != 0
		out = append(out, r)
	}
	return out, rows.Err()
}

// Indicator reads one indicator with its placing ids.
func (s *Store) Indicator(ctx context.Context, id int64) (IndicatorRow, error) {
	rs, err := s.queryPrepared(ctx, indicatorQuery(indicatorByID), id)
	var rows []IndicatorRow
	if err == nil {
		rows, err = scanIndicators(rs)
	} else {
		err = fmt.Errorf("list indicators: %w", err)
	}
	if err != nil {
		return IndicatorRow{}, fmt.Errorf("store: indicator %d: %w", id, err)
	}
	if len(rows) == 0 {
		return IndicatorRow{}, fmt.Errorf("store: indicator %d: %w", id, ErrNotFound)
	}
	return rows[0], nil
}

// PlanIndicators lists a plan's indicators with their placing ids.
func (s *Store) PlanIndicators(ctx context.Context, planID int64) ([]IndicatorRow, error) {
	rows, err := s.listIndicators(ctx, `i.plan_id = $1 AND `+liveIndicator, planID)
	if err != nil {
		return nil, fmt.Errorf("store: plan %d indicators: %w", planID, err)
	}
	return rows, nil
}

// ChangedIndicatorRows reads the indicators of a plan changed after version since
// (store.ChangedIndicators' set, retired ones included with Retired set), with their
// placing ids: one query where the ids and then the rows were two.
func (s *Store) ChangedIndicatorRows(ctx context.Context, planID, since int64) ([]IndicatorRow, error) {
	rows, err := s.listIndicators(ctx, `i.plan_id = $1 AND i.changed_version > $2`, planID, since)
	if err != nil {
		return nil, fmt.Errorf("store: changed indicators of plan %d: %w", planID, err)
	}
	return rows, nil
}

// IndicatorByCode finds a plan's indicator by its code.
func (s *Store) IndicatorByCode(ctx context.Context, planID int64, code string) (IndicatorRow, error) {
	rows, err := s.listIndicators(ctx, `i.plan_id = $1 AND i.code = $2`, planID, code)
	if err != nil {
		return IndicatorRow{}, fmt.Errorf("store: indicator %s: %w", code, err)
	}
	if len(rows) == 0 {
		return IndicatorRow{}, fmt.Errorf("store: indicator %s: %w", code, ErrNotFound)
	}
	return rows[0], nil
}

// Regions lists every region.
func (s *Store) Regions(ctx context.Context) ([]plan.Region, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT id, code, name, parent_code FROM regions ORDER BY code`)
	if err != nil {
		return nil, fmt.Errorf("store: list regions: %w", err)
	}
	defer rows.Close()
	var out []plan.Region
	for rows.Next() {
		var r plan.Region
		if err := rows.Scan(&r.ID, &r.Code, &r.Name, &r.ParentCode); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// InsertDocument adds a source document to a plan.
func (s *Store) InsertDocument(ctx context.Context, planID int64, d *plan.Document) error {
	id, err := s.insertID(ctx, `INSERT INTO documents (plan_id, key, title, source, date, date_source, body) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		planID, d.Key, d.Title, d.Source, d.Date, d.DateSource, d.Text)
	if err != nil {
		return fmt.Errorf("store: add document %s: %w", d.Key, err)
	}
	d.ID = id
	return nil
}

// Documents lists a plan's documents without their text.
func (s *Store) Documents(ctx context.Context, planID int64) ([]plan.Document, error) {
	return s.planDocuments(ctx, planID, true)
}

// ProgramPlan returns the plan a program belongs to.
func (s *Store) ProgramPlan(ctx context.Context, programID int64) (int64, error) {
	var planID int64
	err := s.q(ctx).QueryRowContext(ctx, `SELECT plan_id FROM programs WHERE id = $1`, programID).Scan(&planID)
	if err != nil {
		return 0, fmt.Errorf("store: program %d: %w", programID, mapErr(err))
	}
	return planID, nil
}

// CreateIndicator adds an indicator to a program of a plan; its department, project and
// source document are named by code and key, as in a plan file.
func (s *Store) CreateIndicator(ctx context.Context, planID int64, regionID int64, ind *plan.Indicator) error {
	depts, projects, docs := map[string]int64{}, map[string]int64{}, map[string]int64{}
	if ind.DeptCode != "" {
		d, err := s.DepartmentByCode(ctx, regionID, ind.DeptCode)
		if err != nil {
			return err
		}
		depts[d.Code] = d.ID
	}
	if ind.ProjectCode != "" {
		var id int64
		if err := s.q(ctx).QueryRowContext(ctx, `SELECT id FROM projects WHERE plan_id = $1 AND code = $2`, planID, ind.ProjectCode).Scan(&id); err != nil {
			return fmt.Errorf("store: project %s: %w", ind.ProjectCode, mapErr(err))
		}
		projects[ind.ProjectCode] = id
	}
	if ind.Source != nil {
		d, err := s.Document(ctx, planID, ind.Source.Document)
		if err != nil {
			return err
		}
		docs[d.Key] = d.ID
	}
	if err := s.q(ctx).QueryRowContext(ctx, `SELECT COALESCE(MAX(position), -1) + 1 FROM indicators WHERE program_id = $1`, ind.ProgramID).Scan(&ind.Position); err != nil {
		return fmt.Errorf("store: create indicator: %w", err)
	}
	if err := s.insertIndicator(ctx, planID, ind, depts, projects, docs); err != nil {
		return err
	}
	return s.PlanChanged(ctx, planID)
}

// SetBaseline replaces an indicator's baseline figure.
func (s *Store) SetBaseline(ctx context.Context, indicatorID int64, f *plan.Figure) error {
	b, err := jsonOrEmpty(f, f == nil)
	if err != nil {
		return err
	}
	if _, err = s.q(ctx).ExecContext(ctx, `UPDATE indicators SET baseline = $1 WHERE id = $2`, b, indicatorID); err != nil {
		return fmt.Errorf("store: set baseline of indicator %d: %w", indicatorID, err)
	}
	// The baseline is part of the plan's tree, which servers keep per whole-plan change.
	planID, err := s.IndicatorPlan(ctx, indicatorID)
	if err != nil {
		return err
	}
	return s.PlanChanged(ctx, planID)
}
