package progress

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/plan"
)

func TestParsePeriod(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		freq     plan.Frequency
		year, n  int
	}{
		{"2022-06", "2022-06", plan.Monthly, 2022, 6},
		{"2022-12", "2022-12", plan.Monthly, 2022, 12},
		{"2022Q2", "2022Q2", plan.Quarterly, 2022, 2},
		{"2021Q4", "2021Q4", plan.Quarterly, 2021, 4},
		{"2022", "2022", plan.Yearly, 2022, 1},
	} {
		p, err := ParsePeriod(tc.in)
		if err != nil {
			t.Fatalf("ParsePeriod(%q): %v", tc.in, err)
		}
		if p.String() != tc.want || p.Frequency() != tc.freq || p.Year() != tc.year || p.Index() != tc.n {
			t.Errorf("ParsePeriod(%q) = %s %s %d %d", tc.in, p, p.Frequency(), p.Year(), p.Index())
		}
	}
}

func TestParsePeriodErrors(t *testing.T) {
	for _, in := range []string{"", "22", "2022-6", "2022-13", "2022-00", "2022Q0", "2022Q5",
		"2022q2", "2022-M06", "2022-06-01", "202", "abcd", "0999", "2022 ", "2022H1", "2022Q12"} {
		_, err := ParsePeriod(in)
		if err == nil {
			t.Errorf("ParsePeriod(%q) succeeded", in)
			continue
		}
		if !strings.Contains(err.Error(), `"`+in+`"`) {
			t.Errorf("error %q does not name the input %q", err, in)
		}
	}
}

func TestPeriodBounds(t *testing.T) {
	for _, tc := range []struct{ p, start, end string }{
		{"2022-02", "2022-02-01", "2022-02-28"},
		{"2024-02", "2024-02-01", "2024-02-29"},
		{"2022-12", "2022-12-01", "2022-12-31"},
		{"2022Q1", "2022-01-01", "2022-03-31"},
		{"2022Q4", "2022-10-01", "2022-12-31"},
		{"2022", "2022-01-01", "2022-12-31"},
	} {
		p := per(tc.p)
		if got := p.Start().Format(time.DateOnly); got != tc.start {
			t.Errorf("%s.Start() = %s, want %s", tc.p, got, tc.start)
		}
		if got := p.End().Format(time.DateOnly); got != tc.end {
			t.Errorf("%s.End() = %s, want %s", tc.p, got, tc.end)
		}
	}
}

func TestPeriodContains(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	for _, tc := range []struct {
		p    string
		at   time.Time
		want bool
	}{
		{"2022-06", time.Date(2022, 6, 1, 0, 0, 0, 0, cst), true},
		{"2022-06", time.Date(2022, 6, 30, 23, 59, 0, 0, cst), true},
		{"2022-06", time.Date(2022, 7, 1, 0, 0, 0, 0, cst), false},
		// 1 July 07:00 in Shanghai is still 30 June in UTC: the instant's own date counts.
		{"2022-06", time.Date(2022, 7, 1, 7, 0, 0, 0, cst), false},
		{"2022-06", time.Date(2022, 6, 30, 23, 0, 0, 0, time.UTC), true},
		{"2022Q2", time.Date(2022, 4, 1, 0, 0, 0, 0, cst), true},
		{"2022Q2", time.Date(2022, 3, 31, 0, 0, 0, 0, cst), false},
		{"2022", time.Date(2022, 12, 31, 0, 0, 0, 0, cst), true},
		{"2022", time.Date(2023, 1, 1, 0, 0, 0, 0, cst), false},
	} {
		if got := per(tc.p).Contains(tc.at); got != tc.want {
			t.Errorf("%s.Contains(%s) = %v", tc.p, tc.at, got)
		}
	}
	if (Period{}).Contains(time.Now()) {
		t.Error("zero period contains now")
	}
}

