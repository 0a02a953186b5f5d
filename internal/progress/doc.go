// Package progress is lantu's progress domain: reporting periods and their calendar,
// reports and their review workflow, target revisions, the status engine that says
// whether an indicator's target will be met, and roll-ups for programs, zones and
// departments.
//
// The package is pure: it does no I/O, touches no database or network and never reads
// the clock. The moment of evaluation is always passed in.
//
// Dates. A due date, lock date or period bound is a calendar date, returned as midnight
// UTC of that day. An instant passed in (an "at", a submission time) is read as a date
// in its own location, so callers pass times in the plan's zone (Asia/Shanghai).
//
// Numbers. All arithmetic is exact in github.com/shopspring/decimal, with divisions
// carried to 16 decimal places independently of decimal.DivisionPrecision. Rounding
// is for display only (see Round and Explain).
package progress
