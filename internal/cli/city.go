package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/service"
)

func init() {
	add := &Command{Name: "region add", Summary: "add a region of the tree (province, city, district) under a parent code",
		Usage: "lantu region add [--db …] [--parent CODE] CODE NAME"}
	add.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := flagSet(env, add)
		db := dbFlag(env, fs)
		parent := fs.String("parent", "", "the parent region's code, e.g. 500000 for 重庆市")
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() != 2 {
			return usageError("give the region's code and name")
		}
		svc, done, err := openService(ctx, *db)
		if err != nil {
			return err
		}
		defer done()
		r, err := svc.AddRegion(ctx, service.System, plan.Region{Code: fs.Arg(0), Name: fs.Arg(1), ParentCode: *parent})
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "region %d: %s %s (parent %q)\n", r.ID, r.Code, r.Name, r.ParentCode)
		return nil
	}
	register(add)

	list := &Command{Name: "region list", Summary: "list the region tree", Usage: "lantu region list [--db …]"}
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
		regions, err := svc.Regions(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tCODE\tNAME\tPARENT")
		for _, r := range regions {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", r.ID, r.Code, r.Name, r.ParentCode)
		}
		return tw.Flush()
	}
	register(list)

	codes := &Command{Name: "city codes", Summary: "give indicators their own code as standard code, for plans written to one template",
		Usage: "lantu city codes [--db …] [--plan ID]"}
	codes.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := flagSet(env, codes)
		db := dbFlag(env, fs)
		planID := fs.Int64("plan", 0, "one plan (default: every plan)")
		if err := fs.Parse(args); err != nil {
			return err
		}
		svc, done, err := openService(ctx, *db)
		if err != nil {
			return err
		}
		defer done()
		n, err := svc.CodesFromIndicatorCodes(ctx, service.System, *planID)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "%d indicators got a standard code\n", n)
		return nil
	}
	register(codes)

	status := &Command{Name: "city status", Summary: "one standard code across the districts, ranked (as GET /api/v1/city/codes/CODE)",
		Usage: "lantu city status [--db …] [--year Y] [--at DATE] [--json] CODE"}
	status.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := flagSet(env, status)
		db := dbFlag(env, fs)
		year := fs.Int("year", 0, "the plans' year (default: the latest with the code)")
		atFlag := fs.String("at", "", "as of YYYY-MM-DD (default: today)")
		asJSON := fs.Bool("json", false, "write JSON")
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() != 1 {
			return usageError("give one standard code")
		}
		at, err := service.ParseAt(*atFlag)
		if *atFlag != "" && err != nil {
			return usageError("--at: %v", err)
		}
		svc, done, err := openService(ctx, *db)
		if err != nil {
			return err
		}
		defer done()
		ci, err := svc.CityIndicator(ctx, service.System, fs.Arg(0), *year, at)
		if err != nil {
			return err
		}
		if *asJSON {
			enc := json.NewEncoder(env.Stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(ci)
		}
		tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintf(tw, "RANK\tDISTRICT\tPROGRESS\tTARGET\tCOMPLETION\tSTATUS\n")
		for _, r := range ci.Rows {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", r.Rank, r.Region.Name, dec(r.Indicator.Progress, r.Unit), dec(r.Indicator.Target, r.Unit),
				dec(r.Indicator.Completion, ""), r.Indicator.Status)
		}
		for _, t := range ci.Totals {
			fmt.Fprintf(tw, "\ttotal (%d)\t%s %s\t%s\t%s\t\n", t.Districts, t.Progress, t.Unit, dec(t.Target, t.Unit), dec(t.Completion, ""))
		}
		return tw.Flush()
	}
	register(status)
}

// dec writes an optional figure with its unit, or "—".
func dec(d *decimal.Decimal, unit string) string {
	if d == nil {
		return "—"
	}
	return d.String() + unit
}
