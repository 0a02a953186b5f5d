package progress

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/shopspring/decimal"
)

// State is where a report stands in review.
type State string

const (
	StateDraft     State = "draft"     // being written; only its author sees it
	StateSubmitted State = "submitted" // handed in, awaiting review
	StateApproved  State = "approved"  // accepted; counts towards progress
	StateRejected  State = "rejected"  // sent back with a reason; editing makes it a draft again
)

// Label is the state in Chinese.
func (s State) Label() string {
	switch s {
	case StateDraft:
		return "草稿"
	case StateSubmitted:
		return "待审核"
	case StateApproved:
		return "已审核"
	case StateRejected:
		return "已退回"
	}
	return string(s)
}

// Action is something done to a report.
type Action string

const (
	ActEdit     Action = "edit"     // change the figures (draft or rejected → draft)
	ActSubmit   Action = "submit"   // draft → submitted
	ActWithdraw Action = "withdraw" // submitted → draft, by the reporter before review
	ActApprove  Action = "approve"  // submitted → approved
	ActReject   Action = "reject"   // submitted → rejected, with a reason
	ActCorrect  Action = "correct"  // approved → a new revision, starting as a draft
)

// Report is one department's figure for one indicator and period.
//
// Value is the figure: the year-to-date total for a cumulative indicator (or when
// Cumulative is set), the period's own amount for a periodic one, the level for a stock,
// and for a growth indicator the year-to-date growth rate in percent — unless Amount and
// LastYear are both given, when the rate is computed from them. A milestone's figure
// is Done.
//
// Version is the optimistic lock: it starts at 1 and every change adds 1; a change based
// on another version fails with a *ConflictError. An approved report is never changed:
// a correction is a new report with Revision+1 and Supersedes the old one's ID; the old
// one stays, and the highest counting revision of a period is the one that counts.
type Report struct {
	ID          int64           `json:"id"`
	IndicatorID int64           `json:"indicator_id"`
	Period      Period          `json:"period"`
	Value       decimal.Decimal `json:"value"`
	// Cumulative marks Value as year-to-date (累计). On an indicator whose accumulation
	// is cumulative every value is read as year-to-date whatever this says; on a
	// periodic one it lets a reporter give a year-to-date figure instead of the period's.
	Cumulative bool `json:"cumulative"`
	// LastYear is 上年同期: the same period last year's (year-to-date) amount.
	LastYear *decimal.Decimal `json:"last_year,omitempty"`
	// Amount is this period's year-to-date amount, for growth indicators.
	Amount *decimal.Decimal `json:"amount,omitempty"`
	// Done says a milestone has been reached.
	Done         bool   `json:"done"`
	Note         string `json:"note,omitempty"`
	Cause        string `json:"cause,omitempty"`  // 原因说明
	Remedy       string `json:"remedy,omitempty"` // 整改措施
	State        State  `json:"state"`
	RejectReason string `json:"reject_reason,omitempty"`
	Version      int    `json:"version"`
	Revision     int    `json:"revision"`
	Supersedes   int64  `json:"supersedes,omitempty"`
	// Illustrative marks demonstration figures, not real ones.
	Illustrative bool      `json:"illustrative,omitempty"`
	CreatedBy    int64     `json:"created_by"`
	SubmittedBy  int64     `json:"submitted_by,omitempty"`
	ReviewedBy   int64     `json:"reviewed_by,omitempty"`
	CreatedAt    time.Time `json:"created_at"`
	SubmittedAt  time.Time `json:"submitted_at,omitzero"`
	ReviewedAt   time.Time `json:"reviewed_at,omitzero"`
}

// NewReport starts a draft for an indicator and period: version 1, revision 1, and
// Cumulative set when the indicator's figures are year-to-date.
func NewReport(ind plan.Indicator, p Period, by int64, at time.Time) Report {
	return Report{
		IndicatorID: ind.ID,
		Period:      p,
		Cumulative:  accumulationOf(ind) == plan.Cumulative,
		State:       StateDraft,
		Version:     1,
		Revision:    1,
		CreatedBy:   by,
		CreatedAt:   at,
	}
}

// Transition is the review workflow: the state an action leads to from a state, or a
// *TransitionError (errors.Is ErrInvalidTransition).
//
//	draft     edit → draft, submit → submitted
//	submitted withdraw → draft, approve → approved, reject → rejected
//	rejected  edit → draft
//	approved  correct → draft (of the new revision; the approved one stays)
func Transition(s State, a Action) (State, error) {
	switch {
	case s == StateDraft && a == ActEdit:
		return StateDraft, nil
	case s == StateDraft && a == ActSubmit:
		return StateSubmitted, nil
	case s == StateSubmitted && a == ActWithdraw:
		return StateDraft, nil
	case s == StateSubmitted && a == ActApprove:
		return StateApproved, nil
	case s == StateSubmitted && a == ActReject:
		return StateRejected, nil
	case s == StateRejected && a == ActEdit:
		return StateDraft, nil
	case s == StateApproved && a == ActCorrect:
		return StateDraft, nil
	}
	return s, &TransitionError{From: s, Action: a}
}

