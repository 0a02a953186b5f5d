package progress

import (
	"cmp"
	"maps"
	"slices"
	"time"

	"github.com/shopspring/decimal"
)

// Summary counts results by status, for a program, a zone, a department or a plan.
type Summary struct {
	Total    int            `json:"total"`
	ByStatus map[Status]int `json:"by_status"`
	// Tracked is Total less no_target and no_data: the indicators a judgement is made on.
	Tracked int `json:"tracked"`
	// OnTrackShare is (achieved + done + on_track) / Tracked; zero when nothing is tracked.
	// Overdue, at risk, behind and late count against it.
	OnTrackShare decimal.Decimal `json:"on_track_share"`
}

// Summarize counts results by status.
func Summarize(results []Result) Summary {
	s := Summary{Total: len(results), ByStatus: map[Status]int{}}
	for _, r := range results {
		s.ByStatus[r.Status]++
	}
	s.share()
	return s
}

// Recount is s with the results out taken out and in put in: what Summarize counts of
// the results s counted so changed (a status patched for a few indicators). s is not
// changed.
func (s Summary) Recount(out, in []Result) Summary {
	res := Summary{Total: s.Total - len(out) + len(in), ByStatus: make(map[Status]int, len(s.ByStatus)+1)}
	maps.Copy(res.ByStatus, s.ByStatus)
	for _, r := range in {
		res.ByStatus[r.Status]++
	}
	for _, r := range out {
		res.ByStatus[r.Status]--
	}
	for st, n := range res.ByStatus {
		if n == 0 {
			delete(res.ByStatus, st)
		}
	}
	res.share()
	return res
}

// share sets Tracked and OnTrackShare from the counts by status.
func (s *Summary) share() {
	good := 0
	s.Tracked = 0
	for st, n := range s.ByStatus {
		switch st {
		case StatusNoTarget, StatusNoData:
		case StatusAchieved, StatusDone, StatusOnTrack:
			good += n
			s.Tracked += n
		default:
			s.Tracked += n
		}
	}
	s.OnTrackShare = decimal.Zero
	if s.Tracked > 0 {
		s.OnTrackShare = div(decimal.NewFromInt(int64(good)), decimal.NewFromInt(int64(s.Tracked)))
	}
}

// IndicatorStatus is one line of a department's summary.
type IndicatorStatus struct {
	IndicatorID int64  `json:"indicator_id"`
	Code        string `json:"code,omitempty"`
	Status      Status `json:"status"`
	Overdue     int    `json:"overdue,omitempty"`
}

// DeptSummary is a department's indicators' statuses and the reports it owes.
type DeptSummary struct {
	Dept       string            `json:"department"`
	Summary    Summary           `json:"summary"`
	Indicators []IndicatorStatus `json:"indicators"`
	// OverdueReports counts the periods past due with no report, over its indicators.
	OverdueReports int `json:"overdue_reports"`
}

// ByDepartment groups results by the department of their indicator (Result.Dept; ""
// for none), ordered by department code, each department's indicators by code.
func ByDepartment(results []Result) []DeptSummary {
	groups := map[string][]Result{}
	for _, r := range results {
		groups[r.Dept] = append(groups[r.Dept], r)
	}
	out := make([]DeptSummary, 0, len(groups))
	for dept, rs := range groups {
		d := DeptSummary{Dept: dept, Summary: Summarize(rs)}
		for _, r := range rs {
			d.Indicators = append(d.Indicators, IndicatorStatus{IndicatorID: r.IndicatorID, Code: r.Code,
				Status: r.Status, Overdue: len(r.Overdue)})
			d.OverdueReports += len(r.Overdue)
		}
		slices.SortFunc(d.Indicators, func(a, b IndicatorStatus) int {
			return cmp.Or(cmp.Compare(a.Code, b.Code), cmp.Compare(a.IndicatorID, b.IndicatorID))
		})
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b DeptSummary) int { return cmp.Compare(a.Dept, b.Dept) })
	return out
}

