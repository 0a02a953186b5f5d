package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

const testMetricsToken = "metrics-token-for-tests-0123456789"

func metricsServer(t *testing.T, st *store.Store, token string, log *slog.Logger) (*httptest.Server, *service.Service, int64) {
	t.Helper()
	ctx := context.Background()
	svc := service.New(st)
	svc.Hasher = auth.NewHasher(auth.WithParams(auth.InsecureTestParams))
	svc.PublicView = true
	id, err := EnsureDemo(ctx, svc, log)
	if err != nil {
		t.Fatal(err)
	}
	h, err := Handler(ctx, svc, Config{PublicView: true, Demo: true, MetricsToken: token}, log)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, svc, id
}

func getWith(t *testing.T, u, bearer string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

var metricLine = regexp.MustCompile(`^[a-z_]+(\{[a-z_]+="(?:[^"\\]|\\.)*"(?:,[a-z_]+="(?:[^"\\]|\\.)*")*\})? [-+0-9.eInf]+$`)

// /metrics speaks Prometheus's text format, counts requests and latencies by route
// pattern (not by raw path), the pool and the reports by state; it is closed without
// the operator's token and absent when none is configured.
func TestMetrics(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		srv, _, planID := metricsServer(t, st, testMetricsToken, log)
		for i := 0; i < 3; i++ {
			if code, _ := getWith(t, fmt.Sprintf("%s/plans/%d", srv.URL, planID), ""); code != 200 {
				t.Fatalf("plan page = %d", code)
			}
		}
		getWith(t, srv.URL+"/api/v1/status", "")
		getWith(t, srv.URL+"/no/such/page/42", "")

		if code, _ := getWith(t, srv.URL+"/metrics", ""); code != http.StatusUnauthorized {
			t.Errorf("/metrics without the token = %d; want 401", code)
		}
		if code, _ := getWith(t, srv.URL+"/metrics", "wrong"); code != http.StatusUnauthorized {
			t.Errorf("/metrics with a wrong token = %d; want 401", code)
		}
		code, body := getWith(t, srv.URL+"/metrics", testMetricsToken)
		if code != 200 {
			t.Fatalf("/metrics = %d %s", code, body)
		}
		for _, line := range strings.Split(strings.TrimSpace(body), "\n") {
			if !strings.HasPrefix(line, "# ") && !metricLine.MatchString(line) {
				t.Errorf("not a metric line: %q", line)
			}
		}
		var approved int
		if err := st.DB().QueryRow(`SELECT count(*) FROM reports WHERE state = 'approved'`).Scan(&approved); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{
			`lantu_http_requests_total{route="GET /plans/{id}",code="200"} 3`,
			`lantu_http_request_duration_seconds_count{route="GET /plans/{id}"} 3`,
			`lantu_http_request_duration_seconds_bucket{route="GET /plans/{id}",le="+Inf"} 3`,
			`lantu_http_requests_total{route="GET /api/v1/status",code="200"} 1`,
			`lantu_http_requests_total{route="other",code="404"} 1`,
			`lantu_http_requests_in_flight 1`,
			`lantu_db_connections_max `,
			`lantu_db_connections{state="in_use"} `,
			fmt.Sprintf(`lantu_reports{state="approved"} %d`, approved),
			`# TYPE lantu_http_request_duration_seconds histogram`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("/metrics lacks %q", want)
			}
		}
		if strings.Contains(body, "/plans/1\"") || strings.Contains(body, "/no/such") {
			t.Errorf("/metrics names a raw path")
		}
		if approved == 0 {
			t.Errorf("the demo has no approved reports")
		}

		closed, _, _ := metricsServer(t, st, "", log)
		if code, _ := getWith(t, closed.URL+"/metrics", testMetricsToken); code != http.StatusNotFound {
			t.Errorf("/metrics with no token configured = %d; want 404", code)
		}
	})
}

