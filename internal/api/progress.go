package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
)

func atParam(r *http.Request) (time.Time, error) {
	s := r.URL.Query().Get("at")
	if s == "" {
		return time.Time{}, nil
	}
	t, err := service.ParseAt(s)
	if err != nil {
		return t, badRequest("%v", err)
	}
	return t, nil
}

func (a *API) planID(r *http.Request) (int64, error) {
	if s := r.URL.Query().Get("plan"); s != "" {
		r.SetPathValue("plan", s)
		return pathID(r, "plan")
	}
	return a.svc.DefaultPlan(r.Context())
}

func (a *API) planStatus(r *http.Request) (any, error) {
	id, err := a.planID(r)
	if err != nil {
		return nil, err
	}
	at, err := atParam(r)
	if err != nil {
		return nil, err
	}
	// Encoded once per status and kind of reader (service.PlanStatusJSON).
	return a.svc.PlanStatusJSON(r.Context(), actor(r), id, at)
}

func (a *API) indicatorStatus(r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	at, err := atParam(r)
	if err != nil {
		return nil, err
	}
	st, at, err := a.svc.OneStatus(r.Context(), actor(r), id, at)
	if err != nil {
		return nil, err
	}
	return map[string]any{"at": at.Format(time.DateOnly), "status": service.StatusDTOOf(st)}, nil
}

// reportBody is a report as a client sends it. Numbers may come as JSON numbers or
// strings; either way they are read exactly.
type reportBody struct {
	Period     string           `json:"period"`
	Value      *decimal.Decimal `json:"value"`
	Cumulative *bool            `json:"cumulative"`
	LastYear   *decimal.Decimal `json:"last_year"`
	Amount     *decimal.Decimal `json:"amount"`
	Done       bool             `json:"done"`
	Note       string           `json:"note"`
	Cause      string           `json:"cause"`
	Remedy     string           `json:"remedy"`
	Version    int              `json:"version"`
}

func (b reportBody) input() service.ReportInput {
	return service.ReportInput{Period: b.Period, Value: b.Value, Cumulative: b.Cumulative, LastYear: b.LastYear, Amount: b.Amount,
		Done: b.Done, Note: b.Note, Cause: b.Cause, Remedy: b.Remedy, Version: b.Version}
}

func requireUser(r *http.Request) error {
	if actor(r).UserID == 0 {
		return auth.ErrUnauthenticated
	}
	return nil
}

func (a *API) createReport(r *http.Request) (any, error) {
	id, b, err := writeInput[reportBody](r)
	if err != nil {
		return nil, err
	}
	return a.svc.CreateReport(r.Context(), actor(r), id, b.input())
}

func (a *API) listReports(r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	rs, err := a.svc.Reports(r.Context(), actor(r), id)
	if err != nil {
		return nil, err
	}
	out := make([]progress.Report, 0, len(rs))
	for _, x := range rs {
		out = append(out, x.Report)
	}
	return out, nil
}

func (a *API) getReport(r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	rv, err := a.svc.ReportByID(r.Context(), actor(r), id)
	if err != nil {
		return nil, err
	}
	return rv.Report, nil
}

func (a *API) updateReport(r *http.Request) (any, error) {
	id, b, err := writeInput[reportBody](r)
	if err != nil {
		return nil, err
	}
	if b.Version == 0 {
		return nil, progress.ValidationErrors{{Field: "version", Message: "give the version you edited (optimistic locking)"}}
	}
	out, err := a.svc.UpdateReport(r.Context(), actor(r), id, b.input())
	if err != nil {
		return nil, err
	}
	return created{http.StatusOK, out}, nil
}

func (a *API) review(act progress.Action) handlerFunc {
	return func(r *http.Request) (any, error) {
		id, b, err := writeInput[struct {
			Version int    `json:"version"`
			Reason  string `json:"reason"`
		}](r)
		if err != nil {
			return nil, err
		}
		out, err := a.svc.Review(r.Context(), actor(r), id, service.ReviewAction{Action: act, Version: b.Version, Reason: b.Reason})
		if err != nil {
			return nil, err
		}
		return created{http.StatusOK, out}, nil
	}
}

func (a *API) correctReport(r *http.Request) (any, error) {
	if err := requireUser(r); err != nil {
		return nil, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return a.svc.CorrectReport(r.Context(), actor(r), id)
}

func (a *API) unlock(r *http.Request) (any, error) {
	id, b, err := writeInput[struct {
		Period string `json:"period"`
		Reason string `json:"reason"`
		Until  string `json:"until"`
	}](r)
	if err != nil {
		return nil, err
	}
	until, err := time.Parse(time.DateOnly, b.Until)
	if err != nil {
		return nil, progress.ValidationErrors{{Field: "until", Message: "is not a date (YYYY-MM-DD)"}}
	}
	return a.svc.UnlockPeriod(r.Context(), actor(r), id, b.Period, b.Reason, until)
}

func (a *API) reviseTarget(r *http.Request) (any, error) {
	id, b, err := writeInput[struct {
		Target        *decimal.Decimal `json:"target"`
		TargetMax     *decimal.Decimal `json:"target_max"`
		Qualifier     string           `json:"qualifier"`
		Due           string           `json:"due"`
		EffectiveFrom string           `json:"effective_from"`
		Reason        string           `json:"reason"`
	}](r)
	if err != nil {
		return nil, err
	}
	from, err := time.Parse(time.DateOnly, b.EffectiveFrom)
	if err != nil {
		return nil, progress.ValidationErrors{{Field: "effective_from", Message: "is not a date (YYYY-MM-DD)"}}
	}
	t := progress.TargetRevision{Target: b.Target, TargetMax: b.TargetMax, Qualifier: planQualifier(b.Qualifier), Due: b.Due, EffectiveFrom: from, Reason: b.Reason}
	if err := a.svc.ReviseTarget(r.Context(), actor(r), id, t); err != nil {
		return nil, err
	}
	return t, nil
}

func (a *API) reviewQueue(r *http.Request) (any, error) {
	id, err := a.planID(r)
	if err != nil {
		return nil, err
	}
	q, err := a.svc.ReviewQueue(r.Context(), actor(r), id)
	if err != nil {
		return nil, err
	}
	out := make([]map[string]any, 0, len(q))
	for _, rv := range q {
		out = append(out, map[string]any{"report": rv.Report, "indicator": map[string]any{"id": rv.Indicator.ID, "name": rv.Indicator.Name,
			"unit": rv.Indicator.Unit, "department": rv.Indicator.DeptName}})
	}
	return out, nil
}

func (a *API) rates(r *http.Request) (any, error) {
	id, err := a.planID(r)
	if err != nil {
		return nil, err
	}
	at, err := atParam(r)
	if err != nil {
		return nil, err
	}
	return a.svc.DepartmentRates(r.Context(), actor(r), id, at)
}

func planQualifier(s string) plan.Qualifier { return plan.Qualifier(strings.TrimSpace(s)) }
