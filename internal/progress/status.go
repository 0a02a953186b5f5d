package progress

import (
	"time"

	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/shopspring/decimal"
)

// Status is what the engine says of an indicator.
type Status string

const (
	StatusAchieved Status = "achieved"  // the target is reached
	StatusOnTrack  Status = "on_track"  // at or above OnTrack of expected-by-now
	StatusAtRisk   Status = "at_risk"   // at or above AtRisk, below OnTrack
	StatusBehind   Status = "behind"    // below AtRisk, or the year ended short
	StatusOverdue  Status = "overdue"   // a report the status rests on is past due
	StatusNoData   Status = "no_data"   // nothing counted yet, nothing overdue
	StatusNoTarget Status = "no_target" // a context indicator: progress only
	StatusDone     Status = "done"      // milestone reached
	StatusLate     Status = "late"      // milestone not reached by its due date
)

// Statuses lists every status in display order.
var Statuses = []Status{StatusAchieved, StatusDone, StatusOnTrack, StatusAtRisk, StatusBehind,
	StatusLate, StatusOverdue, StatusNoData, StatusNoTarget}

// Label is the status in Chinese.
func (s Status) Label() string {
	switch s {
	case StatusAchieved:
		return "已完成"
	case StatusOnTrack:
		return "进度正常"
	case StatusAtRisk:
		return "存在风险"
	case StatusBehind:
		return "进度滞后"
	case StatusOverdue:
		return "逾期未报"
	case StatusNoData:
		return "暂无数据"
	case StatusNoTarget:
		return "无量化目标"
	case StatusDone:
		return "已完成"
	case StatusLate:
		return "已逾期"
	}
	return string(s)
}

// Verdict says whether the target will be met by the end of the target period.
type Verdict string

const (
	VerdictUnknown   Verdict = ""          // no target, no figures, or a milestone in time
	VerdictLikely    Verdict = "likely"    // the whole projection range reaches the target
	VerdictUncertain Verdict = "uncertain" // the target lies within the range
	VerdictUnlikely  Verdict = "unlikely"  // no part of the range reaches it
)

// Label is the verdict in Chinese.
func (v Verdict) Label() string {
	switch v {
	case VerdictLikely:
		return "预计可完成"
	case VerdictUncertain:
		return "完成存在不确定性"
	case VerdictUnlikely:
		return "预计难以完成"
	}
	return ""
}

// Input is what Evaluate reads. The service passes the indicator's reports as stored;
// Evaluate picks the ones that count.
type Input struct {
	Indicator plan.Indicator
	// Settings of the plan; unset fields take the defaults (see Normalize).
	Settings plan.Settings
	// Year is the plan year; 0 takes the indicator's Period (2022), else At's year.
	Year int
	// Target is the target in force (TargetAt); nil takes the indicator's own.
	Target *TargetRevision
	// Reports are the indicator's reports of the plan year, any state and revision:
	// counting ones make progress (Counting), submitted and approved ones settle what is
	// overdue. Reports of other years, of other indicators, or of periods not begun at At
	// are ignored.
	Reports []Report
	// History are the indicator's reports of past years (counting ones are used), for the
	// seasonal shape and the projection range. Only years with a complete, gap-free run
	// of figures up to December shape anything.
	History []Report
	// At is the moment of evaluation.
	At time.Time
}

