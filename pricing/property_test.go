package pricing

import (
	"fmt"
	"testing"
	"unsafe"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// fen draws an amount of money between min and max fen.
func fen(min, max int64) *rapid.Generator[decimal.Decimal] {
	return rapid.Map(rapid.Int64Range(min, max), func(n int64) decimal.Decimal { return decimal.New(n, -2) })
}

// rate draws a VAT rate from 0.01% to 30%, as a fraction.
var rate = rapid.Map(rapid.Int64Range(1, 3000), func(n int64) decimal.Decimal { return decimal.New(n, -4) })

func TestPropertySplitVAT(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		amount := fen(0, 100_000_000_000).Draw(t, "amount")
		r := rate.Draw(t, "rate")
		excl, vat := SplitVAT(amount, r)
		if !excl.Add(vat).Equal(amount) {
			t.Fatalf("%s + %s ≠ %s", excl, vat, amount)
		}
		if d := excl.Mul(r).Sub(vat).Abs(); d.GreaterThan(decimal.New(1, -2)) {
			t.Fatalf("VAT %s is %s off amount excl. VAT %s × %s", vat, d, excl, r)
		}
		if excl.Exponent() < -2 || vat.Round(2).Cmp(vat) != 0 {
			t.Fatalf("not to the fen: %s, %s", excl, vat)
		}
	})
}

// drawTerms draws terms with a few deductions and premiums, each CNY/t or a
// percentage.
func drawTerms(t *rapid.T) Terms {
	terms := DefaultTerms()
	terms.UnitPriceRounding = rapid.SampledFrom([]Rounding{Fen, Yuan}).Draw(t, "rounding")
	terms.VATRate = rate.Draw(t, "vat")
	n := rapid.IntRange(0, 6).Draw(t, "lines")
	for i := range n {
		kind := rapid.SampledFrom([]Kind{Transport, Casting, BurnLoss, Coal, Fee, Premium}).Draw(t, "kind")
		var v Value
		if rapid.Bool().Draw(t, "percent") {
			v = percentOfBenchmark(decimal.New(rapid.Int64Range(1, 50000).Draw(t, "pct"), -4)) // up to 5%
		} else {
			v = PerTonne(fen(0, 100_000).Draw(t, "cny")) // up to 1000/t
		}
		terms.Adjustments = append(terms.Adjustments, Adjustment{Kind: kind, Label: fmt.Sprint("L", i), Value: v})
	}
	return terms
}

func TestPropertyLargerDeductionNeverRaisesThePrice(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		terms := drawTerms(t)
		benchmark := fen(1_500_000, 4_000_000).Draw(t, "benchmark")
		before, err := BuildPrice(benchmark, terms)
		if err != nil {
			t.Skip(err)
		}
		kind := rapid.SampledFrom([]Kind{Transport, Casting, BurnLoss, Coal}).Draw(t, "kind")
		more := terms
		found := false
		more.Adjustments = append([]Adjustment(nil), terms.Adjustments...)
		for i, a := range more.Adjustments {
			if a.Kind == kind {
				extra := fen(1, 50_000).Draw(t, "extra")
				if a.Value.IsPercent() {
					more.Adjustments[i].Value = percentOfBenchmark(a.Value.Number().Add(decimal.New(1, -2)))
				} else {
					more.Adjustments[i].Value = PerTonne(a.Value.Number().Add(extra))
				}
				found = true
				break
			}
		}
		if !found {
			more = more.With(Adjustment{Kind: kind, Value: PerTonne(fen(1, 50_000).Draw(t, "new"))})
		}
		after, err := BuildPrice(benchmark, more)
		if err != nil {
			return // the larger deduction took the price to zero: not higher
		}
		if after.UnitPrice.GreaterThan(before.UnitPrice) {
			t.Fatalf("a larger %s raised the unit price from %s to %s", kind, before.UnitPrice, after.UnitPrice)
		}
		if after.UnitPriceExclVAT.GreaterThan(before.UnitPriceExclVAT) {
			t.Fatalf("a larger %s raised the price excl. VAT from %s to %s", kind, before.UnitPriceExclVAT, after.UnitPriceExclVAT)
		}
	})
}

func TestPropertyLinesAddUpToTheUnitPrice(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		terms := drawTerms(t)
		p, err := BuildPrice(fen(1_500_000, 4_000_000).Draw(t, "benchmark"), terms)
		if err != nil {
			t.Skip(err)
		}
		sum := p.Benchmark
		for _, l := range p.Lines {
			sum = sum.Add(l.Amount)
		}
		if !sum.Equal(p.UnitPrice) {
			t.Fatalf("lines add up to %s, not the unit price %s", sum, p.UnitPrice)
		}
	})
}

