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
	})
}
