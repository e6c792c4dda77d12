package read

import (
	"errors"
	"strings"
	"testing"

	"alprice/pricing"
)

// A week of March 2012: March has 22 weekdays and no public holiday, so
// five quotes are 5 of 22 days, and the month is partial.
func TestPartialMonth(t *testing.T) {
	q := quotesOf(t, "date,average\n2012-03-19,16100\n2012-03-20,16200\n2012-03-21,16300\n2012-03-22,16400\n2012-03-23,16500\n")
	a, err := q.Average(month("2012-03"), pricing.Yuan)
	if err != nil {
		t.Fatal(err)
	}
	// 2012-03-26..30 are the 5 trading days not yet quoted; 03-01..16 are
	// 12 trading days before the first quote, missing.
	if a.Days != 5 || a.ExpectedDays != 22 || a.Status != pricing.Partial || a.NotYetQuoted != 5 || len(a.MissingWeekdays) != 12 {
		t.Errorf("%d of %d, %s, not yet %d, missing %d", a.Days, a.ExpectedDays, a.Status, a.NotYetQuoted, len(a.MissingWeekdays))
	}
	terms := pricing.DefaultTerms()
	_, err = pricing.PriceMonth(terms, month("2012-03"), q, false)
	var partial *pricing.PartialMonthError
	if !errors.As(err, &partial) || !errors.Is(err, pricing.ErrPartialMonth) ||
		partial.Error() != "the 2012-03 average of q.csv is not final: the quotes stop at 2012-03-23, 5 of 22 trading days" {
		t.Fatalf("priced on a partial month: %v", err)
	}
	// The default basis is the previous month's final average: February
	// 2012 has no quotes here.
	if _, err := pricing.PriceMonth(terms, month("2012-03"), q, true); err == nil || !strings.Contains(err.Error(), "its provisional basis is the previous month's final average: q.csv has no quotes for 2012-02") {
		t.Errorf("provisional on the previous month: %v", err)
	}
	terms.ProvisionalBasis = pricing.BasisMonthToDate
	mp, err := pricing.PriceMonth(terms, month("2012-03"), q, true)
	if err != nil || !mp.Provisional() || mp.Basis != pricing.BasisMonthToDate || !mp.Price.UnitPrice.Equal(d("16300")) {
		t.Errorf("provisional: %v, %v, %s", err, mp.Provisional(), mp.Price.UnitPrice)
	}
}

// The month a job runs a day early: the quotes stop at 2026-03-30, and
// March 31 is a trading day not yet quoted.
func TestMonthInProgress(t *testing.T) {
	q := readQuotesFile(t, "../../testdata/changjiang-a00-2026-h1.csv", AutoEncoding)
	var b strings.Builder
	b.WriteString("date,average\n")
	for _, day := range q.Days {
		if pricing.FormatDate(day.Date) < "2026-03-31" {
			b.WriteString(pricing.FormatDate(day.Date) + "," + day.Average.String() + "\n")
		}
	}
	cut := quotesOf(t, b.String())
	a, _ := cut.Average(month("2026-03"), pricing.Yuan)
	if a.Status != pricing.Partial || a.Days != 21 || a.ExpectedDays != 22 || a.NotYetQuoted != 1 || len(a.MissingWeekdays) != 0 {
		t.Errorf("%s, %d of %d, not yet %d, missing %v", a.Status, a.Days, a.ExpectedDays, a.NotYetQuoted, a.MissingWeekdays)
	}
	// February lacks 02-10 (the collection's gap): gaps, not complete.
	if feb, _ := cut.Average(month("2026-02"), pricing.Yuan); feb.Status != pricing.Gaps {
		t.Errorf("February: %s", feb.Status)
	}
}

// 2028 has no schedule in lunar-go v1.4.7: every weekday counts, and the
// calendar says which years it guessed; a holiday given by a file
// changes the expected days and ends the guess for its year.
func TestYearWithoutScheduleAndAddedHolidays(t *testing.T) {
	cal := pricing.DefaultCalendar()
	trading, _ := cal.Month(month("2028-01"))
	if len(trading) != 21 { // January 2028 has 21 weekdays: 3–7, 10–14, 17–21, 24–28, 31
		t.Fatalf("%d trading days", len(trading))
	}
	if got := cal.Unscheduled(); len(got) != 1 || got[0] != 2028 {
		t.Errorf("unscheduled %v", got)
	}
	holidays, err := ReadHolidays(strings.NewReader("date,name\n2028-01-03,元旦\n"), "h.csv", AutoEncoding)
	if err != nil {
		t.Fatal(err)
	}
	cal = pricing.NewCalendar(pricing.StateCouncilSchedule{}, holidays...)
	trading, hs := cal.Month(month("2028-01"))
	if len(trading) != 20 || len(hs) != 1 || hs[0].Name != "元旦" || len(cal.Unscheduled()) != 0 {
		t.Errorf("%d trading days, holidays %v, unscheduled %v", len(trading), hs, cal.Unscheduled())
	}
	// A file can add a day off to a year the library has.
	cal = pricing.NewCalendar(pricing.StateCouncilSchedule{}, pricing.Holiday{Date: month("2026-03").Day(2), Name: "停市"})
	if ok, name := cal.TradingDay(month("2026-03").Day(2)); ok || name != "停市" {
		t.Errorf("added holiday: %v %q", ok, name)
	}
}

func TestHolidayRowsAreExcluded(t *testing.T) {
	q := quotesOf(t, "date,average\n2026-04-03,24500\n2026-04-06,24500\n2026-04-07,24600\n")
	if len(q.Days) != 2 || len(q.Excluded) != 1 || q.Excluded[0].Line != 3 ||
		q.Excluded[0].Why.String() != "dated on a public holiday, 清明节: Changjiang does not quote on holidays (a scraper's carried-forward row)" {
		t.Errorf("days %d, excluded %+v", len(q.Days), q.Excluded)
	}
}

func TestReadHolidaysErrors(t *testing.T) {
	for text, want := range map[string]string{
		"date,name\n2027-01-02,x\n":               "h.csv:2:1: date: \"2027-01-02\": is a weekend day",
		"date,name\n2027-01-01,\n":                "h.csv:2:12: name: is empty",
		"date,name\n2027-13-01,x\n":               "is not a day of the calendar",
		"date,name\n2027-01-01,a\n2027-01-01,b\n": "is a duplicate date (also at line 2)",
		"day,name\n":                              "has no date column",
	} {
		_, err := ReadHolidays(strings.NewReader(text), "h.csv", AutoEncoding)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v; want %q", text, err, want)
		}
	}
}
