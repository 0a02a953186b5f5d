// Package i18n holds lantu's two languages (Chinese by default, English) and the number
// formats people expect: 8亿美元, 34万平方米, 25.8公里.
package i18n

import (
	"strings"

	"github.com/shopspring/decimal"
)

var (
	yi  = decimal.New(1, 8)
	wan = decimal.New(1, 4)
)

// units that are never scaled to 万/亿: rates, lengths and the like read better as is.
var plainUnits = map[string]bool{"%": true, "个百分点": true, "倍": true, "公里": true, "千米": true, "米": true, "年": true, "天": true}

// Amount formats a value with its unit the way a Chinese report writes it: 800000000 美元
// → "8亿美元", 340000 平方米 → "34万平方米", 25.8 公里 → "25.8公里". Digits after the
// point are kept to at most two, trailing zeros dropped. English uses the same 万/亿
// scale words spelled out as "100 million" and "10 thousand" would mislead readers of
// Chinese statistics, so English writes plain digits with separators.
func Amount(lang string, d decimal.Decimal, unit string) string {
	if lang == "en" {
		s := Group(d.Round(2))
		if unit == "" {
			return s
		}
		if unit == "%" {
			return s + "%"
		}
		return s + " " + unit
	}
	abs := d.Abs()
	num := ""
	switch {
	case plainUnits[unit]:
		num = trim(d.Round(2))
	case abs.GreaterThanOrEqual(yi):
		num = trim(d.Div(yi).Round(2)) + "亿"
	case abs.GreaterThanOrEqual(wan):
		num = trim(d.Div(wan).Round(2)) + "万"
	default:
		num = trim(d.Round(2))
	}
	return num + unit
}

// Number formats a bare value with 万/亿 in Chinese, separators in English.
func Number(lang string, d decimal.Decimal) string { return Amount(lang, d, "") }

func trim(d decimal.Decimal) string {
	s := d.String()
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// Group writes a number with thousands separators: 1234567.5 → "1,234,567.5".
func Group(d decimal.Decimal) string {
	s := trim(d)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// Percent formats a share (0.953) as a percentage with one decimal: "95.3%".
func Percent(d decimal.Decimal) string {
	return trim(d.Mul(decimal.NewFromInt(100)).Round(1)) + "%"
}

// Typed writes a figure the way a clerk would type it, exactly: 75000000 → "7500万",
// 800000000 → "8亿", 25.8 → "25.8"; a figure that 万 or 亿 cannot write exactly in a few
// decimals stays in plain digits. The report form reads all of these back.
func Typed(d decimal.Decimal) string {
	for _, m := range []struct {
		scale decimal.Decimal
		word  string
	}{{yi, "亿"}, {wan, "万"}} {
		if d.Abs().LessThan(m.scale) {
			continue
		}
		q := d.Div(m.scale)
		if q.Equal(q.Round(4)) {
			return trim(q) + m.word
		}
	}
	return trim(d)
}
