package read

import (
	"io"
	"time"

	"alprice/pricing"
)

var holidayColumns = []column{
	{key: "date", names: []string{"date", "日期"}, required: true},
	{key: "name", names: []string{"name", "名称", "节日"}, required: true},
}

// ReadHolidays reads a CSV file of public holidays from r, with the header
// date,name (日期,名称 too); name is used in messages. Every bad row is
// listed, and nothing is returned.
func ReadHolidays(r io.Reader, name string, enc Encoding) ([]pricing.Holiday, error) {
	t, err := openCSV(r, name, enc, holidayColumns)
	if err != nil {
		return nil, err
	}
	var out []pricing.Holiday
	seen := map[time.Time]int{}
	errs := t.eachRow(func(rec []string, line int) pricing.ErrorList {
		h, err := holidayOf(t.field(rec, "date"), t.field(rec, "name"))
		if err != nil {
			return pricing.ErrorList{t.fieldError(err.field, err.value, err.err)}
		}
		if first, dup := seen[h.Date]; dup {
			return pricing.ErrorList{t.fieldError("date", pricing.FormatDate(h.Date), pricing.Errorf("is a duplicate date (also at line %d)", first))}
		}
		seen[h.Date] = line
		out = append(out, h)
		return nil
	})
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

type holidayError struct {
	field, value string
	err          error
}

// holidayOf checks a holiday's date and name, as a file or the agreements
// give them.
func holidayOf(date, name string) (pricing.Holiday, *holidayError) {
	d, err := pricing.ParseDate(date)
	if err != nil {
		return pricing.Holiday{}, &holidayError{"date", date, err}
	}
	if pricing.IsWeekend(d) {
		return pricing.Holiday{}, &holidayError{"date", date, pricing.Errorf("is a weekend day: Changjiang never quotes on weekends, so it needs no holiday")}
	}
	if name == "" {
		return pricing.Holiday{}, &holidayError{"name", "", pricing.Errorf("is empty: name the holiday, such as 元旦")}
	}
	if err := checkName([]byte(name)); err != nil {
		return pricing.Holiday{}, &holidayError{"name", name, err}
	}
	return pricing.Holiday{Date: d, Name: name}, nil
}
