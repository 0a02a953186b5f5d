package extract

import "testing"

func TestRulesUnits(t *testing.T) {
	checkRuleCases(t, []ruleCase{
		// a tracked time in calendar days keeps its noun, as 个工作日 (gold8 019, gold6 042); 内 is within
		{"省市县三级用地预审平均时间压缩至10个自然日内。", 0, []ruleWant{{"actual", "level", 10, "个自然日", "under", ""}}},
		{"企业出口退税办理时间压缩至6个工作日以内。", 0, []ruleWant{{"actual", "level", 6, "个工作日", "under", ""}}},
		// … also with a few words between the verb and the number (gold12 042)
		{"企业开办时间从一个月以上压缩到目前的平均4个工作日以内。", 0, []ruleWant{{"actual", "level", 1, "个月", "over", ""}, {"actual", "level", 4, "个工作日", "under", ""}}},
		// a compound unit is kept whole, with the hedge after it (GUIDELINE: 元/㎡; gold10 017); 头只 counts cattle and sheep (gold10 038)
		{"全员劳动生产率16.8万元/人左右，城乡居民最低生活保障平均标准分别提高至778元/月、6818元/年。", 0, []ruleWant{
			{"actual", "level", 1.68e5, "元/人", "about", ""}, {"actual", "level", 778, "元/月", "exact", ""},
			{"actual", "level", 6818, "元/年", "exact", ""}}},
		{"牛羊出栏937万头只。", 0, []ruleWant{{"actual", "level", 9.37e6, "头只", "exact", ""}}},
		// a compound unit written in words (gold12 037); spaced digits before ‰ (gold12 066)
		{"全省PM2.5平均浓度不超过35微克每立方米，人口自然增长率下降到1 0 ．0 6 ‰。", 0, []ruleWant{
			{"actual", "level", 35, "微克每立方米", "under", ""}, {"actual", "level", 10.06, "‰", "exact", ""}}},
		// a noun of individuals right before a bare count keeps its name (testdata/DECISIONS.md (b); gold9 028), not 元; 个千分点 (gold10 070)
		{"接待游客增长8%，其中入境游客111万、增长115.6%。", 0, []ruleWant{
			{"actual", "growth", 8, "%", "exact", ""}, {"actual", "level", 1.11e6, "游客", "exact", ""}, {"actual", "growth", 115.6, "%", "exact", ""}}},
		{"计划生育成绩明显，出生率下降5个千分点。", 0, []ruleWant{{"actual", "growth", -5, "个千分点", "exact", ""}}},
		// 减为 is reduced to: a level, whose starting value is what stands (gold10 070)
		{"国务院的部委和直属机构、办事机构共59个。非常设机构由85个减为26个。", 0, []ruleWant{
			{"actual", "level", 59, "个", "exact", ""}, {"actual", "level", 85, "个", "exact", ""}, {"actual", "level", 26, "个", "exact", ""}}},
		// 个年度 before a noun is 个 counting it; 所以 right after a number is 所 and 以 (gold13 014, 028)
		{"实施320个年度共建项目，加快推进。建成1所以失能照护为主的特困人员供养服务机构。连续三个年度考核优秀。", 0, []ruleWant{
			{"actual", "level", 320, "个", "exact", ""}, {"actual", "level", 1, "所", "exact", ""}}},
		// 个体工商户: the noun as written is the unit, a level (testdata/DECISIONS.md (h); gold8 052) …
		{"降低900多万个体工商户税负。", 0, []ruleWant{{"actual", "level", 9e6, "个体工商户", "over", ""}}},
		// … but 个 counts the parks in 8个体育公园
		{"新建8个体育公园。", 0, []ruleWant{{"actual", "level", 8, "个", "exact", ""}}},
	})
}

