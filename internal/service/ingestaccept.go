package service

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/extract"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/store"
)

// Codes of AcceptError.
const (
	AcceptNeeds         = "needs"          // fields the acceptance must name are missing (Fields)
	AcceptAlready       = "already"        // the fact was accepted before (As, IndicatorID)
	AcceptSameIndicator = "same_indicator" // the plan has an indicator of that name or code (IndicatorID, By)
)

// AcceptError is why a fact was not accepted, with what the page needs to say so and to
// offer what to do instead. The words are built from message keys (internal/problem).
type AcceptError struct {
	Code          string
	Fields        []string // AcceptNeeds: program, dept, indicator
	As            string   // AcceptAlready: how it went in (indicator, target, baseline, report)
	IndicatorID   int64    // AcceptAlready: where it went; AcceptSameIndicator: the indicator of the same name or code
	IndicatorName string
	ReportID      int64  // AcceptAlready as a report
	By            string // AcceptSameIndicator: "name" or "code"
}

func (e *AcceptError) Error() string {
	switch e.Code {
	case AcceptNeeds:
		return "accept fact: choose " + strings.Join(e.Fields, ", ")
	case AcceptAlready:
		return fmt.Sprintf("accept fact: already accepted as %s of indicator %d", e.As, e.IndicatorID)
	}
	return fmt.Sprintf("accept fact: indicator %d %q has the same %s", e.IndicatorID, e.IndicatorName, e.By)
}

// AcceptedFacts lists where a document's accepted facts went, for those who ingest.
func (s *Service) AcceptedFacts(ctx context.Context, a Actor, planID int64, key string) ([]store.AcceptedFact, error) {
	if _, err := s.Documents(ctx, a, planID); err != nil {
		return nil, err
	}
	return s.store.AcceptedFacts(ctx, planID, key)
}

// acceptedBefore is an AcceptError when the span was accepted already.
func (s *Service) acceptedBefore(ctx context.Context, planID int64, key string, start, end int) error {
	fs, err := s.store.AcceptedFacts(ctx, planID, key)
	if err != nil {
		return err
	}
	for _, f := range fs {
		if f.Start == start && f.End == end {
			e := &AcceptError{Code: AcceptAlready, As: f.As, IndicatorID: f.IndicatorID, ReportID: f.ReportID}
			if ind, err := s.store.Indicator(ctx, f.IndicatorID); err == nil {
				e.IndicatorName = ind.Name
			}
			return e
		}
	}
	return nil
}

// acceptNeeds checks that the acceptance names what its kind needs, and that a new
// indicator does not repeat one of the plan (unless asked to anyway).
func (s *Service) acceptNeeds(ctx context.Context, planID int64, acc Acceptance, subject string) error {
	var missing []string
	switch acc.As {
	case "indicator":
		if acc.ProgramID <= 0 {
			missing = append(missing, "program")
		}
		if strings.TrimSpace(acc.DeptCode) == "" {
			missing = append(missing, "dept")
		}
	case "target", "baseline", "report":
		if acc.IndicatorID <= 0 {
			missing = append(missing, "indicator")
		}
	}
	if len(missing) > 0 {
		return &AcceptError{Code: AcceptNeeds, Fields: missing}
	}
	if acc.As != "indicator" || acc.Anyway {
		return nil
	}
	given := strings.TrimSpace(acc.Name)
	if given == "" {
		given = subject // the name acceptIndicator gives
	}
	name := normName(given)
	inds, err := s.store.PlanIndicators(ctx, planID)
	if err != nil {
		return err
	}
	for _, ind := range inds {
		switch {
		case normName(ind.Name) == name:
			return &AcceptError{Code: AcceptSameIndicator, IndicatorID: ind.ID, IndicatorName: ind.Name, By: "name"}
		case strings.EqualFold(ind.Code, given) || (ind.StdCode != "" && strings.EqualFold(ind.StdCode, given)):
			return &AcceptError{Code: AcceptSameIndicator, IndicatorID: ind.ID, IndicatorName: ind.Name, By: "code"}
		}
	}
	return nil
}

// normName compares indicator names as a reader would: spaces and the width of brackets
// do not make a new name.
func normName(s string) string {
	return strings.NewReplacer(" ", "", "\u3000", "", "（", "(", "）", ")").Replace(strings.TrimSpace(s))
}

// acceptTarget makes the fact an existing indicator's target for the plan year: a target
// revision in force from the year's first day, with the document's sentence as its reason.
func (s *Service) acceptTarget(ctx context.Context, a Actor, planID int64, ing *Ingested, f *extract.Fact, value decimal.Decimal, acc Acceptance) error {
	ind, err := s.store.Indicator(ctx, acc.IndicatorID)
	if err != nil {
		return err
	}
	if ind.PlanID != planID {
		return &AcceptError{Code: AcceptNeeds, Fields: []string{"indicator"}}
	}
	p, err := s.store.PlanHeader(ctx, planID)
	if err != nil {
		return err
	}
	t := progress.TargetRevision{Target: &value, Qualifier: qualifierOf(f),
		EffectiveFrom: time.Date(p.Year, 1, 1, 0, 0, 0, 0, China),
		Reason:        fmt.Sprintf("摘自《%s》：%s", ing.Doc.Title, f.Text)}
	if f.ValueMax != nil {
		vmax := decimal.NewFromFloat(*f.ValueMax)
		t.TargetMax = &vmax
	}
	if ind.Kind == plan.KindMilestone {
		t.Target = nil
	}
	return s.ReviseTarget(ctx, a, ind.ID, t)
}
