package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// An anchored jump lands below the bar that sticks: the zone chips of the plan and of
// the status board, at desktop width (where the bar sticks).
func TestBrowserAnchorsBelowStickyBar(t *testing.T) {
	ctx := newBrowser(t)
	s := newAdminSite(t)
	browserSignIn(t, ctx, s.URL, "office", "office-password-1")
	for _, c := range []struct{ page, chip string }{
		{"/", `.zone-tabs a`},
		{"/status", `a.zone-stat`},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+c.page), chromedp.WaitVisible(c.chip)); err != nil {
			t.Fatalf("%s: %v", c.page, err)
		}
		// Every jump within the page has somewhere to land.
		if broken := browserEval[[]string](t, ctx, `[...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href')).filter(h => h.length > 1 && !document.getElementById(h.slice(1)))`); len(broken) > 0 {
			t.Errorf("%s links to anchors that are not on it: %q", c.page, broken)
		}
		// The last chip that jumps within the page: the farthest down.
		id := browserEval[string](t, ctx, fmt.Sprintf(`(() => { const a = [...document.querySelectorAll(%q)].filter(a => a.getAttribute('href').startsWith('#')).pop(); a.click(); return a.getAttribute('href').slice(1); })()`, c.chip))
		checkBelowBar(t, ctx, c.page+"#"+id, id)
	}
}

// checkBelowBar fails unless the page has scrolled to the element of id and its top is
// below the sticky bar's bottom (and near it: the jump went there).
func checkBelowBar(t *testing.T, ctx context.Context, what, id string) {
	t.Helper()
	// The jump is instant (no smooth scrolling), done by the time the click returns.
	got := browserEval[[]float64](t, ctx, fmt.Sprintf(`(() => {
		const bar = document.querySelector('.topbar').getBoundingClientRect();
		const el = document.getElementById(%q).getBoundingClientRect();
		return [window.scrollY, bar.bottom, el.top];
	})()`, id))
	scrollY, bar, top := got[0], got[1], got[2]
	if scrollY <= 0 {
		t.Errorf("%s: the page did not scroll", what)
	}
	if top < bar {
		t.Errorf("%s: the target starts at %.0f px, under the bar that ends at %.0f px", what, top, bar)
	}
	if top > bar+60 {
		t.Errorf("%s: the target starts at %.0f px, far below the bar (%.0f px)", what, top, bar)
	}
}

var shotsOnce sync.Once

// screenshotDir is the folder the browser tests write their screenshots and printed
// PDFs to, for a person to look at: $LANTU_SCREENSHOTS, or lantu-screenshots in the
// system's temporary folder. Each test that writes there says where.
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("LANTU_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "lantu-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("screenshot folder: %v", err)
	}
	shotsOnce.Do(func() { fmt.Fprintf(os.Stderr, "lantu: screenshots in %s\n", dir) })
	return dir
}

// investPages are the investment pages an officer opens.
func investPages(t *testing.T, ts *investServer) []string {
	t.Helper()
	lead := ts.leadID(t, "拓普集团轻量化底盘模块项目")
	ctx := context.Background()
	ents, err := ts.svc.Enterprises(ctx, service.System, service.EnterpriseFilter{})
	if err != nil || len(ents) == 0 {
		t.Fatalf("enterprises: %v", err)
	}
	vis, err := ts.svc.Visits(ctx, service.System, service.VisitFilter{})
	if err != nil || len(vis) == 0 {
		t.Fatalf("visits: %v", err)
	}
	return []string{"/invest", "/invest/chains", "/invest/enterprises", fmt.Sprintf("/invest/enterprises/%d", ents[0].ID),
		fmt.Sprintf("/invest/enterprises/%d/contacts", ents[0].ID), "/invest/visits?view=month&date=2022-03-18",
		"/invest/visits?view=week&date=2022-03-18", fmt.Sprintf("/invest/visits/%d", vis[0].ID),
		fmt.Sprintf("/invest/leads/%d", lead), "/invest/rates"}
}

// investData is the centre's own words (names, notes, chain links) as its API gives them
// to the officer: data, which stays Chinese in English.
func investData(t *testing.T, ts *investServer) []string {
	t.Helper()
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			if strings.TrimSpace(x) != "" {
				out = append(out, x)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	for _, path := range []string{"/api/v1/enterprises", "/api/v1/leads", "/api/v1/visits", "/api/v1/chains"} {
		code, body := ts.call(t, "GET", path, "fangnan", "")
		if code != http.StatusOK {
			t.Fatalf("%s: %d", path, code)
		}
		var v any
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Fatal(err)
		}
		walk(v)
		if m, ok := v.(map[string]any); ok {
			walk(m)
		}
	}
	code, body := ts.call(t, "GET", "/api/v1/chains", "fangnan", "")
	if code == http.StatusOK {
		var chains struct{ Data []struct{ ID int64 } }
		if err := json.Unmarshal([]byte(body), &chains); err != nil || len(chains.Data) == 0 {
			t.Fatalf("chains: %v %s", err, body)
		}
		for _, c := range chains.Data {
			_, b := ts.call(t, "GET", fmt.Sprintf("/api/v1/chains/%d", c.ID), "fangnan", "")
			var v any
			_ = json.Unmarshal([]byte(b), &v)
			walk(v)
		}
	}
	out = append(out, planData(t, &progressSite{testServer: &testServer{svc: ts.svc, planID: ts.planID}})...)
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

// The investment pages, as an officer, at 390 px: none scrolls sideways; in English: no
// Chinese but the plan's and the centre's own data.
func TestBrowserInvestPhoneAndEnglish(t *testing.T) {
	ctx := newBrowser(t)
	ts := newInvestServer(t, storetest.SQLite(t))
	browserSignIn(t, ctx, ts.URL, "fangnan", "fangnan-password-1")
	pages := investPages(t, ts)
	data := investData(t, ts)
	han := regexp.MustCompile(`\p{Han}+`)
	for _, path := range pages {
		if code := browserFollow(t, ctx, path, chromedp.Navigate(ts.URL+path+sep(path)+"lang=en")); code != http.StatusOK {
			t.Errorf("%s: %d", path, code)
			continue
		}
		txt := browserEval[string](t, ctx, `(() => {
			const b = document.body.cloneNode(true);
			b.querySelectorAll('script, style').forEach(e => e.remove());
			const attrs = [...document.querySelectorAll('[placeholder], [aria-label]')].map(e => [e.getAttribute('placeholder'), e.getAttribute('aria-label')].filter(Boolean).join(' '));
			return b.innerText + '\n' + attrs.join('\n') + '\n' + document.title;
		})()`)
		for _, d := range data {
			txt = strings.ReplaceAll(txt, d, " ")
		}
		txt = strings.ReplaceAll(txt, "中文", " ") // the switch back names itself
		if found := han.FindAllString(txt, 8); len(found) > 0 {
			t.Errorf("%s in English shows Chinese that is not data: %q", path, found)
		}
	}
	phoneWidth(t, ctx, 390)
	for _, path := range pages {
		if code := browserFollow(t, ctx, path, chromedp.Navigate(ts.URL+path+sep(path)+"lang=zh")); code != http.StatusOK {
			t.Errorf("%s: %d", path, code)
			continue
		}
		checkFitsWidth(t, ctx, path+" at 390 px")
	}
}

func sep(path string) string {
	if strings.Contains(path, "?") {
		return "&"
	}
	return "?"
}
