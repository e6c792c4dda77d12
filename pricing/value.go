package pricing

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// The value syntax, shared by flags and files:
//
//	money      24389   24389.5   24,389.00     CNY (per tonne where a price), at most 2 decimals
//	percentage 0.6%                             of the benchmark, 0 < p < 100, at most 4 decimals
//	weight     31.25   31250kg                  tonnes with at most 3 decimals, or whole kilograms
//
// Digits are ASCII; commas group the integer part in threes; there is no
// sign, exponent or space. Anything else is rejected with a reason.
const (
	moneyDecimals   = 2
	percentDecimals = 4
	weightDecimals  = 3
	maxIntDigits    = 15
)

var (
	acceptMoney   = Errorf("write CNY as digits such as 600, 24389.5 or 24,389.00 (comma groups of three, at most 2 decimals, no sign, space or exponent)")
	acceptPercent = Errorf("write a percentage of the benchmark such as 0.6%% (more than 0 and less than 100, at most 4 decimals)")
	acceptValue   = Errorf("write CNY per tonne such as 600 or 24,389.00 (at most 2 decimals), or a percentage of the benchmark such as 0.6%%")
	acceptWeight  = Errorf("write tonnes such as 31.25 (at most 3 decimals, that is whole kilograms) or kilograms such as 31250kg")
	acceptVAT     = Errorf("write the VAT rate as 13%% or 0.13")
)

// maxWeight is the largest weight one value may state: ten million tonnes,
// far above any ladle or month, small enough that sums of millions of
// tickets stay exact in int64 kilograms.
const maxWeight Weight = 10_000_000_000

// scanDecimal checks s against the number syntax and returns its value. The
// error says what is wrong, without repeating s.
func ScanDecimal(s string, maxDecimals int) (decimal.Decimal, error) {
	if s == "" {
		return decimal.Zero, Errorf("is empty")
	}
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r == ',', r == '.':
		case r == '+' || r == '-':
			return decimal.Zero, Errorf("has a sign; values are written without + or -")
		case unicode.IsSpace(r):
			return decimal.Zero, Errorf("contains a space")
		case r == 'e' || r == 'E':
			return decimal.Zero, Errorf("is in exponent notation")
		case r == utf8.RuneError:
			return decimal.Zero, Errorf("is not valid UTF-8 text")
		case unicode.IsDigit(r):
			return decimal.Zero, Errorf("contains the non-ASCII digit %q", r)
		default:
			return decimal.Zero, Errorf("contains %q", r)
		}
	}
	intPart, frac, hasPoint := strings.Cut(s, ".")
	switch {
	case strings.Contains(frac, "."):
		return decimal.Zero, Errorf("has more than one decimal point")
	case strings.Contains(frac, ","):
		return decimal.Zero, Errorf("has a comma after the decimal point")
	case intPart == "":
		return decimal.Zero, Errorf("needs a digit before the decimal point")
	case hasPoint && frac == "":
		return decimal.Zero, Errorf("needs a digit after the decimal point")
	}
	if strings.Contains(intPart, ",") {
		groups := strings.Split(intPart, ",")
		for i, g := range groups {
			if (i == 0 && (len(g) < 1 || len(g) > 3)) || (i > 0 && len(g) != 3) {
				return decimal.Zero, Errorf("groups digits with commas other than in threes")
			}
		}
		intPart = strings.Join(groups, "")
	}
	if len(intPart) > maxIntDigits {
		return decimal.Zero, Errorf("is too large")
	}
	if len(frac) > maxDecimals {
		if maxDecimals == 0 {
			return decimal.Zero, Errorf("has decimals; a whole number is needed")
		}
		return decimal.Zero, Errorf("has %d decimals; at most %d are allowed", len(frac), maxDecimals)
	}
	if len(intPart)+len(frac) <= 18 { // the usual case: the digits fit an int64, and no text is made
		var n int64
		for _, digits := range [2]string{intPart, frac} {
			for i := 0; i < len(digits); i++ {
				n = n*10 + int64(digits[i]-'0')
			}
		}
		return decimal.New(n, -int32(len(frac))), nil
	}
	text := intPart
	if frac != "" {
		text += "." + frac
	}
	return decimal.NewFromString(text)
}

