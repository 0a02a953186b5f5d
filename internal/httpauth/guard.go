package httpauth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/service"
)

const (
	sessionCookie = "lantu_session"
	// preSessionCookie binds the sign-in form's CSRF token before anyone is signed in.
	preSessionCookie = "lantu_pre"
	// CSRFField is the form field, and CSRFHeader the header (for fetch calls), that
	// carry the CSRF token.
	CSRFField  = "csrf"
	CSRFHeader = "X-CSRF-Token"
)

// ErrCSRF refuses a state-changing request of a browser without its session's token.
var ErrCSRF = auth.ErrCSRF

// Guard knows who is asking and checks CSRF; web and api share one, so a session's
// token is good on both.
type Guard struct {
	svc    *service.Service
	log    *slog.Logger
	secret []byte
	secure bool // Secure flag on cookies even without TLS (behind a TLS proxy)
	// pages are the public pages kept rendered (publiccache.go), shared by web and API.
	pages pageCache
}

// NewGuard reads the CSRF secret from the services.
func NewGuard(ctx context.Context, svc *service.Service, log *slog.Logger, secureCookies bool) (*Guard, error) {
	secret, err := svc.CSRFSecret(ctx)
	if err != nil {
		return nil, fmt.Errorf("httpauth: CSRF secret: %w", err)
	}
	return &Guard{svc: svc, log: log, secret: secret, secure: secureCookies}, nil
}

// requestState is what Authenticate learns about a request.
type requestState struct {
	sessionID string // the session cookie's value, when signed in by cookie
	preID     string // the pre-session cookie's value
	viaToken  bool   // authenticated by an API token: no cookies, no CSRF
}

type ctxKey int

const (
	stateKey ctxKey = iota
	requestIDKey
)

func stateFrom(ctx context.Context) *requestState {
	if st, ok := ctx.Value(stateKey).(*requestState); ok {
		return st
	}
	return &requestState{}
}

// SessionID is the session cookie's value of a request signed in by cookie, or "".
func SessionID(ctx context.Context) string { return stateFrom(ctx).sessionID }

// ClientAddr is the peer's address without the port. lantu does not trust
// X-Forwarded-For: a deployment behind a proxy must say so first (not yet an option).
func ClientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func cookieValue(r *http.Request, name string) string {
	c, err := r.Cookie(name)
	if err != nil {
		return ""
	}
	return c.Value
}

// Authenticate finds who is asking: an API token (Authorization: Bearer), a session
// cookie, or nobody; and puts the actor in the context. Answers to a signed-in caller
// are personal: they are marked Cache-Control: no-store (a handler may say otherwise,
// as the content-hashed static files do).
func (g *Guard) Authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		st := &requestState{preID: cookieValue(r, preSessionCookie)}
		actor := service.Actor{Principal: auth.Anonymous(), Address: ClientAddr(r)}
		if h := r.Header.Get("Authorization"); h != "" {
			token, ok := strings.CutPrefix(h, "Bearer ")
			p, err := g.svc.AuthenticateToken(ctx, strings.TrimSpace(token))
			if !ok || err != nil {
				if err != nil && !errors.Is(err, auth.ErrUnauthenticated) {
					g.log.ErrorContext(ctx, "token check failed", "err", err)
				}
				writeUnauthorized(w, "invalid or revoked API token")
				return
			}
			actor.Principal, st.viaToken = p, true
		} else if sid := cookieValue(r, sessionCookie); sid != "" {
			p, err := g.svc.Authenticate(ctx, sid)
			if err != nil {
				g.log.ErrorContext(ctx, "session check failed", "err", err)
			}
			if p.UserID != 0 {
				actor.Principal, st.sessionID = p, sid
			} else {
				g.clearCookie(w, r, sessionCookie)
			}
		}
		if actor.UserID != 0 {
			w.Header().Set("Cache-Control", "no-store")
		}
		ctx = service.WithActor(context.WithValue(ctx, stateKey, st), actor)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func writeUnauthorized(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("WWW-Authenticate", `Bearer realm="lantu"`)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusUnauthorized)
	_, _ = w.Write([]byte(`{"error":{"code":"unauthenticated","message":"` + msg + `"}}`)) // the client went away
}

// CSRFToken is the token forms of this request must carry.
func (g *Guard) CSRFToken(r *http.Request) string {
	st := stateFrom(r.Context())
	if st.sessionID != "" {
		return auth.CSRFToken(g.secret, st.sessionID)
	}
	if st.preID != "" {
		return auth.CSRFToken(g.secret, st.preID)
	}
	return ""
}

// checkCSRF refuses a state-changing request made by a browser with cookies unless it
// carries the token of its session (or of its pre-session, on Visitor routes such as
// the sign-in form). Requests with an API token carry no ambient authority and need
// none; requests with no session cookie are anonymous and meet the 401 of their route.
func (g *Guard) checkCSRF(r *http.Request, visitor bool) error {
	st := stateFrom(r.Context())
	bound := st.sessionID
	if bound == "" && visitor {
		bound = st.preID
		if bound == "" {
			bound = "\x00" // no pre-session cookie: nothing can match
		}
	}
	if st.viaToken || bound == "" {
		return nil
	}
	token := r.Header.Get(CSRFHeader)
	if token == "" {
		token = r.PostFormValue(CSRFField)
	}
	if !auth.CheckCSRF(g.secret, bound, token) {
		g.log.WarnContext(r.Context(), "CSRF token missing or wrong", "path", r.URL.Path, "addr", ClientAddr(r))
		return ErrCSRF
	}
	return nil
}

// EnsurePreSession gives an anonymous browser the cookie its sign-in form's token binds to.
func (g *Guard) EnsurePreSession(w http.ResponseWriter, r *http.Request) {
	st := stateFrom(r.Context())
	if st.preID != "" || st.sessionID != "" {
		return
	}
	st.preID = auth.NewPreSessionID()
	http.SetCookie(w, g.cookie(r, preSessionCookie, st.preID, 0))
}

// StartSession sets the cookie of a new session (and drops the pre-session).
func (g *Guard) StartSession(w http.ResponseWriter, r *http.Request, sessionID string, maxAge int) {
	g.clearCookie(w, r, preSessionCookie)
	http.SetCookie(w, g.cookie(r, sessionCookie, sessionID, maxAge))
	w.Header().Set("Cache-Control", "no-store")
}

// EndSession clears the session cookie.
func (g *Guard) EndSession(w http.ResponseWriter, r *http.Request) {
	g.clearCookie(w, r, sessionCookie)
}

func (g *Guard) cookie(r *http.Request, name, value string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: g.secure || r.TLS != nil}
}

func (g *Guard) clearCookie(w http.ResponseWriter, r *http.Request, name string) {
	http.SetCookie(w, g.cookie(r, name, "", -1))
}

// Lang is the language of a request: ?lang= wins, then the lang cookie, else the
// default (Chinese).
func Lang(r *http.Request) string {
	if v := r.URL.Query().Get("lang"); i18n.Supported(v) {
		return v
	}
	if c, err := r.Cookie("lang"); err == nil && i18n.Supported(c.Value) {
		return c.Value
	}
	return i18n.Langs[0]
}
