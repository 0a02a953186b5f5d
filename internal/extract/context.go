package extract

import (
	"strconv"
	"strings"
)

// The document-context pass: what a reader keeps in mind while going
// through a document, paragraph by paragraph — its genre, the section it is
// in (heading, year, review or tasks), a year set earlier in the paragraph
// and a list opened by a colon. Facts take their period and kind from it
// when their own sentence does not say.

// Why says where a fact's period and kind come from: a code and the words of
// the text that decided (the cue). It holds no sentence for people; callers
// build that from the codes.
type Why struct {
	Period    string `json:"period"`
	PeriodCue string `json:"period_cue,omitempty"`
	Kind      string `json:"kind"`
	KindCue   string `json:"kind_cue,omitempty"`
}

// Codes of Why.Period and Why.Kind.
const (
	WhySentence  = "sentence"   // a word of the fact's own sentence: 2024年, 今年, 预计, 力争
	WhyParagraph = "paragraph"  // a year set earlier in the same paragraph
	WhyList      = "list"       // a list opened by a colon: 主要预期目标是：
	WhyHeading   = "heading"    // the section heading: 一、2024年工作回顾
	WhyReview    = "review"     // the review part of a government work report: the year before the report, actual
	WhyOpening   = "opening"    // a work report's opening, before any heading: its review, the year before the report
	WhyTasks     = "tasks"      // the targets and tasks of a work report: the report's year, target
	WhyMultiYear = "multi_year" // several years (过去五年, 以来, 年均, 累计, 两年平均; ahead: 今后三年): no period
	WhyPeriodEnd = "period_end" // a level reached at the end of several years reviewed: their last year
	WhyDocument  = "document"   // news: a year set in an earlier paragraph of the document
	WhyPublished = "published"  // news: a present-tense statement takes the publication year
	WhyNone      = "none"       // nothing tells: no period; kind actual by default
)

// maxCue bounds the runes of a cue (a heading or a list opener).
const maxCue = 24

// docContext is the state of the context pass.
type docContext struct {
	paras  int  // paragraphs seen (not duplicates)
	report bool // a government work report (政府工作报告)
	policy bool // a policy document (意见, 方案, 规划, 行动计划): targets with no year stay null

	// news: the year set by the last earlier paragraph that set one
	docYear int
	docCue  string

	heading  string // the current section heading, for Why
	headKind int    // mkActual under a review heading, mkTarget under tasks
	headYear int    // the year the heading names; 0 none
	headPast bool   // the heading speaks of several years (过去五年)
	// a review heading that names several years only in passing (一、过去一年和
	// 五年工作回顾, 一、…取得伟大成就的五年): the section turns to the several
	// years at the first paragraph that looks back on them (过去五年极不寻常…,
	// 五年年均增长5.2%); the one year before it
	headMixed bool
	pastCue   string // the words that speak of several years, for Why

	// a list opened by a paragraph ending with a colon, running on in the
	// paragraphs that follow
	listKind int
	listCue  string
	listYear int // the year set in the opener's paragraph

	glossary bool // under a heading of notes (名词解释): definitions, no section's year or kind

	// within the current paragraph
	gloss      int  // > 0: a note defining a term (9.“622”联农带农模式：…), the end of its term
	carryPos   int  // runes of the paragraph scanned for a year so far
	carryYear  int  // the year set earlier in the paragraph; 0 none
	carryMulti bool // the paragraph set several years (过去五年)
	carryAhead bool // …years ahead (今后三年，, 到2027年，): targets, never a level reached at their end, not the news' year
	carryCue   [2]int
	opener     []opener // lists opened inside the paragraph
	openersFor *para
}

// opener is a list opened by a colon inside a paragraph: its items run from
// start to end, across ；and 。, and are of kind.
type opener struct {
	start, end int
	kind       int
	text       string // the cue: 今年发展主要预期目标是
}

