package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/service"
)

// stringList is a repeatable flag: --role reporter --role reviewer, or --role a,b.
type stringList []string

func (l *stringList) String() string { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

// readSecret reads a password from stdin when one is piped in; empty when stdin is a
// terminal or empty, so that lantu generates one.
func readSecret(r io.Reader) (string, error) {
	if r == nil {
		return "", nil
	}
	line, err := bufio.NewReader(io.LimitReader(r, 4096)).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func init() {
	add := &Command{Name: "user add", Summary: "add a user; prints a generated password unless one comes on stdin",
		Usage: "lantu user add [--db …] NAME --role R [--role R2] [--dept CODE] [--name 显示名] [--region CODE] [--password-stdin]"}
	add.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := flagSet(env, add)
		db := dbFlag(env, fs)
		var roles, depts stringList
		fs.Var(&roles, "role", "role: admin, reporter, reviewer, officer, leader (repeat or comma-separate)")
		fs.Var(&depts, "dept", "department code the user reports for or reviews (repeat for several)")
		display := fs.String("name", "", "display name, e.g. 张三")
		region := fs.String("region", "", "region code (default: the only region)")
		fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
		name, rest := splitName(args)
		if err := fs.Parse(rest); err != nil {
			return err
		}
		if name == "" && fs.NArg() == 1 {
			name = fs.Arg(0)
		}
		if name == "" {
			return usageError("give the user's login name")
		}
		if len(roles) == 0 {
			return usageError("give at least one --role")
		}
		nu := service.NewUser{Login: name, DisplayName: *display, DeptCodes: depts, RegionCode: *region}
		for _, r := range roles {
			role, err := auth.ParseRole(r)
			if err != nil {
				return err
			}
			nu.Roles = append(nu.Roles, role)
		}
		if *fromStdin {
			pw, err := readSecret(env.Stdin)
			if err != nil {
				return fmt.Errorf("read password: %w", err)
			}
			if pw == "" {
				return usageError("--password-stdin given but standard input is empty")
			}
			nu.Password = pw
		}
		svc, done, err := openService(ctx, *db)
		if err != nil {
			return err
		}
		defer done()
		u, password, err := svc.CreateUser(ctx, service.System, nu)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "created user %s (%s) with roles %s\n", u.Login, u.DisplayName, roles.String())
		if !*fromStdin {
			fmt.Fprintf(env.Stdout, "one-time password (to be changed at first sign-in):\n%s\n", password)
		}
		return nil
	}
	register(add)

	passwd := &Command{Name: "user passwd", Summary: "set a user's password; prints a generated one unless one comes on stdin",
		Usage: "lantu user passwd [--db …] NAME [--password-stdin]"}
	passwd.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := flagSet(env, passwd)
		db := dbFlag(env, fs)
		fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
		name, rest := splitName(args)
		if err := fs.Parse(rest); err != nil {
			return err
		}
		if name == "" && fs.NArg() == 1 {
			name = fs.Arg(0)
		}
		if name == "" {
			return usageError("give the user's login name")
		}
		var pw string
		if *fromStdin {
			var err error
			if pw, err = readSecret(env.Stdin); err != nil || pw == "" {
				return usageError("--password-stdin given but no password on standard input")
			}
		}
		svc, done, err := openService(ctx, *db)
		if err != nil {
			return err
		}
		defer done()
		password, err := svc.SetPassword(ctx, service.System, name, pw)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "password of %s set; every session of theirs has ended\n", name)
		if !*fromStdin {
			fmt.Fprintf(env.Stdout, "one-time password (to be changed at next sign-in):\n%s\n", password)
		}
		return nil
	}
	register(passwd)

	list := &Command{Name: "user list", Summary: "list users", Usage: "lantu user list [--db …]"}
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
		users, err := svc.Users(ctx, service.System)
		if err != nil {
			return err
		}
		for _, u := range users {
			roles := make([]string, len(u.Roles))
			for i, r := range u.Roles {
				roles[i] = string(r)
			}
			state := ""
			if u.Disabled {
				state = " (disabled)"
			}
			fmt.Fprintf(env.Stdout, "%s\t%s\t%s\tdepartments %v%s\n", u.Login, u.DisplayName, strings.Join(roles, ","), u.DeptIDs, state)
		}
		return nil
	}
	register(list)

	tok := &Command{Name: "token create", Summary: "create an API token for a user; the token is the last line printed",
		Usage: "lantu token create [--db …] --user NAME [--name LABEL] [--expires 90d]"}
	tok.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := flagSet(env, tok)
		db := dbFlag(env, fs)
		user := fs.String("user", "", "the user the token acts as")
		label := fs.String("name", "", "what the token is for, e.g. 'Excel 导入脚本'")
		expires := fs.String("expires", "", "lifetime such as 90d or 720h (default: until revoked)")
		if err := fs.Parse(args); err != nil {
			return err
		}
		if *user == "" {
			return usageError("give --user")
		}
		var until time.Time
		if *expires != "" {
			d, err := parseLifetime(*expires)
			if err != nil {
				return usageError("--expires %q: %v", *expires, err)
			}
			until = time.Now().UTC().Add(d)
		}
		svc, done, err := openService(ctx, *db)
		if err != nil {
			return err
		}
		defer done()
		plain, t, err := svc.CreateToken(ctx, service.System, *user, *label, until)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "token %d for %s created; it is shown only now. Send it as 'Authorization: Bearer <token>'.\n%s\n", t.ID, *user, plain)
		return nil
	}
	register(tok)

	revoke := &Command{Name: "token revoke", Summary: "revoke an API token by id", Usage: "lantu token revoke [--db …] ID"}
	revoke.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := flagSet(env, revoke)
		db := dbFlag(env, fs)
		if err := fs.Parse(args); err != nil {
			return err
		}
		var id int64
		if fs.NArg() != 1 {
			return usageError("give the token's id (see lantu token list)")
		}
		if _, err := fmt.Sscan(fs.Arg(0), &id); err != nil {
			return usageError("%q is not a token id", fs.Arg(0))
		}
		svc, done, err := openService(ctx, *db)
		if err != nil {
			return err
		}
		defer done()
		if err := svc.RevokeToken(ctx, service.System, id); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "token %d revoked\n", id)
		return nil
	}
	register(revoke)

	tlist := &Command{Name: "token list", Summary: "list API tokens (never their text)", Usage: "lantu token list [--db …]"}
	tlist.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := flagSet(env, tlist)
		db := dbFlag(env, fs)
		if err := fs.Parse(args); err != nil {
			return err
		}
		svc, done, err := openService(ctx, *db)
		if err != nil {
			return err
		}
		defer done()
		ts, err := svc.Tokens(ctx, service.System)
		if err != nil {
			return err
		}
		for _, t := range ts {
			state := "live"
			if !t.RevokedAt.IsZero() {
				state = "revoked " + t.RevokedAt.Format(time.DateOnly)
			}
			fmt.Fprintf(env.Stdout, "%d\tuser %d\t%s\t%s\t%s\n", t.ID, t.UserID, t.Hint, t.Name, state)
		}
		return nil
	}
	register(tlist)
}

// splitName takes a leading non-flag argument (the user's name) so that flags may follow it.
func splitName(args []string) (string, []string) {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return args[0], args[1:]
	}
	return "", args
}

func parseLifetime(s string) (time.Duration, error) {
	if d, ok := strings.CutSuffix(s, "d"); ok {
		var n int
		if _, err := fmt.Sscan(d, &n); err != nil || n <= 0 {
			return 0, fmt.Errorf("not a number of days")
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	return time.ParseDuration(s)
}
