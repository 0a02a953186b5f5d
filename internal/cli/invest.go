package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/invest"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/xlsx"
)

// The investment centre's commands (lantu invest …). They act on the database directly,
// as lantu itself (like report add): records name their owning officer with --owner.

// investLang is the language of the commands' messages: LANTU_LANG=en, else Chinese.
func investLang(env *Env) string {
	if env.Getenv("LANTU_LANG") == "en" {
		return "en"
	}
	return "zh"
}

// investErr turns the domain's coded errors into sentences.
func investErr(env *Env, err error) error {
	lang := investLang(env)
	var es invest.Errors
	var ie *invest.Error
	var dup *invest.DuplicateError
	switch {
	case errors.As(err, &dup):
		return fmt.Errorf("%s (%d)", fmt.Sprintf(i18n.T(lang, "invest.duplicate"), dup.ExistingName, i18n.T(lang, "invest.duplicate."+dup.By)), dup.ExistingID)
	case errors.As(err, &es):
		msgs := make([]string, len(es))
		for i, e := range es {
			msgs[i] = e.Field + ": " + i18n.InvestError(lang, e.Code, e.Args...)
		}
		return errors.New(strings.Join(msgs, "; "))
	case errors.As(err, &ie):
		return fmt.Errorf("%s: %s", ie.Field, i18n.InvestError(lang, ie.Code, ie.Args...))
	case errors.Is(err, service.ErrPipelineFed):
		return fmt.Errorf("%s (%v)", i18n.T(lang, "invest.fed"), err)
	}
	return err
}

func optDate(name, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return d, usageError("--%s %q is not a date (YYYY-MM-DD)", name, s)
	}
	return d, nil
}

func writeJSONTo(env *Env, v any) error {
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// investCommand builds a command with --db, its own flags, and an opened service.
func investCommand(name, summary, usage string, flags func(fs *flag.FlagSet) func(ctx context.Context, env *Env, svc *service.Service, args []string) error) {
	c := &Command{Name: name, Summary: summary, Usage: usage}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := flagSet(env, c)
		db := dbFlag(env, fs)
		run := flags(fs)
		if err := fs.Parse(args); err != nil {
			return err
		}
		svc, closeDB, err := openService(ctx, *db)
		if err != nil {
			return err
		}
		defer closeDB()
		return investErr(env, run(ctx, env, svc, fs.Args()))
	}
	register(c)
}

