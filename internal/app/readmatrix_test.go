package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/httpauth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/planfile"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
)

// The read matrix: who sees which report, user, token and audit entry, through every
// GET of the API and every page that shows them, on both databases.
//
// The world: 沙坪坝区 (the demo plan) with two public indicators of 区商务委 (fdi,
// service-trade) and two made internal (fdi-actual-use, offshore-outsourcing), each
// with a report in every state — draft, submitted, approved, rejected — whose note is
// its marker (PUB-DRAFT … INT-REJECTED); and a second district, 九龙坡区, with its own
// admin and leader.
//
// The rules, written out here (not derived from the code under test):
//   - an approved report of a public indicator: everyone, the anonymous and the other
//     district included;
//   - an approved report of an internal indicator: the signed-in of the district;
//   - a draft, submitted or rejected report: the owning department's reporter and
//     reviewer, the leader and the admin of the district; not other departments, not the
//     officer, not the other district, not the anonymous;
//   - users: the admin of the district sees its users, never the other district's;
//   - tokens: each sees their own; the admin sees the district's, never the other's;
//   - audit: the admin and the leader of a district see its entries only.
var readSubjects = []struct {
	name, login string
	role        auth.Role
	dept        string
	region      string // "" = 沙坪坝区
}{
	{"admin", "office", auth.RoleAdmin, "", ""},
	{"reporter-own", "clerk", auth.RoleReporter, "commerce", ""},
	{"reporter-other", "urbanclerk", auth.RoleReporter, "urban", ""},
	{"reviewer-own", "head", auth.RoleReviewer, "commerce", ""},
	{"reviewer-other", "urbanhead", auth.RoleReviewer, "urban", ""},
	{"officer", "officer", auth.RoleOfficer, "", ""},
	{"leader", "leader", auth.RoleLeader, "", ""},
	{"admin-b", "badmin", auth.RoleAdmin, "", "500107"},
	{"leader-b", "bleader", auth.RoleLeader, "", "500107"},
	{"anonymous", "", "", "", ""},
}

type readWorld struct {
	srv     *httptest.Server
	svc     *service.Service
	tokens  map[string]string // subject → API token
	reports map[string]int64  // marker → report id
	inds    map[string]int64  // public/internal × first/second → indicator id
	planID  int64
	userIDs map[string]int64 // login → id
}

var markers = []string{"PUB-DRAFT", "PUB-SUBMITTED", "PUB-APPROVED", "PUB-REJECTED", "INT-DRAFT", "INT-SUBMITTED", "INT-APPROVED", "INT-REJECTED"}

