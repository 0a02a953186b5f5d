package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
)

// evidenceUpload is a file sent with the report form.
type evidenceUpload struct {
	Name string
	Data []byte
}

// readEvidence reads the form's file (佐证材料), if one was sent, and marks on the form
// what is wrong with it, in the user's language; the service checks it again.
func readEvidence(r *http.Request, f *reportForm) *evidenceUpload {
	file, hdr, err := r.FormFile("evidence")
	if err != nil {
		if !errors.Is(err, http.ErrMissingFile) && !errors.Is(err, http.ErrNotMultipart) {
			f.Errors["evidence"] = fmt.Sprintf(i18n.T(requestLang(r), "desk.ev.size"), service.MaxEvidenceBytes>>20)
		}
		return nil
	}
	defer file.Close()
	if hdr.Filename == "" && hdr.Size == 0 {
		return nil // the browser sends an empty part when no file was chosen
	}
	data, err := io.ReadAll(io.LimitReader(file, service.MaxEvidenceBytes+1))
	if err != nil {
		f.Errors["evidence"] = fmt.Sprintf(i18n.T(requestLang(r), "desk.ev.size"), service.MaxEvidenceBytes>>20)
		return nil
	}
	switch code := service.EvidenceProblem(hdr.Filename, data); code {
	case "":
	case "size":
		f.Errors["evidence"] = fmt.Sprintf(i18n.T(requestLang(r), "desk.ev.size"), service.MaxEvidenceBytes>>20)
		return nil
	default:
		f.Errors["evidence"] = i18n.T(requestLang(r), "desk.ev."+code)
		return nil
	}
	return &evidenceUpload{Name: hdr.Filename, Data: data}
}

// attachEvidence attaches the form's file to the report just saved. When the service
// refuses it, the saved report is shown in its form with the reason, and done is true.
func (s *Server) attachEvidence(w http.ResponseWriter, r *http.Request, f *reportForm, rep progress.Report, ev *evidenceUpload) (done bool, err error) {
	if ev == nil {
		return false, nil
	}
	ctx := r.Context()
	a := service.ActorFrom(ctx)
	_, err = s.svc.AddEvidence(ctx, a, rep.ID, ev.Name, ev.Data)
	var verrs progress.ValidationErrors
	if errors.As(err, &verrs) {
		lang := requestLang(r)
		f.Edit, f.ReportID, f.Version, f.State = true, rep.ID, rep.Version, rep.State
		f.Action = fmt.Sprintf("/reports/%d", rep.ID)
		f.Errors["evidence"] = i18n.T(lang, "desk.ev.content")
		f.Flash = &flashMsg{Kind: "error", Text: i18n.T(lang, "desk.ev.savedonly")}
		f.SavedOnly = true
		if f.Evidence, err = s.svc.ReportEvidence(ctx, a, rep.ID); err != nil {
			return true, err
		}
		s.renderForm(w, r, http.StatusUnprocessableEntity, f)
		return true, nil
	}
	return false, err
}

// evidenceFile sends a report's file as a download a browser will neither run nor show
// inline, to those who may read the report (the service checks).
func (s *Server) evidenceFile(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	e, err := s.svc.EvidenceFile(r.Context(), service.ActorFrom(r.Context()), id)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", e.ContentType)
	h.Set("Content-Length", strconv.FormatInt(e.Size, 10))
	h.Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(e.Filename))
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, no-store")
	_, _ = w.Write(e.Data) // the client went away; no one is left to tell
	return nil
}

// sizeText is a file's size for people: KB or MB.
func sizeText(n int64) string {
	if n >= 1<<20 {
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	}
	return strconv.FormatInt((n+1023)/1024, 10) + " KB"
}
