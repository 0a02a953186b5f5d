package service

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/invest"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/xlsx"
)

// The investment centre's sheets: enterprises and projects in from .xlsx or CSV, whole
// or not at all with every bad cell named, and the pipeline out as .xlsx for a meeting.

// importColumn is a column of an import sheet: its field, and the headers it may have.
type importColumn struct {
	field   string
	headers []string
}

var enterpriseColumns = []importColumn{
	{"name", []string{"企业名称", "名称", "name"}},
	{"credit_code", []string{"统一社会信用代码", "信用代码", "credit_code", "credit code"}},
	{"hq_city", []string{"总部城市", "总部", "hq_city", "headquarters"}},
	{"kinds", []string{"企业类型", "类型", "kinds"}},
	{"settled", []string{"已在区内", "在区企业", "settled"}},
	{"park", []string{"园区", "park"}},
	{"links", []string{"产业链环节", "环节", "links", "link"}},
	{"owner", []string{"负责人", "owner"}},
	{"notes", []string{"备注", "notes"}},
}

var leadColumns = []importColumn{
	{"name", []string{"项目名称", "项目", "name"}},
	{"enterprise", []string{"企业", "企业名称", "enterprise"}},
	{"stage", []string{"阶段", "stage"}},
	{"stage_on", []string{"阶段日期", "日期", "stage_on", "since"}},
	{"planned_investment", []string{"计划投资", "计划投资额", "planned_investment"}},
	{"currency", []string{"币种", "currency"}},
	{"foreign", []string{"外资", "外资项目", "foreign"}},
	{"yearly_output", []string{"预计年产值", "yearly_output"}},
	{"yearly_tax", []string{"预计年税收", "yearly_tax"}},
	{"park", []string{"园区", "park"}},
	{"link", []string{"产业链环节", "环节", "link"}},
	{"owner", []string{"负责人", "owner"}},
	{"notes", []string{"备注", "notes"}},
}

// InvestImportResult says what an import created.
type InvestImportResult struct {
	Kind    string `json:"kind"` // "enterprises" or "leads"
	Created int    `json:"created"`
}

// errImportRefused rolls back an import that found problems.
var errImportRefused = errors.New("import refused")

