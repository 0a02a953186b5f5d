package app

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/httpauth"
	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// testServer is lantu over a store, through the real router, with the demo plan.
type testServer struct {
	*httptest.Server
	svc    *service.Service
	planID int64
}

func newTestServer(t *testing.T, st *store.Store, publicView bool) *testServer {
	t.Helper()
	ctx := context.Background()
	svc := service.New(st)
	svc.Hasher = auth.NewHasher(auth.WithParams(auth.InsecureTestParams))
	svc.PublicView = publicView
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	id, err := EnsureDemo(ctx, svc, log)
	if err != nil {
		t.Fatal(err)
	}
	h, err := Handler(ctx, svc, Config{PublicView: publicView, Demo: true}, log)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &testServer{Server: srv, svc: svc, planID: id}
}

func get(t *testing.T, c *http.Client, u string) (int, string) {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// The demo plan page lists the four zones and every target of the article with its value
// and unit, on both databases; loading the demo again changes nothing.
func TestDemoPlanPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, true)
		code, body := get(t, ts.Client(), ts.URL+"/")
		if code != 200 {
			t.Fatalf("GET / = %d", code)
		}
		for _, want := range []string{"创新驱动示范区", "开放引领示范区", "文化传承示范区", "人民城市示范区",
			"铁路提单信用证", "300单", "1000票", "实际利用外资", "8亿美元", "左右", "外商直接投资", "3亿美元",
			"服务贸易", "35亿元", "离岸服务外包", "1.5亿美元", "进出口", "5%", "以上", "10个", "15个",
			"新建道路", "25.8公里", "34万平方米", "100万平方米", "数据截至 2022-03-31"} {
			if !strings.Contains(body, want) {
				t.Errorf("plan page lacks %q", want)
			}
		}
		if _, err := EnsureDemo(context.Background(), ts.svc, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
			t.Fatal(err)
		}
		plans, err := st.ListPlans(context.Background())
		if err != nil || len(plans) != 1 {
			t.Fatalf("after a second demo load: %d plans, %v", len(plans), err)
		}
		if code, body := get(t, ts.Client(), ts.URL+"/healthz"); code != 200 || body != "ok\n" {
			t.Errorf("healthz = %d %q", code, body)
		}
	})
}

// The public sees public indicators only; internal ones need a signed-in user.
func TestPublicView(t *testing.T) {
	st := storetest.SQLite(t)
	ts := newTestServer(t, st, true)
	p, err := st.GetPlan(context.Background(), ts.planID)
	if err != nil {
		t.Fatal(err)
	}
	var public, internal []string
	for _, z := range p.Zones {
		for _, pr := range z.Programs {
			for _, ind := range pr.Indicators {
				if ind.Public {
					public = append(public, ind.Code)
				} else {
					internal = append(internal, ind.Code)
				}
			}
		}
	}
	if len(internal) == 0 || len(public) == 0 {
		t.Fatal("the demo needs public and internal indicators")
	}
	_, body := get(t, ts.Client(), ts.URL+"/")
	for _, c := range public {
		if !strings.Contains(body, `data-indicator="`+c+`"`) {
			t.Errorf("public indicator %s not shown to the public", c)
		}
	}
	for _, c := range internal {
		if strings.Contains(body, `data-indicator="`+c+`"`) {
			t.Errorf("internal indicator %s shown to the public", c)
		}
	}
	// The API says the same.
	_, js := get(t, ts.Client(), ts.URL+"/api/v1/plans/1")
	for _, c := range internal {
		if strings.Contains(js, `"code":"`+c+`"`) {
			t.Errorf("internal indicator %s in the public API", c)
		}
	}
	// A leader sees them all.
	ctx := context.Background()
	if _, _, err := ts.svc.CreateUser(ctx, service.System, service.NewUser{Login: "leader1", Roles: []auth.Role{auth.RoleLeader}, Password: "leader-password-1"}); err != nil {
		t.Fatal(err)
	}
	c := browser(t)
	signIn(t, c, ts.URL, "leader1", "leader-password-1")
	_, body = get(t, c, ts.URL+"/")
	for _, code := range internal {
		if !strings.Contains(body, `data-indicator="`+code+`"`) {
			t.Errorf("internal indicator %s hidden from a leader", code)
		}
	}

	// With the public view off, visitors are sent to sign in.
	ts.svc.PublicView = false
	res, err := noRedirect().Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Errorf("public view off: GET / = %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
}

func noRedirect() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// browser is a client with cookies, like a person's browser.
func browser(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar}
}

