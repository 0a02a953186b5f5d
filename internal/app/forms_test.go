package app

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/problem"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// A refused form, through the real router, in Chinese and in English: the answer is the
// form's own page with the error table's status (never a redirect that drops the
// input), the message of its key in the reader's language (no "a / b" in two
// languages, no English in a Chinese page), and every field as it was typed. Passwords
// are the exception: a refused one is never sent back.
func TestRefusedFormsKeepWhatWasTyped(t *testing.T) {
	ts := newInvestServer(t, storetest.SQLite(t))
	ctx := context.Background()
	clerk, err := ts.svc.Store().UserByLogin(ctx, "urbanclerk")
	if err != nil {
		t.Fatal(err)
	}
	green := ts.indicatorID(t, "new-green-area")
	fdi, err := ts.svc.Store().Indicator(ctx, ts.indicatorID(t, "fdi"))
	if err != nil {
		t.Fatal(err)
	}
	rows := []struct {
		form, who, path, body string
		status                int
		// keep are the typed values the page must show again (HTML-escaped in the page).
		keep []string
		// msg is the expected message, from its key, in a language.
		msg func(lang string) string
		// never must not be in the page (a refused password).
		never []string
	}{
		{form: "new user", who: "office", path: "/admin/users",
			body:   url.Values{"login": {"Wang Xiao!"}, "display_name": {"王小明"}, "role": {"reporter"}, "dept": {"urban"}}.Encode(),
			status: 422, keep: []string{`value="Wang Xiao!"`, `value="王小明"`, `value="reporter" checked`, `value="urban" selected`},
			msg: func(l string) string { return i18n.AccountFieldError(l, "login", "invalid") }},
		{form: "user edit", who: "office", path: fmt.Sprintf("/admin/users/%d", clerk.ID),
			body:   url.Values{"display_name": {strings.Repeat("长", 65)}, "role": {"reporter", "reviewer"}, "dept": {"urban"}, "disabled": {"1"}}.Encode(),
			status: 422, keep: []string{`value="` + strings.Repeat("长", 65) + `"`, `value="reviewer" checked`, `name="disabled" value="1" checked`},
			msg: func(l string) string { return i18n.AccountFieldError(l, "display_name", "too_long") }},
		{form: "password change", who: "urbanclerk", path: "/account/password",
			body:   url.Values{"old": {"not-my-password-9"}, "new": {"a-new-password-42"}, "again": {"a-new-password-42"}}.Encode(),
			status: 422, msg: func(l string) string { return i18n.T(l, "password.wrongold") },
			never: []string{"not-my-password-9", "a-new-password-42"}},
		{form: "report", who: "urbanclerk", path: fmt.Sprintf("/indicators/%d/reports", green),
			body:   url.Values{"period": {"2022-03"}, "value": {"三十万"}, "note": {"绿化季节性推进"}}.Encode(),
			status: 422, keep: []string{`value="2022-03"`, `value="三十万"`, "绿化季节性推进"},
			msg: func(l string) string { return i18n.T(l, "prog.form.notnumber") }},
		{form: "report: a quarter for a monthly indicator", who: "urbanclerk", path: fmt.Sprintf("/indicators/%d/reports", green),
			body:   url.Values{"period": {"2022Q2"}, "value": {"300000"}, "note": {"按季汇总"}}.Encode(),
			status: 422, keep: []string{`value="2022Q2"`, `value="300000"`, "按季汇总"},
			msg: func(l string) string {
				return i18n.ValidationText(l, "period_frequency", []any{"monthly", "2022-01"}, "")
			}},
		{form: "plan edit: new indicator", who: "office", path: fmt.Sprintf("/admin/plan/indicators?plan=%d", ts.planID),
			body:   url.Values{"plan": {fmt.Sprint(ts.planID)}, "name": {"新增口袋公园"}, "code": {"Pocket Parks"}, "unit": {"个"}, "target": {"12"}}.Encode(),
			status: 422, keep: []string{`value="新增口袋公园"`, `value="Pocket Parks"`, `value="个"`, `value="12"`},
			msg: func(l string) string { return i18n.PlanEditError(l, "code_format") }},
		{form: "plan edit: an indicator's kind and due date", who: "office", path: fmt.Sprintf("/admin/plan/indicators/%d", fdi.ID),
			body: url.Values{"plan": {fmt.Sprint(ts.planID)}, "version": {fmt.Sprint(fdi.EditVersion)}, "parent": {fmt.Sprint(fdi.ProgramID)},
				"name": {fdi.Name}, "code": {fdi.Code}, "unit": {"美元"}, "target": {"300000000"}, "qualifier": {"at_least"}, "frequency": {"monthly"},
				"accumulation": {"cumulative"}, "kind": {"level"}, "direction": {"lower"}, "due": {"2022-10-31"}, "baseline_value": {"2.5亿"}, "baseline_period": {"2021"}}.Encode(),
			status: 422, keep: []string{`value="2022-10-31"`, `value="lower" selected`, `value="2.5亿"`, `value="2021"`},
			msg: func(l string) string { return i18n.PlanEditError(l, "due_not_milestone") }},
		{form: "reminder settings", who: "office", path: "/admin/reminders",
			body: url.Values{"send_hour": {"25"}, "due_days": {"3"}, "review_days": {"5"}, "smtp_port": {"587"}, "smtp_tls": {"starttls"},
				"smtp_host": {"mail.example.gov.cn"}, "smtp_from": {"lantu@example.gov.cn"}}.Encode(),
			status: 422, keep: []string{`value="25"`, `value="mail.example.gov.cn"`},
			msg: func(l string) string { return i18n.SettingsError(l, "send_hour") }},
		{form: "reminder settings: not a number", who: "office", path: "/admin/reminders",
			body:   url.Values{"send_hour": {"八点"}, "due_days": {"3"}, "review_days": {"5"}, "smtp_port": {"587"}, "smtp_tls": {"starttls"}}.Encode(),
			status: 422, keep: []string{`value="八点"`},
			msg: func(l string) string { return i18n.SettingsError(l, "send_hour") }},
		{form: "ingest", who: "office", path: fmt.Sprintf("/ingest?plan=%d", ts.planID),
			body:   url.Values{"title": {"绿化通报"}, "date": {"2022/04/01"}, "text": {"新增绿化面积30万平方米。"}}.Encode(),
			status: 422, keep: []string{`value="绿化通报"`, `value="2022/04/01"`, "新增绿化面积30万平方米。"},
			msg: func(l string) string { return i18n.ValidationText(l, "ingest_date", []any{"2022/04/01"}, "") }},
		{form: "Excel import without a file", who: "urbanclerk", path: "/reports/workbook",
			body: "submit=1", status: 422, msg: func(l string) string { return i18n.T(l, "form.nofile") }},
		{form: "enterprise", who: "fangnan", path: "/invest/enterprises",
			body:   url.Values{"name": {"重庆测试精工有限公司"}, "credit_code": {"91350100M000100Y44"}, "hq_city": {"成都"}, "kinds": {"specialist"}, "settled": {"1"}, "park": {"西永"}, "notes": {"第二次接洽"}}.Encode(),
			status: 422, keep: []string{`value="重庆测试精工有限公司"`, `value="91350100M000100Y44"`, `value="成都"`, `value="specialist" checked`, `value="1" checked`, `value="西永"`, "第二次接洽"},
			msg: func(l string) string { return i18n.InvestError(l, "credit_code.check", "91350100M000100Y44", "4", "3") }},
		{form: "lead", who: "fangnan", path: "/invest/leads",
			body:   url.Values{"name": {"智能终端项目"}, "stage": {"negotiation"}, "stage_on": {"2022-04-01"}, "planned_investment": {"五亿"}, "currency": {"CNY"}, "park": {"西永微电园"}}.Encode(),
			status: 422, keep: []string{`value="智能终端项目"`, `value="negotiation" selected`, `value="2022-04-01"`, `value="五亿"`, `value="西永微电园"`},
			msg: func(l string) string {
				return problem.InvestFieldLabel(l, "planned_investment") + i18n.InvestError(l, "amount.positive")
			}},
		{form: "visit", who: "fangnan", path: "/invest/visits",
			body:   url.Values{"starts": {"4月8日上午"}, "city": {"深圳"}, "enterprise": {"某电子公司"}, "purpose": {"洽谈落户"}, "minutes": {"120"}}.Encode(),
			status: 422, keep: []string{`value="4月8日上午"`, `value="深圳"`, `value="某电子公司"`, `value="洽谈落户"`, `value="120"`},
			msg: func(l string) string {
				return problem.InvestFieldLabel(l, "starts") + i18n.InvestError(l, "date.invalid", "4月8日上午")
			}},
		{form: "exchange rate", who: "office", path: "/invest/rates",
			body:   url.Values{"currency": {"EUR"}, "on": {"2022-04-01"}, "usd": {"-1"}}.Encode(),
			status: 422, keep: []string{`value="EUR"`, `value="-1"`},
			msg: func(l string) string {
				return problem.InvestFieldLabel(l, "usd") + i18n.InvestError(l, "amount.positive")
			}},
		{form: "investment import without a file", who: "fangnan", path: "/invest/import",
			body: "kind=enterprises", status: 422, msg: func(l string) string { return i18n.T(l, "invest.import.nofile") }},
		{form: "plan file import without a file", who: "office", path: "/admin/plan/import",
			body: "", status: 422, msg: func(l string) string { return i18n.T(l, "planedit.import.nofile") }},
	}
	for _, row := range rows {
		for _, lang := range []string{"zh", "en"} {
			t.Run(row.form+"/"+lang, func(t *testing.T) {
				path := row.path
				if lang == "en" {
					path += map[bool]string{true: "&", false: "?"}[strings.Contains(path, "?")] + "lang=en"
				}
				req, _ := http.NewRequest("POST", ts.URL+path, strings.NewReader(row.body))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set("Authorization", "Bearer "+ts.tokens[row.who])
				res, err := noRedirect().Do(req)
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(res.Body)
				res.Body.Close()
				page := string(b)
				if res.StatusCode != row.status {
					t.Fatalf("POST %s = %d (%s), want %d: %.300s", path, res.StatusCode, res.Header.Get("Location"), row.status, page)
				}
				want := row.msg(lang)
				if want == "" || !strings.Contains(html.UnescapeString(page), want) {
					t.Errorf("the page lacks the message %q; it says %q", want, flashOf(page))
				}
				for _, k := range row.keep {
					if !strings.Contains(page, k) && !strings.Contains(html.UnescapeString(page), k) {
						t.Errorf("what was typed is lost: no %s", k)
					}
				}
				for _, n := range row.never {
					if strings.Contains(page, n) {
						t.Errorf("the page sends back %q", n)
					}
				}
				if lang == "zh" && strings.Contains(flashOf(page), " / ") {
					t.Errorf("a message in two languages: %q", flashOf(page))
				}
			})
		}
	}
}

// flashOf is the text of a page's error notices.
func flashOf(page string) string {
	var out []string
	for _, cls := range []string{`class="flash flash-error"`, `class="field-error"`, `class="notice notice-red"`} {
		rest := page
		for {
			i := strings.Index(rest, cls)
			if i < 0 {
				break
			}
			rest = rest[i:]
			j := strings.Index(rest, "<")
			k := strings.Index(rest[1:], "</")
			if j < 0 || k < 0 {
				break
			}
			out = append(out, rest[strings.Index(rest, ">")+1:k+1])
			rest = rest[k+1:]
		}
	}
	return strings.Join(out, "\n")
}
