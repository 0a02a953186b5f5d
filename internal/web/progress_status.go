package web

import (
	"bytes"
	"errors"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
)

// statusCount is one status and how many indicators have it.
type statusCount struct {
	Status progress.Status
	N      int
}

// rollup is a summary as the pages show it.
type rollup struct {
	progress.Summary
	Counts []statusCount
	Share  *decimal.Decimal // on-track share; nil when nothing is tracked
	Good   int              // achieved + done + on track
	AtRisk int
	Behind int // behind + late
	Over   int // overdue
	NoData int // no data + no target
}

func rollupOf(results []progress.Result) rollup {
	sum := progress.Summarize(results)
	r := rollup{Summary: sum}
	for _, st := range progress.Statuses {
		if n := sum.ByStatus[st]; n > 0 {
			r.Counts = append(r.Counts, statusCount{st, n})
		}
	}
	by := sum.ByStatus
	r.Good = by[progress.StatusAchieved] + by[progress.StatusDone] + by[progress.StatusOnTrack]
	r.AtRisk, r.Behind, r.Over = by[progress.StatusAtRisk], by[progress.StatusBehind]+by[progress.StatusLate], by[progress.StatusOverdue]
	r.NoData = by[progress.StatusNoData] + by[progress.StatusNoTarget]
	if sum.Tracked > 0 {
		share := sum.OnTrackShare
		r.Share = &share
	}
	return r
}

// statusRow is one indicator's line on the dashboard.
type statusRow struct {
	service.IndicatorStatus
	Ind      plan.Indicator // with the target in force
	PUnit    string         // the unit progress is written in
	AsOfText string
	Overdue  []string
}

func newStatusRow(lang string, st service.IndicatorStatus, ind plan.Indicator) statusRow {
	row := statusRow{IndicatorStatus: st, Ind: withTarget(ind, st.Result), PUnit: statusUnit(st.Kind, st.Unit),
		AsOfText: periodLabel(lang, st.AsOf)}
	for _, p := range st.Overdue {
		row.Overdue = append(row.Overdue, periodLabel(lang, p))
	}
	return row
}

type programStatus struct {
	Program plan.Program
	Rollup  rollup
	Rows    []template.HTML // rendered by statusRowHTML
}

// rowCache keeps the status board's rows rendered per shared status summary (one per
// plan version, date and kind of reader: service.PlanStatusSummary) and language: a
// row shows the indicator's status and nothing of the reader, so every reader of that
// status shares it; a new status (any change, on any server) has a new summary and so
// new rows. Only the last few summaries are kept.
type rowCache struct {
	mu   sync.Mutex
	sets map[rowSetKey]map[int64]template.HTML
}

type rowSetKey struct {
	sum  *service.StatusSummary
	lang string
}

// rowSetsKept bounds the summaries × languages whose rows are kept.
const rowSetsKept = 16

// statusRowHTML is an indicator's line of the board, rendered once per summary and
// language.
func (s *Server) statusRowHTML(sum *service.StatusSummary, lang string, st service.IndicatorStatus, ind plan.Indicator) (template.HTML, error) {
	k := rowSetKey{sum, lang}
	s.rows.mu.Lock()
	set := s.rows.sets[k]
	if set == nil {
		if s.rows.sets == nil || len(s.rows.sets) >= rowSetsKept {
			s.rows.sets = map[rowSetKey]map[int64]template.HTML{}
		}
		set = map[int64]template.HTML{}
		s.rows.sets[k] = set
	}
	h, ok := set[ind.ID]
	s.rows.mu.Unlock()
	if ok {
		return h, nil
	}
	var buf bytes.Buffer
	if err := s.pages["status"].ExecuteTemplate(&buf, "status-row", struct {
		Lang string
		Row  statusRow
	}{lang, newStatusRow(lang, st, ind)}); err != nil {
		return "", err
	}
	h = template.HTML(buf.String()) //nolint:gosec // the output of html/template, escaped there
	s.rows.mu.Lock()
	set[ind.ID] = h
	s.rows.mu.Unlock()
	return h, nil
}

