package invoice

import (
	"fmt"
	"slices"
	"strings"

	"alprice/pricing"
	"alprice/pricing/settle"

	"github.com/shopspring/decimal"
)

// The tolerances of VAT invoicing software (税控系统), and the one this
// check allows between a line's amount incl. VAT and unit price × quantity.
var (
	LineAmountTolerance    = decimal.New(1, -2)                                     // |quantity × unit price − amount| per line
	DefaultTaxTolerance    = decimal.New(6, -2)                                     // |amount × rate − VAT| per line
	InvoiceTaxTolerance    = decimal.New(invoiceTaxToleranceFen, -pricing.ScaleFen) // |Σ (VAT − amount × rate)| per invoice
	roundingPerLine        = decimal.New(1, -2)                                     // each line rounds its amount once
	diagnosisTolerancePlus = decimal.New(2, -2)
)

// invoiceTaxToleranceFen is InvoiceTaxTolerance in fen, for the sums kept
// in fen.
const invoiceTaxToleranceFen = 127

// CheckOptions set the check's tolerances.
type CheckOptions struct {
	TaxTolerance decimal.Decimal // per line |amount × rate − VAT|; zero means DefaultTaxTolerance
	Provisional  bool            // price on a benchmark month not yet complete
}

// Finding is one discrepancy between invoices and what the agreement, the
// policy and the deliveries say.
type Finding struct {
	InvoiceNo  string // the invoice; for a finding about a month, its invoices (see invoiceList)
	Line       int    // the line on the invoice; 0 for the whole invoice or month
	SourceLine int    // the line in the invoices file; 0 for the whole invoice or month
	Buyer      string
	Month      pricing.Month
	Field      string
	Invoiced   decimal.Decimal
	Expected   decimal.Decimal
	Rule       string          // a policy rule (2.1–2.6) or a tax rule (vat.*)
	Why        pricing.Message // a sentence saying why
}

// Difference returns invoiced − expected.
func (f Finding) Difference() decimal.Decimal { return f.Invoiced.Sub(f.Expected) }

// MonthCheck sums up the invoices of one agreement and supply month.
type MonthCheck struct {
	Agreement *pricing.Agreement
	Month     pricing.Month
	Invoices  []string // invoice numbers
	// MonthFrom says, for each of Invoices, where its supply month came
	// from.
	MonthFrom []pricing.MonthFrom
	Lines     int
	Quantity  pricing.Weight     // billed
	Billed    decimal.Decimal    // amount + VAT billed
	Statement *settle.Statement  // nil when nothing was delivered
	Price     pricing.MonthPrice // the price the invoices are held to
	Findings  int
}

// Settled returns the bill of the month's delivered weight at the price the
// invoices are held to; zero when nothing was delivered.
func (mc MonthCheck) Settled() decimal.Decimal {
	if mc.Statement == nil {
		return decimal.Zero
	}
	return mc.Price.Price.Bill(mc.Statement.Delivered).Amount
}

// CheckResult is the verdict on a set of invoices.
type CheckResult struct {
	Findings []Finding
	Months   []MonthCheck
	// Invoices says what became of each invoice with a header (those of
	// the platform's files), in the order read: the supply month it was
	// held to and why, netted, reversed, left out. A CSV file's invoices
	// are in Months, each with its month's source.
	Invoices []InvoiceCheck
	// NotChecked lists the lines left out: not the agreement's product
	// (freight on the same invoice), or of an invoice of another seller.
	NotChecked []NotChecked
	// WeightsChecked says whether there were deliveries to check the
	// quantities and totals against (rule 2.6); without, only prices,
	// arithmetic and VAT are checked.
	WeightsChecked bool
}

// OK reports whether the invoices match: no finding at all.
func (r *CheckResult) OK() bool { return len(r.Findings) == 0 }

type checker struct {
	ags      *pricing.Agreements
	quotes   *pricing.Quotes
	tax      decimal.Decimal
	priceTol decimal.Decimal
	source   string // the deliveries file, for messages
}

