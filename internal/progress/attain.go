package progress

import (
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/shopspring/decimal"
)

// Attainment says how a figure stands against a target.
type Attainment string

const (
	// Short: the target is not met.
	Short Attainment = "short"
	// Met: the target is met as its qualifier reads.
	Met Attainment = "met"
	// Exceeded: past an about band or a range on the good side (above it when more is
	// better, under it when less is). The target counts as reached (超额完成), though
	// strictly it is not "met".
	Exceeded Attainment = "exceeded"
)

// Reached reports whether the target counts as reached: met or exceeded.
func (a Attainment) Reached() bool { return a == Met || a == Exceeded }

// Sense is the direction that counts for a target: at_most reads lower-is-better and
// at_least/over higher-is-better whatever the indicator says; otherwise the
// indicator's direction.
func Sense(q plan.Qualifier, dir plan.Direction) plan.Direction {
	switch q {
	case plan.QualAtMost:
		return plan.Lower
	case plan.QualAtLeast, plan.QualOver:
		return plan.Higher
	}
	if dir == plan.Lower {
		return plan.Lower
	}
	return plan.Higher
}

// Assess reads a figure against a target:
//
//   - a range (TargetMax set) is met within [Target, TargetMax];
//   - about (左右) is met within ±tolerance×|Target| (tolerance is AboutTolerance, 3%);
//   - at_least and over (以上, 超) are met at or above the target;
//   - at_most (以下, 不超过) is met at or under it;
//   - exact (and an empty qualifier) is met at or above the target when higher is
//     better, at or under it when lower is (e.g. 能耗下降, a growth of −3 or less).
//
// Outside a band or range on the good side it is Exceeded, on the bad side Short. With no
// target it is Short.
func Assess(t TargetRevision, dir plan.Direction, tolerance, v decimal.Decimal) Attainment {
	if t.Target == nil {
		return Short
	}
	T := *t.Target
	sense := Sense(t.Qualifier, dir)
	outside := func(above bool) Attainment {
		if above == (sense == plan.Higher) {
			return Exceeded
		}
		return Short
	}
	if t.TargetMax != nil {
		lo, hi := decimal.Min(T, *t.TargetMax), decimal.Max(T, *t.TargetMax)
		switch {
		case v.LessThan(lo):
			return outside(false)
		case v.GreaterThan(hi):
			return outside(true)
		}
		return Met
	}
	switch t.Qualifier {
	case plan.QualAbout:
		band := T.Abs().Mul(tolerance)
		switch {
		case v.LessThan(T.Sub(band)):
			return outside(false)
		case v.GreaterThan(T.Add(band)):
			return outside(true)
		}
		return Met
	case plan.QualAtMost:
		return metIf(v.LessThanOrEqual(T))
	case plan.QualAtLeast, plan.QualOver:
		return metIf(v.GreaterThanOrEqual(T))
	}
	if sense == plan.Lower {
		return metIf(v.LessThanOrEqual(T))
	}
	return metIf(v.GreaterThanOrEqual(T))
}

// Meets reports whether a figure meets a target strictly as its qualifier reads
// (Assess gives Met).
func Meets(t TargetRevision, dir plan.Direction, tolerance, v decimal.Decimal) bool {
	return Assess(t, dir, tolerance, v) == Met
}

func metIf(ok bool) Attainment {
	if ok {
		return Met
	}
	return Short
}
