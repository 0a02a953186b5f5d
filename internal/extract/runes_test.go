package extract

import (
	"testing"
	"unicode/utf8"
)

// TestNormalizeDecode checks the inline decoding of normalize against
// utf8.DecodeRune on bytes that are not all valid UTF-8 (Extract takes any
// string): surrogates, overlong forms, cut sequences.
func TestNormalizeDecode(t *testing.T) {
	for _, s := range []string{
		"abc", "增长5%", "\xed\xa0\x80", "\xe0\x80\xaf", "\xe4\xb8", "\xe4\xb8\xadx\xff", "\xf0\x9f\x98\x80年", "\xef\xbb\xbf年",
	} {
		b := []byte(s)
		var want []rune
		for i := 0; i < len(b); {
			r, n := utf8.DecodeRune(b[i:])
			want = append(want, r)
			i += n
		}
		var got []rune
		for i := 0; i < len(b); {
			r, n := decodeRune(b, i)
			got = append(got, r)
			i += n
		}
		if string(got) != string(want) || len(got) != len(want) {
			t.Errorf("decode %q: %U, want %U", s, got, want)
		}
	}
}
