package app

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/httpauth"
	"github.com/lantu-dev/lantu/internal/invest"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// investServer is the demo with the investment centre's data, its clock on the demo's
// 2022-04-05, and people around the centre, each with an API token.
type investServer struct {
	*httptest.Server
	svc    *service.Service
	planID int64
	tokens map[string]string
}

// investPeople: the centre's officer (owner of the demo records), a second officer, the
// centre's head, a leader, an admin, and a reporter and a reviewer of other departments.
var investPeople = []struct {
	login string
	role  auth.Role
	dept  string
}{
	{"zhou", auth.RoleOfficer, "investment"},
	{"centrehead", auth.RoleReviewer, "investment"},
	{"quzhang", auth.RoleLeader, ""},
	{"office", auth.RoleAdmin, ""},
	{"urbanclerk", auth.RoleReporter, "urban"},
	{"commercehead", auth.RoleReviewer, "commerce"},
}

var investClock = time.Date(2022, 4, 5, 9, 0, 0, 0, service.China)

func newInvestServer(t *testing.T, st *store.Store) *investServer {
	t.Helper()
	ctx := context.Background()
	svc := service.New(st)
	svc.Hasher = auth.NewHasher(auth.WithParams(auth.InsecureTestParams))
	svc.Now = func() time.Time { return investClock.UTC() }
	svc.PublicView = true
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	id, err := EnsureDemo(ctx, svc, log)
	if err != nil {
		t.Fatal(err)
	}
	if err := EnsureInvestDemo(ctx, svc, id, log); err != nil {
		t.Fatal(err)
	}
	ts := &investServer{svc: svc, planID: id, tokens: map[string]string{}}
	// The demo's officer has no known password: an admin sets one.
	if _, err := svc.SetPassword(ctx, service.System, "fangnan", "first-password-1"); err != nil {
		t.Fatal(err)
	}
	if err := svc.ChangePassword(ctx, actorOf(t, svc, "fangnan"), "first-password-1", "fangnan-password-1"); err != nil {
		t.Fatal(err)
	}
	for _, p := range investPeople {
		nu := service.NewUser{Login: p.login, Roles: []auth.Role{p.role}, Password: p.login + "-password-1"}
		if p.dept != "" {
			nu.DeptCodes = []string{p.dept}
		}
		if _, _, err := svc.CreateUser(ctx, service.System, nu); err != nil {
			t.Fatal(err)
		}
	}
	for _, login := range []string{"fangnan", "zhou", "centrehead", "quzhang", "office", "urbanclerk", "commercehead"} {
		plain, _, err := svc.CreateToken(ctx, service.System, login, "test", time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		ts.tokens[login] = plain
	}
	h, err := Handler(ctx, svc, Config{PublicView: true, Demo: true}, log)
	if err != nil {
		t.Fatal(err)
	}
	ts.Server = httptest.NewServer(h)
	t.Cleanup(ts.Server.Close)
	return ts
}

// call sends a request as a user (by API token; "" for nobody) and returns status and body.
func (ts *investServer) call(t *testing.T, method, path, login, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if login != "" {
		req.Header.Set("Authorization", "Bearer "+ts.tokens[login])
	}
	res, err := noRedirect().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func (ts *investServer) leadID(t *testing.T, name string) int64 {
	t.Helper()
	ls, err := ts.svc.Leads(context.Background(), service.System, service.LeadFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		if l.Name == name {
			return l.ID
		}
	}
	t.Fatalf("no lead %s", name)
	return 0
}

func (ts *investServer) indicatorID(t *testing.T, code string) int64 {
	t.Helper()
	ind, err := ts.svc.Store().IndicatorByCode(context.Background(), ts.planID, code)
	if err != nil {
		t.Fatal(err)
	}
	return ind.ID
}

// Acceptance: the demo's visits as iCalendar through the API parse back, the 3月18日
// visit at 10:00 China time; anonymous requests get 401; a subscription link works
// without a sign-in until it is revoked.
func TestInvestVisitsICS(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newInvestServer(t, st)
		if code, _ := ts.call(t, "GET", "/api/v1/visits.ics", "", ""); code != http.StatusUnauthorized {
			t.Errorf("anonymous visits.ics = %d, want 401", code)
		}
		code, body := ts.call(t, "GET", "/api/v1/visits.ics", "fangnan", "")
		if code != 200 {
			t.Fatalf("visits.ics = %d %s", code, body)
		}
		cal, err := invest.ReadICal(strings.NewReader(body))
		if err != nil {
			t.Fatalf("%v\n%s", err, body)
		}
		found := false
		for _, e := range cal.Events {
			if strings.Contains(e.Summary, "上海") {
				found = true
				if !e.Start.Equal(time.Date(2022, 3, 18, 10, 0, 0, 0, service.China)) || e.Start.In(service.China).Hour() != 10 {
					t.Errorf("the Shanghai visit starts %v, want 2022-03-18 10:00 China time", e.Start)
				}
			}
		}
		if !found || len(cal.Events) < 3 {
			t.Errorf("%d events, Shanghai found %v", len(cal.Events), found)
		}
		code, body = ts.call(t, "POST", "/api/v1/calendar/subscription", "fangnan", "{}")
		if code != http.StatusCreated {
			t.Fatalf("subscribe = %d %s", code, body)
		}
		var sub struct {
			Data struct{ Path string } `json:"data"`
		}
		if err := json.Unmarshal([]byte(body), &sub); err != nil {
			t.Fatal(err)
		}
		if code, body := ts.call(t, "GET", sub.Data.Path, "", ""); code != 200 || !strings.Contains(body, "BEGIN:VCALENDAR") {
			t.Errorf("subscription link = %d", code)
		}
		if code, _ := ts.call(t, "DELETE", "/api/v1/calendar/subscription", "fangnan", ""); code != 200 {
			t.Errorf("revoke = %d", code)
		}
		if code, _ := ts.call(t, "GET", sub.Data.Path, "", ""); code != http.StatusUnauthorized {
			t.Errorf("a revoked link = %d, want 401", code)
		}
		if !strings.HasPrefix(sub.Data.Path, "/api/v1/calendar.ics?key=") {
			t.Errorf("the link %q carries its secret outside the query (the request log shows paths)", sub.Data.Path)
		}
		if code, _ := ts.call(t, "GET", "/api/v1/calendar.ics?key=lantu_nonsense", "", ""); code != http.StatusUnauthorized {
			t.Errorf("a made-up link = %d, want 401", code)
		}
	})
}

