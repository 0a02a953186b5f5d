package app

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/planfile"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// addDistrict imports a district's plan with one coded indicator and an approved figure.
func addDistrict(t *testing.T, svc *service.Service, code, name, unit string, target, done int64, public bool) {
	t.Helper()
	ctx := context.Background()
	tg := decimal.NewFromInt(target)
	p := &plan.Plan{Region: plan.Region{Code: code, Name: name, ParentCode: "500100"}, Year: 2022, Title: name + "计划", Settings: plan.DefaultSettings(),
		Departments: []plan.Department{{Code: "commerce", Name: "区商务委"}},
		Zones: []plan.Zone{{Code: "z", Name: "开放", Programs: []plan.Program{{Code: "p", Name: "外资", Indicators: []plan.Indicator{{
			Code: "fdi", Name: "实际利用外资", Unit: unit, Kind: plan.KindLevel, Direction: plan.Higher, Target: &tg, Qualifier: plan.QualAtLeast,
			Period: "2022", Frequency: plan.Quarterly, Accumulation: plan.Cumulative, DeptCode: "commerce", Public: public, StdCode: "FDI"}}}}}}}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	got, err := svc.ImportPlan(ctx, service.System, &planfile.Loaded{Plan: p})
	if err != nil {
		t.Fatal(err)
	}
	inds, _ := svc.Store().PlanIndicators(ctx, got.ID)
	v := decimal.NewFromInt(done)
	r, err := svc.CreateReport(ctx, service.System, inds[0].ID, service.ReportInput{Period: "2022Q2", Value: &v, Cause: "c", Remedy: "r"})
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

// The city roll-up through the real router: the API ranks and sums, the pages show the
// overview and the ranking, and a visitor sees only public codes. On both databases.
func TestCityPagesAndAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		ts := newTestServer(t, st, true)
		for _, r := range []plan.Region{{Code: "500000", Name: "重庆市"}, {Code: "500100", Name: "重庆市市辖区", ParentCode: "500000"}} {
			if _, err := ts.svc.AddRegion(ctx, service.System, r); err != nil {
				t.Fatal(err)
			}
		}
		addDistrict(t, ts.svc, "500106", "沙坪坝区", "亿元", 8, 4, false)
		addDistrict(t, ts.svc, "500103", "渝中区", "万元", 50000, 40000, false)
		if _, _, err := ts.svc.CreateUser(ctx, service.System, service.NewUser{Login: "cityleader", DisplayName: "市领导", Roles: []auth.Role{auth.RoleLeader},
			RegionCode: "500000", Password: clusterPassword}); err != nil {
			t.Fatal(err)
		}
		c := browser(t)
		signIn(t, c, ts.URL, "cityleader", clusterPassword)
		q := "?year=2022&at=2022-07-05"
		code, body := get(t, c, ts.URL+"/api/v1/city/codes/FDI"+q)
		if code != 200 {
			t.Fatalf("city API = %d %s", code, body)
		}
		var res struct {
			Data struct {
				Districts []struct {
					Rank   int
					Region plan.Region
				}
				Totals []struct {
					Unit     string
					Progress decimal.Decimal
					Target   *decimal.Decimal
				}
			}
		}
		if err := json.Unmarshal([]byte(body), &res); err != nil {
			t.Fatal(err)
		}
		d := res.Data
		if len(d.Districts) != 2 || d.Districts[0].Region.Name != "渝中区" || d.Districts[0].Rank != 1 || len(d.Totals) != 1 ||
			!d.Totals[0].Progress.Equal(decimal.New(8, 8)) || d.Totals[0].Target == nil || !d.Totals[0].Target.Equal(decimal.New(13, 8)) {
			t.Errorf("city API: %s", body)
		}
		code, page := get(t, c, ts.URL+"/city/codes/"+url.PathEscape("FDI")+q)
		if code != 200 || !strings.Contains(page, "渝中区") || !strings.Contains(page, "沙坪坝区") || !strings.Contains(page, "8亿元") {
			t.Errorf("city code page %d", code)
		}
		code, page = get(t, c, ts.URL+"/city"+q)
		if code != 200 || !strings.Contains(page, `href="/city/codes/FDI?year=2022`) {
			t.Errorf("city page %d", code)
		}
		// A visitor: the code is internal in both districts.
		if code, body := get(t, noRedirect(), ts.URL+"/api/v1/city/codes/FDI"+q); code != 404 {
			t.Errorf("a visitor's city API = %d %s; want 404", code, body)
		}
		// A district's leader: its own district's internal figure, not the other
		// district's (internal there too), in the API and on the pages.
		if _, _, err := ts.svc.CreateUser(ctx, service.System, service.NewUser{Login: "spbleader", DisplayName: "区领导", Roles: []auth.Role{auth.RoleLeader},
			RegionCode: "500106", Password: clusterPassword}); err != nil {
			t.Fatal(err)
		}
		dc := browser(t)
		signIn(t, dc, ts.URL, "spbleader", clusterPassword)
		code, body = get(t, dc, ts.URL+"/api/v1/city/codes/FDI"+q)
		if code != 200 || !strings.Contains(body, "沙坪坝区") || strings.Contains(body, "渝中区") {
			t.Errorf("a district leader's city API = %d %s; want its own district only", code, body)
		}
		for _, path := range []string{"/city" + q, "/city/codes/FDI" + q} {
			if code, page := get(t, dc, ts.URL+path); code == 200 && strings.Contains(page, "渝中区") {
				t.Errorf("a district leader sees the other district's internal figure on %s", path)
			}
		}
	})
}
