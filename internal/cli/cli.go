// Package cli holds lantu's sub-commands. Each command lives in its own file with its
// usage text and registers itself in init.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strings"

	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/problem"
)

// Env is what a command may touch of the outside world, so that tests can run
// commands in-process with their own streams and environment.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads LANTU_* variables; tests pass a map-backed function.
	Getenv func(string) string
}

// Command is one sub-command, e.g. "serve" or "plan import".
type Command struct {
	Name    string // words separated by a space: "plan import"
	Summary string // one line for the command list
	Usage   string // "lantu plan import [flags] FILE"
	Run     func(ctx context.Context, env *Env, args []string) error
}

var commands = map[string]*Command{}

// register adds a command; called from init functions.
func register(c *Command) {
	if _, dup := commands[c.Name]; dup {
		panic("cli: command registered twice: " + c.Name)
	}
	commands[c.Name] = c
}

// errUsage is returned by a command whose arguments are wrong; its usage is printed.
var errUsage = errors.New("usage")

// flagSet makes a flag set for a command that prints the command's usage on -h.
func flagSet(env *Env, c *Command) *flag.FlagSet {
	fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "usage: %s\n\n%s\n", c.Usage, c.Summary)
		var hasFlags bool
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(env.Stderr, "\nflags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// Main runs lantu with the process's arguments and returns the exit code.
func Main() int {
	env := &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	return Run(context.Background(), env, os.Args[1:])
}

// Run finds the command named by the leading arguments and runs it.
func Run(ctx context.Context, env *Env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printCommands(env.Stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	// The longest run of leading words that names a command wins: "plan import" over "plan".
	var cmd *Command
	var rest []string
	for n := min(len(args), 3); n >= 1; n-- {
		if c, ok := commands[strings.Join(args[:n], " ")]; ok {
			cmd, rest = c, args[n:]
			break
		}
	}
	if cmd == nil {
		if group := groupCommands(args[0]); len(group) > 0 {
			fmt.Fprintf(env.Stderr, "lantu %s: a sub-command is needed:\n", args[0])
			for _, c := range group {
				fmt.Fprintf(env.Stderr, "  %-18s %s\n", c.Name, c.Summary)
			}
			return 2
		}
		fmt.Fprintf(env.Stderr, "lantu: unknown command %q (see lantu --help)\n", strings.Join(args, " "))
		return 2
	}
	out := &stickyWriter{w: env.Stdout}
	cmdEnv := *env
	cmdEnv.Stdout = out
	err := cmd.Run(ctx, &cmdEnv, rest)
	if err == nil && out.err != nil {
		err = fmt.Errorf("writing the output: %w", out.err)
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(env.Stderr, "usage: %s\n", cmd.Usage)
		if msg := strings.TrimPrefix(err.Error(), errUsage.Error()+": "); msg != err.Error() {
			fmt.Fprintf(env.Stderr, "lantu %s: %s\n", cmd.Name, msg)
		}
		return 2
	default:
		// The error table (internal/problem) says what the error means, as the pages and
		// the API say it; an error it does not know is shown as it is, for the operator.
		p := problem.Of(err)
		if p.Status == http.StatusInternalServerError {
			fmt.Fprintf(env.Stderr, "lantu %s: %v\n", cmd.Name, err)
		} else {
			msg := p.Message(cliLang(env))
			if p.Detail == "" && !p.Localized() {
				msg += " (" + err.Error() + ")"
			}
			var fe *fileError
			if errors.As(err, &fe) {
				msg = fe.name + ": " + msg
			}
			fmt.Fprintf(env.Stderr, "lantu %s: %s\n", cmd.Name, msg)
		}
		return p.Exit
	}
}

// stickyWriter keeps the first error of its writes, so that commands print with
// fmt.Fprintf and unchecked results, and Run still fails a command whose output did not
// arrive (a full disk, a closed pipe). Standard error has no one left to tell.
type stickyWriter struct {
	w   io.Writer
	err error
}

func (s *stickyWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	s.err = err
	return n, err
}

// cliLang is the language of messages: LANTU_LANG=en for English, else Chinese.
func cliLang(env *Env) string {
	if l := env.Getenv("LANTU_LANG"); i18n.Supported(l) {
		return l
	}
	return i18n.Langs[0]
}

func groupCommands(prefix string) []*Command {
	var out []*Command
	for name, c := range commands {
		if strings.HasPrefix(name, prefix+" ") {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func printCommands(w io.Writer) {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintln(w, "lantu (蓝图) runs a district's development plan.\n\nusage: lantu COMMAND [flags] [args]\n\ncommands:")
	for _, n := range names {
		fmt.Fprintf(w, "  %-18s %s\n", n, commands[n].Summary)
	}
	fmt.Fprintln(w, "\nRun 'lantu COMMAND --help' for a command's flags.")
}

// usageError wraps a message so that Run prints the command's usage with it.
func usageError(format string, a ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, a...))
}
