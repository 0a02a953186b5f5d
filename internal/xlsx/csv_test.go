package xlsx

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestCSVTolerance(t *testing.T) {
	t.Run("English header, columns reordered", func(t *testing.T) {
		in := "value,id,code,period,note\r\n58.3,11,A1,2022-06,进度正常\r\n"
		got, err := ReadCSV(strings.NewReader(in))
		if err != nil || len(got) != 1 || got[0].Value.String() != "58.3" || got[0].Row != 2 || got[0].Note != "进度正常" {
			t.Fatalf("%v %v", got, err)
		}
	})
	t.Run("GB18030, as Chinese Excel saves CSV", func(t *testing.T) {
		recs := csvForm(t, sample())
		fillSampleCSV(recs)
		gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(csvBytes(t, recs, false))
		if err != nil {
			t.Fatal(err)
		}
		got, err := ReadCSVFor(bytes.NewReader(gb), sample())
		if err != nil {
			t.Fatal(err)
		}
		if d := diffEntries(got, wantSampleCSV()); d != "" {
			t.Error(d)
		}
	})
	t.Run("workbook saved as CSV: title and English header lines", func(t *testing.T) {
		recs := csvForm(t, sample())
		fillSampleCSV(recs)
		en := make([]string, nFields)
		for i := range en {
			en[i] = columns[i].en
		}
		recs = append([][]string{{"计划 进度填报"}, recs[0], en}, recs[1:]...)
		// Excel has turned the period into a date and dropped the fullwidth digits.
		for _, r := range recs[3:] {
			r[fPeriod] = "2022/6/1"
		}
		got, err := ReadCSVFor(bytes.NewReader(csvBytes(t, recs, true)), sample())
		if err != nil {
			t.Fatal(err)
		}
		want := wantSampleCSV()
		for i := range want {
			want[i].Row += 2
		}
		if d := diffEntries(got, want); d != "" {
			t.Error(d)
		}
	})
}

func TestCSVRejections(t *testing.T) {
	for _, c := range []struct {
		name   string
		edit   func([][]string) [][]string
		exact  bool // read against the template
		cell   string
		reason string
	}{
		{"not a number", func(r [][]string) [][]string { r[1][fValue] = "abc"; return r }, false, "H2", "不是数字"},
		{"periods differ within the file", func(r [][]string) [][]string { r[3][fPeriod] = "2022-07"; return r }, false, "G4", "与第 2 行的报告期 2022-06 不一致"},
		{"period not the template's", func(r [][]string) [][]string { r[3][fPeriod] = "2022-07"; return r }, true, "G4", "与模板的报告期"},
		{"duplicate id", func(r [][]string) [][]string { r[3][fID] = "11"; return r }, false, "A4", "与第 2 行为同一指标"},
		{"unknown id", func(r [][]string) [][]string { r[3][fID], r[3][fCode] = "99", "Z"; return r }, true, "A4", "本模板中没有此指标"},
		{"code not the id's", func(r [][]string) [][]string { r[3][fCode] = "Z"; return r }, true, "B4", "指标代码与编号不符"},
		{"milestone done missing", func(r [][]string) [][]string { r[5][fDone] = ""; return r }, true, "L6", "里程碑须填是否完成"},
		{"done not boolean", func(r [][]string) [][]string { r[5][fDone] = "ok?"; return r }, false, "L6", "应填“是”或“否”"},
		{"text too long", func(r [][]string) [][]string { r[1][fRemedy] = strings.Repeat("改", MaxText+1); return r }, false, "O2", "超过 2000 字"},
		{"no figure", func(r [][]string) [][]string { r[1][fValue] = ""; return r }, false, "H2", "未填本期数值"},
		{"unknown column", func(r [][]string) [][]string { r[0][fNote] = "备忘"; return r }, false, "M1", "未知的列名"},
		{"same column twice", func(r [][]string) [][]string { r[0][fNote] = "remedy"; return r }, false, "O1", "与 M 列重复"},
		{"required column missing", func(r [][]string) [][]string {
			for _, l := range r {
				l[fCode] = ""
			}
			return r
		}, false, "1", "缺少此列"},
	} {
		t.Run(c.name, func(t *testing.T) {
			recs := csvForm(t, sample())
			fillSampleCSV(recs)
			b := csvBytes(t, c.edit(recs), true)
			var err error
			if c.exact {
				_, err = ReadCSVFor(bytes.NewReader(b), sample())
			} else {
				_, err = ReadCSV(bytes.NewReader(b))
			}
			es := asErrors(t, err)
			if len(es) != 1 {
				t.Fatalf("want one error, got:\n%v", err)
			}
			if e := es[0]; e.Sheet != SheetCSV || e.Column+strconv.Itoa(e.Row) != c.cell || !strings.Contains(reason(e), c.reason) {
				t.Errorf("got %v; want %s …%s…", e, c.cell, c.reason)
			}
		})
	}
}

