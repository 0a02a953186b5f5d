package progress

import (
	"errors"
	"fmt"
	"strings"
)

// ErrInvalidTransition is matched (errors.Is) by a *TransitionError.
var ErrInvalidTransition = errors.New("progress: invalid transition")

// TransitionError says an action is not allowed in a report's state.
type TransitionError struct {
	From   State
	Action Action
}

func (e *TransitionError) Error() string {
	msg := fmt.Sprintf("progress: cannot %s a %s report", e.Action, e.From)
	if e.From == StateApproved && e.Action == ActEdit {
		msg += " (correct it instead: a correction is a new revision)"
	}
	return msg
}

// Is makes errors.Is(err, ErrInvalidTransition) true.
func (e *TransitionError) Is(target error) bool { return target == ErrInvalidTransition }

// ErrConflict is matched (errors.Is) by a *ConflictError.
var ErrConflict = errors.New("progress: version conflict")

// ConflictError says a change was made against a stale version; Current is the report
// as it now stands, for the client to merge or reload.
type ConflictError struct {
	Current Report
	Got     int // the version the change was based on
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("progress: report %d changed meanwhile (version %d, change based on %d)",
		e.Current.ID, e.Current.Version, e.Got)
}

// Is makes errors.Is(err, ErrConflict) true.
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

// ValidationError says what is wrong with one field (named as in JSON: value,
// last_year, period, cause …). Message is Chinese, for logs and the API; Code and Args,
// when set, let a page say it in the reader's language (i18n.ValidationText).
type ValidationError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
	Code    string `json:"-"`
	Args    []any  `json:"-"`
}

func (e *ValidationError) Error() string { return e.Field + ": " + e.Message }

// ValidationErrors is every problem found in one report. errors.As(err,
// &*ValidationError) finds the first.
type ValidationErrors []*ValidationError

func (es ValidationErrors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// Unwrap exposes each field error to errors.Is and errors.As.
func (es ValidationErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// Field returns the error about a field, or nil.
func (es ValidationErrors) Field(name string) *ValidationError {
	for _, e := range es {
		if e.Field == name {
			return e
		}
	}
	return nil
}
