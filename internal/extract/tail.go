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
	if boundInName(t, m) {
		return true
	}
	if hasPrefixAnyAt(t, e, "及以上", "及以下") && e+3 < len(t) && isHan(t[e+3]) && !countsItself(m.unit) &&
		m.unitClass != unitPercent && !levelNounAt(t, e+3) {
		// as 以上 before a noun: a percentage is a share of it (6%及以上的增速), 水平 a level reached (1300亿斤及以上水平)
		return true
	}
	if hasPrefixAnyAt(t, e, "行列", "的部分") {
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
	// a noun after the amount names the class; a verb or an adverb goes on about the amount (超1万亿元再创新高, 超5万元居全省第一)
	return e < len(t) && isHan(t[e]) && !strings.ContainsRune("和与及或增减到至以左、达为的再居创位排列稳保同比占首继连均也还已仍就实领跃成", t[e])
}

// boundInName reports a bound written inside the name of a category, not an
// amount (CLASSES-s8 C3a): a distance band before the noun it bounds
// (公交与轨道50米内换乘比例达到88%: the 88% is the fact), a ranking band after 前
// (92个学科进入ESI全球前1%), a team size before 制 (3人制篮球场). A distance
// reached or held (控制在500米以内。) ends its clause and stays a fact.
func boundInName(t []rune, m *mention) bool {
	e, s := m.unitEnd, m.numStart
	switch {
	case m.unit == "米" || m.unit == "公里" || m.unit == "千米":
		for _, w := range [...]string{"范围内", "以内", "内"} {
			if hasPrefixAt(t, e, w) {
				k := e + len([]rune(w))
				return k < len(t) && isHan(t[k]) && !strings.ContainsRune("的和与及或、", t[k])
			}
		}
	case m.unitClass == unitPercent:
		// 全球前1%, 前5%的企业 — not 提前/此前/之前/目前/当前/以前 (a time word before the figure)
		return s >= 1 && t[s-1] == '前' && !(s >= 2 && strings.ContainsRune("提此之目当以年月日", t[s-2]))
	case m.unit == "人":
		return e < len(t) && t[e] == '制'
	}
	return false
}

// levelNounAt reports 水平 (or 的水平) at t[k]: an amount with 以上 before it is
// a level reached or held (稳定在1300亿斤及以上水平), not a class of the noun.
func levelNounAt(t []rune, k int) bool {
	return hasPrefixAnyAt(t, k, "水平", "的水平")
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
	if s < 2 || t[s-2] != '每' && (s < 3 || t[s-3] != '每') {
		return false
	}
	for _, v := range [...]string{"出口", "进口", "生产", "销售", "售出", "卖出", "增长", "增加", "投入", "使用", "消耗", "消费", "制造", "培养", "产出", "投", "产", "卖", "用", "花"} {
		n := len([]rune(v))
		if s >= n+1 && t[s-n-1] == '每' && hasPrefixAt(t, s-n, v) {
			return true
		}
	}
	return false
}

// packageCounted reports a count that names a policy package, a set of
// documents or the groups of a list rather than things done (gold9 CLASSES
// U7, gold12 CLASSES G1, G3a; GUIDELINE: structural counts are not facts):
//   - N条 closing a short quoted name: 出台“科技成果转化16条” (as “15条硬措施”);
//   - N条 items of a 、-list ending in a policy word: 实施17条稳就业、8条青年就业
//     创业政策措施 (policyAfter across the list);
//   - N个/份 documents or action plans drawn up or issued: 制定出台…等10个配套
//     文件, 推出科技创新10个行动计划 (as itemsIssued's N项 measures);
//   - a count of groups right before the count of their items: 12类55件民生实事,
//     3批18项制度集成创新案例, 5个点位36项重点任务 (the items stay facts).
func packageCounted(t []rune, m *mention) bool {
	e := m.end
	switch m.unit {
	case "条":
		if e < len(t) && t[e] == '”' {
			for k := m.numStart - 1; k >= 0 && k >= m.numStart-16; k-- {
				if t[k] == '“' {
					return true
				}
				if t[k] == '”' || isClauseEnd(t[k]) || isSentenceEnd(t[k]) {
					break
				}
			}
		}
		return policyListAfter(t, m.numStart, e)
	case "个", "份":
		if m.unit == "个" && hasPrefixAt(t, e, "点位") && e+2 < len(t) && isDigit(t[e+2]) {
			return true
		}
		return docsIssued(t, m.numStart, e)
	case "类", "批":
		return e < len(t) && isDigit(t[e])
	}
	return false
}

