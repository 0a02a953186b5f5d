package progress

import (
	"time"

	"github.com/lantu-dev/lantu/internal/plan"
)

// Obligation is what one indicator owes in a plan year: a report for each period of its
// frequency, from the period its owed-from date lies in (an indicator added during the
// year is never retroactively overdue). A context figure (no target) and a milestone
// without a reporting frequency owe no periodic report.
//
// Every page and job that says "overdue" — the worklist, the review page's overdue
// departments, 催报 reminders, the cockpit's departments that have not reported, the
// ranking's on-time rate, the bulletin's overdue list and the status engine — asks
// Obligation.Overdue, so that they agree.
type Obligation struct {
	Calendar Calendar
	Year     int
	// From is the date reports are owed from; zero is the year's start.
	From time.Time
	// None: nothing is owed (a context figure without a target).
	None bool
}

// ObligationOf is an indicator's obligation in a plan year under a plan's settings. A
// malformed OwedFrom (plan.Validate refuses it) is read as the year's start.
func ObligationOf(ind plan.Indicator, s plan.Settings, year int) Obligation {
	o := Obligation{Calendar: NewCalendar(frequencyOf(ind), s), Year: year, None: !ind.HasTarget()}
	if ind.OwedFrom != "" {
		if t, err := time.Parse(time.DateOnly, ind.OwedFrom); err == nil {
			o.From = t
		}
	}
	return o
}

// Owes reports whether a period is owed: a period of the year, of the calendar's
// frequency, ending on or after the owed-from date.
func (o Obligation) Owes(p Period) bool {
	if o.None || p.Year() != o.Year || p.Frequency() != o.Calendar.Frequency {
		return false
	}
	return o.From.IsZero() || !p.End().Before(dateOf(o.From))
}

// Periods lists the periods owed in the year, in order.
func (o Obligation) Periods() []Period {
	var out []Period
	for _, p := range o.Calendar.Periods(o.Year) {
		if o.Owes(p) {
			out = append(out, p)
		}
	}
	return out
}

// PastDue lists the owed periods whose due date has passed at at (at's own date), in
// order, handed in or not.
func (o Obligation) PastDue(at time.Time) []Period {
	var out []Period
	for _, p := range o.Periods() {
		if dateOf(at).After(o.Calendar.Due(p)) {
			out = append(out, p)
		}
	}
	return out
}

// OverduePeriod is a period owed, past its due date, with no report handed in.
type OverduePeriod struct {
	Period Period
	Due    time.Time
	// Open says the period can still be filed at the date asked about: before its lock
	// date, or reopened by an unlock in force. A locked period stays overdue (the report
	// is still missing) but nobody is reminded to file what cannot be filed.
	Open bool
}

// Overdue is the overdue rule: the owed periods past their due date at at (at's own
// date: pass China time) for which no revision was handed in — a revision submitted or
// approved (HandedIn) settles the period whatever later revisions say, since an approved
// figure stays in force while its correction is drafted or refused. unlocks are the
// indicator's unlocks; they decide Open only.
func (o Obligation) Overdue(reports []Report, unlocks []Unlock, at time.Time) []OverduePeriod {
	in := HandedIn(reports)
	var out []OverduePeriod
	for _, p := range o.PastDue(at) {
		if in[p] {
			continue
		}
		out = append(out, OverduePeriod{Period: p, Due: o.Calendar.Due(p), Open: !o.Calendar.Locked(p, at, unlocks)})
	}
	return out
}

// HandedIn is the set of periods with some revision submitted or approved.
func HandedIn(reports []Report) map[Period]bool { return handedIn(reports) }
