package progress

import (
	"errors"
	"strings"
	"testing"

	"github.com/lantu-dev/lantu/internal/plan"
)

func TestTransition(t *testing.T) {
	states := []State{StateDraft, StateSubmitted, StateApproved, StateRejected}
	actions := []Action{ActEdit, ActSubmit, ActWithdraw, ActApprove, ActReject, ActCorrect}
	allowed := map[State]map[Action]State{
		StateDraft:     {ActEdit: StateDraft, ActSubmit: StateSubmitted},
		StateSubmitted: {ActWithdraw: StateDraft, ActApprove: StateApproved, ActReject: StateRejected},
		StateRejected:  {ActEdit: StateDraft},
		StateApproved:  {ActCorrect: StateDraft},
	}
	for _, s := range states {
		for _, a := range actions {
			got, err := Transition(s, a)
			want, ok := allowed[s][a]
			switch {
			case ok && (err != nil || got != want):
				t.Errorf("%s --%s--> %s, %v; want %s", s, a, got, err, want)
			case !ok && !errors.Is(err, ErrInvalidTransition):
				t.Errorf("%s --%s--> %s, %v; want ErrInvalidTransition", s, a, got, err)
			case !ok && got != s:
				t.Errorf("%s --%s--> refused but state became %s", s, a, got)
			}
		}
	}
	_, err := Transition(StateApproved, ActEdit)
	var te *TransitionError
	if !errors.As(err, &te) || te.From != StateApproved || !strings.Contains(err.Error(), "correct") {
		t.Errorf("editing an approved report: %v", err)
	}
}

func TestApply(t *testing.T) {
	draft := NewReport(level(), per("2022-03"), 5, day(2022, 4, 1))
	draft.ID = 10
	if draft.Version != 1 || draft.Revision != 1 || draft.State != StateDraft || !draft.Cumulative {
		t.Fatalf("NewReport = %+v", draft)
	}

	sub, err := Apply(draft, Change{Action: ActSubmit, By: 5, At: day(2022, 4, 2), Version: 1})
	if err != nil || sub.State != StateSubmitted || sub.Version != 2 || sub.SubmittedBy != 5 || sub.SubmittedAt.IsZero() {
		t.Fatalf("submit: %+v %v", sub, err)
	}

	// A stale version conflicts and carries the current report.
	_, err = Apply(sub, Change{Action: ActApprove, By: 9, Version: 1})
	var ce *ConflictError
	if !errors.Is(err, ErrConflict) || !errors.As(err, &ce) || ce.Current.Version != 2 || ce.Current.State != StateSubmitted {
		t.Fatalf("stale approve: %v", err)
	}

	// Rejecting needs a reason, naming the field.
	_, err = Apply(sub, Change{Action: ActReject, By: 9, Version: 2, Reason: " "})
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Field != "reject_reason" {
		t.Fatalf("reject without reason: %v", err)
	}
	rej, err := Apply(sub, Change{Action: ActReject, By: 9, At: day(2022, 4, 3), Version: 2, Reason: "口径不符"})
	if err != nil || rej.State != StateRejected || rej.RejectReason != "口径不符" || rej.ReviewedBy != 9 || rej.Version != 3 {
		t.Fatalf("reject: %+v %v", rej, err)
	}

	// A rejected report is edited back to a draft, keeping the reason until resubmitted.
	next := rej
	next.Value = d("42")
	ed, err := Update(rej, next)
	if err != nil || ed.State != StateDraft || ed.Version != 4 || !ed.Value.Equal(d("42")) || ed.RejectReason == "" {
		t.Fatalf("edit rejected: %+v %v", ed, err)
	}
	re, _ := Apply(ed, Change{Action: ActSubmit, By: 5, Version: 4})
	if re.RejectReason != "" {
		t.Error("resubmission keeps the old rejection reason")
	}
	appr, err := Apply(re, Change{Action: ActApprove, By: 9, At: day(2022, 4, 5), Version: 5})
	if err != nil || appr.State != StateApproved || appr.Version != 6 {
		t.Fatalf("approve: %+v %v", appr, err)
	}

	// Approved reports cannot be edited or approved again.
	next = appr
	if _, err := Update(appr, next); !errors.Is(err, ErrInvalidTransition) {
		t.Errorf("edit approved: %v", err)
	}
	if _, err := Apply(appr, Change{Action: ActApprove, Version: 6}); !errors.Is(err, ErrInvalidTransition) {
		t.Errorf("approve twice: %v", err)
	}
	// Edit and correct are not review actions.
	if _, err := Apply(draft, Change{Action: ActEdit, Version: 1}); !errors.Is(err, ErrInvalidTransition) {
		t.Errorf("Apply edit: %v", err)
	}
	// Update with a stale version conflicts.
	stale := draft
	stale.Version = 0
	if _, err := Update(draft, stale); !errors.Is(err, ErrConflict) {
		t.Errorf("stale update: %v", err)
	}
	// Withdraw brings a submitted report back to draft.
	wd, err := Apply(sub, Change{Action: ActWithdraw, Version: 2})
	if err != nil || wd.State != StateDraft || !wd.SubmittedAt.IsZero() {
		t.Errorf("withdraw: %+v %v", wd, err)
	}
}

