package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// The tests of quotes fetch run the command against loopback servers that
// answer as platforms.md §4 describes Changjiang's site: cjxh.shtml with a
// session cookie, the day's price list of 36 products, the history pages
// in GBK. The answers are the hand-written fixtures of the client
// (changjiang/testdata) and testdata/quotes/history (pages 4 and 5, going
// on from the client's three). No test touches the network, and none
// sleeps for the pauses between retries: they are recorded.

const fetchCookie = "JSESSIONID=5F3A9C0E1B2D4F6A8C0E2B4D6F8A0C1E"

// fetchClock sets the clock of quotes fetch to the Beijing time given and
// records the pauses instead of sleeping them, for the test.
func fetchClock(t *testing.T, beijingTime string) *pauses {
	t.Helper()
	now, err := time.ParseInLocation("2006-01-02 15:04", beijingTime, beijing)
	if err != nil {
		t.Fatal(err)
	}
	p := &pauses{}
	saved := fetchSeams
	fetchSeams.now = func() time.Time { return now }
	fetchSeams.sleep = p.sleep
	t.Cleanup(func() { fetchSeams = saved })
	return p
}

// pauses records the pauses a fetch asked for.
type pauses struct {
	mu sync.Mutex
	d  []time.Duration
}

func (p *pauses) sleep(ctx context.Context, d time.Duration) error {
	p.mu.Lock()
	p.d = append(p.d, d)
	p.mu.Unlock()
	return ctx.Err()
}

func (p *pauses) got() []time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.d)
}

// ccmn is a fake of the site. Its handler answers cjxh.shtml, the price
// list and the history pages as the site does, unless a test's own
// override answers first.
type ccmn struct {
	t        *testing.T
	answer   []byte         // what the price-list POST answers
	history  map[int][]byte // the history pages by number; another is 404
	override func(w http.ResponseWriter, r *http.Request, n int) bool

	mu   sync.Mutex
	seen []string // "METHOD path", in order
	form []string // the publishDate of each POST
}

func newCCMN(t *testing.T) (*ccmn, *httptest.Server) {
	t.Helper()
	c := &ccmn{t: t, history: map[int][]byte{}}
	srv := httptest.NewServer(http.HandlerFunc(c.handle))
	t.Cleanup(srv.Close)
	return c, srv
}

func (c *ccmn) handle(w http.ResponseWriter, r *http.Request) {
	t := c.t
	c.mu.Lock()
	c.seen = append(c.seen, r.Method+" "+r.URL.Path)
	n := len(c.seen)
	override, answer := c.override, c.answer
	var page int
	body, havePage := []byte(nil), false
	if sscanPage(r.URL.Path, &page) {
		body, havePage = c.history[page]
	}
	c.mu.Unlock()
	if ua := r.UserAgent(); !strings.HasPrefix(ua, "alprice/") || !strings.Contains(ua, "quotes fetch") {
		t.Errorf("%s %s: User-Agent %q does not name alprice", r.Method, r.URL, ua)
	}
	if override != nil && override(w, r, n) {
		return
	}
	switch {
	case r.URL.Path == "/cjxh.shtml" && r.Method == http.MethodGet:
		name, value, _ := strings.Cut(fetchCookie, "=")
		http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/"})
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(fixture(t, "changjiang/testdata/cjxh.shtml"))
	case r.URL.Path == "/shop/historyData/getCorpStmarketPriceList" && r.Method == http.MethodPost:
		if ck, err := r.Cookie("JSESSIONID"); err != nil || "JSESSIONID="+ck.Value != fetchCookie {
			t.Errorf("price list POSTed without the session cookie")
		}
		if r.Header.Get("X-Requested-With") != "XMLHttpRequest" || !strings.HasSuffix(r.Header.Get("Referer"), "/cjxh.shtml") {
			t.Errorf("price list POSTed without the page's headers: %v", r.Header)
		}
		if err := r.ParseForm(); err != nil || r.PostForm.Get("marketVmid") != "40288092327140f601327141c0560001" || r.PostForm.Get("flag") != "1" {
			t.Errorf("price list form %v (%v)", r.PostForm, err)
		}
		c.mu.Lock()
		c.form = append(c.form, r.PostForm.Get("publishDate"))
		c.mu.Unlock()
		w.Header().Set("Content-Type", "text/html;charset=UTF-8") // the site's own
		_, _ = w.Write(answer)
	case r.Method == http.MethodGet && page > 0:
		if !havePage {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=GBK")
		_, _ = w.Write(body)
	default:
		t.Errorf("unexpected %s %s", r.Method, r.URL)
		http.NotFound(w, r)
	}
}

func sscanPage(path string, n *int) bool {
	_, err := fmt.Sscanf(path, "/historyprice/cjxh_%d/", n)
	return err == nil && path == fmt.Sprintf("/historyprice/cjxh_%d/", *n)
}

// edit changes the fake's answers between runs.
func (c *ccmn) edit(f func(c *ccmn)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f(c)
}

// setOverride sets the test's own answers, which come first.
func (c *ccmn) setOverride(f func(w http.ResponseWriter, r *http.Request, n int) bool) {
	c.edit(func(c *ccmn) { c.override = f })
}

// reset forgets the requests seen.
func (c *ccmn) reset() { c.edit(func(c *ccmn) { c.seen, c.form = nil, nil }) }

func (c *ccmn) forms() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.form)
}

