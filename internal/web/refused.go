package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
)

// A refused form is answered with the page that holds it, at once: the error table's
// status (422 for bad input), the reason in the reader's language above the form, and
// every field as it was typed, so that nothing typed is lost and no message travels in
// a URL. The page's own GET handler draws it; its template fills the submitted form's
// fields with typed/typedOn/typedHas, which give the stored values for every other form.

// refusal is a form refused, for the page that shows it again.
type refusal struct {
	action string     // the path the form was posted to (its action)
	form   url.Values // the fields as typed
	msg    string     // why, in the reader's language
	code   int        // the answer's status
	params url.Values // what else the page shows of the refusal (as a redirect's query would)
}

type refusalKey struct{}

// refuse answers a refused form with its page (page: that page's GET handler) with
// status code, msg above the form and the fields as typed.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, code int, msg string, page handlerFunc) error {
	return s.refuseWith(w, r, code, msg, nil, page)
}

// refuseWith is refuse with values for the page (refusedParam).
func (s *Server) refuseWith(w http.ResponseWriter, r *http.Request, code int, msg string, params url.Values, page handlerFunc) error {
	if r.PostForm == nil {
		_ = r.ParseForm() // a form that does not parse has no fields to keep
	}
	rf := &refusal{action: r.URL.Path, form: r.PostForm, msg: msg, code: code, params: params}
	return page(w, r.WithContext(context.WithValue(r.Context(), refusalKey{}, rf)))
}

func refusalOfRequest(r *http.Request) *refusal {
	rf, _ := r.Context().Value(refusalKey{}).(*refusal)
	return rf
}

// refusedParam is a value the refusal gives its page, else the query's.
func refusedParam(r *http.Request, key string) string {
	if rf := refusalOfRequest(r); rf != nil {
		return rf.params.Get(key)
	}
	return r.URL.Query().Get(key)
}

// refusedMsg is the reason of the refusal being shown ("" when none).
func refusedMsg(r *http.Request) string {
	if rf := refusalOfRequest(r); rf != nil {
		return rf.msg
	}
	return ""
}

// flashError is a page's error line: the refusal being shown, or the one a redirect
// carried (?error=).
func flashError(r *http.Request) string {
	if rf := refusalOfRequest(r); rf != nil {
		return rf.msg
	}
	return r.URL.Query().Get("error")
}

// typedForm is what a template knows of a refusal: the action of the refused form and
// its fields.
type typedForm struct {
	Action string
	Form   url.Values
}

// of is the refused form's fields when action is that form's, else nil.
func (t *typedForm) of(action string) url.Values {
	if t == nil || t.Action != action {
		return nil
	}
	return t.Form
}

// typedFuncs are the templates' helpers for forms shown again: each takes the page's
// data ($), the form's action, the field and the value to show when the form was not
// the one refused.
func typedFuncs() map[string]any {
	return map[string]any{
		// typed is a text field's value.
		"typed": func(pd pageData, action, name string, def any) string {
			if f := pd.Typed.of(action); f != nil {
				return f.Get(name)
			}
			if def == nil {
				return ""
			}
			return fmt.Sprint(def)
		},
		// typedOn says whether a lone checkbox is ticked.
		"typedOn": func(pd pageData, action, name string, def bool) bool {
			if f := pd.Typed.of(action); f != nil {
				return f.Get(name) != ""
			}
			return def
		},
		// typedHas says whether value is among a field's values (checkbox groups,
		// multiple selects, a select's option).
		"typedHas": func(pd pageData, action, name string, value any, def bool) bool {
			if f := pd.Typed.of(action); f != nil {
				return slices.Contains(f[name], fmt.Sprint(value))
			}
			return def
		},
	}
}
