package i18n

import (
	"fmt"
	"strings"
)

// The refusals of an Excel or CSV upload, from the codes and values internal/xlsx and
// the import service return: a whole file that is not a reporting form
// (WorkbookFile), and each bad cell named by its row, column and field (WorkbookCell).

// WorkbookFile says why a file is not a reporting form at all.
func WorkbookFile(lang, code string, args ...any) string {
	m, ok := messages["xlsx.file."+code]
	if !ok {
		return T(lang, "xlsx.file.unreadable")
	}
	return fmt.Sprintf(pick(lang, m), args...)
}

// WorkbookField is a form column's name in the language (field is its English name:
// value, period, id …, or an investment import's field); another is shown as it is.
func WorkbookField(lang, field string) string {
	if m, ok := messages["xlsx.field."+field]; ok {
		return pick(lang, m)
	}
	if m, ok := messages["invest."+field]; ok { // a column of an investment import
		return pick(lang, m)
	}
	return field
}

// WorkbookSheet is a sheet's name as the reader sees it: the form's sheet (填报) is
// "Form" in English; a CSV is CSV; other sheets keep their own names.
func WorkbookSheet(lang, sheet string) string {
	if sheet == "填报" {
		return T(lang, "xlsx.sheet.form")
	}
	return sheet
}

// WorkbookReason is why a cell was refused: the code's sentence with its values, a
// report rule's ("valid.<code>", as ValidationText says it), or reason, the
// importer's own words, when there is no code.
func WorkbookReason(lang, code string, args []any, reason string) string {
	if code == "" {
		return reason
	}
	if rule, ok := strings.CutPrefix(code, "valid."); ok {
		return ValidationText(lang, rule, args, T(lang, "error.invalid"))
	}
	m, ok := messages["xlsx.err."+code]
	if !ok {
		return T(lang, "error.invalid")
	}
	out := append([]any(nil), args...)
	switch code {
	case "not_for_kind":
		if k, ok := first(out); ok {
			out[0] = T(lang, "kind."+k)
		}
	case "already_filed", "transition":
		for i, a := range out {
			if st, ok := a.(string); ok {
				out[i] = T(lang, "prog.state."+st)
			}
		}
	}
	return fmt.Sprintf(pick(lang, m), out...)
}

// WorkbookCell is one bad cell in a line: where (row, column, field), what was found
// and why, e.g. `第 7 行 H 列（本期数值）“abc”：不是数字……` or
// `row 7, column H (value) "abc": not a number …`.
func WorkbookCell(lang, sheet string, row int, column, field, value, code string, args []any, reason string) string {
	var b strings.Builder
	if sheet == "CSV" {
		b.WriteString("CSV ")
	}
	if column != "" {
		fmt.Fprintf(&b, T(lang, "xlsx.cell"), row, column)
	} else {
		fmt.Fprintf(&b, T(lang, "xlsx.row"), row)
	}
	if field != "" {
		fmt.Fprintf(&b, T(lang, "xlsx.cell.field"), WorkbookField(lang, field))
	}
	if value != "" {
		fmt.Fprintf(&b, T(lang, "xlsx.cell.value"), value)
	}
	b.WriteString(T(lang, "xlsx.cell.sep"))
	b.WriteString(WorkbookReason(lang, code, args, reason))
	return b.String()
}

func first(args []any) (string, bool) {
	if len(args) == 0 {
		return "", false
	}
	s, ok := args[0].(string)
	return s, ok
}

