package web

import (
	"context"
	"net/http"
	"strconv"
	"sync/atomic"

	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/service"
)

// The plan a page works on. Every page that shows or changes one plan (overview, status
// board, cockpit, ranking, bulletin, worklist, review, Excel template and import, ingest)
// takes it from ?plan= (or a form's plan field), else from the plan switcher's cookie,
// else the newest plan of the user's region (service.PickPlan). A page that names its plan
// in the path (/plans/{id}, a zone, an indicator, an ingested document) tells the bar so.

// planCookie remembers the switcher's choice; it holds a plan id, which tells nothing
// private (every read still goes through the service's checks).
const planCookie = "plan"

// chosenPlan is filled in while a page runs, for the top bar's switcher.
type chosenPlan struct {
	id    int64
	stick bool // chosen by the request (?plan=, the path): remember it
}

type chosenPlanKey struct{}

// withChosenPlan gives the request a place to note its plan (see page).
func withChosenPlan(r *http.Request) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), chosenPlanKey{}, &chosenPlan{}))
}

// notePlan tells the top bar which plan this page shows; stick remembers it.
func notePlan(r *http.Request, id int64, stick bool) {
	if c, ok := r.Context().Value(chosenPlanKey{}).(*chosenPlan); ok && id > 0 {
		c.id, c.stick = id, stick
	}
}

// requestedPlan is the plan the request names: ?plan=, else a posted form's plan field;
// 0 when none, an error when malformed.
func requestedPlan(r *http.Request) (int64, error) {
	v := r.URL.Query().Get("plan")
	if v == "" && r.Method == http.MethodPost {
		v = r.PostFormValue("plan")
	}
	if v == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, plan.ErrNotFound
	}
	return id, nil
}

// rememberedPlan is the switcher's last choice, 0 when none.
func rememberedPlan(r *http.Request) int64 {
	c, err := r.Cookie(planCookie)
	if err != nil {
		return 0
	}
	id, err := strconv.ParseInt(c.Value, 10, 64)
	if err != nil || id <= 0 {
		return 0
	}
	return id
}

// planParam is the plan a page works on (see above).
func (s *Server) planParam(r *http.Request) (int64, error) {
	id, err := requestedPlan(r)
	if err != nil {
		return 0, err
	}
	if id > 0 {
		notePlan(r, id, true)
		return id, nil
	}
	id, err = s.svc.PickPlan(r.Context(), service.ActorFrom(r.Context()), rememberedPlan(r))
	if err != nil {
		return 0, err
	}
	notePlan(r, id, false)
	return id, nil
}

// planSwitchPaths are the pages that work on "the chosen plan": the switcher reloads them
// with the new plan; from any other page (a zone, an indicator of one plan) it goes to the
// overview of the plan chosen.
var planSwitchPaths = map[string]bool{"/": true, "/status": true, "/cockpit": true, "/ranking": true, "/bulletin": true,
	"/reports": true, "/review": true, "/reports/workbook": true, "/ingest": true}

// planOption is one entry of the switcher.
type planOption struct {
	ID    int64
	Label string
}

// planBar is the switcher's data for the layout: nothing when there is one plan or none.
type planBar struct {
	Action  string
	Current int64
	Options []planOption
}

// rememberPlan sets the switcher's cookie to a plan the request chose, and returns the
// request's chosen plan (nil when it has no place for one).
func (s *Server) rememberPlan(w http.ResponseWriter, r *http.Request, code int) *chosenPlan {
	c, _ := r.Context().Value(chosenPlanKey{}).(*chosenPlan)
	if c != nil && c.stick && code == http.StatusOK && r.Method == http.MethodGet {
		http.SetCookie(w, &http.Cookie{Name: planCookie, Value: strconv.FormatInt(c.id, 10), Path: "/", MaxAge: 365 * 24 * 3600,
			SameSite: http.SameSiteLaxMode, HttpOnly: true, Secure: s.opts.SecureCookies})
	}
	return c
}

// planBarFor builds the switcher and remembers a plan the request chose. It never fails a
// page: when the plans cannot be listed the bar is left out (and the page's own reads say
// what went wrong) — and the page is then not kept (keep.go), or every reader with the
// same rights would get it without its switcher until the data changed.
func (s *Server) planBarFor(w http.ResponseWriter, r *http.Request, code int) *planBar {
	ctx := r.Context()
	a := service.ActorFrom(ctx)
	c := s.rememberPlan(w, r, code)
	failed := func(err error) *planBar {
		dontKeep(r)
		s.log.WarnContext(ctx, "plan switcher left out", "path", r.URL.Path, "err", err)
		return nil
	}
	ps, err := s.svc.ReadablePlans(ctx, a)
	if f := planBarFault.Load(); err == nil && f != nil {
		err = (*f)(r)
	}
	if err != nil {
		return failed(err)
	}
	if len(ps) < 2 {
		return nil
	}
	bar := &planBar{Action: "/"}
	if planSwitchPaths[r.URL.Path] && r.Method == http.MethodGet {
		bar.Action = r.URL.Path
	}
	if c != nil && c.id > 0 {
		bar.Current = c.id
	} else if bar.Current, err = s.svc.PickPlan(ctx, a, rememberedPlan(r)); err != nil {
		return failed(err)
	}
	regions := map[int64]bool{}
	for _, p := range ps {
		regions[p.RegionID] = true
	}
	for _, p := range ps {
		label := strconv.Itoa(p.Year) + " · " + p.Title
		if len(regions) > 1 {
			label = p.RegionName + " · " + label
		}
		bar.Options = append(bar.Options, planOption{ID: p.ID, Label: label})
	}
	return bar
}

// planBarFault, set only by tests (export_test.go), fails the switcher's read of the
// plans as a database error or a cancelled request would.
var planBarFault atomic.Pointer[func(*http.Request) error]
