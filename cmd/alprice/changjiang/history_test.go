package changjiang

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// historySite serves testdata/history/cjxh_1..3 as the site does (GBK,
// with a trailing slash) and records the pages asked for; a page past 3 is
// 404, as is any other path.
type historySite struct {
	t     *testing.T
	mu    sync.Mutex
	asked []int
	fail  map[int]int // a page that answers with this status instead
}

func (h *historySite) handler(w http.ResponseWriter, r *http.Request) {
	var n int
	if _, err := fmt.Sscanf(r.URL.Path, "/historyprice/cjxh_%d/", &n); err != nil || r.Method != http.MethodGet ||
		r.URL.Path != fmt.Sprintf("/historyprice/cjxh_%d/", n) {
		h.t.Errorf("unexpected %s %s", r.Method, r.URL)
		http.NotFound(w, r)
		return
	}
	h.mu.Lock()
	h.asked = append(h.asked, n)
	h.mu.Unlock()
	if code := h.fail[n]; code != 0 {
		http.Error(w, "failed", code)
		return
	}
	if n > 3 {
		h.t.Errorf("page %d asked for: the walk should have stopped", n)
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=GBK")
	_, _ = w.Write(readTestdata(h.t, fmt.Sprintf("history/cjxh_%d.html", n)))
}

func (h *historySite) pages() []int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]int(nil), h.asked...)
}

func TestHistoryPage(t *testing.T) {
	site := &historySite{t: t}
	srv := server(t, site.handler)
	c, _ := newTestClient(t, srv.URL+"/", nil)
	for n := 1; n <= 3; n++ {
		got, err := c.HistoryPage(t.Context(), n)
		if err != nil {
			t.Fatal(err)
		}
		if want := readTestdata(t, fmt.Sprintf("history/cjxh_%d.html", n)); !bytes.Equal(got, want) {
			t.Errorf("page %d: not the raw GBK bytes served", n)
		}
	}
	for _, n := range []int{0, -1} {
		_, err := c.HistoryPage(t.Context(), n)
		if e := asError(t, err); e.Kind != KindOptions || e.Field != "page" {
			t.Errorf("page %d: error %q, want an options error", n, err)
		}
	}
	if got := site.pages(); !slices.Equal(got, []int{1, 2, 3}) {
		t.Errorf("pages asked %v, want 1 2 3", got)
	}
}

// dates are the MM-DD cells of a history page, decoded from GBK.
var dateCell = regexp.MustCompile(`<td>(\d\d-\d\d)</td>`)

// coveredAt returns a read function that says a month is covered once a
// page shows the day oldest, as a backfill of that month would, and
// records the pages it was handed.
func coveredAt(t *testing.T, oldest string, seen *[]int) func(int, []byte) (bool, error) {
	return func(page int, body []byte) (bool, error) {
		*seen = append(*seen, page)
		text, err := simplifiedchinese.GBK.NewDecoder().Bytes(body)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range dateCell.FindAllSubmatch(text, -1) {
			if string(m[1]) == oldest {
				return true, nil
			}
		}
		return false, nil
	}
}

func TestHistoryWalk(t *testing.T) {
	errMine := errors.New("the reader's own error")
	tests := []struct {
		name     string
		oldest   string // the day that covers the month
		maxPages int
		fail     map[int]int
		readErr  bool // read fails on page 2
		pages    int  // pages the walk says it read
		asked    []int
		kind     Kind // 0: no error, or errMine when readErr
	}{
		{name: "January, on page 1", oldest: "01-05", maxPages: 5, pages: 1, asked: []int{1}},
		{name: "the end of December, page 2", oldest: "12-29", maxPages: 5, pages: 2, asked: []int{1, 2}},
		{name: "mid December, page 3", oldest: "12-18", maxPages: 3, pages: 3, asked: []int{1, 2, 3}},
		{name: "not within maxPages", oldest: "12-18", maxPages: 2, pages: 2, asked: []int{1, 2}, kind: KindNotCovered},
		{name: "not on any page", oldest: "12-01", maxPages: 3, pages: 3, asked: []int{1, 2, 3}, kind: KindNotCovered},
		{name: "the reader fails", oldest: "12-18", maxPages: 5, readErr: true, pages: 2, asked: []int{1, 2}},
		{name: "page 2 fails", oldest: "12-18", maxPages: 5, fail: map[int]int{2: 404}, pages: 1, asked: []int{1, 2}, kind: KindStatus},
		{name: "maxPages 0", oldest: "12-18", maxPages: 0, kind: KindOptions},
		{name: "maxPages over the bound", oldest: "12-18", maxPages: MaxHistoryPages + 1, kind: KindOptions},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := &historySite{t: t, fail: tt.fail}
			srv := server(t, site.handler)
			c, s := newTestClient(t, srv.URL, nil)
			var seen []int
			read := coveredAt(t, tt.oldest, &seen)
			if tt.readErr {
				inner := read
				read = func(page int, body []byte) (bool, error) {
					if page == 2 {
						return false, errMine
					}
					return inner(page, body)
				}
			}
			pages, err := c.HistoryWalk(t.Context(), tt.maxPages, read)
			if pages != tt.pages || !slices.Equal(site.pages(), tt.asked) {
				t.Errorf("read %d pages, asked %v; want %d, %v", pages, site.pages(), tt.pages, tt.asked)
			}
			switch {
			case tt.readErr:
				if err != errMine {
					t.Errorf("error %v, want the reader's own, as it is", err)
				}
			case tt.kind == 0:
				if err != nil {
					t.Fatal(err)
				}
			default:
				if e := asError(t, err); e.Kind != tt.kind {
					t.Errorf("error %q, want kind %v", err, tt.kind)
				} else if e.Kind == KindNotCovered && e.Limit != int64(tt.maxPages) {
					t.Errorf("limit %d, want %d", e.Limit, tt.maxPages)
				}
			}
			var wantPauses []time.Duration
			for range max(len(tt.asked)-1, 0) {
				wantPauses = append(wantPauses, pagePause)
			}
			if got := s.got(); !slices.Equal(got, wantPauses) {
				t.Errorf("paused %v, want %v (one between pages)", got, wantPauses)
			}
		})
	}
}

