package pricing

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// fen draws an amount of money between min and max fen.
func fen(min, max int64) *rapid.Generator[decimal.Decimal] {
	return rapid.Map(rapid.Int64Range(min, max), func(n int64) decimal.Decimal { return decimal.New(n, -2) })
}

// rate draws a VAT rate from 0.01% to 30%, as a fraction.
var rate = rapid.Map(rapid.Int64Range(1, 3000), func(n int64) decimal.Decimal { return decimal.New(n, -4) })

func TestPropertySplitVAT(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		amount := fen(0, 100_000_000_000).Draw(t, "amount")
		r := rate.Draw(t, "rate")
		excl, vat := SplitVAT(amount, r)
		if !excl.Add(vat).Equal(amount) {
			t.Fatalf("%s + %s ≠ %s", excl, vat, amount)
		}
		if d := excl.Mul(r).Sub(vat).Abs(); d.GreaterThan(decimal.New(1, -2)) {
			t.Fatalf("VAT %s is %s off amount excl. VAT %s × %s", vat, d, excl, r)
		}
		if excl.Exponent() < -2 || vat.Round(2).Cmp(vat) != 0 {
			t.Fatalf("not to the fen: %s, %s", excl, vat)
		}
	})
}

// drawTerms draws terms with a few deductions and premiums, each CNY/t or a
// percentage.
func drawTerms(t *rapid.T) Terms {
	terms := DefaultTerms()
	terms.UnitPriceRounding = rapid.SampledFrom([]Rounding{Fen, Yuan}).Draw(t, "rounding")
	terms.VATRate = rate.Draw(t, "vat")
	n := rapid.IntRange(0, 6).Draw(t, "lines")
	for i := range n {
		kind := rapid.SampledFrom([]Kind{Transport, Casting, BurnLoss, Coal, Fee, Premium}).Draw(t, "kind")
		var v Value
		if rapid.Bool().Draw(t, "percent") {
			v = PercentOfBenchmark(decimal.New(rapid.Int64Range(1, 50000).Draw(t, "pct"), -4)) // up to 5%
		} else {
			v = PerTonne(fen(0, 100_000).Draw(t, "cny")) // up to 1000/t
		}
		terms.Adjustments = append(terms.Adjustments, Adjustment{Kind: kind, Label: fmt.Sprint("L", i), Value: v})
	}
	return terms
}

func TestPropertyLargerDeductionNeverRaisesThePrice(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		terms := drawTerms(t)
		benchmark := fen(1_500_000, 4_000_000).Draw(t, "benchmark")
		before, err := BuildPrice(benchmark, terms)
		if err != nil {
			t.Skip(err)
		}
		kind := rapid.SampledFrom([]Kind{Transport, Casting, BurnLoss, Coal}).Draw(t, "kind")
		more := terms
		found := false
		more.Adjustments = append([]Adjustment(nil), terms.Adjustments...)
		for i, a := range more.Adjustments {
			if a.Kind == kind {
				extra := fen(1, 50_000).Draw(t, "extra")
				if a.Value.IsPercent() {
					more.Adjustments[i].Value = PercentOfBenchmark(a.Value.Number().Add(decimal.New(1, -2)))
				} else {
					more.Adjustments[i].Value = PerTonne(a.Value.Number().Add(extra))
				}
				found = true
				break
			}
		}
		if !found {
			more = more.With(Adjustment{Kind: kind, Value: PerTonne(fen(1, 50_000).Draw(t, "new"))})
		}
		after, err := BuildPrice(benchmark, more)
		if err != nil {
			return // the larger deduction took the price to zero: not higher
		}
		if after.UnitPrice.GreaterThan(before.UnitPrice) {
			t.Fatalf("a larger %s raised the unit price from %s to %s", kind, before.UnitPrice, after.UnitPrice)
		}
		if after.UnitPriceExclVAT.GreaterThan(before.UnitPriceExclVAT) {
			t.Fatalf("a larger %s raised the price excl. VAT from %s to %s", kind, before.UnitPriceExclVAT, after.UnitPriceExclVAT)
		}
	})
}

func TestPropertyLinesAddUpToTheUnitPrice(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		terms := drawTerms(t)
		p, err := BuildPrice(fen(1_500_000, 4_000_000).Draw(t, "benchmark"), terms)
		if err != nil {
			t.Skip(err)
		}
		sum := p.Benchmark
		for _, l := range p.Lines {
			sum = sum.Add(l.Amount)
		}
		if !sum.Equal(p.UnitPrice) {
			t.Fatalf("lines add up to %s, not the unit price %s", sum, p.UnitPrice)
		}
	})
}

