package fapiao

import (
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// maxFigureDigits bounds the digits of a figure: the platform's longest
// field is 16 characters, and a long run of digits would only cost memory.
const maxFigureDigits = 30

// parseFigure reads a figure in the one syntax invoices use: an optional
// leading '-', digits, optionally '.' and digits. No '+', exponent, comma,
// space, or bare '.'; at most maxFigureDigits digits. The result keeps the
// scale written.
func parseFigure(s string) (decimal.Decimal, bool) {
	body := strings.TrimPrefix(s, "-")
	intPart, frac, hasDot := strings.Cut(body, ".")
	if !digits(intPart) || (hasDot && !digits(frac)) || len(intPart)+len(frac) > maxFigureDigits {
		return decimal.Decimal{}, false
	}
	d, err := decimal.NewFromString(s)
	return d, err == nil
}

// parseRate reads a tax rate as a fraction (0.13) or, in a workbook, as a
// percentage (13%, made 0.13 exactly by moving the point).
func parseRate(s string, percentOK bool) (decimal.Decimal, bool) {
	if p, ok := strings.CutSuffix(s, "%"); ok && percentOK {
		d, ok := parseFigure(p)
		return d.Shift(-2), ok
	}
	return parseFigure(s)
}

// digits reports whether s is one or more ASCII digits.
func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseDateTime reads YYYY-MM-DD, optionally followed by a space or 'T'
// and HH:MM:SS, into the date and the time of day ("" when absent). The
// date must exist (2026-02-30 does not).
func parseDateTime(s string) (date, clock string, ok bool) {
	if len(s) < 10 {
		return "", "", false
	}
	date, rest := s[:10], s[10:]
	if _, err := time.Parse(time.DateOnly, date); err != nil || !digits(date[:4]) {
		return "", "", false
	}
	if rest == "" {
		return date, "", true
	}
	if len(rest) != 9 || (rest[0] != ' ' && rest[0] != 'T') {
		return "", "", false
	}
	if _, err := time.Parse(time.TimeOnly, rest[1:]); err != nil {
		return "", "", false
	}
	return date, rest[1:], true
}

// isInvoiceNumber reports whether s is a 数电发票号码: 20 digits.
func isInvoiceNumber(s string) bool { return len(s) == 20 && digits(s) }

// isTaxCode reports whether s is a 税收分类编码: 19 digits.
func isTaxCode(s string) bool { return len(s) == 19 && digits(s) }

// isTaxID reports whether s may be a 纳税人识别号: 15 to 20 ASCII letters
// and digits (18 for a unified social credit code; 15, 17 and 20 are older
// forms). Its check character is not verified.
func isTaxID(s string) bool {
	if len(s) < 15 || len(s) > 20 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}
