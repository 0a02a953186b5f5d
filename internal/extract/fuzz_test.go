package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func fuzzSeeds(f *testing.F) {
	for _, s := range []string{
		"", "\n\n", "一季度工业产值预计20亿元，同比增长4%。", "集聚10万余名科技工作者、3万余名硕\n\n士博士，335个",
		"1 9 9 7 年粮食产量达到4 9 2 5 0 万吨", "百分之五十", "三分之一", "3到5个", "16%-37%", "约占全国的30%",
		"我国第一部《\n国防法\n》开始实施", "（PM\n2.5\n）", "\ufeff超过12万亿人民币", "9999999999999999999999亿亿亿亿亿元",
		"二〇二二年", "１２３４５６７８９０％", "□本报记者 张三", "\r\n\r\n增长5%\r\n",
		// the second round's rules: bare magnitudes, tenths, 番, ratios, nouns before and after,
		// indicator letters, 、-lists, 的幅度, link terms on their own line
		"旅游收入破万亿，突破千亿元大关、超百亿", "占七成左右，超过四成", "翻一番以上，翻两番的目标",
		"收入倍差从2.37缩小到1.94", "用户3.4亿、63万失能老人", "GDP5.5%的增长", "减少税负3500亿元、收费约2000亿元",
		"按不低于5%的幅度压减", "85%以上农户", "30万吨级", "58条改革举措", "结束。新增\n第四代移动通信\n用户3.4亿、光缆",
	} {
		f.Add(s)
	}
	if data, err := os.ReadFile(sampleName + ".txt"); err == nil {
		f.Add(string(data[:2000]))
	}
}

