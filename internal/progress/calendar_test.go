package progress

import (
	"errors"
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/shopspring/decimal"
)

func TestCalendarDueAndLock(t *testing.T) {
	def := NewCalendar(plan.Monthly, plan.DefaultSettings())
	custom := NewCalendar(plan.Monthly, plan.Settings{DueDay: 31, LockAfterDays: 5})
	for _, tc := range []struct {
		cal       Calendar
		p         string
		due, lock string
	}{
		{def, "2022-06", "2022-07-10", "2022-07-30"},
		{def, "2022-12", "2023-01-10", "2023-01-30"},
		{def, "2022Q1", "2022-04-10", "2022-04-30"},
		{def, "2022", "2023-01-10", "2023-01-30"},
		// Due day 31 is clamped to February's last day.
		{custom, "2022-01", "2022-02-28", "2022-03-05"},
		{custom, "2024-01", "2024-02-29", "2024-03-05"},
		{custom, "2022-02", "2022-03-31", "2022-04-05"},
		// Zero settings take the defaults.
		{Calendar{Frequency: plan.Monthly}, "2022-06", "2022-07-10", "2022-07-30"},
	} {
		p := per(tc.p)
		if got := tc.cal.Due(p).Format(time.DateOnly); got != tc.due {
			t.Errorf("Due(%s) = %s, want %s", p, got, tc.due)
		}
		if got := tc.cal.LockDate(p).Format(time.DateOnly); got != tc.lock {
			t.Errorf("LockDate(%s) = %s, want %s", p, got, tc.lock)
		}
	}
}

func TestCalendarOnTime(t *testing.T) {
	cal := NewCalendar(plan.Monthly, plan.DefaultSettings())
	p := per("2022-06")
	if !cal.OnTime(p, day(2022, 7, 10)) || cal.OnTime(p, day(2022, 7, 11)) || cal.OnTime(p, time.Time{}) {
		t.Error("OnTime")
	}
}

func TestCalendarLocked(t *testing.T) {
	cal := NewCalendar(plan.Monthly, plan.DefaultSettings()) // 2022-06 locks 2022-07-30
	p := per("2022-06")
	unlock := Unlock{Period: p, Reason: "补报", Until: day(2022, 8, 5), By: 7, At: day(2022, 8, 1)}
	other := Unlock{Period: per("2022-05"), Reason: "补报", Until: day(2022, 12, 31), By: 7}
	for _, tc := range []struct {
		name    string
		at      time.Time
		unlocks []Unlock
		want    bool
	}{
		{"before lock date", day(2022, 7, 29), nil, false},
		{"on lock date", day(2022, 7, 30), nil, true},
		{"later", day(2022, 9, 1), nil, true},
		{"before the unlock was granted", day(2022, 7, 31), []Unlock{unlock}, true},
		{"unlocked", day(2022, 8, 1), []Unlock{unlock}, false},
		{"on the unlock's last day", day(2022, 8, 5), []Unlock{unlock}, false},
		{"unlock expired", day(2022, 8, 6), []Unlock{unlock}, true},
		{"unlock of another period", day(2022, 8, 1), []Unlock{other}, true},
	} {
		if got := cal.Locked(p, tc.at, tc.unlocks); got != tc.want {
			t.Errorf("%s: Locked = %v", tc.name, got)
		}
	}
}

func TestCalendarOpen(t *testing.T) {
	cal := NewCalendar(plan.Monthly, plan.DefaultSettings())
	p := per("2022-06")
	// Open period: nobody overrides anything.
	if ov, err := cal.Open(p, day(2022, 7, 15), nil, true); ov || err != nil {
		t.Errorf("open period: %v %v", ov, err)
	}
	// Locked: a reporter or reviewer is refused.
	_, err := cal.Open(p, day(2022, 8, 15), nil, false)
	var le *LockedError
	if !errors.Is(err, ErrLocked) || !errors.As(err, &le) || le.Period != p || le.Since.Format(time.DateOnly) != "2022-07-30" {
		t.Errorf("locked: %v", err)
	}
	// An admin passes and the override is reported for the record.
	if ov, err := cal.Open(p, day(2022, 8, 15), nil, true); !ov || err != nil {
		t.Errorf("admin override: %v %v", ov, err)
	}
}

func TestUnlockValidate(t *testing.T) {
	good := Unlock{Period: per("2022-06"), Reason: "数据更正", Until: day(2022, 8, 5), At: day(2022, 8, 1)}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	for field, u := range map[string]Unlock{
		"period": {Reason: "x", Until: good.Until},
		"reason": {Period: good.Period, Reason: "  ", Until: good.Until},
		"until":  {Period: good.Period, Reason: "x", At: day(2022, 8, 6), Until: day(2022, 8, 5)},
	} {
		var ve *ValidationError
		if err := u.Validate(); !errors.As(err, &ve) || ve.Field != field {
			t.Errorf("%s: %v", field, err)
		}
	}
}

func TestNormalize(t *testing.T) {
	s := Normalize(plan.Settings{OnTrack: decimal.RequireFromString("0.9"), DueDay: 15})
	def := plan.DefaultSettings()
	if !s.OnTrack.Equal(d("0.9")) || s.DueDay != 15 || !s.AtRisk.Equal(def.AtRisk) ||
		!s.AboutTolerance.Equal(def.AboutTolerance) || s.LockAfterDays != def.LockAfterDays {
		t.Errorf("Normalize = %+v", s)
	}
}
