package web

import (
	"net/http"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/httpauth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
)

// routes is the pages' route table: pattern, who may call it, the action its service
// checks and how the resource is found (see package httpauth). Every page is here; the
// role, read and CSRF tests read this table, so a row added without its tests fails them.
func (s *Server) routes(rt *httpauth.Router) {
	const (
		anyone   = httpauth.Anyone
		signedIn = httpauth.SignedIn
		visitor  = httpauth.Visitor
	)
	type row = httpauth.Route
	rt.Handle(
		row{Pattern: "GET /static/", Who: anyone, Find: httpauth.Static, Handler: s.assets},
		row{Pattern: "GET /favicon.ico", Who: anyone, Find: httpauth.Static, Handler: http.HandlerFunc(s.assets.favicon)},
		row{Pattern: "GET /healthz", Who: anyone, Find: httpauth.Static, Handler: http.HandlerFunc(s.healthz)},

		// Sign-in and one's own account.
		row{Pattern: "GET /login", Who: visitor, Find: httpauth.Self, Handler: s.page(s.loginForm)},
		row{Pattern: "POST /login", Who: visitor, Find: httpauth.Self, Handler: s.page(s.login)},
		row{Pattern: "POST /logout", Who: visitor, Find: httpauth.Self, Handler: s.page(s.logout)},
		row{Pattern: "GET /account/password", Who: signedIn, Find: httpauth.Self, Handler: s.page(s.passwordForm)},
		row{Pattern: "POST /account/password", Who: signedIn, Find: httpauth.Self, Handler: s.page(s.changePassword)},
		row{Pattern: "GET /account/tokens", Who: signedIn, Action: auth.TokenManageOwn, Find: httpauth.Self, Handler: s.page(s.tokensPage)},
		row{Pattern: "POST /account/tokens", Who: signedIn, Action: auth.TokenManageOwn, Find: httpauth.Self, Handler: s.page(s.tokenCreate)},
		row{Pattern: "POST /account/tokens/{id}/revoke", Who: signedIn, Action: auth.TokenManageAny, Find: httpauth.ByToken, Handler: s.page(s.tokenRevoke)},

		// Administration.
		row{Pattern: "GET /admin/audit", Who: signedIn, Action: auth.AuditRead, Find: httpauth.None, Handler: s.page(s.auditPage)},
		row{Pattern: "GET /admin/users", Who: signedIn, Action: auth.UserManage, Find: httpauth.None, Handler: s.page(s.usersPage)},
		row{Pattern: "POST /admin/users", Who: signedIn, Action: auth.UserManage, Find: httpauth.None, Handler: s.page(s.createUser)},
		row{Pattern: "GET /admin/users/{id}", Who: signedIn, Action: auth.UserManage, Find: httpauth.ByUser, Handler: s.page(s.userEditForm)},
		row{Pattern: "POST /admin/users/{id}", Who: signedIn, Action: auth.UserManage, Find: httpauth.ByUser, Handler: s.page(s.userEdit)},
		row{Pattern: "POST /admin/users/{id}/password", Who: signedIn, Action: auth.UserManage, Find: httpauth.ByUser, Handler: s.page(s.userResetPassword)},
		row{Pattern: "GET /admin/reminders", Who: signedIn, Action: auth.UserManage, Find: httpauth.None, Handler: s.page(s.remindersPage)},
		row{Pattern: "POST /admin/reminders", Who: signedIn, Action: auth.UserManage, Find: httpauth.None, Handler: s.page(s.remindersSave)},
		row{Pattern: "POST /admin/reminders/email", Who: signedIn, Action: auth.UserManage, Find: httpauth.ByUser, Handler: s.page(s.reminderEmail)},
		row{Pattern: "GET /admin/plan", Who: signedIn, Action: auth.PlanEdit, Find: httpauth.ByPlan, Handler: s.page(s.planEditPage)},
		row{Pattern: "GET /admin/plan/export", Who: signedIn, Action: auth.PlanEdit, Find: httpauth.ByPlan, Handler: s.page(s.planExport)},
		row{Pattern: "POST /admin/plan/import", Who: signedIn, Action: auth.PlanImport, Find: httpauth.None, Handler: s.page(s.planImport)},
		row{Pattern: "GET /admin/plan/{kind}/{id}", Who: signedIn, Action: auth.PlanEdit, Find: httpauth.ByPlanItem, Handler: s.page(s.planItemForm)},
		row{Pattern: "POST /admin/plan/{kind}", Who: signedIn, Action: auth.PlanEdit, Find: httpauth.ByPlan, Handler: s.page(s.planItemSave)},
		row{Pattern: "POST /admin/plan/{kind}/{id}", Who: signedIn, Action: auth.PlanEdit, Find: httpauth.ByPlanItem, Handler: s.page(s.planItemSave)},
		row{Pattern: "POST /admin/plan/{kind}/{id}/retire", Who: signedIn, Action: auth.PlanEdit, Find: httpauth.ByPlanItem, Handler: s.page(s.planItemRetire)},

		// The plan.
		row{Pattern: "GET /{$}", Who: anyone, Action: auth.PlanReadInternal, Find: httpauth.ByPlan, Handler: s.guard.CachePublic(s.page(s.keep(s.planPage)))},
		row{Pattern: "GET /plans/{id}", Who: anyone, Action: auth.PlanReadInternal, Find: httpauth.ByPlan, Handler: s.guard.CachePublic(s.page(s.keep(s.planPage)))},
		row{Pattern: "GET /plans/{id}/documents/{key}", Who: anyone, Action: auth.PlanReadInternal, Find: httpauth.ByDocument, Handler: s.page(s.documentPage)},
		row{Pattern: "POST /indicators/{id}/unlocks", Who: signedIn, Action: auth.PeriodUnlock, Find: httpauth.ByIndicator, Handler: s.page(s.unlockPeriod)},
		row{Pattern: "POST /indicators/{id}/targets", Who: signedIn, Action: auth.TargetRevise, Find: httpauth.ByIndicator, Handler: s.page(s.reviseTarget)},

		// Progress: status, reports, review.
		row{Pattern: "GET /status", Who: anyone, Action: auth.PlanReadInternal, Find: httpauth.ByPlan, Handler: s.guard.CachePublic(s.page(s.keep(s.statusPage)))},
		row{Pattern: "GET /indicators/{id}", Who: anyone, Action: auth.ReportRead, Find: httpauth.ByIndicator, Handler: s.guard.CachePublic(s.page(s.keepBy(s.svc.UsersStamp, s.indicatorPage)))},
		row{Pattern: "GET /reports", Who: signedIn, Action: auth.ReportRead, Find: httpauth.None, Handler: s.page(s.worklistPage)},
		row{Pattern: "GET /indicators/{id}/reports/new", Who: signedIn, Action: auth.ReportCreate, Find: httpauth.ByIndicator, Handler: s.page(s.newReportForm)},
		row{Pattern: "POST /indicators/{id}/reports", Who: signedIn, Action: auth.ReportCreate, Find: httpauth.ByIndicator, Handler: s.page(s.createReport)},
		row{Pattern: "GET /reports/{id}", Who: anyone, Action: auth.ReportRead, Find: httpauth.ByReport, Handler: s.page(s.showReport)},
		row{Pattern: "GET /reports/{id}/edit", Who: signedIn, Action: auth.ReportEdit, Find: httpauth.ByReport, Handler: s.page(s.editReportForm)},
		row{Pattern: "POST /reports/{id}", Who: signedIn, Action: auth.ReportEdit, Find: httpauth.ByReport, Handler: s.page(s.updateReport)},
		row{Pattern: "POST /reports/{id}/submit", Who: signedIn, Action: auth.ReportSubmit, Find: httpauth.ByReport, Handler: s.page(s.reportAction(progress.ActSubmit))},
		row{Pattern: "POST /reports/{id}/withdraw", Who: signedIn, Action: auth.ReportSubmit, Find: httpauth.ByReport, Handler: s.page(s.reportAction(progress.ActWithdraw))},
		row{Pattern: "POST /reports/{id}/approve", Who: signedIn, Action: auth.ReportApprove, Find: httpauth.ByReport, Handler: s.page(s.reportAction(progress.ActApprove))},
		row{Pattern: "POST /reports/{id}/reject", Who: signedIn, Action: auth.ReportReject, Find: httpauth.ByReport, Handler: s.page(s.reportAction(progress.ActReject))},
		row{Pattern: "POST /reports/{id}/correct", Who: signedIn, Action: auth.ReportEdit, Find: httpauth.ByReport, Handler: s.page(s.reportAction(progress.ActCorrect))},
		row{Pattern: "GET /evidence/{id}", Who: anyone, Action: auth.EvidenceRead, Find: httpauth.ByEvidence, Handler: s.page(s.evidenceFile)},
		row{Pattern: "GET /review", Who: signedIn, Action: auth.ReportApprove, Find: httpauth.None, Handler: s.page(s.reviewPage)},
		row{Pattern: "POST /review/approve", Who: signedIn, Action: auth.ReportApprove, Find: httpauth.None, Handler: s.page(s.batchApprove)},
		// 申请解锁: a reporter asks, the department's reviewer (or an admin) decides.
		row{Pattern: "POST /indicators/{id}/unlock-requests", Who: signedIn, Action: auth.ReportCreate, Find: httpauth.ByIndicator, Handler: s.page(s.requestUnlock)},
		row{Pattern: "POST /unlock-requests/{id}/grant", Who: signedIn, Action: auth.PeriodUnlock, Find: httpauth.ByUnlockRequest, Handler: s.page(s.grantUnlockRequest)},
		row{Pattern: "POST /unlock-requests/{id}/decline", Who: signedIn, Action: auth.PeriodUnlock, Find: httpauth.ByUnlockRequest, Handler: s.page(s.declineUnlockRequest)},

		// A city: standard codes across districts.
		row{Pattern: "GET /city", Who: anyone, Action: auth.PlanReadInternal, Find: httpauth.None, Handler: s.page(s.cityPage)},
		row{Pattern: "GET /city/codes/{code}", Who: anyone, Action: auth.PlanReadInternal, Find: httpauth.None, Handler: s.page(s.cityCodePage)},
		row{Pattern: "POST /review/remind", Who: signedIn, Action: auth.ReportApprove, Find: httpauth.ByPlan, Handler: s.page(s.reviewRemind)},
		row{Pattern: "POST /review/remind/department", Who: signedIn, Action: auth.ReportApprove, Find: httpauth.ByDepartment, Handler: s.page(s.remindDepartment)},

		// The leader's pages and outputs (internal reads; the status board and zone and
		// program pages are public as far as public indicators go).
		row{Pattern: "GET /cockpit", Who: signedIn, Action: auth.PlanReadInternal, Find: httpauth.ByPlan, Handler: s.page(s.keep(s.cockpitPage))},
		row{Pattern: "GET /ranking", Who: signedIn, Action: auth.PlanReadInternal, Find: httpauth.ByPlan, Handler: s.page(s.keep(s.rankingPage))},
		row{Pattern: "GET /bulletin", Who: signedIn, Action: auth.PlanReadInternal, Find: httpauth.ByPlan, Handler: s.page(s.keep(s.bulletinPage))},
		row{Pattern: "GET /bulletin.docx", Who: signedIn, Action: auth.PlanReadInternal, Find: httpauth.ByPlan, Handler: s.page(s.bulletinDocx)},
		row{Pattern: "GET /status.xlsx", Who: anyone, Action: auth.PlanReadInternal, Find: httpauth.ByPlan, Handler: s.page(s.statusXlsx)},
		row{Pattern: "GET /zones/{id}", Who: anyone, Action: auth.PlanReadInternal, Find: httpauth.ByZone, Handler: s.guard.CachePublic(s.page(s.keep(s.zonePage)))},
		row{Pattern: "GET /programs/{id}", Who: anyone, Action: auth.PlanReadInternal, Find: httpauth.ByProgram, Handler: s.guard.CachePublic(s.page(s.keep(s.programPage)))},

		// Excel reporting.
		row{Pattern: "GET /reports/workbook", Who: signedIn, Action: auth.ReportImport, Find: httpauth.ByDepartment, Handler: s.page(s.workbookPage)},
		row{Pattern: "GET /reports/workbook/template", Who: signedIn, Action: auth.ReportImport, Find: httpauth.ByDepartment, Handler: s.page(s.workbookTemplate)},
		row{Pattern: "POST /reports/workbook", Who: signedIn, Action: auth.ReportImport, Find: httpauth.ByDepartment, Handler: s.page(s.workbookUpload)},

		// Ingest: documents to facts to the plan.
		row{Pattern: "GET /ingest", Who: signedIn, Action: auth.DocumentIngest, Find: httpauth.ByPlan, Handler: s.page(s.ingestForm)},
		row{Pattern: "POST /ingest", Who: signedIn, Action: auth.DocumentIngest, Find: httpauth.ByPlan, Handler: s.page(s.ingestPost)},
		row{Pattern: "GET /ingest/{plan}/{key}", Who: signedIn, Action: auth.DocumentIngest, Find: httpauth.ByDocument, Handler: s.page(s.ingestDoc)},
		row{Pattern: "POST /ingest/{plan}/{key}/accept", Who: signedIn, Action: auth.DocumentIngest, Find: httpauth.ByDocument, Handler: s.page(s.ingestAccept)},
	)
	s.investRoutes(rt)
	rt.NotFound(s.page(func(w http.ResponseWriter, r *http.Request) error { return plan.ErrNotFound }))
}
