// Package planfile reads and writes a plan as a YAML (or JSON, a subset of YAML) file in
// the format lantu-plan/1, naming the line of every problem it finds.
package planfile

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"

	"github.com/lantu-dev/lantu/internal/plan"
)

// Format names the file format this package reads and writes.
const Format = "lantu-plan/1"

// File is the plan file as written. Field order is the order export writes.
type File struct {
	Format      string       `yaml:"format"`
	Region      Region       `yaml:"region"`
	Year        int          `yaml:"year"`
	Title       string       `yaml:"title"`
	AsOf        string       `yaml:"as_of,omitempty"`
	Settings    *Settings    `yaml:"settings,omitempty"`
	Documents   []Document   `yaml:"documents,omitempty"`
	Departments []Department `yaml:"departments,omitempty"`
	Zones       []Zone       `yaml:"zones"`
}

type Region struct {
	Code   string  `yaml:"code"`
	Name   string  `yaml:"name"`
	Parent *Region `yaml:"parent,omitempty"`
}

type Settings struct {
	AboutTolerance  *Dec `yaml:"about_tolerance,omitempty"`
	OnTrack         *Dec `yaml:"on_track,omitempty"`
	AtRisk          *Dec `yaml:"at_risk,omitempty"`
	SubmittedCounts bool `yaml:"submitted_counts,omitempty"`
	DueDay          *int `yaml:"due_day,omitempty"`
	LockAfterDays   *int `yaml:"lock_after_days,omitempty"`
}

type Document struct {
	Key    string `yaml:"key"`
	Title  string `yaml:"title"`
	Source string `yaml:"source,omitempty"`
	Date   string `yaml:"date,omitempty"`
	// File is a path relative to the plan file; Text holds the document inline.
	File string `yaml:"file,omitempty"`
	Text Text   `yaml:"text,omitempty"`
}

// Text is a document's text, written as a readable literal block where YAML keeps it
// exact, and double-quoted where it would not (YAML v3 drops a leading blank line of a
// block scalar), so that spans into it still point at the same characters.
type Text string

func (t Text) MarshalYAML() (any, error) {
	lit := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.LiteralStyle, Value: string(t)}
	if b, err := yaml.Marshal(lit); err == nil {
		var back string
		if yaml.Unmarshal(b, &back) == nil && back == string(t) {
			return lit, nil
		}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.DoubleQuotedStyle, Value: string(t)}, nil
}

type Department struct {
	Code     string `yaml:"code"`
	Name     string `yaml:"name"`
	Inferred bool   `yaml:"inferred,omitempty"`
}

type Zone struct {
	Code        string    `yaml:"code"`
	Name        string    `yaml:"name"`
	Description string    `yaml:"description,omitempty"`
	Programs    []Program `yaml:"programs,omitempty"`
}

type Program struct {
	Code        string      `yaml:"code"`
	Name        string      `yaml:"name"`
	Description string      `yaml:"description,omitempty"`
	Projects    []Project   `yaml:"projects,omitempty"`
	Indicators  []Indicator `yaml:"indicators,omitempty"`
}

type Project struct {
	Code        string `yaml:"code"`
	Name        string `yaml:"name"`
	Department  string `yaml:"department,omitempty"`
	Start       string `yaml:"start,omitempty"`
	End         string `yaml:"end,omitempty"`
	Description string `yaml:"description,omitempty"`
}

type Figure struct {
	Value     *Dec   `yaml:"value,omitempty"`
	Unit      string `yaml:"unit,omitempty"`
	Qualifier string `yaml:"qualifier,omitempty"`
	Period    string `yaml:"period,omitempty"`
	Note      string `yaml:"note,omitempty"`
}

type Span struct {
	Document string `yaml:"document"`
	Start    int    `yaml:"start"`
	End      int    `yaml:"end"`
}

