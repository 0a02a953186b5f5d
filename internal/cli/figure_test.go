package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// Issue 8, item 3: the command line reads figures with the one parser and bound: 1e9999
// is refused with a clear message and nothing is stored; 1.5亿 is 150000000.
func TestReportAddFigureBound(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	env := map[string]string{"LANTU_DB": db}
	if code, _, errOut := run(t, "", env, "plan", "import", filepath.Join("..", "..", "demo", "shapingba-2022.yaml")); code != 0 {
		t.Fatal(errOut)
	}
	// A refused figure is said in the reader's language only (LANTU_LANG), never as
	// the other language's words too.
	for _, c := range []struct{ lang, value, want, notWant string }{
		{"zh", "1e9999", "数值过大", "too large"},
		{"en", "1e9999", "too large", "数值过大"},
		{"zh", "abc", "不是有效的数字", "not a number"},
		{"en", "abc", "is not a number", "数字"},
	} {
		env["LANTU_LANG"] = c.lang
		code, out, errOut := run(t, "", env, "report", "add", "--indicator", "24", "--period", "2022-03", "--value", c.value, "--cause", "c", "--remedy", "r")
		if code == 0 || !strings.Contains(errOut, c.want) || strings.Contains(errOut, c.notWant) {
			t.Errorf("%s: report add --value %s = %d %q %q, want refused with %q and without %q", c.lang, c.value, code, out, errOut, c.want, c.notWant)
		}
	}
	delete(env, "LANTU_LANG")
	var code int
	var out, errOut string
	code, out, errOut = run(t, "", env, "report", "add", "--indicator", "24", "--period", "2022-03", "--value", "1.5亿", "--cause", "c", "--remedy", "r")
	if code != 0 || !strings.Contains(out, "150000000") && !strings.Contains(out, "1.5亿") {
		t.Errorf("report add --value 1.5亿 = %d %q %q", code, out, errOut)
	}
}
