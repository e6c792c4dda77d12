package pricing

import (
	"github.com/shopspring/decimal"
)

// SplitLine is one part of a statement split into several invoices, each
// of one line.
type SplitLine struct {
	Quantity Weight
	Amounts
	// Residual is what the line's amount differs from unit price ×
	// quantity ([Amount]) by: the few fen of rounding each line carries so
	// that the lines add up to the statement exactly.
	Residual decimal.Decimal
}

// maxInvoiceLines bounds a split, so that a cap far below the statement
// cannot produce millions of lines.
const maxInvoiceLines = 10000

// MaxLineDrift is the most a split line's amount incl. VAT — its 金额 plus
// the VAT the platform computes from it, [LineVAT] — differs from unit
// price × quantity ([Amount]). check allows a line the tax tolerance plus
// 0.02 (0.08 by default).
var MaxLineDrift = decimal.New(5, -2)

// MaxSplitVATOff is the most a split line's planned VAT differs from its
// 金额 × 税率 ([LineVAT]), the strictest invoicing software's tolerance.
var MaxSplitVATOff = decimal.New(1, -2)

// SplitInvoices splits a statement's bill into parts (one invoice of one
// line each) whose amount excl. VAT is below limit, when the agreement or
// the user asks for parts: under 数电 there is no per-invoice cap
// (最高开票限额), so a statement is one invoice unless asked. A bill below
// limit stays one line.
//
// The parts are as few as whole kilograms allow: n = ⌈weight ÷ m⌉, m the
// largest whole-kilogram weight billed below the cap, and the weight is
// shared evenly (parts differ by at most 1 kg). Each part is consistent on
// its own and the parts add up to the bill exactly:
//
//   - the amounts are cumulative: part k's 金额 is ExclVAT(Amount(Q_k)) −
//     ExclVAT(Amount(Q_k−1)), Q_k the weight of parts 1..k, so that the
//     parts' 金额 add up to the bill's exactly and each is within a fen or
//     two of its own weight's;
//   - each part's VAT is its 金额 × 税率 ([LineVAT]), what the platform
//     computes; where those do not add up to the bill's VAT, a fen of 金额
//     is moved between two parts whose VAT then moves by a fen the right
//     way, and only what no such move mends is left as a planned VAT within
//     [MaxSplitVATOff] of 金额 × 税率;
//   - 单价 = 金额 ÷ 数量 to 8 decimals ([InvoiceUnitPrice]) gives back 金额;
//   - each part's amount incl. VAT is within [MaxLineDrift] of unit price ×
//     its quantity, so check finds the price right on every part.
//
// A part that would reach the cap takes one more part; a cap below one
// kilogram's amount, or one asking more than 10,000 parts, is an error.
func SplitInvoices(bill Bill, p Price, limit decimal.Decimal) ([]SplitLine, error) {
	if !limit.IsPositive() || bill.AmountExclVAT.LessThan(limit) {
		return []SplitLine{{Quantity: bill.Weight, Amounts: bill.Amounts, Residual: decimal.Zero}}, nil
	}
	largest, err := largestUnderCap(p, limit)
	if err != nil {
		return nil, err
	}
	n := int((bill.Weight + largest - 1) / largest)
	for n <= maxInvoiceLines && !evenSplitFits(bill.Weight, p, limit, n) {
		n++
	}
	for tries := 0; tries < 8 && n <= maxInvoiceLines && Weight(n) <= bill.Weight; tries, n = tries+1, n+1 {
		if lines, ok := splitEvenly(bill, p, limit, n); ok {
			return lines, nil
		}
	}
	return nil, Errorf("cannot split %s excl. VAT into at most %d invoice lines below %s", bill.AmountExclVAT.StringFixed(2), maxInvoiceLines, limit.StringFixed(2))
}

// largestUnderCap returns the largest weight whose bill has an amount excl.
// VAT below limit.
func largestUnderCap(p Price, limit decimal.Decimal) (Weight, error) {
	// One kilogram above the weight near the cap is above the answer.
	for w := weightNear(limit, p) + 1; w > 0; w-- {
		if p.Bill(w).AmountExclVAT.LessThan(limit) {
			return w, nil
		}
	}
	return 0, Errorf("the invoice cap is below the amount of one kilogram")
}

var oneFen = decimal.New(1, -ScaleFen)

// splitMargin is how far, incl. VAT, a part may be billed below its own
// weight's price to stay below the cap, the parts with room taking it.
var splitMargin = decimal.New(3, -2)

