package auth

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Action is something that needs permission: every write in lantu and the reads that
// are not for everyone. Services call Can with one before doing it.
type Action string

const (
	PlanEdit           Action = "plan.edit"         // plans, zones, programs, indicators, projects
	PlanImport         Action = "plan.import"       // load a plan file
	TargetRevise       Action = "target.revise"     // change an adopted target (调整目标)
	DepartmentManage   Action = "department.manage" // departments and who owns which indicator
	UserManage         Action = "user.manage"       // users, roles, password resets
	TokenManageOwn     Action = "token.manage_own"  // one's own API tokens
	TokenManageAny     Action = "token.manage_any"  // anyone's API tokens
	ReportCreate       Action = "report.create"
	ReportEdit         Action = "report.edit"
	ReportSubmit       Action = "report.submit"
	ReportApprove      Action = "report.approve"
	ReportReject       Action = "report.reject"
	ReportImport       Action = "report.import"        // figures from a spreadsheet; check per department
	PeriodUnlock       Action = "period.unlock"        // reopen a locked period, with a reason
	PeriodOverrideLock Action = "period.override_lock" // write into a locked period without unlocking it
	EvidenceUpload     Action = "evidence.upload"
	EvidenceRead       Action = "evidence.read"
	DocumentIngest     Action = "document.ingest"    // extract facts from a document and accept them into the plan
	EnterpriseManage   Action = "enterprise.manage"  // create and edit an enterprise record one owns
	VisitManage        Action = "visit.manage"       // plan and record one's own visits
	PipelineManage     Action = "pipeline.manage"    // create, edit and move one's own leads, record their funds
	InvestRead         Action = "invest.read"        // enterprises, chains, leads and visits (not contacts)
	InvestReassign     Action = "invest.reassign"    // give an enterprise, lead or visit to another officer
	ContactRead        Action = "contact.read"       // an enterprise's contacts: personal data, every read audited
	ChainManage        Action = "chain.manage"       // industry chains and their links
	RateManage         Action = "rate.manage"        // the dated exchange rates to 美元
	FeedManage         Action = "feed.manage"        // make an indicator fed by the pipeline
	CalendarSubscribe  Action = "calendar.subscribe" // one's own calendar subscription link
	AuditRead          Action = "audit.read"
	PlanReadInternal   Action = "plan.read_internal" // parts of the plan not marked public, and its progress
	ReportRead         Action = "report.read"        // a department's reports, drafts included
)

var allActions = []Action{
	PlanEdit, PlanImport, TargetRevise, DepartmentManage, UserManage,
	TokenManageOwn, TokenManageAny,
	ReportCreate, ReportEdit, ReportSubmit, ReportApprove, ReportReject, ReportImport,
	PeriodUnlock, PeriodOverrideLock,
	EvidenceUpload, EvidenceRead, DocumentIngest,
	EnterpriseManage, VisitManage, PipelineManage,
	InvestRead, InvestReassign, ContactRead, ChainManage, RateManage, FeedManage, CalendarSubscribe,
	AuditRead, PlanReadInternal, ReportRead,
}

// Actions lists every action, in a stable order.
func Actions() []Action { return slices.Clone(allActions) }

// publicReadable are the reads that anyone, signed in or not, may do on a resource
// marked Public. plan.read_internal and audit.read are never public.
var publicReadable = map[Action]bool{EvidenceRead: true, ReportRead: true}

// Resource is what an action is done to, as far as permission goes.
type Resource struct {
	// DeptID is the department the thing belongs to (a report's, an indicator's
	// owner); 0 = none.
	DeptID int64
	// RegionID is the region the thing belongs to. It must equal the principal's; a
	// single-region deployment may leave both 0. A resource whose region is unknown
	// must not be passed as 0 in a multi-region deployment.
	RegionID int64
	// OwnerUserID is who made the thing: for a report, who submitted it (separation of
	// duties on approve); for an API token, its owner. 0 = nobody in particular.
	OwnerUserID int64
	// Authors are the others who made a report: who created or edited it. Like its
	// submitter, none of them may approve it.
	Authors []int64
	// Public marks a thing of a public indicator. Only report.read and evidence.read
	// honour it, and only for an Approved report: a public indicator's drafts,
	// submitted and rejected reports are its department's, not the public's.
	Public bool
	// Approved marks a report (or evidence of a report) whose figure is approved.
	// Approved figures are read by everyone when Public, and by whoever may read the
	// plan's internal parts in the region otherwise (they see its progress anyway).
	Approved bool
}

