package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"html/template"
	"net/http"
	"strconv"
	"sync"

	"github.com/lantu-dev/lantu/internal/httpauth"
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

// keptLimit bounds the bytes kept: the pages, their gzipped copies and their keys
// (keptCost); past it the pages of the stamp read least lately go first.
const keptLimit = 64 << 20

// keptStamps is how many stamps' pages are kept at once: the newest, and the one before
// it for renders that read the stamp just before a change. A render that read an older
// stamp and ends late must not empty the pages kept under a newer one (under a stream
// of writes, that emptied the cache over and over), so each stamp has its own pages and
// what goes is the stamp whose pages were asked for least lately.
const keptStamps = 2

type keptPages struct {
	mu    sync.Mutex
	gens  map[string]*keptGen // by stamp
	bytes int                 // of every generation
	tick  uint64              // counts lookups: a generation's use is the tick of its last one
	limit int                 // keptLimit; smaller in tests
	// making are the pages being rendered, by stamp and key: readers who ask for one
	// meanwhile wait for it rather than render it too (after each change, a hundred
	// clients would otherwise all render the same page at once).
	making map[string]*making
}

// keptGen is the pages kept under one stamp.
type keptGen struct {
	pages map[string]*keptPage
	bytes int
	used  uint64 // the tick of the last lookup of this stamp (or of the render that made it)
}

// making is a page being rendered; page is nil when it was not kept (an error, a page
// rendered for its reader alone).
type making struct {
	done chan struct{}
	page *keptPage
	tick uint64 // when it was looked up: what its stamp's generation counts as used
}

// keptPage is a page's head and main part, rendered for a kind of reader.
type keptPage struct {
	name       string // the page's template
	head, tail []byte
	plan       chosenPlan // the plan the page showed, for the top bar's switcher
	bar        *planBar   // the switcher as it was made (read only)

	gzOnce sync.Once
	gz     *keptGzip // compressed once, for clients that take gzip (keepgzip.go)
}

// keptKey is the key of a kept page (see above): a hash of what the page depends on, so
// that a key is 32 bytes however long the query (up to a megabyte in a request line).
func keptKey(lang, minute, path, rawQuery string, plan int64, rights string) string {
	h := sha256.New()
	for _, part := range []string{lang, minute, path, rawQuery, strconv.FormatInt(plan, 10), rights} {
		// Each part with its length: no two different lists of parts hash alike.
		_, _ = h.Write(strconv.AppendInt(nil, int64(len(part)), 10)) // a hash does not fail
		_, _ = h.Write([]byte{':'})
		_, _ = h.Write([]byte(part))
	}
	return string(h.Sum(nil))
}

// keptCost is what a kept page may come to hold: its key, head and main part, their
// gzipped copies (made later, on the first gzip answer, so counted now at deflate's
// worst: stored blocks, 5 bytes per 16 KB at BestSpeed's block size, and the ends), and
// the map entry and the page's own fields.
func keptCost(key string, p *keptPage) int {
	n := len(p.head) + len(p.tail)
	gz := n + 5*(n/16384+2) + 64 + 2*4*32 // the CRC operator's 32 words too
	return len(key) + n + gz + 512
}

// lookup finds a kept page; else a rendering of it under way to wait for; else it
// notes that the caller renders it (mine), to be ended with done.
func (c *keptPages) lookup(stamp, key string) (p *keptPage, wait, mine *making) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.tick++
	if g := c.gens[stamp]; g != nil {
		g.used = c.tick
		if p := g.pages[key]; p != nil {
			return p, nil, nil
		}
	}
	k := stamp + "\x00" + key
	if m := c.making[k]; m != nil {
		return nil, m, nil
	}
	if c.making == nil {
		c.making = map[string]*making{}
	}
	m := &making{done: make(chan struct{}), tick: c.tick}
	c.making[k] = m
	return nil, nil, m
}

// done ends a rendering noted by lookup, keeping its page (when there is one).
func (c *keptPages) done(stamp, key string, m *making, p *keptPage) {
	if p != nil && !c.put(stamp, key, m.tick, p) {
		p = nil // not kept: those waiting render it themselves
	}
	c.mu.Lock()
	delete(c.making, stamp+"\x00"+key)
	c.mu.Unlock()
	m.page = p
	close(m.done)
}