// DueItem is one report owed: an indicator's period, its due date, when the report
// was first submitted (zero if never), and whether it is overdue now (Obligation.Overdue:
// no revision handed in).
type DueItem struct {
	IndicatorID int64     `json:"indicator_id"`
	Dept        string    `json:"department,omitempty"`
	Period      Period    `json:"period"`
	Due         time.Time `json:"due"`
	SubmittedAt time.Time `json:"submitted_at,omitzero"`
	Overdue     bool      `json:"overdue,omitempty"`
}

// OnTime reports whether the item was submitted by its due date (the due day counts).
func (d DueItem) OnTime() bool {
	return !d.SubmittedAt.IsZero() && !dateOf(d.SubmittedAt).After(dateOf(d.Due))
}

// ReportingRate is the on-time reporting rate: reports in by their due day over reports
// due.
type ReportingRate struct {
	Period Period          `json:"period,omitzero"`
	Due    int             `json:"due"`
	OnTime int             `json:"on_time"`
	Rate   decimal.Decimal `json:"rate"` // OnTime / Due; 1 when nothing was due
}

// OnTimeRate is the on-time rate over the items given (the caller picks a department,
// a period or both).
func OnTimeRate(items []DueItem) ReportingRate {
	r := ReportingRate{Due: len(items)}
	for _, it := range items {
		if it.OnTime() {
			r.OnTime++
		}
	}
	r.Rate = one
	if r.Due > 0 {
		r.Rate = div(decimal.NewFromInt(int64(r.OnTime)), decimal.NewFromInt(int64(r.Due)))
	}
	return r
}

// OnTimeByPeriod is OnTimeRate per period, ordered by period.
func OnTimeByPeriod(items []DueItem) []ReportingRate {
	groups := map[Period][]DueItem{}
	for _, it := range items {
		groups[it.Period] = append(groups[it.Period], it)
	}
	out := make([]ReportingRate, 0, len(groups))
	for p, its := range groups {
		r := OnTimeRate(its)
		r.Period = p
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b ReportingRate) int { return a.Period.Compare(b.Period) })
	return out
}

// RecountRates is rates, OnTimeByPeriod of some items, with the items out taken out and
// in put in: what OnTimeByPeriod makes of the items so changed (an indicator's reports
// owed, listed again after a report came in). It says false when in owes a period
// rates does not hold; the caller then counts again. rates is not changed.
func RecountRates(rates []ReportingRate, out, in []DueItem) ([]ReportingRate, bool) {
	res := slices.Clone(rates)
	at := func(p Period) (int, bool) {
		return slices.BinarySearchFunc(res, p, func(r ReportingRate, p Period) int { return r.Period.Compare(p) })
	}
	for _, it := range out {
		i, ok := at(it.Period)
		if !ok {
			return nil, false
		}
		res[i].Due--
		if it.OnTime() {
			res[i].OnTime--
		}
	}
	for _, it := range in {
		i, ok := at(it.Period)
		if !ok {
			return nil, false
		}
		res[i].Due++
		if it.OnTime() {
			res[i].OnTime++
		}
	}
	res = slices.DeleteFunc(res, func(r ReportingRate) bool { return r.Due <= 0 })
	for i := range res {
		res[i].Rate = div(decimal.NewFromInt(int64(res[i].OnTime)), decimal.NewFromInt(int64(res[i].Due)))
	}
	return res, true
}

// DueItems lists the reports an indicator owed by at: one item for each owed period
// (Obligation) whose due date has passed, with the earliest submission among the
// period's reports (any revision or state: a report handed in on time and rejected later
// was still in on time) and whether it is overdue (Obligation.Overdue).
func DueItems(indicatorID int64, dept string, o Obligation, reports []Report, at time.Time) []DueItem {
	first := map[Period]time.Time{}
	for _, r := range reports {
		if r.SubmittedAt.IsZero() {
			continue
		}
		if t, ok := first[r.Period]; !ok || r.SubmittedAt.Before(t) {
			first[r.Period] = r.SubmittedAt
		}
	}
	overdue := map[Period]bool{}
	for _, op := range o.Overdue(reports, nil, at) {
		overdue[op.Period] = true
	}
	var out []DueItem
	for _, p := range o.PastDue(at) {
		out = append(out, DueItem{IndicatorID: indicatorID, Dept: dept, Period: p, Due: o.Calendar.Due(p), SubmittedAt: first[p],
			Overdue: overdue[p]})
	}
	return out
}