var (
	// ErrUnauthenticated: nobody is signed in and the action needs someone.
	ErrUnauthenticated = errors.New("sign-in required")
	// ErrForbidden: the principal may not do the action on the resource.
	ErrForbidden = errors.New("forbidden")
)

// DeniedError is why Can said no. It wraps ErrForbidden, or ErrUnauthenticated when
// nobody is signed in (the web layer answers 403 or sends to the sign-in page).
type DeniedError struct {
	Action Action
	Reason string // English, for logs; not meant for end users
	// Unauthenticated is set for an anonymous principal.
	Unauthenticated bool
}

func (e *DeniedError) Error() string {
	return fmt.Sprintf("%s: %s: %s", e.Unwrap(), e.Action, e.Reason)
}

func (e *DeniedError) Unwrap() error {
	if e.Unauthenticated {
		return ErrUnauthenticated
	}
	return ErrForbidden
}

// scope is how far a role's grant of an action reaches within the region.
type scope int

const (
	anyDept   scope = iota + 1 // anything in the region
	ownDept                    // only the principal's departments (reviewer without departments: anything)
	inDept                     // only the principal's departments, strictly: the head of the investment centre
	ownRecord                  // only records the principal owns (OwnerUserID): an officer's enterprises, leads, visits
)

// grants is the rule set: which role may do which action, how far. Admin gets all
// actions (filled in by init). token.manage_own is handled in Can for everyone.
var grants = map[Role]map[Action]scope{
	RoleAdmin: {},
	RoleReporter: {
		ReportCreate: ownDept, ReportEdit: ownDept, ReportSubmit: ownDept, ReportImport: ownDept,
		EvidenceUpload: ownDept, EvidenceRead: ownDept, ReportRead: ownDept,
		PlanReadInternal: anyDept,
		InvestRead:       inDept, // the centre's own clerk
	},
	RoleReviewer: {
		ReportApprove: ownDept, ReportReject: ownDept, PeriodUnlock: ownDept,
		EvidenceRead: ownDept, ReportRead: ownDept,
		PlanReadInternal: anyDept,
		// A reviewer of the investment centre is its head: reads all of it, contacts too,
		// and reassigns records between officers. Never region-wide.
		InvestRead: inDept, InvestReassign: inDept, ContactRead: inDept,
	},
	RoleOfficer: {
		EnterpriseManage: ownRecord, VisitManage: ownRecord, PipelineManage: ownRecord, ContactRead: ownRecord,
		InvestRead: anyDept, ChainManage: anyDept, CalendarSubscribe: anyDept,
		PlanReadInternal: anyDept,
	},
	RoleLeader: {
		PlanReadInternal: anyDept, ReportRead: anyDept, EvidenceRead: anyDept, AuditRead: anyDept,
		InvestRead: anyDept,
	},
}

func init() {
	for _, a := range allActions {
		if a != TokenManageOwn {
			grants[RoleAdmin][a] = anyDept
		}
	}
}

