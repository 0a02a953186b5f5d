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
		"desk.batch.gone":      {"该报告已不在待审状态", "the report is no longer waiting for review"},
	})
}
