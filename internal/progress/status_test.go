package progress

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/plan"
)

// months is approved monthly reports of indicator 1 from January of year, one value
// each ("" skips a month).
func months(year int, values ...string) []Report {
	var out []Report
	for i, v := range values {
		if v == "" {
			continue
		}
		out = append(out, approved(fmt.Sprintf("%d-%02d", year, i+1), v))
	}
	return out
}

func quarters(year int, values ...string) []Report {
	var out []Report
	for i, v := range values {
		if v != "" {
			out = append(out, approved(fmt.Sprintf("%dQ%d", year, i+1), v))
		}
	}
	return out
}

func TestEvaluateLinear(t *testing.T) {
	at := day(2022, 4, 5) // March is not yet due
	for _, tc := range []struct {
		march    string
		status   Status
		expected string
		pace     string
	}{
		{"30", StatusOnTrack, "30", "1"},
		{"28.5", StatusOnTrack, "30", "0.95"},
		{"28.49", StatusAtRisk, "30", "0.9496666666666667"},
		{"25.5", StatusAtRisk, "30", "0.85"},
		{"25.49", StatusBehind, "30", "0.8496666666666667"},
	} {
		res := Evaluate(Input{Indicator: level(), Reports: months(2022, "10", "20", tc.march), At: at})
		if res.Status != tc.status {
			t.Errorf("March %s: %s, want %s (%s)", tc.march, res.Status, tc.status, res.Explain)
		}
		eqDec(t, "expected", res.Expected, tc.expected)
		eqDec(t, "pace", res.Pace, tc.pace)
		eqDec(t, "progress", res.Progress, tc.march)
		eqDec(t, "share", res.Share, "0.25")
		if res.Seasonal || res.AsOf != per("2022-03") || len(res.Overdue) != 0 {
			t.Errorf("March %s: seasonal %v as of %s overdue %v", tc.march, res.Seasonal, res.AsOf, res.Overdue)
		}
	}
}

// Expected-by-now is taken at the end of the last counted period, not at today.
func TestEvaluateExpectedAtLastPeriod(t *testing.T) {
	res := Evaluate(Input{Indicator: level(), Reports: months(2022, "10", "20", "30"), At: day(2022, 4, 30)})
	eqDec(t, "expected", res.Expected, "30") // not 120 × 4/12 = 40
	if res.Status != StatusOnTrack {
		t.Errorf("status %s", res.Status)
	}
}

// Last year's shape: 进出口 runs slow early in the year. 2021 reached 20% of its year by
// March, so 24 of 120 is on schedule, though a straight line expects 30.
func TestEvaluateSeasonal(t *testing.T) {
	hist := months(2021, "5", "10", "20", "30", "40", "50", "60", "70", "80", "85", "90", "100")
	reports := months(2022, "6", "12", "24")
	at := day(2022, 4, 5)

	seasonal := Evaluate(Input{Indicator: level(), Reports: reports, History: hist, At: at})
	if seasonal.Status != StatusOnTrack || !seasonal.Seasonal {
		t.Errorf("seasonal: %s seasonal=%v (%s)", seasonal.Status, seasonal.Seasonal, seasonal.Explain)
	}
	eqDec(t, "share", seasonal.Share, "0.2")
	eqDec(t, "expected", seasonal.Expected, "24")
	eqDec(t, "projection", seasonal.Projection, "120")
	if !strings.Contains(seasonal.Explain, "往年同期") {
		t.Errorf("explain does not say seasonal: %s", seasonal.Explain)
	}

	linear := Evaluate(Input{Indicator: level(), Reports: reports, At: at})
	if linear.Status != StatusBehind || linear.Seasonal {
		t.Errorf("linear: %s", linear.Status)
	}
	eqDec(t, "expected", linear.Expected, "30")
	eqDec(t, "projection", linear.Projection, "96")

	// A history year without December shapes nothing.
	partial := Evaluate(Input{Indicator: level(), Reports: reports, History: hist[:11], At: at})
	if partial.Seasonal {
		t.Error("an incomplete history year was used")
	}
	// Nor does one with a gap in a periodic run.
	per := level()
	per.Accumulation = plan.Periodic
	gap := months(2021, "5", "", "10", "10", "10", "10", "10", "10", "10", "5", "5", "10")
	if Evaluate(Input{Indicator: per, Reports: months(2022, "6", "6", "12"), History: gap, At: at}).Seasonal {
		t.Error("a periodic history with a gap was used")
	}
	// Periodic history shapes a periodic indicator: 5+5+10 = 20 of 100 by March.
	flows := months(2021, "5", "5", "10", "10", "10", "10", "10", "10", "10", "5", "5", "10")
	res := Evaluate(Input{Indicator: per, Reports: months(2022, "6", "6", "12"), History: flows, At: at})
	eqDec(t, "periodic share", res.Share, "0.2")
	eqDec(t, "periodic progress", res.Progress, "24")
	if res.Status != StatusOnTrack {
		t.Errorf("periodic seasonal: %s", res.Status)
	}
	// Quarterly indicator, monthly history: the share at the quarter's last month.
	q := level()
	q.Frequency = plan.Quarterly
	res = Evaluate(Input{Indicator: q, Reports: quarters(2022, "24"), History: hist, At: at})
	eqDec(t, "quarterly share", res.Share, "0.2")
}

