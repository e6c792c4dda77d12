package einvoice

import (
	"math"
	"testing"

	"alprice/pricing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// The texts made from integers are the decimal's own, for any coefficient
// (those beyond an int64 and those needing rounding go the decimal's way),
// any exponent and any number of places.
func TestPropertyFixedTextIsDecimalText(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		coef := rapid.OneOf(
			rapid.Int64Range(-1_000_000, 1_000_000),
			rapid.Int64(),
			rapid.SampledFrom([]int64{0, 1, -1, 9, 10, 99, 100, 999_999_999_999_999_999, -999_999_999_999_999_999,
				1_000_000_000_000_000_000, math.MaxInt64, math.MinInt64}),
		).Draw(t, "coef")
		exp := rapid.Int32Range(-22, 3).Draw(t, "exp")
		places := rapid.Int32Range(0, 20).Draw(t, "places")
		d := decimal.New(coef, exp)
		if got, want := fixedText(d, places), d.StringFixed(places); got != want {
			t.Fatalf("fixedText(%s, %d) = %q, want %q", d, places, got, want)
		}
		if got, want := plainText(d), d.String(); got != want {
			t.Fatalf("plainText(%d×10^%d) = %q, want %q", coef, exp, got, want)
		}
		if got, want := weightText(pricing.Weight(coef)), pricing.Weight(coef).String(); got != want {
			t.Fatalf("weightText(%d) = %q, want %q", coef, got, want)
		}
	})
}

// The figures alprice writes: 金额 to the fen, 单价 to 8 decimals, a rate.
func TestFixedTextExamples(t *testing.T) {
	for _, c := range []struct {
		d      decimal.Decimal
		places int32
		fixed  string
		plain  string
	}{
		{decimal.RequireFromString("999999.99"), 2, "999999.99", "999999.99"},
		{decimal.RequireFromString("0.13"), 2, "0.13", "0.13"},
		{decimal.New(130000, -6), 6, "0.130000", "0.13"},
		{decimal.RequireFromString("20710.32743521"), 8, "20710.32743521", "20710.32743521"},
		{decimal.RequireFromString("20710.30000000"), 8, "20710.30000000", "20710.3"},
		{decimal.New(5, 0), 2, "5.00", "5"},
		{decimal.New(-5, -3), 2, "-0.01", "-0.005"}, // rounded: the decimal's way
		{decimal.New(5, 2), 0, "500", "500"},
		{decimal.Zero, 2, "0.00", "0"},
	} {
		if got := fixedText(c.d, c.places); got != c.fixed {
			t.Errorf("fixedText(%s, %d) = %q, want %q", c.d, c.places, got, c.fixed)
		}
		if got := plainText(c.d); got != c.plain {
			t.Errorf("plainText(%s) = %q, want %q", c.d, got, c.plain)
		}
	}
}
