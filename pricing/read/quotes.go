package read

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"alprice/pricing"

	"github.com/shopspring/decimal"
)

var quoteColumns = []column{
	{key: "date", names: []string{"date", "日期"}, required: true},
	{key: "average", names: []string{"average", "均价"}, required: true},
	{key: "low", names: []string{"low", "最低价"}},
	{key: "high", names: []string{"high", "最高价"}},
	{key: "range", names: []string{"range", "价格区间"}},
	{key: "change", names: []string{"change", "涨跌"}},
	{key: "none", names: []string{"none", "无报价"}},
}

// ReadQuotes reads a CSV file of daily quotes from r; name is used in
// messages.
//
// Columns are found by name in any order: date and average are required;
// low, high and change are optional, or a single range column holding
// "23660-23700". Chinese headers (日期, 均价, 最低价, 最高价, 涨跌, 价格区间)
// work too; other columns are ignored. Dates are 2026-03-02 or 2026/3/2;
// prices use the money syntax. An optional none column (无报价) declares a
// trading day Changjiang published no quote for, with the reason; such a
// row has no figures ([pricing.Quote.None]).
//
// Errors — every bad row is listed, and nothing is returned: an unparsable
// date or price, a duplicate date, an average outside its range, a price
// that is not positive. Weekend rows (Changjiang does not quote on Saturday
// or Sunday; scrapers carry Friday forward) are excluded from averages with
// a reason. Warnings: an average that is not the midpoint of its range, a
// change that disagrees with the previous row. A date after today (by the
// calendar's [pricing.Calendar.Today]) is an error: no quote is published
// ahead of its day.
//
// Rows dated on a weekend or a public holiday of cal (nil for the
// [DefaultCalendar]) are excluded from the averages with a reason:
// Changjiang does not quote then, and such a row is a scraper's
// carried-forward one.
func ReadQuotes(r io.Reader, name string, enc Encoding, cal *pricing.Calendar) (*pricing.Quotes, error) {
	q, _, _, err := readQuotes(r, name, enc, cal, false)
	return q, err
}

// LintQuotes reads a quotes file as ReadQuotes does, but returns the
// problems of its figures — a duplicate date (the first row is kept), an
// average outside its range (the row is left out) — as findings beside
// the quotes, for a lint to report. Any other problem is an error.
func LintQuotes(r io.Reader, name string, enc Encoding, cal *pricing.Calendar) (*pricing.Quotes, pricing.ErrorList, error) {
	q, findings, _, err := readQuotes(r, name, enc, cal, true)
	return q, findings, err
}

// readQuotes reads a quotes file; it returns its header too, for the
// store's check of what a rewrite would keep.
func readQuotes(r io.Reader, name string, enc Encoding, cal *pricing.Calendar, lenient bool) (*pricing.Quotes, pricing.ErrorList, []string, error) {
	if cal == nil {
		cal = pricing.DefaultCalendar()
	}
	today := cal.Today()
	t, err := openCSV(r, name, enc, quoteColumns)
	if err != nil {
		return nil, nil, nil, err
	}
	hasLowHigh := t.has("low") || t.has("high")
	var rows []pricing.Quote
	errs := t.eachRow(func(rec []string, line int) pricing.ErrorList {
		q, problems := readQuote(t, rec, line, hasLowHigh)
		if len(problems) == 0 && q.Date.After(today) {
			problems = append(problems, t.fieldError("date", t.field(rec, "date"), FutureDate(today)))
		}
		if len(problems) == 0 {
			rows = append(rows, q)
		}
		return problems
	})
	if len(errs) == 0 && len(rows) == 0 {
		return nil, nil, nil, &pricing.InputError{Source: name, Line: 1, Err: errNoQuotes}
	}
	slices.SortStableFunc(rows, func(a, b pricing.Quote) int { return a.Date.Compare(b.Date) })
	kept := rows[:0:0]
	for i := range rows {
		if i > 0 && rows[i].Date.Equal(rows[i-1].Date) {
			errs = append(errs, &pricing.InputError{Source: name, Line: rows[i].Line, Field: t.headers()["date"], Value: pricing.FormatDate(rows[i].Date),
				Err: pricing.Errorf("%w (also at line %d)", pricing.ErrDuplicateDate, rows[i-1].Line)})
			continue
		}
		kept = append(kept, rows[i])
	}
	rows = kept
	slices.SortStableFunc(errs, func(a, b *pricing.InputError) int { return a.Line - b.Line })
	var findings pricing.ErrorList
	if lenient {
		for _, e := range errs {
			if !errors.Is(e, pricing.ErrDuplicateDate) && !errors.Is(e, pricing.ErrOutsideRange) {
				return nil, nil, nil, errs
			}
		}
		findings, errs = errs, nil
	}
	if err := errs.Err(); err != nil {
		return nil, nil, nil, errs
	}
	q := pricing.NewQuotes(name, rows, cal)
	q.Fields = t.headers()
	return q, findings, t.header, nil
}

