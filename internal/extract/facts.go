package extract

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// extractor finds the facts of the paragraphs the cleaner hands it, in
// order. Its state is the document context (context.go) that runs across
// paragraphs.
type extractor struct {
	opt  Options
	ctx  docContext
	cues cueCache

	// the last clause text given to a fact, shared by the next fact of the
	// same clause (t[textA:textB] of the paragraph text starting at textOf)
	textOf       *rune
	textA, textB int
	textS        string
	emit         func(Fact) error
	err          error

	// the sentence holding position sentQ of the paragraph being read starts
	// at sentS, and t[sentS:sentQ] holds no sentence end (sentenceStart)
	sentQ, sentS int
}

// maxLookBack bounds, in runes, how far the judging of a mention reads its
// sentence before it (and after it, up to the sentence end). A sentence longer
// than that — a flattened table, text with no 。 — is read, for each mention, as
// if it started maxLookBack runes before the mention, the text before counting
// as the paragraph's context (a year there still frames the figure, as one in
// an earlier sentence would); only the subject shared by the facts of a
// sentence goes by its real start. So each mention costs a bounded number of
// steps, and one long sentence is read in linear time instead of quadratic.
// The longest sentence of the development documents (/work/countcorpus) has
// 447 runes; the output on the 71 corpus documents and the gold texts is the
// same as without the bound, down to a bound of 400 (BENCHMARKS.md).
const maxLookBack = 1000

// sentenceStart returns where the sentence holding s starts. The facts of a
// paragraph come in order, so it moves forward from the last position asked.
func (x *extractor) sentenceStart(t []rune, s int) int {
	if s < x.sentS {
		k := s
		for k > 0 && !isSentenceEnd(t[k-1]) {
			k--
		}
		return k
	}
	for ; x.sentQ < s; x.sentQ++ {
		if isSentenceEnd(t[x.sentQ]) {
			x.sentS = x.sentQ + 1
		}
	}
	return x.sentS
}

func (x *extractor) paragraph(p *para) {
	if x.err != nil {
		return
	}
	c := &x.ctx
	switch p.role {
	case RoleHeadline:
		c.paras++
		c.listKind = mkNone
		c.glossary = glossaryHeading(p.text)
		c.headline(p, x.opt.Year)
	case RoleBody:
		c.paras++
		if c.listKind != mkNone && !isListItem(p.text) {
			c.listKind = mkNone
		}
		c.body(p, x.opt.Year)
		x.textOf = nil // paragraph buffers are reused: a clause text is shared within one paragraph only
		x.facts(p)
		x.endBody(p)
		if k, sent, a, b := listOpener(p.text); k != mkNone {
			if k == mkTarget && sectionKind(p.text[sent:]) == mkActual {
				// a review word in the opener's own sentence (我们主要做了以下工作：) makes
				// its list what was done, whatever marker came before it — not a review
				// word of a sentence before it (过去一年的成绩来之不易。今年要…：)
				k = mkActual
			}
			x.advanceCarry(p.text, len(p.text))
			c.listKind, c.listCue, c.listYear = k, cue(p.text, a, b), c.carryYear
			if c.carryMulti {
				c.listYear = -1
			}
		}
	}
}

func sectionKind(t []rune) int {
	for i := range t {
		if w, ok := sectionWords.at(t, i); ok {
			return w.tag
		}
	}
	return mkNone
}

// isListItem reports paragraphs that continue a list: ——…, （一）…, 1. …, 一是…
func isListItem(t []rune) bool {
	if hasPrefixAnyAt(t, 0, "——", "—") || isHeadingPattern(t) {
		return true
	}
	return len(t) > 1 && chineseDigit(t[0]) >= 0 && t[1] == '是'
}

// listOpener returns the kind a paragraph ending with a colon announces for
// the list that follows it ("主要预期目标是："), the start of its sentence and
// the span of its cue.
func listOpener(t []rune) (kind, sent, a, b int) {
	n := len(t)
	if n == 0 || t[n-1] != '：' && t[n-1] != ':' {
		return mkNone, 0, 0, 0
	}
	s := n - 1
	for s > 0 && !isSentenceEnd(t[s-1]) {
		s--
	}
	for p := n - 2; p >= s; p-- {
		if w, ok := kindMarkers.at(t, p); ok && w.tag != mkNone && validKindMarker(t, p, w) {
			return w.tag, s, clauseStart(t, p, s), n - 1
		}
	}
	return mkNone, 0, 0, 0
}

// facts finds the facts of one body paragraph.
func (x *extractor) facts(p *para) {
	t := p.text
	x.findOpeners(p)
	x.sentQ, x.sentS = 0, 0
	var last lastFact // the previous fact of the paragraph
	prevEnd := 0      // end of the previous mention
	base := ""        // subject of the last fact with its own subject, in this sentence
	baseSent := -1    // sentence start of base
	for i := 0; i < len(t) && x.err == nil; {
		r := t[i]
		var m mention
		var next int
		var ok bool
		switch {
		case (r == '亿' || r == '万' || r == '千' || r == '百') && i > 0 && t[i-1] == '上':
			// 上亿人, 上千万农村人口: a magnitude with no number after 上
			if m, ok = scanUpCount(t, i); !ok {
				i++
				continue
			}
			next = m.end
		case (r == '万' || r == '千' || r == '百') && i+1 < len(t) && t[i+1] == '亿':
			// 破万亿, 突破万亿元大关: a magnitude with no number
			if m, ok = scanBareMagnitude(t, i); !ok {
				i++
				continue
			}
			next = m.end
		case r == '亿' && i > 0 && (t[i-1] == '破' || t[i-1] == '超' || t[i-1] == '过' || t[i-1] == '逾' || t[i-1] == '近'):
			// 发放育儿补贴近亿元: 亿 with no number
			if m, ok = scanBareMagnitude(t, i); !ok {
				i++
				continue
			}
			next = m.end
		case (r == '万' || r == '千' || r == '百') && i > 0 && (t[i-1] == '破' || t[i-1] == '超' || t[i-1] == '过' || t[i-1] == '逾' || t[i-1] == '近' ||
			t[i-1] == '及' && i > 1 && t[i-2] == '惠' || t[i-1] == '办' || t[i-1] == '行' || t[i-1] == '开' ||
			i+3 < len(t) && (t[i+2] == '以' && t[i+3] == '上' || t[i+2] == '左' && t[i+3] == '右')) && !hasPrefixAt(t, i, "百分"):
			// 突破万列, 超千万人次: a magnitude with no number after a verb of passing
			if m, ok = scanBareCount(t, i); !ok {
				i++
				continue
			}
			next = m.end
		case !isDigit(r) && (r < 0x4E00 || !(chineseDigit(r) >= 0 || r == '十' || r == '百' && hasPrefixAt(t, i, "百分之"))):
			i++
			continue
		case isDigit(r) && i > 0 && (isASCIILetter(t[i-1]) || t[i-1] == '.' || t[i-1] == '_') && !indicatorBefore(t, i):
			// part of a code or name: PM2.5, G20, v1.2
			for i < len(t) && (isASCIIAlnum(t[i]) || t[i] == '.') {
				i++
			}
			continue
		default:
			m, next, ok = scanQuantity(t, i)
		}
		if next <= i {
			next = i + 1
		}
		i = next
		if !ok {
			continue
		}
		if m.start < x.ctx.gloss {
			continue // 36.城乡生活污水治理3个“三年行动”：the name of the term defined
		}
		f, ok := x.judge(p, &m, prevEnd, &base, &baseSent, &last)
		if !ok {
			continue
		}
		prevEnd = m.end
		last = lastFact{start: m.start, clause: clauseStart(t, m.start, max(0, m.start-maxLookBack)), end: m.end, metric: f.Metric, kind: f.Kind, unit: f.Unit, neg: f.Value < 0 || f.ValueMax != nil && *f.ValueMax < 0,
			why: f.Why.Kind, cue: f.Why.KindCue}
		if err := x.emit(f); err != nil {
			x.err = err
		}
	}
}

// indicatorBefore reports a percentage written right after the name of an
// economic indicator (全国GDP5.5%的增长目标, CPI2%): the letters name what is
// measured, not a code the digits belong to.
func indicatorBefore(t []rune, i int) bool {
	k := i
	for k > 0 && isASCIILetter(t[k-1]) {
		k--
	}
	if k > 0 && isASCIIAlnum(t[k-1]) {
		return false
	}
	switch string(t[k:i]) {
	case "GDP", "CPI", "PPI":
	default:
		return false
	}
	j := i
	for j < len(t) && (isDigit(t[j]) || t[j] == '.') {
		j++
	}
	return j < len(t) && (t[j] == '%' || t[j] == '‰')
}

// lastFact is what a list item (分别增长17.3%、14.6%) takes from the fact
// before it.
type lastFact struct {
	start, clause, end int
	metric, kind, unit string
	neg                bool
	why, cue           string
}

// listFollows reports whether only a list separator stands between the end
// of the last fact and s, the start of an item in unit: 17.3%、14.6%, 60家和30家.
func listFollows(t []rune, last *lastFact, s int, unit string, rate bool) bool {
	if last.metric == "" || s <= last.end || s-last.end > 2 {
		return false
	}
	if (t[s] == '超' || t[s] == '逾') && !(rate && unit == last.unit) {
		// 净增3193户、超2.4万户: a verb of passing (as 突破) states a level of its own;
		// 分别增长12%、超15%: a rate after rates is one more item
		return false
	}
	for _, r := range t[last.end:s] {
		if r != '、' && r != '和' && r != '及' && r != '与' && r != '或' && r != ' ' {
			return false
		}
	}
	return true
}

// policyAfter reports the words after N条 that make the count the name of a
// policy package (服务业高质量发展30条措施, 民营经济32条政策, “15条硬措施”,
// 58条改革举措): 措施, 举措, 政策, 意见 or 细则 within a few ideographs.
func policyAfter(t []rune, e int) bool {
	for k := e; k < len(t) && k <= e+4 && isHan(t[k]); k++ {
		if hasPrefixAnyAt(t, k, "措施", "举措", "政策", "意见", "细则") {
			return true
		}
	}
	return false
}

// groupCounted reports a count that only says how large the standing group is
// over which the clause's own figure is measured (testdata/DECISIONS.md (k)):
// 17个重点传统制造业增加值增长8%, 45个重点开发区规模以上工业总产值占全省开发区的比重达84%,
// 203个国考断面优良率和285个水功能区达标率均为100%, 对10类重点就业群体新发放创业担保贷款
// 不低于80亿元, 22个重点产业集群中，战略性新兴产业营业收入占比超过三分之一 — the figure
// is the fact. The count opens its clause (a lead such as 全省, 其中 or 对, a short
// list of names closed by 等 or a quoted name, or the group count before it and
// 、 or 和), a noun phrase with no verb follows, then a metric of the group
// (增加值, 产值, 营业收入, 产量, 支出, …率, 占比, 比重 …) and a figure. Not a count
// whose things did something themselves (849座公园实现24小时开放, 8项主要经济指标增速
// 居全国前3位, 92个学科进入…) nor projects with their investment
// (700个省重点项目完成投资9757亿元), nor a whole a later count is part of
// (全市37个工业行业大类中，30个行业…).
func groupCounted(t []rune, m *mention) bool {
	switch m.unit {
	case "个", "类", "种", "座", "条", "所", "项", "家", "支", "批":
	default:
		return false
	}
	if !groupLead(t, m.numStart) {
		return false
	}
	budget, metric := 0, false
	for k := m.end; k < len(t) && budget < 30; k, budget = k+1, budget+1 {
		r := t[k]
		if !metric {
			if r == '中' && k+1 < len(t) && t[k+1] == '，' {
				k++ // 22个重点产业集群中，…营业收入占比: the metric in the next clause
				continue
			}
			if isClauseEnd(r) && r != '、' || isSentenceEnd(r) || isDigit(r) && !(k > 0 && (t[k-1] == '、' || t[k-1] == '和')) {
				return false
			}
			if hasPrefixAnyAt(t, k, "实现", "进入", "达到", "居", "完成", "建成", "形成", "培育", "开工", "投产", "投资", "获得", "入选", "项目", "工程", "首次") {
				return false
			}
			if r == '率' && k > m.end || hasPrefixAnyAt(t, k, "增加值", "产值", "营业收入", "营收", "产量", "支出", "占比", "比重", "增速", "新承接", "新入驻", "新发放", "资金") {
				metric = true
			}
			continue
		}
		if isClauseEnd(r) || isSentenceEnd(r) || r == '居' || r == '排' || hasPrefixAt(t, k, "实现") {
			return false // 5个行业增加值实现两位数增长 (gold2 005): things that reached a result
		}
		if isDigit(r) || chineseDigit(r) > 0 || r == '百' || r == '千' || r == '万' || r == '亿' {
			return true
		}
	}
	return false
}

// groupLead reports what may stand between a group count at s and the start
// of its clause: nothing, a lead word (全省, 其中, 对 …), a short list of names
// closed by 等 (乳肉薯绒等) or a quoted name, or an earlier group count and
// 、 or 和 (203个国考断面优良率和).
func groupLead(t []rune, s int) bool {
	c := s
	for c > 0 && c > s-24 && !(isClauseEnd(t[c-1]) && t[c-1] != '、') && !isSentenceEnd(t[c-1]) && t[c-1] != '\n' {
		c--
	}
	if c > 0 && c == s-24 {
		return false
	}
	pre := string(t[c:s])
	switch pre {
	case "", "全省", "全市", "全区", "全州", "全县", "全国", "其中", "在全省", "对", "我省", "我市", "我区":
		return true
	}
	p := t[c:s]
	if n := len(p); n >= 2 && (p[n-1] == '等' && n <= 10 || p[0] == '“' && p[n-1] == '”') {
		for _, r := range p[:n-1] {
			if !isHan(r) && r != '、' && r != '“' && r != '”' {
				return false
			}
		}
		return !hasPrefixAnyAt(p, 0, "实施", "建设", "推进", "打造", "培育", "发展", "加快", "围绕", "聚焦", "支持", "推动", "新增", "建成", "形成")
	}
	if n := len(p); n >= 4 && isDigit(p[0]) && (p[n-1] == '、' || p[n-1] == '和') {
		j := 0
		for j < n && isDigit(p[j]) {
			j++
		}
		return j < n && strings.ContainsRune("个类种座条所项家支批", p[j])
	}
	return false
}

// stepsAfter reports 台阶 within a few runes after a count: 连跨4个万亿级台阶
// counts thresholds passed, a class (gold2 006 leaves it out; as 踏上3万亿台阶).
func stepsAfter(t []rune, e int) bool {
	for k := e; k < len(t) && k <= e+4 && (isHan(t[k]) || isDigit(t[k])); k++ {
		if hasPrefixAt(t, k, "台阶") {
			return true
		}
	}
	return false
}

// programAfter reports 民生 within a few runes after a count in Chinese
// numerals: 十项重点民生实事, 十件民生实事 name the year's program (gold6 026, gold4's
// 十方面民生实事), where 30件年度民生实事全面完成 counts the work done.
func programAfter(t []rune, e int) bool {
	for k := e; k < len(t) && k <= e+3 && isHan(t[k]); k++ {
		if hasPrefixAt(t, k, "民生") {
			return true
		}
	}
	return hasPrefixAt(t, e, "行动") // 实施促进高校毕业生就业创业十项行动 (gold11 012): the programme's name, as 十大行动
}

// resultsAfter reports 成果 ending the noun counted by N项 (两项自贸试验区制度创新
// 成果全国推广: results achieved, counted as facts by both annotators of gold8
// 025 and 039, though their number is small and Chinese) — not a list's parts,
// nor the results of reforms named by their count (两项改革成果).
func resultsAfter(t []rune, e int) bool {
	if hasPrefixAt(t, e, "改革") {
		return false // 深化两项改革成果运用: 两项改革 names the reforms, 成果 is theirs
	}
	for k := e; k < len(t) && k <= e+10 && isHan(t[k]); k++ {
		if t[k] == '成' && k+1 < len(t) && t[k+1] == '果' {
			return true
		}
	}
	return false
}

// ageClassAfter reports the words after N岁 that make the age a class of
// people: a bound (65岁及以上老年人, 3岁以下托位数, 60岁以上人口) or a noun of
// people after it (2-3岁幼儿, 0-6岁儿童, 60岁的老年人) — not an age reached
// (由77.3岁提高到78.6岁, 达到80岁的目标).
func ageClassAfter(t []rune, e int) bool {
	if hasPrefixAnyAt(t, e, "及以上", "及以下", "以上", "以下", "以内") {
		return true
	}
	if e < len(t) && strings.ContainsRune("及至到-—～~", t[e]) {
		// 60岁及60岁以上老年人, 18岁至60岁人口: the other end of the range says
		for k := e + 1; k < len(t) && k <= e+8; k++ {
			if t[k] == '岁' {
				return ageClassAfter(t, k+1)
			}
			if !isDigit(t[k]) && t[k] != '.' && chineseDigit(t[k]) < 0 {
				break
			}
		}
	}
	if hasPrefixAt(t, e, "的") {
		e++ // 年满60岁的老年人
	}
	if n, _ := nounAfter(t, e); n != "" {
		return true
	}
	if hasPrefixAnyAt(t, e, "幼儿", "婴幼儿", "婴儿", "青年", "少年", "青少年", "老年", "孕产妇", "男性", "女性") {
		return true // nouns of people whose head nounAfter does not know
	}
	return false
}

