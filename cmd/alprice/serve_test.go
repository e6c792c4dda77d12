package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"alprice/cmd/alprice/i18n"
	"alprice/cmd/alprice/web"
)

// The web face, through HTTP, over the real commands: run these under
// -race (go test -race -run TestServe ./cmd/alprice).

// serveToday is the sample folder's today: its quotes stop the day before.
const serveToday = "2026-04-15"

// serving is a server over a copy of testdata/serve, and a browser-like
// client of it (cookies kept, the Origin of its pages sent with a POST).
type serving struct {
	t      *testing.T
	dir    string
	srv    *httptest.Server
	client *http.Client
}

// newServing serves a copy of testdata/serve; edit changes the copy first.
func newServing(t *testing.T, token string, edit func(dir string)) *serving {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir("../../testdata/serve")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("../../testdata/serve", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if edit != nil {
		edit(dir)
	}
	return serveDir(t, dir, token, 0)
}

func serveDir(t *testing.T, dir, token string, maxRequest int64) *serving {
	t.Helper()
	return serveWith(t, dir, token, maxRequest, map[string]string{"ALPRICE_TODAY": serveToday, "LANG": "C.UTF-8"})
}

// serveWith serves dir with the environment env.
func serveWith(t *testing.T, dir, token string, maxRequest int64, env map[string]string) *serving {
	t.Helper()
	getenv := func(name string) string { return env[name] }
	a := &app{in: strings.NewReader(""), out: io.Discard, err: io.Discard, getenv: getenv, lang: i18n.English}
	h, err := web.New(web.Config{Data: dir, Agreements: "agreements.yaml", Quotes: "quotes.csv", Production: "production.csv",
		Lang: "en", Token: token, Exec: a.executor(), Today: a.today, MaxRequest: maxRequest})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	jar, _ := cookiejar.New(nil)
	return &serving{t: t, dir: dir, srv: srv, client: &http.Client{Jar: jar}}
}

// get fetches path and returns the status and body.
func (s *serving) get(path string, header ...string) (int, string) {
	s.t.Helper()
	req, _ := http.NewRequest("GET", s.srv.URL+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
		if header[i] == "Host" {
			req.Host = header[i+1]
		}
	}
	resp, err := s.client.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

var csrfField = regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`)

// csrf opens the page a form is on and returns its CSRF token.
func (s *serving) csrf(page string) string {
	s.t.Helper()
	_, body := s.get(page)
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		s.t.Fatalf("%s: no CSRF token in the page", page)
	}
	return m[1]
}

// post sends a form, with files (field → name → content) as multipart;
// origin "" sends the server's own.
func (s *serving) post(path, origin string, values url.Values, files []upFile) (int, string) {
	s.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range values {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for _, f := range files {
		w, _ := mw.CreateFormFile(f.field, f.name)
		w.Write(f.data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", s.srv.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if origin == "" {
		origin = s.srv.URL
	}
	if origin != "none" {
		req.Header.Set("Origin", origin)
	}
	resp, err := s.client.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

type upFile struct {
	field, name string
	data        []byte
}

func uploadOf(t *testing.T, field, path string) upFile {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return upFile{field, filepath.Base(path), b}
}

func mustContain(t *testing.T, what, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s: %q missing from the page:\n%s", what, w, body)
		}
	}
}

// Every page, in both languages, chosen by ?lang=, by Accept-Language,
// and by default the server's.
func TestServePages(t *testing.T) {
	s := newServing(t, "", nil)
	pages := []struct{ path, en, zh string }{
		{"/", "Overview", "概览"},
		{"/quote", "Quote a price", "报价"},
		{"/quotes", "Changjiang A00 quotes", "长江 A00 行情"},
		{"/settle", "Settle deliveries", "送货结算"},
		{"/check", "Check invoices", "核对发票"},
		{"/report", "Policy report", "政策报表"},
	}
	for _, p := range pages {
		sep := "?"
		if strings.Contains(p.path, "?") {
			sep = "&"
		}
		for _, c := range []struct {
			path, accept, want, not string
		}{
			{p.path, "", "<h1>" + p.en + "</h1>", "<h1>" + p.zh},
			{p.path + sep + "lang=zh", "", "<h1>" + p.zh + "</h1>", "<h1>" + p.en},
			{p.path, "zh-CN,zh;q=0.9,en;q=0.8", "<h1>" + p.zh + "</h1>", "<h1>" + p.en},
			{p.path + sep + "lang=en", "zh-CN", "<h1>" + p.en + "</h1>", "<h1>" + p.zh},
		} {
			status, body := s.get(c.path, "Accept-Language", c.accept)
			if status != 200 || !strings.Contains(body, c.want) || strings.Contains(body, c.not) {
				t.Errorf("GET %s (Accept-Language %q): %d, want %q:\n%s", c.path, c.accept, status, c.want, body)
			}
		}
	}
}

// The overview: this month (2026-04, 9 of 21 trading days quoted, in
// progress) and the last (complete, 22 of 22), with each agreement's
// price: ZD-2026-001's March price 23402.67 is worked out by hand in
// testdata/golden/README.md; April has none yet, and says why.
func TestServeOverview(t *testing.T) {
	s := newServing(t, "", nil)
	// Accept-Language by its preferences: q=0 is never.
	for header, want := range map[string]string{"zh;q=0, en": "<h1>Overview</h1>", "en;q=0.1, zh;q=0.9": "<h1>概览</h1>", "fr": "<h1>Overview</h1>", "zh-CN,zh;q=0.9": "<h1>概览</h1>"} {
		if _, body := s.get("/", "Accept-Language", header); !strings.Contains(body, want) {
			t.Errorf("Accept-Language %q: not %s", header, want)
		}
	}
	_, body := s.get("/")
	mustContain(t, "overview", body, "2026-04 (this month)", "<b>9</b> / trading days 21", `data-status="partial">in progress`,
		"2026-03 (last month)", "<b>22</b> / trading days 22", "23402.67", "is not final",
		`aria-label="Changjiang A00 monthly average and molten aluminium unit price, CNY/t"`, `data-series="ZD-2026-002 unit price"`)
	_, zh := s.get("/?lang=zh")
	mustContain(t, "overview zh", zh, "2026-04 (本月)", "2026-03 (上月)", "23402.67", "最近 12 个月", "未完")
}

// On the 2nd of a month whose first quote is not in yet, the overview
// still prices this month for an agreement priced on the previous month
// (ZD-2026-002 in April, on March's average: 23499.86, as table says), and
// says why the others have no price yet.
func TestServeOverviewBeforeTheMonthsFirstQuote(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"agreements.yaml", "quotes.csv"} {
		b, err := os.ReadFile(filepath.Join("../../testdata/serve", name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "quotes.csv" {
			var kept []string
			for _, line := range strings.SplitAfter(string(b), "\n") {
				if !strings.HasPrefix(line, "2026-04") {
					kept = append(kept, line)
				}
			}
			b = []byte(strings.Join(kept, ""))
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := serveWith(t, dir, "", 0, map[string]string{"ALPRICE_TODAY": "2026-04-02", "LANG": "C.UTF-8"})
	_, body := s.get("/")
	month, _, _ := strings.Cut(body, "2026-03 (last month)")
	mustContain(t, "April", month, "2026-04 (this month)", "23499.86", "ZD-2026-001", "WC-2026-003")
}

// A what-if: transport 500 instead of the agreed 600 raises the unit
// price by exactly 100 (a flat CNY/t deduction; the burn loss is of the
// benchmark, unchanged): 23402.67 + 100 = 23502.67, × 31.25 t =
// 734458.4375 → 734458.44. The page marks it, and so does the notice.
func TestServeQuoteWhatIf(t *testing.T) {
	s := newServing(t, "", nil)
	q := "agreement=ZD-2026-001&month=2026-03&weight=31.25&transport=500"
	_, body := s.get("/quote?" + q)
	mustContain(t, "what-if", body, "WHAT-IF", `data-field="transport">Transport</span>: agreed 600 → used <b>500</b>`, `class="overridden"`, "23502.67", "734458.44")
	_, plain := s.get("/quote?agreement=ZD-2026-001&month=2026-03&weight=31.25")
	mustContain(t, "agreed", plain, "23402.67", "731333.44", "<td>2.1</td>", "-600.00</td><td>2.2</td>", "-80.00</td><td>2 (coal)</td>", "<td>2.6</td>")
	_, zh := s.get("/quote?lang=zh&agreement=ZD-2026-001&month=2026-03&weight=31.25")
	mustContain(t, "agreed zh", zh, "运费", "-80.00</td><td>2(煤价)</td>", "柒拾叁万壹仟叁佰叁拾叁元肆角肆分")
	if strings.Contains(plain, "WHAT-IF") {
		t.Error("the agreement's own price is marked as a what-if")
	}
	// A fee's what-if marks the fee's own line: 检测费 20 instead of 10
	// lowers the price by 10, 23402.67 − 10 = 23392.67.
	_, fee := s.get("/quote?agreement=ZD-2026-001&month=2026-03&weight=1&fee=" + url.QueryEscape("检测费=20"))
	mustContain(t, "fee what-if", fee, `<tr class="overridden"><th>检测费`, "23392.67", `data-field="fee 检测费">Other fee: 检测费</span>: agreed 10 → used <b>20</b>`)
	status, notice := s.get("/quote/notice?" + q)
	if status != 200 || !strings.Contains(notice, "WHAT-IF") || !strings.Contains(notice, "734,458.44") {
		t.Errorf("the notice: %d\n%s", status, notice)
	}
}

var downloadLink = regexp.MustCompile(`href="(/download/[0-9a-f]+/([^"]+))"`)