// Through the API: a lead moved 签约 → 落地 changes the fed indicator's figure and status
// at once; funds in EUR move 实际利用外资 in 美元 at the recorded rate; a wrong check
// character is 422 with a message naming it; duplicates are 409 naming the existing one;
// a report by hand on a fed indicator is 409.
func TestInvestAPIWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newInvestServer(t, st)
		landed := ts.indicatorID(t, "projects-landed")
		status := func(id int64) (string, string) {
			_, body := ts.call(t, "GET", fmt.Sprintf("/api/v1/indicators/%d/status", id), "quzhang", "")
			var s struct {
				Data struct {
					Status struct {
						Status   string  `json:"status"`
						Progress float64 `json:"progress"`
					} `json:"status"`
				} `json:"data"`
			}
			if err := json.Unmarshal([]byte(body), &s); err != nil {
				t.Fatalf("status: %v: %s", err, body)
			}
			return fmt.Sprint(s.Data.Status.Progress), s.Data.Status.Status
		}
		before, _ := status(landed)
		lead := ts.leadID(t, "“一带一路”商品交易中心")
		if code, body := ts.call(t, "POST", fmt.Sprintf("/api/v1/leads/%d/move", lead), "zhou", `{"to":"落地","on":"2022-03-30"}`); code != http.StatusForbidden {
			t.Errorf("another officer's move = %d %s", code, body)
		}
		if code, body := ts.call(t, "POST", fmt.Sprintf("/api/v1/leads/%d/move", lead), "fangnan", `{"to":"落地","on":"2022-03-30"}`); code != 200 {
			t.Fatalf("move = %d %s", code, body)
		}
		after, st2 := status(landed)
		if before != "3" || after != "4" || st2 == "" {
			t.Errorf("projects-landed %s → %s (%s), want 3 → 4", before, after, st2)
		}
		code, body := ts.call(t, "GET", fmt.Sprintf("/api/v1/indicators/%d/feed", landed), "quzhang", "")
		if code != 200 || !strings.Contains(body, "一带一路") {
			t.Errorf("feed = %d %s", code, body)
		}
		fdi := ts.indicatorID(t, "fdi-actual-use")
		fdiBefore, _ := status(fdi)
		cockpit := ts.leadID(t, "示意智能座舱总部项目")
		code, body = ts.call(t, "POST", fmt.Sprintf("/api/v1/leads/%d/funds", cockpit), "fangnan", `{"amount":10000000,"currency":"EUR","on":"2022-03-30"}`)
		if code != http.StatusCreated || !strings.Contains(body, `"usd":11000000`) || !strings.Contains(body, `"rate":1.1`) {
			t.Fatalf("funds = %d %s", code, body)
		}
		if fdiAfter, _ := status(fdi); fdiBefore != "2.1523776e+08" || fdiAfter != "2.2623776e+08" {
			t.Errorf("实际利用外资 %s → %s", fdiBefore, fdiAfter)
		}
		code, body = ts.call(t, "POST", "/api/v1/enterprises", "zhou", `{"name":"某公司","credit_code":"91350100M000100Y44"}`)
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "校验位“4”不正确") || !strings.Contains(body, "应为“3”") {
			t.Errorf("wrong check character = %d %s", code, body)
		}
		code, body = ts.call(t, "POST", "/api/v1/enterprises", "zhou", `{"name":"浙江宁波拓普集团有限公司"}`)
		if code != http.StatusConflict || !strings.Contains(body, `"code":"duplicate"`) || !strings.Contains(body, "浙江宁波拓普集团股份有限公司") {
			t.Errorf("duplicate by name = %d %s", code, body)
		}
		if code, body := ts.call(t, "POST", "/api/v1/enterprises", "zhou", `{"name":"新企业","credit_code":"914403001922038216"}`); code != http.StatusCreated {
			t.Fatalf("create = %d %s", code, body)
		}
		if code, body := ts.call(t, "POST", "/api/v1/enterprises", "zhou", `{"name":"另一名字","credit_code":"914403001922038216"}`); code != http.StatusConflict || !strings.Contains(body, `"by":"credit_code"`) {
			t.Errorf("duplicate by code = %d %s", code, body)
		}
		code, body = ts.call(t, "POST", fmt.Sprintf("/api/v1/indicators/%d/reports", landed), "office", `{"period":"2022Q2","value":9}`)
		if code != http.StatusConflict || !strings.Contains(body, "pipeline_fed") {
			t.Errorf("a report by hand on a fed indicator = %d %s", code, body)
		}
	})
}

