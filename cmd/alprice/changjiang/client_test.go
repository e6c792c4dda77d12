package changjiang

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestNew(t *testing.T) {
	ok := Options{BaseURL: "https://www.ccmn.cn/", Timeout: 20 * time.Second, Version: "v1.4.0"}
	with := func(edit func(*Options)) Options { o := ok; edit(&o); return o }
	tests := []struct {
		name  string
		o     Options
		field string // "" when valid
	}{
		{"the site", ok, ""},
		{"no trailing slash", with(func(o *Options) { o.BaseURL = "https://www.ccmn.cn" }), ""},
		{"a mirror with a port and a path", with(func(o *Options) { o.BaseURL = "http://mirror.local:8080/ccmn/" }), ""},
		{"user info", with(func(o *Options) { o.BaseURL = "http://alice:s3cret@mirror.local/" }), ""},
		{"no retries", with(func(o *Options) { o.Pauses = []time.Duration{} }), ""},
		{"empty", with(func(o *Options) { o.BaseURL = "" }), "BaseURL"},
		{"no scheme", with(func(o *Options) { o.BaseURL = "www.ccmn.cn" }), "BaseURL"},
		{"ftp", with(func(o *Options) { o.BaseURL = "ftp://www.ccmn.cn/" }), "BaseURL"},
		{"no host", with(func(o *Options) { o.BaseURL = "http:///cjxh.shtml" }), "BaseURL"},
		{"only a port", with(func(o *Options) { o.BaseURL = "http://:8080/" }), "BaseURL"},
		{"opaque", with(func(o *Options) { o.BaseURL = "http:www.ccmn.cn" }), "BaseURL"},
		{"a query", with(func(o *Options) { o.BaseURL = "https://www.ccmn.cn/?a=1" }), "BaseURL"},
		{"a fragment", with(func(o *Options) { o.BaseURL = "https://www.ccmn.cn/#top" }), "BaseURL"},
		{"unparsable, with a password", with(func(o *Options) { o.BaseURL = "http://alice:s3cret@mir ror/" }), "BaseURL"},
		{"zero timeout", with(func(o *Options) { o.Timeout = 0 }), "Timeout"},
		{"negative timeout", with(func(o *Options) { o.Timeout = -time.Second }), "Timeout"},
		{"no version", with(func(o *Options) { o.Version = "" }), "Version"},
		{"version of two words", with(func(o *Options) { o.Version = "1.4 beta" }), "Version"},
		{"negative size limit", with(func(o *Options) { o.MaxBody = -1 }), "MaxBody"},
		{"negative pause", with(func(o *Options) { o.Pauses = []time.Duration{time.Second, -time.Second} }), "Pauses"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(tt.o)
			if tt.field == "" {
				if err != nil || c == nil {
					t.Fatalf("New: %v", err)
				}
				return
			}
			e := asError(t, err)
			if e.Kind != KindOptions || e.Field != tt.field || c != nil {
				t.Errorf("error %q: kind %v field %q, want options %q", err, e.Kind, e.Field, tt.field)
			}
			if strings.Contains(err.Error(), "s3cret") || strings.Contains(err.Error(), "alice") {
				t.Errorf("error %q shows the user info", err)
			}
		})
	}
}