// TestHistoryFixtures checks that the history pages are what the tests and
// alprice's history reader take them for: GBK (not UTF-8), a table in
// div#list_elem with the header 品名 价格区间 均价 涨跌 单位 日期, several
// products a day with A00铝 among them, dates MM-DD newest first across
// New Year: January on page 1, December on pages 2 and 3.
func TestHistoryFixtures(t *testing.T) {
	wantHeader := []string{"品名", "价格区间", "均价", "涨跌", "单位", "日期"}
	rangeCell := regexp.MustCompile(`^\d+—\d+$`)
	var days []string // the days of A00铝, in page order, with their year
	for i, wantMonth := range []string{"01", "12", "12"} {
		n := i + 1
		raw := readTestdata(t, fmt.Sprintf("history/cjxh_%d.html", n))
		if utf8.Valid(raw) {
			t.Errorf("page %d is valid UTF-8; the site serves GBK", n)
		}
		text, err := simplifiedchinese.GBK.NewDecoder().Bytes(raw)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(bytes.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		rows := listRows(doc)
		if len(rows) < 2 || !slices.Equal(rows[0], wantHeader) {
			t.Fatalf("page %d: no div#list_elem table with the header %v: %v", n, wantHeader, rows)
		}
		perDay := map[string][]string{}
		for _, r := range rows[1:] {
			if len(r) != len(wantHeader) || !rangeCell.MatchString(r[1]) || !strings.HasPrefix(r[5], wantMonth+"-") {
				t.Errorf("page %d: row %v is not a %s row with a low—high range", n, r, wantMonth)
				continue
			}
			if r[0] == "A00铝" {
				days = append(days, map[string]string{"01": "2026-", "12": "2025-"}[wantMonth]+r[5])
			}
			perDay[r[5]] = append(perDay[r[5]], r[0])
		}
		for day, names := range perDay {
			if len(names) < 3 || !slices.Contains(names, "A00铝") {
				t.Errorf("page %d, %s: products %v, want several with A00铝", n, day, names)
			}
		}
	}
	for i := 1; i < len(days); i++ {
		if days[i-1] <= days[i] {
			t.Errorf("A00铝 of %s comes before %s: not newest first, one row a day", days[i-1], days[i])
		}
	}
}

// listRows returns the cells of the rows of the table in div#list_elem.
func listRows(doc *html.Node) [][]string {
	var rows [][]string
	var text func(*html.Node, *strings.Builder)
	text = func(n *html.Node, b *strings.Builder) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			text(c, b)
		}
	}
	var walk func(n *html.Node, in bool)
	walk = func(n *html.Node, in bool) {
		if n.Type == html.ElementNode && n.Data == "div" {
			for _, a := range n.Attr {
				if a.Key == "id" && a.Val == "list_elem" {
					in = true
				}
			}
		}
		if in && n.Type == html.ElementNode && n.Data == "tr" {
			var row []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
					var b strings.Builder
					text(c, &b)
					row = append(row, strings.TrimSpace(b.String()))
				}
			}
			rows = append(rows, row)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in)
		}
	}
	walk(doc, false)
	return rows
}