// investPaths are the path prefixes of the investment centre's routes.
var investPaths = []string{"/invest", "/api/v1/enterprises", "/api/v1/chains", "/api/v1/leads", "/api/v1/pipeline", "/api/v1/invest",
	"/api/v1/visits", "/api/v1/calendar", "/api/v1/rates", "/api/v1/indicators/{id}/feed"}

func isInvestRoute(r httpauth.Route) bool {
	for _, p := range investPaths {
		if strings.HasPrefix(r.Path(), p) || strings.HasSuffix(p, "/feed") && r.Path() == p {
			return true
		}
	}
	return false
}

// fill puts ids into a route's path: the demo's first enterprise, lead, visit, chain, and
// the projects-landed indicator.
func (ts *investServer) fill(t *testing.T, r httpauth.Route) string {
	t.Helper()
	ctx := context.Background()
	es, _ := ts.svc.Enterprises(ctx, service.System, service.EnterpriseFilter{})
	vs, _ := ts.svc.Visits(ctx, service.System, service.VisitFilter{})
	cs, _ := ts.svc.Chains(ctx, service.System)
	id := map[string]int64{"enterprises": es[0].ID, "leads": ts.leadID(t, "拓普集团轻量化底盘模块项目"), "visits": vs[0].ID, "chains": cs[0].ID,
		"indicators": ts.indicatorID(t, "projects-landed")}
	p := r.Path()
	for k, v := range id {
		p = strings.Replace(p, k+"/{id}", fmt.Sprintf("%s/%d", k, v), 1)
	}
	return p
}

// Every invest route, page or API, read or write: a reporter and a reviewer of other
// departments get 403; the public gets 401 from the API and the sign-in page from pages
// (or 401 for a form); they see no invest page or data.
func TestInvestRoutesRefuseOthers(t *testing.T) {
	ts := newInvestServer(t, storetest.SQLite(t))
	n := 0
	for _, r := range routeTable(t) {
		if !isInvestRoute(r) {
			continue
		}
		n++
		path := ts.fill(t, r)
		body := "{}"
		if r.Method() == "GET" {
			body = ""
		}
		if r.Pattern == "GET /api/v1/calendar.ics" {
			// The secret is the credential: a made-up one is 401 for everyone.
			if code, _ := ts.call(t, "GET", path, "urbanclerk", ""); code != http.StatusUnauthorized {
				t.Errorf("%s with a made-up secret = %d", r.Pattern, code)
			}
			continue
		}
		for _, who := range []string{"urbanclerk", "commercehead"} {
			code, b := ts.call(t, r.Method(), path, who, body)
			if code != http.StatusForbidden {
				t.Errorf("%s by %s = %d, want 403: %.200s", r.Pattern, who, code, b)
			}
		}
		code, b := ts.call(t, r.Method(), path, "", body)
		switch {
		case strings.HasPrefix(r.Path(), "/api/") && code != http.StatusUnauthorized:
			t.Errorf("%s by nobody = %d, want 401: %.200s", r.Pattern, code, b)
		case !strings.HasPrefix(r.Path(), "/api/") && r.Method() == "GET" && (code != http.StatusSeeOther || strings.Contains(b, "拓普")):
			t.Errorf("page %s by nobody = %d, want the sign-in page", r.Pattern, code)
		case !strings.HasPrefix(r.Path(), "/api/") && r.Method() != "GET" && code != http.StatusUnauthorized && code != http.StatusForbidden:
			t.Errorf("form %s by nobody = %d", r.Pattern, code)
		}
	}
	if n < 40 {
		t.Errorf("only %d invest routes in the table", n)
	}
}

