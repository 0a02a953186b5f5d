package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

func createUser(ctx context.Context, s *store.Store, login string) error {
	return s.WithTx(ctx, func(ctx context.Context) error {
		return s.CreateUser(ctx, &auth.User{Login: login, DisplayName: strings.Repeat("名", 300), PasswordHash: "x", Roles: []auth.Role{auth.RoleLeader}})
	})
}

// A taken unique key is ErrConflict on both databases, told by the driver's code.
func TestUniqueViolationIsConflict(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if err := createUser(ctx, s, "twice"); err != nil {
			t.Fatal(err)
		}
		err := createUser(ctx, s, "twice")
		if !errors.Is(err, store.ErrConflict) {
			t.Fatalf("second user with the same login: %v, want ErrConflict", err)
		}
		if errors.Is(err, store.ErrUnavailable) {
			t.Errorf("a taken login reads as unavailable: %v", err)
		}
	})
}

// A full SQLite database (max_page_count reached: SQLITE_FULL) is ErrUnavailable, and
// the failed transaction leaves nothing behind.
func TestFullDatabaseIsUnavailable(t *testing.T) {
	ctx := context.Background()
	s := storetest.SQLite(t)
	db := s.DB()
	db.SetMaxOpenConns(1) // the pragma is per connection: keep one
	var pages int
	if err := db.QueryRow(`PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(fmt.Sprintf(`PRAGMA max_page_count = %d`, pages)); err != nil {
		t.Fatal(err)
	}
	var err error
	n := 0
	for ; n < 2000 && err == nil; n++ {
		err = createUser(ctx, s, fmt.Sprintf("user%04d", n))
	}
	if !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("after %d users: %v, want ErrUnavailable", n, err)
	}
	if errors.Is(err, store.ErrConflict) {
		t.Errorf("a full disk reads as a conflict: %v", err)
	}
	var left int
	if err := db.QueryRow(`SELECT count(*) FROM users WHERE login = $1`, fmt.Sprintf("user%04d", n-1)).Scan(&left); err != nil || left != 0 {
		t.Errorf("the failed user was kept: %d %v", left, err)
	}
}
