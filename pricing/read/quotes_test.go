package read

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"alprice/pricing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func readQuotesText(t *testing.T, text string) (*pricing.Quotes, error) {
	t.Helper()
	return ReadQuotes(strings.NewReader(text), "q.csv", AutoEncoding, nil)
}

func readQuotesFile(t testing.TB, path string, enc Encoding) *pricing.Quotes {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	q, err := ReadQuotes(f, path, enc, nil)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// The real H1 2026 quotes against the figures worked out by hand in
// shared/data/README.md (monthly means of the daily averages).
func TestAveragesOfRealQuotes(t *testing.T) {
	q := readQuotesFile(t, "../../testdata/changjiang-a00-2026-h1.csv", AutoEncoding)
	if q.Rows() != 114 || len(q.Excluded) != 0 || len(q.Warnings) != 0 {
		t.Fatalf("%d rows, %d excluded, %d warnings; want 114, 0, 0", q.Rows(), len(q.Excluded), len(q.Warnings))
	}
	want := []struct {
		month       string
		days        int
		yuan, fen   string
		min, max    string
		first, last string
	}{
		{"2026-01", 19, "24084", "24084.21", "23310", "24860", "2026-01-05", "2026-01-30"},
		{"2026-02", 13, "23394", "23393.85", "23150", "23760", "2026-02-02", "2026-02-27"},
		{"2026-03", 22, "24389", "24388.64", "23440", "25270", "2026-03-02", "2026-03-31"},
		{"2026-04", 21, "24665", "24664.76", "24390", "25160", "2026-04-01", "2026-04-30"},
		{"2026-05", 18, "24306", "24305.56", "24050", "24610", "2026-05-06", "2026-05-29"},
		{"2026-06", 21, "23770", "23770.48", "22500", "24460", "2026-06-01", "2026-06-30"},
	}
	for _, w := range want {
		yuan, err := q.Average(month(w.month), pricing.Yuan)
		if err != nil {
			t.Fatal(err)
		}
		fen, _ := q.Average(month(w.month), pricing.Fen)
		if yuan.Days != w.days || !yuan.Value.Equal(d(w.yuan)) || !fen.Value.Equal(d(w.fen)) ||
			!yuan.Min.Equal(d(w.min)) || !yuan.Max.Equal(d(w.max)) ||
			pricing.FormatDate(yuan.First) != w.first || pricing.FormatDate(yuan.Last) != w.last {
			t.Errorf("%s: %d days, %s / %s, min %s max %s, %s..%s; want %+v", w.month, yuan.Days, yuan.Value, fen.Value,
				yuan.Min, yuan.Max, pricing.FormatDate(yuan.First), pricing.FormatDate(yuan.Last), w)
		}
	}
	// The trading calendar of each month, worked out from the State
	// Council's 2026 schedule by hand: weekdays less the public holidays
	// on weekdays.
	calendar := []struct {
		month             string
		expected          int
		missing, holidays string
		status            pricing.MonthStatus
	}{
		// 22 weekdays − 元旦 01-01, 01-02; 01-23 is the collection's gap.
		{"2026-01", 20, "2026-01-23", "2026-01-01 元旦节, 2026-01-02 元旦节", pricing.Gaps},
		// 20 weekdays − 春节 16–20 and 23; 02-10 is the collection's gap.
		{"2026-02", 14, "2026-02-10", "2026-02-16 春节, 2026-02-17 春节, 2026-02-18 春节, 2026-02-19 春节, 2026-02-20 春节, 2026-02-23 春节", pricing.Gaps},
		{"2026-03", 22, "", "", pricing.Complete},
		{"2026-04", 21, "", "2026-04-06 清明节", pricing.Complete},                                 // 22 weekdays − 清明
		{"2026-05", 18, "", "2026-05-01 劳动节, 2026-05-04 劳动节, 2026-05-05 劳动节", pricing.Complete}, // 21 − 劳动节
		{"2026-06", 21, "", "2026-06-19 端午节", pricing.Complete},                                 // 22 − 端午
	}
	for _, c := range calendar {
		a, _ := q.Average(month(c.month), pricing.Yuan)
		var missing, holidays []string
		for _, d := range a.MissingWeekdays {
			missing = append(missing, pricing.FormatDate(d))
		}
		for _, h := range a.Holidays {
			holidays = append(holidays, pricing.FormatDate(h.Date)+" "+h.Name)
		}
		if a.ExpectedDays != c.expected || a.Status != c.status || a.NotYetQuoted != 0 ||
			strings.Join(missing, ", ") != c.missing || strings.Join(holidays, ", ") != c.holidays {
			t.Errorf("%s: %d of %d days, %s, missing %v, holidays %v; want %+v", c.month, a.Days, a.ExpectedDays, a.Status, missing, holidays, c)
		}
	}
	mar, _ := q.Average(month("2026-03"), pricing.Yuan)
	if len(mar.MissingWeekdays) != 0 || mar.Mean.StringFixed(4) != "24388.6364" {
		t.Errorf("March: missing %v, mean %s", mar.MissingWeekdays, mar.Mean)
	}
	if _, err := q.Average(month("2026-07"), pricing.Yuan); err == nil || !strings.Contains(err.Error(), "has no quotes for 2026-07 (it has 2026-01 to 2026-06)") {
		t.Errorf("July: %v", err)
	}
}

func TestReadQuotesEncodingsAndHeaders(t *testing.T) {
	// GBK as Excel saves it on Chinese Windows: Chinese headers, a range
	// column with an em dash, slashed dates, CRLF, an extra column, a
	// Saturday row.
	q := readQuotesFile(t, "../../testdata/quotes/gbk-chinese-headers.csv", AutoEncoding)
	if len(q.Days) != 5 || len(q.Excluded) != 1 || len(q.Warnings) != 0 {
		t.Fatalf("GBK: %d days, %d excluded, %d warnings", len(q.Days), len(q.Excluded), len(q.Warnings))
	}
	if q.Days[0].Low.String() != "23450" || q.Days[0].High.String() != "23490" || !q.Days[0].HasRange {
		t.Errorf("range column: %+v", q.Days[0])
	}
	if q.Excluded[0].Line != 5 || !strings.Contains(q.Excluded[0].Why.String(), "Saturday") {
		t.Errorf("weekend row: %+v", q.Excluded[0])
	}
	forced := readQuotesFile(t, "../../testdata/quotes/gbk-chinese-headers.csv", GB18030)
	if len(forced.Days) != 5 {
		t.Errorf("forced GBK: %d days", len(forced.Days))
	}
	f, _ := os.Open("../../testdata/quotes/gbk-chinese-headers.csv")
	defer f.Close()
	var encErr *EncodingError
	if _, err := ReadQuotes(f, "gbk.csv", UTF8, nil); !errors.As(err, &encErr) || encErr.Read != UTF8 {
		t.Errorf("GBK read as UTF-8: %v", err)
	}

	bom := readQuotesFile(t, "../../testdata/quotes/utf8-bom.csv", AutoEncoding)
	if len(bom.Days) != 3 || !bom.Days[2].HasChange || bom.Days[2].Change.String() != "-440" {
		t.Errorf("BOM file: %+v", bom.Days)
	}

	// Columns in another order, an ASCII range column and comma grouping.
	q2, err := readQuotesText(t, "note,average,range,date\nx,\"23,680\",23660-23700,2026-03-02\ny,\"23,700\",\"23,680-23,720\",2026/3/3\n")
	if err != nil || len(q2.Days) != 2 || q2.Days[1].Low.String() != "23680" || q2.Days[0].Average.String() != "23680" {
		t.Fatalf("reordered columns: %+v, %v", q2, err)
	}
}

// A GBK file written by the test's own encoder, so that every GBK header
// the reader knows is covered.
func TestReadQuotesGBKHeaders(t *testing.T) {
	text := "日期,最低价,最高价,均价,涨跌\n2026-06-29,22920,22960,22940,60\n2026-06-30,22480,22520,22500,-440\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	q, err := readQuotesText(t, gbk)
	if err != nil || len(q.Days) != 2 || !q.Days[1].HasRange || !q.Days[1].HasChange {
		t.Fatalf("%+v, %v", q, err)
	}
}

func TestReadQuotesWarnings(t *testing.T) {
	q, err := readQuotesText(t, "date,low,high,average,change\n"+
		"2026-06-25,22830,22870,22850,\n"+
		"2026-06-26,22860,22900,22890,30\n"+ // not the midpoint; change 40 really
		"2026-06-27,22860,22900,22880,0\n"+ // Saturday
		"2026-06-28,22860,22900,22880,0\n"+ // Sunday
		"2026-06-29,22920,22960,22940,60\n") // 22940 − 22890 = 50, not 60
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Days) != 3 || len(q.Excluded) != 2 || q.Rows() != 5 {
		t.Fatalf("%d days, %d excluded", len(q.Days), len(q.Excluded))
	}
	if !strings.Contains(q.Excluded[1].Why.String(), "Sunday") {
		t.Errorf("excluded: %+v", q.Excluded)
	}
	wants := []string{
		"average 22890 is not the midpoint 22880 of the range 22860-22900",
		"change 30 disagrees with the previous row (2026-06-25, average 22850): 22890 − 22850 = 40",
		"change 60 disagrees with the previous row (2026-06-26, average 22890): 22940 − 22890 = 50",
	}
	if len(q.Warnings) != len(wants) {
		t.Fatalf("warnings: %+v", q.Warnings)
	}
	for i, w := range wants {
		if q.Warnings[i].Why.String() != w {
			t.Errorf("warning %d: %q, want %q", i, q.Warnings[i].Why.String(), w)
		}
	}
	avg, _ := q.Average(month("2026-06"), pricing.Yuan)
	if avg.Days != 3 || len(avg.Excluded) != 2 || !avg.Sum.Equal(d("68680")) {
		t.Errorf("weekend rows must not be averaged: %+v", avg)
	}
}

