package invoice

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The verdict of a clean set is no finding; of the invoice that left the
// transport out (testdata/invoices/README.md), its month's two findings,
// one invoice, and the transport the invoice bills on top of the
// settlement: 340.617 t × 600.00 = 204370.20.
func TestVerdict(t *testing.T) {
	if v := checkFile(t, "../../testdata/invoices/clean-2026-03.csv", CheckOptions{}).Verdict(); v.Findings != 0 || v.Months != 0 || v.Compared {
		t.Errorf("clean: %+v", v)
	}
	v := checkFile(t, "../../testdata/invoices/transport-left-out.csv", CheckOptions{}).Verdict()
	if v.Findings != 2 || v.Differing != 1 || v.Months != 1 || v.Invoices != 1 || !v.Compared ||
		v.Billed.StringFixed(2) != "8175717.45" || v.Settled.StringFixed(2) != "7971347.25" || v.Difference().StringFixed(2) != "204370.20" {
		t.Errorf("transport left out: %+v, difference %s", v, v.Difference())
	}
}

// One invoice whose 价税合计 is a fen off (FP26030003 of the clean set):
// one finding on one invoice, of the month's eight; what the month bills
// (amounts and VAT) is still what the deliveries settle at.
func TestVerdictCountsTheInvoicesThatDiffer(t *testing.T) {
	data, err := os.ReadFile("../../testdata/invoices/clean-2026-03.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	for i, line := range lines {
		if strings.HasPrefix(line, "FP26030003,") {
			lines[i] = strings.TrimSuffix(line, "1129997.92") + "1129997.93"
		}
	}
	path := filepath.Join(t.TempDir(), "one-fen-off.csv")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	v := checkFile(t, path, CheckOptions{}).Verdict()
	if v.Findings != 1 || v.Differing != 1 || v.Invoices != 8 || v.Months != 1 || !v.Difference().IsZero() {
		t.Errorf("%+v, difference %s", v, v.Difference())
	}
}
