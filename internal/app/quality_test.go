package app

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// The navigation links the investment pages for whoever may read them — the officer,
// the centre's head (a reviewer of the centre) and the leader — and for nobody else: a
// reviewer of another department would only be refused there.
func TestInvestNavLink(t *testing.T) {
	ts := newInvestServer(t, storetest.SQLite(t))
	for login, want := range map[string]bool{"zhou": true, "centrehead": true, "quzhang": true, "office": true,
		"commercehead": false, "urbanclerk": false, "": false} {
		code, body := ts.call(t, "GET", "/status", login, "")
		if code != http.StatusOK {
			t.Fatalf("%q: /status %d", login, code)
		}
		if got := strings.Contains(body, `<a href="/invest"`); got != want {
			t.Errorf("%q: link to /invest shown = %v, want %v", login, got, want)
		}
		if want {
			if code, _ := ts.call(t, "GET", "/invest", login, ""); code != http.StatusOK {
				t.Errorf("%q follows the link to /invest: %d", login, code)
			}
		}
	}
}

// The status engine's explanation (why on track or behind: the expected path, the pace,
// the target) is on every indicator's page in both languages; in English it has no
// Chinese but the plan's own words (units, names).
func TestIndicatorExplainEnglish(t *testing.T) {
	s := newProgressSite(t)
	ctx := context.Background()
	p, err := s.svc.Plan(ctx, service.System, s.planID)
	if err != nil {
		t.Fatal(err)
	}
	data := planData(t, s)
	han := regexp.MustCompile(`\p{Han}+`)
	explain := regexp.MustCompile(`(?s)<p class="explain"><span class="muted">[^<]*</span>(.*?)</p>`)
	tag := regexp.MustCompile(`<[^>]+>`)
	codes := map[string]bool{}
	for _, z := range p.Zones {
		for _, pr := range z.Programs {
			for _, ind := range pr.Indicators {
				if !ind.Public {
					continue
				}
				for _, lang := range []string{"zh", "en"} {
					res, err := http.Get(fmt.Sprintf("%s/indicators/%d?lang=%s", s.URL, ind.ID, lang))
					if err != nil {
						t.Fatal(err)
					}
					b, _ := io.ReadAll(res.Body)
					res.Body.Close()
					m := explain.FindStringSubmatch(string(b))
					if res.StatusCode != http.StatusOK || m == nil {
						t.Errorf("%s (%s): %d, no explanation", ind.Name, lang, res.StatusCode)
						continue
					}
					txt := html.UnescapeString(tag.ReplaceAllString(m[1], ""))
					if lang == "zh" {
						if !han.MatchString(txt) {
							t.Errorf("%s: the Chinese explanation is %q", ind.Name, txt)
						}
						continue
					}
					codes[strings.Join(strings.Fields(txt)[:2], " ")] = true
					clean := txt
					for _, d := range data {
						clean = strings.ReplaceAll(clean, d, " ")
					}
					if found := han.FindAllString(clean, 4); len(found) > 0 {
						t.Errorf("%s: the English explanation has Chinese %q: %q", ind.Name, found, txt)
					}
					if !strings.HasSuffix(txt, ".") {
						t.Errorf("%s: the English explanation is not a sentence: %q", ind.Name, txt)
					}
				}
			}
		}
	}
	// The demo has indicators behind, on track and without data or target: several kinds
	// of sentence were read.
	if len(codes) < 3 {
		t.Errorf("only %d kinds of English explanation seen: %v", len(codes), codes)
	}
}
