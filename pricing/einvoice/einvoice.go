package einvoice

import (
	"errors"
	"fmt"

	"alprice/pricing"
	"alprice/pricing/invoice"
	"alprice/pricing/settle"

	"github.com/shopspring/decimal"
)

// EInvoice is one invoice of the national e-invoice platform's batch-issuing
// file (全电/数电发票 批量开票): the parties, what is invoiced and for which
// supply month, and its lines.
type EInvoice struct {
	Serial    string // 发票流水号: the agreement id, the month and a sequence; unique in a file
	Kind      pricing.InvoiceKind
	Seller    pricing.Party
	Buyer     pricing.Party
	Agreement *pricing.Agreement
	Month     pricing.Month      // the supply month
	Price     pricing.MonthPrice // what the month is priced on, for the note
	TrueUp    bool               // a supplementary price-difference invoice (补差)
	Lines     []EInvoiceLine
}

// EInvoiceLine is one detail line (发票明细) of an e-invoice.
type EInvoiceLine struct {
	pricing.InvoiceItem
	Quantity      pricing.Weight  // 数量; 0 on a price-difference line, which bills an amount only
	UnitPrice     decimal.Decimal // 单价 excl. VAT, by InvoiceUnitPrice; zero without a quantity
	AmountExclVAT decimal.Decimal // 金额
	VATRate       decimal.Decimal // 税率, a fraction
	VAT           decimal.Decimal // 税额 as billed; the platform computes its own from 金额 × 税率
}

// MaxBatchLines is how many detail lines the platform takes in one
// batch-issuing file.
const MaxBatchLines = 2000

// priceDifference is what a price-difference line's item name ends with.
const priceDifference = "价差"

// SettlementEInvoices returns the e-invoices of a settlement: one per
// invoice line of a statement split under a cap, else one per statement,
// each with one detail line. The agreements file must give what the
// platform requires — the item, its tax code, and for a special VAT
// invoice the buyer's tax id —: an [InvoicingError] lists every field
// missing, for every agreement, at once.
func SettlementEInvoices(s *settle.Settlement, ags *pricing.Agreements) ([]EInvoice, error) {
	var out []EInvoice
	missing := &InvoicingError{}
	for _, st := range s.Statements {
		item := ags.InvoiceItem(st.Agreement)
		missing.check(ags, st.Agreement, item)
		lines := st.Invoices
		if len(lines) == 0 {
			b := st.Bill
			lines = []pricing.SplitLine{{Quantity: b.Weight, Amount: b.Amount, AmountExclVAT: b.AmountExclVAT, VAT: b.VAT}}
		}
		for i, l := range lines {
			out = append(out, EInvoice{
				Serial: fmt.Sprintf("%s-%04d%02d-%02d", st.Agreement.ID, st.Month.Year(), int(st.Month.Month()), i+1),
				Kind:   item.Kind, Seller: ags.SellerParty, Buyer: st.Agreement.BuyerParty, Agreement: st.Agreement,
				Month: st.Month, Price: st.Price,
				Lines: []EInvoiceLine{{InvoiceItem: item, Quantity: l.Quantity, UnitPrice: pricing.InvoiceUnitPrice(l.AmountExclVAT, l.Quantity),
					AmountExclVAT: l.AmountExclVAT, VATRate: st.Price.Price.VATRate, VAT: l.VAT}},
			})
		}
	}
	if len(missing.lines) > 0 {
		return nil, missing
	}
	return out, nil
}

// TrueUpEInvoices returns the supplementary invoices of the blue true-ups:
// one per price-difference line, each billing an amount only (项目名称
// ending in 价差, no quantity or unit price).
func TrueUpEInvoices(res *invoice.TrueUpResult, ags *pricing.Agreements) ([]EInvoice, error) {
	var out []EInvoice
	missing := &InvoicingError{}
	for _, tu := range res.TrueUps {
		if tu.Action != invoice.Blue {
			continue
		}
		item := ags.InvoiceItem(tu.Agreement)
		missing.check(ags, tu.Agreement, item)
		diffItem := item
		diffItem.Item += priceDifference
		for _, l := range tu.Lines {
			out = append(out, EInvoice{
				Serial: fmt.Sprintf("%s-%04d%02d-T%02d", tu.Agreement.ID, tu.Month.Year(), int(tu.Month.Month()), l.Line),
				Kind:   item.Kind, Seller: ags.SellerParty, Buyer: tu.Agreement.BuyerParty, Agreement: tu.Agreement,
				Month: tu.Month, Price: tu.Final, TrueUp: true,
				Lines: []EInvoiceLine{{InvoiceItem: diffItem, UnitPrice: decimal.Zero, AmountExclVAT: l.AmountExclVAT,
					VATRate: tu.Final.Price.VATRate, VAT: l.VAT}},
			})
		}
	}
	if len(missing.lines) > 0 {
		return nil, missing
	}
	return out, nil
}

// InvoicingError lists what the agreements file lacks for the platform,
// agreement by agreement.
type InvoicingError struct {
	lines []error
	seen  map[string]bool
}

