package api

import (
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/lantu-dev/lantu/internal/extract"
	"github.com/lantu-dev/lantu/internal/service"
)

// readDocument takes a document from a request: a JSON body {"name", "text"}, a
// multipart upload (field "file"), or the raw bytes with ?name=.
func readDocument(r *http.Request) (name string, data []byte, extra map[string]string, err error) {
	extra = map[string]string{}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		var b struct {
			Name  string `json:"name"`
			Title string `json:"title"`
			Text  string `json:"text"`
			Year  int    `json:"year"`
			Date  string `json:"date"`
		}
		if err := decode(r, &b); err != nil {
			return "", nil, nil, err
		}
		extra["title"] = b.Title
		extra["date"] = b.Date
		if b.Year != 0 {
			extra["year"] = strconv.Itoa(b.Year)
		}
		return b.Name, []byte(b.Text), extra, nil
	case "multipart/form-data":
		f, h, err := r.FormFile("file")
		if err != nil {
			return "", nil, nil, badRequest("multipart body without a file field: %v", err)
		}
		defer f.Close()
		data, err := io.ReadAll(f)
		extra["title"] = r.FormValue("title")
		extra["year"] = r.FormValue("year")
		extra["date"] = r.FormValue("date")
		return h.Filename, data, extra, err
	}
	extra["date"] = r.URL.Query().Get("date")
	data, err = io.ReadAll(r.Body)
	return r.URL.Query().Get("name"), data, extra, err
}

func atoiDefault(s string, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return def
	}
	return n
}

// extract finds the facts of a posted document, as `lantu extract --json` does.
func (a *API) extract(r *http.Request) (any, error) {
	if err := requireUser(r); err != nil {
		return nil, err
	}
	name, data, extra, err := readDocument(r)
	if err != nil {
		return nil, err
	}
	if name == "" {
		name = "document.txt"
	}
	text, _, err := extract.Decode(name, data)
	if err != nil {
		return nil, badRequest("%v", err)
	}
	year := atoiDefault(r.URL.Query().Get("year"), atoiDefault(extra["year"], 0))
	facts := extract.Extract(text, extract.Options{Year: year})
	if facts == nil {
		facts = []extract.Fact{}
	}
	return created{http.StatusOK, map[string]any{"doc": name, "facts": facts}}, nil
}

func (a *API) ingest(r *http.Request) (any, error) {
	if err := requireUser(r); err != nil {
		return nil, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	name, data, extra, err := readDocument(r)
	if err != nil {
		return nil, err
	}
	doc, err := a.svc.IngestDocument(r.Context(), actor(r), id, extra["title"], name, extra["date"], data)
	if err != nil {
		return nil, err
	}
	ing, err := a.svc.Ingested(r.Context(), actor(r), id, doc.Key)
	if err != nil {
		return nil, err
	}
	return map[string]any{"key": doc.Key, "title": doc.Title, "date": doc.Date, "date_source": doc.DateSource, "year": ing.Year, "facts": ing.Facts}, nil
}

func (a *API) documentFacts(r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	ing, err := a.svc.Ingested(r.Context(), actor(r), id, r.PathValue("key"))
	if err != nil {
		return nil, err
	}
	return map[string]any{"key": ing.Doc.Key, "title": ing.Doc.Title, "date": ing.Doc.Date, "date_source": ing.Doc.DateSource,
		"year": ing.Year, "paragraphs": ing.Paragraphs, "facts": ing.Facts}, nil
}

func (a *API) accept(r *http.Request) (any, error) {
	id, b, err := writeInput[struct {
		Start       int    `json:"start"`
		End         int    `json:"end"`
		As          string `json:"as"`
		ProgramID   int64  `json:"program_id"`
		IndicatorID int64  `json:"indicator_id"`
		Name        string `json:"name"`
		Department  string `json:"department"`
		Period      string `json:"period"`
	}](r)
	if err != nil {
		return nil, err
	}
	indID, err := a.svc.AcceptFact(r.Context(), actor(r), id, r.PathValue("key"), service.Acceptance{Start: b.Start, End: b.End, As: b.As,
		ProgramID: b.ProgramID, IndicatorID: b.IndicatorID, Name: b.Name, DeptCode: b.Department, Period: b.Period})
	if err != nil {
		return nil, err
	}
	return map[string]any{"indicator_id": indID}, nil
}
