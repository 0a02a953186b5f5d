package store

import "context"

// SetCommitHook installs fn to run just before (committed false, inside the
// transaction) and just after (committed true) every commit; count reads a table's row
// count as the moment sees it. For the crash test's child process only.
func SetCommitHook(fn func(committed bool, count func(table string) (int, error))) {
	commitHook = func(ctx context.Context, s *Store, committed bool) {
		fn(committed, func(table string) (int, error) {
			var n int
			err := s.q(ctx).QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&n)
			return n, err
		})
	}
}
