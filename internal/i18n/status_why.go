package i18n

import (
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// StatusWhy is why an indicator has its status, as the status engine (internal/progress)
// reckoned it: codes and values, no words. StatusExplain writes it as one sentence in a
// language.
type StatusWhy struct {
	// Code is the kind of sentence: no_target, no_data, overdue, achieved, pace (on
	// track, at risk or behind during the year), year_missed (the year ended short);
	// for milestones ms_done, ms_late, ms_pending, ms_no_data, ms_no_due.
	Code string `json:"code"`
	// Status is on_track, at_risk or behind (for pace).
	Status string `json:"status,omitempty"`
	// Measure says what Progress is: cumulative, stock, lower (a total to keep low) or
	// growth (a rate against last year).
	Measure string `json:"measure,omitempty"`
	// Basis is how Expected was reckoned: even (months elapsed), seasonal (last years'
	// shape), baseline (even from the baseline to the target), none.
	Basis string `json:"basis,omitempty"`
	Unit  string `json:"unit,omitempty"`
	Year  int    `json:"year,omitempty"`
	// AsOf is the last period counted; Period the overdue one that blocks, or the
	// period a milestone was reported done in.
	AsOf   PeriodRef `json:"as_of,omitzero"`
	Period PeriodRef `json:"period,omitzero"`
	// Overdue is how many periods are overdue in all.
	Overdue int `json:"overdue,omitempty"`
	// Due is when Period was due (overdue) or when a milestone is to be done.
	Due time.Time `json:"due,omitzero"`
	// Late: a milestone reported done after its date. Submitted: submitted reports count
	// (no_data says "reported", not "approved"). Exceeded: achieved beyond the target.
	Late, Submitted, Exceeded bool             `json:"-"`
	Progress                  *decimal.Decimal `json:"progress,omitempty"`
	Expected                  *decimal.Decimal `json:"expected,omitempty"`
	Pace                      *decimal.Decimal `json:"pace,omitempty"`
	// Threshold is the share of the expected path below which the status is what it is.
	Threshold *decimal.Decimal `json:"threshold,omitempty"`
	// The target in force: Target (to TargetMax for a range) with its qualifier (exact,
	// about, at_least, at_most, over).
	Target    *decimal.Decimal `json:"target,omitempty"`
	TargetMax *decimal.Decimal `json:"target_max,omitempty"`
	Qualifier string           `json:"qualifier,omitempty"`
}

// PeriodRef is a reporting period by value: 2022-03 is {2022, monthly, 3}.
type PeriodRef struct {
	Year int    `json:"year"`
	Freq string `json:"freq"` // monthly, quarterly, yearly
	N    int    `json:"n"`
}

// PeriodText writes a period: 2022年3月, 2022年第1季度, 2022年; in English 2022-03,
// 2022Q1, 2022.
func PeriodText(lang string, p PeriodRef) string {
	switch p.Freq {
	case "monthly":
		return fmt.Sprintf(T(lang, "period.monthly"), p.Year, p.N)
	case "quarterly":
		return fmt.Sprintf(T(lang, "period.quarterly"), p.Year, p.N)
	case "yearly":
		return fmt.Sprintf(T(lang, "period.yearly"), p.Year)
	}
	return ""
}

func init() {
	add(map[string][2]string{
		"period.monthly":             {"%d年%d月", "%d-%02d"},
		"period.quarterly":           {"%d年第%d季度", "%dQ%d"},
		"period.yearly":              {"%d年", "%d"},
		"explain.label":              {"：", ": "},
		"explain.sep":                {"，", ", "},
		"explain.end":                {"。", "."},
		"explain.up":                 {"增长%s%%", "up %s%%"},
		"explain.down":               {"下降%s%%", "down %s%%"},
		"explain.growth_range":       {"增长%s%%–%s%%", "growth of %s%%–%s%%"},
		"explain.range":              {"%s–%s%s", "%s–%s %s"},
		"explain.qual.about":         {"%s左右", "about %s"},
		"explain.qual.at_least":      {"%s以上", "%s or more"},
		"explain.qual.at_most":       {"不超过%s", "at most %s"},
		"explain.qual.over":          {"超%s", "over %s"},
		"explain.measure.cumulative": {"累计完成", "the total done is "},
		"explain.measure.stock":      {"为", "it stands at "},
		"explain.measure.lower":      {"累计", "the total is "},
		"explain.measure.growth":     {"累计同比", "growth to date is "},
		"explain.basis.even":         {"按时间均衡进度", "on an even path through the year "},
		"explain.basis.seasonal":     {"按往年同期进度", "by past years' pace at this time "},
		"explain.basis.baseline":     {"按基期至目标的均衡进度", "on an even path from the baseline to the target "},
		"explain.basis.none":         {"", ""},
		"explain.no_target":          {"该指标未设定量化目标，仅作监测", "This indicator has no numeric target and is only monitored"},
		"explain.no_target.progress": {"，截至%s%s%s", "; as of %s %s%s"},
		"explain.no_data":            {"%d年尚无审核通过的数据", "No approved figures for %d yet"},
		"explain.no_data.submitted":  {"%d年尚无报送数据", "No figures reported for %d yet"},
		"explain.overdue":            {"%s%s数据逾期未报（应于%s前报送），进度无法判断", "The figure for %s%s is overdue (due by %s), so progress cannot be judged"},
		"explain.overdue.more":       {"等%d期", " (and %d more)"},
		"explain.asof":               {"截至%s%s%s，", "As of %s %s%s; "},
		"explain.achieved":           {"已达到目标%s", "the target %s is met"},
		"explain.exceeded":           {"已超额完成目标%s", "the target %s is exceeded"},
		"explain.year_missed":        {"%d年全年%s%s，未达到目标%s", "For the whole of %d %s%s, short of the target %s"},
		"explain.growth_target":      {"目标%s", "the target is %s"},
		"explain.expected_lower":     {"%s应控制在%s以内", "%sit should stay within %s"},
		"explain.expected":           {"%s应达%s", "%sit should have reached %s"},
		"explain.pace":               {"，完成序时进度的%s，", "; that is %s of the expected path: "},
		"explain.on_track":           {"进度正常", "on track"},
		"explain.at_risk":            {"低于%s，存在风险", "below %s, at risk"},
		"explain.behind":             {"低于%s，进度滞后", "below %s, behind"},
		"explain.ms_done":            {"已于%s报告完成", "Reported done in %s"},
		"explain.ms_done_late":       {"（计划%s前完成，晚于计划）", " (planned by %s: later than planned)"},
		"explain.ms_late":            {"计划%s前完成，至今未报告完成，已逾期", "Planned by %s and not reported done: late"},
		"explain.ms_pending":         {"计划%s前完成，尚在期限内，最近报送%s", "Planned by %s, still within time; last reported %s"},
		"explain.ms_no_data":         {"计划%s前完成，尚无报送", "Planned by %s; nothing reported yet"},
		"explain.ms_no_due":          {"该节点未设定完成日期，仅作监测", "This milestone has no date and is only monitored"},
	})
}

// StatusExplain writes why an indicator has its status as one sentence: 截至2022年3月累计
// 完成2亿美元，按时间均衡进度应达2亿美元，完成序时进度的100%，进度正常。 An empty
// Code gives "".
func StatusExplain(lang string, w StatusWhy) string {
	if w.Code == "" {
		return ""
	}
	t := func(key string) string { return T(lang, "explain."+key) }
	amount := func(d *decimal.Decimal) string {
		if d == nil {
			return ""
		}
		if w.Measure == "growth" {
			if d.IsNegative() {
				return fmt.Sprintf(t("down"), num(d.Neg()))
			}
			return fmt.Sprintf(t("up"), num(*d))
		}
		return Amount(lang, *d, w.Unit)
	}
	date := func(d time.Time) string {
		if lang == "en" {
			return d.Format("2006-01-02")
		}
		return d.Format("2006年1月2日")
	}
	asof, measure := PeriodText(lang, w.AsOf), t("measure."+w.Measure)
	var b strings.Builder
	switch w.Code {
	case "no_target":
		b.WriteString(t("no_target"))
		if w.Progress != nil {
			fmt.Fprintf(&b, t("no_target.progress"), asof, measure, amount(w.Progress))
		}
	case "no_data":
		if w.Submitted {
			fmt.Fprintf(&b, t("no_data.submitted"), w.Year)
		} else {
			fmt.Fprintf(&b, t("no_data"), w.Year)
		}
	case "overdue":
		more := ""
		if w.Overdue > 1 {
			more = fmt.Sprintf(t("overdue.more"), w.Overdue-1)
			if lang != "en" {
				more = fmt.Sprintf(t("overdue.more"), w.Overdue)
			}
		}
		due := fmt.Sprintf("%d月%d日", w.Due.Month(), w.Due.Day())
		if lang == "en" {
			due = w.Due.Format("2006-01-02")
		}
		fmt.Fprintf(&b, t("overdue"), PeriodText(lang, w.Period), more, due)
	case "achieved":
		fmt.Fprintf(&b, t("asof"), asof, measure, amount(w.Progress))
		if w.Exceeded {
			fmt.Fprintf(&b, t("exceeded"), targetText(lang, w, amount))
		} else {
			fmt.Fprintf(&b, t("achieved"), targetText(lang, w, amount))
		}
	case "year_missed":
		fmt.Fprintf(&b, t("year_missed"), w.Year, measure, amount(w.Progress), targetText(lang, w, amount))
	case "pace":
		fmt.Fprintf(&b, t("asof"), asof, measure, amount(w.Progress))
		basis := t("basis." + w.Basis)
		switch w.Measure {
		case "growth":
			fmt.Fprintf(&b, t("growth_target"), targetText(lang, w, amount))
		case "lower":
			fmt.Fprintf(&b, t("expected_lower"), basis, amount(w.Expected))
		default:
			fmt.Fprintf(&b, t("expected"), basis, amount(w.Expected))
		}
		fmt.Fprintf(&b, t("pace"), pct(w.Pace))
		switch w.Status {
		case "on_track":
			b.WriteString(t("on_track"))
		case "at_risk":
			fmt.Fprintf(&b, t("at_risk"), pct(w.Threshold))
		default:
			fmt.Fprintf(&b, t("behind"), pct(w.Threshold))
		}
	case "ms_done":
		fmt.Fprintf(&b, t("ms_done"), PeriodText(lang, w.Period))
		if w.Late {
			fmt.Fprintf(&b, t("ms_done_late"), date(w.Due))
		}
	case "ms_late":
		fmt.Fprintf(&b, t("ms_late"), date(w.Due))
	case "ms_pending":
		fmt.Fprintf(&b, t("ms_pending"), date(w.Due), asof)
	case "ms_no_data":
		fmt.Fprintf(&b, t("ms_no_data"), date(w.Due))
	case "ms_no_due":
		b.WriteString(t("ms_no_due"))
	}
	b.WriteString(t("end"))
	return b.String()
}

// targetText writes the target in force as the plan would: 8亿美元以上, 增长5%左右,
// 不超过35微克/立方米, 6–6.5%.
func targetText(lang string, w StatusWhy, amount func(*decimal.Decimal) string) string {
	if w.Target == nil {
		return ""
	}
	if w.TargetMax != nil {
		lo, hi := decimal.Min(*w.Target, *w.TargetMax), decimal.Max(*w.Target, *w.TargetMax)
		if w.Measure == "growth" {
			return fmt.Sprintf(T(lang, "explain.growth_range"), num(lo), num(hi))
		}
		return fmt.Sprintf(T(lang, "explain.range"), num(lo), num(hi), w.Unit)
	}
	a := amount(w.Target)
	switch w.Qualifier {
	case "about", "at_least", "at_most", "over":
		return fmt.Sprintf(T(lang, "explain.qual."+w.Qualifier), a)
	}
	return a
}

// num is a figure for a sentence: at most two decimals, no trailing zeros.
func num(d decimal.Decimal) string { return d.Round(2).String() }

// pct is a share as a percentage with one decimal: 0.9512 → 95.1%.
func pct(d *decimal.Decimal) string {
	if d == nil {
		return ""
	}
	return d.Mul(decimal.NewFromInt(100)).Round(1).String() + "%"
}
