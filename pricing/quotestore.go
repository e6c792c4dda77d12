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
	Warnings  []Note          // implausible figures of the rows taken: an average off its range, a jump over 8%
	Outliers  []QuoteOutlier  // rows taken whose average is out of all proportion to the days around them
}

// QuoteOutlier is an incoming quote taken into the store whose average
// stands off by a factor of outlierFactor or more from the days quoted
// around it: a digit dropped or added (2400 after 26000), an input error
// rather than a market move, which the 8% jump only warns about.
type QuoteOutlier struct {
	Incoming int   // its index in the incoming quotes
	Quote    Quote // as taken
	Err      error // what is wrong, naming the days quoted before and after it
}

// outlierFactor is how many times higher or lower than the days around it
// an average must be to be an outlier. Aluminium has never moved by half
// between two trading days; a digit too many or too few is ten times.
var outlierFactor = decimal.NewFromInt(5)

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
	taken := map[time.Time]int{} // date → the index in incoming of the quote taken for it
	for n, q := range incoming {
		if trading, _ := cal.TradingDay(q.Date); !trading {
			res.Closed++
			continue
		}
		i, ok := byDate[q.Date]
		if !ok {
			byDate[q.Date] = len(merged)
			merged = append(merged, q)
			taken[q.Date] = n
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
			taken[q.Date] = n
			res.Replaced++
		}
	}
	slices.SortFunc(merged, func(a, b Quote) int { return a.Date.Compare(b.Date) })
	res.Quotes = merged
	res.Warnings = plausibility(merged, taken)
	res.Outliers = outliers(merged, taken)
	return res
}

// outliers returns the quotes taken (their dates in taken) whose average
// is a factor of outlierFactor or more off the days quoted around them:
// off both middle figures of the four quoted days nearest it (two before
// and two after, or more on one side at an end of the store), so that a
// slip is caught beside a good day, two slips in a row are both caught,
// and the good days beside a slip are not.
func outliers(qs []Quote, taken map[time.Time]int) []QuoteOutlier {
	var quoted []int // indexes in qs of the days with an average
	for i, q := range qs {
		if q.None == "" {
			quoted = append(quoted, i)
		}
	}
	var out []QuoteOutlier
	for p, i := range quoted {
		n, ok := taken[qs[i].Date]
		if !ok {
			continue
		}
		var around []decimal.Decimal
		lo := max(0, min(p-2, len(quoted)-5)) // five days in all, where the store has them
		for k := lo; k < min(lo+5, len(quoted)); k++ {
			if k != p {
				around = append(around, qs[quoted[k]].Average)
			}
		}
		if len(around) == 0 {
			continue
		}
		slices.SortFunc(around, func(a, b decimal.Decimal) int { return a.Cmp(b) })
		avg := qs[i].Average
		if !farOff(avg, around[(len(around)-1)/2]) || !farOff(avg, around[len(around)/2]) {
			continue
		}
		// The days named are the nearest on each side that are not
		// themselves far off: of two slips in a row, each names a good day.
		median := around[len(around)/2]
		plausible := func(k int) bool { return !farOff(qs[quoted[k]].Average, median) }
		b, a := p-1, p+1
		for b >= 0 && !plausible(b) {
			b--
		}
		for a < len(quoted) && !plausible(a) {
			a++
		}
		var err error
		before, after := b >= 0, a < len(quoted)
		switch {
		case before && after:
			b, a := qs[quoted[b]], qs[quoted[a]]
			err = Errorf("is off by a factor of %s or more from the days quoted around it, %s (%s) and %s (%s): a digit dropped or added?",
				outlierFactor.String(), FormatDate(b.Date), b.Average.String(), FormatDate(a.Date), a.Average.String())
		case before:
			b := qs[quoted[b]]
			err = Errorf("is off by a factor of %s or more from the day quoted before it, %s (%s): a digit dropped or added?",
				outlierFactor.String(), FormatDate(b.Date), b.Average.String())
		default:
			a := qs[quoted[a]]
			err = Errorf("is off by a factor of %s or more from the day quoted after it, %s (%s): a digit dropped or added?",
				outlierFactor.String(), FormatDate(a.Date), a.Average.String())
		}
		out = append(out, QuoteOutlier{Incoming: n, Quote: qs[i], Err: err})
	}
	return out
}

// farOff reports whether x and y, both above zero, are a factor of
// outlierFactor or more apart.
func farOff(x, y decimal.Decimal) bool {
	return x.Mul(outlierFactor).LessThanOrEqual(y) || y.Mul(outlierFactor).LessThanOrEqual(x)
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

// plausibility warns about the quotes taken (their dates in taken) that
// look wrong: an average outside its range, or more than 8% away from the
// previous trading day's (a jump onto a day taken, or from one onto the
// day stored after it). A store's other rows were warned about when they
// were added.
func plausibility(qs []Quote, taken map[time.Time]int) []Note {
	isTaken := func(q *Quote) bool {
		_, ok := taken[q.Date]
		return ok
	}
	var notes []Note
	var prev *Quote // the trading day quoted before, declared days passed over
	for i := range qs {
		q := qs[i]
		if q.None != "" {
			continue
		}
		if q.HasRange && isTaken(&q) && (q.Average.LessThan(q.Low) || q.Average.GreaterThan(q.High)) {
			notes = append(notes, Note{Date: q.Date, Line: q.Line, Why: Msg("quote.outside", q.Average.String(), q.Low.String(), q.High.String())})
		}
		last := prev
		prev = &qs[i]
		if last == nil {
			continue
		}
		if !isTaken(&q) && !isTaken(last) {
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
