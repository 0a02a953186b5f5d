package progress

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestLamp(t *testing.T) {
	d := decimal.RequireFromString
	for _, c := range []struct {
		rate, share string
		tracked     int
		want        Lamp
		due         int
	}{
		{"1", "1", 3, LampGreen, 4},
		{"1", "0.8", 3, LampGreen, 4},   // mean 0.9
		{"1", "0.79", 3, LampYellow, 4}, // mean 0.895
		{"0.5", "0.9", 3, LampYellow, 4},
		{"0.5", "0.5", 3, LampRed, 4},
		{"0.95", "0", 0, LampGreen, 4}, // nothing tracked: the rate alone
		{"0.6", "0", 0, LampRed, 4},
		{"1", "0.5", 2, LampRed, 0}, // nothing due yet: the share alone
		{"1", "0", 0, LampNone, 0},  // nothing at all: no light
	} {
		got := LampOf(Score(ReportingRate{Rate: d(c.rate), Due: c.due}, Summary{Tracked: c.tracked, OnTrackShare: d(c.share)}))
		if got != c.want {
			t.Errorf("rate %s share %s tracked %d: %s, want %s", c.rate, c.share, c.tracked, got, c.want)
		}
	}
}