type zoneStatus struct {
	Zone     plan.Zone
	Rollup   rollup
	Programs []programStatus
}

// deptStatus is one department's line: its indicators by status, the reports it owes,
// its on-time rate.
type deptStatus struct {
	Name    string
	Rollup  rollup
	Overdue int
	Rate    *progress.ReportingRate
	RatePct *decimal.Decimal // Rate.Rate, for the bar
}

type statusView struct {
	Plan     *plan.Plan
	At       string // the date shown
	AtAsked  string // ?at= as given
	BadAt    bool
	Demo     bool // shown at the plan's own as-of moment
	Internal bool
	Overall  rollup
	Zones    []zoneStatus
	Depts    []deptStatus
	Empty    bool
	// The board's filter (zone, department, status, without target, search), from the
	// URL; Shown is how many indicators pass it.
	Filter   service.BoardFilter
	Filtered bool
	Shown    int
	Statuses []string
	XlsxURL  string
	// Paging: a large plan's board shows boardPageSize rows a page; the roll-ups count
	// every indicator that passes the filter.
	Page, Pages, PageSize int
	PrevURL, NextURL      string
}

// boardPageSize is how many indicators one page of the status board lists: a screenful
// a person reads, not a multi-megabyte page for a 2,000-indicator plan.
const boardPageSize = 100

func (s *Server) statusPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	a := service.ActorFrom(ctx)
	lang := requestLang(r)
	id, err := s.planParam(r)
	if errors.Is(err, plan.ErrNotFound) && r.URL.Query().Get("plan") == "" {
		if a.UserID == 0 && !s.svc.PublicView {
			return auth.ErrUnauthenticated
		}
		s.render(w, r, http.StatusOK, "status", &statusView{Empty: true})
		return nil
	} else if err != nil {
		return err
	}
	at, raw, bad := atParam(r)
	// The counts in all, per zone, program and department are made once per status and
	// kind of reader (service.PlanStatusSummary); a filter counts its own per request.
	// Rows and counts come from one status: the rows are kept rendered per summary.
	rows, at, sum, err := s.svc.PlanStatusBoard(ctx, a, id, at)
	if err != nil {
		return err
	}
	p, err := s.svc.Plan(ctx, a, id)
	if err != nil {
		return err
	}
	v := &statusView{Plan: p, At: at.Format(time.DateOnly), AtAsked: raw, BadAt: bad, Demo: p.AsOf != nil && raw == "",
		Internal: auth.Allowed(a.Principal, auth.PlanReadInternal, auth.Resource{RegionID: p.RegionID})}
	byID := make(map[int64]service.IndicatorStatus, len(rows))
	for _, st := range rows {
		if st.Status == progress.StatusNoTarget {
			// Context figures are owed no report: the on-time rate leaves them out too.
			st.Overdue = nil
		}
		byID[st.IndicatorID] = st
	}
	v.Overall = rollupOfSummary(sum.Overall)
	v.Filter = boardFilter(r)
	v.Filtered = !v.Filter.IsZero()
	v.Statuses = boardStatuses
	xq := r.URL.Query()
	xq.Del("lang")
	xq.Set("plan", strconv.FormatInt(p.ID, 10))
	v.XlsxURL = "/status.xlsx?" + xq.Encode()
	v.Page, v.PageSize = max(intParam(r, "page", 1), 1), boardPageSize
	first := (v.Page - 1) * boardPageSize
	for _, z := range p.Zones {
		zs := zoneStatus{Zone: z}
		var zres []progress.Result
		for _, pr := range z.Programs {
			ps := programStatus{Program: pr}
			var pres []progress.Result
			for _, ind := range pr.Indicators {
				st, ok := byID[ind.ID]
				if !ok || !v.Filter.Keeps(st, z.Code, pr.Code) {
					continue
				}
				v.Shown++
				if v.Shown > first && v.Shown <= first+boardPageSize {
					h, err := s.statusRowHTML(sum, lang, st, ind)
					if err != nil {
						return err
					}
					ps.Rows = append(ps.Rows, h)
				}
				if v.Filtered {
					pres = append(pres, st.Result)
				}
			}
			zres = append(zres, pres...)
			if len(ps.Rows) == 0 {
				continue
			}
			if v.Filtered {
				ps.Rollup = rollupOf(pres)
			} else {
				ps.Rollup = rollupOfSummary(sum.Programs[pr.ID])
			}
			zs.Programs = append(zs.Programs, ps)
		}
		if v.Filtered {
			zs.Rollup = rollupOf(zres)
		} else {
			zs.Rollup = rollupOfSummary(sum.Zones[z.ID])
		}
		v.Zones = append(v.Zones, zs)
	}
	v.Pages = max((v.Shown+boardPageSize-1)/boardPageSize, 1)
	pageURL := func(n int) string {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(n))
		return "/status?" + q.Encode()
	}
	if v.Page > 1 {
		v.PrevURL = pageURL(min(v.Page-1, v.Pages))
	}
	if v.Page < v.Pages {
		v.NextURL = pageURL(v.Page + 1)
	}
	if v.Internal {
		if v.Depts, err = s.deptStatuses(r, p, sum.Depts, at); err != nil {
			return err
		}
	}
	s.render(w, r, http.StatusOK, "status", v)
	return nil
}

