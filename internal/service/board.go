package service

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/xlsx"
)

// BoardFilter narrows the status board. Zero values do not filter. Every field is a
// code, so that the choice reads well in a URL (?zone=open&status=behind).
type BoardFilter struct {
	Zone    string // a zone's code
	Program string // a program's code
	Dept    string // a department's code
	// Status is a status (behind, on_track …) or a group: "attention" (overdue, behind,
	// late, at risk), "good" (achieved, done, on track).
	Status string
	// HideNoTarget leaves out context indicators (no target: progress only).
	HideNoTarget bool
	// Query keeps indicators whose name or code contains it (case does not matter).
	Query string
}

// IsZero says whether nothing is filtered.
func (f BoardFilter) IsZero() bool { return f == BoardFilter{} }

// StatusGroups are the groups BoardFilter.Status takes besides single statuses.
var StatusGroups = map[string][]progress.Status{
	"attention": {progress.StatusOverdue, progress.StatusBehind, progress.StatusLate, progress.StatusAtRisk},
	"good":      {progress.StatusAchieved, progress.StatusDone, progress.StatusOnTrack},
}

// Keeps says whether an indicator's status in a zone and program passes the filter.
func (f BoardFilter) Keeps(p IndicatorStatus, zoneCode, progCode string) bool {
	if f.Zone != "" && zoneCode != f.Zone || f.Program != "" && progCode != f.Program || f.Dept != "" && p.Dept != f.Dept {
		return false
	}
	if f.HideNoTarget && p.Status == progress.StatusNoTarget {
		return false
	}
	if f.Status != "" {
		if g, ok := StatusGroups[f.Status]; ok {
			found := false
			for _, st := range g {
				found = found || st == p.Status
			}
			if !found {
				return false
			}
		} else if string(p.Status) != f.Status {
			return false
		}
	}
	if q := strings.ToLower(strings.TrimSpace(f.Query)); q != "" {
		return strings.Contains(strings.ToLower(p.Name), q) || strings.Contains(strings.ToLower(p.Code), q)
	}
	return true
}

// Board is the status board: every indicator the actor may see, as filtered.
type Board struct {
	Plan   *plan.Plan
	At     time.Time
	Filter BoardFilter
	Rows   []Placed
	// Total is how many indicators the actor sees before filtering.
	Total int
	// Departments are those owning an indicator the actor sees (for the filter).
	Departments []plan.Department
}

// StatusBoard reads a plan's status board as of at (zero: the plan's as-of moment),
// filtered; the public sees public indicators only (when the public view is on). The
// placed rows before the filter are made once per cached status and kind of reader
// (statusviews.go) and shared: callers must not change the board's rows.
func (s *Service) StatusBoard(ctx context.Context, a Actor, planID int64, at time.Time, f BoardFilter) (*Board, error) {
	cs, err := s.planStatus(ctx, planID, at)
	if err != nil {
		return nil, err
	}
	if _, err := s.visibleStatus(a, cs); err != nil {
		return nil, err
	}
	var base *boardBase
	if at.IsZero() || at.Equal(cs.at) {
		base, err = cs.views.boards[s.readerKind(a, cs.header.RegionID)].get(func() (*boardBase, error) {
			return s.boardBaseOf(ctx, a, cs, cs.at)
		})
	} else {
		base, err = s.boardBaseOf(ctx, a, cs, at)
	}
	if err != nil {
		return nil, err
	}
	b := &Board{Plan: base.plan, At: base.at, Filter: f, Total: len(base.rows), Departments: base.depts}
	if f.IsZero() {
		b.Rows = base.rows
		return b, nil
	}
	for i, p := range base.rows {
		if f.Keeps(p.IndicatorStatus, p.zoneCode, base.progCodes[i]) {
			b.Rows = append(b.Rows, p)
		}
	}
	return b, nil
}