// The projection range: the spread of past years' shapes, one year's monthly stray, or
// ±10% shrinking over the year.
func TestEvaluateProjectionRange(t *testing.T) {
	at := day(2022, 4, 5)
	for _, tc := range []struct {
		name            string
		reports, hist   []Report
		proj, low, high string
		verdict         Verdict
	}{
		// No history: w = 10% × (1 − 3/12) = 7.5%.
		{"default, likely", months(2022, "12", "24", "36"), nil, "144", "133.2", "154.8", VerdictLikely},
		{"default, unlikely", months(2022, "8", "16", "24"), nil, "96", "88.8", "103.2", VerdictUnlikely},
		{"default, uncertain", months(2022, "10", "20", "29"), nil, "116", "107.3", "124.7", VerdictUncertain},
		// Two years, March shares 0.18 and 0.22: mean 0.2, w = 0.2/0.18 − 1 = 1/9.
		{"two years", months(2022, "8", "16", "24"),
			append(months(2020, "6", "12", "18", "", "", "", "", "", "", "", "", "100"),
				months(2021, "7", "14", "22", "", "", "", "", "", "", "", "", "100")...),
			"120", "106.6667", "133.3333", VerdictUncertain},
		// One year with monthly flows alternating 8 and 12: σ = 2/10 = 0.2; March share
		// 28/120; w = 0.2 × (1 − 28/120).
		{"one year's stray", months(2022, "8", "20", "28"),
			months(2021, "8", "20", "28", "40", "48", "60", "68", "80", "88", "100", "108", "120"),
			"120", "101.6", "138.4", VerdictUncertain},
		// One year of even months: σ floors at 2.5%; w = 0.025 × 0.75.
		{"one even year", months(2022, "10", "20", "30"),
			months(2021, "10", "20", "30", "40", "50", "60", "70", "80", "90", "100", "110", "120"),
			"120", "117.75", "122.25", VerdictUncertain},
	} {
		res := Evaluate(Input{Indicator: level(), Reports: tc.reports, History: tc.hist, At: at})
		near(t, tc.name+" projection", res.Projection, tc.proj)
		near(t, tc.name+" low", res.ProjectionLow, tc.low)
		near(t, tc.name+" high", res.ProjectionHigh, tc.high)
		if res.WillMeet != tc.verdict {
			t.Errorf("%s: will meet %q, want %q", tc.name, res.WillMeet, tc.verdict)
		}
	}

	// The default range shrinks as the year goes on and closes at its end.
	widths := []string{}
	for _, m := range []int{3, 6, 9, 12} {
		vals := make([]string, m)
		for i := range vals {
			vals[i] = fmt.Sprint(10 * (i + 1))
		}
		res := Evaluate(Input{Indicator: level(), Reports: months(2022, vals...), At: day(2023, 1, 5)})
		widths = append(widths, res.ProjectionHigh.Sub(*res.ProjectionLow).Div(*res.Projection).String())
	}
	if strings.Join(widths, " ") != "0.15 0.1 0.05 0" {
		t.Errorf("relative widths over the year: %v", widths)
	}
}

