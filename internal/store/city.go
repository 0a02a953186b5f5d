package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
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
	return res.RowsAffected()
}

// StdCodes maps the indicators of a plan that carry a standard code to it.
func (s *Store) StdCodes(ctx context.Context, planID int64) (map[int64]string, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT c.indicator_id, c.code FROM indicator_codes c
		JOIN indicators i ON i.id = c.indicator_id WHERE i.plan_id = $1`, planID)
	if err != nil {
		return nil, fmt.Errorf("store: standard codes: %w", err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			return nil, err
		}
		out[id] = code
	}
	return out, rows.Err()
}

// CodedIndicators lists the indicators carrying a standard code (one code, or every
// code when code is ""), of the plans of a year (every year when 0), with their codes.
func (s *Store) CodedIndicators(ctx context.Context, code string, year int) ([]IndicatorRow, map[int64]string, error) {
	inds, err := s.listIndicators(ctx, `i.id IN (SELECT indicator_id FROM indicator_codes WHERE $1 = '' OR code = $1) AND ($2 = 0 OR p.year = $2)`, code, year)
	if err != nil {
		return nil, nil, err
	}
	codes := map[int64]string{}
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT c.indicator_id, c.code FROM indicator_codes c JOIN indicators i ON i.id = c.indicator_id
		JOIN plans p ON p.id = i.plan_id WHERE ($1 = '' OR c.code = $1) AND ($2 = 0 OR p.year = $2)`, code, year)
	if err != nil {
		return nil, nil, fmt.Errorf("store: standard codes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var c string
		if err := rows.Scan(&id, &c); err != nil {
			return nil, nil, err
		}
		codes[id] = c
	}
	return inds, codes, rows.Err()
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
