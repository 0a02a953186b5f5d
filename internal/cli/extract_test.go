package cli

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/lantu-dev/lantu/internal/extract"
)

const extractSample = "../extract/testdata/000_0e76c140dce5f649.txt"

type extractDoc struct {
	Doc   string         `json:"doc"`
	Facts []extract.Fact `json:"facts"`
}

func parseJSONLines(t *testing.T, out string) []extractDoc {
	t.Helper()
	var docs []extractDoc
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var d extractDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		docs = append(docs, d)
	}
	return docs
}

func TestExtractJSON(t *testing.T) {
	data, err := os.ReadFile(extractSample)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes(data)
	gbkName := filepath.Join(dir, "gbk.txt")
	if err := os.WriteFile(gbkName, gbk, 0o644); err != nil {
		t.Fatal(err)
	}

	code, out, errOut := run(t, string(data), nil, "extract", "--json", "--year", "2022", extractSample, "-", gbkName)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	docs := parseJSONLines(t, out)
	if len(docs) != 3 || docs[0].Doc != extractSample || docs[1].Doc != "stdin" || docs[2].Doc != gbkName {
		t.Fatalf("docs: %+v", docs)
	}
	want := extract.Extract(string(data), extract.Options{Year: 2022})
	for _, d := range docs {
		if len(d.Facts) != len(want) || len(want) != 34 {
			t.Errorf("%s: %d facts, want %d (34)", d.Doc, len(d.Facts), len(want))
			continue
		}
		for i := range want {
			if d.Facts[i].Value != want[i].Value || d.Facts[i].Start != want[i].Start || d.Facts[i].End != want[i].End {
				t.Errorf("%s fact %d: %+v, want %+v", d.Doc, i, d.Facts[i], want[i])
			}
		}
	}
}

func TestExtractTableAndErrors(t *testing.T) {
	code, out, _ := run(t, "", nil, "extract", "--year", "2022", extractSample)
	if code != 0 || !strings.Contains(out, "KIND") || !strings.Contains(out, "铁路提单信用证") || !strings.Contains(out, "(34 facts)") {
		t.Errorf("table: %d %s", code, out)
	}
	dir := t.TempDir()
	pdf := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4\n..."), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "", nil, "extract", "--json", pdf, extractSample, filepath.Join(dir, "missing.txt"))
	if code != 1 || !strings.Contains(errOut, "report.pdf: PDF") || !strings.Contains(errOut, "missing.txt") ||
		!strings.Contains(errOut, "2 of 3 files failed") {
		t.Errorf("errors: %d %q", code, errOut)
	}
	if docs := parseJSONLines(t, out); len(docs) != 1 {
		t.Errorf("%d documents printed, want the good one", len(docs))
	}
	if code, _, _ := run(t, "", nil, "extract"); code != 2 {
		t.Errorf("no file: exit %d, want 2", code)
	}
	if code, out, _ := run(t, "没有数字的一行。", nil, "extract", "--json", "-"); code != 0 || out != `{"doc":"stdin","facts":[]}`+"\n" {
		t.Errorf("no facts: %d %q", code, out)
	}
}

// A PDF with hard-wrapped Chinese lines: its facts, offsets into the extracted text,
// each with why.
func TestExtractPDF(t *testing.T) {
	code, out, errOut := run(t, "", nil, "extract", "--json", "--year", "2025", "../extract/testdata/wrapped.pdf")
	if code != 0 {
		t.Fatalf("extract: %s", errOut)
	}
	docs := parseJSONLines(t, out)
	if len(docs) != 1 || len(docs[0].Facts) < 8 {
		t.Fatalf("got %s", out)
	}
	var found bool
	for _, f := range docs[0].Facts {
		if f.Value == 1.4e8 && f.Unit == "吨" {
			found = true
			if f.Kind != "actual" || f.Period == nil || *f.Period != "2024" || f.Why.Period != extract.WhySentence {
				t.Errorf("1.4亿吨: %+v", f)
			}
		}
		if f.Why.Kind == "" {
			t.Errorf("no why: %+v", f)
		}
	}
	if !found {
		t.Errorf("1.4亿吨 not found: %s", out)
	}
}
