package policy

import (
	"regexp"
	"slices"

	"alprice/pricing"

	"github.com/shopspring/decimal"
)

// Severities of lint findings: a finding breaks the policy and makes lint
// fail; a warning is worth a look.
const (
	SeverityFinding = "finding"
	SeverityWarning = "warning"
)

// LintOptions set the plausibility bounds of Lint.
type LintOptions struct {
	MaxBurnLoss decimal.Decimal // largest plausible burn loss, in percent (3 for 3%)
	MaxPercent  decimal.Decimal // largest plausible other percentage deduction, in percent
	// BenchmarkLow and BenchmarkHigh bound the A00 averages at which
	// percentage lines are weighed against each other.
	BenchmarkLow, BenchmarkHigh decimal.Decimal
}

// DefaultLintOptions are the bounds lint uses unless told otherwise.
func DefaultLintOptions() LintOptions {
	return LintOptions{
		MaxBurnLoss:   decimal.NewFromInt(3),
		MaxPercent:    decimal.NewFromInt(5),
		BenchmarkLow:  decimal.NewFromInt(15000),
		BenchmarkHigh: decimal.NewFromInt(35000),
	}
}

// LintFinding is one way an agreement's terms fall short of the policy.
type LintFinding struct {
	Agreement string
	TermsFrom pricing.Month // the version; 0 for the agreement as a whole
	Line      int           // in the agreements file
	Severity  string
	Rule      string
	Why       pricing.Message
}

// productionLoss matches labels that name upstream production losses
// (rule 2.5) or transit losses (rule 2.6), which the buyer must not pay.
var productionLoss = regexp.MustCompile(`(?i)((电解|生产|工艺|环节|制造|冶炼|运输|途中|铝液).{0,6}(损耗|损失))|损耗|(production|process|processing|electrolysis|smelting|potline|transit|transport)\s*(loss|losses|shrinkage|wastage)`)

// Lint checks the terms of each agreement against the policy:
//
//   - 2.2: a version states no transport deduction (a finding: the policy
//     wants it stated; a stated 0 is fine);
//   - 2.3, 2.4: it states no casting or no burn loss deduction (warnings);
//   - 2.5: a premium whose label charges the buyer for production or transit
//     losses (a finding), or a fee with such a label (a warning: as a
//     deduction it lowers the price, but the wording deserves a look);
//   - clause 2: premiums that outweigh the deductions somewhere in the
//     benchmark range, so that the price is above the benchmark and the price
//     advantage is not passed on;
//   - a burn loss or other percentage above its plausibility bound;
//   - a VAT rate other than 13% (a warning);
//   - clause 7: versions out of order in the file (a warning), gaps
//     between versions, months that no version prices, and what a version
//     drops against the one before (a warning each: a choice, or a loss).
func Lint(ags *pricing.Agreements, opts LintOptions) []LintFinding {
	var out []LintFinding
	for _, a := range ags.List {
		add := func(t *pricing.Terms, line int, severity, rule string, why pricing.Message) {
			f := LintFinding{Agreement: a.ID, Line: line, Severity: severity, Rule: rule, Why: why}
			if t != nil {
				f.TermsFrom = t.From
			}
			out = append(out, f)
		}
		for i := range a.Terms {
			t := &a.Terms[i]
			lintTerms(t, opts, add)
		}
		for i := 1; i < len(a.Terms); i++ {
			if a.Terms[i].From < a.Terms[i-1].From {
				add(&a.Terms[i], a.Terms[i].Line, SeverityWarning, "7", pricing.Msg("lint.order", a.Terms[i].From.String(), a.Terms[i-1].From.String()))
			}
		}
		byFrom := slices.Clone(a.Terms)
		slices.SortFunc(byFrom, func(p, q pricing.Terms) int { return int(p.From - q.From) })
		lintDrops(byFrom, add)
		for i := 1; i < len(byFrom); i++ {
			prev, t := byFrom[i-1], byFrom[i]
			if prev.To != 0 && prev.To+1 < t.From {
				gap := (prev.To + 1).String()
				if t.From-1 > prev.To+1 {
					gap += " to " + (t.From - 1).String()
				}
				add(&prev, prev.Line, SeverityFinding, "7", pricing.Msg("lint.gap", gap, prev.From.String(), prev.To.String(), t.From.String()))
			}
		}
	}
	return out
}

