package browser

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
)

// Page is one browser tab, bound to a test. Its methods fail the test (with
// t.Fatalf) when an action fails or runs past Options.ActionTimeout, so a
// test reads as a list of steps. The reading methods (Text, Count, HTML,
// Lang) look at the DOM as it is and do not wait: the documents and pages of
// alprice are rendered by the server, so once loaded they are complete, and
// a missing element fails at once instead of after a timeout. Use
// [Page.WaitVisible] where something does appear later.
//
// A Page is not safe for concurrent use; use one per (parallel) test.
type Page struct {
	t   testing.TB
	b   *Browser
	ctx context.Context
}

// NewPage opens a new tab in b for t and closes it when t ends. It fails t
// if the tab does not open within Options.StartTimeout.
func (b *Browser) NewPage(t testing.TB) *Page {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	// As for the browser, the first Run binds the tab to ctx, so the
	// deadline is kept by bounded and not by a timeout context.
	if err := bounded(b.opts.StartTimeout, cancel, func() error { return chromedp.Do(ctx) }); err != nil {
		cancel()
		t.Fatalf("browser: open tab: %v", err)
	}
	t.Cleanup(cancel)
	return &Page{t: t, b: b, ctx: ctx}
}

// run runs a with a deadline and fails the test, naming what, on error.
func run[T any](p *Page, what string, a chromedp.Action[T]) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, p.b.opts.ActionTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		p.t.Fatalf("browser: %s: %v", what, err)
	}
	return v
}

// js evaluates expr (awaiting a promise) and decodes its JSON value into
// out, which may be nil to ignore it.
func (p *Page) js(what, expr string, out any) {
	p.t.Helper()
	raw := run(p, what, chromedp.Evaluate[[]byte](expr, chromedp.EvalAwaitPromise))
	if out == nil {
		return
	}
	if err := json.Unmarshal(raw, out); err != nil {
		p.t.Fatalf("browser: %s: decoding %s: %v", what, raw, err)
	}
}

// call builds an expression that calls the JS function fn with args
// encoded as JSON, so that selectors and values need no quoting by hand.
func call(fn string, args ...any) string {
	s := "(" + fn + ")("
	for i, a := range args {
		b, err := json.Marshal(a)
		if err != nil {
			panic(err) // only strings and string slices are passed
		}
		if i > 0 {
			s += ","
		}
		s += string(b)
	}
	return s + ")"
}

// first is the JS for the first element matching a selector, or a thrown
// error that names the selector.
const first = `function first(sel) {
	const e = document.querySelector(sel);
	if (e === null) throw new Error("no element matches " + sel);
	return e;
}`

// OpenFile loads the file at path (relative to the test's directory) and
// waits for its load event.
func (p *Page) OpenFile(path string) {
	p.t.Helper()
	u, err := absFileURL(path)
	if err != nil {
		p.t.Fatalf("browser: open %s: %v", path, err)
	}
	run(p, "open "+path, chromedp.Navigate(u))
}

// OpenHTML writes html to a file in a temporary directory of the test and
// loads it like [Page.OpenFile]; relative links in it resolve against that
// directory, so a document under test must be self-contained.
func (p *Page) OpenHTML(html string) {
	p.t.Helper()
	path := filepath.Join(p.t.TempDir(), "page.html")
	if err := os.WriteFile(path, []byte(html), 0o644); err != nil {
		p.t.Fatalf("browser: %v", err)
	}
	p.OpenFile(path)
}

// OpenURL loads url, waits for its load event and returns the HTTP status
// of the document (0 when the URL has none, such as file:). A status of 404
// or 500 is returned, not a failure; a network error fails the test.
func (p *Page) OpenURL(url string) int {
	p.t.Helper()
	resp := run(p, "open "+url, chromedp.NavigateResponse(url))
	if resp == nil {
		return 0
	}
	return int(resp.Status)
}

// Location returns the URL of the document now shown, after redirects.
func (p *Page) Location() string {
	p.t.Helper()
	return run(p, "location", chromedp.Location())
}

