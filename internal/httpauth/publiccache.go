package httpauth

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/lantu-dev/lantu/internal/keep"
	"github.com/lantu-dev/lantu/internal/service"
)

// The public pages' rendered bytes (issue 11), for the web and the API alike. A profile of the demo under load showed
// the time of the plan, status and indicator pages spent preparing SQL statements,
// building view rows and executing templates — the same bytes for every visitor who is
// not signed in. So those pages, as the public sees them, are kept rendered (and
// gzipped) under a key of everything they depend on:
//
//   - the data stamp (service.DataStamp): one read per request that moves with every
//     change of any plan's status inputs, on any server, so a read after a write shows
//     it (web's TestPublicPageCache);
//   - the minute in China time (the as-of date, what is overdue and locked);
//   - the language, the path and the query (plan, date, filters, page).
//
// Routes opt in by wrapping their handler in Guard.CachePublic: read-only pages whose
// anonymous answer depends on nothing else (the plan, status board, indicator, zone and
// program pages, the status API).
//
// Only anonymous requests are served from it or stored in it: no session, no
// pre-session, no token, no cookie but the language. Signed-in readers see their own
// names, CSRF tokens, buttons and internal indicators, and are always rendered for
// themselves; a page that sets a cookie or answers anything but 200 is not kept.

// pageCache is the public pages kept (package keep: a generation per stamp, keys
// hashed, the bytes bounded with the gzipped copies counted); a kept page is its body
// (Head) and its header (Meta).
type pageCache = keep.Cache[http.Header]

// KeptPages are the public pages kept: tests bound them smaller (Limit, before serving)
// and read what they hold (Footprint).
func (g *Guard) KeptPages() *keep.Cache[http.Header] { return &g.pages }

// publicRequest says whether a request is an anonymous visitor's, with nothing that
// could make its page differ from another anonymous visitor's.
func publicRequest(r *http.Request) bool {
	if r.Method != http.MethodGet || r.Header.Get("Authorization") != "" {
		return false
	}
	a := service.ActorFrom(r.Context())
	if a.UserID != 0 || a.System {
		return false
	}
	for _, ck := range r.Cookies() {
		if ck.Name != "lang" {
			return false
		}
	}
	return true
}

// CachePublic serves a public page from the cache, or renders it and keeps it.
func (g *Guard) CachePublic(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// With the public view off (it may be switched while serving) anonymous
		// readers are sent to sign in: nothing to keep.
		if !g.svc.PublicView || !publicRequest(r) || r.URL.Query().Has("lang") {
			h.ServeHTTP(w, r)
			return
		}
		g.serveKept(w, r, h, "")
	})
}

// serveKept answers from the kept pages under the data stamp and the key (prefix, the
// language, the minute in China time, the address), or runs h and keeps a 200 answer
// that sets no cookie. A request for a page being rendered waits for it.
func (g *Guard) serveKept(w http.ResponseWriter, r *http.Request, h http.Handler, prefix string) {
	stamp, err := g.svc.DataStamp(r.Context())
	if err != nil {
		h.ServeHTTP(w, r) // the page shows the database's error as it would uncached
		return
	}
	key := keep.Key(prefix, Lang(r), g.svc.Now().In(service.China).Format("2006-01-02T15:04"), r.URL.Path, r.URL.RawQuery)
	p, wait, mine := g.pages.Lookup(stamp, key)
	if wait != nil {
		if p, err = wait.Wait(r.Context()); err != nil {
			return // the client went away; no one is left to answer
		}
	}
	code := http.StatusOK
	if p == nil { // not kept (nor kept by the render waited for): render it
		p, code = g.record(h, r, stamp, key, mine)
	}
	writePage(w, r, p, code)
}

