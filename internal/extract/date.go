package extract

import "time"

// dateSearch bounds the runes read from the start of a document when looking
// for its date.
const dateSearch = 3000

// DocumentDate returns the first full date written near the start of a
// document (2025年1月14日, 2025-01-14, 2025/1/14, 2025.1.14, full-width
// digits too) and whether one was found. It is the default for the date a
// person is asked for when a document is ingested.
func DocumentDate(text string) (time.Time, bool) {
	rs := make([]rune, 0, 256)
	for _, r := range text {
		if len(rs) >= dateSearch {
			break
		}
		rs = append(rs, foldWidth(r))
	}
	for i := 0; i+7 < len(rs); i++ {
		if !isDigit(rs[i]) || i > 0 && isDigit(rs[i-1]) {
			continue
		}
		y, k := digitsAt(rs, i, 4)
		if k != i+4 || k >= len(rs) {
			continue
		}
		sep := rs[k]
		if sep != '年' && sep != '-' && sep != '/' && sep != '.' {
			continue
		}
		m, k2 := digitsAt(rs, k+1, 2)
		if k2 == k+1 || k2 >= len(rs) {
			continue
		}
		msep := rs[k2]
		if sep == '年' && msep != '月' || sep != '年' && msep != sep {
			continue
		}
		d, k3 := digitsAt(rs, k2+1, 2)
		if k3 == k2+1 {
			continue
		}
		if sep == '年' && (k3 >= len(rs) || rs[k3] != '日' && rs[k3] != '号') {
			continue
		}
		if y < 1949 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
			continue
		}
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if t.Day() != d {
			continue // 2月30日
		}
		return t, true
	}
	return time.Time{}, false
}

// digitsAt reads up to n ASCII digits at rs[i] and returns their value and
// where they end.
func digitsAt(rs []rune, i, n int) (int, int) {
	v, k := 0, i
	for k < len(rs) && k < i+n && isDigit(rs[k]) {
		v = v*10 + int(rs[k]-'0')
		k++
	}
	if k < len(rs) && isDigit(rs[k]) {
		return 0, i // more digits than n: not this field
	}
	return v, k
}
