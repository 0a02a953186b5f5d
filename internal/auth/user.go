package auth

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Role is what a user does in lantu. A user may hold several.
type Role string

const (
	// RoleAdmin is the district planning office (发改委/目标办): edits plans,
	// departments and users, and may override locked periods.
	RoleAdmin Role = "admin"
	// RoleReporter is a clerk of a department (e.g. 区商务委) who reports figures for
	// the indicators that department owns.
	RoleReporter Role = "reporter"
	// RoleReviewer is a department head who approves or rejects the department's
	// reports and unlocks its locked periods. A reviewer with no department is a
	// planning-office reviewer and covers every department of the region.
	RoleReviewer Role = "reviewer"
	// RoleOfficer is an investment officer (招商中心): enterprises, visits, pipeline.
	RoleOfficer Role = "officer"
	// RoleLeader is a district leader (区领导): reads everything, changes nothing.
	RoleLeader Role = "leader"
)

var allRoles = []Role{RoleAdmin, RoleReporter, RoleReviewer, RoleOfficer, RoleLeader}

// Roles lists every role, in a stable order.
func Roles() []Role { return slices.Clone(allRoles) }

// Valid reports whether r is one of the roles lantu knows.
func (r Role) Valid() bool { return slices.Contains(allRoles, r) }

// ErrUnknownRole is wrapped by ParseRole's error.
var ErrUnknownRole = errors.New("unknown role")

// ParseRole reads a role name, ignoring case and surrounding space.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if r.Valid() {
		return r, nil
	}
	names := make([]string, len(allRoles))
	for i, v := range allRoles {
		names[i] = string(v)
	}
	return "", fmt.Errorf("%w %q: valid roles are %s", ErrUnknownRole, s, strings.Join(names, ", "))
}

// User is a person who signs in to lantu.
type User struct {
	ID                 int64
	Login              string // normalized: see NormalizeLogin and ValidateLogin
	DisplayName        string // e.g. 张三
	Roles              []Role
	DeptIDs            []int64 // departments the user reports for or reviews
	RegionID           int64
	PasswordHash       string // PHC string from Hasher.Hash; empty = no password sign-in
	MustChangePassword bool   // set for new users and after an admin reset
	Disabled           bool
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// HasRole reports whether the user holds role r.
func (u User) HasRole(r Role) bool { return slices.Contains(u.Roles, r) }

// InDept reports whether the user belongs to department id.
func (u User) InDept(id int64) bool { return id != 0 && slices.Contains(u.DeptIDs, id) }

// FieldError says which field of an input is wrong and why. Code is stable for the UI
// to translate; Message is English for logs and the CLI.
type FieldError struct {
	Field   string
	Code    string // "required", "too_short", "too_long", "invalid", "duplicate"
	Message string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

// Login name limits.
const (
	MinLoginLen = 3
	MaxLoginLen = 32
)

// NormalizeLogin trims and lower-cases a login name as typed, so that "ZhangSan " and
// "zhangsan" are one account (and one rate-limit key).
func NormalizeLogin(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ValidateLogin checks a normalized login name: 3 to 32 characters of a-z, 0-9, '.',
// '_' and '-', starting with a letter or digit (staff numbers such as 0231 are fine).
// Login names are ASCII so they type the same on every input method; the Chinese
// name goes in DisplayName.
func ValidateLogin(login string) error {
	n := len(login)
	switch {
	case n == 0:
		return &FieldError{"login", "required", "is required"}
	case n < MinLoginLen:
		return &FieldError{"login", "too_short", fmt.Sprintf("must be at least %d characters", MinLoginLen)}
	case n > MaxLoginLen:
		return &FieldError{"login", "too_long", fmt.Sprintf("must be at most %d characters", MaxLoginLen)}
	}
	for i := 0; i < n; i++ {
		c := login[i]
		ok := c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || i > 0 && (c == '.' || c == '_' || c == '-')
		if !ok {
			return &FieldError{"login", "invalid",
				"may hold only lower-case letters a-z, digits, '.', '_' and '-', and must start with a letter or digit"}
		}
	}
	return nil
}

// MaxDisplayNameLen is the longest display name, in characters.
const MaxDisplayNameLen = 64

// Validate checks the fields a user must have before it is stored: login, display
// name, at least one known role without repeats, and positive department ids.
func (u User) Validate() error {
	if err := ValidateLogin(u.Login); err != nil {
		return err
	}
	name := strings.TrimSpace(u.DisplayName)
	if name == "" {
		return &FieldError{"display_name", "required", "is required"}
	}
	if utf8.RuneCountInString(name) > MaxDisplayNameLen {
		return &FieldError{"display_name", "too_long", fmt.Sprintf("must be at most %d characters", MaxDisplayNameLen)}
	}
	if len(u.Roles) == 0 {
		return &FieldError{"roles", "required", "at least one role is required"}
	}
	for i, r := range u.Roles {
		if !r.Valid() {
			_, err := ParseRole(string(r))
			return &FieldError{"roles", "invalid", err.Error()}
		}
		if slices.Contains(u.Roles[:i], r) {
			return &FieldError{"roles", "duplicate", fmt.Sprintf("role %q is listed twice", r)}
		}
	}
	for i, d := range u.DeptIDs {
		if d <= 0 {
			return &FieldError{"dept_ids", "invalid", fmt.Sprintf("department id %d is not valid", d)}
		}
		if slices.Contains(u.DeptIDs[:i], d) {
			return &FieldError{"dept_ids", "duplicate", fmt.Sprintf("department %d is listed twice", d)}
		}
	}
	return nil
}

// ErrUserDisabled is returned by NewPrincipal for a disabled user.
var ErrUserDisabled = errors.New("user is disabled")

// Principal is who is acting in a request: a signed-in user, or anonymous (the zero
// value, also returned by Anonymous). Build one per request with NewPrincipal from the
// user the session or API token belongs to, and pass it to Can.
type Principal struct {
	UserID      int64 // 0 = anonymous
	Login       string
	DisplayName string
	Roles       []Role
	DeptIDs     []int64
	RegionID    int64
	// MustChangePassword makes Can deny everything but public reads until the user
	// has set a new password; the web layer should send them to that form.
	MustChangePassword bool
}

// Anonymous is the principal of a request nobody signed in to.
func Anonymous() Principal { return Principal{} }

// NewPrincipal makes the principal of a signed-in user. It fails with ErrUserDisabled
// for a disabled user, so a session or token of a disabled user is worth nothing.
func NewPrincipal(u User) (Principal, error) {
	if u.Disabled {
		return Anonymous(), ErrUserDisabled
	}
	if u.ID == 0 {
		return Anonymous(), errors.New("auth: principal of a user without an id")
	}
	return Principal{
		UserID:             u.ID,
		Login:              u.Login,
		DisplayName:        u.DisplayName,
		Roles:              slices.Clone(u.Roles),
		DeptIDs:            slices.Clone(u.DeptIDs),
		RegionID:           u.RegionID,
		MustChangePassword: u.MustChangePassword,
	}, nil
}

// IsAnonymous reports whether nobody is signed in.
func (p Principal) IsAnonymous() bool { return p.UserID == 0 }

// HasRole reports whether the principal holds role r. Anonymous holds none.
func (p Principal) HasRole(r Role) bool { return !p.IsAnonymous() && slices.Contains(p.Roles, r) }

// InDept reports whether the principal belongs to department id (never for id 0).
func (p Principal) InDept(id int64) bool {
	return !p.IsAnonymous() && id != 0 && slices.Contains(p.DeptIDs, id)
}