type Indicator struct {
	Code         string   `yaml:"code"`
	Name         string   `yaml:"name"`
	Unit         string   `yaml:"unit,omitempty"`
	Kind         string   `yaml:"kind"`
	Direction    string   `yaml:"direction,omitempty"`
	Description  string   `yaml:"description,omitempty"`
	Target       *Dec     `yaml:"target,omitempty"`
	TargetMax    *Dec     `yaml:"target_max,omitempty"`
	Qualifier    string   `yaml:"qualifier,omitempty"`
	Due          string   `yaml:"due,omitempty"`
	OwedFrom     string   `yaml:"owed_from,omitempty"` // reports owed from this date (YYYY-MM-DD); empty: the year's start
	Project      string   `yaml:"project,omitempty"`
	Baseline     *Figure  `yaml:"baseline,omitempty"`
	Context      []Figure `yaml:"context,omitempty"`
	Period       string   `yaml:"period,omitempty"`
	Frequency    string   `yaml:"frequency,omitempty"`
	Accumulation string   `yaml:"accumulation,omitempty"`
	Department   string   `yaml:"department,omitempty"`
	Public       *bool    `yaml:"public,omitempty"`
	Source       *Span    `yaml:"source,omitempty"`
	StdCode      string   `yaml:"std_code,omitempty"` // the city's standard code, to sum and compare districts
	Reports      []Report `yaml:"reports,omitempty"`
}

// Report is a figure that comes with a plan file: the demo's illustrative months, or
// history a district brings along. They are loaded as approved reports.
type Report struct {
	Period       string `yaml:"period"`
	Value        *Dec   `yaml:"value,omitempty"`
	Cumulative   *bool  `yaml:"cumulative,omitempty"`
	LastYear     *Dec   `yaml:"last_year,omitempty"`
	Amount       *Dec   `yaml:"amount,omitempty"`
	Done         bool   `yaml:"done,omitempty"`
	Note         string `yaml:"note,omitempty"`
	Illustrative bool   `yaml:"illustrative,omitempty"`
}

// Dec is an exact decimal written in YAML as a number or a quoted string.
type Dec struct{ decimal.Decimal }

func (d *Dec) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: expected a number", n.Line)
	}
	v, err := decimal.NewFromString(strings.ReplaceAll(strings.TrimSpace(n.Value), ",", ""))
	if err != nil {
		return fmt.Errorf("line %d: %q is not a number", n.Line, n.Value)
	}
	d.Decimal = v
	return nil
}

func (d Dec) MarshalYAML() (any, error) { return d.Decimal.String(), nil }

func dec(d *Dec) *decimal.Decimal {
	if d == nil {
		return nil
	}
	v := d.Decimal
	return &v
}

func fromDec(d *decimal.Decimal) *Dec {
	if d == nil {
		return nil
	}
	return &Dec{*d}
}

// Loaded is a parsed and validated plan file with the reports it carries, keyed by
// indicator code.
type Loaded struct {
	Plan    *plan.Plan
	Reports map[string][]Report
}

// SyntaxError is a plan file that does not read as one, before any field is checked:
// not YAML, empty, a field the format does not have, a value of the wrong type. Code
// says which ("yaml", "empty", "field", "number", "type"), Line where (0: not known),
// Value the field or value in question; Detail is the YAML reader's own words.
type SyntaxError struct {
	Name   string
	Code   string
	Line   int
	Value  string
	Detail string
	Err    error
}

func (e *SyntaxError) Error() string { return e.Name + ": " + e.Detail }
func (e *SyntaxError) Unwrap() error { return e.Err }

var (
	yamlLine     = regexp.MustCompile(`line (\d+): (.*)`)
	unknownField = regexp.MustCompile(`^field (\S+) not found in type`)
	notNumber    = regexp.MustCompile(`^"(.*)" is not a number`)
)

