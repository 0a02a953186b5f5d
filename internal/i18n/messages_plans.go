package i18n

// Messages of the plan switcher, indicators owed from a date, and accepting ingested facts.
func init() {
	add(map[string][2]string{
		"plan.switch":    {"切换计划（年度）", "Switch plan (year)"},
		"plan.switch.go": {"切换", "Switch"},
	})
}
