package service

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/store"
)

// 申请解锁: a reporter asks for a locked period of their department's indicator to be
// reopened, with a reason; the department's reviewers (and the admin) see the pending
// requests on the review page and grant one — an unlock through UnlockPeriod, audited —
// or decline it with a reason the reporter sees on the worklist.

// UnlockRequest is a request to reopen a locked period, with what became of it.
type UnlockRequest = store.UnlockRequest

// UnlockRequestError refuses a request or a decision, as a message code
// (i18n unlockreq.err.<Code>).
type UnlockRequestError struct {
	Field string
	Code  string // reason, period, not_locked, pending, decline_reason
}

func (e *UnlockRequestError) Error() string {
	return "unlock request refused: " + e.Field + ": " + e.Code
}

const (
	maxUnlockReason = 500
	// unlockGrantDays is how long a granted request keeps the period open by default.
	unlockGrantDays = 7
)

func checkReason(field, code, reason string) error {
	if n := utf8.RuneCountInString(reason); n == 0 || n > maxUnlockReason {
		return &UnlockRequestError{Field: field, Code: code}
	}
	return nil
}

// RequestUnlock records a reporter's request to reopen a locked period of an indicator
// they may report. Refused (UnlockRequestError) without a reason, for a period that is
// not the indicator's or not locked, or while the same period already has a request
// pending.
func (s *Service) RequestUnlock(ctx context.Context, a Actor, indicatorID int64, period, reason string) (UnlockRequest, error) {
	var req UnlockRequest
	reason = strings.TrimSpace(reason)
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		ind, pl, err := s.indicatorFor(ctx, indicatorID)
		if err != nil {
			return err
		}
		if err := s.can(a, auth.ReportCreate, reportResource(ind, 0)); err != nil {
			return err
		}
		p, err := progress.ParsePeriod(strings.TrimSpace(period))
		if err != nil {
			return &UnlockRequestError{Field: "period", Code: "period"}
		}
		// A period of the indicator's own calendar in the plan year (or the year before).
		probe := progress.Unlock{Period: p, Reason: "-", Until: s.Now()}
		if probe.ValidateFor(ind.Indicator, pl.Year) != nil {
			return &UnlockRequestError{Field: "period", Code: "period"}
		}
		if err := checkReason("reason", "reason", reason); err != nil {
			return err
		}
		unlocks, err := s.store.Unlocks(ctx, ind.ID)
		if err != nil {
			return err
		}
		cal := progress.NewCalendar(p.Frequency(), pl.Settings)
		if !cal.Locked(p, s.Now().In(China), unlocks) {
			return &UnlockRequestError{Field: "period", Code: "not_locked"}
		}
		pending, err := s.store.PendingUnlockRequest(ctx, ind.ID, p.String())
		if err != nil {
			return err
		}
		if pending {
			return &UnlockRequestError{Field: "period", Code: "pending"}
		}
		req = UnlockRequest{IndicatorID: ind.ID, PlanID: ind.PlanID, Period: p.String(), Reason: reason, RequestedBy: a.UserID, RequestedAt: s.Now()}
		if err := s.store.InsertUnlockRequest(ctx, &req); err != nil {
			return err
		}
		return s.record(ctx, a, ind.RegionID, "unlock.request", "indicator", ind.ID, nil,
			map[string]any{"request_id": req.ID, "period": req.Period, "reason": reason}, "")
	})
	return req, err
}

// unlockRequestFor reads a request and checks that the actor may decide it: a reviewer
// of the indicator's department, or an admin (auth.PeriodUnlock).
func (s *Service) unlockRequestFor(ctx context.Context, a Actor, id int64) (UnlockRequest, store.IndicatorRow, error) {
	req, err := s.store.UnlockRequestByID(ctx, id)
	if err != nil {
		return req, store.IndicatorRow{}, err
	}
	ind, err := s.store.Indicator(ctx, req.IndicatorID)
	if err != nil {
		return req, ind, err
	}
	if err := s.can(a, auth.PeriodUnlock, reportResource(ind, 0)); err != nil {
		return req, ind, err
	}
	if req.State != store.UnlockPending {
		return req, ind, fmt.Errorf("unlock request %d is %s: %w", id, req.State, ErrConflict)
	}
	return req, ind, nil
}