func (c *ccmn) requests() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.seen)
}

// fixture returns a file's bytes, relative to cmd/alprice.
func fixture(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.FromSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// newYearPages are the history pages 1 to 5: 2026-01-09 back to
// 2025-12-01, across New Year, in GBK.
func newYearPages(t *testing.T) map[int][]byte {
	pages := map[int][]byte{}
	for n := 1; n <= 3; n++ {
		pages[n] = fixture(t, fmt.Sprintf("changjiang/testdata/history/cjxh_%d.html", n))
	}
	for n := 4; n <= 5; n++ {
		pages[n] = fixture(t, fmt.Sprintf("../../testdata/quotes/history/cjxh_%d.html", n))
	}
	return pages
}

// gbk encodes UTF-8 text as the site serves it.
func gbk(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// withoutRows drops the table rows of a GBK page dated day (MM-DD).
func withoutRows(page []byte, day string) []byte {
	var out [][]byte
	for _, line := range bytes.Split(page, []byte("\n")) {
		if !bytes.Contains(line, []byte("<td>"+day+"</td>")) {
			out = append(out, line)
		}
	}
	return bytes.Join(out, []byte("\n"))
}

// withFirstRow puts a row (UTF-8) at the top of a GBK page's table.
func withFirstRow(t *testing.T, page []byte, row string) []byte {
	header := []byte("<th>日期</th></tr>\n")
	h := gbk(t, string(header))
	i := bytes.Index(page, h)
	if i < 0 {
		t.Fatal("no table header in the page")
	}
	i += len(h)
	return slices.Concat(page[:i], gbk(t, row+"\n"), page[i:])
}

func readStore(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func noStore(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Stat(path); err == nil {
		t.Errorf("%s was written: %s", path, readStore(t, path))
	}
}

// The day's quote: the A00铝 entry of 36 products, low and high kept,
// stored under the answer's publishDate; again, unchanged; with other
// figures stored, a conflict and nothing written.
func TestQuotesFetchToday(t *testing.T) {
	p := fetchClock(t, "2026-08-04 14:40")
	site, srv := newCCMN(t)
	site.answer = fixture(t, "changjiang/testdata/pricelist-2026-08-04.json")
	store := filepath.Join(t.TempDir(), "quotes.csv")

	stdout, stderr, status := runAlprice(t, "", "quotes", "fetch", "--url", srv.URL, "--into", store)
	if status != 0 {
		t.Fatalf("exit %d: %s%s", status, stdout, stderr)
	}
	want := "date,low,high,average,change\n2026-08-04,20640,20680,20660,-30\n"
	if got := readStore(t, store); got != want {
		t.Errorf("store:\n%s\nwant:\n%s", got, want)
	}
	for _, s := range []string{"added 1, unchanged 0, conflicts 0", "Fetched Changjiang's A00 quote of 2026-08-04: 20660 (20640-20680, -30)."} {
		if !strings.Contains(stdout, s) {
			t.Errorf("stdout lacks %q:\n%s", s, stdout)
		}
	}
	if strings.Contains(stdout, "latest day") {
		t.Errorf("the answer is today's, yet:\n%s", stdout)
	}
	if got, want := site.requests(), []string{"GET /cjxh.shtml", "POST /shop/historyData/getCorpStmarketPriceList"}; !slices.Equal(got, want) {
		t.Errorf("requests %q, want %q", got, want)
	}
	if !slices.Equal(site.forms(), []string{"2026-08-04"}) || len(p.got()) != 0 {
		t.Errorf("publishDate asked %q, pauses %v", site.forms(), p.got())
	}

	// Again: unchanged, exit 0, the store byte for byte as it was.
	stdout, stderr, status = runAlprice(t, "", "quotes", "fetch", "--url", srv.URL, "--into", store, "--format", "json")
	if status != 0 || !strings.Contains(stdout, `"unchanged": 1`) {
		t.Fatalf("again: exit %d: %s%s", status, stdout, stderr)
	}
	var j struct {
		Fetched fetchedDay `json:"fetched"`
	}
	if err := json.Unmarshal([]byte(stdout), &j); err != nil {
		t.Fatal(err)
	}
	if w := (fetchedDay{Date: "2026-08-04", Today: "2026-08-04", Low: "20640", High: "20680", Average: "20660", Change: "-30"}); j.Fetched != w {
		t.Errorf("JSON fetched %+v, want %+v", j.Fetched, w)
	}
	if got := readStore(t, store); got != want {
		t.Errorf("store after the second fetch:\n%s", got)
	}

	// The day stored with other figures: a conflict as today, nothing written.
	other := "date,low,high,average,change\n2026-08-04,20600,20640,20620,-70\n"
	if err := os.WriteFile(store, []byte(other), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, status = runAlprice(t, "", "quotes", "fetch", "--url", srv.URL, "--into", store)
	if status != 2 || !strings.Contains(stderr, "2026-08-04: stored 20620 (20600-20640, -70), incoming 20660 (20640-20680, -30)") {
		t.Errorf("conflict: exit %d, %s", status, stderr)
	}
	if got := readStore(t, store); got != other {
		t.Errorf("store after a conflict:\n%s", got)
	}
}

// A fetched average five times or more off the days stored around it is
// refused at the endpoint that answered it, unless --force (issue 27 item
// 16): here the store holds 2026-07-31 as 206900, a digit too many.
func TestQuotesFetchOutlier(t *testing.T) {
	fetchClock(t, "2026-08-04 14:40")
	site, srv := newCCMN(t)
	site.answer = fixture(t, "changjiang/testdata/pricelist-2026-08-04.json")
	store := filepath.Join(t.TempDir(), "quotes.csv")
	stored := "date,low,high,average,change\n2026-07-31,,,206900,\n"
	if err := os.WriteFile(store, []byte(stored), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, status := runAlprice(t, "", "quotes", "fetch", "--url", srv.URL, "--into", store)
	want := `alprice: error: ` + srv.URL + `/shop/historyData/getCorpStmarketPriceList: A00铝.avgPrice: "20660": is off by a factor of 5 or more from the day quoted before it, 2026-07-31 (206900): a digit dropped or added?; correct it, or give --force`
	if status != 2 || !strings.HasPrefix(stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant it to start:\n%s", status, stderr, want)
	}
	if got := readStore(t, store); got != stored {
		t.Errorf("store after the refusal:\n%s", got)
	}
	if _, stderr, status = runAlprice(t, "", "quotes", "fetch", "--url", srv.URL, "--into", store, "--force"); status != 0 {
		t.Fatalf("--force: exit %d: %s", status, stderr)
	}
	if got := readStore(t, store); !strings.HasSuffix(got, "2026-08-04,20640,20680,20660,-30\n") {
		t.Errorf("store after --force:\n%s", got)
	}
}

// The site answers with its latest day whatever day is asked: the quote is
// stored under the answer's own publishDate, and the output says so.
func TestQuotesFetchAnswerForAnotherDay(t *testing.T) {
	fetchClock(t, "2026-08-04 09:05") // before the day's quote is out
	site, srv := newCCMN(t)
	site.answer = fixture(t, "changjiang/testdata/pricelist-2026-08-03.json")
	store := filepath.Join(t.TempDir(), "quotes.csv")
	stdout, stderr, status := runAlprice(t, "", "quotes", "fetch", "--url", srv.URL, "--into", store)
	if status != 0 {
		t.Fatalf("exit %d: %s%s", status, stdout, stderr)
	}
	if got, want := readStore(t, store), "date,low,high,average,change\n2026-08-03,20670,20710,20690,110\n"; got != want {
		t.Errorf("store:\n%s\nwant:\n%s", got, want)
	}
	if !slices.Equal(site.forms(), []string{"2026-08-04"}) {
		t.Errorf("asked for %q", site.form)
	}
	if s := "Fetched Changjiang's A00 quote of 2026-08-03: 20690 (20670-20710, +110). It is the site's latest day; today is 2026-08-04 in Beijing."; !strings.Contains(stdout, s) {
		t.Errorf("stdout lacks %q:\n%s", s, stdout)
	}
}

// An answer for a weekend, a holiday or a day after today is refused by
// name; an unsuccessful answer too. Nothing is written.
func TestQuotesFetchRefusedDays(t *testing.T) {
	holiday := bytes.ReplaceAll(fixture(t, "changjiang/testdata/pricelist-2026-08-04.json"), []byte("2026-08-04"), []byte("2026-10-01"))
	for _, c := range []struct {
		name, now string
		answer    []byte
		want      string
	}{
		{"weekend", "2026-08-10 14:40", fixture(t, "changjiang/testdata/pricelist-2026-08-08.json"),
			"the answer is the quote of 2026-08-08, a Saturday: Changjiang does not quote on weekends; nothing was written"},
		{"holiday", "2026-10-02 14:40", holiday,
			"the answer is the quote of 2026-10-01, a public holiday (国庆节): Changjiang does not quote on holidays; nothing was written"},
		{"future", "2026-08-03 14:40", fixture(t, "changjiang/testdata/pricelist-2026-08-04.json"),
			"the answer is the quote of 2026-08-04, after today (2026-08-03 in Beijing)"},
		{"unsuccessful", "2026-08-04 14:40", fixture(t, "changjiang/testdata/pricelist-unsuccessful.json"),
			`answered success false, refusing, with the message "查询失败"; nothing was written`},
		{"error page", "2026-08-04 14:40", fixture(t, "changjiang/testdata/error-page.html"),
			"answered with an HTML page instead of the price list"},
	} {
		t.Run(c.name, func(t *testing.T) {
			fetchClock(t, c.now)
			site, srv := newCCMN(t)
			site.answer = c.answer
			store := filepath.Join(t.TempDir(), "quotes.csv")
			stdout, stderr, status := runAlprice(t, "", "quotes", "fetch", "--url", srv.URL, "--into", store)
			if status != 2 || !strings.Contains(stderr, c.want) || stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %s\nwant %q", status, stdout, stderr, c.want)
			}
			noStore(t, store)
		})
	}
}

// A 5xx is asked again after a pause, which is injected, never slept; a
// 4xx is not, and its message speaks of no retries; the form POST is never
// sent twice unless the site failed.
func TestQuotesFetchRetries(t *testing.T) {
	p := fetchClock(t, "2026-08-04 14:40")
	site, srv := newCCMN(t)
	site.answer = fixture(t, "changjiang/testdata/pricelist-2026-08-04.json")
	var failedMu sync.Mutex
	failed := map[string]bool{}
	site.setOverride(func(w http.ResponseWriter, r *http.Request, _ int) bool {
		failedMu.Lock()
		defer failedMu.Unlock()
		if !failed[r.URL.Path] { // every address fails once
			failed[r.URL.Path] = true
			http.Error(w, "系统繁忙", http.StatusServiceUnavailable)
			return true
		}
		return false
	})
	store := filepath.Join(t.TempDir(), "quotes.csv")
	start := time.Now()
	stdout, stderr, status := runAlprice(t, "", "quotes", "fetch", "--url", srv.URL, "--into", store)
	if status != 0 || !strings.Contains(stdout, "added 1") {
		t.Fatalf("exit %d: %s%s", status, stdout, stderr)
	}
	if took := time.Since(start); took > 900*time.Millisecond {
		t.Errorf("took %v: the pauses were slept", took)
	}
	if got, want := p.got(), []time.Duration{time.Second, time.Second}; !slices.Equal(got, want) {
		t.Errorf("pauses %v, want %v", got, want)
	}
	if got := len(site.requests()); got != 4 {
		t.Errorf("%d requests, want 4: %q", got, site.requests())
	}

	// A 404: one attempt, and no word of retries.
	site.setOverride(func(w http.ResponseWriter, r *http.Request, _ int) bool {
		http.NotFound(w, r)
		return true
	})
	site.reset()
	fresh := filepath.Join(t.TempDir(), "fresh.csv")
	_, stderr, status = runAlprice(t, "", "quotes", "fetch", "--url", srv.URL, "--into", fresh)
	if status != 2 || !strings.Contains(stderr, "GET "+srv.URL+"/cjxh.shtml: answered HTTP 404") || strings.Contains(stderr, "attempt") || strings.Contains(stderr, "retr") {
		t.Errorf("404: exit %d, %s", status, stderr)
	}
	if len(site.requests()) != 1 {
		t.Errorf("404 asked %d times", len(site.requests()))
	}
	noStore(t, fresh)

	// A 5xx every time: three attempts, said so.
	site.setOverride(func(w http.ResponseWriter, r *http.Request, _ int) bool {
		if r.Method == http.MethodPost {
			http.Error(w, "busy", http.StatusBadGateway)
			return true
		}
		return false
	})
	_, stderr, status = runAlprice(t, "", "quotes", "fetch", "--url", srv.URL, "--into", fresh)
	if status != 2 || !strings.Contains(stderr, "answered HTTP 502, starting \"busy\" (3 attempts); nothing was written") {
		t.Errorf("502: exit %d, %s", status, stderr)
	}
	noStore(t, fresh)
}

// Redirects are followed only within the site: one to another host is
// refused, and the other host never asked; the form is never re-sent.
func TestQuotesFetchRedirects(t *testing.T) {
	fetchClock(t, "2026-08-04 14:40")
	var elsewhereMu sync.Mutex
	var elsewhere []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhereMu.Lock()
		defer elsewhereMu.Unlock()
		elsewhere = append(elsewhere, r.Method+" "+r.URL.Path)
		_, _ = w.Write(fixture(t, "changjiang/testdata/pricelist-2026-08-04.json"))
	}))
	defer other.Close()
	for _, c := range []struct {
		name   string
		method string
		code   int
		want   string
	}{
		{"page off-host", http.MethodGet, http.StatusFound, "GET %s/cjxh.shtml: redirected to \"%s/cjxh.shtml\", which is refused"},
		{"form off-host", http.MethodPost, http.StatusTemporaryRedirect, "POST %s/shop/historyData/getCorpStmarketPriceList: redirected to \"%s/cjxh.shtml\", which is refused"},
	} {
		t.Run(c.name, func(t *testing.T) {
			elsewhereMu.Lock()
			elsewhere = nil
			elsewhereMu.Unlock()
			site, srv := newCCMN(t)
			site.answer = fixture(t, "changjiang/testdata/pricelist-2026-08-04.json")
			site.setOverride(func(w http.ResponseWriter, r *http.Request, _ int) bool {
				if r.Method == c.method {
					http.Redirect(w, r, other.URL+"/cjxh.shtml", c.code)
					return true
				}
				return false
			})
			store := filepath.Join(t.TempDir(), "quotes.csv")
			_, stderr, status := runAlprice(t, "", "quotes", "fetch", "--url", srv.URL, "--into", store)
			if want := fmt.Sprintf(c.want, srv.URL, other.URL); status != 2 || !strings.Contains(stderr, want) {
				t.Errorf("exit %d, %s\nwant %q", status, stderr, want)
			}
			elsewhereMu.Lock()
			if len(elsewhere) > 0 {
				t.Errorf("the other host was asked %q", elsewhere)
			}
			elsewhereMu.Unlock()
			noStore(t, store)
		})
	}
}

// An answer over the limit is refused, not cut short; a slow one is given
// up on at the --timeout, three times, without sleeping the pauses.
func TestQuotesFetchLimits(t *testing.T) {
	p := fetchClock(t, "2026-08-04 14:40")
	site, srv := newCCMN(t)
	huge := append([]byte(`{"success": true, "body": {"priceList": [`), bytes.Repeat([]byte(" "), 5<<20)...)
	site.answer = append(huge, "]}}"...)
	store := filepath.Join(t.TempDir(), "quotes.csv")
	_, stderr, status := runAlprice(t, "", "quotes", "fetch", "--url", srv.URL, "--into", store)
	if status != 2 || !strings.Contains(stderr, "answered more than 4194304 bytes, which is refused, never cut short; nothing was written") {
		t.Errorf("oversized: exit %d, %s", status, stderr)
	}
	noStore(t, store)

	done := make(chan struct{})
	t.Cleanup(func() { close(done) }) // before the server closes, which waits for its handlers
	site.setOverride(func(w http.ResponseWriter, r *http.Request, _ int) bool {
		if r.Method != http.MethodPost {
			return false
		}
		select {
		case <-r.Context().Done():
		case <-done:
		}
		return true
	})
	start := time.Now()
	_, stderr, status = runAlprice(t, "", "quotes", "fetch", "--url", srv.URL, "--into", store, "--timeout", "100ms")
	if status != 2 || !strings.Contains(stderr, "gave no whole answer within 100ms (--timeout) (3 attempts); nothing was written") {
		t.Errorf("slow: exit %d, %s", status, stderr)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("slow: took %v", took)
	}
	if got, want := p.got(), []time.Duration{time.Second, 2 * time.Second}; !slices.Equal(got, want) {
		t.Errorf("pauses %v, want %v", got, want)
	}
	noStore(t, store)

	for _, timeout := range []string{"0", "-5s"} {
		site.reset()
		_, stderr, status = runAlprice(t, "", "quotes", "fetch", "--url", srv.URL, "--into", store, "--timeout", timeout)
		if status != 2 || !strings.Contains(stderr, "is not more than zero") || len(site.requests()) != 0 {
			t.Errorf("--timeout %s: exit %d, %d requests, %s", timeout, status, len(site.requests()), stderr)
		}
	}
}

// The site's root comes from --url or $ALPRICE_QUOTES_URL; user info in it
// is sent, never shown; the old endpoint and a URL that is no site's root
// are refused before anything is asked.
func TestQuotesFetchURL(t *testing.T) {
	fetchClock(t, "2026-08-04 14:40")
	site, srv := newCCMN(t)
	site.answer = fixture(t, "changjiang/testdata/pricelist-2026-08-04.json")
	dir := t.TempDir()

	store := filepath.Join(dir, "env.csv")
	var out, errOut strings.Builder
	getenv := func(name string) string {
		return map[string]string{"ALPRICE_QUOTES_URL": srv.URL + "/", "LANG": "C.UTF-8"}[name]
	}
	if status := run([]string{"quotes", "fetch", "--into", store}, strings.NewReader(""), &out, &errOut, getenv); status != 0 {
		t.Errorf("$ALPRICE_QUOTES_URL: exit %d, %s", status, errOut.String())
	}

	withUser := strings.Replace(srv.URL, "http://", "http://alice:s3cret@", 1)
	site.setOverride(func(w http.ResponseWriter, r *http.Request, _ int) bool {
		if u, pw, ok := r.BasicAuth(); !ok || u != "alice" || pw != "s3cret" {
			t.Errorf("%s: no basic authentication from the URL's user info", r.URL)
		}
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return true
	})
	for _, args := range [][]string{
		{"--url", withUser},
		{"--url", withUser + "/shop/historyData/", "--month", "2026-07"},
		{"--url", "http://alice:s3cret@bad host/"},
		{"--url", withUser + "/?q=1"},
	} {
		_, stderr, status := runAlprice(t, "", append([]string{"quotes", "fetch", "--into", store}, args...)...)
		if status != 2 || strings.Contains(stderr, "s3cret") || strings.Contains(stderr, "alice") {
			t.Errorf("%q: exit %d, stderr shows user info: %s", args, status, stderr)
		}
	}

	site.setOverride(nil)
	site.reset()
	for _, c := range []struct{ url, want string }{
		{srv.URL + "/price/priceList", "is the old price-list endpoint, which does not exist: give the site's root, such as https://www.ccmn.cn/"},
		{"ftp://" + strings.TrimPrefix(srv.URL, "http://"), "is not the site's root"},
		{srv.URL + "/#top", "is not the site's root"},
	} {
		_, stderr, status := runAlprice(t, "", "quotes", "fetch", "--url", c.url, "--into", store)
		if status != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("--url %s: exit %d, %s", c.url, status, stderr)
		}
	}
	if len(site.requests()) != 0 {
		t.Errorf("asked %q", site.requests())
	}
}

