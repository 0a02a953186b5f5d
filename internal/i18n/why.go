package i18n

import (
	"fmt"
	"strings"
)

func init() {
	add(map[string][2]string{
		"why.period.sentence":   {"时期据本句“%s”", `period from "%s" in its sentence`},
		"why.period.paragraph":  {"时期据本段前文“%s”", `period from "%s" earlier in the paragraph`},
		"why.period.list":       {"时期据列表“%s”", `period from the list "%s"`},
		"why.period.heading":    {"时期据标题“%s”", `period from heading "%s"`},
		"why.period.review":     {"时期：工作报告的回顾部分，即报告的上一年", "period: the review part of a work report, the year before the report"},
		"why.period.tasks":      {"时期：工作报告的目标任务，即报告当年", "period: the targets and tasks of a work report, the report's year"},
		"why.period.multi_year": {"无时期：多年合计（“%s”）", `no period: several years ("%s")`},
		"why.period.period_end": {"时期：多年回顾中期末达到的水平，取其末年（“%s”）", `period: a level reached at the end of several years reviewed ("%s"), their last year`},
		"why.period.document":   {"时期据前文“%s”", `period from "%s" earlier in the document`},
		"why.period.published":  {"时期：新闻所述现状，即发布年份", "period: a present-tense statement in news, the publication year"},
		"why.period.none":       {"无时期：文中未说明", "no period: the text does not say"},
		"why.kind.sentence":     {"%s据本句“%s”", `%s from "%s" in its sentence`},
		"why.kind.paragraph":    {"%s据本段前文“%s”", `%s from "%s" earlier in the paragraph`},
		"why.kind.list":         {"%s：列表由“%s”开启", `%s: list opened by "%s"`},
		"why.kind.heading":      {"%s据标题“%s”", `%s from heading "%s"`},
		"why.kind.review":       {"%s：工作报告的回顾部分", "%s: the review part of a work report"},
		"why.kind.tasks":        {"%s：工作报告的目标任务部分", "%s: the targets and tasks of a work report"},
		"why.kind.none":         {"%s：默认", "%s: by default"},

		"why.period.opening": {"时期：工作报告开头（首个标题前）的回顾，即报告的上一年", "period: the review opening a work report (before any heading), the year before the report"},
		"why.kind.opening":   {"%s：工作报告开头（首个标题前）的回顾", "%s: the review opening a work report, before any heading"},
	})
}

// Why explains a fact's period and kind from the codes and cues the extractor gives
// (extract.Why): `period from heading "二、2025年主要任务"; target: list opened by "主要预期目标是"`.
func Why(lang, kind, periodWhy, periodCue, kindWhy, kindCue string) string {
	var parts []string
	if m, ok := messages["why.period."+periodWhy]; ok {
		parts = append(parts, fill(pick(lang, m), periodCue))
	}
	if m, ok := messages["why.kind."+kindWhy]; ok {
		k := T(lang, "kind."+kind)
		if lang == "en" {
			k = strings.ToLower(k)
		}
		parts = append(parts, fill(pick(lang, m), k, kindCue))
	}
	sep := "；"
	if lang == "en" {
		sep = "; "
	}
	return strings.Join(parts, sep)
}

func pick(lang string, m [2]string) string {
	if lang == "en" {
		return m[1]
	}
	return m[0]
}

// fill puts as many of args into f as it has verbs.
func fill(f string, args ...string) string {
	n := strings.Count(f, "%s")
	if n == 0 {
		return f
	}
	a := make([]any, 0, n)
	for _, s := range args[:min(n, len(args))] {
		a = append(a, s)
	}
	return fmt.Sprintf(f, a...)
}
