package cli

import (
	"context"
	"log/slog"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/lantu-dev/lantu/internal/app"
)

func init() {
	c := &Command{Name: "serve", Summary: "run the web server and API",
		Usage: "lantu serve [--addr 127.0.0.1:8080] [--db PATH|postgres://…] [--demo] [--pprof 127.0.0.1:6060]"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		cfg := configFromEnv(env)
		fs := flagSet(env, c)
		fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "address to listen on (LANTU_ADDR)")
		fs.StringVar(&cfg.DB, "db", cfg.DB, "database: a SQLite file, sqlite:PATH or a postgres:// URL (LANTU_DB)")
		fs.BoolVar(&cfg.Demo, "demo", cfg.Demo, "load the Shapingba 2022 demo plan into an empty database (LANTU_DEMO)")
		fs.BoolVar(&cfg.PublicView, "public", cfg.PublicView, "let visitors who are not signed in see public indicators (LANTU_PUBLIC_VIEW)")
		fs.BoolVar(&cfg.SecureCookies, "secure-cookies", cfg.SecureCookies, "mark cookies Secure, for TLS behind a proxy (LANTU_SECURE_COOKIES)")
		fs.DurationVar(&cfg.DrainDelay, "drain-delay", cfg.DrainDelay, "on SIGTERM, keep answering this long with /readyz at 503 before closing (LANTU_DRAIN_DELAY)")
		fs.StringVar(&cfg.Pprof, "pprof", cfg.Pprof, "serve Go's profiler (/debug/pprof/) on this loopback address (LANTU_PPROF)")
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() > 0 {
			return usageError("unexpected argument %q", fs.Arg(0))
		}
		ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
		defer stop()
		log := logger(env)
		slog.SetDefault(log)
		return app.Serve(ctx, cfg, log, env.Stdout, nil)
	}
	register(c)
}

// configFromEnv starts from the defaults and applies LANTU_* variables.
func configFromEnv(env *Env) app.Config {
	cfg := app.DefaultConfig()
	if v := env.Getenv("LANTU_ADDR"); v != "" {
		cfg.Addr = v
	}
	if v := env.Getenv("LANTU_DB"); v != "" {
		cfg.DB = v
	}
	if v := env.Getenv("LANTU_PPROF"); v != "" {
		cfg.Pprof = v
	}
	boolEnv := func(name string, dst *bool) {
		if v := env.Getenv(name); v != "" {
			if b, err := strconv.ParseBool(v); err == nil {
				*dst = b
			}
		}
	}
	cfg.MetricsToken = env.Getenv("LANTU_METRICS_TOKEN")
	if d, err := time.ParseDuration(env.Getenv("LANTU_DRAIN_DELAY")); err == nil {
		cfg.DrainDelay = d
	}
	boolEnv("LANTU_DEMO", &cfg.Demo)
	boolEnv("LANTU_PUBLIC_VIEW", &cfg.PublicView)
	boolEnv("LANTU_SECURE_COOKIES", &cfg.SecureCookies)
	return cfg
}

// logger writes structured logs to stderr; LANTU_LOG_FORMAT=json for machines.
func logger(env *Env) *slog.Logger {
	opts := &slog.HandlerOptions{Level: slog.LevelInfo}
	if env.Getenv("LANTU_LOG_LEVEL") == "debug" {
		opts.Level = slog.LevelDebug
	}
	if env.Getenv("LANTU_LOG_FORMAT") == "json" {
		return slog.New(slog.NewJSONHandler(env.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(env.Stderr, opts))
}