func init() {
	investCommand("invest enterprise add", "add an enterprise (checked credit code; duplicates refused)",
		"lantu invest enterprise add [--db …] --name NAME [--code 统一社会信用代码] [--city CITY] [--kinds 上市公司,行业龙头] [--settled --park PARK] --owner LOGIN",
		func(fs *flag.FlagSet) func(context.Context, *Env, *service.Service, []string) error {
			name := fs.String("name", "", "the enterprise's name")
			code := fs.String("code", "", "its unified social credit code (18 characters)")
			city := fs.String("city", "", "its headquarters city")
			kinds := fs.String("kinds", "", "kinds, comma separated: 世界500强, 中国500强, 上市公司, 行业龙头, 专精特新, 外资企业")
			settled := fs.Bool("settled", false, "already in the district")
			park := fs.String("park", "", "the park it is in")
			owner := fs.String("owner", "", "the login of the officer who owns the record")
			notes := fs.String("notes", "", "notes")
			return func(ctx context.Context, env *Env, svc *service.Service, _ []string) error {
				if *name == "" || *owner == "" {
					return usageError("give --name and --owner")
				}
				ks, err := invest.ParseKinds(*kinds)
				if err != nil {
					return err
				}
				e, err := svc.CreateEnterprise(ctx, service.System, service.EnterpriseInput{Name: *name, CreditCode: *code, HQCity: *city, Kinds: ks,
					Settled: *settled, Park: *park, Owner: *owner, Notes: *notes})
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "enterprise %d: %s\n", e.ID, e.Name)
				return nil
			}
		})

	investCommand("invest enterprise list", "list the enterprises", "lantu invest enterprise list [--db …] [--json]",
		func(fs *flag.FlagSet) func(context.Context, *Env, *service.Service, []string) error {
			asJSON := fs.Bool("json", false, "print JSON")
			return func(ctx context.Context, env *Env, svc *service.Service, _ []string) error {
				es, err := svc.Enterprises(ctx, service.System, service.EnterpriseFilter{})
				if err != nil || *asJSON {
					if err == nil {
						err = writeJSONTo(env, es)
					}
					return err
				}
				tw := tabwriter.NewWriter(env.Stdout, 2, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tNAME\tCREDIT CODE\tCITY\tSETTLED\tPARK\tOWNER")
				for _, e := range es {
					fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%v\t%s\t%s\n", e.ID, e.Name, e.CreditCode, e.HQCity, e.Settled, e.Park, e.OwnerName)
				}
				return tw.Flush()
			}
		})

	investCommand("invest lead add", "add a project lead at a stage",
		"lantu invest lead add [--db …] --name NAME --owner LOGIN [--stage 线索] [--on DATE] [--investment AMOUNT --currency CNY] [--foreign] [--enterprise ID] [--park PARK]",
		func(fs *flag.FlagSet) func(context.Context, *Env, *service.Service, []string) error {
			name := fs.String("name", "", "the project's name")
			owner := fs.String("owner", "", "the login of the officer who owns it")
			stage := fs.String("stage", "", "the stage it starts at (线索 by default)")
			on := fs.String("on", "", "the date it reached that stage (today by default)")
			amount := fs.String("investment", "", "planned investment, in --currency")
			currency := fs.String("currency", "CNY", "the currency of the planned investment")
			foreign := fs.Bool("foreign", false, "a foreign-funded project")
			ent := fs.Int64("enterprise", 0, "the enterprise's id")
			park := fs.String("park", "", "the park")
			return func(ctx context.Context, env *Env, svc *service.Service, _ []string) error {
				if *name == "" || *owner == "" {
					return usageError("give --name and --owner")
				}
				in := service.LeadInput{Name: *name, Owner: *owner, Foreign: *foreign, EnterpriseID: *ent, Park: *park}
				var err error
				if *stage != "" {
					if in.Stage, err = invest.ParseStage(*stage); err != nil {
						return err
					}
				}
				if in.StageOn, err = optDate("on", *on); err != nil {
					return err
				}
				if in.PlannedInvestment, err = optDecimal(cliLang(env), "investment", *amount); err != nil {
					return err
				}
				if in.Currency, err = invest.ParseCurrency(*currency); err != nil {
					return err
				}
				l, err := svc.CreateLead(ctx, service.System, in)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "lead %d: %s (%s since %s)\n", l.ID, l.Name, l.Stage, l.StageOn.Format(time.DateOnly))
				return nil
			}
		})

	investCommand("invest lead list", "list the project leads", "lantu invest lead list [--db …] [--stage STAGE] [--json]",
		func(fs *flag.FlagSet) func(context.Context, *Env, *service.Service, []string) error {
			stage := fs.String("stage", "", "only leads at this stage")
			asJSON := fs.Bool("json", false, "print JSON")
			return func(ctx context.Context, env *Env, svc *service.Service, _ []string) error {
				f := service.LeadFilter{}
				if *stage != "" {
					st, err := invest.ParseStage(*stage)
					if err != nil {
						return err
					}
					f.Stage = st
				}
				ls, err := svc.Leads(ctx, service.System, f)
				if err != nil || *asJSON {
					if err == nil {
						err = writeJSONTo(env, ls)
					}
					return err
				}
				tw := tabwriter.NewWriter(env.Stdout, 2, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tNAME\tSTAGE\tSINCE\tINVESTMENT\tOWNER")
				for _, l := range ls {
					inv := ""
					if l.PlannedInvestment != nil {
						inv = l.PlannedInvestment.String() + " " + string(l.Currency)
					}
					fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", l.ID, l.Name, i18n.T(investLang(env), "invest.stage."+string(l.Stage)), l.StageOn.Format(time.DateOnly), inv, l.OwnerName)
				}
				return tw.Flush()
			}
		})

	investCommand("invest lead move", "move a lead to a stage (the fed indicators follow in the same transaction)",
		"lantu invest lead move [--db …] --to STAGE [--on DATE] [--reason TEXT] LEAD-ID",
		func(fs *flag.FlagSet) func(context.Context, *Env, *service.Service, []string) error {
			to := fs.String("to", "", "the stage: 接洽, 拜访, 在谈, 签约, 落地, 开工, 投产, 终止 (or their codes)")
			on := fs.String("on", "", "the date the stage was reached (today by default)")
			reason := fs.String("reason", "", "why (required for 终止 and for reopening)")
			return func(ctx context.Context, env *Env, svc *service.Service, args []string) error {
				if len(args) != 1 || *to == "" {
					return usageError("give --to and one lead id")
				}
				var id int64
				if _, err := fmt.Sscan(args[0], &id); err != nil {
					return usageError("%q is not a lead id", args[0])
				}
				st, err := invest.ParseStage(*to)
				if err != nil {
					return err
				}
				d, err := optDate("on", *on)
				if err != nil {
					return err
				}
				l, err := svc.MoveLead(ctx, service.System, id, service.MoveInput{To: st, On: d, Reason: *reason})
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "lead %d: %s since %s\n", l.ID, l.Stage, l.StageOn.Format(time.DateOnly))
				return nil
			}
		})

	investCommand("invest funds add", "record funds arrived for a lead (priced in USD at the rate of the day)",
		"lantu invest funds add [--db …] --amount AMOUNT --currency CUR [--on DATE] [--foreign=true|false] LEAD-ID",
		func(fs *flag.FlagSet) func(context.Context, *Env, *service.Service, []string) error {
			amount := fs.String("amount", "", "the amount, in --currency")
			currency := fs.String("currency", "", "the currency (the lead's by default)")
			on := fs.String("on", "", "the date the funds arrived (today by default)")
			foreign := fs.String("foreign", "", "foreign funds (default: as the lead is foreign-funded)")
			return func(ctx context.Context, env *Env, svc *service.Service, args []string) error {
				if len(args) != 1 || *amount == "" {
					return usageError("give --amount and one lead id")
				}
				var id int64
				if _, err := fmt.Sscan(args[0], &id); err != nil {
					return usageError("%q is not a lead id", args[0])
				}
				v, err := decimal.NewFromString(*amount)
				if err != nil {
					return usageError("--amount %q is not a number", *amount)
				}
				in := service.FundsInput{Amount: v}
				if *currency != "" {
					if in.Currency, err = invest.ParseCurrency(*currency); err != nil {
						return err
					}
				}
				if in.On, err = optDate("on", *on); err != nil {
					return err
				}
				if *foreign != "" {
					b := *foreign == "true" || *foreign == "1" || *foreign == "yes"
					in.Foreign = &b
				}
				f, err := svc.RecordFunds(ctx, service.System, id, in)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "funds %d: %s %s on %s = %s USD at %s\n", f.ID, f.Amount, f.Currency, f.On.Format(time.DateOnly), f.USD, f.Rate)
				return nil
			}
		})

	investCommand("invest rate set", "set what one unit of a currency is worth in USD from a date on",
		"lantu invest rate set [--db …] --currency CUR --on DATE --usd RATE",
		func(fs *flag.FlagSet) func(context.Context, *Env, *service.Service, []string) error {
			currency := fs.String("currency", "", "the currency, e.g. CNY, EUR")
			on := fs.String("on", "", "the date it applies from")
			usd := fs.String("usd", "", "USD per one unit, e.g. 0.1575 for CNY")
			return func(ctx context.Context, env *Env, svc *service.Service, _ []string) error {
				if *currency == "" || *on == "" || *usd == "" {
					return usageError("give --currency, --on and --usd")
				}
				d, err := optDate("on", *on)
				if err != nil {
					return err
				}
				v, err := decimal.NewFromString(*usd)
				if err != nil {
					return usageError("--usd %q is not a number", *usd)
				}
				r, err := svc.PutRate(ctx, service.System, invest.Rate{Currency: invest.Currency(*currency), On: d, USD: v})
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "rate: 1 %s = %s USD from %s\n", r.Currency, r.USD, r.On.Format(time.DateOnly))
				return nil
			}
		})

	investCommand("invest rate list", "print the rate table", "lantu invest rate list [--db …]",
		func(fs *flag.FlagSet) func(context.Context, *Env, *service.Service, []string) error {
			return func(ctx context.Context, env *Env, svc *service.Service, _ []string) error {
				rs, err := svc.Rates(ctx, service.System)
				if err != nil {
					return err
				}
				for _, r := range rs {
					fmt.Fprintf(env.Stdout, "%s\t%s\t%s\n", r.Currency, r.On.Format(time.DateOnly), r.USD)
				}
				return nil
			}
		})

	investCommand("invest visit add", "plan a visit in an officer's calendar",
		"lantu invest visit add [--db …] --at \"2022-03-18 10:00\" --city CITY --enterprise NAME|--enterprise-id ID --owner LOGIN [--purpose TEXT] [--minutes 90]",
		func(fs *flag.FlagSet) func(context.Context, *Env, *service.Service, []string) error {
			at := fs.String("at", "", "when, China time: 2022-03-18 10:00")
			city := fs.String("city", "", "the city")
			ent := fs.String("enterprise", "", "who is visited (a name)")
			entID := fs.Int64("enterprise-id", 0, "the enterprise's id")
			owner := fs.String("owner", "", "the officer's login")
			purpose := fs.String("purpose", "", "the purpose")
			minutes := fs.Int("minutes", 0, "how long (90 by default)")
			return func(ctx context.Context, env *Env, svc *service.Service, _ []string) error {
				if *at == "" || *city == "" || *owner == "" {
					return usageError("give --at, --city and --owner")
				}
				starts, err := time.ParseInLocation("2006-01-02 15:04", *at, invest.China)
				if err != nil {
					return usageError("--at %q is not a time such as 2022-03-18 10:00", *at)
				}
				v, err := svc.CreateVisit(ctx, service.System, service.VisitInput{Starts: starts, City: *city, Enterprise: *ent, EnterpriseID: *entID,
					Owner: *owner, Purpose: *purpose, Minutes: *minutes})
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "visit %d: %s %s %s\n", v.ID, v.Starts.In(invest.China).Format("2006-01-02 15:04"), v.City, v.Enterprise)
				return nil
			}
		})

	investCommand("invest visit list", "list the visits", "lantu invest visit list [--db …] [--json]",
		func(fs *flag.FlagSet) func(context.Context, *Env, *service.Service, []string) error {
			asJSON := fs.Bool("json", false, "print JSON")
			return func(ctx context.Context, env *Env, svc *service.Service, _ []string) error {
				vs, err := svc.Visits(ctx, service.System, service.VisitFilter{})
				if err != nil || *asJSON {
					if err == nil {
						err = writeJSONTo(env, vs)
					}
					return err
				}
				for _, v := range vs {
					fmt.Fprintf(env.Stdout, "%d\t%s\t%s\t%s\t%s\t%s\n", v.ID, v.Starts.In(invest.China).Format("2006-01-02 15:04"), v.City, v.Enterprise, v.OwnerName, v.Status)
				}
				return nil
			}
		})

	investCommand("invest feed set", "make an indicator fed by the pipeline (metric reached|signed_investment|funds|foreign_funds)",
		"lantu invest feed set [--db …] [--plan ID] --indicator CODE --metric METRIC [--stage 落地]",
		func(fs *flag.FlagSet) func(context.Context, *Env, *service.Service, []string) error {
			planID := fs.Int64("plan", 0, "the plan's id (default: the newest)")
			code := fs.String("indicator", "", "the indicator's code, e.g. projects-landed")
			metric := fs.String("metric", "", "reached, signed_investment, funds or foreign_funds")
			stage := fs.String("stage", "", "for reached: 签约, 落地, 开工 or 投产")
			return func(ctx context.Context, env *Env, svc *service.Service, _ []string) error {
				if *code == "" || *metric == "" {
					return usageError("give --indicator and --metric")
				}
				id, err := planOrDefault(ctx, svc, *planID)
				if err != nil {
					return err
				}
				inds, err := svc.PlanIndicators(ctx, service.System, id)
				if err != nil {
					return err
				}
				f := invest.Feed{Metric: invest.Metric(*metric)}
				for _, ind := range inds {
					if ind.Code == *code {
						f.IndicatorID = ind.ID
					}
				}
				if f.IndicatorID == 0 {
					return usageError("no indicator %q in plan %d", *code, id)
				}
				if *stage != "" {
					if f.Stage, err = invest.ParseStage(*stage); err != nil {
						return err
					}
				}
				if err := svc.SetFeed(ctx, service.System, f); err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "indicator %s is fed by the pipeline (%s)\n", *code, f.Metric)
				return nil
			}
		})

	investCommand("invest import", "import enterprises or project leads from .xlsx or .csv, whole or nothing",
		"lantu invest import [--db …] --kind enterprises|leads FILE.xlsx|FILE.csv",
		func(fs *flag.FlagSet) func(context.Context, *Env, *service.Service, []string) error {
			kind := fs.String("kind", "enterprises", "enterprises or leads")
			return func(ctx context.Context, env *Env, svc *service.Service, args []string) error {
				if len(args) != 1 {
					return usageError("give one file")
				}
				data, err := os.ReadFile(args[0])
				if err != nil {
					return err
				}
				res, err := svc.ImportInvest(ctx, service.System, *kind, data, xlsx.IsCSVName(args[0]), investLang(env))
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "imported %d %s from %s\n", res.Created, res.Kind, args[0])
				return nil
			}
		})

	investCommand("invest export", "write the pipeline as .xlsx for a meeting", "lantu invest export [--db …] -o FILE.xlsx",
		func(fs *flag.FlagSet) func(context.Context, *Env, *service.Service, []string) error {
			out := fs.String("o", "", "the file to write")
			return func(ctx context.Context, env *Env, svc *service.Service, _ []string) error {
				if *out == "" {
					return usageError("give -o FILE.xlsx")
				}
				f, err := os.Create(*out)
				if err != nil {
					return err
				}
				if err := svc.WritePipelineXLSX(ctx, service.System, investLang(env), f); err != nil {
					return errors.Join(err, f.Close(), os.Remove(*out))
				}
				if err := f.Close(); err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "wrote %s\n", *out)
				return nil
			}
		})

	investCommand("invest ics", "write an officer's visits as iCalendar (.ics)", "lantu invest ics [--db …] --user LOGIN [-o FILE.ics]",
		func(fs *flag.FlagSet) func(context.Context, *Env, *service.Service, []string) error {
			user := fs.String("user", "", "the officer's login")
			out := fs.String("o", "", "the file (standard output by default)")
			return func(ctx context.Context, env *Env, svc *service.Service, _ []string) error {
				if *user == "" {
					return usageError("give --user")
				}
				a, err := svc.ActorOf(ctx, *user)
				if err != nil {
					return err
				}
				var b strings.Builder
				if err := svc.WriteVisitsICal(ctx, a, investLang(env), &b); err != nil {
					return err
				}
				if *out == "" {
					_, err = fmt.Fprint(env.Stdout, b.String())
					return err
				}
				return os.WriteFile(*out, []byte(b.String()), 0o644)
			}
		})
}