// A past month, backfilled from the history pages across New Year: the
// years worked out from the page order and today, only December taken,
// the walk stopped on the page that reaches 2025-12-01, and the month
// said complete; without 12-03, said to have that gap.
func TestQuotesFetchMonthAcrossNewYear(t *testing.T) {
	p := fetchClock(t, "2026-01-09 16:00")
	site, srv := newCCMN(t)
	site.history = newYearPages(t)
	store := filepath.Join(t.TempDir(), "quotes.csv")

	stdout, stderr, status := runAlprice(t, "", "quotes", "fetch", "--month", "2025-12", "--url", srv.URL, "--into", store)
	if status != 0 {
		t.Fatalf("exit %d: %s%s", status, stdout, stderr)
	}
	var want []string
	for _, page := range []int{2, 3, 4, 5} {
		want = append(want, fmt.Sprintf("GET /historyprice/cjxh_%d/", page))
	}
	if got := site.requests(); !slices.Equal(got, append([]string{"GET /historyprice/cjxh_1/"}, want...)) {
		t.Errorf("requests %q", got)
	}
	if got := p.got(); len(got) != 4 || got[0] != time.Second {
		t.Errorf("pauses between pages %v, want four of 1s", got)
	}
	data := readStore(t, store)
	lines := strings.Split(strings.TrimSpace(data), "\n")
	if len(lines) != 24 || lines[1] != "2025-12-01,22360,22400,22380,10" || lines[23] != "2025-12-31,22710,22750,22730,50" {
		t.Errorf("store of %d lines:\n%s", len(lines), data)
	}
	if strings.Contains(data, "2026-") || strings.Contains(data, "2024-") {
		t.Errorf("rows of other months or years stored:\n%s", data)
	}
	for _, s := range []string{"added 23, unchanged 0, conflicts 0", "Read 5 history pages; 23 rows of 2025-12 on them.", "2025-12 is complete: 23 of 23 trading days."} {
		if !strings.Contains(stdout, s) {
			t.Errorf("stdout lacks %q:\n%s", s, stdout)
		}
	}

	// A page without 2025-12-03: the month has a gap, named.
	site.edit(func(c *ccmn) { c.history[5] = withoutRows(c.history[5], "12-03") })
	site.reset()
	gaps := filepath.Join(t.TempDir(), "gaps.csv")
	stdout, stderr, status = runAlprice(t, "", "quotes", "fetch", "--month", "2025-12", "--url", srv.URL, "--into", gaps, "--format", "json")
	if status != 0 {
		t.Fatalf("gaps: exit %d: %s%s", status, stdout, stderr)
	}
	var j struct {
		Fetched fetchedMonth `json:"fetched"`
	}
	if err := json.Unmarshal([]byte(stdout), &j); err != nil {
		t.Fatal(err)
	}
	if f := j.Fetched; f.Status != "gaps" || f.Days != 22 || f.ExpectedDays != 23 || !slices.Equal(f.Missing, []string{"2025-12-03"}) || f.Pages != 5 {
		t.Errorf("fetched %+v", f)
	}

	// January so far: one page, partial.
	site.reset()
	jan := filepath.Join(t.TempDir(), "jan.csv")
	stdout, stderr, status = runAlprice(t, "", "quotes", "fetch", "--month", "2026-01", "--url", srv.URL, "--into", jan)
	if status != 0 || len(site.requests()) != 1 || !strings.Contains(stdout, "2026-01 is partial: 5 of 20 trading days, quoted up to 2026-01-09.") || !strings.Contains(stdout, "quoted up to 2026-01-09") {
		t.Errorf("January: exit %d, %d requests: %s%s", status, len(site.requests()), stdout, stderr)
	}
	if got, want := readStore(t, jan), "date,low,high,average,change\n"+
		"2026-01-05,23120,23160,23140,410\n2026-01-06,23270,23310,23290,150\n2026-01-07,23230,23270,23250,-40\n"+
		"2026-01-08,23290,23330,23310,60\n2026-01-09,23400,23440,23420,110\n"; got != want {
		t.Errorf("January store:\n%s", got)
	}
}