// deptStatuses are the departments' counts (service.StatusSummary), each with its
// on-time rate.
func (s *Server) deptStatuses(r *http.Request, p *plan.Plan, depts []progress.DeptSummary, at time.Time) ([]deptStatus, error) {
	rates, err := s.svc.DepartmentRates(r.Context(), service.ActorFrom(r.Context()), p.ID, at)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, d := range p.Departments {
		names[d.Code] = d.Name
	}
	var out []deptStatus
	for _, d := range depts {
		if d.Dept == "" {
			continue
		}
		ds := deptStatus{Name: names[d.Dept], Rollup: rollupOfSummary(d.Summary), Overdue: d.OverdueReports}
		if ds.Name == "" {
			ds.Name = d.Dept
		}
		if per, ok := rates[ds.Name]; ok && len(per) > 0 {
			total := progress.ReportingRate{}
			for _, x := range per {
				total.Due += x.Due
				total.OnTime += x.OnTime
			}
			total.Rate = decimal.NewFromInt(1)
			if total.Due > 0 {
				total.Rate = decimal.NewFromInt(int64(total.OnTime)).DivRound(decimal.NewFromInt(int64(total.Due)), 4)
			}
			ds.Rate, ds.RatePct = &total, &total.Rate
		}
		out = append(out, ds)
	}
	// Those owing most first, then by name.
	slices.SortStableFunc(out, func(a, b deptStatus) int { return b.Overdue - a.Overdue })
	return out, nil
}

// reportRow is one report in an indicator's table.
type reportRow struct {
	service.StoredReport
	PeriodText  string
	Figure      string
	Submitted   string
	SubmittedBy string
	Reviewed    string
	ReviewedBy  string
	Superseded  bool
	CanEdit     bool
	CanSubmit   bool
	CanWithdraw bool
	CanReview   bool
	CanCorrect  bool
	Explain     bool   // has a cause, remedy, note or rejection to show
	LockedSince string // the period is locked for this user since then
}

// trendChart is what the indicator page's chart draws (lantu.js reads it as JSON).
type trendChart struct {
	Points []service.TrendPoint `json:"points"`
	Unit   string               `json:"unit"`
	Target *decimal.Decimal     `json:"target,omitempty"`
	Labels map[string]string    `json:"labels"`
	Lang   string               `json:"lang"` // zh: axes in 万/亿
}

// trendRow is one counted period in the CSS-only bar list.
type trendRow struct {
	Period string
	Value  decimal.Decimal
	Share  *decimal.Decimal // of the year's target
}