// Result is the engine's reading of one indicator. Figures are exact; round for
// display.
type Result struct {
	IndicatorID int64  `json:"indicator_id"`
	Code        string `json:"code,omitempty"`
	Dept        string `json:"department,omitempty"`
	Status      Status `json:"status"`

	// Target and TargetMax are the target in force.
	Target    *decimal.Decimal `json:"target,omitempty"`
	TargetMax *decimal.Decimal `json:"target_max,omitempty"`
	// Progress is the figure that counts: the latest year-to-date total (cumulative), the
	// sum of the periods (periodic), the latest level (stock), or the year-to-date growth
	// rate in percent (growth).
	Progress *decimal.Decimal `json:"progress,omitempty"`
	// Expected is where progress should stand at the end of AsOf.
	Expected *decimal.Decimal `json:"expected,omitempty"`
	// Share is the share of the year's figure expected by the end of AsOf: from last
	// years' shape when Seasonal, else months elapsed / 12.
	Share    *decimal.Decimal `json:"share,omitempty"`
	Seasonal bool             `json:"seasonal,omitempty"`
	// Pace is progress against expected in the good sense (1 = exactly on schedule); the
	// thresholds apply to it.
	Pace *decimal.Decimal `json:"pace,omitempty"`
	// Completion is progress / target; for lower-is-better target / progress; for growth
	// the rate against the target rate as in Pace.
	Completion *decimal.Decimal `json:"completion,omitempty"`
	// Projection is the year-end estimate, within ProjectionLow–ProjectionHigh.
	Projection     *decimal.Decimal `json:"projection,omitempty"`
	ProjectionLow  *decimal.Decimal `json:"projection_low,omitempty"`
	ProjectionHigh *decimal.Decimal `json:"projection_high,omitempty"`
	WillMeet       Verdict          `json:"will_meet,omitempty"`
	// AsOf is the last period counted.
	AsOf Period `json:"as_of,omitzero"`
	// Overdue lists the plan year's periods past their due date with no report submitted
	// or approved.
	Overdue []Period `json:"overdue,omitempty"`
	// Why is why this status, in codes and values; i18n.StatusExplain writes it in a
	// language.
	Why i18n.StatusWhy `json:"-"`
	// Explain is Why as one Chinese sentence (for the API, exports and tooltips).
	Explain string `json:"explain"`
}

// Evaluate reads an indicator's progress at a moment. The rules:
//
// Progress: see Result.Progress. For growth, the rate is (Amount − LastYear) / LastYear ×
// 100 when the latest report gives both (for periodic reports: summed over the year's
// reports when all give both), else the reported rate.
//
// Expected-by-now, at the end of the last counted period (AsOf), not today:
//   - cumulative/periodic: target × s, where s is the mean share of the year past years
//     had reached by that month (seasonal; needs full past years) or else months / 12;
//   - stock: baseline + (target − baseline) × months/12; the target itself without a
//     baseline;
//   - growth: the target rate itself.
//
// For a range target the lower end is expected when more is better, the upper when less
// is.
//
// Pace (progress against expected in the good sense): progress/expected when more is
// better, expected/progress when less is; for a stock with a baseline, the move made
// against the move expected, (progress − baseline) / (expected − baseline), in either
// direction. Growth: rate/target when the target points the good way (positive for
// higher, negative for lower: a 3% rate on a 5% target is 60%), else
// (100+rate)/(100+target) or its inverse. Pace ≥ OnTrack → on track, ≥ AtRisk → at
// risk, else behind.
//
// Status, first that applies:
//  1. milestone: done (a counting report says Done), late (past Due), on track (some
//     report), no data; its Overdue list is filled but does not change its status;
//  2. no target: no_target (progress still computed);
//  3. achieved: the target is reached (Assess: met or exceeded) at year end (AsOf is the
//     last period of the year), or already within the year for a cumulative, periodic or
//     stock indicator where more is better (not growth: a rate can fall back);
//  4. overdue: a period the figure rests on is past due with no report — for a periodic
//     indicator any such period, otherwise one after AsOf (or any, with nothing counted);
//  5. no data: nothing counted;
//  6. behind: the year is complete and the target missed;
//  7. the thresholds on pace.
//
// Projection to the year end (s as above): cumulative/periodic progress / s; stock
// baseline + (progress − baseline) / (months/12), or progress without a baseline; growth
// the rate itself. The range is projection × (1 ± w) — for growth (100+rate)(1 ± w) − 100
// — with w from history.spread (series.go): the spread of past years' shapes, or one past year's
// monthly stray, or ±10%, shrinking to nothing at year end. WillMeet: likely when low,
// projection and high all reach the target, unlikely when none does, else uncertain;
// likely once achieved.
func Evaluate(in Input) Result {
	e := newEval(in)
	return e.run()
}

type eval struct {
	in       Input
	ind      plan.Indicator
	set      plan.Settings
	year     int
	at       time.Time
	tgt      TargetRevision
	kind     plan.Kind
	acc      plan.Accumulation
	sense    plan.Direction
	cal      Calendar
	reports  []Report // of this year, begun by at
	counted  []Report
	res      Result
	linear   decimal.Decimal // months elapsed / 12 at AsOf
	blocking Period          // the first overdue period the figure rests on
}

