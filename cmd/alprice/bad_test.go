package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// badCommand is the command that reads a bad input, by the prefix of its
// file name.
func badCommand(path string) []string {
	base := filepath.Base(path)
	switch {
	case strings.HasPrefix(base, "quotes-"):
		return []string{"average", "--quotes", path}
	case strings.HasPrefix(base, "deliveries-"):
		return []string{"settle", "--agreements", "testdata/agreements.yaml", "--quotes", h1Quotes, "--deliveries", path}
	case strings.HasPrefix(base, "invoices-"):
		return []string{"check", "--agreements", "testdata/agreements.yaml", "--quotes", h1Quotes,
			"--deliveries", "testdata/deliveries-2026-03.csv", "--invoices", path}
	case strings.HasPrefix(base, "agreements-"):
		return []string{"lint", "--agreements", path}
	}
	return nil
}

// minBadInputs is how many files testdata/bad holds at least.
const minBadInputs = 30

var namesLine = regexp.MustCompile(`:\d+`)

// checkBadInput runs the command that reads path and checks that it fails
// as bad input must: exit 2, nothing on stdout, a message that names the
// file and, unless the file is empty, a line; no panic or stack trace.
func checkBadInput(t *testing.T, path string) string {
	t.Helper()
	args := badCommand(path)
	if args == nil {
		t.Fatalf("no command reads %s: name it quotes-*, deliveries-*, invoices-* or agreements-*", path)
	}
	stdout, stderr, status := runAlprice(t, "", args...)
	if status != 2 || stdout != "" {
		t.Fatalf("exit %d, stdout %q; want 2 and nothing", status, stdout)
	}
	if !strings.HasPrefix(stderr, "alprice: error: ") || !strings.Contains(stderr, path) {
		t.Fatalf("stderr does not name the file:\n%s", stderr)
	}
	if !strings.Contains(path, "empty") && !namesLine.MatchString(stderr) {
		t.Fatalf("stderr names no line:\n%s", stderr)
	}
	if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
		t.Fatalf("a stack trace:\n%s", stderr)
	}
	return stderr
}

// TestBadInputs runs every file of testdata/bad and compares its message
// with the .stderr beside it (go test -update rewrites them).
func TestBadInputs(t *testing.T) {
	t.Chdir("../..")
	paths, err := filepath.Glob("testdata/bad/*.*")
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	defer func() {
		// The corpus holds a file for each mistake; an empty or moved one
		// must not pass as clean.
		if ran < minBadInputs {
			t.Errorf("only %d bad inputs in testdata/bad; the corpus has at least %d", ran, minBadInputs)
		}
	}()
	for _, path := range paths {
		if strings.HasSuffix(path, ".stderr") {
			continue
		}
		ran++
		t.Run(filepath.Base(path), func(t *testing.T) {
			stderr := checkBadInput(t, path)
			golden := strings.TrimSuffix(path, filepath.Ext(path)) + ".stderr"
			if *updateBad {
				if err := os.WriteFile(golden, []byte(stderr), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test ./cmd/alprice -update-bad writes it)", err)
			}
			if stderr != string(want) {
				t.Errorf("stderr:\n%s\nwant (%s):\n%s", stderr, golden, want)
			}
		})
	}
}

// Inputs too large to commit are made here: a 10 MB single line, and an
// agreements file over 1 MiB.
func TestHugeInputs(t *testing.T) {
	t.Chdir("../..")
	dir := t.TempDir()
	line := strings.Repeat("9", 10<<20)
	cases := map[string]string{
		"quotes-10mb-line.csv":     "date,average\n2026-03-02,23620\n" + line + "\n",
		"deliveries-10mb-line.csv": "ticket,date,buyer,tapped_t,delivered_t\n" + line + "\n",
		"agreements-2mb.yaml":      "# " + strings.Repeat("x", 2<<20) + "\n",
	}
	want := map[string]string{
		"quotes-10mb-line.csv":     ":3: is longer than 1048576 bytes",
		"deliveries-10mb-line.csv": ":2: is longer than 1048576 bytes",
		"agreements-2mb.yaml":      ": is larger than 1048576 bytes",
	}
	for name, text := range cases {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Run(name, func(t *testing.T) {
			args := badCommand(path)
			stdout, stderr, status := runAlprice(t, "", args...)
			if status != 2 || stdout != "" || !strings.Contains(stderr, path+want[name]) {
				t.Errorf("exit %d, stdout %d bytes, stderr %q; want 2, nothing, %q", status, len(stdout), stderr, want[name])
			}
		})
	}
}

// TestAgreementsPageError holds the error docs/agreements.md shows for its
// bad.yaml to what the reader says of the same file
// (testdata/bad/agreements-docs-example.yaml): a key list that drifts, as
// when provisional_basis was added, fails here (issue 27 item 18).
func TestAgreementsPageError(t *testing.T) {
	t.Chdir("../..")
	page, err := os.ReadFile("docs/agreements.md")
	if err != nil {
		t.Fatal(err)
	}
	const path = "testdata/bad/agreements-docs-example.yaml"
	_, stderr, status := runAlprice(t, "", "lint", "--agreements", path)
	shown := strings.ReplaceAll(stderr, path, "bad.yaml")
	if status != 2 || !strings.Contains(string(page), "```\n"+shown+"```\n") {
		t.Errorf("docs/agreements.md does not show what lint says of bad.yaml (exit %d):\n%s", status, shown)
	}
}

// check and trueup read the invoices while the deliveries are settled
// beside them: with both bad, the invoices' error is the one said, as when
// they were read first, whatever finishes first; with good invoices, the
// deliveries' own.
func TestBadInvoicesAndDeliveries(t *testing.T) {
	t.Chdir("../..")
	const badInvoices, badDeliveries = "testdata/bad/invoices-rate-without-percent.csv", "testdata/bad/deliveries-negative-weight.csv"
	for _, cmd := range [][]string{
		{"check", "--agreements", "testdata/agreements.yaml", "--quotes", h1Quotes},
		{"trueup", "--agreements", "testdata/agreements.yaml", "--quotes", h1Quotes},
	} {
		for range 5 {
			_, stderr, status := runAlprice(t, "", append(cmd, "--invoices", badInvoices, "--deliveries", badDeliveries)...)
			if status != 2 || !strings.Contains(stderr, badInvoices) || strings.Contains(stderr, badDeliveries) {
				t.Fatalf("%s, both bad: exit %d, stderr\n%s\nwant 2 and the invoices' error alone", cmd[0], status, stderr)
			}
		}
		_, stderr, status := runAlprice(t, "", append(cmd, "--invoices", "testdata/trueup/issued.csv", "--deliveries", badDeliveries)...)
		if status != 2 || !strings.Contains(stderr, badDeliveries) {
			t.Fatalf("%s, bad deliveries: exit %d, stderr\n%s", cmd[0], status, stderr)
		}
	}
}
