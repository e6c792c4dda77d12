//go:build browser

package main

// The printed documents (#30) in a real browser: each is opened in headless
// Chromium, its text read from the DOM and held to the figures of the same
// command's JSON, printed to A4 PDFs whose pages are counted and probed,
// and a screenshot taken. These tests need Chromium (and fonts-noto-cjk for
// Chinese): they build only with -tags browser, and skip without Chromium
// unless ALPRICE_BROWSER=required, as .ci/run sets it:
//
//	ALPRICE_BROWSER=required go test -tags browser -run TestDocumentsInBrowser ./cmd/alprice
//
// With -images they also write the pictures of the README (docs/images).

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"alprice/cmd/alprice/internal/browser"
)

var images = flag.Bool("images", false, "write the README's pictures of the documents to docs/images")

// document runs alprice with args writing HTML to a file of dir, then the
// same command writing JSON, and returns the file and the JSON decoded
// into out (when not nil).
func document(t *testing.T, dir, name string, status int, out any, args ...string) string {
	t.Helper()
	path := filepath.Join(dir, name+".html")
	if _, stderr, got := runAlprice(t, "", append(args, "--out", path)...); got != status {
		t.Fatalf("%s: exit status %d, want %d; stderr:\n%s", name, got, status, stderr)
	}
	if out != nil {
		// The same figures as JSON; a notice is HTML only.
		jsonArgs := slices.DeleteFunc(slices.Clone(args), func(a string) bool { return a == "--notice" })
		stdout, stderr, got := runAlprice(t, "", append(jsonArgs, "--format", "json")...)
		if got != status {
			t.Fatalf("%s as JSON: exit status %d; stderr:\n%s", name, got, stderr)
		}
		if err := json.Unmarshal([]byte(stdout), out); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	return path
}

// open loads a document and checks what every document must be: in the
// language asked for, no markup shown as text, no script, not blank, and
// printed on A4 pages, at least minPages of them. It returns the page and
// the number of pages.
func open(t *testing.T, b *browser.Browser, path, lang string, minPages int) (*browser.Page, int) {
	t.Helper()
	p := b.NewPage(t)
	p.OpenFile(path)
	if got := p.Lang(); got != lang {
		t.Errorf("lang %q, want %q", got, lang)
	}
	if text := p.Text("body"); strings.Contains(text, "<") {
		t.Errorf("a raw < in the text of the document:\n%s", text)
	}
	if n := p.Count("script, link, img, iframe"); n != 0 {
		t.Errorf("%d scripts, links, images or frames in the document", n)
	}
	if err := browser.NotBlank(p.Screenshot()); err != nil {
		t.Error(err)
	}
	pdf := p.PrintPDF()
	sizes := browser.PDFPageSizes(pdf)
	if len(sizes) < minPages {
		t.Errorf("%d pages, want at least %d", len(sizes), minPages)
	}
	for i, s := range sizes {
		if !s.IsA4() {
			t.Errorf("page %d is %.1f × %.1f mm, not A4", i+1, s.WidthMM, s.HeightMM)
		}
	}
	return p, len(sizes)
}

// probe prints page n with only the elements matching visible shown, and
// no page number or running header, and reports whether anything of them
// lands on it. With visible empty, only the mark of a provisional page is
// left; with visible "@top-left", only the running header.
func probe(t *testing.T, p *browser.Page, visible string, n int) bool {
	t.Helper()
	css := `body * { visibility: hidden !important; } @page { @bottom-center { content: none; } } ` + pageRules(`@bottom-center { content: none; }`)
	switch visible {
	case "":
		css += pageRules(`@top-left { content: none; }`)
	case "@top-left":
		css += pageRules(`@top-center { content: none; }`)
	default:
		css += pageRules(`@top-left { content: none; } @top-center { content: none; }`) + visible + `, ` + visible + ` * { visibility: visible !important; }`
	}
	p.Eval(fmt.Sprintf(`(() => { const s = document.createElement('style'); s.id = 'probe'; s.textContent = %q; document.head.append(s); return null })()`, css), nil)
	defer p.Eval(`(() => { document.getElementById('probe').remove(); return null })()`, nil)
	return browser.PDFHasText(p.PrintPDFPages(fmt.Sprint(n)))
}

// pageRules is rule for every named page a document may use: the
// provisional summary's and each paper's (paper-0, paper-1, ...).
func pageRules(rule string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "@page provisional { %s } ", rule)
	for i := range 100 {
		fmt.Fprintf(&b, "@page paper-%d { %s } ", i, rule)
	}
	return b.String()
}

// contains fails t unless text holds every one of want.
func contains(t *testing.T, what, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s: no %q in\n%s", what, w, text)
		}
	}
}

