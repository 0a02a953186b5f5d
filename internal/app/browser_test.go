package app

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// chromium finds the browser for the browser tests: LANTU_CHROMIUM, or chromium on the
// PATH. Without one the tests skip, unless LANTU_REQUIRE_BROWSER=1 (CI) makes that a failure.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("LANTU_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("LANTU_REQUIRE_BROWSER") == "1" {
		t.Fatal("no Chromium found but LANTU_REQUIRE_BROWSER=1: the browser tests must run here")
	}
	t.Skip("no Chromium: browser tests skipped (apt-get install chromium)")
	return ""
}

// newBrowser starts a headless Chromium for one test, reaching nothing but this machine.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// phoneWidth makes the browser a phone's screen, width px wide (360–414).
func phoneWidth(t *testing.T, ctx context.Context, width int) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), 844, chromedp.EmulateScale(2), chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
}

// checkFitsWidth fails when the page in the browser scrolls sideways, naming the
// elements that stick out (a table scrolling inside its .table-wrap is fine).
func checkFitsWidth(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	w := browserEval[[]int](t, ctx, `[document.documentElement.scrollWidth, document.documentElement.clientWidth]`)
	if w[0] > w[1] {
		wide := browserEval[[]string](t, ctx, `[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.table-wrap')).slice(0, 8).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))`)
		t.Errorf("%s scrolls sideways: scrollWidth %d > clientWidth %d; too wide: %q", what, w[0], w[1], wide)
	}
}

// browserSignIn signs in through the form, as a person would.
func browserSignIn(t *testing.T, ctx context.Context, base, login, password string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(`input[name=login]`),
		chromedp.SendKeys(`input[name=login]`, login),
		chromedp.SendKeys(`input[name=password]`, password),
		chromedp.Click(`form[action="/login"] button[type=submit]`),
		chromedp.WaitVisible(`.who`),
	)
	if err != nil {
		t.Fatalf("sign in as %s: %v", login, err)
	}
}

// The sign-in form works in a real browser and the plan page shows the four zones.
func TestBrowserSignInAndPlan(t *testing.T) {
	ctx := newBrowser(t)
	ts := newTestServer(t, storetest.SQLite(t), true)
	if _, _, err := ts.svc.CreateUser(context.Background(), service.System, service.NewUser{Login: "leader1", DisplayName: "区领导", Roles: []auth.Role{auth.RoleLeader}, Password: "leader-password-1"}); err != nil {
		t.Fatal(err)
	}
	browserSignIn(t, ctx, ts.URL, "leader1", "leader-password-1")
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/")); err != nil {
		t.Fatal(err)
	}
	who := text(t, ctx, `.who`)
	zones := text(t, ctx, `.zone-tabs`)
	if who != "区领导" {
		t.Errorf("signed in as %q", who)
	}
	for _, z := range []string{"创新驱动示范区", "开放引领示范区", "文化传承示范区", "人民城市示范区"} {
		if !strings.Contains(zones, z) {
			t.Errorf("zone %s not shown", z)
		}
	}
}

