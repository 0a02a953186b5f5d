package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/httpauth"
	"github.com/lantu-dev/lantu/internal/planfile"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
	"github.com/lantu-dev/lantu/internal/xlsx"
)

// The subjects of the role matrix: each role, in 区商务委 (commerce, "own") or in
// 区城市管理局 (urban, "other"), and nobody.
var subjects = []struct {
	name, login string
	role        auth.Role
	dept        string
}{
	{"admin", "office", auth.RoleAdmin, ""},
	{"reporter-own", "clerk", auth.RoleReporter, "commerce"},
	{"reporter-other", "urbanclerk", auth.RoleReporter, "urban"},
	{"reviewer-own", "head", auth.RoleReviewer, "commerce"},
	{"reviewer-other", "urbanhead", auth.RoleReviewer, "urban"},
	{"officer", "officer", auth.RoleOfficer, ""},
	{"leader", "leader", auth.RoleLeader, ""},
	{"anonymous", "", "", ""},
}

// allowed: route → the subjects that may call it; everyone else signed in gets 403 and
// the anonymous 401. Written out by hand, not derived from the rules under test.
var allowed = map[string][]string{
	"POST /api/v1/users":                             {"admin"},
	"POST /api/v1/extract":                           {"admin", "reporter-own", "reporter-other", "reviewer-own", "reviewer-other", "officer", "leader"},
	"POST /api/v1/tokens":                            {"admin", "reporter-own", "reporter-other", "reviewer-own", "reviewer-other", "officer", "leader"},
	"DELETE /api/v1/tokens/{id}":                     {"admin"},
	"POST /api/v1/indicators/{id}/reports":           {"admin", "reporter-own"},
	"PUT /api/v1/reports/{id}":                       {"admin", "reporter-own"},
	"POST /api/v1/reports/{id}/submit":               {"admin", "reporter-own"},
	"POST /api/v1/reports/{id}/withdraw":             {"admin", "reporter-own"},
	"POST /api/v1/reports/{id}/approve":              {"admin", "reviewer-own"},
	"POST /api/v1/reports/{id}/reject":               {"admin", "reviewer-own"},
	"POST /api/v1/reports/{id}/correct":              {"admin", "reporter-own"},
	"POST /api/v1/indicators/{id}/unlocks":           {"admin", "reviewer-own"},
	"POST /api/v1/indicators/{id}/targets":           {"admin"},
	"POST /api/v1/plans/{id}/documents":              {"admin"},
	"POST /api/v1/plans/{id}/documents/{key}/accept": {"admin"},
	"POST /admin/users":                              {"admin"},
	"POST /reports/workbook":                         {"admin", "reporter-own"},
	"POST /admin/users/{id}":                         {"admin"},
	"POST /admin/users/{id}/password":                {"admin"},
	"POST /account/tokens":                           {"admin", "reporter-own", "reporter-other", "reviewer-own", "reviewer-other", "officer", "leader"},
	"POST /account/tokens/{id}/revoke":               {"admin"},
	"POST /indicators/{id}/unlocks":                  {"admin", "reviewer-own"},
	"POST /indicators/{id}/targets":                  {"admin"},
	"POST /indicators/{id}/reports":                  {"admin", "reporter-own"},
	"POST /reports/{id}":                             {"admin", "reporter-own"},
	"POST /reports/{id}/submit":                      {"admin", "reporter-own"},
	"POST /reports/{id}/withdraw":                    {"admin", "reporter-own"},
	"POST /reports/{id}/approve":                     {"admin", "reviewer-own"},
	"POST /reports/{id}/reject":                      {"admin", "reviewer-own"},
	"POST /reports/{id}/correct":                     {"admin", "reporter-own"},
	"POST /api/v1/reports/{id}/evidence":             {"admin", "reporter-own"},
	"POST /ingest":                                   {"admin"},
	"POST /api/v1/plans/{id}/reports/import":         {"admin", "reporter-own"},
	"POST /ingest/{plan}/{key}/accept":               {"admin"},
	"POST /account/password":                         {"admin", "reporter-own", "reporter-other", "reviewer-own", "reviewer-other", "officer", "leader"},
	"POST /admin/reminders":                          {"admin"},
	"POST /admin/reminders/email":                    {"admin"},
	"POST /review/remind":                            {"admin", "reviewer-own", "reviewer-other"},
	"POST /review/approve":                           {"admin", "reviewer-own"},
	"POST /review/remind/department":                 {"admin", "reviewer-own"},
}

