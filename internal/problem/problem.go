// Package problem is lantu's one error table: it maps the errors of the domain and the
// services to what the person who caused them is told — an HTTP status and a stable
// code for web and API, an exit code for the CLI, and a message key (internal/i18n) with
// the error's own details. web's error page, the API's envelope and the CLI all read
// it, so a refusal reads the same everywhere.
package problem

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/invest"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/xlsx"
)

// Problem is what an error means to the person who caused it.
type Problem struct {
	Status int    // HTTP status
	Code   string // stable code for API clients: not_found, invalid, conflict …
	Key    string // i18n message key of the one-line message
	// Detail is the error's own words (which field, which row, the allowed states),
	// shown after the message; empty where it would tell too much (401, 403, 5xx).
	Detail string
	Fields []Field
	// Current is the record as it now stands, on a version conflict.
	Current any
	// RetryAfter says when to try again (rate limits).
	RetryAfter time.Duration
	// local, when set, gives the details in a language (instead of Detail).
	local func(lang string) string
	// Exit is the CLI's exit code: 1, or 75 (EX_TEMPFAIL) when trying later may work,
	// 77 (EX_NOPERM) when refused.
	Exit int
}

// Field is one field's (or cell's) problem.
type Field struct {
	Field   string `json:"field"`
	Message string `json:"message"`
	Line    int    `json:"line,omitempty"`
	Row     int    `json:"row,omitempty"`
	Sheet   string `json:"sheet,omitempty"`
	Column  string `json:"column,omitempty"`
}

// ErrBadRequest marks a request the HTTP layer itself could not read (malformed JSON, a
// missing upload). BadRequest makes one.
var ErrBadRequest = errors.New("bad request")

// BadRequest is an ErrBadRequest with what was wrong.
func BadRequest(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrBadRequest, fmt.Sprintf(format, a...))
}

// Message is the problem in lang: the key's sentence, then the details.
func (p Problem) Message(lang string) string {
	msg := i18n.T(lang, p.Key)
	detail := p.Detail
	if p.local != nil {
		detail = p.local(lang)
	}
	if detail == "" {
		return msg
	}
	sep := "：" // the full-width colon of Chinese text
	if lang == "en" {
		sep = ": "
	}
	return msg + sep + detail
}

// Localized tells whether the details are said from message keys in the reader's
// language (Message gives them), so the error's own text need not be shown.
func (p Problem) Localized() bool { return p.local != nil }

// entry is one row of the table: which errors it takes and what they mean.
type entry struct {
	match  func(error) bool
	status int
	code   string
	key    string
	// detail: whether the error's own text is shown after the message.
	detail bool
	// fill adds fields, the current record, a retry time.
	fill func(err error, p *Problem)
}

func is(target error) func(error) bool { return func(err error) bool { return errors.Is(err, target) } }

func as[T error]() func(error) bool {
	return func(err error) bool {
		var t T
		return errors.As(err, &t)
	}
}

