package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/xuri/excelize/v2"
)

func bigTemplate(n int) Template {
	t := Template{PlanTitle: "计划", Region: "区", Department: "统计局", Period: progress.MustParsePeriod("2022Q2"),
		GeneratedAt: time.Date(2022, 7, 1, 0, 0, 0, 0, time.UTC)}
	for i := range n {
		t.Rows = append(t.Rows, Row{IndicatorID: int64(1000 + i), Code: fmt.Sprintf("C%03d", i), Name: fmt.Sprintf("指标%d", i),
			Unit: "吨", Kind: plan.KindLevel, Target: dp(fmt.Sprintf("%d", 100+i)), Cumulative: i%2 == 0})
	}
	return t
}

// TestFiveHundredRowsOneBadCell: one bad cell among 500 good lines is the one error
// reported; corrected, the workbook reads whole.
func TestFiveHundredRowsOneBadCell(t *testing.T) {
	const n, bad = 500, 237
	f := writeXLSX(t, bigTemplate(n))
	for i := range n {
		set(t, f, fmt.Sprintf("H%d", 4+i), fmt.Sprintf("%d.%d", i, i%10))
	}
	badCell := fmt.Sprintf("H%d", 4+bad)
	set(t, f, badCell, "abc")
	_, err := readBytes(save(t, f))
	es := asErrors(t, err)
	want := CellError{Sheet: SheetForm, Row: 4 + bad, Column: "H", Field: "value", Value: "abc", Code: CodeNotNumber}
	if len(es) != 1 || es[0].Error() != want.Error() || es[0].Code != want.Code || len(es[0].Args) != 0 {
		t.Fatalf("got %v, want exactly %v", err, want)
	}
	if got := es[0].Error(); got != `填报!H241 value "abc": not_number` {
		t.Errorf("text %s", got)
	}

	set(t, f, badCell, bad)
	got, err := readBytes(save(t, f))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != n {
		t.Fatalf("%d entries", len(got))
	}
	for i, e := range got {
		if e.IndicatorID != int64(1000+i) || e.Row != 4+i || e.Cumulative != (i%2 == 0) || e.Period.String() != "2022Q2" {
			t.Fatalf("entry %d: %s", i, showEntry(e))
		}
	}
	if got[bad].Value.String() != "237" || got[12].Value.String() != "12.2" || got[10].Value.String() != "10" {
		t.Errorf("values %s %s %s", got[bad].Value, got[12].Value, got[10].Value)
	}
}

// TestNotAWorkbook: anything that is not a template gives a plain, clear error.
func TestNotAWorkbook(t *testing.T) {
	rnd := make([]byte, 4096)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range rnd {
		rnd[i] = byte(r.Uint32())
	}
	good := save(t, func() *excelize.File { f := writeXLSX(t, sample()); fillSample(t, f); return f }())
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	w, err := zw.Create("hello.txt")
	if err == nil {
		_, err = w.Write([]byte("hello"))
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	plainBook := func() []byte {
		f := excelize.NewFile()
		if err := f.SetCellValue("Sheet1", "A1", "指标编号"); err != nil {
			t.Fatal(err)
		}
		b, _ := f.WriteToBuffer()
		return b.Bytes()
	}()
	badVersion := func() []byte {
		f := writeXLSX(t, sample())
		if err := f.SetCellValue(SheetMeta, "B1", "9"); err != nil {
			t.Fatal(err)
		}
		return save(t, f)
	}()
	var csvForm bytes.Buffer
	if err := WriteTemplateCSV(&csvForm, sample()); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrNotXLSX},
		{"random bytes", rnd, ErrNotXLSX},
		{"zip-looking random", append([]byte("PK\x03\x04"), rnd...), ErrNotXLSX},
		{"a CSV", csvForm.Bytes(), ErrNotXLSX},
		{"old xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, rnd...), ErrNotXLSX},
		{"truncated", good[:len(good)/2], ErrNotXLSX},
		{"a zip, not a workbook", zbuf.Bytes(), ErrNotXLSX},
		{"a workbook, not a template", plainBook, ErrNotTemplate},
		{"unknown template version", badVersion, ErrNotTemplate},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := readBytes(c.in)
			var es Errors
			if err == nil || errors.As(err, &es) || !errors.Is(err, c.want) {
				t.Fatalf("got %T %v, want a plain %v", err, err, c.want)
			}
		})
	}
	// Sizes: over the limit, or more bytes than announced.
	if _, err := ReadWorkbook(bytes.NewReader(good), MaxUpload+1); err == nil {
		t.Error("oversize accepted")
	}
	if _, err := ReadWorkbook(bytes.NewReader(good), int64(len(good)-1)); err == nil {
		t.Error("longer than announced accepted")
	}
	if _, err := ReadWorkbook(bytes.NewReader(good), 0); err != nil {
		t.Errorf("size unknown: %v", err)
	}
}

func TestTooManyRows(t *testing.T) {
	f := writeXLSX(t, sample())
	fillSample(t, f)
	set(t, f, fmt.Sprintf("M%d", maxRows+3), "x")
	_, err := readBytes(save(t, f))
	if !errors.Is(err, ErrNotTemplate) || !strings.Contains(err.Error(), "20000") {
		t.Fatalf("got %v", err)
	}
}
