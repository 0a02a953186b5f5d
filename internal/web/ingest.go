package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/extract"
	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
)

func (s *Server) ingestForm(w http.ResponseWriter, r *http.Request) error {
	return s.renderIngestForm(w, r, http.StatusOK, nil)
}

func (s *Server) renderIngestForm(w http.ResponseWriter, r *http.Request, code int, errs []string) error {
	a := service.ActorFrom(r.Context())
	if a.UserID == 0 {
		return auth.ErrUnauthenticated
	}
	if err := auth.Can(a.Principal, auth.DocumentIngest, auth.Resource{RegionID: a.RegionID}); err != nil {
		return err
	}
	planID, err := s.planParam(r)
	if err != nil {
		return err
	}
	docs, err := s.svc.Documents(r.Context(), a, planID)
	if err != nil {
		return err
	}
	p, err := s.svc.PlanHeader(r.Context(), planID)
	if err != nil {
		return err
	}
	s.render(w, r, code, "ingest", map[string]any{"PlanID": planID, "Plan": p, "Docs": docs, "Errors": errs,
		"Title": r.PostFormValue("title"), "Text": r.PostFormValue("text"), "Date": r.PostFormValue("date")})
	return nil
}

func (s *Server) ingestPost(w http.ResponseWriter, r *http.Request) error {
	a := service.ActorFrom(r.Context())
	if a.UserID == 0 {
		return auth.ErrUnauthenticated
	}
	planID, err := s.planParam(r)
	if err != nil {
		return err
	}
	name, data := "pasted.txt", []byte(r.PostFormValue("text"))
	if f, h, ferr := r.FormFile("file"); ferr == nil {
		defer f.Close()
		if data, err = io.ReadAll(io.LimitReader(f, service.MaxDocumentBytes+1)); err != nil {
			return err
		}
		name = h.Filename
	}
	doc, err := s.svc.IngestDocument(r.Context(), a, planID, r.PostFormValue("title"), name, r.PostFormValue("date"), data)
	var verrs progress.ValidationErrors
	if errors.As(err, &verrs) {
		var msgs []string
		for _, e := range verrs {
			msgs = append(msgs, i18n.ValidationText(requestLang(r), e.Code, e.Args, e.Message))
		}
		return s.renderIngestForm(w, r, http.StatusUnprocessableEntity, msgs)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/ingest/%d/%s", planID, doc.Key), http.StatusSeeOther)
	return nil
}

// segment is a run of a paragraph's text, marked when it is a fact's mention.
type segment struct {
	Text string
	Fact int // index into the facts, or -1
	Kind string
}

type paraView struct {
	Role     extract.Role
	Segments []segment
}

type factView struct {
	extract.Fact
	N       int
	Amount  string
	WhyText string // where the period and kind come from
	// Accepted says where the fact went when it was accepted before (nil: not yet).
	Accepted *acceptedView
	// Refused is the acceptance of this fact just refused, kept for the form.
	Refused *acceptRefusal
}

func (s *Server) ingestDoc(w http.ResponseWriter, r *http.Request) error {
	return s.renderIngestDoc(w, r, http.StatusOK, "", nil)
}

func (s *Server) renderIngestDoc(w http.ResponseWriter, r *http.Request, code int, errMsg string, refused *acceptRefusal) error {
	planID, err := pathID(r, "plan")
	if err != nil {
		return err
	}
	notePlan(r, planID, true)
	a := service.ActorFrom(r.Context())
	ing, err := s.svc.Ingested(r.Context(), a, planID, r.PathValue("key"))
	if err != nil {
		return err
	}
	p, err := s.svc.Plan(r.Context(), a, planID)
	if err != nil {
		return err
	}
	depts, err := s.svc.Departments(r.Context(), p.RegionID)
	if err != nil {
		return err
	}
	lang := requestLang(r)
	accepted, err := s.acceptedFacts(r, planID, ing.Doc.Key)
	if err != nil {
		return err
	}
	facts := make([]factView, len(ing.Facts))
	for i, f := range ing.Facts {
		facts[i] = factView{Fact: f, N: i + 1, Amount: amountOf(lang, f),
			WhyText:  i18n.Why(lang, f.Kind, f.Why.Period, f.Why.PeriodCue, f.Why.Kind, f.Why.KindCue),
			Accepted: accepted[[2]int{f.Start, f.End}]}
		if refused != nil && refused.Start == f.Start && refused.End == f.End {
			facts[i].Refused = refused
		}
	}
	s.render(w, r, code, "ingest_doc", map[string]any{"Ing": ing, "Plan": p, "Depts": depts, "Facts": facts,
		"Paras": paragraphs(ing), "Error": errMsg, "Refused": refused})
	return nil
}

func amountOf(lang string, f extract.Fact) string {
	unit := f.Unit
	s := fmtAmount(lang, f.Value, unit)
	if f.ValueMax != nil {
		s += "–" + fmtAmount(lang, *f.ValueMax, unit)
	}
	return s
}

// paragraphs lays the document out paragraph by paragraph, as in the original text,
// with every fact's mention marked.
func paragraphs(ing *service.Ingested) []paraView {
	text := []rune(ing.Doc.Text)
	facts := append([]extract.Fact(nil), ing.Facts...)
	idx := make([]int, len(facts))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return facts[idx[a]].Start < facts[idx[b]].Start })
	var out []paraView
	k := 0
	for _, p := range ing.Paragraphs {
		if p.End <= p.Start || p.End > len(text) {
			continue
		}
		pv := paraView{Role: p.Role}
		pos := p.Start
		for k < len(idx) && facts[idx[k]].Start < p.End {
			f := facts[idx[k]]
			if f.Start < pos || f.End > p.End { // a mention across paragraphs: leave it unmarked here
				k++
				continue
			}
			if f.Start > pos {
				pv.Segments = append(pv.Segments, segment{Text: string(text[pos:f.Start]), Fact: -1})
			}
			pv.Segments = append(pv.Segments, segment{Text: string(text[f.Start:f.End]), Fact: idx[k] + 1, Kind: f.Kind})
			pos = f.End
			k++
		}
		if pos < p.End {
			pv.Segments = append(pv.Segments, segment{Text: string(text[pos:p.End]), Fact: -1})
		}
		out = append(out, pv)
	}
	return out
}

