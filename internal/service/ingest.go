package service

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/extract"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/store"
)

// MaxDocumentBytes bounds a document pasted or uploaded for ingest.
const MaxDocumentBytes = 8 << 20

// Ingested is a stored document with its cleaned paragraphs and the facts found in it.
type Ingested struct {
	PlanID     int64
	Doc        plan.Document
	Paragraphs []extract.Paragraph
	Facts      []extract.Fact
	Year       int
}

// IngestDocument decodes a document (UTF-8 or GBK text, HTML, .docx, PDF), keeps it with
// the plan so that every span taken from it can be opened later, and returns its key.
// date (YYYY-MM-DD) is the document's own date, which resolves 今年 and 去年; empty, it is
// a date found near the start of the text, else today.
func (s *Service) IngestDocument(ctx context.Context, a Actor, planID int64, title, filename, date string, data []byte) (plan.Document, error) {
	var doc plan.Document
	date = strings.TrimSpace(date)
	if date != "" {
		d, err := time.Parse(time.DateOnly, date)
		if err != nil || d.Year() < 1900 || d.Year() > 2200 {
			return doc, progress.ValidationErrors{{Field: "date", Message: fmt.Sprintf("日期“%s”应为 年-月-日，如 2025-03-05 / the date %q must be YYYY-MM-DD, e.g. 2025-03-05", date, date),
				Code: "ingest_date", Args: []any{date}}}
		}
	}
	if len(data) > MaxDocumentBytes {
		return doc, progress.ValidationErrors{{Field: "file", Message: fmt.Sprintf("文档超过 %d MB / the document is over %d MB", MaxDocumentBytes>>20, MaxDocumentBytes>>20),
			Code: "ingest_too_large", Args: []any{MaxDocumentBytes >> 20}}}
	}
	if strings.TrimSpace(string(data)) == "" {
		return doc, progress.ValidationErrors{{Field: "text", Message: "文档为空 / the document is empty", Code: "ingest_empty"}}
	}
	if filename == "" {
		filename = "pasted.txt"
	}
	text, _, err := extract.Decode(filename, data)
	var encErr *extract.EncodingError
	switch {
	case errors.As(err, &encErr):
		return doc, progress.ValidationErrors{{Field: "file", Message: fmt.Sprintf("%s：第 %d 字节（0x%02X）起既不是 UTF-8 也不是 GBK 文本 / %s: not UTF-8 or GBK text: byte 0x%02X at byte offset %d",
			filename, encErr.Offset, encErr.Byte, filename, encErr.Byte, encErr.Offset), Code: "ingest_encoding", Args: []any{filename, encErr.Offset, encErr.Byte}}}
	case err != nil:
		return doc, progress.ValidationErrors{{Field: "file", Message: err.Error()}}
	}
	dateSource := "form"
	if date == "" {
		if d, ok := extract.DocumentDate(text); ok {
			date, dateSource = d.Format(time.DateOnly), "text"
		} else {
			date, dateSource = s.Now().In(China).Format(time.DateOnly), "today"
		}
	}
	err = s.store.WithTx(ctx, func(ctx context.Context) error {
		p, err := s.store.PlanHeader(ctx, planID)
		if err != nil {
			return err
		}
		if err := s.can(a, auth.DocumentIngest, auth.Resource{RegionID: p.RegionID}); err != nil {
			return err
		}
		docs, err := s.store.Documents(ctx, planID)
		if err != nil {
			return err
		}
		title = strings.TrimSpace(title)
		if title == "" {
			title = firstLine(text)
		}
		doc = plan.Document{Key: "ingest-" + strconv.Itoa(len(docs)+1), Title: title, Source: filename,
			Date: date, DateSource: dateSource, Text: text}
		if err := s.store.InsertDocument(ctx, planID, &doc); err != nil {
			return err
		}
		return s.record(ctx, a, p.RegionID, "document.ingest", "document", doc.ID, nil,
			map[string]any{"plan": planID, "key": doc.Key, "title": doc.Title, "source": filename, "date": date, "date_source": dateSource, "characters": len([]rune(text))}, "")
	})
	return doc, err
}

func firstLine(text string) string {
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			r := []rune(l)
			if len(r) > 60 {
				r = r[:60]
			}
			return string(r)
		}
	}
	return "未命名文档"
}