func TestCSVNotAForm(t *testing.T) {
	for _, c := range []struct {
		name string
		in   string
		want string // Errors text part, or "" for a plain error
	}{
		{"empty", "", ""},
		{"no header", "a,b,c\n1,2,3\n", ""},
		{"binary", "\x00\x01\x02PK", ""},
		{"utf-16", "\xff\xfe1\x002\x00", ""},
		{"an xlsx", "PK\x03\x04rest", ""},
		{"bad quoting", "指标编号,指标代码,报告期,本期数值\n11,A1,2022-06,\"5\"x\n", "malformed_csv"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadCSV(strings.NewReader(c.in))
			var es Errors
			isList := errors.As(err, &es)
			switch {
			case err == nil:
				t.Fatal("accepted")
			case c.want == "" && (isList || !errors.Is(err, ErrNotTemplate)):
				t.Fatalf("want a plain ErrNotTemplate, got %T %v", err, err)
			case c.want != "" && (!isList || !strings.Contains(err.Error(), c.want)):
				t.Fatalf("want Errors with %q, got %v", c.want, err)
			}
		})
	}
}

// FuzzReadCSV: no input panics; entries and errors are never both returned. Run with
// a short minimization, as the inputs are large:
//
//	go test -run XXX -fuzz FuzzReadCSV -fuzztime 60s -fuzzminimizetime 2s ./internal/xlsx
func FuzzReadCSV(f *testing.F) {
	var buf bytes.Buffer
	if err := WriteTemplateCSV(&buf, sample()); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	recs := csvForm(f, sample())
	fillSampleCSV(recs)
	f.Add(csvBytes(f, recs, false))
	f.Add([]byte("id,code,period,value\n1,a,2022,1e5\n2,b,2022,１．５亿\n"))
	f.Add([]byte("id,value\n\"1\n2\",3\n"))
	f.Add([]byte("指标编号,本期数值,报告期,指标代码,是否完成\n1,-.5e-3,2022年第二季度,x,是\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, exp := range []bool{false, true} {
			var got []Entry
			var err error
			if exp {
				got, err = ReadCSVFor(bytes.NewReader(b), sample())
			} else {
				got, err = ReadCSV(bytes.NewReader(b))
			}
			if err != nil && got != nil {
				t.Fatal("entries with an error")
			}
			for _, e := range got {
				if e.IndicatorID <= 0 || e.Period.IsZero() || e.Sheet != SheetCSV {
					t.Fatalf("bad entry %s", showEntry(e))
				}
			}
			var es Errors
			if errors.As(err, &es) && len(es) == 0 {
				t.Fatal("empty Errors")
			}
		}
	})
}

func TestEntryFail(t *testing.T) {
	in := "value,id,code,period,note\r\n-5,11,A1,2022-06,\r\n"
	got, err := ReadCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	// The service adds its own checks to the same list.
	es := Errors{got[0].Fail("note", "valid.text_too_long", 2000), got[0].Fail("value", "valid.value_negative"), got[0].Fail("cause", "valid.cause_required", "behind")}
	es.Sort()
	if s := es.Error(); !strings.Contains(s, "CSV!2 cause: valid.cause_required[behind]\n  CSV!A2 value: valid.value_negative\n  CSV!E2 note: valid.text_too_long[2000]") {
		t.Errorf("got\n%s", s)
	}
	if ce := (Entry{Sheet: "填报", Row: 5}).Fail("value", "x"); ce.Column != "" || ce.Field != "value" {
		t.Errorf("hand-made entry: %+v", ce)
	}
}
