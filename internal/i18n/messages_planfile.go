package i18n

import (
	"fmt"
	"strings"
)

// A plan file's problems (package plan's validation and package planfile's reading) in
// the reader's language. Each problem carries its English format as its code with its
// values (plan.FieldError.Format, Args); planfileZh gives each format in Chinese, with the
// same verbs in the same order.
var planfileZh = map[string]string{
	"%d is past the end of document %q (%d characters)":                             "%d 超出了文档 %q 的末尾（共 %d 字）",
	"%q is not a code: use lowercase letters, digits, '-', '_' or '.' (at most 64)": "%q 不能作代码：只能用小写字母、数字和 - _ .（至多 64 个字符）",
	"%q is not a date (YYYY-MM-DD)":                                                 "%q 不是日期：请写作 年-月-日，如 2022-06-30",
	"%q is not a department of this plan":                                           "%q 不是本规划的部门：请先在 departments 中列出",
	"%q is not a document of this plan":                                             "%q 不是本规划的文档：请先在 documents 中列出",
	"%q is not a period (2021, 2021Q4 or 2021-12)":                                  "%q 不是期间：请写作 2021、2021Q4 或 2021-12",
	"%q is not a period (2022, 2022Q2 or 2022-06)":                                  "%q 不是期间：请写作 2022、2022Q2 或 2022-06",
	"%q is not a project of this plan":                                              "%q 不是本规划的重点项目：请先在 projects 中列出",
	"%q is not cumulative, periodic or stock":                                       "%q 不是累计方式：请写 cumulative（累计）、periodic（当期）或 stock（存量）",
	"%q is not higher or lower":                                                     "%q 不是方向：请写 higher（越高越好）或 lower（越低越好）",
	"%q is not monthly, quarterly or yearly":                                        "%q 不是报送频次：请写 monthly、quarterly 或 yearly",
	"%q is not one of exact, about, at_least, at_most":                              "%q 不是目标限定：请写 exact、about（左右）、at_least（以上）或 at_most（以下）",
	"%q is not one of exact, about, over, at_least, at_most":                        "%q 不是限定：请写 exact、about（左右）、over（超）、at_least（以上）或 at_most（以下）",
	"%q is not one of level, growth, share, milestone":                              "%q 不是指标类型：请写 level（总量）、growth（增速）、share（占比）或 milestone（节点）",
	"%q is used twice (first at %s)":                                                "%q 重复使用（首次在 %s）：代码须唯一",
	"%q is used twice":                                                              "%q 重复使用：代码须唯一",
	"%s is before the start %s":                                                     "%s 早于开始日期 %s",
	"%s is below the target %s":                                                     "%s 小于目标值 %s",
	"%s is not a share between 0 and 1":                                             "%s 不是 0 到 1 之间的比例",
	"%s is outside the plan year %d":                                                "%s 不在规划年度 %d 内",
	"%s is above on_track %s":                                                       "%s 高于 on_track 的 %s：预警线须不高于正常线",
	"%d is not a day of the month (1–28)":                                           "%d 不是每月的日子：请写 1 到 28",
	"%d is out of range (0–366)":                                                    "%d 超出范围：请写 0 到 366",
	"%d is not a plan year (2000–2100)":                                             "%d 不是规划年度：请写 2000 到 2100 之间的年份",
	"%q is not %q":                                                                  "%q 不是 %q：文件第一行应写 format: lantu-plan/1",
	"a growth target needs a baseline: at least the period it grows over":           "增速目标须有基数：至少写明基数的期间（baseline.period）",
	"a milestone has a date, not a target value":                                    "节点类指标以完成日期（due）为目标，不写目标值",
	"a milestone needs a date (YYYY-MM-DD)":                                         "节点类指标须写完成日期（due，年-月-日）",
	"a range needs its low end in target":                                           "区间目标须在 target 中写下限",
	"a share of %s%% is outside 0–100%%":                                            "占比 %s%% 不在 0–100%% 之间",
	"a plan needs at least one zone":                                                "规划至少要有一个示范区（zones）",
	"is missing (e.g. 亿元 is written as unit 元 with the magnitude in the value)":     "缺少单位（如 亿元 写作单位 元，数量级写在数值中）",
	"is missing (level, growth, share or milestone)":                                "缺少指标类型（level、growth、share 或 milestone）",
	"is missing (the year the target is measured over, e.g. %d)":                    "缺少期间（目标所属的年度，如 %d）",
	"is missing":                      "缺少此项",
	"only a milestone has a due date": "只有节点类指标有完成日期（due）：请删去，或把 kind 改为 milestone",
	"over (超) describes an actual figure; a target uses at_least": "over（超）用于实际数；目标请用 at_least（以上）",
	"span %d–%d is empty or negative":                             "出处区间 %d–%d 为空或为负",
	"give file or text, not both":                                 "file 与 text 只能写一个",
	"documents by file are not read here; put the text inline":    "网页导入不读取外部文件：请把文档全文写在 text 中",
}

// PlanFileMessage is a plan file problem's sentence: format is its code (English), args
// its values; fallback (the domain's message) when the format has no sentence here.
func PlanFileMessage(lang, format string, args []any, fallback string) string {
	if format == "" {
		return fallback
	}
	if lang == "en" {
		return fmt.Sprintf(format, args...)
	}
	zh, ok := planfileZh[format]
	if !ok {
		return fallback
	}
	return fmt.Sprintf(zh, args...)
}

// PlanFileFormats are the formats with a Chinese sentence (for the catalogue's test).
func PlanFileFormats() map[string]string { return planfileZh }

// PlanFileSyntax is a plan file that does not read as one (planfile.SyntaxError's code,
// line and value) in the language.
func PlanFileSyntax(lang, code string, line int, value string) string {
	msg := T(lang, "planfile.syntax."+code)
	if strings.Contains(msg, "%s") {
		msg = fmt.Sprintf(msg, value)
	}
	if line > 0 {
		msg = fmt.Sprintf(T(lang, "planedit.import.line"), line) + " · " + msg
	}
	return msg
}

func init() {
	add(map[string][2]string{
		"planfile.syntax.yaml":   {"不是有效的 YAML：请检查该行的缩进、冒号和引号。", "not valid YAML: check the line's indentation, colons and quotes."},
		"planfile.syntax.empty":  {"文件为空：请上传导出的规划文件（format: lantu-plan/1）。", "the file is empty: upload a plan file (format: lantu-plan/1)."},
		"planfile.syntax.field":  {"“%s”不是规划文件的字段：请检查拼写和缩进（可先导出一份规划文件作参照）。", "“%s” is not a field of a plan file: check its spelling and indentation (export a plan file to compare)."},
		"planfile.syntax.number": {"“%s”不是数字：请写全数，如 3亿 写作 300000000。", "“%s” is not a number: write the full number, e.g. 300000000."},
		"planfile.syntax.type":   {"该值的类型不对（例如应为列表或数字处写了文字）：请对照导出的规划文件。", "a value of the wrong type (e.g. text where a list or a number belongs): compare with an exported plan file."},
	})
}
