package invest

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// China is the zone visits are planned in and dates are told in (no daylight saving).
var China = time.FixedZone("CST", 8*3600)

// ParseDate reads a China calendar date (YYYY-MM-DD) as midnight UTC of that date, the
// form every stage date, funds date and rate date is kept in.
func ParseDate(field, s string) (time.Time, error) {
	d, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, invalid(field, "date.invalid", s)
	}
	return d, nil
}

// DateOf is the China calendar date of a moment, as kept (midnight UTC).
func DateOf(t time.Time) time.Time {
	c := t.In(China)
	return time.Date(c.Year(), c.Month(), c.Day(), 0, 0, 0, 0, time.UTC)
}

// Kind is what an enterprise is known as: 世界500强, 上市公司, 行业龙头, 专精特新 …
type Kind string

const (
	KindFortune500 Kind = "fortune500" // 世界500强
	KindListed     Kind = "listed"     // 上市公司
	KindLeader     Kind = "leader"     // 行业龙头
	KindSpecialist Kind = "specialist" // 专精特新
	KindChina500   Kind = "china500"   // 中国500强
	KindForeign    Kind = "foreign"    // 外资企业
)

// Kinds are the kinds lantu knows, in the order pages list them.
var Kinds = []Kind{KindFortune500, KindChina500, KindListed, KindLeader, KindSpecialist, KindForeign}

var kindNames = map[string]Kind{"世界500强": KindFortune500, "中国500强": KindChina500, "上市公司": KindListed,
	"行业龙头": KindLeader, "龙头企业": KindLeader, "专精特新": KindSpecialist, "外资企业": KindForeign}

// ParseKind reads a kind by code or Chinese name.
func ParseKind(s string) (Kind, error) {
	s = strings.TrimSpace(s)
	if k := Kind(strings.ToLower(s)); slices.Contains(Kinds, k) {
		return k, nil
	}
	if k, ok := kindNames[s]; ok {
		return k, nil
	}
	return "", invalid("kinds", "kind.unknown", s)
}

// ParseKinds reads a list of kinds separated by commas, 、 or semicolons.
func ParseKinds(s string) ([]Kind, error) {
	var out []Kind
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == ';' || r == '；' }) {
		if strings.TrimSpace(f) == "" {
			continue
		}
		k, err := ParseKind(f)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out, nil
}

// Text limits, in characters.
const (
	MaxNameLen = 100
	MaxTextLen = 2000
)

