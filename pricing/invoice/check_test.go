package invoice

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"alprice/pricing"
	"alprice/pricing/internal/sample"
	"alprice/pricing/read"
	"alprice/pricing/settle"
)

func checkFile(t *testing.T, path string, opts CheckOptions) *CheckResult {
	t.Helper()
	ags, q := sample.Inputs(t)
	s := settled(t, "deliveries-2026-03.csv", settle.SettleOptions{})
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	inv, err := read.ReadInvoices(f, path, read.AutoEncoding)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Check(inv, ags, q, s, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestCheckClean(t *testing.T) {
	res := checkFile(t, "../../testdata/invoices/clean-2026-03.csv", CheckOptions{})
	if !res.OK() {
		for _, f := range res.Findings {
			t.Errorf("finding on a clean set: %+v", f)
		}
	}
	if len(res.Months) != 3 || res.Months[0].Lines != 8 || res.Months[0].Quantity != 340617 || res.Months[0].Billed.StringFixed(2) != "7971347.25" {
		t.Errorf("months: %+v", res.Months)
	}
	// The strictest devices allow 0.01 of VAT per line; the clean set's
	// lines still pass, since each VAT is amount − amount ÷ 1.13.
	if res := checkFile(t, "../../testdata/invoices/clean-2026-03.csv", CheckOptions{TaxTolerance: d("0.01")}); !res.OK() {
		t.Errorf("clean set at a 0.01 tax tolerance: %+v", res.Findings)
	}
}

// Each mistake file gives exactly the findings worked out in
// testdata/invoices/README.md.
func TestCheckMistakes(t *testing.T) {
	type want struct{ field, rule, invoiced, expected, says string }
	statement := func(invoiced string) want {
		return want{"amount", pricing.RuleStatement, invoiced, "7971347.25", "the settlement of the deliveries comes to 7971347.25"}
	}
	cases := []struct {
		file  string
		wants []want
	}{
		{"previous-month-average", []want{
			{"unit_price", "2.1", "22413.64", "23402.67", "priced on the 2026-02 average (23394.00) instead of 2026-03 (24389.00)"},
			statement("7634466.82")}},
		{"transport-left-out", []want{
			{"unit_price", "2.2", "24002.67", "23402.67", "transport deduction of 600.00/t not applied — rule 2.2"},
			statement("8175717.45")}},
		{"percent-wrong-base", []want{
			{"unit_price", "2.3", "23419.50", "23402.67", "burn loss of 0.6% applied to the benchmark excl. VAT (21583.19) instead of the benchmark 24389.00"},
			statement("7977079.83")}},
		{"other-average-rounding", []want{
			{"unit_price", "2.1", "22461.79", "22461.94", "the 2026-02 average rounded to the fen (23393.85) instead of to the yuan (23394.00)"},
			{"amount", pricing.RuleStatement, "4711922.00", "4711953.46", ""}}},
		{"vat-on-top", []want{
			{"unit_price", "2.1", "26445.02", "23402.67", "VAT added to a price that already includes it"},
			statement("9007622.39")}},
		{"tapped-weight", []want{
			{"quantity_t", "2.6", "341.355", "340.617", "billed on tapped weight (341.355 t weighed out at the smelter); the policy bills the delivered weight, 340.617 t"},
			statement("7988618.42")}},
		{"unit-price-typo", []want{
			{"amount_excl_vat", pricing.RuleLineArithmetic, "7054289.60", "7051224.92", "quantity 340.617 t × unit price 20701.33 = 7051224.92"}}},
		{"vat-rate-9", []want{
			{"vat_rate", pricing.RuleVATRate, "0.09", "0.13", "state VAT at 13%; the invoice charges 9%"}}},
		{"total-typo", []want{
			{"total", pricing.RuleTotal, "7971348.25", "7971347.25", "must be the amount 7054289.60 plus the VAT 917057.65"}}},
		{"invoice-vat-sum", []want{
			{"vat", pricing.RuleInvoiceTax, "1.56", "0", "differs from amount × rate by 1.56 in all; an invoice allows at most ±1.27"},
			statement("7971348.91")}},
		{"unexplained", []want{
			{"unit_price", "2.1", "23352.67", "23402.67", "by -50.00/t, which no single likely mistake explains"},
			statement("7954316.40")}},
	}
	for _, c := range cases {
		res := checkFile(t, "../../testdata/invoices/"+c.file+".csv", CheckOptions{})
		if len(res.Findings) != len(c.wants) {
			t.Errorf("%s: %d findings, want %d: %+v", c.file, len(res.Findings), len(c.wants), res.Findings)
			continue
		}
		for i, w := range c.wants {
			f := res.Findings[i]
			if f.Field != w.field || f.Rule != w.rule || !f.Invoiced.Equal(d(w.invoiced)) || !f.Expected.Equal(d(w.expected)) || !strings.Contains(f.Why.String(), w.says) {
				t.Errorf("%s finding %d:\n got %s %s %s %s %q\nwant %s %s %s %s …%q…", c.file, i, f.Field, f.Rule, f.Invoiced, f.Expected, f.Why.String(),
					w.field, w.rule, w.invoiced, w.expected, w.says)
			}
		}
	}
}

// More of the likely mistakes, on invoices made in the test: each
// deduction left out, the following month's average, the other percentage
// base, and a premium not charged.
func TestCheckDiagnoses(t *testing.T) {
	ags, q := sample.Inputs(t)
	s := settled(t, "deliveries-2026-03.csv", settle.SettleOptions{})
	zd1 := d("340.617")
	line := func(buyer string, unit string, qty string) string {
		// amount incl. VAT = unit × quantity to the fen, split as invoicing software does
		amount := d(unit).Mul(d(qty)).Round(2)
		excl, vat := pricing.SplitVAT(amount, d("0.13"))
		price := excl.DivRound(d(qty), 8)
		return "X1," + buyer + ",2026-03," + qty + "," + price.String() + "," + excl.StringFixed(2) + ",13%," + vat.StringFixed(2) + "\n"
	}
	cases := []struct{ name, buyer, unit, qty, says string }{
		// 23402.67 + 150
		{"casting left out", "ZD-2026-001", "23552.67", zd1.String(), "casting deduction of 150.00/t not applied — rule 2.3"},
		// 23402.67 + 146.33
		{"burn loss left out", "ZD-2026-001", "23549.00", zd1.String(), "burn loss deduction of 146.33/t not applied — rule 2.3"},
		{"coal left out", "ZD-2026-001", "23482.67", zd1.String(), "coal pass-through deduction of 80.00/t not applied — rule 2-coal"},
		{"fee left out", "ZD-2026-001", "23412.67", zd1.String(), "fee 检测费 deduction of 10.00/t not applied — rule 2.3"},
		// April average 24665: 24665 − 600 − 150 − 147.99 − 80 − 10 = 23677.01
		{"following month", "ZD-2026-001", "23677.01", zd1.String(), "priced on the 2026-04 average (24665.00) instead of 2026-03"},
		// fixed deductions 840: 0.6% of (24389 − 840 = 23549) = 141.294 → 141.29;
		// 24389 − 840 − 141.29 = 23407.71
		{"percent on price less fixed", "ZD-2026-001", "23407.71", zd1.String(), "burn loss of 0.6% applied to the benchmark less the fixed deductions (23549.00)"},
		// WC-2026-003 without its 200 premium: 23578.70 → 23579
		{"premium not charged", "WC-2026-003", "23579", "174.140", "the agreed premium 合金化加价 of 200.00/t not charged — rule 2.4"},
	}
	for _, c := range cases {
		text := "invoice_no,buyer,month,quantity_t,unit_price_excl_vat,amount_excl_vat,vat_rate,vat\n" + line(c.buyer, c.unit, c.qty)
		inv, err := read.ReadInvoices(strings.NewReader(text), "i.csv", read.AutoEncoding)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Check(inv, ags, q, s, CheckOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Findings) == 0 || res.Findings[0].Field != "unit_price" || !strings.Contains(res.Findings[0].Why.String(), c.says) {
			t.Errorf("%s: %+v", c.name, res.Findings)
		}
	}
}

func TestCheckInputErrors(t *testing.T) {
	ags, q := sample.Inputs(t)
	s := settled(t, "deliveries-2026-03.csv", settle.SettleOptions{})
	head := "invoice_no,buyer,month,quantity_t,unit_price_excl_vat,amount_excl_vat,vat_rate,vat\n"
	cases := []struct{ name, text, want string }{
		{"unknown buyer", head + "X,NOBODY,2026-03,1,1,1,13%,0.13\n", `i.csv:2: buyer: "NOBODY": is in no agreement`},
		{"month without terms", head + "X,ZD-2026-002,2026-01,1,1,1,13%,0.13\n", `i.csv:2: month: "2026-01": agreement ZD-2026-002 has no terms for 2026-01`},
	}
	for _, c := range cases {
		inv, err := read.ReadInvoices(strings.NewReader(c.text), "i.csv", read.AutoEncoding)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Check(inv, ags, q, s, CheckOptions{}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	// A month with invoices but no deliveries is a finding, not an error.
	inv, _ := read.ReadInvoices(strings.NewReader(head+"X,ZD-2026-001,2026-04,1,1,1,13%,0.13\n"), "i.csv", read.AutoEncoding)
	res, err := Check(inv, ags, q, s, CheckOptions{})
	if err != nil || len(res.Findings) == 0 || res.Findings[len(res.Findings)-2].Rule != "2.6" {
		t.Errorf("no deliveries: %v %+v", err, res)
	}
}

func TestReadInvoicesErrors(t *testing.T) {
	head := "invoice_no,buyer,month,quantity_t,unit_price_excl_vat,amount_excl_vat,vat_rate,vat\n"
	cases := []struct{ name, text, want string }{
		{"header only", head, "has a header but no invoice lines"},
		{"missing column", "invoice_no,buyer,month\n", "has no quantity_t column"},
		{"bad rate", head + "X,A,2026-03,1,1,1,13,0.13\n", `vat_rate: "13": is out of range: a VAT rate as a fraction is more than 0 and less than 1: write the VAT rate as 13% or 0.13`},
		{"negative", head + "X,A,2026-03,1,1,-1,13%,0.13\n", "red-letter invoices"},
		{"price decimals", head + "X,A,2026-03,1,1.123456789,1,13%,0.13\n", "has 9 decimals; at most 8"},
		{"empty buyer", head + "X,,2026-03,1,1,1,13%,0.13\n", "buyer: is empty"},
		{"bad month", head + "X,A,2026-13,1,1,1,0.13,0.13\n", `month: "2026-13": is not a month`},
	}
	for _, c := range cases {
		_, err := read.ReadInvoices(strings.NewReader(c.text), "i.csv", read.AutoEncoding)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	// Chinese headers, and the rate as a fraction.
	inv, err := read.ReadInvoices(strings.NewReader("发票号码,客户,月份,数量,单价,金额,税率,税额,价税合计\nX,A,2026-03,1,1,1,0.13,0.13,1.13\n"), "i.csv", read.AutoEncoding)
	if err != nil || inv.Len() != 1 || !inv.Line(0).HasTotal || !inv.Line(0).VATRate.Equal(d("0.13")) {
		t.Errorf("Chinese headers: %+v %v", inv, err)
	}
}

// A finding about a month names its invoices, all of them up to ten;
// beyond, the first ten and how many more.
func TestInvoiceList(t *testing.T) {
	var invoices []string
	for i := range 12 {
		invoices = append(invoices, fmt.Sprint("FP", i))
	}
	for n, want := range map[int]string{
		1:  "FP0",
		10: "FP0,FP1,FP2,FP3,FP4,FP5,FP6,FP7,FP8,FP9",
		12: "FP0,FP1,FP2,FP3,FP4,FP5,FP6,FP7,FP8,FP9,… (+2)",
	} {
		if got := invoiceList(invoices[:n]); got != want {
			t.Errorf("%d invoices: %q, want %q", n, got, want)
		}
	}
}

// A check of invoices whose runs are known to be invoices (as the one-pass
// reader marks them) finds what a check of the same lines unmarked does,
// for every set of testdata/invoices, the clean one and each mistake: as
// read, with each invoice of two lines, and with each invoice's VAT off
// by what one invoice allows and two would not, with and without the
// provisional price; and so does a true-up of them.
func TestCheckSameWhenRunsAreInvoices(t *testing.T) {
	ags, q := sample.Inputs(t)
	s := settled(t, "deliveries-2026-03.csv", settle.SettleOptions{})
	paths, err := filepath.Glob("../../testdata/invoices/*.csv")
	if err != nil || len(paths) < 10 {
		t.Fatal(paths, err)
	}
	trueUps := 0
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		inv, err := read.ReadInvoices(f, path, read.AutoEncoding)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !inv.RunsAreInvoices() {
			t.Fatalf("%s: not read in one pass", path)
		}
		var lines, twoLines, vatOff []pricing.InvoiceLine
		for i := range inv.Len() {
			l := inv.Line(i)
			lines = append(lines, l)
			off := l
			off.VAT = off.VAT.Add(d("0.70")) // within an invoice's ±1.27 alone, not with another's
			vatOff = append(vatOff, off)
			l.Quantity /= 2
			l.AmountExclVAT, l.VAT = l.AmountExclVAT.Div(d("2")).Round(2), l.VAT.Div(d("2")).Round(2)
			l.Line = 1
			twoLines = append(twoLines, l)
			l.Line = 2
			twoLines = append(twoLines, l)
		}
		for _, set := range [][]pricing.InvoiceLine{lines, twoLines, vatOff} {
			unmarked, marked := pricing.NewInvoices(inv.Source, set), pricing.NewInvoices(inv.Source, set)
			unmarked.Fields, marked.Fields = inv.Fields, inv.Fields
			marked.MarkRunsAreInvoices()
			for _, opts := range []CheckOptions{{}, {Provisional: true}, {TaxTolerance: d("0.01")}} {
				want, err := Check(unmarked, ags, q, s, opts)
				if err != nil {
					t.Fatal(err)
				}
				got, err := Check(marked, ags, q, s, opts)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s, %d lines %+v: marked\n%+v\nunmarked\n%+v", path, len(set), opts, got, want)
				}
			}
			want, wantErr := TrueUps(unmarked, ags, q, s, TrueUpOptions{})
			got, err := TrueUps(marked, ags, q, s, TrueUpOptions{})
			if err == nil {
				trueUps += len(got.TrueUps)
			}
			if fmt.Sprint(err) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
				t.Errorf("%s, %d lines: true-ups marked\n%+v %v\nunmarked\n%+v %v", path, len(set), got, err, want, wantErr)
			}
		}
	}
	if trueUps == 0 {
		t.Fatal("no true-up made of any set: nothing compared")
	}
}
