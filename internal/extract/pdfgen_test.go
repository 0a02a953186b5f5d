package extract

import (
	"bytes"
	"fmt"
	"strings"
)

// pdfPage is one page of a test PDF: lines of text with their left edge
// (in points) from the top of the page down.
type pdfPage []pdfTestLine

type pdfTestLine struct {
	X, Y float64
	S    string
}

// makePDF writes a PDF whose text is shown in a Type0 font with Identity-H
// encoding and a ToUnicode CMap — the way word processors write Chinese —
// so the test reads CJK text as real government PDFs store it. The font is
// not embedded: a viewer substitutes one; text extraction needs none.
func makePDF(pages []pdfPage) []byte {
	cid := map[rune]int{}
	var runes []rune
	for _, p := range pages {
		for _, l := range p {
			for _, r := range l.S {
				if _, ok := cid[r]; !ok {
					cid[r] = len(runes) + 1
					runes = append(runes, r)
				}
			}
		}
	}
	var objs []string
	add := func(s string) int { objs = append(objs, s); return len(objs) }
	catalog := add("") // filled later
	pagesObj := add("")
	var cm strings.Builder
	cm.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Test-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for i := 0; i < len(runes); i += 100 {
		end := min(i+100, len(runes))
		fmt.Fprintf(&cm, "%d beginbfchar\n", end-i)
		for _, r := range runes[i:end] {
			u := []rune{r}
			var hex strings.Builder
			for _, c := range string(u) {
				if c > 0xFFFF {
					c -= 0x10000
					fmt.Fprintf(&hex, "%04X%04X", 0xD800+(c>>10), 0xDC00+(c&0x3FF))
				} else {
					fmt.Fprintf(&hex, "%04X", c)
				}
			}
			fmt.Fprintf(&cm, "<%04X> <%s>\n", cid[r], hex.String())
		}
		cm.WriteString("endbfchar\n")
	}
	cm.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	toUni := add(fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", cm.Len(), cm.String()))
	desc := add("<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 683 /StemV 80 >>")
	cidFont := add(fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 >>", desc))
	font := add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", cidFont, toUni))
	var kids []string
	for _, p := range pages {
		var cs strings.Builder
		for _, l := range p {
			fmt.Fprintf(&cs, "BT /F1 12 Tf 1 0 0 1 %.1f %.1f Tm <", l.X, 842-l.Y)
			for _, r := range l.S {
				fmt.Fprintf(&cs, "%04X", cid[r])
			}
			cs.WriteString("> Tj ET\n")
		}
		content := add(fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", cs.Len(), cs.String()))
		page := add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", pagesObj, font, content))
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
	}
	objs[catalog-1] = fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesObj)
	objs[pagesObj-1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, catalog, xref)
	return b.Bytes()
}

// wrapPDF lays paragraphs out as a word processor does: lines of at most
// width Chinese characters (a digit is half as wide), the first line of each paragraph indented by two
// characters, a running header on top of each page and the page number at
// the bottom.
func wrapPDF(header string, paras []string, width, linesPerPage int) []byte {
	var pages []pdfPage
	var cur pdfPage
	y := 0.0
	flush := func() {
		n := len(pages) + 1
		page := append(pdfPage{{X: 200, Y: 40, S: header}}, cur...)
		page = append(page, pdfTestLine{X: 280, Y: 800, S: fmt.Sprintf("- %d -", n)})
		pages = append(pages, page)
		cur, y = nil, 0
	}
	for _, p := range paras {
		rs := []rune(p)
		first := true
		for len(rs) > 0 {
			w := 2 * width // in half-width units: a Chinese character is two, a digit one
			x := 72.0
			if first {
				w, x = w-4, 96
			}
			n, used := 0, 0
			for n < len(rs) && used+displayWidth(string(rs[n])) <= w {
				used += displayWidth(string(rs[n]))
				n++
			}
			if len(cur) == linesPerPage {
				flush()
			}
			y += 18
			cur = append(cur, pdfTestLine{X: x, Y: 60 + y, S: string(rs[:n])})
			rs = rs[n:]
			first = false
		}
	}
	if len(cur) > 0 {
		flush()
	}
	return makePDF(pages)
}
