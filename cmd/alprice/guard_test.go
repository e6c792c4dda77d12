package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"alprice/cmd/alprice/internal/files"
)

// runWith runs alprice in-process with stdin and today set.
func runWith(stdin io.Reader, args ...string) (stdout, stderr string, status int) {
	var out, errOut bytes.Buffer
	getenv := func(name string) string {
		return map[string]string{"LANG": "C.UTF-8", "ALPRICE_TODAY": "2026-07-01"}[name]
	}
	status = run(args, stdin, &out, &errOut, getenv)
	return out.String(), errOut.String(), status
}

// A quotes import waiting on stdin and a quotes add meanwhile both land
// (#28 item 2): the store is read under its lock once the sources are in,
// not before.
func TestStoreImportWaitingLosesNoAdd(t *testing.T) {
	store := filepath.Join(t.TempDir(), "st.csv")
	pr, pw := io.Pipe()
	done := make(chan string)
	go func() {
		_, stderr, status := runWith(pr, "quotes", "import", "-", "--into", store)
		done <- fmt.Sprintf("exit %d %s", status, stderr)
	}()
	time.Sleep(100 * time.Millisecond) // the import is waiting on its input
	if _, stderr, status := runWith(nil, "quotes", "add", "2026-03-04", "23700", "--into", store); status != 0 {
		t.Fatalf("quotes add: exit %d, %s", status, stderr)
	}
	fmt.Fprintln(pw, "2026-03-02 A00铝 23600-23640 23620 +210")
	pw.Close()
	if got := <-done; got != "exit 0 " {
		t.Fatalf("quotes import: %s", got)
	}
	data, _ := os.ReadFile(store)
	for _, day := range []string{"2026-03-02", "2026-03-04"} {
		if !strings.Contains(string(data), day) {
			t.Errorf("the store lost %s:\n%s", day, data)
		}
	}
}

// Many writers of one store at once lose nothing: each one's day is there.
func TestStoreWritersAtOnce(t *testing.T) {
	store := filepath.Join(t.TempDir(), "st.csv")
	days := []string{"2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-09", "2026-03-10", "2026-03-11"}
	var wg sync.WaitGroup
	errs := make(chan string, len(days))
	for i, day := range days {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, stderr, status := runWith(nil, "quotes", "add", day, strconv.Itoa(23600+i), "--into", store); status != 0 {
				errs <- day + ": " + stderr
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	data, _ := os.ReadFile(store)
	for i, day := range days {
		if row := fmt.Sprintf("%s,,,%d,", day, 23600+i); !strings.Contains(string(data), row) {
			t.Errorf("the store lost %s:\n%s", row, data)
		}
	}
}

// A run waiting for the store's lock says who holds it, and gives up
// after storeLockWait naming the holder; nothing is written.
func TestStoreLockSaysWhoHoldsIt(t *testing.T) {
	store := filepath.Join(t.TempDir(), "st.csv")
	if err := os.WriteFile(store, []byte("date,low,high,average,change\n2026-03-02,,,23620,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	unlock, err := files.Lock(context.Background(), store, "alprice quotes fetch", time.Second, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	defer func(w time.Duration) { storeLockWait = w }(storeLockWait)
	storeLockWait = files.NotifyAfter + 500*time.Millisecond
	_, stderr, status := runWith(nil, "quotes", "add", "2026-03-03", "23660", "--into", store)
	holder := fmt.Sprintf("alprice quotes fetch (process %d on ", os.Getpid())
	if status != 2 || !strings.Contains(stderr, "alprice: --into "+store+": waiting for "+holder) ||
		!strings.Contains(stderr, "alprice: error: --into "+store+": is being updated by "+holder) ||
		!strings.Contains(stderr, "gave up after 2.5s") {
		t.Errorf("exit %d, stderr %q", status, stderr)
	}
	if data, _ := os.ReadFile(store); strings.Contains(string(data), "2026-03-03") {
		t.Error("the store was written without its lock")
	}
}