func TestCorrect(t *testing.T) {
	old := approved("2022-03", "30")
	old.ID, old.Version, old.ReviewedBy = 10, 3, 9
	c, err := Correct(old, 6, day(2022, 5, 1))
	if err != nil {
		t.Fatal(err)
	}
	if c.ID != 0 || c.Supersedes != 10 || c.Revision != 2 || c.Version != 1 || c.State != StateDraft ||
		c.ReviewedBy != 0 || c.CreatedBy != 6 || !c.Value.Equal(d("30")) {
		t.Errorf("correction = %+v", c)
	}
	if old.State != StateApproved || old.Version != 3 {
		t.Error("the old revision changed")
	}
	if _, err := Correct(withState(old, StateSubmitted), 6, day(2022, 5, 1)); !errors.Is(err, ErrInvalidTransition) {
		t.Errorf("correct a submitted report: %v", err)
	}
}

func TestValidate(t *testing.T) {
	growth := plan.Indicator{ID: 2, Kind: plan.KindGrowth, Unit: "%", Frequency: plan.Monthly, Target: dp("5")}
	share := plan.Indicator{ID: 3, Kind: plan.KindShare, Unit: "%", Frequency: plan.Quarterly, Target: dp("30")}
	milestone := plan.Indicator{ID: 4, Kind: plan.KindMilestone, Frequency: plan.Monthly, Due: "2022-06-30"}
	yearly := plan.Indicator{ID: 5, Kind: plan.KindLevel}
	ok := func(ind plan.Indicator, p string) Report {
		return Report{IndicatorID: ind.ID, Period: per(p), Value: d("1")}
	}
	for _, tc := range []struct {
		name  string
		ind   plan.Indicator
		r     Report
		field string // "" for valid
	}{
		{"monthly level", level(), ok(level(), "2022-03"), ""},
		{"history of last year", level(), ok(level(), "2021-12"), ""},
		{"two years back", level(), ok(level(), "2020-12"), "period"},
		{"next year", level(), ok(level(), "2023-01"), "period"},
		{"quarter for a monthly indicator", level(), ok(level(), "2022Q1"), "period"},
		{"no period", level(), Report{IndicatorID: 1, Value: d("1")}, "period"},
		{"another indicator", level(), ok(share, "2022-03"), "indicator_id"},
		{"negative level", level(), Report{Period: per("2022-03"), Value: d("-1")}, "value"},
		{"quarterly share", share, ok(share, "2022Q2"), ""},
		{"share over 100%", share, Report{Period: per("2022Q2"), Value: d("100.5")}, "value"},
		{"yearly by default", yearly, ok(yearly, "2022"), ""},
		{"month for a yearly indicator", yearly, ok(yearly, "2022-12"), "period"},
		{"growth as a rate", growth, Report{Period: per("2022-03"), Value: d("-2.5")}, ""},
		{"growth from amounts", growth, Report{Period: per("2022-03"), Amount: dp("105"), LastYear: dp("100")}, ""},
		{"growth amount without last year", growth, Report{Period: per("2022-03"), Amount: dp("105")}, "last_year"},
		{"growth last year without amount", growth, Report{Period: per("2022-03"), LastYear: dp("100")}, "amount"},
		{"growth over a zero base", growth, Report{Period: per("2022-03"), Amount: dp("5"), LastYear: dp("0")}, "last_year"},
		{"amount on a level", level(), Report{Period: per("2022-03"), Amount: dp("5")}, "amount"},
		{"milestone not yet done", milestone, Report{Period: per("2022-03")}, ""},
		{"overlong cause", level(), Report{Period: per("2022-03"), Cause: strings.Repeat("因", 2001)}, "cause"},
	} {
		err := Validate(tc.r, tc.ind, 2022)
		if tc.field == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		var es ValidationErrors
		if !errors.As(err, &es) || es.Field(tc.field) == nil {
			t.Errorf("%s: %v, want an error on %s", tc.name, err, tc.field)
		}
		var ve *ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s: errors.As *ValidationError fails", tc.name)
		}
	}
}

