package web_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/lantu-dev/lantu/internal/api"
	"github.com/lantu-dev/lantu/internal/httpauth"
	"github.com/lantu-dev/lantu/internal/store/storetest"
	"github.com/lantu-dev/lantu/internal/web"
)

// The public pages kept (httpauth.CachePublic, package keep) stay within their limit
// counting all they hold, through the real router: an anonymous flood of distinct long
// queries against a kept page (the keys were the raw queries, a megabyte each at the
// most, and not counted) holds no more than the limit, and so do the gzipped copies
// served (made on the first gzip answer, and not counted before either).
func TestPublicPagesBound(t *testing.T) {
	ctx := context.Background()
	w := newProgressWorldOn(t, storetest.SQLite(t))
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	guard, err := httpauth.NewGuard(ctx, w.svc, log, false)
	if err != nil {
		t.Fatal(err)
	}
	kept := guard.KeptPages()
	kept.Limit = 4 << 20
	ws, err := web.New(ctx, w.svc, web.Options{PublicView: true, Demo: true, Guard: guard}, log)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux() // the pages and the API on the one guard, as app mounts them
	mux.Handle("/api/", api.New(w.svc, log, guard).Handler())
	mux.Handle("/", ws.Handler())
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	// A client that asks for gzip only when told, and does not unpack it.
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	get := func(t *testing.T, path string, gzip bool) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		if gzip {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		_, _ = io.Copy(io.Discard, res.Body)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %.60s…: %d", path, res.StatusCode)
		}
		if got := res.Header.Get("Content-Encoding") == "gzip"; got != gzip {
			t.Fatalf("GET %.60s… (gzip %t): Content-Encoding %q", path, gzip, res.Header.Get("Content-Encoding"))
		}
	}
	within := func(t *testing.T, what string) (held, counted, pages int) {
		t.Helper()
		held, counted, pages = kept.Footprint()
		if held > counted || counted > kept.Limit {
			t.Fatalf("after %s the public pages kept hold %d bytes, counted as %d, with a limit of %d", what, held, counted, kept.Limit)
		}
		return held, counted, pages
	}

	// A gzipped copy served is counted from the start: the page's cost does not grow
	// when it is made, and what is held stays within it.
	get(t, "/status", false)
	held, counted, pages := within(t, "the status board")
	if pages != 1 {
		t.Fatalf("%d pages kept after one public page", pages)
	}
	get(t, "/status", true)
	gzHeld, gzCounted, _ := within(t, "the status board gzipped")
	if gzHeld <= held || gzCounted != counted {
		t.Errorf("serving the kept page gzipped: held %d → %d bytes, counted %d → %d; want a copy made and counted before", held, gzHeld, counted, gzCounted)
	}

	// Distinct queries of 200 KB (a request line may carry a megabyte): on the status
	// board, random so that the gzipped copies of its pages (which show their query
	// twice) are not small; then on the status API, whose answer does not show it, so
	// that the keys tell. Before, the API's keys alone came to 12 MB here.
	pad := make([]byte, 100<<10)
	for i := range 90 {
		_, _ = rand.Read(pad) // crypto/rand does not fail
		path := "/status?pad="
		if i >= 30 {
			path = "/api/v1/status?plan=" + strconv.FormatInt(w.planID, 10) + "&pad="
		}
		get(t, path+hex.EncodeToString(pad)+"&i="+strconv.Itoa(i), i%2 == 0)
		within(t, strconv.Itoa(i+1)+" long queries")
	}
	if _, _, pages := kept.Footprint(); pages < 2 {
		t.Errorf("only %d pages kept under a limit of %d", pages, kept.Limit)
	}
}
