package extract

import (
	"math"
	"strings"
)

// mention is a quantity written in the text: a number or a range, with its
// magnitude, unit and the qualifiers written next to it.
type mention struct {
	start, end int // span in the cleaned text: qualifiers, number(s), unit
	numStart   int // first rune of the (first) number
	numEnd     int // end of the first number and its magnitude
	value      float64
	max        float64
	hasMax     bool
	unit       string
	unitClass  int
	unitEnd    int // end of the unit (or of the number when there is none)
	qual       int
	chinese    bool // first number in Chinese numerals
	mag        bool // a magnitude word (万, 亿) was written
	class      bool // "10亿元以上项目": a size class, not an amount
	bare       bool // a magnitude with no number: 破万亿
	noun       bool // the unit is a counted noun written after the number: 900多万个体工商户
}

// scanQuantity reads a quantity whose number starts at t[i] (or 百分之 at
// t[i]). Pre-qualifiers are not looked at here. next is the index where
// scanning may go on, also when ok is false.
func scanQuantity(t []rune, i int) (m mention, next int, ok bool) {
	m.start, m.numStart = i, i
	if hasPrefixAt(t, i, "百分之") {
		n, nok := scanNumber(t, i+3)
		if !nok || n.end == i+3 {
			return m, max(n.end, i+3), false
		}
		m.value, m.unit, m.unitClass = n.value, "%", unitPercent
		m.numEnd, m.unitEnd, m.end = n.end, n.end, n.end
		m.chinese = n.chinese
		readPost(t, &m)
		readRange(t, &m)
		return m, m.end, true
	}
	if t[i] == '一' && i+1 < len(t) && t[i+1] == '半' && (i == 0 || t[i-1] != '一' && t[i-1] != '大' && t[i-1] != '多') {
		// 清偿一半以上, 减少一半: half, a percentage (gold5)
		m.value, m.unit, m.unitClass, m.chinese = 50, "%", unitPercent, true
		m.numEnd, m.unitEnd, m.end = i+2, i+2, i+2
		readPost(t, &m)
		return m, m.end, true
	}
	n, nok := scanNumber(t, i)
	if !nok {
		return m, max(n.end, i+1), false
	}
	m.value, m.chinese, m.mag = n.value, n.chinese, n.mag
	m.numEnd = n.end
	if n.over {
		m.qual = qOver
	}
	j := n.end
	// fraction: 三分之一, 3分之1
	if hasPrefixAt(t, j, "分之") {
		d, dok := scanNumber(t, j+2)
		if !dok || d.end == j+2 || n.value == 0 {
			return m, max(d.end, j+2), false
		}
		m.value = d.value / n.value * 100
		m.unit, m.unitClass = "%", unitPercent
		m.numEnd, m.unitEnd, m.end = d.end, d.end, d.end
		readPost(t, &m)
		return m, m.end, true
	}
	// 1/4, 超1/10: a fraction of a whole, a percentage (gold5: 占全国比重超1/10 → 10 %)
	if d, k, ok := fractionAt(t, i, n, j); ok {
		m.value = n.value / d * 100
		m.unit, m.unitClass = "%", unitPercent
		m.numEnd, m.unitEnd, m.end = k, k, k
		readPost(t, &m)
		return m, m.end, true
	}
	// 2.31:1, 1∶3.4, 1：1 after a word of ratio: a multiple in 倍, the side that is not 1
	// (testdata/DECISIONS.md (l))
	if k, v, ok := ratioAt(t, i, n, j); ok {
		m.value, m.unit, m.unitClass = v, "倍", unitCount
		m.numEnd, m.unitEnd, m.end = k, k, k
		readPost(t, &m)
		return m, m.end, true
	}
	// 3万余名, 100多个, 2000多万人
	if j < len(t) && (t[j] == '多' || t[j] == '余') && j+1 < len(t) && (isUnitAt(t, j+1) || bigUnit(t[j+1]) > 0 || smallUnit(t[j+1]) > 0) {
		m.qual = qOver
		j++
		if exp, k := scanMagnitude(t, j); k > j {
			m.value *= pow10(exp)
			m.mag = true
			j = k
		}
	}
	// 1亿多中小学生, 3亿多农村人口: a magnitude, 多 and a counted noun; 农村贫困人口减少1亿多，: 多
	// closing the clause (gold6 048)
	if n.mag && j < len(t) && (t[j] == '多' || t[j] == '余') && m.qual == qNone &&
		(j+1 == len(t) || isHan(t[j+1]) && !isUnitAt(t, j+1) && bigUnit(t[j+1]) == 0 && smallUnit(t[j+1]) == 0 ||
			isClauseEnd(t[j+1]) || isSentenceEnd(t[j+1])) {
		m.qual = qOver
		j++
	}
	// 七成, 超过四成, 八成左右, 占全国超4成: tenths of a whole, a percentage
	if !n.mag && n.value >= 1 && n.value <= 9 && n.value == math.Trunc(n.value) && j < len(t) && t[j] == '成' && tenthsAt(t, i, j+1) {
		// a part of a whole said with 占 is a share in % (占全省GDP的七成左右, gold2 005);
		// otherwise 成 is kept as the unit written (八成左右的财政支出: gold5)
		m.unit, m.unitClass = "成", unitPercent
		if sharedBefore(t, i) {
			m.value *= 10
			m.unit = "%"
		}
		m.numEnd, m.unitEnd, m.end = j+1, j+1, j+1
		readPost(t, &m)
		return m, m.end, true
	}
	scanUnit(t, &m, j)
	return m, m.end, true
}

