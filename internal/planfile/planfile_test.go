package planfile

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/lantu-dev/lantu/internal/plan"
)

func load(t *testing.T, name string) *Loaded {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	l, err := Parse(os.DirFS("testdata"), name, data)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return l
}

func TestParseSmall(t *testing.T) {
	l := load(t, "small.yaml")
	p := l.Plan
	if p.Region.ParentCode != "500000" || p.Year != 2022 || len(p.Zones) != 2 {
		t.Fatalf("plan header wrong: %+v", p.Region)
	}
	inds := p.Zones[0].Programs[0].Indicators
	if got := inds[1].Target.String(); got != "800000000" {
		t.Errorf("fdi target = %s", got)
	}
	if inds[1].Baseline.Value.String() != "712000000.5" || inds[1].Public {
		t.Errorf("fdi baseline/public wrong: %+v public=%v", inds[1].Baseline, inds[1].Public)
	}
	if inds[0].Qualifier != plan.QualAtLeast || inds[0].Frequency != plan.Monthly || inds[0].Accumulation != plan.Cumulative || !inds[0].Public {
		t.Errorf("defaults not filled: %+v", inds[0])
	}
	if p.Settings.DueDay != 15 || p.Settings.OnTrack.String() != "0.9" {
		t.Errorf("settings not read: %+v", p.Settings)
	}
	if len(l.Reports["rail-bill-lc"]) != 1 {
		t.Errorf("reports not kept: %v", l.Reports)
	}
}

func TestRoundTrip(t *testing.T) {
	l := load(t, "small.yaml")
	out, err := Marshal(FromPlan(l.Plan, l.Reports))
	if err != nil {
		t.Fatal(err)
	}
	again, err := Parse(nil, "export.yaml", out)
	if err != nil {
		t.Fatalf("re-parse export: %v\n%s", err, out)
	}
	if !reflect.DeepEqual(l.Plan, again.Plan) {
		t.Errorf("plan changed in a round trip:\n%s", out)
	}
	if !reflect.DeepEqual(l.Reports, again.Reports) {
		t.Errorf("reports changed in a round trip")
	}
}

// Every problem is named with its line and field, all at once.
// A document's text survives a round trip to the character, leading blank lines and all,
// so that spans still point at the same place.
func TestDocumentTextExact(t *testing.T) {
	for _, text := range []string{"\n\n标题\n\n正文300单。", "  缩进\n", "plain", "trailing\n\n", "\ttab"} {
		l := load(t, "small.yaml")
		l.Plan.Documents[0].Text = text
		l.Plan.Zones[0].Programs[0].Indicators[0].Source = nil // the span would not fit these short texts
		out, err := Marshal(FromPlan(l.Plan, nil))
		if err != nil {
			t.Fatal(err)
		}
		again, err := Parse(nil, "x.yaml", out)
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		if got := again.Plan.Documents[0].Text; got != text {
			t.Errorf("text %q came back as %q", text, got)
		}
	}
}

func TestParseErrors(t *testing.T) {
	bad := `format: lantu-plan/1
region: {code: "5001", name: 沙坪坝区}
year: 2022
title: 坏计划
departments:
  - {code: commerce, name: 区商务委}
zones:
  - code: open
    name: 开放
    programs:
      - code: p1
        name: 通道
        indicators:
          - code: a
            name: 进出口额增长
            unit: "%"
            kind: growth
            target: 5
          - code: b
            name: 道路
            kind: level
            target: 25.8
            department: nobody
          - code: a
            name: 无水港
            kind: milestone
`
	_, err := Parse(nil, "bad.yaml", []byte(bad))
	var verrs plan.ValidationErrors
	if !errors.As(err, &verrs) {
		t.Fatalf("want ValidationErrors, got %v", err)
	}
	want := []string{
		"line 2: region.code:",
		"line 14: zones[0].programs[0].indicators[0].baseline: a growth target needs a baseline",
		"line 19: zones[0].programs[0].indicators[1].unit: is missing",
		"line 23: zones[0].programs[0].indicators[1].department: \"nobody\"",
		"line 24: zones[0].programs[0].indicators[2].code: \"a\" is used twice",
		"line 24: zones[0].programs[0].indicators[2].due: a milestone needs a date",
	}
	msg := err.Error()
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("error lacks %q:\n%s", w, msg)
		}
	}
}

func TestParseTypeErrorsNameLine(t *testing.T) {
	cases := map[string]string{
		"format: lantu-plan/1\nyear: twenty\n": "line 2",
		"format: lantu-plan/1\nyearr: 2022\n":  "line 2: field yearr not found",
		"format: lantu-plan/1\nzones:\n  - code: z\n    programs:\n      - code: p\n        indicators:\n          - code: i\n            target: abc\n": "line 8",
	}
	for in, want := range cases {
		_, err := Parse(nil, "x.yaml", []byte(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want it to name %q", in, err, want)
		}
	}
}

// owed_from is read, exported and read again; a malformed one is refused naming the field.
func TestOwedFrom(t *testing.T) {
	data, err := os.ReadFile("testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	with := bytes.Replace(data, []byte("            frequency: quarterly\n"), []byte("            frequency: quarterly\n            owed_from: \"2022-05-20\"\n"), 1)
	if bytes.Equal(with, data) {
		t.Fatal("small.yaml no longer has a quarterly indicator")
	}
	l, err := Parse(os.DirFS("testdata"), "small.yaml", with)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, z := range l.Plan.Zones {
		for _, pr := range z.Programs {
			for _, ind := range pr.Indicators {
				got = append(got, ind.Code+"="+ind.OwedFrom)
			}
		}
	}
	if !slices.Contains(got, "fdi=2022-05-20") || !slices.Contains(got, "rail-bill-lc=") {
		t.Fatalf("owed_from as read: %v", got)
	}
	out, err := Marshal(FromPlan(l.Plan, l.Reports))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out, []byte("owed_from: \"2022-05-20\"")) && !bytes.Contains(out, []byte("owed_from: 2022-05-20")) {
		t.Errorf("export lacks owed_from:\n%s", out)
	}
	bad := bytes.Replace(with, []byte("2022-05-20"), []byte("2022-5-20"), 1)
	if _, err := Parse(os.DirFS("testdata"), "small.yaml", bad); err == nil || !strings.Contains(err.Error(), "owed_from") {
		t.Errorf("a malformed owed_from: %v", err)
	}
}
