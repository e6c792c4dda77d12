package settle

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"alprice/pricing"
	"alprice/pricing/internal/sample"
	"alprice/pricing/read"

	"github.com/shopspring/decimal"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func settleText(t *testing.T, text string, opts SettleOptions) (*Settlement, error) {
	t.Helper()
	ags, q := sample.Inputs(t)
	dr, err := read.NewDeliveryReader(strings.NewReader(text), "d.csv", read.AutoEncoding)
	if err != nil {
		return nil, err
	}
	return Settle(context.Background(), dr, ags, q, opts)
}

func settleFile(t *testing.T, path string, opts SettleOptions) *Settlement {
	t.Helper()
	ags, q := sample.Inputs(t)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dr, err := read.NewDeliveryReader(f, path, read.AutoEncoding)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Settle(context.Background(), dr, ags, q, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The sample month, against totals worked out by hand in
// testdata/golden/README.md (settle section).
var sampleStatements = []struct {
	agreement               string
	tickets                 int
	tapped, delivered, loss string
	unit, amount, excl, vat string
}{
	{"ZD-2026-001", 11, "341.355", "340.617", "0.738", "23402.67", "7971347.25", "7054289.60", "917057.65"},
	{"ZD-2026-002", 7, "210.250", "209.775", "0.475", "22461.94", "4711953.46", "4169870.32", "542083.14"},
	{"WC-2026-003", 6, "174.680", "174.140", "0.540", "23779", "4140875.06", "3664491.20", "476383.86"},
}

func checkSampleStatements(t *testing.T, s *Settlement) {
	t.Helper()
	if len(s.Statements) != len(sampleStatements) {
		t.Fatalf("%d statements", len(s.Statements))
	}
	for i, w := range sampleStatements {
		st := s.Statements[i]
		got := []string{st.Agreement.ID, st.Tapped.String(), st.Delivered.String(), st.Loss().String(),
			st.Price.Price.UnitPrice.String(), st.Bill.Amount.StringFixed(2), st.Bill.AmountExclVAT.StringFixed(2), st.Bill.VAT.StringFixed(2)}
		want := []string{w.agreement, w.tapped, w.delivered, w.loss, w.unit, w.amount, w.excl, w.vat}
		if strings.Join(got, " ") != strings.Join(want, " ") || st.Tickets != w.tickets || st.Month.String() != "2026-03" {
			t.Errorf("statement %d:\n got %v (%d tickets)\nwant %v (%d)", i, got, st.Tickets, want, w.tickets)
		}
	}
	if s.Total.Tickets != 24 || s.Total.Amount.StringFixed(2) != "16824175.77" || s.Total.AmountExclVAT.StringFixed(2) != "14888651.12" ||
		s.Total.VAT.StringFixed(2) != "1935524.65" || s.Total.Delivered.String() != "724.532" || s.Total.Tapped.String() != "726.285" {
		t.Errorf("total: %+v", s.Total)
	}
	if s.Rows != 24 || s.RejectedRows != 0 || s.OtherRows != 0 {
		t.Errorf("rows: %d read, %d rejected, %d other", s.Rows, s.RejectedRows, s.OtherRows)
	}
}

func TestSettleSample(t *testing.T) {
	checkSampleStatements(t, settleFile(t, "../../testdata/deliveries-2026-03.csv", SettleOptions{}))
}

// The same deliveries in whole kilograms, with Chinese headers, slashed
// dates and CRLF, saved as GBK: the same statements.
func TestSettleKilogramsGBK(t *testing.T) {
	checkSampleStatements(t, settleFile(t, "../../testdata/deliveries/kg-chinese-headers-gbk.csv", SettleOptions{}))
}

// Rule 2.6: the amount is the unit price × the delivered weight; the
// tapped weight, and so the loss, never changes it.
func TestLossIsNeverBilled(t *testing.T) {
	base := "ticket,date,buyer,tapped_t,delivered_t\nT1,2026-03-02,ZD-2026-001,31.250,31.180\nT2,2026-03-03,ZD-2026-001,30.000,29.900\n"
	more := strings.NewReplacer("31.250", "33.000", "30.000", "35.500").Replace(base)
	a, err := settleText(t, base, SettleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := settleText(t, more, SettleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sa, sb := a.Statements[0], b.Statements[0]
	if !sa.Bill.Amount.Equal(sb.Bill.Amount) || sa.Loss() == sb.Loss() {
		t.Errorf("a larger loss changed the amount: %s vs %s (losses %s, %s)", sa.Bill.Amount, sb.Bill.Amount, sa.Loss(), sb.Loss())
	}
	// 23402.67 × (31.180 + 29.900) = 23402.67 × 61.080 = 1429435.0836 → 1429435.08
	if sa.Bill.Amount.StringFixed(2) != "1429435.08" || sa.Loss().String() != "0.170" {
		t.Errorf("amount %s, loss %s", sa.Bill.Amount, sa.Loss())
	}
}

// The statement's amount is rounded once, on the month's total weight, not
// summed from per-ticket amounts.
func TestSettleRoundsOnce(t *testing.T) {
	// Three tickets of 0.001 t at 23402.67: per ticket 23.40267 → 23.40, summed 70.20;
	// on the total 0.003 t: 70.20801 → 70.21.
	s, err := settleText(t, "ticket,date,buyer,tapped_kg,delivered_kg\nA,2026-03-02,ZD-2026-001,1,1\nB,2026-03-02,ZD-2026-001,1,1\nC,2026-03-02,ZD-2026-001,1,1\n", SettleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Statements[0].Bill.Amount.StringFixed(2); got != "70.21" {
		t.Errorf("amount %s, want 70.21", got)
	}
}

func TestSettleBadRows(t *testing.T) {
	f, err := os.ReadFile("../../testdata/deliveries/bad-rows.csv")
	if err != nil {
		t.Fatal(err)
	}
	_, err = settleText(t, string(f), SettleOptions{})
	var bad *pricing.BadRowsError
	if !errors.As(err, &bad) || bad.Rows != 7 {
		t.Fatalf("strict: %v", err)
	}
	// Columns count characters (#27 item 9): 新C·A1021 is 7 of them, 11 bytes.
	wants := []string{
		`d.csv:3:13: date: "2026-03-32": is not a day of the calendar`,
		`d.csv:4:56: delivered_t: is empty`,
		`d.csv:5:49: tapped_t: "0": is zero`,
		`d.csv:5:51: delivered_t: "0.000": is zero`,
		`d.csv:6:49: tapped_t: "31.2567": has 4 decimals; at most 3 are allowed`,
		`d.csv:7:1: ticket: "ZD2603-0101": is a duplicate ticket: line 2 has it too`,
		`d.csv:8:24: buyer: "准东示例铝业": is in no agreement: write an agreement id (ZD-2026-001, ZD-2026-002, WC-2026-003)`,
		`d.csv:9:13: date: "2026-01-12": is outside every terms version: agreement ZD-2026-002 has no terms for 2026-01`,
	}
	if len(bad.Problems) != len(wants) {
		t.Fatalf("problems:\n%s", bad.Problems)
	}
	for i, w := range wants {
		if !strings.HasPrefix(bad.Problems[i].Error(), w) {
			t.Errorf("problem %d: %s\nwant %s…", i, bad.Problems[i], w)
		}
	}

	s, err := settleText(t, string(f), SettleOptions{SkipInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	if s.Rows != 9 || s.RejectedRows != 7 || s.Total.Tickets != 2 || len(s.Rejected) != 8 {
		t.Errorf("skip-invalid: %d rows, %d rejected (%d problems), %d settled", s.Rows, s.RejectedRows, len(s.Rejected), s.Total.Tickets)
	}
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0].Why.String(), "delivered 28.810 t is more than tapped 28.730 t") || s.Warnings[0].Line != 10 {
		t.Errorf("warnings: %+v", s.Warnings)
	}
}

func TestSettleDuplicates(t *testing.T) {
	head := "ticket,date,buyer,tapped_t,delivered_t\n"
	// A bad row's ticket does not claim the ticket: the good row after it
	// is settled, and the bad row is told about it.
	s, err := settleText(t, head+"T1,2026-03-02,ZD-2026-001,31.250,x\nT1,2026-03-03,ZD-2026-001,31.250,31.180\nT1,2026-03-04,ZD-2026-001,31.250,31.180\n", SettleOptions{SkipInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	if s.Total.Tickets != 1 || s.RejectedRows != 2 {
		t.Fatalf("%d settled, %d rejected: %s", s.Total.Tickets, s.RejectedRows, s.Rejected)
	}
	if got := s.Rejected[len(s.Rejected)-1].Error(); !strings.Contains(got, "d.csv:4:1: ticket: \"T1\": is a duplicate ticket: line 3 has it too") {
		t.Errorf("duplicate: %s", got)
	}
	// Tickets are compared exactly, whitespace trimmed: "T1" and "T1 " are
	// one ticket, "t1" another.
	s, err = settleText(t, head+"T1,2026-03-02,ZD-2026-001,1,1\n T1 ,2026-03-02,ZD-2026-001,1,1\nt1,2026-03-02,ZD-2026-001,1,1\n", SettleOptions{SkipInvalid: true})
	if err != nil || s.Total.Tickets != 2 || s.RejectedRows != 1 {
		t.Fatalf("%v: %d settled, %d rejected", err, s.Total.Tickets, s.RejectedRows)
	}
}

// Many tickets, so that the ticket table grows several times, and every
// hundredth repeated much later: each repeat is found, and nothing else.
func TestSettleManyTickets(t *testing.T) {
	var b strings.Builder
	b.WriteString("ticket,date,buyer,tapped_kg,delivered_kg\n")
	const n = 50000
	for i := range n {
		b.WriteString("Z" + itoa(i) + ",2026-03-02,ZD-2026-001,31000,30900\n")
	}
	for i := 0; i < n; i += 100 {
		b.WriteString("Z" + itoa(i) + ",2026-03-03,ZD-2026-001,31000,30900\n")
	}
	s, err := settleText(t, b.String(), SettleOptions{SkipInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	if s.Total.Tickets != n || s.RejectedRows != n/100 || s.Statements[0].Delivered != pricing.Weight(n*30900) {
		t.Errorf("%d settled, %d rejected, delivered %s", s.Total.Tickets, s.RejectedRows, s.Statements[0].Delivered)
	}
}

func itoa(i int) string { return decimal.NewFromInt(int64(i)).String() }

func TestSettleFilters(t *testing.T) {
	ags, _ := sample.Inputs(t)
	zd1, _ := ags.Find("ZD-2026-001")
	s := settleFile(t, "../../testdata/deliveries-2026-03.csv", SettleOptions{Agreement: zd1})
	if len(s.Statements) != 1 || s.Total.Tickets != 11 || s.OtherRows != 13 || s.Rows != 24 {
		t.Errorf("--agreement: %d statements, %d settled, %d other", len(s.Statements), s.Total.Tickets, s.OtherRows)
	}
	_, err := settleText(t, "ticket,date,buyer,tapped_t,delivered_t\nT1,2026-03-02,ZD-2026-001,1,1\n", SettleOptions{Month: month("2026-04")})
	if err == nil || !errors.Is(err, ErrNoDeliveries) || err.Error() != "no deliveries for 2026-04 in d.csv (1 row, in another month or agreement)" {
		t.Errorf("empty month: %v", err)
	}
}

func TestSettleInputErrors(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"header only", "ticket,date,buyer,tapped_t,delivered_t\n", "d.csv:1: has a header but no deliveries"},
		{"no weights", "ticket,date,buyer\nT1,2026-03-02,A\n", "d.csv:1: needs the weights as tapped_t and delivered_t"},
		{"both weights", "ticket,date,buyer,tapped_t,delivered_t,tapped_kg,delivered_kg\n", "one pair only"},
		{"bare quote", "ticket,date,buyer,tapped_t,delivered_t\nT\"1,2026-03-02,ZD-2026-001,1,1\n", "d.csv:2:2: has a bare \""},
	}
	for _, c := range cases {
		_, err := settleText(t, c.text, SettleOptions{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

// A statement without a benchmark is unpriced, not a bad input, even when
// it is the only one: it is listed with its reason and its rows.
func TestSettleEveryStatementUnpriced(t *testing.T) {
	s, err := settleText(t, "ticket,date,buyer,tapped_t,delivered_t\nT1,2026-07-02,ZD-2026-001,1,1\nT2,2026-07-03,ZD-2026-001,2,2\n", SettleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := "d.csv:2: agreement ZD-2026-001: supply month 2026-07: quotes.csv has no quotes for 2026-07"
	if len(s.Statements) != 0 || len(s.Unpriced) != 1 || !strings.Contains(s.Unpriced[0].Reason.Error(), want) ||
		s.Unpriced[0].Tickets != 2 || s.UnpricedRows() != 2 || s.Rows != 2 {
		t.Errorf("got %d statements, unpriced %+v, %d rows; want one unpriced of 2 tickets: %q", len(s.Statements), s.Unpriced, s.Rows, want)
	}
}

func TestSplitInvoices(t *testing.T) {
	s := settleFile(t, "../../testdata/deliveries-2026-03.csv", SettleOptions{InvoiceCap: d("1000000")})
	for _, st := range s.Statements {
		var q pricing.Weight
		amount, excl, vat := decimal.Zero, decimal.Zero, decimal.Zero
		for i, l := range st.Invoices {
			q += l.Quantity
			amount, excl, vat = amount.Add(l.Amount), excl.Add(l.AmountExclVAT), vat.Add(l.VAT)
			if !l.AmountExclVAT.LessThan(d("1000000")) {
				t.Errorf("%s line %d: %s excl. VAT is not below the cap", st.Agreement.ID, i, l.AmountExclVAT)
			}
			if !l.AmountExclVAT.Add(l.VAT).Equal(l.Amount) {
				t.Errorf("%s line %d does not add up", st.Agreement.ID, i)
			}
			if l.Residual.Abs().GreaterThan(pricing.MaxLineDrift) {
				t.Errorf("%s line %d has a residual of %s", st.Agreement.ID, i, l.Residual)
			}
		}
		if !pricing.VatWithin(st.Invoices, st.Price.Price.VATRate, d("0.01")) {
			t.Errorf("%s: a line's VAT is more than 0.01 off its amount × rate", st.Agreement.ID)
		}
		if q != st.Delivered || !amount.Equal(st.Bill.Amount) || !excl.Equal(st.Bill.AmountExclVAT) || !vat.Equal(st.Bill.VAT) {
			t.Errorf("%s: lines sum to %s t, %s, %s, %s; statement %s t, %s, %s, %s", st.Agreement.ID, q, amount, excl, vat,
				st.Delivered, st.Bill.Amount, st.Bill.AmountExclVAT, st.Bill.VAT)
		}
	}
	// ZD-2026-001: 7054289.60 excl. VAT under a 1000000 cap. The largest
	// whole-kg line: 1000000 × 1.13 ÷ 23402.67 = 48.2851… t → 48.285 t
	// (excl. 999998.16 < 1000000; 48.286 t gives 1000018.87, over), so
	// 340.617 t takes ⌈340.617 ÷ 48.285⌉ = 8 lines at the least, the
	// weight shared evenly: 42.578 t once and 42.577 t seven times; each
	// line's amount within a few fen of its own weight's (42.578 t ×
	// 23402.67 = 996438.88), the lines adding up to the statement.
	zd := s.Statements[0].Invoices
	if len(zd) != 8 || zd[0].Quantity != 42578 || zd[0].Amount.StringFixed(2) != "996438.88" || zd[0].AmountExclVAT.StringFixed(2) != "881804.32" {
		t.Errorf("ZD-2026-001 lines: %d, first %+v", len(zd), zd[0])
	}
	for _, l := range zd[1:] {
		if l.Quantity != 42577 {
			t.Errorf("ZD-2026-001 line %+v", l)
		}
	}
	// A statement below the cap stays one line.
	s = settleFile(t, "../../testdata/deliveries-2026-03.csv", SettleOptions{InvoiceCap: d("10000000")})
	if len(s.Statements[0].Invoices) != 1 || s.Statements[0].Invoices[0].Quantity != s.Statements[0].Delivered {
		t.Errorf("below the cap: %+v", s.Statements[0].Invoices)
	}
	if _, err := settleText(t, "ticket,date,buyer,tapped_t,delivered_t\nT1,2026-03-02,ZD-2026-001,1,1\n", SettleOptions{InvoiceCap: d("10")}); err == nil {
		t.Error("a cap below one kilogram's amount must be an error")
	}
}

// rewritten is a file that another program rewrites between Settle's two
// passes: reading it from the start again gives the next text.
type rewritten struct {
	*strings.Reader
	next string
}

func (f *rewritten) Seek(offset int64, whence int) (int64, error) {
	if whence == io.SeekStart {
		f.Reader = strings.NewReader(f.next)
	}
	return f.Reader.Seek(offset, whence)
}

// A file whose tickets repeat is read twice; when it has changed in
// between, nothing is settled on a mix of the two.
func TestSettleFileChangedBetweenPasses(t *testing.T) {
	head := "ticket,date,buyer,tapped_t,delivered_t\n"
	first := head + "T1,2026-03-02,ZD-2026-001,1,1\nT1,2026-03-03,ZD-2026-001,1,1\n"
	ags, q := sample.Inputs(t)
	for _, next := range []string{
		first + "T2,2026-03-04,ZD-2026-001,1,1\n",                               // a row more
		head + "T1,2026-03-02,ZD-2026-001,1,1\nT3,2026-03-03,ZD-2026-001,1,1\n", // a ticket changed
	} {
		dr, err := read.NewDeliveryReader(&rewritten{strings.NewReader(first), next}, "d.csv", read.AutoEncoding)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Settle(context.Background(), dr, ags, q, SettleOptions{SkipInvalid: true})
		if err == nil || err.Error() != "d.csv: changed while it was read: read it again once it is written" {
			t.Errorf("%q: %v", next, err)
		}
	}
}

// A GBK file with a BOM-less Chinese header and a repeated ticket: the
// second pass reads it again in the encoding the first found, and names
// both lines, as one exact pass over a pipe does.
func TestSettleDuplicateInGBK(t *testing.T) {
	text := "票号,日期,客户,出厂重量,到位重量\r\nT1,2026/3/2,准东示例铝材有限公司,31.25,31.18\r\nT2,2026/3/3,准东示例铝材有限公司,31.25,31.18\r\nT1,2026/3/4,准东示例铝材有限公司,31.25,31.18\r\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	ags, q := sample.Inputs(t)
	for _, r := range []io.Reader{strings.NewReader(gbk), pipe{strings.NewReader(gbk)}} {
		dr, err := read.NewDeliveryReader(r, "d.csv", read.AutoEncoding)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Settle(context.Background(), dr, ags, q, SettleOptions{SkipInvalid: true})
		if err != nil || s.Total.Tickets != 2 || s.RejectedRows != 1 ||
			s.Rejected[0].Error() != `d.csv:4:1: 票号: "T1": is a duplicate ticket: line 2 has it too, and a ladle is billed once` {
			t.Fatalf("%T: %v, %+v", r, err, s)
		}
	}
}

// With Ladles, each statement lists its tickets, by date then file order
// (out of date order here), and they add up to the statement; without, none.
func TestSettleLadles(t *testing.T) {
	text := "ticket,date,buyer,tapped_t,delivered_t\nT3,2026-03-05,ZD-2026-001,30.000,29.900\nT1,2026-03-02,ZD-2026-001,31.250,31.180\nT2,2026-03-05,ZD-2026-001,1.000,0.990\n"
	s, err := settleText(t, text, SettleOptions{Ladles: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range s.Statements[0].Ladles {
		got = append(got, l.Ticket+" "+pricing.FormatDate(l.Date)+" "+l.Tapped.String()+" "+l.Delivered.String())
	}
	want := []string{"T1 2026-03-02 31.250 31.180", "T3 2026-03-05 30.000 29.900", "T2 2026-03-05 1.000 0.990"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("ladles\n got %v\nwant %v", got, want)
	}
	s = settleFile(t, "../../testdata/deliveries-2026-03.csv", SettleOptions{Ladles: true})
	for _, st := range s.Statements {
		var tapped, delivered pricing.Weight
		for _, l := range st.Ladles {
			tapped += l.Tapped
			delivered += l.Delivered
		}
		if len(st.Ladles) != st.Tickets || tapped != st.Tapped || delivered != st.Delivered {
			t.Errorf("%s: %d ladles of %s t, %s t; statement %d, %s t, %s t", st.Agreement.ID, len(st.Ladles), tapped, delivered, st.Tickets, st.Tapped, st.Delivered)
		}
	}
	if s := settleFile(t, "../../testdata/deliveries-2026-03.csv", SettleOptions{}); s.Statements[0].Ladles != nil {
		t.Error("ladles kept without asking")
	}
}
