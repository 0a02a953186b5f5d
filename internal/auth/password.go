package auth

import (
	"crypto/rand"
	"crypto/subtle"
	_ "embed" // common_passwords.txt
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost parameters.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes over memory
	Threads uint8  // lanes
	SaltLen uint32 // bytes
	KeyLen  uint32 // bytes
}

// DefaultParams are the production parameters: 64 MiB, 3 passes, 2 lanes, a 16-byte
// salt and a 32-byte key. This is RFC 9106's second recommended choice (64 MiB, t=3)
// with 2 lanes instead of 4 to suit small government VMs; it costs roughly 50-150 ms
// of one or two cores per sign-in, well above OWASP's floor (19 MiB, t=2). A Hasher
// lets at most a few hashes run at once (WithMaxConcurrent), so a burst of sign-ins
// queues instead of taking gigabytes. Raising them later is safe: NeedsRehash tells
// the sign-in code to re-hash a password with the new parameters when it is next
// typed.
var DefaultParams = Params{Memory: 64 * 1024, Time: 3, Threads: 2, SaltLen: 16, KeyLen: 32}

// InsecureTestParams are cheap parameters for tests only (64 KiB, one pass). Never use
// them in a running server.
var InsecureTestParams = Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// Bounds on parameters read from a stored hash, so a tampered or corrupt row cannot
// make a verify allocate gigabytes or spin for minutes.
const (
	maxMemory  = 1 << 20 // 1 GiB in KiB
	maxTime    = 64
	minSaltLen = 8
	maxSaltLen = 64
	minKeyLen  = 16
	maxKeyLen  = 128
)

func (p Params) validate() error {
	switch {
	case p.Threads < 1:
		return errors.New("threads must be at least 1")
	case p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemory:
		return fmt.Errorf("memory %d KiB out of range", p.Memory)
	case p.Time < 1 || p.Time > maxTime:
		return fmt.Errorf("time %d out of range", p.Time)
	case p.SaltLen < minSaltLen || p.SaltLen > maxSaltLen:
		return fmt.Errorf("salt length %d out of range", p.SaltLen)
	case p.KeyLen < minKeyLen || p.KeyLen > maxKeyLen:
		return fmt.Errorf("key length %d out of range", p.KeyLen)
	}
	return nil
}

// ErrMalformedHash is returned when a stored password hash cannot be read.
var ErrMalformedHash = errors.New("malformed password hash")

// Hasher hashes and verifies passwords with argon2id. It is safe for concurrent use.
type Hasher struct {
	params Params
	sem    chan struct{}
}

// HasherOption configures a Hasher.
type HasherOption func(*Hasher)

// WithParams sets the cost parameters of new hashes (tests: InsecureTestParams).
// Invalid parameters make NewHasher panic: they are a programming error.
func WithParams(p Params) HasherOption { return func(h *Hasher) { h.params = p } }

// WithMaxConcurrent bounds how many hashes or verifies run at once (default 4), which
// bounds the memory they take to n × Params.Memory. Further callers wait.
func WithMaxConcurrent(n int) HasherOption {
	return func(h *Hasher) {
		if n < 1 {
			n = 1
		}
		h.sem = make(chan struct{}, n)
	}
}

// NewHasher returns a Hasher with DefaultParams unless told otherwise.
func NewHasher(opts ...HasherOption) *Hasher {
	h := &Hasher{params: DefaultParams, sem: make(chan struct{}, 4)}
	for _, o := range opts {
		o(h)
	}
	if err := h.params.validate(); err != nil {
		panic("auth: invalid argon2 params: " + err.Error())
	}
	return h
}

// Params returns the parameters new hashes are made with.
func (h *Hasher) Params() Params { return h.params }

func (h *Hasher) key(password string, salt []byte, p Params) []byte {
	h.sem <- struct{}{}
	defer func() { <-h.sem }()
	return argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
}

// Hash returns the PHC string of password with a fresh salt, e.g.
// $argon2id$v=19$m=65536,t=3,p=2$<salt>$<key> (salt and key in unpadded standard
// base64). It does not check the password policy; call CheckPassword first.
func (h *Hasher) Hash(password string) string {
	p := h.params
	salt := make([]byte, p.SaltLen)
	rand.Read(salt) // never fails (crypto/rand, Go 1.24+)
	return encodePHC(p, salt, h.key(password, salt, p))
}

