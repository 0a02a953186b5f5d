package service_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/lantu-dev/lantu/internal/docx"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// TestBulletinDOCX writes March's bulletin as a Word document and reads it back: the
// four sections, each zone, the overall figures, the behind indicator with its cause,
// remedy and owner, the ranking with its lights, and the overdue list.
func TestBulletinDOCX(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	ctx := context.Background()
	explainFDI(t, f)
	data, name, err := f.svc.BulletinDOCX(ctx, f.admin, f.planID, progress.Period{}, "zh")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(name, "-2022-03.docx") {
		t.Errorf("file name %q", name)
	}
	if dir := os.Getenv("LANTU_TEST_OUTPUT"); dir != "" { // for a person to open in Word or WPS
		_ = os.WriteFile(filepath.Join(dir, name), data, 0o644)
	}
	blocks, err := docx.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	var headings []string
	var text strings.Builder
	var tables [][][]string
	for _, b := range blocks {
		if b.IsTable() {
			tables = append(tables, b.Rows)
			continue
		}
		if b.Style == "Heading1" || b.Style == "Heading2" {
			headings = append(headings, b.Text)
		}
		text.WriteString(b.Text + "\n")
	}
	if blocks[0].Style != "Title" || !strings.Contains(blocks[0].Text, "月度通报") {
		t.Errorf("title: %+v", blocks[0])
	}
	want := []string{"一、总体情况", "二、各示范区推进情况", "（一）创新驱动示范区", "（二）开放引领示范区", "（三）文化传承示范区", "（四）人民城市示范区",
		"三、部门红黄绿灯排名", "四、逾期未报清单"}
	if strings.Join(headings, "|") != strings.Join(want, "|") {
		t.Errorf("headings %q, want %q", headings, want)
	}
	// The overview's figures are the bulletin's.
	b, err := f.svc.Bulletin(ctx, f.admin, f.planID, progress.Period{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"（2022年3月）", "数据截至2022-03-31", "纳入研判的指标" + itoa(b.Overall.Tracked) + "项", "按时报送率"} {
		if !strings.Contains(text.String(), s) {
			t.Errorf("the text has no %q", s)
		}
	}
	// 外商直接投资 (its March figure submitted, not approved: still overdue) with the
	// cause and remedy given, owned by 区商务委; 服务贸易进出口总额 behind its path, in
	// 亿元: rows of a "needs attention" table.
	rows := map[string][]string{}
	for _, tb := range tables {
		for _, row := range tb {
			if len(row) == 7 {
				rows[row[1]] = row
			}
		}
	}
	if r := rows["外商直接投资"]; strings.Join(r[2:], "|") != "逾期未报|— / —|外资项目签约推迟|加快项目签约落地|区商务委" {
		t.Errorf("外商直接投资: %q", r)
	}
	if r := rows["服务贸易进出口总额"]; strings.Join(r[2:], "|") != "滞后|7.3亿元 / 8.75亿元|未说明|未说明|区商务委" {
		t.Errorf("服务贸易进出口总额: %q", r)
	}
	// The ranking table: 区城市管理局 first with a green light; the overdue list, six
	// reports, the oldest first (49 days).
	var ranking, overdue [][]string
	for _, tb := range tables {
		if tb[0][0] == "名次" {
			ranking = tb
		}
		if len(tb[0]) == 6 && tb[0][5] == "逾期天数" {
			overdue = tb
		}
	}
	if len(ranking) < 2 || ranking[1][0] != "1" || ranking[1][1] != "区城市管理局" || ranking[1][2] != "绿灯" {
		t.Errorf("ranking table: %q", ranking)
	}
	if len(overdue) != 7 || overdue[1][5] != "49" || overdue[6][5] != "21" {
		t.Errorf("overdue table: %q", overdue)
	}

	// English: the same document without Chinese words of ours.
	en, _, err := f.svc.BulletinDOCX(ctx, f.admin, f.planID, progress.Period{}, "en")
	if err != nil {
		t.Fatal(err)
	}
	eb, err := docx.Read(en)
	if err != nil {
		t.Fatal(err)
	}
	var eh []string
	for _, b := range eb {
		if b.Style == "Heading1" {
			eh = append(eh, b.Text)
		}
	}
	if strings.Join(eh, "|") != "1. Overview|2. Zones|3. Department ranking|4. Reports overdue" {
		t.Errorf("English headings %q", eh)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
