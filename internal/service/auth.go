package service

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/lantu-dev/lantu/internal/audit"
	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/store"
)

// ErrBadCredentials is the one answer to a wrong login name or password, so that a
// guesser learns neither.
var ErrBadCredentials = errors.New("wrong login name or password")

// RateLimitedError says sign-in is refused for a while.
type RateLimitedError struct{ RetryAfter time.Duration }

func (e *RateLimitedError) Error() string {
	return fmt.Sprintf("too many failed sign-ins; try again in %d seconds", int(e.RetryAfter.Seconds()+0.5))
}

// userView is what the audit log keeps of a user: never the password hash.
func userView(u auth.User) map[string]any {
	return map[string]any{"login": u.Login, "display_name": u.DisplayName, "roles": u.Roles, "departments": u.DeptIDs,
		"region_id": u.RegionID, "disabled": u.Disabled, "must_change_password": u.MustChangePassword}
}

// EnsureAdmin creates the first admin when the database has none, with a generated
// one-time password that must be changed at first sign-in. It returns the password only
// when it created the user; the caller shows it once on the console, never in a log.
func (s *Service) EnsureAdmin(ctx context.Context) (login, password string, err error) {
	err = s.store.WithTx(ctx, func(ctx context.Context) error {
		n, err := s.store.CountAdmins(ctx)
		if err != nil || n > 0 {
			return err
		}
		// "admin", or "admin2", "admin3" … when that name belongs to a disabled or demoted user.
		login = "admin"
		for n := 2; ; n++ {
			if _, err := s.store.UserByLogin(ctx, login); errors.Is(err, store.ErrNotFound) {
				break
			} else if err != nil {
				return err
			}
			login = "admin" + strconv.Itoa(n)
		}
		password = auth.GeneratePassword()
		u := auth.User{Login: login, DisplayName: "系统管理员", Roles: []auth.Role{auth.RoleAdmin},
			PasswordHash: s.Hasher.Hash(password), MustChangePassword: true}
		if err := s.store.CreateUser(ctx, &u); err != nil {
			return err
		}
		return s.record(ctx, System, u.RegionID, "user.create", "user", u.ID, nil, userView(u), "first start: initial admin")
	})
	if err != nil {
		return "", "", fmt.Errorf("create the first admin: %w", err)
	}
	return login, password, nil
}

// NewUser is what it takes to create a user.
type NewUser struct {
	Login       string
	DisplayName string
	Roles       []auth.Role
	DeptCodes   []string
	RegionCode  string // empty: the only region, or deployment-wide when there are several
	Password    string // empty: generate one, to be changed at first sign-in
}

// CreateUser adds a user and returns the password it was given (generated when none was).
func (s *Service) CreateUser(ctx context.Context, a Actor, nu NewUser) (auth.User, string, error) {
	u := auth.User{Login: auth.NormalizeLogin(nu.Login), DisplayName: strings.TrimSpace(nu.DisplayName), Roles: nu.Roles}
	if u.DisplayName == "" {
		u.DisplayName = u.Login
	}
	password := nu.Password
	if password == "" {
		password = auth.GeneratePassword()
		u.MustChangePassword = true
	} else if err := auth.CheckPassword(password, u.Login, u.DisplayName); err != nil {
		return u, "", err
	}
	if err := u.Validate(); err != nil {
		return u, "", err
	}
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		regionID, err := s.resolveRegion(ctx, nu.RegionCode)
		if err != nil {
			return err
		}
		u.RegionID = regionID
		if err := s.can(a, auth.UserManage, auth.Resource{RegionID: regionID}); err != nil {
			return err
		}
		for _, code := range nu.DeptCodes {
			d, err := s.store.DepartmentByCode(ctx, regionID, code)
			if err != nil {
				return fmt.Errorf("department %q: %w", code, err)
			}
			u.DeptIDs = append(u.DeptIDs, d.ID)
		}
		u.PasswordHash = s.Hasher.Hash(password)
		if err := s.store.CreateUser(ctx, &u); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return &auth.FieldError{Field: "login", Code: "duplicate", Message: fmt.Sprintf("login %q is taken", u.Login)}
			}
			return err
		}
		return s.record(ctx, a, u.RegionID, "user.create", "user", u.ID, nil, userView(u), "")
	})
	if err != nil {
		return u, "", err
	}
	return u, password, nil
}