// headline takes a section heading (or the title).
func (c *docContext) headline(p *para, docYear int) {
	t := p.text
	if c.paras <= 3 && reportTitle(t) {
		c.report = true
		return
	}
	if c.paras <= 3 && isPolicyTitle(t) {
		c.policy = true
	}
	k := sectionKind(t)
	y, multi, ahead := headingYear(t)
	if ahead {
		// 二、今后五年的工作思路: the years ahead, targets with no year — never a
		// review of them; a review that also names them (…回顾和今后五年…) keeps its own
		if k == mkActual {
			multi = false
		} else {
			k = mkTarget
		}
	}
	if (k == mkTarget || k == mkActual) && y == 0 && !multi && namesPlanPeriod(t) {
		// 二、“十三五”时期主要目标任务: targets for the end of the plan, no year;
		// 一、“十一五”时期国民经济和社会发展的回顾: a review of the plan's five years —
		// flows and changes over them no year, levels reached the last year (gold11 053)
		multi = true
	}
	if !p.pattern && y == 0 && !multi {
		return // a plain headline of news: no section
	}
	if k == mkNone && c.report && y > 0 && y == docYear-1 && len(t) <= 20 {
		k = mkActual // 首先报告2001年的工作: the review of a work report
	}
	if k == mkNone && c.report && y == 0 && !multi && isTopHeading(t) {
		// a work report's top heading that names no year and no review or tasks
		// (一、牢记殷殷嘱托，在接续奋斗中新福建建设取得新成效): the first is the
		// review of the year before, the ones after it the work ahead
		k = mkTarget
		if c.headKind == mkNone {
			k = mkActual
		}
	}
	if k == mkNone {
		if !isTopHeading(t) || y == 0 && !multi {
			return // a sub-heading (（一）…): the section goes on
		}
		switch {
		case multi, docYear > 0 && y < docYear:
			k = mkActual
		default:
			k = mkTarget
		}
	}
	c.heading = cue(t, 0, len(t))
	c.headKind, c.headYear, c.headPast = k, y, multi
	c.headMixed = k == mkActual && y == 0 && !multi && severalYearsAt(t, 0) >= 0
	c.pastCue = c.heading
	c.listKind = mkNone
}

// reportTitle reports the title of a government work report: it ends with
// 政府工作报告, but for a subtitle (（全文）, ——2024年1月在…上) — not a news
// headline that names one (聚焦政府工作报告：这些民生数字与你有关, 政府工作报告里的民生账).
func reportTitle(t []rune) bool {
	k := -1
	for p := range t {
		switch t[p] {
		case '：', ':', '？', '?', '！', '，', '。':
			return false
		case '政':
			if hasPrefixAt(t, p, "政府工作报告") {
				k = p + 6
			}
		}
	}
	if k < 0 {
		return false
	}
	for k < len(t) && (isSpace(t[k]) || strings.ContainsRune("”\"》", t[k])) {
		k++
	}
	// the end, or a subtitle: （全文）, （摘要）, ——2024年1月14日在…会议上
	return k == len(t) || strings.ContainsRune("（(〔[—-", t[k])
}

// glossaryHeading reports the heading of a work report's notes on terms.
func glossaryHeading(t []rune) bool {
	return len(t) <= 40 && (runesContain(t, "名词解释") || runesContain(t, "名词注释"))
}

// glossEntry returns the end of the term of a note defining it: a paragraph
// opening with a number and a dot and naming the term before a colon
// (9.“622”联农带农模式：…, 36.城乡生活污水治理3个“三年行动”：…), or 0.
func glossEntry(t []rune) int {
	i := 0
	for i < len(t) && isDigit(t[i]) {
		i++
	}
	if i == 0 || i > 3 || i >= len(t) || t[i] != '.' && t[i] != '．' {
		return 0
	}
	for k := i + 1; k < len(t) && k <= i+40; k++ {
		switch t[k] {
		case '：', ':':
			if k > i+1 {
				return k
			}
			return 0
		case '。', '；', '，', '！', '？':
			return 0
		}
	}
	return 0
}