func TestReadQuotesErrors(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"empty", "", []string{"q.csv: is empty: it needs a header row"}},
		{"header only", "date,average\n", []string{"q.csv:1: has a header but no quotes"}},
		{"no average column", "date,price\n2026-03-02,1\n", []string{"q.csv:1: has no average column: the header needs one of average, 均价 (it has date,price)"}},
		{"bad date", "date,average\n2026-02-30,23000\n2026-3-x,23000\n",
			[]string{`q.csv:2:1: date: "2026-02-30": is not a day of the calendar`, `q.csv:3:1: date: "2026-3-x": is not a date`}},
		{"bad price", "date,average\n2026-03-02,24 389\n2026-03-03,２４３８９\n2026-03-04,0\n",
			[]string{`q.csv:2:12: average: "24 389": contains a space`, `q.csv:3:12: average: "２４３８９": contains the non-ASCII digit`, `q.csv:4:12: average: "0": is not positive`}},
		{"duplicate date", "date,average\n2026-03-02,23000\n2026/3/2,23010\n", []string{`q.csv:3: date: "2026-03-02": is a duplicate date (also at line 2)`}},
		{"outside range", "date,low,high,average\n2026-03-02,23000,23040,23100\n", []string{`q.csv:2:24: average: "23100": is outside the range 23000-23040`}},
		{"low above high", "date,low,high,average\n2026-03-02,23040,23000,23020\n", []string{`low: "23040": is above high (23000)`}},
		{"half a range", "date,low,high,average\n2026-03-02,23000,,23020\n", []string{`low: "23000": has no high beside it`}},
		{"bad range", "date,range,average\n2026-03-02,23000,23020\n", []string{`range: "23000": is not a range`}},
		{"bad change", "date,average,change\n2026-03-02,23000,+-5\n", []string{`change: "+-5": has a sign`}},
		{"ragged row", "date,average\n2026-03-02,23000,extra\n", []string{"q.csv:2: has 3 fields, not 2 as the header"}},
		{"bare quote", "date,average\n2026-03-02,23\"000\n", []string{`q.csv:2:14: has a bare " in an unquoted field`}},
		{"truncated quote", "date,average\n2026-03-02,\"23000\n", []string{`q.csv:2:`, `quoted field that starts here and is not closed`}},
		{"two date columns", "date,日期,average\n2026-03-02,2026-03-02,1\n", []string{`q.csv:1: 日期: names the date column again (column 1 is "date")`}},
	}
	for _, c := range cases {
		_, err := readQuotesText(t, c.text)
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error\n%s\nwant it to contain %q", c.name, err, w)
			}
		}
	}
}

