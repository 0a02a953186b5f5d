package service_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/audit"
	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/invest"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// investFixture is the demo plan with the investment centre's demo data loaded, the
// clock on 2022-04-05, and people around the centre.
type investFixture struct {
	*fixture
	officer, officer2, head, leader service.Actor
	landed, completed, fdiUse       int64
}

func newInvestFixture(t *testing.T, st *store.Store) *investFixture {
	t.Helper()
	ctx := context.Background()
	f := &investFixture{fixture: newFixture(t, st)}
	data, err := os.ReadFile("../../demo/invest-2022.yaml")
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := f.svc.LoadInvest(ctx, service.System, f.planID, data)
	if err != nil || !loaded {
		t.Fatalf("load invest demo: %v (loaded %v)", err, loaded)
	}
	if again, err := f.svc.LoadInvest(ctx, service.System, f.planID, data); err != nil || again {
		t.Fatalf("second load: %v %v", again, err)
	}
	mk := func(login string, role auth.Role, dept string) service.Actor {
		nu := service.NewUser{Login: login, Roles: []auth.Role{role}, Password: login + "-password-1"}
		if dept != "" {
			nu.DeptCodes = []string{dept}
		}
		u, _, err := f.svc.CreateUser(ctx, service.System, nu)
		if err != nil {
			t.Fatal(err)
		}
		pr, _ := auth.NewPrincipal(u)
		return service.Actor{Principal: pr, Address: "10.0.0.2"}
	}
	fang, err := st.UserByLogin(ctx, "fangnan")
	if err != nil {
		t.Fatal(err)
	}
	fang.MustChangePassword = false
	pr, _ := auth.NewPrincipal(fang)
	f.officer = service.Actor{Principal: pr}
	f.officer2 = mk("zhou", auth.RoleOfficer, "investment")
	f.head = mk("centrehead", auth.RoleReviewer, "investment")
	f.leader = mk("quzhang", auth.RoleLeader, "")
	for code, dst := range map[string]*int64{"projects-landed": &f.landed, "industrial-projects-completed": &f.completed, "fdi-actual-use": &f.fdiUse} {
		ind, err := st.IndicatorByCode(ctx, f.planID, code)
		if err != nil {
			t.Fatal(err)
		}
		*dst = ind.ID
	}
	return f
}

func (f *investFixture) leadNamed(t *testing.T, name string) invest.Lead {
	t.Helper()
	ls, err := f.svc.Leads(context.Background(), f.admin, service.LeadFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		if l.Name == name {
			return l
		}
	}
	t.Fatalf("no lead %q", name)
	return invest.Lead{}
}

func (f *investFixture) status(t *testing.T, id int64, at string) service.IndicatorStatus {
	t.Helper()
	d, _ := time.ParseInLocation(time.DateOnly, at, service.China)
	st, _, err := f.svc.OneStatus(context.Background(), f.leader, id, d.Add(24*time.Hour-time.Second))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// The demo's pipeline-fed indicators stand believably at the end of March 2022.
func TestInvestDemoState(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newInvestFixture(t, st)
		for _, c := range []struct {
			id    int64
			value string
		}{{f.landed, "3"}, {f.completed, "3"}, {f.fdiUse, "215237760"}} {
			s := f.status(t, c.id, "2022-03-31")
			if s.Progress == nil || !s.Progress.Equal(dv(c.value)) {
				t.Errorf("%s progress at 03-31 = %v, want %s", s.Code, s.Progress, c.value)
			}
		}
		if s := f.status(t, f.landed, "2022-03-31"); s.Status != progress.StatusOnTrack {
			t.Errorf("projects-landed is %s at 03-31, want on track", s.Status)
		}
		fed, ok, err := f.svc.IndicatorFeed(context.Background(), f.leader, f.fdiUse)
		if err != nil || !ok || len(fed.Sources) != 4 {
			t.Fatalf("fdi-actual-use feed: %+v %v %v", fed, ok, err)
		}
		if _, ok, _ := f.svc.IndicatorFeed(context.Background(), f.leader, f.fdi); ok {
			t.Error("fdi is reported by hand, not fed")
		}
	})
}

