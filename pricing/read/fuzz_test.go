package read

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"alprice/pricing"
	"alprice/pricing/settle"
)

// Seeds for every fuzz target are the files of ../testdata/fuzz/<target>/,
// readable as they are; what the fuzzer finds itself is kept, in Go's
// format, in testdata/fuzz/<target>/ of this package. Plain go test runs
// all of them.
func addSeeds(f *testing.F, target string, more ...string) {
	paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "fuzz", target, "*"))
	if err != nil {
		f.Fatal(err)
	}
	if len(paths) == 0 && len(more) == 0 {
		f.Fatalf("no seeds for %s in ../testdata/fuzz/%s", target, target)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range more {
		f.Add([]byte(s))
	}
}

// wholeFile lists the errors that are about a file as a whole and so name
// no line.
var wholeFile = []string{"is empty", "has a header but no", "is larger than", "cannot be read"}

// inputProblems returns the problems err lists, failing unless it is an
// input error (or a list of them) every one of which names the source.
func inputProblems(t *testing.T, err error, source string) pricing.ErrorList {
	t.Helper()
	var (
		list pricing.ErrorList
		one  *pricing.InputError
		rows *pricing.BadRowsError
	)
	switch {
	case errors.As(err, &rows):
		list = rows.Problems
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = pricing.ErrorList{one}
	default:
		t.Fatalf("error %q is not an InputError", err)
	}
	for _, e := range list {
		if e.Source != source {
			t.Fatalf("error %q names %q, not the file %q", e, e.Source, source)
		}
	}
	return list
}

// checkErrorNamesLine fails unless every problem in err names the source
// and, unless it is about the whole file, a line.
func checkErrorNamesLine(t *testing.T, err error, source string) {
	t.Helper()
	for _, e := range inputProblems(t, err, source) {
		if e.Line > 0 {
			continue
		}
		whole := false
		for _, w := range wholeFile {
			whole = whole || strings.Contains(e.Err.Error(), w)
		}
		if !whole {
			t.Fatalf("error %q names no line", e)
		}
	}
}

// records counts the data records of a CSV text, as encoding/csv reads it,
// less the blank ones (every field empty or space), which readers skip.
func records(data []byte) int {
	text, _, err := decode(bytes.NewReader(data), AutoEncoding)
	if err != nil {
		return -1
	}
	cr := csv.NewReader(text)
	cr.FieldsPerRecord = -1
	n := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return n - 1 // less the header
		}
		if err != nil {
			return -1
		}
		if n > 0 && slices.IndexFunc(rec, func(f string) bool { return strings.TrimSpace(f) != "" }) < 0 {
			continue // a blank row
		}
		n++
	}
}

func FuzzReadQuotes(f *testing.F) {
	addSeeds(f, "FuzzReadQuotes", "date,average\n2026-03-02,23000\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		q, err := ReadQuotes(bytes.NewReader(data), "q.csv", AutoEncoding, nil)
		if err != nil {
			checkErrorNamesLine(t, err, "q.csv")
			return
		}
		if n := records(data); q.Rows() != n {
			t.Fatalf("%d rows read, %d data records in the file", q.Rows(), n)
		}
		for _, m := range q.Months() {
			if _, err := q.Average(m, pricing.Fen); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func FuzzReadDeliveries(f *testing.F) {
	ags, q := sampleInputs(f)
	addSeeds(f, "FuzzReadDeliveries", "ticket,date,buyer,tapped_t,delivered_t\nT1,2026-03-02,ZD-2026-001,31.25,31.2\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		dr, err := NewDeliveryReader(bytes.NewReader(data), "d.csv", AutoEncoding)
		if err != nil {
			checkErrorNamesLine(t, err, "d.csv")
			return
		}
		dr.inline = true
		s, err := settle.Settle(context.Background(), dr, ags, q, settle.SettleOptions{SkipInvalid: true})
		if err != nil {
			if strings.Contains(err.Error(), "has no quotes for") || strings.Contains(err.Error(), "has a header but no deliveries") {
				return // a month outside the sample quotes; no row to blame
			}
			checkErrorNamesLine(t, err, "d.csv")
			return
		}
		if n := records(data); s.Rows != n {
			t.Fatalf("%d rows read, %d data records in the file", s.Rows, n)
		}
		for _, e := range s.Rejected {
			checkErrorNamesLine(t, e, "d.csv")
		}
	})
}

func FuzzReadInvoices(f *testing.F) {
	addSeeds(f, "FuzzReadInvoices", "invoice_no,buyer,month,quantity_t,unit_price_excl_vat,amount_excl_vat,vat_rate,vat\nX,A,2026-03,1,1,1,13%,0.13\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		inv, err := ReadInvoices(bytes.NewReader(data), "i.csv", AutoEncoding)
		if err != nil {
			checkErrorNamesLine(t, err, "i.csv")
			return
		}
		if n := records(data); inv.Len() != n {
			t.Fatalf("%d lines read, %d data records in the file", inv.Len(), n)
		}
	})
}

func FuzzReadAgreements(f *testing.F) {
	addSeeds(f, "FuzzReadAgreements")
	if data, err := os.ReadFile("../../testdata/agreements.yaml"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ReadAgreements(bytes.NewReader(data), "a.yaml")
		if err != nil {
			checkErrorNamesLine(t, err, "a.yaml")
			return
		}
		for i, a := range s.List {
			if a.ID == "" || a.Buyer.Name == "" || len(a.Terms) == 0 {
				t.Fatalf("agreement %d read without id, buyer or terms: %+v", i, a)
			}
			if got, err := s.Find(a.ID); err != nil || got.ID != a.ID {
				t.Fatalf("agreement %s cannot be found by its id: %v", a.ID, err)
			}
			for _, terms := range a.Terms {
				if _, err := a.TermsFor(terms.From); err != nil {
					t.Fatalf("the version from %s does not price its own first month: %v", terms.From, err)
				}
				for _, adj := range terms.Adjustments {
					if adj.Kind.NeedsLabel() && adj.Label == "" {
						t.Fatalf("a %s without a label was read", adj.Kind)
					}
				}
			}
		}
	})
}
