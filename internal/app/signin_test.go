package app

import (
	"context"
	"github.com/lantu-dev/lantu/internal/store"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/service"
	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// After signing in, next= is followed only when it is a path of this site made of
// printable characters; everything else goes to the start page.
func TestNextAfterSignIn(t *testing.T) {
	ts := newTestServer(t, storetest.SQLite(t), true)
	if _, _, err := ts.svc.CreateUser(context.Background(), service.System, service.NewUser{Login: "clerk", Roles: []auth.Role{auth.RoleReporter}, Password: "clerk-password-1"}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ next, want string }{
		{"/status", "/status"},
		{"/indicators/3?at=2022-03-31#reports", "/indicators/3?at=2022-03-31#reports"},
		{"/status?q=%E6%B2%99%E5%9D%AA%E5%9D%9D", "/status?q=%E6%B2%99%E5%9D%AA%E5%9D%9D"},
		{"/status?q=沙坪坝", "/status?q=%e6%b2%99%e5%9d%aa%e5%9d%9d"}, // escaped by the redirect
		{"", "/"},
		{"/\t/evil.example/", "/"},
		{"/\n/evil.example/", "/"},
		{"/\r\n/evil.example/", "/"},
		{"/ /evil.example/", "/"},
		{"//evil.example/", "/"},
		{"/\\evil.example/", "/"},
		{"/\\/evil.example/", "/"},
		{"/a\\b", "/"},
		{"\\\\evil.example", "/"},
		{"https://evil.example/", "/"},
		{"javascript:alert(1)", "/"},
		{"evil.example", "/"},
		{"/\x00/evil", "/"},
		{"/\u200b/evil", "/"}, // a zero-width space: not printable
		{"/\u2028/evil", "/"}, // a line separator
		{"/\x7f", "/"},
		{"/" + strings.Repeat("a", 3000), "/"},
	} {
		c := c
		t.Run(strings.ToValidUTF8(c.next, "?"), func(t *testing.T) {
			b := browser(t)
			tok := formToken(t, b, ts.URL+"/login")
			nb := noRedirect()
			nb.Jar = b.Jar
			res, err := nb.PostForm(ts.URL+"/login", url.Values{"csrf": {tok}, "login": {"clerk"}, "password": {"clerk-password-1"}, "next": {c.next}})
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != c.want {
				t.Errorf("next=%q: %d to %q, want 303 to %q", c.next, res.StatusCode, res.Header.Get("Location"), c.want)
			}
			// The sign-in form carries next= in a hidden field, filtered the same way.
			_, body := get(t, browser(t), ts.URL+"/login?next="+url.QueryEscape(c.next))
			if c.want == "/" && c.next != "" && !strings.Contains(body, `name="next" value="/"`) {
				t.Errorf("the sign-in form keeps next=%q", c.next)
			}
		})
	}
}

// Pages and API answers for a signed-in user are personal: Cache-Control: no-store, so
// that a shared computer's back button or a proxy cannot show them to the next person.
// Public pages for visitors and the content-hashed static files stay cacheable.
func TestSignedInAnswersAreNotStored(t *testing.T) {
	eachDB(t, func(t *testing.T, open func(testing.TB) *store.Store) {
		w := newMatrixWorldOn(t, open(t))
		for _, path := range []string{"/", "/status", "/reports", "/review", "/admin/users", "/admin/audit", "/account/tokens",
			"/api/v1/me", "/api/v1/status", "/api/v1/users", "/this-page-does-not-exist"} {
			req, _ := http.NewRequest("GET", w.srv.URL+path, nil)
			req.Header.Set("Authorization", "Bearer "+w.tokens["admin"])
			res, err := noRedirect().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
				t.Errorf("signed in, %s (%d): Cache-Control %q, want no-store", path, res.StatusCode, cc)
			}
		}
		// Signed in by the session cookie too, and on the answer that starts the session.
		b := browser(t)
		tok := formToken(t, b, w.srv.URL+"/login")
		nb := noRedirect()
		nb.Jar = b.Jar
		res, err := nb.PostForm(w.srv.URL+"/login", url.Values{"csrf": {tok}, "login": {"office"}, "password": {"office-password-1"}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("sign-in answer: Cache-Control %q, want no-store", cc)
		}
		res, err = b.Get(w.srv.URL + "/status")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("signed in by cookie, /status: Cache-Control %q, want no-store", cc)
		}
		// A visitor's public page may be kept; static files are immutable.
		res, err = http.Get(w.srv.URL + "/status")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if cc := res.Header.Get("Cache-Control"); cc == "no-store" {
			t.Errorf("a visitor's public page is no-store")
		}
	})
}