// resolveRegion finds a region by code; with no code, the only region there is (a
// single-district deployment), else 0 (deployment-wide).
func (s *Service) resolveRegion(ctx context.Context, code string) (int64, error) {
	regions, err := s.store.Regions(ctx)
	if err != nil {
		return 0, err
	}
	if code == "" {
		if len(regions) == 1 {
			return regions[0].ID, nil
		}
		return 0, nil
	}
	for _, r := range regions {
		if r.Code == code {
			return r.ID, nil
		}
	}
	return 0, fmt.Errorf("region %q: %w", code, store.ErrNotFound)
}

// Users lists the users of the admin's region and of the regions under it (a city's
// office lists its districts'; every user for a deployment-wide admin and the command
// line), filtered in the query; the city's admin edits them too.
func (s *Service) Users(ctx context.Context, a Actor) ([]auth.User, error) {
	if err := s.can(a, auth.UserManage, auth.Resource{RegionID: a.RegionID}); err != nil {
		return nil, err
	}
	return s.store.Users(ctx, a.RegionID)
}

// SetPassword sets a user's password from the command line or by an admin; the user
// must change it at next sign-in unless they set it themselves. Every session ends and
// every API token of the user is revoked.
func (s *Service) SetPassword(ctx context.Context, a Actor, login, password string) (string, error) {
	login = auth.NormalizeLogin(login)
	generated := password == ""
	if generated {
		password = auth.GeneratePassword()
	} else if err := auth.CheckPassword(password, login); err != nil {
		return "", err
	}
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		u, err := s.store.UserByLogin(ctx, login)
		if err != nil {
			return err
		}
		if err := s.can(a, auth.UserManage, auth.Resource{RegionID: u.RegionID}); err != nil {
			return err
		}
		if !generated {
			if err := auth.CheckPassword(password, login, u.DisplayName); err != nil {
				return err
			}
		}
		if err := s.store.SetPassword(ctx, u.ID, s.Hasher.Hash(password), true); err != nil {
			return err
		}
		note, err := s.endAccess(ctx, u.ID)
		if err != nil {
			return err
		}
		return s.record(ctx, a, u.RegionID, "user.password_reset", "user", u.ID, nil, nil, note)
	})
	return password, err
}

// endAccess ends every session of a user and revokes their API tokens, in the
// transaction of a password change or reset: whoever held the old password may have
// made them. It returns the audit note.
func (s *Service) endAccess(ctx context.Context, userID int64) (string, error) {
	if err := s.store.DeleteUserSessions(ctx, userID); err != nil {
		return "", fmt.Errorf("end the sessions of user %d: %w", userID, err)
	}
	n, err := s.store.RevokeUserTokens(ctx, userID, s.Now())
	if err != nil {
		return "", err
	}
	if n == 0 {
		return "", nil
	}
	return fmt.Sprintf("%d API tokens revoked", n), nil
}

// ChangePassword lets a signed-in user replace their own password; their sessions end
// and their API tokens are revoked.
func (s *Service) ChangePassword(ctx context.Context, a Actor, old, fresh string) error {
	if a.UserID == 0 {
		return auth.ErrUnauthenticated
	}
	if err := auth.CheckPassword(fresh, a.Login, a.DisplayName); err != nil {
		return err
	}
	return s.store.WithTx(ctx, func(ctx context.Context) error {
		u, err := s.store.UserByID(ctx, a.UserID)
		if err != nil {
			return err
		}
		ok, err := s.Hasher.Verify(old, u.PasswordHash)
		if err != nil || !ok {
			return ErrBadCredentials
		}
		if old == fresh {
			return &auth.PasswordError{Code: "same_as_old"}
		}
		if err := s.store.SetPassword(ctx, u.ID, s.Hasher.Hash(fresh), false); err != nil {
			return err
		}
		note, err := s.endAccess(ctx, u.ID)
		if err != nil {
			return err
		}
		return s.record(ctx, a, u.RegionID, "user.password_change", "user", u.ID, nil, nil, note)
	})
}

