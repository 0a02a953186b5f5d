package service_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// explainFDI files and submits a March figure for 外商直接投资 far below the path, with
// its cause and remedy, as the commerce clerk.
func explainFDI(t *testing.T, f *fixture) {
	t.Helper()
	ctx := context.Background()
	r, err := f.svc.CreateReport(ctx, f.reporter, f.fdi, service.ReportInput{Period: "2022-03", Value: dec("1000000"),
		Cause: "外资项目签约推迟", Remedy: "加快项目签约落地"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Review(ctx, f.reporter, r.ID, service.ReviewAction{Action: progress.ActSubmit, Version: r.Version}); err != nil {
		t.Fatal(err)
	}
}

func TestCockpit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		explainFDI(t, f)
		c, err := f.svc.Cockpit(ctx, f.admin, f.planID, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if c.At.Format(time.DateOnly) != "2022-03-31" {
			t.Errorf("at %s, want the plan's as-of date", c.At)
		}
		if len(c.Zones) != 4 {
			t.Fatalf("%d zones, want 4", len(c.Zones))
		}
		total := 0
		for _, z := range c.Zones {
			total += z.Summary.Total
			n := 0
			for _, pr := range z.Programs {
				n += pr.Summary.Total
			}
			if n != z.Summary.Total {
				t.Errorf("zone %s: programs add up to %d, zone says %d", z.Zone.Name, n, z.Summary.Total)
			}
		}
		if total != c.Overall.Total || total == 0 {
			t.Errorf("zones add up to %d, plan says %d", total, c.Overall.Total)
		}
		// What needs attention, worst first, each with its owner.
		if len(c.Attention) == 0 {
			t.Fatal("nothing needs attention in the demo")
		}
		last := -1
		var fdi *service.Placed
		for i, p := range c.Attention {
			if !service.NeedsAttention(p.Status) || p.DeptName == "" || p.ZoneName == "" {
				t.Errorf("attention %s: status %s, owner %q, zone %q", p.Name, p.Status, p.DeptName, p.ZoneName)
			}
			rank := map[progress.Status]int{progress.StatusOverdue: 0, progress.StatusBehind: 1, progress.StatusLate: 2, progress.StatusAtRisk: 3}[p.Status]
			if rank < last {
				t.Errorf("attention not worst first at %s (%s)", p.Name, p.Status)
			}
			last = rank
			if p.IndicatorID == f.fdi {
				fdi = &c.Attention[i]
			}
		}
		if fdi == nil || fdi.Cause != "外资项目签约推迟" || fdi.Remedy != "加快项目签约落地" {
			t.Errorf("外商直接投资 on the attention list: %+v, want its cause and remedy", fdi)
		}
		// Headline figures: amounts first.
		if len(c.Headline) == 0 || !strings.HasSuffix(c.Headline[0].Unit, "元") {
			t.Errorf("headline: %+v", c.Headline)
		}
		// Departments that have not reported: commerce owes January and February of
		// 离岸服务外包执行额 and of 外商直接投资.
		var commerce *service.SilentDept
		for i, d := range c.Silent {
			if d.Dept.Code == "commerce" {
				commerce = &c.Silent[i]
			}
		}
		if commerce == nil || commerce.Missing != 4 || commerce.Indicators != 2 || len(commerce.Periods) != 2 {
			t.Errorf("commerce among the silent: %+v", commerce)
		}
		if c.Rate.Due == 0 || c.Rate.OnTime > c.Rate.Due {
			t.Errorf("on-time rate %+v", c.Rate)
		}
	})
}

