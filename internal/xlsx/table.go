package xlsx

import (
	"fmt"
	"io"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/lantu-dev/lantu/internal/progress"
)

// Table is one sheet of a plain report workbook (the status board for download): a
// title line, one header row, then the rows. Headers stay in view when scrolling and
// carry Excel's filter buttons.
type Table struct {
	Sheet  string
	Title  string
	Header []string
	Widths []float64 // column widths in characters; 0 or missing: 12
	Rows   [][]Value
}

// Value is a cell: text, or an exact figure, or a share shown as a percentage.
type Value struct {
	Text    string
	Number  *decimal.Decimal
	Percent bool   // Number is a share (0.953) shown as 95.3%
	Fill    string // RRGGBB background, "" for none
	Bold    bool
}

// Text is a text cell.
func Text(s string) Value { return Value{Text: s} }

// Num is a figure; nil is an empty cell.
func Num(d *decimal.Decimal) Value { return Value{Number: d} }

// Share is a share shown as a percentage; nil is an empty cell.
func Share(d *decimal.Decimal) Value { return Value{Number: d, Percent: true} }

// WriteTables writes the tables as one workbook, a sheet each.
func WriteTables(w io.Writer, tables []Table) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	styles := map[string]int{}
	style := func(key string, st excelize.Style) int {
		if id, ok := styles[key]; ok {
			return id
		}
		id, serr := f.NewStyle(&st)
		if serr != nil {
			return 0
		}
		styles[key] = id
		return id
	}
	border := []excelize.Border{
		{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
	}
	for i, t := range tables {
		sh := t.Sheet
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh); err != nil {
				return fmt.Errorf("xlsx: sheet %q: %w", sh, err)
			}
		} else if _, err := f.NewSheet(sh); err != nil {
			return fmt.Errorf("xlsx: sheet %q: %w", sh, err)
		}
		if err := writeTable(f, t, border, style); err != nil {
			return fmt.Errorf("xlsx: sheet %q: %w", sh, err)
		}
	}
	return f.Write(w)
}

func writeTable(f *excelize.File, t Table, border []excelize.Border, style func(string, excelize.Style) int) error {
	sh := t.Sheet
	font := func(bold bool) *excelize.Font { return &excelize.Font{Family: "等线", Size: 10, Bold: bold} }
	if err := f.SetCellStr(sh, "A1", t.Title); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, "A1", "A1", style("title", excelize.Style{Font: &excelize.Font{Family: "等线", Size: 14, Bold: true}})); err != nil {
		return err
	}
	head := style("head", excelize.Style{Font: font(true), Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	for c, h := range t.Header {
		cell, _ := excelize.CoordinatesToCellName(c+1, 2)
		if err := f.SetCellStr(sh, cell, h); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, cell, cell, head); err != nil {
			return err
		}
		w := 12.0
		if c < len(t.Widths) && t.Widths[c] > 0 {
			w = t.Widths[c]
		}
		col, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(sh, col, col, w); err != nil {
			return err
		}
	}
	for r, row := range t.Rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+3)
			st := excelize.Style{Font: font(v.Bold), Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: v.Number == nil}}
			key := fmt.Sprintf("cell/%s/%t", v.Fill, v.Bold)
			if v.Fill != "" {
				st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{v.Fill}}
			}
			switch {
			case v.Number == nil:
				if err := f.SetCellStr(sh, cell, v.Text); err != nil {
					return err
				}
			case v.Percent && progress.CheckFigure(*v.Number) != nil:
				// Beyond the bound (only a value stored before it): as text, never ±Inf.
				if err := f.SetCellStr(sh, cell, figureText(*v.Number)); err != nil {
					return err
				}
			case v.Percent:
				fl, _ := v.Number.Float64()
				if err := f.SetCellFloat(sh, cell, fl, -1, 64); err != nil {
					return err
				}
				code := "0.0%"
				st.CustomNumFmt, key = &code, key+"/pct"
			default:
				fl, d, ok := exactFloat(*v.Number)
				if !ok {
					// float64 cannot hold it exactly: the exact figure as text.
					if err := f.SetCellStr(sh, cell, figureText(d)); err != nil {
						return err
					}
					break
				}
				if err := f.SetCellFloat(sh, cell, fl, -1, 64); err != nil {
					return err
				}
				places := 0
				if e := d.Exponent(); e < 0 {
					places = int(-e)
				}
				code := "#,##0"
				if places > 0 {
					code += "." + fmt.Sprintf("%0*d", places, 0)
				}
				st.CustomNumFmt, key = &code, key+"/"+code
			}
			if err := f.SetCellStyle(sh, cell, cell, style(key, st)); err != nil {
				return err
			}
		}
	}
	if len(t.Header) > 0 {
		last, _ := excelize.CoordinatesToCellName(len(t.Header), len(t.Rows)+2)
		if err := f.AutoFilter(sh, "A2:"+last, nil); err != nil {
			return err
		}
		if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
	}
	return nil
}
