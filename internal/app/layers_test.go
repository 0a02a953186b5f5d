package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/lantu-dev/lantu/"

// layers ranks every package of the module: a package may depend, directly or through
// any chain of imports, only on packages of a lower rank — or, among the domain
// packages, on each other. Every package needs a line here, so a new one is placed
// deliberately; a package listed but not (yet) written is fine.
var layers = map[string]int{
	"internal/i18n": 0, // message keys → sentences; imported by every layer above
	"demo":          0, // the demo plan and figures, embedded

	// domain: types and rules, no SQL, no HTTP, no user-facing sentences
	"internal/plan":     1,
	"internal/progress": 1,
	"internal/auth":     1,
	"internal/audit":    1,
	"internal/extract":  1,
	"internal/planfile": 1,
	"internal/invest":   1,
	"internal/synth":    2, // synthetic districts for load tests (lantu gen), over the domain types

	"internal/xlsx":              2, // spreadsheet forms over the domain types
	"internal/notify":            2, // reminders out: SMTP and group-robot webhooks
	"internal/notify/notifytest": 2, // SMTP and webhook receivers on loopback; tests only
	"internal/docx":              2, // Word documents (the bulletin), stdlib only
	"internal/keep":              2, // rendered pages kept under a data stamp, bounded; stdlib only
	"internal/store":             3, // one store over SQLite and PostgreSQL
	"internal/store/storetest":   4, // the store suite on both databases; tests only
	"internal/service":           5, // transactions, permissions, audit rows
	"internal/httpauth":          6, // who is asking and CSRF, shared by web and api
	"internal/problem":           6, // the one error table: status, code, message key, exit code
	"internal/web":               7, // pages: HTTP → services
	"internal/api":               7, // JSON API: HTTP → services
	"internal/app":               8, // wires store, services, web and api
	"internal/cli":               9,
	"cmd/lantu":                  10,
}

const domain = 1

// noHTTP are the packages that must not reach net/http at all, nor database/sql: the
// domain knows nothing of requests or SQL, and neither does i18n, which it uses.
func noHTTP(pkg string) bool { return layers[pkg] <= domain }

// httpLayer are the packages that translate HTTP to services; they reach the store only
// through the services, which hold the rules on who may see and change what.
var httpLayer = []string{"internal/httpauth", "internal/problem", "internal/web", "internal/api"}

// goPackage is what go list -json tells of one package.
type goPackage struct {
	ImportPath string
	Imports    []string
	Deps       []string // the full closure of imports, standard library included
}

// TestLayers checks the import closure of every package of the module: one go list call,
// a few map lookups per edge.
func TestLayers(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "-json=ImportPath,Imports,Deps", module+"...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	pkgs := map[string]goPackage{}
	for dec := json.NewDecoder(bytes.NewReader(out)); ; {
		var p goPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		pkgs[p.ImportPath] = p
	}
	own := func(path string) (string, bool) { return strings.CutPrefix(path, module) }

	var names []string
	for path := range pkgs {
		if name, ok := own(path); ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	if len(names) < len(layers)/2 {
		t.Fatalf("go list found only %v", names)
	}
	for _, name := range names {
		rank, placed := layers[name]
		if !placed {
			t.Errorf("%s has no layer: add it to layers in internal/app/layers_test.go", name)
			continue
		}
		p := pkgs[module+name]
		for _, dep := range p.Deps {
			d, ok := own(dep)
			if !ok {
				continue
			}
			drank, placed := layers[d]
			if placed && (drank < rank || drank == domain && rank == domain) {
				continue
			}
			t.Errorf("%s depends on %s (%s): the layers depend downwards only", name, d, importChain(pkgs, p.ImportPath, dep, ""))
		}
		if noHTTP(name) {
			for _, bad := range []string{"net/http", "database/sql"} {
				if slices.Contains(p.Deps, bad) {
					t.Errorf("%s reaches %s (%s): the domain knows nothing of HTTP or SQL", name, bad, importChain(pkgs, p.ImportPath, bad, ""))
				}
			}
		}
	}

	// Direct imports only where a library below brings the package in anyway (excelize
	// imports net/http; fmt imports os).
	direct := map[string][]string{
		"internal/extract": {"os"}, // reads from an io.Reader; files are the caller's business
		"internal/xlsx":    {"net/http"},
		"internal/store":   {"net/http"},
		"internal/service": {"net/http"},
	}
	for name, bad := range direct {
		for _, imp := range pkgs[module+name].Imports {
			if slices.Contains(bad, imp) {
				t.Errorf("%s imports %s", name, imp)
			}
		}
	}

	// The HTTP layer reaches the store through the services only: no path from it to
	// the store may avoid internal/service.
	for _, name := range httpLayer {
		if _, ok := pkgs[module+name]; !ok {
			continue
		}
		if via := importChain(pkgs, module+name, module+"internal/store", module+"internal/service"); via != "" {
			t.Errorf("%s reaches the store without the services (%s): add a service read or type instead", name, via)
		}
	}

	// Nor may it call the store through a service's accessor.
	for _, name := range httpLayer {
		files, _ := filepath.Glob(filepath.Join("..", "..", name, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(b, []byte(".Store()")) {
				t.Errorf("%s calls the store directly; add a service read instead", f)
			}
		}
	}
}

// importChain finds a chain of imports from one package to another that does not pass
// through avoid (when given), as "a → b → c" with the module prefix cut, or "" when
// there is none.
func importChain(pkgs map[string]goPackage, from, to, avoid string) string {
	prev := map[string]string{from: ""}
	queue := []string{from}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if p == to {
			var chain []string
			for ; p != ""; p = prev[p] {
				chain = append(chain, strings.TrimPrefix(p, module))
			}
			slices.Reverse(chain)
			return strings.Join(chain, " → ")
		}
		for _, imp := range pkgs[p].Imports {
			if _, seen := prev[imp]; !seen && imp != avoid {
				prev[imp] = p
				queue = append(queue, imp)
			}
		}
	}
	return ""
}