// Enterprise is a company the centre knows: settled in the district or pursued.
type Enterprise struct {
	ID         int64  `json:"id"`
	RegionID   int64  `json:"region_id"`
	DeptID     int64  `json:"department_id,omitempty"` // the centre that owns the record
	Name       string `json:"name"`
	CreditCode string `json:"credit_code,omitempty"` // 统一社会信用代码; empty when not known yet
	HQCity     string `json:"hq_city,omitempty"`     // 总部所在城市
	Kinds      []Kind `json:"kinds"`
	// Settled marks an enterprise already in the district (在区企业); Park is where.
	Settled      bool      `json:"settled"`
	Park         string    `json:"park,omitempty"`
	LinkIDs      []int64   `json:"link_ids"` // chain links it belongs to
	OwnerID      int64     `json:"owner_id"` // the officer who owns the record
	OwnerName    string    `json:"owner_name,omitempty"`
	Notes        string    `json:"notes,omitempty"`
	Illustrative bool      `json:"illustrative,omitempty"`
	Version      int       `json:"version"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// NameKey is the enterprise's normalised name, for duplicates.
func (e Enterprise) NameKey() string { return NormalizeName(e.Name) }

// Normalize trims the fields as typed and normalises the credit code.
func (e *Enterprise) Normalize() {
	e.Name = strings.TrimSpace(e.Name)
	e.CreditCode = NormalizeCreditCode(e.CreditCode)
	e.HQCity, e.Park, e.Notes = strings.TrimSpace(e.HQCity), strings.TrimSpace(e.Park), strings.TrimSpace(e.Notes)
}

// Validate checks an enterprise after Normalize: a name, a credit code that checks (when
// given), bounded texts.
func (e Enterprise) Validate() error {
	var es Errors
	es = text(es, "name", e.Name, MaxNameLen, true)
	if e.CreditCode != "" {
		if err := CheckCreditCode(e.CreditCode); err != nil {
			es = append(es, err.(*Error))
		}
	}
	es = text(es, "hq_city", e.HQCity, MaxNameLen, false)
	es = text(es, "park", e.Park, MaxNameLen, false)
	es = text(es, "notes", e.Notes, MaxTextLen, false)
	if e.OwnerID == 0 {
		es = append(es, invalid("owner", "owner.required"))
	}
	return es.orNil()
}

func text(es Errors, field, s string, limit int, required bool) Errors {
	switch {
	case required && s == "":
		return append(es, invalid(field, "required"))
	case !utf8.ValidString(s):
		return append(es, invalid(field, "utf8"))
	case utf8.RuneCountInString(s) > limit:
		return append(es, invalid(field, "too_long", limit))
	}
	return es
}

// FindDuplicate looks for an enterprise among others that is the same as e: the same
// credit code, or the same normalised name. The first match is returned as a
// *DuplicateError, for the user to merge into instead.
func FindDuplicate(e Enterprise, others []Enterprise) error {
	key := e.NameKey()
	for _, o := range others {
		if o.ID == e.ID && e.ID != 0 {
			continue
		}
		if e.CreditCode != "" && o.CreditCode == e.CreditCode {
			return &DuplicateError{ExistingID: o.ID, ExistingName: o.Name, By: "credit_code"}
		}
	}
	for _, o := range others {
		if o.ID == e.ID && e.ID != 0 {
			continue
		}
		if key != "" && o.NameKey() == key {
			return &DuplicateError{ExistingID: o.ID, ExistingName: o.Name, By: "name"}
		}
	}
	return nil
}

// Contact is a person at an enterprise: personal data, shown only to the owning officer,
// the centre's head and admins, and every read of a contact list is audited.
type Contact struct {
	ID           int64  `json:"id"`
	EnterpriseID int64  `json:"enterprise_id"`
	Name         string `json:"name"`
	Title        string `json:"title,omitempty"`
	Phone        string `json:"phone,omitempty"`
	Email        string `json:"email,omitempty"`
	Note         string `json:"note,omitempty"`
}

// Validate checks a contact.
func (c Contact) Validate() error {
	var es Errors
	es = text(es, "name", strings.TrimSpace(c.Name), MaxNameLen, true)
	es = text(es, "title", c.Title, MaxNameLen, false)
	es = text(es, "phone", c.Phone, 40, false)
	if c.Email != "" && (!strings.Contains(c.Email, "@") || strings.ContainsAny(c.Email, " \t\r\n")) {
		es = append(es, invalid("email", "email.invalid", c.Email))
	}
	es = text(es, "note", c.Note, MaxTextLen, false)
	return es.orNil()
}

// Lead is a project the centre pursues (招商项目): from a clue to a producing plant.
type Lead struct {
	ID           int64     `json:"id"`
	RegionID     int64     `json:"region_id"`
	DeptID       int64     `json:"department_id,omitempty"`
	Name         string    `json:"name"`
	EnterpriseID int64     `json:"enterprise_id,omitempty"`
	Enterprise   string    `json:"enterprise,omitempty"`
	Stage        Stage     `json:"stage"`
	StageOn      time.Time `json:"stage_on"` // the date the current stage was reached
	// Reason is why a terminated lead was given up.
	Reason string `json:"reason,omitempty"`
	// PlannedInvestment is the planned investment (计划投资额) in Currency.
	PlannedInvestment *decimal.Decimal `json:"planned_investment,omitempty"`
	Currency          Currency         `json:"currency"`
	Foreign           bool             `json:"foreign"`                 // foreign-funded (外资项目)
	YearlyOutput      *decimal.Decimal `json:"yearly_output,omitempty"` // 预计年产值, 元
	YearlyTax         *decimal.Decimal `json:"yearly_tax,omitempty"`    // 预计年税收, 元
	Park              string           `json:"park,omitempty"`          // 园区
	LinkID            int64            `json:"link_id,omitempty"`       // the chain link it fills
	OwnerID           int64            `json:"owner_id"`
	OwnerName         string           `json:"owner_name,omitempty"`
	Notes             string           `json:"notes,omitempty"`
	Illustrative      bool             `json:"illustrative,omitempty"`
	Version           int              `json:"version"`
	CreatedAt         time.Time        `json:"created_at"`
	UpdatedAt         time.Time        `json:"updated_at"`
}

// Normalize trims the fields as typed.
func (l *Lead) Normalize() {
	l.Name, l.Park, l.Notes = strings.TrimSpace(l.Name), strings.TrimSpace(l.Park), strings.TrimSpace(l.Notes)
	if l.Currency == "" {
		l.Currency = CNY
	}
	if l.Stage == "" {
		l.Stage = StageClue
	}
}

// Validate checks a lead after Normalize.
func (l Lead) Validate() error {
	var es Errors
	es = text(es, "name", l.Name, MaxNameLen, true)
	if !l.Stage.Valid() || l.Stage == StageTerminated {
		es = append(es, invalid("stage", "stage.start", string(l.Stage)))
	}
	if _, err := ParseCurrency(string(l.Currency)); err != nil {
		es = append(es, err.(*Error))
	}
	for _, a := range []struct {
		field string
		v     *decimal.Decimal
	}{{"planned_investment", l.PlannedInvestment}, {"yearly_output", l.YearlyOutput}, {"yearly_tax", l.YearlyTax}} {
		if a.v == nil {
			continue
		}
		if a.v.IsNegative() {
			es = append(es, invalid(a.field, "amount.negative"))
		} else if a.v.GreaterThan(MaxAmount) {
			es = append(es, invalid(a.field, "amount.too_large", MaxAmount.String()))
		}
	}
	es = text(es, "park", l.Park, MaxNameLen, false)
	es = text(es, "notes", l.Notes, MaxTextLen, false)
	if l.OwnerID == 0 {
		es = append(es, invalid("owner", "owner.required"))
	}
	return es.orNil()
}

// VisitStatus is whether a visit is still planned, took place, or was called off.
type VisitStatus string

const (
	VisitPlanned   VisitStatus = "planned"
	VisitDone      VisitStatus = "done"
	VisitCancelled VisitStatus = "cancelled"
)

// Visit is an officer's visit to an enterprise: the notebook line of 3月18日 10:00, 上海.
type Visit struct {
	ID           int64       `json:"id"`
	RegionID     int64       `json:"region_id"`
	DeptID       int64       `json:"department_id,omitempty"`
	UID          string      `json:"uid"` // the iCalendar UID, made once and never changed
	Starts       time.Time   `json:"starts"`
	Minutes      int         `json:"minutes"` // how long; 0 = 90 minutes
	City         string      `json:"city"`
	EnterpriseID int64       `json:"enterprise_id,omitempty"`
	Enterprise   string      `json:"enterprise,omitempty"` // the enterprise's name, or who is visited when not yet an enterprise
	LeadID       int64       `json:"lead_id,omitempty"`
	OwnerID      int64       `json:"owner_id"`
	OwnerName    string      `json:"owner_name,omitempty"`
	OfficerIDs   []int64     `json:"officer_ids"` // who goes, the owner included
	Purpose      string      `json:"purpose,omitempty"`
	Outcome      string      `json:"outcome,omitempty"`
	NextStep     string      `json:"next_step,omitempty"`
	NextOn       time.Time   `json:"next_on,omitzero"`
	Status       VisitStatus `json:"status"`
	Illustrative bool        `json:"illustrative,omitempty"`
	Sequence     int         `json:"sequence"` // iCalendar SEQUENCE: bumped by every change
	CreatedAt    time.Time   `json:"created_at"`
	UpdatedAt    time.Time   `json:"updated_at"`
}

// DefaultVisitMinutes is a visit's length when none is given.
const DefaultVisitMinutes = 90

// Ends is when the visit is planned to end.
func (v Visit) Ends() time.Time {
	m := v.Minutes
	if m <= 0 {
		m = DefaultVisitMinutes
	}
	return v.Starts.Add(time.Duration(m) * time.Minute)
}

// Normalize trims the fields as typed and sets the defaults.
func (v *Visit) Normalize() {
	v.City, v.Enterprise = strings.TrimSpace(v.City), strings.TrimSpace(v.Enterprise)
	v.Purpose, v.Outcome, v.NextStep = strings.TrimSpace(v.Purpose), strings.TrimSpace(v.Outcome), strings.TrimSpace(v.NextStep)
	if v.Status == "" {
		v.Status = VisitPlanned
	}
	if v.Minutes == 0 {
		v.Minutes = DefaultVisitMinutes
	}
	if v.OwnerID != 0 && !slices.Contains(v.OfficerIDs, v.OwnerID) {
		v.OfficerIDs = append([]int64{v.OwnerID}, v.OfficerIDs...)
	}
}

// Validate checks a visit after Normalize.
func (v Visit) Validate() error {
	var es Errors
	if v.Starts.IsZero() {
		es = append(es, invalid("starts", "required"))
	}
	es = text(es, "city", v.City, MaxNameLen, true)
	if v.EnterpriseID == 0 && v.Enterprise == "" {
		es = append(es, invalid("enterprise", "required"))
	}
	es = text(es, "enterprise", v.Enterprise, MaxNameLen, false)
	if v.Minutes < 0 || v.Minutes > 24*60 {
		es = append(es, invalid("minutes", "visit.minutes", v.Minutes))
	}
	switch v.Status {
	case VisitPlanned, VisitDone, VisitCancelled:
	default:
		es = append(es, invalid("status", "visit.status", string(v.Status)))
	}
	for _, f := range []struct{ field, s string }{{"purpose", v.Purpose}, {"outcome", v.Outcome}, {"next_step", v.NextStep}} {
		es = text(es, f.field, f.s, MaxTextLen, false)
	}
	if !v.NextOn.IsZero() && !v.Starts.IsZero() && v.NextOn.Before(DateOf(v.Starts)) {
		es = append(es, invalid("next_on", "visit.next_before", v.NextOn.Format(time.DateOnly)))
	}
	if v.OwnerID == 0 {
		es = append(es, invalid("owner", "owner.required"))
	}
	return es.orNil()
}

// When is the visit's start in China time, as the calendar pages write it.
func (v Visit) When() string { return v.Starts.In(China).Format("2006-01-02 15:04") }

// Clock is the visit's start time of day in China time (10:00).
func (v Visit) Clock() string { return v.Starts.In(China).Format("15:04") }