func TestPropertySplitInvoicesPreservesTotals(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		unit := fen(1_000_000, 3_000_000).Draw(t, "unit")
		p := Price{UnitPrice: unit, VATRate: rate.Draw(t, "vat")}
		w := Weight(rapid.Int64Range(1, 2_000_000).Draw(t, "kg"))
		bill := p.Bill(w)
		limit := fen(50_000_00, 2_000_000_00).Draw(t, "cap")
		lines, err := SplitInvoices(bill, p, limit)
		if err != nil {
			t.Skip(err)
		}
		var q Weight
		amount, excl, vat := decimal.Zero, decimal.Zero, decimal.Zero
		for i, l := range lines {
			q += l.Quantity
			amount, excl, vat = amount.Add(l.Amount), excl.Add(l.AmountExclVAT), vat.Add(l.VAT)
			if !l.AmountExclVAT.LessThan(limit) || l.Quantity <= 0 {
				t.Fatalf("line %d: %s t, %s excl. VAT under a cap of %s", i, l.Quantity, l.AmountExclVAT, limit)
			}
			if !l.AmountExclVAT.Add(l.VAT).Equal(l.Amount) {
				t.Fatalf("line %d does not add up", i)
			}
		}
		if q != bill.Weight || !amount.Equal(bill.Amount) || !excl.Equal(bill.AmountExclVAT) || !vat.Equal(bill.VAT) {
			t.Fatalf("lines sum to %s t, %s, %s, %s; the bill is %s t, %s, %s, %s", q, amount, excl, vat, bill.Weight, bill.Amount, bill.AmountExclVAT, bill.VAT)
		}
	})
}

// Settlement totals equal the sums over the tickets, and each statement's
// amount is its unit price × its delivered weight, rounded once.
func TestPropertySettlementTotals(t *testing.T) {
	ags, q := sampleInputs(t)
	buyers := []string{"ZD-2026-001", "昌吉示例铝箔有限公司", "WC-2026-003"}
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 200).Draw(t, "tickets")
		var b strings.Builder
		b.WriteString("ticket,date,buyer,tapped_kg,delivered_kg\n")
		type key struct {
			buyer string
			month string
		}
		delivered := map[key]int64{}
		tapped := map[key]int64{}
		count := map[key]int{}
		var totalDelivered int64
		for i := range n {
			buyer := rapid.SampledFrom(buyers).Draw(t, "buyer")
			month := rapid.SampledFrom([]string{"03", "04", "05"}).Draw(t, "month")
			day := rapid.IntRange(1, 28).Draw(t, "day")
			tp := rapid.Int64Range(1, 40_000).Draw(t, "tapped")
			dl := rapid.Int64Range(1, 40_000).Draw(t, "delivered")
			fmt.Fprintf(&b, "T%d,2026-%s-%02d,%s,%d,%d\n", i, month, day, buyer, tp, dl)
			k := key{buyer, month}
			delivered[k] += dl
			tapped[k] += tp
			count[k]++
			totalDelivered += dl
		}
		dr, err := NewDeliveryReader(strings.NewReader(b.String()), "d.csv", AutoEncoding)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Settle(context.Background(), dr, ags, q, SettleOptions{})
		if err != nil {
			t.Fatal(err)
		}
		sumAmount := decimal.Zero
		for _, st := range s.Statements {
			name := st.Agreement.ID
			if name == "ZD-2026-002" {
				name = st.Agreement.Buyer
			}
			k := key{name, st.Month.String()[5:]}
			if int64(st.Delivered) != delivered[k] || int64(st.Tapped) != tapped[k] || st.Tickets != count[k] {
				t.Fatalf("%v: %d tickets, %s t delivered, %s t tapped; want %d, %d kg, %d kg", k, st.Tickets, st.Delivered, st.Tapped, count[k], delivered[k], tapped[k])
			}
			if !st.Bill.Amount.Equal(Amount(st.Price.Price.UnitPrice, st.Delivered)) {
				t.Fatalf("%v: amount %s is not unit price × delivered, rounded once", k, st.Bill.Amount)
			}
			sumAmount = sumAmount.Add(st.Bill.Amount)
		}
		if int64(s.Total.Delivered) != totalDelivered || s.Total.Tickets != n || !s.Total.Amount.Equal(sumAmount) {
			t.Fatalf("total %+v; want %d kg over %d tickets, amount %s", s.Total, totalDelivered, n, sumAmount)
		}
	})
}