// downloads returns the download links of a page by name.
func downloads(body string) map[string]string {
	out := map[string]string{}
	for _, m := range downloadLink.FindAllStringSubmatch(body, -1) {
		out[m[2]] = m[1]
	}
	return out
}

// Settle an uploaded deliveries file: the statements (ZD-2026-001's
// March 7971347.25, testdata/golden/README.md), every download, the
// workbook read back.
func TestServeSettleUpload(t *testing.T) {
	s := newServing(t, "", nil)
	v := url.Values{"csrf": {s.csrf("/settle")}, "agreements": {"agreements-einvoice.yaml"}}
	status, body := s.post("/settle", "", v, []upFile{uploadOf(t, "deliveries", "../../testdata/deliveries-2026-03.csv")})
	if status != 200 {
		t.Fatalf("settle: %d\n%s", status, body)
	}
	mustContain(t, "settle", body, "7971347.25", "Rows read 24 · settled 24 · rejected 0")
	links := downloads(body)
	for _, name := range []string{"statement.html", "statement.json", "statement.xlsx", "einvoice.xlsx"} {
		if links[name] == "" {
			t.Errorf("no download %s: %v", name, links)
		}
	}
	status, xlsx := s.get(links["statement.xlsx"])
	if status != 200 {
		t.Fatalf("download: %d", status)
	}
	f, err := excelize.OpenReader(strings.NewReader(xlsx))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	found := false
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		for _, r := range rows {
			if strings.Contains(strings.Join(r, "|"), "7971347.25") {
				found = true
			}
		}
	}
	if !found {
		t.Error("the workbook has no 7971347.25")
	}
	_, html := s.get(links["statement.html"])
	mustContain(t, "statement.html", html, "<!DOCTYPE html>", "7,971,347.25")
	// The sample agreements lack the invoicing details: the statements
	// stand, and the page says what the batch file needs.
	v.Set("agreements", "agreements.yaml")
	_, body = s.post("/settle", "", v, []upFile{uploadOf(t, "deliveries", "../../testdata/deliveries-2026-03.csv")})
	mustContain(t, "settle without invoicing details", body, "7971347.25", "No 数电 batch file", "invoice.tax_code")
}

