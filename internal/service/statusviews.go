package service

import (
	"bytes"
	"context"
	"encoding/json"
	"sync"
	"time"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
)

// What the pages derive from a plan's status — the cockpit, the ranking with its
// month-by-month trend, the status board's placed rows, the roll-ups per zone, program
// and department — changes only when the status does. So each is made once per cached
// status (plan version and date, statuscache.go), on the first read that needs it, and
// shared by every later reader of that status: a write makes a new cachedStatus, whose
// views start empty, on every server (the version check of planStatus).
//
// What a reader may see is of two kinds only (read.go: visible): every indicator for
// those who may read the plan's internal parts, the public ones for the others. The
// shared views are kept per kind; anything narrower (a filter, a page) is applied per
// request on the shared part.

// lazy is a value made once, by the first caller that needs it; the others wait for it.
// An error is not kept: the next caller tries again.
type lazy[T any] struct {
	mu   sync.Mutex
	done bool
	v    T
}

func (l *lazy[T]) get(build func() (T, error)) (T, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.done {
		return l.v, nil
	}
	v, err := build()
	if err != nil {
		return v, err
	}
	l.v, l.done = v, true
	return v, nil
}

// peek is the value if it is made, without waiting for one being made.
func (l *lazy[T]) peek() (T, bool) {
	var zero T
	if !l.mu.TryLock() {
		return zero, false
	}
	defer l.mu.Unlock()
	return l.v, l.done
}

// Reader kinds: views are kept for each.
const (
	kindInternal = 0 // every indicator
	kindPublic   = 1 // the public ones
)

// statusViews are the views of one cached status.
type statusViews struct {
	cockpit lazy[*Cockpit]
	ranking lazy[*Ranking]
	boards  [2]lazy[*boardBase]
	sums    [2]lazy[*StatusSummary]
	json    [2]lazy[json.RawMessage]
}

// readerKind is the kind of reader an actor is for a plan's region.
func (s *Service) readerKind(a Actor, regionID int64) int {
	if s.seesInternal(a, regionID) {
		return kindInternal
	}
	return kindPublic
}

// internalStatus is a plan's cached status at at for a reader of its internal parts.
func (s *Service) internalStatus(ctx context.Context, a Actor, planID int64, at time.Time) (*cachedStatus, error) {
	cs, err := s.planStatus(ctx, planID, at)
	if err != nil {
		return nil, err
	}
	if err := s.can(a, auth.PlanReadInternal, auth.Resource{RegionID: cs.header.RegionID}); err != nil {
		return nil, err
	}
	return cs, nil
}

// boardBase is the status board before filtering: every indicator a kind of reader
// sees, placed in its zone and program, in the cache's order.
type boardBase struct {
	plan      *plan.Plan
	at        time.Time
	rows      []Placed
	progCodes []string // rows[i]'s program code, for the filter
	depts     []plan.Department
}

// boardBaseOf places every indicator of a plan's status that the actor sees.
func (s *Service) boardBaseOf(ctx context.Context, a Actor, cs *cachedStatus, at time.Time) (*boardBase, error) {
	d, err := s.planDataOf(ctx, a, cs, false)
	if err != nil {
		return nil, err
	}
	b := &boardBase{plan: d.plan, at: at}
	deptOf := map[int64]int64{}
	seen := map[int64]bool{}
	for _, ind := range d.inds {
		deptOf[ind.ID] = ind.DeptID
		if ind.DeptID != 0 && !seen[ind.DeptID] {
			seen[ind.DeptID] = true
			b.depts = append(b.depts, d.depts[ind.DeptID])
		}
	}
	sts := d.evaluate(at)
	b.rows = make([]Placed, 0, len(sts))
	b.progCodes = make([]string, 0, len(sts))
	for _, st := range sts {
		b.rows = append(b.rows, d.placed(st, deptOf[st.IndicatorID]))
		b.progCodes = append(b.progCodes, d.progOf[st.ProgramID].Code)
	}
	return b, nil
}

// StatusSummary is a plan's status counted for the indicators a reader sees: in all,
// per zone, per program and per department (context figures owe no report, so their
// overdue periods are not counted). Made once per cached status and kind of reader, and
// shared: callers must not change it.
type StatusSummary struct {
	At       time.Time
	Overall  progress.Summary
	Zones    map[int64]progress.Summary // by zone id
	Programs map[int64]progress.Summary // by program id
	// Depts are the departments in progress.ByDepartment's order, without their
	// indicators' list.
	Depts []progress.DeptSummary
}

// PlanStatusSummary reads a plan's status counted as the actor may see it, as of at
// (zero: the plan's as-of moment).
func (s *Service) PlanStatusSummary(ctx context.Context, a Actor, planID int64, at time.Time) (*StatusSummary, error) {
	cs, err := s.planStatus(ctx, planID, at)
	if err != nil {
		return nil, err
	}
	visible, err := s.visibleStatus(a, cs)
	if err != nil {
		return nil, err
	}
	return cs.views.sums[s.readerKind(a, cs.header.RegionID)].get(func() (*StatusSummary, error) {
		return summarize(cs, visible), nil
	})
}

func summarize(cs *cachedStatus, sts []IndicatorStatus) *StatusSummary {
	zoneOf := map[int64]int64{}
	if cs.tree != nil {
		for _, z := range cs.tree.Zones {
			for _, pr := range z.Programs {
				zoneOf[pr.ID] = z.ID
			}
		}
	}
	all := make([]progress.Result, 0, len(sts))
	byProg, byZone := map[int64][]progress.Result{}, map[int64][]progress.Result{}
	for _, st := range sts {
		res := st.Result
		if res.Status == progress.StatusNoTarget {
			res.Overdue = nil
		}
		all = append(all, res)
		byProg[st.ProgramID] = append(byProg[st.ProgramID], res)
		if z, ok := zoneOf[st.ProgramID]; ok {
			byZone[z] = append(byZone[z], res)
		}
	}
	out := &StatusSummary{At: cs.at, Overall: progress.Summarize(all), Zones: map[int64]progress.Summary{}, Programs: map[int64]progress.Summary{}}
	for id, rs := range byProg {
		out.Programs[id] = progress.Summarize(rs)
	}
	for id, rs := range byZone {
		out.Zones[id] = progress.Summarize(rs)
	}
	for _, d := range progress.ByDepartment(all) {
		d.Indicators = nil
		out.Depts = append(out.Depts, d)
	}
	return out
}

// PlanStatusJSON is the status of every indicator of a plan the actor may see as of at
// (zero: the plan's as-of moment), as the API sends it (StatusDTOs, JSON): encoded once
// per cached status and kind of reader, and shared.
func (s *Service) PlanStatusJSON(ctx context.Context, a Actor, planID int64, at time.Time) (json.RawMessage, error) {
	cs, err := s.planStatus(ctx, planID, at)
	if err != nil {
		return nil, err
	}
	visible, err := s.visibleStatus(a, cs)
	if err != nil {
		return nil, err
	}
	if at.IsZero() {
		at = s.AsOf(cs.header)
	}
	build := func() (json.RawMessage, error) {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(StatusDTOs(visible, at)); err != nil {
			return nil, err
		}
		return bytes.TrimSpace(buf.Bytes()), nil
	}
	if dateKey(at) != dateKey(cs.at) { // the status is kept per date: the same day is the same answer
		return build()
	}
	return cs.views.json[s.readerKind(a, cs.header.RegionID)].get(build)
}
