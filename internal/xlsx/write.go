package xlsx

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// WriteTemplate writes the reporting workbook for t as .xlsx:
//
//   - sheet 填报: a title line, Chinese headers, English headers (frozen with the id, code
//     and name columns), then one line per indicator from row 4. The prefilled columns
//     (A–G: id, code, name, unit, target, last figure, period) are locked; the columns
//     to fill (H–O) are open where they apply to the indicator's kind and greyed and
//     locked where they do not (a milestone fills 是否完成 only; 本期累计额 is for growth
//     indicators). The sheet is protected WITHOUT a password: protection guards against
//     slips, not tampering, and every cell is checked again on upload.
//   - sheet 说明: how to fill the form (protected, no password).
//   - sheet _meta, very hidden: the template version, the period and each line's
//     indicator id, code, kind, unit and cumulative default, so an upload is read
//     against what was sent out.
//
// Numbers are written as Excel numbers when float64 holds them exactly in 15
// significant digits, with a number format showing exactly their decimals; otherwise
// as text, so what is shown is the exact figure.
func WriteTemplate(w io.Writer, t Template) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := buildWorkbook(f, t); err != nil {
		return fmt.Errorf("xlsx: write template: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("xlsx: write template: %w", err)
	}
	return nil
}

// errWriter keeps the first error of a run of excelize calls.
type errWriter struct{ err error }

func (e *errWriter) do(err error) {
	if e.err == nil && err != nil {
		e.err = err
	}
}

