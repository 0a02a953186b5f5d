package demo

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/big"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// The test reads the plan with its own copy of the file format (lantu-plan/1)
// so that it does not depend on the other lantu packages. Unknown keys are an
// error: the plan must use the format's keys only.

type planFile struct {
	Format string `yaml:"format"`
	Region struct {
		Code   string `yaml:"code"`
		Name   string `yaml:"name"`
		Parent struct {
			Code string `yaml:"code"`
			Name string `yaml:"name"`
		} `yaml:"parent"`
	} `yaml:"region"`
	Year     int    `yaml:"year"`
	Title    string `yaml:"title"`
	AsOf     string `yaml:"as_of"`
	Settings struct {
		AboutTolerance  string `yaml:"about_tolerance"`
		OnTrack         string `yaml:"on_track"`
		AtRisk          string `yaml:"at_risk"`
		SubmittedCounts bool   `yaml:"submitted_counts"`
		DueDay          int    `yaml:"due_day"`
		LockAfterDays   int    `yaml:"lock_after_days"`
	} `yaml:"settings"`
	Documents   []document   `yaml:"documents"`
	Departments []department `yaml:"departments"`
	Zones       []zone       `yaml:"zones"`
}

type document struct {
	Key    string `yaml:"key"`
	Title  string `yaml:"title"`
	Source string `yaml:"source"`
	Date   string `yaml:"date"`
	File   string `yaml:"file"`
}

type department struct {
	Code     string `yaml:"code"`
	Name     string `yaml:"name"`
	Inferred bool   `yaml:"inferred"`
}

type zone struct {
	Code        string    `yaml:"code"`
	Name        string    `yaml:"name"`
	Description string    `yaml:"description"`
	Programs    []program `yaml:"programs"`
}

type program struct {
	Code        string      `yaml:"code"`
	Name        string      `yaml:"name"`
	Description string      `yaml:"description"`
	Projects    []project   `yaml:"projects"`
	Indicators  []indicator `yaml:"indicators"`
}

type project struct {
	Code        string `yaml:"code"`
	Name        string `yaml:"name"`
	Department  string `yaml:"department"`
	Start       string `yaml:"start"`
	End         string `yaml:"end"`
	Description string `yaml:"description"`
}

type figure struct {
	Value     string `yaml:"value"`
	Unit      string `yaml:"unit"`
	Qualifier string `yaml:"qualifier"`
	Period    string `yaml:"period"`
	Note      string `yaml:"note"`
}

type span struct {
	Document string `yaml:"document"`
	Start    int    `yaml:"start"`
	End      int    `yaml:"end"`
}

type report struct {
	Period       string `yaml:"period"`
	Value        string `yaml:"value"`
	LastYear     string `yaml:"last_year"`
	Amount       string `yaml:"amount"`
	Illustrative bool   `yaml:"illustrative"`
	Note         string `yaml:"note"`
}

type indicator struct {
	Code         string   `yaml:"code"`
	Name         string   `yaml:"name"`
	Unit         string   `yaml:"unit"`
	Kind         string   `yaml:"kind"`
	Direction    string   `yaml:"direction"`
	Description  string   `yaml:"description"`
	Target       string   `yaml:"target"`
	TargetMax    string   `yaml:"target_max"`
	Qualifier    string   `yaml:"qualifier"`
	Due          string   `yaml:"due"`
	Baseline     *figure  `yaml:"baseline"`
	Context      []figure `yaml:"context"`
	Period       string   `yaml:"period"`
	Frequency    string   `yaml:"frequency"`
	Accumulation string   `yaml:"accumulation"`
	Department   string   `yaml:"department"`
	Project      string   `yaml:"project"`
	Public       bool     `yaml:"public"`
	Source       *span    `yaml:"source"`
	Reports      []report `yaml:"reports"`
}

// articleSHA256 pins the article copy: it must stay byte for byte the scraped
// text the spans were computed on (no added final newline, no reformatting).
const articleSHA256 = "e030ff2cf5861821b9d77a2ad9b47cff1813271ed8da65bf45e2761c0f6c3a02"

var codeRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func loadPlan(t *testing.T) (*planFile, map[string][]rune) {
	t.Helper()
	raw, err := Files.ReadFile(PlanFile)
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	var p planFile
	if err := dec.Decode(&p); err != nil {
		t.Fatalf("%s: %v", PlanFile, err)
	}
	docs := map[string][]rune{}
	for _, d := range p.Documents {
		b, err := Files.ReadFile(d.File)
		if err != nil {
			t.Fatalf("document %s: %v", d.Key, err)
		}
		if !utf8.Valid(b) {
			t.Fatalf("document %s is not valid UTF-8", d.Key)
		}
		docs[d.Key] = []rune(string(b))
	}
	return &p, docs
}

// allIndicators lists the plan's indicators in file order.
func allIndicators(p *planFile) []indicator {
	var out []indicator
	for _, z := range p.Zones {
		for _, pr := range z.Programs {
			out = append(out, pr.Indicators...)
		}
	}
	return out
}

func isDecimal(s string) bool {
	_, ok := new(big.Rat).SetString(s)
	return ok && !strings.ContainsAny(s, "/eE")
}

// plain writes r as a plain decimal with no trailing zeros, or "" if it needs
// more than eight decimals.
func plain(r *big.Rat) string {
	for k := 0; k <= 8; k++ {
		if s := r.FloatString(k); mustRat(s).Cmp(r) == 0 {
			return s
		}
	}
	return ""
}

func mustRat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic("bad decimal " + s)
	}
	return r
}

// renderings are the ways an article may write the amount v: 300, 25.8,
// 34万 (340000), 8亿 (800000000), 2.07万 (20700).
func renderings(v string) []string {
	r := mustRat(v)
	out := []string{plain(r)}
	for _, m := range []struct {
		div  int64
		word string
	}{{10000, "万"}, {100000000, "亿"}} {
		q := new(big.Rat).Quo(r, new(big.Rat).SetInt64(m.div))
		if s := plain(q); s != "" && s != "0" {
			out = append(out, s+m.word)
		}
	}
	return out
}

func isNumRune(r rune) bool { return r == '.' || (r >= '0' && r <= '9') }

// containsNumber reports whether text holds num as a whole number (not as
// part of a longer one: "59" is not in "2059").
func containsNumber(text []rune, num string) bool {
	n := []rune(num)
	for i := 0; i+len(n) <= len(text); i++ {
		if string(text[i:i+len(n)]) != num {
			continue
		}
		if i > 0 && isNumRune(text[i-1]) {
			continue
		}
		if j := i + len(n); j < len(text) && isNumRune(text[j]) && isNumRune(n[len(n)-1]) {
			continue
		}
		return true
	}
	return false
}

func containsAmount(text []rune, v string) bool {
	for _, s := range renderings(v) {
		if containsNumber(text, s) {
			return true
		}
	}
	return false
}

func TestRenderings(t *testing.T) {
	for v, want := range map[string]string{
		"800000000": "8亿", "20700": "2.07万", "340000": "34万", "25.8": "25.8",
		"150000000": "1.5亿", "1000000": "100万", "3500000000": "35亿",
	} {
		found := false
		for _, s := range renderings(v) {
			found = found || s == want
		}
		if !found {
			t.Errorf("renderings(%s) = %q, want it to hold %q", v, renderings(v), want)
		}
	}
	if containsNumber([]rune("累计开行2059列"), "59") {
		t.Error(`"59" found inside "2059"`)
	}
}

func TestArticleCopy(t *testing.T) {
	p, _ := loadPlan(t)
	if len(p.Documents) != 1 || p.Documents[0].Key != "cqrb-2022-shapingba" {
		t.Fatalf("documents = %+v, want the one article", p.Documents)
	}
	b, err := Files.ReadFile(p.Documents[0].File)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	if got := hex.EncodeToString(sum[:]); got != articleSHA256 {
		t.Errorf("article copy changed: sha256 %s, want %s", got, articleSHA256)
	}
}

func TestHeader(t *testing.T) {
	p, _ := loadPlan(t)
	if p.Format != "lantu-plan/1" {
		t.Errorf("format = %q", p.Format)
	}
	if p.Region.Code != "500106" || p.Region.Name != "沙坪坝区" || p.Region.Parent.Code != "500000" || p.Region.Parent.Name != "重庆市" {
		t.Errorf("region = %+v", p.Region)
	}
	if p.Year != 2022 || p.Title == "" {
		t.Errorf("year %d, title %q", p.Year, p.Title)
	}
	if _, err := time.Parse("2006-01-02", p.AsOf); err != nil {
		t.Errorf("as_of: %v", err)
	}
	s := p.Settings
	for name, v := range map[string]string{"about_tolerance": s.AboutTolerance, "on_track": s.OnTrack, "at_risk": s.AtRisk} {
		if !isDecimal(v) {
			t.Errorf("settings.%s = %q is not a decimal", name, v)
		}
	}
	if s.DueDay < 1 || s.DueDay > 28 || s.LockAfterDays < 0 {
		t.Errorf("settings = %+v", s)
	}
}

