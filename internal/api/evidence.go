package api

import (
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"

	"github.com/lantu-dev/lantu/internal/service"
)

// addEvidence takes a multipart field "file", or the raw body with ?name=.
func (a *API) addEvidence(r *http.Request) (any, error) {
	if err := requireUser(r); err != nil {
		return nil, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	name := r.URL.Query().Get("name")
	var data []byte
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "multipart/form-data" {
		f, h, err := r.FormFile("file")
		if err != nil {
			return nil, badRequest("multipart body without a file field: %v", err)
		}
		defer f.Close()
		name = h.Filename
		data, err = io.ReadAll(io.LimitReader(f, service.MaxEvidenceBytes+1))
		if err != nil {
			return nil, err
		}
	} else if data, err = io.ReadAll(io.LimitReader(r.Body, service.MaxEvidenceBytes+1)); err != nil {
		return nil, err
	}
	if name == "" {
		return nil, badRequest("name the file: ?name=FILE.pdf or a multipart upload")
	}
	return a.svc.AddEvidence(r.Context(), actor(r), id, name, data)
}

func (a *API) listEvidence(r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return a.svc.ReportEvidence(r.Context(), actor(r), id)
}

// evidenceFile sends a file as a download that a browser will not run or render inline.
func (a *API) evidenceFile(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	e, err := a.svc.EvidenceFile(r.Context(), actor(r), id)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", e.ContentType)
	h.Set("Content-Length", strconv.FormatInt(e.Size, 10))
	h.Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(e.Filename))
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Cache-Control", "private, no-store")
	_, _ = w.Write(e.Data) // the client went away; no one is left to tell
}
