package store_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// UserByID reads roles and departments in the one query it makes per signed-in
// request: the same user as UserByLogin reads in three.
func TestUserByIDReadsRolesAndDepartments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := loadSmall(t).Plan
		if err := s.WithTx(ctx, func(ctx context.Context) error { return s.CreatePlan(ctx, p) }); err != nil {
			t.Fatal(err)
		}
		depts, err := s.Departments(ctx, p.RegionID)
		if err != nil || len(depts) < 2 {
			t.Fatalf("departments: %v %v", depts, err)
		}
		for _, u := range []auth.User{
			{Login: "two", DisplayName: "两个角色", RegionID: p.RegionID, Roles: []auth.Role{auth.RoleReviewer, auth.RoleLeader},
				DeptIDs: []int64{depts[1].ID, depts[0].ID}, PasswordHash: "x"},
			{Login: "none", DisplayName: "无", RegionID: p.RegionID, PasswordHash: "x"},
			{Login: "city", DisplayName: "全市", Roles: []auth.Role{auth.RoleLeader}, PasswordHash: "x"},
		} {
			if err := s.CreateUser(ctx, &u); err != nil {
				t.Fatal(err)
			}
			byID, err := s.UserByID(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			byLogin, err := s.UserByLogin(ctx, u.Login)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(byID, byLogin) {
				t.Errorf("%s by id:\n%+v\nby login:\n%+v", u.Login, byID, byLogin)
			}
			if len(byID.Roles) != len(u.Roles) || len(byID.DeptIDs) != len(u.DeptIDs) {
				t.Errorf("%s: roles %v departments %v, want %v %v", u.Login, byID.Roles, byID.DeptIDs, u.Roles, u.DeptIDs)
			}
		}
		if _, err := s.UserByID(ctx, 999999); err == nil {
			t.Error("a user who is not there was read")
		}
	})
}