func newReadWorld(t *testing.T, st *store.Store) *readWorld {
	t.Helper()
	ctx := context.Background()
	svc := service.New(st)
	svc.Hasher = auth.NewHasher(auth.WithParams(auth.InsecureTestParams))
	svc.Now = func() time.Time { return time.Date(2022, 4, 5, 2, 0, 0, 0, time.UTC) }
	svc.PublicView = true
	data, err := os.ReadFile("../../demo/shapingba-2022.yaml")
	if err != nil {
		t.Fatal(err)
	}
	l, err := planfile.Parse(os.DirFS("../../demo"), "shapingba-2022.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	for _, z := range l.Plan.Zones {
		for _, p := range z.Programs {
			for i := range p.Indicators {
				if c := p.Indicators[i].Code; c == "fdi-actual-use" || c == "offshore-outsourcing" {
					p.Indicators[i].Public = false
				}
			}
		}
	}
	p, err := svc.ImportPlan(ctx, service.System, l)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.EnsureRegion(ctx, plan.Region{Code: "500107", Name: "九龙坡区", ParentCode: "500000"}); err != nil {
		t.Fatal(err)
	}
	w := &readWorld{svc: svc, tokens: map[string]string{}, reports: map[string]int64{}, inds: map[string]int64{}, planID: p.ID, userIDs: map[string]int64{}}
	for _, s := range readSubjects {
		if s.login == "" {
			continue
		}
		nu := service.NewUser{Login: s.login, Roles: []auth.Role{s.role}, Password: s.login + "-password-1", RegionCode: s.region}
		if s.dept != "" {
			nu.DeptCodes = []string{s.dept}
		}
		if s.region == "" {
			nu.RegionCode = "500106"
		}
		u, _, err := svc.CreateUser(ctx, service.System, nu)
		if err != nil {
			t.Fatalf("user %s: %v", s.login, err)
		}
		w.userIDs[s.login] = u.ID
		// Each makes a token of their own, named after them: the audit log gets an
		// entry by each user of each district.
		plain, _, err := svc.CreateToken(ctx, actorOf(t, svc, s.login), s.login, "tok-"+s.login, time.Time{})
		if err != nil {
			t.Fatalf("token of %s: %v", s.login, err)
		}
		w.tokens[s.name] = plain
	}
	// The city's planning office (重庆市, above both districts) reads down the tree.
	if _, err := st.EnsureRegion(ctx, plan.Region{Code: "500000", Name: "重庆市"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.CreateUser(ctx, service.System, service.NewUser{Login: "cityleader", Roles: []auth.Role{auth.RoleLeader},
		Password: "cityleader-password-1", RegionCode: "500000"}); err != nil {
		t.Fatal(err)
	}
	cityTok, _, err := svc.CreateToken(ctx, actorOf(t, svc, "cityleader"), "cityleader", "tok-cityleader", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	w.tokens["city-leader"] = cityTok
	clerk, head := actorOf(t, svc, "clerk"), actorOf(t, svc, "head")
	ind := func(code string) int64 {
		r, err := st.IndicatorByCode(ctx, p.ID, code)
		if err != nil {
			t.Fatal(err)
		}
		return r.ID
	}
	w.inds = map[string]int64{"PUB-1": ind("fdi"), "PUB-2": ind("service-trade"), "INT-1": ind("fdi-actual-use"), "INT-2": ind("offshore-outsourcing")}
	v := decimal.NewFromInt(100000000)
	mk := func(marker, indKey, period string, acts ...progress.Action) {
		r, err := svc.CreateReport(ctx, clerk, w.inds[indKey], service.ReportInput{Period: period, Value: &v, Note: marker, Cause: "c", Remedy: "r"})
		if err != nil {
			t.Fatalf("%s: %v", marker, err)
		}
		for _, act := range acts {
			a := head
			if act == progress.ActSubmit {
				a = clerk
			}
			if r, err = svc.Review(ctx, a, r.ID, service.ReviewAction{Action: act, Version: r.Version, Reason: "数据有误"}); err != nil {
				t.Fatalf("%s %s: %v", marker, act, err)
			}
		}
		w.reports[marker] = r.ID
	}
	for _, vis := range []string{"PUB", "INT"} {
		mk(vis+"-APPROVED", vis+"-1", "2022-04", progress.ActSubmit, progress.ActApprove)
		mk(vis+"-DRAFT", vis+"-1", "2022-05")
		mk(vis+"-REJECTED", vis+"-2", "2022-04", progress.ActSubmit, progress.ActReject)
		mk(vis+"-SUBMITTED", vis+"-2", "2022-05", progress.ActSubmit)
	}
	h, err := Handler(ctx, svc, Config{PublicView: true}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	w.srv = httptest.NewServer(h)
	t.Cleanup(w.srv.Close)
	return w
}

func (w *readWorld) get(t *testing.T, subject, path string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("GET", w.srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if tok := w.tokens[subject]; tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	res, err := noRedirect().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(b)
}

// seesReport is the rule for one report, written out.
func seesReport(subject, marker string) bool {
	public, approved := strings.HasPrefix(marker, "PUB-"), strings.HasSuffix(marker, "-APPROVED")
	switch {
	case public && approved:
		return true
	case subject == "anonymous" || strings.HasSuffix(subject, "-b"):
		return false
	case approved:
		return true // internal: the signed-in of the district
	}
	return slices.Contains([]string{"admin", "reporter-own", "reviewer-own", "leader"}, subject)
}

// The dashboards, cell by cell. The rules, written out:
//   - the status board, its workbook and the zone and program pages are public: every
//     subject gets them (200), but the internal indicators (fdi-actual-use,
//     offshore-outsourcing) are on them only for the signed-in of the district;
//   - the cockpit, the ranking, the bulletin and its .docx are internal: the signed-in
//     of the district get them; the anonymous is sent to sign in; the other district's
//     admin and leader are refused;
//   - the city's leader (重庆市, above the district) reads them as the district's own
//     signed-in do.
var dashboardPublic = []string{"/status?plan=%d", "/zones/%d?plan=%d", "/programs/%d?plan=%d", "/status.xlsx?plan=%d"}
var dashboardInternal = []string{"/cockpit?plan=%d", "/ranking?plan=%d", "/bulletin?plan=%d&month=2022-04", "/bulletin.docx?plan=%d&month=2022-04"}

func (w *readWorld) checkDashboards(t *testing.T, subject string) {
	ctx := context.Background()
	ind, err := w.svc.Store().Indicator(ctx, w.inds["INT-1"])
	if err != nil {
		t.Fatal(err)
	}
	prog, err := w.svc.Store().PlanItem(ctx, store.TablePrograms, ind.ProgramID)
	if err != nil {
		t.Fatal(err)
	}
	home := subject != "anonymous" && !strings.HasSuffix(subject, "-b")
	for _, pattern := range dashboardPublic {
		var path string
		switch {
		case strings.HasPrefix(pattern, "/zones/"):
			path = fmt.Sprintf(pattern, prog.ParentID, w.planID)
		case strings.HasPrefix(pattern, "/programs/"):
			path = fmt.Sprintf(pattern, ind.ProgramID, w.planID)
		default:
			path = fmt.Sprintf(pattern, w.planID)
		}
		code, body := w.get(t, subject, path)
		if code != http.StatusOK {
			t.Errorf("%s: %s = %d, want 200", subject, path, code)
			continue
		}
		if strings.HasSuffix(strings.SplitN(path, "?", 2)[0], ".xlsx") {
			continue // a workbook: its rows are the status board's, checked above
		}
		for _, key := range []string{"INT-1", "INT-2"} {
			link := fmt.Sprintf(`/indicators/%d"`, w.inds[key])
			if key == "INT-2" && !strings.HasPrefix(path, "/status") {
				continue // the zone and program pages are INT-1's
			}
			if got := strings.Contains(body, link); got != home {
				t.Errorf("%s: %s shows internal indicator %s = %v, want %v", subject, path, key, got, home)
			}
		}
	}
	for _, pattern := range dashboardInternal {
		path := fmt.Sprintf(pattern, w.planID)
		code, body := w.get(t, subject, path)
		switch {
		case home && code != http.StatusOK:
			t.Errorf("%s: %s = %d, want 200", subject, path, code)
		case subject == "anonymous" && code != http.StatusSeeOther && code != http.StatusUnauthorized:
			t.Errorf("the anonymous: %s = %d, want sent to sign in", path, code)
		case strings.HasSuffix(subject, "-b") && code != http.StatusForbidden && code != http.StatusNotFound:
			t.Errorf("%s of the other district: %s = %d, want refused", subject, path, code)
		}
		if !home && strings.Contains(body, fmt.Sprintf(`/indicators/%d"`, w.inds["INT-1"])) {
			t.Errorf("%s: %s shows an internal indicator", subject, path)
		}
	}
}

// readRoutes are the GETs the matrix checks row by row; every other GET row of the
// route table must be in showsNothingPrivate, with the reason.
var readRoutes = map[string]bool{
	"GET /api/v1/reports/{id}": true, "GET /reports/{id}": true, "GET /reports/{id}/edit": true,
	"GET /api/v1/indicators/{id}/reports": true, "GET /indicators/{id}": true,
	"GET /api/v1/review": true, "GET /review": true, "GET /reports": true,
	"GET /api/v1/users": true, "GET /admin/users": true, "GET /admin/users/{id}": true,
	"GET /api/v1/tokens": true, "GET /account/tokens": true,
	"GET /api/v1/audit": true, "GET /admin/audit": true,
	// The dashboards (checkDashboards).
	"GET /status": true, "GET /status.xlsx": true, "GET /zones/{id}": true, "GET /programs/{id}": true,
	"GET /cockpit": true, "GET /ranking": true, "GET /bulletin": true, "GET /bulletin.docx": true,
}

func TestReadMatrix(t *testing.T) {
	for _, r := range httpauth.ReadRoutes(routeTable(t)) {
		if !readRoutes[r.Pattern] && showsNothingPrivate[r.Pattern] == "" {
			t.Errorf("GET route %s is neither in the read matrix nor listed as showing no report, user, token or audit entry", r.Pattern)
		}
	}
	eachDB(t, func(t *testing.T, open func(testing.TB) *store.Store) {
		w := newReadWorld(t, open(t))
		for _, s := range readSubjects {
			t.Run(s.name, func(t *testing.T) { w.checkReads(t, s.name); w.checkDashboards(t, s.name) })
		}
		// The city's leader reads the district's dashboards as its own leader does.
		t.Run("city-leader", func(t *testing.T) { w.checkDashboards(t, "city-leader") })
	})
}

func (w *readWorld) checkReads(t *testing.T, subject string) {
	ok := func(code int) bool { return code == http.StatusOK }
	// One report, through the API, its page and its form.
	for _, m := range markers {
		id := w.reports[m]
		want := seesReport(subject, m)
		for _, path := range []string{fmt.Sprintf("/api/v1/reports/%d", id), fmt.Sprintf("/reports/%d", id)} {
			code, body := w.get(t, subject, path)
			if code == http.StatusSeeOther && path[1] == 'r' {
				// The report's page is its place on the indicator's page (checked below).
				if !want && subject != "anonymous" { // the anonymous is sent to sign in
					t.Errorf("%s is sent to the page of %s, which it must not see", subject, m)
				}
				continue
			}
			if want && (!ok(code) || !strings.Contains(body, m)) {
				t.Errorf("%s must see %s at %s: %d", subject, m, path, code)
			}
			if !want && (ok(code) || strings.Contains(body, m)) {
				t.Errorf("%s must not see %s at %s: %d", subject, m, path, code)
			}
		}
		// The edit form shows the figure to whoever may edit it: the department and the admin.
		code, body := w.get(t, subject, fmt.Sprintf("/reports/%d/edit", id))
		if edits := subject == "admin" || subject == "reporter-own"; !edits && strings.Contains(body, m) {
			t.Errorf("%s sees %s on its edit form: %d", subject, m, code)
		}
	}
	// Lists of an indicator's reports: the API and the indicator page.
	for key, ind := range w.inds {
		for _, path := range []string{fmt.Sprintf("/api/v1/indicators/%d/reports", ind), fmt.Sprintf("/indicators/%d", ind)} {
			_, body := w.get(t, subject, path)
			for _, m := range markers {
				if !strings.HasPrefix(m, key[:3]) || !w.reportOn(m, key) {
					continue
				}
				if got, want := strings.Contains(body, m), seesReport(subject, m); got != want {
					t.Errorf("%s at %s: shows %s = %v, want %v", subject, path, m, got, want)
				}
			}
		}
	}
	// The review queue: the submitted reports, to those who may approve them.
	mayApprove := subject == "admin" || subject == "reviewer-own"
	for _, path := range []string{"/api/v1/review", "/review", "/reports"} {
		_, body := w.get(t, subject, path)
		for _, m := range markers {
			if strings.Contains(body, m) && !seesReport(subject, m) {
				t.Errorf("%s sees %s at %s", subject, m, path)
			}
		}
		if path == "/api/v1/review" {
			for _, m := range []string{"PUB-SUBMITTED", "INT-SUBMITTED"} {
				if strings.Contains(body, m) != mayApprove {
					t.Errorf("%s: review queue shows %s = %v, want %v", subject, m, !mayApprove, mayApprove)
				}
			}
		}
	}
	// Users, tokens and audit: each district its own.
	home := []string{"office", "clerk", "urbanclerk", "head", "urbanhead", "officer", "leader"}
	other := []string{"badmin", "bleader"}
	mine, theirs := home, other
	if strings.HasSuffix(subject, "-b") {
		mine, theirs = other, home
	}
	login := ""
	for _, s := range readSubjects {
		if s.name == subject {
			login = s.login
		}
	}
	isAdmin := subject == "admin" || subject == "admin-b"
	for _, path := range []string{"/api/v1/users", "/admin/users"} {
		code, body := w.get(t, subject, path)
		w.checkList(t, subject, path, code, body, isAdmin, mine, theirs, func(l string) string { return `"login":"` + l + `"` }, func(l string) string { return ">" + l + "<" })
	}
	for _, l := range append(append([]string{}, home...), other...) {
		code, body := w.get(t, subject, fmt.Sprintf("/admin/users/%d", w.userIDs[l]))
		sees := isAdmin && slices.Contains(mine, l)
		if sees != ok(code) || (!sees && strings.Contains(body, `value="`+l+`"`)) {
			t.Errorf("%s: user page of %s = %d, want visible %v", subject, l, code, sees)
		}
	}
	for _, path := range []string{"/api/v1/tokens", "/account/tokens"} {
		code, body := w.get(t, subject, path)
		if subject == "anonymous" {
			if ok(code) {
				t.Errorf("anonymous lists tokens at %s", path)
			}
			continue
		}
		for _, l := range append(append([]string{}, home...), other...) {
			// The API lists the district's tokens to its admin; the page is one's own.
			want := l == login || (isAdmin && slices.Contains(mine, l) && path == "/api/v1/tokens")
			if got := strings.Contains(body, "tok-"+l+"\"") || strings.Contains(body, "tok-"+l+"<"); got != want {
				t.Errorf("%s at %s: token of %s listed = %v, want %v (%d)", subject, path, l, got, want, code)
			}
		}
	}
	readsAudit := isAdmin || subject == "leader" || subject == "leader-b"
	for _, path := range []string{"/api/v1/audit", "/admin/audit"} {
		code, body := w.get(t, subject, path)
		if !readsAudit {
			if ok(code) {
				t.Errorf("%s reads the audit log at %s", subject, path)
			}
			continue
		}
		if !ok(code) {
			t.Errorf("%s cannot read the audit log at %s: %d", subject, path, code)
		}
		for _, l := range theirs {
			if strings.Contains(body, "tok-"+l) {
				t.Errorf("%s at %s sees the other district's entry by %s", subject, path, l)
			}
		}
		if !strings.Contains(body, "tok-"+login) {
			t.Errorf("%s at %s does not see its own district's entry (its token)", subject, path)
		}
	}
}

// reportOn tells whether the report of marker is on the indicator of key.
func (w *readWorld) reportOn(marker, key string) bool {
	first := strings.HasSuffix(marker, "-APPROVED") || strings.HasSuffix(marker, "-DRAFT")
	return strings.HasSuffix(key, "-1") == first
}

// checkList checks a list of a district's users: visible to its admin only, with every
// one of its rows and none of the other district's.
func (w *readWorld) checkList(t *testing.T, subject, path string, code int, body string, may bool, mine, theirs []string, apiRow, pageRow func(string) string) {
	t.Helper()
	row := apiRow
	if !strings.HasPrefix(path, "/api/") {
		row = pageRow
	}
	if !may {
		if code == http.StatusOK {
			t.Errorf("%s lists %s: %d", subject, path, code)
		}
		return
	}
	if code != http.StatusOK {
		t.Errorf("%s cannot list %s: %d", subject, path, code)
	}
	for _, l := range mine {
		if !strings.Contains(body, row(l)) {
			t.Errorf("%s at %s: %s missing", subject, path, l)
		}
	}
	for _, l := range theirs {
		if strings.Contains(body, row(l)) {
			t.Errorf("%s at %s: the other district's %s is listed", subject, path, l)
		}
	}
}

// showsNothingPrivate are the GET rows that show no report, user, token or audit entry
// beyond what the plan and status pages show everyone they are for; the reason is the
// test's word for it. A new GET row must go here or into the matrix above.
var showsNothingPrivate = map[string]string{
	"GET /static/":                                 "files of the application",
	"GET /healthz":                                 "answers ok",
	"GET /favicon.ico":                             "the icon",
	"GET /readyz":                                  "answers ready or not",
	"GET /metrics":                                 "counts only, behind LANTU_METRICS_TOKEN",
	"GET /login":                                   "the sign-in form",
	"GET /account/password":                        "the password form",
	"GET /{$}":                                     "the plan (TestPublicViewHidesInternal: internal indicators only to the signed-in)",
	"GET /plans/{id}":                              "the plan, as above",
	"GET /plans/{id}/documents/{key}":              "the plan's source document",
	"GET /city":                                    "roll-ups of districts' approved figures",
	"GET /city/codes/{code}":                       "one indicator across districts, approved figures",
	"GET /indicators/{id}/reports/new":             "an empty form",
	"GET /reports/workbook":                        "the upload form",
	"GET /reports/workbook/template":               "a blank form of one's department",
	"GET /ingest":                                  "the ingest form",
	"GET /ingest/{plan}/{key}":                     "an ingested document's facts",
	"GET /admin/reminders":                         "reminder settings (admins)",
	"GET /api/v1/me":                               "oneself",
	"GET /api/v1/plans":                            "the plans",
	"GET /api/v1/plans/{id}":                       "the plan",
	"GET /api/v1/status":                           "approved figures only",
	"GET /api/v1/indicators/{id}/status":           "approved figures only",
	"GET /api/v1/departments/rates":                "reporting rates per department",
	"GET /api/v1/reports/{id}/evidence":            "evidence of a report: EvidenceRead, tested in the service",
	"GET /api/v1/evidence/{id}":                    "one evidence file: EvidenceRead, tested in the service",
	"GET /evidence/{id}":                           "one evidence file: EvidenceRead, tested in the service and TestEvidenceOnForm",
	"GET /api/v1/plans/{id}/template":              "a blank form of one's department",
	"GET /api/v1/plans/{id}/documents/{key}/facts": "an ingested document's facts",
	"GET /api/v1/city":                             "roll-ups of districts' approved figures",
	"GET /api/v1/city/codes/{code}":                "one indicator across districts",
	"GET /api/v1/indicators/{id}/feed":             "which pipeline figure feeds an indicator",
	"GET /api/v1/calendar.ics":                     "investment calendar: invest read matrix",
	"GET /api/v1/chains":                           "investment: invest read matrix",
	"GET /api/v1/chains/{id}":                      "investment: invest read matrix",
	"GET /api/v1/enterprises":                      "investment: invest read matrix",
	"GET /api/v1/enterprises/{id}":                 "investment: invest read matrix",
	"GET /api/v1/enterprises/{id}/contacts":        "investment contacts: invest read matrix",
	"GET /api/v1/leads":                            "investment: invest read matrix",
	"GET /api/v1/leads/{id}":                       "investment: invest read matrix",
	"GET /api/v1/pipeline.xlsx":                    "investment: invest read matrix",
	"GET /api/v1/rates":                            "exchange rates",
	"GET /api/v1/visits":                           "investment: invest read matrix",
	"GET /api/v1/visits.ics":                       "investment: invest read matrix",
	"GET /api/v1/visits/{id}":                      "investment: invest read matrix",
	"GET /invest":                                  "investment: invest read matrix",
	"GET /invest/chains":                           "investment: invest read matrix",
	"GET /invest/chains/{id}":                      "investment: invest read matrix",
	"GET /invest/enterprises":                      "investment: invest read matrix",
	"GET /invest/enterprises/{id}":                 "investment: invest read matrix",
	"GET /invest/enterprises/{id}/contacts":        "investment contacts: invest read matrix",
	"GET /invest/leads/{id}":                       "investment: invest read matrix",
	"GET /invest/pipeline.xlsx":                    "investment: invest read matrix",
	"GET /invest/rates":                            "exchange rates",
	"GET /invest/visits":                           "investment: invest read matrix",
	"GET /invest/visits/{id}":                      "investment: invest read matrix",
}
