package progress

import (
	"slices"

	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/shopspring/decimal"
)

// point is a year-to-date total at the end of a month of the year (1–12).
type point struct {
	month int
	v     decimal.Decimal
}

// valueFunc extracts the figure a series is built of; ok false when a report lacks it.
type valueFunc func(Report) (decimal.Decimal, bool)

func reportValue(r Report) (decimal.Decimal, bool) { return r.Value, true }

func reportAmount(r Report) (decimal.Decimal, bool) {
	if r.Amount == nil {
		return decimal.Decimal{}, false
	}
	return *r.Amount, true
}

// ytdSeries turns one year's reports (one report per period, ordered) into
// year-to-date totals at each period end. A report whose value is year-to-date (the
// indicator is cumulative, or the report says Cumulative) sets the total; a period's own
// figure adds to it.
//
// Strict (for history): a total is known only while the figures cover the year from
// January without a gap. Lenient (for this year's progress): gaps count as nothing.
func ytdSeries(reports []Report, acc plan.Accumulation, val valueFunc, strict bool) []point {
	var out []point
	total := decimal.Zero
	covered, known := 0, true
	for _, r := range reports {
		v, ok := val(r)
		if !ok {
			if strict {
				known = false
			}
			continue
		}
		first, last := r.Period.FirstMonth(), r.Period.LastMonth()
		switch {
		case acc == plan.Cumulative || r.Cumulative:
			total, covered, known = v, last, true
		case strict && (!known || first != covered+1):
			known = false
			continue
		default:
			total, covered = total.Add(v), last
		}
		if known {
			out = append(out, point{month: last, v: total})
		}
	}
	return out
}

// history is the seasonal shape of past years: for each year with a full-year total,
// the share of that total reached by the end of each month.
type history struct {
	years  []int                           // most recent first
	shares map[int]map[int]decimal.Decimal // year → month → share of the year
	points map[int][]point                 // year → year-to-date points (full years only)
}

// shapeOf builds the shape from past reports (counting ones, any years before year).
func shapeOf(past []Report, year int, acc plan.Accumulation, val valueFunc) history {
	byYear := map[int][]Report{}
	for _, r := range past {
		if y := r.Period.Year(); y < year {
			byYear[y] = append(byYear[y], r)
		}
	}
	h := history{shares: map[int]map[int]decimal.Decimal{}, points: map[int][]point{}}
	for y, rs := range byYear {
		pts := ytdSeries(rs, acc, val, true)
		if len(pts) == 0 || pts[len(pts)-1].month != 12 || pts[len(pts)-1].v.Sign() <= 0 {
			continue
		}
		full := pts[len(pts)-1].v
		sh := map[int]decimal.Decimal{}
		for _, p := range pts {
			sh[p.month] = div(p.v, full)
		}
		h.years = append(h.years, y)
		h.shares[y], h.points[y] = sh, pts
	}
	slices.SortFunc(h.years, func(a, b int) int { return b - a })
	return h
}

// shareAt is the mean share of the year reached by the end of month m over the years
// that have one (only positive shares are usable), with those years' shares.
func (h history) shareAt(m int) (mean decimal.Decimal, each []decimal.Decimal, ok bool) {
	sum := decimal.Zero
	for _, y := range h.years {
		if s, found := h.shares[y][m]; found && s.Sign() > 0 {
			each = append(each, s)
			sum = sum.Add(s)
		}
	}
	if len(each) == 0 {
		return decimal.Zero, nil, false
	}
	return div(sum, decimal.NewFromInt(int64(len(each)))), each, true
}

// Spread constants of the projection range; see spread.
var (
	defaultSpread = decimal.RequireFromString("0.10")  // ±10% where there is no history
	minSpread     = decimal.RequireFromString("0.025") // never claim more certainty
	maxSpread     = decimal.RequireFromString("0.5")
)

// spread is the projection range's relative half-width w at the end of month m, where
// s is the share of the year expected by then (seasonal or linear). The range is
// projection × (1 ± w).
//
//   - Two or more past years with a share at m: w = max over years |s̄/s_y − 1|, how far
//     the projection would have been off had that year's shape been the truth (s̄ the
//     mean share). It shrinks by itself as shares near 1. At least minSpread×(1−s).
//   - One past year with at least three year-to-date points: σ = the mean absolute
//     deviation of its per-month flows (between points) from their mean, over that
//     mean — how far its months strayed from the usual month — clamped to
//     [minSpread, maxSpread]; w = σ×(1−s).
//   - Otherwise w = defaultSpread×(1−s): ±10% at the start of the year, none at the end.
func (h history) spread(m int, s decimal.Decimal) decimal.Decimal {
	rest := one.Sub(s)
	if rest.Sign() < 0 {
		rest = decimal.Zero
	}
	if mean, each, ok := h.shareAt(m); ok && len(each) >= 2 {
		w := decimal.Zero
		for _, sy := range each {
			w = decimal.Max(w, div(mean, sy).Sub(one).Abs())
		}
		return decimal.Max(w, minSpread.Mul(rest))
	}
	if len(h.years) > 0 {
		if pts := h.points[h.years[0]]; len(pts) >= 3 {
			return monthlyStray(pts).Mul(rest)
		}
	}
	return defaultSpread.Mul(rest)
}

// monthlyStray is σ of spread: relative mean absolute deviation of per-month flows.
func monthlyStray(pts []point) decimal.Decimal {
	flows := make([]decimal.Decimal, 0, len(pts))
	prev, prevMonth := decimal.Zero, 0
	for _, p := range pts {
		flows = append(flows, div(p.v.Sub(prev), decimal.NewFromInt(int64(p.month-prevMonth))))
		prev, prevMonth = p.v, p.month
	}
	n := decimal.NewFromInt(int64(len(flows)))
	mean := div(decimal.Sum(decimal.Zero, flows...), n)
	if mean.Sign() == 0 {
		return maxSpread
	}
	dev := decimal.Zero
	for _, f := range flows {
		dev = dev.Add(f.Sub(mean).Abs())
	}
	sigma := div(div(dev, n), mean.Abs())
	return decimal.Min(maxSpread, decimal.Max(minSpread, sigma))
}