// syntaxError names the first problem the YAML reader reports: its line and, for an
// unknown field or a value that is not a number, which.
func syntaxError(name, code, detail string, err error) *SyntaxError {
	e := &SyntaxError{Name: name, Code: code, Detail: detail, Err: err}
	if m := yamlLine.FindStringSubmatch(detail); m != nil {
		e.Line, _ = strconv.Atoi(m[1])
		first, _, _ := strings.Cut(m[2], "; ")
		if f := unknownField.FindStringSubmatch(first); f != nil {
			e.Code, e.Value = "field", f[1]
		} else if n := notNumber.FindStringSubmatch(first); n != nil {
			e.Code, e.Value = "number", n[1]
		}
	}
	return e
}

// Parse reads a plan file. Documents named by `file:` are read from fsys relative to
// name's folder (fsys may be nil when every document is inline). Every problem is
// returned at once, each with its line, as plan.ValidationErrors.
func Parse(fsys fs.FS, name string, data []byte) (*Loaded, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, syntaxError(name, "yaml", err.Error(), err)
	}
	if len(root.Content) == 0 {
		return nil, &SyntaxError{Name: name, Code: "empty", Detail: "the file is empty"}
	}
	var f File
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			return nil, syntaxError(name, "type", strings.Join(te.Errors, "; "), nil)
		}
		return nil, syntaxError(name, "type", err.Error(), err)
	}
	lines := map[string]int{}
	mapLines(root.Content[0], "", lines)

	var errs plan.ValidationErrors
	if f.Format != Format {
		errs = append(errs, plan.NewFieldError("", "format", "%q is not %q", f.Format, Format))
	}
	p, reports, convErrs := f.toPlan(fsys, path.Dir(name))
	errs = append(errs, convErrs...)
	if err := p.Validate(); err != nil {
		errs = append(errs, err.(plan.ValidationErrors)...)
	}
	if len(errs) > 0 {
		for _, e := range errs {
			e.Line = lineOf(lines, e.Path, e.Field)
		}
		return nil, errs
	}
	return &Loaded{Plan: p, Reports: reports}, nil
}

// mapLines records the line of every mapping key and sequence item under the path the
// validator uses: zones[0].programs[1].indicators[2].target.
func mapLines(n *yaml.Node, prefix string, lines map[string]int) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := k.Value
			if prefix != "" {
				p = prefix + "." + k.Value
			}
			lines[p] = k.Line
			mapLines(v, p, lines)
		}
	case yaml.SequenceNode:
		for i, item := range n.Content {
			p := prefix + "[" + strconv.Itoa(i) + "]"
			lines[p] = item.Line
			mapLines(item, p, lines)
		}
	}
}