// TestRequests drives one request (a history page's GET) against servers
// that misbehave, each in its own way.
func TestRequests(t *testing.T) {
	page := []byte("<html><table><tr><td>A00铝</td></tr></table></html>")
	big := bytes.Repeat([]byte("<table>"), 1<<16) // 448 KiB
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		_, _ = zw.Write(b)
		_ = zw.Close()
		return buf.Bytes()
	}
	tests := []struct {
		name     string
		handler  func(n int32, w http.ResponseWriter, r *http.Request) // n counts requests from 1
		edit     func(*Options)
		kind     Kind // 0: success, the body is page
		attempts int
		status   int
		sleeps   []time.Duration
	}{
		{name: "200", handler: func(_ int32, w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(page) }},
		{name: "503, 502, then 200", handler: func(n int32, w http.ResponseWriter, _ *http.Request) {
			if n < 3 {
				http.Error(w, "busy", []int{503, 502}[n-1])
				return
			}
			_, _ = w.Write(page)
		}, sleeps: []time.Duration{time.Second, 2 * time.Second}},
		{name: "500 for ever", handler: func(_ int32, w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "internal error", http.StatusInternalServerError)
		}, kind: KindStatus, attempts: 3, status: 500, sleeps: []time.Duration{time.Second, 2 * time.Second}},
		{name: "500 with other pauses", handler: func(_ int32, w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "internal error", http.StatusInternalServerError)
		}, edit: func(o *Options) { o.Pauses = []time.Duration{10 * time.Millisecond} },
			kind: KindStatus, attempts: 2, status: 500, sleeps: []time.Duration{10 * time.Millisecond}},
		{name: "500 without retries", handler: func(_ int32, w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "internal error", http.StatusInternalServerError)
		}, edit: func(o *Options) { o.Pauses = []time.Duration{} }, kind: KindStatus, attempts: 1, status: 500},
		{name: "404 is not retried", handler: func(_ int32, w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) },
			kind: KindStatus, attempts: 1, status: 404},
		{name: "403 is not retried", handler: func(_ int32, w http.ResponseWriter, _ *http.Request) { http.Error(w, "denied", http.StatusForbidden) },
			kind: KindStatus, attempts: 1, status: 403},
		{name: "429 is a 4xx too", handler: func(_ int32, w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "slow down", http.StatusTooManyRequests)
		},
			kind: KindStatus, attempts: 1, status: 429},
		{name: "204 is not an answer", handler: func(_ int32, w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) },
			kind: KindStatus, attempts: 1, status: 204},
		{name: "slow to answer", handler: func(_ int32, w http.ResponseWriter, r *http.Request) {
			<-r.Context().Done()
		}, edit: func(o *Options) { o.Timeout = 50 * time.Millisecond },
			kind: KindTimeout, attempts: 3, sleeps: []time.Duration{time.Second, 2 * time.Second}},
		{name: "slow once, then fast", handler: func(n int32, w http.ResponseWriter, r *http.Request) {
			if n == 1 {
				<-r.Context().Done()
				return
			}
			_, _ = w.Write(page)
		}, edit: func(o *Options) { o.Timeout = 50 * time.Millisecond }, sleeps: []time.Duration{time.Second}},
		{name: "headers fast, body stalls", handler: func(_ int32, w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "1000")
			_, _ = w.Write(page)
			w.(http.Flusher).Flush()
			<-r.Context().Done()
		}, edit: func(o *Options) { o.Timeout = 50 * time.Millisecond; o.Pauses = []time.Duration{} }, kind: KindTimeout, attempts: 1},
		{name: "cut short", handler: func(_ int32, w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Length", "1000")
			_, _ = w.Write(page)
		}, kind: KindNetwork, attempts: 3, sleeps: []time.Duration{time.Second, 2 * time.Second}},
		{name: "just the limit", handler: func(_ int32, w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(page) },
			edit: func(o *Options) { o.MaxBody = int64(len(page)) }},
		{name: "one byte over the limit, with Content-Length", handler: func(_ int32, w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(page) },
			edit: func(o *Options) { o.MaxBody = int64(len(page)) - 1 }, kind: KindTooLarge, attempts: 1, status: 200},
		{name: "over the limit, chunked", handler: func(_ int32, w http.ResponseWriter, _ *http.Request) {
			for range 64 {
				_, _ = w.Write(big[:len(big)/64])
				w.(http.Flusher).Flush()
			}
		}, edit: func(o *Options) { o.MaxBody = 64 << 10 }, kind: KindTooLarge, attempts: 1, status: 200},
		{name: "over the default limit", handler: func(_ int32, w http.ResponseWriter, _ *http.Request) {
			for range 10 {
				_, _ = w.Write(big)
			}
		}, kind: KindTooLarge, attempts: 1, status: 200},
		{name: "gzip", handler: func(_ int32, w http.ResponseWriter, r *http.Request) {
			if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
				t.Errorf("gzip not accepted: %q", r.Header.Get("Accept-Encoding"))
			}
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write(gz(page))
		}},
		{name: "gzip over the limit once decoded", handler: func(_ int32, w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write(gz(big)) // a few kilobytes that decode to 448 KiB
		}, edit: func(o *Options) { o.MaxBody = 64 << 10 }, kind: KindTooLarge, attempts: 1, status: 200},
		{name: "gzip over the limit, a transport that does not decode", handler: func(_ int32, w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write(gz(big))
		}, edit: func(o *Options) { o.MaxBody = 64 << 10; o.Transport = rawGzip() }, kind: KindTooLarge, attempts: 1, status: 200},
		{name: "gzip, a transport that does not decode", handler: func(_ int32, w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write(gz(page))
		}, edit: func(o *Options) { o.Transport = rawGzip() }},
		{name: "brotli was never asked for", handler: func(_ int32, w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Encoding", "br")
			_, _ = w.Write(page)
		}, kind: KindEncoding, attempts: 1, status: 200},
		{name: "JSON for a page", handler: func(_ int32, w http.ResponseWriter, _ *http.Request) {
			_, _ = w.Write([]byte(`{"success": false}`))
		}, kind: KindNotHTML, status: 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n atomic.Int32
			srv := server(t, func(w http.ResponseWriter, r *http.Request) {
				if r.Method != http.MethodGet || r.URL.Path != "/historyprice/cjxh_1/" {
					t.Errorf("%s %s, want GET /historyprice/cjxh_1/", r.Method, r.URL)
				}
				tt.handler(n.Add(1), w, r)
			})
			c, s := newTestClient(t, srv.URL, tt.edit)
			body, err := c.HistoryPage(t.Context(), 1)
			if got := s.got(); !slices.Equal(got, tt.sleeps) {
				t.Errorf("paused %v, want %v", got, tt.sleeps)
			}
			if tt.kind == 0 {
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(body, page) {
					t.Errorf("body %q, want %q", body, page)
				}
				return
			}
			if body != nil {
				t.Errorf("a body returned with an error")
			}
			if tt.kind == KindNotHTML {
				if e := asError(t, err); e.Kind != tt.kind {
					t.Errorf("error %q, want kind %v", err, tt.kind)
				}
				return
			}
			e := checkError(t, err, tt.kind, tt.attempts, tt.status)
			if int(n.Load()) != tt.attempts {
				t.Errorf("%d requests made, error says %d", n.Load(), tt.attempts)
			}
			if e.Kind == KindTooLarge && e.Limit <= 0 {
				t.Errorf("size limit %d not given", e.Limit)
			}
		})
	}
}

