package invoice

import (
	"math"

	"alprice/pricing"
	"alprice/pricing/settle"

	"github.com/shopspring/decimal"
)

// monthKey is an agreement, by its index in the agreements, and a supply
// month: what Check and TrueUps group invoice lines and statements by.
type monthKey struct {
	agreement int32
	month     pricing.Month
}

// buyerFinder finds an agreement by a buyer's name or id
// ([settle.NewBuyerIndex]), and says why a buyer has none.
type buyerFinder interface {
	Find(buyer string) int32
	Unknown(buyer string) error
}

// linesByMonth groups the lines of inv that is counts (not netted away, not
// another seller's) by agreement and supply month: the months in the order
// first seen, and each month's lines by their index in inv. A line naming
// a buyer no agreement has is an error naming it. keep, when not nil, drops
// a line before it is grouped; first is called once a month, when it is
// first seen: returning false drops every line of the month, and an error
// is the month's, said on its first line.
func linesByMonth(inv *pricing.Invoices, is *issued, buyers buyerFinder, keep func(agreement int32, month pricing.Month) bool,
	first func(k monthKey) (bool, error)) (order []monthKey, lines map[monthKey][]int32, err error) {
	var errs pricing.ErrorList
	lines = map[monthKey][]int32{}
	dropped := map[monthKey]bool{}
	// The lines of the month of the line before, held out of the map while
	// lines come month after month, as they do: two map operations a line
	// of a million were a third of a true-up's grouping.
	var (
		cur    []int32
		curKey monthKey
		has    bool
	)
	for i := range inv.Len() {
		ag, ok := is.agreementOf(i, buyers.Find)
		if !ok {
			continue // an invoice whose buyer was reported
		}
		buyer, month, sourceLine := inv.Where(i)
		if ag < 0 {
			errs = append(errs, &pricing.InputError{Source: inv.SourceOf(i), Line: sourceLine, Field: inv.FieldName("buyer"), Value: buyer, Err: buyers.Unknown(buyer)})
			continue
		}
		if is.skip[i] || (keep != nil && !keep(ag, month)) {
			continue
		}
		k := monthKey{ag, month}
		if has && k == curKey {
			cur = append(cur, int32(i))
			continue
		}
		if has {
			lines[curKey] = cur
			has = false
		}
		if _, seen := lines[k]; !seen && !dropped[k] {
			if first != nil {
				take, err := first(k)
				if err != nil {
					errs = append(errs, &pricing.InputError{Source: inv.SourceOf(i), Line: sourceLine, Field: inv.FieldName("month"), Value: month.String(), Err: err})
				}
				if !take {
					dropped[k] = true
					continue
				}
			}
			order = append(order, k)
		}
		if !dropped[k] {
			cur, curKey, has = append(lines[k], int32(i)), k, true
		}
	}
	if has {
		lines[curKey] = cur
	}
	return order, lines, errs.Err()
}

// statementsByMonth indexes the statements of s by agreement and supply
// month; s may be nil, for a check without deliveries.
func statementsByMonth(s *settle.Settlement, buyers buyerFinder) map[monthKey]*settle.Statement {
	statements := map[monthKey]*settle.Statement{}
	list := s.List()
	for i := range list {
		statements[monthKey{buyers.Find(list[i].Agreement.ID), list[i].Month}] = &list[i]
	}
	return statements
}

// monthScan is one pass over the invoice lines of an agreement and supply
// month, as Check and TrueUps hold them: the invoices in the order first
// seen, the sums, and the findings of each line's arithmetic and of each
// invoice's VAT. A line whose figures [pricing.Invoices] keeps as integers
// is checked on them ([pricing.LineAmountFen] and its siblings round as
// the decimals do, so they decide alike); a line that may be wrong, or
// does not fit them, is made an [pricing.InvoiceLine] and checked in
// decimals, which say the finding. A month of a million clean lines makes
// no decimal a line.
type monthScan struct {
	invoices   []string
	monthFrom  []pricing.MonthFrom
	lines      int // counted: all but those without a quantity, with skipNoQuantity
	quantity   pricing.Weight
	amount     fenSum // incl. VAT
	exclVAT    fenSum
	vat        fenSum
	noQuantity []Finding // lines stating no quantity (skipNoQuantity)
	arithmetic []Finding // [checker.lineArithmetic]'s
	tax        []Finding // each invoice's VAT, lines together: Σ (VAT − amount × rate) within ±InvoiceTaxTolerance
	unpriced   []int32   // lines not shown to bill the unit price (given one), in order: [checker.price] says why
}

