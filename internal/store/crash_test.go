package store_test

// The crash test: a real lantu (this test binary re-executed, running lantu's own command
// line) is killed with SIGKILL in the middle of an Excel import, a plan import and an
// approval served over HTTP — once with every row written but not committed, once just
// after the commit — and the database must then hold the operation entirely or not at
// all, on SQLite (WAL, synchronous=NORMAL) and on PostgreSQL.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/cli"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/planfile"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
	"github.com/lantu-dev/lantu/internal/xlsx"
)

// The child process is told what to do by these variables.
const (
	envCrashMode  = "LANTU_CRASH_CHILD" // "before" or "after" the commit
	envCrashAudit = "LANTU_CRASH_AUDIT" // audit rows before the operation
	envCrashArgs  = "LANTU_CRASH_ARGS"  // lantu's arguments, as JSON
	crashMarker   = "LANTU-CRASH-POINT"
)

func TestMain(m *testing.M) {
	if mode := os.Getenv(envCrashMode); mode != "" {
		os.Exit(crashChild(mode))
	}
	os.Exit(m.Run())
}

// crashChild runs lantu's command line with a commit hook that, at the first commit
// that writes an audit row (the operation's: set-up wrote the others), says so on
// standard output and waits to be killed.
func crashChild(mode string) int {
	baseline, err := strconv.Atoi(os.Getenv(envCrashAudit))
	if err != nil {
		fmt.Fprintln(os.Stderr, "crash child: bad", envCrashAudit)
		return 3
	}
	var args []string
	if err := json.Unmarshal([]byte(os.Getenv(envCrashArgs)), &args); err != nil {
		fmt.Fprintln(os.Stderr, "crash child: bad", envCrashArgs)
		return 3
	}
	store.SetCommitHook(func(committed bool, count func(string) (int, error)) {
		if committed != (mode == "after") {
			return
		}
		if n, err := count("audit_log"); err != nil || n <= baseline {
			return
		}
		// Should these fail, the parent never sees the marker and says so.
		_, _ = os.Stdout.WriteString(crashMarker + "\n")
		_ = os.Stdout.Sync()
		time.Sleep(time.Hour) // the parent kills us here
	})
	env := &cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	return cli.Run(context.Background(), env, args)
}

// child is a running crash child.
type child struct {
	cmd    *exec.Cmd
	lines  chan string // standard output and error, line by line
	output *bytes.Buffer
}

func startChild(t *testing.T, mode string, audit int, args ...string) *child {
	t.Helper()
	a, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envCrashMode+"="+mode, envCrashAudit+"="+strconv.Itoa(audit), envCrashArgs+"="+string(a),
		"LANTU_LOG_LEVEL=info")
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, lines: make(chan string, 1000), output: &bytes.Buffer{}}
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			c.lines <- sc.Text()
		}
		close(c.lines)
	}()
	go func() { _ = cmd.Wait(); _ = pw.Close() }() // killed on purpose: its exit status says nothing
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	return c
}

// waitFor reads the child's output until a line matches, and returns the match.
func (c *child) waitFor(t *testing.T, re *regexp.Regexp) []string {
	t.Helper()
	deadline := time.After(60 * time.Second)
	for {
		select {
		case line, ok := <-c.lines:
			if !ok {
				t.Fatalf("the child ended before %q; its output:\n%s", re, c.output)
			}
			c.output.WriteString(line + "\n")
			if m := re.FindStringSubmatch(line); m != nil {
				return m
			}
		case <-deadline:
			t.Fatalf("no %q from the child in 60 s; its output:\n%s", re, c.output)
		}
	}
}

// kill sends SIGKILL: no deferred function, no rollback, no close runs in the child.
func (c *child) kill(t *testing.T) {
	t.Helper()
	if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	for range c.lines {
	}
	if st := c.cmd.ProcessState; st == nil || st.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the child was not killed by SIGKILL: %v", st)
	}
}

var crashPoint = regexp.MustCompile(regexp.QuoteMeta(crashMarker))

