package extract

import (
	"bytes"
	"slices"
	"unicode/utf8"
	"unsafe"
)

// maxJoined bounds the length (in runes) of a paragraph made of joined
// lines, so that text whose every line looks broken still streams in
// bounded memory.
const maxJoined = 1 << 16

// para is a paragraph while the cleaner works on it.
type para struct {
	start, end int // original rune offsets, end exclusive
	role       Role
	text       []rune // cleaned text
	offs       []int  // original rune offset of each rune of text
	dupOf      int
	open       bool // body text that ends in the middle of a sentence
	pattern    bool // looks like a numbered heading (一、 （一） 第一章 …)
}

func (p *para) toParagraph() Paragraph {
	offs := make([]int, len(p.offs))
	copy(offs, p.offs)
	return Paragraph{Start: p.start, End: p.end, Role: p.role, Text: string(p.text), Offsets: offs, DuplicateOf: p.dupOf}
}

// cleaner turns lines into paragraphs. It keeps only hashes of the
// paragraphs it has seen, the paragraph that may still be continued on the
// next line and the duplicates met meanwhile, so it streams in memory
// bounded by the longest paragraph.
type cleaner struct {
	seen    map[uint64]int // hash of white-space-folded text → start of first copy
	pending *para          // body paragraph that ends mid-sentence
	held    []*para        // duplicates met while a paragraph was pending
	lines   int            // non-blank lines seen
	emit    func(*para)    // receives finished paragraphs in input order
	free    []*para
}

func newCleaner(emit func(*para)) *cleaner {
	return &cleaner{seen: make(map[uint64]int), emit: emit}
}

func (c *cleaner) newPara() *para {
	if n := len(c.free); n > 0 {
		p := c.free[n-1]
		c.free = c.free[:n-1]
		p.text, p.offs = p.text[:0], p.offs[:0]
		p.open, p.pattern, p.dupOf = false, false, -1
		return p
	}
	return &para{dupOf: -1}
}

func (c *cleaner) release(p *para) {
	if cap(p.text) <= maxJoined {
		c.free = append(c.free, p)
	}
}

func (c *cleaner) out(p *para) {
	c.emit(p)
	c.release(p)
}

// fnv-1a, 64 bit (over runes, not bytes: the hash is only compared with
// the hashes of the same run)
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// line takes one line of input (without its line break) whose first rune is
// at original offset off.
//
// It returns the number of runes in s.
func (c *cleaner) line(s []byte, off int) int {
	p := c.newPara()
	h, k := normalize(p, s, off)
	if len(p.text) == 0 { // a blank line
		c.release(p)
		return k
	}
	c.lines++
	p.start, p.end = p.offs[0], p.offs[len(p.offs)-1]+1
	if first, ok := c.seen[h]; ok {
		p.role, p.dupOf = RoleDuplicate, first
		if c.pending != nil {
			c.held = append(c.held, p)
		} else {
			c.out(p)
		}
		return k
	}
	c.seen[h] = p.start
	classify(p, c.lines == 1)
	if a := c.pending; a != nil {
		if len(a.text)+len(p.text) <= maxJoined && continues(a, p) {
			a.text = append(a.text, p.text...)
			a.offs = append(a.offs, p.offs...)
			a.end = p.end
			a.open = isOpenEnd(a.text)
			c.release(p)
			if !a.open {
				c.finishPending()
			}
			return k
		}
		c.finishPending()
	}
	if p.role == RoleBody && p.open {
		c.pending = p
		return k
	}
	c.out(p)
	return k
}

func (c *cleaner) finishPending() {
	if c.pending != nil {
		c.out(c.pending)
		c.pending = nil
	}
	for _, d := range c.held {
		c.out(d)
	}
	c.held = c.held[:0]
}

// flush ends the input.
func (c *cleaner) flush() { c.finishPending() }

