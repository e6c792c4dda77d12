package fapiao

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func BenchmarkReadXML(b *testing.B) {
	doc, err := os.ReadFile(filepath.Join(fixtures, "freight-line.xml"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadXML(bytes.NewReader(doc), "b.xml"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadSummaryXLSX(b *testing.B) {
	book, err := os.ReadFile(filepath.Join(fixtures, "summary-2026-03.xlsx"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadSummaryXLSX(bytes.NewReader(book), "b.xlsx"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadSummaryXLSXRows reads an export of 5,000 rows (the
// fixture's first invoice row, each its own invoice), for the cost of a
// row; bench/export.sh times a whole year's export through check.
func BenchmarkReadSummaryXLSXRows(b *testing.B) {
	rows := [][]any{summaryHeader}
	for i := range 5000 {
		rows = append(rows, summaryRow(fmt.Sprintf("266520000000%08d", i), num("48.285"), num("999998.16"), "13%", num("129999.76")))
	}
	book := workbook(b, SummarySheet, rows)
	b.SetBytes(int64(len(book)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadSummaryXLSX(bytes.NewReader(book), "b.xlsx"); err != nil {
			b.Fatal(err)
		}
	}
}
