package invest

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// ReadICal reads iCalendar text strictly, the way a picky calendar client would, and
// returns its events: it checks CRLF line ends, lines of at most 75 octets, valid UTF-8,
// BEGIN/END nesting, the properties RFC 5545 requires (VERSION, PRODID; UID, DTSTAMP,
// DTSTART per event), and that every TZID a time names has its VTIMEZONE, whose offset
// then places the time. lantu uses it to check what it writes, and to read a calendar
// back in tests.
func ReadICal(r io.Reader) (Calendar, error) {
	var c Calendar
	raw, err := io.ReadAll(r)
	if err != nil {
		return c, err
	}
	if !utf8.Valid(raw) {
		return c, errors.New("ical: not UTF-8")
	}
	text := string(raw)
	if !strings.HasSuffix(text, "\r\n") {
		return c, errors.New("ical: the last line does not end with CRLF")
	}
	var lines []string
	for i, l := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n") {
		if strings.Contains(l, "\n") || strings.Contains(l, "\r") {
			return c, fmt.Errorf("ical: line %d: a bare LF or CR", i+1)
		}
		if len(l) > 75 {
			return c, fmt.Errorf("ical: line %d is %d octets, over 75", i+1, len(l))
		}
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			if len(lines) == 0 {
				return c, errors.New("ical: continuation before any line")
			}
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	type prop struct {
		name, value string
		params      map[string]string
	}
	parse := func(l string) (prop, error) {
		head, value, ok := strings.Cut(l, ":")
		if !ok {
			return prop{}, fmt.Errorf("ical: no colon in %q", l)
		}
		parts := strings.Split(head, ";")
		p := prop{name: strings.ToUpper(parts[0]), value: value, params: map[string]string{}}
		for _, kv := range parts[1:] {
			k, v, _ := strings.Cut(kv, "=")
			p.params[strings.ToUpper(k)] = v
		}
		return p, nil
	}
	var stack []string
	offsets := map[string]int{} // TZID → seconds east of UTC
	var tzid string
	var ev *CalendarEvent
	var have map[string]bool
	var pending []prop // DTSTART/DTEND of the current event, placed once the zones are known
	var top = map[string]bool{}
	type rawEvent struct {
		ev    CalendarEvent
		times []prop
	}
	var events []rawEvent
	for _, l := range lines {
		p, err := parse(l)
		if err != nil {
			return c, err
		}
		switch p.name {
		case "BEGIN":
			stack = append(stack, p.value)
			switch p.value {
			case "VEVENT":
				ev, have, pending = &CalendarEvent{}, map[string]bool{}, nil
			case "VTIMEZONE":
				tzid = ""
			}
			continue
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != p.value {
				return c, fmt.Errorf("ical: END:%s does not close %v", p.value, stack)
			}
			stack = stack[:len(stack)-1]
			if p.value == "VEVENT" {
				for _, req := range []string{"UID", "DTSTAMP", "DTSTART"} {
					if !have[req] {
						return c, fmt.Errorf("ical: an event without %s", req)
					}
				}
				events = append(events, rawEvent{*ev, pending})
				ev = nil
			}
			continue
		}
		if len(stack) == 0 {
			return c, fmt.Errorf("ical: %s outside VCALENDAR", p.name)
		}
		cur := stack[len(stack)-1]
		switch {
		case cur == "VCALENDAR":
			top[p.name] = true
			if p.name == "X-WR-CALNAME" {
				c.Name = unescapeText(p.value)
			}
		case cur == "VTIMEZONE" && p.name == "TZID":
			tzid = p.value
		case (cur == "STANDARD" || cur == "DAYLIGHT") && p.name == "TZOFFSETTO":
			t, err := time.Parse("-0700", p.value)
			if err != nil {
				return c, fmt.Errorf("ical: TZOFFSETTO %q: %w", p.value, err)
			}
			_, off := t.Zone()
			offsets[tzid] = off
		case cur == "VEVENT":
			have[p.name] = true
			switch p.name {
			case "UID":
				ev.UID = unescapeText(p.value)
			case "SUMMARY":
				ev.Summary = unescapeText(p.value)
			case "LOCATION":
				ev.Location = unescapeText(p.value)
			case "DESCRIPTION":
				ev.Description = unescapeText(p.value)
			case "STATUS":
				ev.Cancelled = p.value == "CANCELLED"
			case "SEQUENCE":
				if _, err := fmt.Sscan(p.value, &ev.Sequence); err != nil {
					return c, fmt.Errorf("ical: SEQUENCE %q: %w", p.value, err)
				}
			case "DTSTART", "DTEND":
				pending = append(pending, p)
			case "DTSTAMP":
				if _, err := time.Parse("20060102T150405Z", p.value); err != nil {
					return c, fmt.Errorf("ical: DTSTAMP %q is not a UTC time", p.value)
				}
			}
		}
	}
	if len(stack) != 0 {
		return c, fmt.Errorf("ical: %v not closed", stack)
	}
	if !top["VERSION"] || !top["PRODID"] {
		return c, errors.New("ical: VERSION or PRODID missing")
	}
	for _, re := range events {
		for _, p := range re.times {
			var t time.Time
			var err error
			if tz, ok := p.params["TZID"]; ok {
				off, known := offsets[tz]
				if !known {
					return c, fmt.Errorf("ical: TZID %s has no VTIMEZONE", tz)
				}
				t, err = time.ParseInLocation("20060102T150405", p.value, time.FixedZone(tz, off))
			} else {
				t, err = time.Parse("20060102T150405Z", p.value)
			}
			if err != nil {
				return c, fmt.Errorf("ical: %s %q: %w", p.name, p.value, err)
			}
			if p.name == "DTSTART" {
				re.ev.Start = t
			} else {
				re.ev.End = t
			}
		}
		c.Events = append(c.Events, re.ev)
	}
	return c, nil
}

func unescapeText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
