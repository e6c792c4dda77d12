package fapiao

import (
	"regexp"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestParseFigure(t *testing.T) {
	tests := []struct {
		in, want string // want "" means refused; else the figure as written back
	}{
		{"999998.16", "999998.16"}, {"-20710.33", "-20710.33"}, {"31.580", "31.580"}, {"0", "0"}, {"-0.50", "-0.50"},
		{"007", "7"}, {strings.Repeat("9", 30), strings.Repeat("9", 30)},
		{"", ""}, {"-", ""}, {"+1", ""}, {".5", ""}, {"1.", ""}, {"1e3", ""}, {"1E3", ""}, {"1,000", ""}, {"1 000", ""},
		{"--1", ""}, {"0x10", ""}, {"１２", ""}, {"13%", ""}, {"NaN", ""}, {"Infinity", ""}, {strings.Repeat("9", 31), ""},
	}
	for _, tt := range tests {
		d, ok := parseFigure(tt.in)
		if ok != (tt.want != "") || ok && written(d) != tt.want {
			t.Errorf("parseFigure(%q) = %s, %v; want %q", tt.in, d, ok, tt.want)
		}
	}
}

func TestParseRate(t *testing.T) {
	tests := []struct {
		in      string
		percent bool
		want    string
	}{
		{"0.13", false, "0.13"}, {"13%", true, "0.13"}, {"9%", true, "0.09"}, {"0.09", true, "0.09"}, {"1.5%", true, "0.015"},
		{"13%", false, ""}, {"13 %", true, ""}, {"%", true, ""}, {"免税", true, ""},
	}
	for _, tt := range tests {
		d, ok := parseRate(tt.in, tt.percent)
		if ok != (tt.want != "") || ok && !d.Equal(decimal.RequireFromString(tt.want)) {
			t.Errorf("parseRate(%q, %v) = %s, %v; want %q", tt.in, tt.percent, d, ok, tt.want)
		}
	}
}

func TestExcelNumber(t *testing.T) {
	tests := []struct{ in, want string }{
		{"340.61700000000002", "340.617"}, {"0.13000000000000001", "0.13"}, {"1129997.9199999999", "1129997.92"},
		{"1E3", "1000"}, {"1.5E-3", "0.0015"}, {"-2.5e+2", "-250"}, {"31.58", "31.58"},
		{"1e9999", ""}, {"abc", ""}, {"1E", ""}, {"1,5", ""},
	}
	for _, tt := range tests {
		d, ok := excelNumber(tt.in)
		if ok != (tt.want != "") || ok && d.String() != tt.want {
			t.Errorf("excelNumber(%q) = %s, %v; want %q", tt.in, d, ok, tt.want)
		}
	}
}

func TestParseDateTime(t *testing.T) {
	tests := []struct{ in, date, clock string }{
		{"2026-04-02", "2026-04-02", ""}, {"2026-04-02 08:00:00", "2026-04-02", "08:00:00"}, {"2026-04-02T08:00:00", "2026-04-02", "08:00:00"},
		{"2024-02-29", "2024-02-29", ""}, {"2026-02-29", "", ""}, {"2026-04-02 8:00:00", "", ""}, {"2026-04-02 08:00", "", ""},
		{"2026/04/02", "", ""}, {"20260402", "", ""}, {"2026-04-02x", "", ""}, {"", "", ""},
	}
	for _, tt := range tests {
		d, c, ok := parseDateTime(tt.in)
		if d != tt.date || c != tt.clock || ok != (tt.date != "") {
			t.Errorf("parseDateTime(%q) = %q %q %v", tt.in, d, c, ok)
		}
	}
}

func TestSerialDate(t *testing.T) {
	// Serials worked by hand from 1899-12-30: 2026-01-01 is 46023
	// (126 years × 365 + 31 leap days + 2 for 1899-12-30..31 = 45992 + 31).
	tests := []struct{ in, date, clock string }{
		{"46023", "2026-01-01", ""}, {"46114", "2026-04-02", ""}, {"46114.5", "2026-04-02", "12:00:00"},
		{"0", "", ""}, {"-1", "", ""}, {"4.6E4", "", ""}, {"x", "", ""},
	}
	for _, tt := range tests {
		d, c, ok := serialDate(tt.in)
		if d != tt.date || c != tt.clock || ok != (tt.date != "") {
			t.Errorf("serialDate(%q) = %q %q %v", tt.in, d, c, ok)
		}
	}
}

func TestCodes(t *testing.T) {
	if !isInvoiceNumber("26652000000026030001") || isInvoiceNumber("2665200000002603000") || isInvoiceNumber("2665200000002603000A") {
		t.Error("isInvoiceNumber")
	}
	if !isTaxCode("1080306020000000000") || isTaxCode("108030602000000000") {
		t.Error("isTaxCode")
	}
	for id, ok := range map[string]bool{"91652300MA7AL0001X": true, "652300000000001": true, "": false, "91652300ma7al0001x": false,
		"91652300MA7AL0001X123": false, "91652300-A7AL0001X": false} {
		if isTaxID(id) != ok {
			t.Errorf("isTaxID(%q) = %v", id, !ok)
		}
	}
}

// figureSyntax is the syntax parseFigure must accept, as a regexp.
var figureSyntax = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// FuzzParseFigure holds parseFigure to figureSyntax and to decimal's own
// reading of the same text.
func FuzzParseFigure(f *testing.F) {
	for _, s := range []string{"999998.16", "-0.50", "1e3", ".5", "+1", "1.", "１"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := parseFigure(s)
		want := figureSyntax.MatchString(s) && len(strings.NewReplacer("-", "", ".", "").Replace(s)) <= maxFigureDigits
		if ok != want {
			t.Fatalf("parseFigure(%q) ok = %v, want %v", s, ok, want)
		}
		if ok && (!d.Equal(decimal.RequireFromString(s)) || written(d) != strings.TrimLeft(written(d), "+")) {
			t.Fatalf("parseFigure(%q) = %s", s, d)
		}
	})
}
