package app

import (
	"bufio"
	"context"
	"crypto/subtle"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lantu-dev/lantu/internal/httpauth"
	"github.com/lantu-dev/lantu/internal/service"
)

// Metrics counts what the server does, for Prometheus's text format (version 0.0.4),
// written by hand: requests and latencies by route pattern (the route table's, never the
// raw path, so that ids do not multiply the series), requests in flight, the database
// pool, reports by state, and whatever other sources register (reminders sent).
type Metrics struct {
	match    *http.ServeMux // the route table's patterns, to name a request's route
	inFlight atomic.Int64
	started  time.Time

	mu     sync.Mutex
	routes map[string]*routeStats

	svc *service.Service
	// Reports by state are counted at most every reportsTTL: a scrape every few seconds
	// must not count a million rows each time.
	reportsMu  sync.Mutex
	reports    map[string]int
	reportsAt  time.Time
	reportsTTL time.Duration
	extra      []func(w io.Writer)
	token      string
	draining   *atomic.Bool
}

// latencyBuckets are the histogram's upper bounds in seconds.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

type routeStats struct {
	codes   map[int]uint64
	buckets []uint64 // cumulative counts are made when written
	sum     float64
	count   uint64
}

// otherRoute names requests no row of the table matches (404s of scanners).
const otherRoute = "other"

func newMetrics(svc *service.Service, routes []httpauth.Route, token string) *Metrics {
	m := &Metrics{match: http.NewServeMux(), started: time.Now(), routes: map[string]*routeStats{}, svc: svc,
		reportsTTL: 15 * time.Second, token: token, draining: new(atomic.Bool)}
	m.learn(routes)
	return m
}

// learn adds the route table's patterns to those requests are named by.
func (m *Metrics) learn(routes []httpauth.Route) {
	noop := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	for _, r := range routes {
		if _, p := m.match.Handler(&http.Request{Method: r.Method(), URL: &url.URL{Path: r.Path()}}); p != r.Pattern {
			m.match.Handle(r.Pattern, noop)
		}
	}
}

// route names the pattern a request matches.
func (m *Metrics) route(r *http.Request) string {
	if _, p := m.match.Handler(r); p != "" {
		return p
	}
	return otherRoute
}

// Middleware counts every request under its route pattern.
func (m *Metrics) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		m.inFlight.Add(1)
		sw := &codeWriter{ResponseWriter: w}
		defer func() {
			m.inFlight.Add(-1)
			code := sw.code
			if code == 0 {
				code = http.StatusOK
			}
			m.observe(m.route(r), code, time.Since(start))
		}()
		next.ServeHTTP(sw, r)
	})
}

func (m *Metrics) observe(route string, code int, d time.Duration) {
	secs := d.Seconds()
	m.mu.Lock()
	defer m.mu.Unlock()
	st := m.routes[route]
	if st == nil {
		st = &routeStats{codes: map[int]uint64{}, buckets: make([]uint64, len(latencyBuckets))}
		m.routes[route] = st
	}
	st.codes[code]++
	st.count++
	st.sum += secs
	for i, b := range latencyBuckets {
		if secs <= b {
			st.buckets[i]++
			break
		}
	}
}

// codeWriter remembers the status code a handler sent.
type codeWriter struct {
	http.ResponseWriter
	code int
}

