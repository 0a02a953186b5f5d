package extract

import "testing"

// TestRules8WQ covers the unit, measure-word and magnitude classes of
// /work/classes/CLASSES-s8.md (C2, C7) and gold15's unit errors (corpus
// sentences, non-held-out documents; near misses beside them).
func TestRules8WQ(t *testing.T) {
	checkRuleCases(t, []ruleCase{
		// U1: a price per unit in fen is a compound unit, kept whole (gold11 027) …
		{"一、2024年工作回顾\n新增电力装机2200万千瓦，全省工商业平均电价下降1分/千瓦时。", 2025, []ruleWant{
			{"actual", "level", 2.2e7, "千瓦", "exact", "2024"}, {"actual", "growth", -1, "分/千瓦时", "exact", "2024"}}},
		{"二、2025年工作安排\n力争全省工商业电价较上年下降3分/千瓦时以上，供浙气源综合价格下降3-5分/立方米。", 2025, []ruleWant{
			{"target", "growth", -3, "分/千瓦时", "at_least", "2025"}, {"target", "growth", -5, "分/立方米", "exact", "2025"}}},
		// … but 分 alone after a time stays a time
		{"一、2024年工作回顾\n上午10时30分召开大会。", 2025, nil},
		// U2: Latin units as the reports spell them, 千升 kept as written, ℃ (gold11 034, gold9 016) …
		{"一、2024年工作回顾\n新能源电池产能达38GWh；全省在建及投运重点数据中心48个，算力规模超过55Eflops，全省算力总规模达到15EFlops，新增优质白酒产能5万千升。", 2025, []ruleWant{
			{"actual", "level", 38, "GWh", "exact", "2024"}, {"actual", "level", 48, "个", "exact", "2024"},
			{"actual", "level", 55, "Eflops", "over", "2024"}, {"actual", "level", 15, "EFlops", "exact", "2024"},
			{"actual", "level", 5e4, "千升", "exact", "2024"}}},
		{"二、2025年工作安排\n力争居民起居室供热室温常态下全部达到20℃。", 2025, []ruleWant{{"target", "level", 20, "℃", "exact", "2025"}}},
		// … but a temperature inside the name of a rate is not a fact (016), and 千瓦 stays the unit after 万
		{"二、2025年工作安排\n城市集中供热用户室温20℃达标率提升到96%，新增装机300万千瓦。", 2025, []ruleWant{
			{"target", "level", 96, "%", "exact", "2025"}, {"target", "level", 3e6, "千瓦", "exact", "2025"}}},
		// U3: 件次 as 人次 (gold15 042); 乡 counting townships (gold15 038) — not 乡村
		{"一、2022年工作回顾\n提请全国人大常委会审议法律议案50件，制定修订行政法规180件次。", 2023, []ruleWant{
			{"actual", "level", 50, "件", "exact", "2022"}, {"actual", "level", 180, "件次", "exact", "2022"}}},
		{"二、2025年工作安排\n全面建成玉树州剩余9乡“大电网建设+微电网改造”工程。", 2025, []ruleWant{{"target", "level", 9, "乡", "exact", "2025"}}},
		{"二、2025年工作安排\n建好2乡村振兴示范带。", 2025, nil},
		// U4: 大学生 is a head noun (gold15 DECISIONS 2: 应届 a modifier) …
		{"今年我区有17万应届大学生毕业。", 2025, []ruleWant{{"target", "level", 1.7e5, "大学生", "exact", "2025"}}},
		// … while 中小学生 still counts 学生 (gold5 057)
		{"一、2007年工作回顾\n1亿多中小学生得以免除学杂费。", 2008, []ruleWant{{"actual", "level", 1e8, "学生", "over", "2007"}}},
		// U5: 期 after a verb of holding counts sessions (gold11 010) — not a project's phase
		{"一、2024年工作回顾\n办好10件惠企实事，创新开展6期“厅局长坐诊接诉”。", 2025, []ruleWant{
			{"actual", "level", 10, "件", "exact", "2024"}, {"actual", "level", 6, "期", "exact", "2024"}}},
		{"一、2024年工作回顾\n建成地铁3期工程。", 2025, nil},
		// U6: 群 before the count of the animals in them (gold13 028) — not 群众
		{"一、2024年工作回顾\n海南长臂猿恢复至7群42只。惠及100万群众。", 2025, []ruleWant{
			{"actual", "level", 7, "群", "exact", "2024"}, {"actual", "level", 42, "只", "exact", "2024"},
			{"actual", "level", 1e6, "群众", "exact", "2024"}}},
		// U7: 地 before a verb of being chosen (gold13 032) — not a place word
		{"一、2024年工作回顾\n4地入选中央财政支持普惠金融发展示范区。", 2025, []ruleWant{{"actual", "level", 4, "地", "exact", "2024"}}},
		{"一、2024年工作回顾\n全省16地市开展试点。", 2025, nil},
		// U8: 分 after a word of scoring is a score (gold12 035)
		{"一、2024年工作回顾\n公共服务质量满意度81.6分，首次高于全国水平。", 2025, []ruleWant{{"actual", "level", 81.6, "分", "exact", "2024"}}},
		// R1: a ratio N:1 or 1:N after 比 is a multiple, the side that is not 1 (testdata/DECISIONS.md (l); gold11 012, 020, gold12 023, gold9 028) …
		{"一、2024年工作回顾\n城乡居民收入比缩小至2.31:1，开工备案项目比例达到1∶3.4，创近年新高。", 2025, []ruleWant{
			{"actual", "level", 2.31, "倍", "exact", "2024"}, {"actual", "level", 3.4, "倍", "exact", "2024"}}},
		{"二、2025年工作安排\n力争农产品加工业总产值与农业总产值之比突破1：1。", 2025, []ruleWant{{"target", "level", 1, "倍", "at_least", "2025"}}},
		// … not a time, a score line, or two numbers with no side 1
		{"一、2024年工作回顾\n会议于10:30召开，比分2:1，比例3:2。", 2025, nil},
	})
}
