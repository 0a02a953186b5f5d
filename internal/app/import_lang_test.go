package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
	"github.com/lantu-dev/lantu/internal/xlsx"
	"github.com/xuri/excelize/v2"
)

// hasHan reports a Han character in s.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// bilingual finds an "a / b" pair of Chinese and English in a Chinese message.
var bilingual = regexp.MustCompile(`\p{Han}[^\n/]*\s/\s[A-Za-z]`)

// A refused Excel or CSV import and a refused report, through the real router, in
// Chinese and in English: the page (and the API's error) says why in the reader's
// language from message keys, naming the row and the field; the English answer has no
// Han character, the Chinese no "a / b" pair; and nothing is imported.
func TestImportRefusalsInLanguage(t *testing.T) {
	storetest.Each(t, testImportRefusals)
}

func testImportRefusals(t *testing.T, st *store.Store) {
	ts := newInvestServer(t, st)
	green := ts.indicatorID(t, "new-green-area")
	trade := ts.indicatorID(t, "trade-growth")
	greenCode := "new-green-area"

	// The urban department's form for March, as downloaded, with one bad cell.
	req, _ := http.NewRequest("GET", fmt.Sprintf("%s/reports/workbook/template?plan=%d&dept=urban&period=2022-03&format=xlsx", ts.URL, ts.planID), nil)
	req.Header.Set("Authorization", "Bearer "+ts.tokens["urbanclerk"])
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	form, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("template = %d", res.StatusCode)
	}
	f, err := excelize.OpenReader(bytes.NewReader(form))
	if err != nil {
		t.Fatal(err)
	}
	greenRow := workbookRow(t, f, greenCode)
	if err := f.SetCellStr(xlsx.SheetForm, fmt.Sprintf("H%d", greenRow), "abc"); err != nil {
		t.Fatal(err)
	}
	var badXLSX bytes.Buffer
	if err := f.Write(&badXLSX); err != nil {
		t.Fatal(err)
	}
	f.Close()

	type cell struct {
		row         int
		field, code string
		args        []any
	}
	uploads := []struct {
		name, file, body string
		status           int
		cells            []cell // the bad cells, each named
		notForm          string // the code of a file that is no form at all
	}{
		{name: "xlsx: a figure that is not a number", file: "urban.xlsx", body: badXLSX.String(), status: 422,
			cells: []cell{{greenRow, "value", xlsx.CodeNotNumber, nil}}},
		{name: "csv: not a number and a repeated indicator", file: "urban.csv", status: 422,
			body:  fmt.Sprintf("id,code,period,value\n%d,%s,2022-03,abc\n%d,%s,2022-03,5\n", green, greenCode, green, greenCode),
			cells: []cell{{2, "value", xlsx.CodeNotNumber, nil}, {3, "id", "id_repeated", []any{2}}}},
		{name: "csv: a negative figure (the report's rule)", file: "urban.csv", status: 422,
			body:  fmt.Sprintf("id,code,period,value\n%d,%s,2022-04,-5\n", green, greenCode),
			cells: []cell{{2, "value", "valid.value_negative", nil}}},
		{name: "csv: a report already approved", file: "urban.csv", status: 422,
			body:  fmt.Sprintf("id,code,period,value\n%d,%s,2022-03,5\n", green, greenCode),
			cells: []cell{{2, "period", "already_filed", []any{"approved"}}}},
		{name: "csv: a period of the wrong year", file: "urban.csv", status: 422,
			body:  fmt.Sprintf("id,code,period,value\n%d,%s,2030-03,5\n", green, greenCode),
			cells: []cell{{2, "period", "valid.period_year", []any{2022}}}},
		{name: "not a form at all", file: "urban.xlsx", body: "just some text", status: 422, notForm: "not_xlsx"},
	}
	before := len(reportsOf(t, ts))
	for _, u := range uploads {
		for _, lang := range []string{"zh", "en"} {
			t.Run("web/"+u.name+"/"+lang, func(t *testing.T) {
				var body bytes.Buffer
				mw := multipart.NewWriter(&body)
				_ = mw.WriteField("plan", fmt.Sprint(ts.planID))
				_ = mw.WriteField("submit", "1")
				fw, _ := mw.CreateFormFile("file", u.file)
				_, _ = fw.Write([]byte(u.body))
				_ = mw.Close()
				req, _ := http.NewRequest("POST", ts.URL+"/reports/workbook?lang="+lang, &body)
				req.Header.Set("Content-Type", mw.FormDataContentType())
				req.Header.Set("Authorization", "Bearer "+ts.tokens["urbanclerk"])
				res, err := noRedirect().Do(req)
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(res.Body)
				res.Body.Close()
				page := html.UnescapeString(string(b))
				if res.StatusCode != u.status {
					t.Fatalf("status %d, want %d: %.300s", res.StatusCode, u.status, page)
				}
				said := flashOf(string(b))
				if i := strings.Index(page, `<table class="table cell-errors">`); i >= 0 {
					said += page[i : i+strings.Index(page[i:], "</table>")]
				}
				said = html.UnescapeString(said)
				if u.notForm != "" {
					if want := i18n.WorkbookFile(lang, u.notForm); !strings.Contains(said, want) {
						t.Errorf("the page lacks %q; it says %q", want, said)
					}
				}
				for _, c := range u.cells {
					reason := i18n.WorkbookReason(lang, c.code, c.args, "")
					row := fmt.Sprintf(`<td class="num">%d</td>`, c.row)
					field := "<td>" + i18n.WorkbookField(lang, c.field) + "</td>"
					if !strings.Contains(said, reason) || !strings.Contains(said, row) || !strings.Contains(said, field) {
						t.Errorf("row %d, %s: %q not named with %q; the page says %q", c.row, c.field, c.code, reason, said)
					}
				}
				checkLanguage(t, lang, said)
			})
		}
		for _, lang := range []string{"zh", "en"} {
			t.Run("api/"+u.name+"/"+lang, func(t *testing.T) {
				q := url.Values{"lang": {lang}}
				if strings.HasSuffix(u.file, ".csv") {
					q.Set("format", "csv")
				}
				req, _ := http.NewRequest("POST", fmt.Sprintf("%s/api/v1/plans/%d/reports/import?%s", ts.URL, ts.planID, q.Encode()), strings.NewReader(u.body))
				req.Header.Set("Authorization", "Bearer "+ts.tokens["urbanclerk"])
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				var out struct {
					Error struct {
						Code    string `json:"code"`
						Message string `json:"message"`
						Fields  []struct {
							Field string `json:"field"`
							Row   int    `json:"row"`
						} `json:"fields"`
					} `json:"error"`
				}
				err = json.NewDecoder(res.Body).Decode(&out)
				res.Body.Close()
				if err != nil || res.StatusCode < 400 {
					t.Fatalf("status %d, %v", res.StatusCode, err)
				}
				if u.notForm != "" {
					if want := i18n.WorkbookFile(lang, u.notForm); res.StatusCode != 400 || !strings.Contains(out.Error.Message, want) {
						t.Errorf("%d %q, want 400 and %q", res.StatusCode, out.Error.Message, want)
					}
				}
				for _, c := range u.cells {
					line := i18n.WorkbookCell(lang, "", c.row, "", c.field, "", c.code, c.args, "")
					line = line[strings.Index(line, i18n.WorkbookField(lang, c.field)):] // the field and the reason; the column is the file's
					found := false
					for _, fe := range out.Error.Fields {
						found = found || fe.Row == c.row && fe.Field == c.field
					}
					if res.StatusCode != 422 || !found || !strings.Contains(out.Error.Message, i18n.WorkbookReason(lang, c.code, c.args, "")) ||
						!strings.Contains(out.Error.Message, fmt.Sprint(c.row)) || !strings.Contains(out.Error.Message, i18n.WorkbookField(lang, c.field)) {
						t.Errorf("%d %q (fields %+v): row %d %s not named as %q", res.StatusCode, out.Error.Message, out.Error.Fields, c.row, c.field, line)
					}
				}
				checkLanguage(t, lang, out.Error.Message)
			})
		}
	}
	if after := len(reportsOf(t, ts)); after != before {
		t.Errorf("refused files stored %d reports", after-before)
	}

	// The report form refused for its period, sign and growth pair.
	forms := []struct {
		name, who string
		id        int64
		values    url.Values
		code      string
		args      []any
	}{
		{"period of another year", "urbanclerk", green, url.Values{"period": {"2030-03"}, "value": {"5"}}, "period_year", []any{2022}},
		{"a quarter for a monthly indicator", "urbanclerk", green, url.Values{"period": {"2022Q1"}, "value": {"5"}}, "period_frequency", []any{"monthly", "2022-01"}},
		{"a negative level", "urbanclerk", green, url.Values{"period": {"2022-04"}, "value": {"-5"}}, "value_negative", nil},
		{"amount without last year", "office", trade, url.Values{"period": {"2022-04"}, "value": {"5"}, "amount": {"100"}}, "last_year_required", nil},
		{"last year without amount", "office", trade, url.Values{"period": {"2022-04"}, "value": {"5"}, "last_year": {"100"}}, "amount_required", nil},
		{"last year zero", "office", trade, url.Values{"period": {"2022-04"}, "value": {"5"}, "amount": {"100"}, "last_year": {"0"}}, "last_year_positive", nil},
	}
	for _, c := range forms {
		for _, lang := range []string{"zh", "en"} {
			t.Run("report/"+c.name+"/"+lang, func(t *testing.T) {
				req, _ := http.NewRequest("POST", fmt.Sprintf("%s/indicators/%d/reports?lang=%s", ts.URL, c.id, lang), strings.NewReader(c.values.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set("Authorization", "Bearer "+ts.tokens[c.who])
				res, err := noRedirect().Do(req)
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if res.StatusCode != 422 {
					t.Fatalf("status %d (%s), want 422: %q", res.StatusCode, res.Header.Get("Location"), flashOf(string(b)))
				}
				said := html.UnescapeString(flashOf(string(b)))
				if want := i18n.ValidationText(lang, c.code, c.args, ""); want == "" || !strings.Contains(said, want) {
					t.Errorf("the page lacks %q; it says %q", want, said)
				}
				for k, v := range c.values {
					if !strings.Contains(string(b), `value="`+v[0]+`"`) {
						t.Errorf("what was typed in %s is lost", k)
					}
				}
				checkLanguage(t, lang, said)
			})
		}
	}
}

// checkLanguage fails on Han characters or full-width punctuation in an English answer and on a message in two
// languages ("a / b") or a raw code in a Chinese one.
func checkLanguage(t *testing.T, lang, said string) {
	t.Helper()
	if strings.TrimSpace(said) == "" {
		t.Fatal("nothing said")
	}
	if lang == "en" && hasHan(said) {
		t.Errorf("Han characters in English: %q", said)
	}
	if lang == "en" && strings.ContainsAny(said, "：（）。，；") {
		t.Errorf("Chinese full-width punctuation in English: %q", said)
	}
	if lang == "zh" && (bilingual.MatchString(said) || strings.Contains(said, "not_number") || strings.Contains(said, "valid.")) {
		t.Errorf("two languages or a raw code in Chinese: %q", said)
	}
}

// reportsOf is every report of the plan.
func reportsOf(t *testing.T, ts *investServer) []int64 {
	t.Helper()
	rs, err := ts.svc.Store().PlanReports(t.Context(), ts.planID)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	return ids
}
