package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ErrBackupPostgres says that PostgreSQL is backed up by its own tools.
var ErrBackupPostgres = errors.New("a PostgreSQL database is backed up with pg_dump and restored with pg_restore (see README, Backups)")

// BackupInfo describes a backup file.
type BackupInfo struct {
	Path          string
	Bytes         int64
	SchemaVersion int
	Plans         int
	Reports       int
}

// Backup writes an online, consistent copy of a SQLite database to path while other
// connections and processes go on reading and writing: VACUUM INTO reads one snapshot
// (one read transaction, WAL included) and writes a compact, self-contained file. It
// writes to path.tmp first and renames, so a crash leaves no half-written path; it
// refuses to overwrite an existing file.
func (s *Store) Backup(ctx context.Context, path string) (BackupInfo, error) {
	if s.dialect != SQLite {
		return BackupInfo{}, ErrBackupPostgres
	}
	if _, err := os.Stat(path); err == nil {
		return BackupInfo{}, fmt.Errorf("backup: %s already exists; choose another name", path)
	}
	tmp := path + ".tmp"
	_ = os.Remove(tmp) // a leftover of a crashed backup; VACUUM INTO says so if it stays
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		_ = os.Remove(tmp)
		return BackupInfo{}, fmt.Errorf("backup: copy the database to %s: %w", tmp, err)
	}
	if err := syncFile(tmp); err != nil {
		_ = os.Remove(tmp)
		return BackupInfo{}, fmt.Errorf("backup: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return BackupInfo{}, fmt.Errorf("backup: %w", err)
	}
	syncDir(filepath.Dir(path))
	return CheckBackup(ctx, path)
}

// CheckBackup opens a SQLite backup read-only, checks its integrity and says what it holds.
func CheckBackup(ctx context.Context, path string) (BackupInfo, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return BackupInfo{}, fmt.Errorf("backup file: %w", err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return BackupInfo{}, fmt.Errorf("open backup %s: %w", path, err)
	}
	defer func() { _ = db.Close() }() // read-only: nothing to lose
	info := BackupInfo{Path: path, Bytes: fi.Size()}
	var check string
	if err := db.QueryRowContext(ctx, `PRAGMA quick_check`).Scan(&check); err != nil {
		return info, fmt.Errorf("%s is not a SQLite database: %w", path, err)
	}
	if check != "ok" {
		return info, fmt.Errorf("%s is damaged: %s", path, check)
	}
	if err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&info.SchemaVersion); err != nil {
		return info, fmt.Errorf("%s is not a lantu database: %w", path, err)
	}
	// Counts are for the person reading the summary; a very old backup may lack a table.
	_ = db.QueryRowContext(ctx, `SELECT count(*) FROM plans`).Scan(&info.Plans)
	_ = db.QueryRowContext(ctx, `SELECT count(*) FROM reports`).Scan(&info.Reports)
	return info, nil
}

// Restore replaces the SQLite database at target with a checked copy of the backup at
// from. lantu must not be serving target meanwhile. An existing target is kept beside
// it as target.before-restore-TIME (after folding its WAL in), never deleted; without
// replace, an existing target is refused. The copy is written beside target and renamed
// over it, so a crash leaves either the old database or the restored one.
func Restore(ctx context.Context, from, target string, replace bool) (BackupInfo, string, error) {
	if strings.Contains(target, "://") || strings.HasPrefix(target, "postgres") {
		return BackupInfo{}, "", ErrBackupPostgres
	}
	target = strings.TrimPrefix(target, "sqlite:")
	if i := strings.IndexByte(target, '?'); i >= 0 {
		target = target[:i]
	}
	info, err := CheckBackup(ctx, from)
	if err != nil {
		return info, "", err
	}
	if latest := latestMigration(); info.SchemaVersion > latest {
		return info, "", fmt.Errorf("%s is at schema version %d, newer than this lantu knows (%d): restore it with a newer lantu", from, info.SchemaVersion, latest)
	}
	exists := false
	if _, err := os.Stat(target); err == nil {
		exists = true
		if !replace {
			return info, "", fmt.Errorf("%s exists: stop lantu and give --replace to replace it (it is kept as %s.before-restore-…)", target, target)
		}
	}
	tmp := target + ".restore-tmp"
	_ = os.Remove(tmp) // a leftover of a crashed restore; VACUUM INTO says so if it stays
	src, err := sql.Open("sqlite", "file:"+from+"?mode=ro")
	if err != nil {
		return info, "", err
	}
	_, err = src.ExecContext(ctx, `VACUUM INTO ?`, tmp)
	_ = src.Close() // read-only
	if err == nil {
		err = syncFile(tmp)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return info, "", fmt.Errorf("restore: copy %s: %w", from, err)
	}
	var kept string
	if exists {
		// Fold the old database's write-ahead log into it, so that the kept file is whole.
		old, err := sql.Open("sqlite", "file:"+target+"?_pragma=busy_timeout(10000)")
		if err == nil {
			_, err = old.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
			if cerr := old.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			_ = os.Remove(tmp)
			return info, "", fmt.Errorf("restore: checkpoint %s: %w", target, err)
		}
		kept = target + ".before-restore-" + time.Now().UTC().Format("20060102T150405Z")
		if err := os.Rename(target, kept); err != nil {
			_ = os.Remove(tmp)
			return info, "", fmt.Errorf("restore: keep the old database: %w", err)
		}
	}
	// A write-ahead log left beside target belongs to the old database; SQLite would
	// replay it into the restored one.
	for _, side := range []string{target + "-wal", target + "-shm"} {
		if err := os.Remove(side); err != nil && !errors.Is(err, fs.ErrNotExist) {
			_ = os.Remove(tmp)
			return info, kept, fmt.Errorf("restore: remove the old database's %s: %w", side, err)
		}
	}
	if err := os.Rename(tmp, target); err != nil {
		return info, kept, fmt.Errorf("restore: %w", err)
	}
	syncDir(filepath.Dir(target))
	return info, kept, nil
}

func latestMigration() int {
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncDir makes a rename durable; errors are ignored where a system cannot sync a folder.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		_ = f.Sync()
		_ = f.Close()
	}
}
