package invoice

import (
	"math/rand/v2"
	"testing"

	"alprice/pricing"

	"github.com/shopspring/decimal"
)

// TestScreenDecidesAsTheDecimals holds the integer screen of a month's
// lines to the decimal checks it spares: a line is clean on integers
// exactly when lineArithmetic finds nothing, and priced exactly when
// matches holds, for tolerances on the fen and between fen.
func TestScreenDecidesAsTheDecimals(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	terms := pricing.Terms{VATRate: decimal.New(13, -2)}
	unit := decimal.New(2341264, -2)
	for _, tax := range []decimal.Decimal{DefaultTaxTolerance, decimal.New(55, -3), decimal.New(1, -3)} {
		c := &checker{tax: tax, priceTol: tax.Add(diagnosisTolerancePlus)}
		ft := c.fenTolerances(terms, &unit)
		for range 30000 {
			q := pricing.Weight(20000 + r.Int64N(15000))
			upExcl := int64(2071916814) + r.Int64N(200) - 100 // 20719.16814 … about the unit price excl. VAT, in 10⁻⁸
			amount, _ := pricing.LineAmountFen(q, upExcl*1000)
			amount += r.Int64N(5) - 2
			vat, _ := pricing.LineVATFen(amount, 130000)
			vat += r.Int64N(15) - 7
			rate := int64(130000)
			if r.IntN(50) == 0 {
				rate = 90000
			}
			f := pricing.FixedLine{Quantity: q, UnitPrice: upExcl * 1000, Amount: amount, VAT: vat, RateMicro: rate, Total: amount + vat + r.Int64N(2), HasTotal: r.IntN(2) == 0}
			l := pricing.InvoiceLine{Quantity: q, UnitPriceExclVAT: decimal.New(f.UnitPrice, -pricing.UnitPriceDecimals), AmountExclVAT: decimal.New(amount, -2),
				VATRate: decimal.New(rate, -6), VAT: decimal.New(vat, -2), Total: decimal.New(f.Total, -2), HasTotal: f.HasTotal}
			lineTax, _ := pricing.LineVATFen(f.Amount, f.RateMicro)
			if clean, found := ft.lineClean(f, lineTax), c.lineArithmetic(l, terms); clean != (len(found) == 0) {
				t.Fatalf("tolerance %s: line %+v clean on integers %v, but the decimals find %v", tax, f, clean, found)
			}
			if priced, matches := ft.priceClean(f), c.matches(l, unit, false); priced != matches {
				t.Fatalf("tolerance %s: line %+v priced on integers %v, matches %v", tax, f, priced, matches)
			}
		}
	}
}
