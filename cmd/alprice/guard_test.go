package main

import (
	"archive/zip"
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

// sparse makes a file that starts with head and claims size bytes, most of
// them a hole: reading it whole would exhaust memory.
func sparse(t *testing.T, name, head string, size int64) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(head), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, size); err != nil {
		t.Skip("no sparse files here:", err)
	}
	return path
}

// Every input is read within its limit, counted as it is read, never from
// the size the file states (#28 item 6): a 20 GB store, an 8 GB source and
// an 8 GB workbook are refused at once, naming the limit.
func TestInputsAreBounded(t *testing.T) {
	wd, _ := os.Getwd()
	root := filepath.Join(wd, "..", "..")
	store := sparse(t, "st.csv", "date,low,high,average,change\n2026-03-02,,,23620,\n", 20<<30)
	source := sparse(t, "page.html", "<html>", 8<<30)
	book := sparse(t, "inv.xlsx", "PK\x03\x04", 8<<30)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"quotes", "add", "2026-03-03", "23660", "--into", store}, "--into " + store + ": is larger than 67108864 bytes, the limit of this input: refused, never cut short"},
		{[]string{"quotes", "import", source, "--into", filepath.Join(t.TempDir(), "new.csv")}, "SOURCE " + source + ": is larger than 67108864 bytes"},
		{[]string{"check", "--agreements", filepath.Join(root, "testdata/agreements.yaml"), "--quotes", filepath.Join(root, h1Quotes),
			"--deliveries", filepath.Join(root, "testdata/deliveries-2026-03.csv"), "--invoices", book}, book + ": is larger than 33554432 bytes"},
	} {
		start := time.Now()
		_, stderr, status := runWith(nil, c.args...)
		if status != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q", c.args[:2], status, stderr)
		}
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("%s: took %v", c.args[:2], took)
		}
	}
}

// The run's folder for excelize's temporary files is made when asked for,
// removed with what is in it when the run ends or is interrupted, and not
// made again after (#28 item 7).
func TestWorkDirRemoved(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	var w workDir
	dir := w.get()
	if dir == "" || w.get() != dir {
		t.Fatalf("get: %q, then %q", dir, w.get())
	}
	if err := os.WriteFile(filepath.Join(dir, "excelize-123"), make([]byte, 1<<10), 0o600); err != nil {
		t.Fatal(err)
	}
	w.remove()
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the folder is still there: %v", err)
	}
	if w.get() != "" {
		t.Error("a folder was made after the run ended")
	}
	// A run that reads a workbook leaves nothing in $TMPDIR.
	wd, _ := os.Getwd()
	root := filepath.Join(wd, "..", "..")
	if _, stderr, status := runWith(nil, "check", "--agreements", filepath.Join(root, "testdata/agreements.yaml"), "--quotes", filepath.Join(root, h1Quotes),
		"--deliveries", filepath.Join(root, "testdata/deliveries-2026-03.csv"), "--invoices", filepath.Join(root, "testdata/invoices-xml/summary-2026-03.xlsx")); status > 1 {
		t.Fatalf("check of the summary export: exit %d, %s", status, stderr)
	}
	if names, _ := os.ReadDir(os.Getenv("TMPDIR")); len(names) != 0 {
		t.Errorf("left in $TMPDIR: %v", names)
	}
}

// withControlChar copies the workbook src with a U+0001 put into the cell
// text of row 3 of every worksheet part.
func withControlChar(t *testing.T, src, dst string) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	hit := false
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		if strings.HasPrefix(f.Name, "xl/worksheets/") {
			if i := bytes.Index(data, []byte(`<row r="4"`)); i >= 0 {
				if j := bytes.Index(data[i:], []byte("</v>")); j >= 0 {
					data = append(data[:i+j:i+j], append([]byte("\x01"), data[i+j:]...)...)
					hit = true
				} else if j := bytes.Index(data[i:], []byte("</t>")); j >= 0 {
					data = append(data[:i+j:i+j], append([]byte("\x01"), data[i+j:]...)...)
					hit = true
				}
			}
		}
		w, _ := zw.Create(f.Name)
		w.Write(data)
	}
	zw.Close()
	if !hit {
		t.Fatalf("%s: no row 4 to put a control character in", src)
	}
	if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A workbook of invoices with a U+0001 in one cell hides no invoice
// (#28 item 4): the platform's export and the batch-issuing file alike are
// an input error, exit 2, never a check that passes on the rows before it.
func TestInvoiceWorkbookHidesNoRow(t *testing.T) {
	wd, _ := os.Getwd()
	root := filepath.Join(wd, "..", "..")
	dir := t.TempDir()
	base := []string{"--agreements", filepath.Join(root, "testdata/einvoice/agreements.yaml"), "--quotes", filepath.Join(root, h1Quotes),
		"--deliveries", filepath.Join(root, "testdata/deliveries-2026-03.csv")}
	batch := filepath.Join(dir, "e.xlsx")
	if _, stderr, status := runWith(nil, append([]string{"settle", "--einvoice", batch, "--format", "json"}, base...)...); status != 0 {
		t.Fatalf("settle --einvoice: %s", stderr)
	}
	for _, src := range []string{filepath.Join(root, "testdata/invoices-xml/summary-2026-03.xlsx"), batch} {
		bad := filepath.Join(dir, "bad-"+filepath.Base(src))
		withControlChar(t, src, bad)
		stdout, stderr, status := runWith(nil, append([]string{"check", "--invoices", bad, "--format", "json"}, base...)...)
		if status != 2 || stdout != "" || !strings.Contains(stderr, "bad-"+filepath.Base(src)) {
			t.Errorf("%s with a U+0001: exit %d, stdout %q, stderr %q", filepath.Base(src), status, stdout, stderr)
		}
	}
}
