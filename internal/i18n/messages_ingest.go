package i18n

func init() {
	add(map[string][2]string{
		"ingest.intro":        {"粘贴或上传政策文件、工作报告或新闻稿（纯文本、GBK、HTML 或 Word .docx），系统会找出其中的目标和数据，并标出原文出处，供您确认后纳入规划。", "Paste or upload a policy text, work report or news article (plain text, GBK, HTML or Word .docx): lantu finds its targets and figures, each with its place in the text, for you to accept into the plan."},
		"ingest.title":        {"标题", "Title"},
		"ingest.title.hint":   {"留空则取正文第一行", "Empty: the first line of the text"},
		"ingest.paste":        {"粘贴正文", "Paste the text"},
		"ingest.upload":       {"或上传文件", "Or upload a file"},
		"ingest.submit":       {"提取数据", "Extract"},
		"ingest.documents":    {"已导入的文档", "Documents"},
		"ingest.source":       {"来源", "Source"},
		"ingest.date":         {"日期", "Date"},
		"ingest.facts":        {"识别出的数据", "Facts found"},
		"ingest.legend":       {"图例：", "Legend:"},
		"ingest.subject":      {"对象", "Subject"},
		"ingest.value":        {"数值", "Value"},
		"ingest.kind":         {"类别", "Kind"},
		"ingest.period":       {"时期", "Period"},
		"ingest.accept":       {"纳入规划…", "Accept…"},
		"ingest.as":           {"作为", "As"},
		"ingest.as.indicator": {"新指标（目标值）", "a new indicator (its target)"},
		"ingest.as.baseline":  {"已有指标的基数", "the baseline of an indicator"},
		"ingest.as.report":    {"已有指标的报送数据（草稿）", "a report of an indicator (draft)"},
		"ingest.name":         {"指标名称", "Indicator name"},
		"ingest.program":      {"所属工程/计划", "Program"},
		"ingest.indicator":    {"已有指标", "Existing indicator"},
		"ingest.accept.do":    {"确认纳入", "Accept"},
		"ingest.nofacts":      {"未识别出数据。", "No facts found."},
		"kind.target":         {"目标", "Target"},
		"kind.actual":         {"实绩", "Actual"},
		"kind.estimate":       {"预计", "Estimate"},
	})
}
