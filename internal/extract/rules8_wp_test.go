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
	})
}
