package einvoice

import (
	"errors"
	"strings"

	"alprice/pricing"
	"alprice/pricing/invoice"
	"alprice/pricing/settle"

	"github.com/shopspring/decimal"
)

// EInvoice is one invoice of the national e-invoice platform's batch-issuing
// file (全电/数电发票 批量开票): the parties, what is invoiced and for which
// supply month, and its lines.
type EInvoice struct {
	Serial    string // 发票流水号, by [Serial]: unique in a file, at most 20 characters
	Kind      pricing.InvoiceKind
	Seller    *pricing.Party      // the agreements', shared by every invoice
	Buyer     *pricing.Party      // the agreement's
	Item      pricing.InvoiceItem // what the agreement's invoices name and show
	Agreement *pricing.Agreement
	Month     pricing.Month       // the supply month
	Price     *pricing.MonthPrice // what the month is priced on, for the note: the statement's or true-up's, shared by its parts
	TrueUp    bool                // a supplementary price-difference invoice (补差)
	Part      int                 // this invoice's part of its statement or true-up, from 1
	Parts     int                 // how many parts the statement or true-up has
	Cap       decimal.Decimal     // the cap it was split under (金额 below it); zero for none
	Lines     []EInvoiceLine
}

// EInvoiceLine is one detail line (发票明细) of an e-invoice.
type EInvoiceLine struct {
	pricing.InvoiceItem
	Quantity      pricing.Weight  // 数量; 0 on a price-difference line, which bills an amount only
	UnitPrice     decimal.Decimal // 单价 excl. VAT, by InvoiceUnitPrice; zero without a quantity
	AmountExclVAT decimal.Decimal // 金额
	VATRate       decimal.Decimal // 税率, a fraction
	VAT           decimal.Decimal // 税额 as planned; the platform computes its own from 金额 × 税率
}

// MaxBatchLines is how many detail lines the platform takes in one
// batch-issuing file.
const MaxBatchLines = 2000

// priceDifference is what a price-difference line's item name ends with.
const priceDifference = "价差"

