package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lantu-dev/lantu/internal/invest"
	"github.com/xuri/excelize/v2"
)

// The invest commands on a database with the demo plan: an officer's enterprise with a
// wrong check character is refused naming it, a lead moves, funds are priced at the rate,
// a CSV with one bad cell imports nothing and names the cell, the pipeline exports, and
// the officer's calendar is iCalendar.
func TestInvestCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lantu.db")
	demo := filepath.Join("..", "..", "demo", "shapingba-2022.yaml")
	mustRun := func(stdin string, args ...string) string {
		t.Helper()
		code, out, errOut := run(t, stdin, nil, args...)
		if code != 0 {
			t.Fatalf("lantu %s: %d %s", strings.Join(args, " "), code, errOut)
		}
		return out
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustRun("", "plan", "import", "--db", db, demo)
	mustRun("", "user", "add", "fang", "--role", "officer", "--dept", "investment", "--db", db)
	code, _, errOut := run(t, "", nil, "invest", "enterprise", "add", "--db", db, "--name", "某公司", "--code", "91350100M000100Y44", "--owner", "fang")
	if code != 1 || !strings.Contains(errOut, "校验位“4”不正确") || !strings.Contains(errOut, "应为“3”") {
		t.Errorf("wrong check character: %d %s", code, errOut)
	}
	code, _, errOut = run(t, "", map[string]string{"LANTU_LANG": "en"}, "invest", "enterprise", "add", "--db", db, "--name", "X", "--code", "91350100M000100Y44", "--owner", "fang")
	if code != 1 || !strings.Contains(errOut, `check character "4" is wrong; by GB 32100-2015 it is "3"`) {
		t.Errorf("in English: %s", errOut)
	}
	mustRun("", "invest", "enterprise", "add", "--db", db, "--name", "宁波拓普集团股份有限公司", "--code", "91350100M000100Y43", "--owner", "fang", "--settled", "--park", "青凤高科产业园")
	if code, _, errOut := run(t, "", nil, "invest", "enterprise", "add", "--db", db, "--name", "宁波拓普集团有限公司", "--owner", "fang"); code != 1 || !strings.Contains(errOut, "已有同一企业") {
		t.Errorf("duplicate by name: %s", errOut)
	}
	mustRun("", "invest", "rate", "set", "--db", db, "--currency", "EUR", "--on", "2022-01-01", "--usd", "1.13")
	out := mustRun("", "invest", "lead", "add", "--db", db, "--name", "外资项目", "--owner", "fang", "--stage", "签约", "--on", "2022-02-01", "--foreign", "--investment", "10000000", "--currency", "EUR")
	if !strings.Contains(out, "lead 1") {
		t.Fatalf("lead add: %s", out)
	}
	mustRun("", "invest", "feed", "set", "--db", db, "--indicator", "projects-landed", "--metric", "reached", "--stage", "落地")
	mustRun("", "invest", "lead", "move", "--db", db, "--to", "落地", "--on", "2022-03-10", "1")
	if code, _, errOut := run(t, "", nil, "invest", "lead", "move", "--db", db, "--to", "在谈", "1"); code != 1 || !strings.Contains(errOut, "不能从") {
		t.Errorf("backward move: %s", errOut)
	}
	if out := mustRun("", "invest", "funds", "add", "--db", db, "--amount", "2000000", "--currency", "EUR", "--on", "2022-03-15", "1"); !strings.Contains(out, "= 2260000 USD at 1.13") {
		t.Errorf("funds: %s", out)
	}
	landedLine := ""
	for _, l := range strings.Split(mustRun("", "status", "--db", db, "--at", "2022-03-31"), "\n") {
		if strings.Contains(l, "推动项目落地") {
			landedLine = l
		}
	}
	if !strings.Contains(landedLine, " 1个 ") {
		t.Errorf("projects-landed in the status: %q", landedLine)
	}
	// A CSV with one bad credit code imports nothing and names the cell.
	csv := filepath.Join(dir, "e.csv")
	write(csv, "企业名称,统一社会信用代码,负责人,已在区内\n甲公司,914403001922038216,fang,是\n乙公司,91440300708461136X,fang,否\n")
	code, _, errOut = run(t, "", nil, "invest", "import", "--db", db, "--kind", "enterprises", csv)
	if code != 1 || !strings.Contains(errOut, "CSV 第 3 行 B 列（统一社会信用代码）") || !strings.Contains(errOut, "应为“T”") {
		t.Errorf("import with a bad cell: %d %s", code, errOut)
	}
	if out := mustRun("", "invest", "enterprise", "list", "--db", db); strings.Contains(out, "甲公司") {
		t.Errorf("half an import: %s", out)
	}
	write(csv, "企业名称,统一社会信用代码,负责人,已在区内\n甲公司,914403001922038216,fang,是\n乙公司,91440300708461136T,fang,否\n")
	if out := mustRun("", "invest", "import", "--db", db, "--kind", "enterprises", csv); !strings.Contains(out, "imported 2 enterprises") {
		t.Errorf("import: %s", out)
	}
	// Leads by sheet, then the pipeline out as .xlsx.
	leads := filepath.Join(dir, "l.csv")
	write(leads, "项目名称,企业,阶段,阶段日期,计划投资,币种,负责人\n甲项目,甲公司,在谈,2022-03-01,50000000,人民币,fang\n")
	mustRun("", "invest", "import", "--db", db, "--kind", "leads", leads)
	xl := filepath.Join(dir, "pipeline.xlsx")
	mustRun("", "invest", "export", "--db", db, "-o", xl)
	f, err := excelize.OpenFile(xl)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(f.GetSheetList()[0])
	var names []string
	for _, r := range rows {
		if len(r) > 0 {
			names = append(names, r[0])
		}
	}
	if got := strings.Join(names, "|"); !strings.Contains(got, "外资项目") || !strings.Contains(got, "甲项目") {
		t.Errorf("export rows: %s", got)
	}
	mustRun("", "invest", "visit", "add", "--db", db, "--at", "2022-03-18 10:00", "--city", "上海", "--enterprise", "某生物医药企业", "--owner", "fang")
	ics := mustRun("", "invest", "ics", "--db", db, "--user", "fang")
	cal, err := invest.ReadICal(strings.NewReader(ics))
	if err != nil || len(cal.Events) != 1 || cal.Events[0].Start.In(invest.China).Hour() != 10 {
		t.Errorf("ics: %v %+v", err, cal.Events)
	}
}
