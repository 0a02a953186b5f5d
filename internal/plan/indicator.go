package plan

import (
	"github.com/shopspring/decimal"
)

// Kind says what an indicator's figure is.
type Kind string

const (
	KindLevel     Kind = "level"     // an amount (300单, 8亿美元, 25.8公里)
	KindGrowth    Kind = "growth"    // a rate over a baseline (增长5%)
	KindShare     Kind = "share"     // a part of a whole (占30%)
	KindMilestone Kind = "milestone" // done by a date
)

// Qualifier says how a target is to be read.
type Qualifier string

const (
	QualExact   Qualifier = "exact"
	QualAbout   Qualifier = "about"    // 左右, 约
	QualAtLeast Qualifier = "at_least" // 以上, 不低于
	QualAtMost  Qualifier = "at_most"  // 以下, 不超过
	QualOver    Qualifier = "over"     // 超, 余 (of an actual figure)
)

// Direction says whether more is better.
type Direction string

const (
	Higher Direction = "higher"
	Lower  Direction = "lower"
)

// Frequency is how often an indicator is reported.
type Frequency string

const (
	Monthly   Frequency = "monthly"
	Quarterly Frequency = "quarterly"
	Yearly    Frequency = "yearly"
)

// Accumulation says how reported figures make up progress.
type Accumulation string

const (
	// Cumulative: each report is the year-to-date total (累计); progress is the latest.
	Cumulative Accumulation = "cumulative"
	// Periodic: each report is that period alone (当期); progress is their sum.
	Periodic Accumulation = "periodic"
	// Stock: each report is a level at a moment (e.g. a count held); progress is the latest,
	// and expected-by-now runs from the baseline to the target.
	Stock Accumulation = "stock"
)

// Figure is an exact amount and how it was hedged, e.g. 超4800列. Value is nil when the
// source names the period of a baseline but not its value (a growth target over an
// unpublished base); Unit is set only where it differs from the indicator's.
type Figure struct {
	Value     *decimal.Decimal `json:"value,omitempty"`
	Unit      string           `json:"unit,omitempty"`
	Qualifier Qualifier        `json:"qualifier,omitempty"`
	Period    string           `json:"period,omitempty"` // 2021, 2021Q1, 2021-03
	Note      string           `json:"note,omitempty"`
}

// Span ties a value to the place in a source document it was taken from, in
// code points (runes) of the document's text.
type Span struct {
	Document string `json:"document"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

// Indicator is one measured thing of a program, with its target.
type Indicator struct {
	ID          int64     `json:"id"`
	ProgramID   int64     `json:"program_id"`
	Code        string    `json:"code"`
	Name        string    `json:"name"`
	Unit        string    `json:"unit"`
	Kind        Kind      `json:"kind"`
	Direction   Direction `json:"direction"`
	Description string    `json:"description,omitempty"`

	// Target is nil where the source names no target: the indicator is then context.
	Target    *decimal.Decimal `json:"target,omitempty"`
	TargetMax *decimal.Decimal `json:"target_max,omitempty"` // upper end of a range target
	Qualifier Qualifier        `json:"qualifier"`
	// Due is the date a milestone must be done by (YYYY-MM-DD).
	Due string `json:"due,omitempty"`
	// OwedFrom is the date (YYYY-MM-DD) reports are owed from: an indicator added during
	// the year owes the period it was added in and later ones, never earlier ones. ""
	// is the plan year's start.
	OwedFrom string `json:"owed_from,omitempty"`

	// Baseline is last year's figure (for growth indicators the base the rate is over).
	Baseline *Figure `json:"baseline,omitempty"`
	// Context holds other figures the source gives (e.g. a growth rate beside a level).
	Context []Figure `json:"context,omitempty"`

	Period       string       `json:"period"` // the period the target is measured over: 2022
	Frequency    Frequency    `json:"frequency"`
	Accumulation Accumulation `json:"accumulation"`
	DeptCode     string       `json:"department,omitempty"`
	ProjectCode  string       `json:"project,omitempty"`
	Public       bool         `json:"public"`
	Source       *Span        `json:"source,omitempty"`
	Position     int          `json:"position"`
	// StdCode is the standard code under which the same indicator is summed and
	// compared across districts (e.g. 实际利用外资); "" when it has none.
	StdCode string `json:"std_code,omitempty"`
}

// HasTarget reports whether the indicator carries a target to be tracked.
func (ind *Indicator) HasTarget() bool {
	return ind.Target != nil || (ind.Kind == KindMilestone && ind.Due != "")
}
