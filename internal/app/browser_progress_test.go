package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
	"github.com/lantu-dev/lantu/internal/xlsx"
)

// progressSite is the demo plan behind the real router on 5 April 2022 (March open for
// reporting), with a clerk and a head of 区商务委, for the browser tests of the progress
// and reporting pages. Every user's password is login + "-password-1".
type progressSite struct {
	*testServer
	fdi int64 // 外商直接投资: 区商务委, public, monthly, cumulative, 3亿美元, no report yet
}

func newProgressSite(t *testing.T) *progressSite {
	t.Helper()
	ctx := context.Background()
	ts := newTestServer(t, storetest.SQLite(t), true)
	ts.svc.Now = func() time.Time { return time.Date(2022, 4, 5, 2, 0, 0, 0, time.UTC) }
	for _, u := range []service.NewUser{
		{Login: "clerk", DisplayName: "王晓丽", Roles: []auth.Role{auth.RoleReporter}, DeptCodes: []string{"commerce"}},
		{Login: "head", DisplayName: "李建国", Roles: []auth.Role{auth.RoleReviewer}, DeptCodes: []string{"commerce"}},
	} {
		u.Password = u.Login + "-password-1"
		if _, _, err := ts.svc.CreateUser(ctx, service.System, u); err != nil {
			t.Fatal(err)
		}
	}
	fdi, err := ts.svc.Store().IndicatorByCode(ctx, ts.planID, "fdi")
	if err != nil {
		t.Fatal(err)
	}
	return &progressSite{testServer: ts, fdi: fdi.ID}
}

func (s *progressSite) reports(t *testing.T) []store.StoredReport {
	t.Helper()
	rs, err := s.svc.Store().IndicatorReports(context.Background(), s.fdi)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// browserFollow runs the actions (a click on a link or a submit button) and waits for the
// page they load; it returns that page's HTTP status (after redirects).
func browserFollow(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) int64 {
	t.Helper()
	res, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if res == nil {
		t.Fatalf("%s: no response", what)
	}
	return res.Status
}

// browserClick clicks an element that loads a page, and fails unless that page's status is
// want.
func browserClick(t *testing.T, ctx context.Context, sel string, want int64) {
	t.Helper()
	if code := browserFollow(t, ctx, "click "+sel, chromedp.Click(sel)); code != want {
		t.Fatalf("click %s: the page came with %d, want %d", sel, code, want)
	}
}

// browserAt is the address and query of the page the browser shows.
func browserAt(t *testing.T, ctx context.Context) *url.URL {
	t.Helper()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(loc)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func browserEval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

func browserHas(t *testing.T, ctx context.Context, sel string) bool {
	t.Helper()
	return browserEval[bool](t, ctx, fmt.Sprintf(`document.querySelector(%q) !== null`, sel))
}

func browserValue(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Value(sel))
	if err != nil {
		t.Fatalf("value of %s: %v", sel, err)
	}
	return v
}

func browserWantText(t *testing.T, ctx context.Context, sel string, wants ...string) string {
	t.Helper()
	got := text(t, ctx, sel)
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q; it reads:\n%s", sel, w, got)
		}
	}
	return got
}

// browserSignOut uses the 退出 button of the top bar.
func browserSignOut(t *testing.T, ctx context.Context) {
	t.Helper()
	browserClick(t, ctx, `form[action="/logout"] button`, http.StatusOK)
	if browserHas(t, ctx, `.who`) {
		t.Fatal("still signed in after 退出")
	}
}

// browserShot saves a full-page screenshot to the screenshot folder (screenshotDir) as
// name.png, for a person to look at.
func browserShot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := screenshotDir(t)
	b, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// reportBehind is the clerk's part of the first flow: from the worklist to a submitted
