package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/httpauth"
	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/service"
)

// safeNext keeps a post-sign-in redirect on this site: only a path of this origin made
// of printable characters is followed, anything else goes to the start page. Browsers
// drop tabs and line breaks from a URL and read a backslash as a slash, so "/\t/evil"
// and "/\\evil" would leave the site as "//evil" does; a scheme or a host would too.
func safeNext(next string) string {
	if len(next) > 2048 || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		return "/"
	}
	for _, r := range next {
		if r <= ' ' || r == 0x7f || r == '\\' || r == utf8.RuneError || !unicode.IsPrint(r) {
			return "/"
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return "/"
	}
	return next
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) error {
	s.guard.EnsurePreSession(w, r)
	s.render(w, r, http.StatusOK, "login", map[string]any{"Next": safeNext(r.URL.Query().Get("next"))})
	return nil
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	login, password := r.PostFormValue("login"), r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	sid, u, err := s.svc.Login(r.Context(), login, password, httpauth.ClientAddr(r), r.UserAgent())
	if err != nil {
		var rl *service.RateLimitedError
		code := http.StatusUnauthorized
		msg := i18n.T(requestLang(r), "login.failed")
		if errors.As(err, &rl) {
			code = http.StatusTooManyRequests
			w.Header().Set("Retry-After", strconv.Itoa(int(rl.RetryAfter.Seconds()+1)))
			msg = i18n.T(requestLang(r), "error.ratelimited") + " (" + rl.Error() + ")"
		} else if !errors.Is(err, service.ErrBadCredentials) {
			return err
		}
		s.render(w, r, code, "login", map[string]any{"Next": next, "Login": login, "Error": msg})
		return nil
	}
	s.guard.StartSession(w, r, sid, int(s.svc.Sessions.MaxAge.Seconds()))
	if u.MustChangePassword {
		next = "/account/password"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if err := s.svc.Logout(r.Context(), service.ActorFrom(r.Context()), httpauth.SessionID(r.Context())); err != nil {
		return err
	}
	s.guard.EndSession(w, r)
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}

func (s *Server) passwordForm(w http.ResponseWriter, r *http.Request) error {
	if service.ActorFrom(r.Context()).UserID == 0 {
		return auth.ErrUnauthenticated
	}
	s.render(w, r, http.StatusOK, "password", map[string]any{})
	return nil
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) error {
	a := service.ActorFrom(r.Context())
	if a.UserID == 0 {
		return auth.ErrUnauthenticated
	}
	old, fresh, again := r.PostFormValue("old"), r.PostFormValue("new"), r.PostFormValue("again")
	lang := requestLang(r)
	var msg string
	if fresh != again {
		msg = i18n.T(lang, "password.mismatch")
	} else if err := s.svc.ChangePassword(r.Context(), a, old, fresh); err != nil {
		var pe *auth.PasswordError
		switch {
		case errors.Is(err, service.ErrBadCredentials):
			msg = i18n.T(lang, "password.wrongold")
		case errors.As(err, &pe):
			msg = i18n.T(lang, "password."+string(pe.Code))
		default:
			return err
		}
	}
	if msg != "" {
		s.render(w, r, http.StatusUnprocessableEntity, "password", map[string]any{"Error": msg})
		return nil
	}
	// Every session ended with the change: sign in again with the new password.
	s.guard.EndSession(w, r)
	http.Redirect(w, r, "/login?changed=1", http.StatusSeeOther)
	return nil
}

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderUsers(w, r, http.StatusOK, nil)
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, code int, extra map[string]any) error {
	a := service.ActorFrom(r.Context())
	users, err := s.svc.Users(r.Context(), a)
	if err != nil {
		return err
	}
	depts, err := s.svc.Departments(r.Context(), a.RegionID)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, d := range depts {
		names[d.ID] = d.Name
	}
	data := map[string]any{"Users": users, "Depts": depts, "DeptNames": names, "Roles": auth.Roles(), "Error": refusedMsg(r)}
	for k, v := range extra {
		data[k] = v
	}
	s.render(w, r, code, "users", data)
	return nil
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	nu := service.NewUser{Login: r.PostFormValue("login"), DisplayName: r.PostFormValue("display_name"), DeptCodes: r.PostForm["dept"]}
	lang := requestLang(r)
	for _, v := range r.PostForm["role"] {
		role, err := auth.ParseRole(v)
		if err != nil {
			return s.refuse(w, r, http.StatusUnprocessableEntity, i18n.AccountFieldError(lang, "roles", "invalid"), s.usersPage)
		}
		nu.Roles = append(nu.Roles, role)
	}
	u, password, err := s.svc.CreateUser(r.Context(), service.ActorFrom(r.Context()), nu)
	var fe *auth.FieldError
	if errors.As(err, &fe) {
		return s.refuse(w, r, http.StatusUnprocessableEntity, i18n.AccountFieldError(lang, fe.Field, fe.Code), s.usersPage)
	}
	if err != nil {
		return err
	}
	// The generated password is shown once, on this page, to the admin who made it.
	return s.renderUsers(w, r, http.StatusOK, map[string]any{"Created": u.Login, "Password": password})
}
