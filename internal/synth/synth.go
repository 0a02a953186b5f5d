// Package synth makes synthetic but realistic districts for load tests and benchmarks
// (`lantu gen`): a plan per district with zones, programs, departments and indicators of
// every kind and frequency, and years of reports in every state of the review workflow.
// It is deterministic for a seed and knows nothing of SQL: the service writes what it
// makes.
package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
)

// Options say how big a district is.
type Options struct {
	Indicators int // per district
	Years      int // of reports: the plan year and Years-1 before it
	Year       int // the plan year
	// Now is the moment the data is made at: periods not yet due are partly reported,
	// periods past due are mostly approved, some overdue.
	Now  time.Time
	Seed uint64
}

var (
	zoneNames = []string{"创新驱动示范区", "开放发展示范区", "城市更新示范区", "绿色低碳示范区", "共同富裕示范区", "数字经济示范区"}
	deptNames = []struct{ code, name string }{
		{"drc", "区发展改革委"}, {"commerce", "区商务委"}, {"science", "区科技局"}, {"hr", "区人力社保局"},
		{"economy", "区经济信息委"}, {"investment", "区招商投资促进中心"}, {"construction", "区住房城乡建委"},
		{"urban", "区城市管理局"}, {"finance", "区财政局"}, {"stats", "区统计局"}, {"education", "区教委"},
		{"health", "区卫生健康委"}, {"ecology", "区生态环境局"}, {"transport", "区交通局"}, {"culture", "区文化旅游委"},
		{"agri", "区农业农村委"}, {"civil", "区民政局"}, {"market", "区市场监管局"}, {"planning", "区规划自然资源局"},
		{"water", "区水利局"}, {"emergency", "区应急局"}, {"bigdata", "区大数据发展局"}, {"sports", "区体育局"},
		{"retire", "区退役军人事务局"},
	}
	programWords = []string{"工程", "计划", "行动", "专项"}
	topics       = []string{"科技创新", "产业升级", "对外开放", "城市提升", "生态治理", "民生保障", "数字赋能", "人才集聚", "乡村振兴", "营商环境"}
)

// indicator templates: name, unit, kind, accumulation, frequency, direction, magnitude.
type template struct {
	name  string
	unit  string
	kind  plan.Kind
	acc   plan.Accumulation
	freq  plan.Frequency
	dir   plan.Direction
	scale float64 // a typical year's figure
}

var templates = []template{
	{"规上工业总产值", "元", plan.KindLevel, plan.Cumulative, plan.Monthly, plan.Higher, 8e10},
	{"固定资产投资", "元", plan.KindLevel, plan.Cumulative, plan.Monthly, plan.Higher, 3e10},
	{"社会消费品零售总额", "元", plan.KindLevel, plan.Cumulative, plan.Monthly, plan.Higher, 5e10},
	{"实际利用外资", "美元", plan.KindLevel, plan.Cumulative, plan.Quarterly, plan.Higher, 8e8},
	{"新增科技型企业", "家", plan.KindLevel, plan.Periodic, plan.Monthly, plan.Higher, 300},
	{"新引进硕士博士人才", "人", plan.KindLevel, plan.Periodic, plan.Quarterly, plan.Higher, 1200},
	{"铁路提单信用证业务", "单", plan.KindLevel, plan.Periodic, plan.Monthly, plan.Higher, 300},
	{"新建城市道路", "公里", plan.KindLevel, plan.Cumulative, plan.Quarterly, plan.Higher, 25},
	{"城镇新增就业", "人", plan.KindLevel, plan.Cumulative, plan.Monthly, plan.Higher, 20000},
	{"在册市场主体", "户", plan.KindLevel, plan.Stock, plan.Monthly, plan.Higher, 90000},
	{"地区生产总值增速", "%", plan.KindGrowth, plan.Cumulative, plan.Quarterly, plan.Higher, 6},
	{"进出口总额增速", "%", plan.KindGrowth, plan.Cumulative, plan.Monthly, plan.Higher, 8},
	{"一般公共预算收入增速", "%", plan.KindGrowth, plan.Cumulative, plan.Monthly, plan.Higher, 5},
	{"研发经费投入强度", "%", plan.KindShare, plan.Stock, plan.Yearly, plan.Higher, 3},
	{"空气质量优良天数比例", "%", plan.KindShare, plan.Stock, plan.Monthly, plan.Higher, 85},
	{"城镇调查失业率", "%", plan.KindShare, plan.Stock, plan.Quarterly, plan.Lower, 5},
	{"单位GDP能耗下降", "%", plan.KindShare, plan.Stock, plan.Yearly, plan.Higher, 3},
	{"重点项目建成投用", "", plan.KindMilestone, plan.Stock, plan.Quarterly, plan.Higher, 0},
}

