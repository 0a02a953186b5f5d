// Package api is lantu's JSON API, version 1: it translates HTTP to services and back,
// with one error envelope and the same rules as the pages (the services enforce them).
//
// Success: {"data": …}. Failure: {"error": {"code": "…", "message": "…", "fields": [{"field", "message", "line"}]}}.
// Exact decimals (targets, figures) are written as JSON numbers with every digit kept.
package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/httpauth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/problem"
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
		v, err := a.build(h, r)
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
type FieldProblem = problem.Field

// ErrorBody is the error envelope's content.
type ErrorBody struct {
	Code    string         `json:"code"`
	Message string         `json:"message"`
	Fields  []FieldProblem `json:"fields,omitempty"`
	Current any            `json:"current,omitempty"` // the current state on a conflict
}

func badRequest(format string, a ...any) error { return problem.BadRequest(format, a...) }

// writeError answers with the error table's status and the envelope, in the caller's
// language (?lang=, the lang cookie, else Chinese).
func (a *API) writeError(w http.ResponseWriter, r *http.Request, err error) {
	p := problem.Of(err)
	if p.Status >= http.StatusInternalServerError {
		a.log.ErrorContext(r.Context(), "api request failed", "path", r.URL.Path, "status", p.Status, "err", err)
	}
	switch {
	case p.Status == http.StatusUnauthorized:
		w.Header().Set("WWW-Authenticate", `Bearer realm="lantu"`)
	case p.RetryAfter > 0:
		w.Header().Set("Retry-After", strconv.Itoa(int(p.RetryAfter.Seconds()+1)))
	}
	writeJSON(w, p.Status, map[string]any{"error": ErrorBody{Code: p.Code, Message: p.Message(httpauth.Lang(r)), Fields: p.Fields, Current: p.Current}})
}

// decode reads a JSON body strictly: unknown fields are an error that names them;
// bytes that are not UTF-8 (which encoding/json would silently turn into U+FFFD) and
// anything but white space after the value are refused, naming the byte offset.
func decode(r *http.Request, v any) error {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return err // over the cap: *http.MaxBytesError
	}
	if !utf8.Valid(body) {
		return &problem.BodyError{Offset: invalidUTF8At(body), Reason: problem.BodyNotUTF8}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return badRequest("the body is empty; send JSON")
		}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return badRequest("JSON syntax error at byte %d: %v", se.Offset, err)
		}
		return badRequest("%v", err)
	}
	end := dec.InputOffset()
	if rest := bytes.TrimLeft(body[end:], " \t\r\n"); len(rest) > 0 {
		return &problem.BodyError{Offset: int64(len(body) - len(rest)), Reason: problem.BodyTrailing}
	}
	return nil
}

// invalidUTF8At is the offset of the first byte that is not UTF-8.
func invalidUTF8At(b []byte) int64 {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return int64(i)
		}
		i += n
	}
	return int64(len(b))
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

// build answers a read holding a slot of httpauth.Builders, so that a hundred readers
// do not keep the writers' goroutines from the cores (issue 11); a kept answer
// (CacheReaders, outside) takes none, nor does a write.
func (a *API) build(h handlerFunc, r *http.Request) (v any, err error) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return h(r)
	}
	err = httpauth.Builders.Do(r.Context(), func(ctx context.Context) error {
		v, err = h(r.WithContext(ctx))
		return err
	})
	return v, err
}
