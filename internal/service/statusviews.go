package service

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"maps"
	"slices"
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

// put makes the value v, as if built: for a view carried over to a status nobody reads
// yet (derive).
func (l *lazy[T]) put(v T) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.v, l.done = v, true
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
	json    [2]lazy[*statusJSON]
}

// derive carries the views made of old, the status this one was patched from, over to
// this one: the changed indicators' rows and JSON are made again, the others are taken
// as they are (a patch moves no indicator: statuscache.go, samePlace), and so are the
// reports owed of the on-time rates, and the counts (recounted for the changed ones). Views nobody made of old are left to be made
// when read; so are the cockpit and the ranking, which read more than the statuses.
// Called by the patch, under the plan entry's lock, before anyone reads this status.
func (cs *cachedStatus) derive(old *cachedStatus, changed map[int64]bool) {
	if r, ok := old.rates.peek(); ok {
		cs.rates.put(cs.makeRates(r, changed))
	}
	for kind := range 2 {
		rows := cs.visibleOf(kind)
		if b, ok := old.views.boards[kind].peek(); ok {
			cs.views.boards[kind].put(b.patched(cs, changed))
		}
		if sum, ok := old.views.sums[kind].peek(); ok {
			cs.views.sums[kind].put(sum.patched(old, cs, kind, changed))
		}
		if j, ok := old.views.json[kind].peek(); ok {
			if nj, err := j.patched(rows, cs.at, changed); err == nil {
				cs.views.json[kind].put(nj)
			}
		}
	}
}

