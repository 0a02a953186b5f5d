package app

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/service"
)

// An admin gives 外商直接投资 from 区商务委 to 区城市管理局 on the plan page; a refused
// form keeps what was typed; then the new department's clerk finds it on the worklist and
// the old department's clerk no longer does.
func TestBrowserPlanEditOwner(t *testing.T) {
	ctx := newBrowser(t)
	s := newProgressSite(t)
	for _, u := range []service.NewUser{
		{Login: "urbanclerk", DisplayName: "赵敏", Roles: []auth.Role{auth.RoleReporter}, DeptCodes: []string{"urban"}},
		{Login: "office", DisplayName: "规划科", Roles: []auth.Role{auth.RoleAdmin}},
	} {
		u.Password = u.Login + "-password-1"
		if _, _, err := s.svc.CreateUser(context.Background(), service.System, u); err != nil {
			t.Fatal(err)
		}
	}
	row := `tr[data-indicator="fdi"]`
	worklistHas := func(login string) bool {
		t.Helper()
		browserSignIn(t, ctx, s.URL, login, login+"-password-1")
		browserClick(t, ctx, `nav.nav a[href="/reports"]`, http.StatusOK)
		has := browserHas(t, ctx, row)
		browserSignOut(t, ctx)
		return has
	}
	if !worklistHas("clerk") || worklistHas("urbanclerk") {
		t.Fatal("before the edit, 外商直接投资 should be on 区商务委's worklist only")
	}

	browserSignIn(t, ctx, s.URL, "office", "office-password-1")
	browserClick(t, ctx, `nav.nav a[href="/admin/plan"]`, http.StatusOK)
	browserShot(t, ctx, "planedit-01-tree")
	browserClick(t, ctx, fmt.Sprintf(`a[href="/admin/plan/indicators/%d"]`, s.fdi), http.StatusOK)
	if got := browserValue(t, ctx, `select[name=department]`); got != "commerce" {
		t.Fatalf("the form's owner reads %q", got)
	}
	// A target that is not a number: refused, the field named, the typing kept.
	setValue := func(sel, v string) {
		t.Helper()
		browserEval[bool](t, ctx, fmt.Sprintf(`(e => { e.value = %q; return true })(document.querySelector(%q))`, v, sel))
	}
	setValue(`select[name=department]`, "urban")
	setValue(`input[name=target]`, "3亿")
	setValue(`input[name=name]`, "外商直接投资（城管）")
	browserClick(t, ctx, `form[action="/admin/plan/indicators/`+fmt.Sprint(s.fdi)+`"] button[type=submit]`, http.StatusUnprocessableEntity)
	browserShot(t, ctx, "planedit-02-refused")
	browserWantText(t, ctx, `label:has(> input[name=target]) .field-error`, "请填写数字")
	if v := browserValue(t, ctx, `input[name=name]`); v != "外商直接投资（城管）" {
		t.Errorf("the name typed was lost: %q", v)
	}
	if v := browserValue(t, ctx, `select[name=department]`); v != "urban" {
		t.Errorf("the owner chosen was lost: %q", v)
	}
	if ind, _ := s.svc.Store().Indicator(context.Background(), s.fdi); ind.DeptCode != "commerce" || ind.EditVersion != 1 {
		t.Fatalf("a refused form changed the indicator: %+v", ind)
	}
	setValue(`input[name=target]`, "300000000")
	browserClick(t, ctx, `form[action="/admin/plan/indicators/`+fmt.Sprint(s.fdi)+`"] button[type=submit]`, http.StatusOK)
	if u := browserAt(t, ctx); u.Path != "/admin/plan" || u.Query().Get("done") != "saved" {
		t.Errorf("after saving: at %s", u)
	}
	browserWantText(t, ctx, `.flash`, "已保存")
	browserSignOut(t, ctx)

	if worklistHas("clerk") {
		t.Error("区商务委's clerk still has 外商直接投资 on the worklist")
	}
	if !worklistHas("urbanclerk") {
		t.Error("区城市管理局's clerk does not have 外商直接投资 on the worklist")
	}
	if ind, _ := s.svc.Store().Indicator(context.Background(), s.fdi); ind.DeptCode != "urban" || ind.Name != "外商直接投资（城管）" {
		t.Errorf("after the edit: %+v", ind)
	}
}
