package invest

import (
	"errors"
	"fmt"
	"strings"
)

// ErrInvalid is matched (errors.Is) by every *Error: the input broke a rule of the domain.
var ErrInvalid = errors.New("invest: invalid")

// ErrDuplicate is matched by a *DuplicateError.
var ErrDuplicate = errors.New("invest: duplicate enterprise")

// Error is one broken rule: a stable code (the i18n key is "invest.err."+Code), the field
// it concerns, and the values a message names (in order, for the message's verbs).
type Error struct {
	Code  string
	Field string
	Args  []any
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("invest: ")
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	b.WriteString(e.Code)
	for i, a := range e.Args {
		if i == 0 {
			b.WriteString(" (")
		} else {
			b.WriteString(", ")
		}
		fmt.Fprint(&b, a)
		if i == len(e.Args)-1 {
			b.WriteString(")")
		}
	}
	return b.String()
}

// Is makes errors.Is(err, ErrInvalid) true.
func (e *Error) Is(target error) bool { return target == ErrInvalid }

func invalid(field, code string, args ...any) *Error {
	return &Error{Code: code, Field: field, Args: args}
}

// Errors is every problem of one input; an input with any is refused whole.
type Errors []*Error

func (es Errors) Error() string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Error()
	}
	return strings.Join(s, "; ")
}

// Is makes errors.Is(errs, ErrInvalid) true.
func (es Errors) Is(target error) bool { return target == ErrInvalid && len(es) > 0 }

// orNil returns nil for no errors, so callers can return it as an error.
func (es Errors) orNil() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// DuplicateError says an enterprise is already known: by its credit code, or by its
// normalised name. It is offered for merge, not silently created.
type DuplicateError struct {
	ExistingID   int64
	ExistingName string
	By           string // "credit_code" or "name"
}

func (e *DuplicateError) Error() string {
	return fmt.Sprintf("invest: enterprise %d %q has the same %s", e.ExistingID, e.ExistingName, e.By)
}

// Is makes errors.Is(err, ErrDuplicate) true.
func (e *DuplicateError) Is(target error) bool { return target == ErrDuplicate }

// As lets errors.As find the first *Error of the list.
func (es Errors) As(target any) bool {
	if t, ok := target.(**Error); ok && len(es) > 0 {
		*t = es[0]
		return true
	}
	return false
}
