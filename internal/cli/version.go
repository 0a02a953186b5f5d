package cli

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// Version is set at build time with -ldflags "-X github.com/lantu-dev/lantu/internal/cli.Version=…".
var Version = "dev"

func init() {
	c := &Command{Name: "version", Summary: "print lantu's version", Usage: "lantu version"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := flagSet(env, c)
		if err := fs.Parse(args); err != nil {
			return err
		}
		rev := ""
		if bi, ok := debug.ReadBuildInfo(); ok {
			for _, s := range bi.Settings {
				if s.Key == "vcs.revision" && len(s.Value) >= 12 {
					rev = " " + s.Value[:12]
				}
			}
		}
		fmt.Fprintf(env.Stdout, "lantu %s%s %s/%s %s\n", Version, rev, runtime.GOOS, runtime.GOARCH, runtime.Version())
		return nil
	}
	register(c)
}
