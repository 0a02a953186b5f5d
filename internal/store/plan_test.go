package store_test

import (
	"context"
	"errors"
	"os"
	"reflect"
	"testing"

	"github.com/lantu-dev/lantu/internal/audit"
	"github.com/lantu-dev/lantu/internal/planfile"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

func loadSmall(t *testing.T) *planfile.Loaded {
	t.Helper()
	data, err := os.ReadFile("../planfile/testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	l, err := planfile.Parse(nil, "small.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestPlanRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		want := loadSmall(t).Plan
		if err := s.CreatePlan(ctx, want); err == nil {
			t.Fatal("CreatePlan outside a transaction must fail")
		}
		if err := s.WithTx(ctx, func(ctx context.Context) error { return s.CreatePlan(ctx, want) }); err != nil {
			t.Fatal(err)
		}
		got, err := s.GetPlan(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Compare in file form: ids differ in meaning, content must not.
		wf, gf := planfile.FromPlan(want, nil), planfile.FromPlan(got, nil)
		if !reflect.DeepEqual(wf, gf) {
			a, _ := planfile.Marshal(wf)
			b, _ := planfile.Marshal(gf)
			t.Fatalf("plan differs after storing:\nwant:\n%s\ngot:\n%s", a, b)
		}
		ind, err := s.IndicatorByCode(ctx, want.ID, "fdi")
		if err != nil {
			t.Fatal(err)
		}
		if ind.Target.String() != "800000000" || ind.DeptID != 0 || ind.RegionID != want.RegionID {
			t.Errorf("indicator row wrong: %+v", ind)
		}
		if _, err := s.Indicator(ctx, 999999); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing indicator: %v, want ErrNotFound", err)
		}
		// The same plan again conflicts and leaves nothing behind.
		again := loadSmall(t).Plan
		err = s.WithTx(ctx, func(ctx context.Context) error { return s.CreatePlan(ctx, again) })
		if !errors.Is(err, store.ErrConflict) {
			t.Fatalf("second create: %v, want ErrConflict", err)
		}
		plans, err := s.ListPlans(ctx)
		if err != nil || len(plans) != 1 {
			t.Fatalf("plans after a refused create: %v %v", plans, err)
		}
		depts, err := s.Departments(ctx, want.RegionID)
		if err != nil || len(depts) != 2 {
			t.Fatalf("departments: %v %v", depts, err)
		}
	})
}

func TestAuditAppendOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for i, action := range []string{"plan.import", "report.approve"} {
			if err := s.AppendAudit(ctx, &audit.Entry{UserLogin: "admin", Action: action, Entity: "plan", EntityID: int64(i + 1), After: `{"x":1}`, Address: "127.0.0.1"}); err != nil {
				t.Fatal(err)
			}
		}
		es, err := s.Audit(ctx, audit.Filter{})
		if err != nil || len(es) != 2 || es[0].Action != "report.approve" || es[1].After != `{"x":1}` || es[0].At.IsZero() {
			t.Fatalf("audit = %+v, %v", es, err)
		}
		es, err = s.Audit(ctx, audit.Filter{Entity: "plan", EntityID: 1})
		if err != nil || len(es) != 1 {
			t.Fatalf("filtered audit = %+v, %v", es, err)
		}
	})
}

func TestMigrateTwice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		if err := s.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		v, err := s.SchemaVersion(context.Background())
		if err != nil || v < 1 {
			t.Fatalf("schema version %d, %v", v, err)
		}
	})
}
