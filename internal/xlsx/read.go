package xlsx

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// expect is what an upload is read against: the template's period and lines.
type expect struct {
	period progress.Period
	rows   map[int64]metaRow
}

type metaRow struct {
	code       string
	kind       plan.Kind
	unit       string
	cumulative bool
}

func expectOf(t Template) *expect {
	e := &expect{period: t.Period, rows: make(map[int64]metaRow, len(t.Rows))}
	for _, r := range t.Rows {
		e.rows[r.IndicatorID] = metaRow{code: r.Code, kind: kindOf(r.Kind), unit: r.Unit, cumulative: r.Cumulative}
	}
	return e
}

// record is one line of a sheet or CSV: its number, the raw cells and, for a
// workbook, a cell as Excel shows it (to see percentages and dates).
type record struct {
	n     int
	cells []string
	shown func(i int) string // nil for a CSV
}

// Limits on an uploaded sheet, far above any department's form.
const (
	maxRows = 20000
	maxCols = 64
)

// ReadWorkbook reads a filled reporting workbook of at most size bytes (size ≤ 0:
// up to MaxUpload). It returns the reported lines, or Errors naming every bad cell
// (sorted by row, then column), or a plain error wrapping ErrNotXLSX for input that
// is not an .xlsx and ErrNotTemplate for a workbook that is not a lantu template.
//
// Cells are read as their stored text, not as Excel formats them, and parsed as
// exact decimals; the package documentation lists what is accepted and refused. A line with nothing in its columns
// to fill (本期数值 to 整改措施, except 是否累计 which is prefilled) is not reported
// and skipped. Every line is checked against the hidden meta sheet: the indicator id
// must be one of the template's, once; the code must be the id's; the period must be
// the template's; the columns must apply to the indicator's kind; a milestone must
// say 是否完成; others must give 本期数值 (a growth line may give 本期累计额 and 上年同期
// instead); texts are at most 2000 characters.
func ReadWorkbook(r io.Reader, size int64) (entries []Entry, err error) {
	b, err := readLimited(r, size)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(b, []byte("PK\x03\x04")) {
		if bytes.HasPrefix(b, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
			return nil, fileError(ErrNotXLSX, "old_xls", nil)
		}
		return nil, fileError(ErrNotXLSX, "not_xlsx", nil)
	}
	defer func() { // excelize on a damaged archive: a clear error, never a panic
		if p := recover(); p != nil {
			entries, err = nil, fileError(ErrNotXLSX, "damaged", fmt.Errorf("%v", p))
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: 128 << 20, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, fileError(ErrNotXLSX, "unreadable", err)
	}
	defer f.Close()
	exp, err := readMeta(f)
	if err != nil {
		return nil, err
	}
	rows, err := f.Rows(SheetForm)
	if err != nil {
		return nil, fileError(ErrNotTemplate, "no_form_sheet", err)
	}
	defer rows.Close()
	var recs []record
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fileError(ErrNotXLSX, "row_unreadable", err, n)
		}
		if len(cells) > maxCols {
			cells = cells[:maxCols]
		}
		if n > maxRows && slices.ContainsFunc(cells, func(c string) bool { return !blank(c) }) {
			return nil, fileError(ErrNotTemplate, "too_many_rows", nil, maxRows)
		}
		recs = append(recs, record{n: n, cells: cells, shown: func(i int) string {
			cell, err := excelize.CoordinatesToCellName(i+1, n)
			if err != nil {
				return ""
			}
			v, _ := f.GetCellValue(SheetForm, cell)
			return v
		}})
	}
	if err := rows.Error(); err != nil {
		return nil, fileError(ErrNotXLSX, "unreadable", err)
	}
	return readTable(SheetForm, recs, exp)
}

func readLimited(r io.Reader, size int64) ([]byte, error) {
	limit := int64(MaxUpload)
	if size > limit {
		return nil, fileError(nil, "too_large", nil, limit>>20)
	}
	if size > 0 {
		limit = size
	}
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("xlsx: read upload: %w", err)
	}
	if int64(len(b)) > limit {
		return nil, fileError(nil, "too_large", nil, limit>>20)
	}
	return b, nil
}

