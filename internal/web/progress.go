package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
)

// flashMsg is a one-line message at the top of a page (the "flash" component).
type flashMsg struct {
	Kind string // ok or error
	Text string
}

// doneCodes and failCodes are the outcomes a redirect may name in ?done= or ?fail=;
// anything else is ignored, so a link cannot put words on the page.
var (
	doneCodes = map[string]bool{"saved": true, "submitted": true, "withdrawn": true, "approved": true, "rejected": true, "corrected": true,
		"unlocked": true, "target_revised": true, "unlock_requested": true, "unlock_granted": true, "unlock_declined": true}
	failCodes = map[string]bool{"conflict": true, "locked": true, "transition": true, "reason": true, "exists": true, "invalid": true,
		"unlock_input": true, "target_input": true, "unlockreq_reason": true, "unlockreq_period": true, "unlockreq_not_locked": true,
		"unlockreq_pending": true, "unlockreq_decline_reason": true}
)

// flashFrom reads the outcome of the redirect that led here.
func flashFrom(r *http.Request) *flashMsg {
	lang := requestLang(r)
	if c := r.URL.Query().Get("done"); doneCodes[c] {
		return &flashMsg{Kind: "ok", Text: i18n.T(lang, "prog.done."+c)}
	}
	if c := r.URL.Query().Get("fail"); failCodes[c] {
		return &flashMsg{Kind: "error", Text: i18n.T(lang, "prog.fail."+c)}
	}
	return nil
}

// withParam adds key=value to a local URL's query, keeping its path and fragment.
func withParam(next, key, value string) string {
	u, err := url.Parse(safeNext(next))
	if err != nil {
		return "/"
	}
	q := u.Query()
	q.Del("done")
	q.Del("fail")
	q.Set(key, value)
	u.RawQuery = q.Encode()
	return u.String()
}

// atParam reads ?at=YYYY-MM-DD: the zero time when absent; bad is set when malformed.
func atParam(r *http.Request) (at time.Time, raw string, bad bool) {
	raw = strings.TrimSpace(r.URL.Query().Get("at"))
	if raw == "" {
		return time.Time{}, "", false
	}
	t, err := service.ParseAt(raw)
	if err != nil {
		return time.Time{}, "", true
	}
	return t, raw, false
}

// periodLabel is a period as a reader of the language writes it.
func periodLabel(lang string, p progress.Period) string {
	if p.IsZero() {
		return ""
	}
	if lang == "en" {
		return p.String()
	}
	return p.Label()
}

func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(service.China).Format("2006-01-02")
}

func dateTimeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(service.China).Format("2006-01-02 15:04")
}

// withTarget is the indicator carrying the target in force (a revision may have moved it),
// for the "target" component.
func withTarget(ind plan.Indicator, res progress.Result) plan.Indicator {
	if res.Target != nil {
		ind.Target, ind.TargetMax = res.Target, res.TargetMax
	}
	return ind
}

// statusUnit is the unit progress is written in: growth progress is a rate in percent.
func statusUnit(kind plan.Kind, unit string) string {
	if kind == plan.KindGrowth {
		return "%"
	}
	return unit
}

// reportResource is the resource a report of the indicator is, for hiding buttons.
func indicatorResource(ind service.IndicatorRow) auth.Resource {
	return auth.Resource{DeptID: ind.DeptID, RegionID: ind.RegionID, Public: ind.Public}
}

// userNames looks up display names for the ids a page shows, once each.
type userNames struct {
	ctx   context.Context
	svc   *service.Service
	actor service.Actor
	cache map[int64]string
}

func (s *Server) userNames(ctx context.Context) *userNames {
	return &userNames{ctx: ctx, svc: s.svc, actor: service.ActorFrom(ctx), cache: map[int64]string{}}
}

func (u *userNames) name(id int64) string {
	if id == 0 {
		return ""
	}
	if n, ok := u.cache[id]; ok {
		return n
	}
	n := u.svc.UserName(u.ctx, u.actor, id)
	u.cache[id] = n
	return n
}

// parseAmount reads a figure as people type it (205000000, 205,000,000, 2.05亿, 3500万)
// with progress.ParseFigure, the one parser and bound for figures; empty is nil.
func parseAmount(s string) (*decimal.Decimal, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	d, err := progress.ParseFigure(s)
	return &d, err
}

// counted picks the reports of a plan year that count, in period order.
func counted(reports []service.StoredReport, year int, set plan.Settings) []progress.Report {
	var rs []progress.Report
	for _, r := range reports {
		if r.Period.Year() == year {
			rs = append(rs, r.Report)
		}
	}
	return progress.Counting(rs, set)
}

// handedIn is the set of periods with a report submitted or approved (progress.HandedIn).
func handedIn(reports []service.StoredReport) map[progress.Period]bool {
	return progress.HandedIn(plainReports(reports))
}