// TestPropertyTrueUpAddsUp: whatever the deliveries and the provisional
// invoices, invoiced + difference = final bill exactly in amount, amount
// excl. VAT and VAT; the lines to issue add up to the difference exactly;
// red lines reverse amounts only, one per blue line; blue lines stay below
// the cap.
func TestPropertyTrueUpAddsUp(t *testing.T) {
	f, err := os.Open("../testdata/trueup/agreements.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ags, err := ReadAgreements(f, "a.yaml")
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	_, q := sampleInputs(t)
	rapid.Check(t, func(t *rapid.T) {
		supply := rapid.SampledFrom([]string{"2026-03", "2026-05"}).Draw(t, "month")

		var d strings.Builder
		d.WriteString("ticket,date,buyer,tapped_t,delivered_t\n")
		var delivered Weight
		for i := range rapid.IntRange(1, 12).Draw(t, "tickets") {
			w := Weight(rapid.Int64Range(20_000, 35_000).Draw(t, "kg"))
			delivered += w
			fmt.Fprintf(&d, "T%d,%s-%02d,TU-2026-001,%s,%s\n", i, supply, 6+i, (w + 50).String(), w.String())
		}
		dr, err := NewDeliveryReader(strings.NewReader(d.String()), "d.csv", AutoEncoding)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Settle(context.Background(), dr, ags, q, SettleOptions{})
		if err != nil {
			t.Fatal(err)
		}
		// Issued lines: the delivered weight split at random, priced at a
		// random provisional unit price, each line's arithmetic right.
		unit := fen(2_000_000, 2_800_000).Draw(t, "provisional")
		var lines []InvoiceLine
		rest := delivered
		for n := 1; rest > 0; n++ {
			w := rest
			if n < 4 && rest > 1000 {
				w = Weight(rapid.Int64Range(1, int64(rest)).Draw(t, "line"))
			}
			rest -= w
			amount := Amount(unit, w)
			excl, vat := SplitVAT(amount, DefaultVATRate)
			lines = append(lines, InvoiceLine{InvoiceNo: fmt.Sprint("FP", n%2), Line: n, Buyer: "TU-2026-001", Month: month(supply),
				Quantity: w, UnitPriceExclVAT: decimal.Zero, AmountExclVAT: excl, VATRate: DefaultVATRate, VAT: vat, SourceLine: n + 1})
		}
		limit := fen(100_000, 50_000_000).Draw(t, "cap")
		res, err := TrueUps(NewInvoices("i.csv", lines), ags, q, s, TrueUpOptions{InvoiceCap: limit})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.TrueUps) != 1 {
			t.Fatalf("%d true-ups", len(res.TrueUps))
		}
		tu := res.TrueUps[0]
		if got := tu.Invoiced.add(tu.Difference); !got.Amount.Equal(tu.FinalBill.Amount) || !got.AmountExclVAT.Equal(tu.FinalBill.AmountExclVAT) || !got.VAT.Equal(tu.FinalBill.VAT) {
			t.Fatalf("invoiced %v + difference %v ≠ final %v", tu.Invoiced, tu.Difference, tu.FinalBill)
		}
		sum := zeroAmounts
		for _, l := range tu.Lines {
			sum = sum.add(l.Amounts)
			if !l.Amount.Equal(l.AmountExclVAT.Add(l.VAT)) {
				t.Fatalf("line %+v: amount ≠ excl + VAT", l)
			}
			if tu.Action == Blue && (l.Quantity != 0 || !l.AmountExclVAT.LessThan(limit)) {
				t.Fatalf("blue line %+v: a quantity, or not below the cap %s", l, limit)
			}
		}
		switch tu.Action {
		case None:
			if len(tu.Lines) != 0 || !tu.Difference.Amount.IsZero() {
				t.Fatalf("none with %v", tu.Difference)
			}
			return
		case Red:
			if len(tu.Lines) != len(lines) {
				t.Fatalf("%d red lines for %d blue lines", len(tu.Lines), len(lines))
			}
		}
		if !sum.Amount.Equal(tu.Difference.Amount) || !sum.AmountExclVAT.Equal(tu.Difference.AmountExclVAT) || !sum.VAT.Equal(tu.Difference.VAT) {
			t.Fatalf("lines add up to %v, the difference is %v", sum, tu.Difference)
		}
	})
}

// TestPropertyReleasedPartsAddUp: whatever the per-tonne lines and the
// weight, the released parts add up to the released total exactly, and
// the total is the lines' sum × tonnes to the fen.
func TestPropertyReleasedPartsAddUp(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 8).Draw(t, "lines")
		perTonne := make([]decimal.Decimal, n)
		sum := decimal.Zero
		for i := range perTonne {
			perTonne[i] = fen(-100_000, 100_000).Draw(t, "line")
			sum = sum.Add(perTonne[i])
		}
		w := Weight(rapid.Int64Range(1, 10_000_000_000).Draw(t, "kg"))
		total, parts := ReleasedParts(perTonne, w)
		got := decimal.Zero
		for _, p := range parts {
			got = got.Add(p)
			if p.Exponent() < -2 {
				t.Fatalf("a part %s not to the fen", p)
			}
		}
		if !got.Equal(total) || !total.Equal(Amount(sum, w)) {
			t.Fatalf("parts add up to %s; total %s; Σ × t = %s", got, total, Amount(sum, w))
		}
	})
}

