package service

import (
	"context"
	"errors"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/store"
)

// BatchItem is one report of a batch approval, with the version the reviewer saw.
type BatchItem struct {
	ReportID int64
	Version  int
}

// BatchOutcome is what became of one report of a batch: Err is nil when it was approved.
type BatchOutcome struct {
	ReportID int64
	Err      error
}

// ApproveMany approves several reports at once. Each report is approved in its own
// transaction, with every rule of a single approval (department and region, separation
// of duties, locks, the version seen), so that one refused report does not undo the
// others: the outcome of each is returned, in the order given. An error is returned
// only when the batch could not be tried at all.
func (s *Service) ApproveMany(ctx context.Context, a Actor, items []BatchItem) ([]BatchOutcome, error) {
	if a.UserID == 0 && !a.System {
		return nil, auth.ErrUnauthenticated
	}
	if all, depts := auth.Reach(a.Principal, auth.ReportApprove); !all && len(depts) == 0 && !a.System {
		return nil, auth.ErrForbidden
	}
	out := make([]BatchOutcome, 0, len(items))
	seen := map[int64]bool{}
	for _, it := range items {
		if seen[it.ReportID] {
			continue
		}
		seen[it.ReportID] = true
		if err := ctx.Err(); err != nil {
			return out, err
		}
		_, err := s.Review(ctx, a, it.ReportID, ReviewAction{Action: progress.ActApprove, Version: it.Version})
		if err != nil && !refusal(err) {
			// The database failed: stop, and say so for this report and the batch.
			out = append(out, BatchOutcome{ReportID: it.ReportID, Err: err})
			return out, err
		}
		out = append(out, BatchOutcome{ReportID: it.ReportID, Err: err})
	}
	return out, nil
}

// refusal tells a rule's refusal of one report (told per report) from a failure of the
// store (which ends the batch).
func refusal(err error) bool {
	return errors.Is(err, auth.ErrForbidden) || errors.Is(err, auth.ErrUnauthenticated) || errors.Is(err, progress.ErrConflict) ||
		errors.Is(err, progress.ErrLocked) || errors.Is(err, progress.ErrInvalidTransition) || errors.Is(err, store.ErrNotFound) ||
		isValidation(err)
}

func isValidation(err error) bool {
	var v *progress.ValidationError
	return errors.As(err, &v)
}

// WaitingForReview counts the submitted reports of a plan that the actor may approve
// (their departments and region, and not their own submissions), for the nav.
func (s *Service) WaitingForReview(ctx context.Context, a Actor, planID int64) (int, error) {
	if a.UserID == 0 {
		return 0, nil
	}
	all, depts := auth.Reach(a.Principal, auth.ReportApprove)
	if !all && len(depts) == 0 {
		return 0, nil
	}
	except := a.UserID
	if a.HasRole(auth.RoleAdmin) {
		except = -1 // separation of duties does not bind an admin
	}
	return s.store.CountWaitingReview(ctx, planID, a.RegionID, all, depts, except)
}

// Evidence is a file attached to a report (佐证材料).
type Evidence = store.Evidence
