package pricing

import (
	"errors"
	"fmt"
	"strconv"
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

// String returns m as "2026-03".
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year(), int(m.Month())) }

var errMonthSyntax = errors.New("is not a month: write YYYY-MM, such as 2026-03")

// ParseMonth parses a month written "2026-03".
func ParseMonth(s string) (Month, error) {
	if len(s) != 7 || s[4] != '-' {
		return 0, errMonthSyntax
	}
	y, err1 := strconv.Atoi(s[:4])
	mo, err2 := strconv.Atoi(s[5:])
	if err1 != nil || err2 != nil || !isDigits(s[:4]) || !isDigits(s[5:]) || y < 1 || mo < 1 || mo > 12 {
		return 0, errMonthSyntax
	}
	return Month(y*12 + mo - 1), nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