// Login checks a password and opens a session; it returns the session's secret id for
// the cookie. Failures are counted per name and per address.
func (s *Service) Login(ctx context.Context, login, password, addr, userAgent string) (string, auth.User, error) {
	now := s.Now()
	login = auth.NormalizeLogin(login)
	if ok, retry := s.Limiter.Allow(login, addr, now); !ok {
		return "", auth.User{}, &RateLimitedError{RetryAfter: retry}
	}
	u, err := s.store.UserByLogin(ctx, login)
	if err != nil || u.Disabled || u.PasswordHash == "" {
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return "", u, err
		}
		s.Hasher.VerifyNothing(password)
		s.Limiter.Fail(login, addr, now)
		if err := s.audit(ctx, Actor{Principal: auth.Principal{Login: login}, Address: addr}, u.RegionID, "user.login_failed", "user", u.ID, ""); err != nil {
			return "", auth.User{}, err
		}
		return "", auth.User{}, ErrBadCredentials
	}
	ok, err := s.Hasher.Verify(password, u.PasswordHash)
	if err != nil || !ok {
		s.Limiter.Fail(login, addr, now)
		if err := s.audit(ctx, Actor{Principal: auth.Principal{UserID: u.ID, Login: login}, Address: addr}, u.RegionID, "user.login_failed", "user", u.ID, ""); err != nil {
			return "", auth.User{}, err
		}
		return "", auth.User{}, ErrBadCredentials
	}
	s.Limiter.Succeed(login, addr)
	plain, hash := auth.NewSessionID()
	err = s.store.WithTx(ctx, func(ctx context.Context) error {
		if s.Hasher.NeedsRehash(u.PasswordHash) {
			if err := s.store.SetPassword(ctx, u.ID, s.Hasher.Hash(password), u.MustChangePassword); err != nil {
				return err
			}
		}
		if err := s.store.CreateSession(ctx, auth.Session{IDHash: hash, UserID: u.ID, CreatedAt: now, LastSeenAt: now, Addr: addr, UserAgent: truncate(userAgent, 200)}); err != nil {
			return err
		}
		return s.record(ctx, Actor{Principal: auth.Principal{UserID: u.ID, Login: u.Login}, Address: addr}, u.RegionID, "user.login", "user", u.ID, nil, nil, "")
	})
	if err != nil {
		return "", u, err
	}
	return plain, u, nil
}

