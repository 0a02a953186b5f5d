package web

import (
	"crypto/rand"
	"strconv"
	"strings"
	"testing"
)

// footprint is what the kept pages hold: keys, pages and their gzipped copies.
func (c *keptPages) footprint() (bytes, pages int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, g := range c.gens {
		for k, p := range g.pages {
			bytes += len(k) + len(p.head) + len(p.tail)
			if p.gz != nil {
				bytes += len(p.gz.head) + len(p.gz.tail)
			}
			pages++
		}
	}
	return bytes, pages
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand does not fail
	return b
}

// The kept pages stay within their limit counting what they really hold: the keys
// (a signed-in reader repeating GET /?pad=<900 KB> with other pads) and the gzipped
// copies (random pages, which do not compress).
func TestKeptPagesBound(t *testing.T) {
	c := &keptPages{limit: 4 << 20}
	const stamp = "1.1.1"
	for i := range 200 {
		key := keptKey("zh", "2022-04-05T10:00", "/", "pad="+strings.Repeat("x", 900<<10)+strconv.Itoa(i), 0, "leader")
		p, wait, mine := c.lookup(stamp, key)
		if p != nil || wait != nil {
			t.Fatalf("page %d found before it was made", i)
		}
		p = &keptPage{name: "status", head: randomBytes(8 << 10), tail: randomBytes(24 << 10)}
		c.done(stamp, key, mine, p)
		if mine.page != nil {
			p.gzipped() // as for a client that takes gzip
		}
		if n, _ := c.footprint(); n > c.limit {
			t.Fatalf("after %d pages the kept pages hold %d bytes, past the limit of %d", i+1, n, c.limit)
		}
	}
	if _, pages := c.footprint(); pages < 10 {
		t.Errorf("only %d pages kept under a limit of %d", pages, c.limit)
	}
	// A page past the limit alone is not kept.
	key := keptKey("zh", "2022-04-05T10:00", "/big", "", 0, "leader")
	_, _, mine := c.lookup(stamp, key)
	c.done(stamp, key, mine, &keptPage{name: "status", head: make([]byte, c.limit)})
	if mine.page != nil {
		t.Error("a page larger than the limit was kept")
	}
}

// A render that read an older stamp and ends after pages were kept under a newer one
// does not empty them.
func TestKeptPagesLateOldStamp(t *testing.T) {
	var c keptPages
	page := func(s string) *keptPage { return &keptPage{name: "status", head: []byte(s)} }
	_, _, late := c.lookup("1.5.1", "k") // a slow render, under the stamp before a change
	_, _, m := c.lookup("1.6.1", "k")
	c.done("1.6.1", "k", m, page("new"))
	_, _, m2 := c.lookup("1.6.1", "k2")
	c.done("1.6.1", "k2", m2, page("new2"))
	_, _, older := c.lookup("1.4.1", "k") // an even older render
	c.done("1.5.1", "k", late, page("old"))
	c.done("1.4.1", "k", older, page("older"))
	for key, want := range map[string]string{"k": "new", "k2": "new2"} {
		p, _, mine := c.lookup("1.6.1", key)
		if p == nil || string(p.head) != want {
			t.Errorf("after late renders of older stamps, the newest stamp's page %s is gone", key)
			if mine != nil {
				c.done("1.6.1", key, mine, nil)
			}
		}
	}
	// The next stamp's pages come in; the newest is kept with them.
	_, _, m3 := c.lookup("1.7.1", "k")
	c.done("1.7.1", "k", m3, page("next"))
	if p, _, _ := c.lookup("1.7.1", "k"); p == nil || string(p.head) != "next" {
		t.Error("the next stamp's page is not kept")
	}
	if len(c.gens) > keptStamps {
		t.Errorf("%d stamps kept", len(c.gens))
	}
}
