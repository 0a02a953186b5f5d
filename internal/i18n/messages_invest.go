package i18n

import "fmt"

// InvestError builds the sentence of an invest rule's error code with its values
// (invest.Error's Code and Args); an unknown code shows the code and values.
func InvestError(lang, code string, args ...any) string {
	key := "invest.err." + code
	if _, ok := messages[key]; !ok {
		return fmt.Sprint(append([]any{code, " "}, args...)...)
	}
	return fmt.Sprintf(T(lang, key), args...)
}

func init() {
	add(map[string][2]string{
		"nav.invest":                   {"招商", "Investment"},
		"invest.title":                 {"招商引资", "Investment promotion"},
		"invest.illustrative":          {"（示意数据，原文未载）", "(illustrative: not in the article)"},
		"invest.enterprises":           {"企业库", "Enterprises"},
		"invest.enterprise":            {"企业", "Enterprise"},
		"invest.chains":                {"产业链", "Industry chains"},
		"invest.chain":                 {"产业链", "Chain"},
		"invest.pipeline":              {"项目库", "Pipeline"},
		"invest.lead":                  {"项目", "Project"},
		"invest.leads":                 {"招商项目", "Projects"},
		"invest.visits":                {"拜访日程", "Visits"},
		"invest.visit":                 {"拜访", "Visit"},
		"invest.rates":                 {"汇率表", "Exchange rates"},
		"invest.upcoming":              {"我近期的拜访", "My upcoming visits"},
		"invest.none":                  {"暂无", "None yet"},
		"invest.owner":                 {"负责人", "Officer"},
		"invest.name":                  {"名称", "Name"},
		"invest.credit_code":           {"统一社会信用代码", "Unified social credit code"},
		"invest.hq_city":               {"总部城市", "Headquarters"},
		"invest.kinds":                 {"企业类型", "Kinds"},
		"invest.settled":               {"已在区内", "In the district"},
		"invest.pursued":               {"在招引", "Pursued"},
		"invest.park":                  {"园区", "Park"},
		"invest.links":                 {"产业链环节", "Chain links"},
		"invest.notes":                 {"备注", "Notes"},
		"invest.contacts":              {"联系人", "Contacts"},
		"invest.contacts.audit":        {"联系人属个人信息，每次查看均记入审计日志。", "Contacts are personal data; every view is written to the audit log."},
		"invest.contacts.show":         {"查看联系人", "Show contacts"},
		"invest.contact.name":          {"姓名", "Name"},
		"invest.contact.title":         {"职务", "Title"},
		"invest.contact.phone":         {"电话", "Phone"},
		"invest.contact.email":         {"邮箱", "Email"},
		"invest.add":                   {"新增", "Add"},
		"invest.save":                  {"保存", "Save"},
		"invest.stage":                 {"阶段", "Stage"},
		"invest.stage_on":              {"阶段日期", "Since"},
		"invest.move":                  {"推进", "Move"},
		"invest.move.to":               {"推进到", "Move to"},
		"invest.move.on":               {"日期", "Date"},
		"invest.move.reason":           {"原因（终止、重启时必填）", "Reason (required to terminate or reopen)"},
		"invest.history":               {"推进记录", "History"},
		"invest.history.by":            {"操作人", "By"},
		"invest.history.at":            {"记录时间", "Recorded"},
		"invest.planned":               {"计划投资", "Planned investment"},
		"invest.currency":              {"币种", "Currency"},
		"invest.foreign":               {"外资", "Foreign-funded"},
		"invest.output":                {"预计年产值", "Expected yearly output"},
		"invest.tax":                   {"预计年税收", "Expected yearly tax"},
		"invest.funds":                 {"到资", "Funds arrived"},
		"invest.funds.record":          {"登记到资", "Record funds"},
		"invest.funds.amount":          {"金额", "Amount"},
		"invest.funds.rate":            {"折算汇率（美元/单位）", "Rate (USD per unit)"},
		"invest.funds.usd":             {"折合美元", "In USD"},
		"invest.funds.total":           {"到资合计（美元）", "Total arrived (USD)"},
		"invest.gap":                   {"缺口", "Gap"},
		"invest.gap.fill":              {"补链", "Fill"},
		"invest.gap.extend":            {"延链", "Extend"},
		"invest.gap.strengthen":        {"强链", "Strengthen"},
		"invest.gap.none":              {"完整", "Complete"},
		"invest.gap.legend":            {"补链：区内尚无企业的环节；延链：计划新增的环节；强链：仅一家企业、需再引一家的环节。", "Fill: a link with no enterprise in the district; Extend: a new link to add; Strengthen: one enterprise only, one more makes it robust."},
		"invest.week":                  {"周视图", "Week"},
		"invest.month":                 {"月视图", "Month"},
		"invest.prev":                  {"上一页", "Previous"},
		"invest.next":                  {"下一页", "Next"},
		"invest.subscribe":             {"订阅日历", "Calendar subscription"},
		"invest.subscribe.new":         {"生成订阅链接", "Make a subscription link"},
		"invest.subscribe.revoke":      {"停用订阅链接", "Revoke the link"},
		"invest.subscribe.help":        {"把链接加入手机或 Outlook 日历即可同步拜访日程。链接只显示一次，泄露后请停用并重新生成。", "Add the link to your phone's or Outlook's calendar to see your visits there. It is shown once; if it leaks, revoke it and make a new one."},
		"invest.subscribe.live":        {"当前订阅链接：%s…", "Live link: %s…"},
		"invest.visit.when":            {"时间", "When"},
		"invest.visit.city":            {"城市", "City"},
		"invest.visit.purpose":         {"目的", "Purpose"},
		"invest.visit.outcome":         {"结果", "Outcome"},
		"invest.visit.next_step":       {"下一步", "Next step"},
		"invest.visit.next_on":         {"下一步日期", "Next step on"},
		"invest.visit.status":          {"状态", "Status"},
		"invest.visit.planned":         {"计划", "Planned"},
		"invest.visit.done":            {"已拜访", "Done"},
		"invest.visit.cancelled":       {"取消", "Cancelled"},
		"invest.visit.minutes":         {"时长（分钟）", "Length (minutes)"},
		"invest.ics.name":              {"%s的招商拜访", "%s's investment visits"},
		"invest.ics.summary":           {"拜访%s（%s）", "Visit %s (%s)"},
		"invest.feed":                  {"由招商项目库自动计算", "Computed from the investment pipeline"},
		"invest.feed.sources":          {"计入的项目与到资", "Projects and funds counted"},
		"invest.import":                {"导入企业或项目（Excel/CSV）", "Import enterprises or projects (Excel/CSV)"},
		"invest.export":                {"导出项目库（Excel）", "Export the pipeline (Excel)"},
		"invest.duplicate":             {"已有同一企业：%s（按%s判定）。请打开该企业补充信息，而不是重复新建。", "This enterprise exists already: %s (same %s). Open it and add to it instead of creating another."},
		"invest.duplicate.credit_code": {"统一社会信用代码", "credit code"},
		"invest.duplicate.name":        {"规范化名称", "normalised name"},
		"invest.fed":                   {"该指标由招商项目库自动计算，不接受手工填报。", "This indicator is computed from the investment pipeline; it does not take reports by hand."},

		"invest.stage.clue":        {"线索", "Clue"},
		"invest.stage.contact":     {"接洽", "Contact"},
		"invest.stage.visit":       {"拜访", "Visit"},
		"invest.stage.negotiation": {"在谈", "Negotiating"},
		"invest.stage.signed":      {"签约", "Signed"},
		"invest.stage.landed":      {"落地/入驻", "Landed"},
		"invest.stage.started":     {"开工", "Started"},
		"invest.stage.producing":   {"投产", "Producing"},
		"invest.stage.terminated":  {"终止", "Terminated"},

		"invest.kind.fortune500": {"世界500强", "Fortune Global 500"},
		"invest.kind.china500":   {"中国500强", "China Top 500"},
		"invest.kind.listed":     {"上市公司", "Listed"},
		"invest.kind.leader":     {"行业龙头", "Industry leader"},
		"invest.kind.specialist": {"专精特新", "Specialised SME"},
		"invest.kind.foreign":    {"外资企业", "Foreign-owned"},

		"invest.err.required":              {"必填", "is required"},
		"invest.err.utf8":                  {"含有无效字符", "holds invalid characters"},
		"invest.err.too_long":              {"过长（最多 %d 字）", "is too long (at most %d characters)"},
		"invest.err.owner.required":        {"须指定负责人", "an officer must own it"},
		"invest.err.credit_code.length":    {"统一社会信用代码 %s 应为18位，实为%d位", "credit code %s must have 18 characters, not %d"},
		"invest.err.credit_code.char":      {"统一社会信用代码 %s 含有不允许的字符“%s”（第%d位；不使用 I、O、S、V、Z）", "credit code %s holds the character %q (position %d; I, O, S, V and Z are not used)"},
		"invest.err.credit_code.authority": {"统一社会信用代码 %s 的登记管理部门代码“%s”无效", "credit code %s: %q is not a registration authority"},
		"invest.err.credit_code.division":  {"统一社会信用代码 %s 的行政区划码“%s”应为6位数字", "credit code %s: the division code %q must be six digits"},
		"invest.err.credit_code.check":     {"统一社会信用代码 %s 的校验位“%s”不正确，按 GB 32100-2015 应为“%s”", "credit code %s: the check character %q is wrong; by GB 32100-2015 it is %q"},
		"invest.err.stage.unknown":         {"未知阶段“%s”（线索、接洽、拜访、在谈、签约、落地、开工、投产、终止）", "unknown stage %q (clue, contact, visit, negotiation, signed, landed, started, producing, terminated)"},
		"invest.err.stage.start":           {"项目不能以“%s”阶段新建", "a project cannot start at stage %q"},
		"invest.err.move.same":             {"项目已处于“%s”阶段", "the project is already at %s"},
		"invest.err.move.final":            {"已投产的项目不能再推进（%s → %s）", "a producing project moves no further (%s → %s)"},
		"invest.err.move.backward":         {"不能从“%s”退回到“%s”", "a project cannot go back from %s to %s"},
		"invest.err.move.reason_required":  {"推进到“%s”须说明原因", "moving to %s needs a reason"},
		"invest.err.move.reopen":           {"终止的项目只能重启到终止前的“%s”阶段，不能到“%s”", "a terminated project reopens at %s, where it stopped, not at %s"},
		"invest.err.reason.too_long":       {"原因过长（最多 %d 字）", "the reason is too long (at most %d characters)"},
		"invest.err.currency.unknown":      {"无法识别币种“%s”（如 CNY、USD、EUR 或 人民币、美元）", "unknown currency %q (CNY, USD, EUR … or 人民币, 美元)"},
		"invest.err.rate.missing":          {"没有 %s 在 %s 或之前的汇率，请管理员先在汇率表中录入", "no %s rate on or before %s: an admin must enter it in the rate table first"},
		"invest.err.rate.usd":              {"美元对美元的汇率恒为1，无需录入", "the rate of USD to USD is always 1"},
		"invest.err.amount.positive":       {"金额须大于0", "the amount must be positive"},
		"invest.err.amount.negative":       {"金额不能为负", "the amount cannot be negative"},
		"invest.err.amount.too_large":      {"金额超过上限 %s", "the amount is over the limit %s"},
		"invest.err.date.required":         {"须填日期", "a date is required"},
		"invest.err.date.invalid":          {"日期“%s”无效（应为 2022-03-18）", "%q is not a date (2022-03-18)"},
		"invest.err.date.future":           {"日期 %s 尚未到来", "%s is in the future"},
		"invest.err.date.before_last":      {"日期 %s 早于上一次推进（%s）", "%s is before the last move (%s)"},
		"invest.err.kind.unknown":          {"未知企业类型“%s”（世界500强、中国500强、上市公司、行业龙头、专精特新、外资企业）", "unknown kind %q"},
		"invest.err.email.invalid":         {"邮箱“%s”无效", "%q is not an email address"},
		"invest.err.visit.minutes":         {"时长 %d 分钟无效", "%d minutes is not a length"},
		"invest.err.visit.status":          {"未知状态“%s”", "unknown status %q"},
		"invest.err.visit.next_before":     {"下一步日期 %s 早于拜访日期", "the next step (%s) is before the visit"},
		"invest.err.link.unknown":          {"产业链环节 %v 不存在", "chain link %v does not exist"},
		"invest.err.link.code":             {"环节代码“%s”为空或重复", "link code %q is empty or repeated"},
		"invest.err.link.cycle":            {"环节“%s”成了自己的上级", "link %q is its own ancestor"},
		"invest.err.link.parent":           {"环节“%s”的上级“%s”不存在", "link %q: parent %q does not exist"},
		"invest.err.chain.invalid":         {"产业链代码“%s”无效", "chain code %q is not valid"},
		"invest.err.chain.exists":          {"产业链“%s”已存在", "chain %q exists already"},
		"invest.err.enterprise.unknown":    {"企业 %v 不存在", "enterprise %v does not exist"},
		"invest.err.lead.unknown":          {"项目 %v 不存在", "project %v does not exist"},
		"invest.err.feed.metric":           {"未知计算方式“%s”", "unknown metric %q"},
		"invest.err.feed.stage":            {"只能统计签约及以后阶段，不能是“%s”", "only 签约 and later stages are counted, not %q"},
		"invest.err.feed.unit":             {"计量单位“%s”与计算方式不符", "the unit %q does not suit the metric"},
		"invest.err.feed.kind":             {"指标 %s 须为累计的总量指标", "indicator %s must be a cumulative level"},
		"invest.err.feed.has_reports":      {"指标 %s 已有 %d 条手工填报，不能改为由项目库计算", "indicator %s has %d reports by hand; it cannot be fed by the pipeline"},
	})
}