// table is the one mapping, most specific first.
var table = []entry{
	// Storage first: a full disk under any write is said as such, never as a conflict.
	{match: is(service.ErrUnavailable), status: http.StatusServiceUnavailable, code: "unavailable", key: "error.unavailable"},
	{match: is(auth.ErrCSRF), status: http.StatusForbidden, code: "csrf", key: "error.csrf"},
	{match: is(auth.ErrUnauthenticated), status: http.StatusUnauthorized, code: "unauthenticated", key: "error.unauthenticated"},
	{match: is(auth.ErrForbidden), status: http.StatusForbidden, code: "forbidden", key: "error.forbidden"},
	{match: as[*service.RateLimitedError](), status: http.StatusTooManyRequests, code: "rate_limited", key: "error.ratelimited",
		fill: func(err error, p *Problem) {
			var rl *service.RateLimitedError
			errors.As(err, &rl)
			p.RetryAfter = rl.RetryAfter
			p.Detail = fmt.Sprintf("%d s", int(rl.RetryAfter.Seconds()+0.5))
		}},
	{match: is(service.ErrBadCredentials), status: http.StatusUnprocessableEntity, code: "bad_credentials", key: "error.badcredentials"},
	{match: as[*progress.ConflictError](), status: http.StatusConflict, code: "conflict", key: "error.conflict",
		fill: func(err error, p *Problem) {
			var c *progress.ConflictError
			errors.As(err, &c)
			p.Current = c.Current
		}},
	{match: is(progress.ErrLocked), status: http.StatusLocked, code: "locked", key: "error.locked", detail: true},
	{match: is(progress.ErrInvalidTransition), status: http.StatusConflict, code: "invalid_transition", key: "error.transition", detail: true},
	{match: is(service.ErrReportExists), status: http.StatusConflict, code: "exists", key: "error.exists"},
	{match: is(service.ErrPlanExists), status: http.StatusConflict, code: "conflict", key: "error.planexists"},
	{match: is(service.ErrConflict), status: http.StatusConflict, code: "conflict", key: "error.taken"},
	{match: as[*service.AcceptError](), status: http.StatusConflict, code: "fact_accepted", key: "ingest.err.title", fill: fillAcceptError},
	{match: as[*invest.DuplicateError](), status: http.StatusConflict, code: "duplicate", key: "error.duplicate",
		fill: func(err error, p *Problem) {
			var dup *invest.DuplicateError
			errors.As(err, &dup)
			p.Current = map[string]any{"id": dup.ExistingID, "name": dup.ExistingName, "by": dup.By}
			p.local = func(lang string) string {
				return fmt.Sprintf(i18n.T(lang, "invest.duplicate"), dup.ExistingName, i18n.T(lang, "invest.duplicate."+dup.By))
			}
			p.Fields = []Field{{Field: dup.By, Message: p.local("zh")}}
		}},
	{match: is(service.ErrPipelineFed), status: http.StatusConflict, code: "pipeline_fed", key: "invest.fed"},
	{match: is(invest.ErrInvalid), status: http.StatusUnprocessableEntity, code: "invalid", key: "error.invalid",
		fill: func(err error, p *Problem) {
			var es invest.Errors
			var one *invest.Error
			if !errors.As(err, &es) && errors.As(err, &one) {
				es = invest.Errors{one}
			}
			for _, e := range es {
				p.Fields = append(p.Fields, Field{Field: e.Field, Message: i18n.InvestError("zh", e.Code, e.Args...)})
			}
			p.local = func(lang string) string {
				msgs := make([]string, len(es))
				for i, e := range es {
					msgs[i] = InvestFieldLabel(lang, e.Field) + i18n.InvestError(lang, e.Code, e.Args...)
				}
				if lang == "en" {
					return strings.Join(msgs, "; ")
				}
				return strings.Join(msgs, "；")
			}
		}},
	{match: is(service.ErrNoSuchFact), status: http.StatusNotFound, code: "not_found", key: "error.nosuchfact"},
	{match: is(plan.ErrNotFound), status: http.StatusNotFound, code: "not_found", key: "error.notfound"},
	{match: as[xlsx.Errors](), status: http.StatusUnprocessableEntity, code: "invalid_workbook", key: "error.workbook",
		fill: func(err error, p *Problem) {
			var xe xlsx.Errors
			errors.As(err, &xe)
			for _, e := range xe {
				p.Fields = append(p.Fields, Field{Sheet: e.Sheet, Row: e.Row, Column: e.Column, Field: e.Field,
					Message: i18n.WorkbookReason("zh", e.Code, e.Args, e.Reason)})
			}
			// Every cell, for the CLI and the API's message, in the reader's language.
			p.local = func(lang string) string { return WorkbookCells(lang, xe) }
		}},
	{match: as[*xlsx.FileError](), status: http.StatusBadRequest, code: "bad_request", key: "error.notform",
		fill: func(err error, p *Problem) {
			var e *xlsx.FileError
			errors.As(err, &e)
			p.local = func(lang string) string { return i18n.WorkbookFile(lang, e.Code, e.Args...) }
		}},
	{match: as[plan.ValidationErrors](), status: http.StatusUnprocessableEntity, code: "invalid", key: "error.invalid", detail: true,
		fill: func(err error, p *Problem) {
			var verrs plan.ValidationErrors
			errors.As(err, &verrs)
			for _, e := range verrs {
				f := e.Field
				if e.Path != "" {
					f = e.Path + "." + e.Field
				}
				p.Fields = append(p.Fields, Field{Field: f, Message: e.Message, Line: e.Line})
			}
		}},
	{match: as[progress.ValidationErrors](), status: http.StatusUnprocessableEntity, code: "invalid", key: "error.invalid",
		fill: func(err error, p *Problem) {
			var verrs progress.ValidationErrors
			errors.As(err, &verrs)
			fillValidation(verrs, p)
		}},
	{match: as[*progress.ValidationError](), status: http.StatusUnprocessableEntity, code: "invalid", key: "error.invalid",
		fill: func(err error, p *Problem) {
			var e *progress.ValidationError
			errors.As(err, &e)
			fillValidation(progress.ValidationErrors{e}, p)
		}},
	{match: as[*auth.PasswordError](), status: http.StatusUnprocessableEntity, code: "weak_password", key: "error.weakpassword", detail: true,
		fill: func(err error, p *Problem) {
			var e *auth.PasswordError
			errors.As(err, &e)
			p.Fields = []Field{{Field: "password", Message: e.Error()}}
		}},
	{match: as[*auth.FieldError](), status: http.StatusUnprocessableEntity, code: "invalid", key: "error.invalid", detail: true,
		fill: func(err error, p *Problem) {
			var e *auth.FieldError
			errors.As(err, &e)
			p.Fields = []Field{{Field: e.Field, Message: e.Message}}
		}},
	{match: as[*service.UnlockRequestError](), status: http.StatusUnprocessableEntity, code: "invalid", key: "error.invalid",
		fill: func(err error, p *Problem) {
			var e *service.UnlockRequestError
			errors.As(err, &e)
			p.Fields = []Field{{Field: e.Field, Message: i18n.T("zh", "unlockreq.err."+e.Code)}}
			p.local = func(lang string) string { return i18n.T(lang, "unlockreq.err."+e.Code) }
		}},
	{match: as[service.EditErrors](), status: http.StatusUnprocessableEntity, code: "invalid", key: "error.invalid",
		fill: func(err error, p *Problem) {
			var es service.EditErrors
			errors.As(err, &es)
			for _, e := range es {
				p.Fields = append(p.Fields, Field{Field: e.Field, Message: i18n.PlanEditError("zh", e.Code, e.Args...)})
			}
			p.local = func(lang string) string {
				msgs := make([]string, len(es))
				for i, e := range es {
					msgs[i] = e.Field + " " + i18n.PlanEditError(lang, e.Code, e.Args...)
				}
				return strings.Join(msgs, " ")
			}
		}},
	{match: as[*http.MaxBytesError](), status: http.StatusRequestEntityTooLarge, code: "too_large", key: "error.toolarge",
		fill: func(err error, p *Problem) {
			var e *http.MaxBytesError
			errors.As(err, &e)
			p.Detail = fmt.Sprintf("> %d bytes", e.Limit)
		}},
	{match: as[*BodyError](), status: http.StatusUnprocessableEntity, code: "invalid_body", key: "error.body",
		fill: func(err error, p *Problem) {
			var e *BodyError
			errors.As(err, &e)
			p.local = func(lang string) string {
				return fmt.Sprintf(i18n.T(lang, "error.body."+string(e.Reason)), e.Offset)
			}
		}},
	{match: is(ErrBadRequest), status: http.StatusBadRequest, code: "bad_request", key: "error.badrequest",
		fill: func(err error, p *Problem) { p.Detail = strings.TrimPrefix(err.Error(), ErrBadRequest.Error()+": ") }},
	{match: service.IsBadInput, status: http.StatusBadRequest, code: "bad_request", key: "error.badrequest", detail: true},
}