func readQuote(t *csvTable, rec []string, line int, hasLowHigh bool) (pricing.Quote, pricing.ErrorList) {
	q := pricing.Quote{Line: line}
	var errs pricing.ErrorList
	price := func(key, text string) decimal.Decimal {
		p, err := pricing.ParseMoney(text)
		if err == nil && !p.IsPositive() {
			err = pricing.Errorf("is not positive; a quote is more than zero")
		}
		if err != nil {
			errs = append(errs, t.fieldError(key, text, err))
		}
		return p
	}
	text := t.field(rec, "date")
	date, err := pricing.ParseDate(text)
	if err != nil {
		errs = append(errs, t.fieldError("date", text, err))
	}
	q.Date = date
	if none := t.field(rec, "none"); none != "" {
		if err := checkName([]byte(none)); err != nil {
			return q, append(errs, t.fieldError("none", none, err))
		}
		for _, key := range []string{"average", "low", "high", "range", "change"} {
			if v := t.field(rec, key); v != "" {
				errs = append(errs, t.fieldError(key, v, pricing.Errorf("is given on a day declared without a quote (%s): give the quote, or the declaration, not both", none)))
			}
		}
		q.None = none
		return q, errs
	}
	q.Average = price("average", t.field(rec, "average"))
	low, high := t.field(rec, "low"), t.field(rec, "high")
	lowKey, highKey := "low", "high"
	if !hasLowHigh {
		if rng := t.field(rec, "range"); rng != "" {
			var ok bool
			low, high, ok = splitRange(rng)
			if !ok || low == "" || high == "" {
				errs = append(errs, t.fieldError("range", rng, pricing.Errorf("is not a range: write low-high, such as 23660-23700")))
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
		errs = append(errs, t.fieldError(lowKey, low, pricing.Errorf("has no high beside it: give both ends of the range, or neither")))
	case high != "":
		errs = append(errs, t.fieldError(highKey, high, pricing.Errorf("has no low beside it: give both ends of the range, or neither")))
	}
	if change := t.field(rec, "change"); change != "" {
		c, err := pricing.ParseSignedMoney(change)
		if err != nil {
			errs = append(errs, t.fieldError("change", change, err))
		}
		q.Change, q.HasChange = c, true
	}
	if len(errs) == 0 && q.HasRange {
		key := "average"
		switch {
		case q.Low.GreaterThan(q.High):
			errs = append(errs, t.fieldError(lowKey, low, pricing.Errorf("is above high (%s)", high)))
		case q.Average.LessThan(q.Low) || q.Average.GreaterThan(q.High):
			errs = append(errs, t.fieldError(key, t.field(rec, key), pricing.Errorf("%w %s-%s", pricing.ErrOutsideRange, q.Low, q.High)))
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

// WriteQuotes writes quotes as a quotes file — the store's format, which
// average and every pricing command read: date,low,high,average,change,
// by date, plain numbers. The same quotes always write the same bytes.
func WriteQuotes(w io.Writer, qs []pricing.Quote) error {
	var b strings.Builder
	declared := slices.ContainsFunc(qs, func(q pricing.Quote) bool { return q.None != "" })
	b.WriteString("date,low,high,average,change")
	if declared {
		b.WriteString(",none")
	}
	b.WriteString("\n")
	for _, q := range qs {
		if q.None != "" {
			fmt.Fprintf(&b, "%s,,,,,%s\n", pricing.FormatDate(q.Date), csvField(q.None))
			continue
		}
		low, high, change := "", "", ""
		if q.HasRange {
			low, high = q.Low.String(), q.High.String()
		}
		if q.HasChange {
			change = q.Change.String()
		}
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s", pricing.FormatDate(q.Date), low, high, q.Average.String(), change)
		if declared {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// csvField quotes a field for CSV when it needs it: a comma, a quote or a
// line break in it.
func csvField(s string) string {
	if !strings.ContainsAny(s, ",\"\r\n") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// errNoQuotes is the error of a quotes file with a header and no row: an
// empty store, to the store's reader.
var errNoQuotes = pricing.Errorf("has a header but no quotes")

// FutureDate is the error of a quote dated after today.
func FutureDate(today time.Time) error {
	return pricing.Errorf("is after today (%s): Changjiang publishes a day's quote on that day, never ahead", pricing.FormatDate(today))
}
