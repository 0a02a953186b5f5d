package keep

import (
	"crypto/rand"
	"strconv"
	"strings"
	"testing"
)

func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand does not fail
	return b
}

// The kept pages stay within their limit counting what they really hold: the keys
// (a signed-in reader repeating GET /?pad=<900 KB> with other pads) and the gzipped
// copies (random pages, which do not compress).
func TestKeptPagesBound(t *testing.T) {
	c := &Cache[string]{Limit: 4 << 20}
	const stamp = "1.1.1"
	for i := range 200 {
		key := Key("zh", "2022-04-05T10:00", "/", "pad="+strings.Repeat("x", 900<<10)+strconv.Itoa(i), "0", "leader")
		p, wait, mine := c.Lookup(stamp, key)
		if p != nil || wait != nil {
			t.Fatalf("page %d found before it was made", i)
		}
		p = &Page[string]{Meta: "status", Head: randomBytes(8 << 10), Tail: randomBytes(24 << 10)}
		if c.Done(stamp, key, mine, p) {
			p.gzipped() // as for a client that takes gzip
		}
		if held, counted, _ := c.Footprint(); held > counted || counted > c.Limit {
			t.Fatalf("after %d pages the kept pages hold %d bytes, counted %d, with a limit of %d", i+1, held, counted, c.Limit)
		}
	}
	if _, _, pages := c.Footprint(); pages < 10 {
		t.Errorf("only %d pages kept under a limit of %d", pages, c.Limit)
	}
	// A page past the limit alone is not kept.
	key := Key("zh", "2022-04-05T10:00", "/big", "", "0", "leader")
	_, _, mine := c.Lookup(stamp, key)
	if c.Done(stamp, key, mine, &Page[string]{Meta: "status", Head: make([]byte, c.Limit)}) {
		t.Error("a page larger than the limit was kept")
	}
}

// A render that read an older stamp and ends after pages were kept under a newer one
// does not empty them.
func TestKeptPagesLateOldStamp(t *testing.T) {
	var c Cache[string]
	page := func(s string) *Page[string] { return &Page[string]{Meta: "status", Head: []byte(s)} }
	_, _, late := c.Lookup("1.5.1", "k") // a slow render, under the stamp before a change
	_, _, m := c.Lookup("1.6.1", "k")
	c.Done("1.6.1", "k", m, page("new"))
	_, _, m2 := c.Lookup("1.6.1", "k2")
	c.Done("1.6.1", "k2", m2, page("new2"))
	_, _, older := c.Lookup("1.4.1", "k") // an even older render
	c.Done("1.5.1", "k", late, page("old"))
	c.Done("1.4.1", "k", older, page("older"))
	for key, want := range map[string]string{"k": "new", "k2": "new2"} {
		p, _, mine := c.Lookup("1.6.1", key)
		if p == nil || string(p.Head) != want {
			t.Errorf("after late renders of older stamps, the newest stamp's page %s is gone", key)
			if mine != nil {
				c.Done("1.6.1", key, mine, nil)
			}
		}
	}
	// The next stamp's pages come in; the newest is kept with them.
	_, _, m3 := c.Lookup("1.7.1", "k")
	c.Done("1.7.1", "k", m3, page("next"))
	if p, _, _ := c.Lookup("1.7.1", "k"); p == nil || string(p.Head) != "next" {
		t.Error("the next stamp's page is not kept")
	}
	if len(c.gens) > Stamps {
		t.Errorf("%d stamps kept", len(c.gens))
	}
}
