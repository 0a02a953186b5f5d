package service_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/audit"
	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// otherRegion adds a second district to the fixture's database and returns its code.
func otherRegion(t *testing.T, f *fixture) string {
	t.Helper()
	if _, err := f.st.EnsureRegion(context.Background(), plan.Region{Code: "500107", Name: "九龙坡区", ParentCode: "500000"}); err != nil {
		t.Fatal(err)
	}
	return "500107"
}

// user creates a user of a region (code) and returns it as an actor.
func (f *fixture) user(t *testing.T, login, region string, role auth.Role, depts ...string) service.Actor {
	t.Helper()
	u, _, err := f.svc.CreateUser(context.Background(), service.System, service.NewUser{Login: login, Roles: []auth.Role{role},
		DeptCodes: depts, RegionCode: region, Password: "Zq8-" + login + "-vX3m"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := auth.NewPrincipal(u)
	if err != nil {
		t.Fatal(err)
	}
	return service.Actor{Principal: p, Address: "10.0.0.2"}
}

// Issue 8, item 1: on a public indicator, people outside the owning department see
// approved figures only; the department, its reviewers, the district-wide roles and the
// admins of the region see drafts, submitted and rejected reports too — through one
// report (ReportByID) and through the indicator's list (Reports) alike.
func TestReportReadRule(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		f.svc.PublicView = true
		ctx := context.Background()
		const home = "500106"
		b := otherRegion(t, f)
		// 外商直接投资 (fdi) is public and 区商务委's: January approved, February
		// rejected, March submitted (by the clerk), April a draft.
		mk := func(a service.Actor, period string) progress.Report {
			r, err := f.svc.CreateReport(ctx, a, f.fdi, service.ReportInput{Period: period, Value: dec("90000000"),
				Note: "备注 " + period, Cause: "原因", Remedy: "措施"})
			if err != nil {
				t.Fatalf("create %s: %v", period, err)
			}
			return r
		}
		review := func(a service.Actor, r progress.Report, act progress.Action, reason string) progress.Report {
			out, err := f.svc.Review(ctx, a, r.ID, service.ReviewAction{Action: act, Version: r.Version, Reason: reason})
			if err != nil {
				t.Fatalf("%s %d: %v", act, r.ID, err)
			}
			return out
		}
		jan := review(service.System, review(service.System, mk(service.System, "2022-01"), progress.ActSubmit, ""), progress.ActApprove, "")
		feb := review(service.System, review(service.System, mk(service.System, "2022-02"), progress.ActSubmit, ""), progress.ActReject, "口径不对")
		mar := review(f.reporter, mk(f.reporter, "2022-03"), progress.ActSubmit, "")
		apr := mk(f.admin, "2022-04")
		all := []int64{jan.ID, feb.ID, mar.ID, apr.ID}
		approved := []int64{jan.ID}

		anon := service.Actor{Principal: auth.Anonymous()}
		cases := []struct {
			name string
			a    service.Actor
			want []int64 // the reports the actor reads, one by one and in the list
		}{
			{"clerk of the department", f.reporter, all},
			{"reviewer of the department", f.reviewer, all},
			{"planning-office reviewer", f.user(t, "office-reviewer", home, auth.RoleReviewer), all},
			{"leader", f.user(t, "leader", home, auth.RoleLeader), all},
			{"admin", f.admin, all},
			{"clerk of another department", f.other, approved},
			{"reviewer of another department", f.user(t, "urbanhead", home, auth.RoleReviewer, "urban"), approved},
			{"officer", f.user(t, "officer", home, auth.RoleOfficer), approved},
			{"admin of another region", f.user(t, "admin-b", b, auth.RoleAdmin), approved},
			{"leader of another region", f.user(t, "leader-b", b, auth.RoleLeader), approved},
			{"visitor", anon, approved},
		}
		for _, c := range cases {
			list, err := f.svc.Reports(ctx, c.a, f.fdi)
			if err != nil {
				t.Errorf("%s: list: %v", c.name, err)
			}
			var got []int64
			for _, r := range list {
				got = append(got, r.ID)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("%s: list has reports %v, want %v", c.name, got, c.want)
			}
			for _, id := range all {
				rv, err := f.svc.ReportByID(ctx, c.a, id)
				if slices.Contains(c.want, id) {
					if err != nil || rv.ID != id {
						t.Errorf("%s: report %d: %v, want it read", c.name, id, err)
					}
					continue
				}
				if err == nil {
					t.Errorf("%s: reads report %d (%s, note %q, reject reason %q)", c.name, id, rv.State, rv.Note, rv.RejectReason)
				} else if !errors.Is(err, auth.ErrForbidden) && !errors.Is(err, auth.ErrUnauthenticated) {
					t.Errorf("%s: report %d: %v, want forbidden", c.name, id, err)
				}
			}
		}
		// What approving would mean is the department's business too.
		if _, err := f.svc.WouldGive(ctx, f.other, mar.ID); err == nil {
			t.Error("another department's clerk reads what approving a submitted report would give")
		}
		if _, err := f.svc.WouldGive(ctx, f.reviewer, mar.ID); err != nil {
			t.Errorf("the department's reviewer: %v", err)
		}
	})
}

