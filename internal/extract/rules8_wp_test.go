package extract

import "testing"

// TestRules8WP covers the period classes of /work/classes/CLASSES-s8.md
// (C15–C17) and gold15's period errors (corpus sentences, non-held-out
// documents, or constructed where said).
func TestRules8WP(t *testing.T) {
	checkRuleCases(t, []ruleCase{
		// C16: years enumerated as the span of a plan (2024年、2025年、“十五五”期间…清单) date no figure, neither
		// their sentence's nor the rest of the paragraph's: the heading's year stands (gold11 034)
		{"一、2024年工作回顾\n系统谋划“两重”项目建设。制定2024年、2025年、“十五五”期间实施重大项目“三张清单”，争取中央预算内投资等项目建设资金增长61%。高速公路总里程突破9000公里。", 2025, []ruleWant{
			{"actual", "growth", 61, "%", "exact", "2024"}, {"actual", "level", 9000, "公里", "over", "2024"}}},
		// … also joined by 和 (constructed after 002 开展2019年和2020年的GEP核算)
		{"一、2024年工作回顾\n开展2023年和2024年的生态产品总值核算，新增就业10万人。", 2025, []ruleWant{
			{"actual", "level", 1e5, "人", "exact", "2024"}}},
		// … but not years given one by one to the figures (分别): the sentence's year, as before (constructed)
		{"一、2024年工作回顾\n全省粮食产量2022年、2023年分别增长5.1%、6.2%。", 2025, []ruleWant{
			{"actual", "growth", 5.1, "%", "exact", "2023"}, {"actual", "growth", 6.2, "%", "exact", "2023"}}},
		// (a single year still sets the paragraph's year)
		{"一、2024年工作回顾\n制定2025年重大项目清单。高速公路总里程突破9000公里。", 2025, []ruleWant{
			{"actual", "level", 9000, "公里", "over", "2025"}}},
		// C15: a work report's review heading naming a five-year plan's period (一、“十一五”时期…的回顾) reviews its
		// five years: flows and changes over them no year, levels reached (覆盖, a fund's 积累) the last year (gold11 053)
		{"各位代表：\n一、“十一五”时期国民经济和社会发展的回顾\n　　城镇新增就业5771万人，转移农业劳动力4500万人。全国社会保障基金积累7810亿元，比五年前增加5800多亿元。新型农村社会养老保险试点覆盖24%的县。", 2011, []ruleWant{
			{"actual", "level", 5.771e7, "人", "exact", ""}, {"actual", "level", 4.5e7, "人", "exact", ""},
			{"actual", "level", 7.81e11, "元", "exact", "2010"}, {"actual", "growth", 5.8e11, "元", "over", ""},
			{"actual", "level", 24, "%", "exact", "2010"}}},
		// … the plan's tasks stay targets with no year, and a review of one year keeps it
		{"各位代表：\n二、“十二五”时期的主要目标和任务\n　　五年城镇新增就业4500万人，森林覆盖率达到21.66%。", 2011, []ruleWant{
			{"target", "level", 4.5e7, "人", "exact", ""}, {"target", "level", 21.66, "%", "exact", ""}}},
		{"各位代表：\n一、2010年工作回顾\n　　城镇新增就业1168万人。全国社会保障基金积累7810亿元。", 2011, []ruleWant{
			{"actual", "level", 1.168e7, "人", "exact", "2010"}, {"actual", "level", 7.81e11, "元", "exact", "2010"}}},
		// C17/C15: a change compared with several years before (较五年前, 是十年前的, 较3年前) is over those years, no
		// year (gold12 042, gold13 020, gold11 053); a year before or a figure beside it keeps the section's year
		{"各位代表：\n一、2024年工作回顾\n澳资企业超6600户、较3年前增长44%，市场主体总量超过1.6亿户、是十年前的3倍，比一年前增加2万户。", 2025, []ruleWant{
			{"actual", "level", 6600, "户", "over", "2024"}, {"actual", "growth", 44, "%", "exact", ""},
			{"actual", "level", 1.6e8, "户", "over", "2024"}, {"actual", "level", 3, "倍", "exact", ""},
			{"actual", "growth", 2e4, "户", "exact", "2024"}}},
		// … and in a review of the past year and five years (一、过去一年和五年工作回顾) it turns the section to the
		// five years, as 过去五年 does: flows no year, levels reached the last year (gold12 042, its excerpt)
		{"各位代表：\n一、过去一年和五年工作回顾\n全年增值税留抵退税超过2.4万亿元。\n普惠小微贷款余额从8.2万亿元增加到23.8万亿元，贷款平均利率较五年前下降1.5个百分点。\n新建高标准农田4.56亿亩。森林覆盖率达到24%。", 2023, []ruleWant{
			{"actual", "level", 2.4e12, "元", "over", "2022"},
			{"actual", "level", 8.2e12, "元", "exact", ""}, {"actual", "level", 2.38e13, "元", "exact", "2022"},
			{"actual", "growth", -1.5, "个百分点", "exact", ""},
			{"actual", "level", 4.56e8, "亩", "exact", ""}, {"actual", "level", 24, "%", "exact", "2022"}}},
		// gold15 020: a quarter with no year in a report's review takes the year reviewed, not the report's
		{"各位代表：\n一、2024年工作回顾\n促进房地产市场止跌回稳，四季度新建商品房网签销售面积环比、同比分别增长51.3%、15.3%。", 2025, []ruleWant{
			{"actual", "growth", 51.3, "%", "exact", "2024Q4"}, {"actual", "growth", 15.3, "%", "exact", "2024Q4"}}},
		// … in the tasks and in news the document's year, as before
		{"各位代表：\n二、2025年工作安排\n一季度力争地区生产总值增长5%。", 2025, []ruleWant{{"target", "growth", 5, "%", "exact", "2025Q1"}}},
		{"一季度全市地区生产总值增长5.2%。", 2025, []ruleWant{{"actual", "growth", 5.2, "%", "exact", "2025Q1"}}},
		// gold15 048: 届时 (then) opening a sentence takes the deadline named before it in the paragraph (到2020年)
		{"各位代表：\n二、“十三五”时期主要目标任务\n到2020年，全员劳动生产率从人均8.7万元提高到12万元以上。届时，我国经济总量超过90万亿元。", 2016, []ruleWant{
			{"actual", "level", 8.7e4, "元", "exact", ""}, {"target", "level", 1.2e5, "元", "at_least", "2020"},
			{"target", "level", 9e13, "元", "at_least", "2020"}}},
		// … with no deadline before it, nothing
		{"各位代表：\n二、“十三五”时期主要目标任务\n经济年均增长保持在6.5%以上。届时，我国经济总量超过90万亿元。", 2016, []ruleWant{
			{"target", "growth", 6.5, "%", "at_least", ""}, {"target", "level", 9e13, "元", "at_least", ""}}},
		// C12: 每生每年 (as 每人每年) is part of a per-capita amount, not a span of years (gold11 020)
		{"各位代表：\n二、2025年工作安排\n义务教育阶段特殊教育生均公用经费最低标准从每生每年6000元提高至7000元，惠及残疾学生超7.6万名。", 2025, []ruleWant{
			{"actual", "level", 6000, "元", "exact", ""}, {"target", "level", 7000, "元", "exact", "2025"},
			{"target", "level", 7.6e4, "名", "at_least", "2025"}}},
		// … while 每年 alone still speaks of every year (constructed)
		{"各位代表：\n二、2025年工作安排\n每年惠及残疾学生超7.6万名。", 2025, []ruleWant{{"target", "level", 7.6e4, "名", "at_least", ""}}},
		// gold15 020 (GQ8, testdata/DECISIONS.md (u)): in the tasks, a count right after 已建成/已开工 (no 的 between)
		// is of things made in earlier years, no period, as 已开工的57个 (gold13 DECISIONS 1)
		{"各位代表：\n二、2025年工作安排\n优化已建成超1.6万个户外劳动者“爱心驿站”的公益服务。", 2025, []ruleWant{
			{"actual", "level", 1.6e4, "个", "over", ""}}},
		// … in a review it keeps the year reviewed (028 “南繁硅谷”已建成20个种业科研平台)
		{"各位代表：\n一、2024年工作回顾\n“南繁硅谷”已建成20个种业科研平台。", 2025, []ruleWant{
			{"actual", "level", 20, "个", "exact", "2024"}}},
		// C17: 累计 before the verb is a total over the years, null, also when an earlier sentence of the paragraph named
		// the year (gold13 020, 028; gold12 DECISIONS: in-year 累计 totals null) …
		{"各位代表：\n一、2024年工作回顾\n去年，南沙开发建设全面展开。“全球服务商计划”累计引进201家企业，新增企业20家。", 2025, []ruleWant{
			{"actual", "level", 201, "家", "exact", ""}, {"actual", "level", 20, "家", "exact", "2024"}}},
		// … but not a share, a state also of a total (gold8 039, gold6 055)
		{"各位代表：\n一、2024年工作回顾\n去年，南沙开发建设全面展开。累计建成装机占电力总装机57.6%。", 2025, []ruleWant{
			{"actual", "share", 57.6, "%", "exact", "2024"}}},
	})
}
