package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"alprice/cmd/alprice/report"
)

// The printed documents without a browser (documents_browser_test.go opens
// them in one): --out x.html writes HTML, the statement's figures are the
// JSON's, --notice is HTML only.
func TestDocumentsHTML(t *testing.T) {
	t.Chdir("../..")
	sample := []string{"settle", "--agreements", "testdata/agreements.yaml", "--quotes", "testdata/quotes-2026-h1.csv", "--deliveries", "testdata/deliveries-2026-03.csv"}
	out := filepath.Join(t.TempDir(), "march.html")
	if _, stderr, status := runAlprice(t, "", append(sample, "--out", out, "--lang", "zh")...); status != 0 {
		t.Fatalf("exit status %d: %s", status, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	stdout, _, _ := runAlprice(t, "", append(sample, "--format", "json")...)
	var j struct {
		Statements []map[string]any `json:"statements"`
	}
	if err := json.Unmarshal([]byte(stdout), &j); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(doc, `<section class="paper statement"`); n != len(j.Statements) {
		t.Errorf("%d statements in the HTML, %d in the JSON", n, len(j.Statements))
	}
	for _, st := range j.Statements {
		for _, key := range []string{"amount", "amount_excl_vat", "vat", "unit_price", "delivered_t"} {
			if want := field(st, key); !strings.Contains(doc, ">"+groupText(want)+"<") {
				t.Errorf("%s: no %s %s in the HTML", field(st, "agreement"), key, want)
			}
		}
		if want := "人民币" + field(st, "amount_in_words"); !strings.Contains(doc, want) {
			t.Errorf("%s: no %s in the HTML", field(st, "agreement"), want)
		}
	}
	if !strings.HasPrefix(doc, "<!DOCTYPE html>") || !strings.Contains(doc, `<html lang="zh-CN">`) || strings.Contains(doc, "<script") {
		t.Error("not a Chinese HTML document without script")
	}
	_, stderr, status := runAlprice(t, "", "table", "--agreements", "testdata/agreements.yaml", "--quotes", "testdata/quotes-2026-h1.csv", "--month", "2026-03", "--notice")
	if status != 2 || !strings.Contains(stderr, "--notice writes price notices as HTML") {
		t.Errorf("--notice without HTML: exit status %d, %s", status, stderr)
	}
}

// A notice for a month priced on the previous month's average, whose own
// quotes are not in yet (July, for ZD-2026-002 priced on June), still
// draws its chart: the months before it the quotes have, and its own price.
func TestNoticeChartBeforeTheMonthIsQuoted(t *testing.T) {
	t.Chdir("../..")
	stdout, _, status := runAlprice(t, "", "table", "--agreements", "testdata/agreements.yaml", "--quotes", "testdata/quotes-2026-h1.csv",
		"--month", "2026-07", "--notice", "--format", "html", "--lang", "en")
	if status != 1 { // the agreements priced on July itself have no price yet
		t.Fatalf("exit status %d", status)
	}
	// The months without a price say why in the run's language, and in
	// English beside it for scripts.
	stdout2, _, _ := runAlprice(t, "", "table", "--agreements", "testdata/agreements.yaml", "--quotes", "testdata/quotes-2026-h1.csv",
		"--month", "2026-07", "--format", "json", "--lang", "zh")
	if !strings.Contains(stdout2, `"unavailable_en": "agreement ZD-2026-001`) || !strings.Contains(stdout2, `"unavailable": "协议 ZD-2026-001`) {
		t.Errorf("table JSON in Chinese without its English beside:\n%s", stdout2)
	}
	notices, charts := strings.Count(stdout, `<section class="paper notice`), strings.Count(stdout, "<svg")
	if notices != 1 || charts != 1 || !strings.Contains(stdout, ">2026-07<") {
		t.Errorf("%d notices, %d charts, July drawn %v", notices, charts, strings.Contains(stdout, ">2026-07<"))
	}
}

// field is a field of a JSON object as text.
func field(m map[string]any, key string) string {
	if s, ok := m[key].(string); ok {
		return s
	}
	data, _ := json.Marshal(m[key])
	return string(data)
}

// groupText is a plain figure as people's formats show it.
func groupText(s string) string { return report.Group(s) }
