package extract

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/ledongthuc/pdf"
)

// FormatPDF is the format Decode reports for a PDF.
const FormatPDF = "pdf"

// maxPDFPages bounds the pages read from one PDF.
const maxPDFPages = 5000

// pdfLine is one line of a PDF page: its left edge and its text.
type pdfLine struct {
	X float64
	S string
}

// decodePDF returns the text of a PDF's text layer, one paragraph per line:
// the lines of each page from the top down, the running header and footer
// and the page numbers dropped, and the lines that a fixed width broke
// joined back into their paragraphs. Offsets of facts refer to this text.
func decodePDF(name string, data []byte) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			text, err = "", fmt.Errorf("%s: PDF: damaged or unsupported (%v)", name, r)
		}
	}()
	if unclosedHex(data) {
		return "", fmt.Errorf("%s: PDF: damaged (cut off inside a hex string)", name)
	}
	rd, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("%s: PDF: %w", name, err)
	}
	pageList := pdfPages(rd)
	if len(pageList) == 0 {
		return "", fmt.Errorf("%s: PDF without pages", name)
	}
	var pages [][]pdfLine
	for i, p := range pageList {
		i++
		if !streamsClosed(p) {
			return "", fmt.Errorf("%s: PDF page %d: damaged content (cut off inside a hex string)", name, i)
		}
		rows, err := p.GetTextByRow()
		if err != nil {
			return "", fmt.Errorf("%s: PDF page %d: %w", name, i, err)
		}
		var lines []pdfLine
		for _, row := range rows {
			if len(row.Content) == 0 {
				continue
			}
			var b strings.Builder
			for _, t := range row.Content {
				b.WriteString(t.S)
			}
			s := strings.ToValidUTF8(b.String(), "\uFFFD")
			if strings.TrimFunc(s, isSpace) == "" {
				continue
			}
			lines = append(lines, pdfLine{X: row.Content[0].X, S: s})
		}
		pages = append(pages, lines)
	}
	text = joinPDFLines(pages)
	if strings.TrimSpace(text) == "" {
		return "", fmt.Errorf("%s: PDF without a text layer (a scanned image?): run OCR on it first", name)
	}
	return text, nil
}

// pdfPages walks the page tree in order. The walk is bounded in depth and in
// nodes visited, so that a tree with a cycle or a false /Count (the
// library's own Page(n) loops on those) ends.
func pdfPages(rd *pdf.Reader) []pdf.Page {
	var out []pdf.Page
	visited := 0
	var walk func(v pdf.Value, depth int)
	walk = func(v pdf.Value, depth int) {
		if depth > 32 || len(out) >= maxPDFPages || visited >= 4*maxPDFPages {
			return
		}
		visited++
		switch v.Key("Type").Name() {
		case "Pages":
			kids := v.Key("Kids")
			for i := 0; i < kids.Len() && len(out) < maxPDFPages && visited < 4*maxPDFPages; i++ {
				walk(kids.Index(i), depth+1)
			}
		case "Page":
			out = append(out, pdf.Page{V: v})
		}
	}
	walk(rd.Trailer().Key("Root").Key("Pages"), 0)
	return out
}

// maxPDFStream bounds the bytes of one content stream checked.
const maxPDFStream = 64 << 20

// unclosedHex reports data with a '<' after its last '>': the library reads a
// hex string cut off at the end of its input for ever, so such input is
// refused before it is read.
func unclosedHex(b []byte) bool {
	return bytes.LastIndexByte(b, '<') > bytes.LastIndexByte(b, '>')
}

// streamsClosed checks the page's content streams and its fonts' ToUnicode
// CMaps (the streams the library interprets) for a hex string cut off.
func streamsClosed(p pdf.Page) bool {
	var streams []pdf.Value
	c := p.V.Key("Contents")
	if c.Kind() == pdf.Array {
		for i := 0; i < c.Len(); i++ {
			streams = append(streams, c.Index(i))
		}
	} else if c.Kind() == pdf.Stream {
		streams = append(streams, c)
	}
	fonts := p.Resources().Key("Font")
	for _, k := range fonts.Keys() {
		if u := fonts.Key(k).Key("ToUnicode"); u.Kind() == pdf.Stream {
			if !closedStream(u) {
				return false
			}
		}
	}
	// the contents are read as one stream when they are an array
	var all []byte
	for _, s := range streams {
		rc := s.Reader()
		b, _ := io.ReadAll(io.LimitReader(rc, maxPDFStream))
		rc.Close()
		all = append(all, b...)
		all = append(all, '\n')
	}
	return !unclosedHex(all)
}

func closedStream(v pdf.Value) bool {
	rc := v.Reader()
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, maxPDFStream))
	return !unclosedHex(b) && saneCMap(b)
}

