// Package audit describes the append-only record of every change anyone makes in lantu:
// who, when, what entity, before, after, and from which address.
package audit

import (
	"encoding/json"
	"time"
)

// Entry is one change.
type Entry struct {
	ID        int64     `json:"id"`
	At        time.Time `json:"at"`
	RegionID  int64     `json:"region_id,omitempty"` // the region of what changed; 0: the deployment's own
	UserID    int64     `json:"user_id,omitempty"`
	UserLogin string    `json:"user"`
	Action    string    `json:"action"` // e.g. plan.import, report.approve, user.create
	Entity    string    `json:"entity"` // e.g. plan, indicator, report, user
	EntityID  int64     `json:"entity_id,omitempty"`
	Before    string    `json:"before,omitempty"` // JSON of the entity before the change
	After     string    `json:"after,omitempty"`  // JSON after it
	Address   string    `json:"address,omitempty"`
	Note      string    `json:"note,omitempty"` // e.g. "override: period locked"
}

// Snapshot renders an entity for Before/After. Secrets must be left out by the caller's
// types (json:"-"), never masked here.
func Snapshot(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return `{"error":"unrenderable"}`
	}
	return string(b)
}

// Filter selects audit entries to read.
type Filter struct {
	// RegionID restricts to the entries of a region and the regions under it (a
	// region's reader; a city's reads its districts'); 0 reads every
	// region's and the deployment's own (a deployment-wide reader).
	RegionID int64
	Entity   string
	EntityID int64
	UserID   int64
	Limit    int
	BeforeID int64 // for paging: entries older than this id
	// Login selects one user's entries by the login recorded (also failed sign-ins,
	// which have no user id when the login does not exist).
	Login string
	// Actions selects entries with one of these actions; NotActions leaves them out.
	Actions, NotActions []string
	// From and To bound the time (From inclusive, To exclusive); zero: unbounded.
	From, To time.Time
}

// SignIns are the actions of the sign-in view, apart from the changes.
var SignIns = []string{"user.login", "user.login_failed", "user.logout"}
