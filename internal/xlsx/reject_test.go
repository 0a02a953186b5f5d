package xlsx

import (
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestWorkbookRejections breaks one cell of a filled sample at a time: each rule
// must name exactly that cell, with its reason, and nothing else.
func TestWorkbookRejections(t *testing.T) {
	long := strings.Repeat("长", MaxText+1)
	pctStyle := func(t *testing.T, f *excelize.File, cell string) {
		id, err := f.NewStyle(&excelize.Style{NumFmt: 10})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellStyle(SheetForm, cell, cell, id); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name   string
		edit   func(*testing.T, *excelize.File)
		cell   string // H4
		reason string // a part of the reason
	}{
		{"value not a number", func(t *testing.T, f *excelize.File) { set(t, f, "H4", "abc") }, "H4", "不是数字"},
		{"value with bad grouping", func(t *testing.T, f *excelize.File) { set(t, f, "H4", "1,5") }, "H4", "不是数字"},
		{"value with two points", func(t *testing.T, f *excelize.File) { set(t, f, "H4", "1.2.3") }, "H4", "不是数字"},
		{"last year not a number", func(t *testing.T, f *excelize.File) { set(t, f, "J5", "一亿") }, "J5", "不是数字"},
		{"period unreadable", func(t *testing.T, f *excelize.File) { set(t, f, "G4", "六月") }, "G4", "报告期无法识别"},
		{"period missing", func(t *testing.T, f *excelize.File) { set(t, f, "G4", "") }, "G4", "缺少报告期"},
		{"period not the template's", func(t *testing.T, f *excelize.File) { set(t, f, "G6", "2022-05") }, "G6", "与模板的报告期 2022-06 不符"},
		{"period of another frequency", func(t *testing.T, f *excelize.File) { set(t, f, "G6", "2022Q2") }, "G6", "不符"},
		{"unknown id", func(t *testing.T, f *excelize.File) { set(t, f, "A4", 99) }, "A4", "本模板中没有此指标"},
		{"id missing", func(t *testing.T, f *excelize.File) { set(t, f, "A4", "") }, "A4", "缺少指标编号"},
		{"id not a number", func(t *testing.T, f *excelize.File) { set(t, f, "A4", "十一") }, "A4", "不是有效的指标编号"},
		{"duplicate id", func(t *testing.T, f *excelize.File) { set(t, f, "A6", 11); set(t, f, "B6", "A1") }, "A6", "与第 4 行为同一指标"},
		{"code not the id's", func(t *testing.T, f *excelize.File) { set(t, f, "B4", "A9") }, "B4", "指标代码与编号不符（应为 A1）"},
		{"milestone done not boolean", func(t *testing.T, f *excelize.File) { set(t, f, "L8", "差不多") }, "L8", "应填“是”或“否”"},
		{"milestone done missing", func(t *testing.T, f *excelize.File) { set(t, f, "L8", "") }, "L8", "里程碑须填是否完成"},
		{"milestone given a value", func(t *testing.T, f *excelize.File) { set(t, f, "H8", 1) }, "H8", "节点类指标不填此项"},
		{"amount on a level", func(t *testing.T, f *excelize.File) { set(t, f, "K4", 5) }, "K4", "总量类指标不填此项"},
		{"done on a level", func(t *testing.T, f *excelize.File) { set(t, f, "L4", "是") }, "L4", "不填此项"},
		{"cumulative not boolean", func(t *testing.T, f *excelize.File) { set(t, f, "I4", "也许") }, "I4", "应填“是”或“否”"},
		{"value missing", func(t *testing.T, f *excelize.File) { set(t, f, "H4", "") }, "H4", "未填本期数值"},
		{"growth half given", func(t *testing.T, f *excelize.File) { set(t, f, "K5", "") }, "H5", "或同时填写本期累计额与上年同期"},
		{"note too long", func(t *testing.T, f *excelize.File) { set(t, f, "M4", long) }, "M4", "超过 2000 字（共 2001 字）"},
		{"cause too long", func(t *testing.T, f *excelize.File) { set(t, f, "N8", long) }, "N8", "超过 2000 字"},
		{"remedy too long", func(t *testing.T, f *excelize.File) { set(t, f, "O6", long) }, "O6", "超过 2000 字"},
		{"scale word in a scaled unit", func(t *testing.T, f *excelize.File) { set(t, f, "H4", "1.5亿") }, "H4", "单位已是亿元"},
		{"percent in a unit that is not", func(t *testing.T, f *excelize.File) { set(t, f, "H6", "5%") }, "H6", "单位不是%"},
		{"percent format in a unit that is not", func(t *testing.T, f *excelize.File) {
			set(t, f, "H6", 0.05)
			pctStyle(t, f, "H6")
		}, "H6", "百分比格式"},
		{"too large", func(t *testing.T, f *excelize.File) { set(t, f, "H9", "1e16") }, "H9", "数值过大"},
		{"exponent too long", func(t *testing.T, f *excelize.File) { set(t, f, "H9", "1e999999999") }, "H9", "不是数字"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := writeXLSX(t, sample())
			fillSample(t, f)
			c.edit(t, f)
			_, err := readBytes(save(t, f))
			es := asErrors(t, err)
			if len(es) != 1 {
				t.Fatalf("want one error, got %d:\n%v", len(es), err)
			}
			e := es[0]
			if e.Sheet != SheetForm || e.Column+strconv.Itoa(e.Row) != c.cell || !strings.Contains(reason(e), c.reason) {
				t.Errorf("got %v; want %s: …%s…", e, c.cell, c.reason)
			}
			if e.Field == "" || !strings.Contains(err.Error(), "填报!"+c.cell) {
				t.Errorf("error text %q names no field or cell", err.Error())
			}
		})
	}
}

