package xlsx

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/shopspring/decimal"
)

// normalize folds what people type into what the parsers read: full-width ASCII
// (１２３４．５, Ｙ) to half-width, the ideographic space and no-break spaces to
// spaces, the minus sign (−) to '-', and trims spaces.
func normalize(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '！' && r <= '～':
			r -= 0xFEE0
		case r == '\u3000' || r == '\u00a0' || r == '\u2009' || r == '\u202f':
			r = ' '
		case r == '−' || r == '–':
			r = '-'
		case r == '，':
			r = ','
		case r == '。':
			r = '.'
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

var (
	wan   = decimal.New(1, 4)
	yi    = decimal.New(1, 8)
	wanYi = decimal.New(1, 12)
	limit = decimal.New(1, 15) // largest magnitude accepted, exclusive
	pct   = decimal.NewFromInt(100)
)

// sigDigits is how many significant digits a figure keeps: Excel holds numbers as
// float64 and shows and keeps 15 digits, so anything past them is binary noise.
const (
	sigDigits = 15
	maxPlaces = 10
)

// numberCtx is what a number is read against.
type numberCtx struct {
	unit       string // the indicator's unit
	percentFmt bool   // the cell is formatted as a percentage in Excel (5% is stored as 0.05)
}

// parseNumber reads a figure as people type it. It accepts
//
//   - plain decimals, signed, with a point: 25.8, -3, +4, .5, 1E3 (exponent at most ±30);
//   - thousands separators, ASCII or full-width, in groups of three: 1,234,567.5;
//   - full-width digits and signs: １２３４．５, －３;
//   - the indicator's own unit after the number: 25.8公里 when the unit is 公里;
//   - a scale word: 3万 is 30000, 1.5亿 is 150000000, 2万亿 is 2000000000000 —
//     but not when the unit is itself scaled (万元, 亿美元): there 1.5亿 would be
//     ambiguous, so only plain numbers in that unit are taken;
//   - a percent sign when the unit is a percentage (%, 个百分点): 5% is 5; an Excel cell
//     formatted as a percentage (which stores 5% as 0.05) is read as it shows, 5.
//
// The result keeps at most 15 significant digits and 10 decimal places (see sigDigits),
// and its magnitude is under 10^15. The reason is "" on success.
func parseNumber(raw string, c numberCtx) (decimal.Decimal, string) {
	s := normalize(raw)
	if len(s) > 80 {
		return decimal.Zero, "不是数字 / is not a number"
	}
	percentUnit := c.unit == "%" || strings.Contains(c.unit, "百分点") || c.unit == "‰"
	percent := c.percentFmt
	if strings.HasSuffix(s, "%") {
		s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
		if !percentUnit {
			return decimal.Zero, "单位不是%，请填写以" + unitOr(c.unit) + "计的数字 / the unit is not a percentage"
		}
	}
	if c.unit != "" && c.unit != "%" && strings.HasSuffix(s, c.unit) {
		s = strings.TrimSpace(strings.TrimSuffix(s, c.unit))
	}
	scale := decimal.Zero
	for _, w := range []struct {
		word string
		mul  decimal.Decimal
	}{{"万亿", wanYi}, {"亿", yi}, {"万", wan}} {
		if strings.HasSuffix(s, w.word) {
			s = strings.TrimSpace(strings.TrimSuffix(s, w.word))
			scale = w.mul
			break
		}
	}
	if !scale.IsZero() && (strings.HasPrefix(c.unit, "万") || strings.HasPrefix(c.unit, "亿")) {
		return decimal.Zero, "单位已是" + c.unit + "，请直接填写以" + c.unit + "计的数字 / the unit is already scaled: give a plain number"
	}
	if !plainNumber(s) {
		return decimal.Zero, "不是数字 / is not a number"
	}
	d, err := decimal.NewFromString(strings.ReplaceAll(s, ",", ""))
	if err != nil {
		return decimal.Zero, "不是数字 / is not a number"
	}
	if !scale.IsZero() {
		d = d.Mul(scale)
	}
	if percent {
		if !percentUnit {
			return decimal.Zero, "单元格为百分比格式，但单位不是% / a percentage, but the unit is not %"
		}
		d = d.Mul(pct)
	}
	if d.Abs().GreaterThanOrEqual(limit) {
		return decimal.Zero, "数值过大（应小于10^15） / too large"
	}
	return clean(d), ""
}

func unitOr(u string) string {
	if u == "" {
		return "指标单位"
	}
	return u
}

// clean drops binary noise: at most 15 significant digits and 10 decimal places,
// with trailing zeros gone (25.800000000000001 → 25.8).
func clean(d decimal.Decimal) decimal.Decimal {
	places := int32(maxPlaces)
	if a := d.Abs().Truncate(0); !a.IsZero() {
		if p := int32(sigDigits - len(a.String())); p < places {
			places = p
		}
	}
	return trimZeros(d.Round(places))
}

// plainNumber checks the shape: [+-] digits with optional grouping, optional
// fraction, optional exponent of at most two digits.
func plainNumber(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == '+' || s[0] == '-' {
		s = s[1:]
	}
	mant, exp, hasExp := strings.Cut(strings.ToLower(s), "e")
	if hasExp {
		if exp != "" && (exp[0] == '+' || exp[0] == '-') {
			exp = exp[1:]
		}
		if exp == "" || len(exp) > 2 || !allDigits(exp) {
			return false
		}
	}
	intPart, frac, hasFrac := strings.Cut(mant, ".")
	if hasFrac && frac != "" && !allDigits(frac) {
		return false
	}
	if intPart == "" {
		return hasFrac && frac != ""
	}
	if !strings.Contains(intPart, ",") {
		return allDigits(intPart)
	}
	groups := strings.Split(intPart, ",")
	if len(groups[0]) < 1 || len(groups[0]) > 3 || !allDigits(groups[0]) {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 || !allDigits(g) {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// parseBool reads 是/否, Y/N, yes/no, true/false, 1/0, 对/错, √/×, 已完成/未完成
// (any case, full-width folded).
func parseBool(raw string) (v, ok bool) {
	switch strings.ToLower(normalize(raw)) {
	case "是", "y", "yes", "true", "t", "1", "对", "√", "✓", "已完成", "完成":
		return true, true
	case "否", "n", "no", "false", "f", "0", "错", "×", "✗", "未完成":
		return false, true
	}
	return false, false
}

func boolText(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// parseID reads a positive indicator id (an Excel number 12 or 12.0 included).
func parseID(raw string) (int64, bool) {
	s := strings.TrimSuffix(normalize(raw), ".0")
	if !allDigits(s) || len(s) > 18 {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n > 0
}

// parsePeriod reads a period in the canonical forms (2022-06, 2022Q2, 2022) and in the
// forms Excel turns them into when a CSV is opened and saved: 2022/6, 2022-6,
// 2022/6/1, 2022-06-01 (a date is read as its month), 2022年6月, 2022年第2季度,
// 2022-Q2, 2022年, and an ISO date-time a date cell holds.
func parsePeriod(raw string) (progress.Period, bool) {
	s := strings.ToUpper(strings.ReplaceAll(normalize(raw), " ", ""))
	s = strings.TrimSuffix(strings.TrimPrefix(s, "=\""), "\"") // ="2022-06", Excel's text guard
	if p, err := progress.ParsePeriod(s); err == nil {
		return p, true
	}
	if len(s) < 5 || !allDigits(s[:4]) {
		return progress.Period{}, false
	}
	y, _ := strconv.Atoi(s[:4])
	if y < 1000 {
		return progress.Period{}, false
	}
	rest := s[4:]
	month := func(m string) (progress.Period, bool) {
		n, err := strconv.Atoi(m)
		if err != nil || len(m) > 2 || n < 1 || n > 12 {
			return progress.Period{}, false
		}
		return progress.MonthOf(y, time.Month(n)), true
	}
	switch {
	case rest == "年":
		return progress.YearOf(y), true
	case strings.HasPrefix(rest, "年第") && strings.HasSuffix(rest, "季度"):
		q := strings.TrimSuffix(strings.TrimPrefix(rest, "年第"), "季度")
		q = strings.NewReplacer("一", "1", "二", "2", "三", "3", "四", "4").Replace(q)
		if len(q) == 1 && q[0] >= '1' && q[0] <= '4' {
			return progress.QuarterOf(y, int(q[0]-'0')), true
		}
	case strings.HasPrefix(rest, "-Q") && len(rest) == 3:
		return parsePeriod(s[:4] + rest[1:])
	case strings.HasPrefix(rest, "年") && strings.HasSuffix(rest, "月"):
		return month(strings.TrimSuffix(strings.TrimPrefix(rest, "年"), "月"))
	case rest[0] == '-' || rest[0] == '/' || rest[0] == '.':
		parts := strings.FieldsFunc(rest, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
		switch len(parts) {
		case 1:
			return month(parts[0])
		case 2:
			d, _, _ := strings.Cut(parts[1], "T")
			if n, err := strconv.Atoi(d); err != nil || len(d) > 2 || n < 1 || n > 31 {
				return progress.Period{}, false
			}
			return month(parts[0])
		}
	}
	return progress.Period{}, false
}

// tooLong reports text over MaxText characters.
func tooLong(s string) bool {
	n := 0
	for range s {
		n++
		if n > MaxText {
			return true
		}
	}
	return false
}

// blank reports a cell with nothing but spaces.
func blank(s string) bool { return strings.TrimFunc(s, unicode.IsSpace) == "" }
