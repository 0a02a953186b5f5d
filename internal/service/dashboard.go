package service

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/store"
)

// The leader's reads (see and steer): the cockpit, the department ranking and the
// monthly bulletin. Each reads the plan, its indicators, reports and target revisions
// once and runs the status engine over them; all three are internal reads (the public
// has the status board), so each needs plan.read_internal in the plan's region.

// planData is a plan read once for the dashboard reads.
type planData struct {
	plan    *plan.Plan
	inds    []store.IndicatorRow
	reports map[int64][]store.StoredReport
	revs    map[int64][]progress.TargetRevision
	zoneOf  map[int64]plan.Zone    // by program id
	progOf  map[int64]plan.Program // by program id
	depts   map[int64]plan.Department
	// cs is the cached status read from; cached its reading at cachedAt, for this
	// reader.
	cs       *cachedStatus
	cached   []IndicatorStatus
	cachedAt time.Time
	// explained are the full reports (with cause and remedy) of the indicators that
	// need attention, read by explain.
	explained map[int64][]store.StoredReport
}

// loadPlanData reads what the dashboard reads need, for those who may read the plan's
// internal parts.
func (s *Service) loadPlanData(ctx context.Context, a Actor, planID int64, at time.Time) (*planData, error) {
	return s.readPlanData(ctx, a, planID, true, at)
}

// readPlanData reads a plan for the dashboard reads: internal ones need
// plan.read_internal; others see what the actor may see (the public, public
// indicators when the public view is on). The statuses at at (zero: the plan's as-of
// moment), the indicators and the reports the engine reads come from the status cache
// (statuscache.go), shared by every reader; the outline and departments are read here.
func (s *Service) readPlanData(ctx context.Context, a Actor, planID int64, internal bool, at time.Time) (*planData, error) {
	cs, err := s.planStatus(ctx, planID, at)
	if err != nil {
		return nil, err
	}
	return s.planDataOf(ctx, a, cs, internal)
}

// planDataOf is readPlanData from a cached status already taken.
func (s *Service) planDataOf(ctx context.Context, a Actor, cs *cachedStatus, internal bool) (*planData, error) {
	planID := cs.header.ID
	hp := *cs.header // shared by the cache: a copy to add the outline to
	p := &hp
	if internal {
		if err := s.can(a, auth.PlanReadInternal, auth.Resource{RegionID: p.RegionID}); err != nil {
			return nil, err
		}
	}
	visible, err := s.visibleStatus(a, cs)
	if err != nil {
		return nil, err
	}
	if p.Zones, err = s.store.PlanOutline(ctx, planID); err != nil {
		return nil, err
	}
	d := &planData{plan: p, reports: map[int64][]store.StoredReport{}, zoneOf: map[int64]plan.Zone{},
		progOf: map[int64]plan.Program{}, depts: map[int64]plan.Department{}, cs: cs, cached: visible, cachedAt: cs.at}
	all := len(visible) == len(cs.all)
	for _, ind := range cs.inds {
		if all || ind.Public {
			d.inds = append(d.inds, ind)
			for _, r := range cs.reports[ind.ID] {
				// SubmittedAt is the first submission already (store.EvalReports).
				d.reports[ind.ID] = append(d.reports[ind.ID], store.StoredReport{Report: r})
			}
		}
	}
	if d.revs, err = s.store.TargetRevisions(ctx, planID, 0); err != nil {
		return nil, err
	}
	for _, z := range p.Zones {
		for _, pr := range z.Programs {
			d.zoneOf[pr.ID], d.progOf[pr.ID] = z, pr
		}
	}
	depts, err := s.store.Departments(ctx, p.RegionID)
	if err != nil {
		return nil, err
	}
	for _, dp := range depts {
		d.depts[dp.ID] = dp
	}
	return d, nil
}

// explain reads the reports (with causes and remedies) of the indicators given, once.
func (s *Service) explain(ctx context.Context, d *planData, sts []IndicatorStatus) error {
	var ids []int64
	for _, st := range sts {
		if NeedsAttention(st.Status) {
			ids = append(ids, st.IndicatorID)
		}
	}
	d.explained = map[int64][]store.StoredReport{}
	if len(ids) == 0 {
		return nil
	}
	reports, err := s.store.ReportsOf(ctx, ids, d.plan.Year)
	if err != nil {
		return err
	}
	for _, r := range reports {
		d.explained[r.IndicatorID] = append(d.explained[r.IndicatorID], r)
	}
	return nil
}

