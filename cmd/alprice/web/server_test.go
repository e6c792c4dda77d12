package web

import (
	"context"
	"io"
	"net"
	"net/http"
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
