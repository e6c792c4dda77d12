package pricing

import (
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Quote is one trading day's Changjiang A00 spot quote (长江现货), CNY/t.
type Quote struct {
	Date      time.Time
	Average   decimal.Decimal // 均价, the published daily average
	Low, High decimal.Decimal // the published range; zero when not given
	HasRange  bool
	Change    decimal.Decimal // 涨跌 against the previous trading day
	HasChange bool
	Line      int
	// None is why Changjiang published no quote on this trading day, as a
	// person declared it (alprice quotes add DATE --none REASON): a
	// declared day has no figures and counts as in for its month's status.
	// Never inferred.
	None string
}

// Quotes is a file of daily quotes, checked. It keeps the averages it has
// made, and so is not safe for concurrent use.
type Quotes struct {
	Source   string
	Days     []Quote // the quotes of trading days, by date: what averages are made of
	Declared []Quote // trading days declared without a quote (Quote.None), by date
	Excluded []Note  // rows not averaged (weekend and holiday rows), with the reason
	Warnings []Note  // rows used, but with something that looks wrong
	Calendar *Calendar
	// Fields are the names the file gives its columns, by key ("average":
	// "均价"), so that a message names a field as the file does; nil for
	// quotes not read from a file.
	Fields map[string]string

	months   map[Month][2]int // the Days of each month: Days[from:to]
	averages map[averageKey]Average
}

// NotesOf returns the excluded rows and the warnings of months: what a run
// that priced on those months should say about the file, and no more.
func (q *Quotes) NotesOf(months []Month) (excluded, warnings []Note) {
	of := func(n Note) bool { return slices.Contains(months, MonthOf(n.Date)) }
	return filter(q.Excluded, of), filter(q.Warnings, of)
}

type averageKey struct {
	month    Month
	rounding Rounding
}

// Rows returns how many data rows the file had: every one is a quote day,
// a declared day or excluded.
func (q *Quotes) Rows() int { return len(q.Days) + len(q.Declared) + len(q.Excluded) }

// NewQuotes returns the quotes of rows — by date, one a date, as a reader
// or a store's merge leaves them — on the trading calendar cal (nil for the
// [DefaultCalendar]). Rows dated on a weekend or a public holiday of cal
// are excluded from the averages with a reason: Changjiang does not quote
// then, and such a row is a scraper's carried-forward one. Warnings: an
// average that is not the midpoint of its range, a change that disagrees
// with the previous trading day's. A declared day (Quote.None) is kept
// apart from the quotes.
func NewQuotes(source string, rows []Quote, cal *Calendar) *Quotes {
	if cal == nil {
		cal = DefaultCalendar()
	}
	qs := &Quotes{Source: source, Calendar: cal, months: map[Month][2]int{}}
	var prev *Quote
	for i := range rows {
		q := rows[i]
		if trading, holiday := cal.TradingDay(q.Date); !trading {
			why := Msg("quote.weekend", q.Date.Weekday().String())
			if holiday != "" {
				why = Msg("quote.holiday", holiday)
			}
			qs.Excluded = append(qs.Excluded, Note{Date: q.Date, Line: q.Line, Why: why})
			continue
		}
		if q.None != "" {
			qs.Declared = append(qs.Declared, q)
			continue
		}
		if q.HasRange {
			mid := q.Low.Add(q.High).Mul(half)
			if !mid.Equal(q.Average) {
				qs.Warnings = append(qs.Warnings, Note{Date: q.Date, Line: q.Line,
					Why: Msg("quote.midpoint", q.Average.String(), mid.String(), q.Low.String(), q.High.String())})
			}
		}
		if q.HasChange && prev != nil {
			if want := q.Average.Sub(prev.Average); !want.Equal(q.Change) {
				qs.Warnings = append(qs.Warnings, Note{Date: q.Date, Line: q.Line,
					Why: Msg("quote.change", q.Change.String(), FormatDate(prev.Date), prev.Average.String(), q.Average.String(), want.String())})
			}
		}
		qs.add(q)
		prev = &qs.Days[len(qs.Days)-1]
	}
	// A day far off the days around it prices a month wrong by a tenth
	// or tenfold: said whenever its month is priced, though the store
	// took it (with --force, or edited by hand).
	all := make(map[time.Time]int, len(qs.Days))
	for i, d := range qs.Days {
		all[d.Date] = i
	}
	if found := outliers(qs.Days, all); len(found) > 0 {
		for _, o := range found {
			qs.Warnings = append(qs.Warnings, Note{Date: o.Quote.Date, Line: o.Quote.Line, Why: Msg("quote.outlier", o.Quote.Average.String(), outlierFactor.String())})
		}
		slices.SortStableFunc(qs.Warnings, func(a, b Note) int { return a.Date.Compare(b.Date) })
	}
	return qs
}

// add appends a quote dated after every other, extending its month's span
// of Days, the index an average reads.
func (q *Quotes) add(d Quote) {
	q.Days = append(q.Days, d)
	m := MonthOf(d.Date)
	span, ok := q.months[m]
	if !ok {
		span[0] = len(q.Days) - 1
	}
	span[1] = len(q.Days)
	q.months[m] = span
}

// ParseSignedMoney parses money with an optional sign, as in a change column.
func ParseSignedMoney(s string) (decimal.Decimal, error) {
	neg := false
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		s, neg = rest, true
	} else if rest, ok := strings.CutPrefix(s, "+"); ok {
		s = rest
	}
	d, err := ParseMoney(s)
	if neg {
		d = d.Neg()
	}
	return d, err
}

