package extract

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Formats reported by Decode.
const (
	FormatUTF8    = "utf-8"
	FormatUTF16   = "utf-16"
	FormatGB18030 = "gb18030"
	FormatHTML    = "html"
	FormatDOCX    = "docx"
)

// maxDocx bounds the uncompressed size of word/document.xml.
const maxDocx = 256 << 20

// Decode turns the bytes of a file into text, one paragraph per line:
//   - UTF-8, with or without a byte order mark (the mark is dropped);
//   - UTF-16 with a byte order mark;
//   - GBK / GB18030 (text that is not valid UTF-8 and decodes as GB18030 to
//     Chinese text);
//   - HTML (by name or content): the text of the body, block elements as
//     paragraphs, script and style dropped;
//   - .docx: the text of each w:p of word/document.xml as one line;
//   - PDF: the text layer, lines broken at a fixed width joined back into
//     paragraphs, running headers, footers and page numbers dropped.
//
// Anything else (images, other binaries, zip files that are not .docx)
// is an error naming the file and what was found. Offsets of facts found in
// the text refer to the returned text.
func Decode(name string, data []byte) (text string, format string, err error) {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF")):
		t, err := decodePDF(name, data)
		return t, FormatPDF, err
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		t, err := decodeDocx(name, data)
		return t, FormatDOCX, err
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "", "", fmt.Errorf("%s: legacy Microsoft Office file (.doc/.xls): save it as .docx first", name)
	case bytes.HasPrefix(data, []byte("\x89PNG")), bytes.HasPrefix(data, []byte("\xFF\xD8\xFF")),
		bytes.HasPrefix(data, []byte("GIF8")):
		return "", "", fmt.Errorf("%s: image file, not text", name)
	case bytes.HasPrefix(data, []byte{0x1F, 0x8B}):
		return "", "", fmt.Errorf("%s: gzip-compressed data: decompress it first", name)
	}
	s, enc, err := decodeText(name, data)
	if err != nil {
		return "", "", err
	}
	if isHTML(name, s) {
		t, err := htmlText(s)
		if err != nil {
			return "", "", fmt.Errorf("%s: HTML: %w", name, err)
		}
		return t, FormatHTML, nil
	}
	return s, enc, nil
}

// decodeText decodes plain text: UTF-16 with a BOM, UTF-8 (BOM dropped), or
// GB18030 checked to read as Chinese text.
func decodeText(name string, data []byte) (string, string, error) {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		dec := xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM).NewDecoder()
		b, err := dec.Bytes(data)
		if err != nil {
			return "", "", fmt.Errorf("%s: bad UTF-16: %w", name, err)
		}
		return string(b), FormatUTF16, nil
	}
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	if utf8.Valid(data) {
		if looksBinary(string(data)) {
			return "", "", fmt.Errorf("%s: binary data (control characters), not text", name)
		}
		return string(data), FormatUTF8, nil
	}
	b, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || !plausibleChinese(string(b)) {
		off := invalidAt(data)
		return "", "", &EncodingError{Name: name, Offset: int64(off), Byte: data[off]}
	}
	return string(b), FormatGB18030, nil
}

// EncodingError is text that is neither UTF-8 nor GBK/GB18030: Offset is the
// byte offset of the first byte that is not UTF-8.
type EncodingError struct {
	Name   string
	Offset int64
	Byte   byte
}

func (e *EncodingError) Error() string {
	return fmt.Sprintf("%s: not UTF-8 or GBK text: byte 0x%02X at byte offset %d", e.Name, e.Byte, e.Offset)
}

// invalidAt returns the offset of the first byte of b that is not UTF-8
// (len(b) when all is).
func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// looksBinary reports text with NUL bytes or many control characters.
func looksBinary(s string) bool {
	n, bad := 0, 0
	for _, r := range s {
		n++
		if r == 0 || r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' && r != '\v' {
			bad++
		}
		if n >= 1<<16 {
			break
		}
	}
	return n > 0 && (bad*100 > n || bad > 0 && n < 64 && bad*10 > n) || strings.ContainsRune(s[:min(len(s), 1<<16)], 0)
}

