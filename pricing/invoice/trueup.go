package invoice

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"alprice/pricing"
	"alprice/pricing/settle"

	"github.com/shopspring/decimal"
)

// Action is what a true-up issues.
type Action string

// The actions of a true-up.
const (
	// Red: the final bill is below the invoices: a partial red-letter
	// reversal (部分红冲) of each blue invoice line, a price allowance
	// (销售折让) that reverses amounts only, never quantity.
	Red Action = "red"
	// Blue: the final bill is above the invoices: a supplementary invoice
	// (补开) of price-difference lines, amounts only.
	Blue Action = "blue"
	// None: the invoices bill the final price already.
	None Action = "none"
)

// RedLetterReason is the reason a red-letter request for a price true-up
// gives: 销售折让, a price allowance (code 04 of the 数电 red-form scheme).
const RedLetterReason = "销售折让"

// RedLetterReasonCode is the code of RedLetterReason in the 数电 red-form
// scheme.
const RedLetterReasonCode = "04"

// TrueUpLine is one line a true-up issues: for Red, the reversal of one
// blue invoice line (its number, line and quantity, for reference, and the
// negative amounts); for Blue, one price-difference line (no invoice
// number yet, no quantity).
type TrueUpLine struct {
	InvoiceNo string
	Line      int
	Quantity  pricing.Weight // the blue line's quantity, for reference; 0 on a price-difference line
	pricing.Amounts
}

// TrueUp is the month-end true-up (补差) of one agreement and supply month:
// the invoices issued on a provisional price against the bill on the final
// one. Invoiced + Difference = FinalBill exactly, in each of the three
// amounts, and the Lines add up to the Difference exactly.
type TrueUp struct {
	Agreement   *pricing.Agreement
	Month       pricing.Month       // the supply month
	Provisional *pricing.MonthPrice // the price on the terms' provisional basis; nil when it cannot be known now (month to date)
	Final       pricing.MonthPrice
	Delivered   pricing.Weight // the billed weight (rule 2.6)
	Tickets     int
	Invoices    []string       // the issued invoices, in file order
	Quantity    pricing.Weight // invoiced
	Invoiced    pricing.Amounts
	FinalBill   pricing.Amounts
	Difference  pricing.Amounts // FinalBill − Invoiced
	Action      Action
	Lines       []TrueUpLine
}

// TrueUpOptions choose what TrueUps trues up and how.
type TrueUpOptions struct {
	Month        pricing.Month      // only this supply month; 0 for all
	Agreement    *pricing.Agreement // only this agreement; nil for all
	InvoiceCap   decimal.Decimal    // split a blue true-up into lines below this amount excl. VAT; zero for the agreement's invoice: cap, if any
	TaxTolerance decimal.Decimal    // per line |amount × rate − VAT|; zero means DefaultTaxTolerance
}

// TrueUpResult is every true-up, and the findings on the issued invoices.
type TrueUpResult struct {
	TrueUps  []TrueUp
	Findings []Finding
	Skipped  []Skipped // months priced on the previous month's average: nothing to true up
}

// Skipped is an agreement's supply month a true-up passes over, and why:
// terms that price a month on the previous month's average (上月均价) have
// its final price before the month is delivered, so its invoices are
// final, not provisional — check holds them to that price.
type Skipped struct {
	Agreement *pricing.Agreement
	Month     pricing.Month
	Why       pricing.Message
}

// ErrNotFinal is the error of truing up a month whose benchmark is not
// complete yet: there is no final price to true up to.
var ErrNotFinal = pricing.Errorf("the month's final price is not known yet")

