package progress

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/plan"
)

func TestSummarize(t *testing.T) {
	rs := []Result{
		{Status: StatusAchieved}, {Status: StatusOnTrack}, {Status: StatusDone},
		{Status: StatusAtRisk}, {Status: StatusBehind}, {Status: StatusOverdue}, {Status: StatusLate},
		{Status: StatusNoData}, {Status: StatusNoTarget}, {Status: StatusOnTrack},
	}
	s := Summarize(rs)
	if s.Total != 10 || s.Tracked != 8 || s.ByStatus[StatusOnTrack] != 2 || s.ByStatus[StatusNoTarget] != 1 {
		t.Errorf("Summarize = %+v", s)
	}
	eqDec(t, "on-track share", &s.OnTrackShare, "0.5") // 4 of 8
	empty := Summarize(nil)
	if empty.Total != 0 || !empty.OnTrackShare.IsZero() || empty.ByStatus == nil {
		t.Errorf("empty = %+v", empty)
	}
	eqDec(t, "untracked only", ptr(Summarize([]Result{{Status: StatusNoData}}).OnTrackShare), "0")
}

// Recount of a summary equals Summarize of the results so changed: a status patched
// for a few indicators is counted as if counted again.
func TestSummaryRecount(t *testing.T) {
	rs := []Result{
		{Status: StatusAchieved}, {Status: StatusOnTrack}, {Status: StatusDone},
		{Status: StatusAtRisk}, {Status: StatusBehind}, {Status: StatusOverdue}, {Status: StatusNoData},
	}
	for _, tc := range []struct {
		name string
		at   []int    // indexes of rs replaced
		new  []Status // by these
		gone []Status // no longer counted at all
	}{
		{name: "behind to on track", at: []int{4}, new: []Status{StatusOnTrack}},
		{name: "the only at-risk leaves the counts", at: []int{3}, new: []Status{StatusLate}, gone: []Status{StatusAtRisk}},
		{name: "nothing tracked is left", at: []int{0, 1, 2, 3, 4, 5}, new: []Status{StatusNoData, StatusNoData, StatusNoTarget, StatusNoData, StatusNoData, StatusNoData}},
		{name: "unchanged", at: []int{1}, new: []Status{StatusOnTrack}},
		{name: "none", at: nil, new: nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			after := append([]Result(nil), rs...)
			var out, in []Result
			for k, i := range tc.at {
				out = append(out, rs[i])
				after[i] = Result{Status: tc.new[k]}
				in = append(in, after[i])
			}
			before := Summarize(rs)
			got := before.Recount(out, in)
			if want := Summarize(after); !reflect.DeepEqual(got, want) {
				t.Errorf("Recount = %+v, Summarize = %+v", got, want)
			}
			for _, st := range tc.gone {
				if _, ok := got.ByStatus[st]; ok {
					t.Errorf("%s is still counted: %+v", st, got.ByStatus)
				}
			}
			if !reflect.DeepEqual(before, Summarize(rs)) {
				t.Error("Recount changed the summary it was made from")
			}
		})
	}
}

// RecountRates of rates equals OnTimeByPeriod of the items so changed, or says it
// cannot (a period rates does not hold).
func TestRecountRates(t *testing.T) {
	due := func(p string, onTime bool) DueItem {
		it := DueItem{Period: per(p), Due: day(2022, 3, 10)}
		if onTime {
			it.SubmittedAt = day(2022, 3, 9)
		}
		return it
	}
	items := []DueItem{due("2022-01", true), due("2022-01", false), due("2022-02", false), due("2022-02", false), due("2022-03", true)}
	for _, tc := range []struct {
		name string
		at   []int
		new  []DueItem
		ok   bool
	}{
		{name: "one comes in on time", at: []int{2}, new: []DueItem{due("2022-02", true)}, ok: true},
		{name: "one falls late", at: []int{0}, new: []DueItem{due("2022-01", false)}, ok: true},
		{name: "an indicator owes nothing more", at: []int{4}, new: nil, ok: true},
		{name: "a period not counted", at: []int{1}, new: []DueItem{due("2022-04", true)}, ok: false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var old []DueItem
			after := slices.Clone(items)
			for _, i := range slices.Backward(tc.at) {
				old = append(old, items[i])
				after = slices.Delete(after, i, i+1)
			}
			after = append(after, tc.new...)
			rates := OnTimeByPeriod(items)
			got, ok := RecountRates(rates, old, tc.new)
			if ok != tc.ok {
				t.Fatalf("ok = %v", ok)
			}
			if want := OnTimeByPeriod(after); ok && !reflect.DeepEqual(got, want) {
				t.Errorf("RecountRates = %+v, OnTimeByPeriod = %+v", got, want)
			}
			if !reflect.DeepEqual(rates, OnTimeByPeriod(items)) {
				t.Error("RecountRates changed the rates it was given")
			}
		})
	}
}

