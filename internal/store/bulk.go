package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/lantu-dev/lantu/internal/audit"
	"github.com/lantu-dev/lantu/internal/progress"
)

// Bulk writes for generated data and large histories: many rows per INSERT statement
// instead of one round trip per row. Call them inside WithTx.

// rowsPerInsert keeps a statement under the databases' limits on bound parameters
// (32,766 in SQLite, 65,535 in PostgreSQL).
func (s *Store) rowsPerInsert(cols int) int {
	limit := 32000
	if s.dialect == Postgres {
		limit = 65000
	}
	return min(1000, limit/cols)
}

// placeholders writes ($1, $2, …), (…) for n rows of cols columns; (?, ?, …) on SQLite,
// whose lookup of numbered parameters is linear in their number (quadratic per statement).
func (s *Store) placeholders(n, cols int) string {
	var b strings.Builder
	k := 1
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for j := range cols {
			if j > 0 {
				b.WriteByte(',')
			}
			if s.dialect == SQLite {
				b.WriteByte('?')
			} else {
				b.WriteByte('$')
				b.WriteString(strconv.Itoa(k))
			}
			k++
		}
		b.WriteByte(')')
	}
	return b.String()
}

// BulkInsertReports writes many reports (first submitted when submitted) and sets their ids.
func (s *Store) BulkInsertReports(ctx context.Context, rs []progress.Report) error {
	const cols = 24
	now := s.now()
	per := s.rowsPerInsert(cols)
	changed := map[int64]bool{}
	for start := 0; start < len(rs); start += per {
		batch := rs[start:min(start+per, len(rs))]
		args := make([]any, 0, len(batch)*cols)
		for _, r := range batch {
			args = append(args, r.IndicatorID, r.Period.String(), r.Value.String(), r.Cumulative, decArg(r.LastYear), decArg(r.Amount), r.Done,
				r.Note, r.Cause, r.Remedy, string(r.State), r.RejectReason, r.Version, r.Revision, nullID(r.Supersedes), r.Illustrative,
				nullID(r.CreatedBy), nullID(r.SubmittedBy), nullID(r.ReviewedBy), r.CreatedAt.UTC(), nullTime(r.SubmittedAt), nullTime(r.SubmittedAt), nullTime(r.ReviewedAt), now)
			changed[r.IndicatorID] = true
		}
		rows, err := s.q(ctx).QueryContext(ctx, `INSERT INTO reports (indicator_id, period, value, cumulative, last_year, amount, done, note, cause, remedy,
			state, reject_reason, version, revision, supersedes, illustrative, created_by, submitted_by, reviewed_by, created_at,
			submitted_at, first_submitted_at, reviewed_at, updated_at) VALUES `+s.placeholders(len(batch), cols)+` RETURNING id, indicator_id, period, revision`, args...)
		if err != nil {
			return fmt.Errorf("store: bulk insert reports: %w", mapErr(err))
		}
		type key struct {
			ind      int64
			period   string
			revision int
		}
		ids := make(map[key]int64, len(batch))
		for rows.Next() {
			var k key
			var id int64
			if err := rows.Scan(&id, &k.ind, &k.period, &k.revision); err != nil {
				rows.Close()
				return fmt.Errorf("store: bulk insert reports: %w", err)
			}
			ids[k] = id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: bulk insert reports: %w", err)
		}
		for i := range batch {
			batch[i].ID = ids[key{batch[i].IndicatorID, batch[i].Period.String(), batch[i].Revision}]
		}
	}
	ids := make([]int64, 0, len(changed))
	for id := range changed {
		ids = append(ids, id)
	}
	return s.IndicatorChanged(ctx, ids...)
}

// BulkAppendAudit writes many audit entries.
func (s *Store) BulkAppendAudit(ctx context.Context, es []audit.Entry) error {
	const cols = 10
	per := s.rowsPerInsert(cols)
	for start := 0; start < len(es); start += per {
		batch := es[start:min(start+per, len(es))]
		args := make([]any, 0, len(batch)*cols)
		for _, e := range batch {
			if e.At.IsZero() {
				e.At = s.now()
			}
			args = append(args, e.At.UTC(), nullID(e.UserID), e.UserLogin, e.Action, e.Entity, nullID(e.EntityID), e.Before, e.After, e.Address, e.Note)
		}
		if _, err := s.q(ctx).ExecContext(ctx, `INSERT INTO audit_log (at, user_id, user_login, action, entity, entity_id, before_json, after_json, address, note)
			VALUES `+s.placeholders(len(batch), cols), args...); err != nil {
			return fmt.Errorf("store: bulk append audit: %w", err)
		}
	}
	return nil
}