// Change is a review action on a report: submit, withdraw, approve or reject (edits go
// through Update, corrections through Correct). Version is the version the actor saw.
type Change struct {
	Action  Action
	By      int64
	At      time.Time
	Version int
	Reason  string // required to reject
}

// Apply performs a review action and returns the changed report (Version+1), or a
// *ConflictError, a *TransitionError or a *ValidationError (a rejection needs a reason).
// Submitting clears an earlier rejection's reason.
func Apply(r Report, c Change) (Report, error) {
	if c.Version != r.Version {
		return r, &ConflictError{Current: r, Got: c.Version}
	}
	if c.Action == ActEdit || c.Action == ActCorrect {
		return r, &TransitionError{From: r.State, Action: c.Action}
	}
	next, err := Transition(r.State, c.Action)
	if err != nil {
		return r, err
	}
	switch c.Action {
	case ActSubmit:
		r.SubmittedBy, r.SubmittedAt, r.RejectReason = c.By, c.At, ""
	case ActWithdraw:
		r.SubmittedBy, r.SubmittedAt = 0, time.Time{}
	case ActApprove:
		r.ReviewedBy, r.ReviewedAt = c.By, c.At
	case ActReject:
		if strings.TrimSpace(c.Reason) == "" {
			return r, &ValidationError{Field: "reject_reason", Message: "退回须说明原因", Code: "reject_reason"}
		}
		r.ReviewedBy, r.ReviewedAt, r.RejectReason = c.By, c.At, strings.TrimSpace(c.Reason)
	}
	r.State = next
	r.Version++
	return r, nil
}

// Update edits a draft or rejected report with the figures and texts of next (Value,
// Cumulative, LastYear, Amount, Done, Note, Cause, Remedy); next.Version must be the
// current version. The result is a draft with Version+1. The identity, period, review
// fields and the rejection's reason (kept for the reporter to read) are unchanged.
func Update(cur, next Report) (Report, error) {
	if next.Version != cur.Version {
		return cur, &ConflictError{Current: cur, Got: next.Version}
	}
	st, err := Transition(cur.State, ActEdit)
	if err != nil {
		return cur, err
	}
	cur.Value, cur.Cumulative = next.Value, next.Cumulative
	cur.LastYear, cur.Amount, cur.Done = next.LastYear, next.Amount, next.Done
	cur.Note, cur.Cause, cur.Remedy = next.Note, next.Cause, next.Remedy
	cur.State = st
	cur.Version++
	return cur, nil
}

// Correct starts a correction of an approved report: a new draft (ID 0, Version 1)
// with the old figures, Revision+1 and Supersedes the old ID. The old report stays as
// it is and keeps counting until the correction is approved. The service must check
// that old is the period's latest revision.
func Correct(old Report, by int64, at time.Time) (Report, error) {
	st, err := Transition(old.State, ActCorrect)
	if err != nil {
		return old, err
	}
	n := old
	n.ID, n.Supersedes = 0, old.ID
	n.Revision = max(old.Revision, 1) + 1
	n.State, n.Version = st, 1
	n.RejectReason = ""
	n.CreatedBy, n.CreatedAt = by, at
	n.SubmittedBy, n.SubmittedAt = 0, time.Time{}
	n.ReviewedBy, n.ReviewedAt = 0, time.Time{}
	return n, nil
}

// maxText is the longest note, cause or remedy accepted, in characters.
const maxText = 2000