// Issue 8, item 2: users, tokens and audit entries are listed by the reader's region: an
// admin or leader of one district sees none of another's; a deployment-wide admin
// (region 0) sees every region's.
func TestListsByRegion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		b := otherRegion(t, f)
		adminB := f.user(t, "admin-b", b, auth.RoleAdmin)
		leaderB := f.user(t, "leader-b", b, auth.RoleLeader)
		leaderA := f.user(t, "leader-a", "500106", auth.RoleLeader)
		root := f.user(t, "root", "", auth.RoleAdmin) // two regions now: no code is deployment-wide
		if root.RegionID != 0 {
			t.Fatalf("root is in region %d", root.RegionID)
		}
		if _, _, err := f.svc.CreateToken(ctx, f.admin, "clerk", "a-token", time.Time{}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.svc.CreateToken(ctx, adminB, "leader-b", "b-token", time.Time{}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.CreateReport(ctx, f.reporter, f.fdi, service.ReportInput{Period: "2022-03", Value: dec("1"), Cause: "c", Remedy: "r"}); err != nil {
			t.Fatal(err)
		}

		logins := func(a service.Actor) []string {
			us, err := f.svc.Users(ctx, a)
			if err != nil {
				t.Fatalf("users as %s: %v", a.Login, err)
			}
			var out []string
			for _, u := range us {
				out = append(out, u.Login)
			}
			return out
		}
		if got := logins(adminB); !slices.Equal(got, []string{"admin-b", "leader-b"}) {
			t.Errorf("region B's admin lists users %v", got)
		}
		if got := logins(f.admin); slices.Contains(got, "admin-b") || slices.Contains(got, "leader-b") || slices.Contains(got, "root") || !slices.Contains(got, "clerk") {
			t.Errorf("region A's admin lists users %v", got)
		}
		if got := logins(root); !slices.Contains(got, "admin-b") || !slices.Contains(got, "clerk") {
			t.Errorf("the deployment-wide admin lists users %v", got)
		}

		tokens := func(a service.Actor) []string {
			ts, err := f.svc.Tokens(ctx, a)
			if err != nil {
				t.Fatalf("tokens as %s: %v", a.Login, err)
			}
			var out []string
			for _, tk := range ts {
				out = append(out, tk.Name)
			}
			return out
		}
		if got := tokens(adminB); !slices.Equal(got, []string{"b-token"}) {
			t.Errorf("region B's admin lists tokens %v", got)
		}
		if got := tokens(f.admin); !slices.Equal(got, []string{"a-token"}) {
			t.Errorf("region A's admin lists tokens %v", got)
		}
		if got := tokens(root); len(got) != 2 {
			t.Errorf("the deployment-wide admin lists tokens %v", got)
		}

		entries := func(a service.Actor) map[string]bool {
			es, err := f.svc.Audit(ctx, a, audit.Filter{Limit: 1000})
			if err != nil {
				t.Fatalf("audit as %s: %v", a.Login, err)
			}
			seen := map[string]bool{}
			for _, e := range es {
				seen[e.Action+" "+e.After] = true
				seen[e.Action] = true
				if e.Action == "token.create" && strings.Contains(e.After, "b-token") {
					seen["b-token"] = true
				}
				if e.Action == "token.create" && strings.Contains(e.After, "a-token") {
					seen["a-token"] = true
				}
			}
			return seen
		}
		for _, a := range []service.Actor{adminB, leaderB} {
			seen := entries(a)
			if seen["report.create"] || seen["plan.import"] || seen["a-token"] {
				t.Errorf("%s of region B reads region A's audit entries", a.Login)
			}
			if !seen["b-token"] {
				t.Errorf("%s of region B misses its region's token.create", a.Login)
			}
		}
		for _, a := range []service.Actor{f.admin, leaderA} {
			seen := entries(a)
			if seen["b-token"] {
				t.Errorf("%s of region A reads region B's audit entries", a.Login)
			}
			if !seen["report.create"] || !seen["a-token"] {
				t.Errorf("%s of region A misses its region's entries", a.Login)
			}
		}
		if seen := entries(root); !seen["b-token"] || !seen["a-token"] || !seen["report.create"] {
			t.Error("the deployment-wide admin misses entries")
		}

		// Down the region tree (issue 12): the city's planning office (重庆市, 500000)
		// lists the users, tokens and audit entries of its districts A (500106) and
		// B (500107), filtered in the query; a district outside the city (成都市锦江区)
		// stays out; the districts still see only their own.
		for _, r := range []plan.Region{{Code: "500000", Name: "重庆市"}, {Code: "510104", Name: "锦江区", ParentCode: "510100"}} {
			if _, err := f.st.EnsureRegion(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		adminC := f.user(t, "admin-c", "510104", auth.RoleAdmin)
		if _, _, err := f.svc.CreateToken(ctx, adminC, "admin-c", "c-token", time.Time{}); err != nil {
			t.Fatal(err)
		}
		cityAdmin := f.user(t, "city-admin", "500000", auth.RoleAdmin)
		cityLeader := f.user(t, "city-leader", "500000", auth.RoleLeader)
		got := logins(cityAdmin)
		for _, want := range []string{"admin-b", "leader-b", "clerk", "leader-a", "city-admin", "city-leader"} {
			if !slices.Contains(got, want) {
				t.Errorf("the city's admin misses user %s: %v", want, got)
			}
		}
		if slices.Contains(got, "admin-c") || slices.Contains(got, "root") {
			t.Errorf("the city's admin lists users outside the city: %v", got)
		}
		if got := logins(adminB); !slices.Equal(got, []string{"admin-b", "leader-b"}) {
			t.Errorf("region B's admin lists users %v once the city has users", got)
		}
		if got := tokens(cityAdmin); !slices.Equal(got, []string{"a-token", "b-token"}) {
			t.Errorf("the city's admin lists tokens %v; want a-token and b-token", got)
		}
		if got := tokens(adminB); !slices.Equal(got, []string{"b-token"}) {
			t.Errorf("region B's admin lists tokens %v once the city has users", got)
		}
		for _, a := range []service.Actor{cityAdmin, cityLeader} {
			seen := entries(a)
			if !seen["a-token"] || !seen["b-token"] || !seen["report.create"] || !seen["plan.import"] {
				t.Errorf("%s of the city misses its districts' audit entries", a.Login)
			}
			for e := range seen {
				if strings.Contains(e, "c-token") || strings.Contains(e, "admin-c") {
					t.Errorf("%s of the city reads an entry of a district outside it: %s", a.Login, e)
				}
			}
		}
		for _, a := range []service.Actor{adminB, leaderB} {
			if seen := entries(a); seen["report.create"] || seen["a-token"] {
				t.Errorf("%s of region B reads region A's audit entries once the city has users", a.Login)
			}
		}
		// The city's admin manages the users of its districts (the users page lists
		// them, their edit pages take the change); no district admin manages another
		// district's users or the city's, and nobody reaches outside the city.
		edit := func(by service.Actor, who service.Actor, name string) error {
			if _, err := f.svc.UserByID(ctx, by, who.UserID); err != nil {
				return err
			}
			_, err := f.svc.UpdateUser(ctx, by, who.UserID, service.UserChange{DisplayName: name, Roles: who.Roles})
			return err
		}
		if err := edit(cityAdmin, leaderB, "区B领导（市改）"); err != nil {
			t.Errorf("the city's admin cannot edit a district's user: %v", err)
		} else if u, _ := f.svc.UserByID(ctx, service.System, leaderB.UserID); u.DisplayName != "区B领导（市改）" {
			t.Errorf("the city's edit was not stored: %q", u.DisplayName)
		}
		if _, err := f.svc.SetPassword(ctx, cityAdmin, "leader-b", ""); err != nil {
			t.Errorf("the city's admin cannot reset a district user's password: %v", err)
		}
		for _, c := range []struct {
			by, who service.Actor
		}{{adminB, leaderA}, {adminB, cityLeader}, {adminC, leaderB}, {cityAdmin, adminC}} {
			if err := edit(c.by, c.who, "不应改动"); !errors.Is(err, auth.ErrForbidden) && !errors.Is(err, store.ErrNotFound) {
				t.Errorf("%s edits %s: %v", c.by.Login, c.who.Login, err)
			}
		}
	})
}
