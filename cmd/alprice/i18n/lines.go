package i18n

import "alprice/pricing"

// LineLabel names a line of the price build-up in l.
func LineLabel(l Lang, kind pricing.Kind, label string) string {
	var name string
	switch kind {
	case pricing.Transport:
		name = l.T("Transport", "运费")
	case pricing.Casting:
		name = l.T("Ingot casting", "铝锭铸造费")
	case pricing.BurnLoss:
		name = l.T("Burn loss", "烧损")
	case pricing.Coal:
		name = l.T("Coal price pass-through", "煤价优惠让利")
	case pricing.Fee:
		name = l.T("Other fee", "其他费用")
	case pricing.Premium:
		name = l.T("Premium", "上浮")
	case pricing.Rounded:
		name = l.T("Rounding to whole yuan", "取整调整(元)")
	}
	if label != "" {
		return name + l.T(": ", ":") + label
	}
	return name
}

// RuleName cites a policy rule in l: "2.2" as it is; the coal
// pass-through, which has no number of its own in the clause, and the
// checks of an invoice's VAT and of the statement by name.
func RuleName(l Lang, rule string) string {
	names := map[string][2]string{
		pricing.Coal.Rule():        {"2 (coal)", "2(煤价)"},
		pricing.RuleLineArithmetic: {"vat.line", "开票计算"},
		pricing.RuleInvoiceTax:     {"vat.invoice", "整票税额"},
		pricing.RuleVATRate:        {"vat.rate", "税率"},
		pricing.RuleTotal:          {"vat.total", "价税合计"},
		pricing.RuleStatement:      {"statement", "结算比对"},
	}
	if name, ok := names[rule]; ok {
		return l.T(name[0], name[1])
	}
	return rule
}
