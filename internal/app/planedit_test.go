package app

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
)

// The plan pages' rows of the role matrix (matrix_test.go) and their reads.

var planEditAllowed = map[string][]string{
	"POST /admin/plan/import":             {"admin"},
	"POST /admin/plan/{kind}":             {"admin"},
	"POST /admin/plan/{kind}/{id}":        {"admin"},
	"POST /admin/plan/{kind}/{id}/retire": {"admin"},
}

func init() {
	for k, v := range planEditAllowed {
		allowed[k] = v
	}
	showsNothingPrivate["GET /admin/plan"] = "the plan's structure and departments, to its admins (TestPlanEditReads)"
	showsNothingPrivate["GET /admin/plan/export"] = "the plan file, to its admins (TestPlanEditReads)"
	showsNothingPrivate["GET /admin/plan/{kind}/{id}"] = "one plan item's form, to its admins (TestPlanEditReads)"
}

// planEditRequest builds the call of a plan write route with a body that passes
// validation; nil for other routes.
func (w *matrixWorld) planEditRequest(route, subject string, n int) *http.Request {
	if _, ok := planEditAllowed[route]; !ok {
		return nil
	}
	ctx := context.Background()
	p, err := w.svc.Plan(ctx, service.System, w.planID)
	if err != nil {
		panic(err)
	}
	zone := p.Zones[0]
	var project int64
	for _, z := range p.Zones {
		for _, pr := range z.Programs {
			if len(pr.Projects) > 0 && project == 0 {
				project = pr.Projects[0].ID
			}
		}
	}
	var body, ctype, path string
	form := "application/x-www-form-urlencoded"
	switch route {
	case "POST /admin/plan/import":
		data, err := os.ReadFile("../planfile/testdata/small.yaml")
		if err != nil {
			panic(err)
		}
		data = bytes.Replace(data, []byte("title: 测试计划"), []byte(fmt.Sprintf("title: 矩阵导入%d", n)), 1)
		var mp bytes.Buffer
		mw := multipart.NewWriter(&mp)
		fw, err := mw.CreateFormFile("file", "plan.yaml")
		if err == nil {
			_, err = fw.Write(data)
		}
		if err == nil {
			err = mw.Close()
		}
		if err != nil {
			panic(err)
		}
		path, body, ctype = "/admin/plan/import", mp.String(), mw.FormDataContentType()
	case "POST /admin/plan/{kind}":
		path, ctype = "/admin/plan/zones", form
		body = url.Values{"plan": {fmt.Sprint(w.planID)}, "code": {fmt.Sprintf("matrix-%d", n)}, "name": {"矩阵示范区"}}.Encode()
	case "POST /admin/plan/{kind}/{id}":
		path, ctype = fmt.Sprintf("/admin/plan/zones/%d", zone.ID), form
		body = url.Values{"version": {"1"}, "code": {zone.Code}, "name": {zone.Name + "（改）"}}.Encode()
	case "POST /admin/plan/{kind}/{id}/retire":
		path, ctype = fmt.Sprintf("/admin/plan/projects/%d/retire", project), form
		body = url.Values{"version": {"1"}}.Encode()
	}
	req, _ := http.NewRequest(http.MethodPost, w.srv.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", ctype)
	if tok := w.tokens[subject]; tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	return req
}

// The plan pages are the admin's of the plan's district: everyone else is refused (the
// anonymous sent to sign in), the other district's admin included, and a write by the
// other district's admin changes nothing.
func TestPlanEditReads(t *testing.T) {
	eachDB(t, func(t *testing.T, open func(testing.TB) *store.Store) {
		w := newReadWorld(t, open(t))
		ctx := context.Background()
		fdi, err := w.svc.Store().IndicatorByCode(ctx, w.planID, "fdi")
		if err != nil {
			t.Fatal(err)
		}
		pages := map[string]string{
			fmt.Sprintf("/admin/plan?plan=%d", w.planID):        "fdi",
			fmt.Sprintf("/admin/plan/export?plan=%d", w.planID): "format: lantu-plan/1",
			fmt.Sprintf("/admin/plan/indicators/%d", fdi.ID):    `name="version"`,
		}
		for _, s := range readSubjects {
			for path, marker := range pages {
				code, body := w.get(t, s.name, path)
				switch s.name {
				case "admin":
					if code != http.StatusOK || !strings.Contains(body, marker) {
						t.Errorf("admin at %s = %d without %q", path, code, marker)
					}
				case "anonymous":
					if code != http.StatusSeeOther && code != http.StatusUnauthorized {
						t.Errorf("anonymous at %s = %d", path, code)
					}
				default:
					if code != http.StatusForbidden && code != http.StatusNotFound {
						t.Errorf("%s at %s = %d, want 403", s.name, path, code)
					}
					if strings.Contains(body, marker) {
						t.Errorf("%s at %s sees %q", s.name, path, marker)
					}
				}
			}
		}
		// The other district's admin posts an edit and a retirement: refused, unchanged.
		for _, path := range []string{fmt.Sprintf("/admin/plan/indicators/%d", fdi.ID), fmt.Sprintf("/admin/plan/indicators/%d/retire", fdi.ID)} {
			req, _ := http.NewRequest(http.MethodPost, w.srv.URL+path, strings.NewReader(url.Values{
				"version": {"1"}, "code": {"fdi"}, "name": {"外区改名"}, "parent": {fmt.Sprint(fdi.ProgramID)}, "unit": {"美元"},
				"qualifier": {"about"}, "frequency": {"monthly"}, "accumulation": {"cumulative"}}.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Authorization", "Bearer "+w.tokens["admin-b"])
			res, err := noRedirect().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusForbidden {
				t.Errorf("admin-b POST %s = %d, want 403", path, res.StatusCode)
			}
		}
		if after, err := w.svc.Store().Indicator(ctx, fdi.ID); err != nil || after.Name != fdi.Name || after.Retired || after.EditVersion != fdi.EditVersion {
			t.Errorf("the other district's admin changed fdi: %+v %v", after, err)
		}
	})
}