// body takes a body paragraph before its facts are read: a paragraph that
// ends with a colon and names the work ahead (今年重点做好以下工作：) opens the
// tasks.
func (c *docContext) body(p *para, docYear int) {
	t := p.text
	// 各位代表 opens a work report's address, after a title, a date line and
	// the speaker's name (a title broken over lines counts more paragraphs)
	// (a title, not news telling of a report: 市长…向大会作政府工作报告)
	if c.paras <= 3 && len(t) <= 40 && !runesContain(t, "。") && reportTitle(t) || c.paras <= 8 && hasPrefixAt(t, 0, "各位代表") {
		c.report = true
	}
	c.carryPos, c.carryYear, c.carryMulti, c.carryAhead = 0, 0, false, false
	c.gloss = glossEntry(t)
	if c.glossary && c.gloss == 0 {
		c.gloss = 1
	}
	c.opener = c.opener[:0]
	c.openersFor = nil
	if c.headMixed && !c.headPast && c.headKind == mkActual {
		if a, b := yearsFrame(t); b > a {
			c.headPast, c.pastCue = true, cue(t, a, b)
		}
	}
	if n := len(t); n > 0 && n <= 80 && (t[n-1] == '：' || t[n-1] == ':') {
		if k := sectionKind(t); k == mkTarget {
			c.heading = cue(t, 0, n-1)
			c.headKind = mkTarget
			c.headYear, c.headPast, c.headMixed = 0, false, false // the tasks: 五年来 no longer turns the section
			if y, _, ahead := headingYear(t); y > 0 {
				c.headYear = y
			} else if ahead {
				c.headPast, c.pastCue = true, c.heading // 今后五年的主要目标任务是：no year
			} else if runesContain(t, "今年") && docYear > 0 {
				c.headYear = docYear
			}
		}
	}
}

// isPolicyTitle reports the title of a policy document: …实施意见, …行动方案,
// …发展规划, …行动计划, …办法.
func isPolicyTitle(t []rune) bool {
	n := len(t)
	for n > 0 && (isSpace(t[n-1]) || t[n-1] == '》' || t[n-1] == '”') {
		n--
	}
	for _, w := range [...]string{"意见", "方案", "规划", "计划", "办法", "通知", "纲要"} {
		if k := n - len([]rune(w)); k >= 0 && hasPrefixAt(t, k, w) {
			return true
		}
	}
	return false
}

// news reports a document that is neither a work report nor a policy document.
func (c *docContext) news() bool { return !c.report && !c.policy }

// endBody takes a body paragraph after its facts: in news, the year the
// paragraph set carries to the paragraphs after it.
func (x *extractor) endBody(p *para) {
	c := &x.ctx
	if !c.news() || x.opt.Year <= 0 {
		return
	}
	x.advanceCarry(p.text, len(p.text))
	if c.carryYear > 0 && !c.carryMulti && !c.carryAhead { // not a deadline ahead (到2022年，…)
		if c.carryYear != c.docYear || c.docCue == "" {
			c.docYear = c.carryYear
			c.docCue = cue(p.text, c.carryCue[0], c.carryCue[1])
		}
	}
}

// lastYear is the year 上年 names: the year before the one the text is about —
// in the review part of a work report the year before the year reviewed
// (由上年的58.6%回落到27.8% in the 1995 report's review of 1994: 1993), else
// the year before the document's.
func (x *extractor) lastYear() int {
	c := &x.ctx
	if c.report && c.headKind == mkActual && !c.headPast {
		if c.headYear > 0 {
			return c.headYear - 1
		}
		return x.opt.Year - 2
	}
	return x.opt.Year - 1
}

// headingYear reads the year a heading names (一、2024年工作回顾) and whether
// it speaks of several years (过去五年工作回顾, 十三五时期), and of years ahead
// (今后五年).
func headingYear(t []rune) (y int, multi, ahead bool) {
	for p := 0; p < len(t); p++ {
		if isDigit(t[p]) {
			if y, ok := yearAt(t, p); ok {
				return y, false, false
			}
		}
		if multiYearAt(t, p) > 0 {
			return 0, true, yearsAhead(t, p)
		}
	}
	return 0, false, false
}

// namesPlanPeriod reports a five-year plan named as a time in t.
func namesPlanPeriod(t []rune) bool {
	for p := range t {
		if planPeriodAt(t, p) {
			return true
		}
	}
	return false
}

// planPeriodAt reports the period of a five-year plan named at t[p] as a
// time (“十三五”时期, “十五”期间): its targets are for the end of the plan.
func planPeriodAt(t []rune, p int) bool {
	n := 0
	switch {
	case p+2 < len(t) && t[p] == '十' && t[p+2] == '五' && strings.ContainsRune("一二三四", t[p+1]):
		n = 3
	case p+1 < len(t) && (t[p] == '九' || t[p] == '十') && t[p+1] == '五' && p > 0 && t[p-1] == '“':
		n = 2
	default:
		return false
	}
	k := p + n
	if k < len(t) && t[k] == '”' {
		k++
	}
	return hasPrefixAnyAt(t, k, "时期", "期间") || hasPrefixAt(t, k, "的") && hasPrefixAnyAt(t, k+1, "时期", "期间")
}

