package i18n

import "alprice/pricing"

// Say says m in l: the domain's English, or its Chinese from the one
// catalogue of templates (ChineseErrors), keyed by the English template.
func (l Lang) Say(m pricing.Message) string {
	if day, ok := chineseSystem[firstArg(m)]; ok && l == Chinese && m.Code == "quote.weekend" {
		m.Args = append([]string{day}, m.Args[1:]...)
	}
	if l == Chinese {
		if t, ok := ChineseErrors[m.Template()]; ok {
			return m.Render(t, func(k pricing.Kind, label string) string { return LineLabel(Chinese, k, label) })
		}
	}
	return m.String()
}

func firstArg(m pricing.Message) string {
	if len(m.Args) == 0 {
		return ""
	}
	return m.Args[0]
}