type indicatorView struct {
	Ind       service.IndicatorRow
	Zone      plan.Zone // where it sits, for the breadcrumbs
	Program   plan.Program
	TargetInd plan.Indicator
	Plan      *plan.Plan
	Status    statusRow
	At        string
	Demo      bool
	Reports   []reportRow
	Hidden    bool // reports not readable by this user
	CanReport bool
	Trend     []trendRow
	Flash     *flashMsg
	Next      string
	PUnit     string
	Milestone bool
	// Targets is the target history when it holds revisions (调整目标), for those who may see it.
	Targets []progress.TargetRevision
	// Chart is the indicator's path month by month against the expected one.
	Chart *trendChart
	// CanUnlock and CanRevise show the forms to reopen a locked period and to revise
	// the target (the services check again).
	CanUnlock, CanRevise bool
	Today                string
	// Fed is set for an indicator the investment pipeline feeds: its figure and sources.
	Fed *service.FedFigure
}

func (s *Server) indicatorPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	a := service.ActorFrom(ctx)
	lang := requestLang(r)
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	at, raw, _ := atParam(r)
	st, at, err := s.svc.OneStatus(ctx, a, id, at)
	if err != nil {
		return err
	}
	// OneStatus has checked that the actor may see the indicator.
	ind, err := s.svc.Indicator(ctx, a, id)
	if err != nil {
		return err
	}
	p, err := s.svc.PlanHeader(ctx, ind.PlanID)
	if err != nil {
		return err
	}
	notePlan(r, p.ID, false)
	v := &indicatorView{Ind: ind, Plan: p, Status: newStatusRow(lang, st, ind.Indicator), At: at.Format(time.DateOnly),
		Demo: p.AsOf != nil && raw == "", Flash: flashFrom(r), Next: r.URL.Path, PUnit: statusUnit(ind.Kind, ind.Unit),
		Milestone: ind.Kind == plan.KindMilestone}
	v.TargetInd = v.Status.Ind
	if v.Zone, v.Program, err = s.svc.Place(ctx, a, ind.ID); err != nil {
		return err
	}
	res := indicatorResource(ind)
	v.CanReport = auth.Allowed(a.Principal, auth.ReportCreate, res)
	v.CanUnlock = auth.Allowed(a.Principal, auth.PeriodUnlock, res)
	v.CanRevise = auth.Allowed(a.Principal, auth.TargetRevise, res) && ind.Kind != plan.KindMilestone
	v.Today = s.svc.Now().In(service.China).Format(time.DateOnly)
	if fed, ok, err := s.svc.IndicatorFeed(ctx, a, id); err != nil {
		return err
	} else if ok {
		v.Fed, v.CanReport = &fed, false // its figures are computed, not reported
	}
	if hist, err := s.svc.TargetHistory(ctx, a, id); err == nil && len(hist) > 1 {
		v.Targets = hist
	}
	reports, err := s.svc.Reports(ctx, a, id)
	switch {
	case isForbidden(err):
		v.Hidden = true
	case err != nil:
		return err
	}
	names := s.userNames(ctx)
	signedIn := a.UserID != 0
	lk, err := s.locksFor(ctx, a, ind, p)
	if err != nil {
		return err
	}
	latestRev := map[progress.Period]int{}
	for _, rep := range reports {
		latestRev[rep.Period] = max(latestRev[rep.Period], rep.Revision)
	}
	for i := len(reports) - 1; i >= 0; i-- { // newest period first
		rep := reports[i]
		row := reportRow{StoredReport: rep, PeriodText: periodLabel(lang, rep.Period), Figure: reportFigure(lang, ind.Indicator, rep.Report), Submitted: dateTimeText(rep.SubmittedAt),
			Reviewed: dateTimeText(rep.ReviewedAt), Superseded: rep.Revision < latestRev[rep.Period]}
		if signedIn {
			row.SubmittedBy, row.ReviewedBy = names.name(rep.SubmittedBy), names.name(rep.ReviewedBy)
		}
		switch rep.State {
		case progress.StateDraft, progress.StateRejected:
			row.CanEdit = auth.Allowed(a.Principal, auth.ReportEdit, res)
			row.CanSubmit = rep.State == progress.StateDraft && auth.Allowed(a.Principal, auth.ReportSubmit, res)
		case progress.StateSubmitted:
			row.CanWithdraw = auth.Allowed(a.Principal, auth.ReportSubmit, res)
			row.CanReview = auth.Allowed(a.Principal, auth.ReportApprove, res)
		case progress.StateApproved:
			row.CanCorrect = !row.Superseded && auth.Allowed(a.Principal, auth.ReportEdit, res)
		}
		row.Explain = rep.Cause != "" || rep.Remedy != "" || rep.Note != "" || rep.RejectReason != ""
		if signedIn && rep.State != progress.StateApproved && lk.closed(rep.Period) {
			row.LockedSince = lk.since(rep.Period)
			row.CanEdit, row.CanSubmit, row.CanWithdraw, row.CanReview = false, false, false, false
		}
		if row.CanCorrect && lk.closed(rep.Period) {
			row.CanCorrect = false
		}
		v.Reports = append(v.Reports, row)
	}
	v.Trend = trendOf(lang, ind, p, reports, st.Result)
	if ind.Kind != plan.KindMilestone {
		// An indicator without figures yet still gets its chart, which says 暂无数据.
		pts, err := s.svc.Trend(ctx, a, id, at)
		if err != nil {
			return err
		}
		v.Chart = &trendChart{Points: pts, Unit: statusUnit(ind.Kind, ind.Unit), Target: st.Target, Lang: lang,
			Labels: map[string]string{"progress": i18n.T(lang, "ind.progress"), "expected": i18n.T(lang, "ind.expected"),
				"target": i18n.T(lang, "ind.target"), "last_year": i18n.T(lang, "chart.lastyear"), "empty": i18n.T(lang, "status.no_data")}}
	}
	if !v.sameForRights() {
		dontKeep(r)
	}
	s.render(w, r, http.StatusOK, "indicator", v)
	return nil
}