func (s *Server) ingestAccept(w http.ResponseWriter, r *http.Request) error {
	planID, err := pathID(r, "plan")
	if err != nil {
		return err
	}
	atoi := func(name string) int { n, _ := strconv.Atoi(r.PostFormValue(name)); return n }
	atoi64 := func(name string) int64 { n, _ := strconv.ParseInt(r.PostFormValue(name), 10, 64); return n }
	acc := service.Acceptance{Start: atoi("start"), End: atoi("end"), As: r.PostFormValue("as"), ProgramID: atoi64("program"),
		IndicatorID: atoi64("indicator"), Name: r.PostFormValue("name"), DeptCode: r.PostFormValue("dept"), Period: r.PostFormValue("period"),
		Anyway: r.PostFormValue("anyway") == "1"}
	id, err := s.svc.AcceptFact(r.Context(), service.ActorFrom(r.Context()), planID, r.PathValue("key"), acc)
	if err != nil {
		// Refusals of the input (no fact there, a bad field, a locked period, a report
		// already there) are shown on the document with the error table's status.
		switch code, msg := errorMessage(r, err); code {
		case http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity, http.StatusLocked:
			return s.renderIngestDoc(w, r, code, msg, refusalOf(acc, err))
		}
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/indicators/%d?accepted=%s", id, acc.As), http.StatusSeeOther)
	return nil
}

// fmtAmount formats an extracted value; the shortest decimal that reads back as the
// float is the number as written (2.07万 → 20700).
func fmtAmount(lang string, v float64, unit string) string {
	return i18n.Amount(lang, decimal.NewFromFloat(v), unit)
}
