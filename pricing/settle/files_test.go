package settle

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"alprice/pricing"
	"alprice/pricing/internal/sample"
	"alprice/pricing/read"
)

// settleFiles settles several deliveries files read as one.
func settleFiles(t *testing.T, texts map[string]string, names []string, opts SettleOptions) (*Settlement, error) {
	t.Helper()
	ags, q := sample.Inputs(t)
	files := make([]io.Reader, len(names))
	for i, n := range names {
		files[i] = strings.NewReader(texts[n])
	}
	df, err := read.NewDeliveryFiles(files, names, read.AutoEncoding)
	if err != nil {
		return nil, err
	}
	return Settle(context.Background(), df, ags, q, opts)
}

const header = "ticket,date,buyer,tapped_t,delivered_t\n"

var march = pricing.MonthOf(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))

// A weighbridge export overlapping the month before: the ladle in both
// files is a bad row naming both lines, though --month bills only March
// (#23: never bill a ticket twice across runs).
func TestSettleAcrossFiles(t *testing.T) {
	texts := map[string]string{
		"feb.csv": header + "F1,2026-02-26,ZD-2026-001,30.000,29.950\nF2,2026-02-27,ZD-2026-001,30.000,29.950\n",
		"mar.csv": header + "F2,2026-02-27,ZD-2026-001,30.000,29.950\nM1,2026-03-02,ZD-2026-001,31.250,31.180\n",
	}
	_, err := settleFiles(t, texts, []string{"feb.csv", "mar.csv"}, SettleOptions{Month: march})
	var bad *pricing.BadRowsError
	if !errors.As(err, &bad) || len(bad.Problems) != 1 {
		t.Fatalf("got %v, want one bad row", err)
	}
	if got := bad.Problems[0].Error(); got != `mar.csv:2:1: ticket: "F2": is a duplicate ticket: feb.csv:3 has it too, and a ladle is billed once` {
		t.Errorf("got %q", got)
	}

	// Without the overlap: March is billed, February's rows are counted
	// as outside the month, every row accounted for.
	texts["mar.csv"] = header + "M1,2026-03-02,ZD-2026-001,31.250,31.180\n,,,,\nM2,2026-03-03,WC-2026-003,30.000,29.900\n"
	s, err := settleFiles(t, texts, []string{"feb.csv", "mar.csv"}, SettleOptions{Month: march})
	if err != nil {
		t.Fatal(err)
	}
	if s.Rows != 4 || s.Total.Tickets != 2 || s.OtherRows != 2 || s.BlankRows != 1 || len(s.Statements) != 2 || s.Source != "feb.csv, mar.csv" {
		t.Errorf("rows %d, settled %d, other %d, blank %d, statements %d, source %q; want 4, 2, 2, 1, 2, both files",
			s.Rows, s.Total.Tickets, s.OtherRows, s.BlankRows, len(s.Statements), s.Source)
	}
}

// A file that repeats a ticket of its own needs a second pass to name it;
// the other files are read again with it, and the repeat is named once.
func TestSettleAcrossFilesSecondPass(t *testing.T) {
	texts := map[string]string{
		"a.csv": header + "A1,2026-03-02,ZD-2026-001,30.000,29.950\n",
		"b.csv": header + "B1,2026-03-03,ZD-2026-001,30.000,29.950\nB1,2026-03-04,ZD-2026-001,30.000,29.950\nA1,2026-03-05,ZD-2026-001,30.000,29.950\n",
	}
	s, err := settleFiles(t, texts, []string{"a.csv", "b.csv"}, SettleOptions{SkipInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range s.Rejected {
		got = append(got, p.Error())
	}
	want := []string{
		`b.csv:3:1: ticket: "B1": is a duplicate ticket: line 2 has it too, and a ladle is billed once`,
		`b.csv:4:1: ticket: "A1": is a duplicate ticket: a.csv:2 has it too, and a ladle is billed once`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") || s.Rows != 4 || s.Total.Tickets != 2 || s.RejectedRows != 2 {
		t.Errorf("rejected %q (rows %d, settled %d, rejected %d)\nwant %q", got, s.Rows, s.Total.Tickets, s.RejectedRows, want)
	}
}

// stdin cannot be read again: among several files it is refused.
func TestSettleAcrossFilesNeedsFiles(t *testing.T) {
	_, err := read.NewDeliveryFiles([]io.Reader{strings.NewReader(header), io.MultiReader(strings.NewReader(header))}, []string{"a.csv", "<stdin>"}, read.AutoEncoding)
	if err == nil || !strings.Contains(err.Error(), "<stdin>: is not a file that can be read again") {
		t.Errorf("got %v", err)
	}
}
