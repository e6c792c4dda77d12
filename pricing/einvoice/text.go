package einvoice

import (
	"strconv"

	"alprice/pricing"

	"github.com/shopspring/decimal"
)

// The texts of a row's figures are made from exact integers: a decimal's
// coefficient, when it fits an int64, is the figure in units of its
// exponent (fen for 金额, 10⁻⁸ yuan for 单价), and its text is that
// integer's digits with the point put in. shopspring's String and
// StringFixed make the same text through a big integer each, which for
// fifty thousand rows was a fifth of writing the workbooks. A figure
// whose coefficient does not fit, or that would need rounding, goes
// through the decimal; a property test holds the two to the same text.

// maxFixedDigits is the most digits of a coefficient the integer path
// takes: every such coefficient fits an int64.
const maxFixedDigits = 18

// fixedText returns d.StringFixed(places), d with exactly places decimals;
// d must need no rounding to them for the integer path.
func fixedText(d decimal.Decimal, places int32) string {
	if exp := d.Exponent(); exp <= 0 && -exp <= places && places <= maxFixedDigits && d.NumDigits() <= maxFixedDigits {
		var b [48]byte
		return string(appendFixed(b[:0], d.CoefficientInt64(), int(-exp), int(places), false))
	}
	return d.StringFixed(places)
}

// plainText returns d.String(), d without trailing zeros after the point.
func plainText(d decimal.Decimal) string {
	if exp := d.Exponent(); exp <= 0 && -exp <= maxFixedDigits && d.NumDigits() <= maxFixedDigits {
		var b [48]byte
		return string(appendFixed(b[:0], d.CoefficientInt64(), int(-exp), 0, true))
	}
	return d.String()
}

// weightText returns w.String(), the tonnes with 3 decimals.
func weightText(w pricing.Weight) string {
	var b [32]byte
	return string(appendFixed(b[:0], int64(w), 3, 3, false))
}

// appendFixed appends the text of coef × 10^-scale: at least places
// decimals (zeros added), or with trim none of the trailing zeros.
func appendFixed(dst []byte, coef int64, scale, places int, trim bool) []byte {
	u := uint64(coef)
	if coef < 0 {
		dst = append(dst, '-')
		u = -u
	}
	var d [20]byte
	digits := strconv.AppendUint(d[:0], u, 10)
	if len(digits) > scale {
		dst = append(dst, digits[:len(digits)-scale]...)
		digits = digits[len(digits)-scale:]
	} else {
		dst = append(dst, '0')
	}
	lead := scale - len(digits) // zeros after the point before the digits
	if trim {
		for len(digits) > 0 && digits[len(digits)-1] == '0' {
			digits = digits[:len(digits)-1]
		}
		if len(digits) == 0 {
			return dst
		}
	}
	dst = append(dst, '.')
	for range lead {
		dst = append(dst, '0')
	}
	dst = append(dst, digits...)
	for range places - scale {
		dst = append(dst, '0')
	}
	if !trim && places == 0 && scale == 0 {
		dst = dst[:len(dst)-1] // the point, with no decimals after it
	}
	return dst
}
