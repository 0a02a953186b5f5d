package service

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/progress"
)

// StatusDTO is one indicator's status as the API and `lantu status --json` write it, so
// that both say the same.
type StatusDTO struct {
	IndicatorID    int64            `json:"indicator_id"`
	Code           string           `json:"code"`
	Name           string           `json:"name"`
	Unit           string           `json:"unit"`
	Department     string           `json:"department,omitempty"`
	Status         progress.Status  `json:"status"`
	StatusLabel    string           `json:"status_label"`
	Progress       *decimal.Decimal `json:"progress"`
	Expected       *decimal.Decimal `json:"expected"`
	Target         *decimal.Decimal `json:"target"`
	TargetMax      *decimal.Decimal `json:"target_max,omitempty"`
	Completion     *decimal.Decimal `json:"completion"`
	Projection     *decimal.Decimal `json:"projection"`
	ProjectionLow  *decimal.Decimal `json:"projection_low"`
	ProjectionHigh *decimal.Decimal `json:"projection_high"`
	WillMeet       progress.Verdict `json:"will_meet,omitempty"`
	AsOf           string           `json:"as_of"`
	Overdue        []string         `json:"overdue,omitempty"`
	Explain        string           `json:"explain"`
}

// StatusReport is the status of a plan's indicators at a moment.
type StatusReport struct {
	At         string      `json:"at"`
	Indicators []StatusDTO `json:"indicators"`
}

// round keeps figures readable without losing what matters: 4 decimal places.
func round(d *decimal.Decimal) *decimal.Decimal { return progress.RoundPtr(d, 4) }

// StatusDTOs renders statuses for JSON.
func StatusDTOs(rows []IndicatorStatus, at time.Time) StatusReport {
	out := StatusReport{At: at.Format(time.DateOnly), Indicators: make([]StatusDTO, 0, len(rows))}
	for _, r := range rows {
		out.Indicators = append(out.Indicators, StatusDTOOf(r))
	}
	return out
}

// StatusDTOOf renders one status.
func StatusDTOOf(r IndicatorStatus) StatusDTO {
	d := StatusDTO{IndicatorID: r.IndicatorID, Code: r.Code, Name: r.Name, Unit: r.Unit, Department: r.DeptName,
		Status: r.Status, StatusLabel: r.Status.Label(), Progress: round(r.Progress), Expected: round(r.Expected),
		Target: r.Target, TargetMax: r.TargetMax, Completion: round(r.Completion), Projection: round(r.Projection),
		ProjectionLow: round(r.ProjectionLow), ProjectionHigh: round(r.ProjectionHigh), WillMeet: r.WillMeet,
		AsOf: r.AsOf.String(), Explain: r.Explain}
	for _, p := range r.Overdue {
		d.Overdue = append(d.Overdue, p.String())
	}
	return d
}