// 5000万 for March with its explanation. It ends on the indicator's page.
func (s *progressSite) reportBehind(t *testing.T, ctx context.Context, cause, remedy string) {
	t.Helper()
	browserSignIn(t, ctx, s.URL, "clerk", "clerk-password-1")
	browserClick(t, ctx, `nav.nav a[href="/reports"]`, http.StatusOK)
	browserShot(t, ctx, "01-worklist")
	row := `tr[data-indicator="fdi"]`
	browserWantText(t, ctx, row, "外商直接投资", "3亿美元", "2022年3月")
	if browserHas(t, ctx, `tr[data-indicator="new-green-area"]`) {
		t.Error("the clerk's worklist shows 区城市管理局's 新增绿化面积")
	}
	browserClick(t, ctx, row+` a[href$="/reports/new?period=2022-03"]`, http.StatusOK)
	if p := browserAt(t, ctx).Path; p != fmt.Sprintf("/indicators/%d/reports/new", s.fdi) {
		t.Fatalf("the worklist's link leads to %s", p)
	}
	if got := browserValue(t, ctx, `input[name=period]`); got != "2022-03" {
		t.Errorf("the form's period reads %q, want 2022-03", got)
	}
	if !browserEval[bool](t, ctx, `document.querySelector('input[name=cumulative]').checked`) {
		t.Error("累计 is not ticked for a cumulative indicator")
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(`input[name=value]`, "5000万")); err != nil {
		t.Fatal(err)
	}
	browserShot(t, ctx, "02-form-new")
	browserClick(t, ctx, `button[name=intent][value=submit]`, http.StatusUnprocessableEntity)
	browserShot(t, ctx, "03-form-explain")
	// The two fields say what they need, right where they are.
	browserWantText(t, ctx, `label:has(> textarea[name=cause]) .field-error`, "须填写原因说明")
	browserWantText(t, ctx, `label:has(> textarea[name=remedy]) .field-error`, "须填写整改措施")
	if !browserHas(t, ctx, `textarea[name=cause][aria-invalid=true]`) {
		t.Error("原因说明 is not marked invalid")
	}
	if v := browserValue(t, ctx, `input[name=value]`); v != "5000万" && v != "50000000" {
		t.Errorf("the figure typed was lost: %q", v)
	}
	// Saved as a draft meanwhile, not submitted.
	if rs := s.reports(t); len(rs) != 1 || rs[0].State != progress.StateDraft || rs[0].Value.String() != "50000000" {
		t.Fatalf("after the refused submission: %+v", rs)
	}
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(`textarea[name=cause]`, cause),
		chromedp.SendKeys(`textarea[name=remedy]`, remedy),
	); err != nil {
		t.Fatal(err)
	}
	browserClick(t, ctx, `button[name=intent][value=submit]`, http.StatusOK)
	if u := browserAt(t, ctx); u.Path != fmt.Sprintf("/indicators/%d", s.fdi) || u.Query().Get("done") != "submitted" {
		t.Errorf("after submitting: at %s", u)
	}
	browserWantText(t, ctx, `.flash`, "已提交审核")
	browserShot(t, ctx, "04-indicator-submitted")
	if rs := s.reports(t); len(rs) != 1 || rs[0].State != progress.StateSubmitted || rs[0].Cause != cause || rs[0].Remedy != remedy {
		t.Fatalf("after submitting: %+v", rs)
	}
}