// fractionAt reads the denominator of a fraction a/b written with a slash after
// the number n (t[i:j]): small whole numbers, a < b <= 100, not a date or a
// code (2024/1/1, 1994/1995, 4G/5G).
func fractionAt(t []rune, i int, n number, j int) (float64, int, bool) {
	if n.chinese || n.mag || j+1 >= len(t) || t[j] != '/' || !isDigit(t[j+1]) || n.value < 1 || n.value != math.Trunc(n.value) ||
		i > 0 && (t[i-1] == '/' || isASCIILetter(t[i-1])) {
		return 0, j, false
	}
	d, k := 0.0, j+1
	for k < len(t) && isDigit(t[k]) && k < j+4 {
		d = d*10 + float64(t[k]-'0')
		k++
	}
	if k < len(t) && (isDigit(t[k]) || t[k] == '/' || t[k] == '.' || isASCIILetter(t[k])) || d <= n.value || d > 100 {
		return 0, j, false
	}
	return d, k, true
}

// ratioAt reads a ratio N:M written with :, ： or ∶ after the number n (t[i:j]),
// one side 1, both Arabic with no magnitude, after 比 (收入比, 比例, 之比) at most
// 12 runes back in the clause: 城乡居民收入比缩小至2.31:1, 开工备案项目比例达到1∶3.4,
// 之比突破1：1 (testdata/DECISIONS.md (l)) — not a time (10:30) or a score line.
// It returns the end of the ratio and the side that is not 1.
func ratioAt(t []rune, i int, n number, j int) (int, float64, bool) {
	if n.chinese || n.mag || j+1 >= len(t) || t[j] != ':' && t[j] != '：' && t[j] != '∶' || !isDigit(t[j+1]) {
		return j, 0, false
	}
	d, ok := scanNumber(t, j+1)
	if !ok || d.mag || d.end < len(t) && (isDigit(t[d.end]) || t[d.end] == ':' || t[d.end] == '：' || t[d.end] == '∶' || isASCIILetter(t[d.end]) || isUnitAt(t, d.end)) {
		return j, 0, false
	}
	v := n.value
	switch {
	case n.value == 1 && string(t[i:n.end]) == "1":
		v = d.value
	case d.value != 1 || string(t[j+1:d.end]) != "1":
		return j, 0, false
	}
	for k := i - 1; k >= 0 && k >= i-12 && !isClauseEnd(t[k]) && !isSentenceEnd(t[k]); k-- {
		if t[k] == '比' && (k+1 >= len(t) || t[k+1] != '分' && t[k+1] != '赛') { // not 比分2:1
			return d.end, v, true
		}
	}
	return j, 0, false
}

