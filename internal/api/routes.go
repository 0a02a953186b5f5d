package api

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/lantu-dev/lantu/internal/audit"
	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/httpauth"
	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/problem"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
)

// routes is the API's route table: pattern, who may call it, the action its service
// checks and how the resource is found (see package httpauth). The role, read and CSRF
// tests read this table, so a row added without its tests fails them.
func (a *API) routes(rt *httpauth.Router) {
	const (
		anyone   = httpauth.Anyone
		signedIn = httpauth.SignedIn
	)
	type row = httpauth.Route
	rt.Handle(
		// Accounts, tokens, audit.
		row{Pattern: "GET /api/v1/me", Who: signedIn, Find: httpauth.Self, Handler: a.json(a.me)},
		row{Pattern: "GET /api/v1/users", Who: signedIn, Action: auth.UserManage, Find: httpauth.None, Handler: a.json(a.users)},
		row{Pattern: "POST /api/v1/users", Who: signedIn, Action: auth.UserManage, Find: httpauth.None, Handler: a.json(a.createUser)},
		row{Pattern: "GET /api/v1/tokens", Who: signedIn, Action: auth.TokenManageOwn, Find: httpauth.None, Handler: a.json(a.tokens)},
		row{Pattern: "POST /api/v1/tokens", Who: signedIn, Action: auth.TokenManageOwn, Find: httpauth.Self, Handler: a.json(a.createToken)},
		row{Pattern: "DELETE /api/v1/tokens/{id}", Who: signedIn, Action: auth.TokenManageAny, Find: httpauth.ByToken, Handler: a.json(a.revokeToken)},
		row{Pattern: "GET /api/v1/audit", Who: signedIn, Action: auth.AuditRead, Find: httpauth.None, Handler: a.json(a.audit)},

		// The plan.
		row{Pattern: "GET /api/v1/plans", Who: anyone, Action: auth.PlanReadInternal, Find: httpauth.None, Handler: a.json(a.plans)},
		row{Pattern: "GET /api/v1/plans/{id}", Who: anyone, Action: auth.PlanReadInternal, Find: httpauth.ByPlan, Handler: a.json(a.plan)},
		row{Pattern: "POST /api/v1/indicators/{id}/unlocks", Who: signedIn, Action: auth.PeriodUnlock, Find: httpauth.ByIndicator, Handler: a.json(a.unlock)},
		row{Pattern: "POST /api/v1/indicators/{id}/targets", Who: signedIn, Action: auth.TargetRevise, Find: httpauth.ByIndicator, Handler: a.json(a.reviseTarget)},

		// Progress: status, reports, review.
		row{Pattern: "GET /api/v1/status", Who: anyone, Action: auth.PlanReadInternal, Find: httpauth.ByPlan, Handler: a.guard.CacheReaders(a.json(a.planStatus))},
		row{Pattern: "GET /api/v1/indicators/{id}/status", Who: anyone, Action: auth.PlanReadInternal, Find: httpauth.ByIndicator, Handler: a.json(a.indicatorStatus)},
		row{Pattern: "GET /api/v1/indicators/{id}/reports", Who: anyone, Action: auth.ReportRead, Find: httpauth.ByIndicator, Handler: a.json(a.listReports)},
		row{Pattern: "POST /api/v1/indicators/{id}/reports", Who: signedIn, Action: auth.ReportCreate, Find: httpauth.ByIndicator, Handler: a.json(a.createReport)},
		row{Pattern: "GET /api/v1/reports/{id}", Who: anyone, Action: auth.ReportRead, Find: httpauth.ByReport, Handler: a.json(a.getReport)},
		row{Pattern: "PUT /api/v1/reports/{id}", Who: signedIn, Action: auth.ReportEdit, Find: httpauth.ByReport, Handler: a.json(a.updateReport)},
		row{Pattern: "POST /api/v1/reports/{id}/submit", Who: signedIn, Action: auth.ReportSubmit, Find: httpauth.ByReport, Handler: a.json(a.review(progress.ActSubmit))},
		row{Pattern: "POST /api/v1/reports/{id}/withdraw", Who: signedIn, Action: auth.ReportSubmit, Find: httpauth.ByReport, Handler: a.json(a.review(progress.ActWithdraw))},
		row{Pattern: "POST /api/v1/reports/{id}/approve", Who: signedIn, Action: auth.ReportApprove, Find: httpauth.ByReport, Handler: a.json(a.review(progress.ActApprove))},
		row{Pattern: "POST /api/v1/reports/{id}/reject", Who: signedIn, Action: auth.ReportReject, Find: httpauth.ByReport, Handler: a.json(a.review(progress.ActReject))},
		row{Pattern: "POST /api/v1/reports/{id}/correct", Who: signedIn, Action: auth.ReportEdit, Find: httpauth.ByReport, Handler: a.json(a.correctReport)},
		row{Pattern: "GET /api/v1/review", Who: signedIn, Action: auth.ReportApprove, Find: httpauth.None, Handler: a.json(a.reviewQueue)},
		row{Pattern: "GET /api/v1/departments/rates", Who: anyone, Action: auth.PlanReadInternal, Find: httpauth.ByPlan, Handler: a.json(a.rates)},

		// A city: standard codes across districts.
		row{Pattern: "GET /api/v1/city", Who: anyone, Action: auth.PlanReadInternal, Find: httpauth.None, Handler: a.json(a.cityOverview)},
		row{Pattern: "GET /api/v1/city/codes/{code}", Who: anyone, Action: auth.PlanReadInternal, Find: httpauth.None, Handler: a.json(a.cityIndicator)},

		// Evidence of a report.
		row{Pattern: "POST /api/v1/reports/{id}/evidence", Who: signedIn, Action: auth.EvidenceUpload, Find: httpauth.ByReport, Handler: a.json(a.addEvidence)},
		row{Pattern: "GET /api/v1/reports/{id}/evidence", Who: anyone, Action: auth.EvidenceRead, Find: httpauth.ByReport, Handler: a.json(a.listEvidence)},
		row{Pattern: "GET /api/v1/evidence/{id}", Who: anyone, Action: auth.EvidenceRead, Find: httpauth.ByEvidence, Handler: http.HandlerFunc(a.evidenceFile)},

		// Excel reporting.
		row{Pattern: "GET /api/v1/plans/{id}/template", Who: signedIn, Action: auth.ReportImport, Find: httpauth.ByDepartment, Handler: http.HandlerFunc(a.template)},
		row{Pattern: "POST /api/v1/plans/{id}/reports/import", Who: signedIn, Action: auth.ReportImport, Find: httpauth.ByDepartment, Handler: a.json(a.importReports)},

		// Ingest: documents to facts to the plan. Extract reads a posted text and stores nothing.
		row{Pattern: "POST /api/v1/extract", Who: signedIn, Find: httpauth.None, Handler: a.json(a.extract)},
		row{Pattern: "POST /api/v1/plans/{id}/documents", Who: signedIn, Action: auth.DocumentIngest, Find: httpauth.ByPlan, Handler: a.json(a.ingest)},
		row{Pattern: "GET /api/v1/plans/{id}/documents/{key}/facts", Who: signedIn, Action: auth.DocumentIngest, Find: httpauth.ByDocument, Handler: a.json(a.documentFacts)},
		row{Pattern: "POST /api/v1/plans/{id}/documents/{key}/accept", Who: signedIn, Action: auth.DocumentIngest, Find: httpauth.ByDocument, Handler: a.json(a.accept)},
	)
	a.investRoutes(rt)
	rt.NotFound(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
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
	f.Login = q.Get("who")
	switch q.Get("view") {
	case "signin":
		f.Actions = audit.SignIns
	case "changes":
		f.NotActions = audit.SignIns
	}
	if w := q.Get("what"); w != "" && q.Get("view") != "signin" {
		f.Actions = []string{w}
	}
	for _, b := range []struct {
		name string
		dst  *time.Time
		days int
	}{{"from", &f.From, 0}, {"to", &f.To, 1}} {
		if v := q.Get(b.name); v != "" {
			d, err := time.ParseInLocation(time.DateOnly, v, service.China)
			if err != nil {
				return nil, fmt.Errorf("%s %q: %w", b.name, v, problem.ErrBadRequest)
			}
			*b.dst = d.AddDate(0, 0, b.days)
		}
	}
	es, err := a.svc.Audit(r.Context(), actor(r), f)
	if err != nil {
		return nil, err
	}
	// Each entry with its action in words (the caller's language) and its time in China.
	lang := httpauth.Lang(r)
	out := make([]auditDTO, 0, len(es))
	for _, e := range es {
		d := auditDTO{Entry: e, AtChina: e.At.In(service.China).Format(time.RFC3339), ActionLabel: e.Action}
		if i18n.Has("audit.act." + e.Action) {
			d.ActionLabel = i18n.T(lang, "audit.act."+e.Action)
		}
		out = append(out, d)
	}
	return out, nil
}

// auditDTO is an audit entry as the API shows it.
type auditDTO struct {
	audit.Entry
	AtChina     string `json:"at_china"`
	ActionLabel string `json:"action_label"`
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