// picture writes a picture of the element matching selector for the README.
func picture(t *testing.T, p *browser.Page, selector, name string) {
	t.Helper()
	if !*images {
		return
	}
	png := p.ScreenshotOf(selector, 0.6)
	if err := os.WriteFile(filepath.Join("docs", "images", name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// The JSON the documents are held to, read as its text: the figures are
// compared as they are written.
type (
	settleOut struct {
		Statements []map[string]any `json:"statements"`
	}
	quoteOut map[string]any
	checkOut struct {
		Findings []struct {
			InvoiceNo string `json:"invoice_no"`
			Rule      string `json:"rule"`
		} `json:"findings"`
		Months []struct {
			Billed  string `json:"billed"`
			Settled string `json:"settled"`
		} `json:"months"`
	}
)

const (
	sampleArgs = "--agreements testdata/agreements.yaml --quotes testdata/quotes-2026-h1.csv"
)

func args(s string) []string { return strings.Fields(s) }

func TestDocumentsInBrowser(t *testing.T) {
	t.Chdir("../..")
	b := browser.Start(t)
	dir := t.TempDir()

	t.Run("the sample month's settlement", func(t *testing.T) {
		var j settleOut
		path := document(t, dir, "settle", 0, &j, args("settle --lang zh "+sampleArgs+" --deliveries testdata/deliveries-2026-03.csv")...)
		// Three statements, each from a new page, and the summary.
		p, pages := open(t, b, path, "zh-CN", 4)
		if n := p.Count("section.statement"); n != len(j.Statements) {
			t.Fatalf("%d statements, want %d", n, len(j.Statements))
		}
		for i, st := range j.Statements {
			sel := fmt.Sprintf("section.statement:nth-of-type(%d)", i+1)
			text := p.Text(sel)
			contains(t, field(st, "agreement"), text, field(st, "agreement"), field(st, "buyer"), "2026-03", groupText(field(st, "amount")),
				groupText(field(st, "amount_excl_vat")), groupText(field(st, "vat")), groupText(field(st, "unit_price")), "人民币"+field(st, "amount_in_words"),
				groupText(field(st, "delivered_t")), groupText(field(st, "tapped_t")), "供方(盖章)", "需方(盖章)", "签字", "日期")
			if n := p.Count(sel + " table:nth-of-type(2) tbody tr"); fmt.Sprint(n) != field(st, "tickets") {
				t.Errorf("%s: %d ladles listed, want %s", field(st, "agreement"), n, field(st, "tickets"))
			}
		}
		// The signature blocks of the last statement are on the page
		// before the summary's, and not on the summary's.
		if !probe(t, p, "section.statement:nth-of-type(3) .signatures", pages-1) || probe(t, p, "section.statement:nth-of-type(3) .signatures", pages) {
			t.Error("the last statement's signatures are not on its last page")
		}
		picture(t, p, "section.statement", "settlement")
	})

	t.Run("a long provisional statement", func(t *testing.T) {
		// 90 ladles in March, on a March whose quotes stop on the 13th.
		var deliveries strings.Builder
		deliveries.WriteString("ticket,date,buyer,tapped_t,delivered_t\n")
		for i := range 90 {
			fmt.Fprintf(&deliveries, "T%03d,2026-03-%02d,ZD-2026-001,30.%03d,29.%03d\n", i+1, 2+i%28, i, 900+i%50)
		}
		quotes, err := os.ReadFile("testdata/quotes-2026-h1.csv")
		if err != nil {
			t.Fatal(err)
		}
		before, _, _ := strings.Cut(string(quotes), "2026-03-16,")
		write := func(name, text string) string {
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			return path
		}
		var j settleOut
		path := document(t, dir, "long", 0, &j, "settle", "--lang", "en", "--provisional", "--agreements", "testdata/agreements.yaml",
			"--quotes", write("quotes.csv", before), "--deliveries", write("long.csv", deliveries.String()))
		p, pages := open(t, b, path, "en", 2)
		st := j.Statements[0]
		if field(st, "benchmark_status") != "provisional" || p.Count("section.statement") != 1 || p.Count("section.doc") != 0 {
			t.Fatalf("status %s, %d statements, %d summaries", field(st, "benchmark_status"), p.Count("section.statement"), p.Count("section.doc"))
		}
		contains(t, "statement", p.Text("body"), groupText(field(st, "amount")), field(st, "amount_in_words"), "T001", "T090", "PROVISIONAL")
		if n := p.Count("section.statement table:nth-of-type(2) tbody tr"); n != 90 {
			t.Errorf("%d ladles listed, want 90", n)
		}
		for page := 1; page <= pages; page++ {
			// The ladle list flows onto the next page with its header
			// repeated; the mark of a provisional statement is on every page.
			if page > 1 && page < pages && !probe(t, p, "section.statement table:nth-of-type(2) thead", page) {
				t.Errorf("page %d of %d: the ladle list's header is not repeated", page, pages)
			}
			if !probe(t, p, "", page) {
				t.Errorf("page %d of %d: not marked provisional", page, pages)
			}
			// Each page says whose statement it is.
			if !probe(t, p, "@top-left", page) {
				t.Errorf("page %d of %d: no running header", page, pages)
			}
			// The signatures and the amount in capitals are on the last page, together.
			if got := probe(t, p, ".signatures", page); got != (page == pages) {
				t.Errorf("page %d of %d: signatures on it %v", page, pages, got)
			}
		}
		if !probe(t, p, ".in-words", pages) {
			t.Error("the amount in capitals is not on the page of the signatures")
		}
	})

	t.Run("a final statement beside provisional ones", func(t *testing.T) {
		// March's quotes stop on the 13th: the agreements priced on March
		// are provisional, ZD-2026-002, priced on February, is final, and
		// none of its pages says otherwise.
		quotes, err := os.ReadFile("testdata/quotes-2026-h1.csv")
		if err != nil {
			t.Fatal(err)
		}
		before, _, _ := strings.Cut(string(quotes), "2026-03-16,")
		q := filepath.Join(dir, "quotes-to-13.csv")
		if err := os.WriteFile(q, []byte(before), 0o644); err != nil {
			t.Fatal(err)
		}
		var j settleOut
		path := document(t, dir, "mixed", 0, &j, "settle", "--lang", "zh", "--provisional", "--agreements", "testdata/agreements.yaml",
			"--quotes", q, "--deliveries", "testdata/deliveries-2026-03.csv")
		p, pages := open(t, b, path, "zh-CN", 3)
		final := -1
		for i, st := range j.Statements {
			if field(st, "benchmark_status") == "final" {
				final = i
			}
		}
		if final < 0 || len(j.Statements) < 2 {
			t.Fatalf("want a final statement among provisional ones: %d statements, final %d", len(j.Statements), final)
		}
		section := fmt.Sprintf("section.statement:nth-of-type(%d)", final+1)
		seen := 0
		for page := 1; page <= pages; page++ {
			on := probe(t, p, section, page)
			if on {
				seen++
			}
			if marked := probe(t, p, "", page); marked == on {
				t.Errorf("page %d of %d: the final statement on it %v, marked provisional %v", page, pages, on, marked)
			}
		}
		if seen == 0 {
			t.Error("the final statement is on no page")
		}
	})

	t.Run("price notices", func(t *testing.T) {
		var j []quoteOut
		path := document(t, dir, "notice", 0, &j, args("table --lang en --notice --month 2026-03 "+sampleArgs)...)
		// The months the charts draw, January to March: an agreement's
		// price is a point where a terms version prices the month.
		var history []quoteOut
		document(t, dir, "history", 0, &history, args("table --lang en --to 2026-03 "+sampleArgs)...)
		points := map[string]int{}
		for _, q := range history {
			if _, ok := q["unit_price"]; ok {
				points[field(q, "agreement")]++
			}
		}
		p, pages := open(t, b, path, "en", 3)
		if pages != len(j) {
			t.Errorf("%d pages for %d notices: a notice is one page", pages, len(j))
		}
		if n := p.Count("section.notice"); n != len(j) {
			t.Fatalf("%d notices, want %d", n, len(j))
		}
		for i, q := range j {
			sel := fmt.Sprintf("section.notice:nth-of-type(%d)", i+1)
			contains(t, field(q, "agreement"), p.Text(sel), field(q, "buyer"), field(q, "agreement"), "2026-03", groupText(field(q, "unit_price")),
				groupText(field(q, "unit_price_excl_vat")), groupText(field(q, "benchmark")), "Seller (seal)")
			// The chart: the A00 average and the agreement's price, each month a point.
			if n := p.Count(sel + " svg g.series"); n != 2 {
				t.Errorf("%s: %d series in the chart, want 2", field(q, "agreement"), n)
			}
			if n, want := p.Count(sel+" svg circle"), 3+points[field(q, "agreement")]; n != want {
				t.Errorf("%s: %d points in the chart, want %d (the A00 average of January to March, and the prices)", field(q, "agreement"), n, want)
			}
		}
		// The chart's text as it is drawn: its font size times the drawing's
		// scale, in tenths of a point. A drawing taller than its box is
		// shrunk to the box's height, its text with it (it was 4.4 pt).
		var tenthsPt int
		p.Eval(`(() => { const t = document.querySelector("section.notice svg.chart text");
			return Math.round(parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a * 0.75 * 10) })()`, &tenthsPt)
		if tenthsPt < 60 {
			t.Errorf("the chart's text is drawn at %d.%d pt, want 6 pt at least", tenthsPt/10, tenthsPt%10)
		}
		picture(t, p, "section.notice", "notice")
	})

	t.Run("a check that finds", func(t *testing.T) {
		var j checkOut
		path := document(t, dir, "check", 1, &j, args("check --lang zh "+sampleArgs+" --deliveries testdata/deliveries-2026-03.csv --invoices testdata/invoices/transport-left-out.csv")...)
		p, _ := open(t, b, path, "zh-CN", 1)
		var first string
		p.Eval(`document.body.firstElementChild.id`, &first)
		if first != "verdict" {
			t.Errorf("the document opens with %q, not the verdict", first)
		}
		billed := decimal.RequireFromString(j.Months[0].Billed)
		settled := decimal.RequireFromString(j.Months[0].Settled)
		contains(t, "verdict", p.Text("#verdict"), "不一致", fmt.Sprintf("%d 处问题", len(j.Findings)),
			groupText(billed.StringFixed(2)), groupText(settled.StringFixed(2)), groupText(billed.Sub(settled).StringFixed(2)))
		for _, f := range j.Findings {
			contains(t, "findings", p.Text("body"), f.InvoiceNo)
			if f.Rule == "2.2" {
				contains(t, "findings", p.Text("body"), "第 2.2 条")
			}
		}
		picture(t, p, "body", "check")
	})

	t.Run("a check that matches", func(t *testing.T) {
		path := document(t, dir, "check-ok", 0, nil, args("check --lang en "+sampleArgs+" --deliveries testdata/deliveries-2026-03.csv --invoices testdata/invoices/clean-2026-03.csv")...)
		p, _ := open(t, b, path, "en", 1)
		contains(t, "verdict", p.Text("#verdict"), "Match")
	})

	t.Run("the policy report", func(t *testing.T) {
		path := document(t, dir, "report", 0, nil, args("report --lang en --quotes testdata/quotes-2026-h1.csv --agreements testdata/report/agreements.yaml --deliveries testdata/report/deliveries-2026-h1.csv --production testdata/report/production-2026-h1.csv")...)
		p, _ := open(t, b, path, "en", 1)
		for _, target := range []string{"Target 30%", "Target 40%", "Target 60%"} {
			if n := p.Count(fmt.Sprintf(`svg g.series[data-series^=%q]`, target)); n != 1 {
				t.Errorf("%d lines for %s", n, target)
			}
		}
		if n := p.Count("svg rect[fill]"); n < 6 {
			t.Errorf("%d columns and legend keys, want the six months' at least", n)
		}
	})

	t.Run("the price table, a quote and a true-up", func(t *testing.T) {
		path := document(t, dir, "table", 0, nil, args("table --lang zh "+sampleArgs)...)
		p, _ := open(t, b, path, "zh-CN", 1)
		if p.Count("svg.chart") != 1 {
			t.Error("the price table has no chart")
		}
		var q quoteOut
		path = document(t, dir, "quote", 0, &q, args("quote --lang en --a00 24389 --transport 600 --casting 150 --burn-loss 0.6% --coal 80 --fee 检测费=10 --weight 31.25")...)
		p, _ = open(t, b, path, "en", 1)
		contains(t, "quote", p.Text("body"), groupText(field(q, "amount")), groupText(field(q, "unit_price")))
		path = document(t, dir, "trueup", 0, nil, args("trueup --lang zh --agreements testdata/trueup/agreements.yaml --quotes testdata/quotes-2026-h1.csv --deliveries testdata/trueup/deliveries.csv --invoices testdata/trueup/issued.csv --month 2026-03")...)
		open(t, b, path, "zh-CN", 1)
	})

	t.Run("hostile names", func(t *testing.T) {
		names := []string{`<script>document.title="owned"</script>`, `=HYPERLINK("http://example.com","x")`}
		agreements := "seller: '" + names[1] + "'\nagreements:\n  - id: X-1\n    buyer: '" + names[0] + "'\n    terms:\n      - from: 2026-01\n        deductions:\n          - {kind: transport, value: 600}\n"
		if err := os.WriteFile(filepath.Join(dir, "hostile.yaml"), []byte(agreements), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "hostile.csv"), []byte("ticket,date,buyer,tapped_t,delivered_t\n<b>1</b>,2026-03-02,X-1,30.000,29.900\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		path := document(t, dir, "hostile", 0, nil, "settle", "--agreements", filepath.Join(dir, "hostile.yaml"), "--quotes", "testdata/quotes-2026-h1.csv",
			"--deliveries", filepath.Join(dir, "hostile.csv"))
		p := b.NewPage(t)
		p.OpenFile(path)
		if n := p.Count("script, b"); n != 0 {
			t.Errorf("%d elements made of the inputs", n)
		}
		var title string
		p.Eval(`document.title`, &title)
		if title == "owned" {
			t.Error("a script from the inputs ran")
		}
		contains(t, "hostile", p.Text("body"), names[0], names[1], "<b>1</b>")
	})
}