func TestEvaluatePeriodic(t *testing.T) {
	ind := level()
	ind.Accumulation = plan.Periodic
	at := day(2022, 4, 5)

	res := Evaluate(Input{Indicator: ind, Reports: months(2022, "10", "10", "10"), At: at})
	eqDec(t, "sum", res.Progress, "30")
	if res.Status != StatusOnTrack {
		t.Errorf("periodic: %s", res.Status)
	}
	// A year-to-date report on a periodic indicator resets the sum.
	rs := months(2022, "10", "25", "10")
	rs[1].Cumulative = true
	eqDec(t, "ytd in the middle", Evaluate(Input{Indicator: ind, Reports: rs, At: at}).Progress, "35")

	// A missing month of a periodic indicator, past due, makes the sum unreliable.
	res = Evaluate(Input{Indicator: ind, Reports: months(2022, "10", "", "10"), At: at})
	if res.Status != StatusOverdue || len(res.Overdue) != 1 || res.Overdue[0] != per("2022-02") {
		t.Errorf("gap: %s %v", res.Status, res.Overdue)
	}
	// Exact decimals: 0.1 + 0.2 reaches 0.3.
	ind.Target = dp("0.3")
	res = Evaluate(Input{Indicator: ind, Reports: months(2022, "0.1", "0.2"), At: day(2022, 3, 5)})
	if res.Status != StatusAchieved {
		t.Errorf("0.1+0.2 vs 0.3: %s %s", res.Status, res.Progress)
	}
	eqDec(t, "completion", res.Completion, "1")
}

func TestEvaluateStock(t *testing.T) {
	ind := plan.Indicator{ID: 1, Kind: plan.KindShare, Unit: "%", Target: dp("50"), Qualifier: plan.QualAtLeast,
		Frequency: plan.Quarterly, Period: "2022", Baseline: &plan.Figure{Value: dp("40")}}
	for _, tc := range []struct {
		name     string
		ind      func(plan.Indicator) plan.Indicator
		reports  []Report
		status   Status
		expected string
		proj     string
	}{
		{"baseline to target", nil, quarters(2022, "42.5"), StatusOnTrack, "42.5", "50"},
		{"short of the line", nil, quarters(2022, "42.3"), StatusAtRisk, "42.5", "49.2"},
		{"a move of 1 of 2.5", nil, quarters(2022, "41"), StatusBehind, "42.5", "44"},
		{"latest level counts", nil, quarters(2022, "42", "41.5"), StatusBehind, "45", "43"},
		{"reached early", nil, quarters(2022, "42", "50"), StatusAchieved, "45", "60"},
		{"no baseline: against the target", func(i plan.Indicator) plan.Indicator { i.Baseline = nil; return i },
			quarters(2022, "48"), StatusOnTrack, "50", "48"},
		{"no baseline, short", func(i plan.Indicator) plan.Indicator { i.Baseline = nil; return i },
			quarters(2022, "42"), StatusBehind, "50", "42"},
		// PM2.5 from 40 down to at most 35: 38 by June against 37.5 expected.
		{"lower is better", func(i plan.Indicator) plan.Indicator {
			i.Kind, i.Unit, i.Target, i.Qualifier, i.Direction = plan.KindLevel, "微克/立方米", dp("35"), plan.QualAtMost, plan.Lower
			i.Accumulation = plan.Stock
			return i
		}, quarters(2022, "39", "37.6"), StatusOnTrack, "37.5", "35.2"},
		{"lower is better, slow", func(i plan.Indicator) plan.Indicator {
			i.Kind, i.Unit, i.Target, i.Qualifier, i.Direction = plan.KindLevel, "微克/立方米", dp("35"), plan.QualAtMost, plan.Lower
			i.Accumulation = plan.Stock
			return i
		}, quarters(2022, "39", "38"), StatusBehind, "37.5", "36"},
	} {
		ind := ind
		if tc.ind != nil {
			ind = tc.ind(ind)
		}
		res := Evaluate(Input{Indicator: ind, Reports: tc.reports, At: day(2022, 7, 5)})
		if res.Status != tc.status {
			t.Errorf("%s: %s, want %s (%s)", tc.name, res.Status, tc.status, res.Explain)
		}
		eqDec(t, tc.name+" expected", res.Expected, tc.expected)
		eqDec(t, tc.name+" projection", res.Projection, tc.proj)
	}
}

