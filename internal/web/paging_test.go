package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/app"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store/storetest"
	"github.com/lantu-dev/lantu/internal/synth"
)

// The status board of a large plan lists 100 indicators a page, with links to the
// others; the roll-ups count all of them; a filter pages the indicators it keeps.
func TestStatusBoardPaged(t *testing.T) {
	ctx := context.Background()
	svc, sum, get := generatedPlanServer(t, 2)
	rows, _, err := svc.PlanStatus(ctx, service.Actor{}, sum.PlanIDs[0], time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	public := len(rows)
	if public <= 200 || public > 300 {
		t.Fatalf("%d public indicators; the test wants more than two pages", public)
	}
	seen := map[string]bool{}
	for page := 1; page <= 3; page++ {
		body := get(fmt.Sprintf("/status?plan=%d&page=%d", sum.PlanIDs[0], page))
		n := strings.Count(body, `<tr id="ind-`)
		want := min(100, public-100*(page-1))
		if n != want {
			t.Errorf("page %d lists %d indicators, want %d", page, n, want)
		}
		for _, part := range strings.Split(body, `<tr id="ind-`)[1:] {
			id, _, _ := strings.Cut(part, `"`)
			if seen[id] {
				t.Errorf("indicator %s on two pages", id)
			}
			seen[id] = true
		}
		if !strings.Contains(body, fmt.Sprintf("第 %d / 3 页", page)) {
			t.Errorf("page %d does not say which page it is", page)
		}
		if (page < 3) != strings.Contains(body, `rel="next"`) || (page > 1) != strings.Contains(body, `rel="prev"`) {
			t.Errorf("page %d: wrong previous/next links", page)
		}
		// The totals are the plan's, not the page's.
		if !strings.Contains(body, fmt.Sprintf("<dd>%d</dd>", public)) {
			t.Errorf("page %d does not count all %d indicators", page, public)
		}
	}
	if len(seen) != public {
		t.Errorf("the pages list %d indicators, want %d", len(seen), public)
	}
	// A filter pages what it keeps: one zone's indicators on one page.
	body := get(fmt.Sprintf("/status?plan=%d&zone=z1", sum.PlanIDs[0]))
	if n := strings.Count(body, `<tr id="ind-`); n == 0 || n > 100 {
		t.Errorf("zone z1: %d rows", n)
	}
}

// The plan page of a large plan lists its indicators 100 a page in plan order, every
// one on exactly one page, with the plan's counts on each; a filter (search, zone) pages
// what it keeps.
func TestPlanPagePaged(t *testing.T) {
	ctx := context.Background()
	svc, sum, get := generatedPlanServer(t, 1)
	ids := func(body string) []string {
		var out []string
		for _, part := range strings.Split(body, `<tr id="ind-`)[1:] {
			id, _, _ := strings.Cut(part, `"`)
			out = append(out, id)
		}
		return out
	}
	p, err := svc.Plan(ctx, service.Actor{}, sum.PlanIDs[0])
	if err != nil {
		t.Fatal(err)
	}
	var want []string // the public indicators in plan order
	var code string
	for _, z := range p.Zones {
		for _, pr := range z.Programs {
			for _, ind := range pr.Indicators {
				want = append(want, fmt.Sprint(ind.ID))
				code = ind.Code
			}
		}
	}
	if len(want) <= 200 || len(want) > 300 {
		t.Fatalf("%d public indicators; the test wants three pages", len(want))
	}
	var got []string
	for page := 1; page <= 3; page++ {
		body := get(fmt.Sprintf("/?plan=%d&page=%d", sum.PlanIDs[0], page))
		rows := ids(body)
		if n := min(100, len(want)-100*(page-1)); len(rows) != n {
			t.Errorf("page %d lists %d indicators, want %d", page, len(rows), n)
		}
		got = append(got, rows...)
		if !strings.Contains(body, fmt.Sprintf("第 %d / 3 页", page)) {
			t.Errorf("page %d does not say which page it is", page)
		}
		if (page < 3) != strings.Contains(body, `rel="next"`) || (page > 1) != strings.Contains(body, `rel="prev"`) {
			t.Errorf("page %d: wrong previous/next links", page)
		}
		if !strings.Contains(body, fmt.Sprintf("<small>/%d</small>", len(want))) {
			t.Errorf("page %d does not count the plan's %d indicators", page, len(want))
		}
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("the pages list %d indicators, not the plan's %d in plan order", len(got), len(want))
	}
	// A search for one indicator's code finds it alone.
	if rows := ids(get(fmt.Sprintf("/?plan=%d&q=%s", sum.PlanIDs[0], code))); len(rows) != 1 || rows[0] != want[len(want)-1] {
		t.Errorf("search %q lists %v, want [%s]", code, rows, want[len(want)-1])
	}
	// A zone's indicators only.
	z := p.Zones[0]
	n := 0
	for _, pr := range z.Programs {
		n += len(pr.Indicators)
	}
	if rows := ids(get(fmt.Sprintf("/?plan=%d&zone=%s", sum.PlanIDs[0], z.Code))); len(rows) != min(n, 100) {
		t.Errorf("zone %s lists %d indicators, want %d", z.Code, len(rows), min(n, 100))
	}
}

// generatedPlanServer serves (public view, SQLite) a generated plan of 300 indicators
// with years of reports, as of 2026-06-20; get reads a page and fails on any status
// but 200.
func generatedPlanServer(t *testing.T, years int) (*service.Service, service.GenerateSummary, func(string) string) {
	t.Helper()
	ctx := context.Background()
	svc := service.New(storetest.SQLite(t))
	svc.PublicView = true
	now := time.Date(2026, 6, 20, 10, 0, 0, 0, service.China)
	svc.Now = func() time.Time { return now.UTC() }
	sum, err := svc.Generate(ctx, service.System, service.GenerateOptions{Regions: 1,
		Options: synth.Options{Indicators: 300, Years: years, Year: 2026, Now: now, Seed: 7}})
	if err != nil {
		t.Fatal(err)
	}
	h, err := app.Handler(ctx, svc, app.Config{PublicView: true}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	get := func(path string) string {
		t.Helper()
		res, err := http.Get(srv.URL + path)
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
	return svc, sum, get
}