// Ingested reads a plan's document with its paragraphs and facts.
func (s *Service) Ingested(ctx context.Context, a Actor, planID int64, key string) (*Ingested, error) {
	p, err := s.store.PlanHeader(ctx, planID)
	if err != nil {
		return nil, err
	}
	if err := s.can(a, auth.DocumentIngest, auth.Resource{RegionID: p.RegionID}); err != nil {
		return nil, err
	}
	doc, err := s.store.Document(ctx, planID, key)
	if err != nil {
		return nil, err
	}
	// the document's own date gives its year; documents ingested before dates were
	// asked for carry the day of ingest, so the plan's year stands for them
	year := p.Year
	if t, err := time.Parse(time.DateOnly, doc.Date); err == nil && (doc.DateSource != "" || !strings.HasPrefix(doc.Key, "ingest-")) {
		year = t.Year()
	}
	return &Ingested{PlanID: planID, Doc: doc, Paragraphs: extract.Clean(doc.Text), Facts: extract.Extract(doc.Text, extract.Options{Year: year}), Year: year}, nil
}

// Acceptance says how a fact goes into the plan.
type Acceptance struct {
	Start, End int    // the fact's span in the document
	As         string // "indicator" (a new target), "target" or "baseline" of an existing indicator, or "report" (an actual figure of one)
	ProgramID  int64  // for a new indicator
	// IndicatorID for a target, a baseline or a report.
	IndicatorID int64
	Name        string // the new indicator's name (default: the fact's subject)
	DeptCode    string
	Period      string // for a report (default: from the fact)
	// Anyway creates the new indicator although one of the plan has its name or code.
	Anyway bool
}

// ErrNoSuchFact: the span names no fact of the document.
var ErrNoSuchFact = errors.New("no fact at that place of the document")

// AcceptFact takes a fact of an ingested document into the plan: as a new indicator
// whose target it is, as an existing indicator's target or baseline, or as a (draft)
// report of an existing indicator. A new indicator needs its program and owner department
// (no silent default), and is refused while an indicator of the plan has the same name or
// code unless acc.Anyway (the page offers that indicator's target or baseline instead); a
// fact accepted once is refused with where it went (AcceptError). The indicator keeps a
// link to the span. It returns the indicator's id.
func (s *Service) AcceptFact(ctx context.Context, a Actor, planID int64, key string, acc Acceptance) (int64, error) {
	ing, err := s.Ingested(ctx, a, planID, key)
	if err != nil {
		return 0, err
	}
	var fact *extract.Fact
	for i := range ing.Facts {
		if ing.Facts[i].Start == acc.Start && ing.Facts[i].End == acc.End {
			fact = &ing.Facts[i]
		}
	}
	if fact == nil {
		return 0, fmt.Errorf("%w: %d–%d of %s", ErrNoSuchFact, acc.Start, acc.End, key)
	}
	if err := s.acceptedBefore(ctx, planID, key, acc.Start, acc.End); err != nil {
		return 0, err
	}
	if err := s.acceptNeeds(ctx, planID, acc, fact.Subject); err != nil {
		return 0, err
	}
	value := decimal.NewFromFloat(fact.Value)
	var id, reportID int64
	err = s.store.WithTx(ctx, func(ctx context.Context) error {
		var err error
		switch acc.As {
		case "indicator":
			id, err = s.acceptIndicator(ctx, a, planID, ing, fact, value, acc)
		case "target":
			id, err = acc.IndicatorID, s.acceptTarget(ctx, a, planID, ing, fact, value, acc)
		case "baseline":
			id, err = acc.IndicatorID, s.acceptBaseline(ctx, a, planID, ing, fact, value, acc)
		case "report":
			var ind store.IndicatorRow
			if ind, err = s.store.Indicator(ctx, acc.IndicatorID); err != nil {
				return err
			}
			if ind.PlanID != planID {
				return &AcceptError{Code: AcceptNeeds, Fields: []string{"indicator"}}
			}
			period := acc.Period
			if period == "" {
				period = periodFor(fact, ind.Frequency, ing.Year)
			}
			var r progress.Report
			r, err = s.CreateReport(ctx, a, ind.ID, ReportInput{Period: period, Value: &value,
				Note: fmt.Sprintf("摘自《%s》：%s", ing.Doc.Title, fact.Text)})
			id, reportID = ind.ID, r.ID
		default:
			return progress.ValidationErrors{{Field: "as", Message: "choose indicator, target, baseline or report"}}
		}
		if err != nil {
			return err
		}
		return s.store.RecordAcceptedFact(ctx, store.AcceptedFact{PlanID: planID, DocKey: key, Start: acc.Start, End: acc.End,
			As: acc.As, IndicatorID: id, ReportID: reportID, UserID: a.UserID, At: s.Now()})
	})
	if errors.Is(err, store.ErrConflict) {
		// accepted by someone else a moment ago: say where it went
		if err := s.acceptedBefore(ctx, planID, key, acc.Start, acc.End); err != nil {
			return 0, err
		}
	}
	return id, err
}

