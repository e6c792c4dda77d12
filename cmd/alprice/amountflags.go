package main

import (
	"github.com/shopspring/decimal"

	"alprice/pricing"
)

// invoiceCap parses --invoice-cap, given as text: more than zero; zero
// when not given (the agreement's invoice: cap, else none).
func invoiceCap(text string) (decimal.Decimal, error) {
	if text == "" {
		return decimal.Zero, nil
	}
	c, err := pricing.ParseMoney(text)
	if err == nil && !c.IsPositive() {
		err = pricing.Errorf("is zero; the cap must be more than zero")
	}
	if err != nil {
		return decimal.Zero, flagError("invoice-cap", text, err)
	}
	return c, nil
}

// taxTolerance parses --tax-tolerance: the largest difference allowed
// between a line's VAT and amount × rate, more than zero.
func taxTolerance(text string) (decimal.Decimal, error) {
	tol, err := pricing.ParseMoney(text)
	if err == nil && !tol.IsPositive() {
		err = pricing.Errorf("is zero; give the largest difference allowed, such as 0.06")
	}
	if err != nil {
		return decimal.Zero, flagError("tax-tolerance", text, err)
	}
	return tol, nil
}