// normalize decodes line s, whose first rune is at original offset off,
// and appends its cleaned form to p: full-width digits, letters and number
// punctuation become ASCII; white space next to a digit (spaced digits
// "1 9 9 3 年", "2 ．5 亿") is removed; other runs of white space become
// one space; white space at either end is dropped. It returns a hash of the
// line's runes but white space (folded), for the duplicate check, and the
// number of runes in s. One pass does all three.
func normalize(p *para, s []byte, off int) (h uint64, k int) {
	// room for one rune per byte, so that the loop writes without append
	// (a call would make it keep its registers on the stack)
	n := len(p.text)
	text := slices.Grow(p.text, len(s))[:n+len(s)]
	offs := slices.Grow(p.offs, len(s))[:n+len(s)]
	h = fnvOffset
	space := -1 // first rune of the run of white space before r, or -1
	for ; len(s) > 0; k++ {
		// utf8.DecodeRune with ASCII and the three-byte forms (the
		// ideographs) inline
		var r rune
		if c0 := s[0]; c0 < utf8.RuneSelf {
			r = rune(c0)
			s = s[1:]
		} else if len(s) >= 3 && c0&0xF0 == 0xE0 && s[1]&0xC0 == 0x80 && s[2]&0xC0 == 0x80 &&
			(c0 != 0xE0 || s[1] >= 0xA0) && (c0 != 0xED || s[1] < 0xA0) { // not overlong, not a surrogate
			r = rune(c0&0x0F)<<12 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F)
			s = s[3:]
		} else {
			var size int
			r, size = utf8.DecodeRune(s)
			s = s[size:]
		}
		if isSpace(r) {
			if space < 0 {
				space = k
			}
			continue
		}
		r = foldWidth(r)
		if space >= 0 {
			if n > 0 && !dropSpace(text[n-1], r) {
				text[n], offs[n] = ' ', off+space
				n++
			}
			space = -1 // white space at the start: dropped
		}
		text[n], offs[n] = r, off+k
		n++
		h = (h ^ uint64(r)) * fnvPrime // fnv-1a, a rune at a time
	}
	p.text, p.offs = text[:n], offs[:n]
	return h, k
}

// dropSpace reports whether a run of white space between prev and next
// (both folded) is removed.
func dropSpace(prev, next rune) bool {
	if isDigit(prev) || prev == '.' || prev == '%' {
		// 1 0 ．0 6 ‰ (gold12 066): ‰ as %
		return isDigit(next) || next == '.' || next == '%' || next == '‰' || isHan(next) || next == '，' || next == '、'
	}
	if isDigit(next) {
		return isHan(prev) || isPunct(prev)
	}
	return false
}

// isOpenEnd reports whether cleaned text ends in the middle of a sentence:
// on a letter, digit, ideograph, opening bracket or a comma.
func isOpenEnd(t []rune) bool {
	if len(t) == 0 {
		return false
	}
	r := t[len(t)-1]
	return isHan(r) || isASCIIAlnum(r) || isOpening(r) || r == '，' || r == '、' || r == ','
}

var bylinePrefixes = []string{
	"□", "■", "◎", "▲", "△", "责任编辑", "编辑：", "编辑:", "来源：", "来源:", "原标题", "本版图片", "图片由",
	"摄影", "文/", "图/", "文／", "图／", "作者：", "撰稿", "校对", "审核：", "监制", "记者：", "通讯员",
	"本报记者", "本报讯", "新华社记者", "（记者", "(记者",
}

var captionMarks = []string{"摄影/", "摄影／", "摄影：", "供图", "资料图", "图片来源", "视觉中国", "（图）", "新华社发"}

// classify sets p.role, p.open and p.pattern from the cleaned text.
func classify(p *para, first bool) {
	t := p.text
	n := len(t)
	last := t[n-1]
	p.role = RoleBody
	p.pattern = isHeadingPattern(t)
	inner := containsRune(t, '。', '！', '？', '；', '!', '?', ';')
	if n <= 60 {
		for _, b := range bylinePrefixes {
			if hasPrefixAt(t, 0, b) {
				p.role = RoleByline
				return
			}
		}
		if !inner && (runesContain(t, "记者") || runesContain(t, "通讯员")) && containsRune(t, ' ') {
			p.role = RoleByline
			return
		}
	}
	if n <= 120 {
		for _, m := range captionMarks {
			if runesContain(t, m) {
				p.role = RoleCaption
				return
			}
		}
		e := n
		for e > 0 && (t[e-1] == '）' || t[e-1] == ')') {
			e--
		}
		if hasPrefixAt(t, 0, "图为") || hasPrefixAt(t, 0, "图：") || e > 0 && t[e-1] == '摄' {
			p.role = RoleCaption
			return
		}
	}
	if isOpening(last) || isClosing(t[0]) || t[0] == '，' || t[0] == '、' || t[0] == '。' || t[0] == '；' {
		// a piece of a broken line: 我国第一部《 / 》开始实施
		p.open = isOpenEnd(t)
		return
	}
	endsClosed := isSentenceEnd(last) || last == '；' || last == ';' || last == '：' || last == ':'
	switch {
	case first && n <= 80 && !endsClosed:
		p.role = RoleHeadline
	case p.pattern && n <= 80 && !endsClosed:
		p.role = RoleHeadline
	case n <= 50 && !inner && !endsClosed && last != '，' && last != '、' && last != ',' && !hasPrefixAt(t, 0, "——"):
		p.role = RoleHeadline
	case n <= 25 && last == '。' && !inner2(t) && !hasNumeral(t):
		// a short noun phrase with a full stop and no number: a picture caption
		p.role = RoleCaption
	}
	if p.role == RoleBody {
		p.open = isOpenEnd(t)
	}
}

