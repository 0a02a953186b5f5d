package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"
)

// API tokens and session ids are 32 random bytes shown to their holder once and stored
// only as their SHA-256 hash, so a leaked database (or backup) holds no usable
// credential. A presented value is hashed and looked up by hash (an indexed equality
// lookup on the hash column: no comparison of secrets in Go, so nothing to time). A
// plain hash, not argon2, is right here: the values carry 256 bits of randomness, so
// there is nothing to guess.

// TokenPrefix starts every API token, so tokens are easy to spot in logs, config files
// and secret scanners.
const TokenPrefix = "lantu_"

// tokenBody is lower-case unpadded base32: 32 bytes make 52 characters that survive
// URLs, shells and case-folding. A token is 58 characters in all.
var tokenBody = base32.StdEncoding.WithPadding(base32.NoPadding)

const tokenBodyLen = 52

// NewToken makes an API token. Show plain to the user once; store hash (and
// TokenHint(plain) to tell tokens apart in a list).
func NewToken() (plain, hash string) {
	var b [32]byte
	rand.Read(b[:]) // never fails (crypto/rand, Go 1.24+)
	plain = TokenPrefix + strings.ToLower(tokenBody.EncodeToString(b[:]))
	return plain, HashToken(plain)
}

// HashToken is the stored form of an API token: SHA-256, lower-case hex (64 chars).
// Look tokens up by it. Surrounding space is ignored.
func HashToken(plain string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(plain)))
	return hex.EncodeToString(sum[:])
}

// LooksLikeToken reports whether s has the form of an API token: the prefix and 52
// base32 characters. Use it to refuse junk before a database lookup and to tell a
// token from a session cookie in an Authorization header.
func LooksLikeToken(s string) bool {
	body, ok := strings.CutPrefix(s, TokenPrefix)
	if !ok || len(body) != tokenBodyLen {
		return false
	}
	for i := 0; i < len(body); i++ {
		c := body[i]
		if !(c >= 'a' && c <= 'z' || c >= '2' && c <= '7') {
			return false
		}
	}
	return true
}

// TokenHint is the part of a token that may be stored and shown in the clear, e.g.
// "lantu_k3qz…", so a user can tell their tokens apart. It reveals 20 of 256 bits.
func TokenHint(plain string) string {
	const show = len(TokenPrefix) + 4
	if len(plain) < show {
		return plain
	}
	return plain[:show] + "…"
}

// APIToken is a stored API token. Tokens act as their owner (build the Principal
// from the owner's User) and are refused once revoked or expired.
type APIToken struct {
	ID         int64
	UserID     int64
	Name       string // what the owner calls it, e.g. "Excel 导入脚本"
	Hash       string // HashToken(plain)
	Hint       string // TokenHint(plain)
	CreatedAt  time.Time
	ExpiresAt  time.Time // zero = never
	LastUsedAt time.Time // zero = never used
	RevokedAt  time.Time // zero = live
}

// Usable reports whether the token may authenticate at now.
func (t APIToken) Usable(now time.Time) bool {
	return t.RevokedAt.IsZero() && (t.ExpiresAt.IsZero() || now.Before(t.ExpiresAt))
}

// NewSessionID makes a session id: plain goes in the session cookie, hash in the
// sessions table. 32 random bytes, unpadded base64url (43 characters).
func NewSessionID() (plain, hash string) {
	var b [32]byte
	rand.Read(b[:])
	plain = base64.RawURLEncoding.EncodeToString(b[:])
	return plain, HashSessionID(plain)
}

// HashSessionID is the stored form of a session id: SHA-256, lower-case hex.
func HashSessionID(plain string) string {
	sum := sha256.Sum256([]byte(plain))
	return hex.EncodeToString(sum[:])
}

// Session is a signed-in browser session as stored.
type Session struct {
	IDHash     string // HashSessionID(cookie value); primary key
	UserID     int64
	CreatedAt  time.Time
	LastSeenAt time.Time
	Addr       string // client address at sign-in, for the user's session list and audit
	UserAgent  string
}

// SessionPolicy says how long sessions live.
type SessionPolicy struct {
	// IdleTimeout ends a session not used for that long.
	IdleTimeout time.Duration
	// MaxAge ends a session that long after sign-in, used or not.
	MaxAge time.Duration
	// TouchEvery limits how often LastSeenAt is written: only when it is older than
	// this, so that not every request writes to the database.
	TouchEvery time.Duration
}

// DefaultSessionPolicy: 2 hours idle, 12 hours at most (one working day; sign in
// again the next morning), LastSeenAt written at most once a minute.
var DefaultSessionPolicy = SessionPolicy{IdleTimeout: 2 * time.Hour, MaxAge: 12 * time.Hour, TouchEvery: time.Minute}

// Valid reports whether s is still alive at now.
func (p SessionPolicy) Valid(s Session, now time.Time) bool {
	return now.Before(s.CreatedAt.Add(p.MaxAge)) && now.Before(s.LastSeenAt.Add(p.IdleTimeout))
}

// NeedsTouch reports whether LastSeenAt should be written as now.
func (p SessionPolicy) NeedsTouch(s Session, now time.Time) bool {
	return now.Sub(s.LastSeenAt) >= p.TouchEvery
}

// ExpiresAt is when s ends if it is not used again: for the cookie's Expires and for
// deleting dead rows (DELETE ... WHERE the result is in the past).
func (p SessionPolicy) ExpiresAt(s Session) time.Time {
	idle := s.LastSeenAt.Add(p.IdleTimeout)
	if abs := s.CreatedAt.Add(p.MaxAge); abs.Before(idle) {
		return abs
	}
	return idle
}
