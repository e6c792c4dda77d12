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

// notWords are what Chinese output holds in Latin letters that is no
// English: paths and file names (testdata/agreements.yaml, cjxh_1.html),
// ids and invoice numbers (ZD-2026-001, FP26030001, LINT-001), the
// benchmark's name (A00) and flags (--lang). They are taken out before the
// words are looked at, so that no English word passes for part of one.
var notWords = regexp.MustCompile(`[\w.~-]*(?:/[\w.~-]+)+/?|[\w.-]+\.(?:csv|yaml|xml|xlsx|json|html|md|golden|txt)\b|\b[A-Z]+[0-9][A-Z0-9]*\b|\b[A-Z]+(?:-[A-Z0-9]+)+\b|--[a-z-]+|\bA00\b`)

// zhAllowed are the words left that Chinese output may hold: units and
// the tool's own name.
var zhAllowed = []string{"t", "kg", "alprice"}

// TestChineseOutputSaysNoEnglish scans every Chinese golden of the
// people's formats (table and Markdown) for English words: nothing English
// in zh output but paths, ids, units and the tool's name (#27 item 7).
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
			if w := englishIn(line); w != nil {
				t.Errorf("%s:%d: %q in Chinese output: %s", filepath.Base(path), n+1, w, line)
			}
		}
	}
}

// englishIn returns the English words of a line of Chinese output, once
// its paths, ids and flags are taken out.
func englishIn(line string) []string {
	var words []string
	for _, w := range asciiWord.FindAllString(notWords.ReplaceAllString(line, " "), -1) {
		if !slices.Contains(zhAllowed, w) {
			words = append(words, w)
		}
	}
	return words
}

// The words the old allow-list let through ("on", "top", "weight", from
// file names) are English again outside a path; a path, an id or a flag
// is not.
func TestEnglishIn(t *testing.T) {
	for line, want := range map[string][]string{
		"* 未定价:协议 ZD-2026-001:供货月份 2026-07:/work/testdata/quotes-2026-h1.csv 中没有报价":               nil,
		"检查 · testdata/invoices/vat-on-top.csv · FP26030001 · LINT-001 · A00 · 31.250 t · --lang": nil,
		"alprice:错误:单价将为 -410.00 元/吨:扣减(transport 600.00、casting 400.00)":                         {"transport", "casting"},
		"价格 on top of weight":                       {"on", "top", "of", "weight"},
		"* 未定价:agreement ZD-2026-001 has no quotes": {"agreement", "has", "no", "quotes"},
	} {
		if got := englishIn(line); !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", line, got, want)
		}
	}
}