// ImportInvest reads enterprises (kind "enterprises") or project leads ("leads") from the
// first sheet of an .xlsx workbook or a CSV, with a header line naming the columns (in
// Chinese or English), and creates them in one transaction: all of them, or, when any
// cell is wrong, none, and an xlsx.Errors naming every bad cell (in lang).
func (s *Service) ImportInvest(ctx context.Context, a Actor, kind string, data []byte, csv bool, lang string) (InvestImportResult, error) {
	res := InvestImportResult{Kind: kind}
	cols := enterpriseColumns
	if kind == "leads" {
		cols = leadColumns
	} else if kind != "enterprises" {
		return res, &auth.FieldError{Field: "kind", Code: "invalid", Message: fmt.Sprintf("%q: import enterprises or leads", kind)}
	}
	if a.UserID == 0 && !a.System {
		return res, auth.ErrUnauthenticated
	}
	sh, err := xlsx.ReadSheet(data, csv)
	if err != nil {
		return res, err
	}
	// The header: the first of the first 10 lines naming the name column.
	at, idx := -1, map[string]int{}
	for i := 0; i < len(sh.Lines) && i < 10 && at < 0; i++ {
		found := map[string]int{}
		for c, cell := range sh.Lines[i].Cells {
			h := xlsx.FoldHeader(cell)
			for _, col := range cols {
				for _, name := range col.headers {
					if _, dup := found[col.field]; !dup && h == xlsx.FoldHeader(name) {
						found[col.field] = c
					}
				}
			}
		}
		if _, ok := found["name"]; ok {
			at, idx = i, found
		}
	}
	if at < 0 {
		return res, xlsx.Errors{{Sheet: sh.Name, Row: 1, Reason: fmt.Sprintf(i18n.T(lang, "invest.import.noheader"), cols[0].headers[0])}}
	}
	var problems xlsx.Errors
	fail := func(l xlsx.Line, field, reason string) {
		c, ok := idx[field]
		e := xlsx.CellError{Sheet: sh.Name, Row: l.N, Field: field, Reason: reason}
		if ok {
			e.Column, e.Value = xlsx.Column(c), l.Cell(c)
		}
		problems = append(problems, e)
	}
	cell := func(l xlsx.Line, field string) string {
		c, ok := idx[field]
		if !ok {
			return ""
		}
		return strings.TrimSpace(l.Cell(c))
	}
	// explain puts a use-case's refusal on the cells it concerns.
	explain := func(l xlsx.Line, err error) error {
		var ie *invest.Error
		var es invest.Errors
		var dup *invest.DuplicateError
		var fe *auth.FieldError
		switch {
		case errors.As(err, &dup):
			field := "name"
			if dup.By == "credit_code" {
				field = "credit_code"
			}
			fail(l, field, fmt.Sprintf(i18n.T(lang, "invest.duplicate"), dup.ExistingName, i18n.T(lang, "invest.duplicate."+dup.By)))
		case errors.As(err, &es):
			for _, e := range es {
				fail(l, e.Field, i18n.InvestError(lang, e.Code, e.Args...))
			}
		case errors.As(err, &ie):
			fail(l, ie.Field, i18n.InvestError(lang, ie.Code, ie.Args...))
		case errors.As(err, &fe):
			fail(l, fe.Field, fe.Message)
		case errors.Is(err, auth.ErrForbidden), errors.Is(err, auth.ErrUnauthenticated):
			return err
		default:
			return err
		}
		return nil
	}
	err = s.store.WithTx(ctx, func(ctx context.Context) error {
		region, err := s.investRegion(ctx, a)
		if err != nil {
			return err
		}
		links, err := s.store.Links(ctx, 0, region)
		if err != nil {
			return err
		}
		chains, err := s.store.Chains(ctx, region)
		if err != nil {
			return err
		}
		chainCode := map[int64]string{}
		for _, c := range chains {
			chainCode[c.ID] = c.Code
		}
		// A link is named by chain/code (nev/light-chassis), by code, or by its name.
		findLink := func(l xlsx.Line, field, s string) (int64, bool) {
			var hit []int64
			for _, k := range links {
				if s == chainCode[k.ChainID]+"/"+k.Code || s == k.Code || s == k.Name {
					hit = append(hit, k.ID)
				}
			}
			if len(hit) != 1 {
				fail(l, field, i18n.InvestError(lang, "link.unknown", s))
				return 0, false
			}
			return hit[0], true
		}
		amount := func(l xlsx.Line, field string) (*decimal.Decimal, bool) {
			v := cell(l, field)
			if v == "" {
				return nil, true
			}
			d, err := decimal.NewFromString(strings.ReplaceAll(v, ",", ""))
			if err != nil {
				fail(l, field, i18n.T(lang, "invest.import.number"))
				return nil, false
			}
			return &d, true
		}
		yes := func(v string) bool {
			switch strings.ToLower(v) {
			case "是", "y", "yes", "true", "1", "√":
				return true
			}
			return false
		}
		for _, l := range sh.Lines[at+1:] {
			blank := true
			for _, c := range l.Cells {
				blank = blank && strings.TrimSpace(c) == ""
			}
			if blank {
				continue
			}
			before := len(problems)
			if kind == "enterprises" {
				in := EnterpriseInput{Name: cell(l, "name"), CreditCode: cell(l, "credit_code"), HQCity: cell(l, "hq_city"), Park: cell(l, "park"),
					Notes: cell(l, "notes"), Owner: cell(l, "owner"), Settled: yes(cell(l, "settled"))}
				if k, err := invest.ParseKinds(cell(l, "kinds")); err != nil {
					if err := explain(l, err); err != nil {
						return err
					}
				} else {
					in.Kinds = k
				}
				for _, n := range strings.FieldsFunc(cell(l, "links"), func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == ';' }) {
					if id, ok := findLink(l, "links", strings.TrimSpace(n)); ok {
						in.LinkIDs = append(in.LinkIDs, id)
					}
				}
				if len(problems) > before {
					continue
				}
				if _, err := s.CreateEnterprise(ctx, a, in); err != nil {
					if err := explain(l, err); err != nil {
						return err
					}
					continue
				}
			} else {
				in := LeadInput{Name: cell(l, "name"), Park: cell(l, "park"), Notes: cell(l, "notes"), Owner: cell(l, "owner"), Foreign: yes(cell(l, "foreign"))}
				if v := cell(l, "stage"); v != "" {
					st, err := invest.ParseStage(v)
					if err != nil {
						if err := explain(l, err); err != nil {
							return err
						}
					}
					in.Stage = st
				}
				if v := cell(l, "stage_on"); v != "" {
					d, err := invest.ParseDate("stage_on", v)
					if err != nil {
						if err := explain(l, err); err != nil {
							return err
						}
					}
					in.StageOn = d
				}
				if v := cell(l, "currency"); v != "" {
					c, err := invest.ParseCurrency(v)
					if err != nil {
						if err := explain(l, err); err != nil {
							return err
						}
					}
					in.Currency = c
				}
				var ok bool
				if in.PlannedInvestment, ok = amount(l, "planned_investment"); !ok {
					continue
				}
				if in.YearlyOutput, ok = amount(l, "yearly_output"); !ok {
					continue
				}
				if in.YearlyTax, ok = amount(l, "yearly_tax"); !ok {
					continue
				}
				if v := cell(l, "link"); v != "" {
					in.LinkID, _ = findLink(l, "link", v)
				}
				if v := cell(l, "enterprise"); v != "" {
					es, err := s.store.SimilarEnterprises(ctx, region, invest.NormalizeCreditCode(v), invest.NormalizeName(v))
					if err != nil {
						return err
					}
					if len(es) != 1 {
						fail(l, "enterprise", i18n.InvestError(lang, "enterprise.unknown", v))
					} else {
						in.EnterpriseID = es[0].ID
					}
				}
				if len(problems) > before {
					continue
				}
				if _, err := s.CreateLead(ctx, a, in); err != nil {
					if err := explain(l, err); err != nil {
						return err
					}
					continue
				}
			}
			res.Created++
		}
		if len(problems) > 0 {
			return errImportRefused
		}
		return s.record(ctx, a, region, "invest.import", kind, 0, nil, res, fmt.Sprintf("%d rows", res.Created))
	})
	if len(problems) > 0 {
		problems.Sort()
		return InvestImportResult{Kind: kind}, problems
	}
	if err != nil {
		return InvestImportResult{Kind: kind}, err
	}
	return res, nil
}

