package browser

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"

	"github.com/chromedp/chromedp"
)

// PrintPDFPages prints only the pages of ranges ("2", "3-4"), counted from
// 1, as [Page.PrintPDF] prints them all: a test asks what one page holds.
func (p *Page) PrintPDFPages(ranges string) []byte {
	p.t.Helper()
	p.waitFonts()
	return run(p, "print pages "+ranges+" to PDF", chromedp.PrintToPDF(
		chromedp.PDFPaper(A4),
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground(),
		chromedp.PDFMargin(0),
		chromedp.PDFPageRanges(ranges),
	))
}

// ScreenshotOf returns a PNG of the first element matching the CSS
// selector, scaled by scale (0.5 halves it): a small picture of a
// document, for its manual. scale is a float because chromedp's screenshot
// clip takes one: a picture's size, never money or weight.
func (p *Page) ScreenshotOf(selector string, scale float64) []byte {
	p.t.Helper()
	p.mustExist("screenshot", selector)
	p.waitFonts()
	return run(p, "screenshot of "+selector, chromedp.ScreenshotScale(chromedp.CSS(selector), scale))
}

// streamData matches the data of each stream object of a PDF.
var streamData = regexp.MustCompile(`(?s)stream\r?\n(.*?)\r?\nendstream`)

// textShown matches the PDF operators that show text (Tj, TJ, ' and ")
// after their string, literal or hex, or array.
var textShown = regexp.MustCompile(`(?:\)|\]|>)\s*(?:Tj|TJ|'|")`)

// PDFHasText reports whether a PDF as Chromium writes it shows any text:
// whether a content stream, inflated when it is compressed, holds a
// text-showing operator. Text made invisible (CSS visibility: hidden) is
// not drawn at all, so a test can ask whether an element lands on a page:
// print that page with everything else hidden.
func PDFHasText(pdf []byte) bool {
	for _, m := range streamData.FindAllSubmatch(pdf, -1) {
		data := m[1]
		if r, err := zlib.NewReader(bytes.NewReader(data)); err == nil {
			if inflated, err := io.ReadAll(io.LimitReader(r, 64<<20)); err == nil {
				data = inflated
			}
		}
		if textShown.Match(data) {
			return true
		}
	}
	return false
}
