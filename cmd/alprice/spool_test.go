package main

import (
	"io"
	"os"
	"strings"
	"testing"

	"alprice/cmd/alprice/internal/files"
)

// settle --deliveries - gives what the same file gives — the settlement,
// a duplicate ticket with both lines, a bad row, --skip-invalid's exit 1 —
// with <stdin> for the file's name (#29): stdin is copied to a file of the
// run's own folder and read as a file is, and the copy is gone after the
// run, whatever its end.
func TestSettleFromStdinAsFromFile(t *testing.T) {
	t.Chdir("../..")
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	base := []string{"settle", "--agreements", "testdata/agreements.yaml", "--quotes", h1Quotes}
	for _, c := range []struct {
		file   string
		more   []string
		status int
	}{
		{"testdata/deliveries-2026-03.csv", []string{"--format", "json"}, 0},
		{"testdata/deliveries-2026-03.csv", []string{"--format", "csv"}, 0},
		{"testdata/bad/deliveries-duplicate-ticket.csv", nil, 2},
		{"testdata/bad/deliveries-duplicate-ticket.csv", []string{"--skip-invalid", "--format", "json"}, 1},
		{"testdata/bad/deliveries-negative-weight.csv", nil, 2},
		{"testdata/bad/deliveries-ragged-row.csv", nil, 2},
	} {
		data, err := os.ReadFile(c.file)
		if err != nil {
			t.Fatal(err)
		}
		fromFile, fileErr, fileStatus := runWith(nil, append(append(base, "--deliveries", c.file), c.more...)...)
		fromStdin, stdinErr, stdinStatus := runWith(strings.NewReader(string(data)), append(append(base, "--deliveries", "-"), c.more...)...)
		if fileStatus != c.status || stdinStatus != c.status {
			t.Errorf("%s %v: exit %d from the file, %d from stdin; want %d", c.file, c.more, fileStatus, stdinStatus, c.status)
		}
		if fromStdin != strings.ReplaceAll(fromFile, c.file, "<stdin>") {
			t.Errorf("%s %v: stdout from stdin\n%s\nfrom the file\n%s", c.file, c.more, fromStdin, fromFile)
		}
		if stdinErr != strings.ReplaceAll(fileErr, c.file, "<stdin>") {
			t.Errorf("%s %v: stderr from stdin\n%s\nfrom the file\n%s", c.file, c.more, stdinErr, fileErr)
		}
		if names := dirNames(t, tmp); len(names) != 0 {
			t.Errorf("%s %v: left in $TMPDIR: %v", c.file, c.more, names)
		}
	}
}

// The copy of stdin is in the run's folder while it is read, reads back
// from a seek what was read, and is removed on every path; an input over
// the limit is refused and leaves nothing.
func TestSpoolRemoved(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	var w workDir
	dir := w.get()
	defer w.remove()
	text := "ticket\nT1\nT2\n"
	r, err := spoolForTest(dir, text, -1)
	if err != nil {
		t.Fatal(err)
	}
	head := make([]byte, 7)
	if _, err := io.ReadFull(r, head); err != nil || string(head) != "ticket\n" {
		t.Fatalf("read %q, %v", head, err)
	}
	if pos, err := r.Seek(0, io.SeekCurrent); pos != 7 || err != nil {
		t.Errorf("at %d, %v; want 7", pos, err)
	}
	// A seek before the end copies the rest first.
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	if all, err := io.ReadAll(r); string(all) != text || err != nil {
		t.Errorf("read again %q, %v", all, err)
	}
	if names := dirNames(t, dir); len(names) != 1 || !strings.HasPrefix(names[0], "stdin-") {
		t.Errorf("while read: %v", names)
	}
	r.Close()
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("after Close: %v", names)
	}
	r, err = spoolForTest(dir, strings.Repeat("x", 100), 10)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadAll(r); err == nil || !strings.Contains(sayFileError(&app{}, err).Error(), "larger than 10 bytes") {
		t.Errorf("over the limit: %v", err)
	}
	r.Close()
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("after an input over the limit: %v", names)
	}
}

// spoolForTest spools text as stdin of --deliveries within limit bytes
// (negative: none), as a run does.
func spoolForTest(dir, text string, limit int64) (*files.Spooled, error) {
	return files.Spool(files.LimitReader(strings.NewReader(text), "deliveries", "<stdin>", limit), dir, "deliveries", "<stdin>")
}
