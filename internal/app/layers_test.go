package app

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The layers import downwards only (cmd → cli → app → web/api → service → store →
// domain), and the domain packages know nothing of SQL or HTTP. go list tells who
// imports what; a new upward import fails here.
func TestLayers(t *testing.T) {
	const mod = "github.com/lantu-dev/lantu/"
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, mod+"...").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	forbidden := map[string][]string{
		"internal/plan":     {"internal/store", "internal/service", "internal/web", "internal/api", "internal/app", "internal/cli", "database/sql", "net/http"},
		"internal/progress": {"internal/store", "internal/service", "internal/web", "internal/api", "internal/app", "internal/cli", "database/sql", "net/http"},
		"internal/auth":     {"internal/store", "internal/service", "internal/web", "internal/api", "internal/app", "internal/cli", "database/sql", "net/http"},
		"internal/extract":  {"internal/store", "internal/service", "internal/web", "internal/api", "internal/app", "internal/cli", "database/sql", "net/http", "os"},
		"internal/audit":    {"internal/store", "internal/service", "internal/web", "internal/api", "internal/app", "internal/cli", "database/sql", "net/http"},
		"internal/planfile": {"internal/store", "internal/service", "internal/web", "internal/api", "internal/app", "internal/cli", "database/sql", "net/http"},
		"internal/xlsx":     {"internal/store", "internal/service", "internal/web", "internal/api", "internal/app", "internal/cli", "database/sql", "net/http"},
		"internal/store":    {"internal/service", "internal/web", "internal/api", "internal/app", "internal/cli", "net/http"},
		"internal/service":  {"internal/web", "internal/api", "internal/app", "internal/cli", "net/http"},
		"internal/web":      {"internal/app", "internal/cli"},
		"internal/api":      {"internal/web", "internal/app", "internal/cli"},
		"internal/app":      {"internal/cli"},
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(fields[0], mod)
		for _, imp := range fields[1:] {
			for _, bad := range forbidden[pkg] {
				if imp == mod+bad || imp == bad {
					t.Errorf("%s imports %s: the layers import downwards only", pkg, bad)
				}
			}
		}
	}
	// Pages and API answers go through the services, which hold the rules on who sees
	// what; they never reach the store themselves.
	for _, dir := range []string{"../web", "../api"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(b), ".Store()") {
				t.Errorf("%s calls the store directly; add a service read instead", f)
			}
		}
	}
}
