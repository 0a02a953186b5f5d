package service

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/store"
)

// Editing the plan item by item: zones, programs, key projects, indicators and
// departments are created, edited, moved and retired by the planning office (plan.edit;
// departments department.manage). Each change is one transaction with its audit row,
// whose before and after hold the changed fields only (field: old → new), and bumps the
// plan's version so that every server's cached status and pages are rebuilt.

// ItemKind names what a plan edit acts on; it is also the path segment of the admin pages.
type ItemKind string

const (
	KindZone       ItemKind = "zones"
	KindProgram    ItemKind = "programs"
	KindProject    ItemKind = "projects"
	KindIndicator  ItemKind = "indicators"
	KindDepartment ItemKind = "departments"
)

// ItemKinds lists the kinds in the order the admin's page shows them.
func ItemKinds() []ItemKind {
	return []ItemKind{KindZone, KindProgram, KindProject, KindIndicator, KindDepartment}
}

// ParseItemKind reads a kind from a path segment.
func ParseItemKind(s string) (ItemKind, error) {
	for _, k := range ItemKinds() {
		if string(k) == s {
			return k, nil
		}
	}
	return "", fmt.Errorf("plan item kind %q: %w", s, plan.ErrNotFound)
}

// Singular is the kind's audit entity name: zone, program, project, indicator, department.
func (k ItemKind) Singular() string { return strings.TrimSuffix(string(k), "s") }

// ItemInput is an edit form as typed: values are kept as text so that a refused form
// is shown again with what was typed, and each bad field is named.
type ItemInput struct {
	Kind    ItemKind
	ID      int64 // 0 creates
	PlanID  int64 // the plan a new item goes into (departments: its region's)
	Version int   // the edit version the form was read at
	// Parent is a program's zone, or a project's or indicator's program (a move when changed).
	Parent      int64
	Code        string
	Name        string
	Description string
	Dept        string // owner department code (projects, indicators)
	Start, End  string // a project's dates
	// Indicators.
	Unit         string
	Target       string
	TargetMax    string
	Qualifier    string
	Frequency    string
	Accumulation string
	// OwedFrom is the date reports are owed from (YYYY-MM-DD); "" is the plan year's
	// start. A new indicator left without one is owed from the day it is created, once
	// the plan year has begun.
	OwedFrom string
	// IndKind is the indicator's kind (level, growth, share, milestone), Direction
	// whether more is better, Due a milestone's date (YYYY-MM-DD).
	IndKind   string
	Direction string
	Due       string
	// The baseline (last year's figure, the base a growth rate is over): its value,
	// period (2021, 2021Q4, 2021-12), qualifier and note; all empty: no baseline.
	BaselineValue     string
	BaselinePeriod    string
	BaselineQualifier string
	BaselineNote      string
	Public            bool
	Retired           bool // shown, not edited
}

// EditError names one field of a plan edit and why it is refused, as a message code
// (i18n planedit.err.<Code>) with its arguments.
type EditError struct {
	Field string
	Code  string
	Args  []any
}

// EditErrors are every problem of one edit form; the edit is refused whole.
type EditErrors []EditError

func (es EditErrors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Field + ": " + e.Code
	}
	return "plan edit refused: " + strings.Join(parts, "; ")
}

// Has reports whether a field is refused.
func (es EditErrors) Has(field string) bool {
	for _, e := range es {
		if e.Field == field {
			return true
		}
	}
	return false
}

// PlanEditView is what the admin's plan page shows: the live tree, the region's
// departments and what was retired.
type PlanEditView struct {
	Plan        *plan.Plan
	Departments []plan.Department
	Retired     []RetiredItem
}

// RetiredItem is an item retired from the plan, still there with its history.
type RetiredItem struct {
	Kind, Entity, Code, Name string
	ID                       int64
}

// PlanForEdit reads a plan for its admin page.
func (s *Service) PlanForEdit(ctx context.Context, a Actor, planID int64) (*PlanEditView, error) {
	h, err := s.store.PlanHeader(ctx, planID)
	if err != nil {
		return nil, err
	}
	if err := s.can(a, auth.PlanEdit, auth.Resource{RegionID: h.RegionID}); err != nil {
		return nil, err
	}
	v := &PlanEditView{}
	if v.Plan, err = s.store.GetPlan(ctx, planID); err != nil {
		return nil, err
	}
	if v.Departments, err = s.store.Departments(ctx, h.RegionID); err != nil {
		return nil, err
	}
	gone, err := s.store.RetiredItems(ctx, planID)
	if err != nil {
		return nil, err
	}
	for _, k := range ItemKinds() {
		for _, it := range gone[store.PlanTable(k)] {
			v.Retired = append(v.Retired, RetiredItem{Kind: string(k), Entity: k.Singular(), Code: it.Code, Name: it.Name, ID: it.ID})
		}
	}
	return v, nil
}

