package progress

import (
	"time"

	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/plan"
)

// The status engine says why in codes and values (i18n.StatusWhy); the sentence is
// written in internal/i18n, in the reader's language. Result.Explain keeps the Chinese
// sentence for the API and exports.

// periodRef is a period by value, for i18n.
func periodRef(p Period) i18n.PeriodRef {
	if p.IsZero() {
		return i18n.PeriodRef{}
	}
	return i18n.PeriodRef{Year: p.Year(), Freq: string(p.Frequency()), N: p.Index()}
}

// measure says what progress is: cumulative, stock, lower or growth.
func (e *eval) measure() string {
	switch {
	case e.kind == plan.KindGrowth:
		return "growth"
	case e.acc == plan.Stock:
		return "stock"
	case e.sense == plan.Lower:
		return "lower"
	}
	return "cumulative"
}

// whyBase is what every sentence may use: the unit, the measure and the target.
func (e *eval) whyBase(code string) i18n.StatusWhy {
	w := i18n.StatusWhy{Code: code, Unit: e.ind.Unit, Measure: e.measure(), Year: e.year,
		AsOf: periodRef(e.res.AsOf), Progress: e.res.Progress, Expected: e.res.Expected, Pace: e.res.Pace,
		Target: e.tgt.Target, TargetMax: e.tgt.TargetMax, Qualifier: string(e.tgt.Qualifier)}
	if w.Qualifier == string(plan.QualExact) {
		w.Qualifier = ""
	}
	return w
}

func (e *eval) why() i18n.StatusWhy {
	r := e.res
	switch r.Status {
	case StatusNoTarget:
		return e.whyBase("no_target")
	case StatusNoData:
		w := e.whyBase("no_data")
		w.Submitted = e.set.SubmittedCounts
		return w
	case StatusOverdue:
		p := e.blocking
		if p.IsZero() {
			p = r.Overdue[0]
		}
		w := e.whyBase("overdue")
		w.Period, w.Overdue, w.Due = periodRef(p), len(r.Overdue), e.cal.Due(p)
		return w
	case StatusAchieved:
		w := e.whyBase("achieved")
		w.Exceeded = Assess(e.tgt, e.sense, e.set.AboutTolerance, *r.Progress) == Exceeded
		return w
	case StatusBehind, StatusAtRisk, StatusOnTrack:
		if r.AsOf.IsLastOfYear() {
			return e.whyBase("year_missed")
		}
		w := e.whyBase("pace")
		w.Status, w.Basis = string(r.Status), e.basis()
		switch r.Status {
		case StatusAtRisk:
			w.Threshold = ptr(e.set.OnTrack)
		case StatusBehind:
			w.Threshold = ptr(e.set.AtRisk)
		}
		return w
	}
	return i18n.StatusWhy{}
}

// basis says how expected-by-now was reckoned.
func (e *eval) basis() string {
	switch {
	case e.res.Seasonal:
		return "seasonal"
	case e.acc == plan.Stock && e.baseline() != nil:
		return "baseline"
	case e.acc == plan.Stock:
		return "none"
	}
	return "even"
}

func (e *eval) whyMilestone(done *Report, due time.Time, hasDue bool) i18n.StatusWhy {
	w := i18n.StatusWhy{Year: e.year, AsOf: periodRef(e.res.AsOf), Due: due}
	switch e.res.Status {
	case StatusDone:
		w.Code, w.Period = "ms_done", periodRef(done.Period)
		w.Late = hasDue && done.Period.Start().After(due)
	case StatusLate:
		w.Code = "ms_late"
	case StatusOnTrack:
		w.Code = "ms_pending"
	case StatusNoData:
		w.Code = "ms_no_data"
	default:
		w.Code = "ms_no_due"
	}
	return w
}