func TestNeedsExplanation(t *testing.T) {
	need := map[Status]bool{StatusAtRisk: true, StatusBehind: true, StatusLate: true}
	for _, s := range Statuses {
		if NeedsExplanation(s) != need[s] {
			t.Errorf("NeedsExplanation(%s) = %v", s, !need[s])
		}
	}
	r := approved("2022-03", "1")
	if err := CheckExplanation(r, StatusOnTrack); err != nil {
		t.Errorf("on track needs nothing: %v", err)
	}
	err := CheckExplanation(r, StatusBehind)
	var es ValidationErrors
	if !errors.As(err, &es) || len(es) != 2 || es.Field("cause") == nil || es.Field("remedy") == nil {
		t.Errorf("behind without cause and remedy: %v", err)
	}
	r.Cause = "外需回落"
	if err := CheckExplanation(r, StatusAtRisk); !errors.As(err, &es) || len(es) != 1 || es.Field("remedy") == nil {
		t.Errorf("at risk without remedy: %v", err)
	}
	r.Remedy = "加强调度"
	if err := CheckExplanation(r, StatusAtRisk); err != nil {
		t.Errorf("explained: %v", err)
	}
}

func TestCounting(t *testing.T) {
	rev1 := approved("2022-03", "30")
	rev1.ID = 1
	rev2 := approved("2022-03", "32")
	rev2.ID, rev2.Revision, rev2.Supersedes = 2, 2, 1
	sub := withState(approved("2022-04", "40"), StateSubmitted)
	draft := withState(approved("2022-05", "50"), StateDraft)
	feb := approved("2022-02", "20")
	rej := withState(approved("2022-02", "99"), StateRejected)
	rej.Revision = 3
	pending := rev2
	pending.ID, pending.Revision, pending.State = 3, 3, StateSubmitted

	for _, tc := range []struct {
		name      string
		in        []Report
		submitted bool
		want      []string // period=value
	}{
		{"approved only", []Report{sub, rev1, feb, draft, rej}, false, []string{"2022-02=20", "2022-03=30"}},
		{"submitted counts", []Report{sub, rev1, feb, draft}, true, []string{"2022-02=20", "2022-03=30", "2022-04=40"}},
		{"correction approved", []Report{rev2, rev1}, false, []string{"2022-03=32"}},
		{"correction pending", []Report{rev1, rev2, pending}, false, []string{"2022-03=32"}},
		{"correction pending, submitted counts", []Report{rev1, rev2, pending}, true, []string{"2022-03=32"}},
	} {
		got := Counting(tc.in, plan.Settings{SubmittedCounts: tc.submitted})
		var s []string
		for _, r := range got {
			s = append(s, r.Period.String()+"="+r.Value.String())
		}
		if strings.Join(s, ",") != strings.Join(tc.want, ",") {
			t.Errorf("%s: %v, want %v", tc.name, s, tc.want)
		}
	}
	// The pending correction counts when submitted counts, being the highest revision.
	p := pending
	p.Value = d("33")
	if got := Counting([]Report{rev1, rev2, p}, plan.Settings{SubmittedCounts: true}); !got[0].Value.Equal(d("33")) {
		t.Errorf("pending correction with SubmittedCounts: %v", got[0].Value)
	}
}

func TestErrorMessages(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&ConflictError{Current: Report{ID: 4, Version: 3}, Got: 2}, "report 4 changed meanwhile (version 3, change based on 2)"},
		{&TransitionError{From: StateDraft, Action: ActApprove}, "cannot approve a draft report"},
		{&LockedError{Period: per("2022-06"), Since: Date(2022, 7, 30)}, "period 2022-06 locked since 2022-07-30"},
		{ValidationErrors{{Field: "value", Message: "数值不能为负"}, {Field: "cause", Message: "须填写"}}, "value: 数值不能为负; cause: 须填写"},
	} {
		if !strings.Contains(tc.err.Error(), tc.want) {
			t.Errorf("%q lacks %q", tc.err.Error(), tc.want)
		}
	}
}
