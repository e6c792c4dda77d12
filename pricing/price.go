package pricing

import (
	"github.com/shopspring/decimal"
)

// Line is one line of the price build-up: what an agreed deduction or
// premium comes to per tonne on the month's benchmark.
type Line struct {
	Kind       Kind
	Label      string          // the agreed label; empty where the kind names the line
	Value      Value           // as agreed; zero for the rounding line
	Amount     decimal.Decimal // signed effect on the price, CNY/t: negative for a deduction
	Derivation string          // how a value filled in was worked out ("30 × 5.6 t coal/t"); empty otherwise
}

// Price is the molten-aluminium price per tonne built up from the benchmark,
// the way clause 2 of the policy says: the Changjiang A00 monthly average
// (rule 2.1), less transport (2.2), casting, burn loss and other agreed fees
// (2.3), less the coal pass-through, plus agreed premiums.
type Price struct {
	Benchmark        decimal.Decimal // CNY/t, VAT incl.
	Lines            []Line          // in the order agreed, then a rounding line if any
	UnitPrice        decimal.Decimal // CNY/t, VAT incl., rounded by RoundUnitPrice
	UnitPriceExclVAT decimal.Decimal // CNY/t, by ExclVAT
	VATRate          decimal.Decimal // a fraction: 0.13
}

// BuildPrice prices one tonne of molten aluminium on benchmark under terms t.
// A unit price that would not be positive is an error naming the deductions.
func BuildPrice(benchmark decimal.Decimal, t Terms) (Price, error) {
	p := Price{Benchmark: benchmark, VATRate: t.VATRate}
	price := benchmark
	for _, a := range t.Adjustments {
		amount := a.Value.On(benchmark)
		if a.Kind != Premium {
			amount = amount.Neg()
		}
		p.Lines = append(p.Lines, Line{Kind: a.Kind, Label: a.Label, Value: a.Value, Amount: amount, Derivation: a.Derivation})
		price = price.Add(amount)
	}
	p.UnitPrice = RoundUnitPrice(price, t.UnitPriceRounding)
	if diff := p.UnitPrice.Sub(price); !diff.IsZero() {
		p.Lines = append(p.Lines, Line{Kind: Rounded, Amount: diff})
	}
	if !p.UnitPrice.IsPositive() {
		return Price{}, Errorf("the unit price would be %s CNY/t: the deductions (%s) exceed the benchmark %s",
			p.UnitPrice.StringFixed(ScaleFen), p.deductionList(), benchmark.StringFixed(ScaleFen))
	}
	p.UnitPriceExclVAT = ExclVAT(p.UnitPrice, t.VATRate)
	return p, nil
}

// deductionList names the deductions of p with their amounts, each said
// in the user's language ("transport 600.00, casting 400.00").
func (p Price) deductionList() error {
	var parts phrases
	for _, l := range p.Lines {
		if !l.Amount.IsNegative() || l.Kind == Rounded {
			continue
		}
		amount := l.Amount.Neg().StringFixed(ScaleFen)
		switch l.Kind {
		case Transport:
			parts = append(parts, Errorf("transport %s", amount))
		case Casting:
			parts = append(parts, Errorf("casting %s", amount))
		case BurnLoss:
			parts = append(parts, Errorf("burn_loss %s", amount))
		case Coal:
			parts = append(parts, Errorf("coal %s", amount))
		default:
			parts = append(parts, Errorf("fee %s %s", l.Label, amount))
		}
	}
	return parts
}

// Amounts are the three sums every bill and invoice states, as Chinese
// invoices do: 价税合计 (VAT incl.) = 金额 (excl. VAT) + 税额. A bill, a
// settlement's totals, a split line and a true-up each embed them.
type Amounts struct {
	Amount        decimal.Decimal // 价税合计, VAT incl.
	AmountExclVAT decimal.Decimal // 金额
	VAT           decimal.Decimal // 税额
}

// ZeroAmounts returns three zero sums, to add to.
func ZeroAmounts() Amounts { return Amounts{decimal.Zero, decimal.Zero, decimal.Zero} }

// Add returns a + b, sum by sum.
func (a Amounts) Add(b Amounts) Amounts {
	return Amounts{a.Amount.Add(b.Amount), a.AmountExclVAT.Add(b.AmountExclVAT), a.VAT.Add(b.VAT)}
}

// Sub returns a − b, sum by sum.
func (a Amounts) Sub(b Amounts) Amounts {
	return Amounts{a.Amount.Sub(b.Amount), a.AmountExclVAT.Sub(b.AmountExclVAT), a.VAT.Sub(b.VAT)}
}

// Bill is what a delivered weight costs at a unit price. Rule 2.6: the
// weight billed is the weight delivered at the buyer's end. Its Amount is
// by [Amount], split by [SplitVAT].
type Bill struct {
	Weight Weight
	Amounts
}

// Bill returns the bill for delivered weight w at p's unit price.
func (p Price) Bill(w Weight) Bill {
	amount := Amount(p.UnitPrice, w)
	excl, vat := SplitVAT(amount, p.VATRate)
	return Bill{Weight: w, Amounts: Amounts{amount, excl, vat}}
}
