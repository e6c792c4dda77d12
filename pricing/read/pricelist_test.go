package read

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"alprice/pricing"
)

// The price list's minPrice and maxPrice are the quote's range: kept, both
// or neither, the average within them; an answer whose success is false
// is the site refusing.
func TestReadPriceListJSON(t *testing.T) {
	entry := func(fields string) string {
		return `{"success": true, "body": {"priceList": [{"productSortName": "1#铜", "avgPrice": 78400},
			{"productSortName": "A00铝", "publishDate": "2026-08-04 10:18:00", ` + fields + `}]}}`
	}
	for _, c := range []struct {
		name, answer string
		want         string // the quote as "date low-high average change", or the error's text
	}{
		{"range as numbers", entry(`"minPrice": 20640, "maxPrice": 20680, "avgPrice": 20660, "highsLowsAmount": "-30"`), "2026-08-04 20640-20680 20660 -30"},
		{"range as strings", entry(`"minPrice": "20640", "maxPrice": "20680", "avgPrice": "20660", "highsLowsAmount": 110`), "2026-08-04 20640-20680 20660 110"},
		{"no range", entry(`"avgPrice": 20660`), "2026-08-04 - 20660 "},
		{"null range", entry(`"minPrice": null, "maxPrice": null, "avgPrice": 20660`), "2026-08-04 - 20660 "},
		{"half a range", entry(`"minPrice": 20640, "avgPrice": 20660`),
			`p.json: priceList[1].maxPrice: is missing, though minPrice is given: an entry gives both or neither`},
		{"average outside", entry(`"minPrice": 20640, "maxPrice": 20650, "avgPrice": 20660`),
			`p.json: priceList[1].avgPrice: "20660": average 20660 is outside the range 20640-20650`},
		{"low not positive", entry(`"minPrice": 0, "maxPrice": 20680, "avgPrice": 20660`),
			`p.json: priceList[1].minPrice: "0": is not positive`},
		{"unsuccessful", `{"success": false, "msg": "查询失败", "body": null}`,
			`p.json: success: "false": is false: the site refused to answer, saying "查询失败"`},
		{"unsuccessful, no message", `{"success": false}`, `p.json: success: "false": is false: the site refused to answer`},
	} {
		t.Run(c.name, func(t *testing.T) {
			sq, err := ReadPriceListJSON(strings.NewReader(c.answer), "p.json")
			got := ""
			switch {
			case err != nil:
				got = err.Error()
			case len(sq.Quotes) != 1 || sq.NotA00 != 1:
				t.Fatalf("%d quotes, %d not A00", len(sq.Quotes), sq.NotA00)
			default:
				q := sq.Quotes[0]
				rng := "-"
				if q.HasRange {
					rng = q.Low.String() + "-" + q.High.String()
				}
				change := ""
				if q.HasChange {
					change = q.Change.String()
				}
				got = fmt.Sprintf("%s %s %s %s", pricing.FormatDate(q.Date), rng, q.Average, change)
			}
			if got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

// The answer of the real shape, 36 products: A00铝 taken with its range.
func TestReadPriceListJSONFixture(t *testing.T) {
	f, err := os.Open("../../cmd/alprice/changjiang/testdata/pricelist-2026-08-04.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sq, err := ReadPriceListJSON(f, "pricelist.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(sq.Quotes) != 1 || sq.NotA00 != 35 {
		t.Fatalf("%d quotes, %d not A00", len(sq.Quotes), sq.NotA00)
	}
	q := sq.Quotes[0]
	if !q.HasRange || !q.Low.Equal(d("20640")) || !q.High.Equal(d("20680")) || !q.Average.Equal(d("20660")) || !q.Change.Equal(d("-30")) {
		t.Errorf("quote %+v", q)
	}
}

// Pages read in turn carry their year: page 1 dated from today, each next
// page from the last row of the one before, across New Year between pages
// and on a page.
func TestReadHistoryPageDating(t *testing.T) {
	page := func(days ...string) string {
		s := "<table><tr><th>品名</th><th>价格区间</th><th>均价</th><th>涨跌</th><th>日期</th></tr>"
		for _, d := range days {
			s += "<tr><td>A00铝</td><td>23660—23700</td><td>23680</td><td>+0</td><td>" + d + "</td></tr>"
		}
		return s + "</table>"
	}
	for _, c := range []struct {
		name  string
		today HistoryDating
		pages [][]string
		want  string
	}{
		{"same year", HistoryDating{Year: 2026, Month: time.August}, [][]string{{"08-04", "08-03"}, {"07-31"}}, "2026-08-04 2026-08-03 | 2026-07-31"},
		{"New Year between pages", HistoryDating{Year: 2026, Month: time.January}, [][]string{{"01-09", "01-05"}, {"12-31", "12-30"}, {"12-29"}},
			"2026-01-09 2026-01-05 | 2025-12-31 2025-12-30 | 2025-12-29"},
		{"New Year on a page", HistoryDating{Year: 2026, Month: time.January}, [][]string{{"01-05", "12-31"}, {"12-30"}}, "2026-01-05 2025-12-31 | 2025-12-30"},
		{"page 1 of last year", HistoryDating{Year: 2026, Month: time.January}, [][]string{{"12-31", "12-30"}}, "2025-12-31 2025-12-30"},
		{"a page without A00 keeps the year", HistoryDating{Year: 2026, Month: time.January}, [][]string{{"01-05"}, {}, {"12-31"}}, "2026-01-05 |  | 2025-12-31"},
		{"Feb 29 of a leap year", HistoryDating{Year: 2024, Month: time.March}, [][]string{{"03-01"}, {"02-29"}}, "2024-03-01 | 2024-02-29"},
		// Today 2026-12-02: rows of 12-30 and 12-31 are last year's, not days to come (#23).
		{"page 1 dated after today", DatingFrom(time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)), [][]string{{"12-31", "12-30"}}, "2025-12-31 2025-12-30"},
		{"page 1 of today", DatingFrom(time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)), [][]string{{"12-02", "12-01"}, {"11-30"}}, "2026-12-02 2026-12-01 | 2026-11-30"},
		{"next page of the same month", HistoryDating{Year: 2026, Month: time.March, Day: 10}, [][]string{{"03-09", "03-06"}}, "2026-03-09 2026-03-06"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dating := c.today
			var got []string
			for i, days := range c.pages {
				sq, err := ReadHistoryPage(strings.NewReader(page(days...)), fmt.Sprintf("cjxh_%d", i+1), &dating)
				if err != nil {
					t.Fatal(err)
				}
				var dates []string
				for _, q := range sq.Quotes {
					dates = append(dates, pricing.FormatDate(q.Date))
				}
				got = append(got, strings.Join(dates, " "))
			}
			if s := strings.Join(got, " | "); s != c.want {
				t.Errorf("got  %s\nwant %s", s, c.want)
			}
		})
	}
}

// A saved answer or page over 16 MiB is read whole, not cut short: the
// entry after the first 16 MiB is there (#28 item 6; the caller bounds the
// input, refusing what is over its limit).
func TestSourcesAreNotCutShort(t *testing.T) {
	pad := strings.Repeat(" ", 17<<20)
	answer := `{"success": true, "body": {"priceList": [` + pad + `{"productSortName": "A00铝", "publishDate": "2026-08-04", "avgPrice": 20660}]}}`
	sq, err := ReadPriceListJSON(strings.NewReader(answer), "p.json")
	if err != nil || len(sq.Quotes) != 1 {
		t.Fatalf("a price list padded over 16 MiB: %v", err)
	}
	page := "<html><body><table><tr><th>品名</th><th>价格区间</th><th>均价</th><th>涨跌</th><th>日期</th></tr><tr><td>A00铝</td><td>23660-23700</td><td>23680</td><td>+80</td><td>03-02</td></tr>" + pad +
		"<tr><td>A00铝</td><td>23580-23620</td><td>23600</td><td>-20</td><td>02-27</td></tr></table></body></html>"
	hq, err := ReadHistoryHTML(strings.NewReader(page), "cjxh_1.html", 2026)
	if err != nil {
		t.Fatalf("a history page padded over 16 MiB: %v", err)
	}
	if len(hq.Quotes) != 2 {
		t.Errorf("a history page padded over 16 MiB: %d quotes, want 2", len(hq.Quotes))
	}
}
