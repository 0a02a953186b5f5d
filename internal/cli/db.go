package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/lantu-dev/lantu/internal/app"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
)

// dbFlag adds --db to a command's flags, defaulting to LANTU_DB or lantu.db.
func dbFlag(env *Env, fs *flag.FlagSet) *string {
	return fs.String("db", configFromEnv(env).DB, "database: a SQLite file, sqlite:PATH or a postgres:// URL (LANTU_DB)")
}

// openService opens and migrates the database for a command that works on it directly.
func openService(ctx context.Context, dsn string) (*service.Service, func(), error) {
	st, err := app.OpenStore(ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	return service.New(st), func() { st.Close() }, nil
}

func init() {
	c := &Command{Name: "migrate", Summary: "apply the embedded database migrations", Usage: "lantu migrate [--db …]"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := flagSet(env, c)
		db := dbFlag(env, fs)
		if err := fs.Parse(args); err != nil {
			return err
		}
		st, err := store.Open(ctx, *db)
		if err != nil {
			return err
		}
		defer st.Close()
		if err := st.Migrate(ctx); err != nil {
			return err
		}
		v, err := st.SchemaVersion(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "database %s is at schema version %d\n", store.Redact(*db), v)
		return nil
	}
	register(c)
}
