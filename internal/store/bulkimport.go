package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/audit"
)

// BulkRow is one report of a bulk import, already checked by the service.
type BulkRow struct {
	IndicatorID int64
	Period      string
	Value       decimal.Decimal
	Cumulative  bool
	LastYear    *decimal.Decimal
	Amount      *decimal.Decimal
	Note        string
	State       string // approved, submitted or draft
}

// ErrBulkDuplicate is a bulk row whose indicator and period already have a report.
type ErrBulkDuplicate struct {
	IndicatorID int64
	Period      string
}

func (e *ErrBulkDuplicate) Error() string {
	return fmt.Sprintf("indicator %d already has a report for %s", e.IndicatorID, e.Period)
}

var bulkColumns = []string{"indicator_id", "period", "value", "cumulative", "last_year", "amount", "done", "note", "cause", "remedy",
	"state", "reject_reason", "version", "revision", "illustrative", "created_by", "submitted_by", "reviewed_by", "created_at",
	"submitted_at", "first_submitted_at", "reviewed_at", "updated_at"}

// bulkValues are a row's values in bulkColumns' order.
func bulkValues(r BulkRow, by int64, now time.Time, numeric func(decimal.Decimal) any, optNumeric func(*decimal.Decimal) any) []any {
	var submitted, reviewed any
	var reviewer any
	if r.State != "draft" {
		submitted = now
	}
	if r.State == "approved" {
		reviewed = now
		reviewer = nullID(by)
	}
	return []any{r.IndicatorID, r.Period, numeric(r.Value), r.Cumulative, optNumeric(r.LastYear), optNumeric(r.Amount), false, r.Note, "", "",
		r.State, "", 1, 1, false, nullID(by), nullIfDraft(r.State, by), reviewer, now, submitted, submitted, reviewed, now}
}

func nullIfDraft(state string, by int64) any {
	if state == "draft" {
		return nil
	}
	return nullID(by)
}

// BulkReports writes every row next yields, and the audit entry, in one transaction:
// all or nothing. next returns ok false at the end, or an error that aborts the import
// (nothing is written). On PostgreSQL the rows stream through COPY; on SQLite through
// prepared multi-row INSERTs. A row whose indicator and period already have a report
// fails the whole import with *ErrBulkDuplicate.
//
// plans, called once every row is written, names the plans the rows belong to: their
// versions move in the same transaction, so every server's status cache sees the
// import at once (see PlanChanged).
func (s *Store) BulkReports(ctx context.Context, by int64, next func() (BulkRow, bool, error), plans func() []int64, entry *audit.Entry) (int64, error) {
	now := s.now()
	if s.dialect == Postgres {
		return s.bulkPostgres(ctx, by, now, next, plans, entry)
	}
	var n int64
	err := s.WithTx(ctx, func(ctx context.Context) error {
		const batch = 80 // 80 rows × 23 columns stays under SQLite's 32,766 parameters
		ph := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(bulkColumns)), ", ") + ")"
		full := `INSERT INTO reports (` + strings.Join(bulkColumns, ", ") + `) VALUES ` + strings.TrimSuffix(strings.Repeat(ph+", ", batch), ", ")
		stmt, err := s.q(ctx).(*sql.Tx).PrepareContext(ctx, full)
		if err != nil {
			return fmt.Errorf("store: bulk reports: %w", err)
		}
		defer func() { _ = stmt.Close() }() // the transaction's outcome is what counts
		numeric := func(d decimal.Decimal) any { return d.String() }
		opt := func(d *decimal.Decimal) any {
			if d == nil {
				return nil
			}
			return d.String()
		}
		args := make([]any, 0, batch*len(bulkColumns))
		var pending []BulkRow
		flush := func(rows []BulkRow) error {
			if len(rows) == 0 {
				return nil
			}
			args = args[:0]
			for _, r := range rows {
				args = append(args, bulkValues(r, by, now, numeric, opt)...)
			}
			var err error
			if len(rows) == batch {
				_, err = stmt.ExecContext(ctx, args...)
			} else {
				q := `INSERT INTO reports (` + strings.Join(bulkColumns, ", ") + `) VALUES ` + strings.TrimSuffix(strings.Repeat(ph+", ", len(rows)), ", ")
				_, err = s.q(ctx).ExecContext(ctx, q, args...)
			}
			if err != nil {
				if errors.Is(mapErr(err), ErrConflict) {
					return s.findDuplicate(ctx, rows, err)
				}
				return fmt.Errorf("store: bulk reports: %w", err)
			}
			n += int64(len(rows))
			return nil
		}
		for {
			r, ok, err := next()
			if err != nil {
				return err
			}
			if !ok {
				break
			}
			pending = append(pending, r)
			if len(pending) == batch {
				if err := flush(pending); err != nil {
					return err
				}
				pending = pending[:0]
			}
		}
		if err := flush(pending); err != nil {
			return err
		}
		if err := s.bulkChanged(ctx, plans); err != nil {
			return err
		}
		entry.Note = fmt.Sprintf("%d reports", n)
		return s.AppendAudit(ctx, entry)
	})
	return n, err
}