var half = decimal.New(5, -1)

// The errors of a quotes file that are about its figures rather than its
// form: a quotes lint reports them as findings.
var (
	ErrDuplicateDate = Errorf("is a duplicate date")
	ErrOutsideRange  = Errorf("is outside the range")
)

// ErrNoQuotes is the error of averaging a month the quotes do not have.
var ErrNoQuotes = Errorf("no quotes for the month")

type noQuotesError struct{ error }

func (e *noQuotesError) Template() *Error     { return e.error.(*Error) }
func (e *noQuotesError) Is(target error) bool { return target == ErrNoQuotes }

// MonthStatus says whether a month's quotes are all in.
type MonthStatus string

// The statuses of a benchmark month.
const (
	// Complete: every trading day of the month is quoted, or declared as a
	// day Changjiang published no quote. Only a complete month prices as
	// final.
	Complete MonthStatus = "complete"
	// Gaps: the quotes reach the month's last trading day (in this month
	// or a later one), but a trading day of it is neither quoted nor
	// declared (a gap in the collection). Not final: the missing days are
	// listed.
	Gaps MonthStatus = "gaps"
	// Partial: the store's quotes stop before the month's last trading
	// day — a month in progress, or a file cut off. Its average is not
	// final.
	Partial MonthStatus = "partial"
)

// Average is the Changjiang A00 monthly average of one month (rule 2.1):
// the arithmetic mean of the daily averages of its quote days, on the
// trading calendar.
type Average struct {
	Month           Month
	Days            int // trading days quoted
	ExpectedDays    int // trading days of the month
	Status          MonthStatus
	NotYetQuoted    int // trading days after the store's last quote or declared day, in a partial month
	Min, Max        decimal.Decimal
	Sum             decimal.Decimal
	Mean            decimal.Decimal // Sum ÷ Days to 4 decimals, by ExactMean
	Value           decimal.Decimal // Sum ÷ Days rounded to Rounding, by MonthlyAverage
	Rounding        Rounding
	First, Last     time.Time
	MissingWeekdays []time.Time // trading days up to the store's last quote or declared day with neither: gaps
	Declared        []Quote     // trading days declared without a quote, with the reason (Quote.None)
	Holidays        []Holiday   // public holidays on weekdays: no quote is due
	Excluded        []Note
	Warnings        []Note
}

// Months returns the months that have quote days, in order.
func (q *Quotes) Months() []Month {
	var ms []Month
	for _, d := range q.Days {
		if m := MonthOf(d.Date); len(ms) == 0 || ms[len(ms)-1] != m {
			ms = append(ms, m)
		}
	}
	return ms
}