// listCounted reports a count n written right after a complete list of the
// items it counts — names joined by 、, as many as the count, with no 等 or 等
// after exactly that many: 长白山、三江、吉光3个省实验室,
// …、城市更新和安全韧性提升4项行动 (testdata/DECISIONS.md (g); gold8 013, 019,
// gold4 035, gold5 037). Not a list whose items carry their own counts
// (产业集群2个、产业园2个), nor 等N with fewer names than N (等20个园区), nor an
// item that is a verb (…、新建3个). A last item joined by 和, 及 or 与 is not
// counted as a name of its own (…、潍宿及青岛连接线等6个高铁项目 stays a fact, gold3 018).
func listCounted(t []rune, s int, n float64) bool {
	if n < 2 || n > 30 || n != math.Trunc(n) {
		return false
	}
	k := s
	if k > 0 && t[k-1] == '等' {
		k--
	}
	if k == 0 || !isHan(t[k-1]) && t[k-1] != '”' && t[k-1] != '）' && t[k-1] != ')' {
		return false
	}
	names, lastSep, start := 1, -1, k
	for j := k - 1; j >= 0 && j >= k-120; j-- {
		r := t[j]
		if isDigit(r) || r == '等' {
			return false // items with counts of their own; an earlier 等
		}
		if r == '、' {
			if lastSep < 0 {
				lastSep = j
			}
			names++
			continue
		}
		if isClauseEnd(r) {
			break
		}
		start = j
	}
	if lastSep < 0 {
		return false // no 、-list
	}
	if w, ok := growthWords.at(t, lastSep+1); ok && (w.tag == gwLevel || w.tag == gwUp || w.tag == gwDown) {
		return false // …、新增3个: a verb with its own count
	}
	for j := lastSep + 1; j < k; j++ {
		// a verb after the last name governs the count (…、新建3个; 北京、天津新建2个产业园; 在北京、天津、河北布局3个算力中心):
		// the names say where or by whom, the count is of what the verb made
		for _, w := range [...]string{"实施", "建设", "建成", "开工", "完成", "培育", "打造", "新建", "推进", "组织", "启动", "创建", "认定", "获批", "引进", "开展", "实现", "达到", "累计", "共", "布局", "设立", "新增"} {
			if hasPrefixAt(t, j, w) && (j == lastSep+1 || !strings.Contains(string(t[start:lastSep]), w)) {
				return false // not a verb the names share (个人引进、专项引进、团队引进3个类别: 014)
			}
		}
	}
	return float64(names) == n
}

// rankAt reports N位 at [s, e) that is a place in a ranking, not a count of
// people (2000多位专家): after 前 or 后 (居全国前5位), or in a clause that
// speaks of a ranking (排名上升5位, 全国排名53位、提升3位) or moves places after
// one (…排名46位、82位，分别提升6位、49位), with no noun after it.
// No development gold has a rank as a fact (第N位 is left out the same way).
func rankAt(t []rune, sent, s, e int) bool {
	if e < len(t) && isHan(t[e]) && t[e] != '的' {
		return false // 40多位外国元首: people
	}
	if p := pastHedge(t, s); p > 0 && (t[p-1] == '前' || t[p-1] == '后') {
		return true
	}
	moved := false // a verb of moving places in the figure's clause (分别提升6位、49位) reaches the ranking before it
	for k := s - 2; k >= sent; k-- {
		if t[k] != '、' && isClauseEnd(t[k]) && !moved {
			break // the ranking of another clause (…排名全国第8，新增两院院士3位): people
		}
		if hasPrefixAnyAt(t, k, "提升", "上升", "提高", "前移", "跃升", "进位", "下降", "下滑", "后退", "退后") {
			moved = true
		}
		if t[k] != '排' && t[k] != '位' && t[k] != '名' {
			continue
		}
		if hasPrefixAnyAt(t, k, "排名", "排位", "排序", "排行", "位次", "名次") {
			return true
		}
	}
	return false
}

// spellsOut reports a clause that spells out one part of a scheme named by
// its numbers: “1”是1个省级综合飞行服务站，“3”是指…3类专项政策 (gold6 014, 020).
// The clause runs back from s to the last ，；： or the sentence start (not 、).
func spellsOut(t []rune, sent, s int) bool {
	k := s - 1
	for k >= sent && t[k] != '，' && t[k] != '；' && t[k] != '：' && t[k] != ',' && t[k] != ';' && t[k] != ':' && t[k] != '\n' {
		k--
	}
	k++
	if k+3 >= len(t) || t[k] != '“' {
		return false
	}
	j := k + 1
	for j < len(t) && j <= k+6 && (isASCIIAlnum(t[j]) || t[j] == '+' || chineseDigit(t[j]) >= 0) {
		j++
	}
	return j > k+1 && j+1 < len(t) && t[j] == '”' && t[j+1] == '是'
}

// timesGrown reports a verb of growth right before a multiple in Chinese
// numerals, past a hedge: 比上年增长一倍, 增长近两倍, 占比提高一倍 (gold6 055).
func timesGrown(t []rune, s int) bool {
	s = pastHedge(t, s)
	for _, w := range [...]string{"增长", "增加", "提高", "扩大"} {
		if s >= 2 && hasPrefixAt(t, s-2, w) {
			return true
		}
	}
	return false
}

// policyNamed reports N条 ending a clause whose verb puts a policy in force
// (落实人才振兴60条, 落实…鼓励引导民间投资新36条): the name of a policy package.
func policyNamed(t []rune, s, e int) bool {
	if e < len(t) && !isClauseEnd(t[e]) && !isSentenceEnd(t[e]) {
		return false
	}
	for k := s - 1; k >= 0 && k >= s-20 && !isClauseEnd(t[k]); k-- {
		if hasPrefixAnyAt(t, k, "落实", "出台", "制定", "推出", "印发") {
			return true
		}
	}
	return false
}

// itemsIssued reports N项 counting the tasks or measures of a plan as it is
// drawn up or issued (制定落实…145项重点任务和69项政策措施: gold8 019, both
// annotators; 推出…84项政策措施): the size of a policy package, as N条措施 and
// 措施126项 — not tasks done (157项改革任务有序推进, 25项民生实事全面完成).
func itemsIssued(t []rune, s, e int) bool {
	noun := false
	for k := e; k < len(t) && k <= e+8 && isHan(t[k]); k++ {
		if hasPrefixAnyAt(t, k, "措施", "举措", "政策", "任务") {
			noun = true
			break
		}
	}
	if !noun {
		return false
	}
	for k := s - 1; k >= 0 && k >= s-30 && (t[k] == '、' || !isClauseEnd(t[k])); k-- {
		// across a 、-list of what is issued: 推出三批政策清单、151项务实举措
		for _, w := range [...]string{"制定", "出台", "推出", "印发", "提出", "部署"} {
			if hasPrefixAt(t, k, w) && !((w == "提出" || w == "部署") && hasPrefixAt(t, k+2, "的")) {
				// 部署的/提出的 modifies the tasks set, to be done or done (完成…部署的50项重点任务): not their issuing
				return true
			}
		}
	}
	return false
}

// policyBefore reports a count of measures issued, written after them: 出台配套措施126项
// (gold5: a policy package, as 22条举措).
func policyBefore(t []rune, s int) bool {
	for _, w := range [...]string{"措施", "举措", "政策", "意见", "细则"} {
		for gap := 0; gap <= 1; gap++ {
			if k := s - gap - 2; k >= 0 && hasPrefixAt(t, k, w) && (gap == 0 || t[s-1] == '共' || t[s-1] == '达') {
				return true
			}
		}
	}
	return false
}

// itemFollows reports whether the clause starting at clause is the next item
// of a list after the last fact, joined by 、 with no verb of change of its
// own, where the verb of the last fact governs its object, not only its
// number: 减少财政支出3500亿元左右、行政经费约2000亿元 (not 转移支付增加约1.5万亿元、
// 规模近9.8万亿元, where 规模 is a level of its own).
func itemFollows(t []rune, last *lastFact, clause int) bool {
	if clause <= 0 || t[clause-1] != '、' || clause-1 < last.end {
		return false
	}
	for k := last.end; k < clause-1; k++ {
		if isHan(t[k]) || isDigit(t[k]) || isClauseEnd(t[k]) {
			return false // something stands between the fact and the 、
		}
	}
	return growthGap(t, last.clause, last.start) >= 2
}

// aspirationFollows reports a clause right after the last fact that only
// strives for a higher figure of it: 、力争达到20%, ，争取8%.
func aspirationFollows(t []rune, last *lastFact, clause, s int) bool {
	if clause <= 0 || clause-1 != last.end || t[clause-1] != '、' && t[clause-1] != '，' {
		return false
	}
	k := clause
	for _, w := range [...]string{"力争", "争取", "努力"} {
		if hasPrefixAt(t, k, w) {
			k += 2
			break
		}
	}
	if k == clause {
		return false
	}
	for _, w := range [...]string{"达到", "实现"} {
		if hasPrefixAt(t, k, w) {
			k += 2
			break
		}
	}
	return k == s
}

// growthGap returns how many runes stand between the growth word governing a
// number at s and the number (减少财政支出3500亿元: 4), or -1.
func growthGap(t []rune, clause, s int) int {
	for p := s - 1; p >= clause && p >= s-10; p-- {
		if w, ok := growthWords.at(t, p); ok && p+len(w.w) <= s && (w.tag == gwUp || w.tag == gwDown) {
			return s - (p + len(w.w))
		}
	}
	return -1
}

// opensClause reports whether only a hedge stands between the start of a
// clause and s.
func opensClause(t []rune, s int) bool {
	s = pastHedge(t, s)
	return s == 0 || isClauseEnd(t[s-1]) || isOpening(t[s-1])
}

// pastHedge returns where the words before s end once a pre-qualifier
// written right before it (近, 超过, 约) is skipped.
func pastHedge(t []rune, s int) int {
	if q, ok := preQualifiers.endingAt(t, s, 5); ok {
		return s - len(q.w)
	}
	return s
}

// ratioBefore reports a bare number that is a ratio between incomes, whose
// measure is times: 城乡居民收入倍差从2.37缩小到1.94.
func ratioBefore(t []rune, clause, s int) bool {
	for k := clause; k+1 < s; k++ {
		if t[k] == '倍' && t[k+1] == '差' {
			return true
		}
	}
	return false
}

// indexBefore reports a bare number that is the value of an index named
// right before it, after a verb that sets its level: 两化融合指数达到92 (gold8
// 019), 道路交通指数从6.32下降至6.08 (both ends) — the unit is "". Only 指数
// itself, a setting verb or 从/由 and a starting value may stand between.
func indexBefore(t []rune, clause, s int) bool {
	k := pastHedge(t, s)
	for _, w := range [...]string{"达到", "提高到", "提升到", "提高至", "提升至", "上升到", "上升至", "下降至", "下降到",
		"降低至", "降低到", "升至", "降至", "降到", "达", "为", "从", "由"} { // longest first
		if n := len([]rune(w)); k-n >= clause && hasPrefixAt(t, k-n, w) {
			k -= n
			break
		}
	}
	// the starting value of 从A下降至B
	if j := k; j > clause && (isDigit(t[j-1]) || t[j-1] == '.') {
		for j > clause && (isDigit(t[j-1]) || t[j-1] == '.') {
			j--
		}
		if j > clause && (t[j-1] == '从' || t[j-1] == '由') {
			k = j - 1
		}
	}
	return k-2 >= clause && k < s && hasPrefixAt(t, k-2, "指数")
}

// nounBefore returns the counted noun written right before a number that
// has a magnitude and no measure word (移动通信用户3.4亿), or "" — people for
// 人口 (人口8.14亿 → 人, as every bare count after a noun of people in the dev gold).
func nounBefore(t []rune, s, e int) string {
	if sizeClassAfter(t, e) {
		return "" // 城区人口超50万县: a size class of what follows
	}
	for _, w := range [...]string{"用户", "游客", "旅客", "人才"} {
		if s >= 2 && hasPrefixAt(t, s-2, w) {
			return w // 入境游客111万, 新增技能人才74万: a noun of individuals keeps its name (testdata/DECISIONS.md (b))
		}
	}
	if s >= 3 && hasPrefixAt(t, s-3, "带头人") {
		return "带头人" // 培养认定农村致富带头人3.07万 (gold11 010; a compound noun kept whole, testdata/DECISIONS.md (u) GQ9)
	}
	if s >= 2 && hasPrefixAt(t, s-2, "人口") {
		return "人" // 参加新型农村合作医疗的人口8.14亿 (gold6 055), as 农村贫困人口减少1386万 (gold5 045)
	}
	return ""
}

// countsItself reports measure words that count the noun after them, so that
// N个以上 + noun is a number of those (建设300个以上精品示范村), not a class of
// things holding N of something (30户以上自然村寨, 100人以上企业).
func countsItself(u string) bool {
	switch u {
	case "个", "家", "项", "所", "座", "处", "条", "批", "种", "类", "件", "套", "台", "辆", "艘", "支", "部", "场",
		"市州", "县区", "盟市", "旗县": // 凉州、陇西、康县3县区 (gold13 031)
		return true
	}
	return false
}

// sizeClassAfter reports a noun right after a bare number with a magnitude
// (城区人口超50万县), not a word that goes on with the sentence (和, 增加 …).
func sizeClassAfter(t []rune, e int) bool {
	return e < len(t) && isHan(t[e]) && !strings.ContainsRune("和与及或增减到至以左、", t[e])
}

// containsWord reports whether w is written in t.
func containsWord(t []rune, w string) bool {
	for k := range t {
		if hasPrefixAt(t, k, w) {
			return true
		}
	}
	return false
}

// personsBefore returns the unit of a number with a magnitude and no
// measure word whose clause counts people or households before it: 人 for
// 人口, 人数 (农村贫困人口减少1386万, 旅居人数达389.75万: gold5), 人次, 户, or "".
func personsBefore(t []rune, clause, e, s int) string {
	if sizeClassAfter(t, e) && !hasPrefixAt(t, e, "任务") && !hasPrefixAt(t, e, "的任务") {
		return "" // 城区人口超50万县: a size class of what follows
	}
	for k := s - 2; k >= clause && k >= s-16; k-- {
		switch {
		case hasPrefixAt(t, k, "人次"):
			return "人次"
		case hasPrefixAt(t, k, "人口"), hasPrefixAt(t, k, "人数"), hasPrefixAt(t, k, "员额"):
			return "人" // 裁减军队员额30万: people
		case hasPrefixAt(t, k, "户数"):
			return "户"
		}
	}
	return ""
}

// growthAfter turns a level into a change where the words after the number
// say so: 5.5%的增长目标, 按不低于5%的幅度压减.
func growthAfter(t []rune, e int, metric string, sign float64) (string, float64) {
	if e < len(t) && hasPrefixAnyAt(t, e, "增长", "下降") && (e+2 == len(t) || isClauseEnd(t[e+2]) || isSentenceEnd(t[e+2])) {
		if t[e] == '下' {
			return MetricGrowth, -1
		}
		return MetricGrowth, 1 // 保持40%以上增长
	}
	if e >= len(t) || t[e] != '的' {
		return metric, sign
	}
	j := e + 1
	if hasPrefixAt(t, j, "幅度") {
		j += 2
		if hasPrefixAnyAt(t, j, "压减", "压缩") {
			return MetricGrowth, -1
		}
		if w, ok := growthWords.at(t, j); ok && (w.tag == gwUp || w.tag == gwDown) &&
			!(j+len(w.w) < len(t) && (t[j+len(w.w)] == '到' || t[j+len(w.w)] == '至')) {
			if w.tag == gwDown {
				return MetricGrowth, -1
			}
			return MetricGrowth, 1
		}
		return metric, sign
	}
	if w, ok := growthWords.at(t, j); ok {
		switch w.tag {
		case gwUp, gwUpNoun:
			return MetricGrowth, 1
		case gwDown, gwDownNoun:
			return MetricGrowth, -1
		}
	}
	return metric, sign
}

// respectiveMetric pairs a number after 分别 with its item of the list of
// subjects before 分别, item by item, where the list mixes a change named by a
// growth noun (涨幅, 增速) with a level (失业率): 城镇调查失业率、居民消费价格涨幅分别
// 控制在5%和3%以内 gives 5% to the rate, a level, and 3% to the rise (gold8 033).
// Only a verb that sets a figure (控制在, 为, 达到) may stand between 分别 and the
// numbers; ok is false otherwise and for a list of one kind.
func respectiveMetric(t []rune, clause, s int) (metric string, sign float64, ok bool) {
	f := -1
	for k := s - 2; k >= clause && k >= s-24; k-- {
		if t[k] == '分' && t[k+1] == '别' {
			f = k
			break
		}
	}
	if f < 0 || f == clause || clause == 0 || t[clause-1] != '、' {
		return "", 0, false
	}
	idx := 0 // the number's place in the list after 分别
	for k := f + 2; k < s; k++ {
		if w, wok := growthWords.at(t, k); wok && w.tag != gwLevel {
			return "", 0, false // 分别增长: the verb tells
		}
		if strings.ContainsRune("、和及与", t[k]) {
			idx++
		}
	}
	// the subjects: 、-separated items back from 分别 to the start of the clause list
	var ends []int // item ends, last item first
	e := f
	for k := f - 1; k >= 0; k-- {
		if t[k] == '、' {
			ends = append(ends, e)
			e = k
			continue
		}
		if isClauseEnd(t[k]) || isSentenceEnd(t[k]) || isOpening(t[k]) {
			break
		}
	}
	ends = append(ends, e)
	n := len(ends)
	if n < 2 || idx >= n {
		return "", 0, false
	}
	mixed, growth := 0, 0.0
	for i, end := range ends {
		g := 0.0
		for p := end - 4; p < end; p++ {
			if w, wok := growthWords.at(t, p); wok && p >= 0 && p+len(w.w) == end && (w.tag == gwUpNoun || w.tag == gwDownNoun) {
				g = 1
				if w.tag == gwDownNoun {
					g = -1
				}
				break
			}
		}
		if g != 0 {
			mixed |= 1
		} else {
			mixed |= 2
		}
		if i == n-1-idx {
			growth = g
		}
	}
	if mixed != 3 {
		return "", 0, false
	}
	if growth != 0 {
		return MetricGrowth, growth, true
	}
	return MetricLevel, 1, true
}

