package extract

import "testing"

// TestRules13 covers the classes of gold13/CLASSES.md (corpus sentences,
// non-held-out documents).
func TestRules13(t *testing.T) {
	checkRuleCases(t, []ruleCase{
		// C1: the denominator written before the number belongs to the unit (gold13 032), as 35微克每立方米 (gold12 037)
		{"二、2025年工作安排\n空气质量优良天数比例98%以上，PM2.5平均浓度每立方米20微克以下。", 2025, []ruleWant{
			{"target", "level", 98, "%", "at_least", "2025"}, {"target", "level", 20, "微克/立方米", "under", "2025"}}},
		{"PM2.5平均浓度不超过35微克每立方米。", 0, []ruleWant{{"actual", "level", 35, "微克每立方米", "under", ""}}},
		// C2: areas counted by a compound measure word (市州, 县区, 盟市, 旗县) are counts (gold13 031) …
		{"一、2024年工作回顾\n完成中央生态环保督察和黄河警示片年度整改任务，开展黄河流域4市州省级环保督察。新建绿色矿山34座。", 2025, []ruleWant{
			{"actual", "level", 4, "市州", "exact", "2024"}, {"actual", "level", 34, "座", "exact", "2024"}}},
		// … but not one that restates the complete list before it (testdata/DECISIONS.md (g))
		{"一、2024年工作回顾\n张掖入选全国水预算管理试点地区。凉州、陇西、康县3县区完成农村宅基地“两项试点”。", 2025, nil},
		// C3: two modifiers joined by 和 before a noun of people: the noun is counted (testdata/DECISIONS.md (h); gold13 047, dev 012) …
		{"提高低保、优抚、退休人员基本养老金等标准，为1700多万困难和重度残疾人发放生活或护理补贴。", 2017, []ruleWant{
			{"actual", "level", 1.7e7, "残疾人", "over", "2017"}}},
		{"“老老人”服务保障措施惠及80余万高龄和失能失智老年人。", 2025, []ruleWant{{"actual", "level", 8e5, "老年人", "over", "2025"}}},
		// … but a first noun with a head of its own is the unit (gold8 046)
		{"近6000万低保人员和特困群众基本生活得到保障。", 2018, []ruleWant{{"actual", "level", 6e7, "人员", "about", "2018"}}},
		// K1: a year after 面向 is the horizon of a plan named; it neither dates nor makes targets of the review's figures (gold13 047) …
		{"一、2016年工作回顾\n部署启动面向2030年的科技创新重大项目，支持北京、上海建设具有全球影响力的科技创新中心，新设6个国家自主创新示范区。全社会研发经费支出与国内生产总值之比达到2.08%。", 2017, []ruleWant{
			{"actual", "level", 6, "个", "exact", "2016"}, {"actual", "level", 2.08, "%", "exact", "2016"}}},
		// … but a deadline after 到 still sets the sentence's targets
		{"一、2016年工作回顾\n到2030年，新设6个国家自主创新示范区。", 2017, []ruleWant{{"target", "level", 6, "个", "exact", "2030"}}},
		// K2: in the tasks, 已 governs its own clause, not a later clause of new work (新组建, 再布局建设; gold13 034) …
		// (034's sentence, 和22家全省重点实验室 left out: its 已批建 period is still the section's, a gap)
		{"二、2025年主要目标任务\n持续推进已批建的3家省实验室建设，加快在人工智能、关键零部件、高端装备等领域新组建3家以上省实验室，再布局建设30家左右全省重点实验室。", 2025, []ruleWant{
			{"actual", "level", 3, "家", "exact", ""},
			{"target", "level", 3, "家", "at_least", "2025"}, {"target", "level", 30, "家", "about", "2025"}}},
		// … but it still carries over a clause that goes on about what was done (062)
		{"二、今年的主要任务\n从２００２年１月１日起，我国关税总水平已由１５．３％降到１２％，涉及５３００多个税目。", 2002, []ruleWant{
			{"actual", "level", 15.3, "%", "exact", ""}, {"actual", "level", 12, "%", "exact", "2002"}, {"actual", "level", 5300, "个", "over", "2002"}}},
		// K3: in the tasks, a count marked as made before (已X的N) has no period (gold13 DECISIONS 1, gold10 049) …
		{"二、2015年工作总体部署\n重大水利工程已开工的57个项目要加快建设，今年再开工27个项目。", 2015, []ruleWant{
			{"actual", "level", 57, "个", "exact", ""}, {"target", "level", 27, "个", "exact", "2015"}}},
		// … not in a review, where the section's year stands
		{"一、2024年工作回顾\n已开工的57个项目加快建设。", 2025, []ruleWant{{"actual", "level", 57, "个", "exact", "2024"}}},
		// K4: 提升 right before a count of things (or with only their noun between) counts the things improved, a level (gold12 026, 035) …
		{"二、2025年工作安排\n健全覆盖城乡的三级养老服务网络，提升100家县级特用供养机构服务水平。全力推进紧密型县域医共体建设，建设提升村卫生室3500所。", 2025, []ruleWant{
			{"target", "level", 100, "家", "exact", "2025"}, {"target", "level", 3500, "所", "exact", "2025"}}},
		// … but a quantity raised stays a change (gold2 040)
		{"一、2023年工作回顾\n粮食总产量跃上1.4万亿斤新台阶、亩产提升10.1斤。", 2024, []ruleWant{
			{"actual", "level", 1.4e12, "斤", "over", "2023"}, {"actual", "growth", 10.1, "斤", "exact", "2023"}}},
		// K5: an amount right after 增收 that an action named before brings about is a level, as relief given (gold9 011, gold13 031) …
		{"一、2024年工作回顾\n“以工代赈”带动群众增收8.5亿元。实施审计项目3349个，促进增收节支19.9亿元。", 2025, []ruleWant{
			{"actual", "level", 8.5e8, "元", "exact", "2024"}, {"actual", "level", 3349, "个", "exact", "2024"}, {"actual", "level", 1.99e9, "元", "exact", "2024"}}},
		// … not a rise of a named income (constructed: no corpus sentence has one before 增收 and an amount)
		{"一、2024年工作回顾\n农民人均可支配收入增收1200元。", 2025, []ruleWant{{"actual", "growth", 1200, "元", "exact", "2024"}}},
		// K6: 增加 with a count of things added and no stock named is a level, as 新增 (testdata/DECISIONS.md (f); gold6 020, gold10 038, 070) …
		{"一、2024年工作回顾\n实施学校建设项目902个，增加基础教育学位1.2万个，新增博士点4个。", 2025, []ruleWant{
			{"actual", "level", 902, "个", "exact", "2024"}, {"actual", "level", 1.2e4, "个", "exact", "2024"}, {"actual", "level", 4, "个", "exact", "2024"}}},
		{"二、2025年工作安排\n改造农村公路危旧桥梁超240座，其中增加超120座桥梁通双车道。", 2025, []ruleWant{
			{"target", "level", 240, "座", "at_least", "2025"}, {"target", "level", 120, "座", "at_least", "2025"}}},
		// … but more than the year before (比上年增加36个, or with nothing named: 增加110万套) is a change
		{"一、2024年工作回顾\n新开工10亿元以上制造业项目248个、比上年增加36个。", 2025, []ruleWant{
			{"actual", "level", 248, "个", "exact", "2024"}, {"actual", "growth", 36, "个", "exact", "2024"}}},
		{"二、2015年工作总体部署\n今年保障性安居工程新安排740万套，其中棚户区改造580万套，增加110万套。", 2015, []ruleWant{
			{"target", "level", 7.4e6, "套", "exact", "2015"}, {"target", "level", 5.8e6, "套", "exact", "2015"}, {"target", "growth", 1.1e6, "套", "exact", "2015"}}},
		// K7: 新增/净增 opening the clause after a level in the same unit is the change of that stock (gold10 038, gold9 022) …
		{"一、2024年工作回顾\n常态化开展助企暖企，全省经营主体达59.3万户、净增2万多户。", 2025, []ruleWant{
			{"actual", "level", 5.93e5, "户", "exact", "2024"}, {"actual", "growth", 2e4, "户", "over", "2024"}}},
		{"一、2024年工作回顾\n全疆粮食播种面积4440万亩、新增202.9万亩，粮食增产42.2亿斤。", 2025, []ruleWant{
			{"actual", "level", 4.44e7, "亩", "exact", "2024"}, {"actual", "growth", 2.029e6, "亩", "exact", "2024"}, {"actual", "growth", 4.22e9, "斤", "exact", "2024"}}},
		// … or after the stock's rate of growth (gold6 048)
		{"一、2015年工作回顾\n去年末居民储蓄存款余额增长8.5%，新增4万多亿元。", 2016, []ruleWant{
			{"actual", "growth", 8.5, "%", "exact", "2015"}, {"actual", "growth", 4e12, "元", "over", "2015"}}},
		// … but not when a noun of new things follows the count (新增3个国家中小企业特色产业集群)
		{"一、2024年工作回顾\n新增2个国家先进制造业集群、总数达3个，新增3个国家中小企业特色产业集群。", 2025, []ruleWant{
			{"actual", "level", 2, "个", "exact", "2024"}, {"actual", "level", 3, "个", "exact", "2024"}, {"actual", "level", 3, "个", "exact", "2024"}}},
		// K8: 发挥(好) right before a count: things that exist, whose role is used — actual, the clause's year (gold13 DECISIONS 1; gold12 018, gold13 034)
		{"二、2025年工作安排\n支持齐鲁医院、省立医院等创建国家医学中心，发挥好9个国家区域医疗中心服务功能。", 2025, []ruleWant{
			{"actual", "level", 9, "个", "exact", "2025"}}},
		{"二、2025年主要目标任务\n发挥10亿元省级前期工作专项资金作用，建立滚动使用机制。", 2025, []ruleWant{
			{"actual", "level", 1e9, "元", "exact", "2025"}}},
		// (negative: a count of new things in the same section stays a target)
		{"二、2025年主要目标任务\n新组建3家省实验室。", 2025, []ruleWant{{"target", "level", 3, "家", "exact", "2025"}}},
		// K9: 增加/提高 and a long noun of money before an amount: the amount it is raised by, a change (testdata/DECISIONS.md (f); gold10 056, 059) …
		{"二、2008年工作安排\n中央财政赤字1800亿元；拟增加中央预算稳定调节基金1032亿元。", 2008, []ruleWant{
			{"target", "level", 1.8e11, "元", "exact", "2008"}, {"target", "growth", 1.032e11, "元", "exact", "2008"}}},
		// … but money allocated to a raise (用于…增加…工资) is a level (gold8 061)
		{"其中，用于地方增加机关事业单位职工工资1755亿元。", 2003, []ruleWant{{"actual", "level", 1.755e11, "元", "exact", "2003"}}},
		// K10: a capacity, size or voltage in a project's name is not a fact (gold8 DECISIONS; gold9, gold10, gold12, gold13) …
		{"一、2024年工作回顾\n吉化120万吨乙烯项目主体完工，吉林化纤年产15万吨原丝项目投产。", 2025, nil},
		{"一、2024年工作回顾\n全国最大的25万吨煤基乙烯聚合物项目投产、300万吨CCUS碳利用示范项目一期建成、135万吨聚烯烃升级改造项目开工。", 2025, nil},
		{"一、2024年工作回顾\n哈密400万吨/年煤制油、1500万吨/年煤炭分质分级利用项目启动建设。", 2025, nil},
		{"二、2025年工作安排\n新建宁夏电网7个750千伏输变电工程，外送能力达到2000万千瓦。", 2025, []ruleWant{
			{"target", "level", 7, "个", "exact", "2025"}, {"target", "level", 2e7, "千瓦", "exact", "2025"}}},
		// … but capacity built, added or taken out is (建成120万吨产能, 新增装机600万千瓦, 关停…机组), and so is an aggregate over a list
		// (常乐电厂扩建等540万千瓦内用煤电项目, gold13 031)
		{"一、2024年工作回顾\n新增装机600万千瓦，建成120万吨产能，关停5000万千瓦小火电机组。", 2025, []ruleWant{
			{"actual", "level", 6e6, "千瓦", "exact", "2024"}, {"actual", "level", 1.2e6, "吨", "exact", "2024"}, {"actual", "level", 5e7, "千瓦", "exact", "2024"}}},
		{"二、2025年工作安排\n建成常乐电厂扩建等540万千瓦内用煤电项目。", 2025, []ruleWant{{"target", "level", 5.4e6, "千瓦", "exact", "2025"}}},
		// … and a unit or a storage project is named the same way, also as the second name of a list (gold3 018, DECISIONS (j)),
		// but a list whose next item is capacity added (、新增…) is not a list of names
		{"一、2024年工作回顾\n20万吨聚烯烃装置、高强高模碳纤维材料打破国外垄断。", 2025, nil},
		{"一、2024年工作回顾\n光伏装机居全国首位。肥城300兆瓦压缩空气储能、东营津辉500兆瓦电化学储能项目并网。", 2025, nil},
		{"一、2024年工作回顾\n建成光伏300万千瓦、新增装机500万千瓦项目。", 2025, []ruleWant{
			{"actual", "level", 3e6, "千瓦", "exact", "2024"}, {"actual", "level", 5e6, "千瓦", "exact", "2024"}}},
		// A1: a measure word and a written alternative in parentheses is the unit as written, full-width or ASCII
		// (gold8 DECISIONS 台(套); gold9, gold10, gold12, gold13 套（间）, 户（套）, 件（辆）, 件（套）) …
		{"一、2024年工作回顾\n筹集保障性租赁住房3929套（间）。完成设备更新6.5万台(套)。消费品以旧换新补贴280余万件（辆）。", 2025, []ruleWant{
			{"actual", "level", 3929, "套（间）", "exact", "2024"}, {"actual", "level", 6.5e4, "台(套)", "exact", "2024"}, {"actual", "level", 2.8e6, "件（辆）", "over", "2024"}}},
		{"二、2025年工作安排\n改造老旧小区1.5万户（套）。", 2025, []ruleWant{{"target", "level", 1.5e4, "户（套）", "exact", "2025"}}},
		// … not a parenthesis holding anything else (含…, a place, a number, a gloss) or closed by the other kind
		{"一、2024年工作回顾\n招募银龄医师2000人（含重点产业1000人）。", 2025, []ruleWant{
			{"actual", "level", 2000, "人", "exact", "2024"}, {"actual", "level", 1000, "人", "exact", "2024"}}},
		{"一、2024年工作回顾\n建成公租房500套（市区）、更新设备300台（2024年）、筹集房源20套（间)。", 2025, []ruleWant{
			{"actual", "level", 500, "套", "exact", "2024"}, {"actual", "level", 300, "台", "exact", "2024"}, {"actual", "level", 20, "套", "exact", "2024"}}},
		{"一、2024年工作回顾\n省级农业龙头企业129个县（市、区）全覆盖。", 2025, []ruleWant{{"actual", "level", 129, "个", "exact", "2024"}}},
	})
}