// The read matrix of the invest GET routes: who sees what. Leaders, officers, the
// centre's head and admins read; others get 403; contacts only the owner, the head and
// admins — and the leader not.
func TestInvestReadMatrix(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newInvestServer(t, st)
		readers := []string{"fangnan", "zhou", "centrehead", "quzhang", "office"}
		for _, r := range routeTable(t) {
			if !isInvestRoute(r) || r.Method() != "GET" || r.Pattern == "GET /api/v1/calendar.ics" {
				continue
			}
			path := ts.fill(t, r)
			for _, who := range readers {
				want := http.StatusOK
				if strings.HasSuffix(r.Path(), "/contacts") && (who == "zhou" || who == "quzhang") {
					want = http.StatusForbidden
				}
				code, b := ts.call(t, "GET", path, who, "")
				if code != want {
					t.Errorf("%s by %s = %d, want %d: %.200s", r.Pattern, who, code, want, b)
				}
			}
		}
		// What each sees: the lists hold the demo's records for readers.
		for _, who := range readers {
			_, body := ts.call(t, "GET", "/api/v1/leads", who, "")
			if !strings.Contains(body, "拓普集团轻量化底盘模块项目") {
				t.Errorf("%s does not see the demo's leads", who)
			}
		}
		// Every read of the contact list is audited, with who read it.
		es, _ := ts.svc.Store().Audit(context.Background(), auditAll)
		reads := map[string]int{}
		for _, e := range es {
			if e.Action == "contact.read" {
				reads[e.UserLogin]++
			}
		}
		if reads["fangnan"] < 2 || reads["centrehead"] < 2 || reads["office"] < 2 || reads["zhou"] != 0 || reads["quzhang"] != 0 {
			t.Errorf("contact reads audited: %v", reads)
		}
	})
}

// The indicator page of a fed indicator says so, names the projects it counts to those
// who read the pipeline and not to the public, and offers no report form.
func TestInvestFedIndicatorPage(t *testing.T) {
	ts := newInvestServer(t, storetest.SQLite(t))
	path := fmt.Sprintf("/indicators/%d", ts.indicatorID(t, "projects-landed"))
	code, body := ts.call(t, "GET", path, "office", "")
	if code != 200 || !strings.Contains(body, `id="fed-note"`) || !strings.Contains(body, "拓普集团轻量化底盘模块项目") || strings.Contains(body, "/reports/new") {
		t.Errorf("admin's page = %d, fed note and sources shown, no report form: %v %v %v", code,
			strings.Contains(body, `id="fed-note"`), strings.Contains(body, "拓普集团轻量化底盘模块项目"), !strings.Contains(body, "/reports/new"))
	}
	code, body = ts.call(t, "GET", path, "", "")
	if code != 200 || !strings.Contains(body, `id="fed-note"`) || strings.Contains(body, "拓普集团轻量化底盘模块项目") {
		t.Errorf("the public's page = %d: the note without the projects", code)
	}
}

// The invest pages speak English on the switch: stages, gaps and headings from i18n.
func TestInvestPagesInEnglish(t *testing.T) {
	ts := newInvestServer(t, storetest.SQLite(t))
	for path, want := range map[string][]string{
		"/invest?lang=en":        {"Pipeline", "Signed", "Landed", "Producing", "Indicators fed by the pipeline"},
		"/invest/chains?lang=en": {"Industry chains", "Fill", "Extend", "No enterprise in the district"},
		"/invest/visits?lang=en&view=month&date=2022-03-18": {"Visits", "Month", "Week", "10:00"},
		"/invest/enterprises?lang=en":                       {"Enterprises", "Listed", "Unified social credit code"},
	} {
		code, body := ts.call(t, "GET", path, "fangnan", "")
		if code != 200 {
			t.Errorf("%s = %d", path, code)
			continue
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q", path, w)
			}
		}
		if strings.Contains(body, "invest.") {
			i := strings.Index(body, "invest.")
			t.Errorf("%s shows a message key: %q", path, body[i:min(len(body), i+40)])
		}
	}
}