// numberFollows reports an Arabic digit from t[k] to the end of the clause.
func numberFollows(t []rune, k int) bool {
	for ; k < len(t) && !isClauseEnd(t[k]) && !isSentenceEnd(t[k]); k++ {
		if isDigit(t[k]) {
			return true
		}
	}
	return false
}

// comparedYear returns the year (and where it is written) of a comparison
// base 比YYYY年 in the clause before s, or 0.
func comparedYear(t []rune, clause, s int) (int, int) {
	for p := s - 6; p > clause; p-- {
		if t[p-1] == '比' {
			if y, ok := yearAt(t, p); ok {
				return y, p
			}
		}
	}
	return 0, 0
}

// partStart returns where the ；-part of the sentence holding s starts.
func partStart(t []rune, sent, s int) int {
	for k := s - 1; k >= sent; k-- {
		if t[k] == '；' || t[k] == ';' {
			return k + 1
		}
	}
	return sent
}

// comparedWithin returns the year (and where it is written) of a base
// written 同/与/和YYYY年相比 in t[from:to], or 0.
func comparedWithin(t []rune, from, to int) (int, int) {
	for p := max(from, 1); p+5 < to; p++ {
		if strings.ContainsRune("同与和", t[p-1]) && hasPrefixAt(t, p+5, "相比") {
			if y, ok := yearAt(t, p); ok {
				return y, p
			}
		}
	}
	return 0, 0
}

// deadlineIn reports the year y written as a deadline (到/至YYYY年) in
// t[from:to]: 到2020年…比2010年翻一番 is a target for the year named.
func deadlineIn(t []rune, from, to, y int) bool {
	for p := max(from, 1); p < to; p++ {
		if (t[p-1] == '到' || t[p-1] == '至') && isDigit(t[p]) {
			if v, ok := yearAt(t, p); ok && v == y {
				return true
			}
		}
	}
	return false
}

// ownBase reports a base of its own in the clause before s: 同比, 比上年,
// 较上年, 比去年 (…比2019年增长25%，比上年增长5%: the 5% is the year's).
func ownBase(t []rune, clause, s int) bool {
	for k := clause; k < s; k++ {
		if hasPrefixAnyAt(t, k, "同比", "上年", "去年") {
			return true
		}
	}
	return false
}

// stepReached reports an amount at t[s:e] before (新)台阶 after a verb of
// reaching (迈上, 站上, 跃上, 踏上, 登上, 跨上): the subject's amount, a level
// passed (testdata/DECISIONS.md (c)) — not 连跨4个万亿级台阶 (a count of classes).
func stepReached(t []rune, s, e int) bool {
	if !hasPrefixAt(t, e, "台阶") && !hasPrefixAt(t, e, "新台阶") {
		return false
	}
	k := pastHedge(t, s)
	for _, w := range [...]string{"迈上", "站上", "跃上", "踏上", "登上", "跨上"} {
		if k >= 2 && hasPrefixAt(t, k-2, w) {
			return true
		}
	}
	return false
}

// startingValue reports a number that starts a change written from–to: 从 or
// 由, then at most a few ideographs (由每人每年120元), before it, and a verb
// ending in 到, 至 or 为 right after it (提高到, 减少到, 下降至, 减为) — not when a time
// word stands beside it (由上年46亿元, 由1997年的123万公里: its own year;
// 由每人每年120元 has none).
func startingValue(t []rune, s, e int) bool {
	k := s - 1
	for k >= 0 && k >= s-7 && isHan(t[k]) && t[k] != '从' && t[k] != '由' && t[k] != '的' &&
		!(t[k] == '年' && k > 0 && strings.ContainsRune("上去前今明本当", t[k-1])) {
		k--
	}
	if k < 0 || t[k] != '从' && t[k] != '由' {
		return false
	}
	w, ok := growthWords.at(t, e)
	if !ok || w.tag != gwLevel {
		return false
	}
	last := w.w[len(w.w)-1]
	return last == '到' || last == '至' || last == '为'
}

// plannedBefore reports 原定, 原计划 or 计划 in the few runes before a starting
// value at s (由原定平均每年百分之六调高到…: the old plan's figure, a target).
func plannedBefore(t []rune, s int) bool {
	for k := max(s-8, 0); k < s; k++ {
		if hasPrefixAnyAt(t, k, "原定", "计划", "预期") {
			return true
		}
	}
	return false
}

// rateNouns name a rate of growth: the percentage they are set to is that rate.
var rateNouns = [...]string{"涨幅", "增速", "增幅", "增长速度", "增长幅度", "增长率", "降幅", "跌幅"}

// rateSubject returns the sign of a growth rate that is the subject of a
// percentage at [s, e) read as a level — set by a verb of reaching or
// written after it (居民消费价格涨幅回落到2.6%, 物价涨幅要从14.8%降到10%左右,
// 增长速度由原定平均每年百分之六调高到百分之八至九, 7%左右的速度可以实现) — or 0.
// A clause of an adverb and a verb alone (…，实际回落到6.1%) has the subject of
// the clauses before it in the sentence. 人口自然增长率 is a rate, a level (gold8 061).
func rateSubject(t []rune, sent, clause, s, e int) float64 {
	if e < len(t) && t[e] == '的' && hasPrefixAt(t, e+1, "速度") {
		return 1
	}
	from := clause
	if s-clause <= 7 {
		for _, a := range [...]string{"实际", "已经", "已", "又", "再", "进一步"} {
			if hasPrefixAt(t, clause, a) {
				if w, ok := growthWords.at(t, clause+utf8.RuneCountInString(a)); ok && w.tag == gwLevel {
					from = sent
				}
				break
			}
		}
	}
	for p := s - 2; p >= from; p-- {
		if r := t[p]; r != '涨' && r != '增' && r != '降' && r != '跌' {
			continue // the first runes of rateNouns
		}
		for _, w := range rateNouns {
			if n := utf8.RuneCountInString(w); p+n <= s && hasPrefixAt(t, p, w) {
				if w == "增长率" && p > 0 && t[p-1] == '然' {
					return 0
				}
				if w == "降幅" || w == "跌幅" {
					return -1
				}
				return 1
			}
		}
	}
	return 0
}

// raisedBy returns the sign of a change made at the rate written after 按
// (城乡低保分别按3%、7%稳步提标: gold8 039), +1 or -1, or 0 when no verb of
// raising or lowering follows the rates (赤字率拟按3%安排 is a level): past the
// rest of the list of rates and an adverb of up to four runes.
func raisedBy(t []rune, s, e int) float64 {
	if s == 0 || t[s-1] != '按' {
		return 0
	}
	k := e
	for k < len(t) && k < e+16 && (isDigit(t[k]) || strings.ContainsRune("、和.%", t[k])) {
		k++
	}
	for n := 0; n <= 4 && k+n+1 < len(t) && isHan(t[k+n]); n++ {
		if hasPrefixAnyAt(t, k+n, "提标", "上调", "调增", "提高", "增长", "上浮") {
			return 1
		}
		if hasPrefixAnyAt(t, k+n, "下调", "调减", "降低", "下浮") {
			return -1
		}
	}
	return 0
}

// judge decides whether mention m is a fact and fills the fact.
func (x *extractor) judge(p *para, m *mention, prevEnd int, base *string, baseSent *int, last *lastFact) (Fact, bool) {
	t := p.text
	if m.unit == "天" && measureCounted(t, m.numStart, '天', '数') || m.unit == "年" && measureCounted(t, m.numStart, '年', '限') && !isYearAt(t, m.numStart) {
		// 优良天数达到290天, 平均受教育年限提高到10.5年 (gold6 042): counted, not a duration;
		// 年限2024年达到…, 承包年限延长至2057年: a calendar year stays a date
		m.unitClass = unitCount
	}
	tracked := false
	if m.unitClass == unitTime && trackedDuration(t, m) {
		tracked = true
		m.unitClass = unitCount // 延长至240小时, 压缩至6个工作日以内: a time that is tracked
		if m.qual == qNone && m.end == m.unitEnd && m.end < len(t) && t[m.end] == '内' && (m.end+1 == len(t) || !isHan(t[m.end+1])) {
			m.qual, m.end = qUnder, m.end+1 // 压缩至10个自然日内: within, as 以内
		}
	}
	if stageReached(t, m) || peopleAtLeast(t, m) || tracked || personsCounted(t, m) {
		// 从一个月以上压缩到: 以上 before the verb that changes the time, not a class
		m.class = false
	}
	if m.unitClass == unitTime || m.unitClass == unitName || m.class && m.unitClass != unitPercent && !countsItself(m.unit) {
		// a percentage with 以上 before a noun is a share of it (85%以上农户参与, 覆盖80%以上的农村中小学:
		// gold5), and 300个以上精品示范村 counts the villages; 10亿元以上项目, 30户以上自然村寨 are classes
		return Fact{}, false
	}
	if m.unit != "" && m.unitEnd < len(t) && t[m.unitEnd] == '级' {
		return Fact{}, false // 30万吨级航道, 1000千瓦级机车: a size class
	}
	if packageCounted(t, m) {
		return Fact{}, false // 出台“科技成果转化16条”, 等10个配套文件, 12类55件: a package or its groups (tail.go)
	}
	if capacityInName(t, m) {
		return Fact{}, false // 吉化120万吨乙烯项目, 7个750千伏输变电工程: a size class in a name (tail.go)
	}
	if sizeClassNamed(t, m) {
		return Fact{}, false // 20户及以上自然村, 跻身500亿元行列, 时速120公里路段: a class (tail.go)
	}
	if m.unit == "个" && hasPrefixAt(t, m.unitEnd, "方面") || hasPrefixAt(t, m.end, "群体") || m.unit == "条" && policyAfter(t, m.end) ||
		(m.unit == "条" || m.unit == "项") && policyBefore(t, m.start) || m.unit == "个" && stepsAfter(t, m.end) ||
		m.unit == "条" && policyNamed(t, m.start, m.end) || m.unit == "项" && itemsIssued(t, m.start, m.end) {
		return Fact{}, false // 以下十个方面: the parts of a list; 20-60万元群体: a class; 30条措施: a policy's name
	}
	if m.unit == "岁" && ageClassAfter(t, m.end) ||
		m.chinese && (m.unit == "项" || m.unit == "件") && programAfter(t, m.end) {
		// 65岁及以上老年人, 3岁以下婴幼儿: an age class; 十项重点民生实事: a program's name (gold6)
		return Fact{}, false
	}
	if m.unit == "番" && (m.numStart == 0 || t[m.numStart-1] != '翻' && !(m.numStart > 1 && t[m.numStart-1] == '了' && t[m.numStart-2] == '翻')) {
		return Fact{}, false // 一番努力; 翻两番的目标 is a fact (testdata/DECISIONS.md (e), gold10 070)
	}
	if nameBefore(t, m.numStart) {
		return Fact{}, false
	}
	if m.end < len(t) && (t[m.end] == '+' || t[m.end] == '》') || m.unit == "" && nameAfter(t, m.numEnd) {
		return Fact{}, false
	}
	if m.chinese {
		if m.numStart > 0 {
			switch t[m.numStart-1] {
			case '数', '几', '上', '成', '若', '好', '“', '"', '《', '”': // “水地煤油气风光电氢硅”十篇大文章: a slogan
				return Fact{}, false
			}
		}
		if m.numEnd < len(t) && (t[m.numEnd] == '几' || t[m.numEnd] == '”') {
			return Fact{}, false
		}
		if m.value < 10 && m.unitClass != unitPercent && m.unitClass != unitPoints && !m.mag && m.unit != "番" && !(m.unit == "倍" && timesGrown(t, m.numStart)) && !tracked &&
			!(m.unit == "项" && resultsAfter(t, m.end)) {
			// 四个示范区, 一批, 两大方向: structural or vague; 提高一个百分点 is a change (gold8 061)
			return Fact{}, false
		}
	}
	if inTitle(t, m.numStart) || inShortQuote(t, m.numStart, m.end) {
		return Fact{}, false
	}
	// pre-qualifier written next to the number
	qual := m.qual
	if q, ok := preQualifiers.endingAt(t, m.numStart, 5); ok {
		st := m.numStart - len(q.w)
		if !(q.s == "近" && st > 0 && (t[st-1] == '最' || t[st-1] == '附' || t[st-1] == '靠' || t[st-1] == '邻' || t[st-1] == '临')) {
			if !verbQualifier(q.s) { // 突破9500公里: the verb stays outside the span
				m.start = st
			}
			if qual == qNone {
				qual = q.tag
			}
		}
	}
	// the mention's sentence as read: back to its start or maxLookBack runes;
	// the real start (realSent) tells which facts share a subject
	realSent := x.sentenceStart(t, m.start)
	sent := max(realSent, m.start-maxLookBack)
	clause := clauseStart(t, m.start, sent)
	if m.numStart > 0 && t[m.numStart-1] == '每' || rateBaseVerb(t, m.numStart) {
		// 最低收购价平均每50公斤提高7.4元, 每10万人45台: the base of a rate, not a fact (gold8 052)
		return Fact{}, false
	}
	if groupCounted(t, m) {
		return Fact{}, false // 17个重点传统制造业增加值增长8%: the group the figure is about (testdata/DECISIONS.md (k))
	}
	if countsItself(m.unit) && qual == qNone && !m.hasMax && m.start == m.numStart && listCounted(t, m.numStart, m.value) {
		// 长白山、三江、吉光3个省实验室: the count names the list before it (testdata/DECISIONS.md (g))
		return Fact{}, false
	}
	if m.unit == "位" && rankAt(t, sent, m.numStart, m.end) {
		return Fact{}, false // 降幅居全国前5位, 创新能力排名上升5位: a rank, not a count (gold8)
	}
	if spellsOut(t, sent, m.start) {
		return Fact{}, false // “3”是广州、深圳、珠海3个A类飞行服务站: a scheme's name spelled out
	}
	if streakThreshold(t, clause, m.numStart, qual) {
		return Fact{}, false // 连续8年稳定在1300亿斤以上: a bound held over a streak (testdata/DECISIONS.md (d); tail.go)
	}
	for k := clause; k < m.start; k++ {
		if w, ok := hypoWords.at(t, k); ok && k+len(w.w) <= m.start {
			if w.tag == 1 || k+len(w.w)+3 >= m.start {
				return Fact{}, false // 比如30%, 连续6年
			}
		}
	}
	unit := m.unit
	counted := m.noun // the unit is a counted noun written after the number
	if unit == "" {
		// 分别提高11.1、11.2个百分点, 净减少10.6万、3.8万、3.3万平方公里: a list whose
		// unit is written once, on its last item
		if u, cls, ok := sharedUnitAfter(t, m.end); ok {
			if cls != unitCount && cls != unitPercent && cls != unitPoints {
				return Fact{}, false // 1、2号机组, 2023、2024年
			}
			unit, m.unit, m.unitClass = u, u, cls
		}
	}
	if unit == "" {
		switch {
		case !m.mag:
			if indexBefore(t, clause, m.start) {
				break // 两化融合指数达到92: an index has no unit (gold8 019)
			}
			if !ratioBefore(t, clause, m.start) {
				return Fact{}, false // a bare number: a code, a name or a count without a noun
			}
			unit, m.unit = "倍", "倍" // 收入倍差从2.37缩小到1.94: a ratio in times
		case m.bare && !hasWord(moneyWords, t, sent, m.start): // 超千亿产业集群: a class
			return Fact{}, false
		default:
			var e int
			if stepReached(t, m.start, m.end) {
				unit = "元" // 稳步踏上3万亿台阶: money written without 元 (testdata/DECISIONS.md (c))
			} else if unit, e = nounAfter(t, m.end); unit != "" {
				m.end = e // 6069万农民: the counted noun is the unit
				counted = true
			} else if unit = nounBefore(t, m.start, m.end); unit != "" {
				// 新增移动通信用户3.4亿: the noun before
			} else if unit = personsBefore(t, clause, m.end, m.start); unit != "" {
				// 农村贫困人口减少1386万, 旅居人数达389.75万: people
			} else if sizeClassAfter(t, m.end) && personsBefore(t, clause, len(t), m.start) != "" {
				return Fact{}, false // 城区人口超50万县: a size class of what follows
			} else if hasWord(moneyWords, t, sent, m.start) {
				unit = "元"
			} else {
				return Fact{}, false
			}
		}
	}
	if math.IsInf(m.value, 0) || math.IsNaN(m.value) || m.hasMax && (math.IsInf(m.max, 0) || math.IsNaN(m.max)) {
		return Fact{}, false
	}
	if unit == "%" && m.value > 100000 {
		return Fact{}, false
	}
	kind, kindWhy, kindCue := x.kindAt(t, sent, m.start, m.end)
	if unit == "人口" && nationAttribute(t, m.end) {
		// 在我们这样一个13亿人口的发展中国家，要扩大城乡就业: the country's population, a state (gold6 055)
		kind, kindWhy, kindCue = KindActual, WhySentence, x.cues.get(t, m.end, min(m.end+4, len(t)))
	}
	metric, sign := metricAt(t, clause, m.start, m.unit)
	if metric == MetricLevel {
		metric, sign = growthAfter(t, m.end, metric, sign)
		if metric == MetricLevel && unit == "%" {
			if sg := raisedBy(t, m.start, m.end); sg != 0 {
				metric, sign = MetricGrowth, sg // 城乡低保分别按3%、7%稳步提标: the rate of a rise
			}
		}
	} else if counted && m.end < len(t) && isHan(t[m.end]) && !strings.ContainsRune("的和与及或", t[m.end]) {
		// 提高6000万农村人口供水保障水平: the verb changes what the people have, not
		// their number, which is a level (gold5)
		metric, sign = MetricLevel, 1
	}
	if metric == MetricLevel && unit == "%" {
		if sg := rateSubject(t, sent, clause, m.start, m.end); sg != 0 {
			metric, sign = MetricGrowth, sg // 居民消费价格涨幅回落到2.6%: the rate of a rise
		}
	}
	if listFollows(t, last, m.start, unit, m.unitClass == unitPercent || m.unitClass == unitPoints) {
		kind, metric, sign = last.kind, last.metric, 1
		kindWhy, kindCue = last.why, last.cue
		if last.neg {
			sign = -1
		}
	} else if metric == MetricLevel && last.metric == MetricGrowth && last.unit == unit && aspirationFollows(t, last, clause, m.start) {
		// 增长15%以上、力争达到20%: the figure striven for is the same change
		metric, sign = last.metric, 1
		if last.neg {
			sign = -1
		}
	} else if metric == MetricLevel && last.metric == MetricGrowth && last.unit == unit && itemFollows(t, last, clause) {
		// 减少财政支出3500亿元左右、行政经费约2000亿元: the verb governs both items
		metric, sign = last.metric, 1
		if last.neg {
			sign = -1
		}
	}
	from := startingValue(t, m.start, m.end)
	if from && kind != KindActual && !plannedBefore(t, m.start) {
		// 起征点从月销售额10万元提高到15万元, 补助标准由每人每年240元提高到280元: the value a
		// change of plan starts from is the standing one, actual (gold6 DECISIONS 055; every
		// starting value of the dev gold is actual but 由原定…百分之六, a plan itself)
		k := m.start - 1
		for k > sent && t[k] != '从' && t[k] != '由' {
			k--
		}
		kind, kindWhy, kindCue = KindActual, WhySentence, x.cues.get(t, k, k+1)
	}
	if rm, rs, ok := respectiveMetric(t, clause, m.start); ok {
		metric, sign = rm, rs // 城镇调查失业率、居民消费价格涨幅分别控制在5%和3%以内: 5% is the rate's
	}
	if qual == qNone && stepReached(t, m.start, m.end) {
		qual = qOver // 迈上14万亿元新台阶: a step reached, over (testdata/DECISIONS.md (c)), as 突破…大关
	}
	if qual == qNone {
		// 约占…的30%: a hedge not next to the number
		for k := clause; k+1 < m.start; k++ {
			if t[k] == '约' && strings.ContainsRune("占为是有合达", t[k+1]) {
				qual = qAbout
				break
			}
		}
	}
	f := Fact{
		Kind:      kind,
		Metric:    metric,
		Value:     sign * m.value,
		Unit:      unit,
		Qualifier: resolveQual(qual, kind),
	}
	if m.hasMax {
		v := sign * m.max
		if sign < 0 {
			f.Value, v = v, f.Value
		}
		f.ValueMax = &v
	}
	var perWhy, perCue string
	f.Period, perWhy, perCue = x.period(t, sent, m.start, kind, metric)
	if f.Period != nil && kind == KindActual && x.ctx.headKind == mkTarget && (perWhy == WhyHeading || perWhy == WhyTasks) {
		if a := madeBefore(t, m.numStart); a >= 0 {
			// 持续推进已批建的3家省实验室, 重大水利工程已开工的57个项目要加快建设: in the tasks, things
			// marked as made before; the year they were made is untold (gold13 DECISIONS 1, gold10 049)
			f.Period, perWhy, perCue = nil, WhyMultiYear, x.cues.get(t, a, m.numStart)
		}
	}
	if f.Period != nil && perWhy != WhySentence {
		// 农民人均纯收入2300元…，比2009年提高92% in the review of 2011: a change over two years,
		// no period (gold8 DECISIONS), as when the sentence names the later year (比1995年增长69% said of 2000)
		if b, bp := comparedYear(t, clause, m.start); b > 0 && len(*f.Period) >= 4 {
			if y, err := strconv.Atoi((*f.Period)[:4]); err == nil && b < y-1 {
				f.Period, perWhy, perCue = nil, WhyMultiYear, x.cues.get(t, bp-1, bp+5)
			}
		}
	}
	if f.Period != nil && metric == MetricGrowth && len(*f.Period) >= 4 && (perWhy == WhySentence || perWhy == WhyParagraph) {
		// 2007年，国内生产总值…比2002年增长65.5%…；全国财政收入…，增长1.71倍, 1992年同1987年相比，
		// 钢产量增长百分之四十二…。…铁路货运周转量增长百分之二十三: the changes of the sentence, or
		// of a paragraph a comparison opens, are over the years since the base (gold10 056, 070: null)
		b, bp := 0, 0
		if perWhy == WhySentence {
			b, bp = comparedYear(t, sent, m.start)
			if b > 0 && !x.ctx.headPast && bp < partStart(t, sent, m.start) {
				// a base written 比YYYY年 in an earlier ；-part spreads only in a review of several years (gold10 056);
				// in a report on one year the next part's changes are the year's (2024年，…比2020年增长30%；规上工业增加值增长7.5%)
				b = 0
			}
			if b == 0 {
				b, bp = comparedWithin(t, sent, m.start) // 1992年同1987年相比，…；原煤产量增长百分之二十: the frame of the sentence
			}
		} else if c := &x.ctx; c.carryCue[1] > 0 && c.carryCue[1]+7 <= len(t) {
			b, bp = comparedWithin(t, c.carryCue[1], c.carryCue[1]+7)
		}
		if y, err := strconv.Atoi((*f.Period)[:4]); err == nil && b > 0 && b < y-1 && !ownBase(t, clause, m.start) &&
			!(perWhy == WhySentence && deadlineIn(t, sent, m.start, y)) {
			f.Period, perWhy, perCue = nil, WhyMultiYear, x.cues.get(t, bp-1, bp+5)
		}
	}
	if f.Period != nil && from {
		// 国家外汇储备从1399亿美元增加到2864亿美元, 2002年…由4771公里增加到2.52万公里:
		// the state before the change has no period (gold6, gold8 DECISIONS; all 46
		// starting values of the dev gold are null) — 由1997年的123万公里 keeps its own year
		f.Period, perWhy, perCue = nil, WhyNone, ""
	}
	f.Why = Why{Period: perWhy, PeriodCue: perCue, Kind: kindWhy, KindCue: kindCue}
	f.Start, f.End = p.offs[m.start], p.offs[m.end-1]+1
	f.Text = x.text(t, sent, m.end)
	f.Subject = subjectOf(t, clause, prevEnd, realSent, m, metric, base, baseSent)
	return f, true
}

