package store

import (
	"context"
	"fmt"
	"time"
)

// AcceptedFact is where a fact of an ingested document went when it was accepted.
type AcceptedFact struct {
	PlanID      int64
	DocKey      string
	Start, End  int
	As          string // indicator, target, baseline or report
	IndicatorID int64
	ReportID    int64
	UserID      int64
	At          time.Time
}

// RecordAcceptedFact notes an accepted fact; a fact already noted is ErrConflict (the
// unique span), so that two people accepting it at once make one change.
func (s *Store) RecordAcceptedFact(ctx context.Context, f AcceptedFact) error {
	_, err := s.q(ctx).ExecContext(ctx, `INSERT INTO accepted_facts (plan_id, doc_key, start_pos, end_pos, accepted_as, indicator_id, report_id, user_id, accepted_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, f.PlanID, f.DocKey, f.Start, f.End, f.As, f.IndicatorID, f.ReportID, f.UserID, f.At.UTC())
	if err != nil {
		return fmt.Errorf("store: record accepted fact %s %d–%d: %w", f.DocKey, f.Start, f.End, classify(err))
	}
	return nil
}

// AcceptedFacts lists the accepted facts of a plan's document.
func (s *Store) AcceptedFacts(ctx context.Context, planID int64, docKey string) ([]AcceptedFact, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT plan_id, doc_key, start_pos, end_pos, accepted_as, indicator_id, report_id, user_id, accepted_at
		FROM accepted_facts WHERE plan_id = $1 AND doc_key = $2 ORDER BY start_pos, end_pos`, planID, docKey)
	if err != nil {
		return nil, fmt.Errorf("store: accepted facts of %s: %w", docKey, mapErr(err))
	}
	defer rows.Close()
	var out []AcceptedFact
	for rows.Next() {
		var f AcceptedFact
		if err := rows.Scan(&f.PlanID, &f.DocKey, &f.Start, &f.End, &f.As, &f.IndicatorID, &f.ReportID, &f.UserID, &f.At); err != nil {
			return nil, fmt.Errorf("store: accepted facts of %s: %w", docKey, err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}
