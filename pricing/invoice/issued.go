package invoice

import (
	"alprice/pricing"

	"github.com/shopspring/decimal"
)

// Status is what became of an invoice in a check.
type Status string

// The statuses of an invoice.
const (
	StatusChecked     Status = "checked"      // its lines of the product were checked
	StatusNetted      Status = "netted"       // a blue invoice partly reversed: checked net of the red ones
	StatusReversed    Status = "reversed"     // a blue invoice reversed in full: counts for nothing
	StatusReversal    Status = "reversal"     // a red invoice, netted against the blue one it reverses
	StatusUnmatched   Status = "unmatched"    // a red invoice whose blue one is not among the inputs
	StatusOtherSeller Status = "other_seller" // issued by another seller than the agreements'
	StatusNoProduct   Status = "no_product"   // no line of the agreement's product
)

// InvoiceCheck says what a check made of one invoice: the supply month it
// was held to and why, and what became of its lines.
type InvoiceCheck struct {
	Number    string
	Source    string                 // the file it was read from
	Header    *pricing.InvoiceHeader // nil for an invoice of a CSV file
	Agreement *pricing.Agreement     // nil when no agreement names its buyer
	Month     pricing.Month
	MonthFrom pricing.MonthFrom
	Lines     int      // lines of the product counted, net of reversals
	Status    Status   //
	Related   []string // the red invoices reversing it, or the blue invoice it reverses
}

// NotChecked is an invoice line left out of the check, and why: not the
// agreement's product (freight billed on the same invoice), or of an
// invoice that counts for nothing.
type NotChecked struct {
	InvoiceNo     string
	Line          int
	Source        string
	SourceLine    int
	Item, TaxCode string
	AmountExclVAT decimal.Decimal
	VAT           decimal.Decimal
	Why           pricing.Message
}

// issued is a set of invoices as they count: only the lines of the
// agreement's product, blue invoices net of the red invoices reversing
// them. Invoices with a header (those of the platform's files) are worked
// out here; the lines of a CSV file count as they are.
type issued struct {
	inv        *pricing.Invoices
	skip       map[int]bool                // lines that do not count
	netted     map[int]pricing.InvoiceLine // blue lines net of reversals
	agreement  map[string]int32            // the agreement of each invoice with a header; -1 for none
	status     map[string]*InvoiceCheck    // of each invoice with a header
	notChecked []NotChecked
	findings   []Finding
	reported   map[string]bool // invoices whose unknown buyer was reported
}

// line returns line i as it counts.
func (is *issued) line(i int) pricing.InvoiceLine {
	if l, ok := is.netted[i]; ok {
		return l
	}
	return is.inv.Line(i)
}

// countIssued works out how the invoices with a header count: the agreement
// by the buyer's tax id (else by name), the seller by the agreements'
// (a finding otherwise), the lines of the product, the invoice's totals
// against its lines, and the red invoices netted against their blue ones.
func countIssued(inv *pricing.Invoices, ags *pricing.Agreements, findBuyer func(string) int32) *issued {
	is := &issued{inv: inv, skip: map[int]bool{}, netted: map[int]pricing.InvoiceLine{}, agreement: map[string]int32{},
		status: map[string]*InvoiceCheck{}}
	if inv.HeaderCount() == 0 {
		return is
	}
	lines := map[string][]int{}
	for i := range inv.Len() {
		no := inv.Number(i)
		lines[no] = append(lines[no], i)
	}
	byTaxID := map[string]int32{}
	for i, a := range ags.List {
		if id := a.Buyer.TaxID; id != "" {
			if _, dup := byTaxID[id]; dup {
				byTaxID[id] = -1 // two agreements of one buyer: by name
			} else {
				byTaxID[id] = int32(i)
			}
		}
	}
	for h := range inv.Headers() {
		idx := lines[h.Number]
		ic := &InvoiceCheck{Number: h.Number, Source: h.Source, Header: h, Month: h.Month, MonthFrom: h.MonthFrom, Status: StatusChecked}
		is.status[h.Number] = ic
		if len(idx) == 0 {
			continue
		}
		first := inv.Line(idx[0])
		ag, byID := byTaxID[h.Buyer.TaxID]
		if !byID || ag < 0 || h.Buyer.TaxID == "" {
			ag = findBuyer(first.Buyer)
			if ag >= 0 {
				if want := ags.List[ag].Buyer.TaxID; want != "" && h.Buyer.TaxID != "" && want != h.Buyer.TaxID {
					is.findings = append(is.findings, invoiceFinding(h, &ags.List[ag], "buyer_tax_id", pricing.RuleParties,
						pricing.Msg("invoice.buyer-tax-id", h.Buyer.TaxID, ags.List[ag].ID, want, ags.List[ag].Buyer.Name)))
				}
			}
		}
		is.agreement[h.Number] = ag
		if ag < 0 {
			continue // an input error of Check's
		}
		a := &ags.List[ag]
		ic.Agreement = a
		is.checkTotals(h, a, idx)
		if other := otherSeller(h, ags); other != "" {
			is.findings = append(is.findings, invoiceFinding(h, a, "seller_tax_id", pricing.RuleParties,
				pricing.Msg("invoice.seller", h.Seller.Name, h.Seller.TaxID, other)))
			ic.Status = StatusOtherSeller
			for _, i := range idx {
				is.leaveOut(i, pricing.Msg("skip.other-seller", h.Seller.Name))
			}
			continue
		}
		item := ags.InvoiceItem(a)
		products := 0
		for _, i := range idx {
			if l := inv.Line(i); !pricing.IsProduct(l, item) {
				is.leaveOut(i, pricing.Msg("skip.not-product", l.Item, l.TaxCode))
			} else {
				products++
			}
		}
		if products == 0 {
			ic.Status = StatusNoProduct
		}
	}
	is.net(lines)
	return is
}