// A deliveries file of the folder, chosen by name, settles the same.
func TestServeSettleChosen(t *testing.T) {
	s := newServing(t, "", nil)
	_, body := s.post("/settle", "", url.Values{"csrf": {s.csrf("/settle")}, "file": {"deliveries-2026-03.csv"}, "month": {"2026-03"}}, nil)
	mustContain(t, "settle chosen", body, "7971347.25", "Rows read 24")
}

// A bad upload: the command's own error (file, line, reason) on the page,
// nothing written, no download; with the good rows settled, the bad one
// listed with its line.
func TestServeBadUpload(t *testing.T) {
	s := newServing(t, "", nil)
	before := storeOf(t, s.dir)
	good, _ := os.ReadFile("../../testdata/deliveries-2026-03.csv")
	lines := strings.SplitAfter(string(good), "\n")
	bad := strings.Join(lines[:5], "") + "ZD2603-9999,2026-03-09,ZD-2026-001,新C·A1021,L07,31.250,3l.180\n"
	v := url.Values{"csrf": {s.csrf("/settle")}}
	status, body := s.post("/settle", "", v, []upFile{{"deliveries", "bad.csv", []byte(bad)}})
	if status != http.StatusUnprocessableEntity {
		t.Errorf("bad upload: %d", status)
	}
	mustContain(t, "bad upload", body, "Nothing was done", "bad.csv:6:", "delivered_t", "3l.180", "nothing was settled")
	if len(downloads(body)) != 0 {
		t.Error("a bad upload offers downloads")
	}
	v.Set("skip-invalid", "1")
	_, body = s.post("/settle", "", v, []upFile{{"deliveries", "bad.csv", []byte(bad)}})
	mustContain(t, "skip-invalid", body, "Rejected rows", `<td class="num">6</td><td>delivered_t</td><td>3l.180</td>`, "Rows read 5 · settled 4 · rejected 1")
	if after := storeOf(t, s.dir); after != before {
		t.Error("the store changed")
	}
	sample, _ := os.ReadDir("../../testdata/serve")
	entries, _ := os.ReadDir(s.dir)
	if len(entries) != len(sample) {
		t.Errorf("the folder has %d files, not the sample's %d", len(entries), len(sample))
	}
}

