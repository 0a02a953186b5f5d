package service_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/notify/notifytest"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/planfile"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// remindPlan: the commerce department owns three monthly indicators.
func remindPlan(t *testing.T, svc *service.Service) []service.IndicatorRow {
	t.Helper()
	p := &plan.Plan{Region: plan.Region{Code: "500106", Name: "沙坪坝区"}, Year: 2022, Title: "催报测试", Settings: plan.DefaultSettings(),
		Departments: []plan.Department{{Code: "commerce", Name: "区商务委"}}}
	prog := plan.Program{Code: "p", Name: "工程"}
	for i, name := range []string{"实际利用外资", "进出口总额", "社会消费品零售总额"} {
		target := decimal.NewFromInt(1200)
		prog.Indicators = append(prog.Indicators, plan.Indicator{Code: fmt.Sprintf("i%d", i), Name: name, Unit: "亿元",
			Kind: plan.KindLevel, Direction: plan.Higher, Target: &target, Qualifier: plan.QualAtLeast, Period: "2022",
			Frequency: plan.Monthly, Accumulation: plan.Cumulative, DeptCode: "commerce", Public: true, Position: i})
	}
	p.Zones = []plan.Zone{{Code: "z", Name: "示范区", Programs: []plan.Program{prog}}}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	got, err := svc.ImportPlan(context.Background(), service.System, &planfile.Loaded{Plan: p})
	if err != nil {
		t.Fatal(err)
	}
	inds, err := svc.Store().PlanIndicators(context.Background(), got.ID)
	if err != nil {
		t.Fatal(err)
	}
	return inds
}

func chinaTime(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, service.China).UTC()
}

