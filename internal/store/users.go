package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/lantu-dev/lantu/internal/auth"
)

const userColumns = `id, login, display_name, COALESCE(region_id, 0), password_hash, must_change_password, disabled, created_at, updated_at`

func scanUser(row interface{ Scan(...any) error }) (auth.User, error) {
	var u auth.User
	err := row.Scan(&u.ID, &u.Login, &u.DisplayName, &u.RegionID, &u.PasswordHash, &u.MustChangePassword, &u.Disabled, &u.CreatedAt, &u.UpdatedAt)
	u.CreatedAt, u.UpdatedAt = u.CreatedAt.UTC(), u.UpdatedAt.UTC()
	return u, err
}

// Who is asking is read on every signed-in request (a session or API token, its user,
// the user's roles and departments: never kept, so that a revoked token, a disabled
// user or a changed role counts at once); those reads use statements prepared once
// (with SQLite, preparing them was a fifth of a kept page's CPU).

// prepared runs a query read on every request through its prepared statement.
func (s *Store) prepared(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := s.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// preparedRow is prepared for one row.
func (s *Store) preparedRow(ctx context.Context, query string, args ...any) rowScanner {
	st, err := s.stmt(ctx, query)
	if err != nil {
		return errRow{err}
	}
	return st.QueryRowContext(ctx, args...)
}

type rowScanner interface{ Scan(...any) error }

// errRow is a row whose statement could not be prepared.
type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// fillUser loads a user's roles and departments.
func (s *Store) fillUser(ctx context.Context, u *auth.User) error {
	rows, err := s.prepared(ctx, `SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role`, u.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var r auth.Role
		if err := rows.Scan(&r); err != nil {
			rows.Close()
			return err
		}
		u.Roles = append(u.Roles, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = s.prepared(ctx, `SELECT department_id FROM user_departments WHERE user_id = $1 ORDER BY department_id`, u.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		u.DeptIDs = append(u.DeptIDs, id)
	}
	return rows.Err()
}

// UserByID reads a user with roles and departments, in one query (it is read on every
// signed-in request: on PostgreSQL each query is a round trip and a backend's work).
func (s *Store) UserByID(ctx context.Context, id int64) (auth.User, error) {
	roleAgg, deptAgg := `string_agg(role, ',')`, `string_agg(CAST(department_id AS TEXT), ',')`
	if s.dialect == SQLite {
		roleAgg, deptAgg = `group_concat(role, ',')`, `group_concat(department_id, ',')`
	}
	var u auth.User
	var roles, depts sql.NullString
	err := s.preparedRow(ctx, `SELECT `+userColumns+`,
		(SELECT `+roleAgg+` FROM user_roles WHERE user_id = users.id),
		(SELECT `+deptAgg+` FROM user_departments WHERE user_id = users.id)
		FROM users WHERE id = $1`, id).
		Scan(&u.ID, &u.Login, &u.DisplayName, &u.RegionID, &u.PasswordHash, &u.MustChangePassword, &u.Disabled, &u.CreatedAt, &u.UpdatedAt, &roles, &depts)
	if err != nil {
		return u, fmt.Errorf("store: user %d: %w", id, mapErr(err))
	}
	u.CreatedAt, u.UpdatedAt = u.CreatedAt.UTC(), u.UpdatedAt.UTC()
	if roles.String != "" {
		for _, r := range strings.Split(roles.String, ",") {
			u.Roles = append(u.Roles, auth.Role(r))
		}
		slices.Sort(u.Roles) // as fillUser reads them
	}
	if depts.String != "" {
		for _, d := range strings.Split(depts.String, ",") {
			n, err := strconv.ParseInt(d, 10, 64)
			if err != nil {
				return u, fmt.Errorf("store: user %d: department %q: %w", id, d, err)
			}
			u.DeptIDs = append(u.DeptIDs, n)
		}
		slices.Sort(u.DeptIDs)
	}
	return u, nil
}

// UserByLogin reads a user by login name.
func (s *Store) UserByLogin(ctx context.Context, login string) (auth.User, error) {
	u, err := scanUser(s.q(ctx).QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE login = $1`, login))
	if err != nil {
		return u, fmt.Errorf("store: user %q: %w", login, mapErr(err))
	}
	return u, s.fillUser(ctx, &u)
}

// Users lists the users of a region and of the regions under it (a city's districts)
// by login; every user when regionID is 0 (for a deployment-wide reader).
func (s *Store) Users(ctx context.Context, regionID int64) ([]auth.User, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT `+userColumns+` FROM users WHERE $1 = 0 OR region_id IN `+regionSubtree(1)+` ORDER BY login`, regionID)
	if err != nil {
		return nil, fmt.Errorf("store: list users: %w", err)
	}
	var out []auth.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: list users: %w", err)
		}
		out = append(out, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if err := s.fillUser(ctx, &out[i]); err != nil {
			return nil, fmt.Errorf("store: list users: %w", err)
		}
	}
	return out, nil
}

// CountAdmins counts enabled users with the admin role.
func (s *Store) CountAdmins(ctx context.Context) (int, error) {
	var n int
	err := s.q(ctx).QueryRowContext(ctx, `SELECT count(*) FROM users u JOIN user_roles r ON r.user_id = u.id
		WHERE r.role = 'admin' AND NOT u.disabled`).Scan(&n)
	return n, err
}

// CreateUser writes a new user with roles and departments. Call it inside WithTx.
func (s *Store) CreateUser(ctx context.Context, u *auth.User) error {
	now := s.now()
	u.CreatedAt, u.UpdatedAt = now, now
	id, err := s.insertID(ctx, `INSERT INTO users (login, display_name, region_id, password_hash, must_change_password, disabled, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, u.Login, u.DisplayName, nullID(u.RegionID), u.PasswordHash, u.MustChangePassword, u.Disabled, now, now)
	if err != nil {
		return fmt.Errorf("store: create user %q: %w", u.Login, err)
	}
	u.ID = id
	return s.setUserRolesDepts(ctx, u)
}

func (s *Store) setUserRolesDepts(ctx context.Context, u *auth.User) error {
	if _, err := s.q(ctx).ExecContext(ctx, `DELETE FROM user_roles WHERE user_id = $1`, u.ID); err != nil {
		return err
	}
	if _, err := s.q(ctx).ExecContext(ctx, `DELETE FROM user_departments WHERE user_id = $1`, u.ID); err != nil {
		return err
	}
	for _, r := range u.Roles {
		if _, err := s.q(ctx).ExecContext(ctx, `INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, u.ID, string(r)); err != nil {
			return fmt.Errorf("store: user %q role %s: %w", u.Login, r, err)
		}
	}
	sort.Slice(u.DeptIDs, func(i, j int) bool { return u.DeptIDs[i] < u.DeptIDs[j] })
	for _, d := range u.DeptIDs {
		if _, err := s.q(ctx).ExecContext(ctx, `INSERT INTO user_departments (user_id, department_id) VALUES ($1, $2)`, u.ID, d); err != nil {
			return fmt.Errorf("store: user %q department %d: %w", u.Login, d, mapErr(err))
		}
	}
	return nil
}

// UpdateUser writes a user's name, region, flags, roles and departments (not the password).
func (s *Store) UpdateUser(ctx context.Context, u *auth.User) error {
	u.UpdatedAt = s.now()
	res, err := s.q(ctx).ExecContext(ctx, `UPDATE users SET display_name = $1, region_id = $2, must_change_password = $3, disabled = $4, updated_at = $5 WHERE id = $6`,
		u.DisplayName, nullID(u.RegionID), u.MustChangePassword, u.Disabled, u.UpdatedAt, u.ID)
	if err != nil {
		return fmt.Errorf("store: update user %q: %w", u.Login, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: update user %q: %w", u.Login, ErrNotFound)
	}
	return s.setUserRolesDepts(ctx, u)
}

// SetPassword stores a new password hash and whether it must be changed at next sign-in.
func (s *Store) SetPassword(ctx context.Context, userID int64, hash string, mustChange bool) error {
	res, err := s.q(ctx).ExecContext(ctx, `UPDATE users SET password_hash = $1, must_change_password = $2, updated_at = $3 WHERE id = $4`,
		hash, mustChange, s.now(), userID)
	if err != nil {
		return fmt.Errorf("store: set password of user %d: %w", userID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: set password of user %d: %w", userID, ErrNotFound)
	}
	return nil
}

// CreateSession stores a session by the hash of its id.
func (s *Store) CreateSession(ctx context.Context, sess auth.Session) error {
	_, err := s.q(ctx).ExecContext(ctx, `INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, addr, user_agent) VALUES ($1, $2, $3, $4, $5, $6)`,
		sess.IDHash, sess.UserID, sess.CreatedAt.UTC(), sess.LastSeenAt.UTC(), sess.Addr, sess.UserAgent)
	if err != nil {
		return fmt.Errorf("store: create session: %w", err)
	}
	return nil
}

// Session reads a session by the hash of its id.
func (s *Store) Session(ctx context.Context, idHash string) (auth.Session, error) {
	var sess auth.Session
	err := s.preparedRow(ctx, `SELECT id_hash, user_id, created_at, last_seen_at, addr, user_agent FROM sessions WHERE id_hash = $1`, idHash).
		Scan(&sess.IDHash, &sess.UserID, &sess.CreatedAt, &sess.LastSeenAt, &sess.Addr, &sess.UserAgent)
	if err != nil {
		return sess, fmt.Errorf("store: session: %w", mapErr(err))
	}
	sess.CreatedAt, sess.LastSeenAt = sess.CreatedAt.UTC(), sess.LastSeenAt.UTC()
	return sess, nil
}

// TouchSession records that a session was used.
func (s *Store) TouchSession(ctx context.Context, idHash string, at time.Time) error {
	_, err := s.q(ctx).ExecContext(ctx, `UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2`, at.UTC(), idHash)
	return err
}

// DeleteSession ends one session.
func (s *Store) DeleteSession(ctx context.Context, idHash string) error {
	_, err := s.q(ctx).ExecContext(ctx, `DELETE FROM sessions WHERE id_hash = $1`, idHash)
	return err
}

// DeleteUserSessions ends every session of a user (password change, disabling).
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64) error {
	_, err := s.q(ctx).ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID)
	return err
}

// DeleteSessionsBefore removes sessions last used before a moment; returns how many.
func (s *Store) DeleteSessionsBefore(ctx context.Context, t time.Time) (int64, error) {
	res, err := s.q(ctx).ExecContext(ctx, `DELETE FROM sessions WHERE last_seen_at < $1`, t.UTC())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func nullTime(t time.Time) sql.NullTime { return sql.NullTime{Time: t.UTC(), Valid: !t.IsZero()} }

// CreateToken stores an API token by its hash.
func (s *Store) CreateToken(ctx context.Context, t *auth.APIToken) error {
	id, err := s.insertID(ctx, `INSERT INTO api_tokens (user_id, name, hash, hint, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		t.UserID, t.Name, t.Hash, t.Hint, t.CreatedAt.UTC(), nullTime(t.ExpiresAt))
	if err != nil {
		return fmt.Errorf("store: create token: %w", err)
	}
	t.ID = id
	return nil
}

const tokenColumns = `id, user_id, name, hash, hint, created_at, expires_at, last_used_at, revoked_at`

func scanToken(row interface{ Scan(...any) error }) (auth.APIToken, error) {
	var t auth.APIToken
	var exp, used, rev sql.NullTime
	if err := row.Scan(&t.ID, &t.UserID, &t.Name, &t.Hash, &t.Hint, &t.CreatedAt, &exp, &used, &rev); err != nil {
		return t, err
	}
	t.CreatedAt = t.CreatedAt.UTC()
	if exp.Valid {
		t.ExpiresAt = exp.Time.UTC()
	}
	if used.Valid {
		t.LastUsedAt = used.Time.UTC()
	}
	if rev.Valid {
		t.RevokedAt = rev.Time.UTC()
	}
	return t, nil
}

// TokenByHash finds a token by the hash of its text.
func (s *Store) TokenByHash(ctx context.Context, hash string) (auth.APIToken, error) {
	t, err := scanToken(s.preparedRow(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE hash = $1`, hash))
	if err != nil {
		return t, fmt.Errorf("store: token: %w", mapErr(err))
	}
	return t, nil
}

// Tokens lists a user's tokens, or when userID is 0 the tokens of the users of a region
// and of the regions under it (every user's when regionID is 0 too).
func (s *Store) Tokens(ctx context.Context, userID, regionID int64) ([]auth.APIToken, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT `+tokenColumns+` FROM api_tokens
		WHERE ($1 = 0 OR user_id = $1) AND ($2 = 0 OR user_id IN (SELECT id FROM users WHERE region_id IN `+regionSubtree(2)+`)) ORDER BY id`, userID, regionID)
	if err != nil {
		return nil, fmt.Errorf("store: list tokens: %w", err)
	}
	defer rows.Close()
	var out []auth.APIToken
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list tokens: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Token reads one token by id.
func (s *Store) Token(ctx context.Context, id int64) (auth.APIToken, error) {
	t, err := scanToken(s.q(ctx).QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE id = $1`, id))
	if err != nil {
		return t, fmt.Errorf("store: token %d: %w", id, mapErr(err))
	}
	return t, nil
}