// sharedUnitAfter returns the unit written on the last item of a list of
// bare numbers that starts after a number ending at e: 、11.2个百分点, 、3.8万、3.3万平方公里, 和2028万人.
func sharedUnitAfter(t []rune, e int) (string, int, bool) {
	for k := e; k+1 < len(t) && (t[k] == '、' || t[k] == '和') && isDigit(t[k+1]); {
		n, ok := scanNumber(t, k+1)
		if !ok {
			return "", 0, false
		}
		j := n.end
		if j < len(t) && (t[j] == '多' || t[j] == '余') {
			j++
		}
		if j < len(t) && (t[j] == '%' || t[j] == '‰') {
			return string(t[j]), unitPercent, true
		}
		if u, ok := units.at(t, j); ok && !(len(u.w) == 1 && isUnitWord(t, j)) {
			return u.s, u.tag, true
		}
		k = j
	}
	return "", 0, false
}

// measureCounted reports a number of days or years that is itself the measure: 天数
// or 年限 (u, w) before it in the sentence (优良天数达到290天、增加19天, 平均受教育
// 年限从13.5年提高到14年).
func measureCounted(t []rune, i int, u, w rune) bool {
	for k := i - 1; k >= 1 && k >= i-20; k-- {
		if isSentenceEnd(t[k]) || t[k] == '；' {
			return false
		}
		if t[k] == w && t[k-1] == u {
			return true
		}
	}
	return false
}

// trackedDuration reports a length of time that a verb of change sets or
// changes (过境免签延长至240小时: gold5; 出关时间缩短至1.5小时以内, 重污染天气减少38天),
// so that it is a quantity, not a date or the duration of something.
func trackedDuration(t []rune, m *mention) bool {
	switch m.unit {
	case "小时", "个小时", "分钟", "天", "个工作日", "工作日", "个自然日", "自然日", "个日历日", "日历日":
	case "个月":
		// 企业开办时间从一个月以上压缩到…: only as the value a change starts from
		return durationFrom(t, m)
	default:
		return false
	}
	s := pastHedge(t, m.numStart)
	if s >= 2 && hasPrefixAnyAt(t, s-2, "最快", "最短") {
		return true // 三文鱼最快48小时可从捕捞地端上餐桌 (gold13 014): a best time achieved
	}
	if durationFrom(t, m) {
		return true
	}
	// 压缩到目前的平均4个工作日以内 (gold12 042): a few words of time or manner may stand between
	for gap := 0; gap <= 6 && s-gap > 0; gap++ {
		e := s - gap
		if gap > 0 && (!isHan(t[e]) || isClauseEnd(t[e])) {
			break
		}
		for _, w := range [...]string{"延长至", "延长到", "延长", "缩短至", "缩短到", "缩短", "压缩至", "压缩到", "压缩在",
			"缩至", "缩减", "减少", "增加", "控制在", "降至", "降到", "压减", "调整到", "调整至"} {
			if n := len([]rune(w)); e >= n && hasPrefixAt(t, e-n, w) && (gap == 0 || w[len(w)-3:] == "到" || w[len(w)-3:] == "至" || w[len(w)-3:] == "在") {
				return true
			}
		}
	}
	return false
}

// durationFrom reports a length of time after 从 or 由 that a verb of
// shortening or lengthening right after it (past 以上/以内/左右/多) changes: the
// value the change starts from (企业开办时间从一个月以上压缩到目前的平均4个工作日以内:
// gold12 042, actual, over).
func durationFrom(t []rune, m *mention) bool {
	s := pastHedge(t, m.numStart)
	if s < 1 || t[s-1] != '从' && t[s-1] != '由' {
		return false
	}
	e := m.unitEnd
	if hasPrefixAnyAt(t, e, "以上", "以内", "以下", "左右") {
		e += 2
	}
	return hasPrefixAnyAt(t, e, "压缩", "缩短", "缩减", "减少", "降至", "降到", "降低", "延长")
}

// verbQualifier reports qualifiers that are verbs: they set the qualifier
// but stay outside the span (GUIDELINE: 突破9500公里 → 9500公里).
func verbQualifier(s string) bool {
	switch s {
	case "突破", "破", "高于", "低于", "多于", "少于", "超出", "达到或超过":
		return true
	}
	return false
}

func resolveQual(q int, kind string) string {
	switch q {
	case qAbout:
		return QualAbout
	case qOver:
		return QualOver
	case qOverT:
		if kind == KindTarget {
			return QualAtLeast
		}
		return QualOver
	case qAtLeast:
		return QualAtLeast
	case qUnder:
		return QualUnder
	}
	return QualExact
}

// clauseStart returns the start of the clause holding position s: after the
// last clause punctuation or unclosed bracket, not before sent.
func clauseStart(t []rune, s, sent int) int {
	depth := 0
	for k := s - 1; k >= sent; k-- {
		r := t[k]
		switch {
		case r == '）' || r == ')':
			depth++
		case r == '（' || r == '(':
			if depth == 0 {
				return k + 1
			}
			depth--
		case isClauseEnd(r):
			return k + 1
		}
	}
	return sent
}

// inTitle reports a number inside 《…》.
func inTitle(t []rune, i int) bool {
	for k := i - 1; k >= 0 && k >= i-40; k-- {
		switch t[k] {
		case '》', '。', '\n':
			return false
		case '《':
			return true
		}
	}
	return false
}

// inShortQuote reports a number inside a short quotation: “5个中心”, “1+N”.
func inShortQuote(t []rune, i, e int) bool {
	open := -1
	for k := i - 1; k >= 0 && k >= i-6; k-- {
		if t[k] == '”' || isClauseEnd(t[k]) {
			break
		}
		if t[k] == '“' {
			open = k
			break
		}
	}
	if open < 0 {
		return false
	}
	for k := e; k < len(t) && k < e+6; k++ {
		if t[k] == '”' {
			return true
		}
		if isClauseEnd(t[k]) || t[k] == '“' {
			return false
		}
	}
	return false
}

func hasWord(lx lexicon, t []rune, from, to int) bool {
	for k := from; k < to; k++ {
		if w, ok := lx.at(t, k); ok && w.tag != 0 && k+len(w.w) <= to {
			return true
		}
	}
	return false
}

// nounAfter returns the counted noun after a number that has no measure
// word and where it ends: its head is the unit, the whole noun is in the span
// (6069万农民 → 农民; 近1400万农业转移人口 → 人口, 1亿多中小学生 → 学生:
// gold5/DECISIONS.md), or "".
func nounAfter(t []rune, j int) (string, int) {
	if j+1 >= len(t) || !isHan(t[j]) || !isHan(t[j+1]) {
		return "", j
	}
	if strings.ContainsRune("的和与及或以同比较增减降是为在到至等之多余左右上下个元万亿千百十并且而将已也还都再占达", t[j]) && !hasPrefixAt(t, j, "下岗") && !hasPrefixAt(t, j, "在校") || t[j+1] == '的' {
		return "", j
	}
	if _, ok := growthWords.at(t, j); ok {
		return "", j
	}
	if hasPrefixAnyAt(t, j, "台阶", "大关", "关口", "量级", "级别", "规模", "水平") {
		return "", j // 3万亿台阶: a threshold, not a count
	}
	// the counted noun as written, up to its head (63万失能老人, 17万应届大学生,
	// 960多万建档立卡贫困人口)
	e := j + 2
	if !strings.ContainsRune(headRunes, t[j+1]) {
		e = 0 // no head yet: 1亿多受过高等教育…的人才 is no counted noun
	}
	// the scan stops at a function word or the first rune of a common verb
	// (落户, 发展, 纳入, 成为, 实现, 参保, 享受, 得到, 通过, 受益, 提供 …) or 着 (承载着)
	k := j + 2
	for ; k < len(t) && k < j+10 && isHan(t[k]) && !strings.ContainsRune("的和与及或等在为是将已落发纳成实参享得获通受接提解稳共着", t[k]); k++ {
		if strings.ContainsRune(headRunes, t[k]) && !(k+1 < len(t) && strings.ContainsRune("籍院岸量", t[k+1])) {
			e = k + 1 // not 户籍, 庭院, 口岸, 力量
		}
	}
	if e == 0 && k < len(t) && k-j <= 3 && (t[k] == '和' || t[k] == '与' || t[k] == '及') {
		// 1700多万困难和重度残疾人, 80余万高龄和失能失智老年人: two modifiers of
		// one noun; the noun after them is counted (testdata/DECISIONS.md (h))
		if m := bigHead(t, k+1); m > 0 {
			return headNoun(t[j:m]), m
		}
	}
	if e == 0 {
		if !strings.ContainsRune(headRunes, t[j]) {
			return "", j
		}
		e = j + 2
	}
	return headNoun(t[j:e]), e
}

// bigHead returns the end of a known noun of people or households (headWords)
// that ends within the Han run of up to 8 runes from k, or 0.
func bigHead(t []rune, k int) int {
	for q := k + 2; q <= len(t) && q <= k+8 && isHan(t[q-1]); q++ {
		for _, l := range [...]int{3, 2} {
			if q-l >= k {
				if w, ok := headWords.exact(t[q-l : q]); ok && w.tag == l {
					return q
				}
			}
		}
	}
	return 0
}

// headNoun returns the head word of a counted noun: the known word it ends
// with (失能老人 → 老人, 农村沼气用户 → 用户, 下岗失业人员 → 人员), else the noun.
func headNoun(n []rune) string {
	if _, ok := headWords.exact(n); ok {
		return string(n) // 280万农牧民: the noun as written (testdata/DECISIONS.md (h)), not 牧民
	}
	for _, l := range [...]int{3, 2} {
		if len(n) > l {
			if w, ok := headWords.exact(n[len(n)-l:]); ok && w.tag == l {
				return w.s
			}
		}
	}
	return string(n)
}

// headWords end counted nouns of people and households; the tag is the length.
// 大学生: 17万应届大学生 → 大学生, 应届 a modifier (gold15 DECISIONS 2); 1亿多中小学生 stays 学生.
var headWords = newLexicon(map[string]int{
	"大学生": 3, "农牧民": 3, "农民工": 3, "残疾人": 3, "毕业生": 3, "劳动力": 3, "贫困户": 3, "低保户": 3, "老年人": 3, // 358万居家老年人 (gold12 023) "老年人": 3,
	"人口": 2, "人员": 2, "人民": 2, "居民": 2, "农民": 2, "牧民": 2, "市民": 2, "村民": 2, "学生": 2,
	"用户": 2, "老人": 2, "群众": 2, "家庭": 2, "农户": 2, "儿童": 2, "职工": 2, "工人": 2, "教师": 2,
	"儿女": 2, "员工": 2, "人才": 2, "干部": 2, "妇女": 2, "青年": 2, "游客": 2, "旅客": 2, "患者": 2,
	"孩子": 2, "家属": 2, "军人": 2, "官兵": 2, "学子": 2, "幼儿": 2, "婴儿": 2, "同胞": 2, "华侨": 2,
})