// WritePipelineXLSX writes the pipeline the actor may see as an .xlsx workbook for a
// meeting: every project with its stage, dates, amounts and funds, and a count by stage.
func (s *Service) WritePipelineXLSX(ctx context.Context, a Actor, lang string, w io.Writer) error {
	leads, err := s.Leads(ctx, a, store.LeadFilter{})
	if err != nil {
		return err
	}
	ids := make([]int64, len(leads))
	for i, l := range leads {
		ids[i] = l.ID
	}
	funds, err := s.store.Funds(ctx, 0, ids)
	if err != nil {
		return err
	}
	arrived := map[int64]decimal.Decimal{}
	for _, f := range funds {
		arrived[f.LeadID] = arrived[f.LeadID].Add(f.USD)
	}
	T := func(k string) string { return i18n.T(lang, k) }
	main := xlsx.Table{Sheet: T("invest.pipeline"), Title: T("invest.title") + " — " + T("invest.pipeline") + " " + s.Now().In(China).Format(time.DateOnly),
		Header: []string{T("invest.lead"), T("invest.enterprise"), T("invest.stage"), T("invest.stage_on"), T("invest.planned"), T("invest.currency"),
			T("invest.foreign"), T("invest.park"), T("invest.owner"), T("invest.funds.usd"), T("invest.notes")},
		Widths: []float64{30, 28, 10, 12, 16, 8, 8, 18, 10, 16, 30}}
	count := map[invest.Stage]int{}
	for _, l := range leads {
		count[l.Stage]++
		foreign := ""
		if l.Foreign {
			foreign = "是"
			if lang == "en" {
				foreign = "yes"
			}
		}
		usd := arrived[l.ID]
		var usdCell *decimal.Decimal
		if !usd.IsZero() {
			usdCell = &usd
		}
		stage := T("invest.stage." + string(l.Stage))
		if l.Stage == invest.StageTerminated && l.Reason != "" {
			stage += "（" + l.Reason + "）"
		}
		notes := l.Notes
		if l.Illustrative {
			notes = strings.TrimSpace(notes + " " + T("invest.illustrative"))
		}
		main.Rows = append(main.Rows, []xlsx.Value{xlsx.Text(l.Name), xlsx.Text(l.Enterprise), xlsx.Text(stage), xlsx.Text(l.StageOn.Format(time.DateOnly)),
			xlsx.Num(l.PlannedInvestment), xlsx.Text(string(l.Currency)), xlsx.Text(foreign), xlsx.Text(l.Park), xlsx.Text(l.OwnerName), xlsx.Num(usdCell), xlsx.Text(notes)})
	}
	byStage := xlsx.Table{Sheet: T("invest.stage"), Title: T("invest.pipeline"), Header: []string{T("invest.stage"), T("invest.leads")}, Widths: []float64{14, 10}}
	for _, st := range append(append([]invest.Stage{}, invest.Stages...), invest.StageTerminated) {
		n := decimal.NewFromInt(int64(count[st]))
		byStage.Rows = append(byStage.Rows, []xlsx.Value{xlsx.Text(T("invest.stage." + string(st))), xlsx.Num(&n)})
	}
	return xlsx.WriteTables(w, []xlsx.Table{main, byStage})
}
