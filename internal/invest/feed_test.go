package invest

import (
	"errors"
	"testing"

	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/shopspring/decimal"
)

func TestCompute(t *testing.T) {
	inv := dec("500000000")
	leads := []LeadHistory{
		{Lead: Lead{ID: 1, Name: "拓普", PlannedInvestment: &inv, Currency: CNY}, Moves: []Move{
			{To: StageClue, On: day("2021-10-01")}, {From: StageClue, To: StageSigned, On: day("2022-01-20")}, {From: StageSigned, To: StageLanded, On: day("2022-03-10")}}},
		{Lead: Lead{ID: 2, Name: "旧项目"}, Moves: []Move{{To: StageLanded, On: day("2021-12-30")}}}, // landed last year
		{Lead: Lead{ID: 3, Name: "外资", Foreign: true}, Moves: []Move{{To: StageSigned, On: day("2022-02-01")}, {From: StageSigned, To: StageProducing, On: day("2022-04-02")}},
			Funds: []Funds{
				{ID: 7, On: day("2022-02-10"), Amount: dec("10000000"), Currency: "EUR", Foreign: true, Rate: dec("1.13"), USD: dec("11300000")},
				{ID: 8, On: day("2022-03-31"), Amount: dec("2000000"), Currency: USD, Foreign: true, Rate: dec("1"), USD: dec("2000000")},
				{ID: 9, On: day("2022-03-15"), Amount: dec("63500000"), Currency: CNY, Foreign: false, Rate: dec("0.1575"), USD: dec("10001250")},
			}},
	}
	rates := []Rate{{Currency: CNY, On: day("2022-01-01"), USD: dec("0.16")}}
	landed := Feed{Metric: MetricReached, Stage: StageLanded}
	tests := []struct {
		f     Feed
		unit  string
		upTo  string
		want  string
		nsrcs int
	}{
		{landed, "个", "2022-03-09", "0", 0},
		{landed, "个", "2022-03-31", "1", 1},
		{landed, "个", "2022-04-30", "2", 2}, // 外资 skipped to 投产, so it landed too
		{Feed{Metric: MetricForeignFunds}, "美元", "2022-03-31", "13300000", 2},
		{Feed{Metric: MetricForeignFunds}, "亿美元", "2022-03-31", "0.133", 2},
		{Feed{Metric: MetricFunds}, "元", "2022-03-31", "146625000", 3}, // 11.3M+2M 美元 at 0.16 = 83.125M 元, and 63.5M 元 as it is
		{Feed{Metric: MetricSigned}, "万元", "2022-03-31", "50000", 1},
	}
	for _, tt := range tests {
		got, err := Compute(tt.f, tt.unit, 2022, day(tt.upTo), leads, rates)
		if err != nil {
			t.Errorf("%s %s: %v", tt.f.Metric, tt.upTo, err)
			continue
		}
		if !got.Value.Equal(dec(tt.want)) || len(got.Sources) != tt.nsrcs {
			t.Errorf("%s in %s to %s = %s from %d sources, want %s from %d", tt.f.Metric, tt.unit, tt.upTo, got.Value, len(got.Sources), tt.want, tt.nsrcs)
		}
	}
	_, err := Compute(Feed{Metric: MetricFunds}, "元", 2022, day("2022-03-31"), leads, nil)
	var e *Error
	if !errors.As(err, &e) || e.Code != "rate.missing" {
		t.Errorf("no CNY rate: %v", err)
	}
}

func TestFeedValidate(t *testing.T) {
	count := plan.Indicator{Code: "projects-landed", Unit: "个", Kind: plan.KindLevel, Accumulation: plan.Cumulative}
	money := plan.Indicator{Code: "fdi-actual-use", Unit: "美元", Kind: plan.KindLevel, Accumulation: plan.Cumulative}
	growth := plan.Indicator{Code: "g", Unit: "%", Kind: plan.KindGrowth, Accumulation: plan.Cumulative}
	tests := []struct {
		f   Feed
		ind plan.Indicator
		ok  bool
	}{
		{Feed{Metric: MetricReached, Stage: StageLanded}, count, true},
		{Feed{Metric: MetricReached, Stage: StageNegotiation}, count, false},
		{Feed{Metric: MetricForeignFunds}, money, true},
		{Feed{Metric: MetricForeignFunds}, count, false},
		{Feed{Metric: MetricReached, Stage: StageLanded}, money, false},
		{Feed{Metric: MetricReached, Stage: StageLanded}, growth, false},
		{Feed{Metric: "visits"}, count, false},
	}
	for _, tt := range tests {
		if err := tt.f.Validate(tt.ind); (err == nil) != tt.ok {
			t.Errorf("%+v on %s: %v", tt.f, tt.ind.Code, err)
		}
	}
	if _, s, ok := UnitCurrency("万元"); !ok || !s.Equal(decimal.NewFromInt(10000)) {
		t.Error("万元")
	}
}