// sharedBefore reports 占 in the clause before t[i]: 占全省GDP的七成左右.
func sharedBefore(t []rune, i int) bool {
	for k := i - 1; k >= 0 && k >= i-20 && !isClauseEnd(t[k]); k-- {
		if t[k] == '占' {
			return true
		}
	}
	return false
}

// tenthsAt reports whether 成 after a Chinese digit (t[i:j] is the digit and
// 成) is a tenth of a whole: hedged before (超, 近, 约) or followed by a
// hedge, 的 or punctuation (八成左右, 超过四成。), not a word (一成不变).
func tenthsAt(t []rune, i, j int) bool {
	if q, ok := preQualifiers.endingAt(t, i, 5); ok && q.tag != qNone {
		return true
	}
	if i > 0 && (t[i-1] == '占' || t[i-1] == '的') {
		return true
	}
	if j >= len(t) {
		return true
	}
	if _, ok := postQualifiers.at(t, j); ok {
		return true
	}
	return t[j] == '的' || isClauseEnd(t[j]) || isSentenceEnd(t[j])
}

// scanBareMagnitude reads a magnitude written without a number after a
// verb of passing: 破万亿, 突破万亿元大关, 超千亿元, 跨过万亿元大关, 重回万亿元规模
// (one 万亿, 千亿, 百亿).
// t[i] is 万, 千 or 百 and t[i+1] is 亿.
func scanBareMagnitude(t []rune, i int) (m mention, ok bool) {
	if t[i] == '亿' {
		// 发放育儿补贴近亿元: 亿 alone after a hedge (gold9 016)
		if !bareHedge(t, i) || i+1 < len(t) && t[i+1] == '亿' {
			return m, false
		}
		m.start, m.numStart = i, i
		m.value, m.mag, m.bare = 1e8, true, true
		scanUnit(t, &m, i+1)
		if m.unit == "" {
			return m, false // 旅客吞吐量再次破亿: the unit is that of another figure
		}
		if e := m.end; e < len(t) && (isHan(t[e]) || t[e] == '的') && !hasPrefixAt(t, e, "大关") && !nearHedge(t, i) {
			return m, false // 超亿元的新生开学季: a size class of what follows
		}
		return m, true
	}
	if i+1 >= len(t) || t[i+1] != '亿' {
		return m, false
	}
	passed := i >= 2 && hasPrefixAnyAt(t, i-2, "跨过", "迈过", "重回")
	if !passed && !bareHedge(t, i) {
		return m, false
	}
	exp := bigUnit(t[i]) + 8
	if exp == 8 {
		exp = smallUnit(t[i]) + 8
	}
	m.start, m.numStart = i, i
	m.value, m.mag, m.bare = pow10(exp), true, true
	scanUnit(t, &m, i+2)
	if e := m.end; e < len(t) && (isHan(t[e]) || t[e] == '的') && !hasPrefixAt(t, e, "大关") && !hasPrefixAt(t, e, "关口") &&
		!(passed && hasPrefixAt(t, e, "规模") && (e+2 == len(t) || !isHan(t[e+2]) && t[e+2] != '的')) && !nearHedge(t, i) {
		return m, false // 超千亿元镇, 超千亿元的集群: a size class of what follows
	}
	if passed && m.qual == qNone {
		m.qual = qOver // 跨过万亿元大关, 重回万亿元规模: a mark passed (gold6 014), as 突破
	}
	return m, true
}

// bareHedge reports the words before a magnitude written without a number
// that make it a figure: a verb of passing (突破, 破, 超, 超过, 逾) or 近, 接近
// (近千亿元, 近万家企业) — not 最近, 附近.
func bareHedge(t []rune, i int) bool {
	q, ok := preQualifiers.endingAt(t, i, 5)
	if !ok {
		return false
	}
	switch {
	case q.tag == qOverT:
		return verbQualifier(q.s) || q.s == "超" || q.s == "超过" || q.s == "逾"
	case q.s == "近" || q.s == "接近":
		st := i - len(q.w)
		return !(st > 0 && strings.ContainsRune("最附靠邻临将", t[st-1]))
	}
	return false
}

