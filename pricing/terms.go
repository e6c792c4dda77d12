package pricing

import (
	"slices"

	"github.com/shopspring/decimal"
)

// Kind is the kind of a line in the price build-up.
type Kind string

// The kinds of deduction and premium an agreement may state (rule 2.4), and
// the rounding adjustment the build-up adds when the unit price is rounded
// to whole yuan.
const (
	Transport Kind = "transport" // 运费, rule 2.2
	Casting   Kind = "casting"   // 铝锭铸造费, rule 2.3
	BurnLoss  Kind = "burn_loss" // 烧损, rule 2.3
	Coal      Kind = "coal"      // 煤价让利, clause 2 coal pass-through
	Fee       Kind = "fee"       // other agreed fee, rule 2.3; has a label
	Premium   Kind = "premium"   // 上浮, an agreed addition, rule 2.4; has a label
	Rounded   Kind = "rounding"  // the unit price rounded to whole yuan
)

// deductionKinds lists the kinds that lower the price, in the order the
// build-up shows them when they come from flags.
var deductionKinds = []Kind{Transport, Casting, BurnLoss, Coal, Fee}

// Rule returns the policy rule behind lines of kind k, as
// ../shared/policy.md numbers them: transport 2.2; casting, burn loss and
// other fees 2.3; premiums 2.4; the coal pass-through, which clause 2
// states without a number of its own, "2-coal".
func (k Kind) Rule() string {
	switch k {
	case Transport:
		return "2.2"
	case Casting, BurnLoss, Fee:
		return "2.3"
	case Coal:
		return "2-coal"
	case Premium:
		return "2.4"
	}
	return ""
}

// NeedsLabel reports whether lines of kind k must carry a label.
func (k Kind) NeedsLabel() bool { return k == Fee || k == Premium }

// ParseDeductionKind reads the kind of a deduction: transport, casting,
// burn_loss, coal or fee.
func ParseDeductionKind(s string) (Kind, error) {
	k := Kind(s)
	if slices.Contains(deductionKinds, k) {
		return k, nil
	}
	if k == Premium {
		return "", Errorf("is not a deduction: list premiums under the premiums key")
	}
	return "", Errorf("is not a deduction kind: write one of transport, casting, burn_loss, coal, fee")
}

// Adjustment is one agreed deduction or premium.
type Adjustment struct {
	Kind  Kind
	Label string // required for fees and premiums; optional otherwise
	Value Value
	Line  int // line in the agreements file; 0 when given by a flag
	// Full marks a coal deduction agreed as the coal discount passed
	// through in full (value: full): its Value is the implied figure of
	// the coal discount in force, filled in for a month by Terms.ForMonth.
	Full bool
	// Derivation says how a value filled in was worked out, such as
	// "30 × 5.6 t coal/t"; empty for a value agreed as a figure.
	Derivation string
}

// sameLine reports whether a and b state the same line of the price: the
// same kind, and for fees and premiums the same label.
func (a Adjustment) SameLine(b Adjustment) bool {
	return a.Kind == b.Kind && (!a.Kind.NeedsLabel() || a.Label == b.Label)
}

// PricingMonth says which month's average prices a supply month.
type PricingMonth string

// The pricing months the agreements file knows.
const (
	DeliveryMonth PricingMonth = "delivery" // 当月均价: the supply month's own average
	PreviousMonth PricingMonth = "previous" // 上月均价: the month before
)

// BenchmarkMonth returns the month whose average prices supply month m.
func (p PricingMonth) BenchmarkMonth(m Month) Month {
	if p == PreviousMonth {
		return m - 1
	}
	return m
}

// ParsePricingMonth reads a pricing_month: delivery or previous.
func ParsePricingMonth(s string) (PricingMonth, error) {
	switch p := PricingMonth(s); p {
	case DeliveryMonth, PreviousMonth:
		return p, nil
	}
	return "", Errorf("is not a pricing month: write delivery (当月均价) or previous (上月均价)")
}

// ProvisionalBasis says what a provisional price of a month still in
// progress stands on, for terms that price a month on its own average.
type ProvisionalBasis string