func newEval(in Input) *eval {
	e := &eval{in: in, ind: in.Indicator, set: Normalize(in.Settings), at: dateOf(in.At)}
	e.year = in.Year
	if e.year == 0 {
		if p, err := ParsePeriod(e.ind.Period); err == nil {
			e.year = p.Year()
		} else {
			e.year = e.at.Year()
		}
	}
	if in.Target != nil {
		e.tgt = *in.Target
	} else {
		e.tgt = OriginalTarget(e.ind, e.year)
	}
	e.kind, e.acc = kindOf(e.ind), accumulationOf(e.ind)
	e.sense = Sense(e.tgt.Qualifier, directionOf(e.ind))
	e.cal = NewCalendar(frequencyOf(e.ind), e.set)
	for _, r := range in.Reports {
		if r.Period.IsZero() || r.Period.Year() != e.year || r.Period.Start().After(e.at) {
			continue
		}
		if r.IndicatorID != 0 && e.ind.ID != 0 && r.IndicatorID != e.ind.ID {
			continue
		}
		e.reports = append(e.reports, r)
	}
	e.counted = Counting(e.reports, e.set)
	e.res = Result{IndicatorID: e.ind.ID, Code: e.ind.Code, Dept: e.ind.DeptCode,
		Target: e.tgt.Target, TargetMax: e.tgt.TargetMax}
	return e
}

func (e *eval) run() Result {
	e.overdue()
	if len(e.counted) > 0 {
		e.res.AsOf = e.counted[len(e.counted)-1].Period
	}
	if e.kind == plan.KindMilestone {
		e.milestone()
		return e.res
	}
	if len(e.counted) > 0 {
		e.figures()
	}
	e.res.Status = e.status()
	e.res.Why = e.why()
	e.res.Explain = i18n.StatusExplain("zh", e.res.Why)
	return e.res
}

// overdue fills Result.Overdue and decides whether one of them blocks the status.
func (e *eval) overdue() {
	var last Period
	if len(e.counted) > 0 {
		last = e.counted[len(e.counted)-1].Period
	}
	o := ObligationOf(e.ind, e.set, e.year)
	o.None = false // a context figure's status is no_target whatever it owes; its callers drop the list
	for _, op := range o.Overdue(e.reports, nil, e.at) {
		p := op.Period
		e.res.Overdue = append(e.res.Overdue, p)
		if e.blocking.IsZero() && (e.acc == plan.Periodic || last.IsZero() || last.Before(p)) {
			e.blocking = p
		}
	}
}

// figures computes progress, expected, pace, completion and the projection.
func (e *eval) figures() {
	m := e.res.AsOf.LastMonth()
	e.linear = div(decimal.NewFromInt(int64(m)), twelve)
	val := valueFunc(reportValue)
	if e.kind == plan.KindGrowth {
		val = reportAmount
	}
	h := shapeOf(e.counting(e.in.History), e.year, e.acc, val)
	share := e.linear
	if e.acc != plan.Stock {
		if s, _, ok := h.shareAt(m); ok {
			share, e.res.Seasonal = s, true
		}
	}
	if e.res.AsOf.IsLastOfYear() {
		share = one // the year is in: nothing left to shape
	}
	e.res.Share = ptr(share)
	w := h.spread(m, share)
	if e.acc == plan.Stock {
		w = defaultSpread.Mul(one.Sub(share)) // levels have no seasonal history here
	}

	p := e.progress()
	e.res.Progress = ptr(p)
	base := e.baseline()
	ref := e.reference()

	// Projection and its range.
	var proj decimal.Decimal
	switch {
	case e.kind == plan.KindGrowth:
		proj = p
	case e.acc == plan.Stock:
		proj = p
		if base != nil && e.linear.Sign() > 0 {
			proj = base.Add(div(p.Sub(*base), e.linear))
		}
	case share.Sign() > 0:
		proj = div(p, share)
	default:
		proj = p
	}
	lo, hi := proj.Mul(one.Sub(w)), proj.Mul(one.Add(w))
	if e.kind == plan.KindGrowth {
		g := hundred.Add(proj)
		lo, hi = g.Mul(one.Sub(w)).Sub(hundred), g.Mul(one.Add(w)).Sub(hundred)
	}
	if lo.GreaterThan(hi) {
		lo, hi = hi, lo
	}
	e.res.Projection, e.res.ProjectionLow, e.res.ProjectionHigh = ptr(proj), ptr(lo), ptr(hi)

	if ref == nil {
		return
	}
	// Expected by the end of AsOf.
	var exp decimal.Decimal
	switch {
	case e.kind == plan.KindGrowth:
		exp = *ref
	case e.acc == plan.Stock:
		exp = *ref
		if base != nil {
			exp = base.Add(ref.Sub(*base).Mul(e.linear))
		}
	default:
		exp = ref.Mul(share)
	}
	e.res.Expected = ptr(exp)
	e.res.Pace = ptr(e.pace(p, exp))
	if e.acc == plan.Stock && base != nil && !exp.Equal(*base) && e.kind != plan.KindGrowth {
		// A level is paced on its move from the baseline, not on its size: 41 against 42.5
		// expected from 40 is 40% of the way, not 96%.
		e.res.Pace = ptr(div(p.Sub(*base), exp.Sub(*base)))
	}
	if e.kind == plan.KindGrowth {
		e.res.Completion = ptr(e.pace(p, *ref))
	} else if c, ok := ratio(p, *ref, e.sense); ok {
		e.res.Completion = ptr(c)
	}
	e.res.WillMeet = e.verdict(lo, proj, hi)
}

