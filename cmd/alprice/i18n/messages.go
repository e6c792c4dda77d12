package i18n

import "alprice/pricing"

// Say says m in l: the domain's English, or its Chinese from the one
// catalogue of templates (ChineseErrors), keyed by the English template.
func (l Lang) Say(m pricing.Message) string {
	if day, ok := weekdaysZH[firstArg(m)]; ok && l == Chinese && m.Code == "quote.weekend" {
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

// weekdaysZH names the days of the week a message may name.
var weekdaysZH = map[string]string{"Saturday": "星期六", "Sunday": "星期日", "Monday": "星期一", "Tuesday": "星期二",
	"Wednesday": "星期三", "Thursday": "星期四", "Friday": "星期五"}