func TestPropertySplitInvoicesPreservesTotals(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		unit := fen(1_000_000, 3_000_000).Draw(t, "unit")
		p := Price{UnitPrice: unit, VATRate: rate.Draw(t, "vat")}
		w := Weight(rapid.Int64Range(1, 2_000_000).Draw(t, "kg"))
		bill := p.Bill(w)
		limit := fen(50_000_00, 2_000_000_00).Draw(t, "cap")
		lines, err := SplitInvoices(bill, p, limit)
		if err != nil {
			t.Skip(err)
		}
		var q Weight
		amount, excl, vat := decimal.Zero, decimal.Zero, decimal.Zero
		for i, l := range lines {
			q += l.Quantity
			amount, excl, vat = amount.Add(l.Amount), excl.Add(l.AmountExclVAT), vat.Add(l.VAT)
			if !l.AmountExclVAT.LessThan(limit) || l.Quantity <= 0 {
				t.Fatalf("line %d: %s t, %s excl. VAT under a cap of %s", i, l.Quantity, l.AmountExclVAT, limit)
			}
			if !l.AmountExclVAT.Add(l.VAT).Equal(l.Amount) {
				t.Fatalf("line %d does not add up", i)
			}
		}
		if q != bill.Weight || !amount.Equal(bill.Amount) || !excl.Equal(bill.AmountExclVAT) || !vat.Equal(bill.VAT) {
			t.Fatalf("lines sum to %s t, %s, %s, %s; the bill is %s t, %s, %s, %s", q, amount, excl, vat, bill.Weight, bill.Amount, bill.AmountExclVAT, bill.VAT)
		}
	})
}

// TestPropertyReleasedPartsAddUp: whatever the per-tonne lines and the
// weight, the released parts add up to the released total exactly, and
// the total is the lines' sum × tonnes to the fen.
func TestPropertyReleasedPartsAddUp(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 8).Draw(t, "lines")
		perTonne := make([]decimal.Decimal, n)
		sum := decimal.Zero
		for i := range perTonne {
			perTonne[i] = fen(-100_000, 100_000).Draw(t, "line")
			sum = sum.Add(perTonne[i])
		}
		w := Weight(rapid.Int64Range(1, 10_000_000_000).Draw(t, "kg"))
		total, parts := ReleasedParts(perTonne, w)
		got := decimal.Zero
		for _, p := range parts {
			got = got.Add(p)
			if p.Exponent() < -2 {
				t.Fatalf("a part %s not to the fen", p)
			}
		}
		if !got.Equal(total) || !total.Equal(Amount(sum, w)) {
			t.Fatalf("parts add up to %s; total %s; Σ × t = %s", got, total, Amount(sum, w))
		}
	})
}

// TestPropertyInvoicesKeepLinesExactly: an invoice line kept compact
// comes back with every figure equal — when it fits the fixed scales, and
// when it does not (a unit price of 9 decimals, amounts beyond int64).
func TestPropertyInvoicesKeepLinesExactly(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		figure := func(label string) decimal.Decimal {
			return decimal.New(rapid.Int64().Draw(t, label), -int32(rapid.IntRange(0, 10).Draw(t, label+" decimals")))
		}
		l := InvoiceLine{InvoiceNo: "FP1", Line: rapid.IntRange(1, 1<<40).Draw(t, "line"), Buyer: "B", Month: month("2026-03"),
			Quantity: Weight(rapid.Int64().Draw(t, "quantity")), UnitPriceExclVAT: figure("unit price"),
			AmountExclVAT: figure("amount"), VATRate: figure("rate"), VAT: figure("vat"), Total: figure("total"),
			HasTotal: rapid.Bool().Draw(t, "has total"), SourceLine: rapid.IntRange(2, 1<<40).Draw(t, "source line"),
			MonthFrom: MonthFrom(rapid.IntRange(0, 3).Draw(t, "month from")), Item: rapid.SampledFrom([]string{"", "*有色金属冶炼压延品*铝液"}).Draw(t, "item"),
			TaxCode: rapid.SampledFrom([]string{"", moltenAluminiumTaxCode}).Draw(t, "tax code"), QuantityDerived: rapid.Bool().Draw(t, "quantity derived"),
			UnitPriceDerived: rapid.Bool().Draw(t, "unit price derived"), NoQuantity: rapid.Bool().Draw(t, "no quantity")}
		if rapid.Bool().Draw(t, "total is amount + VAT") { // kept as a flag
			l.Total = l.AmountExclVAT.Add(l.VAT)
		}
		got := NewInvoices("i.csv", []InvoiceLine{l, l}).Line(1)
		if got.MonthFrom != l.MonthFrom || got.Item != l.Item || got.TaxCode != l.TaxCode || got.QuantityDerived != l.QuantityDerived ||
			got.UnitPriceDerived != l.UnitPriceDerived || got.NoQuantity != l.NoQuantity {
			t.Fatalf("kept %+v, got %+v", l, got)
		}
		same := func(a, b decimal.Decimal) bool { return a.Equal(b) }
		if got.InvoiceNo != l.InvoiceNo || got.Line != l.Line || got.Buyer != l.Buyer || got.Month != l.Month ||
			got.Quantity != l.Quantity || !same(got.UnitPriceExclVAT, l.UnitPriceExclVAT) || !same(got.AmountExclVAT, l.AmountExclVAT) ||
			!same(got.VATRate, l.VATRate) || !same(got.VAT, l.VAT) || !same(got.Total, l.Total) || got.HasTotal != l.HasTotal ||
			got.SourceLine != l.SourceLine {
			t.Fatalf("kept %+v, got %+v", l, got)
		}
	})
}

// The compact form of an invoice line stays 56 bytes: a file of 600,000
// lines takes about 40 MB, as Invoices promises.
func TestInvoiceRecordSize(t *testing.T) {
	if n := unsafe.Sizeof(invoiceRecord{}); n != 56 {
		t.Errorf("invoiceRecord is %d bytes, want 56", n)
	}
}
