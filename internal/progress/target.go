package progress

import (
	"time"

	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/shopspring/decimal"
)

// TargetRevision is a target as set or revised (目标调整): the figure, the upper end of
// a range target, how it is read, and from which date it is in force. A milestone's
// revision may move its due date (YYYY-MM-DD). Target nil means no target.
type TargetRevision struct {
	Target        *decimal.Decimal `json:"target,omitempty"`
	TargetMax     *decimal.Decimal `json:"target_max,omitempty"`
	Qualifier     plan.Qualifier   `json:"qualifier"`
	Due           string           `json:"due,omitempty"`
	EffectiveFrom time.Time        `json:"effective_from"`
	Reason        string           `json:"reason,omitempty"`
	By            int64            `json:"by,omitempty"`
}

// Validate checks a revision of an indicator's target: it is read as a target may be
// (exact, about, at_least or at_most: over, 超, describes an actual figure, and nothing
// else is known), and a range's upper end is not below its lower end.
func (t TargetRevision) Validate() error {
	var es ValidationErrors
	switch t.Qualifier {
	case plan.QualExact, plan.QualAbout, plan.QualAtLeast, plan.QualAtMost:
	default:
		es = append(es, &ValidationError{Field: "qualifier", Message: "目标口径应为 exact（完成）、about（左右）、at_least（以上）或 at_most（以下）之一", Code: "qualifier"})
	}
	for _, f := range []struct {
		name string
		d    *decimal.Decimal
	}{{"target", t.Target}, {"target_max", t.TargetMax}} {
		if f.d != nil {
			if err := CheckFigure(*f.d); err != nil {
				return ValidationErrors{{Field: f.name, Message: "数值过大（应小于10^15）", Code: "figure_too_large"}}
			}
		}
	}
	if t.Target != nil && t.TargetMax != nil && t.TargetMax.LessThan(*t.Target) {
		es = append(es, &ValidationError{Field: "target_max", Message: "目标上限不能小于目标值", Code: "target_max_below"})
	}
	if len(es) > 0 {
		return es
	}
	return nil
}

// OriginalTarget is the plan's own target for an indicator as the first revision,
// effective from the start of the plan year.
func OriginalTarget(ind plan.Indicator, year int) TargetRevision {
	return TargetRevision{
		Target:        ind.Target,
		TargetMax:     ind.TargetMax,
		Qualifier:     ind.Qualifier,
		Due:           ind.Due,
		EffectiveFrom: Date(year, time.January, 1),
		Reason:        "计划原定目标",
	}
}

// TargetAt picks the revision in force at at's date: the one with the latest
// EffectiveFrom on or before it (of two on the same day, the later in the slice). Before
// every revision the earliest applies, since the original target holds from the start.
// ok is false only when there are no revisions.
func TargetAt(revisions []TargetRevision, at time.Time) (rev TargetRevision, ok bool) {
	if len(revisions) == 0 {
		return TargetRevision{}, false
	}
	d := dateOf(at)
	found, first := -1, 0
	for i, r := range revisions {
		from := dateOf(r.EffectiveFrom)
		if from.Before(dateOf(revisions[first].EffectiveFrom)) {
			first = i
		}
		if from.After(d) {
			continue
		}
		if found < 0 || !from.Before(dateOf(revisions[found].EffectiveFrom)) {
			found = i
		}
	}
	if found < 0 {
		found = first
	}
	return revisions[found], true
}