// rawGzip is a transport that asks for gzip itself, so net/http leaves
// the answer encoded, as a custom transport might.
func rawGzip() http.RoundTripper {
	return roundTrip(func(r *http.Request) (*http.Response, error) {
		r = r.Clone(r.Context())
		r.Header.Set("Accept-Encoding", "gzip")
		return http.DefaultTransport.RoundTrip(r)
	})
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestConnectionRefused(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	c, s := newTestClient(t, "http://"+addr+"/", nil)
	_, err = c.HistoryPage(t.Context(), 2)
	e := checkError(t, err, KindNetwork, 3, 0)
	if e.URL != "http://"+addr+"/historyprice/cjxh_2/" || e.Op != "GET" {
		t.Errorf("error names %s %s", e.Op, e.URL)
	}
	if len(s.got()) != 2 {
		t.Errorf("paused %v, want twice", s.got())
	}
}

func TestRedirects(t *testing.T) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
		t.Errorf("followed a redirect to another origin: %s", r.URL)
	}))
	defer other.Close()
	tests := []struct {
		name   string
		post   bool   // the redirect answers the price list's POST, not a page's GET
		code   int    // the redirect's status
		to     string // its Location; "OTHER" is the other server
		kind   Kind   // 0: followed
		status int
	}{
		{name: "GET, same origin, relative", code: 302, to: "/historyprice/cjxh_1/index.html"},
		{name: "GET, same origin, absolute", code: 301, to: "SELF/historyprice/cjxh_1/index.html"},
		{name: "GET, 308 same origin", code: 308, to: "/historyprice/cjxh_1/index.html"},
		{name: "GET, another port", code: 302, to: "OTHER/historyprice/cjxh_1/", kind: KindRedirect},
		{name: "GET, another host", code: 302, to: "http://localhost.invalid/x", kind: KindRedirect},
		{name: "GET, to https", code: 301, to: "https://HOST/historyprice/cjxh_1/", kind: KindRedirect},
		{name: "GET, in a loop", code: 302, to: "/historyprice/cjxh_1/", kind: KindRedirect},
		{name: "POST, 302 same origin", post: true, code: 302, to: "/shop/other", kind: KindRedirect},
		{name: "POST, 303 same origin", post: true, code: 303, to: "/shop/other", kind: KindRedirect},
		{name: "POST, 301 same origin", post: true, code: 301, to: "/shop/other", kind: KindRedirect},
		{name: "POST, 307 same origin", post: true, code: 307, to: "/shop/other", kind: KindRedirect},
		{name: "POST, 308 same origin", post: true, code: 308, to: "/shop/other", kind: KindRedirect},
		{name: "POST, 307 elsewhere", post: true, code: 307, to: "OTHER/shop/historyData/getCorpStmarketPriceList", kind: KindRedirect},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var srv *httptest.Server
			var landed atomic.Int32
			srv = server(t, func(w http.ResponseWriter, r *http.Request) {
				to := strings.NewReplacer("OTHER", other.URL, "SELF", srv.URL, "HOST", r.Host).Replace(tt.to)
				switch {
				case r.URL.Path == "/cjxh.shtml":
					_, _ = w.Write([]byte("<html></html>"))
				case r.URL.Path == "/historyprice/cjxh_1/index.html":
					landed.Add(1)
					_, _ = w.Write([]byte("<html><table></table></html>"))
				case r.URL.Path == "/shop/other":
					t.Errorf("followed the POST's redirect: %s %s", r.Method, r.URL)
				default:
					http.Redirect(w, r, to, tt.code)
				}
			})
			c, _ := newTestClient(t, strings.Replace(srv.URL, "http://", "http://alice:s3cret@", 1), nil)
			var err error
			if tt.post {
				_, err = c.DailyPriceList(t.Context())
			} else {
				_, err = c.HistoryPage(t.Context(), 1)
			}
			if tt.kind == 0 {
				if err != nil || landed.Load() != 1 {
					t.Fatalf("redirect not followed: %v", err)
				}
				return
			}
			e := checkError(t, err, KindRedirect, 1, 0)
			if wantOp := map[bool]string{true: "POST", false: "GET"}[tt.post]; e.Op != wantOp {
				t.Errorf("error names %s, want %s", e.Op, wantOp)
			}
			if e.Value == "" {
				t.Errorf("error %q does not say where the redirect went", err)
			}
			if strings.Contains(err.Error(), "s3cret") || strings.Contains(err.Error(), "alice") {
				t.Errorf("error %q shows the user info", err)
			}
		})
	}
	if elsewhere.Load() != 0 {
		t.Errorf("the other origin was asked %d times", elsewhere.Load())
	}
}

