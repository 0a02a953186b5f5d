package web

import (
	"cmp"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
)

// The leader's pages: the cockpit (驾驶舱), the department ranking (红黄绿灯), the monthly
// bulletin (月度通报) on screen, in print and as Word, and the status board as Excel.

// placedRow is an indicator's line on the leader's pages.
type placedRow struct {
	service.Placed
	PUnit    string
	AsOfText string
	Overdue  []string
}

func newPlacedRow(lang string, p service.Placed) placedRow {
	row := placedRow{Placed: p, PUnit: service.ProgressUnit(p.Kind, p.Unit), AsOfText: periodLabel(lang, p.AsOf)}
	for _, per := range p.Overdue {
		row.Overdue = append(row.Overdue, periodLabel(lang, per))
	}
	return row
}

func placedRows(lang string, ps []service.Placed) []placedRow {
	out := make([]placedRow, 0, len(ps))
	for _, p := range ps {
		out = append(out, newPlacedRow(lang, p))
	}
	return out
}

// zoneCard is a zone on the cockpit: its roll-up and where it drills to.
type zoneCard struct {
	Zone     plan.Zone
	Rollup   rollup
	Programs []programCard
}

type programCard struct {
	Program plan.Program
	Rollup  rollup
}

// rollupOfSummary turns a service summary into the pages' roll-up.
func rollupOfSummary(sum progress.Summary) rollup {
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

func zoneCards(zs []service.ZoneRollup) []zoneCard {
	var out []zoneCard
	for _, z := range zs {
		zc := zoneCard{Zone: z.Zone, Rollup: rollupOfSummary(z.Summary)}
		for _, pr := range z.Programs {
			zc.Programs = append(zc.Programs, programCard{Program: pr.Program, Rollup: rollupOfSummary(pr.Summary)})
		}
		out = append(out, zc)
	}
	return out
}

// silentRow is a department that has not reported.
type silentRow struct {
	service.SilentDept
	PeriodsText string
}

type cockpitView struct {
	Plan      *plan.Plan
	At        string
	AtAsked   string
	BadAt     bool
	Demo      bool
	Overall   rollup
	Rate      progress.ReportingRate
	Zones     []zoneCard
	Headline  []placedRow
	Attention []placedRow
	// AttentionMore is how many more need attention than the page lists.
	AttentionMore int
	Silent        []silentRow
	// Query is ?plan=…&at=… for the links that drill down.
	Query string
}

// leaderQuery keeps the plan and date of a page in the links it gives.
func leaderQuery(planID int64, atRaw string) string {
	q := url.Values{}
	q.Set("plan", strconv.FormatInt(planID, 10))
	if atRaw != "" {
		q.Set("at", atRaw)
	}
	return q.Encode()
}

func (s *Server) cockpitPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	a := service.ActorFrom(ctx)
	lang := requestLang(r)
	id, err := s.planParam(r)
	if err != nil {
		return err
	}
	at, raw, bad := atParam(r)
	c, err := s.svc.Cockpit(ctx, a, id, at)
	if err != nil {
		return err
	}
	v := &cockpitView{Plan: c.Plan, At: c.At.Format(time.DateOnly), AtAsked: raw, BadAt: bad, Demo: c.Plan.AsOf != nil && raw == "",
		Overall: rollupOfSummary(c.Overall), Rate: c.Rate, Zones: zoneCards(c.Zones),
		Headline: placedRows(lang, c.Headline), Query: leaderQuery(c.Plan.ID, raw)}
	// A screenful of what needs attention, worst first; the rest on the status board
	// (a 2,000-indicator plan may have a thousand behind: not a page to send whole).
	v.Attention = placedRows(lang, c.Attention[:min(len(c.Attention), cockpitAttention)])
	v.AttentionMore = len(c.Attention) - len(v.Attention)
	for _, sd := range c.Silent {
		var ps []string
		for _, p := range sd.Periods {
			ps = append(ps, periodLabel(lang, p))
		}
		v.Silent = append(v.Silent, silentRow{SilentDept: sd, PeriodsText: strings.Join(ps, sepOf(lang))})
	}
	s.render(w, r, http.StatusOK, "cockpit", v)
	return nil
}

