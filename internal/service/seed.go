package service

import (
	"context"
	"fmt"
	"time"

	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/planfile"
	"github.com/lantu-dev/lantu/internal/progress"
)

// seedReports stores the reports a plan file carries (the demo's illustrative months,
// or history a district brings) as approved figures, handed in two days before their
// due date, or at the import's moment when that is earlier (a demo's clock stands before
// the due date of its last month: no report is handed in after "now"). It runs in the import's transaction, so a bad line refuses the whole file.
func (s *Service) seedReports(ctx context.Context, p *plan.Plan, reports map[string][]planfile.Report) error {
	byCode := map[string]plan.Indicator{}
	for _, z := range p.Zones {
		for _, pr := range z.Programs {
			for _, ind := range pr.Indicators {
				byCode[ind.Code] = ind
			}
		}
	}
	for code, lines := range reports {
		ind, ok := byCode[code]
		if !ok {
			return fmt.Errorf("reports of unknown indicator %q", code)
		}
		cal := progress.NewCalendar(ind.Frequency, p.Settings)
		for i, l := range lines {
			period, err := progress.ParsePeriod(l.Period)
			if err != nil {
				return fmt.Errorf("indicator %s report %d: %w", code, i+1, err)
			}
			due := cal.Due(period)
			handed, reviewed := due.Add(-48*time.Hour), due
			if now := s.Now(); now.Before(reviewed) {
				reviewed = now
				if now.Before(handed) {
					handed = now
				}
			}
			r := progress.NewReport(ind, period, 0, handed)
			if l.Value != nil {
				r.Value = l.Value.Decimal
			}
			if l.Cumulative != nil {
				r.Cumulative = *l.Cumulative
			}
			if l.LastYear != nil {
				v := l.LastYear.Decimal
				r.LastYear = &v
			}
			if l.Amount != nil {
				v := l.Amount.Decimal
				r.Amount = &v
			}
			r.Done, r.Note, r.Illustrative = l.Done, l.Note, l.Illustrative
			r.State = progress.StateApproved
			r.SubmittedAt, r.ReviewedAt = handed, reviewed
			if err := progress.Validate(r, ind, p.Year); err != nil {
				return fmt.Errorf("indicator %s report %s: %w", code, l.Period, err)
			}
			if err := s.store.InsertReport(ctx, &r); err != nil {
				return err
			}
		}
	}
	return nil
}
