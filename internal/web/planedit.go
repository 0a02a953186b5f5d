package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"

	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/planfile"
	"github.com/lantu-dev/lantu/internal/service"
)

// The planning office's plan pages: the plan's tree with an edit link on every item,
// forms to add zones, programs, key projects, indicators and departments, retiring, and
// the plan file in and out (see service/planedit.go).

// maxPlanFile is the largest plan file the upload takes.
const maxPlanFile = 8 << 20

func (s *Server) planEditPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderPlanEdit(w, r, http.StatusOK, nil)
}

func (s *Server) renderPlanEdit(w http.ResponseWriter, r *http.Request, code int, extra map[string]any) error {
	a := service.ActorFrom(r.Context())
	id, err := s.planParam(r)
	if err != nil {
		if !errors.Is(err, plan.ErrNotFound) || s.svc.MayImportPlan(a) != nil {
			return err
		}
		// No plan yet: the page offers the import only.
		s.render(w, r, code, "planedit", mergeData(map[string]any{"Kinds": service.ItemKinds()}, extra))
		return nil
	}
	v, err := s.svc.PlanForEdit(r.Context(), a, id)
	if err != nil {
		return err
	}
	data := map[string]any{"V": v, "Kinds": service.ItemKinds(), "Done": r.URL.Query().Get("done"), "Retired": v.Retired}
	s.render(w, r, code, "planedit", mergeData(data, extra))
	return nil
}

func mergeData(data, extra map[string]any) map[string]any {
	for k, v := range extra {
		data[k] = v
	}
	return data
}

func (s *Server) planExport(w http.ResponseWriter, r *http.Request) error {
	id, err := s.planParam(r)
	if err != nil {
		return err
	}
	out, h, err := s.svc.ExportPlanAs(r.Context(), service.ActorFrom(r.Context()), id)
	if err != nil {
		return err
	}
	name := fmt.Sprintf("plan-%s-%d-%d.yaml", h.Region.Code, h.Year, h.ID)
	w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	_, _ = w.Write(out) // the client went away; no one is left to tell
	return nil
}

// planImport loads an uploaded plan file, whole or not at all; a refused file is listed
// line by line on the page and nothing is stored.
func (s *Server) planImport(w http.ResponseWriter, r *http.Request) error {
	a := service.ActorFrom(r.Context())
	if err := s.svc.MayImportPlan(a); err != nil {
		return err // 403 before any upload is read
	}
	fail := func(extra map[string]any) error {
		return s.renderPlanImportResult(w, r, http.StatusUnprocessableEntity, extra)
	}
	f, h, err := r.FormFile("file")
	if err != nil {
		return fail(map[string]any{"ImportError": "planedit.import.nofile"})
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxPlanFile+1))
	if err != nil {
		return err
	}
	if len(data) > maxPlanFile {
		return fail(map[string]any{"ImportError": "planedit.import.toolarge", "File": h.Filename})
	}
	// Documents must be inline: an uploaded file has no folder beside it.
	l, err := planfile.Parse(os.DirFS(os.DevNull), h.Filename, data)
	var verrs plan.ValidationErrors
	var serr *planfile.SyntaxError
	lang := requestLang(r)
	switch {
	case errors.As(err, &verrs):
		// Each problem with its line and field, in the reader's language.
		shown := make([]plan.FieldError, len(verrs))
		for i, e := range verrs {
			shown[i] = *e
			shown[i].Message = i18n.PlanFileMessage(lang, e.Format, e.Args, e.Message)
		}
		return fail(map[string]any{"Problems": shown, "File": h.Filename})
	case errors.As(err, &serr):
		return fail(map[string]any{"ParseError": i18n.PlanFileSyntax(lang, serr.Code, serr.Line, serr.Value), "File": h.Filename})
	case err != nil:
		return fail(map[string]any{"ParseError": err.Error(), "File": h.Filename})
	}
	p, err := s.svc.ImportPlan(r.Context(), a, l)
	if err != nil {
		switch code, msg := errorMessage(r, err); code {
		case http.StatusConflict, http.StatusUnprocessableEntity:
			return s.renderPlanImportResult(w, r, code, map[string]any{"ParseError": msg, "File": h.Filename})
		}
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/plan?plan=%d&done=imported", p.ID), http.StatusSeeOther)
	return nil
}

// renderPlanImportResult shows the plan page of the plan asked for (or the default one)
// with the import's refusal.
func (s *Server) renderPlanImportResult(w http.ResponseWriter, r *http.Request, code int, extra map[string]any) error {
	return s.renderPlanEdit(w, r, code, extra)
}

// itemForm reads an edit form as typed.
func itemForm(r *http.Request, kind service.ItemKind) service.ItemInput {
	num := func(name string) int64 { v, _ := strconv.ParseInt(r.PostFormValue(name), 10, 64); return v }
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	return service.ItemInput{Kind: kind, PlanID: num("plan"), Version: version, Parent: num("parent"),
		Code: r.PostFormValue("code"), Name: r.PostFormValue("name"), Description: r.PostFormValue("description"),
		Dept: r.PostFormValue("department"), Start: r.PostFormValue("start"), End: r.PostFormValue("end"),
		Unit: r.PostFormValue("unit"), Target: r.PostFormValue("target"), TargetMax: r.PostFormValue("target_max"),
		Qualifier: r.PostFormValue("qualifier"), Frequency: r.PostFormValue("frequency"), Accumulation: r.PostFormValue("accumulation"),
		OwedFrom: r.PostFormValue("owed_from"), Public: r.PostFormValue("public") == "1",
		IndKind: r.PostFormValue("kind"), Direction: r.PostFormValue("direction"), Due: r.PostFormValue("due"),
		BaselineValue: r.PostFormValue("baseline_value"), BaselinePeriod: r.PostFormValue("baseline_period"),
		BaselineQualifier: r.PostFormValue("baseline_qualifier"), BaselineNote: r.PostFormValue("baseline_note")}
}

