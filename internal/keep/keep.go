// Package keep is the bounded cache of rendered pages kept under a data stamp (issue
// 11): the public pages and the status API (httpauth.CachePublic, CacheReaders) and the
// signed-in readers' pages (web's keep) alike. What a page depends on is the caller's
// to put in the stamp and the key; this package keeps the bytes within their limit,
// counting all they come to hold, and sends them gzipped (gzip.go).
package keep

import (
	"context"
	"crypto/sha256"
	"strconv"
	"sync"
	"sync/atomic"
)

// DefaultLimit bounds the bytes kept by a Cache whose Limit is 0: the pages, their
// gzipped copies and their keys (cost); past it the pages of the stamp read least
// lately go first.
const DefaultLimit = 64 << 20

// Stamps is how many stamps' pages are kept at once: the newest, and the one before it
// for renders that read the stamp just before a change. A render that read an older
// stamp and ends late must not empty the pages kept under a newer one (under a stream
// of writes, that emptied the cache over and over), so each stamp has its own pages and
// what goes is the stamp whose pages were asked for least lately.
const Stamps = 2

// Cache is pages kept by stamp and key; M is what a caller keeps with a page besides
// its bytes. The zero Cache is ready to use.
type Cache[M any] struct {
	// Limit is the bytes kept at most (DefaultLimit when 0); set it before use.
	Limit int

	mu    sync.Mutex
	gens  map[string]*gen[M] // by stamp
	bytes int                // of every generation
	tick  uint64             // counts lookups: a generation's use is the tick of its last one
	// making are the pages being rendered, by stamp and key: readers who ask for one
	// meanwhile wait for it rather than render it too (after each change, a hundred
	// clients would otherwise all render the same page at once).
	making map[string]*Making[M]
}

// gen is the pages kept under one stamp.
type gen[M any] struct {
	pages map[string]*Page[M]
	bytes int
	used  uint64 // the tick of the last lookup of this stamp (or of the render that made it)
}

// Making is a page being rendered, noted by Lookup and ended by Done.
type Making[M any] struct {
	done chan struct{}
	page *Page[M] // nil when it was not kept (an error, a page for its reader alone)
	tick uint64   // when it was looked up: what its stamp's generation counts as used
}

// Wait waits for the rendering to end: its page, or nil when it was not kept (then the
// caller renders it itself).
func (m *Making[M]) Wait(ctx context.Context) (*Page[M], error) {
	select {
	case <-m.done:
		return m.page, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Page is a kept page: Head and Tail are sent around a part made per request (empty
// for a page kept whole), Meta is the caller's, Extra the bytes Meta holds beyond a
// few fields (counted with the page).
type Page[M any] struct {
	Head, Tail []byte
	Meta       M
	Extra      int

	gzOnce sync.Once
	gz     atomic.Pointer[gzipped] // compressed once, for clients that take gzip (gzip.go)
}

// Key is a kept page's key: a hash of what the page depends on, so that a key is 32
// bytes however long its parts (a query may be up to a megabyte in a request line).
func Key(parts ...string) string {
	h := sha256.New()
	for _, part := range parts {
		// Each part with its length: no two different lists of parts hash alike.
		_, _ = h.Write(strconv.AppendInt(nil, int64(len(part)), 10)) // a hash does not fail
		_, _ = h.Write([]byte{':'})
		_, _ = h.Write([]byte(part))
	}
	return string(h.Sum(nil))
}

// cost is what a kept page may come to hold: its key, head and tail (their capacity: a
// buffer's bytes may have room to spare), their gzipped copies (made later, on the
// first gzip answer, so counted now at deflate's worst: stored blocks, 5 bytes per 16
// KB at BestSpeed's block size, and the ends), Extra, and the map entry and the page's
// own fields.
func cost[M any](key string, p *Page[M]) int {
	n := len(p.Head) + len(p.Tail)
	gz := n + 5*(n/16384+2) + 64 + 2*4*32 // the CRC operator's 32 words too
	return len(key) + cap(p.Head) + cap(p.Tail) + gz + p.Extra + 512
}

func (c *Cache[M]) limit() int {
	if c.Limit == 0 {
		return DefaultLimit
	}
	return c.Limit
}

// Lookup finds a kept page; else a rendering of it under way to wait for; else it
// notes that the caller renders it (mine), to be ended with Done.
func (c *Cache[M]) Lookup(stamp, key string) (p *Page[M], wait, mine *Making[M]) {
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
		c.making = map[string]*Making[M]{}
	}
	m := &Making[M]{done: make(chan struct{}), tick: c.tick}
	c.making[k] = m
	return nil, nil, m
}

// Done ends a rendering noted by Lookup, keeping its page (when there is one); it says
// whether the page was kept.
func (c *Cache[M]) Done(stamp, key string, m *Making[M], p *Page[M]) bool {
	if p != nil && !c.put(stamp, key, m.tick, p) {
		p = nil // not kept: those waiting render it themselves
	}
	c.mu.Lock()
	delete(c.making, stamp+"\x00"+key)
	c.mu.Unlock()
	m.page = p
	close(m.done)
	return p != nil
}

// put keeps p under stamp, its render having been looked up at tick; false when it
// is not kept (its stamp's pages are the ones to go, or it is past the limit alone).
func (c *Cache[M]) put(stamp, key string, tick uint64, p *Page[M]) bool {
	n := cost(key, p)
	c.mu.Lock()
	defer c.mu.Unlock()
	limit := c.limit()
	if n > limit {
		return false
	}
	g := c.gens[stamp]
	if g == nil {
		g = &gen[M]{pages: map[string]*Page[M]{}, used: tick}
		if c.gens == nil {
			c.gens = map[string]*gen[M]{}
		}
		c.gens[stamp] = g
	} else if g.pages[key] != nil {
		return true // made meanwhile by another render (its wait had ended); the same page
	}
	g.used = max(g.used, tick)
	// What goes is the stamp asked for least lately: a late render's old stamp, never
	// the newest for it.
	for len(c.gens) > Stamps {
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
		g.pages, g.bytes = map[string]*Page[M]{}, 0
	}
	g.pages[key] = p
	g.bytes += n
	c.bytes += n
	return true
}

// leastUsed is the stamp whose pages were asked for least lately.
func (c *Cache[M]) leastUsed() string {
	var lru string
	var used uint64
	for st, g := range c.gens {
		if lru == "" || g.used < used {
			lru, used = st, g.used
		}
	}
	return lru
}

func (c *Cache[M]) drop(stamp string) {
	if g := c.gens[stamp]; g != nil {
		c.bytes -= g.bytes
		delete(c.gens, stamp)
	}
}

// Footprint is what the kept pages hold now (their keys, buffers, Extra and the gzipped
// copies made so far), what the cache counts them as (never less), and how many there
// are: for tests and metrics.
func (c *Cache[M]) Footprint() (held, counted, pages int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, g := range c.gens {
		for k, p := range g.pages {
			held += len(k) + cap(p.Head) + cap(p.Tail) + p.Extra
			if z := p.gz.Load(); z != nil {
				held += cap(z.head) + cap(z.tail) + len(z.tailShift)*4
			}
			pages++
		}
	}
	return held, c.bytes, pages
}
