package xlsx

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

func dp(s string) *decimal.Decimal {
	d := decimal.RequireFromString(s)
	return &d
}

// sample is a small template with one line of each kind.
func sample() Template {
	return Template{
		PlanTitle: "2022年政府工作报告", Region: "示范区", Department: "发改局",
		Period:      progress.MustParsePeriod("2022-06"),
		GeneratedAt: time.Date(2022, 7, 1, 9, 0, 0, 0, time.UTC),
		Rows: []Row{
			{IndicatorID: 11, Code: "A1", Name: "固定资产投资", Unit: "亿元", Kind: plan.KindLevel, Qualifier: plan.QualAtLeast,
				Target: dp("120"), LastPeriod: "2022-05", LastValue: dp("48.6"), Cumulative: true, Department: "发改局"},
			{IndicatorID: 12, Code: "A2", Name: "地区生产总值增速", Unit: "%", Kind: plan.KindGrowth, Qualifier: plan.QualAbout,
				Target: dp("6.5"), LastPeriod: "2022Q1", LastValue: dp("5.2"), Cumulative: true},
			{IndicatorID: 13, Code: "A3", Name: "新建道路", Unit: "公里", Qualifier: plan.QualExact, Target: dp("25.8")},
			{IndicatorID: 14, Code: "A4", Name: "森林覆盖率", Unit: "%", Kind: plan.KindShare, Target: dp("30"), TargetMax: dp("32")},
			{IndicatorID: 15, Code: "B1", Name: "综合体育馆建成", Kind: plan.KindMilestone, Due: "2022-12-31"},
			{IndicatorID: 16, Code: "B2", Name: "实际利用外资", Unit: "美元", Qualifier: plan.QualOver,
				Target: dp("800000000"), LastValue: dp("123456789.123456"), LastPeriod: "2022-05"},
		},
	}
}

func writeXLSX(t testing.TB, tpl Template) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, tpl); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func save(t testing.TB, f *excelize.File) []byte {
	t.Helper()
	b, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func readBytes(b []byte) ([]Entry, error) { return ReadWorkbook(bytes.NewReader(b), int64(len(b))) }

func set(t testing.TB, f *excelize.File, cell string, v any) {
	t.Helper()
	if err := f.SetCellValue(SheetForm, cell, v); err != nil {
		t.Fatal(err)
	}
}

// fillSample fills the sample's form as a clerk would.
func fillSample(t testing.TB, f *excelize.File) {
	set(t, f, "H4", 58.3)          // level 亿元
	set(t, f, "M4", "进度正常")        // note
	set(t, f, "J5", "1.2亿")        // growth: last year
	set(t, f, "K5", "130,000,000") // amount
	set(t, f, "H6", "２５．８")        // full-width digits
	set(t, f, "I6", "N")           // not cumulative
	set(t, f, "H7", "31%")         // share in %, typed as text
	set(t, f, "L8", "是")           // milestone done
	set(t, f, "N8", "提前完成")
	// line 9 (B2) left blank: not reported
}

func wantSample() []Entry {
	p := progress.MustParsePeriod("2022-06")
	return []Entry{
		{Sheet: SheetForm, Row: 4, IndicatorID: 11, Code: "A1", Period: p, Value: dp("58.3"), Cumulative: true, Note: "进度正常"},
		{Sheet: SheetForm, Row: 5, IndicatorID: 12, Code: "A2", Period: p, Cumulative: true, LastYear: dp("120000000"), Amount: dp("130000000")},
		{Sheet: SheetForm, Row: 6, IndicatorID: 13, Code: "A3", Period: p, Value: dp("25.8")},
		{Sheet: SheetForm, Row: 7, IndicatorID: 14, Code: "A4", Period: p, Value: dp("31")},
		{Sheet: SheetForm, Row: 8, IndicatorID: 15, Code: "B1", Period: p, Done: true, Cause: "提前完成"},
	}
}

func sameDec(a, b *decimal.Decimal) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b) && a.String() == b.String()
}

func diffEntries(got, want []Entry) string {
	var b strings.Builder
	if len(got) != len(want) {
		fmt.Fprintf(&b, "got %d entries, want %d\n", len(got), len(want))
	}
	for i := 0; i < len(got) && i < len(want); i++ {
		g, w := got[i], want[i]
		ok := g.Sheet == w.Sheet && g.Row == w.Row && g.IndicatorID == w.IndicatorID && g.Code == w.Code &&
			g.Period == w.Period && sameDec(g.Value, w.Value) && g.Cumulative == w.Cumulative &&
			sameDec(g.LastYear, w.LastYear) && sameDec(g.Amount, w.Amount) && g.Done == w.Done &&
			g.Note == w.Note && g.Cause == w.Cause && g.Remedy == w.Remedy
		if !ok {
			fmt.Fprintf(&b, "entry %d:\n got  %s\n want %s\n", i, showEntry(g), showEntry(w))
		}
	}
	return b.String()
}

func showEntry(e Entry) string {
	d := func(x *decimal.Decimal) string {
		if x == nil {
			return "nil"
		}
		return x.String()
	}
	return fmt.Sprintf("%s!%d id=%d code=%s %s value=%s cum=%v ly=%s amt=%s done=%v note=%q cause=%q remedy=%q",
		e.Sheet, e.Row, e.IndicatorID, e.Code, e.Period, d(e.Value), e.Cumulative, d(e.LastYear), d(e.Amount), e.Done, e.Note, e.Cause, e.Remedy)
}

func asErrors(t testing.TB, err error) Errors {
	t.Helper()
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("want Errors, got %T %v", err, err)
	}
	return es
}

func excelizeRaw() excelize.Options { return excelize.Options{RawCellValue: true} }

// csvForm is a written CSV form as records, to be filled and written back.
func csvForm(t testing.TB, tpl Template) [][]string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteTemplateCSV(&buf, tpl); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\uFEFF")) {
		t.Fatal("no BOM")
	}
	recs, err := csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func csvBytes(t testing.TB, recs [][]string, bom bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	if bom {
		buf.WriteString("\uFEFF")
	}
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// fillSampleCSV fills the CSV form like fillSample fills the workbook (line n is
// workbook row n+2).
func fillSampleCSV(recs [][]string) {
	recs[1][fValue], recs[1][fNote] = "58.3", "进度正常"
	recs[2][fLastYear], recs[2][fAmount] = "1.2亿", "130,000,000"
	recs[3][fValue], recs[3][fCumulative] = "２５．８", "N"
	recs[4][fValue] = "31%"
	recs[5][fDone], recs[5][fCause] = "是", "提前完成"
}

func wantSampleCSV() []Entry {
	w := wantSample()
	for i := range w {
		w[i].Sheet, w[i].Row = SheetCSV, w[i].Row-2
	}
	return w
}

// reason is a refused cell's reason as a Chinese reader is told it.
func reason(e CellError) string { return i18n.WorkbookReason("zh", e.Code, e.Args, e.Reason) }
