package pricing

import (
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// checkSplit holds a split to its contract: every line consistent on its
// own as the platform and check hold it, the lines adding up to the bill
// exactly, and no more lines than 1.05 × the fewest whole kilograms allow.
func checkSplit(t interface {
	Fatalf(string, ...any)
}, bill Bill, p Price, limit decimal.Decimal, lines []SplitLine) {
	var q Weight
	amount, excl, vat := decimal.Zero, decimal.Zero, decimal.Zero
	for i, l := range lines {
		q += l.Quantity
		amount, excl, vat = amount.Add(l.Amount), excl.Add(l.AmountExclVAT), vat.Add(l.VAT)
		if !l.AmountExclVAT.LessThan(limit) || l.Quantity <= 0 || !l.AmountExclVAT.IsPositive() {
			t.Fatalf("line %d: %s t, %s excl. VAT under a cap of %s", i, l.Quantity, l.AmountExclVAT, limit)
		}
		if !l.AmountExclVAT.Add(l.VAT).Equal(l.Amount) {
			t.Fatalf("line %d does not add up", i)
		}
		if u := InvoiceUnitPrice(l.AmountExclVAT, l.Quantity); !LineAmount(l.Quantity, u).Equal(l.AmountExclVAT) {
			t.Fatalf("line %d: %s t × %s ≠ %s", i, l.Quantity, u, l.AmountExclVAT)
		}
		if d := l.VAT.Sub(LineVAT(l.AmountExclVAT, p.VATRate)).Abs(); d.GreaterThan(MaxSplitVATOff) {
			t.Fatalf("line %d: VAT %s is %s off %s × %s", i, l.VAT, d, l.AmountExclVAT, p.VATRate)
		}
		platform := l.AmountExclVAT.Add(LineVAT(l.AmountExclVAT, p.VATRate))
		if d := platform.Sub(Amount(p.UnitPrice, l.Quantity)).Abs(); d.GreaterThan(MaxLineDrift) {
			t.Fatalf("line %d: %s t bills %s incl. VAT, %s off the price", i, l.Quantity, platform, d)
		}
		if !l.Residual.Equal(l.Amount.Sub(Amount(p.UnitPrice, l.Quantity))) {
			t.Fatalf("line %d: residual %s", i, l.Residual)
		}
	}
	if q != bill.Weight || !amount.Equal(bill.Amount) || !excl.Equal(bill.AmountExclVAT) || !vat.Equal(bill.VAT) {
		t.Fatalf("lines sum to %s t, %s, %s, %s; the bill is %s t, %s, %s, %s", q, amount, excl, vat, bill.Weight, bill.Amount, bill.AmountExclVAT, bill.VAT)
	}
	if !bill.AmountExclVAT.LessThan(limit) {
		m, err := largestUnderCap(p, limit)
		if err != nil {
			t.Fatalf("%v", err)
		}
		fewest := int((bill.Weight + m - 1) / m)
		if len(lines)*100 > fewest*105 && len(lines) > fewest {
			t.Fatalf("%d lines where %d (of %s t) would do", len(lines), fewest, m)
		}
	}
}

// TestPropertySplitInvoicesPlatformRules: whatever the price, weight and
// cap, the split is one the platform and check take, adding up exactly, in
// about the fewest lines.
func TestPropertySplitInvoicesPlatformRules(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		unit := fen(1_000_000, 3_000_000).Draw(t, "unit")
		r := rapid.SampledFrom([]decimal.Decimal{decimal.New(13, -2), decimal.New(9, -2), decimal.New(6, -2), rate.Draw(t, "rate")}).Draw(t, "vat")
		p := Price{UnitPrice: unit, VATRate: r}
		w := Weight(rapid.Int64Range(1, 3_000_000).Draw(t, "kg"))
		bill := p.Bill(w)
		limit := fen(100_00, 20_000_000_00).Draw(t, "cap")
		lines, err := SplitInvoices(bill, p, limit)
		if err != nil {
			if m, e := largestUnderCap(p, limit); e == nil && (w+m-1)/m <= maxInvoiceLines {
				t.Fatalf("%s t under %s: %v", w, limit, err)
			}
			t.Skip(err)
		}
		checkSplit(t, bill, p, limit, lines)
	})
}

