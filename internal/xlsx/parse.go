package xlsx

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/shopspring/decimal"
)

// normalize folds full-width ASCII, odd spaces and minus signs: progress.NormalizeFigure.
func normalize(s string) string { return progress.NormalizeFigure(s) }

var pct = decimal.NewFromInt(100)

// sigDigits is how many significant digits a figure keeps: Excel holds numbers as
// float64 and shows and keeps 15 digits, so anything past them is binary noise.
const sigDigits = progress.FigureMaxDigits

// numberCtx is what a number is read against.
type numberCtx struct {
	unit       string // the indicator's unit
	percentFmt bool   // the cell is formatted as a percentage in Excel (5% is stored as 0.05)
}

// parseNumber reads a figure of a cell against the indicator's unit. The number itself
// is read by progress.ParseFigure, the one parser (and bound) for figures; here are the
// checks that need the unit:
//
//   - the indicator's own unit after the number: 25.8公里 when the unit is 公里;
//   - a scale word (3万, 1.5亿, 2万亿), but not when the unit is itself scaled (万元,
//     亿美元): there 1.5亿 would be ambiguous, so only plain numbers in that unit are taken;
//   - a percent sign only when the unit is a percentage (%, 个百分点): 5% is 5; an Excel
//     cell formatted as a percentage (which stores 5% as 0.05) is read as it shows, 5.
//
// The reason code (with its values) is "" on success.
func parseNumber(raw string, c numberCtx) (decimal.Decimal, string, []any) {
	s := normalize(raw)
	if len(s) > 80 {
		return decimal.Zero, CodeNotNumber, nil
	}
	percentUnit := c.unit == "%" || strings.Contains(c.unit, "百分点") || c.unit == "‰"
	if strings.HasSuffix(s, "%") {
		s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
		if !percentUnit {
			return decimal.Zero, CodeUnitNotPercent, nil
		}
	}
	if c.unit != "" && c.unit != "%" && strings.HasSuffix(s, c.unit) {
		s = strings.TrimSpace(strings.TrimSuffix(s, c.unit))
	}
	if word, _ := progress.ScaleWord(s); word != "" && (strings.HasPrefix(c.unit, "万") || strings.HasPrefix(c.unit, "亿")) {
		return decimal.Zero, CodeUnitScaled, []any{c.unit}
	}
	if strings.HasSuffix(s, "%") { // 5%% is not a number
		return decimal.Zero, CodeNotNumber, nil
	}
	d, err := progress.ParseFigure(s)
	if err != nil {
		return decimal.Zero, figureCode(err), nil
	}
	if c.percentFmt {
		if !percentUnit {
			return decimal.Zero, CodePercentFormat, []any{c.unit}
		}
		d = d.Mul(pct)
		if err := progress.CheckFigure(d); err != nil {
			return decimal.Zero, figureCode(err), nil
		}
		d = progress.CleanFigure(d)
	}
	return d, "", nil
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
