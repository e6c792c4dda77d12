package settle

import (
	"github.com/shopspring/decimal"

	"alprice/pricing"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func month(s string) pricing.Month {
	m, err := pricing.ParseMonth(s)
	if err != nil {
		panic(err)
	}
	return m
}
