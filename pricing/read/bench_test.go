package read

import (
	"bytes"
	"os"
	"testing"

	"alprice/pricing"
)

// BenchmarkReadQuotes measures reading the half-year of real quotes.
func BenchmarkReadQuotes(b *testing.B) {
	data, err := os.ReadFile("../../testdata/quotes-2026-h1.csv")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		q, err := ReadQuotes(bytes.NewReader(data), "q.csv", AutoEncoding, nil)
		if err != nil || len(q.Days) != 114 {
			b.Fatal(err)
		}
	}
}

// BenchmarkAverage measures the monthly average of a month of quotes.
func BenchmarkAverage(b *testing.B) {
	_, q := sampleInputs(b)
	m := month("2026-03")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := q.Average(m, pricing.Yuan); err != nil {
			b.Fatal(err)
		}
	}
}