// TrueUps trues up the invoices issued for each agreement and supply month
// (grouped and counted as Check counts them: red invoices netted against
// the blue ones they reverse) against the settlement of the deliveries
// on the final price. Each issued invoice is checked for arithmetic as
// Check does, and the quantity invoiced against the delivered weight (rule
// 2.6): what is wrong is a finding. A month whose benchmark is not complete
// is an error naming it; so is an invoice whose buyer or month no agreement
// prices.
func TrueUps(inv *pricing.Invoices, ags *pricing.Agreements, q *pricing.Quotes, s *settle.Settlement, opts TrueUpOptions) (*TrueUpResult, error) {
	c := &checker{ags: ags, quotes: q, tax: opts.TaxTolerance, source: s.Source}
	if !c.tax.IsPositive() {
		c.tax = DefaultTaxTolerance
	}
	buyers := settle.NewBuyerIndex(ags)
	// A month priced on the previous month's average is skipped, unless
	// its agreement was asked for by name: it is trued up as asked.
	previous := map[monthKey]bool{}
	var skipped []monthKey
	skip := func(k monthKey) bool {
		if opts.Agreement != nil {
			return false
		}
		v, seen := previous[k]
		if !seen {
			t, err := ags.List[k.agreement].TermsFor(k.month)
			v = err == nil && t.PricingMonth == pricing.PreviousMonth
			previous[k] = v
			if v {
				skipped = append(skipped, k)
			}
		}
		return v
	}
	// The invoices already issued, red and blue: each blue one net of the
	// red ones reversing it, one reversed in full counting for nothing.
	is := countIssued(inv, ags, buyers.Find)
	// A month's lines are made only where a finding or a red line needs them.
	order, byMonth, err := linesByMonth(inv, is, buyers, func(ag int32, month pricing.Month) bool {
		return (opts.Month == 0 || month == opts.Month) && (opts.Agreement == nil || ags.List[ag].ID == opts.Agreement.ID)
	}, func(k monthKey) (bool, error) { return !skip(k), nil })
	if err != nil {
		return nil, err
	}
	statements := statementsByMonth(s, buyers)
	var errs pricing.ErrorList
	res := &TrueUpResult{Findings: is.findings}
	for _, k := range order {
		ag := &ags.List[k.agreement]
		lines := byMonth[k]
		final, err := ag.PriceMonth(k.month, q, false)
		if err != nil {
			if errors.Is(err, pricing.ErrPartialMonth) {
				err = pricing.Errorf("%w: %w", ErrNotFinal, err)
			}
			_, _, first := inv.Where(int(lines[0]))
			errs = append(errs, &pricing.InputError{Source: inv.Source, Line: first, Field: inv.FieldName("month"), Value: k.month.String(), Err: err})
			continue
		}
		tu := TrueUp{Agreement: ag, Month: k.month, Final: final, Invoiced: pricing.ZeroAmounts(), FinalBill: pricing.ZeroAmounts()}
		if t, err := ag.TermsFor(k.month); err == nil {
			if p, err := pricing.ProvisionalPrice(t, k.month, q); err == nil && p.Basis == pricing.BasisPrevious {
				tu.Provisional = &p
			}
		}
		ms := c.scanMonth(is, lines, ag.Buyer.Name, final.Terms, nil, false)
		tu.Invoices, tu.Quantity = ms.invoices, ms.quantity
		tu.Invoiced = pricing.Amounts{Amount: ms.amount.decimal(), AmountExclVAT: ms.exclVAT.decimal(), VAT: ms.vat.decimal()}
		mc := MonthCheck{Agreement: ag, Month: k.month, Lines: len(lines), Billed: decimal.Zero, Statement: statements[k], Price: final,
			Invoices: tu.Invoices, Quantity: ms.quantity}
		res.Findings = append(res.Findings, ms.arithmetic...)
		res.Findings = append(res.Findings, ms.tax...)
		res.Findings = append(res.Findings, c.weight(mc)...)
		if st := statements[k]; st != nil {
			tu.Delivered, tu.Tickets = st.Delivered, st.Tickets
			tu.FinalBill = st.Bill.Amounts
		}
		tu.Difference = tu.FinalBill.Sub(tu.Invoiced)
		switch sign := tu.Difference.Amount.Sign(); {
		case sign < 0:
			tu.Action, tu.Lines = Red, redLines(tu.Difference, is, lines)
		case sign > 0:
			tu.Action = Blue
			if tu.Lines, err = blueLines(tu.Difference, final.Terms.VATRate, ags.SplitCap(ag, opts.InvoiceCap)); err != nil {
				return nil, pricing.Errorf("agreement %s, %s: %w", ag.ID, k.month, err)
			}
		default:
			tu.Action = None
		}
		res.TrueUps = append(res.TrueUps, tu)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	for i := range s.Statements {
		st := &s.Statements[i]
		k := monthKey{buyers.Find(st.Agreement.ID), st.Month}
		if _, invoiced := byMonth[k]; !invoiced && !skip(k) {
			res.Findings = append(res.Findings, Finding{Buyer: st.Agreement.Buyer.Name, Month: st.Month, Field: "quantity_t",
				Invoiced: decimal.Zero, Expected: st.Delivered.Tonnes(), Rule: pricing.RuleStatement,
				Why: pricing.Msg("trueup.uninvoiced", st.Delivered.String(), st.Agreement.ID, st.Month.String(), fmt.Sprint(st.Tickets), inv.Source)})
		}
	}
	slices.SortFunc(skipped, func(x, y monthKey) int {
		return cmp.Or(cmp.Compare(x.agreement, y.agreement), cmp.Compare(x.month, y.month))
	})
	for _, k := range skipped {
		ag := &ags.List[k.agreement]
		res.Skipped = append(res.Skipped, Skipped{Agreement: ag, Month: k.month,
			Why: pricing.Msg("trueup.previous", ag.ID, k.month.String(), pricing.PreviousMonth.BenchmarkMonth(k.month).String())})
	}
	return res, nil
}

// redLines spreads a negative difference over the blue invoice lines in
// proportion to their quantity ([Allocate]): the last line takes the
// rounding, and the lines add up to the difference exactly.
func redLines(diff pricing.Amounts, is *issued, lines []int32) []TrueUpLine {
	blue := make([]pricing.InvoiceLine, len(lines))
	weights := make([]pricing.Weight, len(lines))
	for i, k := range lines {
		blue[i] = is.line(int(k))
		weights[i] = blue[i].Quantity
	}
	excl := pricing.Allocate(diff.AmountExclVAT, weights)
	vat := pricing.Allocate(diff.VAT, weights)
	out := make([]TrueUpLine, len(blue))
	for i, l := range blue {
		out[i] = TrueUpLine{InvoiceNo: l.InvoiceNo, Line: l.Line, Quantity: l.Quantity,
			Amounts: pricing.Amounts{Amount: excl[i].Add(vat[i]), AmountExclVAT: excl[i], VAT: vat[i]}}
	}
	return out
}

// blueLines writes a positive difference as price-difference lines, each
// below limit excl. VAT when a limit is given: as few as the cap allows,
// 金额 shared evenly, each line's VAT its 金额 × 税率 balanced so that the
// lines add up to the difference exactly ([pricing.SplitAmount]).
func blueLines(diff pricing.Amounts, rate, limit decimal.Decimal) ([]TrueUpLine, error) {
	parts, err := pricing.SplitAmount(diff.AmountExclVAT, diff.VAT, rate, limit, DefaultTaxTolerance)
	if err != nil {
		return nil, err
	}
	out := make([]TrueUpLine, len(parts))
	for i, p := range parts {
		out[i] = TrueUpLine{Line: i + 1, Amounts: p.Amounts}
	}
	return out, nil
}
