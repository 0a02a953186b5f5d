package extract

import "math"

// number is a bare number read from cleaned text: Arabic digits with
// separators and decimals, Chinese numerals, or a mix with magnitude words
// (3万, 1.5亿, 三万五千, 两千).
type number struct {
	start, end int // rune indexes in the cleaned text
	value      float64
	chinese    bool // written in Chinese numerals only
	mag        bool // has a magnitude word 万 亿 (or 十 百 千 after digits)
	digits     int  // Arabic digits before the decimal point
	vague      bool // 七八个, 三四十: an approximate pair, not a number
	over       bool // 多 written inside the number: 1亿3千多万
}

// chineseDigits maps the runes from 〇 to 零 to their digit value + 1 (0: not
// a digit): the scan for numbers asks this of nearly every Han rune, and a
// table is several times faster than a switch.
var chineseDigits = func() (d [('零' - '〇') + 1]int8) {
	for v, rs := range [...]string{"〇零", "一壹", "二两贰", "三叁", "四肆", "五伍", "六", "七柒", "八捌", "九玖"} {
		for _, r := range rs {
			d[r-'〇'] = int8(v + 1)
		}
	}
	return
}()

// chineseDigit returns the value of a Chinese digit, or -1.
func chineseDigit(r rune) int {
	if r < '〇' || r > '零' {
		return -1
	}
	return int(chineseDigits[r-'〇']) - 1
}

// smallUnit returns the power of ten of 十 百 千, or 0.
func smallUnit(r rune) int {
	switch r {
	case '十', '拾':
		return 1
	case '百', '佰':
		return 2
	case '千', '仟':
		return 3
	}
	return 0
}

// bigUnit returns the power of ten of 万 亿, or 0.
func bigUnit(r rune) int {
	switch r {
	case '万', '萬':
		return 4
	case '亿', '億':
		return 8
	}
	return 0
}

// magStops reports whether the magnitude-looking rune t[j] really starts a
// unit: 千瓦, 千克, 千米, 千伏, 千升, 千公顷, 百分点, 万千瓦 keeps 千瓦 as the unit.
func magStops(t []rune, j int) bool {
	if j+1 >= len(t) {
		return false
	}
	n := t[j+1]
	switch t[j] {
	case '千':
		return n == '瓦' || n == '克' || n == '米' || n == '伏' || n == '卡' || n == '公' || n == '帕' || n == '兆' || n == '升'
	case '百':
		return n == '分'
	}
	return false
}

var pow10tab = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
	1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

func pow10(e int) float64 {
	if e >= 0 && e < len(pow10tab) {
		return pow10tab[e]
	}
	return math.Pow(10, float64(e))
}

// scale returns mant × 10^exp, exactly where float64 can.
func scale(mant uint64, exp int) float64 {
	if exp >= 0 {
		return float64(mant) * pow10(exp)
	}
	return float64(mant) / pow10(-exp)
}

// scanMagnitude reads magnitude words after a number (万, 亿, 千万, 万亿, 百亿 …)
// and returns the power of ten and the index after them.
func scanMagnitude(t []rune, j int) (int, int) {
	exp := 0
	for j < len(t) {
		e := bigUnit(t[j])
		if e == 0 {
			e = smallUnit(t[j])
		}
		if e == 0 || magStops(t, j) {
			break
		}
		exp += e
		j++
	}
	return exp, j
}

// scanNumber reads a number starting at t[i]. ok is false when there is no
// number there or it is vague; end is then still past what was read, so the
// caller can skip it.
func scanNumber(t []rune, i int) (n number, ok bool) {
	n.start, n.end = i, i
	if i >= len(t) {
		return n, false
	}
	if isDigit(t[i]) {
		return scanArabic(t, i)
	}
	return scanChinese(t, i)
}

func scanArabic(t []rune, i int) (n number, ok bool) {
	n.start = i
	var mant uint64
	sig := 0 // significant digits kept in mant
	drop := 0
	j := i
	for j < len(t) {
		r := t[j]
		if isDigit(r) {
			if sig < 18 {
				mant = mant*10 + uint64(r-'0')
				if mant != 0 {
					sig++
				}
			} else {
				drop++
			}
			n.digits++
			j++
			continue
		}
		// thousands separator: exactly three digits follow
		if r == ',' && n.digits > 0 && isThreeDigits(t, j+1) {
			j++
			continue
		}
		break
	}
	frac := 0
	if j+1 < len(t) && (t[j] == '.' || t[j] == '·' && midDotDecimal(t, j)) && isDigit(t[j+1]) {
		j++
		for j < len(t) && isDigit(t[j]) {
			if sig < 18 {
				mant = mant*10 + uint64(t[j]-'0')
				if mant != 0 {
					sig++
				}
				frac++
			}
			j++
		}
	}
	exp, k := scanMagnitude(t, j)
	n.mag = k > j
	n.end = k
	n.value = scale(mant, drop+exp-frac)
	if exp == 4 || exp == 8 {
		// 2万5千公里, 1万6千多户, 1亿3千多万: a lower part written after the magnitude
		if v, e, over := lowerPart(t, k, exp); e > k {
			n.value += v
			n.end = e
			n.over = over
		}
	}
	return n, true
}

