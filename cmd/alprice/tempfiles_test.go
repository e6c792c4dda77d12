package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// excelizeFiles returns excelize's temporary files under dir, in it or in
// a run's folder (alprice-*) in it.
func excelizeFiles(t *testing.T, dir string) []string {
	t.Helper()
	var found []string
	for _, pattern := range []string{"excelize-*", "alprice-*/excelize-*"} {
		names, err := filepath.Glob(filepath.Join(dir, pattern))
		if err != nil {
			t.Fatal(err)
		}
		found = append(found, names...)
	}
	return found
}

// The leftovers, reproduced (#28 item 7): a workbook of a large
// sheet is buffered by excelize in a temporary file, which only Close
// removes, and a process that ends on a signal never closes. Killed
// (SIGKILL, which no program can handle), the run leaves that file; on
// SIGTERM or SIGINT it removes it with its own folder, and leaves
// nothing in $TMPDIR.
func TestExcelizeTemporaryFilesOnSignals(t *testing.T) {
	wd, _ := os.Getwd()
	root := filepath.Join(wd, "..", "..")
	dir := t.TempDir()
	// 10,000 agreements in the YAML flow style (within the 1 MiB of an
	// agreements file): a sheet of 60,000 rows, some 40 MB, over the 16 MiB
	// excelize keeps in memory.
	var b strings.Builder
	b.WriteString("agreements:\n")
	for i := range 10000 {
		fmt.Fprintf(&b, "  - {id: A%d, buyer: B%d, terms: [{from: 2026-01, deductions: [{kind: transport, value: %d}]}]}\n", i, i, 500+i%100)
	}
	many := filepath.Join(dir, "many.yaml")
	if err := os.WriteFile(many, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "prices.xlsx")
	for _, c := range []struct {
		sig    syscall.Signal
		status int
		left   bool
	}{{syscall.SIGKILL, -1, true}, {syscall.SIGTERM, 143, false}, {syscall.SIGINT, 130, false}} {
		tmp := t.TempDir()
		t.Setenv("TMPDIR", tmp)
		cmd, stderr := helperProcess(t, nil, "table", "--agreements", many, "--quotes", filepath.Join(root, h1Quotes), "--out", out)
		// Signal once excelize has made its file: the moment the leftovers
		// come from.
		deadline := time.Now().Add(60 * time.Second)
		for len(excelizeFiles(t, tmp)) == 0 {
			if time.Now().After(deadline) || stderr.Len() > 0 {
				cmd.Process.Kill()
				t.Fatalf("%v: excelize made no temporary file; stderr %q", c.sig, stderr)
			}
			time.Sleep(5 * time.Millisecond)
		}
		made := excelizeFiles(t, tmp)
		if err := cmd.Process.Signal(c.sig); err != nil {
			t.Fatal(err)
		}
		if status := waitExit(t, cmd); status != c.status {
			t.Errorf("%v: exit %d, want %d; stderr %q", c.sig, status, c.status, stderr)
		}
		left := excelizeFiles(t, tmp)
		if c.left && len(left) == 0 {
			t.Errorf("%v: excelize's %v is gone: the leftover the issue reports did not happen", c.sig, made)
		}
		if !c.left {
			for _, n := range dirNames(t, tmp) {
				// testscript's TestMain makes a folder for each process of
				// this test binary, which alprice knows nothing of.
				if !strings.HasPrefix(n, "testscript-main") {
					t.Errorf("%v: left in $TMPDIR after excelize made %v: %s", c.sig, made, n)
				}
			}
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%v: %s was written", c.sig, out)
		}
		for _, n := range dirNames(t, dir) {
			if strings.HasPrefix(n, ".prices.xlsx") {
				os.Remove(filepath.Join(dir, n)) // the killed run's own temporary output, which SIGKILL leaves too
				if !c.left {
					t.Errorf("%v: temporary output %s left", c.sig, n)
				}
			}
		}
	}
}
