package web

import (
	"net/http"

	"github.com/lantu-dev/lantu/internal/httpauth"
)

// requestLang picks the language: ?lang= wins, then the lang cookie, else the default
// (Chinese). The API reads it the same way.
func requestLang(r *http.Request) string { return httpauth.Lang(r) }
