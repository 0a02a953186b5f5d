package app

import (
	"bytes"
	"context"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/planfile"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// importPlan2023 imports the demo plan again as the district's 2023 plan, as an admin
// would import next year's plan file: a new title, as of 2023-03-31, no reports, and the
// foreign-investment indicator renamed so that the two plans' templates tell apart.
func importPlan2023(t *testing.T, svc *service.Service) int64 {
	t.Helper()
	data, err := os.ReadFile("../../demo/shapingba-2022.yaml")
	if err != nil {
		t.Fatal(err)
	}
	l, err := planfile.Parse(os.DirFS("../../demo"), "shapingba-2022.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	l.Plan.Year = 2023
	l.Plan.Title = "沙坪坝区2023年重点任务"
	asOf := time.Date(2023, 3, 31, 0, 0, 0, 0, service.China)
	l.Plan.AsOf = &asOf
	l.Reports = nil
	for zi := range l.Plan.Zones {
		for pi := range l.Plan.Zones[zi].Programs {
			inds := l.Plan.Zones[zi].Programs[pi].Indicators
			for i := range inds {
				inds[i].Period = "2023"
				if inds[i].Code == "fdi" {
					inds[i].Name = "实际利用外资（2023口径）"
				}
			}
		}
	}
	p, err := svc.ImportPlan(context.Background(), service.System, l)
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}

// An admin has two plans of the district, 2022 and 2023, and switches between them with
// the top bar's switcher: the choice sticks from page to page, and each plan keeps its own
// Excel template (the .xlsx names that plan's indicators) and its own ingest (a fact
// accepted lands in the plan chosen).
func TestBrowserPlanSwitch(t *testing.T) {
	ctx := newBrowser(t)
	ts := newTestServer(t, storetest.SQLite(t), true)
	plan2022 := ts.planID
	plan2023 := importPlan2023(t, ts.svc)
	if _, _, err := ts.svc.CreateUser(context.Background(), service.System, service.NewUser{Login: "planner", DisplayName: "目标办", Roles: []auth.Role{auth.RoleAdmin}, Password: "planner-password"}); err != nil {
		t.Fatal(err)
	}
	browserSignIn(t, ctx, ts.URL, "planner", "planner-password")

	// With no choice made, the newest plan of the region is shown, and the switcher offers both.
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/reports/workbook"), chromedp.WaitVisible(`#wb-plan`)); err != nil {
		t.Fatal(err)
	}
	browserWantText(t, ctx, `#wb-plan`, "2023")
	if n := browserEval[int](t, ctx, `document.querySelectorAll('#plan-switch option').length`); n != 2 {
		t.Fatalf("the switcher offers %d plans, want 2", n)
	}
	if got := browserValue(t, ctx, `#plan-switch`); got != strconv.FormatInt(plan2023, 10) {
		t.Errorf("the switcher shows plan %s, want 2023's %d", got, plan2023)
	}

	// switchTo picks a plan in the switcher, which reloads the page on it.
	switchTo := func(id int64) {
		t.Helper()
		if code := browserFollow(t, ctx, "switch plan", chromedp.SetValue(`#plan-switch`, strconv.FormatInt(id, 10))); code != 200 {
			t.Fatalf("switching to plan %d: %d", id, code)
		}
	}

	// template downloads the Excel form of the page's download form, as the browser builds
	// its address, and returns every cell's text.
	template := func() string {
		t.Helper()
		link := browserEval[string](t, ctx, `(() => {
			const f = document.querySelector('form[action="/reports/workbook/template"]');
			f.querySelector('select[name=dept]').value = 'commerce';
			const b = f.querySelector('button[name=format][value=xlsx]');
			return f.action + '?' + new URLSearchParams(new FormData(f, b));
		})()`)
		res, err := browserCookies(t, ctx, ts.URL).Get(link)
		if err != nil {
			t.Fatal(err)
		}
		file, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Fatalf("template %s = %d: %s", link, res.StatusCode, file)
		}
		f, err := excelize.OpenReader(bytes.NewReader(file))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		var all strings.Builder
		for _, sh := range f.GetSheetList() {
			rows, _ := f.GetRows(sh)
			for _, r := range rows {
				all.WriteString(strings.Join(r, "\t") + "\n")
			}
		}
		return all.String()
	}
	if x := template(); !strings.Contains(x, "实际利用外资（2023口径）") || !strings.Contains(x, "2023-03") {
		t.Errorf("2023's template does not name 2023's indicator and period:\n%s", x)
	}

	// Switch to 2022 with the switcher: the same page, now on 2022, with 2022's template.
	switchTo(plan2022)
	if u := browserAt(t, ctx); u.Path != "/reports/workbook" {
		t.Errorf("the switcher went to %s", u)
	}
	browserWantText(t, ctx, `#wb-plan`, "2022")
	if x := template(); strings.Contains(x, "2023口径") || !strings.Contains(x, "实际利用外资") || !strings.Contains(x, "2022-03") {
		t.Errorf("2022's template is not 2022's:\n%s", x)
	}

	// The choice sticks: the status board and the ingest page, opened without ?plan=, are on 2022.
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/status"), chromedp.WaitVisible(`#plan-switch`)); err != nil {
		t.Fatal(err)
	}
	if got := browserValue(t, ctx, `#plan-switch`); got != strconv.FormatInt(plan2022, 10) {
		t.Errorf("the status board is on plan %s after choosing 2022 (%d)", got, plan2022)
	}

	// ingest pastes a sentence on the ingest page and accepts its fact as a new indicator
	// of the first program offered; it returns the new indicator's plan.
	ingest := func(sentence, name string) int64 {
		t.Helper()
		if err := chromedp.Do(ctx,
			chromedp.Navigate(ts.URL+"/ingest"),
			chromedp.WaitVisible(`#ingest-text`),
			chromedp.SetValue(`#ingest-text`, sentence),
			chromedp.SetValue(`#ingest-date`, "2023-01-10"),
		); err != nil {
			t.Fatal(err)
		}
		browserClick(t, ctx, `#ingest-submit`, 200)
		ok := browserEval[bool](t, ctx, `(() => {
			const form = document.querySelector('form.accept');
			if (!form) return false;
			form.id = 'accept-1';
			form.closest('details').open = true;
			const opt = [...form.querySelectorAll('select[name=program] option')].find(o => o.value !== '' && o.value !== '0');
			form.querySelector('select[name=program]').value = opt.value;
			form.querySelector('select[name=dept]').value = 'commerce';
			form.querySelector('input[value=indicator]').checked = true;
			return true;
		})()`)
		if !ok {
			t.Fatal("no fact to accept")
		}
		if err := chromedp.Do(ctx, chromedp.SetValue(`#accept-1 input[name=name]`, name)); err != nil {
			t.Fatal(err)
		}
		browserClick(t, ctx, `#accept-1 button[type=submit]`, 200)
		u := browserAt(t, ctx)
		id, err := strconv.ParseInt(strings.TrimPrefix(u.Path, "/indicators/"), 10, 64)
		if err != nil {
			t.Fatalf("after accepting: at %s", u)
		}
		ind, err := ts.svc.Store().Indicator(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if ind.Name != name {
			t.Errorf("accepted %q, stored %q", name, ind.Name)
		}
		return ind.PlanID
	}
	if got := ingest("外资研发中心今年力争达到12家。", "外资研发中心（2022）"); got != plan2022 {
		t.Errorf("a fact accepted on 2022 landed in plan %d, want %d", got, plan2022)
	}

	// Back to 2023 from an indicator page (a page of one plan): the switcher goes to the
	// overview of 2023, and 2023's ingest takes the next fact.
	switchTo(plan2023)
	if u := browserAt(t, ctx); u.Path != "/" || u.Query().Get("plan") != strconv.FormatInt(plan2023, 10) {
		t.Errorf("the switcher went to %s", u)
	}
	browserWantText(t, ctx, `main`, "沙坪坝区2023年重点任务")
	if got := ingest("跨境电商企业今年力争达到40家。", "跨境电商企业（2023）"); got != plan2023 {
		t.Errorf("a fact accepted on 2023 landed in plan %d, want %d", got, plan2023)
	}
	// Each plan lists its own documents on the ingest page.
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/ingest?plan="+strconv.FormatInt(plan2022, 10)), chromedp.WaitVisible(`#ingest-plan`)); err != nil {
		t.Fatal(err)
	}
	browserWantText(t, ctx, `#ingest-plan`, "2022")
	if n := browserEval[int](t, ctx, `document.querySelectorAll('a[href^="/ingest/`+strconv.FormatInt(plan2023, 10)+`/"]').length`); n != 0 {
		t.Errorf("2022's ingest page lists %d documents of 2023", n)
	}
}