// The cases of issue 24 and issue 28 item 13: WC-2026-003 of March (1,915
// t at 24,389 − 1,138 + 200 → 22,462 CNY/t? the figures are the
// statement's) at caps of 5,000, 10,000, 100,000 and 1,000; the last line
// is no longer off.
func TestSplitInvoicesIssueCases(t *testing.T) {
	p := Price{UnitPrice: decimal.RequireFromString("24082"), VATRate: decimal.New(13, -2)}
	for _, c := range []struct {
		kg  Weight
		cap string
	}{{172_001, "5000"}, {172_001, "10000"}, {1_915_000, "10000"}, {340_617, "100000"}, {340_617, "1000"}, {7, "30"}, {2_000_000, "1000000"}} {
		bill := p.Bill(c.kg)
		limit := decimal.RequireFromString(c.cap)
		lines, err := SplitInvoices(bill, p, limit)
		if err != nil {
			t.Fatalf("%s t under %s: %v", c.kg, c.cap, err)
		}
		checkSplit(t, bill, p, limit, lines)
	}
	// Below the cap, one line; below one kilogram's amount, an error.
	bill := p.Bill(1000)
	if lines, err := SplitInvoices(bill, p, decimal.NewFromInt(1_000_000)); err != nil || len(lines) != 1 {
		t.Errorf("below the cap: %v, %v", lines, err)
	}
	if _, err := SplitInvoices(bill, p, decimal.NewFromInt(10)); err == nil {
		t.Error("a cap below one kilogram's amount must be an error")
	}
}

// Where the rounding of a bill brings a part under the cap that its exact
// price is above, the parts are still the fewest: 30 kg at 10,000.00 a
// tonne and 0.01% VAT under a cap of 100.00 is three parts of 0.010 t and
// 99.99 excl. VAT (100.00 incl. VAT, above the cap's 99.999999; the
// property test found four).
func TestSplitInvoicesRoundedUnderCap(t *testing.T) {
	p := Price{UnitPrice: decimal.New(10_000_00, -2), VATRate: decimal.New(1, -4)}
	bill, limit := p.Bill(30), decimal.New(100_00, -2)
	lines, err := SplitInvoices(bill, p, limit)
	if err != nil {
		t.Fatal(err)
	}
	checkSplit(t, bill, p, limit, lines)
	if len(lines) != 3 {
		t.Fatalf("%d lines, want 3", len(lines))
	}
	for _, l := range lines {
		if l.Quantity != 10 || l.AmountExclVAT.StringFixed(2) != "99.99" || l.VAT.StringFixed(2) != "0.01" {
			t.Errorf("line %s t, %s + %s; want 0.010 t, 99.99 + 0.01", l.Quantity, l.AmountExclVAT, l.VAT)
		}
	}
}

// TestPropertySplitAmount: a price difference split under a cap adds up
// exactly, each part below the cap with its VAT within tolerance, in the
// fewest parts.
func TestPropertySplitAmount(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := decimal.New(13, -2)
		excl := fen(1, 100_000_000_00).Draw(t, "excl")
		vat := LineVAT(excl, r).Add(fen(-5, 5).Draw(t, "off"))
		if vat.IsNegative() {
			vat = decimal.Zero
		}
		limit := fen(100, 10_000_000_00).Draw(t, "cap")
		parts, err := SplitAmount(excl, vat, r, limit, decimal.New(6, -2))
		if err != nil {
			t.Skip(err)
		}
		se, sv := decimal.Zero, decimal.Zero
		for i, p := range parts {
			se, sv = se.Add(p.AmountExclVAT), sv.Add(p.VAT)
			if len(parts) > 1 && !p.AmountExclVAT.LessThan(limit) || !p.AmountExclVAT.IsPositive() || !p.Amount.Equal(p.AmountExclVAT.Add(p.VAT)) {
				t.Fatalf("part %d: %+v under %s", i, p, limit)
			}
			if d := p.VAT.Sub(LineVAT(p.AmountExclVAT, r)).Abs(); d.GreaterThan(decimal.New(6, -2)) {
				t.Fatalf("part %d: VAT %s off by %s", i, p.VAT, d)
			}
		}
		if !se.Equal(excl) || !sv.Equal(vat) {
			t.Fatalf("parts add up to %s, %s; want %s, %s", se, sv, excl, vat)
		}
		if top := limit.Sub(decimal.New(1, -2)); excl.GreaterThanOrEqual(limit) && decimal.NewFromInt(int64(len(parts)-1)).Mul(top).GreaterThanOrEqual(excl) {
			t.Fatalf("%d parts where fewer would do", len(parts))
		}
	})
}
