package i18n

// The audit log's changes, field by field (web auditChanges): the names of stored fields
// the forms do not already name, and yes/no.
func init() {
	add(map[string][2]string{
		"audit.yes":                      {"是", "yes"},
		"audit.no":                       {"否", "no"},
		"audit.field.state":              {"状态", "state"},
		"audit.field.version":            {"版本", "version"},
		"audit.field.revision":           {"修订次数", "revision"},
		"audit.field.reject_reason":      {"退回理由", "reason for return"},
		"audit.field.reviewed_by":        {"审核人", "reviewed by"},
		"audit.field.reviewed_at":        {"审核时间", "reviewed at"},
		"audit.field.submitted_by":       {"报送人", "submitted by"},
		"audit.field.submitted_at":       {"报送时间", "submitted at"},
		"audit.field.created_by":         {"填报人", "created by"},
		"audit.field.created_at":         {"创建时间", "created at"},
		"audit.field.indicator_id":       {"指标编号", "indicator"},
		"audit.field.target_max":         {"目标上限", "target (upper end)"},
		"audit.field.baseline_value":     {"基数", "baseline"},
		"audit.field.baseline_period":    {"基数期间", "baseline period"},
		"audit.field.baseline_qualifier": {"基数限定", "baseline qualifier"},
		"audit.field.baseline_note":      {"基数说明", "baseline note"},
		"audit.field.last_year":          {"上年同期", "same period last year"},
		"audit.field.amount":             {"本期累计额", "amount to date"},
		"audit.field.cumulative":         {"是否累计", "cumulative"},
	})
}
