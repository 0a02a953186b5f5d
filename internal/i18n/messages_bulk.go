package i18n

// The refusals of an administrator's bulk CSV of reports (`lantu report bulk`): said
// like an upload's bad cells (WorkbookCell, "xlsx.err.<code>"), each naming its line and
// field; the report rules' own codes come as "valid.<code>".
func init() {
	add(map[string][2]string{
		"xlsx.field.indicator_id": {"指标编号", "indicator_id"},
		"xlsx.field.state":        {"状态", "state"},
		"xlsx.field.header":       {"表头", "header"},
		"xlsx.field.csv":          {"CSV", "CSV"},

		"xlsx.err.decimals":             {"小数位过多：至多 10 位。", "Too many decimal places: 10 at most."},
		"xlsx.err.header_missing":       {"缺少表头：第一行应为列名，如 indicator_id,period,value。", "The header is missing: the first line names the columns, e.g. indicator_id,period,value."},
		"xlsx.err.bulk_unknown_column":  {"未知的列：可用 indicator_id、period、value、cumulative、last_year、amount、note、state。", "Unknown column: use indicator_id, period, value, cumulative, last_year, amount, note, state."},
		"xlsx.err.bulk_column_missing":  {"缺少必需的列：indicator_id、period、value 都要有。", "A required column is missing: indicator_id, period and value are needed."},
		"xlsx.err.bulk_repeated":        {"与第 %d 行为同一指标、同一报告期：每期只写一行。", "The same indicator and period as line %d: one line a period."},
		"xlsx.err.bulk_exists":          {"指标 %d 的 %s 已有报告：批量导入只写新报告，更正请在系统中办理。", "Indicator %d already has a report for %s: a bulk import writes new reports only; correct it in lantu."},
		"xlsx.err.bulk_no_indicator":    {"没有编号为 %s 的指标。", "There is no indicator %s."},
		"xlsx.err.bulk_not_your_region": {"指标 %d 不属于您的地区。", "Indicator %d is not of your region."},
		"xlsx.err.bulk_true_false":      {"应填 true 或 false。", "Give true or false."},
		"xlsx.err.bulk_state":           {"应为 approved、submitted 或 draft。", "Give approved, submitted or draft."},
		"xlsx.err.bulk_note_too_long":   {"备注过长：至多 %d 字节。", "The note is too long: %d bytes at most."},
	})
}
