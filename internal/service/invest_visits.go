package service

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/invest"
	"github.com/lantu-dev/lantu/internal/store"
)

// VisitInput is what an officer gives for a visit. Officers are logins of those who go
// along besides the owner.
type VisitInput struct {
	Starts       time.Time
	Minutes      int
	City         string
	EnterpriseID int64
	Enterprise   string // who is visited when not yet an enterprise record
	LeadID       int64
	Officers     []string
	Purpose      string
	Outcome      string
	NextStep     string
	NextOn       time.Time
	Status       invest.VisitStatus
	Owner        string
	Illustrative bool
}

func newUID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b) // crypto/rand never fails (Go 1.24+)
	return "visit-" + hex.EncodeToString(b) + "@lantu"
}

func (s *Service) applyVisit(ctx context.Context, v *invest.Visit, in VisitInput) error {
	v.Starts, v.Minutes, v.City, v.EnterpriseID, v.Enterprise, v.LeadID = in.Starts, in.Minutes, in.City, in.EnterpriseID, in.Enterprise, in.LeadID
	v.Purpose, v.Outcome, v.NextStep, v.NextOn, v.Status = in.Purpose, in.Outcome, in.NextStep, in.NextOn, in.Status
	v.OfficerIDs = []int64{v.OwnerID}
	for _, login := range in.Officers {
		if strings.TrimSpace(login) == "" {
			continue
		}
		u, err := s.store.UserByLogin(ctx, auth.NormalizeLogin(login))
		if errors.Is(err, store.ErrNotFound) {
			return &auth.FieldError{Field: "officers", Code: "invalid", Message: fmt.Sprintf("no user %q", login)}
		}
		if err != nil {
			return err
		}
		if !slices.Contains(v.OfficerIDs, u.ID) {
			v.OfficerIDs = append(v.OfficerIDs, u.ID)
		}
	}
	v.Normalize()
	if err := v.Validate(); err != nil {
		return err
	}
	if v.EnterpriseID != 0 {
		e, err := s.store.Enterprise(ctx, v.EnterpriseID)
		if errors.Is(err, store.ErrNotFound) || (err == nil && e.RegionID != v.RegionID) {
			return &invest.Error{Code: "enterprise.unknown", Field: "enterprise_id", Args: []any{v.EnterpriseID}}
		}
		if err != nil {
			return err
		}
		if v.Enterprise == "" {
			v.Enterprise = e.Name
		}
	}
	if v.LeadID != 0 {
		l, err := s.store.Lead(ctx, v.LeadID)
		if errors.Is(err, store.ErrNotFound) || (err == nil && l.RegionID != v.RegionID) {
			return &invest.Error{Code: "lead.unknown", Field: "lead_id", Args: []any{v.LeadID}}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// CreateVisit plans a visit in the actor's calendar (or, for an admin, an officer's).
func (s *Service) CreateVisit(ctx context.Context, a Actor, in VisitInput) (invest.Visit, error) {
	var v invest.Visit
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		region, err := s.investRegion(ctx, a)
		if err != nil {
			return err
		}
		owner, dept, err := s.owner(ctx, a, in.Owner)
		if err != nil {
			return err
		}
		if err := s.can(a, auth.VisitManage, recordResource(region, dept, owner)); err != nil {
			return err
		}
		v = invest.Visit{RegionID: region, DeptID: dept, OwnerID: owner, UID: newUID(), Illustrative: in.Illustrative}
		if err := s.applyVisit(ctx, &v, in); err != nil {
			return err
		}
		if err := s.store.InsertVisit(ctx, &v); err != nil {
			return err
		}
		return s.record(ctx, a, v.RegionID, "visit.create", "visit", v.ID, nil, v, "")
	})
	return v, err
}

// UpdateVisit changes a visit (its outcome and next step after it took place, say);
// sequence is the one the officer edited, and every change bumps it so calendars update.
func (s *Service) UpdateVisit(ctx context.Context, a Actor, id int64, in VisitInput, sequence int) (invest.Visit, error) {
	var v invest.Visit
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		cur, err := s.store.Visit(ctx, id)
		if err != nil {
			return err
		}
		if err := s.can(a, auth.VisitManage, recordResource(cur.RegionID, cur.DeptID, cur.OwnerID)); err != nil {
			return err
		}
		if sequence >= 0 && sequence != cur.Sequence {
			return fmt.Errorf("visit %d is at sequence %d, the change was made to %d: %w", id, cur.Sequence, sequence, store.ErrConflict)
		}
		v = cur
		if err := s.applyVisit(ctx, &v, in); err != nil {
			return err
		}
		v.Sequence = cur.Sequence + 1
		if err := s.store.UpdateVisit(ctx, &v, cur.Sequence); err != nil {
			return err
		}
		return s.record(ctx, a, v.RegionID, "visit.edit", "visit", v.ID, cur, v, "")
	})
	return v, err
}

