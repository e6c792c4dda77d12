package read

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"alprice/pricing"
)

// FuzzStoreMerge: whatever a store holds, it is read back whole or
// refused with an input error naming it; a merge into what was read, then
// written, reads back as exactly what was merged — no row, no declared
// day, no figure lost — and writes the same bytes again.
func FuzzStoreMerge(f *testing.F) {
	h1, err := os.ReadFile(filepath.Join("../../testdata", "quotes-2026-h1.csv"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(h1, "2026-03-02", "23620")
	f.Add([]byte("date,low,high,average,change,none\n2026-03-02,,,,,maintenance\n2026-03-03,23600,23640,23620,+20,\n"), "2026-03-04", "23700")
	f.Add([]byte("date,average,note\n2026-03-02,23620,x\n"), "2026-03-03", "1")
	f.Add([]byte("date,average\n2026-03-07,23620\n"), "2026-03-09", "23620.5")
	f.Add([]byte(""), "2026-01-05", "20000")
	cal := pricing.NewCalendar(pricing.StateCouncilSchedule{})
	cal.SetToday(time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC))
	f.Fuzz(func(t *testing.T, data []byte, date, average string) {
		stored, err := ReadStore(data, "st.csv", cal)
		if err != nil {
			var ie *pricing.InputError
			var list pricing.ErrorList
			if !errors.As(err, &ie) && !errors.As(err, &list) || !strings.HasPrefix(err.Error(), "st.csv") {
				t.Fatalf("%v: not an input error of st.csv", err)
			}
			return
		}
		var incoming []pricing.Quote
		if d, err := pricing.ParseDate(date); err == nil && !d.After(cal.Today()) {
			if a, err := pricing.ParseMoney(average); err == nil && a.IsPositive() {
				incoming = append(incoming, pricing.Quote{Date: d, Average: a})
			}
		}
		res := pricing.MergeQuotes(stored, incoming, cal, true)
		var out bytes.Buffer
		if err := WriteQuotes(&out, res.Quotes); err != nil {
			t.Fatal(err)
		}
		back, err := ReadStore(out.Bytes(), "st.csv", cal)
		if err != nil {
			t.Fatalf("a store alprice wrote is refused: %v\n%s", err, out.Bytes())
		}
		if len(back) != len(res.Quotes) {
			t.Fatalf("%d rows merged, %d read back:\n%s", len(res.Quotes), len(back), out.Bytes())
		}
		for i := range back {
			w, g := res.Quotes[i], back[i]
			if !w.Date.Equal(g.Date) || w.None != g.None || !w.Average.Equal(g.Average) || w.HasRange != g.HasRange ||
				!w.Low.Equal(g.Low) || !w.High.Equal(g.High) || w.HasChange != g.HasChange || !w.Change.Equal(g.Change) {
				t.Fatalf("row %d: merged %+v, read back %+v", i, w, g)
			}
		}
		var again bytes.Buffer
		if err := WriteQuotes(&again, back); err != nil || !slices.Equal(again.Bytes(), out.Bytes()) {
			t.Fatalf("written twice, the store differs: %v", err)
		}
	})
}
