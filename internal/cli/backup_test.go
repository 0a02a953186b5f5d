package cli

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/app"
	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// demoService opens dsn, migrates it and loads the demo plan.
func demoService(t *testing.T, dsn string) (*service.Service, *store.Store, int64) {
	t.Helper()
	ctx := context.Background()
	st, err := app.OpenStore(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	svc := service.New(st)
	svc.Hasher = auth.NewHasher(auth.WithParams(auth.InsecureTestParams))
	planID, err := app.EnsureDemo(ctx, svc, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.EnsureAdmin(ctx); err != nil {
		t.Fatal(err)
	}
	return svc, st, planID
}

// tableDump reads every row of every table of lantu's schema, each row as text, in a
// stable order, so that two databases can be compared whole.
func tableDump(t *testing.T, db *sql.DB, dialect store.Dialect) map[string][]string {
	t.Helper()
	ctx := context.Background()
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
	if dialect == store.Postgres {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`
	}
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	out := map[string][]string{}
	for _, table := range tables {
		rows, err := db.QueryContext(ctx, `SELECT * FROM `+table)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for i, v := range vals {
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprintf(&b, "%s=%v;", cols[i], v)
			}
			lines = append(lines, b.String())
		}
		rows.Close()
		sortStrings(lines)
		out[table] = lines
	}
	if len(out["plans"]) == 0 || len(out["reports"]) == 0 || len(out["audit_log"]) == 0 {
		t.Fatalf("the dump misses lantu's tables: %v", tables)
	}
	return out
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func compareDumps(t *testing.T, want, got map[string][]string) {
	t.Helper()
	if len(want) != len(got) {
		t.Errorf("%d tables, want %d", len(got), len(want))
	}
	for table, rows := range want {
		g := got[table]
		if len(g) != len(rows) {
			t.Errorf("%s: %d rows, want %d", table, len(g), len(rows))
			continue
		}
		for i := range rows {
			if rows[i] != g[i] {
				t.Errorf("%s: row differs:\n got  %s\n want %s", table, g[i], rows[i])
				break
			}
		}
	}
}

// getStatus is the public status API of a plan as a server over svc answers it.
func getStatus(t *testing.T, svc *service.Service, planID int64) string {
	t.Helper()
	svc.PublicView = true
	h, err := app.Handler(context.Background(), svc, app.Config{PublicView: true}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	resp, err := http.Get(fmt.Sprintf("%s/api/v1/status?plan=%d&at=2022-03-31", srv.URL, planID))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"status"`) {
		t.Fatalf("status API = %s: %.300s", resp.Status, body)
	}
	return string(body)
}

// A backup taken while writers are adding reports is a consistent snapshot (every
// report has its audit row, integrity holds); a backup restored gives back the same
// database, row for row, and serves the same answers.
func TestBackupWhileWritingAndRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	live := filepath.Join(dir, "lantu.db")
	svc, st, planID := demoService(t, live)
	inds, err := st.PlanIndicators(ctx, planID)
	if err != nil {
		t.Fatal(err)
	}
	status := getStatus(t, svc, planID)

	// Writers: each report is created with its audit row in one transaction, on the
	// demo's monthly indicators, in months the demo has no figures for.
	var monthly []int64
	for _, ind := range inds {
		if ind.Frequency == plan.Monthly && ind.Kind != plan.KindMilestone {
			monthly = append(monthly, ind.ID)
		}
	}
	var periods []string
	for m := 1; m <= 12; m++ {
		periods = append(periods, fmt.Sprintf("2021-%02d", m))
		if m > 3 {
			periods = append(periods, fmt.Sprintf("2022-%02d", m))
		}
	}
	count := func(db *sql.DB, q string) int {
		var n int
		if err := db.QueryRow(q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	const countReports, countCreates = `SELECT count(*) FROM reports`, `SELECT count(*) FROM audit_log WHERE action = 'report.create'`
	baseReports, baseCreates := count(st.DB(), countReports), count(st.DB(), countCreates)
	var stop atomic.Bool
	var wrote atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; !stop.Load() && i < len(monthly)*len(periods); i += 2 {
				v := decimal.NewFromInt(int64(100 + i))
				in := service.ReportInput{Period: periods[i/len(monthly)], Value: &v}
				if _, err := svc.CreateReport(ctx, service.System, monthly[i%len(monthly)], in); err == nil {
					wrote.Add(1)
				}
			}
		}(w)
	}
	for start := time.Now(); wrote.Load() < 20; time.Sleep(time.Millisecond) {
		if time.Since(start) > time.Minute {
			t.Fatalf("the writers wrote %d reports in a minute", wrote.Load())
		}
	}
	backup := filepath.Join(dir, "while-writing.lantu")
	code, out, errOut := run(t, "", nil, "backup", "--db", live, backup)
	stop.Store(true)
	wg.Wait()
	if code != 0 || !strings.Contains(out, "backed up") {
		t.Fatalf("backup = %d %q %q", code, out, errOut)
	}
	if code, _, errOut := run(t, "", nil, "backup", "--db", live, backup); code == 0 || !strings.Contains(errOut, "exists") {
		t.Errorf("a second backup over the same file = %d %q; want refused", code, errOut)
	}
	snap, err := sql.Open("sqlite", "file:"+backup+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = snap.Close() }() // read only
	reports, creates := count(snap, countReports)-baseReports, count(snap, countCreates)-baseCreates
	if reports == 0 || reports != creates {
		t.Errorf("backup taken while writing: %d new reports, %d new report.create audit rows; want equal and > 0", reports, creates)
	}
	t.Logf("backup while writing: %d reports written by then, %d in all", reports, wrote.Load())

	// With the writers stopped, a backup restored is the live database row for row.
	quiet := filepath.Join(dir, "quiet.lantu")
	if code, _, errOut := run(t, "", nil, "backup", "--db", live, quiet); code != 0 {
		t.Fatalf("backup = %d %q", code, errOut)
	}
	restored := filepath.Join(dir, "restored.db")
	if code, out, errOut := run(t, "", nil, "restore", "--db", restored, quiet); code != 0 || !strings.Contains(out, "restored") {
		t.Fatalf("restore = %d %q %q", code, out, errOut)
	}
	rst, err := app.OpenStore(ctx, restored)
	if err != nil {
		t.Fatal(err)
	}
	defer rst.Close()
	compareDumps(t, tableDump(t, st.DB(), store.SQLite), tableDump(t, rst.DB(), store.SQLite))
	rsvc := service.New(rst)
	if got := getStatus(t, rsvc, planID); got != status {
		t.Errorf("the restored database answers the status API differently:\n%.300s\nwant\n%.300s", got, status)
	}
	rst.Close()

	// Restoring over an existing database needs --replace and keeps the old one.
	if code, _, errOut := run(t, "", nil, "restore", "--db", restored, backup); code == 0 || !strings.Contains(errOut, "--replace") {
		t.Errorf("restore over an existing database without --replace = %d %q", code, errOut)
	}
	code, out, errOut = run(t, "", nil, "restore", "--db", restored, "--replace", backup)
	if code != 0 || !strings.Contains(out, "kept as") {
		t.Fatalf("restore --replace = %d %q %q", code, out, errOut)
	}
	kept, _ := filepath.Glob(restored + ".before-restore-*")
	if len(kept) != 1 {
		t.Errorf("old database kept as %v", kept)
	}
	// A file that is not a lantu database is refused, and nothing is replaced.
	junk := filepath.Join(dir, "junk.lantu")
	if err := os.WriteFile(junk, []byte("not a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := run(t, "", nil, "restore", "--db", restored, "--replace", junk); code == 0 {
		t.Errorf("restore of junk = %d %q", code, errOut)
	}
	if _, err := store.CheckBackup(ctx, restored); err != nil {
		t.Errorf("after a refused restore the database is not whole: %v", err)
	}
}

// A PostgreSQL database dumped with pg_dump and restored with pg_restore into a new
// database (the README's commands) holds the same rows, serves the same answers and
// takes new writes (its identity sequences came along).
func TestPostgresDumpRestoreServes(t *testing.T) {
	dsn := storetest.PostgresURL(t)
	for _, tool := range []string{"pg_dump", "pg_restore"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv(storetest.EnvRequire) == "1" {
				t.Fatalf("%s is not installed but the PostgreSQL tests must run here", tool)
			}
			t.Skipf("postgres: %s not installed", tool)
		}
	}
	ctx := context.Background()
	svc, st, planID := demoService(t, dsn)
	status := getStatus(t, svc, planID)
	u, _ := url.Parse(dsn)
	q := u.Query()
	schema := q.Get("search_path")
	q.Del("search_path")
	u.RawQuery = q.Encode()
	base := u.String()

	file := filepath.Join(t.TempDir(), "lantu.dump")
	if out, err := exec.Command("pg_dump", "--format=custom", "--schema="+schema, "--file="+file, base).CombinedOutput(); err != nil {
		t.Fatalf("pg_dump: %v: %s", err, out)
	}
	// A new database, as an operator restoring onto a fresh server would make.
	b := make([]byte, 4)
	rand.Read(b)
	dbName := "lantu_restore_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := admin.Close(); err != nil {
			t.Error(err)
		}
	})
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+dbName); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := admin.ExecContext(context.Background(), "DROP DATABASE "+dbName+" WITH (FORCE)"); err != nil {
			t.Errorf("drop %s: %v", dbName, err)
		}
	})
	nu := *u
	nu.Path = "/" + dbName
	if out, err := exec.Command("pg_restore", "--exit-on-error", "--no-owner", "--dbname="+nu.String(), file).CombinedOutput(); err != nil {
		t.Fatalf("pg_restore: %v: %s", err, out)
	}
	rq := nu.Query()
	rq.Set("search_path", schema)
	nu.RawQuery = rq.Encode()
	rst, err := app.OpenStore(ctx, nu.String())
	if err != nil {
		t.Fatal(err)
	}
	defer rst.Close()
	compareDumps(t, tableDump(t, st.DB(), store.Postgres), tableDump(t, rst.DB(), store.Postgres))
	rsvc := service.New(rst)
	if got := getStatus(t, rsvc, planID); got != status {
		t.Errorf("the restored database answers the status API differently")
	}
	inds, err := rst.PlanIndicators(ctx, planID)
	if err != nil {
		t.Fatal(err)
	}
	v := decimal.NewFromInt(7)
	for _, ind := range inds {
		if ind.Frequency == plan.Monthly && ind.Kind != plan.KindMilestone {
			if _, err := rsvc.CreateReport(ctx, service.System, ind.ID, service.ReportInput{Period: "2021-07", Value: &v}); err != nil {
				t.Errorf("a write on the restored database: %v", err)
			}
			break
		}
	}
}