// PlanItemForEdit reads one item as its edit form shows it.
func (s *Service) PlanItemForEdit(ctx context.Context, a Actor, kind ItemKind, id int64) (ItemInput, error) {
	in, regionID, err := s.loadItem(ctx, kind, id)
	if err != nil {
		return in, err
	}
	if err := s.can(a, editAction(kind), auth.Resource{RegionID: regionID}); err != nil {
		return ItemInput{}, err
	}
	return in, nil
}

func editAction(k ItemKind) auth.Action {
	if k == KindDepartment {
		return auth.DepartmentManage
	}
	return auth.PlanEdit
}

// loadItem reads an item into a form, with its region.
func (s *Service) loadItem(ctx context.Context, kind ItemKind, id int64) (ItemInput, int64, error) {
	if kind == KindIndicator {
		ind, err := s.store.Indicator(ctx, id)
		if err != nil {
			return ItemInput{}, 0, err
		}
		in := ItemInput{Kind: kind, ID: id, PlanID: ind.PlanID, Version: ind.EditVersion, Parent: ind.ProgramID,
			Code: ind.Code, Name: ind.Name, Description: ind.Description, Dept: ind.DeptCode, Unit: ind.Unit,
			Target: decText(ind.Target), TargetMax: decText(ind.TargetMax), Qualifier: string(ind.Qualifier),
			Frequency: string(ind.Frequency), Accumulation: string(ind.Accumulation), OwedFrom: ind.OwedFrom, Public: ind.Public, Retired: ind.Retired,
			IndKind: string(ind.Kind), Direction: string(ind.Direction), Due: ind.Due}
		if b := ind.Baseline; b != nil {
			in.BaselineValue, in.BaselinePeriod, in.BaselineQualifier, in.BaselineNote = decText(b.Value), b.Period, string(b.Qualifier), b.Note
		}
		return in, ind.RegionID, nil
	}
	it, err := s.store.PlanItem(ctx, store.PlanTable(kind), id)
	if err != nil {
		return ItemInput{}, 0, err
	}
	in := ItemInput{Kind: kind, ID: id, PlanID: it.PlanID, Version: it.EditVersion, Parent: it.ParentID, Code: it.Code,
		Name: it.Name, Description: it.Description, Dept: it.DeptCode, Start: it.Start, End: it.End, Retired: it.Retired}
	if kind == KindZone {
		in.Parent = 0
	}
	return in, it.RegionID, nil
}

func decText(d *decimal.Decimal) string {
	if d == nil {
		return ""
	}
	return d.String()
}

// auditFields is the part of a form the audit log compares, by field name.
func (in ItemInput) auditFields() map[string]string {
	m := map[string]string{"code": in.Code, "name": in.Name}
	switch in.Kind {
	case KindZone, KindProgram, KindProject:
		m["description"] = in.Description
	}
	switch in.Kind {
	case KindProgram:
		m["zone"] = fmt.Sprint(in.Parent)
	case KindProject:
		m["program"] = fmt.Sprint(in.Parent)
		m["department"], m["start"], m["end"] = in.Dept, in.Start, in.End
	case KindIndicator:
		m["program"] = fmt.Sprint(in.Parent)
		m["department"], m["unit"], m["target"], m["target_max"] = in.Dept, in.Unit, in.Target, in.TargetMax
		m["qualifier"], m["frequency"], m["accumulation"], m["owed_from"] = in.Qualifier, in.Frequency, in.Accumulation, in.OwedFrom
		m["public"] = fmt.Sprint(in.Public)
		m["kind"], m["direction"], m["due"] = in.IndKind, in.Direction, in.Due
		m["baseline_value"], m["baseline_period"], m["baseline_qualifier"], m["baseline_note"] = in.BaselineValue, in.BaselinePeriod, in.BaselineQualifier, in.BaselineNote
	}
	return m
}

// diff keeps the fields that changed: before and after for the audit row.
func diff(before, after map[string]string) (map[string]string, map[string]string) {
	b, a := map[string]string{}, map[string]string{}
	for k, v := range after {
		if before[k] != v {
			b[k], a[k] = before[k], v
		}
	}
	return b, a
}

