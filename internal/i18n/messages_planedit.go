package i18n

import "fmt"

// The planning office's plan pages (web/planedit.go).
func init() {
	add(map[string][2]string{
		"nav.planedit":                   {"规划管理", "Plan"},
		"planedit.intro":                 {"在此新建、修改、移动和停用示范区、工程、重点项目、指标和部门。停用的条目保留其报送记录和审计记录，但不再出现在状态表、驾驶舱、工作清单和报表模板中。每项修改都写入审计日志。", "Create, edit, move and retire zones, programs, key projects, indicators and departments here. A retired item keeps its reports and audit entries but leaves the status board, cockpit, worklists and templates. Every change is in the audit log."},
		"planedit.export":                {"导出规划文件（YAML）", "Export the plan file (YAML)"},
		"planedit.import":                {"导入规划文件", "Import a plan file"},
		"planedit.import.note":           {"格式为 lantu-plan/1（与命令 lantu plan import 相同）。文件有任何错误则整体不导入，并逐条列出所在行和字段。来源文档须写在文件内（text）。", "Format lantu-plan/1 (as lantu plan import). A file with any error is refused whole, each problem listed with its line and field. Source documents must be inline (text)."},
		"planedit.import.file":           {"规划文件", "Plan file"},
		"planedit.import.do":             {"导入", "Import"},
		"planedit.import.refused":        {"文件未导入，数据库未作任何改动：", "The file was not imported; nothing was changed:"},
		"planedit.import.line":           {"第 %d 行", "line %d"},
		"planedit.import.nofile":         {"请选择要上传的规划文件。", "Choose a plan file to upload."},
		"planedit.import.toolarge":       {"文件过大（上限 8 MB）。", "The file is too large (8 MB at most)."},
		"planedit.done.imported":         {"规划已导入。", "The plan is imported."},
		"planedit.done.saved":            {"已保存。", "Saved."},
		"planedit.done.retired":          {"已停用；其历史记录仍保留。", "Retired; its history is kept."},
		"planedit.tree":                  {"规划结构", "The plan's structure"},
		"planedit.edit":                  {"修改", "Edit"},
		"planedit.save":                  {"保存", "Save"},
		"planedit.nodept":                {"未指定责任单位", "no owner"},
		"planedit.kind.zones":            {"示范区", "Zone"},
		"planedit.kind.programs":         {"工程", "Program"},
		"planedit.kind.projects":         {"重点项目", "Key project"},
		"planedit.kind.indicators":       {"指标", "Indicator"},
		"planedit.kind.departments":      {"部门", "Departments"},
		"planedit.new.zones":             {"新建示范区", "New zone"},
		"planedit.new.programs":          {"新建工程", "New program"},
		"planedit.new.projects":          {"新建重点项目", "New key project"},
		"planedit.new.indicators":        {"新建指标", "New indicator"},
		"planedit.new.departments":       {"新建部门", "New department"},
		"planedit.retired":               {"已停用", "Retired"},
		"planedit.retired.note":          {"停用的条目不再出现在各页面中；其报送和审计记录仍可查阅。", "Retired items leave the pages; their reports and audit entries can still be read."},
		"planedit.audit":                 {"审计记录", "audit entries"},
		"planedit.isretired":             {"该条目已停用，不能再修改。", "This item is retired and can no longer be edited."},
		"planedit.refused":               {"未保存：请按提示修改标出的字段。", "Not saved: correct the fields marked below."},
		"planedit.conflict":              {"未保存：在您打开表单之后，他人已修改此条目。下面是当前内容，请核对后重新修改。", "Not saved: someone changed this item after you opened the form. Its current values are below; check them and edit again."},
		"planedit.retire":                {"停用", "Retire"},
		"planedit.retire.note":           {"停用后该条目不再出现在状态表、驾驶舱、工作清单和报表模板中，其报送记录和审计记录保留。停用示范区或工程时，其下的指标一并退出。", "A retired item leaves the status board, cockpit, worklists and templates; its reports and audit entries stay. Retiring a zone or program takes its indicators out too."},
		"planedit.retire.confirm":        {"确定停用该条目吗？", "Retire this item?"},
		"planedit.f.zone":                {"所属示范区", "Zone"},
		"planedit.f.program":             {"所属工程", "Program"},
		"planedit.f.name":                {"名称", "Name"},
		"planedit.f.code":                {"代码", "Code"},
		"planedit.f.code.hint":           {"小写字母、数字、- _ .，在本规划内唯一", "lower-case letters, digits, - _ . ; unique in the plan"},
		"planedit.f.department":          {"责任单位", "Owner department"},
		"planedit.f.unit":                {"单位", "Unit"},
		"planedit.f.qualifier":           {"目标限定", "Qualifier"},
		"planedit.f.target":              {"目标值", "Target"},
		"planedit.f.target.hint":         {"写全数，如 3亿 写作 300000000；留空则不设目标", "the full number, e.g. 300000000; empty: no target"},
		"planedit.f.frequency":           {"报送频次", "Frequency"},
		"planedit.f.accumulation":        {"累计方式", "Accumulation"},
		"planedit.f.public":              {"向公众公开", "Public"},
		"planedit.f.owed_from":           {"起报日期", "Owed from"},
		"planedit.f.owed_from.hint":      {"自该日期所在期次起须报送，此前期次不算逾期；留空为规划年初。年中新增的指标自动取新增当天。", "Reports are owed from the period this date lies in; earlier periods are never overdue. Empty: the plan year's start. An indicator added during the year takes the day it was added."},
		"planedit.f.start":               {"开工日期", "Start"},
		"planedit.f.end":                 {"完工日期", "End"},
		"planedit.f.description":         {"说明", "Description"},
		"planedit.freq.monthly":          {"按月", "monthly"},
		"planedit.freq.quarterly":        {"按季", "quarterly"},
		"planedit.freq.yearly":           {"按年", "yearly"},
		"planedit.acc.cumulative":        {"累计值（年初至今）", "cumulative (year to date)"},
		"planedit.acc.periodic":          {"当期值（逐期相加）", "periodic (summed)"},
		"planedit.acc.stock":             {"存量（取最新）", "stock (latest level)"},
		"planedit.err.required":          {"必填。", "Required."},
		"planedit.err.too_long":          {"不能超过 %d 个字。", "At most %d characters."},
		"planedit.err.code_format":       {"代码只能用小写字母、数字和 - _ .，且以字母或数字开头（至多 64 个字符）。", "Use lower-case letters, digits, - _ . only, starting with a letter or digit (at most 64)."},
		"planedit.err.code_taken":        {"代码“%s”已被使用（含已停用的条目），请换一个。", "The code “%s” is taken (retired items count); choose another."},
		"planedit.err.no_parent":         {"请选择本规划中仍在使用的一项。", "Choose one that is in this plan and not retired."},
		"planedit.err.no_department":     {"部门“%s”不存在或已停用。", "Department “%s” does not exist or is retired."},
		"planedit.err.date_format":       {"请填写日期（年-月-日）。", "Give a date (YYYY-MM-DD)."},
		"planedit.err.end_before_start":  {"完工日期早于开工日期。", "The end is before the start."},
		"planedit.err.number":            {"请填写数字，如 300 或 25.8（不带单位和逗号）。", "Give a number such as 300 or 25.8 (no unit, no commas)."},
		"planedit.err.range_low":         {"区间目标须先填写下限（目标值）。", "A range needs its low end in Target."},
		"planedit.err.below_target":      {"上限小于目标值。", "The upper end is below the target."},
		"planedit.err.milestone_target":  {"节点类指标以完成日期为目标，不填目标值。", "A milestone has a date, not a target value."},
		"planedit.err.share_range":       {"占比须在 0 到 100 之间。", "A share is between 0 and 100."},
		"planedit.err.choose":            {"请从列表中选择一项。", "Choose one from the list."},
		"planedit.err.department_in_use": {"该部门仍负责 %d 项指标或项目，请先把它们移交其他部门。", "The department still owns %d indicators or projects; give them to another department first."},
	})
}

// PlanEditError is a refused field of a plan edit, from its code and arguments.
func PlanEditError(lang, code string, args ...any) string {
	msg := T(lang, "planedit.err."+code)
	if len(args) > 0 {
		msg = fmt.Sprintf(msg, args...)
	}
	return msg
}
