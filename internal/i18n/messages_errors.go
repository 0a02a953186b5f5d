package i18n

// The error table's messages (internal/problem): one sentence per kind of refusal; the
// error's own details follow it.
func init() {
	add(map[string][2]string{
		"error.internal":           {"服务器内部错误，请稍后再试。", "Internal error; please try again later."},
		"error.unavailable":        {"服务器暂时无法保存数据，本次未保存任何内容，请稍后再试。", "The server cannot store now; nothing was saved. Please try again later."},
		"error.badcredentials":     {"登录名或密码错误。", "Wrong login name or password."},
		"error.conflict":           {"该记录在您读取后已被他人修改，请查看当前版本后再操作。", "The record changed since you read it; see the current version and try again."},
		"error.locked":             {"该期间已锁定", "The period is locked"},
		"error.transition":         {"当前状态下不能进行此操作", "This cannot be done in the current state"},
		"error.exists":             {"该期已有报表；请编辑它，已审核的请更正。", "This period already has a report; edit it, or correct it once approved."},
		"error.planexists":         {"数据库中已有此规划。", "The database already holds this plan."},
		"error.taken":              {"该名称或编号已被使用，或记录已被他人修改。", "That name or code is taken, or the record was changed meanwhile."},
		"error.nosuchfact":         {"文档的该位置没有可采纳的数据。", "There is no fact at that place of the document."},
		"error.workbook":           {"文件中有错误，未导入任何内容", "The file has errors; nothing was imported"},
		"error.duplicate":          {"该企业已在库中", "The enterprise is already recorded"},
		"error.invalid":            {"输入有误", "The input has problems"},
		"error.weakpassword":       {"密码不符合要求", "The password does not meet the rules"},
		"error.toolarge":           {"上传内容过大", "The upload is too large"},
		"error.body":               {"请求内容有误", "The request body is refused"},
		"error.body.not_utf8":      {"第 %d 字节起不是 UTF-8 编码的文本", "bytes that are not UTF-8 text at byte %d"},
		"error.body.trailing_data": {"JSON 值之后的第 %d 字节起还有多余内容", "more data after the JSON value at byte %d"},
		"error.badrequest":         {"请求无法读取", "The request could not be read"},
	})
}
