package pricing

import (
	"math"
	"math/bits"

	"github.com/shopspring/decimal"
)

// Every rounding alprice does is in this file. All of them round half away
// from zero (四舍五入, decimal.Round and decimal.DivRound), each to a
// stated scale; nothing else in the package rounds.
//
//	step                                   scale            function
//	monthly average of daily quotes        yuan or fen      [MonthlyAverage]
//	exact mean shown beside it             4 decimals       [ExactMean]
//	percentage line = benchmark × rate     fen              [PercentLine]
//	unit price (VAT incl.)                 fen or yuan      [RoundUnitPrice]
//	unit price excl. VAT = price ÷ (1+r)   fen              [ExclVAT]
//	amount = unit price × weight           fen              [Amount]
//	amount excl. VAT = amount ÷ (1+r)      fen              [ExclVAT]
//	VAT = amount − amount excl. VAT        exact            [SplitVAT]
//	an invoice line's expected VAT         fen              [LineVAT]
//	  = amount excl. VAT × rate
//	an invoice line's expected amount      fen              [LineAmount]
//	  = quantity × unit price excl. VAT
//	billed unit price = amount ÷ quantity  fen              [UnitPriceOf]
//	weight near an amount, to search from  whole kg         [weightNear]
//	a total shared by weights (true-up)    fen, rest last   [Allocate]
//	price advantage released and parts     fen, rest last   [ReleasedParts]
//	local conversion rate                  0.01 percent     [ConversionRate]
//	coal pass-through per tonne of Al      fen              [CoalPassThrough]
//	  = CNY/t coal × t coal per t Al
//	invoice-ready unit price excl. VAT     8 decimals       [InvoiceUnitPrice]
//	  = amount excl. VAT ÷ quantity
//	quantity an invoice left out           whole kg         [QuantityOf]
//	  = amount excl. VAT ÷ unit price
//
// The check of invoice lines repeats three of them on the exact integers
// [Invoices] keeps ([FixedLine]), rounding the same way to the same scale,
// so that a million lines need no decimal: [LineAmountFen] is
// [LineAmount], [LineVATFen] is [LineVAT] and [AmountFen] is [Amount].
// Each says false when the product leaves int64, and the caller falls
// back to the decimal.

var (
	one     = decimal.NewFromInt(1)
	hundred = decimal.NewFromInt(100)
)

const (
	ScaleFen  = 2
	scaleYuan = 0
	scaleMean = 4
	// UnitPriceDecimals is how many decimals an invoice's unit price excl.
	// VAT has, as [InvoiceUnitPrice] makes it and an invoice may carry.
	UnitPriceDecimals = 8
)

// Rounding names the scale a price is rounded to.
type Rounding string

// The roundings the agreements file knows.
const (
	Yuan Rounding = "yuan" // whole yuan
	Fen  Rounding = "fen"  // 0.01 yuan
)

func (r Rounding) scale() int32 {
	if r == Yuan {
		return scaleYuan
	}
	return ScaleFen
}

// ParseRounding parses "yuan" or "fen".
func ParseRounding(s string) (Rounding, error) {
	switch r := Rounding(s); r {
	case Yuan, Fen:
		return r, nil
	}
	return "", Errorf("is not a rounding: write yuan or fen")
}

// PercentLine returns percent % of benchmark, rounded half away from zero to
// the fen: 0.6% of 24389 is 146.334, which gives 146.33.
func PercentLine(benchmark, percent decimal.Decimal) decimal.Decimal {
	return benchmark.Mul(percent).Shift(-2).Round(ScaleFen)
}

// RoundUnitPrice rounds a unit price half away from zero to r.
func RoundUnitPrice(price decimal.Decimal, r Rounding) decimal.Decimal {
	return price.Round(r.scale())
}

// ExclVAT returns the VAT-exclusive part of a VAT-inclusive sum, inclusive ÷
// (1 + rate), rounded half away from zero to the fen.
func ExclVAT(inclusive, rate decimal.Decimal) decimal.Decimal {
	return inclusive.DivRound(one.Add(rate), ScaleFen)
}

