package app

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/lantu-dev/lantu/internal/progress"
)

// 申请解锁 in the browser: on 5 April fdi's January is locked. The clerk asks on the
// worklist for it to be reopened, with a reason; the head sees the request on the review
// page (counted in the nav) and grants it; the clerk can now file January.
func TestBrowserUnlockRequest(t *testing.T) {
	ctx := newBrowser(t)
	s := newProgressSite(t)
	row := `tr[data-indicator="fdi"]`
	browserSignIn(t, ctx, s.URL, "clerk", "clerk-password-1")
	browserClick(t, ctx, `nav.nav a[href="/reports"]`, http.StatusOK)
	if browserHas(t, ctx, row+` a[href$="period=2022-01"]`) {
		t.Fatal("January is offered for filing while locked")
	}
	if err := chromedp.Do(ctx, chromedp.Click(row+` details.unlock-ask summary`)); err != nil {
		t.Fatal(err)
	}
	if got := browserValue(t, ctx, row+` details.unlock-ask[open] input[name=period]`); got != "2022-01" {
		t.Fatalf("the first request form is for %q, want 2022-01", got)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(row+` details.unlock-ask[open] input[name=reason]`, "统计局反馈一月数据口径调整，需补报")); err != nil {
		t.Fatal(err)
	}
	browserClick(t, ctx, row+` details.unlock-ask[open] button[type=submit]`, http.StatusOK)
	if u := browserAt(t, ctx); u.Query().Get("done") != "unlock_requested" {
		t.Fatalf("after asking: at %s", u)
	}
	browserWantText(t, ctx, row, "已申请解锁，待审核")
	browserShot(t, ctx, "desk-unlock-requested")
	browserSignOut(t, ctx)

	browserSignIn(t, ctx, s.URL, "head", "head-password-1")
	browserWantText(t, ctx, `#nav-waiting`, "1")
	browserClick(t, ctx, `nav.nav a[href="/review"]`, http.StatusOK)
	browserWantText(t, ctx, `#unlock-requests`, "外商直接投资", "统计局反馈一月数据口径调整，需补报", "王晓丽")
	browserShot(t, ctx, "desk-unlock-review")
	browserClick(t, ctx, `#unlock-requests form[action$="/grant"] button[type=submit]`, http.StatusOK)
	if u := browserAt(t, ctx); u.Query().Get("done") != "unlock_granted" {
		t.Fatalf("after granting: at %s", u)
	}
	if browserHas(t, ctx, `#unlock-requests`) || browserHas(t, ctx, `#nav-waiting`) {
		t.Error("the granted request still waits on the review page")
	}
	browserSignOut(t, ctx)

	browserSignIn(t, ctx, s.URL, "clerk", "clerk-password-1")
	browserClick(t, ctx, `nav.nav a[href="/reports"]`, http.StatusOK)
	browserWantText(t, ctx, row, "已同意")
	browserClick(t, ctx, row+` a[href$="period=2022-01"]`, http.StatusOK)
	if err := chromedp.Do(ctx, chromedp.SendKeys(`input[name=value]`, "2500万")); err != nil {
		t.Fatal(err)
	}
	browserClick(t, ctx, `button[name=intent][value=submit]`, http.StatusOK)
	var jan *progress.Report
	for _, r := range s.reports(t) {
		if r.Period.String() == "2022-01" {
			jan = &r.Report
		}
	}
	if jan == nil || jan.State != progress.StateSubmitted {
		t.Fatalf("January after the grant: %+v (at %s)", jan, fmt.Sprint(browserAt(t, ctx)))
	}
}
