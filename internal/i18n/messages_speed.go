package i18n

// Paging of long lists (the status board of a large plan).
func init() {
	add(map[string][2]string{
		"page.info": {"第 %d / %d 页，每页 %d 项", "Page %d of %d, %d per page"},
		"page.prev": {"上一页", "Previous"},
		"page.next": {"下一页", "Next"},
	})
}