// headRunes end nouns of people and households counted without a measure
// word: 人, 民, 户, 员, 生, 工, 者, 师, 众, 女, 童, 体, 口, 庭, 属, 兵, 力, 子.
const headRunes = "人民户员生工者师众女童体口庭属兵力子"

// validKindMarker filters marker words that are part of other words.
func validKindMarker(t []rune, p int, w lexWord) bool {
	var prev, next rune
	if p > 0 {
		prev = t[p-1]
	}
	if e := p + len(w.w); e < len(t) {
		next = t[e]
	}
	switch w.s {
	case "将":
		return next != '近' && next != '军' && next != '领'
	case "要":
		// not 要求, a requirement (按照…部署要求)
		return !strings.ContainsRune("主重需只纲摘概首必想提扼紧简显政次不", prev) && !strings.ContainsRune("素点闻害件塞道求", next)
	case "上年", "去年":
		return !strings.ContainsRune("比较同于", prev) && next != '同'
	case "未来":
		// a time (未来五年, 未来，) — not 未来产业, 未来之城, 未来工厂
		return next == 0 || !isHan(next) || chineseDigit(next) >= 0 || strings.ContainsRune("几一的时十", next)
	case "拥有":
		// 拥有8个万亿元级产业集群 — not 专利拥有量, 每千人口拥有托位数
		return next != '量' && !(p >= 2 && hasPrefixAt(t, p-2, "人口"))
	case "计划", "规划":
		if p >= 1 && (t[p-1] == '比' || t[p-1] == '较') || p >= 3 && (t[p-3] == '比' || t[p-3] == '较') && (hasPrefixAt(t, p-2, "年初") || hasPrefixAt(t, p-2, "原定")) {
			return false // 比年初计划少了近500亿元: the plan is the base of a comparison (gold15 065)
		}
		return prev != '”' && prev != '"' && next != '单' && next != '生'
	case "已":
		return prev != '而' && prev != '不' && prev != '早'
	case "准备":
		return next != '金'
	case "年来":
		return !recordAfter(t, p+2) // 创10年来新高: a record, not a time
	case "预期":
		return !hasPrefixAt(t, p+2, "寿命") // 人均预期寿命达到78.5岁: life expectancy, a noun
	case "预计":
		// 比上年预计数增加439亿元: last year's estimated figure, the base (预计数字经济规模 is a projection)
		return next != '数' || hasPrefixAnyAt(t, p+3, "字", "据")
	case "任务":
		return prev != '”'
	case "目标":
		return (prev != '的' || next != '是') && !goalMet(t, p+2) // …落户目标顺利实现，城镇棚户区住房改造超过2100万套
	}
	return true
}

// goalMet reports a verb of meeting a goal right after 目标 ending at k, with at
// most a two-rune adverb before it: 目标顺利实现, 目标提前实现, 目标如期完成.
func goalMet(t []rune, k int) bool {
	for n := 0; n <= 2 && k+n < len(t) && isHan(t[k+n]); n++ {
		if hasPrefixAnyAt(t, k+n, "实现", "完成", "达成") {
			return true
		}
	}
	return false
}

// goalReached reports a clause that opens with 实现 (or 提前/顺利/如期/全面实现)
// and ends with the goal named at g, the number at s between them: 实现高职院校扩招
// 100万人目标 — not 提前一年实现三年引资1万亿元目标 (a goal over three years stays a
// target, gold9 011), nor 能够实现…目标, 没有实现…目标 (the verb does not open the clause).
func goalReached(t []rune, s, g int) bool {
	k := s - 1
	for k >= 0 && !isClauseEnd(t[k]) && !isSentenceEnd(t[k]) {
		k--
	}
	k++
	for _, a := range [...]string{"提前", "顺利", "如期", "全面"} {
		if hasPrefixAt(t, k, a) {
			k += 2
			break
		}
	}
	if !hasPrefixAt(t, k, "实现") {
		return false
	}
	for q := k + 2; q < g; q++ {
		if t[q] == '年' || t[q] == '的' {
			return false // 实现三年引资…目标, 实现…的目标: a plan's goal named
		}
	}
	return true
}

// kindAt decides target, actual or estimate for a mention at [s, e) of the
// sentence starting at sent, and why: the nearest marker word before it in
// its sentence, a year, else the context (a list, the year of the
// paragraph, the section).
func (x *extractor) kindAt(t []rune, sent, s, e int) (kind, why, cueText string) {
	c := &x.ctx
	op := x.openerAt(s)
	if s >= 2 && t[s-2] == '现' && t[s-1] == '行' {
		return KindActual, WhySentence, "现行" // 将…现行16%的税率降至13%: the rate in force (gold5)
	}
	if s >= 2 && t[s-2] == '发' && t[s-1] == '挥' || s >= 3 && t[s-3] == '发' && t[s-2] == '挥' && t[s-1] == '好' {
		// 发挥好9个国家区域医疗中心服务功能, 发挥10亿元…专项资金作用: the role of things that exist,
		// counted as they stand (gold13 DECISIONS 1; gold12 018, gold13 034)
		return KindActual, WhySentence, "发挥"
	}
	semi := false   // a ；passed: the parts before it are other statements
	clause := false // a clause end passed
	for p := s - 1; p >= sent; p-- {
		if t[p] == '；' {
			semi = true
		}
		if isClauseEnd(t[p]) {
			clause = true
		}
		if w, ok := kindMarkers.at(t, p); ok && w.tag != mkNone && p+len(w.w) <= s && validKindMarker(t, p, w) {
			if w.tag == mkEstimate && semi {
				// 预计产煤12.9亿吨，…；生产绿电超2000亿度: a projection governs its own ；-part only
				// (gold9 011, all 17 such facts actual; gold9 DECISIONS: the 预计 chain ends at ；)
				continue
			}
			if w.tag == mkTarget && c.headKind == mkActual && !strongTarget(w.s) {
				continue // 规划, 目标, 任务 in a review: nouns, not goals
			}
			if (w.s == "已" || w.s == "已经") && clause && c.headKind == mkTarget && newWorkClause(t, s) {
				// 持续推进已批建的3家省实验室…建设，加快…新组建3家以上省实验室，再布局建设30家: in the
				// tasks, 已 marks what exists in its own clause, not a later clause of new work (gold13 034)
				continue
			}
			if op != nil && p < op.start {
				break // the list's opener: its kind, below
			}
			if (w.s == "去年" || w.s == "上年") && p > 0 && (t[p-1] == '由' || t[p-1] == '从' || t[p-1] == '在' && baseFollows(t, p)) {
				if ownFigure(t, p, p+2, s) {
					return KindActual, WhySentence, w.s // 由去年的1076亿元…: the base is what was
				}
				continue // …增加到1562亿元: the base of a change, not the kind of what it goes to
			}
			if w.tag == mkTarget && (w.s == "将" || w.s == "要") && hasKind(t, sent, p, mkEstimate) {
				return KindEstimate, WhySentence, "预计"
			}
			return kindName(w.tag), WhySentence, w.s
		}
		// a clause opening with a past year: "；2021年完成投资596.3亿元"
		if y, ok := yearAt(t, p); ok && x.opt.Year > 0 && y < x.opt.Year && (p == sent || isClauseEnd(t[p-1])) {
			return KindActual, WhySentence, x.cues.get(t, p, p+5)
		}
	}
	lo := sent // where the mention's own words start: after a list's opener
	if op != nil && op.start > sent {
		lo = op.start
	}
	// 增长5%左右的预期目标: a marker after the number, in its clause or the
	// items of a 、-list that end with it (能耗降低4%左右、排放总量减少2%的目标),
	// not past a word of what is done (410个…攻坚县已有317个县实现目标)
	if k := taskAfter(t, e); k > 0 {
		if t[e-1] == '番' && taskDone(t, k+2) {
			// 比1980年翻两番的任务，已经超额完成: a doubling achieved is what was done (testdata/DECISIONS.md (e), own_066)
			return KindActual, WhySentence, x.cues.get(t, k, k+2)
		}
		return KindTarget, WhySentence, x.cues.get(t, k, k+2) // 超额完成国家下达的110万人年度任务: a plan figure
	}
	listed := false // past a 、: only a 的目标 closing the list counts
	for p := e; p < len(t) && p < e+maxLookBack && (!isClauseEnd(t[p]) || t[p] == '、'); p++ {
		if t[p] == '、' {
			listed = true
			continue
		}
		if w, ok := kindMarkers.at(t, p); ok && w.tag == mkActual && validKindMarker(t, p, w) {
			break
		}
		if hasPrefixAnyAt(t, p, "目标", "预期") && (!listed || t[p-1] == '的') {
			if t[p] == '目' && (goalMet(t, p+2) || c.headKind == mkActual && goalReached(t, s, p)) {
				// 落户目标顺利实现, 减少1/3行政审批事项的目标提前实现; in a review, 实现高职院校扩招100万人目标:
				// a goal reported met is what was done (gold9 044, gold10 049)
				return KindActual, WhySentence, x.cues.get(t, p, p+2)
			}
			return KindTarget, WhySentence, x.cues.get(t, p, p+2)
		}
		if hasPrefixAnyAt(t, p, "预计", "有望") && !listed {
			if t[p] == '有' && rankOrRecordAfter(t, p+2) {
				break // 增长8%有望保持全国前列, 出口额3000亿元有望创历史新高: the hope is for the rank or the record
			}
			if numberFollows(t, p+2) {
				break // 18个省级特色专业镇营业收入预计分别增长15.6%: 预计 governs the figures after it (gold8 019)
			}
			return KindEstimate, WhySentence, x.cues.get(t, p, p+2) // 10个旗县有望退出高风险等级 (gold9 011)
		}
	}
	// 今年 alone speaks of the plan for the year; 今年以来, 今年一季度,
	// 今年1-5月 of the part already gone
	for p := s - 1; p >= lo; p-- {
		if t[p] == '今' && hasPrefixAt(t, p, "今年") {
			k := p + 2
			if k < s && (hasPrefixAnyAt(t, k, "以来", "上半年", "前") ||
				hasPrefixAnyAt(t, k, "一季度", "第一季度") || isDigit(t[k]) || hasPrefixAt(t, k, "年初")) {
				return KindActual, WhySentence, x.cues.get(t, p, min(k+3, s))
			}
			return KindTarget, WhySentence, "今年"
		}
	}
	// a year: past years are actual, coming years (到2025年) targets
	for p := s - 1; p >= lo; p-- {
		if y, ok := yearAt(t, p); ok && p+5 <= s {
			if p > 0 && t[p-1] == '比' || horizonYear(t, p) {
				continue // 比2010年翻一番: the base of a comparison
			}
			if p > 0 && (t[p-1] == '到' || t[p-1] == '至') && (x.opt.Year <= 0 || y >= x.opt.Year) {
				return KindTarget, WhySentence, x.cues.get(t, p-1, p+5)
			} // 由1997年的5160元增加到2002年的7703元 in 2003: what was reached

			if x.opt.Year > 0 {
				if y < x.opt.Year {
					return KindActual, WhySentence, x.cues.get(t, p, p+5)
				}
				if y > x.opt.Year {
					return KindTarget, WhySentence, x.cues.get(t, p, p+5)
				}
			}
			break
		}
	}
	if op != nil {
		return kindName(op.kind), WhyList, op.text
	}
	if c.gloss > 0 {
		return KindActual, WhyNone, "" // a note defines a term: no section's kind
	}
	if c.listKind != mkNone {
		return kindName(c.listKind), WhyList, c.listCue
	}
	x.advanceCarry(t, sent)
	if c.carryMulti {
		if c.carryAhead {
			// 今后三年，…: targets over the years ahead, even under a review heading
			return KindTarget, WhyParagraph, x.cues.get(t, c.carryCue[0], c.carryCue[1])
		}
		// 过去五年，…国内生产总值从不到70万亿元增加到超过100万亿元: what was done
		// over the years the paragraph looks back on, also under a plan's targets
		return KindActual, WhyParagraph, x.cues.get(t, c.carryCue[0], c.carryCue[1])
	}
	if x.opt.Year > 0 {
		if y := c.carryYear; y > 0 && y != x.opt.Year {
			if y < x.opt.Year {
				return KindActual, WhyParagraph, x.cues.get(t, c.carryCue[0], c.carryCue[1])
			}
			return KindTarget, WhyParagraph, x.cues.get(t, c.carryCue[0], c.carryCue[1])
		}
	}
	if c.headKind != mkNone {
		why := WhyHeading
		if c.report {
			why = WhyReview
			if c.headKind == mkTarget {
				why = WhyTasks
			}
		}
		return kindName(c.headKind), why, c.heading
	}
	if c.report {
		return KindActual, WhyOpening, "" // a work report opens with the review
	}
	return KindActual, WhyNone, ""
}

// taskAfter returns the position of 任务 naming the figure ending at e as a
// task set (下达的110万人年度任务, 裁减军队员额20万的任务, “两个200万亩”任务),
// or 0. A count of tasks (157项改革任务, 12个任务, 十大任务) is no figure of one:
// the measure words of a count, where 人, 元, 亩, 万 give the task's size.
func taskAfter(t []rune, e int) int {
	if e == 0 || e >= len(t) || strings.ContainsRune("项条件批个类大次", t[e-1]) {
		return 0
	}
	k := e
	if t[k] == '”' || t[k] == '"' {
		k++
	}
	if hasPrefixAt(t, k, "的") {
		k++
	}
	if hasPrefixAt(t, k, "年度") {
		k += 2
	}
	if hasPrefixAt(t, k, "任务") {
		return k
	}
	return 0
}

// taskDone reports a task reported done after it, from t[k] to the end of the
// sentence: …的任务，已经超额完成, …任务提前实现.
func taskDone(t []rune, k int) bool {
	for end := k + maxLookBack; k < len(t) && k < end && !isSentenceEnd(t[k]); k++ {
		if t[k] == '要' || t[k] == '将' || hasPrefixAnyAt(t, k, "确保", "力争") {
			return false
		}
		if hasPrefixAnyAt(t, k, "完成", "实现") {
			return true
		}
	}
	return false
}

// strongTarget reports target markers that speak of the future even in a
// review: 明年, 今后, 未来, 届时.
func strongTarget(s string) bool {
	return s == "明年" || s == "今后" || s == "未来" || s == "届时"
}

func hasKind(t []rune, from, to, kind int) bool {
	for p := from; p < to; p++ {
		if w, ok := kindMarkers.at(t, p); ok && w.tag == kind && validKindMarker(t, p, w) {
			return true
		}
	}
	return false
}

func kindName(k int) string {
	switch k {
	case mkTarget:
		return KindTarget
	case mkEstimate:
		return KindEstimate
	}
	return KindActual
}

// isYearAt reports a year "dddd年" at t[p].
func isYearAt(t []rune, p int) bool {
	_, ok := yearAt(t, p)
	return ok
}

// yearAt reads a year "dddd年" at t[p].
func yearAt(t []rune, p int) (int, bool) {
	if p+4 >= len(t) || t[p+4] != '年' || p > 0 && isDigit(t[p-1]) {
		return 0, false
	}
	y := 0
	for k := p; k < p+4; k++ {
		if !isDigit(t[k]) {
			return 0, false
		}
		y = y*10 + int(t[k]-'0')
	}
	if y < 1900 || y > 2200 {
		return 0, false
	}
	return y, true
}

// metricAt decides level, growth or share for a mention at s with unit u,
// and the sign of a change.
func metricAt(t []rune, clause, s int, u string) (string, float64) {
	if u == "倍" {
		// 增长1.4倍 is a change (gold2 068); 是去年的6.27倍, 达到3倍 a level
		if g, sign := growthBefore(t, clause, s); (g == gwUp || g == gwDown) && growthGap(t, clause, s) <= 3 {
			return MetricGrowth, sign
		}
		return MetricLevel, 1
	}
	if u == "番" {
		return MetricGrowth, 1 // 翻一番: doubled
	}
	g, sign := growthBefore(t, clause, s)
	if g == gwDown && (u == "元" || u == "美元") && reliefBefore(t, clause, s) {
		return MetricLevel, 1 // 降低利息负担1.2万亿元: an amount of relief, as 减轻…负担 (testdata/DECISIONS.md (a))
	}
	if g == gwUp && u == "元" && incomeBrought(t, clause, s) {
		return MetricLevel, 1 // “以工代赈”带动群众增收8.5亿元: income brought to others, as relief given (testdata/DECISIONS.md (a))
	}
	if g == gwNone && u == "元" && longMoneyRaised(t, clause, s) {
		// 拟增加中央预算稳定调节基金1032亿元, 同时增加中央预算内经常性建设投资100亿元: a named
		// amount raised, a change (testdata/DECISIONS.md (f); gold10 056, 059), its noun longer than growthBefore reads
		return MetricGrowth, 1
	}
	if g == gwLevel && stockChange(t, clause, s, u) {
		// 全省经营主体达59.3万户、净增2万多户, 粮食播种面积4440万亩、新增202.9万亩: the change of
		// the stock whose level the clause before gives (gold10 038, gold9 022)
		return MetricGrowth, 1
	}
	if g == gwUp && countsItself(u) && addedCount(t, clause, s, u) {
		// 增加超350个行政村通双车道公路, 增加基础教育学位1.2万个, 增加了34个开放口岸: things added,
		// no stock named, a level as 新增 (testdata/DECISIONS.md (f); gold6 020, gold10 038, 070)
		return MetricLevel, 1
	}
	if g == gwUp && countsItself(u) && improvedCount(t, clause, s) {
		return MetricLevel, 1 // 提升100家县级特用供养机构服务水平: the count of things improved (gold12 026, 035)
	}
	switch g {
	case gwUp, gwUpNoun, gwDown, gwDownNoun:
		return MetricGrowth, sign
	}
	if g == gwNone && lessThanBase(t, clause, s) {
		return MetricGrowth, -1 // 全年货币发行还比年初计划少了近500亿元: short of the base by the amount (gold15 065)
	}
	if concentrationImproves(t, clause, s) {
		return MetricGrowth, -1 // PM2.5浓度改善5.1%: a concentration improves by falling
	}
	if pct := u == "%" || u == "个百分点"; g == gwNone && (pct || !countsItself(u)) && cutBefore(t, s, pct) {
		// 压减政府性基金项目30%, 内设机构精简四分之一: a percentage cut; 压减地下水开采量1.57亿立方米,
		// 精减行政编制115万人: a cut of a quantity — but not of capacity, work done (gold8 DECISIONS), nor
		// a count of the things taken out (项, 件, 个 …), work done as 废止71件, 关闭小煤矿1054处 (gold8 061, gold6 055)
		return MetricGrowth, -1
	}
	if hasWord(shareWords, t, clause, s) {
		return MetricShare, 1
	}
	if g == gwNone && (u == "个百分点" || u == "百分点") {
		for k := clause; k < s; k++ {
			if t[k] == '低' || t[k] == '少' {
				return MetricGrowth, -1
			}
		}
		return MetricGrowth, 1
	}
	return MetricLevel, 1
}

