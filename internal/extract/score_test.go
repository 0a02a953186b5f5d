package extract

import (
	"encoding/json"
	"math"
	"os"
	"sort"
	"strings"
	"testing"
)

// This file ports shared/extraction/score.py to Go, so the tests score the
// extractor against gold files the way the project's scorer does.

var unitAliases = map[string]string{
	"％": "%", "percent": "%", "km": "公里", "千米": "公里", "㎡": "平方米", "m²": "平方米", "m2": "平方米",
	"teu": "标箱", "万标箱": "标箱", "人民币": "元", "rmb": "元", "人民币元": "元", "usd": "美元",
	"百分点": "个百分点",
}

func normUnit(u string) string {
	u = strings.ToLower(strings.TrimSpace(u))
	if a, ok := unitAliases[u]; ok {
		return a
	}
	return u
}

func closeValues(a, b float64) bool {
	return a == b || math.Abs(a-b) <= 0.005*math.Max(math.Abs(a), math.Abs(b))
}

// subjectOverlap is the share of the gold subject's characters found in the
// predicted one (each used once).
func subjectOverlap(gold, pred string) float64 {
	g := []rune(gold)
	if len(g) == 0 {
		return 1
	}
	p := []rune(pred)
	hit := 0
	for _, ch := range g {
		for i, q := range p {
			if q == ch {
				p = append(p[:i], p[i+1:]...)
				hit++
				break
			}
		}
	}
	return float64(hit) / float64(len(g))
}

type scorePair struct {
	g, p int
	ov   float64
}

// matchFacts pairs gold and predicted facts greedily by subject overlap,
// as score.py does (stable sort on overlap, candidates in gold-major order).
func matchFacts(gold, pred []Fact, strict bool) []scorePair {
	var cands []scorePair
	for gi, g := range gold {
		for pi, p := range pred {
			if !closeValues(g.Value, p.Value) {
				continue
			}
			if normUnit(g.Unit) != normUnit(p.Unit) {
				continue
			}
			if strict && (g.Kind != p.Kind || g.Metric != p.Metric) {
				continue
			}
			cands = append(cands, scorePair{gi, pi, subjectOverlap(g.Subject, p.Subject)})
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].ov > cands[b].ov })
	usedG, usedP := map[int]bool{}, map[int]bool{}
	var pairs []scorePair
	for _, c := range cands {
		if usedG[c.g] || usedP[c.p] {
			continue
		}
		usedG[c.g], usedP[c.p] = true, true
		pairs = append(pairs, c)
	}
	return pairs
}

func prf(match, npred, ngold int) (p, r, f float64) {
	switch {
	case npred > 0:
		p = float64(match) / float64(npred)
	case ngold == 0:
		p = 1
	}
	r = 1
	if ngold > 0 {
		r = float64(match) / float64(ngold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

type score struct {
	P, R, F1, Subject float64
	Matched           int
	missed, extra     []Fact
}

func scoreFacts(gold, pred []Fact) score {
	pairs := matchFacts(gold, pred, true)
	var s score
	s.P, s.R, s.F1 = prf(len(pairs), len(pred), len(gold))
	s.Matched = len(pairs)
	mg, mp := map[int]bool{}, map[int]bool{}
	for _, c := range pairs {
		s.Subject += c.ov
		mg[c.g], mp[c.p] = true, true
	}
	if len(pairs) > 0 {
		s.Subject /= float64(len(pairs))
	}
	for i, g := range gold {
		if !mg[i] {
			s.missed = append(s.missed, g)
		}
	}
	for i, p := range pred {
		if !mp[i] {
			s.extra = append(s.extra, p)
		}
	}
	return s
}

type goldFile struct {
	Doc   string `json:"doc"`
	Year  int    `json:"year"`
	Facts []Fact `json:"facts"`
}

func loadGold(t testing.TB, path string) goldFile {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var g goldFile
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return g
}

func logScore(t *testing.T, name string, s score) {
	t.Helper()
	t.Logf("%s: P %.3f R %.3f F1 %.3f subject %.3f (matched %d)", name, s.P, s.R, s.F1, s.Subject, s.Matched)
	for _, f := range s.missed {
		t.Logf("  MISSED %s/%s %g %s %s «%s»", f.Kind, f.Metric, f.Value, f.Unit, f.Subject, f.Text)
	}
	for _, f := range s.extra {
		t.Logf("  EXTRA  %s/%s %g %s %s «%s»", f.Kind, f.Metric, f.Value, f.Unit, f.Subject, f.Text)
	}
}
