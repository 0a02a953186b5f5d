package auth

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// The subjects of the matrix. All are in region 1; department 10 is "own" for those
// who have departments, 20 is "other".
var (
	subjAnon     = Anonymous()
	subjAdmin    = Principal{UserID: 1, Login: "admin", Roles: []Role{RoleAdmin}, RegionID: 1}
	subjReporter = Principal{UserID: 2, Login: "rep", Roles: []Role{RoleReporter}, DeptIDs: []int64{10}, RegionID: 1}
	subjReviewer = Principal{UserID: 3, Login: "rev", Roles: []Role{RoleReviewer}, DeptIDs: []int64{10}, RegionID: 1}
	subjOffice   = Principal{UserID: 4, Login: "office", Roles: []Role{RoleReviewer}, RegionID: 1} // planning-office reviewer
	subjOfficer  = Principal{UserID: 5, Login: "officer", Roles: []Role{RoleOfficer}, RegionID: 1}
	subjLeader   = Principal{UserID: 6, Login: "leader", Roles: []Role{RoleLeader}, RegionID: 1}
	subjMulti    = Principal{UserID: 7, Login: "multi", Roles: []Role{RoleReporter, RoleReviewer}, DeptIDs: []int64{10, 11}, RegionID: 1}
	subjNoRole   = Principal{UserID: 8, Login: "norole", RegionID: 1}
)

var matrixSubjects = []struct {
	name string
	p    Principal
}{
	{"anon", subjAnon}, {"admin", subjAdmin}, {"reporter", subjReporter}, {"reviewer", subjReviewer},
	{"office", subjOffice}, {"officer", subjOfficer}, {"leader", subjLeader}, {"multi", subjMulti},
	{"norole", subjNoRole},
}

