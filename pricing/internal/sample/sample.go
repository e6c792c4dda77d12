// Package sample loads the project's sample inputs — testdata/agreements.yaml
// and the real H1 2026 quotes — for the tests and benchmarks of the
// packages that settle and check (the readers' own tests load them
// themselves, since this package reads through them).
package sample

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"alprice/pricing"
	"alprice/pricing/read"
)

// Testdata returns the path of name in the repository's testdata folder,
// wherever the test that asks runs.
func Testdata(name string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "testdata", name)
}

// Inputs returns the sample agreements and quotes, failing tb if they do
// not read.
func Inputs(tb testing.TB) (*pricing.Agreements, *pricing.Quotes) {
	tb.Helper()
	af, err := os.Open(Testdata("agreements.yaml"))
	if err != nil {
		tb.Fatal(err)
	}
	defer af.Close()
	ags, err := read.ReadAgreements(af, "agreements.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	qf, err := os.Open(Testdata("quotes-2026-h1.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer qf.Close()
	q, err := read.ReadQuotes(qf, "quotes.csv", read.AutoEncoding, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return ags, q
}
