package fapiao

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"
)

// seedFiles adds every fixture matching the patterns to f.
func seedFiles(f *testing.F, patterns ...string) {
	n := 0
	for _, p := range patterns {
		names, err := filepath.Glob(filepath.Join(fixtures, p))
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range names {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
			n++
		}
	}
	if n == 0 {
		f.Fatal("no seeds")
	}
}

// roundTrips reports whether d, written out with its scale, reads back as
// the same figure with the same scale.
func roundTrips(d decimal.Decimal) bool {
	back, ok := parseFigure(written(d))
	return ok && back.Equal(d) && back.Exponent() == min(0, d.Exponent())
}

// FuzzReadXML holds that ReadXML never panics, fails only with an *Error,
// and gives back only invoices with a 20-digit number and figures that
// round-trip through the strict syntax.
func FuzzReadXML(f *testing.F) {
	seedFiles(f, "clean/*.xml", "*.xml", "bad/*.xml")
	f.Fuzz(func(t *testing.T, b []byte) {
		inv, err := ReadXML(bytes.NewReader(b), "fuzz.xml")
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Kind == 0 || e.Line < 0 || inv != nil {
				t.Fatalf("ReadXML = %v, %v", inv, err)
			}
			return
		}
		if !isInvoiceNumber(inv.Number) || len(inv.Lines) == 0 || inv.IssueDate == "" {
			t.Fatalf("read %+v", inv)
		}
		for _, d := range []decimal.Decimal{inv.TotalExclVAT, inv.TotalVAT, inv.TotalInclVAT} {
			if !roundTrips(d) {
				t.Fatalf("total %s does not round-trip", d)
			}
		}
		for _, l := range inv.Lines {
			for _, o := range []Optional{{l.Amount, true}, {l.TaxRate, true}, {l.Tax, true}, l.Quantity, l.UnitPrice, l.TotalInclVAT} {
				if o.Present && !roundTrips(o.Value) || !o.Present && !o.Value.IsZero() {
					t.Fatalf("line %s: figure %+v", l.Path, o)
				}
			}
			if !isTaxCode(l.TaxCode) || l.ItemName == "" {
				t.Fatalf("line %+v", l)
			}
		}
	})
}

// FuzzReadSummaryXLSX holds that ReadSummaryXLSX never panics, fails only
// with an *Error, and gives back only invoices with a 20-digit number and
// at least one line.
func FuzzReadSummaryXLSX(f *testing.F) {
	seedFiles(f, "*.xlsx")
	f.Fuzz(func(t *testing.T, b []byte) {
		invs, err := ReadSummaryXLSX(bytes.NewReader(b), "fuzz.xlsx")
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Kind == 0 {
				t.Fatalf("ReadSummaryXLSX: %v", err)
			}
			return
		}
		for _, inv := range invs {
			if !isInvoiceNumber(inv.Number) || len(inv.Lines) == 0 || !inv.TotalsFromLines {
				t.Fatalf("read %+v", inv)
			}
		}
	})
}