// nearHedge reports 近, 接近 or 将近 right before t[i]: a magnitude written
// without a number after it is an amount put roughly (近千公里的黄河堤防, 近万家企业:
// gold8 061), not a class's threshold, which is said with 超, 上 or 以上.
func nearHedge(t []rune, i int) bool {
	q, ok := preQualifiers.endingAt(t, i, 5)
	return ok && (q.s == "近" || q.s == "接近" || q.s == "将近")
}

// scanBareCount reads a magnitude without a number (万, 千, 百, 千万, 百万)
// after a verb of passing and before a unit of count: 年开行突破万列 (gold5),
// 超千万人次 — not 千方百计 or 万众一心, which have no unit after them.
func scanBareCount(t []rune, i int) (m mention, ok bool) {
	benefit := i >= 2 && hasPrefixAt(t, i-2, "惠及") // 惠及百万群众 (gold10 038)
	// 举办百场艺术精品展演 (gold13 020, 032): events held, counted by a bare magnitude — not
	// 实施百项…工程, a programme's name
	held := i >= 2 && hasPrefixAnyAt(t, i-2, "举办", "举行", "召开") &&
		i+1 < len(t) && (t[i+1] == '场' || t[i+1] == '次')
	// 招生计划万名以上 (gold12 035): a bare magnitude right after a noun, with 以上 or 左右 after its measure word
	bound := i >= 1 && isHan(t[i-1]) && chineseDigit(t[i-1]) < 0 && bigUnit(t[i-1]) == 0 && smallUnit(t[i-1]) == 0 &&
		!strings.ContainsRune("上数几成百千万亿", t[i-1]) && i+1 < len(t) && isUnitAt(t, i+1) && !(i+2 < len(t) && isUnitWord(t, i+1)) &&
		hasPrefixAnyAt(t, i+2, "以上", "左右") && (i+4 >= len(t) || !isHan(t[i+4]))
	if !bareHedge(t, i) && !benefit && !held && !bound {
		return m, false
	}
	exp, j := scanMagnitude(t, i)
	if exp == 0 && t[i] == '千' && isUnitAt(t, i+1) {
		exp, j = 3, i+1 // 近千公里: no number, so 千 is the magnitude, not the start of 千公顷
	}
	if exp == 0 || j < len(t) && t[j] == '亿' {
		return m, false
	}
	u, uok := units.at(t, j)
	if !uok || u.tag != unitCount || len(u.w) == 1 && isUnitWord(t, j) {
		// 近百万群众, 惠及百万群众, 惠及近千万家庭: a noun of people counted, up to its head
		// (gold9 028, gold10 038), after 近 or 惠及 only — not 超万人企业, 百万人才进海南
		if exp < 4 || !nearHedge(t, i) && !benefit {
			return m, false
		}
		n, e := nounAfter(t, j)
		if n == "" || !strings.ContainsRune(headRunes, t[e-1]) {
			return m, false
		}
		m.start, m.numStart = i, i
		m.value, m.mag, m.bare = pow10(exp), true, true
		m.numEnd, m.unit, m.unitClass, m.unitEnd, m.end = j, n, unitCount, e, e
		return m, true
	}
	if benefit {
		return m, false
	}
	m.start, m.numStart = i, i
	m.value, m.mag, m.bare = pow10(exp), true, true
	scanUnit(t, &m, j)
	if e := m.end; e < len(t) && (isHan(t[e]) || t[e] == '的') && !hasPrefixAt(t, e, "大关") && !hasPrefixAt(t, e, "关口") && !nearHedge(t, i) &&
		!(isHan(t[e]) && (countsItself(m.unit) || m.unit == "名")) {
		// 超万人企业: a size class of what follows; 选派超千名科技特派员 counts them (gold12 035)
		return m, false
	}
	return m, true
}

