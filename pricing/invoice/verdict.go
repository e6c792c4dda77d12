package invoice

import "github.com/shopspring/decimal"

// Verdict sums a check up in one line, as a printed check opens with: how
// many findings, on the invoices of how many months, and how far what those
// invoices bill is from the settlement of the deliveries.
type Verdict struct {
	Findings int
	Months   int // months with a finding
	Invoices int // the invoices of those months
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
	for _, m := range r.Months {
		if m.Findings == 0 {
			continue
		}
		v.Months++
		v.Invoices += len(m.Invoices)
		if m.Statement != nil {
			v.Compared = true
			v.Billed = v.Billed.Add(m.Billed)
			v.Settled = v.Settled.Add(m.Settled())
		}
	}
	return v
}
