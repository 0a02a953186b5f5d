package extract

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func fuzzSeeds(f *testing.F) {
	for _, s := range []string{
		"", "\n\n", "一季度工业产值预计20亿元，同比增长4%。", "集聚10万余名科技工作者、3万余名硕\n\n士博士，335个",
		"1 9 9 7 年粮食产量达到4 9 2 5 0 万吨", "百分之五十", "三分之一", "3到5个", "16%-37%", "约占全国的30%",
		"我国第一部《\n国防法\n》开始实施", "（PM\n2.5\n）", "\ufeff超过12万亿人民币", "9999999999999999999999亿亿亿亿亿元",
		"二〇二二年", "１２３４５６７８９０％", "□本报记者 张三", "\r\n\r\n增长5%\r\n",
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
