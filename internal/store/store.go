// Package store keeps lantu's data in SQLite (embedded, the default) or PostgreSQL (many
// users or many districts on one server), through one Store with plain SQL written once
// for both. Store methods take ctx first and never open their own transactions: services
// do, with WithTx, and the transaction travels in the context.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	// modernc.org/sqlite is a pure-Go SQLite: lantu stays one static binary without cgo.
	_ "modernc.org/sqlite"
)

// Dialect is the database a Store talks to.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Store is lantu's storage.
type Store struct {
	db      *sql.DB
	dialect Dialect
	// now is the clock for created_at stamps; tests may replace it.
	now func() time.Time
	// stmts are the statements read on every request (prepared: stmt).
	stmts sync.Map // query → *sql.Stmt
}

// DSN describes a database as given on the command line: a plain path or sqlite:PATH for
// SQLite, postgres:// or postgresql:// for PostgreSQL.
func parseDSN(dsn string) (Dialect, string, error) {
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return Postgres, dsn, nil
	case strings.HasPrefix(dsn, "sqlite:"):
		dsn = strings.TrimPrefix(dsn, "sqlite:")
	}
	if dsn == "" {
		return "", "", errors.New("no database given")
	}
	if strings.Contains(dsn, "://") {
		return "", "", fmt.Errorf("database %q: only sqlite paths and postgres:// URLs are understood", Redact(dsn))
	}
	path, query, _ := strings.Cut(dsn, "?")
	q, err := url.ParseQuery(query)
	if err != nil {
		return "", "", fmt.Errorf("database %q: %w", dsn, err)
	}
	// WAL lets readers go on while one writer writes; foreign keys are off in SQLite
	// unless asked for; the busy timeout makes a second writer wait instead of failing;
	// immediate transactions take the write lock up front, so two transactions that read
	// then write cannot deadlock on the upgrade.
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	q.Set("_time_format", "sqlite")
	return SQLite, "file:" + path + "?" + q.Encode(), nil
}

// Redact hides a password in a database URL, for messages and logs.
func Redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// Open connects to the database dsn names and checks that it answers. It does not migrate.
func Open(ctx context.Context, dsn string) (*Store, error) {
	dialect, driverDSN, err := parseDSN(dsn)
	if err != nil {
		return nil, err
	}
	driver := "sqlite"
	if dialect == Postgres {
		driver = "pgx"
	}
	db, err := sql.Open(driver, driverDSN)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", Redact(dsn), err)
	}
	if dialect == SQLite {
		// One writer at a time is SQLite's nature; a small pool keeps readers going.
		// Every connection stays open: under load the default of two idle ones made
		// the pool close and reopen SQLite connections per request (a profile of the
		// demo under 100 clients: 10 % of the CPU in sqlite.newConn).
		db.SetMaxOpenConns(8)
		db.SetMaxIdleConns(8)
	} else {
		// All 32 stay open when idle: with 8 idle, 100 clients made the pool close
		// and reopen connections all the time (909 PostgreSQL sessions opened in 10 s,
		// each a forked backend and an authentication); keeping them doubled the
		// signed-in status board's rate (BENCHMARKS.md, fourth pass).
		db.SetMaxOpenConns(32)
		db.SetMaxIdleConns(32)
	}
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close() // the ping's error is the one to tell
		return nil, fmt.Errorf("connect to %s: %w", Redact(dsn), err)
	}
	return &Store{db: db, dialect: dialect, now: func() time.Time { return time.Now().UTC() }}, nil
}

// Close closes the database.
func (s *Store) Close() error {
	s.stmts.Range(func(_, v any) bool {
		_ = v.(*sql.Stmt).Close() // the pool's close below reports what matters
		return true
	})
	return s.db.Close()
}