// cockpitAttention is how many indicators the cockpit lists as needing attention.
const cockpitAttention = 30

func sepOf(lang string) string {
	if lang == "en" {
		return ", "
	}
	return "、"
}

// rankRow is a department's line in the ranking.
type rankRow struct {
	service.DeptRank
	RatePct *decimal.Decimal // nil when nothing was due
	Share   *decimal.Decimal // nil when nothing is tracked
	Trend   []rankCell
}

type rankCell struct {
	Month string
	Rate  *decimal.Decimal
	Share *decimal.Decimal
}

type rankingView struct {
	Plan    *plan.Plan
	At      string
	AtAsked string
	BadAt   bool
	Demo    bool
	Sort    string
	Months  []string
	Rows    []rankRow
	Query   string
	// SortURL is the page sorted by a column.
	SortURL map[string]string
}

// rankSorts are the ranking's sort keys: score (the published order), rate, share,
// name.
var rankSorts = []string{"score", "rate", "share", "name"}

func (s *Server) rankingPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	a := service.ActorFrom(ctx)
	lang := requestLang(r)
	id, err := s.planParam(r)
	if err != nil {
		return err
	}
	at, raw, bad := atParam(r)
	rk, err := s.svc.Ranking(ctx, a, id, at)
	if err != nil {
		return err
	}
	sortBy := r.URL.Query().Get("sort")
	if !slices.Contains(rankSorts, sortBy) {
		sortBy = "score"
	}
	v := &rankingView{Plan: rk.Plan, At: rk.At.Format(time.DateOnly), AtAsked: raw, BadAt: bad, Demo: rk.Plan.AsOf != nil && raw == "",
		Sort: sortBy, Query: leaderQuery(rk.Plan.ID, raw), SortURL: map[string]string{}}
	for _, k := range rankSorts {
		q := r.URL.Query()
		q.Set("sort", k)
		q.Del("lang")
		v.SortURL[k] = "/ranking?" + q.Encode()
	}
	for _, m := range rk.Months {
		v.Months = append(v.Months, periodLabel(lang, m))
	}
	for _, d := range rk.Depts {
		row := rankRow{DeptRank: d}
		if d.Rate.Due > 0 {
			rate := d.Rate.Rate
			row.RatePct = &rate
		}
		if d.Summary.Tracked > 0 {
			sh := d.Summary.OnTrackShare
			row.Share = &sh
		}
		for _, p := range d.Trend {
			row.Trend = append(row.Trend, rankCell{Month: periodLabel(lang, p.Month), Rate: p.Rate, Share: p.Share})
		}
		v.Rows = append(v.Rows, row)
	}
	// Unrated departments stay last whatever the order.
	orNil := func(d *decimal.Decimal) decimal.Decimal {
		if d == nil {
			return decimal.NewFromInt(-1)
		}
		return *d
	}
	slices.SortStableFunc(v.Rows, func(x, y rankRow) int {
		if x.Scored != y.Scored {
			if x.Scored {
				return -1
			}
			return 1
		}
		switch sortBy {
		case "rate":
			return orNil(y.RatePct).Cmp(orNil(x.RatePct))
		case "share":
			return orNil(y.Share).Cmp(orNil(x.Share))
		case "name":
			return cmp.Compare(x.Dept.Name, y.Dept.Name)
		}
		return 0
	})
	s.render(w, r, http.StatusOK, "ranking", v)
	return nil
}

type bulletinZone struct {
	Zone    plan.Zone
	Rollup  rollup
	Good    []placedRow
	Behind  []placedRow
	Number  string
	Heading string
}

