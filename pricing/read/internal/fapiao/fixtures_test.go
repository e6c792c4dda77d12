package fapiao

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"
)

// fixtures is testdata/invoices-xml, written by make_xml.py.
const fixtures = "../../../../testdata/invoices-xml"

// expectedLine and expectedInvoice are expected.json's records: the
// figures make_xml.py worked out with Python's decimal, as strings.
type expectedLine struct {
	Path, Item, Spec, Unit, Amount, Rate, Tax, Code string
	Line                                            int
	Qty, Price, Total                               *string
}

type expectedInvoice struct {
	File, Number, Type, Remark, Original string
	IssueDate                            string `json:"issue_date"`
	SellerID                             string `json:"seller_id"`
	SellerName                           string `json:"seller_name"`
	BuyerID                              string `json:"buyer_id"`
	BuyerName                            string `json:"buyer_name"`
	TotalExcl                            string `json:"total_excl"`
	TotalTax                             string `json:"total_tax"`
	TotalIncl                            string `json:"total_incl"`
	SupplyMonth                          string `json:"supply_month"`
	CreditNote                           string `json:"credit_note"`
	Red                                  bool
	Lines                                []expectedLine
}

type expectedFile struct {
	XML  []expectedInvoice
	XLSX []struct {
		File     string
		Invoices []expectedInvoice
	}
	Bad []struct {
		File, Kind, Path, Value string
		Line                    int
	}
}

func loadExpected(t testing.TB) expectedFile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtures, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var e expectedFile
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatal(err)
	}
	if len(e.XML) < 50 || len(e.Bad) < 7 || len(e.XLSX) < 2 {
		t.Fatalf("expected.json is short: %d XML, %d bad, %d xlsx", len(e.XML), len(e.Bad), len(e.XLSX))
	}
	return e
}

// written is a figure as its text wrote it, scale kept: 31.580, not 31.58.
func written(d decimal.Decimal) string {
	return d.StringFixed(max(0, -d.Exponent()))
}

// figureCheck compares a figure with its expected text: exactly as written
// when scale matters (XML), by value otherwise (a number cell keeps none).
type figureCheck func(t *testing.T, what string, got decimal.Decimal, want string)

func sameText(t *testing.T, what string, got decimal.Decimal, want string) {
	t.Helper()
	if written(got) != want {
		t.Errorf("%s = %s, want %s", what, written(got), want)
	}
}

func sameValue(t *testing.T, what string, got decimal.Decimal, want string) {
	t.Helper()
	if !got.Equal(decimal.RequireFromString(want)) {
		t.Errorf("%s = %s, want %s", what, got, want)
	}
}

func optCheck(t *testing.T, same figureCheck, what string, got Optional, want *string) {
	t.Helper()
	switch {
	case want == nil && got.Present:
		t.Errorf("%s = %s, want absent", what, got.Value)
	case want != nil && !got.Present:
		t.Errorf("%s absent, want %s", what, *want)
	case want != nil:
		same(t, what, got.Value, *want)
	}
}

