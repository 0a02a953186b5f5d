package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/lantu-dev/lantu/internal/audit"
	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/service"
)

// WriteRoutes lists every state-changing endpoint, so that the role-matrix test can
// prove each is guarded. A route added to routes() must be added here.
var WriteRoutes = []string{
	"POST /api/v1/users",
	"POST /api/v1/tokens",
	"DELETE /api/v1/tokens/{id}",
}

func (a *API) routes() {
	a.handle("GET /api/v1/me", a.me)
	a.handle("GET /api/v1/plans", a.plans)
	a.handle("GET /api/v1/plans/{id}", a.plan)
	a.handle("GET /api/v1/audit", a.audit)
	a.handle("GET /api/v1/users", a.users)
	a.handle("POST /api/v1/users", a.createUser)
	a.handle("GET /api/v1/tokens", a.tokens)
	a.handle("POST /api/v1/tokens", a.createToken)
	a.handle("DELETE /api/v1/tokens/{id}", a.revokeToken)
	a.progressRoutes()
	a.extractRoutes()
	a.workbookRoutes()
	a.evidenceRoutes()
	a.mux.Handle("/api/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, map[string]any{"error": ErrorBody{Code: "not_found", Message: "no such endpoint: " + r.Method + " " + r.URL.Path}})
	}))
}

func (a *API) me(r *http.Request) (any, error) {
	p := actor(r).Principal
	if p.UserID == 0 {
		return nil, auth.ErrUnauthenticated
	}
	return map[string]any{"id": p.UserID, "login": p.Login, "display_name": p.DisplayName, "roles": p.Roles,
		"departments": p.DeptIDs, "region_id": p.RegionID, "must_change_password": p.MustChangePassword}, nil
}

func (a *API) plans(r *http.Request) (any, error) {
	ps, err := a.svc.Plans(r.Context(), actor(r))
	if err != nil {
		return nil, err
	}
	out := make([]map[string]any, 0, len(ps))
	for _, p := range ps {
		out = append(out, map[string]any{"id": p.ID, "region": map[string]any{"code": p.RegionCode, "name": p.RegionName}, "year": p.Year, "title": p.Title})
	}
	return out, nil
}

func (a *API) plan(r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return a.svc.Plan(r.Context(), actor(r), id)
}

func (a *API) audit(r *http.Request) (any, error) {
	q := r.URL.Query()
	f := audit.Filter{Entity: q.Get("entity")}
	f.EntityID, _ = strconv.ParseInt(q.Get("entity_id"), 10, 64)
	f.UserID, _ = strconv.ParseInt(q.Get("user_id"), 10, 64)
	f.BeforeID, _ = strconv.ParseInt(q.Get("before"), 10, 64)
	f.Limit, _ = strconv.Atoi(q.Get("limit"))
	es, err := a.svc.Audit(r.Context(), actor(r), f)
	if es == nil && err == nil {
		es = []audit.Entry{}
	}
	return es, err
}

// userDTO is a user as the API shows it: never the password hash.
func userDTO(u auth.User) map[string]any {
	return map[string]any{"id": u.ID, "login": u.Login, "display_name": u.DisplayName, "roles": u.Roles,
		"departments": u.DeptIDs, "region_id": u.RegionID, "disabled": u.Disabled, "must_change_password": u.MustChangePassword}
}

func (a *API) users(r *http.Request) (any, error) {
	us, err := a.svc.Users(r.Context(), actor(r))
	if err != nil {
		return nil, err
	}
	out := make([]map[string]any, 0, len(us))
	for _, u := range us {
		out = append(out, userDTO(u))
	}
	return out, nil
}

func (a *API) createUser(r *http.Request) (any, error) {
	if actor(r).UserID == 0 {
		return nil, auth.ErrUnauthenticated
	}
	var in struct {
		Login       string   `json:"login"`
		DisplayName string   `json:"display_name"`
		Roles       []string `json:"roles"`
		Departments []string `json:"departments"` // department codes
		Region      string   `json:"region"`
		Password    string   `json:"password"`
	}
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	nu := service.NewUser{Login: in.Login, DisplayName: in.DisplayName, DeptCodes: in.Departments, RegionCode: in.Region, Password: in.Password}
	for _, s := range in.Roles {
		role, err := auth.ParseRole(s)
		if err != nil {
			return nil, &auth.FieldError{Field: "roles", Code: "invalid", Message: err.Error()}
		}
		nu.Roles = append(nu.Roles, role)
	}
	u, password, err := a.svc.CreateUser(r.Context(), actor(r), nu)
	if err != nil {
		return nil, err
	}
	out := userDTO(u)
	if in.Password == "" {
		out["password"] = password // generated: shown once
	}
	return out, nil
}

func (a *API) tokens(r *http.Request) (any, error) {
	ts, err := a.svc.Tokens(r.Context(), actor(r))
	if err != nil {
		return nil, err
	}
	out := make([]map[string]any, 0, len(ts))
	for _, t := range ts {
		out = append(out, tokenDTO(t))
	}
	return out, nil
}

func tokenDTO(t auth.APIToken) map[string]any {
	m := map[string]any{"id": t.ID, "user_id": t.UserID, "name": t.Name, "hint": t.Hint, "created_at": t.CreatedAt}
	if !t.ExpiresAt.IsZero() {
		m["expires_at"] = t.ExpiresAt
	}
	if !t.RevokedAt.IsZero() {
		m["revoked_at"] = t.RevokedAt
	}
	if !t.LastUsedAt.IsZero() {
		m["last_used_at"] = t.LastUsedAt
	}
	return m
}

func (a *API) createToken(r *http.Request) (any, error) {
	act := actor(r)
	if act.UserID == 0 {
		return nil, auth.ErrUnauthenticated
	}
	var in struct {
		User      string `json:"user"` // default: oneself
		Name      string `json:"name"`
		ExpiresIn string `json:"expires_in"` // e.g. "720h"
	}
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if in.User == "" {
		in.User = act.Login
	}
	var until time.Time
	if in.ExpiresIn != "" {
		d, err := time.ParseDuration(in.ExpiresIn)
		if err != nil || d <= 0 {
			return nil, &auth.FieldError{Field: "expires_in", Code: "invalid", Message: "is not a duration such as 720h"}
		}
		until = a.clock().Add(d)
	}
	plain, t, err := a.svc.CreateToken(r.Context(), act, in.User, in.Name, until)
	if err != nil {
		return nil, err
	}
	out := tokenDTO(t)
	out["token"] = plain // shown once
	return out, nil
}

func (a *API) revokeToken(r *http.Request) (any, error) {
	if actor(r).UserID == 0 {
		return nil, auth.ErrUnauthenticated
	}
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	if err := a.svc.RevokeToken(r.Context(), actor(r), id); err != nil {
		return nil, err
	}
	return created{http.StatusOK, map[string]any{"id": id, "revoked": true}}, nil
}
