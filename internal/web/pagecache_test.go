package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/app"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
)

// The public pages and the status API are kept rendered (httpauth/publiccache.go). Two rules are proved here, on
// SQLite and PostgreSQL: a reader never gets a page made for a reader with other rights
// (anonymous after a leader, a leader after anonymous, on the same address), and after
// every change the page read on the server that made it and on a second server, both
// with their caches warm, is byte for byte the page a server with no cache renders.
func TestPublicPageCache(t *testing.T) { eachWorld(t, testPublicPageCache) }

func testPublicPageCache(t *testing.T, w *progressWorld) {
	ctx := context.Background()
	now := func() time.Time { return time.Date(2022, 4, 5, 2, 0, 0, 0, time.UTC) }
	server := func(t *testing.T) *progressWorld {
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
		return &progressWorld{srv: srv, st: w.st, planID: w.planID, fdi: w.fdi}
	}
	second := server(t)
	anon := w.browser(t, "")

	inds, err := w.st.PlanIndicators(ctx, w.planID)
	if err != nil {
		t.Fatal(err)
	}
	var internal store.IndicatorRow
	for _, ind := range inds {
		if !ind.Public {
			internal = ind
			break
		}
	}
	if internal.ID == 0 {
		t.Fatal("the demo needs an internal indicator")
	}

	// Rights: the same addresses read by the public and by a leader, in both orders.
	leader := w.browser(t, "leader")
	for _, first := range []string{"public", "leader"} {
		for _, path := range []string{"/status", "/", fmt.Sprintf("/indicators/%d", internal.ID), fmt.Sprintf("/plans/%d?x=%s", w.planID, first), fmt.Sprintf("/api/v1/status?plan=%d", w.planID)} {
			order := []string{first, map[string]string{"public": "leader", "leader": "public"}[first], first}
			for _, who := range order {
				c := anon
				if who == "leader" {
					c = leader
				}
				code, body := w.get(t, c, path)
				isInternalPage := strings.HasPrefix(path, "/indicators/")
				if strings.HasPrefix(path, "/api/") { // JSON: the internal indicator's code tells
					if sees := strings.Contains(body, `"code":"`+internal.Code+`"`); code != http.StatusOK || sees != (who == "leader") {
						t.Errorf("%s after %s: %s gets %d, internal indicator shown %v", path, first, who, code, sees)
					}
					continue
				}
				switch {
				case who == "public" && isInternalPage:
					// Sent to sign in (the sign-in form has its own token).
					if strings.Contains(body, internal.Name) || strings.Contains(body, "/logout") {
						t.Errorf("%s after %s: the public reads an internal indicator's page", path, first)
					}
				case who == "public" && strings.Contains(body, `data-indicator="`+internal.Code+`"`):
					t.Errorf("%s after %s: the public sees internal indicator %s", path, first, internal.Code)
				case who == "public" && (strings.Contains(body, "/logout") || strings.Contains(body, `name="csrf"`)):
					t.Errorf("%s after %s: the public gets a signed-in page", path, first)
				case who == "leader" && code != http.StatusOK:
					t.Errorf("%s after %s: the leader gets %d", path, first, code)
				case who == "leader" && !strings.Contains(body, "/logout"):
					t.Errorf("%s after %s: the leader gets the public's page", path, first)
				case who == "leader" && path == "/status" && !strings.Contains(body, `data-indicator="`+internal.Code+`"`):
					t.Errorf("%s after %s: the leader does not see internal indicator %s", path, first, internal.Code)
				}
			}
		}
	}

	// Freshness: each change is seen at once on both servers, as an uncached server
	// renders it.
	api := fmt.Sprintf("/api/v1/status?plan=%d", w.planID)
	pages := []string{"/status", "/", fmt.Sprintf("/indicators/%d", w.fdi), "/status?lang=en", "/status?at=2022-04-30", api}
	read := func(t *testing.T, srv *progressWorld, path string) string {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, srv.srv.URL+path, nil)
		req.Header.Set("Accept-Encoding", "gzip") // the transport then unpacks it
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", path, res.StatusCode)
		}
		return string(b)
	}
	warm := func(t *testing.T) map[string]string {
		t.Helper()
		before := map[string]string{}
		for _, p := range pages {
			before[p] = read(t, w, p)
			read(t, second, p)
		}
		return before
	}
	check := func(t *testing.T, what string, before map[string]string, changed ...string) {
		t.Helper()
		fresh := server(t)
		for _, p := range pages {
			want := read(t, fresh, p)
			for name, srv := range map[string]*progressWorld{"same": w, "second": second} {
				if got := read(t, srv, p); got != want {
					t.Errorf("after %s, %s on the %s server is not what an uncached server renders", what, p, name)
				}
			}
			if slices.Contains(changed, p) && before[p] == want {
				t.Errorf("after %s, %s did not change: the test shows nothing", what, p)
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
	if _, err = w.svc.Review(ctx, service.System, r.ID, service.ReviewAction{Action: progress.ActApprove, Version: r.Version}); err != nil {
		t.Fatal(err)
	}
	check(t, "approve", before, "/status", fmt.Sprintf("/indicators/%d", w.fdi), api)

	// Revise a target.
	before = warm(t)
	rev := progress.TargetRevision{Target: decPtr("1"), EffectiveFrom: time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC), Reason: "市政府调整年度任务"}
	if err := w.svc.ReviseTarget(ctx, service.System, w.fdi, rev); err != nil {
		t.Fatal(err)
	}
	check(t, "revise target", before, fmt.Sprintf("/indicators/%d", w.fdi))

	// Unlock a period.
	before = warm(t)
	if _, err := w.svc.UnlockPeriod(ctx, service.System, w.fdi, "2022-02", "补报", time.Date(2022, 4, 20, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	check(t, "unlock", before)
}

func decPtr(s string) *decimal.Decimal { d := decimal.RequireFromString(s); return &d }