// Check the XML invoices: the one priced on the previous month's average
// is found (rule 2.1), as testdata/invoices-xml/README.md says; the
// verdict downloads as HTML and JSON.
func TestServeCheckXML(t *testing.T) {
	s := newServing(t, "", nil)
	v := url.Values{"csrf": {s.csrf("/check")}, "deliveries_file": {"deliveries-2026-03.csv"}}
	status, body := s.post("/check", "", v, []upFile{uploadOf(t, "invoices", "../../testdata/invoices-xml/previous-month-average.xml")})
	if status != 200 {
		t.Fatalf("check: %d\n%s", status, body)
	}
	mustContain(t, "check", body, "The invoices differ", "26652000000026039001", "22413.64", "23402.67", "priced on the 2026-02 average (23394.00) instead of 2026-03 (24389.00)")
	links := downloads(body)
	_, html := s.get(links["verdict.html"])
	_, js := s.get(links["verdict.json"])
	mustContain(t, "verdict.html", html, "<!DOCTYPE html>", "26652000000026039001")
	mustContain(t, "verdict.json", js, `"ok": false`, `"field": "unit_price"`)
	// Without the deliveries, the page says what goes unchecked.
	_, body = s.post("/check", "", url.Values{"csrf": {v.Get("csrf")}}, []upFile{uploadOf(t, "invoices", "../../testdata/invoices-xml/previous-month-average.xml")})
	mustContain(t, "without deliveries", body, "the weights and the totals go unchecked", "22413.64")
	// The clean invoices: no findings.
	var clean []upFile
	xmls, _ := filepath.Glob("../../testdata/invoices-xml/clean/*.xml")
	for _, x := range xmls {
		clean = append(clean, uploadOf(t, "invoices", x))
	}
	_, body = s.post("/check", "", v, clean)
	mustContain(t, "clean", body, "The invoices agree")
	// The platform's 信息汇总表 export of the same invoices, a workbook
	// read from memory: no findings either (testdata/invoices-xml/README.md).
	_, body = s.post("/check", "", v, []upFile{uploadOf(t, "invoices", "../../testdata/invoices-xml/summary-2026-03.xlsx")})
	mustContain(t, "summary", body, "The invoices agree", "7971347.25")
}

// The policy report of the first quarter, as testdata/report/figures.txt
// works it out with Python's decimal: 121.370 t of 330 t in January
// (36.78%), 186.165 of 341 (54.59%), 187.097 of 352 (53.15%); March
// released 164894.68, its coal shortfall 11799.79. The chart is report's.
func TestServeReport(t *testing.T) {
	s := newServing(t, "", nil)
	status, body := s.get("/report?run=1&agreements=agreements-report.yaml&file=deliveries-2026-q1.csv&production=production.csv")
	if status != 200 {
		t.Fatalf("report: %d\n%s", status, body)
	}
	mustContain(t, "report", body, "121.370", "36.78", "186.165", "54.59", "187.097", "53.15", "164894.68", "11799.79",
		`aria-label="Molten aluminium delivered and the local conversion rate"`, "report.html", "report.json")
	// The March deliveries are more than the sample's output of March:
	// the command's own error, on the page.
	status, body = s.get("/report?run=1&file=deliveries-2026-03.csv&production=production.csv")
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "a conversion rate above 100% is not possible") {
		t.Errorf("report over the output: %d\n%s", status, body)
	}
}

func storeOf(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "quotes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// withoutDays removes days from the sample store.
func withoutDays(days ...string) func(dir string) {
	return func(dir string) {
		path := filepath.Join(dir, "quotes.csv")
		b, _ := os.ReadFile(path)
		var kept []string
		for _, l := range strings.SplitAfter(string(b), "\n") {
			drop := false
			for _, d := range days {
				drop = drop || strings.HasPrefix(l, d+",")
			}
			if !drop {
				kept = append(kept, l)
			}
		}
		os.WriteFile(path, []byte(strings.Join(kept, "")), 0o644)
	}
}

var marchRow = regexp.MustCompile(`<tr id="m-2026-03">.*?</tr>`)

// Adding the one day March lacks makes it complete; the same day again is
// already there; other figures are a conflict, refused without the
// confirm.
func TestServeQuotesAdd(t *testing.T) {
	s := newServing(t, "", withoutDays("2026-03-10"))
	_, body := s.get("/quotes")
	if row := marchRow.FindString(body); !strings.Contains(row, `data-status="gaps"`) || !strings.Contains(row, "2026-03-10") {
		t.Fatalf("March before: %s", row)
	}
	add := url.Values{"csrf": {s.csrf("/quotes")}, "date": {"2026-03-10"}, "average": {"24470"}}
	status, body := s.post("/quotes/add", "", add, nil)
	if row := marchRow.FindString(body); status != 200 || !strings.Contains(row, `data-status="complete"`) || !strings.Contains(row, `<td class="num">22</td>`) {
		t.Fatalf("March after: %d %s\n%s", status, row, body)
	}
	if !strings.Contains(storeOf(t, s.dir), "2026-03-10,,,24470") {
		t.Error("the store lacks the day added")
	}
	add.Set("average", "24480")
	before := storeOf(t, s.dir)
	status, body = s.post("/quotes/add", "", add, nil)
	mustContain(t, "conflict", body, "Nothing was done", "24470", "24480")
	if status != http.StatusUnprocessableEntity || storeOf(t, s.dir) != before {
		t.Errorf("a conflict: %d, store changed %v", status, storeOf(t, s.dir) != before)
	}
	add.Set("replace", "1")
	s.post("/quotes/add", "", add, nil)
	if !strings.Contains(storeOf(t, s.dir), "2026-03-10,,,24480") {
		t.Error("the confirmed replacement is not in the store")
	}
}

// Ten people adding ten days at once: the store's lock loses none.
func TestServeConcurrentAdds(t *testing.T) {
	days := map[string]string{"2026-03-02": "23620", "2026-03-03": "23770", "2026-03-04": "23830", "2026-03-05": "23900", "2026-03-06": "24030",
		"2026-03-09": "24140", "2026-03-10": "24470", "2026-03-11": "25030", "2026-03-12": "25270", "2026-03-13": "24990"}
	var list []string
	for d := range days {
		list = append(list, d)
	}
	s := newServing(t, "", withoutDays(list...))
	store := storeOf(t, s.dir)
	for d := range days {
		if strings.Contains(store, d) {
			t.Fatalf("%s still in the store", d)
		}
	}
	token := s.csrf("/quotes")
	var wg sync.WaitGroup
	for d, avg := range days {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status, body := s.post("/quotes/add", "", url.Values{"csrf": {token}, "date": {d}, "average": {avg}}, nil)
			if status != 200 {
				t.Errorf("add %s: %d\n%s", d, status, body)
			}
		}()
	}
	wg.Wait()
	store = storeOf(t, s.dir)
	for d, avg := range days {
		if !strings.Contains(store, d+",,,"+avg) {
			t.Errorf("%s lost", d)
		}
	}
	_, body := s.get("/quotes")
	if row := marchRow.FindString(body); !strings.Contains(row, `data-status="complete"`) {
		t.Errorf("March after the adds: %s", row)
	}
}