// scanMonth scans the lines idx of is for buyer on terms t. With unit
// (the month's unit price incl. VAT) it screens each line's price, leaving
// in unpriced the lines c.price must look at; with skipNoQuantity, a line
// stating no quantity is a finding and counts for nothing, as Check has it.
func (c *checker) scanMonth(is *issued, idx []int32, buyer string, t pricing.Terms, unit *decimal.Decimal, skipNoQuantity bool) *monthScan {
	ms := &monthScan{}
	tol := c.fenTolerances(t, unit)
	type invoiceSums struct {
		tax   fenSum // Σ (VAT − amount × rate)
		first int32  // its first line, which a finding names
	}
	// The runs of lines of one invoice bound the month's invoices: its
	// lists and index are made that large at once, not grown step by step
	// through copies of themselves (a month of a million one-line invoices
	// made 300 MB of garbage growing them).
	runs := 0
	for j, i := range idx {
		if j == 0 || is.inv.Run(int(i)) != is.inv.Run(int(idx[j-1])) {
			runs++
		}
	}
	ms.invoices, ms.monthFrom = make([]string, 0, runs), make([]pricing.MonthFrom, 0, runs)
	var (
		sums    = make([]invoiceSums, 0, runs)
		indexOf map[string]int32
		prevRun uint32
		prevNo  string
		prev    int32 = -1
		status  *InvoiceCheck
	)
	// Where every run of lines is an invoice of its own, as a file read in
	// one pass has them, a new run is a new invoice: no index of the
	// month's invoices by number is needed (a map lookup a line of a
	// month of one-line invoices, 0.25 s of a check of 1.6M; #29). idx is
	// in the order of the lines (linesByMonth), so a run's lines in it
	// come together.
	runsAreInvoices := is.inv.RunsAreInvoices()
	if !runsAreInvoices {
		indexOf = make(map[string]int32, runs)
	}
	for _, i := range idx {
		f, fixed := is.fixed(int(i))
		var l pricing.InvoiceLine
		if !fixed {
			l = is.line(int(i))
			l.Buyer = buyer
		}
		if skipNoQuantity && ((fixed && f.NoQuantity) || (!fixed && l.NoQuantity)) {
			if fixed {
				l = is.line(int(i))
				l.Buyer = buyer
			}
			// Its weight is unknown: neither priced nor counted as zero.
			ms.noQuantity = append(ms.noQuantity, lineFinding(l, "quantity_t", decimal.Zero, decimal.Zero, pricing.RuleLineArithmetic,
				pricing.Msg("invoice.no-quantity")))
			continue
		}
		if run := is.inv.Run(int(i)); prev < 0 || run != prevRun {
			prevRun = run
			if no := is.inv.Number(int(i)); prev < 0 || no != prevNo {
				k, seen := indexOf[no] // a nil map where runs are invoices: never seen
				if !seen {
					k = int32(len(ms.invoices))
					if indexOf != nil {
						indexOf[no] = k
					}
					from := f.MonthFrom
					if !fixed {
						from = l.MonthFrom
					}
					ms.invoices = append(ms.invoices, no)
					ms.monthFrom = append(ms.monthFrom, from)
					sums = append(sums, invoiceSums{first: i})
				}
				prev, prevNo, status = k, no, is.status[no]
			}
		}
		if status != nil {
			status.Lines++
		}
		ms.lines++
		sum := &sums[prev]
		if fixed {
			ms.quantity += f.Quantity
			ms.amount.add(f.Amount + f.VAT)
			ms.exclVAT.add(f.Amount)
			ms.vat.add(f.VAT)
			lineTax, ok := pricing.LineVATFen(f.Amount, f.RateMicro)
			clean := ok && tol.lineClean(f, lineTax)
			if ok {
				sum.tax.add(f.VAT - lineTax)
			}
			priced := unit == nil || (clean && tol.priceClean(f))
			if clean && priced {
				continue
			}
			l = is.line(int(i))
			l.Buyer = buyer
			if !ok {
				sum.tax.addDecimal(l.VAT.Sub(pricing.LineVAT(l.AmountExclVAT, l.VATRate)))
			}
		} else {
			ms.quantity += l.Quantity
			ms.amount.addDecimal(l.AmountInclVAT())
			ms.exclVAT.addDecimal(l.AmountExclVAT)
			ms.vat.addDecimal(l.VAT)
			sum.tax.addDecimal(l.VAT.Sub(pricing.LineVAT(l.AmountExclVAT, l.VATRate)))
		}
		ms.arithmetic = append(ms.arithmetic, c.lineArithmetic(l, t)...)
		if unit != nil {
			ms.unpriced = append(ms.unpriced, i)
		}
	}
	vatOnTotal(is, idx, ms.arithmetic)
	for _, s := range sums {
		// Within the tolerance in whole fen, the usual case, the sum needs
		// no decimal: one an invoice of a million is garbage.
		if s.tax.more.IsZero() && s.tax.fen >= -invoiceTaxToleranceFen && s.tax.fen <= invoiceTaxToleranceFen {
			continue
		}
		if sum := s.tax.decimal(); sum.Abs().GreaterThan(InvoiceTaxTolerance) {
			first := is.line(int(s.first))
			first.Buyer = buyer
			f := lineFinding(first, "vat", sum, decimal.Zero, pricing.RuleInvoiceTax, pricing.Msg("invoice.vat",
				sum.StringFixed(2), InvoiceTaxTolerance.StringFixed(2)))
			f.Line, f.SourceLine = 0, 0
			ms.tax = append(ms.tax, f)
		}
	}
	return ms
}