// Visits lists the visits the actor may see in a window.
func (s *Service) Visits(ctx context.Context, a Actor, f store.VisitFilter) ([]invest.Visit, error) {
	sc, err := s.investScope(ctx, a)
	if err != nil {
		return nil, err
	}
	return s.store.Visits(ctx, sc, f)
}

// Visit reads one visit.
func (s *Service) Visit(ctx context.Context, a Actor, id int64) (invest.Visit, error) {
	v, err := s.store.Visit(ctx, id)
	if err != nil {
		return v, err
	}
	return v, s.canRead(a, v.RegionID, v.DeptID)
}

// UpcomingVisits lists the actor's own planned visits from now on, for the start page
// (none for those who go on no visits).
func (s *Service) UpcomingVisits(ctx context.Context, a Actor, n int) ([]invest.Visit, error) {
	if a.UserID == 0 || !a.HasRole(auth.RoleOfficer) {
		return nil, nil
	}
	vs, err := s.store.Visits(ctx, store.InvestScope{RegionID: a.RegionID}, store.VisitFilter{From: s.Now().Add(-2 * time.Hour), OfficerID: a.UserID})
	if err != nil {
		return nil, err
	}
	vs = slices.DeleteFunc(vs, func(v invest.Visit) bool { return v.Status != invest.VisitPlanned })
	if len(vs) > n {
		vs = vs[:n]
	}
	return vs, nil
}

// calendarVisits is what a calendar of the actor shows: an officer's own visits; for
// those who read the whole centre (leaders, the head, admins), every visit they may see.
func (s *Service) calendarVisits(ctx context.Context, a Actor) ([]invest.Visit, error) {
	f := store.VisitFilter{} // every visit: a calendar keeps its past
	if a.HasRole(auth.RoleOfficer) {
		f.OfficerID = a.UserID
	}
	return s.Visits(ctx, a, f)
}

// WriteVisitsICal writes the actor's calendar of visits as iCalendar, in a language.
func (s *Service) WriteVisitsICal(ctx context.Context, a Actor, lang string, w io.Writer) error {
	vs, err := s.calendarVisits(ctx, a)
	if err != nil {
		return err
	}
	name := a.DisplayName
	if name == "" {
		name = a.Login
	}
	cal := invest.Calendar{Name: fmt.Sprintf(i18n.T(lang, "invest.ics.name"), name), Stamp: s.Now()}
	for _, v := range vs {
		var desc []string
		for _, f := range []struct{ key, text string }{{"invest.visit.purpose", v.Purpose}, {"invest.visit.outcome", v.Outcome}, {"invest.visit.next_step", v.NextStep}} {
			if f.text != "" {
				desc = append(desc, i18n.T(lang, f.key)+": "+f.text)
			}
		}
		if !v.NextOn.IsZero() {
			desc = append(desc, i18n.T(lang, "invest.visit.next_on")+": "+v.NextOn.Format(time.DateOnly))
		}
		if v.Illustrative {
			desc = append(desc, i18n.T(lang, "invest.illustrative"))
		}
		cal.Events = append(cal.Events, invest.CalendarEvent{
			UID: v.UID, Sequence: v.Sequence, Start: v.Starts, End: v.Ends(),
			Summary:  fmt.Sprintf(i18n.T(lang, "invest.ics.summary"), v.Enterprise, v.City),
			Location: v.City, Description: strings.Join(desc, "\n"), Cancelled: v.Status == invest.VisitCancelled, Updated: v.UpdatedAt,
		})
	}
	return invest.WriteICal(w, cal)
}

// CalendarSubscription is an officer's calendar link: the secret is shown once.
type CalendarSubscription struct {
	Secret    string
	Hint      string
	CreatedAt time.Time
}

