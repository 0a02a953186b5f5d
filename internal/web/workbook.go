package web

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/xlsx"
)

// workbookDepts are the departments the user may report for.
func (s *Server) workbookDepts(r *http.Request) ([]plan.Department, int64, error) {
	a := service.ActorFrom(r.Context())
	if a.UserID == 0 {
		return nil, 0, auth.ErrUnauthenticated
	}
	planID, err := s.planParam(r)
	if err != nil {
		return nil, 0, err
	}
	p, err := s.svc.PlanHeader(r.Context(), planID)
	if err != nil {
		return nil, 0, err
	}
	all, err := s.svc.Departments(r.Context(), p.RegionID)
	if err != nil {
		return nil, 0, err
	}
	var out []plan.Department
	for _, d := range all {
		if auth.Allowed(a.Principal, auth.ReportImport, auth.Resource{RegionID: d.RegionID, DeptID: d.ID}) {
			out = append(out, d)
		}
	}
	if len(out) == 0 {
		return nil, 0, auth.Can(a.Principal, auth.ReportImport, auth.Resource{RegionID: p.RegionID, DeptID: -1})
	}
	return out, planID, nil
}

func (s *Server) workbookPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderWorkbook(w, r, http.StatusOK, nil)
}

func (s *Server) renderWorkbook(w http.ResponseWriter, r *http.Request, code int, extra map[string]any) error {
	depts, planID, err := s.workbookDepts(r)
	if err != nil {
		return err
	}
	p, err := s.svc.PlanHeader(r.Context(), planID)
	if err != nil {
		return err
	}
	// The period offered first: the month of the plan's as-of moment (the demo: 2022-03).
	period := progress.PeriodOf("monthly", s.svc.AsOf(p)).String()
	data := map[string]any{"Depts": depts, "Period": period, "PlanID": planID, "Plan": p}
	for k, v := range extra {
		data[k] = v
	}
	s.render(w, r, code, "workbook", data)
	return nil
}

func (s *Server) workbookTemplate(w http.ResponseWriter, r *http.Request) error {
	a := service.ActorFrom(r.Context())
	planID, err := s.planParam(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	t, err := s.svc.ReportTemplate(r.Context(), a, planID, q.Get("dept"), strings.TrimSpace(q.Get("period")))
	var verrs progress.ValidationErrors
	if errors.As(err, &verrs) {
		return s.renderWorkbook(w, r, http.StatusUnprocessableEntity, map[string]any{"Error": verrs.Error()})
	}
	if err != nil {
		return err
	}
	form, err := xlsx.WriteForm(t, q.Get("format") == "csv")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", form.ContentType)
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(form.Name))
	_, _ = w.Write(form.Data) // the client went away; no one is left to tell
	return nil
}

func (s *Server) workbookUpload(w http.ResponseWriter, r *http.Request) error {
	a := service.ActorFrom(r.Context())
	_, planID, err := s.workbookDepts(r) // 401 or 403 before reading any upload
	if err != nil {
		return err
	}
	f, h, err := r.FormFile("file")
	if err != nil {
		return s.renderWorkbook(w, r, http.StatusUnprocessableEntity, map[string]any{"Error": i18n.T(requestLang(r), "form.nofile")})
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, xlsx.MaxUpload+1))
	if err != nil {
		return err
	}
	entries, err := xlsx.ReadForm(data, xlsx.IsCSVName(h.Filename))
	var xe xlsx.Errors
	if err != nil && !errors.As(err, &xe) {
		// A file that is not a reporting form at all.
		_, msg := errorMessage(r, err)
		return s.renderWorkbook(w, r, http.StatusUnprocessableEntity, map[string]any{"Error": msg, "File": h.Filename})
	}
	var sum service.ImportSummary
	if err == nil {
		sum, err = s.svc.ImportReports(r.Context(), a, planID, entries, r.PostFormValue("submit") == "1")
	}
	if errors.As(err, &xe) {
		return s.renderWorkbook(w, r, http.StatusUnprocessableEntity, map[string]any{"CellErrors": cellRows(requestLang(r), xe), "File": h.Filename})
	}
	if err != nil {
		// Refusals of the figures are shown on the page with the error table's status;
		// refusals of the user and failures of the server get the error page.
		switch code, msg := errorMessage(r, err); code {
		case http.StatusConflict, http.StatusUnprocessableEntity, http.StatusLocked:
			return s.renderWorkbook(w, r, code, map[string]any{"Error": msg, "File": h.Filename})
		}
		return err
	}
	return s.renderWorkbook(w, r, http.StatusOK, map[string]any{"Summary": sum, "File": h.Filename})
}

// cellRow is one refused cell of an upload, in the reader's language.
type cellRow struct {
	Sheet  string
	Row    int
	Column string
	Field  string
	Value  string
	Reason string
}

// cellRows says each refused cell from its code and values (i18n), naming its sheet,
// row, column and field.
func cellRows(lang string, xe xlsx.Errors) []cellRow {
	out := make([]cellRow, len(xe))
	for i, e := range xe {
		out[i] = cellRow{Sheet: i18n.WorkbookSheet(lang, e.Sheet), Row: e.Row, Column: e.Column,
			Field: i18n.WorkbookField(lang, e.Field), Value: e.Value, Reason: i18n.WorkbookReason(lang, e.Code, e.Args, e.Reason)}
	}
	return out
}