// A POST from another origin, without an origin, without or with a wrong
// CSRF token is refused (403), and writes nothing.
func TestServeCSRF(t *testing.T) {
	s := newServing(t, "", withoutDays("2026-03-10"))
	before := storeOf(t, s.dir)
	token := s.csrf("/quotes")
	add := func(csrf string) url.Values {
		return url.Values{"csrf": {csrf}, "date": {"2026-03-10"}, "average": {"24470"}}
	}
	for _, c := range []struct {
		name, origin, csrf string
	}{
		{"another origin", "http://evil.example", token},
		{"another origin over https", "https://evil.example", token},
		{"another port", strings.Replace(s.srv.URL, "127.0.0.1:", "127.0.0.1:1", 1), token},
		{"no Origin nor Referer", "none", token},
		{"no token", "", ""},
		{"a wrong token", "", strings.Repeat("0", 64)},
	} {
		status, body := s.post("/quotes/add", c.origin, add(c.csrf), nil)
		if status != http.StatusForbidden || !strings.Contains(body, "Refused") {
			t.Errorf("%s: %d\n%s", c.name, status, body)
		}
	}
	// Another browser's token is no good with this one's cookie.
	other := serveDirClient(s)
	if status, _ := other.post("/quotes/add", "", add(other.csrf("/quotes")+""), nil); status != 200 {
		t.Errorf("the other browser's own token: %d", status)
	}
	if status, _ := s.post("/settle", "", url.Values{"csrf": {other.csrf("/quotes")}}, nil); status != http.StatusForbidden {
		t.Errorf("another browser's token: %d", status)
	}
	if after := storeOf(t, s.dir); !strings.Contains(after, "2026-03-10") || strings.Count(after, "2026-03-10") != 1 {
		t.Error("the store after the refused posts and one good one")
	}
	_ = before
	// A GET never changes anything: the add is POST only.
	if status, _ := s.get("/quotes/add?date=2026-03-11&average=1"); status != http.StatusMethodNotAllowed {
		t.Errorf("GET /quotes/add: %d", status)
	}
}

// serveDirClient is a second browser of the same server: its own cookies.
func serveDirClient(s *serving) *serving {
	jar, _ := cookiejar.New(nil)
	return &serving{t: s.t, dir: s.dir, srv: s.srv, client: &http.Client{Jar: jar}}
}

