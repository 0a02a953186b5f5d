package app

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/notify/notifytest"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// An admin sets reminders up on the admin page (the SMTP server is a real one on
// loopback), gives a clerk an address; a reviewer presses 催报 on the review page and the
// clerk's e-mail arrives; pressing again the same day sends nothing new; the admin page
// shows what was sent. On both databases.
func TestRemindersPagesAndButton(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		sink := notifytest.NewSMTPSink(t)
		ts := newTestServer(t, st, true)
		ts.svc.Now = func() time.Time { return time.Date(2022, 4, 8, 2, 0, 0, 0, time.UTC) } // 10:00 in China
		const pw = "a long passphrase for tests"
		ids := map[string]int64{}
		for _, u := range []struct {
			login string
			role  auth.Role
			dept  []string
		}{{"boss", auth.RoleAdmin, nil}, {"checker", auth.RoleReviewer, []string{"commerce"}}, {"clerk", auth.RoleReporter, []string{"commerce"}}} {
			got, _, err := ts.svc.CreateUser(ctx, service.System, service.NewUser{Login: u.login, DisplayName: u.login, Roles: []auth.Role{u.role}, DeptCodes: u.dept, Password: pw})
			if err != nil {
				t.Fatal(err)
			}
			ids[u.login] = got.ID
		}
		admin := browser(t)
		signIn(t, admin, ts.URL, "boss", pw)
		tok := formToken(t, admin, ts.URL+"/admin/reminders")
		form := url.Values{"csrf": {tok}, "enabled": {"on"}, "send_hour": {"9"}, "due_days": {"3"}, "review_days": {"3"},
			"smtp_host": {sink.Host}, "smtp_port": {strconv.Itoa(sink.Port)}, "smtp_tls": {"none"}, "smtp_from": {"lantu@example.gov.cn"},
			"smtp_user": {"lantu"}, "smtp_password": {"mail-secret"}}
		res, err := admin.PostForm(ts.URL+"/admin/reminders", form)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 || res.Request.URL.RawQuery != "saved=settings" {
			t.Fatalf("save settings: %d at %s", res.StatusCode, res.Request.URL)
		}
		code, page := get(t, admin, ts.URL+"/admin/reminders")
		if code != 200 || strings.Contains(page, "mail-secret") || !strings.Contains(page, sink.Host) {
			t.Fatalf("settings page %d; shows the password or lacks the host", code)
		}
		form = url.Values{"csrf": {tok}, "user": {strconv.FormatInt(ids["clerk"], 10)}, "email": {"clerk@example.gov.cn"}}
		if res, err = admin.PostForm(ts.URL+"/admin/reminders/email", form); err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		form.Set("email", "no address")
		if res, err = admin.PostForm(ts.URL+"/admin/reminders/email", form); err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 422 {
			t.Errorf("a malformed address = %d; want 422", res.StatusCode)
		}

		reviewer := browser(t)
		signIn(t, reviewer, ts.URL, "checker", pw)
		rtok := formToken(t, reviewer, ts.URL+"/review")
		press := func() string {
			res, err := reviewer.PostForm(ts.URL+"/review/remind", url.Values{"csrf": {rtok}, "plan": {strconv.FormatInt(ts.planID, 10)}})
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			_, body := get(t, reviewer, res.Request.URL.String())
			if res.StatusCode != 200 || res.Request.URL.Path != "/review" {
				t.Fatalf("催报 = %d at %s", res.StatusCode, res.Request.URL)
			}
			return body
		}
		body := press()
		mails := sink.Mail()
		if len(mails) != 1 || mails[0].To != "clerk@example.gov.cn" || !strings.Contains(mails[0].Text, "2022-03") || mails[0].Auth != "\x00lantu\x00mail-secret" {
			t.Fatalf("e-mails after 催报: %+v", mails)
		}
		if !strings.Contains(body, "已催报") {
			t.Errorf("the review page does not say what was sent")
		}
		press()
		if n := len(sink.Mail()); n != 1 {
			t.Errorf("a second press the same day sent %d e-mails in all; want 1", n)
		}
		_, page = get(t, admin, ts.URL+"/admin/reminders")
		if !strings.Contains(page, "clerk@example.gov.cn") || !strings.Contains(page, "已发送") {
			t.Errorf("the admin page does not show the message sent")
		}
		// A reporter may not press 催报.
		clerk := browser(t)
		signIn(t, clerk, ts.URL, "clerk", pw)
		ctok := formToken(t, clerk, ts.URL+"/reports")
		res, err = noRedirectWith(clerk).PostForm(ts.URL+"/review/remind", url.Values{"csrf": {ctok}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 403 {
			t.Errorf("催报 by a reporter = %d; want 403", res.StatusCode)
		}
	})
}

// noRedirectWith is a client with c's cookies that does not follow redirects.
func noRedirectWith(c *http.Client) *http.Client {
	return &http.Client{Jar: c.Jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}
