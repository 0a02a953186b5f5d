package web

import (
	"context"
	"net/http"

	"github.com/lantu-dev/lantu/internal/httpauth"
)

// limited builds a page holding a slot of httpauth.Builders, so that a hundred readers
// rendering do not keep the writers' goroutines from the cores (issue 11). It goes
// inside the page caches (keep, CachePublic): a kept page is served without a slot.
// Writes never wait for one.
func (s *Server) limited(h handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			return h(w, r)
		}
		return httpauth.Builders.Do(r.Context(), func(ctx context.Context) error {
			return h(w, r.WithContext(ctx))
		})
	}
}