// scanUpCount reads a magnitude of ten thousand or more written without a
// number after 上 (over), before a unit of count or a counted noun: 上亿人出棚进楼,
// 上千万农村人口, 上亿群众 (gold6: over, the round number) — not 上千年, 以上亿元,
// nor after a word ending in 上 (在此基础上, 会上, 网上, 事实上, 总体上, 历史上).
// t[i-1] is 上.
func scanUpCount(t []rune, i int) (m mention, ok bool) {
	if i >= 2 && strings.ContainsRune("以之线向马", t[i-2]) {
		return m, false
	}
	for _, w := range [...]string{"基础上", "会上", "网上", "实际上", "事实上", "基本上", "根本上", "总体上", "整体上",
		"本质上", "程度上", "历史上", "世界上", "意义上", "层面上", "路上", "身上"} {
		if n := len([]rune(w)); i >= n && hasPrefixAt(t, i-n, w) {
			return m, false
		}
	}
	exp, j := scanMagnitude(t, i)
	if exp < 4 {
		return m, false
	}
	m.start, m.numStart = i-1, i
	m.value, m.mag, m.bare, m.qual = pow10(exp), true, true, qOver
	if u, uok := units.at(t, j); uok && u.tag == unitCount && !(len(u.w) == 1 && isUnitWord(t, j)) {
		scanUnit(t, &m, j)
		e := m.end
		if e < len(t) && (t[e] == '的' || t[e] == '级') {
			return m, false // 上亿元的项目, 上万吨级: a size class of what follows
		}
		return m, m.unit != "元" || e >= len(t) || !isHan(t[e])
	}
	n, e := nounAfter(t, j)
	if n == "" || !strings.ContainsRune(headRunes, t[e-1]) {
		return m, false // 万众一心: no head ends the noun
	}
	m.numEnd, m.unit, m.unitClass, m.unitEnd, m.end = j, n, unitCount, e, e
	return m, true
}

// scanUnit reads the unit after a number ending at j, the qualifiers after
// it and the high end of a range.
func scanUnit(t []rune, m *mention, j int) {
	m.numEnd = j
	m.unitEnd, m.end = j, j
	if u, ok := units.at(t, j); ok && !(len(u.w) == 1 && isUnitWord(t, j)) &&
		!(isASCIILetter(u.w[len(u.w)-1]) && j+len(u.w) < len(t) && isASCIIAlnum(t[j+len(u.w)])) {
		if u.s == "个年度" && j+3 < len(t) && isHan(t[j+3]) && !strings.ContainsRune("的内中里间来", t[j+3]) {
			u, _ = units.at(t[:j+1], j) // 实施320个年度共建项目: 个 counts the projects of the year (gold13 014)
		}
		m.unit, m.unitClass = u.s, u.tag
		m.unitEnd = j + len(u.w)
		m.end = m.unitEnd
		if m.unit == "人民币" || m.unit == "元人民币" {
			m.unit = "元"
		}
		// 16.8万元/人左右, 778元/月: a compound unit is kept whole (GUIDELINE: 5164元/㎡ → 元/㎡; gold10 017)
		if k := m.unitEnd; m.unitClass == unitCount && k+1 < len(t) && t[k] == '/' {
			if t[k+1] == '㎡' {
				m.unit, m.unitEnd = m.unit+"/㎡", k+2
			} else if w, ok := units.at(t, k+1); ok && !(k+1+len(w.w) < len(t) && isDigit(t[k+1+len(w.w)])) {
				m.unit, m.unitEnd = m.unit+"/"+w.s, k+1+len(w.w)
			}
			m.end = m.unitEnd
		}
		// 3929套（间）, 6.5万台(套), 1.5万户（套）, 280余万件（辆）: a measure word with a
		// written alternative in parentheses is the unit as written (gold8 033 台(套);
		// gold9, gold10, gold12, gold13 套（间）, 件（套）…) — only one or two measure words
		// inside, not 个县（市、区）, （含…） or a gloss
		if k := altUnitEnd(t, m); k > 0 {
			m.unit, m.unitEnd, m.end = string(t[j:k]), k, k
		}
		// 平均浓度每立方米20微克以下: the denominator written before the number is
		// part of the unit, as in 35微克每立方米 and 35微克/立方米 (gold13 032)
		if (m.unit == "微克" || m.unit == "毫克") && m.numStart >= 4 && hasPrefixAt(t, m.numStart-4, "每立方米") {
			m.unit += "/立方米"
		}
		// 900多万个体工商户: 个体 is the noun's first word, not the measure word 个; the
		// noun as written is the unit (testdata/DECISIONS.md (h); gold8 052) — not 8个体育公园,
		// where 个 counts the parks
		if m.unit == "个" {
			for _, w := range [...]string{"体工商户", "体经营户", "体户"} {
				if hasPrefixAt(t, m.unitEnd, w) {
					m.unit, m.noun = "个"+w, true
					m.unitEnd += len([]rune(w))
					m.end = m.unitEnd
					break
				}
			}
		}
		// 提高2个多百分点, 1个多月: 多 inside the unit
		if m.unit == "个" && m.unitEnd < len(t) && t[m.unitEnd] == '多' {
			if w, ok := units.at(t, m.unitEnd+1); ok && (w.tag == unitPoints || w.tag == unitTime) {
				m.unit, m.unitClass, m.qual = "个"+w.s, w.tag, qOver
				m.unitEnd += 1 + len(w.w)
				m.end = m.unitEnd
			}
		}
		if m.unitClass == unitTime && countedTimeWord(t, m) {
			m.unitClass = unitCount
		}
	} else if k := contextMeasure(t, m, j); k > j {
		m.unit, m.unitClass, m.unitEnd, m.end = string(t[j:k]), unitCount, k, k
	}
	readPost(t, m)
	readRange(t, m)
	if (m.unit == "℃" || m.unit == "摄氏度") && m.end < len(t) && isHan(t[m.end]) {
		m.class = true // 城市集中供热用户室温20℃达标率: the bound in the name of a rate (gold9 016)
	}
}