// SavePlanItem creates (ID 0) or edits an item: validated whole (EditErrors naming each
// field), checked at the version the form was read at (ErrConflict), written with its
// audit row in one transaction. It returns the item's id.
func (s *Service) SavePlanItem(ctx context.Context, a Actor, in ItemInput) (int64, error) {
	in.Code, in.Name = strings.TrimSpace(in.Code), strings.TrimSpace(in.Name)
	in.Description, in.Dept, in.Unit = strings.TrimSpace(in.Description), strings.TrimSpace(in.Dept), strings.TrimSpace(in.Unit)
	in.Due, in.BaselineValue, in.BaselinePeriod = strings.TrimSpace(in.Due), strings.TrimSpace(in.BaselineValue), strings.TrimSpace(in.BaselinePeriod)
	in.BaselineNote = strings.TrimSpace(in.BaselineNote)
	in.Target, in.TargetMax = strings.TrimSpace(in.Target), strings.TrimSpace(in.TargetMax)
	in.Start, in.End, in.OwedFrom = strings.TrimSpace(in.Start), strings.TrimSpace(in.End), strings.TrimSpace(in.OwedFrom)
	if _, err := ParseItemKind(string(in.Kind)); err != nil {
		return 0, err
	}
	var id int64
	err := s.store.WithTx(ctx, func(ctx context.Context) error {
		var cur ItemInput
		var regionID int64
		if in.ID != 0 {
			var err error
			if cur, regionID, err = s.loadItem(ctx, in.Kind, in.ID); err != nil {
				return err
			}
			in.PlanID = cur.PlanID
		} else if in.PlanID != 0 {
			h, err := s.store.PlanHeader(ctx, in.PlanID)
			if err != nil {
				return err
			}
			regionID = h.RegionID
			if in.Kind == KindIndicator && in.OwedFrom == "" {
				in.OwedFrom = s.owedFromNow(h.Year)
			}
		} else {
			return fmt.Errorf("a new %s needs a plan: %w", in.Kind.Singular(), plan.ErrNotFound)
		}
		if err := s.can(a, editAction(in.Kind), auth.Resource{RegionID: regionID}); err != nil {
			return err
		}
		if in.Kind == KindDepartment {
			in.PlanID = 0
		}
		if cur.Retired {
			return fmt.Errorf("%s %d is retired: %w", in.Kind.Singular(), in.ID, ErrConflict)
		}
		if in.ID != 0 && in.Version != cur.Version {
			return fmt.Errorf("%s %d is at version %d, the form was read at %d: %w", in.Kind.Singular(), in.ID, cur.Version, in.Version, ErrConflict)
		}
		ind, deptID, projectID, err := s.validateItem(ctx, in, regionID)
		if err != nil {
			return err
		}
		if ind != nil { // the kind and direction kept or defaulted, for the audit row
			in.IndKind, in.Direction = string(ind.Kind), string(ind.Direction)
		}
		if id, err = s.writeItem(ctx, in, ind, regionID, deptID, projectID); err != nil {
			return err
		}
		action := "plan." + in.Kind.Singular() + ".edit"
		before, after := diff(cur.auditFields(), in.auditFields())
		if in.ID == 0 {
			action, before, after = "plan."+in.Kind.Singular()+".create", nil, in.auditFields()
		} else if len(after) == 0 {
			return nil // nothing changed: no audit row, no version
		}
		var b any
		if before != nil {
			b = before
		}
		return s.record(ctx, a, regionID, action, in.Kind.Singular(), id, b, after, "")
	})
	return id, err
}

