package browser

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestMain(m *testing.M) { os.Exit(Main(m)) }

// page opens a tab of the shared browser for a parallel test.
func page(t *testing.T) *Page {
	t.Helper()
	t.Parallel()
	return Start(t).NewPage(t)
}

// a4Doc is a document printed on A4 whose body is given.
func a4Doc(style, body string) string {
	return `<!doctype html><html lang="en"><meta charset="utf-8"><style>
@page { size: A4; margin: 15mm }
body { margin: 0; font: 12pt sans-serif }
` + style + `</style><body>` + body + `</body></html>`
}

func TestForcedPageBreakPrintsTwoA4Pages(t *testing.T) {
	p := page(t)
	for _, tc := range []struct {
		name  string
		style string
		pages int
	}{
		{"without the break", "", 1},
		{"with the break", ".second { page-break-before: always }", 2},
	} {
		p.OpenHTML(a4Doc(tc.style, `<h1>Settlement</h1><p class="second">Signatures</p>`))
		pdf := p.PrintPDF()
		if got := PDFPages(pdf); got != tc.pages {
			t.Errorf("%s: %d pages, want %d", tc.name, got, tc.pages)
		}
		for i, s := range PDFPageSizes(pdf) {
			if !s.IsA4() {
				t.Errorf("%s: page %d is %.1f×%.1f mm, want A4", tc.name, i+1, s.WidthMM, s.HeightMM)
			}
		}
	}
}

func TestLongTableFlowsAcrossPages(t *testing.T) {
	p := page(t)
	var rows strings.Builder
	for i := range 120 {
		fmt.Fprintf(&rows, "<tr><td>2026-03-%02d</td><td>%d</td><td>18750.50</td></tr>", i%28+1, i)
	}
	p.OpenHTML(a4Doc(`thead { display: table-header-group } tr { break-inside: avoid }`,
		`<table><thead><tr><th>日期</th><th>No.</th><th>Price</th></tr></thead><tbody>`+rows.String()+`</tbody></table>`))
	if n := p.Count("tbody tr"); n != 120 {
		t.Fatalf("%d rows in the DOM, want 120", n)
	}
	pdf := p.PrintPDF()
	sizes := PDFPageSizes(pdf)
	t.Logf("120 rows: %d pages", len(sizes))
	if len(sizes) < 2 {
		t.Errorf("a 120-row table printed on %d page(s), want it to flow onto 2 or more", len(sizes))
	}
	for i, s := range sizes {
		if !s.IsA4() {
			t.Errorf("page %d is %.1f×%.1f mm, want A4", i+1, s.WidthMM, s.HeightMM)
		}
	}
}

func TestScreenshotNotBlank(t *testing.T) {
	p := page(t)
	p.OpenHTML(`<!doctype html><html><body style="background:#fff"></body></html>`)
	if err := NotBlank(p.Screenshot()); err == nil {
		t.Error("NotBlank passed the screenshot of an empty white page")
	}
	p.OpenHTML(`<!doctype html><html><body><p>Price notice</p></body></html>`)
	if err := NotBlank(p.Screenshot()); err != nil {
		t.Errorf("screenshot of a page with text: %v", err)
	}
}