// Amount returns unit price × weight, rounded half away from zero to the fen.
func Amount(unitPrice decimal.Decimal, w Weight) decimal.Decimal {
	return unitPrice.Mul(w.Tonnes()).Round(ScaleFen)
}

// SplitVAT splits a VAT-inclusive amount (价税合计) as a Chinese VAT invoice
// does: the amount excl. VAT (金额) by [ExclVAT], and the VAT (税额) as the
// rest, so that the two always add up to amount exactly.
func SplitVAT(amount, rate decimal.Decimal) (exclVAT, vat decimal.Decimal) {
	exclVAT = ExclVAT(amount, rate)
	return exclVAT, amount.Sub(exclVAT)
}

// MonthlyAverage returns sum ÷ days rounded half away from zero to r, from
// the exact quotient (never from an already rounded mean).
func MonthlyAverage(sum decimal.Decimal, days int, r Rounding) decimal.Decimal {
	return sum.DivRound(decimal.NewFromInt(int64(days)), r.scale())
}

// ExactMean returns sum ÷ days rounded half away from zero to 4 decimals,
// for display beside the rounded average.
func ExactMean(sum decimal.Decimal, days int) decimal.Decimal {
	return sum.DivRound(decimal.NewFromInt(int64(days)), scaleMean)
}

// LineVAT returns the VAT invoicing software expects on an invoice line:
// amount excl. VAT × rate, rounded half away from zero to the fen. A line's
// VAT may differ from it by the tax tolerance, an invoice's lines together
// by ±1.27.
func LineVAT(amountExclVAT, rate decimal.Decimal) decimal.Decimal {
	return amountExclVAT.Mul(rate).Round(ScaleFen)
}

// LineAmount returns the amount excl. VAT invoicing software expects on an
// invoice line: quantity × unit price excl. VAT, rounded half away from
// zero to the fen.
func LineAmount(quantity Weight, unitPriceExclVAT decimal.Decimal) decimal.Decimal {
	return quantity.Tonnes().Mul(unitPriceExclVAT).Round(ScaleFen)
}

// UnitPriceOf returns the unit price an amount bills for a weight: amount ÷
// tonnes, rounded half away from zero to the fen.
func UnitPriceOf(amount decimal.Decimal, w Weight) decimal.Decimal {
	return amount.DivRound(w.Tonnes(), ScaleFen)
}

// weightNear returns the weight, in whole kilograms rounded half away from
// zero, whose amount excl. VAT at p's unit price is about amountExclVAT:
// amount × (1 + rate) ÷ unit price. It is where a search starts, never a
// billed figure.
func weightNear(amountExclVAT decimal.Decimal, p Price) Weight {
	return Weight(amountExclVAT.Mul(one.Add(p.VATRate)).Shift(3).DivRound(p.UnitPrice, 0).IntPart())
}

// Allocate shares total among parts in proportion to weights: each part but
// the last is total × weight ÷ Σ weights, rounded half away from zero to the
// fen; the last takes the rest, so that the parts add up to total exactly.
// A red-letter true-up spreads a price allowance over the blue invoice's
// lines this way. weights must not all be zero.
func Allocate(total decimal.Decimal, weights []Weight) []decimal.Decimal {
	var sum Weight
	for _, w := range weights {
		sum += w
	}
	parts := make([]decimal.Decimal, len(weights))
	rest := total
	for i, w := range weights {
		if i == len(weights)-1 {
			parts[i] = rest
			break
		}
		parts[i] = total.Mul(decimal.NewFromInt(int64(w))).DivRound(decimal.NewFromInt(int64(sum)), ScaleFen)
		rest = rest.Sub(parts[i])
	}
	return parts
}

// InvoiceUnitPrice returns the unit price excl. VAT an invoice line prints
// (单价): amount excl. VAT ÷ quantity in tonnes, rounded half away from
// zero to 8 decimals, so that quantity × 单价 rounds back to the amount (金额)
// as invoicing software checks it — unlike the per-tonne price excl. VAT to
// the fen, which does not. Zero for no quantity.
func InvoiceUnitPrice(amountExclVAT decimal.Decimal, w Weight) decimal.Decimal {
	if w == 0 {
		return decimal.Zero
	}
	return amountExclVAT.DivRound(w.Tonnes(), UnitPriceDecimals)
}

