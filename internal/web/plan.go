package web

import (
	"errors"
	"net/http"

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
	v := &planView{Plan: p, Depts: map[string]string{}}
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
