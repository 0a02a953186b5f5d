package service_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

func TestStatusBoardFilter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		all, err := f.svc.StatusBoard(ctx, f.admin, f.planID, time.Time{}, service.BoardFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if all.Total != 33 || len(all.Rows) != 33 {
			t.Fatalf("unfiltered: %d of %d, want 33", len(all.Rows), all.Total)
		}
		for _, c := range []struct {
			name   string
			filter service.BoardFilter
			want   int
			check  func(service.Placed) bool
		}{
			{"zone", service.BoardFilter{Zone: all.Rows[len(all.Rows)-1].ZoneCode()}, 4, nil},
			{"department", service.BoardFilter{Dept: "commerce"}, 0, func(p service.Placed) bool { return p.DeptName == "区商务委" }},
			{"status", service.BoardFilter{Status: "behind"}, 2, func(p service.Placed) bool { return p.Status == progress.StatusBehind }},
			{"attention", service.BoardFilter{Status: "attention"}, 6, func(p service.Placed) bool { return service.NeedsAttention(p.Status) }},
			{"good", service.BoardFilter{Status: "good"}, 3, nil},
			{"hide without target", service.BoardFilter{HideNoTarget: true}, 14, func(p service.Placed) bool { return p.Status != progress.StatusNoTarget }},
			{"name", service.BoardFilter{Query: "外资"}, 1, func(p service.Placed) bool { return strings.Contains(p.Name, "外资") }},
			{"code, any case", service.BoardFilter{Query: "FDI"}, 2, func(p service.Placed) bool { return strings.Contains(p.Code, "fdi") }},
			{"together", service.BoardFilter{Dept: "commerce", Status: "attention", HideNoTarget: true}, 4, nil},
			{"nothing", service.BoardFilter{Query: "没有这个指标"}, 0, nil},
		} {
			t.Run(c.name, func(t *testing.T) {
				b, err := f.svc.StatusBoard(ctx, f.admin, f.planID, time.Time{}, c.filter)
				if err != nil {
					t.Fatal(err)
				}
				if c.want > 0 && len(b.Rows) != c.want || c.want == 0 && c.check == nil && len(b.Rows) != 0 {
					t.Errorf("%d rows, want %d", len(b.Rows), c.want)
				}
				if c.check != nil && c.want == 0 && len(b.Rows) == 0 {
					t.Error("no rows")
				}
				for _, p := range b.Rows {
					if c.check != nil && !c.check(p) {
						t.Errorf("row %s (%s, %s) does not match", p.Name, p.Status, p.DeptName)
					}
				}
			})
		}
		// The public sees public indicators only, filtered the same way.
		f.svc.PublicView = true
		pub, err := f.svc.StatusBoard(ctx, service.Actor{Principal: auth.Anonymous()}, f.planID, time.Time{}, service.BoardFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pub.Rows {
			if !p.Public {
				t.Errorf("the public sees internal %s", p.Name)
			}
		}
		if pub.Total == 0 || pub.Total >= all.Total {
			t.Errorf("public board: %d of %d", pub.Total, all.Total)
		}
	})
}

// TestStatusBoardXLSX downloads the board as a workbook and reads it back.
func TestStatusBoardXLSX(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	ctx := context.Background()
	data, name, err := f.svc.StatusBoardXLSX(ctx, f.admin, f.planID, time.Time{}, service.BoardFilter{}, "zh")
	if err != nil {
		t.Fatal(err)
	}
	if name != "status-"+itoa(int(f.planID))+"-20220331.xlsx" {
		t.Errorf("name %q", name)
	}
	if dir := os.Getenv("LANTU_TEST_OUTPUT"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, name), data, 0o644)
	}
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := x.GetSheetList(); len(got) != 2 || got[0] != "进度看板" || got[1] != "部门排名" {
		t.Fatalf("sheets %q", got)
	}
	rows, err := x.GetRows("进度看板")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2+33 || rows[1][3] != "指标" || rows[1][6] != "状态" {
		t.Fatalf("%d rows; header %q", len(rows), rows[1])
	}
	byCode := map[string][]string{}
	for _, r := range rows[2:] {
		byCode[r[2]] = r
	}
	// 实际利用外资: 2.05亿 of 8亿美元, on track, stored as exact numbers.
	fdu := byCode["fdi-utilized"]
	if fdu == nil {
		for _, r := range rows[2:] {
			if r[3] == "实际利用外资" {
				fdu = r
			}
		}
	}
	if fdu == nil || fdu[6] != "正常" || fdu[5] != "区商务委" {
		t.Fatalf("实际利用外资: %q", fdu)
	}
	cell := func(sheet string, col string, row int) string {
		for i, r := range rows {
			if len(r) > 3 && r[3] == "实际利用外资" {
				v, _ := x.GetCellValue(sheet, col+itoa(i+1), excelize.Options{RawCellValue: true})
				return v
			}
		}
		return ""
	}
	if v := cell("进度看板", "I", 0); v != "205000000" {
		t.Errorf("progress stored as %q, want 205000000", v)
	}
	if v := cell("进度看板", "K", 0); v != "800000000" {
		t.Errorf("target stored as %q, want 800000000", v)
	}
	ranking, err := x.GetRows("部门排名")
	if err != nil {
		t.Fatal(err)
	}
	if len(ranking) < 3 || ranking[2][1] != "区城市管理局" || ranking[2][2] != "绿灯" {
		t.Errorf("ranking sheet: %q", ranking)
	}
	// A filtered download holds the filtered lines only; the public gets no ranking.
	f.svc.PublicView = true
	data, _, err = f.svc.StatusBoardXLSX(ctx, service.Actor{Principal: auth.Anonymous()}, f.planID, time.Time{}, service.BoardFilter{Status: "good"}, "en")
	if err != nil {
		t.Fatal(err)
	}
	x2, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer x2.Close()
	if got := x2.GetSheetList(); len(got) != 1 || got[0] != "Status" {
		t.Fatalf("public sheets %q", got)
	}
	rows, _ = x2.GetRows("Status")
	for _, r := range rows[2:] {
		if r[6] != "On track" && r[6] != "Achieved" && r[6] != "Done" {
			t.Errorf("filtered to good, got %q", r)
		}
	}
}
