package i18n

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestAmount(t *testing.T) {
	cases := []struct {
		lang, value, unit, want string
	}{
		{"zh", "800000000", "美元", "8亿美元"},
		{"zh", "150000000", "美元", "1.5亿美元"},
		{"zh", "3500000000", "元", "35亿元"},
		{"zh", "340000", "平方米", "34万平方米"},
		{"zh", "20700", "标箱", "2.07万标箱"},
		{"zh", "25.8", "公里", "25.8公里"},
		{"zh", "300", "单", "300单"},
		{"zh", "5", "%", "5%"},
		{"zh", "-12345.678", "元", "-1.23万元"},
		{"zh", "9999", "家", "9999家"},
		{"en", "800000000", "美元", "800,000,000 美元"},
		{"en", "5", "%", "5%"},
		{"en", "-1234567.5", "", "-1,234,567.5"},
	}
	for _, c := range cases {
		if got := Amount(c.lang, decimal.RequireFromString(c.value), c.unit); got != c.want {
			t.Errorf("Amount(%s, %s, %s) = %q, want %q", c.lang, c.value, c.unit, got, c.want)
		}
	}
	if got := Percent(decimal.RequireFromString("0.9534")); got != "95.3%" {
		t.Errorf("Percent = %q", got)
	}
}

func TestTyped(t *testing.T) {
	for in, want := range map[string]string{"75000000": "7500万", "800000000": "8亿", "25.8": "25.8", "12345678": "1234.5678万",
		"123456789": "12345.6789万", "123456789.5": "123456789.5", "9999": "9999", "-50000": "-5万", "150000000": "1.5亿"} {
		if got := Typed(decimal.RequireFromString(in)); got != want {
			t.Errorf("Typed(%s) = %q, want %q", in, got, want)
		}
	}
}