// isTopHeading reports a top-level numbered heading: 一、… 第一部分 …
func isTopHeading(t []rune) bool {
	if len(t) > 0 && (t[0] == '第' || chineseDigit(t[0]) >= 0 || t[0] == '十') {
		return isHeadingPattern(t)
	}
	return false
}

// multiYearAt reports words at t[p] that speak of several years and returns
// their length: 过去五年, 近五年, and ahead 今后三年, 未来五年.
func multiYearAt(t []rune, p int) int {
	r := t[p]
	if (r == '过' && hasPrefixAt(t, p, "过去")) || (r == '近' && p+1 < len(t)) || (r == '今' && hasPrefixAt(t, p, "今后")) || (r == '未' && hasPrefixAt(t, p, "未来")) {
		k := p + 2
		if r == '近' {
			k = p + 1
		}
		if k+1 < len(t) && (chineseDigit(t[k]) >= 2 || t[k] == '十' || isDigit(t[k]) && t[k] >= '2') && t[k+1] == '年' {
			return k + 2 - p
		}
	}
	return 0
}

// yearsAhead reports that the words multiYearAt found at t[p] speak of the
// years ahead (今后三年, 未来五年), not of years looked back on: targets over
// them, with no period, never a level reached at their end.
func yearsAhead(t []rune, p int) bool { return t[p] == '今' || t[p] == '未' }

// severalYearsAt returns the position of the first word at or after t[from]
// that counts several years (五年, 十年: a Chinese numeral of two or more
// before 年, not a digit of a year written in numerals, 一九九三年), or -1.
func severalYearsAt(t []rune, from int) int {
	for p := from; p+1 < len(t); p++ {
		if t[p+1] == '年' && (chineseDigit(t[p]) >= 2 || t[p] == '十') && (p == 0 || chineseDigit(t[p-1]) < 0 && t[p-1] != '〇' && t[p-1] != '十') {
			return p
		}
	}
	return -1
}

// yearsFrame returns the words of a paragraph that look back on several
// years (过去五年, 五年来, 五年年均, 五年累计), or a == b.
func yearsFrame(t []rune) (a, b int) {
	for p := range t {
		if n := multiYearAt(t, p); n > 0 && !yearsAhead(t, p) {
			return p, p + n
		}
	}
	for p := severalYearsAt(t, 0); p >= 0; p = severalYearsAt(t, p+2) {
		k := p + 2
		switch {
		case k < len(t) && t[k] == '来' && !recordAfter(t, k+1): // not 创十年来新高, a record
			return p, k + 1
		case hasPrefixAnyAt(t, k, "年均", "累计", "总体"):
			return p, k + 2
		}
	}
	for p := 1; p+1 < len(t); p++ {
		if t[p] == '年' && t[p+1] == '前' && yearsAgo(t, 0, p) {
			return p - 1, p + 2 // 贷款平均利率较五年前下降1.5个百分点: compared with the start of the years
		}
	}
	return 0, 0
}

// cue returns t[a:b] as a string of at most maxCue runes (its end kept).
func cue(t []rune, a, b int) string {
	for a < b && (isSpace(t[a]) || t[a] == '，' || t[a] == '、') {
		a++
	}
	if b-a > maxCue {
		a = b - maxCue
	}
	if a >= b {
		return ""
	}
	return runesString(t[a:b])
}

// cueCache keeps the last few cue strings, so that the facts of a paragraph
// that share a cue (今年, 2024年) share one string.
type cueCache struct {
	s    [4]string
	r    [4][]rune
	next int
}

func (c *cueCache) get(t []rune, a, b int) string {
	seg := t[a:b]
	for i := range c.s {
		if len(c.r[i]) == len(seg) && matchAt(seg, 0, c.r[i]) {
			return c.s[i]
		}
	}
	s := runesString(seg)
	c.r[c.next] = append(c.r[c.next][:0], seg...)
	c.s[c.next] = s
	c.next = (c.next + 1) % len(c.s)
	return s
}

