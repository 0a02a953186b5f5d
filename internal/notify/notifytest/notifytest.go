// Package notifytest runs real receivers of reminders on loopback for tests: an SMTP
// server that keeps what it is sent, and an HTTP receiver of webhooks. Each can be told
// to refuse the next n deliveries, to test retries.
package notifytest

import (
	"bufio"
	"encoding/base64"
	"io"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"strings"
	"sync"
	"testing"
)

// Mail is a message the SMTP sink received.
type Mail struct {
	From, To string
	Subject  string
	Text     string
	Auth     string // the AUTH PLAIN credentials, decoded ("\x00user\x00password")
	Raw      string
}

// SMTPSink is an SMTP server on 127.0.0.1.
type SMTPSink struct {
	Host string
	Port int

	ln   net.Listener
	mu   sync.Mutex
	mail []Mail
	fail int
}

// NewSMTPSink starts a sink, closed when the test ends.
func NewSMTPSink(t testing.TB) *SMTPSink {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &SMTPSink{ln: ln, Host: "127.0.0.1", Port: ln.Addr().(*net.TCPAddr).Port}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	t.Cleanup(func() { _ = ln.Close() })
	return s
}

// FailNext makes the next n messages be refused with a temporary error (451).
func (s *SMTPSink) FailNext(n int) {
	s.mu.Lock()
	s.fail = n
	s.mu.Unlock()
}

// Mail returns the messages received so far.
func (s *SMTPSink) Mail() []Mail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Mail(nil), s.mail...)
}

func (s *SMTPSink) serve(c net.Conn) {
	defer func() { _ = c.Close() }()
	r := bufio.NewReader(c)
	// A client that went away sees nothing of the sink's answers anyway.
	say := func(line string) { _, _ = io.WriteString(c, line+"\r\n") }
	say("220 lantu-test-sink ESMTP")
	var m Mail
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		verb := strings.ToUpper(strings.SplitN(line, " ", 2)[0])
		switch verb {
		case "EHLO", "HELO":
			say("250-lantu-test-sink")
			say("250 AUTH PLAIN")
		case "AUTH":
			parts := strings.Fields(line)
			if len(parts) == 3 {
				b, _ := base64.StdEncoding.DecodeString(parts[2])
				m.Auth = string(b)
			}
			say("235 2.7.0 accepted")
		case "MAIL":
			m.From = strings.Trim(strings.TrimPrefix(line[5:], "FROM:"), "<>")
			say("250 ok")
		case "RCPT":
			m.To = strings.Trim(strings.TrimPrefix(line[5:], "TO:"), "<>")
			s.mu.Lock()
			refuse := s.fail > 0
			if refuse {
				s.fail--
			}
			s.mu.Unlock()
			if refuse {
				say("451 4.3.0 try again later")
				continue
			}
			say("250 ok")
		case "DATA":
			say("354 go ahead")
			var data strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				data.WriteString(strings.TrimPrefix(l, "."))
			}
			m.Raw = data.String()
			if msg, err := mail.ReadMessage(strings.NewReader(m.Raw)); err == nil {
				m.Subject, _ = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
				body, _ := io.ReadAll(msg.Body)
				text, _ := base64.StdEncoding.DecodeString(strings.ReplaceAll(string(body), "\r\n", ""))
				m.Text = string(text)
			}
			s.mu.Lock()
			s.mail = append(s.mail, m)
			s.mu.Unlock()
			m = Mail{Auth: m.Auth}
			say("250 ok: queued")
		case "RSET":
			m = Mail{Auth: m.Auth}
			say("250 ok")
		case "NOOP":
			say("250 ok")
		case "QUIT":
			say("221 bye")
			return
		default:
			say("502 not implemented")
		}
	}
}

// Hook is a webhook request the receiver got.
type Hook struct {
	Path  string
	Query map[string]string
	Body  string
}

// Receiver is an HTTP receiver of webhooks on 127.0.0.1. It answers as the robots do:
// {"errcode":0,"errmsg":"ok"}, or 500 while told to fail.
type Receiver struct {
	*httptest.Server
	mu    sync.Mutex
	hooks []Hook
	fail  int
}

// NewReceiver starts a receiver, closed when the test ends.
func NewReceiver(t testing.TB) *Receiver {
	t.Helper()
	rc := &Receiver{}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		q := map[string]string{}
		for k := range r.URL.Query() {
			q[k] = r.URL.Query().Get(k)
		}
		rc.mu.Lock()
		refuse := rc.fail > 0
		if refuse {
			rc.fail--
		}
		if !refuse {
			rc.hooks = append(rc.hooks, Hook{Path: r.URL.Path, Query: q, Body: string(b)})
		}
		rc.mu.Unlock()
		if refuse {
			http.Error(w, "try later", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"errcode":0,"errmsg":"ok"}`)
	}))
	t.Cleanup(rc.Close)
	return rc
}

// FailNext makes the next n requests answer 500.
func (rc *Receiver) FailNext(n int) {
	rc.mu.Lock()
	rc.fail = n
	rc.mu.Unlock()
}

// Hooks returns the requests received so far (refused ones are not kept).
func (rc *Receiver) Hooks() []Hook {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]Hook(nil), rc.hooks...)
}