// District is one synthetic district: its plan and, by indicator code, its reports.
type District struct {
	Plan *plan.Plan
	rng  *rand.Rand
	opts Options
	spec map[string]indSpec
}

// indSpec is how an indicator's figures behave over the years.
type indSpec struct {
	tpl    template
	base   float64 // the first year's figure
	growth float64 // per year
	// quality: how well the department does this year (1 = as planned).
	quality float64
	doneIn  int // milestone: the quarter it is done in (5: not this year)
}

// NewDistrict makes district number n (from 1) of a generated city.
func NewDistrict(n int, o Options) *District {
	rng := rand.New(rand.NewPCG(o.Seed, uint64(n)))
	d := &District{rng: rng, opts: o, spec: map[string]indSpec{}}
	code := fmt.Sprintf("9%05d", n)
	p := &plan.Plan{
		Region:   plan.Region{Code: code, Name: fmt.Sprintf("合成区%03d", n), ParentCode: "900000"},
		Year:     o.Year,
		Title:    fmt.Sprintf("合成区%03d%d年发展计划（合成数据）", n, o.Year),
		Settings: plan.DefaultSettings(),
	}
	ndept := min(len(deptNames), max(4, o.Indicators/20))
	for i := range ndept {
		p.Departments = append(p.Departments, plan.Department{Code: deptNames[i].code, Name: deptNames[i].name, Inferred: true})
	}
	nzones := min(len(zoneNames), max(1, o.Indicators/80+2))
	perProgram := 12
	nprograms := max(1, (o.Indicators+perProgram-1)/perProgram)
	for z := range nzones {
		p.Zones = append(p.Zones, plan.Zone{Code: fmt.Sprintf("z%d", z+1), Name: zoneNames[z], Position: z})
	}
	for i := range nprograms {
		z := &p.Zones[i%nzones]
		t := topics[rng.IntN(len(topics))]
		z.Programs = append(z.Programs, plan.Program{Code: fmt.Sprintf("p%d", i+1),
			Name: fmt.Sprintf("%s%s第%d%s", t, programWords[i%len(programWords)], i+1, "期"), Position: len(z.Programs)})
	}
	programs := []*plan.Program{}
	for zi := range p.Zones {
		for pi := range p.Zones[zi].Programs {
			programs = append(programs, &p.Zones[zi].Programs[pi])
		}
	}
	for i := range o.Indicators {
		pr := programs[i%len(programs)]
		tpl := templates[rng.IntN(len(templates))]
		ind := plan.Indicator{
			Code: fmt.Sprintf("i%05d", i+1), Name: fmt.Sprintf("%s（%s）", tpl.name, pr.Name), Unit: tpl.unit, Kind: tpl.kind,
			Direction: tpl.dir, Qualifier: plan.QualAtLeast, Period: fmt.Sprint(o.Year), Frequency: tpl.freq, Accumulation: tpl.acc,
			DeptCode: p.Departments[rng.IntN(len(p.Departments))].Code, Public: rng.IntN(10) < 8, Position: len(pr.Indicators),
		}
		if tpl.dir == plan.Lower {
			ind.Qualifier = plan.QualAtMost
		}
		sp := indSpec{tpl: tpl, base: tpl.scale * (0.3 + rng.Float64()*1.4), growth: 0.02 + rng.Float64()*0.1,
			quality: 0.75 + rng.Float64()*0.35, doneIn: 1 + rng.IntN(5)}
		yearFigure := sp.base * math.Pow(1+sp.growth, float64(o.Years-1))
		switch tpl.kind {
		case plan.KindMilestone:
			ind.Qualifier = plan.QualExact
			ind.Frequency = plan.Quarterly
			ind.Due = fmt.Sprintf("%d-%02d-%02d", o.Year, 3*(1+rng.IntN(4)), 28)
		case plan.KindGrowth:
			target := decimal.NewFromFloat(tpl.scale * (0.8 + rng.Float64()*0.4)).Round(1)
			ind.Target = &target
			ind.Baseline = &plan.Figure{Period: fmt.Sprint(o.Year - 1)}
		case plan.KindShare:
			target := decimal.NewFromFloat(tpl.scale * (0.9 + rng.Float64()*0.2)).Round(1)
			ind.Target = &target
		default:
			target := decimal.NewFromFloat(yearFigure * (1 + sp.growth)).Round(0)
			if rng.IntN(12) == 0 {
				ind.Qualifier = plan.QualAbout
			}
			ind.Target = &target
			if tpl.acc == plan.Stock {
				b := decimal.NewFromFloat(yearFigure).Round(0)
				ind.Baseline = &plan.Figure{Value: &b, Period: fmt.Sprint(o.Year - 1)}
			}
		}
		if rng.IntN(25) == 0 && ind.Kind != plan.KindMilestone {
			ind.Target = nil // a context figure: progress only
			ind.Baseline = nil
		}
		pr.Indicators = append(pr.Indicators, ind)
		d.spec[ind.Code] = sp
	}
	d.Plan = p
	return d
}

