package progress

import (
	"fmt"
	"strconv"
	"time"

	"github.com/lantu-dev/lantu/internal/plan"
)

// Period is a reporting period: a month (2022-06), a quarter (2022Q2) or a year
// (2022). It is a small comparable value, usable as a map key; the zero Period is
// "no period" (IsZero). Build one with ParsePeriod, MonthOf, QuarterOf, YearOf or
// PeriodOf.
type Period struct {
	freq plan.Frequency
	year int
	n    int // month 1–12, quarter 1–4, or 1 for a year
}

// MonthOf is the month m of year y; months outside 1–12 roll over as in time.Date
// (MonthOf(2022, 13) is 2023-01).
func MonthOf(y int, m time.Month) Period {
	idx := y*12 + int(m) - 1
	return Period{freq: plan.Monthly, year: floorDiv(idx, 12), n: idx - floorDiv(idx, 12)*12 + 1}
}

// QuarterOf is the quarter q of year y; quarters outside 1–4 roll over.
func QuarterOf(y, q int) Period {
	idx := y*4 + q - 1
	return Period{freq: plan.Quarterly, year: floorDiv(idx, 4), n: idx - floorDiv(idx, 4)*4 + 1}
}

// YearOf is the year y as a period.
func YearOf(y int) Period { return Period{freq: plan.Yearly, year: y, n: 1} }

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// ParsePeriod reads a period in one of three forms: 2022-06 (a month, two-digit
// month), 2022Q2 (a quarter) or 2022 (a year). Years have four digits. The error names
// the bad input.
func ParsePeriod(s string) (Period, error) {
	bad := func(why string) (Period, error) {
		return Period{}, fmt.Errorf("progress: bad period %q: %s (want 2022-06, 2022Q2 or 2022)", s, why)
	}
	if len(s) < 4 || !digits(s[:4]) {
		return bad("no four-digit year")
	}
	y, _ := strconv.Atoi(s[:4])
	if y < 1000 {
		return bad("year out of range")
	}
	rest := s[4:]
	switch {
	case rest == "":
		return YearOf(y), nil
	case rest[0] == '-':
		if len(rest) != 3 || !digits(rest[1:]) {
			return bad("month must have two digits")
		}
		m, _ := strconv.Atoi(rest[1:])
		if m < 1 || m > 12 {
			return bad("month out of range")
		}
		return MonthOf(y, time.Month(m)), nil
	case rest[0] == 'Q':
		if len(rest) != 2 || rest[1] < '1' || rest[1] > '4' {
			return bad("quarter must be Q1 to Q4")
		}
		return QuarterOf(y, int(rest[1]-'0')), nil
	default:
		return bad("unknown form")
	}
}

// MustParsePeriod is ParsePeriod for literals known to be good; it panics otherwise.
func MustParsePeriod(s string) Period {
	p, err := ParsePeriod(s)
	if err != nil {
		panic(err)
	}
	return p
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// IsZero reports whether p is the zero Period.
func (p Period) IsZero() bool { return p.freq == "" }

// Frequency is the kind of period: monthly, quarterly or yearly.
func (p Period) Frequency() plan.Frequency { return p.freq }

// Year is the calendar year the period lies in.
func (p Period) Year() int { return p.year }

// Index is the month (1–12), the quarter (1–4) or 1 for a year.
func (p Period) Index() int { return p.n }

// String is the canonical form: 2022-06, 2022Q2 or 2022; "" for the zero Period.
func (p Period) String() string {
	switch p.freq {
	case plan.Monthly:
		return fmt.Sprintf("%04d-%02d", p.year, p.n)
	case plan.Quarterly:
		return fmt.Sprintf("%04dQ%d", p.year, p.n)
	case plan.Yearly:
		return fmt.Sprintf("%04d", p.year)
	}
	return ""
}

// Label is the period in Chinese for sentences: 2022年6月, 2022年第2季度, 2022年.
func (p Period) Label() string {
	switch p.freq {
	case plan.Monthly:
		return fmt.Sprintf("%d年%d月", p.year, p.n)
	case plan.Quarterly:
		return fmt.Sprintf("%d年第%d季度", p.year, p.n)
	case plan.Yearly:
		return fmt.Sprintf("%d年", p.year)
	}
	return ""
}

// MarshalText writes the canonical form, so a Period is a JSON string.
func (p Period) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText reads any form ParsePeriod accepts; "" gives the zero Period.
func (p *Period) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*p = Period{}
		return nil
	}
	q, err := ParsePeriod(string(b))
	if err != nil {
		return err
	}
	*p = q
	return nil
}

