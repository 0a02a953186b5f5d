package i18n

import "fmt"

// Refusals of the account forms (users, reassigning an owner) and of the settings and
// upload forms: what is wrong and what to do, from the field and code auth and the
// services return.

// SettingsError is a refused field of the reminder settings, from its field.
func SettingsError(lang, field string) string {
	if m, ok := messages["remind.err."+field]; ok {
		return pick(lang, m)
	}
	return T(lang, "error.invalid")
}

// ValidationText is a refused field's sentence from its code and values (progress's
// ValidationError), or fallback (the domain's own text) for a code without one.
func ValidationText(lang, code string, args []any, fallback string) string {
	m, ok := messages["valid."+code]
	if code == "" || !ok {
		return fallback
	}
	out := append([]any(nil), args...)
	if (code == "cause_required" || code == "remedy_required") && len(out) > 0 {
		if st, ok := out[0].(string); ok { // the status, in words
			out[0] = T(lang, "status."+st)
		}
	}
	if code == "period_frequency" && len(out) > 0 {
		if f, ok := out[0].(string); ok { // the frequency, in words
			out[0] = T(lang, "planedit.freq."+f)
		}
	}
	return fmt.Sprintf(pick(lang, m), out...)
}

// AccountFieldError is a refused field of a user or owner form (auth.FieldError's field
// and code) in the language: the field's own sentence, else the code's.
func AccountFieldError(lang, field, code string) string {
	if m, ok := messages["account.err."+field+"."+code]; ok {
		return pick(lang, m)
	}
	if m, ok := messages["account.err."+code]; ok {
		return pick(lang, m)
	}
	return T(lang, "error.invalid")
}

