package xlsx

import (
	"time"

	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/shopspring/decimal"
)

// Row is one indicator line of a template.
type Row struct {
	IndicatorID int64
	Code, Name  string
	Unit        string
	Kind        plan.Kind // "" is read as level
	Qualifier   plan.Qualifier
	Target      *decimal.Decimal
	TargetMax   *decimal.Decimal // upper end of a range target
	Due         string           // a milestone's date, YYYY-MM-DD
	Department  string           // the responsible department's name (kept in the meta sheet)
	// LastPeriod and LastValue are the latest figure that counts, shown for reference.
	LastPeriod string
	LastValue  *decimal.Decimal
	// Cumulative says the indicator's figures are year-to-date (累计); it prefills 是否累计.
	Cumulative bool
}

// Template is one department's reporting form for one period.
type Template struct {
	PlanTitle, Region, Department string
	Period                        progress.Period
	Rows                          []Row
	GeneratedAt                   time.Time
}

// Entry is one filled line read back from an upload. Row is the sheet row (or CSV
// line) it came from. Value is nil for a milestone (its figure is Done) and for a
// growth line given as Amount and LastYear only.
type Entry struct {
	Sheet       string
	Row         int
	IndicatorID int64
	Code        string
	Period      progress.Period
	Value       *decimal.Decimal
	Cumulative  bool
	LastYear    *decimal.Decimal
	Amount      *decimal.Decimal
	Done        bool
	Note        string
	Cause       string
	Remedy      string

	cols [nFields]int // where each field was read from, to name cells in Fail
}

// Fail names a cell of the entry's line for a check made after reading (that the
// indicator is the uploader's, progress.Validate, an explanation rule), so the
// service can refuse the upload with the same list as ReadWorkbook's. field is a
// report field: indicator_id, code, period, value, cumulative, last_year, amount,
// done, note, cause, remedy; the column is "" for another or one the file lacks. code
// and args say why (a code of i18n's "xlsx.err." messages, or "valid.<code>" of a
// report rule). The echoed Value is left empty.
func (e Entry) Fail(name, code string, args ...any) CellError {
	ce := CellError{Sheet: e.Sheet, Row: e.Row, Code: code, Args: args}
	read := e.cols != [nFields]int{} // an Entry made by hand has no columns
	for f := field(0); f < nFields; f++ {
		if columns[f].en == name || f == fID && name == "indicator_id" {
			ce.Field = f.name()
			if read && e.cols[f] >= 0 {
				ce.Column = colName(e.cols[f] + 1)
			}
		}
	}
	return ce
}

// Sheet and file names.
const (
	SheetForm  = "填报"
	SheetHelp  = "说明"
	SheetMeta  = "_meta"  // very hidden: template version, period, indicator ids
	SheetCSV   = "CSV"    // the Sheet of errors and entries read from a CSV form
	Version    = "1"      // the template layout version written to the meta sheet
	MaxText    = 2000     // longest note, cause or remedy, in characters
	MaxUpload  = 20 << 20 // largest upload read, in bytes
	headerRows = 3        // title, Chinese headers, English headers
)

// Content types to serve the two forms with.
const (
	ContentTypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	ContentTypeCSV  = "text/csv; charset=utf-8"
)

// field is one column of the form.
type field int

const (
	fID field = iota
	fCode
	fName
	fUnit
	fTarget
	fLast
	fPeriod
	fValue
	fCumulative
	fLastYear
	fAmount
	fDone
	fNote
	fCause
	fRemedy
	nFields
)

// columns are the form's columns in order (A to O); zh is the header of the
// template and the CSV, en the second header line and the English CSV header.
var columns = [nFields]struct {
	zh, en string
	width  float64
	hint   string
}{
	fID:         {"指标编号", "id", 9, "系统编号，勿改"},
	fCode:       {"指标代码", "code", 11, "勿改"},
	fName:       {"指标名称", "name", 32, ""},
	fUnit:       {"单位", "unit", 9, ""},
	fTarget:     {"目标", "target", 24, ""},
	fLast:       {"上期数值", "last", 13, "最近一期已计入的数值，批注为其期间"},
	fPeriod:     {"报告期", "period", 10, "勿改"},
	fValue:      {"本期数值", "value", 14, "填数字；可写1.5亿、3万（换算为150000000、30000）；单位已是万/亿的直接填数字"},
	fCumulative: {"是否累计", "cumulative", 9, "是：本期数值为年初至今累计；否：仅本期"},
	fLastYear:   {"上年同期", "last_year", 13, "上年同期累计数（增长类指标）"},
	fAmount:     {"本期累计额", "amount", 13, "本年累计额（增长类指标，与上年同期同填）"},
	fDone:       {"是否完成", "done", 9, "里程碑：是/否"},
	fNote:       {"备注", "note", 24, ""},
	fCause:      {"原因说明", "cause", 24, "滞后时填写"},
	fRemedy:     {"整改措施", "remedy", 24, "滞后时填写"},
}

func (f field) col() string    { return colName(int(f) + 1) }
func (f field) header() string { return columns[f].zh + " " + columns[f].en }

// name is the field's English column name, as CellError.Field gives it.
func (f field) name() string { return columns[f].en }

func kindOf(k plan.Kind) plan.Kind {
	if k == "" {
		return plan.KindLevel
	}
	return k
}
