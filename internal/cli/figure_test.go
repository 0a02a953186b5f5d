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
	code, out, errOut := run(t, "", env, "report", "add", "--indicator", "24", "--period", "2022-03", "--value", "1e9999", "--cause", "c", "--remedy", "r")
	if code == 0 || !strings.Contains(errOut, "too large") {
		t.Errorf("report add --value 1e9999 = %d %q %q, want refused as too large", code, out, errOut)
	}
	code, out, errOut = run(t, "", env, "report", "add", "--indicator", "24", "--period", "2022-03", "--value", "1.5亿", "--cause", "c", "--remedy", "r")
	if code != 0 || !strings.Contains(out, "150000000") && !strings.Contains(out, "1.5亿") {
		t.Errorf("report add --value 1.5亿 = %d %q %q", code, out, errOut)
	}
}