// policyListAfter reports the N条 items of a 、-list whose last item ends in a
// policy word (17条稳就业、8条青年就业创业政策措施): each item a count of 条 and at
// most 8 ideographs, s and e the number's start and the end of its 条.
func policyListAfter(t []rune, s, e int) bool {
	if policyWithin(t, e) {
		// the last item, after an earlier one: …、8条青年就业创业政策措施
		k := s - 1
		if k < 0 || t[k] != '、' {
			return false
		}
		n := 0
		for k--; k >= 0 && isHan(t[k]) && t[k] != '条' && n < 8; k-- {
			n++
		}
		return k > 0 && t[k] == '条' && isDigit(t[k-1])
	}
	for n := 0; n < 6; n++ {
		k := e
		for k < len(t) && k <= e+8 && isHan(t[k]) {
			k++
		}
		if k > e+8 || k >= len(t) || t[k] != '、' {
			return false
		}
		j := k + 1
		for j < len(t) && isDigit(t[j]) {
			j++
		}
		if j == k+1 || !hasPrefixAt(t, j, "条") {
			return false
		}
		if policyWithin(t, j+1) {
			return true
		}
		e = j + 1
	}
	return false
}

// policyWithin reports a policy word (措施, 举措, 政策, 意见, 细则) ending the
// run of at most 8 ideographs after a count's 条 at e.
func policyWithin(t []rune, e int) bool {
	for k := e; k < len(t) && k <= e+6 && isHan(t[k]); k++ {
		if hasPrefixAnyAt(t, k, "措施", "举措", "政策", "意见", "细则") {
			return true
		}
	}
	return false
}

// docsIssued reports N个 or N份 documents or action plans as they are drawn up
// or issued (制定出台…等10个配套文件, 推出科技创新10个行动计划): the size of a
// package, as itemsIssued's N项 measures.
func docsIssued(t []rune, s, e int) bool {
	noun := false
	for k := e; k < len(t) && k <= e+4 && isHan(t[k]); k++ {
		if hasPrefixAnyAt(t, k, "文件", "行动计划", "行动方案") {
			noun = true
			break
		}
	}
	if !noun {
		return false
	}
	for k := s - 1; k >= 0 && k >= s-80 && (t[k] == '、' || !isClauseEnd(t[k])) && !isSentenceEnd(t[k]); k-- {
		if hasPrefixAnyAt(t, k, "制定", "出台", "推出", "印发") {
			return true
		}
	}
	return false
}

// peopleAtLeast reports a bare count with 以上 before a noun of people, which
// counts them (1000万以上贫困人口: gold12 066, at_least 1000万 人口), as
// 300个以上精品示范村 counts the villages — not a class of what follows.
func peopleAtLeast(t []rune, m *mention) bool {
	if !m.class || m.unit != "" || !m.mag {
		return false
	}
	n, e := nounAfter(t, m.end)
	_, ok := headWords.exact([]rune(n))
	return ok && !placeAfter(t, e) // 三十亿以上重大工业项目 stays a class
}

// personsCounted reports N名 or N人次 with 以上 or 左右 before a noun of people,
// which counts them (选派1200名以上科技特派员: gold11 034; 完成2100万人次以上农民工
// 职业技能提升培训任务: gold15 048), as 300个以上精品示范村 counts the villages —
// not a class of the places or bodies after them (50名以上员工的企业).
func personsCounted(t []rune, m *mention) bool {
	if !m.class || m.unit != "名" && m.unit != "人次" {
		return false
	}
	n, e := nounAfter(t, m.end) // a noun ending in a rune of people (员, 工, 人 …)
	return n != "" && !placeAfter(t, e)
}

