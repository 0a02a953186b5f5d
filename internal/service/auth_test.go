package service_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// Sessions live in the database; a password change or disabling ends them; an admin
// cannot lock themselves out; the audit log keeps no password hash.
func TestAccounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		sid, _, err := f.svc.Login(ctx, "clerk", "clerk-password-1", "10.0.0.9", "test")
		if err != nil {
			t.Fatal(err)
		}
		p, err := f.svc.Authenticate(ctx, sid)
		if err != nil || p.Login != "clerk" {
			t.Fatalf("session: %+v %v", p, err)
		}
		// A second service on the same database (another app server) knows the session.
		other := service.New(st)
		other.Now = f.svc.Now
		if p2, _ := other.Authenticate(ctx, sid); p2.UserID != p.UserID {
			t.Error("a session is not shared by servers on one database")
		}
		if _, err := f.svc.UpdateUser(ctx, f.reporter, f.other.UserID, service.UserChange{Roles: []auth.Role{auth.RoleAdmin}}); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("a reporter edits a user: %v", err)
		}
		if _, err := f.svc.UpdateUser(ctx, f.admin, f.reporter.UserID, service.UserChange{DisplayName: "张三", Roles: []auth.Role{auth.RoleReporter}, DeptCodes: []string{"commerce"}, Disabled: true}); err != nil {
			t.Fatal(err)
		}
		if p, _ := f.svc.Authenticate(ctx, sid); p.UserID != 0 {
			t.Error("a disabled user's session still works")
		}
		if _, _, err := f.svc.Login(ctx, "clerk", "clerk-password-1", "10.0.0.9", "test"); !errors.Is(err, service.ErrBadCredentials) {
			t.Errorf("a disabled user signs in: %v", err)
		}
		if _, err := f.svc.UpdateUser(ctx, f.admin, f.admin.UserID, service.UserChange{Roles: []auth.Role{auth.RoleLeader}}); err == nil {
			t.Error("an admin demoted themselves")
		}
		es, _ := st.Audit(ctx, auditFilter("user"))
		for _, e := range es {
			if containsAny(e.Before+e.After, "argon2id", "password_hash") {
				t.Errorf("the audit log holds a password hash: %s", e.Action)
			}
		}
	})
}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// The first admin is made once, and takes another name when "admin" is someone else's.
func TestEnsureAdmin(t *testing.T) {
	st := storetest.SQLite(t)
	svc := service.New(st)
	svc.Hasher = auth.NewHasher(auth.WithParams(auth.InsecureTestParams))
	ctx := context.Background()
	if _, _, err := svc.CreateUser(ctx, service.System, service.NewUser{Login: "admin", Roles: []auth.Role{auth.RoleLeader}, Password: "leader-password-1"}); err != nil {
		t.Fatal(err)
	}
	login, password, err := svc.EnsureAdmin(ctx)
	if err != nil || login != "admin2" || password == "" {
		t.Fatalf("first admin: %q %q %v", login, password, err)
	}
	if login, password, err := svc.EnsureAdmin(ctx); err != nil || login != "" || password != "" {
		t.Errorf("second start made another admin: %q %v", login, err)
	}
}

// Issue 8, item 6: a password change and an admin's reset revoke the user's API tokens
// with it, and the token list says so; others' tokens live on.
func TestPasswordChangeRevokesTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		mint := func(login string) string {
			plain, _, err := f.svc.CreateToken(ctx, f.admin, login, "script", time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			return plain
		}
		works := func(tok string) bool {
			p, err := f.svc.AuthenticateToken(ctx, tok)
			return err == nil && p.UserID != 0
		}
		mine, others := mint("clerk"), mint("head")
		if !works(mine) || !works(others) {
			t.Fatal("new tokens do not work")
		}
		if err := f.svc.ChangePassword(ctx, f.reporter, "clerk-password-1", "a-new-Passphrase-77"); err != nil {
			t.Fatal(err)
		}
		if works(mine) {
			t.Error("a token outlives its owner's password change")
		}
		if !works(others) {
			t.Error("another user's token died with the clerk's password")
		}
		ts, err := f.svc.Tokens(ctx, f.reporter)
		if err != nil || len(ts) != 1 || ts[0].RevokedAt.IsZero() {
			t.Errorf("the clerk's tokens after the change: %+v %v, want one listed as revoked", ts, err)
		}
		// An admin's reset.
		again := mint("clerk")
		if _, err := f.svc.SetPassword(ctx, f.admin, "clerk", ""); err != nil {
			t.Fatal(err)
		}
		if works(again) {
			t.Error("a token outlives an admin's password reset")
		}
		ts, _ = f.svc.Tokens(ctx, f.reporter)
		for _, tk := range ts {
			if tk.RevokedAt.IsZero() {
				t.Errorf("token %d is not listed as revoked after the reset", tk.ID)
			}
		}
	})
}