// TestRulesChineseCounts covers magnitudes and counts written in Chinese
// numerals (corpus sentences, non-held-out documents).
func TestRulesChineseCounts(t *testing.T) {
	checkRuleCases(t, []ruleCase{
		// a change of one point is a fact, though its number is small and Chinese (gold8 061)
		{"从1998年起，中央财政支出中教育经费所占比例每年提高一个百分点。", 0, []ruleWant{{"actual", "growth", 1, "个百分点", "exact", ""}}},
		// 近 + a magnitude without a number is an amount put roughly, also before a noun or 的 (gold8 061)
		{"完成了长达3500多公里的长江干堤和近千公里的黄河堤防加固工程。", 0, []ruleWant{
			{"actual", "level", 3500, "公里", "over", ""}, {"actual", "level", 1000, "公里", "about", ""}}},
		{"累计投放200亿元民营中小微企业提质争效专项贷款，惠及近万家企业。", 0, []ruleWant{
			{"actual", "level", 2e10, "元", "exact", ""}, {"actual", "level", 1e4, "家", "about", ""}}},
		// 多 after a magnitude closing the clause: over, and the people counted before it (gold6 048)
		{"农村贫困人口减少1亿多，解决3亿多农村人口饮水安全问题。", 0, []ruleWant{
			{"actual", "growth", -1e8, "人", "over", ""}, {"actual", "level", 3e8, "人口", "over", ""}}},
		// a bare count right after 人口 counts people (gold6 055), as after 人口 further back (gold5 045)
		{"参加新型农村合作医疗的人口8.14亿，今年再减少农村贫困人口1000万以上。", 0, []ruleWant{
			{"actual", "level", 8.14e8, "人", "exact", ""}, {"target", "growth", -1e7, "人", "at_least", ""}}},
		// results counted in Chinese numerals are facts (gold8 025, 039) …
		{"一批项目签约落地。两项自贸试验区制度创新成果全国推广。", 0, []ruleWant{{"actual", "level", 2, "项", "exact", ""}}},
		// … the names of a few items are not: 中央八项规定, 残疾人两项补贴, 两个攻坚战成果
		{"严格落实中央八项规定精神，提高残疾人两项补贴标准，巩固整顿关闭两个攻坚战成果。", 0, nil},
		// 亿 alone after a hedge, with its unit (gold9 016); a noun of people after 近 or 惠及 + a bare magnitude (gold9 028, gold10 038)
		{"发放育儿补贴近亿元，近百万群众直接受益，引大济湟工程惠及百万群众。", 0, []ruleWant{
			{"actual", "level", 1e8, "元", "about", ""}, {"actual", "level", 1e6, "群众", "about", ""}, {"actual", "level", 1e6, "群众", "exact", ""}}},
		// a measure word that counts the noun after it (名, 家, 个 …) after 超 + a bare magnitude is a count, not a class (gold12 035)
		{"选派超千名科技特派员服务企业，打造超万人企业。", 0, []ruleWant{{"actual", "level", 1000, "名", "over", ""}}},
		// 老年人 is the head of 居家老年人 (gold12 023)
		{"为358万居家老年人提供专业上门服务。", 0, []ruleWant{{"actual", "level", 3.58e6, "老年人", "exact", ""}}},
		// an amount reached as a step (台阶) after a verb of reaching: level, over; money without 元 takes 元 (testdata/DECISIONS.md (c))
		{"这种种都为深圳稳步踏上3万亿台阶，奠定了坚实的基础。粮食产量首次跃上1.4万亿斤新台阶，全省地区生产总值连跨4个万亿级台阶。", 0, []ruleWant{
			{"actual", "level", 3e12, "元", "over", ""}, {"actual", "level", 1.4e12, "斤", "over", ""}}},
		// events held counted by a bare magnitude (gold13 020, 032); 实施百项…工程 names a programme
		{"举办百场艺术精品展演，推出音乐剧。实施百项革命文物保护利用工程。", 0, []ruleWant{{"actual", "level", 100, "场", "exact", ""}}},
		// a bare magnitude right after a noun, with 以上 after its measure word (gold12 035); 千家万户, 千方百计 are words
		{"新增优质特色普通高中招生计划万名以上。走进千家万户，千方百计稳就业。", 0, []ruleWant{{"target", "level", 1e4, "名", "at_least", ""}}},
		// … not 破亿 without a unit of its own, nor 超亿元的 + noun (a class)
		{"航空双枢纽时隔5年旅客吞吐量再次破亿，发放超亿元的新生开学季消费券。", 0, nil},
		// … but a threshold said with 超 is a class of what follows; 数千 is vague; 四个体系 is structural
		{"培育超千亿元的产业集群，打造超万人企业，重大科技成果数千项，运用“四个体系”。", 0, nil},
	})
}

