package app

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// Accepting an ingested fact through the real router, on both databases: a new indicator
// needs its program and owner department (refused naming each missing field, nothing
// created); a name the plan already has is refused with that indicator offered as the
// target's or baseline's home instead; taking the offer revises that indicator's target;
// the same fact accepted again is refused with where it went, and the page says so beside
// the fact; "create anyway" still creates.
func TestIngestAcceptAsksAndWarns(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		ts := newTestServer(t, st, true)
		if _, _, err := ts.svc.CreateUser(ctx, service.System, service.NewUser{Login: "planner", Roles: []auth.Role{auth.RoleAdmin}, Password: "planner-password"}); err != nil {
			t.Fatal(err)
		}
		c := browser(t)
		signIn(t, c, ts.URL, "planner", "planner-password")
		tok := formToken(t, c, ts.URL+"/ingest")
		res, err := c.PostForm(ts.URL+"/ingest", url.Values{"csrf": {tok}, "title": {"物流通报"}, "date": {"2022-03-20"},
			"text": {"铁路提单信用证今年力争达到500单。多式联运“一单制”签发今年力争达到1200票。"}})
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.HasPrefix(res.Request.URL.Path, "/ingest/") {
			t.Fatalf("ingest = %d at %s", res.StatusCode, res.Request.URL)
		}
		docURL := res.Request.URL.String()
		forms := regexp.MustCompile(`(?s)<form class="form accept" method="post" action="([^"]+)">.*?name="start" value="(\d+)"><input type="hidden" name="end" value="(\d+)">`).FindAllStringSubmatch(string(page), -1)
		if len(forms) != 2 {
			t.Fatalf("%d accept forms, want 2", len(forms))
		}
		program := regexp.MustCompile(`<option value="(\d+)"\s*>[^<]*开放`).FindStringSubmatch(string(page))
		if program == nil {
			t.Fatal("no program to choose")
		}
		csrf := csrfInput.FindStringSubmatch(string(page))[1]
		count := func() int {
			inds, err := ts.svc.Store().PlanIndicators(ctx, ts.planID)
			if err != nil {
				t.Fatal(err)
			}
			return len(inds)
		}
		before := count()
		accept := func(f []string, v url.Values) (int, string, string) {
			t.Helper()
			v.Set("csrf", csrf)
			v.Set("start", f[2])
			v.Set("end", f[3])
			res, err := noRedirectWith(c).PostForm(ts.URL+f[1], v)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			return res.StatusCode, res.Header.Get("Location"), string(b)
		}

		// Neither program nor department: refused, naming both, nothing created.
		code, _, body := accept(forms[0], url.Values{"as": {"indicator"}, "name": {"铁路提单信用证（新）"}, "program": {""}, "dept": {""}})
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "请选择所属工程/计划、责任单位") {
			t.Errorf("accept without program and department = %d; page says %q", code, flashText(body))
		}
		// A program but no department: the department is named, and the program chosen is kept.
		code, _, body = accept(forms[0], url.Values{"as": {"indicator"}, "name": {"铁路提单信用证（新）"}, "program": {program[1]}, "dept": {""}})
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "请选择责任单位") || strings.Contains(flashText(body), "工程") {
			t.Errorf("accept without department = %d; page says %q", code, flashText(body))
		}
		if !strings.Contains(body, `<option value="`+program[1]+`" selected>`) {
			t.Error("the program chosen is not kept in the refused form")
		}
		if n := count(); n != before {
			t.Fatalf("a refused acceptance created %d indicators", n-before)
		}

		// The plan's own name: refused with the indicator offered.
		rail, err := ts.svc.Store().IndicatorByCode(ctx, ts.planID, "rail-bill-lc")
		if err != nil {
			t.Fatal(err)
		}
		code, _, body = accept(forms[0], url.Values{"as": {"indicator"}, "name": {rail.Name}, "program": {program[1]}, "dept": {"logistics"}})
		if code != http.StatusConflict || !strings.Contains(body, "本计划已有同名指标“"+rail.Name+"”") || !strings.Contains(body, `id="same-target"`) ||
			!strings.Contains(body, `name="indicator" value="`+strconv.FormatInt(rail.ID, 10)+`"`) {
			t.Errorf("accept under an existing name = %d; page says %q", code, flashText(body))
		}
		if n := count(); n != before {
			t.Fatal("a duplicate indicator was created")
		}
		// Take the offer: the fact becomes that indicator's target (a revision in force from 1 January).
		code, loc, _ := accept(forms[0], url.Values{"as": {"target"}, "indicator": {strconv.FormatInt(rail.ID, 10)}})
		if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/indicators/"+strconv.FormatInt(rail.ID, 10)) {
			t.Fatalf("accept as the target = %d to %q", code, loc)
		}
		revs, err := ts.svc.Store().TargetRevisions(ctx, 0, rail.ID)
		if err != nil {
			t.Fatal(err)
		}
		if rs := revs[rail.ID]; len(rs) != 1 || rs[0].Target == nil || rs[0].Target.String() != "500" || !strings.Contains(rs[0].Reason, "物流通报") {
			t.Errorf("the target revision: %+v", rs)
		}
		// The same fact again: refused with where it went; the page marks it accepted.
		code, _, body = accept(forms[0], url.Values{"as": {"indicator"}, "name": {"另一个名字"}, "program": {program[1]}, "dept": {"logistics"}})
		if code != http.StatusConflict || !strings.Contains(body, "此数据已采纳为“"+rail.Name+"”的目标值") {
			t.Errorf("accepting again = %d; page says %q", code, flashText(body))
		}
		if n := count(); n != before {
			t.Fatal("accepting again created an indicator")
		}
		_, doc := get(t, c, docURL)
		if !regexp.MustCompile(`id="accepted-1"><span class="tag">已采纳</span> <a href="/indicators/` + strconv.FormatInt(rail.ID, 10) + `">`).MatchString(doc) {
			t.Error("the document page does not say where fact 1 went")
		}
		if strings.Count(doc, `<form class="form accept"`) != 1 {
			t.Error("the accepted fact still offers its accept form")
		}
		// Create anyway: a second fact under the existing name, asked for on purpose.
		code, loc, _ = accept(forms[1], url.Values{"as": {"indicator"}, "anyway": {"1"}, "name": {rail.Name}, "program": {program[1]}, "dept": {"logistics"}})
		if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/indicators/") || count() != before+1 {
			t.Errorf("create anyway = %d to %q, %d new", code, loc, count()-before)
		}
		// Accepted once, the fact is not taken again in another form either.
		if code, _, _ = accept(forms[1], url.Values{"as": {"report"}, "indicator": {strconv.FormatInt(rail.ID, 10)}}); code != http.StatusConflict {
			t.Errorf("a report of an accepted fact = %d, want 409", code)
		}
	})
}

// flashText is the error flash of a page, for failure messages.
func flashText(body string) string {
	m := regexp.MustCompile(`(?s)<div class="flash flash-error" role="alert">(.*?)</div>`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1]
}
