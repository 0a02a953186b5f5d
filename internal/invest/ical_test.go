package invest

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestFold(t *testing.T) {
	long := strings.Repeat("拜访", 40) // 240 octets of three-byte characters
	out := fold("SUMMARY:" + long)
	for i, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line %d is %d octets", i, len(l))
		}
		if i > 0 && !strings.HasPrefix(l, " ") {
			t.Errorf("continuation %d without a space", i)
		}
	}
	if got := strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", ""); got != "SUMMARY:"+long {
		t.Error("unfolding does not give the line back")
	}
	if fold("A:b") != "A:b\r\n" {
		t.Errorf("short line folded: %q", fold("A:b"))
	}
	if got := fold(strings.Repeat("x", 75)); strings.Contains(got, "\r\n ") {
		t.Error("a line of exactly 75 octets was folded")
	}
}

func TestEscapeText(t *testing.T) {
	tests := map[string]string{
		"上海, 生物医药; 龙头": `上海\, 生物医药\; 龙头`,
		"a\\b":         `a\\b`,
		"一\n二\r\n三":    `一\n二\n三`,
	}
	for in, want := range tests {
		if got := EscapeText(in); got != want {
			t.Errorf("EscapeText(%q) = %q, want %q", in, got, want)
		}
		if back := unescapeText(EscapeText(in)); back != strings.ReplaceAll(in, "\r\n", "\n") {
			t.Errorf("round trip of %q gave %q", in, back)
		}
	}
}

func TestWriteICalReadsBack(t *testing.T) {
	start := time.Date(2022, 3, 18, 10, 0, 0, 0, China)
	c := Calendar{Name: "方楠的拜访", Stamp: time.Date(2022, 3, 15, 1, 2, 3, 0, time.UTC), Events: []CalendarEvent{
		{UID: "visit-1@lantu", Start: start, End: start.Add(90 * time.Minute), Summary: "拜访：某世界500强生物医药企业, 上海",
			Location: "上海", Description: "目的：" + strings.Repeat("介绍沙坪坝区的产业政策；", 10) + "\n下一步：邀请来渝考察", Sequence: 2},
		{UID: "visit-2@lantu", Start: start.AddDate(0, 0, 1), End: start.AddDate(0, 0, 1).Add(time.Hour), Summary: "b", Cancelled: true},
	}}
	var buf bytes.Buffer
	if err := WriteICal(&buf, c); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	got, err := ReadICal(strings.NewReader(text))
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	if got.Name != c.Name || len(got.Events) != 2 {
		t.Fatalf("read %q with %d events", got.Name, len(got.Events))
	}
	e := got.Events[0]
	if e.UID != "visit-1@lantu" || e.Summary != c.Events[0].Summary || e.Description != c.Events[0].Description || e.Sequence != 2 {
		t.Errorf("event read back as %+v", e)
	}
	if !e.Start.Equal(start) || e.Start.In(China).Hour() != 10 || !e.End.Equal(start.Add(90*time.Minute)) {
		t.Errorf("start %v end %v", e.Start, e.End)
	}
	if !got.Events[1].Cancelled {
		t.Error("cancelled event not cancelled")
	}
	if !strings.Contains(text, "DTSTART;TZID=Asia/Shanghai:20220318T100000\r\n") {
		t.Error("DTSTART not in China time")
	}
}

func TestReadICalRefuses(t *testing.T) {
	good := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20220101T000000Z\r\nDTSTART:20220101T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	if _, err := ReadICal(strings.NewReader(good)); err != nil {
		t.Fatal(err)
	}
	bad := map[string]string{
		"LF only":      strings.ReplaceAll(good, "\r\n", "\n"),
		"long line":    strings.Replace(good, "UID:a", "UID:"+strings.Repeat("a", 80), 1),
		"no UID":       strings.Replace(good, "UID:a\r\n", "", 1),
		"unknown TZID": strings.Replace(good, "DTSTART:20220101T000000Z", "DTSTART;TZID=Asia/Shanghai:20220101T000000", 1),
		"unclosed":     strings.Replace(good, "END:VEVENT\r\n", "", 1),
		"no PRODID":    strings.Replace(good, "PRODID:x\r\n", "", 1),
		"bad DTSTAMP":  strings.Replace(good, "DTSTAMP:20220101T000000Z", "DTSTAMP:20220101", 1),
	}
	for name, text := range bad {
		if _, err := ReadICal(strings.NewReader(text)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
