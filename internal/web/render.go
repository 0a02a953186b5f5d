package web

import (
	"html/template"
	"io/fs"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/i18n"
)

// parseTemplates makes one template set per page: the layout, the shared components and
// the page's own file, so that every page defines "title" and "content" freely.
func (s *Server) parseTemplates() (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"t":      i18n.T,
		"asset":  s.assets.url,
		"evsize": sizeText,
		// explain writes the status engine's reason (codes and values) in the language.
		"explain": i18n.StatusExplain,
		"amount": func(lang string, d any, unit string) string {
			switch v := d.(type) {
			case decimal.Decimal:
				return i18n.Amount(lang, v, unit)
			case *decimal.Decimal:
				if v == nil {
					return ""
				}
				return i18n.Amount(lang, *v, unit)
			}
			return ""
		},
		"percent": func(d *decimal.Decimal) string {
			if d == nil {
				return "—"
			}
			return i18n.Percent(*d)
		},
		"pctwidth": func(d *decimal.Decimal) string {
			if d == nil {
				return "0"
			}
			v := d.Mul(decimal.NewFromInt(100)).Round(0)
			if v.IsNegative() {
				return "0"
			}
			if v.GreaterThan(decimal.NewFromInt(100)) {
				return "100"
			}
			return v.String()
		},
		"join": strings.Join,
		// ptr lets percent and amount take a decimal held by value.
		"ptr":  func(d decimal.Decimal) *decimal.Decimal { return &d },
		"list": func(v ...string) []string { return v },
		// sep separates the items of a list: 、 in Chinese, a comma in English.
		"sep": func(lang string) string {
			if lang == "en" {
				return ", "
			}
			return "、"
		},
		"hasPrefix": strings.HasPrefix,
		// dict builds a map for passing several values to a component template.
		"dict": func(kv ...any) map[string]any {
			m := make(map[string]any, len(kv)/2)
			for i := 0; i+1 < len(kv); i += 2 {
				k, _ := kv[i].(string)
				m[k] = kv[i+1]
			}
			return m
		},
	}
	for k, f := range typedFuncs() {
		funcs[k] = f
	}
	base, err := template.New("base").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/components.html")
	if err != nil {
		return nil, err
	}
	pages, err := fs.Glob(templateFiles, "templates/page_*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, p := range pages {
		name := strings.TrimSuffix(strings.TrimPrefix(p, "templates/page_"), ".html")
		t, err := template.Must(base.Clone()).ParseFS(templateFiles, p)
		if err != nil {
			return nil, err
		}
		out[name] = t
	}
	return out, nil
}
