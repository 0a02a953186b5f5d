package store

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"weak"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/progress"
)

// A plan's version says when what its status is computed from last changed: reports,
// target revisions, unlocks, baselines, the indicators themselves and the plan's settings.
// Services cache derived data (the status of every indicator, the roll-ups) under it and
// check it with one read per request (PlanVersion), so that a change made through any
// server is seen by every server at once. See migration 0005.
//
// Writers call PlanChanged or IndicatorChanged; the store's own writes of reports, target
// revisions, unlocks, baselines, indicators and plans already do. A new kind of figure
// that feeds the status engine (e.g. a pipeline-fed indicator) must call one of them in
// the transaction that writes it.

// PlanVersion is a plan's version and the version of its last whole-plan change.
type PlanVersion struct {
	Version int64
	// Shape moves with changes to the whole plan (settings, indicators added or edited
	// in bulk, imports): a cache older than Shape is rebuilt, not patched.
	Shape int64
}

// changes are the plan changes a transaction made; WithTx writes them just before it
// commits, so each transaction bumps a plan's version once, holding the plan row's lock
// only for the last moment of the transaction.
type changes struct {
	mu         sync.Mutex
	indicators map[int64]struct{}
	plans      map[int64]struct{} // whole-plan changes
}

type changesKey struct{}

func changesFrom(ctx context.Context) *changes {
	ch, _ := ctx.Value(changesKey{}).(*changes)
	return ch
}

// PlanChanged records that what a plan's status is computed from changed. With
// indicator ids, only those indicators changed (servers re-evaluate just them); with
// none, the whole plan did (servers rebuild it). Inside WithTx the version moves once,
// in that transaction, just before it commits; outside one it moves at once.
func (s *Store) PlanChanged(ctx context.Context, planID int64, indicatorIDs ...int64) error {
	if len(indicatorIDs) > 0 {
		return s.IndicatorChanged(ctx, indicatorIDs...)
	}
	ch := changesFrom(ctx)
	if ch == nil {
		return s.flushChanges(ctx, &changes{plans: map[int64]struct{}{planID: {}}})
	}
	ch.mu.Lock()
	defer ch.mu.Unlock()
	if ch.plans == nil {
		ch.plans = map[int64]struct{}{}
	}
	ch.plans[planID] = struct{}{}
	return nil
}

// IndicatorChanged records that what the status of these indicators is computed from
// changed (a report, a target revision, an unlock, a baseline); see PlanChanged.
func (s *Store) IndicatorChanged(ctx context.Context, indicatorIDs ...int64) error {
	ch := changesFrom(ctx)
	if ch == nil {
		ch = &changes{}
		for _, id := range indicatorIDs {
			ch.add(id)
		}
		return s.flushChanges(ctx, ch)
	}
	ch.mu.Lock()
	defer ch.mu.Unlock()
	for _, id := range indicatorIDs {
		ch.add(id)
	}
	return nil
}

func (ch *changes) add(id int64) {
	if ch.indicators == nil {
		ch.indicators = map[int64]struct{}{}
	}
	ch.indicators[id] = struct{}{}
}

// manyIndicators is the number of changed indicators of one plan above which a change
// is written as a whole-plan change (a rebuild is then cheaper than the id list).
const manyIndicators = 200