// findDuplicate names the row of a refused batch whose report exists already.
func (s *Store) findDuplicate(ctx context.Context, rows []BulkRow, cause error) error {
	for _, r := range rows {
		var n int
		if err := s.q(ctx).QueryRowContext(ctx, `SELECT count(*) FROM reports WHERE indicator_id = $1 AND period = $2`, r.IndicatorID, r.Period).Scan(&n); err == nil && n > 0 {
			return &ErrBulkDuplicate{IndicatorID: r.IndicatorID, Period: r.Period}
		}
	}
	return fmt.Errorf("store: bulk reports: %w", cause)
}

// copySource feeds COPY from next, remembering the error that stopped it.
type copySource struct {
	next   func() (BulkRow, bool, error)
	values func(BulkRow) []any
	row    BulkRow
	err    error
	n      int64
}

func (c *copySource) Next() bool {
	r, ok, err := c.next()
	if err != nil {
		c.err = err
		return false
	}
	c.row = r
	if ok {
		c.n++
	}
	return ok
}

func (c *copySource) Values() ([]any, error) { return c.values(c.row), nil }
func (c *copySource) Err() error             { return c.err }

func pgNumeric(d decimal.Decimal) any {
	return pgtype.Numeric{Int: d.Coefficient(), Exp: d.Exponent(), Valid: true}
}

// bulkChanged records the plans a bulk import touched as changed, whole.
func (s *Store) bulkChanged(ctx context.Context, plans func() []int64) error {
	if plans == nil {
		return nil
	}
	for _, id := range plans() {
		if err := s.PlanChanged(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) bulkPostgres(ctx context.Context, by int64, now time.Time, next func() (BulkRow, bool, error), plans func() []int64, entry *audit.Entry) (int64, error) {
	if InTx(ctx) {
		return 0, errors.New("store: a bulk import runs in a transaction of its own")
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return 0, fmt.Errorf("store: bulk reports: %w", err)
	}
	defer func() { _ = conn.Close() }() // back to the pool; the transaction's outcome is what counts
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("store: bulk reports: begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }() // after Commit, a no-op
	opt := func(d *decimal.Decimal) any {
		if d == nil {
			return nil
		}
		return pgNumeric(*d)
	}
	src := &copySource{next: next, values: func(r BulkRow) []any {
		vals := bulkValues(r, by, now, pgNumeric, opt)
		for i, v := range vals {
			if id, ok := v.(sql.NullInt64); ok { // COPY takes plain values: NULL or the number
				if id.Valid {
					vals[i] = id.Int64
				} else {
					vals[i] = nil
				}
			}
		}
		return vals
	}}
	// COPY runs on the connection the transaction holds, inside it.
	err = conn.Raw(func(dc any) error {
		pc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("store: bulk reports: driver connection is %T", dc)
		}
		_, err := pc.Conn().CopyFrom(ctx, pgx.Identifier{"reports"}, bulkColumns, src)
		return err
	})
	if src.err != nil {
		return 0, src.err
	}
	if err != nil {
		var pe *pgconn.PgError
		if errors.As(err, &pe) && pe.Code == "23505" {
			var id int64
			var period string
			// Detail: Key (indicator_id, period, revision)=(12, 2022-03, 1) already exists.
			if _, serr := fmt.Sscanf(strings.TrimPrefix(pe.Detail, "Key (indicator_id, period, revision)=("), "%d, %s", &id, &period); serr == nil {
				return 0, &ErrBulkDuplicate{IndicatorID: id, Period: strings.TrimSuffix(period, ",")}
			}
		}
		return 0, fmt.Errorf("store: bulk reports: copy: %w", err)
	}
	entry.Note = fmt.Sprintf("%d reports", src.n)
	ch := &changes{}
	txCtx := context.WithValue(context.WithValue(ctx, txKey{}, tx), changesKey{}, ch)
	if err := s.bulkChanged(txCtx, plans); err != nil {
		return 0, err
	}
	if err := s.AppendAudit(txCtx, entry); err != nil {
		return 0, err
	}
	if err := s.flushChanges(txCtx, ch); err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("store: bulk reports: commit: %w", err)
	}
	return src.n, nil
}