func TestDashboardReadRules(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	ctx := context.Background()
	f.svc.PublicView = true
	anon := service.Actor{Principal: auth.Anonymous()}
	if _, err := f.svc.Cockpit(ctx, anon, f.planID, time.Time{}); !errors.Is(err, auth.ErrUnauthenticated) {
		t.Errorf("cockpit for a visitor: %v, want sign-in required", err)
	}
	if _, err := f.svc.Ranking(ctx, anon, f.planID, time.Time{}); !errors.Is(err, auth.ErrUnauthenticated) {
		t.Errorf("ranking for a visitor: %v, want sign-in required", err)
	}
	if _, err := f.svc.Bulletin(ctx, anon, f.planID, progress.Period{}); !errors.Is(err, auth.ErrUnauthenticated) {
		t.Errorf("bulletin for a visitor: %v, want sign-in required", err)
	}
	// A user of another region reads nothing of this one.
	stranger := f.admin
	stranger.RegionID = 9999
	if _, err := f.svc.Cockpit(ctx, stranger, f.planID, time.Time{}); !errors.Is(err, auth.ErrForbidden) {
		t.Errorf("cockpit for another region's admin: %v, want forbidden", err)
	}
	// A clerk of one department sees the whole plan's cockpit (every role reads the
	// plan's internal parts in its region).
	c, err := f.svc.Cockpit(ctx, f.other, f.planID, time.Time{})
	if err != nil || c.Overall.Total == 0 {
		t.Errorf("cockpit for a clerk: %v", err)
	}
}

func TestRanking(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		rk, err := f.svc.Ranking(context.Background(), f.reviewer, f.planID, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if len(rk.Months) != 3 || rk.Months[0].String() != "2022-01" {
			t.Errorf("months %v, want January to March", rk.Months)
		}
		by := map[string]service.DeptRank{}
		prevScored := true
		for i, d := range rk.Depts {
			by[d.Dept.Code] = d
			if d.Scored && !prevScored {
				t.Errorf("%s ranked after an unranked department", d.Dept.Name)
			}
			prevScored = d.Scored
			if i > 0 && d.Scored && d.Score.GreaterThan(rk.Depts[i-1].Score) {
				t.Errorf("%s scores above the one before it", d.Dept.Name)
			}
			if len(d.Trend) != len(rk.Months) {
				t.Errorf("%s: %d trend points for %d months", d.Dept.Name, len(d.Trend), len(rk.Months))
			}
		}
		urban, commerce, drc := by["urban"], by["commerce"], by["drc"]
		if urban.Rank != 1 || urban.Lamp != progress.LampGreen {
			t.Errorf("urban: rank %d lamp %s, want first and green", urban.Rank, urban.Lamp)
		}
		// Commerce: 10 reports due by 31 March (Jan and Feb of five monthly
		// indicators), 6 in on time; 1 of 5 tracked indicators on track.
		if commerce.Rate.Due != 10 || commerce.Rate.OnTime != 6 || commerce.Lamp != progress.LampRed {
			t.Errorf("commerce: %+v lamp %s", commerce.Rate, commerce.Lamp)
		}
		if commerce.Summary.OnTrackShare.StringFixed(2) != "0.20" || commerce.Score.StringFixed(2) != "0.40" {
			t.Errorf("commerce: share %s score %s, want 0.20 and 0.40", commerce.Summary.OnTrackShare, commerce.Score)
		}
		if jan := commerce.Trend[0]; jan.Rate == nil || jan.Rate.StringFixed(2) != "0.60" {
			t.Errorf("commerce in January: %+v", jan)
		}
		if mar := commerce.Trend[2]; mar.Rate != nil {
			t.Errorf("commerce in March: a rate %s before March's reports were due", mar.Rate)
		}
		// Nothing due and nothing tracked: no light, no rank.
		if drc.Scored || drc.Rank != 0 || drc.Lamp != progress.LampNone {
			t.Errorf("drc: %+v", drc)
		}
	})
}

