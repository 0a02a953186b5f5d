package web

import (
	"reflect"
	"testing"
)

// An audit row's before and after are read into the fields that changed, named as the
// forms name them, in the reader's language; text that is not a JSON object stays as it is.
func TestAuditChanges(t *testing.T) {
	for _, c := range []struct {
		name, lang, before, after string
		want                      []auditChange
		ok                        bool
	}{
		{"owner moved", "zh", `{"department":"区商务委","unit":"元"}`, `{"department":"区发改委","unit":"元"}`,
			[]auditChange{{Field: "责任单位", Before: "区商务委", After: "区发改委"}}, true},
		{"owner moved, English", "en", `{"department":"区商务委"}`, `{"department":"区发改委"}`,
			[]auditChange{{Field: "Owner department", Before: "区商务委", After: "区发改委"}}, true},
		{"created: after only, sorted", "zh", ``, `{"value":"75000000","period":"2022-03","state":"draft"}`,
			[]auditChange{{Field: "报告期", After: "2022-03"}, {Field: "状态", After: "草稿"}, {Field: "本期数值", After: "75000000"}}, true},
		{"approved: state in words, time in China time", "zh",
			`{"state":"submitted","version":2}`, `{"state":"approved","version":3,"reviewed_at":"2022-04-05T02:00:00Z"}`,
			[]auditChange{{Field: "审核时间", After: "2022-04-05 10:00:00"}, {Field: "状态", Before: "待审核", After: "已审核"}, {Field: "版本", Before: "2", After: "3"}}, true},
		{"yes and no", "en", `{"public":"true"}`, `{"public":"false"}`, []auditChange{{Field: "Public", Before: "yes", After: "no"}}, true},
		{"removed field", "zh", `{"note":"x"}`, `{}`, []auditChange{{Field: "备注", Before: "x", After: ""}}, true},
		{"nothing changed", "zh", `{"a":1}`, `{"a":1}`, nil, true},
		{"not JSON: shown as stored", "zh", `old text`, `{"a":1}`, nil, false},
		{"a list is not an object", "zh", ``, `[1,2]`, nil, false},
	} {
		got, ok := auditChanges(c.lang, c.before, c.after)
		if ok != c.ok || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got %+v %v; want %+v %v", c.name, got, ok, c.want, c.ok)
		}
	}
}