func TestEvaluateLowerIsBetter(t *testing.T) {
	// 能耗总量不超过1000吨标煤, reported cumulatively.
	ind := plan.Indicator{ID: 1, Kind: plan.KindLevel, Unit: "吨标煤", Direction: plan.Lower, Target: dp("1000"),
		Qualifier: plan.QualAtMost, Period: "2022", Frequency: plan.Monthly, Accumulation: plan.Cumulative}
	dec := func(v string) []Report {
		vals := make([]string, 12)
		for i := range vals {
			vals[i] = "1"
		}
		vals[11] = v
		return months(2022, vals...)
	}
	for _, tc := range []struct {
		name       string
		reports    []Report
		at         time.Time
		status     Status
		completion string
	}{
		{"under the line", months(2022, "80", "160", "240"), day(2022, 4, 5), StatusOnTrack, "4.1666666666666667"},
		{"over the line", months(2022, "90", "180", "280"), day(2022, 4, 5), StatusAtRisk, "3.5714285714285714"},
		{"far over", months(2022, "100", "200", "300"), day(2022, 4, 5), StatusBehind, "3.3333333333333333"},
		// Mid-year a low figure is on track, never achieved: the year may still overrun.
		{"low mid-year", months(2022, "10"), day(2022, 2, 5), StatusOnTrack, "100"},
		{"year within", dec("990"), day(2023, 1, 5), StatusAchieved, "1.0101010101010101"},
		{"year at the cap", dec("1000"), day(2023, 1, 5), StatusAchieved, "1"},
		{"year over", dec("1010"), day(2023, 1, 5), StatusBehind, "0.9900990099009901"},
	} {
		res := Evaluate(Input{Indicator: ind, Reports: tc.reports, At: tc.at})
		if res.Status != tc.status {
			t.Errorf("%s: %s, want %s (%s)", tc.name, res.Status, tc.status, res.Explain)
		}
		eqDec(t, tc.name+" completion", res.Completion, tc.completion)
	}
}

func growthInd(target string, q plan.Qualifier, dir plan.Direction) plan.Indicator {
	return plan.Indicator{ID: 1, Name: "进出口额", Kind: plan.KindGrowth, Unit: "%", Direction: dir, Target: dp(target),
		Qualifier: q, Period: "2022", Frequency: plan.Monthly, Accumulation: plan.Cumulative}
}

func rateReport(period, value string) Report { return approved(period, value) }

func amountReport(period, value, amount, lastYear string) Report {
	r := approved(period, value)
	r.Amount, r.LastYear = dp(amount), dp(lastYear)
	return r
}