// Average returns the monthly average of month m, rounded to r, with the
// month's trading days and status. A month without quote days is an error
// naming the month and the file.
//
// Averages are kept once made: a table of many agreements asks for the
// same months again and again. The Average's slices are shared. Asking has
// no other effect: which months a run priced on is the run's to say.
func (q *Quotes) Average(m Month, r Rounding) (Average, error) {
	if a, ok := q.averages[averageKey{m, r}]; ok {
		return a, nil
	}
	a, err := q.average(m, r)
	if err == nil {
		if q.averages == nil {
			q.averages = map[averageKey]Average{}
		}
		q.averages[averageKey{m, r}] = a
	}
	return a, err
}

func (q *Quotes) average(m Month, r Rounding) (Average, error) {
	a := Average{Month: m, Rounding: r, Sum: decimal.Zero}
	span, ok := q.months[m]
	if !ok {
		return a, &noQuotesError{Errorf("%s has no quotes for %s (it has %s)", q.Source, m, q.monthList())}
	}
	days := q.Days[span[0]:span[1]]
	have := map[int]bool{}
	a.Min, a.Max, a.First, a.Last = days[0].Average, days[0].Average, days[0].Date, days[len(days)-1].Date
	for _, d := range days {
		a.Sum = a.Sum.Add(d.Average)
		a.Min = decimal.Min(a.Min, d.Average)
		a.Max = decimal.Max(a.Max, d.Average)
		have[d.Date.Day()] = true
	}
	a.Days = len(days)
	// Days up to the store's last quote or declared day — in this month or
	// a later one — are missing when they have neither: the collection has
	// moved past them. Only the days after it are not yet quoted.
	covered := q.lastCovered()
	for _, d := range q.Declared {
		if MonthOf(d.Date) == m {
			a.Declared = append(a.Declared, d)
			have[d.Date.Day()] = true
		}
	}
	trading, holidays := q.Calendar.Month(m)
	a.ExpectedDays, a.Holidays = len(trading), holidays
	for _, d := range trading {
		switch {
		case d.After(covered):
			a.NotYetQuoted++
		case !have[d.Day()]:
			a.MissingWeekdays = append(a.MissingWeekdays, d)
		}
	}
	switch {
	case a.NotYetQuoted > 0:
		a.Status = Partial
	case len(a.MissingWeekdays) > 0:
		a.Status = Gaps
	default:
		a.Status = Complete
	}
	inMonth := func(n Note) bool { return MonthOf(n.Date) == m }
	a.Excluded = filter(q.Excluded, inMonth)
	a.Warnings = filter(q.Warnings, inMonth)
	a.Mean = ExactMean(a.Sum, a.Days)
	a.Value = MonthlyAverage(a.Sum, a.Days, r)
	return a, nil
}

// Mean returns the exact mean of month m's quote days, to 4 decimals (by
// [ExactMean]): the benchmark before any agreement rounds it, as a chart of
// several agreements shows it.
func (q *Quotes) Mean(m Month) (decimal.Decimal, error) {
	a, err := q.Average(m, Fen)
	return a.Mean, err
}

// lastCovered is the date of the store's last quote or declared day.
func (q *Quotes) lastCovered() time.Time {
	var last time.Time
	if len(q.Days) > 0 {
		last = q.Days[len(q.Days)-1].Date
	}
	for _, d := range q.Declared {
		if d.Date.After(last) {
			last = d.Date
		}
	}
	return last
}

// monthList says which months have quotes: their span, and the months
// inside it without any ("2026-01 to 2026-03, without 2026-02").
func (q *Quotes) monthList() error {
	ms := q.Months()
	if len(ms) == 0 {
		return Errorf("no quote days")
	}
	var without []string
	for i := 1; i < len(ms); i++ {
		for m := ms[i-1] + 1; m < ms[i]; m++ {
			without = append(without, m.String())
		}
	}
	if len(without) > 0 {
		return Errorf("%s to %s, without %s", ms[0], ms[len(ms)-1], strings.Join(without, ", "))
	}
	return Errorf("%s to %s", ms[0], ms[len(ms)-1])
}

// MissingMonths returns the months between the first and the last month
// with quotes that have none: a hole in the store, not a month to come.
func (q *Quotes) MissingMonths() []Month {
	ms := q.Months()
	var missing []Month
	for i := 1; i < len(ms); i++ {
		for m := ms[i-1] + 1; m < ms[i]; m++ {
			missing = append(missing, m)
		}
	}
	return missing
}

func filter[T any](s []T, keep func(T) bool) []T {
	var out []T
	for _, x := range s {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}
