package progress

import (
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal   { return decimal.RequireFromString(s) }
func dp(s string) *decimal.Decimal { v := d(s); return &v }
func per(s string) Period          { return MustParsePeriod(s) }

// day is a date in Shanghai at noon, the way a server in China passes "now".
func day(y int, m time.Month, dd int) time.Time {
	return time.Date(y, m, dd, 12, 0, 0, 0, time.FixedZone("CST", 8*3600))
}

// approved is an approved report of indicator 1.
func approved(period, value string) Report {
	return Report{IndicatorID: 1, Period: per(period), Value: d(value), State: StateApproved, Version: 2, Revision: 1}
}

func withState(r Report, s State) Report { r.State = s; return r }

// level is a monthly cumulative higher-is-better indicator with target 120 at_least.
func level() plan.Indicator {
	return plan.Indicator{ID: 1, Code: "I1", Name: "新增市场主体", Unit: "户", Kind: plan.KindLevel,
		Direction: plan.Higher, Target: dp("120"), Qualifier: plan.QualAtLeast, Period: "2022",
		Frequency: plan.Monthly, Accumulation: plan.Cumulative, DeptCode: "D1"}
}

func eqDec(t *testing.T, name string, got *decimal.Decimal, want string) {
	t.Helper()
	if want == "" {
		if got != nil {
			t.Errorf("%s = %s, want nil", name, got)
		}
		return
	}
	if got == nil {
		t.Errorf("%s = nil, want %s", name, want)
		return
	}
	if !got.Equal(d(want)) {
		t.Errorf("%s = %s, want %s", name, got, want)
	}
}

// near checks a figure to 4 decimal places.
func near(t *testing.T, name string, got *decimal.Decimal, want string) {
	t.Helper()
	if got == nil {
		t.Errorf("%s = nil, want ≈%s", name, want)
		return
	}
	if !got.Round(4).Equal(d(want).Round(4)) {
		t.Errorf("%s = %s, want ≈%s", name, got, want)
	}
}