// sameForRights says whether the page is the same for every reader with the reader's
// rights (then it is kept, keep.go, under the data stamp and the users' names): not
// when it holds a form (its CSRF token is the session's) or an investment-fed figure
// (its sources are leads, which the data stamp does not follow).
func (v *indicatorView) sameForRights() bool {
	if v.CanUnlock || v.CanRevise || v.Fed != nil {
		return false
	}
	for _, row := range v.Reports {
		if row.CanSubmit || row.CanWithdraw || row.CanCorrect {
			return false
		}
	}
	return true
}

// trendOf is the year's counted figures, each with its share of the target where that
// reads well (amounts that add up towards a target).
func trendOf(lang string, ind service.IndicatorRow, p *plan.Plan, reports []service.StoredReport, res progress.Result) []trendRow {
	if ind.Kind == plan.KindMilestone {
		return nil
	}
	var out []trendRow
	sum := decimal.Zero
	for _, rep := range counted(reports, p.Year, p.Settings) {
		val := rep.Value
		if ind.Kind == plan.KindGrowth && rep.Amount != nil && rep.LastYear != nil {
			if g, ok := progress.GrowthRate(*rep.Amount, *rep.LastYear); ok {
				val = g.Round(2)
			}
		} else if ind.Accumulation == plan.Periodic && !rep.Cumulative {
			sum = sum.Add(rep.Value)
			val = sum
		} else {
			sum = rep.Value
		}
		row := trendRow{Period: periodLabel(lang, rep.Period), Value: val}
		if t := res.Target; t != nil && t.Sign() > 0 && ind.Direction != plan.Lower {
			sh := val.DivRound(*t, 4)
			row.Share = &sh
		}
		out = append(out, row)
	}
	return out
}