func TestZones(t *testing.T) {
	p, _ := loadPlan(t)
	want := []string{"创新驱动示范区", "开放引领示范区", "文化传承示范区", "人民城市示范区"}
	if len(p.Zones) != len(want) {
		t.Fatalf("%d zones, want %d", len(p.Zones), len(want))
	}
	for i, z := range p.Zones {
		if z.Name != want[i] {
			t.Errorf("zone %d is %q, want %q", i, z.Name, want[i])
		}
		if z.Description == "" || len(z.Programs) == 0 {
			t.Errorf("zone %s lacks a description or programs", z.Code)
		}
	}
}

func TestCodesUniqueAndReferencesResolve(t *testing.T) {
	p, _ := loadPlan(t)
	seen := map[string]map[string]bool{}
	check := func(kind, code string) {
		if !codeRE.MatchString(code) {
			t.Errorf("%s code %q is not lowercase ascii with dashes", kind, code)
		}
		if seen[kind] == nil {
			seen[kind] = map[string]bool{}
		}
		if seen[kind][code] {
			t.Errorf("%s code %q is not unique", kind, code)
		}
		seen[kind][code] = true
	}
	for _, d := range p.Departments {
		check("department", d.Code)
		if d.Name == "" || !d.Inferred {
			t.Errorf("department %s: name %q, inferred %v (all are inferred)", d.Code, d.Name, d.Inferred)
		}
	}
	for _, d := range p.Documents {
		check("document", d.Key)
	}
	for _, z := range p.Zones {
		check("zone", z.Code)
		for _, pr := range z.Programs {
			check("program", pr.Code)
			for _, pj := range pr.Projects {
				check("project", pj.Code)
			}
		}
	}
	for _, ind := range allIndicators(p) {
		check("indicator", ind.Code)
	}
	for _, z := range p.Zones {
		for _, pr := range z.Programs {
			for _, pj := range pr.Projects {
				if pj.Department != "" && !seen["department"][pj.Department] {
					t.Errorf("project %s: unknown department %q", pj.Code, pj.Department)
				}
				for _, d := range []string{pj.Start, pj.End} {
					if d == "" {
						continue
					}
					if _, err := time.Parse("2006-01-02", d); err != nil {
						t.Errorf("project %s: %v", pj.Code, err)
					}
				}
			}
			for _, ind := range pr.Indicators {
				if ind.Department == "" || !seen["department"][ind.Department] {
					t.Errorf("indicator %s: unknown department %q", ind.Code, ind.Department)
				}
				if ind.Project != "" && !seen["project"][ind.Project] {
					t.Errorf("indicator %s: unknown project %q", ind.Code, ind.Project)
				}
				if ind.Source != nil && !seen["document"][ind.Source.Document] {
					t.Errorf("indicator %s: unknown document %q", ind.Code, ind.Source.Document)
				}
			}
		}
	}
}

func oneOf(v string, allowed ...string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}