func (e *InvoicingError) check(ags *pricing.Agreements, a *pricing.Agreement, item pricing.InvoiceItem) {
	if e.seen == nil {
		e.seen = map[string]bool{}
	}
	if e.seen[a.ID] {
		return
	}
	e.seen[a.ID] = true
	var fields pricing.Clauses
	if item.Item == "" {
		fields = append(fields, pricing.Errorf("invoice.item (项目名称, such as *有色金属冶炼压延品*铝液)"))
	}
	if item.TaxCode == "" {
		fields = append(fields, pricing.Errorf("invoice.tax_code (the 19-digit 商品和服务税收分类编码)"))
	}
	if item.Kind == pricing.SpecialInvoice && a.BuyerParty.TaxID == "" {
		fields = append(fields, pricing.Errorf("buyer_tax_id (a special VAT invoice, 增值税专用发票, names the buyer's tax id)"))
	}
	if ags.SellerParty.Name == "" {
		fields = append(fields, pricing.Errorf("seller (the issuer's name)"))
	}
	if len(fields) > 0 {
		e.lines = append(e.lines, pricing.Errorf("  agreement %s: %s", a.ID, fields))
	}
}

func (e *InvoicingError) Error() string { return pricing.Say(e, nil) }

func (e *InvoicingError) Template() *pricing.Error {
	return &pricing.Error{Template: "the agreements file lacks what the e-invoice platform requires; give it at the top level (invoice:) or per agreement:\n%s", Args: []any{errors.Join(e.lines...)}}
}

// batchRateTolerance is |金额 × 税率 − 税额| the platform allows a line.
var batchRateTolerance = decimal.New(6, -2)

// CheckEInvoices checks invoices against the rules the platform enforces
// on a batch-issuing file, before it is written: every serial unique and
// present; item, tax code, amount and rate given; a special invoice names
// the buyer's tax id; 金额 to the fen; 数量 with at most 3 decimals and 单价
// with at most 8, quantity × unit price rounding to the amount; the VAT
// within 0.06 of amount × rate; and each invoice's amount below cap (when
// given). Every problem is listed.
func CheckEInvoices(invs []EInvoice, limit decimal.Decimal) error {
	var problems []error
	bad := func(inv EInvoice, problem error) {
		problems = append(problems, pricing.Errorf("  %s: %w", inv.Serial, problem))
	}
	serials := map[string]bool{}
	for _, inv := range invs {
		if inv.Serial == "" || serials[inv.Serial] {
			bad(inv, pricing.Errorf("the 发票流水号 is empty or not unique"))
		}
		serials[inv.Serial] = true
		if inv.Kind == pricing.SpecialInvoice && inv.Buyer.TaxID == "" {
			bad(inv, pricing.Errorf("a special VAT invoice needs the buyer's tax id"))
		}
		if inv.Buyer.Name == "" {
			bad(inv, pricing.Errorf("the buyer has no name"))
		}
		total := decimal.Zero
		for i, l := range inv.Lines {
			at := func(problem error) { bad(inv, pricing.Errorf("line %d: %w", i+1, problem)) }
			if l.Item == "" || l.TaxCode == "" {
				at(pricing.Errorf("项目名称 and 商品和服务税收编码 are required"))
			}
			if l.AmountExclVAT.Exponent() < -pricing.ScaleFen || !l.AmountExclVAT.IsPositive() {
				at(pricing.Errorf("金额 %s must be positive, to the fen", l.AmountExclVAT))
			}
			if !l.VATRate.IsPositive() {
				at(pricing.Errorf("税率 is required"))
			}
			if l.Quantity > 0 {
				if l.UnitPrice.Exponent() < -pricing.UnitPriceDecimals {
					at(pricing.Errorf("单价 %s has more than %d decimals", l.UnitPrice, pricing.UnitPriceDecimals))
				}
				if got := pricing.LineAmount(l.Quantity, l.UnitPrice); !got.Equal(l.AmountExclVAT) {
					at(pricing.Errorf("数量 %s × 单价 %s = %s, not 金额 %s", l.Quantity, l.UnitPrice, got.StringFixed(2), l.AmountExclVAT.StringFixed(2)))
				}
			}
			if d := pricing.LineVAT(l.AmountExclVAT, l.VATRate).Sub(l.VAT).Abs(); d.GreaterThan(batchRateTolerance) {
				at(pricing.Errorf("税额 %s is %s off 金额 × 税率", l.VAT.StringFixed(2), d.StringFixed(2)))
			}
			total = total.Add(l.AmountExclVAT)
		}
		if limit.IsPositive() && !total.LessThan(limit) {
			bad(inv, pricing.Errorf("金额 %s is not below the invoice cap %s", total.StringFixed(2), limit.StringFixed(2)))
		}
	}
	if len(problems) > 0 {
		return pricing.Errorf("the e-invoices break the platform's rules; nothing was written:\n%w", errors.Join(problems...))
	}
	return nil
}

// Batches splits invoices into files of at most MaxBatchLines detail lines,
// never splitting an invoice.
func Batches(invs []EInvoice) [][]EInvoice {
	var out [][]EInvoice
	var cur []EInvoice
	lines := 0
	for _, inv := range invs {
		if lines+len(inv.Lines) > MaxBatchLines && len(cur) > 0 {
			out = append(out, cur)
			cur, lines = nil, 0
		}
		cur = append(cur, inv)
		lines += len(inv.Lines)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}
