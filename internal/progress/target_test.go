package progress

import (
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/plan"
)

func TestTargetAt(t *testing.T) {
	orig := OriginalTarget(level(), 2022)
	if !orig.Target.Equal(d("120")) || orig.EffectiveFrom.Format(time.DateOnly) != "2022-01-01" || orig.Qualifier != plan.QualAtLeast {
		t.Fatalf("OriginalTarget = %+v", orig)
	}
	cut := TargetRevision{Target: dp("100"), Qualifier: plan.QualAtLeast, EffectiveFrom: Date(2022, 7, 1), Reason: "疫情影响调减"}
	raise := TargetRevision{Target: dp("110"), Qualifier: plan.QualAtLeast, EffectiveFrom: Date(2022, 10, 1), Reason: "回调"}
	sameDay := TargetRevision{Target: dp("111"), EffectiveFrom: Date(2022, 10, 1)}
	for _, tc := range []struct {
		name string
		revs []TargetRevision
		at   time.Time
		want string
	}{
		{"before the year: the original", []TargetRevision{orig, cut}, day(2021, 12, 1), "120"},
		{"original in force", []TargetRevision{orig, cut, raise}, day(2022, 6, 30), "120"},
		{"revision on its first day", []TargetRevision{orig, cut, raise}, day(2022, 7, 1), "100"},
		{"between revisions", []TargetRevision{orig, cut, raise}, day(2022, 9, 30), "100"},
		{"latest", []TargetRevision{orig, cut, raise}, day(2022, 12, 31), "110"},
		{"unordered input", []TargetRevision{raise, orig, cut}, day(2022, 8, 1), "100"},
		{"unordered, before all", []TargetRevision{raise, cut, orig}, day(2021, 8, 1), "120"},
		{"same day: the later recorded", []TargetRevision{orig, raise, sameDay}, day(2022, 10, 1), "111"},
	} {
		got, ok := TargetAt(tc.revs, tc.at)
		if !ok || !got.Target.Equal(d(tc.want)) {
			t.Errorf("%s: %v %v, want %s", tc.name, got.Target, ok, tc.want)
		}
	}
	if _, ok := TargetAt(nil, day(2022, 1, 1)); ok {
		t.Error("TargetAt(nil) ok")
	}
}

// A revision in force changes the status: 60 by June is on track for 120 at half-year,
// and achieved once the target is cut to 50.
func TestEvaluateUsesTargetInForce(t *testing.T) {
	orig := OriginalTarget(level(), 2022)
	cut := TargetRevision{Target: dp("50"), Qualifier: plan.QualAtLeast, EffectiveFrom: Date(2022, 7, 1)}
	reports := []Report{approved("2022-06", "60")}
	for _, tc := range []struct {
		at   time.Time
		want Status
	}{
		{day(2022, 6, 30), StatusOnTrack},
		{day(2022, 7, 5), StatusAchieved},
	} {
		tg, _ := TargetAt([]TargetRevision{orig, cut}, tc.at)
		res := Evaluate(Input{Indicator: level(), Target: &tg, Reports: reports, At: tc.at})
		if res.Status != tc.want {
			t.Errorf("at %s: %s (%s), want %s", tc.at.Format(time.DateOnly), res.Status, res.Explain, tc.want)
		}
	}
}

func TestAssess(t *testing.T) {
	tol := d("0.03")
	rev := func(q plan.Qualifier, target string) TargetRevision {
		return TargetRevision{Target: dp(target), Qualifier: q}
	}
	rng := TargetRevision{Target: dp("6"), TargetMax: dp("6.5"), Qualifier: plan.QualExact}
	for _, tc := range []struct {
		name string
		t    TargetRevision
		dir  plan.Direction
		v    string
		want Attainment
	}{
		{"about: inside the band below", rev(plan.QualAbout, "100"), plan.Higher, "97", Met},
		{"about: inside the band above", rev(plan.QualAbout, "100"), plan.Higher, "103", Met},
		{"about: under the band", rev(plan.QualAbout, "100"), plan.Higher, "96.99", Short},
		{"about: over the band, more is better", rev(plan.QualAbout, "100"), plan.Higher, "103.01", Exceeded},
		{"about: over the band, less is better", rev(plan.QualAbout, "100"), plan.Lower, "103.01", Short},
		{"about: under the band, less is better", rev(plan.QualAbout, "100"), plan.Lower, "96", Exceeded},
		{"about a negative rate", rev(plan.QualAbout, "-3"), plan.Lower, "-2.92", Met},
		{"at_least: equal", rev(plan.QualAtLeast, "5"), plan.Higher, "5", Met},
		{"at_least: under", rev(plan.QualAtLeast, "5"), plan.Higher, "4.99", Short},
		{"at_least beats direction", rev(plan.QualAtLeast, "5"), plan.Lower, "6", Met},
		{"over reads as at_least", rev(plan.QualOver, "4800"), plan.Higher, "4800", Met},
		{"at_most: equal", rev(plan.QualAtMost, "35"), plan.Lower, "35", Met},
		{"at_most: over", rev(plan.QualAtMost, "35"), plan.Lower, "35.1", Short},
		{"at_most beats direction", rev(plan.QualAtMost, "35"), plan.Higher, "30", Met},
		{"exact, higher: above", rev(plan.QualExact, "8"), plan.Higher, "8.5", Met},
		{"exact, higher: under", rev(plan.QualExact, "8"), plan.Higher, "7.9", Short},
		{"exact, lower (能耗下降3%): −3.5", rev(plan.QualExact, "-3"), plan.Lower, "-3.5", Met},
		{"exact, lower: −2", rev(plan.QualExact, "-3"), plan.Lower, "-2", Short},
		{"empty qualifier is exact", rev("", "8"), plan.Higher, "8", Met},
		{"range: inside", rng, plan.Higher, "6.2", Met},
		{"range: at the top", rng, plan.Higher, "6.5", Met},
		{"range: under", rng, plan.Higher, "5.9", Short},
		{"range: over, more is better", rng, plan.Higher, "7", Exceeded},
		{"range: over, less is better", rng, plan.Lower, "7", Short},
		{"no target", TargetRevision{}, plan.Higher, "7", Short},
	} {
		got := Assess(tc.t, tc.dir, tol, d(tc.v))
		if got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
		if Meets(tc.t, tc.dir, tol, d(tc.v)) != (tc.want == Met) {
			t.Errorf("%s: Meets disagrees", tc.name)
		}
	}
	// A wider custom tolerance widens the band.
	if Assess(rev(plan.QualAbout, "100"), plan.Higher, d("0.05"), d("95")) != Met {
		t.Error("custom tolerance ignored")
	}
}
