package pricing

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// MonthPrice is the price of a supply month: the terms in force, the
// benchmark month's average and the build-up on it.
type MonthPrice struct {
	Month     Month   // the supply month
	Terms     Terms   // the version in force in Month
	Benchmark Average // of Terms.PricingMonth.BenchmarkMonth(Month), rounded by Terms.AverageRounding
	Price     Price
}

// Provisional reports whether the price stands on a benchmark month whose
// quotes are not all in: a price to correct once the month closes.
func (mp MonthPrice) Provisional() bool { return mp.Benchmark.Status == Partial }

// ErrPartialMonth is the error of pricing on a benchmark month whose
// quotes are not all in, when a provisional price was not asked for.
var ErrPartialMonth = errors.New("the benchmark month is not complete")

// PartialMonthError is a benchmark month that is not complete, with what
// is known of it. errors.Is(err, ErrPartialMonth) holds.
type PartialMonthError struct {
	Source         string // the quotes file
	Month          Month
	Last           time.Time // the last quoted day
	Days, Expected int       // trading days quoted, of the month's
}

func (e *PartialMonthError) Error() string {
	return fmt.Sprintf("the %s average of %s is not final: the quotes stop at %s, %d of %d trading days",
		e.Month, e.Source, formatDate(e.Last), e.Days, e.Expected)
}

// Is makes errors.Is(err, ErrPartialMonth) hold.
func (e *PartialMonthError) Is(target error) bool { return target == ErrPartialMonth }

// PartialMonthsError lists every statement whose benchmark month is not
// complete: nothing is settled while one is. errors.Is(err,
// ErrPartialMonth) holds.
type PartialMonthsError []error

func (e PartialMonthsError) Error() string {
	lines := make([]string, len(e))
	for i, err := range e {
		lines[i] = err.Error()
	}
	return strings.Join(lines, "\n")
}

// Is makes errors.Is(err, ErrPartialMonth) hold.
func (e PartialMonthsError) Is(target error) bool { return target == ErrPartialMonth }

// PriceMonth prices supply month m under terms t on the quotes: the
// benchmark is the average of the month t's pricing month names (rule 2.1).
// A benchmark month whose quotes are not all in is a *PartialMonthError,
// unless provisional: then the price stands on the quotes so far, and
// says so ([MonthPrice.Provisional]).
func PriceMonth(t Terms, m Month, q *Quotes, provisional bool) (MonthPrice, error) {
	avg, err := q.Average(t.PricingMonth.BenchmarkMonth(m), t.AverageRounding)
	if err == nil && avg.Status == Partial && !provisional {
		err = &PartialMonthError{Source: q.Source, Month: avg.Month, Last: avg.Last, Days: avg.Days, Expected: avg.ExpectedDays}
	}
	if err != nil {
		if t.PricingMonth == PreviousMonth {
			return MonthPrice{}, fmt.Errorf("supply month %s is priced on the previous month's average: %w", m, err)
		}
		return MonthPrice{}, fmt.Errorf("supply month %s: %w", m, err)
	}
	p, err := BuildPrice(avg.Value, t)
	if err != nil {
		return MonthPrice{}, fmt.Errorf("supply month %s: %w", m, err)
	}
	return MonthPrice{Month: m, Terms: t, Benchmark: avg, Price: p}, nil
}

// PriceMonth prices supply month m under the terms of a in force that
// month, as the function PriceMonth does.
func (a *Agreement) PriceMonth(m Month, q *Quotes, provisional bool) (MonthPrice, error) {
	t, err := a.TermsFor(m)
	if err != nil {
		return MonthPrice{}, err
	}
	mp, err := PriceMonth(t, m, q, provisional)
	if err != nil {
		return MonthPrice{}, fmt.Errorf("agreement %s: %w", a.ID, err)
	}
	return mp, nil
}
