package store

import (
	"context"
	"fmt"
	"strings"
)

// CountWaitingReview counts a plan's submitted reports in regionID (0: any) and, unless
// all, in depts, that userID neither created, edited nor submitted (separation of
// duties): the number the nav shows a reviewer.
func (s *Store) CountWaitingReview(ctx context.Context, planID, regionID int64, all bool, depts []int64, userID int64) (int, error) {
	if !all && len(depts) == 0 {
		return 0, nil
	}
	args := []any{planID, userID}
	q := `SELECT count(*) FROM reports r JOIN indicators i ON i.id = r.indicator_id JOIN plans p ON p.id = i.plan_id
		WHERE r.state = 'submitted' AND i.plan_id = $1 AND COALESCE(r.submitted_by, 0) <> $2 AND COALESCE(r.created_by, 0) <> $2
		AND NOT EXISTS (SELECT 1 FROM report_editors e WHERE e.report_id = r.id AND e.user_id = $2)`
	if regionID != 0 {
		args = append(args, regionID)
		q += fmt.Sprintf(" AND p.region_id = $%d", len(args))
	}
	if !all {
		ph := make([]string, len(depts))
		for i, d := range depts {
			args = append(args, d)
			ph[i] = fmt.Sprintf("$%d", len(args))
		}
		q += " AND i.department_id IN (" + strings.Join(ph, ", ") + ")"
	}
	var n int
	if err := s.q(ctx).QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count reports waiting for review: %w", err)
	}
	return n, nil
}