func init() {
	add(map[string][2]string{
		"invest.import.noheader": {"找不到表头：前10行中没有“%s”列", "no header: none of the first 10 lines names the %s column"},
		"invest.import.number":   {"不是数字", "is not a number"},
		"invest.import.done":     {"已导入 %d 条。", "Imported %d rows."},
		"invest.import.kind":     {"导入内容", "What"},
	})
}

func init() {
	add(map[string][2]string{
		"invest.conflict":          {"项目已被他人改动，请刷新后重试。", "The project changed meanwhile; reload and try again."},
		"invest.moved":             {"已将 %s 推进到“%s”。", "Moved %s to %s."},
		"invest.funds.recorded":    {"已登记到资。", "Funds recorded."},
		"invest.import.nofile":     {"请选择要导入的文件。", "Choose a file to import."},
		"invest.subscribe.revoked": {"订阅链接已停用。", "The subscription link is revoked."},
		"invest.subscribe.once":    {"请复制下面的链接并加入日历；离开本页后不再显示。", "Copy the link below into your calendar; it is not shown again."},
		"invest.fed.title":         {"由项目库计算的指标", "Indicators fed by the pipeline"},
		"invest.new.lead":          {"新建项目", "New project"},
		"invest.new.enterprise":    {"新增企业", "New enterprise"},
		"invest.new.visit":         {"安排拜访", "Plan a visit"},
		"invest.open.existing":     {"打开已有企业", "Open the existing enterprise"},
		"invest.search":            {"搜索", "Search"},
		"invest.today":             {"今天", "Today"},
		"invest.weekday":           {"一二三四五六日", "MonTueWedThuFriSatSun"},
		"invest.candidates":        {"在招引", "Pursued"},
		"invest.nobody":            {"区内暂无企业", "No enterprise in the district"},
		"invest.status":            {"状态", "Status"},
	})
}

