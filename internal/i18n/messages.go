package i18n

import "net/http"

// Langs are the languages lantu speaks; the first is the default.
var Langs = []string{"zh", "en"}

// FromRequest picks the language: ?lang= wins, then the lang cookie, else Chinese.
func FromRequest(r *http.Request) string {
	for _, v := range []string{r.URL.Query().Get("lang"), cookie(r, "lang")} {
		if v == "zh" || v == "en" {
			return v
		}
	}
	return "zh"
}

func cookie(r *http.Request, name string) string {
	c, err := r.Cookie(name)
	if err != nil {
		return ""
	}
	return c.Value
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

// messages: key → {Chinese, English}.
var messages = map[string][2]string{
	"app.name":         {"蓝图", "lantu"},
	"app.tagline":      {"发展规划目标管理", "Development plan tracking"},
	"nav.plan":         {"规划总览", "Plan"},
	"nav.status":       {"进度看板", "Status"},
	"nav.reports":      {"填报", "Reports"},
	"nav.review":       {"审核", "Review"},
	"nav.ingest":       {"文本提取", "Ingest"},
	"nav.audit":        {"审计日志", "Audit log"},
	"nav.users":        {"用户", "Users"},
	"nav.login":        {"登录", "Sign in"},
	"nav.logout":       {"退出", "Sign out"},
	"nav.password":     {"修改密码", "Change password"},
	"lang.switch":      {"English", "中文"},
	"plan.year":        {"年度", "Year"},
	"plan.zones":       {"示范区", "Zones"},
	"plan.programs":    {"工程/计划", "Programs"},
	"plan.indicators":  {"指标", "Indicators"},
	"plan.asof":        {"数据截至", "As of"},
	"plan.asof.demo":   {"演示数据按文章发布时点展示", "The demo is shown as of the article's date"},
	"plan.none":        {"尚无规划。请用 lantu plan import 导入，或以 --demo 启动。", "No plan yet. Import one with lantu plan import, or start with --demo."},
	"plan.projects":    {"重点项目", "Key projects"},
	"ind.name":         {"指标", "Indicator"},
	"ind.target":       {"目标", "Target"},
	"ind.baseline":     {"上年/基数", "Baseline"},
	"ind.department":   {"责任单位", "Department"},
	"ind.kind":         {"类型", "Kind"},
	"ind.due":          {"完成时限", "Due"},
	"ind.notarget":     {"未设目标", "No target"},
	"ind.internal":     {"内部", "Internal"},
	"ind.source":       {"出处", "Source"},
	"ind.progress":     {"进度", "Progress"},
	"ind.expected":     {"应完成", "Expected"},
	"ind.completion":   {"完成率", "Completion"},
	"ind.projection":   {"全年预计", "Projection"},
	"ind.status":       {"状态", "Status"},
	"ind.context":      {"相关数据", "Context"},
	"kind.level":       {"总量", "Level"},
	"kind.growth":      {"增速", "Growth"},
	"kind.share":       {"占比", "Share"},
	"kind.milestone":   {"节点", "Milestone"},
	"qual.exact":       {"", ""},
	"qual.about":       {"左右", "about"},
	"qual.at_least":    {"以上", "or more"},
	"qual.at_most":     {"以下", "or less"},
	"qual.over":        {"超", "over"},
	"status.achieved":  {"已完成", "Achieved"},
	"status.on_track":  {"正常", "On track"},
	"status.at_risk":   {"预警", "At risk"},
	"status.behind":    {"滞后", "Behind"},
	"status.overdue":   {"逾期未报", "Overdue"},
	"status.no_data":   {"暂无数据", "No data"},
	"status.no_target": {"无目标", "No target"},
	"status.done":      {"已完成", "Done"},
	"status.late":      {"已超期", "Late"},
	"error.title":      {"出错了", "Something went wrong"},
	"error.notfound":   {"找不到该页面或对象。", "Not found."},
	"error.forbidden":  {"您没有权限进行此操作。", "You are not allowed to do this."},
	"error.back":       {"返回首页", "Back to the start"},
	"footer.offline":   {"蓝图 · 离线可用，不连接外网", "lantu · works offline, reaches no outside network"},
}