// TestNoUserInfoInErrors makes every kind of request error with a base URL
// that carries user info, and looks for it in the text and the fields.
func TestNoUserInfoInErrors(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	_ = l.Close()
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/historyprice/cjxh_1/":
			http.Error(w, "busy", http.StatusServiceUnavailable)
		case "/historyprice/cjxh_2/":
			<-r.Context().Done()
		case "/historyprice/cjxh_3/":
			_, _ = w.Write(bytes.Repeat([]byte("<html>"), 100))
		case "/historyprice/cjxh_4/":
			w.Header().Set("Content-Length", "100")
		default:
			http.NotFound(w, r)
		}
	})
	for _, base := range []string{srv.URL, "http://" + closed} {
		c, _ := newTestClient(t, strings.Replace(base, "http://", "http://alice:s3cret@", 1), func(o *Options) {
			o.Timeout = 50 * time.Millisecond
			o.MaxBody = 100
		})
		for n := 1; n <= 5; n++ {
			_, err := c.HistoryPage(t.Context(), n)
			e := asError(t, err)
			for _, s := range []string{err.Error(), e.URL, e.Value, fmt.Sprint(e.Err)} {
				if strings.Contains(s, "s3cret") || strings.Contains(s, "alice") {
					t.Errorf("page %d (%v): %q shows the user info", n, e.Kind, s)
				}
			}
		}
	}
}

