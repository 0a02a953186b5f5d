package service_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/planfile"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
	"github.com/lantu-dev/lantu/internal/xlsx"
)

// bigPlan is a plan whose one department owns 500 monthly indicators.
func bigPlan(t testing.TB, svc *service.Service) int64 {
	t.Helper()
	p := &plan.Plan{Region: plan.Region{Code: "500106", Name: "沙坪坝区"}, Year: 2022, Title: "五百项指标", Settings: plan.DefaultSettings(),
		Departments: []plan.Department{{Code: "commerce", Name: "区商务委"}}}
	prog := plan.Program{Code: "p", Name: "工程"}
	for i := 0; i < 500; i++ {
		target := decimal.NewFromInt(int64(1200 + i))
		prog.Indicators = append(prog.Indicators, plan.Indicator{Code: fmt.Sprintf("i%03d", i), Name: fmt.Sprintf("指标%03d", i), Unit: "个",
			Kind: plan.KindLevel, Direction: plan.Higher, Target: &target, Qualifier: plan.QualAtLeast, Period: "2022",
			Frequency: plan.Monthly, Accumulation: plan.Cumulative, DeptCode: "commerce", Public: true, Position: i})
	}
	p.Zones = []plan.Zone{{Code: "z", Name: "示范区", Programs: []plan.Program{prog}}}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	got, err := svc.ImportPlan(context.Background(), service.System, &planfile.Loaded{Plan: p})
	if err != nil {
		t.Fatal(err)
	}
	return got.ID
}

// fill writes a value into every row of a template; bad maps a row to the text of its
// value cell instead.
func fill(t testing.TB, tpl xlsx.Template, bad map[int]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsx.WriteTemplate(&buf, tpl); err != nil {
		t.Fatal(err)
	}
	book, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	const col = "H" // 本期数值, as the template lays it out (the tests below name it too)
	first := 4
	for i := range tpl.Rows {
		row := first + i
		v := fmt.Sprint(300 + i) // a quarter of the target by March: on track
		if b, ok := bad[row]; ok {
			v = b
		}
		if err := book.SetCellValue(xlsx.SheetForm, fmt.Sprintf("%s%d", col, row), v); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if err := book.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func read(t testing.TB, b []byte) ([]xlsx.Entry, error) {
	return xlsx.ReadWorkbook(bytes.NewReader(b), int64(len(b)))
}

// One bad cell among 500 good ones refuses the whole file, naming that cell, and the
// database is unchanged; the corrected file then imports. On both databases.
func TestWorkbookAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc := service.New(st)
		svc.Hasher = auth.NewHasher(auth.WithParams(auth.InsecureTestParams))
		svc.Now = func() time.Time { return time.Date(2022, 4, 5, 2, 0, 0, 0, time.UTC) }
		planID := bigPlan(t, svc)
		tpl, err := svc.ReportTemplate(ctx, service.System, planID, "commerce", "2022-03")
		if err != nil {
			t.Fatal(err)
		}
		if len(tpl.Rows) != 500 {
			t.Fatalf("template has %d rows", len(tpl.Rows))
		}
		count := func() int {
			rs, err := st.PlanReports(ctx, planID)
			if err != nil {
				t.Fatal(err)
			}
			return len(rs)
		}

		// A cell that is not a number: the reader names it.
		_, err = read(t, fill(t, tpl, map[int]string{254: "abc"}))
		var xe xlsx.Errors
		if !errors.As(err, &xe) || len(xe) != 1 || xe[0].Row != 254 || xe[0].Column != "H" || xe[0].Sheet != xlsx.SheetForm {
			t.Fatalf("bad cell: %v", err)
		}

		// A number the rules refuse (a negative amount): rows before it were already
		// written in the transaction, and all are rolled back.
		entries, err := read(t, fill(t, tpl, map[int]string{300: "-5"}))
		if err != nil {
			t.Fatal(err)
		}
		_, err = svc.ImportReports(ctx, service.System, planID, entries, true)
		if !errors.As(err, &xe) || len(xe) != 1 || xe[0].Row != 300 || xe[0].Column != "H" {
			t.Fatalf("negative value: %v", err)
		}
		if !strings.Contains(err.Error(), "300") {
			t.Errorf("the message does not name the row: %v", err)
		}
		if n := count(); n != 0 {
			t.Fatalf("%d reports stored by a refused file", n)
		}
		es, _ := st.Audit(ctx, auditFilter("report"))
		if len(es) != 0 {
			t.Fatalf("%d audit rows left by a refused file", len(es))
		}

		// The corrected file imports whole.
		entries, err = read(t, fill(t, tpl, nil))
		if err != nil {
			t.Fatal(err)
		}
		sum, err := svc.ImportReports(ctx, service.System, planID, entries, true)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Created != 500 || sum.Submitted != 500 || count() != 500 {
			t.Fatalf("import: %+v, %d stored", sum, count())
		}
		// Importing the same period again cannot overwrite submitted figures.
		if _, err := svc.ImportReports(ctx, service.System, planID, entries, true); !errors.As(err, &xe) || len(xe) != 500 {
			t.Errorf("re-import over submitted reports: %v", err)
		}
	})
}

