// Package web serves lantu's pages: server-rendered HTML in one layout with one
// stylesheet, and the JSON API mounted beside them. Handlers only translate HTTP to
// services and back.
package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/httpauth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/problem"
	"github.com/lantu-dev/lantu/internal/service"
)

// Options configure the web server.
type Options struct {
	// PublicView lets visitors who are not signed in see public indicators.
	PublicView bool
	// Demo marks a server started with --demo: views default to the plan's as-of date.
	Demo bool
	// SecureCookies forces the Secure flag (set when served over TLS or behind a TLS proxy).
	SecureCookies bool
	// Guard is the authentication and CSRF shared with the API; New makes one when nil.
	Guard *httpauth.Guard
	// Clock gives "today"; tests set it.
	Clock func() time.Time
}

// Server holds what the handlers need.
type Server struct {
	svc    *service.Service
	opts   Options
	assets *assets
	pages  map[string]*template.Template
	log    *slog.Logger
	guard  *httpauth.Guard
	router *httpauth.Router
	// rows keeps the status board's rows rendered (progress_status.go).
	rows rowCache
	// kept keeps signed-in readers' pages rendered but for the top bar (keep.go).
	kept keptPages
}

// New builds the web server and parses every template, so a broken one fails at start.
func New(ctx context.Context, svc *service.Service, opts Options, log *slog.Logger) (*Server, error) {
	if opts.Clock == nil {
		opts.Clock = func() time.Time { return time.Now().UTC() }
	}
	a, err := newAssets()
	if err != nil {
		return nil, fmt.Errorf("web: assets: %w", err)
	}
	s := &Server{svc: svc, opts: opts, assets: a, log: log, guard: opts.Guard}
	if s.guard == nil {
		if s.guard, err = httpauth.NewGuard(ctx, svc, log, opts.SecureCookies); err != nil {
			return nil, fmt.Errorf("web: %w", err)
		}
	}
	if s.pages, err = s.parseTemplates(); err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	s.router = s.guard.NewRouter(s.showError)
	s.routes(s.router)
	return s, nil
}

// Handler is the whole site but the API: pages, static files and health check, behind
// the middleware web and api share (httpauth.Guard.Stack).
func (s *Server) Handler() http.Handler { return s.guard.Stack(s.router) }

// Routes is the pages' route table.
func (s *Server) Routes() []httpauth.Route { return s.router.Routes() }

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.svc.Ping(ctx); err != nil {
		s.log.ErrorContext(ctx, "health check: database does not answer", "err", err)
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ok\n"))
}

// handlerFunc is a page handler that returns its error for page() to show.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// page wraps a handler: an error becomes a status and an error page in the user's language.
func (s *Server) page(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r = withChosenPlan(r)
		if err := h(w, r); err != nil {
			s.showError(w, r, err)
		}
	})
}

// showError answers with the error table's status (internal/problem) and an error page
// in the user's language; a GET that needs a signed-in user goes to the sign-in page.
func (s *Server) showError(w http.ResponseWriter, r *http.Request, err error) {
	p := problem.Of(err)
	if p.Status == http.StatusUnauthorized && r.Method == http.MethodGet {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	if p.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(p.RetryAfter.Seconds()+1)))
	}
	if p.Status >= http.StatusInternalServerError {
		s.log.ErrorContext(r.Context(), "request failed", "path", r.URL.Path, "status", p.Status, "err", err)
	}
	s.render(w, r, p.Status, "error", map[string]any{"Code": p.Status, "Message": p.Message(requestLang(r))})
}

// errorMessage is the error table's message for err, for a form that shows it inline.
func errorMessage(r *http.Request, err error) (int, string) {
	p := problem.Of(err)
	return p.Status, p.Message(requestLang(r))
}