// writeItem creates or updates the item in the store.
func (s *Service) writeItem(ctx context.Context, in ItemInput, ind *plan.Indicator, regionID, deptID, projectID int64) (int64, error) {
	it := store.PlanItem{ID: in.ID, PlanID: in.PlanID, RegionID: regionID, ParentID: in.Parent, Code: in.Code, Name: in.Name,
		Description: in.Description, DeptID: deptID, Start: in.Start, End: in.End}
	switch in.Kind {
	case KindZone:
		if in.ID == 0 {
			z := plan.Zone{Code: in.Code, Name: in.Name, Description: in.Description}
			err := s.store.CreateZone(ctx, in.PlanID, &z)
			return z.ID, err
		}
		return in.ID, s.store.UpdateZone(ctx, it, in.Version)
	case KindProgram:
		if in.ID == 0 {
			pr := plan.Program{ZoneID: in.Parent, Code: in.Code, Name: in.Name, Description: in.Description}
			err := s.store.CreateProgram(ctx, in.PlanID, &pr)
			return pr.ID, err
		}
		return in.ID, s.store.UpdateProgram(ctx, it, in.Version)
	case KindProject:
		if in.ID == 0 {
			pj := plan.Project{ProgramID: in.Parent, Code: in.Code, Name: in.Name, Description: in.Description, Start: in.Start, End: in.End}
			err := s.store.CreateProject(ctx, in.PlanID, &pj, deptID)
			return pj.ID, err
		}
		return in.ID, s.store.UpdateProject(ctx, it, in.Version)
	case KindDepartment:
		if in.ID == 0 {
			return s.store.EnsureDepartment(ctx, regionID, plan.Department{Code: in.Code, Name: in.Name})
		}
		return in.ID, s.store.UpdateDepartment(ctx, it, in.Version)
	case KindIndicator:
		if in.ID == 0 {
			err := s.store.CreateIndicator(ctx, in.PlanID, regionID, ind)
			return ind.ID, err
		}
		if err := s.store.UpdateIndicator(ctx, in.PlanID, *ind, deptID, projectID, in.Version); err != nil {
			return in.ID, err
		}
		return in.ID, s.store.SetBaseline(ctx, in.ID, ind.Baseline)
	}
	return 0, fmt.Errorf("plan item kind %q: %w", in.Kind, plan.ErrNotFound)
}

// Longest name and description an edit form takes, in characters.
const (
	maxItemName = 200
	maxItemDesc = 4000
	maxUnit     = 32
)

