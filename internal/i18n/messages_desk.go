package i18n

// The clerk's and reviewer's desk: worklist, evidence on the form, 申请解锁, batch
// approval, the review count in the nav, 催报 per department, the audit log.
func init() {
	add(map[string][2]string{
		"desk.work.allclosed":  {"本年度期次均已报送或锁定", "Every period is filed or locked"},
		"desk.work.rejected":   {"退回原因：", "Sent back: "},
		"desk.nav.waiting":     {"待您审核的报告", "Reports waiting for your review"},
		"desk.batch.all":       {"全选", "Select all"},
		"desk.batch.pick":      {"选择", "Select"},
		"desk.batch.button":    {"批量通过", "Approve selected"},
		"desk.batch.note":      {"逐份审核通过所选报告；不能通过的会列出原因。", "Each selected report is approved on its own; those that cannot be are listed with the reason."},
		"desk.batch.approved":  {"已审核通过 %d 份报告。", "%d reports approved."},
		"desk.batch.refused":   {"%d 份未通过：", "%d not approved:"},
		"desk.batch.own":       {"本人填报、修改或提交的报告须由他人审核", "you made, edited or submitted it: another reviewer must approve it"},
		"desk.batch.forbidden": {"无权审核该报告", "you may not approve this report"},
		"desk.ev.title":        {"佐证材料", "Evidence"},
		"desk.ev.attach":       {"附加佐证材料", "Attach evidence"},
		"desk.ev.hint":         {"可上传 pdf、docx、xlsx、png、jpg、txt、csv，每个不超过 10 MB；保存时一并上传。", "pdf, docx, xlsx, png, jpg, txt or csv, up to 10 MB each; uploaded when you save."},
		"desk.ev.none":         {"暂无佐证材料", "No evidence attached"},
		"desk.ev.size":         {"文件须在 1 字节到 %d MB 之间，请另选文件。", "A file must be 1 byte to %d MB; choose another."},
		"desk.ev.type":         {"不支持该文件类型（可上传 pdf、docx、xlsx、png、jpg、txt、csv），请另选文件。", "This kind of file is not accepted (pdf, docx, xlsx, png, jpg, txt, csv); choose another."},
		"desk.ev.content":      {"文件内容与扩展名不符，请检查后另选文件。", "The file's content does not match its name; check it and choose another.%.0d"},
		"desk.ev.savedonly":    {"报告已保存为草稿，但佐证材料未上传。", "The report was saved as a draft, but the evidence was not attached."},
		"desk.overdue.title":   {"逾期未报部门", "Departments with overdue reports"},
		"desk.overdue.counts":  {"%d 项指标，逾期 %d 期", "%d indicators, %d periods overdue"},
		"desk.overdue.remind":  {"催报", "Remind"},
		"desk.remind.recorded": {"已记录催报；尚未设置提醒渠道（邮件或群机器人），未发送消息。", "The reminder is recorded; no reminder channel (e-mail or group bot) is set, so nothing was sent."},
		"desk.batch.gone":      {"该报告已不在待审状态", "the report is no longer waiting for review"},
	})
}
