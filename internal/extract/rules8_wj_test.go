package extract

import "testing"

// TestRules8WJ covers the "is this number a fact" classes of
// /work/classes/CLASSES-s8.md and gold15 (corpus sentences, non-held-out
// documents; constructed near misses marked).
func TestRules8WJ(t *testing.T) {
	checkRuleCases(t, []ruleCase{
		// C3a: a bound inside a category's name is not a fact — a distance band (gold11 012), a ranking band (gold12 026), a team size (gold11 034) …
		{"一、2024年工作回顾\n推出通学、通医、通游专线352条，公交与轨道50米内换乘比例达到88%。", 2025, []ruleWant{
			{"actual", "level", 352, "条", "exact", "2024"}, {"actual", "level", 88, "%", "exact", "2024"}}},
		{"一、2024年工作回顾\n92个学科进入ESI全球前1%。", 2025, []ruleWant{{"actual", "level", 92, "个", "exact", "2024"}}},
		{"二、2025年工作安排\n建成250个社区健身路径或3人制篮球场。", 2025, []ruleWant{{"target", "level", 250, "个", "exact", "2025"}}},
		// … but a distance held, a share after 提前, a count of people stay facts (constructed)
		{"二、2025年工作安排\n公交站点覆盖半径控制在500米以内。", 2025, []ruleWant{{"target", "level", 500, "米", "under", "2025"}}},
		{"二、2025年工作安排\n提前10%完成任务，选派50人赴基层。", 2025, []ruleWant{
			{"target", "level", 10, "%", "exact", "2025"}, {"target", "level", 50, "人", "exact", "2025"}}},
		// C8: a time set by 调整到 (gold11 012), a best time after 最快 (gold13 014), a starting time after 从 (gold12 042) are tracked quantities …
		{"一、2024年工作回顾\n义务教育学校课间时长调整到15分钟。", 2025, []ruleWant{{"actual", "level", 15, "分钟", "exact", "2024"}}},
		{"一、2024年工作回顾\n进口货物出关时间缩短至1.5小时以内，北欧的三文鱼最快48小时可从捕捞地端上成都餐桌。", 2025, []ruleWant{
			{"actual", "level", 1.5, "小时", "under", "2024"}, {"actual", "level", 48, "小时", "exact", "2024"}}},
		{"一、2022年工作回顾\n推行“证照分离”改革，企业开办时间从一个月以上压缩到4个工作日以内。", 2023, []ruleWant{
			{"actual", "level", 1, "个月", "over", ""}, {"actual", "level", 4, "个工作日", "under", "2022"}}},
		// … but not a time in a date or a plan's span
		{"二、2025年工作安排\n用3个月时间开展专项整治，每天开放8小时。", 2025, nil},
		// C9b: N名/N人次 with 以上 before a noun of people counts them (gold11 034, gold15 048) …
		{"二、2025年工作安排\n选派1200名以上科技特派员到基层开展科技服务。", 2025, []ruleWant{{"target", "level", 1200, "名", "at_least", "2025"}}},
		{"二、2016年工作安排\n完成2100万人次以上农民工职业技能提升培训任务。", 2016, []ruleWant{{"target", "level", 2.1e7, "人次", "at_least", "2016"}}},
		// … but sizes a class of the bodies after them (constructed)
		{"二、2025年工作安排\n支持50名以上员工的企业建立工会。", 2025, nil},
		// C1: a count that only sizes the group the clause's figure is about is not a fact (testdata/DECISIONS.md (k); gold11 027, 014, 034, 010, gold9 031, 011, dev 010) …
		{"一、2024年工作回顾\n推进国家传统制造业改造升级示范区建设，17个重点传统制造业增加值增长8%。", 2025, []ruleWant{{"actual", "growth", 8, "%", "exact", "2024"}}},
		{"一、2024年工作回顾\n超额完成国家目标任务；203个国考断面优良率和285个水功能区达标率均为100%。", 2025, []ruleWant{{"actual", "level", 100, "%", "exact", "2024"}}},
		{"一、2024年工作回顾\n乳肉薯绒等7条重点产业链产值突破7000亿元。", 2025, []ruleWant{{"actual", "level", 7e11, "元", "over", "2024"}}},
		{"一、2024年工作回顾\n加快延链补链强链，22个重点产业集群中，战略性新兴产业营业收入占比超过30%。", 2025, []ruleWant{{"actual", "share", 30, "%", "over", "2024"}}},
		{"二、2025年工作安排\n对10类重点就业群体新发放创业担保贷款不低于80亿元。", 2025, []ruleWant{{"target", "level", 8e9, "元", "at_least", "2025"}}},
		// … but things that did something themselves, projects with their investment, a whole a later count is part of, and a count after a verb stay facts
		{"一、2024年工作回顾\n前十大行业中，5个行业增加值实现两位数增长。8项主要经济指标增速居全国前3位。", 2025, []ruleWant{
			{"actual", "level", 5, "个", "exact", "2024"}, {"actual", "level", 8, "项", "exact", "2024"}}},
		{"一、2024年工作回顾\n700个省重点项目完成投资9757亿元。全市37个工业行业大类中，30个行业增加值增长。", 2025, []ruleWant{
			{"actual", "level", 700, "个", "exact", "2024"}, {"actual", "level", 9.757e11, "元", "exact", "2024"},
			{"actual", "level", 37, "个", "exact", "2024"}, {"actual", "level", 30, "个", "exact", "2024"}}},
		{"二、2025年工作安排\n形成10个营业收入超千亿元的先进制造业集群。", 2025, []ruleWant{{"target", "level", 10, "个", "exact", "2025"}}},
		// C4b: a Chinese-numeral count right before 行动 names the programme (gold11 012), as 十项民生实事; an Arabic count of actions stays
		{"二、2025年工作安排\n实施促进高校毕业生就业创业十项行动，开展12项专项行动。", 2025, []ruleWant{{"target", "level", 12, "项", "exact", "2025"}}},
		// C9d: a bare count right after 带头人 takes it as its unit (gold11 010; testdata/DECISIONS.md (u))
		{"一、2024年工作回顾\n培养认定农村致富带头人3.07万。", 2025, []ruleWant{{"actual", "level", 3.07e4, "带头人", "exact", "2024"}}},
	})
}