// counting keeps the counting reports of this indicator.
func (e *eval) counting(rs []Report) []Report {
	var mine []Report
	for _, r := range rs {
		if r.IndicatorID == 0 || e.ind.ID == 0 || r.IndicatorID == e.ind.ID {
			mine = append(mine, r)
		}
	}
	return Counting(mine, e.set)
}

// progress is the figure that counts (see Result.Progress).
func (e *eval) progress() decimal.Decimal {
	last := e.counted[len(e.counted)-1]
	switch {
	case e.kind == plan.KindGrowth:
		return growthRate(e.counted, e.acc)
	case e.acc == plan.Stock:
		return last.Value
	}
	pts := ytdSeries(e.counted, e.acc, reportValue, false)
	if len(pts) == 0 {
		return decimal.Zero
	}
	return pts[len(pts)-1].v
}

// growthRate is the year-to-date growth rate in percent.
func growthRate(counted []Report, acc plan.Accumulation) decimal.Decimal {
	last := counted[len(counted)-1]
	if acc == plan.Periodic && !last.Cumulative {
		sa, sl, all := decimal.Zero, decimal.Zero, true
		for _, r := range counted {
			if r.Amount == nil || r.LastYear == nil {
				all = false
				break
			}
			sa, sl = sa.Add(*r.Amount), sl.Add(*r.LastYear)
		}
		if all && sl.Sign() > 0 {
			return rate(sa, sl)
		}
		return last.Value
	}
	if last.Amount != nil && last.LastYear != nil && last.LastYear.Sign() > 0 {
		return rate(*last.Amount, *last.LastYear)
	}
	return last.Value
}

// rate is (amount − base) / base × 100.
func rate(amount, base decimal.Decimal) decimal.Decimal {
	return div(amount.Sub(base).Mul(hundred), base)
}

// GrowthRate is the growth in percent of amount over last year's same-period amount,
// (amount − lastYear) / lastYear × 100; ok is false when lastYear is not positive.
func GrowthRate(amount, lastYear decimal.Decimal) (decimal.Decimal, bool) {
	if lastYear.Sign() <= 0 {
		return decimal.Zero, false
	}
	return rate(amount, lastYear), true
}

// baseline is the stock baseline: the indicator's Baseline value.
func (e *eval) baseline() *decimal.Decimal {
	if b := e.ind.Baseline; b != nil && b.Value != nil {
		return b.Value
	}
	return nil
}

// reference is the target figure progress is paced against: the target, or for a range
// the end on the side that must be reached (lower end when more is better).
func (e *eval) reference() *decimal.Decimal {
	t := e.tgt
	if t.Target == nil {
		return nil
	}
	if t.TargetMax != nil {
		lo, hi := decimal.Min(*t.Target, *t.TargetMax), decimal.Max(*t.Target, *t.TargetMax)
		if e.sense == plan.Lower {
			return &hi
		}
		return &lo
	}
	return t.Target
}