// matrix is the expected answer of Can, written out by hand. Each cell is
// "abc|def": a, b, c for a resource of the own department (10), another department
// (20) and no department (0), owned by someone else (user 99); d, e, f the same
// owned by the subject itself (separation of duties, own tokens). 'y' = allowed,
// '-' = denied. Resources are in the subjects' region and not public.
var matrix = []struct {
	action Action
	cells  [9]string // anon, admin, reporter, reviewer, office, officer, leader, multi, norole
}{
	//                      anon       admin      reporter   reviewer   office     officer    leader     multi      norole
	{PlanEdit, [9]string{"---|---", "yyy|yyy", "---|---", "---|---", "---|---", "---|---", "---|---", "---|---", "---|---"}},
	{PlanImport, [9]string{"---|---", "yyy|yyy", "---|---", "---|---", "---|---", "---|---", "---|---", "---|---", "---|---"}},
	{TargetRevise, [9]string{"---|---", "yyy|yyy", "---|---", "---|---", "---|---", "---|---", "---|---", "---|---", "---|---"}},
	{DepartmentManage, [9]string{"---|---", "yyy|yyy", "---|---", "---|---", "---|---", "---|---", "---|---", "---|---", "---|---"}},
	{UserManage, [9]string{"---|---", "yyy|yyy", "---|---", "---|---", "---|---", "---|---", "---|---", "---|---", "---|---"}},
	{TokenManageOwn, [9]string{"---|---", "---|yyy", "---|yyy", "---|yyy", "---|yyy", "---|yyy", "---|yyy", "---|yyy", "---|yyy"}},
	{TokenManageAny, [9]string{"---|---", "yyy|yyy", "---|---", "---|---", "---|---", "---|---", "---|---", "---|---", "---|---"}},
	{ReportCreate, [9]string{"---|---", "yyy|yyy", "y--|y--", "---|---", "---|---", "---|---", "---|---", "y--|y--", "---|---"}},
	{ReportEdit, [9]string{"---|---", "yyy|yyy", "y--|y--", "---|---", "---|---", "---|---", "---|---", "y--|y--", "---|---"}},
	{ReportSubmit, [9]string{"---|---", "yyy|yyy", "y--|y--", "---|---", "---|---", "---|---", "---|---", "y--|y--", "---|---"}},
	{ReportApprove, [9]string{"---|---", "yyy|yyy", "---|---", "y--|---", "yyy|---", "---|---", "---|---", "y--|---", "---|---"}},
	{ReportReject, [9]string{"---|---", "yyy|yyy", "---|---", "y--|y--", "yyy|yyy", "---|---", "---|---", "y--|y--", "---|---"}},
	{ReportImport, [9]string{"---|---", "yyy|yyy", "y--|y--", "---|---", "---|---", "---|---", "---|---", "y--|y--", "---|---"}},
	{PeriodUnlock, [9]string{"---|---", "yyy|yyy", "---|---", "y--|y--", "yyy|yyy", "---|---", "---|---", "y--|y--", "---|---"}},
	{PeriodOverrideLock, [9]string{"---|---", "yyy|yyy", "---|---", "---|---", "---|---", "---|---", "---|---", "---|---", "---|---"}},
	{EvidenceUpload, [9]string{"---|---", "yyy|yyy", "y--|y--", "---|---", "---|---", "---|---", "---|---", "y--|y--", "---|---"}},
	{EvidenceRead, [9]string{"---|---", "yyy|yyy", "y--|y--", "y--|y--", "yyy|yyy", "---|---", "yyy|yyy", "y--|y--", "---|---"}},
	{DocumentIngest, [9]string{"---|---", "yyy|yyy", "---|---", "---|---", "---|---", "---|---", "---|---", "---|---", "---|---"}},
	{EnterpriseManage, [9]string{"---|---", "yyy|yyy", "---|---", "---|---", "---|---", "---|yyy", "---|---", "---|---", "---|---"}},
	{VisitManage, [9]string{"---|---", "yyy|yyy", "---|---", "---|---", "---|---", "---|yyy", "---|---", "---|---", "---|---"}},
	{PipelineManage, [9]string{"---|---", "yyy|yyy", "---|---", "---|---", "---|---", "---|yyy", "---|---", "---|---", "---|---"}},
	{InvestRead, [9]string{"---|---", "yyy|yyy", "y--|y--", "y--|y--", "---|---", "yyy|yyy", "yyy|yyy", "y--|y--", "---|---"}},
	{InvestReassign, [9]string{"---|---", "yyy|yyy", "---|---", "y--|y--", "---|---", "---|---", "---|---", "y--|y--", "---|---"}},
	{ContactRead, [9]string{"---|---", "yyy|yyy", "---|---", "y--|y--", "---|---", "---|yyy", "---|---", "y--|y--", "---|---"}},
	{ChainManage, [9]string{"---|---", "yyy|yyy", "---|---", "---|---", "---|---", "yyy|yyy", "---|---", "---|---", "---|---"}},
	{RateManage, [9]string{"---|---", "yyy|yyy", "---|---", "---|---", "---|---", "---|---", "---|---", "---|---", "---|---"}},
	{FeedManage, [9]string{"---|---", "yyy|yyy", "---|---", "---|---", "---|---", "---|---", "---|---", "---|---", "---|---"}},
	{CalendarSubscribe, [9]string{"---|---", "yyy|yyy", "---|---", "---|---", "---|---", "yyy|yyy", "---|---", "---|---", "---|---"}},
	{AuditRead, [9]string{"---|---", "yyy|yyy", "---|---", "---|---", "---|---", "---|---", "yyy|yyy", "---|---", "---|---"}},
	{PlanReadInternal, [9]string{"---|---", "yyy|yyy", "yyy|yyy", "yyy|yyy", "yyy|yyy", "yyy|yyy", "yyy|yyy", "yyy|yyy", "---|---"}},
	{ReportRead, [9]string{"---|---", "yyy|yyy", "y--|y--", "y--|y--", "yyy|yyy", "---|---", "yyy|yyy", "y--|y--", "---|---"}},
}

func TestCanMatrix(t *testing.T) {
	depts := []int64{10, 20, 0}
	for _, row := range matrix {
		for si, s := range matrixSubjects {
			cell := row.cells[si]
			if len(cell) != 7 || cell[3] != '|' {
				t.Fatalf("%s/%s: malformed cell %q", row.action, s.name, cell)
			}
			for oi, owner := range []int64{99, s.p.UserID} {
				for di, dept := range depts {
					want := cell[oi*4+di]
					r := Resource{DeptID: dept, RegionID: 1, OwnerUserID: owner}
					err := Can(s.p, row.action, r)
					got := byte('-')
					if err == nil {
						got = 'y'
					}
					if got != want {
						t.Errorf("Can(%s, %s, dept %d, owner %d) = %v, want %c", s.name, row.action, dept, owner, err, want)
					}
					if err != nil {
						var de *DeniedError
						if !errors.As(err, &de) || de.Action != row.action {
							t.Errorf("Can(%s, %s): error %T %v is not a *DeniedError for the action", s.name, row.action, err, err)
						}
					}
				}
			}
		}
	}
}

