package cli

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/lantu-dev/lantu/internal/app"
	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/service"
)

// The same figures through the CLI and the API agree, field for field.
func TestStatusCLIAgreesWithAPI(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	env := map[string]string{"LANTU_DB": db}
	if code, _, errOut := run(t, "", env, "plan", "import", filepath.Join("..", "..", "demo", "shapingba-2022.yaml")); code != 0 {
		t.Fatal(errOut)
	}
	// An admin's figure through the CLI, straight to the database.
	code, out, errOut := run(t, "", env, "report", "add", "--indicator", "24", "--period", "2022-03", "--value", "90000000", "--cause", "签约滞后", "--remedy", "加快落地", "--approve")
	if code != 0 || !strings.Contains(out, "approved") {
		t.Fatalf("report add = %d %q %q", code, out, errOut)
	}
	for _, at := range []string{"", "2022-02-28", "2022-12-31"} {
		args := []string{"status", "--json"}
		path := "/api/v1/status"
		if at != "" {
			args = append(args, "--at", at)
			path += "?at=" + at
		}
		code, cliJSON, errOut := run(t, "", env, args...)
		if code != 0 {
			t.Fatalf("status: %s", errOut)
		}
		var fromCLI service.StatusReport
		if err := json.Unmarshal([]byte(cliJSON), &fromCLI); err != nil {
			t.Fatal(err)
		}

		st, err := app.OpenStore(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		svc := service.New(st)
		svc.PublicView = true
		h, err := app.Handler(context.Background(), svc, app.Config{PublicView: true}, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(h)
		// The API as a leader (reads everything) so internal indicators are compared too.
		if _, _, err := svc.CreateUser(context.Background(), service.System, service.NewUser{Login: "lead" + strings.ReplaceAll(at, "-", ""), Roles: []auth.Role{"leader"}, Password: "leader-password-1"}); err != nil {
			t.Fatal(err)
		}
		tok, _, err := svc.CreateToken(context.Background(), service.System, "lead"+strings.ReplaceAll(at, "-", ""), "", time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var fromAPI struct{ Data service.StatusReport }
		err = json.NewDecoder(res.Body).Decode(&fromAPI)
		res.Body.Close()
		srv.Close()
		st.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(fromCLI.Indicators) < 30 || !reflect.DeepEqual(fromCLI, fromAPI.Data) {
			t.Errorf("at %q: the CLI and the API disagree:\nCLI %+v\nAPI %+v", at, fromCLI, fromAPI.Data)
		}
		for _, ind := range fromCLI.Indicators {
			if ind.IndicatorID == 24 && at == "" && (ind.Progress == nil || ind.Progress.String() != "90000000") {
				t.Errorf("the CLI's report does not count: %+v", ind)
			}
		}
	}
}
