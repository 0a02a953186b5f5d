package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
)

func init() {
	add := &Command{Name: "report add", Summary: "add a figure for an indicator and period (as admin, straight to the database)",
		Usage: "lantu report add [--db …] --indicator ID --period P --value V [--cumulative] [--last-year V] [--cause TEXT] [--remedy TEXT] [--note TEXT] [--approve]"}
	add.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := flagSet(env, add)
		db := dbFlag(env, fs)
		indID := fs.Int64("indicator", 0, "the indicator's id (see lantu status)")
		period := fs.String("period", "", "the period: 2022-06 (month), 2022Q2 (quarter) or 2022 (year)")
		value := fs.String("value", "", "the figure, in the indicator's unit (亿 and 万 multiplied out: 8亿美元 is 800000000)")
		cumulative := fs.Bool("cumulative", false, "the value is year-to-date (累计)")
		lastYear := fs.String("last-year", "", "the same period last year (上年同期), for growth indicators")
		amount := fs.String("amount", "", "this period's year-to-date amount, for growth indicators")
		done := fs.Bool("done", false, "the milestone is reached")
		cause := fs.String("cause", "", "原因说明: why the indicator is at risk or behind")
		remedy := fs.String("remedy", "", "整改措施: what is being done about it")
		note := fs.String("note", "", "a note")
		approve := fs.Bool("approve", false, "submit and approve at once")
		if err := fs.Parse(args); err != nil {
			return err
		}
		if *indID == 0 || *period == "" {
			return usageError("give --indicator and --period")
		}
		in := service.ReportInput{Period: *period, Done: *done, Cause: *cause, Remedy: *remedy, Note: *note}
		var err error
		if in.Value, err = optDecimal(cliLang(env), "value", *value); err != nil {
			return err
		}
		if in.LastYear, err = optDecimal(cliLang(env), "last-year", *lastYear); err != nil {
			return err
		}
		if in.Amount, err = optDecimal(cliLang(env), "amount", *amount); err != nil {
			return err
		}
		fs.Visit(func(f *flag.Flag) {
			if f.Name == "cumulative" {
				in.Cumulative = cumulative
			}
		})
		svc, closeDB, err := openService(ctx, *db)
		if err != nil {
			return err
		}
		defer closeDB()
		r, err := svc.CreateReport(ctx, service.System, *indID, in)
		if err != nil {
			return err
		}
		if *approve {
			for _, act := range []progress.Action{progress.ActSubmit, progress.ActApprove} {
				if r, err = svc.Review(ctx, service.System, r.ID, service.ReviewAction{Action: act, Version: r.Version}); err != nil {
					return fmt.Errorf("report %d %s: %w", r.ID, act, err)
				}
			}
		}
		fmt.Fprintf(env.Stdout, "report %d: indicator %d %s = %s (%s)\n", r.ID, r.IndicatorID, r.Period, r.Value, r.State)
		return nil
	}
	register(add)

	st := &Command{Name: "status", Summary: "print every indicator's status: progress, expected, completion, projection",
		Usage: "lantu status [--db …] [--plan ID] [--at YYYY-MM-DD] [--json]"}
	st.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := flagSet(env, st)
		db := dbFlag(env, fs)
		planID := fs.Int64("plan", 0, "the plan's id (default: the newest)")
		atFlag := fs.String("at", "", "as of this date (default: the plan's as-of date, else today)")
		asJSON := fs.Bool("json", false, "print JSON, the same as GET /api/v1/status")
		if err := fs.Parse(args); err != nil {
			return err
		}
		var at time.Time
		if *atFlag != "" {
			var err error
			if at, err = service.ParseAt(*atFlag); err != nil {
				return usageError("%v", err)
			}
		}
		svc, closeDB, err := openService(ctx, *db)
		if err != nil {
			return err
		}
		defer closeDB()
		id := *planID
		if id == 0 {
			if id, err = svc.DefaultPlan(ctx); err != nil {
				return err
			}
		}
		rows, at, err := svc.PlanStatus(ctx, service.System, id, at)
		if err != nil {
			return err
		}
		if *asJSON {
			enc := json.NewEncoder(env.Stdout)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			return enc.Encode(service.StatusDTOs(rows, at))
		}
		fmt.Fprintf(env.Stdout, "as of %s\n", at.Format(time.DateOnly))
		tw := tabwriter.NewWriter(env.Stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tINDICATOR\tSTATUS\tPROGRESS\tEXPECTED\tTARGET\tCOMPLETION\tPROJECTION\tAS OF")
		for _, r := range rows {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.IndicatorID, r.Name, r.Status.Label(),
				amount(r.Progress, r.Unit), amount(r.Expected, r.Unit), amount(r.Target, r.Unit), pct(r.Completion),
				amount(r.Projection, r.Unit), orDash(r.AsOf.String()))
		}
		return tw.Flush()
	}
	register(st)
}

// optDecimal reads a figure flag with progress.ParseFigure, the one parser and bound for
// figures; a refusal is said in the reader's language (LANTU_LANG).
func optDecimal(lang, name, s string) (*decimal.Decimal, error) {
	if s == "" {
		return nil, nil
	}
	d, err := progress.ParseFigure(s)
	if err != nil {
		key := "prog.form.notnumber"
		var fe *progress.FigureError
		if errors.As(err, &fe) && fe.Code == progress.FigureTooLarge {
			key = "valid.figure_too_large"
		}
		return nil, usageError("--%s %q: %s", name, s, i18n.T(lang, key))
	}
	return &d, nil
}

func amount(d *decimal.Decimal, unit string) string {
	if d == nil {
		return "—"
	}
	return i18n.Amount("zh", *d, unit)
}

func pct(d *decimal.Decimal) string {
	if d == nil {
		return "—"
	}
	return i18n.Percent(*d)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