// otherSeller returns the agreements' seller when invoice h names another
// one — by tax id when the agreements file gives the seller's, else by
// name —, and "" when it is the seller or nothing tells.
func otherSeller(h *pricing.InvoiceHeader, ags *pricing.Agreements) string {
	if want := ags.Seller.TaxID; want != "" {
		if h.Seller.TaxID != "" && h.Seller.TaxID != want {
			return want
		}
		return ""
	}
	if ags.Seller.Name != "" && h.Seller.Name != "" && h.Seller.Name != ags.Seller.Name {
		return ags.Seller.Name
	}
	return ""
}

func invoiceFinding(h *pricing.InvoiceHeader, a *pricing.Agreement, field, rule string, why pricing.Message) Finding {
	return Finding{InvoiceNo: h.Number, Buyer: a.Buyer.Name, Month: h.Month, Field: field, Invoiced: decimal.Zero, Expected: decimal.Zero,
		Rule: rule, Why: why}
}

// leaveOut leaves line i out of the check, saying why.
func (is *issued) leaveOut(i int, why pricing.Message) {
	if is.skip[i] {
		return
	}
	is.skip[i] = true
	l := is.line(i)
	is.notChecked = append(is.notChecked, NotChecked{InvoiceNo: l.InvoiceNo, Line: l.Line, Source: is.inv.SourceOf(i), SourceLine: l.SourceLine,
		Item: l.Item, TaxCode: l.TaxCode, AmountExclVAT: l.AmountExclVAT, VAT: l.VAT, Why: why})
}

// checkTotals holds an invoice's stated totals to its lines: 金额 and 税额
// their sums, 价税合计 the two together.
func (is *issued) checkTotals(h *pricing.InvoiceHeader, a *pricing.Agreement, idx []int) {
	if !h.HasTotals {
		return
	}
	excl, vat := decimal.Zero, decimal.Zero
	for _, i := range idx {
		l := is.inv.Line(i)
		excl, vat = excl.Add(l.AmountExclVAT), vat.Add(l.VAT)
	}
	for _, t := range []struct {
		field          string
		stated, summed decimal.Decimal
	}{{"total_excl_vat", h.TotalExclVAT, excl}, {"total_vat", h.TotalVAT, vat}, {"total", h.TotalInclVAT, h.TotalExclVAT.Add(h.TotalVAT)}} {
		if !t.stated.Equal(t.summed) {
			f := invoiceFinding(h, a, t.field, pricing.RuleInvoiceTotals, pricing.Msg("invoice.totals", t.stated.StringFixed(2), t.summed.StringFixed(2)))
			f.Invoiced, f.Expected = t.stated, t.summed
			is.findings = append(is.findings, f)
		}
	}
}