// fixed returns line i's figures as integers, as it counts: false for a
// line netted against red invoices or kept whole, and for one whose
// figures are so large that sums of them could leave int64.
func (is *issued) fixed(i int) (pricing.FixedLine, bool) {
	if _, netted := is.netted[i]; netted {
		return pricing.FixedLine{}, false
	}
	f, ok := is.inv.Fixed(i)
	if !ok {
		return f, false
	}
	for _, n := range []int64{int64(f.Quantity), f.UnitPrice, f.Amount, f.VAT, f.Total} {
		if n > maxFixed || n < -maxFixed {
			return f, false
		}
	}
	return f, true
}

// maxFixed bounds the figures checked as integers: two of them add up,
// and a difference of two, within int64.
const maxFixed = 1 << 60

// fenTolerances are a checker's tolerances and a month's rate and unit
// price in integers, for screening lines: the rate in 10⁻⁶ and the unit
// price in fen when exact (else every line is looked at in decimals). A
// difference of whole fen d exceeds a tolerance t exactly when it exceeds
// ⌊t in fen⌋, so the tolerances are floored to the fen.
type fenTolerances struct {
	tax, price int64
	rate, unit int64
	ok         bool
}

func (c *checker) fenTolerances(t pricing.Terms, unit *decimal.Decimal) fenTolerances {
	var ft fenTolerances
	var okRate, okUnit bool
	ft.tax, ft.price = floorFen(c.tax), floorFen(c.priceTol)
	ft.rate, okRate = pricing.FixedPoint(t.VATRate, 6)
	okUnit = true
	if unit != nil {
		ft.unit, okUnit = pricing.FixedPoint(*unit, pricing.ScaleFen)
	}
	ft.ok = okRate && okUnit && c.tax.IsPositive()
	return ft
}

// floorFen returns ⌊d × 100⌋, at most maxFixed.
func floorFen(d decimal.Decimal) int64 {
	f := d.Shift(pricing.ScaleFen).Floor()
	if f.GreaterThan(decimal.New(maxFixed, 0)) {
		return maxFixed
	}
	return f.IntPart()
}

// lineClean reports whether line f passes every check of
// [checker.lineArithmetic], lineTax being its LineVATFen.
func (ft fenTolerances) lineClean(f pricing.FixedLine, lineTax int64) bool {
	if !ft.ok {
		return false
	}
	want, ok := pricing.LineAmountFen(f.Quantity, f.UnitPrice)
	if !ok || absDiff(f.Amount, want) > 1 { // LineAmountTolerance: 0.01
		return false
	}
	if absDiff(f.VAT, lineTax) > ft.tax || f.RateMicro != ft.rate {
		return false
	}
	return !f.HasTotal || f.Total == f.Amount+f.VAT
}

// priceClean reports whether line f bills the unit price × its quantity
// within the rounding a line allows, as [checker.matches] without VAT on
// top.
func (ft fenTolerances) priceClean(f pricing.FixedLine) bool {
	want, ok := pricing.AmountFen(ft.unit, f.Quantity)
	return ok && ft.ok && absDiff(f.Amount+f.VAT, want) <= ft.price
}

func absDiff(a, b int64) int64 {
	if a > b {
		return a - b
	}
	return b - a
}

// fenSum sums fen exactly: in an int64 while it can, the rest (figures
// too large, and lines kept in decimals) in a decimal.
type fenSum struct {
	fen  int64
	more decimal.Decimal
}

func (s *fenSum) add(n int64) {
	if s.fen > math.MaxInt64/2 || s.fen < math.MinInt64/2 {
		s.more = s.more.Add(decimal.New(s.fen, -pricing.ScaleFen))
		s.fen = 0
	}
	s.fen += n
}

func (s *fenSum) addDecimal(d decimal.Decimal) { s.more = s.more.Add(d) }

// decimal returns the sum.
func (s fenSum) decimal() decimal.Decimal {
	return decimal.New(s.fen, -pricing.ScaleFen).Add(s.more)
}
