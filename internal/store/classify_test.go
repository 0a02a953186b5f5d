package store

import (
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// Driver errors are told by their codes, never by their text.
func TestClassifyByCode(t *testing.T) {
	for _, c := range []struct {
		name string
		err  error
		want error
	}{
		{"pg unique", &pgconn.PgError{Code: "23505"}, ErrConflict},
		{"pg disk full", &pgconn.PgError{Code: "53100"}, ErrUnavailable},
		{"pg out of memory", &pgconn.PgError{Code: "53200"}, ErrUnavailable},
		{"pg read-only standby", &pgconn.PgError{Code: "25006"}, ErrUnavailable},
		{"pg shutting down", &pgconn.PgError{Code: "57P01"}, ErrUnavailable},
		{"pg wrapped", fmt.Errorf("store: create user: %w", &pgconn.PgError{Code: "23505"}), ErrConflict},
		{"pg foreign key", &pgconn.PgError{Code: "23503"}, nil},
		{"text alone is not a code", errors.New("UNIQUE constraint failed: users.login"), nil},
		{"text alone is not a code (pg)", errors.New("ERROR: duplicate key (SQLSTATE 23505)"), nil},
		{"text alone is not a code (full)", errors.New("database or disk is full"), nil},
	} {
		got := classify(c.err)
		for _, s := range []error{ErrConflict, ErrUnavailable} {
			if errors.Is(got, s) != (s == c.want) {
				t.Errorf("%s: classify(%v) = %v, want %v", c.name, c.err, got, c.want)
			}
		}
		if !errors.Is(got, c.err) {
			t.Errorf("%s: the driver's error is lost from the chain", c.name)
		}
	}
}