func TestMatrixCoversEverything(t *testing.T) {
	seen := map[Action]int{}
	for _, row := range matrix {
		seen[row.action]++
	}
	for _, a := range Actions() {
		switch seen[a] {
		case 0:
			t.Errorf("action %s is missing from the matrix", a)
		case 1:
		default:
			t.Errorf("action %s is in the matrix %d times", a, seen[a])
		}
		delete(seen, a)
	}
	for a := range seen {
		t.Errorf("matrix has %s, which Actions() does not list", a)
	}
	held := map[Role]bool{}
	for _, s := range matrixSubjects {
		for _, r := range s.p.Roles {
			held[r] = true
		}
	}
	for _, r := range Roles() {
		if !held[r] {
			t.Errorf("no matrix subject holds role %s", r)
		}
	}
	if len(Actions()) != 31 {
		t.Errorf("Actions() has %d actions; update the matrix and this count together", len(Actions()))
	}
}

func TestCanCases(t *testing.T) {
	officerLeader := Principal{UserID: 20, Roles: []Role{RoleOfficer, RoleLeader}, RegionID: 1}
	mustChange := subjAdmin
	mustChange.MustChangePassword = true
	single := Principal{UserID: 21, Roles: []Role{RoleAdmin}} // region 0: a single-region deployment
	bogus := Principal{UserID: 22, Roles: []Role{"superuser"}, RegionID: 1}

	tests := []struct {
		name   string
		p      Principal
		a      Action
		r      Resource
		want   error  // nil, ErrForbidden or ErrUnauthenticated
		reason string // part of DeniedError.Reason
	}{
		// Public reads.
		{"deployment-wide admin acts in any region", Principal{UserID: 30, Login: "root", Roles: []Role{RoleAdmin}}, PlanEdit, Resource{RegionID: 7}, nil, ""},
		{"deployment-wide reporter still needs its department", Principal{UserID: 31, Login: "r0", Roles: []Role{RoleReporter}, DeptIDs: []int64{10}}, ReportEdit, Resource{DeptID: 20, RegionID: 7}, ErrForbidden, ""},
		{"anon reads public report", subjAnon, ReportRead, Resource{DeptID: 10, RegionID: 1, Public: true, Approved: true}, nil, ""},
		{"anon reads public evidence", subjAnon, EvidenceRead, Resource{DeptID: 10, RegionID: 1, Public: true, Approved: true}, nil, ""},
		{"anon reads private report", subjAnon, ReportRead, Resource{DeptID: 10, RegionID: 1}, ErrUnauthenticated, "signed in"},
		{"public flag does not open internal plan", subjAnon, PlanReadInternal, Resource{RegionID: 1, Public: true}, ErrUnauthenticated, ""},
		{"public flag does not open audit", subjAnon, AuditRead, Resource{RegionID: 1, Public: true}, ErrUnauthenticated, ""},
		{"public flag does not open writes", subjAnon, ReportEdit, Resource{DeptID: 10, RegionID: 1, Public: true}, ErrUnauthenticated, ""},
		{"public flag does not let reporter edit other dept", subjReporter, ReportEdit, Resource{DeptID: 20, RegionID: 1, Public: true}, ErrForbidden, "department 20"},
		{"officer reads public report", subjOfficer, ReportRead, Resource{DeptID: 20, RegionID: 1, Public: true, Approved: true}, nil, ""},
		{"public report of another region", subjReporter, ReportRead, Resource{DeptID: 20, RegionID: 2, Public: true, Approved: true}, nil, ""},

		// Unapproved reports of a public indicator: the department, its reviewers, the
		// region's district-wide roles and admins; nobody else.
		{"public draft: anon", subjAnon, ReportRead, Resource{DeptID: 10, RegionID: 1, Public: true}, ErrUnauthenticated, ""},
		{"public draft evidence: anon", subjAnon, EvidenceRead, Resource{DeptID: 10, RegionID: 1, Public: true}, ErrUnauthenticated, ""},
		{"public draft: reporter of another dept", subjReporter, ReportRead, Resource{DeptID: 20, RegionID: 1, Public: true}, ErrForbidden, "department 20"},
		{"public draft: reviewer of another dept", subjReviewer, ReportRead, Resource{DeptID: 20, RegionID: 1, Public: true}, ErrForbidden, "department 20"},
		{"public draft evidence: reporter of another dept", subjReporter, EvidenceRead, Resource{DeptID: 20, RegionID: 1, Public: true}, ErrForbidden, "department 20"},
		{"public draft: officer", subjOfficer, ReportRead, Resource{DeptID: 20, RegionID: 1, Public: true}, ErrForbidden, "officer"},
		{"public draft: leader of another region", subjLeader, ReportRead, Resource{DeptID: 10, RegionID: 2, Public: true}, ErrForbidden, "region 2"},
		{"public draft: admin of another region", subjAdmin, ReportRead, Resource{DeptID: 10, RegionID: 2, Public: true}, ErrForbidden, "region 2"},
		{"public draft: own reporter", subjReporter, ReportRead, Resource{DeptID: 10, RegionID: 1, Public: true}, nil, ""},
		{"public draft: own reviewer", subjReviewer, ReportRead, Resource{DeptID: 10, RegionID: 1, Public: true}, nil, ""},
		{"public draft: planning-office reviewer", subjOffice, ReportRead, Resource{DeptID: 20, RegionID: 1, Public: true}, nil, ""},
		{"public draft: leader", subjLeader, ReportRead, Resource{DeptID: 20, RegionID: 1, Public: true}, nil, ""},
		{"public draft: admin", subjAdmin, ReportRead, Resource{DeptID: 20, RegionID: 1, Public: true}, nil, ""},
		// Approved figures of an internal indicator: whoever may read the plan's internal
		// parts in the region (they see the indicator's progress anyway).
		{"internal approved: officer", subjOfficer, ReportRead, Resource{DeptID: 20, RegionID: 1, Approved: true}, nil, ""},
		{"internal approved: reporter of another dept", subjReporter, ReportRead, Resource{DeptID: 20, RegionID: 1, Approved: true}, nil, ""},
		{"internal approved: anon", subjAnon, ReportRead, Resource{DeptID: 20, RegionID: 1, Approved: true}, ErrUnauthenticated, ""},
		{"internal approved: another region", subjReporter, ReportRead, Resource{DeptID: 20, RegionID: 2, Approved: true}, ErrForbidden, "region 2"},
		{"internal approved: no role", subjNoRole, ReportRead, Resource{DeptID: 20, RegionID: 1, Approved: true}, ErrForbidden, ""},

		// Regions.
		{"admin in another region", subjAdmin, PlanEdit, Resource{RegionID: 2}, ErrForbidden, "region 2"},
		{"admin, resource region unset", subjAdmin, UserManage, Resource{}, ErrForbidden, "region 0"},
		{"leader in another region", subjLeader, PlanReadInternal, Resource{RegionID: 2}, ErrForbidden, "region"},
		{"office reviewer in another region", subjOffice, ReportApprove, Resource{DeptID: 10, RegionID: 2, OwnerUserID: 99}, ErrForbidden, "region"},
		{"own token in any region", subjReporter, TokenManageOwn, Resource{RegionID: 2, OwnerUserID: 2}, nil, ""},
		{"single-region deployment", single, PlanEdit, Resource{}, nil, ""},

		// Departments and multiple roles.
		{"multi, second dept", subjMulti, ReportApprove, Resource{DeptID: 11, RegionID: 1, OwnerUserID: 99}, nil, ""},
		{"multi, reports own dept", subjMulti, ReportSubmit, Resource{DeptID: 11, RegionID: 1, OwnerUserID: 7}, nil, ""},
		{"reporter, no dept", subjReporter, ReportCreate, Resource{RegionID: 1}, ErrForbidden, "no department"},
		{"officer+leader manages own pipeline", officerLeader, PipelineManage, Resource{RegionID: 1, OwnerUserID: officerLeader.UserID}, nil, ""},
		{"officer may not move another's lead", subjOfficer, PipelineManage, Resource{RegionID: 1, OwnerUserID: 99}, ErrForbidden, "not the user's"},
		{"officer reads own contacts", subjOfficer, ContactRead, Resource{RegionID: 1, OwnerUserID: 5}, nil, ""},
		{"officer reads no other's contacts", subjOfficer, ContactRead, Resource{RegionID: 1, OwnerUserID: 99}, ErrForbidden, "not the user's"},
		{"centre head reassigns", subjReviewer, InvestReassign, Resource{DeptID: 10, RegionID: 1, OwnerUserID: 99}, nil, ""},
		{"planning-office reviewer sees no invest", subjOffice, InvestRead, Resource{DeptID: 10, RegionID: 1}, ErrForbidden, ""},
		{"leader reads no contacts", subjLeader, ContactRead, Resource{DeptID: 10, RegionID: 1, OwnerUserID: 99}, ErrForbidden, ""},
		{"officer of another region", subjOfficer, InvestRead, Resource{RegionID: 2}, ErrForbidden, "region"},
		{"officer+leader reads audit", officerLeader, AuditRead, Resource{RegionID: 1}, nil, ""},
		{"officer+leader may not edit plan", officerLeader, PlanEdit, Resource{RegionID: 1}, ErrForbidden, "officer, leader"},
		{"unknown role grants nothing", bogus, PlanReadInternal, Resource{RegionID: 1}, ErrForbidden, "superuser"},

		// Separation of duties.
		{"reviewer approves own report", subjReviewer, ReportApprove, Resource{DeptID: 10, RegionID: 1, OwnerUserID: 3}, ErrForbidden, "separation of duties"},
		{"reviewer approves a report they edited", subjReviewer, ReportApprove, Resource{DeptID: 10, RegionID: 1, OwnerUserID: 99, Authors: []int64{98, 3}}, ErrForbidden, "separation of duties"},
		{"reviewer approves a report others edited", subjReviewer, ReportApprove, Resource{DeptID: 10, RegionID: 1, OwnerUserID: 99, Authors: []int64{98, 97}}, nil, ""},
		{"admin approves a report they edited", subjAdmin, ReportApprove, Resource{DeptID: 10, RegionID: 1, OwnerUserID: 99, Authors: []int64{1}}, nil, ""},
		{"admin approves own report", subjAdmin, ReportApprove, Resource{DeptID: 10, RegionID: 1, OwnerUserID: 1}, nil, ""},
		{"reviewer rejects own report", subjReviewer, ReportReject, Resource{DeptID: 10, RegionID: 1, OwnerUserID: 3}, nil, ""},

		// Tokens.
		{"admin manages another's token as own", subjAdmin, TokenManageOwn, Resource{RegionID: 1, OwnerUserID: 2}, ErrForbidden, "owner"},
		{"admin manages another's token", subjAdmin, TokenManageAny, Resource{RegionID: 1, OwnerUserID: 2}, nil, ""},
		{"leader manages own token", subjLeader, TokenManageOwn, Resource{RegionID: 1, OwnerUserID: 6}, nil, ""},
		{"anon token", subjAnon, TokenManageOwn, Resource{}, ErrUnauthenticated, ""},

		// Password change pending, unknown action.
		{"must change password: write", mustChange, PlanEdit, Resource{RegionID: 1}, ErrForbidden, "password"},
		{"must change password: own token", mustChange, TokenManageOwn, Resource{RegionID: 1, OwnerUserID: 1}, ErrForbidden, "password"},
		{"must change password: public read", mustChange, ReportRead, Resource{RegionID: 1, Public: true, Approved: true}, nil, ""},
		{"unknown action", subjAdmin, Action("plan.delete_everything"), Resource{RegionID: 1}, ErrForbidden, "unknown action"},
		{"empty action", subjAdmin, Action(""), Resource{RegionID: 1, Public: true}, ErrForbidden, "unknown action"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Can(tt.p, tt.a, tt.r)
			if Allowed(tt.p, tt.a, tt.r) != (err == nil) {
				t.Errorf("Allowed disagrees with Can")
			}
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Can = %v, want allowed", err)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("Can = %v, want %v", err, tt.want)
			}
			other := ErrForbidden
			if tt.want == ErrForbidden {
				other = ErrUnauthenticated
			}
			if errors.Is(err, other) {
				t.Errorf("Can = %v is also %v", err, other)
			}
			var de *DeniedError
			if !errors.As(err, &de) {
				t.Fatalf("Can = %T, want *DeniedError", err)
			}
			if de.Action != tt.a || !strings.Contains(de.Reason, tt.reason) {
				t.Errorf("DeniedError = %+v, want action %s and reason containing %q", de, tt.a, tt.reason)
			}
			if !strings.Contains(err.Error(), string(tt.a)) {
				t.Errorf("Error() = %q does not name the action", err.Error())
			}
		})
	}
}

