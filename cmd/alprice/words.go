package main

import (
	"encoding/json"

	"github.com/shopspring/decimal"

	"alprice/pricing"
)

// words is a bill's amount in JSON as its Chinese capitals (大写金额,
// pricing.AmountInWords): "amount_in_words" beside "amount" wherever the
// amount is one an invoice or a statement bills.
type words decimal.Decimal

func (w words) MarshalJSON() ([]byte, error) {
	s, err := pricing.AmountInWords(decimal.Decimal(w))
	if err != nil {
		return nil, err
	}
	return json.Marshal(s)
}