// put keeps p under stamp, its render having been looked up at tick; false when it
// is not kept (its stamp's pages are the ones to go, or it is past the limit alone).
func (c *keptPages) put(stamp, key string, tick uint64, p *keptPage) bool {
	n := keptCost(key, p)
	c.mu.Lock()
	defer c.mu.Unlock()
	limit := c.limit
	if limit == 0 {
		limit = keptLimit
	}
	if n > limit {
		return false
	}
	g := c.gens[stamp]
	if g == nil {
		g = &keptGen{pages: map[string]*keptPage{}, used: tick}
		if c.gens == nil {
			c.gens = map[string]*keptGen{}
		}
		c.gens[stamp] = g
	} else if g.pages[key] != nil {
		return true // made meanwhile by another render (its wait had ended); the same page
	}
	g.used = max(g.used, tick)
	// What goes is the stamp asked for least lately: a late render's old stamp, never
	// the newest for it.
	for len(c.gens) > keptStamps {
		lru := c.leastUsed()
		c.drop(lru)
		if lru == stamp {
			return false
		}
	}
	for c.bytes+n > limit {
		if lru := c.leastUsed(); lru != stamp {
			c.drop(lru)
			continue
		}
		if len(c.gens) > 1 {
			if len(g.pages) == 0 {
				c.drop(stamp)
			}
			return false // the newer stamp's pages stay
		}
		c.bytes -= g.bytes // this stamp's pages alone are past the limit: start again
		g.pages, g.bytes = map[string]*keptPage{}, 0
	}
	g.pages[key] = p
	g.bytes += n
	c.bytes += n
	return true
}

// leastUsed is the stamp whose pages were asked for least lately.
func (c *keptPages) leastUsed() string {
	var lru string
	var used uint64
	for st, g := range c.gens {
		if lru == "" || g.used < used {
			lru, used = st, g.used
		}
	}
	return lru
}

func (c *keptPages) drop(stamp string) {
	if g := c.gens[stamp]; g != nil {
		c.bytes -= g.bytes
		delete(c.gens, stamp)
	}
}

// keeping is a kept page being made: render fills page, dontKeep sets off.
type keeping struct {
	page *keptPage
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
		key := keptKey(requestLang(r), s.svc.Now().In(service.China).Format("2006-01-02T15:04"),
			r.URL.Path, r.URL.RawQuery, rememberedPlan(r), httpauth.ReaderRights(a))
		p, wait, mine := s.kept.lookup(stamp, key)
		if wait != nil {
			select {
			case <-wait.done:
				p = wait.page // nil: not kept, so render it below
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		if p != nil {
			notePlan(r, p.plan.id, p.plan.stick)
			s.renderKeptPage(w, r, p)
			return nil
		}
		c := &keeping{}
		var made *keptPage
		if mine != nil {
			defer func() { s.kept.done(stamp, key, mine, made) }() // also when h panics
		}
		if err := h(w, r.WithContext(context.WithValue(ctx, keepingKey{}, c))); err != nil {
			return err
		}
		if c.page != nil && !c.off {
			if cp, ok := ctx.Value(chosenPlanKey{}).(*chosenPlan); ok {
				c.page.plan = *cp
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
	c.page = &keptPage{name: name, head: head.Bytes(), tail: tail.Bytes(), bar: pd.PlanBar}
	return nil
}

// renderKeptPage answers with a kept page and this request's top bar.
func (s *Server) renderKeptPage(w http.ResponseWriter, r *http.Request, p *keptPage) {
	t := s.pages[p.name]
	pd, _ := s.pageDataFor(w, r, http.StatusOK, nil, p)
	var top bytes.Buffer
	if err := t.ExecuteTemplate(&top, "layout-top", pd); err != nil {
		s.log.ErrorContext(r.Context(), "render", "template", p.name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Add("Vary", "Accept-Encoding")
	if acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		w.WriteHeader(http.StatusOK)
		_ = p.writeGzip(w, top.Bytes()) // the client went away; no one is left to tell
		return
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(p.head) // the client went away; no one is left to tell
	_, _ = w.Write(top.Bytes())
	_, _ = w.Write(p.tail)
}