// With a token, every request needs it: once in the address, then the
// cookie; without a token, a Host that is not this computer's is refused
// (DNS rebinding).
func TestServeToken(t *testing.T) {
	s := newServing(t, "s3cret-token-1234", nil)
	if status, _ := s.get("/"); status != http.StatusUnauthorized {
		t.Errorf("no token: %d", status)
	}
	if status, _ := s.get("/?token=wrong"); status != http.StatusUnauthorized {
		t.Errorf("a wrong token: %d", status)
	}
	if status, _ := s.get("/style.css"); status != http.StatusUnauthorized {
		t.Errorf("the style sheet without a token: %d", status)
	}
	// The token once in the address: kept in a cookie, and the address
	// shown without it.
	s.client.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if strings.Contains(req.URL.RawQuery, "token") || req.URL.Query().Get("lang") != "zh" {
			t.Errorf("redirected to %s", req.URL)
		}
		return nil
	}
	if status, body := s.get("/?lang=zh&token=s3cret-token-1234"); status != 200 || !strings.Contains(body, "<h1>概览</h1>") {
		t.Errorf("the token: %d", status)
	}
	s.client.CheckRedirect = nil
	if status, _ := s.get("/quotes"); status != 200 {
		t.Errorf("the cookie: %d", status)
	}
	fresh := serveDirClient(s)
	if status, _ := fresh.get("/quotes", "Authorization", "Bearer s3cret-token-1234"); status != 200 {
		t.Errorf("Authorization: Bearer: %d", status)
	}
	if status, _ := fresh.get("/quotes"); status != http.StatusUnauthorized {
		t.Errorf("a fresh browser without it: %d", status)
	}

	// An address starting with two slashes, or a slash and a backslash,
	// is a path of this server, never another site's.
	for _, path := range []string{"//evil.example/x?token=s3cret-token-1234", "/\\evil.example/?token=s3cret-token-1234"} {
		// Sent as written, as a browser following such a link would.
		conn, err := net.Dial("tcp", s.srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", path, s.srv.Listener.Addr())
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		conn.Close()
		if to := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || strings.HasPrefix(to, "//") || strings.HasPrefix(to, "/\\") || strings.Contains(to, "token") {
			t.Errorf("%s: %d to %q", path, resp.StatusCode, to)
		}
	}

	open := newServing(t, "", nil)
	if status, _ := open.get("/", "Host", "evil.example"); status != http.StatusForbidden {
		t.Errorf("a foreign Host without a token: %d", status)
	}
	if status, _ := open.get("/", "Host", "localhost"); status != 200 {
		t.Errorf("Host localhost: %d", status)
	}
	for addr, loopback := range map[string]bool{"127.0.0.1:8080": true, "localhost:80": true, "[::1]:8080": true, "0.0.0.0:8080": false, ":8080": false, "192.168.1.5:8080": false} {
		if web.Loopback(addr) != loopback {
			t.Errorf("Loopback(%q) = %v", addr, !loopback)
		}
	}
}

// The command refuses an address beyond loopback without a token by
// making one and saying it; a file name with a folder is a usage error.
func TestServeCommandFlags(t *testing.T) {
	_, stderr, status := runAlprice(t, "", "serve", "--data", "../../testdata/serve", "--quotes", "../quotes.csv")
	if status != 2 || !strings.Contains(stderr, "--quotes ../quotes.csv: name a file in DIR, without a folder") {
		t.Errorf("exit %d: %s", status, stderr)
	}
	_, stderr, status = runAlprice(t, "", "serve", "--data", "../../testdata/serve/quotes.csv")
	if status != 2 || !strings.Contains(stderr, "is not a folder") {
		t.Errorf("exit %d: %s", status, stderr)
	}
}

// Names a request gives are files of the folder's listing, nothing else:
// a way up, an absolute path, an encoded one, a link, a folder — refused,
// nothing read.
func TestServeTraversal(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.csv"), []byte("ticket,date,buyer,tapped_t,delivered_t\n"), 0o644)
	s := newServing(t, "", func(dir string) {
		os.Symlink(filepath.Join(outside, "secret.csv"), filepath.Join(dir, "link.csv"))
		os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	})
	names := []string{"../quotes.csv", "../../testdata/deliveries-2026-03.csv", filepath.Join(outside, "secret.csv"), "/etc/passwd",
		"%2e%2e%2fquotes.csv", "..%2fquotes.csv", `..\quotes.csv`, "sub", "link.csv", ".", "", "deliveries-2026-03.csv/", "-"}
	token := s.csrf("/settle")
	for _, n := range names {
		status, body := s.post("/settle", "", url.Values{"csrf": {token}, "file": {n}}, nil)
		if status != http.StatusBadRequest || !strings.Contains(body, "is not a file of the folder served") {
			t.Errorf("settle file %q: %d\n%s", n, status, body)
		}
		status, body = s.post("/check", "", url.Values{"csrf": {token}, "deliveries_file": {n}}, []upFile{{"invoices", "inv.csv", []byte("x")}})
		if status != http.StatusBadRequest || !strings.Contains(body, "is not a file of the folder served") {
			t.Errorf("check deliveries_file %q: %d\n%s", n, status, body)
		}
		status, body = s.get("/report?run=1&file=" + url.QueryEscape(n))
		if status != http.StatusBadRequest || !strings.Contains(body, "is not a file of the folder served") {
			t.Errorf("report file %q: %d", n, status)
		}
		status, _ = s.get("/quote?agreement=ZD-2026-001&agreements=" + url.QueryEscape(n))
		if status != http.StatusBadRequest && n != "" { // none: the configured one
			t.Errorf("quote agreements %q: %d", n, status)
		}
	}
	// A form that names no file to read is said so, in the page's words.
	for page, want := range map[string]string{"/settle": "Choose a deliveries file or upload one.", "/check": "Choose invoice files or upload them."} {
		status, body := s.post(page, "", url.Values{"csrf": {token}}, nil)
		if status != http.StatusBadRequest || !strings.Contains(body, want) {
			t.Errorf("%s with no file: %d\n%s", page, status, body)
		}
	}
	// An uploaded file's name is never a path: its base name (what the
	// multipart reader gives), a hidden one refused.
	for n, shown := range map[string]string{"../x.csv": "x.csv:", "a/b.csv": "b.csv:", ".hidden.csv": "Refused"} {
		_, body := s.post("/settle", "", url.Values{"csrf": {token}}, []upFile{{"deliveries", n, []byte("x")}})
		if !strings.Contains(body, shown) || strings.Contains(body, n+":") {
			t.Errorf("upload named %q:\n%s", n, body)
		}
	}
	if status, _ := s.get("/download/../../etc/passwd"); status == 200 {
		t.Error("a download outside the kept ones")
	}
}