// Every log line written while answering a request carries its id, the one the
// response's X-Request-Id header gives: here the error a failing database causes.
func TestRequestIDInLogs(t *testing.T) {
	var buf syncBuffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	st := storetest.SQLite(t)
	srv, _, planID := metricsServer(t, st, "", log)
	st.Close() // every query now fails
	res, err := http.Get(fmt.Sprintf("%s/plans/%d", srv.URL, planID))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	id := res.Header.Get("X-Request-Id")
	if res.StatusCode != http.StatusInternalServerError || id == "" {
		t.Fatalf("plan page on a closed database = %d, id %q", res.StatusCode, id)
	}
	var errorLines, requestLines int
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		switch {
		case rec["level"] == "ERROR":
			errorLines++
			if rec["request_id"] != id {
				t.Errorf("error logged without the request's id %s: %s", id, line)
			}
		case rec["msg"] == "request":
			requestLines++
			if rec["id"] != id {
				t.Errorf("request line without the request's id %s: %s", id, line)
			}
		}
	}
	if errorLines == 0 || requestLines != 1 {
		t.Errorf("%d error lines, %d request lines in:\n%s", errorLines, requestLines, buf.String())
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Stopping the server (SIGTERM cancels the context Serve runs under) first says 503 on
// /readyz while still answering, then lets a request in flight — an approval whose
// body is still arriving — finish and commit, and only then returns; afterwards nothing
// listens.
func TestGracefulShutdownFinishesInFlight(t *testing.T) {
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "lantu.db")
	st, err := OpenStore(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := service.New(st)
	svc.Hasher = auth.NewHasher(auth.WithParams(auth.InsecureTestParams))
	planID, err := EnsureDemo(ctx, svc, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.EnsureAdmin(ctx); err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.CreateUser(ctx, service.System, service.NewUser{Login: "approver", DisplayName: "审核人",
		Roles: []auth.Role{auth.RoleAdmin}, Password: "a long passphrase for tests"}); err != nil {
		t.Fatal(err)
	}
	token, _, err := svc.CreateToken(ctx, service.System, "approver", "test", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	r := submittedReport(t, svc, st, planID)

	serveCtx, stop := context.WithCancel(ctx)
	defer stop()
	addrc := make(chan string, 1)
	served := make(chan error, 1)
	go func() {
		cfg := Config{Addr: "127.0.0.1:0", DB: dsn, DrainDelay: 300 * time.Millisecond}
		served <- Serve(serveCtx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), io.Discard, func(a string) { addrc <- a })
	}()
	addr := "http://" + <-addrc
	if code, _ := getWith(t, addr+"/readyz", ""); code != 200 {
		t.Fatalf("/readyz while serving = %d", code)
	}

	// The approval's body arrives in two parts, the second after shutdown has begun.
	pr, pw := io.Pipe()
	req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/api/v1/reports/%d/approve", addr, r.ID), pr)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	type answer struct {
		code int
		body string
		err  error
	}
	answered := make(chan answer, 1)
	go func() {
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			answered <- answer{err: err}
			return
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		answered <- answer{code: res.StatusCode, body: string(b)}
	}()
	if _, err := pw.Write([]byte(`{"version": `)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // the handler is reading the body
	stop()
	for start := time.Now(); ; time.Sleep(10 * time.Millisecond) {
		if code, _ := getWith(t, addr+"/readyz", ""); code == http.StatusServiceUnavailable {
			break
		}
		if time.Since(start) > 5*time.Second {
			t.Fatal("/readyz never said 503 while draining")
		}
	}
	select {
	case err := <-served:
		t.Fatalf("Serve returned with a request in flight: %v", err)
	case <-time.After(500 * time.Millisecond):
	}
	if _, err := fmt.Fprintf(pw, "%d}", r.Version); err != nil {
		t.Fatal(err)
	}
	if err := pw.Close(); err != nil {
		t.Fatal(err)
	}
	a := <-answered
	if a.err != nil || a.code != http.StatusOK {
		t.Fatalf("the request in flight got %d %s %v; want 200", a.code, a.body, a.err)
	}
	if err := <-served; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	got, err := st.Report(ctx, r.ID)
	if err != nil || got.State != progress.StateApproved {
		t.Fatalf("after shutdown the report is %s (%v); want approved", got.State, err)
	}
	if _, err := net.DialTimeout("tcp", strings.TrimPrefix(addr, "http://"), time.Second); err == nil {
		t.Error("something still listens after Serve returned")
	}
}

// submittedReport is a figure lantu entered and submitted for a monthly indicator of the
// plan, in a month the demo has none for.
func submittedReport(t *testing.T, svc *service.Service, st *store.Store, planID int64) progress.Report {
	t.Helper()
	ctx := context.Background()
	inds, err := st.PlanIndicators(ctx, planID)
	if err != nil {
		t.Fatal(err)
	}
	v := decimal.NewFromInt(5)
	for _, ind := range inds {
		if ind.Frequency != "monthly" || ind.Kind == "milestone" {
			continue
		}
		r, err := svc.CreateReport(ctx, service.System, ind.ID, service.ReportInput{Period: "2021-06", Value: &v})
		if err != nil {
			continue
		}
		if r, err = svc.Review(ctx, service.System, r.ID, service.ReviewAction{Action: progress.ActSubmit, Version: r.Version}); err != nil {
			t.Fatal(err)
		}
		return r
	}
	t.Fatal("no monthly indicator took a report")
	return progress.Report{}
}
