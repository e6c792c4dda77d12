package policy

import (
	"github.com/shopspring/decimal"

	"alprice/pricing"
)

// minPerTonne is the smallest burn loss, casting or transport deduction in
// CNY/t that is plausible as written: below it, 0.5 is likelier a burn
// loss of 0.5% (about 120 CNY/t at an A00 average of 24000) written
// without its %, or 6 a transport of 60 or 600. A stated 0 is no slip.
var minPerTonne = decimal.NewFromInt(10)

// Slip is a deduction of a terms version so small that it is likelier a
// slip of the pen than what was agreed.
type Slip struct {
	Adjustment pricing.Adjustment
	Severity   string // a burn loss, likelier a percentage, is a finding; casting and transport, warnings
	Why        pricing.Message
}

// Slips returns the deductions of t in CNY/t that are more than zero and
// below 10 CNY/t: a burn loss is likeliest a percentage written without
// its % ("0.50 CNY/t: did you mean 0.5%?"), casting or transport a
// missing digit. lint lists them; quote warns of them.
func Slips(t pricing.Terms) []Slip {
	var out []Slip
	for _, a := range t.Adjustments {
		n := a.Value.Number()
		if a.Full || a.Value.IsPercent() || !n.IsPositive() || !n.LessThan(minPerTonne) {
			continue
		}
		switch a.Kind {
		case pricing.BurnLoss:
			out = append(out, Slip{a, SeverityFinding, pricing.Msg("lint.small-burn-loss", n.StringFixed(2), n.String()+"%").About(a)})
		case pricing.Casting, pricing.Transport:
			out = append(out, Slip{a, SeverityWarning, pricing.Msg("lint.small-deduction", n.StringFixed(2), minPerTonne.String()).About(a)})
		}
	}
	return out
}
