package service

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/invest"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/store"
)

// The investment-promotion centre's use-cases: enterprises, chains, leads and their
// moves and funds, rates, visits and calendar subscriptions, and the indicators the
// pipeline feeds. Every write is one transaction with its audit row; a move or a funds
// record recomputes the fed indicators in that same transaction.

// Names the web and API layers use without reaching the store.
type (
	InvestScope      = store.InvestScope
	EnterpriseFilter = store.EnterpriseFilter
	LeadFilter       = store.LeadFilter
	VisitFilter      = store.VisitFilter
)

// ErrPipelineFed is matched (errors.Is) by a *FedError.
var ErrPipelineFed = errors.New("the indicator is fed by the investment pipeline; its figures are not reported by hand")

// FedError refuses a hand-entered report of a pipeline-fed indicator.
type FedError struct {
	IndicatorID int64
	Code        string
	Metric      invest.Metric
}

func (e *FedError) Error() string {
	return fmt.Sprintf("indicator %s (%d) is fed by the pipeline (%s): its figures are computed, not reported", e.Code, e.IndicatorID, e.Metric)
}

// Is makes errors.Is(err, ErrPipelineFed) true.
func (e *FedError) Is(target error) bool { return target == ErrPipelineFed }

// refuseFed returns a *FedError when the indicator is pipeline-fed.
func (s *Service) refuseFed(ctx context.Context, ind store.IndicatorRow) error {
	f, err := s.store.Feed(ctx, ind.ID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil
	case err != nil:
		return err
	}
	return &FedError{IndicatorID: ind.ID, Code: ind.Code, Metric: f.Metric}
}

// feedNote is the note on every report lantu computes from the pipeline.
const feedNote = "由招商项目库自动计算 / computed from the investment pipeline"

// investRegion is the region an actor's new records go into: its own, or for lantu
// itself and deployment-wide admins the only region there is.
func (s *Service) investRegion(ctx context.Context, a Actor) (int64, error) {
	if a.RegionID != 0 {
		return a.RegionID, nil
	}
	id, err := s.resolveRegion(ctx, "")
	if err != nil {
		return 0, err
	}
	if id == 0 {
		return 0, &auth.FieldError{Field: "region", Code: "required", Message: "the database holds several regions (or none): sign in as a user of one"}
	}
	return id, nil
}

// investScope is what of the centre's records the actor may list, for SQL; an actor
// who may see nothing of it is refused (401 for nobody, 403 for the rest).
func (s *Service) investScope(ctx context.Context, a Actor) (store.InvestScope, error) {
	if a.System {
		return store.InvestScope{}, nil
	}
	if a.UserID == 0 {
		return store.InvestScope{}, auth.ErrUnauthenticated
	}
	all, depts := auth.Reach(a.Principal, auth.InvestRead)
	switch {
	case all:
		return store.InvestScope{RegionID: a.RegionID}, nil
	case len(depts) > 0:
		// Only the centre's own head and clerks: a department officers belong to.
		centre, err := s.store.InvestDepartments(ctx, a.RegionID)
		if err != nil {
			return store.InvestScope{}, err
		}
		depts = slices.DeleteFunc(depts, func(d int64) bool { return !slices.Contains(centre, d) })
		if len(depts) > 0 {
			return store.InvestScope{RegionID: a.RegionID, Depts: depts}, nil
		}
	}
	return store.InvestScope{}, s.can(a, auth.InvestRead, auth.Resource{RegionID: a.RegionID, DeptID: -1})
}

func recordResource(region, dept, owner int64) auth.Resource {
	return auth.Resource{RegionID: region, DeptID: dept, OwnerUserID: owner}
}

// canRead checks invest.read on one record.
func (s *Service) canRead(a Actor, region, dept int64) error {
	return s.can(a, auth.InvestRead, recordResource(region, dept, 0))
}

// owner resolves who is to own a new record: the login given (an admin, or lantu, may
// give anyone's), else the actor. The record's department is the owner's first.
func (s *Service) owner(ctx context.Context, a Actor, login string) (id int64, dept int64, err error) {
	if login == "" {
		if a.UserID == 0 {
			return 0, 0, &auth.FieldError{Field: "owner", Code: "required", Message: "give the officer who owns the record"}
		}
		if len(a.DeptIDs) > 0 {
			dept = a.DeptIDs[0]
		}
		return a.UserID, dept, nil
	}
	u, err := s.store.UserByLogin(ctx, auth.NormalizeLogin(login))
	if errors.Is(err, store.ErrNotFound) {
		return 0, 0, &auth.FieldError{Field: "owner", Code: "invalid", Message: fmt.Sprintf("no user %q", login)}
	}
	if err != nil {
		return 0, 0, err
	}
	if len(u.DeptIDs) > 0 {
		dept = u.DeptIDs[0]
	}
	return u.ID, dept, nil
}

// ─── enterprises ───────────────────────────────────────────────────────────────

// EnterpriseInput is what an officer gives for an enterprise. Owner is a login, for an
// admin creating a record for an officer; empty: the actor.
type EnterpriseInput struct {
	Name, CreditCode, HQCity, Park, Notes string
	Kinds                                 []invest.Kind
	Settled                               bool
	LinkIDs                               []int64
	Owner                                 string
	Illustrative                          bool
	Contacts                              []invest.Contact
}

