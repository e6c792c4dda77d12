package changjiang

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

const sessionCookie = "JSESSIONID=5F3A9C0E1B2D4F6A8C0E2B4D6F8A0C1E"

// fakeSite is the site's cjxh.shtml page and price-list endpoint under
// prefix, checking every request as the real page makes it.
type fakeSite struct {
	t        *testing.T
	prefix   string // the path the site lies under: "/" or "/mirror/"
	answer   []byte // what the POST answers
	date     string // the publishDate the POST must ask for
	gets     atomic.Int32
	posts    atomic.Int32
	noCookie bool // the page sets no cookie (then none is checked)
}

func (f *fakeSite) handler(w http.ResponseWriter, r *http.Request) {
	t := f.t
	switch r.URL.Path {
	case f.prefix + "cjxh.shtml":
		f.gets.Add(1)
		if r.Method != http.MethodGet {
			t.Errorf("cjxh.shtml asked with %s, want GET", r.Method)
		}
		if !f.noCookie {
			name, value, _ := strings.Cut(sessionCookie, "=")
			http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", HttpOnly: true})
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(readTestdata(t, "cjxh.shtml"))
	case f.prefix + "shop/historyData/getCorpStmarketPriceList":
		f.posts.Add(1)
		if f.gets.Load() == 0 {
			t.Errorf("price list POSTed before cjxh.shtml was read")
		}
		f.checkPost(r)
		w.Header().Set("Content-Type", "text/html;charset=UTF-8") // the site's own, not application/json
		_, _ = w.Write(f.answer)
	default:
		t.Errorf("unexpected %s %s", r.Method, r.URL)
		http.NotFound(w, r)
	}
}

func (f *fakeSite) checkPost(r *http.Request) {
	t := f.t
	if r.Method != http.MethodPost {
		t.Errorf("price list asked with %s, want POST", r.Method)
	}
	base := "http://" + r.Host
	wantHeaders := map[string]string{
		"Referer":          base + f.prefix + "cjxh.shtml",
		"Origin":           base,
		"X-Requested-With": "XMLHttpRequest",
		"Content-Type":     "application/x-www-form-urlencoded; charset=UTF-8",
		"Accept":           "application/json",
	}
	for k, want := range wantHeaders {
		if got := r.Header.Get(k); got != want {
			t.Errorf("POST header %s = %q, want %q", k, got, want)
		}
	}
	if c, err := r.Cookie("JSESSIONID"); !f.noCookie && (err != nil || "JSESSIONID="+c.Value != sessionCookie) {
		t.Errorf("POST without the session cookie: Cookie %q", r.Header.Get("Cookie"))
	}
	if err := r.ParseForm(); err != nil {
		t.Fatalf("POST form: %v", err)
	}
	want := url.Values{"marketVmid": {MarketVmid}, "publishDate": {f.date}, "flag": {"1"}, "productVmid": {""}}
	if got := r.PostForm.Encode(); got != want.Encode() {
		t.Errorf("POST form %s, want %s", got, want.Encode())
	}
	if len(r.URL.RawQuery) > 0 {
		t.Errorf("POST has a query %q; the form goes in the body", r.URL.RawQuery)
	}
}

func TestDailyPriceList(t *testing.T) {
	tests := []struct {
		name     string
		prefix   string
		user     string // user info in the base URL
		fixture  string
		now      time.Time
		date     string // publishDate the form must ask for
		noCookie bool
	}{
		{name: "today", prefix: "/", fixture: "pricelist-2026-08-04.json", now: testNow, date: "2026-08-04"},
		// 00:30 on 4 August in Beijing is still 3 August in UTC.
		{name: "just after midnight in Beijing", prefix: "/", fixture: "pricelist-2026-08-03.json",
			now: time.Date(2026, 8, 3, 16, 30, 0, 0, time.UTC), date: "2026-08-04"},
		{name: "23:59 in Beijing", prefix: "/", fixture: "pricelist-2026-08-03.json",
			now: time.Date(2026, 8, 3, 15, 59, 0, 0, time.UTC), date: "2026-08-03"},
		{name: "a mirror under a path", prefix: "/mirror/ccmn/", fixture: "pricelist-2026-08-04.json", now: testNow, date: "2026-08-04"},
		{name: "user info is sent as basic auth only", prefix: "/", user: "alice:s3cret@", fixture: "pricelist-2026-08-04.json", now: testNow, date: "2026-08-04"},
		{name: "a page that sets no cookie", prefix: "/", fixture: "pricelist-2026-08-04.json", now: testNow, date: "2026-08-04", noCookie: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := &fakeSite{t: t, prefix: tt.prefix, answer: readTestdata(t, tt.fixture), date: tt.date, noCookie: tt.noCookie}
			srv := server(t, func(w http.ResponseWriter, r *http.Request) {
				if u, p, ok := r.BasicAuth(); tt.user != "" && (!ok || u+":"+p+"@" != tt.user) {
					t.Errorf("%s: basic auth %q %q %v, want from %q", r.URL, u, p, ok, tt.user)
				}
				site.handler(w, r)
			})
			base := strings.Replace(srv.URL, "http://", "http://"+tt.user, 1) + tt.prefix
			c, _ := newTestClient(t, base, func(o *Options) { o.Now = func() time.Time { return tt.now } })
			got, err := c.DailyPriceList(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, site.answer) {
				t.Errorf("body is not the answer served")
			}
			if site.gets.Load() != 1 || site.posts.Load() != 1 {
				t.Errorf("%d GETs and %d POSTs, want 1 each", site.gets.Load(), site.posts.Load())
			}
		})
	}
}

