package extract

import (
	"testing"
	"unicode/utf8"
)

// TestRunesString checks runesString against the conversion of the
// language, also for runes that are not valid (encoded as U+FFFD).
func TestRunesString(t *testing.T) {
	for _, tc := range [][]rune{
		nil, {}, []rune("2024年，全市地区生产总值增长5.2%左右"), []rune("ｃａｆé 𠀋 ü"),
		{0xD800, 0xDFFF, -1, utf8.MaxRune + 1, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, utf8.MaxRune},
	} {
		if got, want := runesString(tc), string(tc); got != want {
			t.Errorf("runesString(%U) = %q, want %q", tc, got, want)
		}
	}
}

func FuzzRunesString(f *testing.F) {
	f.Add("今年 GDP 增长５．２％", int32(0x10FFFF+5))
	f.Fuzz(func(t *testing.T, s string, extra int32) {
		rs := append([]rune(s), extra)
		if got, want := runesString(rs), string(rs); got != want {
			t.Errorf("runesString(%U) = %q, want %q", rs, got, want)
		}
	})
}

// TestNormalizeDecode checks the inline decoding of normalize against
// []rune(s) on bytes that are not all valid UTF-8 (Extract takes any
// string): surrogates, overlong forms, cut sequences.
func TestNormalizeDecode(t *testing.T) {
	for _, s := range []string{
		"abc", "增长5%", "\xed\xa0\x80", "\xe0\x80\xaf", "\xe4\xb8", "\xe4\xb8\xadx\xff", "\xf0\x9f\x98\x80年", "\xe2\x82\xac年",
		"x\xe4", "\xe4\xb8\xad\xe4",
	} {
		p := &para{}
		_, n := normalize(p, []byte(s), 0)
		want := []rune(s)
		if n != len(want) || string(p.text) != string(want) {
			t.Errorf("normalize(%q) = %U (%d runes), want %U", s, p.text, n, want)
		}
	}
}

// TestHasPrefixAt checks hasPrefixAt against the comparison of decoded runes.
func TestHasPrefixAt(t *testing.T) {
	ref := func(t []rune, i int, p string) bool {
		for _, r := range p {
			if i >= len(t) || t[i] != r {
				return false
			}
			i++
		}
		return true
	}
	texts := [][]rune{[]rune("2024年，全市GDP增长5.2%左右；ü é 𠀋年"), {0xD800, 'a', 0xFFFD, utf8.MaxRune}, nil}
	words := []string{"", "2024年", "年", "全市GDP", "GDP增长5", "ü", "é 𠀋", "𠀋年", "\uFFFD", "a\uFFFD", "\U0010FFFF", "左右；ü", "左右；ü é 𠀋年x"}
	for _, tx := range texts {
		for i := 0; i <= len(tx); i++ {
			for _, w := range words {
				if got, want := hasPrefixAt(tx, i, w), ref(tx, i, w); got != want {
					t.Errorf("hasPrefixAt(%q, %d, %q) = %v, want %v", string(tx), i, w, got, want)
				}
			}
		}
	}
}