// lowerPart reads the part of a number written after its magnitude exp (万 4,
// 亿 8): digits and a smaller magnitude (5千 after 2万; 3千多万 after 1亿, with
// 多 before its 万). It returns its value, where it ends, and whether 多 was
// written in it; e == k when there is none.
func lowerPart(t []rune, k, exp int) (v float64, e int, over bool) {
	j := k
	d := 0.0
	for j < len(t) && isDigit(t[j]) && j < k+4 {
		d = d*10 + float64(t[j]-'0')
		j++
	}
	if j == k || j < len(t) && isDigit(t[j]) {
		return 0, k, false
	}
	e1 := smallUnit(rune(0))
	if j < len(t) {
		e1 = smallUnit(t[j])
	}
	if e1 == 0 || magStops(t, j) && !hasPrefixAt(t, j, "千公里") {
		return 0, k, false
	}
	j++
	if j+1 < len(t) && (t[j] == '多' || t[j] == '余') && bigUnit(t[j+1]) == 4 && exp == 8 {
		return d * pow10(e1+4), j + 2, true // 1亿3千多万
	}
	if j < len(t) && bigUnit(t[j]) == 4 && exp == 8 {
		return d * pow10(e1+4), j + 1, false // 1亿3千万
	}
	if e1 >= exp {
		return 0, k, false
	}
	return d * pow10(e1), j, false // 2万5千
}

// midDotDecimal reports a middle dot used as a decimal point in old texts
// (增长19·5％): digits on both sides and a percent sign after them, not a
// date (“7·17”火灾).
func midDotDecimal(t []rune, j int) bool {
	k := j + 1
	for k < len(t) && isDigit(t[k]) {
		k++
	}
	return k > j+1 && k < len(t) && (t[k] == '%' || t[k] == '％' || t[k] == '‰')
}

func isThreeDigits(t []rune, j int) bool {
	if j+3 > len(t) {
		return false
	}
	if !isDigit(t[j]) || !isDigit(t[j+1]) || !isDigit(t[j+2]) {
		return false
	}
	return j+3 == len(t) || !isDigit(t[j+3])
}

func isChineseNumeral(r rune) bool {
	return chineseDigit(r) >= 0 || smallUnit(r) > 0 || bigUnit(r) > 0
}

// scanChinese reads Chinese numerals: 十二, 两千, 三万五千, 一百零五, 〇,
// 二〇二二 (digit by digit), 四点九, 三万亿.
func scanChinese(t []rune, i int) (n number, ok bool) {
	n.start, n.end, n.chinese = i, i, true
	if chineseDigit(t[i]) < 0 && smallUnit(t[i]) != 1 {
		return n, false // 百姓, 千方百计, 万众 …
	}
	// digit by digit (二〇二二): only digits, at least one 〇
	j := i
	zero := false
	for j < len(t) && chineseDigit(t[j]) >= 0 && t[j] != '两' {
		if t[j] == '〇' || t[j] == '零' {
			zero = true
		}
		j++
	}
	if j-i >= 2 && zero && (j == len(t) || !isChineseNumeral(t[j])) {
		v := 0.0
		for _, r := range t[i:j] {
			v = v*10 + float64(chineseDigit(r))
		}
		n.value, n.end = v, j
		return n, true
	}
	var yi, wan, sec, cur float64
	lastDigit := false
	j = i
	for j < len(t) {
		r := t[j]
		if d := chineseDigit(r); d >= 0 {
			if r == '零' || r == '〇' {
				lastDigit = false
				cur = 0
				j++
				continue
			}
			if lastDigit {
				n.vague = true // 七八, 三四十
			}
			cur = float64(d)
			lastDigit = true
			j++
			continue
		}
		if e := smallUnit(r); e > 0 {
			if magStops(t, j) {
				break
			}
			if cur == 0 {
				if e != 1 {
					break // 百 or 千 with no digit before it
				}
				cur = 1 // 十二, 三百一十
			}
			sec += cur * pow10(e)
			cur = 0
			lastDigit = false
			j++
			continue
		}
		if e := bigUnit(r); e > 0 {
			if j == i {
				break
			}
			if e == 4 {
				wan += (sec + cur) * 1e4
			} else {
				yi = (yi + wan + sec + cur) * 1e8
				wan = 0
			}
			sec, cur = 0, 0
			lastDigit = false
			n.mag = true
			j++
			continue
		}
		if r == '点' && (lastDigit || j > i && smallUnit(t[j-1]) > 0) && j+1 < len(t) && chineseDigit(t[j+1]) >= 0 {
			// decimals: 四点九, 三点五万, 二十点九
			k := j + 1
			f, div := 0.0, 1.0
			for k < len(t) && chineseDigit(t[k]) >= 0 {
				f = f*10 + float64(chineseDigit(t[k]))
				div *= 10
				k++
			}
			cur += f / div
			j = k
			lastDigit = false
			// a magnitude may follow
			if exp, k2 := scanMagnitude(t, j); k2 > j {
				v := (yi + wan + sec + cur) * pow10(exp)
				n.value, n.end, n.mag = v, k2, true
				return n, !n.vague
			}
			break
		}
		break
	}
	n.end = j
	if j == i {
		return n, false
	}
	n.value = yi + wan + sec + cur
	return n, !n.vague
}