// lineOf finds the line of a field, or of the nearest thing above it that has one.
func lineOf(lines map[string]int, p, field string) int {
	key := p
	if field != "" {
		if key != "" {
			key += "."
		}
		key += field
	}
	for key != "" {
		if l, ok := lines[key]; ok {
			return l
		}
		i := strings.LastIndexAny(key, ".[")
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return 0
}

func (f *File) toPlan(fsys fs.FS, dir string) (*plan.Plan, map[string][]Report, plan.ValidationErrors) {
	var errs plan.ValidationErrors
	p := &plan.Plan{
		Region:   plan.Region{Code: f.Region.Code, Name: f.Region.Name},
		Year:     f.Year,
		Title:    f.Title,
		Settings: plan.DefaultSettings(),
	}
	if f.Region.Parent != nil {
		p.Region.ParentCode = f.Region.Parent.Code
	}
	if f.AsOf != "" {
		t, err := time.Parse("2006-01-02", f.AsOf)
		if err != nil {
			errs = append(errs, plan.NewFieldError("", "as_of", "%q is not a date (YYYY-MM-DD)", f.AsOf))
		} else {
			p.AsOf = &t
		}
	}
	if s := f.Settings; s != nil {
		if s.AboutTolerance != nil {
			p.Settings.AboutTolerance = s.AboutTolerance.Decimal
		}
		if s.OnTrack != nil {
			p.Settings.OnTrack = s.OnTrack.Decimal
		}
		if s.AtRisk != nil {
			p.Settings.AtRisk = s.AtRisk.Decimal
		}
		p.Settings.SubmittedCounts = s.SubmittedCounts
		if s.DueDay != nil {
			p.Settings.DueDay = *s.DueDay
		}
		if s.LockAfterDays != nil {
			p.Settings.LockAfterDays = *s.LockAfterDays
		}
	}
	for i, d := range f.Documents {
		doc := plan.Document{Key: d.Key, Title: d.Title, Source: d.Source, Date: d.Date, Text: string(d.Text)}
		switch {
		case d.File != "" && d.Text != "":
			errs = append(errs, plan.NewFieldError(fmt.Sprintf("documents[%d]", i), "file", "give file or text, not both"))
		case d.File != "":
			if fsys == nil {
				errs = append(errs, plan.NewFieldError(fmt.Sprintf("documents[%d]", i), "file", "documents by file are not read here; put the text inline"))
				break
			}
			b, err := fs.ReadFile(fsys, path.Join(dir, d.File))
			if err != nil {
				errs = append(errs, &plan.FieldError{Path: fmt.Sprintf("documents[%d]", i), Field: "file", Message: err.Error()})
			}
			doc.Text = string(b)
		}
		p.Documents = append(p.Documents, doc)
	}
	for _, d := range f.Departments {
		p.Departments = append(p.Departments, plan.Department{Code: d.Code, Name: d.Name, Inferred: d.Inferred})
	}
	reports := map[string][]Report{}
	for zi, z := range f.Zones {
		zone := plan.Zone{Code: z.Code, Name: z.Name, Description: z.Description, Position: zi}
		for pi, pr := range z.Programs {
			prog := plan.Program{Code: pr.Code, Name: pr.Name, Description: pr.Description, Position: pi}
			for ji, pj := range pr.Projects {
				prog.Projects = append(prog.Projects, plan.Project{Code: pj.Code, Name: pj.Name, DeptCode: pj.Department,
					Start: pj.Start, End: pj.End, Description: pj.Description, Position: ji})
			}
			for ii, in := range pr.Indicators {
				ind := in.toIndicator(p.Year)
				ind.Position = ii
				prog.Indicators = append(prog.Indicators, ind)
				if len(in.Reports) > 0 {
					reports[in.Code] = in.Reports
				}
			}
			zone.Programs = append(zone.Programs, prog)
		}
		p.Zones = append(p.Zones, zone)
	}
	return p, reports, errs
}

func toFigure(f *Figure) *plan.Figure {
	if f == nil {
		return nil
	}
	return &plan.Figure{Value: dec(f.Value), Unit: f.Unit, Qualifier: plan.Qualifier(f.Qualifier), Period: f.Period, Note: f.Note}
}

func fromFigure(f *plan.Figure) *Figure {
	if f == nil {
		return nil
	}
	return &Figure{Value: fromDec(f.Value), Unit: f.Unit, Qualifier: string(f.Qualifier), Period: f.Period, Note: f.Note}
}

// toIndicator fills the defaults a plan file may leave out.
func (in *Indicator) toIndicator(year int) plan.Indicator {
	ind := plan.Indicator{
		Code: in.Code, Name: in.Name, Unit: in.Unit, Kind: plan.Kind(in.Kind),
		Direction: plan.Direction(in.Direction), Description: in.Description,
		Target: dec(in.Target), TargetMax: dec(in.TargetMax), Qualifier: plan.Qualifier(in.Qualifier),
		Due: in.Due, OwedFrom: in.OwedFrom, ProjectCode: in.Project, Baseline: toFigure(in.Baseline),
		Period: in.Period, Frequency: plan.Frequency(in.Frequency), Accumulation: plan.Accumulation(in.Accumulation),
		DeptCode: in.Department, Public: in.Public == nil || *in.Public, StdCode: strings.TrimSpace(in.StdCode),
	}
	for i := range in.Context {
		ind.Context = append(ind.Context, *toFigure(&in.Context[i]))
	}
	if ind.Direction == "" {
		ind.Direction = plan.Higher
	}
	if ind.Qualifier == "" {
		ind.Qualifier = plan.QualExact
	}
	if ind.Period == "" {
		ind.Period = strconv.Itoa(year)
	}
	if ind.Frequency == "" {
		ind.Frequency = plan.Monthly
	}
	if ind.Accumulation == "" {
		ind.Accumulation = plan.Cumulative
	}
	if in.Source != nil {
		ind.Source = &plan.Span{Document: in.Source.Document, Start: in.Source.Start, End: in.Source.End}
	}
	return ind
}

// FromPlan makes the file form of a plan, documents inline, so that one file holds it all.
func FromPlan(p *plan.Plan, reports map[string][]Report) *File {
	f := &File{Format: Format, Region: Region{Code: p.Region.Code, Name: p.Region.Name}, Year: p.Year, Title: p.Title}
	if p.Region.ParentCode != "" {
		f.Region.Parent = &Region{Code: p.Region.ParentCode}
	}
	if p.AsOf != nil {
		f.AsOf = p.AsOf.Format("2006-01-02")
	}
	s := p.Settings
	f.Settings = &Settings{AboutTolerance: &Dec{s.AboutTolerance}, OnTrack: &Dec{s.OnTrack}, AtRisk: &Dec{s.AtRisk},
		SubmittedCounts: s.SubmittedCounts, DueDay: &s.DueDay, LockAfterDays: &s.LockAfterDays}
	for _, d := range p.Documents {
		f.Documents = append(f.Documents, Document{Key: d.Key, Title: d.Title, Source: d.Source, Date: d.Date, Text: Text(d.Text)})
	}
	for _, d := range p.Departments {
		f.Departments = append(f.Departments, Department{Code: d.Code, Name: d.Name, Inferred: d.Inferred})
	}
	for _, z := range p.Zones {
		fz := Zone{Code: z.Code, Name: z.Name, Description: z.Description}
		for _, pr := range z.Programs {
			fp := Program{Code: pr.Code, Name: pr.Name, Description: pr.Description}
			for _, pj := range pr.Projects {
				fp.Projects = append(fp.Projects, Project{Code: pj.Code, Name: pj.Name, Department: pj.DeptCode, Start: pj.Start, End: pj.End, Description: pj.Description})
			}
			for _, ind := range pr.Indicators {
				public := ind.Public
				fi := Indicator{Code: ind.Code, Name: ind.Name, Unit: ind.Unit, Kind: string(ind.Kind), Direction: string(ind.Direction),
					Description: ind.Description, Target: fromDec(ind.Target), TargetMax: fromDec(ind.TargetMax),
					Qualifier: string(ind.Qualifier), Due: ind.Due, OwedFrom: ind.OwedFrom, Project: ind.ProjectCode, Baseline: fromFigure(ind.Baseline),
					Period: ind.Period, Frequency: string(ind.Frequency), Accumulation: string(ind.Accumulation),
					Department: ind.DeptCode, Public: &public, StdCode: ind.StdCode, Reports: reports[ind.Code]}
				for i := range ind.Context {
					fi.Context = append(fi.Context, *fromFigure(&ind.Context[i]))
				}
				if ind.Source != nil {
					fi.Source = &Span{Document: ind.Source.Document, Start: ind.Source.Start, End: ind.Source.End}
				}
				fp.Indicators = append(fp.Indicators, fi)
			}
			fz.Programs = append(fz.Programs, fp)
		}
		f.Zones = append(f.Zones, fz)
	}
	return f
}

// Marshal writes a plan file as YAML.
func Marshal(f *File) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("# lantu plan file (" + Format + "); see README.md for the format.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("encode plan file: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode plan file: %w", err)
	}
	return buf.Bytes(), nil
}
