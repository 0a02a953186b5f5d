package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/synth"
)

func init() {
	c := &Command{Name: "gen", Summary: "fill a database with synthetic districts for load tests (plans, reports in every state, audit)",
		Usage: "lantu gen [--db …] --regions N --indicators M --years Y [--year 2026] [--seed 1]"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := flagSet(env, c)
		db := dbFlag(env, fs)
		regions := fs.Int("regions", 1, "districts to make, one plan each")
		first := fs.Int("first-region", 1, "number of the first district (to add districts to a database that has some)")
		indicators := fs.Int("indicators", 200, "indicators per plan")
		years := fs.Int("years", 2, "years of reports: the plan year and the years before it")
		now := time.Now().In(service.China)
		year := fs.Int("year", now.Year(), "the plan year")
		seed := fs.Uint64("seed", 1, "random seed: the same seed makes the same data")
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() > 0 {
			return usageError("unexpected argument %q", fs.Arg(0))
		}
		if *regions < 1 || *indicators < 1 || *years < 1 || *indicators > 100000 || *years > 30 {
			return usageError("--regions, --indicators and --years must be at least 1 (at most 100000 indicators, 30 years)")
		}
		if *year != now.Year() {
			// A past plan year is generated as seen at its end.
			now = time.Date(*year, 12, 31, 23, 0, 0, 0, service.China)
		}
		svc, done, err := openService(ctx, *db)
		if err != nil {
			return err
		}
		defer done()
		start := time.Now()
		o := service.GenerateOptions{Options: synth.Options{Indicators: *indicators, Years: *years, Year: *year, Now: now, Seed: *seed},
			Regions: *regions, FirstRegion: *first,
			Progress: func(n int, planID int64, reports int, took time.Duration) {
				fmt.Fprintf(env.Stdout, "district %d: plan %d, %d reports (%.1f s)\n", n, planID, reports, took.Seconds())
			}}
		sum, err := svc.Generate(ctx, service.System, o)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "%d plans, %d indicators, %d reports, %d audit rows in %.1f s\n", sum.Plans, sum.Indicators, sum.Reports, sum.Audit,
			time.Since(start).Seconds())
		return nil
	}
	register(c)
}
