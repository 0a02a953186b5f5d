package extract

import "testing"

// TestRulesReviewFix covers the review findings of session 7 (rfix): each row
// is a sentence the reviewer gave, with the expected output by the GUIDELINE
// and testdata/DECISIONS.md.
func TestRulesReviewFix(t *testing.T) {
	checkRuleCases(t, []ruleCase{
		// 1: a count of years that names a programme, a system or a bound (九年义务教育, 三年行动, 九年一贯制, 三年以上)
		// does not make the figures after it totals over years, opening a clause as inside one (yearsInClause's exceptions)
		{"一年来，全省经济稳中有进。新增公办义务教育学位11.4万个，九年义务教育巩固率99.6%，普通高中录取率近70%。", 2025, []ruleWant{
			{"actual", "level", 1.14e5, "个", "exact", "2025"}, {"actual", "level", 99.6, "%", "exact", "2025"}, {"actual", "level", 70, "%", "about", "2025"}}},
		{"一年来，城市更新扎实推进，三年行动新建管网2000公里，改造小区300个。", 2025, []ruleWant{
			{"actual", "level", 2000, "公里", "exact", "2025"}, {"actual", "level", 300, "个", "exact", "2025"}}},
		{"一年来，教育事业稳步发展，九年一贯制学校新增12所，高中录取率达到70%。", 2025, []ruleWant{
			{"actual", "level", 12, "所", "exact", "2025"}, {"actual", "level", 70, "%", "exact", "2025"}}},
		{"一年来，民生保障有力，三年以上的欠薪案件清零，新增就业50万人。", 2025, []ruleWant{
			{"actual", "level", 5e5, "人", "exact", "2025"}}},
	})
}
