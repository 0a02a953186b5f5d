package service

import (
	"context"
	"maps"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/store"
)

// Status as derived data (issue 11). A plan's status changes only when what the engine
// reads changes — a report, a target revision, an unlock, a baseline, the plan itself —
// and every such write bumps the plan's version in the database, in its own transaction
// (store.PlanChanged). So each server keeps, per plan, the engine's inputs and the
// status of every indicator per "as of" date asked, and checks the version with one read
// per request: unchanged, the status is served as computed; changed, only the indicators
// marked since are read again and re-evaluated (the whole plan when it changed as a
// whole). Several servers over one database therefore never serve a stale status.
//
// What is cached holds every indicator, public and internal; who may see which is
// applied per reader on every request (cachedStatus.visible), never stored per reader.

// datesPerPlan bounds the "as of" dates kept per plan (today, the demo's date, a few
// asked with ?at=); the oldest asked is dropped first.
const datesPerPlan = 8

// patchLimit is the number of changed indicators above which a plan is rebuilt rather
// than patched indicator by indicator.
const patchLimit = 20

type statusCache struct {
	mu    sync.Mutex
	plans map[int64]*planEntry
}

// planEntry is one plan's engine inputs and computed statuses at one version.
type planEntry struct {
	mu      sync.Mutex
	loaded  bool
	version int64
	header  *plan.Plan
	// tree and publicTree are the plan with every indicator and with the public ones;
	// they change only with whole-plan changes.
	tree, publicTree *plan.Plan
	inds             []store.IndicatorRow
	pos              map[int64]int // indicator id → index in inds
	reports          map[int64][]progress.Report
	revs             map[int64][]progress.TargetRevision
	dates            map[string]*cachedStatus
	order            []string // dates, oldest asked first

	// pub is what readers at the entry's version take without its lock (published):
	// the lock is held only to bring the entry to a new version or to add a date, so
	// readers of an unchanged plan never wait behind a reader that is refreshing it.
	pub atomic.Pointer[published]
}

// published is an immutable view of a planEntry at one version.
type published struct {
	version          int64
	header           *plan.Plan
	tree, publicTree *plan.Plan
	dates            map[string]*cachedStatus
}

// publish makes the entry's present state the one lock-free readers see; the caller
// holds e.mu.
func (e *planEntry) publish() {
	if !e.loaded {
		e.pub.Store(nil)
		return
	}
	e.pub.Store(&published{version: e.version, header: e.header, tree: e.tree, publicTree: e.publicTree, dates: maps.Clone(e.dates)})
}

// current says whether the published state is the database's version v: then it may be
// served as it is (the same test fresh makes under the lock).
func (p *published) current(v store.PlanVersion) bool {
	return p != nil && v.Version == p.version && v.Shape <= p.version
}

// cachedStatus is a plan's status at one date: immutable once made, so readers may hold
// it while a newer one replaces it.
type cachedStatus struct {
	header *plan.Plan
	all    []IndicatorStatus // every indicator, in plan order
	public []IndicatorStatus // the public ones
	inds   []store.IndicatorRow
	at     time.Time
	tree   *plan.Plan // the plan's outline and indicators when the status was made

	// views are what the pages derive from this status, made once (statusviews.go).
	views statusViews

	ratesOnce sync.Once
	rates     map[string][]progress.ReportingRate
	reports   map[int64][]progress.Report // for the rates; not changed after the status is made
}

func (c *statusCache) entry(planID int64) *planEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.plans == nil {
		c.plans = map[int64]*planEntry{}
	}
	e := c.plans[planID]
	if e == nil {
		e = &planEntry{}
		c.plans[planID] = e
	}
	return e
}

// dateKey: the engine reads an "as of" moment by its calendar date (progress.dateOf).
func dateKey(at time.Time) string { return at.Format(time.DateOnly) }

// fresh returns a plan's entry brought up to the database's version, locked: the caller
// unlocks it.
func (s *Service) fresh(ctx context.Context, planID int64) (*planEntry, error) {
	v, err := s.store.PlanVersion(ctx, planID)
	if err != nil {
		return nil, err
	}
	return s.freshAt(ctx, planID, v)
}

// freshAt is fresh with the plan's version already read (the city roll-up reads every
// district's version in one query).
func (s *Service) freshAt(ctx context.Context, planID int64, v store.PlanVersion) (*planEntry, error) {
	var err error
	e := s.cache.entry(planID)
	e.mu.Lock()
	switch {
	case !e.loaded || v.Shape > e.version || v.Version < e.version:
		err = s.loadPlan(ctx, e, planID, v.Version)
	case v.Version > e.version:
		err = s.patchPlan(ctx, e, planID, v.Version)
	}
	if err != nil {
		e.loaded = false
		e.publish()
		e.mu.Unlock()
		return nil, err
	}
	return e, nil
}

