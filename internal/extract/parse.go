package extract

import "strconv"

// Quantity is a number mention read by ParseQuantity.
type Quantity struct {
	Value     float64  // magnitude multiplied out: 3万余 → 30000, 百分之五 → 5
	Max       *float64 // high end of a range (3到5个 → 5), else nil
	Unit      string   // 个, 元, %, 个百分点 …; "" when none is written
	Qualifier string   // exact, about, over, at_least (不少于) or under; 超/以上 read as over
	Len       int      // runes of s read
}

// ParseQuantity reads the number mention at the start of s: Arabic numbers
// with separators and decimals, full-width digits, Chinese numerals (十二,
// 两千, 三万五千, 一百零五, 〇), mixed forms (3万余, 1.5亿, 2.07万, 三万亿),
// percentages (5%, 百分之五), fractions (三分之一 → 33.33 %) and ranges
// (3到5个, 3—5个, 3-5个, 3至5), with the unit and the qualifiers written
// next to it (约, 超过, 不少于, 左右, 以上, 多, 余). ok is false when s does
// not start with a number (or with a qualifier and a number). Vague pairs
// (七八个) are not numbers.
func ParseQuantity(s string) (q Quantity, ok bool) {
	p := &para{}
	normalize(p, readOnlyBytes(s), 0)
	t := p.text
	start := 0
	qual := qNone
	if w, found := preQualifiers.at(t, 0); found {
		qual = w.tag
		start = len(w.w)
	}
	if start >= len(t) || !(isDigit(t[start]) || chineseDigit(t[start]) >= 0 || t[start] == '十' ||
		hasPrefixAt(t, start, "百分之")) {
		return q, false
	}
	m, _, found := scanQuantity(t, start)
	if !found {
		return q, false
	}
	if m.qual != qNone {
		qual = m.qual
	}
	q.Value, q.Unit = m.value, m.unit
	if m.hasMax {
		v := m.max
		q.Max = &v
	}
	q.Qualifier = resolveQual(qual, KindActual)
	if qual == qOverT {
		q.Qualifier = QualOver
	}
	if m.end > 0 {
		q.Len = p.offs[m.end-1] + 1
	}
	return q, true
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
