package web

import (
	"errors"
	"net/http"

	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/service"
)

// acceptedView is where an accepted fact went, beside the fact.
type acceptedView struct {
	Text        string
	IndicatorID int64
}

// acceptRefusal is an acceptance just refused: what was chosen (kept in the form) and,
// when the plan has an indicator of the same name or code, that indicator to offer instead.
type acceptRefusal struct {
	service.Acceptance
	SameID   int64
	SameName string
	// AlreadyID is the indicator the fact went into before.
	AlreadyID int64
}

func refusalOf(acc service.Acceptance, err error) *acceptRefusal {
	ref := &acceptRefusal{Acceptance: acc}
	var ae *service.AcceptError
	if errors.As(err, &ae) {
		switch ae.Code {
		case service.AcceptSameIndicator:
			ref.SameID, ref.SameName = ae.IndicatorID, ae.IndicatorName
		case service.AcceptAlready:
			ref.AlreadyID = ae.IndicatorID
		}
	}
	return ref
}

// acceptedFacts maps a document's accepted spans to where they went.
func (s *Server) acceptedFacts(r *http.Request, planID int64, key string) (map[[2]int]*acceptedView, error) {
	ctx := r.Context()
	a := service.ActorFrom(ctx)
	fs, err := s.svc.AcceptedFacts(ctx, a, planID, key)
	if err != nil {
		return nil, err
	}
	lang := requestLang(r)
	out := make(map[[2]int]*acceptedView, len(fs))
	for _, f := range fs {
		name := ""
		if ind, err := s.svc.Indicator(ctx, a, f.IndicatorID); err == nil {
			name = ind.Name
		}
		out[[2]int{f.Start, f.End}] = &acceptedView{Text: i18n.AcceptedAs(lang, f.As, name), IndicatorID: f.IndicatorID}
	}
	return out, nil
}