// Text returns the rendered text (innerText) of the first element matching
// the CSS selector, as a reader sees it: hidden elements left out, CSS
// text-transform applied. It fails the test when nothing matches.
func (p *Page) Text(selector string) string {
	p.t.Helper()
	var s string
	p.js("text of "+selector, call(`sel => (`+first+`)(sel).innerText`, selector), &s)
	return s
}

// HTML returns the serialised DOM of the whole document (outerHTML of the
// root element), as the browser parsed it.
func (p *Page) HTML() string {
	p.t.Helper()
	var s string
	p.js("html", `document.documentElement.outerHTML`, &s)
	return s
}

// Count returns how many elements match the CSS selector; an invalid
// selector fails the test.
func (p *Page) Count(selector string) int {
	p.t.Helper()
	var n int
	p.js("count "+selector, call(`sel => document.querySelectorAll(sel).length`, selector), &n)
	return n
}

// Lang returns the lang attribute of the document's root element, "" if it
// has none.
func (p *Page) Lang() string {
	p.t.Helper()
	var s string
	p.js("lang", `document.documentElement.lang`, &s)
	return s
}

// Eval evaluates a JavaScript expression in the page, awaiting it if it is
// a promise, and decodes its JSON value into out (nil to ignore it). It is
// for the checks that no other method makes, such as a computed style.
func (p *Page) Eval(expr string, out any) {
	p.t.Helper()
	p.js("eval", expr, out)
}

// WaitVisible waits until an element matching the CSS selector is visible,
// up to Options.ActionTimeout.
func (p *Page) WaitVisible(selector string) {
	p.t.Helper()
	run(p, "wait visible "+selector, chromedp.WaitVisible(chromedp.CSS(selector)))
}

// mustExist fails the test at once when nothing matches selector, so that a
// chromedp action that would wait for the element does not wait in vain.
func (p *Page) mustExist(what, selector string) {
	p.t.Helper()
	p.js(what, call(`sel => { (`+first+`)(sel); return null }`, selector), nil)
}

// Fill sets the value of the input, textarea or select matching the
// selector and fires its input and change events. It fails the test when
// the element does not take the value exactly (a select without that
// option, a number field given text), and for checkboxes, radios and file
// inputs: use [Page.Click] and [Page.SetUploadFiles] for those.
func (p *Page) Fill(selector, value string) {
	p.t.Helper()
	p.js("fill "+selector, call(`(sel, v) => {
		const e = (`+first+`)(sel);
		if (!("value" in e) || ["checkbox", "radio", "file"].includes(e.type))
			throw new Error(sel + " is not a text field or a select");
		e.focus();
		e.value = v;
		e.dispatchEvent(new Event("input", {bubbles: true}));
		e.dispatchEvent(new Event("change", {bubbles: true}));
		if (e.value !== v) throw new Error(sel + " holds " + JSON.stringify(e.value) + ", not " + JSON.stringify(v));
		return null;
	}`, selector, value), nil)
}

// Click clicks the centre of the first element matching the selector with
// the mouse, as a user would, once it is visible. It does not wait for any
// navigation the click causes; [Page.Submit] does.
func (p *Page) Click(selector string) {
	p.t.Helper()
	p.mustExist("click "+selector, selector)
	run(p, "click "+selector, chromedp.Click(chromedp.CSS(selector)))
}

// Submit clicks the element matching the selector — a form's submit button,
// so that its name and value are sent as a user's click sends them, or a
// link — waits for the page that loads and returns its HTTP status. A click
// that loads no page fails the test after Options.ActionTimeout.
func (p *Page) Submit(selector string) int {
	p.t.Helper()
	p.mustExist("submit "+selector, selector)
	ctx, cancel := context.WithTimeout(p.ctx, p.b.opts.ActionTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(selector)))
	if err != nil {
		p.t.Fatalf("browser: submit %s: %v", selector, err)
	}
	if resp == nil {
		return 0
	}
	return int(resp.Status)
}