func TestIndicatorFields(t *testing.T) {
	p, _ := loadPlan(t)
	for _, ind := range allIndicators(p) {
		where := "indicator " + ind.Code
		if ind.Name == "" {
			t.Errorf("%s: no name", where)
		}
		if !oneOf(ind.Kind, "level", "growth", "share", "milestone") {
			t.Errorf("%s: kind %q", where, ind.Kind)
		}
		if !oneOf(ind.Direction, "higher", "lower") {
			t.Errorf("%s: direction %q", where, ind.Direction)
		}
		if !oneOf(ind.Qualifier, "exact", "about", "at_least", "at_most", "over") {
			t.Errorf("%s: qualifier %q", where, ind.Qualifier)
		}
		if !oneOf(ind.Frequency, "monthly", "quarterly", "yearly") {
			t.Errorf("%s: frequency %q", where, ind.Frequency)
		}
		if !oneOf(ind.Accumulation, "cumulative", "periodic", "stock") {
			t.Errorf("%s: accumulation %q", where, ind.Accumulation)
		}
		if ind.Period != "2022" {
			t.Errorf("%s: period %q", where, ind.Period)
		}
		for name, v := range map[string]string{"target": ind.Target, "target_max": ind.TargetMax} {
			if v != "" && !isDecimal(v) {
				t.Errorf("%s: %s %q is not a decimal", where, name, v)
			}
		}
		if ind.Kind == "milestone" {
			if ind.Target != "" {
				t.Errorf("%s: a milestone has no target", where)
			}
			if ind.Due != "" {
				if _, err := time.Parse("2006-01-02", ind.Due); err != nil {
					t.Errorf("%s: due: %v", where, err)
				}
			}
		} else {
			if ind.Due != "" {
				t.Errorf("%s: only milestones have a due date", where)
			}
			if ind.Unit == "" {
				t.Errorf("%s: no unit", where)
			}
			if ind.Target == "" && (ind.Baseline == nil || ind.Baseline.Value == "") && len(ind.Context) == 0 {
				t.Errorf("%s: neither a target nor any figure", where)
			}
		}
		if ind.Kind == "growth" && (ind.Baseline == nil || ind.Baseline.Period == "") {
			t.Errorf("%s: a growth indicator names its base period", where)
		}
		figs := ind.Context
		if ind.Baseline != nil {
			figs = append([]figure{*ind.Baseline}, figs...)
		}
		for _, f := range figs {
			if f.Value != "" && !isDecimal(f.Value) {
				t.Errorf("%s: figure value %q is not a decimal", where, f.Value)
			}
			if f.Qualifier != "" && !oneOf(f.Qualifier, "exact", "about", "at_least", "at_most", "over") {
				t.Errorf("%s: figure qualifier %q", where, f.Qualifier)
			}
		}
	}
}

// TestSpans checks every source span: inside the document, and holding the
// indicator's target (else its baseline, else its first context figure) as
// the article writes it; a milestone's span holds its due month.
func TestSpans(t *testing.T) {
	p, docs := loadPlan(t)
	for _, ind := range allIndicators(p) {
		where := "indicator " + ind.Code
		if ind.Source == nil {
			t.Errorf("%s: no source span", where)
			continue
		}
		doc, ok := docs[ind.Source.Document]
		if !ok {
			t.Errorf("%s: unknown document %q", where, ind.Source.Document)
			continue
		}
		s, e := ind.Source.Start, ind.Source.End
		if s < 0 || s >= e || e > len(doc) {
			t.Errorf("%s: span [%d,%d) outside 0..%d", where, s, e, len(doc))
			continue
		}
		text := doc[s:e]
		var value string
		switch {
		case ind.Kind == "milestone":
			if ind.Due == "" {
				continue
			}
			due, _ := time.Parse("2006-01-02", ind.Due)
			month := fmt.Sprintf("%d月", due.Month())
			txt := string(text)
			if !strings.Contains(txt, month) && !(due.Month() == time.December && due.Day() == 31 && (strings.Contains(txt, "今年") || strings.Contains(txt, "年底"))) {
				t.Errorf("%s: span %q does not give the due date %s", where, txt, ind.Due)
			}
			continue
		case ind.Target != "":
			value = ind.Target
		case ind.Baseline != nil && ind.Baseline.Value != "":
			value = ind.Baseline.Value
		case len(ind.Context) > 0:
			value = ind.Context[0].Value
		}
		if !containsAmount(text, value) {
			t.Errorf("%s: span [%d,%d) %q does not hold %s (as any of %q)", where, s, e, string(text), value, renderings(value))
		}
	}
}

// TestFiguresFromArticle checks that every baseline and context value is
// written somewhere in the article: none is made up.
func TestFiguresFromArticle(t *testing.T) {
	p, docs := loadPlan(t)
	doc := docs["cqrb-2022-shapingba"]
	for _, ind := range allIndicators(p) {
		figs := ind.Context
		if ind.Baseline != nil {
			figs = append([]figure{*ind.Baseline}, figs...)
		}
		for _, f := range figs {
			if f.Value != "" && !containsAmount(doc, f.Value) {
				t.Errorf("indicator %s: figure %s is not in the article", ind.Code, f.Value)
			}
		}
	}
}

