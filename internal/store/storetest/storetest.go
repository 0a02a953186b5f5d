// Package storetest gives tests a fresh, migrated Store on each database lantu supports:
// SQLite always, PostgreSQL when LANTU_TEST_DATABASE_URL is set. Every PostgreSQL test gets
// a schema of its own, dropped when it ends, so tests never see each other's rows.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/lantu-dev/lantu/internal/store"
)

// EnvURL names the PostgreSQL server tests may use; EnvRequire, when "1", turns a missing
// server into a failure instead of a skip (CI sets it).
const (
	EnvURL     = "LANTU_TEST_DATABASE_URL"
	EnvRequire = "LANTU_REQUIRE_POSTGRES"
)

// Each runs fn once per database, as subtests named "sqlite" and "postgres".
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// SQLite opens a migrated store in a temporary file.
func SQLite(t testing.TB) *store.Store {
	t.Helper()
	return open(t, filepath.Join(t.TempDir(), "lantu.db"))
}

// PostgresURL returns a URL to a fresh, empty schema of the test server (dropped at the
// end of the test), or skips the test when no server is configured.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvURL)
	if base == "" {
		if os.Getenv(EnvRequire) == "1" {
			t.Fatalf("%s is not set but %s=1: the PostgreSQL tests must run here", EnvURL, EnvRequire)
		}
		t.Skipf("%s not set: PostgreSQL tests skipped", EnvURL)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open %s: %v", EnvURL, err)
	}
	t.Cleanup(func() {
		if err := admin.Close(); err != nil {
			t.Errorf("close the admin connection: %v", err)
		}
	})
	b := make([]byte, 6)
	rand.Read(b)
	schema := "lantu_test_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(context.Background(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", EnvURL, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Postgres opens a migrated store on a fresh schema of the test server, or skips.
func Postgres(t testing.TB) *store.Store {
	t.Helper()
	return open(t, PostgresURL(t))
}

func open(t testing.TB, dsn string) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	if err := s.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return s
}
