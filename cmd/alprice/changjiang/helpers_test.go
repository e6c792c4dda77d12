package changjiang

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// testVersion is the version the tests' clients name in their User-Agent.
const testVersion = "v1.2.3"

// wantUA is the User-Agent every request of a test client must carry.
const wantUA = "alprice/v1.2.3 (molten-aluminium pricing; quotes fetch)"

// testNow is 09:30 on Tuesday 4 August 2026 in Beijing.
var testNow = time.Date(2026, 8, 4, 1, 30, 0, 0, time.UTC)

// sleeps records the pauses a client asked for; it never really sleeps.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleeps) got() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// newTestClient returns a client of base with the test defaults (a 2 s
// timeout, the default pauses recorded, not slept, and testNow), changed
// by edit if not nil.
func newTestClient(t *testing.T, base string, edit func(*Options)) (*Client, *sleeps) {
	t.Helper()
	s := &sleeps{}
	o := Options{BaseURL: base, Timeout: 2 * time.Second, Version: testVersion, Sleep: s.sleep,
		Now: func() time.Time { return testNow }}
	if edit != nil {
		edit(&o)
	}
	c, err := New(o)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c, s
}

// readTestdata returns a fixture's bytes.
func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// server starts a loopback server of h that fails the test on a request
// without the User-Agent.
func server(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get("User-Agent"); got != wantUA {
			t.Errorf("%s %s: User-Agent %q, want %q", r.Method, r.URL, got, wantUA)
		}
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// asError returns err as an *Error, failing the test if it is not one.
func asError(t *testing.T, err error) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *changjiang.Error", err, err)
	}
	return e
}

// checkError checks err's kind, attempts and status, and that its text
// says the attempt count and nothing about retries when there were none.
func checkError(t *testing.T, err error, kind Kind, attempts, status int) *Error {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want kind %v", kind)
	}
	e := asError(t, err)
	if e.Kind != kind || e.Attempts != attempts || e.Status != status {
		t.Fatalf("error %q: kind %v, %d attempts, status %d; want %v, %d, %d", err, e.Kind, e.Attempts, e.Status, kind, attempts, status)
	}
	text := err.Error()
	if strings.Contains(strings.ToLower(text), "retr") {
		t.Errorf("error %q speaks of retries; it should give the attempt count", text)
	}
	switch {
	case attempts == 1 && !strings.Contains(text, "(1 attempt)"):
		t.Errorf("error %q does not say (1 attempt)", text)
	case attempts > 1 && !strings.Contains(text, "attempts)"):
		t.Errorf("error %q does not say the attempts", text)
	}
	return e
}
