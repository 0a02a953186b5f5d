package i18n

// Langs are the languages lantu speaks; the first is the default.
var Langs = []string{"zh", "en"}

// Supported tells whether lang is one of Langs. Choosing the language of a request is
// the HTTP layer's job (web's requestLang); this package knows nothing of HTTP.
func Supported(lang string) bool {
	for _, l := range Langs {
		if l == lang {
			return true
		}
	}
	return false
}

// T translates a message key; an unknown key shows itself so a gap is visible, not blank.
func T(lang, key string) string {
	if m, ok := messages[key]; ok {
		if lang == "en" {
			return m[1]
		}
		return m[0]
	}
	return key
}

// add merges a file's messages into the catalogue; each feature keeps its own file.
func add(m map[string][2]string) {
	for k, v := range m {
		if _, dup := messages[k]; dup {
			panic("i18n: message defined twice: " + k)
		}
		messages[k] = v
	}
}

// messages: key → {Chinese, English}.
var messages = map[string][2]string{
	"app.name":               {"蓝图", "lantu"},
	"app.tagline":            {"发展规划目标管理", "Development plan tracking"},
	"nav.plan":               {"规划总览", "Plan"},
	"nav.status":             {"进度看板", "Status"},
	"nav.reports":            {"填报", "Reports"},
	"nav.workbook":           {"Excel填报", "Excel"},
	"nav.review":             {"审核", "Review"},
	"nav.ingest":             {"文本提取", "Ingest"},
	"nav.audit":              {"审计日志", "Audit log"},
	"nav.users":              {"用户", "Users"},
	"nav.login":              {"登录", "Sign in"},
	"nav.logout":             {"退出", "Sign out"},
	"nav.password":           {"修改密码", "Change password"},
	"lang.switch":            {"English", "中文"},
	"plan.year":              {"年度", " plan"},
	"plan.zones":             {"示范区", "Zones"},
	"plan.programs":          {"工程/计划", "Programs"},
	"plan.indicators":        {"指标", "Indicators"},
	"plan.asof":              {"数据截至", "As of"},
	"plan.asof.demo":         {"演示数据按文章发布时点展示", "The demo is shown as of the article's date"},
	"plan.none":              {"尚无规划。请用 lantu plan import 导入，或以 --demo 启动。", "No plan yet. Import one with lantu plan import, or start with --demo."},
	"plan.projects":          {"重点项目", "Key projects"},
	"ind.name":               {"指标", "Indicator"},
	"ind.target":             {"目标", "Target"},
	"ind.baseline":           {"上年/基数", "Baseline"},
	"ind.department":         {"责任单位", "Department"},
	"ind.kind":               {"类型", "Kind"},
	"ind.due":                {"完成时限", "Due"},
	"ind.notarget":           {"未设目标", "No target"},
	"ind.internal":           {"内部", "Internal"},
	"ind.source":             {"出处", "Source"},
	"ind.progress":           {"进度", "Progress"},
	"ind.expected":           {"应完成", "Expected"},
	"ind.completion":         {"完成率", "Completion"},
	"ind.projection":         {"全年预计", "Projection"},
	"ind.status":             {"状态", "Status"},
	"ind.context":            {"相关数据", "Context"},
	"kind.level":             {"总量", "Level"},
	"kind.growth":            {"增速", "Growth"},
	"kind.share":             {"占比", "Share"},
	"kind.milestone":         {"节点", "Milestone"},
	"qual.exact":             {"", ""},
	"qual.about":             {"左右", "about"},
	"qual.at_least":          {"以上", "or more"},
	"qual.at_most":           {"以下", "or less"},
	"qual.over":              {"超", "over"},
	"status.achieved":        {"已完成", "Achieved"},
	"status.on_track":        {"正常", "On track"},
	"status.at_risk":         {"预警", "At risk"},
	"status.behind":          {"滞后", "Behind"},
	"status.overdue":         {"逾期未报", "Overdue"},
	"status.no_data":         {"暂无数据", "No data"},
	"status.no_target":       {"无目标", "No target"},
	"status.done":            {"已完成", "Done"},
	"status.late":            {"已超期", "Late"},
	"error.title":            {"出错了", "Something went wrong"},
	"error.notfound":         {"找不到该页面或对象。", "Not found."},
	"error.forbidden":        {"您没有权限进行此操作。", "You are not allowed to do this."},
	"error.back":             {"返回首页", "Back to the start"},
	"error.csrf":             {"表单安全校验失败，请刷新页面后重试。", "The form's security token is missing or expired; reload the page and try again."},
	"error.unauthenticated":  {"请先登录。", "Please sign in."},
	"error.ratelimited":      {"登录失败次数过多，请稍后再试。", "Too many failed sign-ins; please wait."},
	"login.name":             {"登录名", "Login name"},
	"login.password":         {"密码", "Password"},
	"login.failed":           {"登录名或密码错误。", "Wrong login name or password."},
	"password.old":           {"原密码", "Current password"},
	"password.new":           {"新密码（至少10位）", "New password (10 characters or more)"},
	"password.again":         {"再次输入新密码", "New password again"},
	"password.mismatch":      {"两次输入的新密码不一致。", "The new passwords differ."},
	"password.wrongold":      {"原密码不正确。", "The current password is wrong."},
	"password.mustchange":    {"首次登录或密码被重置后，请先设置新密码。", "Please set a new password before going on."},
	"password.too_short":     {"密码太短，至少10位。", "The password is too short (10 characters at least)."},
	"password.too_long":      {"密码太长。", "The password is too long."},
	"password.repetitive":    {"密码过于简单。", "The password is too simple."},
	"password.same_as_login": {"密码不能与登录名相同。", "The password may not be the login name."},
	"password.personal":      {"密码不能由登录名或姓名加数字、符号组成。", "The password may not be the login or your name with digits or symbols."},
	"password.common":        {"密码过于常见（如 password12、qwertyuiop、姓名加生日），请换一个。", "The password is too common (such as password12 or qwertyuiop); choose another."},
	"password.same_as_old":   {"新密码不能与原密码相同。", "The new password must differ from the old."},
	"password.invalid":       {"密码含有无效字符。", "The password has invalid characters."},
	"audit.note":             {"审计日志只增不改：每一次变更都记录操作人、时间、对象、前后内容和来源地址。", "The audit log is append-only: every change with who, when, what, before, after and from where."},
	"audit.at":               {"时间 (UTC)", "When (UTC)"},
	"audit.user":             {"操作人", "Who"},
	"audit.action":           {"操作", "Action"},
	"audit.entity":           {"对象", "Entity"},
	"audit.change":           {"变更内容", "Change"},
	"audit.address":          {"来源地址", "Address"},
	"audit.older":            {"更早的记录", "Older entries"},
	"users.display":          {"姓名", "Name"},
	"users.roles":            {"角色", "Roles"},
	"users.new":              {"新建用户", "New user"},
	"users.create":           {"创建", "Create"},
	"users.created":          {"已创建用户", "Created user"},
	"users.onetime":          {"一次性初始密码（仅显示这一次）：", "one-time password (shown only now):"},
	"users.disabled":         {"已停用", "Disabled"},
	"users.mustchange":       {"待改密码", "must change password"},
	"role.admin":             {"管理员", "Admin"},
	"role.reporter":          {"填报员", "Reporter"},
	"role.reviewer":          {"审核人", "Reviewer"},
	"role.officer":           {"招商专员", "Investment officer"},
	"role.leader":            {"领导", "Leader"},
	"footer.offline":         {"蓝图 · 离线可用，不连接外网", "lantu · works offline, reaches no outside network"},
}
