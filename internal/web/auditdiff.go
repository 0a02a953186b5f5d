package web

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
	"time"

	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/service"
)

// auditChange is one field of an audit row's change as people read it: its name in
// words, the value before and after ("" where there was none).
type auditChange struct {
	Field, Before, After string
}

// auditChanges reads an audit row's before and after (JSON objects) into the fields that
// changed, each named in the reader's language, in a stable order; ok is false when
// either side is not a JSON object, and the page shows the stored text as it is.
func auditChanges(lang, before, after string) (changes []auditChange, ok bool) {
	b, okB := auditObjectFields(before)
	a, okA := auditObjectFields(after)
	if !okB || !okA {
		return nil, false
	}
	keys := make([]string, 0, len(a)+len(b))
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, both := a[k]; !both {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		bv, inB := b[k]
		av, inA := a[k]
		if inB && inA && bytes.Equal(bv, av) {
			continue
		}
		c := auditChange{Field: auditFieldLabel(lang, k)}
		if inB {
			c.Before = auditValue(lang, k, bv)
		}
		if inA {
			c.After = auditValue(lang, k, av)
		}
		if c.Before == c.After {
			continue
		}
		changes = append(changes, c)
	}
	return changes, true
}

// auditObjectFields is a JSON object's fields, each as compact JSON; "" is an object
// with no fields.
func auditObjectFields(s string) (map[string]json.RawMessage, bool) {
	m := map[string]json.RawMessage{}
	if strings.TrimSpace(s) == "" {
		return m, true
	}
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return nil, false
	}
	for k, v := range m {
		var buf bytes.Buffer
		if json.Compact(&buf, v) == nil {
			m[k] = buf.Bytes()
		}
	}
	return m, true
}

// auditFieldLabel names a stored field in words, from the labels the forms use; a
// field without one shows its code.
func auditFieldLabel(lang, field string) string {
	for _, key := range []string{"audit.field." + field, "planedit.f." + field, "xlsx.field." + field} {
		if i18n.Has(key) {
			return i18n.T(lang, key)
		}
	}
	return field
}

// auditValue is a stored value in words: a report's state in words, a time in China
// time, text as it is, yes/no, — for none; a list or an object as compact JSON.
func auditValue(lang, field string, raw json.RawMessage) string {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return string(raw)
	}
	switch x := v.(type) {
	case nil:
		return "—"
	case string:
		switch x {
		case "true":
			return i18n.T(lang, "audit.yes")
		case "false":
			return i18n.T(lang, "audit.no")
		case "":
			return "—"
		}
		if field == "state" && i18n.Has("prog.state."+x) {
			return i18n.T(lang, "prog.state."+x)
		}
		if t, err := time.Parse(time.RFC3339Nano, x); err == nil {
			return t.In(service.China).Format("2006-01-02 15:04:05")
		}
		return x
	case bool:
		if x {
			return i18n.T(lang, "audit.yes")
		}
		return i18n.T(lang, "audit.no")
	}
	return string(raw)
}
