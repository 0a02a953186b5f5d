package api

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"

	"github.com/lantu-dev/lantu/internal/xlsx"
)

// template sends a department's reporting workbook: ?dept=CODE&period=P[&format=csv].
func (a *API) template(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	q := r.URL.Query()
	t, err := a.svc.ReportTemplate(r.Context(), actor(r), id, q.Get("dept"), q.Get("period"))
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	form, err := xlsx.WriteForm(t, q.Get("format") == "csv")
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", form.ContentType)
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(form.Name))
	_, _ = w.Write(form.Data) // the client went away; no one is left to tell
}

// importReports takes a filled workbook: the raw body (.xlsx, or CSV with ?format=csv or
// a text/csv type) or a multipart field "file"; ?submit=1 submits the figures.
func (a *API) importReports(r *http.Request) (any, error) {
	if err := requireUser(r); err != nil {
		return nil, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	entries, err := ReadUpload(r)
	if err != nil {
		return nil, err
	}
	return a.svc.ImportReports(r.Context(), actor(r), id, entries, r.URL.Query().Get("submit") == "1" || r.FormValue("submit") == "1")
}

// ReadUpload reads a reporting form from a request, whichever way it came.
func ReadUpload(r *http.Request) ([]xlsx.Entry, error) {
	var data []byte
	name := r.URL.Query().Get("name")
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "multipart/form-data" {
		f, h, err := r.FormFile("file")
		if err != nil {
			return nil, badRequest("multipart body without a file field: %v", err)
		}
		defer f.Close()
		if data, err = io.ReadAll(f); err != nil {
			return nil, err
		}
		name = h.Filename
	} else {
		var err error
		if data, err = io.ReadAll(r.Body); err != nil {
			return nil, err
		}
	}
	csv := r.URL.Query().Get("format") == "csv" || ct == "text/csv" || xlsx.IsCSVName(name)
	entries, err := xlsx.ReadForm(data, csv)
	var xe xlsx.Errors
	var fe *xlsx.FileError
	if err != nil && !errors.As(err, &xe) && !errors.As(err, &fe) {
		return nil, badRequest("%v", err)
	}
	return entries, err
}
