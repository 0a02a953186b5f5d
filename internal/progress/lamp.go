package progress

import "github.com/shopspring/decimal"

// Lamp is a department's light in the ranking (红黄绿灯), as supervision offices
// publish it.
type Lamp string

const (
	LampGreen  Lamp = "green"  // reports in on time and indicators on track
	LampYellow Lamp = "yellow" // slipping on one or the other
	LampRed    Lamp = "red"    // late reports or indicators behind
	LampNone   Lamp = "none"   // nothing was due and nothing is tracked: no judgement
)

// The lamp thresholds on a department's score.
var (
	LampGreenFrom  = decimal.RequireFromString("0.9")
	LampYellowFrom = decimal.RequireFromString("0.7")
)

// Score is what a department is ranked on: the mean of its on-time reporting rate and
// its share of tracked indicators on track; the rate alone when none is tracked, the
// share alone when no report was due yet. ok is false when neither is known.
func Score(rate ReportingRate, sum Summary) (score decimal.Decimal, ok bool) {
	switch {
	case sum.Tracked == 0 && rate.Due == 0:
		return decimal.Zero, false
	case sum.Tracked == 0:
		return rate.Rate, true
	case rate.Due == 0:
		return sum.OnTrackShare, true
	}
	return div(rate.Rate.Add(sum.OnTrackShare), decimal.NewFromInt(2)), true
}

// LampOf is the light for a score: green from LampGreenFrom, yellow from
// LampYellowFrom, red below; none when there is no score.
func LampOf(score decimal.Decimal, ok bool) Lamp {
	switch {
	case !ok:
		return LampNone
	case score.GreaterThanOrEqual(LampGreenFrom):
		return LampGreen
	case score.GreaterThanOrEqual(LampYellowFrom):
		return LampYellow
	}
	return LampRed
}
