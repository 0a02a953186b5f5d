package store

import (
	"context"
	"database/sql"
	"fmt"
)

// ReportsByState counts reports (every revision) by review state, for the operator's
// metrics.
func (s *Store) ReportsByState(ctx context.Context) (map[string]int, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT state, count(*) FROM reports GROUP BY state`)
	if err != nil {
		return nil, fmt.Errorf("count reports by state: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var state string
		var n int
		if err := rows.Scan(&state, &n); err != nil {
			return nil, err
		}
		out[state] = n
	}
	return out, rows.Err()
}

// PoolStats are the connection pool's figures.
func (s *Store) PoolStats() sql.DBStats { return s.db.Stats() }
