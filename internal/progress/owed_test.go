package progress

import (
	"slices"
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/shopspring/decimal"
)

// TestObligationOverdue is the one overdue rule every page and job uses: owed-from,
// frequencies, revisions, locks and unlocks.
func TestObligationOverdue(t *testing.T) {
	target := decimal.NewFromInt(100)
	ind := func(freq plan.Frequency, owedFrom string) plan.Indicator {
		return plan.Indicator{Kind: plan.KindLevel, Target: &target, Frequency: freq, OwedFrom: owedFrom}
	}
	sub := func(p string, rev int, st State) Report {
		return Report{Period: per(p), Revision: rev, State: st, SubmittedAt: day(2022, 1, 1)}
	}
	cst := time.FixedZone("CST", 8*3600)
	// Default settings: a month is due on the 10th of the next and locks 20 days later.
	for _, tc := range []struct {
		name    string
		ind     plan.Indicator
		reports []Report
		unlocks []Unlock
		at      time.Time
		want    []string // overdue periods; a trailing * marks one still open
	}{
		{"monthly, nothing handed in, mid-June", ind(plan.Monthly, ""), nil, nil, day(2022, 6, 15),
			[]string{"2022-01", "2022-02", "2022-03", "2022-04", "2022-05*"}},
		{"on the due day nothing is overdue yet", ind(plan.Monthly, ""), nil, nil, time.Date(2022, 2, 10, 23, 59, 0, 0, cst), nil},
		{"the day after the due day", ind(plan.Monthly, ""), nil, nil, day(2022, 2, 11), []string{"2022-01*"}},
		{"created in June: owed from June, never retroactively", ind(plan.Monthly, "2022-06-15"), nil, nil, day(2022, 8, 15),
			[]string{"2022-06", "2022-07*"}},
		{"created on the first of a month", ind(plan.Monthly, "2022-06-01"), nil, nil, day(2022, 7, 11), []string{"2022-06*"}},
		{"created in June, asked in June: nothing", ind(plan.Monthly, "2022-06-15"), nil, nil, day(2022, 6, 30), nil},
		{"quarterly created in May owes Q2 on", ind(plan.Quarterly, "2022-05-20"), nil, nil, day(2022, 10, 11),
			[]string{"2022Q2", "2022Q3*"}},
		{"yearly created mid-year owes the year", ind(plan.Yearly, "2022-06-15"), nil, nil, day(2023, 1, 11), []string{"2022*"}},
		{"owed from after the year: nothing", ind(plan.Yearly, "2023-02-01"), nil, nil, day(2023, 3, 1), nil},
		{"submitted and approved settle the period; draft and rejected do not", ind(plan.Monthly, ""),
			[]Report{sub("2022-01", 1, StateSubmitted), sub("2022-02", 1, StateApproved), sub("2022-03", 1, StateDraft), sub("2022-04", 1, StateRejected)},
			nil, day(2022, 5, 11), []string{"2022-03", "2022-04*"}},
		{"an approved revision stays in force while its correction is a draft or rejected", ind(plan.Monthly, ""),
			[]Report{sub("2022-01", 1, StateApproved), sub("2022-01", 2, StateDraft), sub("2022-02", 1, StateApproved), sub("2022-02", 2, StateRejected)},
			nil, day(2022, 3, 11), nil},
		{"a rejected first revision resubmitted settles it", ind(plan.Monthly, ""),
			[]Report{sub("2022-01", 1, StateRejected), sub("2022-01", 2, StateSubmitted)}, nil, day(2022, 2, 11), nil},
		{"an unlock in force reopens a locked period; it stays overdue", ind(plan.Monthly, ""), nil,
			[]Unlock{{Period: per("2022-01"), Reason: "补报", Until: day(2022, 6, 30)}, {Period: per("2022-02"), Reason: "补报", Until: day(2022, 4, 1)}},
			day(2022, 4, 15), []string{"2022-01*", "2022-02", "2022-03*"}},
		{"a context figure owes nothing", plan.Indicator{Kind: plan.KindLevel, Frequency: plan.Monthly}, nil, nil, day(2022, 6, 15), nil},
		{"a milestone without a frequency owes no periodic report", plan.Indicator{Kind: plan.KindMilestone, Due: "2022-09-30"}, nil, nil, day(2023, 6, 1), nil},
		{"reports of other years and frequencies do not count", ind(plan.Quarterly, ""),
			[]Report{sub("2021Q1", 1, StateApproved), sub("2022-03", 1, StateApproved)}, nil, day(2022, 4, 11), []string{"2022Q1*"}},
	} {
		o := ObligationOf(tc.ind, plan.DefaultSettings(), 2022)
		var got []string
		for _, op := range o.Overdue(tc.reports, tc.unlocks, tc.at) {
			s := op.Period.String()
			if op.Open {
				s += "*"
			}
			if !op.Due.Equal(o.Calendar.Due(op.Period)) {
				t.Errorf("%s: %s due %s", tc.name, op.Period, op.Due)
			}
			got = append(got, s)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: overdue %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestObligationOwes(t *testing.T) {
	target := decimal.NewFromInt(1)
	o := ObligationOf(plan.Indicator{Kind: plan.KindLevel, Target: &target, Frequency: plan.Monthly, OwedFrom: "2022-06-30"}, plan.Settings{}, 2022)
	if o.Owes(per("2022-05")) || !o.Owes(per("2022-06")) || o.Owes(per("2023-01")) || o.Owes(per("2022Q3")) {
		t.Error("Owes")
	}
	if ps := o.Periods(); len(ps) != 7 || ps[0] != per("2022-06") {
		t.Errorf("Periods = %v", ps)
	}
	if ps := o.PastDue(day(2022, 8, 11)); len(ps) != 2 || ps[1] != per("2022-07") {
		t.Errorf("PastDue = %v", ps)
	}
	// A malformed date (refused by plan.Validate) reads as the year's start.
	bad := ObligationOf(plan.Indicator{Kind: plan.KindLevel, Target: &target, Frequency: plan.Monthly, OwedFrom: "June"}, plan.Settings{}, 2022)
	if len(bad.Periods()) != 12 {
		t.Error("malformed owed_from")
	}
}
