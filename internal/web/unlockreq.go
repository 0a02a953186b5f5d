package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
)

// 申请解锁 on the pages: the worklist asks (a locked owed period's small form) and shows
// what became of each request; the review page lists the pending ones to grant or
// decline.

// unlockRequestRow is a request as the pages show it.
type unlockRequestRow struct {
	service.UnlockRequest
	PeriodText    string
	RequestedText string
}

func unlockRow(lang string, q service.UnlockRequest) unlockRequestRow {
	row := unlockRequestRow{UnlockRequest: q, PeriodText: q.Period, RequestedText: dateText(q.RequestedAt)}
	if p, err := progress.ParsePeriod(q.Period); err == nil {
		row.PeriodText = periodLabel(lang, p)
	}
	return row
}

// fillUnlockRequests puts the pending requests the reviewer may decide on the review page.
func (s *Server) fillUnlockRequests(r *http.Request, v *reviewView) error {
	ctx := r.Context()
	lang := requestLang(r)
	list, err := s.svc.PendingUnlockRequests(ctx, service.ActorFrom(ctx), v.Plan.ID)
	if err != nil {
		return err
	}
	for _, q := range list {
		v.Desk.Unlocks = append(v.Desk.Unlocks, unlockRow(lang, q))
	}
	v.Desk.GrantUntil = s.svc.Now().In(service.China).AddDate(0, 0, 7).Format(time.DateOnly)
	return nil
}

// worklistUnlocks reads the requests of the worklist's departments, by indicator and
// period (the newest first).
func (s *Server) worklistUnlocks(r *http.Request, planID int64) (map[int64][]unlockRequestRow, error) {
	ctx := r.Context()
	list, err := s.svc.MyUnlockRequests(ctx, service.ActorFrom(ctx), planID)
	if err != nil {
		return nil, err
	}
	out := map[int64][]unlockRequestRow{}
	for _, q := range list {
		out[q.IndicatorID] = append(out[q.IndicatorID], unlockRow(requestLang(r), q))
	}
	return out, nil
}

// requestUnlock is a reporter's 申请解锁 from the worklist.
func (s *Server) requestUnlock(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ctx := r.Context()
	q, err := s.svc.RequestUnlock(ctx, service.ActorFrom(ctx), id, r.PostFormValue("period"), r.PostFormValue("reason"))
	var refused *service.UnlockRequestError
	switch {
	case errors.As(err, &refused):
		ind, ierr := s.svc.Indicator(ctx, service.ActorFrom(ctx), id)
		if ierr != nil {
			return ierr
		}
		http.Redirect(w, r, fmt.Sprintf("/reports?plan=%d&fail=unlockreq_%s#ind-%d", ind.PlanID, refused.Code, id), http.StatusSeeOther)
		return nil
	case err != nil:
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/reports?plan=%d&done=unlock_requested#ind-%d", q.PlanID, id), http.StatusSeeOther)
	return nil
}

// grantUnlockRequest grants a request from the review page, until the date given.
func (s *Server) grantUnlockRequest(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var until time.Time
	if raw := r.PostFormValue("until"); raw != "" {
		if until, err = time.Parse(time.DateOnly, raw); err != nil {
			return s.backToReview(w, r, "fail=unlock_input")
		}
	}
	ctx := r.Context()
	if _, err := s.svc.GrantUnlockRequest(ctx, service.ActorFrom(ctx), id, until); err != nil {
		var verrs progress.ValidationErrors
		var verr *progress.ValidationError
		if errors.As(err, &verrs) || errors.As(err, &verr) {
			return s.backToReview(w, r, "fail=unlock_input")
		}
		return err
	}
	return s.backToReview(w, r, "done=unlock_granted")
}

// declineUnlockRequest declines a request with a reason the reporter sees.
func (s *Server) declineUnlockRequest(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ctx := r.Context()
	err = s.svc.DeclineUnlockRequest(ctx, service.ActorFrom(ctx), id, r.PostFormValue("reason"))
	var refused *service.UnlockRequestError
	switch {
	case errors.As(err, &refused):
		return s.backToReview(w, r, "fail=unlockreq_"+refused.Code)
	case err != nil:
		return err
	}
	return s.backToReview(w, r, "done=unlock_declined")
}

// backToReview redirects to the review page of the form's plan with an outcome.
func (s *Server) backToReview(w http.ResponseWriter, r *http.Request, outcome string) error {
	plan := ""
	if id, err := strconv.ParseInt(r.PostFormValue("plan"), 10, 64); err == nil && id > 0 {
		plan = fmt.Sprintf("plan=%d&", id)
	}
	http.Redirect(w, r, "/review?"+plan+outcome+"#unlock-requests", http.StatusSeeOther)
	return nil
}