// The daily reminders on two servers at once: one runs the day, every report is
// reminded about once (owners by e-mail through a real SMTP server, reviewers too, the
// group by a signed DingTalk webhook on a real HTTP receiver), a second run and a 催报
// press the same day add nothing, failures are recorded and retried, and nothing is
// sent before the hour. On both databases.
func TestRemindersOncePerDayAcrossServers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		sink := notifytest.NewSMTPSink(t)
		robot := notifytest.NewReceiver(t)
		var clock struct {
			sync.Mutex
			now time.Time
		}
		setNow := func(tm time.Time) { clock.Lock(); clock.now = tm; clock.Unlock() }
		now := func() time.Time { clock.Lock(); defer clock.Unlock(); return clock.now }
		newServer := func() *service.Service {
			svc := service.New(st)
			svc.Hasher = auth.NewHasher(auth.WithParams(auth.InsecureTestParams))
			svc.Now = now
			return svc
		}
		a, b := newServer(), newServer()
		setNow(chinaTime(2022, 3, 1, 10))
		inds := remindPlan(t, a)

		users := map[string]int64{}
		for _, u := range []struct {
			login, email string
			role         auth.Role
		}{{"clerk", "clerk@example.gov.cn", auth.RoleReporter}, {"clerk2", "", auth.RoleReporter}, {"checker", "checker@example.gov.cn", auth.RoleReviewer}} {
			got, _, err := a.CreateUser(ctx, service.System, service.NewUser{Login: u.login, DisplayName: u.login + "同志", Roles: []auth.Role{u.role},
				DeptCodes: []string{"commerce"}, Password: "a long passphrase for tests"})
			if err != nil {
				t.Fatal(err)
			}
			users[u.login] = got.ID
			if u.email != "" {
				if err := a.SetUserEmail(ctx, service.System, got.ID, u.email); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := a.SetUserEmail(ctx, service.System, users["clerk2"], "not an address"); err == nil {
			t.Error("a malformed address was accepted")
		}
		// February's figure of the third indicator was submitted on 1 March and waits.
		v := decimal.NewFromInt(300)
		r, err := a.CreateReport(ctx, service.System, inds[2].ID, service.ReportInput{Period: "2022-02", Value: &v})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Review(ctx, service.System, r.ID, service.ReviewAction{Action: progress.ActSubmit, Version: r.Version}); err != nil {
			t.Fatal(err)
		}
		// The first two indicators' Februaries are approved: only March is owed by them.
		for _, ind := range inds[:2] {
			r, err := a.CreateReport(ctx, service.System, ind.ID, service.ReportInput{Period: "2022-02", Value: &v})
			if err != nil {
				t.Fatal(err)
			}
			r, err = a.Review(ctx, service.System, r.ID, service.ReviewAction{Action: progress.ActSubmit, Version: r.Version})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := a.Review(ctx, service.System, r.ID, service.ReviewAction{Action: progress.ActApprove, Version: r.Version}); err != nil {
				t.Fatal(err)
			}
		}
		admin := service.Actor{Principal: auth.Principal{UserID: -1, Login: "root", Roles: []auth.Role{auth.RoleAdmin}}}
		settings := store.DefaultReminderSettings
		settings.Enabled = true
		settings.SMTPHost, settings.SMTPPort, settings.SMTPTLS, settings.SMTPFrom = sink.Host, sink.Port, "none", "蓝图 <lantu@example.gov.cn>"
		settings.WebhookKind, settings.WebhookURL, settings.WebhookSecret = "dingtalk", robot.URL+"/robot/send?access_token=tok", "SECsecret"
		if err := a.SaveReminderSettings(ctx, admin, settings); err != nil {
			t.Fatal(err)
		}
		bad := settings
		bad.WebhookURL = "ftp://x"
		if err := a.SaveReminderSettings(ctx, admin, bad); err == nil {
			t.Error("an ftp webhook was accepted")
		}

		// Before the hour: nothing.
		setNow(chinaTime(2022, 4, 8, 8))
		if run, err := a.RunReminders(ctx, "A", now()); err != nil || run.Ran || run.Why != service.NotRunEarly {
			t.Fatalf("before the hour: %+v %v", run, err)
		}
		// 8 April, 10:00: March is due on the 10th (within 3 days); February's figure has
		// waited 38 days. Both servers run the job at once.
		setNow(chinaTime(2022, 4, 8, 10))
		runs := make([]service.ReminderRun, 2)
		var wg sync.WaitGroup
		for i, svc := range []*service.Service{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var err error
				if runs[i], err = svc.RunReminders(ctx, fmt.Sprintf("server-%d", i), now()); err != nil {
					t.Errorf("server %d: %v", i, err)
				}
			}()
		}
		wg.Wait()
		if runs[0].Ran == runs[1].Ran {
			t.Fatalf("both or neither server ran the day: %+v", runs)
		}
		run := runs[0]
		if !run.Ran {
			run = runs[1]
		}
		// 3 indicators × March due + 1 February waiting for review; clerk2 has no address.
		if run.Items != 4 || run.Messages != 3 || run.NoAddress != 1 {
			t.Errorf("run = %+v; want 4 items, 3 messages (clerk, checker, robot), 1 without address", run)
		}
		for i, svc := range []*service.Service{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := svc.DeliverReminders(ctx, fmt.Sprintf("server-%d", i)); err != nil {
					t.Errorf("deliver %d: %v", i, err)
				}
			}()
		}
		wg.Wait()
		mails := sink.Mail()
		if len(mails) != 2 {
			t.Fatalf("%d e-mails; want 2: %+v", len(mails), mails)
		}
		byTo := map[string]notifytest.Mail{}
		for _, m := range mails {
			byTo[m.To] = m
		}
		clerk, checker := byTo["clerk@example.gov.cn"], byTo["checker@example.gov.cn"]
		if !strings.Contains(clerk.Subject, "即将到期 3 项") || !strings.Contains(clerk.Text, "实际利用外资（i0）2022-03 数据，2022-04-10 截止报送") ||
			!strings.Contains(clerk.Text, "clerk同志") || strings.Contains(clerk.Text, "待审核") {
			t.Errorf("the clerk's e-mail:\n%s\n%s", clerk.Subject, clerk.Text)
		}
		if !strings.Contains(checker.Text, "社会消费品零售总额（i2）2022-02 报告已提交 38 天") || strings.Contains(checker.Text, "即将到期") {
			t.Errorf("the checker's e-mail:\n%s\n%s", checker.Subject, checker.Text)
		}
		hooks := robot.Hooks()
		if len(hooks) != 1 || hooks[0].Query["sign"] == "" || hooks[0].Query["access_token"] != "tok" || !strings.Contains(hooks[0].Body, "区商务委") {
			t.Fatalf("robot got %+v", hooks)
		}

		// Again the same day, on either server, and a 催报 press: nothing new.
		if run, err := b.RunReminders(ctx, "server-9", now()); err != nil || run.Ran {
			t.Errorf("second run the same day: %+v %v", run, err)
		}
		p, _ := st.PlanHeader(ctx, inds[0].PlanID)
		checkerActor := service.Actor{Principal: auth.Principal{UserID: users["checker"], Login: "checker", RegionID: p.Region.ID,
			Roles: []auth.Role{auth.RoleReviewer}, DeptIDs: []int64{inds[0].DeptID}}}
		pressed, res, err := a.RemindNow(ctx, checkerActor, inds[0].PlanID, "server-0")
		if err != nil || pressed.Items != 0 || pressed.Skipped != 3 || res.Sent != 0 {
			t.Errorf("催报 the same day: %+v %+v %v; want 3 skipped, nothing sent", pressed, res, err)
		}
		clerkActor := service.Actor{Principal: auth.Principal{UserID: users["clerk"], Login: "clerk", RegionID: p.Region.ID,
			Roles: []auth.Role{auth.RoleReporter}, DeptIDs: []int64{inds[0].DeptID}}}
		if _, _, err := a.RemindNow(ctx, clerkActor, inds[0].PlanID, "server-0"); err == nil {
			t.Error("a reporter pressed 催报")
		}

		// 12 April: March is overdue. The mail server and the robot fail once each.
		setNow(chinaTime(2022, 4, 12, 9))
		sink.FailNext(1)
		robot.FailNext(1)
		if run, err := b.RunReminders(ctx, "server-1", now()); err != nil || !run.Ran || run.Items != 4 {
			t.Fatalf("12 April: %+v %v", run, err)
		}
		res, err = b.DeliverReminders(ctx, "server-1")
		if err != nil || res.Failed != 2 || res.Sent != 1 {
			t.Fatalf("first delivery: %+v %v; want 2 failed, 1 sent", res, err)
		}
		if res, _ := a.DeliverReminders(ctx, "server-0"); res.Sent+res.Failed != 0 {
			t.Errorf("a retry before its time: %+v", res)
		}
		setNow(chinaTime(2022, 4, 12, 9).Add(2 * time.Minute))
		if res, err := a.DeliverReminders(ctx, "server-0"); err != nil || res.Sent != 2 {
			t.Errorf("retry: %+v %v", res, err)
		}
		log, err := a.ReminderLog(ctx, admin, 50)
		if err != nil {
			t.Fatal(err)
		}
		var sent, retried int
		for _, m := range log {
			if m.Status != "sent" {
				t.Errorf("message %d to %s is %s (%s)", m.ID, m.Recipient, m.Status, m.LastError)
			}
			sent++
			if m.Attempts == 2 {
				retried++
				if m.LastError == "" {
					t.Errorf("a retried message keeps no error")
				}
			}
			if strings.Contains(m.Recipient, "tok") {
				t.Errorf("the robot's token in the log: %s", m.Recipient)
			}
		}
		if sent != 6 || retried != 2 {
			t.Errorf("%d messages sent, %d retried; want 6 and 2", sent, retried)
		}
		if got := sink.Mail(); len(got) != 4 || !strings.Contains(got[3].Text+got[2].Text, "逾期未报") {
			t.Errorf("%d e-mails after the retry", len(got))
		}
		counts, err := a.ReminderCounts(ctx)
		if err != nil || counts[[2]string{"email", "sent"}] != 4 || counts[[2]string{"webhook", "sent"}] != 2 {
			t.Errorf("counts %v %v", counts, err)
		}
	})
}