// ScanFixed reads the plain form of a decimal straight to an integer
// without allocating: ASCII digits, at most one point with a digit on
// each side, at most maxDecimals decimals and intDigits digits before the
// point, no sign, no comma. It returns the value × 10^scale (scale ≥
// maxDecimals), which is exactly what [ScanDecimal] then [FixedPoint]
// give for such a text, and false for any other form (or when the result
// could pass 18 digits), which ScanDecimal reads or explains. A property
// test holds the two to the same value.
func ScanFixed(s string, maxDecimals, intDigits, scale int) (int64, bool) {
	return scanFixed(s, maxDecimals, intDigits, scale)
}

// scanFixed is ScanFixed of text or bytes without a copy: the invoice
// readers scan strings, the deliveries reader millions of byte slices.
func scanFixed[T string | []byte](s T, maxDecimals, intDigits, scale int) (int64, bool) {
	if intDigits+scale > 18 || maxDecimals > scale {
		return 0, false
	}
	var n int64
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		n = n*10 + int64(s[i]-'0')
		i++
	}
	if i == 0 || i > intDigits {
		return 0, false
	}
	decimals := 0
	if i < len(s) && s[i] == '.' {
		i++
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			n = n*10 + int64(s[i]-'0')
			i++
		}
		decimals = i - start
		if decimals == 0 || decimals > maxDecimals {
			return 0, false
		}
	}
	if i != len(s) {
		return 0, false
	}
	for ; decimals < scale; decimals++ {
		n *= 10
	}
	return n, true
}

// ParseMoney parses an amount of money (CNY, at most 2 decimals, not negative).
func ParseMoney(s string) (decimal.Decimal, error) {
	d, err := ScanDecimal(s, moneyDecimals)
	if err != nil {
		return d, Errorf("%w: %v", err, acceptMoney)
	}
	return d, nil
}

// ParsePercent parses a percentage such as "0.6%" and returns it in percent
// (0.6). It must be more than 0 and less than 100, with at most 4 decimals.
func ParsePercent(s string) (decimal.Decimal, error) {
	num, ok := strings.CutSuffix(s, "%")
	if !ok {
		return decimal.Zero, Errorf("has no %% sign: %s", acceptPercent)
	}
	p, err := ScanDecimal(num, percentDecimals)
	if err != nil {
		return p, Errorf("%w: %v", err, acceptPercent)
	}
	if !p.IsPositive() || p.GreaterThanOrEqual(hundred) {
		return decimal.Zero, Errorf("is out of range: %s", acceptPercent)
	}
	return p, nil
}

// Weight is a weight in whole kilograms: the value syntax allows tonnes to
// 3 decimals, so every weight the tool reads is exact in kilograms.
type Weight int64

// Tonnes returns w in tonnes, exactly (scale 3).
func (w Weight) Tonnes() decimal.Decimal { return decimal.New(int64(w), -3) }

// String returns w in tonnes with exactly 3 decimals, such as "31.250".
func (w Weight) String() string { return w.Tonnes().StringFixed(weightDecimals) }

// ParseVATRate reads a VAT rate written 13% or 0.13 and returns the
// fraction (0.13). It must be more than 0 and less than 100%.
func ParseVATRate(s string) (decimal.Decimal, error) {
	if num, ok := strings.CutSuffix(s, "%"); ok {
		p, err := ScanDecimal(num, percentDecimals)
		if err == nil && (!p.IsPositive() || p.GreaterThanOrEqual(hundred)) {
			err = Errorf("is out of range: a VAT rate is more than 0%% and less than 100%%")
		}
		if err != nil {
			return decimal.Zero, Errorf("%w: %v", err, acceptVAT)
		}
		return p.Shift(-2), nil
	}
	d, err := ScanDecimal(s, percentDecimals+2)
	if err == nil && (!d.IsPositive() || !d.LessThan(one)) {
		err = Errorf("is out of range: a VAT rate as a fraction is more than 0 and less than 1")
	}
	if err != nil {
		return decimal.Zero, Errorf("%w: %v", err, acceptVAT)
	}
	return d, nil
}

