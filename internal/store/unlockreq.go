package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Unlock request states.
const (
	UnlockPending  = "pending"
	UnlockGranted  = "granted"
	UnlockDeclined = "declined"
)

// UnlockRequest is a reporter's request (申请解锁) to reopen a locked period of an
// indicator, and what became of it.
type UnlockRequest struct {
	ID            int64
	IndicatorID   int64
	IndicatorCode string
	IndicatorName string
	PlanID        int64
	RegionID      int64
	DeptID        int64
	DeptName      string
	Period        string
	Reason        string
	State         string
	RequestedBy   int64
	RequesterName string
	RequestedAt   time.Time
	DecidedBy     int64
	DeciderName   string
	DecidedAt     time.Time // zero while pending
	Decision      string    // the reason of a decline
	UnlockID      int64     // the unlock a grant made
}

// InsertUnlockRequest stores a pending request.
func (s *Store) InsertUnlockRequest(ctx context.Context, r *UnlockRequest) error {
	id, err := s.insertID(ctx, `INSERT INTO unlock_requests (indicator_id, period, reason, state, requested_by, requested_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, r.IndicatorID, r.Period, r.Reason, UnlockPending, r.RequestedBy, r.RequestedAt.UTC())
	if err != nil {
		return fmt.Errorf("store: unlock request of indicator %d: %w", r.IndicatorID, mapErr(err))
	}
	r.ID, r.State = id, UnlockPending
	return nil
}

// DecideUnlockRequest records a grant or a decline of a pending request; a request no
// longer pending gives ErrConflict (two reviewers deciding at once: the second is told).
func (s *Store) DecideUnlockRequest(ctx context.Context, id int64, state string, by int64, at time.Time, decision string, unlockID int64) error {
	res, err := s.q(ctx).ExecContext(ctx, `UPDATE unlock_requests SET state = $1, decided_by = $2, decided_at = $3, decision = $4, unlock_id = $5
		WHERE id = $6 AND state = 'pending'`, state, by, at.UTC(), decision, unlockID, id)
	if err != nil {
		return fmt.Errorf("store: decide unlock request %d: %w", id, mapErr(err))
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return fmt.Errorf("store: unlock request %d is no longer pending: %w", id, ErrConflict)
	}
	return nil
}

const unlockRequestSelect = `SELECT q.id, q.indicator_id, i.code, i.name, i.plan_id, p.region_id, COALESCE(i.department_id, 0), COALESCE(d.name, ''),
	q.period, q.reason, q.state, q.requested_by, COALESCE(ru.display_name, ''), q.requested_at, q.decided_by, COALESCE(du.display_name, ''),
	q.decided_at, q.decision, q.unlock_id
	FROM unlock_requests q
	JOIN indicators i ON i.id = q.indicator_id
	JOIN plans p ON p.id = i.plan_id
	LEFT JOIN departments d ON d.id = i.department_id
	LEFT JOIN users ru ON ru.id = q.requested_by
	LEFT JOIN users du ON du.id = q.decided_by`

func (s *Store) listUnlockRequests(ctx context.Context, where string, args ...any) ([]UnlockRequest, error) {
	rows, err := s.q(ctx).QueryContext(ctx, unlockRequestSelect+` WHERE `+where+` ORDER BY q.requested_at DESC, q.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unlock requests: %w", err)
	}
	defer rows.Close()
	var out []UnlockRequest
	for rows.Next() {
		var r UnlockRequest
		var decided sql.NullTime
		if err := rows.Scan(&r.ID, &r.IndicatorID, &r.IndicatorCode, &r.IndicatorName, &r.PlanID, &r.RegionID, &r.DeptID, &r.DeptName,
			&r.Period, &r.Reason, &r.State, &r.RequestedBy, &r.RequesterName, &r.RequestedAt, &r.DecidedBy, &r.DeciderName,
			&decided, &r.Decision, &r.UnlockID); err != nil {
			return nil, fmt.Errorf("store: unlock requests: %w", err)
		}
		if decided.Valid {
			r.DecidedAt = decided.Time
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// UnlockRequestByID reads one request with its indicator's plan, region and department.
func (s *Store) UnlockRequestByID(ctx context.Context, id int64) (UnlockRequest, error) {
	rs, err := s.listUnlockRequests(ctx, `q.id = $1`, id)
	if err != nil {
		return UnlockRequest{}, err
	}
	if len(rs) == 0 {
		return UnlockRequest{}, fmt.Errorf("store: unlock request %d: %w", id, ErrNotFound)
	}
	return rs[0], nil
}

// UnlockScope is whose requests a list may show: a region (0: every region) and either
// all its departments or the ones given. It is applied in SQL.
type UnlockScope struct {
	RegionID int64
	All      bool
	Depts    []int64
}

func (sc UnlockScope) where(args []any) (string, []any) {
	var q string
	if sc.RegionID != 0 {
		args = append(args, sc.RegionID)
		q += fmt.Sprintf(" AND p.region_id = $%d", len(args))
	}
	if !sc.All {
		ph := make([]string, len(sc.Depts))
		for i, d := range sc.Depts {
			args = append(args, d)
			ph[i] = fmt.Sprintf("$%d", len(args))
		}
		q += " AND i.department_id IN (" + strings.Join(ph, ", ") + ")"
	}
	return q, args
}

// UnlockRequests lists a plan's requests within a scope, newest first: the pending ones
// only, or (pendingOnly false) every one made or decided since since.
func (s *Store) UnlockRequests(ctx context.Context, planID int64, sc UnlockScope, pendingOnly bool, since time.Time) ([]UnlockRequest, error) {
	if !sc.All && len(sc.Depts) == 0 {
		return nil, nil
	}
	args := []any{planID}
	where := `i.plan_id = $1`
	if pendingOnly {
		where += ` AND q.state = 'pending'`
	} else {
		args = append(args, since.UTC())
		where += fmt.Sprintf(` AND (q.state = 'pending' OR q.decided_at >= $%d)`, len(args))
	}
	more, args := sc.where(args)
	return s.listUnlockRequests(ctx, where+more, args...)
}

// CountPendingUnlockRequests counts a plan's pending requests within a scope, for the nav.
func (s *Store) CountPendingUnlockRequests(ctx context.Context, planID int64, sc UnlockScope) (int, error) {
	if !sc.All && len(sc.Depts) == 0 {
		return 0, nil
	}
	more, args := sc.where([]any{planID})
	var n int
	err := s.q(ctx).QueryRowContext(ctx, `SELECT count(*) FROM unlock_requests q JOIN indicators i ON i.id = q.indicator_id
		JOIN plans p ON p.id = i.plan_id WHERE i.plan_id = $1 AND q.state = 'pending'`+more, args...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: count unlock requests: %w", err)
	}
	return n, nil
}

// PendingUnlockRequest reports whether an indicator's period has a pending request.
func (s *Store) PendingUnlockRequest(ctx context.Context, indicatorID int64, period string) (bool, error) {
	var n int
	err := s.q(ctx).QueryRowContext(ctx, `SELECT count(*) FROM unlock_requests WHERE indicator_id = $1 AND period = $2 AND state = 'pending'`,
		indicatorID, period).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: unlock requests of indicator %d: %w", indicatorID, err)
	}
	return n > 0, nil
}
