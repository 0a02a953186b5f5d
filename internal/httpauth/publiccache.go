package httpauth

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"

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

// pageCacheLimit bounds the bytes kept; past it the cache starts again empty.
const pageCacheLimit = 64 << 20

type pageCache struct {
	mu    sync.Mutex
	stamp string
	pages map[string]*cachedPage
	bytes int
}

type cachedPage struct {
	header http.Header
	body   []byte

	gzOnce sync.Once
	gz     []byte
}

func (p *cachedPage) gzipped() []byte {
	p.gzOnce.Do(func() {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestSpeed)
		_, _ = zw.Write(p.body) // a bytes.Buffer does not fail
		_ = zw.Close()
		p.gz = b.Bytes()
	})
	return p.gz
}

func (c *pageCache) get(stamp, key string) *cachedPage {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stamp != stamp {
		return nil
	}
	return c.pages[key]
}

func (c *pageCache) put(stamp, key string, p *cachedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stamp != stamp || c.bytes+len(p.body) > pageCacheLimit {
		c.stamp, c.pages, c.bytes = stamp, map[string]*cachedPage{}, 0
	}
	c.pages[key] = p
	c.bytes += len(p.body)
}

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
// that sets no cookie.
func (g *Guard) serveKept(w http.ResponseWriter, r *http.Request, h http.Handler, prefix string) {
	stamp, err := g.svc.DataStamp(r.Context())
	if err != nil {
		h.ServeHTTP(w, r) // the page shows the database's error as it would uncached
		return
	}
	key := prefix + Lang(r) + "|" + g.svc.Now().In(service.China).Format("2006-01-02T15:04") + "|" + r.URL.Path + "?" + r.URL.RawQuery
	if p := g.pages.get(stamp, key); p != nil {
		p.write(w, r)
		return
	}
	rec := &recorder{header: http.Header{}, code: http.StatusOK}
	h.ServeHTTP(rec, r)
	p := &cachedPage{header: rec.header, body: rec.body.Bytes()}
	if rec.code == http.StatusOK && len(rec.header.Values("Set-Cookie")) == 0 {
		g.pages.put(stamp, key, p)
	}
	p.writeCode(w, r, rec.code)
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

func (p *cachedPage) write(w http.ResponseWriter, r *http.Request) {
	p.writeCode(w, r, http.StatusOK)
}

func (p *cachedPage) writeCode(w http.ResponseWriter, r *http.Request, code int) {
	h := w.Header()
	for k, v := range p.header {
		h[k] = v
	}
	h.Add("Vary", "Accept-Encoding")
	body := p.body
	if code == http.StatusOK && len(body) > 1024 && acceptsGzip(r) {
		body = p.gzipped()
		h.Set("Content-Encoding", "gzip")
	}
	h.Del("Content-Length")
	w.WriteHeader(code)
	_, _ = w.Write(body) // the client went away; no one is left to tell
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

// acceptsGzip says whether the client takes gzip (Accept-Encoding: gzip, not q=0).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") {
			return strings.ReplaceAll(strings.TrimSpace(q), " ", "") != "q=0"
		}
	}
	return false
}