// RateText writes a rate given as a fraction as a percentage: 0.13 is
// "13%".
func RateText(rate decimal.Decimal) string { return rate.Shift(2).String() + "%" }

// ParseWeight parses a weight: tonnes with at most 3 decimals ("31.25") or
// whole kilograms ("31250kg", "31250KG"). It must be more than zero and at most
// [maxWeight].
func ParseWeight(s string) (Weight, error) {
	if w, ok := ParseWeightFast([]byte(s), true); ok {
		return w, nil
	}
	var (
		d   decimal.Decimal
		err error
	)
	if n := len(s); n >= 2 && strings.EqualFold(s[n-2:], "kg") {
		d, err = ScanDecimal(s[:n-2], 0)
		d = d.Shift(-3)
	} else {
		d, err = ScanDecimal(s, weightDecimals)
	}
	if err != nil {
		return 0, Errorf("%w: %v", err, acceptWeight)
	}
	return weightFromTonnes(d)
}

// ParseWeightFast reads the plain forms of a weights column without
// allocating: "31" or "31.25" (tonnes, when tonnes is true) or "31250"
// (kilograms). ok is false for any other form or a value out of range,
// which ParseWeight or ParseKilograms then read or explain. A fuzz test
// holds it to them.
func ParseWeightFast(s []byte, tonnes bool) (Weight, bool) {
	if len(s) == 0 || len(s) > 12 {
		return 0, false
	}
	decimals := 0 // kilograms: whole
	if tonnes {
		decimals = weightDecimals
	}
	n, ok := scanFixed(s, decimals, len(s), decimals)
	if !ok || n <= 0 || Weight(n) > maxWeight {
		return 0, false
	}
	return Weight(n), true
}

// ParseKilograms parses a whole number of kilograms without a unit, as
// found in a *_kg column ("31250" or "31,250").
func ParseKilograms(s string) (Weight, error) {
	d, err := ScanDecimal(s, 0)
	if err != nil {
		return 0, Errorf("%w: write whole kilograms such as 31250", err)
	}
	return weightFromTonnes(d.Shift(-3))
}

func weightFromTonnes(t decimal.Decimal) (Weight, error) {
	kg := t.Shift(3)
	if !kg.IsPositive() {
		return 0, Errorf("is zero; a weight must be more than zero")
	}
	if kg.GreaterThan(decimal.NewFromInt(int64(maxWeight))) {
		return 0, Errorf("is more than %s t, the largest weight accepted", maxWeight)
	}
	return Weight(kg.IntPart()), nil
}

// Value is an agreed amount: CNY per tonne, or a percentage of the
// benchmark (rule 2.3 allows either).
type Value struct {
	number  decimal.Decimal // CNY/t, or the percentage in percent (0.6 for 0.6%)
	percent bool
}

// PerTonne returns the value of d CNY per tonne.
func PerTonne(d decimal.Decimal) Value { return Value{number: d} }

// percentOfBenchmark returns the value of p percent of the benchmark (p=0.6
// for 0.6%).
func percentOfBenchmark(p decimal.Decimal) Value { return Value{number: p, percent: true} }

// ParseValue parses money ("600") or a percentage ("0.6%").
func ParseValue(s string) (Value, error) {
	if strings.HasSuffix(s, "%") {
		p, err := ParsePercent(s)
		return percentOfBenchmark(p), err
	}
	d, err := ScanDecimal(s, moneyDecimals)
	if err != nil {
		return Value{}, Errorf("%w: %v", err, acceptValue)
	}
	return PerTonne(d), nil
}

// IsPercent reports whether v is a percentage of the benchmark.
func (v Value) IsPercent() bool { return v.percent }

// Number returns CNY per tonne, or the percentage in percent.
func (v Value) Number() decimal.Decimal { return v.number }

// On returns what v comes to per tonne on benchmark, rounded by [PercentLine].
func (v Value) On(benchmark decimal.Decimal) decimal.Decimal {
	if v.percent {
		return PercentLine(benchmark, v.number)
	}
	return v.number
}

// String returns v in the value syntax ("600", "0.6%"); ParseValue reads it
// back to an equal value.
func (v Value) String() string {
	if v.percent {
		return v.number.String() + "%"
	}
	return v.number.String()
}
