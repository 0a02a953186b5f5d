package xlsx

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

var (
	// ErrNotXLSX is wrapped by ReadWorkbook's error for input that is not an .xlsx
	// workbook at all (random bytes, a CSV or an old .xls uploaded by mistake).
	ErrNotXLSX = errors.New("不是 .xlsx 工作簿 / not an .xlsx workbook")
	// ErrNotTemplate is wrapped by the readers' error for a workbook or CSV that is not
	// a lantu reporting template: no 填报 sheet, no meta sheet, no header row, or a
	// template version this build does not know.
	ErrNotTemplate = errors.New("不是蓝图填报模板 / not a lantu reporting template")
)

// CellError names one bad cell of an upload: the sheet (填报, or CSV for a CSV
// form), the row (the line of a CSV), the column letter as Excel shows it, the
// field's header, the text found there (shortened to 60 characters) and why it
// was refused, in Chinese and English.
type CellError struct {
	Sheet  string `json:"sheet"`
	Row    int    `json:"row"`
	Column string `json:"column"` // "H"; "" for a whole row or file
	Field  string `json:"field"`  // "本期数值 value"
	Value  string `json:"value"`
	Reason string `json:"reason"`
}

// Cell is the Excel reference of the cell: 填报!H7, or CSV!H7.
func (e CellError) Cell() string {
	if e.Column == "" {
		return fmt.Sprintf("%s!%d", e.Sheet, e.Row)
	}
	return fmt.Sprintf("%s!%s%d", e.Sheet, e.Column, e.Row)
}

// Error reads like `填报!H7 本期数值 value "abc": 不是数字 / is not a number`.
func (e CellError) Error() string {
	var b strings.Builder
	b.WriteString(e.Cell())
	if e.Field != "" {
		b.WriteString(" " + e.Field)
	}
	if e.Value != "" {
		fmt.Fprintf(&b, " %q", e.Value)
	}
	b.WriteString(": " + e.Reason)
	return b.String()
}

// Errors is every problem found in an upload, sorted by row, then column. Any one
// of them refuses the whole file.
type Errors []CellError

// Error lists every problem, one a line, after a count.
func (es Errors) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "文件有%d处错误，未导入 / %d error(s), nothing imported:", len(es), len(es))
	for _, e := range es {
		b.WriteString("\n  " + e.Error())
	}
	return b.String()
}

// Sort orders the list by row, then column (A < B < … < Z < AA), then reason; use it
// after adding the service's own errors to the list.
func (es Errors) Sort() {
	slices.SortStableFunc(es, func(a, b CellError) int {
		if a.Row != b.Row {
			return a.Row - b.Row
		}
		if ca, cb := colNumber(a.Column), colNumber(b.Column); ca != cb {
			return ca - cb
		}
		return strings.Compare(a.Reason, b.Reason)
	})
}

// colNumber is 1 for A, 27 for AA, 0 for "".
func colNumber(s string) int {
	n := 0
	for _, c := range s {
		if c < 'A' || c > 'Z' {
			return n
		}
		n = n*26 + int(c-'A') + 1
	}
	return n
}

// colName is A for 1, AA for 27.
func colName(n int) string {
	s := ""
	for n > 0 {
		n--
		s = string(rune('A'+n%26)) + s
		n /= 26
	}
	return s
}

// shorten keeps an echoed value readable in an error list.
func shorten(s string) string {
	const keep = 60
	if utf8.RuneCountInString(s) <= keep {
		return s
	}
	r := []rune(s)
	return string(r[:keep]) + "…"
}
