package xlsx

import (
	"bytes"
	"testing"

	"github.com/shopspring/decimal"
)

// Issue 8, item 3: no stored value makes a writer panic — not 1e9999 (which float64
// reads as +Inf), not one whose digits alone would take a gigabyte.
func TestWritersNeverPanicOnAStoredValue(t *testing.T) {
	for _, v := range []string{"1e9999", "-1e9999", "1e-9999", "123456789012345678901234567890.5", "1e10000"} {
		t.Run(v, func(t *testing.T) {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("panic: %v", r)
				}
			}()
			tpl := sample()
			tpl.Rows[0].LastValue, tpl.Rows[0].Target = dp(v), dp(v)
			tpl.Rows[3].TargetMax = dp(v)
			var b bytes.Buffer
			if err := WriteTemplate(&b, tpl); err != nil {
				t.Errorf("WriteTemplate: %v", err)
			}
			b.Reset()
			if err := WriteTemplateCSV(&b, tpl); err != nil {
				t.Errorf("WriteTemplateCSV: %v", err)
			}
			d := decimal.RequireFromString(v)
			b.Reset()
			if err := WriteTables(&b, []Table{{Sheet: "表", Header: []string{"数", "率"}, Rows: [][]Value{{Num(&d), Share(&d)}}}}); err != nil {
				t.Errorf("WriteTables: %v", err)
			}
		})
	}
}
