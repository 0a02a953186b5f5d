package web

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/service"
)

const (
	sessionCookie = "lantu_session"
	// preSessionCookie binds the sign-in form's CSRF token before anyone is signed in.
	preSessionCookie = "lantu_pre"
	csrfField        = "csrf"
	csrfHeader       = "X-CSRF-Token"
)

// requestState is what the auth middleware learns about a request.
type requestState struct {
	sessionID string // the session cookie's value, when signed in by cookie
	preID     string // the pre-session cookie's value
	viaToken  bool   // authenticated by an API token: no cookies, no CSRF
}

const stateKey ctxKey = 100

func stateFrom(ctx context.Context) *requestState {
	if st, ok := ctx.Value(stateKey).(*requestState); ok {
		return st
	}
	return &requestState{}
}

// clientAddr is the peer's address without the port. lantu does not trust
// X-Forwarded-For: a deployment behind a proxy must say so first (not yet an option).
func clientAddr(r *http.Request) string {
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

// authenticate finds who is asking: an API token (Authorization: Bearer), a session
// cookie, or nobody; and puts the actor in the context.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		st := &requestState{preID: cookieValue(r, preSessionCookie)}
		actor := service.Actor{Principal: auth.Anonymous(), Address: clientAddr(r)}
		if h := r.Header.Get("Authorization"); h != "" {
			token, ok := strings.CutPrefix(h, "Bearer ")
			p, err := s.svc.AuthenticateToken(ctx, strings.TrimSpace(token))
			if !ok || err != nil {
				if err != nil && !errors.Is(err, auth.ErrUnauthenticated) {
					s.log.ErrorContext(ctx, "token check failed", "err", err)
				}
				writeUnauthorized(w, "invalid or revoked API token")
				return
			}
			actor.Principal, st.viaToken = p, true
		} else if sid := cookieValue(r, sessionCookie); sid != "" {
			p, err := s.svc.Authenticate(ctx, sid)
			if err != nil {
				s.log.ErrorContext(ctx, "session check failed", "err", err)
			}
			if p.UserID != 0 {
				actor.Principal, st.sessionID = p, sid
			} else {
				s.clearCookie(w, r, sessionCookie)
			}
		}
		ctx = service.WithActor(context.WithValue(ctx, stateKey, st), actor)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func writeUnauthorized(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("WWW-Authenticate", `Bearer realm="lantu"`)
	w.WriteHeader(http.StatusUnauthorized)
	w.Write([]byte(`{"error":{"code":"unauthenticated","message":"` + msg + `"}}`))
}

// csrfToken is the token forms of this request must carry.
func (s *Server) csrfToken(r *http.Request) string {
	st := stateFrom(r.Context())
	if st.sessionID != "" {
		return auth.CSRFToken(s.csrfSecret, st.sessionID)
	}
	if st.preID != "" {
		return auth.CSRFToken(s.csrfSecret, st.preID)
	}
	return ""
}

// checkCSRF refuses a state-changing request made by a browser with cookies unless it
// carries the token of its session (or of its pre-session, for the sign-in form).
// Requests with an API token carry no ambient authority and need none; requests with
// no cookie at all are anonymous and meet the 401 of the handler they reach.
func (s *Server) checkCSRF(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			next.ServeHTTP(w, r)
			return
		}
		st := stateFrom(r.Context())
		bound := st.sessionID
		if bound == "" && r.URL.Path == "/login" {
			bound = st.preID
			if bound == "" {
				bound = "\x00" // no pre-session cookie: nothing can match
			}
		}
		if st.viaToken || bound == "" {
			next.ServeHTTP(w, r)
			return
		}
		token := r.Header.Get(csrfHeader)
		if token == "" {
			token = r.PostFormValue(csrfField)
		}
		if !auth.CheckCSRF(s.csrfSecret, bound, token) {
			s.log.WarnContext(r.Context(), "CSRF token missing or wrong", "path", r.URL.Path, "addr", clientAddr(r))
			s.showError(w, r, errCSRF)
			return
		}
		next.ServeHTTP(w, r)
	})
}

var errCSRF = errors.New("the form's security token is missing or expired; reload the page and try again")

// ensurePreSession gives an anonymous browser the cookie its sign-in form's token binds to.
func (s *Server) ensurePreSession(w http.ResponseWriter, r *http.Request) {
	st := stateFrom(r.Context())
	if st.preID != "" || st.sessionID != "" {
		return
	}
	st.preID = auth.NewPreSessionID()
	http.SetCookie(w, s.cookie(r, preSessionCookie, st.preID, 0))
}

func (s *Server) cookie(r *http.Request, name, value string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.opts.SecureCookies || r.TLS != nil}
}

func (s *Server) clearCookie(w http.ResponseWriter, r *http.Request, name string) {
	http.SetCookie(w, s.cookie(r, name, "", -1))
}