// pace is progress against expected in the good sense (see Evaluate).
func (e *eval) pace(p, exp decimal.Decimal) decimal.Decimal {
	if e.kind == plan.KindGrowth {
		if (e.sense == plan.Higher && exp.Sign() > 0) || (e.sense == plan.Lower && exp.Sign() < 0) {
			return div(p, exp)
		}
		p, exp = hundred.Add(p), hundred.Add(exp)
	}
	if r, ok := ratio(p, exp, e.sense); ok {
		return r
	}
	// A zero or negative denominator: on or past schedule counts as 1, short of it as 0.
	if (e.sense == plan.Higher && p.GreaterThanOrEqual(exp)) || (e.sense == plan.Lower && p.LessThanOrEqual(exp)) {
		return one
	}
	return decimal.Zero
}

// ratio is p/ref when more is better, ref/p when less is; ok false for a denominator
// that is not positive.
func ratio(p, ref decimal.Decimal, sense plan.Direction) (decimal.Decimal, bool) {
	if sense == plan.Lower {
		if p.Sign() <= 0 {
			return decimal.Zero, false
		}
		return div(ref, p), true
	}
	if ref.Sign() <= 0 {
		return decimal.Zero, false
	}
	return div(p, ref), true
}

func (e *eval) verdict(lo, proj, hi decimal.Decimal) Verdict {
	n := 0
	for _, v := range []decimal.Decimal{lo, proj, hi} {
		if Assess(e.tgt, e.sense, e.set.AboutTolerance, v).Reached() {
			n++
		}
	}
	switch n {
	case 3:
		return VerdictLikely
	case 0:
		return VerdictUnlikely
	}
	return VerdictUncertain
}

func (e *eval) status() Status {
	if e.tgt.Target == nil {
		e.res.WillMeet = VerdictUnknown
		return StatusNoTarget
	}
	if len(e.counted) == 0 {
		if len(e.res.Overdue) > 0 {
			return StatusOverdue
		}
		return StatusNoData
	}
	p := *e.res.Progress
	final := e.res.AsOf.IsLastOfYear()
	reached := Assess(e.tgt, e.sense, e.set.AboutTolerance, p).Reached()
	early := e.kind != plan.KindGrowth && e.sense == plan.Higher
	if reached && (final || early) {
		e.res.WillMeet = VerdictLikely
		return StatusAchieved
	}
	if !e.blocking.IsZero() {
		return StatusOverdue
	}
	if final {
		e.res.WillMeet = VerdictUnlikely
		return StatusBehind
	}
	return thresholds(*e.res.Pace, e.set)
}

// thresholds maps a pace to a status: ≥ OnTrack on track, ≥ AtRisk at risk, else behind.
func thresholds(pace decimal.Decimal, s plan.Settings) Status {
	s = Normalize(s)
	switch {
	case pace.GreaterThanOrEqual(s.OnTrack):
		return StatusOnTrack
	case pace.GreaterThanOrEqual(s.AtRisk):
		return StatusAtRisk
	}
	return StatusBehind
}

// milestone evaluates a milestone: done, late, on track or no data.
func (e *eval) milestone() {
	due, err := time.Parse(time.DateOnly, e.tgt.Due)
	var done *Report
	for i := range e.counted {
		if e.counted[i].Done {
			done = &e.counted[i]
			break
		}
	}
	switch {
	case done != nil:
		e.res.Status, e.res.WillMeet = StatusDone, VerdictLikely
		e.res.Completion = ptr(one)
	case err != nil:
		e.res.Status = StatusNoTarget
	case e.at.After(due):
		e.res.Status, e.res.WillMeet = StatusLate, VerdictUnlikely
		e.res.Completion = ptr(decimal.Zero)
	case len(e.counted) > 0:
		e.res.Status = StatusOnTrack
		e.res.Completion = ptr(decimal.Zero)
	default:
		e.res.Status = StatusNoData
	}
	e.res.Why = e.whyMilestone(done, due, err == nil)
	e.res.Explain = i18n.StatusExplain("zh", e.res.Why)
}