// validateItem checks a form against the plan: every problem named by its field. For an
// indicator it returns the indicator to write, with the owner's and project's ids.
func (s *Service) validateItem(ctx context.Context, in ItemInput, regionID int64) (*plan.Indicator, int64, int64, error) {
	var errs EditErrors
	add := func(field, code string, args ...any) {
		errs = append(errs, EditError{Field: field, Code: code, Args: args})
	}
	scope := in.PlanID
	if in.Kind == KindDepartment {
		scope = regionID
	}
	switch {
	case in.Code == "":
		add("code", "required")
	case !plan.ValidCode(in.Code):
		add("code", "code_format")
	default:
		taken, err := s.store.CodeTaken(ctx, store.PlanTable(in.Kind), scope, in.Code, in.ID)
		if err != nil {
			return nil, 0, 0, err
		}
		if taken {
			add("code", "code_taken", in.Code)
		}
	}
	switch n := utf8.RuneCountInString(in.Name); {
	case n == 0:
		add("name", "required")
	case n > maxItemName:
		add("name", "too_long", maxItemName)
	}
	if utf8.RuneCountInString(in.Description) > maxItemDesc {
		add("description", "too_long", maxItemDesc)
	}
	// The parent: a live zone or program of the same plan.
	parentField := map[ItemKind]string{KindProgram: "zone", KindProject: "program", KindIndicator: "program"}[in.Kind]
	if parentField != "" {
		t := store.TablePrograms
		if in.Kind == KindProgram {
			t = store.TableZones
		}
		p, err := s.store.PlanItem(ctx, t, in.Parent)
		switch {
		case errors.Is(err, store.ErrNotFound) || (err == nil && (p.PlanID != in.PlanID || p.Retired)):
			add(parentField, "no_parent")
		case err != nil:
			return nil, 0, 0, err
		}
	}
	var deptID int64
	if in.Dept != "" && (in.Kind == KindProject || in.Kind == KindIndicator) {
		d, err := s.store.LiveDepartment(ctx, regionID, in.Dept)
		switch {
		case errors.Is(err, store.ErrNotFound):
			add("department", "no_department", in.Dept)
		case err != nil:
			return nil, 0, 0, err
		default:
			deptID = d.ID
		}
	}
	if in.Kind == KindProject {
		for _, f := range []struct{ name, val string }{{"start", in.Start}, {"end", in.End}} {
			if _, err := time.Parse(time.DateOnly, f.val); f.val != "" && err != nil {
				add(f.name, "date_format")
			}
		}
		if in.Start != "" && in.End != "" && in.End < in.Start && !errs.Has("start") && !errs.Has("end") {
			add("end", "end_before_start")
		}
	}
	if in.Kind != KindIndicator {
		if len(errs) > 0 {
			return nil, 0, 0, errs
		}
		return nil, deptID, 0, nil
	}
	// An indicator: what the form does not edit (context, source, period, the baseline's
	// unit) stays as it is.
	ind := &plan.Indicator{Kind: plan.KindLevel, Direction: plan.Higher}
	if in.ID != 0 {
		cur, err := s.store.Indicator(ctx, in.ID)
		if err != nil {
			return nil, 0, 0, err
		}
		ind = &cur.Indicator
	} else {
		h, err := s.store.PlanHeader(ctx, in.PlanID)
		if err != nil {
			return nil, 0, 0, err
		}
		ind.Period = fmt.Sprint(h.Year)
	}
	ind.ProgramID, ind.Code, ind.Name, ind.Description, ind.Unit, ind.DeptCode, ind.Public = in.Parent, in.Code, in.Name, in.Description, in.Unit, in.Dept, in.Public
	// A form without a kind or direction (an older client) keeps the indicator's (a new
	// one: a level, more is better).
	if in.IndKind != "" {
		ind.Kind = plan.Kind(in.IndKind)
	}
	if in.Direction != "" {
		ind.Direction = plan.Direction(in.Direction)
	}
	ind.Due = in.Due
	switch ind.Kind {
	case plan.KindLevel, plan.KindGrowth, plan.KindShare, plan.KindMilestone:
	default:
		add("kind", "choose")
	}
	switch ind.Direction {
	case plan.Higher, plan.Lower:
	default:
		add("direction", "choose")
	}
	switch _, err := time.Parse(time.DateOnly, in.Due); {
	case in.Due != "" && err != nil:
		add("due", "date_format")
	case in.Due != "" && ind.Kind != plan.KindMilestone:
		add("due", "due_not_milestone")
	case in.Due == "" && ind.Kind == plan.KindMilestone:
		add("due", "due_required")
	}
	s.editBaseline(ind, in, add)
	if utf8.RuneCountInString(in.Unit) > maxUnit {
		add("unit", "too_long", maxUnit)
	} else if in.Unit == "" && ind.Kind != plan.KindMilestone {
		add("unit", "required")
	}
	ind.Target, ind.TargetMax = nil, nil
	if in.Target != "" {
		if d, err := decimal.NewFromString(in.Target); err != nil {
			add("target", "number")
		} else {
			ind.Target = &d
		}
	}
	if in.TargetMax != "" {
		if d, err := decimal.NewFromString(in.TargetMax); err != nil {
			add("target_max", "number")
		} else {
			ind.TargetMax = &d
		}
	}
	if ind.TargetMax != nil {
		if ind.Target == nil && !errs.Has("target") {
			add("target_max", "range_low")
		} else if ind.Target != nil && ind.TargetMax.LessThan(*ind.Target) {
			add("target_max", "below_target")
		}
	}
	if ind.Kind == plan.KindMilestone && ind.Target != nil {
		add("target", "milestone_target")
	}
	if ind.Kind == plan.KindShare && ind.Target != nil && (ind.Target.IsNegative() || ind.Target.GreaterThan(decimal.NewFromInt(100))) {
		add("target", "share_range")
	}
	ind.Qualifier = plan.Qualifier(in.Qualifier)
	switch ind.Qualifier {
	case plan.QualExact, plan.QualAbout, plan.QualAtLeast, plan.QualAtMost:
	default:
		add("qualifier", "choose")
	}
	ind.Frequency = plan.Frequency(in.Frequency)
	switch ind.Frequency {
	case plan.Monthly, plan.Quarterly, plan.Yearly:
	default:
		add("frequency", "choose")
	}
	ind.Accumulation = plan.Accumulation(in.Accumulation)
	switch ind.Accumulation {
	case plan.Cumulative, plan.Periodic, plan.Stock:
	default:
		add("accumulation", "choose")
	}
	ind.OwedFrom = in.OwedFrom
	if _, err := time.Parse(time.DateOnly, in.OwedFrom); in.OwedFrom != "" && err != nil {
		add("owed_from", "date_format")
	}
	var projectID int64
	if ind.ProjectCode != "" {
		id, err := s.store.ProjectID(ctx, in.PlanID, ind.ProjectCode)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return nil, 0, 0, err
		}
		projectID = id // a retired project is no longer named
		if id == 0 {
			ind.ProjectCode = ""
		}
	}
	if len(errs) > 0 {
		return nil, 0, 0, errs
	}
	return ind, deptID, projectID, nil
}

