package pricing

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func TestParseMoney(t *testing.T) {
	good := map[string]string{
		"24389":         "24389",
		"24389.5":       "24389.5",
		"24,389.00":     "24389",
		"0":             "0",
		"1,234,567.89":  "1234567.89",
		"600":           "600",
		"0.01":          "0.01",
		"999":           "999",
		"123,456":       "123456",
		"000123":        "123",
		"1":             "1",
		"9,999,999.99":  "9999999.99",
		"12,345,678.90": "12345678.9",
	}
	for in, want := range good {
		got, err := ParseMoney(in)
		if err != nil {
			t.Errorf("ParseMoney(%q): %v", in, err)
			continue
		}
		if !got.Equal(decimal.RequireFromString(want)) {
			t.Errorf("ParseMoney(%q) = %s, want %s", in, got, want)
		}
	}
	bad := map[string]string{
		"":                 "is empty",
		"24 389":           "contains a space",
		"-600":             "has a sign",
		"+600":             "has a sign",
		"2.4389e4":         "exponent",
		"24389.123":        "has 3 decimals; at most 2",
		"24,38.00":         "groups digits with commas other than in threes",
		"2438,9":           "groups digits with commas other than in threes",
		",389":             "groups digits",
		"24389.":           "needs a digit after the decimal point",
		".5":               "needs a digit before the decimal point",
		"1.2.3":            "more than one decimal point",
		"1.234,5":          "comma after the decimal point",
		"２４３８９":            "non-ASCII digit",
		"600元":             "contains '元'",
		"0.6%":             "contains '%'",
		"NaN":              "contains 'N'",
		"1234567890123456": "too large",
		"\xff":             "not valid UTF-8",
	}
	for in, want := range bad {
		_, err := ParseMoney(in)
		if err == nil {
			t.Errorf("ParseMoney(%q) accepted", in)
			continue
		}
		if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "24,389.00") {
			t.Errorf("ParseMoney(%q) error %q, want it to say %q and what is accepted", in, err, want)
		}
	}
}

