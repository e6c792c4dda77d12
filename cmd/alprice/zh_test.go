package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// asciiWord is a run of Latin letters: an English word, or part of an id.
var asciiWord = regexp.MustCompile(`[A-Za-z][A-Za-z_.]*[A-Za-z]|[A-Za-z]`)

// zhAllowed are the ASCII words Chinese output may hold: ids, file names,
// the benchmark's name, units and the tool's own name.
var zhAllowed = []string{"A", "ZD", "WC", "TU", "H", "testdata", "csv", "yaml", "golden", "invoices", "lint", "deliveries",
	"quotes", "changjiang", "h", "agreements", "violations", "LINT", "README", "trueup", "issued", "FP", "report", "alprice",
	"kg", "t", "t coal", "coal", "x", "xlsx", "md", "json", "einvoice", "transport", "left", "out", "clean", "tapped", "weight",
	"on", "top", "gbk", "chinese", "headers", "utf", "bom", "a",
	"xml", "red", "partial", "full", "summary", "mixed"}

// TestChineseOutputSaysNoEnglish scans every Chinese golden of the
// people's formats (table and Markdown) for English words outside the
// allow-list: nothing English in zh output but ids and file names.
func TestChineseOutputSaysNoEnglish(t *testing.T) {
	paths, err := filepath.Glob("../../testdata/golden/*/*zh*.golden")
	if err != nil || len(paths) < 10 {
		t.Fatalf("%d Chinese goldens, %v", len(paths), err)
	}
	for _, path := range paths {
		if strings.Contains(path, "-json-") || strings.Contains(path, "-csv-") {
			continue // machine formats: keys and codes stay English
		}
		data, _ := os.ReadFile(path)
		for n, line := range strings.Split(string(data), "\n") {
			for _, w := range asciiWord.FindAllString(line, -1) {
				if ext := filepath.Ext(w); ext == ".csv" || ext == ".yaml" || ext == ".golden" || ext == ".xml" || ext == ".xlsx" {
					continue // a file name
				}
				if !slices.Contains(zhAllowed, w) && !strings.HasPrefix(w, "testdata") {
					t.Errorf("%s:%d: %q in Chinese output: %s", filepath.Base(path), n+1, w, line)
					break
				}
			}
		}
	}
}