// saneCMap reports a CMap whose blocks (N beginbfchar …) announce at most
// 10,000 entries each: the library loops N times whatever the block holds,
// and the format allows 100.
func saneCMap(b []byte) bool {
	for i := 0; ; {
		k := bytes.Index(b[i:], []byte("begin"))
		if k < 0 {
			return true
		}
		k += i
		j := k
		for j > 0 && (b[j-1] == ' ' || b[j-1] == '\n' || b[j-1] == '\r' || b[j-1] == '\t') {
			j--
		}
		e := j
		for j > 0 && b[j-1] >= '0' && b[j-1] <= '9' {
			j--
		}
		if e-j > 5 || e-j == 5 && string(b[j:e]) > "10000" {
			return false
		}
		i = k + 5
	}
}

// joinPDFLines drops page numbers and running headers and footers and joins
// the lines of each paragraph.
func joinPDFLines(pages [][]pdfLine) string {
	// page numbers: at the top or the bottom of a page
	for i, lines := range pages {
		for len(lines) > 0 && isPageNumber(lines[len(lines)-1].S) {
			lines = lines[:len(lines)-1]
		}
		for len(lines) > 0 && isPageNumber(lines[0].S) {
			lines = lines[1:]
		}
		pages[i] = lines
	}
	// running headers and footers: the same first (or last) line, page numbers
	// aside, on at least half of the pages and on two at least
	if len(pages) >= 2 {
		for _, top := range []bool{true, false} {
			count := map[string]int{}
			for _, lines := range pages {
				if len(lines) > 1 {
					count[runningKey(edgeLine(lines, top).S)]++
				}
			}
			for i, lines := range pages {
				if len(lines) > 1 {
					if c := count[runningKey(edgeLine(lines, top).S)]; c >= 2 && 2*c >= len(pages) {
						if top {
							pages[i] = lines[1:]
						} else {
							pages[i] = lines[:len(lines)-1]
						}
					}
				}
			}
		}
	}
	// the left margin and the widest lines, indented or not
	margin := -1.0
	for _, lines := range pages {
		for _, l := range lines {
			if margin < 0 || l.X < margin {
				margin = l.X
			}
		}
	}
	indented := func(l pdfLine) bool {
		return l.X > margin+6 || strings.HasPrefix(l.S, "\u3000") || strings.HasPrefix(l.S, "  ")
	}
	var full, fullIndented int
	for _, lines := range pages {
		for _, l := range lines {
			w := displayWidth(strings.TrimFunc(l.S, isSpace))
			if indented(l) {
				fullIndented = max(fullIndented, w)
			} else {
				full = max(full, w)
			}
		}
	}
	var b strings.Builder
	var prev *pdfLine
	for _, lines := range pages {
		for i := range lines {
			l := &lines[i]
			s := strings.TrimFunc(l.S, isSpace)
			if prev != nil {
				ps := strings.TrimFunc(prev.S, isSpace)
				limit := full
				if indented(*prev) {
					limit = fullIndented
				}
				if indented(*l) || displayWidth(ps) < limit-2 {
					b.WriteByte('\n')
				} else if lastIsLetter(ps) && firstIsLetter(s) {
					b.WriteByte(' ') // an English word wrapped
				}
			}
			b.WriteString(s)
			prev = l
		}
	}
	if b.Len() > 0 {
		b.WriteByte('\n')
	}
	return b.String()
}

func edgeLine(lines []pdfLine, top bool) pdfLine {
	if top {
		return lines[0]
	}
	return lines[len(lines)-1]
}

// runningKey is a line with its digits and white space taken out, so that a
// header carrying the page number still repeats.
func runningKey(s string) string {
	return strings.Map(func(r rune) rune {
		if isDigit(foldWidth(r)) || isSpace(r) {
			return -1
		}
		return r
	}, s)
}

// isPageNumber reports lines such as 12, - 12 -, —12—, 第12页, 第 3 页 共 30 页,
// 3/30, Page 3.
func isPageNumber(s string) bool {
	digits := 0
	rest := strings.Map(func(r rune) rune {
		r = foldWidth(r)
		switch {
		case isDigit(r):
			digits++
			return -1
		case isSpace(r), strings.ContainsRune("-—–/第页共·", r):
			return -1
		}
		return r
	}, s)
	rest = strings.TrimSpace(strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(strings.ToLower(rest), "page", ""), "of", "")))
	return digits > 0 && digits <= 5 && rest == ""
}

// displayWidth counts East Asian wide runes twice.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 && (isHan(r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFF60 || r >= 0xFE30 && r <= 0xFE4F) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func lastIsLetter(s string) bool {
	r := []rune(s)
	return len(r) > 0 && isASCIILetter(r[len(r)-1])
}

func firstIsLetter(s string) bool {
	for _, r := range s {
		return isASCIILetter(r)
	}
	return false
}
