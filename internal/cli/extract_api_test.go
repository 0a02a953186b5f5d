package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/app"
	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/extract"
	"github.com/lantu-dev/lantu/internal/service"
)

// POST /api/v1/extract gives the facts `lantu extract --json` gives.
func TestExtractAPIAgreesWithCLI(t *testing.T) {
	sample := filepath.Join("..", "extract", "testdata", "000_0e76c140dce5f649.txt")
	code, out, errOut := run(t, "", nil, "extract", "--json", "--year", "2022", sample)
	if code != 0 {
		t.Fatalf("extract: %s", errOut)
	}
	var fromCLI struct{ Facts []extract.Fact }
	if err := json.Unmarshal([]byte(out), &fromCLI); err != nil {
		t.Fatal(err)
	}
	st, err := app.OpenStore(context.Background(), filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := service.New(st)
	svc.Hasher = auth.NewHasher(auth.WithParams(auth.InsecureTestParams))
	ctx := context.Background()
	if _, _, err := svc.CreateUser(ctx, service.System, service.NewUser{Login: "analyst", Roles: []auth.Role{auth.RoleLeader}, Password: "analyst-password"}); err != nil {
		t.Fatal(err)
	}
	tok, _, err := svc.CreateToken(ctx, service.System, "analyst", "", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	h, err := app.Handler(ctx, svc, app.Config{}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	data, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", srv.URL+"/api/v1/extract?year=2022&name=sample.txt", bytes.NewReader(data))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "text/plain; charset=utf-8")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var fromAPI struct {
		Data struct {
			Doc   string
			Facts []extract.Fact
		}
	}
	if err := json.NewDecoder(res.Body).Decode(&fromAPI); err != nil || res.StatusCode != 200 {
		t.Fatalf("POST /api/v1/extract = %d %v", res.StatusCode, err)
	}
	if len(fromCLI.Facts) < 30 || !reflect.DeepEqual(fromCLI.Facts, fromAPI.Data.Facts) {
		t.Errorf("CLI %d facts, API %d facts, or they differ", len(fromCLI.Facts), len(fromAPI.Data.Facts))
	}
	// Each fact says why its period and kind (the same through both, as compared above).
	for _, f := range fromAPI.Data.Facts {
		if f.Why.Kind == "" || f.Why.Period == "" {
			t.Errorf("fact %s %g without why: %+v", f.Text, f.Value, f.Why)
		}
		if f.Text == "铁路提单信用证今年力争达到300单" && (f.Why.Kind != extract.WhySentence || f.Why.KindCue != "力争" || f.Why.PeriodCue != "今年") {
			t.Errorf("300单: why %+v", f.Why)
		}
	}
	// Anonymous callers are refused.
	res2, err := http.Post(srv.URL+"/api/v1/extract", "text/plain", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	res2.Body.Close()
	if res2.StatusCode != http.StatusUnauthorized {
		t.Errorf("anonymous extract = %d", res2.StatusCode)
	}
}