func buildWorkbook(f *excelize.File, t Template) error {
	var ew errWriter
	ew.do(f.SetSheetName("Sheet1", SheetForm))
	_, err := f.NewSheet(SheetHelp)
	ew.do(err)
	_, err = f.NewSheet(SheetMeta)
	ew.do(err)
	if ew.err != nil {
		return ew.err
	}
	st := &styler{f: f, ids: map[string]int{}}
	sh := SheetForm

	// Title and headers.
	title := strings.TrimSpace(fmt.Sprintf("%s 进度填报 — %s%s — %s", t.PlanTitle, t.Region, t.Department, t.Period.Label()))
	ew.do(f.SetCellStr(sh, "A1", title))
	ew.do(f.MergeCell(sh, "A1", fRemedy.col()+"1"))
	ew.do(f.SetCellStyle(sh, "A1", "A1", st.get("title", 0)))
	ew.do(f.SetRowHeight(sh, 1, 24))
	ew.do(f.SetRowHeight(sh, 2, 30))
	for c := field(0); c < nFields; c++ {
		col := c.col()
		ew.do(f.SetCellStr(sh, col+"2", columns[c].zh))
		ew.do(f.SetCellStr(sh, col+"3", columns[c].en))
		ew.do(f.SetColWidth(sh, col, col, columns[c].width))
		if columns[c].hint != "" {
			ew.do(f.AddComment(sh, excelize.Comment{Cell: col + "2", Author: "lantu", Text: columns[c].hint}))
		}
	}
	ew.do(f.SetCellStyle(sh, "A2", fRemedy.col()+"2", st.get("head", 0)))
	ew.do(f.SetCellStyle(sh, "A3", fRemedy.col()+"3", st.get("headEn", 0)))
	ew.do(f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 3, YSplit: headerRows,
		TopLeftCell: "D" + strconv.Itoa(headerRows+1), ActivePane: "bottomRight"}))

	// Lines.
	var numeric, bools, texts []string
	period := t.Period.String()
	for i, r := range t.Rows {
		n := headerRows + 1 + i
		at := func(c field) string { return c.col() + strconv.Itoa(n) }
		kind := kindOf(r.Kind)
		ew.do(f.SetCellInt(sh, at(fID), r.IndicatorID))
		ew.do(f.SetCellStr(sh, at(fCode), r.Code))
		ew.do(f.SetCellStr(sh, at(fName), r.Name))
		ew.do(f.SetCellStr(sh, at(fUnit), r.Unit))
		ew.do(f.SetCellStr(sh, at(fTarget), targetText(r)))
		ew.do(f.SetCellStyle(sh, at(fID), at(fTarget), st.get("locked", 0)))
		ew.do(f.SetCellStyle(sh, at(fName), at(fName), st.get("lockedWrap", 0)))
		if r.LastValue != nil {
			ew.do(writeNumber(f, st, sh, at(fLast), *r.LastValue, "locked"))
			if r.LastPeriod != "" {
				ew.do(f.AddComment(sh, excelize.Comment{Cell: at(fLast), Author: "lantu", Text: "期间 " + r.LastPeriod}))
			}
		} else {
			ew.do(f.SetCellStyle(sh, at(fLast), at(fLast), st.get("locked", 0)))
		}
		ew.do(f.SetCellStr(sh, at(fPeriod), period))
		ew.do(f.SetCellStyle(sh, at(fPeriod), at(fPeriod), st.get("lockedText", 0)))
		ew.do(f.SetCellStr(sh, at(fCumulative), boolText(r.Cumulative)))
		bools = append(bools, at(fCumulative))
		for _, c := range []field{fValue, fLastYear, fAmount, fDone} {
			if !applies(c, kind) {
				ew.do(f.SetCellStyle(sh, at(c), at(c), st.get("na", 0)))
				continue
			}
			if c == fDone {
				bools = append(bools, at(c))
			} else {
				numeric = append(numeric, at(c))
			}
		}
		texts = append(texts, at(fNote), at(fCause), at(fRemedy))
	}
	for _, c := range numeric {
		ew.do(f.SetCellStyle(sh, c, c, st.get("edit", 0)))
	}
	for _, c := range bools {
		ew.do(f.SetCellStyle(sh, c, c, st.get("editCenter", 0)))
	}
	for _, c := range texts {
		ew.do(f.SetCellStyle(sh, c, c, st.get("editWrap", 0)))
	}
	if len(t.Rows) > 0 {
		if len(numeric) > 0 {
			dv := excelize.NewDataValidation(true)
			dv.Sqref = ranges(numeric)
			ew.do(dv.SetRange(-1e15+1, 1e15-1, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween))
			dv.SetError(excelize.DataValidationErrorStyleWarning, "请填写数字",
				"请填写数字。也可写1.5亿、3万，上传时换算；单位已是万/亿的请直接填数字。")
			dv.SetInput("填写数字", "可写1.5亿、3万；单位为%的可写5%")
			ew.do(f.AddDataValidation(sh, dv))
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = ranges(bools)
		ew.do(dv.SetDropList([]string{"是", "否"}))
		dv.SetError(excelize.DataValidationErrorStyleStop, "请选择", "请选择“是”或“否”")
		ew.do(f.AddDataValidation(sh, dv))
		dv = excelize.NewDataValidation(true)
		dv.Sqref = ranges(texts)
		ew.do(dv.SetRange(0, MaxText, excelize.DataValidationTypeTextLength, excelize.DataValidationOperatorBetween))
		dv.SetError(excelize.DataValidationErrorStyleStop, "文字过长", fmt.Sprintf("不超过%d字", MaxText))
		ew.do(f.AddDataValidation(sh, dv))
	}
	ew.do(f.ProtectSheet(sh, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true,
	}))

	// Instructions.
	ew.do(writeHelp(f, st, t))

	// Meta.
	ew.do(writeMeta(f, t))
	ew.do(f.SetSheetVisible(SheetMeta, false, true))
	ew.do(f.ProtectSheet(SheetMeta, &excelize.SheetProtectionOptions{}))

	f.SetActiveSheet(0)
	ew.do(f.SetDocProps(&excelize.DocProperties{
		Title:   title,
		Creator: "lantu",
		Created: t.GeneratedAt.UTC().Format(time.RFC3339),
	}))
	return ew.err
}

// applies says whether a column to fill is used by an indicator kind: a milestone
// reports 是否完成 only; 本期累计额 belongs to growth indicators; the others report a
// value (and may give 上年同期).
func applies(c field, k plan.Kind) bool {
	switch c {
	case fValue, fLastYear:
		return k != plan.KindMilestone
	case fAmount:
		return k == plan.KindGrowth
	case fDone:
		return k == plan.KindMilestone
	}
	return true
}

