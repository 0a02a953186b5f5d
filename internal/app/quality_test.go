package app

import (
	"net/http"
	"strings"
	"testing"

	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// The navigation links the investment pages for whoever may read them — the officer,
// the centre's head (a reviewer of the centre) and the leader — and for nobody else: a
// reviewer of another department would only be refused there.
func TestInvestNavLink(t *testing.T) {
	ts := newInvestServer(t, storetest.SQLite(t))
	for login, want := range map[string]bool{"zhou": true, "centrehead": true, "quzhang": true, "office": true,
		"commercehead": false, "urbanclerk": false, "": false} {
		code, body := ts.call(t, "GET", "/status", login, "")
		if code != http.StatusOK {
			t.Fatalf("%q: /status %d", login, code)
		}
		if got := strings.Contains(body, `<a href="/invest"`); got != want {
			t.Errorf("%q: link to /invest shown = %v, want %v", login, got, want)
		}
		if want {
			if code, _ := ts.call(t, "GET", "/invest", login, ""); code != http.StatusOK {
				t.Errorf("%q follows the link to /invest: %d", login, code)
			}
		}
	}
}