func TestEvaluateGrowth(t *testing.T) {
	march, jan23 := day(2022, 4, 5), day(2023, 1, 5)
	full := func(r Report) []Report {
		rs := months(2022, "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1")
		return append(rs, r)
	}
	for _, tc := range []struct {
		name     string
		ind      plan.Indicator
		reports  []Report
		at       time.Time
		status   Status
		progress string
		pace     string
	}{
		{"on target", growthInd("5", plan.QualAtLeast, plan.Higher), []Report{rateReport("2022-03", "5")}, march, StatusOnTrack, "5", "1"},
		{"above target mid-year is not achieved", growthInd("5", plan.QualAtLeast, plan.Higher), []Report{rateReport("2022-03", "8")}, march, StatusOnTrack, "8", "1.6"},
		{"at risk", growthInd("5", plan.QualAtLeast, plan.Higher), []Report{rateReport("2022-03", "4.5")}, march, StatusAtRisk, "4.5", "0.9"},
		{"behind", growthInd("5", plan.QualAtLeast, plan.Higher), []Report{rateReport("2022-03", "3")}, march, StatusBehind, "3", "0.6"},
		{"falling", growthInd("5", plan.QualAtLeast, plan.Higher), []Report{rateReport("2022-03", "-2")}, march, StatusBehind, "-2", "-0.4"},
		// Amount and last year's same period override the reported rate.
		{"from amounts", growthInd("5", plan.QualAtLeast, plan.Higher), []Report{amountReport("2022-03", "99", "104.5", "100")}, march, StatusAtRisk, "4.5", "0.9"},
		{"latest report counts", growthInd("5", plan.QualAtLeast, plan.Higher),
			[]Report{amountReport("2022-02", "0", "60", "50"), rateReport("2022-03", "5")}, march, StatusOnTrack, "5", "1"},
		// 能耗下降3%: a growth of −3 or lower, less being better.
		{"decline on target", growthInd("-3", plan.QualExact, plan.Lower), []Report{rateReport("2022-03", "-3.3")}, march, StatusOnTrack, "-3.3", "1.1"},
		{"decline too small", growthInd("-3", plan.QualExact, plan.Lower), []Report{rateReport("2022-03", "-2")}, march, StatusBehind, "-2", "0.6666666666666667"},
		{"rising instead", growthInd("-3", plan.QualExact, plan.Lower), []Report{rateReport("2022-03", "1")}, march, StatusBehind, "1", "-0.3333333333333333"},
		// A zero target (持平) is paced on (100 + rate) / (100 + target).
		{"flat target", growthInd("0", plan.QualAtLeast, plan.Higher), []Report{rateReport("2022-03", "-1")}, march, StatusOnTrack, "-1", "0.99"},
		{"flat target, big fall", growthInd("0", plan.QualAtLeast, plan.Higher), []Report{rateReport("2022-03", "-10")}, march, StatusAtRisk, "-10", "0.9"},
		// The year: met → achieved, short → behind.
		{"year met", growthInd("5", plan.QualAtLeast, plan.Higher), full(rateReport("2022-12", "5.2")), jan23, StatusAchieved, "5.2", "1.04"},
		{"year short", growthInd("5", plan.QualAtLeast, plan.Higher), full(rateReport("2022-12", "4.9")), jan23, StatusBehind, "4.9", "0.98"},
		{"about 6: within the band", growthInd("6", plan.QualAbout, plan.Higher), full(rateReport("2022-12", "5.82")), jan23, StatusAchieved, "5.82", "0.97"},
		{"about 6: under the band", growthInd("6", plan.QualAbout, plan.Higher), full(rateReport("2022-12", "5.8")), jan23, StatusBehind, "5.8", "0.9666666666666667"},
		{"about 6: over the band", growthInd("6", plan.QualAbout, plan.Higher), full(rateReport("2022-12", "7")), jan23, StatusAchieved, "7", "1.1666666666666667"},
	} {
		res := Evaluate(Input{Indicator: tc.ind, Reports: tc.reports, At: tc.at})
		if res.Status != tc.status {
			t.Errorf("%s: %s, want %s (%s)", tc.name, res.Status, tc.status, res.Explain)
		}
		eqDec(t, tc.name+" progress", res.Progress, tc.progress)
		eqDec(t, tc.name+" pace", res.Pace, tc.pace)
		if res.Expected == nil || !res.Expected.Equal(*tc.ind.Target) {
			t.Errorf("%s: expected %v, want the target rate", tc.name, res.Expected)
		}
	}

	// Periodic growth reports with amounts are summed before the rate is taken.
	ind := growthInd("5", plan.QualAtLeast, plan.Higher)
	ind.Accumulation = plan.Periodic
	res := Evaluate(Input{Indicator: ind, Reports: []Report{amountReport("2022-01", "0", "50", "50"), amountReport("2022-02", "0", "60", "50")}, At: day(2022, 3, 5)})
	eqDec(t, "periodic growth", res.Progress, "10")

	// The rate's range: (100 + 5) × (1 ± 7.5%) − 100.
	res = Evaluate(Input{Indicator: growthInd("5", plan.QualAtLeast, plan.Higher), Reports: []Report{rateReport("2022-03", "5")}, At: march})
	eqDec(t, "growth projection", res.Projection, "5")
	eqDec(t, "growth low", res.ProjectionLow, "-2.875")
	eqDec(t, "growth high", res.ProjectionHigh, "12.875")
	if res.WillMeet != VerdictUncertain {
		t.Errorf("growth verdict %s", res.WillMeet)
	}
	if want := "截至2022年3月累计同比增长5%，目标增长5%以上，完成序时进度的100%，进度正常。"; res.Explain != want {
		t.Errorf("explain %q, want %q", res.Explain, want)
	}
}

