package web

import (
	"bytes"
	"context"
	"html/template"
	"net/http"
	"strconv"

	"github.com/lantu-dev/lantu/internal/httpauth"
	"github.com/lantu-dev/lantu/internal/keep"
	"github.com/lantu-dev/lantu/internal/service"
)

// Signed-in readers' pages kept rendered (issue 11, fourth pass). A profile of the big
// plan's status board read by a leader at 100 clients showed 57 % of the server's CPU in
// html/template walking the page around the (already kept) indicator rows: the zone and
// program headers, the department table, the filter menus. That part is the same for
// every reader with the same rights, so it is kept too:
//
//   - what is kept is the page's head and main part (layout-head, layout-tail: the
//     title and the content); the top bar (the reader's name, the nav with their
//     rights and waiting count, the sign-out form's CSRF token) is made for each
//     request (layout-top), so nothing personal is ever kept — only its plan switcher
//     is kept with the page: the plans offered follow from the reader's rights and the
//     data stamp, both in the key;
//   - the key is everything the kept part depends on: the data stamp (service.DataStamp,
//     one read that moves with any change of any plan's status inputs on any server),
//     the minute in China time (the as-of date, what is overdue), the language, the
//     path and query, the plan switcher's cookie, and the reader's rights — the
//     principal without its identity (roles, region, departments, whether the password
//     must change, and any field added to it later): reads are permissions, and a
//     reader never gets a page made for other rights;
//   - who the reader is is still found per request (the token or session read, which
//     is what makes a revoked token or a changed role take effect at once).
//
// Pages opt in with keep, and only when their main part shows nothing of the reader but
// their rights; a page may opt out of one request with dontKeep (the plan page of an
// officer lists their own visits). Refused forms, errors and answers other than 200 are
// never kept.

// keptPages are the signed-in readers' pages kept (package keep bounds them); a kept
// page's Head and Tail are the layout's head and main part, its Meta what else it was
// made with.
type keptPages = keep.Cache[*keptPage]

// keptPage is what a kept page was made with besides its bytes.
type keptPage struct {
	name string     // the page's template
	plan chosenPlan // the plan the page showed, for the top bar's switcher
	bar  *planBar   // the switcher as it was made (read only)
}

// keeping is a kept page being made: render fills page, dontKeep sets off.
type keeping struct {
	page *keep.Page[*keptPage]
	off  bool
}

type keepingKey struct{}

func keepingOf(r *http.Request) *keeping {
	c, _ := r.Context().Value(keepingKey{}).(*keeping)
	if c == nil || c.off {
		return nil
	}
	return c
}

// dontKeep says that this request's page shows something of the reader beyond their
// rights: it is rendered for them alone.
func dontKeep(r *http.Request) {
	if c, _ := r.Context().Value(keepingKey{}).(*keeping); c != nil {
		c.off = true
	}
}

// keep serves a signed-in reader's page from the kept pages, or renders it and keeps it.
// Anonymous readers have the public page cache (httpauth.CachePublic) in front.
func (s *Server) keep(h handlerFunc) handlerFunc { return s.keepBy(nil, h) }

// keepBy is keep for a page that also depends on something the data stamp does not
// follow: also names its state, added to the key (an error: the page is rendered unkept).
func (s *Server) keepBy(also func(context.Context) (string, error), h handlerFunc) handlerFunc {
	h = s.limited(h) // a page not served kept is built under the builders' bound
	return func(w http.ResponseWriter, r *http.Request) error {
		ctx := r.Context()
		a := service.ActorFrom(ctx)
		if r.Method != http.MethodGet || a.UserID == 0 || refusalOfRequest(r) != nil {
			return h(w, r)
		}
		stamp, err := s.svc.DataStamp(ctx)
		if err != nil {
			return h(w, r) // the page shows the database's error as it would unkept
		}
		if also != nil {
			more, err := also(ctx)
			if err != nil {
				return h(w, r)
			}
			stamp += "|" + more
		}
		key := keep.Key(requestLang(r), s.svc.Now().In(service.China).Format("2006-01-02T15:04"),
			r.URL.Path, r.URL.RawQuery, strconv.FormatInt(rememberedPlan(r), 10), httpauth.ReaderRights(a))
		p, wait, mine := s.kept.Lookup(stamp, key)
		if wait != nil {
			if p, err = wait.Wait(ctx); err != nil { // p nil: not kept, so render it below
				return err
			}
		}
		if p != nil {
			notePlan(r, p.Meta.plan.id, p.Meta.plan.stick)
			s.renderKeptPage(w, r, p)
			return nil
		}
		c := &keeping{}
		var made *keep.Page[*keptPage]
		if mine != nil {
			defer func() { s.kept.Done(stamp, key, mine, made) }() // also when h panics
		}
		if err := h(w, r.WithContext(context.WithValue(ctx, keepingKey{}, c))); err != nil {
			return err
		}
		if c.page != nil && !c.off {
			if cp, ok := ctx.Value(chosenPlanKey{}).(*chosenPlan); ok {
				c.page.Meta.plan = *cp
			}
			made = c.page
		}
		return nil
	}
}

// renderKept renders a page in its three parts, keeping the head and main part: they
// are rendered from the page's data and language only, never from the reader.
func (s *Server) renderKept(buf *bytes.Buffer, t *template.Template, name string, pd pageData, c *keeping) error {
	body := pageData{Lang: pd.Lang, Path: pd.Path, Data: pd.Data}
	var head, tail bytes.Buffer
	if err := t.ExecuteTemplate(&head, "layout-head", body); err != nil {
		return err
	}
	buf.Write(head.Bytes())
	if err := t.ExecuteTemplate(buf, "layout-top", pd); err != nil {
		return err
	}
	if err := t.ExecuteTemplate(&tail, "layout-tail", body); err != nil {
		return err
	}
	buf.Write(tail.Bytes())
	c.page = &keep.Page[*keptPage]{Head: head.Bytes(), Tail: tail.Bytes(), Meta: &keptPage{name: name, bar: pd.PlanBar}}
	return nil
}

// renderKeptPage answers with a kept page and this request's top bar.
func (s *Server) renderKeptPage(w http.ResponseWriter, r *http.Request, p *keep.Page[*keptPage]) {
	t := s.pages[p.Meta.name]
	pd, _ := s.pageDataFor(w, r, http.StatusOK, nil, p.Meta)
	var top bytes.Buffer
	if err := t.ExecuteTemplate(&top, "layout-top", pd); err != nil {
		s.log.ErrorContext(r.Context(), "render", "template", p.Meta.name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Add("Vary", "Accept-Encoding")
	if httpauth.AcceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		w.WriteHeader(http.StatusOK)
		_ = p.WriteGzip(w, top.Bytes()) // the client went away; no one is left to tell
		return
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(p.Head) // the client went away; no one is left to tell
	_, _ = w.Write(top.Bytes())
	_, _ = w.Write(p.Tail)
}
