package main

import (
	"alprice/cmd/alprice/i18n"
	"alprice/cmd/alprice/report"
	"alprice/pricing"
)

// ruleCell cites a policy rule (i18n.RuleName), written as its code by
// the machine formats.
func ruleCell(l i18n.Lang, rule string) report.Cell {
	if name := i18n.RuleName(l, rule); name != rule {
		return report.Coded(name, rule)
	}
	return report.Str(rule)
}

// lineBasis says how a line of the build-up is worked out: its value's
// basis, or the derivation of a value filled in ("30 × 5.6 t coal/t").
func lineBasis(l i18n.Lang, line pricing.Line) report.Cell {
	if line.Derivation != "" {
		return report.Str(line.Derivation)
	}
	return basisCell(l, line.Value)
}

// basisCell says how a value is stated: "CNY/t" or a percentage such as
// "0.60%".
func basisCell(l i18n.Lang, v pricing.Value) report.Cell {
	if v.IsPercent() {
		return report.Str(percentText(v.Number()))
	}
	return report.Coded(l.T("CNY/t", "元/吨"), "CNY/t")
}
