package service

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/notify"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/store"
)

// Reminders (催报): once a day, after the hour set, one server of however many tells
//   - the reporters of each department about reports due within DueDays and about
//     overdue ones (past due, not locked: before the lock date, or reopened by an
//     unlock in force), by e-mail;
//   - the reviewers about reports waiting for review longer than ReviewDays;
//   - the group chat (a webhook) about all of it, department by department.
//
// Each report (an indicator's period) is reminded about at most once a day, whoever
// runs the job and however often a 催报 button is pressed: reminder_items has one row
// per day, indicator and period. The day's run is a lease row (job_leases), taken by
// one server; what is to be sent goes to an outbox (reminder_messages) in the same
// transaction, and every server delivers from the outbox, each message claimed by a
// lease of its own, retried with growing delays and given up after maxAttempts.
type (
	ReminderSettings = store.ReminderSettings
	ReminderMessage  = store.ReminderMessage
	UserEmail        = store.UserEmail
)

// Reminder kinds.
const (
	RemindDue     = "due"
	RemindOverdue = "overdue"
	RemindReview  = "review"
)

// ServerID names this process in leases: host, process id and a random part.
var ServerID = func() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
}()

const (
	maxAttempts  = 6
	leaseRun     = 10 * time.Minute
	leaseSend    = 2 * time.Minute
	sendTimeout  = 30 * time.Second
	deliverBatch = 50
)

// retryDelay is the wait after the nth failed attempt: 1, 5, 30 minutes, 2 and 6 hours.
func retryDelay(attempt int) time.Duration {
	delays := []time.Duration{time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 6 * time.Hour}
	if attempt < 1 {
		attempt = 1
	}
	if attempt > len(delays) {
		return delays[len(delays)-1]
	}
	return delays[attempt-1]
}

func settingsError(field, msg string) error {
	return plan.ValidationErrors{{Field: field, Message: msg}}
}

// checkSettings validates settings an admin saves.
func checkSettings(rs ReminderSettings) error {
	switch {
	case rs.SendHour < 0 || rs.SendHour > 23:
		return settingsError("send_hour", "发送时间应为 0–23 点 / the hour is 0–23")
	case rs.DueDays < 0 || rs.DueDays > 31:
		return settingsError("due_days", "提前天数应为 0–31 / days before due: 0–31")
	case rs.ReviewDays < 0 || rs.ReviewDays > 60:
		return settingsError("review_days", "待审天数应为 0–60 / days waiting for review: 0–60")
	case rs.SMTPPort < 1 || rs.SMTPPort > 65535:
		return settingsError("smtp_port", "端口应为 1–65535 / port 1–65535")
	case rs.SMTPTLS != "starttls" && rs.SMTPTLS != "tls" && rs.SMTPTLS != "none":
		return settingsError("smtp_tls", "加密方式应为 starttls、tls 或 none")
	case rs.WebhookKind != "" && rs.WebhookKind != notify.KindJSON && rs.WebhookKind != notify.KindWeCom && rs.WebhookKind != notify.KindDingTalk:
		return settingsError("webhook_kind", "机器人类型应为 json、wecom 或 dingtalk")
	}
	if rs.SMTPHost != "" {
		if _, err := mail.ParseAddress(rs.SMTPFrom); err != nil {
			return settingsError("smtp_from", "发件人地址不正确 / the sender's address is not valid")
		}
	}
	if rs.WebhookURL != "" {
		u, err := url.Parse(rs.WebhookURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return settingsError("webhook_url", "机器人地址应为 http(s) 网址 / the webhook is an http(s) URL")
		}
		if rs.WebhookKind == "" {
			return settingsError("webhook_kind", "请选择机器人类型 / choose the webhook's kind")
		}
	}
	return nil
}

// settingsAdmin: reminder settings are the deployment's, so they are a
// deployment-wide admin's (or a single region's admin when there is one region).
func (s *Service) settingsAdmin(a Actor) error {
	return s.can(a, auth.UserManage, auth.Resource{RegionID: a.RegionID})
}

