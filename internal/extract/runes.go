package extract

import (
	"unicode/utf8"
	"unsafe"
)

// Character classes used by the cleaner and the extractor. All work on runes
// of the cleaned text, where full-width digits and letters are already ASCII.

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

func isASCIIAlnum(r rune) bool { return isDigit(r) || isASCIILetter(r) }

// isHan reports a CJK unified ideograph (the common blocks).
func isHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF || r >= 0x20000 && r <= 0x2FFFF || r == '〇'
}

// isSpace reports white space, including the ideographic space, the
// no-break space and the byte order mark.
func isSpace(r rune) bool {
	if r > 0x3000 { // ideographs and most punctuation: one comparison
		return r == 0xFEFF
	}
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', 0x85, 0xA0, 0x3000, 0xFEFF, 0x2000, 0x2001, 0x2002,
		0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x200B, 0x202F, 0x205F:
		return true
	}
	return false
}

// isSentenceEnd reports punctuation that ends a sentence.
func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '!', '?', '…':
		return true
	}
	return false
}

// isClauseEnd reports punctuation that ends a clause (and every sentence end).
func isClauseEnd(r rune) bool {
	switch r {
	case '，', '、', '；', '：', ',', ';', ':', '\n':
		return true
	}
	return isSentenceEnd(r)
}

// isOpening reports opening brackets and quotes.
func isOpening(r rune) bool {
	switch r {
	case '（', '(', '《', '“', '‘', '【', '[', '「', '『', '〈', '〔':
		return true
	}
	return false
}

// isClosing reports closing brackets and quotes.
func isClosing(r rune) bool {
	switch r {
	case '）', ')', '》', '”', '’', '】', ']', '」', '』', '〉', '〕':
		return true
	}
	return false
}

// isPunct reports any punctuation the cleaner or extractor cares about.
func isPunct(r rune) bool {
	return isClauseEnd(r) || isOpening(r) || isClosing(r) || r == '—' || r == '·' || r == '"' || r == '\''
}

// foldWidth maps full-width ASCII variants that matter for numbers to ASCII:
// digits, letters, ％ ． ＋ － ／ ～. Other runes are returned unchanged
// (the Chinese comma and brackets are kept, they are the normal forms).
func foldWidth(r rune) rune {
	if r < '％' || r > '～' { // outside U+FF05..U+FF5E nothing folds
		return r
	}
	switch {
	case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
		return r - 0xFEE0
	}
	switch r {
	case '％':
		return '%'
	case '．':
		return '.'
	case '＋':
		return '+'
	case '－':
		return '-'
	case '／':
		return '/'
	case '～':
		return '~'
	}
	return r
}

// hasPrefixAt reports whether t[i:] starts with p. It compares the UTF-8
// form of each rune of t with the bytes of p, which is cheaper than decoding
// p (the words are literals, valid UTF-8; t holds decoded runes).
func hasPrefixAt(t []rune, i int, p string) bool {
	for j := 0; j < len(p); i++ {
		if i >= len(t) {
			return false
		}
		switch r := t[i]; {
		case r < 0x80:
			if p[j] != byte(r) {
				return false
			}
			j++
		case r >= 0x800 && r < 0x10000:
			if len(p)-j < 3 || p[j] != byte(0xE0|r>>12) || p[j+1] != byte(0x80|r>>6&0x3F) || p[j+2] != byte(0x80|r&0x3F) {
				return false
			}
			j += 3
		default:
			var b [utf8.UTFMax]byte
			n := utf8.EncodeRune(b[:], r)
			if len(p)-j < n || string(b[:n]) != p[j:j+n] {
				return false
			}
			j += n
		}
	}
	return true
}

// hasPrefixAnyAt reports whether one of words starts at t[i]: the rules' lists of
// marker words, tried in order.
func hasPrefixAnyAt(t []rune, i int, words ...string) bool {
	for _, w := range words {
		if hasPrefixAt(t, i, w) {
			return true
		}
	}
	return false
}

// hasSuffixAt reports whether t[:i] ends with s.
func hasSuffixAt(t []rune, i int, s string) bool {
	n := 0
	for range s {
		n++
	}
	if n > i {
		return false
	}
	return hasPrefixAt(t, i-n, s)
}

func runeLen(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}

func containsRune(t []rune, rs ...rune) bool {
	for _, r := range t {
		for _, q := range rs {
			if r == q {
				return true
			}
		}
	}
	return false
}

// runesContain reports whether t contains s.
func runesContain(t []rune, s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	for i, r := range t {
		if r == first && hasPrefixAt(t, i, s) {
			return true
		}
	}
	return false
}

// runesString is string(t) in one pass over t and one allocation: the
// clause texts, subjects and cues of the facts are built this way (the
// conversion of the runtime encodes every rune twice).
func runesString(t []rune) string {
	n := 0
	for _, r := range t {
		switch {
		case r < 0x80 && r >= 0:
			n++
		case r < 0x800 && r >= 0:
			n += 2
		case r < 0x10000 && r >= 0:
			n += 3
		default:
			n += 4
		}
	}
	if n == 0 {
		return ""
	}
	b := make([]byte, n)
	i := 0
	for _, r := range t {
		switch {
		case r < 0x80 && r >= 0:
			b[i] = byte(r)
			i++
		case r >= 0x800 && r < 0xD800 || r >= 0xE000 && r < 0x10000:
			_ = b[i+2]
			b[i] = byte(0xE0 | r>>12)
			b[i+1] = byte(0x80 | r>>6&0x3F)
			b[i+2] = byte(0x80 | r&0x3F)
			i += 3
		default:
			i += utf8.EncodeRune(b[i:], r)
		}
	}
	return unsafe.String(&b[0], i)
}