// Check checks invoice lines against the agreements, the quotes and the
// settlement of the deliveries:
//
//  1. each line's arithmetic, as invoicing software enforces it: quantity ×
//     unit price = amount within 0.01, amount × rate = VAT within the tax
//     tolerance, the rate the terms state, total = amount + VAT;
//  2. each invoice's VAT: Σ (VAT − amount × rate rounded) within ±1.27;
//  3. the weight (rule 2.6): per buyer and month, the quantity billed is the
//     delivered weight — and when it is the tapped weight, it says so;
//  4. the price: each line's amount incl. VAT is the unit price of the
//     terms in force on the right benchmark × quantity, within the rounding
//     a line allows; when not, it names the likely mistake that reproduces
//     the invoice (a month's average, a deduction left out, a percentage on
//     the wrong base, the other rounding, VAT added twice) or says none does;
//  5. per buyer and month, the amount incl. VAT billed against the
//     settlement's.
//
// Without a settlement (s nil: a buyer who has no ticket file), 3 and 5
// are skipped, and the result says so.
//
// Invoices read from the platform's files (those with a header) are
// counted first ([InvoiceCheck]): the buyer found by its tax id (else by
// name), the seller held to the agreements' (a finding otherwise), only
// the lines of the agreement's product checked (the others listed in
// NotChecked), the invoice's totals against its lines, and each red
// invoice netted line by line against the blue invoice it reverses,
// which must be among them (a finding otherwise); a blue invoice reversed
// in full counts for nothing.
//
// An invoice whose buyer is in no agreement, or whose month no terms
// version covers, is an input error.
func Check(inv *pricing.Invoices, ags *pricing.Agreements, q *pricing.Quotes, s *settle.Settlement, opts CheckOptions) (*CheckResult, error) {
	c := &checker{ags: ags, quotes: q, tax: opts.TaxTolerance}
	if s != nil {
		c.source = s.Source
	}
	if !c.tax.IsPositive() {
		c.tax = DefaultTaxTolerance
	}
	c.priceTol = c.tax.Add(diagnosisTolerancePlus)

	buyers := settle.NewBuyerIndex(ags)
	is := countIssued(inv, ags, buyers.Find)
	// Each month is priced when first seen; a month that cannot be priced
	// is an error on its first line. A month's lines are made only while it
	// is checked.
	prices := map[monthKey]pricing.MonthPrice{}
	order, byMonth, err := linesByMonth(inv, is, buyers, nil, func(k monthKey) (bool, error) {
		mp, err := checkPrice(&ags.List[k.agreement], k.month, q, opts.Provisional)
		prices[k] = mp
		return err == nil, err
	})
	if err != nil {
		return nil, err
	}

	statements := statementsByMonth(s, buyers)
	res := &CheckResult{WeightsChecked: s != nil, Findings: is.findings, NotChecked: is.notChecked}
	for _, k := range order {
		ag := &ags.List[k.agreement]
		mp := prices[k]
		before := len(res.Findings)
		ms := c.scanMonth(is, byMonth[k], ag.Buyer.Name, mp.Terms, &mp.Price.UnitPrice, true)
		res.Findings = append(res.Findings, ms.noQuantity...)
		mc := MonthCheck{Agreement: ag, Month: k.month, Lines: ms.lines, Billed: ms.amount.decimal(), Statement: statements[k], Price: mp,
			Invoices: ms.invoices, MonthFrom: ms.monthFrom, Quantity: ms.quantity}
		res.Findings = append(res.Findings, ms.arithmetic...)
		res.Findings = append(res.Findings, ms.tax...)
		if res.WeightsChecked {
			res.Findings = append(res.Findings, c.weight(mc)...)
		}
		unpriced := make([]pricing.InvoiceLine, len(ms.unpriced))
		for j, i := range ms.unpriced {
			unpriced[j] = is.line(int(i))
			unpriced[j].Buyer = ag.Buyer.Name
		}
		res.Findings = append(res.Findings, c.price(ag, mp, unpriced)...)
		res.Findings = append(res.Findings, c.total(mc)...)
		mc.Findings = len(res.Findings) - before
		res.Months = append(res.Months, mc)
	}
	for h := range inv.Headers() {
		res.Invoices = append(res.Invoices, *is.status[h.Number])
	}
	return res, nil
}

