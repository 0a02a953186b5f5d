package app

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
)

// submitApril has the clerk submit April's figure of each indicator (by code).
func (s *progressSite) submitApril(t *testing.T, codes ...string) []int64 {
	t.Helper()
	ctx := context.Background()
	clerk := actorOf(t, s.svc, "clerk")
	v := decimal.NewFromInt(100000000)
	var ids []int64
	for _, code := range codes {
		ind, err := s.svc.Store().IndicatorByCode(ctx, s.planID, code)
		if err != nil {
			t.Fatal(err)
		}
		r, err := s.svc.CreateReport(ctx, clerk, ind.ID, service.ReportInput{Period: "2022-04", Value: &v, Cause: "c", Remedy: "r"})
		if err != nil {
			t.Fatal(err)
		}
		if r, err = s.svc.Review(ctx, clerk, r.ID, service.ReviewAction{Action: progress.ActSubmit, Version: r.Version}); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	return ids
}

// The head sees in the nav that two reports wait, ticks 全选 on the review page and
// approves both at once; the page says so, the queue and the nav's count are empty.
func TestBrowserBatchApproval(t *testing.T) {
	ctx := newBrowser(t)
	s := newProgressSite(t)
	ids := s.submitApril(t, "fdi", "service-trade")
	browserSignIn(t, ctx, s.URL, "head", "head-password-1")
	browserWantText(t, ctx, `#nav-waiting`, "2")
	browserClick(t, ctx, `nav.nav a[href="/review"]`, http.StatusOK)
	if err := chromedp.Do(ctx, chromedp.Click(`#batch-all`)); err != nil {
		t.Fatal(err)
	}
	if n := browserEval[int](t, ctx, `document.querySelectorAll('input[name=report]:checked').length`); n != 2 {
		t.Fatalf("全选 ticked %d reports, want 2", n)
	}
	browserClick(t, ctx, `#batch-approve`, http.StatusOK)
	browserShot(t, ctx, "desk-batch-approved")
	browserWantText(t, ctx, `#batch-result`, "已审核通过 2 份报告")
	browserWantText(t, ctx, `main`, "暂无待审核的报告")
	if browserHas(t, ctx, `#nav-waiting`) {
		t.Error("the nav still counts reports waiting after the batch")
	}
	for _, id := range ids {
		r, err := s.svc.Store().Report(context.Background(), id)
		if err != nil || r.State != progress.StateApproved {
			t.Errorf("report %d after the batch: %s %v", id, r.State, err)
		}
	}
}

// A clerk attaches evidence (佐证材料) on the report form in the browser and submits;
// the head sees the file on the review page with a download link.
func TestBrowserEvidenceAttached(t *testing.T) {
	ctx := newBrowser(t)
	s := newProgressSite(t)
	path := filepath.Join(t.TempDir(), "到位凭证.pdf")
	if err := os.WriteFile(path, []byte("%PDF-1.4\n% proof\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	browserSignIn(t, ctx, s.URL, "clerk", "clerk-password-1")
	if err := chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/indicators/%d/reports/new?period=2022-03", s.URL, s.fdi))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(`input[name=value]`, "7500万")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(`input[name=evidence]`, []string{path})); err != nil {
		t.Fatal(err)
	}
	browserClick(t, ctx, `button[name=intent][value=submit]`, http.StatusOK)
	if u := browserAt(t, ctx); u.Query().Get("done") != "submitted" {
		t.Fatalf("after submitting with evidence: at %s", u)
	}
	browserSignOut(t, ctx)
	browserSignIn(t, ctx, s.URL, "head", "head-password-1")
	browserClick(t, ctx, `nav.nav a[href="/review"]`, http.StatusOK)
	browserShot(t, ctx, "desk-review-evidence")
	id := s.reports(t)[0].ID
	item := fmt.Sprintf(`article#report-%d`, id)
	browserWantText(t, ctx, item+` .review-evidence`, "到位凭证.pdf")
	href := browserEval[string](t, ctx, `document.querySelector('`+item+` .review-evidence a').getAttribute('href')`)
	if !strings.HasPrefix(href, "/evidence/") {
		t.Fatalf("the evidence link is %q", href)
	}
}