func TestBulletin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		explainFDI(t, f)
		b, err := f.svc.Bulletin(ctx, f.admin, f.planID, progress.Period{})
		if err != nil {
			t.Fatal(err)
		}
		if b.Month.String() != "2022-03" {
			t.Errorf("default month %s, want 2022-03", b.Month)
		}
		var open *service.BulletinZone
		for i, z := range b.Zones {
			if z.Zone.Code == "open" || strings.Contains(z.Zone.Name, "开放") {
				open = &b.Zones[i]
			}
		}
		if open == nil || len(open.Good) == 0 || len(open.Behind) == 0 {
			t.Fatalf("开放引领示范区: %+v", open)
		}
		found := false
		for _, p := range open.Behind {
			if p.IndicatorID == f.fdi {
				found = p.Cause == "外资项目签约推迟" && p.Remedy == "加快项目签约落地" && p.DeptName == "区商务委"
			}
		}
		if !found {
			t.Errorf("外商直接投资 not behind with cause, remedy and owner: %+v", open.Behind)
		}
		// Overdue at the end of March: January and February of three indicators.
		if len(b.Overdue) != 6 || b.Overdue[0].DaysLate != 49 || b.Overdue[5].DaysLate != 21 {
			t.Errorf("overdue: %+v", b.Overdue)
		}
		if len(b.Ranking) == 0 || b.Ranking[0].Rank != 1 {
			t.Errorf("ranking: %+v", b.Ranking)
		}
		// February: the month's end is the moment.
		feb, err := f.svc.Bulletin(ctx, f.admin, f.planID, progress.MustParsePeriod("2022-02"))
		if err != nil || len(feb.Overdue) != 3 {
			t.Errorf("February: %v, %d overdue, want 3 (January's)", err, len(feb.Overdue))
		}
		var verrs progress.ValidationErrors
		if _, err := f.svc.Bulletin(ctx, f.admin, f.planID, progress.MustParsePeriod("2023-01")); !errors.As(err, &verrs) {
			t.Errorf("a month outside the plan year: %v, want a validation error", err)
		}
		if _, err := f.svc.Bulletin(ctx, f.admin, f.planID, progress.MustParsePeriod("2022Q1")); !errors.As(err, &verrs) {
			t.Errorf("a quarter: %v, want a validation error", err)
		}
	})
}

// The indicator's chart gets last year's line from last year's counted reports, or from
// the 上年同期 a report of this year gave.
func TestTrendLastYear(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	ctx := context.Background()
	for m, v := range map[int]string{1: "20000000", 2: "45000000"} {
		at := time.Date(2021, time.Month(m)+1, 5, 1, 0, 0, 0, time.UTC)
		r := progress.Report{IndicatorID: f.fdi, Period: progress.MonthOf(2021, time.Month(m)), Value: *dec(v), Cumulative: true,
			State: progress.StateApproved, Version: 3, Revision: 1, CreatedAt: at, SubmittedAt: at, ReviewedAt: at}
		if err := f.st.InsertReport(ctx, &r); err != nil {
			t.Fatal(err)
		}
	}
	// March of last year is not in the database; this year's March report says it.
	r, err := f.svc.CreateReport(ctx, f.reporter, f.fdi, service.ReportInput{Period: "2022-03", Value: dec("80000000"), LastYear: dec("70000000"),
		Cause: "c", Remedy: "r"})
	if err != nil {
		t.Fatal(err)
	}
	r, err = f.svc.Review(ctx, f.reporter, r.ID, service.ReviewAction{Action: progress.ActSubmit, Version: r.Version})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Review(ctx, f.reviewer, r.ID, service.ReviewAction{Action: progress.ActApprove, Version: r.Version}); err != nil {
		t.Fatal(err)
	}
	pts, err := f.svc.Trend(ctx, f.admin, f.fdi, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"20000000", "45000000", "70000000"}
	if len(pts) != 3 {
		t.Fatalf("%d points", len(pts))
	}
	for i, p := range pts {
		if p.LastYear == nil || p.LastYear.String() != want[i] {
			t.Errorf("%s: last year %v, want %s", p.Period, p.LastYear, want[i])
		}
	}
}