// editBaseline sets the indicator's baseline from the form: all four fields empty is no
// baseline; a value must be a number, a period 2021, 2021Q4 or 2021-12; a growth target
// needs at least the period it grows over.
func (s *Service) editBaseline(ind *plan.Indicator, in ItemInput, add func(field, code string, args ...any)) {
	var unit string
	if ind.Baseline != nil {
		unit = ind.Baseline.Unit
	}
	ind.Baseline = nil
	if in.BaselineValue == "" && in.BaselinePeriod == "" && in.BaselineQualifier == "" && in.BaselineNote == "" {
		if ind.Kind == plan.KindGrowth && in.Target != "" {
			add("baseline_period", "baseline_needed")
		}
		return
	}
	f := &plan.Figure{Unit: unit, Period: in.BaselinePeriod, Qualifier: plan.Qualifier(in.BaselineQualifier), Note: in.BaselineNote}
	if in.BaselineValue != "" {
		if d, err := decimal.NewFromString(in.BaselineValue); err != nil {
			add("baseline_value", "number")
		} else {
			f.Value = &d
		}
	}
	if in.BaselinePeriod != "" && !plan.ValidPeriod(in.BaselinePeriod) {
		add("baseline_period", "period_format")
	} else if in.BaselinePeriod == "" && ind.Kind == plan.KindGrowth && in.Target != "" {
		add("baseline_period", "baseline_needed")
	}
	switch f.Qualifier {
	case "", plan.QualExact, plan.QualAbout, plan.QualAtLeast, plan.QualAtMost, plan.QualOver:
	default:
		add("baseline_qualifier", "choose")
	}
	if utf8.RuneCountInString(in.BaselineNote) > maxItemName {
		add("baseline_note", "too_long", maxItemName)
	}
	ind.Baseline = f
}

// RetirePlanItem takes an item out of the plan's views, keeping its rows and history.
// A department that still owns live indicators or projects is refused (move them first).
func (s *Service) RetirePlanItem(ctx context.Context, a Actor, kind ItemKind, id int64, version int) error {
	if _, err := ParseItemKind(string(kind)); err != nil {
		return err
	}
	return s.store.WithTx(ctx, func(ctx context.Context) error {
		cur, regionID, err := s.loadItem(ctx, kind, id)
		if err != nil {
			return err
		}
		if err := s.can(a, editAction(kind), auth.Resource{RegionID: regionID}); err != nil {
			return err
		}
		if cur.Retired || version != cur.Version {
			return fmt.Errorf("%s %d is at version %d (retired %v), the form was read at %d: %w", kind.Singular(), id, cur.Version, cur.Retired, version, ErrConflict)
		}
		if kind == KindDepartment {
			n, err := s.store.DepartmentUse(ctx, id)
			if err != nil {
				return err
			}
			if n > 0 {
				return EditErrors{{Field: "department", Code: "department_in_use", Args: []any{n}}}
			}
		}
		if err := s.store.Retire(ctx, store.PlanTable(kind), id, version, cur.PlanID, regionID); err != nil {
			return err
		}
		return s.record(ctx, a, regionID, "plan."+kind.Singular()+".retire", kind.Singular(), id,
			map[string]string{"code": cur.Code, "name": cur.Name, "retired": "false"}, map[string]string{"retired": "true"}, "")
	})
}

// MayImportPlan says whether the actor may load plan files at all (before an upload is
// read); ImportPlan checks the file's region again.
func (s *Service) MayImportPlan(a Actor) error {
	return s.can(a, auth.PlanImport, auth.Resource{RegionID: a.RegionID})
}

// ExportPlanAs writes a plan as a plan file for an actor who may edit it.
func (s *Service) ExportPlanAs(ctx context.Context, a Actor, planID int64) ([]byte, *plan.Plan, error) {
	h, err := s.store.PlanHeader(ctx, planID)
	if err != nil {
		return nil, nil, err
	}
	if err := s.can(a, auth.PlanEdit, auth.Resource{RegionID: h.RegionID}); err != nil {
		return nil, nil, err
	}
	out, err := s.ExportPlan(ctx, planID)
	return out, h, err
}

// owedFromNow is the owed-from date of an indicator created now in a plan of a year: the
// service clock's date in China once the plan year has begun (an indicator added in June
// owes June on, never January to May), "" (the year's start) before.
func (s *Service) owedFromNow(year int) string {
	today := s.Now().In(China)
	if today.Year() < year {
		return ""
	}
	return today.Format(time.DateOnly)
}