// evaluate runs the status engine over every indicator at a moment, in plan order.
func (d *planData) evaluate(at time.Time) []IndicatorStatus {
	if dateKey(at) == dateKey(d.cachedAt) && len(d.cached) == len(d.inds) { // the cache reads a date as one moment
		out := make([]IndicatorStatus, len(d.cached))
		copy(out, d.cached)
		for i := range out {
			if out[i].Status == progress.StatusNoTarget {
				out[i].Overdue = nil // context figures are owed no report
			}
		}
		return out
	}
	out := make([]IndicatorStatus, 0, len(d.inds))
	for _, ind := range d.inds {
		res := progress.Evaluate(evalInput(ind, d.plan, d.reports[ind.ID], d.revs[ind.ID], at))
		if res.Status == progress.StatusNoTarget {
			res.Overdue = nil // context figures are owed no report
		}
		out = append(out, IndicatorStatus{Result: res, Name: ind.Name, Unit: ind.Unit, Kind: ind.Kind,
			DeptName: ind.DeptName, ProgramID: ind.ProgramID, Public: ind.Public})
	}
	return out
}

// dueItems lists the reports owed by at, per indicator with a target (a context figure
// is owed none); the first submission of a period counts, so a resubmission after a
// rejection does not make a report late.
func (d *planData) dueItems(at time.Time) []progress.DueItem {
	var out []progress.DueItem
	for _, ind := range d.inds {
		if !ind.HasTarget() {
			continue
		}
		var reps []progress.Report
		for _, r := range d.reports[ind.ID] {
			rep := r.Report
			if !r.FirstSubmittedAt.IsZero() {
				rep.SubmittedAt = r.FirstSubmittedAt
			}
			reps = append(reps, rep)
		}
		out = append(out, progress.DueItems(ind.ID, ind.DeptName, progress.ObligationOf(ind.Indicator, d.plan.Settings, d.plan.Year), reps, at)...)
	}
	return out
}

// explanation is the latest cause and remedy given for an indicator in a report of the
// plan year up to a period (submitted or approved; a draft is the department's own).
func (d *planData) explanation(indicatorID int64, upTo progress.Period) (cause, remedy string) {
	var best *store.StoredReport
	for i, r := range d.explained[indicatorID] {
		if r.State != progress.StateApproved && r.State != progress.StateSubmitted {
			continue
		}
		if r.Period.Year() != d.plan.Year || r.Period.End().After(upTo.End()) {
			continue
		}
		if r.Cause == "" && r.Remedy == "" {
			continue
		}
		if best == nil || best.Period.Before(r.Period) || (best.Period == r.Period && best.Revision < r.Revision) {
			best = &d.explained[indicatorID][i]
		}
	}
	if best == nil {
		return "", ""
	}
	return best.Cause, best.Remedy
}

// Placed is an indicator's status with where it sits in the plan and who owns it.
type Placed struct {
	IndicatorStatus
	ZoneID      int64
	ZoneName    string
	ProgramName string
	zoneCode    string
	DeptID      int64
	Cause       string // 原因说明, from the latest report that gave one
	Remedy      string // 整改措施
}

func (d *planData) placed(st IndicatorStatus, deptID int64) Placed {
	z, pr := d.zoneOf[st.ProgramID], d.progOf[st.ProgramID]
	return Placed{IndicatorStatus: st, ZoneID: z.ID, ZoneName: z.Name, ProgramName: pr.Name, DeptID: deptID, zoneCode: z.Code}
}

// ProgramRollup is a program's indicators counted by status.
type ProgramRollup struct {
	Program plan.Program
	Summary progress.Summary
}

// ZoneRollup is a zone's indicators counted by status, and its programs'.
type ZoneRollup struct {
	Zone     plan.Zone
	Summary  progress.Summary
	Programs []ProgramRollup
}

