package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"alprice/pricing"
)

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestOutFile(t *testing.T) {
	t.Chdir("../..")
	dir := t.TempDir()
	settle := []string{"settle", "--agreements", "testdata/agreements.yaml", "--quotes", h1Quotes, "--deliveries", "testdata/deliveries-2026-03.csv"}

	// The format follows the extension unless --format is given.
	for ext, check := range map[string]func([]byte) bool{
		".json": func(b []byte) bool { return json.Valid(b) },
		".csv":  func(b []byte) bool { return bytes.HasPrefix(b, []byte("agreement,buyer,month,")) },
		".md":   func(b []byte) bool { return bytes.HasPrefix(b, []byte("# Settlement")) },
		".txt": func(b []byte) bool {
			return bytes.HasPrefix(b, []byte("Settlement")) && bytes.Contains(b, []byte("┌"))
		},
	} {
		out := filepath.Join(dir, "statement"+ext)
		stdout, stderr, status := runAlprice(t, "", append(settle, "--out", out)...)
		data, err := os.ReadFile(out)
		if status != 0 || stdout != "" || stderr != "" || err != nil || !check(data) {
			t.Errorf("--out %s: exit %d, stdout %q, stderr %q, %v, file starts %.40q", ext, status, stdout, stderr, err, data)
		}
		if info, _ := os.Stat(out); info.Mode().Perm() != 0o644 {
			t.Errorf("--out %s: a new file has mode %v, want 0644", ext, info.Mode().Perm())
		}
	}
	// A --format that contradicts the extension is refused, nothing written
	// (#27 item 3); beside an extension alprice does not know, it chooses.
	out := filepath.Join(dir, "statement.json")
	if _, _, status := runAlprice(t, "", append(settle, "--out", filepath.Join(dir, "other.json"), "--format", "csv")...); status != 2 {
		t.Errorf("--format csv beside --out other.json: exit %d, want 2", status)
	}
	if _, err := os.Stat(filepath.Join(dir, "other.json")); err == nil {
		t.Error("a refused --format wrote its file")
	}
	if _, _, status := runAlprice(t, "", append(settle, "--out", filepath.Join(dir, "statement.dat"), "--format", "json")...); status != 0 {
		t.Fatal("--format beside --out of an unknown extension")
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "statement.dat")); !json.Valid(data) {
		t.Error("--format json must choose for the .dat extension")
	}

	// A replaced file keeps its mode; a failing run leaves it untouched and
	// no temporary file behind.
	if err := os.WriteFile(out, []byte("yesterday's statement"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(out, 0o600); err != nil {
		t.Fatal(err)
	}
	before := dirNames(t, dir)
	_, stderr, status := runAlprice(t, "", "settle", "--agreements", "testdata/agreements.yaml", "--quotes", h1Quotes,
		"--deliveries", "testdata/deliveries/bad-rows.csv", "--out", out)
	if data, _ := os.ReadFile(out); status != 2 || string(data) != "yesterday's statement" || !strings.Contains(stderr, "bad rows") {
		t.Errorf("a failed run: exit %d, file %q, stderr %q", status, data, stderr)
	}
	if after := dirNames(t, dir); strings.Join(after, " ") != strings.Join(before, " ") {
		t.Errorf("files before %v, after %v", before, after)
	}
	if _, _, status := runAlprice(t, "", append(settle, "--out", out)...); status != 0 {
		t.Fatal("replacing the file failed")
	}
	if info, _ := os.Stat(out); info.Mode().Perm() != 0o600 {
		t.Errorf("a replaced file has mode %v, want its old 0600", info.Mode().Perm())
	}

	// A folder that does not exist: exit 2, nothing made.
	_, stderr, status = runAlprice(t, "", append(settle, "--out", filepath.Join(dir, "no", "such", "x.json"))...)
	if status != 2 || !strings.Contains(stderr, "no/such does not exist") {
		t.Errorf("missing folder: exit %d, %q", status, stderr)
	}
	// --out naming a folder is refused.
	_, stderr, status = runAlprice(t, "", append(settle, "--out", dir)...)
	if status != 2 || !strings.Contains(stderr, "not a regular file") {
		t.Errorf("--out a folder: exit %d, %q", status, stderr)
	}
}

// An interrupt while a slow input is still coming stops the run: exit 130,
// one line, the existing output untouched and no temporary file behind.
func TestInterruptLeavesNoOutput(t *testing.T) {
	wd, _ := os.Getwd()
	root := filepath.Join(wd, "..", "..")
	dir := t.TempDir()
	tmp := t.TempDir() // where stdin is copied, in the run's folder
	t.Setenv("TMPDIR", tmp)
	out := filepath.Join(dir, "statement.json")
	if err := os.WriteFile(out, []byte("yesterday's statement"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := alpriceProcess("settle",
		"--agreements", filepath.Join(root, "testdata/agreements.yaml"), "--quotes", filepath.Join(root, h1Quotes),
		"--deliveries", "-", "--out", out)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	startHandled(t, cmd)
	// Half a file: the header and some tickets, then nothing more for now.
	io.WriteString(stdin, "ticket,date,buyer,tapped_t,delivered_t\n")
	for i := range 2000 {
		fmt.Fprintf(stdin, "T%d,2026-03-02,ZD-2026-001,31.250,31.180\n", i)
	}
	time.Sleep(300 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the interrupted run did not stop")
	}
	stdin.Close()
	exit, ok := err.(*exec.ExitError)
	if !ok || exit.ExitCode() != 130 || stderr.String() != "alprice: interrupted by SIGINT; no output file was written\n" {
		t.Fatalf("exit %v, stderr %q", err, stderr.String())
	}
	if data, _ := os.ReadFile(out); string(data) != "yesterday's statement" {
		t.Errorf("the output file changed: %q", data)
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Errorf("files left behind: %v", names)
	}
	for _, n := range dirNames(t, tmp) {
		if !strings.HasPrefix(n, "testscript-main") { // the test binary's own
			t.Errorf("left in $TMPDIR: %s", n)
		}
	}
}

// --out never destroys an input: the same file by another path, through a
// symlink or a hard link is refused before anything is read, and the
// input is unchanged.
func TestOutIsNeverAnInput(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	root := filepath.Join(wd, "..", "..")
	deliveries := filepath.Join(dir, "d.csv")
	agreements := filepath.Join(dir, "a.yaml")
	for src, dst := range map[string]string{"testdata/deliveries-2026-03.csv": deliveries, "testdata/agreements.yaml": agreements} {
		data, err := os.ReadFile(filepath.Join(root, src))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(deliveries, filepath.Join(dir, "link.csv")); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(deliveries, filepath.Join(dir, "hard.csv")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	original, _ := os.ReadFile(deliveries)
	settle := []string{"settle", "--agreements", agreements, "--quotes", filepath.Join(root, h1Quotes), "--deliveries", deliveries}
	for _, out := range []string{deliveries, filepath.Join(dir, "sub", "..", "d.csv"), filepath.Join(dir, "link.csv"), filepath.Join(dir, "hard.csv")} {
		stdout, stderr, status := runAlprice(t, "", append(settle, "--out", out)...)
		if status != 2 || stdout != "" || !strings.Contains(stderr, "is the same file as --deliveries") {
			t.Errorf("--out %s: exit %d, stderr %q", out, status, stderr)
		}
	}
	_, stderr, status := runAlprice(t, "", "lint", "--agreements", agreements, "--out", agreements)
	if status != 2 || !strings.Contains(stderr, "is the same file as --agreements") {
		t.Errorf("lint --out the agreements: exit %d, stderr %q", status, stderr)
	}
	if data, _ := os.ReadFile(deliveries); !bytes.Equal(data, original) {
		t.Error("the deliveries file changed")
	}
}

// --out through a symlink replaces the file it leads to and keeps the
// link; --out - is stdout; a device or a dangling link is refused.
func TestOutLinksAndDevices(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target.json")
	link := filepath.Join(dir, "link.json")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	quote := []string{"quote", "--a00", "24389", "--transport", "600"}
	if _, stderr, status := runAlprice(t, "", append(quote, "--out", link)...); status != 0 {
		t.Fatalf("--out a symlink: %s", stderr)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Error("the symlink was replaced")
	}
	if data, _ := os.ReadFile(target); !json.Valid(data) {
		t.Errorf("the target holds %q", data)
	}
	if names := dirNames(t, dir); len(names) != 2 {
		t.Errorf("files left: %v", names)
	}

	stdout, _, status := runAlprice(t, "", append(quote, "--out", "-", "--format", "json")...)
	if status != 0 || !json.Valid([]byte(stdout)) {
		t.Errorf("--out -: exit %d, stdout %q", status, stdout)
	}
	if _, err := os.Stat("-"); err == nil {
		t.Error("--out - made a file named -")
	}

	for _, out := range []string{"/dev/null", "/dev/stdout", filepath.Join(dir, "dangling.json")} {
		if out == filepath.Join(dir, "dangling.json") {
			if err := os.Symlink(filepath.Join(dir, "nowhere", "x"), out); err != nil {
				t.Fatal(err)
			}
		}
		_, stderr, status := runAlprice(t, "", append(quote, "--out", out)...)
		if status != 2 || !strings.Contains(stderr, "--out "+out) {
			t.Errorf("--out %s: exit %d, stderr %q", out, status, stderr)
		}
	}
	if info, err := os.Lstat("/dev/null"); err != nil || info.Mode()&os.ModeDevice == 0 {
		t.Error("/dev/null is no longer a device")
	}
}

// A file the size of a disk but with one row (sparse, read as text of NUL
// bytes) is refused as a line too long, in little memory: nothing is sized
// from a file's length.
func TestSparseFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sparse.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("ticket,date,buyer,tapped_t,delivered_t\nT1,2026-03-02,ZD-2026-001,31.250,31.180\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(8 << 30); err != nil {
		t.Skip("no sparse files here:", err)
	}
	f.Close()
	wd, _ := os.Getwd()
	root := filepath.Join(wd, "..", "..")
	_, stderr, status := runAlprice(t, "", "settle", "--agreements", filepath.Join(root, "testdata/agreements.yaml"),
		"--quotes", filepath.Join(root, h1Quotes), "--deliveries", path)
	if status != 2 || !strings.Contains(stderr, "sparse.csv:3: is longer than 1048576 bytes") {
		t.Errorf("exit %d, stderr %q", status, stderr)
	}
}

// alpriceProcess is alprice as a process with args, not yet started: the
// same program the end-to-end scripts run, which TestMain puts on $PATH
// (testscript.Main), so that every test that needs a process (to signal
// it) runs it the one way.
func alpriceProcess(args ...string) *exec.Cmd {
	return exec.Command("alprice", args...)
}

// helperProcess starts alprice as a process with args, for tests that
// signal it.
func helperProcess(t *testing.T, stdin io.Reader, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := alpriceProcess(args...)
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	startHandled(t, cmd)
	return cmd, &stderr
}

// startHandled starts cmd, a helper process, and returns once its
// interrupt handler is installed (interruptsHandled), which it says by a
// byte on its fd 3: a signal sent then is the run's to handle, whatever
// the machine's load (a sleep was not enough under load).
func startHandled(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cmd.ExtraFiles = []*os.File{w}
	cmd.Env = append(os.Environ(), "ALPRICE_TEST_READY=3")
	err = cmd.Start()
	w.Close()
	if err != nil {
		t.Fatal(err)
	}
	r.SetReadDeadline(time.Now().Add(30 * time.Second))
	if _, err := r.Read(make([]byte, 1)); err != nil {
		cmd.Process.Kill()
		t.Fatalf("the helper process never installed its interrupt handler: %v", err)
	}
}

// waitExit waits at most a few seconds for cmd and returns its exit status.
func waitExit(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the interrupted run did not stop")
	}
	return -1
}

// manyAgreements writes an agreements file of n agreements, for a table
// that takes a while to compute and to write as a workbook.
func manyAgreements(t *testing.T, dir string, n int) string {
	var b strings.Builder
	b.WriteString("agreements:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - id: A-%05d\n    buyer: 买方%05d\n    terms:\n      - from: 2026-01\n        deductions:\n          - {kind: transport, value: %d}\n          - {kind: burn_loss, value: 0.6%%}\n", i, i, 500+i%100)
	}
	path := filepath.Join(dir, "many.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// SIGTERM and SIGINT are honoured in every phase of a large table —
// reading the agreements, pricing, building and writing the workbook:
// exit 143 or 130 within a second, one line, the old file untouched, no
// temporary file, none of excelize's either. The signals come at several
// moments; most must land while the run is still going.
func TestInterruptWhileComputingAndWriting(t *testing.T) {
	wd, _ := os.Getwd()
	root := filepath.Join(wd, "..", "..")
	dir := t.TempDir()
	many := manyAgreements(t, dir, 4000)
	out := filepath.Join(dir, "prices.xlsx")
	// excelize's temporary files go to $TMPDIR: none may be left (#28 item 7);
	// testscript's folder of each process is not alprice's.
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	interrupted := 0
	moments := []time.Duration{50, 150, 300, 450, 600}
	for k, after := range moments {
		sig, name, want := syscall.SIGINT, "SIGINT", 130
		if k%2 == 1 {
			sig, name, want = syscall.SIGTERM, "SIGTERM", 143
		}
		if err := os.WriteFile(out, []byte("last month's table"), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd, stderr := helperProcess(t, nil, "table", "--agreements", many, "--quotes", filepath.Join(root, h1Quotes), "--out", out)
		time.Sleep(after * time.Millisecond)
		start := time.Now()
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		status := waitExit(t, cmd)
		if status == 0 {
			continue // the run had finished
		}
		interrupted++
		if status != want || stderr.String() != "alprice: interrupted by "+name+"; no output file was written\n" {
			t.Errorf("%s after %v: exit %d, stderr %q", name, after, status, stderr.String())
		}
		if took := time.Since(start); took > time.Second {
			t.Errorf("%s after %v: stopped after %v", name, after, took)
		}
		if data, _ := os.ReadFile(out); string(data) != "last month's table" {
			t.Errorf("%s after %v: the output changed", name, after)
		}
		if names := dirNames(t, dir); len(names) != 2 {
			t.Errorf("%s after %v: files left: %v", name, after, names)
		}
		for _, n := range dirNames(t, tmp) {
			if strings.HasPrefix(n, "excelize-") || strings.HasPrefix(n, "alprice-") {
				t.Errorf("%s after %v: temporary file left: %s", name, after, n)
			}
		}
	}
	if interrupted < 3 {
		t.Errorf("only %d of %d runs were still going when signalled", interrupted, len(moments))
	}
}

// A broken invariant of alprice's own is said as a bug to report, with
// its own exit status, not as an input error.
func TestBugHasItsOwnStatus(t *testing.T) {
	var stderr strings.Builder
	a := &app{}
	if status := a.exitStatus(&stderr, nil, pricing.Bugf("%d rows read but %d accounted for", 3, 2)); status != statusBug {
		t.Errorf("exit %d; want %d", status, statusBug)
	}
	if !strings.Contains(stderr.String(), "a bug in alprice: 3 rows read but 2 accounted for; please report it") {
		t.Errorf("stderr %q", stderr.String())
	}
}