type overdueRow struct {
	service.OverdueItem
	PeriodText string
	DueText    string
}

type bulletinView struct {
	Plan      *plan.Plan
	Month     string // 2022-03, for the form and links
	MonthText string
	Months    []string // the plan year's months, for the picker
	At        string
	Overall   rollup
	Rate      progress.ReportingRate
	Zones     []bulletinZone
	Ranking   []rankRow
	Overdue   []overdueRow
	Generated string
	DocxURL   string
}

// monthParam reads ?month=YYYY-MM: the zero Period when absent; an error when malformed.
func monthParam(r *http.Request) (progress.Period, error) {
	raw := strings.TrimSpace(r.URL.Query().Get("month"))
	if raw == "" {
		return progress.Period{}, nil
	}
	p, err := progress.ParsePeriod(raw)
	if err != nil || p.Frequency() != plan.Monthly {
		return progress.Period{}, progress.ValidationErrors{{Field: "month", Message: "month " + strconv.Quote(raw) + " is not YYYY-MM"}}
	}
	return p, nil
}

// badMonth says, in the reader's language, that the month asked for is not one of the
// plan year's: a refused field with its code, which the error table says from its key.
func badMonth(err error) error {
	if errors.As(err, new(progress.ValidationErrors)) {
		return progress.ValidationErrors{{Field: "month", Code: "bulletin_month", Message: i18n.T("zh", "bull.badmonth")}}
	}
	return err
}

func (s *Server) bulletinPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	a := service.ActorFrom(ctx)
	lang := requestLang(r)
	id, err := s.planParam(r)
	if err != nil {
		return err
	}
	month, err := monthParam(r)
	if err != nil {
		return badMonth(err)
	}
	b, err := s.svc.Bulletin(ctx, a, id, month)
	if err != nil {
		return badMonth(err)
	}
	v := &bulletinView{Plan: b.Plan, Month: b.Month.String(), MonthText: periodLabel(lang, b.Month), At: dateText(b.At),
		Overall: rollupOfSummary(b.Overall), Rate: b.Rate, Generated: dateText(s.opts.Clock()),
		DocxURL: "/bulletin.docx?" + url.Values{"plan": {strconv.FormatInt(b.Plan.ID, 10)}, "month": {b.Month.String()}, "lang": {lang}}.Encode()}
	for _, m := range progress.PeriodsOf(plan.Monthly, b.Plan.Year) {
		v.Months = append(v.Months, m.String())
	}
	for i, z := range b.Zones {
		v.Zones = append(v.Zones, bulletinZone{Zone: z.Zone, Rollup: rollupOfSummary(z.Summary), Good: placedRows(lang, z.Good),
			Behind: placedRows(lang, z.Behind), Number: sectionNumber(lang, i)})
	}
	for _, d := range b.Ranking {
		row := rankRow{DeptRank: d}
		if d.Rate.Due > 0 {
			rate := d.Rate.Rate
			row.RatePct = &rate
		}
		if d.Summary.Tracked > 0 {
			sh := d.Summary.OnTrackShare
			row.Share = &sh
		}
		v.Ranking = append(v.Ranking, row)
	}
	for _, o := range b.Overdue {
		v.Overdue = append(v.Overdue, overdueRow{OverdueItem: o, PeriodText: periodLabel(lang, o.Period), DueText: o.Due.Format(time.DateOnly)})
	}
	s.render(w, r, http.StatusOK, "bulletin", v)
	return nil
}

var cnSection = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

func sectionNumber(lang string, i int) string {
	if lang == "en" || i >= len(cnSection) {
		return strconv.Itoa(i + 1)
	}
	return cnSection[i]
}

func (s *Server) bulletinDocx(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := s.planParam(r)
	if err != nil {
		return err
	}
	month, err := monthParam(r)
	if err != nil {
		return badMonth(err)
	}
	data, name, err := s.svc.BulletinDOCX(ctx, service.ActorFrom(ctx), id, month, requestLang(r))
	if err != nil {
		return badMonth(err)
	}
	sendFile(w, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name, data)
	return nil
}

