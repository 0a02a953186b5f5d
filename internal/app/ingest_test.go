package app

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// Paste the sample article, accept 铁路提单信用证 300单 as a new indicator, and follow
// its source link back to the marked span.
func TestIngestAcceptFlow(t *testing.T) {
	sample, err := os.ReadFile("../extract/testdata/000_0e76c140dce5f649.txt")
	if err != nil {
		t.Fatal(err)
	}
	st := storetest.SQLite(t)
	ts := newTestServer(t, st, true)
	ctx := context.Background()
	if _, _, err := ts.svc.CreateUser(ctx, service.System, service.NewUser{Login: "planner", Roles: []auth.Role{auth.RoleAdmin}, Password: "planner-password"}); err != nil {
		t.Fatal(err)
	}
	c := browser(t)
	signIn(t, c, ts.URL, "planner", "planner-password")
	tok := formToken(t, c, ts.URL+"/ingest")
	// A date that is not one is refused, with the form kept.
	res, err := c.PostForm(ts.URL+"/ingest", url.Values{"csrf": {tok}, "title": {"重庆日报样稿"}, "date": {"2022-13-40"}, "text": {string(sample)}})
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(page), "2022-13-40") || !strings.Contains(string(page), "重庆日报样稿") {
		t.Fatalf("bad date: %d", res.StatusCode)
	}
	res, err = c.PostForm(ts.URL+"/ingest", url.Values{"csrf": {tok}, "title": {"重庆日报样稿"}, "date": {"2022-03-31"}, "text": {string(sample)}})
	if err != nil {
		t.Fatal(err)
	}
	page, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.HasPrefix(res.Request.URL.Path, "/ingest/") {
		t.Fatalf("ingest = %d at %s", res.StatusCode, res.Request.URL)
	}
	body := string(page)
	// The document keeps the date it was given, and each fact says why its period and kind.
	if !strings.Contains(body, `<span id="doc-date">2022-03-31</span>`) {
		t.Error("the document's date is not shown")
	}
	if !regexp.MustCompile(`(?s)<td>铁路提单信用证<div class="why[^"]*"[^>]*>时期据本句“今年”；目标据本句“力争”</div>`).MatchString(body) {
		t.Error("300单 does not say why it is a 2022 target")
	}
	if n := strings.Count(body, `class="fact-row"`); n < 30 {
		t.Errorf("only %d facts listed", n)
	}
	// The form of the fact whose mention is 300单.
	m := regexp.MustCompile(`(?s)<mark class="fact fact-target" id="fact-(\d+)"[^>]*>300单</mark>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("300单 is not marked as a target in the text")
	}
	forms := regexp.MustCompile(`(?s)<form class="form accept" method="post" action="([^"]+)">.*?name="start" value="(\d+)"><input type="hidden" name="end" value="(\d+)">`).FindAllStringSubmatch(body, -1)
	n := 0
	for i, ch := 0, m[1]; i < len(ch); i++ {
		n = n*10 + int(ch[i]-'0')
	}
	if n < 1 || n > len(forms) {
		t.Fatalf("fact %d has no form (%d forms)", n, len(forms))
	}
	f := forms[n-1]
	program := regexp.MustCompile(`<option value="(\d+)">[^<]*开放`).FindStringSubmatch(body)
	if program == nil {
		program = regexp.MustCompile(`name="program"><optgroup label="[^"]*"><option value="(\d+)"`).FindStringSubmatch(body)
	}
	csrf := csrfInput.FindStringSubmatch(body)[1]
	noFollow := *c
	noFollow.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	res, err = noFollow.PostForm(ts.URL+f[1], url.Values{"csrf": {csrf}, "start": {f[2]}, "end": {f[3]}, "as": {"indicator"},
		"name": {"铁路提单信用证（新）"}, "program": {program[1]}, "dept": {"logistics"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/indicators/") {
		t.Fatalf("accept = %d to %q", res.StatusCode, loc)
	}
	// The new indicator is in the plan with its target and a link back to its span.
	_, planPage := get(t, c, ts.URL+"/")
	row := regexp.MustCompile(`(?s)<tr id="ind-\d+" data-indicator="ingest-[^"]+">.*?</tr>`).FindString(planPage)
	if !strings.Contains(row, "铁路提单信用证（新）") || !strings.Contains(row, "300单") {
		t.Fatalf("the accepted indicator is not in the plan: %q", row)
	}
	link := regexp.MustCompile(`href="(/plans/\d+/documents/[^"]+)"`).FindStringSubmatch(row)
	if link == nil {
		t.Fatal("the accepted indicator has no source link")
	}
	_, doc := get(t, c, ts.URL+strings.ReplaceAll(link[1], "&amp;", "&"))
	if !strings.Contains(doc, `<mark id="mark">300单</mark>`) {
		t.Errorf("the source link does not mark 300单")
	}
	es, _ := st.Audit(ctx, auditAll)
	if es[0].Action != "indicator.create" || es[0].UserLogin != "planner" {
		t.Errorf("latest audit = %+v", es[0])
	}
}
