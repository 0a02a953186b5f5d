package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Block is a paragraph (Style and Text) or a table (Rows of cell texts), in the order of
// the document.
type Block struct {
	Style string
	Text  string
	Rows  [][]string
}

// IsTable says whether the block is a table.
func (b Block) IsTable() bool { return b.Rows != nil }

// ErrNotDocx is returned for data that is not a Word document.
var ErrNotDocx = errors.New("docx: not a Word document")

// maxPart bounds what Read inflates of document.xml, against zip bombs.
const maxPart = 64 << 20

// Read reads the paragraphs and tables of a .docx file's body: the text a reader sees,
// with line breaks as "\n". Paragraphs inside table cells are the cells' text.
func Read(data []byte) ([]Block, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotDocx, err)
	}
	var doc *zip.File
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			doc = f
		}
	}
	if doc == nil {
		return nil, fmt.Errorf("%w: no word/document.xml", ErrNotDocx)
	}
	rc, err := doc.Open()
	if err != nil {
		return nil, fmt.Errorf("docx: open document.xml: %w", err)
	}
	defer rc.Close()
	return parse(io.LimitReader(rc, maxPart))
}

func parse(r io.Reader) ([]Block, error) {
	dec := xml.NewDecoder(r)
	var (
		out       []Block
		para      strings.Builder
		style     string
		inText    bool
		depth     int // table nesting
		rows      [][]string
		row       []string
		cell      strings.Builder
		cellParas int
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("docx: document.xml: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != nsW {
				continue
			}
			switch t.Name.Local {
			case "tbl":
				depth++
				if depth == 1 {
					rows = [][]string{}
				}
			case "tr":
				if depth == 1 {
					row = nil
				}
			case "tc":
				if depth == 1 {
					cell.Reset()
					cellParas = 0
				}
			case "p":
				para.Reset()
				style = ""
			case "pStyle":
				for _, a := range t.Attr {
					if a.Name.Local == "val" {
						style = a.Value
					}
				}
			case "t":
				inText = true
			case "br":
				para.WriteByte('\n')
			case "tab":
				para.WriteByte('\t')
			}
		case xml.EndElement:
			if t.Name.Space != nsW {
				continue
			}
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				if depth > 0 {
					if cellParas > 0 {
						cell.WriteByte('\n')
					}
					cell.WriteString(para.String())
					cellParas++
				} else {
					out = append(out, Block{Style: style, Text: para.String()})
				}
			case "tc":
				if depth == 1 {
					row = append(row, cell.String())
				}
			case "tr":
				if depth == 1 {
					rows = append(rows, row)
				}
			case "tbl":
				depth--
				if depth == 0 {
					out = append(out, Block{Rows: rows})
				}
			}
		case xml.CharData:
			if inText {
				para.Write(t)
			}
		}
	}
}
