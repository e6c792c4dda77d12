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