// SubscribeCalendar makes the actor a new calendar subscription secret, revoking any
// earlier one (its link stops working).
func (s *Service) SubscribeCalendar(ctx context.Context, a Actor) (CalendarSubscription, error) {
	var out CalendarSubscription
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		if err := s.can(a, auth.CalendarSubscribe, auth.Resource{RegionID: a.RegionID, OwnerUserID: a.UserID}); err != nil {
			return err
		}
		if a.UserID == 0 {
			return auth.ErrUnauthenticated
		}
		if _, err := s.store.RevokeCalendarFeeds(ctx, a.UserID); err != nil {
			return err
		}
		plain, hash := auth.NewToken()
		f := store.CalendarFeed{UserID: a.UserID, Hash: hash, Hint: auth.TokenHint(plain)}
		if err := s.store.InsertCalendarFeed(ctx, &f); err != nil {
			return err
		}
		out = CalendarSubscription{Secret: plain, Hint: f.Hint, CreatedAt: f.CreatedAt}
		return s.record(ctx, a, a.RegionID, "calendar.subscribe", "user", a.UserID, nil, map[string]any{"hint": f.Hint}, "")
	})
	return out, err
}

// RevokeCalendar kills the actor's calendar subscription link.
func (s *Service) RevokeCalendar(ctx context.Context, a Actor) error {
	return s.store.WithTx(ctx, func(ctx context.Context) error {
		if a.UserID == 0 {
			return auth.ErrUnauthenticated
		}
		n, err := s.store.RevokeCalendarFeeds(ctx, a.UserID)
		if err != nil {
			return err
		}
		return s.record(ctx, a, a.RegionID, "calendar.revoke", "user", a.UserID, nil, nil, fmt.Sprintf("%d revoked", n))
	})
}

// CalendarStatus says whether the actor has a live subscription, and its hint.
func (s *Service) CalendarStatus(ctx context.Context, a Actor) (hint string, live bool, err error) {
	if a.UserID == 0 {
		return "", false, auth.ErrUnauthenticated
	}
	fs, err := s.store.CalendarFeeds(ctx, a.UserID)
	if err != nil {
		return "", false, err
	}
	for _, f := range fs {
		if f.RevokedAt.IsZero() {
			return f.Hint, true, nil
		}
	}
	return "", false, nil
}

// ErrBadSubscription is a calendar link whose secret is unknown or revoked.
var ErrBadSubscription = fmt.Errorf("calendar subscription: %w", auth.ErrUnauthenticated)

// CalendarActor finds whose calendar a subscription secret opens: the officer, with
// only what the officer may read. A revoked secret, or a user disabled since, opens
// nothing.
func (s *Service) CalendarActor(ctx context.Context, secret string) (Actor, error) {
	if !auth.LooksLikeToken(secret) {
		return Actor{}, ErrBadSubscription
	}
	f, err := s.store.CalendarFeedByHash(ctx, auth.HashToken(secret))
	if errors.Is(err, store.ErrNotFound) {
		return Actor{}, ErrBadSubscription
	}
	if err != nil {
		return Actor{}, err
	}
	if !f.RevokedAt.IsZero() {
		return Actor{}, ErrBadSubscription
	}
	u, err := s.store.UserByID(ctx, f.UserID)
	if err != nil {
		return Actor{}, err
	}
	p, err := auth.NewPrincipal(u)
	if err != nil {
		return Actor{}, ErrBadSubscription
	}
	return Actor{Principal: p}, nil
}

// ActorOf is a user as an actor, for the command line acting on their behalf (their
// calendar): with only what they may do.
func (s *Service) ActorOf(ctx context.Context, login string) (Actor, error) {
	u, err := s.store.UserByLogin(ctx, auth.NormalizeLogin(login))
	if err != nil {
		return Actor{}, err
	}
	u.MustChangePassword = false // the command line is not a sign-in
	p, err := auth.NewPrincipal(u)
	if err != nil {
		return Actor{}, err
	}
	return Actor{Principal: p, Address: "command line"}, nil
}

// CheckCalendarSubscribe says whether the actor may hold a calendar subscription.
func (s *Service) CheckCalendarSubscribe(a Actor) error {
	return s.can(a, auth.CalendarSubscribe, auth.Resource{RegionID: a.RegionID, OwnerUserID: a.UserID})
}
