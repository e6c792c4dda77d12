package read

import (
	"errors"
	"os"
	"strings"
	"testing"

	"alprice/pricing"
)

func readAgreementsText(t *testing.T, text string) (*pricing.Agreements, error) {
	t.Helper()
	return ReadAgreements(strings.NewReader(text), "a.yaml")
}

func TestReadSampleAgreements(t *testing.T) {
	f, err := os.Open("../../testdata/agreements.yaml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := ReadAgreements(f, "agreements.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if s.Seller.Name != "准东示例电解铝有限公司" || len(s.List) != 3 {
		t.Fatalf("seller %q, %d agreements", s.Seller.Name, len(s.List))
	}
	a, err := s.Find("ZD-2026-002")
	if err != nil {
		t.Fatal(err)
	}
	mar, _ := pricing.ParseMonth("2026-03")
	apr, _ := pricing.ParseMonth("2026-04")
	tMar, err := a.TermsFor(mar)
	if err != nil || tMar.Adjustments[0].Value.Number().String() != "550" || tMar.PricingMonth != pricing.PreviousMonth {
		t.Errorf("terms for 2026-03: %+v, %v", tMar, err)
	}
	tApr, err := a.TermsFor(apr)
	if err != nil || tApr.Adjustments[0].Label != "准东—五彩湾 汽运" || len(tApr.Adjustments) != 5 {
		t.Errorf("terms for 2026-04: %+v, %v", tApr, err)
	}
	if _, err := a.TermsFor(mar - 2); err == nil {
		t.Error("2026-01 is before ZD-2026-002's first version and must have no terms")
	}
	if _, err := a.OnlyTerms(); err == nil || !strings.Contains(err.Error(), "from 2026-02, from 2026-04") {
		t.Errorf("OnlyTerms of a two-version agreement: %v", err)
	}
	wc, _ := s.Find("五彩湾示例线缆有限公司")
	if wc == nil || wc.ID != "WC-2026-003" {
		t.Fatalf("find by buyer: %+v", wc)
	}
	only, _ := wc.OnlyTerms()
	if only.AverageRounding != pricing.Fen || only.UnitPriceRounding != pricing.Yuan || !only.VATRate.Equal(pricing.DefaultVATRate) {
		t.Errorf("WC terms: %+v", only)
	}
	last := only.Adjustments[len(only.Adjustments)-1]
	if last.Kind != pricing.Premium || last.Label != "合金化加价" || last.Line == 0 {
		t.Errorf("premium: %+v", last)
	}
}

// A YAML float must never pass through float64: 0.1 + 0.2 style values and
// long decimals are read from their text.
func TestReadAgreementsKeepsDecimalText(t *testing.T) {
	s, err := readAgreementsText(t, `
agreements:
  - id: A
    buyer: B
    terms:
      - from: 2026-01
        deductions:
          - {kind: transport, value: 35.1}
          - {kind: casting, value: "1,000.07"}
          - {kind: burn_loss, value: 0.6125%}
`)
	if err != nil {
		t.Fatal(err)
	}
	adj := s.List[0].Terms[0].Adjustments
	for i, want := range []string{"35.1", "1000.07", "0.6125"} {
		if got := adj[i].Value.Number().String(); got != want {
			t.Errorf("deduction %d = %s, want %s", i, got, want)
		}
	}
}

func TestReadAgreementsHolidays(t *testing.T) {
	ags, err := readAgreementsText(t, "holidays:\n  - {date: 2028-01-03, name: 元旦}\nagreements:\n  - {id: A, buyer: B, terms: [{from: 2026-01}]}\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(ags.Holidays) != 1 || pricing.FormatDate(ags.Holidays[0].Date) != "2028-01-03" || ags.Holidays[0].Name != "元旦" {
		t.Errorf("holidays %+v", ags.Holidays)
	}
}

func TestReadAgreementsErrors(t *testing.T) {
	const head = "agreements:\n  - id: A\n    buyer: B\n    terms:\n      - from: 2026-01\n"
	cases := []struct {
		name, text string
		want       []string // each must appear in the error
	}{
		{"empty", "", []string{"a.yaml: is empty"}},
		{"comment only", "# nothing\n", []string{"is empty"}},
		{"not a mapping", "- a\n- b\n", []string{"a.yaml:1:1: must be a mapping"}},
		{"unknown top key", "agreement: []\n", []string{"a.yaml:1:1: agreement: is not a known key", "a.yaml:1:1: agreements: is missing"}},
		{"unknown terms key", head + "        vat: 13%\n", []string{"a.yaml:6:9: agreements[0].terms[0].vat: is not a known key: expected one of from, to,"}},
		{"tab indent", "agreements:\n\t- id: A\n", []string{"a.yaml:2: not valid YAML", "tab"}},
		{"bad value", head + "        deductions:\n          - {kind: transport, value: 6OO}\n",
			[]string{`a.yaml:7:38: agreements[0].terms[0].deductions[0].value: "6OO": contains 'O'`}},
		{"bad percent", head + "        deductions:\n          - {kind: burn_loss, value: 0.6}\n          - {kind: casting, value: 120%}\n",
			[]string{`deductions[1].value: "120%": is out of range`}},
		{"fee without label", head + "        deductions:\n          - {kind: fee, value: 10}\n",
			[]string{"a.yaml:7:13: agreements[0].terms[0].deductions[0].label: is missing: a fee needs a label"}},
		{"premium without label", head + "        premiums:\n          - {value: 10}\n", []string{"premiums[0].label: is missing"}},
		{"premium as deduction", head + "        deductions:\n          - {kind: premium, label: x, value: 10}\n", []string{"list premiums under the premiums key"}},
		{"unknown kind", head + "        deductions:\n          - {kind: freight, value: 10}\n", []string{`"freight": is not a deduction kind`}},
		{"duplicate kind", head + "        deductions:\n          - {kind: transport, value: 10}\n          - {kind: transport, value: 20}\n", []string{"a.yaml:8: agreements[0].terms[0]: states transport twice (also at line 7)"}},
		{"duplicate fee label", head + "        deductions:\n          - {kind: fee, label: 检测费, value: 10}\n          - {kind: fee, label: 检测费, value: 20}\n", []string{`states fee "检测费" twice`}},
		{"duplicate id", "agreements:\n  - {id: A, buyer: B, terms: [{from: 2026-01}]}\n  - {id: A, buyer: C, terms: [{from: 2026-01}]}\n", []string{`a.yaml:3: id: "A": is used by two agreements (the first at line 2)`}},
		{"duplicate from", "agreements:\n  - id: A\n    buyer: B\n    terms:\n      - from: 2026-01\n      - from: 2026-01\n", []string{`a.yaml:6: agreements[0].terms.from: "2026-01": is the start of two versions (the other at line 5)`}},
		{"overlap", "agreements:\n  - id: A\n    buyer: B\n    terms:\n      - {from: 2026-01, to: 2026-05}\n      - {from: 2026-04}\n", []string{"overlaps the version from 2026-04"}},
		{"to before from", "agreements:\n  - id: A\n    buyer: B\n    terms:\n      - {from: 2026-05, to: 2026-04}\n", []string{`"2026-04": is before from (2026-05)`}},
		{"bad month", "agreements:\n  - id: A\n    buyer: B\n    terms:\n      - {from: 2026-13}\n", []string{`from: "2026-13": is not a month`}},
		{"duplicate key", head + "        vat_rate: 13%\n        vat_rate: 9%\n", []string{"vat_rate: is given twice"}},
		{"missing buyer and terms", "agreements:\n  - id: A\n", []string{"agreements[0].buyer: is missing", "agreements[0].terms: is missing"}},
		{"empty terms", "agreements:\n  - {id: A, buyer: B, terms: []}\n", []string{"needs at least one terms version"}},
		{"null value", head + "        deductions:\n          - {kind: transport, value: }\n", []string{"value: is empty"}},
		{"bad rounding", head + "        average_rounding: jiao\n", []string{`"jiao": is not a rounding: write yuan or fen`}},
		{"bad pricing month", head + "        pricing_month: current\n", []string{`"current": is not a pricing month`}},
		{"second document", "agreements:\n  - {id: A, buyer: B, terms: [{from: 2026-01}]}\n---\nagreements:\n  - {id: C, buyer: D, terms: [{from: 2026-01}]}\n",
			[]string{"a.yaml:3: starts a second YAML document (---)"}},
		{"id is another's buyer", "agreements:\n  - {id: A, buyer: X, terms: [{from: 2026-01}]}\n  - {id: B, buyer: A, terms: [{from: 2026-01}]}\n",
			[]string{`a.yaml:3: buyer: "A": is the id of the agreement at line 2`}},
		{"invisible in id", "agreements:\n  - {id: \"A\\u200B\", buyer: B, terms: [{from: 2026-01}]}\n", []string{`agreements[0].id: "A\u200b": has U+200B (a zero-width space)`}},
		{"escape in buyer", "agreements:\n  - {id: A, buyer: \"B\\e[2K\", terms: [{from: 2026-01}]}\n", []string{"has U+001B (ESC"}},
		{"holiday on a weekend", "holidays:\n  - {date: 2028-01-01, name: 元旦}\n" + head, []string{`a.yaml:2:12: holidays[0].date: "2028-01-01": is a weekend day`}},
		{"holiday without name", "holidays:\n  - {date: 2028-01-03}\n" + head, []string{"holidays[0].name: is missing"}},
		{"merge key", "base: &b {from: 2026-01}\nagreements:\n  - id: A\n    buyer: B\n    terms:\n      - <<: *b\n", []string{"base: is not a known key", "merge keys are not supported"}},
	}
	for _, c := range cases {
		_, err := readAgreementsText(t, c.text)
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error\n%s\nwant it to contain %q", c.name, err, w)
			}
		}
	}
}

