// Package app wires lantu together: config → store → services → HTTP server, and shuts
// it down gracefully.
package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/lantu-dev/lantu/demo"
	"github.com/lantu-dev/lantu/internal/api"
	"github.com/lantu-dev/lantu/internal/httpauth"
	"github.com/lantu-dev/lantu/internal/planfile"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/web"
)

// Config is lantu's configuration: flags over LANTU_* variables over defaults.
type Config struct {
	Addr string // LANTU_ADDR, --addr
	DB   string // LANTU_DB, --db: a SQLite path, sqlite:PATH or postgres://…
	Demo bool   // --demo
	// PublicView lets anonymous visitors see public indicators (LANTU_PUBLIC_VIEW).
	PublicView bool
	// SecureCookies sets the Secure flag on cookies (LANTU_SECURE_COOKIES), for
	// deployments behind a TLS proxy.
	SecureCookies bool
	// MetricsToken, when set, opens GET /metrics to "Authorization: Bearer TOKEN"
	// (LANTU_METRICS_TOKEN; not a flag, so that it stays out of the process list).
	MetricsToken string
	// DrainDelay is how long a server asked to stop keeps answering, with /readyz
	// saying 503, before it stops taking connections (LANTU_DRAIN_DELAY, --drain-delay):
	// the load balancer's time to notice. Requests in flight then get up to 10 s more.
	DrainDelay time.Duration
	// Pprof, when set, is a loopback address where Go's profiler is served
	// (/debug/pprof/), apart from the site (LANTU_PPROF, --pprof).
	Pprof string
}

// DefaultConfig is what lantu runs with when nothing is said.
func DefaultConfig() Config {
	return Config{Addr: "127.0.0.1:8080", DB: "lantu.db", PublicView: true}
}

