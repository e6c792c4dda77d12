package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// Every command's help parses and has an example and an EXIT STATUS
// section (cobra's own completion commands aside).
func TestEveryHelp(t *testing.T) {
	var walk func(c *cobra.Command)
	seen := 0
	walk = func(c *cobra.Command) {
		if c.Name() == "completion" || c.Name() == "help" {
			return
		}
		path := strings.Fields(c.CommandPath())[1:]
		stdout, stderr, status := runAlprice(t, "", append(path, "--help")...)
		if status != 0 || stderr != "" {
			t.Errorf("%s --help: exit %d, %s", c.CommandPath(), status, stderr)
		}
		if !strings.Contains(stdout, "EXIT STATUS") || !strings.Contains(stdout, "Examples:") {
			t.Errorf("%s --help has no example or no EXIT STATUS", c.CommandPath())
		}
		seen++
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRootCmd(&app{in: strings.NewReader(""), out: &bytes.Buffer{}, err: &bytes.Buffer{}, getenv: env}))
	if seen < 9 {
		t.Errorf("only %d commands walked", seen)
	}
}

// The man pages carry a fixed date, so that two runs write the same bytes.
func TestManPagesAreReproducible(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if _, stderr, status := runAlprice(t, "", "docs", "man", dir); status != 0 {
			t.Fatal(stderr)
		}
	}
	pages, _ := filepath.Glob(filepath.Join(a, "*.1"))
	if len(pages) < 9 {
		t.Fatalf("%d pages", len(pages))
	}
	for _, p := range pages {
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, filepath.Base(p)))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", filepath.Base(p))
		}
		if !bytes.Contains(x, []byte(`"Jan 2026"`)) {
			t.Errorf("%s does not carry the fixed date", filepath.Base(p))
		}
	}
	settle, _ := os.ReadFile(filepath.Join(a, "alprice-settle.1"))
	if !bytes.Contains(settle, []byte("EXIT STATUS")) || !bytes.Contains(settle, []byte("delivered weight")) {
		t.Error("alprice-settle.1 lacks the command's help")
	}
	if _, stderr, status := runAlprice(t, "", "docs", "man", a, "--date", "2026-13-01"); status != 2 || !strings.Contains(stderr, "--date") {
		t.Errorf("a bad --date: %d %s", status, stderr)
	}
}
