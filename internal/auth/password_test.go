package auth

import (
	"errors"
	"strings"
	"sync"
	"testing"
)

func testHasher() *Hasher { return NewHasher(WithParams(InsecureTestParams)) }

func TestHashVerify(t *testing.T) {
	h := testHasher()
	enc := h.Hash("correct horse battery")
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("Hash = %q", enc)
	}
	if enc == h.Hash("correct horse battery") {
		t.Error("two hashes of one password are equal: salt not random")
	}
	tests := []struct {
		pw   string
		want bool
	}{
		{"correct horse battery", true},
		{"correct horse batterY", false},
		{"correct horse battery ", false},
		{"", false},
	}
	for _, tt := range tests {
		ok, err := h.Verify(tt.pw, enc)
		if err != nil || ok != tt.want {
			t.Errorf("Verify(%q) = %v, %v; want %v", tt.pw, ok, err, tt.want)
		}
	}
	// A hasher with other parameters still verifies: they come from the hash.
	other := NewHasher(WithParams(Params{Memory: 128, Time: 2, Threads: 2, SaltLen: 16, KeyLen: 32}))
	if ok, err := other.Verify("correct horse battery", enc); !ok || err != nil {
		t.Errorf("Verify with other hasher = %v, %v", ok, err)
	}
}

// A known answer from the argon2 reference vectors (password "password", salt
// "somesalt", argon2id, t=1, m=64 KiB, p=1, 24-byte key), written as a PHC string by
// hand, so the encoding stays compatible with other argon2id tools.
func TestVerifyKnownPHC(t *testing.T) {
	const enc = "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHQ$ZVrRXqxlLcWfcXCnMyv0m4Rpvh/bnCi7"
	h := testHasher()
	if ok, err := h.Verify("password", enc); !ok || err != nil {
		t.Errorf("Verify(known) = %v, %v", ok, err)
	}
	if ok, _ := h.Verify("Password", enc); ok {
		t.Error("Verify(known) accepts a wrong password")
	}
	if got := encodePHC(Params{Memory: 64, Time: 1, Threads: 1}, []byte("somesalt"), h.key("password", []byte("somesalt"), Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 24})); got != enc {
		t.Errorf("encodePHC = %q, want %q", got, enc)
	}
}

func TestVerifyMalformed(t *testing.T) {
	h := testHasher()
	good := h.Hash("some password")
	parts := strings.Split(good, "$")
	salt, key := parts[4], parts[5]
	tests := []string{
		"",
		"plain-text-password",
		"$argon2i$v=19$m=64,t=1,p=1$" + salt + "$" + key,
		"$argon2id$v=16$m=64,t=1,p=1$" + salt + "$" + key,
		"$argon2id$v=19$m=64,t=1$" + salt + "$" + key,
		"$argon2id$v=19$m=64,t=1,p=1,x=2$" + salt + "$" + key,
		"$argon2id$v=19$m=64,t=1,q=1$" + salt + "$" + key,
		"$argon2id$v=19$m=64,t=x,p=1$" + salt + "$" + key,
		"$argon2id$v=19$m=4194304,t=1,p=1$" + salt + "$" + key, // 4 GiB: refused
		"$argon2id$v=19$m=64,t=1000,p=1$" + salt + "$" + key,
		"$argon2id$v=19$m=64,t=0,p=1$" + salt + "$" + key,
		"$argon2id$v=19$m=64,t=1,p=0$" + salt + "$" + key,
		"$argon2id$v=19$m=64,t=1,p=300$" + salt + "$" + key,
		"$argon2id$v=19$m=64,t=1,p=1$" + salt + "==$" + key,
		"$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + key + "!",
		"$argon2id$v=19$m=64,t=1,p=1$c2FsdA$" + key,     // 4-byte salt
		"$argon2id$v=19$m=64,t=1,p=1$" + salt + "$a2V5", // 3-byte key
		"$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + key + "$extra",
	}
	for _, enc := range tests {
		ok, err := h.Verify("some password", enc)
		if ok || !errors.Is(err, ErrMalformedHash) {
			t.Errorf("Verify(%q) = %v, %v; want false, ErrMalformedHash", enc, ok, err)
		}
		if !h.NeedsRehash(enc) {
			t.Errorf("NeedsRehash(%q) = false for a malformed hash", enc)
		}
	}
}

func TestNeedsRehash(t *testing.T) {
	cheap := testHasher()
	enc := cheap.Hash("some password")
	if cheap.NeedsRehash(enc) {
		t.Error("fresh hash needs rehash")
	}
	stronger := InsecureTestParams
	stronger.Time = 2
	if !NewHasher(WithParams(stronger)).NeedsRehash(enc) {
		t.Error("hash with fewer passes does not need rehash")
	}
	longer := InsecureTestParams
	longer.KeyLen = 64
	if !NewHasher(WithParams(longer)).NeedsRehash(enc) {
		t.Error("hash with shorter key does not need rehash")
	}
	if got := NewHasher().Params(); got != DefaultParams || got.Memory != 65536 || got.Time != 3 || got.Threads != 2 {
		t.Errorf("default params = %+v", got)
	}
}

func TestNewHasherRejectsBadParams(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("NewHasher accepted zero params")
		}
	}()
	NewHasher(WithParams(Params{}))
}