// crashDB is one database for the crash test: its DSN for the child, and a store on it
// for the parent, which prepares and then inspects it.
type crashDB struct {
	dsn string
	st  *store.Store
	svc *service.Service
}

// each runs fn on a fresh SQLite file and a fresh PostgreSQL schema.
func eachCrashDB(t *testing.T, fn func(t *testing.T, db crashDB)) {
	open := func(t *testing.T, dsn string) crashDB {
		st, err := store.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		if err := st.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		svc := service.New(st)
		svc.Hasher = auth.NewHasher(auth.WithParams(auth.InsecureTestParams))
		// Set-up writes now, so that the child's start finds nothing left to write.
		if _, _, err := svc.EnsureAdmin(context.Background()); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.CSRFSecret(context.Background()); err != nil {
			t.Fatal(err)
		}
		return crashDB{dsn: dsn, st: st, svc: svc}
	}
	t.Run("sqlite", func(t *testing.T) { fn(t, open(t, filepath.Join(t.TempDir(), "lantu.db"))) })
	t.Run("postgres", func(t *testing.T) { fn(t, open(t, storetest.PostgresURL(t))) })
}

func (db crashDB) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.st.DB().QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// checkIntact: the database opens, SQLite's integrity check passes, and every report
// belongs to an indicator (foreign keys hold).
func (db crashDB) checkIntact(t *testing.T) {
	t.Helper()
	if db.st.Dialect() == store.SQLite {
		var res string
		if err := db.st.DB().QueryRow(`PRAGMA integrity_check`).Scan(&res); err != nil || res != "ok" {
			t.Fatalf("integrity_check = %q, %v", res, err)
		}
		if n := db.count(t, `SELECT count(*) FROM pragma_foreign_key_check`); n != 0 {
			t.Fatalf("%d foreign key violations", n)
		}
	}
	if n := db.count(t, `SELECT count(*) FROM reports r LEFT JOIN indicators i ON i.id = r.indicator_id WHERE i.id IS NULL`); n != 0 {
		t.Fatalf("%d reports without an indicator", n)
	}
}

// crashPlan is a plan whose department owns n monthly indicators.
func crashPlan(title string, n int) *plan.Plan {
	p := &plan.Plan{Region: plan.Region{Code: "500106", Name: "沙坪坝区"}, Year: 2022, Title: title, Settings: plan.DefaultSettings(),
		Departments: []plan.Department{{Code: "commerce", Name: "区商务委"}}}
	prog := plan.Program{Code: "p", Name: "工程"}
	for i := 0; i < n; i++ {
		target := decimal.NewFromInt(int64(1200 + i))
		prog.Indicators = append(prog.Indicators, plan.Indicator{Code: fmt.Sprintf("i%03d", i), Name: fmt.Sprintf("指标%03d", i), Unit: "个",
			Kind: plan.KindLevel, Direction: plan.Higher, Target: &target, Qualifier: plan.QualAtLeast, Period: "2022",
			Frequency: plan.Monthly, Accumulation: plan.Cumulative, DeptCode: "commerce", Public: true, Position: i})
	}
	p.Zones = []plan.Zone{{Code: "z", Name: "示范区", Programs: []plan.Program{prog}}}
	return p
}

func importPlan(t *testing.T, db crashDB, p *plan.Plan) int64 {
	t.Helper()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	got, err := db.svc.ImportPlan(context.Background(), service.System, &planfile.Loaded{Plan: p})
	if err != nil {
		t.Fatal(err)
	}
	return got.ID
}

var modes = []string{"before", "after"}