// CreateEnterprise adds an enterprise, unless one with the same credit code or
// normalised name exists: then a *invest.DuplicateError names it, to merge into instead.
func (s *Service) CreateEnterprise(ctx context.Context, a Actor, in EnterpriseInput) (invest.Enterprise, error) {
	var e invest.Enterprise
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		region, err := s.investRegion(ctx, a)
		if err != nil {
			return err
		}
		owner, dept, err := s.owner(ctx, a, in.Owner)
		if err != nil {
			return err
		}
		if err := s.can(a, auth.EnterpriseManage, recordResource(region, dept, owner)); err != nil {
			return err
		}
		e = invest.Enterprise{RegionID: region, DeptID: dept, Name: in.Name, CreditCode: in.CreditCode, HQCity: in.HQCity, Park: in.Park,
			Notes: in.Notes, Kinds: in.Kinds, Settled: in.Settled, LinkIDs: in.LinkIDs, OwnerID: owner, Illustrative: in.Illustrative}
		if e.Kinds == nil {
			e.Kinds = []invest.Kind{}
		}
		e.Normalize()
		if err := e.Validate(); err != nil {
			return err
		}
		if err := s.checkLinks(ctx, region, e.LinkIDs); err != nil {
			return err
		}
		if err := s.duplicate(ctx, e); err != nil {
			return err
		}
		if err := s.store.InsertEnterprise(ctx, &e); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return s.duplicateOrConflict(ctx, e, err)
			}
			return err
		}
		for _, c := range in.Contacts {
			c.EnterpriseID = e.ID
			if err := c.Validate(); err != nil {
				return err
			}
			if err := s.store.InsertContact(ctx, &c); err != nil {
				return err
			}
		}
		return s.record(ctx, a, e.RegionID, "enterprise.create", "enterprise", e.ID, nil, e, "")
	})
	return e, err
}

func (s *Service) duplicate(ctx context.Context, e invest.Enterprise) error {
	similar, err := s.store.SimilarEnterprises(ctx, e.RegionID, e.CreditCode, e.NameKey())
	if err != nil {
		return err
	}
	return invest.FindDuplicate(e, similar)
}

// duplicateOrConflict explains a unique violation a concurrent write caused.
func (s *Service) duplicateOrConflict(ctx context.Context, e invest.Enterprise, err error) error {
	if d := s.duplicate(ctx, e); d != nil {
		return d
	}
	return err
}

func (s *Service) checkLinks(ctx context.Context, region int64, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	links, err := s.store.Links(ctx, 0, region)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if !slices.ContainsFunc(links, func(l invest.Link) bool { return l.ID == id }) {
			return &invest.Error{Code: "link.unknown", Field: "link_ids", Args: []any{id}}
		}
	}
	return nil
}

// UpdateEnterprise changes an enterprise's fields (not its owner: see Reassign); version
// is the one the officer edited.
func (s *Service) UpdateEnterprise(ctx context.Context, a Actor, id int64, in EnterpriseInput, version int) (invest.Enterprise, error) {
	var e invest.Enterprise
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		cur, err := s.store.Enterprise(ctx, id)
		if err != nil {
			return err
		}
		if err := s.can(a, auth.EnterpriseManage, recordResource(cur.RegionID, cur.DeptID, cur.OwnerID)); err != nil {
			return err
		}
		if version != 0 && version != cur.Version {
			return fmt.Errorf("enterprise %d is at version %d, the change was made to %d: %w", id, cur.Version, version, store.ErrConflict)
		}
		e = cur
		e.Name, e.CreditCode, e.HQCity, e.Park, e.Notes, e.Settled = in.Name, in.CreditCode, in.HQCity, in.Park, in.Notes, in.Settled
		if in.Kinds != nil {
			e.Kinds = in.Kinds
		}
		if in.LinkIDs != nil {
			e.LinkIDs = in.LinkIDs
		}
		e.Version++
		e.Normalize()
		if err := e.Validate(); err != nil {
			return err
		}
		if err := s.checkLinks(ctx, e.RegionID, e.LinkIDs); err != nil {
			return err
		}
		if err := s.duplicate(ctx, e); err != nil {
			return err
		}
		if err := s.store.UpdateEnterprise(ctx, &e, cur.Version); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return s.duplicateOrConflict(ctx, e, err)
			}
			return err
		}
		return s.record(ctx, a, e.RegionID, "enterprise.edit", "enterprise", e.ID, cur, e, "")
	})
	return e, err
}

// Enterprises lists the enterprises the actor may see.
func (s *Service) Enterprises(ctx context.Context, a Actor, f store.EnterpriseFilter) ([]invest.Enterprise, error) {
	sc, err := s.investScope(ctx, a)
	if err != nil {
		return nil, err
	}
	return s.store.Enterprises(ctx, sc, f)
}

// Enterprise reads one enterprise for those who may see it.
func (s *Service) Enterprise(ctx context.Context, a Actor, id int64) (invest.Enterprise, error) {
	e, err := s.store.Enterprise(ctx, id)
	if err != nil {
		return e, err
	}
	return e, s.canRead(a, e.RegionID, e.DeptID)
}

// MaySeeContacts says whether the actor may see an enterprise's contacts (to show the
// link to them); Contacts still checks.
func (s *Service) MaySeeContacts(a Actor, e invest.Enterprise) bool {
	return s.can(a, auth.ContactRead, recordResource(e.RegionID, e.DeptID, e.OwnerID)) == nil
}

// Contacts lists an enterprise's contacts: personal data, for the owning officer, the
// centre's head and admins only. Every read writes an audit row, in the read's own
// transaction: no audit row, no contacts.
func (s *Service) Contacts(ctx context.Context, a Actor, enterpriseID int64) ([]invest.Contact, error) {
	var out []invest.Contact
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		e, err := s.store.Enterprise(ctx, enterpriseID)
		if err != nil {
			return err
		}
		if err := s.can(a, auth.ContactRead, recordResource(e.RegionID, e.DeptID, e.OwnerID)); err != nil {
			return err
		}
		if out, err = s.store.Contacts(ctx, enterpriseID); err != nil {
			return err
		}
		return s.record(ctx, a, e.RegionID, "contact.read", "enterprise", enterpriseID, nil, nil, fmt.Sprintf("%d contacts", len(out)))
	})
	return out, err
}

