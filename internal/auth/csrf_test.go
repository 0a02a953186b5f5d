package auth

import (
	"bytes"
	"strings"
	"testing"
)

func TestCSRF(t *testing.T) {
	secret := bytes.Repeat([]byte{7}, 32)
	other := bytes.Repeat([]byte{8}, 32)
	sid, _ := NewSessionID()
	tok := CSRFToken(secret, sid)
	if len(tok) != 43 || strings.ContainsAny(tok, "+/=") {
		t.Fatalf("CSRFToken = %q", tok)
	}
	if CSRFToken(secret, sid) != tok {
		t.Fatal("CSRFToken is not deterministic")
	}
	pre := NewPreSessionID()
	preTok := CSRFToken(secret, pre)
	tests := []struct {
		name    string
		secret  []byte
		session string
		token   string
		want    bool
	}{
		{"right", secret, sid, tok, true},
		{"pre-session form", secret, pre, preTok, true},
		{"pre-session token on a session", secret, sid, preTok, false},
		{"other session", secret, sid + "x", tok, false},
		{"other secret", other, sid, tok, false},
		{"empty token", secret, sid, "", false},
		{"truncated", secret, sid, tok[:42], false},
		{"one char off", secret, sid, tok[:42] + flip(tok[42]), false},
		{"padded", secret, sid, tok + "=", false},
		{"empty session", secret, "", CSRFToken(secret, ""), false},
		{"short secret", secret[:31], sid, CSRFToken(secret[:31], sid), false},
		{"nil secret", nil, sid, "", false},
		{"raw session id as token", secret, sid, sid, false},
	}
	for _, tt := range tests {
		if got := CheckCSRF(tt.secret, tt.session, tt.token); got != tt.want {
			t.Errorf("%s: CheckCSRF = %v", tt.name, got)
		}
	}
	if CSRFToken(secret[:31], sid) != "" || CSRFToken(secret, "") != "" {
		t.Error("CSRFToken made a token from a short secret or empty session")
	}
	if s := NewCSRFSecret(); len(s) != MinCSRFSecretLen || bytes.Equal(s, NewCSRFSecret()) {
		t.Error("NewCSRFSecret")
	}
	if NewPreSessionID() == pre {
		t.Error("repeated pre-session id")
	}
}

func flip(c byte) string {
	if c == 'A' {
		return "B"
	}
	return "A"
}
