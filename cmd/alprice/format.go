package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"alprice/cmd/alprice/i18n"
	"alprice/cmd/alprice/report"
	"alprice/pricing"
)

// The texts and cells of figures, the same in every command and format.

// monthText writes a month, or nothing for none.
func monthText(m pricing.Month) string {
	if m == 0 {
		return ""
	}
	return m.String()
}

// periodTitle writes the period of a document for its title, after a
// " · ": the month, or the first and the last; nothing for no month.
func periodTitle(l i18n.Lang, months []pricing.Month) string {
	if len(months) == 0 {
		return ""
	}
	first, last := slices.Min(months), slices.Max(months)
	if first == last {
		return " · " + first.String()
	}
	return fmt.Sprintf(l.T(" · %s to %s", " · %s 至 %s"), first, last)
}

// percentText writes a percentage with at least two decimals, as agreed
// ("0.60%", "0.6125%").
func percentText(p decimal.Decimal) string {
	s := p.String()
	if _, frac, _ := strings.Cut(s, "."); len(frac) < 2 {
		s = p.StringFixed(2)
	}
	return s + "%"
}

// findingCell shows a finding's figure — a weight with 3 decimals, a rate
// as it is, money with 2 — in tables, and through Plain in JSON.
func findingCell(field string, d decimal.Decimal) report.Cell {
	switch field {
	case "quantity_t":
		return report.Decimals(d, 3)
	case "vat_rate":
		return report.Decimals(d, max(0, -d.Exponent()))
	}
	return report.CNY(d)
}