// ReminderSettings reads the settings for the admin page (secrets blanked: the page
// says only whether they are set) and the users' e-mail addresses.
func (s *Service) ReminderSettings(ctx context.Context, a Actor) (ReminderSettings, []UserEmail, error) {
	if err := s.settingsAdmin(a); err != nil {
		return ReminderSettings{}, nil, err
	}
	rs, err := s.store.ReminderSettings(ctx)
	if err != nil {
		return rs, nil, err
	}
	users, err := s.store.UserEmails(ctx, a.RegionID)
	return rs, users, err
}

// SaveReminderSettings stores the settings; an empty password or secret keeps the one
// stored (the page never shows them). The audit row says what changed, secrets left out.
func (s *Service) SaveReminderSettings(ctx context.Context, a Actor, rs ReminderSettings) error {
	if err := s.settingsAdmin(a); err != nil {
		return err
	}
	rs.SMTPHost, rs.SMTPFrom, rs.SMTPUser = strings.TrimSpace(rs.SMTPHost), strings.TrimSpace(rs.SMTPFrom), strings.TrimSpace(rs.SMTPUser)
	rs.WebhookURL = strings.TrimSpace(rs.WebhookURL)
	if err := checkSettings(rs); err != nil {
		return err
	}
	return s.store.WithTx(ctx, func(ctx context.Context) error {
		cur, err := s.store.ReminderSettings(ctx)
		if err != nil {
			return err
		}
		if rs.SMTPPassword == "" {
			rs.SMTPPassword = cur.SMTPPassword
		}
		if rs.WebhookSecret == "" {
			rs.WebhookSecret = cur.WebhookSecret
		}
		if err := s.store.SaveReminderSettings(ctx, rs); err != nil {
			return err
		}
		return s.record(ctx, a, 0, "reminders.settings", "reminder_settings", 1, settingsAudit(cur), settingsAudit(rs), "")
	})
}

func settingsAudit(rs ReminderSettings) map[string]any {
	return map[string]any{"enabled": rs.Enabled, "send_hour": rs.SendHour, "due_days": rs.DueDays, "review_days": rs.ReviewDays,
		"smtp": rs.SMTPHost, "smtp_port": rs.SMTPPort, "smtp_tls": rs.SMTPTLS, "smtp_user": rs.SMTPUser, "from": rs.SMTPFrom,
		"smtp_password_set": rs.SMTPPassword != "", "webhook_kind": rs.WebhookKind, "webhook": notify.Redact(rs.WebhookURL),
		"webhook_secret_set": rs.WebhookSecret != ""}
}

// SetUserEmail sets the address a user's reminders go to ("" for none).
func (s *Service) SetUserEmail(ctx context.Context, a Actor, userID int64, email string) error {
	email = strings.TrimSpace(email)
	if email != "" {
		addr, err := mail.ParseAddress(email)
		if err != nil || addr.Address != email {
			return settingsError("email", fmt.Sprintf("邮箱地址不正确 / not an e-mail address: %q", email))
		}
	}
	return s.store.WithTx(ctx, func(ctx context.Context) error {
		u, err := s.store.UserByID(ctx, userID)
		if err != nil {
			return err
		}
		if err := s.can(a, auth.UserManage, auth.Resource{RegionID: u.RegionID}); err != nil {
			return err
		}
		if err := s.store.SetUserEmail(ctx, userID, email); err != nil {
			return err
		}
		return s.record(ctx, a, u.RegionID, "user.email", "user", userID, nil, map[string]any{"email": email}, "")
	})
}

// ReminderLog lists the newest messages of the outbox, for the admin page.
func (s *Service) ReminderLog(ctx context.Context, a Actor, limit int) ([]ReminderMessage, error) {
	if err := s.settingsAdmin(a); err != nil {
		return nil, err
	}
	return s.store.ReminderLog(ctx, limit)
}

// ReminderCounts counts the outbox by channel and status, for the metrics.
func (s *Service) ReminderCounts(ctx context.Context) (map[[2]string]int, error) {
	return s.store.ReminderCounts(ctx)
}

