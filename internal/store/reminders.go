package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ReminderSettings say whether, when and where reminders (催报) go.
type ReminderSettings struct {
	Enabled       bool
	SendHour      int // China time
	DueDays       int // remind owners this many days before a report is due
	ReviewDays    int // remind reviewers of reports waiting longer than this
	SMTPHost      string
	SMTPPort      int
	SMTPTLS       string
	SMTPUser      string
	SMTPPassword  string
	SMTPFrom      string
	WebhookKind   string
	WebhookURL    string
	WebhookSecret string
	UpdatedAt     time.Time
}

// DefaultReminderSettings are what an unconfigured deployment has: off.
var DefaultReminderSettings = ReminderSettings{SendHour: 9, DueDays: 3, ReviewDays: 3, SMTPPort: 25, SMTPTLS: "starttls"}

// ReminderSettings reads the deployment's settings, or the defaults.
func (s *Store) ReminderSettings(ctx context.Context) (ReminderSettings, error) {
	rs := DefaultReminderSettings
	var updated sql.NullTime
	err := s.q(ctx).QueryRowContext(ctx, `SELECT enabled, send_hour, due_days, review_days, smtp_host, smtp_port, smtp_tls, smtp_user,
		smtp_password, smtp_from, webhook_kind, webhook_url, webhook_secret, updated_at FROM reminder_settings WHERE id = 1`).Scan(
		&rs.Enabled, &rs.SendHour, &rs.DueDays, &rs.ReviewDays, &rs.SMTPHost, &rs.SMTPPort, &rs.SMTPTLS, &rs.SMTPUser,
		&rs.SMTPPassword, &rs.SMTPFrom, &rs.WebhookKind, &rs.WebhookURL, &rs.WebhookSecret, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultReminderSettings, nil
	}
	if err != nil {
		return rs, fmt.Errorf("store: reminder settings: %w", err)
	}
	rs.UpdatedAt = updated.Time
	return rs, nil
}

// SaveReminderSettings writes the deployment's settings.
func (s *Store) SaveReminderSettings(ctx context.Context, rs ReminderSettings) error {
	_, err := s.q(ctx).ExecContext(ctx, `INSERT INTO reminder_settings (id, enabled, send_hour, due_days, review_days, smtp_host,
		smtp_port, smtp_tls, smtp_user, smtp_password, smtp_from, webhook_kind, webhook_url, webhook_secret, updated_at)
		VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
		ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, send_hour = excluded.send_hour, due_days = excluded.due_days,
		review_days = excluded.review_days, smtp_host = excluded.smtp_host, smtp_port = excluded.smtp_port,
		smtp_tls = excluded.smtp_tls, smtp_user = excluded.smtp_user, smtp_password = excluded.smtp_password,
		smtp_from = excluded.smtp_from, webhook_kind = excluded.webhook_kind, webhook_url = excluded.webhook_url,
		webhook_secret = excluded.webhook_secret, updated_at = excluded.updated_at`,
		rs.Enabled, rs.SendHour, rs.DueDays, rs.ReviewDays, rs.SMTPHost, rs.SMTPPort, rs.SMTPTLS, rs.SMTPUser, rs.SMTPPassword,
		rs.SMTPFrom, rs.WebhookKind, rs.WebhookURL, rs.WebhookSecret, s.now())
	if err != nil {
		return fmt.Errorf("store: save reminder settings: %w", err)
	}
	return nil
}