// rollups counts statuses per zone and program, in plan order.
func (d *planData) rollups(sts []IndicatorStatus) []ZoneRollup {
	byProg := map[int64][]progress.Result{}
	for _, st := range sts {
		byProg[st.ProgramID] = append(byProg[st.ProgramID], st.Result)
	}
	var out []ZoneRollup
	for _, z := range d.plan.Zones {
		zr := ZoneRollup{Zone: z}
		zr.Zone.Programs = nil
		var zres []progress.Result
		for _, pr := range z.Programs {
			pr.Indicators, pr.Projects = nil, nil
			zr.Programs = append(zr.Programs, ProgramRollup{Program: pr, Summary: progress.Summarize(byProg[pr.ID])})
			zres = append(zres, byProg[pr.ID]...)
		}
		zr.Summary = progress.Summarize(zres)
		out = append(out, zr)
	}
	return out
}

// Needs attention: the statuses a leader must hear about, worst first.
var attentionOrder = map[progress.Status]int{progress.StatusOverdue: 0, progress.StatusBehind: 1,
	progress.StatusLate: 2, progress.StatusAtRisk: 3}

// NeedsAttention says whether a status belongs on the "behind or overdue" list.
func NeedsAttention(st progress.Status) bool {
	_, ok := attentionOrder[st]
	return ok
}

// SilentDept is a department with reports past due and not in.
type SilentDept struct {
	Dept       plan.Department
	Missing    int               // reports past due, not handed in
	Periods    []progress.Period // which periods, oldest first
	Indicators int               // how many of its indicators owe one
}

// Cockpit is the leader's first screen (驾驶舱).
type Cockpit struct {
	Plan    *plan.Plan
	At      time.Time
	Overall progress.Summary
	Zones   []ZoneRollup
	// Headline are the plan's headline figures: see headline.
	Headline []Placed
	// Attention lists what is overdue, behind, late or at risk, worst first, with its
	// owner and the cause and remedy given.
	Attention []Placed
	// Silent lists the departments that have not reported what is due.
	Silent []SilentDept
	// Rate is the on-time reporting rate of the whole plan so far.
	Rate progress.ReportingRate
}

// headlineCount is how many headline figures the cockpit shows.
const headlineCount = 6

// headline picks the plan's headline figures: indicators with a target, amounts first
// (their unit is money: 元, 美元), then other levels and growth rates, in plan order.
// A plan file has no "headline" flag; amounts are what a district's leaders quote.
func headline(sts []IndicatorStatus) []IndicatorStatus {
	var money, other []IndicatorStatus
	for _, st := range sts {
		if st.Target == nil || st.Status == progress.StatusNoTarget || st.Kind == plan.KindMilestone {
			continue
		}
		if strings.HasSuffix(st.Unit, "元") {
			money = append(money, st)
		} else {
			other = append(other, st)
		}
	}
	out := append(money, other...)
	return out[:min(len(out), headlineCount)]
}

// Cockpit reads the leader's first screen of a plan as of at (zero: the plan's as-of
// moment).
// It is made once per cached status (plan version and date) and shared by every reader
// who may read the plan's internal parts (statusviews.go): callers must not change it.
func (s *Service) Cockpit(ctx context.Context, a Actor, planID int64, at time.Time) (*Cockpit, error) {
	cs, err := s.internalStatus(ctx, a, planID, at)
	if err != nil {
		return nil, err
	}
	if at.IsZero() || at.Equal(cs.at) {
		return cs.views.cockpit.get(func() (*Cockpit, error) { return s.cockpit(ctx, a, cs, cs.at) })
	}
	return s.cockpit(ctx, a, cs, at)
}

// cockpit computes the cockpit from a cached status at at.
func (s *Service) cockpit(ctx context.Context, a Actor, cs *cachedStatus, at time.Time) (*Cockpit, error) {
	d, err := s.planDataOf(ctx, a, cs, true)
	if err != nil {
		return nil, err
	}
	sts := d.evaluate(at)
	if err := s.explain(ctx, d, sts); err != nil {
		return nil, err
	}
	c := &Cockpit{Plan: d.plan, At: at, Zones: d.rollups(sts)}
	deptOf := map[int64]int64{}
	for _, ind := range d.inds {
		deptOf[ind.ID] = ind.DeptID
	}
	var all []progress.Result
	for _, st := range sts {
		all = append(all, st.Result)
		if NeedsAttention(st.Status) {
			p := d.placed(st, deptOf[st.IndicatorID])
			p.Cause, p.Remedy = d.explanation(st.IndicatorID, progress.PeriodOf(plan.Monthly, at))
			c.Attention = append(c.Attention, p)
		}
	}
	c.Overall = progress.Summarize(all)
	slices.SortStableFunc(c.Attention, func(x, y Placed) int {
		return cmp.Compare(attentionOrder[x.Status], attentionOrder[y.Status])
	})
	for _, st := range headline(sts) {
		c.Headline = append(c.Headline, d.placed(st, deptOf[st.IndicatorID]))
	}
	items := d.dueItems(at)
	c.Rate = progress.OnTimeRate(items)
	c.Silent = d.silent(items)
	return c, nil
}

