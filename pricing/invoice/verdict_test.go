package invoice

import "testing"

// The verdict of a clean set is no finding; of the invoice that left the
// transport out (testdata/invoices/README.md), its month's two findings,
// one invoice, and the transport the invoice bills on top of the
// settlement: 340.617 t × 600.00 = 204370.20.
func TestVerdict(t *testing.T) {
	if v := checkFile(t, "../../testdata/invoices/clean-2026-03.csv", CheckOptions{}).Verdict(); v.Findings != 0 || v.Months != 0 || v.Compared {
		t.Errorf("clean: %+v", v)
	}
	v := checkFile(t, "../../testdata/invoices/transport-left-out.csv", CheckOptions{}).Verdict()
	if v.Findings != 2 || v.Months != 1 || v.Invoices != 1 || !v.Compared ||
		v.Billed.StringFixed(2) != "8175717.45" || v.Settled.StringFixed(2) != "7971347.25" || v.Difference().StringFixed(2) != "204370.20" {
		t.Errorf("transport left out: %+v, difference %s", v, v.Difference())
	}
}