// The rules must not depend on the order of a user's roles or departments.
func TestCanOrderIndependent(t *testing.T) {
	a := Principal{UserID: 30, Roles: []Role{RoleReviewer, RoleReporter}, DeptIDs: []int64{11, 10}, RegionID: 1}
	b := Principal{UserID: 30, Roles: []Role{RoleReporter, RoleReviewer}, DeptIDs: []int64{10, 11}, RegionID: 1}
	for _, act := range Actions() {
		for _, dept := range []int64{0, 10, 11, 20} {
			for _, owner := range []int64{0, 30, 99} {
				r := Resource{DeptID: dept, RegionID: 1, OwnerUserID: owner}
				if Allowed(a, act, r) != Allowed(b, act, r) {
					t.Errorf("%s dept %d owner %d: answer depends on order", act, dept, owner)
				}
			}
		}
	}
}

// Nobody but admin may write outside its own department or role; in particular the
// leader writes nothing at all. This restates the matrix as a property, as a second
// guard when actions are added.
func TestLeaderWritesNothing(t *testing.T) {
	reads := map[Action]bool{PlanReadInternal: true, ReportRead: true, EvidenceRead: true, AuditRead: true, TokenManageOwn: true, InvestRead: true}
	for _, a := range Actions() {
		for _, dept := range []int64{0, 10} {
			err := Can(subjLeader, a, Resource{DeptID: dept, RegionID: 1, OwnerUserID: 99})
			if !reads[a] && err == nil {
				t.Errorf("leader may %s", a)
			}
		}
	}
}

