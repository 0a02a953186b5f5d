package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/service"
)

// reminderView is the admin page of reminders (催报): settings, addresses, the record.
type reminderView struct {
	Settings    service.ReminderSettings
	PasswordSet bool
	SecretSet   bool
	Users       []service.UserEmail
	Log         []service.ReminderMessage
	Flash       *flashMsg
	Problem     string
}

func (s *Server) remindersPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderReminders(w, r, http.StatusOK, nil, "")
}

func (s *Server) renderReminders(w http.ResponseWriter, r *http.Request, code int, edited *service.ReminderSettings, problem string) error {
	ctx := r.Context()
	a := service.ActorFrom(ctx)
	rs, users, err := s.svc.ReminderSettings(ctx, a)
	if err != nil {
		return err
	}
	log, err := s.svc.ReminderLog(ctx, a, 100)
	if err != nil {
		return err
	}
	v := &reminderView{Settings: rs, PasswordSet: rs.SMTPPassword != "", SecretSet: rs.WebhookSecret != "", Users: users, Log: log, Problem: problem}
	if edited != nil {
		v.Settings = *edited
	}
	v.Settings.SMTPPassword, v.Settings.WebhookSecret = "", "" // never sent back to the browser
	lang := requestLang(r)
	switch r.URL.Query().Get("saved") {
	case "settings":
		v.Flash = &flashMsg{Kind: "ok", Text: i18n.T(lang, "remind.saved")}
	case "email":
		v.Flash = &flashMsg{Kind: "ok", Text: i18n.T(lang, "remind.email.saved")}
	}
	s.render(w, r, code, "reminders", v)
	return nil
}

func formInt(r *http.Request, name string, problems *[]string) int {
	n, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue(name)))
	if err != nil {
		*problems = append(*problems, name)
	}
	return n
}

func (s *Server) remindersSave(w http.ResponseWriter, r *http.Request) error {
	var bad []string
	rs := service.ReminderSettings{
		Enabled:    r.PostFormValue("enabled") == "on",
		SendHour:   formInt(r, "send_hour", &bad),
		DueDays:    formInt(r, "due_days", &bad),
		ReviewDays: formInt(r, "review_days", &bad),
		SMTPHost:   r.PostFormValue("smtp_host"), SMTPPort: formInt(r, "smtp_port", &bad), SMTPTLS: r.PostFormValue("smtp_tls"),
		SMTPUser: r.PostFormValue("smtp_user"), SMTPPassword: r.PostFormValue("smtp_password"), SMTPFrom: r.PostFormValue("smtp_from"),
		WebhookKind: r.PostFormValue("webhook_kind"), WebhookURL: r.PostFormValue("webhook_url"), WebhookSecret: r.PostFormValue("webhook_secret"),
	}
	lang := requestLang(r)
	again := func(msg string) error {
		return s.refuse(w, r, http.StatusUnprocessableEntity, msg, func(w http.ResponseWriter, r *http.Request) error {
			return s.renderReminders(w, r, http.StatusOK, &rs, msg)
		})
	}
	if len(bad) > 0 {
		return again(i18n.SettingsError(lang, bad[0]))
	}
	err := s.svc.SaveReminderSettings(r.Context(), service.ActorFrom(r.Context()), rs)
	var verrs plan.ValidationErrors
	if errors.As(err, &verrs) && len(verrs) > 0 {
		return again(i18n.SettingsError(lang, verrs[0].Field))
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/reminders?saved=settings", http.StatusSeeOther)
	return nil
}

func (s *Server) reminderEmail(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PostFormValue("user"), 10, 64)
	if err != nil || id <= 0 {
		return plan.ErrNotFound
	}
	err = s.svc.SetUserEmail(r.Context(), service.ActorFrom(r.Context()), id, r.PostFormValue("email"))
	var verrs plan.ValidationErrors
	if errors.As(err, &verrs) && len(verrs) > 0 {
		msg := i18n.SettingsError(requestLang(r), verrs[0].Field)
		return s.refuse(w, r, http.StatusUnprocessableEntity, msg, func(w http.ResponseWriter, r *http.Request) error {
			return s.renderReminders(w, r, http.StatusOK, nil, msg)
		})
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/reminders?saved=email", http.StatusSeeOther)
	return nil
}

// reviewRemind is the review page's 催报 button: it reminds now, and the review page
// then says what was sent.
func (s *Server) reviewRemind(w http.ResponseWriter, r *http.Request) error {
	planID, err := s.planParam(r)
	if err != nil {
		return err
	}
	run, res, err := s.svc.RemindNow(r.Context(), service.ActorFrom(r.Context()), planID, service.ServerID)
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/review?"+remindedQuery(planID, run, res, "none"), http.StatusSeeOther)
	return nil
}

// remindFlash reads the outcome of a 催报 press from ?reminded=ITEMS.MESSAGES.SKIPPED
// (numbers only, so that a link cannot put words on the page).
func remindFlash(r *http.Request) *flashMsg {
	v := r.URL.Query().Get("reminded")
	lang := requestLang(r)
	if v == "none" {
		return &flashMsg{Kind: "error", Text: i18n.T(lang, "remind.nochannel")}
	}
	parts := strings.Split(v, ".")
	if len(parts) != 3 {
		return nil
	}
	var n [3]int
	for i, p := range parts {
		x, err := strconv.Atoi(p)
		if err != nil || x < 0 {
			return nil
		}
		n[i] = x
	}
	return &flashMsg{Kind: "ok", Text: fmt.Sprintf(i18n.T(lang, "remind.sent"), n[0], n[1], n[2])}
}

// remindedQuery is the review page's query after a 催报: the plan and what was sent, or
// noChannel when no reminder channel is set (the page words each case).
func remindedQuery(planID int64, run service.ReminderRun, res service.DeliveryResult, noChannel string) string {
	q := url.Values{"plan": {strconv.FormatInt(planID, 10)}}
	if run.Why == service.NotRunNoChannel {
		q.Set("reminded", noChannel)
	} else {
		q.Set("reminded", fmt.Sprintf("%d.%d.%d", run.Items, res.Sent+res.Failed, run.Skipped))
	}
	return q.Encode()
}