func TestHasherConcurrent(t *testing.T) {
	h := NewHasher(WithParams(InsecureTestParams), WithMaxConcurrent(2))
	enc := h.Hash("concurrent password")
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			pw := "concurrent password"
			if i%2 == 1 {
				pw = "wrong password!"
			}
			ok, err := h.Verify(pw, enc)
			if err != nil || ok != (i%2 == 0) {
				t.Errorf("goroutine %d: %v, %v", i, ok, err)
			}
			h.VerifyNothing(pw)
		})
	}
	wg.Wait()
}

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		pw, login string
		code      PasswordCode // "" = acceptable
	}{
		{"correcthorse", "zhangsan", ""},
		{"一二三四五六七八九十", "zhangsan", ""}, // ten characters, 30 bytes
		{"一二三四五六七八九", "zhangsan", PasswordTooShort},
		{"", "zhangsan", PasswordTooShort},
		{"short", "zhangsan", PasswordTooShort},
		{"123456789", "zhangsan", PasswordTooShort},
		{"1234567890", "zhangsan", PasswordCommon},
		{"9821-4471-3309", "zhangsan", ""},
		{strings.Repeat("a", 10), "zhangsan", PasswordRepetitive},
		{strings.Repeat("密", 12), "zhangsan", PasswordRepetitive},
		{strings.Repeat("ab", 64), "zhangsan", ""},
		{strings.Repeat("ab", 64) + "c", "zhangsan", PasswordTooLong},
		{"zhangsan.gov", "zhangsan.gov", PasswordSameAsLogin},
		{"ZhangSan.Gov", "zhangsan.gov", PasswordSameAsLogin},
		{"zhangsan.gov1", "zhangsan.gov", PasswordPersonal},
		{"2022zhangsan.gov!", "zhangsan.gov", PasswordPersonal},
		{"vog.nasgnahz", "zhangsan.gov", PasswordPersonal},
		{"zhangsan.gov-at-work", "zhangsan.gov", ""},
		// Issue 8, item 8: common passwords, and common words with digits or symbols
		// around them.
		{"password12", "zhangsan", PasswordCommon},
		{"qwertyuiop", "zhangsan", PasswordCommon},
		{"Password123!", "zhangsan", PasswordCommon},
		{"P@ssw0rd2022", "zhangsan", PasswordCommon},
		{"1qaz2wsx3edc", "zhangsan", PasswordCommon},
		{"woaini1314520", "zhangsan", PasswordCommon},
		{"Zhangwei1990", "x", PasswordCommon},
		{"!!iloveyou!!", "x", PasswordCommon},
		{"12345678900", "x", PasswordCommon},
		{"clerk-password-1", "clerk", ""},
		{"a long passphrase for tests", "x", ""},
		{"zhangsan.gov", "", ""},
		{"pass\nword12", "x", PasswordInvalid},
		{"password\x00123", "x", PasswordInvalid},
		{"password\xff123", "x", PasswordInvalid},
	}
	for _, tt := range tests {
		err := CheckPassword(tt.pw, tt.login)
		if tt.code == "" {
			if err != nil {
				t.Errorf("CheckPassword(%q, %q) = %v, want nil", tt.pw, tt.login, err)
			}
			continue
		}
		var pe *PasswordError
		if !errors.As(err, &pe) || pe.Code != tt.code {
			t.Errorf("CheckPassword(%q, %q) = %v, want %s", tt.pw, tt.login, err, tt.code)
			continue
		}
		if !strings.HasPrefix(pe.Error(), "password: ") {
			t.Errorf("message %q", pe.Error())
		}
		if tt.code == PasswordTooShort && pe.Min != MinPasswordLen {
			t.Errorf("Min = %d", pe.Min)
		}
	}
}

func TestGeneratePassword(t *testing.T) {
	seen := map[string]bool{}
	for range 200 {
		pw := GeneratePassword()
		if len(pw) != 19 || pw[4] != '-' || pw[9] != '-' || pw[14] != '-' {
			t.Fatalf("GeneratePassword = %q: want xxxx-xxxx-xxxx-xxxx", pw)
		}
		if strings.ContainsAny(pw, "0O1lIio") {
			t.Errorf("GeneratePassword = %q has a look-alike", pw)
		}
		for _, c := range strings.ReplaceAll(pw, "-", "") {
			if !strings.ContainsRune(passwordAlphabet, c) {
				t.Errorf("GeneratePassword = %q: %q not in the alphabet", pw, c)
			}
		}
		if err := CheckPassword(pw, "zhangsan"); err != nil {
			t.Errorf("GeneratePassword = %q fails the policy: %v", pw, err)
		}
		if seen[pw] {
			t.Errorf("GeneratePassword repeated %q", pw)
		}
		seen[pw] = true
	}
	if len(passwordAlphabet) != 55 {
		t.Errorf("alphabet has %d letters", len(passwordAlphabet))
	}
}

// BenchmarkHashDefault measures a production hash (go test -bench Hash -run none).
func BenchmarkHashDefault(b *testing.B) {
	h := NewHasher()
	for b.Loop() {
		h.Hash("correct horse battery")
	}
}

// The user's own name, with digits around it, is refused like the login.
func TestCheckPasswordName(t *testing.T) {
	for _, c := range []struct{ pw, name string }{{"lina123456!", "Li Na"}, {"Zhang-San-2022", "zhang san"}, {"刘德华刘德华刘德华1", "刘德华刘德华刘德华"}} {
		var pe *PasswordError
		if err := CheckPassword(c.pw, "someone", c.name); !errors.As(err, &pe) || pe.Code != PasswordPersonal {
			t.Errorf("CheckPassword(%q, name %q) = %v, want %s", c.pw, c.name, err, PasswordPersonal)
		}
	}
	if err := CheckPassword("Zhang-San-2022", "someone", "Li Na"); err != nil {
		t.Errorf("another's name: %v", err)
	}
}
