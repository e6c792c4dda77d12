package pricing

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// quotesOn makes quotes of the trading days of March 2026 from its 2nd
// (a Monday), one average a day, skipping the weekends; "" holds a day's
// place without a figure.
func quotesOn(averages ...string) []Quote {
	var qs []Quote
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	for i, a := range averages {
		for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
			day = day.AddDate(0, 0, 1)
		}
		q := Quote{Date: day, Line: i + 2}
		if a != "" {
			q.Average = d(a)
		}
		qs = append(qs, q)
		day = day.AddDate(0, 0, 1)
	}
	return qs
}

// An average five times or more off the days around it is an outlier of
// the merge (issue 27 item 16): a digit dropped beside good days, two
// slips in a row both, and never the good days beside a slip; a store's
// own rows are not the merge's to judge.
func TestMergeQuotesOutliers(t *testing.T) {
	cal := DefaultCalendar()
	for _, c := range []struct {
		name             string
		stored, incoming []string
		want             []int  // the incoming indexes found
		why              string // what the first says
		whyLast          string // what the last says
	}{
		{"one slip among good days", nil, []string{"26000", "26050", "2400", "26100", "26200"}, []int{2},
			"is off by a factor of 5 or more from the days quoted around it, 2026-03-03 (26050) and 2026-03-05 (26100)", ""},
		{"two slips in a row", nil, []string{"26000", "26050", "2400", "2410", "26100", "26200"}, []int{2, 3},
			// each names the good days nearest it, never the other slip
			"is off by a factor of 5 or more from the days quoted around it, 2026-03-03 (26050) and 2026-03-06 (26100)",
			"is off by a factor of 5 or more from the days quoted around it, 2026-03-03 (26050) and 2026-03-06 (26100)"},
		{"two slips at the start", nil, []string{"2400", "2410", "26000", "26050", "26100"}, []int{0, 1}, "", ""},
		{"a digit too many", nil, []string{"26000", "260500", "26100"}, []int{1}, "", ""},
		{"the first day", nil, []string{"2600", "26000", "26050"}, []int{0},
			"is off by a factor of 5 or more from the day quoted after it, 2026-03-03 (26000)", ""},
		{"added after the store", []string{"26000", "26050"}, []string{"", "", "2400"}, []int{2},
			"is off by a factor of 5 or more from the day quoted before it, 2026-03-03 (26050)", ""},
		{"a market move is no slip", nil, []string{"26000", "21000", "26000", "31000"}, nil, "", ""},
		{"a store's own slip is not the merge's", []string{"26000", "2400"}, []string{"", "", "26100"}, nil, "", ""},
		{"four times off is not five", nil, []string{"26000", "6600", "26100"}, nil, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			stored := quotesOn(c.stored...)
			all := quotesOn(c.incoming...)
			var incoming []Quote
			for i, a := range c.incoming {
				if a != "" {
					incoming = append(incoming, all[i])
				}
			}
			res := MergeQuotes(stored, incoming, cal, false)
			var got []int
			for _, o := range res.Outliers {
				got = append(got, o.Incoming+len(c.incoming)-len(incoming))
			}
			if !slices.Equal(got, c.want) {
				t.Fatalf("outliers at %v, want %v", got, c.want)
			}
			if c.why != "" && !strings.HasPrefix(Say(res.Outliers[0].Err, nil), c.why) {
				t.Errorf("said %q, want it to start %q", Say(res.Outliers[0].Err, nil), c.why)
			}
			if c.whyLast != "" {
				if last := res.Outliers[len(res.Outliers)-1]; !strings.HasPrefix(Say(last.Err, nil), c.whyLast) {
					t.Errorf("the last said %q, want it to start %q", Say(last.Err, nil), c.whyLast)
				}
			}
		})
	}
}

// A merge warns only about the rows it takes (issue 27 item 16): a store
// with a jump in it is warned about once, when the jump is added, not by
// every later add.
func TestMergeQuotesWarnsOfRowsTaken(t *testing.T) {
	cal := DefaultCalendar()
	all := quotesOn("26000", "23000", "23100", "23150")
	first := MergeQuotes(nil, all[:2], cal, false)
	if len(first.Warnings) != 1 || first.Warnings[0].Why.Code != "quote.jump" {
		t.Fatalf("the jump added: warnings %+v", first.Warnings)
	}
	if later := MergeQuotes(first.Quotes, all[2:], cal, false); len(later.Warnings) != 0 {
		t.Errorf("a later merge warns about rows it did not add: %+v", later.Warnings)
	}
	// A day taken between two stored days warns of the jump onto the day after it.
	between := MergeQuotes(append(slices.Clone(all[:1]), all[2:]...), all[1:2], cal, false)
	if len(between.Warnings) != 1 {
		t.Errorf("a day added before a stored one 8%% away: warnings %+v", between.Warnings)
	}
}