func lintTerms(t *pricing.Terms, opts LintOptions, add func(t *pricing.Terms, line int, severity, rule string, why pricing.Message)) {
	stated := map[pricing.Kind]bool{}
	for _, a := range t.Adjustments {
		stated[a.Kind] = true
		switch {
		case a.Kind == pricing.Premium && productionLoss.MatchString(a.Label):
			add(t, a.Line, SeverityFinding, "2.5", pricing.Msg("lint.premium-loss", a.Label))
		case a.Kind == pricing.Fee && productionLoss.MatchString(a.Label):
			add(t, a.Line, SeverityWarning, "2.5", pricing.Msg("lint.fee-loss", a.Label))
		}
		if a.Value.IsPercent() && a.Kind != pricing.Premium {
			bound, code := opts.MaxPercent, "lint.percent"
			if a.Kind == pricing.BurnLoss {
				bound, code = opts.MaxBurnLoss, "lint.burn-loss"
			}
			if a.Value.Number().GreaterThan(bound) {
				add(t, a.Line, SeverityFinding, a.Kind.Rule(), pricing.Msg(code, a.Value.String(), bound.String()).About(a))
			}
		}
	}
	for _, s := range Slips(*t) {
		add(t, s.Adjustment.Line, s.Severity, s.Adjustment.Kind.Rule(), s.Why)
	}
	lintCoal(t, stated[pricing.Coal], add)
	if !stated[pricing.Transport] {
		add(t, t.Line, SeverityFinding, "2.2", pricing.Msg("lint.no-transport"))
	}
	if !stated[pricing.Casting] {
		add(t, t.Line, SeverityWarning, "2.3", pricing.Msg("lint.no-casting"))
	}
	if !stated[pricing.BurnLoss] {
		add(t, t.Line, SeverityWarning, "2.3", pricing.Msg("lint.no-burn-loss"))
	}
	for _, b := range []decimal.Decimal{opts.BenchmarkLow, opts.BenchmarkHigh} {
		deductions, premiums := decimal.Zero, decimal.Zero
		for _, a := range t.Adjustments {
			if a.Kind == pricing.Premium {
				premiums = premiums.Add(a.Value.On(b))
			} else {
				deductions = deductions.Add(a.Value.On(b))
			}
		}
		if premiums.GreaterThan(deductions) {
			add(t, t.Line, SeverityFinding, "2", pricing.Msg("lint.premiums", b.String(), premiums.StringFixed(2), deductions.StringFixed(2)))
			break
		}
	}
	if t.ProvisionalBasis != "" && t.PricingMonth == pricing.PreviousMonth {
		add(t, t.Line, SeverityWarning, "7", pricing.Msg("lint.provisional-basis", string(t.ProvisionalBasis)))
	}
	if !t.VATRate.Equal(pricing.DefaultVATRate) {
		add(t, t.Line, SeverityWarning, pricing.RuleVATRate, pricing.Msg("lint.vat-rate", pricing.RateText(t.VATRate)))
	}
}

// lintCoal checks the coal pass-through of a terms version against the
// smelter's coal discount (clause 2, coal: passed on in full): a coal
// deduction below what the discount in force implies, or no coal line at
// all while a discount is stated, is a finding.
func lintCoal(t *pricing.Terms, stated bool, add func(t *pricing.Terms, line int, severity, rule string, why pricing.Message)) {
	if len(t.CoalDiscounts) == 0 {
		return
	}
	// Every coal discount in force while the version prices, from the month
	// it is first in force: a discount that starts after the version's
	// first month implies nothing before it.
	type inForce struct {
		cd   pricing.CoalDiscount
		from pricing.Month
	}
	var discounts []inForce
	for _, cd := range t.CoalDiscounts {
		from := max(cd.From, t.From)
		if next, ok := nextCoalDiscount(t.CoalDiscounts, cd.From); (ok && next <= t.From) || (t.To != 0 && from > t.To) {
			continue
		}
		discounts = append(discounts, inForce{cd, from})
	}
	if !stated {
		if len(discounts) > 0 {
			d := discounts[0]
			add(t, t.Line, SeverityFinding, pricing.Coal.Rule(), pricing.Msg("lint.coal-missing", d.cd.PassThrough().StringFixed(2), d.cd.Derivation(), d.from.String()))
		}
		return
	}
	for _, a := range t.Adjustments {
		if a.Kind != pricing.Coal || a.Full || a.Value.IsPercent() {
			continue
		}
		for _, d := range discounts {
			cd, from := d.cd, d.from
			if implied := cd.PassThrough(); a.Value.Number().LessThan(implied) {
				add(t, a.Line, SeverityFinding, pricing.Coal.Rule(), pricing.Msg("lint.coal-short", a.Value.Number().StringFixed(2), implied.StringFixed(2),
					cd.Derivation(), from.String()))
			}
		}
	}
}

// nextCoalDiscount returns the month the coal discount after the one from
// from starts.
func nextCoalDiscount(list []pricing.CoalDiscount, from pricing.Month) (pricing.Month, bool) {
	var next pricing.Month
	for _, c := range list {
		if c.From > from && (next == 0 || c.From < next) {
			next = c.From
		}
	}
	return next, next != 0
}
