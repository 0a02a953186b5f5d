package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/lantu-dev/lantu/internal/planfile"
	"github.com/lantu-dev/lantu/internal/service"
)

func init() {
	imp := &Command{Name: "plan import", Summary: "import a plan file (YAML or JSON) whole, or nothing",
		Usage: "lantu plan import [--db …] FILE|-"}
	imp.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := flagSet(env, imp)
		db := dbFlag(env, fs)
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() != 1 {
			return usageError("give one plan file, or - for standard input")
		}
		name := fs.Arg(0)
		var data []byte
		var err error
		var dir string
		if name == "-" {
			data, err = io.ReadAll(env.Stdin)
			name, dir = "stdin", "."
		} else {
			data, err = os.ReadFile(name)
			dir = filepath.Dir(name)
		}
		if err != nil {
			return fmt.Errorf("read plan file: %w", err)
		}
		l, err := planfile.Parse(os.DirFS(dir), filepath.Base(name), data)
		if err != nil {
			return err
		}
		svc, done, err := openService(ctx, *db)
		if err != nil {
			return err
		}
		defer done()
		p, err := svc.ImportPlan(ctx, service.System, l)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "imported plan %d: %s %d %s\n", p.ID, p.Region.Name, p.Year, p.Title)
		return nil
	}
	register(imp)

	exp := &Command{Name: "plan export", Summary: "write a plan as a YAML plan file to standard output",
		Usage: "lantu plan export [--db …] [--plan ID]"}
	exp.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := flagSet(env, exp)
		db := dbFlag(env, fs)
		planID := fs.Int64("plan", 0, "the plan's id (default: the newest plan)")
		if err := fs.Parse(args); err != nil {
			return err
		}
		svc, done, err := openService(ctx, *db)
		if err != nil {
			return err
		}
		defer done()
		id := *planID
		if id == 0 {
			if id, err = svc.DefaultPlan(ctx); err != nil {
				return err
			}
		}
		out, err := svc.ExportPlan(ctx, id)
		if err != nil {
			return fmt.Errorf("export plan %s: %w", strconv.FormatInt(id, 10), err)
		}
		_, err = env.Stdout.Write(out)
		return err
	}
	register(exp)

	list := &Command{Name: "plan list", Summary: "list the plans in the database", Usage: "lantu plan list [--db …]"}
	list.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := flagSet(env, list)
		db := dbFlag(env, fs)
		if err := fs.Parse(args); err != nil {
			return err
		}
		svc, done, err := openService(ctx, *db)
		if err != nil {
			return err
		}
		defer done()
		plans, err := svc.Plans(ctx, service.System)
		if err != nil {
			return err
		}
		for _, p := range plans {
			fmt.Fprintf(env.Stdout, "%d\t%s %s\t%d\t%s\n", p.ID, p.RegionCode, p.RegionName, p.Year, p.Title)
		}
		return nil
	}
	register(list)
}
