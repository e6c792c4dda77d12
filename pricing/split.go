package pricing

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"
)

// InvoiceLine is one line of a special VAT invoice (增值税专用发票) that a
// statement is split into.
type InvoiceLine struct {
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
// the last bills the largest whole-kilogram quantity under the cap, its
// amount, amount excl. VAT and VAT rounded as any bill; the last line takes
// the rest of the quantity and the rest of each total, so that the lines
// add up to the statement exactly; its Residual shows the rounding it
// absorbed.
func SplitInvoices(bill Bill, p Price, limit decimal.Decimal) ([]InvoiceLine, error) {
	if bill.AmountExclVAT.LessThan(limit) {
		return []InvoiceLine{{Quantity: bill.Weight, Amount: bill.Amount, AmountExclVAT: bill.AmountExclVAT, VAT: bill.VAT, Residual: decimal.Zero}}, nil
	}
	per, err := largestUnderCap(p, limit)
	if err != nil {
		return nil, err
	}
	for ; per > 0 && (bill.Weight+per-1)/per <= maxInvoiceLines; per-- {
		if lines, ok := splitBy(bill, p, limit, per); ok {
			return lines, nil
		}
	}
	return nil, fmt.Errorf("cannot split %s excl. VAT into at most %d invoice lines below %s", bill.AmountExclVAT.StringFixed(2), maxInvoiceLines, limit.StringFixed(2))
}

// largestUnderCap returns the largest weight whose bill has an amount excl.
// VAT below limit.
func largestUnderCap(p Price, limit decimal.Decimal) (Weight, error) {
	// limit × (1 + rate) ÷ unit price, in kg, is just above the answer.
	guess := limit.Mul(one.Add(p.VATRate)).Shift(3).DivRound(p.UnitPrice, 0).IntPart() + 1
	for w := Weight(guess); w > 0; w-- {
		if p.Bill(w).AmountExclVAT.LessThan(limit) {
			return w, nil
		}
	}
	return 0, errors.New("the invoice cap is below the amount of one kilogram")
}

// splitBy splits bill into lines of per kilograms and a last line of the
// rest; ok is false when the last line would reach the cap.
func splitBy(bill Bill, p Price, limit decimal.Decimal, per Weight) ([]InvoiceLine, bool) {
	n := int((bill.Weight + per - 1) / per)
	lines := make([]InvoiceLine, 0, n)
	full := p.Bill(per)
	rest := InvoiceLine{Quantity: bill.Weight, Amount: bill.Amount, AmountExclVAT: bill.AmountExclVAT, VAT: bill.VAT}
	for i := 0; i < n-1; i++ {
		lines = append(lines, InvoiceLine{Quantity: per, Amount: full.Amount, AmountExclVAT: full.AmountExclVAT, VAT: full.VAT, Residual: decimal.Zero})
		rest.Quantity -= per
		rest.Amount = rest.Amount.Sub(full.Amount)
		rest.AmountExclVAT = rest.AmountExclVAT.Sub(full.AmountExclVAT)
		rest.VAT = rest.VAT.Sub(full.VAT)
	}
	rest.Residual = rest.Amount.Sub(p.Bill(rest.Quantity).Amount)
	lines = append(lines, rest)
	return lines, rest.AmountExclVAT.LessThan(limit)
}