// evenSplitFits reports whether w shared evenly among n parts can be
// billed below limit: the heavier parts' exact price incl. VAT (unit price
// × weight, unrounded) at most splitMargin above the cap's, and what they
// are over it within what the lighter ones have room for. It compares
// (limit − 0.01) × (1 + rate) with the unrounded prices; a heavier part
// whose own bill, rounded as bills are, is below the cap fits whatever
// they say (30 kg at 10,000.00 a tonne and 0.01% VAT under a cap of
// 100.00: three parts of 99.99, their exact price 100.00 above the cap's
// 99.999999). splitEvenly checks what this lets through.
func evenSplitFits(w Weight, p Price, limit decimal.Decimal, n int) bool {
	base, heavy := w/Weight(n), w%Weight(n)
	if base == 0 {
		return true // splitEvenly says no
	}
	top := limit.Sub(oneFen).Mul(one.Add(p.VATRate))
	q := base
	if heavy > 0 {
		q++
	} else {
		heavy = Weight(n)
	}
	over := p.UnitPrice.Mul(q.Tonnes()).Sub(top)
	if !over.IsPositive() || p.Bill(q).AmountExclVAT.LessThan(limit) {
		return true
	}
	if over.GreaterThan(splitMargin) || heavy == Weight(n) {
		return false
	}
	room := decimal.Min(splitMargin, top.Sub(p.UnitPrice.Mul(base.Tonnes())))
	return !over.Mul(decimal.NewFromInt(int64(heavy))).GreaterThan(room.Mul(decimal.NewFromInt(int64(Weight(n) - heavy))))
}

// splitEvenly splits bill into n parts of even weight, as SplitInvoices
// says; ok is false when a part cannot be kept below the cap or within
// the tolerances.
func splitEvenly(bill Bill, p Price, limit decimal.Decimal, n int) ([]SplitLine, bool) {
	base, extra := bill.Weight/Weight(n), int(bill.Weight%Weight(n))
	if base == 0 {
		return nil, false
	}
	excl := make([]decimal.Decimal, n)
	qty := make([]Weight, n)
	var cum Weight
	prev := decimal.Zero
	for k := range n {
		qty[k] = base
		if k < extra {
			qty[k]++
		}
		cum += qty[k]
		e := ExclVAT(Amount(p.UnitPrice, cum), p.VATRate)
		excl[k] = e.Sub(prev)
		prev = e
	}
	if !prev.Equal(bill.AmountExclVAT) {
		return nil, false
	}
	top := limit.Sub(oneFen)
	// A part over the cap gives its excess, a fen at a time, to the parts
	// with room, one fen each in turn, the lightest first (they come last).
	j := n - 1
	for k := range n {
		for excl[k].GreaterThan(top) {
			found := false
			for tries := 0; tries < n; tries++ {
				if j < 0 {
					j = n - 1
				}
				if j != k && excl[j].LessThan(top) {
					found = true
					break
				}
				j--
			}
			if !found {
				return nil, false
			}
			excl[k], excl[j] = excl[k].Sub(oneFen), excl[j].Add(oneFen)
			j--
		}
	}
	drift := func(k int) decimal.Decimal {
		return excl[k].Add(LineVAT(excl[k], p.VATRate)).Sub(Amount(p.UnitPrice, qty[k]))
	}
	vat, ok := balanceVAT(excl, bill.VAT, p.VATRate, top, MaxSplitVATOff, drift)
	if !ok {
		return nil, false
	}
	lines := make([]SplitLine, n)
	for k := range n {
		amount := excl[k].Add(vat[k])
		lines[k] = SplitLine{Quantity: qty[k], Amounts: Amounts{amount, excl[k], vat[k]},
			Residual: amount.Sub(Amount(p.UnitPrice, qty[k]))}
		if !excl[k].IsPositive() || drift(k).Abs().GreaterThan(MaxLineDrift) {
			return nil, false
		}
	}
	return lines, true
}