func TestReadAgreementsAliases(t *testing.T) {
	// A shared deduction list through an alias is fine.
	ok := `
agreements:
  - id: A
    buyer: B
    terms:
      - from: 2026-01
        deductions: &d
          - {kind: transport, value: 600}
      - from: 2026-02
        deductions: *d
`
	s, err := readAgreementsText(t, ok)
	if err != nil || len(s.List[0].Terms[1].Adjustments) != 1 {
		t.Fatalf("alias: %v", err)
	}
	// A billion-laughs style file is refused, not expanded.
	// Each level lists the one before ten times: 10^4 deductions by aliases.
	var b strings.Builder
	b.WriteString("seller: &a0 {kind: transport, value: 1}\nagreements:\n  - id: A\n    buyer: B\n    terms:\n      - from: 2026-01\n        deductions:\n")
	b.WriteString("          - [" + strings.TrimSuffix(strings.Repeat("*a0, ", 10), ", ") + "]\n")
	for i := 0; i < 200; i++ {
		b.WriteString("          - *a0\n")
	}
	_, err = readAgreementsText(t, b.String())
	if err == nil || !strings.Contains(err.Error(), "is one alias too many: a file may use at most 100") {
		t.Fatalf("alias flood: %v", err)
	}
}

func TestReadAgreementsTooLarge(t *testing.T) {
	big := "# " + strings.Repeat("x", MaxAgreementsSize) + "\n"
	_, err := readAgreementsText(t, big)
	var ie *pricing.InputError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("got %v", err)
	}
}

