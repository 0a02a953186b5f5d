package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
)

// CSRF protection is the synchronizer-token pattern without server state: a form's
// token is an HMAC of the session it belongs to, so a page of another site, which
// cannot read the session cookie or lantu's pages, cannot make one.
//
// Signed-in forms: put CSRFToken(secret, sessionCookieValue) in a hidden field (and
// in a <meta> for fetch calls, sent back as the X-CSRF-Token header); on every
// unsafe request (POST, PUT, PATCH, DELETE) check it with CheckCSRF before anything
// else. Requests authenticated by API token instead of cookie need no CSRF token.
//
// Anonymous forms (the sign-in form): set a pre-session cookie to NewPreSessionID()
// (HttpOnly, SameSite=Lax, short-lived) when showing the form, and bind the token to
// that cookie's value the same way. On sign-in, drop the pre-session cookie and start
// a new session with a new id (never reuse one from before sign-in).
//
// The secret is at least 32 random bytes, kept in the server's configuration and the
// same on every app server; changing it invalidates open forms, nothing else.

// ErrCSRF refuses a state-changing request of a browser that lacks its session's token.
var ErrCSRF = errors.New("the form's security token is missing or expired")

// csrfLabel separates these MACs from any other use of the same secret.
const csrfLabel = "lantu-csrf-v1\x00"

// MinCSRFSecretLen is the shortest secret CSRFToken and CheckCSRF accept.
const MinCSRFSecretLen = 32

// CSRFToken is the CSRF token for the session (or pre-session) whose cookie value is
// sessionID: unpadded base64url of HMAC-SHA256(secret, label ‖ sessionID), 43
// characters. It is "" when the secret is too short or sessionID empty, which
// CheckCSRF never accepts.
func CSRFToken(secret []byte, sessionID string) string {
	if len(secret) < MinCSRFSecretLen || sessionID == "" {
		return ""
	}
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(csrfLabel))
	m.Write([]byte(sessionID))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// CheckCSRF reports whether token is the CSRF token of sessionID, in constant time.
func CheckCSRF(secret []byte, sessionID, token string) bool {
	want := CSRFToken(secret, sessionID)
	if want == "" || len(token) != len(want) {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(want), []byte(token)) == 1
}

// NewPreSessionID is a random value for the pre-session cookie of anonymous forms.
func NewPreSessionID() string {
	var b [24]byte
	rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// NewCSRFSecret makes a secret for the configuration (32 random bytes).
func NewCSRFSecret() []byte {
	b := make([]byte, MinCSRFSecretLen)
	rand.Read(b)
	return b
}
