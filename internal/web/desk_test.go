package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lantu-dev/lantu/internal/progress"
)

// mainButton is the href of the worklist's main button on the indicator's row.
func mainButton(t *testing.T, body, code string) string {
	t.Helper()
	m := regexp.MustCompile(`class="button small-button work-main" href="([^"]+)"`).FindStringSubmatch(row(t, body, code))
	if m == nil {
		return ""
	}
	return strings.ReplaceAll(m[1], "&amp;", "&")
}

// The worklist's main button opens a period the clerk can file: the month now due, an
// existing draft for editing (the new-report form opens it too, instead of a second
// report refused with 409), and — once March is handed in and January and February are
// locked — April, never a locked month. A report sent back shows the reviewer's reason.
func TestWorklistOpensFileablePeriod(t *testing.T) { eachWorld(t, testWorklistOpensFileablePeriod) }

func testWorklistOpensFileablePeriod(t *testing.T, w *progressWorld) {
	clerk := w.browser(t, "clerk")
	fdiPath := fmt.Sprintf("/indicators/%d", w.fdi)
	_, body := w.get(t, clerk, "/reports")
	if got := mainButton(t, body, "fdi"); got != fdiPath+"/reports/new?period=2022-03" {
		t.Fatalf("main button before any report = %q", got)
	}
	token := csrfOf(t, body)
	// A draft of March: the button and the new-report form open it.
	if code, _, _ := w.post(t, clerk, fdiPath+"/reports", url.Values{"csrf": {token}, "period": {"2022-03"}, "value": {"7500万"}, "intent": {"draft"}}); code != 200 {
		t.Fatalf("draft = %d", code)
	}
	draft := w.reports(t)[0]
	edit := fmt.Sprintf("/reports/%d/edit", draft.ID)
	_, body = w.get(t, clerk, "/reports")
	if got := mainButton(t, body, "fdi"); got != edit {
		t.Errorf("main button with a March draft = %q, want %s", got, edit)
	}
	res, err := clerk.Get(w.srv.URL + fdiPath + "/reports/new?period=2022-03")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Request.URL.Path != edit {
		t.Errorf("new report for March with a draft = %d at %s, want the draft's edit form", res.StatusCode, res.Request.URL)
	}
	// Submitted and sent back: the worklist says why, and the button opens it again.
	_, body = w.get(t, clerk, edit)
	action := fmt.Sprintf("/reports/%d", draft.ID)
	if code, _, _ := w.post(t, clerk, action, url.Values{"csrf": {token}, "version": {versionIn(t, body, action)}, "value": {"7500万"}, "intent": {"submit"}}); code != 200 {
		t.Fatalf("submit = %d", code)
	}
	head := w.browser(t, "head")
	_, body = w.get(t, head, "/review")
	reject := action + "/reject"
	if code, _, where := w.post(t, head, reject, url.Values{"csrf": {csrfOf(t, body)}, "version": {versionIn(t, body, reject)}, "reason": {"请附统计部门口径说明"}, "next": {"/review"}}); code != 200 || where.Query().Get("done") != "rejected" {
		t.Fatalf("reject = %d at %s", code, where)
	}
	_, body = w.get(t, clerk, "/reports")
	if r := row(t, body, "fdi"); !strings.Contains(r, "退回原因：请附统计部门口径说明") {
		t.Errorf("worklist row of a rejected report lacks the reason: %s", r)
	}
	if got := mainButton(t, body, "fdi"); got != edit {
		t.Errorf("main button with a rejected March = %q, want %s", got, edit)
	}
	// Handed in again and approved: January and February are owed but locked; the
	// button proposes April.
	_, body = w.get(t, clerk, edit)
	if code, _, _ := w.post(t, clerk, action, url.Values{"csrf": {token}, "version": {versionIn(t, body, action)}, "value": {"7500万"}, "intent": {"submit"}}); code != 200 {
		t.Fatalf("submit again = %d", code)
	}
	_, body = w.get(t, clerk, "/reports")
	if r := row(t, body, "fdi"); !strings.Contains(r, "2022年1月") || !strings.Contains(r, "锁定") {
		t.Fatalf("January should be owed and locked: %s", r)
	}
	if got := mainButton(t, body, "fdi"); got != fdiPath+"/reports/new?period=2022-04" {
		t.Errorf("main button with March handed in and January locked = %q, want April", got)
	}
	code, body := w.get(t, clerk, fdiPath+"/reports/new")
	if code != 200 || !strings.Contains(body, `name="period" value="2022-04"`) {
		t.Errorf("new report form proposes a locked or filed period (want 2022-04): %d", code)
	}
	_, body = w.get(t, clerk, "/reports?lang=en")
	if r := row(t, body, "fdi"); !strings.Contains(mainButton(t, body, "fdi"), "2022-04") || strings.Contains(r, "退回原因") {
		t.Errorf("English worklist row: %s", r)
	}
}