// audit writes an entry outside any use-case transaction (a failed sign-in, which
// changes nothing else). Its failure is the caller's failure: a sign-in that cannot be
// recorded is refused with the store's error, not answered as a wrong password.
func (s *Service) audit(ctx context.Context, a Actor, regionID int64, action, entity string, id int64, note string) error {
	err := s.store.AppendAudit(ctx, &audit.Entry{At: s.Now(), RegionID: regionID, UserID: a.UserID, UserLogin: a.Login, Action: action,
		Entity: entity, EntityID: id, Address: a.Address, Note: note})
	if err != nil {
		return fmt.Errorf("record %s of %q: %w", action, a.Login, err)
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// Authenticate turns a session cookie into the principal it belongs to; an unknown or
// expired session is anonymous.
func (s *Service) Authenticate(ctx context.Context, sessionID string) (auth.Principal, error) {
	if sessionID == "" {
		return auth.Anonymous(), nil
	}
	hash := auth.HashSessionID(sessionID)
	sess, err := s.store.Session(ctx, hash)
	if errors.Is(err, store.ErrNotFound) {
		return auth.Anonymous(), nil
	} else if err != nil {
		return auth.Anonymous(), err
	}
	now := s.Now()
	if !s.Sessions.Valid(sess, now) {
		return auth.Anonymous(), s.store.DeleteSession(ctx, hash)
	}
	u, err := s.store.UserByID(ctx, sess.UserID)
	if err != nil {
		return auth.Anonymous(), err
	}
	p, err := auth.NewPrincipal(u)
	if err != nil {
		return auth.Anonymous(), nil
	}
	if s.Sessions.NeedsTouch(sess, now) {
		if err := s.store.TouchSession(ctx, hash, now); err != nil {
			return p, err
		}
	}
	return p, nil
}

// AuthenticateToken turns an API token into the principal of its owner.
func (s *Service) AuthenticateToken(ctx context.Context, token string) (auth.Principal, error) {
	if !auth.LooksLikeToken(token) {
		return auth.Anonymous(), auth.ErrUnauthenticated
	}
	t, err := s.store.TokenByHash(ctx, auth.HashToken(token))
	if errors.Is(err, store.ErrNotFound) {
		return auth.Anonymous(), auth.ErrUnauthenticated
	} else if err != nil {
		return auth.Anonymous(), err
	}
	now := s.Now()
	if !t.Usable(now) {
		return auth.Anonymous(), auth.ErrUnauthenticated
	}
	u, err := s.store.UserByID(ctx, t.UserID)
	if err != nil {
		return auth.Anonymous(), err
	}
	p, err := auth.NewPrincipal(u)
	if err != nil {
		return auth.Anonymous(), auth.ErrUnauthenticated
	}
	if t.LastUsedAt.IsZero() || now.Sub(t.LastUsedAt) > time.Minute {
		_ = s.store.TouchToken(ctx, t.ID, now)
	}
	return p, nil
}

// Logout ends a session.
func (s *Service) Logout(ctx context.Context, a Actor, sessionID string) error {
	if sessionID == "" {
		return nil
	}
	return s.store.WithTx(ctx, func(ctx context.Context) error {
		if err := s.store.DeleteSession(ctx, auth.HashSessionID(sessionID)); err != nil {
			return err
		}
		if a.UserID == 0 {
			return nil
		}
		return s.record(ctx, a, a.RegionID, "user.logout", "user", a.UserID, nil, nil, "")
	})
}

// CreateToken makes an API token for a user and returns its text, shown once.
func (s *Service) CreateToken(ctx context.Context, a Actor, login, name string, expires time.Time) (string, auth.APIToken, error) {
	plain, hash := auth.NewToken()
	t := auth.APIToken{Name: name, Hash: hash, Hint: auth.TokenHint(plain), CreatedAt: s.Now(), ExpiresAt: expires}
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		u, err := s.store.UserByLogin(ctx, auth.NormalizeLogin(login))
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		// Whoever may not manage every login's tokens gets one answer for a login that
		// does not exist and one they may not manage, so the endpoint tells nobody
		// which logins exist. A deployment-wide admin (who lists every user) is told.
		refused := &auth.DeniedError{Action: auth.TokenManageAny, Reason: "no login of that name the user may manage"}
		if errors.Is(err, store.ErrNotFound) {
			if s.can(a, auth.TokenManageAny, auth.Resource{}) == nil && a.RegionID == 0 {
				return err
			}
			return refused
		}
		action := auth.TokenManageAny
		if u.ID == a.UserID {
			action = auth.TokenManageOwn
		}
		if err := s.can(a, action, auth.Resource{RegionID: u.RegionID, OwnerUserID: u.ID}); err != nil {
			if errors.Is(err, auth.ErrUnauthenticated) {
				return err
			}
			return refused
		}
		t.UserID = u.ID
		if err := s.store.CreateToken(ctx, &t); err != nil {
			return err
		}
		return s.record(ctx, a, u.RegionID, "token.create", "token", t.ID, nil, map[string]any{"user": u.Login, "name": name, "hint": t.Hint}, "")
	})
	if err != nil {
		return "", t, err
	}
	return plain, t, nil
}

// RevokeToken ends an API token.
func (s *Service) RevokeToken(ctx context.Context, a Actor, id int64) error {
	return s.store.WithTx(ctx, func(ctx context.Context) error {
		t, err := s.store.Token(ctx, id)
		if err != nil {
			return err
		}
		u, err := s.store.UserByID(ctx, t.UserID)
		if err != nil {
			return err
		}
		action := auth.TokenManageAny
		if t.UserID == a.UserID {
			action = auth.TokenManageOwn
		}
		if err := s.can(a, action, auth.Resource{RegionID: u.RegionID, OwnerUserID: t.UserID}); err != nil {
			return err
		}
		if err := s.store.RevokeToken(ctx, id, s.Now()); err != nil {
			return err
		}
		return s.record(ctx, a, u.RegionID, "token.revoke", "token", id, nil, nil, "")
	})
}

