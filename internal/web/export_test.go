package web

import "net/http"

// FailPlanBar makes the plan switcher's read of the plans fail with f's error (nil: it
// does not fail) until the returned function is called.
func FailPlanBar(f func(*http.Request) error) (restore func()) {
	planBarFault.Store(&f)
	return func() { planBarFault.Store(nil) }
}
