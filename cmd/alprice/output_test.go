package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestHelperProcess is alprice as a process, for tests that need one (to
// interrupt it): the arguments after "--" are alprice's.
func TestHelperProcess(t *testing.T) {
	if os.Getenv("ALPRICE_HELPER") == "" {
		return
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	os.Exit(run(args, os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

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
	out := filepath.Join(dir, "statement.json")
	if _, _, status := runAlprice(t, "", append(settle, "--out", out, "--format", "csv")...); status != 0 {
		t.Fatal("--format beside --out")
	}
	if data, _ := os.ReadFile(out); json.Valid(data) {
		t.Error("--format csv must win over the .json extension")
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
	out := filepath.Join(dir, "statement.json")
	if err := os.WriteFile(out, []byte("yesterday's statement"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "--", "settle",
		"--agreements", filepath.Join(root, "testdata/agreements.yaml"), "--quotes", filepath.Join(root, h1Quotes),
		"--deliveries", "-", "--out", out)
	cmd.Env = append(os.Environ(), "ALPRICE_HELPER=1")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
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
}
