package app

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"testing"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

var selectedPlan = regexp.MustCompile(`<option value="(\d+)" selected>`)

// switcherOf is the switcher's chosen plan and its offered plans on a page.
func switcherOf(t *testing.T, body string) (int64, []string) {
	t.Helper()
	form := regexp.MustCompile(`(?s)<form class="plan-switch".*?</form>`).FindString(body)
	if form == "" {
		return 0, nil
	}
	var offered []string
	for _, m := range regexp.MustCompile(`<option value="(\d+)"`).FindAllStringSubmatch(form, -1) {
		offered = append(offered, m[1])
	}
	m := selectedPlan.FindStringSubmatch(form)
	if m == nil {
		return 0, offered
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id, offered
}

// Every page that works on a plan honours ?plan= (and the switcher shows it), the choice
// sticks in a cookie, the default is the newest plan of the user's region, and the switcher
// offers only the plans the user may read: a user of another district sees none of
// Shapingba's internal plans. On both databases.
func TestPlanChoiceEverywhere(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		ts := newTestServer(t, st, true)
		p22, p23 := ts.planID, importPlan2023(t, ts.svc)
		if _, _, err := ts.svc.CreateUser(ctx, service.System, service.NewUser{Login: "planner", Roles: []auth.Role{auth.RoleAdmin}, Password: "planner-password"}); err != nil {
			t.Fatal(err)
		}
		c := browser(t)
		signIn(t, c, ts.URL, "planner", "planner-password")
		s22, s23 := strconv.FormatInt(p22, 10), strconv.FormatInt(p23, 10)
		pages := []string{"/", "/status", "/cockpit", "/ranking", "/bulletin", "/reports", "/review", "/reports/workbook", "/ingest"}
		// No choice yet: the newest plan of the region.
		for _, path := range pages {
			code, body := get(t, c, ts.URL+path)
			if got, offered := switcherOf(t, body); code != http.StatusOK || got != p23 || len(offered) != 2 {
				t.Errorf("%s = %d on plan %d offering %v, want 200 on 2023's %d offering both", path, code, got, offered, p23)
			}
		}
		// ?plan= on each page, and the choice then sticks on the next page opened without it.
		for i, path := range pages {
			code, body := get(t, c, ts.URL+path+"?plan="+s22)
			if got, _ := switcherOf(t, body); code != http.StatusOK || got != p22 {
				t.Errorf("%s?plan=%s = %d on plan %d", path, s22, code, got)
			}
			next := pages[(i+1)%len(pages)]
			if _, body := get(t, c, ts.URL+next); func() int64 { g, _ := switcherOf(t, body); return g }() != p22 {
				t.Errorf("after %s?plan=%s, %s is not on 2022", path, s22, next)
			}
			get(t, c, ts.URL+path+"?plan="+s23)
		}
		// The 2022 page shows 2022's plan, not 2023's.
		if _, body := get(t, c, ts.URL+"/?plan="+s22); !regexp.MustCompile(`沙坪坝区2022年`).MatchString(body) {
			t.Error("the overview of 2022 does not show 2022's plan")
		}

		// A user of another district reads none of Shapingba's plans internally: the
		// switcher offers only their district's plan, and their default is their own.
		addDistrict(t, ts.svc, "500107", "九龙坡区", "万美元", 100, 10, false)
		if _, _, err := ts.svc.CreateUser(ctx, service.System, service.NewUser{Login: "jlp-leader", Roles: []auth.Role{auth.RoleLeader}, RegionCode: "500107", Password: "jlp-leader-password"}); err != nil {
			t.Fatal(err)
		}
		ps, err := ts.svc.Plans(ctx, service.System)
		if err != nil {
			t.Fatal(err)
		}
		var jlp int64
		for _, p := range ps {
			if p.RegionCode == "500107" {
				jlp = p.ID
			}
		}
		o := browser(t)
		signIn(t, o, ts.URL, "jlp-leader", "jlp-leader-password")
		code, body := get(t, o, ts.URL+"/cockpit")
		if code != http.StatusOK || regexp.MustCompile(`沙坪坝区20\d\d年`).MatchString(body) {
			t.Errorf("the other district's leader: /cockpit = %d, showing Shapingba's plan", code)
		}
		if got, offered := switcherOf(t, body); got != 0 || len(offered) != 0 {
			t.Errorf("the other district's leader is offered %v (chosen %d), want no switcher (one plan)", offered, got)
		}
		// A remembered choice of a plan they may not read is ignored.
		u, _ := http.NewRequest(http.MethodGet, ts.URL+"/cockpit", nil)
		u.AddCookie(&http.Cookie{Name: "plan", Value: s22})
		res, err := o.Do(u)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("the other district's leader with a cookie naming Shapingba's plan: /cockpit = %d", res.StatusCode)
		}
		if jlp == 0 {
			t.Fatal("no 九龙坡 plan")
		}
		// Asking for Shapingba's plan outright: the cockpit (internal) is refused.
		if code, _ := get(t, o, ts.URL+"/cockpit?plan="+s22); code != http.StatusForbidden {
			t.Errorf("the other district's leader: /cockpit?plan=%s = %d, want 403", s22, code)
		}
		// Visitors (public view on) are offered every plan's public side.
		if _, body := get(t, ts.Client(), ts.URL+"/status"); func() int { _, o := switcherOf(t, body); return len(o) }() != 3 {
			t.Error("a visitor is not offered the three plans' public sides")
		}
	})
}
