package cli

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/xlsx"
)

func init() {
	tpl := &Command{Name: "report template", Summary: "write a department's reporting workbook (.xlsx, or .csv) for a period",
		Usage: "lantu report template [--db …] [--plan ID] --dept CODE --period P [-o FILE.xlsx|FILE.csv]"}
	tpl.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := flagSet(env, tpl)
		db := dbFlag(env, fs)
		planID := fs.Int64("plan", 0, "the plan's id (default: the newest)")
		dept := fs.String("dept", "", "the department's code, e.g. commerce")
		period := fs.String("period", "", "the period: 2022-06, 2022Q2 or 2022")
		out := fs.String("o", "", "the file to write (.xlsx or .csv; default: standard output as .xlsx)")
		if err := fs.Parse(args); err != nil {
			return err
		}
		if *dept == "" || *period == "" {
			return usageError("give --dept and --period")
		}
		svc, closeDB, err := openService(ctx, *db)
		if err != nil {
			return err
		}
		defer closeDB()
		id, err := planOrDefault(ctx, svc, *planID)
		if err != nil {
			return err
		}
		t, err := svc.ReportTemplate(ctx, service.System, id, *dept, *period)
		if err != nil {
			return err
		}
		form, err := xlsx.WriteForm(t, xlsx.IsCSVName(*out))
		if err != nil {
			return err
		}
		if *out == "" {
			_, err = env.Stdout.Write(form.Data)
			return err
		}
		if err := os.WriteFile(*out, form.Data, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "wrote %s: %d indicators of %s for %s\n", *out, len(t.Rows), t.Department, t.Period)
		return nil
	}
	register(tpl)

	imp := &Command{Name: "report import", Summary: "import a filled reporting workbook (.xlsx or .csv) whole, or nothing",
		Usage: "lantu report import [--db …] [--plan ID] [--submit] FILE.xlsx|FILE.csv"}
	imp.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := flagSet(env, imp)
		db := dbFlag(env, fs)
		planID := fs.Int64("plan", 0, "the plan's id (default: the newest)")
		submit := fs.Bool("submit", false, "submit the figures for review (default: keep them as drafts)")
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() != 1 {
			return usageError("give one .xlsx or .csv file")
		}
		name := fs.Arg(0)
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		entries, err := xlsx.ReadForm(data, xlsx.IsCSVName(name))
		if err != nil {
			return &fileError{name: filepath.Base(name), err: err}
		}
		svc, closeDB, err := openService(ctx, *db)
		if err != nil {
			return err
		}
		defer closeDB()
		id, err := planOrDefault(ctx, svc, *planID)
		if err != nil {
			return err
		}
		sum, err := svc.ImportReports(ctx, service.System, id, entries, *submit)
		if err != nil {
			return &fileError{name: filepath.Base(name), err: err}
		}
		fmt.Fprintf(env.Stdout, "imported %s: %d new, %d updated, %d submitted\n", filepath.Base(name), sum.Created, sum.Updated, sum.Submitted)
		return nil
	}
	register(imp)
}

func planOrDefault(ctx context.Context, svc *service.Service, id int64) (int64, error) {
	if id != 0 {
		return id, nil
	}
	return svc.DefaultPlan(ctx)
}

func init() {
	bulk := &Command{Name: "report bulk", Summary: "load a large CSV of reports (indicator_id, period, value, …) whole or not at all, streaming",
		Usage: "lantu report bulk [--db …] FILE.csv|-"}
	bulk.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := flagSet(env, bulk)
		db := dbFlag(env, fs)
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() != 1 {
			return usageError("give one CSV file, or - for standard input")
		}
		in := env.Stdin
		if name := fs.Arg(0); name != "-" {
			f, err := os.Open(name)
			if err != nil {
				return err
			}
			defer func() { _ = f.Close() }() // read only: nothing to lose
			in = f
		}
		svc, closeDB, err := openService(ctx, *db)
		if err != nil {
			return err
		}
		defer closeDB()
		start := time.Now()
		sum, err := svc.BulkImportReports(ctx, service.System, bufio.NewReaderSize(in, 1<<20))
		if err != nil {
			return fmt.Errorf("%s: %w", fs.Arg(0), err)
		}
		fmt.Fprintf(env.Stdout, "imported %d reports of %d indicators in %.1f s\n", sum.Rows, sum.Indicators, time.Since(start).Seconds())
		return nil
	}
	register(bulk)
}

// fileError names the file a command's error is about; Run says the name before the
// error table's message.
type fileError struct {
	name string
	err  error
}

func (e *fileError) Error() string { return e.name + ": " + e.err.Error() }
func (e *fileError) Unwrap() error { return e.err }
