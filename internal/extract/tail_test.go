package extract

import "testing"

// TestRulesTail covers the long tail of gold9/gold10/gold12 CLASSES (corpus
// sentences, non-held-out documents).
func TestRulesTail(t *testing.T) {
	checkRuleCases(t, []ruleCase{
		// size classes and thresholds are not facts (gold9 CLASSES U3; GUIDELINE: a class is not a fact)
		{"20户及以上自然村千兆光纤和5G网络通达率达到100%。", 0, []ruleWant{{"actual", "level", 100, "%", "exact", ""}}},
		{"建立年综合能耗5000吨标准煤及以上重点用能单位节能管理档案。", 0, nil},
		{"年收益超10万元、超30万元村集体占比分别达55%、20%。", 0, []ruleWant{
			{"actual", "share", 55, "%", "exact", ""}, {"actual", "share", 20, "%", "exact", ""}}},
		{"生产总值超200亿元县（区）达26个。", 0, []ruleWant{{"actual", "level", 26, "个", "exact", ""}}},
		{"开展能耗超5000吨标准煤重点企业在线监测。", 0, nil},
		{"临夏州经济总量跻身500亿元行列。", 0, nil},
		{"调整高速公路限速4747公里、时速120公里路段占比由18%增至71%。", 0, []ruleWant{
			{"actual", "level", 4747, "公里", "exact", ""}, {"actual", "share", 18, "%", "exact", ""}, {"actual", "share", 71, "%", "exact", ""}}},
		{"对小微企业和个体工商户年应纳税所得额不到100万元的部分，再减半征收所得税。", 0, nil},
		// … but a threshold passed by the subject's own amount stays (煤炭产量超7000万吨、原油产量达1250万吨以上: 031;
		// 产值超过2000亿元的化工园区: 016), and 以上 before 的新阶段 is a level reached (gold12 009; testdata/DECISIONS.md (c))
		{"煤炭产量超7000万吨、原油产量达1250万吨以上。", 0, []ruleWant{
			{"actual", "level", 7e7, "吨", "over", ""}, {"actual", "level", 1.25e7, "吨", "over", ""}}},
		{"城市经济规模进入了5万亿元以上的新阶段。", 0, []ruleWant{{"actual", "level", 5e12, "元", "over", ""}}},
		// 每 + a verb + a number is the base of a rate, as 每 + a number (gold10 DECISIONS, 017); the figure per base stays
		{"整车出口量跃居全国首位，全国每出口4辆汽车就有1辆安徽造。", 0, []ruleWant{{"actual", "level", 1, "辆", "exact", ""}}},
		// a count naming a policy package, documents issued, or the groups of a list (gold9 CLASSES U7, gold12 CLASSES G1, G3a)
		{"优化项目投资服务，出台“要素政策赋能清单16条”，加强土地保障。", 2024, nil},
		{"实施17条稳就业、8条青年就业创业政策措施，城镇新增就业43.4万人。", 2024, []ruleWant{{"actual", "level", 4.34e5, "人", "exact", "2024"}}},
		{"制定出台全方位引进培养用好人才的若干政策措施及人才发展“授权松绑”清单、“一园一策”等10个配套文件。", 2024, nil},
		{"聚焦重点领域，推出科技创新10个行动计划。", 2024, nil},
		{"以民生建设为重点，12类55件民生实事保质保量完成。", 2024, []ruleWant{{"actual", "level", 55, "件", "exact", "2024"}}},
		{"新发布3批18项制度集成创新案例。", 2024, []ruleWant{{"actual", "level", 18, "项", "exact", "2024"}}},
		{"5个点位36项重点任务全面推进。", 2024, []ruleWant{{"actual", "level", 36, "项", "exact", "2024"}}},
		// … not things done: 集采药品、耗材分别达719个和33类 (gold9 016), 实施10个行动计划 (no verb of issuing)
		{"集采药品、耗材分别达719个和33类。", 2024, []ruleWant{{"actual", "level", 719, "个", "exact", "2024"}, {"actual", "level", 33, "类", "exact", "2024"}}},
		// a bare count before a noun of people counts them by the noun (testdata/DECISIONS.md (b), (h)), not 元 from a money word
		// elsewhere in the sentence; 居家 is a modifier of 老年人 (gold12 023); 以上 before such a noun is at least, not a class (gold12 066)
		{"建成老年助餐点8000余家，为358万居家老年人提供专业上门服务。", 2024, []ruleWant{
			{"actual", "level", 8000, "家", "over", "2024"}, {"actual", "level", 3.58e6, "老年人", "exact", "2024"}}},
		{"国家助学贷款每人每年最高额度增加4000元，惠及500多万在校生。", 2021, []ruleWant{
			{"actual", "growth", 4000, "元", "exact", "2021"}, {"actual", "level", 5e6, "在校生", "over", "2021"}}},
		{"今年要完成1000万以上农村贫困人口脱贫任务。", 2016, []ruleWant{{"target", "level", 1e7, "人口", "at_least", "2016"}}},
		{"开工建设5个百亿级、10个三十亿以上重大工业项目。", 0, []ruleWant{
			{"actual", "level", 5, "个", "exact", ""}, {"actual", "level", 10, "个", "exact", ""}}}, // 三十亿以上 stays a class
		// the noun as written (testdata/DECISIONS.md (h)): a whole known noun is not cut to a shorter one inside it (农牧民, not 牧民)
		{"全区有280万农牧民在城镇转移就业。", 0, []ruleWant{{"actual", "level", 2.8e6, "农牧民", "exact", ""}}},
		// a threshold held over a streak of years is not a fact (testdata/DECISIONS.md (d)); a total over the streak is
		{"粮食总产量1344亿斤，连续8年稳定在1300亿斤以上，耕地面积连续4年净增累计超过170万亩。", 0, []ruleWant{
			{"actual", "level", 1.344e11, "斤", "exact", ""}, {"actual", "growth", 1.7e6, "亩", "over", ""}}},
		{"贫困地区农村学生上重点高校人数连续两年增长10%以上。", 0, nil},
		{"财政性教育经费占国内生产总值比例每年都保持在4%以上。", 0, nil},
		{"今年计划国内生产总值增长百分之九。在连续两年增长百分之十三的基础上，安排这样的速度。", 1994, []ruleWant{
			{"target", "growth", 9, "%", "exact", "1994"}, {"actual", "growth", 13, "%", "exact", ""}}},
	})
}
