package extract

import "strings"

// sizeClassNamed reports a figure that names a class of the things after it
// rather than an amount (testdata/gold9 CLASSES U3; GUIDELINE: a class is not
// a fact): 20户及以上自然村, 5000吨标准煤及以上重点用能单位 (及以上 + a noun, as
// 以上); 年收益超10万元、超30万元村集体, 生产总值超200亿元县 (a measure, 超 and a
// noun right after the unit); 跻身500亿元行列; 时速120公里路段 (a speed that
// names the road or train); 应纳税所得额不到100万元的部分 (a tax bracket).
func sizeClassNamed(t []rune, m *mention) bool {
	e := m.end

	if m.unit == "" || e > len(t) {
		return false
	}
	if (hasPrefixAt(t, e, "及以上") || hasPrefixAt(t, e, "及以下")) && e+3 < len(t) && isHan(t[e+3]) && !countsItself(m.unit) {
		return true
	}
	if hasPrefixAt(t, e, "行列") || hasPrefixAt(t, e, "的部分") {
		return true
	}
	s := m.numStart
	if s >= 2 && hasPrefixAt(t, s-2, "时速") {
		return e < len(t) && (isHan(t[e]) || t[e] == '的') && !strings.ContainsRune("和与及或增减到至以左、达为", t[e])
	}
	switch {
	case s >= 1 && t[s-1] == '超':
		s--
	case s >= 2 && hasPrefixAt(t, s-2, "超过"):
		s -= 2
	default:
		return false
	}
	// the earlier items of a list of thresholds: 超10万元、超30万元
	for s >= 1 && t[s-1] == '、' {
		k := s - 1
		n := len([]rune(m.unit))
		if k < n || !hasPrefixAt(t, k-n, m.unit) {
			return false
		}
		k -= n
		d := k
		for k > 0 && (isDigit(t[k-1]) || t[k-1] == '.' || strings.ContainsRune("万亿千百", t[k-1])) {
			k--
		}
		switch {
		case k == d:
			return false
		case k >= 2 && hasPrefixAt(t, k-2, "超过"):
			s = k - 2
		case k >= 1 && t[k-1] == '超':
			s = k - 1
		default:
			return false
		}
	}
	measured := false
	for _, w := range [...]string{"收益", "收入", "总值", "能耗", "产值", "营收", "销售额", "营业额"} {
		if n := len([]rune(w)); s >= n && hasPrefixAt(t, s-n, w) {
			measured = true
			break
		}
	}
	if !measured {
		return false
	}
	// the next items of a list of thresholds: 、超30万元
	for e < len(t) && t[e] == '、' && e+1 < len(t) && t[e+1] == '超' {
		k := e + 2
		if hasPrefixAt(t, k, "过") {
			k++
		}
		for k < len(t) && (isDigit(t[k]) || t[k] == '.' || strings.ContainsRune("万亿千百", t[k])) {
			k++
		}
		if k == e+2 || !hasPrefixAt(t, k, m.unit) {
			return false
		}
		e = k + len([]rune(m.unit))
	}
	return e < len(t) && isHan(t[e]) && !strings.ContainsRune("和与及或增减到至以左、达为的", t[e])
}

// stageReached reports 以上 before 的新阶段, which states a level reached, not a
// class of what follows: 城市经济规模进入了5万亿元以上的新阶段 (gold12 009), as
// 迈上…新台阶 (testdata/DECISIONS.md (c)).
func stageReached(t []rune, m *mention) bool {
	return m.class && hasPrefixAt(t, m.end, "的新阶段")
}

// rateBaseVerb reports 每 and a verb right before the number at s: the number
// is the base of a rate, as a number right after 每 is (全国每出口4辆汽车就有1辆
// 安徽造: gold10 DECISIONS, 4辆 out and 1辆 kept; 国内生产总值每增长1个百分点的增量).
func rateBaseVerb(t []rune, s int) bool {
	for _, v := range [...]string{"出口", "进口", "生产", "销售", "售出", "卖出", "增长", "增加", "投入", "使用", "消耗", "消费", "制造", "培养", "产出", "投", "产", "卖", "用", "花"} {
		n := len([]rune(v))
		if s >= n+1 && t[s-n-1] == '每' && hasPrefixAt(t, s-n, v) {
			return true
		}
	}
	return false
}