// The head's nav counts the reports waiting; a batch approval through the review page's
// form approves the one it may and names the one it may not (a stale version) with why;
// another department's reviewer cannot approve them in a batch.
func TestBatchApproval(t *testing.T) { eachWorld(t, testBatchApproval) }

func testBatchApproval(t *testing.T, w *progressWorld) {
	clerk := w.browser(t, "clerk")
	var ids []int64
	for _, code := range []string{"fdi", "service-trade"} {
		ind, err := w.st.IndicatorByCode(context.Background(), w.planID, code)
		if err != nil {
			t.Fatal(err)
		}
		_, body := w.get(t, clerk, fmt.Sprintf("/indicators/%d/reports/new?period=2022-04", ind.ID))
		if code, _, where := w.post(t, clerk, fmt.Sprintf("/indicators/%d/reports", ind.ID), url.Values{"csrf": {csrfOf(t, body)}, "period": {"2022-04"},
			"value": {"100000000"}, "cause": {"c"}, "remedy": {"r"}, "intent": {"submit"}}); code != 200 || where.Query().Get("done") != "submitted" {
			t.Fatalf("submit = %d at %s", code, where)
		}
		rs, err := w.st.IndicatorReports(context.Background(), ind.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if r.Period.String() == "2022-04" {
				ids = append(ids, r.ID)
			}
		}
	}
	head := w.browser(t, "head")
	_, body := w.get(t, head, "/review")
	if !strings.Contains(body, `id="nav-waiting"`) || !regexp.MustCompile(`id="nav-waiting"[^>]*>2<`).MatchString(body) {
		t.Errorf("the nav does not count 2 reports waiting")
	}
	if !strings.Contains(body, fmt.Sprintf(`value="%d:2" form="batch"`, ids[0])) {
		t.Fatalf("no batch box for report %d", ids[0])
	}
	form := url.Values{"csrf": {csrfOf(t, body)}, "report": {fmt.Sprintf("%d:2", ids[0]), fmt.Sprintf("%d:1", ids[1])}}
	code, body, _ := w.post(t, head, fmt.Sprintf("/review/approve?plan=%d", w.planID), form)
	if code != 200 || !strings.Contains(body, "已审核通过 1 份报告") || !strings.Contains(body, "1 份未通过") ||
		!strings.Contains(body, "服务贸易进出口总额 · 2022年4月") || !strings.Contains(body, "该报告已被他人修改") {
		t.Fatalf("batch = %d:\n%s", code, body)
	}
	if regexp.MustCompile(`id="nav-waiting"[^>]*>1<`).FindString(body) == "" {
		t.Errorf("the nav does not count the 1 report left")
	}
	if r, _ := w.st.Report(context.Background(), ids[0]); r.State != progress.StateApproved {
		t.Errorf("the first report is %s", r.State)
	}
	if r, _ := w.st.Report(context.Background(), ids[1]); r.State != progress.StateSubmitted {
		t.Errorf("the stale one is %s", r.State)
	}
	// In English, the refusal is in English.
	form.Set("report", fmt.Sprintf("%d:1", ids[1]))
	if code, body, _ = w.post(t, head, fmt.Sprintf("/review/approve?plan=%d&lang=en", w.planID), form); code != 200 || !strings.Contains(body, "1 not approved") || !strings.Contains(body, "changed meanwhile") {
		t.Errorf("English batch = %d:\n%s", code, body)
	}
	// A clerk's batch is refused, and changes nothing.
	_, body = w.get(t, clerk, "/reports")
	if code, _, _ := w.post(t, clerk, "/review/approve", url.Values{"csrf": {csrfOf(t, body)}, "report": {fmt.Sprintf("%d:2", ids[1])}}); code != http.StatusForbidden {
		t.Errorf("a clerk's batch approval = %d, want 403", code)
	}
	if r, _ := w.st.Report(context.Background(), ids[1]); r.State != progress.StateSubmitted {
		t.Errorf("after the clerk's batch the report is %s", r.State)
	}
}