// countedTimeWord reports 期 or 分 after a plain Arabic number that is a
// measure word of count, not a time: 期 right after a verb of holding (创新开展6期
// “厅局长坐诊接诉”: sessions held, gold11 010), 分 after a word of scoring earlier in the
// clause (公共服务质量满意度81.6分: a score, gold12 035) — not 建设3期工程, 10时30分.
func countedTimeWord(t []rune, m *mention) bool {
	if m.chinese || m.mag {
		return false
	}
	switch m.unit {
	case "期":
		return m.numStart >= 2 && hasPrefixAnyAt(t, m.numStart-2, "开展", "举办", "举行", "开设", "开办")
	case "分":
		for k := m.numStart - 2; k >= 0 && k >= m.numStart-10 && !isClauseEnd(t[k]) && !isSentenceEnd(t[k]); k-- {
			if hasPrefixAnyAt(t, k, "满意度", "得分", "评分", "测评", "分数", "评价") {
				return true
			}
		}
	}
	return false
}

// contextMeasure returns the end of a one-rune measure word that the units do
// not list because it is one only where it stands, or j: 群 before the count of
// the animals in them or a clause end (海南长臂猿恢复至7群42只, gold13 028), 地 (places)
// before a verb of being chosen (4地入选…示范区, gold13 032) — not 群众, 各地.
func contextMeasure(t []rune, m *mention, j int) int {
	if m.chinese || m.mag || j >= len(t) {
		return j
	}
	switch t[j] {
	case '群':
		if j+1 == len(t) || isDigit(t[j+1]) || isClauseEnd(t[j+1]) || isSentenceEnd(t[j+1]) {
			return j + 1
		}
	case '地':
		if hasPrefixAnyAt(t, j+1, "入选", "获批", "获评", "列入", "纳入") {
			return j + 1
		}
	}
	return j
}

// altUnitEnd returns the end of a written alternative right after a unit that is
// one measure word — 套（间）, 台(套), 人(次) — or 0: the parenthesis must close
// after one or two runes, each itself a one-rune measure word.
func altUnitEnd(t []rune, m *mention) int {
	k := m.unitEnd
	if m.unitClass != unitCount || len([]rune(m.unit)) != 1 || !isMeasureRune(t[k-1]) || k >= len(t) || (t[k] != '（' && t[k] != '(') {
		return 0
	}
	n := 0
	for k++; k < len(t) && n < 3; k, n = k+1, n+1 {
		if t[k] == '）' || t[k] == ')' {
			if n == 0 || (t[k] == ')') != (t[m.unitEnd] == '(') {
				return 0
			}
			return k + 1
		}
		if !isMeasureRune(t[k]) {
			return 0
		}
	}
	return 0
}

