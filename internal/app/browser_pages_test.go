package app

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/service"
)

// mainPages are the pages people open, as an admin of the demo sees them (the admin
// sees every page and every control).
func mainPages(t *testing.T, s *progressSite) []string {
	t.Helper()
	ctx := context.Background()
	p, err := s.svc.Plan(ctx, service.System, s.planID)
	if err != nil {
		t.Fatal(err)
	}
	z, pr := p.Zones[1], p.Zones[1].Programs[0]
	return []string{
		"/", "/status", "/status?status=attention&hide=notarget", "/cockpit", "/ranking", "/bulletin",
		fmt.Sprintf("/zones/%d", z.ID), fmt.Sprintf("/programs/%d", pr.ID), fmt.Sprintf("/indicators/%d", s.fdi),
		fmt.Sprintf("/indicators/%d/reports/new?period=2022-03", s.fdi), "/reports", "/review", "/reports/workbook?dept=commerce",
		"/ingest", "/admin/users", "/admin/audit", "/account/tokens", "/account/password",
		fmt.Sprintf("/plans/%d/documents/%s", s.planID, p.Documents[0].Key),
		// The planning office's pages: the plan's tree and each kind of item's form.
		"/admin/plan", fmt.Sprintf("/admin/plan/indicators/%d", s.fdi), fmt.Sprintf("/admin/plan/indicators/new?parent=%d", pr.ID),
		fmt.Sprintf("/admin/plan/zones/%d", z.ID), fmt.Sprintf("/admin/plan/programs/%d", pr.ID),
		fmt.Sprintf("/admin/plan/projects/%d", firstProject(p)), fmt.Sprintf("/admin/plan/departments/%d", p.Departments[0].ID),
		"/admin/reminders",
	}
}

// firstProject is the id of the plan's first key project.
func firstProject(p *plan.Plan) int64 {
	for _, z := range p.Zones {
		for _, pr := range z.Programs {
			for _, pj := range pr.Projects {
				return pj.ID
			}
		}
	}
	return 0
}

func newAdminSite(t *testing.T) *progressSite {
	t.Helper()
	s := newProgressSite(t)
	if _, _, err := s.svc.CreateUser(context.Background(), service.System, service.NewUser{Login: "office", DisplayName: "目标办",
		Roles: []auth.Role{auth.RoleAdmin}, Password: "office-password-1"}); err != nil {
		t.Fatal(err)
	}
	return s
}

// At 390 px (a phone) no main page scrolls sideways: wide tables become cards or scroll
// inside their card.
func TestBrowserPhoneEveryPage(t *testing.T) {
	ctx := newBrowser(t)
	s := newAdminSite(t)
	browserSignIn(t, ctx, s.URL, "office", "office-password-1")
	phoneWidth(t, ctx, 390)
	for _, path := range mainPages(t, s) {
		if code := browserFollow(t, ctx, path, chromedp.Navigate(s.URL+path)); code != http.StatusOK {
			t.Errorf("%s: %d", path, code)
			continue
		}
		checkFitsWidth(t, ctx, path+" at 390 px")
	}
}

// Every main page in English has no Chinese but the plan's own data (names, units,
// descriptions, the source document).
func TestBrowserEnglishNoHan(t *testing.T) {
	ctx := newBrowser(t)
	s := newAdminSite(t)
	browserSignIn(t, ctx, s.URL, "office", "office-password-1")
	data := planData(t, s)
	han := regexp.MustCompile(`\p{Han}+`)
	for _, path := range mainPages(t, s) {
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		if code := browserFollow(t, ctx, path, chromedp.Navigate(s.URL+path+sep+"lang=en")); code != http.StatusOK {
			t.Errorf("%s: %d", path, code)
			continue
		}
		// Text a reader sees, and the labels and placeholders of controls; the source
		// document's text is data.
		txt := browserEval[string](t, ctx, `(() => {
			const b = document.body.cloneNode(true);
			b.querySelectorAll('.document, script, style').forEach(e => e.remove());
			const attrs = [...document.querySelectorAll('[placeholder], [title], [aria-label]')].map(e => [e.getAttribute('placeholder'), e.getAttribute('aria-label')].filter(Boolean).join(' '));
			return b.innerText + '\n' + attrs.join('\n') + '\n' + document.title;
		})()`)
		for _, d := range data {
			txt = strings.ReplaceAll(txt, d, " ")
		}
		// Chinese on purpose: the switch to Chinese names itself, and English help that
		// names the Chinese a clerk may type (2.05亿, 今年 and 去年).
		for _, d := range []string{"中文", "万/亿: 2.05亿", "Resolves 今年 and 去年"} {
			txt = strings.ReplaceAll(txt, d, " ")
		}
		if found := han.FindAllString(txt, 8); len(found) > 0 {
			t.Errorf("%s in English shows Chinese that is not data: %q", path, found)
		}
	}
}

// planData lists the demo plan's own words (longest first), which stay Chinese in English.
func planData(t *testing.T, s *progressSite) []string {
	t.Helper()
	ctx := context.Background()
	p, err := s.svc.Plan(ctx, service.System, s.planID)
	if err != nil {
		t.Fatal(err)
	}
	out := []string{p.Title, p.Region.Name, "蓝图"} // the brand mark is the product's name
	add := func(ss ...string) {
		for _, x := range ss {
			if strings.TrimSpace(x) != "" {
				out = append(out, x)
			}
		}
	}
	fig := func(f *plan.Figure) {
		if f != nil {
			add(f.Unit, f.Note)
		}
	}
	for _, d := range p.Documents {
		add(d.Title, d.Source)
	}
	for _, d := range p.Departments {
		add(d.Name)
	}
	depts, _ := s.svc.Departments(ctx, p.RegionID)
	for _, d := range depts {
		add(d.Name)
	}
	for _, z := range p.Zones {
		add(z.Name, z.Description)
		for _, pr := range z.Programs {
			add(pr.Name, pr.Description)
			for _, pj := range pr.Projects {
				add(pj.Name, pj.Description)
			}
			for _, ind := range pr.Indicators {
				add(ind.Name, ind.Unit, ind.Description)
				fig(ind.Baseline)
				for i := range ind.Context {
					fig(&ind.Context[i])
				}
			}
		}
	}
	users, _ := s.svc.Store().Users(ctx, 0)
	for _, u := range users {
		add(u.DisplayName)
	}
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}
