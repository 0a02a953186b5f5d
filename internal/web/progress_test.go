package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/app"
	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// progressWorld is the demo plan behind the real router, on 5 April 2022 (March is open
// for reporting, January and February are locked), with a clerk and a head of 区商务委,
// a clerk of 区城市管理局 and a leader.
type progressWorld struct {
	srv    *httptest.Server
	st     *store.Store
	svc    *service.Service
	planID int64
	fdi    int64 // 外商直接投资: 区商务委, public, no report yet
}

func newProgressWorld(t *testing.T) *progressWorld {
	t.Helper()
	return newProgressWorldOn(t, storetest.SQLite(t))
}

// eachWorld runs a test on the progress world over SQLite and over PostgreSQL.
func eachWorld(t *testing.T, fn func(t *testing.T, w *progressWorld)) {
	t.Helper()
	storetest.Each(t, func(t *testing.T, st *store.Store) { fn(t, newProgressWorldOn(t, st)) })
}

func newProgressWorldOn(t *testing.T, st *store.Store) *progressWorld {
	t.Helper()
	ctx := context.Background()
	svc := service.New(st)
	svc.Hasher = auth.NewHasher(auth.WithParams(auth.InsecureTestParams))
	svc.Now = func() time.Time { return time.Date(2022, 4, 5, 2, 0, 0, 0, time.UTC) }
	svc.PublicView = true
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	id, err := app.EnsureDemo(ctx, svc, log)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []service.NewUser{
		{Login: "clerk", DisplayName: "王晓丽", Roles: []auth.Role{auth.RoleReporter}, DeptCodes: []string{"commerce"}},
		{Login: "head", DisplayName: "李建国", Roles: []auth.Role{auth.RoleReviewer}, DeptCodes: []string{"commerce"}},
		{Login: "urbanclerk", Roles: []auth.Role{auth.RoleReporter}, DeptCodes: []string{"urban"}},
		{Login: "leader", Roles: []auth.Role{auth.RoleLeader}},
	} {
		u.Password = u.Login + "-password-1"
		if _, _, err := svc.CreateUser(ctx, service.System, u); err != nil {
			t.Fatal(err)
		}
	}
	fdi, err := st.IndicatorByCode(ctx, id, "fdi")
	if err != nil {
		t.Fatal(err)
	}
	h, err := app.Handler(ctx, svc, app.Config{PublicView: true, Demo: true}, log)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &progressWorld{srv: srv, st: st, svc: svc, planID: id, fdi: fdi.ID}
}

