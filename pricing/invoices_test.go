package pricing

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// Invoice numbers kept many to a page of text read back as given, across
// the pages' ends, a number longer than a page included, whether a run of
// lines repeats one or not.
func TestInvoiceNumbersKept(t *testing.T) {
	var lines []InvoiceLine
	var want []string
	for i := range 30000 { // about ten pages
		no := fmt.Sprintf("FP%0*d", 8+i%13, i)
		if i == 12345 {
			no = strings.Repeat("长", numberPage) // over a page by itself
		}
		for range 1 + i%3 {
			lines = append(lines, InvoiceLine{InvoiceNo: no, Buyer: "B", Month: 2026*12 + 2})
			want = append(want, no)
		}
	}
	inv := NewInvoices("i.csv", lines)
	for i, no := range want {
		if got := inv.Number(i); got != no {
			t.Fatalf("line %d: number %.40q, want %.40q", i, got, no)
		}
		if got := inv.Line(i).InvoiceNo; got != no {
			t.Fatalf("line %d: the line's number %.40q, want %.40q", i, got, no)
		}
	}
}

// A line whose line number or month does not fit a record's 16 bits is
// kept whole, and reads back as given, added with its decimals or as
// integers (AddFixed refuses it, and its reader adds it whole).
func TestInvoiceRecordCompact(t *testing.T) {
	price, amount, rate, vat := decimal.RequireFromString("20710.32743363"), decimal.RequireFromString("647197.73"),
		decimal.RequireFromString("0.13"), decimal.RequireFromString("84135.70")
	for _, l := range []InvoiceLine{
		{InvoiceNo: "A", Buyer: "B", Line: 1, Month: 2026*12 + 2, SourceLine: 2},
		{InvoiceNo: "A", Buyer: "B", Line: 1<<16 + 1, Month: 2026*12 + 2, SourceLine: 3},
		{InvoiceNo: "A", Buyer: "B", Line: 2, Month: 1<<16 + 5, SourceLine: 4},
		{InvoiceNo: "A", Buyer: "B", Line: 3, Month: -1, SourceLine: 5},
	} {
		l.Quantity, l.UnitPriceExclVAT, l.AmountExclVAT, l.VATRate, l.VAT = 31250, price, amount, rate, vat
		inv := &Invoices{}
		inv.Add(l)
		fits := l.Line < 1<<16 && l.Month >= 0 && l.Month < 1<<16
		if _, wide := inv.wide[0]; wide == fits {
			t.Errorf("line %d, month %d: kept whole %v", l.Line, l.Month, wide)
		}
		if got := inv.Line(0); fmt.Sprint(got) != fmt.Sprint(l) {
			t.Errorf("read back %+v, want %+v", got, l)
		}
		f := FixedLine{Quantity: 31250, UnitPrice: 2071032743363, Amount: 64719773, VAT: 8413570, RateMicro: 130000}
		fixed := &Invoices{}
		if added := fixed.AddFixed(l, f); added != fits {
			t.Errorf("line %d, month %d: AddFixed %v", l.Line, l.Month, added)
		} else if added {
			if got, want := fmt.Sprint(fixed.Line(0)), fmt.Sprint(inv.Line(0)); got != want {
				t.Errorf("AddFixed reads back %s, Add %s", got, want)
			}
		}
	}
}

// Headers held in pages: across a page's end they are found by number,
// yielded in the order added, replaced in place, and a pointer to one
// stays good as more are added.
func TestHeadersAcrossPages(t *testing.T) {
	var inv Invoices
	n := 2*headerPage + 7
	number := func(k int) string { return fmt.Sprintf("FP%05d", k) }
	inv.AddHeader(InvoiceHeader{Number: number(0), SourceLine: 0})
	first := inv.Header(number(0))
	for k := 1; k < n; k++ {
		inv.AddHeader(InvoiceHeader{Number: number(k), SourceLine: k})
	}
	inv.AddHeader(InvoiceHeader{Number: number(headerPage), SourceLine: -1}) // replaced, not added
	if inv.HeaderCount() != n {
		t.Fatalf("%d headers; want %d", inv.HeaderCount(), n)
	}
	if first != inv.Header(number(0)) || first.SourceLine != 0 {
		t.Errorf("the first header moved or changed: %+v", first)
	}
	k := 0
	for h := range inv.Headers() {
		want := k
		if k == headerPage {
			want = -1
		}
		if h.Number != number(k) || h.SourceLine != want || inv.Header(h.Number) != h {
			t.Fatalf("header %d: %+v", k, h)
		}
		k++
	}
	if k != n {
		t.Errorf("%d headers yielded; want %d", k, n)
	}
	if inv.Header("FP99999") != nil {
		t.Error("a number never added has a header")
	}
}

// A mark that each run of lines is an invoice holds while lines of the
// last run are added, and is undone by a line that starts another.
func TestRunsAreInvoicesUndone(t *testing.T) {
	line := func(no string) InvoiceLine {
		return InvoiceLine{InvoiceNo: no, Buyer: "B", Month: 2026*12 + 2, Quantity: 1000, AmountExclVAT: decimal.NewFromInt(1), VATRate: DefaultVATRate}
	}
	inv := NewInvoices("i.csv", []InvoiceLine{line("A"), line("A"), line("B")})
	if inv.RunsAreInvoices() {
		t.Fatal("said of invoices no reader checked")
	}
	if inv.Run(0) != inv.Run(1) || inv.Run(1) == inv.Run(2) {
		t.Fatalf("runs %d %d %d", inv.Run(0), inv.Run(1), inv.Run(2))
	}
	inv.MarkRunsAreInvoices()
	inv.Add(line("B"))
	if !inv.RunsAreInvoices() || inv.Run(3) != inv.Run(2) {
		t.Fatal("a line of the last run undid the mark")
	}
	inv.Add(line("A"))
	if inv.RunsAreInvoices() {
		t.Fatal("a run of invoice A again kept the mark")
	}
}