func TestEvaluateQualifiersAtYearEnd(t *testing.T) {
	ind := level()
	ind.Unit = "亿元"
	dec := func(v string) []Report {
		return append(months(2022, "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1"), approved("2022-12", v))
	}
	withT := func(q plan.Qualifier, target, targetMax string, dir plan.Direction) plan.Indicator {
		i := ind
		i.Qualifier, i.Target, i.Direction = q, dp(target), dir
		if targetMax != "" {
			i.TargetMax = dp(targetMax)
		}
		return i
	}
	for _, tc := range []struct {
		name   string
		ind    plan.Indicator
		value  string
		status Status
	}{
		{"about: 97 of 100", withT(plan.QualAbout, "100", "", plan.Higher), "97", StatusAchieved},
		{"about: 96", withT(plan.QualAbout, "100", "", plan.Higher), "96", StatusBehind},
		{"about: 110 exceeds", withT(plan.QualAbout, "100", "", plan.Higher), "110", StatusAchieved},
		{"at_least: 100", withT(plan.QualAtLeast, "100", "", plan.Higher), "100", StatusAchieved},
		{"at_least: 99.99", withT(plan.QualAtLeast, "100", "", plan.Higher), "99.99", StatusBehind},
		{"exact higher: over", withT(plan.QualExact, "100", "", plan.Higher), "101", StatusAchieved},
		{"exact lower: under", withT(plan.QualExact, "100", "", plan.Lower), "99", StatusAchieved},
		{"exact lower: over", withT(plan.QualExact, "100", "", plan.Lower), "101", StatusBehind},
		{"at_most: under", withT(plan.QualAtMost, "100", "", plan.Higher), "99", StatusAchieved},
		{"at_most: over", withT(plan.QualAtMost, "100", "", plan.Higher), "101", StatusBehind},
		{"range: inside", withT(plan.QualExact, "6", "6.5", plan.Higher), "6.2", StatusAchieved},
		{"range: under", withT(plan.QualExact, "6", "6.5", plan.Higher), "5.9", StatusBehind},
		{"range, lower: over", withT(plan.QualExact, "6", "6.5", plan.Lower), "6.6", StatusBehind},
	} {
		res := Evaluate(Input{Indicator: tc.ind, Reports: dec(tc.value), At: day(2023, 1, 5)})
		if res.Status != tc.status {
			t.Errorf("%s: %s, want %s (%s)", tc.name, res.Status, tc.status, res.Explain)
		}
	}
	res := Evaluate(Input{Indicator: withT(plan.QualAbout, "100", "", plan.Higher), Reports: dec("110"), At: day(2023, 1, 5)})
	if want := "截至2022年12月累计完成110亿元，已超额完成目标100亿元左右。"; res.Explain != want {
		t.Errorf("explain %q, want %q", res.Explain, want)
	}
	res = Evaluate(Input{Indicator: withT(plan.QualAtLeast, "100", "", plan.Higher), Reports: dec("90"), At: day(2023, 1, 5)})
	if want := "2022年全年累计完成90亿元，未达到目标100亿元以上。"; res.Explain != want {
		t.Errorf("explain %q, want %q", res.Explain, want)
	}
	// In-year, a range paces against its lower end when more is better.
	res = Evaluate(Input{Indicator: withT(plan.QualExact, "6", "6.5", plan.Higher), Reports: months(2022, "0.5", "1", "1.5"), At: day(2022, 4, 5)})
	eqDec(t, "range expected", res.Expected, "1.5")
}

func TestEvaluateOverdue(t *testing.T) {
	sub := withState(approved("2022-04", "40"), StateSubmitted)
	for _, tc := range []struct {
		name    string
		reports []Report
		at      time.Time
		status  Status
		overdue string
	}{
		{"nothing due yet", nil, day(2022, 2, 10), StatusNoData, ""},
		{"nothing reported, January due", nil, day(2022, 2, 11), StatusOverdue, "2022-01"},
		{"latest month missing", months(2022, "10", "20", "30"), day(2022, 5, 11), StatusOverdue, "2022-04"},
		{"an early month missing does not block a cumulative figure", months(2022, "", "20", "30"), day(2022, 4, 11), StatusOnTrack, "2022-01"},
		{"achieved beats overdue", months(2022, "10", "20", "130"), day(2022, 5, 20), StatusAchieved, "2022-04"},
		{"submitted is in, though not counted", append(months(2022, "10", "20", "30"), sub), day(2022, 5, 20), StatusOnTrack, ""},
		{"a draft is still owed", append(months(2022, "10", "20", "30"), withState(sub, StateDraft)), day(2022, 5, 20), StatusOverdue, "2022-04"},
		{"a rejected report is still owed", append(months(2022, "10", "20", "30"), withState(sub, StateRejected)), day(2022, 5, 20), StatusOverdue, "2022-04"},
	} {
		res := Evaluate(Input{Indicator: level(), Reports: tc.reports, At: tc.at})
		if res.Status != tc.status {
			t.Errorf("%s: %s, want %s (%s)", tc.name, res.Status, tc.status, res.Explain)
		}
		var got []string
		for _, p := range res.Overdue {
			got = append(got, p.String())
		}
		if strings.Join(got, ",") != tc.overdue {
			t.Errorf("%s: overdue %v, want %s", tc.name, got, tc.overdue)
		}
	}
	res := Evaluate(Input{Indicator: level(), Reports: months(2022, "10", "20", "30"), At: day(2022, 6, 11)})
	if want := "2022年4月等2期数据逾期未报（应于5月10日前报送），进度无法判断。"; res.Explain != want {
		t.Errorf("explain %q, want %q", res.Explain, want)
	}
}