// pageData is what every page's template gets besides its own data.
type pageData struct {
	Lang  string
	Title string
	Path  string
	Data  any
	Now   time.Time
	User  auth.Principal
	CSRF  string
	// Can says which links and buttons to show (the services still check every request).
	Can map[string]bool
	// LangURL is this page in the other language, keeping its query (a date, a period).
	LangURL string
	// Waiting is how many reports wait for this reviewer's approval (the nav's count).
	Waiting int
	// PlanBar is the plan switcher (planswitch.go); nil when there is nothing to switch.
	PlanBar *planBar
	// Typed is the form just refused, shown again as typed (refused.go); nil otherwise.
	Typed *typedForm
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, data any) {
	t, ok := s.pages[name]
	if !ok {
		s.log.ErrorContext(r.Context(), "no such template", "name", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	pd, code := s.pageDataFor(w, r, code, data, nil)
	var buf bytes.Buffer
	var err error
	if c := keepingOf(r); c != nil && code == http.StatusOK && pd.Typed == nil {
		err = s.renderKept(&buf, t, name, pd, c)
	} else {
		err = t.ExecuteTemplate(&buf, "layout", pd)
	}
	if err != nil {
		s.log.ErrorContext(r.Context(), "render", "template", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	_, _ = w.Write(buf.Bytes()) // the client went away; no one is left to tell
}

// pageDataFor is what the layout shows of this request around a page's data: the
// reader, their nav and CSRF token, the plan switcher, a refused form; and the status
// to answer with (a refusal's).
//
// A kept page (keep.go) brings the plan switcher it was made with: the plans a reader
// may switch to follow from their rights and the data stamp, both in its key.
func (s *Server) pageDataFor(w http.ResponseWriter, r *http.Request, code int, data any, kept *keptPage) (pageData, int) {
	lang := requestLang(r)
	if q := r.URL.Query().Get("lang"); q == lang {
		http.SetCookie(w, &http.Cookie{Name: "lang", Value: lang, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, HttpOnly: true})
	}
	actor := service.ActorFrom(r.Context())
	pd := pageData{Lang: lang, Path: r.URL.Path, Data: data, Now: s.opts.Clock(), User: actor.Principal,
		CSRF: s.guard.CSRFToken(r), Can: navRights(actor.Principal), LangURL: langURL(r, lang)}
	if kept != nil {
		s.rememberPlan(w, r, code)
		pd.PlanBar = kept.bar
	} else {
		pd.PlanBar = s.planBarFor(w, r, code)
	}
	pd.Can["invest"] = s.svc.MayReadInvest(r.Context(), actor)
	if rf := refusalOfRequest(r); rf != nil {
		if code == http.StatusOK {
			code = rf.code
		}
		pd.Typed = &typedForm{Action: rf.action, Form: rf.form}
	}
	if pd.Can["review"] {
		pd.Waiting = s.waitingForReview(r)
	}
	return pd, code
}

func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%s %q: %w", name, r.PathValue(name), plan.ErrNotFound)
	}
	return id, nil
}

// intParam reads an integer query parameter, or def when absent or malformed.
func intParam(r *http.Request, name string, def int) int {
	v, err := strconv.Atoi(r.URL.Query().Get(name))
	if err != nil {
		return def
	}
	return v
}

// navRights decides which navigation entries a principal sees.
func navRights(p auth.Principal) map[string]bool {
	r := auth.Resource{RegionID: p.RegionID}
	return map[string]bool{
		"audit":    auth.Allowed(p, auth.AuditRead, r),
		"users":    auth.Allowed(p, auth.UserManage, r),
		"planedit": auth.Allowed(p, auth.PlanEdit, r),
		"internal": auth.Allowed(p, auth.PlanReadInternal, r),
		"report":   p.HasRole(auth.RoleReporter) || p.HasRole(auth.RoleAdmin),
		"review":   p.HasRole(auth.RoleReviewer) || p.HasRole(auth.RoleAdmin),
		"ingest":   auth.Allowed(p, auth.DocumentIngest, r),
	}
}

// langURL is the address of the page in the other language. A page that answers a form
// (a POST) has no address of its own to reload: its link goes to the start page.
func langURL(r *http.Request, lang string) string {
	other := "en"
	if lang == "en" {
		other = "zh"
	}
	if r.Method != http.MethodGet {
		return "/?lang=" + other
	}
	q := r.URL.Query()
	q.Set("lang", other)
	return r.URL.Path + "?" + q.Encode()
}