// inner2 reports clause punctuation or a sentence end before the last rune.
func inner2(t []rune) bool {
	for _, r := range t[:len(t)-1] {
		if isClauseEnd(r) {
			return true
		}
	}
	return false
}

func hasNumeral(t []rune) bool {
	for _, r := range t {
		if isDigit(r) || chineseDigit(r) >= 0 {
			return true
		}
	}
	return false
}

// isHeadingPattern reports numbered headings: 一、 （一） (1) 1. 第一章 第一部分.
func isHeadingPattern(t []rune) bool {
	i := 0
	if i < len(t) && (t[i] == '（' || t[i] == '(') {
		j := i + 1
		for j < len(t) && (chineseDigit(t[j]) >= 0 || t[j] == '十' || isDigit(t[j])) {
			j++
		}
		return j > i+1 && j < len(t) && (t[j] == '）' || t[j] == ')')
	}
	if i < len(t) && t[i] == '第' {
		j := i + 1
		for j < len(t) && (chineseDigit(t[j]) >= 0 || t[j] == '十' || isDigit(t[j])) {
			j++
		}
		return j > i+1 && j < len(t) && (t[j] == '章' || t[j] == '节' || t[j] == '部' || t[j] == '篇')
	}
	j := i
	for j < len(t) && (chineseDigit(t[j]) >= 0 || t[j] == '十') {
		j++
	}
	if j > i && j < len(t) && t[j] == '、' {
		return true
	}
	j = i
	for j < len(t) && isDigit(t[j]) {
		j++
	}
	return j > i && j+1 < len(t) && (t[j] == '.' || t[j] == '、') && !isDigit(t[j+1])
}

// continues reports whether paragraph b carries on the open paragraph a
// (a word or number broken across a line or column break).
func continues(a, b *para) bool {
	if a == nil || !a.open || b.role == RoleByline || b.role == RoleCaption {
		return false
	}
	bf := b.text[0]
	if isClosing(bf) || bf == '，' || bf == '、' || bf == '；' || bf == '：' || bf == '。' || bf == '%' {
		return true
	}
	al := a.text[len(a.text)-1]
	if isOpening(al) || al == '，' || al == '、' {
		return true
	}
	if isASCIIAlnum(al) && (isASCIIAlnum(bf) || bf == '.') {
		return true
	}
	if b.pattern {
		return false
	}
	if b.role == RoleBody {
		return true
	}
	if b.role != RoleHeadline {
		return false
	}
	if containsRune(b.text, '，', '、') || len(b.text) > 15 {
		return true
	}
	// a link or a term set on its own line inside a sentence of prose
	// (新增 / 第四代移动通信 / 用户3.4亿): a ends on an ideograph after a
	// finished sentence, so it is body text broken mid-sentence
	return isHan(al) && containsRune(a.text, '。', '；')
}

// Clean splits text into paragraphs (one per line, lines of a broken
// paragraph joined), in input order, each with its role and the map of its
// cleaned text back to the original. Duplicates are listed with
// RoleDuplicate and the start of the paragraph they repeat.
func Clean(text string) []Paragraph {
	var out []Paragraph
	c := newCleaner(func(p *para) { out = append(out, p.toParagraph()) })
	splitLines(readOnlyBytes(text), c.line)
	c.flush()
	// duplicates held while a broken paragraph was pending come after it;
	// keep the list ordered by start.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Start < out[j-1].Start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// splitLines calls fn for each line of text (without \n or \r\n) with the
// rune offset of its first rune.
// fn returns the number of runes in the line.
// readOnlyBytes gives the bytes of s without a copy, for splitLines, which
// only reads them (a document's text is the bulk of what Extract would
// otherwise allocate).
func readOnlyBytes(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

func splitLines(text []byte, fn func(line []byte, off int) int) {
	off := 0
	for len(text) > 0 {
		i := bytes.IndexByte(text, '\n')
		var ln []byte
		if i < 0 {
			ln, text = text, nil
		} else {
			ln, text = text[:i], text[i+1:]
		}
		off += fn(ln, off) + 1
	}
}
