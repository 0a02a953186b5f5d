// Package docx writes a small, plain Word document (.docx, WordprocessingML) — titles,
// headings, paragraphs and ruled tables on A4 — and reads the text back. It is what
// the monthly bulletin (月度通报) needs and no more: no images, no numbering, no
// fields. The parts are the minimum Word and WPS open without complaint:
// [Content_Types].xml, the package and document relationships, document.xml,
// styles.xml and the core properties, zipped with archive/zip.
//
// Chinese text is set in 宋体 (SimSun) with 黑体 (SimHei) for titles and headings,
// fonts every Chinese Windows and WPS install has; Latin text in Times New Roman.
package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// Document is a document being written. The zero value is not usable; call New.
type Document struct {
	title string
	body  strings.Builder
}

// New starts a document; title goes into its properties (what Explorer and WPS show).
func New(title string) *Document { return &Document{title: title} }

// Align is a paragraph's alignment.
type Align string

const (
	Left   Align = ""
	Center Align = "center"
	Right  Align = "right"
)

// Run is a stretch of text with its own weight or colour.
type Run struct {
	Text  string
	Bold  bool
	Color string // RRGGBB; "" for the default
}

// Title writes the document's title: large, bold, centred.
func (d *Document) Title(text string) { d.para("Title", Center, []Run{{Text: text}}) }

// Subtitle writes a centred line under the title (issuer, date, number).
func (d *Document) Subtitle(text string) { d.para("Subtitle", Center, []Run{{Text: text}}) }

// Heading writes a heading of level 1 or 2.
func (d *Document) Heading(level int, text string) {
	d.para(fmt.Sprintf("Heading%d", min(max(level, 1), 2)), Left, []Run{{Text: text}})
}

// Para writes a body paragraph, first line indented by two characters as Chinese
// documents are.
func (d *Document) Para(runs ...Run) { d.para("", Left, runs) }

// Text writes a body paragraph of plain text.
func (d *Document) Text(text string) { d.Para(Run{Text: text}) }

// Aligned writes a paragraph without indent, aligned as asked.
func (d *Document) Aligned(a Align, runs ...Run) { d.para("Plain", a, runs) }

func (d *Document) para(style string, a Align, runs []Run) {
	b := &d.body
	b.WriteString("<w:p>")
	if style != "" || a != Left {
		b.WriteString("<w:pPr>")
		if style != "" {
			fmt.Fprintf(b, `<w:pStyle w:val="%s"/>`, style)
		}
		if a != Left {
			fmt.Fprintf(b, `<w:jc w:val="%s"/>`, a)
		}
		b.WriteString("</w:pPr>")
	}
	for _, r := range runs {
		writeRun(b, r)
	}
	b.WriteString("</w:p>")
}

func writeRun(b *strings.Builder, r Run) {
	// A line break inside a run is a <w:br/>; XML would fold a plain newline.
	for i, line := range strings.Split(r.Text, "\n") {
		b.WriteString("<w:r>")
		if r.Bold || r.Color != "" {
			b.WriteString("<w:rPr>")
			if r.Bold {
				b.WriteString("<w:b/><w:bCs/>")
			}
			if r.Color != "" {
				fmt.Fprintf(b, `<w:color w:val="%s"/>`, escape(r.Color))
			}
			b.WriteString("</w:rPr>")
		}
		if i > 0 {
			b.WriteString("<w:br/>")
		}
		fmt.Fprintf(b, `<w:t xml:space="preserve">%s</w:t>`, escape(line))
		b.WriteString("</w:r>")
	}
}

// Cell is a table cell: its runs, and a shading colour (RRGGBB) or "".
type Cell struct {
	Runs  []Run
	Fill  string
	Align Align
}

// C is a cell of plain text.
func C(text string) Cell { return Cell{Runs: []Run{{Text: text}}} }

// Table writes a ruled table with a bold, shaded header row that repeats on every
// page. widths are the columns' shares of the text width (any unit; they are scaled);
// nil shares it equally.
func (d *Document) Table(header []string, rows [][]Cell, widths []int) {
	n := len(header)
	if n == 0 {
		return
	}
	tw := textWidth
	cols := make([]int, n)
	sum := 0
	for i := range cols {
		w := 1
		if i < len(widths) && widths[i] > 0 {
			w = widths[i]
		}
		cols[i] = w
		sum += w
	}
	for i := range cols {
		cols[i] = cols[i] * tw / sum
	}
	b := &d.body
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/><w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>`)
	for _, w := range cols {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString("</w:tblGrid>")
	hdr := make([]Cell, n)
	for i, h := range header {
		hdr[i] = Cell{Runs: []Run{{Text: h, Bold: true}}, Fill: "E7ECF3", Align: Center}
	}
	d.row(hdr, cols, true)
	for _, r := range rows {
		d.row(r, cols, false)
	}
	b.WriteString("</w:tbl>")
	// Word needs a paragraph between a table and what follows it.
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Plain"/></w:pPr></w:p>`)
}