// incomeBrought reports an amount at s right after 增收 (增收节支) that an action
// brings about, named before it in the clause by 带动 or 促进: 带动群众增收8.5亿元
// (gold9 011), 促进增收节支19.9亿元 (gold13 031).
func incomeBrought(t []rune, clause, s int) bool {
	k := s
	if k >= 2 && t[k-2] == '节' && t[k-1] == '支' {
		k -= 2
	}
	if k < 2 || t[k-2] != '增' || t[k-1] != '收' {
		return false
	}
	for p := k - 3; p >= clause && p >= k-12; p-- {
		if hasPrefixAnyAt(t, p, "带动", "促进") {
			return true
		}
	}
	return false
}

// addedCount reports a count at s of things 增加 adds: 增加 (增加了) with only a
// hedge (超, 近, 约) or the noun of the things between, no word of quantity
// (数, 量, 率, 规模, 面积) and no base of a comparison in the clause (比上年增加36个
// is a change).
func addedCount(t []rune, clause, s int, u string) bool {
	for p := s - 2; p >= clause && p >= s-10; p-- {
		if t[p] == '增' && t[p+1] == '加' {
			noun := false
			for k := p + 2; k < s; k++ {
				if !isHan(t[k]) || strings.ContainsRune("数量率规模面积到至", t[k]) {
					return false
				}
				noun = noun || !strings.ContainsRune("了超近约", t[k])
			}
			if !noun && !nounAfterCount(t, s, u) {
				return false // 棚户区改造580万套，增加110万套: more than last year, a change
			}
			for k := clause; k < p; k++ {
				if t[k] == '比' || t[k] == '较' {
					return false
				}
			}
			return true
		}
		if !isHan(t[p]) {
			return false
		}
	}
	return false
}

// longMoneyRaised reports 增加 or 提高 eleven to sixteen runes before an amount
// at s with only Han runes between that name money (基金, 投资, 限额 …): the
// amount the named money is raised by. Not 用于…增加…工资1755亿元 (money
// allocated, gold8 061).
func longMoneyRaised(t []rune, clause, s int) bool {
	for p := s - 11; p >= clause && p >= s-16; p-- {
		if !hasPrefixAnyAt(t, p, "增加", "提高") {
			continue
		}
		for k := p + 2; k < s; k++ {
			if !isHan(t[k]) {
				return false
			}
		}
		if !hasWord(moneyWords, t, p+2, s) && !containsWord(t[p+2:s], "限额") {
			return false
		}
		for k := clause; k+1 < p; k++ {
			if t[k] == '用' && t[k+1] == '于' {
				return false
			}
		}
		return true
	}
	return false
}

// stockChange reports a clause opening with 新增 or 净增 right before the count
// at s, with no noun after the count, after a clause that ends with a figure
// in the same unit u: 经营主体达59.3万户、净增2万多户.
func stockChange(t []rune, clause, s int, u string) bool {
	if u == "" || clause < 3 || !hasPrefixAnyAt(t, clause, "新增", "净增") || !netChange(t, clause+2, s) {
		return false
	}
	if t[clause-1] != '、' && t[clause-1] != '，' || nounAfterCount(t, s, u) {
		return false
	}
	if k := clause - 2; k > 0 && (t[k] == '%' || t[k] == '％') {
		// 居民储蓄存款余额增长8.5%，新增4万多亿元: the stock's rate, then its change (gold6 048)
		for k--; k > 0 && (isDigit(t[k]) || t[k] == '.' || t[k] == '．'); k-- {
		}
		return k >= 1 && t[k-1] == '增' && t[k] == '长'
	}
	k := clause - 1 - utf8.RuneCountInString(u)
	if k < 1 || !hasPrefixAt(t, k, u) {
		return false
	}
	for k > 0 && strings.ContainsRune("万亿多余", t[k-1]) {
		k--
	}
	return k > 0 && isDigit(t[k-1])
}

// nounAfterCount reports a noun right after the count at s and its unit u
// (增加1万个错时共享停车位), not a qualifier (以上, 左右, 多) or punctuation.
func nounAfterCount(t []rune, s int, u string) bool {
	k := s
	for k < len(t) && (isDigit(t[k]) || t[k] == '.' || t[k] == '．' || strings.ContainsRune("万亿千百超近约多余", t[k])) {
		k++
	}
	k += utf8.RuneCountInString(u)
	return k < len(t) && isHan(t[k]) && !strings.ContainsRune("以左多余", t[k])
}

// improvedCount reports a count at s of things 提升 works on, not a number
// they rise by: 提升 (提升发展) right before it, or 提升 and a noun with no word of
// quantity between (建设提升村卫生室3500所, 提升100家…机构服务水平, 提升发展12个…集群)
// — not 提升高新技术企业数量100家.
func improvedCount(t []rune, clause, s int) bool {
	for p := s - 2; p >= clause && p >= s-10; p-- {
		if t[p] == '提' && t[p+1] == '升' {
			for k := p + 2; k < s; k++ {
				if !isHan(t[k]) || strings.ContainsRune("数量率规模到至了", t[k]) {
					return false
				}
			}
			return true
		}
		if !isHan(t[p]) {
			return false
		}
	}
	return false
}

// cutWords are verbs of cutting a stock (压减, 削减, 精简) that are not
// growth words: a cut is a negative change of what is cut (压减74%, 压减地下水开采量
// 1.57亿立方米), but 压减钢铁产能3000万吨 counts work done (gold8 DECISIONS). So are
// troops cut (裁军50万人, 裁减军队员额20万: gold15 065, gold10 060) and illiteracy
// wiped out (扫除青壮年文盲300万人左右: gold15 065, gold12 066), testdata/DECISIONS.md (a).
var cutWords = [...]string{"压减", "削减", "精简", "精减", "压缩", "裁减", "裁军", "扫除"}

// cutBefore reports a verb of cutting that governs the number at s from the
// start of its part of the sentence — across a 、-list of its objects
// (压减省部级以下论坛、节庆、展会活动58%), within 24 runes — with no other number
// between and not setting a level (压缩至6个工作日, 精简后为18个). Unless the
// number is a percentage, capacity or equipment cut (产能, 生产能力, 小火电, 小煤矿,
// 锅炉, 车辆: testdata/DECISIONS.md (a)) is not a change.
func cutBefore(t []rune, s int, percent bool) bool {
	capacity := false
	for k := s - 1; k >= 0 && k >= s-24; k-- {
		r := t[k]
		switch r {
		case '到', '至', '为', '达', '是', '后':
			return false
		case '产', '生', '小', '锅', '车':
			for _, w := range [...]string{"产能", "生产能力", "小火电", "小煤矿", "锅炉", "车辆"} {
				if hasPrefixAt(t, k, w) && headBefore(t, k+len([]rune(w)), s) {
					capacity = true // capacity or equipment taken out (testdata/DECISIONS.md (a)), as the noun of the amount
				}
			}
			continue
		case '压', '削', '精', '裁', '扫':
		default:
			if r != '、' && isClauseEnd(r) || isDigit(r) {
				return false
			}
			continue
		}
		for _, w := range cutWords {
			if hasPrefixAt(t, k, w) && k+2 <= s && !cutNounAt(t, k+2) {
				return percent || !capacity
			}
		}
	}
	return false
}

// cutNounAt reports the rest of a noun compound that a verb of cutting heads,
// at t[k]: 压缩空气储能 (gold3 018), 压缩机, 压缩天然气, 精简版 — not 压缩机构,
// 压减机关经费, where the verb governs its object.
func cutNounAt(t []rune, k int) bool {
	if hasPrefixAt(t, k, "机") {
		return !hasPrefixAnyAt(t, k, "机构", "机关", "机制")
	}
	return hasPrefixAnyAt(t, k, "空气", "天然气", "版")
}

// headBefore reports a noun ending at t[e] that is the noun of the amount at s:
// only a hedge or a sign stands between (压减燃煤锅炉1000台, 压减钢铁产能5000万吨左右),
// not a noun it modifies (压减党政机关车辆运行经费1.2亿元: the spending is cut).
func headBefore(t []rune, e, s int) bool {
	for k := e; k < s; k++ {
		if isHan(t[k]) && !strings.ContainsRune("约近超过逾共计累达了总再", t[k]) {
			return false
		}
	}
	return true
}

// reliefBefore reports 降低 or 减少 governing a burden written between it and
// the number at s (降低电力供应成本5.3亿元, 降低利息负担1.2万亿元, 减少企业税负3500亿元):
// the amount is the relief given to others, a level, as with 减轻…负担, 减税, 降费
// (testdata/DECISIONS.md (a); gold4 053, gold5 045, gold8 019, 046). A named
// quantity of one's own that falls (减少房贷利息支出约130亿元) stays a change, and
// so does a cost that falls by an amount after it (成本降低20元).
func reliefBefore(t []rune, clause, s int) bool {
	for p := s - 3; p >= clause && p >= s-12; p-- {
		if !(t[p] == '降' && hasPrefixAt(t, p, "降低") || t[p] == '减' && hasPrefixAt(t, p, "减少")) {
			continue
		}
		for k := p + 2; k+2 <= s; k++ {
			if hasPrefixAnyAt(t, k, "成本", "负担", "税负", "费用", "税费", "收费") {
				return true
			}
		}
		return false
	}
	return false
}

// reliefIn reports a word of relief given (减税, 降费, 退税, 让利, 减负, 减轻…负担)
// in t[a:s] (testdata/DECISIONS.md (a)).
func reliefIn(t []rune, a, s int) bool {
	for k := a; k < s; k++ {
		if hasPrefixAnyAt(t, k, "减税", "降费", "退税", "让利", "减负", "减轻") {
			return true
		}
	}
	return false
}

// netChange reports whether only 累计 and a hedge stand between 净增 (ending
// at k) and the number at s.
func netChange(t []rune, k, s int) bool {
	s = pastHedge(t, s)
	if s-k == 2 && hasPrefixAt(t, k, "累计") {
		return true
	}
	return s == k
}

// lessThanBase reports 少 (少了) right before the number at s, past a hedge, with
// 比 or 较 naming a base earlier in its clause: 比年初计划少了近500亿元 — not 至少,
// 减少 (a growth word), 多少.
func lessThanBase(t []rune, clause, s int) bool {
	k := pastHedge(t, s)
	if k > clause && t[k-1] == '了' {
		k--
	}
	if k-1 <= clause || t[k-1] != '少' || strings.ContainsRune("至减多缺稀", t[k-2]) {
		return false
	}
	for p := k - 2; p >= clause && p >= k-14; p-- {
		if t[p] == '比' || t[p] == '较' {
			return true
		}
	}
	return false
}

// concentrationImproves reports 改善 right before s of a concentration
// named earlier in the clause (PM2.5浓度改善5.1%).
func concentrationImproves(t []rune, clause, s int) bool {
	p := s - 2
	if p > clause && t[s-1] == '了' {
		p--
	}
	if p <= clause || !hasPrefixAt(t, p, "改善") {
		return false
	}
	for k := clause; k+1 < p; k++ {
		if t[k] == '浓' && t[k+1] == '度' {
			return true
		}
	}
	return false
}

// growthBefore finds the growth word governing a number at s.
func growthBefore(t []rune, clause, s int) (int, float64) {
	for p := s - 1; p >= clause && p >= s-10; p-- {
		w, ok := growthWords.at(t, p)
		if !ok || p+len(w.w) > s {
			continue
		}
		// a longer word starting a little before: 新增, 净增, 新增加
		for q := p - 2; q < p; q++ {
			if w2, ok2 := growthWords.at(t, q); ok2 && q >= 0 && q+len(w2.w) >= p+len(w.w) && q+len(w2.w) <= s {
				w, p = w2, q
				break
			}
		}
		if len(w.w) == 1 && p+1 < len(t) && (w.s == "降" && strings.ContainsRune("雨水雪", t[p+1]) || w.s == "增" && t[p+1] == '发') {
			// 14轮强降雨和7次编号洪水, 25轮强降水和10个台风: rain, a noun, not a fall (gold11 010, 020);
			// 国务院增发1000亿元财政债券: an issue of bonds, an amount issued (gold15 065, as gold8 025 增发国债项目资金)
			continue
		}
		gap := s - (p + len(w.w))
		if len(w.w) == 1 && gap > 2 {
			return gwNone, 1
		}
		if (w.s == "减碳" || w.s == "降碳") && pastHedge(t, s) == p+2 {
			return gwDown, -1 // 博鳌近零碳示范区减碳96.2%: carbon cut by a figure, a fall (gold13 028) — not 减污降碳, a slogan
		}
		if gap >= 3 && (w.tag == gwUp || w.tag == gwUpNoun) && containsWord(t[p+len(w.w):s], "贡献") {
			return gwNone, 1 // 工业对GDP增长贡献率45%: a rate, a level (gold5)
		}
		switch w.tag {
		case gwLevel:
			if w.s == "净增" && p > clause && netChange(t, p+len(w.w), s) {
				// 经营主体净增98万户, 耕地面积…净增累计超过170万亩: the net change of the stock
				// named before it (gold6 020, 026); 净增规上服务业企业3162家 counts what was added
				return gwUp, 1
			}
			return gwLevel, 1
		case gwUp, gwDown:
			if gap > 0 && (t[p+len(w.w)] == '到' || t[p+len(w.w)] == '至') {
				return gwLevel, 1
			}
		}
		if w.tag == gwDown || w.tag == gwDownNoun {
			return w.tag, -1
		}
		return w.tag, 1
	}
	return gwNone, 1
}