// The clerk reports a figure that leaves 外商直接投资 behind, is told right at 原因说明
// and 整改措施 that they are needed, fills them and submits; the head approves it in the
// review queue; the dashboard and the indicator's page show it.
func TestBrowserReportReviewApprove(t *testing.T) {
	ctx := newBrowser(t)
	s := newProgressSite(t)
	const cause, remedy = "两个外资项目资金到位推迟至二季度", "专人跟踪，4月底前督促到位"
	s.reportBehind(t, ctx, cause, remedy)
	browserSignOut(t, ctx)

	browserSignIn(t, ctx, s.URL, "head", "head-password-1")
	if browserHas(t, ctx, `nav.nav a[href="/reports"]`) {
		t.Error("the nav offers a reviewer 填报")
	}
	browserClick(t, ctx, `nav.nav a[href="/review"]`, http.StatusOK)
	browserShot(t, ctx, "05-review")
	id := s.reports(t)[0].ID
	item := fmt.Sprintf(`article#report-%d`, id)
	browserWantText(t, ctx, item, "外商直接投资", "区商务委", "2022年3月", "王晓丽", "5000万美元", cause, remedy, "滞后")
	if !browserHas(t, ctx, item+` .review-would .badge-behind`) {
		t.Error("the review item does not say the figure would leave it behind")
	}
	browserClick(t, ctx, item+` form[action$="/approve"] button[type=submit]`, http.StatusOK)
	if u := browserAt(t, ctx); u.Path != "/review" || u.Query().Get("done") != "approved" {
		t.Errorf("after approving: at %s", u)
	}
	browserWantText(t, ctx, `main`, "已审核通过", "暂无待审核的报告")
	if r := s.reports(t)[0]; r.State != progress.StateApproved {
		t.Fatalf("after approving: %s", r.State)
	}

	browserClick(t, ctx, `nav.nav a[href="/status"]`, http.StatusOK)
	browserShot(t, ctx, "06-status")
	row := `tr[data-indicator="fdi"]`
	browserWantText(t, ctx, row, "5000万美元", "7500万美元", "16.7%", "滞后", "2022年3月")
	if !browserHas(t, ctx, row+` .badge-behind`) {
		t.Error("the dashboard's 外商直接投资 is not marked behind")
	}
	browserClick(t, ctx, row+` a.ind-name`, http.StatusOK)
	browserShot(t, ctx, "07-indicator")
	line := fmt.Sprintf(`#reports tr#report-%d`, id)
	browserWantText(t, ctx, line, "2022年3月", "5000万美元", "已审核", cause, remedy)
	if !browserHas(t, ctx, line+` .badge-approved`) {
		t.Error("the indicator's page does not list the report as approved")
	}
	browserWantText(t, ctx, `.status-block`, "5000万美元", "滞后")
}

// The head rejects a report: the browser will not send a rejection without its reason;
// with one, the clerk finds the report on the worklist, sees the reason in its form, and
// submits it again.
func TestBrowserRejectWithReason(t *testing.T) {
	ctx := newBrowser(t)
	s := newProgressSite(t)
	browserSignIn(t, ctx, s.URL, "clerk", "clerk-password-1")
	// 7500万 by March is on schedule: no explanation needed.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(fmt.Sprintf("%s/indicators/%d/reports/new", s.URL, s.fdi)),
		chromedp.SendKeys(`input[name=value]`, "7500万"),
	); err != nil {
		t.Fatal(err)
	}
	browserClick(t, ctx, `button[name=intent][value=submit]`, http.StatusOK)
	rs := s.reports(t)
	if len(rs) != 1 || rs[0].State != progress.StateSubmitted {
		t.Fatalf("after submitting: %+v", rs)
	}
	id := rs[0].ID
	browserSignOut(t, ctx)

	browserSignIn(t, ctx, s.URL, "head", "head-password-1")
	browserClick(t, ctx, `nav.nav a[href="/review"]`, http.StatusOK)
	form := fmt.Sprintf(`article#report-%d form.reject-form`, id)
	// An empty reason: the browser holds the form back and says why.
	if err := chromedp.Do(ctx, chromedp.Click(form+` button[type=submit]`)); err != nil {
		t.Fatal(err)
	}
	if !browserEval[bool](t, ctx, fmt.Sprintf(`document.querySelector(%q).matches(':invalid')`, form+` textarea[name=reason]`)) {
		t.Error("an empty reason is not flagged")
	}
	if u := browserAt(t, ctx); u.Path != "/review" || u.RawQuery != "" {
		t.Errorf("a rejection without reason went on to %s", u)
	}
	if r := s.reports(t)[0]; r.State != progress.StateSubmitted {
		t.Fatalf("a rejection without reason changed the report: %s", r.State)
	}
	const reason = "请附统计部门口径说明"
	if err := chromedp.Do(ctx, chromedp.SendKeys(form+` textarea[name=reason]`, reason)); err != nil {
		t.Fatal(err)
	}
	browserShot(t, ctx, "08-review-reject")
	browserClick(t, ctx, form+` button[type=submit]`, http.StatusOK)
	browserWantText(t, ctx, `.flash`, "已退回填报单位")
	if r := s.reports(t)[0]; r.State != progress.StateRejected || r.RejectReason != reason {
		t.Fatalf("after rejecting: %+v", r)
	}
	browserSignOut(t, ctx)

	browserSignIn(t, ctx, s.URL, "clerk", "clerk-password-1")
	browserClick(t, ctx, `nav.nav a[href="/reports"]`, http.StatusOK)
	row := `tr[data-indicator="fdi"]`
	browserWantText(t, ctx, row, "已退回")
	browserClick(t, ctx, row+fmt.Sprintf(` a[href="/reports/%d/edit"]`, id), http.StatusOK)
	browserShot(t, ctx, "09-form-rejected")
	browserWantText(t, ctx, `.notice-red`, "退回原因", reason)
	if v := browserValue(t, ctx, `input[name=value]`); v != "7500万" { // as the clerk typed it
		t.Errorf("the rejected report's figure reads %q", v)
	}
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(`textarea[name=note]`, "口径：商务部外资统计系统"),
	); err != nil {
		t.Fatal(err)
	}
	browserClick(t, ctx, `button[name=intent][value=submit]`, http.StatusOK)
	browserWantText(t, ctx, `.flash`, "已提交审核")
	if r := s.reports(t); len(r) != 1 || r[0].State != progress.StateSubmitted || r[0].Note != "口径：商务部外资统计系统" {
		t.Fatalf("after submitting again: %+v", r)
	}
}