func (s *Server) planItemForm(w http.ResponseWriter, r *http.Request) error {
	kind, err := service.ParseItemKind(r.PathValue("kind"))
	if err != nil {
		return err
	}
	a := service.ActorFrom(r.Context())
	if r.PathValue("id") == "new" {
		id, err := s.planParam(r)
		if err != nil {
			return err
		}
		in := service.ItemInput{Kind: kind, PlanID: id, Public: true, Qualifier: string(plan.QualAtLeast),
			Frequency: string(plan.Monthly), Accumulation: string(plan.Cumulative), IndKind: string(plan.KindLevel), Direction: string(plan.Higher)}
		in.Parent, _ = strconv.ParseInt(r.URL.Query().Get("parent"), 10, 64)
		return s.renderItem(w, r, http.StatusOK, in, nil, "")
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	in, err := s.svc.PlanItemForEdit(r.Context(), a, kind, id)
	if err != nil {
		return err
	}
	return s.renderItem(w, r, http.StatusOK, in, nil, "")
}

// renderItem shows an item's form: as read, or as typed with what is wrong.
func (s *Server) renderItem(w http.ResponseWriter, r *http.Request, code int, in service.ItemInput, errs service.EditErrors, flash string) error {
	planID := in.PlanID
	if in.Kind == service.KindDepartment && planID == 0 {
		planID, _ = s.planParam(r)
	}
	var v *service.PlanEditView
	if planID != 0 {
		var err error
		if v, err = s.svc.PlanForEdit(r.Context(), service.ActorFrom(r.Context()), planID); err != nil {
			return err
		}
	}
	lang := requestLang(r)
	msgs := map[string]string{}
	for _, e := range errs {
		msgs[e.Field] = i18nEditError(lang, e)
	}
	s.render(w, r, code, "planedit_item", map[string]any{"In": in, "V": v, "PlanID": planID, "Errors": msgs, "Flash": flash})
	return nil
}

func (s *Server) planItemSave(w http.ResponseWriter, r *http.Request) error {
	kind, err := service.ParseItemKind(r.PathValue("kind"))
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	in := itemForm(r, kind)
	if r.PathValue("id") != "" {
		if in.ID, err = pathID(r, "id"); err != nil {
			return err
		}
	}
	a := service.ActorFrom(r.Context())
	id, err := s.svc.SavePlanItem(r.Context(), a, in)
	var errs service.EditErrors
	switch {
	case errors.As(err, &errs):
		return s.renderItem(w, r, http.StatusUnprocessableEntity, in, errs, "")
	case errors.Is(err, service.ErrConflict) && in.ID != 0:
		// Someone else changed it since the form was read: show it as it is now,
		// with what was typed lost only after the admin has seen the newer values.
		cur, cerr := s.svc.PlanItemForEdit(r.Context(), a, kind, in.ID)
		if cerr != nil {
			return err
		}
		return s.renderItem(w, r, http.StatusConflict, cur, nil, "planedit.conflict")
	case err != nil:
		return err
	}
	planID := in.PlanID
	if planID == 0 || kind == service.KindDepartment {
		planID, _ = s.planParam(r)
		if p, _ := strconv.ParseInt(r.PostFormValue("plan"), 10, 64); p != 0 {
			planID = p
		}
	}
	if in.ID != 0 && kind != service.KindDepartment {
		if cur, err := s.svc.PlanItemForEdit(r.Context(), a, kind, id); err == nil {
			planID = cur.PlanID
		}
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/plan?plan=%d&done=saved#%s-%d", planID, kind, id), http.StatusSeeOther)
	return nil
}

func (s *Server) planItemRetire(w http.ResponseWriter, r *http.Request) error {
	kind, err := service.ParseItemKind(r.PathValue("kind"))
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a := service.ActorFrom(r.Context())
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	in, err := s.svc.PlanItemForEdit(r.Context(), a, kind, id)
	if err != nil {
		return err
	}
	err = s.svc.RetirePlanItem(r.Context(), a, kind, id, version)
	var errs service.EditErrors
	switch {
	case errors.As(err, &errs):
		return s.renderItem(w, r, http.StatusUnprocessableEntity, in, errs, "")
	case errors.Is(err, service.ErrConflict):
		return s.renderItem(w, r, http.StatusConflict, in, nil, "planedit.conflict")
	case err != nil:
		return err
	}
	planID := in.PlanID
	if planID == 0 {
		planID, _ = strconv.ParseInt(r.PostFormValue("plan"), 10, 64)
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/plan?plan=%d&done=retired", planID), http.StatusSeeOther)
	return nil
}

// i18nEditError is one refused field's message in the reader's language.
func i18nEditError(lang string, e service.EditError) string {
	return i18n.PlanEditError(lang, e.Code, e.Args...)
}
