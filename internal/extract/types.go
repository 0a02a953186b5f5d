package extract

// Options tune the extraction.
type Options struct {
	// Year is the publication year of the document. It resolves relative
	// time words: 今年 → Year, 去年/上年 → Year-1, 一季度 → YearQ1. Zero
	// means unknown: such periods are then left null.
	Year int
}

// Fact is one quantitative statement found in the text. Its JSON form is the
// one of the annotation guideline (GUIDELINE.md), so the output of the
// extractor can be scored against gold files directly.
type Fact struct {
	Kind      string   `json:"kind"`      // target | actual | estimate
	Metric    string   `json:"metric"`    // level | growth | share
	Subject   string   `json:"subject"`   // what is measured, as written
	Value     float64  `json:"value"`     // magnitude multiplied out: 2.07万 → 20700
	ValueMax  *float64 `json:"value_max"` // high end of a range, else nil
	Unit      string   `json:"unit"`      // unit as written, without magnitude: 元, 公里, %, 个百分点
	Qualifier string   `json:"qualifier"` // exact | about | over | at_least | under
	Period    *string  `json:"period"`    // "2022", "2022Q1" or nil
	Text      string   `json:"text"`      // the clause the fact stands in (cleaned text)
	Start     int      `json:"start"`     // rune offset of the mention in the original input
	End       int      `json:"end"`       // rune offset just past the mention
	Why       Why      `json:"why"`       // where the period and kind come from
}

// Kinds, metrics and qualifiers used in Fact.
const (
	KindTarget   = "target"
	KindActual   = "actual"
	KindEstimate = "estimate"

	MetricLevel  = "level"
	MetricGrowth = "growth"
	MetricShare  = "share"

	QualExact   = "exact"
	QualAbout   = "about"
	QualOver    = "over"
	QualAtLeast = "at_least"
	QualUnder   = "under"
)

// Role tells what a paragraph is. Only body paragraphs yield facts.
type Role string

// Paragraph roles.
const (
	RoleBody      Role = "body"
	RoleHeadline  Role = "headline"
	RoleCaption   Role = "caption"
	RoleByline    Role = "byline"
	RoleDuplicate Role = "duplicate"
)

// Paragraph is one paragraph of the cleaned text.
//
// Text is the cleaned text: full-width digits and letters made ASCII,
// spaces inside numbers removed, lines of a broken paragraph joined.
// Offsets[i] is the rune offset in the original input of the i-th rune of
// Text, so a span [a, b) of Text covers [Offsets[a], Offsets[b-1]+1) of the
// original. Start and End bound the paragraph in the original input
// (End is exclusive).
type Paragraph struct {
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Role    Role   `json:"role"`
	Text    string `json:"text"`
	Offsets []int  `json:"offsets"`
	// DuplicateOf is, for a duplicate, the Start of the paragraph it
	// repeats; else -1.
	DuplicateOf int `json:"duplicate_of"`
}

// OriginalSpan maps a span [a, b) of runes of p.Text to the original input.
func (p *Paragraph) OriginalSpan(a, b int) (start, end int) {
	if len(p.Offsets) == 0 || a >= b {
		return p.Start, p.Start
	}
	if a < 0 {
		a = 0
	}
	if b > len(p.Offsets) {
		b = len(p.Offsets)
	}
	return p.Offsets[a], p.Offsets[b-1] + 1
}
