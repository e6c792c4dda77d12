package pricing

import (
	"fmt"
	"strings"
	"time"
)

// Month is a calendar month, counted from January of year 0, so that the
// previous month is m-1 and months compare as integers.
type Month int

// MonthOf returns the month of day d.
func MonthOf(d time.Time) Month { return Month(d.Year()*12 + int(d.Month()) - 1) }

// Year returns the year of m.
func (m Month) Year() int { return int(m) / 12 }

// Month returns the month of the year of m.
func (m Month) Month() time.Month { return time.Month(int(m)%12 + 1) }

// First returns the first day of m, at midnight UTC.
func (m Month) First() time.Time { return time.Date(m.Year(), m.Month(), 1, 0, 0, 0, 0, time.UTC) }

// Days returns how many days m has.
func (m Month) Days() int { return daysIn(m.Year(), m.Month()) }

// Day returns day d of m (1 for the first), at midnight UTC.
func (m Month) Day(d int) time.Time { return time.Date(m.Year(), m.Month(), d, 0, 0, 0, 0, time.UTC) }

// String returns m as "2026-03". A month of the years 0–9999 is laid out
// by hand: check writes two for each of a million invoices, and fmt's
// were 0.34 s of 6.2 s of CPU of one (#29).
func (m Month) String() string {
	y, mo := m.Year(), int(m.Month())
	if m < 0 || y > 9999 {
		return fmt.Sprintf("%04d-%02d", y, mo)
	}
	b := [7]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-', byte('0' + mo/10), byte('0' + mo%10)}
	return string(b[:])
}

// The years a date or month may have, everywhere: a year outside them is a
// typo, not a delivery.
const (
	MinYear = 1900
	MaxYear = 2999
)

var (
	errMonthSyntax = Errorf("is not a month: write YYYY-MM, such as 2026-03")
	errDateSyntax  = Errorf("is not a date: write 2026-03-02 or 2026/3/2")
	errNoSuchDay   = Errorf("is not a day of the calendar")
	errYearRange   = Errorf("has a year outside %d–%d", MinYear, MaxYear)
)

// errMonthDot is a month written with a dot and one digit: 2026.1 is what
// a spreadsheet makes of 2026.10 as well as of 2026.01.
var errMonthDot = Errorf("is not a month for certain: a spreadsheet writes 2026.10 as 2026.1; write 2026-01 or 2026-10")

// ParseMonth parses a month as people write it: 2026-03 (as alprice
// writes it), 2026-3, 2026/03, 2026/3, 2026.03 (two digits: 2026.1 may be
// 2026.10 as a spreadsheet shows it, and is refused), 2026年3月 or
// 2026年03月. Every month flag and column reads months through it.
func ParseMonth(s string) (Month, error) {
	year, month, ok := splitMonth(s)
	if !ok {
		return 0, errMonthSyntax
	}
	if s[4] == '.' && len(month) != 2 {
		return 0, errMonthDot
	}
	y, ok1 := digits(year)
	mo, ok2 := digits(month)
	if !ok1 || !ok2 || len(month) > 2 || mo < 1 || mo > 12 {
		return 0, errMonthSyntax
	}
	if y < MinYear || y > MaxYear {
		return 0, errYearRange
	}
	return Month(y*12 + mo - 1), nil
}

// splitMonth splits a month into its year of four digits and its month,
// at -, / or . or as 2026年3月; ok is false for any other form.
func splitMonth(s string) (year, month string, ok bool) {
	if len(s) < 6 {
		return "", "", false
	}
	year, rest := s[:4], s[4:]
	if r, found := strings.CutPrefix(rest, "年"); found {
		month, found = strings.CutSuffix(r, "月")
		return year, month, found
	}
	switch rest[0] {
	case '-', '/', '.':
		return year, rest[1:], true
	}
	return "", "", false
}

// ParseDate parses a date written 2026-03-02, 2026-3-2 or 2026/3/2. It must
// exist: 2026-02-30 is an error.
func ParseDate(s string) (time.Time, error) {
	m, d, err := ParseDay(s)
	if err != nil {
		return time.Time{}, err
	}
	return m.Day(d), nil
}

// parseDay is ParseDate returning the month and the day of the month, for
// text or bytes without a copy: the deliveries reader parses millions.
func ParseDay[T string | []byte](s T) (Month, int, error) {
	if len(s) == 10 && s[4] == '-' && s[7] == '-' { // YYYY-MM-DD, as nearly every row writes it
		y, ok1 := digits(s[:4])
		mo, ok2 := digits(s[5:7])
		d, ok3 := digits(s[8:])
		if ok1 && ok2 && ok3 {
			return dayOf(y, mo, d)
		}
		return 0, 0, errDateSyntax
	}
	sep := byte('-')
	for i := 0; i < len(s); i++ {
		if s[i] == '/' {
			sep = '/'
			break
		}
	}
	var parts [3]T
	n, start := 0, 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == sep {
			if n == 3 {
				return 0, 0, errDateSyntax
			}
			parts[n] = s[start:i]
			n, start = n+1, i+1
		}
	}
	if n != 3 || len(parts[0]) != 4 || len(parts[1]) > 2 || len(parts[2]) > 2 {
		return 0, 0, errDateSyntax
	}
	y, ok1 := digits(parts[0])
	mo, ok2 := digits(parts[1])
	d, ok3 := digits(parts[2])
	if !ok1 || !ok2 || !ok3 {
		return 0, 0, errDateSyntax
	}
	return dayOf(y, mo, d)
}

// dayOf checks a date read as numbers and returns its month and day.
func dayOf(y, mo, d int) (Month, int, error) {
	if y < MinYear || y > MaxYear {
		return 0, 0, errYearRange
	}
	if mo < 1 || mo > 12 || d < 1 || d > daysIn(y, time.Month(mo)) {
		return 0, 0, errNoSuchDay
	}
	return Month(y*12 + mo - 1), d, nil
}

// digits reads a non-empty run of ASCII digits.
func digits[T string | []byte](s T) (int, bool) {
	if len(s) == 0 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// FormatDate writes a date as 2026-03-02.
func FormatDate(d time.Time) string { return d.Format(time.DateOnly) }