// remindItem is one report to remind about, with what the message says of it.
type remindItem struct {
	store.ReminderItem
	Ind     store.IndicatorRow
	Due     string // the period's due date
	Waiting int    // days waiting for review
}

// collectReminders lists what is to be reminded about on day (China date) in the plans
// given (all when nil).
func (s *Service) collectReminders(ctx context.Context, rs ReminderSettings, now time.Time, plans []int64) ([]remindItem, error) {
	local := now.In(China)
	day := local.Format(time.DateOnly)
	horizon := local.AddDate(0, 0, rs.DueDays).Format(time.DateOnly)
	if plans == nil {
		all, err := s.store.ListPlans(ctx)
		if err != nil {
			return nil, err
		}
		for _, p := range all {
			// A plan of a year long past owes nothing any more.
			if p.Year >= local.Year()-1 {
				plans = append(plans, p.ID)
			}
		}
	}
	var out []remindItem
	for _, planID := range plans {
		d, err := s.loadPlanDues(ctx, planID)
		if err != nil {
			return nil, err
		}
		p, inds, reports, byInd := d.plan, d.inds, d.reports, d.byInd
		unlocks, err := s.store.PlanUnlocks(ctx, planID)
		if err != nil {
			return nil, err
		}
		type key struct {
			ind    int64
			period string
		}
		latest := map[key]store.StoredReport{}
		for _, r := range reports {
			k := key{r.IndicatorID, r.Period.String()}
			if cur, ok := latest[k]; !ok || r.Revision > cur.Revision {
				latest[k] = r
			}
		}
		for _, ind := range inds {
			if ind.DeptID == 0 {
				continue
			}
			// What is owed and overdue is the one rule (progress.Obligation): owed from
			// the indicator's owed-from date, settled by any revision handed in.
			o := progress.ObligationOf(ind.Indicator, p.Settings, p.Year)
			in := progress.HandedIn(byInd[ind.ID])
			overdue := map[progress.Period]bool{}
			for _, op := range o.Overdue(byInd[ind.ID], unlocks[ind.ID], local) {
				// Past due and still open: before its lock date, or reopened by an
				// unlock in force today (a reviewer wants it filed now).
				overdue[op.Period] = op.Open
			}
			for _, period := range o.Calendar.Periods(p.Year) {
				due := o.Calendar.Due(period).Format(time.DateOnly)
				r, has := latest[key{ind.ID, period.String()}]
				it := remindItem{ReminderItem: store.ReminderItem{Day: day, IndicatorID: ind.ID, Period: period.String()}, Ind: ind, Due: due}
				switch {
				case has && r.State == progress.StateSubmitted:
					if wait := now.Sub(r.SubmittedAt); wait > time.Duration(rs.ReviewDays)*24*time.Hour {
						it.Kind, it.Waiting = RemindReview, int(wait.Hours()/24)
					}
				case in[period] || !o.Owes(period):
				case day <= due && due <= horizon:
					it.Kind = RemindDue
				case overdue[period]:
					it.Kind = RemindOverdue
				}
				if it.Kind != "" {
					if has {
						it.ReportID = r.ID
					}
					out = append(out, it)
				}
			}
		}
	}
	return out, nil
}

// NotRun says why a reminders run did nothing: a code the pages word in the reader's
// language, never a sentence to compare.
type NotRun string

// Why a run did nothing ("" when it ran).
const (
	NotRunDisabled   NotRun = "disabled"    // reminders are off
	NotRunEarly      NotRun = "before_hour" // before the day's sending hour
	NotRunNoChannel  NotRun = "no_channel"  // neither e-mail nor a group chat is set
	NotRunDayIsTaken NotRun = "day_taken"   // another server has the day, or it is done
)

// ReminderRun says what a run did.
type ReminderRun struct {
	Ran       bool   // false: not enabled, too early, or another server has the day
	Why       NotRun // why not
	Items     int    // reports reminded about
	Skipped   int    // already reminded about today
	Messages  int    // messages put in the outbox
	NoAddress int    // people who would be told but have no e-mail address
}