// Verify reports whether password matches the stored PHC string, comparing in constant
// time. The error is ErrMalformedHash (wrapped) when the hash cannot be read; the
// answer is then false.
func (h *Hasher) Verify(password, encoded string) (bool, error) {
	p, salt, want, err := decodePHC(encoded)
	if err != nil {
		return false, err
	}
	got := h.key(password, salt, p)
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// VerifyNothing spends the time of a verify without a stored hash. Call it when the
// login name is unknown (or the user has no password) so that the response time does
// not tell which login names exist.
func (h *Hasher) VerifyNothing(password string) {
	var salt [16]byte
	h.key(password, salt[:], h.params)
}

// NeedsRehash reports whether a stored hash was made with other parameters than the
// Hasher's (or cannot be read): after a successful Verify, store Hash(password).
func (h *Hasher) NeedsRehash(encoded string) bool {
	p, _, _, err := decodePHC(encoded)
	return err != nil || p != h.params
}

var b64 = base64.RawStdEncoding

func encodePHC(p Params, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

func decodePHC(s string) (Params, []byte, []byte, error) {
	var p Params
	bad := func(why string) (Params, []byte, []byte, error) {
		return p, nil, nil, fmt.Errorf("%w: %s", ErrMalformedHash, why)
	}
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" {
		return bad("not a PHC string")
	}
	if parts[1] != "argon2id" {
		return bad("algorithm " + strconv.Quote(parts[1]) + " is not argon2id")
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return bad("unsupported version " + strconv.Quote(parts[2]))
	}
	fields := strings.Split(parts[3], ",")
	if len(fields) != 3 {
		return bad("parameters")
	}
	var seen [3]bool
	for _, f := range fields {
		k, v, ok := strings.Cut(f, "=")
		if !ok {
			return bad("parameters")
		}
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return bad("parameter " + k)
		}
		switch k {
		case "m":
			p.Memory, seen[0] = uint32(n), true
		case "t":
			p.Time, seen[1] = uint32(n), true
		case "p":
			if n > 255 {
				return bad("parameter p")
			}
			p.Threads, seen[2] = uint8(n), true
		default:
			return bad("parameter " + k)
		}
	}
	if !seen[0] || !seen[1] || !seen[2] {
		return bad("parameters")
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return bad("salt")
	}
	key, err := b64.DecodeString(parts[5])
	if err != nil {
		return bad("hash")
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	if err := p.validate(); err != nil {
		return bad(err.Error())
	}
	return p, salt, key, nil
}

// Password policy limits.
const (
	MinPasswordLen = 10  // characters
	MaxPasswordLen = 128 // characters; longer input is refused, not truncated
)

// PasswordCode says which rule a password breaks. The UI translates it.
type PasswordCode string

const (
	PasswordTooShort    PasswordCode = "too_short"     // fewer than MinPasswordLen characters
	PasswordTooLong     PasswordCode = "too_long"      // more than MaxPasswordLen characters
	PasswordRepetitive  PasswordCode = "repetitive"    // one character repeated
	PasswordSameAsLogin PasswordCode = "same_as_login" // the login name, ignoring case
	PasswordPersonal    PasswordCode = "personal"      // the login or the user's name with digits or symbols around, or reversed
	PasswordCommon      PasswordCode = "common"        // a common password, or a common word with digits or symbols around
	PasswordInvalid     PasswordCode = "invalid"       // not valid UTF-8 or holds control characters
)

// PasswordError is a password policy violation. Error is English; the UI shows its own
// message for Code (e.g. 密码至少需要10个字符).
type PasswordError struct {
	Code PasswordCode
	Min  int // for PasswordTooShort
	Max  int // for PasswordTooLong
}

func (e *PasswordError) Error() string {
	switch e.Code {
	case PasswordTooShort:
		return fmt.Sprintf("password: must be at least %d characters", e.Min)
	case PasswordTooLong:
		return fmt.Sprintf("password: must be at most %d characters", e.Max)
	case PasswordRepetitive:
		return "password: must not be one character repeated"
	case PasswordSameAsLogin:
		return "password: must not be the login name"
	case PasswordPersonal:
		return "password: must not be made of the login or the user's name"
	case PasswordCommon:
		return "password: is too common (a well-known password or word)"
	default:
		return "password: contains characters that are not allowed"
	}
}

// CheckPassword applies the password policy to a new password of the user with the
// given login name (and display names, if given): at least 10 characters (any script;
// 汉字 count as one each), at most 128, not one character repeated, not the login name;
// not the login or a name with digits or symbols around it or reversed
// (zhangsan2022); not a common password or a common word with digits or symbols around
// it (password12, qwertyuiop, P@ssw0rd!, zhangwei1990; see common_passwords.txt). It
// returns nil or a *PasswordError. Length is the main defence; no composition rules,
// per NIST 800-63B, which asks for the list check.
func CheckPassword(password, login string, names ...string) error {
	if !utf8.ValidString(password) {
		return &PasswordError{Code: PasswordInvalid}
	}
	n := 0
	var first rune
	same := true
	for _, r := range password {
		if r < 0x20 || r == 0x7f {
			return &PasswordError{Code: PasswordInvalid}
		}
		if n == 0 {
			first = r
		} else if r != first {
			same = false
		}
		n++
	}
	switch {
	case n < MinPasswordLen:
		return &PasswordError{Code: PasswordTooShort, Min: MinPasswordLen}
	case n > MaxPasswordLen:
		return &PasswordError{Code: PasswordTooLong, Max: MaxPasswordLen}
	case same:
		return &PasswordError{Code: PasswordRepetitive}
	case login != "" && strings.EqualFold(strings.TrimSpace(password), strings.TrimSpace(login)):
		return &PasswordError{Code: PasswordSameAsLogin}
	}
	lower := strings.ToLower(strings.TrimSpace(password))
	core := strings.TrimFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) })
	for _, x := range append([]string{login}, names...) {
		if x = squash(x); utf8.RuneCountInString(x) < 2 {
			continue
		}
		if c := squash(core); c == x || reverse(c) == x || squash(lower) == x {
			return &PasswordError{Code: PasswordPersonal}
		}
	}
	common := commonPasswords()
	if common[lower] || common[core] || common[unleet(core)] || common[unleet(lower)] || common[squash(lower)] {
		return &PasswordError{Code: PasswordCommon}
	}
	return nil
}

