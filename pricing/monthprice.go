package pricing

import "fmt"

// MonthPrice is the price of a supply month: the terms in force, the
// benchmark month's average and the build-up on it.
type MonthPrice struct {
	Month     Month   // the supply month
	Terms     Terms   // the version in force in Month
	Benchmark Average // of Terms.PricingMonth.BenchmarkMonth(Month), rounded by Terms.AverageRounding
	Price     Price
}

// PriceMonth prices supply month m under terms t on the quotes: the
// benchmark is the average of the month t's pricing month names (rule 2.1).
func PriceMonth(t Terms, m Month, q *Quotes) (MonthPrice, error) {
	avg, err := q.Average(t.PricingMonth.BenchmarkMonth(m), t.AverageRounding)
	if err != nil {
		if t.PricingMonth == PreviousMonth {
			err = fmt.Errorf("supply month %s is priced on the previous month's average: %w", m, err)
		}
		return MonthPrice{}, err
	}
	p, err := BuildPrice(avg.Value, t)
	if err != nil {
		return MonthPrice{}, fmt.Errorf("supply month %s: %w", m, err)
	}
	return MonthPrice{Month: m, Terms: t, Benchmark: avg, Price: p}, nil
}

// PriceMonth prices supply month m under the terms of a in force that month.
func (a *Agreement) PriceMonth(m Month, q *Quotes) (MonthPrice, error) {
	t, err := a.TermsFor(m)
	if err != nil {
		return MonthPrice{}, err
	}
	mp, err := PriceMonth(t, m, q)
	if err != nil {
		return MonthPrice{}, fmt.Errorf("agreement %s: %w", a.ID, err)
	}
	return mp, nil
}