// A period reopened by an unlock is owed again: while the unlock is in force its
// owners are told it is overdue, as before its lock date; once the unlock has run
// out, the locked period is not mentioned. On both databases.
func TestRemindersReachUnlockedPeriods(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		sink := notifytest.NewSMTPSink(t)
		var now time.Time
		svc := service.New(st)
		svc.Hasher = auth.NewHasher(auth.WithParams(auth.InsecureTestParams))
		svc.Now = func() time.Time { return now }
		now = chinaTime(2022, 3, 1, 10)
		inds := remindPlan(t, svc)
		clerk, _, err := svc.CreateUser(ctx, service.System, service.NewUser{Login: "clerk", DisplayName: "clerk同志", Roles: []auth.Role{auth.RoleReporter},
			DeptCodes: []string{"commerce"}, Password: "a long passphrase for tests"})
		if err != nil {
			t.Fatal(err)
		}
		if err := svc.SetUserEmail(ctx, service.System, clerk.ID, "clerk@example.gov.cn"); err != nil {
			t.Fatal(err)
		}
		settings := store.DefaultReminderSettings
		settings.Enabled = true
		settings.SMTPHost, settings.SMTPPort, settings.SMTPTLS, settings.SMTPFrom = sink.Host, sink.Port, "none", "蓝图 <lantu@example.gov.cn>"
		admin := service.Actor{Principal: auth.Principal{UserID: -1, Login: "root", Roles: []auth.Role{auth.RoleAdmin}}}
		if err := svc.SaveReminderSettings(ctx, admin, settings); err != nil {
			t.Fatal(err)
		}
		january := "实际利用外资（i0）2022-01 数据已于 2022-02-10 到期"
		// dayRun runs a day's reminders, delivers them and returns the clerk's e-mail.
		dayRun := func(day time.Time, wantItems int) string {
			t.Helper()
			now = day
			run, err := svc.RunReminders(ctx, "A", now)
			if err != nil || !run.Ran || run.Items != wantItems {
				t.Fatalf("%s: %+v %v; want %d items", day, run, err, wantItems)
			}
			before := len(sink.Mail())
			if res, err := svc.DeliverReminders(ctx, "A"); err != nil || res.Sent != 1 {
				t.Fatalf("%s delivery: %+v %v", day, res, err)
			}
			mails := sink.Mail()
			if len(mails) != before+1 {
				t.Fatalf("%s: %d e-mails", day, len(mails)-before)
			}
			return mails[len(mails)-1].Text
		}
		// 20 April: March is overdue for the three (its lock date is 30 April);
		// January and February are locked.
		if text := dayRun(chinaTime(2022, 4, 20, 10), 3); strings.Contains(text, "2022-01") || !strings.Contains(text, "逾期未报") {
			t.Errorf("20 April, nothing unlocked:\n%s", text)
		}
		// A reviewer reopens the first indicator's January until 25 April.
		if _, err := svc.UnlockPeriod(ctx, service.System, inds[0].ID, "2022-01", "补报", time.Date(2022, 4, 25, 0, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		if text := dayRun(chinaTime(2022, 4, 21, 10), 4); !strings.Contains(text, january) || strings.Contains(text, "进出口总额（i1）2022-01") {
			t.Errorf("21 April, January of i0 reopened:\n%s", text)
		}
		// 26 April: the unlock has run out; January is locked again.
		if text := dayRun(chinaTime(2022, 4, 26, 10), 3); strings.Contains(text, "2022-01") {
			t.Errorf("26 April, after the unlock:\n%s", text)
		}
	})
}
