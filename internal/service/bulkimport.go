package service

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/audit"
	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/store"
	"github.com/lantu-dev/lantu/internal/xlsx"
)

// The bulk path: an administrator loads a large CSV of reports (a city's history, a
// migration from another system) in one transaction — streamed, never held whole in
// memory — or not at all. The workbook import (ImportReports) stays the path for a
// department's monthly form; this one is for millions of rows.
//
// Columns, named in a header row (any order): indicator_id, period, value, and optional
// cumulative (true/false), last_year, amount, note, state (approved — the default —,
// submitted or draft). Each row is checked like a report (period of the indicator's
// frequency, in its plan's year or the one before, figures bounded); a row whose
// indicator and period already have a report, in the file or the database, is refused.

// bulkMaxProblems is how many problems a refused file lists.
const bulkMaxProblems = 100

// BulkSummary says what a bulk import wrote.
type BulkSummary struct {
	Rows       int64
	Indicators int
}

// parseFigure reads a plain decimal (digits, one point, a leading sign): no exponent,
// no Inf or NaN, under 10^15, at most 10 decimal places.
func parseFigure(s string) (decimal.Decimal, string) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 40 {
		return decimal.Zero, "not_number"
	}
	for i, c := range s {
		if !(c >= '0' && c <= '9' || c == '.' || (c == '-' || c == '+') && i == 0) {
			return decimal.Zero, "not_number"
		}
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Zero, "not_number"
	}
	var fe *progress.FigureError
	if err := progress.CheckFigure(d); errors.As(err, &fe) && fe.Code == progress.FigureTooLarge { // the one bound for figures
		return decimal.Zero, "too_large"
	} else if err != nil {
		return decimal.Zero, "not_number"
	}
	if -d.Exponent() > 10 {
		return decimal.Zero, "decimals"
	}
	return d, ""
}

// BulkImportReports reads a CSV of reports from r and stores all of it or nothing.
func (s *Service) BulkImportReports(ctx context.Context, a Actor, r io.Reader) (BulkSummary, error) {
	if !a.System && !a.HasRole(auth.RoleAdmin) {
		return BulkSummary{}, fmt.Errorf("a bulk import is an administrator's: %w", auth.ErrForbidden)
	}
	inds, err := s.store.AllIndicators(ctx)
	if err != nil {
		return BulkSummary{}, err
	}
	byID := make(map[int64]store.IndicatorRow, len(inds))
	for _, ind := range inds {
		byID[ind.ID] = ind
	}
	years := map[int64]int{}
	for _, ind := range inds {
		if _, ok := years[ind.PlanID]; !ok {
			p, err := s.store.PlanHeader(ctx, ind.PlanID)
			if err != nil {
				return BulkSummary{}, err
			}
			years[ind.PlanID] = p.Year
		}
	}

	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return BulkSummary{}, xlsx.Errors{{Sheet: "CSV", Row: 1, Field: "header", Code: "header_missing"}}
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		switch h {
		case "indicator_id", "period", "value", "cumulative", "last_year", "amount", "note", "state":
			col[h] = i
		default:
			return BulkSummary{}, xlsx.Errors{{Sheet: "CSV", Row: 1, Field: h, Value: h, Code: "bulk_unknown_column"}}
		}
	}
	for _, need := range []string{"indicator_id", "period", "value"} {
		if _, ok := col[need]; !ok {
			return BulkSummary{}, xlsx.Errors{{Sheet: "CSV", Row: 1, Field: need, Code: "bulk_column_missing"}}
		}
	}
	field := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return rec[i]
		}
		return ""
	}

	// Each problem is a code with its values, said in the reader's language by the error
	// table (as an Excel or CSV upload's cells are).
	var problems xlsx.Errors
	fail := func(line int, f, code string, args ...any) {
		if len(problems) < bulkMaxProblems {
			problems = append(problems, xlsx.CellError{Sheet: "CSV", Row: line, Field: f, Code: code, Args: args})
		}
	}
	// (indicator, period) pairs seen, each with its line: a period is a year, quarter or
	// month, packed with the id into one word.
	seen := map[uint64]int32{}
	used := map[int64]bool{}
	touched := map[int64]bool{} // plans
	errRefused := errors.New("refused")
	next := func() (store.BulkRow, bool, error) {
		for {
			rec, err := cr.Read()
			line, _ := cr.FieldPos(0)
			if errors.Is(err, io.EOF) {
				if len(problems) > 0 {
					return store.BulkRow{}, false, errRefused
				}
				return store.BulkRow{}, false, nil
			}
			if err != nil {
				fail(line, "csv", "malformed_csv")
				return store.BulkRow{}, false, errRefused
			}
			if ctx.Err() != nil {
				return store.BulkRow{}, false, ctx.Err()
			}
			row, ok := s.bulkRow(rec, line, field, byID, years, a, fail)
			if ok {
				period, _ := progress.ParsePeriod(row.Period)
				key := uint64(row.IndicatorID)<<24 | uint64(period.Year())<<8 | uint64(period.Index())<<2 | periodKind(period)
				if first, dup := seen[key]; dup {
					fail(line, "period", "bulk_repeated", int(first))
					ok = false
				} else {
					seen[key] = int32(line)
				}
			}
			if len(problems) >= bulkMaxProblems {
				return store.BulkRow{}, false, errRefused
			}
			if !ok || len(problems) > 0 {
				continue // keep reading to name more problems; nothing more is written
			}
			used[row.IndicatorID] = true
			touched[byID[row.IndicatorID].PlanID] = true
			return row, true, nil
		}
	}
	entry := &audit.Entry{At: s.Now(), RegionID: a.RegionID, UserID: a.UserID, UserLogin: a.Login, Action: "report.bulk_import",
		Entity: "report", Address: a.Address}
	plans := func() []int64 {
		var ids []int64
		for id := range touched {
			ids = append(ids, id)
		}
		return ids
	}
	n, err := s.store.BulkReports(ctx, a.UserID, next, plans, entry)
	if errors.Is(err, errRefused) {
		return BulkSummary{}, problems
	}
	var dup *store.ErrBulkDuplicate
	if errors.As(err, &dup) {
		e := xlsx.CellError{Sheet: "CSV", Field: "period", Code: "bulk_exists", Args: []any{dup.IndicatorID, dup.Period}}
		if p, perr := progress.ParsePeriod(dup.Period); perr == nil {
			key := uint64(dup.IndicatorID)<<24 | uint64(p.Year())<<8 | uint64(p.Index())<<2 | periodKind(p)
			e.Row = int(seen[key])
		}
		return BulkSummary{}, xlsx.Errors{e}
	}
	if err != nil {
		return BulkSummary{}, err
	}
	return BulkSummary{Rows: n, Indicators: len(used)}, nil
}