// silent groups the due items not handed in by department, most missing first.
func (d *planData) silent(items []progress.DueItem) []SilentDept {
	deptByName := map[string]plan.Department{}
	for _, dp := range d.depts {
		deptByName[dp.Name] = dp
	}
	type acc struct {
		missing int
		periods map[progress.Period]bool
		inds    map[int64]bool
	}
	by := map[string]*acc{}
	for _, it := range items {
		if !it.Overdue {
			continue
		}
		x := by[it.Dept]
		if x == nil {
			x = &acc{periods: map[progress.Period]bool{}, inds: map[int64]bool{}}
			by[it.Dept] = x
		}
		x.missing++
		x.periods[it.Period] = true
		x.inds[it.IndicatorID] = true
	}
	var out []SilentDept
	for name, x := range by {
		sd := SilentDept{Dept: deptByName[name], Missing: x.missing, Indicators: len(x.inds)}
		if sd.Dept.Name == "" {
			sd.Dept.Name = name
		}
		for p := range x.periods {
			sd.Periods = append(sd.Periods, p)
		}
		slices.SortFunc(sd.Periods, progress.Period.Compare)
		out = append(out, sd)
	}
	slices.SortFunc(out, func(x, y SilentDept) int {
		return cmp.Or(cmp.Compare(y.Missing, x.Missing), cmp.Compare(x.Dept.Code, y.Dept.Code))
	})
	return out
}

// RankPoint is a department's month in the ranking's trend.
type RankPoint struct {
	Month progress.Period
	// Rate is the on-time rate of the reports of periods ending that month; nil when
	// none was due.
	Rate *decimal.Decimal
	// Share is the share on track at the month's end; nil when nothing was tracked.
	Share *decimal.Decimal
}

// DeptRank is one department's line in the ranking (红黄绿灯).
type DeptRank struct {
	Rank    int
	Dept    plan.Department
	Summary progress.Summary
	Rate    progress.ReportingRate
	Score   decimal.Decimal
	Scored  bool // false: nothing due and nothing tracked yet (no light, ranked last)
	Lamp    progress.Lamp
	Trend   []RankPoint
}

// Ranking is the departments ranked by their score.
type Ranking struct {
	Plan   *plan.Plan
	At     time.Time
	Months []progress.Period
	Depts  []DeptRank
}

// Ranking ranks the departments that own indicators of a plan as of at (zero: the
// plan's as-of moment): on-time reporting rate and share on track, with the lamp and
// the month-by-month trend from January to at's month.
// The ranking (its month-by-month trend evaluates every indicator at each month's end)
// is made once per cached status and shared (statusviews.go): callers must not change it.
func (s *Service) Ranking(ctx context.Context, a Actor, planID int64, at time.Time) (*Ranking, error) {
	cs, err := s.internalStatus(ctx, a, planID, at)
	if err != nil {
		return nil, err
	}
	if at.IsZero() {
		at = cs.at
	}
	return s.rankingOf(ctx, a, cs, nil, at)
}

// rankingOf is the ranking at at from a cached status: the shared one when at is the
// status's own moment; d, when given, is the plan data already read.
func (s *Service) rankingOf(ctx context.Context, a Actor, cs *cachedStatus, d *planData, at time.Time) (*Ranking, error) {
	build := func() (*Ranking, error) {
		if d == nil {
			var err error
			if d, err = s.planDataOf(ctx, a, cs, true); err != nil {
				return nil, err
			}
		}
		return d.ranking(at), nil
	}
	if at.Equal(cs.at) {
		return cs.views.ranking.get(build)
	}
	return build()
}

