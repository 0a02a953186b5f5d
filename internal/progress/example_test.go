package progress_test

import (
	"fmt"
	"time"

	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/shopspring/decimal"
)

// A department reports 进出口额 year-to-date each month; last year's figures give the
// seasonal shape.
func ExampleEvaluate() {
	target := decimal.RequireFromString("8")
	ind := plan.Indicator{ID: 7, Code: "Z1-P2-I3", Name: "进出口额", Unit: "亿美元", Kind: plan.KindLevel,
		Direction: plan.Higher, Target: &target, Qualifier: plan.QualAtLeast, Period: "2022",
		Frequency: plan.Monthly, Accumulation: plan.Cumulative, DeptCode: "商务局"}

	report := func(period, value string) progress.Report {
		return progress.Report{IndicatorID: 7, Period: progress.MustParsePeriod(period),
			Value: decimal.RequireFromString(value), State: progress.StateApproved}
	}
	var history []progress.Report
	for i, v := range []string{"0.3", "0.5", "1.2", "1.8", "2.4", "3", "3.6", "4.3", "5", "5.7", "6.4", "7.5"} {
		history = append(history, report(fmt.Sprintf("2021-%02d", i+1), v))
	}
	reports := []progress.Report{report("2022-01", "0.3"), report("2022-02", "0.55"), report("2022-03", "1.2")}

	cst := time.FixedZone("CST", 8*3600)
	res := progress.Evaluate(progress.Input{Indicator: ind, Settings: plan.DefaultSettings(),
		Reports: reports, History: history, At: time.Date(2022, 4, 8, 9, 0, 0, 0, cst)})

	fmt.Println(res.Status, res.WillMeet)
	fmt.Println("expected", progress.RoundPtr(res.Expected, 2), "projection", progress.RoundPtr(res.Projection, 2),
		progress.RoundPtr(res.ProjectionLow, 2), "–", progress.RoundPtr(res.ProjectionHigh, 2))
	fmt.Println(res.Explain)
	// Output:
	// at_risk uncertain
	// expected 1.28 projection 7.5 6.07 – 8.93
	// 截至2022年3月累计完成1.2亿美元，按往年同期进度应达1.28亿美元，完成序时进度的93.8%，低于95%，存在风险。
}
