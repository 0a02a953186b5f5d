package invest

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// CalendarEvent is one visit as a calendar shows it. The text fields are already in the
// reader's language: the domain writes the format, the caller chooses the words.
type CalendarEvent struct {
	UID         string
	Sequence    int
	Start, End  time.Time
	Summary     string
	Location    string
	Description string
	Cancelled   bool
	Updated     time.Time // LAST-MODIFIED
}

// Calendar is an iCalendar (RFC 5545) calendar of visits.
type Calendar struct {
	Name   string // X-WR-CALNAME, what a phone shows as the calendar's name
	Stamp  time.Time
	Events []CalendarEvent
}

// ICalTZID is the time zone the calendar's times are written in; the calendar carries
// its VTIMEZONE, so a reader needs no time-zone database of its own.
const ICalTZID = "Asia/Shanghai"

const icalVTimezone = "BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai\r\nX-LIC-LOCATION:Asia/Shanghai\r\n" +
	"BEGIN:STANDARD\r\nTZOFFSETFROM:+0800\r\nTZOFFSETTO:+0800\r\nTZNAME:CST\r\nDTSTART:19700101T000000\r\nEND:STANDARD\r\n" +
	"END:VTIMEZONE\r\n"

// WriteICal writes the calendar as RFC 5545 text: CRLF line ends, lines folded at 75
// octets without splitting a character, TEXT values escaped, local times in
// Asia/Shanghai with its VTIMEZONE, stamps in UTC.
func WriteICal(w io.Writer, c Calendar) error {
	var b strings.Builder
	line := func(name, value string) { b.WriteString(fold(name + ":" + value)) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//lantu//invest visits//ZH")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	if c.Name != "" {
		line("X-WR-CALNAME", EscapeText(c.Name))
	}
	line("X-WR-TIMEZONE", ICalTZID)
	b.WriteString(icalVTimezone)
	stamp := utcStamp(c.Stamp)
	for _, e := range c.Events {
		line("BEGIN", "VEVENT")
		line("UID", EscapeText(e.UID))
		line("DTSTAMP", stamp)
		if e.Sequence > 0 {
			line("SEQUENCE", fmt.Sprint(e.Sequence))
		}
		line("DTSTART;TZID="+ICalTZID, localStamp(e.Start))
		line("DTEND;TZID="+ICalTZID, localStamp(e.End))
		line("SUMMARY", EscapeText(e.Summary))
		if e.Location != "" {
			line("LOCATION", EscapeText(e.Location))
		}
		if e.Description != "" {
			line("DESCRIPTION", EscapeText(e.Description))
		}
		if !e.Updated.IsZero() {
			line("LAST-MODIFIED", utcStamp(e.Updated))
		}
		if e.Cancelled {
			line("STATUS", "CANCELLED")
		} else {
			line("STATUS", "CONFIRMED")
		}
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	_, err := io.WriteString(w, b.String())
	return err
}

func utcStamp(t time.Time) string   { return t.UTC().Format("20060102T150405Z") }
func localStamp(t time.Time) string { return t.In(China).Format("20060102T150405") }

// EscapeText escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma, and
// line breaks as \n.
func EscapeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`, "\r", `\n`)
	return r.Replace(s)
}

// fold breaks a content line into lines of at most 75 octets (RFC 5545 3.1), each
// continuation starting with a space, never inside a UTF-8 character, and ends it with
// CRLF.
func fold(s string) string {
	const maxOctets = 75
	var b strings.Builder
	limit := maxOctets
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = maxOctets - 1 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	return b.String()
}
