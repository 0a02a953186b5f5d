package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/xuri/excelize/v2"
)

func TestWorkbookRoundTrip(t *testing.T) {
	f := writeXLSX(t, sample())
	fillSample(t, f)
	got, err := readBytes(save(t, f))
	if err != nil {
		t.Fatal(err)
	}
	if d := diffEntries(got, wantSample()); d != "" {
		t.Error(d)
	}
}

func TestUnfilledTemplateReadsEmpty(t *testing.T) {
	f := writeXLSX(t, sample())
	got, err := readBytes(save(t, f))
	if err != nil || len(got) != 0 {
		t.Fatalf("got %v, %v; want nothing reported", got, err)
	}
}

func TestTemplateLayout(t *testing.T) {
	tpl := sample()
	tpl.Rows = append(tpl.Rows, Row{IndicatorID: 17, Code: "=C1", Name: "大数", Unit: "元",
		LastValue: dp("12345678901234.56789"), LastPeriod: "2022-05"})
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, tpl); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.GetSheetList(), ","); got != "填报,说明,_meta" {
		t.Errorf("sheets %s", got)
	}
	if v, _ := f.GetSheetVisible(SheetMeta); v {
		t.Error("meta sheet visible")
	}
	if v, _ := f.GetSheetVisible(SheetHelp); !v {
		t.Error("instructions hidden")
	}
	cell := func(c string, raw bool) string {
		var opts []excelize.Options
		if raw {
			opts = append(opts, excelize.Options{RawCellValue: true})
		}
		v, err := f.GetCellValue(SheetForm, c, opts...)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for c, want := range map[string]string{
		"A2": "指标编号", "H2": "本期数值", "O2": "整改措施", "A3": "id", "H3": "value", "O3": "remedy",
		"A4": "11", "B4": "A1", "E4": "不低于120亿元", "G4": "2022-06", "I4": "是", "I6": "否",
		"E5": "6.5%左右", "E7": "30–32%", "E8": "2022-12-31前完成", "E9": "超8亿美元（800,000,000）",
		"F9": "123,456,789.123456", "F10": "12345678901234.56789", "B10": "=C1",
	} {
		if got := cell(c, false); got != want {
			t.Errorf("%s shows %q, want %q", c, got, want)
		}
	}
	if got := cell("F9", true); got != "123456789.123456" {
		t.Errorf("F9 stored as %q", got)
	}
	if got := cell("F4", true); got != "48.6" {
		t.Errorf("F4 stored as %q", got)
	}
	locked := func(c string) bool {
		id, err := f.GetCellStyle(SheetForm, c)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return st.Protection == nil || st.Protection.Locked
	}
	for _, c := range []string{"A4", "B4", "C4", "D4", "E4", "F4", "G4", "H8", "J8", "K4", "L4", "K6"} {
		if !locked(c) {
			t.Errorf("%s is not locked", c)
		}
	}
	for _, c := range []string{"H4", "I4", "J4", "K5", "L8", "M4", "N8", "O9"} {
		if locked(c) {
			t.Errorf("%s is locked", c)
		}
	}
	panes, err := f.GetPanes(SheetForm)
	if err != nil || !panes.Freeze || panes.YSplit != 3 || panes.XSplit != 3 {
		t.Errorf("panes %+v %v", panes, err)
	}
	dvs, _ := f.GetDataValidations(SheetForm)
	var kinds []string
	for _, d := range dvs {
		kinds = append(kinds, d.Type+":"+d.Sqref)
	}
	if got := strings.Join(kinds, " | "); !strings.Contains(got, "decimal:H4:H7 H9:H10") ||
		!strings.Contains(got, "list:I4:I10 L8") || !strings.Contains(got, "textLength:M4:M10") {
		t.Errorf("validations %s", got)
	}
	// The form sheet is protected, without a password.
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name != "xl/worksheets/sheet1.xml" {
			continue
		}
		rc, _ := zf.Open()
		x, _ := io.ReadAll(rc)
		rc.Close()
		if !bytes.Contains(x, []byte("<sheetProtection")) || bytes.Contains(x, []byte("password=")) {
			t.Errorf("sheet1 protection wrong")
		}
	}
	// An upload of it reads the id of the formula-looking code unchanged.
	set(t, f, "H10", "5")
	got, err := readBytes(save(t, f))
	if err != nil || len(got) != 1 || got[0].Code != "=C1" {
		t.Fatalf("got %v, %v", got, err)
	}
}

func TestTargetText(t *testing.T) {
	for _, c := range []struct {
		r    Row
		want string
	}{
		{Row{Unit: "万元", Target: dp("50000")}, "50,000万元"},
		{Row{Unit: "平方米", Target: dp("340000"), Qualifier: plan.QualAbout}, "34万平方米左右（340,000）"},
		{Row{Unit: "吨", Target: dp("123456"), Qualifier: plan.QualAtMost}, "不超过12.35万吨（123,456）"},
		{Row{Unit: "个", Target: dp("300")}, "300个"},
		{Row{Unit: "个"}, "—"},
		{Row{Kind: plan.KindMilestone, Target: dp("1"), Unit: "座", Due: "2022-10-01"}, "1座（2022-10-01前）"},
	} {
		if got := targetText(c.r); got != c.want {
			t.Errorf("targetText(%+v) = %q, want %q", c.r, got, c.want)
		}
	}
}

func TestCSVRoundTrip(t *testing.T) {
	for _, bom := range []bool{true, false} {
		recs := csvForm(t, sample())
		if got := strings.Join(recs[0], ","); got != "指标编号,指标代码,指标名称,单位,目标,上期数值,报告期,本期数值,是否累计,上年同期,本期累计额,是否完成,备注,原因说明,整改措施" {
			t.Fatalf("header %s", got)
		}
		fillSampleCSV(recs)
		b := csvBytes(t, recs, bom)
		got, err := ReadCSV(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if d := diffEntries(got, wantSampleCSV()); d != "" {
			t.Errorf("ReadCSV bom=%v:\n%s", bom, d)
		}
		got, err = ReadCSVFor(bytes.NewReader(b), sample())
		if err != nil {
			t.Fatal(err)
		}
		if d := diffEntries(got, wantSampleCSV()); d != "" {
			t.Errorf("ReadCSVFor bom=%v:\n%s", bom, d)
		}
	}
}