// Acceptance: moving a lead 签约 → 落地 updates the pipeline-fed indicator and its status
// at once, in the move's transaction; a move whose recomputation fails leaves nothing.
func TestMoveLeadFeedsIndicatorInOneTransaction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := newInvestFixture(t, st)
		before := f.status(t, f.landed, "2022-03-31")
		// The plan's status is cached per plan version: read it once so the cache is warm.
		at := time.Date(2022, 3, 31, 23, 59, 59, 0, service.China)
		planLanded := func() string {
			all, _, err := f.svc.PlanStatus(ctx, f.leader, f.planID, at)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range all {
				if s.IndicatorID == f.landed && s.Progress != nil {
					return s.Progress.String()
				}
			}
			return ""
		}
		if got := planLanded(); got != "3" {
			t.Fatalf("plan status before: projects-landed %q", got)
		}
		v0, err := st.PlanVersion(ctx, f.planID)
		if err != nil {
			t.Fatal(err)
		}
		lead := f.leadNamed(t, "“一带一路”商品交易中心")
		if lead.Stage != invest.StageSigned {
			t.Fatalf("stage %s", lead.Stage)
		}
		moved, err := f.svc.MoveLead(ctx, f.officer, lead.ID, service.MoveInput{To: invest.StageLanded, On: invest.DateOf(time.Date(2022, 3, 30, 12, 0, 0, 0, service.China)), Version: lead.Version})
		if err != nil {
			t.Fatal(err)
		}
		if moved.Stage != invest.StageLanded || moved.Version != lead.Version+1 {
			t.Errorf("moved: %+v", moved)
		}
		// The move bumped the plan's version in its transaction, so the cached plan status
		// shows the new figure at once.
		if v1, err := st.PlanVersion(ctx, f.planID); err != nil || v1.Version <= v0.Version {
			t.Errorf("plan version %d → %d (%v): the move did not bump it", v0.Version, v1.Version, err)
		}
		if got := planLanded(); got != "4" {
			t.Errorf("plan status after the move: projects-landed %q, want 4", got)
		}
		after := f.status(t, f.landed, "2022-03-31")
		if !after.Progress.Equal(before.Progress.Add(decimal.NewFromInt(1))) {
			t.Errorf("projects-landed %s → %s, want one more", before.Progress, after.Progress)
		}
		if after.Completion == nil || before.Completion == nil || !after.Completion.GreaterThan(*before.Completion) {
			t.Errorf("completion %v → %v", before.Completion, after.Completion)
		}
		fed, _, _ := f.svc.IndicatorFeed(ctx, f.leader, f.landed)
		found := false
		for _, src := range fed.Sources {
			found = found || src.LeadID == lead.ID
		}
		if !found {
			t.Errorf("the sources %+v do not name the lead", fed.Sources)
		}
		// The audit log has the move and the figure it changed.
		es, err := st.Audit(ctx, audit.Filter{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var acts []string
		for _, e := range es {
			acts = append(acts, e.Action)
			if e.Action == "lead.move" {
				break
			}
		}
		// Q1's figure and Q2's (year to date) both moved.
		if strings.Join(acts, ",") != "feed.figure,feed.figure,lead.move" {
			t.Errorf("last audit entries %v", acts)
		}
		// A second officer may not move the first one's lead.
		if _, err := f.svc.MoveLead(ctx, f.officer2, lead.ID, service.MoveInput{To: invest.StageStarted}); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("another officer moved the lead: %v", err)
		}
		// A move whose recomputation fails is not made: a fed "signed investment"
		// indicator in 元 needs a rate that is missing for 英镑.
		gbp := dv("10000000")
		l2, err := f.svc.CreateLead(ctx, f.officer, service.LeadInput{Name: "英镑项目", Stage: invest.StageNegotiation, PlannedInvestment: &gbp, Currency: "GBP",
			StageOn: invest.DateOf(time.Date(2022, 3, 1, 0, 0, 0, 0, service.China))})
		if err != nil {
			t.Fatal(err)
		}
		// fdi has a report by hand: it cannot be fed.
		v := dv("1000")
		if _, err := f.svc.CreateReport(ctx, f.reporter, f.fdi, service.ReportInput{Period: "2022-03", Value: &v}); err != nil {
			t.Fatal(err)
		}
		var ie *invest.Error
		if err := f.svc.SetFeed(ctx, f.admin, invest.Feed{IndicatorID: f.fdi, Metric: invest.MetricSigned}); !errors.As(err, &ie) || ie.Code != "feed.has_reports" {
			t.Fatalf("a reported indicator made fed: %v", err)
		}
		// offshore-outsourcing has illustrative figures only: they give way.
		offshore, err := st.IndicatorByCode(ctx, f.planID, "offshore-outsourcing")
		if err != nil {
			t.Fatal(err)
		}
		if err := f.svc.SetFeed(ctx, f.admin, invest.Feed{IndicatorID: offshore.ID, Metric: invest.MetricSigned}); err != nil {
			t.Fatal(err)
		}
		landedBefore := f.status(t, f.landed, "2022-04-05").Progress
		_, err = f.svc.MoveLead(ctx, f.officer, l2.ID, service.MoveInput{To: invest.StageLanded})
		if !errors.As(err, &ie) || ie.Code != "rate.missing" || ie.Args[0] != "GBP" {
			t.Fatalf("move with a missing rate: %v", err)
		}
		l2now, _ := f.svc.Lead(ctx, f.officer, l2.ID)
		if l2now.Stage != invest.StageNegotiation || len(l2now.Moves) != 1 {
			t.Errorf("the failed move left stage %s and %d moves", l2now.Stage, len(l2now.Moves))
		}
		if now := f.status(t, f.landed, "2022-04-05").Progress; !now.Equal(*landedBefore) {
			t.Errorf("projects-landed moved from %s to %s on a failed move", landedBefore, now)
		}
	})
}

