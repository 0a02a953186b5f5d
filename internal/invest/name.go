package invest

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// companyForms are the legal-form endings that do not tell two enterprises apart
// (宁波拓普集团股份有限公司 and 宁波拓普集团有限公司 are one name to a person), longest
// first so that 股份有限公司 is taken whole.
var companyForms = []string{
	"股份有限公司", "有限责任公司", "股份公司", "有限公司", "co.,ltd.", "co.,ltd", "co.ltd", "limited", "ltd.", "ltd", "inc.", "inc",
}

// narrow turns full-width letters, digits, punctuation and the ideographic space into
// their half-width forms (ＡＢＣ１２３（） → ABC123()).
func narrow(s string) string { return width.Narrow.String(s) }

// NormalizeName is the key two enterprise names are compared by for duplicates:
// full-width folded to half-width, letters lower case, spaces, brackets and the dots of
// foreign names dropped, and a trailing legal form (有限公司, 股份有限公司, 有限责任公司,
// Co., Ltd. …) removed. 重庆金康动力新能源有限公司 and “重庆金康动力新能源股份有限公司 ” share one key.
func NormalizeName(name string) string {
	s := strings.ToLower(narrow(name))
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), r == '(', r == ')', r == '·', r == '•', r == '"', r == '\'', r == '“', r == '”', r == '《', r == '》', r == '[', r == ']':
			continue
		}
		b.WriteRune(r)
	}
	s = b.String()
	for trimmed := true; trimmed; {
		trimmed = false
		for _, f := range companyForms {
			if strings.HasSuffix(s, f) && len(s) > len(f) {
				s = strings.TrimRight(strings.TrimSuffix(s, f), ",.")
				trimmed = true
				break
			}
		}
	}
	return s
}