// The lead form changes the lead: 5000万 read as 50,000,000 and the chain link set.
func TestInvestLeadFormEdits(t *testing.T) {
	ts := newInvestServer(t, storetest.SQLite(t))
	id := ts.leadID(t, "示意新材料项目")
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/invest/leads/%d", ts.URL, id),
		strings.NewReader("name=示意新材料项目&currency=人民币&planned_investment=5000万&park=青凤高科产业园&notes=扩产"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+ts.tokens["fangnan"])
	res, err := noRedirect().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || strings.Contains(res.Header.Get("Location"), "error") {
		t.Fatalf("edit = %d → %s", res.StatusCode, res.Header.Get("Location"))
	}
	d, err := ts.svc.Lead(context.Background(), service.System, id)
	if err != nil {
		t.Fatal(err)
	}
	if d.PlannedInvestment == nil || d.PlannedInvestment.String() != "50000000" || d.Park != "青凤高科产业园" || d.Notes != "扩产" || d.Currency != invest.CNY {
		t.Errorf("lead after the edit: %+v", d.Lead)
	}
}

// The enterprise form: a wrong check character comes back naming it, nothing changes; a
// valid edit lands.
func TestInvestEnterpriseFormEdits(t *testing.T) {
	ts := newInvestServer(t, storetest.SQLite(t))
	ctx := context.Background()
	es, err := ts.svc.Enterprises(ctx, service.System, service.EnterpriseFilter{Query: "金康"})
	if err != nil || len(es) != 1 {
		t.Fatalf("金康: %v %v", es, err)
	}
	post := func(form string) (int, string) {
		req, _ := http.NewRequest("POST", fmt.Sprintf("%s/invest/enterprises/%d", ts.URL, es[0].ID), strings.NewReader(form))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Authorization", "Bearer "+ts.tokens["fangnan"])
		res, err := noRedirect().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode == http.StatusSeeOther {
			return res.StatusCode, res.Header.Get("Location")
		}
		return res.StatusCode, string(b)
	}
	// Refused: the page again with the reason and the code as typed.
	if code, page := post("name=重庆金康动力新能源有限公司&credit_code=91350100M000100Y44&settled=1"); code != http.StatusUnprocessableEntity ||
		!strings.Contains(page, "校验位“4”不正确") || !strings.Contains(page, `value="91350100M000100Y44"`) {
		t.Errorf("a wrong check character: %d %.300s", code, page)
	}
	if e, _ := ts.svc.Enterprise(ctx, service.System, es[0].ID); e.CreditCode != "" {
		t.Errorf("the refused code was stored: %q", e.CreditCode)
	}
	if code, loc := post("name=重庆金康动力新能源有限公司&credit_code=91350100M000100Y43&settled=1&kinds=specialist&hq_city=重庆"); code != http.StatusSeeOther || strings.Contains(loc, "error") {
		t.Fatalf("a valid edit: %d %s", code, loc)
	}
	if e, _ := ts.svc.Enterprise(ctx, service.System, es[0].ID); e.CreditCode != "91350100M000100Y43" || len(e.Kinds) != 1 || e.Kinds[0] != invest.KindSpecialist {
		t.Errorf("after the edit: %+v", e)
	}
}

// The chain form builds the tree: parents by code, 延链 marked, gaps shown.
func TestInvestChainForm(t *testing.T) {
	ts := newInvestServer(t, storetest.SQLite(t))
	form := url.Values{"code": {"robots2"}, "name": {"机器人"}, "links": {"body 本体\nreducer 减速器 body\nai 具身智能 body 延链"}}
	req, _ := http.NewRequest("POST", ts.URL+"/invest/chains", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+ts.tokens["zhou"])
	res, err := noRedirect().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/invest/chains/") {
		t.Fatalf("create = %d → %s", res.StatusCode, loc)
	}
	code, body := ts.call(t, "GET", "/api/v1"+strings.TrimPrefix(loc, "/invest"), "zhou", "")
	if code != 200 || !strings.Contains(body, `"code":"reducer"`) || !strings.Contains(body, `"gap":"extend"`) || !strings.Contains(body, `"extend":1`) {
		t.Errorf("the new chain = %d %s", code, body)
	}
}