// planStatus returns a plan's status at at (zero: the plan's as-of moment), computed at
// most once per plan version and date.
func (s *Service) planStatus(ctx context.Context, planID int64, at time.Time) (*cachedStatus, error) {
	v, err := s.store.PlanVersion(ctx, planID)
	if err != nil {
		return nil, err
	}
	if cs := s.publishedStatus(planID, v, at); cs != nil {
		return cs, nil
	}
	e, err := s.freshAt(ctx, planID, v)
	if err != nil {
		return nil, err
	}
	return s.statusAt(e, at), nil
}

// publishedStatus is the plan's status at at taken without the entry's lock, when the
// entry is at the database's version v and has that date; nil otherwise.
func (s *Service) publishedStatus(planID int64, v store.PlanVersion, at time.Time) *cachedStatus {
	p := s.cache.entry(planID).pub.Load()
	if !p.current(v) {
		return nil
	}
	if at.IsZero() {
		at = s.AsOf(p.header)
	}
	return p.dates[dateKey(at)]
}

// statusAt returns the status of a fresh entry, locked by the caller, at at, and
// unlocks it.
func (s *Service) statusAt(e *planEntry, at time.Time) *cachedStatus {
	defer e.mu.Unlock()
	if at.IsZero() {
		at = s.AsOf(e.header)
	}
	key := dateKey(at)
	if cs := e.dates[key]; cs != nil {
		return cs // another moment of the same date reads the same
	}
	cs := e.evaluate(at, nil, nil)
	if len(e.order) >= datesPerPlan {
		delete(e.dates, e.order[0])
		e.order = e.order[1:]
	}
	e.dates[key] = cs
	e.order = append(e.order, key)
	e.publish()
	return cs
}

// planTree returns a plan with its zones, programs and indicators as the actor may see
// it, read once per whole-plan change (statuses, reports and revisions are not in it).
// The tree is shared: callers must not change it.
func (s *Service) planTree(ctx context.Context, a Actor, planID int64) (*plan.Plan, error) {
	v, err := s.store.PlanVersion(ctx, planID)
	if err != nil {
		return nil, err
	}
	e := s.cache.entry(planID)
	var full, public *plan.Plan
	if p := e.pub.Load(); p.current(v) {
		full, public = p.tree, p.publicTree
	} else {
		if e, err = s.freshAt(ctx, planID, v); err != nil {
			return nil, err
		}
		full, public = e.tree, e.publicTree
		e.publish()
		e.mu.Unlock()
	}
	var p plan.Plan
	switch {
	case s.seesInternal(a, full.RegionID):
		p = *full
	case a.UserID == 0 && !a.System && !s.PublicView:
		return nil, auth.ErrUnauthenticated
	default:
		p = *public
	}
	return &p, nil
}

// readYears bounds the reports read for the engine: the plan year, and last year's for
// the seasonal shape and the projection range — the only years a report may be written
// for (progress.Validate).
func readYears(p *plan.Plan) (int, int) { return p.Year - 1, p.Year }

func (s *Service) loadPlan(ctx context.Context, e *planEntry, planID, version int64) error {
	p, err := s.store.PlanHeader(ctx, planID)
	if err != nil {
		return err
	}
	inds, err := s.store.PlanIndicators(ctx, planID)
	if err != nil {
		return err
	}
	from, to := readYears(p)
	reports, err := s.store.EvalReports(ctx, planID, nil, from, to)
	if err != nil {
		return err
	}
	revs, err := s.store.TargetRevisions(ctx, planID, 0)
	if err != nil {
		return err
	}
	tree, err := s.store.GetPlan(ctx, planID)
	if err != nil {
		return err
	}
	public, err := s.store.GetPlan(ctx, planID)
	if err != nil {
		return err
	}
	PublicOnly(public)
	e.tree, e.publicTree = tree, public
	e.loaded, e.version, e.header, e.inds, e.reports, e.revs = true, version, p, inds, reports, revs
	e.pos = make(map[int64]int, len(inds))
	for i, ind := range inds {
		e.pos[ind.ID] = i
	}
	e.dates, e.order = map[string]*cachedStatus{}, nil
	e.publish()
	return nil
}

