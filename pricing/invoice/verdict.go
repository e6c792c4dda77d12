package invoice

import (
	"github.com/shopspring/decimal"

	"alprice/pricing"
)

// Verdict sums a check up in one line, as a printed check opens with: how
// many findings, on how many invoices, and how far what the invoices of
// the months with a finding bill is from the settlement of the deliveries.
type Verdict struct {
	Findings  int
	Differing int // invoices a finding is about: named by a line's or an invoice's finding, or in a month a finding is about as a whole
	Months    int // months with a finding
	Invoices  int // the invoices of those months
	// Billed and Settled sum the months with a finding that have deliveries
	// to settle (Compared); without deliveries they are zero.
	Billed, Settled decimal.Decimal
	Compared        bool
}

// Difference returns billed − settled: more billed than the deliveries
// settle at when positive.
func (v Verdict) Difference() decimal.Decimal { return v.Billed.Sub(v.Settled) }

// Verdict sums r up.
func (r *CheckResult) Verdict() Verdict {
	v := Verdict{Findings: len(r.Findings), Billed: decimal.Zero, Settled: decimal.Zero}
	type month struct {
		buyer string
		month pricing.Month
	}
	findings := map[month][]Finding{}
	for _, f := range r.Findings {
		findings[month{f.Buyer, f.Month}] = append(findings[month{f.Buyer, f.Month}], f)
	}
	differing := map[string]bool{}
	for _, m := range r.Months {
		if m.Findings == 0 {
			continue
		}
		v.Months++
		v.Invoices += len(m.Invoices)
		for _, f := range findings[month{m.Agreement.Buyer.Name, m.Month}] {
			if f.Line == 0 && f.SourceLine == 0 && f.InvoiceNo == invoiceList(m.Invoices) {
				for _, no := range m.Invoices { // a finding about the month as a whole
					differing[no] = true
				}
			} else {
				differing[f.InvoiceNo] = true
			}
		}
		if m.Statement != nil {
			v.Compared = true
			v.Billed = v.Billed.Add(m.Billed)
			v.Settled = v.Settled.Add(m.Settled())
		}
	}
	v.Differing = len(differing)
	return v
}
