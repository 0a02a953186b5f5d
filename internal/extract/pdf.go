package extract

import (
	"bytes"
	"fmt"
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
	rd, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("%s: PDF: %w", name, err)
	}
	n := rd.NumPage()
	if n == 0 {
		return "", fmt.Errorf("%s: PDF without pages", name)
	}
	var pages [][]pdfLine
	for i := 1; i <= n && i <= maxPDFPages; i++ {
		p := rd.Page(i)
		if p.V.IsNull() {
			continue
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