var csrfInput = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// formToken fetches a page and returns the CSRF token of its form.
func formToken(t *testing.T, c *http.Client, u string) string {
	t.Helper()
	_, body := get(t, c, u)
	m := csrfInput.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no CSRF token on %s", u)
	}
	return m[1]
}

func signIn(t *testing.T, c *http.Client, base, login, password string) {
	t.Helper()
	tok := formToken(t, c, base+"/login")
	res, err := c.PostForm(base+"/login", url.Values{"csrf": {tok}, "login": {login}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || res.Request.URL.Path == "/login" {
		t.Fatalf("sign in as %s: %d at %s", login, res.StatusCode, res.Request.URL)
	}
}

func TestSecurityHeadersAndCSRF(t *testing.T) {
	st := storetest.SQLite(t)
	ts := newTestServer(t, st, true)
	res, err := http.Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	for h, want := range map[string]string{
		"Content-Security-Policy": "frame-ancestors 'none'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "same-origin",
	} {
		if got := res.Header.Get(h); !strings.Contains(got, want) {
			t.Errorf("%s = %q, want it to hold %q", h, got, want)
		}
	}
	if csp := res.Header.Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP allows inline code: %s", csp)
	}

	ctx := context.Background()
	if _, _, err := ts.svc.CreateUser(ctx, service.System, service.NewUser{Login: "admin2", Roles: []auth.Role{auth.RoleAdmin}, Password: "admin2-password"}); err != nil {
		t.Fatal(err)
	}
	c := browser(t)
	signIn(t, c, ts.URL, "admin2", "admin2-password")
	form := url.Values{"login": {"newbie"}, "role": {"reporter"}}
	res, err = c.PostForm(ts.URL+"/admin/users", form)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("form POST without CSRF token = %d, want 403", res.StatusCode)
	}
	if _, err := st.UserByLogin(ctx, "newbie"); err == nil {
		t.Error("the user was created despite the missing CSRF token")
	}
	form.Set("csrf", formToken(t, c, ts.URL+"/admin/users"))
	res, err = c.PostForm(ts.URL+"/admin/users", form)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(b), "newbie") {
		t.Errorf("form POST with the CSRF token = %d", res.StatusCode)
	}
	// The sign-in form is protected too: without its pre-session cookie and token, 403.
	res, err = http.PostForm(ts.URL+"/login", url.Values{"login": {"admin2"}, "password": {"admin2-password"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("sign-in without CSRF = %d, want 403", res.StatusCode)
	}
}

func TestLoginRateLimit(t *testing.T) {
	st := storetest.SQLite(t)
	ts := newTestServer(t, st, true)
	if _, _, err := ts.svc.CreateUser(context.Background(), service.System, service.NewUser{Login: "clerk", Roles: []auth.Role{auth.RoleReporter}, Password: "clerk-password-1"}); err != nil {
		t.Fatal(err)
	}
	c := browser(t)
	var codes []int
	for i := 0; i < 20; i++ {
		tok := formToken(t, c, ts.URL+"/login")
		res, err := c.PostForm(ts.URL+"/login", url.Values{"csrf": {tok}, "login": {"clerk"}, "password": {"wrong-password"}})
		if err != nil {
			t.Fatal(err)
		}
		if res.StatusCode == http.StatusTooManyRequests && res.Header.Get("Retry-After") == "" {
			t.Error("429 without Retry-After")
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		codes = append(codes, res.StatusCode)
		if res.StatusCode == http.StatusTooManyRequests && !strings.Contains(string(b), i18n.T("zh", "error.ratelimited")) {
			t.Error("429 page does not say why")
		}
	}
	if codes[0] != http.StatusUnauthorized {
		t.Errorf("first bad password = %d, want 401", codes[0])
	}
	if codes[19] != http.StatusTooManyRequests {
		t.Errorf("20th bad password = %d, want 429 (codes %v)", codes[19], codes)
	}
	// Even the right password is refused while the name is locked.
	tok := formToken(t, c, ts.URL+"/login")
	res, _ := c.PostForm(ts.URL+"/login", url.Values{"csrf": {tok}, "login": {"clerk"}, "password": {"clerk-password-1"}})
	res.Body.Close()
	if res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("right password while locked = %d, want 429", res.StatusCode)
	}
}

// An API token acts with its user's rights, is refused once revoked, and never needs CSRF.
func TestAPITokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, true)
		ctx := context.Background()
		if _, _, err := ts.svc.CreateUser(ctx, service.System, service.NewUser{Login: "ops", Roles: []auth.Role{auth.RoleAdmin}, Password: "ops-password-1"}); err != nil {
			t.Fatal(err)
		}
		plain, tok, err := ts.svc.CreateToken(ctx, service.System, "ops", "script", time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		call := func(method, path, body string) (int, map[string]any) {
			req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+plain)
			req.Header.Set("Content-Type", "application/json")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			var out map[string]any
			if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
				t.Fatalf("%s %s: %d, not JSON: %v", method, path, res.StatusCode, err)
			}
			return res.StatusCode, out
		}
		if code, out := call("GET", "/api/v1/me", ""); code != 200 || out["data"].(map[string]any)["login"] != "ops" {
			t.Fatalf("me = %d %v", code, out)
		}
		if code, out := call("POST", "/api/v1/users", `{"login":"clerk2","roles":["reporter"]}`); code != 201 || out["data"].(map[string]any)["password"] == "" {
			t.Fatalf("create user by token = %d %v", code, out)
		}
		if code, _ := call("POST", "/api/v1/users", `{"login":"x","roles":["reporter"],"extra":1}`); code != 400 {
			t.Errorf("unknown field = %d, want 400", code)
		}
		if err := ts.svc.RevokeToken(ctx, service.System, tok.ID); err != nil {
			t.Fatal(err)
		}
		if code, _ := call("GET", "/api/v1/me", ""); code != 401 {
			t.Errorf("revoked token = %d, want 401", code)
		}
		// Tokens are stored hashed: the text is nowhere in the database.
		var n int
		if err := st.DB().QueryRow(`SELECT count(*) FROM api_tokens WHERE hash = $1`, plain).Scan(&n); err != nil || n != 0 {
			t.Errorf("token stored in clear: %d %v", n, err)
		}
	})
}

