package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
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
