package main

import (
	"alprice/cmd/alprice/i18n"
	"alprice/cmd/alprice/report"
	"alprice/pricing"
)

// ruleCell cites a policy rule: "2.2" as it is; the coal pass-through,
// which has no number of its own in the clause, by name.
func ruleCell(l i18n.Lang, rule string) report.Cell {
	names := map[string][2]string{
		pricing.Coal.Rule():        {"2 (coal)", "2(煤价)"},
		pricing.RuleLineArithmetic: {"vat.line", "开票计算"},
		pricing.RuleInvoiceTax:     {"vat.invoice", "整票税额"},
		pricing.RuleVATRate:        {"vat.rate", "税率"},
		pricing.RuleTotal:          {"vat.total", "价税合计"},
		pricing.RuleStatement:      {"statement", "结算比对"},
	}
	if name, ok := names[rule]; ok {
		return report.Coded(l.T(name[0], name[1]), rule)
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