func (d *Document) row(cells []Cell, cols []int, header bool) {
	b := &d.body
	b.WriteString("<w:tr>")
	if header {
		b.WriteString(`<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>`)
	} else {
		b.WriteString(`<w:trPr><w:cantSplit/></w:trPr>`)
	}
	for i, w := range cols {
		var c Cell
		if i < len(cells) {
			c = cells[i]
		}
		fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, w)
		if c.Fill != "" {
			fmt.Fprintf(b, `<w:shd w:val="clear" w:color="auto" w:fill="%s"/>`, escape(c.Fill))
		}
		b.WriteString(`<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="Cell"/>`)
		if c.Align != Left {
			fmt.Fprintf(b, `<w:jc w:val="%s"/>`, c.Align)
		}
		b.WriteString("</w:pPr>")
		for _, r := range c.Runs {
			writeRun(b, r)
		}
		b.WriteString("</w:p></w:tc>")
	}
	b.WriteString("</w:tr>")
}

// A4 in twentieths of a point, with the margins of Chinese official documents
// (GB/T 9704: 37 mm top, 35 mm bottom, 28 mm left, 26 mm right).
const (
	pageW, pageH = 11906, 16838
	marginTop    = 2098
	marginBottom = 1984
	marginLeft   = 1588
	marginRight  = 1474
	textWidth    = pageW - marginLeft - marginRight
)

// WriteTo writes the document as a .docx file. created is the document's date in its
// properties (the caller's clock; zero leaves it out).
func (d *Document) Write(w io.Writer, created time.Time) error {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", packageRels},
		{"docProps/core.xml", d.core(created)},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/styles.xml", styles},
		{"word/document.xml", d.document()},
	}
	for _, p := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: created})
		if err != nil {
			return fmt.Errorf("docx: %s: %w", p.name, err)
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return fmt.Errorf("docx: %s: %w", p.name, err)
		}
	}
	if err := z.Close(); err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Bytes is the document as a .docx file.
func (d *Document) Bytes(created time.Time) ([]byte, error) {
	var b bytes.Buffer
	err := d.Write(&b, created)
	return b.Bytes(), err
}

func (d *Document) document() string {
	return xml.Header + `<w:document xmlns:w="` + nsW + `" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>` +
		d.body.String() +
		fmt.Sprintf(`<w:sectPr><w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>`,
			pageW, pageH, marginTop, marginRight, marginBottom, marginLeft) +
		`</w:body></w:document>`
}

func (d *Document) core(created time.Time) string {
	date := ""
	if !created.IsZero() {
		date = `<dcterms:created xsi:type="dcterms:W3CDTF">` + created.UTC().Format(time.RFC3339) + `</dcterms:created>`
	}
	return xml.Header + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + escape(d.title) + `</dc:title><dc:creator>lantu</dc:creator>` + date + `</cp:coreProperties>`
}

func escape(s string) string {
	var b strings.Builder
	// Characters XML 1.0 cannot carry at all are dropped rather than breaking the file.
	_ = xml.EscapeText(&b, []byte(strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r != 0xFFFE && r != 0xFFFF {
			return r
		}
		return -1
	}, s)))
	return b.String()
}

const nsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

const contentTypes = xml.Header + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`</Types>`

const packageRels = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`</Relationships>`

const documentRels = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`</Relationships>`

// Sizes are half-points: 三号 16pt = 32, 小二 18pt = 36, 四号 14pt = 28, 小四 12pt = 24,
// 五号 10.5pt = 21.
const styles = xml.Header + `<w:styles xmlns:w="` + nsW + `">` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/>` +
	`<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="560"/><w:jc w:val="both"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Plain"><w:name w:val="Plain"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Plain"/><w:next w:val="Normal"/><w:pPr><w:jc w:val="center"/><w:spacing w:before="240" w:after="240"/></w:pPr>` +
	`<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="黑体"/><w:b/><w:sz w:val="40"/><w:szCs w:val="40"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Plain"/><w:next w:val="Normal"/><w:pPr><w:jc w:val="center"/><w:spacing w:after="240"/></w:pPr>` +
	`<w:rPr><w:rFonts w:eastAsia="楷体"/><w:sz w:val="28"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Plain"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr>` +
	`<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="黑体"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Plain"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/><w:outlineLvl w:val="1"/></w:pPr>` +
	`<w:rPr><w:rFonts w:eastAsia="楷体"/><w:b/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Cell"><w:name w:val="Cell"/><w:basedOn w:val="Plain"/><w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>` +
	`<w:style w:type="table" w:styleId="Grid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>` +
	`<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
	`<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
	`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
	`</w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`</w:styles>`