// TestRulesKindMetric covers the kind and metric of figures whose words are
// not next to them (corpus sentences, non-held-out documents).
func TestRulesKindMetric(t *testing.T) {
	checkRuleCases(t, []ruleCase{
		// 分别 pairs the numbers with a list of subjects item by item when the list mixes a rate and a rise (gold8 033) …
		{"城镇调查失业率、居民消费价格涨幅分别控制在5%和3%以内。", 0, []ruleWant{
			{"actual", "level", 5, "%", "exact", ""}, {"actual", "growth", 3, "%", "under", ""}}},
		// … a list of one kind is left as it is
		{"农村自来水普及率、规模化供水工程覆盖率分别达98%和92%。", 0, []ruleWant{
			{"actual", "level", 98, "%", "exact", ""}, {"actual", "level", 92, "%", "exact", ""}}},
		// a rate after 按 with a verb of raising after it is a change (gold8 039); 按3%安排 is a level
		{"城乡低保分别按3%、7%稳步提标，赤字率拟按3%安排。", 0, []ruleWant{
			{"actual", "growth", 3, "%", "exact", ""}, {"actual", "growth", 7, "%", "exact", ""}, {"target", "level", 3, "%", "exact", ""}}},
		// 巩固提升 counts an area worked on, as 改造提升 (gold8 033)
		{"南北山绿化工程累计完成营造林、播种造林、巩固提升近70万亩。", 0, []ruleWant{{"actual", "level", 7e5, "亩", "about", ""}}},
		// 预计 governs the figures after it (gold8 019); the count naming the group they are about is no fact (testdata/DECISIONS.md (k))
		{"大力推进新型工业化，18个省级特色专业镇营业收入预计分别增长15.6%、14%。", 0, []ruleWant{
			{"estimate", "growth", 15.6, "%", "exact", ""}, {"estimate", "growth", 14, "%", "exact", ""}}},
	})
}

// TestRulesIndex covers the bare value of an index (corpus sentences,
// non-held-out documents).
func TestRulesIndex(t *testing.T) {
	checkRuleCases(t, []ruleCase{
		// an index has no unit: its value is kept with unit "" (gold8 019), also both ends of a from–to
		{"新创建智能工厂30户，两化融合指数达到92。", 0, []ruleWant{
			{"actual", "level", 30, "户", "exact", ""}, {"actual", "level", 92, "", "exact", ""}}},
		{"中心城区高峰时段道路交通指数从6.32下降至6.08。", 0, []ruleWant{
			{"actual", "level", 6.32, "", "exact", ""}, {"actual", "level", 6.08, "", "exact", ""}}},
		// … but a bare number not set as an index's level is still no fact
		{"营商环境指数位列全国第5，实施2025行动。", 0, nil},
	})
}