// postMultipart sends a multipart form with one file, as a browser does, and follows
// the redirect.
func (w *progressWorld) postMultipart(t *testing.T, c *http.Client, path string, form url.Values, field, name string, data []byte) (int, string, *url.URL) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range form {
		for _, v := range vs {
			if err := mw.WriteField(k, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	fw, err := mw.CreateFormFile(field, name)
	if err == nil {
		_, err = fw.Write(data)
	}
	if err == nil {
		err = mw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Post(w.srv.URL+path, mw.FormDataContentType(), &buf)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b), res.Request.URL
}

// A clerk attaches a file to the report form and submits; the reviewer sees it on the
// review page and downloads it as a sandboxed attachment; another department's clerk
// and a visitor cannot. A file whose content is not what its name says is refused in
// the user's language, keeping what was typed, and nothing is saved.
func TestEvidenceOnForm(t *testing.T) { eachWorld(t, testEvidenceOnForm) }

func testEvidenceOnForm(t *testing.T, w *progressWorld) {
	clerk := w.browser(t, "clerk")
	fdiPath := fmt.Sprintf("/indicators/%d", w.fdi)
	_, body := w.get(t, clerk, fdiPath+"/reports/new")
	if !strings.Contains(body, `enctype="multipart/form-data"`) || !strings.Contains(body, `type="file" name="evidence"`) {
		t.Fatal("the report form takes no file")
	}
	token := csrfOf(t, body)
	code, body, _ := w.postMultipart(t, clerk, fdiPath+"/reports", url.Values{"csrf": {token}, "period": {"2022-03"}, "value": {"7500万"}, "intent": {"submit"}},
		"evidence", "fake.pdf", []byte("just text"))
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "文件内容与扩展名不符") || !strings.Contains(body, `value="7500万"`) {
		t.Fatalf("a fake pdf = %d:\n%s", code, body)
	}
	if n := len(w.reports(t)); n != 0 {
		t.Fatalf("%d reports saved with a refused file", n)
	}
	code, body, _ = w.postMultipart(t, clerk, fdiPath+"/reports?lang=en", url.Values{"csrf": {token}, "period": {"2022-03"}, "value": {"7500万"}, "intent": {"draft"}},
		"evidence", "virus.exe", []byte("MZ"))
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "This kind of file is not accepted") {
		t.Errorf("an .exe in English = %d", code)
	}
	pdf := []byte("%PDF-1.4\n% 3月外资到位凭证\n")
	code, _, where := w.postMultipart(t, clerk, fdiPath+"/reports", url.Values{"csrf": {token}, "period": {"2022-03"}, "value": {"7500万"}, "intent": {"submit"}},
		"evidence", "到位凭证.pdf", pdf)
	if code != 200 || where.Query().Get("done") != "submitted" {
		t.Fatalf("report with evidence = %d at %s", code, where)
	}
	rs := w.reports(t)
	if len(rs) != 1 || rs[0].State != "submitted" {
		t.Fatalf("reports: %+v", rs)
	}
	head := w.browser(t, "head")
	_, body = w.get(t, head, "/review")
	m := regexp.MustCompile(`href="/evidence/(\d+)" download>到位凭证.pdf</a>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("the review page does not show the file:\n%s", body)
	}
	file := "/evidence/" + m[1]
	res, err := head.Get(w.srv.URL + file)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !bytes.Equal(got, pdf) || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") ||
		!strings.Contains(res.Header.Get("Content-Security-Policy"), "sandbox") || res.Header.Get("Content-Type") != "application/pdf" {
		t.Errorf("download = %d %q %v", res.StatusCode, got, res.Header)
	}
	if code, _ := w.get(t, w.browser(t, "urbanclerk"), file); code != http.StatusForbidden {
		t.Errorf("another department's clerk downloads = %d, want 403", code)
	}
	res, err = w.browser(t, "").Get(w.srv.URL + file)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.Request.URL.Path != "/login" {
		t.Errorf("a visitor downloads a submitted report's file: %d at %s", res.StatusCode, res.Request.URL)
	}
}

// The review page lists 区商务委 as overdue for its head, not 区城市管理局; its 催报
// records the reminder and says that no channel is set.
func TestOverdueDepartmentsOnReview(t *testing.T) { eachWorld(t, testOverdueDepartmentsOnReview) }

func testOverdueDepartmentsOnReview(t *testing.T, w *progressWorld) {
	head := w.browser(t, "head")
	_, body := w.get(t, head, "/review")
	i := strings.Index(body, `id="overdue-depts"`)
	if i < 0 {
		t.Fatalf("no overdue departments on the review page:\n%s", body)
	}
	sec := body[i : i+strings.Index(body[i:], "</section>")]
	if !strings.Contains(sec, "区商务委") || strings.Contains(sec, "区城市管理局") || !strings.Contains(sec, "催报") {
		t.Fatalf("overdue departments: %s", sec)
	}
	dept := regexp.MustCompile(`name="dept" value="(\d+)"`).FindStringSubmatch(sec)[1]
	code, body, where := w.post(t, head, "/review/remind/department", url.Values{"csrf": {csrfOf(t, body)}, "plan": {fmt.Sprint(w.planID)}, "dept": {dept}})
	if code != 200 || where.Query().Get("reminded") != "recorded" || !strings.Contains(body, "已记录催报") {
		t.Fatalf("催报 = %d at %s", code, where)
	}
	clerk := w.browser(t, "urbanclerk")
	_, cb := w.get(t, clerk, "/reports")
	if code, _, _ := w.post(t, clerk, "/review/remind/department", url.Values{"csrf": {csrfOf(t, cb)}, "plan": {fmt.Sprint(w.planID)}, "dept": {dept}}); code != http.StatusForbidden {
		t.Errorf("a clerk's 催报 = %d, want 403", code)
	}
	_, body = w.get(t, head, "/review?lang=en")
	if !strings.Contains(body, "Departments with overdue reports") || !strings.Contains(body, "periods overdue") {
		t.Errorf("English review page lacks the overdue departments")
	}
}

// auditActions are the data-action attributes of the audit page's rows.
func auditActions(body string) map[string]int {
	out := map[string]int{}
	for _, m := range regexp.MustCompile(`<tr data-action="([^"]+)"`).FindAllStringSubmatch(body, -1) {
		out[m[1]]++
	}
	return out
}