func (w *codeWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *codeWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *codeWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// AddSource registers a writer of more metrics (its own HELP and TYPE lines).
func (m *Metrics) AddSource(f func(w io.Writer)) { m.extra = append(m.extra, f) }

// ServeHTTP answers GET /metrics. The figures are not public — reports by state tell
// how much work each stage holds — so the endpoint needs the operator's token
// (LANTU_METRICS_TOKEN, sent as "Authorization: Bearer …"); without a token configured
// it does not exist (404).
func (m *Metrics) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if m.token == "" {
		http.NotFound(w, r)
		return
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(m.token)) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="lantu metrics"`)
		http.Error(w, "metrics need the operator's token (LANTU_METRICS_TOKEN)", http.StatusUnauthorized)
		return
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	bw := bufio.NewWriter(w)
	m.write(r.Context(), bw)
	_ = bw.Flush() // the scraper went away; no one is left to tell
}

func (m *Metrics) write(ctx context.Context, w io.Writer) {
	help := func(name, typ, text string) { fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", name, text, name, typ) }

	m.mu.Lock()
	names := make([]string, 0, len(m.routes))
	for name := range m.routes {
		names = append(names, name)
	}
	sort.Strings(names)
	help("lantu_http_requests_total", "counter", "HTTP requests answered, by route pattern and status code.")
	for _, name := range names {
		st := m.routes[name]
		codes := make([]int, 0, len(st.codes))
		for c := range st.codes {
			codes = append(codes, c)
		}
		sort.Ints(codes)
		for _, c := range codes {
			fmt.Fprintf(w, "lantu_http_requests_total{route=%s,code=\"%d\"} %d\n", label(name), c, st.codes[c])
		}
	}
	help("lantu_http_request_duration_seconds", "histogram", "Time to answer HTTP requests, by route pattern.")
	for _, name := range names {
		st := m.routes[name]
		var cum uint64
		for i, b := range latencyBuckets {
			cum += st.buckets[i]
			fmt.Fprintf(w, "lantu_http_request_duration_seconds_bucket{route=%s,le=\"%s\"} %d\n", label(name), num(b), cum)
		}
		fmt.Fprintf(w, "lantu_http_request_duration_seconds_bucket{route=%s,le=\"+Inf\"} %d\n", label(name), st.count)
		fmt.Fprintf(w, "lantu_http_request_duration_seconds_sum{route=%s} %s\n", label(name), num(st.sum))
		fmt.Fprintf(w, "lantu_http_request_duration_seconds_count{route=%s} %d\n", label(name), st.count)
	}
	m.mu.Unlock()
	help("lantu_http_requests_in_flight", "gauge", "HTTP requests being answered now.")
	fmt.Fprintf(w, "lantu_http_requests_in_flight %d\n", m.inFlight.Load())

	ps := m.svc.PoolStats()
	help("lantu_db_connections_max", "gauge", "The pool's limit of open database connections.")
	fmt.Fprintf(w, "lantu_db_connections_max %d\n", ps.MaxOpenConnections)
	help("lantu_db_connections", "gauge", "Open database connections, by state.")
	fmt.Fprintf(w, "lantu_db_connections{state=\"in_use\"} %d\nlantu_db_connections{state=\"idle\"} %d\n", ps.InUse, ps.Idle)
	help("lantu_db_waits_total", "counter", "Times a request waited for a free database connection.")
	fmt.Fprintf(w, "lantu_db_waits_total %d\n", ps.WaitCount)
	help("lantu_db_wait_seconds_total", "counter", "Time spent waiting for a free database connection.")
	fmt.Fprintf(w, "lantu_db_wait_seconds_total %s\n", num(ps.WaitDuration.Seconds()))

	if states, err := m.reportsByState(ctx); err == nil {
		keys := make([]string, 0, len(states))
		for k := range states {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		help("lantu_reports", "gauge", "Reports by review state (every revision), counted at most every 15 s.")
		for _, k := range keys {
			fmt.Fprintf(w, "lantu_reports{state=%s} %d\n", label(k), states[k])
		}
	} else {
		slog.WarnContext(ctx, "metrics: count reports", "err", err)
	}
	for _, f := range m.extra {
		f(w)
	}

	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	help("lantu_goroutines", "gauge", "Goroutines of the server process.")
	fmt.Fprintf(w, "lantu_goroutines %d\n", runtime.NumGoroutine())
	help("lantu_heap_bytes", "gauge", "Bytes of allocated heap objects.")
	fmt.Fprintf(w, "lantu_heap_bytes %d\n", ms.HeapAlloc)
	help("lantu_uptime_seconds", "gauge", "Seconds since the server started.")
	fmt.Fprintf(w, "lantu_uptime_seconds %s\n", num(time.Since(m.started).Seconds()))
	help("lantu_info", "gauge", "The server's database dialect.")
	fmt.Fprintf(w, "lantu_info{dialect=%s} 1\n", label(m.svc.Dialect()))
}

func (m *Metrics) reportsByState(ctx context.Context) (map[string]int, error) {
	m.reportsMu.Lock()
	defer m.reportsMu.Unlock()
	if m.reports != nil && time.Since(m.reportsAt) < m.reportsTTL {
		return m.reports, nil
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	states, err := m.svc.ReportsByState(ctx)
	if err != nil {
		return nil, err
	}
	m.reports, m.reportsAt = states, time.Now()
	return states, nil
}

// label quotes a label value as the text format wants: backslash, quote and newline
// escaped.
func label(v string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(v) + `"`
}

func num(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// readyz answers load balancers: 200 while the server takes new work and its database
// answers, 503 once it is shutting down (so the balancer stops sending while requests
// in flight finish) or when the database does not answer.
func (m *Metrics) readyz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if m.draining.Load() {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := m.svc.Ping(ctx); err != nil {
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	_, _ = w.Write([]byte("ready\n"))
}

// requestIDLog adds the request's id to every log record written with its context, so
// that a service's error and the request's line can be matched.
type requestIDLog struct{ slog.Handler }

func (h requestIDLog) Handle(ctx context.Context, r slog.Record) error {
	if id := httpauth.RequestID(ctx); id != "" {
		has := false
		r.Attrs(func(a slog.Attr) bool {
			has = a.Key == "id" && a.Value.String() == id
			return !has
		})
		if !has {
			r.AddAttrs(slog.String("request_id", id))
		}
	}
	return h.Handler.Handle(ctx, r)
}

func (h requestIDLog) WithAttrs(as []slog.Attr) slog.Handler {
	return requestIDLog{h.Handler.WithAttrs(as)}
}

func (h requestIDLog) WithGroup(name string) slog.Handler {
	return requestIDLog{h.Handler.WithGroup(name)}
}
