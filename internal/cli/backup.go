package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/lantu-dev/lantu/internal/store"
)

// pgBackupHelp is what backup and restore say for a PostgreSQL database.
const pgBackupHelp = `PostgreSQL is backed up with its own tools (the client version at least the server's):
  pg_dump --format=custom --file=lantu.dump 'postgres://…'
  pg_restore --exit-on-error --no-owner --dbname='postgres://…/new_database' lantu.dump
see README, Backups`

func init() {
	b := &Command{Name: "backup", Summary: "write an online, consistent copy of the SQLite database to FILE while lantu serves",
		Usage: "lantu backup [--db PATH] FILE"}
	b.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := flagSet(env, b)
		db := dbFlag(env, fs)
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() != 1 {
			return usageError("give the backup file to write")
		}
		st, err := store.Open(ctx, *db)
		if err != nil {
			return err
		}
		defer st.Close()
		info, err := st.Backup(ctx, fs.Arg(0))
		if errors.Is(err, store.ErrBackupPostgres) {
			return errors.New(pgBackupHelp)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "backed up %s to %s: %d bytes, schema version %d, %d plans, %d reports\n",
			store.Redact(*db), info.Path, info.Bytes, info.SchemaVersion, info.Plans, info.Reports)
		return nil
	}
	register(b)

	r := &Command{Name: "restore", Summary: "replace the SQLite database with a backup (stop lantu first)",
		Usage: "lantu restore [--db PATH] [--replace] FILE"}
	r.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := flagSet(env, r)
		db := dbFlag(env, fs)
		replace := fs.Bool("replace", false, "replace an existing database (it is kept as PATH.before-restore-TIME)")
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() != 1 {
			return usageError("give the backup file to restore")
		}
		info, kept, err := store.Restore(ctx, fs.Arg(0), *db, *replace)
		if errors.Is(err, store.ErrBackupPostgres) {
			return errors.New(pgBackupHelp)
		}
		if err != nil {
			return err
		}
		if kept != "" {
			fmt.Fprintf(env.Stdout, "the database it replaced is kept as %s\n", kept)
		}
		fmt.Fprintf(env.Stdout, "restored %s into %s: schema version %d, %d plans, %d reports\n",
			info.Path, *db, info.SchemaVersion, info.Plans, info.Reports)
		return nil
	}
	register(r)
}