// TestDailyPriceListSessionsApart checks that each call has its own cookie
// session: a second call does not send the first call's cookie to the page.
func TestDailyPriceListSessionsApart(t *testing.T) {
	site := &fakeSite{t: t, prefix: "/", answer: readTestdata(t, "pricelist-2026-08-04.json"), date: "2026-08-04"}
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/cjxh.shtml" && r.Header.Get("Cookie") != "" {
			t.Errorf("cjxh.shtml asked with an old cookie %q", r.Header.Get("Cookie"))
		}
		site.handler(w, r)
	})
	c, _ := newTestClient(t, srv.URL, nil)
	for range 2 {
		if _, err := c.DailyPriceList(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDailyPriceListAnswers(t *testing.T) {
	tests := []struct {
		name   string
		answer []byte
		kind   Kind
	}{
		{"an HTML error page in place of JSON", readTestdata(t, "error-page.html"), KindHTMLPage},
		{"plain text", []byte("Service temporarily unavailable"), KindNotJSON},
		{"empty", nil, KindNotJSON},
		{"JSON cut short", []byte(`{"success": true, "body": {"priceList": [`), KindNotJSON},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := &fakeSite{t: t, prefix: "/", answer: tt.answer, date: "2026-08-04"}
			srv := server(t, site.handler)
			c, _ := newTestClient(t, srv.URL, nil)
			body, err := c.DailyPriceList(t.Context())
			if body != nil {
				t.Errorf("body returned with an error")
			}
			e := asError(t, err)
			if e.Kind != tt.kind || e.Op != http.MethodPost || e.Status != http.StatusOK {
				t.Errorf("error %q: kind %v op %q status %d, want %v POST 200", err, e.Kind, e.Op, e.Status, tt.kind)
			}
			if site.posts.Load() != 1 {
				t.Errorf("%d POSTs: an answer that is not JSON is not retried", site.posts.Load())
			}
		})
	}
}

