package invoice

import (
	"context"
	"os"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"alprice/pricing"
	"alprice/pricing/internal/sample"
	"alprice/pricing/read"
	"alprice/pricing/settle"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func month(s string) pricing.Month {
	m, err := pricing.ParseMonth(s)
	if err != nil {
		panic(err)
	}
	return m
}

// fen draws an amount of money between min and max fen.
func fen(min, max int64) *rapid.Generator[decimal.Decimal] {
	return rapid.Map(rapid.Int64Range(min, max), func(n int64) decimal.Decimal { return decimal.New(n, -2) })
}

// settled settles a deliveries file of testdata on the sample inputs.
func settled(t *testing.T, name string, opts settle.SettleOptions) *settle.Settlement {
	t.Helper()
	ags, q := sample.Inputs(t)
	f, err := os.Open(sample.Testdata(name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dr, err := read.NewDeliveryReader(f, name, read.AutoEncoding)
	if err != nil {
		t.Fatal(err)
	}
	s, err := settle.Settle(context.Background(), dr, ags, q, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
