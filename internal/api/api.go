// Package api is lantu's JSON API, version 1: it translates HTTP to services and back,
// with one error envelope and the same rules as the pages (the services enforce them).
//
// Success: {"data": …}. Failure: {"error": {"code": "…", "message": "…", "fields": [{"field", "message", "line"}]}}.
// Exact decimals (targets, figures) are written as JSON numbers with every digit kept.
package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/httpauth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/service"
)

func init() {
	// Exact decimals as JSON numbers ("target": 800000000), not strings: clients read them
	// as numbers, and the text keeps every digit. Set once, before any request.
	decimal.MarshalJSONWithoutQuotes = true
}

// API serves /api/v1/.
type API struct {
	svc    *service.Service
	log    *slog.Logger
	clock  func() time.Time
	guard  *httpauth.Guard
	router *httpauth.Router
}

// New builds the API over the services; guard is the authentication and CSRF it shares
// with the pages.
func New(svc *service.Service, log *slog.Logger, guard *httpauth.Guard) *API {
	a := &API{svc: svc, log: log, clock: svc.Now, guard: guard}
	a.router = guard.NewRouter(a.writeError)
	a.routes(a.router)
	return a
}

// Handler is the API behind the middleware it shares with the pages (httpauth.Guard.Stack).
func (a *API) Handler() http.Handler { return a.guard.Stack(a.router) }

// Routes is the API's route table.
func (a *API) Routes() []httpauth.Route { return a.router.Routes() }

// handlerFunc returns the value to send as data, or an error for the envelope.
type handlerFunc func(r *http.Request) (any, error)

// json answers with the handler's value as {"data": …}, or its error as the envelope.
func (a *API) json(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, err := h(r)
		if err != nil {
			a.writeError(w, r, err)
			return
		}
		code := http.StatusOK
		if r.Method == http.MethodPost {
			code = http.StatusCreated
		}
		if c, ok := v.(created); ok {
			code, v = c.code, c.v
		}
		writeJSON(w, code, map[string]any{"data": v})
	})
}

// created lets a handler choose its success status.
type created struct {
	code int
	v    any
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	// Encoded before the status goes out: a value that JSON cannot hold is a bug here,
	// and the panic becomes a logged 500 (httpauth's recover), not a 200 with half a body.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(fmt.Errorf("api: write %T as JSON: %w", v, err))
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, _ = w.Write(buf.Bytes()) // the client went away; no one is left to tell
}

// FieldProblem is one field's problem in an error envelope.
type FieldProblem struct {
	Field   string `json:"field"`
	Message string `json:"message"`
	Line    int    `json:"line,omitempty"`
	Row     int    `json:"row,omitempty"`
	Sheet   string `json:"sheet,omitempty"`
	Column  string `json:"column,omitempty"`
}

// ErrorBody is the error envelope's content.
type ErrorBody struct {
	Code    string         `json:"code"`
	Message string         `json:"message"`
	Fields  []FieldProblem `json:"fields,omitempty"`
	Current any            `json:"current,omitempty"` // the current state on a conflict
}

// Problem lets a domain error describe itself for the envelope.
type Problem interface {
	APIProblem() (status int, body ErrorBody)
}

// errBadRequest marks input the API itself could not read.
var errBadRequest = errors.New("bad request")

func badRequest(format string, a ...any) error {
	return fmt.Errorf("%w: %s", errBadRequest, fmt.Sprintf(format, a...))
}

func (a *API) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status, body := classify(err)
	if status == http.StatusInternalServerError {
		a.log.ErrorContext(r.Context(), "api request failed", "path", r.URL.Path, "err", err)
		body.Message = "internal error"
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="lantu"`)
	}
	writeJSON(w, status, map[string]any{"error": body})
}

// classify maps domain errors to a status and an envelope.
func classify(err error) (int, ErrorBody) {
	var p Problem
	if errors.As(err, &p) {
		return p.APIProblem()
	}
	if status, body, ok := progressProblem(err); ok {
		return status, body
	}
	if status, body, ok := workbookProblem(err); ok {
		return status, body
	}
	if status, body, ok := investProblem(err); ok {
		return status, body
	}
	var verrs plan.ValidationErrors
	var fe *auth.FieldError
	var pe *auth.PasswordError
	var mbe *http.MaxBytesError
	switch {
	case errors.Is(err, plan.ErrNotFound):
		return http.StatusNotFound, ErrorBody{Code: "not_found", Message: err.Error()}
	case errors.Is(err, auth.ErrUnauthenticated):
		return http.StatusUnauthorized, ErrorBody{Code: "unauthenticated", Message: "sign in or send an API token (Authorization: Bearer …)"}
	case errors.Is(err, httpauth.ErrCSRF):
		return http.StatusForbidden, ErrorBody{Code: "csrf", Message: err.Error()}
	case errors.Is(err, auth.ErrForbidden):
		return http.StatusForbidden, ErrorBody{Code: "forbidden", Message: err.Error()}
	case errors.As(err, &verrs):
		b := ErrorBody{Code: "invalid", Message: fmt.Sprintf("%d problem(s)", len(verrs))}
		for _, e := range verrs {
			f := e.Field
			if e.Path != "" {
				f = e.Path + "." + e.Field
			}
			b.Fields = append(b.Fields, FieldProblem{Field: f, Message: e.Message, Line: e.Line})
		}
		return http.StatusUnprocessableEntity, b
	case errors.As(err, &fe):
		return http.StatusUnprocessableEntity, ErrorBody{Code: "invalid", Message: fe.Error(), Fields: []FieldProblem{{Field: fe.Field, Message: fe.Message}}}
	case errors.As(err, &pe):
		return http.StatusUnprocessableEntity, ErrorBody{Code: "weak_password", Message: pe.Error(), Fields: []FieldProblem{{Field: "password", Message: pe.Error()}}}
	case errors.Is(err, errBadRequest):
		return http.StatusBadRequest, ErrorBody{Code: "bad_request", Message: err.Error()}
	case errors.As(err, &mbe):
		return http.StatusRequestEntityTooLarge, ErrorBody{Code: "too_large", Message: fmt.Sprintf("the body is over %d bytes", mbe.Limit)}
	case errors.Is(err, service.ErrNoSuchFact):
		return http.StatusNotFound, ErrorBody{Code: "not_found", Message: err.Error()}
	case errors.Is(err, service.ErrPlanExists), errors.Is(err, service.ErrConflict):
		return http.StatusConflict, ErrorBody{Code: "conflict", Message: err.Error()}
	}
	return http.StatusInternalServerError, ErrorBody{Code: "internal", Message: err.Error()}
}

// decode reads a JSON body strictly: unknown fields are an error that names them.
func decode(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		if errors.Is(err, io.EOF) {
			return badRequest("the body is empty; send JSON")
		}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return badRequest("JSON syntax error at byte %d: %v", se.Offset, err)
		}
		return badRequest("%v", err)
	}
	return nil
}

func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%s %q: %w", name, r.PathValue(name), plan.ErrNotFound)
	}
	return id, nil
}

func actor(r *http.Request) service.Actor { return service.ActorFrom(r.Context()) }

// writeInput is what a write endpoint reads before its use-case: that someone is signed
// in (so an anonymous caller gets 401 before any parsing), the path's id, and the JSON body.
func writeInput[T any](r *http.Request) (id int64, body T, err error) {
	if actor(r).UserID == 0 {
		return 0, body, auth.ErrUnauthenticated
	}
	if id, err = pathID(r, "id"); err != nil {
		return 0, body, err
	}
	return id, body, decode(r, &body)
}
