package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lantu-dev/lantu/internal/docx"
)

// The leader's pages through the real router: who may open them, what they say, the
// downloads, and the filtered status board.
func TestLeaderPages(t *testing.T) { eachWorld(t, testLeaderPages) }

func testLeaderPages(t *testing.T, w *progressWorld) {
	anon, leader, clerk := w.browser(t, ""), w.browser(t, "leader"), w.browser(t, "clerk")
	for _, path := range []string{"/cockpit", "/ranking", "/bulletin", "/bulletin.docx"} {
		res, err := (&http.Client{Jar: anon.Jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Get(w.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Errorf("%s for a visitor: %d %s, want the sign-in page", path, res.StatusCode, res.Header.Get("Location"))
		}
	}
	for _, c := range []struct {
		path  string
		wants []string
	}{
		{"/cockpit", []string{"领导驾驶舱", "33.3%", "开放引领示范区", "服务贸易进出口总额", "区商务委", "4 期次未报"}},
		{"/ranking", []string{"部门红黄绿灯排名", "区城市管理局", "lamp-green", "绿灯", "60%", "6/10"}},
		{"/ranking?sort=name", []string{"aria-sort=\"ascending\""}},
		{"/bulletin?month=2022-02", []string{"2022年2月", "四、逾期未报清单", "数据截至2022-02-28"}},
		{"/cockpit?lang=en", []string{"Leader&#39;s cockpit", "Behind or overdue", "Departments that have not reported"}},
	} {
		code, body := w.get(t, leader, c.path)
		if code != http.StatusOK {
			t.Errorf("%s: %d", c.path, code)
			continue
		}
		for _, s := range c.wants {
			if !strings.Contains(body, s) {
				t.Errorf("%s lacks %q", c.path, s)
			}
		}
	}
	// Every role reads the cockpit of its region (plan.read_internal).
	if code, _ := w.get(t, clerk, "/cockpit"); code != http.StatusOK {
		t.Errorf("cockpit for a clerk: %d", code)
	}
	// A bad month is the reader's mistake, said as such.
	if code, body := w.get(t, leader, "/bulletin?month=2023-01&lang=zh"); code != http.StatusUnprocessableEntity || !strings.Contains(body, "通报月份应为本规划年度内的月份") {
		t.Errorf("bulletin of a month outside the plan: %d, want 422 and what to do", code)
	}
	if code, _ := w.get(t, leader, "/bulletin?month=March"); code != http.StatusUnprocessableEntity {
		t.Errorf("bulletin of a month that is not YYYY-MM: %d, want 422", code)
	}

	// The Word document downloads and reads back.
	res, err := leader.Get(w.srv.URL + "/bulletin.docx?month=2022-03&lang=zh")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(res.Header.Get("Content-Disposition"), "bulletin-") || !strings.Contains(res.Header.Get("Content-Type"), "wordprocessingml") {
		t.Errorf("docx headers: %v", res.Header)
	}
	blocks, err := docx.Read(data)
	if err != nil || len(blocks) < 10 || !strings.Contains(blocks[0].Text, "月度通报") {
		t.Errorf("the downloaded bulletin: %v, %d blocks, first %+v", err, len(blocks), blocks[0])
	}

	// The status board, filtered in the URL, on the page and in the workbook.
	code, body := w.get(t, anon, "/status?dept=commerce&status=attention&hide=notarget")
	if code != http.StatusOK {
		t.Fatalf("filtered status: %d", code)
	}
	n := len(regexp.MustCompile(`<tr id="ind-\d+" data-indicator=`).FindAllString(body, -1))
	if n == 0 || n > 4 || !strings.Contains(body, `<option value="commerce" selected>`) || !strings.Contains(body, `name="hide" value="notarget" checked`) {
		t.Errorf("filtered status board: %d rows; filter not kept in the form", n)
	}
	res, err = anon.Get(w.srv.URL + "/status.xlsx?status=good")
	if err != nil {
		t.Fatal(err)
	}
	data, _ = io.ReadAll(res.Body)
	res.Body.Close()
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("status.xlsx: %v", err)
	}
	if sheets := x.GetSheetList(); len(sheets) != 1 { // the public gets no ranking
		t.Errorf("public workbook sheets %q", sheets)
	}
	x.Close()

	// Zone and program pages, and the indicator's breadcrumbs to them.
	_, body = w.get(t, anon, "/indicators/"+itoa(w.fdi))
	m := regexp.MustCompile(`href="(/zones/\d+)\?plan=\d+">([^<]+)</a> › <a href="(/programs/\d+)`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no breadcrumbs to the zone and program on the indicator page")
	}
	if code, zb := w.get(t, anon, m[1]); code != http.StatusOK || !strings.Contains(zb, "<h1>"+m[2]+"</h1>") || !strings.Contains(zb, "外商直接投资") {
		t.Errorf("zone page %s: %d", m[1], code)
	}
	if code, pb := w.get(t, anon, m[3]); code != http.StatusOK || !strings.Contains(pb, "外商直接投资") {
		t.Errorf("program page %s: %d", m[3], code)
	}
	if code, _ := w.get(t, anon, "/zones/99999"); code != http.StatusNotFound {
		t.Errorf("unknown zone: %d", code)
	}
}

// Static files: hashed names, a year's cache, gzip for text; the favicon.
func TestAssetsCompressed(t *testing.T) {
	w := newProgressWorld(t)
	c := w.browser(t, "")
	_, body := w.get(t, c, "/")
	m := regexp.MustCompile(`href="(/static/lantu\.[0-9a-f]{8}\.css)"`).FindStringSubmatch(body)
	ico := regexp.MustCompile(`rel="icon"[^>]*href="(/static/favicon\.[0-9a-f]{8}\.svg)"`).FindStringSubmatch(body)
	if m == nil || ico == nil {
		t.Fatal("no hashed stylesheet or icon in the layout")
	}
	req, _ := http.NewRequest("GET", w.srv.URL+m[1], nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(res.Header.Get("Cache-Control"), "max-age=31536000") {
		t.Fatalf("stylesheet headers: %v", res.Header)
	}
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	css, _ := io.ReadAll(zr)
	if !strings.Contains(string(css), ".badge-on_track") {
		t.Error("the gzipped stylesheet does not read back")
	}
	// Without gzip the file comes plain.
	req.Header.Set("Accept-Encoding", "identity")
	res2, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	res2.Body.Close()
	if res2.Header.Get("Content-Encoding") != "" {
		t.Errorf("identity asked, %q sent", res2.Header.Get("Content-Encoding"))
	}
	nr := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res3, err := nr.Get(w.srv.URL + "/favicon.ico")
	if err != nil {
		t.Fatal(err)
	}
	res3.Body.Close()
	if res3.StatusCode != http.StatusMovedPermanently || res3.Header.Get("Location") != ico[1] {
		t.Errorf("/favicon.ico: %d → %s", res3.StatusCode, res3.Header.Get("Location"))
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