// exactFloat is the float64 Excel can hold d as exactly (at most 15 significant
// digits), with d without trailing zeros; ok is false when there is none — in
// particular for a figure beyond progress.FigureLimit (only one stored before the bound
// existed), which float64 may read as ±Inf: such a figure is written as text, so no
// stored value can make a writer panic.
func exactFloat(d decimal.Decimal) (float64, decimal.Decimal, bool) {
	if progress.CheckFigure(d) != nil {
		return 0, d, false
	}
	d = trimZeros(d)
	fl, _ := d.Float64()
	if math.IsInf(fl, 0) || math.IsNaN(fl) {
		return 0, d, false
	}
	return fl, d, decimal.NewFromFloat(fl).Equal(d) && len(d.Coefficient().String()) <= sigDigits
}

// figureText is a figure as text: every digit (no trailing zeros), or for a figure beyond the bound its
// coefficient and exponent (1E9999), which stays short whatever the exponent.
func figureText(d decimal.Decimal) string {
	if progress.CheckFigure(d) != nil {
		return fmt.Sprintf("%sE%d", d.Coefficient(), d.Exponent())
	}
	return trimZeros(d).String()
}

// writeNumber writes d so that Excel shows exactly d.
func writeNumber(f *excelize.File, st *styler, sh, cell string, d decimal.Decimal, base string) error {
	fl, d, ok := exactFloat(d)
	if ok {
		if err := f.SetCellFloat(sh, cell, fl, -1, 64); err != nil {
			return err
		}
		places := 0
		if e := d.Exponent(); e < 0 {
			places = int(-e)
		}
		return f.SetCellStyle(sh, cell, cell, st.get(base+"Num", places))
	}
	if err := f.SetCellStr(sh, cell, figureText(d)); err != nil {
		return err
	}
	return f.SetCellStyle(sh, cell, cell, st.get(base, 0))
}

// ranges collapses cells of one column run into A4:A9 ranges, space separated.
func ranges(cells []string) string {
	type run struct {
		col        string
		from, till int
	}
	cells = slices.Clone(cells)
	slices.SortFunc(cells, func(a, b string) int {
		ca, ra, _ := excelize.SplitCellName(a)
		cb, rb, _ := excelize.SplitCellName(b)
		if c := colNumber(ca) - colNumber(cb); c != 0 {
			return c
		}
		return ra - rb
	})
	var runs []run
	for _, c := range cells {
		col, row, _ := excelize.SplitCellName(c)
		if k := len(runs) - 1; k >= 0 && runs[k].col == col && runs[k].till == row-1 {
			runs[k].till = row
			continue
		}
		runs = append(runs, run{col, row, row})
	}
	var parts []string
	for _, r := range runs {
		if r.from == r.till {
			parts = append(parts, fmt.Sprintf("%s%d", r.col, r.from))
		} else {
			parts = append(parts, fmt.Sprintf("%s%d:%s%d", r.col, r.from, r.col, r.till))
		}
	}
	return strings.Join(parts, " ")
}

// amountText is a figure with its unit as a Chinese report writes it (8亿美元), and the
// exact figure when the short form scales or rounds it ("800,000,000"), else "".
func amountText(d decimal.Decimal, unit string) (short, exact string) {
	if strings.HasPrefix(unit, "万") || strings.HasPrefix(unit, "亿") {
		return i18n.Group(d) + unit, ""
	}
	short = i18n.Amount("zh", d, unit)
	if strings.TrimSuffix(short, unit) != trimZeros(d).String() {
		exact = i18n.Group(d)
	}
	return short, exact
}

// targetText is the target in words, with the exact figures after a scaled or
// rounded short form: 不低于8亿美元（800,000,000）, 5万–8万吨（50,000–80,000）,
// 2022-12-31前完成, or — for none.
func targetText(r Row) string {
	if r.Target == nil {
		if kindOf(r.Kind) == plan.KindMilestone && r.Due != "" {
			return r.Due + "前完成"
		}
		return "—"
	}
	x, exact := amountText(*r.Target, r.Unit)
	if r.TargetMax != nil {
		lo, loExact := amountText(*r.Target, "")
		hi, hiExact := amountText(*r.TargetMax, r.Unit)
		x, exact = lo+"–"+hi, ""
		if loExact != "" || hiExact != "" {
			exact = i18n.Group(*r.Target) + "–" + i18n.Group(*r.TargetMax)
		}
	}
	switch r.Qualifier {
	case plan.QualAbout:
		x += "左右"
	case plan.QualAtLeast:
		x = "不低于" + x
	case plan.QualAtMost:
		x = "不超过" + x
	case plan.QualOver:
		x = "超" + x
	}
	if exact != "" {
		x += "（" + exact + "）"
	}
	if r.Due != "" {
		x += "（" + r.Due + "前）"
	}
	return x
}

