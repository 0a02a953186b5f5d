// Package httpauth is what the pages (internal/web) and the JSON API (internal/api) share
// in front of their handlers: who is asking (session cookie or API token), CSRF on
// state-changing requests, the common middleware (request id, log line, security
// headers, panics), and the route table every handler is registered through.
//
// # The route table
//
// Every route of web and api is one Route row, declared where it is registered:
//
//	rt.Handle(
//		httpauth.Route{Pattern: "GET /invest/enterprises", Who: httpauth.SignedIn,
//			Action: auth.EnterpriseManage, Find: httpauth.None, Handler: s.page(s.enterprises)},
//		httpauth.Route{Pattern: "POST /invest/enterprises/{id}/visits", Who: httpauth.SignedIn,
//			Action: auth.VisitManage, Find: httpauth.ByEnterprise, Handler: s.page(s.addVisit)},
//	)
//
// A row says:
//   - Pattern: method and path, as http.ServeMux reads them.
//   - Who may call it at all: Anyone (the service decides, e.g. public figures),
//     SignedIn (an anonymous caller gets 401 or the sign-in page before the handler
//     runs), or Visitor (sign-in and sign-out, which act on the caller's own session).
//   - Action: the auth.Action the service checks with auth.Can ("" when none beyond Who).
//   - Find: how the resource the action is checked on is found (the report of {id},
//     the indicator of {id}, the caller's own account, or None for a list the service
//     filters by the reader's region and department in SQL).
//
// The router enforces Who and CSRF; the service still checks Action on the resource
// (only it can load the resource). Tests read the rows (Router.Routes): every
// state-changing row must be in the role matrix with its allowed subjects, every
// state-changing row is proved CSRF-guarded, and every GET row is in the read matrix or
// named as showing nothing private — so a route added to a table without its tests
// fails the build's tests, and a route cannot be registered without a row.
package httpauth

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/service"
)

// Who says who may call a route at all.
type Who int

const (
	// Anyone may call it; the service decides what they see (public figures to
	// visitors, more to the signed-in).
	Anyone Who = iota
	// SignedIn routes answer an anonymous caller with ErrUnauthenticated (401, or the
	// sign-in page for a GET) before the handler runs.
	SignedIn
	// Visitor routes act on the caller's own session (sign-in, sign-out); their CSRF
	// token binds to the pre-session cookie when nobody is signed in.
	Visitor
)

func (w Who) String() string {
	switch w {
	case Anyone:
		return "anyone"
	case SignedIn:
		return "signed-in"
	case Visitor:
		return "visitor"
	}
	return fmt.Sprintf("who(%d)", int(w))
}

// Find says how the resource a route's action is checked on is found.
type Find string

const (
	None         Find = "none"             // a list or page the service filters by the reader's region and department
	Self         Find = "self"             // the caller's own account, password, tokens
	ByPlan       Find = "plan {id}"        // the plan of the path's {id} (or ?plan=, else the default plan)
	ByIndicator  Find = "indicator {id}"   // the indicator of {id}: its department, region, public flag
	ByZone       Find = "zone {id}"        // the zone of {id}, through its plan
	ByProgram    Find = "program {id}"     // the program of {id}, through its plan
	ByPlanItem   Find = "plan item {id}"   // the zone, program, project, indicator or department {kind} {id}, through its plan or region
	ByReport     Find = "report {id}"      // the report of {id}, through its indicator
	ByUser       Find = "user {id}"        // the user of {id}
	ByToken      Find = "token {id}"       // the API token of {id}: its owner
	ByDocument   Find = "document {key}"   // the ingested document {key} of plan {id} or {plan}
	ByEvidence   Find = "evidence {id}"    // the evidence file of {id}, through its report
	ByDepartment Find = "department ?dept" // the department named in the query or form
	Static       Find = "static"           // files and health checks: no data of anyone

	// ByUnlockRequest is the request to reopen a period (申请解锁) of {id}, through its indicator.
	ByUnlockRequest Find = "unlock request {id}"
)

// Route is one row of the route table.
type Route struct {
	Pattern string
	Who     Who
	Action  auth.Action
	Find    Find
	Handler http.Handler
}

// Method is the route's HTTP method.
func (r Route) Method() string { m, _, _ := strings.Cut(r.Pattern, " "); return m }

// Path is the route's path pattern.
func (r Route) Path() string { _, p, _ := strings.Cut(r.Pattern, " "); return p }

// Writes reports whether the route may change state: any method but GET, HEAD, OPTIONS.
func (r Route) Writes() bool { return !safeMethod(r.Method()) }

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// ErrorWriter answers a request with an error: the pages with an HTML page (or the
// sign-in page), the API with its JSON envelope.
type ErrorWriter func(w http.ResponseWriter, r *http.Request, err error)

// Router is a ServeMux that takes routes only as rows of the table.
type Router struct {
	mux    *http.ServeMux
	guard  *Guard
	fail   ErrorWriter
	routes []Route
}

// NewRouter makes a router whose refusals (401, CSRF) are answered by fail.
func (g *Guard) NewRouter(fail ErrorWriter) *Router {
	return &Router{mux: http.NewServeMux(), guard: g, fail: fail}
}

// Handle registers rows of the table. A malformed row panics at start, like ServeMux.
func (rt *Router) Handle(routes ...Route) {
	for _, route := range routes {
		if route.Handler == nil || route.Method() == "" || !strings.HasPrefix(route.Path(), "/") || route.Find == "" {
			panic(fmt.Sprintf("httpauth: incomplete route %+v", route))
		}
		if route.Writes() && route.Who == Anyone {
			panic("httpauth: a state-changing route must be SignedIn or Visitor: " + route.Pattern)
		}
		rt.mux.Handle(route.Pattern, rt.guarded(route))
		rt.routes = append(rt.routes, route)
	}
}

// NotFound answers every request no row matches.
func (rt *Router) NotFound(h http.Handler) { rt.mux.Handle("/", h) }

// Routes returns the table's rows in the order they were registered.
func (rt *Router) Routes() []Route { return append([]Route(nil), rt.routes...) }

func (rt *Router) ServeHTTP(w http.ResponseWriter, r *http.Request) { rt.mux.ServeHTTP(w, r) }

// guarded applies the row's Who and the CSRF check before its handler.
func (rt *Router) guarded(route Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if route.Who == SignedIn && service.ActorFrom(r.Context()).UserID == 0 {
			rt.fail(w, r, auth.ErrUnauthenticated)
			return
		}
		if !safeMethod(r.Method) {
			if err := rt.guard.checkCSRF(r, route.Who == Visitor); err != nil {
				rt.fail(w, r, err)
				return
			}
		}
		route.Handler.ServeHTTP(w, r)
	})
}

// WriteRoutes are the rows that may change state, except sign-in and sign-out (which
// act on one's own session): the role matrix calls each.
func WriteRoutes(routes []Route) []Route {
	var out []Route
	for _, r := range routes {
		if r.Writes() && r.Who != Visitor {
			out = append(out, r)
		}
	}
	return out
}

// CSRFRoutes are the rows whose requests must carry the CSRF token of their session
// when a browser sends them with its cookie: every state-changing row.
func CSRFRoutes(routes []Route) []Route {
	var out []Route
	for _, r := range routes {
		if r.Writes() {
			out = append(out, r)
		}
	}
	return out
}

// ReadRoutes are the GET rows, for the read matrix.
func ReadRoutes(routes []Route) []Route {
	var out []Route
	for _, r := range routes {
		if r.Method() == http.MethodGet {
			out = append(out, r)
		}
	}
	return out
}
