package policy

import (
	"maps"
	"slices"

	"alprice/pricing"
	"alprice/pricing/settle"

	"github.com/shopspring/decimal"
)

// The policy's targets for the local conversion rate of molten aluminium
// (铝液就地转化率): at least 30% by end-2022, 40% by end-2023, about 60% by
// the end of the 14th Five-Year Plan (2025).
var ConversionTargets = []ConversionTarget{
	{Year: 2022, Percent: decimal.NewFromInt(30)},
	{Year: 2023, Percent: decimal.NewFromInt(40)},
	{Year: 2025, Percent: decimal.NewFromInt(60)},
}

// ConversionTarget is a year's target for the local conversion rate.
type ConversionTarget struct {
	Year    int
	Percent decimal.Decimal
}

// FinalTarget is the policy's goal for the conversion rate: about 60%.
var FinalTarget = ConversionTargets[len(ConversionTargets)-1]

// ReleasedLine is what one line of the price build-up released to the
// buyer over a statement's tonnes: a deduction's per-tonne amount × the
// delivered tonnes (positive: released), a premium's (negative), the
// rounding line's.
type ReleasedLine struct {
	Kind   pricing.Kind
	Label  string
	Amount decimal.Decimal
}

// Release is the price advantage released (让利) under one agreement in one
// supply month: (benchmark − unit price) × delivered tonnes, and its parts.
type Release struct {
	Agreement   *pricing.Agreement
	Month       pricing.Month
	Delivered   pricing.Weight
	Benchmark   decimal.Decimal
	UnitPrice   decimal.Decimal
	Provisional bool // priced on a benchmark month not yet complete
	Released    decimal.Decimal
	Lines       []ReleasedLine // add up to Released exactly
	// The coal pass-through released, and what the smelter's coal
	// discount implies for the tonnes (zero when none is stated): the
	// shortfall is the difference when it is short.
	CoalReleased, CoalImplied, CoalShortfall decimal.Decimal
}

// ReleaseTotals sums releases, with the conversion rate when the output is
// known.
type ReleaseTotals struct {
	Delivered      pricing.Weight
	Released       decimal.Decimal
	CoalReleased   decimal.Decimal
	CoalShortfall  decimal.Decimal
	Output         pricing.Weight   // the smelter's output; 0 when not known
	ConversionRate *decimal.Decimal // delivered ÷ output, percent, by ConversionRate; nil without output
}

func (t *ReleaseTotals) add(r Release) {
	t.Delivered += r.Delivered
	t.Released = t.Released.Add(r.Released)
	t.CoalReleased = t.CoalReleased.Add(r.CoalReleased)
	t.CoalShortfall = t.CoalShortfall.Add(r.CoalShortfall)
}

func (t *ReleaseTotals) rate() {
	if t.Output > 0 {
		r := pricing.ConversionRate(t.Delivered, t.Output)
		t.ConversionRate = &r
	}
}

// MonthTotals are the totals of one supply month, over its agreements.
type MonthTotals struct {
	Month       pricing.Month
	Provisional bool
	ReleaseTotals
}

// AgreementTotals are the totals of one agreement over the period's final
// months.
type AgreementTotals struct {
	Agreement *pricing.Agreement
	ReleaseTotals
}

// PolicyReport is what a smelter reports to the prefecture under the
// policy: the price advantage released, the coal discount passed through,
// and the local conversion rate. Months priced provisionally are never
// mixed into the period's totals: they have totals of their own.
type PolicyReport struct {
	Releases    []Release
	Months      []MonthTotals // every month of the period, delivered or not
	Agreements  []AgreementTotals
	Period      ReleaseTotals // the final months
	Provisional ReleaseTotals // the provisional months, apart
	// MissingOutput are the months of the period the output is not known
	// for (with output given at all): the period's rate is over the months
	// that have both, and says it lacks these.
	MissingOutput []pricing.Month
	// Unpriced are the statements of the period that could not be priced:
	// their tonnes are in no figure, and the report is not complete.
	Unpriced []settle.Unpriced
}

// OutputError is a month whose output is less than what was delivered
// locally: a conversion rate above 100%, which no smelter can have; the
// production file is wrong.
type OutputError struct {
	Month             pricing.Month
	Delivered, Output pricing.Weight
}

func (e *OutputError) Error() string { return pricing.Say(e, nil) }

// Template says e.
func (e *OutputError) Template() *pricing.Error {
	return &pricing.Error{Template: "the output of %s is %s t, less than the %s t delivered locally that month: a conversion rate above 100%% is not possible; check the production file",
		Args: []any{e.Month, e.Output, e.Delivered}}
}