// A reporter may import only their department's indicators.
func TestWorkbookDepartmentScope(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	ctx := context.Background()
	tpl, err := f.svc.ReportTemplate(ctx, f.reporter, f.planID, "", "2022-04")
	if err != nil {
		t.Fatal(err)
	}
	if tpl.Department != "区商务委" || len(tpl.Rows) == 0 {
		t.Fatalf("clerk's template: %s with %d rows", tpl.Department, len(tpl.Rows))
	}
	if _, err := f.svc.ReportTemplate(ctx, f.other, f.planID, "commerce", "2022-04"); !errors.Is(err, auth.ErrForbidden) {
		t.Errorf("another department's template: %v", err)
	}
	entries, err := read(t, fill(t, tpl, nil))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.ImportReports(ctx, f.other, f.planID, entries, false); !errors.Is(err, auth.ErrForbidden) {
		t.Errorf("another department's import: %v", err)
	}
	sum, err := f.svc.ImportReports(ctx, f.reporter, f.planID, entries, false)
	if err != nil || sum.Created != len(tpl.Rows) {
		t.Errorf("own import: %+v %v", sum, err)
	}
}

// Issue 8, item 8: a row whose indicator id and code disagree is refused, naming the
// code cell; nothing is written by the id alone (a CSV carries no template to check it).
func TestImportIDAndCodeMustAgree(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		tpl, err := f.svc.ReportTemplate(ctx, f.reporter, f.planID, "", "2022-04")
		if err != nil {
			t.Fatal(err)
		}
		entries, err := read(t, fill(t, tpl, nil))
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) < 2 {
			t.Fatalf("%d entries", len(entries))
		}
		before, _ := st.PlanReports(ctx, f.planID)
		entries[0].Code = entries[1].Code
		_, err = f.svc.ImportReports(ctx, f.reporter, f.planID, entries, false)
		var errs xlsx.Errors
		if !errors.As(err, &errs) {
			t.Fatalf("import with a code not the id's: %v, want the file refused", err)
		}
		found := false
		for _, e := range errs {
			if e.Row == entries[0].Row && e.Code == "code_mismatch" && e.Field == "code" {
				found = true
			}
		}
		if !found {
			t.Errorf("no error names the code of row %d: %v", entries[0].Row, errs)
		}
		if after, _ := st.PlanReports(ctx, f.planID); len(after) != len(before) {
			t.Errorf("%d reports written by a refused file", len(after)-len(before))
		}
	})
}

// Issue 8, item 8: a failure of the database during an import reaches the caller as the
// store's error (which the error table tells as "cannot store now"), not as row problems
// such as "period locked"; and a full SQLite disk is store.ErrUnavailable at every write.
func TestStoreFailureReachesTheCaller(t *testing.T) {
	st := storetest.SQLite(t)
	f := newFixture(t, st)
	ctx := context.Background()
	tpl, err := f.svc.ReportTemplate(ctx, f.reporter, f.planID, "", "2022-04")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := read(t, fill(t, tpl, nil))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().ExecContext(ctx, `ALTER TABLE period_unlocks RENAME TO period_unlocks_away`); err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.ImportReports(ctx, f.reporter, f.planID, entries, false)
	var errs xlsx.Errors
	if err == nil || errors.As(err, &errs) {
		t.Errorf("import while the database fails: %v, want the store's error, not row problems", err)
	}
	if _, err := st.DB().ExecContext(ctx, `ALTER TABLE period_unlocks_away RENAME TO period_unlocks`); err != nil {
		t.Fatal(err)
	}

	// A full disk: SQLite may grow no further (one connection, so the pragma holds).
	st.DB().SetMaxOpenConns(1)
	var pages int
	if err := st.DB().QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().ExecContext(ctx, fmt.Sprintf(`PRAGMA max_page_count = %d`, pages)); err != nil {
		t.Fatal(err)
	}
	many := make([]xlsx.Entry, 0, len(entries))
	for _, e := range entries {
		e.Note = strings.Repeat("说明", 900)
		many = append(many, e)
	}
	if _, err := f.svc.ImportReports(ctx, f.reporter, f.planID, many, false); !errors.Is(err, service.ErrUnavailable) {
		t.Errorf("import on a full disk: %v, want ErrUnavailable", err)
	}
	if _, err := f.svc.CreateReport(ctx, f.reporter, f.fdi, service.ReportInput{Period: "2022-04", Value: dec("1"), Note: strings.Repeat("说明", 1000)}); !errors.Is(err, service.ErrUnavailable) {
		t.Errorf("report on a full disk: %v, want ErrUnavailable", err)
	}
	if rs, _ := st.IndicatorReports(ctx, f.fdi); len(rs) != 0 {
		t.Errorf("%d reports saved on a full disk", len(rs))
	}
}