// RunReminders is the daily job. holder names this server; now is the clock.
func (s *Service) RunReminders(ctx context.Context, holder string, now time.Time) (ReminderRun, error) {
	rs, err := s.store.ReminderSettings(ctx)
	if err != nil {
		return ReminderRun{}, err
	}
	switch local := now.In(China); {
	case !rs.Enabled:
		return ReminderRun{Why: NotRunDisabled}, nil
	case local.Hour() < rs.SendHour:
		return ReminderRun{Why: NotRunEarly}, nil
	case !channels(rs):
		return ReminderRun{Why: NotRunNoChannel}, nil
	}
	name := "reminders " + now.In(China).Format(time.DateOnly)
	ok, err := s.store.TakeLease(ctx, name, holder, now, now.Add(leaseRun))
	if err != nil || !ok {
		return ReminderRun{Why: NotRunDayIsTaken}, err
	}
	var run ReminderRun
	err = s.store.WithTx(ctx, func(ctx context.Context) error {
		items, err := s.collectReminders(ctx, rs, now, nil)
		if err != nil {
			return err
		}
		run, err = s.queueReminders(ctx, rs, now, items, false)
		if err != nil {
			return err
		}
		// The lease ends with the work, in its transaction: a crash before this
		// commit leaves the day to whichever server takes the lease next.
		if done, err := s.store.FinishLease(ctx, name, holder, now); err != nil || !done {
			return errors.Join(err, fmt.Errorf("reminders: the lease %s was lost", name))
		}
		return nil
	})
	run.Ran = err == nil
	return run, err
}

func channels(rs ReminderSettings) bool {
	return rs.SMTPHost != "" && rs.SMTPFrom != "" || rs.WebhookURL != "" && rs.WebhookKind != ""
}

// RemindNow is the 催报 button of the review page: the owners of the plan's reports
// due soon or overdue, in the departments the actor reviews, are told now — except
// about reports already reminded about today. It returns what was queued and what the
// delivery that follows at once achieved.
func (s *Service) RemindNow(ctx context.Context, a Actor, planID int64, holder string) (ReminderRun, DeliveryResult, error) {
	return s.remindNow(ctx, a, planID, 0, holder)
}

// remindNow reminds of the plan's reports in one department (deptID) or in every
// department the actor reviews (0).
func (s *Service) remindNow(ctx context.Context, a Actor, planID, deptID int64, holder string) (ReminderRun, DeliveryResult, error) {
	if a.UserID == 0 && !a.System {
		return ReminderRun{}, DeliveryResult{}, auth.ErrUnauthenticated
	}
	if all, depts := auth.Reach(a.Principal, auth.ReportApprove); !all && len(depts) == 0 && !a.System {
		return ReminderRun{}, DeliveryResult{}, auth.ErrForbidden // only who reviews may press 催报
	}
	rs, err := s.store.ReminderSettings(ctx)
	if err != nil {
		return ReminderRun{}, DeliveryResult{}, err
	}
	if !channels(rs) {
		return ReminderRun{Why: NotRunNoChannel}, DeliveryResult{}, nil
	}
	now := s.Now()
	var run ReminderRun
	err = s.store.WithTx(ctx, func(ctx context.Context) error {
		p, err := s.store.PlanHeader(ctx, planID)
		if err != nil {
			return err
		}
		items, err := s.collectReminders(ctx, rs, now, []int64{planID})
		if err != nil {
			return err
		}
		var mine []remindItem
		for _, it := range items {
			if it.Kind == RemindReview {
				continue // the reviewer pressing the button is the one to act
			}
			if (deptID == 0 || it.Ind.DeptID == deptID) && s.can(a, auth.ReportApprove, reportResource(it.Ind, 0)) == nil {
				it.Manual = true
				mine = append(mine, it)
			}
		}
		run, err = s.queueReminders(ctx, rs, now, mine, true)
		if err != nil {
			return err
		}
		after := map[string]any{"items": run.Items, "skipped": run.Skipped, "messages": run.Messages}
		if deptID != 0 {
			after["department_id"] = deptID
		}
		return s.record(ctx, a, p.Region.ID, "reminders.send", "plan", planID, nil, after, "催报")
	})
	if err != nil {
		return run, DeliveryResult{}, err
	}
	run.Ran = true
	res, err := s.DeliverReminders(ctx, holder)
	return run, res, err
}