func (d *planData) ranking(at time.Time) *Ranking {
	rk := &Ranking{Plan: d.plan, At: at}
	deptOf := map[int64]int64{} // indicator → department
	for _, ind := range d.inds {
		deptOf[ind.ID] = ind.DeptID
	}
	type acc struct {
		results []progress.Result
		items   []progress.DueItem
		trend   []RankPoint
	}
	by := map[int64]*acc{}
	get := func(id int64) *acc {
		if by[id] == nil {
			by[id] = &acc{}
		}
		return by[id]
	}
	for _, st := range d.evaluate(at) {
		if id := deptOf[st.IndicatorID]; id != 0 {
			get(id).results = append(get(id).results, st.Result)
		}
	}
	items := d.dueItems(at)
	for _, it := range items {
		if id := deptOf[it.IndicatorID]; id != 0 {
			get(id).items = append(get(id).items, it)
		}
	}
	if at.Year() == d.plan.Year {
		for m := 1; m <= int(at.Month()); m++ {
			month := progress.MonthOf(d.plan.Year, time.Month(m))
			rk.Months = append(rk.Months, month)
			end := periodEnd(month)
			if end.After(at) {
				end = at
			}
			results := map[int64][]progress.Result{}
			for _, st := range d.evaluate(end) {
				results[deptOf[st.IndicatorID]] = append(results[deptOf[st.IndicatorID]], st.Result)
			}
			ofMonth := map[int64][]progress.DueItem{}
			for _, it := range items {
				if it.Period.LastMonth() == m {
					ofMonth[deptOf[it.IndicatorID]] = append(ofMonth[deptOf[it.IndicatorID]], it)
				}
			}
			for id, x := range by {
				pt := RankPoint{Month: month}
				if its := ofMonth[id]; len(its) > 0 {
					r := progress.OnTimeRate(its).Rate
					pt.Rate = &r
				}
				if sum := progress.Summarize(results[id]); sum.Tracked > 0 {
					sh := sum.OnTrackShare
					pt.Share = &sh
				}
				x.trend = append(x.trend, pt)
			}
		}
	} else if at.Year() > d.plan.Year {
		for m := 1; m <= 12; m++ {
			rk.Months = append(rk.Months, progress.MonthOf(d.plan.Year, time.Month(m)))
		}
	}
	for id, x := range by {
		dr := DeptRank{Dept: d.depts[id], Summary: progress.Summarize(x.results), Rate: progress.OnTimeRate(x.items), Trend: x.trend}
		dr.Score, dr.Scored = progress.Score(dr.Rate, dr.Summary)
		dr.Lamp = progress.LampOf(dr.Score, dr.Scored)
		rk.Depts = append(rk.Depts, dr)
	}
	slices.SortFunc(rk.Depts, func(x, y DeptRank) int {
		return cmp.Or(-compareBool(x.Scored, y.Scored), y.Score.Cmp(x.Score), y.Rate.Rate.Cmp(x.Rate.Rate), cmp.Compare(x.Dept.Code, y.Dept.Code))
	})
	for i := range rk.Depts {
		dr := &rk.Depts[i]
		switch {
		case !dr.Scored:
			dr.Rank = 0 // not ranked
		case i > 0 && dr.Score.Equal(rk.Depts[i-1].Score) && dr.Rate.Rate.Equal(rk.Depts[i-1].Rate.Rate):
			dr.Rank = rk.Depts[i-1].Rank // a tie shares its place
		default:
			dr.Rank = i + 1
		}
	}
	return rk
}

// BulletinZone is one zone's part of the bulletin.
type BulletinZone struct {
	Zone    plan.Zone
	Summary progress.Summary
	// Good lists what was achieved or is on track; Behind what is at risk, behind, late
	// or overdue, with cause, remedy and owner.
	Good   []Placed
	Behind []Placed
}

// OverdueItem is one report past due and not handed in.
type OverdueItem struct {
	IndicatorID int64
	Code        string
	Name        string
	Dept        string
	Period      progress.Period
	Due         time.Time
	DaysLate    int
}

// Bulletin is the monthly bulletin (月度通报): the plan as of a month's end.
type Bulletin struct {
	Plan    *plan.Plan
	Month   progress.Period
	At      time.Time
	Overall progress.Summary
	Rate    progress.ReportingRate
	Zones   []BulletinZone
	Ranking []DeptRank
	Overdue []OverdueItem
}