// placeAfter reports a noun of places or bodies at t[e] (or after 的): the
// people before it size a class of them (1000万以上人口城市, 100万以上人口的县),
// not a count of people.
func placeAfter(t []rune, e int) bool {
	if e < len(t) && t[e] == '的' {
		e++
	}
	if e >= len(t) || !isHan(t[e]) {
		return false
	}
	if hasPrefixAnyAt(t, e, "特大城市", "大城市", "城市", "县", "国家", "地区", "省份", "大省", "企业", "学校", "社区", "小区", "园区", "单位") {
		return true
	}
	return false
}

// streakThreshold reports a threshold held over a streak of years: 连续8年稳定在
// 1300亿斤以上, 连续两年增长10%以上, 连续四年达到或略高于10%, 比例每年都保持在4%以上
// — a bound held over several years, not a figure of the year
// (testdata/DECISIONS.md (d)). The streak stands in the figure's clause a few
// runes before it, with no 累计 between (耕地面积连续4年净增累计超过170万亩 is a
// total, a fact), and the figure is a bound (以上, 超, 突破 …), not an exact
// rate (在连续两年增长百分之十三的基础上).
func streakThreshold(t []rune, clause, s int, qual int) bool {
	if qual != qOverT && qual != qOver && qual != qAtLeast {
		return false
	}
	for k := s - 1; k >= clause && k >= s-14; k-- {
		if hasPrefixAt(t, k, "累计") {
			return false
		}
		switch {
		case hasPrefixAt(t, k, "连年"), hasPrefixAt(t, k, "每年都"):
			return true
		case hasPrefixAt(t, k, "连续"):
			j := k + 2
			for j < s && (isDigit(t[j]) || chineseDigit(t[j]) >= 0 || t[j] == '两') {
				j++
			}
			return j > k+2 && j < s && t[j] == '年'
		}
	}
	return false
}

// capacityUnits are the units a plant, a line or a grid project is named by:
// its yearly output, its power, its voltage.
var capacityUnits = map[string]bool{"吨": true, "千瓦": true, "兆瓦": true, "吉瓦": true, "千伏": true, "立方米": true, "千瓦时": true, "吨/年": true, "立方米/年": true}

// capacityNames are the nouns a capacity written before them names.
var capacityNames = [...]string{"项目", "工程", "基地", "生产线", "产线", "机组", "电站", "电厂", "线路", "装置"}

// capacityVerbs stand between a capacity and a project when the capacity is
// the work done or reached, not the project's size (建成120万吨产能, 新增…).
var capacityVerbs = [...]string{"建成", "新增", "达到", "达", "投产", "开工", "并网", "形成", "实现", "完成", "增加", "提高", "提升", "突破", "超过", "累计", "带动", "占", "其中"}