// flushChanges bumps the version of each plan changed, in plan id order (so two
// transactions lock plan rows in the same order), and marks the changed indicators.
func (s *Store) flushChanges(ctx context.Context, ch *changes) error {
	if len(ch.indicators) == 0 && len(ch.plans) == 0 {
		return nil
	}
	whole := map[int64]bool{}
	for id := range ch.plans {
		whole[id] = true
	}
	byPlan := map[int64][]int64{}
	if len(ch.indicators) > 0 {
		ids := make([]int64, 0, len(ch.indicators))
		for id := range ch.indicators {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for chunk := range slices.Chunk(ids, 500) {
			rows, err := s.q(ctx).QueryContext(ctx, `SELECT id, plan_id FROM indicators WHERE id IN (`+idList(chunk)+`)`)
			if err != nil {
				return fmt.Errorf("store: plan changed: %w", err)
			}
			for rows.Next() {
				var id, planID int64
				if err := rows.Scan(&id, &planID); err != nil {
					rows.Close()
					return fmt.Errorf("store: plan changed: %w", err)
				}
				byPlan[planID] = append(byPlan[planID], id)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return fmt.Errorf("store: plan changed: %w", err)
			}
		}
	}
	plans := make([]int64, 0, len(whole)+len(byPlan))
	for id := range whole {
		plans = append(plans, id)
	}
	for id, ids := range byPlan {
		if len(ids) > manyIndicators {
			whole[id] = true
		}
		if !slices.Contains(plans, id) {
			plans = append(plans, id)
		}
	}
	slices.Sort(plans)
	// From the first UPDATE plans on, this transaction holds that plan's row until it
	// commits, and every other writer of the plan waits: so nothing but the bump and the
	// indicators' marks runs from here, and on PostgreSQL they are one statement (a
	// round trip less that a busy server's goroutine may queue for).
	held := 0
	for _, planID := range plans {
		if whole[planID] {
			if _, err := s.q(ctx).ExecContext(ctx, `UPDATE plans SET version = version + 1, shape_version = version + 1 WHERE id = $1`, planID); err != nil {
				return fmt.Errorf("store: bump version of plan %d: %w", planID, err)
			}
			held++
			continue
		}
		// Fewer than manyIndicators ids (more made the change whole-plan above).
		ids := idList(byPlan[planID])
		if s.dialect == Postgres {
			// The CTE's UPDATE runs whether or not an indicator row matches.
			if _, err := s.q(ctx).ExecContext(ctx, `WITH v AS (UPDATE plans SET version = version + 1 WHERE id = $1 RETURNING version)
				UPDATE indicators SET changed_version = v.version FROM v WHERE indicators.id IN (`+ids+`)`, planID); err != nil {
				return fmt.Errorf("store: bump version of plan %d and mark its changed indicators: %w", planID, err)
			}
			held++
			continue
		}
		// SQLite has no UPDATE in a CTE; its writers are serialised by the database
		// lock for the whole transaction anyway, so two statements cost no one a wait.
		var v int64
		if err := s.q(ctx).QueryRowContext(ctx, `UPDATE plans SET version = version + 1 WHERE id = $1 RETURNING version`, planID).Scan(&v); err != nil {
			if err == sql.ErrNoRows {
				continue // the plan is gone
			}
			return fmt.Errorf("store: bump version of plan %d: %w", planID, err)
		}
		if _, err := s.q(ctx).ExecContext(ctx, `UPDATE indicators SET changed_version = $1 WHERE id IN (`+ids+`)`, v); err != nil {
			return fmt.Errorf("store: mark changed indicators of plan %d: %w", planID, err)
		}
		held += 2
	}
	if flushHook != nil {
		flushHook(held)
	}
	return nil
}

// flushHook, set only by tests, is told how many statements a flush ran while holding a
// plan row (from its first version bump to its end).
var flushHook func(statements int)

// idList writes ids as a literal list for IN (…): they are integers, so nothing can be
// injected, and one statement serves any number of them.
func idList(ids []int64) string {
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	return b.String()
}

// PlanVersion reads a plan's version: the one read a server makes per request to know
// whether what it holds is still current.
func (s *Store) PlanVersion(ctx context.Context, planID int64) (PlanVersion, error) {
	var v PlanVersion
	st, err := s.stmt(ctx, `SELECT version, shape_version FROM plans WHERE id = $1`)
	if err == nil {
		err = st.QueryRowContext(ctx, planID).Scan(&v.Version, &v.Shape)
	}
	if err != nil {
		return v, fmt.Errorf("store: version of plan %d: %w", planID, mapErr(err))
	}
	return v, nil
}

// ChangedIndicators lists the indicators of a plan changed after version since.
func (s *Store) ChangedIndicators(ctx context.Context, planID, since int64) ([]int64, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT id FROM indicators WHERE plan_id = $1 AND changed_version > $2`, planID, since)
	if err != nil {
		return nil, fmt.Errorf("store: changed indicators of plan %d: %w", planID, err)
	}
	return scanIDs(rows)
}

// IndicatorPlan is the plan an indicator belongs to.
func (s *Store) IndicatorPlan(ctx context.Context, id int64) (int64, error) {
	var planID int64
	if err := s.q(ctx).QueryRowContext(ctx, `SELECT plan_id FROM indicators WHERE id = $1`, id).Scan(&planID); err != nil {
		return 0, fmt.Errorf("store: indicator %d: %w", id, mapErr(err))
	}
	return planID, nil
}

// IndicatorsByID reads some indicators of a plan with their placing ids.
func (s *Store) IndicatorsByID(ctx context.Context, planID int64, ids []int64) ([]IndicatorRow, error) {
	var out []IndicatorRow
	for chunk := range slices.Chunk(ids, 500) {
		rows, err := s.listIndicators(ctx, `i.plan_id = $1 AND `+liveIndicator+` AND i.id IN (`+idList(chunk)+`)`, planID)
		if err != nil {
			return nil, fmt.Errorf("store: indicators of plan %d: %w", planID, err)
		}
		out = append(out, rows...)
	}
	return out, nil
}

// EvalReports reads what the status engine and the on-time rates need of a plan's
// reports of the years from–to (of some of its indicators when ids are given), by indicator, period and
// revision: no notes, causes or users, the first submission as a number of seconds
// rather than a string to parse, and SubmittedAt set to the first submission (a
// resubmission after a rejection does not make a report late).
func (s *Store) EvalReports(ctx context.Context, planID int64, ids []int64, from, to int) (map[int64][]progress.Report, error) {
	// Periods are written 2022, 2022-06 or 2022Q2: text order is time order within a
	// year, so the years read are a range of the (indicator_id, period, revision) key.
	lo, hi := fmt.Sprintf("%04d", from), fmt.Sprintf("%04d", to+1)
	firstSubmitted := `CAST(strftime('%s', r.first_submitted_at) AS INTEGER)`
	if s.dialect == Postgres {
		firstSubmitted = `FLOOR(EXTRACT(EPOCH FROM r.first_submitted_at))::BIGINT`
	}
	q := `SELECT r.id, r.indicator_id, r.period, r.value, r.cumulative, r.last_year, r.amount, r.done, r.state, r.revision,
		COALESCE(` + firstSubmitted + `, 0) FROM reports r`
	out := map[int64][]progress.Report{}
	read := func(where string, args ...any) error {
		rows, err := s.q(ctx).QueryContext(ctx, q+where+` ORDER BY r.indicator_id, r.period, r.revision`, args...)
		if err != nil {
			return fmt.Errorf("store: reports of plan %d: %w", planID, err)
		}
		defer rows.Close()
		var (
			period, value, state sql.RawBytes
			lastYear, amount     sql.NullString
			submitted            int64
		)
		for rows.Next() {
			var r progress.Report
			if err := rows.Scan(&r.ID, &r.IndicatorID, &period, &value, &r.Cumulative, &lastYear, &amount, &r.Done, &state, &r.Revision, &submitted); err != nil {
				return fmt.Errorf("store: reports of plan %d: %w", planID, err)
			}
			if r.Period, err = progress.ParsePeriod(string(period)); err != nil {
				return fmt.Errorf("store: report %d: %w", r.ID, err)
			}
			if r.Value, err = decimal.NewFromString(string(value)); err != nil {
				return fmt.Errorf("store: report %d value: %w", r.ID, err)
			}
			if r.LastYear, err = scanDec(lastYear); err != nil {
				return err
			}
			if r.Amount, err = scanDec(amount); err != nil {
				return err
			}
			r.State = internState(state)
			if submitted != 0 {
				r.SubmittedAt = time.Unix(submitted, 0).UTC()
			}
			out[r.IndicatorID] = append(out[r.IndicatorID], r)
		}
		return rows.Err()
	}
	if ids == nil {
		return out, read(` JOIN indicators i ON i.id = r.indicator_id WHERE i.plan_id = $1 AND r.period >= $2 AND r.period < $3`, planID, lo, hi)
	}
	for chunk := range slices.Chunk(ids, 500) {
		if err := read(` WHERE r.indicator_id IN (`+idList(chunk)+`) AND r.period >= $1 AND r.period < $2`, lo, hi); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// internState gives the state constant for a state's text, so that a million rows share
// four strings.
func internState(b []byte) progress.State {
	for _, st := range []progress.State{progress.StateApproved, progress.StateSubmitted, progress.StateDraft, progress.StateRejected} {
		if string(b) == string(st) {
			return st
		}
	}
	return progress.State(string(b))
}

// PlansStamp sums every plan's version in one read: it moves whenever any plan's status
// inputs change (or a plan is added or removed), so a cache of pages that may read
// several plans (the start page counts them, a switcher lists them) is keyed by it.
//
// Every kept page and the city's roll-ups read it once per request: on PostgreSQL at 100
// clients that one query was 28 % of the server's CPU and most of the database's. So
// concurrent readers share reads (stampReads): a caller is answered by a read that
// started after it called, never by one already under way — so what was committed
// before the call (on any server) is in the answer, as with a read of its own — and at
// most one read is under way at a time, with one more waiting for the callers that
// came meanwhile. Inside a transaction the read is the transaction's own.
func (s *Store) PlansStamp(ctx context.Context) (string, error) {
	if InTx(ctx) {
		return s.readPlansStamp(ctx)
	}
	return s.stampReads().do(ctx, s.readPlansStamp)
}

func (s *Store) readPlansStamp(ctx context.Context) (string, error) {
	var n, sum, maxID int64
	st, err := s.stmt(ctx, `SELECT COUNT(*), COALESCE(SUM(version), 0), COALESCE(MAX(id), 0) FROM plans`)
	if err == nil {
		err = st.QueryRowContext(ctx).Scan(&n, &sum, &maxID)
	}
	if err != nil {
		return "", fmt.Errorf("store: plans stamp: %w", err)
	}
	return strconv.FormatInt(n, 10) + "." + strconv.FormatInt(sum, 10) + "." + strconv.FormatInt(maxID, 10), nil
}

// stampFlights holds each open store's shared stamp reads (Store's fields are
// another file's); an entry goes when its store is collected.
var stampFlights sync.Map // weak.Pointer[Store] → *sharedRead

func (s *Store) stampReads() *sharedRead {
	k := weak.Make(s)
	if v, ok := stampFlights.Load(k); ok {
		return v.(*sharedRead)
	}
	v, loaded := stampFlights.LoadOrStore(k, &sharedRead{})
	if !loaded {
		runtime.AddCleanup(s, func(k weak.Pointer[Store]) { stampFlights.Delete(k) }, k)
	}
	return v.(*sharedRead)
}

// sharedRead lets concurrent callers share one read, each answered by a read that
// started after it called: running is the read under way (started before anyone
// waiting now called), next the one its finish starts, for whoever called meanwhile.
type sharedRead struct {
	mu      sync.Mutex
	running *readCall
	next    *readCall
}

type readCall struct {
	done chan struct{}
	val  string
	err  error
}

// sharedReadTimeout bounds a read that callers share: it runs on no caller's context
// (one caller going away must not fail the others), so it gets its own deadline. A
// stamp read is one tiny query: past a few seconds the database is in trouble, and the
// callers waiting meanwhile are better told so than kept waiting.
const sharedReadTimeout = 5 * time.Second

func (f *sharedRead) do(ctx context.Context, read func(context.Context) (string, error)) (string, error) {
	f.mu.Lock()
	var c *readCall
	if f.running == nil {
		c = &readCall{done: make(chan struct{})}
		f.running = c
		f.mu.Unlock()
		// The read runs apart from its caller, who waits for it like the others: a
		// caller that goes away is answered at once, and the read goes on for the rest.
		go f.run(ctx, c, read)
	} else {
		if f.next == nil {
			f.next = &readCall{done: make(chan struct{})}
		}
		c = f.next
		f.mu.Unlock()
	}
	select {
	case <-c.done:
		return c.val, c.err
	case <-ctx.Done():
		return "", fmt.Errorf("store: plans stamp: %w", ctx.Err())
	}
}

// run makes read c, then starts the next one if callers wait for it. Whatever happens
// to the read (even a panic, told to its callers as an error), c is finished and the
// next read started: otherwise every later caller would wait for a read never done.
func (f *sharedRead) run(ctx context.Context, c *readCall, read func(context.Context) (string, error)) {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sharedReadTimeout)
	defer func() {
		cancel()
		if p := recover(); p != nil {
			c.val, c.err = "", fmt.Errorf("store: plans stamp: the read panicked: %v", p)
		}
		f.mu.Lock()
		next := f.next
		f.running, f.next = next, nil
		f.mu.Unlock()
		close(c.done)
		if next != nil {
			go f.run(ctx, next, read)
		}
	}()
	c.val, c.err = read(rctx)
}

// Analyze refreshes the query planner's statistics (ANALYZE, on both databases): for
// after a bulk load.
func (s *Store) Analyze(ctx context.Context) error {
	if _, err := s.q(ctx).ExecContext(ctx, `ANALYZE`); err != nil {
		return fmt.Errorf("store: analyze: %w", err)
	}
	return nil
}
