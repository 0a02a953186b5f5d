package i18n

// Paging of long lists (the status board of a large plan).
func init() {
	add(map[string][2]string{
		"page.info": {"第 %d / %d 页，每页 %d 项", "Page %d of %d, %d per page"},
		"page.prev": {"上一页", "Previous"},
		"page.next": {"下一页", "Next"},
		// The cockpit lists a screenful of what needs attention; the rest is on the board.
		"cockpit.attention.more": {"另有 %d 项，见状态看板", "%d more on the status board"},
	})
}