// TestWorkbookTolerance: what clerks and Excel do that must still read.
func TestWorkbookTolerance(t *testing.T) {
	f := writeXLSX(t, sample())
	fillSample(t, f)
	// Excel's binary noise in a computed cell.
	if err := f.SetCellDefault(SheetForm, "H6", "25.800000000000001"); err != nil {
		t.Fatal(err)
	}
	// 31% typed into a General cell: Excel stores 0.31 and formats it as a percentage.
	set(t, f, "H7", 0.31)
	id, _ := f.NewStyle(&excelize.Style{NumFmt: 10})
	_ = f.SetCellStyle(SheetForm, "H7", "H7", id)
	// A real boolean cell.
	if err := f.SetCellBool(SheetForm, "L8", true); err != nil {
		t.Fatal(err)
	}
	// The unit typed after the number, with spaces; a blank line after the form.
	set(t, f, "H9", " 3万美元 ")
	set(t, f, "M12", "")
	got, err := readBytes(save(t, f))
	if err != nil {
		t.Fatal(err)
	}
	want := wantSample()
	want = append(want, Entry{Sheet: SheetForm, Row: 9, IndicatorID: 16, Code: "B2", Period: want[0].Period, Value: dp("30000")})
	if d := diffEntries(got, want); d != "" {
		t.Error(d)
	}
}

func TestErrorsSortedAndListed(t *testing.T) {
	f := writeXLSX(t, sample())
	fillSample(t, f)
	set(t, f, "H5", "abc")
	set(t, f, "M4", strings.Repeat("x", MaxText+5))
	set(t, f, "B4", "Z")
	set(t, f, "L8", "?")
	_, err := readBytes(save(t, f))
	es := asErrors(t, err)
	var cells []string
	for _, e := range es {
		cells = append(cells, e.Column+strconv.Itoa(e.Row))
	}
	if got := strings.Join(cells, " "); got != "B4 M4 H5 L8" {
		t.Errorf("order %s", got)
	}
	if n := strings.Count(err.Error(), "\n"); n != 4 || !strings.HasPrefix(err.Error(), "xlsx: 4 error(s)") {
		t.Errorf("listing:\n%s", err)
	}
	if !strings.Contains(err.Error(), `填报!H5 value "abc": not_number`) {
		t.Errorf("listing:\n%s", err)
	}
	if colNumber("AA") <= colNumber("O") || colName(27) != "AA" || colName(15) != "O" {
		t.Error("column order")
	}
}