// net nets every red invoice against the blue invoice it reverses, line by
// line: each red line of the product against the blue line of the same
// tax code and item (at the same unit price, if several are); a blue
// invoice reversed in full counts for nothing.
func (is *issued) net(lines map[string][]int) {
	touched := map[string]bool{}
	var order []string
	for h := range is.inv.Headers() {
		if !h.Red || is.status[h.Number].Status == StatusOtherSeller {
			continue
		}
		ic := is.status[h.Number]
		ic.Status, ic.Related = StatusReversal, []string{h.Reverses}
		blue := is.inv.Header(h.Reverses)
		if blue == nil || blue.Red {
			ic.Status = StatusUnmatched
			if a := ic.Agreement; a != nil {
				is.findings = append(is.findings, invoiceFinding(h, a, "reverses", pricing.RuleRed, pricing.Msg("red.missing", h.Number, h.Reverses)))
			}
			for _, i := range lines[h.Number] {
				is.leaveOut(i, pricing.Msg("skip.red-missing", h.Reverses))
			}
			continue
		}
		bc := is.status[blue.Number]
		bc.Related = append(bc.Related, h.Number)
		if !touched[blue.Number] {
			touched[blue.Number] = true
			order = append(order, blue.Number)
		}
		for _, r := range lines[h.Number] {
			if is.skip[r] {
				continue
			}
			red := is.inv.Line(r)
			b := is.matchBlue(red, lines[blue.Number])
			if b < 0 {
				if a := ic.Agreement; a != nil {
					f := invoiceFinding(h, a, "reverses", pricing.RuleRed, pricing.Msg("red.no-line", h.Number, itoa(red.Line), blue.Number, red.Item, red.TaxCode))
					f.Line, f.SourceLine = red.Line, red.SourceLine
					is.findings = append(is.findings, f)
				}
				is.leaveOut(r, pricing.Msg("skip.red-no-line", blue.Number))
				continue
			}
			l := is.line(b)
			l.Quantity += red.Quantity
			l.AmountExclVAT, l.VAT = l.AmountExclVAT.Add(red.AmountExclVAT), l.VAT.Add(red.VAT)
			l.Total, l.HasTotal = l.Total.Add(red.Total), l.HasTotal && red.HasTotal
			is.netted[b] = l
			is.skip[r] = true
		}
	}
	for _, no := range order {
		bc := is.status[no]
		bc.Status = StatusNetted
		full := true
		for _, i := range lines[no] {
			if is.skip[i] {
				continue
			}
			l := is.line(i)
			switch {
			case l.Quantity == 0 && l.AmountExclVAT.IsZero() && l.VAT.IsZero():
			case l.AmountExclVAT.IsNegative() || l.Quantity < 0 || l.VAT.IsNegative():
				full = false
				if a := bc.Agreement; a != nil {
					f := invoiceFinding(bc.Header, a, "reverses", pricing.RuleRed,
						pricing.Msg("red.over", no, itoa(l.Line), l.Quantity.String(), l.AmountExclVAT.StringFixed(2)))
					f.Line, f.SourceLine = l.Line, l.SourceLine
					is.findings = append(is.findings, f)
				}
			default:
				full = false
			}
		}
		for _, i := range lines[no] {
			if l := is.line(i); !is.skip[i] && l.Quantity == 0 && l.AmountExclVAT.IsZero() && l.VAT.IsZero() {
				is.skip[i] = true // reversed: nothing left of it
			}
		}
		if full {
			bc.Status = StatusReversed
		}
	}
}

// matchBlue returns the line of blue that red reverses: of the same tax
// code and item, the first at the same unit price, else the first; -1 for
// none.
func (is *issued) matchBlue(red pricing.InvoiceLine, blue []int) int {
	found := -1
	for _, b := range blue {
		if is.skip[b] {
			continue
		}
		l := is.inv.Line(b)
		if l.TaxCode != red.TaxCode || l.Item != red.Item {
			continue
		}
		if l.UnitPriceExclVAT.Equal(red.UnitPriceExclVAT) {
			return b
		}
		if found < 0 {
			found = b
		}
	}
	return found
}

func itoa(n int) string { return decimal.NewFromInt(int64(n)).String() }

// agreementOf returns the agreement of line i: its invoice's, for an
// invoice with a header, else the one its buyer names (-1 for none). ok
// is false for the second and later lines of an invoice with a header
// whose buyer is in no agreement: one error says it.
func (is *issued) agreementOf(i int, findBuyer func(string) int32) (ag int32, ok bool) {
	if len(is.agreement) > 0 {
		no := is.inv.Number(i)
		if ag, has := is.agreement[no]; has {
			if ag < 0 {
				if is.reported == nil {
					is.reported = map[string]bool{}
				}
				if is.reported[no] {
					return -1, false
				}
				is.reported[no] = true
			}
			return ag, true
		}
	}
	buyer, _, _ := is.inv.Where(i)
	return findBuyer(buyer), true
}
