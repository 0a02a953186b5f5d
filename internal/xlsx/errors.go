package xlsx

import (
	"errors"

	"fmt"
	"github.com/lantu-dev/lantu/internal/progress"
	"slices"
	"strings"
	"unicode/utf8"
)

var (
	// ErrNotXLSX is matched (errors.Is) by the *FileError for input that is not an
	// .xlsx workbook at all (random bytes, a CSV or an old .xls uploaded by mistake).
	ErrNotXLSX = errors.New("xlsx: not an .xlsx workbook")
	// ErrNotTemplate is matched by the *FileError for a workbook or CSV that is not a
	// lantu reporting form: no 填报 sheet, no meta sheet, no header row, or a template
	// version this build does not know.
	ErrNotTemplate = errors.New("xlsx: not a lantu reporting form")
)

// FileError refuses a whole upload: Code says why (old_xls, not_xlsx, damaged,
// no_meta, csv_encoding, too_large …) and Args are its values; i18n.WorkbookFile says
// it in the reader's language. Err is the cause underneath, for the log.
type FileError struct {
	Kind error // ErrNotXLSX, ErrNotTemplate, or nil
	Code string
	Args []any
	Err  error
}

func fileError(kind error, code string, cause error, args ...any) *FileError {
	return &FileError{Kind: kind, Code: code, Args: args, Err: cause}
}

func (e *FileError) Error() string {
	msg := "xlsx: " + e.Code
	if e.Kind != nil {
		msg = e.Kind.Error() + ": " + e.Code
	}
	if len(e.Args) > 0 {
		msg += fmt.Sprint(e.Args)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Is makes errors.Is(err, ErrNotXLSX) or errors.Is(err, ErrNotTemplate) true for its kind.
func (e *FileError) Is(target error) bool { return e.Kind != nil && target == e.Kind }

// Unwrap is the cause underneath.
func (e *FileError) Unwrap() error { return e.Err }

// Cell error codes of the figures (the others are written where they are found).
const (
	CodeNotNumber      = "not_number"       // not a number
	CodeTooLarge       = "too_large"        // a figure of 10^15 or more
	CodeUnitNotPercent = "unit_not_percent" // a % sign where the unit is not a percentage
	CodeUnitScaled     = "unit_scaled"      // 3万 where the unit (Args[0]) is already 万元
	CodePercentFormat  = "percent_format"   // a percentage cell, the unit (Args[0]) is not %
)

// figureCode is the cell code of progress.ParseFigure's or CheckFigure's error.
func figureCode(err error) string {
	var fe *progress.FigureError
	if errors.As(err, &fe) && fe.Code == progress.FigureTooLarge {
		return CodeTooLarge
	}
	return CodeNotNumber
}

// CellError names one bad cell of an upload: the sheet (填报, or CSV for a CSV
// form), the row (the line of a CSV), the column letter as Excel shows it, the
// field (the form's English column name: value, period, id …), the text found there
// (shortened to 60 characters) and why it was refused: Code and its values Args
// (i18n.WorkbookCell says it in the reader's language). Reason is a refusal already
// in words (an importer that builds its own sentences), used when Code is "".
type CellError struct {
	Sheet  string `json:"sheet"`
	Row    int    `json:"row"`
	Column string `json:"column"` // "H"; "" for a whole row or file
	Field  string `json:"field"`  // "value"
	Value  string `json:"value"`
	Code   string `json:"code,omitempty"`
	Args   []any  `json:"args,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// Cell is the Excel reference of the cell: 填报!H7, or CSV!H7.
func (e CellError) Cell() string {
	if e.Column == "" {
		return fmt.Sprintf("%s!%d", e.Sheet, e.Row)
	}
	return fmt.Sprintf("%s!%s%d", e.Sheet, e.Column, e.Row)
}

// Error, for the log, reads like `填报!H7 value "abc": not_number`.
func (e CellError) Error() string {
	var b strings.Builder
	b.WriteString(e.Cell())
	if e.Field != "" {
		b.WriteString(" " + e.Field)
	}
	if e.Value != "" {
		fmt.Fprintf(&b, " %q", e.Value)
	}
	why := e.Code
	if why == "" {
		why = e.Reason
	}
	b.WriteString(": " + why)
	if len(e.Args) > 0 {
		fmt.Fprint(&b, e.Args)
	}
	return b.String()
}

// Errors is every problem found in an upload, sorted by row, then column. Any one
// of them refuses the whole file.
type Errors []CellError

// Error lists every problem, one a line, after a count.
func (es Errors) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "xlsx: %d error(s), nothing imported:", len(es))
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
		if c := strings.Compare(a.Code, b.Code); c != 0 {
			return c
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
