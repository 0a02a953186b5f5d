package keep

import (
	"bytes"
	"compress/gzip"
	"hash/crc32"
	"io"
	"strings"
	"testing"
)

// A kept page sent gzipped (its head and main part compressed once, the top bar per
// request) unpacks to the page, its CRC and length checked by the reader.
func TestKeptPageGzip(t *testing.T) {
	for _, c := range []struct{ head, top, tail string }{
		{"<!doctype html><head>", "<header>王晓丽</header>", "<main>" + strings.Repeat("进度看板 row ", 5000) + "</main>"},
		{"", "", ""},
		{"h", "", strings.Repeat("x", 70000)},
		{strings.Repeat("<p>head</p>", 3000), strings.Repeat("top ", 2000), "t"},
	} {
		p := &Page[struct{}]{Head: []byte(c.head), Tail: []byte(c.tail)}
		for _, top := range []string{c.top, c.top + " another reader"} {
			var b bytes.Buffer
			if err := p.WriteGzip(&b, []byte(top)); err != nil {
				t.Fatal(err)
			}
			zr, err := gzip.NewReader(&b)
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(zr)
			if err != nil {
				t.Fatalf("unpacking a kept page (%d+%d+%d bytes): %v", len(c.head), len(top), len(c.tail), err)
			}
			if want := c.head + top + c.tail; string(got) != want {
				t.Errorf("a kept page unpacks to %d bytes, not the %d of the page", len(got), len(want))
			}
		}
	}
}

// crc32Shift is zlib's crc32_combine without the second CRC.
func TestCRC32Combine(t *testing.T) {
	a, b := []byte("the head and the top bar"), bytes.Repeat([]byte("主体"), 12345)
	want := crc32.ChecksumIEEE(append(append([]byte{}, a...), b...))
	if got := crc32Shift(crc32.ChecksumIEEE(a), int64(len(b))) ^ crc32.ChecksumIEEE(b); got != want {
		t.Errorf("combined CRC %08x, want %08x", got, want)
	}
}
