package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
)

func (s *Server) userEditForm(w http.ResponseWriter, r *http.Request) error {
	return s.renderUserEdit(w, r, http.StatusOK, nil)
}

func (s *Server) renderUserEdit(w http.ResponseWriter, r *http.Request, code int, extra map[string]any) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a := service.ActorFrom(r.Context())
	u, err := s.svc.UserByID(r.Context(), a, id)
	if err != nil {
		return err
	}
	depts, err := s.svc.Departments(r.Context(), u.RegionID)
	if err != nil {
		return err
	}
	has := map[int64]bool{}
	for _, d := range u.DeptIDs {
		has[d] = true
	}
	roles := map[auth.Role]bool{}
	for _, ro := range u.Roles {
		roles[ro] = true
	}
	data := map[string]any{"U": u, "Depts": depts, "HasDept": has, "HasRole": roles, "Roles": auth.Roles(), "Error": refusedMsg(r)}
	for k, v := range extra {
		data[k] = v
	}
	s.render(w, r, code, "user_edit", data)
	return nil
}

func (s *Server) userEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	ch := service.UserChange{DisplayName: r.PostFormValue("display_name"), DeptCodes: r.PostForm["dept"], Disabled: r.PostFormValue("disabled") == "1"}
	lang := requestLang(r)
	for _, v := range r.PostForm["role"] {
		role, err := auth.ParseRole(v)
		if err != nil {
			return s.refuse(w, r, http.StatusUnprocessableEntity, i18n.AccountFieldError(lang, "roles", "invalid"), s.userEditForm)
		}
		ch.Roles = append(ch.Roles, role)
	}
	_, err = s.svc.UpdateUser(r.Context(), service.ActorFrom(r.Context()), id, ch)
	var fe *auth.FieldError
	if errors.As(err, &fe) {
		// The form again as typed, with what to do.
		return s.refuse(w, r, http.StatusUnprocessableEntity, i18n.AccountFieldError(lang, fe.Field, fe.Code), s.userEditForm)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
	return nil
}

func (s *Server) userResetPassword(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a := service.ActorFrom(r.Context())
	u, err := s.svc.UserByID(r.Context(), a, id)
	if err != nil {
		return err
	}
	password, err := s.svc.SetPassword(r.Context(), a, u.Login, "")
	if err != nil {
		return err
	}
	// Shown once, to the admin who reset it; the user must change it at sign-in.
	return s.renderUserEdit(w, r, http.StatusOK, map[string]any{"Password": password})
}

func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderTokens(w, r, http.StatusOK, nil)
}

func (s *Server) renderTokens(w http.ResponseWriter, r *http.Request, code int, extra map[string]any) error {
	a := service.ActorFrom(r.Context())
	if a.UserID == 0 {
		return auth.ErrUnauthenticated
	}
	ts, err := s.svc.Tokens(r.Context(), a)
	if err != nil {
		return err
	}
	data := map[string]any{"Tokens": ts, "Me": a.UserID}
	for k, v := range extra {
		data[k] = v
	}
	s.render(w, r, code, "tokens", data)
	return nil
}

func (s *Server) tokenCreate(w http.ResponseWriter, r *http.Request) error {
	a := service.ActorFrom(r.Context())
	if a.UserID == 0 {
		return auth.ErrUnauthenticated
	}
	var until time.Time
	if days, err := strconv.Atoi(r.PostFormValue("days")); err == nil && days > 0 {
		until = s.svc.Now().Add(time.Duration(days) * 24 * time.Hour)
	}
	plain, _, err := s.svc.CreateToken(r.Context(), a, a.Login, strings.TrimSpace(r.PostFormValue("name")), until)
	if err != nil {
		return err
	}
	return s.renderTokens(w, r, http.StatusOK, map[string]any{"New": plain})
}

func (s *Server) tokenRevoke(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a := service.ActorFrom(r.Context())
	if a.UserID == 0 {
		return auth.ErrUnauthenticated
	}
	if err := s.svc.RevokeToken(r.Context(), a, id); err != nil {
		return err
	}
	http.Redirect(w, r, "/account/tokens", http.StatusSeeOther)
	return nil
}

// backToIndicator returns to the indicator page with a flash code.
func backToIndicator(w http.ResponseWriter, r *http.Request, id int64, param string) {
	http.Redirect(w, r, fmt.Sprintf("/indicators/%d?%s", id, param), http.StatusSeeOther)
}

func (s *Server) unlockPeriod(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a := service.ActorFrom(r.Context())
	if a.UserID == 0 {
		return auth.ErrUnauthenticated
	}
	until, err := time.Parse(time.DateOnly, r.PostFormValue("until"))
	if err != nil {
		backToIndicator(w, r, id, "fail=unlock_input")
		return nil
	}
	_, err = s.svc.UnlockPeriod(r.Context(), a, id, r.PostFormValue("period"), r.PostFormValue("reason"), until)
	var verrs progress.ValidationErrors
	var verr *progress.ValidationError
	switch {
	case errors.As(err, &verrs), errors.As(err, &verr):
		backToIndicator(w, r, id, "fail=unlock_input")
		return nil
	case err != nil:
		return err
	}
	backToIndicator(w, r, id, "done=unlocked")
	return nil
}

func (s *Server) reviseTarget(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a := service.ActorFrom(r.Context())
	if a.UserID == 0 {
		return auth.ErrUnauthenticated
	}
	from, ferr := time.Parse(time.DateOnly, r.PostFormValue("effective_from"))
	target, terr := parseAmount(r.PostFormValue("target"))
	targetMax, merr := parseAmount(r.PostFormValue("target_max"))
	if ferr != nil || terr != nil || merr != nil {
		// Check the right first, so that the form says "forbidden" before "bad input".
		if err := s.svc.ReviseTarget(r.Context(), a, id, progress.TargetRevision{}); errors.Is(err, auth.ErrForbidden) {
			return err
		}
		backToIndicator(w, r, id, "fail=target_input")
		return nil
	}
	err = s.svc.ReviseTarget(r.Context(), a, id, progress.TargetRevision{Target: target, TargetMax: targetMax,
		Qualifier: plan.Qualifier(r.PostFormValue("qualifier")), EffectiveFrom: from, Reason: r.PostFormValue("reason")})
	var verrs progress.ValidationErrors
	switch {
	case errors.As(err, &verrs):
		backToIndicator(w, r, id, "fail=target_input")
		return nil
	case err != nil:
		return err
	}
	backToIndicator(w, r, id, "done=target_revised#targets")
	return nil
}