// checkPrice is the price invoices of supply month m are held to: the
// final price, or with provisional the price on the terms' provisional
// basis, what invoices issued while the month was in progress stand on.
func checkPrice(a *pricing.Agreement, m pricing.Month, q *pricing.Quotes, provisional bool) (pricing.MonthPrice, error) {
	if !provisional {
		return a.PriceMonth(m, q, false)
	}
	t, err := a.TermsFor(m)
	if err != nil {
		return pricing.MonthPrice{}, err
	}
	mp, err := pricing.ProvisionalPrice(t, m, q)
	if err != nil {
		return pricing.MonthPrice{}, pricing.Errorf("agreement %s: %w", a.ID, err)
	}
	return mp, nil
}

func lineFinding(l pricing.InvoiceLine, field string, invoiced, expected decimal.Decimal, rule string, why pricing.Message) Finding {
	return Finding{InvoiceNo: l.InvoiceNo, Line: l.Line, SourceLine: l.SourceLine, Buyer: l.Buyer, Month: l.Month,
		Field: field, Invoiced: invoiced, Expected: expected, Rule: rule, Why: why}
}

// lineArithmetic checks one line as invoicing software does.
func (c *checker) lineArithmetic(l pricing.InvoiceLine, t pricing.Terms) []Finding {
	var fs []Finding
	if want := pricing.LineAmount(l.Quantity, l.UnitPriceExclVAT); l.AmountExclVAT.Sub(want).Abs().GreaterThan(LineAmountTolerance) {
		fs = append(fs, lineFinding(l, "amount_excl_vat", l.AmountExclVAT, want, pricing.RuleLineArithmetic, pricing.Msg("line.amount",
			l.Quantity.String(), l.UnitPriceExclVAT.String(), want.StringFixed(2), LineAmountTolerance.StringFixed(2))))
	}
	if want := pricing.LineVAT(l.AmountExclVAT, l.VATRate); l.VAT.Sub(want).Abs().GreaterThan(c.tax) {
		fs = append(fs, lineFinding(l, "vat", l.VAT, want, pricing.RuleLineArithmetic, vatMistake(l, want, c.tax)))
	}
	if !l.VATRate.Equal(t.VATRate) {
		fs = append(fs, lineFinding(l, "vat_rate", l.VATRate, t.VATRate, pricing.RuleVATRate, pricing.Msg("line.rate",
			t.From.String(), pricing.RateText(t.VATRate), pricing.RateText(l.VATRate))))
	}
	if sum := l.AmountInclVAT(); l.HasTotal && !l.Total.Equal(sum) {
		fs = append(fs, lineFinding(l, "total", l.Total, sum, pricing.RuleTotal, pricing.Msg("line.total",
			l.AmountExclVAT.StringFixed(2), l.VAT.StringFixed(2))))
	}
	return fs
}

// otherRates are the VAT rates a line's VAT may have been worked out at
// by mistake: aluminium's rates before 2019 (17%, 16%) and 2018, and the
// other rates of the scheme.
var otherRates = []decimal.Decimal{decimal.New(17, -2), decimal.New(16, -2), decimal.New(13, -2), decimal.New(9, -2),
	decimal.New(6, -2), decimal.New(3, -2), decimal.New(1, -2)}

