package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

// IsCSVName says whether a file name names the CSV form of a reporting workbook.
func IsCSVName(name string) bool { return strings.HasSuffix(strings.ToLower(name), ".csv") }

// Form is a written template ready to send or save: its bytes, content type and a file
// name people recognise (区商务委-2022-03-填报.xlsx).
type Form struct {
	Data        []byte
	ContentType string
	Name        string
}

// WriteForm writes a template as .xlsx, or as CSV when csv is set.
func WriteForm(t Template, csv bool) (Form, error) {
	var buf bytes.Buffer
	f := Form{ContentType: ContentTypeXLSX}
	ext := "xlsx"
	var err error
	if csv {
		f.ContentType, ext = ContentTypeCSV, "csv"
		err = WriteTemplateCSV(&buf, t)
	} else {
		err = WriteTemplate(&buf, t)
	}
	if err != nil {
		return Form{}, err
	}
	f.Data, f.Name = buf.Bytes(), fmt.Sprintf("%s-%s-填报.%s", t.Department, t.Period, ext)
	return f, nil
}

// ReadForm reads a filled form held in memory: CSV when csv is set, else .xlsx.
func ReadForm(data []byte, csv bool) ([]Entry, error) {
	if csv {
		return ReadCSV(bytes.NewReader(data))
	}
	return ReadWorkbook(io.Reader(bytes.NewReader(data)), int64(len(data)))
}