// AddContact adds a contact to an enterprise the actor owns.
func (s *Service) AddContact(ctx context.Context, a Actor, enterpriseID int64, c invest.Contact) (invest.Contact, error) {
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		e, err := s.store.Enterprise(ctx, enterpriseID)
		if err != nil {
			return err
		}
		if err := s.can(a, auth.EnterpriseManage, recordResource(e.RegionID, e.DeptID, e.OwnerID)); err != nil {
			return err
		}
		c.EnterpriseID, c.Name = e.ID, strings.TrimSpace(c.Name)
		if err := c.Validate(); err != nil {
			return err
		}
		if err := s.store.InsertContact(ctx, &c); err != nil {
			return err
		}
		// The audit row keeps that a contact was added, not the personal data itself.
		return s.record(ctx, a, e.RegionID, "contact.create", "enterprise", e.ID, nil, map[string]any{"contact": c.ID}, "")
	})
	return c, err
}

// ─── reassigning ───────────────────────────────────────────────────────────────

// Reassign gives an enterprise, lead or visit ("enterprise", "lead", "visit") to another
// officer: the centre's head (of the record's department) or an admin does it.
func (s *Service) Reassign(ctx context.Context, a Actor, kind string, id int64, toLogin string) error {
	return s.store.WithTx(ctx, func(ctx context.Context) error {
		if kind == "enterprise" || kind == "lead" || kind == "visit" {
			if err := s.CheckInvest(ctx, a, auth.InvestReassign, kind, id); err != nil {
				return err
			}
		}
		to, err := s.store.UserByLogin(ctx, auth.NormalizeLogin(toLogin))
		if errors.Is(err, store.ErrNotFound) {
			return &auth.FieldError{Field: "owner", Code: "invalid", Message: fmt.Sprintf("no user %q", toLogin)}
		}
		if err != nil {
			return err
		}
		if !to.HasRole(auth.RoleOfficer) && !to.HasRole(auth.RoleAdmin) {
			return &auth.FieldError{Field: "owner", Code: "invalid", Message: fmt.Sprintf("%s is not an investment officer", to.Login)}
		}
		var region, dept, before int64
		switch kind {
		case "enterprise":
			e, err := s.store.Enterprise(ctx, id)
			if err != nil {
				return err
			}
			region, dept, before = e.RegionID, e.DeptID, e.OwnerID
			if err := s.can(a, auth.InvestReassign, recordResource(region, dept, before)); err != nil {
				return err
			}
			e.OwnerID = to.ID
			e.Version++
			if err := s.store.UpdateEnterprise(ctx, &e, e.Version-1); err != nil {
				return err
			}
		case "lead":
			l, err := s.store.LeadForUpdate(ctx, id)
			if err != nil {
				return err
			}
			region, dept, before = l.RegionID, l.DeptID, l.OwnerID
			if err := s.can(a, auth.InvestReassign, recordResource(region, dept, before)); err != nil {
				return err
			}
			l.OwnerID = to.ID
			l.Version++
			if err := s.store.UpdateLead(ctx, &l, l.Version-1); err != nil {
				return err
			}
		case "visit":
			v, err := s.store.Visit(ctx, id)
			if err != nil {
				return err
			}
			region, dept, before = v.RegionID, v.DeptID, v.OwnerID
			if err := s.can(a, auth.InvestReassign, recordResource(region, dept, before)); err != nil {
				return err
			}
			v.OfficerIDs = slices.DeleteFunc(v.OfficerIDs, func(u int64) bool { return u == before })
			v.OwnerID = to.ID
			v.Sequence++
			v.Normalize()
			if err := s.store.UpdateVisit(ctx, &v, v.Sequence-1); err != nil {
				return err
			}
		default:
			return &auth.FieldError{Field: "kind", Code: "invalid", Message: fmt.Sprintf("%q is not enterprise, lead or visit", kind)}
		}
		return s.record(ctx, a, region, kind+".reassign", kind, id, map[string]any{"owner": before}, map[string]any{"owner": to.ID}, "")
	})
}

// ─── chains ────────────────────────────────────────────────────────────────────

// ChainTree is a chain with its links as a tree, and what is at each.
type ChainTree struct {
	invest.Chain
	Roots []*invest.LinkNode
	// Gaps counts the links of each kind of gap.
	Gaps map[invest.Gap]int
}

// Chains lists the industry chains of the actor's region.
func (s *Service) Chains(ctx context.Context, a Actor) ([]invest.Chain, error) {
	sc, err := s.investScope(ctx, a)
	if err != nil {
		return nil, err
	}
	return s.store.Chains(ctx, sc.RegionID)
}

// Chain reads a chain as a tree with the enterprises and leads at each link (the leads
// and enterprises of other departments are left out for a reader of some departments).
func (s *Service) Chain(ctx context.Context, a Actor, id int64) (ChainTree, error) {
	c, err := s.store.Chain(ctx, id)
	if err != nil {
		return ChainTree{}, err
	}
	sc, err := s.investScope(ctx, a)
	if err != nil {
		return ChainTree{}, err
	}
	if err := s.canRead(a, c.RegionID, 0); err != nil && sc.Depts == nil {
		return ChainTree{}, err
	}
	if sc.RegionID != 0 && sc.RegionID != c.RegionID {
		return ChainTree{}, fmt.Errorf("chain %d: %w", id, auth.ErrForbidden)
	}
	links, err := s.store.Links(ctx, id, 0)
	if err != nil {
		return ChainTree{}, err
	}
	ids := make([]int64, len(links))
	for i, l := range links {
		ids[i] = l.ID
	}
	ents, err := s.store.Enterprises(ctx, sc, store.EnterpriseFilter{LinkIDs: ids})
	if err != nil {
		return ChainTree{}, err
	}
	leads, err := s.store.Leads(ctx, sc, store.LeadFilter{LinkIDs: ids})
	if err != nil {
		return ChainTree{}, err
	}
	t := ChainTree{Chain: c, Roots: invest.BuildTree(links, ents, leads), Gaps: map[invest.Gap]int{}}
	for _, n := range invest.Flatten(t.Roots) {
		t.Gaps[n.Gap]++
	}
	return t, nil
}