// BulletinMonth is the month a bulletin is about when none is asked for: the last month
// ended by the plan's as-of moment, or that moment's month when none has.
func (s *Service) BulletinMonth(p *plan.Plan) progress.Period {
	at := s.AsOf(p)
	m := progress.PeriodOf(plan.Monthly, at)
	if periodEnd(m).After(at) && m.Index() > 1 {
		m = m.Prev()
	}
	if m.Year() > p.Year {
		m = progress.MonthOf(p.Year, time.December)
	}
	return m
}

// Bulletin reads the monthly bulletin of a plan for a month (zero: BulletinMonth): the
// plan as of the month's end.
func (s *Service) Bulletin(ctx context.Context, a Actor, planID int64, month progress.Period) (*Bulletin, error) {
	hdr, err := s.store.PlanHeader(ctx, planID)
	if err != nil {
		return nil, err
	}
	if month.IsZero() {
		month = s.BulletinMonth(hdr)
	}
	if month.Frequency() != plan.Monthly || month.Year() != hdr.Year {
		return nil, progress.ValidationErrors{{Field: "month", Message: fmt.Sprintf("%s is not a month of the plan year %d", month, hdr.Year)}}
	}
	at := periodEnd(month)
	d, err := s.loadPlanData(ctx, a, planID, at)
	if err != nil {
		return nil, err
	}
	b := &Bulletin{Plan: d.plan, Month: month, At: at}
	sts := d.evaluate(at)
	if err := s.explain(ctx, d, sts); err != nil {
		return nil, err
	}
	deptOf := map[int64]int64{}
	byID := map[int64]store.IndicatorRow{}
	for _, ind := range d.inds {
		deptOf[ind.ID], byID[ind.ID] = ind.DeptID, ind
	}
	byZone := map[int64]*BulletinZone{}
	for _, zr := range d.rollups(sts) {
		b.Zones = append(b.Zones, BulletinZone{Zone: zr.Zone, Summary: zr.Summary})
	}
	for i := range b.Zones {
		byZone[b.Zones[i].Zone.ID] = &b.Zones[i]
	}
	var all []progress.Result
	for _, st := range sts {
		all = append(all, st.Result)
		p := d.placed(st, deptOf[st.IndicatorID])
		bz := byZone[p.ZoneID]
		if bz == nil {
			continue
		}
		switch {
		case NeedsAttention(st.Status):
			p.Cause, p.Remedy = d.explanation(st.IndicatorID, month)
			bz.Behind = append(bz.Behind, p)
		case st.Status == progress.StatusAchieved || st.Status == progress.StatusDone || st.Status == progress.StatusOnTrack:
			bz.Good = append(bz.Good, p)
		}
	}
	for i := range b.Zones {
		slices.SortStableFunc(b.Zones[i].Behind, func(x, y Placed) int {
			return cmp.Compare(attentionOrder[x.Status], attentionOrder[y.Status])
		})
	}
	b.Overall = progress.Summarize(all)
	items := d.dueItems(at)
	b.Rate = progress.OnTimeRate(items)
	day := func(t time.Time) time.Time { y, m, dd := t.Date(); return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC) }
	for _, it := range items {
		if !it.Overdue {
			continue
		}
		ind := byID[it.IndicatorID]
		b.Overdue = append(b.Overdue, OverdueItem{IndicatorID: ind.ID, Code: ind.Code, Name: ind.Name, Dept: ind.DeptName,
			Period: it.Period, Due: it.Due, DaysLate: int(day(at).Sub(day(it.Due)).Hours() / 24)})
	}
	slices.SortFunc(b.Overdue, func(x, y OverdueItem) int {
		return cmp.Or(cmp.Compare(y.DaysLate, x.DaysLate), cmp.Compare(x.Dept, y.Dept), cmp.Compare(x.Code, y.Code))
	})
	rk, err := s.rankingOf(ctx, a, d.cs, d, at)
	if err != nil {
		return nil, err
	}
	b.Ranking = rk.Depts
	return b, nil
}

func compareBool(x, y bool) int {
	switch {
	case x == y:
		return 0
	case x:
		return 1
	}
	return -1
}

// ZoneCode is the code of the indicator's zone.
func (p Placed) ZoneCode() string { return p.zoneCode }
