package plan

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// FieldError names one thing wrong with a plan: where (a path such as
// "zones[0].programs[1].indicators[2]"), which field, and why.
type FieldError struct {
	Path    string
	Field   string
	Message string
	// Line is the line of the plan file the field stands on, when the plan came from a file.
	Line int
	// Format and Args are Message's code and values: the English format is the key a
	// page's language gives the sentence by (i18n.PlanFileMessage); "" when Message
	// has no other language.
	Format string
	Args   []any
}

// NewFieldError is a FieldError from its format (its code) and values.
func NewFieldError(path, field, format string, a ...any) *FieldError {
	return &FieldError{Path: path, Field: field, Message: fmt.Sprintf(format, a...), Format: format, Args: a}
}

func (e *FieldError) Error() string {
	where := e.Path
	if e.Field != "" {
		if where != "" {
			where += "."
		}
		where += e.Field
	}
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s: %s", e.Line, where, e.Message)
	}
	return fmt.Sprintf("%s: %s", where, e.Message)
}

// ValidationErrors is every problem found in a plan; a plan with any is refused whole.
type ValidationErrors []*FieldError

func (es ValidationErrors) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d problem(s) in the plan:", len(es))
	for _, e := range es {
		b.WriteString("\n  ")
		b.WriteString(e.Error())
	}
	return b.String()
}

var codePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,63}$`)

// ValidCode reports whether s may serve as a code (zone, program, indicator, department).
func ValidCode(s string) bool { return codePattern.MatchString(s) }

var regionCodePattern = regexp.MustCompile(`^[0-9]{6}([0-9]{3})?$`)

type validator struct {
	errs ValidationErrors
}

func (v *validator) add(path, field, format string, a ...any) {
	v.errs = append(v.errs, NewFieldError(path, field, format, a...))
}

func (v *validator) code(path, code string, seen map[string]string) {
	switch {
	case code == "":
		v.add(path, "code", "is missing")
	case !ValidCode(code):
		v.add(path, "code", "%q is not a code: use lowercase letters, digits, '-', '_' or '.' (at most 64)", code)
	case seen[code] != "":
		v.add(path, "code", "%q is used twice (first at %s)", code, seen[code])
	default:
		seen[code] = path
	}
}

// Validate checks a whole plan and returns ValidationErrors, or nil.
func (p *Plan) Validate() error {
	v := &validator{}
	if !regionCodePattern.MatchString(p.Region.Code) {
		v.add("region", "code", "%q is not a 行政区划 code (6 or 9 digits)", p.Region.Code)
	}
	if strings.TrimSpace(p.Region.Name) == "" {
		v.add("region", "name", "is missing")
	}
	if p.Region.ParentCode != "" && !regionCodePattern.MatchString(p.Region.ParentCode) {
		v.add("region", "parent", "%q is not a 行政区划 code", p.Region.ParentCode)
	}
	if p.Year < 2000 || p.Year > 2100 {
		v.add("", "year", "%d is not a plan year (2000–2100)", p.Year)
	}
	if strings.TrimSpace(p.Title) == "" {
		v.add("", "title", "is missing")
	}
	p.Settings.validate(v)

	docs := map[string]string{}
	for i, d := range p.Documents {
		path := fmt.Sprintf("documents[%d]", i)
		if d.Key == "" {
			v.add(path, "key", "is missing")
		} else if docs[d.Key] != "" {
			v.add(path, "key", "%q is used twice", d.Key)
		} else {
			docs[d.Key] = path
		}
		if strings.TrimSpace(d.Title) == "" {
			v.add(path, "title", "is missing")
		}
	}
	depts := map[string]string{}
	for i, d := range p.Departments {
		path := fmt.Sprintf("departments[%d]", i)
		v.code(path, d.Code, depts)
		if strings.TrimSpace(d.Name) == "" {
			v.add(path, "name", "is missing")
		}
	}
	zoneCodes, progCodes, indCodes, projCodes := map[string]string{}, map[string]string{}, map[string]string{}, map[string]string{}
	// Projects first, so that milestones may name a project of another program.
	for zi, z := range p.Zones {
		for pi, pr := range z.Programs {
			for ji, pj := range pr.Projects {
				path := fmt.Sprintf("zones[%d].programs[%d].projects[%d]", zi, pi, ji)
				v.code(path, pj.Code, projCodes)
				if strings.TrimSpace(pj.Name) == "" {
					v.add(path, "name", "is missing")
				}
				if pj.DeptCode != "" && depts[pj.DeptCode] == "" {
					v.add(path, "department", "%q is not a department of this plan", pj.DeptCode)
				}
				for _, f := range []struct{ name, val string }{{"start", pj.Start}, {"end", pj.End}} {
					if f.val != "" && !validDate(f.val) {
						v.add(path, f.name, "%q is not a date (YYYY-MM-DD)", f.val)
					}
				}
				if validDate(pj.Start) && validDate(pj.End) && pj.End < pj.Start {
					v.add(path, "end", "%s is before the start %s", pj.End, pj.Start)
				}
			}
		}
	}
	if len(p.Zones) == 0 {
		v.add("", "zones", "a plan needs at least one zone")
	}
	for zi, z := range p.Zones {
		zpath := fmt.Sprintf("zones[%d]", zi)
		v.code(zpath, z.Code, zoneCodes)
		if strings.TrimSpace(z.Name) == "" {
			v.add(zpath, "name", "is missing")
		}
		for pi, pr := range z.Programs {
			ppath := fmt.Sprintf("%s.programs[%d]", zpath, pi)
			v.code(ppath, pr.Code, progCodes)
			if strings.TrimSpace(pr.Name) == "" {
				v.add(ppath, "name", "is missing")
			}
			for ii := range pr.Indicators {
				ipath := fmt.Sprintf("%s.indicators[%d]", ppath, ii)
				ind := &pr.Indicators[ii]
				v.code(ipath, ind.Code, indCodes)
				ind.validate(v, ipath, p, depts, projCodes, docs)
			}
		}
	}
	if len(v.errs) > 0 {
		return v.errs
	}
	return nil
}

func (s *Settings) validate(v *validator) {
	share := func(field string, d decimal.Decimal) {
		if d.IsNegative() || d.GreaterThan(decimal.NewFromInt(1)) {
			v.add("settings", field, "%s is not a share between 0 and 1", d)
		}
	}
	share("about_tolerance", s.AboutTolerance)
	share("on_track", s.OnTrack)
	share("at_risk", s.AtRisk)
	if s.AtRisk.GreaterThan(s.OnTrack) {
		v.add("settings", "at_risk", "%s is above on_track %s", s.AtRisk, s.OnTrack)
	}
	if s.DueDay < 1 || s.DueDay > 28 {
		v.add("settings", "due_day", "%d is not a day of the month (1–28)", s.DueDay)
	}
	if s.LockAfterDays < 0 || s.LockAfterDays > 366 {
		v.add("settings", "lock_after_days", "%d is out of range (0–366)", s.LockAfterDays)
	}
}

func (ind *Indicator) validate(v *validator, path string, p *Plan, depts, projects, docs map[string]string) {
	if strings.TrimSpace(ind.Name) == "" {
		v.add(path, "name", "is missing")
	}
	switch ind.Kind {
	case KindLevel, KindGrowth, KindShare:
		if strings.TrimSpace(ind.Unit) == "" {
			v.add(path, "unit", "is missing (e.g. 亿元 is written as unit 元 with the magnitude in the value)")
		}
	case KindMilestone:
		if ind.Due == "" {
			v.add(path, "due", "a milestone needs a date (YYYY-MM-DD)")
		}
		if ind.Target != nil {
			v.add(path, "target", "a milestone has a date, not a target value")
		}
	case "":
		v.add(path, "kind", "is missing (level, growth, share or milestone)")
	default:
		v.add(path, "kind", "%q is not one of level, growth, share, milestone", ind.Kind)
	}
	if ind.Due != "" {
		if !validDate(ind.Due) {
			v.add(path, "due", "%q is not a date (YYYY-MM-DD)", ind.Due)
		} else if ind.Kind != KindMilestone {
			v.add(path, "due", "only a milestone has a due date")
		}
	}
	if ind.OwedFrom != "" && !validDate(ind.OwedFrom) {
		v.add(path, "owed_from", "%q is not a date (YYYY-MM-DD)", ind.OwedFrom)
	}
	switch ind.Qualifier {
	case QualExact, QualAbout, QualAtLeast, QualAtMost:
	case QualOver:
		v.add(path, "qualifier", "over (超) describes an actual figure; a target uses at_least")
	default:
		v.add(path, "qualifier", "%q is not one of exact, about, at_least, at_most", ind.Qualifier)
	}
	switch ind.Direction {
	case Higher, Lower:
	default:
		v.add(path, "direction", "%q is not higher or lower", ind.Direction)
	}
	switch ind.Frequency {
	case Monthly, Quarterly, Yearly:
	default:
		v.add(path, "frequency", "%q is not monthly, quarterly or yearly", ind.Frequency)
	}
	switch ind.Accumulation {
	case Cumulative, Periodic, Stock:
	default:
		v.add(path, "accumulation", "%q is not cumulative, periodic or stock", ind.Accumulation)
	}
	if ind.TargetMax != nil {
		switch {
		case ind.Target == nil:
			v.add(path, "target_max", "a range needs its low end in target")
		case ind.TargetMax.LessThan(*ind.Target):
			v.add(path, "target_max", "%s is below the target %s", ind.TargetMax, ind.Target)
		}
	}
	if ind.Target != nil && ind.Kind == KindShare && (ind.Target.IsNegative() || ind.Target.GreaterThan(decimal.NewFromInt(100))) && ind.Unit == "%" {
		v.add(path, "target", "a share of %s%% is outside 0–100%%", ind.Target)
	}
	if ind.Kind == KindGrowth && ind.Target != nil {
		if ind.Baseline == nil || ind.Baseline.Period == "" {
			v.add(path, "baseline", "a growth target needs a baseline: at least the period it grows over")
		}
	}
	if ind.Baseline != nil {
		figureErrors(v, path, "baseline", ind.Baseline)
	}
	for i := range ind.Context {
		f := &ind.Context[i]
		figureErrors(v, path, fmt.Sprintf("context[%d]", i), f)
		if f.Value == nil {
			v.add(path, fmt.Sprintf("context[%d].value", i), "is missing")
		}
	}
	if ind.Period == "" {
		v.add(path, "period", "is missing (the year the target is measured over, e.g. %d)", p.Year)
	} else if !validPeriod(ind.Period) {
		v.add(path, "period", "%q is not a period (2022, 2022Q2 or 2022-06)", ind.Period)
	} else if ind.Period[:4] != strconv.Itoa(p.Year) {
		v.add(path, "period", "%s is outside the plan year %d", ind.Period, p.Year)
	}
	if ind.DeptCode != "" && depts[ind.DeptCode] == "" {
		v.add(path, "department", "%q is not a department of this plan", ind.DeptCode)
	}
	if ind.ProjectCode != "" && projects[ind.ProjectCode] == "" {
		v.add(path, "project", "%q is not a project of this plan", ind.ProjectCode)
	}
	if s := ind.Source; s != nil {
		switch {
		case docs[s.Document] == "":
			v.add(path, "source.document", "%q is not a document of this plan", s.Document)
		case s.Start < 0 || s.End <= s.Start:
			v.add(path, "source", "span %d–%d is empty or negative", s.Start, s.End)
		default:
			for _, d := range p.Documents {
				if d.Key == s.Document && d.Text != "" && s.End > runeCount(d.Text) {
					v.add(path, "source.end", "%d is past the end of document %q (%d characters)", s.End, d.Key, runeCount(d.Text))
				}
			}
		}
	}
}

func figureErrors(v *validator, path, field string, f *Figure) {
	if f.Period != "" && !validPeriod(f.Period) {
		v.add(path, field+".period", "%q is not a period (2021, 2021Q4 or 2021-12)", f.Period)
	}
	switch f.Qualifier {
	case "", QualExact, QualAbout, QualAtLeast, QualAtMost, QualOver:
	default:
		v.add(path, field+".qualifier", "%q is not one of exact, about, over, at_least, at_most", f.Qualifier)
	}
}

func runeCount(s string) int { return len([]rune(s)) }

func validDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

var periodPattern = regexp.MustCompile(`^[0-9]{4}(Q[1-4]|-(0[1-9]|1[0-2]))?$`)

func validPeriod(s string) bool { return periodPattern.MatchString(s) }

// ValidPeriod reports whether s is a period: 2022, 2022Q2 or 2022-06.
func ValidPeriod(s string) bool { return validPeriod(s) }

// ValidateIndicator checks one indicator added to an existing plan: p gives the year and
// the documents (with text) its source may point into; deptCodes and projectCodes are
// the codes it may name.
func ValidateIndicator(p *Plan, ind *Indicator, deptCodes, projectCodes []string) error {
	v := &validator{}
	set := func(codes []string) map[string]string {
		m := map[string]string{}
		for _, c := range codes {
			m[c] = c
		}
		return m
	}
	docs := map[string]string{}
	for _, d := range p.Documents {
		docs[d.Key] = d.Key
	}
	if !ValidCode(ind.Code) {
		v.add("indicator", "code", "%q is not a code", ind.Code)
	}
	ind.validate(v, "indicator", p, set(deptCodes), set(projectCodes), docs)
	if len(v.errs) > 0 {
		return v.errs
	}
	return nil
}