// visibleOf is what a kind of reader sees of a status.
func (cs *cachedStatus) visibleOf(kind int) []IndicatorStatus {
	if kind == kindPublic {
		return cs.public
	}
	return cs.all
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

// patched is the board's base for a status patched from the one it was made of: the
// changed indicators' rows take their new status, the others are kept.
func (b *boardBase) patched(cs *cachedStatus, changed map[int64]bool) *boardBase {
	nb := *b
	nb.rows = slices.Clone(b.rows)
	for i := range nb.rows {
		if id := nb.rows[i].IndicatorID; changed[id] {
			nb.rows[i].IndicatorStatus = boardStatus(cs.all[cs.pos[id]])
		}
	}
	return &nb
}

// boardStatus is a status as the board shows it (planData.evaluate): context figures
// are owed no report.
func boardStatus(st IndicatorStatus) IndicatorStatus {
	if st.Status == progress.StatusNoTarget {
		st.Overdue = nil
	}
	return st
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
	_, _, sum, err := s.PlanStatusBoard(ctx, a, planID, at)
	return sum, err
}

// zonesOf maps a plan's programs to their zones.
func zonesOf(tree *plan.Plan) map[int64]int64 {
	zoneOf := map[int64]int64{}
	if tree != nil {
		for _, z := range tree.Zones {
			for _, pr := range z.Programs {
				zoneOf[pr.ID] = z.ID
			}
		}
	}
	return zoneOf
}

// counted is a status as the counts count it: context figures owe no report.
func counted(st IndicatorStatus) progress.Result { return boardStatus(st).Result }

func summarize(cs *cachedStatus, sts []IndicatorStatus) *StatusSummary {
	zoneOf := zonesOf(cs.tree)
	all := make([]progress.Result, 0, len(sts))
	byProg, byZone := map[int64][]progress.Result{}, map[int64][]progress.Result{}
	for _, st := range sts {
		res := counted(st)
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

// patched is the summary of cs, patched from old (whose summary s is) for the changed
// indicators: each count they are in is recounted (progress.Summary.Recount), the
// others are kept — what summarize makes of cs, without going over every indicator.
func (s *StatusSummary) patched(old, cs *cachedStatus, kind int, changed map[int64]bool) *StatusSummary {
	type swap struct{ old, new []progress.Result }
	var all swap
	progs, zones, depts := map[int64]*swap{}, map[int64]*swap{}, map[string]*swap{}
	add := func(sw *swap, o, n progress.Result) { sw.old, sw.new = append(sw.old, o), append(sw.new, n) }
	zoneOf := zonesOf(cs.tree)
	for id := range changed {
		i := cs.pos[id]
		if kind == kindPublic && !cs.all[i].Public {
			continue
		}
		o, n := counted(old.all[i]), counted(cs.all[i])
		add(&all, o, n)
		prog := cs.all[i].ProgramID
		if progs[prog] == nil {
			progs[prog] = &swap{}
		}
		add(progs[prog], o, n)
		if z, ok := zoneOf[prog]; ok {
			if zones[z] == nil {
				zones[z] = &swap{}
			}
			add(zones[z], o, n)
		}
		if depts[n.Dept] == nil {
			depts[n.Dept] = &swap{}
		}
		add(depts[n.Dept], o, n)
	}
	out := &StatusSummary{At: cs.at, Overall: s.Overall.Recount(all.old, all.new), Zones: maps.Clone(s.Zones),
		Programs: maps.Clone(s.Programs), Depts: slices.Clone(s.Depts)}
	for id, sw := range progs {
		out.Programs[id] = s.Programs[id].Recount(sw.old, sw.new)
	}
	for id, sw := range zones {
		out.Zones[id] = s.Zones[id].Recount(sw.old, sw.new)
	}
	for dept, sw := range depts {
		i, found := slices.BinarySearchFunc(out.Depts, dept, func(d progress.DeptSummary, dept string) int { return cmp.Compare(d.Dept, dept) })
		if !found { // cannot be: a patch moves no indicator; count again rather than guess
			return summarize(cs, cs.visibleOf(kind))
		}
		d := out.Depts[i]
		d.Summary = d.Summary.Recount(sw.old, sw.new)
		for k := range sw.old {
			d.OverdueReports += len(sw.new[k].Overdue) - len(sw.old[k].Overdue)
		}
		out.Depts[i] = d
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
	if dateKey(at) != dateKey(cs.at) { // the status is kept per date: the same day is the same answer
		j, err := encodeStatus(visible, at, nil, nil)
		if err != nil {
			return nil, err
		}
		return j.raw, nil
	}
	j, err := cs.views.json[s.readerKind(a, cs.header.RegionID)].get(func() (*statusJSON, error) {
		return encodeStatus(visible, at, nil, nil)
	})
	if err != nil {
		return nil, err
	}
	return j.raw, nil
}

// statusJSON is a status as the API sends it (StatusDTOs, encoded as json.Encoder
// does without HTML escaping), with where each indicator's object lies in it, so that a
// patched status re-encodes only its changed indicators.
type statusJSON struct {
	raw        json.RawMessage
	start, end []int // raw[start[i]:end[i]] is the i-th indicator's object
}

// encodeStatus encodes rows as of at; with old, the objects of the indicators not in
// changed are copied from it (old encodes the same indicators in the same order).
func encodeStatus(rows []IndicatorStatus, at time.Time, old *statusJSON, changed map[int64]bool) (*statusJSON, error) {
	var one bytes.Buffer
	enc := json.NewEncoder(&one)
	enc.SetEscapeHTML(false)
	encode := func(v any) ([]byte, error) {
		one.Reset()
		if err := enc.Encode(v); err != nil {
			return nil, err
		}
		return bytes.TrimSuffix(one.Bytes(), []byte("\n")), nil
	}
	size := 64 + 512*len(rows)
	if old != nil {
		size = len(old.raw) + 64
	}
	j := &statusJSON{raw: make([]byte, 0, size), start: make([]int, len(rows)), end: make([]int, len(rows))}
	b, err := encode(at.Format(time.DateOnly))
	if err != nil {
		return nil, err
	}
	j.raw = append(append(append(j.raw, `{"at":`...), b...), `,"indicators":[`...)
	for i, r := range rows {
		if i > 0 {
			j.raw = append(j.raw, ',')
		}
		j.start[i] = len(j.raw)
		if old != nil && !changed[r.IndicatorID] {
			j.raw = append(j.raw, old.raw[old.start[i]:old.end[i]]...)
		} else {
			if b, err = encode(StatusDTOOf(r)); err != nil {
				return nil, err
			}
			j.raw = append(j.raw, b...)
		}
		j.end[i] = len(j.raw)
	}
	j.raw = append(j.raw, "]}"...)
	return j, nil
}

// patched is the JSON of rows, the same indicators as j's after a patch.
func (j *statusJSON) patched(rows []IndicatorStatus, at time.Time, changed map[int64]bool) (*statusJSON, error) {
	if len(rows) != len(j.start) {
		return encodeStatus(rows, at, nil, nil)
	}
	return encodeStatus(rows, at, j, changed)
}
