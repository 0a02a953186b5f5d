package web

import (
	"time"

	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
)

// openPeriod is the period the worklist's main button and the new-report form propose:
// the period now due (duePeriod) when the user can still file it, else the earliest
// owed period that is not locked, else the first later period of the plan year that is
// neither locked nor handed in. When that period already has a draft or a rejected
// report, it is returned too, so that the button opens it for editing (a second report
// of the period would be refused). ok is false when every period is locked or filed.
func openPeriod(ind service.IndicatorRow, p *plan.Plan, reports []service.StoredReport, at time.Time, lk *locks) (per progress.Period, open *service.StoredReport, ok bool) {
	in := handedIn(reports)
	usable := func(x progress.Period) bool { return !x.IsZero() && !in[x] && !lk.closed(x) }
	var cands []progress.Period
	cands = append(cands, duePeriod(ind, p, reports, at))
	for _, o := range owedPeriods("", ind, p, reports, at) {
		cands = append(cands, o.Period)
	}
	freq := ind.Frequency
	if freq == "" {
		freq = plan.Yearly
	}
	for _, x := range progress.PeriodsOf(freq, p.Year) {
		if !cands[0].IsZero() && cands[0].Before(x) {
			cands = append(cands, x)
		}
	}
	for _, x := range cands {
		if usable(x) {
			return x, latestOpen(reports, x), true
		}
	}
	return progress.Period{}, nil, false
}

// latestOpen is the latest revision of the period's report when it is a draft or
// rejected (its author's to continue), else nil.
func latestOpen(reports []service.StoredReport, per progress.Period) *service.StoredReport {
	var latest *service.StoredReport
	for i := range reports {
		r := &reports[i]
		if r.Period == per && (latest == nil || r.Revision > latest.Revision) {
			latest = r
		}
	}
	if latest != nil && (latest.State == progress.StateDraft || latest.State == progress.StateRejected) {
		return latest
	}
	return nil
}