// vatMistake says why a line's VAT is not its amount × rate (want): the
// likely mistake its figures fit to the fen — the VAT at another rate,
// the rate applied to the amount incl. VAT, the VAT of one tonne rounded
// and multiplied by the quantity, the VAT rounded to the yuan — or, when
// none fits, the arithmetic alone.
func vatMistake(l pricing.InvoiceLine, want, tolerance decimal.Decimal) pricing.Message {
	amount, rate, vat := l.AmountExclVAT.StringFixed(2), l.VATRate.String(), l.VAT.StringFixed(2)
	fits := func(v decimal.Decimal) bool { return l.VAT.Sub(v).Abs().LessThanOrEqual(LineAmountTolerance) }
	limit := tolerance.StringFixed(2)
	for _, r := range otherRates {
		if !r.Equal(l.VATRate) && fits(pricing.LineVAT(l.AmountExclVAT, r)) {
			return pricing.Msg("line.vat.rate", amount, rate, want.StringFixed(2), vat, pricing.RateText(r), limit)
		}
	}
	if total := l.AmountExclVAT.Add(l.VAT); fits(pricing.LineVAT(total, l.VATRate)) {
		return pricing.Msg("line.vat.incl", amount, rate, want.StringFixed(2), vat, total.StringFixed(2), limit)
	}
	if !l.NoQuantity && l.Quantity > 0 {
		perTonne := pricing.LineVAT(l.UnitPriceExclVAT, l.VATRate)
		if fits(pricing.LineAmount(l.Quantity, perTonne)) {
			return pricing.Msg("line.vat.per-tonne", amount, rate, want.StringFixed(2), vat, perTonne.StringFixed(2), l.Quantity.String(), limit)
		}
	}
	if exact := l.AmountExclVAT.Mul(l.VATRate); l.VAT.IsInteger() && l.VAT.Sub(exact).Abs().LessThan(decimal.NewFromInt(1)) {
		return pricing.Msg("line.vat.yuan", amount, rate, want.StringFixed(2), vat, limit)
	}
	return pricing.Msg("line.vat", amount, rate, want.StringFixed(2), limit)
}

// vatOnTotal tells, of the lines in findings whose VAT no mistake of the
// line itself explains (line.vat), those of an invoice whose VAT was
// worked out once on its total and spread over its lines: its lines' VAT
// adds up to its total amount × rate to the fen, though a line's is not
// its own amount × rate. It reads again only the lines of those invoices
// (idx, the month's lines), which are few: the clean ones are never made.
func vatOnTotal(is *issued, idx []int32, findings []Finding) {
	suspect := map[string]bool{}
	for _, f := range findings {
		if f.Why.Code == "line.vat" {
			suspect[f.InvoiceNo] = true
		}
	}
	if len(suspect) == 0 {
		return
	}
	type total struct {
		amount, vat, rate decimal.Decimal
		lines             int
		rates             bool // more than one rate: no one total × rate
	}
	totals := map[string]*total{}
	for _, i := range idx {
		no := is.inv.Number(int(i))
		if !suspect[no] {
			continue
		}
		l := is.line(int(i))
		t := totals[no]
		if t == nil {
			t = &total{rate: l.VATRate}
			totals[no] = t
		}
		t.amount, t.vat, t.lines = t.amount.Add(l.AmountExclVAT), t.vat.Add(l.VAT), t.lines+1
		t.rates = t.rates || !l.VATRate.Equal(t.rate)
	}
	for k := range findings {
		f := &findings[k]
		t := totals[f.InvoiceNo]
		if f.Why.Code != "line.vat" || t == nil || t.rates || t.lines < 2 {
			continue
		}
		if want := pricing.LineVAT(t.amount, t.rate); t.vat.Equal(want) {
			args := f.Why.Args // amount, rate, the line's amount × rate, the tolerance
			f.Why = pricing.Msg("line.vat.total", args[0], args[1], args[2], f.Invoiced.StringFixed(2), t.amount.StringFixed(2),
				want.StringFixed(2), fmt.Sprint(t.lines), args[3])
		}
	}
}

func monthFinding(mc MonthCheck, field string, invoiced, expected decimal.Decimal, rule string, why pricing.Message) Finding {
	return Finding{InvoiceNo: invoiceList(mc.Invoices), Buyer: mc.Agreement.Buyer.Name, Month: mc.Month,
		Field: field, Invoiced: invoiced, Expected: expected, Rule: rule, Why: why}
}

// maxInvoicesNamed is how many invoices a finding about a month names.
const maxInvoicesNamed = 10

