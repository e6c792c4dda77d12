package policy

import (
	"slices"

	"alprice/pricing"
)

// lintDrops lists what each terms version drops against the version before
// it (versions in month order): a line the earlier one had and it has not —
// a fee, the coal line, a premium — and a setting the earlier one stated
// that it leaves at its default (unit_price_rounding: yuan, back to fen).
// A new version replaces the old one whole, so each is a warning: if the
// agreement drops it, listed it is a choice; if not, it was lost in the
// copy.
func lintDrops(byFrom []pricing.Terms, add func(t *pricing.Terms, line int, severity, rule string, why pricing.Message)) {
	defaults := pricing.DefaultTerms()
	for i := 1; i < len(byFrom); i++ {
		prev, t := &byFrom[i-1], &byFrom[i]
		for _, a := range prev.Adjustments {
			if a.Kind == "" || slices.ContainsFunc(t.Adjustments, a.SameLine) {
				continue
			}
			value := a.Value.String()
			if a.Full {
				value = "full"
			}
			add(t, t.Line, SeverityWarning, "7", pricing.Msg("lint.drops-line", prev.From.String(), value, t.From.String()).About(a))
		}
		settings := []struct {
			key            string
			was, now, dflt string
		}{
			{"pricing_month", string(prev.PricingMonth), string(t.PricingMonth), string(defaults.PricingMonth)},
			{"average_rounding", string(prev.AverageRounding), string(t.AverageRounding), string(defaults.AverageRounding)},
			{"unit_price_rounding", string(prev.UnitPriceRounding), string(t.UnitPriceRounding), string(defaults.UnitPriceRounding)},
			{"vat_rate", pricing.RateText(prev.VATRate), pricing.RateText(t.VATRate), pricing.RateText(defaults.VATRate)},
			{"provisional_basis", string(prev.ProvisionalBasis), string(t.ProvisionalBasis), ""},
		}
		for _, s := range settings {
			if s.was != s.now && s.now == s.dflt && s.was != s.dflt {
				now := s.now
				if now == "" {
					now = string(pricing.BasisPrevious)
				}
				add(t, t.Line, SeverityWarning, "7", pricing.Msg("lint.drops-setting", s.key, s.was, prev.From.String(), t.From.String(), now))
			}
		}
	}
}