// balanceVAT returns the VAT of each of the parts excl (金额, to the fen),
// adding up to total exactly: each part's [LineVAT], what the platform
// computes from 金额. Where those do not add up to total, it first moves a
// fen of 金额 from one part to another, keeping Σ excl, where that moves
// their VAT together by a fen the right way (each part moved at most once,
// never above top, the parts that drift least by it first: drift, when
// given, says a part's drift from its own price); what is left it plans as
// VAT a fen off [LineVAT] on as many parts, up to maxOff on each. ok is
// false when even that does not reach total.
func balanceVAT(excl []decimal.Decimal, total, rate, top, maxOff decimal.Decimal, drift func(int) decimal.Decimal) ([]decimal.Decimal, bool) {
	n := len(excl)
	vat := make([]decimal.Decimal, n)
	sum := decimal.Zero
	for k, e := range excl {
		vat[k] = LineVAT(e, rate)
		sum = sum.Add(vat[k])
	}
	need := total.Sub(sum) // in fen: positive when the parts' VAT is short
	if need.IsZero() {
		return vat, true
	}
	sign := need.Sign()
	step := oneFen.Mul(decimal.NewFromInt(int64(sign)))
	// Up: a part whose 金额 grows by step and whose VAT grows by step with
	// it; down: a part whose 金额 shrinks by step and whose VAT stays.
	// A part moved once is never moved again, and a part not moved keeps
	// its figures: each search resumes where the last one stopped.
	moved := make([]bool, n)
	type search struct {
		want  func(k int) bool
		avoid int // pass 0 skips the parts whose drift has this sign
		pass  int
		next  int
	}
	find := func(s *search) int {
		for ; s.pass < 2; s.pass, s.next = s.pass+1, 0 {
			for ; s.next < n; s.next++ {
				k := s.next
				if moved[k] || s.pass == 0 && drift != nil && drift(k).Sign() == s.avoid || !s.want(k) {
					continue
				}
				return k
			}
		}
		return -1
	}
	up := &search{avoid: sign, want: func(k int) bool {
		e := excl[k].Add(step)
		return e.IsPositive() && !e.GreaterThan(top) && LineVAT(e, rate).Sub(vat[k]).Equal(step)
	}}
	down := &search{avoid: -sign, want: func(k int) bool {
		e := excl[k].Sub(step)
		return e.IsPositive() && !e.GreaterThan(top) && LineVAT(e, rate).Equal(vat[k])
	}}
	for !need.IsZero() {
		i := find(up)
		if i < 0 {
			break
		}
		moved[i] = true
		j := find(down)
		if j < 0 {
			break
		}
		moved[j] = true
		excl[i], excl[j] = excl[i].Add(step), excl[j].Sub(step)
		vat[i] = vat[i].Add(step)
		need = need.Sub(step)
	}
	// What no move mends: a fen off 金额 × 税率 on as many parts, then two.
	for off := oneFen; !need.IsZero() && !off.GreaterThan(maxOff); off = off.Add(oneFen) {
		for k := 0; k < n && !need.IsZero(); k++ {
			v := vat[k].Add(step)
			if v.Sub(LineVAT(excl[k], rate)).Abs().Equal(off) && !v.IsNegative() {
				vat[k] = v
				need = need.Sub(step)
			}
		}
	}
	return vat, need.IsZero()
}

// SplitAmount splits an amount billed without a quantity — a true-up's
// price difference (价差) — into parts whose amount excl. VAT is below
// limit: as few as the cap allows (⌈金额 ÷ (limit − 0.01)⌉), 金额 shared
// evenly to the fen, each part's VAT its [LineVAT], balanced to vat
// exactly as [SplitInvoices] balances a bill's (within tolerance of
// 金额 × 税率 on every part), so that the parts add up to the amounts
// exactly. Without a positive limit, or below it, it is one part.
func SplitAmount(amountExclVAT, vat, rate, limit decimal.Decimal, tolerance decimal.Decimal) ([]SplitLine, error) {
	one := []SplitLine{{Amounts: Amounts{amountExclVAT.Add(vat), amountExclVAT, vat}, Residual: decimal.Zero}}
	if !limit.IsPositive() || amountExclVAT.LessThan(limit) {
		return one, nil
	}
	top := limit.Sub(oneFen)
	if !top.IsPositive() {
		return nil, Errorf("the invoice cap is too small for a price-difference line")
	}
	cents, perMax := amountExclVAT.Shift(ScaleFen).IntPart(), top.Shift(ScaleFen).IntPart()
	n := (cents + perMax - 1) / perMax
	if n > maxInvoiceLines {
		return nil, Errorf("cannot split %s excl. VAT into at most %d lines below %s", amountExclVAT.StringFixed(2), maxInvoiceLines, limit.StringFixed(2))
	}
	excl := make([]decimal.Decimal, n)
	for k := range excl {
		c := cents / n
		if int64(k) < cents%n {
			c++
		}
		excl[k] = decimal.New(c, -ScaleFen)
	}
	vats, ok := balanceVAT(excl, vat, rate, top, tolerance, nil)
	if !ok {
		return nil, Errorf("cannot split %s excl. VAT with VAT %s into lines below %s whose VAT is within %s of 金额 × 税率",
			amountExclVAT.StringFixed(2), vat.StringFixed(2), limit.StringFixed(2), tolerance.StringFixed(2))
	}
	out := make([]SplitLine, n)
	for k := range out {
		out[k] = SplitLine{Amounts: Amounts{excl[k].Add(vats[k]), excl[k], vats[k]}, Residual: decimal.Zero}
	}
	return out, nil
}

// VatWithin reports whether every line's VAT is within tolerance of its
// amount excl. VAT × rate.
func VatWithin(lines []SplitLine, rate, tolerance decimal.Decimal) bool {
	for _, l := range lines {
		if l.VAT.Sub(LineVAT(l.AmountExclVAT, rate)).Abs().GreaterThan(tolerance) {
			return false
		}
	}
	return true
}