// Of finds what err means. An error the table does not know is a 500, "internal",
// whose details are for the log only.
func Of(err error) Problem {
	for _, e := range table {
		if !e.match(err) {
			continue
		}
		p := Problem{Status: e.status, Code: e.code, Key: e.key, Exit: 1}
		if e.detail {
			p.Detail = err.Error()
		}
		if e.fill != nil {
			e.fill(err, &p)
		}
		switch p.Status {
		case http.StatusServiceUnavailable, http.StatusTooManyRequests:
			p.Exit = 75 // EX_TEMPFAIL
		case http.StatusUnauthorized, http.StatusForbidden:
			p.Exit = 77 // EX_NOPERM
		}
		return p
	}
	return Problem{Status: http.StatusInternalServerError, Code: "internal", Key: "error.internal", Exit: 1}
}

// BodyReason says what is wrong with a request body as a whole.
type BodyReason string

const (
	BodyNotUTF8  BodyReason = "not_utf8"      // bytes that are not UTF-8
	BodyTrailing BodyReason = "trailing_data" // more after the JSON value
)

// BodyError refuses a request body, naming the byte offset where it goes wrong.
type BodyError struct {
	Offset int64
	Reason BodyReason
}

func (e *BodyError) Error() string {
	return fmt.Sprintf("request body: %s at byte %d", e.Reason, e.Offset)
}

