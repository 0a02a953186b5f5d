package app

// Several `lantu serve` on one PostgreSQL: real server processes (this test binary
// re-executed, running Serve) share one database, and what one server does holds on
// the other — sessions, the scheduled reminders — with no state kept only in a
// process's memory.

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/notify/notifytest"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/planfile"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

const envClusterChild = "LANTU_CLUSTER_CHILD" // the database a child server serves

func TestMain(m *testing.M) {
	if dsn := os.Getenv(envClusterChild); dsn != "" {
		os.Exit(clusterChild(dsn))
	}
	os.Exit(m.Run())
}

// clusterChild serves dsn until SIGTERM, saying where it listens on standard output.
func clusterChild(dsn string) int {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	cfg := Config{Addr: "127.0.0.1:0", DB: dsn, PublicView: true}
	err := Serve(ctx, cfg, log, io.Discard, func(addr string) { fmt.Printf("LISTENING http://%s\n", addr) })
	if err != nil {
		fmt.Fprintln(os.Stderr, "serve:", err)
		return 1
	}
	return 0
}

// startServer starts a server process on dsn and returns its base URL; it is stopped
// with SIGTERM when the test ends.
func startServer(t *testing.T, dsn string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envClusterChild+"="+dsn)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
			t.Errorf("stop a server: %v", err)
		}
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }() // only whether it stops matters here
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			_ = cmd.Process.Kill()
			t.Errorf("a server did not stop on SIGTERM")
		}
	})
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if a, ok := strings.CutPrefix(sc.Text(), "LISTENING "); ok {
				addr <- a
			}
		}
	}()
	select {
	case a := <-addr:
		return a
	case <-time.After(60 * time.Second):
		t.Fatal("a server did not start in 60 s")
	}
	return ""
}

// clusterWorld is a PostgreSQL schema prepared for two servers.
type clusterWorld struct {
	dsn string
	st  *store.Store
	svc *service.Service
}

const clusterPassword = "a long passphrase for tests"

