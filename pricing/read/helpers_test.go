package read

import (
	"os"
	"testing"

	"github.com/shopspring/decimal"

	"alprice/pricing"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func month(s string) pricing.Month {
	m, err := pricing.ParseMonth(s)
	if err != nil {
		panic(err)
	}
	return m
}

// sampleInputs reads the sample agreements and the real H1 2026 quotes.
func sampleInputs(tb testing.TB) (*pricing.Agreements, *pricing.Quotes) {
	tb.Helper()
	af, err := os.Open("../../testdata/agreements.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	defer af.Close()
	ags, err := ReadAgreements(af, "agreements.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	return ags, readQuotesFile(tb, "../../testdata/quotes-2026-h1.csv", AutoEncoding)
}