// An upload beyond the request's cap is refused before anything runs.
func TestServeOversize(t *testing.T) {
	s := newServing(t, "", nil)
	small := serveDir(t, s.dir, "", 1<<20)
	token := small.csrf("/settle")
	big := bytes.Repeat([]byte("ZD2603-0001,2026-03-02,ZD-2026-001,新C·A1021,L07,31.250,31.180\n"), (1<<20)/60+10)
	status, body := small.post("/settle", "", url.Values{"csrf": {token}}, []upFile{{"deliveries", "big.csv", big}})
	if status != http.StatusRequestEntityTooLarge || !strings.Contains(body, "larger than 1 MiB") {
		t.Errorf("oversize: %d\n%s", status, body)
	}
	var many []upFile
	for i := range web.MaxUploadFiles + 1 {
		many = append(many, upFile{"invoices", fmt.Sprintf("%d.xml", i), []byte("<x/>")})
	}
	status, body = s.post("/check", "", url.Values{"csrf": {s.csrf("/check")}}, many)
	if status != http.StatusRequestEntityTooLarge || !strings.Contains(body, "more than 200 files") {
		t.Errorf("too many files: %d\n%s", status, body)
	}
}

// The real process: beyond loopback without a token it makes one and
// prints the address with it; SIGTERM lets the request under way finish
// and ends it with exit status 0, saying so.
func TestServeProcessStopsGracefully(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGTERM on Windows")
	}
	// The test binary is alprice when called by that name (TestMain).
	exe := filepath.Join(t.TempDir(), "alprice")
	if err := os.Symlink(os.Args[0], exe); err != nil {
		t.Skip(err)
	}
	cmd := exec.Command(exe, "serve", "--data", "../../testdata/serve", "--addr", "0.0.0.0:0", "--lang", "en")
	cmd.Env = append(os.Environ(), "ALPRICE_TODAY="+serveToday)
	stdout, _ := cmd.StdoutPipe()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() {
		t.Fatalf("nothing printed; stderr: %s", stderr.String())
	}
	m := regexp.MustCompile(`at http://0\.0\.0\.0:(\d+)/\?token=([0-9a-f]{32}) `).FindStringSubmatch(lines.Text())
	if m == nil {
		t.Fatalf("no address with a token: %q", lines.Text())
	}
	base := "http://127.0.0.1:" + m[1]
	if resp, err := http.Get(base + "/"); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("without the token: %v %v", resp, err)
	}
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	// A request sent just before the signal is answered (web.Serve's own
	// test holds one that is surely under way).
	done := make(chan int, 1)
	go func() {
		resp, err := client.Get(base + "/report?run=1&agreements=agreements-report.yaml&file=deliveries-2026-q1.csv&production=production.csv&token=" + m[2])
		if err != nil {
			done <- 0
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		done <- resp.StatusCode
	}()
	time.Sleep(20 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGTERM)
	if status := <-done; status != 200 {
		t.Errorf("the request under way: %d", status)
	}
	lines.Scan()
	if err := cmd.Wait(); err != nil || lines.Text() != "alprice serve: stopped" {
		t.Errorf("after SIGTERM: %v, %q; stderr: %s", err, lines.Text(), stderr.String())
	}
}

// Fetch today's quote from the page: quotes fetch against a loopback
// Changjiang (quotes_fetch_test.go's), the day added to the store.
func TestServeFetch(t *testing.T) {
	fetchClock(t, "2026-08-04 14:40")
	site, srv := newCCMN(t)
	site.answer = fixture(t, "changjiang/testdata/pricelist-2026-08-04.json")
	s := newServing(t, "", nil)
	s = serveWith(t, s.dir, "", 0, map[string]string{"ALPRICE_TODAY": "2026-08-04", "ALPRICE_QUOTES_URL": srv.URL + "/", "LANG": "C.UTF-8"})
	status, body := s.post("/quotes/fetch", "", url.Values{"csrf": {s.csrf("/quotes")}}, nil)
	if status != 200 {
		t.Fatalf("fetch: %d\n%s", status, body)
	}
	mustContain(t, "fetch", body, "Fetched Changjiang&#39;s A00 quote of 2026-08-04: 20660", `<tr id="m-2026-08">`)
	if !strings.Contains(storeOf(t, s.dir), "2026-08-04,20640,20680,20660,-30") {
		t.Error("the store lacks the day fetched")
	}
}

