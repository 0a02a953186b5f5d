package service

import (
	"context"
	"database/sql"
)

// ReportsByState counts every report by review state. It is for the operator's metrics
// endpoint, which is not public (see README, Operations), so it applies no reader's
// rules.
func (s *Service) ReportsByState(ctx context.Context) (map[string]int, error) {
	return s.store.ReportsByState(ctx)
}

// PoolStats are the database connection pool's figures.
func (s *Service) PoolStats() sql.DBStats { return s.store.PoolStats() }

// Dialect names the database: "sqlite" or "postgres".
func (s *Service) Dialect() string { return string(s.store.Dialect()) }
