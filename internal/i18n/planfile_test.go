package i18n

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// Every problem package plan and package planfile report by format has its Chinese
// sentence, with the same verbs in the same order, and the English one has no Han
// character but the example it quotes.
func TestPlanFileMessagesComplete(t *testing.T) {
	call := regexp.MustCompile(`(?:v\.add|NewFieldError)\([^"\n]*(?:"[^"\n]*"[^"\n]*)?, ("(?:[^"\\]|\\.)*")`)
	verbs := regexp.MustCompile(`%[dqs%]`)
	n := 0
	for _, file := range []string{"../plan/validate.go", "../planfile/planfile.go"} {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllStringSubmatch(string(src), -1) {
			format, err := strconv.Unquote(m[1])
			if err != nil || !strings.ContainsAny(format, " %") { // a field name, not a sentence
				continue
			}
			n++
			zh, ok := planfileZh[format]
			if !ok {
				t.Errorf("%s: no Chinese for %q", file, format)
				continue
			}
			if a, b := verbs.FindAllString(format, -1), verbs.FindAllString(zh, -1); strings.Join(a, "") != strings.Join(b, "") {
				t.Errorf("%q: verbs %v in Chinese %v", format, a, b)
			}
		}
	}
	if n < 35 {
		t.Errorf("only %d formats found in the sources", n)
	}
	for _, l := range []string{"zh", "en"} {
		msg := PlanFileSyntax(l, "field", 7, "unti")
		if !strings.Contains(msg, "7") || !strings.Contains(msg, "unti") {
			t.Errorf("%s: %q", l, msg)
		}
		if l == "en" && strings.IndexFunc(msg, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0 {
			t.Errorf("Han in English: %q", msg)
		}
	}
}