// readMeta reads the hidden sheet WriteTemplate wrote.
func readMeta(f *excelize.File) (*expect, error) {
	bad := func(code string, args ...any) error { return fileError(ErrNotTemplate, code, nil, args...) }
	rows, err := f.GetRows(SheetMeta, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, bad("no_meta")
	}
	cell := func(row []string, i int) string {
		if i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	kv := map[string]string{}
	i := 0
	for ; i < len(rows) && cell(rows[i], 0) != ""; i++ {
		kv[cell(rows[i], 0)] = cell(rows[i], 1)
	}
	if v, ok := kv["lantu-template"]; !ok {
		return nil, bad("meta_damaged")
	} else if v != Version {
		return nil, bad("meta_version", v)
	}
	p, err := progress.ParsePeriod(kv["period"])
	if err != nil {
		return nil, bad("meta_damaged")
	}
	exp := &expect{period: p, rows: map[int64]metaRow{}}
	for i < len(rows) && cell(rows[i], 0) == "" {
		i++
	}
	if i >= len(rows) || cell(rows[i], 0) != metaHeader[0] {
		return nil, bad("meta_damaged")
	}
	for _, row := range rows[i+1:] {
		if cell(row, 0) == "" {
			continue
		}
		id, ok := parseID(cell(row, 0))
		if !ok {
			return nil, bad("meta_damaged")
		}
		if _, dup := exp.rows[id]; dup {
			return nil, bad("meta_damaged")
		}
		cum, _ := parseBool(cell(row, 4))
		exp.rows[id] = metaRow{code: cell(row, 1), kind: kindOf(plan.Kind(cell(row, 2))), unit: cell(row, 3), cumulative: cum}
	}
	return exp, nil
}

// ReadCSV reads a filled CSV form: UTF-8 with or without a byte-order mark (GB18030, as
// Chinese Excel saves "CSV", is also read), comma separated, with a header line of the
// form's column names in Chinese or English (指标编号 or id, 本期数值 or value, …; any
// order; the 指标编号, 指标代码, 报告期 and 本期数值 columns are required). Lines above
// the header (a title) and an English header line below it are skipped, so a form saved
// from the workbook as CSV reads too.
//
// Without the template the file can only be checked against itself: numbers, booleans,
// periods (all lines one period), texts, duplicate ids, and that a reported line gives
// a figure. ReadCSVFor checks against the template as ReadWorkbook does. Errors name the
// line and the column letter Excel shows for the CSV, with Sheet "CSV".
func ReadCSV(r io.Reader) ([]Entry, error) { return readCSV(r, nil) }

// ReadCSVFor is ReadCSV checked against the template the form was made from: ids,
// codes, the period, each indicator's kind and unit, as ReadWorkbook checks them
// against its meta sheet.
func ReadCSVFor(r io.Reader, t Template) ([]Entry, error) { return readCSV(r, expectOf(t)) }

func readCSV(r io.Reader, exp *expect) ([]Entry, error) {
	b, err := readLimited(r, 0)
	if err != nil {
		return nil, err
	}
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return nil, fileError(ErrNotTemplate, "csv_encoding", nil)
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return nil, fileError(ErrNotTemplate, "csv_is_xlsx", nil)
	}
	if !utf8.Valid(b) {
		d, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
		if err != nil || !utf8.Valid(d) {
			return nil, fileError(ErrNotTemplate, "csv_encoding", nil)
		}
		b = d
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return nil, fileError(ErrNotTemplate, "csv_binary", nil)
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	var recs []record
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, Errors{{Sheet: SheetCSV, Row: pe.Line, Column: colName(pe.Column),
					Code: "malformed_csv"}}
			}
			return nil, fmt.Errorf("xlsx: read csv: %w", err)
		}
		line, _ := cr.FieldPos(0)
		recs = append(recs, record{n: line, cells: rec})
	}
	return readTable(SheetCSV, recs, exp)
}

// headerNames maps every accepted header spelling, folded, to its column.
var headerNames = func() map[string]field {
	m := map[string]field{}
	for c := field(0); c < nFields; c++ {
		zh, en := columns[c].zh, columns[c].en
		for _, s := range []string{zh, en, zh + en, zh + "(" + en + ")", en + "(" + zh + ")", zh + "/" + en} {
			m[foldHeader(s)] = c
		}
	}
	return m
}()

func foldHeader(s string) string {
	s = strings.ToLower(normalize(s))
	return strings.NewReplacer(" ", "", "_", "", "-", "", "\n", "", "\r", "", "\t", "", "*", "").Replace(s)
}