// boardFilter reads the status board's filter from the query.
func boardFilter(r *http.Request) service.BoardFilter {
	q := r.URL.Query()
	f := service.BoardFilter{Zone: strings.TrimSpace(q.Get("zone")), Program: strings.TrimSpace(q.Get("program")),
		Dept: strings.TrimSpace(q.Get("dept")), Status: strings.TrimSpace(q.Get("status")),
		HideNoTarget: q.Get("hide") == "notarget", Query: strings.TrimSpace(q.Get("q"))}
	if len([]rune(f.Query)) > 100 {
		f.Query = string([]rune(f.Query)[:100])
	}
	return f
}

func (s *Server) statusXlsx(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := s.planParam(r)
	if err != nil {
		return err
	}
	at, _, _ := atParam(r)
	data, name, err := s.svc.StatusBoardXLSX(ctx, service.ActorFrom(ctx), id, at, boardFilter(r), requestLang(r))
	if err != nil {
		return err
	}
	sendFile(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name, data)
	return nil
}

// sendFile answers with a file to save.
func sendFile(w http.ResponseWriter, contentType, name string, data []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	_, _ = w.Write(data) // the client went away; no one is left to tell
}

// boardProgram is a program's rows on a zone or program page.
type boardProgram struct {
	Program plan.Program
	Rollup  rollup
	Rows    []placedRow
}

type boardPageView struct {
	Plan     *plan.Plan
	Zone     plan.Zone
	Program  *plan.Program // set on a program's page
	At       string
	AtAsked  string
	Demo     bool
	Overall  rollup
	Programs []boardProgram
	Query    string
}

// boardPage groups a filtered board's rows by program, in plan order.
func boardPage(lang string, b *service.Board, z plan.Zone, raw string) *boardPageView {
	v := &boardPageView{Plan: b.Plan, Zone: z, At: b.At.Format(time.DateOnly), AtAsked: raw, Demo: b.Plan.AsOf != nil && raw == "",
		Query: leaderQuery(b.Plan.ID, raw)}
	byProg := map[int64][]service.Placed{}
	var all []progress.Result
	for _, p := range b.Rows {
		byProg[p.ProgramID] = append(byProg[p.ProgramID], p)
		all = append(all, p.Result)
	}
	v.Overall = rollupOf(all)
	for _, pr := range z.Programs {
		rows := byProg[pr.ID]
		var res []progress.Result
		for _, p := range rows {
			res = append(res, p.Result)
		}
		v.Programs = append(v.Programs, boardProgram{Program: pr, Rollup: rollupOf(res), Rows: placedRows(lang, rows)})
	}
	return v
}

func (s *Server) zonePage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	at, raw, _ := atParam(r)
	b, z, err := s.svc.ZoneBoard(ctx, service.ActorFrom(ctx), id, at)
	if err != nil {
		return err
	}
	notePlan(r, b.Plan.ID, false)
	s.render(w, r, http.StatusOK, "zone", boardPage(requestLang(r), b, z, raw))
	return nil
}

func (s *Server) programPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	at, raw, _ := atParam(r)
	b, z, pr, err := s.svc.ProgramBoard(ctx, service.ActorFrom(ctx), id, at)
	if err != nil {
		return err
	}
	notePlan(r, b.Plan.ID, false)
	z.Programs = []plan.Program{pr}
	v := boardPage(requestLang(r), b, z, raw)
	v.Program = &pr
	s.render(w, r, http.StatusOK, "zone", v)
	return nil
}

// boardStatuses are the status filter's choices: the groups, then each status.
var boardStatuses = []string{"attention", "good", "overdue", "behind", "late", "at_risk", "on_track", "achieved", "done", "no_data", "no_target"}