// browserCookies is a client carrying the browser's cookies for the test server, so a
// download the page links to can be fetched as that browser would.
func browserCookies(t *testing.T, ctx context.Context, base string) *http.Client {
	t.Helper()
	res, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) (*network.GetCookiesResult, error) {
		r, err := cdp.Call(ctx, tg, network.GetCookies, network.GetCookiesParams{URLs: []string{base}})
		return &r, err
	})
	if err != nil {
		t.Fatal(err)
	}
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(base)
	var cs []*http.Cookie
	for _, c := range res.Cookies {
		cs = append(cs, &http.Cookie{Name: c.Name, Value: c.Value})
	}
	jar.SetCookies(u, cs)
	return &http.Client{Jar: jar}
}

// workbookRow finds the 填报 sheet's line of an indicator code (column B).
func workbookRow(t *testing.T, f *excelize.File, code string) int {
	t.Helper()
	rows, err := f.GetRows(xlsx.SheetForm)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 1 && r[1] == code {
			return i + 1
		}
	}
	t.Fatalf("no line for %s in the downloaded form", code)
	return 0
}

// The Excel page: the clerk finds it in the nav with the department and March offered,
// downloads the form it describes, uploads it with a bad cell (every bad cell is named,
// nothing is stored), then uploads it well filled and is told what was imported.
func TestBrowserWorkbook(t *testing.T) {
	ctx := newBrowser(t)
	s := newProgressSite(t)
	browserSignIn(t, ctx, s.URL, "clerk", "clerk-password-1")
	browserClick(t, ctx, `nav.nav a[href="/reports/workbook"]`, http.StatusOK)
	browserShot(t, ctx, "10-workbook")
	dl := `form[action="/reports/workbook/template"]`
	if got := browserValue(t, ctx, dl+` select[name=dept]`); got != "commerce" {
		t.Errorf("the department offered is %q, want commerce", got)
	}
	browserWantText(t, ctx, dl+` select[name=dept]`, "区商务委")
	if n := browserEval[int](t, ctx, `document.querySelectorAll('form[action="/reports/workbook/template"] select[name=dept] option').length`); n != 1 {
		t.Errorf("a clerk of one department is offered %d departments", n)
	}
	if got := browserValue(t, ctx, dl+` input[name=period]`); got != "2022-03" {
		t.Errorf("the period offered is %q, want 2022-03", got)
	}
	// The address the Excel button would fetch, read from the form as the browser builds it.
	link := browserEval[string](t, ctx, `(() => {
		const f = document.querySelector('form[action="/reports/workbook/template"]');
		const b = f.querySelector('button[name=format][value=xlsx]');
		return f.method + ' ' + f.action + '?' + new URLSearchParams(new FormData(f, b));
	})()`)
	want := "get " + s.URL + "/reports/workbook/template?plan=" + strconv.FormatInt(s.planID, 10) + "&dept=commerce&period=2022-03&format=xlsx"
	if link != want {
		t.Fatalf("the download form would fetch %q, want %q", link, want)
	}
	res, err := browserCookies(t, ctx, s.URL).Get(strings.TrimPrefix(link, "get "))
	if err != nil {
		t.Fatal(err)
	}
	file, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != xlsx.ContentTypeXLSX {
		t.Fatalf("download = %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, url.PathEscape("区商务委-2022-03-填报.xlsx")) {
		t.Errorf("the download is named %q", cd)
	}
	filled := func(name, value string) string {
		t.Helper()
		f, err := excelize.OpenReader(bytes.NewReader(file))
		if err != nil {
			t.Fatalf("the downloaded form: %v", err)
		}
		defer f.Close()
		r := workbookRow(t, f, "fdi")
		if err := f.SetCellStr(xlsx.SheetForm, fmt.Sprintf("H%d", r), value); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(t.TempDir(), name)
		if err := f.SaveAs(p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	up := `form[action="/reports/workbook"]`
	upload := func(path string, want int64) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.SetUploadFiles(up+` input[type=file][name=file]`, []string{path})); err != nil {
			t.Fatal(err)
		}
		browserClick(t, ctx, up+` button[type=submit]`, want)
	}

	// A figure that is not a number: refused whole, the cell named.
	bad := filled("商务委-3月.xlsx", "五千万左右")
	f, err := excelize.OpenFile(bad)
	if err != nil {
		t.Fatal(err)
	}
	badRow := workbookRow(t, f, "fdi")
	f.Close()
	upload(bad, http.StatusUnprocessableEntity)
	browserShot(t, ctx, "11-workbook-bad")
	browserWantText(t, ctx, `.flash-error`, "商务委-3月.xlsx", "未导入任何数据")
	cells, err := chromedp.Run(ctx, chromedp.Evaluate[[][]string](`[...document.querySelectorAll('table.cell-errors tbody tr')].map(r => [...r.cells].map(c => c.textContent.trim()))`))
	if err != nil {
		t.Fatal(err)
	}
	if len(cells) != 1 || len(cells[0]) != 6 {
		t.Fatalf("the bad cells listed: %q", cells)
	}
	c := cells[0]
	if c[0] != xlsx.SheetForm || c[1] != fmt.Sprint(badRow) || c[2] != "H" || !strings.Contains(c[3], "本期数值") || c[4] != "五千万左右" || c[5] == "" {
		t.Errorf("the bad cell is listed as %q, want 填报, %d, H, 本期数值, 五千万左右 and a reason", c, badRow)
	}
	if rs := s.reports(t); len(rs) != 0 {
		t.Fatalf("a refused file stored %d reports", len(rs))
	}

	// 7500万 is on schedule: imported and submitted.
	if !browserEval[bool](t, ctx, `document.querySelector('form[action="/reports/workbook"] input[name=submit]').checked`) {
		t.Error("提交审核 is not ticked by default")
	}
	upload(filled("商务委-3月-改.xlsx", "7500万"), http.StatusOK)
	browserShot(t, ctx, "12-workbook-good")
	browserWantText(t, ctx, `.flash-ok`, "商务委-3月-改.xlsx", "已导入", "新建 1 条", "提交审核 1 条")
	if browserHas(t, ctx, `table.cell-errors`) {
		t.Error("a good file still lists bad cells")
	}
	rs := s.reports(t)
	if len(rs) != 1 || rs[0].State != progress.StateSubmitted || rs[0].Value.String() != "75000000" || rs[0].Period.String() != "2022-03" {
		t.Fatalf("after the import: %+v", rs)
	}
}

// An anonymous visitor who switches the dashboard to English sees English labels, public
// indicators only, and no department table.
func TestBrowserStatusEnglishPublic(t *testing.T) {
	ctx := newBrowser(t)
	s := newProgressSite(t)
	inds, err := s.svc.Store().PlanIndicators(context.Background(), s.planID)
	if err != nil {
		t.Fatal(err)
	}
	if code := browserFollow(t, ctx, "open /status", chromedp.Navigate(s.URL+"/status")); code != 200 {
		t.Fatalf("/status = %d", code)
	}
	browserWantText(t, ctx, `h1`, "进度看板")
	browserClick(t, ctx, `a.lang`, http.StatusOK)
	browserShot(t, ctx, "13-status-en")
	if u := browserAt(t, ctx); u.Path != "/status" || u.Query().Get("lang") != "en" {
		t.Errorf("the language switch leads to %s", u)
	}
	if lang := browserEval[string](t, ctx, `document.documentElement.lang`); lang != "en" {
		t.Errorf("<html lang=%q>", lang)
	}
	browserWantText(t, ctx, `h1`, "Progress dashboard")
	browserWantText(t, ctx, `nav.nav`, "Plan")
	page := browserWantText(t, ctx, `main`, "As of 2022-03-31", "Status", "Target")
	for _, zh := range []string{"进度看板", "数据截至", "滞后", "目标", "部门"} {
		if strings.Contains(page, zh) {
			t.Errorf("the English dashboard still reads %q", zh)
		}
	}
	if browserHas(t, ctx, `#departments`) {
		t.Error("the public sees the department table")
	}
	shown := browserEval[[]string](t, ctx, `[...document.querySelectorAll('tr[data-indicator]')].map(r => r.dataset.indicator)`)
	public := 0
	for _, ind := range inds {
		if ind.Public {
			public++
			continue
		}
		for _, c := range shown {
			if c == ind.Code {
				t.Errorf("internal indicator %s shown to the public", c)
			}
		}
	}
	if len(shown) == 0 || len(shown) != public {
		t.Errorf("the public dashboard shows %d indicators, want the %d public ones", len(shown), public)
	}
	// The choice stays for the next page.
	browserClick(t, ctx, `nav.nav a[href="/"]`, http.StatusOK)
	if lang := browserEval[string](t, ctx, `document.documentElement.lang`); lang != "en" {
		t.Errorf("the plan page after switching is in %q", lang)
	}
}

// On a phone (390×844) the plan page, the dashboard and the report form fit the width:
// wide tables scroll inside their card, not the page.
func TestBrowserMobileWidth(t *testing.T) {
	ctx := newBrowser(t)
	s := newProgressSite(t)
	phoneWidth(t, ctx, 390)
	fits := func(name string) {
		t.Helper()
		browserShot(t, ctx, "14-mobile-"+name)
		w := browserEval[[]int](t, ctx, `[document.documentElement.scrollWidth, window.innerWidth]`)
		if w[1] != 390 {
			t.Fatalf("%s: the viewport is %d wide, want 390", name, w[1])
		}
		if w[0] > w[1]+1 {
			wide := browserEval[[]string](t, ctx, `[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrap')).slice(0, 8).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))`)
			t.Errorf("%s overflows: %d px wide on a %d px screen; too wide: %q", name, w[0], w[1], wide)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"/")); err != nil {
		t.Fatal(err)
	}
	fits("plan")
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"/status")); err != nil {
		t.Fatal(err)
	}
	fits("status")
	browserSignIn(t, ctx, s.URL, "clerk", "clerk-password-1")
	if err := chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/indicators/%d/reports/new?period=2022-03", s.URL, s.fdi))); err != nil {
		t.Fatal(err)
	}
	fits("report-form")
	// The refused submission, with its errors, fits too.
	if err := chromedp.Do(ctx, chromedp.SendKeys(`input[name=value]`, "5000万")); err != nil {
		t.Fatal(err)
	}
	browserClick(t, ctx, `button[name=intent][value=submit]`, http.StatusUnprocessableEntity)
	fits("report-form-errors")
}