// seasonal is the share of a year's figure made in each month: slow in January and
// February (the Spring Festival), a push at the end of each quarter and of the year.
var seasonal = func() [13]float64 {
	w := [13]float64{0, 0.055, 0.05, 0.085, 0.075, 0.08, 0.095, 0.075, 0.08, 0.095, 0.08, 0.09, 0.14}
	sum := 0.0
	for m := 1; m <= 12; m++ {
		sum += w[m]
	}
	for m := 1; m <= 12; m++ {
		w[m] /= sum
	}
	return w
}()

// Reports makes an indicator's reports (the indicator as stored, with its id) over the
// years asked: past years approved (a few corrected: the correction approved, the first
// revision kept), this year's due periods mostly approved and some submitted, rejected,
// still in draft or missing (overdue), periods not yet due partly handed in.
// Corrections come last and name the report they supersede by period (Supersedes is
// set by the caller once ids are known: see Superseded).
func (d *District) Reports(ind plan.Indicator) []progress.Report {
	sp, ok := d.spec[ind.Code]
	if !ok {
		return nil
	}
	rng := d.rng
	cal := progress.NewCalendar(ind.Frequency, d.Plan.Settings)
	now := d.opts.Now
	var out, corrections []progress.Report
	for y := d.opts.Year - d.opts.Years + 1; y <= d.opts.Year; y++ {
		yearFigure := sp.base * math.Pow(1+sp.growth, float64(y-(d.opts.Year-d.opts.Years+1)))
		if y == d.opts.Year {
			yearFigure *= sp.quality
		}
		ytd, lastYTD := 0.0, 0.0
		for _, per := range progress.PeriodsOf(ind.Frequency, y) {
			due := cal.Due(per)
			if per.End().After(now) {
				break
			}
			share := 0.0
			for m := per.FirstMonth(); m <= per.LastMonth(); m++ {
				share += seasonal[m]
			}
			own := yearFigure * share * (0.9 + rng.Float64()*0.2)
			ytd += own
			lastYTD += own / (1 + sp.growth) * (0.95 + rng.Float64()*0.1)
			r := progress.NewReport(ind, per, 0, due.Add(-5*24*time.Hour))
			r.IndicatorID = ind.ID
			switch ind.Kind {
			case plan.KindMilestone:
				r.Done = per.Index() >= sp.doneIn
				r.Note = "按计划推进"
			case plan.KindGrowth:
				a, l := decimal.NewFromFloat(ytd).Round(0), decimal.NewFromFloat(lastYTD).Round(0)
				if l.Sign() <= 0 {
					l = decimal.NewFromInt(1)
				}
				r.Amount, r.LastYear = &a, &l
				if g, ok := progress.GrowthRate(a, l); ok {
					r.Value = g.Round(2)
				}
			case plan.KindShare:
				v := sp.tpl.scale * sp.quality * (0.95 + rng.Float64()*0.1)
				r.Value = decimal.NewFromFloat(min(v, 100)).Round(2)
			default:
				switch ind.Accumulation {
				case plan.Cumulative:
					r.Value = decimal.NewFromFloat(ytd).Round(0)
				case plan.Periodic:
					r.Value = decimal.NewFromFloat(own).Round(0)
				case plan.Stock:
					r.Value = decimal.NewFromFloat(yearFigure * (1 + sp.growth*float64(per.LastMonth())/12)).Round(0)
				}
			}
			d.settle(&r, due, now)
			if r.State == "" {
				continue // never handed in: overdue
			}
			if r.State == progress.StateApproved && y < d.opts.Year && rng.IntN(40) == 0 {
				c, _ := progress.Correct(r, 0, r.ReviewedAt.Add(30*24*time.Hour))
				c.Value = c.Value.Mul(decimal.NewFromFloat(1.01)).Round(2)
				c.State, c.SubmittedAt, c.ReviewedAt = progress.StateApproved, c.CreatedAt.Add(24*time.Hour), c.CreatedAt.Add(48*time.Hour)
				c.Note = "更正：统计部门核定数"
				corrections = append(corrections, c)
			}
			out = append(out, r)
		}
	}
	return append(out, corrections...)
}