func TestPeriodsOfAndPeriodOf(t *testing.T) {
	for _, tc := range []struct {
		f           plan.Frequency
		n           int
		first, last string
	}{
		{plan.Monthly, 12, "2022-01", "2022-12"},
		{plan.Quarterly, 4, "2022Q1", "2022Q4"},
		{plan.Yearly, 1, "2022", "2022"},
	} {
		ps := PeriodsOf(tc.f, 2022)
		if len(ps) != tc.n || ps[0].String() != tc.first || ps[len(ps)-1].String() != tc.last {
			t.Errorf("PeriodsOf(%s) = %v", tc.f, ps)
		}
		if !slices.IsSortedFunc(ps, Period.Compare) {
			t.Errorf("PeriodsOf(%s) not ordered", tc.f)
		}
	}
	if PeriodsOf("weekly", 2022) != nil {
		t.Error("unknown frequency gives periods")
	}
	at := day(2022, 8, 15)
	for f, want := range map[plan.Frequency]string{plan.Monthly: "2022-08", plan.Quarterly: "2022Q3", plan.Yearly: "2022"} {
		if got := PeriodOf(f, at).String(); got != want {
			t.Errorf("PeriodOf(%s) = %s, want %s", f, got, want)
		}
	}
	if !PeriodOf("", at).IsZero() {
		t.Error("PeriodOf unknown frequency not zero")
	}
}

func TestPeriodNavigation(t *testing.T) {
	for _, tc := range []struct{ p, prev, next, ly string }{
		{"2022-01", "2021-12", "2022-02", "2021-01"},
		{"2022-12", "2022-11", "2023-01", "2021-12"},
		{"2022Q1", "2021Q4", "2022Q2", "2021Q1"},
		{"2022Q4", "2022Q3", "2023Q1", "2021Q4"},
		{"2022", "2021", "2023", "2021"},
	} {
		p := per(tc.p)
		if p.Prev().String() != tc.prev || p.Next().String() != tc.next || p.LastYear().String() != tc.ly {
			t.Errorf("%s: prev %s next %s last year %s", p, p.Prev(), p.Next(), p.LastYear())
		}
	}
	if MonthOf(2022, 13) != per("2023-01") || MonthOf(2022, 0) != per("2021-12") || QuarterOf(2022, 5) != per("2023Q1") || QuarterOf(2022, 0) != per("2021Q4") {
		t.Error("constructors do not roll over")
	}
	if !per("2022-12").IsLastOfYear() || !per("2022Q4").IsLastOfYear() || !per("2022").IsLastOfYear() || per("2022-11").IsLastOfYear() {
		t.Error("IsLastOfYear")
	}
}

func TestPeriodCompare(t *testing.T) {
	ordered := []string{"2021", "2022-01", "2022-02", "2022-03", "2022Q1", "2022-04", "2022-12", "2022Q4", "2022", "2023-01"}
	for i := range ordered {
		for j := range ordered {
			a, b := per(ordered[i]), per(ordered[j])
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := a.Compare(b); got != want {
				t.Errorf("%s.Compare(%s) = %d, want %d", a, b, got, want)
			}
		}
	}
	if (Period{}).Compare(per("2022")) != -1 || per("2022").Compare(Period{}) != 1 {
		t.Error("zero period does not sort first")
	}
}

func TestPeriodLabelAndJSON(t *testing.T) {
	for p, want := range map[string]string{"2022-06": "2022年6月", "2022Q2": "2022年第2季度", "2022": "2022年"} {
		if got := per(p).Label(); got != want {
			t.Errorf("%s.Label() = %s", p, got)
		}
	}
	type wrap struct {
		P Period `json:"p"`
		Z Period `json:"z,omitzero"`
	}
	b, err := json.Marshal(wrap{P: per("2022Q2")})
	if err != nil || string(b) != `{"p":"2022Q2"}` {
		t.Fatalf("marshal = %s, %v", b, err)
	}
	var w wrap
	if err := json.Unmarshal([]byte(`{"p":"2022-06","z":""}`), &w); err != nil || w.P != per("2022-06") || !w.Z.IsZero() {
		t.Errorf("unmarshal = %+v, %v", w, err)
	}
	if err := json.Unmarshal([]byte(`{"p":"2022-6"}`), &w); err == nil {
		t.Error("bad period unmarshalled")
	}
}