func FuzzClean(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		n := utf8.RuneCountInString(text)
		prev := -1
		for _, p := range Clean(text) {
			if p.Start < 0 || p.End > n || p.Start >= p.End {
				t.Fatalf("paragraph %d-%d outside 0-%d", p.Start, p.End, n)
			}
			if p.Start < prev {
				t.Fatalf("paragraphs out of order")
			}
			prev = p.Start
			if len(p.Offsets) != utf8.RuneCountInString(p.Text) || len(p.Offsets) == 0 {
				t.Fatalf("%d offsets for %q", len(p.Offsets), p.Text)
			}
			for i, o := range p.Offsets {
				if o < p.Start || o >= p.End || i > 0 && o <= p.Offsets[i-1] {
					t.Fatalf("offset %d of %q: %d (paragraph %d-%d)", i, p.Text, o, p.Start, p.End)
				}
			}
			if _, err := json.Marshal(p); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func FuzzParseNumber(f *testing.F) {
	fuzzSeeds(f)
	for _, s := range []string{"十二", "两千", "三万五千", "一百零五", "〇", "3万余", "1.5亿", "三万亿", "1,200", "3—5个"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, ok := ParseQuantity(s)
		if !ok {
			return
		}
		if q.Len <= 0 || q.Len > utf8.RuneCountInString(s) {
			t.Fatalf("Len %d for %q", q.Len, s)
		}
		if math.IsNaN(q.Value) || q.Value < 0 {
			t.Fatalf("value %v for %q", q.Value, s)
		}
	})
}

func FuzzExtract(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		n := utf8.RuneCountInString(text)
		facts := Extract(text, Options{Year: 2022})
		for _, x := range facts {
			if x.Start < 0 || x.End > n || x.Start >= x.End {
				t.Fatalf("fact %d-%d outside 0-%d: %+v", x.Start, x.End, n, x)
			}
		}
		b, err := json.Marshal(facts)
		if err != nil || !json.Valid(b) {
			t.Fatalf("JSON: %v", err)
		}
		var streamed []Fact
		err = ExtractReader(strings.NewReader(text), Options{Year: 2022}, func(x Fact) error {
			streamed = append(streamed, x)
			return nil
		}, nil)
		if !utf8.ValidString(text) {
			var ee *EncodingError
			if !errors.As(err, &ee) || int(ee.Offset) != invalidAt([]byte(text)) {
				t.Fatalf("invalid UTF-8 at %d: got %v", invalidAt([]byte(text)), err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(streamed) != len(facts) {
			t.Fatalf("stream gave %d facts, Extract %d", len(streamed), len(facts))
		}
		for i := range facts {
			if streamed[i].Start != facts[i].Start || streamed[i].End != facts[i].End || streamed[i].Value != facts[i].Value {
				t.Fatalf("fact %d differs: %+v vs %+v", i, streamed[i], facts[i])
			}
		}
	})
}

var whyCodes = map[string]bool{WhySentence: true, WhyParagraph: true, WhyList: true, WhyHeading: true,
	WhyReview: true, WhyTasks: true, WhyMultiYear: true, WhyPeriodEnd: true, WhyOpening: true, WhyNone: true, WhyDocument: true, WhyPublished: true}

// FuzzContext puts the input in the places of a work report where the
// context pass reads it (title, headings, list openers, review and tasks)
// and checks each fact's spans, kind, period and why.
func FuzzContext(f *testing.F) {
	fuzzSeeds(f)
	for _, s := range []string{"主要预期目标是：增长5%左右；就业1200万人以上。", "一、2024年工作回顾", "过去五年，年均增长5%。",
		"今年重点做好以下工作：", "（一）扩大内需", "2021年是极不平凡的一年。增长8.1%。", "去年带动6069万农民增收"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		defer watchdog(s)()
		doc := "2025年政府工作报告\n\n各位代表：\n\n一、" + s + "\n\n" + s + "\n\n二、2025年主要任务\n\n" + s + "主要预期目标是：" + s + "\n\n" + s
		n := utf8.RuneCountInString(doc)
		facts := Extract(doc, Options{Year: 2025})
		for _, x := range facts {
			if x.Start < 0 || x.End > n || x.Start >= x.End {
				t.Fatalf("fact %d-%d outside 0-%d: %+v", x.Start, x.End, n, x)
			}
			if x.Kind != KindTarget && x.Kind != KindActual && x.Kind != KindEstimate {
				t.Fatalf("kind %q", x.Kind)
			}
			if !whyCodes[x.Why.Period] || !whyCodes[x.Why.Kind] {
				t.Fatalf("why %+v", x.Why)
			}
			if x.Period != nil {
				p := *x.Period
				if len(p) != 4 && !(len(p) == 6 && p[4] == 'Q' && p[5] >= '1' && p[5] <= '4') {
					t.Fatalf("period %q", p)
				}
			} else if x.Why.Period != WhyNone && x.Why.Period != WhyMultiYear {
				t.Fatalf("no period but why %+v", x.Why)
			}
			if !utf8.ValidString(x.Why.PeriodCue) || !utf8.ValidString(x.Why.KindCue) || utf8.RuneCountInString(x.Why.KindCue) > 2*maxCue {
				t.Fatalf("cue %+v", x.Why)
			}
		}
		var streamed []Fact
		if err := ExtractReader(strings.NewReader(doc), Options{Year: 2025}, func(x Fact) error {
			streamed = append(streamed, x)
			return nil
		}, nil); err != nil {
			t.Fatal(err)
		}
		if len(streamed) != len(facts) {
			t.Fatalf("stream gave %d facts, Extract %d", len(streamed), len(facts))
		}
		for i := range facts {
			if streamed[i].Start != facts[i].Start || streamed[i].Why != facts[i].Why || streamed[i].Kind != facts[i].Kind {
				t.Fatalf("fact %d differs: %+v vs %+v", i, streamed[i], facts[i])
			}
		}
	})
}

// FuzzPDF reads arbitrary bytes as a PDF: an error or text, never a panic,
// and the text is UTF-8 that the extractor reads.
func FuzzPDF(f *testing.F) {
	if data, err := os.ReadFile("testdata/wrapped.pdf"); err == nil {
		f.Add(data)
		f.Add(data[:len(data)*2/3])
	}
	for _, name := range []string{"testdata/hang.pdf", "testdata/hang2.pdf"} {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add(wrapPDF("第1页 页眉", []string{"一、2024年工作回顾", "粮食产量1.4万亿斤，增长1.6%。"}, 10, 2))
	f.Add([]byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		defer watchdog(string(data))()
		if !bytes.HasPrefix(data, []byte("%PDF")) {
			data = append([]byte("%PDF-1.7\n"), data...)
		}
		text, _, err := Decode("fuzz.pdf", data)
		if err != nil {
			return
		}
		if !utf8.ValidString(text) {
			t.Fatalf("text is not UTF-8")
		}
		Extract(text, Options{Year: 2025})
	})
}

// watchdog crashes the fuzz worker when one input takes over 10 s, so that
// the fuzzer keeps the input that hangs (go test has no time limit per
// input). It returns the function that stops it.
func watchdog(input string) func() {
	t := time.AfterFunc(10*time.Second, func() {
		panic(fmt.Sprintf("input of %d bytes took over 10 s: %q", len(input), input[:min(len(input), 300)]))
	})
	return func() { t.Stop() }
}