// The provisional bases the agreements file knows.
const (
	// BasisPrevious: the previous month's final average (the default) — the
	// provisional price is what the previous month's final price would be
	// under this month's terms.
	BasisPrevious ProvisionalBasis = "previous"
	// BasisMonthToDate: the average of the month's quotes so far.
	BasisMonthToDate ProvisionalBasis = "month_to_date"
)

// ParseProvisionalBasis reads a provisional_basis: previous or
// month_to_date.
func ParseProvisionalBasis(s string) (ProvisionalBasis, error) {
	switch b := ProvisionalBasis(s); b {
	case BasisPrevious, BasisMonthToDate:
		return b, nil
	}
	return "", Errorf("is not a provisional basis: write previous (the previous month's final average) or month_to_date")
}

// DefaultVATRate is the VAT rate on aluminium, 13%, as a fraction.
var DefaultVATRate = decimal.New(13, -2)

// Terms is one version of an agreement's price terms. A version prices the
// months from From on, up to To when set, else up to the next version.
type Terms struct {
	From              Month
	To                Month // last month priced; 0 when open-ended
	PricingMonth      PricingMonth
	AverageRounding   Rounding
	UnitPriceRounding Rounding
	VATRate           decimal.Decimal  // a fraction: 0.13
	ProvisionalBasis  ProvisionalBasis // "" when not stated: BasisPrevious
	Adjustments       []Adjustment     // deductions, then premiums
	CoalDiscounts     []CoalDiscount   // the smelter's list (Agreements.CoalDiscounts, shared, not copied): what a coal deduction of value full passes through
	Line              int              // line in the agreements file; 0 when built from flags
}

// DefaultTerms returns terms with the defaults of the agreements file and
// no deductions: delivery-month pricing, the average rounded to whole yuan,
// the unit price to the fen, and 13% VAT.
func DefaultTerms() Terms {
	return Terms{
		PricingMonth:      DeliveryMonth,
		AverageRounding:   Yuan,
		UnitPriceRounding: Fen,
		VATRate:           DefaultVATRate,
	}
}

// Basis returns what a provisional price stands on under t: for delivery-
// month pricing, the stated basis (BasisPrevious unless stated); for
// previous-month pricing, the benchmark month's quotes so far.
func (t Terms) Basis() ProvisionalBasis {
	switch {
	case t.PricingMonth == PreviousMonth:
		return BasisMonthToDate
	case t.ProvisionalBasis == "":
		return BasisPrevious
	}
	return t.ProvisionalBasis
}

// ForMonth returns t as it prices month m: a coal deduction agreed as the
// coal discount in full takes the figure the coal discount in force in m
// implies ([CoalDiscount.PassThrough]), with its derivation. A month no
// coal discount covers is an error.
func (t Terms) ForMonth(m Month) (Terms, error) {
	i := slices.IndexFunc(t.Adjustments, func(a Adjustment) bool { return a.Full })
	if i < 0 {
		return t, nil
	}
	cd, ok := CoalDiscountFor(t.CoalDiscounts, m)
	if !ok {
		return t, Errorf("the coal deduction is the coal discount in full, but no coal_discount covers %s", m)
	}
	t.Adjustments = slices.Clone(t.Adjustments)
	a := &t.Adjustments[i]
	a.Value = PerTonne(cd.PassThrough())
	a.Derivation = cd.Derivation()
	return t, nil
}

// Covers reports whether t prices month m on its own dates (it does not
// know about later versions).
func (t Terms) Covers(m Month) bool { return m >= t.From && (t.To == 0 || m <= t.To) }

// With returns a copy of t in which a replaces the adjustment stating the
// same line, or is added after the others of its kind.
func (t Terms) With(a Adjustment) Terms {
	adj := slices.Clone(t.Adjustments)
	for i, old := range adj {
		if old.SameLine(a) {
			adj[i] = a
			t.Adjustments = adj
			return t
		}
	}
	at := len(adj)
	if a.Kind != Premium {
		// Deductions stay ahead of the premiums.
		at = slices.IndexFunc(adj, func(x Adjustment) bool { return x.Kind == Premium })
		if at < 0 {
			at = len(adj)
		}
	}
	t.Adjustments = slices.Insert(adj, at, a)
	return t
}