func init() {
	add(map[string][2]string{
		"error.notform":         {"文件不是可导入的填报表", "The file is not a reporting form that can be imported"},
		"xlsx.sheet.form":       {"填报", "Form"},
		"xlsx.cell":             {"第 %d 行 %s 列", "row %d, column %s"},
		"xlsx.row":              {"第 %d 行", "row %d"},
		"xlsx.cell.field":       {"（%s）", " (%s)"},
		"xlsx.cell.value":       {"“%s”", ` "%s"`},
		"xlsx.cell.sep":         {"：", ": "},
		"xlsx.count":            {"共 %d 处", "%d in all"},
		"xlsx.field.id":         {"指标编号", "id"},
		"xlsx.field.code":       {"指标代码", "code"},
		"xlsx.field.name":       {"指标名称", "name"},
		"xlsx.field.unit":       {"单位", "unit"},
		"xlsx.field.target":     {"目标", "target"},
		"xlsx.field.last":       {"上期数值", "last"},
		"xlsx.field.period":     {"报告期", "period"},
		"xlsx.field.value":      {"本期数值", "value"},
		"xlsx.field.cumulative": {"是否累计", "cumulative"},
		"xlsx.field.last_year":  {"上年同期", "last_year"},
		"xlsx.field.amount":     {"本期累计额", "amount"},
		"xlsx.field.done":       {"是否完成", "done"},
		"xlsx.field.note":       {"备注", "note"},
		"xlsx.field.cause":      {"原因说明", "cause"},
		"xlsx.field.remedy":     {"整改措施", "remedy"},

		"xlsx.file.old_xls":        {"这是旧版 .xls 或加密的文件：请在 Excel 中另存为 .xlsx 后上传。", "This is an old .xls or an encrypted file: save it as .xlsx in Excel and upload that."},
		"xlsx.file.not_xlsx":       {"文件不是 Excel 工作簿：如果是 CSV，请以 .csv 为扩展名上传。", "The file is not an Excel workbook: if it is a CSV, upload it with a .csv name."},
		"xlsx.file.damaged":        {"文件已损坏，无法打开：请重新下载模板填写。", "The file is damaged and cannot be opened: download the template again and fill it in."},
		"xlsx.file.unreadable":     {"无法读取该文件：请确认是从系统下载的模板，另存后重新上传。", "The file cannot be read: check it is a template downloaded from lantu, save it again and upload it."},
		"xlsx.file.no_sheet":       {"工作簿中没有工作表。", "The workbook has no sheet."},
		"xlsx.file.no_form_sheet":  {"工作簿缺少“填报”表：请使用系统下载的模板。", "The workbook has no form sheet: use a template downloaded from lantu."},
		"xlsx.file.row_unreadable": {"第 %d 行无法读取：请检查后另存再上传。", "Row %d cannot be read: check it, save the file again and upload it."},
		"xlsx.file.too_many_rows":  {"超过 %d 行：请分成几个文件上传。", "More than %d rows: split the file and upload the parts."},
		"xlsx.file.too_large":      {"文件过大（上限 %d MB）：请分成几个文件上传。", "The file is too large (%d MB at most): split it and upload the parts."},
		"xlsx.file.no_meta":        {"缺少模板信息：这不是系统下载的填报模板，请下载模板后填写。", "The template's information is missing: this is not a form downloaded from lantu; download the template and fill it in."},
		"xlsx.file.meta_damaged":   {"模板信息已被改动，无法识别：请重新下载模板填写。", "The template's information was changed and cannot be read: download the template again and fill it in."},
		"xlsx.file.meta_version":   {"模板版本 %s 已不受支持：请重新下载模板填写。", "Template version %s is no longer supported: download the template again and fill it in."},
		"xlsx.file.csv_encoding":   {"CSV 编码无法识别：请在 Excel 中另存为“CSV UTF-8”后上传。", "The CSV's encoding is not known: save it as \"CSV UTF-8\" in Excel and upload that."},
		"xlsx.file.csv_is_xlsx":    {"这是 Excel 工作簿，不是 CSV：请以 .xlsx 为扩展名上传。", "This is an Excel workbook, not a CSV: upload it with an .xlsx name."},
		"xlsx.file.csv_binary":     {"文件含二进制内容，不是 CSV。", "The file holds binary content; it is not a CSV."},
		"xlsx.file.no_header":      {"找不到表头（指标编号、本期数值……）：请使用系统下载的模板。", "No header row (id, value, …): use a template downloaded from lantu."},

		"xlsx.err.not_number":           {"不是数字：请填写如 25.8、1.5亿 的数字。", "Not a number: give one such as 25.8 or 150000000."},
		"xlsx.err.too_large":            {"数值过大：应小于 10^15。", "The figure is too large: it must be under 10^15."},
		"xlsx.err.unit_not_percent":     {"单位不是%%：请去掉 %% 后填写数字。", "The unit is not a percentage: give the number without %%."},
		"xlsx.err.unit_scaled":          {"单位已是%s：请直接填写以该单位计的数字，不加万、亿。", "The unit (%s) is already scaled: give a plain number in that unit."},
		"xlsx.err.percent_format":       {"单元格为百分比格式，但单位是“%s”：请把单元格改为常规格式。", "The cell is formatted as a percentage but the unit is %s: format the cell as General."},
		"xlsx.err.malformed_csv":        {"CSV 格式错误（如引号不成对）：请在 Excel 中另存为“CSV UTF-8”。", "Malformed CSV (such as an unmatched quote): save it as \"CSV UTF-8\" in Excel."},
		"xlsx.err.unknown_column":       {"未知的列名：请使用模板的列名。", "Unknown column name: use the template's columns."},
		"xlsx.err.same_column":          {"与 %s 列重复：请删去一列。", "The same column as %s: delete one."},
		"xlsx.err.column_missing":       {"缺少此列：请使用系统下载的模板。", "This column is missing: use a template downloaded from lantu."},
		"xlsx.err.id_missing":           {"缺少指标编号：请勿删改模板的指标编号。", "The id is missing: do not change the template's ids."},
		"xlsx.err.id_invalid":           {"不是有效的指标编号：请勿删改模板的指标编号。", "Not an indicator id: do not change the template's ids."},
		"xlsx.err.id_not_in_template":   {"本模板中没有此指标：请勿从其他模板复制行。", "Not an indicator of this template: do not copy lines from another form."},
		"xlsx.err.id_repeated":          {"与第 %d 行为同一指标：每个指标只填一行。", "The same indicator as row %d: one line an indicator."},
		"xlsx.err.not_in_plan":          {"指标 %d 不属于本规划：请下载本规划的模板。", "Indicator %d is not in this plan: download this plan's template."},
		"xlsx.err.code_mismatch":        {"指标代码与编号不符（应为 %s）：请勿修改这两列。", "The code does not match the id (it should be %s): do not change these two columns."},
		"xlsx.err.period_missing":       {"缺少报告期。", "The period is missing."},
		"xlsx.err.period_invalid":       {"报告期无法识别：应写作 2022-06、2022Q2 或 2022。", "Not a period: write it as 2022-06, 2022Q2 or 2022."},
		"xlsx.err.period_not_template":  {"与模板的报告期 %s 不符：请下载该期的模板。", "Not the template's period %s: download the template of that period."},
		"xlsx.err.period_differs":       {"与第 %d 行的报告期 %s 不一致：一个文件只报一期。", "Differs from row %d (%s): one period a file."},
		"xlsx.err.not_for_kind":         {"%s类指标不填此项：请留空。", "Not used for a %s indicator: leave it empty."},
		"xlsx.err.yes_no":               {"应填“是”或“否”。", "Give 是 (yes) or 否 (no)."},
		"xlsx.err.done_missing":         {"里程碑须填是否完成（是/否）。", "A milestone must say whether it is done (是 yes or 否 no)."},
		"xlsx.err.value_missing":        {"未填本期数值。", "The value is missing."},
		"xlsx.err.value_missing_growth": {"未填本期数值（或同时填写本期累计额与上年同期）。", "The value is missing (or give both the amount and last year's figure)."},
		"xlsx.err.text_too_long":        {"超过 %d 字（共 %d 字）：请删减。", "Over %d characters (%d given): shorten it."},
		"xlsx.err.fed":                  {"该指标由招商项目库自动计算，不接受手工填报：请删去此行。", "This indicator is computed from the investment pipeline and takes no figures by hand: delete the line."},
		"xlsx.err.locked":               {"报告期 %s 已锁定：请在系统中申请解锁。", "The period %s is locked: ask for it to be reopened in lantu."},
		"xlsx.err.already_filed":        {"该期报告为“%s”状态，不能覆盖：如需更正请在系统中发起更正。", "This period's report is %s and cannot be overwritten: correct it in lantu instead."},
		"xlsx.err.transition":           {"该期报告为“%s”状态，不能导入：请在系统中处理。", "This period's report is %s and cannot be imported: handle it in lantu."},
		"xlsx.err.invalid_row":          {"%s", "%s"},
	})
}