func TestReadQuotesLongLine(t *testing.T) {
	text := "date,average\n2026-03-02,23000\n" + strings.Repeat("9", MaxLineLength+10) + "\n"
	_, err := readQuotesText(t, text)
	if err == nil || !strings.Contains(err.Error(), "q.csv:3: is longer than 1048576 bytes") {
		t.Fatalf("got %v", err)
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{"2026-03-02": "2026-03-02", "2026/3/2": "2026-03-02", "2026-3-2": "2026-03-02", "2024/2/29": "2024-02-29"} {
		got, err := pricing.ParseDate(in)
		if err != nil || got.Format(time.DateOnly) != want {
			t.Errorf("ParseDate(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"2026-02-29", "2026-13-01", "26-03-02", "2026.03.02", "2026-03-02T00:00", "", "2026/03/002", "2026-03"} {
		if _, err := pricing.ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) accepted", in)
		}
	}
}

func quotesOf(t *testing.T, text string) *pricing.Quotes {
	t.Helper()
	q, err := readQuotesText(t, text)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// The sample store declares the two days the real collections miss: the
// declared days round-trip through the store's format, and January and
// February are complete on them, with the same averages.
func TestDeclaredDaysInTheStore(t *testing.T) {
	data, err := os.ReadFile("../../testdata/quotes-2026-h1.csv")
	if err != nil {
		t.Fatal(err)
	}
	q, err := ReadQuotes(bytes.NewReader(data), "quotes-2026-h1.csv", AutoEncoding, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Days) != 114 || len(q.Declared) != 2 || q.Rows() != 116 {
		t.Fatalf("%d days, %d declared, %d rows", len(q.Days), len(q.Declared), q.Rows())
	}
	for _, c := range []struct{ month, avg, declared string }{{"2026-01", "24084", "2026-01-23"}, {"2026-02", "23394", "2026-02-10"}} {
		a, err := q.Average(month(c.month), pricing.Yuan)
		if err != nil || a.Status != pricing.Complete || !a.Value.Equal(d(c.avg)) || len(a.Declared) != 1 ||
			pricing.FormatDate(a.Declared[0].Date) != c.declared || len(a.MissingWeekdays) != 0 {
			t.Errorf("%s: %v %s %s %v %v", c.month, err, a.Status, a.Value, a.Declared, a.MissingWeekdays)
		}
	}
	var out bytes.Buffer
	all := append(append([]pricing.Quote{}, q.Days...), q.Declared...)
	slices.SortFunc(all, func(a, b pricing.Quote) int { return a.Date.Compare(b.Date) })
	if err := WriteQuotes(&out, all); err != nil || out.String() != string(data) {
		t.Errorf("the store does not write back as it reads (%v):\n%s", err, out.String())
	}
}

// A declared day carries no figures, and a quote after today is refused.
func TestDeclaredAndFutureRows(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"date,average,none\n2026-03-02,23620,maintenance\n", `average: "23620": is given on a day declared without a quote`},
		{"date,average\n2026-03-05,23620\n", `date: "2026-03-05": is after today (2026-03-04)`},
	} {
		cal := pricing.DefaultCalendar()
		cal.SetToday(time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC))
		_, err := ReadQuotes(strings.NewReader(c.text), "q.csv", AutoEncoding, cal)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v; want %q", c.text, err, c.want)
		}
	}
}
