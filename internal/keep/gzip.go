package keep

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"io"
	"sync"
)

// A kept page is sent gzipped to clients that take it, without compressing the whole
// page per request: after keeping, a profile of the big plan's status board at 100
// signed-in clients spent a quarter of the server's CPU writing 140 KB pages to the
// socket. The head and the tail (web: the main part) are compressed once, each as a raw
// deflate segment of its own (no back-references out of it); per request only the part
// between them (web: the top bar) is compressed. Segments that end on a byte boundary
// without a final block (a sync flush) chain into one deflate stream, ended by the
// tail's final block; the gzip trailer's CRC-32 of the whole is the head's CRC extended
// over the part between, combined with the tail's (crc32 combine, with the tail's length
// fixed per page).

type gzipped struct {
	head, tail       []byte // raw deflate: the head ends with a sync flush, the tail with the final block
	headCRC, tailCRC uint32
	tailShift        [32]uint32 // the CRC operator of len(tail) zero bytes: combine(a, b) = tailShift·a ^ b
}

var flaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed) // the level is valid
	return w
}}

// deflateSegment compresses b as a raw deflate segment: flushed to a byte boundary
// when more follows, else ended with the final block.
func deflateSegment(b []byte, last bool) []byte {
	var out bytes.Buffer
	fw := flaters.Get().(*flate.Writer)
	fw.Reset(&out)
	_, _ = fw.Write(b) // a bytes.Buffer does not fail
	if last {
		_ = fw.Close()
	} else {
		_ = fw.Flush()
	}
	flaters.Put(fw)
	return out.Bytes()
}

func (p *Page[M]) gzipped() *gzipped {
	p.gzOnce.Do(func() {
		z := &gzipped{head: exact(deflateSegment(p.Head, false)), tail: exact(deflateSegment(p.Tail, true)),
			headCRC: crc32.ChecksumIEEE(p.Head), tailCRC: crc32.ChecksumIEEE(p.Tail)}
		for i := range 32 {
			z.tailShift[i] = crc32Shift(1<<i, int64(len(p.Tail)))
		}
		p.gz.Store(z)
	})
	return p.gz.Load()
}

// exact is b in a slice of its own length: a buffer's spare room would be kept with the
// page, uncounted.
func exact(b []byte) []byte {
	c := make([]byte, len(b))
	copy(c, b)
	return c
}

// WriteGzip writes the page with this request's part (top) as one gzip member.
func (p *Page[M]) WriteGzip(w io.Writer, top []byte) error {
	z := p.gzipped()
	crc := crc32.Update(z.headCRC, crc32.IEEETable, top)
	crc = gf2Times(&z.tailShift, crc) ^ z.tailCRC
	header := [10]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255} // deflate, no name, no time, OS unknown
	var trailer [8]byte
	binary.LittleEndian.PutUint32(trailer[:4], crc)
	binary.LittleEndian.PutUint32(trailer[4:], uint32(len(p.Head)+len(top)+len(p.Tail))) //nolint:gosec // ISIZE is the length modulo 2^32
	parts := [][]byte{header[:], z.head, nil, z.tail, trailer[:]}
	if len(top) > 0 { // the head ends on a byte boundary: nothing to put between
		parts[2] = deflateSegment(top, false)
	}
	for _, b := range parts {
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

// gf2Times multiplies a 32×32 matrix over GF(2) (its columns) by a vector.
func gf2Times(m *[32]uint32, v uint32) uint32 {
	var sum uint32
	for i := 0; v != 0; i, v = i+1, v>>1 {
		if v&1 != 0 {
			sum ^= m[i]
		}
	}
	return sum
}

// crc32Shift is zlib's crc32_combine(crc, 0, n): the CRC-32 crc extended by n zero
// bytes, the part of combine that depends on the first CRC.
func crc32Shift(crc uint32, n int64) uint32 {
	if n <= 0 {
		return crc
	}
	var even, odd [32]uint32
	odd[0] = 0xedb88320 // the CRC-32 polynomial: the operator of one zero bit
	row := uint32(1)
	for i := 1; i < 32; i++ {
		odd[i] = row
		row <<= 1
	}
	square := func(sq, m *[32]uint32) {
		for i := range 32 {
			sq[i] = gf2Times(m, m[i])
		}
	}
	square(&even, &odd) // two zero bits
	square(&odd, &even) // four zero bits
	for {
		square(&even, &odd) // the first pass: one zero byte
		if n&1 != 0 {
			crc = gf2Times(&even, crc)
		}
		n >>= 1
		if n == 0 {
			break
		}
		square(&odd, &even)
		if n&1 != 0 {
			crc = gf2Times(&odd, crc)
		}
		n >>= 1
		if n == 0 {
			break
		}
	}
	return crc
}