// capacityInName reports a capacity, a size or a voltage written in the name of
// a project, a plant, a line or a base — 吉化120万吨乙烯项目, 年产15万吨原丝项目
// (gold8 DECISIONS), 25万吨煤基乙烯聚合物项目投产, 新建宁夏电网7个750千伏输变电工程
// (gold9 CLASSES), 兰州石化120万吨乙烯改造项目 (gold13): a size class in a name,
// not a fact. 年产 before an amount of 辆 or 台 names a plant the same way. The
// name noun must follow within ten Han runes with no clause break or verb
// between. Kept: a capacity after a word of quantity (装机, 产能, 规模, 容量)
// and an aggregate over a list (常乐电厂扩建等540万千瓦内用煤电项目, gold13 031),
// and capacity taken out or added (关停5000万千瓦小火电机组). A unit (20万吨聚烯烃装置)
// and a storage project (东营津辉500兆瓦电化学储能项目并网) are named the same way
// (testdata/DECISIONS.md (j)).
func capacityInName(t []rune, m *mention) bool {
	if m.unit == "" || m.qual != qNone || m.hasMax {
		return false
	}
	annual := m.numStart >= 2 && hasPrefixAt(t, m.numStart-2, "年产")
	if !capacityUnits[m.unit] && !(annual && (m.unit == "辆" || m.unit == "台")) {
		return false
	}
	if m.numStart > 0 && strings.ContainsRune("等共计约达超近为至到", t[m.numStart-1]) {
		return false
	}
	for _, w := range capacityQuantity {
		// a word of quantity, or capacity taken out (关停5000万千瓦小火电机组, gold8 DECISIONS) or added
		for k := m.numStart - len([]rune(w)); k >= 0 && k >= m.numStart-len([]rune(w))-2; k-- {
			if hasPrefixAt(t, k, w) {
				return false
			}
		}
	}
	e := m.unitEnd
	if hasPrefixAt(t, e, "/年") {
		e += 2
	}
	if e < len(t) && (t[e] == '级' || hasPrefixAnyAt(t, e, "以上", "以下", "左右")) {
		return false
	}
	for k, n := e, 0; k < len(t) && n <= 10; k++ {
		switch {
		case t[k] >= 'A' && t[k] <= 'Z': // 300万吨CCUS碳利用示范项目
			continue
		case t[k] == '、' && k+1 < len(t) && isDigit(t[k+1]): // 400万吨/年煤制油、1500万吨/年…项目
			k, n = nextCapacity(t, k+1), 0
			if k < 0 {
				return false
			}
			k--
			continue
		case t[k] == '、': // 肥城300兆瓦压缩空气储能、东营津辉500兆瓦电化学储能项目 (gold3 018, DECISIONS (j))
			k, n = namedCapacityAfter(t, k+1), 0
			if k < 0 {
				return false
			}
			k--
			continue
		case isDigit(t[k]) || t[k] == '.' || t[k] == '/' && k > e:
			continue
		case !isHan(t[k]):
			return false
		}
		n++
		for _, w := range capacityVerbs {
			if hasPrefixAt(t, k, w) {
				return false
			}
		}
		for _, w := range capacityNames {
			if hasPrefixAt(t, k, w) {
				return true
			}
		}
	}
	return false
}

// capacityQuantity are the words of quantity, and of capacity taken out or
// added, before which a capacity is an amount, not a name.
var capacityQuantity = [...]string{"装机", "产能", "规模", "容量", "能力", "总量", "产量", "关停", "淘汰", "压减", "退出", "关闭", "新增"}

// namedCapacityAfter returns the end of the capacity of the next item of a
// list of named capacities when that item is a short name (at most six Han
// runes, no verb or word of quantity) and a capacity (东营津辉500兆瓦), else -1.
func namedCapacityAfter(t []rune, i int) int {
	j := i
	for j < len(t) && j-i <= 6 && isHan(t[j]) {
		j++
	}
	if j == i || j-i > 6 || j >= len(t) || !isDigit(t[j]) {
		return -1
	}
	for k := i; k < j; k++ {
		for _, w := range capacityVerbs {
			if hasPrefixAt(t, k, w) {
				return -1
			}
		}
		for _, w := range capacityQuantity {
			if hasPrefixAt(t, k, w) {
				return -1
			}
		}
	}
	return nextCapacity(t, j)
}

// nextCapacity returns the end of the number, magnitude and capacity unit at
// i (the next item of a list of named capacities), or -1 when no capacity
// unit follows the number.
func nextCapacity(t []rune, i int) int {
	for i < len(t) && (isDigit(t[i]) || t[i] == '.') {
		i++
	}
	if i < len(t) && (t[i] == '万' || t[i] == '亿') {
		i++
	}
	for u := range capacityUnits {
		if hasPrefixAt(t, i, u) {
			return i + len([]rune(u))
		}
	}
	return -1
}