// RevokeToken marks a token revoked; revoking twice keeps the first time.
func (s *Store) RevokeToken(ctx context.Context, id int64, at time.Time) error {
	res, err := s.q(ctx).ExecContext(ctx, `UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2`, at.UTC(), id)
	if err != nil {
		return fmt.Errorf("store: revoke token %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: revoke token %d: %w", id, ErrNotFound)
	}
	return nil
}

// RevokeUserTokens revokes every live token of a user (a password change or reset) and
// returns how many it revoked; tokens revoked before keep their time.
func (s *Store) RevokeUserTokens(ctx context.Context, userID int64, at time.Time) (int64, error) {
	res, err := s.q(ctx).ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL`, at.UTC(), userID)
	if err != nil {
		return 0, fmt.Errorf("store: revoke tokens of user %d: %w", userID, err)
	}
	return res.RowsAffected()
}

// TouchToken records a token's last use.
func (s *Store) TouchToken(ctx context.Context, id int64, at time.Time) error {
	_, err := s.q(ctx).ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE id = $2`, at.UTC(), id)
	return err
}

// Secret returns the named deployment secret, creating it with generate() when absent.
// Two servers starting at once agree on one value: the first insert wins.
func (s *Store) Secret(ctx context.Context, name string, generate func() string) (string, error) {
	var v string
	err := s.q(ctx).QueryRowContext(ctx, `SELECT value FROM secrets WHERE name = $1`, name).Scan(&v)
	if err == nil {
		return v, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("store: secret %s: %w", name, err)
	}
	if _, err := s.q(ctx).ExecContext(ctx, `INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, name, generate()); err != nil {
		return "", fmt.Errorf("store: secret %s: %w", name, err)
	}
	err = s.q(ctx).QueryRowContext(ctx, `SELECT value FROM secrets WHERE name = $1`, name).Scan(&v)
	return v, err
}

// UsersStamp names the state of the users' names: it moves when a user is added or
// removed or any user is changed (updated_at), so a page that shows who submitted and
// who reviewed can be kept under it (web's kept indicator page).
func (s *Store) UsersStamp(ctx context.Context) (string, error) {
	var n int64
	var last sql.NullString
	st, err := s.stmt(ctx, `SELECT COUNT(*), CAST(MAX(updated_at) AS TEXT) FROM users`)
	if err == nil {
		err = st.QueryRowContext(ctx).Scan(&n, &last)
	}
	if err != nil {
		return "", fmt.Errorf("store: users stamp: %w", err)
	}
	return strconv.FormatInt(n, 10) + "." + last.String, nil
}
