package problem_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/invest"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/problem"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/xlsx"
)

// One table for web, API and CLI: each kind of error, wrapped as the services wrap it,
// gets its status, code and exit code, and a message in both languages.
func TestTable(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("service: do something: %w", err) }
	for _, c := range []struct {
		err    error
		status int
		code   string
		exit   int
		zh, en string // part of the message
	}{
		{wrap(plan.ErrNotFound), 404, "not_found", 1, "找不到", "Not found"},
		{wrap(service.ErrNoSuchFact), 404, "not_found", 1, "没有可采纳的数据", "no fact"},
		{wrap(&auth.DeniedError{Action: auth.ReportApprove, Reason: "dept"}), 403, "forbidden", 77, "没有权限", "not allowed"},
		{wrap(&auth.DeniedError{Action: auth.ReportApprove, Unauthenticated: true}), 401, "unauthenticated", 77, "请先登录", "sign in"},
		{auth.ErrCSRF, 403, "csrf", 77, "表单安全校验失败", "security token"},
		{wrap(&service.RateLimitedError{RetryAfter: 30 * time.Second}), 429, "rate_limited", 75, "30 s", "30 s"},
		{wrap(service.ErrBadCredentials), 422, "bad_credentials", 1, "密码错误", "Wrong login"},
		{wrap(&progress.ConflictError{Current: progress.Report{ID: 7, Version: 3}, Got: 2}), 409, "conflict", 1, "已被他人修改", "changed since"},
		{wrap(&progress.LockedError{}), 423, "locked", 1, "已锁定", "locked"},
		{wrap(&progress.TransitionError{From: progress.StateDraft, Action: progress.ActApprove}), 409, "invalid_transition", 1, "当前状态下不能", "cannot approve a draft"},
		{wrap(service.ErrReportExists), 409, "exists", 1, "该期已有报表", "already has a report"},
		{wrap(service.ErrPlanExists), 409, "conflict", 1, "已有此规划", "already holds"},
		{wrap(fmt.Errorf("%w: duplicate key", service.ErrConflict)), 409, "conflict", 1, "已被使用", "taken"},
		{wrap(progress.ValidationErrors{{Field: "value", Message: "请填写数值"}}), 422, "invalid", 1, "输入有误：", "value: 请填写数值"},
		{wrap(plan.ValidationErrors{{Path: "zones[0]", Field: "name", Message: "is missing", Line: 3}}), 422, "invalid", 1, "line 3", "is missing"},
		{wrap(&auth.FieldError{Field: "login", Code: "duplicate", Message: "is taken"}), 422, "invalid", 1, "login: is taken", "login"},
		{wrap(&auth.PasswordError{Code: auth.PasswordTooShort, Min: 10}), 422, "weak_password", 1, "密码不符合要求", "at least 10"},
		{wrap(xlsx.Errors{{Sheet: "填报", Row: 4, Column: "H", Field: "value", Reason: "不是数字"}}), 422, "invalid_workbook", 1, "未导入任何内容", "nothing was imported"},
		{wrap(xlsx.Errors{{Sheet: "填报", Row: 7, Column: "H", Field: "value", Value: "abc", Code: xlsx.CodeNotNumber}}), 422, "invalid_workbook", 1,
			"第 7 行 H 列（本期数值）“abc”：不是数字", `row 7, column H (value) "abc": Not a number`},
		{wrap(xlsx.Errors{{Sheet: "CSV", Row: 3, Column: "G", Field: "period", Code: "period_differs", Args: []any{2, "2022-06"}}}), 422, "invalid_workbook", 1,
			"CSV 第 3 行 G 列（报告期）：与第 2 行的报告期 2022-06 不一致", "CSV row 3, column G (period): Differs from row 2 (2022-06)"},
		{wrap(xlsx.Errors{{Sheet: "填报", Row: 5, Column: "J", Field: "last_year", Code: "valid.last_year_positive"}}), 422, "invalid_workbook", 1,
			"第 5 行 J 列（上年同期）：上年同期数须大于零", "row 5, column J (last_year): Last year's figure must be above zero"},
		{wrap(&xlsx.FileError{Kind: xlsx.ErrNotXLSX, Code: "old_xls"}), 400, "bad_request", 1, "文件不是可导入的填报表：这是旧版 .xls", "not a reporting form that can be imported: This is an old .xls"},
		{wrap(progress.ValidationErrors{{Field: "period", Code: "period_year", Args: []any{2022}}}), 422, "invalid", 1, "period: 期间应在 2022 年", "period: The period must be in 2022"},
		{wrap(progress.ValidationErrors{{Field: "period", Code: "period_frequency", Args: []any{"quarterly", "2022Q1"}}}), 422, "invalid", 1, "该指标按季报送，期间应写作 2022Q1", "reported quarterly: write the period like 2022Q1"},
		{wrap(&http.MaxBytesError{Limit: 1024}), 413, "too_large", 1, "过大", "1024"},
		{problem.BadRequest("JSON syntax error at byte 3"), 400, "bad_request", 1, "请求无法读取：JSON syntax error at byte 3", "byte 3"},
		{&problem.BodyError{Offset: 12, Reason: problem.BodyTrailing}, 422, "invalid_body", 1, "第 12 字节", "at byte 12"},
		{wrap(fmt.Errorf("%w: disk full", service.ErrUnavailable)), 503, "unavailable", 75, "本次未保存任何内容", "nothing was saved"},
		{wrap(invest.Errors{{Code: "name.required", Field: "name"}}), 422, "invalid", 1, "输入有误：", "The input has problems: "},
		{wrap(&invest.DuplicateError{ExistingID: 3, ExistingName: "重庆某公司", By: "name"}), 409, "duplicate", 1, "重庆某公司", "重庆某公司"},
		{wrap(&service.FedError{IndicatorID: 1}), 409, "pipeline_fed", 1, "招商", "pipeline"},
		{errors.New("some bug"), 500, "internal", 1, "服务器内部错误", "Internal error"},
	} {
		p := problem.Of(c.err)
		if p.Status != c.status || p.Code != c.code || p.Exit != c.exit {
			t.Errorf("%v: %d %s exit %d, want %d %s exit %d", c.err, p.Status, p.Code, p.Exit, c.status, c.code, c.exit)
		}
		zh, en := p.Message("zh"), p.Message("en")
		if !strings.Contains(zh, c.zh) || !strings.Contains(en, c.en) {
			t.Errorf("%v: messages %q / %q, want them to hold %q / %q", c.err, zh, en, c.zh, c.en)
		}
		if strings.HasPrefix(zh, "error.") || strings.HasPrefix(en, "error.") {
			t.Errorf("%v: message key %s has no sentence", c.err, p.Key)
		}
	}
}

