package app

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// A refused plan file, uploaded on the admin page through the real router, is listed
// problem by problem with its line and field in the reader's language: in Chinese
// without English sentences, in English without Chinese ones (the file's own values
// aside); a file that does not read as a plan file names its line and what to do.
func TestPlanFileImportErrorsInLanguage(t *testing.T) {
	ts := newInvestServer(t, storetest.SQLite(t))
	small, err := os.ReadFile("../planfile/testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// Line 40 says quarterly, line 37 kind: level.
	bad := bytes.Replace(small, []byte("            frequency: quarterly"), []byte("            frequency: weekly"), 1)
	bad = bytes.Replace(bad, []byte("            kind: level\n"), []byte("            kind: ratio\n"), 1)
	unknown := bytes.Replace(small, []byte("            frequency: quarterly"), []byte("            frequncy: quarterly"), 1)
	upload := func(lang string, data []byte) (int, string) {
		var mp bytes.Buffer
		mw := multipart.NewWriter(&mp)
		fw, _ := mw.CreateFormFile("file", "plan.yaml")
		_, _ = fw.Write(data)
		_ = mw.Close()
		req, _ := http.NewRequest("POST", ts.URL+"/admin/plan/import?lang="+lang, &mp)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Authorization", "Bearer "+ts.tokens["office"])
		res, err := noRedirect().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, html.UnescapeString(string(b))
	}
	for _, lang := range []string{"zh", "en"} {
		code, page := upload(lang, bad)
		if code != http.StatusUnprocessableEntity {
			t.Fatalf("%s: a bad file = %d", lang, code)
		}
		line := func(n int) string { return fmt.Sprintf(i18n.T(lang, "planedit.import.line"), n) }
		for _, want := range []string{
			line(40), "frequency", i18n.PlanFileMessage(lang, "%q is not monthly, quarterly or yearly", []any{"weekly"}, ""),
			line(27), "kind", i18n.PlanFileMessage(lang, "%q is not one of level, growth, share, milestone", []any{"ratio"}, ""),
		} {
			if want == "" || !strings.Contains(page, want) {
				t.Errorf("%s: the refusal lacks %q: %s", lang, want, flashOf(page))
			}
		}
		if lang == "zh" && strings.Contains(flashOf(page), "is not") {
			t.Errorf("English in the Chinese refusal: %s", flashOf(page))
		}
		if lang == "en" && strings.Contains(flashOf(page), "不是") {
			t.Errorf("Chinese in the English refusal: %s", flashOf(page))
		}
		code, page = upload(lang, unknown)
		if want := i18n.PlanFileSyntax(lang, "field", 40, "frequncy"); code != http.StatusUnprocessableEntity || !strings.Contains(page, want) {
			t.Errorf("%s: an unknown field = %d, want %q: %s", lang, code, want, flashOf(page))
		}
		code, page = upload(lang, []byte("format: lantu-plan/1\nplan: [unclosed\n"))
		if want := i18n.PlanFileSyntax(lang, "yaml", 0, ""); code != http.StatusUnprocessableEntity || !strings.Contains(page, want) {
			t.Errorf("%s: broken YAML = %d, want %q: %s", lang, code, want, flashOf(page))
		}
	}
}
