package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/lantu-dev/lantu/internal/plan"
)

// SetStdCode gives an indicator a standard code ("" removes it).
func (s *Store) SetStdCode(ctx context.Context, indicatorID int64, code string) error {
	if _, err := s.q(ctx).ExecContext(ctx, `DELETE FROM indicator_codes WHERE indicator_id = $1`, indicatorID); err != nil {
		return fmt.Errorf("store: standard code: %w", err)
	}
	if code == "" {
		return nil
	}
	if _, err := s.q(ctx).ExecContext(ctx, `INSERT INTO indicator_codes (indicator_id, code) VALUES ($1, $2)`, indicatorID, code); err != nil {
		return fmt.Errorf("store: standard code: %w", mapErr(err))
	}
	return nil
}

// CodesFromIndicatorCodes gives every indicator of a plan (every plan when 0) without a
// standard code its own code as one: for plans written to one template, where the same
// code means the same indicator in every district. It returns how many it gave.
func (s *Store) CodesFromIndicatorCodes(ctx context.Context, planID int64) (int64, error) {
	res, err := s.q(ctx).ExecContext(ctx, `INSERT INTO indicator_codes (indicator_id, code)
		SELECT i.id, i.code FROM indicators i WHERE ($1 = 0 OR i.plan_id = $1)
		AND NOT EXISTS (SELECT 1 FROM indicator_codes c WHERE c.indicator_id = i.id)`, planID)
	if err != nil {
		return 0, fmt.Errorf("store: standard codes: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil || n == 0 {
		return n, err
	}
	// The city's roll-ups are kept per state of the plans (PlansStamp): new codes move
	// the versions of the plans given them, as any change of what a roll-up reads does.
	ids := []int64{planID}
	if planID == 0 {
		if ids, err = s.planIDs(ctx); err != nil {
			return 0, err
		}
	}
	for _, id := range ids {
		if err := s.PlanChanged(ctx, id); err != nil {
			return 0, err
		}
	}
	return n, nil
}

func (s *Store) planIDs(ctx context.Context) ([]int64, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT id FROM plans ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: plans: %w", err)
	}
	return scanIDs(rows)
}

// StdCodes maps the indicators of a plan that carry a standard code to it.
func (s *Store) StdCodes(ctx context.Context, planID int64) (map[int64]string, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT c.indicator_id, c.code FROM indicator_codes c
		JOIN indicators i ON i.id = c.indicator_id WHERE i.plan_id = $1`, planID)
	if err != nil {
		return nil, fmt.Errorf("store: standard codes: %w", err)
	}
	out := map[int64]string{}
	if err := scanCodes(rows, out); err != nil {
		return nil, err
	}
	return out, nil
}

// CodedIndicators lists the indicators carrying a standard code (one code, or every
// code when code is ""), of the plans of a year (every year when 0), with their codes.
func (s *Store) CodedIndicators(ctx context.Context, code string, year int) ([]IndicatorRow, map[int64]string, error) {
	// One code is found through the index on code; every code reads the table. The
	// query is written for the case (no "$1 = ''" or "$2 = 0 OR …" for PostgreSQL to
	// plan generically: with them, every code of 40 districts took 20 s, not 0.4 s).
	match, args := ``, []any{}
	if code != "" {
		args = append(args, code)
		match = ` WHERE code = $1`
	}
	byYear := ``
	if year != 0 {
		args = append(args, year)
		byYear = fmt.Sprintf(` AND p.year = $%d`, len(args))
	}
	inds, err := s.listIndicators(ctx, liveIndicator+` AND i.id IN (SELECT indicator_id FROM indicator_codes`+match+`)`+byYear, args...)
	if err != nil {
		return nil, nil, err
	}
	codes := map[int64]string{}
	if code != "" { // every indicator found has the code asked
		for _, ind := range inds {
			codes[ind.ID] = code
		}
		return inds, codes, nil
	}
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT c.indicator_id, c.code FROM indicator_codes c JOIN indicators i ON i.id = c.indicator_id
		JOIN plans p ON p.id = i.plan_id WHERE 1 = 1`+byYear, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("store: standard codes: %w", err)
	}
	err = scanCodes(rows, codes)
	return inds, codes, err
}