// Dialect says which database this is.
func (s *Store) Dialect() Dialect { return s.dialect }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// SetClock makes now the clock of the stamps the store writes (created_at, updated_at,
// audit times): a demo's clock, so that no row is stamped after the demo's "now". Set it
// before serving, not while requests run.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// DB exposes the pool for tests and tools that need raw access.
func (s *Store) DB() *sql.DB { return s.db }

type txKey struct{}

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// stmt is query prepared once on the pool (database/sql prepares it again on each
// connection once and keeps it): for the one-row reads made on every request, whose
// parsing SQLite would otherwise repeat each time. Inside a transaction it returns the
// transaction's own statement.
func (s *Store) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	tx, inTx := ctx.Value(txKey{}).(*sql.Tx)
	if v, ok := s.stmts.Load(query); ok {
		if inTx {
			// Prepared again, if need be, on the transaction's own connection.
			return tx.StmtContext(ctx, v.(*sql.Stmt)), nil
		}
		return v.(*sql.Stmt), nil
	}
	if inTx {
		// Not through the pool: that could wait for a connection this transaction
		// holds (SQLite's pool is 8; a write that reads a user under WithTx while
		// the others are taken would wait for itself). The statement ends with the
		// transaction; the next read outside one prepares it on the pool.
		return tx.PrepareContext(ctx, query)
	}
	prep, err := s.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if v, loaded := s.stmts.LoadOrStore(query, prep); loaded {
		_ = prep.Close() // another goroutine prepared it first
		return v.(*sql.Stmt), nil
	}
	return prep, nil
}

// q returns the transaction in ctx, or the pool.
func (s *Store) q(ctx context.Context) querier {
	if tx, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return tx
	}
	return s.db
}

// WithTx runs fn in one transaction carried by the context it is given: it commits when
// fn returns nil and rolls back otherwise — on an error, on a failed commit hook and
// when fn panics (the panic goes on after the rollback), so no path leaves a
// transaction, its locks and its connection behind. A driver error that ends it is
// marked ErrConflict or ErrUnavailable by its code (classify). Nested calls join the
// outer transaction.
func (s *Store) WithTx(ctx context.Context, fn func(ctx context.Context) error) (err error) {
	if _, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return fn(ctx)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return classify(fmt.Errorf("store: begin: %w", err))
	}
	committed := false
	defer func() {
		if committed {
			return
		}
		rbErr := tx.Rollback()
		if p := recover(); p != nil {
			panic(p)
		}
		if rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
			err = errors.Join(err, fmt.Errorf("store: rollback: %w", rbErr))
		}
	}()
	ch := &changes{}
	txCtx := context.WithValue(context.WithValue(ctx, txKey{}, tx), changesKey{}, ch)
	if err := fn(txCtx); err != nil {
		return classify(err)
	}
	// The plan versions move last, so the plan rows stay locked only for the end of
	// the transaction (see PlanChanged).
	if err := s.flushChanges(txCtx, ch); err != nil {
		return err
	}
	if commitHook != nil {
		commitHook(txCtx, s, false)
	}
	committed = true // a failed Commit has ended the transaction too
	if err := tx.Commit(); err != nil {
		return classify(fmt.Errorf("store: commit: %w", err))
	}
	if commitHook != nil {
		commitHook(ctx, s, true)
	}
	return nil
}

// commitHook, set only by the crash test (export_test.go), runs just before and just
// after each commit, so that a child process can be killed at exactly those moments.
var commitHook func(ctx context.Context, s *Store, committed bool)

// InTx reports whether ctx carries a transaction; writes check it so that a multi-row
// write outside one is caught in tests.
func InTx(ctx context.Context) bool {
	_, ok := ctx.Value(txKey{}).(*sql.Tx)
	return ok
}

// insertID runs an INSERT … RETURNING id.
func (s *Store) insertID(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	if err := s.q(ctx).QueryRowContext(ctx, query+" RETURNING id", args...).Scan(&id); err != nil {
		return 0, mapErr(err)
	}
	return id, nil
}

// nullID maps 0 to NULL for optional foreign keys.
func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }
