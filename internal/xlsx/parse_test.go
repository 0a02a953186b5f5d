package xlsx

import (
	"github.com/lantu-dev/lantu/internal/i18n"
	"strings"
	"testing"
)

func TestParseNumber(t *testing.T) {
	for _, c := range []struct {
		in, unit string
		pctFmt   bool
		want     string // value, or "!" + part of the reason
	}{
		{"25.8", "公里", false, "25.8"},
		{"25.800000000000001", "公里", false, "25.8"},
		{"12345678.899999999", "", false, "12345678.9"},
		{"0.1", "", false, "0.1"},
		{"1,234,567.5", "", false, "1234567.5"},
		{"１２３４．５", "", false, "1234.5"},
		{"１，２３４", "", false, "1234"},
		{"-3", "", false, "-3"},
		{"−3.5", "", false, "-3.5"},
		{"－２", "", false, "-2"},
		{"+4", "", false, "4"},
		{".5", "", false, "0.5"},
		{"5.", "", false, "5"},
		{"1E3", "", false, "1000"},
		{"2.5e-3", "", false, "0.0025"},
		{"3万", "吨", false, "30000"},
		{"1.5亿", "元", false, "150000000"},
		{"2万亿", "元", false, "2000000000000"},
		{"3 万", "", false, "30000"},
		{"3万吨", "吨", false, "30000"},
		{"300万元", "万元", false, "300"},
		{"25.8公里", "公里", false, "25.8"},
		{"5%", "%", false, "5"},
		{"0.05", "%", true, "5"},
		{"2%", "个百分点", false, "2"},
		{"0.00000000001", "", false, "0"},
		{"0.12345678901234", "", false, "0.123456789"},
		{"999999999999999", "", false, "999999999999999"},
		{"1000000000000000", "", false, "!数值过大"},
		{"1e15", "", false, "!数值过大"},
		{"1e100", "", false, "!数值过大"},
		{"1e99999", "", false, "!不是数字"},
		{"abc", "", false, "!不是数字"},
		{"", "", false, "!不是数字"},
		{"1,5", "", false, "!不是数字"},
		{"1,2345", "", false, "!不是数字"},
		{",123", "", false, "!不是数字"},
		{"1.2.3", "", false, "!不是数字"},
		{"--1", "", false, "!不是数字"},
		{"NaN", "", false, "!不是数字"},
		{"Inf", "", false, "!不是数字"},
		{"0x10", "", false, "!不是数字"},
		{"1_000", "", false, "!不是数字"},
		{"1.5亿", "亿元", false, "!单位已是亿元"},
		{"3万", "万人", false, "!单位已是万人"},
		{"5%", "吨", false, "!单位不是%"},
		{"0.05", "吨", true, "!百分比格式"},
		{"3亿吨", "万吨", false, "!不是数字"},
		{strings.Repeat("9", 100), "", false, "!不是数字"},
	} {
		d, code, args := parseNumber(c.in, numberCtx{unit: c.unit, percentFmt: c.pctFmt})
		got := d.String()
		if code != "" {
			got = "!" + i18n.WorkbookReason("zh", code, args, "")
		}
		if strings.HasPrefix(c.want, "!") && !(strings.HasPrefix(got, "!") && strings.Contains(got, c.want[1:])) || !strings.HasPrefix(c.want, "!") && got != c.want {
			t.Errorf("parseNumber(%q, %q, pct=%v) = %s, want %s", c.in, c.unit, c.pctFmt, got, c.want)
		}
	}
}

func TestParseBool(t *testing.T) {
	for in, want := range map[string]bool{"是": true, "否": false, "Y": true, "n": false, "ｙ": true, "TRUE": true,
		"false": false, " yes ": true, "No": false, "1": true, "0": false, "√": true, "×": false} {
		if v, ok := parseBool(in); !ok || v != want {
			t.Errorf("parseBool(%q) = %v, %v", in, v, ok)
		}
	}
	for _, in := range []string{"", "maybe", "是的吧", "2", "完成了"} {
		if _, ok := parseBool(in); ok {
			t.Errorf("parseBool(%q) accepted", in)
		}
	}
}

func TestParsePeriod(t *testing.T) {
	for in, want := range map[string]string{
		"2022-06": "2022-06", "2022Q2": "2022Q2", "2022": "2022", " 2022-06 ": "2022-06", "２０２２－０６": "2022-06",
		"2022/6": "2022-06", "2022-6": "2022-06", "2022/6/1": "2022-06", "2022-06-01": "2022-06", "2022.6": "2022-06",
		"2022年6月": "2022-06", "2022年12月": "2022-12", "2022年第2季度": "2022Q2", "2022年第二季度": "2022Q2",
		"2022-Q2": "2022Q2", "2022q2": "2022Q2", "2022年": "2022", "2022-06-01T00:00:00Z": "2022-06", `="2022-06"`: "2022-06",
	} {
		p, ok := parsePeriod(in)
		if !ok || p.String() != want {
			t.Errorf("parsePeriod(%q) = %s, %v; want %s", in, p, ok, want)
		}
	}
	for _, in := range []string{"", "六月", "2022-13", "2022/0", "2022Q5", "2022年第5季度", "22-06", "0999", "2022-06-40", "2022/6/1/1", "June"} {
		if p, ok := parsePeriod(in); ok {
			t.Errorf("parsePeriod(%q) = %s, accepted", in, p)
		}
	}
}

func TestParseID(t *testing.T) {
	for in, want := range map[string]int64{"11": 11, " 11 ": 11, "１１": 11, "11.0": 11} {
		if got, ok := parseID(in); !ok || got != want {
			t.Errorf("parseID(%q) = %d, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "0", "-1", "1.5", "abc", "99999999999999999999"} {
		if _, ok := parseID(in); ok {
			t.Errorf("parseID(%q) accepted", in)
		}
	}
}

func TestParseNumberKilo(t *testing.T) {
	// 千瓦 is a unit, not a scale: 3万 of it is 30000 千瓦.
	if d, why, _ := parseNumber("3万千瓦", numberCtx{unit: "千瓦"}); why != "" || d.String() != "30000" {
		t.Errorf("got %s %s", d, why)
	}
}
