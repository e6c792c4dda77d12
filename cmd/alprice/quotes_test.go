package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// fetch asks the endpoint for the month with the documented form fields
// and a User-Agent naming alprice, and merges the answer; a server that
// fails is asked again; a timeout, a wrong shape or a failing server
// write nothing. No test touches the network: the endpoint is httptest's.
func TestQuotesFetch(t *testing.T) {
	answer, err := os.ReadFile("../../testdata/quotes/pricelist.json")
	if err != nil {
		t.Fatal(err)
	}
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		switch {
		case r.URL.Path == "/flaky" && n == 1:
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		case r.URL.Path == "/slow":
			time.Sleep(300 * time.Millisecond)
		case r.URL.Path == "/wrong":
			w.Write([]byte(`<html><body>请登录</body></html>`))
			return
		}
		if err := r.ParseForm(); err != nil || r.Method != http.MethodPost || r.Form.Get("productSortName") != "A00铝" ||
			r.Form.Get("startDate") != "2026-03-01" || r.Form.Get("endDate") != "2026-03-31" || !strings.HasPrefix(r.UserAgent(), "alprice/") {
			http.Error(w, "bad request: "+r.Form.Encode()+" "+r.UserAgent(), http.StatusBadRequest)
			return
		}
		w.Write(answer)
	}))
	defer srv.Close()
	dir := t.TempDir()
	store := filepath.Join(dir, "store.csv")

	stdout, stderr, status := runAlprice(t, "", "quotes", "fetch", "--month", "2026-03", "--url", srv.URL+"/ok", "--into", store)
	if status != 0 || !strings.Contains(stdout, "added 2, unchanged 0, conflicts 0, skipped 1 (not A00: 1, weekend/holiday: 0)") {
		t.Fatalf("fetch: exit %d, %s%s", status, stdout, stderr)
	}
	want := "date,low,high,average,change\n2026-03-02,,,23620,210\n2026-03-03,,,23950,330\n"
	if data, _ := os.ReadFile(store); string(data) != want {
		t.Errorf("store:\n%s", data)
	}

	calls.Store(0)
	os.Remove(store)
	if _, stderr, status := runAlprice(t, "", "quotes", "fetch", "--month", "2026-03", "--url", srv.URL+"/flaky", "--into", store); status != 0 {
		t.Errorf("a server that fails once: exit %d, %s", status, stderr)
	}
	if calls.Load() != 2 {
		t.Errorf("%d requests; want a retry", calls.Load())
	}

	// The URL can come from the environment, for a mirror.
	os.Remove(store)
	env := func(name string) string {
		if name == "ALPRICE_QUOTES_URL" {
			return srv.URL + "/ok"
		}
		return ""
	}
	var out, errOut strings.Builder
	if status := run([]string{"quotes", "fetch", "--month", "2026-03", "--into", store}, strings.NewReader(""), &out, &errOut, env); status != 0 {
		t.Errorf("$ALPRICE_QUOTES_URL: exit %d, %s", status, errOut.String())
	}

	for _, c := range []struct{ path, want string }{
		{"/slow", "Client.Timeout exceeded"},
		{"/wrong", `is not the price list expected, {"body": {"priceList": [...]}}; it starts "<html><body>请登录</body></html>"`},
	} {
		fresh := filepath.Join(dir, "fresh.csv")
		start := time.Now()
		_, stderr, status := runAlprice(t, "", "quotes", "fetch", "--month", "2026-03", "--url", srv.URL+c.path, "--timeout", "100ms", "--into", fresh)
		if status != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q", c.path, status, stderr)
		}
		if _, err := os.Stat(fresh); err == nil {
			t.Errorf("%s: a store was written", c.path)
		}
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("%s: took %v", c.path, took)
		}
	}
}