// periodAt finds the year or quarter a mention at s is about in its own
// sentence. why is WhySentence when the sentence names it (cue t[ca:cb]),
// WhyMultiYear when it speaks of several years, "" when it does not tell.
func (x *extractor) periodAt(t []rune, sent, s int) (period *string, why string, ca, cb int) {
	quarter, qa := 0, -1
	cmpYear := 0 // 比2019年同期: the base of a comparison two or more years back
	set := func(y, a, b int) (*string, string, int, int) {
		if y <= 0 {
			return nil, WhyNone, a, b
		}
		if cmpYear > 0 && cmpYear < y-1 {
			return nil, WhyMultiYear, a, b // a change over two or more years
		}
		if quarter == 0 {
			return yearString(y), WhySentence, a, b
		}
		v := strconv.Itoa(y) + "Q" + strconv.Itoa(quarter)
		if qa >= 0 {
			b = max(b, qa)
		}
		return &v, WhySentence, a, b
	}
	inClause, inPart := true, true // p is in the mention's clause, in its part of the sentence (up to ；)
	for p := s - 1; p >= sent; p-- {
		r := t[p]
		if isClauseEnd(r) {
			inClause = false
			if r == '；' || r == ';' {
				inPart = false
			}
		}
		if isDigit(r) {
			if y, ok := yearAt(t, p); ok {
				if baseYear(t, p) {
					continue // 是1997年的2.3倍, 1985年以来最高, 2010年不变价: a base, not the figures' year
				}
				if yearRangeEnd(t, p) {
					return nil, WhyMultiYear, p - 5, p + 5 // （2025—2027年）: several years
				}
				if !comparedAt(t, p) || ownFigure(t, p, p+5, s) {
					if p > 0 && (t[p-1] == '到' || t[p-1] == '至') {
						cmpYear = 0 // 到2020年…比2010年翻一番: a target for the year named
					}
					return set(y, p, p+5)
				}
				if inClause && (hasPrefixAt(t, p+5, "同期") || p > 0 && t[p-1] == '比') && (cmpYear == 0 || y < cmpYear) {
					cmpYear = y // 比1995年增长69% said of 2000: a change over five years
				}
			}
			continue
		}
		switch {
		case r == '季' && quarter == 0 && p > sent && hasPrefixAt(t, p, "季度"):
			k := p - 1
			if t[k] == '个' {
				continue
			}
			d := chineseDigit(t[k])
			if isDigit(t[k]) {
				d = int(t[k] - '0')
			}
			if k > 0 && t[k-1] == '第' {
				k--
			}
			if d >= 1 && d <= 4 && !(k > 0 && t[k-1] == '前') && !(comparedAt(t, k) && !ownFigure(t, k, p+2, s)) {
				quarter, qa = d, p+2
			}
		case r == '届' && hasPrefixAt(t, p, "届时") && (p == sent || isClauseEnd(t[p-1])):
			if y, _ := deadlineBefore(t, sent); y > 0 {
				return set(y, p, p+2)
			}
		case r == '今' && hasPrefixAt(t, p, "今明两年") && inPart:
			return nil, WhyMultiYear, p, p + 4 // 今明两年…: a target over two years (gold5)
		case r == '今' && hasPrefixAt(t, p, "今年"), r == '本' && hasPrefixAt(t, p, "本年"):
			return set(x.opt.Year, p, p+2)
		case r == '去' && hasPrefixAt(t, p, "去年"), r == '上' && hasPrefixAt(t, p, "上年"):
			if (comparedAt(t, p) || hasPrefixAt(t, p+2, "同期")) && !ownFigure(t, p, p+2, s) {
				continue
			}
			if r == '上' {
				return set(x.lastYear(), p, p+2)
			}
			return set(x.opt.Year-1, p, p+2)
		case r == '过' && hasPrefixAt(t, p, "过去一年"):
			return set(x.opt.Year-1, p, p+4)
		case r == '前' && hasPrefixAt(t, p, "前年"):
			return set(x.opt.Year-2, p, p+2)
		case r == '明' && hasPrefixAt(t, p, "明年"):
			return set(x.opt.Year+1, p, p+2)
		case r == '以' && hasPrefixAt(t, p, "以来") && inPart,
			// (每人每年, 每生每年6000元: part of a per-capita amount, gold11 020)
			r == '每' && hasPrefixAt(t, p, "每年") && inPart && !(p >= 2 && (t[p-2] == '每' || hasPrefixAnyAt(t, p-2, "人均", "生均", "户均"))),
			r == '年' && hasPrefixAt(t, p, "年来") && inPart && !(p > 0 && t[p-1] == '一') && !recordAfter(t, p+2), // 一年来: the past year
			r == '年' && hasPrefixAt(t, p, "年均") && inClause && !hasPrefixAt(t, p+2, "浓度"),
			r == '两' && hasPrefixAt(t, p, "两年平均") && inClause:
			if r == '以' && p >= 2 && hasPrefixAt(t, p-2, "今年") {
				return set(x.opt.Year, p-2, p+2)
			}
			n := 2
			if r == '两' {
				n = 4
			}
			return nil, WhyMultiYear, p, p + n
		case r == '年' && inClause && p+1 < len(t) && t[p+1] == '前' && yearsAgo(t, sent, p):
			return nil, WhyMultiYear, p - 1, p + 2 // 较五年前下降1.5个百分点, 是十年前的3倍, 较3年前增长44%: a change over those years
		case r == '年' && inPart && p > sent && (chineseDigit(t[p-1]) >= 2 || t[p-1] == '十' || isDigit(t[p-1]) && t[p-1] >= '2') &&
			(hasPrefixAt(t, p+1, "时间") || inClause && p >= 3 && hasPrefixAt(t, p-3, "连续")) && !(p >= 4 && isDigit(t[p-4])):
			return nil, WhyMultiYear, p - 1, p + 1 // 用三年时间…, 连续三年累计投入…: over years (gold5 057)
		case r == '年' && inClause && p > sent && (chineseDigit(t[p-1]) >= 2 || t[p-1] == '十' || isDigit(t[p-1]) && t[p-1] >= '2') &&
			(hasPrefixAnyAt(t, p+1, "共", "累计", "合计", "间") ||
				hasPrefixAnyAt(t, p+1, "内", "增长", "增加")) &&
			!(p >= 4 && isDigit(t[p-4])):
			return nil, WhyMultiYear, p - 1, p + 1 // 五年共计12319亿元, 五年累计, 五年间, 五年增长1倍: over years
		case (r == '过' || r == '近' || r == '今' || r == '未') && inPart:
			if n := multiYearAt(t, p); n > 0 {
				return nil, WhyMultiYear, p, p + n
			}
		case r == '年' && inPart && p > sent:
			if k := yearsOpenPart(t, sent, p); k >= 0 && !standingAt(t, p, s) {
				return nil, WhyMultiYear, k, p + 1 // 五年全国公路建设投资12343亿元, 五年内，全国造林面积…: over years
			}
			if k := yearsInClause(t, p); inClause && k >= 0 && !standingAt(t, p, s) {
				return nil, WhyMultiYear, k, p + 1 // …，五年转移农村人口8463万人, 中央财政五年支出551亿元
			}
		}
	}
	if quarter > 0 {
		return set(x.sectionYear(t, sent), qa-3, qa)
	}
	return nil, "", 0, 0
}

// sectionYear is the year of a quarter named with no year of its own
// (四季度新建商品房网签销售面积…增长51.3%): the year set earlier in the paragraph,
// else the section's — in a work report's review the year reviewed (gold15 020:
// 2024Q4 in the 2025 report) —, else the document's.
func (x *extractor) sectionYear(t []rune, sent int) int {
	c := &x.ctx
	x.advanceCarry(t, sent)
	switch {
	case c.carryYear > 0 && !c.carryMulti:
		return c.carryYear
	case c.headYear > 0 && !c.headPast:
		return c.headYear
	case c.report && x.opt.Year > 0 && c.headKind == mkActual && !c.headPast:
		return x.opt.Year - 1
	}
	return x.opt.Year
}

// deadlineBefore returns the year of the last deadline (到2020年) named in
// the paragraph before sent, at most 300 runes back, that 届时 (then) at the
// start of a sentence refers to (到2020年，…。届时，我国经济总量超过90万亿元:
// gold15 048), and where it is; 0 if none.
func deadlineBefore(t []rune, sent int) (int, int) {
	for p := sent - 6; p >= 1 && p >= sent-300; p-- {
		if (t[p-1] == '到' || t[p-1] == '至') && isDigit(t[p]) {
			if y, ok := yearAt(t, p); ok {
				return y, p
			}
		}
	}
	return 0, 0
}

// yearsOpenPart returns where a count of years in Chinese numerals (two or
// more) ending with 年 at t[p] starts when it opens its sentence, its part of
// one (after ；) or a clause (after ，): 五年全国公路建设投资12343亿元, 五年内，全国造林面积2787万公顷,
// 五年建成新线5944公里, …取得新成就，五年全社会固定资产投资完成26000亿元 — the figures after it are totals over those years
// (all such dev gold facts are null), not 五年级 or 五年规划; else -1.
// yearsAgo reports a count of two or more years at t[:p] (年 at t[p], 前
// after it) that a comparison is made with: 较五年前, 比五年前, 是十年前的,
// 较3年前, 相当于5年前 — the base of a change over those years (gold12 042,
// gold11 053, gold13 020: null), not 一年前 nor a date (2019年前).
func yearsAgo(t []rune, sent, p int) bool {
	k := p
	for k > sent && p-k < 2 && (isDigit(t[k-1]) || chineseDigit(t[k-1]) >= 0 && t[k-1] != '〇' || t[k-1] == '十') {
		k--
	}
	if k == p || p-k == 1 && (chineseDigit(t[k]) == 1 || t[k] == '1' || t[k] == '0') || k == sent || k > sent && isDigit(t[k-1]) {
		return false
	}
	return strings.ContainsRune("比较是于", t[k-1])
}

// rankOrRecordAfter reports a rank or a record in the clause from t[k] (有望
// 保持全国前列, 有望创历史新高, 有望进入全国前十): what is hoped for is the place,
// not the figure before it, which is reported.
func rankOrRecordAfter(t []rune, k int) bool {
	for ; k < len(t) && !isClauseEnd(t[k]); k++ {
		if hasPrefixAnyAt(t, k, "前列", "前茅", "新高", "纪录", "记录", "第一", "首位", "前十", "前三", "前五", "领先", "排名", "位次") {
			return true
		}
	}
	return false
}

// yearsNamed holds the runes after N年 that make it a name, a time before or
// after, or a bound rather than a count of years the figures cover: 五年级,
// 五年规划, 三年行动, 九年义务教育, 九年一贯制, 三年以上, 五年前/后, 三年来 (review).
const yearsNamed = "级计规代度底初末前后行制义期一来以"

func yearsOpenPart(t []rune, sent, p int) int {
	k := p
	for k > sent && (chineseDigit(t[k-1]) >= 0 || t[k-1] == '十') {
		k--
	}
	if k == p || p-k == 1 && chineseDigit(t[k]) < 2 || p+1 < len(t) && strings.ContainsRune(yearsNamed, t[p+1]) {
		return -1
	}
	if k > sent && t[k-1] != '；' && t[k-1] != ';' && t[k-1] != '，' && t[k-1] != ',' {
		return -1
	}
	return k
}

// standingAt reports a figure at s that states where things stand at the end
// of the years counted from p, not a total over them: the end value of a
// from–to (城镇化率由45.9%提高到52.6%: gold9 051) or a figure said of now
// (现已吸纳农村劳动力1亿多人: gold10 070).
func standingAt(t []rune, p, s int) bool {
	k := pastHedge(t, s)
	for n := 2; n <= 3; n++ {
		if k-n > p {
			if w, ok := growthWords.exact(t[k-n : k]); ok && w.tag == gwLevel && strings.ContainsRune("到至为", w.w[len(w.w)-1]) {
				return true
			}
		}
	}
	for q := k - 2; q > p; q-- {
		if isClauseEnd(t[q]) {
			break
		}
		if hasPrefixAnyAt(t, q, "现已", "现在", "目前") {
			return true
		}
	}
	return false
}

// yearsInClause returns where a count of years in Chinese numerals (two to
// ten or so) ending with 年 at t[p] starts, also inside the clause of the
// figures after it, where yearsOpenPart takes only one opening a clause:
// 中央财政五年支出551亿元, 省级财政五年统筹投入100亿元 — totals over those years
// (64 of the 68 dev gold facts after such a count in their clause are null;
// the 4 others follow 九年义务教育, a name, and 前三年, the years before) — not
// 第五年, 前三年, 每两年, 五年级, 五年规划, 三年行动, 五年前/后; else -1.
func yearsInClause(t []rune, p int) int {
	k := p
	for k > 0 && p-k < 2 && (chineseDigit(t[k-1]) >= 0 && t[k-1] != '〇' || t[k-1] == '十') {
		k--
	}
	if k == p || p-k == 1 && chineseDigit(t[k]) < 2 && t[k] != '十' || k > 0 && (chineseDigit(t[k-1]) >= 0 || strings.ContainsRune("第前每个近连", t[k-1])) ||
		p+1 < len(t) && strings.ContainsRune(yearsNamed, t[p+1]) {
		return -1
	}
	return k
}

// recordAfter reports a record named after 年来 at t[e] (投入强度创10年来新高,
// 增速6年来首次超过全国水平):
// a comparison with the years before, not a time the figures after it cover.
func recordAfter(t []rune, e int) bool {
	if e < len(t) && t[e] == '的' {
		e++
	}
	return hasPrefixAnyAt(t, e, "新高", "新低", "首次") || e < len(t) && t[e] == '最'
}

// yearRangeEnd reports a year at t[p] that ends a range of years: 2025—2027年,
// 2021-2025年, 1950年到1997年.
func yearRangeEnd(t []rune, p int) bool {
	if p < 5 || !isRangeDash(t[p-1]) {
		return false
	}
	q := p - 1 // the end of the first year
	if t[q-1] == '年' {
		q--
	}
	if q < 4 {
		return false
	}
	for k := q - 4; k < q; k++ {
		if !isDigit(t[k]) {
			return false
		}
	}
	return q < 5 || !isDigit(t[q-5])
}

// baseYear reports a year at t[p] (YYYY年) that another figure is measured
// against, so that it dates no figure but its own: the base of a multiple
// (是1997年的2.3倍, gold8 061 and 052: the figure compared takes the year of its
// sentence), the start of 以来 (1985年以来最高: gold8 052) and the base of
// constant prices (2300元（2010年不变价）).
func baseYear(t []rune, p int) bool {
	e := p + 5 // after 年
	switch {
	case p > 0 && t[p-1] == '是' && e < len(t) && t[e] == '的':
		return true
	case hasPrefixAt(t, e, "以来"), hasPrefixAt(t, e, "不变价"):
		return true
	case horizonYear(t, p):
		return true
	case spanYear(t, p):
		return true
	}
	return false
}

// spanYear reports a year at t[p] (YYYY年) in an enumeration of the years or
// plan periods a plan or a piece of work covers (制定2024年、2025年、“十五五”期间
// 实施重大项目“三张清单”: gold11 034; 绘制好2025年、“十五五”时期、到2035年…“三张图”;
// 开展2019年和2020年的GEP核算): it names the span of what is planned and dates
// no figure, neither its sentence's nor the rest of its paragraph's — unless
// the figures are given year by year (2022年、2023年分别增长…).
func spanYear(t []rune, p int) bool {
	e := p + 5
	switch {
	case e+1 < len(t) && strings.ContainsRune("、和及与", t[e]) && (isYearAt(t, e+1) || planNameAt(t, e+1)):
	case p >= 7 && strings.ContainsRune("、和及与", t[p-1]) && isYearAt(t, p-6):
	default:
		return false
	}
	for k := e; k < len(t) && k < e+24 && (t[k] == '、' || !isClauseEnd(t[k])); k++ {
		if t[k] == '分' && hasPrefixAt(t, k, "分别") {
			return false
		}
	}
	return true
}

// planNameAt reports a five-year plan's name at t[k], quoted or not:
// “十五五”, 十四五.
func planNameAt(t []rune, k int) bool {
	if k < len(t) && (t[k] == '“' || t[k] == '"') {
		k++
	}
	return k+2 < len(t) && t[k] == '十' && t[k+2] == '五' && strings.ContainsRune("一二三四五", t[k+1])
}

// madeBefore returns where 已 or 已经 opens a phrase 已X的 (X one to four Han
// runes) written right before the number at n (a hedge 近, 超 or 约 between):
// 已批建的3家, 已开工的57个, 已经谋划的近1400个 — or 已建成, 已开工, 已批建,
// 已投运, 已设立 right before it (已建成超1.6万个); else -1.
func madeBefore(t []rune, n int) int {
	k := n
	if k > 0 && (t[k-1] == '近' || t[k-1] == '超' || t[k-1] == '约') {
		k--
	}
	if k >= 3 && t[k-3] == '已' && hasPrefixAnyAt(t, k-2, "建成", "开工", "批建", "投运", "设立") {
		return k - 3 // 优化已建成超1.6万个户外劳动者“爱心驿站”的公益服务 (gold15 020)
	}
	if k == 0 || t[k-1] != '的' {
		return -1
	}
	for p := k - 2; p >= 0 && p >= k-7 && isHan(t[p]); p-- {
		if t[p] == '已' {
			if k-1-(p+1) < 1 || hasPrefixAt(t, p+1, "经") && k-1-(p+2) < 1 {
				return -1
			}
			return p
		}
	}
	return -1
}

// newWorkClause reports a clause, up to the number at s, that names new work:
// 新组建, 新建, 新增 (not 创新, 更新) or one opening with 再 (再布局建设).
func newWorkClause(t []rune, s int) bool {
	for p := s - 1; p >= 0 && !isClauseEnd(t[p]) && !isSentenceEnd(t[p]); p-- {
		if t[p] == '新' && (p == 0 || !strings.ContainsRune("创更革刷最重清", t[p-1])) {
			return true
		}
		if t[p] == '再' && (p == 0 || isClauseEnd(t[p-1])) {
			return true
		}
	}
	return false
}

// horizonYear reports a year at t[p] after 面向: the horizon of a plan named
// (部署启动面向2030年的科技创新重大项目, 编制面向2035年…规划), which dates no
// figure and sets no target of the sentence (gold13 047).
func horizonYear(t []rune, p int) bool {
	return p > 1 && t[p-2] == '面' && t[p-1] == '向'
}

// ownFigure reports a compared time word at t[p:e] whose own figure is the
// mention at s: 由上年的58.6%回落到…, 从2013年的1.76缩小到…, 由上年下降2.3%转为….
func ownFigure(t []rune, p, e, s int) bool {
	if e+1 == s && e < len(t) && t[e] == '的' {
		return true
	}
	if p > 0 && t[p-1] == '在' && s > e && baseFollows(t, s) {
		return true // 在去年布局5个点位基础上: a figure of the base itself
	}
	if p > 0 && (t[p-1] == '由' || t[p-1] == '从') && s >= e && s-e <= 4 {
		// 由2002年7703元增加到…, 从2004年人均每月700元提高到… (gold10 056, gold9 051)
		for k := e; k < s; k++ {
			if isClauseEnd(t[k]) || isDigit(t[k]) {
				return false
			}
		}
		return true
	}
	return false
}

// planPeriod reports a five-year plan named in the sentence of a mention at
// s (十四五): a target for the end of the plan, whose year the text does not name.
func planPeriod(t []rune, sent, s int) (int, bool) {
	for p := sent; p < len(t) && p < s+maxLookBack && (p < s || !isSentenceEnd(t[p])); p++ {
		if t[p] == '十' && p+2 < len(t) && t[p+2] == '五' && (t[p+1] == '四' || t[p+1] == '三' || t[p+1] == '五') {
			return p, true
		}
	}
	return 0, false
}

// presentWord reports 现在 or 目前 before a mention at s in its sentence: in
// news, a statement of the present, of the publication year.
func presentWord(t []rune, sent, s int) (int, bool) {
	for p := s - 2; p >= sent; p-- {
		if t[p] == '现' && t[p+1] == '在' || t[p] == '目' && t[p+1] == '前' {
			return p, true
		}
	}
	return 0, false
}