// matrixWorld is a fresh demo database with the subjects, their tokens and reports in
// each state, all of 区商务委.
type matrixWorld struct {
	srv    *httptest.Server
	svc    *service.Service
	tokens map[string]string
	// ids the routes act on
	indicator, draft, submitted, approved, otherToken int64
	planID, programID, bystander                      int64
	docKey, workbook                                  string
	factStart, factEnd                                int
	inv                                               matrixInvest // the investment centre's records the invest routes act on
	unlockReq                                         int64        // a pending 申请解锁 of fdi's January (unlockreq_test.go)
}

func newMatrixWorld(t *testing.T) *matrixWorld {
	t.Helper()
	return newMatrixWorldOn(t, storetest.SQLite(t))
}

// newMatrixWorldOn builds the matrix world on a given database.
func newMatrixWorldOn(t *testing.T, st *store.Store) *matrixWorld {
	t.Helper()
	ctx := context.Background()
	svc := service.New(st)
	svc.Hasher = auth.NewHasher(auth.WithParams(auth.InsecureTestParams))
	svc.Now = func() time.Time { return time.Date(2022, 4, 5, 2, 0, 0, 0, time.UTC) }
	data, err := os.ReadFile("../../demo/shapingba-2022.yaml")
	if err != nil {
		t.Fatal(err)
	}
	l, err := planfile.Parse(os.DirFS("../../demo"), "shapingba-2022.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	p, err := svc.ImportPlan(ctx, service.System, l)
	if err != nil {
		t.Fatal(err)
	}
	w := &matrixWorld{svc: svc, tokens: map[string]string{}}
	for _, s := range subjects {
		if s.login == "" {
			continue
		}
		nu := service.NewUser{Login: s.login, Roles: []auth.Role{s.role}, Password: s.login + "-password-1"}
		if s.dept != "" {
			nu.DeptCodes = []string{s.dept}
		}
		if _, _, err := svc.CreateUser(ctx, service.System, nu); err != nil {
			t.Fatal(err)
		}
		plain, _, err := svc.CreateToken(ctx, service.System, s.login, "matrix", time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		w.tokens[s.name] = plain
	}
	w.inv = seedMatrixInvest(t, svc, p.ID)
	// The token the DELETE route revokes belongs to someone outside the matrix.
	if _, _, err := svc.CreateUser(ctx, service.System, service.NewUser{Login: "bystander", Roles: []auth.Role{auth.RoleLeader}, Password: "bystander-password"}); err != nil {
		t.Fatal(err)
	}
	_, tok, err := svc.CreateToken(ctx, service.System, "bystander", "theirs", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	w.otherToken = tok.ID
	w.bystander = tok.UserID
	clerk := actorOf(t, svc, "clerk")
	head := actorOf(t, svc, "head")
	ind := func(code string) int64 {
		r, err := st.IndicatorByCode(ctx, p.ID, code)
		if err != nil {
			t.Fatal(err)
		}
		return r.ID
	}
	w.indicator = ind("fdi")
	v := decimal.NewFromInt(100000000)
	mk := func(code string, acts ...service.Actor) int64 {
		r, err := svc.CreateReport(ctx, clerk, ind(code), service.ReportInput{Period: "2022-04", Value: &v, Cause: "c", Remedy: "r"})
		if err != nil {
			t.Fatal(err)
		}
		for i, a := range acts {
			act := []progress.Action{progress.ActSubmit, progress.ActApprove}[i]
			if r, err = svc.Review(ctx, a, r.ID, service.ReviewAction{Action: act, Version: r.Version}); err != nil {
				t.Fatal(err)
			}
		}
		return r.ID
	}
	w.draft = mk("fdi-actual-use")
	w.submitted = mk("service-trade", clerk)
	w.approved = mk("offshore-outsourcing", clerk, head)
	// A document ingested by lantu itself, whose first fact the accept route takes.
	doc, err := svc.IngestDocument(ctx, service.System, p.ID, "样例", "a.txt", "", []byte("今年铁路提单信用证力争达到300单。"))
	if err != nil {
		t.Fatal(err)
	}
	ing, err := svc.Ingested(ctx, service.System, p.ID, doc.Key)
	if err != nil || len(ing.Facts) == 0 {
		t.Fatalf("no fact in the sample sentence: %v", err)
	}
	w.planID, w.programID, w.docKey = p.ID, p.Zones[1].Programs[0].ID, doc.Key
	// A filled workbook of 区商务委 for May (no report yet).
	tpl, err := svc.ReportTemplate(ctx, service.System, p.ID, "commerce", "2022-05")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := xlsx.WriteTemplate(&buf, tpl); err != nil {
		t.Fatal(err)
	}
	book, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for row := 4; row < 4+len(tpl.Rows); row++ {
		for col, v := range map[string]string{"H": "1", "N": "c", "O": "r"} {
			if err := book.SetCellValue(xlsx.SheetForm, fmt.Sprintf("%s%d", col, row), v); err != nil {
				t.Fatal(err)
			}
		}
	}
	var filled bytes.Buffer
	if err := book.Write(&filled); err != nil {
		t.Fatal(err)
	}
	w.workbook = filled.String()
	w.factStart, w.factEnd = ing.Facts[0].Start, ing.Facts[0].End
	w.unlockReq = seedUnlockRequest(t, svc, clerk, w.indicator)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	h, err := Handler(ctx, svc, Config{PublicView: true}, log)
	if err != nil {
		t.Fatal(err)
	}
	w.srv = httptest.NewServer(h)
	t.Cleanup(w.srv.Close)
	return w
}

func actorOf(t *testing.T, svc *service.Service, login string) service.Actor {
	t.Helper()
	u, err := svc.Store().UserByLogin(context.Background(), login)
	if err != nil {
		t.Fatal(err)
	}
	p, err := auth.NewPrincipal(u)
	if err != nil {
		t.Fatal(err)
	}
	return service.Actor{Principal: p}
}

// request builds the call of a route with a body that passes validation, so that only
// authorization can refuse it.
func (w *matrixWorld) request(route, subject string, n int) *http.Request {
	if req := w.investRequest(route, subject, n); req != nil {
		return req
	}
	if req := w.planEditRequest(route, subject, n); req != nil {
		return req
	}
	if req := w.unlockRequestRequest(route, subject); req != nil {
		return req
	}
	method, path, _ := strings.Cut(route, " ")
	id := map[string]int64{
		"/api/v1/tokens/{id}":                       w.otherToken,
		"/api/v1/indicators/{id}/reports":           w.indicator,
		"/api/v1/indicators/{id}/unlocks":           w.indicator,
		"/api/v1/indicators/{id}/targets":           w.indicator,
		"/api/v1/reports/{id}":                      w.draft,
		"/api/v1/reports/{id}/submit":               w.draft,
		"/api/v1/reports/{id}/withdraw":             w.submitted,
		"/api/v1/reports/{id}/approve":              w.submitted,
		"/api/v1/reports/{id}/reject":               w.submitted,
		"/api/v1/reports/{id}/correct":              w.approved,
		"/api/v1/plans/{id}/documents":              w.planID,
		"/api/v1/plans/{id}/reports/import":         w.planID,
		"/api/v1/reports/{id}/evidence":             w.draft,
		"/admin/users/{id}":                         w.bystander,
		"/admin/users/{id}/password":                w.bystander,
		"/account/tokens/{id}/revoke":               w.otherToken,
		"/indicators/{id}/unlocks":                  w.indicator,
		"/indicators/{id}/targets":                  w.indicator,
		"/indicators/{id}/reports":                  w.indicator,
		"/reports/{id}":                             w.draft,
		"/reports/{id}/submit":                      w.draft,
		"/reports/{id}/withdraw":                    w.submitted,
		"/reports/{id}/approve":                     w.submitted,
		"/reports/{id}/reject":                      w.submitted,
		"/reports/{id}/correct":                     w.approved,
		"/api/v1/plans/{id}/documents/{key}/accept": w.planID,
	}[path]
	body := map[string]string{
		"POST /api/v1/users":                             fmt.Sprintf(`{"login":"new%d","roles":["reporter"]}`, n),
		"POST /api/v1/tokens":                            `{"name":"x"}`,
		"POST /api/v1/extract":                           `{"name":"a.txt","text":"今年力争新建道路25.8公里。"}`,
		"POST /api/v1/indicators/{id}/reports":           `{"period":"2022-05","value":1,"cause":"c","remedy":"r"}`,
		"PUT /api/v1/reports/{id}":                       `{"value":2,"version":1,"cause":"c","remedy":"r"}`,
		"POST /api/v1/reports/{id}/submit":               `{"version":1}`,
		"POST /api/v1/reports/{id}/withdraw":             `{"version":2}`,
		"POST /api/v1/reports/{id}/approve":              `{"version":2}`,
		"POST /api/v1/reports/{id}/reject":               `{"version":2,"reason":"数据有误"}`,
		"POST /api/v1/reports/{id}/correct":              `{}`,
		"POST /api/v1/indicators/{id}/unlocks":           `{"period":"2022-01","reason":"补报","until":"2022-05-01"}`,
		"POST /api/v1/indicators/{id}/targets":           `{"target":"350000000","effective_from":"2022-06-01","reason":"调整"}`,
		"POST /api/v1/plans/{id}/documents":              `{"name":"a.txt","text":"今年力争新建道路25.8公里。"}`,
		"POST /api/v1/plans/{id}/documents/{key}/accept": fmt.Sprintf(`{"start":%d,"end":%d,"as":"indicator","program_id":%d,"department":"logistics","name":"样例新指标"}`, w.factStart, w.factEnd, w.programID),
	}[route]
	ctype := "application/json"
	switch route {
	case "POST /admin/users":
		body, ctype = fmt.Sprintf("login=form%d&role=reporter", n), "application/x-www-form-urlencoded"
	case "POST /api/v1/plans/{id}/reports/import":
		body, ctype = w.workbook, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case "POST /api/v1/reports/{id}/evidence":
		body, ctype = "%PDF-1.4\n% proof of the figure\n", "application/pdf"
		path += "?name=proof.pdf"
	case "POST /admin/users/{id}":
		body, ctype = "display_name=x&role=leader", "application/x-www-form-urlencoded"
	case "POST /admin/users/{id}/password":
		body, ctype = "", "application/x-www-form-urlencoded"
	case "POST /account/tokens":
		body, ctype = "name=x&days=30", "application/x-www-form-urlencoded"
	case "POST /account/tokens/{id}/revoke":
		body, ctype = "", "application/x-www-form-urlencoded"
	case "POST /indicators/{id}/unlocks":
		body, ctype = "period=2022-01&reason=补报&until=2022-05-01", "application/x-www-form-urlencoded"
	case "POST /indicators/{id}/targets":
		body, ctype = "target=350000000&effective_from=2022-06-01&reason=调整&qualifier=about", "application/x-www-form-urlencoded"
	case "POST /indicators/{id}/reports":
		body, ctype = "period=2022-05&value=1&cause=c&remedy=r", "application/x-www-form-urlencoded"
	case "POST /reports/{id}":
		body, ctype = "version=1&value=2&cause=c&remedy=r", "application/x-www-form-urlencoded"
	case "POST /reports/{id}/submit":
		body, ctype = "version=1", "application/x-www-form-urlencoded"
	case "POST /reports/{id}/withdraw", "POST /reports/{id}/approve":
		body, ctype = "version=2", "application/x-www-form-urlencoded"
	case "POST /reports/{id}/reject":
		body, ctype = "version=2&reason=数据有误", "application/x-www-form-urlencoded"
	case "POST /reports/{id}/correct":
		body, ctype = "", "application/x-www-form-urlencoded"
	case "POST /reports/workbook":
		var mp bytes.Buffer
		mw := multipart.NewWriter(&mp)
		fw, err := mw.CreateFormFile("file", "commerce.xlsx")
		if err == nil {
			_, err = fw.Write([]byte(w.workbook))
		}
		if err == nil {
			err = mw.WriteField("csrf", "")
		}
		if err == nil {
			err = mw.Close()
		}
		if err != nil {
			panic(err) // into memory: cannot happen
		}
		body, ctype = mp.String(), mw.FormDataContentType()
	case "POST /ingest":
		body, ctype = "text=今年力争新建道路25.8公里。", "application/x-www-form-urlencoded"
	case "POST /ingest/{plan}/{key}/accept":
		body, ctype = fmt.Sprintf("start=%d&end=%d&as=indicator&program=%d&dept=logistics&name=样例新指标", w.factStart, w.factEnd, w.programID), "application/x-www-form-urlencoded"
	case "POST /account/password":
		login := ""
		for _, s := range subjects {
			if s.name == subject {
				login = s.login
			}
		}
		body, ctype = "old="+login+"-password-1&new=Zq8-another-vX3m-7&again=Zq8-another-vX3m-7", "application/x-www-form-urlencoded"
	case "POST /admin/reminders":
		body, ctype = "enabled=on&send_hour=9&due_days=3&review_days=3&smtp_port=25&smtp_tls=starttls", "application/x-www-form-urlencoded"
	case "POST /admin/reminders/email":
		body, ctype = fmt.Sprintf("user=%d&email=someone@example.gov.cn", w.bystander), "application/x-www-form-urlencoded"
	case "POST /review/remind":
		body, ctype = fmt.Sprintf("plan=%d", w.planID), "application/x-www-form-urlencoded"
	case "POST /review/remind/department":
		var dept int64
		_ = w.svc.Store().DB().QueryRow(`SELECT id FROM departments WHERE code = 'commerce'`).Scan(&dept)
		body, ctype = fmt.Sprintf("plan=%d&dept=%d", w.planID, dept), "application/x-www-form-urlencoded"
	case "POST /review/approve":
		body, ctype = fmt.Sprintf("report=%d:2", w.submitted), "application/x-www-form-urlencoded"
	}
	path = strings.Replace(path, "{id}", fmt.Sprint(id), 1)
	path = strings.Replace(path, "{key}", w.docKey, 1)
	path = strings.Replace(path, "{plan}", fmt.Sprint(w.planID), 1)
	req, _ := http.NewRequest(method, w.srv.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", ctype)
	if tok := w.tokens[subject]; tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	return req
}

// Every role × every write endpoint × own and other department, on both databases. A
// denied cell is 403 (401 for nobody) and changes nothing; an allowed cell succeeds
// (2xx, or 3xx for a page) and its change is there: the write's audit row, written in the
// write's own transaction. Each allowed cell gets a fresh world, so that it meets the
// state it is written for (a submitted report to approve, a draft to edit).
func TestRoleMatrix(t *testing.T) {
	var routes []string
	for _, r := range httpauth.WriteRoutes(routeTable(t)) {
		routes = append(routes, r.Pattern)
	}
	for _, r := range routes {
		if _, ok := allowed[r]; !ok {
			t.Errorf("write route %s is missing from the role matrix", r)
		}
	}
	// Sign-in's own password change revokes the subject's tokens: it goes last.
	slices.SortStableFunc(routes, func(a, b string) int {
		return cmpBool(a == "POST /account/password", b == "POST /account/password")
	})
	eachDB(t, func(t *testing.T, open func(testing.TB) *store.Store) {
		for _, s := range subjects {
			t.Run(s.name, func(t *testing.T) {
				// Allowed writes that need the same fixture (the draft, the submitted
				// report …) each get a world of their own; the others share one.
				var worlds []*matrixWorld
				uses := map[string]int{}
				var denied *matrixWorld
				for n, route := range routes {
					ok := slices.Contains(allowed[route], s.name)
					var w *matrixWorld
					if ok {
						k := fixtureOf(route)
						i := uses[k]
						uses[k]++
						for len(worlds) <= i {
							worlds = append(worlds, newMatrixWorldOn(t, open(t)))
						}
						w = worlds[i]
					} else {
						if denied == nil {
							denied = newMatrixWorldOn(t, open(t))
						}
						w = denied
					}
					before := w.auditCount(t)
					res, err := noRedirect().Do(w.request(route, s.name, n))
					if err != nil {
						t.Fatal(err)
					}
					b, _ := io.ReadAll(res.Body)
					res.Body.Close()
					changed := w.auditCount(t) - before
					switch {
					case s.name == "anonymous":
						if res.StatusCode != http.StatusUnauthorized {
							t.Errorf("%s by nobody = %d, want 401: %.300s", route, res.StatusCode, b)
						}
					case ok:
						if res.StatusCode < 200 || res.StatusCode >= 400 {
							t.Errorf("%s by %s = %d, want success: %.300s", route, s.name, res.StatusCode, b)
						} else if noChange[route] {
							if changed != 0 {
								t.Errorf("%s by %s wrote %d audit rows; it stores nothing", route, s.name, changed)
							}
						} else if changed < 1 {
							t.Errorf("%s by %s = %d but nothing changed (no audit row): %.300s", route, s.name, res.StatusCode, b)
						}
						continue
					default:
						if res.StatusCode != http.StatusForbidden {
							t.Errorf("%s by %s = %d, want 403: %.300s", route, s.name, res.StatusCode, b)
						}
					}
					if changed != 0 {
						t.Errorf("%s by %s was refused but wrote %d audit rows", route, s.name, changed)
					}
				}
			})
		}
	})
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// fixtureOf names the fixture a write consumes: two writes of one fixture (approving and
// rejecting the same submitted report) cannot both succeed in one world.
func fixtureOf(route string) string {
	switch route {
	case "PUT /api/v1/reports/{id}", "POST /api/v1/reports/{id}/submit", "POST /reports/{id}", "POST /reports/{id}/submit":
		return "draft"
	case "POST /api/v1/reports/{id}/withdraw", "POST /api/v1/reports/{id}/approve", "POST /api/v1/reports/{id}/reject",
		"POST /reports/{id}/withdraw", "POST /reports/{id}/approve", "POST /reports/{id}/reject", "POST /review/approve":
		return "submitted"
	case "POST /api/v1/reports/{id}/correct", "POST /reports/{id}/correct":
		return "approved"
	case "POST /api/v1/indicators/{id}/reports", "POST /indicators/{id}/reports", "POST /api/v1/plans/{id}/reports/import", "POST /reports/workbook":
		return "May's reports"
	case "POST /api/v1/leads/{id}/move", "POST /invest/leads/{id}/move":
		return "the lead's stage"
	case "POST /api/v1/plans/{id}/documents/{key}/accept", "POST /ingest/{plan}/{key}/accept":
		return "the document's fact" // accepted once, a fact is refused with where it went
	case "POST /unlock-requests/{id}/grant", "POST /unlock-requests/{id}/decline":
		return "the pending unlock request" // decided once
	case "DELETE /api/v1/tokens/{id}", "POST /account/tokens/{id}/revoke", "POST /admin/users/{id}/password":
		return "the bystander's token" // a password reset revokes it too
	}
	return route
}

// noChange are the write routes that store nothing: extract reads a posted text; 催报
// with no reminder channel configured (as here) sends and stores nothing.
var noChange = map[string]bool{"POST /api/v1/extract": true, "POST /review/remind": true}

// eachDB runs fn on SQLite and on PostgreSQL, with a function that opens a fresh
// database of that kind.
func eachDB(t *testing.T, fn func(t *testing.T, open func(testing.TB) *store.Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, storetest.SQLite) })
	t.Run("postgres", func(t *testing.T) { fn(t, storetest.Postgres) })
}

// auditCount is the number of audit rows: every change writes one in its transaction.
func (w *matrixWorld) auditCount(t *testing.T) int {
	t.Helper()
	var n int
	if err := w.svc.Store().DB().QueryRow(`SELECT count(*) FROM audit_log`).Scan(&n); err != nil {
		t.Fatalf("count audit rows: %v", err)
	}
	return n
}

// A reporter of one department writing to another's indicator gets 403, and nothing
// changes; the audit log shows the changes that did happen, with their users.
func TestOtherDepartmentRefused(t *testing.T) {
	w := newMatrixWorld(t)
	ctx := context.Background()
	before, _ := w.svc.Store().IndicatorReports(ctx, w.indicator)
	req := w.request("POST /api/v1/indicators/{id}/reports", "reporter-other", 0)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Fatalf("other department = %d, want 403", res.StatusCode)
	}
	after, _ := w.svc.Store().IndicatorReports(ctx, w.indicator)
	if len(after) != len(before) {
		t.Errorf("reports changed: %d → %d", len(before), len(after))
	}
	res, err = http.DefaultClient.Do(w.request("POST /api/v1/indicators/{id}/reports", "reporter-own", 0))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("own department = %d, want 201", res.StatusCode)
	}
	es, err := w.svc.Store().Audit(ctx, auditAll)
	if err != nil {
		t.Fatal(err)
	}
	if es[0].Action != "report.create" || es[0].UserLogin != "clerk" || es[0].Address != "127.0.0.1" {
		t.Errorf("latest audit entry = %+v", es[0])
	}
	for _, e := range es {
		if e.UserLogin == "urbanclerk" && e.Action == "report.create" {
			t.Errorf("the refused write was recorded as a change: %+v", e)
		}
	}
}

// routeTable is the route table of the pages and the API.
func routeTable(t *testing.T) []httpauth.Route {
	t.Helper()
	svc := service.New(storetest.SQLite(t))
	routes, err := Routes(context.Background(), svc, Config{PublicView: true}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return routes
}

// Every state-changing row of the route table, sent by a signed-in browser (session
// cookie) without the CSRF token, is refused with 403 and changes nothing.
func TestCSRFEveryWriteRoute(t *testing.T) {
	w := newMatrixWorld(t)
	ctx := context.Background()
	sid, _, err := w.svc.Login(ctx, "office", "office-password-1", "127.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	before, err := w.svc.Store().Audit(ctx, auditAll)
	if err != nil {
		t.Fatal(err)
	}
	rows := httpauth.CSRFRoutes(routeTable(t))
	if len(rows) < 30 {
		t.Fatalf("only %d state-changing routes in the table", len(rows))
	}
	for n, row := range rows {
		req := w.request(row.Pattern, "admin", n)
		req.Header.Del("Authorization")
		req.AddCookie(&http.Cookie{Name: "lantu_session", Value: sid})
		res, err := noRedirect().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("%s with the session cookie and no CSRF token = %d, want 403: %.200s", row.Pattern, res.StatusCode, b)
		}
	}
	after, err := w.svc.Store().Audit(ctx, auditAll)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Errorf("requests without a CSRF token changed something: %d audit entries → %d", len(before), len(after))
	}
}
