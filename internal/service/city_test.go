package service_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/planfile"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// cityDistrict is one district's plan: FDI (internal) in its own unit, and a public
// growth rate, both under standard codes.
type cityDistrict struct {
	code, name, parent string
	fdiUnit            string
	fdiTarget, fdiDone int64
	growthDone         int64
}

var cityDistricts = []cityDistrict{
	{"500106", "沙坪坝区", "500100", "亿元", 8, 4, 6},
	{"500103", "渝中区", "500100", "万元", 50000, 10000, 3},
	{"500105", "江北区", "500100", "亿美元", 2, 1, 9},
	{"510104", "锦江区", "510100", "亿元", 10, 9, 1},
}

func cityWorld(t *testing.T, st *store.Store) *service.Service {
	t.Helper()
	ctx := context.Background()
	svc := service.New(st)
	svc.Hasher = auth.NewHasher(auth.WithParams(auth.InsecureTestParams))
	svc.Now = func() time.Time { return time.Date(2022, 7, 5, 2, 0, 0, 0, time.UTC) }
	for _, r := range []plan.Region{{Code: "500000", Name: "重庆市"}, {Code: "500100", Name: "重庆市市辖区", ParentCode: "500000"},
		{Code: "510100", Name: "成都市", ParentCode: "510000"}} {
		if _, err := svc.AddRegion(ctx, service.System, r); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range cityDistricts {
		p := &plan.Plan{Region: plan.Region{Code: d.code, Name: d.name, ParentCode: d.parent}, Year: 2022, Title: d.name + "2022年计划",
			Settings: plan.DefaultSettings(), Departments: []plan.Department{{Code: "commerce", Name: "区商务委"}}}
		fdiTarget := decimal.NewFromInt(d.fdiTarget)
		growthTarget := decimal.NewFromInt(5)
		p.Zones = []plan.Zone{{Code: "z", Name: "开放", Programs: []plan.Program{{Code: "p", Name: "外资外贸", Indicators: []plan.Indicator{
			{Code: "fdi-" + d.code, Name: "实际利用外资", Unit: d.fdiUnit, Kind: plan.KindLevel, Direction: plan.Higher, Target: &fdiTarget,
				Qualifier: plan.QualAtLeast, Period: "2022", Frequency: plan.Quarterly, Accumulation: plan.Cumulative, DeptCode: "commerce",
				Public: false, StdCode: "实际利用外资"},
			{Code: "trade", Name: "进出口额增长", Unit: "%", Kind: plan.KindGrowth, Direction: plan.Higher, Target: &growthTarget,
				Qualifier: plan.QualAtLeast, Period: "2022", Frequency: plan.Quarterly, Accumulation: plan.Cumulative, DeptCode: "commerce",
				Public: true, StdCode: "进出口额增长", Baseline: &plan.Figure{Period: "2021"}},
		}}}}}
		if err := p.Validate(); err != nil {
			t.Fatal(err)
		}
		got, err := svc.ImportPlan(ctx, service.System, &planfile.Loaded{Plan: p})
		if err != nil {
			t.Fatal(err)
		}
		inds, err := st.PlanIndicators(ctx, got.ID)
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range []int64{d.fdiDone, d.growthDone} {
			val := decimal.NewFromInt(v)
			r, err := svc.CreateReport(ctx, service.System, inds[i].ID, service.ReportInput{Period: "2022Q2", Value: &val, Cause: "c", Remedy: "r"})
			if err != nil {
				t.Fatal(err)
			}
			if r, err = svc.Review(ctx, service.System, r.ID, service.ReviewAction{Action: progress.ActSubmit, Version: r.Version}); err != nil {
				t.Fatal(err)
			}
			if _, err := svc.Review(ctx, service.System, r.ID, service.ReviewAction{Action: progress.ActApprove, Version: r.Version}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return svc
}

func leaderOf(t *testing.T, svc *service.Service, login, region string) service.Actor {
	t.Helper()
	u, _, err := svc.CreateUser(context.Background(), service.System, service.NewUser{Login: login, DisplayName: login,
		Roles: []auth.Role{auth.RoleLeader}, RegionCode: region, Password: "a long passphrase for tests"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := auth.NewPrincipal(u)
	if err != nil {
		t.Fatal(err)
	}
	return service.Actor{Principal: p}
}

func regionsOf(rows []service.CityRow) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.Region.Code)
	}
	return out
}

// The city roll-up of one standard code: districts ranked by completion, sums per base
// unit (万元 and 亿元 as 元, 美元 apart), and each reader sees the districts they may: the
// city's office all of its city's districts, a district's leader their own (the
// indicator is internal), visitors the public code in every district. On both databases.
func TestCityRollUp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc := cityWorld(t, st)
		at := time.Date(2022, 7, 5, 0, 0, 0, 0, time.UTC)

		all, err := svc.CityIndicator(ctx, service.System, "实际利用外资", 2022, at)
		if err != nil {
			t.Fatal(err)
		}
		// Completion: 锦江 9/10, 江北 1/2, 沙坪坝 4/8, 渝中 1/5.
		if got := regionsOf(all.Rows); len(got) != 4 || got[0] != "510104" || got[3] != "500103" || all.Rows[0].Rank != 1 {
			t.Errorf("ranking %v", got)
		}
		var yuan, usd *service.CityTotal
		for i := range all.Totals {
			switch all.Totals[i].Unit {
			case "元":
				yuan = &all.Totals[i]
			case "美元":
				usd = &all.Totals[i]
			}
		}
		// 元: 4亿 + 1亿 (10000万) + 9亿 = 14亿 of 8亿 + 5亿 + 10亿 = 23亿.
		if yuan == nil || yuan.Districts != 3 || !yuan.Progress.Equal(decimal.New(14, 8)) || yuan.Target == nil || !yuan.Target.Equal(decimal.New(23, 8)) ||
			yuan.Qualifier != plan.QualAtLeast {
			t.Errorf("元 total %+v", yuan)
		}
		if usd == nil || usd.Districts != 1 || !usd.Progress.Equal(decimal.New(1, 8)) {
			t.Errorf("美元 total %+v", usd)
		}
		growth, err := svc.CityIndicator(ctx, service.System, "进出口额增长", 2022, at)
		if err != nil {
			t.Fatal(err)
		}
		if len(growth.Totals) != 0 || len(growth.Rows) != 4 || growth.Rows[0].Region.Code != "500105" {
			t.Errorf("a rate is ranked (江北 9%% first), never summed: %v %+v", regionsOf(growth.Rows), growth.Totals)
		}

		city := leaderOf(t, svc, "cityleader", "500000")
		got, err := svc.CityIndicator(ctx, city, "实际利用外资", 2022, at)
		if err != nil {
			t.Fatal(err)
		}
		if codes := regionsOf(got.Rows); len(codes) != 3 || codes[0] != "500105" {
			t.Errorf("the city's leader sees %v; want the three Chongqing districts", codes)
		}
		district := leaderOf(t, svc, "spbleader", "500106")
		got, err = svc.CityIndicator(ctx, district, "实际利用外资", 2022, at)
		if err != nil {
			t.Fatal(err)
		}
		if codes := regionsOf(got.Rows); len(codes) != 1 || codes[0] != "500106" {
			t.Errorf("a district's leader sees %v; want their district", codes)
		}
		if got, err := svc.CityIndicator(ctx, district, "进出口额增长", 2022, at); err != nil || len(got.Rows) != 1 {
			t.Errorf("a district's leader's roll-up of a public code: %v %v; want their district", regionsOf(got.Rows), err)
		}
		svc.PublicView = true
		anon := service.Actor{Principal: auth.Anonymous()}
		if got, err := svc.CityIndicator(ctx, anon, "进出口额增长", 2022, at); err != nil || len(got.Rows) != 4 {
			t.Errorf("visitors and the public code: %v %v", regionsOf(got.Rows), err)
		}
		if _, err := svc.CityIndicator(ctx, anon, "实际利用外资", 2022, at); err == nil {
			t.Errorf("visitors saw an internal code")
		}

		ov, err := svc.CityOverview(ctx, city, 2022, at)
		if err != nil {
			t.Fatal(err)
		}
		if len(ov.Codes) != 2 || len(ov.Districts) != 3 || ov.Codes[0].Code != "实际利用外资" && ov.Codes[1].Code != "实际利用外资" {
			t.Errorf("overview for the city: %d codes, %d districts", len(ov.Codes), len(ov.Districts))
		}
		for _, c := range ov.Codes {
			if c.Code == "实际利用外资" && (c.Best != "江北区" || c.Worst != "渝中区" || c.Districts != 3) {
				t.Errorf("overview line %+v", c)
			}
		}
		// Down the tree on every read: the city's leader reads a district's internal
		// indicator; another district's leader may not; the city may not approve.
		spb := all.Rows[2] // 沙坪坝区 ranks third
		if spb.Region.Code != "500106" {
			t.Fatalf("third is %s", spb.Region.Code)
		}
		if _, _, err := svc.OneStatus(ctx, city, spb.Indicator.IndicatorID, at); err != nil {
			t.Errorf("the city's leader reading a district's internal indicator: %v", err)
		}
		yuzhong := leaderOf(t, svc, "yzleader", "500103")
		if _, _, err := svc.OneStatus(ctx, yuzhong, spb.Indicator.IndicatorID, at); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("another district's leader reading it = %v; want forbidden", err)
		}
		u, _, err := svc.CreateUser(ctx, service.System, service.NewUser{Login: "cityreviewer", DisplayName: "市审核", Roles: []auth.Role{auth.RoleReviewer},
			RegionCode: "500000", Password: "a long passphrase for tests"})
		if err != nil {
			t.Fatal(err)
		}
		rp, _ := auth.NewPrincipal(u)
		reports, err := svc.Reports(ctx, service.Actor{Principal: rp}, spb.Indicator.IndicatorID)
		if err != nil || len(reports) != 1 {
			t.Fatalf("the city's reviewer reads %d reports (%v)", len(reports), err)
		}
		if _, err := svc.CorrectReport(ctx, service.Actor{Principal: rp}, reports[0].ID); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("the city's reviewer correcting a district's report = %v; want forbidden", err)
		}

		// The code survives export and import.
		data, err := svc.ExportPlan(ctx, all.Rows[0].PlanID)
		if err != nil {
			t.Fatal(err)
		}
		if !contains(string(data), "std_code: 实际利用外资") {
			t.Errorf("export lacks the standard code")
		}
	})
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// The roll-up reads every district's plan version in one query and serves the cached
// status while it is unchanged; a report approved through another server (another
// Service over the same database) shows in the next roll-up. On both databases.
func TestCityRollUpFreshAcrossServers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc := cityWorld(t, st)
		other := service.New(st)
		other.Now = svc.Now
		at := time.Date(2022, 10, 5, 0, 0, 0, 0, time.UTC) // the same date throughout: one cached status
		progressOf := func(want string) decimal.Decimal {
			t.Helper()
			got, err := svc.CityIndicator(ctx, service.System, "实际利用外资", 2022, at)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range got.Rows {
				if r.Region.Code == want && r.Indicator.Progress != nil {
					return *r.Indicator.Progress
				}
			}
			t.Fatalf("no progress for %s in %+v", want, regionsOf(got.Rows))
			return decimal.Zero
		}
		if p := progressOf("500103"); !p.Equal(decimal.NewFromInt(10000)) {
			t.Fatalf("渝中区 before: %s", p)
		}
		cached := progressOf("500103") // served from the cache
		// 渝中区 reports 2022Q3 through the other server (approved: it counts).
		rows, _, err := st.CodedIndicators(ctx, "实际利用外资", 2022)
		if err != nil {
			t.Fatal(err)
		}
		var id int64
		for _, r := range rows {
			if r.Code == "fdi-500103" {
				id = r.ID
			}
		}
		other.Now = func() time.Time { return time.Date(2022, 10, 5, 2, 0, 0, 0, time.UTC) }
		val := decimal.NewFromInt(30000)
		r, err := other.CreateReport(ctx, service.System, id, service.ReportInput{Period: "2022Q3", Value: &val, Cause: "c", Remedy: "r"})
		if err != nil {
			t.Fatal(err)
		}
		if r, err = other.Review(ctx, service.System, r.ID, service.ReviewAction{Action: progress.ActSubmit, Version: r.Version}); err != nil {
			t.Fatal(err)
		}
		if _, err := other.Review(ctx, service.System, r.ID, service.ReviewAction{Action: progress.ActApprove, Version: r.Version}); err != nil {
			t.Fatal(err)
		}
		if p := progressOf("500103"); !p.Equal(decimal.NewFromInt(30000)) || p.Equal(cached) {
			t.Errorf("渝中区 after an approval on the other server: %s; want 30000", p)
		}
	})
}