// PolicyFigures works out the policy's figures from a settlement over the
// months of a period: per statement the price advantage released and its
// parts, the coal pass-through against the coal discount; per month,
// agreement and period the totals; and with the smelter's output per month
// (nil when not known) the conversion rate. Every month of the period has
// its totals, delivered or not: a month with output and no local
// deliveries is a month at 0%, not a month left out. Statements outside
// the period are left out; unpriced ones inside it are listed.
func PolicyFigures(s *settle.Settlement, ags *pricing.Agreements, period []pricing.Month, output map[pricing.Month]pricing.Weight) (*PolicyReport, error) {
	rep := &PolicyReport{Period: zeroTotals(), Provisional: zeroTotals()}
	months := map[pricing.Month]*MonthTotals{}
	for _, m := range period {
		if months[m] == nil {
			months[m] = &MonthTotals{Month: m, ReleaseTotals: zeroTotals()}
			months[m].Output = output[m]
		}
	}
	agreements := map[string]*AgreementTotals{}
	for _, st := range s.Statements {
		mt := months[st.Month]
		if mt == nil {
			continue
		}
		r := release(st, ags)
		rep.Releases = append(rep.Releases, r)
		mt.add(r)
		mt.Provisional = mt.Provisional || r.Provisional
		if r.Provisional {
			rep.Provisional.add(r)
			continue
		}
		at, ok := agreements[st.Agreement.ID]
		if !ok {
			at = &AgreementTotals{Agreement: st.Agreement, ReleaseTotals: zeroTotals()}
			agreements[st.Agreement.ID] = at
		}
		at.add(r)
	}
	for _, u := range s.Unpriced {
		if months[u.Month] != nil {
			rep.Unpriced = append(rep.Unpriced, u)
		}
	}
	order := slices.Sorted(maps.Keys(months))
	var rated ReleaseTotals // the final months with output: the period's rate
	for _, m := range order {
		mt := months[m]
		if mt.Output > 0 && mt.Delivered > mt.Output {
			return nil, &OutputError{Month: m, Delivered: mt.Delivered, Output: mt.Output}
		}
		mt.rate()
		rep.Months = append(rep.Months, *mt)
		switch {
		case output != nil && mt.Output == 0:
			rep.MissingOutput = append(rep.MissingOutput, m)
		case mt.Provisional:
			rep.Provisional.Output += mt.Output
		default:
			rated.Delivered += mt.Delivered
			rated.Output += mt.Output
		}
	}
	for i := range ags.List {
		if at, ok := agreements[ags.List[i].ID]; ok {
			rep.Agreements = append(rep.Agreements, *at)
		}
	}
	for _, at := range rep.Agreements {
		rep.Period.Delivered += at.Delivered
		rep.Period.Released = rep.Period.Released.Add(at.Released)
		rep.Period.CoalReleased = rep.Period.CoalReleased.Add(at.CoalReleased)
		rep.Period.CoalShortfall = rep.Period.CoalShortfall.Add(at.CoalShortfall)
	}
	// The period's rate is over the final months that have an output: a
	// month lacking one would put its tonnes over nothing.
	rep.Period.Output = rated.Output
	if rated.Output > 0 {
		r := pricing.ConversionRate(rated.Delivered, rated.Output)
		rep.Period.ConversionRate = &r
	}
	rep.Provisional.rate()
	return rep, nil
}

func zeroTotals() ReleaseTotals {
	return ReleaseTotals{Released: decimal.Zero, CoalReleased: decimal.Zero, CoalShortfall: decimal.Zero}
}

// release works out one statement's release.
func release(st settle.Statement, ags *pricing.Agreements) Release {
	p := st.Price.Price
	r := Release{Agreement: st.Agreement, Month: st.Month, Delivered: st.Delivered, Benchmark: p.Benchmark, UnitPrice: p.UnitPrice,
		Provisional: st.Price.Provisional(), CoalReleased: decimal.Zero, CoalImplied: decimal.Zero, CoalShortfall: decimal.Zero}
	perTonne := make([]decimal.Decimal, len(p.Lines))
	coal := decimal.Zero
	for i, l := range p.Lines {
		perTonne[i] = l.Amount.Neg()
		if l.Kind == pricing.Coal {
			coal = coal.Add(perTonne[i])
		}
	}
	var amounts []decimal.Decimal
	r.Released, amounts = pricing.ReleasedParts(perTonne, st.Delivered)
	for i, l := range p.Lines {
		r.Lines = append(r.Lines, ReleasedLine{Kind: l.Kind, Label: l.Label, Amount: amounts[i]})
		if l.Kind == pricing.Coal {
			r.CoalReleased = r.CoalReleased.Add(amounts[i])
		}
	}
	if cd, ok := pricing.CoalDiscountFor(ags.CoalDiscounts, st.Month); ok {
		r.CoalImplied = pricing.Amount(cd.PassThrough(), st.Delivered)
		if short := cd.PassThrough().Sub(coal); short.IsPositive() {
			r.CoalShortfall = pricing.Amount(short, st.Delivered)
		}
	}
	return r
}
