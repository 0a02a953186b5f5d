package app

import (
	"context"
	"database/sql"
	"fmt"
	"github.com/lantu-dev/lantu/internal/store"
	"io"
	"net/http"
	"strings"
	"testing"
)

// call sends one request as a subject of the matrix world and returns status and body.
func (w *matrixWorld) call(t *testing.T, subject, method, path, ctype, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, w.srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if tok := w.tokens[subject]; tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	res, err := noRedirect().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

const form = "application/x-www-form-urlencoded"

// The pages answer with the status the API gives for the same refusal (one error
// table), and say it in the user's language: accepting a fact that is not in the
// document was a 500 on the ingest page.
func TestPagesAndAPIShareTheErrorTable(t *testing.T) {
	eachDB(t, func(t *testing.T, open func(testing.TB) *store.Store) {
		w := newMatrixWorldOn(t, open(t))
		accept := fmt.Sprintf("/ingest/%d/%s/accept", w.planID, w.docKey)
		apiAccept := fmt.Sprintf("/api/v1/plans/%d/documents/%s/accept", w.planID, w.docKey)
		for _, c := range []struct {
			name            string
			method, path    string
			ctype, body     string
			want            int
			wantText        string
			apiPath, apiBdy string
		}{
			{name: "unknown fact", method: "POST", path: accept, ctype: form, body: "start=9000&end=9010&as=indicator&program=" + fmt.Sprint(w.programID),
				want: 404, wantText: "文档的该位置没有可采纳的数据",
				apiPath: apiAccept, apiBdy: fmt.Sprintf(`{"start":9000,"end":9010,"as":"indicator","program_id":%d}`, w.programID)},
			{name: "unknown fact, English", method: "POST", path: accept + "?lang=en", ctype: form, body: "start=9000&end=9010&as=indicator&program=" + fmt.Sprint(w.programID),
				want: 404, wantText: "There is no fact at that place of the document"},
			{name: "no such report", method: "GET", path: "/reports/999999", want: 404, wantText: "找不到该页面或对象",
				apiPath: "/api/v1/reports/999999"},
			{name: "approve a draft", method: "POST", path: fmt.Sprintf("/reports/%d/approve", w.draft), ctype: form, body: "version=1",
				want: 303, apiPath: fmt.Sprintf("/api/v1/reports/%d/approve", w.draft), apiBdy: `{"version":1}`},
		} {
			t.Run(c.name, func(t *testing.T) {
				code, body := w.call(t, "admin", c.method, c.path, c.ctype, c.body)
				if code != c.want || !strings.Contains(body, c.wantText) {
					t.Errorf("page %s %s = %d, want %d with %q: %.300s", c.method, c.path, code, c.want, c.wantText, body)
				}
				if c.apiPath == "" {
					return
				}
				acode, abody := w.call(t, "admin", c.method, c.apiPath, "application/json", c.apiBdy)
				want := c.want
				if want == 303 {
					want = 409 // the page goes back to the report with the reason; the API says 409
				}
				if acode != want {
					t.Errorf("API %s %s = %d, want %d: %.300s", c.method, c.apiPath, acode, want, abody)
				}
			})
		}
	})
}

// JSON bodies are read strictly: more after the value, or bytes that are not UTF-8, are
// refused with 422 naming the byte offset, and nothing is stored.
func TestAPIRefusesTrailingDataAndInvalidUTF8(t *testing.T) {
	eachDB(t, func(t *testing.T, open func(testing.TB) *store.Store) {
		w := newMatrixWorldOn(t, open(t))
		ctx := context.Background()
		before, err := w.svc.Tokens(ctx, actorOf(t, w.svc, "office"))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name, body, want string
		}{
			{"second value", `{"name":"x"} {"name":"y"}`, "第 13 字节"},
			{"garbage", `{"name":"x"}garbage`, "第 12 字节"},
			{"second value, English", `{"name":"x"}  []`, "at byte 14"},
			{"latin-1 byte", "{\"name\":\"caf\xe9\"}", "第 12 字节起不是 UTF-8"},
			{"GBK text (沙坪坝; its first two characters happen to read as UTF-8)", "{\"name\":\"" + "\xc9\xb3\xc6\xba\xb0\xd3" + "\"}", "第 13 字节起不是 UTF-8"},
		} {
			t.Run(c.name, func(t *testing.T) {
				path := "/api/v1/tokens"
				if strings.Contains(c.name, "English") {
					path += "?lang=en"
				}
				code, body := w.call(t, "admin", "POST", path, "application/json", c.body)
				if code != http.StatusUnprocessableEntity || !strings.Contains(body, c.want) || !strings.Contains(body, `"code":"invalid_body"`) {
					t.Errorf("%q = %d %s, want 422 naming %q", c.body, code, body, c.want)
				}
			})
		}
		// White space after the value is fine.
		if code, body := w.call(t, "admin", "POST", "/api/v1/tokens", "application/json", "{\"name\":\"ok\"}\r\n \n"); code != http.StatusCreated {
			t.Errorf("JSON with trailing white space = %d: %s", code, body)
		}
		after, err := w.svc.Tokens(ctx, actorOf(t, w.svc, "office"))
		if err != nil {
			t.Fatal(err)
		}
		if len(after) != len(before)+1 {
			t.Errorf("tokens: %d before, %d after; want exactly the one well-formed request stored", len(before), len(after))
		}
	})
}

// A full disk reaches the user as "the server cannot store now; nothing was saved"
// (503), on the pages and the API, in Chinese by default; and nothing is saved.
func TestFullDiskSaysNothingWasSaved(t *testing.T) {
	w := newMatrixWorld(t)
	fillDisk(t, w.svc.Store().DB())
	big := strings.Repeat("很长的说明", 380) // 5,700 bytes: more than a page, so new pages are needed
	code, body := w.call(t, "admin", "POST", fmt.Sprintf("/indicators/%d/reports", w.indicator), form,
		"period=2022-05&value=1&cause=c&remedy=r&note="+big)
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "服务器暂时无法保存数据，本次未保存任何内容") {
		t.Errorf("page on a full disk = %d: %.400s", code, body)
	}
	code, body = w.call(t, "admin", "POST", fmt.Sprintf("/api/v1/indicators/%d/reports?lang=en", w.indicator), "application/json",
		`{"period":"2022-05","value":1,"cause":"c","remedy":"r","note":"`+big+`"}`)
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "The server cannot store now; nothing was saved") || !strings.Contains(body, `"code":"unavailable"`) {
		t.Errorf("API on a full disk = %d: %.400s", code, body)
	}
	rs, err := w.svc.Store().IndicatorReports(context.Background(), w.indicator)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.Period.String() == "2022-05" {
			t.Errorf("a report was saved on a full disk: %+v", r.Report)
		}
	}
}

// fillDisk makes the SQLite database full: no page may be added (SQLITE_FULL), as on a
// full disk.
func fillDisk(t *testing.T, db *sql.DB) {
	t.Helper()
	db.SetMaxOpenConns(1) // max_page_count holds per connection
	var pages int
	if err := db.QueryRow(`PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(fmt.Sprintf(`PRAGMA max_page_count = %d`, pages+4)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE filler (b BLOB)`); err != nil {
		t.Fatal(err)
	}
	for i := 0; ; i++ {
		if _, err := db.Exec(`INSERT INTO filler VALUES (zeroblob(1000))`); err != nil {
			break
		}
		if i > 100000 {
			t.Fatal("the database does not fill up")
		}
	}
}
