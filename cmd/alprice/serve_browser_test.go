//go:build browser

package main

// alprice serve in a real browser (#31): every page driven in headless
// Chromium as a user drives it, over the sample folder. Build tag browser;
// skipped without Chromium unless ALPRICE_BROWSER=required, as .ci/run
// sets it:
//
//	ALPRICE_BROWSER=required go test -tags browser -run TestServeInBrowser ./cmd/alprice
//
// A screenshot of each page is kept in $ALPRICE_SCREENSHOTS (else the
// test's temporary folder); with -images the README's pictures are
// written to docs/images/serve-*.png.

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"alprice/cmd/alprice/internal/browser"
)

// shoot keeps a screenshot of the page, and with -images a smaller one of
// main for the README.
func shoot(t *testing.T, p *browser.Page, name string) {
	t.Helper()
	dir := os.Getenv("ALPRICE_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	png := p.Screenshot()
	if err := browser.NotBlank(png); err != nil {
		t.Errorf("%s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	if *images {
		if err := os.WriteFile(filepath.Join("../../docs/images", name+".png"), p.ScreenshotOf("body", 0.5), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func hasAll(t *testing.T, what, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s: no %q in\n%s", what, w, text)
		}
	}
}

func TestServeInBrowser(t *testing.T) {
	b := browser.Start(t)
	s := newServing(t, "", withoutDays("2026-03-10"))
	p := b.NewPage(t)
	at := func(path string) string { return s.srv.URL + path }

	t.Run("overview", func(t *testing.T) {
		for _, c := range []struct{ lang, h1, month string }{{"en", "Overview", "2026-04 (this month)"}, {"zh", "概览", "2026-04 (本月)"}} {
			if status := p.OpenURL(at("/?lang=" + c.lang)); status != 200 {
				t.Fatalf("%s: %d", c.lang, status)
			}
			if p.Lang() != map[string]string{"en": "en", "zh": "zh-CN"}[c.lang] || p.Text("h1") != c.h1 {
				t.Errorf("%s: lang %q, h1 %q", c.lang, p.Lang(), p.Text("h1"))
			}
			hasAll(t, "overview "+c.lang, p.Text("main"), c.month, "2026-03-10", "22461.94")
			if p.Count("section.chart svg") != 1 {
				t.Error("no chart")
			}
		}
	})

	t.Run("every page in both languages", func(t *testing.T) {
		for _, path := range []string{"/", "/quote", "/quotes", "/settle", "/check", "/report"} {
			for lang, want := range map[string]string{"en": "en", "zh": "zh-CN"} {
				if status := p.OpenURL(at(path + "?lang=" + lang)); status != 200 {
					t.Errorf("%s in %s: %d", path, lang, status)
				}
				if p.Lang() != want || p.Count("nav a[aria-current]") != 1 || p.Count("h1") != 1 {
					t.Errorf("%s in %s: lang %q, %d current, %d h1", path, lang, p.Lang(), p.Count("nav a[aria-current]"), p.Count("h1"))
				}
				if n := p.Count("script, iframe, link[href^='http'], img[src^='http']"); n != 0 {
					t.Errorf("%s: %d scripts, frames or outside assets", path, n)
				}
			}
		}
		// The switch keeps the page and its query.
		p.OpenURL(at("/quote?lang=en&agreement=WC-2026-003&month=2026-02&weight=10"))
		p.Submit(`a[hreflang="zh"]`)
		if p.Lang() != "zh-CN" || !strings.Contains(p.Text("main"), "22789.00") {
			t.Errorf("the language switch: %s, %s", p.Lang(), p.Location())
		}
	})

	t.Run("quotes add", func(t *testing.T) {
		p.OpenURL(at("/quotes?lang=en"))
		hasAll(t, "March before", p.Text("#m-2026-03"), "gaps", "2026-03-10")
		p.Fill(`form[action^="/quotes/add"] input[name="date"]`, "2026-03-10")
		p.Fill(`form[action^="/quotes/add"] input[name="average"]`, "24470")
		if status := p.Submit(`form[action^="/quotes/add"] button`); status != 200 {
			t.Fatalf("add: %d\n%s", status, p.Text("main"))
		}
		hasAll(t, "March after", p.Text("#m-2026-03"), "complete", "22")
		shoot(t, p, "serve-quotes")
	})

	t.Run("quote what-if", func(t *testing.T) {
		p.OpenURL(at("/quote?lang=en"))
		p.Fill(`select[name="agreement"]`, "ZD-2026-001")
		p.Fill(`input[name="month"]`, "2026-03")
		p.Fill(`input[name="weight"]`, "31.25")
		p.Fill(`input[name="transport"]`, "500")
		if status := p.Submit(`form button[type="submit"]`); status != 200 {
			t.Fatalf("quote: %d", status)
		}
		hasAll(t, "what-if", p.Text(".whatif"), "WHAT-IF", "Transport", "600", "500")
		hasAll(t, "build-up", p.Text(".buildup"), "23502.67", "734458.44", "what-if")
		shoot(t, p, "serve-quote")
		p.Submit(`a[href^="/quote/notice"]`)
		hasAll(t, "notice", p.Text("body"), "WHAT-IF", "734,458.44")
	})

	t.Run("settle upload and workbook", func(t *testing.T) {
		p.OpenURL(at("/settle?lang=en"))
		p.Fill(`select[name="agreements"]`, "agreements-einvoice.yaml")
		p.SetUploadFiles(`input[name="deliveries"]`, "../../testdata/deliveries-2026-03.csv")
		if status := p.Submit(`form button[type="submit"]`); status != 200 {
			t.Fatalf("settle: %d\n%s", status, p.Text("main"))
		}
		hasAll(t, "statements", p.Text("main"), "7971347.25", "Rows read 24")
		shoot(t, p, "serve-settle")
		d := p.Download(func() { p.Click(`a[download="statement.xlsx"]`) })
		f, err := excelize.OpenReader(bytes.NewReader(d.Data))
		if err != nil {
			t.Fatalf("the workbook %s: %v", d.Name, err)
		}
		defer f.Close()
		var all strings.Builder
		for _, sheet := range f.GetSheetList() {
			rows, _ := f.GetRows(sheet, excelize.Options{RawCellValue: true})
			for _, r := range rows {
				fmt.Fprintln(&all, strings.Join(r, "|"))
			}
		}
		hasAll(t, "the workbook", all.String(), "7971347.25", "ZD-2026-001")
		batch := p.Download(func() { p.Click(`a[download="einvoice.xlsx"]`) })
		if _, err := excelize.OpenReader(bytes.NewReader(batch.Data)); err != nil {
			t.Errorf("the batch file: %v", err)
		}
	})

	t.Run("check XML", func(t *testing.T) {
		p.OpenURL(at("/check?lang=zh"))
		p.SetUploadFiles(`input[name="invoices"]`, "../../testdata/invoices-xml/previous-month-average.xml")
		p.Click(`input[name="deliveries_file"][value="deliveries-2026-03.csv"]`)
		if status := p.Submit(`form button[type="submit"]`); status != 200 {
			t.Fatalf("check: %d\n%s", status, p.Text("main"))
		}
		hasAll(t, "verdict", p.Text(".verdict"), "发票有差异")
		hasAll(t, "the wrong month", p.Text(".findings"), "26652000000026039001", "22413.64", "23402.67", "2026-02", "23394.00")
		shoot(t, p, "serve-check")
	})

	t.Run("report", func(t *testing.T) {
		p.OpenURL(at("/report?lang=en"))
		p.Fill(`select[name="agreements"]`, "agreements-report.yaml")
		p.Click(`input[name="file"][value="deliveries-2026-q1.csv"]`)
		if status := p.Submit(`form button[type="submit"]`); status != 200 {
			t.Fatalf("report: %d\n%s", status, p.Text("main"))
		}
		hasAll(t, "report", p.Text("main"), "36.78", "54.59", "53.15", "11799.79")
		if p.Count("section.chart svg") != 1 {
			t.Error("no conversion chart")
		}
		shoot(t, p, "serve-report")
	})

	t.Run("overview once March is complete", func(t *testing.T) {
		for _, lang := range []string{"en", "zh"} {
			p.OpenURL(at("/?lang=" + lang))
			hasAll(t, "overview "+lang, p.Text("main"), "23402.67", "22461.94", "23779.00")
			shoot(t, p, "serve-overview-"+lang)
		}
	})

	t.Run("CSRF from another origin", func(t *testing.T) {
		before := storeOf(t, s.dir)
		evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, `<!DOCTYPE html><form method="post" action="%s"><input name="date" value="2026-03-10"><input name="average" value="1"><input name="replace" value="1"><button>win a prize</button></form>`, at("/quotes/add"))
		}))
		defer evil.Close()
		p.OpenURL(evil.URL)
		if status := p.Submit("button"); status != http.StatusForbidden {
			t.Errorf("a post from another origin: %d", status)
		}
		hasAll(t, "refused", p.Text("main"), "Refused")
		if storeOf(t, s.dir) != before {
			t.Error("the store changed")
		}
	})

	t.Run("path traversal", func(t *testing.T) {
		if status := p.OpenURL(at("/report?lang=en&run=1&file=..%2F..%2Fetc%2Fpasswd")); status != http.StatusBadRequest {
			t.Errorf("a traversal in the address: %d", status)
		}
		hasAll(t, "refused name", p.Text("main"), "is not a file of the folder served")
		// A form changed in the page to name a file outside.
		p.OpenURL(at("/settle?lang=en"))
		p.Eval(`(() => { const c = document.querySelector('input[name="file"]'); c.value = "../quotes.csv"; c.checked = true; return null })()`, nil)
		if status := p.Submit(`form button[type="submit"]`); status != http.StatusBadRequest {
			t.Errorf("a traversal in a form: %d", status)
		}
		hasAll(t, "refused form", p.Text("main"), `"../quotes.csv" is not a file of the folder served`)
	})
}
