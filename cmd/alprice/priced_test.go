package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A run says the quotes file's notes about the months it priced on, and
// no other: a March check does not warn about an April row, whether or
// not an invoice has a finding (#22: Quotes.Average is a pure query; the
// check's diagnosis of a finding probes neighbouring months).
func TestNotesOfThePricedMonthsOnly(t *testing.T) {
	t.Chdir("../..")
	all, err := os.ReadFile(h1Quotes)
	if err != nil {
		t.Fatal(err)
	}
	// A Saturday row in April, which the averages exclude with a warning.
	text := strings.Replace(string(all), "2026-04-03,,,24510,,\n", "2026-04-03,,,24510,,\n2026-04-04,,,24510,,\n", 1)
	quotes := filepath.Join(t.TempDir(), "quotes.csv")
	if err := os.WriteFile(quotes, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	common := []string{"check", "--agreements", "testdata/agreements.yaml", "--quotes", quotes, "--deliveries", "testdata/deliveries-2026-03.csv"}
	for _, c := range []struct {
		invoices string
		status   int
	}{
		{"testdata/invoices/clean-2026-03.csv", 0},
		{"testdata/invoices/previous-month-average.csv", 1}, // a finding whose diagnosis averages February
		{"testdata/invoices/transport-left-out.csv", 1},
		{"testdata/invoices/unexplained.csv", 1},            // a price no candidate explains: the diagnosis averages February and April
		{"testdata/invoices/other-average-rounding.csv", 1}, // the same, before it finds the rounding
	} {
		_, stderr, status := runAlprice(t, "", append(common, "--invoices", c.invoices)...)
		if status != c.status || strings.Contains(stderr, "Saturday") {
			t.Errorf("%s: exit %d (want %d), stderr %q: no word about April's row", c.invoices, status, c.status, stderr)
		}
	}
	// A run that prices on April says it.
	_, stderr, _ := runAlprice(t, "", "average", "--quotes", quotes, "--month", "2026-04")
	if !strings.Contains(stderr, ":61: ") || !strings.Contains(stderr, "Saturday") {
		t.Errorf("average of April: stderr %q, want the Saturday row (line 61) named", stderr)
	}
}
