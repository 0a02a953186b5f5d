package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"github.com/lantu-dev/lantu/internal/extract"
	"github.com/lantu-dev/lantu/internal/i18n"
)

// streamAbove is the input size from which extract streams a text file and
// reports progress on standard error.
const streamAbove = 8 << 20

func init() {
	c := &Command{Name: "extract",
		Summary: "find quantitative facts (targets, actuals, estimates) in Chinese text, HTML or .docx",
		Usage:   "lantu extract [--json] [--year Y] FILE... (- for standard input)"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := flagSet(env, c)
		asJSON := fs.Bool("json", false, "print one JSON object {\"doc\", \"facts\"} per file, one per line")
		year := fs.Int("year", 0, "publication year: 今年 → Y, 去年 → Y-1, 一季度 → YQ1 (0: unknown)")
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			return usageError("give at least one file, or - for standard input")
		}
		if *year != 0 && (*year < 1900 || *year > 2200) {
			return usageError("--year %d is not a year", *year)
		}
		x := &extractRun{env: env, json: *asJSON, opt: extract.Options{Year: *year}, tty: isTerminal(env.Stderr)}
		failed := 0
		for _, name := range fs.Args() {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := x.file(ctx, name); err != nil {
				fmt.Fprintf(env.Stderr, "lantu extract: %v\n", err)
				failed++
			}
		}
		if failed > 0 {
			return fmt.Errorf("%d of %d files failed", failed, fs.NArg())
		}
		return nil
	}
	register(c)
}

type extractRun struct {
	env  *Env
	json bool
	opt  extract.Options
	tty  bool
}

// file extracts the facts of one file (or standard input for "-"). Text
// files are streamed in bounded memory; HTML, .docx and anything that is
// not plain text are read whole and decoded.
func (x *extractRun) file(ctx context.Context, name string) error {
	var r io.Reader
	var size int64 = -1
	doc := name
	if name == "-" {
		r, doc = x.env.Stdin, "stdin"
	} else {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer func() { _ = f.Close() }() // read only: nothing to lose
		if st, err := f.Stat(); err == nil {
			if st.IsDir() {
				return fmt.Errorf("%s: is a directory", name)
			}
			size = st.Size()
		}
		r = f
	}
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(64 << 10)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return fmt.Errorf("%s: %w", doc, err)
	}
	out := x.writer(doc)
	if !plainText(doc, head) {
		data, err := io.ReadAll(br)
		if err != nil {
			return fmt.Errorf("%s: %w", doc, err)
		}
		text, _, err := extract.Decode(doc, data)
		if err != nil {
			return err
		}
		for _, f := range extract.Extract(text, x.opt) {
			if err := out.fact(f); err != nil {
				return err
			}
		}
		return out.close()
	}
	// plain text: stream it
	var src io.Reader = br
	if bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}) {
		_, _ = br.Discard(3) // Peek holds them; as Decode does: offsets count from after the mark
	} else if !validUTF8Prefix(head) {
		src = transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder())
	}
	var prog func(int64)
	if size > streamAbove || x.tty {
		prog = x.progress(doc, size)
	}
	err = extract.ExtractReader(&ctxReader{ctx: ctx, r: src}, x.opt, out.fact, prog)
	if prog != nil {
		fmt.Fprint(x.env.Stderr, "\r\033[K")
	}
	if err != nil {
		return fmt.Errorf("%s: %w", doc, err)
	}
	return out.close()
}

// plainText reports whether the start of a file is plain text that can be
// streamed (UTF-8 or GB18030, not HTML, .docx, PDF or UTF-16).
func plainText(name string, head []byte) bool {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".html") || strings.HasSuffix(lower, ".htm") || strings.HasSuffix(lower, ".xhtml") ||
		strings.HasSuffix(lower, ".docx") {
		return false
	}
	for _, magic := range []string{"%PDF", "PK\x03\x04", "\xD0\xCF\x11\xE0", "\x89PNG", "\xFF\xD8\xFF", "GIF8", "\x1F\x8B", "\xFF\xFE", "\xFE\xFF"} {
		if bytes.HasPrefix(head, []byte(magic)) {
			return false
		}
	}
	h := strings.ToLower(strings.TrimSpace(string(head[:min(len(head), 512)])))
	if strings.HasPrefix(h, "<!doctype html") || strings.HasPrefix(h, "<html") || strings.HasPrefix(h, "<?xml") {
		return false
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return false // binary: let Decode name it
	}
	if !validUTF8Prefix(head) {
		// GB18030 if it decodes; anything else goes to Decode for its error
		_, err := simplifiedchinese.GB18030.NewDecoder().Bytes(trimPartial(head))
		return err == nil
	}
	return true
}