// A backfill writes nothing unless every page was read and checked: a
// page that fails, a date given twice with other figures, a date after
// today, the pages running out before the month.
func TestQuotesFetchMonthRefused(t *testing.T) {
	contradiction := `<tr><td><a href="/product/al.html">A00铝</a></td><td>23100—23140</td><td>23120</td><td><span class="up">+390</span></td><td>元/吨</td><td>01-05</td></tr>`
	for _, c := range []struct {
		name, now, month string
		edit             func(t *testing.T, pages map[int][]byte)
		want             string
	}{
		{"page fails", "2026-01-09 16:00", "2025-12", func(t *testing.T, pages map[int][]byte) { delete(pages, 4) },
			"GET %s/historyprice/cjxh_4/: answered HTTP 404"},
		{"contradiction", "2026-01-09 16:00", "2025-12", func(t *testing.T, pages map[int][]byte) {
			pages[2] = withFirstRow(t, pages[2], contradiction)
		}, "%s/historyprice/cjxh_2/:11: 日期: \"2026-01-05\": is given twice with other figures, 23140 (23120-23160, +410) and 23120 (23100-23140, +390): the answer contradicts itself"},
		{"future", "2026-01-08 16:00", "2025-12", nil,
			"%s/historyprice/cjxh_1/:11: 日期: \"2026-01-09\": is after today (2026-01-08 in Beijing)"},
		{"pages run out", "2026-01-09 16:00", "2025-11", nil, "GET %s/historyprice/cjxh_6/: answered HTTP 404"},
		{"month to come", "2026-01-09 16:00", "2026-02", nil, "--month: \"2026-02\": is after the current month, 2026-01 in Beijing"},
	} {
		t.Run(c.name, func(t *testing.T) {
			fetchClock(t, c.now)
			site, srv := newCCMN(t)
			site.history = newYearPages(t)
			if c.edit != nil {
				c.edit(t, site.history)
			}
			store := filepath.Join(t.TempDir(), "quotes.csv")
			stdout, stderr, status := runAlprice(t, "", "quotes", "fetch", "--month", c.month, "--url", srv.URL, "--into", store)
			want := c.want
			if strings.Contains(want, "%s") {
				want = fmt.Sprintf(want, srv.URL)
			}
			if status != 2 || stdout != "" || !strings.Contains(stderr, want) {
				t.Errorf("exit %d, stdout %q, stderr %s\nwant %q", status, stdout, stderr, want)
			}
			noStore(t, store)
		})
	}
}

