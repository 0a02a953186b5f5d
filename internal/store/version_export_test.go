package store

// SetFlushHook installs fn to be told how many statements each version flush ran while
// holding a plan row; nil removes it.
func SetFlushHook(fn func(statements int)) { flushHook = fn }