// ChainInput is a chain with its links, parents named by code.
type ChainInput struct {
	Code, Name string
	Links      []LinkInput
}

// LinkInput is one link of a new chain.
type LinkInput struct {
	Code, Name, Parent string
	Extension          bool
}

// CreateChain adds an industry chain with its links, whole or not at all.
func (s *Service) CreateChain(ctx context.Context, a Actor, in ChainInput) (invest.Chain, error) {
	var c invest.Chain
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		region, err := s.investRegion(ctx, a)
		if err != nil {
			return err
		}
		if err := s.can(a, auth.ChainManage, auth.Resource{RegionID: region}); err != nil {
			return err
		}
		c = invest.Chain{RegionID: region, Code: strings.TrimSpace(in.Code), Name: strings.TrimSpace(in.Name)}
		if c.Name == "" || !plan.ValidCode(c.Code) {
			return &invest.Error{Code: "chain.invalid", Field: "code", Args: []any{c.Code}}
		}
		existing, err := s.store.Chains(ctx, region)
		if err != nil {
			return err
		}
		c.Position = len(existing) + 1
		if err := s.store.InsertChain(ctx, &c); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return &invest.Error{Code: "chain.exists", Field: "code", Args: []any{c.Code}}
			}
			return err
		}
		// Validate the tree first, with provisional ids, then insert parents before children.
		links := make([]invest.Link, len(in.Links))
		byCode := map[string]int64{}
		for i, l := range in.Links {
			links[i] = invest.Link{ID: int64(i + 1), Code: strings.TrimSpace(l.Code), Name: strings.TrimSpace(l.Name), Extension: l.Extension, Position: i + 1}
			byCode[links[i].Code] = int64(i + 1)
		}
		for i, l := range in.Links {
			if l.Parent == "" {
				continue
			}
			p, ok := byCode[l.Parent]
			if !ok {
				return &invest.Error{Code: "link.parent", Field: "parent", Args: []any{l.Code, l.Parent}}
			}
			links[i].ParentID = p
		}
		if err := invest.ValidateLinks(links); err != nil {
			return err
		}
		stored := map[int64]int64{}
		for len(stored) < len(links) {
			progressed := false
			for _, l := range links {
				if _, done := stored[l.ID]; done {
					continue
				}
				parent, ok := stored[l.ParentID]
				if l.ParentID != 0 && !ok {
					continue
				}
				nl := l
				nl.ChainID, nl.ParentID = c.ID, parent
				if err := s.store.InsertLink(ctx, &nl); err != nil {
					return err
				}
				stored[l.ID] = nl.ID
				progressed = true
			}
			if !progressed {
				return &invest.Error{Code: "link.cycle", Field: "parent"}
			}
		}
		return s.record(ctx, a, c.RegionID, "chain.create", "chain", c.ID, nil, in, "")
	})
	return c, err
}

// ─── leads ─────────────────────────────────────────────────────────────────────

// LeadInput is what an officer gives for a project lead.
type LeadInput struct {
	Name              string
	EnterpriseID      int64
	Stage             invest.Stage // the stage it starts at (线索 when empty)
	StageOn           time.Time    // when it reached it (today when zero)
	PlannedInvestment *decimal.Decimal
	Currency          invest.Currency
	Foreign           bool
	YearlyOutput      *decimal.Decimal
	YearlyTax         *decimal.Decimal
	Park              string
	LinkID            int64
	Notes             string
	Owner             string
	Illustrative      bool
}

func (in LeadInput) apply(l *invest.Lead) {
	l.Name, l.EnterpriseID, l.PlannedInvestment, l.Currency, l.Foreign = in.Name, in.EnterpriseID, in.PlannedInvestment, in.Currency, in.Foreign
	l.YearlyOutput, l.YearlyTax, l.Park, l.LinkID, l.Notes = in.YearlyOutput, in.YearlyTax, in.Park, in.LinkID, in.Notes
}

// today is the China date of the service's clock.
func (s *Service) today() time.Time { return invest.DateOf(s.Now()) }

// checkStageDate refuses a stage date in the future or before the last move.
func (s *Service) checkStageDate(on, after time.Time) error {
	if on.After(s.today()) {
		return &invest.Error{Code: "date.future", Field: "on", Args: []any{on.Format(time.DateOnly)}}
	}
	if !after.IsZero() && on.Before(after) {
		return &invest.Error{Code: "date.before_last", Field: "on", Args: []any{on.Format(time.DateOnly), after.Format(time.DateOnly)}}
	}
	return nil
}

// CreateLead adds a project lead at its first stage; a lead that starts from 签约 on
// counts in the fed indicators at once.
func (s *Service) CreateLead(ctx context.Context, a Actor, in LeadInput) (invest.Lead, error) {
	var l invest.Lead
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		region, err := s.investRegion(ctx, a)
		if err != nil {
			return err
		}
		owner, dept, err := s.owner(ctx, a, in.Owner)
		if err != nil {
			return err
		}
		if err := s.can(a, auth.PipelineManage, recordResource(region, dept, owner)); err != nil {
			return err
		}
		l = invest.Lead{RegionID: region, DeptID: dept, OwnerID: owner, Stage: in.Stage, StageOn: in.StageOn, Illustrative: in.Illustrative}
		in.apply(&l)
		if l.StageOn.IsZero() {
			l.StageOn = s.today()
		}
		l.Normalize()
		if err := l.Validate(); err != nil {
			return err
		}
		if err := s.checkStageDate(l.StageOn, time.Time{}); err != nil {
			return err
		}
		if err := s.checkLeadRefs(ctx, region, l); err != nil {
			return err
		}
		if err := s.store.InsertLead(ctx, &l); err != nil {
			return err
		}
		m := invest.Move{LeadID: l.ID, To: l.Stage, On: l.StageOn, By: a.UserID}
		if err := s.store.InsertMove(ctx, &m); err != nil {
			return err
		}
		if err := s.record(ctx, a, l.RegionID, "lead.create", "lead", l.ID, nil, l, ""); err != nil {
			return err
		}
		return s.recomputeFeeds(ctx, a, region)
	})
	return l, err
}

