package progress

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/lantu-dev/lantu/internal/plan"
)

// Calendar is the reporting calendar of one frequency under a plan's settings: a
// period's report is due on DueDay of the month after the period ends (the 10th by
// default; clamped to the month's last day), and the period locks LockAfterDays after
// that (20 by default).
//
// A report handed in on its due date is on time; the period is overdue from the day
// after. The period is locked from its lock date on, unless a reviewer unlocked it.
type Calendar struct {
	Frequency plan.Frequency
	Settings  plan.Settings
}

// NewCalendar is the calendar of a frequency; the settings are normalized.
func NewCalendar(freq plan.Frequency, s plan.Settings) Calendar {
	return Calendar{Frequency: freq, Settings: Normalize(s)}
}

// Periods lists the calendar's periods in a year.
func (c Calendar) Periods(year int) []Period { return PeriodsOf(c.Frequency, year) }

// Due is the date a period's report is due: DueDay of the month after the period.
func (c Calendar) Due(p Period) time.Time {
	s := Normalize(c.Settings)
	next := p.End().AddDate(0, 0, 1) // first day of the following month
	last := next.AddDate(0, 1, -1).Day()
	day := s.DueDay
	if day > last {
		day = last
	}
	return Date(next.Year(), next.Month(), day)
}

// LockDate is the date a period locks: its due date plus LockAfterDays.
func (c Calendar) LockDate(p Period) time.Time {
	return c.Due(p).AddDate(0, 0, Normalize(c.Settings).LockAfterDays)
}

// What is overdue is Obligation.Overdue's (owed.go): the calendar gives dates only.

// OnTime reports whether a report submitted at submitted was in by the period's due
// date. A zero time was never submitted.
func (c Calendar) OnTime(p Period, submitted time.Time) bool {
	return !submitted.IsZero() && !dateOf(submitted).After(c.Due(p))
}

// Unlock reopens a locked period: a reviewer grants it, with a reason, until a date
// (inclusive). The caller passes the unlocks that apply to the indicator concerned.
type Unlock struct {
	ID          int64     `json:"id,omitempty"`
	IndicatorID int64     `json:"indicator_id,omitempty"`
	Period      Period    `json:"period"`
	Reason      string    `json:"reason"`
	Until       time.Time `json:"until"`
	By          int64     `json:"by"`
	At          time.Time `json:"at,omitzero"` // when granted; zero is "always"
}

// Validate checks an unlock before it is stored; errors name the field.
func (u Unlock) Validate() error {
	switch {
	case u.Period.IsZero():
		return &ValidationError{Field: "period", Message: "须指明解锁的期间", Code: "unlock_period"}
	case strings.TrimSpace(u.Reason) == "":
		return &ValidationError{Field: "reason", Message: "须填写解锁原因", Code: "unlock_reason"}
	case u.Until.IsZero():
		return &ValidationError{Field: "until", Message: "须填写解锁截止日期", Code: "unlock_until"}
	case !u.At.IsZero() && dateOf(u.Until).Before(dateOf(u.At)):
		return &ValidationError{Field: "until", Message: "解锁截止日期早于解锁日期", Code: "unlock_until_before"}
	}
	return nil
}

// ValidateFor checks an unlock of an indicator of a plan year: Validate, and a period of
// the indicator's own frequency (no month of a quarterly indicator) in the plan year or
// the year before (its history).
func (u Unlock) ValidateFor(ind plan.Indicator, year int) error {
	if err := u.Validate(); err != nil {
		return err
	}
	freq := frequencyOf(ind)
	switch {
	case freq == "":
		return ValidationErrors{{Field: "period", Message: "里程碑类指标没有报送期间，无需解锁"}}
	case u.Period.Frequency() != freq:
		return ValidationErrors{{Field: "period", Message: fmt.Sprintf("该指标按%s报送，期间应写作%s", freqLabel(freq), PeriodsOf(freq, year)[0])}}
	case u.Period.Year() != year && u.Period.Year() != year-1:
		return ValidationErrors{{Field: "period", Message: fmt.Sprintf("期间应在%d年（或上一年）", year)}}
	}
	return nil
}

// active reports whether u reopens p on date d.
func (u Unlock) active(p Period, d time.Time) bool {
	return u.Period == p && !d.After(dateOf(u.Until)) && (u.At.IsZero() || !d.Before(dateOf(u.At)))
}

// Locked reports whether a period is locked at at: on or after its lock date and not
// reopened by an unlock in force that day.
func (c Calendar) Locked(p Period, at time.Time, unlocks []Unlock) bool {
	d := dateOf(at)
	if d.Before(c.LockDate(p)) {
		return false
	}
	for _, u := range unlocks {
		if u.active(p, d) {
			return false
		}
	}
	return true
}

// Open is the lock rule for a change to a period's reports. Locks bind reporters and
// reviewers; an admin (override true) may change a locked period, and Open then
// returns overridden true so that the service records the override. Otherwise a
// locked period gives a *LockedError (errors.Is ErrLocked).
func (c Calendar) Open(p Period, at time.Time, unlocks []Unlock, override bool) (overridden bool, err error) {
	if !c.Locked(p, at, unlocks) {
		return false, nil
	}
	if override {
		return true, nil
	}
	return false, &LockedError{Period: p, Since: c.LockDate(p)}
}

// ErrLocked is matched (errors.Is) by a *LockedError.
var ErrLocked = errors.New("progress: period locked")

// LockedError says a period is locked and since when.
type LockedError struct {
	Period Period
	Since  time.Time
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("progress: period %s locked since %s", e.Period, e.Since.Format(time.DateOnly))
}

// Is makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Is(target error) bool { return target == ErrLocked }