// TestDailyPriceListPageFails checks that a failing cjxh.shtml stops the
// call before the POST.
func TestDailyPriceListPageFails(t *testing.T) {
	var posts atomic.Int32
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			posts.Add(1)
		}
		http.Error(w, "forbidden", http.StatusForbidden)
	})
	c, _ := newTestClient(t, srv.URL, nil)
	_, err := c.DailyPriceList(t.Context())
	e := checkError(t, err, KindStatus, 1, http.StatusForbidden)
	if !strings.HasSuffix(e.URL, "/cjxh.shtml") || e.Op != http.MethodGet {
		t.Errorf("error names %s %s, want GET of cjxh.shtml", e.Op, e.URL)
	}
	if posts.Load() != 0 {
		t.Errorf("POSTed after the page failed")
	}
}

func TestParseDailyPriceList(t *testing.T) {
	entry := func(fields string) []byte {
		return []byte(`{"success": true, "body": {"priceList": [
			{"productSortName": "1#铜", "avgPrice": 80100, "minPrice": 80000, "maxPrice": 80200, "publishDate": "2026-08-04"},
			{"productSortName": "A00铝", ` + fields + `}]}}`)
	}
	const ok = `"publishDate": "2026-08-04", "minPrice": 20640, "maxPrice": 20680, "avgPrice": 20660, "highsLowsAmount": -30, "unit": "元/吨"`
	want := DailyQuote{Product: "A00铝", PublishDate: "2026-08-04", MinPrice: "20640", MaxPrice: "20680", AvgPrice: "20660", HighsLowsAmount: "-30", Unit: "元/吨"}
	with := func(edit func(*DailyQuote)) DailyQuote { q := want; edit(&q); return q }
	tests := []struct {
		name  string
		body  []byte
		want  DailyQuote
		kind  Kind   // 0 when no error is wanted
		field string // the error's Field, when one is wanted
		count int
	}{
		{name: "fixture of 4 August", body: readTestdata(t, "pricelist-2026-08-04.json"), want: want},
		{name: "an answer for another day than asked: its own date", body: readTestdata(t, "pricelist-2026-08-03.json"),
			want: DailyQuote{Product: "A00铝", PublishDate: "2026-08-03", MinPrice: "20670", MaxPrice: "20710", AvgPrice: "20690", HighsLowsAmount: "110", Unit: "元/吨"}},
		{name: "a Saturday is passed on for the caller to refuse", body: readTestdata(t, "pricelist-2026-08-08.json"),
			want: DailyQuote{Product: "A00铝", PublishDate: "2026-08-08", MinPrice: "20500", MaxPrice: "20540", AvgPrice: "20520", HighsLowsAmount: "+0", Unit: "元/吨"}},
		{name: "numbers", body: entry(ok), want: want},
		{name: "strings, spaced", body: entry(`"publishDate": "2026-08-04", "minPrice": " 20640 ", "maxPrice": "20680", "avgPrice": "20660", "highsLowsAmount": "-30", "unit": "元/吨"`), want: want},
		{name: "trailing zeros kept", body: entry(`"publishDate": "2026-08-04", "minPrice": 20640.00, "maxPrice": "20680.50", "avgPrice": 20660.25, "highsLowsAmount": "+0.50", "unit": "元/吨"`),
			want: with(func(q *DailyQuote) {
				q.MinPrice, q.MaxPrice, q.AvgPrice, q.HighsLowsAmount = "20640.00", "20680.50", "20660.25", "+0.50"
			})},
		{name: "more digits than a float holds", body: entry(`"publishDate": "2026-08-04", "minPrice": 20640.000000000000000001, "maxPrice": 20680, "avgPrice": 12345678901234567890123, "unit": "元/吨"`),
			want: with(func(q *DailyQuote) {
				q.MinPrice, q.AvgPrice, q.HighsLowsAmount = "20640.000000000000000001", "12345678901234567890123", ""
			})},
		{name: "publishDate with a time", body: entry(`"publishDate": "2026-08-04 10:30:00", "minPrice": 20640, "maxPrice": 20680, "avgPrice": 20660, "highsLowsAmount": -30, "unit": "元/吨"`), want: want},
		{name: "publishDate ISO", body: entry(`"publishDate": "2026-08-04T10:30:00+08:00", "minPrice": 20640, "maxPrice": 20680, "avgPrice": 20660, "highsLowsAmount": -30, "unit": "元/吨"`), want: want},
		{name: "no change given", body: entry(`"publishDate": "2026-08-04", "minPrice": 20640, "maxPrice": 20680, "avgPrice": 20660, "highsLowsAmount": null`),
			want: with(func(q *DailyQuote) { q.HighsLowsAmount, q.Unit = "", "" })},
		{name: "name with a space", body: []byte(`{"body": {"priceList": [{"productSortName": " A00 铝", ` + ok + `}]}}`),
			want: with(func(q *DailyQuote) { q.Product = "A00 铝" })},
		{name: "no success field (a saved answer)", body: []byte(`{"body": {"priceList": [{"productSortName": "A00铝", ` + ok + `}]}}`), want: want},
		{name: "a byte order mark", body: append([]byte("\uFEFF"), entry(ok)...), want: want},

		{name: "success false", body: readTestdata(t, "pricelist-unsuccessful.json"), kind: KindUnsuccessful},
		{name: "success false with a list", body: []byte(`{"success": false, "body": {"priceList": [{"productSortName": "A00铝", ` + ok + `}]}}`), kind: KindUnsuccessful},
		{name: "success not a boolean", body: []byte(`{"success": "yes", "body": {"priceList": []}}`), kind: KindShape, field: "success"},
		{name: "top level an array", body: []byte(`[{"productSortName": "A00铝"}]`), kind: KindShape, field: "(top level)"},
		{name: "no body", body: []byte(`{"success": true}`), kind: KindShape, field: "body"},
		{name: "body null", body: []byte(`{"success": true, "body": null}`), kind: KindShape, field: "body"},
		{name: "no priceList", body: []byte(`{"success": true, "body": {"list": []}}`), kind: KindShape, field: "body.priceList"},
		{name: "priceList an object", body: []byte(`{"success": true, "body": {"priceList": {"A00铝": 20660}}}`), kind: KindShape, field: "body.priceList"},
		{name: "an entry not an object", body: []byte(`{"body": {"priceList": [{"productSortName": "A00铝", ` + ok + `}, "1#铜"]}}`), kind: KindShape, field: "body.priceList[1]"},
		{name: "empty list", body: []byte(`{"success": true, "body": {"priceList": []}}`), kind: KindA00Count},
		{name: "no A00铝, only A00铝锭 and 铝锭", body: []byte(`{"body": {"priceList": [{"productSortName": "A00铝锭", ` + ok + `}, {"productSortName": "铝锭", ` + ok + `}]}}`), kind: KindA00Count},
		{name: "two A00铝", body: []byte(`{"body": {"priceList": [{"productSortName": "A00铝", ` + ok + `}, {"productSortName": "A00铝", ` + ok + `}]}}`), kind: KindA00Count, count: 2},
		{name: "exponent", body: entry(`"publishDate": "2026-08-04", "minPrice": 20640, "maxPrice": 20680, "avgPrice": 2.066e4`), kind: KindBadFigure, field: "A00铝.avgPrice"},
		{name: "thousands separator", body: entry(`"publishDate": "2026-08-04", "minPrice": "20,640", "maxPrice": 20680, "avgPrice": 20660`), kind: KindBadFigure, field: "A00铝.minPrice"},
		{name: "negative price", body: entry(`"publishDate": "2026-08-04", "minPrice": 20640, "maxPrice": -20680, "avgPrice": 20660`), kind: KindBadFigure, field: "A00铝.maxPrice"},
		{name: "missing price", body: entry(`"publishDate": "2026-08-04", "maxPrice": 20680, "avgPrice": 20660`), kind: KindBadFigure, field: "A00铝.minPrice"},
		{name: "empty price", body: entry(`"publishDate": "2026-08-04", "minPrice": "", "maxPrice": 20680, "avgPrice": 20660`), kind: KindBadFigure, field: "A00铝.minPrice"},
		{name: "boolean price", body: entry(`"publishDate": "2026-08-04", "minPrice": 20640, "maxPrice": 20680, "avgPrice": true`), kind: KindBadFigure, field: "A00铝.avgPrice"},
		{name: "change in words", body: entry(`"publishDate": "2026-08-04", "minPrice": 20640, "maxPrice": 20680, "avgPrice": 20660, "highsLowsAmount": "持平"`), kind: KindBadFigure, field: "A00铝.highsLowsAmount"},
		{name: "no publishDate", body: entry(`"minPrice": 20640, "maxPrice": 20680, "avgPrice": 20660`), kind: KindBadFigure, field: "A00铝.publishDate"},
		{name: "publishDate with slashes", body: entry(`"publishDate": "2026/08/04", "minPrice": 20640, "maxPrice": 20680, "avgPrice": 20660`), kind: KindBadFigure, field: "A00铝.publishDate"},
		{name: "publishDate unpadded", body: entry(`"publishDate": "2026-8-4", "minPrice": 20640, "maxPrice": 20680, "avgPrice": 20660`), kind: KindBadFigure, field: "A00铝.publishDate"},
		{name: "publishDate in milliseconds", body: entry(`"publishDate": 1785772800000, "minPrice": 20640, "maxPrice": 20680, "avgPrice": 20660`), kind: KindBadFigure, field: "A00铝.publishDate"},
		{name: "an HTML page", body: readTestdata(t, "error-page.html"), kind: KindHTMLPage},
		{name: "not JSON", body: []byte("success"), kind: KindNotJSON},
		{name: "nothing", body: nil, kind: KindNotJSON},
		{name: "two JSON values", body: append(entry(ok), entry(ok)...), kind: KindNotJSON},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDailyPriceList(tt.body)
			if tt.kind == 0 {
				if err != nil {
					t.Fatal(err)
				}
				if got != tt.want {
					t.Errorf("got  %+v\nwant %+v", got, tt.want)
				}
				return
			}
			e := asError(t, err)
			if e.Kind != tt.kind || e.Field != tt.field || e.Count != tt.count {
				t.Errorf("error %q: kind %v field %q count %d, want %v %q %d", err, e.Kind, e.Field, e.Count, tt.kind, tt.field, tt.count)
			}
			if got != (DailyQuote{}) {
				t.Errorf("a quote returned with an error: %+v", got)
			}
		})
	}
}