func (s *Service) checkLeadRefs(ctx context.Context, region int64, l invest.Lead) error {
	if l.EnterpriseID != 0 {
		e, err := s.store.Enterprise(ctx, l.EnterpriseID)
		if errors.Is(err, store.ErrNotFound) || (err == nil && e.RegionID != region) {
			return &invest.Error{Code: "enterprise.unknown", Field: "enterprise_id", Args: []any{l.EnterpriseID}}
		}
		if err != nil {
			return err
		}
	}
	if l.LinkID != 0 {
		return s.checkLinks(ctx, region, []int64{l.LinkID})
	}
	return nil
}

// UpdateLead changes a lead's figures and notes (not its stage: see MoveLead).
func (s *Service) UpdateLead(ctx context.Context, a Actor, id int64, in LeadInput, version int) (invest.Lead, error) {
	var l invest.Lead
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		cur, err := s.store.LeadForUpdate(ctx, id)
		if err != nil {
			return err
		}
		if err := s.can(a, auth.PipelineManage, recordResource(cur.RegionID, cur.DeptID, cur.OwnerID)); err != nil {
			return err
		}
		if version != 0 && version != cur.Version {
			return fmt.Errorf("lead %d is at version %d, the change was made to %d: %w", id, cur.Version, version, store.ErrConflict)
		}
		l = cur
		in.apply(&l)
		l.Version++
		l.Normalize()
		if err := l.Validate(); err != nil {
			return err
		}
		if err := s.checkLeadRefs(ctx, l.RegionID, l); err != nil {
			return err
		}
		if err := s.store.UpdateLead(ctx, &l, cur.Version); err != nil {
			return err
		}
		if err := s.record(ctx, a, l.RegionID, "lead.edit", "lead", l.ID, cur, l, ""); err != nil {
			return err
		}
		// Planned investment counts in a fed "signed investment" indicator.
		return s.recomputeFeeds(ctx, a, l.RegionID)
	})
	return l, err
}

// MoveInput moves a lead: to a stage, reached on a date (today when zero), with a
// reason for 终止 and reopening; Version is the lead's as the officer saw it (0: any).
type MoveInput struct {
	To      invest.Stage
	On      time.Time
	Reason  string
	Version int
}

// MoveLead moves a lead through the pipeline, keeps the move in its history, and
// recomputes every indicator the pipeline feeds, all in one transaction: the 项目落地
// indicator and its status change with the move or not at all.
func (s *Service) MoveLead(ctx context.Context, a Actor, id int64, in MoveInput) (invest.Lead, error) {
	var l invest.Lead
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		cur, err := s.store.LeadForUpdate(ctx, id)
		if err != nil {
			return err
		}
		if err := s.can(a, auth.PipelineManage, recordResource(cur.RegionID, cur.DeptID, cur.OwnerID)); err != nil {
			return err
		}
		if in.Version != 0 && in.Version != cur.Version {
			return fmt.Errorf("lead %d is at version %d, the move was made to %d: %w", id, cur.Version, in.Version, store.ErrConflict)
		}
		moves, err := s.store.Moves(ctx, 0, []int64{id})
		if err != nil {
			return err
		}
		if err := invest.CheckMove(cur.Stage, in.To, invest.StageBefore(moves), in.Reason); err != nil {
			return err
		}
		on := in.On
		if on.IsZero() {
			on = s.today()
		}
		var last time.Time
		if len(moves) > 0 {
			last = moves[len(moves)-1].On
		}
		if err := s.checkStageDate(on, last); err != nil {
			return err
		}
		l = cur
		l.Stage, l.StageOn, l.Version = in.To, on, cur.Version+1
		l.Reason = ""
		if in.To == invest.StageTerminated {
			l.Reason = strings.TrimSpace(in.Reason)
		}
		if err := s.store.UpdateLead(ctx, &l, cur.Version); err != nil {
			return err
		}
		m := invest.Move{LeadID: id, From: cur.Stage, To: in.To, On: on, Reason: strings.TrimSpace(in.Reason), By: a.UserID}
		if err := s.store.InsertMove(ctx, &m); err != nil {
			return err
		}
		if err := s.record(ctx, a, l.RegionID, "lead.move", "lead", id, map[string]any{"stage": cur.Stage, "on": cur.StageOn.Format(time.DateOnly)},
			map[string]any{"stage": l.Stage, "on": on.Format(time.DateOnly), "reason": m.Reason}, ""); err != nil {
			return err
		}
		return s.recomputeFeeds(ctx, a, l.RegionID)
	})
	return l, err
}

// FundsInput is money arrived for a lead (到资).
type FundsInput struct {
	On       time.Time
	Amount   decimal.Decimal
	Currency invest.Currency
	Foreign  *bool // nil: as the lead is foreign-funded or not
	Note     string
}