// patchPlan reads again the indicators changed since the entry's version and
// re-evaluates them at every date kept.
func (s *Service) patchPlan(ctx context.Context, e *planEntry, planID, version int64) error {
	ids, err := s.store.ChangedIndicators(ctx, planID, e.version)
	if err != nil {
		return err
	}
	if len(ids) > patchLimit {
		return s.loadPlan(ctx, e, planID, version)
	}
	rows, err := s.store.IndicatorsByID(ctx, planID, ids)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if _, ok := e.pos[r.ID]; !ok { // new to this server: rebuild
			return s.loadPlan(ctx, e, planID, version)
		}
	}
	from, to := readYears(e.header)
	reports, err := s.store.EvalReports(ctx, planID, ids, from, to)
	if err != nil {
		return err
	}
	changed := map[int64]bool{}
	inds := append([]store.IndicatorRow(nil), e.inds...) // statuses made before hold the old slice
	for _, r := range rows {
		revs, err := s.store.TargetRevisions(ctx, 0, r.ID)
		if err != nil {
			return err
		}
		inds[e.pos[r.ID]] = r
		e.revs[r.ID] = revs[r.ID]
		changed[r.ID] = true
	}
	reps := make(map[int64][]progress.Report, len(e.reports))
	for id, rs := range e.reports {
		reps[id] = rs
	}
	for _, id := range ids {
		reps[id] = reports[id]
	}
	e.inds, e.reports, e.version = inds, reps, version
	for key, old := range e.dates {
		e.dates[key] = e.evaluate(old.at, old.all, changed)
	}
	e.publish()
	return nil
}

// evaluate computes the plan's status at at: every indicator, or (with prev) only the
// changed ones, the others taken from prev.
func (e *planEntry) evaluate(at time.Time, prev []IndicatorStatus, changed map[int64]bool) *cachedStatus {
	cs := &cachedStatus{header: e.header, inds: e.inds, at: at, tree: e.tree, reports: e.reports, all: make([]IndicatorStatus, len(e.inds))}
	for i, ind := range e.inds {
		if prev != nil && !changed[ind.ID] {
			cs.all[i] = prev[i]
			continue
		}
		cs.all[i] = statusOf(ind, progress.Evaluate(evalInput(ind, e.header, e.reports[ind.ID], e.revs[ind.ID], at)))
	}
	for _, st := range cs.all {
		if st.Public {
			cs.public = append(cs.public, st)
		}
	}
	return cs
}

func statusOf(ind store.IndicatorRow, res progress.Result) IndicatorStatus {
	return IndicatorStatus{Result: res, Name: ind.Name, Unit: ind.Unit, Kind: ind.Kind, DeptName: ind.DeptName,
		ProgramID: ind.ProgramID, Public: ind.Public}
}

// visible applies the read rule to the cached status for one reader: all of it for
// those who see internal indicators, the public indicators for the others (the public
// only when the public view is on). The slice is shared: callers must not change it.
func (s *Service) visibleStatus(a Actor, cs *cachedStatus) ([]IndicatorStatus, error) {
	if s.seesInternal(a, cs.header.RegionID) {
		return cs.all, nil
	}
	if a.UserID == 0 && !a.System && !s.PublicView {
		return nil, auth.ErrUnauthenticated
	}
	return cs.public, nil
}

// indicatorStatus finds one indicator's cached status.
func (cs *cachedStatus) indicator(id int64) (IndicatorStatus, store.IndicatorRow, bool) {
	for i, ind := range cs.inds {
		if ind.ID == id {
			return cs.all[i], ind, true
		}
	}
	return IndicatorStatus{}, store.IndicatorRow{}, false
}

// departmentRates computes the on-time rates once per cached status.
func (cs *cachedStatus) departmentRates() map[string][]progress.ReportingRate {
	cs.ratesOnce.Do(func() {
		p := cs.header
		items := map[string][]progress.DueItem{}
		for _, ind := range cs.inds {
			if ind.DeptName == "" || !ind.HasTarget() {
				continue
			}
			items[ind.DeptName] = append(items[ind.DeptName], progress.DueItems(ind.ID, ind.DeptName, progress.ObligationOf(ind.Indicator, p.Settings, p.Year), cs.reports[ind.ID], cs.at)...)
		}
		cs.rates = map[string][]progress.ReportingRate{}
		for dept, its := range items {
			cs.rates[dept] = progress.OnTimeByPeriod(its)
		}
	})
	return cs.rates
}

// DataStamp names the state of every plan's status inputs (store.PlansStamp): equal
// stamps mean no report, target, unlock, baseline, indicator or plan changed in between,
// on any server. The web keys its rendered public pages by it.
func (s *Service) DataStamp(ctx context.Context) (string, error) {
	return s.store.PlansStamp(ctx)
}
