package pricing

import (
	"errors"
	"io"
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
}

// Quotes is a file of daily quotes, checked. It keeps the averages it has
// made, and so is not safe for concurrent use.
type Quotes struct {
	Source   string
	Days     []Quote // the quotes of trading days, by date: what averages are made of
	Excluded []Note  // rows not averaged (weekend and holiday rows), with the reason
	Warnings []Note  // rows used, but with something that looks wrong
	Calendar *Calendar

	months   map[Month][2]int // the Days of each month: Days[from:to]
	averages map[averageKey]Average
	used     map[Month]bool // the months averaged, for notes about them alone
}

// UsedNotes returns the excluded rows and the warnings of the months
// averaged so far: what a run that used those months should say about the
// file, and no more.
func (q *Quotes) UsedNotes() (excluded, warnings []Note) {
	used := func(n Note) bool { return q.used[MonthOf(n.Date)] }
	return filter(q.Excluded, used), filter(q.Warnings, used)
}

type averageKey struct {
	month    Month
	rounding Rounding
}

// Rows returns how many data rows the file had: every one is either a
// quote day or excluded.
func (q *Quotes) Rows() int { return len(q.Days) + len(q.Excluded) }

var quoteColumns = []column{
	{key: "date", names: []string{"date", "日期"}, required: true},
	{key: "average", names: []string{"average", "均价"}, required: true},
	{key: "low", names: []string{"low", "最低价"}},
	{key: "high", names: []string{"high", "最高价"}},
	{key: "range", names: []string{"range", "价格区间"}},
	{key: "change", names: []string{"change", "涨跌"}},
}

// ReadQuotes reads a CSV file of daily quotes from r; name is used in
// messages.
//
// Columns are found by name in any order: date and average are required;
// low, high and change are optional, or a single range column holding
// "23660-23700". Chinese headers (日期, 均价, 最低价, 最高价, 涨跌, 价格区间)
// work too; other columns are ignored. Dates are 2026-03-02 or 2026/3/2;
// prices use the money syntax.
//
// Errors — every bad row is listed, and nothing is returned: an unparsable
// date or price, a duplicate date, an average outside its range, a price
// that is not positive. Weekend rows (Changjiang does not quote on Saturday
// or Sunday; scrapers carry Friday forward) are excluded from averages with
// a reason. Warnings: an average that is not the midpoint of its range, a
// change that disagrees with the previous row.
//
// Rows dated on a weekend or a public holiday of cal (nil for the
// [DefaultCalendar]) are excluded from the averages with a reason:
// Changjiang does not quote then, and such a row is a scraper's
// carried-forward one.
func ReadQuotes(r io.Reader, name string, enc Encoding, cal *Calendar) (*Quotes, error) {
	q, _, err := readQuotes(r, name, enc, cal, false)
	return q, err
}

// LintQuotes reads a quotes file as ReadQuotes does, but returns the
// problems of its figures — a duplicate date (the first row is kept), an
// average outside its range (the row is left out) — as findings beside
// the quotes, for a lint to report. Any other problem is an error.
func LintQuotes(r io.Reader, name string, enc Encoding, cal *Calendar) (*Quotes, ErrorList, error) {
	return readQuotes(r, name, enc, cal, true)
}