func init() {
	add(map[string][2]string{
		"account.err.login.required":        {"请填写登录名。", "Give a login name."},
		"account.err.login.too_short":       {"登录名至少 3 个字符。", "A login name has at least 3 characters."},
		"account.err.login.too_long":        {"登录名至多 32 个字符。", "A login name has at most 32 characters."},
		"account.err.login.invalid":         {"登录名只能用小写字母 a-z、数字和 . _ -，并以字母或数字开头（中文姓名请填在“姓名”中）。", "A login name takes lower-case letters a-z, digits and . _ - only, starting with a letter or digit (the full name goes in Name)."},
		"account.err.login.duplicate":       {"该登录名已被使用，请换一个。", "This login name is taken; choose another."},
		"account.err.display_name.required": {"请填写姓名。", "Give the person's name."},
		"account.err.display_name.too_long": {"姓名至多 64 个字。", "A name has at most 64 characters."},
		"account.err.roles.required":        {"请至少选择一个角色。", "Choose at least one role."},
		"account.err.roles.invalid":         {"角色不正确：请从列表中选择；管理员不能停用自己或取消自己的管理员角色。", "Choose roles from the list; an admin may not disable themselves or drop their own admin role."},
		"account.err.roles.duplicate":       {"同一角色选了两次。", "A role is chosen twice."},
		"account.err.departments.invalid":   {"所选部门不存在或已停用，请从列表中选择。", "A chosen department does not exist or is retired; choose from the list."},
		"account.err.dept_ids.invalid":      {"所选部门不存在，请从列表中选择。", "A chosen department does not exist; choose from the list."},
		"account.err.dept_ids.duplicate":    {"同一部门选了两次。", "A department is chosen twice."},
		"account.err.owner.required":        {"请填写接手的招商专员的登录名。", "Give the login name of the officer who takes it over."},
		"account.err.owner.invalid":         {"没有该登录名的本区招商专员：请填写一位招商专员的登录名。", "No investment officer of this district has that login name; give an officer's login name."},
		"account.err.required":              {"必填。", "Required."},
		"account.err.invalid":               {"填写不正确，请检查。", "Not valid; check it."},
		"remind.err.send_hour":              {"发送时间应为 0 到 23 之间的整数（北京时间，时）。", "The hour is a whole number from 0 to 23 (China time)."},
		"remind.err.due_days":               {"到期前提醒天数应为 0 到 31 之间的整数。", "Days before due: a whole number from 0 to 31."},
		"remind.err.review_days":            {"待审核天数应为 0 到 60 之间的整数。", "Days waiting for review: a whole number from 0 to 60."},
		"remind.err.smtp_port":              {"端口应为 1 到 65535 之间的整数（常用 25、465、587）。", "The port is a whole number from 1 to 65535 (often 25, 465 or 587)."},
		"remind.err.smtp_tls":               {"请从列表中选择加密方式（starttls、tls 或 none）。", "Choose the encryption from the list (starttls, tls or none)."},
		"remind.err.smtp_from":              {"发件人地址不正确：请填写如 lantu@example.gov.cn 的邮箱地址。", "The sender is not an e-mail address: give one such as lantu@example.gov.cn."},
		"remind.err.webhook_kind":           {"请选择群机器人的类型（企业微信、钉钉或 JSON）。", "Choose the robot's kind (WeCom, DingTalk or JSON)."},
		"remind.err.webhook_url":            {"机器人地址应为以 http:// 或 https:// 开头的网址。", "The robot's address is a URL starting with http:// or https://."},
		"remind.err.email":                  {"邮箱地址不正确：请填写如 name@example.gov.cn 的地址，或留空。", "Not an e-mail address: give one such as name@example.gov.cn, or leave it empty."},
		"valid.cause_required":              {"指标%s，须填写原因说明：写明未达进度的原因。", "The indicator is %s: give the cause (why it is behind)."},
		"valid.remedy_required":             {"指标%s，须填写整改措施：写明下一步如何追上进度。", "The indicator is %s: give the remedy (how it will catch up)."},
		"valid.indicator_mismatch":          {"报送的指标与所选指标不符，请从列表中选择指标。", "The report is for another indicator than the one chosen; choose the indicator from the list."},
		"valid.period_required":             {"须填写报送期间，如 2025-03、2025Q1 或 2025。", "Give the period, such as 2025-03, 2025Q1 or 2025."},
		"valid.period_frequency":            {"该指标%s报送，期间应写作 %s 这样的格式。", "This indicator is reported %s: write the period like %s."},
		"valid.period_year":                 {"期间应在 %d 年（或上一年的历史数据）。", "The period must be in %d (or the year before, for history)."},
		"valid.value_negative":              {"数值不能为负，请填写 0 或正数。", "The value cannot be negative: give 0 or more."},
		"valid.share_range":                 {"占比应在 0 到 100 之间。", "A share is between 0 and 100."},
		"valid.last_year_required":          {"填写本期累计额时须同时填写上年同期数。", "With this year's amount, give last year's figure for the same period too."},
		"valid.amount_required":             {"填写上年同期数时须同时填写本期累计额。", "With last year's figure, give this year's amount for the same period too."},
		"valid.last_year_positive":          {"上年同期数须大于零（增速以它为分母）。", "Last year's figure must be above zero (the growth is divided by it)."},
		"valid.amount_growth_only":          {"仅增长类指标填写本期累计额，请留空。", "Only growth indicators take an amount; leave it empty."},
		"valid.figure_too_large":            {"数值过大：应小于 10^15。", "The figure is too large: it must be under 10^15."},
		"valid.text_too_long":               {"不超过 %d 字，请删减。", "At most %d characters; shorten it."},
		"valid.bulletin_month":              {"通报月份应为本规划年度内的月份，写作 YYYY-MM（如 2022-03）。", "The month must be one of the plan year's, written YYYY-MM (e.g. 2022-03)."},
		"valid.unlock_period":               {"须指明解锁的期间。", "Give the period to reopen."},
		"valid.unlock_reason":               {"须填写解锁原因。", "Give the reason for reopening."},
		"valid.unlock_until":                {"须填写解锁截止日期。", "Give the date the reopening ends."},
		"valid.unlock_until_before":         {"解锁截止日期早于解锁日期：请选择之后的日期。", "The reopening ends before it starts: choose a later date."},
		"valid.qualifier":                   {"目标口径应为“完成”“左右”“以上”或“以下”之一：请从列表中选择。", "Choose the target's qualifier from the list (exact, about, or more, or less)."},
		"valid.target_max_below":            {"目标上限不能小于目标值。", "The target's upper end cannot be below the target."},
		"valid.reject_reason":               {"退回须说明原因：写明要改什么。", "Give the reason for sending it back: say what to change."},
		"valid.ingest_date":                 {"日期“%s”不正确：请写作 年-月-日，如 2025-03-05。", "The date “%s” is not valid: write it as YYYY-MM-DD, e.g. 2025-03-05."},
		"valid.ingest_too_large":            {"文档超过 %d MB：请分成几份上传。", "The document is over %d MB: upload it in parts."},
		"valid.ingest_empty":                {"文档为空：请粘贴文本或选择文件。", "The document is empty: paste the text or choose a file."},
		"valid.ingest_encoding":             {"%s：第 %d 字节（0x%02X）起既不是 UTF-8 也不是 GBK 文本，请另存为 UTF-8 后上传。", "%s: not UTF-8 or GBK text from byte %d (0x%02X); save it as UTF-8 and upload it again."},
		"form.notnumber":                    {"以下各项须填写整数：", "These must be whole numbers:"},
		"form.nofile":                       {"请选择要上传的文件。", "Choose a file to upload."},
	})
}
