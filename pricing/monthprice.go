package pricing

import (
	"strings"
	"time"
)

// MonthPrice is the price of a supply month: the terms in force, the
// benchmark month's average and the build-up on it.
type MonthPrice struct {
	Month   Month   // the supply month
	Terms   Terms   // the version in force in Month
	Average Average // of Terms.PricingMonth.BenchmarkMonth(Month), or of the provisional basis; rounded by Terms.AverageRounding
	Price   Price
	// Basis is what a provisional price stands on; "" for a final price.
	Basis ProvisionalBasis
}

// Provisional reports whether the price is provisional: its benchmark
// month's quotes are not all in, and it stands on the terms' provisional
// basis, a price to true up once the month closes.
func (mp MonthPrice) Provisional() bool { return mp.Basis != "" }

// ErrPartialMonth is the error of pricing on a benchmark month whose
// quotes are not all in, when a provisional price was not asked for.
var ErrPartialMonth = Errorf("the benchmark month is not complete")

// PartialMonthError is a benchmark month that is not complete, with what
// is known of it. errors.Is(err, ErrPartialMonth) holds.
type PartialMonthError struct {
	Source         string // the quotes file
	Month          Month
	Status         MonthStatus // Partial or Gaps
	Last           time.Time   // the last quoted day
	Days, Expected int         // trading days quoted, of the month's
	Missing        []time.Time // trading days before the last quote with no quote
	// Basis is what a provisional price would stand on: the terms'
	// provisional basis.
	Basis ProvisionalBasis
}

func (e *PartialMonthError) Error() string { return Say(e, nil) }

// Template says e: where the quotes stop, or which days are missing.
func (e *PartialMonthError) Template() *Error {
	if e.Status == Gaps {
		days := make([]string, len(e.Missing))
		for i, d := range e.Missing {
			days[i] = FormatDate(d)
		}
		if len(days) > 1 {
			return &Error{Template: "the %s average of %s is not final: %d of %d trading days are quoted, and %d have no quote: %s",
				Args: []any{e.Month, e.Source, e.Days, e.Expected, len(days), strings.Join(days, ", ")}}
		}
		return &Error{Template: "the %s average of %s is not final: %d of %d trading days are quoted, and %s has no quote",
			Args: []any{e.Month, e.Source, e.Days, e.Expected, strings.Join(days, ", ")}}
	}
	return &Error{Template: "the %s average of %s is not final: the quotes stop at %s, %d of %d trading days",
		Args: []any{e.Month, e.Source, FormatDate(e.Last), e.Days, e.Expected}}
}

// Is makes errors.Is(err, ErrPartialMonth) hold.
func (e *PartialMonthError) Is(target error) bool { return target == ErrPartialMonth }

// PartialMonthsError lists every statement whose benchmark month is not
// complete: nothing is settled while one is. errors.Is(err,
// ErrPartialMonth) holds.
type PartialMonthsError []error

func (e PartialMonthsError) Error() string { return Say(e, nil) }

func (e PartialMonthsError) Unwrap() []error { return e }

// Is makes errors.Is(err, ErrPartialMonth) hold.
func (e PartialMonthsError) Is(target error) bool { return target == ErrPartialMonth }

// PriceMonth prices supply month m under terms t on the quotes: the
// benchmark is the average of the month t's pricing month names (rule 2.1).
// A benchmark month whose quotes are not all in is a *PartialMonthError,
// unless provisional: then the price stands on the terms' provisional
// basis ([Terms.Basis]) — the previous month's final average, or the
// quotes so far — and says so ([MonthPrice.Provisional]).
func PriceMonth(t Terms, m Month, q *Quotes, provisional bool) (MonthPrice, error) {
	mp, err := priceMonth(t, m, q, provisional)
	if err != nil {
		if t.PricingMonth == PreviousMonth {
			return MonthPrice{}, Errorf("supply month %s is priced on the previous month's average: %w", m, err)
		}
		return MonthPrice{}, Errorf("supply month %s: %w", m, err)
	}
	return mp, nil
}

func priceMonth(t Terms, m Month, q *Quotes, provisional bool) (MonthPrice, error) {
	avg, err := q.Average(t.PricingMonth.BenchmarkMonth(m), t.AverageRounding)
	if err != nil {
		return MonthPrice{}, err
	}
	if avg.Status != Complete {
		if !provisional {
			return MonthPrice{}, partialMonth(q, avg, t)
		}
		return provisionalPrice(t, m, q)
	}
	p, err := BuildPrice(avg.Value, t)
	return MonthPrice{Month: m, Terms: t, Average: avg, Price: p}, err
}

func partialMonth(q *Quotes, avg Average, t Terms) error {
	return &PartialMonthError{Source: q.Source, Month: avg.Month, Status: avg.Status, Last: avg.Last, Days: avg.Days, Expected: avg.ExpectedDays,
		Missing: avg.MissingWeekdays, Basis: t.Basis()}
}

// ProvisionalPrice prices supply month m on the provisional basis of terms
// t ([Terms.Basis]), whether or not its benchmark month is complete by now:
// what invoices issued while the month was in progress were priced on. On
// the previous month's final average, that month must be complete; on the
// month to date, the price stands on the quotes the file has.
func ProvisionalPrice(t Terms, m Month, q *Quotes) (MonthPrice, error) {
	mp, err := provisionalPrice(t, m, q)
	if err != nil {
		return MonthPrice{}, Errorf("supply month %s: %w", m, err)
	}
	return mp, nil
}

func provisionalPrice(t Terms, m Month, q *Quotes) (MonthPrice, error) {
	mp := MonthPrice{Month: m, Terms: t, Basis: t.Basis()}
	bm := t.PricingMonth.BenchmarkMonth(m)
	if mp.Basis == BasisPrevious {
		bm--
	}
	avg, err := q.Average(bm, t.AverageRounding)
	if err == nil && mp.Basis == BasisPrevious && avg.Status != Complete {
		err = partialMonth(q, avg, t)
	}
	if err != nil {
		if mp.Basis == BasisPrevious {
			err = Errorf("its provisional basis is the previous month's final average: %w", err)
		}
		return MonthPrice{}, err
	}
	mp.Average = avg
	mp.Price, err = BuildPrice(avg.Value, t)
	return mp, err
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
		return MonthPrice{}, Errorf("agreement %s: %w", a.ID, err)
	}
	return mp, nil
}