// RecordFunds records funds arrived for a lead, priced in 美元 at the rate in force that
// day (kept on the record), and recomputes the fed indicators in the same transaction:
// 实际利用外资 moves with it.
func (s *Service) RecordFunds(ctx context.Context, a Actor, leadID int64, in FundsInput) (invest.Funds, error) {
	var f invest.Funds
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		l, err := s.store.LeadForUpdate(ctx, leadID)
		if err != nil {
			return err
		}
		if err := s.can(a, auth.PipelineManage, recordResource(l.RegionID, l.DeptID, l.OwnerID)); err != nil {
			return err
		}
		f = invest.Funds{LeadID: leadID, On: in.On, Amount: in.Amount, Currency: in.Currency, Foreign: l.Foreign, Note: strings.TrimSpace(in.Note), By: a.UserID}
		if in.Foreign != nil {
			f.Foreign = *in.Foreign
		}
		if f.Currency == "" {
			f.Currency = l.Currency
		}
		if f.On.IsZero() {
			f.On = s.today()
		}
		if f.On.After(s.today()) {
			return &invest.Error{Code: "date.future", Field: "on", Args: []any{f.On.Format(time.DateOnly)}}
		}
		rates, err := s.store.Rates(ctx, l.RegionID)
		if err != nil {
			return err
		}
		if err := invest.PriceFunds(&f, rates); err != nil {
			return err
		}
		if err := s.store.InsertFunds(ctx, &f); err != nil {
			return err
		}
		if err := s.record(ctx, a, l.RegionID, "funds.create", "lead", leadID, nil, f, ""); err != nil {
			return err
		}
		return s.recomputeFeeds(ctx, a, l.RegionID)
	})
	return f, err
}

// LeadDetail is a lead with its history, funds, visits and the dates of its stages.
type LeadDetail struct {
	invest.Lead
	Moves      []invest.Move
	Funds      []invest.Funds
	Visits     []invest.Visit
	StageDates map[invest.Stage]time.Time
	Next       []invest.Stage // the stages it may be moved to
	// FundsUSD is the total arrived in 美元 at the recorded rates.
	FundsUSD decimal.Decimal
}

// Leads lists the leads the actor may see.
func (s *Service) Leads(ctx context.Context, a Actor, f store.LeadFilter) ([]invest.Lead, error) {
	sc, err := s.investScope(ctx, a)
	if err != nil {
		return nil, err
	}
	return s.store.Leads(ctx, sc, f)
}

// Lead reads a lead with its history, for those who may see it.
func (s *Service) Lead(ctx context.Context, a Actor, id int64) (LeadDetail, error) {
	l, err := s.store.Lead(ctx, id)
	if err != nil {
		return LeadDetail{}, err
	}
	if err := s.canRead(a, l.RegionID, l.DeptID); err != nil {
		return LeadDetail{}, err
	}
	d := LeadDetail{Lead: l, FundsUSD: decimal.Zero}
	if d.Moves, err = s.store.Moves(ctx, 0, []int64{id}); err != nil {
		return d, err
	}
	if d.Funds, err = s.store.Funds(ctx, 0, []int64{id}); err != nil {
		return d, err
	}
	if d.Visits, err = s.store.Visits(ctx, store.InvestScope{}, store.VisitFilter{LeadID: id}); err != nil {
		return d, err
	}
	for _, f := range d.Funds {
		d.FundsUSD = d.FundsUSD.Add(f.USD)
	}
	d.StageDates = invest.StageDates(d.Moves)
	d.Next = invest.NextStages(l.Stage, invest.StageBefore(d.Moves))
	return d, nil
}

// MayWrite says whether the actor may change a record it owns or not (to show buttons).
func (s *Service) MayWrite(a Actor, action auth.Action, region, dept, owner int64) bool {
	return s.can(a, action, recordResource(region, dept, owner)) == nil
}

// PipelineBoard is the pipeline as columns of leads, one per stage, 终止 last.
type PipelineBoard struct {
	Columns []BoardColumn
}

// BoardColumn is one stage's leads.
type BoardColumn struct {
	Stage invest.Stage
	Leads []invest.Lead
}

// Pipeline groups the leads the actor may see by stage.
func (s *Service) Pipeline(ctx context.Context, a Actor) (PipelineBoard, error) {
	leads, err := s.Leads(ctx, a, store.LeadFilter{})
	if err != nil {
		return PipelineBoard{}, err
	}
	var b PipelineBoard
	for _, st := range append(slices.Clone(invest.Stages), invest.StageTerminated) {
		col := BoardColumn{Stage: st, Leads: []invest.Lead{}}
		for _, l := range leads {
			if l.Stage == st {
				col.Leads = append(col.Leads, l)
			}
		}
		b.Columns = append(b.Columns, col)
	}
	return b, nil
}

// ─── rates ─────────────────────────────────────────────────────────────────────

// PutRate sets what one unit of a currency is worth in 美元 from a date on (admins).
// Funds already recorded keep the rate they were priced at.
func (s *Service) PutRate(ctx context.Context, a Actor, r invest.Rate) (invest.Rate, error) {
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		region, err := s.investRegion(ctx, a)
		if err != nil {
			return err
		}
		if err := s.can(a, auth.RateManage, auth.Resource{RegionID: region}); err != nil {
			return err
		}
		if c, err := invest.ParseCurrency(string(r.Currency)); err == nil {
			r.Currency = c
		}
		if err := r.Validate(); err != nil {
			return err
		}
		r.By = a.UserID
		if err := s.store.PutRate(ctx, region, &r); err != nil {
			return err
		}
		return s.record(ctx, a, region, "rate.put", "rate", r.ID, nil, r, "")
	})
	return r, err
}

// Rates lists the rate table of the actor's region.
func (s *Service) Rates(ctx context.Context, a Actor) ([]invest.Rate, error) {
	sc, err := s.investScope(ctx, a)
	if err != nil {
		return nil, err
	}
	region := sc.RegionID
	if region == 0 {
		if region, err = s.investRegion(ctx, a); err != nil {
			return nil, err
		}
	}
	rs, err := s.store.Rates(ctx, region)
	invest.SortRates(rs)
	return rs, err
}