// Acceptance: recording foreign funds updates 实际利用外资 in 美元 at the recorded rate.
func TestForeignFundsFeedFDI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := newInvestFixture(t, st)
		before := f.status(t, f.fdiUse, "2022-03-31")
		lead := f.leadNamed(t, "示意智能座舱总部项目")
		fu, err := f.svc.RecordFunds(ctx, f.officer, lead.ID, service.FundsInput{On: invest.DateOf(time.Date(2022, 3, 28, 9, 0, 0, 0, service.China)),
			Amount: dv("20000000"), Currency: "EUR"})
		if err != nil {
			t.Fatal(err)
		}
		if !fu.Rate.Equal(dv("1.1")) || !fu.USD.Equal(dv("22000000")) || !fu.Foreign {
			t.Errorf("funds priced %s at %s (foreign %v)", fu.USD, fu.Rate, fu.Foreign)
		}
		after := f.status(t, f.fdiUse, "2022-03-31")
		if want := before.Progress.Add(dv("22000000")); !after.Progress.Equal(want) {
			t.Errorf("实际利用外资 %s → %s, want %s", before.Progress, after.Progress, want)
		}
		// A later rate does not rewrite what was recorded.
		if _, err := f.svc.PutRate(ctx, f.admin, invest.Rate{Currency: "EUR", On: invest.DateOf(time.Date(2022, 3, 29, 0, 0, 0, 0, service.China)), USD: dv("1.2")}); err != nil {
			t.Fatal(err)
		}
		d, _ := f.svc.Lead(ctx, f.officer, lead.ID)
		last := d.Funds[len(d.Funds)-1]
		if !last.Rate.Equal(dv("1.1")) || !last.USD.Equal(dv("22000000")) {
			t.Errorf("the funds now say %s at %s", last.USD, last.Rate)
		}
		// Domestic funds do not count.
		if _, err := f.svc.RecordFunds(ctx, f.officer, f.leadNamed(t, "拓普集团轻量化底盘模块项目").ID, service.FundsInput{Amount: dv("1000000"), Currency: "CNY"}); err != nil {
			t.Fatal(err)
		}
		if again := f.status(t, f.fdiUse, "2022-03-31"); !again.Progress.Equal(*after.Progress) {
			t.Errorf("domestic funds moved 实际利用外资 to %s", again.Progress)
		}
		// Rates are the admin's.
		if _, err := f.svc.PutRate(ctx, f.officer, invest.Rate{Currency: "EUR", On: time.Now(), USD: dv("1")}); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("an officer set a rate: %v", err)
		}
	})
}

// A pipeline-fed indicator refuses reports by hand, with its own error.
func TestFedIndicatorRefusesReports(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newInvestFixture(t, st)
		v := dv("5")
		_, err := f.svc.CreateReport(context.Background(), f.admin, f.landed, service.ReportInput{Period: "2022Q2", Value: &v})
		var fe *service.FedError
		if !errors.As(err, &fe) || !errors.Is(err, service.ErrPipelineFed) || fe.Code != "projects-landed" {
			t.Errorf("a report by hand on a fed indicator: %v", err)
		}
	})
}

func TestEnterpriseRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := newInvestFixture(t, st)
		_, err := f.svc.CreateEnterprise(ctx, f.officer, service.EnterpriseInput{Name: "校验位错误的企业", CreditCode: "91350100M000100Y44"})
		var ie *invest.Error
		if !errors.As(err, &ie) || ie.Code != "credit_code.check" || ie.Args[1] != "4" || ie.Args[2] != "3" {
			t.Errorf("wrong check character: %v", err)
		}
		e, err := f.svc.CreateEnterprise(ctx, f.officer, service.EnterpriseInput{Name: "华为技术有限公司", CreditCode: "914403001922038216",
			Contacts: []invest.Contact{{Name: "张经理", Phone: "13800000000"}}})
		if err != nil {
			t.Fatal(err)
		}
		var dup *invest.DuplicateError
		if _, err := f.svc.CreateEnterprise(ctx, f.officer2, service.EnterpriseInput{Name: "另一个名字", CreditCode: "９１４４０３００１９２２０３８２１６"}); !errors.As(err, &dup) || dup.ExistingID != e.ID || dup.By != "credit_code" {
			t.Errorf("duplicate by code: %v", err)
		}
		if _, err := f.svc.CreateEnterprise(ctx, f.officer2, service.EnterpriseInput{Name: "浙江宁波拓普集团有限公司"}); !errors.As(err, &dup) || dup.By != "name" {
			t.Errorf("duplicate by name: %v", err)
		}
		// Contacts: the owner, the centre's head and admins see them, each read audited;
		// another officer and the leader do not.
		for _, who := range []service.Actor{f.officer, f.head, f.admin} {
			cs, err := f.svc.Contacts(ctx, who, e.ID)
			if err != nil || len(cs) != 1 || cs[0].Phone != "13800000000" {
				t.Errorf("%s: contacts %v %v", who.Login, cs, err)
			}
		}
		for _, who := range []service.Actor{f.officer2, f.leader, f.reporter} {
			if _, err := f.svc.Contacts(ctx, who, e.ID); !errors.Is(err, auth.ErrForbidden) {
				t.Errorf("%s read contacts: %v", who.Login, err)
			}
		}
		es, _ := st.Audit(ctx, audit.Filter{Entity: "enterprise", EntityID: e.ID, Limit: 20})
		reads := 0
		for _, en := range es {
			if en.Action == "contact.read" {
				reads++
			}
		}
		if reads != 3 {
			t.Errorf("%d contact reads audited, want 3", reads)
		}
		// The head reassigns; then the new owner may edit and the old one may not.
		if err := f.svc.Reassign(ctx, f.officer, "enterprise", e.ID, "zhou"); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("an officer reassigned: %v", err)
		}
		if err := f.svc.Reassign(ctx, f.head, "enterprise", e.ID, "zhou"); err != nil {
			t.Fatal(err)
		}
		in := service.EnterpriseInput{Name: "华为技术有限公司", CreditCode: "914403001922038216", HQCity: "深圳"}
		if _, err := f.svc.UpdateEnterprise(ctx, f.officer, e.ID, in, 0); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("the old owner edited: %v", err)
		}
		if got, err := f.svc.UpdateEnterprise(ctx, f.officer2, e.ID, in, 0); err != nil || got.HQCity != "深圳" {
			t.Errorf("the new owner's edit: %v %v", got.HQCity, err)
		}
	})
}

// Reads: leaders and officers see the centre's records; the centre's head and clerk see
// their department's; reviewers and reporters of other departments and the planning
// office see nothing, and are told so (403), anonymous visitors are asked to sign in.
func TestInvestReads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := newInvestFixture(t, st)
		for _, who := range []service.Actor{f.leader, f.officer2, f.head, f.admin} {
			ls, err := f.svc.Leads(ctx, who, service.LeadFilter{})
			if err != nil || len(ls) != 13 {
				t.Errorf("%s sees %d leads (%v), want 13", who.Login, len(ls), err)
			}
		}
		for _, who := range []service.Actor{f.reporter, f.reviewer, f.other} {
			if _, err := f.svc.Leads(ctx, who, service.LeadFilter{}); !errors.Is(err, auth.ErrForbidden) {
				t.Errorf("%s listing leads: %v", who.Login, err)
			}
			if _, err := f.svc.Enterprises(ctx, who, service.EnterpriseFilter{}); !errors.Is(err, auth.ErrForbidden) {
				t.Errorf("%s listing enterprises: %v", who.Login, err)
			}
			if _, err := f.svc.Visits(ctx, who, service.VisitFilter{}); !errors.Is(err, auth.ErrForbidden) {
				t.Errorf("%s listing visits: %v", who.Login, err)
			}
		}
		anon := service.Actor{Principal: auth.Anonymous()}
		if _, err := f.svc.Leads(ctx, anon, service.LeadFilter{}); !errors.Is(err, auth.ErrUnauthenticated) {
			t.Errorf("anonymous: %v", err)
		}
		chains, err := f.svc.Chains(ctx, f.officer)
		if err != nil || len(chains) != 4 {
			t.Fatalf("chains %v %v", chains, err)
		}
		tree, err := f.svc.Chain(ctx, f.officer, chains[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		var tuopu, battery bool
		for _, n := range invest.Flatten(tree.Roots) {
			if n.Code == "light-chassis" && len(n.Settled) == 1 && strings.Contains(n.Settled[0].Name, "拓普") {
				tuopu = true
			}
			if n.Code == "battery" && n.Gap == invest.GapFill && len(n.Candidates) == 1 {
				battery = true
			}
		}
		if !tuopu || !battery || tree.Gaps[invest.GapFill] < 2 || tree.Gaps[invest.GapExtend] != 2 {
			t.Errorf("NEV tree: 拓普 at its link %v, battery a gap with a candidate %v, gaps %v", tuopu, battery, tree.Gaps)
		}
	})
}

