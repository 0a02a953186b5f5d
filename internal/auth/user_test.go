package auth

import (
	"errors"
	"strings"
	"testing"
)

func TestParseRole(t *testing.T) {
	tests := []struct {
		in      string
		want    Role
		wantErr bool
	}{
		{"admin", RoleAdmin, false},
		{" Reporter ", RoleReporter, false},
		{"REVIEWER", RoleReviewer, false},
		{"officer", RoleOfficer, false},
		{"leader", RoleLeader, false},
		{"", "", true},
		{"root", "", true},
		{"public", "", true}, // anonymous is not a role one can hold
	}
	for _, tt := range tests {
		got, err := ParseRole(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseRole(%q) = %q, %v; want %q, err %v", tt.in, got, err, tt.want, tt.wantErr)
		}
		if err != nil {
			if !errors.Is(err, ErrUnknownRole) {
				t.Errorf("ParseRole(%q) error %v does not wrap ErrUnknownRole", tt.in, err)
			}
			for _, r := range Roles() {
				if !strings.Contains(err.Error(), string(r)) {
					t.Errorf("ParseRole(%q) error %q does not list %s", tt.in, err, r)
				}
			}
		}
	}
	if len(Roles()) != 5 {
		t.Errorf("Roles() = %v", Roles())
	}
	rs := Roles()
	rs[0] = "mutated"
	if Roles()[0] != RoleAdmin {
		t.Error("Roles() shares its backing array")
	}
}

func TestValidateLogin(t *testing.T) {
	tests := []struct {
		in   string
		code string // "" = valid
	}{
		{"zhangsan", ""},
		{"zhang.san", ""},
		{"li_si-2", ""},
		{"0231", ""},
		{"abc", ""},
		{strings.Repeat("a", 32), ""},
		{"", "required"},
		{"ab", "too_short"},
		{strings.Repeat("a", 33), "too_long"},
		{"ZhangSan", "invalid"},
		{"zhang san", "invalid"},
		{".zhang", "invalid"},
		{"-zhang", "invalid"},
		{"张三丰", "invalid"},
		{"a@b.cn", "invalid"},
	}
	for _, tt := range tests {
		err := ValidateLogin(tt.in)
		if tt.code == "" {
			if err != nil {
				t.Errorf("ValidateLogin(%q) = %v, want nil", tt.in, err)
			}
			continue
		}
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != "login" || fe.Code != tt.code {
			t.Errorf("ValidateLogin(%q) = %#v, want login/%s", tt.in, err, tt.code)
			continue
		}
		if !strings.HasPrefix(err.Error(), "login: ") {
			t.Errorf("error %q does not name the field", err)
		}
	}
	if got := NormalizeLogin("  ZhangSan "); got != "zhangsan" {
		t.Errorf("NormalizeLogin = %q", got)
	}
}

func TestUserValidate(t *testing.T) {
	ok := User{Login: "zhangsan", DisplayName: "张三", Roles: []Role{RoleReporter}, DeptIDs: []int64{3}}
	tests := []struct {
		name  string
		edit  func(*User)
		field string
		code  string
	}{
		{"valid", func(*User) {}, "", ""},
		{"bad login", func(u *User) { u.Login = "Z" }, "login", "too_short"},
		{"no name", func(u *User) { u.DisplayName = "  " }, "display_name", "required"},
		{"long name", func(u *User) { u.DisplayName = strings.Repeat("张", 65) }, "display_name", "too_long"},
		{"no roles", func(u *User) { u.Roles = nil }, "roles", "required"},
		{"unknown role", func(u *User) { u.Roles = []Role{"root"} }, "roles", "invalid"},
		{"duplicate role", func(u *User) { u.Roles = []Role{RoleReporter, RoleReporter} }, "roles", "duplicate"},
		{"bad dept", func(u *User) { u.DeptIDs = []int64{0} }, "dept_ids", "invalid"},
		{"duplicate dept", func(u *User) { u.DeptIDs = []int64{3, 3} }, "dept_ids", "duplicate"},
	}
	for _, tt := range tests {
		u := ok
		u.Roles = append([]Role(nil), ok.Roles...)
		tt.edit(&u)
		err := u.Validate()
		if tt.field == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != tt.field || fe.Code != tt.code {
			t.Errorf("%s: Validate = %v, want %s/%s", tt.name, err, tt.field, tt.code)
		}
	}
}

func TestPrincipal(t *testing.T) {
	u := User{ID: 5, Login: "lisi", Roles: []Role{RoleReporter}, DeptIDs: []int64{3}, RegionID: 1, MustChangePassword: true}
	p, err := NewPrincipal(u)
	if err != nil {
		t.Fatal(err)
	}
	if p.IsAnonymous() || !p.HasRole(RoleReporter) || p.HasRole(RoleAdmin) || !p.InDept(3) || p.InDept(4) || p.InDept(0) {
		t.Errorf("principal %+v", p)
	}
	if !p.MustChangePassword || p.RegionID != 1 {
		t.Errorf("principal %+v", p)
	}
	u.Roles[0] = RoleAdmin
	if p.HasRole(RoleAdmin) {
		t.Error("principal shares the user's roles slice")
	}
	if !u.HasRole(RoleAdmin) || !u.InDept(3) || u.InDept(0) {
		t.Error("User helpers")
	}

	u.Disabled = true
	if p, err := NewPrincipal(u); !errors.Is(err, ErrUserDisabled) || !p.IsAnonymous() {
		t.Errorf("disabled user: %+v, %v", p, err)
	}
	if _, err := NewPrincipal(User{Login: "x"}); err == nil {
		t.Error("user without id made a principal")
	}

	a := Anonymous()
	if !a.IsAnonymous() || a.HasRole(RoleAdmin) || a.InDept(0) {
		t.Errorf("anonymous %+v", a)
	}
	// A zero user id is anonymous whatever else is set.
	forged := Principal{Roles: []Role{RoleAdmin}, RegionID: 1}
	if forged.HasRole(RoleAdmin) || Allowed(forged, PlanEdit, Resource{RegionID: 1}) {
		t.Error("principal without user id has powers")
	}
}
