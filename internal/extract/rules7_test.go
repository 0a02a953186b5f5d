package extract

import "testing"

// TestRulesKindPeriod7 covers the kind and period classes of gold9/CLASSES.md
// (corpus sentences, non-held-out documents).
func TestRulesKindPeriod7(t *testing.T) {
	checkRuleCases(t, []ruleCase{
		// K3: the starting value of a from–to change is the standing one, actual, in a target sentence too (gold6 DECISIONS 055)
		{"将小规模纳税人增值税起征点从月销售额10万元提高到15万元。", 2021, []ruleWant{
			{"actual", "level", 1e5, "元", "exact", ""}, {"target", "level", 1.5e5, "元", "exact", "2021"}}},
		{"今年新农合和城镇居民基本医疗保险财政补助标准由每人每年240元提高到280元，人均基本公共卫生服务经费标准由25元提高到30元。", 2013, []ruleWant{
			{"actual", "level", 240, "元", "exact", ""}, {"target", "level", 280, "元", "exact", "2013"},
			{"actual", "level", 25, "元", "exact", ""}, {"target", "level", 30, "元", "exact", "2013"}}},
		// … but the figure of an old plan (由原定…) stays a target
		{"要将国民经济增长速度由原定平均每年百分之六调高到百分之八至九。", 1993, []ruleWant{
			{"target", "growth", 6, "%", "exact", ""}, {"target", "growth", 8, "%", "exact", ""}}},
		// K1/K2: 预计 governs its own ；-part only; 有望 after the figures of its clause makes them projections (gold9 011)
		{"一、2024年工作回顾\n预计产煤12.9亿吨，均居全国第1位；生产绿电超2000亿度，稀土产业产值超过千亿元。8个旗县隐性债务清零，1个盟市本级和10个旗县有望退出高风险等级。", 2025, []ruleWant{
			{"estimate", "level", 1.29e9, "吨", "exact", "2024"}, {"actual", "level", 2e11, "度", "over", "2024"},
			{"actual", "level", 1e11, "元", "over", "2024"}, {"actual", "level", 8, "个", "exact", "2024"},
			{"estimate", "level", 1, "个", "exact", "2024"}, {"estimate", "level", 10, "个", "exact", "2024"}}},
		// K4: a growth rate as the subject of a percentage set by a verb of reaching, or named after it, makes it growth
		{"2012年，城镇新增就业1266万人，居民消费价格涨幅回落到2.6%。", 2013, []ruleWant{
			{"actual", "level", 1266e4, "人", "exact", "2012"}, {"actual", "growth", 2.6, "%", "exact", "2012"}}},
		{"一、1996年工作回顾\n去年，物价涨幅从１４．８％降到１０％左右，经过上下各方面的努力，实际回落到６．１％。", 1997, []ruleWant{
			{"actual", "growth", 14.8, "%", "exact", ""}, {"actual", "growth", 10, "%", "about", "1996"}, {"actual", "growth", 6.1, "%", "exact", "1996"}}},
		{"今年，7%左右的速度可以实现比较充分的就业。", 2015, []ruleWant{{"target", "growth", 7, "%", "about", "2015"}}},
		// … but a natural growth rate of the population is a rate, a level (gold8 061)
		{"人口自然增长率降到6.45%。", 2003, []ruleWant{{"actual", "level", 6.45, "%", "exact", "2003"}}},
		// K6: a goal reported met is what was done; a plan's goal named with its years, or in the tasks, stays a target
		{"一、2020年工作回顾\n全面深化教育领域综合改革。实现高职院校扩招100万人目标。1亿农业转移人口和其他常住人口在城镇落户目标顺利实现，城镇棚户区住房改造超过2100万套。", 2021, []ruleWant{
			{"actual", "level", 1e6, "人", "exact", "2020"}, {"actual", "level", 1e8, "人口", "exact", "2020"}, {"actual", "level", 2.1e7, "套", "over", "2020"}}},
		{"二、2025年工作安排\n实现新增煤炭产能800万吨目标。", 2025, []ruleWant{{"target", "level", 8e6, "吨", "exact", "2025"}}},
		// P3: a count of years inside the figure's clause, not only opening it, makes it a total over those years
		{"2012年底，城镇人均住房面积32.9平方米。提前一年实现三年引资1万亿元目标。", 2013, []ruleWant{
			{"actual", "level", 32.9, "平方米", "exact", "2012"}, {"target", "level", 1e12, "元", "exact", ""}}},
		{"2007年，抗灾救灾工作全面加强，中央财政五年支出551亿元。", 2008, []ruleWant{{"actual", "level", 5.51e10, "元", "exact", ""}}},
		// … not 九年义务教育 (a name) nor 前三年 (the years before)
		{"2006年，全国已有317个县实现九年义务教育目标。", 2007, []ruleWant{{"actual", "level", 317, "个", "exact", "2006"}}},
		// P1: in a review of several years, a year an earlier sentence named does not date a change or work done …
		{"一、过去五年工作回顾\n2012年底，城镇人均住房面积32.9平方米。服务业增加值占国内生产总值比重提高2.7个百分点。加强农村基础设施建设，新建改建农村公路146.5万公里。耕地面积保持在18.2亿亩以上。", 2013, []ruleWant{
			{"actual", "level", 32.9, "平方米", "exact", "2012"}, {"actual", "growth", 2.7, "个百分点", "exact", ""},
			{"actual", "level", 1.465e6, "公里", "exact", ""}, {"actual", "level", 1.82e9, "亩", "over", "2012"}}},
		// … but a year set as the topic (刚刚过去的2017年，…) dates what follows it (gold8 046, gold10 070)
		{"一、过去五年工作回顾\n刚刚过去的2017年，经济社会发展主要目标任务全面完成。国内生产总值增长6.9%。", 2018, []ruleWant{
			{"actual", "growth", 6.9, "%", "exact", "2017"}}},
		// P2: the changes of a sentence that compares with a base two or more years back, or of a paragraph such a comparison opens, have no period; levels keep the year
		{"2006年，全国国有企业资产总额比2002年增长60.98%，实现利润增长2.23倍。", 2008, []ruleWant{
			{"actual", "growth", 60.98, "%", "exact", ""}, {"actual", "growth", 2.23, "倍", "exact", ""}}},
		{"１９９２年同１９８７年相比，钢产量增长百分之四十二，达到８０００万吨。交通运输有新的发展。铁路货运周转量增长百分之二十三，达到１１６２０亿吨公里。", 1993, []ruleWant{
			{"actual", "growth", 42, "%", "exact", ""}, {"actual", "level", 8e7, "吨", "exact", "1992"},
			{"actual", "growth", 23, "%", "exact", ""}, {"actual", "level", 1.162e12, "吨公里", "exact", "1992"}}},
		// … but 到2020年…比2010年翻一番 is a target for the year named
		{"到2020年国内生产总值比2010年翻一番。", 2016, []ruleWant{{"target", "growth", 1, "番", "exact", "2020"}}},
	})
}

// TestGoalReached covers the clause shapes of a goal reported met (gold9 011, 044; dev 005, 057; gold10 070).
func TestGoalReached(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"实现高职院校扩招100万人目标", true},
		{"提前一年实现三年引资1万亿元目标", false}, // a goal over three years: target (gold9 011)
		{"是深圳实现经济总量达到4万亿元“十四五”经济目标", false},
		{"就能够实现原定2000年国民生产总值比1980年翻两番的宏伟目标", false},
	} {
		r := []rune(c.text)
		s, g := -1, -1
		for i, ch := range r {
			if s < 0 && (isDigit(ch) || ch == '万') {
				s = i
			}
			if i+1 < len(r) && ch == '目' && r[i+1] == '标' {
				g = i
			}
		}
		if got := goalReached(r, s, g); got != c.want {
			t.Errorf("goalReached(%s) = %v, want %v", c.text, got, c.want)
		}
	}
}
