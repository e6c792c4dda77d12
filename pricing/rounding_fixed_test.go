package pricing

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// TestFenRoundingsAreTheDecimals holds the integer roundings the check
// screens lines with to the decimal ones they stand for, on random figures
// of either sign, halves included, and says false rather than overflow.
func TestFenRoundingsAreTheDecimals(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	figure := func(limit int64) int64 {
		n := r.Int64N(limit)
		if r.IntN(2) == 0 {
			n = -n
		}
		return n
	}
	for range 200000 {
		q, up, amount, rate, unit := Weight(figure(100000000)), figure(100000000000), figure(10000000000), figure(1000000), figure(10000000)
		if r.IntN(4) == 0 { // round figures, where halves happen
			up -= up % 1000
			amount -= amount % 50
		}
		if _, ok := LineAmountFen(q, up); !ok && decimal.NewFromInt(int64(q)).Mul(decimal.NewFromInt(up)).Abs().LessThan(decimal.NewFromInt(math.MaxInt64)) {
			t.Fatalf("LineAmountFen(%d, %d) says the product does not fit", q, up)
		}
		if got, ok := LineAmountFen(q, up); ok && !decimal.New(got, -ScaleFen).Equal(LineAmount(q, decimal.New(up, -UnitPriceDecimals))) {
			t.Fatalf("LineAmountFen(%d, %d) = %d, %v; LineAmount says %s", q, up, got, ok, LineAmount(q, decimal.New(up, -UnitPriceDecimals)))
		}
		if got, ok := LineVATFen(amount, rate); !ok || !decimal.New(got, -ScaleFen).Equal(LineVAT(decimal.New(amount, -ScaleFen), decimal.New(rate, -6))) {
			t.Fatalf("LineVATFen(%d, %d) = %d, %v", amount, rate, got, ok)
		}
		if got, ok := AmountFen(unit, q); !ok || !decimal.New(got, -ScaleFen).Equal(Amount(decimal.New(unit, -ScaleFen), q)) {
			t.Fatalf("AmountFen(%d, %d) = %d, %v", unit, q, got, ok)
		}
	}
	if got, ok := LineVATFen(5, 100000); !ok || got != 1 { // 0.05 × 10% = 0.005 → 0.01
		t.Errorf("LineVATFen(5, 100000) = %d, %v; want 1 (half away from zero)", got, ok)
	}
	if got, ok := LineVATFen(-5, 100000); !ok || got != -1 {
		t.Errorf("LineVATFen(-5, 100000) = %d, %v; want -1 (half away from zero)", got, ok)
	}
	for _, c := range [][2]int64{{math.MaxInt64, 2}, {math.MinInt64, 1}, {1 << 40, 1 << 40}} {
		if _, ok := LineVATFen(c[0], c[1]); ok {
			t.Errorf("LineVATFen(%d, %d) fits, but the product does not", c[0], c[1])
		}
	}
}