// findHeader looks in the first lines for the header: the first line naming at least
// the id and value columns.
func findHeader(recs []record) (int, bool) {
	for i := 0; i < len(recs) && i < 20; i++ {
		var id, val bool
		for _, c := range recs[i].cells {
			f, ok := headerNames[foldHeader(c)]
			id = id || ok && f == fID
			val = val || ok && f == fValue
		}
		if id && val {
			return i, true
		}
	}
	return 0, false
}

// table reads the lines of one sheet or CSV.
type table struct {
	sheet string
	exp   *expect
	cols  [nFields]int // index of each field's column, -1 when absent
	errs  Errors
}

func readTable(sheet string, recs []record, exp *expect) ([]Entry, error) {
	h, ok := findHeader(recs)
	if !ok {
		return nil, fileError(ErrNotTemplate, "no_header", nil)
	}
	t := &table{sheet: sheet, exp: exp}
	for i := range t.cols {
		t.cols[i] = -1
	}
	hr := recs[h]
	for i, c := range hr.cells {
		if blank(c) {
			continue
		}
		f, ok := headerNames[foldHeader(c)]
		switch {
		case !ok:
			t.errs = append(t.errs, CellError{Sheet: sheet, Row: hr.n, Column: colName(i + 1), Value: shorten(c),
				Code: "unknown_column"})
		case t.cols[f] >= 0:
			t.errs = append(t.errs, CellError{Sheet: sheet, Row: hr.n, Column: colName(i + 1), Field: f.name(),
				Value: shorten(c), Code: "same_column", Args: []any{colName(t.cols[f] + 1)}})
		default:
			t.cols[f] = i
		}
	}
	for _, f := range []field{fID, fCode, fPeriod, fValue} {
		if t.cols[f] < 0 {
			t.errs = append(t.errs, CellError{Sheet: sheet, Row: hr.n, Field: f.name(), Code: "column_missing"})
		}
	}
	if len(t.errs) > 0 {
		t.errs.Sort()
		return nil, t.errs
	}
	body := recs[h+1:]
	if len(body) > 0 && isEnglishHeader(body[0]) {
		body = body[1:]
	}
	var entries []Entry
	seenID := map[int64]int{}
	var firstPeriod progress.Period
	firstRow := 0
	for _, rec := range body {
		e, ok := t.line(rec, seenID, &firstPeriod, &firstRow)
		if ok {
			entries = append(entries, e)
		}
	}
	if len(t.errs) > 0 {
		t.errs.Sort()
		return nil, t.errs
	}
	return entries, nil
}

func isEnglishHeader(r record) bool {
	n := 0
	for _, c := range r.cells {
		if blank(c) {
			continue
		}
		f, ok := headerNames[foldHeader(c)]
		if !ok || foldHeader(c) != foldHeader(columns[f].en) {
			return false
		}
		n++
	}
	return n >= 3
}