// An Excel workbook of 300 figures, imported and submitted by `lantu report import`.
func TestCrashDuringExcelImport(t *testing.T) {
	eachCrashDB(t, func(t *testing.T, db crashDB) {
		ctx := context.Background()
		planID := importPlan(t, db, crashPlan("崩溃测试", 300))
		tpl, err := db.svc.ReportTemplate(ctx, service.System, planID, "commerce", "2022-03")
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "commerce-2022-03.xlsx")
		if err := os.WriteFile(file, fillWorkbook(t, tpl), 0o600); err != nil {
			t.Fatal(err)
		}
		for _, mode := range modes {
			t.Run(mode, func(t *testing.T) {
				// After the "after" run the figures exist; each run starts without them.
				if _, err := db.st.DB().ExecContext(ctx, `DELETE FROM reports`); err != nil {
					t.Fatal(err)
				}
				audits := db.count(t, `SELECT count(*) FROM audit_log`)
				c := startChild(t, mode, audits, "report", "import", "--db", db.dsn, "--plan", strconv.FormatInt(planID, 10), "--submit", file)
				c.waitFor(t, crashPoint)
				c.kill(t)
				db.checkIntact(t)
				reports := db.count(t, `SELECT count(*) FROM reports`)
				submitted := db.count(t, `SELECT count(*) FROM reports WHERE state = 'submitted'`)
				imports := db.count(t, `SELECT count(*) FROM audit_log WHERE action = 'report.import'`)
				newAudits := db.count(t, `SELECT count(*) FROM audit_log`) - audits
				switch mode {
				case "before":
					if reports != 0 || newAudits != 0 {
						t.Fatalf("killed before the commit: %d reports, %d new audit rows; want none", reports, newAudits)
					}
				case "after":
					if reports != 300 || submitted != 300 || imports != 1 {
						t.Fatalf("killed after the commit: %d reports (%d submitted), %d import audit rows; want 300, 300, 1",
							reports, submitted, imports)
					}
				}
			})
		}
	})
}