// validUTF8Prefix reports valid UTF-8, allowing a rune cut at the end.
func validUTF8Prefix(b []byte) bool {
	return utf8.Valid(trimPartial(b))
}

func trimPartial(b []byte) []byte {
	for k := 1; k <= 3 && k <= len(b); k++ {
		if utf8.RuneStart(b[len(b)-k]) {
			if !utf8.FullRune(b[len(b)-k:]) {
				return b[:len(b)-k]
			}
			break
		}
	}
	return b
}

// progress returns a callback that shows the bytes read on standard error,
// at most every 200 ms.
func (x *extractRun) progress(doc string, size int64) func(int64) {
	var last time.Time
	return func(n int64) {
		now := time.Now()
		if now.Sub(last) < 200*time.Millisecond && n != size {
			return
		}
		last = now
		if size > 0 {
			fmt.Fprintf(x.env.Stderr, "\r%s: %.1f / %.1f MB (%d%%)", doc, float64(n)/1e6, float64(size)/1e6, n*100/size)
		} else {
			fmt.Fprintf(x.env.Stderr, "\r%s: %.1f MB", doc, float64(n)/1e6)
		}
	}
}

type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// factWriter writes the facts of one document as they come, so that a
// long input needs no memory for its facts: JSON as {"doc": NAME,
// "facts": [...]} on one line, or an aligned table.
type factWriter struct {
	w    *bufio.Writer
	json bool
	doc  string
	n    int
}

func (x *extractRun) writer(doc string) *factWriter {
	return &factWriter{w: bufio.NewWriter(x.env.Stdout), json: x.json, doc: doc}
}

func (fw *factWriter) fact(f extract.Fact) error {
	if fw.json {
		if fw.n == 0 {
			name, _ := json.Marshal(fw.doc)
			fmt.Fprintf(fw.w, `{"doc":%s,"facts":[`, name)
		} else {
			fw.w.WriteByte(',')
		}
		b, err := json.Marshal(f)
		if err != nil {
			return err
		}
		fw.w.Write(b)
	} else {
		if fw.n == 0 {
			fmt.Fprintf(fw.w, "%s\n", fw.doc)
			fmt.Fprintf(fw.w, "  %s %s %s %s %s %s %s  %s\n", pad("KIND", 8), pad("METRIC", 6), padLeft("VALUE", 18),
				pad("UNIT", 8), pad("QUALIFIER", 9), pad("PERIOD", 6), pad("START-END", 13), "SUBJECT  (WHY)")
		}
		v := fmtNum(f.Value)
		if f.ValueMax != nil {
			v += "~" + fmtNum(*f.ValueMax)
		}
		p := "-"
		if f.Period != nil {
			p = *f.Period
		}
		fmt.Fprintf(fw.w, "  %s %s %s %s %s %s %s  %s  (%s)\n", pad(f.Kind, 8), pad(f.Metric, 6), padLeft(v, 18),
			pad(f.Unit, 8), pad(f.Qualifier, 9), pad(p, 6), pad(fmt.Sprintf("%d-%d", f.Start, f.End), 13), f.Subject,
			i18n.Why("zh", f.Kind, f.Why.Period, f.Why.PeriodCue, f.Why.Kind, f.Why.KindCue))
	}
	fw.n++
	if fw.w.Buffered() > 32<<10 {
		return fw.w.Flush()
	}
	return nil
}

func (fw *factWriter) close() error {
	switch {
	case fw.json && fw.n == 0:
		name, _ := json.Marshal(fw.doc)
		fmt.Fprintf(fw.w, `{"doc":%s,"facts":[]}`+"\n", name)
	case fw.json:
		fw.w.WriteString("]}\n")
	case fw.n == 0:
		fmt.Fprintf(fw.w, "%s\n  (no facts)\n", fw.doc)
	default:
		fmt.Fprintf(fw.w, "  (%d facts)\n", fw.n)
	}
	return fw.w.Flush()
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// width is the display width of s: East Asian wide runes count two.
func width(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 && (r <= 0x115F || r >= 0x2E80 && r <= 0xA4CF || r >= 0xAC00 && r <= 0xD7A3 ||
			r >= 0xF900 && r <= 0xFAFF || r >= 0xFE30 && r <= 0xFE4F || r >= 0xFF00 && r <= 0xFF60 ||
			r >= 0xFFE0 && r <= 0xFFE6 || r >= 0x20000 && r <= 0x3FFFD) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func pad(s string, w int) string {
	if d := w - width(s); d > 0 {
		return s + strings.Repeat(" ", d)
	}
	return s
}

func padLeft(s string, w int) string {
	if d := w - width(s); d > 0 {
		return strings.Repeat(" ", d) + s
	}
	return s
}
