package pricing

import (
	"github.com/shopspring/decimal"
)

// SplitLine is one line of a special VAT invoice (增值税专用发票) that a
// statement is split into.
type SplitLine struct {
	Quantity      Weight
	Amount        decimal.Decimal // 价税合计
	AmountExclVAT decimal.Decimal // 金额
	VAT           decimal.Decimal // 税额
	// Residual is what the line's amount differs from unit price ×
	// quantity by: the rounding left over so that the lines add up to the
	// statement exactly. Zero except on the last line.
	Residual decimal.Decimal
}

// maxInvoiceLines bounds a split, so that a cap far below the statement
// cannot produce millions of lines.
const maxInvoiceLines = 10000

// SplitInvoices splits a statement's bill into invoice lines whose amount
// excl. VAT is below limit, the issuer's cap (最高开票限额). Every line but
// the last bills the same whole-kilogram quantity, its amount, amount excl.
// VAT and VAT rounded as any bill; the last line takes the rest of the
// quantity and the rest of each total, so that the lines add up to the
// statement exactly; its Residual shows the rounding it absorbed.
//
// The quantity is the largest under the cap for which every line's VAT is
// within 0.01 of its amount excl. VAT × rate, what the strictest invoicing
// devices accept, when one is found a little below the largest; else the
// largest under the cap.
func SplitInvoices(bill Bill, p Price, limit decimal.Decimal) ([]SplitLine, error) {
	if bill.AmountExclVAT.LessThan(limit) {
		return []SplitLine{{Quantity: bill.Weight, Amount: bill.Amount, AmountExclVAT: bill.AmountExclVAT, VAT: bill.VAT, Residual: decimal.Zero}}, nil
	}
	largest, err := largestUnderCap(p, limit)
	if err != nil {
		return nil, err
	}
	var fallback []SplitLine
	for per := largest; per > 0 && per > largest-maxSplitSearch && (bill.Weight+per-1)/per <= maxInvoiceLines; per-- {
		lines, ok := splitBy(bill, p, limit, per)
		if !ok {
			continue
		}
		if VatWithin(lines, p.VATRate, strictTaxTolerance) {
			return lines, nil
		}
		if fallback == nil {
			fallback = lines
		}
	}
	if fallback != nil {
		return fallback, nil
	}
	return nil, Errorf("cannot split %s excl. VAT into at most %d invoice lines below %s", bill.AmountExclVAT.StringFixed(2), maxInvoiceLines, limit.StringFixed(2))
}

// maxSplitSearch bounds how far below the largest quantity SplitInvoices
// looks for one whose lines all pass the strictest tax tolerance.
const maxSplitSearch = 2000

// strictTaxTolerance is the VAT difference the strictest devices allow.
var strictTaxTolerance = decimal.New(1, -2)

// vatWithin reports whether every line's VAT is within tolerance of its
// amount excl. VAT × rate.
func VatWithin(lines []SplitLine, rate, tolerance decimal.Decimal) bool {
	for _, l := range lines {
		if l.VAT.Sub(LineVAT(l.AmountExclVAT, rate)).Abs().GreaterThan(tolerance) {
			return false
		}
	}
	return true
}

// largestUnderCap returns the largest weight whose bill has an amount excl.
// VAT below limit.
func largestUnderCap(p Price, limit decimal.Decimal) (Weight, error) {
	// One kilogram above the weight near the cap is above the answer.
	for w := weightNear(limit, p) + 1; w > 0; w-- {
		if p.Bill(w).AmountExclVAT.LessThan(limit) {
			return w, nil
		}
	}
	return 0, Errorf("the invoice cap is below the amount of one kilogram")
}

// splitBy splits bill into lines of per kilograms and a last line of the
// rest; ok is false when the last line would reach the cap.
func splitBy(bill Bill, p Price, limit decimal.Decimal, per Weight) ([]SplitLine, bool) {
	n := int((bill.Weight + per - 1) / per)
	lines := make([]SplitLine, 0, n)
	full := p.Bill(per)
	rest := SplitLine{Quantity: bill.Weight, Amount: bill.Amount, AmountExclVAT: bill.AmountExclVAT, VAT: bill.VAT}
	for i := 0; i < n-1; i++ {
		lines = append(lines, SplitLine{Quantity: per, Amount: full.Amount, AmountExclVAT: full.AmountExclVAT, VAT: full.VAT, Residual: decimal.Zero})
		rest.Quantity -= per
		rest.Amount = rest.Amount.Sub(full.Amount)
		rest.AmountExclVAT = rest.AmountExclVAT.Sub(full.AmountExclVAT)
		rest.VAT = rest.VAT.Sub(full.VAT)
	}
	rest.Residual = rest.Amount.Sub(p.Bill(rest.Quantity).Amount)
	lines = append(lines, rest)
	return lines, rest.AmountExclVAT.LessThan(limit)
}