// line reads one line; ok is false for a line not reported or with errors (which
// are recorded).
func (t *table) line(rec record, seenID map[int64]int, firstPeriod *progress.Period, firstRow *int) (Entry, bool) {
	get := func(f field) string {
		if i := t.cols[f]; i >= 0 && i < len(rec.cells) {
			return rec.cells[i]
		}
		return ""
	}
	shown := func(f field) string {
		if i := t.cols[f]; i >= 0 && i < len(rec.cells) && rec.shown != nil {
			return rec.shown(i)
		}
		return ""
	}
	reported := false
	for _, f := range []field{fValue, fLastYear, fAmount, fDone, fNote, fCause, fRemedy} {
		reported = reported || !blank(get(f))
	}
	if !reported {
		return Entry{}, false
	}
	nerr := len(t.errs)
	bad := map[field]bool{}
	add := func(f field, code string, args ...any) {
		bad[f] = true
		col := ""
		if t.cols[f] >= 0 {
			col = colName(t.cols[f] + 1)
		}
		t.errs = append(t.errs, CellError{Sheet: t.sheet, Row: rec.n, Column: col, Field: f.name(),
			Value: shorten(strings.TrimSpace(get(f))), Code: code, Args: args})
	}
	e := Entry{Sheet: t.sheet, Row: rec.n, cols: t.cols}

	// Identity.
	var m *metaRow
	switch id, ok := parseID(get(fID)); {
	case blank(get(fID)):
		add(fID, "id_missing")
	case !ok:
		add(fID, "id_invalid")
	default:
		e.IndicatorID = id
		if t.exp != nil {
			if mr, ok := t.exp.rows[id]; ok {
				m = &mr
			} else {
				add(fID, "id_not_in_template")
			}
		}
		if prev, dup := seenID[id]; dup {
			add(fID, "id_repeated", prev)
		} else {
			seenID[id] = rec.n
		}
	}
	e.Code = strings.TrimSpace(get(fCode))
	if len(e.Code) > 1 && e.Code[0] == '\'' && strings.ContainsRune("=+-@", rune(e.Code[1])) {
		e.Code = e.Code[1:]
	}
	if m != nil && e.Code != m.code {
		add(fCode, "code_mismatch", m.code)
	}
	switch p, ok := parsePeriod(get(fPeriod)); {
	case blank(get(fPeriod)):
		add(fPeriod, "period_missing")
	case !ok:
		if p2, ok2 := parsePeriod(shown(fPeriod)); ok2 && shown(fPeriod) != "" {
			p, ok = p2, true
		}
		if !ok {
			add(fPeriod, "period_invalid")
			break
		}
		fallthrough
	default:
		e.Period = p
		switch {
		case t.exp != nil && p != t.exp.period:
			add(fPeriod, "period_not_template", t.exp.period.String())
		case t.exp == nil && firstPeriod.IsZero():
			*firstPeriod, *firstRow = p, rec.n
		case t.exp == nil && p != *firstPeriod:
			add(fPeriod, "period_differs", *firstRow, firstPeriod.String())
		}
	}

	// Figures.
	unit := strings.TrimSpace(get(fUnit))
	var kind plan.Kind // "" when unknown (a CSV read without its template)
	e.Cumulative = false
	if m != nil {
		unit, kind, e.Cumulative = m.unit, m.kind, m.cumulative
	}
	num := func(f field, dst **decimal.Decimal) {
		s := get(f)
		if blank(s) {
			return
		}
		if kind != "" && !applies(f, kind) {
			add(f, "not_for_kind", string(kind))
			return
		}
		c := numberCtx{unit: unit, percentFmt: isNumber(s) && strings.HasSuffix(strings.TrimSpace(shown(f)), "%")}
		if f != fValue && (c.unit == "%" || strings.Contains(c.unit, "百分点")) {
			c.unit = "" // 上年同期 and 本期累计额 are amounts, never rates
		}
		d, why, args := parseNumber(s, c)
		if why != "" {
			add(f, why, args...)
			return
		}
		*dst = &d
	}
	num(fValue, &e.Value)
	num(fLastYear, &e.LastYear)
	num(fAmount, &e.Amount)
	if s := get(fCumulative); !blank(s) {
		if v, ok := parseBool(s); ok {
			e.Cumulative = v
		} else {
			add(fCumulative, "yes_no")
		}
	}
	switch s := get(fDone); {
	case blank(s):
		if kind == plan.KindMilestone {
			add(fDone, "done_missing")
		}
	case kind != "" && !applies(fDone, kind):
		add(fDone, "not_for_kind", string(kind))
	default:
		if v, ok := parseBool(s); ok {
			e.Done = v
		} else {
			add(fDone, "yes_no")
		}
	}
	// A reported line must carry its figure.
	if !bad[fValue] && !bad[fLastYear] && !bad[fAmount] && !bad[fDone] && e.Value == nil {
		pair := e.Amount != nil && e.LastYear != nil
		switch {
		case kind == plan.KindMilestone:
		case kind == plan.KindGrowth && pair:
		case kind == "" && (pair || !blank(get(fDone))):
		case kind == plan.KindGrowth:
			add(fValue, "value_missing_growth")
		default:
			add(fValue, "value_missing")
		}
	}

	// Texts.
	for _, x := range []struct {
		f   field
		dst *string
	}{{fNote, &e.Note}, {fCause, &e.Cause}, {fRemedy, &e.Remedy}} {
		s := strings.TrimSpace(get(x.f))
		if tooLong(s) {
			add(x.f, "text_too_long", MaxText, utf8.RuneCountInString(s))
			continue
		}
		*x.dst = s
	}
	return e, len(t.errs) == nerr
}

// isNumber reports a cell Excel stores as a number (the raw text of a number cell).
func isNumber(s string) bool {
	_, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return err == nil
}