//go:embed common_passwords.txt
var commonPasswordsText string

// commonPasswords is the list of common_passwords.txt, read once.
var commonPasswords = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool, 4096)
	for _, line := range strings.Split(commonPasswordsText, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			m[line] = true
		}
	}
	return m
})

// squash keeps the letters and digits of s, lower-case: "Zhang San" and "zhang-san"
// are one name.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, strings.ToLower(s))
}

// unleet undoes the usual letter swaps (p@ssw0rd → password).
var unleet = strings.NewReplacer("@", "a", "4", "a", "0", "o", "1", "i", "!", "i", "3", "e", "$", "s", "5", "s", "7", "t").Replace

func reverse(s string) string {
	r := []rune(s)
	slices.Reverse(r)
	return string(r)
}

// passwordAlphabet has no look-alikes: no 0/O/o, 1/l/I/i.
const passwordAlphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// GeneratePassword returns a random password for a new user or an admin reset: 16
// characters from a 55-letter alphabet without look-alikes (about 92 bits), in four
// groups of four joined by '-', e.g. "kT7m-Qx2p-Hc9w-Rb4n", to read out or copy. It
// always passes CheckPassword.
func GeneratePassword() string {
	const groups, per = 4, 4
	var b strings.Builder
	buf := make([]byte, 64)
	i := len(buf)
	for n := 0; n < groups*per; {
		if i == len(buf) {
			rand.Read(buf)
			i = 0
		}
		c := buf[i]
		i++
		// Rejection sampling keeps every letter equally likely.
		if int(c) >= 256-256%len(passwordAlphabet) {
			continue
		}
		if n > 0 && n%per == 0 {
			b.WriteByte('-')
		}
		b.WriteByte(passwordAlphabet[int(c)%len(passwordAlphabet)])
		n++
	}
	return b.String()
}