func TestEvaluateCustomThresholds(t *testing.T) {
	s := plan.Settings{OnTrack: d("0.9"), AtRisk: d("0.8")}
	for _, tc := range []struct {
		march  string
		status Status
	}{
		{"27", StatusOnTrack}, // 0.9
		{"26.9", StatusAtRisk},
		{"24", StatusAtRisk}, // 0.8
		{"23.9", StatusBehind},
	} {
		res := Evaluate(Input{Indicator: level(), Settings: s, Reports: months(2022, "10", "20", tc.march), At: day(2022, 4, 5)})
		if res.Status != tc.status {
			t.Errorf("March %s: %s, want %s", tc.march, res.Status, tc.status)
		}
	}
	res := Evaluate(Input{Indicator: level(), Settings: s, Reports: months(2022, "10", "20", "26"), At: day(2022, 4, 5)})
	if want := "截至2022年3月累计完成26户，按时间均衡进度应达30户，完成序时进度的86.7%，低于90%，存在风险。"; res.Explain != want {
		t.Errorf("explain %q, want %q", res.Explain, want)
	}
}

func TestEvaluateMilestone(t *testing.T) {
	ind := plan.Indicator{ID: 1, Name: "园区开工", Kind: plan.KindMilestone, Due: "2022-06-30", Frequency: plan.Monthly, Period: "2022"}
	done := func(period string, s State) Report {
		r := approved(period, "0")
		r.Done, r.State = true, s
		return r
	}
	notYet := approved("2022-04", "0")
	for _, tc := range []struct {
		name      string
		ind       plan.Indicator
		reports   []Report
		at        time.Time
		submitted bool
		status    Status
		explain   string
	}{
		{"done in time", ind, []Report{notYet, done("2022-05", StateApproved)}, day(2022, 7, 5), false, StatusDone, "已于2022年5月报告完成。"},
		{"done late", ind, []Report{done("2022-08", StateApproved)}, day(2022, 9, 5), false, StatusDone, "晚于计划"},
		{"done but not approved", ind, []Report{done("2022-06", StateSubmitted)}, day(2022, 7, 1), false, StatusLate, "已逾期"},
		{"done, submitted counts", ind, []Report{done("2022-06", StateSubmitted)}, day(2022, 7, 1), true, StatusDone, ""},
		{"in progress before due", ind, []Report{notYet}, day(2022, 5, 5), false, StatusOnTrack, "尚在期限内"},
		{"on the due date", ind, []Report{notYet}, day(2022, 6, 30), false, StatusOnTrack, ""},
		{"the day after", ind, []Report{notYet}, day(2022, 7, 1), false, StatusLate, ""},
		{"nothing reported", ind, nil, day(2022, 5, 5), false, StatusNoData, "尚无报送"},
		{"nothing reported, late", ind, nil, day(2022, 8, 5), false, StatusLate, ""},
		{"a revised due date", ind, []Report{notYet}, day(2022, 7, 5), false, StatusOnTrack, "2022年9月30日"},
		{"no due date", plan.Indicator{ID: 1, Kind: plan.KindMilestone}, nil, day(2022, 7, 5), false, StatusNoTarget, ""},
	} {
		in := Input{Indicator: tc.ind, Reports: tc.reports, At: tc.at, Settings: plan.Settings{SubmittedCounts: tc.submitted}}
		if tc.name == "a revised due date" {
			in.Target = &TargetRevision{Due: "2022-09-30"}
		}
		res := Evaluate(in)
		if res.Status != tc.status {
			t.Errorf("%s: %s, want %s (%s)", tc.name, res.Status, tc.status, res.Explain)
		}
		if !strings.Contains(res.Explain, tc.explain) {
			t.Errorf("%s: explain %q lacks %q", tc.name, res.Explain, tc.explain)
		}
	}
}

func TestEvaluateNoTarget(t *testing.T) {
	ind := level()
	ind.Target = nil
	res := Evaluate(Input{Indicator: ind, Reports: months(2022, "10", "20", "30"), At: day(2022, 6, 11)})
	if res.Status != StatusNoTarget || res.WillMeet != VerdictUnknown {
		t.Errorf("no target: %s %s", res.Status, res.WillMeet)
	}
	eqDec(t, "progress", res.Progress, "30")
	eqDec(t, "projection", res.Projection, "120")
	eqDec(t, "expected", res.Expected, "")
	eqDec(t, "completion", res.Completion, "")
	if len(res.Overdue) != 2 || !strings.Contains(res.Explain, "未设定量化目标") {
		t.Errorf("no target: overdue %v explain %s", res.Overdue, res.Explain)
	}
}