// The audit log reads as words: actions by name in both languages, users and reports by
// name, China time; who, what and when filter it through the URL; sign-ins, failed ones
// too, are a view of their own.
func TestAuditLogReadable(t *testing.T) { eachWorld(t, testAuditLogReadable) }

func testAuditLogReadable(t *testing.T, w *progressWorld) {
	clerk := w.browser(t, "clerk")
	_, body := w.get(t, clerk, fmt.Sprintf("/indicators/%d/reports/new", w.fdi))
	if code, _, _ := w.post(t, clerk, fmt.Sprintf("/indicators/%d/reports", w.fdi), url.Values{"csrf": {csrfOf(t, body)}, "period": {"2022-03"},
		"value": {"7500万"}, "intent": {"draft"}}); code != 200 {
		t.Fatalf("draft = %d", code)
	}
	anon := w.browser(t, "")
	_, body = w.get(t, anon, "/login")
	w.post(t, anon, "/login", url.Values{"csrf": {csrfOf(t, body)}, "login": {"urbanclerk"}, "password": {"wrong-password-1"}})
	leader := w.browser(t, "leader")
	code, body := w.get(t, leader, "/admin/audit")
	acts := auditActions(body)
	if code != 200 || acts["report.create"] != 1 || acts["user.login"] != 0 || acts["user.login_failed"] != 0 {
		t.Fatalf("the changes view = %d, actions %v", code, acts)
	}
	for _, want := range []string{"新建报告", "王晓丽", "报告 外商直接投资 · 2022年3月", "2022-04-05 10:00:00", "时间（北京时间）"} {
		if !strings.Contains(body, want) {
			t.Errorf("the audit page lacks %q", want)
		}
	}
	// The change field by field, named as the forms name them, not the stored JSON.
	for _, want := range []string{"报告期", "2022-03", "本期数值", "75000000", "状态", "草稿"} {
		if !strings.Contains(body, want) {
			t.Errorf("the audit page's change lacks %q", want)
		}
	}
	if strings.Contains(body, "&#34;indicator_id&#34;") || strings.Contains(body, `"indicator_id"`) {
		t.Error("the audit page shows the stored JSON, not the change in words")
	}
	_, body = w.get(t, leader, "/admin/audit?who=clerk&what=report.create")
	if acts := auditActions(body); len(acts) != 1 || acts["report.create"] != 1 {
		t.Errorf("who=clerk&what=report.create: %v", acts)
	}
	_, body = w.get(t, leader, "/admin/audit?who=head")
	if acts := auditActions(body); len(acts) != 0 {
		t.Errorf("who=head (no changes): %v", acts)
	}
	_, body = w.get(t, leader, "/admin/audit?from=2022-04-06")
	if acts := auditActions(body); len(acts) != 0 {
		t.Errorf("from the day after: %v", acts)
	}
	_, body = w.get(t, leader, "/admin/audit?from=2022-04-05&to=2022-04-05")
	if acts := auditActions(body); acts["report.create"] != 1 {
		t.Errorf("on the day: %v", acts)
	}
	_, body = w.get(t, leader, "/admin/audit?view=signin")
	acts = auditActions(body)
	if acts["user.login_failed"] != 1 || acts["user.login"] < 2 || acts["report.create"] != 0 || !strings.Contains(body, "登录失败") {
		t.Errorf("the sign-in view: %v", acts)
	}
	_, body = w.get(t, leader, "/admin/audit?view=signin&who=urbanclerk&lang=en")
	if acts := auditActions(body); len(acts) != 1 || !strings.Contains(body, "Sign-in failed") {
		t.Errorf("English sign-in view of urbanclerk: %v", acts)
	}
	_, body = w.get(t, leader, "/admin/audit?lang=en")
	if !strings.Contains(body, "Report created") || !strings.Contains(body, "report 外商直接投资 · 2022-03") || strings.Contains(body, "新建报告") {
		t.Errorf("the English audit page is not in English")
	}
	// The API: the same filters, each entry with its action in words and China time.
	code, body = w.get(t, leader, "/api/v1/audit?view=signin&who=urbanclerk&lang=en")
	if code != 200 || !strings.Contains(body, `"action_label":"Sign-in failed"`) || !strings.Contains(body, `"at_china":"2022-04-05T10:00:00+08:00"`) ||
		strings.Contains(body, "report.create") {
		t.Errorf("API sign-in view = %d: %s", code, body)
	}
	code, body = w.get(t, leader, "/api/v1/audit?view=changes&what=report.create&lang=zh")
	if code != 200 || !strings.Contains(body, `"action_label":"新建报告"`) || strings.Contains(body, "user.login") {
		t.Errorf("API changes view = %d: %s", code, body)
	}
	if code, _ := w.get(t, leader, "/api/v1/audit?from=yesterday"); code != http.StatusBadRequest {
		t.Errorf("API with a bad date = %d, want 400", code)
	}
	if code, _ := w.get(t, clerk, "/admin/audit"); code != http.StatusForbidden {
		t.Errorf("a clerk reads the audit log: %d", code)
	}
}
