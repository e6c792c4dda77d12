package read

import (
	"bytes"
	"os"
	"testing"
	"time"
)

// checkSourceQuotes fails unless every quote read has a date, a positive
// average and, when it has a range, an average inside it.
func checkSourceQuotes(t *testing.T, sq *SourceQuotes) {
	t.Helper()
	for _, q := range sq.Quotes {
		if q.Date.IsZero() || !q.Average.IsPositive() {
			t.Fatalf("quote read without a date or a positive average: %+v", q)
		}
		if q.HasRange && (q.Average.LessThan(q.Low) || q.Average.GreaterThan(q.High)) {
			t.Fatalf("quote read with its average outside its range: %+v", q)
		}
	}
}

// seedFile adds a sample file of ../testdata as a seed; the fuzz targets
// of the quote sources share the samples the tests read.
func seedFile(f *testing.F, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
}

// The quote sources report some problems about the text as a whole (not
// HTML, no price table, dates without a year), so their targets ask only
// that every problem names the source; the CSV readers' targets also ask
// for a line.

func FuzzReadPastedQuotes(f *testing.F) {
	seedFile(f, "../../testdata/quotes/pasted.txt")
	f.Add([]byte("2026-03-02 A00铝 23660-23700 23680 +80\n"))
	f.Add([]byte("A00铝 23660-2370023680+80\n"))
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		sq, err := ReadPastedQuotes(bytes.NewReader(data), "pasted.txt", &day)
		if err != nil {
			inputProblems(t, err, "pasted.txt")
			return
		}
		checkSourceQuotes(t, sq)
	})
}

func FuzzReadHistoryHTML(f *testing.F) {
	seedFile(f, "../../testdata/quotes/history-new-year-gbk.html")
	f.Add([]byte("<table><tr><th>品名</th><th>价格区间</th><th>均价</th><th>涨跌</th><th>日期</th></tr>" +
		"<tr><td>A00铝</td><td>23660-23700</td><td>23680</td><td>+80</td><td>03-02</td></tr></table>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sq, err := ReadHistoryHTML(bytes.NewReader(data), "history.html", 2026)
		if err != nil {
			inputProblems(t, err, "history.html")
			return
		}
		checkSourceQuotes(t, sq)
	})
}

func FuzzReadPriceListJSON(f *testing.F) {
	seedFile(f, "../../testdata/quotes/pricelist.json")
	seedFile(f, "../../testdata/quotes/pricelist-malformed.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		sq, err := ReadPriceListJSON(bytes.NewReader(data), "pricelist.json")
		if err != nil {
			inputProblems(t, err, "pricelist.json")
			return
		}
		checkSourceQuotes(t, sq)
	})
}

func FuzzReadHolidays(f *testing.F) {
	f.Add([]byte("date,name\n2028-01-03,元旦\n"))
	f.Add([]byte("日期,名称\n2028-01-03,元旦\n\n2028-01-04,\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		hs, err := ReadHolidays(bytes.NewReader(data), "h.csv", AutoEncoding)
		if err != nil {
			checkErrorNamesLine(t, err, "h.csv")
			return
		}
		if n := records(data); len(hs) > n {
			t.Fatalf("%d holidays read from %d data records", len(hs), n)
		}
		for _, h := range hs {
			if h.Date.IsZero() {
				t.Fatalf("holiday read without a date: %+v", h)
			}
		}
	})
}

func FuzzReadProduction(f *testing.F) {
	seedFile(f, "../../testdata/report/production-2026-h1.csv")
	f.Add([]byte("月份,产量(吨)\n2026-03,1000.5\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := ReadProduction(bytes.NewReader(data), "p.csv", AutoEncoding)
		if err != nil {
			checkErrorNamesLine(t, err, "p.csv")
			return
		}
		if n := records(data); len(out) > n {
			t.Fatalf("%d months read from %d data records", len(out), n)
		}
		for m, w := range out {
			if w < 0 {
				t.Fatalf("month %s read with a negative output %s", m, w)
			}
		}
	})
}