// Can says whether p may do a to r: nil, or a *DeniedError. The rules, in order:
//
//   - an unknown action is denied to everyone;
//   - evidence.read and report.read of a Public, Approved resource are allowed to
//     everyone: only approved figures of public indicators are public;
//   - anything else needs someone signed in (ErrUnauthenticated), whose password
//     need not be changed first;
//   - token.manage_own is allowed to every signed-in user for tokens they own
//     (OwnerUserID), and to nobody for others' (that is token.manage_any);
//   - the resource must be in the principal's region, unless the principal's region is
//     0 (deployment-wide);
//   - evidence.read and report.read of an Approved resource are allowed to whoever may
//     do plan.read_internal there;
//   - one of the principal's roles must grant the action (see below);
//   - report.approve of a report one submitted (OwnerUserID), created or edited
//     (Authors) oneself is denied unless one is admin (separation of duties).
//
// Roles grant: admin everything in its region; reporter report.create/edit/submit/
// import, evidence.upload and evidence.read, report.read for its own departments;
// reviewer report.approve/reject, period.unlock, evidence.read, report.read for its
// own departments, or for all of the region if it has none (planning office);
// officer enterprise/visit/pipeline.manage and contact.read of the records it owns
// (OwnerUserID), invest.read, chain.manage and calendar.subscribe in its region; the
// head of the investment centre (a reviewer of its department) invest.read,
// invest.reassign and contact.read of that department only (never region-wide); a
// reporter of it invest.read; leader plan.read_internal, report.read, evidence.read,
// audit.read and invest.read everywhere in its region, and no writes; every role
// plan.read_internal. rate.manage and feed.manage are the admin's. A user with several roles may do what any of them allows;
// departments are the user's, shared by all its roles.
func Can(p Principal, a Action, r Resource) error {
	deny := func(format string, args ...any) error {
		return &DeniedError{Action: a, Reason: fmt.Sprintf(format, args...)}
	}
	if !slices.Contains(allActions, a) {
		return deny("unknown action")
	}
	// Only an approved figure is ever public: a draft, submitted or rejected report of
	// a public indicator goes through the region and department checks below.
	if r.Public && r.Approved && publicReadable[a] {
		return nil
	}
	if p.IsAnonymous() {
		return &DeniedError{Action: a, Reason: "nobody is signed in", Unauthenticated: true}
	}
	if p.MustChangePassword {
		return deny("password must be changed first")
	}
	if a == TokenManageOwn {
		if r.OwnerUserID == p.UserID {
			return nil
		}
		return deny("not the owner of the token")
	}
	// A principal of region 0 serves the whole deployment (the first admin, a city's
	// planning office over its districts).
	if p.RegionID != 0 && r.RegionID != p.RegionID {
		return deny("resource is in region %d, user in region %d", r.RegionID, p.RegionID)
	}
	// An approved figure of an internal indicator is for whoever may read the plan's
	// internal parts (the indicator's progress shows it anyway).
	if r.Approved && publicReadable[a] && Can(p, PlanReadInternal, Resource{RegionID: r.RegionID}) == nil {
		return nil
	}
	granted, outOfDept := false, false
	for _, role := range p.Roles {
		sc, ok := grants[role][a]
		if !ok {
			continue
		}
		if sc == anyDept || (sc == ownDept && inScope(p, role, r.DeptID)) || (sc == inDept && p.InDept(r.DeptID)) ||
			(sc == ownRecord && r.OwnerUserID != 0 && r.OwnerUserID == p.UserID) {
			granted = true
			break
		}
		outOfDept = true
	}
	if !granted {
		if outOfDept {
			if slices.Contains([]Action{EnterpriseManage, VisitManage, PipelineManage, ContactRead}, a) && r.OwnerUserID != p.UserID {
				return deny("the record is not the user's")
			}
			if r.DeptID == 0 {
				return deny("resource belongs to no department of the user")
			}
			return deny("department %d is not the user's", r.DeptID)
		}
		return deny("no role of the user (%s) allows it", roleList(p.Roles))
	}
	if a == ReportApprove && (r.OwnerUserID == p.UserID || slices.Contains(r.Authors, p.UserID)) && !p.HasRole(RoleAdmin) {
		return deny("separation of duties: a report may not be approved by who created, edited or submitted it")
	}
	return nil
}

// Reach says how far p's roles grant action a within p's region, for filtering lists in
// SQL before Can judges each row: every department (all), or only depts (none when
// empty). It ignores the region, ownership and the public shortcut.
func Reach(p Principal, a Action) (all bool, depts []int64) {
	if p.IsAnonymous() || p.MustChangePassword {
		return false, nil
	}
	for _, role := range p.Roles {
		sc, ok := grants[role][a]
		switch {
		case !ok, sc == ownRecord:
		case sc == anyDept, sc == ownDept && role == RoleReviewer && len(p.DeptIDs) == 0:
			return true, nil
		default:
			depts = append(depts, p.DeptIDs...)
		}
	}
	slices.Sort(depts)
	return false, slices.Compact(depts)
}

// inScope reports whether a department-scoped grant of role reaches dept.
func inScope(p Principal, role Role, dept int64) bool {
	if role == RoleReviewer && len(p.DeptIDs) == 0 {
		return true // planning-office reviewer: every department of the region
	}
	return p.InDept(dept)
}

func roleList(rs []Role) string {
	if len(rs) == 0 {
		return "none"
	}
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = string(r)
	}
	return strings.Join(s, ", ")
}

// Allowed is Can as a yes or no, for showing or hiding buttons. Services must still
// call Can (and return its error) before acting.
func Allowed(p Principal, a Action, r Resource) bool { return Can(p, a, r) == nil }

// ReachOwn says whether p's roles grant action a on the records p owns (an officer's
// enterprises, leads and visits), for lists that filter by owner in SQL beside Reach.
func ReachOwn(p Principal, a Action) bool {
	if p.IsAnonymous() || p.MustChangePassword {
		return false
	}
	for _, role := range p.Roles {
		if sc, ok := grants[role][a]; ok && sc == ownRecord {
			return true
		}
	}
	return false
}