// SettlementEInvoices returns the e-invoices of a settlement: one per
// part of a statement split under a cap (cap when positive, else the
// agreement's invoice: cap, as settle split it), else one per statement,
// each with one detail line. The agreements file must give what the
// platform requires — the tax code, the seller, and the buyer's tax id —:
// an [InvoicingError] lists every field missing, for every agreement, at
// once.
func SettlementEInvoices(s *settle.Settlement, ags *pricing.Agreements, cap decimal.Decimal) ([]EInvoice, error) {
	n := 0
	for _, st := range s.Statements {
		n += max(len(st.Invoices), 1)
	}
	out := make([]EInvoice, 0, n) // an EInvoice is a kilobyte: made once, not grown
	missing := &InvoicingError{}
	for k := range s.Statements {
		st := &s.Statements[k]
		item := ags.InvoiceItem(st.Agreement)
		missing.check(ags, st.Agreement, item)
		lines := st.Invoices
		if len(lines) == 0 {
			b := st.Bill
			lines = []pricing.SplitLine{{Quantity: b.Weight, Amounts: b.Amounts}}
		}
		limit := decimal.Zero
		if len(st.Invoices) > 0 {
			limit = ags.SplitCap(st.Agreement, cap)
		}
		for i, l := range lines {
			out = append(out, EInvoice{
				Serial: Serial(st.Agreement.ID, st.Month, SerialSettlement, i+1),
				Kind:   item.Kind, Seller: &ags.Seller, Buyer: &st.Agreement.Buyer, Item: item, Agreement: st.Agreement,
				Month: st.Month, Price: &st.Price, Part: i + 1, Parts: len(lines), Cap: limit,
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
// ending in 价差, no quantity or unit price). cap is the one the true-up
// was split under, as for [SettlementEInvoices].
func TrueUpEInvoices(res *invoice.TrueUpResult, ags *pricing.Agreements, cap decimal.Decimal) ([]EInvoice, error) {
	var out []EInvoice
	missing := &InvoicingError{}
	for k := range res.TrueUps {
		tu := &res.TrueUps[k]
		if tu.Action != invoice.Blue {
			continue
		}
		item := ags.InvoiceItem(tu.Agreement)
		missing.check(ags, tu.Agreement, item)
		diffItem := item
		diffItem.Item += priceDifference
		limit := decimal.Zero
		if len(tu.Lines) > 1 {
			limit = ags.SplitCap(tu.Agreement, cap)
		}
		for _, l := range tu.Lines {
			out = append(out, EInvoice{
				Serial: Serial(tu.Agreement.ID, tu.Month, SerialPriceDifference, l.Line),
				Kind:   item.Kind, Seller: &ags.Seller, Buyer: &tu.Agreement.Buyer, Item: item, Agreement: tu.Agreement,
				Month: tu.Month, Price: &tu.Final, TrueUp: true, Part: l.Line, Parts: len(tu.Lines), Cap: limit,
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
	if item.TaxCode == "" {
		fields = append(fields, pricing.Errorf("invoice.tax_code (the 19-digit 商品和服务税收分类编码; molten aluminium is 1080306020000000000)"))
	}
	if a.Buyer.TaxID == "" {
		fields = append(fields, pricing.Errorf("buyer_tax_id (the platform requires the buyer's tax id for a special VAT invoice, and for an ordinary one to a company)"))
	}
	if ags.Seller.Name == "" {
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

// MaxSerial is the most characters the platform takes in a 发票流水号.
const MaxSerial = 20

// CheckEInvoices checks invoices against the rules the platform enforces
// on a batch-issuing file, before it is written: every serial unique and
// at most 20 characters; the buyer's name and tax id given (专票, and 普票
// to a company: alprice's buyers are companies); the item a bare name
// (the platform adds the category from the code) and the tax code 19
// digits, none of ferrous metals (10802…); 金额 positive to the fen; the
// rate given; 单价 with at most 8 decimals (the platform takes 13), 数量 × 单价 rounding to
// 金额; the VAT within 0.06 of 金额 × 税率; and each invoice's 金额 below
// the cap it was split under. Every problem is listed, each naming the
// agreement, the buyer and the part. The column limits of the template are
// [Template.Check]'s.
func CheckEInvoices(invs []EInvoice) error {
	var problems []error
	bad := func(inv EInvoice, problem error) {
		problems = append(problems, pricing.Errorf("  agreement %s (%s), %s part %d/%d (发票流水号 %s): %w",
			inv.Agreement.ID, inv.Buyer.Name, inv.Month, inv.Part, inv.Parts, inv.Serial, problem))
	}
	serials := map[string]*EInvoice{}
	for i, inv := range invs {
		switch first := serials[inv.Serial]; {
		case inv.Serial == "":
			bad(inv, pricing.Errorf("the 发票流水号 is empty"))
		case first != nil:
			bad(inv, pricing.Errorf("the 发票流水号 is also that of agreement %s, %s part %d: two agreement ids share a serial tag; rename one",
				first.Agreement.ID, first.Month, first.Part))
		case len([]rune(inv.Serial)) > MaxSerial:
			bad(inv, pricing.Errorf("the 发票流水号 has %d characters; the platform takes at most 20", len([]rune(inv.Serial))))
		}
		if serials[inv.Serial] == nil {
			serials[inv.Serial] = &invs[i]
		}
		if inv.Buyer.TaxID == "" {
			bad(inv, pricing.Errorf("the platform requires the buyer's tax id (购买方纳税人识别号)"))
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
			if strings.HasPrefix(l.Item, "*") || strings.HasPrefix(l.Item, "＊") {
				at(pricing.Errorf("项目名称 %q carries a category (*…*): write the bare name, such as 铝液; the platform adds the category from the tax code", l.Item))
			}
			if l.TaxCode != "" {
				if _, err := pricing.ParseTaxCode(l.TaxCode); err != nil {
					at(pricing.Errorf("商品和服务税收编码 %s %w", l.TaxCode, err))
				} else if strings.HasPrefix(l.TaxCode, "10802") {
					at(pricing.Errorf("商品和服务税收编码 %s is a code of ferrous metals (10802…); molten aluminium is 1080306020000000000 (原铝)", l.TaxCode))
				}
			}
			if l.AmountExclVAT.Exponent() < -pricing.ScaleFen || !l.AmountExclVAT.IsPositive() {
				at(pricing.Errorf("金额 %s must be positive, to the fen", l.AmountExclVAT))
			}
			if !l.VATRate.IsPositive() {
				at(pricing.Errorf("税率 is required"))
			}
			if l.Quantity > 0 {
				if l.UnitPrice.Exponent() < -pricing.UnitPriceDecimals { // the platform takes 13; alprice makes 8
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
		if inv.Cap.IsPositive() && !total.LessThan(inv.Cap) {
			bad(inv, pricing.Errorf("金额 %s is not below the invoice cap %s", total.StringFixed(2), inv.Cap.StringFixed(2)))
		}
	}
	if len(problems) > 0 {
		return pricing.Errorf("the e-invoices break the platform's rules; nothing was written:\n%w", errors.Join(problems...))
	}
	return nil
}
