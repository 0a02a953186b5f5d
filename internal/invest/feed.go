package invest

import (
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
)

// Metric is what a pipeline-fed indicator counts.
type Metric string

const (
	// MetricReached counts the leads that reached a stage (签约, 落地, 开工 or 投产, or a
	// later one) this year: 10个项目落地.
	MetricReached Metric = "reached"
	// MetricSigned sums the planned investment of the leads signed this year.
	MetricSigned Metric = "signed_investment"
	// MetricFunds sums the funds arrived this year (到资), all currencies.
	MetricFunds Metric = "funds"
	// MetricForeignFunds sums the foreign funds arrived this year: 实际利用外资, in 美元.
	MetricForeignFunds Metric = "foreign_funds"
)

// Metrics are the metrics lantu knows.
var Metrics = []Metric{MetricReached, MetricSigned, MetricFunds, MetricForeignFunds}

// Feed makes an indicator's figures come from the pipeline instead of reports.
type Feed struct {
	IndicatorID int64  `json:"indicator_id"`
	Metric      Metric `json:"metric"`
	Stage       Stage  `json:"stage,omitempty"` // for MetricReached
}

// Validate checks a feed against the indicator it feeds: a known metric, a stage from
// 签约 on for a count, a count unit (个/项) for a count and a money unit for an amount,
// and figures that are year-to-date totals.
func (f Feed) Validate(ind plan.Indicator) error {
	var es Errors
	if !slices.Contains(Metrics, f.Metric) {
		es = append(es, invalid("metric", "feed.metric", string(f.Metric)))
	}
	if f.Metric == MetricReached && (f.Stage.Rank() < StageSigned.Rank()) {
		es = append(es, invalid("stage", "feed.stage", string(f.Stage)))
	}
	_, _, money := UnitCurrency(ind.Unit)
	if f.Metric == MetricReached && money {
		es = append(es, invalid("metric", "feed.unit", ind.Unit))
	}
	if f.Metric != MetricReached && !money {
		es = append(es, invalid("metric", "feed.unit", ind.Unit))
	}
	if ind.Kind != plan.KindLevel || ind.Accumulation != plan.Cumulative {
		es = append(es, invalid("indicator", "feed.kind", ind.Code))
	}
	return es.orNil()
}

// UnitCurrency reads a money unit: the currency and the scale of one unit (万元: CNY,
// 10000). money is false for any other unit (个, 公里 …).
func UnitCurrency(unit string) (c Currency, scale decimal.Decimal, money bool) {
	u := strings.TrimSpace(unit)
	scale = decimal.NewFromInt(1)
	switch {
	case strings.HasPrefix(u, "万"):
		scale, u = decimal.NewFromInt(10000), strings.TrimPrefix(u, "万")
	case strings.HasPrefix(u, "亿"):
		scale, u = decimal.NewFromInt(100000000), strings.TrimPrefix(u, "亿")
	}
	switch u {
	case "元", "人民币":
		return CNY, scale, true
	case "美元":
		return USD, scale, true
	}
	return "", decimal.Decimal{}, false
}

// Source is one thing a fed figure counts: a lead, or funds of a lead, with its date and
// what it adds in the indicator's unit.
type Source struct {
	Kind   string          `json:"kind"` // "lead" or "funds"
	ID     int64           `json:"id"`
	LeadID int64           `json:"lead_id"`
	Name   string          `json:"name"`
	On     time.Time       `json:"on"`
	Value  decimal.Decimal `json:"value"`
}

// Figure is a fed indicator's year-to-date figure at the end of a day, and what makes it.
type Figure struct {
	Value   decimal.Decimal `json:"value"`
	Sources []Source        `json:"sources"`
}

// LeadHistory is a lead with its moves and funds, what a feed computes from.
type LeadHistory struct {
	Lead  Lead
	Moves []Move
	Funds []Funds
}

// Compute is a feed's figure for year from 1 January to the end of the day upTo, in the
// indicator's unit. Amounts in another currency than the unit's are converted through
// 美元 at the rates of their own dates (funds keep the rate they were recorded at); an
// amount that cannot be converted is an error naming it.
func Compute(f Feed, unit string, year int, upTo time.Time, leads []LeadHistory, rates []Rate) (Figure, error) {
	from := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	in := func(d time.Time) bool { return !d.Before(from) && !d.After(upTo) && d.Year() == year }
	cur, scale, _ := UnitCurrency(unit)
	out := Figure{Value: decimal.Zero, Sources: []Source{}}
	// convert turns an amount (in c, or in 美元 when usd is set) into the unit.
	convert := func(amount decimal.Decimal, c Currency, usd *decimal.Decimal, on time.Time) (decimal.Decimal, error) {
		v := amount
		if c != cur {
			var inUSD decimal.Decimal
			if usd != nil {
				inUSD = *usd
			} else {
				r, ok := RateOn(rates, c, on)
				if !ok {
					return v, invalid("currency", "rate.missing", string(c), on.Format(time.DateOnly))
				}
				inUSD = ToUSD(amount, r)
			}
			v = inUSD
			if cur != USD {
				r, ok := RateOn(rates, cur, on)
				if !ok {
					return v, invalid("currency", "rate.missing", string(cur), on.Format(time.DateOnly))
				}
				v = FromUSD(inUSD, r)
			}
		}
		return v.Div(scale), nil
	}
	for _, h := range leads {
		switch f.Metric {
		case MetricReached, MetricSigned:
			stage := f.Stage
			if f.Metric == MetricSigned {
				stage = StageSigned
			}
			on, ok := Reached(h.Moves, stage)
			if !ok || !in(on) {
				continue
			}
			v := decimal.NewFromInt(1)
			if f.Metric == MetricSigned {
				if h.Lead.PlannedInvestment == nil {
					continue
				}
				var err error
				if v, err = convert(*h.Lead.PlannedInvestment, h.Lead.Currency, nil, on); err != nil {
					return out, err
				}
			}
			out.Value = out.Value.Add(v)
			out.Sources = append(out.Sources, Source{Kind: "lead", ID: h.Lead.ID, LeadID: h.Lead.ID, Name: h.Lead.Name, On: on, Value: v})
		case MetricFunds, MetricForeignFunds:
			for _, fu := range h.Funds {
				if !in(fu.On) || (f.Metric == MetricForeignFunds && !fu.Foreign) {
					continue
				}
				usd := fu.USD
				v, err := convert(fu.Amount, fu.Currency, &usd, fu.On)
				if err != nil {
					return out, err
				}
				out.Value = out.Value.Add(v)
				out.Sources = append(out.Sources, Source{Kind: "funds", ID: fu.ID, LeadID: h.Lead.ID, Name: h.Lead.Name, On: fu.On, Value: v})
			}
		}
	}
	slices.SortStableFunc(out.Sources, func(a, b Source) int { return a.On.Compare(b.On) })
	return out, nil
}

// FedPeriods are the periods of an indicator's year a fed figure is kept for: each one
// begun by the moment now (China date), so the status engine sees the same path a
// department's monthly reports would give.
func FedPeriods(freq plan.Frequency, year int, now time.Time) []progress.Period {
	today := DateOf(now)
	var out []progress.Period
	for _, p := range progress.PeriodsOf(freq, year) {
		if p.Start().After(today) {
			break
		}
		out = append(out, p)
	}
	return out
}
