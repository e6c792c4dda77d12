package main

import (
	"encoding/csv"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// shownNumber is a number as a table or Markdown golden shows it.
var shownNumber = regexp.MustCompile(`-?\d[\d,]*(\.\d+)?`)

// goldenFigures returns every number of the goldens matching glob, by
// value: "24389.00", "24,389.00" and 24389 are one figure.
func goldenFigures(t *testing.T, glob string) map[string]bool {
	t.Helper()
	paths, err := filepath.Glob(glob)
	if err != nil || len(paths) == 0 {
		t.Fatalf("%s: no goldens (%v)", glob, err)
	}
	figures := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		case string:
			if d, err := decimal.NewFromString(strings.TrimSuffix(v, "%")); err == nil {
				figures[d.String()] = true
				figures[d.Abs().String()] = true
			}
		case json.Number:
			if d, err := decimal.NewFromString(v.String()); err == nil {
				figures[d.String()] = true
				figures[d.Abs().String()] = true
			}
		}
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(filepath.Base(p), "json") && !strings.Contains(filepath.Base(p), "csv") {
			// a table or Markdown: every number it shows, thousands commas and all
			for _, m := range shownNumber.FindAllString(string(data), -1) {
				walk(strings.ReplaceAll(m, ",", ""))
			}
			continue
		}
		if strings.Contains(filepath.Base(p), "csv") {
			records, err := csv.NewReader(strings.NewReader(string(data))).ReadAll()
			if err != nil {
				// the tables of a CSV golden are apart by blank lines; read cells plainly
				records = nil
				for _, line := range strings.Split(string(data), "\n") {
					records = append(records, strings.Split(line, ","))
				}
			}
			for _, rec := range records {
				for _, cell := range rec {
					walk(cell)
				}
			}
			continue
		}
		dec := json.NewDecoder(strings.NewReader(string(data)))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		walk(v)
	}
	return figures
}

// figureText reads a figure as a worked table or a figures file writes it:
// a sign as − or +, thousands commas, a unit after it.
func figureText(s string) (decimal.Decimal, bool) {
	s = strings.NewReplacer("−", "-", "+", "", ",", "").Replace(strings.TrimSpace(s))
	s = strings.TrimRight(s, "t%")
	d, err := decimal.NewFromString(s)
	return d, err == nil
}

// workedFigure matches a figure the workings state: a number, with its
// sign, not part of a date (2026-03), a month (03) or an id.
var workedFigure = regexp.MustCompile(`(^|[\s(=:/x×])([−+-]?\d[\d,]*(?:\.\d+)?)(?:\s?t\b|%)?(?:$|[\s,;)])`)

// TestWorkedFiguresInGoldens holds the independent workings to the goldens
// by machine: every figure of testdata/report/figures.txt and
// testdata/trueup/figures.txt (each written by a script that does not call
// alprice), and every result of the worked tables of
// testdata/golden/README.md, is a figure of the goldens of its command.
func TestWorkedFiguresInGoldens(t *testing.T) {
	t.Chdir("../..")
	for _, c := range []struct{ workings, goldens string }{
		{"testdata/report/figures.txt", "testdata/golden/report/h1-[jc]s*-en.golden"},
		{"testdata/trueup/figures.txt", "testdata/golden/trueup/worked-example-[jc]s*-en.golden"},
	} {
		figures := goldenFigures(t, c.goldens)
		data, err := os.ReadFile(c.workings)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for i, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(line, "issued ") {
				continue // an invoice of the input, worked out to make it
			}
			line = regexp.MustCompile(`\([a-z]+ [\d,]+\)`).ReplaceAllString(line, " ") // a flag's value: (cap 100,000)
			line = regexp.MustCompile(`\b\d{4}-\d{2}\b|[A-Z]{2}-[A-Z0-9-]+`).ReplaceAllString(line, " ")
			for _, m := range workedFigure.FindAllStringSubmatch(line, -1) {
				d, ok := figureText(m[2])
				if !ok {
					continue
				}
				n++
				if !figures[d.String()] {
					t.Errorf("%s:%d: %s is in no golden of %s", c.workings, i+1, m[2], c.goldens)
				}
			}
		}
		if n < 40 {
			t.Errorf("%s: only %d figures read", c.workings, n)
		}
	}
}

// TestWorkedTablesInGoldens holds the worked tables of
// testdata/golden/README.md to the goldens of the folder each section
// names: every result in a table — a cell that is a figure, or what
// follows its → or its last = — is a figure of that folder's JSON or CSV
// goldens. Columns that show a working rather than a result are skipped.
func TestWorkedTablesInGoldens(t *testing.T) {
	t.Chdir("../..")
	data, err := os.ReadFile("testdata/golden/README.md")
	if err != nil {
		t.Fatal(err)
	}
	skipColumns := map[string]bool{"working": true, "unit × delivered": true, "line": true, "month": true, "supply": true,
		"priced on": true, "agreement": true, "first": true, "last": true, "weekdays without quote": true,
		"public holidays on weekdays": true, "missing (gaps)": true, "weekdays": true, "trading days": true,
		"fixed deductions": true} // a sum of the agreement's lines, shown line by line
	// The folders whose goldens a section's figures may be in besides its
	// own: the averages to the fen are what WC-2026-003 prices on.
	alsoIn := map[string][]string{"average": {"table"}}
	var figures map[string]bool
	var dir string
	var header []string
	n := 0
	for i, line := range strings.Split(string(data), "\n") {
		if d, ok := strings.CutPrefix(line, "## "); ok {
			dir, _, _ = strings.Cut(d, "/")
			figures = goldenFigures(t, filepath.Join("testdata/golden", dir, "*.golden"))
			for _, other := range alsoIn[dir] {
				maps.Copy(figures, goldenFigures(t, filepath.Join("testdata/golden", other, "*.golden")))
			}
			header = nil
			continue
		}
		if !strings.HasPrefix(line, "|") {
			header = nil
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		switch {
		case header == nil:
			header = cells
			continue
		case strings.HasPrefix(strings.TrimSpace(cells[0]), "---"), strings.TrimSpace(cells[0]) == "before rounding":
			continue // the rule, or a working the build-up shows as its rounding line
		}
		for j, cell := range cells {
			if j >= len(header) || skipColumns[strings.TrimSpace(header[j])] {
				continue
			}
			cell = regexp.MustCompile(`\([^)]*\)`).ReplaceAllString(cell, "")
			if k := strings.LastIndexAny(cell, "→="); k >= 0 {
				cell = cell[k+len(string([]rune(cell[k:])[0])):]
			} else if strings.ContainsAny(cell, "×÷") {
				continue
			}
			d, ok := figureText(cell)
			if !ok {
				continue
			}
			n++
			if figures != nil && !figures[d.String()] {
				t.Errorf("testdata/golden/README.md:%d: %s (%s) is in no golden of testdata/golden/%s", i+1, strings.TrimSpace(cell), strings.TrimSpace(header[j]), dir)
			}
		}
	}
	if n < 100 {
		t.Errorf("only %d figures read", n)
	}
}
