package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// A read through a prepared statement inside a transaction prepares it on the
// transaction's connection, not through the pool: with every connection of the pool
// taken (here the pool is one, held by the transaction) it must not wait for itself.
func TestPreparedReadInTxDoesNotWaitForThePool(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		s.DB().SetMaxOpenConns(1)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err := s.WithTx(ctx, func(ctx context.Context) error {
			u := auth.User{Login: "one", DisplayName: "一", Roles: []auth.Role{auth.RoleLeader}, PasswordHash: "x"}
			if err := s.CreateUser(ctx, &u); err != nil {
				return err
			}
			got, err := s.UserByID(ctx, u.ID) // not prepared yet: this store has not read a user
			if err != nil {
				return err
			}
			if got.Login != "one" || len(got.Roles) != 1 {
				t.Errorf("read %+v", got)
			}
			if _, err := s.UserByLogin(ctx, "one"); err != nil { // fillUser's statements
				return err
			}
			return s.SetPassword(ctx, u.ID, "y", false)
		})
		if err != nil {
			t.Fatalf("a transaction reading a user with a pool of one: %v", err)
		}
		// Outside the transaction the statements are prepared on the pool as before.
		if _, err := s.UserByLogin(ctx, "one"); err != nil {
			t.Fatal(err)
		}
	})
}
