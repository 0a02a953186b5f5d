package notify_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/notify"
	"github.com/lantu-dev/lantu/internal/notify/notifytest"
)

// A Chinese subject and text reach a real SMTP server intact, with AUTH PLAIN; a
// temporary refusal is an error the caller can retry.
func TestSMTP(t *testing.T) {
	sink := notifytest.NewSMTPSink(t)
	c := notify.SMTP{Host: sink.Host, Port: sink.Port, TLS: "none", User: "lantu", Password: "pw", From: "蓝图 <lantu@example.gov.cn>"}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	text := strings.Repeat("请于3日内报送2022年11月数据：实际利用外资。\n", 20)
	if err := c.Send(ctx, notify.Mail{To: "clerk@example.gov.cn", Subject: "【催报】3项指标即将到期", Text: text}); err != nil {
		t.Fatal(err)
	}
	got := sink.Mail()
	if len(got) != 1 {
		t.Fatalf("%d messages", len(got))
	}
	m := got[0]
	if m.From != "lantu@example.gov.cn" || m.To != "clerk@example.gov.cn" || m.Subject != "【催报】3项指标即将到期" || m.Text != text || m.Auth != "\x00lantu\x00pw" {
		t.Errorf("received %+v", m)
	}
	sink.FailNext(1)
	if err := c.Send(ctx, notify.Mail{To: "clerk@example.gov.cn", Subject: "x", Text: "y"}); err == nil || !strings.Contains(err.Error(), "451") {
		t.Errorf("a refused message = %v; want the 451", err)
	}
	// A password is not sent in clear to a server that offers no STARTTLS.
	c.TLS = "starttls"
	if err := c.Send(ctx, notify.Mail{To: "clerk@example.gov.cn", Subject: "x", Text: "y"}); err == nil || !strings.Contains(err.Error(), "STARTTLS") {
		t.Errorf("password over a clear connection = %v; want refused", err)
	}
}

// Each webhook kind posts its own body; DingTalk's signature is HMAC-SHA256 of
// "timestamp\nsecret", as DingTalk computes it; robots' errcode is checked.
func TestWebhooks(t *testing.T) {
	rc := notifytest.NewReceiver(t)
	ctx := context.Background()
	now := time.Date(2022, 11, 28, 1, 0, 0, 0, time.UTC)
	msg := notify.Message{Title: "【催报】", Text: "区商务委：实际利用外资 2022-11 即将到期", Data: map[string]int{"due": 1}}

	for _, kind := range []string{notify.KindJSON, notify.KindWeCom, notify.KindDingTalk} {
		h := notify.Webhook{Kind: kind, URL: rc.URL + "/robot/send?access_token=abc", Secret: "SECtest"}
		if err := h.Post(ctx, msg, now); err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
	}
	hooks := rc.Hooks()
	if len(hooks) != 3 {
		t.Fatalf("%d hooks", len(hooks))
	}
	var generic struct {
		Title, Text string
		Data        map[string]int
	}
	if err := json.Unmarshal([]byte(hooks[0].Body), &generic); err != nil || generic.Data["due"] != 1 || generic.Title != "【催报】" {
		t.Errorf("generic JSON body %s (%v)", hooks[0].Body, err)
	}
	var robot struct {
		MsgType string `json:"msgtype"`
		Text    struct{ Content string }
	}
	for i, h := range hooks[1:] {
		if err := json.Unmarshal([]byte(h.Body), &robot); err != nil || robot.MsgType != "text" || !strings.Contains(robot.Text.Content, "实际利用外资") {
			t.Errorf("robot body %d: %s (%v)", i, h.Body, err)
		}
	}
	ding := hooks[2]
	mac := hmac.New(sha256.New, []byte("SECtest"))
	mac.Write([]byte("1669597200000\nSECtest"))
	if ding.Query["timestamp"] != "1669597200000" || ding.Query["sign"] != base64.StdEncoding.EncodeToString(mac.Sum(nil)) || ding.Query["access_token"] != "abc" {
		t.Errorf("DingTalk query %v", ding.Query)
	}
	if _, ok := hooks[1].Query["sign"]; ok {
		t.Errorf("WeCom was signed")
	}

	rc.FailNext(1)
	err := notify.Webhook{Kind: notify.KindWeCom, URL: rc.URL + "/send?key=secret-key"}.Post(ctx, msg, now)
	if err == nil || strings.Contains(err.Error(), "secret-key") {
		t.Errorf("a failed post = %v; want an error without the key", err)
	}
	// WeCom's text is cut to its 2,048-byte limit on a character boundary.
	long := notify.Message{Title: "t", Text: strings.Repeat("催", 1000)}
	if err := (notify.Webhook{Kind: notify.KindWeCom, URL: rc.URL}).Post(ctx, long, now); err != nil {
		t.Fatal(err)
	}
	last := rc.Hooks()[len(rc.Hooks())-1]
	if err := json.Unmarshal([]byte(last.Body), &robot); err != nil || len(robot.Text.Content) > 2048 || !strings.HasSuffix(robot.Text.Content, "…") {
		t.Errorf("long WeCom text: %d bytes (%v)", len(robot.Text.Content), err)
	}
	if got := notify.Redact(rc.URL + "/send?key=secret-key"); strings.Contains(got, "secret-key") {
		t.Errorf("Redact = %s", got)
	}
}