// trimZeros drops trailing zeros after the point, keeping every digit.
func trimZeros(d decimal.Decimal) decimal.Decimal {
	n, _ := decimal.NewFromString(d.String())
	return n
}

func writeHelp(f *excelize.File, st *styler, t Template) error {
	lines := []string{
		"填报说明 / How to fill this form",
		"",
		fmt.Sprintf("报告期：%s（%s）。本表只用于该期，请勿改动报告期。", t.Period.Label(), t.Period),
		"1. 在“填报”表中逐行填写：本期数值（必填，里程碑除外）；是否累计（是：年初至今累计；否：仅本期）；",
		"   增长类指标可填上年同期与本期累计额（两项同填，系统据此计算增速）；里程碑填是否完成（是/否）。",
		"2. 灰色单元格为系统预填或该指标不适用，已锁定（工作表保护无密码，仅防误改；上传时逐格复核）。",
		"3. 数字可带千分位（1,234.5）、全角数字，可写“1.5亿”“3万”（上传时换算为150000000、30000）；",
		"   指标单位已是“万元”“亿美元”等时请直接填以该单位计的数字，不可再写万/亿。单位为%的可写“5%”（即5）。",
		"4. 备注、原因说明、整改措施每项不超过2000字；进度滞后的指标须填写原因说明和整改措施。",
		"5. 不填的行视为本期不报送。上传时任何一处错误都会使整个文件退回，并列出每处错误的单元格及原因。",
		"6. 请勿增删行列、改动指标编号或指标代码；不要把本表另存为其他格式后上传（CSV 请用系统下载的 CSV 表）。",
		"",
		"Fill 本期数值 (value) for each line, 是否累计 (cumulative, year-to-date: 是/否), 上年同期 and 本期累计额",
		"(growth indicators, both or neither) and 是否完成 (milestones, 是/否). Grey cells are prefilled or not used.",
		"Numbers may carry thousands separators or 万/亿 (1.5亿 = 150000000) unless the unit is already scaled (万元).",
		"Blank lines are not reported. Any error refuses the whole upload with a list naming each cell.",
		"",
		"生成时间 Generated: " + t.GeneratedAt.Format("2006-01-02 15:04"),
	}
	for i, l := range lines {
		if err := f.SetCellStr(SheetHelp, fmt.Sprintf("A%d", i+1), l); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(SheetHelp, "A", "A", 120); err != nil {
		return err
	}
	if err := f.SetCellStyle(SheetHelp, "A1", "A1", st.get("title", 0)); err != nil {
		return err
	}
	return f.ProtectSheet(SheetHelp, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true})
}

// meta layout: key/value lines, a blank line, a header, then one line per indicator.
var metaHeader = []string{"id", "code", "kind", "unit", "cumulative", "row", "department", "last_period", "last_value"}

func writeMeta(f *excelize.File, t Template) error {
	kv := [][2]string{
		{"lantu-template", Version},
		{"period", t.Period.String()},
		{"generated_at", t.GeneratedAt.UTC().Format(time.RFC3339)},
		{"plan", t.PlanTitle},
		{"region", t.Region},
		{"department", t.Department},
		{"first_row", strconv.Itoa(headerRows + 1)},
	}
	var ew errWriter
	n := 1
	for _, p := range kv {
		ew.do(f.SetSheetRow(SheetMeta, fmt.Sprintf("A%d", n), &[]any{p[0], p[1]}))
		n++
	}
	n++
	ew.do(f.SetSheetRow(SheetMeta, fmt.Sprintf("A%d", n), &metaHeader))
	for i, r := range t.Rows {
		n++
		last := ""
		if r.LastValue != nil {
			last = r.LastValue.String()
		}
		row := []string{strconv.FormatInt(r.IndicatorID, 10), r.Code, string(kindOf(r.Kind)), r.Unit,
			boolText(r.Cumulative), strconv.Itoa(headerRows + 1 + i), r.Department, r.LastPeriod, last}
		for j, v := range row { // strings, so ids and figures stay exact
			ew.do(f.SetCellStr(SheetMeta, colName(j+1)+strconv.Itoa(n), v))
		}
	}
	return ew.err
}