// GrantUnlockRequest grants a pending request: the period is unlocked (UnlockPeriod,
// with the request's reason) until the date given (zero: a week from today), and the
// request records the unlock; both audited, in one transaction.
func (s *Service) GrantUnlockRequest(ctx context.Context, a Actor, id int64, until time.Time) (progress.Unlock, error) {
	var u progress.Unlock
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		req, ind, err := s.unlockRequestFor(ctx, a, id)
		if err != nil {
			return err
		}
		if until.IsZero() {
			y, m, d := s.Now().In(China).AddDate(0, 0, unlockGrantDays).Date()
			until = progress.Date(y, m, d)
		}
		if u, err = s.UnlockPeriod(ctx, a, req.IndicatorID, req.Period, req.Reason, until); err != nil {
			return err
		}
		if err := s.store.DecideUnlockRequest(ctx, id, store.UnlockGranted, a.UserID, s.Now(), "", u.ID); err != nil {
			return err
		}
		return s.record(ctx, a, ind.RegionID, "unlock.request.grant", "indicator", ind.ID, map[string]any{"request_id": id, "state": store.UnlockPending},
			map[string]any{"request_id": id, "state": store.UnlockGranted, "period": req.Period, "unlock_id": u.ID, "until": until.Format(time.DateOnly)}, "")
	})
	return u, err
}

// DeclineUnlockRequest declines a pending request with a reason the reporter sees.
func (s *Service) DeclineUnlockRequest(ctx context.Context, a Actor, id int64, reason string) error {
	reason = strings.TrimSpace(reason)
	return s.store.WithTx(ctx, func(ctx context.Context) error {
		req, ind, err := s.unlockRequestFor(ctx, a, id)
		if err != nil {
			return err
		}
		if err := checkReason("reason", "decline_reason", reason); err != nil {
			return err
		}
		if err := s.store.DecideUnlockRequest(ctx, id, store.UnlockDeclined, a.UserID, s.Now(), reason, 0); err != nil {
			return err
		}
		return s.record(ctx, a, ind.RegionID, "unlock.request.decline", "indicator", ind.ID, map[string]any{"request_id": id, "state": store.UnlockPending},
			map[string]any{"request_id": id, "state": store.UnlockDeclined, "period": req.Period, "reason": reason}, "")
	})
}

// unlockScope is the departments (and region) an action reaches, for the lists.
func unlockScope(a Actor, act auth.Action) store.UnlockScope {
	all, depts := auth.Reach(a.Principal, act)
	return store.UnlockScope{RegionID: a.RegionID, All: all, Depts: depts}
}

// PendingUnlockRequests lists a plan's pending requests the actor may decide (their
// departments' and region's; filtered in SQL), newest first, for the review page.
func (s *Service) PendingUnlockRequests(ctx context.Context, a Actor, planID int64) ([]UnlockRequest, error) {
	if a.UserID == 0 && !a.System {
		return nil, auth.ErrUnauthenticated
	}
	return s.store.UnlockRequests(ctx, planID, unlockScope(a, auth.PeriodUnlock), true, time.Time{})
}

// CountPendingUnlockRequests counts PendingUnlockRequests, for the nav.
func (s *Service) CountPendingUnlockRequests(ctx context.Context, a Actor, planID int64) (int, error) {
	if a.UserID == 0 {
		return 0, nil
	}
	return s.store.CountPendingUnlockRequests(ctx, planID, unlockScope(a, auth.PeriodUnlock))
}

// unlockRequestsShown is how long a decided request stays on the worklist.
const unlockRequestsShown = 30 * 24 * time.Hour

// MyUnlockRequests lists the requests of the departments whose indicators the actor may
// report (filtered in SQL): pending ones, and the ones decided in the last 30 days with
// the decision, for the worklist.
func (s *Service) MyUnlockRequests(ctx context.Context, a Actor, planID int64) ([]UnlockRequest, error) {
	if a.UserID == 0 && !a.System {
		return nil, auth.ErrUnauthenticated
	}
	return s.store.UnlockRequests(ctx, planID, unlockScope(a, auth.ReportCreate), false, s.Now().Add(-unlockRequestsShown))
}