// TestGoldFacts checks that each fact of the hand-checked gold annotation
// (shared/extraction/000_0e76c140dce5f649.gold.json, copied here as spans)
// is placed: as an indicator's source span, or as a context figure.
func TestGoldFacts(t *testing.T) {
	p, docs := loadPlan(t)
	doc := docs["cqrb-2022-shapingba"]
	gold := [][2]int{
		{611, 616}, {625, 632}, {969, 973}, {978, 980}, {1079, 1084}, {1090, 1093},
		{1098, 1101}, {1108, 1112}, {1119, 1123}, {1132, 1138}, {2340, 2346}, {2359, 2362},
		{2367, 2373}, {2383, 2388}, {2393, 2396}, {2403, 2407}, {2410, 2417}, {2884, 2890},
		{2898, 2904}, {2918, 2921}, {2937, 2945}, {3376, 3382}, {3391, 3397}, {3540, 3544},
		{3562, 3567}, {3600, 3603}, {3614, 3617}, {3627, 3633}, {3640, 3644}, {3656, 3660},
		{3672, 3678}, {3685, 3689}, {5286, 5290}, {5308, 5314},
	}
	spans := map[[2]int]bool{}
	var contextValues []string
	for _, ind := range allIndicators(p) {
		if ind.Source != nil {
			spans[[2]int{ind.Source.Start, ind.Source.End}] = true
		}
		for _, f := range ind.Context {
			contextValues = append(contextValues, f.Value)
		}
	}
	for _, g := range gold {
		if spans[g] {
			continue
		}
		text := doc[g[0]:g[1]]
		placed := false
		for _, v := range contextValues {
			placed = placed || containsAmount(text, v)
		}
		if !placed {
			t.Errorf("gold fact [%d,%d) %q is neither a source span nor a context figure", g[0], g[1], string(text))
		}
	}
}

// TestReports checks the illustrative monthly figures.
func TestReports(t *testing.T) {
	p, _ := loadPlan(t)
	periodRE := regexp.MustCompile(`^20\d\d-(0[1-9]|1[0-2])$`)
	withReports := 0
	for _, ind := range allIndicators(p) {
		if len(ind.Reports) == 0 {
			continue
		}
		withReports++
		where := "indicator " + ind.Code
		last := map[string]*big.Rat{} // year → last cumulative value
		seen := map[string]bool{}
		for _, r := range ind.Reports {
			if !r.Illustrative {
				t.Errorf("%s %s: every report is illustrative", where, r.Period)
			}
			if !periodRE.MatchString(r.Period) || seen[r.Period] {
				t.Errorf("%s: bad or repeated period %q", where, r.Period)
			}
			seen[r.Period] = true
			for _, v := range []string{r.Value, r.LastYear, r.Amount} {
				if v != "" && !isDecimal(v) {
					t.Errorf("%s %s: %q is not a decimal", where, r.Period, v)
				}
			}
			if r.Value == "" {
				t.Errorf("%s %s: no value", where, r.Period)
				continue
			}
			if ind.Kind == "growth" {
				if r.LastYear == "" || r.Amount == "" {
					t.Errorf("%s %s: a growth report gives last_year and amount", where, r.Period)
					continue
				}
				// value is the rate, rounded to 0.1.
				rate := new(big.Rat).Quo(mustRat(r.Amount), mustRat(r.LastYear))
				rate.Sub(rate, big.NewRat(1, 1)).Mul(rate, big.NewRat(100, 1))
				diff := new(big.Rat).Sub(rate, mustRat(r.Value))
				if diff.Abs(diff).Cmp(big.NewRat(5, 100)) > 0 {
					t.Errorf("%s %s: value %s%% but amount/last_year gives %s%%", where, r.Period, r.Value, rate.FloatString(2))
				}
				continue
			}
			if ind.Accumulation == "cumulative" {
				year := r.Period[:4]
				v := mustRat(r.Value)
				if prev := last[year]; prev != nil && v.Cmp(prev) < 0 {
					t.Errorf("%s %s: year-to-date value %s falls", where, r.Period, r.Value)
				}
				last[year] = v
			}
		}
	}
	if withReports < 6 {
		t.Errorf("%d indicators carry reports, want at least 6", withReports)
	}
	for _, ind := range allIndicators(p) {
		if ind.Code != "industrial-output" {
			continue
		}
		for _, r := range ind.Reports {
			if r.Period == "2022-03" && r.Value != "2000000000" {
				t.Errorf("industrial-output 2022-03 = %s, want the article's estimate 2000000000", r.Value)
			}
		}
		return
	}
	t.Error("no industrial-output indicator")
}
