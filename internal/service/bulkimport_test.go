package service_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
	"github.com/lantu-dev/lantu/internal/xlsx"
)

// A bulk CSV of 500 indicators × 24 months (this year and the last) goes in whole; the
// same file again is refused on its first line, a file with bad rows is refused naming
// each, and neither writes anything; only an administrator may. On both databases.
func TestBulkImportAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc := service.New(st)
		svc.Hasher = auth.NewHasher(auth.WithParams(auth.InsecureTestParams))
		svc.Now = func() time.Time { return time.Date(2023, 2, 1, 0, 0, 0, 0, time.UTC) }
		planID := bigPlan(t, svc)
		inds, err := st.PlanIndicators(ctx, planID)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		b.WriteString("indicator_id,period,value,note\n")
		for _, ind := range inds {
			for _, y := range []int{2021, 2022} {
				for m := 1; m <= 12; m++ {
					fmt.Fprintf(&b, "%d,%d-%02d,%d.5,\"批量, 导入\"\n", ind.ID, y, m, 100*m)
				}
			}
		}
		file := b.String()
		count := func() int {
			var n int
			if err := st.DB().QueryRow(`SELECT count(*) FROM reports`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		// Bad rows among good ones: each named by line and field; nothing written.
		bad := "indicator_id,period,value\n" +
			fmt.Sprintf("%d,2020-01,1\n", inds[0].ID) + // before last year
			fmt.Sprintf("%d,2022-01,1e9999\n", inds[1].ID) +
			fmt.Sprintf("%d,2022Q1,1\n", inds[2].ID) + // a quarter of a monthly indicator
			"999999,2022-01,1\n" +
			fmt.Sprintf("%d,2022-02,5\n", inds[3].ID) +
			fmt.Sprintf("%d,2022-02,6\n", inds[3].ID) + // the same period twice
			fmt.Sprintf("%d,2022-01,1000000000000000\n", inds[4].ID) // 10^15: over the bound
		var verrs xlsx.Errors
		_, err = svc.BulkImportReports(ctx, service.System, strings.NewReader(bad))
		if !errors.As(err, &verrs) || len(verrs) != 6 || count() != 0 {
			t.Fatalf("bad rows = %v; %d reports", err, count())
		}
		for i, want := range []struct {
			line        int
			field, code string
			zh, en      string
		}{
			{2, "period", "valid.period_year", "期间应在 2022 年", "must be in 2022"},
			{3, "value", "not_number", "不是数字", "not a number"},
			{4, "period", "valid.period_frequency", "按月报送", "monthly"},
			{5, "indicator_id", "bulk_no_indicator", "没有编号为 999999 的指标", "no indicator 999999"},
			{7, "period", "bulk_repeated", "与第 6 行为同一指标", "as line 6"},
			{8, "value", "too_large", "数值过大", "too large"},
		} {
			e := verrs[i]
			if e.Row != want.line || e.Field != want.field || e.Code != want.code {
				t.Errorf("problem %d = line %d %s %s; want line %d %s %s", i, e.Row, e.Field, e.Code, want.line, want.field, want.code)
			}
			// Said in one language at a time, naming the line.
			zh := i18n.WorkbookCell("zh", e.Sheet, e.Row, e.Column, e.Field, e.Value, e.Code, e.Args, e.Reason)
			en := i18n.WorkbookCell("en", e.Sheet, e.Row, e.Column, e.Field, e.Value, e.Code, e.Args, e.Reason)
			if !strings.Contains(zh, want.zh) || !strings.Contains(zh, fmt.Sprintf("第 %d 行", want.line)) || strings.Contains(zh, " / ") {
				t.Errorf("problem %d in Chinese = %q; want %q", i, zh, want.zh)
			}
			if !strings.Contains(strings.ToLower(en), strings.ToLower(want.en)) || !strings.Contains(en, fmt.Sprintf("row %d", want.line)) || strings.ContainsFunc(en, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
				t.Errorf("problem %d in English = %q; want %q", i, en, want.en)
			}
		}
		// The status is read (and cached) before the import, and must show it after.
		at := time.Date(2022, 12, 31, 0, 0, 0, 0, time.UTC)
		before, _, err := svc.PlanStatus(ctx, service.System, planID, at)
		if err != nil || before[0].Progress != nil {
			t.Fatalf("status before the import: %v %v", before[0].Progress, err)
		}
		sum, err := svc.BulkImportReports(ctx, service.System, strings.NewReader(file))
		if err != nil {
			t.Fatal(err)
		}
		if sum.Rows != 12000 || sum.Indicators != 500 || count() != 12000 {
			t.Fatalf("imported %+v, %d in the database; want 12000 of 500", sum, count())
		}
		var approved, audits int
		if err := st.DB().QueryRow(`SELECT count(*) FROM reports WHERE state = 'approved' AND value = '1200.5' AND note = '批量, 导入'`).Scan(&approved); err != nil {
			t.Fatal(err)
		}
		if err := st.DB().QueryRow(`SELECT count(*) FROM audit_log WHERE action = 'report.bulk_import' AND note = '12000 reports'`).Scan(&audits); err != nil {
			t.Fatal(err)
		}
		if approved != 1000 || audits != 1 {
			t.Errorf("%d December reports approved as written, %d audit rows", approved, audits)
		}
		after, _, err := svc.PlanStatus(ctx, service.System, planID, at)
		if err != nil || after[0].Progress == nil || !after[0].Progress.Equal(decimal.RequireFromString("1200.5")) {
			t.Errorf("status after the import: %v %v; want the December figure 1200.5", after[0].Progress, err)
		}

		// Again: every row exists already; the first is named, nothing more is written.
		_, err = svc.BulkImportReports(ctx, service.System, strings.NewReader(file))
		if !errors.As(err, &verrs) || verrs[0].Row != 2 || verrs[0].Code != "bulk_exists" || count() != 12000 {
			t.Fatalf("a second import = %v; %d reports", err, count())
		}

		reporter := service.Actor{Principal: auth.Principal{UserID: 9, Login: "clerk", Roles: []auth.Role{auth.RoleReporter}}}
		if _, err := svc.BulkImportReports(ctx, reporter, strings.NewReader("indicator_id,period,value\n")); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("a reporter's bulk import = %v", err)
		}
	})
}
