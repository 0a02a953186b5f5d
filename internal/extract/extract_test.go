package extract

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"os"
	"strings"
	"testing"
	"testing/iotest"

	"golang.org/x/text/encoding/simplifiedchinese"
)

const sampleName = "testdata/000_0e76c140dce5f649"

func readSample(t testing.TB) string {
	t.Helper()
	data, err := os.ReadFile(sampleName + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestSampleGold scores the sample article against its gold file with the
// acceptance bars of the issue: F1 ≥ 0.95, subject overlap ≥ 0.8, no fact
// twice, every span on the number in the original text.
func TestSampleGold(t *testing.T) {
	text := readSample(t)
	gold := loadGold(t, sampleName+".gold.json")
	facts := Extract(text, Options{Year: gold.Year})
	s := scoreFacts(gold.Facts, facts)
	logScore(t, "sample", s)
	if s.F1 < 0.95 {
		t.Errorf("F1 %.3f < 0.95", s.F1)
	}
	if s.Subject < 0.8 {
		t.Errorf("subject overlap %.3f < 0.8", s.Subject)
	}
	checkSpans(t, text, facts)
	seen := map[string]bool{}
	for _, f := range facts {
		k := fmt.Sprintf("%s|%s|%g|%s|%s", f.Kind, f.Metric, f.Value, f.Unit, f.Subject)
		if seen[k] {
			t.Errorf("fact twice: %s", k)
		}
		seen[k] = true
	}
	// spans equal the gold spans
	spans := map[[2]int]bool{}
	for _, f := range facts {
		spans[[2]int{f.Start, f.End}] = true
	}
	for _, g := range gold.Facts {
		if !spans[[2]int{g.Start, g.End}] {
			t.Errorf("no fact at gold span %d-%d %q", g.Start, g.End, g.Text)
		}
	}
}

// checkSpans verifies that each fact's span lies in the text, holds the
// number and starts and ends on the mention (no white space at its edges).
func checkSpans(t *testing.T, text string, facts []Fact) {
	t.Helper()
	rs := []rune(text)
	for _, f := range facts {
		if f.Start < 0 || f.End > len(rs) || f.Start >= f.End {
			t.Errorf("bad span %d-%d for %v", f.Start, f.End, f)
			continue
		}
		span := string(rs[f.Start:f.End])
		if !strings.ContainsAny(span, "0123456789０１２３４５６７８９〇零一二两三四五六七八九十百千万亿") {
			t.Errorf("span %q of %g %s has no number", span, f.Value, f.Unit)
		}
		if strings.TrimSpace(span) != span {
			t.Errorf("span %q has white space at an edge", span)
		}
	}
}

// TestOwnGold scores excerpts of the corpus annotated by hand for this
// package (testdata/own_*.gold.json): a news article, a 1998 report with
// spaced and full-width digits, and a 2025 report's targets.
func TestOwnGold(t *testing.T) {
	cases := []struct {
		name    string
		minF1   float64
		minSubj float64
	}{
		{"testdata/own_001_news", 0.9, 0.7},
		{"testdata/own_066_report1998", 0.85, 0.7},
		{"testdata/own_009_targets2025", 0.8, 0.7},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data, err := os.ReadFile(c.name + ".txt")
			if err != nil {
				t.Fatal(err)
			}
			gold := loadGold(t, c.name+".gold.json")
			facts := Extract(string(data), Options{Year: gold.Year})
			s := scoreFacts(gold.Facts, facts)
			logScore(t, c.name, s)
			if s.F1 < c.minF1 {
				t.Errorf("F1 %.3f < %.2f", s.F1, c.minF1)
			}
			if s.Subject < c.minSubj {
				t.Errorf("subject overlap %.3f < %.2f", s.Subject, c.minSubj)
			}
			checkSpans(t, string(data), facts)
		})
	}
}

// scored keeps the fields of a fact the scorer and a reader compare.
func scored(fs []Fact) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		p := "null"
		if f.Period != nil {
			p = *f.Period
		}
		out[i] = fmt.Sprintf("%s %s %g %s %s %s %s", f.Kind, f.Metric, f.Value, f.Unit, f.Qualifier, p, f.Subject)
	}
	return out
}

func sameFacts(t *testing.T, what string, want, got []Fact, offsets bool) {
	t.Helper()
	w, g := scored(want), scored(got)
	if strings.Join(w, "\n") != strings.Join(g, "\n") {
		t.Errorf("%s: facts differ\nwant:\n%s\ngot:\n%s", what, strings.Join(w, "\n"), strings.Join(g, "\n"))
		return
	}
	if offsets {
		for i := range want {
			if want[i].Start != got[i].Start || want[i].End != got[i].End {
				t.Errorf("%s: fact %d at %d-%d, want %d-%d", what, i, got[i].Start, got[i].End, want[i].Start, want[i].End)
			}
		}
	}
}

