package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/app"
	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/planfile"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/web"
)

// Signed-in readers' pages are kept rendered but for the top bar (web/keep.go). Proved
// here on SQLite and PostgreSQL: readers with other rights (a leader, a city-wide
// leader, a department's clerk and reviewer, another department's clerk, a leader
// reading English) reading the same addresses one after the other on one server each
// get what a server that never rendered the page for anyone else renders for them;
// after every kind of change (approve, correct, unlock, revise a target, edit the plan)
// the pages on the server that made it and on a second server, both warm, are byte for
// byte what a server with no kept pages renders; a revoked token or a changed role
// takes effect at once, kept pages or not; the plan switcher's cookie and the minute are
// in the key; and a page whose switcher could not be made is not kept.
func TestSignedInPageCache(t *testing.T) { eachWorld(t, testSignedInPageCache) }

// mainPart is a page without its top bar: what is kept.
func mainPart(body string) string {
	i, j := strings.Index(body, `<header class="topbar">`), strings.Index(body, `<main class="main">`)
	if i < 0 || j < i {
		return body
	}
	return body[:i] + body[j:]
}

func testSignedInPageCache(t *testing.T, w *progressWorld) {
	ctx := context.Background()
	// serverAt is another lantu server on the same database, with the clock now.
	serverAt := func(t *testing.T, now func() time.Time) *progressWorld {
		t.Helper()
		svc := service.New(w.st)
		svc.Now = now
		svc.PublicView = true
		h, err := app.Handler(ctx, svc, app.Config{PublicView: true, Demo: true}, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(h)
		t.Cleanup(srv.Close)
		return &progressWorld{srv: srv, st: w.st, svc: svc, planID: w.planID, fdi: w.fdi}
	}
	server := func(t *testing.T) *progressWorld { t.Helper(); return serverAt(t, w.svc.Now) }
	// A leader of another district, and a city-wide one (region 0: with two regions, a
	// user given none reads every district).
	// The other district has a plan of its own: the city-wide leader's top bar then
	// offers both plans, a district's reader's none.
	data, err := os.ReadFile("../planfile/testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	other, err := planfile.Parse(nil, "small.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	other.Plan.Region = plan.Region{Code: "other", Name: "另一区"}
	other.Plan.AsOf = nil // its status is as of the clock's date (the minute test below)
	if err := w.st.WithTx(ctx, func(ctx context.Context) error { return w.st.CreatePlan(ctx, other.Plan) }); err != nil {
		t.Fatal(err)
	}
	for _, nu := range []service.NewUser{
		{Login: "cityleader", Roles: []auth.Role{auth.RoleLeader}},
		{Login: "otherleader", Roles: []auth.Role{auth.RoleLeader}, RegionCode: "other"},
		{Login: "fresh", Roles: []auth.Role{auth.RoleLeader}},
	} {
		nu.Password = nu.Login + "-password-1"
		if _, _, err := w.svc.CreateUser(ctx, service.System, nu); err != nil {
			t.Fatal(err)
		}
	}
	readers := map[string]*http.Client{}
	for _, login := range []string{"leader", "cityleader", "otherleader", "fresh", "clerk", "head", "urbanclerk"} {
		readers[login] = w.browser(t, login)
	}
	// A leader whose one-time password is still to be changed reads as the public.
	if _, err := w.st.DB().ExecContext(ctx, `UPDATE users SET must_change_password = TRUE WHERE login = 'fresh'`); err != nil {
		t.Fatal(err)
	}
	// The leader again, reading English by the language cookie.
	en := w.browser(t, "leader")
	u, _ := url.Parse(w.srv.URL)
	en.Jar.SetCookies(u, []*http.Cookie{{Name: "lang", Value: "en", Path: "/"}})
	readers["leader-en"] = en
	names := []string{"leader", "leader-en", "cityleader", "otherleader", "fresh", "clerk", "head", "urbanclerk"}

	get := func(t *testing.T, srv *progressWorld, c *http.Client, path string) (int, string) {
		t.Helper()
		res, err := c.Get(srv.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	demo, err := w.svc.Plan(ctx, service.System, w.planID)
	if err != nil {
		t.Fatal(err)
	}
	// The status API is kept too (httpauth.CacheReaders); the zone and program pages
	// are those where 外商直接投资 sits, whose figures change below.
	api := fmt.Sprintf("/api/v1/status?plan=%d", w.planID)
	var zonePage, programPage string
	for _, z := range demo.Zones {
		for _, pr := range z.Programs {
			for _, ind := range pr.Indicators {
				if ind.ID == w.fdi {
					zonePage, programPage = fmt.Sprintf("/zones/%d", z.ID), fmt.Sprintf("/programs/%d", pr.ID)
				}
			}
		}
	}
	if zonePage == "" {
		t.Fatal("外商直接投资 is in no zone")
	}
	indPage := fmt.Sprintf("/indicators/%d", w.fdi) // kept for readers it shows no form to
	paths := []string{"/status", "/", "/cockpit", "/ranking", "/status?dept=commerce", "/status?lang=en",
		fmt.Sprintf("/plans/%d", w.planID), fmt.Sprintf("/status?plan=%d&page=1", w.planID), zonePage, programPage, "/bulletin", api, indPage}

	// Rights: every reader on one server, in one order and then the other, against a
	// server of their own that renders for nobody else.
	own := map[string]*progressWorld{}
	for _, n := range names {
		own[n] = server(t)
	}
	mains := map[string]map[string]bool{}
	backward := slices.Clone(names)
	slices.Reverse(backward)
	for round, order := range [][]string{names, backward} {
		for _, path := range paths {
			for _, n := range order {
				code, got := get(t, w, readers[n], path)
				wantCode, want := get(t, own[n], readers[n], path)
				if code != wantCode || got != want {
					t.Errorf("round %d: %s reads %s (%d) unlike a server that rendered it for them alone (%d)", round, n, path, code, wantCode)
				}
				if code == http.StatusOK && path != api && !strings.Contains(got, "/logout") {
					t.Errorf("%s reads %s as the public", n, path)
				}
				if strings.Contains(got, `name="csrf" value=""`) {
					t.Errorf("%s reads %s with a form without its CSRF token (a kept form)", n, path)
				}
				if mains[path] == nil {
					mains[path] = map[string]bool{}
				}
				mains[path][mainPart(got)] = true
			}
		}
	}
	if _, body := get(t, w, readers["cityleader"], "/status?lang=zh"); !strings.Contains(body, `id="plan-switch"`) {
		t.Error("the city-wide leader is not offered the two plans")
	}
	// The plan switcher's cookie is in the key: the city-wide leader reading with it
	// naming the other district's plan and without it, one after the other on one
	// server, gets each time what a server that renders for them alone renders.
	cityOther := w.browser(t, "cityleader")
	setPlanCookie := func(id int64) {
		c := &http.Cookie{Name: "plan", Value: strconv.FormatInt(id, 10), Path: "/"}
		if id == 0 {
			c.Value, c.MaxAge = "", -1
		}
		cityOther.Jar.SetCookies(u, []*http.Cookie{c})
	}
	byCookie := map[int64]string{}
	refs := map[int64]*progressWorld{} // a server per cookie: it never saw the other
	for _, id := range []int64{0, other.Plan.ID, 0, other.Plan.ID} {
		setPlanCookie(id)
		for _, path := range []string{"/status?probe=cookie", "/?probe=cookie", "/cockpit?probe=cookie"} {
			code, got := get(t, w, cityOther, path)
			if refs[id] == nil {
				refs[id] = server(t)
			}
			wantCode, want := get(t, refs[id], cityOther, path)
			if code != wantCode || got != want {
				t.Errorf("the city-wide leader reads %s with the plan cookie %d unlike a server that rendered it for them alone", path, id)
			}
			if path == "/status?probe=cookie" {
				byCookie[id] = mainPart(got)
			}
		}
	}
	if byCookie[0] == byCookie[other.Plan.ID] {
		t.Error("the plan cookie changes nothing on /status: the test shows nothing")
	}
	setPlanCookie(0)

	// A page whose plan switcher could not be made (the plans' read failed, as when
	// the request is cancelled) is not kept without it for the others.
	restore := web.FailPlanBar(func(r *http.Request) error {
		if r.URL.Query().Get("probe") == "bar" {
			return context.Canceled
		}
		return nil
	})
	code, body := get(t, w, readers["cityleader"], "/status?lang=zh&probe=bar")
	restore()
	if code != http.StatusOK || strings.Contains(body, `id="plan-switch"`) {
		t.Errorf("the switcher's read did not fail (%d): the test shows nothing", code)
	}
	if _, body := get(t, w, readers["cityleader"], "/status?lang=zh&probe=bar"); !strings.Contains(body, `id="plan-switch"`) {
		t.Error("a page made when the switcher could not be was kept without it")
	}

	// The readers' rights show on these pages, or the test above proves nothing.
	for path, least := range map[string]int{"/status": 3, "/": 3, "/cockpit": 3, api: 2} { // the API has no language
		if len(mains[path]) < least {
			t.Errorf("%s: only %d different pages for %d readers", path, len(mains[path]), len(names))
		}
	}

	// Freshness: after each change, both servers (warm) render what a new one does.
	second := server(t)
	leader, clerk := readers["leader"], readers["clerk"]
	fresh := []string{"/status", "/", "/cockpit", "/ranking", "/status?lang=en", "/status?dept=commerce", zonePage, programPage, "/bulletin", api, indPage}
	warm := func(t *testing.T) map[string]string {
		t.Helper()
		before := map[string]string{}
		for _, p := range fresh {
			_, before[p] = get(t, w, leader, p)
			get(t, second, leader, p)
			get(t, w, clerk, p)
			get(t, second, clerk, p)
		}
		return before
	}
	check := func(t *testing.T, what string, before map[string]string, changed ...string) {
		t.Helper()
		ref := server(t)
		for _, p := range fresh {
			for who, c := range map[string]*http.Client{"leader": leader, "clerk": clerk} {
				wantCode, want := get(t, ref, c, p)
				for name, srv := range map[string]*progressWorld{"same": w, "second": second} {
					if code, got := get(t, srv, c, p); code != wantCode || got != want {
						t.Errorf("after %s, %s read by the %s on the %s server is not what a new server renders", what, p, who, name)
					}
				}
				if who == "leader" && slices.Contains(changed, p) && before[p] == want {
					t.Errorf("after %s, %s did not change for the leader: the test shows nothing", what, p)
				}
			}
		}
	}

	// Approve a report.
	before := warm(t)
	r, err := w.svc.CreateReport(ctx, service.System, w.fdi, service.ReportInput{Period: "2022-03", Value: decPtr("90000000")})
	if err != nil {
		t.Fatal(err)
	}
	if r, err = w.svc.Review(ctx, service.System, r.ID, service.ReviewAction{Action: progress.ActSubmit, Version: r.Version}); err != nil {
		t.Fatal(err)
	}
	check(t, "submit", before)
	before = warm(t)
	if r, err = w.svc.Review(ctx, service.System, r.ID, service.ReviewAction{Action: progress.ActApprove, Version: r.Version}); err != nil {
		t.Fatal(err)
	}
	check(t, "approve", before, "/status", "/cockpit", zonePage, programPage, api, indPage)

	// Correct it: a new revision, submitted and approved.
	before = warm(t)
	c, err := w.svc.CorrectReport(ctx, service.System, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c, err = w.svc.UpdateReport(ctx, service.System, c.ID, service.ReportInput{Value: decPtr("150000000"), Version: c.Version}); err != nil {
		t.Fatal(err)
	}
	if c, err = w.svc.Review(ctx, service.System, c.ID, service.ReviewAction{Action: progress.ActSubmit, Version: c.Version}); err != nil {
		t.Fatal(err)
	}
	if _, err = w.svc.Review(ctx, service.System, c.ID, service.ReviewAction{Action: progress.ActApprove, Version: c.Version}); err != nil {
		t.Fatal(err)
	}
	check(t, "correct", before, "/status")

	// Unlock a period.
	before = warm(t)
	if _, err := w.svc.UnlockPeriod(ctx, service.System, w.fdi, "2022-02", "补报", time.Date(2022, 4, 20, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	check(t, "unlock", before)

	// Revise a target.
	before = warm(t)
	rev := progress.TargetRevision{Target: decPtr("1"), EffectiveFrom: time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC), Reason: "市政府调整年度任务"}
	if err := w.svc.ReviseTarget(ctx, service.System, w.fdi, rev); err != nil {
		t.Fatal(err)
	}
	check(t, "revise target", before, "/status")

	// Edit the plan: an indicator's name.
	before = warm(t)
	in, err := w.svc.PlanItemForEdit(ctx, service.System, service.KindIndicator, w.fdi)
	if err != nil {
		t.Fatal(err)
	}
	in.Name = "外商直接投资（改）"
	if _, err := w.svc.SavePlanItem(ctx, service.System, in); err != nil {
		t.Fatal(err)
	}
	check(t, "edit plan", before, "/status", "/")
	if _, body := get(t, w, leader, "/status"); !strings.Contains(body, "外商直接投资（改）") {
		t.Error("the status board does not show the indicator's new name")
	}

	// The indicator page shows who submitted and reviewed: a user's new name shows at
	// once on a kept page.
	city, err := w.st.UserByLogin(ctx, "cityleader")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.st.DB().ExecContext(ctx, `UPDATE reports SET submitted_by = $1 WHERE indicator_id = $2`, city.ID, w.fdi); err != nil {
		t.Fatal(err)
	}
	if err := w.st.PlanChanged(ctx, w.planID); err != nil { // as the write that set it would
		t.Fatal(err)
	}
	before = warm(t)
	if !strings.Contains(before[indPage], city.DisplayName) {
		t.Fatalf("the indicator page does not show its submitter %q", city.DisplayName)
	}
	if _, err := w.svc.UpdateUser(ctx, service.System, city.ID, service.UserChange{DisplayName: "全市领导（改名）", Roles: city.Roles}); err != nil {
		t.Fatal(err)
	}
	check(t, "rename the submitter", before, indPage)
	if _, body := get(t, w, leader, indPage); !strings.Contains(body, "全市领导（改名）") {
		t.Error("the kept indicator page does not show the submitter's new name")
	}

	// Readers with other rights asking at once, on a server that has kept nothing: those
	// who wait for a page being made get it only when it was made for their rights.
	cold := server(t)
	var wg sync.WaitGroup
	got := map[string][]string{}
	var mu sync.Mutex
	for _, n := range names {
		for range 6 {
			wg.Go(func() {
				res, err := readers[n].Get(cold.srv.URL + "/status")
				if err != nil {
					t.Error(err)
					return
				}
				defer res.Body.Close()
				b, _ := io.ReadAll(res.Body)
				mu.Lock()
				got[n] = append(got[n], string(b))
				mu.Unlock()
			})
		}
	}
	wg.Wait()
	for _, n := range names {
		_, want := get(t, own[n], readers[n], "/status")
		for _, g := range got[n] {
			if g != want {
				t.Errorf("%s, asking with the others at once, got a page not made for them", n)
				break
			}
		}
	}

	// Who reads is found per request: a revoked token and a changed role take effect
	// at once on a server whose pages are kept.
	tok, tk, err := w.svc.CreateToken(ctx, service.System, "leader", "load", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	bearer := func(t *testing.T, path string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, w.srv.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	for range 2 {
		if code, body := bearer(t, "/status?lang=zh"); code != http.StatusOK || !strings.Contains(body, `href="/admin/audit"`) {
			t.Fatalf("the leader's token reads /status: %d, or without the audit log in the nav", code)
		}
	}
	leaderUser, err := w.st.UserByLogin(ctx, "leader")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.UpdateUser(ctx, service.System, leaderUser.ID, service.UserChange{DisplayName: leaderUser.DisplayName,
		Roles: []auth.Role{auth.RoleReporter}, DeptCodes: []string{"urban"}}); err != nil {
		t.Fatal(err)
	}
	_, asUrbanClerk := get(t, own["urbanclerk"], readers["urbanclerk"], "/status?lang=zh")
	code, asDemoted := bearer(t, "/status?lang=zh")
	if code != http.StatusOK || strings.Contains(asDemoted, `href="/admin/audit"`) || !strings.Contains(asDemoted, `href="/reports"`) {
		t.Errorf("after the leader became a clerk, /status (%d) still shows the leader's nav", code)
	}
	if mainPart(asDemoted) != mainPart(asUrbanClerk) {
		t.Error("after the leader became a clerk of 区城市管理局, /status is not the clerk's")
	}
	// Disabled: the token is worth nothing at once.
	if _, err := w.svc.UpdateUser(ctx, service.System, leaderUser.ID, service.UserChange{DisplayName: leaderUser.DisplayName,
		Roles: []auth.Role{auth.RoleReporter}, DeptCodes: []string{"urban"}, Disabled: true}); err != nil {
		t.Fatal(err)
	}
	if code, body := bearer(t, "/status"); code != http.StatusUnauthorized || strings.Contains(body, "/logout") {
		t.Errorf("a disabled user's token reads /status: %d", code)
	}
	if _, err := w.svc.UpdateUser(ctx, service.System, leaderUser.ID, service.UserChange{DisplayName: leaderUser.DisplayName,
		Roles: []auth.Role{auth.RoleReporter}, DeptCodes: []string{"urban"}}); err != nil {
		t.Fatal(err)
	}
	if code, _ := bearer(t, "/status"); code != http.StatusOK {
		t.Errorf("the token of a user enabled again reads /status: %d", code)
	}
	if err := w.svc.RevokeToken(ctx, service.System, tk.ID); err != nil {
		t.Fatal(err)
	}
	if code, body := bearer(t, "/status"); code != http.StatusUnauthorized || strings.Contains(body, "/logout") {
		t.Errorf("a revoked token reads /status: %d", code)
	}

	// The minute is in the key (the as-of date, what is overdue): a page kept at 23:59
	// in China on the day March's reports are due (the other district's plan has no as-of date of its own) is not what is read a minute later.
	var clock atomic.Pointer[time.Time]
	beforeMidnight := time.Date(2022, 4, 15, 23, 59, 30, 0, service.China).UTC()
	clock.Store(&beforeMidnight)
	turning := serverAt(t, func() time.Time { return *clock.Load() })
	minutePaths := []string{fmt.Sprintf("/status?plan=%d", other.Plan.ID), fmt.Sprintf("/cockpit?plan=%d", other.Plan.ID), fmt.Sprintf("/bulletin?plan=%d", other.Plan.ID)}
	reader := turning.browser(t, "otherleader") // signed in on the clock's day (sessions expire)
	at := map[string]string{}
	for _, path := range minutePaths {
		_, at[path] = get(t, turning, reader, path)
	}
	afterMidnight := beforeMidnight.Add(time.Minute)
	clock.Store(&afterMidnight)
	ref := serverAt(t, func() time.Time { return afterMidnight })
	changed := false
	for _, path := range minutePaths {
		code, got := get(t, turning, reader, path)
		wantCode, want := get(t, ref, reader, path)
		if code != wantCode || got != want {
			t.Errorf("a minute later, on the next day, %s is not what a new server renders", path)
		}
		changed = changed || mainPart(want) != mainPart(at[path])
		if !strings.Contains(got, "/logout") {
			t.Errorf("%s read as the public", path)
		}
	}
	if !changed {
		t.Error("the pages do not change over midnight: the test shows nothing")
	}
}