// Acceptance: the demo's visits as iCalendar parse back, with 3月18日 10:00 China time.
func TestVisitsICal(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := newInvestFixture(t, st)
		var b strings.Builder
		if err := f.svc.WriteVisitsICal(ctx, f.officer, "zh", &b); err != nil {
			t.Fatal(err)
		}
		cal, err := invest.ReadICal(strings.NewReader(b.String()))
		if err != nil {
			t.Fatalf("%v\n%s", err, b.String())
		}
		if len(cal.Events) != 4 { // the article's three, and an illustrative one after the demo clock
			t.Fatalf("%d events", len(cal.Events))
		}
		e := cal.Events[0]
		if want := time.Date(2022, 3, 18, 10, 0, 0, 0, service.China); !e.Start.Equal(want) || !strings.Contains(e.Summary, "上海") {
			t.Errorf("first event %s at %v", e.Summary, e.Start)
		}
		// UIDs are stable: the same calendar twice has the same UIDs.
		var b2 strings.Builder
		if err := f.svc.WriteVisitsICal(ctx, f.officer, "en", &b2); err != nil {
			t.Fatal(err)
		}
		cal2, err := invest.ReadICal(strings.NewReader(b2.String()))
		if err != nil {
			t.Fatal(err)
		}
		for i := range cal.Events {
			if cal.Events[i].UID != cal2.Events[i].UID {
				t.Errorf("UID %d changed", i)
			}
		}
		// A subscription secret opens the officer's calendar until it is revoked.
		sub, err := f.svc.SubscribeCalendar(ctx, f.officer)
		if err != nil {
			t.Fatal(err)
		}
		who, err := f.svc.CalendarActor(ctx, sub.Secret)
		if err != nil || who.UserID != f.officer.UserID {
			t.Fatalf("calendar actor %v %v", who.Login, err)
		}
		if err := f.svc.RevokeCalendar(ctx, f.officer); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.CalendarActor(ctx, sub.Secret); !errors.Is(err, auth.ErrUnauthenticated) {
			t.Errorf("a revoked secret: %v", err)
		}
		if _, err := f.svc.SubscribeCalendar(ctx, f.leader); !errors.Is(err, auth.ErrForbidden) {
			t.Errorf("a leader subscribed: %v", err)
		}
	})
}

func dv(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// Eight officers' moves at once, each of a different lead to 落地: every one succeeds and
// the fed figure counts them all (no move lost, none refused for a conflict of figures).
func TestConcurrentMovesFeedAll(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := newInvestFixture(t, st)
		before := f.status(t, f.landed, "2022-03-31").Progress
		var ids []int64
		for i := 0; i < 8; i++ {
			l, err := f.svc.CreateLead(ctx, f.officer, service.LeadInput{Name: fmt.Sprintf("并发项目%d", i), Stage: invest.StageSigned,
				StageOn: invest.DateOf(time.Date(2022, 3, 1, 9, 0, 0, 0, service.China))})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, l.ID)
		}
		var wg sync.WaitGroup
		errs := make(chan error, len(ids))
		for _, id := range ids {
			wg.Add(1)
			go func(id int64) {
				defer wg.Done()
				_, err := f.svc.MoveLead(ctx, f.officer, id, service.MoveInput{To: invest.StageLanded, On: invest.DateOf(time.Date(2022, 3, 20, 9, 0, 0, 0, service.China))})
				errs <- err
			}(id)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Error(err)
			}
		}
		if after := f.status(t, f.landed, "2022-03-31").Progress; !after.Equal(before.Add(decimal.NewFromInt(8))) {
			t.Errorf("projects-landed %s → %s, want 8 more", before, after)
		}
	})
}