// queueReminders records the items not yet reminded about today and puts the messages
// about them in the outbox: one e-mail per person with an address, and one webhook
// message for the group.
func (s *Service) queueReminders(ctx context.Context, rs ReminderSettings, now time.Time, items []remindItem, manual bool) (ReminderRun, error) {
	var run ReminderRun
	var fresh []remindItem
	for _, it := range items {
		it.Manual = manual
		added, err := s.store.AddReminderItem(ctx, it.ReminderItem)
		if err != nil {
			return run, err
		}
		if !added {
			run.Skipped++
			continue
		}
		fresh = append(fresh, it)
	}
	run.Items = len(fresh)
	if len(fresh) == 0 {
		return run, nil
	}
	day := now.In(China).Format(time.DateOnly)
	if rs.SMTPHost != "" && rs.SMTPFrom != "" {
		people, err := s.store.Recipients(ctx, string(auth.RoleReporter), string(auth.RoleReviewer))
		if err != nil {
			return run, err
		}
		perUser := map[int64][]remindItem{}
		who := map[int64]store.Recipient{}
		for _, it := range fresh {
			role := string(auth.RoleReporter)
			if it.Kind == RemindReview {
				role = string(auth.RoleReviewer)
			}
			told := map[int64]bool{}
			for _, pass := range []bool{true, false} { // the department's own first, then region-wide reviewers
				for _, p := range people {
					if p.Role != role || told[p.UserID] || p.RegionID != 0 && p.RegionID != it.Ind.RegionID {
						continue
					}
					if pass && p.DeptID == it.Ind.DeptID || !pass && p.DeptID == 0 && role == string(auth.RoleReviewer) {
						told[p.UserID] = true
						perUser[p.UserID] = append(perUser[p.UserID], it)
						who[p.UserID] = p
					}
				}
				if len(told) > 0 {
					break
				}
			}
		}
		ids := make([]int64, 0, len(perUser))
		for id := range perUser {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
		for _, id := range ids {
			p := who[id]
			if p.Email == "" {
				run.NoAddress++
				continue
			}
			subject, body := reminderText(p.Name, perUser[id], day)
			m := store.ReminderMessage{Day: day, Channel: "email", Recipient: p.Email, UserID: id, Subject: subject, Body: body,
				Items: len(perUser[id]), NextAttemptAt: now}
			if err := s.store.AddReminderMessage(ctx, &m); err != nil {
				return run, err
			}
			run.Messages++
		}
	}
	if rs.WebhookURL != "" && rs.WebhookKind != "" {
		subject, body := reminderText("", fresh, day)
		m := store.ReminderMessage{Day: day, Channel: "webhook", Recipient: rs.WebhookKind + " " + notify.Redact(rs.WebhookURL),
			Subject: subject, Body: body, Items: len(fresh), NextAttemptAt: now}
		if err := s.store.AddReminderMessage(ctx, &m); err != nil {
			return run, err
		}
		run.Messages++
	}
	return run, nil
}

// reminderText writes a message about items, department by department, in Chinese
// (the people told work in it; the admin page shows the same text).
func reminderText(name string, items []remindItem, day string) (subject, body string) {
	const lang = "zh"
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.Ind.DeptName != b.Ind.DeptName {
			return a.Ind.DeptName < b.Ind.DeptName
		}
		if a.Kind != b.Kind {
			return kindOrder(a.Kind) < kindOrder(b.Kind)
		}
		return a.Ind.Code+a.Period < b.Ind.Code+b.Period
	})
	counts := map[string]int{}
	for _, it := range items {
		counts[it.Kind]++
	}
	subject = fmt.Sprintf(i18n.T(lang, "remind.subject"), day, counts[RemindOverdue], counts[RemindDue], counts[RemindReview])
	var b strings.Builder
	if name != "" {
		fmt.Fprintf(&b, i18n.T(lang, "remind.greeting")+"\n\n", name)
	}
	dept := "\x00"
	for _, it := range items {
		if it.Ind.DeptName != dept {
			dept = it.Ind.DeptName
			fmt.Fprintf(&b, "%s\n", dept)
		}
		switch it.Kind {
		case RemindDue:
			fmt.Fprintf(&b, i18n.T(lang, "remind.due")+"\n", it.Ind.Name, it.Ind.Code, it.Period, it.Due)
		case RemindOverdue:
			fmt.Fprintf(&b, i18n.T(lang, "remind.overdue")+"\n", it.Ind.Name, it.Ind.Code, it.Period, it.Due)
		case RemindReview:
			fmt.Fprintf(&b, i18n.T(lang, "remind.review")+"\n", it.Ind.Name, it.Ind.Code, it.Period, it.Waiting)
		}
	}
	b.WriteString("\n" + i18n.T(lang, "remind.footer"))
	return subject, b.String()
}

