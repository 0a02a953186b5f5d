package progress

import "github.com/lantu-dev/lantu/internal/plan"

// Normalize fills the unset (zero or negative) fields of plan settings with
// plan.DefaultSettings, so a plan whose file says nothing still gets a 3% band, 95%/85%
// thresholds, the 10th as due day and a lock 20 days later. Every function here
// normalizes the settings it is given; callers need not.
func Normalize(s plan.Settings) plan.Settings {
	d := plan.DefaultSettings()
	if s.AboutTolerance.Sign() <= 0 {
		s.AboutTolerance = d.AboutTolerance
	}
	if s.OnTrack.Sign() <= 0 {
		s.OnTrack = d.OnTrack
	}
	if s.AtRisk.Sign() <= 0 {
		s.AtRisk = d.AtRisk
	}
	if s.DueDay <= 0 {
		s.DueDay = d.DueDay
	}
	if s.LockAfterDays <= 0 {
		s.LockAfterDays = d.LockAfterDays
	}
	return s
}