// periodFor turns a fact's period into a reporting period of a frequency: a year's
// figure is its December (or Q4) year-to-date.
func periodFor(f *extract.Fact, freq plan.Frequency, year int) string {
	p := strconv.Itoa(year)
	if f.Period != nil {
		p = *f.Period
	}
	y := p[:4]
	switch freq {
	case plan.Monthly:
		if strings.Contains(p, "Q") {
			q, _ := strconv.Atoi(p[5:])
			return fmt.Sprintf("%s-%02d", y, q*3)
		}
		return y + "-12"
	case plan.Quarterly:
		if strings.Contains(p, "Q") {
			return p
		}
		return y + "Q4"
	}
	return y
}

func qualifierOf(f *extract.Fact) plan.Qualifier {
	switch f.Qualifier {
	case "about":
		return plan.QualAbout
	case "at_least", "over":
		return plan.QualAtLeast
	case "under":
		return plan.QualAtMost
	}
	return plan.QualExact
}

func (s *Service) acceptIndicator(ctx context.Context, a Actor, planID int64, ing *Ingested, f *extract.Fact, value decimal.Decimal, acc Acceptance) (int64, error) {
	var id int64
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		p, err := s.store.PlanHeader(ctx, planID)
		if err != nil {
			return err
		}
		if err := s.can(a, auth.PlanEdit, auth.Resource{RegionID: p.RegionID}); err != nil {
			return err
		}
		progPlan, err := s.store.ProgramPlan(ctx, acc.ProgramID)
		if err != nil {
			return err
		}
		if progPlan != planID {
			return plan.ValidationErrors{{Path: "indicator", Field: "program", Message: fmt.Sprintf("program %d belongs to another plan", acc.ProgramID)}}
		}
		existing, err := s.store.PlanIndicators(ctx, planID)
		if err != nil {
			return err
		}
		name := strings.TrimSpace(acc.Name)
		if name == "" {
			name = f.Subject
		}
		ind := plan.Indicator{ProgramID: acc.ProgramID, Code: fmt.Sprintf("%s-%d", ing.Doc.Key, len(existing)+1), Name: name,
			Unit: f.Unit, Kind: plan.Kind(f.Metric), Direction: plan.Higher, Qualifier: qualifierOf(f), Period: strconv.Itoa(p.Year),
			Frequency: plan.Monthly, Accumulation: plan.Cumulative, DeptCode: acc.DeptCode, Public: true,
			Description: f.Text, Source: &plan.Span{Document: ing.Doc.Key, Start: f.Start, End: f.End}}
		if f.Value < 0 {
			ind.Direction = plan.Lower
		}
		ind.Target = &value
		if f.ValueMax != nil {
			vmax := decimal.NewFromFloat(*f.ValueMax)
			ind.TargetMax = &vmax
		}
		if ind.Kind == plan.KindGrowth {
			ind.Baseline = &plan.Figure{Period: strconv.Itoa(p.Year - 1)}
		}
		ind.OwedFrom = s.owedFromNow(p.Year) // owed from the period it is accepted in
		depts, err := s.store.Departments(ctx, p.RegionID)
		if err != nil {
			return err
		}
		var codes []string
		for _, d := range depts {
			codes = append(codes, d.Code)
		}
		p.Documents = []plan.Document{ing.Doc}
		if err := plan.ValidateIndicator(p, &ind, codes, nil); err != nil {
			return err
		}
		if err := s.store.CreateIndicator(ctx, planID, p.RegionID, &ind); err != nil {
			return err
		}
		id = ind.ID
		return s.record(ctx, a, p.RegionID, "indicator.create", "indicator", ind.ID, nil, ind, "accepted from "+ing.Doc.Key)
	})
	return id, err
}

func (s *Service) acceptBaseline(ctx context.Context, a Actor, planID int64, ing *Ingested, f *extract.Fact, value decimal.Decimal, acc Acceptance) error {
	return s.store.WithTx(ctx, func(ctx context.Context) error {
		ind, err := s.store.Indicator(ctx, acc.IndicatorID)
		if err != nil {
			return err
		}
		if ind.PlanID != planID {
			return plan.ValidationErrors{{Path: "indicator", Field: "id", Message: "belongs to another plan"}}
		}
		if err := s.can(a, auth.PlanEdit, auth.Resource{RegionID: ind.RegionID}); err != nil {
			return err
		}
		q := plan.QualExact
		switch f.Qualifier {
		case "over", "at_least":
			q = plan.QualOver
		case "about":
			q = plan.QualAbout
		}
		period := ""
		if f.Period != nil {
			period = *f.Period
		}
		fig := &plan.Figure{Value: &value, Qualifier: q, Period: period, Note: f.Text}
		if f.Unit != ind.Unit {
			fig.Unit = f.Unit
		}
		if err := s.store.SetBaseline(ctx, ind.ID, fig); err != nil {
			return err
		}
		return s.record(ctx, a, ind.RegionID, "indicator.baseline", "indicator", ind.ID, ind.Baseline, fig, "accepted from "+ing.Doc.Key)
	})
}