// invoiceList names a month's invoices for a finding about the month:
// all of them, comma-separated, up to maxInvoicesNamed; beyond, the first
// ones and how many more, "FP1,…,FP10,… (+41990)". A month of tens of
// thousands of invoices would otherwise make one cell of half a megabyte;
// the month's row lists them all.
func invoiceList(invoices []string) string {
	if len(invoices) <= maxInvoicesNamed {
		return strings.Join(invoices, ",")
	}
	return strings.Join(invoices[:maxInvoicesNamed], ",") + fmt.Sprintf(",… (+%d)", len(invoices)-maxInvoicesNamed)
}

// weight checks the quantity billed in a month against the deliveries
// (rule 2.6).
func (c *checker) weight(mc MonthCheck) []Finding {
	st := mc.Statement
	if st == nil {
		return []Finding{monthFinding(mc, "quantity_t", mc.Quantity.Tonnes(), decimal.Zero, "2.6", pricing.Msg("weight.none",
			c.source, mc.Agreement.ID, mc.Month.String()))}
	}
	if mc.Quantity == st.Delivered {
		return nil
	}
	why := pricing.Msg("weight.differs", mc.Quantity.String(), st.Delivered.String(), mc.Month.String(), fmt.Sprint(st.Tickets))
	if mc.Quantity == st.Tapped {
		why = pricing.Msg("weight.tapped", st.Tapped.String(), st.Delivered.String(), st.Loss().String())
	}
	return []Finding{monthFinding(mc, "quantity_t", mc.Quantity.Tonnes(), st.Delivered.Tonnes(), "2.6", why)}
}

// total checks the month's amount incl. VAT against the settlement's,
// allowing each line its own rounding.
func (c *checker) total(mc MonthCheck) []Finding {
	st := mc.Statement
	if st == nil {
		return nil
	}
	// The bill of the delivered weight at the price the invoices are held
	// to (the final one, or the provisional one).
	settled := mc.Settled()
	tolerance := roundingPerLine.Mul(decimal.NewFromInt(int64(mc.Lines)))
	if mc.Billed.Sub(settled).Abs().LessThanOrEqual(tolerance) {
		return nil
	}
	return []Finding{monthFinding(mc, "amount", mc.Billed, settled, pricing.RuleStatement, pricing.Msg("statement.amount",
		mc.Billed.StringFixed(2), mc.Month.String(), settled.StringFixed(2), st.Delivered.String(), mc.Price.Price.UnitPrice.StringFixed(2)))}
}

// price checks each line's amount incl. VAT against the unit price of the
// terms, and diagnoses a line that differs.
func (c *checker) price(ag *pricing.Agreement, mp pricing.MonthPrice, lines []pricing.InvoiceLine) []Finding {
	var (
		fs         []Finding
		candidates []candidate
	)
	unit := mp.Price.UnitPrice
	for _, l := range lines {
		if c.matches(l, unit, false) || c.pricedButVAT(l, unit, mp.Price.VATRate) {
			continue
		}
		if candidates == nil {
			candidates = c.candidates(mp)
		}
		billed := pricing.UnitPriceOf(l.AmountInclVAT(), l.Quantity)
		f := lineFinding(l, "unit_price", billed, unit, "2.1", pricing.Msg("price.unexplained",
			billed.StringFixed(2), unit.StringFixed(2), ag.ID, mp.Month.String(), mp.Terms.From.String(), mp.Average.Month.String(),
			mp.Price.Benchmark.StringFixed(2), billed.Sub(unit).StringFixed(2)))
		for _, cand := range candidates {
			if c.matches(l, cand.price, cand.vatOnTop) {
				f.Rule, f.Why = cand.rule, cand.why
				break
			}
		}
		fs = append(fs, f)
	}
	return fs
}

// matches reports whether line l bills unit price (VAT incl.) × its
// quantity, within the rounding a line allows; with vatOnTop, whether it
// bills that as the amount excl. VAT, with VAT added on it.
func (c *checker) matches(l pricing.InvoiceLine, unit decimal.Decimal, vatOnTop bool) bool {
	want := pricing.Amount(unit, l.Quantity)
	got := l.AmountInclVAT()
	if vatOnTop {
		got = l.AmountExclVAT
	}
	return got.Sub(want).Abs().LessThanOrEqual(c.priceTol)
}