// TestParseDailyPriceListSiteMessage checks that the site's own reason for
// a refusal reaches the error, for the developer.
func TestParseDailyPriceListSiteMessage(t *testing.T) {
	_, err := ParseDailyPriceList(readTestdata(t, "pricelist-unsuccessful.json"))
	if e := asError(t, err); e.Value != "查询失败" {
		t.Errorf("Value %q, want the site's msg", e.Value)
	}
}

// TestPriceListFixture checks the main fixture is what the tests say it
// is: about 36 products of one day, A00铝 among them once.
func TestPriceListFixture(t *testing.T) {
	for _, name := range []string{"pricelist-2026-08-04.json", "pricelist-2026-08-03.json", "pricelist-2026-08-08.json"} {
		body := readTestdata(t, name)
		var top map[string]json.RawMessage
		if err := unmarshal(body, &top); err != nil {
			t.Fatal(err)
		}
		var inner struct {
			PriceList []struct {
				Name string `json:"productSortName"`
				Date string `json:"publishDate"`
			} `json:"priceList"`
		}
		if err := unmarshal(top["body"], &inner); err != nil {
			t.Fatal(err)
		}
		names, dates := map[string]int{}, map[string]bool{}
		for _, p := range inner.PriceList {
			names[p.Name]++
			dates[p.Date] = true
		}
		if len(inner.PriceList) != 36 || len(names) != 36 || names["A00铝"] != 1 || len(dates) != 1 {
			t.Errorf("%s: %d entries, %d names, A00铝 %d times, %d dates; want 36, 36, once, one day", name, len(inner.PriceList), len(names), names["A00铝"], len(dates))
		}
	}
}
