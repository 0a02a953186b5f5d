package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/invest"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// The invest tables on both databases: round trips, the unique keys of duplicates, and
// the read scope applied in SQL (region, departments, nothing).
func TestInvestStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var r1, r2, centre, other, officer int64
		err := s.WithTx(ctx, func(ctx context.Context) error {
			var err error
			if r1, err = s.EnsureRegion(ctx, plan.Region{Code: "500106", Name: "沙坪坝区"}); err != nil {
				return err
			}
			if r2, err = s.EnsureRegion(ctx, plan.Region{Code: "500107", Name: "九龙坡区"}); err != nil {
				return err
			}
			if centre, err = s.EnsureDepartment(ctx, r1, plan.Department{Code: "investment", Name: "招商中心"}); err != nil {
				return err
			}
			if other, err = s.EnsureDepartment(ctx, r1, plan.Department{Code: "urban", Name: "城管局"}); err != nil {
				return err
			}
			u := auth.User{Login: "fang", DisplayName: "方楠", Roles: []auth.Role{auth.RoleOfficer}, DeptIDs: []int64{centre}, RegionID: r1}
			if err := s.CreateUser(ctx, &u); err != nil {
				return err
			}
			officer = u.ID
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var ents []invest.Enterprise
		err = s.WithTx(ctx, func(ctx context.Context) error {
			c := invest.Chain{RegionID: r1, Code: "nev", Name: "新能源智能网联汽车"}
			if err := s.InsertChain(ctx, &c); err != nil {
				return err
			}
			l := invest.Link{ChainID: c.ID, Code: "chassis", Name: "底盘"}
			if err := s.InsertLink(ctx, &l); err != nil {
				return err
			}
			for _, e := range []invest.Enterprise{
				{RegionID: r1, DeptID: centre, Name: "宁波拓普集团股份有限公司", CreditCode: "91350100M000100Y43", OwnerID: officer, Settled: true, Kinds: []invest.Kind{invest.KindListed}, LinkIDs: []int64{l.ID}},
				{RegionID: r1, DeptID: other, Name: "别的部门的企业", OwnerID: officer},
				{RegionID: r2, DeptID: 0, Name: "别区的企业", OwnerID: officer},
			} {
				if err := s.InsertEnterprise(ctx, &e); err != nil {
					return err
				}
				ents = append(ents, e)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Enterprise(ctx, ents[0].ID)
		if err != nil || got.Name != ents[0].Name || got.CreditCode != "91350100M000100Y43" || len(got.LinkIDs) != 1 || len(got.Kinds) != 1 || got.OwnerName != "方楠" {
			t.Errorf("enterprise read back as %+v (%v)", got, err)
		}
		// The same credit code, or the same name key, is refused by the database too.
		for _, dup := range []invest.Enterprise{
			{RegionID: r1, Name: "另一个", CreditCode: "91350100M000100Y43", OwnerID: officer},
			{RegionID: r1, Name: "宁波拓普集团有限公司", OwnerID: officer},
		} {
			err := s.WithTx(ctx, func(ctx context.Context) error { return s.InsertEnterprise(ctx, &dup) })
			if !errors.Is(err, store.ErrConflict) {
				t.Errorf("duplicate %s: %v", dup.Name, err)
			}
		}
		count := func(sc store.InvestScope) int {
			es, err := s.Enterprises(ctx, sc, store.EnterpriseFilter{})
			if err != nil {
				t.Fatal(err)
			}
			return len(es)
		}
		for _, c := range []struct {
			name string
			sc   store.InvestScope
			want int
		}{
			{"everything", store.InvestScope{}, 3},
			{"region 1", store.InvestScope{RegionID: r1}, 2},
			{"region 2", store.InvestScope{RegionID: r2}, 1},
			{"the centre", store.InvestScope{RegionID: r1, Depts: []int64{centre}}, 1},
			{"no department", store.InvestScope{RegionID: r1, Depts: []int64{}}, 0},
			{"nothing", store.InvestScope{Nothing: true}, 0},
		} {
			if got := count(c.sc); got != c.want {
				t.Errorf("%s: %d enterprises, want %d", c.name, got, c.want)
			}
		}
		// A lead, its moves and funds, a rate, a visit and a feed's sources.
		day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
		amount := decimal.RequireFromString("120000000.5")
		var lead invest.Lead
		err = s.WithTx(ctx, func(ctx context.Context) error {
			lead = invest.Lead{RegionID: r1, DeptID: centre, Name: "拓普项目", EnterpriseID: ents[0].ID, Stage: invest.StageSigned, StageOn: day("2022-01-20"),
				PlannedInvestment: &amount, Currency: "EUR", Foreign: true, OwnerID: officer}
			if err := s.InsertLead(ctx, &lead); err != nil {
				return err
			}
			for _, m := range []invest.Move{{LeadID: lead.ID, To: invest.StageSigned, On: day("2022-01-20"), By: officer},
				{LeadID: lead.ID, From: invest.StageSigned, To: invest.StageLanded, On: day("2022-03-08"), By: officer}} {
				if err := s.InsertMove(ctx, &m); err != nil {
					return err
				}
			}
			f := invest.Funds{LeadID: lead.ID, On: day("2022-03-10"), Amount: decimal.RequireFromString("1000"), Currency: "EUR", Foreign: true,
				Rate: decimal.RequireFromString("1.1"), USD: decimal.RequireFromString("1100"), By: officer}
			if err := s.InsertFunds(ctx, &f); err != nil {
				return err
			}
			if err := s.PutRate(ctx, r1, &invest.Rate{Currency: "EUR", On: day("2022-01-01"), USD: decimal.RequireFromString("1.13")}); err != nil {
				return err
			}
			v := invest.Visit{RegionID: r1, DeptID: centre, UID: "visit-x@lantu", Starts: time.Date(2022, 3, 18, 10, 0, 0, 0, invest.China), Minutes: 90,
				City: "上海", Enterprise: "某企业", OwnerID: officer, OfficerIDs: []int64{officer}, Status: invest.VisitPlanned}
			return s.InsertVisit(ctx, &v)
		})
		if err != nil {
			t.Fatal(err)
		}
		l, err := s.Lead(ctx, lead.ID)
		if err != nil || !l.PlannedInvestment.Equal(amount) || l.Enterprise != ents[0].Name || !l.StageOn.Equal(day("2022-01-20")) {
			t.Errorf("lead read back as %+v (%v)", l, err)
		}
		moves, err := s.Moves(ctx, r1, nil)
		if err != nil || len(moves) != 2 || moves[1].To != invest.StageLanded || moves[1].ByName != "方楠" {
			t.Errorf("moves %+v (%v)", moves, err)
		}
		funds, err := s.Funds(ctx, 0, []int64{lead.ID})
		if err != nil || len(funds) != 1 || !funds[0].USD.Equal(decimal.RequireFromString("1100")) {
			t.Errorf("funds %+v (%v)", funds, err)
		}
		vs, err := s.Visits(ctx, store.InvestScope{RegionID: r1}, store.VisitFilter{OfficerID: officer, From: time.Date(2022, 3, 18, 0, 0, 0, 0, invest.China)})
		if err != nil || len(vs) != 1 || !vs[0].Starts.Equal(time.Date(2022, 3, 18, 10, 0, 0, 0, invest.China)) || len(vs[0].OfficerIDs) != 1 {
			t.Errorf("visits %+v (%v)", vs, err)
		}
		if vs, _ := s.Visits(ctx, store.InvestScope{RegionID: r2}, store.VisitFilter{}); len(vs) != 0 {
			t.Errorf("region 2 sees %d visits", len(vs))
		}
		if depts, err := s.InvestDepartments(ctx, r1); err != nil || len(depts) != 1 || depts[0] != centre {
			t.Errorf("investment departments %v (%v)", depts, err)
		}
	})
}
