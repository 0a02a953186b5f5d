package i18n

import (
	"fmt"
	"strings"
)

// Messages of the plan switcher and of accepting ingested facts.
func init() {
	add(map[string][2]string{
		"plan.switch":    {"切换计划（年度）", "Switch plan (year)"},
		"plan.switch.go": {"切换", "Switch"},

		"ingest.err.title":       {"未采纳", "Not accepted"},
		"ingest.err.needs":       {"请选择%s", "Choose the %s"},
		"ingest.err.already":     {"此数据已采纳为“%s”的%s，未重复采纳", "this fact was already accepted as %[2]s of “%[1]s”; it was not accepted again"},
		"ingest.err.same.name":   {"本计划已有同名指标“%s”", "the plan already has an indicator named “%s”"},
		"ingest.err.same.code":   {"本计划已有编码相同的指标“%s”", "the plan already has an indicator with that code: “%s”"},
		"ingest.field.program":   {"所属工程/计划", "program"},
		"ingest.field.dept":      {"责任单位", "owner department"},
		"ingest.field.indicator": {"已有指标", "existing indicator"},
		"ingest.went.indicator":  {"目标值（新建指标）", "the target (a new indicator)"},
		"ingest.went.target":     {"目标值", "the target"},
		"ingest.went.baseline":   {"基数", "the baseline"},
		"ingest.went.report":     {"报送数据", "a report"},
		"ingest.as.target":       {"已有指标的目标值", "the target of an indicator"},
		"ingest.choose":          {"— 请选择 —", "— choose —"},
		"ingest.accepted":        {"已采纳", "Accepted"},
		"ingest.accepted.as":     {"已采纳为“%s”的%s", "Accepted as %[2]s of “%[1]s”"},
		"ingest.same.offer":      {"可改为：", "Instead:"},
		"ingest.same.target":     {"作为该指标的目标值", "add as this indicator's target"},
		"ingest.same.baseline":   {"作为该指标的基数", "add as this indicator's baseline"},
		"ingest.same.anyway":     {"仍新建指标", "create a new indicator anyway"},
		"ingest.same.open":       {"查看该指标", "open that indicator"},
	})
}

// AcceptNeeds is "choose the program and owner department" in lang.
func AcceptNeeds(lang string, fields []string) string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = T(lang, "ingest.field."+f)
	}
	sep := "、"
	if lang == "en" {
		sep = " and the "
	}
	return fmt.Sprintf(T(lang, "ingest.err.needs"), strings.Join(names, sep))
}

// AcceptAlready says where an accepted fact went.
func AcceptAlready(lang, as, indicator string) string {
	return fmt.Sprintf(T(lang, "ingest.err.already"), indicator, T(lang, "ingest.went."+as))
}

// AcceptedAs is the note beside a fact accepted before.
func AcceptedAs(lang, as, indicator string) string {
	return fmt.Sprintf(T(lang, "ingest.accepted.as"), indicator, T(lang, "ingest.went."+as))
}

// AcceptSame warns of an indicator of the same name or code.
func AcceptSame(lang, by, indicator string) string {
	return fmt.Sprintf(T(lang, "ingest.err.same."+by), indicator)
}
