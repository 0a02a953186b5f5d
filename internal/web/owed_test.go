package web_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/service"
)

// An indicator created in June of the plan year — by hand on the plan-edit form, and by
// accepting an ingested fact — is owed from June: on 20 June (May overdue and still
// open for any indicator owed from January) neither is overdue on the worklist, the
// cockpit, the review page's overdue departments or in the reminders; on 15 July June is
// overdue on all four and January to May still are not.
func TestCreatedMidYearOwedFromThen(t *testing.T) { eachWorld(t, testCreatedMidYearOwedFromThen) }

func testCreatedMidYearOwedFromThen(t *testing.T, w *progressWorld) {
	ctx := context.Background()
	clock := time.Date(2022, 6, 15, 9, 0, 0, 0, service.China)
	w.svc.Now = func() time.Time { return clock.UTC() }
	// The plan runs on the clock, not on the demo's as-of date.
	if _, err := w.st.DB().ExecContext(ctx, `UPDATE plans SET as_of = NULL WHERE id = $1`, w.planID); err != nil {
		t.Fatal(err)
	}
	if err := w.st.PlanChanged(ctx, w.planID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.SavePlanItem(ctx, service.System, service.ItemInput{Kind: service.KindDepartment, PlanID: w.planID, Code: "newbureau", Name: "区新设局"}); err != nil {
		t.Fatal(err)
	}
	for _, u := range []service.NewUser{
		{Login: "planner", Roles: []auth.Role{auth.RoleAdmin}},
		{Login: "newclerk", Roles: []auth.Role{auth.RoleReporter}, DeptCodes: []string{"newbureau"}},
		{Login: "newhead", Roles: []auth.Role{auth.RoleReviewer}, DeptCodes: []string{"newbureau"}},
	} {
		u.Password = u.Login + "-password-1"
		if _, _, err := w.svc.CreateUser(ctx, service.System, u); err != nil {
			t.Fatal(err)
		}
	}
	p, err := w.svc.Plan(ctx, service.System, w.planID)
	if err != nil {
		t.Fatal(err)
	}
	program := p.Zones[0].Programs[0].ID

	// By hand, on the plan-edit form.
	admin := w.browser(t, "planner")
	_, body := w.get(t, admin, fmt.Sprintf("/admin/plan/indicators/new?plan=%d&parent=%d", w.planID, program))
	code, _, where := w.post(t, admin, "/admin/plan/indicators", url.Values{"csrf": {csrfOf(t, body)}, "plan": {fmt.Sprint(w.planID)},
		"parent": {fmt.Sprint(program)}, "code": {"handmade"}, "name": {"年中新增指标"}, "unit": {"个"}, "target": {"40"},
		"qualifier": {"at_least"}, "frequency": {"monthly"}, "accumulation": {"cumulative"}, "department": {"newbureau"}, "public": {"1"}})
	if code != 200 || strings.Contains(where.Path, "/new") {
		t.Fatalf("create by hand = %d at %s", code, where)
	}
	hand, err := w.st.IndicatorByCode(ctx, w.planID, "handmade")
	if err != nil {
		t.Fatal(err)
	}
	if hand.OwedFrom != "2022-06-15" {
		t.Errorf("owed_from by hand = %q, want 2022-06-15", hand.OwedFrom)
	}
	// By accepting an ingested fact.
	planner := service.Actor{Principal: auth.Principal{UserID: -1, Login: "root", Roles: []auth.Role{auth.RoleAdmin}}}
	doc, err := w.svc.IngestDocument(ctx, planner, w.planID, "年中通报", "", "2022-06-14", []byte("新能源汽车充电桩今年力争达到1200个。"))
	if err != nil {
		t.Fatal(err)
	}
	ing, err := w.svc.Ingested(ctx, planner, w.planID, doc.Key)
	if err != nil || len(ing.Facts) == 0 {
		t.Fatalf("ingested: %v, %d facts", err, len(ing.Facts))
	}
	f := ing.Facts[0]
	acceptedID, err := w.svc.AcceptFact(ctx, planner, w.planID, doc.Key, service.Acceptance{Start: f.Start, End: f.End, As: "indicator",
		ProgramID: program, Name: "充电桩", DeptCode: "newbureau"})
	if err != nil {
		t.Fatal(err)
	}
	accepted, err := w.st.Indicator(ctx, acceptedID)
	if err != nil {
		t.Fatal(err)
	}
	if accepted.OwedFrom != "2022-06-15" || accepted.Frequency != "monthly" || !accepted.HasTarget() {
		t.Fatalf("accepted indicator: owed_from %q, frequency %q", accepted.OwedFrom, accepted.Frequency)
	}
	codes := []string{hand.Code, accepted.Code}

	if err := w.svc.SaveReminderSettings(ctx, planner, service.ReminderSettings{Enabled: true, SendHour: 0, DueDays: 0, ReviewDays: 3,
		SMTPPort: 25, SMTPTLS: "starttls", WebhookKind: "json", WebhookURL: "http://127.0.0.1:9/hook"}); err != nil {
		t.Fatal(err)
	}
	// check reads the four places at the clock's date: want is the month the two
	// indicators owe ("" for none); none of January to May may appear.
	check := func(want string) {
		t.Helper()
		early := []string{"2022-01", "2022-02", "2022-03", "2022-04", "2022-05"}
		// Sessions follow the clock: sign in on the day.
		clerk, head, leader := w.browser(t, "newclerk"), w.browser(t, "newhead"), w.browser(t, "leader")
		_, body := w.get(t, clerk, "/reports?lang=en")
		for _, c := range codes {
			r := row(t, body, c)
			for _, m := range early {
				if strings.Contains(r, m) {
					t.Errorf("%s worklist row of %s owes %s: %s", clock.Format(time.DateOnly), c, m, r)
				}
			}
			if want != "" && !strings.Contains(r, want) {
				t.Errorf("%s worklist row of %s lacks %s: %s", clock.Format(time.DateOnly), c, want, r)
			}
		}
		_, body = w.get(t, leader, fmt.Sprintf("/cockpit?plan=%d&lang=en", w.planID))
		silent := section(t, body, `id="silent"`)
		line := ""
		if i := strings.Index(silent, "区新设局"); i >= 0 {
			line = silent[i:]
			line = line[:strings.Index(line, "</li>")]
		}
		switch {
		case want == "" && line != "":
			t.Errorf("%s cockpit lists the new department as not reported: %s", clock.Format(time.DateOnly), line)
		case want != "" && (!strings.Contains(line, want) || !strings.Contains(line, "2 ")):
			t.Errorf("%s cockpit's line of the new department = %q, want 2 periods of %s", clock.Format(time.DateOnly), line, want)
		}
		for _, m := range early {
			if strings.Contains(line, m) {
				t.Errorf("%s cockpit: the new department owes %s: %s", clock.Format(time.DateOnly), m, line)
			}
		}
		_, body = w.get(t, head, fmt.Sprintf("/review?plan=%d&lang=en", w.planID))
		listed := strings.Contains(body, `id="overdue-depts"`) && strings.Contains(section(t, body, `id="overdue-depts"`), "区新设局")
		if listed != (want != "") {
			t.Errorf("%s review page lists the new department as overdue: %v, want %v", clock.Format(time.DateOnly), listed, want != "")
		}
		if _, err := w.st.DB().ExecContext(ctx, `DELETE FROM job_leases`); err != nil {
			t.Fatal(err)
		}
		run, err := w.svc.RunReminders(ctx, "test", w.svc.Now())
		if err != nil || !run.Ran {
			t.Fatalf("reminders: %+v %v", run, err)
		}
		msgs, err := w.svc.ReminderLog(ctx, planner, 100)
		if err != nil {
			t.Fatal(err)
		}
		day, told := clock.Format(time.DateOnly), false
		for _, m := range msgs {
			if m.Day != day {
				continue
			}
			for _, l := range strings.Split(m.Body, "\n") {
				if !strings.Contains(l, "（"+codes[0]+"）") && !strings.Contains(l, "（"+codes[1]+"）") {
					continue
				}
				if want == "" || !strings.Contains(l, want) || !strings.Contains(l, "逾期未报") {
					t.Errorf("%s reminder: %s", day, l)
				}
				told = true
			}
		}
		if told != (want != "") {
			t.Errorf("%s reminders told of the new indicators: %v, want %v", day, told, want != "")
		}
	}
	clock = time.Date(2022, 6, 20, 9, 0, 0, 0, service.China)
	check("")
	clock = time.Date(2022, 7, 15, 9, 0, 0, 0, service.China)
	check("2022-06")
}

// section is the HTML from the element carrying attr to the end of its section.
func section(t *testing.T, body, attr string) string {
	t.Helper()
	i := strings.Index(body, attr)
	if i < 0 {
		t.Fatalf("no %s on the page", attr)
	}
	j := strings.Index(body[i:], "</section>")
	if j < 0 {
		return body[i:]
	}
	return body[i : i+j]
}
