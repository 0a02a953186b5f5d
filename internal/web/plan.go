package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/invest"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/service"
)

// planView is the plan page's data.
type planView struct {
	Plan   *plan.Plan
	Depts  map[string]string // code → name
	Plans  int
	Counts struct{ Zones, Programs, Indicators, Targets int }
	Empty  bool
	// Upcoming are the signed-in officer's own planned visits, on the start page.
	Upcoming []invest.Visit
	// Zones are the plan's zones as this page lists them: a large plan's indicators
	// boardPageSize a page, filtered like the status board (zone, program, department,
	// search); the counts above are the whole plan's.
	Zones    []plan.Zone
	Tabs     []planTab
	Filter   service.BoardFilter
	Filtered bool
	Shown    int // indicators passing the filter
	// Paging, as on the status board; Paged shows the filter and the pager.
	Paged                 bool
	Page, Pages, PageSize int
	PrevURL, NextURL      string
}

// planTab is a zone in the tabs: an anchor when it is on this page, else the page of
// that zone.
type planTab struct {
	Name, Href string
}

// planPageOf lays out a plan's page: the indicators passing the filter, a page of them,
// in plan order; a program with no indicator (key projects only) where it falls.
func planPageOf(r *http.Request, p *plan.Plan, page int) *planView {
	v := &planView{Filter: boardFilter(r), PageSize: boardPageSize}
	v.Filter.Status, v.Filter.HideNoTarget = "", false // the plan page shows no status
	v.Filtered = !v.Filter.IsZero()
	q := strings.ToLower(v.Filter.Query)
	keeps := func(z plan.Zone, pr plan.Program, ind plan.Indicator) bool {
		switch {
		case v.Filter.Zone != "" && z.Code != v.Filter.Zone, v.Filter.Program != "" && pr.Code != v.Filter.Program,
			v.Filter.Dept != "" && ind.DeptCode != v.Filter.Dept:
			return false
		case q != "":
			return strings.Contains(strings.ToLower(ind.Name), q) || strings.Contains(strings.ToLower(ind.Code), q)
		}
		return true
	}
	for _, z := range p.Zones {
		for _, pr := range z.Programs {
			for _, ind := range pr.Indicators {
				if keeps(z, pr, ind) {
					v.Shown++
				}
			}
		}
	}
	v.Pages = max((v.Shown+boardPageSize-1)/boardPageSize, 1)
	v.Page = min(max(page, 1), v.Pages)
	v.Paged = v.Pages > 1 || v.Filtered
	first, last := (v.Page-1)*boardPageSize, v.Page*boardPageSize
	onPage := func(n int) bool { return n >= first && (n < last || v.Page == v.Pages) }
	n := 0
	for _, z := range p.Zones {
		if v.Filter.Zone != "" && z.Code != v.Filter.Zone {
			continue
		}
		zc := z
		zc.Programs = nil
		for _, pr := range z.Programs {
			if v.Filter.Program != "" && pr.Code != v.Filter.Program {
				continue
			}
			pc := pr
			pc.Indicators = nil
			for _, ind := range pr.Indicators {
				if !keeps(z, pr, ind) {
					continue
				}
				if n >= first && n < last {
					pc.Indicators = append(pc.Indicators, ind)
				}
				n++
			}
			switch {
			case len(pc.Indicators) > 0:
			case len(pr.Indicators) == 0 && v.Filter.Dept == "" && q == "" && onPage(n):
				// Key projects only: listed where the program falls.
			default:
				continue
			}
			zc.Programs = append(zc.Programs, pc)
		}
		if len(zc.Programs) > 0 || len(z.Programs) == 0 && !v.Filtered && onPage(n) {
			v.Zones = append(v.Zones, zc)
		}
	}
	shown := map[string]bool{}
	for _, z := range v.Zones {
		shown[z.Code] = true
	}
	for _, z := range p.Zones {
		href := "#zone-" + z.Code
		if !shown[z.Code] {
			u := url.Values{"zone": {z.Code}}
			if id := r.URL.Query().Get("plan"); id != "" {
				u.Set("plan", id)
			}
			href = r.URL.Path + "?" + u.Encode()
		}
		v.Tabs = append(v.Tabs, planTab{Name: z.Name, Href: href})
	}
	pageURL := func(n int) string {
		u := r.URL.Query()
		u.Set("page", strconv.Itoa(n))
		u.Del("lang")
		return r.URL.Path + "?" + u.Encode()
	}
	if v.Page > 1 {
		v.PrevURL = pageURL(v.Page - 1)
	}
	if v.Page < v.Pages {
		v.NextURL = pageURL(v.Page + 1)
	}
	return v
}

func (s *Server) planPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var id int64
	var err error
	if r.PathValue("id") != "" {
		if id, err = pathID(r, "id"); err != nil {
			return err
		}
		notePlan(r, id, true)
	} else if id, err = s.planParam(r); errors.Is(err, plan.ErrNotFound) && r.URL.Query().Get("plan") == "" {
		if service.ActorFrom(ctx).UserID == 0 && !s.svc.PublicView {
			return auth.ErrUnauthenticated
		}
		s.render(w, r, http.StatusOK, "plan", &planView{Empty: true})
		return nil
	} else if err != nil {
		return err
	}
	p, err := s.svc.Plan(ctx, service.ActorFrom(ctx), id)
	if err != nil {
		return err
	}
	v := planPageOf(r, p, intParam(r, "page", 1))
	v.Plan, v.Depts = p, map[string]string{}
	for _, d := range p.Departments {
		v.Depts[d.Code] = d.Name
	}
	v.Counts.Zones = len(p.Zones)
	for _, z := range p.Zones {
		v.Counts.Programs += len(z.Programs)
		for _, pr := range z.Programs {
			for _, ind := range pr.Indicators {
				v.Counts.Indicators++
				if ind.HasTarget() {
					v.Counts.Targets++
				}
			}
		}
	}
	if a := service.ActorFrom(ctx); a.UserID != 0 && a.HasRole(auth.RoleOfficer) {
		dontKeep(r) // an officer's plan page lists their own visits, which no data stamp follows
	}
	if v.Upcoming, err = s.svc.UpcomingVisits(ctx, service.ActorFrom(ctx), 5); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "plan", v)
	return nil
}

// documentPage shows a source document with one span marked, so that an indicator's
// "source" link opens the sentence its target came from.
func (s *Server) documentPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	doc, err := s.svc.Document(r.Context(), service.ActorFrom(r.Context()), id, r.PathValue("key"))
	if err != nil {
		return err
	}
	text := []rune(doc.Text)
	start, end := intParam(r, "start", -1), intParam(r, "end", -1)
	v := map[string]any{"Doc": doc, "PlanID": id}
	if start >= 0 && end > start && end <= len(text) {
		v["Before"], v["Mark"], v["After"] = string(text[:start]), string(text[start:end]), string(text[end:])
	} else {
		v["Before"] = doc.Text
	}
	s.render(w, r, http.StatusOK, "document", v)
	return nil
}