// record runs h into a page, keeps it when it is a 200 answer that sets no cookie, and
// ends the rendering noted by Lookup (mine, when there is one), also when h panics.
func (g *Guard) record(h http.Handler, r *http.Request, stamp, key string, mine *keep.Making[http.Header]) (*keep.Page[http.Header], int) {
	var kept *keep.Page[http.Header]
	if mine != nil {
		defer func() { g.pages.Done(stamp, key, mine, kept) }()
	}
	rec := &recorder{header: http.Header{}, code: http.StatusOK}
	h.ServeHTTP(rec, r)
	p := &keep.Page[http.Header]{Head: rec.body.Bytes(), Meta: rec.header, Extra: headerBytes(rec.header)}
	if rec.code == http.StatusOK && len(rec.header.Values("Set-Cookie")) == 0 {
		kept = p
	}
	return p, rec.code
}

// headerBytes is about what a kept header holds: its names and values, and their
// strings' and slices' own words.
func headerBytes(h http.Header) int {
	n := 0
	for k, vs := range h {
		n += len(k) + 48
		for _, v := range vs {
			n += len(v) + 16
		}
	}
	return n
}

// CacheReaders is CachePublic for an answer that shows a signed-in reader nothing of
// them but what their rights let them read (the status API's JSON): it is kept for
// every reader, signed-in ones under their rights (ReaderRights) besides the key above.
// Who is asking is still found per request (Authenticate), so a revoked token or a
// changed role counts at once.
func (g *Guard) CacheReaders(h http.Handler) http.Handler {
	public := g.CachePublic(h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a := service.ActorFrom(r.Context())
		if a.UserID == 0 || a.System || r.Method != http.MethodGet {
			public.ServeHTTP(w, r)
			return
		}
		g.serveKept(w, r, h, "reader|"+ReaderRights(a)+"|")
	})
}

// ReaderRights names what a signed-in reader's rights are, without who they are: two
// readers with equal names read the same pages. It is the principal without its
// identity (roles and departments in order), so that a field added to it later counts.
func ReaderRights(a service.Actor) string {
	p := a.Principal
	p.UserID, p.Login, p.DisplayName = 0, "", ""
	p.Roles = slices.Clone(p.Roles)
	slices.Sort(p.Roles)
	p.Roles = slices.Compact(p.Roles)
	p.DeptIDs = slices.Clone(p.DeptIDs)
	slices.Sort(p.DeptIDs)
	p.DeptIDs = slices.Compact(p.DeptIDs)
	return fmt.Sprintf("%#v|system=%t", p, a.System)
}

// writePage answers with a page (its header copied: the kept one is shared), gzipped
// when it is a 200 answer worth it and the client takes gzip.
func writePage(w http.ResponseWriter, r *http.Request, p *keep.Page[http.Header], code int) {
	h := w.Header()
	for k, v := range p.Meta {
		h[k] = slices.Clone(v)
	}
	h.Add("Vary", "Accept-Encoding")
	h.Del("Content-Length")
	if code == http.StatusOK && len(p.Head) > 1024 && AcceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		w.WriteHeader(code)
		_ = p.WriteGzip(w, nil) // the client went away; no one is left to tell
		return
	}
	w.WriteHeader(code)
	_, _ = w.Write(p.Head) // the client went away; no one is left to tell
}

// recorder keeps what a handler writes, for the page cache.
type recorder struct {
	header http.Header
	code   int
	wrote  bool
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.code, r.wrote = code, true
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.body.Write(b)
}

// AcceptsGzip says whether the client takes gzip: Accept-Encoding names gzip
// (or *) with a quality above zero. Web's assets and kept pages ask the same.
func AcceptsGzip(r *http.Request) bool {
	star := false
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		enc = strings.TrimSpace(enc)
		if !strings.EqualFold(enc, "gzip") && enc != "*" {
			continue
		}
		ok := qualityAboveZero(params)
		if strings.EqualFold(enc, "gzip") {
			return ok // an explicit gzip entry wins over *
		}
		star = ok
	}
	return star
}

// qualityAboveZero reads a "q=0.5" parameter; no q means 1.
func qualityAboveZero(params string) bool {
	for _, p := range strings.Split(params, ";") {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		if strings.EqualFold(strings.TrimSpace(k), "q") {
			q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return err == nil && q > 0
		}
	}
	return true
}
