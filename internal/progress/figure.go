package progress

import (
	"strings"

	"github.com/shopspring/decimal"
)

// The one bound on a figure (a report's value, last year's figure, an amount, a target),
// whichever way it comes in — the web form, the API, the command line, an Excel or CSV
// upload: its magnitude is under 10^15 (a district's yearly figures in 元 are far below
// it, and float64, which Excel and JavaScript read numbers as, holds 15 digits exactly),
// with at most 15 significant digits and 10 decimal places kept.
const (
	FigureMaxDigits = 15 // magnitude under 10^FigureMaxDigits; significant digits kept
	FigureMaxPlaces = 10 // decimal places kept
)

// FigureLimit is the smallest magnitude refused: 10^15.
var FigureLimit = decimal.New(1, FigureMaxDigits)

// Figure error codes.
const (
	FigureNotNumber = "not_number"
	FigureTooLarge  = "too_large"
)

// FigureError says why a figure is refused, as a code (FigureNotNumber, FigureTooLarge):
// the pages, the CLI and the cells of a refused upload each say it from message keys.
type FigureError struct{ Code string }

func (e *FigureError) Error() string { return "figure: " + e.Code }

// CheckFigure applies the bound to a figure already decoded (a JSON number, a stored
// value). It looks at the digits and the exponent only, so even 1e9999 costs nothing.
func CheckFigure(d decimal.Decimal) error {
	if d.Sign() == 0 {
		return nil
	}
	// |d| = c × 10^e with c of n digits lies in [10^(n-1+e), 10^(n+e)).
	n := int64(len(d.Coefficient().String()))
	if d.Sign() < 0 {
		n-- // the minus sign
	}
	if n+int64(d.Exponent()) > FigureMaxDigits {
		return &FigureError{Code: FigureTooLarge}
	}
	return nil
}

// checkFigures checks the figures of a report for Validate.
func checkFigures(r Report, add func(field, code, msg string)) {
	for _, f := range []struct {
		name string
		d    *decimal.Decimal
	}{{"value", &r.Value}, {"last_year", r.LastYear}, {"amount", r.Amount}} {
		if f.d != nil {
			if err := CheckFigure(*f.d); err != nil {
				add(f.name, "figure_too_large", "数值过大（应小于10^15）")
			}
		}
	}
}

var (
	figWan   = decimal.New(1, 4)
	figYi    = decimal.New(1, 8)
	figWanYi = decimal.New(1, 12)
)

// ParseFigure reads a figure as people type it, the one parser for figures: a plain
// decimal with an optional sign and point (25.8, -3, .5), an exponent (1E3), thousands separators in groups of three (1,234,567.5), full-width digits
// and signs (１２３４．５), and a scale word at the end (3万 is 30000, 1.5亿 is
// 150000000, 2万亿). A trailing % is dropped (5% is 5, for indicators counted in
// percent; callers that know the unit refuse it elsewhere). The result is bounded (see
// FigureLimit) and keeps at most 15 significant digits and 10 decimal places. Errors
// are *FigureError.
func ParseFigure(s string) (decimal.Decimal, error) {
	s = NormalizeFigure(s)
	if len(s) > 80 {
		return decimal.Zero, &FigureError{Code: FigureNotNumber}
	}
	s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	scale := decimal.Zero
	if word, mul := ScaleWord(s); word != "" {
		s, scale = strings.TrimSpace(strings.TrimSuffix(s, word)), mul
	}
	if !plainNumber(s) {
		return decimal.Zero, &FigureError{Code: FigureNotNumber}
	}
	d, err := decimal.NewFromString(strings.ReplaceAll(s, ",", ""))
	if err != nil {
		return decimal.Zero, &FigureError{Code: FigureNotNumber}
	}
	if !scale.IsZero() {
		d = d.Mul(scale)
	}
	if err := CheckFigure(d); err != nil {
		return decimal.Zero, err
	}
	return CleanFigure(d), nil
}

// ScaleWord finds the scale word a typed figure ends with (万亿, 亿, 万) and its
// multiplier; "" when none.
func ScaleWord(s string) (string, decimal.Decimal) {
	for _, w := range []struct {
		word string
		mul  decimal.Decimal
	}{{"万亿", figWanYi}, {"亿", figYi}, {"万", figWan}} {
		if strings.HasSuffix(s, w.word) {
			return w.word, w.mul
		}
	}
	return "", decimal.Zero
}

// NormalizeFigure folds what people type into what ParseFigure reads: full-width ASCII
// (１２３４．５) to half-width, the ideographic and no-break spaces to spaces, the
// minus sign (−) to '-', the full-width comma and point, and trims spaces.
func NormalizeFigure(s string) string {
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

// CleanFigure drops binary noise from a bounded figure: at most 15 significant digits
// and 10 decimal places, trailing zeros gone (25.800000000000001 → 25.8).
func CleanFigure(d decimal.Decimal) decimal.Decimal {
	places := int32(FigureMaxPlaces)
	if a := d.Abs().Truncate(0); !a.IsZero() {
		if p := int32(FigureMaxDigits - len(a.String())); p < places {
			places = p
		}
	}
	n, _ := decimal.NewFromString(d.Round(places).String())
	return n
}

// plainNumber checks the shape: [+-] digits with optional grouping, optional
// fraction, optional exponent of at most four digits.
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
		// Up to four digits, so that 1e9999 is told it is too large rather than not a
		// number, and no exponent costs more than a few kilobytes to look at.
		if exp == "" || len(exp) > 4 || !allDigits(exp) {
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
