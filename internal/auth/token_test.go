package auth

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"
)

func TestNewToken(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		plain, hash := NewToken()
		if !strings.HasPrefix(plain, "lantu_") || len(plain) != 58 {
			t.Fatalf("NewToken = %q", plain)
		}
		if !LooksLikeToken(plain) {
			t.Errorf("LooksLikeToken(%q) = false", plain)
		}
		sum := sha256.Sum256([]byte(plain))
		if hash != hex.EncodeToString(sum[:]) || HashToken(plain) != hash || HashToken(" "+plain+"\n") != hash {
			t.Errorf("hash of %q = %q", plain, hash)
		}
		if strings.Contains(hash, plain[6:]) {
			t.Error("hash holds the token")
		}
		if seen[plain] {
			t.Fatal("repeated token")
		}
		seen[plain] = true
		if h := TokenHint(plain); !strings.HasPrefix(h, plain[:10]) || strings.Contains(h, plain[10:20]) {
			t.Errorf("TokenHint = %q", h)
		}
	}
}

func TestLooksLikeToken(t *testing.T) {
	good, _ := NewToken()
	tests := []struct {
		in   string
		want bool
	}{
		{good, true},
		{"", false},
		{"lantu_", false},
		{good[:57], false},
		{good + "a", false},
		{"LANTU_" + good[6:], false},
		{"lantu_" + strings.ToUpper(good[6:]), false},
		{"lantu_" + strings.Repeat("1", 52), false}, // 1 is not base32
		{"lantu_" + strings.Repeat("a", 52), true},
		{"ghp_" + strings.Repeat("a", 54), false},
	}
	for _, tt := range tests {
		if got := LooksLikeToken(tt.in); got != tt.want {
			t.Errorf("LooksLikeToken(%q) = %v", tt.in, got)
		}
	}
}

func TestAPITokenUsable(t *testing.T) {
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		tok  APIToken
		want bool
	}{
		{"no expiry", APIToken{}, true},
		{"future expiry", APIToken{ExpiresAt: now.Add(time.Hour)}, true},
		{"expired", APIToken{ExpiresAt: now}, false},
		{"revoked", APIToken{RevokedAt: now.Add(-time.Hour)}, false},
	}
	for _, tt := range tests {
		if got := tt.tok.Usable(now); got != tt.want {
			t.Errorf("%s: Usable = %v", tt.name, got)
		}
	}
}

func TestSessionID(t *testing.T) {
	plain, hash := NewSessionID()
	if len(plain) != 43 || strings.ContainsAny(plain, "+/=") {
		t.Errorf("NewSessionID = %q", plain)
	}
	if HashSessionID(plain) != hash || len(hash) != 64 {
		t.Errorf("hash %q", hash)
	}
	if p2, _ := NewSessionID(); p2 == plain {
		t.Error("repeated session id")
	}
}

func TestSessionPolicy(t *testing.T) {
	pol := DefaultSessionPolicy
	start := time.Date(2026, 3, 2, 8, 30, 0, 0, time.UTC)
	s := Session{CreatedAt: start, LastSeenAt: start}
	tests := []struct {
		name     string
		lastSeen time.Duration // after start
		now      time.Duration // after start
		valid    bool
		touch    bool
	}{
		{"just signed in", 0, 0, true, false},
		{"30s later", 0, 30 * time.Second, true, false},
		{"a minute later", 0, time.Minute, true, true},
		{"idle almost 2h", 0, 2*time.Hour - time.Second, true, true},
		{"idle 2h", 0, 2 * time.Hour, false, true},
		{"active all day", 11*time.Hour + 59*time.Minute, 12*time.Hour - time.Second, true, false},
		{"12h after sign-in, still active", 11*time.Hour + 59*time.Minute, 12 * time.Hour, false, true},
	}
	for _, tt := range tests {
		s.LastSeenAt = start.Add(tt.lastSeen)
		now := start.Add(tt.now)
		if got := pol.Valid(s, now); got != tt.valid {
			t.Errorf("%s: Valid = %v", tt.name, got)
		}
		if got := pol.NeedsTouch(s, now); got != tt.touch {
			t.Errorf("%s: NeedsTouch = %v", tt.name, got)
		}
	}
	s.LastSeenAt = start.Add(time.Hour)
	if got := pol.ExpiresAt(s); !got.Equal(start.Add(3 * time.Hour)) {
		t.Errorf("ExpiresAt (idle) = %v", got)
	}
	s.LastSeenAt = start.Add(11 * time.Hour)
	if got := pol.ExpiresAt(s); !got.Equal(start.Add(12 * time.Hour)) {
		t.Errorf("ExpiresAt (max age) = %v", got)
	}
}