// Tokens lists the tokens an actor may see: their own, or for an admin those of the
// users of the admin's region and the regions under it (everyone's for a
// deployment-wide admin).
func (s *Service) Tokens(ctx context.Context, a Actor) ([]auth.APIToken, error) {
	if s.can(a, auth.TokenManageAny, auth.Resource{RegionID: a.RegionID}) == nil {
		return s.store.Tokens(ctx, 0, a.RegionID)
	}
	if a.UserID == 0 {
		return nil, auth.ErrUnauthenticated
	}
	return s.store.Tokens(ctx, a.UserID, 0)
}

// Audit reads the audit log, for those allowed to: a region's readers that region's
// entries and those of the regions under it (a city's, its districts'), in the query;
// a deployment-wide reader every entry.
func (s *Service) Audit(ctx context.Context, a Actor, f audit.Filter) ([]audit.Entry, error) {
	if err := s.can(a, auth.AuditRead, auth.Resource{RegionID: a.RegionID}); err != nil {
		return nil, err
	}
	f.RegionID = a.RegionID
	return s.store.Audit(ctx, f)
}

// CSRFSecret is the deployment's CSRF key, shared by every server on the database.
func (s *Service) CSRFSecret(ctx context.Context) ([]byte, error) {
	v, err := s.store.Secret(ctx, "csrf", func() string { return hex.EncodeToString(auth.NewCSRFSecret()) })
	if err != nil {
		return nil, err
	}
	return hex.DecodeString(v)
}

// UserChange is an admin's edit of a user: name, roles, departments, and whether the
// account is disabled. Disabling ends every session of the user.
type UserChange struct {
	DisplayName string
	Roles       []auth.Role
	DeptCodes   []string
	Disabled    bool
}

// UpdateUser applies an admin's edit to a user. An admin may not disable or demote
// themselves, so that a deployment always keeps one.
func (s *Service) UpdateUser(ctx context.Context, a Actor, userID int64, ch UserChange) (auth.User, error) {
	var u auth.User
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		before, err := s.store.UserByID(ctx, userID)
		if err != nil {
			return err
		}
		if err := s.can(a, auth.UserManage, auth.Resource{RegionID: before.RegionID}); err != nil {
			return err
		}
		u = before
		u.DisplayName, u.Roles, u.Disabled, u.DeptIDs = strings.TrimSpace(ch.DisplayName), ch.Roles, ch.Disabled, nil
		if u.DisplayName == "" {
			u.DisplayName = u.Login
		}
		for _, code := range ch.DeptCodes {
			d, err := s.store.DepartmentByCode(ctx, u.RegionID, code)
			if err != nil {
				return &auth.FieldError{Field: "departments", Code: "invalid", Message: fmt.Sprintf("department %q: %v", code, err)}
			}
			u.DeptIDs = append(u.DeptIDs, d.ID)
		}
		if err := u.Validate(); err != nil {
			return err
		}
		if userID == a.UserID && (u.Disabled || !u.HasRole(auth.RoleAdmin)) && before.HasRole(auth.RoleAdmin) {
			return &auth.FieldError{Field: "roles", Code: "invalid", Message: "an admin may not disable or demote themselves"}
		}
		if err := s.store.UpdateUser(ctx, &u); err != nil {
			return err
		}
		if u.Disabled && !before.Disabled {
			if err := s.store.DeleteUserSessions(ctx, u.ID); err != nil {
				return err
			}
		}
		return s.record(ctx, a, u.RegionID, "user.update", "user", u.ID, userView(before), userView(u), "")
	})
	return u, err
}

// UserByID reads a user for an admin.
func (s *Service) UserByID(ctx context.Context, a Actor, id int64) (auth.User, error) {
	u, err := s.store.UserByID(ctx, id)
	if err != nil {
		return u, err
	}
	return u, s.can(a, auth.UserManage, auth.Resource{RegionID: u.RegionID})
}
