package progress

import (
	"fmt"
	"strings"
	"time"

	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/shopspring/decimal"
)

// num is a figure for a sentence: at most two decimals, no trailing zeros.
func num(d decimal.Decimal) string { return d.Round(2).String() }

// pct is a share as a percentage with one decimal: 0.9512 → 95.1%.
func pct(d decimal.Decimal) string { return d.Mul(hundred).Round(1).String() + "%" }

// monthDay is a date as 4月10日.
func monthDay(t time.Time) string { return fmt.Sprintf("%d月%d日", t.Month(), t.Day()) }

// amount writes a figure of the indicator: 8.2亿美元, or a growth rate as 增长3.2% /
// 下降1.5%.
func (e *eval) amount(d decimal.Decimal) string {
	if e.kind == plan.KindGrowth {
		if d.IsNegative() {
			return "下降" + num(d.Neg()) + "%"
		}
		return "增长" + num(d) + "%"
	}
	return i18n.Amount("zh", d, e.ind.Unit)
}

// targetText writes the target in force as the plan would: 8亿美元以上, 增长5%左右,
// 不超过35微克/立方米, 6–6.5%.
func (e *eval) targetText() string {
	t := e.tgt
	if t.Target == nil {
		return ""
	}
	if t.TargetMax != nil {
		lo, hi := decimal.Min(*t.Target, *t.TargetMax), decimal.Max(*t.Target, *t.TargetMax)
		if e.kind == plan.KindGrowth {
			return "增长" + num(lo) + "%–" + num(hi) + "%"
		}
		return num(lo) + "–" + num(hi) + e.ind.Unit
	}
	a := e.amount(*t.Target)
	switch t.Qualifier {
	case plan.QualAbout:
		return a + "左右"
	case plan.QualAtLeast:
		return a + "以上"
	case plan.QualAtMost:
		return "不超过" + a
	case plan.QualOver:
		return "超" + a
	}
	return a
}

// measure introduces progress: 累计完成, 为, 累计同比.
func (e *eval) measure() string {
	switch {
	case e.kind == plan.KindGrowth:
		return "累计同比"
	case e.acc == plan.Stock:
		return "为"
	case e.sense == plan.Lower:
		return "累计"
	}
	return "累计完成"
}

func (e *eval) explain() string {
	r := e.res
	var b strings.Builder
	switch r.Status {
	case StatusNoTarget:
		b.WriteString("该指标未设定量化目标，仅作监测")
		if r.Progress != nil {
			fmt.Fprintf(&b, "，截至%s%s%s", r.AsOf.Label(), e.measure(), e.amount(*r.Progress))
		}
	case StatusNoData:
		if e.set.SubmittedCounts {
			fmt.Fprintf(&b, "%d年尚无报送数据", e.year)
		} else {
			fmt.Fprintf(&b, "%d年尚无审核通过的数据", e.year)
		}
	case StatusOverdue:
		p := e.blocking
		if p.IsZero() {
			p = r.Overdue[0]
		}
		b.WriteString(p.Label())
		if n := len(r.Overdue); n > 1 {
			fmt.Fprintf(&b, "等%d期", n)
		}
		fmt.Fprintf(&b, "数据逾期未报（应于%s前报送），进度无法判断", monthDay(e.cal.Due(p)))
	case StatusAchieved:
		fmt.Fprintf(&b, "截至%s%s%s，", r.AsOf.Label(), e.measure(), e.amount(*r.Progress))
		if Assess(e.tgt, e.sense, e.set.AboutTolerance, *r.Progress) == Exceeded {
			b.WriteString("已超额完成目标" + e.targetText())
		} else {
			b.WriteString("已达到目标" + e.targetText())
		}
	case StatusBehind, StatusAtRisk, StatusOnTrack:
		if r.AsOf.IsLastOfYear() {
			fmt.Fprintf(&b, "%d年全年%s%s，未达到目标%s", e.year, e.measure(), e.amount(*r.Progress), e.targetText())
			break
		}
		fmt.Fprintf(&b, "截至%s%s%s，", r.AsOf.Label(), e.measure(), e.amount(*r.Progress))
		switch {
		case e.kind == plan.KindGrowth:
			b.WriteString("目标" + e.targetText())
		case e.sense == plan.Lower:
			fmt.Fprintf(&b, "%s应控制在%s以内", e.basis(), e.amount(*r.Expected))
		default:
			fmt.Fprintf(&b, "%s应达%s", e.basis(), e.amount(*r.Expected))
		}
		fmt.Fprintf(&b, "，完成序时进度的%s，", pct(*r.Pace))
		switch r.Status {
		case StatusOnTrack:
			b.WriteString("进度正常")
		case StatusAtRisk:
			fmt.Fprintf(&b, "低于%s，存在风险", pct(e.set.OnTrack))
		default:
			fmt.Fprintf(&b, "低于%s，进度滞后", pct(e.set.AtRisk))
		}
	}
	b.WriteString("。")
	return b.String()
}

// basis says how expected-by-now was reckoned.
func (e *eval) basis() string {
	switch {
	case e.res.Seasonal:
		return "按往年同期进度"
	case e.acc == plan.Stock && e.baseline() != nil:
		return "按基期至目标的均衡进度"
	case e.acc == plan.Stock:
		return ""
	}
	return "按时间均衡进度"
}

func (e *eval) explainMilestone(done *Report, due time.Time, hasDue bool) string {
	switch e.res.Status {
	case StatusDone:
		s := fmt.Sprintf("已于%s报告完成", done.Period.Label())
		if hasDue && done.Period.Start().After(due) {
			s += fmt.Sprintf("（计划%s前完成，晚于计划）", due.Format("2006年1月2日"))
		}
		return s + "。"
	case StatusLate:
		return fmt.Sprintf("计划%s前完成，至今未报告完成，已逾期。", due.Format("2006年1月2日"))
	case StatusOnTrack:
		return fmt.Sprintf("计划%s前完成，尚在期限内，最近报送%s。", due.Format("2006年1月2日"), e.res.AsOf.Label())
	case StatusNoData:
		return fmt.Sprintf("计划%s前完成，尚无报送。", due.Format("2006年1月2日"))
	}
	return "该节点未设定完成日期，仅作监测。"
}