func readQuotes(r io.Reader, name string, enc Encoding, cal *Calendar, lenient bool) (*Quotes, ErrorList, error) {
	if cal == nil {
		cal = DefaultCalendar()
	}
	t, err := openCSV(r, name, enc, quoteColumns)
	if err != nil {
		return nil, nil, err
	}
	hasLowHigh := t.has("low") || t.has("high")
	var rows []Quote
	errs := t.eachRow(func(rec []string, line int) ErrorList {
		q, problems := readQuote(t, rec, line, hasLowHigh)
		if len(problems) == 0 {
			rows = append(rows, q)
		}
		return problems
	})
	if len(errs) == 0 && len(rows) == 0 {
		return nil, nil, &InputError{Source: name, Line: 1, Err: Errorf("has a header but no quotes")}
	}
	slices.SortStableFunc(rows, func(a, b Quote) int { return a.Date.Compare(b.Date) })
	kept := rows[:0:0]
	for i := range rows {
		if i > 0 && rows[i].Date.Equal(rows[i-1].Date) {
			errs = append(errs, &InputError{Source: name, Line: rows[i].Line, Field: "date", Value: FormatDate(rows[i].Date),
				Err: Errorf("%w (also at line %d)", ErrDuplicateDate, rows[i-1].Line)})
			continue
		}
		kept = append(kept, rows[i])
	}
	rows = kept
	slices.SortStableFunc(errs, func(a, b *InputError) int { return a.Line - b.Line })
	var findings ErrorList
	if lenient {
		for _, e := range errs {
			if !errors.Is(e, ErrDuplicateDate) && !errors.Is(e, ErrOutsideRange) {
				return nil, nil, errs
			}
		}
		findings, errs = errs, nil
	}
	if err := errs.err(); err != nil {
		return nil, nil, errs
	}
	qs := &Quotes{Source: name, Calendar: cal, months: map[Month][2]int{}}
	var prev *Quote
	for i := range rows {
		q := rows[i]
		if trading, holiday := cal.TradingDay(q.Date); !trading {
			why := msg("quote.weekend", q.Date.Weekday().String())
			if holiday != "" {
				why = msg("quote.holiday", holiday)
			}
			qs.Excluded = append(qs.Excluded, Note{Date: q.Date, Line: q.Line, Why: why})
			continue
		}
		if q.HasRange {
			mid := q.Low.Add(q.High).Mul(half)
			if !mid.Equal(q.Average) {
				qs.Warnings = append(qs.Warnings, Note{Date: q.Date, Line: q.Line,
					Why: msg("quote.midpoint", q.Average.String(), mid.String(), q.Low.String(), q.High.String())})
			}
		}
		if q.HasChange && prev != nil {
			if want := q.Average.Sub(prev.Average); !want.Equal(q.Change) {
				qs.Warnings = append(qs.Warnings, Note{Date: q.Date, Line: q.Line,
					Why: msg("quote.change", q.Change.String(), FormatDate(prev.Date), prev.Average.String(), q.Average.String(), want.String())})
			}
		}
		qs.add(q)
		prev = &qs.Days[len(qs.Days)-1]
	}
	return qs, findings, nil
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

func readQuote(t *csvTable, rec []string, line int, hasLowHigh bool) (Quote, ErrorList) {
	q := Quote{Line: line}
	var errs ErrorList
	price := func(key, text string) decimal.Decimal {
		p, err := ParseMoney(text)
		if err == nil && !p.IsPositive() {
			err = Errorf("is not positive; a quote is more than zero")
		}
		if err != nil {
			errs = append(errs, t.fieldError(key, text, err))
		}
		return p
	}
	text := t.field(rec, "date")
	date, err := ParseDate(text)
	if err != nil {
		errs = append(errs, t.fieldError("date", text, err))
	}
	q.Date = date
	q.Average = price("average", t.field(rec, "average"))
	low, high := t.field(rec, "low"), t.field(rec, "high")
	lowKey, highKey := "low", "high"
	if !hasLowHigh {
		if rng := t.field(rec, "range"); rng != "" {
			var ok bool
			low, high, ok = splitRange(rng)
			if !ok || low == "" || high == "" {
				errs = append(errs, t.fieldError("range", rng, Errorf("is not a range: write low-high, such as 23660-23700")))
				return q, errs
			}
			// Problems of either end are the range column's.
			lowKey, highKey = "range", "range"
		}
	}
	switch {
	case low != "" && high != "":
		q.Low, q.High, q.HasRange = price(lowKey, low), price(highKey, high), true
	case low != "":
		errs = append(errs, t.fieldError(lowKey, low, Errorf("has no high beside it: give both ends of the range, or neither")))
	case high != "":
		errs = append(errs, t.fieldError(highKey, high, Errorf("has no low beside it: give both ends of the range, or neither")))
	}
	if change := t.field(rec, "change"); change != "" {
		c, err := ParseSignedMoney(change)
		if err != nil {
			errs = append(errs, t.fieldError("change", change, err))
		}
		q.Change, q.HasChange = c, true
	}
	if len(errs) == 0 && q.HasRange {
		key := "average"
		switch {
		case q.Low.GreaterThan(q.High):
			errs = append(errs, t.fieldError(lowKey, low, Errorf("is above high (%s)", high)))
		case q.Average.LessThan(q.Low) || q.Average.GreaterThan(q.High):
			errs = append(errs, t.fieldError(key, t.field(rec, key), Errorf("%w %s-%s", ErrOutsideRange, q.Low, q.High)))
		}
	}
	return q, errs
}

// splitRange splits "23660-23700" (or with an en dash, em dash or tilde).
func splitRange(s string) (low, high string, ok bool) {
	for _, sep := range []string{"-", "—", "–", "~", "～"} {
		if l, h, found := strings.Cut(s, sep); found {
			return strings.TrimSpace(l), strings.TrimSpace(h), true
		}
	}
	return "", "", false
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

func (e *noQuotesError) template() *Error     { return e.error.(*Error) }
func (e *noQuotesError) Is(target error) bool { return target == ErrNoQuotes }

// MonthStatus says whether a month's quotes are all in.
type MonthStatus string

// The statuses of a benchmark month.
const (
	// Complete: the month's last trading day is quoted. Days before it may
	// still be missing (a gap in the collection); they are listed.
	Complete MonthStatus = "complete"
	// Partial: the quotes stop before the month's last trading day — a
	// month in progress, or a file cut off. Its average is not final.
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
	NotYetQuoted    int // trading days after the last quote, in a partial month
	Min, Max        decimal.Decimal
	Sum             decimal.Decimal
	Mean            decimal.Decimal // Sum ÷ Days to 4 decimals, by ExactMean
	Value           decimal.Decimal // Sum ÷ Days rounded to Rounding, by MonthlyAverage
	Rounding        Rounding
	First, Last     time.Time
	MissingWeekdays []time.Time // trading days up to the last quote without one: gaps
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
// same months again and again. The Average's slices are shared.
func (q *Quotes) Average(m Month, r Rounding) (Average, error) {
	if q.used == nil {
		q.used = map[Month]bool{}
	}
	q.used[m] = true
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
	trading, holidays := q.Calendar.Month(m)
	a.ExpectedDays, a.Holidays, a.Status = len(trading), holidays, Complete
	for _, d := range trading {
		switch {
		case d.After(a.Last):
			a.NotYetQuoted++
			a.Status = Partial
		case !have[d.Day()]:
			a.MissingWeekdays = append(a.MissingWeekdays, d)
		}
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

func (q *Quotes) monthList() error {
	ms := q.Months()
	if len(ms) == 0 {
		return Errorf("no quote days")
	}
	return Errorf("%s to %s", ms[0], ms[len(ms)-1])
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