func TestNotBlankOnImages(t *testing.T) {
	encode := func(img image.Image) []byte {
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	filled := func(c color.Color, ink int) []byte {
		img := image.NewRGBA(image.Rect(0, 0, 100, 100))
		for y := range 100 {
			for x := range 100 {
				img.Set(x, y, c)
			}
		}
		for i := range ink { // a dark stroke, away from the top-left pixel
			img.Set(10+i%80, 50+i/80, color.Black)
		}
		return encode(img)
	}
	for _, tc := range []struct {
		name    string
		png     []byte
		isBlank bool
	}{
		{"white", filled(color.White, 0), true},
		{"one colour, not white", filled(color.RGBA{200, 30, 30, 255}, 0), true},
		{"a few stray pixels", filled(color.White, minInk-1), true},
		{"a word's worth of ink", filled(color.White, minInk), false},
		{"ink on a coloured background", filled(color.RGBA{0, 0, 120, 255}, 400), false},
		{"not a PNG", []byte("<html>"), true},
	} {
		err := NotBlank(tc.png)
		if (err != nil) != tc.isBlank {
			t.Errorf("%s: NotBlank = %v, want blank %v", tc.name, err, tc.isBlank)
		}
	}
}

func TestPDFPagesOnHandWrittenPDF(t *testing.T) {
	// The shape Skia writes: page objects, then the page tree.
	pdf := []byte("%PDF-1.4\n1 0 obj\n<</Type /Page\n/MediaBox [0 0 594.95996 841.91998]>>\nendobj\n" +
		"2 0 obj\n<</Type/Page/MediaBox [0 0 841.92 594.96]>>\nendobj\n" +
		"3 0 obj\n<</Type /Pages\n/Count 2\n/Kids [1 0 R 2 0 R]>>\nendobj\n")
	if n := PDFPages(pdf); n != 2 {
		t.Errorf("PDFPages = %d, want 2 (the /Pages tree is not a page)", n)
	}
	sizes := PDFPageSizes(pdf)
	if len(sizes) != 2 || !sizes[0].IsA4() || sizes[1].IsA4() {
		t.Errorf("PDFPageSizes = %v, want A4 portrait then A4 landscape (not IsA4)", sizes)
	}
}

func TestLangAndChineseText(t *testing.T) {
	p := page(t)
	p.OpenHTML(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><body><h1>结算单</h1><p id="a">价</p><p id="b">格</p></body></html>`)
	if got := p.Lang(); got != "zh-CN" {
		t.Errorf("Lang() = %q, want zh-CN", got)
	}
	if got := p.Text("h1"); got != "结算单" {
		t.Errorf("Text(h1) = %q, want 结算单", got)
	}
}

// TestChineseRenders fails when no installed font covers Chinese: each
// missing glyph is then drawn as the same empty box ("tofu"), so two
// different characters, placed at the same whole-pixel offsets in boxes of
// the same size, ink the same pixels.
func TestChineseRenders(t *testing.T) {
	p := page(t)
	p.OpenHTML(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><style>
body { margin: 0; font: 64px sans-serif }
span { position: absolute; top: 0; width: 100px; height: 100px; line-height: 100px; overflow: hidden }
</style><body><span id="a" style="left: 0">价</span><span id="b" style="left: 200px">格</span></body></html>`)
	img, err := png.Decode(bytes.NewReader(p.Screenshot()))
	if err != nil {
		t.Fatal(err)
	}
	var dpr float64
	p.Eval(`devicePixelRatio`, &dpr)
	box := func(left int) image.Image {
		s := func(v int) int { return int(float64(v) * dpr) }
		return img.(interface {
			SubImage(image.Rectangle) image.Image
		}).SubImage(image.Rect(s(left), 0, s(left+100), s(100)))
	}
	a, b := box(0), box(200)
	if Ink(a) < minInk || Ink(b) < minInk {
		t.Fatalf("the characters drew %d and %d pixels, want each at least %d", Ink(a), Ink(b), minInk)
	}
	if d := inkDiff(a, b); d < minInk {
		t.Errorf("价 and 格 ink the same pixels but %d: they render as the same box, no font for Chinese is installed (Debian: fonts-noto-cjk)", d)
	}
}

// inkDiff counts the positions where one of two images of the same size
// has ink (see [Ink]) and the other has not.
func inkDiff(a, b image.Image) int {
	ra, rb := a.Bounds(), b.Bounds()
	bgA, bgB := a.At(ra.Min.X, ra.Min.Y), b.At(rb.Min.X, rb.Min.Y)
	n := 0
	for y := range min(ra.Dy(), rb.Dy()) {
		for x := range min(ra.Dx(), rb.Dx()) {
			if isInk(a.At(ra.Min.X+x, ra.Min.Y+y), bgA) != isInk(b.At(rb.Min.X+x, rb.Min.Y+y), bgB) {
				n++
			}
		}
	}
	return n
}

// server is the loopback stand-in for `alprice serve`: a form, an upload
// and a download, rendered on the server with no JavaScript.
type server struct {
	*httptest.Server
	mu       sync.Mutex
	uploaded []byte
	name     string
}

var csvFile = []byte("date,price\n2026-03-02,18750.50\n")

func newServer(t *testing.T) *server {
	s := &server{}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /form", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><body>
<form method="post" action="/quote">
<input name="price" id="price"><select name="grade" id="grade"><option>A00</option><option>A00+</option></select>
<button name="action" value="confirm" id="go">确认</button><button name="action" value="cancel">取消</button>
</form></body></html>`)
	})
	mux.HandleFunc("POST /quote", func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.WriteHeader(http.StatusCreated)
		fmt.Fprintf(w, `<!doctype html><p id="got">%s</p>`, html.EscapeString(
			r.PostForm.Get("price")+"|"+r.PostForm.Get("grade")+"|"+r.PostForm.Get("action")))
	})
	mux.HandleFunc("GET /upload", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<!doctype html><form method="post" action="/upload" enctype="multipart/form-data">
<input type="file" name="deliveries" id="file"><button id="send">Send</button></form>`)
	})
	mux.HandleFunc("POST /upload", func(w http.ResponseWriter, r *http.Request) {
		f, h, err := r.FormFile("deliveries")
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		data, err := io.ReadAll(f)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		s.mu.Lock()
		s.uploaded, s.name = data, h.Filename
		s.mu.Unlock()
		fmt.Fprintf(w, `<!doctype html><p id="size">%d</p>`, len(data))
	})
	mux.HandleFunc("GET /export", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<!doctype html><a id="csv" href="/export.csv">CSV</a>`)
	})
	mux.HandleFunc("GET /export.csv", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/csv")
		w.Header().Set("Content-Disposition", `attachment; filename="quotes-2026-03.csv"`)
		w.Write(csvFile)
	})
	stop := make(chan struct{})
	mux.HandleFunc("GET /hang", func(w http.ResponseWriter, r *http.Request) {
		select { // never answers while the test waits
		case <-r.Context().Done():
		case <-stop:
		}
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	// Cleanups run last-registered first: release /hang before Close waits
	// for it.
	t.Cleanup(func() { close(stop) })
	return s
}

func TestFormPostRoundTrip(t *testing.T) {
	p := page(t)
	s := newServer(t)
	if status := p.OpenURL(s.URL + "/form"); status != http.StatusOK {
		t.Fatalf("GET /form: status %d", status)
	}
	p.Fill("#price", "18750.50")
	p.Fill("#grade", "A00+")
	if status := p.Submit("#go"); status != http.StatusCreated {
		t.Errorf("POST /quote: status %d, want 201", status)
	}
	if got, want := p.Text("#got"), "18750.50|A00+|confirm"; got != want {
		t.Errorf("server received %q, want %q", got, want)
	}
	if got := p.Location(); got != s.URL+"/quote" {
		t.Errorf("Location() = %q, want %s/quote", got, s.URL)
	}
}

func TestUploadReachesServer(t *testing.T) {
	p := page(t)
	s := newServer(t)
	data := make([]byte, 70_000) // binary, and more than one network read
	rand.Read(data)
	path := filepath.Join(t.TempDir(), "deliveries-2026-03.csv")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	p.OpenURL(s.URL + "/upload")
	p.SetUploadFiles("#file", path)
	if status := p.Submit("#send"); status != http.StatusOK {
		t.Fatalf("POST /upload: status %d", status)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !bytes.Equal(s.uploaded, data) || s.name != "deliveries-2026-03.csv" {
		t.Errorf("server received %d bytes named %q, want the %d bytes of deliveries-2026-03.csv", len(s.uploaded), s.name, len(data))
	}
}

func TestDownloadLandsInDownloadDir(t *testing.T) {
	p := page(t)
	s := newServer(t)
	p.OpenURL(s.URL + "/export")
	d := p.Download(func() { p.Click("#csv") })
	if !bytes.Equal(d.Data, csvFile) {
		t.Errorf("downloaded %q, want %q", d.Data, csvFile)
	}
	if d.Name != "quotes-2026-03.csv" {
		t.Errorf("suggested name %q, want quotes-2026-03.csv", d.Name)
	}
	if filepath.Dir(d.Path) != p.b.DownloadDir() {
		t.Errorf("saved at %s, want inside %s", d.Path, p.b.DownloadDir())
	}
}

// recorder stands in for a test so that a failing step can be observed:
// its Fatalf and Skipf record the message and end only the goroutine of
// [outcome], as the real ones end a test.
type recorder struct {
	testing.TB
	fatal, skip string
}

func (r *recorder) Helper() {}
func (r *recorder) Fatalf(format string, args ...any) {
	r.fatal = fmt.Sprintf(format, args...)
	runtime.Goexit()
}
func (r *recorder) Skipf(format string, args ...any) {
	r.skip = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// outcome runs step as a test would and returns what failed or skipped it.
func outcome(t *testing.T, step func(tb testing.TB)) (fatal, skip string) {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		step(r)
	}()
	<-done
	return r.fatal, r.skip
}

func TestFailuresAreQuickAndNamed(t *testing.T) {
	t.Parallel()
	b := Start(t)
	s := newServer(t)
	// A browser of the test's own options, sharing the process: only the
	// deadline differs.
	short := &Browser{opts: Options{StartTimeout: b.opts.StartTimeout, ActionTimeout: time.Second}, ctx: b.ctx, downloads: b.downloads}
	for _, tc := range []struct {
		name string
		step func(p *Page)
		want string
		max  time.Duration
	}{
		{"missing element", func(p *Page) { p.OpenHTML("<p>x</p>"); p.Text("#nope") }, "no element matches #nope", 500 * time.Millisecond},
		{"select without the option", func(p *Page) {
			p.OpenHTML(`<select id="g"><option>A00</option></select>`)
			p.Fill("#g", "A99")
		}, `#g holds "", not "A99"`, 500 * time.Millisecond},
		{"checkbox", func(p *Page) { p.OpenHTML(`<input type="checkbox" id="c">`); p.Fill("#c", "on") }, "not a text field", 500 * time.Millisecond},
		{"page that never answers", func(p *Page) { p.OpenURL(s.URL + "/hang") }, "deadline exceeded", 3 * time.Second},
		{"click that loads nothing", func(p *Page) { p.OpenHTML(`<button id="b">x</button>`); p.Submit("#b") }, "deadline exceeded", 3 * time.Second},
		{"no download", func(p *Page) { p.OpenHTML(`<p id="x">x</p>`); p.Download(func() { p.Click("#x") }) }, "no download started", 3 * time.Second},
	} {
		var took time.Duration
		fatal, _ := outcome(t, func(tb testing.TB) {
			p := short.NewPage(tb)
			start := time.Now()
			defer func() { took = time.Since(start) }()
			tc.step(p)
		})
		if !strings.Contains(fatal, tc.want) {
			t.Errorf("%s: failed with %q, want it to mention %q", tc.name, fatal, tc.want)
		}
		if took > tc.max {
			t.Errorf("%s: took %v to fail, want under %v", tc.name, took, tc.max)
		}
	}
}