// InvestFieldLabel names an investment field before its message ("统一社会信用代码：" is in
// the message itself), for the error table and the invest pages' forms.
func InvestFieldLabel(lang, field string) string {
	key := map[string]string{"name": "invest.name", "hq_city": "invest.hq_city", "park": "invest.park", "notes": "invest.notes",
		"currency": "invest.currency", "reason": "invest.move.reason", "on": "invest.move.on", "amount": "invest.funds.amount",
		"city": "invest.visit.city", "starts": "invest.visit.when", "enterprise": "invest.enterprise"}[field]
	if key == "" {
		return ""
	}
	if lang == "en" {
		return i18n.T(lang, key) + ": "
	}
	return i18n.T(lang, key) + "："
}

// fillAcceptError says why a fact was not accepted: the fields to choose (422), where it
// went before, or the indicator of the same name or code (409).
func fillAcceptError(err error, p *Problem) {
	var e *service.AcceptError
	errors.As(err, &e)
	switch e.Code {
	case service.AcceptNeeds:
		p.Status, p.Code, p.Key = http.StatusUnprocessableEntity, "invalid", "error.invalid"
		p.local = func(lang string) string { return i18n.AcceptNeeds(lang, e.Fields) }
		for _, f := range e.Fields {
			p.Fields = append(p.Fields, Field{Field: f, Message: i18n.AcceptNeeds("zh", []string{f})})
		}
	case service.AcceptAlready:
		p.Code = "already_accepted"
		p.Current = map[string]any{"as": e.As, "indicator_id": e.IndicatorID, "report_id": e.ReportID}
		p.local = func(lang string) string { return i18n.AcceptAlready(lang, e.As, e.IndicatorName) }
	default:
		p.Code = "same_indicator"
		p.Current = map[string]any{"indicator_id": e.IndicatorID, "name": e.IndicatorName, "by": e.By}
		p.local = func(lang string) string { return i18n.AcceptSame(lang, e.By, e.IndicatorName) }
	}
}

// fillValidation names each refused field of a report with its sentence from the
// field's code and values, in the reader's language.
func fillValidation(verrs progress.ValidationErrors, p *Problem) {
	for _, e := range verrs {
		p.Fields = append(p.Fields, Field{Field: e.Field, Message: i18n.ValidationText("zh", e.Code, e.Args, e.Message)})
	}
	p.local = func(lang string) string {
		msgs := make([]string, len(verrs))
		for i, e := range verrs {
			text := e.Message
			if e.Code != "" || lang != "en" {
				text = i18n.ValidationText(lang, e.Code, e.Args, e.Message)
			}
			msgs[i] = e.Field + ": " + text
		}
		return strings.Join(msgs, "; ")
	}
}

// WorkbookCells lists the bad cells of a refused upload in lang, one a line after the
// count, each naming its row, column and field.
func WorkbookCells(lang string, xe xlsx.Errors) string {
	var b strings.Builder
	fmt.Fprintf(&b, i18n.T(lang, "xlsx.count"), len(xe))
	for _, e := range xe {
		b.WriteString("\n  " + i18n.WorkbookCell(lang, e.Sheet, e.Row, e.Column, e.Field, e.Value, e.Code, e.Args, e.Reason))
	}
	return b.String()
}