// What a form sends is a flag's value or a positional argument, never a
// flag: a date of "--holidays=/etc/passwd" is a bad date, nothing read
// outside the folder; a value "--help" is a value.
func TestServeNoFlagsFromForms(t *testing.T) {
	s := newServing(t, "", nil)
	before := storeOf(t, s.dir)
	token := s.csrf("/quotes")
	for _, date := range []string{"--holidays=/etc/passwd", "--help", "-h"} {
		status, body := s.post("/quotes/add?lang=zh", "", url.Values{"csrf": {token}, "date": {date}, "average": {"24470"}}, nil)
		if status != http.StatusUnprocessableEntity || strings.Contains(body, "用法") || strings.Contains(body, "Usage") {
			t.Errorf("date %q: %d\n%s", date, status, body)
		}
	}
	for _, v := range []string{"--help", "--weight=1", "--holidays=/etc/passwd", "--"} {
		status, body := s.get("/quote?lang=zh&agreement=" + url.QueryEscape(v) + "&month=2026-03&weight=1")
		if status != 200 || !strings.Contains(body, "未作任何处理") || strings.Contains(body, "用法:") || strings.Contains(body, "is not a command") {
			t.Errorf("agreement %q: %d\n%s", v, status, body)
		}
	}
	if storeOf(t, s.dir) != before {
		t.Error("the store changed")
	}
}

var (
	markup = regexp.MustCompile(`(?s)<svg.*?</svg>|<[^>]*>|&[a-z#0-9]+;`)
	// What stays as typed: file names, agreement ids, keys of the
	// agreements file, formats and units.
	codeWords = regexp.MustCompile(`[\w.-]+\.(csv|yaml|xml|xlsx|html|json)\b|[A-Z]{2}-\d{4}-\d{3}|\b[a-z]+[_.][a-z_.]+\b|YYYY-MM|alprice|A00|\b(CSV|XML|CNY|kg)\b|\([a-z_]+:\)`)
	english   = regexp.MustCompile(`[A-Za-z]{2,}`)
)

// A Chinese page says nothing in English but file names, agreement ids
// and field codes: every label has its Chinese, and so has every message
// of the commands shown.
func TestServeChinesePagesSayNoEnglish(t *testing.T) {
	s := newServing(t, "", nil)
	pages := map[string]string{}
	for _, path := range []string{"/", "/quote?agreement=ZD-2026-001&month=2026-03&weight=31.25&transport=500", "/quotes", "/settle", "/check",
		"/report?run=1&agreements=agreements-report.yaml&file=deliveries-2026-q1.csv&production=production.csv"} {
		_, pages[path] = s.get(path, "Accept-Language", "zh-CN")
	}
	v := url.Values{"csrf": {s.csrf("/settle")}}
	_, pages["settle result"] = s.post("/settle?lang=zh", "", v, []upFile{uploadOf(t, "deliveries", "../../testdata/deliveries-2026-03.csv")})
	_, pages["check result"] = s.post("/check?lang=zh", "", url.Values{"csrf": {v.Get("csrf")}, "deliveries_file": {"deliveries-2026-03.csv"}},
		[]upFile{uploadOf(t, "invoices", "../../testdata/invoices-xml/previous-month-average.xml")})
	for name, body := range pages {
		body = body[strings.Index(body, "<main>"):strings.Index(body, "</main>")]
		text := codeWords.ReplaceAllString(markup.ReplaceAllString(body, " "), " ")
		if w := english.FindAllString(text, -1); len(w) > 0 {
			t.Errorf("%s in Chinese says %q", name, w)
		}
	}
}

// Every page at once, from several browsers: each request runs its
// commands with an app of its own (run it under -race).
func TestServeConcurrentPages(t *testing.T) {
	s := newServing(t, "", withoutDays("2026-03-09", "2026-03-10"))
	token := s.csrf("/settle")
	deliveries := uploadOf(t, "deliveries", "../../testdata/deliveries-2026-03.csv")
	var wg sync.WaitGroup
	for i := range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var status int
			var body, want string
			switch i % 6 {
			case 0:
				status, body = s.get("/?lang=zh")
				want = "2026-04 (本月)"
			case 1:
				status, body = s.get("/quote?agreement=ZD-2026-002&month=2026-03&weight=1")
				want = "22461.94"
			case 2:
				status, body = s.post("/settle", "", url.Values{"csrf": {token}, "provisional": {"1"}}, []upFile{deliveries})
				want = "Rows read 24"
			case 3:
				status, body = s.get("/report?run=1&agreements=agreements-report.yaml&file=deliveries-2026-q1.csv&production=production.csv")
				want = "Policy report"
			case 4:
				status, body = s.post("/quotes/add", "", url.Values{"csrf": {token}, "date": {"2026-03-09"}, "average": {"24140"}}, nil)
				want = "2026-03"
			case 5:
				status, body = s.post("/quotes/add", "", url.Values{"csrf": {token}, "date": {"2026-03-10"}, "average": {"24470"}}, nil)
				want = "2026-03"
			}
			if status != 200 || !strings.Contains(body, want) {
				t.Errorf("request %d: %d, no %q", i, status, want)
			}
		}()
	}
	wg.Wait()
	store := storeOf(t, s.dir)
	for _, row := range []string{"2026-03-09,,,24140", "2026-03-10,,,24470"} {
		if strings.Count(store, row) != 1 {
			t.Errorf("the store has %q %d times", row, strings.Count(store, row))
		}
	}
}