// isMeasureRune reports a Han rune that is by itself a measure word of count (套, 间, 台, 次).
func isMeasureRune(r rune) bool {
	if !isHan(r) || r == '元' {
		return false
	}
	u, ok := units.at([]rune{r}, 0)
	return ok && u.tag == unitCount && len(u.w) == 1
}

// isUnitWord reports a word that starts with a one-rune unit (台阶, 人口).
func isUnitWord(t []rune, j int) bool {
	w, ok := unitWords.at(t, j)
	return ok && w.tag != 0
}

func isUnitAt(t []rune, j int) bool {
	_, ok := units.at(t, j)
	return ok
}

// readPost reads qualifiers after the unit: 以上, 左右, 多 …
func readPost(t []rune, m *mention) {
	q, ok := postQualifiers.at(t, m.end)
	if !ok {
		return
	}
	k := m.end + len(q.w)
	switch q.s {
	case "上下":
		// 5%上下, not 上下游
		if k < len(t) && isHan(t[k]) {
			return
		}
	case "多", "余":
		if m.unit == "" || (k < len(t) && isHan(t[k])) {
			return
		}
	}
	if m.qual == qNone {
		m.qual = q.tag
	}
	m.end = k
	if (q.s == "以上" || q.s == "以下" || q.s == "及以上" || q.s == "及以下") && k < len(t) && isHan(t[k]) && !levelNounAt(t, k) {
		// 亿元以上项目, 10亿元以上的企业: a size class
		m.class = true
	}
}

// readRange reads the high end of a range: 3到5个, 3—5个, 16%-37%,
// 8.5亿元至10亿元.
func readRange(t []rune, m *mention) {
	j := m.end
	if j+1 >= len(t) || !isRangeDash(t[j]) {
		return
	}
	k := j + 1
	if t[j] == '—' && k < len(t) && t[k] == '—' {
		return // —— is a dash, not a range
	}
	if !isDigit(t[k]) && chineseDigit(t[k]) < 0 && smallUnit(t[k]) != 1 {
		return
	}
	if isDigit(t[m.numStart]) != isDigit(t[k]) {
		return
	}
	n, ok := scanNumber(t, k)
	if !ok {
		return
	}
	hi := n.value
	e := n.end
	qual := qNone
	if e < len(t) && (t[e] == '多' || t[e] == '余') && e+1 < len(t) && isUnitAt(t, e+1) {
		qual = qOver
		e++
	}
	unit, class := "", unitCount
	if u, ok := units.at(t, e); ok {
		unit, class = u.s, u.tag
		e += len(u.w)
	} else if e < len(t) && (t[e] == '%' || t[e] == '‰') {
		unit, class = string(t[e]), unitPercent
		e++
	}
	if unit == "人民币" || unit == "元人民币" {
		unit = "元"
	}
	switch {
	case m.unit == "" && unit == "":
	case m.unit == "":
		// 3-5个, 3-5万人: the unit and magnitude of the high end apply to both
		if n.mag && !m.mag {
			m.value *= hi / rawValue(t, n)
		}
		m.unit, m.unitClass = unit, class
	case unit == "":
		if m.unitEnd != m.numEnd {
			return // 10公里-20: not a range
		}
	case unit != m.unit:
		return
	}
	if hi < m.value {
		return
	}
	m.hasMax, m.max = true, hi
	if m.qual == qNone {
		m.qual = qual
	}
	m.end = e
	m.unitEnd = e
	readPost(t, m)
}

// rawValue is the value of n without its magnitude words.
func rawValue(t []rune, n number) float64 {
	k := n.end
	for k > n.start && (bigUnit(t[k-1]) > 0 || smallUnit(t[k-1]) > 0) && !n.chinese {
		k--
	}
	if k == n.end {
		return n.value
	}
	v, _ := scanNumber(t[:k], n.start)
	if v.value == 0 {
		return n.value
	}
	return v.value
}
