package i18n

// The clerk's and reviewer's desk: worklist, evidence on the form, 申请解锁, batch
// approval, the review count in the nav, 催报 per department, the audit log.
func init() {
	add(map[string][2]string{
		"desk.work.allclosed": {"本年度期次均已报送或锁定", "Every period is filed or locked"},
		"desk.work.rejected":  {"退回原因：", "Sent back: "},
	})
}
