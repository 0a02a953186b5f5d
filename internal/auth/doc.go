// Package auth holds lantu's users, roles and the one rule set that says who may do
// what (Can), with the security primitives around them: argon2id password hashes,
// API tokens and session ids stored only as hashes, CSRF tokens and a login rate
// limiter. It knows nothing of SQL or HTTP.
//
// # What the store keeps
//
//   - users: id, login (unique, NormalizeLogin'd), display_name, region_id,
//     password_hash (PHC string), must_change_password, disabled, created_at,
//     updated_at; with user_roles(user_id, role) and user_depts(user_id, dept_id).
//   - sessions: id_hash (primary key, HashSessionID of the cookie), user_id
//     (indexed), created_at, last_seen_at, addr, user_agent. Never the cookie value.
//   - api_tokens: id, user_id, name, hash (unique, HashToken), hint (TokenHint),
//     created_at, expires_at, last_used_at, revoked_at. Never the token.
//
// Disabling a user, changing or resetting a password deletes the user's sessions.
//
// # Who is asking (web layer, per request)
//
//   - Cookie session: HashSessionID(cookie) → sessions row → DefaultSessionPolicy.Valid
//     (else delete the row, clear the cookie) → load the user → NewPrincipal (an error
//     means anonymous) → write last_seen_at when NeedsTouch.
//   - "Authorization: Bearer lantu_…": LooksLikeToken → HashToken → api_tokens row →
//     Usable → the owner → NewPrincipal. Token requests need no CSRF token.
//   - Otherwise Anonymous().
//
// A principal with MustChangePassword is denied everything but public reads: send
// it to the change-password form.
//
// # Signing in
//
// LoginLimiter.Allow (refused: 429 + Retry-After, no password check) → user by
// NormalizeLogin(login) → if none, disabled or without a password hash:
// Hasher.VerifyNothing, LoginLimiter.Fail, one generic "wrong login or password" →
// Hasher.Verify → Fail or Succeed → if NeedsRehash, store Hasher.Hash(password) →
// NewSessionID (a new id every sign-in; drop the pre-session cookie). Check the CSRF
// token of the sign-in form against the pre-session cookie (see csrf.go). New
// passwords go through CheckPassword; GeneratePassword makes initial and reset
// passwords (set MustChangePassword with them).
//
// # Asking permission (services)
//
// Every write, and every read of non-public data, calls Can(principal, action,
// resource) first and returns its error unchanged (errors.Is ErrUnauthenticated →
// 401 / sign-in page; ErrForbidden → 403). The Resource is built from the stored
// entity, never from request input: DeptID from the owning department of the
// indicator or report, RegionID from the plan or user, OwnerUserID from who submitted
// the report (report.approve) or owns the token. A bulk action (report.import of a
// spreadsheet) calls Can once per department it touches. period.unlock needs a
// reason; the service requires it and records it in the audit log. Allowed is for
// hiding buttons only.
package auth
