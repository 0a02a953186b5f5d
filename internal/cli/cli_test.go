package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// run runs a lantu command in-process and returns its exit code and output.
func run(t *testing.T, stdin string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return env[k] }}
	code := Run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

// Every command answers --help with its usage and exit 0.
func TestHelpEverywhere(t *testing.T) {
	for name, c := range commands {
		args := append(strings.Fields(name), "--help")
		code, _, errOut := run(t, "", nil, args...)
		if code != 0 || !strings.Contains(errOut, c.Usage) {
			t.Errorf("lantu %s --help = %d, %q", name, code, errOut)
		}
	}
	if code, out, _ := run(t, "", nil, "--help"); code != 0 || !strings.Contains(out, "plan import") {
		t.Errorf("lantu --help = %d %q", code, out)
	}
	if code, _, errOut := run(t, "", nil, "plan"); code != 2 || !strings.Contains(errOut, "plan export") {
		t.Errorf("lantu plan = %d %q", code, errOut)
	}
}

// A command whose output cannot be written fails, saying so, even though it prints with
// unchecked fmt.Fprintf calls.
func TestOutputFailureFailsTheCommand(t *testing.T) {
	var errb bytes.Buffer
	e := &Env{Stdin: strings.NewReader(""), Stdout: failingWriter{}, Stderr: &errb, Getenv: func(string) string { return "" }}
	if code := Run(context.Background(), e, []string{"version"}); code != 1 || !strings.Contains(errb.String(), "writing the output: no space left on device") {
		t.Errorf("lantu version to a full disk = %d, %q; want 1 and the write error", code, errb.String())
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// Export, then import into an empty database, gives the same plan: the second export
// equals the first, byte for byte. On both databases.
func TestPlanExportImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "first.db")
	demo := filepath.Join("..", "..", "demo", "shapingba-2022.yaml")
	if code, _, errOut := run(t, "", nil, "plan", "import", "--db", first, demo); code != 0 {
		t.Fatalf("import demo: %s", errOut)
	}
	code, exported, errOut := run(t, "", nil, "plan", "export", "--db", first)
	if code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	for name, dsn := range map[string]func(t *testing.T) string{
		"sqlite":   func(*testing.T) string { return filepath.Join(dir, "second.db") },
		"postgres": func(t *testing.T) string { return storetest.PostgresURL(t) },
	} {
		t.Run(name, func(t *testing.T) {
			target := dsn(t)
			if code, _, errOut := run(t, exported, nil, "plan", "import", "--db", target, "-"); code != 0 {
				t.Fatalf("import export: %s", errOut)
			}
			_, again, _ := run(t, "", map[string]string{"LANTU_DB": target}, "plan", "export")
			if again != exported {
				t.Errorf("the plan changed in the round trip (%d vs %d bytes)", len(again), len(exported))
			}
		})
	}
}

// A plan file with errors is refused whole, naming field and line, and the database is
// unchanged.
func TestPlanImportRefusesBadFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	bad := "format: lantu-plan/1\nregion: {code: \"500106\", name: 沙坪坝区}\nyear: 2022\ntitle: t\nzones:\n  - code: z\n    name: 区\n    programs:\n      - code: p\n        name: 项\n        indicators:\n          - code: i\n            name: 道路\n            kind: level\n            target: 25.8\n"
	code, _, errOut := run(t, bad, nil, "plan", "import", "--db", db, "-")
	if code != 1 || !strings.Contains(errOut, "line 12: zones[0].programs[0].indicators[0].unit: is missing") {
		t.Fatalf("bad import = %d, %q", code, errOut)
	}
	_, out, _ := run(t, "", nil, "plan", "list", "--db", db)
	if out != "" {
		t.Errorf("database changed by a refused import: %q", out)
	}
}

func TestUserAndTokenCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "u.db")
	env := map[string]string{"LANTU_DB": db}
	if code, _, errOut := run(t, "", env, "plan", "import", filepath.Join("..", "..", "demo", "shapingba-2022.yaml")); code != 0 {
		t.Fatal(errOut)
	}
	code, out, errOut := run(t, "", env, "user", "add", "clerk", "--role", "reporter", "--dept", "commerce", "--name", "张三")
	if code != 0 || !strings.Contains(out, "one-time password") {
		t.Fatalf("user add = %d %q %q", code, out, errOut)
	}
	if code, _, errOut := run(t, "", env, "user", "add", "bad", "--role", "king"); code == 0 || !strings.Contains(errOut, "valid roles are") {
		t.Errorf("unknown role accepted: %q", errOut)
	}
	if code, _, errOut := run(t, "short\n", env, "user", "passwd", "clerk", "--password-stdin"); code == 0 {
		t.Errorf("weak password accepted: %q", errOut)
	}
	if code, _, errOut := run(t, "a-much-better-password\n", env, "user", "passwd", "clerk", "--password-stdin"); code != 0 {
		t.Errorf("passwd = %q", errOut)
	}
	code, out, _ = run(t, "", env, "user", "list")
	if code != 0 || !strings.Contains(out, "clerk\t张三\treporter") {
		t.Errorf("user list = %q", out)
	}
	code, out, errOut = run(t, "", env, "token", "create", "--user", "clerk")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || !strings.HasPrefix(lines[len(lines)-1], "lantu_") {
		t.Fatalf("token create = %d %q %q", code, out, errOut)
	}
}

// The template a department downloads reads back; a bad file is refused, naming it.
func TestReportTemplateAndImport(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"LANTU_DB": filepath.Join(dir, "w.db")}
	if code, _, errOut := run(t, "", env, "plan", "import", filepath.Join("..", "..", "demo", "shapingba-2022.yaml")); code != 0 {
		t.Fatal(errOut)
	}
	for _, name := range []string{"commerce.xlsx", "commerce.csv"} {
		out := filepath.Join(dir, name)
		code, msg, errOut := run(t, "", env, "report", "template", "--dept", "commerce", "--period", "2022-04", "-o", out)
		if code != 0 || !strings.Contains(msg, "区商务委") {
			t.Fatalf("template %s = %d %q %q", name, code, msg, errOut)
		}
		// Nothing filled in: nothing to import, and nothing refused.
		if code, msg, errOut := run(t, "", env, "report", "import", out); code != 0 || !strings.Contains(msg, "0 new") {
			t.Errorf("import of the empty %s = %d %q %q", name, code, msg, errOut)
		}
	}
	bad := filepath.Join(dir, "bad.xlsx")
	if err := os.WriteFile(bad, []byte("not a workbook"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := run(t, "", env, "report", "import", bad); code == 0 || !strings.Contains(errOut, "bad.xlsx") {
		t.Errorf("a file that is no workbook = %d %q", code, errOut)
	}
	// Each refusal in the operator's language (LANTU_LANG), naming the file, the row and
	// the field: no English in Chinese, no Chinese in English.
	badCSV := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(badCSV, []byte("id,code,period,value\n7,fdi,2022-04,abc\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		lang, file string
		want       []string
	}{
		{"zh", bad, []string{"bad.xlsx: ", "文件不是 Excel 工作簿"}},
		{"en", bad, []string{"bad.xlsx: ", "The file is not an Excel workbook"}},
		{"zh", badCSV, []string{"bad.csv: ", "CSV 第 2 行 D 列（本期数值）“abc”：不是数字"}},
		{"en", badCSV, []string{"bad.csv: ", `CSV row 2, column D (value) "abc": Not a number`}},
	} {
		env["LANTU_LANG"] = c.lang
		code, _, errOut := run(t, "", env, "report", "import", c.file)
		for _, w := range c.want {
			if code == 0 || !strings.Contains(errOut, w) {
				t.Errorf("%s %s = %d %q, want %q", c.lang, c.file, code, errOut, w)
			}
		}
		msg := strings.ReplaceAll(errOut, "“abc”", "")
		if c.lang == "en" && strings.ContainsFunc(msg, func(r rune) bool { return unicode.Is(unicode.Han, r) }) ||
			c.lang == "zh" && (strings.Contains(msg, " / ") || strings.Contains(msg, "not_")) {
			t.Errorf("%s: the message mixes languages or shows a code: %q", c.lang, errOut)
		}
	}
	delete(env, "LANTU_LANG")
}