// The city's roll-ups are kept per state of the plans (city.go: cityCache). A code read
// cold (its indicators evaluated alone) and one read from the districts' status caches
// agree; after a report approved on another server and after codes given to a plan,
// the overview and a code's roll-up on a server that kept them are what a server with
// no cache reads. On both databases.
func TestCityCacheFresh(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc := cityWorld(t, st)
		at := time.Date(2022, 10, 5, 0, 0, 0, 0, time.UTC)
		fresh := func() *service.Service {
			s := service.New(st)
			s.Now = svc.Now
			return s
		}
		read := func(t *testing.T, s *service.Service) (service.CityOverview, service.CityIndicator, service.CityIndicator) {
			t.Helper()
			o, err := s.CityOverview(ctx, service.System, 2022, at)
			if err != nil {
				t.Fatal(err)
			}
			fdi, err := s.CityIndicator(ctx, service.System, "实际利用外资", 2022, at)
			if err != nil {
				t.Fatal(err)
			}
			trade, err := s.CityIndicator(ctx, service.System, "进出口额增长", 2022, at)
			if err != nil {
				t.Fatal(err)
			}
			return o, fdi, trade
		}
		same := func(t *testing.T, what string, got, want any) {
			t.Helper()
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: the cached read is not an uncached server's:\n got %+v\nwant %+v", what, got, want)
			}
		}
		// Cold (no district's status cached) and warm (every district's cached) agree.
		cold, err := fresh().CityIndicator(ctx, service.System, "实际利用外资", 2022, at)
		if err != nil {
			t.Fatal(err)
		}
		warm := fresh()
		plans, err := warm.Plans(ctx, service.System)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range plans {
			if _, _, err := warm.PlanStatus(ctx, service.System, p.ID, at); err != nil {
				t.Fatal(err)
			}
		}
		fromStatus, err := warm.CityIndicator(ctx, service.System, "实际利用外资", 2022, at)
		if err != nil {
			t.Fatal(err)
		}
		same(t, "a code read cold and from the status caches", cold, fromStatus)
		if len(cold.Rows) < 3 {
			t.Fatalf("%d districts: the test wants several", len(cold.Rows))
		}

		o0, _, _ := read(t, svc) // kept by svc
		// An approval through another server.
		rows, _, err := st.CodedIndicators(ctx, "实际利用外资", 2022)
		if err != nil {
			t.Fatal(err)
		}
		other := fresh()
		val := decimal.NewFromInt(30000)
		r, err := other.CreateReport(ctx, service.System, rows[0].ID, service.ReportInput{Period: "2022Q3", Value: &val, Cause: "c", Remedy: "r"})
		if err != nil {
			t.Fatal(err)
		}
		if r, err = other.Review(ctx, service.System, r.ID, service.ReviewAction{Action: progress.ActSubmit, Version: r.Version}); err != nil {
			t.Fatal(err)
		}
		if _, err := other.Review(ctx, service.System, r.ID, service.ReviewAction{Action: progress.ActApprove, Version: r.Version}); err != nil {
			t.Fatal(err)
		}
		o1, fdi1, trade1 := read(t, svc)
		wo, wfdi, wtrade := read(t, fresh())
		same(t, "overview after an approval", o1, wo)
		same(t, "code after an approval", fdi1, wfdi)
		same(t, "another code after an approval", trade1, wtrade)
		if reflect.DeepEqual(o0, o1) {
			t.Error("the approval changed nothing in the overview: the test proves nothing")
		}

		// Codes given to a plan that had none: its indicators join the overview.
		p := &plan.Plan{Region: plan.Region{Code: "500199", Name: "新区", ParentCode: "500100"}, Year: 2022, Title: "新区2022年计划",
			Settings: plan.DefaultSettings(), Departments: []plan.Department{{Code: "commerce", Name: "区商务委"}}}
		target := decimal.NewFromInt(100)
		p.Zones = []plan.Zone{{Code: "z", Name: "开放", Programs: []plan.Program{{Code: "p", Name: "外资外贸", Indicators: []plan.Indicator{
			{Code: "新指标", Name: "新指标", Unit: "个", Kind: plan.KindLevel, Direction: plan.Higher, Target: &target,
				Qualifier: plan.QualAtLeast, Period: "2022", Frequency: plan.Quarterly, Accumulation: plan.Cumulative, DeptCode: "commerce", Public: true},
		}}}}}
		got, err := other.ImportPlan(ctx, service.System, &planfile.Loaded{Plan: p})
		if err != nil {
			t.Fatal(err)
		}
		read(t, svc)
		if _, err := other.CodesFromIndicatorCodes(ctx, service.System, got.ID); err != nil {
			t.Fatal(err)
		}
		o2, _, _ := read(t, svc)
		wo2, _, _ := read(t, fresh())
		same(t, "overview after new codes", o2, wo2)
		found := false
		for _, c := range o2.Codes {
			found = found || c.Code == "新指标"
		}
		if !found {
			t.Errorf("the new code is not in the overview: %+v", o2.Codes)
		}
	})
}
