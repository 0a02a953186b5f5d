package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// 申请解锁 through the real router: on 5 April January and February of fdi are locked.
// The clerk asks for January to be reopened (an open month, a second request of January
// and a request without a reason are refused, saying why); the head sees it on the review
// page (and in the nav's count), grants it, and the clerk files January. A request for
// February is declined with a reason the clerk reads on the worklist. Another
// department's reviewer sees no request and cannot decide one.
func TestUnlockRequestFlow(t *testing.T) { eachWorld(t, testUnlockRequestFlow) }

func testUnlockRequestFlow(t *testing.T, w *progressWorld) {
	clerk, head := w.browser(t, "clerk"), w.browser(t, "head")
	ask := fmt.Sprintf("/indicators/%d/unlock-requests", w.fdi)
	_, body := w.get(t, clerk, "/reports")
	r := row(t, body, "fdi")
	if !strings.Contains(r, `action="`+ask+`"`) || !strings.Contains(r, "申请解锁") {
		t.Fatalf("no 申请解锁 on the worklist row of a locked month: %s", r)
	}
	token := csrfOf(t, body)
	// Filing a locked month is refused; the form offers the request for that month.
	lockedCode, lockedPage, _ := w.post(t, clerk, fmt.Sprintf("/indicators/%d/reports", w.fdi), url.Values{"csrf": {token}, "period": {"2022-01"}, "value": {"2500万"}, "intent": {"draft"}})
	if lockedCode != http.StatusLocked || !strings.Contains(lockedPage, `action="`+ask+`"`) || !strings.Contains(lockedPage, `name="period" value="2022-01"`) {
		t.Errorf("a locked month's report form = %d without the request for January", lockedCode)
	}
	for _, tc := range []struct{ period, reason, fail string }{
		{"2022-03", "补报", "unlockreq_not_locked"},
		{"2022-01", " ", "unlockreq_reason"},
		{"2022Q1", "补报", "unlockreq_period"},
	} {
		code, page, where := w.post(t, clerk, ask, url.Values{"csrf": {token}, "period": {tc.period}, "reason": {tc.reason}})
		if code != 200 || where.Query().Get("fail") != tc.fail || !strings.Contains(page, "未提交") {
			t.Errorf("request %s %q = %d at %s, want fail=%s", tc.period, tc.reason, code, where, tc.fail)
		}
	}
	for _, p := range []string{"2022-01", "2022-02"} {
		code, _, where := w.post(t, clerk, ask, url.Values{"csrf": {token}, "period": {p}, "reason": {"统计局反馈口径调整，需补报" + p}})
		if code != 200 || where.Query().Get("done") != "unlock_requested" {
			t.Fatalf("request %s = %d at %s", p, code, where)
		}
	}
	if _, _, where := w.post(t, clerk, ask, url.Values{"csrf": {token}, "period": {"2022-01"}, "reason": {"再次申请"}}); where.Query().Get("fail") != "unlockreq_pending" {
		t.Errorf("a second request of January: %s", where)
	}
	_, body = w.get(t, clerk, "/reports")
	if r := row(t, body, "fdi"); strings.Count(r, "已申请解锁，待审核") != 2 {
		t.Errorf("the worklist does not say both requests wait: %s", r)
	}
	// The other department's reviewer sees nothing and decides nothing.
	other := w.browser(t, "urbanclerk")
	_, ob := w.get(t, other, "/reports")
	if strings.Contains(ob, "统计局反馈口径调整") {
		t.Errorf("another department's clerk sees the requests")
	}
	// The head: the requests on the review page, counted in the nav.
	_, body = w.get(t, head, "/review")
	if !strings.Contains(body, `id="unlock-requests"`) || !strings.Contains(body, "统计局反馈口径调整，需补报2022-01") {
		t.Fatalf("the review page lacks the requests")
	}
	if m := regexp.MustCompile(`id="nav-waiting"[^>]*>(\d+)<`).FindStringSubmatch(body); m == nil || m[1] != "2" {
		t.Errorf("nav count = %v, want 2 (two requests, no report waiting)", m)
	}
	ids := regexp.MustCompile(`action="/unlock-requests/(\d+)/grant"`).FindAllStringSubmatch(body, -1)
	if len(ids) != 2 {
		t.Fatalf("%d grant forms, want 2", len(ids))
	}
	// Newest first: February, then January.
	feb, jan := ids[0][1], ids[1][1]
	token = csrfOf(t, body)
	code, page, where := w.post(t, head, "/unlock-requests/"+feb+"/decline", url.Values{"csrf": {token}, "reason": {" "}})
	if code != 200 || where.Query().Get("fail") != "unlockreq_decline_reason" {
		t.Errorf("decline without a reason = %d at %s", code, where)
	}
	_ = page
	if code, _, where := w.post(t, head, "/unlock-requests/"+feb+"/decline", url.Values{"csrf": {token}, "reason": {"二月数据已按期报送，无需重报"}}); code != 200 || where.Query().Get("done") != "unlock_declined" {
		t.Errorf("decline = %d at %s", code, where)
	}
	if code, _, where := w.post(t, head, "/unlock-requests/"+jan+"/grant", url.Values{"csrf": {token}, "until": {"2022-04-12"}}); code != 200 || where.Query().Get("done") != "unlock_granted" {
		t.Fatalf("grant = %d at %s", code, where)
	}
	if code, _, _ := w.post(t, head, "/unlock-requests/"+jan+"/decline", url.Values{"csrf": {token}, "reason": {"晚了"}}); code != http.StatusConflict {
		t.Errorf("deciding a decided request = %d, want 409", code)
	}
	// The clerk: the reason of the decline, and January can be filed.
	_, body = w.get(t, clerk, "/reports")
	r = row(t, body, "fdi")
	if !strings.Contains(r, "二月数据已按期报送，无需重报") || !strings.Contains(r, "已同意") {
		t.Errorf("the worklist lacks the decisions: %s", r)
	}
	if !strings.Contains(r, fmt.Sprintf(`href="/indicators/%d/reports/new?period=2022-01"`, w.fdi)) {
		t.Errorf("January is not offered for filing after the grant: %s", r)
	}
	code, _, _ = w.post(t, clerk, fmt.Sprintf("/indicators/%d/reports", w.fdi), url.Values{"csrf": {csrfOf(t, body)}, "period": {"2022-01"}, "value": {"2500万"},
		"cause": {"补报"}, "remedy": {"按期报送"}, "intent": {"draft"}})
	if code != 200 {
		t.Fatalf("filing January after the grant = %d", code)
	}
	found := false
	for _, rep := range w.reports(t) {
		found = found || rep.Period.String() == "2022-01"
	}
	if !found {
		t.Error("January was not filed")
	}
	// In English, without Chinese of the page's own.
	_, body = w.get(t, clerk, "/reports?lang=en")
	if r := row(t, body, "fdi"); !strings.Contains(r, "was declined") {
		t.Errorf("English worklist: %s", r)
	}
}
