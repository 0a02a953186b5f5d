package progress

import (
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/shopspring/decimal"
)

// How an indicator whose file leaves a field empty is read.
//
//	kind          empty → level
//	direction     empty → higher
//	frequency     empty → yearly (a milestone without one has no reporting periods)
//	accumulation  empty → cumulative for level and growth, stock for share
//	qualifier     empty → exact

func kindOf(ind plan.Indicator) plan.Kind {
	if ind.Kind == "" {
		return plan.KindLevel
	}
	return ind.Kind
}

func directionOf(ind plan.Indicator) plan.Direction {
	if ind.Direction == plan.Lower {
		return plan.Lower
	}
	return plan.Higher
}

func frequencyOf(ind plan.Indicator) plan.Frequency {
	if ind.Frequency != "" {
		return ind.Frequency
	}
	if kindOf(ind) == plan.KindMilestone {
		return ""
	}
	return plan.Yearly
}

func accumulationOf(ind plan.Indicator) plan.Accumulation {
	if ind.Accumulation != "" {
		return ind.Accumulation
	}
	if kindOf(ind) == plan.KindShare {
		return plan.Stock
	}
	return plan.Cumulative
}

var (
	one     = decimal.NewFromInt(1)
	twelve  = decimal.NewFromInt(12)
	hundred = decimal.NewFromInt(100)
)

// divPrecision is the number of decimal places divisions are carried to.
const divPrecision = 16

// div is a / b to divPrecision places, whatever decimal.DivisionPrecision says.
func div(a, b decimal.Decimal) decimal.Decimal { return a.DivRound(b, divPrecision) }

func ptr(d decimal.Decimal) *decimal.Decimal { return &d }

// Round rounds a figure for display (half away from zero); the engine itself never
// rounds.
func Round(d decimal.Decimal, places int32) decimal.Decimal { return d.Round(places) }

// RoundPtr is Round for an optional figure; nil stays nil.
func RoundPtr(d *decimal.Decimal, places int32) *decimal.Decimal {
	if d == nil {
		return nil
	}
	return ptr(d.Round(places))
}