// The walk is bounded: 50 pages going back a day each, never reaching the
// month asked, end it, with one pause between pages, none slept.
func TestQuotesFetchMonthBounded(t *testing.T) {
	p := fetchClock(t, "2026-08-04 16:00")
	site, srv := newCCMN(t)
	day := time.Date(2026, 8, 4, 0, 0, 0, 0, time.UTC)
	for n := 1; n <= 60; n++ {
		site.history[n] = gbk(t, "<html><body><div id=\"list_elem\"><table>\n<tr><th>品名</th><th>价格区间</th><th>均价</th><th>涨跌</th><th>单位</th><th>日期</th></tr>\n"+
			fmt.Sprintf("<tr><td>A00铝</td><td>20640—20680</td><td>20660</td><td>0</td><td>元/吨</td><td>%s</td></tr>\n</table></div></body></html>", day.Format("01-02")))
		day = day.AddDate(0, 0, -1)
	}
	store := filepath.Join(t.TempDir(), "quotes.csv")
	_, stderr, status := runAlprice(t, "", "quotes", "fetch", "--month", "2026-01", "--url", srv.URL, "--into", store)
	if want := "50 history pages read back to 2026-06-16 without reaching 2026-01-05, the first trading day of 2026-01; nothing was written"; status != 2 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, %s\nwant %q", status, stderr, want)
	}
	if len(site.requests()) != 50 || len(p.got()) != 49 {
		t.Errorf("%d pages asked, %d pauses", len(site.requests()), len(p.got()))
	}
	noStore(t, store)
}