func TestCanceled(t *testing.T) {
	srv := server(t, func(w http.ResponseWriter, _ *http.Request) { http.Error(w, "busy", http.StatusServiceUnavailable) })
	t.Run("before the call", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		c, s := newTestClient(t, srv.URL, nil)
		_, err := c.HistoryPage(ctx, 1)
		if e := asError(t, err); e.Kind != KindCanceled || !errors.Is(err, context.Canceled) {
			t.Errorf("error %q: kind %v, want canceled and context.Canceled", err, e.Kind)
		}
		if len(s.got()) != 0 {
			t.Errorf("paused %v after a cancel", s.got())
		}
	})
	t.Run("during the pause", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		c, _ := newTestClient(t, srv.URL, func(o *Options) {
			o.Sleep = func(ctx context.Context, _ time.Duration) error { cancel(); return sleep(ctx, time.Hour) }
		})
		_, err := c.HistoryPage(ctx, 1)
		e := asError(t, err)
		if e.Kind != KindCanceled || e.Attempts != 1 || !errors.Is(err, context.Canceled) {
			t.Errorf("error %q: kind %v after %d attempts, want canceled after 1", err, e.Kind, e.Attempts)
		}
	})
	t.Run("the caller's deadline is not the timeout", func(t *testing.T) {
		slow := server(t, func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
		ctx, cancel := context.WithTimeout(t.Context(), 30*time.Millisecond)
		defer cancel()
		c, _ := newTestClient(t, slow.URL, nil)
		_, err := c.HistoryPage(ctx, 1)
		if e := asError(t, err); e.Kind != KindCanceled || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error %q: kind %v, want canceled", err, e.Kind)
		}
	})
}

func TestRealSleep(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	if err := sleep(ctx, time.Millisecond); err != nil {
		t.Errorf("sleep: %v", err)
	}
	cancel()
	if err := sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("sleep after cancel: %v", err)
	}
}

func TestErrorText(t *testing.T) {
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{Kind: KindStatus, Op: "GET", URL: "https://www.ccmn.cn/historyprice/cjxh_1/", Status: 404, Attempts: 1},
			"changjiang: GET https://www.ccmn.cn/historyprice/cjxh_1/: answered 404 (1 attempt)"},
		{&Error{Kind: KindStatus, Op: "POST", URL: "https://www.ccmn.cn/shop", Status: 503, Attempts: 3, Value: "busy"},
			`changjiang: POST https://www.ccmn.cn/shop: answered 503 "busy" (3 attempts)`},
		{&Error{Kind: KindTooLarge, Op: "GET", URL: "http://h/", Status: 200, Limit: 4 << 20, Attempts: 1},
			"changjiang: GET http://h/: answer larger than 4194304 bytes (1 attempt)"},
		{&Error{Kind: KindA00Count, Count: 2}, "changjiang: price list has 2 A00铝 entries, want exactly 1"},
		{&Error{Kind: KindOptions, Field: "Timeout", Value: "0s", Err: errors.New("must be more than zero")},
			`changjiang: invalid option Timeout "0s": must be more than zero`},
		{&Error{Kind: KindNotCovered, Limit: 5}, "changjiang: 5 history pages read without covering the month"},
		{&Error{Kind: Kind(99)}, "changjiang: kind 99"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
	for k := KindOptions; k <= KindNotCovered; k++ {
		if strings.HasPrefix(k.String(), "kind ") {
			t.Errorf("Kind %d has no name", k)
		}
	}
}

func TestClip(t *testing.T) {
	long := strings.Repeat("铝", 100) // 300 bytes
	got := clip(long)
	if len(got) > maxEcho+len("…") || !strings.HasSuffix(got, "…") || !strings.HasPrefix(long, strings.TrimSuffix(got, "…")) {
		t.Errorf("clip cut badly: %d bytes %q", len(got), got)
	}
	if clip("short") != "short" {
		t.Errorf("clip changed a short text")
	}
}