// browser is a client with a cookie jar; signed in through the sign-in form when login
// is given.
func (w *progressWorld) browser(t *testing.T, login string) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &http.Client{Jar: jar}
	if login == "" {
		return c
	}
	_, body := w.get(t, c, "/login")
	res, err := c.PostForm(w.srv.URL+"/login", url.Values{"csrf": {csrfOf(t, body)}, "login": {login}, "password": {login + "-password-1"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Request.URL.Path == "/login" {
		t.Fatalf("sign in as %s: %d at %s", login, res.StatusCode, res.Request.URL)
	}
	return c
}

func (w *progressWorld) get(t *testing.T, c *http.Client, path string) (int, string) {
	t.Helper()
	res, err := c.Get(w.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// post sends a form and follows the redirect, as a browser does; it returns the final
// status, body and address.
func (w *progressWorld) post(t *testing.T, c *http.Client, path string, form url.Values) (int, string, *url.URL) {
	t.Helper()
	res, err := c.PostForm(w.srv.URL+path, form)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b), res.Request.URL
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func csrfOf(t *testing.T, body string) string {
	t.Helper()
	m := csrfRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no CSRF token on the page")
	}
	return m[1]
}

// versionIn finds the version field of the form posting to action.
func versionIn(t *testing.T, body, action string) string {
	t.Helper()
	i := strings.Index(body, `action="`+action+`"`)
	if i < 0 {
		t.Fatalf("no form to %s on the page", action)
	}
	m := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(body[i:])
	if m == nil {
		t.Fatalf("no version in the form to %s", action)
	}
	return m[1]
}

// row is the status table's line of an indicator.
func row(t *testing.T, body, code string) string {
	t.Helper()
	i := strings.Index(body, `data-indicator="`+code+`"`)
	if i < 0 {
		t.Fatalf("no row for %s", code)
	}
	j := strings.Index(body[i:], "</tr>")
	return body[i : i+j]
}

func (w *progressWorld) reports(t *testing.T) []store.StoredReport {
	t.Helper()
	rs, err := w.st.IndicatorReports(context.Background(), w.fdi)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// A clerk reports a figure through the form, is told to explain it, explains it and
// submits; the head approves it in the review queue; the dashboard shows it. Another
// department's clerk and a form without its token change nothing.
func TestReportThroughReview(t *testing.T) { eachWorld(t, testReportThroughReview) }

func testReportThroughReview(t *testing.T, w *progressWorld) {
	fdiPath := fmt.Sprintf("/indicators/%d", w.fdi)

	// Before: the dashboard shows 外商直接投资 as overdue, with nothing reported.
	anon := w.browser(t, "")
	_, body := w.get(t, anon, "/status")
	if r := row(t, body, "fdi"); !strings.Contains(r, "badge-overdue") || !strings.Contains(r, "3亿美元") {
		t.Errorf("fdi before any report: %s", r)
	}

	clerk := w.browser(t, "clerk")
	code, body := w.get(t, clerk, "/reports")
	if code != 200 || !strings.Contains(body, "外商直接投资") || !strings.Contains(body, fdiPath+"/reports/new?period=2022-03") {
		t.Fatalf("worklist = %d, lacks the fdi line or its March link:\n%s", code, body)
	}
	if strings.Contains(body, "新增绿化面积") {
		t.Error("the worklist shows another department's indicator")
	}
	code, body = w.get(t, clerk, fdiPath+"/reports/new")
	if code != 200 || !strings.Contains(body, `name="period" value="2022-03"`) {
		t.Fatalf("form = %d, period not prefilled with the as-of month:\n%s", code, body)
	}
	token := csrfOf(t, body)

	// Without its token the form is refused and nothing is written.
	if code, _, _ := w.post(t, clerk, fdiPath+"/reports", url.Values{"period": {"2022-03"}, "value": {"5000万"}}); code != http.StatusForbidden {
		t.Errorf("POST without CSRF = %d, want 403", code)
	}
	// A locked period says so.
	code, body, _ = w.post(t, clerk, fdiPath+"/reports", url.Values{"csrf": {token}, "period": {"2022-01"}, "value": {"1000万"}, "intent": {"draft"}})
	if code != http.StatusLocked || !strings.Contains(body, "锁定") || !strings.Contains(body, `value="1000万"`) {
		t.Errorf("locked period = %d:\n%s", code, body)
	}
	if n := len(w.reports(t)); n != 0 {
		t.Fatalf("%d reports after refused posts", n)
	}

	// 5000万 of 3亿 by March is behind: saved, but not submitted without a cause and remedy.
	code, body, _ = w.post(t, clerk, fdiPath+"/reports", url.Values{"csrf": {token}, "period": {"2022-03"}, "value": {"5000万"},
		"cumulative_shown": {"1"}, "cumulative": {"1"}, "intent": {"submit"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "须填写原因说明") || !strings.Contains(body, "须填写整改措施") {
		t.Fatalf("submission without explanation = %d:\n%s", code, body)
	}
	rs := w.reports(t)
	if len(rs) != 1 || rs[0].State != progress.StateDraft || rs[0].Value.String() != "50000000" {
		t.Fatalf("after the refused submission: %+v", rs)
	}
	draft := rs[0]
	action := fmt.Sprintf("/reports/%d", draft.ID)
	if !strings.Contains(body, `action="`+action+`"`) {
		t.Fatalf("the refused submission does not continue with the draft's form:\n%s", body)
	}
	code, body, where := w.post(t, clerk, action, url.Values{"csrf": {token}, "version": {versionIn(t, body, action)}, "value": {"50000000"},
		"cumulative_shown": {"1"}, "cumulative": {"1"}, "cause": {"两个外资项目资金到位推迟至二季度"}, "remedy": {"专人跟踪，4月底前督促到位"}, "intent": {"submit"}})
	if code != 200 || where.Path != fdiPath || where.Query().Get("done") != "submitted" || !strings.Contains(body, "已提交审核") {
		t.Fatalf("submission = %d at %s:\n%s", code, where, body)
	}
	rs = w.reports(t)
	if len(rs) != 1 || rs[0].State != progress.StateSubmitted || rs[0].Cause == "" {
		t.Fatalf("after submitting: %+v", rs)
	}
	// An edit based on the old version is a conflict that names the current figure.
	code, body, _ = w.post(t, clerk, action, url.Values{"csrf": {token}, "version": {"1"}, "value": {"6000万"}, "intent": {"draft"}})
	if code != http.StatusConflict || !strings.Contains(body, "该报告已被他人修改，当前数值为 5000万美元") || !strings.Contains(body, `value="6000万"`) {
		t.Errorf("stale edit = %d:\n%s", code, body)
	}

	// Another department's clerk may neither open the form nor post it nor approve.
	urban := w.browser(t, "urbanclerk")
	if code, _ := w.get(t, urban, fdiPath+"/reports/new"); code != http.StatusForbidden {
		t.Errorf("other department's form = %d, want 403", code)
	}
	_, body = w.get(t, urban, "/reports")
	utoken := csrfOf(t, body)
	if code, _, _ := w.post(t, urban, fdiPath+"/reports", url.Values{"csrf": {utoken}, "period": {"2022-04"}, "value": {"1"}, "intent": {"draft"}}); code != http.StatusForbidden {
		t.Errorf("other department's POST = %d, want 403", code)
	}
	if code, _, _ := w.post(t, urban, action+"/approve", url.Values{"csrf": {utoken}, "version": {fmt.Sprint(rs[0].Version)}}); code != http.StatusForbidden {
		t.Errorf("other department's approval = %d, want 403", code)
	}
	if after := w.reports(t); len(after) != 1 || after[0].Version != rs[0].Version || after[0].State != progress.StateSubmitted {
		t.Fatalf("refused writes changed the reports: %+v", after)
	}

	// The head sees it in the queue with its explanation, and approves it there.
	head := w.browser(t, "head")
	code, body = w.get(t, head, "/review")
	if code != 200 || !strings.Contains(body, "外商直接投资") || !strings.Contains(body, "两个外资项目资金到位推迟至二季度") ||
		!strings.Contains(body, "专人跟踪") || !strings.Contains(body, "badge-behind") {
		t.Fatalf("review queue = %d:\n%s", code, body)
	}
	code, body, where = w.post(t, head, action+"/approve", url.Values{"csrf": {csrfOf(t, body)}, "version": {versionIn(t, body, action+"/approve")}, "next": {"/review"}})
	if code != 200 || where.Path != "/review" || !strings.Contains(body, "已审核通过") || !strings.Contains(body, "暂无待审核的报告") {
		t.Fatalf("approval = %d at %s:\n%s", code, where, body)
	}
	if rs = w.reports(t); rs[0].State != progress.StateApproved {
		t.Fatalf("after approval: %+v", rs[0])
	}

	// The public dashboard now shows the figure, behind, as of March.
	_, body = w.get(t, anon, "/status")
	r := row(t, body, "fdi")
	for _, want := range []string{"5000万美元", "badge-behind", "2022年3月", "16.7%"} {
		if !strings.Contains(r, want) {
			t.Errorf("fdi row after approval lacks %q: %s", want, r)
		}
	}
	// And the indicator's page lists the approved report with its explanation.
	_, body = w.get(t, anon, fdiPath)
	if !strings.Contains(body, fmt.Sprintf(`id="report-%d"`, draft.ID)) || !strings.Contains(body, "badge-approved") || !strings.Contains(body, "两个外资项目") {
		t.Errorf("indicator page after approval:\n%s", body)
	}
}

// A rejection needs a reason; the reporter then sees it and may edit again.
func TestRejectNeedsReason(t *testing.T) { eachWorld(t, testRejectNeedsReason) }

func testRejectNeedsReason(t *testing.T, w *progressWorld) {
	clerk := w.browser(t, "clerk")
	_, body := w.get(t, clerk, fmt.Sprintf("/indicators/%d/reports/new", w.fdi))
	// 7500万 is exactly on schedule: no explanation needed.
	code, _, _ := w.post(t, clerk, fmt.Sprintf("/indicators/%d/reports", w.fdi), url.Values{"csrf": {csrfOf(t, body)}, "period": {"2022-03"},
		"value": {"7500万"}, "intent": {"submit"}})
	if code != 200 {
		t.Fatalf("submission = %d", code)
	}
	id := w.reports(t)[0].ID
	head := w.browser(t, "head")
	_, body = w.get(t, head, "/review")
	action := fmt.Sprintf("/reports/%d/reject", id)
	form := url.Values{"csrf": {csrfOf(t, body)}, "version": {versionIn(t, body, action)}, "next": {"/review"}}
	code, body, where := w.post(t, head, action, form)
	if code != 200 || where.Query().Get("fail") != "reason" || !strings.Contains(body, "退回须填写原因") {
		t.Fatalf("rejection without reason = %d at %s", code, where)
	}
	form.Set("reason", "请附统计部门口径说明")
	if code, _, where = w.post(t, head, action, form); code != 200 || where.Query().Get("done") != "rejected" {
		t.Fatalf("rejection = %d at %s", code, where)
	}
	if r := w.reports(t)[0]; r.State != progress.StateRejected || r.RejectReason != "请附统计部门口径说明" {
		t.Fatalf("after rejection: %+v", r)
	}
	code, body = w.get(t, clerk, fmt.Sprintf("/reports/%d/edit", id))
	if code != 200 || !strings.Contains(body, "请附统计部门口径说明") || !strings.Contains(body, `value="7500万"`) {
		t.Errorf("edit form of the rejected report = %d:\n%s", code, body)
	}
}

// The public sees public indicators only and no department table; a leader sees both.
// ?lang=en renders the same page in English.
func TestStatusPublicAndEnglish(t *testing.T) { eachWorld(t, testStatusPublicAndEnglish) }

func testStatusPublicAndEnglish(t *testing.T, w *progressWorld) {
	inds, err := w.st.PlanIndicators(context.Background(), w.planID)
	if err != nil {
		t.Fatal(err)
	}
	var internal []string
	for _, ind := range inds {
		if !ind.Public {
			internal = append(internal, ind.Code)
		}
	}
	if len(internal) == 0 {
		t.Fatal("the demo needs internal indicators")
	}
	code, body := w.get(t, w.browser(t, ""), "/status")
	if code != 200 || !strings.Contains(body, "数据截至 2022-03-31") || !strings.Contains(body, "演示数据按文章发布时点展示") {
		t.Fatalf("public status = %d:\n%s", code, body)
	}
	for _, c := range internal {
		if strings.Contains(body, `data-indicator="`+c+`"`) {
			t.Errorf("internal indicator %s shown to the public", c)
		}
	}
	if strings.Contains(body, `id="departments"`) || strings.Contains(body, "部门报送情况") {
		t.Error("the public sees the department table")
	}
	for _, want := range []string{"进度看板", "创新驱动示范区", `data-indicator="rail-bill-lc"`, "badge-on_track", "316单"} {
		if !strings.Contains(body, want) {
			t.Errorf("public status lacks %q", want)
		}
	}

	leader := w.browser(t, "leader")
	_, body = w.get(t, leader, "/status")
	for _, c := range internal {
		if !strings.Contains(body, `data-indicator="`+c+`"`) {
			t.Errorf("internal indicator %s hidden from a leader", c)
		}
	}
	if !strings.Contains(body, `id="departments"`) || !strings.Contains(body, "区商务委") {
		t.Error("a leader does not see the department table")
	}

	_, body = w.get(t, leader, "/status?lang=en&at=2022-02-28")
	for _, want := range []string{`lang="en"`, "Progress dashboard", "As of 2022-02-28", "On-time rate", "Departments"} {
		if !strings.Contains(body, want) {
			t.Errorf("English status lacks %q", want)
		}
	}
	if strings.Contains(body, "进度看板") || strings.Contains(body, "数据截至") {
		t.Error("the English page keeps Chinese labels")
	}
	// Anonymous visitors are sent to sign in for the worklist and the review queue.
	res, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Get(w.srv.URL + "/reports")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Errorf("anonymous /reports = %d → %s", res.StatusCode, res.Header.Get("Location"))
	}
}

// The buttons on an indicator's page move a report through the workflow: withdraw,
// submit again, and, once approved, correct (a new revision in the edit form).
func TestWorkflowButtons(t *testing.T) { eachWorld(t, testWorkflowButtons) }

func testWorkflowButtons(t *testing.T, w *progressWorld) {
	fdiPath := fmt.Sprintf("/indicators/%d", w.fdi)
	clerk := w.browser(t, "clerk")
	_, body := w.get(t, clerk, fdiPath+"/reports/new")
	token := csrfOf(t, body)
	if code, _, _ := w.post(t, clerk, fdiPath+"/reports", url.Values{"csrf": {token}, "period": {"2022-03"}, "value": {"75,000,000"}, "intent": {"submit"}}); code != 200 {
		t.Fatalf("submission = %d", code)
	}
	id := w.reports(t)[0].ID
	step := func(c *http.Client, act, done string) string {
		t.Helper()
		_, page := w.get(t, c, fdiPath)
		action := fmt.Sprintf("/reports/%d/%s", id, act)
		form := url.Values{"csrf": {csrfOf(t, page)}, "next": {fdiPath}}
		if act != "correct" {
			form.Set("version", versionIn(t, page, action))
		}
		code, body, where := w.post(t, c, action, form)
		if code != 200 || where.Query().Get("done") != done {
			t.Fatalf("%s = %d at %s:\n%s", act, code, where, body)
		}
		return body
	}
	step(clerk, "withdraw", "withdrawn")
	if r := w.reports(t)[0]; r.State != progress.StateDraft {
		t.Fatalf("after withdrawal: %s", r.State)
	}
	step(clerk, "submit", "submitted")
	head := w.browser(t, "head")
	_, page := w.get(t, head, fdiPath)
	if !strings.Contains(page, "/review#report-") {
		t.Error("the head is not offered to review the submitted report")
	}
	_, page = w.get(t, head, "/review")
	action := fmt.Sprintf("/reports/%d/approve", id)
	if code, _, _ := w.post(t, head, action, url.Values{"csrf": {csrfOf(t, page)}, "version": {versionIn(t, page, action)}}); code != 200 {
		t.Fatalf("approval = %d", code)
	}
	body = step(clerk, "correct", "corrected")
	rs := w.reports(t)
	if len(rs) != 2 || rs[1].Revision != 2 || rs[1].State != progress.StateDraft || rs[1].Supersedes != id {
		t.Fatalf("after correcting: %+v", rs)
	}
	if !strings.Contains(body, "已创建更正稿") || !strings.Contains(body, fmt.Sprintf(`action="/reports/%d"`, rs[1].ID)) {
		t.Errorf("the correction does not open in its form:\n%s", body)
	}
	// The head, a reviewer, is not offered to report.
	_, page = w.get(t, head, "/reports")
	if strings.Contains(page, fdiPath+"/reports/new") {
		t.Error("the worklist offers a reviewer to report")
	}
}
