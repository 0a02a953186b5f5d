package invest_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/lantu-dev/lantu/internal/i18n"
)

// Every error code the investment rules and use-cases return has its sentence in both
// languages, so no one reads a bare code.
func TestEveryErrorCodeHasAMessage(t *testing.T) {
	codes := map[string]bool{}
	res := []*regexp.Regexp{
		regexp.MustCompile(`invalid\("[a-z_]*", "([a-z_.]+)"`),
		regexp.MustCompile(`(?:invest\.)?Error\{Code: "([a-z_.]+)"`),
	}
	files, _ := filepath.Glob("*.go")
	more, _ := filepath.Glob("../service/invest*.go")
	for _, f := range append(files, more...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, re := range res {
			for _, m := range re.FindAllStringSubmatch(string(b), -1) {
				codes[m[1]] = true
			}
		}
	}
	if len(codes) < 30 {
		t.Fatalf("found only %d codes: the patterns no longer match the sources", len(codes))
	}
	for code := range codes {
		for _, lang := range []string{"zh", "en"} {
			if got := i18n.T(lang, "invest.err."+code); got == "invest.err."+code {
				t.Errorf("no %s message for invest error %q", lang, code)
			}
		}
	}
}
