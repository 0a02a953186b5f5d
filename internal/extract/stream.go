package extract

import (
	"bytes"
	"io"
	"unicode/utf8"
)

// maxLine bounds the bytes of one line held in memory while streaming; a
// longer line is cut after its last sentence end (or, failing that, at a
// rune boundary) and the rest read as the next line.
const maxLine = 1 << 20

// readBuf is the size of the reads from the input.
const readBuf = 64 << 10

// Extract returns the facts of text, in order. Offsets are rune offsets
// into text. It gives the same facts as ExtractReader on the same bytes.
func Extract(text string, opt Options) []Fact {
	out := make([]Fact, 0, len(text)/512+4) // about one fact in 400 bytes of the corpus
	x := &extractor{opt: opt, emit: func(f Fact) error { out = append(out, f); return nil }}
	c := newCleaner(x.paragraph)
	splitLines(readOnlyBytes(text), c.line)
	c.flush()
	return out
}

// ExtractReader reads UTF-8 text from r paragraph by paragraph (a byte that
// is not UTF-8 stops it with an *EncodingError naming its offset) and calls emit
// for each fact, with offsets in runes from the start of the input. Memory
// stays bounded by the longest line (cut at 1 MiB) plus one 64-bit hash per
// distinct paragraph for the duplicate check. progress, when not nil, is
// called after each read with the bytes read so far. An error from emit
// stops the reading and is returned; so is a read error.
//
// For text in another encoding, wrap r in a decoder first (see Decode for
// whole files; golang.org/x/text/encoding/simplifiedchinese for GB18030
// streams).
func ExtractReader(r io.Reader, opt Options, emit func(Fact) error, progress func(readBytes int64)) error {
	if emit == nil {
		emit = func(Fact) error { return nil }
	}
	x := &extractor{opt: opt, emit: emit}
	c := newCleaner(x.paragraph)
	err := readLines(r, progress, func(line []byte, off int) (int, error) {
		return c.line(line, off), x.err
	})
	if err != nil {
		return err
	}
	c.flush()
	return x.err
}

// CleanReader streams the paragraphs of r as Clean does for a string.
// Duplicates held while a broken paragraph is pending are delivered after
// it.
func CleanReader(r io.Reader, fn func(Paragraph) error, progress func(readBytes int64)) error {
	var ferr error
	c := newCleaner(func(p *para) {
		if ferr == nil {
			ferr = fn(p.toParagraph())
		}
	})
	err := readLines(r, progress, func(line []byte, off int) (int, error) {
		return c.line(line, off), ferr
	})
	if err != nil {
		return err
	}
	c.flush()
	return ferr
}

// readLines splits r into lines (without \n) and calls fn with each and the
// rune offset of its first rune. A line longer than maxLine is cut.
// fn returns the number of runes in the line.
func readLines(r io.Reader, progress func(int64), fn func(line []byte, off int) (int, error)) error {
	buf := make([]byte, 0, 2*readBuf)
	var total, lineAt int64 // bytes read; byte offset of buf[0]
	off := 0
	eof := false
	for {
		// emit every complete line in buf[pos:]
		pos := 0
		for pos < len(buf) {
			rest := buf[pos:]
			i := bytes.IndexByte(rest, '\n')
			var line []byte
			var consumed int
			switch {
			case i >= 0:
				line, consumed = rest[:i], i+1
			case len(rest) >= maxLine:
				cut := cutLong(rest[:maxLine])
				line, consumed = rest[:cut], cut
			case eof:
				line, consumed = rest, len(rest)
			default:
				consumed = -1
			}
			if consumed < 0 {
				break
			}
			if !utf8.Valid(line) {
				k := invalidAt(line)
				return &EncodingError{Name: "input", Offset: lineAt + int64(pos+k), Byte: line[k]}
			}
			n, err := fn(line, off)
			if err != nil {
				return err
			}
			off += n
			if i >= 0 {
				off++ // the \n
			}
			pos += consumed
		}
		buf = buf[:copy(buf, buf[pos:])]
		lineAt += int64(pos)
		if eof {
			return nil
		}
		if cap(buf)-len(buf) < readBuf {
			nb := make([]byte, len(buf), 2*cap(buf))
			copy(nb, buf)
			buf = nb
		}
		n, err := r.Read(buf[len(buf) : len(buf)+readBuf])
		if n > 0 {
			buf = buf[:len(buf)+n]
			total += int64(n)
			if progress != nil {
				progress(total)
			}
		}
		if err == io.EOF {
			eof = true
		} else if err != nil {
			return err
		}
	}
}

// cutLong returns where to cut an over-long line: after its last sentence
// end, else at the last rune boundary.
func cutLong(b []byte) int {
	for _, sep := range [][]byte{[]byte("。"), []byte("；"), []byte("，")} {
		if i := bytes.LastIndex(b, sep); i > len(b)/2 {
			return i + len(sep)
		}
	}
	i := len(b)
	for i > 0 && !utf8.RuneStart(b[i-1]) {
		i--
	}
	if i > 0 {
		i-- // start of the last (maybe incomplete) rune
	}
	if i == 0 {
		return len(b)
	}
	return i
}