// FirstMonth and LastMonth are the months of the year (1–12) the period spans.
func (p Period) FirstMonth() int {
	switch p.freq {
	case plan.Monthly:
		return p.n
	case plan.Quarterly:
		return 3*p.n - 2
	}
	return 1
}

// LastMonth is the last month of the year (1–12) in the period.
func (p Period) LastMonth() int {
	switch p.freq {
	case plan.Monthly:
		return p.n
	case plan.Quarterly:
		return 3 * p.n
	}
	return 12
}

// Start is the first day of the period (midnight UTC).
func (p Period) Start() time.Time {
	return time.Date(p.year, time.Month(p.FirstMonth()), 1, 0, 0, 0, 0, time.UTC)
}

// End is the last day of the period (midnight UTC of that day; the period includes
// the whole of it).
func (p Period) End() time.Time {
	return time.Date(p.year, time.Month(p.LastMonth())+1, 0, 0, 0, 0, 0, time.UTC)
}

// Contains reports whether t's date (in t's own location) falls within the period.
func (p Period) Contains(t time.Time) bool {
	if p.IsZero() {
		return false
	}
	d := dateOf(t)
	return !d.Before(p.Start()) && !d.After(p.End())
}

// Prev is the period before p of the same frequency (2022-01 → 2021-12).
func (p Period) Prev() Period { return p.shift(-1) }

// Next is the period after p of the same frequency.
func (p Period) Next() Period { return p.shift(1) }

func (p Period) shift(k int) Period {
	switch p.freq {
	case plan.Monthly:
		return MonthOf(p.year, time.Month(p.n+k))
	case plan.Quarterly:
		return QuarterOf(p.year, p.n+k)
	case plan.Yearly:
		return YearOf(p.year + k)
	}
	return p
}

// LastYear is the same period a year earlier (上年同期): 2022-06 → 2021-06.
func (p Period) LastYear() Period {
	if p.IsZero() {
		return p
	}
	p.year--
	return p
}

// IsLastOfYear reports whether p ends with the year (December, Q4 or the year).
func (p Period) IsLastOfYear() bool { return !p.IsZero() && p.LastMonth() == 12 }

// Compare orders periods by their end, then the longer first: 2022-02 < 2022-03 <
// 2022Q1 < 2022-04, and 2022-12 < 2022Q4 < 2022. The zero Period sorts first. It
// returns -1, 0 or +1.
func (p Period) Compare(o Period) int {
	switch {
	case p == o:
		return 0
	case p.IsZero():
		return -1
	case o.IsZero():
		return 1
	}
	if c := p.End().Compare(o.End()); c != 0 {
		return c
	}
	// Same end: the shorter (later start) sorts first.
	return -p.Start().Compare(o.Start())
}

// Before reports whether p sorts before o (see Compare).
func (p Period) Before(o Period) bool { return p.Compare(o) < 0 }

// PeriodsOf lists the periods of a frequency in a year, in order: twelve months,
// four quarters or the year itself. An unknown frequency gives none.
func PeriodsOf(freq plan.Frequency, year int) []Period {
	var n int
	switch freq {
	case plan.Monthly:
		n = 12
	case plan.Quarterly:
		n = 4
	case plan.Yearly:
		n = 1
	default:
		return nil
	}
	out := make([]Period, n)
	for i := range out {
		out[i] = Period{freq: freq, year: year, n: i + 1}
	}
	return out
}

// PeriodOf is the period of a frequency containing t's date (in t's location). An
// unknown frequency gives the zero Period.
func PeriodOf(freq plan.Frequency, t time.Time) Period {
	y, m, _ := t.Date()
	switch freq {
	case plan.Monthly:
		return MonthOf(y, m)
	case plan.Quarterly:
		return QuarterOf(y, (int(m)+2)/3)
	case plan.Yearly:
		return YearOf(y)
	}
	return Period{}
}

// dateOf is t's calendar date in t's location, as midnight UTC.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Date is the calendar date y-m-d as midnight UTC, the form this package uses for
// dates.
func Date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
