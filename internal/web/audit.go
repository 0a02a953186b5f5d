package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/lantu-dev/lantu/internal/audit"
	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/service"
)

// auditRow is one entry of the audit log as people read it.
type auditRow struct {
	audit.Entry
	When   string // China time
	Who    string // the user's name (login when unknown)
	What   string // the action in words
	Object string // the entity in words, with its name where lantu knows it
	Link   string // the entries of the same object
	// Changes are the fields that changed, in words; nil when before and after are not
	// JSON objects (their text is shown as it is).
	Changes  []auditChange
	Readable bool
}

type auditView struct {
	Rows    []auditRow
	SignIns bool // the sign-in view
	// The filters, as typed (they are also the URL's query).
	Who, What, From, To string
	Actions             []auditAction
	Older               string // the next page's address
	Bad                 bool   // a date could not be read
}

type auditAction struct{ Code, Label string }

// auditActions are the actions one may filter by, in the order the menu shows them.
var auditActions = []string{"report.create", "report.edit", "report.submit", "report.withdraw", "report.approve", "report.reject",
	"report.correct", "report.import", "evidence.upload", "period.unlock", "target.revise", "indicator.create", "indicator.baseline",
	"plan.import", "document.ingest", "reminders.send", "reminders.department", "reminders.settings", "user.create", "user.update",
	"user.password_reset", "user.password_change", "user.email", "token.create", "token.revoke"}

// actionLabel is an audit action in words; an action without a message shows its code.
func actionLabel(lang, action string) string {
	if i18n.Has("audit.act." + action) {
		return i18n.T(lang, "audit.act."+action)
	}
	return action
}

// auditPage is the audit log: newest first, 100 a page, filtered by who, what and when
// (the filters in the URL); ?view=signin shows sign-ins and failed sign-ins apart from
// the changes. The service reads only the reader's region, in SQL.
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	lang := requestLang(r)
	q := r.URL.Query()
	v := &auditView{SignIns: q.Get("view") == "signin", Who: strings.TrimSpace(q.Get("who")), What: q.Get("what"),
		From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to"))}
	f := audit.Filter{Entity: q.Get("entity"), Limit: 100, Login: v.Who}
	f.EntityID, _ = strconv.ParseInt(q.Get("entity_id"), 10, 64)
	f.BeforeID, _ = strconv.ParseInt(q.Get("before"), 10, 64)
	if v.SignIns {
		f.Actions = audit.SignIns
	} else {
		f.NotActions = audit.SignIns
		if v.What != "" {
			f.Actions = []string{v.What}
		}
	}
	if v.From != "" {
		if d, err := time.ParseInLocation(time.DateOnly, v.From, service.China); err == nil {
			f.From = d
		} else {
			v.Bad = true
		}
	}
	if v.To != "" {
		if d, err := time.ParseInLocation(time.DateOnly, v.To, service.China); err == nil {
			f.To = d.AddDate(0, 0, 1) // the whole last day
		} else {
			v.Bad = true
		}
	}
	entries, err := s.svc.Audit(ctx, service.ActorFrom(ctx), f)
	if err != nil {
		return err
	}
	names := s.userNames(ctx)
	for _, e := range entries {
		row := auditRow{Entry: e, When: e.At.In(service.China).Format("2006-01-02 15:04:05"), What: actionLabel(lang, e.Action)}
		row.Who = e.UserLogin
		if e.UserID != 0 {
			if n := names.name(e.UserID); n != "" {
				row.Who = n
			}
		}
		row.Object = s.auditObject(r, names, e)
		row.Changes, row.Readable = auditChanges(lang, e.Before, e.After)
		if e.Entity != "" {
			row.Link = "/admin/audit?" + url.Values{"entity": {e.Entity}, "entity_id": {strconv.FormatInt(e.EntityID, 10)}}.Encode()
		}
		v.Rows = append(v.Rows, row)
	}
	for _, a := range auditActions {
		v.Actions = append(v.Actions, auditAction{Code: a, Label: actionLabel(lang, a)})
	}
	if len(entries) == f.Limit {
		nq := r.URL.Query()
		nq.Set("before", strconv.FormatInt(entries[len(entries)-1].ID, 10))
		v.Older = "/admin/audit?" + nq.Encode()
	}
	s.render(w, r, http.StatusOK, "audit", v)
	return nil
}

// auditObject names what an entry changed: the kind in words and, for users, their name;
// for a report, its indicator and period, when the reader may see it.
func (s *Server) auditObject(r *http.Request, names *userNames, e audit.Entry) string {
	lang := requestLang(r)
	kind := e.Entity
	if i18n.Has("audit.ent." + e.Entity) {
		kind = i18n.T(lang, "audit.ent."+e.Entity)
	}
	if e.EntityID == 0 {
		return kind
	}
	ctx := r.Context()
	a := service.ActorFrom(ctx)
	switch e.Entity {
	case "user":
		if n := names.name(e.EntityID); n != "" {
			return kind + " " + n
		}
	case "report":
		if rv, err := s.svc.ReportByID(ctx, a, e.EntityID); err == nil {
			return kind + " " + rv.Indicator.Name + " · " + periodLabel(lang, rv.Period)
		}
	case "indicator":
		if ind, err := s.svc.Indicator(ctx, a, e.EntityID); err == nil {
			return kind + " " + ind.Name
		}
	}
	return kind + " #" + strconv.FormatInt(e.EntityID, 10)
}
