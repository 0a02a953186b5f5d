// Package notify delivers lantu's reminders: e-mail over SMTP (net/smtp, STARTTLS or
// implicit TLS) and group-chat webhooks — a generic JSON body, and the WeCom (企业微信)
// and DingTalk (钉钉) group-robot formats, with DingTalk's signed secret. It knows
// nothing of plans or reports: it is given a subject and a text.
package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/tls"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/mail"
	"net/smtp"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// SMTP is an outgoing mail server.
type SMTP struct {
	Host     string
	Port     int
	TLS      string // "starttls" (upgrade when offered, required when a password is set), "tls" (implicit, port 465), "none"
	User     string
	Password string
	From     string
}

// Mail is one message to one address.
type Mail struct {
	To      string
	Subject string
	Text    string
}

// Configured reports whether there is a server to send through.
func (c SMTP) Configured() bool { return c.Host != "" && c.From != "" }

// Send delivers one message, within ctx's deadline.
func (c SMTP) Send(ctx context.Context, m Mail) error {
	from, err := mail.ParseAddress(c.From)
	if err != nil {
		return fmt.Errorf("smtp: sender %q: %w", c.From, err)
	}
	to, err := mail.ParseAddress(m.To)
	if err != nil {
		return fmt.Errorf("smtp: recipient %q: %w", m.To, err)
	}
	addr := net.JoinHostPort(c.Host, strconv.Itoa(c.Port))
	d := net.Dialer{Timeout: 10 * time.Second}
	var conn net.Conn
	if c.TLS == "tls" {
		conn, err = (&tls.Dialer{NetDialer: &d, Config: &tls.Config{ServerName: c.Host}}).DialContext(ctx, "tcp", addr)
	} else {
		conn, err = d.DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return fmt.Errorf("smtp: connect to %s: %w", addr, err)
	}
	defer func() { _ = conn.Close() }() // after QUIT, or when the send already failed
	if dl, ok := ctx.Deadline(); ok {
		if err := conn.SetDeadline(dl); err != nil {
			return err
		}
	}
	cl, err := smtp.NewClient(conn, c.Host)
	if err != nil {
		return fmt.Errorf("smtp: %s: %w", addr, err)
	}
	defer func() { _ = cl.Close() }()
	if c.TLS == "starttls" {
		if ok, _ := cl.Extension("STARTTLS"); ok {
			if err := cl.StartTLS(&tls.Config{ServerName: c.Host}); err != nil {
				return fmt.Errorf("smtp: STARTTLS with %s: %w", addr, err)
			}
		} else if c.Password != "" {
			return fmt.Errorf("smtp: %s offers no STARTTLS; lantu will not send the password in clear (choose tls, or none on a trusted network)", addr)
		}
	}
	if c.User != "" {
		// PlainAuth itself refuses a connection without TLS unless the server is local.
		if err := cl.Auth(plainAuth{user: c.User, password: c.Password, host: c.Host, allowClear: c.TLS == "none"}); err != nil {
			return fmt.Errorf("smtp: sign in to %s as %s: %w", addr, c.User, err)
		}
	}
	if err := cl.Mail(from.Address); err != nil {
		return fmt.Errorf("smtp: MAIL FROM: %w", err)
	}
	if err := cl.Rcpt(to.Address); err != nil {
		return fmt.Errorf("smtp: RCPT TO %s: %w", to.Address, err)
	}
	w, err := cl.Data()
	if err != nil {
		return fmt.Errorf("smtp: DATA: %w", err)
	}
	if _, err := w.Write(message(from, to, m, time.Now())); err != nil {
		return fmt.Errorf("smtp: write: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("smtp: the server refused the message: %w", err)
	}
	return cl.Quit()
}

// message is the RFC 5322 message: UTF-8 subject in encoded words, the text in base64.
func message(from, to *mail.Address, m Mail, now time.Time) []byte {
	var b bytes.Buffer
	h := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	h("From", from.String())
	h("To", to.String())
	h("Subject", mime.BEncoding.Encode("utf-8", m.Subject))
	h("Date", now.Format(time.RFC1123Z))
	h("MIME-Version", "1.0")
	h("Content-Type", "text/plain; charset=utf-8")
	h("Content-Transfer-Encoding", "base64")
	h("Auto-Submitted", "auto-generated")
	b.WriteString("\r\n")
	enc := base64.StdEncoding.EncodeToString([]byte(m.Text))
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return b.Bytes()
}

// plainAuth is SMTP AUTH PLAIN; unlike smtp.PlainAuth it may be allowed over a clear
// connection when the operator chose "none" (a relay on a trusted network).
type plainAuth struct {
	user, password, host string
	allowClear           bool
}

func (a plainAuth) Start(server *smtp.ServerInfo) (string, []byte, error) {
	if !server.TLS && !a.allowClear && !isLocal(server.Name) {
		return "", nil, errors.New("the connection is not encrypted")
	}
	return "PLAIN", []byte("\x00" + a.user + "\x00" + a.password), nil
}

func (a plainAuth) Next(_ []byte, more bool) ([]byte, error) {
	if more {
		return nil, errors.New("unexpected server challenge")
	}
	return nil, nil
}

func isLocal(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Webhook kinds.
const (
	KindJSON     = "json"
	KindWeCom    = "wecom"
	KindDingTalk = "dingtalk"
)

// Webhook is a group chat's robot, or any receiver of JSON.
type Webhook struct {
	Kind   string
	URL    string
	Secret string // DingTalk's 加签 secret (SEC…), when the robot has one
	Client *http.Client
}

// Configured reports whether there is a webhook to post to.
func (h Webhook) Configured() bool { return h.URL != "" && h.Kind != "" }

// Message is what a webhook posts: a title and a text, and for the generic JSON kind
// the structured items as well.
type Message struct {
	Title string
	Text  string
	Data  any // sent as "data" by the generic JSON kind
}

// wecomTextLimit is WeCom's limit on a text message, in bytes.
const wecomTextLimit = 2048

// Post sends one message to the webhook and checks the answer: a 2xx status and, for
// the robots, errcode 0.
func (h Webhook) Post(ctx context.Context, m Message, now time.Time) error {
	target, err := url.Parse(h.URL)
	if err != nil || (target.Scheme != "http" && target.Scheme != "https") {
		return fmt.Errorf("webhook: the address is not an http(s) URL")
	}
	var body any
	text := m.Title + "\n" + m.Text
	switch h.Kind {
	case KindJSON:
		body = map[string]any{"title": m.Title, "text": m.Text, "data": m.Data, "sent_at": now.UTC().Format(time.RFC3339)}
	case KindWeCom:
		body = map[string]any{"msgtype": "text", "text": map[string]any{"content": truncate(text, wecomTextLimit)}}
	case KindDingTalk:
		body = map[string]any{"msgtype": "text", "text": map[string]any{"content": text}}
		if h.Secret != "" {
			ts, sign := DingTalkSign(h.Secret, now)
			q := target.Query()
			q.Set("timestamp", ts)
			q.Set("sign", sign)
			target.RawQuery = q.Encode()
		}
	default:
		return fmt.Errorf("webhook: unknown kind %q (json, wecom or dingtalk)", h.Kind)
	}
	data, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target.String(), bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("webhook: %w", err)
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("User-Agent", "lantu-reminders")
	c := h.Client
	if c == nil {
		c = &http.Client{Timeout: 15 * time.Second}
	}
	res, err := c.Do(req)
	if err != nil {
		// The error names the URL, whose query holds the robot's key: say only the host.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("webhook %s: %w", target.Host, err)
	}
	defer res.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(res.Body, 64<<10))
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("webhook %s answered %s: %.200s", target.Host, res.Status, answer)
	}
	if h.Kind == KindWeCom || h.Kind == KindDingTalk {
		var r struct {
			ErrCode *int   `json:"errcode"`
			ErrMsg  string `json:"errmsg"`
		}
		if err := json.Unmarshal(answer, &r); err != nil || r.ErrCode == nil {
			return fmt.Errorf("webhook %s: not a robot's answer: %.200s", target.Host, answer)
		}
		if *r.ErrCode != 0 {
			return fmt.Errorf("webhook %s refused the message: errcode %d %s", target.Host, *r.ErrCode, r.ErrMsg)
		}
	}
	return nil
}

// DingTalkSign is DingTalk's signature of a robot call: the timestamp in milliseconds,
// and base64(HMAC-SHA256(secret, timestamp + "\n" + secret)), to be URL-encoded as the
// sign parameter.
func DingTalkSign(secret string, now time.Time) (timestamp, sign string) {
	timestamp = strconv.FormatInt(now.UnixMilli(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(timestamp + "\n" + secret))
	return timestamp, base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// truncate cuts s to at most n bytes on a rune boundary, marking the cut.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	const more = "…"
	cut := n - len(more)
	for cut > 0 && !isRuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + more
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// Redact hides the query of a webhook URL (robots' keys live there), for pages and logs.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(invalid URL)"
	}
	if u.RawQuery != "" {
		u.RawQuery = "…"
	}
	u.User = nil
	return strings.Replace(u.String(), "?%E2%80%A6", "?…", 1)
}