func kindOrder(k string) int {
	switch k {
	case RemindOverdue:
		return 0
	case RemindDue:
		return 1
	}
	return 2
}

// DeliveryResult counts one delivery pass.
type DeliveryResult struct {
	Sent, Failed, GivenUp int
}

// DeliverReminders sends the outbox's messages whose time has come, each claimed first
// so that two servers never send the same one at once. A failure is recorded with its
// error and retried later; after maxAttempts it is given up (status failed).
func (s *Service) DeliverReminders(ctx context.Context, holder string) (DeliveryResult, error) {
	var res DeliveryResult
	rs, err := s.store.ReminderSettings(ctx)
	if err != nil {
		return res, err
	}
	now := s.Now()
	due, err := s.store.DueReminders(ctx, now, deliverBatch)
	if err != nil {
		return res, err
	}
	for _, m := range due {
		ok, err := s.store.ClaimReminder(ctx, m.ID, holder, now, now.Add(leaseSend))
		if err != nil {
			return res, err
		}
		if !ok {
			continue
		}
		sendCtx, cancel := context.WithTimeout(ctx, sendTimeout)
		err = s.sendReminder(sendCtx, rs, m)
		cancel()
		// A message sent after failures keeps its last error: the record says it was retried.
		status, lastErr, next := "sent", m.LastError, s.Now()
		if err != nil {
			lastErr = truncate(err.Error(), 500)
			status, next = "pending", s.Now().Add(retryDelay(m.Attempts+1))
			res.Failed++
			if m.Attempts+1 >= maxAttempts {
				status = "failed"
				res.GivenUp++
			}
		} else {
			res.Sent++
		}
		if err := s.store.FinishReminder(ctx, m.ID, holder, status, lastErr, next, s.Now()); err != nil {
			return res, err
		}
	}
	return res, nil
}

func (s *Service) sendReminder(ctx context.Context, rs ReminderSettings, m ReminderMessage) error {
	switch m.Channel {
	case "email":
		c := notify.SMTP{Host: rs.SMTPHost, Port: rs.SMTPPort, TLS: rs.SMTPTLS, User: rs.SMTPUser, Password: rs.SMTPPassword, From: rs.SMTPFrom}
		if !c.Configured() {
			return errors.New("no SMTP server is set")
		}
		return c.Send(ctx, notify.Mail{To: m.Recipient, Subject: m.Subject, Text: m.Body})
	case "webhook":
		h := notify.Webhook{Kind: rs.WebhookKind, URL: rs.WebhookURL, Secret: rs.WebhookSecret}
		if !h.Configured() {
			return errors.New("no webhook is set")
		}
		return h.Post(ctx, notify.Message{Title: m.Subject, Text: m.Body, Data: map[string]any{"day": m.Day, "items": m.Items}}, s.Now())
	}
	return fmt.Errorf("unknown channel %q", m.Channel)
}
