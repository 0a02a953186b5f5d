package web

import "net/http"

// progressRoutes adds the progress pages: status dashboard, indicators, reports, review.
func (s *Server) progressRoutes(mux *http.ServeMux) {}