// accumulated reports 累计 in the clause of a mention at s: a total over the
// years, with no period unless its sentence names one. Its clause runs on
// across 、 (累计创建…产业园15个、…产业集群9个、…龙头企业122家), up to an item
// with a verb of its own (累计建成5G基站1.2万个、新增千兆光纤用户30万户).
func accumulated(t []rune, sent, s int) (int, bool) {
	for p := s - 1; p >= sent && p >= s-60; p-- {
		if isClauseEnd(t[p]) && (t[p] != '、' || ownVerbAt(t, p+1)) {
			return 0, false
		}
		if t[p] == '累' && hasPrefixAt(t, p, "累计") {
			return p, true
		}
	}
	return 0, false
}

// accumulatedOK reports accumulated's answer alone.
func accumulatedOK(t []rune, sent, s int) bool {
	_, ok := accumulated(t, sent, s)
	return ok
}

// itemVerbs open an item of a 、-list that has a verb of its own; not 改造,
// 建设, often a noun's first part there (累计诊断企业超6万家、改造项目5.6万余个).
var itemVerbs = newLexicon(map[string]int{
	"新增": 1, "新建": 1, "完成": 1, "解决": 1, "建成": 1, "实现": 1,
	"开通": 1, "创建": 1, "培育": 1, "引进": 1, "打造": 1, "增长": 1, "增加": 1, "提高": 1, "下降": 1,
	"减少": 1, "达到": 1, "突破": 1, "净增": 1,
})

// ownVerbAt reports an item at t[p] that opens with a verb of its own.
func ownVerbAt(t []rune, p int) bool {
	_, ok := itemVerbs.at(t, p)
	return ok
}

// period finds the period of a mention at s: its sentence, else the year set
// earlier in the paragraph, the list, the section heading or the genre.
func (x *extractor) period(t []rune, sent, s int, kind, metric string) (*string, string, string) {
	per, why, a, b := x.periodAt(t, sent, s)
	if why != "" {
		if why == WhyNone {
			return nil, why, ""
		}
		return per, why, x.cues.get(t, max(a, 0), min(b, len(t)))
	}
	c := &x.ctx
	x.advanceCarry(t, sent)
	if c.gloss > 0 && !c.carryMulti && c.carryYear == 0 {
		return nil, WhyNone, "" // a note defines a term: no section's year
	}
	switch {
	case c.carryMulti:
		if w, ok := x.periodEnd(t, sent, s, kind, metric); ok && !c.carryAhead {
			return w, WhyPeriodEnd, x.cues.get(t, c.carryCue[0], c.carryCue[1])
		}
		return nil, WhyMultiYear, x.cues.get(t, c.carryCue[0], c.carryCue[1])
	case c.carryYear > 0 && !(c.headPast && c.carryCue[0] < sent && !framesAt(t, c.carryCue[1]) && doneOverYears(t, sent, s, metric)) &&
		!(c.carryCue[0] < sent && metric != MetricShare && accumulatedOK(t, sent, s)):
		// (累计 in a later sentence than the paragraph's year: a total over the years, below —
		// 2024年，…。“全球服务商计划”累计引进201家企业: gold13 020, 028, gold12 DECISIONS)
		return yearString(c.carryYear), WhyParagraph, x.cues.get(t, c.carryCue[0], c.carryCue[1])
	case c.listKind != mkNone && c.listYear != 0:
		if c.listYear < 0 {
			return nil, WhyMultiYear, c.listCue
		}
		return yearString(c.listYear), WhyList, c.listCue
	}
	if a, ok := accumulated(t, sent, s); ok && metric != MetricShare {
		// (a share is a state, also of a total: 累计建成装机占电力总装机57.6% takes its year: gold8 039, gold6 055)
		return nil, WhyMultiYear, x.cues.get(t, a, a+2)
	}
	if s > 0 && (t[s-1] == '从' || t[s-1] == '由') {
		return nil, WhyNone, "" // 从63.2%提高到72.7%: the start of a change, its year untold
	}
	if c.news() && x.opt.Year > 0 {
		if a, ok := planPeriod(t, sent, s); ok && kind == KindTarget {
			return nil, WhyMultiYear, x.cues.get(t, a, a+3)
		}
		if a, ok := presentWord(t, sent, s); ok {
			return yearString(x.opt.Year), WhyPublished, x.cues.get(t, a, a+2)
		}
	}
	switch {
	case c.headPast:
		if w, ok := x.periodEnd(t, sent, s, kind, metric); ok {
			return w, WhyPeriodEnd, c.pastCue
		}
		return nil, WhyMultiYear, c.pastCue
	case c.headYear > 0:
		return yearString(c.headYear), WhyHeading, c.heading
	case c.report && x.opt.Year > 0 && c.headKind == mkActual:
		return yearString(x.opt.Year - 1), WhyReview, c.heading
	case c.report && x.opt.Year > 0 && (c.headKind == mkTarget || kind == KindTarget):
		return yearString(x.opt.Year), WhyTasks, c.heading
	case c.report && x.opt.Year > 0 && c.headKind == mkNone && kind == KindActual:
		// a work report's review before any heading (——经济运行稳中向好。…增长5.7%):
		// the year before the report, as under 一、2024年工作回顾
		return yearString(x.opt.Year - 1), WhyOpening, ""
	case c.news() && x.opt.Year > 0 && c.docYear > 0:
		return yearString(c.docYear), WhyDocument, c.docCue
	case c.news() && x.opt.Year > 0:
		return yearString(x.opt.Year), WhyPublished, ""
	}
	return nil, WhyNone, ""
}

// framesAt reports a year cue ending at e that sets the topic of what follows
// (刚刚过去的2017年，…): a comma right after it.
func framesAt(t []rune, e int) bool {
	return e < len(t) && (t[e] == '，' || t[e] == ',')
}

// doneWords are verbs of work done: a figure after them in its clause is
// what was added or done, over whatever years the text speaks of.
var doneWords = [...]string{"新增", "新建", "改建", "改扩建", "累计", "改造", "解决", "共计", "惠及", "转移", "淘汰", "治理",
	"精减", "清理", "废止", "修订"}

// doneOverYears reports a figure at s that is a change or work done — growth,
// or a level after a verb of work done in its clause (新建改建农村公路146.5万公里,
// 惠及1.6亿学生) — not a level reached (由4960万人减少到2820万人, 耕地面积保持在18.2亿亩).
// In a review of several years such a figure is a total over them (gold9 051,
// gold8 061, gold10 070: null), whatever year an earlier sentence named
// (2012年底，…人均住房面积…; 增加到2012年的1923亿元).
func doneOverYears(t []rune, sent, s int, metric string) bool {
	if metric == MetricGrowth {
		return true
	}
	if metric != MetricLevel {
		return false
	}
	a := s
	for a > sent && !isClauseEnd(t[a-1]) {
		a--
	}
	for k := a; k < s; k++ {
		for _, w := range doneWords {
			if hasPrefixAt(t, k, w) {
				if e := k + utf8.RuneCountInString(w); e < len(t) && (t[e] == '到' || t[e] == '至') {
					continue
				}
				return true
			}
		}
	}
	return false
}

// periodEnd gives the last year of the several years a work report looks
// back on (过去五年, 一、过去五年工作回顾) to an actual level reached at their
// end: 国内生产总值增加到121万亿元, 铁路营业里程达到12.1万公里, 高速公路通车里程超过
// 12万公里, 占世界60%以上 — also a rate reached (gold6 DECISIONS: 关税总水平从
// 9.8%降至7.4% takes 2022). Totals and changes over the years (新建改建农村公路
// 125万公里, 年均增长5.2%) keep no period, and so, by a separate rule, does a
// rate a policy sets (将…税率从17%降至13%). Years ahead (今后五年) never get one.
func (x *extractor) periodEnd(t []rune, sent, s int, kind, metric string) (*string, bool) {
	c := &x.ctx
	if !c.report || x.opt.Year <= 0 || c.headKind == mkTarget || kind != KindActual || metric == MetricGrowth ||
		!reachedAt(t, sent, s, metric) {
		return nil, false
	}
	if c.headYear > 0 {
		return yearString(c.headYear), true
	}
	return yearString(x.opt.Year - 1), true
}

// reachedAt reports a level at s (its hedge included) stated as reached:
// after a verb of reaching (增加到, 达到, 覆盖), after a subject and 超过
// (参保率超过80%), or a share (占世界60%以上) — not in a clause that sets a
// policy (将) or counts what was added or done (新增, 新建, 累计).
func reachedAt(t []rune, sent, s int, metric string) bool {
	if e := unitEndAt(t, s, "人口"); e > 0 && nationAttribute(t, e) {
		return true // 13亿多人口的大国实现了比较充分就业: the country as it stands at the end (gold8 046, gold6 042)
	}
	a := s // the clause, back to ，or ；(a 、-list shares its verb)
	for a > sent && !(t[a-1] == '，' || t[a-1] == ',' || t[a-1] == '；' || t[a-1] == ';' || isSentenceEnd(t[a-1])) {
		a--
	}
	flow, flowEnd := false, a // 新增, 新建…: what was added or done, whatever the verb (新建改建农村公路达到125万公里)
	for k := a; k < s; k++ {
		if t[k] == '将' && !hasPrefixAt(t, k, "将近") {
			return false
		}
		if w, ok := flowWords.at(t, k); ok {
			if w.tag == 2 {
				return false // 累计, 共计: a total
			}
			flow, flowEnd = true, k+len(w.w)
		}
	}
	for p := severalYearsAt(t, sent); p >= 0 && p < s; p = severalYearsAt(t, p+2) {
		if p+2 < len(t) && strings.ContainsRune("中内来间共累总，", t[p+2]) {
			return false // 五年中央财政用于科技的投入达到3406亿元: a total of the five years
		}
	}
	if reliefBefore(t, a, s) || reliefIn(t, a, s) {
		return false // 降低费用负担超过4000亿元, 减税降费超过…: relief given over the years, not a level reached (042)
	}
	if t[s] == '超' {
		// 高速铁路超过1.9万公里: a subject right before; 持续超过4% held all along
		return !flow && s > a && isHan(t[s-1]) && !(s >= 2 && (hasPrefixAnyAt(t, s-2, "持续", "保持") ||
			hasPrefixAnyAt(t, s-2, "稳定", "一直", "每年")))
	}
	if v, ok := reachVerbs.endingAt(t, s, 3); ok {
		// a level noun after the flow word makes it part of the subject:
		// 新增劳动力平均受教育年限…提高到14年 is a level reached (gold6 042)
		return !flow || levelNounIn(t, flowEnd, s-len(v.w))
	}
	return !flow && metric == MetricShare && s > a && t[s-1] != '的' && hasPrefixAt(t, a, "占")
}

// nationAttribute reports the words after N人口 that make the number the
// population of the country spoken of (13亿多人口的大国, 14亿多人口大国, 近14亿人口的
// 发展中大国, 13亿人口的发展中国家): a state, the country as it stands — every one of
// the five in the dev gold is an actual with the year reported on.
func nationAttribute(t []rune, e int) bool {
	if e < len(t) && t[e] == '的' {
		e++
	}
	if hasPrefixAt(t, e, "发展中") {
		e += 3
	}
	return hasPrefixAnyAt(t, e, "大国", "国家")
}

// unitEndAt returns the end of unit u written right after the number (and
// magnitude, 多, 余) starting at t[s], or 0.
func unitEndAt(t []rune, s int, u string) int {
	k := s
	for k < len(t) && k < s+12 && (isDigit(t[k]) || t[k] == '.' || chineseDigit(t[k]) >= 0 || bigUnit(t[k]) > 0 || smallUnit(t[k]) > 0 ||
		t[k] == '多' || t[k] == '余' || t[k] == '近' || t[k] == '约') {
		k++
	}
	if k > s && hasPrefixAt(t, k, u) {
		return k + len([]rune(u))
	}
	return 0
}

// levelNounIn reports a noun of a level (年限, 率, 水平, 比重, 比例) in t[a:b].
func levelNounIn(t []rune, a, b int) bool {
	for k := a; k < b; k++ {
		switch t[k] {
		case '率':
			return true
		case '年', '水', '比':
			if hasPrefixAnyAt(t, k, "年限", "水平", "比重", "比例") {
				return true
			}
		}
	}
	return false
}

// clauseText returns the sentence up to the end of the clause holding the
// mention, at most 80 runes, for people reading the output.
func clauseText(t []rune, sent, e int) string {
	a, b := clauseBounds(t, sent, e)
	return string(t[a:b])
}

// clauseBounds returns the span of clauseText, white space trimmed. A clause
// runs on for at most maxLookBack runes after e.
func clauseBounds(t []rune, sent, e int) (int, int) {
	end := e
	for end < len(t) && end < e+maxLookBack && !isClauseEnd(t[end]) {
		end++
	}
	if end < len(t) && isSentenceEnd(t[end]) {
		end++
	}
	start := sent
	if end-start > 80 {
		start = end - 80
		if start > e-20 && e-20 >= sent {
			start = e - 20
		}
		for k := start; k < e && k < start+30; k++ {
			if isClauseEnd(t[k]) {
				start = k + 1
				break
			}
		}
	}
	for start < end && unicode.IsSpace(t[start]) {
		start++
	}
	for end > start && unicode.IsSpace(t[end-1]) {
		end--
	}
	return start, end
}

// text returns clauseText, shared by the facts of one clause.
func (x *extractor) text(t []rune, sent, e int) string {
	a, b := clauseBounds(t, sent, e)
	if len(t) > 0 && &t[0] == x.textOf && a == x.textA && b == x.textB {
		return x.textS
	}
	x.textOf, x.textA, x.textB = nil, a, b
	if len(t) > 0 {
		x.textOf = &t[0]
	}
	x.textS = runesString(t[a:b])
	return x.textS
}

// subjectOf returns the shortest phrase naming what a mention measures: the
// clause before it (time words, markers and verbs stripped) and the noun
// after it; a clause with no subject of its own (同比增长4%, 约占全国的30%)
// takes the subject of the previous fact of the sentence.
func subjectOf(t []rune, clause, prevEnd, sent int, m *mention, metric string, base *string, baseSent *int) string {
	from := clause
	if prevEnd > from && prevEnd <= m.start {
		from = prevEnd
	}
	a, b := stripSubject(t, from, m.start)
	if b-a > 30 {
		a = b - 30
	}
	if a < b && (t[a] == '比' || t[a] == '较') {
		a = b // 比2019年同期增长8.5%: the subject is the one before
	}
	sa, sb := suffixNounAt(t, m.end)
	prevBase := ""
	if *baseSent == sent {
		prevBase = *base
	}
	switch {
	case a == b && sa == sb:
		return prevBase
	case sa == sb && prevBase != "" && (b-a <= 2 || t[a] == '占' || metric == MetricShare && hasPrefixAt(t, a, "占")):
		return prevBase + string(t[a:b])
	}
	// one string for the noun before and the noun after the mention
	var subj string
	switch {
	case sa == sb:
		subj = runesString(t[a:b])
	case a == b:
		subj = runesString(t[sa:sb])
	default:
		buf := make([]rune, 0, 64)
		buf = append(append(buf, t[a:b]...), t[sa:sb]...)
		subj = runesString(buf)
	}
	*base, *baseSent = subj, sent
	return subj
}

// stripSubject trims time words, markers, hedges and linking verbs from both
// ends of t[a:b].
func stripSubject(t []rune, a, b int) (int, int) {
	for a < b {
		if isSpace(t[a]) || t[a] == '，' || t[a] == '、' || t[a] == '：' {
			a++
			continue
		}
		if w, ok := subjLead.at(t, a); ok && w.tag != 0 && a+len(w.w) <= b {
			a += len(w.w)
			continue
		}
		if y, ok := yearAt(t, a); ok && y > 0 {
			a += 5
			if a < b && t[a] == '度' {
				a++
			}
			continue
		}
		if isDigit(t[a]) && a+1 < b && (t[a+1] == '月' || a+2 < b && isDigit(t[a+1]) && t[a+2] == '月') {
			for a < b && t[a] != '月' {
				a++
			}
			a++
			continue
		}
		break
	}
	for b > a {
		if w, ok := subjTrail.endingAt(t, b, 4); ok && w.tag != 0 && b-len(w.w) >= a {
			b -= len(w.w)
			continue
		}
		if isSpace(t[b-1]) {
			b--
			continue
		}
		break
	}
	// an opening quote with no closing one
	if a < b && t[a] == '“' && !containsRune(t[a+1:b], '”') {
		a++
	}
	return a, b
}

// suffixNoun returns the noun written after the unit (335个市级以上科研平台,
// 100多个城市), up to the clause end, or "".
func suffixNoun(t []rune, e int) string {
	a, b := suffixNounAt(t, e)
	return string(t[a:b])
}

// suffixNounAt returns the span t[a:b] of the noun after a mention ending at e.
func suffixNounAt(t []rune, e int) (int, int) {
	if e >= len(t) || !(isHan(t[e]) || t[e] == '“') {
		return e, e
	}
	if strings.ContainsRune("的和与及或以同比较增减降是为到至等之占并且而将已也还都再", t[e]) {
		return e, e
	}
	if _, ok := growthWords.at(t, e); ok {
		return e, e
	}
	k := e
	for k < len(t) && k < e+12 && !isClauseEnd(t[k]) && !isDigit(t[k]) && t[k] != '（' && t[k] != '(' {
		k++
	}
	s := k
	for s > e && (t[s-1] == '的' || isSpace(t[s-1])) {
		s--
	}
	return e, s
}
