package pricing

import (
	"fmt"
	"strings"
	"testing"
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
