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
// that every backward scan for one runs to the sentence start).
func longSentence(tb testing.TB, size int, shape string) string {
	tb.Helper()
	var parts []string
	if shape == "bare" {
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
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString(parts[i%len(parts)])
		b.WriteString("，")
	}
	return b.String()
}

// BenchmarkLongSentence extracts one paragraph that is a single sentence of
// 10, 40 and 140 KB of each shape: the time per byte should stay about the
// same whatever the length.
// go test -run '^$' -bench LongSentence -cpu 1 ./internal/extract
func BenchmarkLongSentence(b *testing.B) {
	for _, shape := range []string{"prose", "dense", "bare"} {
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

