// Package browser drives a headless Chromium for the tests of alprice's HTML
// documents and of its local web page, so that what a user would see — text,
// printed A4 pages, pixels, forms, uploads and downloads — is checked in a
// real browser and not only as HTML text.
//
// A test package starts one browser for the whole test binary and opens a
// new tab for each test:
//
//	func TestMain(m *testing.M) { os.Exit(browser.Main(m)) }
//
//	func TestStatement(t *testing.T) {
//		p := browser.Start(t).NewPage(t)
//		p.OpenFile("testdata/statement.html")
//		if got := p.Lang(); got != "zh-CN" { ... }
//		if n := browser.PDFPages(p.PrintPDF()); n != 2 { ... }
//		if err := browser.NotBlank(p.Screenshot()); err != nil { ... }
//	}
//
// [Start] skips the test when no Chromium is installed, unless the
// environment has ALPRICE_BROWSER=required, as CI sets it: there a missing
// browser is a failure. ALPRICE_CHROMIUM names the executable to use.
// Chinese text needs a CJK font on the machine (Debian: fonts-noto-cjk);
// without one it renders as boxes and TestChineseRenders fails.
//
// Every action of a [Page] has a deadline ([Options.ActionTimeout]), so a
// test never hangs on a page that does not answer, and the browser process
// is killed when the test (or, with [Main], the binary) ends, also after a
// failure. The kernel kills it too if the test binary dies (a panic, or
// go test -timeout): the process is started with a parent-death signal.
//
// Files:
//   - browser.go: finding Chromium, starting and closing it ([New], [Browser]).
//   - testing.go: the test helpers [Start] and [Main].
//   - page.go: a tab and its actions ([Page]): open, read the DOM, fill and
//     submit forms, upload, download, screenshot, print to PDF.
//   - check.go: checks on the bytes a page returns ([NotBlank], [Ink],
//     [PDFPages], [PDFPageSizes]); they need no browser.
//   - print.go: what one printed page holds ([Page.PrintPDFPages],
//     [PDFHasText]) and a scaled picture of an element ([Page.ScreenshotOf]).
//   - browser_test.go: the harness tested against pages it writes or serves
//     from a loopback server.
package browser

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// ErrNoChromium is returned by [FindChromium] and [New] when no Chromium
// executable is installed; [Start] turns it into a skip.
var ErrNoChromium = errors.New("no Chromium found (install the Debian package chromium, or set ALPRICE_CHROMIUM)")

// candidates are tried in order by FindChromium: Debian's package first,
// because it is what CI installs.
var candidates = []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"}

// FindChromium returns the path of the Chromium executable to use: the
// value of ALPRICE_CHROMIUM when set (an error if it is not an executable),
// else the first of /usr/bin/chromium, chromium, chromium-browser and
// google-chrome found on PATH, else [ErrNoChromium].
func FindChromium() (string, error) {
	if p := os.Getenv("ALPRICE_CHROMIUM"); p != "" {
		found, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("ALPRICE_CHROMIUM: %w", err)
		}
		return found, nil
	}
	for _, c := range candidates {
		if found, err := exec.LookPath(c); err == nil {
			return found, nil
		}
	}
	return "", ErrNoChromium
}

// Options configure [New]. The zero value is ready to use.
type Options struct {
	// ExecPath is the Chromium executable; empty means [FindChromium].
	ExecPath string
	// StartTimeout bounds the start of the browser and the opening of a
	// tab; zero means 60 seconds (a cold start on a busy 2-core CI guest
	// has been seen to take several seconds).
	StartTimeout time.Duration
	// ActionTimeout bounds every action of a [Page]; zero means 30 seconds.
	ActionTimeout time.Duration
}

func (o Options) withDefaults() Options {
	if o.StartTimeout == 0 {
		o.StartTimeout = 60 * time.Second
	}
	if o.ActionTimeout == 0 {
		o.ActionTimeout = 30 * time.Second
	}
	return o
}

