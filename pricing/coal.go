package pricing

import (
	"slices"

	"github.com/shopspring/decimal"
)

// CoalDiscount is the smelter's coal discount under its coal-supply
// agreement (clause 2, coal: coal mines sell production coal at long-term
// preferential prices in proportion to the molten aluminium supplied
// downstream, and the smelter passes the discount on in full). A version
// holds from its month on, until the next.
type CoalDiscount struct {
	From                  Month
	PerTonneCoal          decimal.Decimal // CNY per tonne of coal
	CoalPerTonneAluminium decimal.Decimal // tonnes of coal burned per tonne of aluminium
	Line                  int
}

// PassThrough returns the coal discount per tonne of aluminium it implies,
// by [CoalPassThrough].
func (c CoalDiscount) PassThrough() decimal.Decimal {
	return CoalPassThrough(c.PerTonneCoal, c.CoalPerTonneAluminium)
}

// Derivation says how the pass-through is worked out: "30 × 5.6 t coal/t".
func (c CoalDiscount) Derivation() string {
	return c.PerTonneCoal.String() + " × " + c.CoalPerTonneAluminium.String() + " t coal/t"
}

// CoalDiscountFor returns the coal discount in force in month m: the
// latest version from m or before.
func CoalDiscountFor(list []CoalDiscount, m Month) (CoalDiscount, bool) {
	best := -1
	for i, c := range list {
		if c.From <= m && (best < 0 || c.From > list[best].From) {
			best = i
		}
	}
	if best < 0 {
		return CoalDiscount{}, false
	}
	return list[best], true
}

// coalPerTonneDecimals is how precisely coal burned per tonne of aluminium
// is stated.
const coalPerTonneDecimals = 3

// parseCoalPerTonne parses tonnes of coal per tonne of aluminium: such as
// 5.6, more than zero.
func ParseCoalPerTonne(s string) (decimal.Decimal, error) {
	d, err := ScanDecimal(s, coalPerTonneDecimals)
	if err == nil && !d.IsPositive() {
		err = Errorf("is zero")
	}
	if err != nil {
		return d, Errorf("%w: write tonnes of coal per tonne of aluminium, such as 5.6 (at most 3 decimals)", err)
	}
	return d, nil
}

// SortCoalDiscounts orders versions by month.
func SortCoalDiscounts(list []CoalDiscount) {
	slices.SortStableFunc(list, func(a, b CoalDiscount) int { return int(a.From - b.From) })
}
