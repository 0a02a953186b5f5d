package progress

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"
)

// Issue 8, item 3: one parser and one bound for figures, whichever way they come in.
func TestParseFigure(t *testing.T) {
	ok := map[string]string{
		"25.8": "25.8", "-3": "-3", ".5": "0.5", "1E3": "1000", "1,234,567.5": "1234567.5", "１２３４．５": "1234.5",
		"3万": "30000", "1.5亿": "150000000", "2万亿": "2000000000000", "5%": "5", " 205,000,000 ": "205000000",
		"999999999999999": "999999999999999", "-999999999999999": "-999999999999999", "0.12345678901234": "0.1234567890",
		"25.800000000000001": "25.8",
	}
	for in, want := range ok {
		d, err := ParseFigure(in)
		if err != nil || !d.Equal(decimal.RequireFromString(want)) {
			t.Errorf("ParseFigure(%q) = %v, %v; want %s", in, d, err, want)
		}
	}
	bad := map[string]string{
		"1e9999": FigureTooLarge, "1e15": FigureTooLarge, "1000000000000000": FigureTooLarge, "-1e15": FigureTooLarge,
		"1000万亿": FigureTooLarge, "1e99": FigureTooLarge, "1e999": FigureTooLarge, "-1E+9999": FigureTooLarge,
		"": FigureNotNumber, "abc": FigureNotNumber, "1e99999": FigureNotNumber, "Infinity": FigureNotNumber, "NaN": FigureNotNumber,
		"1,2345": FigureNotNumber, "0x10": FigureNotNumber, "1.5.5": FigureNotNumber,
	}
	for in, code := range bad {
		_, err := ParseFigure(in)
		var fe *FigureError
		if !errors.As(err, &fe) || fe.Code != code {
			t.Errorf("ParseFigure(%q) = %v, want %s", in, err, code)
		}
	}
}

func TestCheckFigure(t *testing.T) {
	for in, want := range map[string]bool{
		"999999999999999.99": true, "-999999999999999": true, "0": true, "1e-9999": true, "0.000001": true,
		"1e15": false, "-1000000000000000": false, "1e9999": false, "-1e9999": false, "10000000000000000000": false,
	} {
		if got := CheckFigure(decimal.RequireFromString(in)) == nil; got != want {
			t.Errorf("CheckFigure(%s) passes = %v, want %v", in, got, want)
		}
	}
}
