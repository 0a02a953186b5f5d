package web

import "net/http"

// ingestRoutes adds the ingest pages: paste or upload a document, see its facts, accept them.
func (s *Server) ingestRoutes(mux *http.ServeMux) {}