// pipe hides a reader's Seek, as a pipe has none: the deliveries reader
// then checks every ticket exactly in one pass.
type pipe struct{ io.Reader }

// TestPropertyOnePassEqualsTwo: whatever the rows — repeated tickets, bad
// rows among them, tickets that differ by case — settling a file that can
// be read again (hashes first, the repeated ones checked in a second
// pass) gives exactly what settling it from a pipe (every ticket kept, one
// pass) gives: the same statements, counts, rejected rows and messages, in
// order, with and without --skip-invalid.
func TestPropertyOnePassEqualsTwo(t *testing.T) {
	ags, q := sampleInputs(t)
	rapid.Check(t, func(t *rapid.T) {
		var b strings.Builder
		b.WriteString("ticket,date,buyer,tapped_kg,delivered_kg\n")
		tickets := rapid.SliceOfN(rapid.SampledFrom([]string{"T1", "T2", "t1", "T3", "T 4", "T5"}), 1, 40).Draw(t, "tickets")
		for i, ticket := range tickets {
			weight := rapid.SampledFrom([]string{"31000", "30900", "x", "0"}).Draw(t, "weight")
			buyer := rapid.SampledFrom([]string{"ZD-2026-001", "WC-2026-003", "nobody"}).Draw(t, "buyer")
			fmt.Fprintf(&b, "%s,2026-03-%02d,%s,31000,%s\n", ticket, 2+i%20, buyer, weight)
		}
		skip := rapid.Bool().Draw(t, "skip-invalid")
		settleFrom := func(r io.Reader) string {
			dr, err := NewDeliveryReader(r, "d.csv", AutoEncoding)
			if err != nil {
				t.Fatal(err)
			}
			s, err := Settle(context.Background(), dr, ags, q, SettleOptions{SkipInvalid: skip})
			if err != nil {
				return "error: " + err.Error()
			}
			return fmt.Sprintf("%d rows, %d rejected, %d other, total %+v\n%s\n%v", s.Rows, s.RejectedRows, s.OtherRows, s.Total, s.Rejected, s.Statements)
		}
		file, piped := settleFrom(strings.NewReader(b.String())), settleFrom(pipe{strings.NewReader(b.String())})
		if file != piped {
			t.Fatalf("from a file:\n%s\nfrom a pipe:\n%s", file, piped)
		}
	})
}

// TestPropertyInvoicesKeepLinesExactly: an invoice line kept compact
// comes back with every figure equal — when it fits the fixed scales, and
// when it does not (a unit price of 9 decimals, amounts beyond int64).
func TestPropertyInvoicesKeepLinesExactly(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		figure := func(label string) decimal.Decimal {
			return decimal.New(rapid.Int64().Draw(t, label), -int32(rapid.IntRange(0, 10).Draw(t, label+" decimals")))
		}
		l := InvoiceLine{InvoiceNo: "FP1", Line: rapid.IntRange(1, 1<<40).Draw(t, "line"), Buyer: "B", Month: month("2026-03"),
			Quantity: Weight(rapid.Int64().Draw(t, "quantity")), UnitPriceExclVAT: figure("unit price"),
			AmountExclVAT: figure("amount"), VATRate: figure("rate"), VAT: figure("vat"), Total: figure("total"),
			HasTotal: rapid.Bool().Draw(t, "has total"), SourceLine: rapid.IntRange(2, 1<<40).Draw(t, "source line")}
		got := NewInvoices("i.csv", []InvoiceLine{l, l}).Line(1)
		same := func(a, b decimal.Decimal) bool { return a.Equal(b) }
		if got.InvoiceNo != l.InvoiceNo || got.Line != l.Line || got.Buyer != l.Buyer || got.Month != l.Month ||
			got.Quantity != l.Quantity || !same(got.UnitPriceExclVAT, l.UnitPriceExclVAT) || !same(got.AmountExclVAT, l.AmountExclVAT) ||
			!same(got.VATRate, l.VATRate) || !same(got.VAT, l.VAT) || !same(got.Total, l.Total) || got.HasTotal != l.HasTotal ||
			got.SourceLine != l.SourceLine {
			t.Fatalf("kept %+v, got %+v", l, got)
		}
	})
}
