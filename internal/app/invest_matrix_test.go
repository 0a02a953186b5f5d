package app

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/invest"
	"github.com/lantu-dev/lantu/internal/service"
)

// The investment centre's write routes in the role matrix. The matrix's officer (no
// department) owns an enterprise, a lead and a visit; nobody else in the matrix owns any,
// and the centre's head is not among its subjects, so reassigning is the admin's there
// (the head's reassigning is tested in service and app invest tests).
var investAllowed = map[string][]string{
	"POST /api/v1/enterprises":               {"admin", "officer"},
	"PUT /api/v1/enterprises/{id}":           {"admin", "officer"},
	"POST /api/v1/enterprises/{id}/contacts": {"admin", "officer"},
	"POST /api/v1/enterprises/{id}/reassign": {"admin"},
	"POST /api/v1/chains":                    {"admin", "officer"},
	"POST /api/v1/leads":                     {"admin", "officer"},
	"PUT /api/v1/leads/{id}":                 {"admin", "officer"},
	"POST /api/v1/leads/{id}/move":           {"admin", "officer"},
	"POST /api/v1/leads/{id}/funds":          {"admin", "officer"},
	"POST /api/v1/leads/{id}/reassign":       {"admin"},
	"POST /api/v1/invest/import":             {"admin", "officer"},
	"POST /api/v1/visits":                    {"admin", "officer"},
	"PUT /api/v1/visits/{id}":                {"admin", "officer"},
	"POST /api/v1/calendar/subscription":     {"admin", "officer"},
	"DELETE /api/v1/calendar/subscription":   {"admin", "officer"},
	"POST /api/v1/rates":                     {"admin"},
	"POST /api/v1/indicators/{id}/feed":      {"admin"},
	"POST /invest/enterprises":               {"admin", "officer"},
	"POST /invest/leads":                     {"admin", "officer"},
	"POST /invest/leads/{id}/move":           {"admin", "officer"},
	"POST /invest/leads/{id}/funds":          {"admin", "officer"},
	"POST /invest/import":                    {"admin", "officer"},
	"POST /invest/visits":                    {"admin", "officer"},
	"POST /invest/calendar":                  {"admin", "officer"},
	"POST /invest/calendar/revoke":           {"admin", "officer"},
	"POST /invest/visits/{id}":               {"admin", "officer"},
	"POST /invest/leads/{id}":                {"admin", "officer"},
	"POST /invest/enterprises/{id}":          {"admin", "officer"},
	"POST /invest/chains":                    {"admin", "officer"},
	"POST /invest/enterprises/{id}/contacts": {"admin", "officer"},
	"POST /invest/enterprises/{id}/reassign": {"admin"},
	"POST /invest/leads/{id}/reassign":       {"admin"},
	"POST /invest/rates":                     {"admin"},
}

func init() {
	for k, v := range investAllowed {
		if _, dup := allowed[k]; dup {
			panic("invest route twice in the role matrix: " + k)
		}
		allowed[k] = v
	}
}

// matrixInvest holds the ids the invest routes act on.
type matrixInvest struct {
	enterprise, lead, visit, landed int64
}

func seedMatrixInvest(t *testing.T, svc *service.Service, planID int64) matrixInvest {
	t.Helper()
	ctx := context.Background()
	var m matrixInvest
	if _, err := svc.PutRate(ctx, service.System, invest.Rate{Currency: "EUR", On: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC), USD: decimal.RequireFromString("1.1")}); err != nil {
		t.Fatal(err)
	}
	e, err := svc.CreateEnterprise(ctx, service.System, service.EnterpriseInput{Name: "矩阵企业", Owner: "officer"})
	if err != nil {
		t.Fatal(err)
	}
	l, err := svc.CreateLead(ctx, service.System, service.LeadInput{Name: "矩阵项目", Owner: "officer", Stage: invest.StageNegotiation,
		StageOn: time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC), Foreign: true, Currency: "EUR"})
	if err != nil {
		t.Fatal(err)
	}
	v, err := svc.CreateVisit(ctx, service.System, service.VisitInput{Starts: time.Date(2022, 4, 8, 10, 0, 0, 0, service.China), City: "上海", Enterprise: "某企业", Owner: "officer"})
	if err != nil {
		t.Fatal(err)
	}
	ind, err := svc.Store().IndicatorByCode(ctx, planID, "projects-landed")
	if err != nil {
		t.Fatal(err)
	}
	m.enterprise, m.lead, m.visit, m.landed = e.ID, l.ID, v.ID, ind.ID
	return m
}