func plainReports(reports []service.StoredReport) []progress.Report {
	out := make([]progress.Report, len(reports))
	for i := range reports {
		out[i] = reports[i].Report
	}
	return out
}

// dayOf is t's date in China as midnight UTC, the form progress compares dates in.
func dayOf(t time.Time) time.Time {
	y, m, d := t.In(service.China).Date()
	return progress.Date(y, m, d)
}

// owed is one period a department still owes a report for.
type owed struct {
	Period  progress.Period
	Label   string
	Due     string
	Overdue bool
	Locked  bool // for this user: no report can be made any more without an unlock
	Asked   bool // a request to reopen it (申请解锁) is pending
}

// owedPeriods lists the owed periods of the plan year (progress.Obligation: from the
// indicator's owed-from date) that have ended by at and have no report submitted or
// approved: overdue ones (progress.Obligation.Overdue) and the one now due.
func owedPeriods(lang string, ind service.IndicatorRow, p *plan.Plan, reports []service.StoredReport, at time.Time) []owed {
	o := progress.ObligationOf(ind.Indicator, p.Settings, p.Year)
	plain := plainReports(reports)
	in := progress.HandedIn(plain)
	overdue := map[progress.Period]bool{}
	for _, op := range o.Overdue(plain, nil, at.In(service.China)) {
		overdue[op.Period] = true
	}
	day := dayOf(at)
	var out []owed
	for _, per := range o.Periods() {
		if per.End().After(day) || in[per] {
			continue
		}
		due := o.Calendar.Due(per)
		out = append(out, owed{Period: per, Label: periodLabel(lang, per), Due: due.Format("2006-01-02"), Overdue: overdue[per]})
	}
	return out
}

// duePeriod is the period a new report is most likely for, among the periods owed
// (progress.Obligation): the latest period ended by at (the one now being reported: for
// the demo, the as-of month) when it has no report yet, else the earliest ended period
// without one, else the period after the latest reported, within the plan year.
func duePeriod(ind service.IndicatorRow, p *plan.Plan, reports []service.StoredReport, at time.Time) progress.Period {
	freq := ind.Frequency
	if freq == "" {
		freq = plan.Yearly
	}
	// The periods owed (from the indicator's owed-from date); all of the year for an
	// indicator that owes none (a context figure reports when it has something).
	periods := progress.ObligationOf(ind.Indicator, p.Settings, p.Year).Periods()
	if len(periods) == 0 {
		periods = progress.PeriodsOf(freq, p.Year)
	}
	if len(periods) == 0 {
		return progress.Period{}
	}
	has := map[progress.Period]bool{}
	var last progress.Period
	for _, r := range reports {
		has[r.Period] = true
		if r.Period.Year() == p.Year && last.Before(r.Period) {
			last = r.Period
		}
	}
	day := dayOf(at)
	var ended []progress.Period
	for _, per := range periods {
		if !per.End().After(day) {
			ended = append(ended, per)
		}
	}
	if n := len(ended); n > 0 && !has[ended[n-1]] {
		return ended[n-1]
	}
	for _, per := range ended {
		if !has[per] {
			return per
		}
	}
	if !last.IsZero() && last.Next().Year() == p.Year {
		return last.Next()
	}
	if last.IsZero() {
		for _, per := range periods {
			if per.Contains(day) {
				return per
			}
		}
	}
	return periods[len(periods)-1]
}

// isForbidden tells an authorization refusal from other errors.
func isForbidden(err error) bool {
	return errors.Is(err, auth.ErrForbidden) || errors.Is(err, auth.ErrUnauthenticated)
}

// locks tells which periods of an indicator are locked now (the service's lock rule, for
// hiding buttons that would fail: the service still checks).
type locks struct {
	cal     progress.Calendar
	unlocks []progress.Unlock
	now     time.Time
	admin   bool // admins write through locks
}

func (s *Server) locksFor(ctx context.Context, a service.Actor, ind service.IndicatorRow, p *plan.Plan) (*locks, error) {
	freq := ind.Frequency
	if freq == "" {
		freq = plan.Yearly
	}
	u, err := s.svc.Unlocks(ctx, a, ind.ID)
	if err != nil {
		return nil, err
	}
	return &locks{cal: progress.NewCalendar(freq, p.Settings), unlocks: u, now: s.svc.Now().In(service.China),
		admin: a.HasRole(auth.RoleAdmin)}, nil
}

// closed reports whether the actor cannot write the period because it is locked.
func (l *locks) closed(per progress.Period) bool {
	return !l.admin && l.cal.Locked(per, l.now, l.unlocks)
}

// since is the date the period locked.
func (l *locks) since(per progress.Period) string { return l.cal.LockDate(per).Format("2006-01-02") }
