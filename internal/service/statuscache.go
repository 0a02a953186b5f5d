package service

import (
	"context"
	"maps"
	"slices"
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

// patchable says whether changed indicators of a plan of total are re-read and
// re-evaluated (in batches: a few queries whatever their number) rather than the whole
// plan rebuilt: beyond half the plan a rebuild reads about as much. Under writers
// approving a hundred reports a second, tens of indicators change between two reads;
// a fixed limit of 20 made every read a rebuild (BENCHMARKS.md, fourth pass).
func patchable(changed, total int) bool { return changed*2 <= total }

type statusCache struct {
	mu    sync.Mutex
	plans map[int64]*planEntry
	// clock ticks before every read of a plan's version, so that a read can tell
	// whether an entry's version was read after it began (published.serves).
	clock atomic.Uint64
	// rebuilds and patches count the refreshes made, for the tests and the profile.
	rebuilds, patches atomic.Int64
}

func (c *statusCache) tick() uint64 { return c.clock.Add(1) }

// planEntry is one plan's engine inputs and computed statuses at one version.
type planEntry struct {
	// mu is held to bring the entry to a new version or add a date: one rebuild or
	// patch of a plan at a time on a server; readers who need it wait and share it.
	mu      sync.Mutex
	loaded  bool
	version int64
	// read is the clock's tick taken before the version the entry is at was read.
	read   uint64
	header *plan.Plan
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
	read             uint64
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
	e.pub.Store(&published{version: e.version, read: e.read, header: e.header, tree: e.tree, publicTree: e.publicTree, dates: maps.Clone(e.dates)})
}

// serves says whether the published state may answer a reader who took the clock's
// tick t and then read the plan's version v: it is at v, or its own version was read
// after t — then it holds every write done before the reader began (perhaps later
// ones too, which is as fresh). Readers whose version was overtaken while they waited
// are so served by the refresh that overtook them, instead of refreshing again.
func (p *published) serves(v store.PlanVersion, t uint64) bool {
	return p != nil && (p.read > t || v.Version == p.version && v.Shape <= p.version)
}

// cachedStatus is a plan's status at one date: immutable once made, so readers may hold
// it while a newer one replaces it.
type cachedStatus struct {
	header *plan.Plan
	all    []IndicatorStatus // every indicator, in plan order
	public []IndicatorStatus // the public ones
	inds   []store.IndicatorRow
	pos    map[int64]int // indicator id → index in inds and all; shared, not changed
	at     time.Time
	tree   *plan.Plan // the plan's outline and indicators when the status was made

	// views are what the pages derive from this status, made once (statusviews.go).
	views statusViews

	rates   lazy[*deptRates]
	reports map[int64][]progress.Report // for the rates; not changed after the status is made
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

// freshAt returns a plan's entry brought up to the version v read after the clock's
// tick t (or to a later one), locked: the caller unlocks it. One refresh of a plan runs
// at a time; a reader who waited for another's finds the entry already past what it
// read and takes it as it is, or refreshes to the version read again now — so the
// readers queued behind a refresh share the next one instead of each making their own.
func (s *Service) freshAt(ctx context.Context, planID int64, v store.PlanVersion, t uint64) (*planEntry, error) {
	e := s.cache.entry(planID)
	waited := !e.mu.TryLock()
	if waited {
		e.mu.Lock()
	}
	if e.loaded && e.read > t {
		return e, nil
	}
	if waited || e.loaded && v.Version < e.version {
		// The entry moved on while this reader waited, or this read overtook an
		// earlier one on another connection (or the database went back, a restore):
		// the version read now says which.
		t = s.cache.tick()
		nv, err := s.store.PlanVersion(ctx, planID)
		if err != nil {
			e.mu.Unlock()
			return nil, err
		}
		v = nv
	}
	var err error
	switch {
	case !e.loaded || v.Shape > e.version || v.Version < e.version:
		err = s.loadPlan(ctx, e, planID, v.Version)
	case v.Version > e.version:
		err = s.patchPlan(ctx, e, planID, v.Version)
	}
	if err != nil {
		e.loaded, e.read = false, 0
		e.publish()
		e.mu.Unlock()
		return nil, err
	}
	if t > e.read {
		e.read = t
		e.publish()
	}
	return e, nil
}

// readMoment is the clock's tick taken when a request that only reads began
// (WithReadMoment), with the cache whose clock it is.
type readMoment struct {
	cache *statusCache
	tick  uint64
}

type readMomentKey struct{}

// WithReadMoment marks ctx as a request that reads and does not write what the status
// is computed from (a GET): every status it reads must show the writes done before it
// began, and a state read after that shows them — so once one of its reads has
// brought a plan up to date (or found it so), its other reads of that plan take it
// without reading the plan's version again, nor waiting for a newer refresh while
// writers move the version on. A request that writes must not carry it: its reads
// after its own write must show that write.
func (s *Service) WithReadMoment(ctx context.Context) context.Context {
	return context.WithValue(ctx, readMomentKey{}, readMoment{cache: &s.cache, tick: s.cache.tick()})
}

// momentServes says whether a published state answers a request's reads without a
// version read: the request has a moment on this server and the state's version was
// read after it.
func (s *Service) momentServes(ctx context.Context, p *published) bool {
	m, ok := ctx.Value(readMomentKey{}).(readMoment)
	return ok && m.cache == &s.cache && p != nil && p.read > m.tick
}

// planStatus returns a plan's status at at (zero: the plan's as-of moment), computed at
// most once per plan version and date.
func (s *Service) planStatus(ctx context.Context, planID int64, at time.Time) (*cachedStatus, error) {
	if p := s.cache.entry(planID).pub.Load(); s.momentServes(ctx, p) {
		if cs := p.statusAt(s, at); cs != nil {
			return cs, nil
		}
	}
	t := s.cache.tick()
	v, err := s.store.PlanVersion(ctx, planID)
	if err != nil {
		return nil, err
	}
	if cs := s.publishedAt(planID, v, t, at); cs != nil {
		return cs, nil
	}
	e, err := s.freshAt(ctx, planID, v, t)
	if err != nil {
		return nil, err
	}
	return s.statusAt(e, at), nil
}

// publishedStatus is the plan's status at at taken without the entry's lock, when the
// entry is at the database's version v and has that date; nil otherwise.
func (s *Service) publishedStatus(planID int64, v store.PlanVersion, at time.Time) *cachedStatus {
	return s.publishedAt(planID, v, ^uint64(0), at)
}

// publishedAt is publishedStatus for a reader who read v after the clock's tick t.
func (s *Service) publishedAt(planID int64, v store.PlanVersion, t uint64, at time.Time) *cachedStatus {
	p := s.cache.entry(planID).pub.Load()
	if !p.serves(v, t) {
		return nil
	}
	return p.statusAt(s, at)
}

// statusAt is the published status at at (zero: the plan's as-of moment), if made.
func (p *published) statusAt(s *Service, at time.Time) *cachedStatus {
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
	e := s.cache.entry(planID)
	var full, public *plan.Plan
	t := s.cache.tick()
	if p := e.pub.Load(); s.momentServes(ctx, p) {
		full, public = p.tree, p.publicTree
	} else if v, err := s.store.PlanVersion(ctx, planID); err != nil {
		return nil, err
	} else if p := e.pub.Load(); p.serves(v, t) {
		full, public = p.tree, p.publicTree
	} else {
		if e, err = s.freshAt(ctx, planID, v, t); err != nil {
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
	s.cache.rebuilds.Add(1)
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

// patchPlan reads again the indicators changed since the entry's version — their
// rows, reports and target revisions, a query per 500 indicators each, not per
// indicator — and re-evaluates them at every date kept; the views made of the
// statuses before are carried over for the others (statusviews.go: derive). A plan is
// rebuilt instead when a patch cannot hold: an indicator new to this server or gone
// from the plan, or one moved (program, department, position, visibility), which
// only whole-plan changes do.
func (s *Service) patchPlan(ctx context.Context, e *planEntry, planID, version int64) error {
	rows, err := s.store.ChangedIndicatorRows(ctx, planID, e.version)
	if err != nil {
		return err
	}
	if !patchable(len(rows), len(e.inds)) {
		return s.loadPlan(ctx, e, planID, version)
	}
	changed := make(map[int64]bool, len(rows))
	ids := make([]int64, 0, len(rows))
	live := rows[:0:0]
	for _, r := range rows {
		i, held := e.pos[r.ID]
		switch {
		case !held && r.Retired: // retired before this server read the plan: not in its views
			continue
		case !held || !samePlace(e.inds[i], r): // new, moved or retired since
			return s.loadPlan(ctx, e, planID, version)
		}
		changed[r.ID] = true
		ids = append(ids, r.ID)
		live = append(live, r)
	}
	rows = live
	// The reports and the target revisions at once, on two connections: readers
	// wait for this patch, and under load each round trip is long.
	from, to := readYears(e.header)
	var reports map[int64][]progress.Report
	var revs map[int64][]progress.TargetRevision
	var revErr error
	var wg sync.WaitGroup
	wg.Go(func() { revs, revErr = s.store.TargetRevisionsOf(ctx, ids) })
	reports, err = s.store.EvalReports(ctx, planID, ids, from, to)
	wg.Wait()
	if err != nil {
		return err
	}
	if revErr != nil {
		return revErr
	}
	// Statuses made before hold the old slice and map: copies, changed.
	inds := slices.Clone(e.inds)
	reps := maps.Clone(e.reports)
	for _, r := range rows {
		inds[e.pos[r.ID]] = r
		reps[r.ID] = reports[r.ID]
		e.revs[r.ID] = revs[r.ID] // read under e.mu only
	}
	e.inds, e.reports, e.version = inds, reps, version
	for key, old := range e.dates {
		cs := e.evaluate(old.at, old, changed)
		cs.derive(old, changed)
		e.dates[key] = cs
	}
	e.publish()
	s.cache.patches.Add(1)
	return nil
}

// samePlace says whether a changed indicator still sits where the cached statuses and
// views put it: same program, department, position and visibility.
func samePlace(a, b store.IndicatorRow) bool {
	return a.ProgramID == b.ProgramID && a.DeptID == b.DeptID && a.DeptName == b.DeptName && a.Position == b.Position &&
		a.Public == b.Public && a.Retired == b.Retired
}

// evaluate computes the plan's status at at: every indicator, or (with prev) only the
// changed ones, the others taken from prev.
func (e *planEntry) evaluate(at time.Time, prev *cachedStatus, changed map[int64]bool) *cachedStatus {
	cs := &cachedStatus{header: e.header, inds: e.inds, pos: e.pos, at: at, tree: e.tree, reports: e.reports}
	eval := func(i int) {
		ind := e.inds[i]
		cs.all[i] = statusOf(ind, progress.Evaluate(evalInput(ind, e.header, e.reports[ind.ID], e.revs[ind.ID], at)))
	}
	if prev != nil {
		cs.all = slices.Clone(prev.all)
		for id := range changed {
			eval(e.pos[id])
		}
	} else {
		cs.all = make([]IndicatorStatus, len(e.inds))
		for i := range e.inds {
			eval(i)
		}
	}
	n := 0
	for _, st := range cs.all {
		if st.Public {
			n++
		}
	}
	cs.public = make([]IndicatorStatus, 0, n)
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
	i, ok := cs.pos[id]
	if !ok {
		return IndicatorStatus{}, store.IndicatorRow{}, false
	}
	return cs.all[i], cs.inds[i], true
}

// deptRates are a status's on-time rates per department, with the reports each
// indicator owed, kept so that a patched status makes its changed indicators' again only.
type deptRates struct {
	items [][]progress.DueItem // by index in the status's inds
	rates map[string][]progress.ReportingRate
}

// departmentRates computes the on-time rates once per cached status.
func (cs *cachedStatus) departmentRates() map[string][]progress.ReportingRate {
	r, _ := cs.rates.get(func() (*deptRates, error) { return cs.makeRates(nil, nil), nil })
	return r.rates
}

// makeRates computes the rates; with old, those of the status this one was patched
// from, only the changed indicators' reports owed are listed again and recounted in
// their departments' rates (progress.RecountRates), the others kept.
func (cs *cachedStatus) makeRates(old *deptRates, changed map[int64]bool) *deptRates {
	p := cs.header
	counts := func(ind store.IndicatorRow) bool { return ind.DeptName != "" && ind.HasTarget() }
	owed := func(ind store.IndicatorRow) []progress.DueItem {
		if !counts(ind) {
			return nil
		}
		return progress.DueItems(ind.ID, ind.DeptName, progress.ObligationOf(ind.Indicator, p.Settings, p.Year), cs.reports[ind.ID], cs.at)
	}
	out := &deptRates{items: make([][]progress.DueItem, len(cs.inds)), rates: map[string][]progress.ReportingRate{}}
	if old == nil {
		items := map[string][]progress.DueItem{}
		for i, ind := range cs.inds {
			if counts(ind) {
				out.items[i] = owed(ind)
				items[ind.DeptName] = append(items[ind.DeptName], out.items[i]...)
			}
		}
		for dept, its := range items {
			out.rates[dept] = progress.OnTimeByPeriod(its)
		}
		return out
	}
	copy(out.items, old.items)
	maps.Copy(out.rates, old.rates)
	type swap struct{ old, new []progress.DueItem }
	depts := map[string]*swap{}
	for id := range changed {
		i := cs.pos[id]
		ind := cs.inds[i]
		if !counts(ind) {
			continue
		}
		if _, ok := old.rates[ind.DeptName]; !ok {
			return cs.makeRates(nil, nil) // a department new to the rates: a patch moves no indicator, so cannot be
		}
		sw := depts[ind.DeptName]
		if sw == nil {
			sw = &swap{}
			depts[ind.DeptName] = sw
		}
		sw.old = append(sw.old, old.items[i]...)
		out.items[i] = owed(ind)
		sw.new = append(sw.new, out.items[i]...)
	}
	for dept, sw := range depts {
		rates, ok := progress.RecountRates(old.rates[dept], sw.old, sw.new)
		if !ok { // a period owed anew: count the department again
			var its []progress.DueItem
			for i, ind := range cs.inds {
				if counts(ind) && ind.DeptName == dept {
					its = append(its, out.items[i]...)
				}
			}
			rates = progress.OnTimeByPeriod(its)
		}
		out.rates[dept] = rates
	}
	return out
}

// DataStamp names the state of every plan's status inputs (store.PlansStamp): equal
// stamps mean no report, target, unlock, baseline, indicator or plan changed in between,
// on any server. The web keys its rendered public pages by it.
func (s *Service) DataStamp(ctx context.Context) (string, error) {
	return s.store.PlansStamp(ctx)
}