func init() {
	add(map[string][2]string{
		"invest.import.help": {"第一行为表头。企业：企业名称、统一社会信用代码、总部城市、企业类型、已在区内、园区、产业链环节、负责人、备注；项目：项目名称、企业、阶段、阶段日期、计划投资、币种、外资、预计年产值、预计年税收、园区、产业链环节、负责人、备注。有一处错误则整个文件不导入。", "The first line is the header. Enterprises: name, credit_code, hq_city, kinds, settled, park, links, owner, notes; projects: name, enterprise, stage, stage_on, planned_investment, currency, foreign, yearly_output, yearly_tax, park, link, owner, notes. One error refuses the whole file."},
	})
}

func init() {
	add(map[string][2]string{
		"invest.saved":       {"已保存。", "Saved."},
		"invest.reassign":    {"转交其他招商专员", "Give to another officer"},
		"invest.reassign.to": {"接手人（登录名）", "To (login)"},
		"invest.rates.help":  {"每种外币在某日起的汇率（1单位折合多少美元），由管理员维护。到资按到账当日有效的汇率折算，折算所用汇率保存在到资记录上，日后修改汇率不影响已登记的到资。", "What one unit of each currency is worth in USD from a date on, kept by an admin. Funds are priced at the rate in force on the day they arrived, and keep that rate: a later rate does not change them."},
		"invest.rates.from":  {"起用日期", "From"},
	})
}

func init() {
	add(map[string][2]string{
		"invest.edit": {"修改项目信息", "Edit the project"},
	})
}

func init() {
	add(map[string][2]string{
		"invest.edit.enterprise": {"修改企业信息", "Edit the enterprise"},
	})
}

func init() {
	add(map[string][2]string{
		"invest.chain.new":   {"新增产业链", "New industry chain"},
		"invest.chain.code":  {"代码（小写字母、数字）", "Code (lower-case letters, digits)"},
		"invest.chain.links": {"环节：每行一个，“代码 名称 [上级代码] [延链]”", "Links, one a line: code name [parent code] [extend]"},
	})
}