// OpenStore opens and migrates the configured database.
func OpenStore(ctx context.Context, dsn string) (*store.Store, error) {
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// LoadDemo parses the embedded demo plan.
func LoadDemo() (*planfile.Loaded, error) {
	data, err := fs.ReadFile(demo.Files, demo.PlanFile)
	if err != nil {
		return nil, fmt.Errorf("demo plan: %w", err)
	}
	return planfile.Parse(demo.Files, demo.PlanFile, data)
}

// EnsureDemo loads the demo plan into the database unless it already holds it.
func EnsureDemo(ctx context.Context, svc *service.Service, log *slog.Logger) (int64, error) {
	l, err := LoadDemo()
	if err != nil {
		return 0, err
	}
	id, created, err := svc.EnsurePlan(ctx, service.System, l)
	if err != nil {
		return 0, fmt.Errorf("demo plan: %w", err)
	}
	if created {
		log.InfoContext(ctx, "demo plan loaded", "plan", id, "title", l.Plan.Title)
	} else {
		log.InfoContext(ctx, "demo plan already present", "plan", id)
	}
	return id, nil
}

// EnsureInvestDemo loads the investment centre's demo data (demo/invest-2022.yaml) into
// the demo plan's region unless it holds industry chains already: an officer, rates,
// chains, enterprises, leads, the article's visits, and the indicators they feed.
func EnsureInvestDemo(ctx context.Context, svc *service.Service, planID int64, log *slog.Logger) error {
	data, err := fs.ReadFile(demo.Files, demo.InvestFile)
	if err != nil {
		return fmt.Errorf("demo invest data: %w", err)
	}
	loaded, err := svc.LoadInvest(ctx, service.System, planID, data)
	if err != nil {
		return fmt.Errorf("demo invest data: %w", err)
	}
	if loaded {
		log.InfoContext(ctx, "demo investment data loaded", "plan", planID)
	}
	return nil
}

// StartDemo loads the demo (plan and investment data) on the demo's clock, which runs
// from a few days after the plan's as-of moment, so that the demo can be used as on that
// day: March's figures are due on 10 April and still open, where today's real date would
// have locked every period of 2022 long ago. The clock is set before anything is loaded
// and for the store too, so that no row (plan, report, audit entry, enterprise, lead,
// document) is stamped after the demo's "now".
func StartDemo(ctx context.Context, svc *service.Service, log *slog.Logger) (int64, error) {
	l, err := LoadDemo()
	if err != nil {
		return 0, err
	}
	if base, ok := demoStart(l); ok {
		started := time.Now()
		svc.SetClock(func() time.Time { return base.Add(time.Since(started)).UTC() })
		log.InfoContext(ctx, "demo clock", "starts", base.Format(time.RFC3339), "as_of", l.Plan.AsOf.Format(time.DateOnly))
	}
	id, err := EnsureDemo(ctx, svc, log)
	if err != nil {
		return 0, err
	}
	if err := EnsureInvestDemo(ctx, svc, id, log); err != nil {
		return 0, err
	}
	return id, nil
}

// demoStart is the demo clock's first moment: 09:00 China time five days after the
// plan's as-of date (false when the plan has none).
func demoStart(l *planfile.Loaded) (time.Time, bool) {
	a := l.Plan.AsOf
	if a == nil {
		return time.Time{}, false
	}
	return time.Date(a.Year(), a.Month(), a.Day(), 9, 0, 0, 0, service.China).AddDate(0, 0, 5), true
}

// Serve runs the HTTP server until ctx is cancelled, then drains requests for up to 10 s.
// The first admin's one-time password goes to console, never to the log. ready, when
// not nil, receives the address listened on.
func Serve(ctx context.Context, cfg Config, log *slog.Logger, console io.Writer, ready func(addr string)) error {
	st, err := OpenStore(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := service.New(st)
	svc.PublicView = cfg.PublicView
	svc.ShareLoginLimits() // one count for every server on the database
	if cfg.Demo {
		if _, err := StartDemo(ctx, svc, log); err != nil {
			return err
		}
	}
	login, password, err := svc.EnsureAdmin(ctx)
	if err != nil {
		return err
	}
	if password != "" {
		log.InfoContext(ctx, "first start: admin account created; its one-time password is on the console", "login", login)
		if _, err := fmt.Fprintf(console, "\n  lantu: the first admin account was created.\n  login:    %s\n  password: %s   (one-time: you will be asked to change it)\n\n", login, password); err != nil {
			return fmt.Errorf("show the first admin's password on the console: %w (set one with lantu user passwd %s)", err, login)
		}
	}
	if cfg.Pprof != "" {
		stop, err := servePprof(cfg.Pprof, log)
		if err != nil {
			return err
		}
		defer stop()
	}
	h, _, metrics, err := build(ctx, svc, cfg, log)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second,
		WriteTimeout: 120 * time.Second, IdleTimeout: 120 * time.Second, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	log.InfoContext(ctx, "lantu listening", "addr", "http://"+ln.Addr().String(), "db", store.Redact(cfg.DB), "dialect", st.Dialect())
	if ready != nil {
		ready(ln.Addr().String())
	}
	// Scheduled jobs run beside the server and stop after it, finishing their pass.
	jobsCtx, stopJobs := context.WithCancel(context.WithoutCancel(ctx))
	jobsDone := make(chan struct{})
	go func() { defer close(jobsDone); runJobs(jobsCtx, svc, log, jobEvery) }()
	defer func() { stopJobs(); <-jobsDone }()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Draining: /readyz says 503 so that the balancer stops sending; then no new
	// connections, and the requests in flight finish (up to 10 s).
	metrics.draining.Store(true)
	log.Info("lantu shutting down: draining", "delay", cfg.DrainDelay.String())
	time.Sleep(cfg.DrainDelay)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("lantu stopped: every request answered")
	return nil
}

// Handler builds the whole HTTP handler over a service; tests use it with httptest.
func Handler(ctx context.Context, svc *service.Service, cfg Config, log *slog.Logger) (http.Handler, error) {
	h, _, _, err := build(ctx, svc, cfg, log)
	return h, err
}

// Routes is the route table of the pages and the API together (see package httpauth).
func Routes(ctx context.Context, svc *service.Service, cfg Config, log *slog.Logger) ([]httpauth.Route, error) {
	_, routes, _, err := build(ctx, svc, cfg, log)
	return routes, err
}

// build puts the pages and the API side by side; each mounts the same guard
// (authentication, CSRF) in front of its own router.
func build(ctx context.Context, svc *service.Service, cfg Config, log *slog.Logger) (http.Handler, []httpauth.Route, *Metrics, error) {
	log = slog.New(requestIDLog{log.Handler()})
	guard, err := httpauth.NewGuard(ctx, svc, log, cfg.SecureCookies)
	if err != nil {
		return nil, nil, nil, err
	}
	ws, err := web.New(ctx, svc, web.Options{PublicView: cfg.PublicView, Demo: cfg.Demo, SecureCookies: cfg.SecureCookies, Guard: guard}, log)
	if err != nil {
		return nil, nil, nil, err
	}
	as := api.New(svc, log, guard)
	routes := append(ws.Routes(), as.Routes()...)
	// The operator's routes: no session, no log line per probe; /metrics checks its
	// own token.
	ops := guard.NewRouter(func(w http.ResponseWriter, r *http.Request, err error) {
		http.Error(w, err.Error(), http.StatusForbidden)
	})
	metrics := newMetrics(svc, nil, cfg.MetricsToken)
	metrics.AddSource(reminderMetrics(svc))
	ops.Handle(
		httpauth.Route{Pattern: "GET /metrics", Who: httpauth.Anyone, Find: httpauth.Static, Handler: metrics},
		httpauth.Route{Pattern: "GET /readyz", Who: httpauth.Anyone, Find: httpauth.Static, Handler: http.HandlerFunc(metrics.readyz)},
	)
	routes = append(routes, ops.Routes()...)
	metrics.learn(routes)
	mux := http.NewServeMux()
	mux.Handle("/api/", as.Handler())
	mux.Handle("GET /metrics", ops)
	mux.Handle("GET /readyz", ops)
	mux.Handle("/", ws.Handler())
	return metrics.Middleware(mux), routes, metrics, nil
}
