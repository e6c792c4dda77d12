package invoice

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"alprice/pricing"
)

// A line whose VAT is not its amount × rate is told the likely mistake
// its figures fit (issue 27 item 23). The figures, worked with Python's
// decimal (half up to the fen): 31.180 t × 20710.33 = 645748.09, × 13% =
// 83947.25 (83947.2517). Mistaken: × 9% = 58117.33; 13% of the amount
// incl. VAT 729695.34 = 94860.39, leaving 634834.95 as the amount; one
// tonne's VAT 20710.33 × 13% = 2692.34 (2692.3429), × 31.180 = 83947.16
// (83947.1612); rounded to the yuan, 83947.
func TestVATMistake(t *testing.T) {
	line := func(amount, vat string) pricing.InvoiceLine {
		return pricing.InvoiceLine{Quantity: 31180, UnitPriceExclVAT: d("20710.33"), AmountExclVAT: d(amount), VATRate: d("0.13"), VAT: d(vat)}
	}
	for _, c := range []struct {
		amount, vat string
		code        string
		says        string
	}{
		{"645748.09", "58117.33", "line.vat.rate", "amount 645748.09 × rate 0.13 = 83947.25, but the VAT is 58117.33, the amount × 9%: worked out at another rate than the line states; the VAT may differ from amount × rate by at most 0.06"},
		{"634834.95", "94860.39", "line.vat.incl", "amount 634834.95 × rate 0.13 = 82528.54, but the VAT is 94860.39, the rate applied to the amount incl. VAT (729695.34 × 0.13)"},
		{"645748.09", "83947.16", "line.vat.per-tonne", "amount 645748.09 × rate 0.13 = 83947.25, but the VAT is 83947.16, the VAT of one tonne rounded to the fen (2692.34) × 31.180 t"},
		{"645748.09", "83947.00", "line.vat.yuan", "amount 645748.09 × rate 0.13 = 83947.25, but the VAT is 83947.00, rounded to the yuan instead of the fen"},
		{"645748.09", "83950.00", "line.vat", "amount 645748.09 × rate 0.13 = 83947.25; the VAT may differ from it by at most 0.06"},
	} {
		l := line(c.amount, c.vat)
		m := vatMistake(l, pricing.LineVAT(l.AmountExclVAT, l.VATRate), DefaultTaxTolerance)
		if got := m.String(); m.Code != c.code || len(got) < len(c.says) || got[:len(c.says)] != c.says {
			t.Errorf("VAT %s on %s: %s %q, want %s %q", c.vat, c.amount, m.Code, got, c.code, c.says)
		}
	}
}

// An invoice whose VAT was worked out once on its total and spread over
// its lines — here evenly, 39000.00 of 300000.00 × 13% as 19500.00 a line
// on lines of 100000.00 and 200000.00 (13000.00 and 26000.00 each) — is
// told so, for the lines no mistake of their own explains (issue 27 item
// 23); an invoice of one line is not.
func TestVATOnTheInvoiceTotal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "total.csv")
	csv := "invoice_no,buyer,month,quantity_t,unit_price_excl_vat,amount_excl_vat,vat_rate,vat,total\n" +
		"FP1,ZD-2026-001,2026-03,5,20000,100000.00,13%,19500.00,119500.00\n" +
		"FP1,ZD-2026-001,2026-03,10,20000,200000.00,13%,19500.00,219500.00\n" +
		"FP2,ZD-2026-001,2026-03,5,20000,100000.00,13%,19500.00,119500.00\n"
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	res := checkFile(t, path, CheckOptions{})
	got := map[string]string{}
	for _, f := range res.Findings {
		if f.Field == "vat" && f.Line > 0 {
			got[fmt.Sprintf("%s/%d", f.InvoiceNo, f.Line)] = f.Why.Code
		}
	}
	want := map[string]string{"FP1/1": "line.vat.total", "FP1/2": "line.vat.total", "FP2/1": "line.vat"}
	if !maps.Equal(got, want) {
		t.Errorf("VAT findings %v, want %v", got, want)
	}
	for _, f := range res.Findings {
		if f.InvoiceNo == "FP1" && f.Line == 1 && f.Field == "vat" {
			if s := f.Why.String(); !strings.HasPrefix(s, "amount 100000.00 × rate 0.13 = 13000.00, but the VAT is 19500.00: the invoice's VAT was worked out once on its total, 300000.00 × 0.13 = 39000.00, and spread over its 2 lines") {
				t.Errorf("said %q", s)
			}
		}
	}
}