// plausibleChinese reports text decoded from GB18030 that reads as text:
// no replacement characters, and mostly common CJK ideographs, CJK
// punctuation, ASCII or white space (a wrong guess gives rare ideographs,
// symbols and control characters).
func plausibleChinese(s string) bool {
	n, good := 0, 0
	for _, r := range s {
		n++
		switch {
		case r == utf8.RuneError:
			return false
		case r >= 0x4E00 && r <= 0x9FA5, r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF,
			r >= 0x20 && r < 0x7F, r == '\n', r == '\r', r == '\t', r >= 0x2010 && r <= 0x206F:
			good++
		}
	}
	return n == 0 || good*100 >= n*95
}

func isHTML(name, s string) bool {
	ext := strings.ToLower(path.Ext(name))
	if ext == ".html" || ext == ".htm" || ext == ".xhtml" {
		return true
	}
	head := strings.ToLower(strings.TrimLeftFunc(s[:min(len(s), 1024)], unicode.IsSpace))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") ||
		strings.HasPrefix(head, "<?xml") && strings.Contains(head, "<html")
}

// htmlText returns the text of the body of an HTML document: one line per
// block element, script, style and other non-text elements dropped.
func htmlText(s string) (string, error) {
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	var line strings.Builder
	flush := func() {
		t := strings.TrimSpace(collapseSpace(line.String()))
		if t != "" {
			b.WriteString(t)
			b.WriteByte('\n')
		}
		line.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			line.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head, atom.Iframe, atom.Svg,
				atom.Object, atom.Button, atom.Select, atom.Textarea:
				return
			case atom.Br:
				flush()
				return
			}
		}
		block := n.Type == html.ElementNode && isBlock(n.DataAtom)
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	walk(doc)
	flush()
	return b.String(), nil
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Ul, atom.Ol,
		atom.Tr, atom.Td, atom.Th, atom.Table, atom.Section, atom.Article, atom.Header, atom.Footer,
		atom.Blockquote, atom.Pre, atom.Figure, atom.Figcaption, atom.Dd, atom.Dt, atom.Dl, atom.Main,
		atom.Nav, atom.Aside, atom.Caption, atom.Hr, atom.Body, atom.Title, atom.Address:
		return true
	}
	return false
}

// collapseSpace folds runs of white space (HTML source line breaks) into
// one space; ideographic spaces are kept.
func collapseSpace(s string) string {
	var b strings.Builder
	sp := false
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' || r == '\f' {
			if !sp {
				b.WriteByte(' ')
			}
			sp = true
			continue
		}
		sp = false
		b.WriteRune(r)
	}
	return b.String()
}

// decodeDocx returns the text of word/document.xml, one line per w:p.
func decodeDocx(name string, data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("%s: zip archive: %w", name, err)
	}
	var doc *zip.File
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			doc = f
		}
	}
	if doc == nil {
		return "", fmt.Errorf("%s: zip archive without word/document.xml: not a .docx document", name)
	}
	rc, err := doc.Open()
	if err != nil {
		return "", fmt.Errorf("%s: word/document.xml: %w", name, err)
	}
	defer rc.Close()
	dec := xml.NewDecoder(io.LimitReader(rc, maxDocx))
	var b strings.Builder
	inText := false
	paras := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("%s: word/document.xml: %w", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "p":
				if paras > 0 {
					b.WriteByte('\n')
				}
				paras++
			case "t":
				inText = true
			case "tab":
				b.WriteByte('\t')
			case "br", "cr":
				b.WriteByte('\n')
			}
		case xml.EndElement:
			if tok.Name.Local == "t" {
				inText = false
			}
		case xml.CharData:
			if inText {
				b.Write(tok)
			}
		}
	}
	return b.String(), nil
}
