package invoice

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"alprice/pricing"
	"alprice/pricing/internal/sample"
	"alprice/pricing/read"
	"alprice/pricing/settle"
)

// received reads invoices as the buyer receives them, from
// testdata/invoices-xml: folders and files, merged.
func received(t *testing.T, names ...string) *pricing.Invoices {
	t.Helper()
	var parts []*pricing.Invoices
	for _, name := range names {
		path := sample.Testdata(filepath.Join("invoices-xml", name))
		var inv *pricing.Invoices
		var err error
		if st, _ := os.Stat(path); st != nil && st.IsDir() {
			inv, err = read.ReadInvoiceDir(os.DirFS(path), ".", name, read.InvoiceOptions{})
		} else {
			f, ferr := os.Open(path)
			if ferr != nil {
				t.Fatal(ferr)
			}
			if strings.HasSuffix(name, ".xlsx") {
				inv, err = read.ReadInvoiceSummary(f, name, read.InvoiceOptions{})
			} else {
				inv, err = read.ReadInvoiceXML(f, name, read.InvoiceOptions{})
			}
			f.Close()
		}
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, inv)
	}
	inv, err := pricing.MergeInvoices(strings.Join(names, ", "), parts)
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

func csvInvoices(t *testing.T, name string) *pricing.Invoices {
	t.Helper()
	f, err := os.Open(sample.Testdata(filepath.Join("invoices", name)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	inv, err := read.ReadInvoices(f, name, read.AutoEncoding)
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

func checkMarch(t *testing.T, inv *pricing.Invoices) *CheckResult {
	t.Helper()
	ags, q := sample.Inputs(t)
	res, err := Check(inv, ags, q, settled(t, "deliveries-2026-03.csv", settle.SettleOptions{}), CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// The XML of an invoice gives the verdict its CSV row gives: the clean
// month, and each diagnosis — the same field, rule, figures and sentence.
func TestCheckXMLAsCSV(t *testing.T) {
	for xml, csv := range map[string]string{
		"clean": "clean-2026-03.csv", "month-30": "clean-2026-03.csv", "summary-2026-03.xlsx": "clean-2026-03.csv",
		"transport-left-out.xml": "transport-left-out.csv", "tapped-weight.xml": "tapped-weight.csv",
		"previous-month-average.xml": "previous-month-average.csv",
	} {
		t.Run(xml, func(t *testing.T) {
			got, want := checkMarch(t, received(t, xml)), checkMarch(t, csvInvoices(t, csv))
			if len(got.Findings) != len(want.Findings) {
				t.Fatalf("%d findings, the CSV %d: %v", len(got.Findings), len(want.Findings), got.Findings)
			}
			for i, g := range got.Findings {
				w := want.Findings[i]
				if g.Field != w.Field || g.Rule != w.Rule || !g.Invoiced.Equal(w.Invoiced) || !g.Expected.Equal(w.Expected) ||
					g.Why.String() != w.Why.String() {
					t.Errorf("finding %d: %+v\nthe CSV's %+v", i, g, w)
				}
			}
			if xml == "month-30" {
				return
			}
			for i, m := range got.Months {
				w := want.Months[i]
				if m.Agreement.ID != w.Agreement.ID || m.Quantity != w.Quantity || !m.Billed.Equal(w.Billed) || m.Lines != w.Lines {
					t.Errorf("month %d: %+v\nthe CSV's %+v", i, m, w)
				}
			}
			for _, ic := range got.Invoices {
				if ic.Month != month("2026-03") || ic.Status != StatusChecked {
					t.Errorf("%s: %s (%s), %s", ic.Number, ic.Month, ic.MonthFrom, ic.Status)
				}
			}
		})
	}
}

// Red invoices net against the blue ones they reverse: the partial one
// line by line (ZD-2026-001 billed 339.617 t, 23402.67 short), the full
// one leaving its blue invoice counting for nothing (ZD-2026-002 201.224 t).
func TestCheckRedNetted(t *testing.T) {
	res := checkMarch(t, received(t, "clean", "red-partial.xml", "red-full.xml"))
	quantity := map[string]pricing.Weight{}
	for _, m := range res.Months {
		quantity[m.Agreement.ID] = m.Quantity
	}
	if quantity["ZD-2026-001"] != 339617 || quantity["ZD-2026-002"] != 201224 || quantity["WC-2026-003"] != 174140 {
		t.Errorf("billed %v", quantity)
	}
	status := map[string]Status{}
	for _, ic := range res.Invoices {
		status[ic.Number] = ic.Status
	}
	for no, want := range map[string]Status{"26652000000026030001": StatusNetted, "26652000000026030105": StatusReversed,
		"26652000000026038001": StatusReversal, "26652000000026038002": StatusReversal, "26652000000026030002": StatusChecked} {
		if status[no] != want {
			t.Errorf("%s: %s, want %s", no, status[no], want)
		}
	}
	var fields []string
	for _, f := range res.Findings {
		fields = append(fields, f.Buyer+" "+f.Field+" "+f.Difference().StringFixed(3))
	}
	want := []string{"准东示例铝材有限公司 quantity_t -1.000", "准东示例铝材有限公司 amount -23402.670",
		"昌吉示例铝箔有限公司 quantity_t -8.551", "昌吉示例铝箔有限公司 amount -192072.060"}
	if strings.Join(fields, "; ") != strings.Join(want, "; ") {
		t.Errorf("findings %q, want %q", fields, want)
	}
}

// A red invoice whose blue one is not given is named as missing; the
// freight line on an invoice is left out, not flagged.
func TestCheckRedMissingAndFreight(t *testing.T) {
	res := checkMarch(t, received(t, "summary-2026-03-mixed.xlsx"))
	missing := 0
	for _, f := range res.Findings {
		if f.Rule == pricing.RuleRed && f.Why.Code == "red.missing" {
			missing++
		}
		if f.Field == "vat_rate" {
			t.Errorf("the freight line is checked: %+v", f)
		}
	}
	if missing != 2 {
		t.Errorf("%d reds named missing, want 2: %v", missing, res.Findings)
	}
	notChecked := map[string]int{}
	for _, n := range res.NotChecked {
		notChecked[n.Why.Code]++
	}
	if notChecked["skip.not-product"] != 1 || notChecked["skip.red-missing"] != 2 {
		t.Errorf("not checked: %v", notChecked)
	}
}

// The seller is the agreements' (a finding otherwise, and the invoice's
// lines unchecked); the buyer is found by its tax id before its name.
func TestCheckParties(t *testing.T) {
	ags, q := sample.Inputs(t)
	s := settled(t, "deliveries-2026-03.csv", settle.SettleOptions{})
	ags.Seller.TaxID = "91652300MA7AL0009X"
	res, err := Check(received(t, "transport-left-out.xml"), ags, q, s, CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 || res.Findings[0].Why.Code != "invoice.seller" || len(res.NotChecked) != 1 || len(res.Months) != 0 {
		t.Errorf("findings %v, not checked %v, months %d", res.Findings, res.NotChecked, len(res.Months))
	}
	ags.Seller.TaxID = "91652300MA7AL0001X"
	// The agreement of another buyer name that states this buyer's tax id
	// takes the invoice.
	ags.List[2].Buyer.TaxID = "91652300MA7BL0002Y"
	res, err = Check(received(t, "clean/26652000000026030001.xml"), ags, q, s, CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Months) != 1 || res.Months[0].Agreement.ID != "WC-2026-003" {
		t.Errorf("months %+v", res.Months)
	}
	// By name, an agreement stating another tax id: a finding.
	ags.List[2].Buyer.TaxID = ""
	ags.List[0].Buyer.TaxID = "91652300MA7BL0009Y"
	res, err = Check(received(t, "clean/26652000000026030001.xml"), ags, q, s, CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) == 0 || res.Findings[0].Why.Code != "invoice.buyer-tax-id" {
		t.Errorf("findings %v", res.Findings)
	}
}

// trueup counts the invoices already issued, red and blue: March billed at
// the final price less a red reversal of 1 t leaves 1 t to invoice again.
func TestTrueUpCountsRed(t *testing.T) {
	ags, q := sample.Inputs(t)
	s := settled(t, "deliveries-2026-03.csv", settle.SettleOptions{})
	res, err := TrueUps(received(t, "clean", "red-partial.xml"), ags, q, s, TrueUpOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tu := range res.TrueUps {
		switch tu.Agreement.ID {
		case "ZD-2026-001":
			if tu.Action != Blue || !tu.Difference.Amount.Equal(d("23402.67")) || tu.Quantity != 339617 {
				t.Errorf("ZD-2026-001: %s %s, %s t", tu.Action, tu.Difference.Amount, tu.Quantity)
			}
		default:
			if tu.Action != None {
				t.Errorf("%s: %s", tu.Agreement.ID, tu.Action)
			}
		}
	}
}
