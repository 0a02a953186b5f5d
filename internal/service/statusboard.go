package service

import (
	"context"
	"time"
)

// PlanStatusBoard is the status board's read: the reader's statuses and the counts made
// from them (PlanStatusSummary), both from one cached status. Read apart, an approval
// landing between the two reads pairs the rows of one version with the summary of the
// next, and the web keeps rows rendered per summary: old rows would be served as new
// until the following change.
func (s *Service) PlanStatusBoard(ctx context.Context, a Actor, planID int64, at time.Time) ([]IndicatorStatus, time.Time, *StatusSummary, error) {
	cs, err := s.planStatus(ctx, planID, at)
	if err != nil {
		return nil, at, nil, err
	}
	if at.IsZero() {
		at = s.AsOf(cs.header)
	}
	visible, err := s.visibleStatus(a, cs)
	if err != nil {
		return nil, at, nil, err
	}
	sum, err := cs.views.sums[s.readerKind(a, cs.header.RegionID)].get(func() (*StatusSummary, error) {
		return summarize(cs, visible), nil
	})
	return visible, at, sum, err
}
