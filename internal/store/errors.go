package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/lantu-dev/lantu/internal/plan"
)

// ErrNotFound is what every lookup returns for a missing row.
var ErrNotFound = plan.ErrNotFound

// ErrConflict is returned when a row changed since it was read (optimistic locking) or a
// unique key is taken (told by the driver's code: PostgreSQL 23505, SQLite's
// SQLITE_CONSTRAINT_UNIQUE and _PRIMARYKEY).
var ErrConflict = errors.New("conflict")

// ErrUnavailable is returned when the database cannot store now: the disk is full, the
// database is read-only, gone or out of resources. The failed transaction was rolled
// back: nothing of it was saved.
var ErrUnavailable = errors.New("the database cannot store now")

// kind is what a driver error means to lantu.
type kind int

const (
	kindOther kind = iota
	kindUnique
	kindUnavailable
)

// driverKind reads a driver error's code; never its text, which changes with versions
// and locales.
func driverKind(err error) kind {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "23505": // unique_violation
			return kindUnique
		case strings.HasPrefix(pe.Code, "53"), // insufficient resources: 53100 disk_full, 53200 out_of_memory, 53300 too_many_connections
			strings.HasPrefix(pe.Code, "08"),                           // connection exceptions
			pe.Code == "25006",                                         // read_only_sql_transaction (a standby)
			pe.Code == "57P01", pe.Code == "57P02", pe.Code == "57P03", // admin_shutdown, crash_shutdown, cannot_connect_now
			pe.Code == "58030": // io_error
			return kindUnavailable
		}
		return kindOther
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return kindUnavailable
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch code := se.Code(); {
		case code == sqlite3.SQLITE_CONSTRAINT_UNIQUE, code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return kindUnique
		case code&0xff == sqlite3.SQLITE_FULL, code&0xff == sqlite3.SQLITE_IOERR, code&0xff == sqlite3.SQLITE_READONLY,
			code&0xff == sqlite3.SQLITE_CANTOPEN, code&0xff == sqlite3.SQLITE_NOMEM, code&0xff == sqlite3.SQLITE_CORRUPT:
			return kindUnavailable
		}
	}
	return kindOther
}

// classify marks a driver error with lantu's sentinel for it (ErrConflict,
// ErrUnavailable), keeping the driver's error in the chain for the log.
func classify(err error) error {
	if err == nil || errors.Is(err, ErrConflict) || errors.Is(err, ErrUnavailable) {
		return err
	}
	switch driverKind(err) {
	case kindUnique:
		return fmt.Errorf("%w: %w", ErrConflict, err)
	case kindUnavailable:
		return fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	return err
}

// mapErr turns driver errors that mean something to callers into lantu's errors.
func mapErr(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return classify(err)
}
