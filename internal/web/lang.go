package web

import (
	"net/http"

	"github.com/lantu-dev/lantu/internal/i18n"
)

// requestLang picks the language: ?lang= wins, then the lang cookie, else the default
// (Chinese).
func requestLang(r *http.Request) string {
	if v := r.URL.Query().Get("lang"); i18n.Supported(v) {
		return v
	}
	if c, err := r.Cookie("lang"); err == nil && i18n.Supported(c.Value) {
		return c.Value
	}
	return i18n.Langs[0]
}
