package main

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"alprice/cmd/alprice/i18n"
	"alprice/pricing"
)

var sentinel = regexp.MustCompile(`ARG\d|LABEL`)

// Every message of the pricing package has a Chinese template, in the one
// catalogue of templates, that uses the same figures and the same agreed
// line. (What the catalogue holds beyond the errors and the messages, the
// error test finds.)
func TestChineseMessages(t *testing.T) {
	codes := pricing.MessageCodes()
	for _, code := range codes {
		// As many figures as the English takes: the fewest it renders with.
		m := pricing.Message{Code: code, Adjustment: pricing.Adjustment{Kind: pricing.Fee, Label: "LABEL"}}
		for strings.Contains(m.String(), "%!") && len(m.Args) < 9 {
			m.Args = append(m.Args, fmt.Sprintf("ARG%d", len(m.Args)+1))
		}
		en, cn := m.String(), i18n.Chinese.Say(m)
		if _, ok := i18n.ChineseErrors[m.Template()]; !ok {
			t.Errorf("%s: no Chinese template", code)
			continue
		}
		for _, s := range []string{en, cn} {
			if strings.Contains(s, "%!") || strings.Contains(s, "{line}") {
				t.Errorf("%s: %q has a broken verb or placeholder", code, s)
			}
		}
		used := func(s string) []string {
			found := sentinel.FindAllString(s, -1)
			slices.Sort(found)
			return slices.Compact(found)
		}
		if e, c := used(en), used(cn); !slices.Equal(e, c) {
			t.Errorf("%s: English uses %v, Chinese %v", code, e, c)
		}
	}
}