func periodKind(p progress.Period) uint64 {
	switch p.Frequency() {
	case plan.Monthly:
		return 1
	case plan.Quarterly:
		return 2
	}
	return 3
}

// bulkRow checks one CSV row and makes the report to write.
func (s *Service) bulkRow(rec []string, line int, field func([]string, string) string, byID map[int64]store.IndicatorRow,
	years map[int64]int, a Actor, fail func(int, string, string, ...any)) (store.BulkRow, bool) {
	var row store.BulkRow
	id, err := strconv.ParseInt(strings.TrimSpace(field(rec, "indicator_id")), 10, 64)
	ind, known := byID[id]
	if err != nil || !known {
		fail(line, "indicator_id", "bulk_no_indicator", field(rec, "indicator_id"))
		return row, false
	}
	if !a.System && a.RegionID != 0 && ind.RegionID != a.RegionID {
		fail(line, "indicator_id", "bulk_not_your_region", id)
		return row, false
	}
	period, err := progress.ParsePeriod(strings.TrimSpace(field(rec, "period")))
	if err != nil {
		fail(line, "period", "period_invalid")
		return row, false
	}
	value, code := parseFigure(field(rec, "value"))
	if code != "" {
		fail(line, "value", code)
		return row, false
	}
	row = store.BulkRow{IndicatorID: id, Period: period.String(), Value: value, Note: strings.TrimSpace(field(rec, "note")), State: "approved",
		Cumulative: ind.Accumulation == plan.Cumulative}
	if v := strings.TrimSpace(field(rec, "cumulative")); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			fail(line, "cumulative", "bulk_true_false")
			return row, false
		}
		row.Cumulative = b
	}
	for _, f := range []struct {
		name string
		dst  **decimal.Decimal
	}{{"last_year", &row.LastYear}, {"amount", &row.Amount}} {
		if v := strings.TrimSpace(field(rec, f.name)); v != "" {
			d, code := parseFigure(v)
			if code != "" {
				fail(line, f.name, code)
				return row, false
			}
			*f.dst = &d
		}
	}
	switch st := strings.TrimSpace(field(rec, "state")); st {
	case "", "approved":
	case "submitted", "draft":
		row.State = st
	default:
		fail(line, "state", "bulk_state")
		return row, false
	}
	if len(row.Note) > 2000 {
		fail(line, "note", "bulk_note_too_long", 2000)
		return row, false
	}
	r := progress.Report{IndicatorID: id, Period: period, Value: value, Cumulative: row.Cumulative, LastYear: row.LastYear, Amount: row.Amount,
		Note: row.Note, State: progress.State(row.State), Version: 1, Revision: 1}
	if err := progress.Validate(r, ind.Indicator, years[ind.PlanID]); err != nil {
		var verrs progress.ValidationErrors
		if errors.As(err, &verrs) {
			for _, e := range verrs {
				fail(line, e.Field, "valid."+e.Code, e.Args...)
			}
		} else {
			fail(line, "value", "invalid_row", err.Error())
		}
		return row, false
	}
	return row, true
}