// TestRulesPeriod covers the periods of figures whose sentence names a year
// that is not theirs (corpus sentences, non-held-out documents).
func TestRulesPeriod(t *testing.T) {
	checkRuleCases(t, []ruleCase{
		// the starting value of a from–to change has no period; one with its own year keeps it (gold6, gold8 DECISIONS)
		{"公路通车里程由1997年的123万公里增加到2002年的176万公里，其中高速公路由4771公里增加到2.52万公里。", 2003, []ruleWant{
			{"actual", "level", 1.23e6, "公里", "exact", "1997"}, {"actual", "level", 1.76e6, "公里", "exact", "2002"},
			{"actual", "level", 4771, "公里", "exact", ""}, {"actual", "level", 25200, "公里", "exact", "2002"}}},
		// … also with nothing or a few ideographs between its year and it (gold10 056, gold9 051)
		{"城镇居民人均可支配收入由2002年7703元增加到2007年13786元，企业退休人员基本养老金从2004年人均每月700元提高到1200元。", 2008, []ruleWant{
			{"actual", "level", 7703, "元", "exact", "2002"}, {"actual", "level", 13786, "元", "exact", "2007"},
			{"actual", "level", 700, "元", "exact", "2004"}, {"actual", "level", 1200, "元", "exact", "2007"}}},
		{"1998年，国务院组成部门由40个减少到29个。", 2003, []ruleWant{
			{"actual", "level", 40, "个", "exact", ""}, {"actual", "level", 29, "个", "exact", "1998"}}},
		// a count of years opening a sentence or its part makes the figures after it totals over them (gold8 061 ×12, own_066)
		{"全国财政收入从1997年的8651亿元增加到2002年的18914亿元。五年全社会固定资产投资累计完成17.2万亿元。", 2003, []ruleWant{
			{"actual", "level", 8.651e11, "元", "exact", "1997"}, {"actual", "level", 1.8914e12, "元", "exact", "2002"},
			{"actual", "level", 1.72e13, "元", "exact", ""}}},
		// a year other figures are measured against dates none of them: 是1997年的, 1985年以来, 2010年不变价; a span of years is several
		{"2002年高等学校在校生1600万人，是1997年的2.3倍。", 2003, []ruleWant{
			{"actual", "level", 1.6e7, "人", "exact", "2002"}, {"actual", "level", 2.3, "倍", "exact", "2002"}}},
		{"2011年，农村居民人均纯收入实际增速为1985年以来最高；全年人均增加1680元，5700多万人受益。", 2012, []ruleWant{
			{"actual", "growth", 1680, "元", "exact", "2011"}, {"actual", "level", 5.7e7, "人", "over", "2011"}}},
		{"五年全国环境保护和生态建设投入5800亿元，是1950年到1997年投入总和的1.7倍。", 2003, []ruleWant{
			{"actual", "level", 5.8e11, "元", "exact", ""}, {"actual", "level", 1.7, "倍", "exact", ""}}},
		// the country's population is a state: an actual, and in a review of several years the year they end with (gold6 042, 055; gold8 046)
		{"2018年政府工作报告\n一、过去五年工作回顾\n五年来，经济实力跃上新台阶。城镇新增就业6600万人以上，13亿多人口的大国实现了比较充分就业。", 2018, []ruleWant{
			{"actual", "level", 6.6e7, "人", "over", ""}, {"actual", "level", 1.3e9, "人口", "over", "2017"}}},
		{"在我们这样一个13亿人口的发展中国家，要扩大城乡就业，就必须保持一定的经济增长速度。", 0, []ruleWant{
			{"actual", "level", 1.3e9, "人口", "exact", ""}}},
		// a change from a base two or more years back has no period, also when the year comes from the paragraph (gold8 052)
		{"2007年，全国财政收入达到5.1万亿元。全国社会保障基金积累4140亿元，比2002年增加2898亿元。", 2008, []ruleWant{
			{"actual", "level", 5.1e12, "元", "exact", "2007"}, {"actual", "level", 4.14e11, "元", "exact", "2007"},
			{"actual", "growth", 2.898e11, "元", "exact", ""}}},
		// a share is a state, also of a total: 累计 does not make it a total over years (gold8 039, gold6 055)
		{"2025年政府工作报告\n一、2024年工作回顾\n能源结构持续优化，新能源和可再生能源累计建成装机占电力总装机57.6%，累计建成高标准农田1.2亿亩。", 2025, []ruleWant{
			{"actual", "share", 57.6, "%", "exact", "2024"}, {"actual", "level", 1.2e8, "亩", "exact", ""}}},
		// … also opening a clause after ，— but a figure reached at the end or said of now keeps the year (gold9 051, gold10 070)
		{"2012年，城镇化水平提高。积极稳妥推进城镇化，五年转移农村人口8463万人，城镇化率由45.9%提高到52.6%。", 2013, []ruleWant{
			{"actual", "level", 8.463e7, "人", "exact", ""}, {"actual", "level", 45.9, "%", "exact", ""}, {"actual", "level", 52.6, "%", "exact", "2012"}}},
		{"1997年铁路营运里程达到65969公里；五年建成新线5944公里，复线4603公里。五年级学生300万人。", 2003, []ruleWant{
			{"actual", "level", 65969, "公里", "exact", "1997"}, {"actual", "level", 5944, "公里", "exact", ""},
			{"actual", "level", 4603, "公里", "exact", ""}, {"actual", "level", 3e6, "人", "exact", "1997"}}},
	})
}