// StatusBoardXLSX writes the status board, filtered, as a workbook in a language: one
// line per indicator; for those who may read the plan's internal parts, a second sheet
// with the departments' ranking.
func (s *Service) StatusBoardXLSX(ctx context.Context, a Actor, planID int64, at time.Time, f BoardFilter, lang string) (data []byte, name string, err error) {
	b, err := s.StatusBoard(ctx, a, planID, at, f)
	if err != nil {
		return nil, "", err
	}
	t := func(key string) string { return i18n.T(lang, key) }
	board := xlsx.Table{Sheet: t("board.sheet"), Title: fmt.Sprintf(t("board.title"), b.Plan.Title, DateText(b.At)),
		Header: []string{t("col.zone"), t("col.program"), t("col.code"), t("col.indicator"), t("col.unit"), t("col.dept"),
			t("col.status"), t("col.asof"), t("col.progress"), t("col.expected"), t("col.target"), t("col.completion"),
			t("col.projection"), t("col.outlook"), t("col.overdue"), t("col.explain")},
		Widths: []float64{16, 20, 16, 28, 8, 20, 10, 10, 14, 14, 14, 10, 14, 14, 16, 48}}
	for _, p := range b.Rows {
		var overdue []string
		for _, per := range p.Overdue {
			overdue = append(overdue, PeriodText(lang, per))
		}
		outlook := ""
		if p.WillMeet != progress.VerdictUnknown {
			outlook = t("prog.verdict." + string(p.WillMeet))
		}
		explain := i18n.StatusExplain(lang, p.Why)
		board.Rows = append(board.Rows, []xlsx.Value{xlsx.Text(p.ZoneName), xlsx.Text(p.ProgramName), xlsx.Text(p.Code),
			xlsx.Text(p.Name), xlsx.Text(ProgressUnit(p.Kind, p.Unit)), xlsx.Text(p.DeptName),
			{Text: StatusText(lang, p.Status), Fill: statusFill(p.Status)}, xlsx.Text(PeriodText(lang, p.AsOf)),
			xlsx.Num(round(p.Progress)), xlsx.Num(round(p.Expected)), xlsx.Num(p.Target), xlsx.Share(round(p.Completion)),
			xlsx.Num(round(p.Projection)), xlsx.Text(outlook), xlsx.Text(strings.Join(overdue, ", ")), xlsx.Text(explain)})
	}
	tables := []xlsx.Table{board}
	if s.seesInternal(a, b.Plan.RegionID) {
		rk, err := s.Ranking(ctx, a, planID, b.At)
		if err != nil {
			return nil, "", err
		}
		depts := xlsx.Table{Sheet: t("board.sheet.depts"), Title: t("nav.ranking"),
			Header: []string{t("col.rank"), t("col.dept"), t("col.lamp"), t("col.rate"), t("col.reported"), t("col.share"), t("col.score")},
			Widths: []float64{8, 30, 10, 14, 12, 16, 12}}
		for _, r := range rk.Depts {
			rank, score, rate, share := xlsx.Text("—"), xlsx.Text("—"), xlsx.Text("—"), xlsx.Text("—")
			if r.Scored {
				rank, score = xlsx.Value{Number: decPtr(int64(r.Rank))}, xlsx.Share(&r.Score)
			}
			if r.Rate.Due > 0 {
				rate = xlsx.Share(&r.Rate.Rate)
			}
			if r.Summary.Tracked > 0 {
				share = xlsx.Share(&r.Summary.OnTrackShare)
			}
			depts.Rows = append(depts.Rows, []xlsx.Value{rank, xlsx.Text(r.Dept.Name), {Text: LampText(lang, r.Lamp), Fill: lampFill(r.Lamp)},
				rate, xlsx.Text(fmt.Sprintf("%d/%d", r.Rate.OnTime, r.Rate.Due)), share, score})
		}
		depts.Title = fmt.Sprintf("%s · %s", b.Plan.Title, t("nav.ranking"))
		tables = append(tables, depts)
	}
	var buf bytes.Buffer
	if err := xlsx.WriteTables(&buf, tables); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), fmt.Sprintf("status-%d-%s.xlsx", b.Plan.ID, b.At.In(China).Format("20060102")), nil
}

func statusFill(st progress.Status) string {
	switch st {
	case progress.StatusAchieved, progress.StatusDone, progress.StatusOnTrack:
		return "DAFBE1"
	case progress.StatusAtRisk:
		return "FFF4CE"
	case progress.StatusBehind, progress.StatusLate, progress.StatusOverdue:
		return "FFE1DE"
	}
	return ""
}

func decPtr(n int64) *decimal.Decimal { d := decimal.NewFromInt(n); return &d }

// ZoneBoard is the status board of one zone (its own page): the plan's board filtered
// to the zone, and the zone with its programs.
func (s *Service) ZoneBoard(ctx context.Context, a Actor, zoneID int64, at time.Time) (*Board, plan.Zone, error) {
	planID, err := s.store.ZonePlan(ctx, zoneID)
	if err != nil {
		return nil, plan.Zone{}, err
	}
	p, err := s.Plan(ctx, a, planID)
	if err != nil {
		return nil, plan.Zone{}, err
	}
	for _, z := range p.Zones {
		if z.ID == zoneID {
			b, err := s.StatusBoard(ctx, a, planID, at, BoardFilter{Zone: z.Code})
			return b, z, err
		}
	}
	return nil, plan.Zone{}, fmt.Errorf("zone %d: %w", zoneID, plan.ErrNotFound)
}

// ProgramBoard is the status board of one program (its own page), with its zone.
func (s *Service) ProgramBoard(ctx context.Context, a Actor, programID int64, at time.Time) (*Board, plan.Zone, plan.Program, error) {
	planID, err := s.store.ProgramPlan(ctx, programID)
	if err != nil {
		return nil, plan.Zone{}, plan.Program{}, err
	}
	p, err := s.Plan(ctx, a, planID)
	if err != nil {
		return nil, plan.Zone{}, plan.Program{}, err
	}
	for _, z := range p.Zones {
		for _, pr := range z.Programs {
			if pr.ID == programID {
				b, err := s.StatusBoard(ctx, a, planID, at, BoardFilter{Zone: z.Code, Program: pr.Code})
				return b, z, pr, err
			}
		}
	}
	return nil, plan.Zone{}, plan.Program{}, fmt.Errorf("program %d: %w", programID, plan.ErrNotFound)
}

// Place is where an indicator sits: its zone and program (names and codes), for the
// breadcrumbs of its page; for those who may see the indicator.
func (s *Service) Place(ctx context.Context, a Actor, indicatorID int64) (plan.Zone, plan.Program, error) {
	ind, err := s.Indicator(ctx, a, indicatorID)
	if err != nil {
		return plan.Zone{}, plan.Program{}, err
	}
	return s.store.ProgramPlace(ctx, ind.ProgramID)
}
