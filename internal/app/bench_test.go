package app

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// benchHandler is the whole router over a demo database, without a network in between.
func benchHandler(b *testing.B) http.Handler {
	st := storetest.SQLite(b)
	svc := service.New(st)
	svc.PublicView = true
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if _, err := EnsureDemo(context.Background(), svc, log); err != nil {
		b.Fatal(err)
	}
	h, err := Handler(context.Background(), svc, Config{PublicView: true}, log)
	if err != nil {
		b.Fatal(err)
	}
	return h
}

func benchGet(b *testing.B, path string) {
	h := benchHandler(b)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
			if rec.Code != 200 {
				b.Fatalf("GET %s = %d", path, rec.Code)
			}
		}
	})
}

// The pages and API answers people ask for most, as the public sees them.
func BenchmarkPlanPage(b *testing.B)  { benchGet(b, "/") }
func BenchmarkStatusAPI(b *testing.B) { benchGet(b, "/api/v1/status") }
