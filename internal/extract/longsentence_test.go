package extract

import (
	"strconv"
	"strings"
	"testing"
)

// longSentence returns about size bytes of one sentence with no sentence end,
// its clauses joined by ，: the sample's clauses, repeated — all of them
// (prose) or only those with a digit (dense) — or a flattened table (bare:
// 粮食产量1234万吨, a figure every 10 runes and no kind marker or year, so
// that every backward scan for one runs to the sentence start); spaced is the
// table joined by spaces, one clause with no punctuation at all.
func longSentence(tb testing.TB, size int, shape string) string {
	tb.Helper()
	var parts []string
	if shape == "bare" || shape == "spaced" {
		nouns := []string{"粮食产量", "钢材产量", "货物进出口总额", "社会消费品零售总额", "城镇新增就业", "实际利用外资", "地区生产总值", "一般公共预算收入"}
		units := []string{"万吨", "亿元", "万人", "亿美元", "个", "公里"}
		for i := range len(nouns) * len(units) {
			parts = append(parts, nouns[i%len(nouns)]+strconv.Itoa(10+i*7919%9990)+units[i%len(units)])
		}
	}
	for _, c := range strings.FieldsFunc(readSample(tb), func(r rune) bool { return isSentenceEnd(r) || r == '，' || r == '\n' }) {
		if c = strings.TrimSpace(c); c != "" && (shape == "prose" || shape == "dense" && strings.ContainsAny(c, "0123456789")) {
			parts = append(parts, c)
		}
	}
	sep := "，"
	if shape == "spaced" {
		sep = " "
	}
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString(parts[i%len(parts)])
		b.WriteString(sep)
	}
	return b.String()
}

// BenchmarkLongSentence extracts one paragraph that is a single sentence of
// 10, 40 and 140 KB of each shape: the time per byte should stay about the
// same whatever the length (each mention reads at most maxLookBack
// runes of its sentence).
// go test -run '^$' -bench LongSentence -cpu 1 ./internal/extract
func BenchmarkLongSentence(b *testing.B) {
	for _, shape := range []string{"prose", "dense", "bare", "spaced"} {
		for _, kb := range []int{10, 40, 140} {
			text := longSentence(b, kb<<10, shape)
			b.Run(shape+"/"+strconv.Itoa(kb)+"KB", func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				facts := 0
				for range b.N {
					facts = len(Extract(text, Options{Year: 2024}))
				}
				b.ReportMetric(float64(facts), "facts")
			})
		}
	}
}

// TestLongSentenceWindow checks the bound on the reading of a long sentence:
// a kind marker or a year up to maxLookBack runes before a figure in its
// sentence is read as the sentence's, one further back as the paragraph's
// context before the figure's sentence: a year still frames the figure, through
// the paragraph, and a marker word (预计) no longer tells its kind.
func TestLongSentenceWindow(t *testing.T) {
	const filler = "，各方面广泛参与" // 8 runes, no marker, year or figure
	type read struct{ kind, kindWhy, period, periodWhy string }
	for _, tc := range []struct {
		lead      string
		near, far read
	}{
		{"预计", read{KindEstimate, WhySentence, "2024", WhyPublished}, read{KindActual, WhyNone, "2024", WhyPublished}},
		{"2030年", read{KindTarget, WhySentence, "2030", WhySentence}, read{KindTarget, WhyParagraph, "2030", WhyParagraph}},
	} {
		for _, far := range []bool{false, true} {
			n, want := (maxLookBack-20)/len([]rune(filler)), tc.near
			if far {
				n, want = (maxLookBack+20)/len([]rune(filler)), tc.far
			}
			text := tc.lead + strings.Repeat(filler, n) + "，粮食产量1234万吨。"
			facts := Extract(text, Options{Year: 2024})
			if len(facts) != 1 {
				t.Fatalf("%s, %d fillers: %d facts, want 1", tc.lead, n, len(facts))
			}
			f := facts[0]
			got := read{f.Kind, f.Why.Kind, "", f.Why.Period}
			if f.Period != nil {
				got.period = *f.Period
			}
			if got != want {
				t.Errorf("%s, %d fillers: got %+v, want %+v", tc.lead, n, got, want)
			}
		}
	}
}

// TestSentenceStart checks the cached sentence start against a scan back,
// for positions asked in order, with steps back within and across sentences.
func TestSentenceStart(t *testing.T) {
	text := []rune("一二三。四五六七！八九？？十一二三四五。六")
	var x extractor
	for _, s := range []int{0, 2, 3, 4, 6, 5, 9, 8, 12, 11, 3, 18, 20, 19, 21, 7, 21} {
		want := s
		for want > 0 && !isSentenceEnd(text[want-1]) {
			want--
		}
		if got := x.sentenceStart(text, s); got != want {
			t.Errorf("sentenceStart(%d) = %d, want %d", s, got, want)
		}
	}
}