// text reads the text of the first element a selector finds.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(sel))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// The ingest flow in a browser: paste the sample article, accept 铁路提单信用证 300单 as a
// new indicator, open it, and follow its source link back to the highlighted span.
func TestBrowserIngestAccept(t *testing.T) {
	ctx := newBrowser(t)
	sample, err := os.ReadFile("../extract/testdata/000_0e76c140dce5f649.txt")
	if err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, storetest.SQLite(t), true)
	if _, _, err := ts.svc.CreateUser(context.Background(), service.System, service.NewUser{Login: "planner", DisplayName: "目标办", Roles: []auth.Role{auth.RoleAdmin}, Password: "planner-password"}); err != nil {
		t.Fatal(err)
	}
	browserSignIn(t, ctx, ts.URL, "planner", "planner-password")

	// Paste the article and extract. Each click that loads a page waits for that page
	// (browserClick), so no query below finds a node of the page being left.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/ingest"),
		chromedp.WaitVisible(`#ingest-text`),
		chromedp.SetValue(`#ingest-text`, string(sample)),
		chromedp.SetValue(`#ingest-date`, "2022-03-31"),
	); err != nil {
		t.Fatalf("paste: %v", err)
	}
	browserClick(t, ctx, `#ingest-submit`, http.StatusOK)
	if err := chromedp.Do(ctx, chromedp.WaitVisible(`.ingest-facts`)); err != nil {
		t.Fatalf("extract: %v", err)
	}
	// The date given is the document's; beside each fact, why its period and kind.
	if d := text(t, ctx, `#doc-date`); d != "2022-03-31" {
		t.Errorf("document date %q", d)
	}
	why, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const row = [...document.querySelectorAll('tr.fact-row')].find(r => r.dataset.subject === '铁路提单信用证');
		const w = row && row.querySelector('.why');
		return w && w.offsetParent !== null ? w.textContent : '';
	})()`))
	if err != nil || why != "时期据本句“今年”；目标据本句“力争”" {
		t.Errorf("why beside 300单: %q (%v)", why, err)
	}
	// Mark the accept form of the fact whose mention reads 300单, then use it as a person would.
	found, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
		const m = [...document.querySelectorAll('mark.fact')].find(e => e.textContent === '300单');
		if (!m) return false;
		const form = document.querySelectorAll('form.accept')[Number(m.id.slice(5)) - 1];
		form.id = 'accept-300';
		form.closest('details').id = 'details-300';
		const opt = [...form.querySelectorAll('optgroup')].find(g => g.label.includes('开放引领')).querySelector('option');
		form.dataset.program = opt.value;
		return true;
	})()`))
	if err != nil || !found {
		t.Fatalf("no marked fact 300单: %v", err)
	}
	program, err := chromedp.Run(ctx, chromedp.AttributeValue(`#accept-300`, "data-program"))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(`#details-300 summary`),
		chromedp.WaitVisible(`#accept-300 input[name=name]`),
		chromedp.Click(`#accept-300 input[value=indicator]`),
		chromedp.SetValue(`#accept-300 input[name=name]`, "铁路提单信用证（文档导入）"),
		chromedp.SetValue(`#accept-300 select[name=program]`, program.Value),
		chromedp.SetValue(`#accept-300 select[name=dept]`, "logistics"),
	); err != nil {
		t.Fatalf("accept: %v", err)
	}
	// The ingest page has links to documents too: wait for the indicator page itself.
	browserClick(t, ctx, `#accept-300 button[type=submit]`, http.StatusOK)
	if err := chromedp.Do(ctx, chromedp.WaitVisible(`a[href*="/documents/"]`)); err != nil {
		t.Fatalf("accept: %v", err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || !strings.Contains(loc, "/indicators/") {
		t.Fatalf("after accepting: at %q (%v)", loc, err)
	}
	page := text(t, ctx, `main`)
	for _, want := range []string{"铁路提单信用证（文档导入）", "300单"} {
		if !strings.Contains(page, want) {
			t.Errorf("the indicator page lacks %q", want)
		}
	}
	// Follow the link back to the span.
	browserClick(t, ctx, `a[href*="/documents/"]`, http.StatusOK)
	if err := chromedp.Do(ctx, chromedp.WaitVisible(`mark#mark`)); err != nil {
		t.Fatalf("follow the source link: %v", err)
	}
	if got := text(t, ctx, `mark#mark`); got != "300单" {
		t.Errorf("the marked span reads %q, want 300单", got)
	}

	// Upload a PDF whose Chinese lines are hard-wrapped under a running header: its
	// paragraphs come back whole, header and page numbers gone, each fact with its why.
	pdfPath, err := filepath.Abs("../extract/testdata/wrapped.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/ingest"),
		chromedp.WaitVisible(`#ingest-file`),
		chromedp.SetUploadFiles(`#ingest-file`, []string{pdfPath}),
		chromedp.SetValue(`#ingest-date`, "2025-01-14"),
	); err != nil {
		t.Fatalf("upload the PDF: %v", err)
	}
	browserClick(t, ctx, `#ingest-submit`, http.StatusOK)
	if err := chromedp.Do(ctx, chromedp.WaitVisible(`.ingest-facts`)); err != nil {
		t.Fatalf("upload the PDF: %v", err)
	}
	doc := text(t, ctx, `.document`)
	for _, want := range []string{"2024年，全市地区生产总值增长5.2%左右，一般公共预算收入增长3.1%，城镇新增就业30万人以上，粮食产量达到1.4亿吨。"} {
		if !strings.Contains(doc, want) {
			t.Errorf("the PDF's paragraph is not whole: %q", doc)
		}
	}
	if strings.Contains(doc, "某市人民政府工作报告") || strings.Contains(doc, "- 1 -") {
		t.Errorf("running header or page number kept: %q", doc)
	}
	why, err = chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const m = [...document.querySelectorAll('mark.fact')].find(e => e.textContent === '5%以内');
		if (!m) return '';
		return document.querySelectorAll('tr.fact-row .why')[Number(m.id.slice(5)) - 1].textContent;
	})()`))
	if err != nil || why != "时期据本句“今年”；目标：列表由“今年经济社会发展主要预期目标是”开启" {
		t.Errorf("why beside 5%%以内: %q (%v)", why, err)
	}
}

// The indicator page draws its month-by-month chart with the vendored ECharts, offline.
func TestBrowserIndicatorChart(t *testing.T) {
	ctx := newBrowser(t)
	ts := newTestServer(t, storetest.SQLite(t), true)
	ind, err := ts.svc.Store().IndicatorByCode(context.Background(), ts.planID, "rail-bill-lc")
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/indicators/"+strconv.FormatInt(ind.ID, 10)),
		chromedp.WaitVisible(`.chart canvas`),
	); err != nil {
		t.Fatalf("the chart is not drawn: %v", err)
	}
	bars, err := chromedp.Run(ctx, chromedp.Evaluate[int](`echarts.getInstanceByDom(document.querySelector('.chart')).getOption().series[0].data.filter(v => v !== null).length`))
	if err != nil || bars != 3 {
		t.Errorf("the chart has %d bars (%v), want 3 months", bars, err)
	}
}