// advanceCarry reads t[carryPos:upto] for words that set the year of the
// rest of the paragraph: 2024年，…; 今年…; 去年…; 过去五年….
func (x *extractor) advanceCarry(t []rune, upto int) {
	c := &x.ctx
	for p := c.carryPos; p < upto; p++ {
		r := t[p]
		switch {
		case isDigit(r):
			if y, ok := yearAt(t, p); ok && !comparedAt(t, p) && !(p+5 < len(t) && (t[p+5] == '以' || t[p+5] == '来')) && !baseYear(t, p) {
				ahead := deadlineAt(t, p, x.opt.Year)
				if ahead && c.report {
					p += 4
					continue
				}
				c.carryYear, c.carryMulti, c.carryCue, c.carryAhead = y, false, [2]int{p, p + 5}, ahead
				if yearRangeEnd(t, p) {
					c.carryYear, c.carryMulti, c.carryCue, c.carryAhead = 0, true, [2]int{p - 5, p + 5}, false // 2021—2025年
				}
				p += 4
			}
		case r == '今' && hasPrefixAt(t, p, "今年") && x.opt.Year > 0:
			c.carryYear, c.carryMulti, c.carryCue, c.carryAhead = x.opt.Year, false, [2]int{p, p + 2}, false
		case r == '去' && hasPrefixAt(t, p, "去年") && x.opt.Year > 0 && !comparedAt(t, p) && !hasPrefixAt(t, p+2, "同期"):
			c.carryYear, c.carryMulti, c.carryCue, c.carryAhead = x.opt.Year-1, false, [2]int{p, p + 2}, false
		case r == '上' && hasPrefixAt(t, p, "上年") && x.opt.Year > 0 && !comparedAt(t, p) && !hasPrefixAt(t, p+2, "同期"):
			c.carryYear, c.carryMulti, c.carryCue, c.carryAhead = x.lastYear(), false, [2]int{p, p + 2}, false
		case r == '过' && hasPrefixAt(t, p, "过去一年") && x.opt.Year > 0:
			c.carryYear, c.carryMulti, c.carryCue, c.carryAhead = x.opt.Year-1, false, [2]int{p, p + 4}, false
		case r == '过' || r == '近' || r == '今' || r == '未':
			// 过去五年，…: several years frame the rest of the paragraph; 近两年人均预期
			//寿命增幅居全国第1位。 only its own sentence (gold5 010)
			if n := multiYearAt(t, p); n > 0 && framesParagraph(t, p+n) {
				c.carryYear, c.carryMulti, c.carryCue, c.carryAhead = 0, true, [2]int{p, p + n}, yearsAhead(t, p)
			}
		}
	}
	if upto > c.carryPos {
		c.carryPos = upto
	}
}

// deadlineAt reports a year at t[p] set as a deadline still ahead (到2020年，
// 常住人口城镇化率达到60%): in a work report it dates its own sentence's
// targets, not the paragraph's, whose year the section gives (gold6 048); in a
// policy document or news it frames the paragraph's targets (GUIDELINE: a
// target for the end of a plan takes the year the text names). 增加到2002年的
// 176万公里 is a year reached.
func deadlineAt(t []rune, p, year int) bool {
	if p == 0 || t[p-1] != '到' && t[p-1] != '至' || year <= 0 {
		return false
	}
	y, _ := yearAt(t, p)
	return y >= year
}

// framesParagraph reports a time phrase ending at e that is set apart by a
// comma (过去五年，  五年来，), so that it frames what follows it.
func framesParagraph(t []rune, e int) bool {
	if e < len(t) && strings.ContainsRune("来里中间", t[e]) {
		e++
	}
	return e < len(t) && (t[e] == '，' || t[e] == ',')
}

// comparedAt reports a time word that is the base of a comparison:
// 比2019年, 较上年, 同去年.
func comparedAt(t []rune, p int) bool {
	return p > 0 && (t[p-1] == '比' || t[p-1] == '较' || t[p-1] == '同' || t[p-1] == '于' || t[p-1] == '与' || t[p-1] == '从' || t[p-1] == '由' ||
		t[p-1] == '在' && baseFollows(t, p))
}

