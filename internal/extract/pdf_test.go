package extract

import (
	"os"
	"strings"
	"testing"
)

var wrappedParas = []string{
	"2024年，全市地区生产总值增长5.2%左右，一般公共预算收入增长3.1%，城镇新增就业30万人以上，粮食产量达到1.4亿吨。",
	"今年经济社会发展主要预期目标是：地区生产总值增长5%左右；城镇调查失业率控制在5%以内。",
	"全年新建保障性住房2万套以上，改造老旧小区300个。",
}

// TestDecodePDF reads a PDF whose Chinese lines are hard-wrapped at a fixed
// width under a running header and over page numbers: the lines come back
// joined into their paragraphs, header and page numbers dropped, and the
// facts' offsets point into the extracted text.
func TestDecodePDF(t *testing.T) {
	data := wrapPDF("某市人民政府工作报告", wrappedParas, 18, 4)
	if os.Getenv("LANTU_WRITE_PDF") != "" {
		if err := os.WriteFile("testdata/wrapped.pdf", data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	text, format, err := Decode("report.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	if format != FormatPDF {
		t.Errorf("format %q", format)
	}
	want := strings.Join(wrappedParas, "\n") + "\n"
	if text != want {
		t.Fatalf("text:\n%s\nwant:\n%s", text, want)
	}
	facts := Extract(text, Options{Year: 2025})
	rs := []rune(text)
	spans := map[string]bool{}
	for _, f := range facts {
		spans[string(rs[f.Start:f.End])] = true
	}
	for _, s := range []string{"5.2%左右", "30万人以上", "1.4亿吨", "5%以内", "2万套以上", "300个"} {
		if !spans[s] {
			t.Errorf("no fact at %q (spans %v)", s, spans)
		}
	}
	// the committed fixture reads the same
	fixture, err := os.ReadFile("testdata/wrapped.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if text2, _, err := Decode("wrapped.pdf", fixture); err != nil || text2 != want {
		t.Errorf("fixture: %v\n%s", err, text2)
	}
}

func TestDecodePDFBroken(t *testing.T) {
	data := wrapPDF("页眉", wrappedParas, 18, 4)
	for _, bad := range [][]byte{[]byte("%PDF-1.7\n"), data[:len(data)/2], append([]byte("%PDF-1.4\n1 0 obj <<>> endobj\n"), make([]byte, 64)...)} {
		if _, _, err := Decode("bad.pdf", bad); err == nil || !strings.Contains(err.Error(), "bad.pdf") {
			t.Errorf("broken PDF: %v", err)
		}
	}
	// Inputs on which the library looped for ever (found by mutating wrapped.pdf): a
	// hex string cut off at the end of a content stream, a ToUnicode block announcing
	// billions of entries. They end now, with an error.
	for _, name := range []string{"testdata/hang.pdf", "testdata/hang2.pdf"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := Decode(name, b); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