// Browser is one running headless Chromium. Its tabs ([Browser.NewPage])
// may be used from parallel tests; a single [Page] may not.
type Browser struct {
	opts        Options
	ctx         context.Context // the browser's root chromedp context
	cancel      context.CancelFunc
	allocCancel context.CancelFunc
	downloads   string // where downloads land, named by their GUID
	pid         int
}

// New starts Chromium headless with a fresh, empty profile directory that is
// deleted when the browser ends, and with downloads allowed into a temporary
// directory of its own. It returns [ErrNoChromium] (wrapped) when no
// executable is found, and an error when the browser does not start within
// Options.StartTimeout. ctx bounds the life of the browser; [Browser.Close]
// ends it sooner. The caller must call Close.
func New(ctx context.Context, opts Options) (*Browser, error) {
	opts = opts.withDefaults()
	if opts.ExecPath == "" {
		p, err := FindChromium()
		if err != nil {
			return nil, err
		}
		opts.ExecPath = p
	}
	downloads, err := os.MkdirTemp("", "alprice-downloads-")
	if err != nil {
		return nil, fmt.Errorf("start browser: %w", err)
	}

	// chromedp's defaults give --headless and a fresh --user-data-dir that
	// it removes after the process and its children are gone. The network
	// flags are repeated here so that the whole list this closed network
	// needs is in one place: without them Chromium keeps dialling Google's
	// hosts and the machine refuses it. CI runs as root, where the sandbox
	// cannot start.
	allocOpts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(opts.ExecPath),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		// A fixed window makes screenshots the same size on every machine.
		chromedp.WindowSize(1280, 1024),
		// Scrollbars would be pixels that depend on the content length.
		chromedp.Flag("hide-scrollbars", true),
	)
	allocCtx, allocCancel := chromedp.NewExecAllocator(ctx, allocOpts...)
	bctx, cancel := chromedp.NewContext(allocCtx)
	b := &Browser{opts: opts, ctx: bctx, cancel: cancel, allocCancel: allocCancel, downloads: downloads}

	// The first Run starts the process and binds it to bctx, so it must
	// not run under a timeout context; bounded gives it a deadline anyway.
	err = bounded(opts.StartTimeout, cancel, func() error {
		if err := chromedp.Do(bctx); err != nil {
			return err
		}
		_, err := chromedp.CallBrowser(bctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
			// allowAndName names each file by its GUID, so parallel tests
			// downloading the same file name never overwrite each other.
			Behavior:      cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName,
			DownloadPath:  downloads,
			EventsEnabled: new(true),
		})
		return err
	})
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("start browser %s: %w", opts.ExecPath, err)
	}
	if proc := chromedp.FromContext(bctx).Browser.Process(); proc != nil {
		b.pid = proc.Pid
	}
	return b, nil
}

// Close kills the browser process and its children, waits for them, and
// deletes the profile and download directories. It is safe to call more
// than once. The error is that of removing the directories.
func (b *Browser) Close() error {
	// Cancelling the root context kills the process (SIGKILL): the profile
	// is thrown away, so there is nothing to close gracefully, and a
	// graceful close is what hangs when a page misbehaves.
	b.cancel()
	b.allocCancel() // waits until the process is reaped and its dir removed
	return os.RemoveAll(b.downloads)
}

// PID returns the process id of the browser, or 0 if it is not known; tests
// use it to check that Close really ends the process.
func (b *Browser) PID() int { return b.pid }

// DownloadDir returns the directory where downloads land, each file named by
// the browser's GUID for it (see [Page.Download]).
func (b *Browser) DownloadDir() string { return b.downloads }

// bounded runs f and returns its error, or a timeout error after d, when it
// calls cancel so that f (which must stop when cancel is called) returns.
func bounded(d time.Duration, cancel func(), f func() error) error {
	done := make(chan error, 1)
	go func() { done <- f() }()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case err := <-done:
		return err
	case <-timer.C:
		cancel()
		<-done
		return fmt.Errorf("timed out after %v", d)
	}
}

// absFileURL turns a path into a file:// URL for the browser.
func absFileURL(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(abs); err != nil {
		return "", err
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(), nil
}
