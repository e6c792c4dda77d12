package fapiao

import (
	"bytes"
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
		if _, err := ReadSummaryXLSX(bytes.NewReader(book), "b.xlsx", ""); err != nil {
			b.Fatal(err)
		}
	}
}