// QuantityOf returns the quantity of an invoice line that leaves 数量 out
// (the platform works it out from 金额 = 单价 × 数量): amount excl. VAT ÷
// unit price excl. VAT, in tonnes rounded half away from zero to the
// kilogram (0.001 t). Zero for no unit price.
func QuantityOf(amountExclVAT, unitPrice decimal.Decimal) Weight {
	if unitPrice.IsZero() {
		return 0
	}
	return Weight(amountExclVAT.DivRound(unitPrice, 3).Shift(3).IntPart())
}

// CoalPassThrough returns the coal discount a tonne of aluminium carries:
// the discount per tonne of coal × the tonnes of coal burned per tonne of
// aluminium, rounded half away from zero to the fen (30 × 5.6 = 168.00).
func CoalPassThrough(perTonneCoal, coalPerTonneAluminium decimal.Decimal) decimal.Decimal {
	return perTonneCoal.Mul(coalPerTonneAluminium).Round(ScaleFen)
}

// ReleasedParts returns what per-tonne amounts come to over weight w: the
// total, Σ amounts × tonnes rounded half away from zero to the fen, and
// each part rounded so too but the last, which takes the rest, so that the
// parts add up to the total exactly. The price advantage released (让利) is
// shared among the lines of the build-up this way.
func ReleasedParts(perTonne []decimal.Decimal, w Weight) (total decimal.Decimal, parts []decimal.Decimal) {
	sum := decimal.Zero
	for _, p := range perTonne {
		sum = sum.Add(p)
	}
	total = Amount(sum, w)
	parts = make([]decimal.Decimal, len(perTonne))
	rest := total
	for i, p := range perTonne {
		if i == len(perTonne)-1 {
			parts[i] = rest
			break
		}
		parts[i] = Amount(p, w)
		rest = rest.Sub(parts[i])
	}
	return total, parts
}

// ConversionRate returns delivered ÷ output as a percentage, rounded half
// away from zero to 2 decimals: the local conversion rate of molten
// aluminium (铝液就地转化率) when delivered is the molten metal supplied to
// local processors and output the smelter's whole output.
func ConversionRate(delivered, output Weight) decimal.Decimal {
	return decimal.NewFromInt(int64(delivered)).Shift(2).DivRound(decimal.NewFromInt(int64(output)), 2)
}

// LineAmountFen is [LineAmount] on integers: quantity (kg) × unit price
// excl. VAT (10⁻⁸ yuan), rounded half away from zero to the fen.
func LineAmountFen(quantity Weight, unitPrice int64) (int64, bool) {
	return mulDivRound(int64(quantity), unitPrice, 1e9) // 10⁻¹¹ yuan to fen
}

// LineVATFen is [LineVAT] on integers: amount excl. VAT (fen) × rate
// (10⁻⁶), rounded half away from zero to the fen.
func LineVATFen(amountExclVAT, rateMicro int64) (int64, bool) {
	return mulDivRound(amountExclVAT, rateMicro, 1e6)
}

// AmountFen is [Amount] on integers: unit price (fen) × weight (kg),
// rounded half away from zero to the fen.
func AmountFen(unitPrice int64, w Weight) (int64, bool) {
	return mulDivRound(unitPrice, int64(w), 1e3)
}

// mulDivRound returns a × b ÷ d rounded half away from zero, d > 0, and
// false when a × b or the result does not fit an int64.
func mulDivRound(a, b, d int64) (int64, bool) {
	if a == math.MinInt64 || b == math.MinInt64 {
		return 0, false
	}
	negative := (a < 0) != (b < 0)
	hi, lo := bits.Mul64(uint64(abs64(a)), uint64(abs64(b)))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	q, r := lo/uint64(d), lo%uint64(d)
	if 2*r >= uint64(d) {
		q++
	}
	if negative {
		return -int64(q), true
	}
	return int64(q), true
}

func abs64(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}