// Reach agrees with Can on every department: a list filtered by it in SQL loses no row
// Can would allow, and holds none it would deny.
func TestReachAgreesWithCan(t *testing.T) {
	for _, s := range matrixSubjects {
		for _, a := range Actions() {
			if a == TokenManageOwn {
				continue
			}
			all, depts := Reach(s.p, a)
			for _, dept := range []int64{10, 11, 20} {
				can := Can(s.p, a, Resource{DeptID: dept, RegionID: 1, OwnerUserID: 99}) == nil
				if reach := all || slices.Contains(depts, dept); reach != can {
					t.Errorf("%s %s dept %d: Reach %v, Can %v", s.name, a, dept, reach, can)
				}
			}
		}
	}
}

func TestReachOwn(t *testing.T) {
	for _, s := range matrixSubjects {
		for _, a := range Actions() {
			if a == TokenManageOwn || a == ReportApprove { // approving one's own is separation of duties
				continue
			}
			all, depts := Reach(s.p, a)
			own := ReachOwn(s.p, a)
			can := Can(s.p, a, Resource{DeptID: 20, RegionID: 1, OwnerUserID: s.p.UserID}) == nil
			if s.p.UserID != 0 && (all || slices.Contains(depts, 20) || own) != can {
				t.Errorf("%s %s own record: Reach %v %v, ReachOwn %v, Can %v", s.name, a, all, depts, own, can)
			}
		}
	}
	if !ReachOwn(subjOfficer, PipelineManage) || ReachOwn(subjLeader, InvestRead) || ReachOwn(subjAnon, PipelineManage) {
		t.Error("ReachOwn")
	}
	if all, depts := Reach(subjOffice, InvestRead); all || len(depts) != 0 {
		t.Errorf("the planning-office reviewer reaches invest: %v %v", all, depts)
	}
}