// Issue 8, item 10: when the audit log cannot be written, the write it records fails
// and leaves nothing behind — a failed sign-in included, whose audit row used to be
// dropped without a word.
func TestAuditFailureFailsWrite(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		if _, err := st.DB().ExecContext(ctx, `ALTER TABLE audit_log RENAME TO audit_log_away`); err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.svc.Login(ctx, "clerk", "wrong-password-99", "10.0.0.9", "test"); err == nil || errors.Is(err, service.ErrBadCredentials) {
			t.Errorf("failed sign-in without its audit row: %v, want the audit error", err)
		}
		if _, _, err := f.svc.Login(ctx, "nobody", "wrong-password-99", "10.0.0.9", "test"); err == nil || errors.Is(err, service.ErrBadCredentials) {
			t.Errorf("failed sign-in of an unknown login without its audit row: %v, want the audit error", err)
		}
		if sid, _, err := f.svc.Login(ctx, "clerk", "clerk-password-1", "10.0.0.9", "test"); err == nil {
			t.Errorf("sign-in without its audit row succeeded (session %q)", sid)
		}
		if _, err := f.svc.CreateReport(ctx, f.reporter, f.fdi, service.ReportInput{Period: "2022-03", Value: dec("1"), Cause: "c", Remedy: "r"}); err == nil {
			t.Error("a report was created without its audit row")
		}
		if err := f.svc.ChangePassword(ctx, f.reporter, "clerk-password-1", "a-new-Passphrase-77"); err == nil {
			t.Error("a password was changed without its audit row")
		}
		if _, err := st.DB().ExecContext(ctx, `ALTER TABLE audit_log_away RENAME TO audit_log`); err != nil {
			t.Fatal(err)
		}
		if rs, _ := st.IndicatorReports(ctx, f.fdi); len(rs) != 0 {
			t.Errorf("%d reports stored by writes that failed", len(rs))
		}
		if _, _, err := f.svc.Login(ctx, "clerk", "clerk-password-1", "10.0.0.9", "test"); err != nil {
			t.Errorf("the old password no longer works: %v", err)
		}
	})
}

// Issue 8, item 8: asking for a token of another login answers the same whether the
// login exists or not, for anyone who may not manage every login; a deployment-wide
// admin (who lists every user anyway) is told the login does not exist.
func TestTokenForOthersTellsNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		b := otherRegion(t, f)
		adminB := f.user(t, "admin-b", b, auth.RoleAdmin)
		root := f.user(t, "root", "", auth.RoleAdmin)
		for _, a := range []service.Actor{f.reporter, f.reviewer, adminB} {
			_, _, errExists := f.svc.CreateToken(ctx, a, "office", "x", time.Time{})
			_, _, errUnknown := f.svc.CreateToken(ctx, a, "no-such-login", "x", time.Time{})
			if !errors.Is(errExists, auth.ErrForbidden) || !errors.Is(errUnknown, auth.ErrForbidden) || errExists.Error() != errUnknown.Error() {
				t.Errorf("%s: existing login %v, unknown login %v: want one and the same refusal", a.Login, errExists, errUnknown)
			}
		}
		if _, _, err := f.svc.CreateToken(ctx, root, "no-such-login", "x", time.Time{}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deployment-wide admin, unknown login: %v, want not found", err)
		}
		if _, _, err := f.svc.CreateToken(ctx, f.admin, "clerk", "x", time.Time{}); err != nil {
			t.Errorf("the region's admin, a login of the region: %v", err)
		}
	})
}
