package service

import (
	"context"
	"fmt"
	"time"

	"github.com/lantu-dev/lantu/internal/audit"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/synth"
)

// GenerateOptions say what `lantu gen` makes: Regions synthetic districts, each with one
// plan of Indicators indicators and Years years of reports.
type GenerateOptions struct {
	synth.Options
	Regions int
	// FirstRegion numbers the districts from there (to add districts to a database).
	FirstRegion int
	// Progress, when set, hears of each district written.
	Progress func(n int, planID int64, reports int, took time.Duration)
}

// GenerateSummary counts what was written.
type GenerateSummary struct {
	Plans, Indicators, Reports, Audit int
	PlanIDs                           []int64
}

// Generate fills the database with synthetic districts for load tests and benchmarks.
// Each district is one transaction: its plan, its reports written many rows per
// statement, and an audit row for the import and for each report's last step.
func (s *Service) Generate(ctx context.Context, a Actor, o GenerateOptions) (GenerateSummary, error) {
	var sum GenerateSummary
	if !a.System {
		return sum, fmt.Errorf("generate: only from the command line")
	}
	if o.Regions < 1 || o.Indicators < 1 || o.Years < 1 {
		return sum, fmt.Errorf("%w: regions, indicators and years must be at least 1", errBadInput)
	}
	first := max(o.FirstRegion, 1)
	for n := first; n < first+o.Regions; n++ {
		start := time.Now()
		d := synth.NewDistrict(n, o.Options)
		var nrep int
		err := s.store.WithTx(ctx, func(ctx context.Context) error {
			p := d.Plan
			if err := s.store.CreatePlan(ctx, p); err != nil {
				return err
			}
			entries := []audit.Entry{{At: s.Now(), UserLogin: a.Login, Action: "plan.import", Entity: "plan", EntityID: p.ID,
				Note: "synthetic data (lantu gen)"}}
			var reports, corrections []progress.Report
			for _, z := range p.Zones {
				for _, pr := range z.Programs {
					for _, ind := range pr.Indicators {
						sum.Indicators++
						for _, r := range d.Reports(ind) {
							if r.Revision > 1 {
								corrections = append(corrections, r)
							} else {
								reports = append(reports, r)
							}
						}
					}
				}
			}
			if err := s.store.BulkInsertReports(ctx, reports); err != nil {
				return err
			}
			type key struct {
				ind    int64
				period progress.Period
			}
			firstIDs := make(map[key]int64, len(reports))
			for _, r := range reports {
				firstIDs[key{r.IndicatorID, r.Period}] = r.ID
			}
			for i := range corrections {
				corrections[i].Supersedes = firstIDs[key{corrections[i].IndicatorID, corrections[i].Period}]
			}
			if err := s.store.BulkInsertReports(ctx, corrections); err != nil {
				return err
			}
			for _, rs := range [][]progress.Report{reports, corrections} {
				for _, r := range rs {
					e := audit.Entry{At: r.CreatedAt, UserLogin: a.Login, Entity: "report", EntityID: r.ID, After: audit.Snapshot(r),
						Action: "report.create"}
					switch r.State {
					case progress.StateApproved:
						e.Action, e.At = "report.approve", r.ReviewedAt
					case progress.StateRejected:
						e.Action, e.At = "report.reject", r.ReviewedAt
					case progress.StateSubmitted:
						e.Action, e.At = "report.submit", r.SubmittedAt
					}
					entries = append(entries, e)
				}
			}
			if err := s.store.BulkAppendAudit(ctx, entries); err != nil {
				return err
			}
			nrep = len(reports) + len(corrections)
			sum.Audit += len(entries)
			sum.PlanIDs = append(sum.PlanIDs, p.ID)
			return nil
		})
		if err != nil {
			return sum, fmt.Errorf("generate district %d: %w", n, err)
		}
		sum.Plans++
		sum.Reports += nrep
		if o.Progress != nil {
			o.Progress(n, sum.PlanIDs[len(sum.PlanIDs)-1], nrep, time.Since(start))
		}
	}
	// The query planner's statistics, after a load this size: without them PostgreSQL
	// (when autovacuum is off, or before it runs) plans the city's reads for empty
	// tables — every code of 40 districts took 20–30 s instead of 0.4 s.
	return sum, s.store.Analyze(ctx)
}
