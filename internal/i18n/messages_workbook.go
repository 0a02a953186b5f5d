package i18n

func init() {
	add(map[string][2]string{
		"prog.ind.targets":        {"目标调整记录", "Target history"},
		"prog.ind.targets.from":   {"起用日期", "In force from"},
		"prog.ind.targets.reason": {"原因", "Reason"},
		"wb.title":                {"Excel 填报", "Excel reporting"},
		"wb.intro":                {"下载本部门的填报模板（已列出指标、单位、目标和上期数值），填写“本期数值”等列后上传。文件逐格校验：只要有一处错误，整个文件都不会导入，并列出每处错误的工作表、行、列和原因。", "Download your department's template (indicators, units, targets and last figures filled in), fill in the values and upload it. Every cell is checked: one error refuses the whole file, and each error is listed with its sheet, row, column and reason."},
		"wb.download":             {"下载模板", "Download the template"},
		"wb.period":               {"报告期（如 2022-03、2022Q1）", "Period (e.g. 2022-03, 2022Q1)"},
		"wb.xlsx":                 {"下载 Excel", "Download Excel"},
		"wb.upload":               {"上传填好的文件", "Upload the filled file"},
		"wb.file":                 {"文件（.xlsx 或 .csv）", "File (.xlsx or .csv)"},
		"wb.submit":               {"导入后直接提交审核", "Submit for review after import"},
		"wb.import":               {"导入", "Import"},
		"wb.file_summary":         {"%s：已导入，新建 %d 条，更新 %d 条，提交审核 %d 条。", "%s: imported %d new, %d updated, %d submitted for review."},
		"wb.file_refused":         {"%s：文件有错误，未导入任何数据（%d 处）", "%s: the file has errors; nothing was imported (%d)"},
		"wb.refused_list":         {"文件有错误，未导入任何数据：", "The file has errors; nothing was imported:"},
		"wb.sheet":                {"工作表", "Sheet"},
		"wb.row":                  {"行", "Row"},
		"wb.column":               {"列", "Column"},
		"wb.field":                {"字段", "Field"},
		"wb.value":                {"填写内容", "Value"},
		"wb.reason":               {"原因", "Reason"},
	})
}