// baseFollows reports 基础上 closing a time word at t[p] within its clause:
// 在上年大幅度增长的基础上，又增产291亿斤 — the base, not the year of the figure.
func baseFollows(t []rune, p int) bool {
	for k := p + 2; k < len(t) && k < p+16 && !isClauseEnd(t[k]); k++ {
		if t[k] == '基' && hasPrefixAt(t, k, "基础上") {
			return true
		}
	}
	return false
}

// findOpeners finds the lists opened by a colon inside paragraph t:
// "主要预期目标是：A；B。C。" — the items run across ；and 。 to the end of the
// paragraph, or to a sentence that looks back on them (提出上述目标…).
func (x *extractor) findOpeners(p *para) {
	c := &x.ctx
	if c.openersFor == p {
		return
	}
	c.openersFor = p
	c.opener = c.opener[:0]
	t := p.text
	for i := 0; i+1 < len(t); i++ {
		if t[i] != '：' && t[i] != ':' {
			continue
		}
		s := i
		for s > 0 && !isSentenceEnd(t[s-1]) {
			s--
		}
		k := mkNone
		at := -1
		for q := i - 1; q >= s; q-- {
			if w, ok := kindMarkers.at(t, q); ok && w.tag != mkNone && q+len(w.w) <= i && validKindMarker(t, q, w) {
				k, at = w.tag, q
				break
			}
		}
		if k == mkNone {
			continue
		}
		cs := clauseStart(t, at, s)
		o := opener{start: i + 1, end: len(t), kind: k, text: cue(t, cs, i)}
		for q := i + 1; q < len(t); q++ {
			if isSentenceEnd(t[q-1]) && looksBack(t, q) {
				o.end = q
				break
			}
		}
		if n := len(c.opener); n > 0 && c.opener[n-1].end > o.start {
			c.opener[n-1].end = o.start - 1
		}
		c.opener = append(c.opener, o)
	}
}

// looksBack reports a sentence at t[q] that speaks of the list before it:
// 提出上述预期目标…, 实现这些目标…, 以上目标….
func looksBack(t []rune, q int) bool {
	for k := q; k < len(t) && k < q+6; k++ {
		if hasPrefixAnyAt(t, k, "上述", "这些", "以上") {
			return true
		}
	}
	return false
}

// openerAt returns the list opened inside the paragraph that holds position s.
func (x *extractor) openerAt(s int) *opener {
	for i := len(x.ctx.opener) - 1; i >= 0; i-- {
		o := &x.ctx.opener[i]
		if s >= o.start && s < o.end {
			return o
		}
	}
	return nil
}

// yearStrings holds the period strings of the years yearAt reads, so that a
// fact's period costs no allocation.
var yearStrings = func() (s [2201 - 1900]string) {
	for y := range s {
		s[y] = strconv.Itoa(1900 + y)
	}
	return
}()

func yearString(y int) *string {
	if y <= 0 {
		return nil
	}
	if y >= 1900 && y <= 2200 {
		return &yearStrings[y-1900]
	}
	v := strconv.Itoa(y)
	return &v
}

// reachVerbs end right before a level reached (增加到121万亿元, 降至7.4%);
// 压缩至, 控制在 and 稳定在 say what was held or set, not a level reached
// (gold6 042).
var reachVerbs = newLexicon(map[string]int{
	"增加到": 1, "增加至": 1, "提高到": 1, "提高至": 1, "上升到": 1, "上升至": 1, "增长到": 1, "增长至": 1,
	"提升到": 1, "提升至": 1, "增至": 1, "升至": 1, "降至": 1, "降到": 1, "下降到": 1, "下降至": 1,
	"减少到": 1, "减少至": 1, "减至": 1, "扩大到": 1, "扩大至": 1, "缩小到": 1, "缩小至": 1,
	"达到": 1, "达": 1, "突破": 1, "覆盖": 1,
	"积累": 1, // a fund's balance: 全国社会保障基金积累7810亿元 (gold11 053 2010, gold10 056 2007)
})

// flowWords in a clause make its figure what was added or done over the
// years (新增就业人数超过6400万人, 新建改建农村公路125万公里), not a level reached;
// those of tag 2 make it a total even before a verb of reaching (累计…达到).
var flowWords = newLexicon(map[string]int{
	"新增": 1, "新建": 1, "改建": 1, "累计": 2, "建设": 1, "改造": 1, "减少": 1, "完成": 1, "解决": 1, "共计": 2,
})