func TestEvaluateSelectsReports(t *testing.T) {
	other := approved("2022-03", "500")
	other.IndicatorID = 2
	future := approved("2022-05", "500")
	lastYear := approved("2021-12", "500")
	sub := withState(approved("2022-03", "30"), StateSubmitted)
	base := months(2022, "10", "20")
	at := day(2022, 4, 5)

	res := Evaluate(Input{Indicator: level(), Reports: append(base, other, future, lastYear, sub), At: at})
	eqDec(t, "approved only", res.Progress, "20")
	if res.AsOf != per("2022-02") {
		t.Errorf("as of %s", res.AsOf)
	}
	res = Evaluate(Input{Indicator: level(), Settings: plan.Settings{SubmittedCounts: true}, Reports: append(base, other, future, sub), At: at})
	eqDec(t, "submitted counts", res.Progress, "30")

	// The plan year comes from Input.Year, else the indicator's period, else At.
	ind := level()
	ind.Period = ""
	res = Evaluate(Input{Indicator: ind, Reports: months(2021, "10"), At: day(2021, 2, 5)})
	eqDec(t, "year from At", res.Progress, "10")
	res = Evaluate(Input{Indicator: ind, Year: 2021, Reports: months(2021, "10"), At: day(2022, 2, 5)})
	eqDec(t, "year given", res.Progress, "10")
}

func TestResultJSON(t *testing.T) {
	res := Evaluate(Input{Indicator: level(), Reports: months(2022, "10", "20", "30"), At: day(2022, 4, 5)})
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"status":"on_track"`, `"as_of":"2022-03"`, `"progress":"30"`, `"will_meet":"uncertain"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON %s lacks %s", b, want)
		}
	}
}

func TestLabels(t *testing.T) {
	for _, s := range Statuses {
		if s.Label() == string(s) || s.Label() == "" {
			t.Errorf("status %s has no label", s)
		}
	}
	for _, v := range []Verdict{VerdictLikely, VerdictUncertain, VerdictUnlikely} {
		if v.Label() == "" {
			t.Errorf("verdict %s has no label", v)
		}
	}
	for _, s := range []State{StateDraft, StateSubmitted, StateApproved, StateRejected} {
		if s.Label() == string(s) {
			t.Errorf("state %s has no label", s)
		}
	}
}

// Growth indicators take their shape from last year's amounts; it sets the range.
func TestEvaluateGrowthHistory(t *testing.T) {
	var hist []Report
	for m := 1; m <= 12; m++ {
		r := approved(fmt.Sprintf("2021-%02d", m), "0")
		r.Amount = dp(fmt.Sprint(10 * m))
		hist = append(hist, r)
	}
	res := Evaluate(Input{Indicator: growthInd("5", plan.QualAtLeast, plan.Higher),
		Reports: []Report{rateReport("2022-03", "5")}, History: hist, At: day(2022, 4, 5)})
	if !res.Seasonal {
		t.Error("amount history not used")
	}
	// An even year: σ floors at 2.5%, w = 0.025 × 0.75.
	eqDec(t, "low", res.ProjectionLow, "3.03125")
	eqDec(t, "high", res.ProjectionHigh, "6.96875")

	if g, ok := GrowthRate(d("104.5"), d("100")); !ok || !g.Equal(d("4.5")) {
		t.Errorf("GrowthRate = %s %v", g, ok)
	}
	if _, ok := GrowthRate(d("5"), d("0")); ok {
		t.Error("GrowthRate over zero")
	}
}

// Nothing at all against a lower-is-better cap is on track, not a division by zero.
func TestEvaluateZeroFigures(t *testing.T) {
	ind := plan.Indicator{ID: 1, Kind: plan.KindLevel, Unit: "起", Direction: plan.Lower, Target: dp("10"),
		Qualifier: plan.QualAtMost, Period: "2022", Frequency: plan.Monthly, Accumulation: plan.Cumulative}
	res := Evaluate(Input{Indicator: ind, Reports: months(2022, "0", "0", "0"), At: day(2022, 4, 5)})
	if res.Status != StatusOnTrack || res.Completion != nil {
		t.Errorf("zero against a cap: %s completion %v", res.Status, res.Completion)
	}
	eqDec(t, "pace", res.Pace, "1")
	ind.Direction, ind.Qualifier, ind.Target = plan.Higher, plan.QualAtLeast, dp("0")
	res = Evaluate(Input{Indicator: ind, Reports: months(2022, "0"), At: day(2022, 2, 5)})
	if res.Status != StatusAchieved {
		t.Errorf("zero target: %s", res.Status)
	}
}

func TestRound(t *testing.T) {
	if !Round(d("1.235"), 2).Equal(d("1.24")) || RoundPtr(nil, 2) != nil || !RoundPtr(dp("-1.235"), 2).Equal(d("-1.24")) {
		t.Error("Round")
	}
}
