package main

import (
	"alprice/cmd/alprice/report"
	"alprice/pricing"
)

// lineLabel names a line of the price build-up in l.
func lineLabel(l lang, kind pricing.Kind, label string) string {
	var name string
	switch kind {
	case pricing.Transport:
		name = l.t("Transport", "运费")
	case pricing.Casting:
		name = l.t("Ingot casting", "铝锭铸造费")
	case pricing.BurnLoss:
		name = l.t("Burn loss", "烧损")
	case pricing.Coal:
		name = l.t("Coal price pass-through", "煤价优惠让利")
	case pricing.Fee:
		name = l.t("Other fee", "其他费用")
	case pricing.Premium:
		name = l.t("Premium", "上浮")
	case pricing.Rounded:
		name = l.t("Rounding to whole yuan", "取整调整(元)")
	}
	if label != "" {
		return name + l.t(": ", ":") + label
	}
	return name
}

// ruleCell cites a policy rule: "2.2" as it is; the coal pass-through,
// which has no number of its own in the clause, by name.
func ruleCell(l lang, rule string) report.Cell {
	names := map[string][2]string{
		pricing.Coal.Rule():        {"2 (coal)", "2(煤价)"},
		pricing.RuleLineArithmetic: {"vat.line", "开票计算"},
		pricing.RuleInvoiceTax:     {"vat.invoice", "整票税额"},
		pricing.RuleVATRate:        {"vat.rate", "税率"},
		pricing.RuleTotal:          {"vat.total", "价税合计"},
		pricing.RuleStatement:      {"statement", "结算比对"},
	}
	if name, ok := names[rule]; ok {
		return report.Coded(l.t(name[0], name[1]), rule)
	}
	return report.Str(rule)
}

// lineBasis says how a line of the build-up is worked out: its value's
// basis, or the derivation of a value filled in ("30 × 5.6 t coal/t").
func lineBasis(l lang, line pricing.Line) report.Cell {
	if line.Derivation != "" {
		return report.Str(line.Derivation)
	}
	return basisCell(l, line.Value)
}

// basisCell says how a value is stated: "CNY/t" or a percentage such as
// "0.60%".
func basisCell(l lang, v pricing.Value) report.Cell {
	if v.IsPercent() {
		return report.Str(percentText(v.Number()))
	}
	return report.Coded(l.t("CNY/t", "元/吨"), "CNY/t")
}
