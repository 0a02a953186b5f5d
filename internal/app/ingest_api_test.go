package app

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/lantu-dev/lantu/internal/store"
)

// The API takes the document's date, stores it with the document, reads the facts
// against its year and shows it again with the stored facts; a date that is not
// one is refused, naming the field; with no date the date found in the text is used.
func TestIngestAPIDocumentDate(t *testing.T) {
	eachDB(t, func(t *testing.T, open func(testing.TB) *store.Store) {
		w := newMatrixWorldOn(t, open(t))
		path := fmt.Sprintf("/api/v1/plans/%d/documents", w.planID)
		text := "区政府工作报告\n\n一、过去一年工作回顾\n\n全区地区生产总值达到520亿元。\n\n二、今年主要任务\n\n新增就业3万人以上。"
		type fact struct {
			Kind   string  `json:"kind"`
			Value  float64 `json:"value"`
			Period *string `json:"period"`
		}
		type answer struct {
			Key        string `json:"key"`
			Date       string `json:"date"`
			DateSource string `json:"date_source"`
			Year       int    `json:"year"`
			Facts      []fact `json:"facts"`
		}
		// the API wraps its answers in {"data": …}
		decodeAnswer := func(body string, a *answer) error {
			var env struct {
				Data *answer `json:"data"`
			}
			env.Data = a
			return json.Unmarshal([]byte(body), &env)
		}
		post := func(body map[string]any) (int, string) {
			b, _ := json.Marshal(body)
			return w.call(t, "admin", "POST", path, "application/json", string(b))
		}
		code, body := post(map[string]any{"title": "区政府工作报告", "name": "report.txt", "text": text, "date": "2023-01-12"})
		if code != 200 && code != 201 {
			t.Fatalf("ingest = %d: %.300s", code, body)
		}
		var got answer
		if err := decodeAnswer(body, &got); err != nil {
			t.Fatal(err)
		}
		if got.Date != "2023-01-12" || got.DateSource != "form" || got.Year != 2023 {
			t.Fatalf("date %q (%s), year %d; want 2023-01-12 (form), 2023: %.300s", got.Date, got.DateSource, got.Year, body)
		}
		// the review is of 2022, the tasks of 2023: the year comes from the date given
		periods := map[float64]string{}
		for _, f := range got.Facts {
			if f.Period != nil {
				periods[f.Value] = *f.Period
			}
		}
		if periods[5.2e10] != "2022" || periods[30000] != "2023" {
			t.Errorf("periods %v, want 520亿元 in 2022 and 3万人 in 2023", periods)
		}
		// stored: the document's facts show the same date
		code, body = w.call(t, "admin", "GET", path+"/"+got.Key+"/facts", "", "")
		var again answer
		if code != 200 || decodeAnswer(body, &again) != nil || again.Date != "2023-01-12" || again.DateSource != "form" || again.Year != 2023 {
			t.Fatalf("facts of %s = %d: %.300s", got.Key, code, body)
		}
		// a date that is not one: refused, naming the field, nothing stored
		code, body = post(map[string]any{"title": "坏日期", "name": "bad.txt", "text": text, "date": "2023-02-30"})
		if code != 422 && code != 400 || !strings.Contains(body, "date") || !strings.Contains(body, "2023-02-30") {
			t.Errorf("bad date = %d: %.300s", code, body)
		}
		// no date: the date the text states
		code, body = post(map[string]any{"title": "带日期", "name": "dated.txt", "text": "——2021年1月20日在区人民代表大会上\n\n" + text})
		var dated answer
		if code != 200 && code != 201 || decodeAnswer(body, &dated) != nil || dated.Date != "2021-01-20" || dated.DateSource != "text" || dated.Year != 2021 {
			t.Errorf("no date given = %d: %.300s", code, body)
		}
	})
}