// pricedButVAT reports whether line l's 金额, with the VAT rate gives on
// it, bills unit price × its quantity: the price is right and only the
// VAT is wrong, which the VAT's own finding says (a price finding of
// "0.00/t" beside it would say nothing).
func (c *checker) pricedButVAT(l pricing.InvoiceLine, unit, rate decimal.Decimal) bool {
	got := l.AmountExclVAT.Add(pricing.LineVAT(l.AmountExclVAT, rate))
	return got.Sub(pricing.Amount(unit, l.Quantity)).Abs().LessThanOrEqual(c.priceTol)
}

// candidate is a likely pricing mistake and the unit price it gives.
type candidate struct {
	price    decimal.Decimal
	vatOnTop bool
	rule     string
	why      pricing.Message
}

// candidates lists the likely mistakes for a month's price, most likely
// first.
func (c *checker) candidates(mp pricing.MonthPrice) []candidate {
	var out []candidate
	t, bm := mp.Terms, mp.Average.Month
	add := func(benchmark decimal.Decimal, terms pricing.Terms, rule string, why pricing.Message) {
		if p, err := pricing.BuildPrice(benchmark, terms); err == nil && !p.UnitPrice.Equal(mp.Price.UnitPrice) {
			out = append(out, candidate{price: p.UnitPrice, rule: rule, why: why})
		}
	}
	benchmark := mp.Price.Benchmark
	for _, other := range []pricing.Month{bm - 1, bm + 1} {
		if avg, err := c.quotes.Average(other, t.AverageRounding); err == nil {
			add(avg.Value, t, "2.1", pricing.Msg("price.month."+string(t.PricingMonth),
				other.String(), avg.Value.StringFixed(2), bm.String(), benchmark.StringFixed(2), mp.Month.String()))
		}
	}
	for i, a := range t.Adjustments {
		without := t
		without.Adjustments = slices.Delete(slices.Clone(t.Adjustments), i, i+1)
		amount := a.Value.On(benchmark).StringFixed(2)
		if a.Kind == pricing.Premium {
			add(benchmark, without, "2.4", pricing.Msg("price.premium", amount).About(a))
		} else {
			add(benchmark, without, a.Kind.Rule(), pricing.Msg("price.deduction", amount, a.Kind.Rule()).About(a))
		}
	}
	for i, a := range t.Adjustments {
		if !a.Value.IsPercent() {
			continue
		}
		bases := []struct {
			base decimal.Decimal
			code string
		}{
			{pricing.ExclVAT(benchmark, t.VATRate), "price.base.excl-vat"},
			{benchmark.Sub(fixedDeductions(t, benchmark)), "price.base.less"},
		}
		for _, b := range bases {
			wrong := t
			wrong.Adjustments = slices.Clone(t.Adjustments)
			wrong.Adjustments[i].Value = pricing.PerTonne(pricing.PercentLine(b.base, a.Value.Number()))
			add(benchmark, wrong, a.Kind.Rule(), pricing.Msg(b.code, a.Value.String(), b.base.StringFixed(2), benchmark.StringFixed(2), a.Kind.Rule()).About(a))
		}
	}
	other := pricing.Fen
	if t.AverageRounding == pricing.Fen {
		other = pricing.Yuan
	}
	if avg, err := c.quotes.Average(bm, other); err == nil {
		add(avg.Value, t, "2.1", pricing.Msg("price.rounding."+string(other), bm.String(), avg.Value.StringFixed(2), benchmark.StringFixed(2)))
	}
	out = append(out, candidate{price: mp.Price.UnitPrice, vatOnTop: true, rule: "2.1",
		why: pricing.Msg("price.vat-on-top", mp.Price.UnitPrice.StringFixed(2))})
	return out
}

// fixedDeductions sums the deductions stated in CNY/t.
func fixedDeductions(t pricing.Terms, benchmark decimal.Decimal) decimal.Decimal {
	sum := decimal.Zero
	for _, a := range t.Adjustments {
		if a.Kind != pricing.Premium && !a.Value.IsPercent() {
			sum = sum.Add(a.Value.On(benchmark))
		}
	}
	return sum
}