func TestDecodeGBK(t *testing.T) {
	text := readSample(t)
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	got, format, err := Decode("sample.txt", []byte(gbk))
	if err != nil {
		t.Fatal(err)
	}
	if format != FormatGB18030 || got != text {
		t.Fatalf("GBK decoded as %s, same text %v", format, got == text)
	}
	sameFacts(t, "GBK", Extract(text, Options{Year: 2022}), Extract(got, Options{Year: 2022}), true)
	// UTF-8 with a byte order mark
	got, format, err = Decode("sample.txt", append([]byte{0xEF, 0xBB, 0xBF}, text...))
	if err != nil || format != FormatUTF8 || got != text {
		t.Fatalf("UTF-8 BOM: %v %s %v", err, format, got == text)
	}
}

// docxOf builds a minimal .docx holding one w:p per line.
func docxOf(t testing.TB, text string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("[Content_Types].xml")
	fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)
	w, _ = zw.Create("word/document.xml")
	fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for _, line := range strings.Split(text, "\n") {
		fmt.Fprint(w, "<w:p>")
		// split each line into two runs, as Word does
		rs := []rune(line)
		h := len(rs) / 2
		for _, part := range []string{string(rs[:h]), string(rs[h:])} {
			if part != "" {
				fmt.Fprintf(w, `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>`, html.EscapeString(part))
			}
		}
		fmt.Fprint(w, "</w:p>")
	}
	fmt.Fprint(w, `<w:sectPr/></w:body></w:document>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDecodeDocx(t *testing.T) {
	text := readSample(t)
	got, format, err := Decode("sample.docx", docxOf(t, text))
	if err != nil {
		t.Fatal(err)
	}
	if format != FormatDOCX {
		t.Fatalf("format %s", format)
	}
	if got != text {
		t.Errorf("docx text differs from the original")
	}
	sameFacts(t, "docx", Extract(text, Options{Year: 2022}), Extract(got, Options{Year: 2022}), true)
}

func TestDecodeHTML(t *testing.T) {
	text := readSample(t)
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html><head><title>沙坪坝</title><style>p{color:red} 123万元</style>" +
		"<script>var x = '增长99%';</script></head><body>\n")
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(line))
	}
	b.WriteString("<script>document.write('超100万平方米')</script></body></html>")
	got, format, err := Decode("page.html", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if format != FormatHTML {
		t.Fatalf("format %s", format)
	}
	if strings.Contains(got, "var x") || strings.Contains(got, "color:red") || strings.Contains(got, "document.write") {
		t.Errorf("script or style kept:\n%s", got[:200])
	}
	sameFacts(t, "HTML", Extract(text, Options{Year: 2022}), Extract(got, Options{Year: 2022}), false)
}

// TestStreamInvalidUTF8 checks that a stream with a byte that is not UTF-8
// stops with an error naming its byte offset.
func TestStreamInvalidUTF8(t *testing.T) {
	text := "今年粮食产量6.5亿吨。\n\n第二段增长5%\xff。"
	err := ExtractReader(strings.NewReader(text), Options{}, nil, nil)
	var ee *EncodingError
	if !errors.As(err, &ee) || ee.Offset != int64(strings.IndexByte(text, 0xff)) || ee.Byte != 0xff {
		t.Fatalf("got %v", err)
	}
}

func TestDecodeErrors(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"report.pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "PDF"},
		{"x.zip", zipWith(t, "a.txt"), "not a .docx"},
		{"img.png", []byte("\x89PNG\r\n\x1a\n\x00\x00"), "image"},
		{"blob.bin", []byte{0x00, 0x01, 0x02, 0xFF, 0xFE, 0x80, 0x81, 0x00, 0x9F}, "blob.bin"},
		{"bytes.txt", []byte{0x80, 0x80, 0xFF, 0xFF, 0x81, 0x30, 0x00, 0x00}, "byte 0x80 at byte offset 0"},
		{"late.txt", append([]byte("粮食产量6.5亿吨"), 0xC3, 0x28, 0xFF, 0xFE, 0xFD), "byte 0xC3 at byte offset 21"},
	}
	for _, c := range cases {
		_, _, err := Decode(c.name, c.data)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.name) {
			t.Errorf("Decode(%s) = %v, want an error naming the file and %q", c.name, err, c.want)
		}
	}
}

func zipWith(t *testing.T, name string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err == nil {
		_, err = w.Write([]byte("hello"))
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestStreamSameAsExtract reads the sample one byte at a time and checks
// that the streamed facts equal those of Extract, offsets included.
func TestStreamSameAsExtract(t *testing.T) {
	text := readSample(t)
	want := Extract(text, Options{Year: 2022})
	var got []Fact
	var last int64
	err := ExtractReader(iotest.OneByteReader(strings.NewReader(text)), Options{Year: 2022},
		func(f Fact) error { got = append(got, f); return nil },
		func(n int64) { last = n })
	if err != nil {
		t.Fatal(err)
	}
	sameFacts(t, "stream", want, got, true)
	if last != int64(len(text)) {
		t.Errorf("progress ended at %d, want %d", last, len(text))
	}
	// an error from emit stops the reading
	stop := fmt.Errorf("stop")
	n := 0
	err = ExtractReader(strings.NewReader(text), Options{}, func(Fact) error { n++; return stop }, nil)
	if err != stop || n != 1 {
		t.Errorf("emit error: got %v after %d facts", err, n)
	}
}

// TestCleanSample checks the cleaner on the sample: repeats dropped before
// the broken word is joined, captions, bylines and headlines set apart,
// offsets mapping back to the original.
func TestCleanSample(t *testing.T) {
	text := readSample(t)
	rs := []rune(text)
	paras := Clean(text)
	roles := map[Role]int{}
	joined := false
	for _, p := range paras {
		roles[p.Role]++
		if len(p.Offsets) != len([]rune(p.Text)) {
			t.Fatalf("offsets %d for %d runes", len(p.Offsets), len([]rune(p.Text)))
		}
		for i, r := range []rune(p.Text) {
			o := rs[p.Offsets[i]]
			if r != o && r != foldWidth(o) && !(r == ' ' && isSpace(o)) {
				t.Fatalf("rune %q of %q maps to %q", r, p.Text, o)
			}
		}
		if strings.Contains(p.Text, "3万余名硕士博士") {
			joined = true
			if p.Role != RoleBody {
				t.Errorf("joined paragraph is %s", p.Role)
			}
		}
		if strings.HasPrefix(p.Text, "□本报记者") && p.Role != RoleByline {
			t.Errorf("byline is %s", p.Role)
		}
		if p.Text == "灯火辉煌的磁器口后街。" && p.Role != RoleCaption {
			t.Errorf("caption is %s", p.Role)
		}
		if p.Text == "打造开放引领示范区" && p.Role != RoleHeadline {
			t.Errorf("headline is %s", p.Role)
		}
	}
	if !joined {
		t.Error("硕 / 士博士 not joined")
	}
	// lines 70, 72, 120-132 (7), 142-150 (5), 152-166 (8) are repeats
	if roles[RoleDuplicate] != 2+7+5+8 {
		t.Errorf("%d duplicates, want 22", roles[RoleDuplicate])
	}
}

func TestCleanNormalises(t *testing.T) {
	text := "　　1 9 9 7 年粮食产量达到4 9 2 5 0 万吨，增长２ ．５ ％。\n我国第一部《\n国防法\n》开始实施，细颗粒物（PM\n2.5\n）浓度下降。"
	paras := Clean(text)
	if len(paras) != 2 {
		t.Fatalf("%d paragraphs: %+v", len(paras), paras)
	}
	if paras[0].Text != "1997年粮食产量达到49250万吨，增长2.5%。" {
		t.Errorf("got %q", paras[0].Text)
	}
	if paras[1].Text != "我国第一部《国防法》开始实施，细颗粒物（PM2.5）浓度下降。" {
		t.Errorf("got %q", paras[1].Text)
	}
	facts := Extract(text, Options{Year: 1998})
	if len(facts) != 2 || facts[0].Value != 492500000 || facts[1].Value != 2.5 {
		t.Fatalf("facts %+v", facts)
	}
	rs := []rune(text)
	if s := string(rs[facts[0].Start:facts[0].End]); s != "4 9 2 5 0 万吨" {
		t.Errorf("span %q", s)
	}
}

func TestFactJSON(t *testing.T) {
	facts := Extract("去年，中欧班列开行超4800列；今年力争开行3到5万列。", Options{Year: 2022})
	b, err := json.Marshal(facts)
	if err != nil {
		t.Fatal(err)
	}
	var back []map[string]any
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if len(back) != 2 {
		t.Fatalf("%s", b)
	}
	for _, k := range []string{"kind", "metric", "subject", "value", "value_max", "unit", "qualifier", "period", "text", "start", "end"} {
		if _, ok := back[0][k]; !ok {
			t.Errorf("field %s missing in %s", k, b)
		}
	}
	if back[0]["value_max"] != nil || back[1]["value_max"] != float64(50000) || back[1]["value"] != float64(30000) {
		t.Errorf("values: %s", b)
	}
}