func TestParsePercent(t *testing.T) {
	good := map[string]string{"0.6%": "0.6", "13%": "13", "0.0001%": "0.0001", "99.9999%": "99.9999", "2.5000%": "2.5"}
	for in, want := range good {
		got, err := ParsePercent(in)
		if err != nil || !got.Equal(decimal.RequireFromString(want)) {
			t.Errorf("ParsePercent(%q) = %s, %v; want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"0%", "0.00%", "100%", "150%", "0.6", "0.12345%", "-1%", "％", "0.6％", "%", " 0.6%", "0.6 %"} {
		if p, err := ParsePercent(in); err == nil {
			t.Errorf("ParsePercent(%q) = %s, want an error", in, p)
		}
	}
}

func TestParseWeight(t *testing.T) {
	good := map[string]Weight{"31.25": 31250, "31.250": 31250, "31250kg": 31250, "31250KG": 31250, "31250Kg": 31250, "31,250kg": 31250, "0.001": 1, "1kg": 1, "10,000,000": maxWeight, "28": 28000}
	for in, want := range good {
		got, err := ParseWeight(in)
		if err != nil || got != want {
			t.Errorf("ParseWeight(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	bad := map[string]string{
		"31.2567":      "has 4 decimals; at most 3",
		"0":            "is zero",
		"0.000":        "is zero",
		"0kg":          "is zero",
		"31.5kg":       "has decimals; a whole number",
		"-31.25":       "has a sign",
		"31.25t":       "contains 't'",
		"10000000.001": "largest weight",
		"31.25 kg":     "contains a space",
	}
	for in, want := range bad {
		_, err := ParseWeight(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseWeight(%q) error %v, want it to say %q", in, err, want)
		}
	}
	if got := Weight(31250).String(); got != "31.250" {
		t.Errorf("Weight(31250).String() = %q", got)
	}
}

func TestParseKilograms(t *testing.T) {
	if w, err := ParseKilograms("31,250"); err != nil || w != 31250 {
		t.Errorf("ParseKilograms(31,250) = %d, %v", w, err)
	}
	for _, in := range []string{"31.5", "0", "31250kg", ""} {
		if _, err := ParseKilograms(in); err == nil {
			t.Errorf("ParseKilograms(%q) accepted", in)
		}
	}
}

func TestParseValue(t *testing.T) {
	v, err := ParseValue("0.6%")
	if err != nil || !v.IsPercent() || !v.Number().Equal(decimal.RequireFromString("0.6")) {
		t.Fatalf("ParseValue(0.6%%) = %v, %v", v, err)
	}
	v, err = ParseValue("1,000")
	if err != nil || v.IsPercent() || !v.Number().Equal(decimal.NewFromInt(1000)) {
		t.Fatalf("ParseValue(1,000) = %v, %v", v, err)
	}
	_, err = ParseValue("abc")
	if err == nil || !strings.Contains(err.Error(), "or a percentage of the benchmark") {
		t.Fatalf("ParseValue(abc) error %v should name both forms", err)
	}
	for _, in := range []string{"600", "0.6%", "24389.5", "0.0001%"} {
		v, _ := ParseValue(in)
		back, err := ParseValue(v.String())
		if err != nil || back.IsPercent() != v.IsPercent() || !back.Number().Equal(v.Number()) {
			t.Errorf("%q re-renders as %q, which reads back as %v, %v", in, v.String(), back, err)
		}
	}
}

func TestParseMonth(t *testing.T) {
	m, err := ParseMonth("2026-03")
	if err != nil || m.Year() != 2026 || m.Month() != 3 || m.String() != "2026-03" {
		t.Fatalf("ParseMonth(2026-03) = %v (%d-%d), %v", m, m.Year(), m.Month(), err)
	}
	if prev := m - 1; prev.String() != "2026-02" {
		t.Errorf("month before 2026-03 = %s", prev)
	}
	if jan, _ := ParseMonth("2026-01"); (jan - 1).String() != "2025-12" {
		t.Errorf("month before 2026-01 = %s", jan-1)
	}
	for _, in := range []string{"2026-13", "2026-00", "26-03", "2026-03-01", "", "+026-03", "0000-01", "2026-003", "2026年3", "2026年13月",
		"2026 03", "2026_03", "2026-３", "2026.1", "2026.3", "2026/3/", "2026年3月1日", "2026-+3"} {
		if _, err := ParseMonth(in); err == nil {
			t.Errorf("ParseMonth(%q) accepted", in)
		}
	}
}

// The forms people write a month in are months (#27 item 11); a month
// with a dot and one digit is refused, saying why.
func TestParseMonthForms(t *testing.T) {
	for in, want := range map[string]string{
		"2026-03": "2026-03", "2026-3": "2026-03", "2026/03": "2026-03", "2026/3": "2026-03", "2026.03": "2026-03",
		"2026年3月": "2026-03", "2026年03月": "2026-03", "2026.10": "2026-10", "2026-12": "2026-12", "2026年12月": "2026-12",
	} {
		if m, err := ParseMonth(in); err != nil || m.String() != want {
			t.Errorf("ParseMonth(%q) = %v, %v; want %s", in, m, err, want)
		}
	}
	if _, err := ParseMonth("2026.1"); err == nil || !strings.Contains(err.Error(), "write 2026-01 or 2026-10") {
		t.Errorf("ParseMonth(2026.1): %v", err)
	}
}

// ScanFixed reads what ScanDecimal and FixedPoint read, for every text it
// takes, and takes every plain text within its bounds.
func TestScanFixedIsScanDecimals(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := rapid.OneOf(rapid.StringMatching(`[0-9]{0,20}(\.[0-9]{0,10})?`), rapid.StringMatching(`[-+ ,.e0-9]{0,12}`)).Draw(t, "text")
		maxDecimals := rapid.IntRange(0, 8).Draw(t, "max decimals")
		intDigits := rapid.IntRange(1, 15).Draw(t, "int digits")
		scale := rapid.IntRange(maxDecimals, 10).Draw(t, "scale")
		n, ok := ScanFixed(s, maxDecimals, intDigits, scale)
		d, err := ScanDecimal(s, maxDecimals)
		intPart, frac, _ := strings.Cut(s, ".")
		plain := err == nil && !strings.ContainsAny(s, ",") && len(intPart) <= intDigits && intDigits+scale <= 18 && len(frac) <= maxDecimals
		if ok != plain {
			t.Fatalf("ScanFixed(%q, %d, %d, %d) = %d, %v; ScanDecimal: %v, %v", s, maxDecimals, intDigits, scale, n, ok, d, err)
		}
		if ok {
			if want, exact := FixedPoint(d, int32(scale)); !exact || n != want {
				t.Fatalf("ScanFixed(%q) = %d, FixedPoint(ScanDecimal) = %d, %v", s, n, want, exact)
			}
		}
	})
}
