package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/service"
)

// cityRowDTO is one district's line of a standard code's roll-up.
type cityRowDTO struct {
	Rank      int               `json:"rank,omitempty"`
	Region    plan.Region       `json:"region"`
	PlanID    int64             `json:"plan_id"`
	PlanTitle string            `json:"plan_title"`
	Qualifier plan.Qualifier    `json:"qualifier"`
	Status    service.StatusDTO `json:"status"`
}

func yearParam(r *http.Request) (int, error) {
	v := r.URL.Query().Get("year")
	if v == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(v)
	if err != nil || y < 1900 || y > 2200 {
		return 0, badRequest("year %q: give a year such as 2022", v)
	}
	return y, nil
}

// cityIndicator: GET /api/v1/city/codes/{code}?year=&at= — one standard code across the
// districts the caller may see, ranked by completion, with sums per base unit.
func (a *API) cityIndicator(r *http.Request) (any, error) {
	year, err := yearParam(r)
	if err != nil {
		return nil, err
	}
	at, err := atParam(r)
	if err != nil {
		return nil, err
	}
	ci, err := a.svc.CityIndicator(r.Context(), actor(r), r.PathValue("code"), year, at)
	if err != nil {
		return nil, err
	}
	rows := make([]cityRowDTO, 0, len(ci.Rows))
	for _, row := range ci.Rows {
		rows = append(rows, cityRowDTO{Rank: row.Rank, Region: row.Region, PlanID: row.PlanID, PlanTitle: row.PlanTitle,
			Qualifier: row.Qualifier, Status: service.StatusDTOOf(row.Indicator)})
	}
	return map[string]any{"code": ci.Code, "name": ci.Name, "year": ci.Year, "at": ci.At.In(service.China).Format(time.DateOnly),
		"by_status": ci.ByStatus, "totals": ci.Totals, "districts": rows}, nil
}

// cityOverview: GET /api/v1/city?year=&at= — every standard code across the districts.
func (a *API) cityOverview(r *http.Request) (any, error) {
	year, err := yearParam(r)
	if err != nil {
		return nil, err
	}
	at, err := atParam(r)
	if err != nil {
		return nil, err
	}
	ov, err := a.svc.CityOverview(r.Context(), actor(r), year, at)
	if err != nil {
		return nil, err
	}
	return map[string]any{"year": ov.Year, "at": ov.At.In(service.China).Format(time.DateOnly), "districts": ov.Districts,
		"by_status": ov.ByStatus, "codes": ov.Codes}, nil
}