// SetUploadFiles puts the files at paths into the file input matching the
// selector, as if the user had chosen them; the next submit sends them.
func (p *Page) SetUploadFiles(selector string, paths ...string) {
	p.t.Helper()
	abs := make([]string, len(paths))
	for i, path := range paths {
		a, err := filepath.Abs(path)
		if err != nil {
			p.t.Fatalf("browser: upload %s: %v", path, err)
		}
		if _, err := os.Stat(a); err != nil {
			p.t.Fatalf("browser: upload: %v", err)
		}
		abs[i] = a
	}
	p.mustExist("upload to "+selector, selector)
	run(p, "upload to "+selector, chromedp.SetUploadFiles(chromedp.CSS(selector), abs))
}

// Download is a file the browser saved (see [Page.Download]).
type Download struct {
	// Name is the file name the server or the link suggested.
	Name string
	// URL is where the file came from.
	URL string
	// Path is where the browser saved it, inside [Browser.DownloadDir].
	Path string
	// Data is the content of the saved file.
	Data []byte
}

// Download runs trigger (typically a [Page.Click] on a download link or
// button), waits until the download it starts in this tab completes, and
// returns the saved file. It fails the test when no download starts, or it
// is cancelled, within Options.ActionTimeout.
func (p *Page) Download(trigger func()) Download {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, p.b.opts.ActionTimeout)
	defer cancel()
	// Subscribe before the trigger, so that no event is missed.
	begins := chromedp.BrowserEvents(ctx, cdpbrowser.DownloadWillBegin)
	progress := chromedp.BrowserEvents(ctx, cdpbrowser.DownloadProgress)
	trigger()

	// The main frame of a tab has the id of its target; matching on it
	// keeps parallel tests from taking each other's downloads.
	frame := cdp.FrameID(chromedp.FromContext(p.ctx).Target.TargetID)
	var begin cdpbrowser.EventDownloadWillBegin
	for ev, err := range begins {
		if err != nil {
			p.t.Fatalf("browser: download: no download started: %v", err)
		}
		if ev.FrameID == frame {
			begin = ev
			break
		}
	}
	d := Download{Name: begin.SuggestedFilename, URL: begin.URL, Path: filepath.Join(p.b.downloads, begin.GUID)}
	for ev, err := range progress {
		if err != nil {
			p.t.Fatalf("browser: download %s: not completed: %v", d.URL, err)
		}
		if ev.GUID != begin.GUID {
			continue
		}
		if ev.State == cdpbrowser.DownloadProgressStateCanceled {
			p.t.Fatalf("browser: download %s: cancelled", d.URL)
		}
		if ev.State == cdpbrowser.DownloadProgressStateCompleted {
			if ev.FilePath != "" {
				d.Path = ev.FilePath
			}
			break
		}
	}
	data, err := os.ReadFile(d.Path)
	if err != nil {
		p.t.Fatalf("browser: download %s: %v", d.URL, err)
	}
	d.Data = data
	return d
}

// waitFonts waits until the fonts the page uses are loaded, so that a
// screenshot or a PDF does not catch a fallback font mid-swap.
func (p *Page) waitFonts() {
	p.t.Helper()
	p.js("wait for fonts", `document.fonts.ready.then(() => null)`, nil)
}

// Screenshot returns a PNG of the whole page, beyond the 1280×1024 window
// when the page is longer.
func (p *Page) Screenshot() []byte {
	p.t.Helper()
	p.waitFonts()
	return run(p, "screenshot", chromedp.FullScreenshot(100))
}

// A4 is the sheet the documents are printed on, in inches as the browser
// takes it: exactly 210 × 297 mm (chromedp's PaperA4 is rounded to 8.27 ×
// 11.69 in).
var A4 = chromedp.PaperSize{Width: 210 / 25.4, Height: 297 / 25.4}

// PrintPDF prints the page as the print dialog would to a PDF, on A4
// portrait unless the document's @page rule sets a size
// (preferCSSPageSize), with backgrounds, with no browser header or footer,
// and with no margins of the browser's own, so that the document's @page
// margins alone decide the layout. It returns the PDF bytes.
func (p *Page) PrintPDF() []byte {
	p.t.Helper()
	p.waitFonts()
	return run(p, "print to PDF", chromedp.PrintToPDF(
		chromedp.PDFPaper(A4),
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground(),
		chromedp.PDFMargin(0),
	))
}