// settle puts a report in a state as of now: handed in around its due date, reviewed a
// few days later; the latest periods still under way.
func (d *District) settle(r *progress.Report, due, now time.Time) {
	rng := d.rng
	submitted := due.Add(-time.Duration(rng.IntN(8*24)) * time.Hour)
	if rng.IntN(12) == 0 {
		submitted = due.Add(time.Duration(1+rng.IntN(6*24)) * time.Hour) // late
	}
	if submitted.After(now) {
		submitted = now.Add(-time.Hour)
	}
	reviewed := submitted.Add(time.Duration(24+rng.IntN(5*24)) * time.Hour)
	lockDate := due.AddDate(0, 0, d.Plan.Settings.LockAfterDays)
	x := rng.IntN(100)
	switch {
	case lockDate.Before(now) && x < 95, !lockDate.Before(now) && reviewed.Before(now) && x < 70:
		r.State, r.SubmittedAt, r.ReviewedAt, r.Version = progress.StateApproved, submitted, reviewed, 3
	case lockDate.Before(now) && x < 97:
		return // overdue: never handed in
	case x < 85 || lockDate.Before(now) && x < 98:
		r.State, r.SubmittedAt, r.Version = progress.StateSubmitted, submitted, 2
		r.Cause, r.Remedy = "受季节因素影响", "加强调度，按月督办"
	case x < 92:
		r.State, r.Version = progress.StateDraft, 1
	default:
		r.State, r.SubmittedAt, r.ReviewedAt, r.Version = progress.StateRejected, submitted, reviewed, 3
		r.RejectReason = "数据口径与统计部门不一致，请核实"
	}
}