// styler makes and caches the few cell styles of the form.
type styler struct {
	f   *excelize.File
	ids map[string]int
}

func (s *styler) get(name string, places int) int {
	key := fmt.Sprintf("%s/%d", name, places)
	if id, ok := s.ids[key]; ok {
		return id
	}
	border := []excelize.Border{
		{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
	}
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}} }
	font := &excelize.Font{Family: "等线", Size: 10}
	var st excelize.Style
	switch name {
	case "title":
		st = excelize.Style{Font: &excelize.Font{Family: "等线", Size: 14, Bold: true},
			Alignment: &excelize.Alignment{Vertical: "center"}}
	case "head":
		st = excelize.Style{Font: &excelize.Font{Family: "等线", Size: 10, Bold: true}, Fill: fill("D9E1F2"), Border: border,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}
	case "headEn":
		st = excelize.Style{Font: &excelize.Font{Family: "等线", Size: 9, Italic: true, Color: "595959"}, Fill: fill("D9E1F2"),
			Border: border, Alignment: &excelize.Alignment{Horizontal: "center"}}
	case "locked", "lockedWrap", "lockedText":
		st = excelize.Style{Font: font, Fill: fill("F2F2F2"), Border: border,
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: name == "lockedWrap"}}
		if name == "lockedText" {
			st.NumFmt = 49 // @: text, so 2022-06 is never taken for a date
		}
	case "lockedNum":
		code := "#,##0"
		if places > 0 {
			code += "." + strings.Repeat("0", places)
		}
		st = excelize.Style{Font: font, Fill: fill("F2F2F2"), Border: border, CustomNumFmt: &code,
			Alignment: &excelize.Alignment{Vertical: "center"}}
	case "na":
		st = excelize.Style{Font: font, Fill: fill("BFBFBF"), Border: border}
	case "edit", "editCenter", "editWrap":
		st = excelize.Style{Font: font, Border: border, Protection: &excelize.Protection{Locked: false},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: name == "editWrap"}}
		if name == "editCenter" {
			st.Alignment.Horizontal = "center"
		}
	}
	id, err := s.f.NewStyle(&st)
	if err != nil {
		return 0
	}
	s.ids[key] = id
	return id
}

// WriteTemplateCSV writes the same form as CSV: UTF-8 with a byte-order mark (so Excel
// opens Chinese right), CRLF line ends, one Chinese header line, then one line per
// indicator with the same columns as the workbook. Text that Excel would take for a
// formula (starting with = + - @) is written after an apostrophe.
func WriteTemplateCSV(w io.Writer, t Template) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return fmt.Errorf("xlsx: write csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	head := make([]string, nFields)
	for c := range head {
		head[c] = columns[c].zh
	}
	if err := cw.Write(head); err != nil {
		return fmt.Errorf("xlsx: write csv: %w", err)
	}
	for _, r := range t.Rows {
		rec := make([]string, nFields)
		rec[fID] = strconv.FormatInt(r.IndicatorID, 10)
		rec[fCode] = safeText(r.Code)
		rec[fName] = safeText(r.Name)
		rec[fUnit] = safeText(r.Unit)
		rec[fTarget] = safeText(targetText(r))
		if r.LastValue != nil {
			rec[fLast] = figureText(*r.LastValue)
		}
		rec[fPeriod] = t.Period.String()
		rec[fCumulative] = boolText(r.Cumulative)
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("xlsx: write csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("xlsx: write csv: %w", err)
	}
	return nil
}

// safeText guards a CSV cell against being run as a formula when opened in Excel.
func safeText(s string) string {
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}
