package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/lantu-dev/lantu/internal/audit"
)

// AppendAudit writes one audit entry. The audit log has no update or delete method: it
// is append-only by construction.
func (s *Store) AppendAudit(ctx context.Context, e *audit.Entry) error {
	if e.At.IsZero() {
		e.At = s.now()
	}
	id, err := s.insertID(ctx, `INSERT INTO audit_log (at, region_id, user_id, user_login, action, entity, entity_id, before_json, after_json, address, note)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		e.At.UTC(), nullID(e.RegionID), nullID(e.UserID), e.UserLogin, e.Action, e.Entity, nullID(e.EntityID), e.Before, e.After, e.Address, e.Note)
	if err != nil {
		return fmt.Errorf("store: append audit %s: %w", e.Action, err)
	}
	e.ID = id
	return nil
}

// Audit reads entries, newest first.
func (s *Store) Audit(ctx context.Context, f audit.Filter) ([]audit.Entry, error) {
	var where []string
	var args []any
	arg := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.RegionID != 0 {
		// A region's entries and those of the regions under it (a city's office
		// reads its districts').
		args = append(args, f.RegionID)
		where = append(where, "region_id IN "+regionSubtree(len(args)))
	}
	if f.Entity != "" {
		arg("entity = $%d", f.Entity)
	}
	if f.EntityID != 0 {
		arg("entity_id = $%d", f.EntityID)
	}
	if f.UserID != 0 {
		arg("user_id = $%d", f.UserID)
	}
	if f.BeforeID != 0 {
		arg("id < $%d", f.BeforeID)
	}
	if f.Login != "" {
		arg("user_login = $%d", f.Login)
	}
	if !f.From.IsZero() {
		arg("at >= $%d", f.From.UTC())
	}
	if !f.To.IsZero() {
		arg("at < $%d", f.To.UTC())
	}
	inList := func(col string, not bool, vals []string) {
		if len(vals) == 0 {
			return
		}
		ph := make([]string, len(vals))
		for i, v := range vals {
			args = append(args, v)
			ph[i] = fmt.Sprintf("$%d", len(args))
		}
		op := " IN ("
		if not {
			op = " NOT IN ("
		}
		where = append(where, col+op+strings.Join(ph, ", ")+")")
	}
	inList("action", false, f.Actions)
	inList("action", true, f.NotActions)
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	q := `SELECT id, at, COALESCE(region_id, 0), COALESCE(user_id, 0), user_login, action, entity, COALESCE(entity_id, 0), before_json, after_json, address, note FROM audit_log`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += fmt.Sprintf(" ORDER BY id DESC LIMIT %d", limit)
	rows, err := s.q(ctx).QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: read audit: %w", err)
	}
	defer rows.Close()
	var out []audit.Entry
	for rows.Next() {
		var e audit.Entry
		if err := rows.Scan(&e.ID, &e.At, &e.RegionID, &e.UserID, &e.UserLogin, &e.Action, &e.Entity, &e.EntityID, &e.Before, &e.After, &e.Address, &e.Note); err != nil {
			return nil, fmt.Errorf("store: read audit: %w", err)
		}
		e.At = e.At.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}