// ─── indicators fed by the pipeline ────────────────────────────────────────────

// SetFeed makes an indicator's figures come from the pipeline (admins). An indicator
// that already has reports is refused (its figures would be half one, half the other),
// unless they are all illustrative: demonstration figures give way to computed ones.
func (s *Service) SetFeed(ctx context.Context, a Actor, f invest.Feed) error {
	return s.store.WithTx(ctx, func(ctx context.Context) error {
		ind, err := s.store.Indicator(ctx, f.IndicatorID)
		if err != nil {
			return err
		}
		if err := s.can(a, auth.FeedManage, auth.Resource{RegionID: ind.RegionID, DeptID: ind.DeptID}); err != nil {
			return err
		}
		if err := f.Validate(ind.Indicator); err != nil {
			return err
		}
		if _, err := s.store.Feed(ctx, ind.ID); errors.Is(err, store.ErrNotFound) {
			reports, err := s.store.IndicatorReports(ctx, ind.ID)
			if err != nil {
				return err
			}
			// Demonstration figures give way to the computed ones; real reports do not.
			byHand := 0
			for _, r := range reports {
				if !r.Illustrative {
					byHand++
				}
			}
			if byHand > 0 {
				return &invest.Error{Code: "feed.has_reports", Field: "indicator", Args: []any{ind.Code, byHand}}
			}
		} else if err != nil {
			return err
		}
		if err := s.store.SetFeed(ctx, f); err != nil {
			return err
		}
		if err := s.record(ctx, a, ind.RegionID, "feed.set", "indicator", ind.ID, nil, f, ""); err != nil {
			return err
		}
		return s.recomputeFeeds(ctx, a, ind.RegionID)
	})
}

// FedFigure is a fed indicator's latest figure and what makes it.
type FedFigure struct {
	invest.Feed
	Period  string
	Value   decimal.Decimal
	Sources []invest.Source
}

// IndicatorFeed says whether an indicator is pipeline-fed, and its latest figure with
// its sources (ok false for a hand-reported one). The sources name leads: for those who
// may read the pipeline; others get the figure without them.
func (s *Service) IndicatorFeed(ctx context.Context, a Actor, indicatorID int64) (FedFigure, bool, error) {
	ind, err := s.Indicator(ctx, a, indicatorID)
	if err != nil {
		return FedFigure{}, false, err
	}
	f, err := s.store.Feed(ctx, ind.ID)
	if errors.Is(err, store.ErrNotFound) {
		return FedFigure{}, false, nil
	}
	if err != nil {
		return FedFigure{}, false, err
	}
	out := FedFigure{Feed: f, Sources: []invest.Source{}}
	reports, err := s.store.IndicatorReports(ctx, ind.ID)
	if err != nil {
		return out, true, err
	}
	if len(reports) > 0 {
		last := reports[len(reports)-1]
		out.Period, out.Value = last.Period.String(), last.Value
		if s.can(a, auth.InvestRead, auth.Resource{RegionID: ind.RegionID, DeptID: ind.DeptID}) == nil {
			all, err := s.store.FeedSources(ctx, ind.ID, strconv.Itoa(last.Period.Year()))
			if err != nil {
				return out, true, err
			}
			for _, src := range all {
				if !src.On.After(last.Period.End()) {
					out.Sources = append(out.Sources, src)
				}
			}
		}
	}
	return out, true, nil
}

// recomputeFeeds recomputes every pipeline-fed indicator of a region in the caller's
// transaction: for each of the indicator's periods begun by now, the year-to-date figure
// as an approved report of lantu's own, and the leads and funds it counts. A figure
// that changed gets an audit row saying from what to what.
func (s *Service) recomputeFeeds(ctx context.Context, a Actor, regionID int64) error {
	if !store.InTx(ctx) {
		return errors.New("service: recomputeFeeds outside a transaction")
	}
	feeds, err := s.store.RegionFeeds(ctx, regionID)
	if err != nil || len(feeds) == 0 {
		return err
	}
	if err := s.store.LockFeeds(ctx, regionID); err != nil {
		return err
	}
	leads, err := s.store.Leads(ctx, store.InvestScope{RegionID: regionID}, store.LeadFilter{})
	if err != nil {
		return err
	}
	moves, err := s.store.Moves(ctx, regionID, nil)
	if err != nil {
		return err
	}
	funds, err := s.store.Funds(ctx, regionID, nil)
	if err != nil {
		return err
	}
	rates, err := s.store.Rates(ctx, regionID)
	if err != nil {
		return err
	}
	hist := make([]invest.LeadHistory, len(leads))
	idx := map[int64]int{}
	for i, l := range leads {
		hist[i] = invest.LeadHistory{Lead: l}
		idx[l.ID] = i
	}
	for _, m := range moves {
		if i, ok := idx[m.LeadID]; ok {
			hist[i].Moves = append(hist[i].Moves, m)
		}
	}
	for _, f := range funds {
		if i, ok := idx[f.LeadID]; ok {
			hist[i].Funds = append(hist[i].Funds, f)
		}
	}
	for _, f := range feeds {
		ind, p, err := s.indicatorFor(ctx, f.IndicatorID)
		if err != nil {
			return err
		}
		existing, err := s.store.IndicatorReports(ctx, ind.ID)
		if err != nil {
			return err
		}
		// The periods begun by now, and any later one that has a figure already (written
		// under another clock): a fed figure is never left stale.
		periods := invest.FedPeriods(ind.Frequency, p.Year, s.Now())
		for _, r := range existing {
			if r.Period.Year() == p.Year && r.Period.Frequency() == ind.Frequency && !slices.Contains(periods, r.Period) {
				periods = append(periods, r.Period)
			}
		}
		for _, per := range periods {
			upTo := per.End()
			if today := s.today(); today.Before(upTo) {
				upTo = today
			}
			fig, err := invest.Compute(f, ind.Unit, p.Year, upTo, hist, rates)
			if err != nil {
				return fmt.Errorf("indicator %s %s: %w", ind.Code, per, err)
			}
			if err := s.putFedReport(ctx, a, ind, per, fig.Value, existing); err != nil {
				return err
			}
		}
		// The sources of the year to date; a period's are those dated by its end, since
		// every fed figure is cumulative.
		fig, err := invest.Compute(f, ind.Unit, p.Year, time.Date(p.Year, 12, 31, 0, 0, 0, 0, time.UTC), hist, rates)
		if err != nil {
			return fmt.Errorf("indicator %s: %w", ind.Code, err)
		}
		if err := s.store.ReplaceFeedSources(ctx, ind.ID, strconv.Itoa(p.Year), fig.Sources); err != nil {
			return err
		}
	}
	return nil
}

