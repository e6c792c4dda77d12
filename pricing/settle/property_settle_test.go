package settle

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"alprice/pricing"
	"alprice/pricing/internal/sample"
	"alprice/pricing/read"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// Settlement totals equal the sums over the tickets, and each statement's
// amount is its unit price × its delivered weight, rounded once.
func TestPropertySettlementTotals(t *testing.T) {
	ags, q := sample.Inputs(t)
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
		dr, err := read.NewDeliveryReader(strings.NewReader(b.String()), "d.csv", read.AutoEncoding)
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
				name = st.Agreement.Buyer.Name
			}
			k := key{name, st.Month.String()[5:]}
			if int64(st.Delivered) != delivered[k] || int64(st.Tapped) != tapped[k] || st.Tickets != count[k] {
				t.Fatalf("%v: %d tickets, %s t delivered, %s t tapped; want %d, %d kg, %d kg", k, st.Tickets, st.Delivered, st.Tapped, count[k], delivered[k], tapped[k])
			}
			if !st.Bill.Amount.Equal(pricing.Amount(st.Price.Price.UnitPrice, st.Delivered)) {
				t.Fatalf("%v: amount %s is not unit price × delivered, rounded once", k, st.Bill.Amount)
			}
			sumAmount = sumAmount.Add(st.Bill.Amount)
		}
		if int64(s.Total.Delivered) != totalDelivered || s.Total.Tickets != n || !s.Total.Amount.Equal(sumAmount) {
			t.Fatalf("total %+v; want %d kg over %d tickets, amount %s", s.Total, totalDelivered, n, sumAmount)
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
	ags, q := sample.Inputs(t)
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
			dr, err := read.NewDeliveryReader(r, "d.csv", read.AutoEncoding)
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