// TakeLease makes holder the holder of the named job until until, when nobody holds it
// (no row, or a lease that ran out before now) and it is not done. Exactly one of
// several servers asking at once gets true.
func (s *Store) TakeLease(ctx context.Context, name, holder string, now, until time.Time) (bool, error) {
	res, err := s.q(ctx).ExecContext(ctx, `INSERT INTO job_leases (name, holder, until) VALUES ($1, $2, $3)
		ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until
		WHERE job_leases.done_at IS NULL AND job_leases.until < $4`, name, holder, until.UTC(), now.UTC())
	if err != nil {
		return false, fmt.Errorf("store: take lease %s: %w", name, mapErr(err))
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// FinishLease marks the named job done by its holder; false when another holds it now.
func (s *Store) FinishLease(ctx context.Context, name, holder string, now time.Time) (bool, error) {
	res, err := s.q(ctx).ExecContext(ctx, `UPDATE job_leases SET done_at = $3 WHERE name = $1 AND holder = $2 AND done_at IS NULL`,
		name, holder, now.UTC())
	if err != nil {
		return false, fmt.Errorf("store: finish lease %s: %w", name, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// ReminderItem is one report (or period owed) reminded about on one day.
type ReminderItem struct {
	Day         string
	Kind        string // due, overdue, review
	IndicatorID int64
	Period      string
	ReportID    int64
	Manual      bool
}

// AddReminderItem records that an item is reminded about on its day; false when it
// already was that day (by this server, another, or a 催报 press).
func (s *Store) AddReminderItem(ctx context.Context, it ReminderItem) (bool, error) {
	res, err := s.q(ctx).ExecContext(ctx, `INSERT INTO reminder_items (day, kind, indicator_id, period, report_id, manual, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (day, indicator_id, period) DO NOTHING`,
		it.Day, it.Kind, it.IndicatorID, it.Period, nullID(it.ReportID), it.Manual, s.now())
	if err != nil {
		return false, fmt.Errorf("store: reminder item: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// ReminderMessage is one message of the outbox.
type ReminderMessage struct {
	ID            int64
	Day           string
	Channel       string // email, webhook
	Recipient     string
	UserID        int64
	Subject       string
	Body          string
	Items         int
	Status        string // pending, sent, failed
	Attempts      int
	LastError     string
	NextAttemptAt time.Time
	CreatedAt     time.Time
	SentAt        time.Time
}

// AddReminderMessage puts a message in the outbox, pending.
func (s *Store) AddReminderMessage(ctx context.Context, m *ReminderMessage) error {
	m.Status, m.CreatedAt = "pending", s.now()
	if m.NextAttemptAt.IsZero() {
		m.NextAttemptAt = m.CreatedAt
	}
	id, err := s.insertID(ctx, `INSERT INTO reminder_messages (day, channel, recipient, user_id, subject, body, items, status,
		next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		m.Day, m.Channel, m.Recipient, nullID(m.UserID), m.Subject, m.Body, m.Items, m.Status, m.NextAttemptAt.UTC(), m.CreatedAt)
	if err != nil {
		return fmt.Errorf("store: reminder message: %w", err)
	}
	m.ID = id
	return nil
}

const reminderColumns = `id, day, channel, recipient, COALESCE(user_id, 0), subject, body, items, status, attempts, last_error,
	next_attempt_at, created_at, sent_at`

func scanReminder(rows *sql.Rows) (ReminderMessage, error) {
	var m ReminderMessage
	var sent sql.NullTime
	err := rows.Scan(&m.ID, &m.Day, &m.Channel, &m.Recipient, &m.UserID, &m.Subject, &m.Body, &m.Items, &m.Status, &m.Attempts,
		&m.LastError, &m.NextAttemptAt, &m.CreatedAt, &sent)
	m.SentAt = sent.Time
	return m, err
}

func (s *Store) listReminders(ctx context.Context, query string, args ...any) ([]ReminderMessage, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT `+reminderColumns+` FROM reminder_messages `+query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: reminder messages: %w", err)
	}
	defer rows.Close()
	var out []ReminderMessage
	for rows.Next() {
		m, err := scanReminder(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// DueReminders lists pending messages whose time has come and whose lease (if any) ran out.
func (s *Store) DueReminders(ctx context.Context, now time.Time, limit int) ([]ReminderMessage, error) {
	return s.listReminders(ctx, `WHERE status = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until < $1)
		ORDER BY next_attempt_at, id LIMIT $2`, now.UTC(), limit)
}

// ReminderLog lists the newest messages, for the admin page.
func (s *Store) ReminderLog(ctx context.Context, limit int) ([]ReminderMessage, error) {
	return s.listReminders(ctx, `ORDER BY id DESC LIMIT $1`, limit)
}

// ClaimReminder leases a pending message to holder until until; false when another
// server claimed it first.
func (s *Store) ClaimReminder(ctx context.Context, id int64, holder string, now, until time.Time) (bool, error) {
	res, err := s.q(ctx).ExecContext(ctx, `UPDATE reminder_messages SET lease_holder = $2, lease_until = $3
		WHERE id = $1 AND status = 'pending' AND (lease_until IS NULL OR lease_until < $4)`, id, holder, until.UTC(), now.UTC())
	if err != nil {
		return false, fmt.Errorf("store: claim reminder %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// FinishReminder records one delivery attempt by the lease's holder: sent, or failed
// with its error and the next attempt's time, or given up (status failed).
func (s *Store) FinishReminder(ctx context.Context, id int64, holder, status, lastError string, next, now time.Time) error {
	var sent any
	if status == "sent" {
		sent = now.UTC()
	}
	_, err := s.q(ctx).ExecContext(ctx, `UPDATE reminder_messages SET status = $3, attempts = attempts + 1, last_error = $4,
		next_attempt_at = $5, sent_at = $6, lease_holder = '', lease_until = NULL WHERE id = $1 AND lease_holder = $2`,
		id, holder, status, lastError, next.UTC(), sent)
	if err != nil {
		return fmt.Errorf("store: finish reminder %d: %w", id, err)
	}
	return nil
}

// ReminderCounts counts the outbox's messages by channel and status.
func (s *Store) ReminderCounts(ctx context.Context) (map[[2]string]int, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT channel, status, count(*) FROM reminder_messages GROUP BY channel, status`)
	if err != nil {
		return nil, fmt.Errorf("store: count reminders: %w", err)
	}
	defer rows.Close()
	out := map[[2]string]int{}
	for rows.Next() {
		var ch, st string
		var n int
		if err := rows.Scan(&ch, &st, &n); err != nil {
			return nil, err
		}
		out[[2]string{ch, st}] = n
	}
	return out, rows.Err()
}

// Recipient is a user reminders may go to.
type Recipient struct {
	UserID   int64
	Login    string
	Name     string
	Email    string
	RegionID int64
	Role     string
	DeptID   int64 // 0: the role is region-wide
}

// Recipients lists enabled users with one of roles, with each of their departments (a
// row with DeptID 0 for a user without any).
func (s *Store) Recipients(ctx context.Context, roles ...string) ([]Recipient, error) {
	var out []Recipient
	for _, role := range roles {
		rows, err := s.q(ctx).QueryContext(ctx, `SELECT u.id, u.login, u.display_name, u.email, COALESCE(u.region_id, 0),
			COALESCE(ud.department_id, 0) FROM users u JOIN user_roles ur ON ur.user_id = u.id
			LEFT JOIN user_departments ud ON ud.user_id = u.id
			WHERE ur.role = $1 AND NOT u.disabled ORDER BY u.id`, role)
		if err != nil {
			return nil, fmt.Errorf("store: recipients: %w", err)
		}
		for rows.Next() {
			r := Recipient{Role: role}
			if err := rows.Scan(&r.UserID, &r.Login, &r.Name, &r.Email, &r.RegionID, &r.DeptID); err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// UserEmail is a user's e-mail address, for the reminder settings page.
type UserEmail struct {
	UserID int64
	Login  string
	Name   string
	Email  string
}

// UserEmails lists the users of a region (0: every region) with their addresses.
func (s *Store) UserEmails(ctx context.Context, regionID int64) ([]UserEmail, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT id, login, display_name, email FROM users
		WHERE NOT disabled AND ($1 = 0 OR region_id = $1) ORDER BY login`, regionID)
	if err != nil {
		return nil, fmt.Errorf("store: user e-mails: %w", err)
	}
	defer rows.Close()
	var out []UserEmail
	for rows.Next() {
		var u UserEmail
		if err := rows.Scan(&u.UserID, &u.Login, &u.Name, &u.Email); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// SetUserEmail sets a user's e-mail address.
func (s *Store) SetUserEmail(ctx context.Context, userID int64, email string) error {
	res, err := s.q(ctx).ExecContext(ctx, `UPDATE users SET email = $2 WHERE id = $1`, userID, email)
	if err != nil {
		return fmt.Errorf("store: set e-mail: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}