func checkInvoice(t *testing.T, got *Invoice, want expectedInvoice, same figureCheck, fromLines bool) {
	t.Helper()
	str := []struct{ what, got, want string }{
		{"Number", got.Number, want.Number}, {"IssueDate", got.IssueDate, want.IssueDate}, {"Type", string(got.Type), want.Type},
		{"Seller.TaxID", got.Seller.TaxID, want.SellerID}, {"Seller.Name", got.Seller.Name, want.SellerName},
		{"Buyer.TaxID", got.Buyer.TaxID, want.BuyerID}, {"Buyer.Name", got.Buyer.Name, want.BuyerName},
		{"Remark", got.Remark, want.Remark}, {"OriginalNumber", got.OriginalNumber, want.Original},
		{"CreditNoteNumber", got.CreditNoteNumber, want.CreditNote},
	}
	for _, s := range str {
		if s.got != s.want {
			t.Errorf("%s = %q, want %q", s.what, s.got, s.want)
		}
	}
	if m, _ := got.SupplyMonth(); m != want.SupplyMonth {
		t.Errorf("SupplyMonth() = %q, want %q", m, want.SupplyMonth)
	}
	if got.Red != want.Red || got.TotalsFromLines != fromLines {
		t.Errorf("Red, TotalsFromLines = %v, %v; want %v, %v", got.Red, got.TotalsFromLines, want.Red, fromLines)
	}
	same(t, "TotalExclVAT", got.TotalExclVAT, want.TotalExcl)
	same(t, "TotalVAT", got.TotalVAT, want.TotalTax)
	same(t, "TotalInclVAT", got.TotalInclVAT, want.TotalIncl)
	if len(got.Lines) != len(want.Lines) {
		t.Fatalf("%d lines, want %d", len(got.Lines), len(want.Lines))
	}
	for i, w := range want.Lines {
		l := got.Lines[i]
		for _, s := range []struct{ what, got, want string }{
			{"Path", l.Path, w.Path}, {"ItemName", l.ItemName, w.Item}, {"Spec", l.Spec, w.Spec},
			{"Unit", l.Unit, w.Unit}, {"TaxCode", l.TaxCode, w.Code},
		} {
			if s.got != s.want {
				t.Errorf("line %d: %s = %q, want %q", i+1, s.what, s.got, s.want)
			}
		}
		if l.SourceLine != w.Line {
			t.Errorf("line %d: SourceLine = %d, want %d", i+1, l.SourceLine, w.Line)
		}
		same(t, "Amount", l.Amount, w.Amount)
		same(t, "TaxRate", l.TaxRate, w.Rate)
		same(t, "Tax", l.Tax, w.Tax)
		optCheck(t, same, "Quantity", l.Quantity, w.Qty)
		optCheck(t, same, "UnitPrice", l.UnitPrice, w.Price)
		optCheck(t, same, "TotalInclVAT", l.TotalInclVAT, w.Total)
	}
}

func TestFixturesXML(t *testing.T) {
	for _, want := range loadExpected(t).XML {
		t.Run(want.File, func(t *testing.T) {
			f, err := os.Open(filepath.Join(fixtures, want.File))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := ReadXML(f, want.File)
			if err != nil {
				t.Fatal(err)
			}
			if got.Source != want.File || got.Line != 2 {
				t.Errorf("Source, Line = %q, %d", got.Source, got.Line)
			}
			checkInvoice(t, got, want, sameText, false)
		})
	}
}

func TestFixturesXLSX(t *testing.T) {
	for _, want := range loadExpected(t).XLSX {
		t.Run(want.File, func(t *testing.T) {
			f, err := os.Open(filepath.Join(fixtures, want.File))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := ReadSummaryXLSX(f, want.File)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want.Invoices) {
				t.Fatalf("%d invoices, want %d", len(got), len(want.Invoices))
			}
			for i := range got {
				t.Run(got[i].Number, func(t *testing.T) { checkInvoice(t, &got[i], want.Invoices[i], sameValue, true) })
			}
		})
	}
}

func TestFixturesBad(t *testing.T) {
	for _, want := range loadExpected(t).Bad {
		t.Run(want.File, func(t *testing.T) {
			f, err := os.Open(filepath.Join(fixtures, want.File))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			inv, err := ReadXML(f, want.File)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("ReadXML = %v, %v; want an *Error", inv, err)
			}
			if e.Kind.String() != want.Kind || e.Path != want.Path || e.Value != want.Value || e.File != want.File {
				t.Errorf("got %s %q %q %q, want %s %q %q", e.Kind, e.Path, e.Value, e.File, want.Kind, want.Path, want.Value)
			}
			if want.Line != 0 && e.Line != want.Line {
				t.Errorf("Line = %d, want %d (%v)", e.Line, want.Line, e)
			}
		})
	}
}