// CodedIndicatorsOfPlans lists the live indicators carrying a standard code of some
// plans, with their codes: the city's overview re-reads only the plans that changed.
func (s *Store) CodedIndicatorsOfPlans(ctx context.Context, planIDs []int64) ([]IndicatorRow, map[int64]string, error) {
	codes := map[int64]string{}
	if len(planIDs) == 0 {
		return nil, codes, nil
	}
	in := idList(planIDs)
	inds, err := s.listIndicators(ctx, liveIndicator+` AND i.plan_id IN (`+in+`) AND i.id IN (SELECT indicator_id FROM indicator_codes)`)
	if err != nil {
		return nil, nil, err
	}
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT c.indicator_id, c.code FROM indicator_codes c JOIN indicators i ON i.id = c.indicator_id
		WHERE i.plan_id IN (`+in+`)`)
	if err != nil {
		return nil, nil, fmt.Errorf("store: standard codes: %w", err)
	}
	err = scanCodes(rows, codes)
	return inds, codes, err
}

// regionSubtree is a subquery of the ids of region $n and of every region under it by
// parent code (province → city → district), for lists scoped by region down the tree.
// UNION, not UNION ALL: a cycle in the codes ends instead of looping.
func regionSubtree(n int) string {
	return fmt.Sprintf(`(WITH RECURSIVE sub(id, code) AS (SELECT id, code FROM regions WHERE id = $%d
		UNION SELECT r.id, r.code FROM regions r JOIN sub ON r.parent_code = sub.code) SELECT id FROM sub)`, n)
}

// inList writes "$n, $n+1, …" for ids and appends them to args.
func inList(ids []int64, args []any) (string, []any) {
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteString(", ")
		}
		args = append(args, id)
		b.WriteString("$" + strconv.Itoa(len(args)))
	}
	return b.String(), args
}

// ReportsOf lists the reports of some indicators for the periods of fromYear on (every
// period when 0), in chunks of at most 500 ids. Periods are written year first
// (2022, 2022Q1, 2022-03), so a text comparison selects the years.
func (s *Store) ReportsOf(ctx context.Context, ids []int64, fromYear int) ([]StoredReport, error) {
	var out []StoredReport
	for len(ids) > 0 {
		n := min(len(ids), 500)
		list, args := inList(ids[:n], []any{strconv.Itoa(fromYear)})
		rs, err := s.listReports(ctx, `period >= $1 AND indicator_id IN (`+list+`)`, args...)
		if err != nil {
			return nil, err
		}
		out = append(out, rs...)
		ids = ids[n:]
	}
	return out, nil
}

// AllIndicators lists every indicator of every plan.
func (s *Store) AllIndicators(ctx context.Context) ([]IndicatorRow, error) {
	return s.listIndicators(ctx, `1 = 1`)
}

// PlanHeaders reads the headers of every plan of a year (every plan when 0) and their
// versions in one query, by id: the city roll-up checks every district's cached status
// against these versions instead of reading them one plan at a time.
func (s *Store) PlanHeaders(ctx context.Context, year int) (map[int64]*plan.Plan, map[int64]PlanVersion, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT p.id, p.region_id, r.code, r.name, r.parent_code, p.year, p.title, p.as_of, p.settings,
		p.version, p.shape_version
		FROM plans p JOIN regions r ON r.id = p.region_id WHERE $1 = 0 OR p.year = $1`, year)
	if err != nil {
		return nil, nil, fmt.Errorf("store: plan headers: %w", err)
	}
	defer rows.Close()
	out := map[int64]*plan.Plan{}
	versions := map[int64]PlanVersion{}
	for rows.Next() {
		p := &plan.Plan{}
		var st string
		var asOf sql.NullString
		var v PlanVersion
		if err := rows.Scan(&p.ID, &p.RegionID, &p.Region.Code, &p.Region.Name, &p.Region.ParentCode, &p.Year, &p.Title, &asOf, &st,
			&v.Version, &v.Shape); err != nil {
			return nil, nil, err
		}
		versions[p.ID] = v
		p.Region.ID = p.RegionID
		if asOf.Valid && asOf.String != "" {
			t, err := time.Parse(time.DateOnly, asOf.String)
			if err != nil {
				return nil, nil, fmt.Errorf("store: plan %d as_of: %w", p.ID, err)
			}
			p.AsOf = &t
		}
		p.Settings = plan.DefaultSettings()
		if err := json.Unmarshal([]byte(st), &p.Settings); err != nil {
			return nil, nil, fmt.Errorf("store: plan %d settings: %w", p.ID, err)
		}
		out[p.ID] = p
	}
	return out, versions, rows.Err()
}

// scanCodes reads (indicator id, standard code) rows into codes, and closes rows.
func scanCodes(rows *sql.Rows, codes map[int64]string) error {
	defer rows.Close()
	for rows.Next() {
		var id int64
		var c string
		if err := rows.Scan(&id, &c); err != nil {
			return err
		}
		codes[id] = c
	}
	return rows.Err()
}

// scanIDs reads rows of one id column, and closes rows.
func scanIDs(rows *sql.Rows) ([]int64, error) {
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