// An empty value is one problem, said once (#27 item 5: the value of a
// deduction was checked for "full" and parsed, each saying "is empty").
func TestReadAgreementsSaysAnEmptyValueOnce(t *testing.T) {
	const head = "agreements:\n  - id: A\n    buyer: B\n    terms:\n      - from: 2026-01\n        deductions:\n"
	for _, line := range []string{
		"          - {kind: transport, value: }\n",
		"          - {kind: transport, value: \"\"}\n",
		"          - {kind: , value: 600}\n",
		"          - {kind: fee, label: , value: 5}\n",
	} {
		_, err := readAgreementsText(t, head+line)
		if err == nil {
			t.Fatalf("%q: no error", line)
		}
		if n := strings.Count(err.Error(), "is empty"); n != 1 {
			t.Errorf("%q: said %d times:\n%v", line, n, err)
		}
	}
}

// In the flow style, a figure with a comma is cut into a value and keys:
// said once, at the value, showing it quoted (#27 item 13: it said
// "deductions[3].200: not a known key").
func TestReadAgreementsFigureCutAtComma(t *testing.T) {
	const head = "agreements:\n  - id: A\n    buyer: B\n    terms:\n      - from: 2026-01\n        deductions:\n          - {kind: transport, value: 600}\n"
	for line, want := range map[string]string{
		"          - {kind: coal, value: 1,200}\n":           `a.yaml:8:33: agreements[0].terms[0].deductions[1].value: "1,200": is cut at its comma: in a {…} list a comma ends a value; quote it, value: "1,200"`,
		"          - {kind: casting, value: 1,234,567.50}\n": `deductions[1].value: "1,234,567.50": is cut at its comma`,
		"          - {value: 1,000, kind: fee, label: x}\n":  `deductions[1].value: "1,000": is cut at its comma`,
	} {
		_, err := readAgreementsText(t, head+line)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v\nwant %q", line, err, want)
			continue
		}
		if strings.Contains(err.Error(), "not a known key") || strings.Contains(err.Error(), "is missing") || strings.Count(err.Error(), "\n") > 0 {
			t.Errorf("%q: said more than once:\n%v", line, err)
		}
	}
	// Quoted, or in block style, the figure is whole.
	for _, line := range []string{"          - {kind: coal, value: \"1,200\"}\n", "          - kind: coal\n            value: 1,200\n"} {
		if _, err := readAgreementsText(t, head+line); err != nil {
			t.Errorf("%q: %v", line, err)
		}
	}
}
