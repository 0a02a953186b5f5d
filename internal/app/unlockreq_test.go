package app

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
)

// 申请解锁's rows of the role matrix (matrix_test.go) and its reads.

func init() {
	allowed["POST /indicators/{id}/unlock-requests"] = []string{"admin", "reporter-own"}
	allowed["POST /unlock-requests/{id}/grant"] = []string{"admin", "reviewer-own"}
	allowed["POST /unlock-requests/{id}/decline"] = []string{"admin", "reviewer-own"}
}

// seedUnlockRequest makes the matrix world's pending request: the clerk asks for fdi's
// January (locked on 5 April) to be reopened.
func seedUnlockRequest(t *testing.T, svc *service.Service, clerk service.Actor, indicatorID int64) int64 {
	t.Helper()
	q, err := svc.RequestUnlock(context.Background(), clerk, indicatorID, "2022-01", "矩阵：补报一月")
	if err != nil {
		t.Fatal(err)
	}
	return q.ID
}

// unlockRequestRequest builds the call of a 申请解锁 route with a body that passes
// validation; nil for other routes.
func (w *matrixWorld) unlockRequestRequest(route, subject string) *http.Request {
	var path, body string
	switch route {
	case "POST /indicators/{id}/unlock-requests":
		path, body = fmt.Sprintf("/indicators/%d/unlock-requests", w.indicator), "period=2022-02&reason=补报二月"
	case "POST /unlock-requests/{id}/grant":
		path, body = fmt.Sprintf("/unlock-requests/%d/grant", w.unlockReq), fmt.Sprintf("plan=%d&until=2022-04-20", w.planID)
	case "POST /unlock-requests/{id}/decline":
		path, body = fmt.Sprintf("/unlock-requests/%d/decline", w.unlockReq), fmt.Sprintf("plan=%d&reason=一月已报", w.planID)
	default:
		return nil
	}
	req, _ := http.NewRequest(http.MethodPost, w.srv.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if tok := w.tokens[subject]; tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	return req
}

// Who sees a request to reopen a period, on the worklist and the review page, on both
// databases: the requesting department's reporter and reviewer and the district's admin;
// not another department, not the officer or the leader, not the other district, not the
// anonymous. Written out here, not derived from the code under test.
func TestUnlockRequestReads(t *testing.T) {
	eachDB(t, func(t *testing.T, open func(testing.TB) *store.Store) {
		w := newReadWorld(t, open(t))
		ctx := context.Background()
		green, err := w.svc.Store().IndicatorByCode(ctx, w.planID, "new-green-area")
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range []struct {
			login, marker string
			ind           int64
		}{{"clerk", "UNLOCK-COMMERCE", w.inds["PUB-1"]}, {"urbanclerk", "UNLOCK-URBAN", green.ID}} {
			if _, err := w.svc.RequestUnlock(ctx, actorOf(t, w.svc, x.login), x.ind, "2022-01", x.marker); err != nil {
				t.Fatalf("%s: %v", x.marker, err)
			}
		}
		sees := map[string][]string{
			"UNLOCK-COMMERCE": {"admin", "reporter-own", "reviewer-own"},
			"UNLOCK-URBAN":    {"admin", "reporter-other", "reviewer-other"},
		}
		for _, s := range readSubjects {
			pages := ""
			for _, path := range []string{fmt.Sprintf("/reports?plan=%d", w.planID), fmt.Sprintf("/review?plan=%d", w.planID)} {
				_, body := w.get(t, s.name, path)
				pages += body
			}
			for marker, who := range sees {
				want := false
				for _, n := range who {
					want = want || n == s.name
				}
				if got := strings.Contains(pages, marker); got != want {
					t.Errorf("%s sees %s: %v, want %v", s.name, marker, got, want)
				}
			}
		}
		// The reviewer sees the request where they decide it; the reporter on the worklist.
		if _, body := w.get(t, "reviewer-own", fmt.Sprintf("/review?plan=%d", w.planID)); !strings.Contains(body, "UNLOCK-COMMERCE") || !strings.Contains(body, "/grant") {
			t.Error("the department's reviewer has no grant form for the request")
		}
		if _, body := w.get(t, "reporter-own", fmt.Sprintf("/reports?plan=%d", w.planID)); !strings.Contains(body, "已申请解锁，待审核") {
			t.Error("the reporter's worklist does not say the request is pending")
		}
	})
}
