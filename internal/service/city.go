package service

import (
	"context"
	"fmt"
	"maps"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/store"
)

// A city on one database: its districts' plans side by side. Indicators that carry the
// same standard code (indicator_codes) are the same indicator in every district, so
// they can be ranked (completion is a ratio, whatever the unit) and, where units allow,
// summed: 万元 and 亿元 add up as 元, 美元 never with 元, a rate (%) never.

// maxStdCode bounds a standard code's length.
const maxStdCode = 100

// saveStdCodes stores the standard codes of a plan's indicators, just created.
func (s *Service) saveStdCodes(ctx context.Context, p *plan.Plan) error {
	for _, z := range p.Zones {
		for _, pr := range z.Programs {
			for _, ind := range pr.Indicators {
				if ind.StdCode == "" {
					continue
				}
				if len(ind.StdCode) > maxStdCode {
					return plan.ValidationErrors{{Path: "indicators." + ind.Code, Field: "std_code", Message: fmt.Sprintf("at most %d bytes", maxStdCode)}}
				}
				if err := s.store.SetStdCode(ctx, ind.ID, ind.StdCode); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// loadStdCodes fills a plan's indicators' standard codes.
func (s *Service) loadStdCodes(ctx context.Context, p *plan.Plan) error {
	codes, err := s.store.StdCodes(ctx, p.ID)
	if err != nil {
		return err
	}
	for zi := range p.Zones {
		for pi := range p.Zones[zi].Programs {
			inds := p.Zones[zi].Programs[pi].Indicators
			for i := range inds {
				inds[i].StdCode = codes[inds[i].ID]
			}
		}
	}
	return nil
}

// CodesFromIndicatorCodes gives the indicators of a plan (all plans when 0) their own
// codes as standard codes, where they have none: for plans written to one template.
func (s *Service) CodesFromIndicatorCodes(ctx context.Context, a Actor, planID int64) (int64, error) {
	if err := s.can(a, auth.PlanEdit, auth.Resource{RegionID: a.RegionID}); err != nil {
		return 0, err
	}
	var n int64
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		var err error
		if n, err = s.store.CodesFromIndicatorCodes(ctx, planID); err != nil {
			return err
		}
		return s.record(ctx, a, 0, "plan.std_codes", "plan", planID, nil, map[string]any{"indicators": n}, "")
	})
	return n, err
}

// regionScope is the set of regions an actor oversees: their region and every region
// under it by parent code (a city's office oversees its districts); nil means all.
func (s *Service) regionScope(ctx context.Context, a Actor) (map[int64]bool, []plan.Region, error) {
	regions, err := s.store.Regions(ctx)
	if err != nil {
		return nil, nil, err
	}
	if a.System || (a.RegionID == 0 && a.UserID != 0) {
		return nil, regions, nil
	}
	scope := map[int64]bool{}
	if a.RegionID == 0 {
		return scope, regions, nil // visitors oversee nothing: public figures only
	}
	byCode := map[string]plan.Region{}
	for _, r := range regions {
		byCode[r.Code] = r
	}
	for _, r := range regions {
		// Walk up from r; it is in scope when the walk meets the actor's region.
		for cur, depth := r, 0; depth < 10; depth++ {
			if cur.ID == a.RegionID {
				scope[r.ID] = true
				break
			}
			parent, ok := byCode[cur.ParentCode]
			if !ok || cur.ParentCode == "" {
				break
			}
			cur = parent
		}
	}
	return scope, regions, nil
}

// cityVisible: an indicator of a region the actor oversees is judged as one of the
// actor's own region (the city's office reads its districts' internal indicators as a
// district's office reads its own); any other only if public.
func (s *Service) cityVisible(a Actor, scope map[int64]bool, ind store.IndicatorRow) bool {
	if scope == nil || scope[ind.RegionID] {
		own := ind
		if scope != nil {
			own.RegionID = a.RegionID
		}
		return s.visible(a, own) == nil
	}
	return s.visible(a, ind) == nil
}

// CityRow is one district's indicator of a standard code.
type CityRow struct {
	Region    plan.Region     `json:"region"`
	PlanID    int64           `json:"plan_id"`
	PlanTitle string          `json:"plan_title"`
	Indicator IndicatorStatus `json:"indicator"`
	Unit      string          `json:"unit"`
	Qualifier plan.Qualifier  `json:"qualifier"`
	Rank      int             `json:"rank,omitempty"` // by completion; 0 when it has none
}

// CityTotal sums the districts' figures that share a base unit.
type CityTotal struct {
	Unit       string           `json:"unit"` // the base unit: 元, 美元, 个 …
	Districts  int              `json:"districts"`
	Progress   decimal.Decimal  `json:"progress"`
	Target     *decimal.Decimal `json:"target,omitempty"` // nil unless every district has one
	Qualifier  plan.Qualifier   `json:"qualifier,omitempty"`
	Completion *decimal.Decimal `json:"completion,omitempty"`
}

// CityIndicator is one standard code across the districts the actor may see.
type CityIndicator struct {
	Code     string                  `json:"code"`
	Name     string                  `json:"name"`
	Year     int                     `json:"year"`
	At       time.Time               `json:"at"`
	Rows     []CityRow               `json:"rows"`
	ByStatus map[progress.Status]int `json:"by_status"`
	// Totals are the sums per base unit; empty for rates and milestones, which are
	// compared, not summed.
	Totals []CityTotal `json:"totals,omitempty"`
}

// CityIndicator evaluates one standard code in every district's plan of a year (the
// latest year having it when 0), as of at (zero: today), ranked by completion.
func (s *Service) CityIndicator(ctx context.Context, a Actor, code string, year int, at time.Time) (CityIndicator, error) {
	code = strings.TrimSpace(code)
	out := CityIndicator{Code: code, ByStatus: map[progress.Status]int{}}
	if code == "" {
		return out, plan.ValidationErrors{{Field: "code", Message: "give a standard code"}}
	}
	all, err := s.cityEvaluate(ctx, a, code, year, at)
	if err != nil {
		return out, err
	}
	if len(all.rows) == 0 {
		return out, fmt.Errorf("standard code %q: %w", code, plan.ErrNotFound)
	}
	out.Year, out.At, out.Rows = all.year, all.at, all.rows[code]
	if len(out.Rows) == 0 {
		return out, fmt.Errorf("standard code %q: %w", code, plan.ErrNotFound)
	}
	out.Name = out.Rows[0].Indicator.Name
	rankRows(out.Rows)
	for _, r := range out.Rows {
		out.ByStatus[r.Indicator.Status]++
	}
	out.Totals = cityTotals(out.Rows)
	return out, nil
}

// CityCode is one line of the city's overview: a standard code across districts.
type CityCode struct {
	Code      string                  `json:"code"`
	Name      string                  `json:"name"`
	Districts int                     `json:"districts"`
	ByStatus  map[progress.Status]int `json:"by_status"`
	Totals    []CityTotal             `json:"totals,omitempty"`
	Best      string                  `json:"best,omitempty"`  // the district ranked first
	Worst     string                  `json:"worst,omitempty"` // and last
}

// CityOverview is every standard code across the districts.
type CityOverview struct {
	Year      int                     `json:"year"`
	At        time.Time               `json:"at"`
	Districts []plan.Region           `json:"districts"`
	Codes     []CityCode              `json:"codes"`
	ByStatus  map[progress.Status]int `json:"by_status"`
}

// CityOverview evaluates every standard code in every district's plan of a year.
func (s *Service) CityOverview(ctx context.Context, a Actor, year int, at time.Time) (CityOverview, error) {
	all, err := s.cityEvaluate(ctx, a, "", year, at)
	if err != nil {
		return CityOverview{}, err
	}
	// Ranked and summed once per evaluation and set of rows seen: readers who see the
	// same rows (the same regions, the same rights) share it.
	if o, ok := all.ev.overviews.Load(all.seen); ok {
		out := o.(CityOverview)
		out.At = all.at
		return out, nil
	}
	out := CityOverview{Year: all.year, At: all.at, ByStatus: map[progress.Status]int{}}
	defer func() { all.ev.overviews.Store(all.seen, out) }()
	seen := map[int64]bool{}
	for code, rows := range all.rows {
		rankRows(rows)
		c := CityCode{Code: code, Name: rows[0].Indicator.Name, ByStatus: map[progress.Status]int{}, Totals: cityTotals(rows)}
		for _, r := range rows {
			c.ByStatus[r.Indicator.Status]++
			out.ByStatus[r.Indicator.Status]++
			if !seen[r.Region.ID] {
				seen[r.Region.ID] = true
				out.Districts = append(out.Districts, r.Region)
			}
		}
		c.Districts = len(rows)
		if rows[0].Rank != 0 {
			c.Best = rows[0].Region.Name
			last := rows[0]
			for _, r := range rows {
				if r.Rank != 0 {
					last = r
				}
			}
			c.Worst = last.Region.Name
		}
		out.Codes = append(out.Codes, c)
	}
	sort.Slice(out.Codes, func(i, j int) bool { return out.Codes[i].Code < out.Codes[j].Code })
	sort.Slice(out.Districts, func(i, j int) bool { return out.Districts[i].Code < out.Districts[j].Code })
	return out, nil
}

type cityEvaluation struct {
	year int
	at   time.Time
	rows map[string][]CityRow
	// ev is the shared evaluation the rows come from, seen which of its items the
	// actor sees (one bit each).
	ev   *cityEvalResult
	seen string
}

// cityEvaluate takes the evaluation of the coded indicators (of one code, or all) of
// every district's plan of the year, made once per state of the plans (cityEval), and
// keeps the rows the actor may see: the read rule is applied per request, on the shared
// evaluation.
func (s *Service) cityEvaluate(ctx context.Context, a Actor, code string, year int, at time.Time) (cityEvaluation, error) {
	out := cityEvaluation{rows: map[string][]CityRow{}}
	scope, _, err := s.regionScope(ctx, a)
	if err != nil {
		return out, err
	}
	if a.UserID == 0 && !a.System && !s.PublicView {
		return out, auth.ErrUnauthenticated
	}
	if at.IsZero() {
		at = s.Now()
	}
	ev, err := s.cityEval(ctx, code, year, at)
	if err != nil {
		return out, err
	}
	out.year, out.at, out.ev = ev.year, at, ev
	items := ev.items
	if code != "" && ev.byCode != nil { // one code out of the whole city's evaluation
		items = ev.byCode[code]
	}
	seen := make([]byte, (len(items)+7)/8)
	for i, it := range items {
		// A regional reader's roll-up is of the regions they oversee; visitors and
		// deployment-wide readers see every district (visitors its public codes).
		if len(scope) > 0 && !scope[it.ind.RegionID] || !s.cityVisible(a, scope, it.ind) {
			continue
		}
		seen[i/8] |= 1 << (i % 8)
		out.rows[it.code] = append(out.rows[it.code], it.row)
	}
	out.seen = string(seen)
	return out, nil
}

// The city's evaluations are kept per state of every plan (store.PlansStamp: the plans'
// versions summed, moved by every change of a status input, of the plan or of its
// standard codes, on any server), year, date and code ("" for the whole city). The
// first read of a state computes it; later ones, on every server whose stamp matches,
// take it. A stamp that moves drops them all.
type cityCache struct {
	mu    sync.Mutex
	stamp string
	evals map[cityKey]*lazy[*cityEvalResult]
	// pieces are the statuses of the coded indicators evaluated so far, per plan at
	// one version and date: when the stamp moves (one district approved a report),
	// the next evaluation re-reads only the plans whose version moved.
	pieces map[int64]*cityPiece
	// lists are each plan's coded indicators at one version, for the overview.
	lists map[int64]*cityList
}

// cityList is a plan's coded indicators and their codes at one version.
type cityList struct {
	version int64
	inds    []store.IndicatorRow
	codes   map[int64]string
}

// codedIndicators lists the coded indicators of the plans given (every code), reading
// again only the plans whose version moved since they were read.
func (s *Service) codedIndicators(ctx context.Context, plans map[int64]*plan.Plan, versions map[int64]store.PlanVersion) ([]store.IndicatorRow, map[int64]string, error) {
	ids := make([]int64, 0, len(plans))
	for id := range plans {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	lists := map[int64]*cityList{}
	var stale []int64
	s.city.mu.Lock()
	for _, id := range ids {
		if l := s.city.lists[id]; l != nil && l.version == versions[id].Version {
			lists[id] = l
		} else {
			stale = append(stale, id)
		}
	}
	s.city.mu.Unlock()
	if len(stale) > 0 {
		inds, codes, err := s.store.CodedIndicatorsOfPlans(ctx, stale)
		if err != nil {
			return nil, nil, err
		}
		for _, id := range stale {
			lists[id] = &cityList{version: versions[id].Version, codes: map[int64]string{}}
		}
		for _, ind := range inds {
			l := lists[ind.PlanID]
			l.inds = append(l.inds, ind)
			l.codes[ind.ID] = codes[ind.ID]
		}
		s.city.mu.Lock()
		if s.city.lists == nil {
			s.city.lists = map[int64]*cityList{}
		}
		for _, id := range stale {
			s.city.lists[id] = lists[id]
		}
		s.city.mu.Unlock()
	}
	var inds []store.IndicatorRow
	codes := map[int64]string{}
	for _, id := range ids {
		inds = append(inds, lists[id].inds...)
		maps.Copy(codes, lists[id].codes)
	}
	return inds, codes, nil
}

// cityPiece is a plan's coded indicators' statuses at one version and date.
type cityPiece struct {
	version int64
	date    string
	sts     map[int64]IndicatorStatus
}

// known takes from the pieces the statuses of the indicators of plans still at the
// versions given, at a date.
func (c *cityCache) known(versions map[int64]store.PlanVersion, date string, inds []store.IndicatorRow, into map[int64]IndicatorStatus) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, ind := range inds {
		pc := c.pieces[ind.PlanID]
		if pc == nil || pc.date != date || pc.version != versions[ind.PlanID].Version {
			continue
		}
		if st, ok := pc.sts[ind.ID]; ok {
			into[ind.ID] = st
		}
	}
}

// keep adds statuses evaluated at the plans' versions and a date to the pieces.
func (c *cityCache) keep(versions map[int64]store.PlanVersion, date string, inds []store.IndicatorRow, sts map[int64]IndicatorStatus) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pieces == nil {
		c.pieces = map[int64]*cityPiece{}
	}
	for _, ind := range inds {
		st, ok := sts[ind.ID]
		if !ok {
			continue
		}
		v := versions[ind.PlanID].Version
		pc := c.pieces[ind.PlanID]
		if pc == nil || pc.date != date || pc.version != v {
			pc = &cityPiece{version: v, date: date, sts: map[int64]IndicatorStatus{}}
			c.pieces[ind.PlanID] = pc
		}
		pc.sts[ind.ID] = st
	}
}

type cityKey struct {
	code string
	year int
	date string
}

// cityEvalsKept bounds the evaluations kept for one stamp (codes × dates × years).
const cityEvalsKept = 1024

// cityEvalResult is the coded indicators of the districts' plans of a year, each with
// its status, before any read rule: shared, not to be changed.
type cityEvalResult struct {
	year   int
	items  []cityItem
	byCode map[string][]cityItem // set for the whole city's
	// overviews are the city's overview made from it, by the rows seen
	// (cityEvaluation.seen).
	overviews sync.Map
}

type cityItem struct {
	code string
	ind  store.IndicatorRow
	row  CityRow
}

func (c *cityCache) slot(stamp string, k cityKey) *lazy[*cityEvalResult] {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stamp != stamp || len(c.evals) >= cityEvalsKept {
		c.stamp, c.evals = stamp, map[cityKey]*lazy[*cityEvalResult]{}
	}
	l := c.evals[k]
	if l == nil {
		l = &lazy[*cityEvalResult]{}
		c.evals[k] = l
	}
	return l
}

// cityEval is the evaluation of one code (or every code) in the plans of a year as of
// at's date, computed once per state of the plans.
func (s *Service) cityEval(ctx context.Context, code string, year int, at time.Time) (*cityEvalResult, error) {
	stamp, err := s.store.PlansStamp(ctx)
	if err != nil {
		return nil, err
	}
	k := cityKey{code: code, year: year, date: dateKey(at)}
	if code != "" { // the whole city's, when made, holds every code
		if whole, ok := s.city.slot(stamp, cityKey{year: year, date: k.date}).peek(); ok {
			return whole, nil
		}
	}
	return s.city.slot(stamp, k).get(func() (*cityEvalResult, error) { return s.cityCompute(ctx, code, year, at) })
}

// cityCompute evaluates the coded indicators: from each district's status cache where
// it holds the plan's present version at that date, else the indicators alone (their
// reports of the plan year and the year before, their target revisions: a few batched
// queries), so that the first read of one code does not build the status of every
// district's whole plan.
func (s *Service) cityCompute(ctx context.Context, code string, year int, at time.Time) (*cityEvalResult, error) {
	plans, versions, err := s.store.PlanHeaders(ctx, year)
	if err != nil {
		return nil, err
	}
	var inds []store.IndicatorRow
	var codes map[int64]string
	if code == "" {
		inds, codes, err = s.codedIndicators(ctx, plans, versions)
	} else {
		inds, codes, err = s.store.CodedIndicators(ctx, code, year)
	}
	if err != nil {
		return nil, err
	}
	regions, err := s.store.Regions(ctx)
	if err != nil {
		return nil, err
	}
	if year == 0 {
		for _, ind := range inds {
			if p, ok := plans[ind.PlanID]; ok {
				year = max(year, p.Year)
			}
		}
	}
	out := &cityEvalResult{year: year}
	regionByID := map[int64]plan.Region{}
	for _, r := range regions {
		regionByID[r.ID] = r
	}
	var kept []store.IndicatorRow
	for _, ind := range inds {
		if p, ok := plans[ind.PlanID]; ok && p.Year == year {
			kept = append(kept, ind)
		}
	}
	inds = kept
	date := dateKey(at)
	status := map[int64]IndicatorStatus{}
	s.city.known(versions, date, inds, status)
	var cold []int64 // indicators whose plan's status is not cached at this version and date
	var coldInds []store.IndicatorRow
	checked := map[int64]*cachedStatus{}
	for _, ind := range inds {
		if _, ok := status[ind.ID]; ok {
			continue
		}
		cs, seen := checked[ind.PlanID]
		if !seen {
			cs = s.publishedStatus(ind.PlanID, versions[ind.PlanID], at)
			checked[ind.PlanID] = cs
		}
		if cs != nil {
			if st, _, ok := cs.indicator(ind.ID); ok {
				status[ind.ID] = st
				continue
			}
		}
		cold = append(cold, ind.ID)
		coldInds = append(coldInds, ind)
	}
	if len(cold) > 0 {
		reports, err := s.store.EvalReports(ctx, 0, cold, year-1, year)
		if err != nil {
			return nil, err
		}
		revs, err := s.store.TargetRevisionsOf(ctx, cold)
		if err != nil {
			return nil, err
		}
		for _, ind := range coldInds {
			status[ind.ID] = statusOf(ind, progress.Evaluate(evalInput(ind, plans[ind.PlanID], reports[ind.ID], revs[ind.ID], at)))
		}
	}
	s.city.keep(versions, date, inds, status)
	for _, ind := range inds {
		st, ok := status[ind.ID]
		if !ok {
			continue
		}
		p := plans[ind.PlanID]
		out.items = append(out.items, cityItem{code: codes[ind.ID], ind: ind, row: CityRow{Region: regionByID[ind.RegionID], PlanID: p.ID,
			PlanTitle: p.Title, Indicator: st, Unit: ind.Unit, Qualifier: ind.Qualifier}})
	}
	if code == "" {
		out.byCode = map[string][]cityItem{}
		for _, it := range out.items {
			out.byCode[it.code] = append(out.byCode[it.code], it)
		}
	}
	return out, nil
}

// rankRows orders rows by completion, best first (those without one last, by region
// code), and numbers the ranked ones.
func rankRows(rows []CityRow) {
	sort.SliceStable(rows, func(i, j int) bool {
		ci, cj := rows[i].Indicator.Completion, rows[j].Indicator.Completion
		switch {
		case ci != nil && cj != nil && !ci.Equal(*cj):
			return ci.GreaterThan(*cj)
		case ci != nil && cj == nil:
			return true
		case ci == nil && cj != nil:
			return false
		}
		return rows[i].Region.Code < rows[j].Region.Code
	})
	rank := 0
	for i := range rows {
		if rows[i].Indicator.Completion != nil {
			rank++
			rows[i].Rank = rank
		}
	}
}

// baseUnit splits a unit into the unit sums are made in and the factor to it: 亿元 is
// 1e8 元, 万美元 1e4 美元, 万人 1e4 人. A rate (%) or an empty unit has no base: it is
// compared, never summed.
func baseUnit(unit string) (string, decimal.Decimal, bool) {
	u := strings.TrimSpace(unit)
	if u == "" || strings.Contains(u, "%") || strings.Contains(u, "％") || strings.Contains(u, "百分点") {
		return "", decimal.Zero, false
	}
	for _, p := range []struct {
		prefix string
		exp    int32
	}{{"亿", 8}, {"千万", 7}, {"百万", 6}, {"万", 4}, {"千", 3}} {
		if rest, ok := strings.CutPrefix(u, p.prefix); ok && rest != "" {
			return rest, decimal.New(1, p.exp), true
		}
	}
	return u, decimal.NewFromInt(1), true
}

// cityTotals sums, per base unit, the figures of level indicators (amounts and counts;
// not growth rates nor milestones). A total's target is given only when every district
// in it has one, with the qualifier they share ("" when they differ).
func cityTotals(rows []CityRow) []CityTotal {
	byUnit := map[string]*CityTotal{}
	var order []string
	missingTarget := map[string]bool{}
	for _, r := range rows {
		if r.Indicator.Kind != plan.KindLevel {
			continue
		}
		base, factor, ok := baseUnit(r.Unit)
		if !ok {
			continue
		}
		t := byUnit[base]
		if t == nil {
			t = &CityTotal{Unit: base, Qualifier: r.Qualifier}
			byUnit[base] = t
			order = append(order, base)
		}
		t.Districts++
		if r.Indicator.Progress != nil {
			t.Progress = t.Progress.Add(r.Indicator.Progress.Mul(factor))
		}
		if r.Indicator.Target == nil {
			missingTarget[base] = true
		} else {
			sum := r.Indicator.Target.Mul(factor)
			if t.Target != nil {
				sum = sum.Add(*t.Target)
			}
			t.Target = &sum
		}
		if t.Qualifier != r.Qualifier {
			t.Qualifier = ""
		}
	}
	var out []CityTotal
	for _, u := range order {
		t := *byUnit[u]
		if missingTarget[u] {
			t.Target = nil
		}
		if t.Target != nil && t.Target.Sign() > 0 {
			c := t.Progress.Div(*t.Target).Round(4)
			t.Completion = &c
		}
		out = append(out, t)
	}
	return out
}

// AddRegion adds a region of the tree (a province, a city, a district) under a parent
// code, or returns the existing one of that code. Only a deployment-wide admin may.
func (s *Service) AddRegion(ctx context.Context, a Actor, r plan.Region) (plan.Region, error) {
	r.Code, r.Name, r.ParentCode = strings.TrimSpace(r.Code), strings.TrimSpace(r.Name), strings.TrimSpace(r.ParentCode)
	if r.Code == "" || r.Name == "" {
		return r, plan.ValidationErrors{{Field: "code", Message: "a region needs a code and a name"}}
	}
	if !a.System && (a.RegionID != 0 || !a.HasRole(auth.RoleAdmin)) {
		return r, fmt.Errorf("regions are a deployment-wide admin's: %w", auth.ErrForbidden)
	}
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		id, err := s.store.EnsureRegion(ctx, r)
		if err != nil {
			return err
		}
		r.ID = id
		return s.record(ctx, a, id, "region.add", "region", id, nil, r, "")
	})
	return r, err
}

// Regions lists the region tree's rows.
func (s *Service) Regions(ctx context.Context) ([]plan.Region, error) { return s.store.Regions(ctx) }
