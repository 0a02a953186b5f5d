package invest

import (
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Currency is an ISO 4217 code: CNY, USD, EUR, HKD, JPY …
type Currency string

const (
	CNY Currency = "CNY"
	USD Currency = "USD"
)

// currencyNames are the Chinese names people write in sheets.
var currencyNames = map[string]Currency{
	"人民币": CNY, "元": CNY, "万元": CNY, "美元": USD, "欧元": "EUR", "港元": "HKD", "港币": "HKD", "日元": "JPY",
	"英镑": "GBP", "新加坡元": "SGD", "韩元": "KRW", "新台币": "TWD", "澳元": "AUD",
}

// ParseCurrency reads a currency by ISO code (usd) or Chinese name (美元).
func ParseCurrency(s string) (Currency, error) {
	s = strings.TrimSpace(s)
	if c, ok := currencyNames[s]; ok {
		return c, nil
	}
	u := strings.ToUpper(s)
	if len(u) == 3 && strings.Trim(u, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" {
		return Currency(u), nil
	}
	return "", invalid("currency", "currency.unknown", s)
}

// Rate is what one unit of a currency is worth in 美元 from a date on, as an admin
// keeps it (外汇牌价).
type Rate struct {
	ID       int64           `json:"id"`
	Currency Currency        `json:"currency"`
	On       time.Time       `json:"on"` // China date at midnight UTC
	USD      decimal.Decimal `json:"usd"`
	By       int64           `json:"by,omitempty"`
}

// Validate checks a rate: a currency other than USD, a positive amount.
func (r Rate) Validate() error {
	var es Errors
	if r.Currency == USD {
		es = append(es, invalid("currency", "rate.usd"))
	} else if _, err := ParseCurrency(string(r.Currency)); err != nil {
		es = append(es, err.(*Error))
	}
	if !r.USD.IsPositive() {
		es = append(es, invalid("usd", "amount.positive"))
	}
	if r.On.IsZero() {
		es = append(es, invalid("on", "date.required"))
	}
	return es.orNil()
}

// RateOn finds the rate of a currency in force on a date: the latest one on or before
// it. USD is always 1. ok is false when none is kept.
func RateOn(rates []Rate, c Currency, on time.Time) (decimal.Decimal, bool) {
	if c == USD {
		return decimal.NewFromInt(1), true
	}
	var best *Rate
	for i := range rates {
		r := &rates[i]
		if r.Currency != c || r.On.After(on) {
			continue
		}
		if best == nil || r.On.After(best.On) {
			best = r
		}
	}
	if best == nil {
		return decimal.Decimal{}, false
	}
	return best.USD, true
}

// ToUSD converts an amount at a rate (美元 per unit), to the cent.
func ToUSD(amount, rate decimal.Decimal) decimal.Decimal {
	return amount.Mul(rate).Round(2)
}

// FromUSD converts an amount in 美元 to a currency at that currency's rate, to the cent.
func FromUSD(usd, rate decimal.Decimal) decimal.Decimal {
	if rate.IsZero() {
		return decimal.Zero
	}
	return usd.DivRound(rate, 2)
}

// SortRates orders rates by currency, then newest first, as the rate table shows them.
func SortRates(rs []Rate) {
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].Currency != rs[j].Currency {
			return rs[i].Currency < rs[j].Currency
		}
		return rs[i].On.After(rs[j].On)
	})
}

// Funds is money that arrived for a project (到资): a dated amount in its currency, and
// what it was worth in 美元 at the rate in force that day, kept on the record so that a
// later rate never rewrites a past figure.
type Funds struct {
	ID       int64           `json:"id"`
	LeadID   int64           `json:"lead_id"`
	On       time.Time       `json:"on"`
	Amount   decimal.Decimal `json:"amount"`
	Currency Currency        `json:"currency"`
	// Foreign marks foreign funds (外资), which count towards 实际利用外资.
	Foreign bool            `json:"foreign"`
	Rate    decimal.Decimal `json:"rate"` // 美元 per unit, as used
	USD     decimal.Decimal `json:"usd"`
	Note    string          `json:"note,omitempty"`
	By      int64           `json:"by,omitempty"`
	At      time.Time       `json:"at"`
}

// MaxAmount bounds every amount lantu keeps (the bound the report import applies).
var MaxAmount = decimal.New(1, 15)

// PriceFunds validates funds and fills in the rate and the 美元 amount from the rate table.
func PriceFunds(f *Funds, rates []Rate) error {
	var es Errors
	if !f.Amount.IsPositive() {
		es = append(es, invalid("amount", "amount.positive"))
	} else if f.Amount.GreaterThan(MaxAmount) {
		es = append(es, invalid("amount", "amount.too_large", MaxAmount.String()))
	}
	if f.On.IsZero() {
		es = append(es, invalid("on", "date.required"))
	}
	if _, err := ParseCurrency(string(f.Currency)); err != nil {
		es = append(es, err.(*Error))
	}
	if len(es) > 0 {
		return es
	}
	rate, ok := RateOn(rates, f.Currency, f.On)
	if !ok {
		return invalid("currency", "rate.missing", string(f.Currency), f.On.Format(time.DateOnly))
	}
	f.Rate, f.USD = rate, ToUSD(f.Amount, rate)
	return nil
}