// fillWorkbook writes a figure into every row of a department's template, as a clerk
// would in Excel.
func fillWorkbook(t *testing.T, tpl xlsx.Template) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsx.WriteTemplate(&buf, tpl); err != nil {
		t.Fatal(err)
	}
	book, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for i := range tpl.Rows {
		// Column H is 本期数值; the rows start at 4 (as the xlsx package lays them out).
		if err := book.SetCellValue(xlsx.SheetForm, fmt.Sprintf("H%d", 4+i), fmt.Sprint(300+i)); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if err := book.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// A plan file of 400 indicators with 1,200 seeded reports, imported by `lantu plan import`.
func TestCrashDuringPlanImport(t *testing.T) {
	eachCrashDB(t, func(t *testing.T, db crashDB) {
		ctx := context.Background()
		p := crashPlan("崩溃测试规划", 400)
		if err := p.Validate(); err != nil {
			t.Fatal(err)
		}
		reports := map[string][]planfile.Report{}
		for _, ind := range p.Zones[0].Programs[0].Indicators {
			for m := 1; m <= 3; m++ {
				reports[ind.Code] = append(reports[ind.Code], planfile.Report{Period: fmt.Sprintf("2022-%02d", m), Value: &planfile.Dec{Decimal: decimal.NewFromInt(int64(100 * m))}})
			}
		}
		data, err := planfile.Marshal(planfile.FromPlan(p, reports))
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "plan.yaml")
		if err := os.WriteFile(file, data, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, mode := range modes {
			t.Run(mode, func(t *testing.T) {
				for _, q := range []string{`DELETE FROM reports`, `DELETE FROM indicators`, `DELETE FROM programs`, `DELETE FROM zones`, `DELETE FROM plans`} {
					if _, err := db.st.DB().ExecContext(ctx, q); err != nil {
						t.Fatal(err)
					}
				}
				audits := db.count(t, `SELECT count(*) FROM audit_log`)
				c := startChild(t, mode, audits, "plan", "import", "--db", db.dsn, file)
				c.waitFor(t, crashPoint)
				c.kill(t)
				db.checkIntact(t)
				plans := db.count(t, `SELECT count(*) FROM plans`)
				inds := db.count(t, `SELECT count(*) FROM indicators`)
				reps := db.count(t, `SELECT count(*) FROM reports`)
				newAudits := db.count(t, `SELECT count(*) FROM audit_log`) - audits
				switch mode {
				case "before":
					if plans+inds+reps+newAudits != 0 {
						t.Fatalf("killed before the commit: %d plans, %d indicators, %d reports, %d audit rows; want none", plans, inds, reps, newAudits)
					}
				case "after":
					if plans != 1 || inds != 400 || reps != 1200 || newAudits != 1 {
						t.Fatalf("killed after the commit: %d plans, %d indicators, %d reports, %d audit rows; want 1, 400, 1200, 1", plans, inds, reps, newAudits)
					}
				}
			})
		}
	})
}

// An approval sent to `lantu serve` over the JSON API: the server dies while answering.
func TestCrashDuringApproval(t *testing.T) {
	eachCrashDB(t, func(t *testing.T, db crashDB) {
		ctx := context.Background()
		planID := importPlan(t, db, crashPlan("审核崩溃测试", 3))
		inds, err := db.st.PlanIndicators(ctx, planID)
		if err != nil {
			t.Fatal(err)
		}
		// An admin approves (admins may act on locked periods, so the test does not
		// depend on today's date); lantu itself entered and submitted the figures.
		if _, _, err := db.svc.CreateUser(ctx, service.System, service.NewUser{Login: "approver", DisplayName: "审核人",
			Roles: []auth.Role{auth.RoleAdmin}, Password: "a long passphrase for tests"}); err != nil {
			t.Fatal(err)
		}
		token, _, err := db.svc.CreateToken(ctx, service.System, "approver", "crash test", time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		for i, mode := range modes {
			t.Run(mode, func(t *testing.T) {
				v := decimal.NewFromInt(400)
				r, err := db.svc.CreateReport(ctx, service.System, inds[i].ID, service.ReportInput{Period: "2022-03", Value: &v})
				if err != nil {
					t.Fatal(err)
				}
				if r, err = db.svc.Review(ctx, service.System, r.ID, service.ReviewAction{Action: progress.ActSubmit, Version: r.Version}); err != nil {
					t.Fatal(err)
				}
				audits := db.count(t, `SELECT count(*) FROM audit_log`)
				c := startChild(t, mode, audits, "serve", "--addr", "127.0.0.1:0", "--db", db.dsn)
				addr := c.waitFor(t, regexp.MustCompile(`addr=(http://127\.0\.0\.1:\d+)`))[1]
				answered := make(chan error, 1)
				go func() {
					body := strings.NewReader(fmt.Sprintf(`{"version": %d}`, r.Version))
					req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/api/v1/reports/%d/approve", addr, r.ID), body)
					req.Header.Set("Authorization", "Bearer "+token)
					req.Header.Set("Content-Type", "application/json")
					resp, err := http.DefaultClient.Do(req)
					if err == nil {
						msg, _ := io.ReadAll(resp.Body)
						resp.Body.Close()
						err = fmt.Errorf("answered %s: %s", resp.Status, msg)
					}
					answered <- err
				}()
				c.waitFor(t, crashPoint)
				c.kill(t)
				if err := <-answered; err == nil || strings.HasPrefix(err.Error(), "answered") {
					t.Fatalf("the approval was answered before the kill: %v", err)
				}
				db.checkIntact(t)
				got, err := db.st.Report(ctx, r.ID)
				if err != nil {
					t.Fatal(err)
				}
				approvals := db.count(t, `SELECT count(*) FROM audit_log WHERE action = 'report.approve' AND entity_id = $1`, r.ID)
				switch mode {
				case "before":
					if got.State != progress.StateSubmitted || got.Version != r.Version || approvals != 0 {
						t.Fatalf("killed before the commit: report %s v%d, %d approval audit rows; want submitted v%d, none",
							got.State, got.Version, approvals, r.Version)
					}
				case "after":
					if got.State != progress.StateApproved || got.ReviewedBy == 0 || approvals != 1 {
						t.Fatalf("killed after the commit: report %s (reviewed by %d), %d approval audit rows; want approved, 1",
							got.State, got.ReviewedBy, approvals)
					}
				}
			})
		}
	})
}