// investRequest builds the call of an invest write route with a body that passes
// validation; nil for other routes.
func (w *matrixWorld) investRequest(route, subject string, n int) *http.Request {
	if _, ok := investAllowed[route]; !ok {
		return nil
	}
	method, path, _ := strings.Cut(route, " ")
	id := map[string]int64{"enterprises": w.inv.enterprise, "leads": w.inv.lead, "visits": w.inv.visit, "indicators": w.inv.landed}
	for k, v := range id {
		path = strings.Replace(path, k+"/{id}", fmt.Sprintf("%s/%d", k, v), 1)
	}
	const form = "application/x-www-form-urlencoded"
	ctype, body := "application/json", map[string]string{
		"POST /api/v1/enterprises":               fmt.Sprintf(`{"name":"矩阵新企业%d"}`, n),
		"PUT /api/v1/enterprises/{id}":           `{"name":"矩阵企业","hq_city":"上海"}`,
		"POST /api/v1/enterprises/{id}/contacts": `{"name":"张三","phone":"13800000000"}`,
		"POST /api/v1/enterprises/{id}/reassign": `{"owner":"officer"}`,
		"POST /api/v1/chains":                    fmt.Sprintf(`{"code":"chain-%d","name":"链%d","links":[{"code":"a","name":"甲"}]}`, n, n),
		"POST /api/v1/leads":                     fmt.Sprintf(`{"name":"矩阵新项目%d"}`, n),
		"PUT /api/v1/leads/{id}":                 `{"name":"矩阵项目","park":"青凤高科产业园","foreign":true,"currency":"EUR"}`,
		"POST /api/v1/leads/{id}/move":           `{"to":"签约","on":"2022-04-01"}`,
		"POST /api/v1/leads/{id}/funds":          `{"amount":1000,"currency":"EUR","on":"2022-04-01"}`,
		"POST /api/v1/leads/{id}/reassign":       `{"owner":"officer"}`,
		"POST /api/v1/visits":                    `{"starts":"2022-04-09 10:00","city":"杭州","enterprise":"某企业"}`,
		"PUT /api/v1/visits/{id}":                `{"starts":"2022-04-08 10:00","city":"上海","enterprise":"某企业","outcome":"谈妥"}`,
		"POST /api/v1/calendar/subscription":     `{}`,
		"DELETE /api/v1/calendar/subscription":   ``,
		"POST /api/v1/rates":                     `{"currency":"HKD","on":"2022-01-01","usd":0.128}`,
		"POST /api/v1/indicators/{id}/feed":      `{"metric":"reached","stage":"landed"}`,
	}[route]
	switch route {
	case "POST /api/v1/invest/import":
		path += "?kind=enterprises"
		ctype, body = "text/csv", fmt.Sprintf("企业名称\n导入企业%d\n", n)
	case "POST /invest/enterprises":
		ctype, body = form, fmt.Sprintf("name=页面企业%d", n)
	case "POST /invest/leads":
		ctype, body = form, fmt.Sprintf("name=页面项目%d&stage=clue&stage_on=2022-04-01", n)
	case "POST /invest/leads/{id}/move":
		ctype, body = form, "to=landed&on=2022-04-02"
	case "POST /invest/leads/{id}/funds":
		ctype, body = form, "amount=1000&currency=EUR&on=2022-04-02"
	case "POST /invest/visits":
		ctype, body = form, "starts=2022-04-09T10:00&city=杭州&enterprise=某企业"
	case "POST /invest/chains":
		ctype, body = form, fmt.Sprintf("code=page-chain-%d&name=页面链%d&links=a+甲%%0Ab+乙+a%%0Ac+丙+a+延链", n, n)
	case "POST /invest/enterprises/{id}":
		ctype, body = form, "name=矩阵企业&hq_city=上海&kinds=listed&settled=1"
	case "POST /invest/leads/{id}":
		ctype, body = form, "name=矩阵项目&currency=EUR&foreign=1&planned_investment=5000万&park=青凤高科产业园"
	case "POST /invest/visits/{id}":
		ctype, body = form, "starts=2022-04-08T10:00&city=上海&status=done&outcome=谈妥&sequence=-1"
	case "POST /invest/enterprises/{id}/contacts":
		ctype, body = form, "name=李四&phone=13900000000"
	case "POST /invest/enterprises/{id}/reassign", "POST /invest/leads/{id}/reassign":
		ctype, body = form, "owner=officer"
	case "POST /invest/rates":
		ctype, body = form, "currency=JPY&on=2022-01-01&usd=0.0087"
	case "POST /invest/calendar", "POST /invest/calendar/revoke":
		ctype, body = form, ""
	case "POST /invest/import":
		var mp bytes.Buffer
		mw := multipart.NewWriter(&mp)
		// Writes to a bytes.Buffer do not fail.
		_ = mw.WriteField("kind", "enterprises")
		fw, _ := mw.CreateFormFile("file", "e.csv")
		fmt.Fprintf(fw, "企业名称\n页面导入企业%d\n", n)
		_ = mw.Close()
		ctype, body = mw.FormDataContentType(), mp.String()
	}
	req, _ := http.NewRequest(method, w.srv.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", ctype)
	if tok := w.tokens[subject]; tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	return req
}
