package invoice

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"alprice/pricing"
	"alprice/pricing/internal/sample"
	"alprice/pricing/read"
	"alprice/pricing/settle"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestPropertyTrueUpAddsUp: whatever the deliveries and the provisional
// invoices, invoiced + difference = final bill exactly in amount, amount
// excl. VAT and VAT; the lines to issue add up to the difference exactly;
// red lines reverse amounts only, one per blue line; blue lines stay below
// the cap.
func TestPropertyTrueUpAddsUp(t *testing.T) {
	f, err := os.Open("../../testdata/trueup/agreements.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ags, err := read.ReadAgreements(f, "a.yaml")
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	_, q := sample.Inputs(t)
	rapid.Check(t, func(t *rapid.T) {
		supply := rapid.SampledFrom([]string{"2026-03", "2026-05"}).Draw(t, "month")

		var d strings.Builder
		d.WriteString("ticket,date,buyer,tapped_t,delivered_t\n")
		var delivered pricing.Weight
		for i := range rapid.IntRange(1, 12).Draw(t, "tickets") {
			w := pricing.Weight(rapid.Int64Range(20_000, 35_000).Draw(t, "kg"))
			delivered += w
			fmt.Fprintf(&d, "T%d,%s-%02d,TU-2026-001,%s,%s\n", i, supply, 6+i, (w + 50).String(), w.String())
		}
		dr, err := read.NewDeliveryReader(strings.NewReader(d.String()), "d.csv", read.AutoEncoding)
		if err != nil {
			t.Fatal(err)
		}
		s, err := settle.Settle(context.Background(), dr, ags, q, settle.SettleOptions{})
		if err != nil {
			t.Fatal(err)
		}
		// Issued lines: the delivered weight split at random, priced at a
		// random provisional unit price, each line's arithmetic right.
		unit := fen(2_000_000, 2_800_000).Draw(t, "provisional")
		var lines []pricing.InvoiceLine
		rest := delivered
		for n := 1; rest > 0; n++ {
			w := rest
			if n < 4 && rest > 1000 {
				w = pricing.Weight(rapid.Int64Range(1, int64(rest)).Draw(t, "line"))
			}
			rest -= w
			amount := pricing.Amount(unit, w)
			excl, vat := pricing.SplitVAT(amount, pricing.DefaultVATRate)
			lines = append(lines, pricing.InvoiceLine{InvoiceNo: fmt.Sprint("FP", n%2), Line: n, Buyer: "TU-2026-001", Month: month(supply),
				Quantity: w, UnitPriceExclVAT: decimal.Zero, AmountExclVAT: excl, VATRate: pricing.DefaultVATRate, VAT: vat, SourceLine: n + 1})
		}
		limit := fen(100_000, 50_000_000).Draw(t, "cap")
		res, err := TrueUps(pricing.NewInvoices("i.csv", lines), ags, q, s, TrueUpOptions{InvoiceCap: limit})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.TrueUps) != 1 {
			t.Fatalf("%d true-ups", len(res.TrueUps))
		}
		tu := res.TrueUps[0]
		if got := tu.Invoiced.Add(tu.Difference); !got.Amount.Equal(tu.FinalBill.Amount) || !got.AmountExclVAT.Equal(tu.FinalBill.AmountExclVAT) || !got.VAT.Equal(tu.FinalBill.VAT) {
			t.Fatalf("invoiced %v + difference %v ≠ final %v", tu.Invoiced, tu.Difference, tu.FinalBill)
		}
		sum := pricing.ZeroAmounts()
		for _, l := range tu.Lines {
			sum = sum.Add(l.Amounts)
			if !l.Amount.Equal(l.AmountExclVAT.Add(l.VAT)) {
				t.Fatalf("line %+v: amount ≠ excl + VAT", l)
			}
			if tu.Action == Blue && (l.Quantity != 0 || !l.AmountExclVAT.LessThan(limit)) {
				t.Fatalf("blue line %+v: a quantity, or not below the cap %s", l, limit)
			}
		}
		switch tu.Action {
		case None:
			if len(tu.Lines) != 0 || !tu.Difference.Amount.IsZero() {
				t.Fatalf("none with %v", tu.Difference)
			}
			return
		case Red:
			if len(tu.Lines) != len(lines) {
				t.Fatalf("%d red lines for %d blue lines", len(tu.Lines), len(lines))
			}
		}
		if !sum.Amount.Equal(tu.Difference.Amount) || !sum.AmountExclVAT.Equal(tu.Difference.AmountExclVAT) || !sum.VAT.Equal(tu.Difference.VAT) {
			t.Fatalf("lines add up to %v, the difference is %v", sum, tu.Difference)
		}
	})
}
