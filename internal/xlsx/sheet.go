package xlsx

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Sheet is a plain sheet of an upload that is not a reporting template (enterprises and
// projects for the investment centre): its name as errors cite it, and its lines as
// text cells, numbered as Excel (or the CSV's line) numbers them.
type Sheet struct {
	Name  string
	Lines []Line
}

// Line is one line of a Sheet.
type Line struct {
	N     int
	Cells []string
}

// Cell is the text of column i, "" when the line is shorter.
func (l Line) Cell(i int) string {
	if i < 0 || i >= len(l.Cells) {
		return ""
	}
	return l.Cells[i]
}

// Column is the Excel letter of the column at index i (0 → A).
func Column(i int) string { return colName(i + 1) }

// FoldHeader is the form headers are compared in: case, width, spaces and marks folded.
func FoldHeader(s string) string { return foldHeader(s) }

// ReadSheet reads the first sheet of an .xlsx workbook, or a CSV when csv is set
// (UTF-8 with or without a byte-order mark, or GB18030 as Chinese Excel saves it), with
// the limits the reporting workbook has. Cells are the stored text, not Excel's display.
func ReadSheet(data []byte, csvForm bool) (sh Sheet, err error) {
	if _, err := readLimited(bytes.NewReader(data), int64(len(data))); err != nil {
		return sh, err
	}
	if csvForm {
		return readPlainCSV(data)
	}
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return sh, fileError(ErrNotXLSX, "not_xlsx", nil)
	}
	defer func() {
		if p := recover(); p != nil {
			sh, err = Sheet{}, fileError(ErrNotXLSX, "damaged", fmt.Errorf("%v", p))
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 128 << 20, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return sh, fileError(ErrNotXLSX, "unreadable", err)
	}
	defer f.Close()
	names := f.GetSheetList()
	if len(names) == 0 {
		return sh, fileError(ErrNotXLSX, "no_sheet", nil)
	}
	sh.Name = names[0]
	rows, err := f.Rows(sh.Name)
	if err != nil {
		return sh, fileError(ErrNotXLSX, "unreadable", err)
	}
	defer rows.Close()
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return sh, fileError(ErrNotXLSX, "row_unreadable", err, n)
		}
		if n > maxRows {
			return sh, fileError(nil, "too_many_rows", nil, maxRows)
		}
		if len(cells) > maxCols {
			cells = cells[:maxCols]
		}
		sh.Lines = append(sh.Lines, Line{N: n, Cells: cells})
	}
	return sh, rows.Error()
}

func readPlainCSV(b []byte) (Sheet, error) {
	sh := Sheet{Name: SheetCSV}
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return sh, fileError(nil, "csv_is_xlsx", nil)
	}
	if !utf8.Valid(b) {
		d, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
		if err != nil || !utf8.Valid(d) {
			return sh, fileError(nil, "csv_encoding", nil)
		}
		b = d
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return sh, Errors{{Sheet: SheetCSV, Row: pe.Line, Column: colName(pe.Column), Code: "malformed_csv"}}
			}
			return sh, err
		}
		line, _ := cr.FieldPos(0)
		if len(sh.Lines) >= maxRows {
			return sh, fileError(nil, "too_many_rows", nil, maxRows)
		}
		sh.Lines = append(sh.Lines, Line{N: line, Cells: rec})
	}
	return sh, nil
}
