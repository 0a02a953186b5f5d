// Package plan holds the development plan's model: regions, plans, zones (示范区),
// programs (工程/计划/行动), indicators, key projects and departments, with the rules
// that make a plan valid. It knows nothing of SQL or HTTP.
package plan

import (
	"errors"
	"time"

	"github.com/shopspring/decimal"
)

// ErrNotFound is returned by stores and services when an entity does not exist.
var ErrNotFound = errors.New("not found")

// Region is an administrative division (行政区划), e.g. 500106 沙坪坝区. A parent lets a
// city or province hold many districts in one deployment.
type Region struct {
	ID         int64  `json:"id"`
	Code       string `json:"code"`
	Name       string `json:"name"`
	ParentCode string `json:"parent_code,omitempty"`
}

// Settings tune how the status engine reads a plan.
type Settings struct {
	// AboutTolerance is the band within which an "about" (左右) target counts as met.
	AboutTolerance decimal.Decimal `json:"about_tolerance"`
	// OnTrack and AtRisk are shares of expected-by-now: at or above OnTrack is on track,
	// at or above AtRisk is at risk, below it is behind.
	OnTrack decimal.Decimal `json:"on_track"`
	AtRisk  decimal.Decimal `json:"at_risk"`
	// SubmittedCounts lets submitted (not yet approved) figures count.
	SubmittedCounts bool `json:"submitted_counts"`
	// DueDay is the day of the month after a period when its report is due.
	DueDay int `json:"due_day"`
	// LockAfterDays locks a period that many days after its due day.
	LockAfterDays int `json:"lock_after_days"`
}

// DefaultSettings are the values a plan gets when its file does not say.
func DefaultSettings() Settings {
	return Settings{
		AboutTolerance: decimal.RequireFromString("0.03"),
		OnTrack:        decimal.RequireFromString("0.95"),
		AtRisk:         decimal.RequireFromString("0.85"),
		DueDay:         10,
		LockAfterDays:  20,
	}
}

// Plan is one region's plan for one year.
type Plan struct {
	ID        int64      `json:"id"`
	RegionID  int64      `json:"region_id"`
	Region    Region     `json:"region"`
	Year      int        `json:"year"`
	Title     string     `json:"title"`
	AsOf      *time.Time `json:"as_of,omitempty"` // the moment a demo plan is shown at
	Settings  Settings   `json:"settings"`
	Documents []Document `json:"documents,omitempty"`
	Zones     []Zone     `json:"zones,omitempty"`
	// Departments referenced by this plan's indicators and projects.
	Departments []Department `json:"departments,omitempty"`
}

// Document is a source text a plan was taken from; spans point into its Text.
type Document struct {
	ID     int64  `json:"id"`
	Key    string `json:"key"`
	Title  string `json:"title"`
	Source string `json:"source,omitempty"`
	Date   string `json:"date,omitempty"`
	// DateSource says where an ingested document's date comes from: "form" (given by
	// the person), "text" (found in it) or "today"; "" for a plan's own documents.
	DateSource string `json:"date_source,omitempty"`
	Text       string `json:"-"`
}

// Department (部门) owns indicators and projects.
type Department struct {
	ID       int64  `json:"id"`
	RegionID int64  `json:"region_id"`
	Code     string `json:"code"`
	Name     string `json:"name"`
	// Inferred marks a department named by us, not by the source document.
	Inferred bool `json:"inferred,omitempty"`
}

// Zone is a demonstration zone (示范区).
type Zone struct {
	ID          int64     `json:"id"`
	PlanID      int64     `json:"plan_id"`
	Code        string    `json:"code"`
	Name        string    `json:"name"`
	Description string    `json:"description,omitempty"`
	Position    int       `json:"position"`
	Programs    []Program `json:"programs,omitempty"`
}

// Program is an engineering program, plan or action (工程/计划/行动) within a zone.
type Program struct {
	ID          int64       `json:"id"`
	ZoneID      int64       `json:"zone_id"`
	Code        string      `json:"code"`
	Name        string      `json:"name"`
	Description string      `json:"description,omitempty"`
	Position    int         `json:"position"`
	Indicators  []Indicator `json:"indicators,omitempty"`
	Projects    []Project   `json:"projects,omitempty"`
}

// Project is a key project (重点项目) with its own dates; its milestones are
// indicators of kind milestone that name it.
type Project struct {
	ID          int64  `json:"id"`
	ProgramID   int64  `json:"program_id"`
	Code        string `json:"code"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	DeptCode    string `json:"department,omitempty"`
	Start       string `json:"start,omitempty"` // YYYY-MM-DD
	End         string `json:"end,omitempty"`
	Position    int    `json:"position"`
}
