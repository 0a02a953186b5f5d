package app

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/service"
)

// newLeaderSite is the progress site with a leader (区领导, leader-password-1).
func newLeaderSite(t *testing.T) *progressSite {
	t.Helper()
	s := newProgressSite(t)
	if _, _, err := s.svc.CreateUser(context.Background(), service.System, service.NewUser{Login: "leader", DisplayName: "区领导",
		Roles: []auth.Role{auth.RoleLeader}, Password: "leader-password-1"}); err != nil {
		t.Fatal(err)
	}
	return s
}

// A leader opens the cockpit, reads the zones and what is behind, and drills from a
// "behind" item to its indicator, whose breadcrumbs lead back to its zone and program.
func TestBrowserCockpitDrill(t *testing.T) {
	ctx := newBrowser(t)
	s := newLeaderSite(t)
	browserSignIn(t, ctx, s.URL, "leader", "leader-password-1")
	browserClick(t, ctx, `.nav a[href="/cockpit"]`, http.StatusOK)
	browserWantText(t, ctx, `main`, "领导驾驶舱", "正常及完成占比", "开放引领示范区", "滞后及逾期", "未按时报送的部门", "区商务委", "主要指标")
	browserShot(t, ctx, "20-cockpit-desktop")
	// The first item behind its path: 服务贸易进出口总额, owned by 区商务委.
	name := browserEval[string](t, ctx, `[...document.querySelectorAll('#attention li')].find(li => li.querySelector('.badge-behind')).querySelector('a.ind-name').textContent`)
	if name == "" {
		t.Fatal("no behind item on the cockpit")
	}
	if code := browserFollow(t, ctx, "open the behind item", chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll('#attention li')].find(li => li.querySelector('.badge-behind')).querySelector('a.ind-name').click()`)); code != http.StatusOK {
		t.Fatalf("the indicator page came with %d", code)
	}
	if h1 := text(t, ctx, `h1`); h1 != name {
		t.Errorf("drilled to %q, want %q", h1, name)
	}
	browserWantText(t, ctx, `.crumbs`, "开放引领示范区", name)
	browserWantText(t, ctx, `main`, "滞后")
	// Its chart is drawn (figures exist); an indicator without figures says 暂无数据.
	if err := chromedp.Do(ctx, chromedp.WaitVisible(`[data-chart="trend"] canvas`)); err != nil {
		t.Errorf("no chart drawn: %v", err)
	}
	browserShot(t, ctx, "21-indicator-desktop")
	indicatorURL := browserAt(t, ctx).String()
	if err := chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/indicators/%d", s.URL, s.fdi))); err != nil {
		t.Fatal(err)
	}
	browserWantText(t, ctx, `.chart-empty`, "暂无数据")
	if err := chromedp.Do(ctx, chromedp.Navigate(indicatorURL)); err != nil {
		t.Fatal(err)
	}
	// The breadcrumb leads to the zone's own page with its roll-up.
	browserClick(t, ctx, `.crumbs a[href^="/zones/"]`, http.StatusOK)
	browserWantText(t, ctx, `h1`, "开放引领示范区")
	browserWantText(t, ctx, `main`, name)

	// A count on the cockpit drills into the status board, filtered in the URL.
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"/cockpit")); err != nil {
		t.Fatal(err)
	}
	browserClick(t, ctx, `a.kpi-behind`, http.StatusOK)
	if q := browserAt(t, ctx).Query(); q.Get("status") != "behind" {
		t.Errorf("the behind count leads to %s", browserAt(t, ctx))
	}
	rows := browserEval[[]string](t, ctx, `[...document.querySelectorAll('.status-table tbody tr[data-indicator] .badge')].map(b => b.className)`)
	if len(rows) != 2 {
		t.Errorf("the status board filtered to behind shows %d rows, want 2", len(rows))
	}
	for _, c := range rows {
		if !strings.Contains(c, "badge-behind") {
			t.Errorf("a row that is not behind: %s", c)
		}
	}

	// The ranking and the bulletin.
	browserClick(t, ctx, `.nav a[href="/ranking"]`, http.StatusOK)
	browserWantText(t, ctx, `.rank-table`, "区城市管理局", "绿灯", "红灯")
	browserShot(t, ctx, "22-ranking-desktop")
	browserClick(t, ctx, `.nav a[href="/bulletin"]`, http.StatusOK)
	browserWantText(t, ctx, `.bulletin`, "一、总体情况", "二、各示范区推进情况", "三、部门红黄绿灯排名", "四、逾期未报清单", "外商直接投资")
	browserShot(t, ctx, "23-bulletin-desktop")
	// In print, no control is printed.
	if err := chromedp.Do(ctx, media("print")); err != nil {
		t.Fatal(err)
	}
	shown := browserEval[[]string](t, ctx, `[...document.querySelectorAll('button, .button, form, .topbar, select')].filter(e => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0).map(e => e.outerHTML.slice(0, 60))`)
	if len(shown) > 0 {
		t.Errorf("controls printed on the bulletin: %q", shown)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"/cockpit"), media("print")); err != nil {
		t.Fatal(err)
	}
	shown = browserEval[[]string](t, ctx, `[...document.querySelectorAll('button, .button, form, .topbar')].filter(e => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0).map(e => e.outerHTML.slice(0, 60))`)
	if len(shown) > 0 {
		t.Errorf("controls printed on the cockpit: %q", shown)
	}
	// One A4 page, as Chromium prints it with the page's own @page size.
	if n := printedPages(t, ctx, "25-cockpit-print"); n != 1 {
		t.Errorf("the cockpit prints on %d A4 pages, want 1", n)
	}
	if err := chromedp.Do(ctx, media("")); err != nil {
		t.Fatal(err)
	}

	// At phone width, the same pages.
	phoneWidth(t, ctx, 390)
	for _, p := range []struct{ name, path string }{
		{"cockpit", "/cockpit"}, {"ranking", "/ranking"}, {"bulletin", "/bulletin"},
		{"indicator", fmt.Sprintf("/indicators/%d", s.fdi)},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+p.path)); err != nil {
			t.Fatal(err)
		}
		browserShot(t, ctx, "24-"+p.name+"-phone")
	}
}

// media emulates a CSS media type ("print"; "" for the screen again).
func media(m string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
		return err
	})
}

// printedPages prints the page to PDF with its CSS page size (A4) and counts the pages;
// the PDF is kept in the screenshot folder as name.pdf.
func printedPages(t *testing.T, ctx context.Context, name string) int {
	t.Helper()
	yes := true
	var pdf []byte
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		res, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &yes, PrintBackground: &yes})
		pdf = res.Data
		return err
	}))
	if err != nil {
		t.Fatalf("print %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(screenshotDir(t), name+".pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
}
