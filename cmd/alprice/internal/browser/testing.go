package browser

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"testing"
)

// RequiredEnv is the environment variable that, set to "required", turns a
// missing Chromium from a skip into a failure. CI sets it, so that browser
// tests cannot pass by not running.
const RequiredEnv = "ALPRICE_BROWSER"

// shared is the one browser of a test binary that uses Main. It is package
// state because TestMain and the tests share nothing else: Main owns its
// life, Start only borrows it.
var shared struct {
	mu      sync.Mutex
	enabled bool // Main is running the tests
	started bool
	b       *Browser
	err     error
}

// Main runs the tests of m with one browser shared by all of them, started
// by the first [Start] and killed when the tests end, and returns the exit
// code for os.Exit. A failure to clean up the browser fails the run.
//
//	func TestMain(m *testing.M) { os.Exit(browser.Main(m)) }
func Main(m *testing.M) int {
	shared.mu.Lock()
	shared.enabled = true
	shared.mu.Unlock()

	code := m.Run()

	shared.mu.Lock()
	defer shared.mu.Unlock()
	shared.enabled = false
	if shared.b != nil {
		if err := shared.b.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "browser: close:", err)
			if code == 0 {
				code = 1
			}
		}
		shared.b = nil
	}
	return code
}

// Start returns a running browser for t: the binary's shared one when the
// tests run under [Main], else a browser of t's own that is killed when t
// ends. When no Chromium is installed it skips t, or fails it when
// ALPRICE_BROWSER=required. Any other failure to start fails t.
func Start(t testing.TB) *Browser {
	t.Helper()
	b, err := start(t)
	if err != nil {
		report(t, err)
	}
	return b
}

// report skips t for a missing Chromium, unless ALPRICE_BROWSER=required,
// and fails it for any other error.
func report(t testing.TB, err error) {
	t.Helper()
	if errors.Is(err, ErrNoChromium) && os.Getenv(RequiredEnv) != "required" {
		t.Skipf("browser: %v (set %s=required to fail instead)", err, RequiredEnv)
	}
	t.Fatalf("browser: %v", err)
}

func start(t testing.TB) (*Browser, error) {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if !shared.enabled {
		b, err := New(context.Background(), Options{})
		if err != nil {
			return nil, err
		}
		t.Cleanup(func() {
			if err := b.Close(); err != nil {
				t.Errorf("browser: close: %v", err)
			}
		})
		return b, nil
	}
	// Started once: a browser that failed to start is not retried for
	// every test, each test reports the same error.
	if !shared.started {
		shared.started = true
		shared.b, shared.err = New(context.Background(), Options{})
	}
	return shared.b, shared.err
}
