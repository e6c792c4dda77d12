package web

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// A shutdown lets the request under way finish, then Serve returns; no
// new connection is taken after it.
func TestServeShutsDownGracefully(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started, release := make(chan struct{}), make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		io.WriteString(w, "finished")
	})
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, ln, h) }()
	got := make(chan string, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/")
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		got <- string(b)
	}()
	<-started
	cancel()
	select {
	case err := <-served:
		t.Fatalf("Serve returned before the request finished: %v", err)
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	if body := <-got; body != "finished" {
		t.Errorf("the request under way: %q", body)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/"); err == nil {
		t.Error("a request after the shutdown was served")
	}
}

func TestPlainName(t *testing.T) {
	for name, plain := range map[string]bool{"quotes.csv": true, "发票 2026-03.xml": true, "a b.csv": true,
		"": false, ".": false, "..": false, "-": false, ".lock": false, "../x": false, "a/b": false, `a\b`: false,
		"C:x": false, "x\x00y": false, "x\ny": false} {
		if PlainName(name) != plain {
			t.Errorf("PlainName(%q) = %v", name, !plain)
		}
	}
}

// Requests running commands go in turns: with one slot taken, the next
// waits BusyWait and is answered 503 with Retry-After, running nothing;
// once the slot is free, a request runs again. A page that runs nothing
// (the settle form) is not held.
func TestRunsGoInTurns(t *testing.T) {
	entered, release := make(chan struct{}, 4), make(chan struct{})
	var ran atomic.Int32
	exec := func(ctx context.Context, run Run) Result {
		ran.Add(1)
		entered <- struct{}{}
		<-release
		return Result{Status: 2, Stderr: "stopped by the test"}
	}
	h, err := New(Config{Data: t.TempDir(), Agreements: "agreements.yaml", Quotes: "quotes.csv", Lang: "en",
		Exec: exec, Today: time.Now, MaxRuns: 1, BusyWait: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	get := func(path string) (*http.Response, string) {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp, string(b)
	}
	first := make(chan int, 1)
	go func() {
		resp, err := http.Get(srv.URL + "/")
		if err == nil {
			resp.Body.Close()
			first <- resp.StatusCode
		}
		close(first)
	}()
	<-entered
	resp, body := get("/quotes")
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" || !strings.Contains(body, "(--max-runs 1) are under way") {
		t.Errorf("a request beyond the slots: %d, Retry-After %q, %s", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	if n := ran.Load(); n != 1 {
		t.Errorf("%d commands ran, want only the first request's", n)
	}
	if resp, _ := get("/settle"); resp.StatusCode != http.StatusOK {
		t.Errorf("the settle form, which runs nothing, waited: %d", resp.StatusCode)
	}
	close(release)
	if _, ok := <-first; !ok {
		t.Fatal("the first request failed")
	}
	if resp, _ := get("/quotes"); resp.StatusCode == http.StatusServiceUnavailable {
		t.Error("a request after the slot was freed was refused")
	}
}
