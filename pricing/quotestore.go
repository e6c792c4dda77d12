package pricing

import (
	"slices"
	"time"

	"github.com/shopspring/decimal"
)

// QuoteConflict is a date a store has with other figures than an input.
type QuoteConflict struct {
	Date             time.Time
	Stored, Incoming Quote
}

// MergeResult is what merging quotes into a store did.
type MergeResult struct {
	Quotes    []Quote // the store after the merge, by date, one a date
	Added     int
	Unchanged int
	Replaced  int
	Conflicts []QuoteConflict // dates with other figures; applied only with replace
	Closed    int             // incoming rows dated on a weekend or a public holiday, skipped
	Warnings  []Note          // implausible figures: an average off its range, a jump over 8%
}

// maxJumpPercent is how far, in percent, a day's average may move from the
// previous trading day's before it is called implausible.
var maxJumpPercent = decimal.NewFromInt(8)

// MergeQuotes merges incoming quotes into stored ones (a store's, by date)
// on the trading calendar cal: a date not stored is added; one stored with
// the same figures is unchanged; one stored with other figures is a
// conflict, kept as stored unless replace. Rows dated on a weekend or a
// public holiday are skipped and counted. The figures are compared as
// given: an incoming quote without a range or a change leaves the stored
// one's.
func MergeQuotes(stored, incoming []Quote, cal *Calendar, replace bool) *MergeResult {
	res := &MergeResult{}
	byDate := map[time.Time]int{}
	merged := slices.Clone(stored)
	for i, q := range merged {
		byDate[q.Date] = i
	}
	for _, q := range incoming {
		if trading, _ := cal.TradingDay(q.Date); !trading {
			res.Closed++
			continue
		}
		i, ok := byDate[q.Date]
		if !ok {
			byDate[q.Date] = len(merged)
			merged = append(merged, q)
			res.Added++
			continue
		}
		if sameQuote(merged[i], q) {
			res.Unchanged++
			continue
		}
		res.Conflicts = append(res.Conflicts, QuoteConflict{Date: q.Date, Stored: merged[i], Incoming: q})
		if replace {
			merged[i] = q
			res.Replaced++
		}
	}
	slices.SortFunc(merged, func(a, b Quote) int { return a.Date.Compare(b.Date) })
	res.Quotes = merged
	res.Warnings = plausibility(merged)
	return res
}

// sameQuote reports whether incoming says nothing other than stored.
func sameQuote(stored, incoming Quote) bool {
	if stored.None != incoming.None {
		return false
	}
	if !stored.Average.Equal(incoming.Average) {
		return false
	}
	if incoming.HasRange && (!stored.HasRange || !stored.Low.Equal(incoming.Low) || !stored.High.Equal(incoming.High)) {
		return false
	}
	if incoming.HasChange && (!stored.HasChange || !stored.Change.Equal(incoming.Change)) {
		return false
	}
	return true
}

// plausibility warns about quotes that look wrong: an average outside its
// range, or more than 8% away from the previous trading day's.
func plausibility(qs []Quote) []Note {
	var notes []Note
	var prev *Quote // the trading day quoted before, declared days passed over
	for i := range qs {
		q := qs[i]
		if q.None != "" {
			continue
		}
		if q.HasRange && (q.Average.LessThan(q.Low) || q.Average.GreaterThan(q.High)) {
			notes = append(notes, Note{Date: q.Date, Line: q.Line, Why: Msg("quote.outside", q.Average.String(), q.Low.String(), q.High.String())})
		}
		last := prev
		prev = &qs[i]
		if last == nil {
			continue
		}
		if jump := q.Average.Sub(last.Average).Abs().Mul(hundred); jump.GreaterThan(last.Average.Mul(maxJumpPercent)) {
			notes = append(notes, Note{Date: q.Date, Line: q.Line, Why: Msg("quote.jump", q.Average.String(), FormatDate(last.Date), last.Average.String(), maxJumpPercent.String())})
		}
	}
	return notes
}

// MonthStatuses returns, for each month the quotes have, its average's
// days and status on the calendar of q.
func (q *Quotes) MonthStatuses() []Average {
	var out []Average
	for _, m := range q.Months() {
		if a, err := q.Average(m, Yuan); err == nil {
			out = append(out, a)
		}
	}
	return out
}
