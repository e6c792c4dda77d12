package browser

import (
	"testing"
)

// PDFHasText sees the text of a page, and none where it is hidden;
// PrintPDFPages prints the pages asked for only.
func TestPDFHasTextAndPages(t *testing.T) {
	p := page(t)
	p.OpenHTML(a4Doc(`.hidden { visibility: hidden } .next { break-before: page }`,
		`<p>first page</p><p class="next hidden">second page, hidden</p><p class="next">third page</p>`))
	all := p.PrintPDF()
	if n := PDFPages(all); n != 3 || !PDFHasText(all) {
		t.Fatalf("%d pages, text %v; want 3 pages with text", n, PDFHasText(all))
	}
	for page, want := range map[string]bool{"1": true, "2": false, "3": true} {
		pdf := p.PrintPDFPages(page)
		if n := PDFPages(pdf); n != 1 {
			t.Errorf("page %s: %d pages printed", page, n)
		}
		if got := PDFHasText(pdf); got != want {
			t.Errorf("page %s: text %v, want %v", page, got, want)
		}
	}
	if NotBlank(p.ScreenshotOf("body", 0.5)) != nil {
		t.Error("a screenshot of the body is blank")
	}
}