// putFedReport writes a fed figure as the period's approved report, changing the one
// there in place (with its version) when the figure moved.
func (s *Service) putFedReport(ctx context.Context, a Actor, ind store.IndicatorRow, per progress.Period, v decimal.Decimal, existing []store.StoredReport) error {
	var cur *store.StoredReport
	for i := range existing {
		if existing[i].Period == per && (cur == nil || existing[i].Revision > cur.Revision) {
			cur = &existing[i]
		}
	}
	now := s.Now()
	if cur == nil {
		r := progress.NewReport(ind.Indicator, per, 0, now)
		r.Value, r.Cumulative, r.Note = v, true, feedNote
		r.State, r.SubmittedAt, r.ReviewedAt = progress.StateApproved, now, now
		if err := s.store.InsertReport(ctx, &r); err != nil {
			return err
		}
		return s.record(ctx, a, ind.RegionID, "feed.figure", "indicator", ind.ID, nil, map[string]any{"period": per.String(), "value": v}, "")
	}
	if cur.Value.Equal(v) {
		return nil
	}
	next := cur.Report
	next.Value, next.Version, next.Note = v, cur.Version+1, feedNote
	next.SubmittedAt, next.ReviewedAt = now, now
	if err := s.store.UpdateReport(ctx, next, cur.Version); err != nil {
		return err
	}
	return s.record(ctx, a, ind.RegionID, "feed.figure", "indicator", ind.ID, map[string]any{"period": per.String(), "value": cur.Value},
		map[string]any{"period": per.String(), "value": v}, "")
}

// FedStatus is a pipeline-fed indicator with its status as of its plan's moment.
type FedStatus struct {
	IndicatorStatus
	Feed invest.Feed
	At   time.Time
}

// FedStatuses lists the pipeline-fed indicators the actor may see, with their status as
// of their plan's as-of moment (the demo: 2022-03-31), for the pipeline board.
func (s *Service) FedStatuses(ctx context.Context, a Actor) ([]FedStatus, error) {
	region := a.RegionID
	if region == 0 {
		var err error
		if region, err = s.investRegion(ctx, a); err != nil {
			return nil, err
		}
	}
	feeds, err := s.store.RegionFeeds(ctx, region)
	if err != nil {
		return nil, err
	}
	var out []FedStatus
	for _, f := range feeds {
		st, at, err := s.OneStatus(ctx, a, f.IndicatorID, time.Time{})
		if errors.Is(err, auth.ErrForbidden) || errors.Is(err, auth.ErrUnauthenticated) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, FedStatus{IndicatorStatus: st, Feed: f, At: at})
	}
	return out, nil
}

// MayReadInvest says whether the actor may see the centre's records at all (for links).
func (s *Service) MayReadInvest(ctx context.Context, a Actor) bool {
	_, err := s.investScope(ctx, a)
	return err == nil
}

// CheckInvest checks an action on a record before a handler reads the rest of a request,
// so that who may not act is told so (403) before any complaint about the input: kind
// is "enterprise", "lead" or "visit" with its id, or "" for a new record of the actor's
// own (or a list, for invest.read).
func (s *Service) CheckInvest(ctx context.Context, a Actor, action auth.Action, kind string, id int64) error {
	if a.System {
		return nil
	}
	if a.UserID == 0 {
		return auth.ErrUnauthenticated
	}
	if action == auth.InvestRead && kind == "" {
		_, err := s.investScope(ctx, a)
		return err
	}
	var region, dept, owner int64
	switch kind {
	case "enterprise":
		e, err := s.store.Enterprise(ctx, id)
		if err != nil {
			return err
		}
		region, dept, owner = e.RegionID, e.DeptID, e.OwnerID
	case "lead":
		l, err := s.store.Lead(ctx, id)
		if err != nil {
			return err
		}
		region, dept, owner = l.RegionID, l.DeptID, l.OwnerID
	case "visit":
		v, err := s.store.Visit(ctx, id)
		if err != nil {
			return err
		}
		region, dept, owner = v.RegionID, v.DeptID, v.OwnerID
	default:
		region, owner = a.RegionID, a.UserID
		if len(a.DeptIDs) > 0 {
			dept = a.DeptIDs[0]
		}
	}
	return s.can(a, action, recordResource(region, dept, owner))
}

// ChainLink is a link with its chain's name, for choosing where a lead belongs.
type ChainLink struct {
	invest.Link
	Chain string
}

// AllLinks lists every link of the actor's region's chains, chain by chain.
func (s *Service) AllLinks(ctx context.Context, a Actor) ([]ChainLink, error) {
	chains, err := s.Chains(ctx, a)
	if err != nil {
		return nil, err
	}
	var out []ChainLink
	for _, c := range chains {
		links, err := s.store.Links(ctx, c.ID, 0)
		if err != nil {
			return nil, err
		}
		for _, l := range links {
			out = append(out, ChainLink{Link: l, Chain: c.Name})
		}
	}
	return out, nil
}