func TestByDepartment(t *testing.T) {
	rs := []Result{
		{IndicatorID: 3, Code: "B2", Dept: "商务局", Status: StatusBehind, Overdue: []Period{per("2022-04"), per("2022-05")}},
		{IndicatorID: 1, Code: "A1", Dept: "发改委", Status: StatusOnTrack},
		{IndicatorID: 2, Code: "B1", Dept: "商务局", Status: StatusOverdue, Overdue: []Period{per("2022-05")}},
		{IndicatorID: 4, Code: "X", Status: StatusNoTarget},
	}
	ds := ByDepartment(rs)
	if len(ds) != 3 || ds[0].Dept != "" || ds[1].Dept != "发改委" || ds[2].Dept != "商务局" {
		t.Fatalf("departments %+v", ds)
	}
	sw := ds[2]
	if sw.OverdueReports != 3 || sw.Summary.Total != 2 || sw.Summary.ByStatus[StatusBehind] != 1 ||
		len(sw.Indicators) != 2 || sw.Indicators[0].Code != "B1" || sw.Indicators[1].Overdue != 2 {
		t.Errorf("商务局 = %+v", sw)
	}
}

func TestOnTimeRate(t *testing.T) {
	o := Obligation{Calendar: NewCalendar(plan.Monthly, plan.DefaultSettings()), Year: 2022}
	cst := time.FixedZone("CST", 8*3600)
	reports := []Report{
		{Period: per("2022-01"), SubmittedAt: time.Date(2022, 2, 10, 23, 0, 0, 0, cst)}, // on the due day
		{Period: per("2022-02"), SubmittedAt: time.Date(2022, 3, 11, 9, 0, 0, 0, cst)},  // a day late
		// March: first handed in on time, rejected, resubmitted late — on time.
		{Period: per("2022-03"), SubmittedAt: day(2022, 4, 8), State: StateRejected},
		{Period: per("2022-03"), SubmittedAt: day(2022, 4, 20), State: StateSubmitted, Revision: 1},
		// April never submitted; May not yet due.
		{Period: per("2022-04")},
		{Period: per("2022-05"), SubmittedAt: day(2022, 5, 30)},
	}
	items := DueItems(1, "商务局", o, reports, day(2022, 6, 5))
	if len(items) != 4 || items[3].Period != per("2022-04") || !items[3].SubmittedAt.IsZero() || items[0].Dept != "商务局" {
		t.Fatalf("DueItems = %+v", items)
	}
	want := []bool{true, false, true, false}
	// Overdue: January and February were submitted (state unset here: not handed in
	// in the rule's sense, so overdue), March's submitted revision settles it.
	wantOverdue := []bool{true, true, false, true}
	for i, it := range items {
		if it.OnTime() != want[i] {
			t.Errorf("%s on time = %v", it.Period, it.OnTime())
		}
		if it.Overdue != wantOverdue[i] {
			t.Errorf("%s overdue = %v", it.Period, it.Overdue)
		}
	}
	r := OnTimeRate(items)
	if r.Due != 4 || r.OnTime != 2 {
		t.Errorf("rate %+v", r)
	}
	eqDec(t, "rate", &r.Rate, "0.5")
	eqDec(t, "nothing due", ptr(OnTimeRate(nil).Rate), "1")

	// Two indicators, per period.
	items = append(items, DueItems(2, "商务局", o, []Report{{Period: per("2022-01"), SubmittedAt: day(2022, 2, 1)}}, day(2022, 3, 11))...)
	byP := OnTimeByPeriod(items)
	if len(byP) != 4 || byP[0].Period != per("2022-01") || byP[0].Due != 2 || byP[0].OnTime != 2 ||
		byP[1].Period != per("2022-02") || byP[1].Due != 2 || byP[1].OnTime != 0 {
		t.Errorf("by period %+v", byP)
	}
}