// What would tell too much stays out of the message: why a permission was refused, and
// the text of an unexpected error.
func TestNoDetailsForRefusalsAndBugs(t *testing.T) {
	for _, err := range []error{
		&auth.DeniedError{Action: auth.ReportRead, Reason: "department 7 is not the user's"},
		errors.New("pq: relation secret_table does not exist"),
		fmt.Errorf("%w: disk I/O error at /var/lib/lantu/lantu.db", service.ErrUnavailable),
	} {
		p := problem.Of(err)
		for _, lang := range []string{"zh", "en"} {
			if m := p.Message(lang); strings.Contains(m, "department 7") || strings.Contains(m, "secret_table") || strings.Contains(m, "/var/lib") {
				t.Errorf("%q tells %q", m, err)
			}
		}
	}
}

// Every refusal of a report's rules has a code whose sentence exists in both languages:
// the English has no Han character, the Chinese no "a / b" pair; the error table says it
// in the reader's language, naming the field.
func TestValidationCodesSaid(t *testing.T) {
	d := func(s string) *decimal.Decimal { v := decimal.RequireFromString(s); return &v }
	monthly := plan.Indicator{ID: 1, Kind: plan.KindLevel, Frequency: plan.Monthly}
	growth := plan.Indicator{ID: 2, Kind: plan.KindGrowth, Frequency: plan.Monthly}
	share := plan.Indicator{ID: 3, Kind: plan.KindShare, Unit: "%"}
	period := func(s string) progress.Period {
		p, err := progress.ParsePeriod(s)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	mar := period("2022-03")
	rep := func(ind plan.Indicator, p progress.Period, edit func(*progress.Report)) progress.Report {
		r := progress.NewReport(ind, p, 1, time.Date(2022, 4, 1, 0, 0, 0, 0, time.UTC))
		edit(&r)
		return r
	}
	at := time.Date(2022, 4, 1, 0, 0, 0, 0, time.UTC)
	draft := rep(monthly, mar, func(r *progress.Report) {})
	submitted, err := progress.Apply(draft, progress.Change{Action: progress.ActSubmit, By: 1, At: at, Version: draft.Version})
	if err != nil {
		t.Fatal(err)
	}
	_, rejectErr := progress.Apply(submitted, progress.Change{Action: progress.ActReject, By: 2, At: at, Version: submitted.Version})
	cases := map[string]error{
		"indicator_mismatch": progress.Validate(rep(growth, mar, func(r *progress.Report) {}), monthly, 2022),
		"period_required":    progress.Validate(rep(monthly, progress.Period{}, func(r *progress.Report) {}), monthly, 2022),
		"period_frequency":   progress.Validate(rep(monthly, period("2022Q1"), func(r *progress.Report) {}), monthly, 2022),
		"period_year":        progress.Validate(rep(monthly, period("2030-03"), func(r *progress.Report) {}), monthly, 2022),
		"value_negative":     progress.Validate(rep(monthly, mar, func(r *progress.Report) { r.Value = *d("-1") }), monthly, 2022),
		"share_range":        progress.Validate(rep(share, period("2022"), func(r *progress.Report) { r.Value = *d("120") }), share, 2022),
		"last_year_required": progress.Validate(rep(growth, mar, func(r *progress.Report) { r.Amount = d("5") }), growth, 2022),
		"amount_required":    progress.Validate(rep(growth, mar, func(r *progress.Report) { r.LastYear = d("5") }), growth, 2022),
		"last_year_positive": progress.Validate(rep(growth, mar, func(r *progress.Report) { r.Amount, r.LastYear = d("5"), d("0") }), growth, 2022),
		"amount_growth_only": progress.Validate(rep(monthly, mar, func(r *progress.Report) { r.Amount = d("5") }), monthly, 2022),
		"figure_too_large":   progress.Validate(rep(monthly, mar, func(r *progress.Report) { r.Value = *d("1e20") }), monthly, 2022),
		"text_too_long":      progress.Validate(rep(monthly, mar, func(r *progress.Report) { r.Note = strings.Repeat("长", 2001) }), monthly, 2022),
		"reject_reason":      rejectErr,
		"unlock_reason":      progress.Unlock{Period: mar, Until: at}.Validate(),
		"unlock_until":       progress.Unlock{Period: mar, Reason: "补报"}.Validate(),
		"target_max_below":   progress.TargetRevision{Target: d("10"), TargetMax: d("5"), Qualifier: plan.QualExact}.Validate(),
		"qualifier":          progress.TargetRevision{Target: d("10"), Qualifier: "roughly"}.Validate(),
	}
	for code, err := range cases {
		var es progress.ValidationErrors
		var one *progress.ValidationError
		if !errors.As(err, &es) && errors.As(err, &one) {
			es = progress.ValidationErrors{one}
		}
		if len(es) != 1 || es[0].Code != code {
			t.Errorf("%s: got %v (%+v), want one error with that code", code, err, es)
			continue
		}
		p := problem.Of(err)
		zh, en := p.Message("zh"), p.Message("en")
		if p.Status != http.StatusUnprocessableEntity || !strings.Contains(zh, es[0].Field+": ") || !strings.Contains(en, es[0].Field+": ") {
			t.Errorf("%s: %d %q / %q, want 422 naming %s", code, p.Status, zh, en, es[0].Field)
		}
		for _, r := range en {
			if unicode.Is(unicode.Han, r) {
				t.Errorf("%s: Han in English: %q", code, en)
				break
			}
		}
		if strings.Contains(zh, " / ") || zh == en {
			t.Errorf("%s: not Chinese alone: %q", code, zh)
		}
	}
}
