package i18n

import "testing"

func TestWhy(t *testing.T) {
	for _, c := range []struct{ lang, kind, pw, pc, kw, kc, want string }{
		{"en", "target", "heading", "二、2025年主要任务", "list", "主要预期目标是",
			`period from heading "二、2025年主要任务"; target: list opened by "主要预期目标是"`},
		{"zh", "actual", "review", "一、工作回顾", "sentence", "预计", "时期：工作报告的回顾部分，即报告的上一年；实绩据本句“预计”"},
		{"zh", "actual", "none", "", "none", "", "无时期：文中未说明；实绩：默认"},
		{"en", "actual", "opening", "", "opening", "",
			"period: the review opening a work report (before any heading), the year before the report; actual: the review opening a work report, before any heading"},
	} {
		if got := Why(c.lang, c.kind, c.pw, c.pc, c.kw, c.kc); got != c.want {
			t.Errorf("Why(%s …) = %q, want %q", c.lang, got, c.want)
		}
	}
}
