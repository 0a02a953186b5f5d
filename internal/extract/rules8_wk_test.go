package extract

import "testing"

// TestRules8Sign covers the sign and metric classes of /work/classes/CLASSES-s8.md
// (C5) and gold15 (corpus sentences, non-held-out documents).
func TestRules8Sign(t *testing.T) {
	checkRuleCases(t, []ruleCase{
		// C5a: 降 of 降雨/降水 is rain, not a fall of the count after it (gold11 010, 020) …
		{"一、2024年工作回顾\n有效应对14轮强降雨和7次编号洪水。经受了25轮强降水和10个台风影响。", 2025, []ruleWant{
			{"actual", "level", 14, "轮", "exact", "2024"}, {"actual", "level", 7, "次", "exact", "2024"},
			{"actual", "level", 25, "轮", "exact", "2024"}, {"actual", "level", 10, "个", "exact", "2024"}}},
		// … but a fall of a rain quantity stays a fall
		{"一、2024年工作回顾\n全年降水量减少20%。", 2025, []ruleWant{{"actual", "growth", -20, "%", "exact", "2024"}}},
		// C5b: 减碳 right before a figure is a cut (gold13 028); 减污降碳 with no figure after it is no growth word
		{"一、2024年工作回顾\n博鳌近零碳示范区减碳96.2%。坚持减污降碳协同增效，单位地区生产总值能耗降低3%。", 2025, []ruleWant{
			{"actual", "growth", -96.2, "%", "exact", "2024"}, {"actual", "growth", -3, "%", "exact", "2024"}}},
		// … troops cut and illiteracy wiped out are falls (gold15 065, gold10 060, testdata/DECISIONS.md (a))
		{"要使全国80％以上的人口地区普及九年义务教育，扫除青壮年文盲300万人左右。", 1999, []ruleWant{
			{"target", "level", 80, "%", "at_least", "1999"}, {"target", "growth", -3e6, "人", "about", "1999"}}},
		{"圆满完成裁减军队员额20万的任务。", 2003, []ruleWant{{"target", "growth", -2e5, "人", "exact", "2003"}}},
		// 增发 issues bonds: the amount issued, a level (gold15 065, gold8 025); 新增发放 stays 新增
		{"一、1998年工作回顾\n国务院增发1000亿元财政债券，重点用于基础设施。新增发放创业担保贷款160亿元。", 1999, []ruleWant{
			{"actual", "level", 1e11, "元", "exact", "1998"}, {"actual", "level", 1.6e10, "元", "exact", "1998"}}},
		// 比…少(了)N: short of the base, a fall; the plan compared with is no target marker (gold15 065) …
		{"一、1998年工作回顾\n全年货币发行还比年初计划少了近500亿元。", 1999, []ruleWant{{"actual", "growth", -5e10, "元", "about", "1998"}}},
		// … not 至少, a bound
		{"一、1998年工作回顾\n全年新增就业至少300万人。", 1999, []ruleWant{{"actual", "level", 3e6, "人", "at_least", "1998"}}},
	})
}