func TestMissingChromiumSkipsUnlessRequired(t *testing.T) {
	saved := candidates
	t.Cleanup(func() { candidates = saved })
	candidates = []string{filepath.Join(t.TempDir(), "no-chromium")}
	t.Setenv("ALPRICE_CHROMIUM", "")
	if _, err := FindChromium(); !errors.Is(err, ErrNoChromium) {
		t.Fatalf("FindChromium with nothing installed: %v, want ErrNoChromium", err)
	}
	for _, tc := range []struct {
		env, wantFatal, wantSkip string
	}{
		{"", "", "no Chromium found"},
		{"required", "no Chromium found", ""},
	} {
		t.Setenv(RequiredEnv, tc.env)
		fatal, skip := outcome(t, func(tb testing.TB) { report(tb, ErrNoChromium) })
		if !strings.Contains(fatal, tc.wantFatal) || !strings.Contains(skip, tc.wantSkip) || (fatal == "") == (skip == "") {
			t.Errorf("%s=%q: fatal %q, skip %q; want fatal %q, skip %q", RequiredEnv, tc.env, fatal, skip, tc.wantFatal, tc.wantSkip)
		}
	}
	// A browser that is there but broken is never a skip.
	t.Setenv(RequiredEnv, "")
	t.Setenv("ALPRICE_CHROMIUM", "/bin/false")
	_, err := New(t.Context(), Options{StartTimeout: 10 * time.Second})
	if err == nil || errors.Is(err, ErrNoChromium) {
		t.Fatalf("New with ALPRICE_CHROMIUM=/bin/false: %v, want a start failure", err)
	}
	fatal, skip := outcome(t, func(tb testing.TB) { report(tb, err) })
	if fatal == "" || skip != "" {
		t.Errorf("a broken browser: fatal %q, skip %q; want a failure", fatal, skip)
	}
}
