package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/lantu-dev/lantu/internal/httpauth"
)

//go:embed static
var staticFiles embed.FS

//go:embed templates
var templateFiles embed.FS

// assets serves the embedded static files under content-hashed names, so that browsers
// may keep them for a year and a new release is never served stale.
type assets struct {
	hashed map[string]string // "lantu.css" → "lantu.3f2a9c1b.css"
	files  map[string]string // hashed name → embedded path
	gz     map[string][]byte // embedded path → gzip of the text files, made once at start
}

func newAssets() (*assets, error) {
	a := &assets{hashed: map[string]string{}, files: map[string]string{}, gz: map[string][]byte{}}
	err := fs.WalkDir(staticFiles, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFiles.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		rel := strings.TrimPrefix(p, "static/")
		ext := path.Ext(rel)
		name := strings.TrimSuffix(rel, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		a.hashed[rel] = name
		a.files[name] = p
		switch ext {
		case ".css", ".js", ".svg", ".json":
			// Text compresses to a fraction (ECharts: 1.1 MB → about 360 kB); compressed
			// once here, not per request.
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			if _, err := zw.Write(b); err != nil {
				return err
			}
			if err := zw.Close(); err != nil {
				return err
			}
			if buf.Len() < len(b) {
				a.gz[p] = buf.Bytes()
			}
		}
		return nil
	})
	return a, err
}

// url is the hashed URL of a static file, for templates.
func (a *assets) url(name string) string {
	if h, ok := a.hashed[name]; ok {
		return "/static/" + h
	}
	return "/static/" + name
}

func (a *assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/static/")
	p, ok := a.files[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	b, err := staticFiles.ReadFile(p)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Header().Set("Vary", "Accept-Encoding")
	switch path.Ext(p) {
	case ".css":
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	case ".js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	case ".svg":
		w.Header().Set("Content-Type", "image/svg+xml")
	}
	if z, ok := a.gz[p]; ok && httpauth.AcceptsGzip(r) {
		w.Header().Set("Content-Encoding", "gzip")
		b = z
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	_, _ = w.Write(b) // the client went away; no one is left to tell
}

// favicon sends the icon browsers ask for at /favicon.ico to its hashed address.
func (a *assets) favicon(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, a.url("favicon.svg"), http.StatusMovedPermanently)
}
