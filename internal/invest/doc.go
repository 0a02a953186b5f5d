// Package invest is the investment-promotion centre's domain (招商): enterprises with their
// unified social credit codes, industry chains and their gaps, the project pipeline
// (线索 → … → 投产, or 终止), funds that arrive and their conversion to 美元 at a dated rate,
// officers' visits and their iCalendar form, and the figures the pipeline feeds into the
// plan's indicators.
//
// Like plan and progress it holds types, rules and pure computation only: no SQL, no
// HTTP and no sentences. Errors carry a stable code and the values a message needs;
// internal/i18n turns them into Chinese or English.
package invest
