package service_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/invest"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// BenchmarkMoveLead moves one lead 签约 → 落地 in a district whose pipeline holds 2,000
// leads (each with two moves and one funds record) besides the demo's, recomputing the
// three fed indicators of the demo in the move's transaction.
func BenchmarkMoveLead(b *testing.B) {
	ctx := context.Background()
	st := storetest.SQLite(b)
	f := newFixtureTB(b, st)
	data, err := os.ReadFile("../../demo/invest-2022.yaml")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := f.svc.LoadInvest(ctx, service.System, f.planID, data); err != nil {
		b.Fatal(err)
	}
	u, err := st.UserByLogin(ctx, "fangnan")
	if err != nil {
		b.Fatal(err)
	}
	p, _ := st.PlanHeader(ctx, f.planID)
	const n = 2000
	var ids []int64
	signed := time.Date(2022, 2, 1, 0, 0, 0, 0, time.UTC)
	err = st.WithTx(ctx, func(ctx context.Context) error {
		for i := 0; i < n+b.N; i++ {
			inv := decimal.NewFromInt(int64(1000000 * (i + 1)))
			l := invest.Lead{RegionID: p.RegionID, Name: fmt.Sprintf("基准项目%d", i), Stage: invest.StageSigned, StageOn: signed,
				PlannedInvestment: &inv, Currency: invest.USD, Foreign: true, OwnerID: u.ID}
			if err := st.InsertLead(ctx, &l); err != nil {
				return err
			}
			for _, m := range []invest.Move{{LeadID: l.ID, To: invest.StageNegotiation, On: signed.AddDate(0, -1, 0)}, {LeadID: l.ID, From: invest.StageNegotiation, To: invest.StageSigned, On: signed}} {
				if err := st.InsertMove(ctx, &m); err != nil {
					return err
				}
			}
			fu := invest.Funds{LeadID: l.ID, On: signed.AddDate(0, 0, 5), Amount: decimal.NewFromInt(1000), Currency: invest.USD, Foreign: true,
				Rate: decimal.NewFromInt(1), USD: decimal.NewFromInt(1000)}
			if err := st.InsertFunds(ctx, &fu); err != nil {
				return err
			}
			ids = append(ids, l.ID)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	a := service.System
	on := time.Date(2022, 3, 30, 0, 0, 0, 0, time.UTC)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := f.svc.MoveLead(ctx, a, ids[i], service.MoveInput{To: invest.StageLanded, On: on}); err != nil {
			b.Fatal(err)
		}
	}
}