// Validate checks a report against its indicator and the plan year; it returns nil or
// ValidationErrors naming each bad field:
//
//   - period: required; its form must match the indicator's frequency (a monthly
//     indicator takes 2022-06); it must lie in the plan year, or the year before (history);
//   - indicator_id must be the indicator's;
//   - value: a level must not be negative, a share in % lies within 0–100;
//   - growth: amount and last_year go together, and last_year must be positive (it is
//     divided by); without them value is the rate;
//   - amount belongs to growth indicators only;
//   - note, cause, remedy: at most 2000 characters.
//
// A missing value cannot be seen in a decimal: the decoder must require it (except for
// milestones, whose figure is Done).
func Validate(r Report, ind plan.Indicator, year int) error {
	var es ValidationErrors
	// add records a field's problem: its code and values (i18n "valid.<code>" says it in
	// the reader's language) and the Chinese sentence for logs.
	add := func(field, code, msg string, args ...any) {
		es = append(es, &ValidationError{Field: field, Message: msg, Code: code, Args: args})
	}

	if r.IndicatorID != 0 && ind.ID != 0 && r.IndicatorID != ind.ID {
		add("indicator_id", "indicator_mismatch", "报送的指标与所选指标不符")
	}
	freq := frequencyOf(ind)
	switch {
	case r.Period.IsZero():
		add("period", "period_required", "须填写报送期间")
	case freq != "" && r.Period.Frequency() != freq:
		example := PeriodsOf(freq, year)[0].String()
		add("period", "period_frequency", fmt.Sprintf("该指标按%s报送，期间应写作%s", freqLabel(freq), example), string(freq), example)
	case r.Period.Year() != year && r.Period.Year() != year-1:
		add("period", "period_year", fmt.Sprintf("期间应在%d年（或上一年的历史数据）", year), year)
	}

	checkFigures(r, func(field, code, msg string) { add(field, code, msg) })
	switch kindOf(ind) {
	case plan.KindLevel:
		if r.Value.IsNegative() {
			add("value", "value_negative", "数值不能为负")
		}
	case plan.KindShare:
		if r.Value.IsNegative() || (ind.Unit == "%" && r.Value.GreaterThan(hundred)) {
			add("value", "share_range", "占比应在0到100之间")
		}
	case plan.KindGrowth:
		switch {
		case r.Amount != nil && r.LastYear == nil:
			add("last_year", "last_year_required", "填写本期累计额时须填写上年同期数")
		case r.Amount == nil && r.LastYear != nil:
			add("amount", "amount_required", "填写上年同期数时须填写本期累计额")
		case r.LastYear != nil && r.LastYear.Sign() <= 0:
			add("last_year", "last_year_positive", "上年同期数须大于零")
		}
	}
	if r.Amount != nil && kindOf(ind) != plan.KindGrowth {
		add("amount", "amount_growth_only", "仅增长类指标填写累计额")
	}
	for _, f := range []struct{ name, text string }{{"note", r.Note}, {"cause", r.Cause}, {"remedy", r.Remedy}} {
		if utf8.RuneCountInString(f.text) > maxText {
			add(f.name, "text_too_long", fmt.Sprintf("不超过%d字", maxText), maxText)
		}
	}
	if len(es) == 0 {
		return nil
	}
	return es
}

// NeedsExplanation reports whether an indicator left in this status needs the report
// to carry a cause (原因说明) and a remedy (整改措施): at risk, behind, or a late
// milestone.
func NeedsExplanation(s Status) bool {
	return s == StatusAtRisk || s == StatusBehind || s == StatusLate
}

// CheckExplanation is the explanation rule for a report that leaves its indicator in
// status s (evaluate with the report counted, then check before submitting): nil, or
// ValidationErrors naming cause and/or remedy.
func CheckExplanation(r Report, s Status) error {
	if !NeedsExplanation(s) {
		return nil
	}
	var es ValidationErrors
	if strings.TrimSpace(r.Cause) == "" {
		es = append(es, &ValidationError{Field: "cause", Message: "指标" + s.Label() + "，须填写原因说明", Code: "cause_required", Args: []any{string(s)}})
	}
	if strings.TrimSpace(r.Remedy) == "" {
		es = append(es, &ValidationError{Field: "remedy", Message: "指标" + s.Label() + "，须填写整改措施", Code: "remedy_required", Args: []any{string(s)}})
	}
	if len(es) == 0 {
		return nil
	}
	return es
}

// Counts reports whether a report in this state counts towards progress.
func Counts(s State, settings plan.Settings) bool {
	return s == StateApproved || (settings.SubmittedCounts && s == StateSubmitted)
}

// Counting picks, for each period, the report that counts: of the reports in a
// counting state (approved; submitted too with SubmittedCounts), the highest revision
// (then the highest ID). The result is ordered by period. A correction still in draft
// or review therefore leaves the approved revision before it in force.
func Counting(reports []Report, settings plan.Settings) []Report {
	best := map[Period]Report{}
	for _, r := range reports {
		if r.Period.IsZero() || !Counts(r.State, settings) {
			continue
		}
		if b, ok := best[r.Period]; ok && (b.Revision > r.Revision || (b.Revision == r.Revision && b.ID > r.ID)) {
			continue
		}
		best[r.Period] = r
	}
	out := make([]Report, 0, len(best))
	for _, r := range best {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b Report) int { return a.Period.Compare(b.Period) })
	return out
}

// handedIn is the set of periods with a report submitted or approved (any revision):
// the periods not owed. Drafts and rejected reports are still owed.
func handedIn(reports []Report) map[Period]bool {
	in := map[Period]bool{}
	for _, r := range reports {
		if r.State == StateSubmitted || r.State == StateApproved {
			in[r.Period] = true
		}
	}
	return in
}

func freqLabel(f plan.Frequency) string {
	switch f {
	case plan.Monthly:
		return "月度"
	case plan.Quarterly:
		return "季度"
	case plan.Yearly:
		return "年度"
	}
	return string(f)
}