// An anonymous POST to any write endpoint is 401 and changes nothing.
func TestAnonymousWritesRefused(t *testing.T) {
	st := storetest.SQLite(t)
	ts := newTestServer(t, st, true)
	for _, row := range httpauth.WriteRoutes(routeTable(t)) {
		route := row.Pattern
		method, path, _ := strings.Cut(route, " ")
		path = strings.NewReplacer("{id}", "1", "{report}", "1", "{plan}", "1", "{key}", "k").Replace(path)
		req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(`{}`))
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusUnauthorized {
			t.Errorf("anonymous %s = %d, want 401", route, res.StatusCode)
		}
	}
	es, err := st.Audit(context.Background(), auditAll)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if e.UserLogin == "" {
			t.Errorf("an anonymous change was recorded: %+v", e)
		}
	}
}

// The demo runs on a clock a few days after its as-of moment, so March 2022 is open;
// and no row it writes, loading the demo or after (the plan, its reports, the audit
// log, the investment centre's data, a document, a session), is stamped after the
// demo's "now": on both databases.
func TestDemoClock(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc := service.New(st)
		svc.Hasher = auth.NewHasher(auth.WithParams(auth.InsecureTestParams))
		planID, err := StartDemo(ctx, svc, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		now := svc.Now().In(service.China)
		if now.Year() != 2022 || now.Month() != 4 || now.Day() != 5 {
			t.Fatalf("demo clock at %s", now)
		}
		v := decimal.NewFromInt(90000000)
		clerk, _, err := svc.CreateUser(ctx, service.System, service.NewUser{Login: "clerk", Roles: []auth.Role{auth.RoleReporter}, DeptCodes: []string{"commerce"}, Password: "clerk-password-1"})
		if err != nil {
			t.Fatal(err)
		}
		p, _ := auth.NewPrincipal(clerk)
		ind, err := st.IndicatorByCode(ctx, planID, "fdi")
		if err != nil {
			t.Fatal(err)
		}
		rep, err := svc.CreateReport(ctx, service.Actor{Principal: p}, ind.ID, service.ReportInput{Period: "2022-03", Value: &v, Cause: "原因", Remedy: "措施"})
		if err != nil {
			t.Fatalf("a clerk cannot report March in the demo: %v", err)
		}
		if _, err := svc.Review(ctx, service.Actor{Principal: p}, rep.ID, service.ReviewAction{Action: progress.ActSubmit, Version: rep.Version}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.Login(ctx, "clerk", "clerk-password-1", "127.0.0.1", "test"); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.IngestDocument(ctx, service.System, planID, "通报", "a.txt", "2022-04-01", []byte("实际利用外资完成2亿美元。")); err != nil {
			t.Fatal(err)
		}
		// Every stamp of a thing that happened (not a deadline or an expiry ahead).
		limit := svc.Now()
		future := map[string]bool{"expires_at": true, "until": true, "starts_at": true, "lease_until": true, "next_attempt_at": true}
		n := 0
		for _, tc := range timestampColumns(t, st) {
			if future[tc[1]] || tc[0] == "schema_migrations" {
				continue
			}
			rows, err := st.DB().QueryContext(ctx, "SELECT "+tc[1]+" FROM "+tc[0]+" WHERE "+tc[1]+" IS NOT NULL")
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var at time.Time
				if err := rows.Scan(&at); err != nil {
					t.Fatalf("%s.%s: %v", tc[0], tc[1], err)
				}
				n++
				if at.After(limit) {
					t.Errorf("%s.%s = %s, after the demo clock's %s", tc[0], tc[1], at.UTC().Format(time.RFC3339), limit.Format(time.RFC3339))
				}
			}
			if err := rows.Close(); err != nil {
				t.Fatal(err)
			}
		}
		for _, table := range []string{"reports", "audit_log", "enterprises", "leads", "documents", "sessions"} {
			var c int
			if err := st.DB().QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&c); err != nil || c == 0 {
				t.Errorf("the demo has no %s to check (%d, %v)", table, c, err)
			}
		}
		if n < 100 {
			t.Errorf("only %d stamps checked", n)
		}
	})
}

// timestampColumns lists every table and column holding a moment (TIMESTAMPTZ, which
// SQLite's migrations write as TIMESTAMP).
func timestampColumns(t *testing.T, st *store.Store) [][2]string {
	t.Helper()
	ctx := context.Background()
	q := `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND data_type LIKE 'timestamp%' ORDER BY 1, 2`
	if st.Dialect() == store.SQLite {
		q = `SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
			WHERE m.type = 'table' AND upper(p.type) LIKE 'TIMESTAMP%' ORDER BY 1, 2`
	}
	rows, err := st.DB().QueryContext(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var tc [2]string
		if err := rows.Scan(&tc[0], &tc[1]); err != nil {
			t.Fatal(err)
		}
		out = append(out, tc)
	}
	if len(out) < 10 {
		t.Fatalf("only %d timestamp columns found: %v", len(out), out)
	}
	return out
}