// quotes import of a price-list answer keeps minPrice and maxPrice, and
// refuses one whose success is false.
func TestQuotesImportPriceList(t *testing.T) {
	store := filepath.Join(t.TempDir(), "quotes.csv")
	stdout, stderr, status := runAlprice(t, "", "quotes", "import", "changjiang/testdata/pricelist-2026-08-04.json", "--into", store)
	if status != 0 || !strings.Contains(stdout, "added 1, unchanged 0, conflicts 0, skipped 35 (not A00: 35") {
		t.Fatalf("exit %d: %s%s", status, stdout, stderr)
	}
	if got, want := readStore(t, store), "date,low,high,average,change\n2026-08-04,20640,20680,20660,-30\n"; got != want {
		t.Errorf("store:\n%s\nwant:\n%s", got, want)
	}
	_, stderr, status = runAlprice(t, "", "quotes", "import", "changjiang/testdata/pricelist-unsuccessful.json", "--into", store)
	if want := `changjiang/testdata/pricelist-unsuccessful.json: success: "false": is false: the site refused to answer, saying "查询失败"`; status != 2 || !strings.Contains(stderr, want) {
		t.Errorf("unsuccessful: exit %d, %s\nwant %q", status, stderr, want)
	}
}

// An error writing the store names it by its flag, --into, not --out.
func TestQuotesStoreErrorsNameInto(t *testing.T) {
	store := filepath.Join(t.TempDir(), "no-such-folder", "quotes.csv")
	_, stderr, status := runAlprice(t, "", "quotes", "add", "2026-03-02", "23620", "--into", store)
	if status != 2 || !strings.Contains(stderr, "alprice: error: --into "+store+": ") || strings.Contains(stderr, "--out") {
		t.Errorf("exit %d, %s", status, stderr)
	}
}