func newClusterWorld(t *testing.T) *clusterWorld {
	t.Helper()
	ctx := context.Background()
	dsn := storetest.PostgresURL(t)
	st, err := OpenStore(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	svc := service.New(st)
	svc.Hasher = auth.NewHasher(auth.WithParams(auth.InsecureTestParams))
	if _, err := EnsureDemo(ctx, svc, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.EnsureAdmin(ctx); err != nil {
		t.Fatal(err)
	}
	for _, u := range []struct {
		login string
		role  auth.Role
	}{{"boss", auth.RoleAdmin}, {"clerk", auth.RoleReporter}, {"checker", auth.RoleReviewer}} {
		var depts []string
		if u.role != auth.RoleAdmin {
			depts = []string{"commerce"}
		}
		if _, _, err := svc.CreateUser(ctx, service.System, service.NewUser{Login: u.login, DisplayName: u.login, Roles: []auth.Role{u.role},
			DeptCodes: depts, Password: clusterPassword}); err != nil {
			t.Fatal(err)
		}
	}
	return &clusterWorld{dsn: dsn, st: st, svc: svc}
}

// Two servers on one PostgreSQL: a session made on one works on the other and ends on
// both; the scheduled reminders, run by both servers' job loops at once, go out once.
func TestTwoServersOnePostgres(t *testing.T) {
	w := newClusterWorld(t)
	ctx := context.Background()
	sink := notifytest.NewSMTPSink(t)
	waiting, waitingReport := currentYearPlanWithWaitingReport(t, w)
	checker, err := w.st.UserByLogin(ctx, "checker")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.svc.SetUserEmail(ctx, service.System, checker.ID, "checker@example.gov.cn"); err != nil {
		t.Fatal(err)
	}
	rs := store.DefaultReminderSettings
	rs.Enabled, rs.SendHour, rs.ReviewDays = true, 0, 3
	rs.SMTPHost, rs.SMTPPort, rs.SMTPTLS, rs.SMTPFrom = sink.Host, sink.Port, "none", "lantu@example.gov.cn"
	if err := w.svc.SaveReminderSettings(ctx, service.System, rs); err != nil {
		t.Fatal(err)
	}

	a, b := startServer(t, w.dsn), startServer(t, w.dsn)

	// A session made on A works on B (cookies do not tell ports apart, as browsers
	// behind one balancer's name would not), and signing out on B ends it on A.
	c := browser(t)
	signIn(t, c, a, "boss", clusterPassword)
	if code, body := get(t, c, b+"/admin/users"); code != 200 || !strings.Contains(body, "checker") {
		t.Fatalf("B with A's session: %d", code)
	}
	tok := formToken(t, c, b+"/admin/users")
	res, err := c.PostForm(b+"/logout", url.Values{"csrf": {tok}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	res, err = noRedirectWith(c).Get(a + "/admin/users")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Errorf("A after signing out on B = %d %s; want the sign-in page", res.StatusCode, res.Header.Get("Location"))
	}

	// The sign-in limit holds across both: five wrong passwords on A, then even the
	// right one is refused on B, with Retry-After.
	for i := 0; i < 5; i++ {
		c := browser(t)
		tok := formToken(t, c, a+"/login")
		res, err := c.PostForm(a+"/login", url.Values{"csrf": {tok}, "login": {"clerk"}, "password": {"wrong password " + fmt.Sprint(i)}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusUnauthorized && res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("wrong password %d on A = %d; want it refused", i, res.StatusCode)
		}
	}
	c = browser(t)
	tok = formToken(t, c, b+"/login")
	res, err = c.PostForm(b+"/login", url.Values{"csrf": {tok}, "login": {"clerk"}, "password": {clusterPassword}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Errorf("the right password on B after five failures on A = %d (Retry-After %q); want 429", res.StatusCode, res.Header.Get("Retry-After"))
	}

	// Both servers' job loops ran at start: one took the day; the reviewer has one e-mail.
	deadline := time.Now().Add(30 * time.Second)
	for len(sink.Mail()) == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(time.Second) // a second sender, if there were one, would have sent by now
	mails := sink.Mail()
	if len(mails) != 1 || mails[0].To != "checker@example.gov.cn" || !strings.Contains(mails[0].Text, waiting) {
		t.Errorf("reminders from two servers: %d e-mails %+v; want one to the checker about %s", len(mails), mails, waiting)
	}
	var leases, items int
	if err := w.st.DB().QueryRow(`SELECT count(*) FROM job_leases WHERE done_at IS NOT NULL`).Scan(&leases); err != nil {
		t.Fatal(err)
	}
	if err := w.st.DB().QueryRow(`SELECT count(*) FROM reminder_items`).Scan(&items); err != nil {
		t.Fatal(err)
	}
	if leases != 1 || items < 1 {
		t.Errorf("%d leases done, %d items; want 1 and at least 1", leases, items)
	}

	// The status cache: B reads (and caches) the indicator's status, A approves its
	// figure, and B's next read shows it at once.
	token, _, err := w.svc.CreateToken(ctx, service.System, "boss", "cluster", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	statusURL := fmt.Sprintf("%s/api/v1/indicators/%d/status", b, waitingReport.IndicatorID)
	if code, body := getWith(t, statusURL, token); code != 200 || !strings.Contains(body, `"progress":null`) {
		t.Fatalf("B's status before the approval = %d %s; want no progress", code, body)
	}
	req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/api/v1/reports/%d/approve", a, waitingReport.ID),
		strings.NewReader(fmt.Sprintf(`{"version": %d}`, waitingReport.Version)))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("approve on A = %d", res.StatusCode)
	}
	if code, body := getWith(t, statusURL, token); code != 200 || !strings.Contains(body, `"progress":100`) {
		t.Errorf("B's status right after the approval on A = %d %s; want progress 100", code, body)
	}
}

// currentYearPlanWithWaitingReport imports a plan of this year whose commerce figure was
// submitted ten days ago and waits for review; it returns the indicator's name.
func currentYearPlanWithWaitingReport(t *testing.T, w *clusterWorld) (string, progress.Report) {
	t.Helper()
	ctx := context.Background()
	now := time.Now().In(service.China)
	p := &plan.Plan{Region: plan.Region{Code: "500106", Name: "沙坪坝区"}, Year: now.Year(), Title: "本年度计划", Settings: plan.DefaultSettings(),
		Departments: []plan.Department{{Code: "commerce", Name: "区商务委"}}}
	target := decimal.NewFromInt(100)
	p.Zones = []plan.Zone{{Code: "z", Name: "示范区", Programs: []plan.Program{{Code: "p", Name: "工程", Indicators: []plan.Indicator{{
		Code: "waiting", Name: "待审核的指标", Unit: "个", Kind: plan.KindLevel, Direction: plan.Higher, Target: &target,
		Qualifier: plan.QualAtLeast, Period: fmt.Sprint(now.Year()), Frequency: plan.Yearly, Accumulation: plan.Cumulative,
		DeptCode: "commerce", Public: true}}}}}}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	got, err := w.svc.ImportPlan(ctx, service.System, &planfile.Loaded{Plan: p})
	if err != nil {
		t.Fatal(err)
	}
	inds, err := w.st.PlanIndicators(ctx, got.ID)
	if err != nil {
		t.Fatal(err)
	}
	w.svc.Now = func() time.Time { return time.Now().Add(-10 * 24 * time.Hour).UTC() }
	defer func() { w.svc.Now = func() time.Time { return time.Now().UTC() } }()
	r, err := w.svc.CreateReport(ctx, service.System, inds[0].ID, service.ReportInput{Period: fmt.Sprint(now.Year()), Value: &target})
	if err != nil {
		t.Fatal(err)
	}
	if r, err = w.svc.Review(ctx, service.System, r.ID, service.ReviewAction{Action: progress.ActSubmit, Version: r.Version}); err != nil {
		t.Fatal(err)
	}
	return inds[0].Name, r
}
