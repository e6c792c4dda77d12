package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A lint workbook has a sheet named for what it holds, whatever the file's
// path (its slashes once made excelize refuse the name, exit 2, no file),
// and says "no finding" on it when there is none (#27 item 2).
func TestLintWorkbook(t *testing.T) {
	t.Chdir("../..")
	for _, c := range []struct {
		agreements string
		status     int
		lang       string
		sheet      string
		cell       string
		text       string
	}{
		{"testdata/lint/violations.yaml", 1, "en", "Policy lint", "A2", "Agreement"},
		{"testdata/agreements.yaml", 0, "zh", "政策检查", "A4", "未发现问题:各协议均按政策第二条载明扣减项目。"},
	} {
		path := filepath.Join(t.TempDir(), "lint.xlsx")
		_, stderr, status := runAlprice(t, "", "lint", "--agreements", c.agreements, "--lang", c.lang, "--out", path)
		if status != c.status {
			t.Fatalf("%s: exit %d, want %d: %s", c.agreements, status, c.status, stderr)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if got := f.GetSheetList(); !slices.Equal(got, []string{c.sheet}) {
			t.Fatalf("%s: sheets %q, want [%q]", c.agreements, got, c.sheet)
		}
		checkText(t, f, c.sheet, c.cell, c.text)
	}
}

// An agreement's sheet keeps its id and its buyer however long the id, and
// a note about one agreement is on that agreement's sheet only (#27 items 2, 20).
func TestTableWorkbookSheetsAndNotes(t *testing.T) {
	dir := t.TempDir()
	agreements := filepath.Join(dir, "a.yaml")
	os.WriteFile(agreements, []byte(`agreements:
  - id: CJ-2026-010/LONG-ID
    buyer: 昌吉示例铝箔有限公司
    terms: [{from: 2026-02, deductions: [{kind: transport, value: 600}]}]
  - id: CJ-2026-011/LONG-ID
    buyer: 昌吉示例铝箔有限公司
    terms: [{from: 2026-01, deductions: [{kind: transport, value: 600}]}]
`), 0o644)
	wd, _ := os.Getwd()
	path := filepath.Join(dir, "prices.xlsx")
	_, stderr, status := runAlprice(t, "", "table", "--agreements", agreements, "--quotes", filepath.Join(wd, "..", "..", h1Quotes),
		"--from", "2026-01", "--to", "2026-02", "--lang", "zh", "--out", path)
	if status != 0 {
		t.Fatalf("exit %d: %s", status, stderr)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"CJ-2026-010-LONG-ID 昌吉示例铝箔有限公司", "CJ-2026-011-LONG-ID 昌吉示例铝箔有限公司", "走势图"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	note := "CJ-2026-010/LONG-ID:2026-01 无适用的协议条款版本,未列出。"
	for i, sheet := range want[:2] {
		rows, _ := f.GetRows(sheet)
		var text []string
		for _, r := range rows {
			text = append(text, strings.Join(r, "|"))
		}
		if got := strings.Contains(strings.Join(text, "\n"), note); got != (i == 0) {
			t.Errorf("sheet %q has the note of CJ-2026-010/LONG-ID: %v, want %v", sheet, got, i == 0)
		}
	}
}
