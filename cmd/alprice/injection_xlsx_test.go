package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// hostileBuyer is a buyer's name a spreadsheet would run as a formula.
const hostileBuyer = `=HYPERLINK("http://evil","click me")`

// workbookCells returns every non-empty cell of every sheet of the
// workbook at path, by sheet!cell, with its value as excelize reads it; a
// cell holding a formula, or holding hostileBuyer's text in a cell that
// is not a text cell, is an error (#28 item 16).
func workbookCells(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cells := map[string]string{}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if v == "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if formula, _ := f.GetCellFormula(sheet, ref); formula != "" {
					t.Errorf("%s: %s!%s holds the formula %q", path, sheet, ref, formula)
				}
				typ, _ := f.GetCellType(sheet, ref)
				if strings.Contains(v, "HYPERLINK") && typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString &&
					typ != excelize.CellTypeFormula {
					t.Errorf("%s: %s!%s = %q is of type %v, not text", path, sheet, ref, v, typ)
				}
				cells[sheet+"!"+ref] = v
			}
		}
	}
	return cells
}

// A buyer named =HYPERLINK(…) is text in every workbook alprice writes,
// never a formula: the report workbook shows it with the apostrophe that
// CSV has; the 数电 batch file keeps the name exact, in a text cell, since
// the platform would print an apostrophe on the invoice.
func TestWorkbooksRunNoFormula(t *testing.T) {
	t.Chdir("../..")
	data, err := os.ReadFile("testdata/einvoice/agreements.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	agreements := filepath.Join(dir, "a.yaml")
	text := strings.Replace(string(data), "buyer: 准东示例铝材有限公司", "buyer: '"+hostileBuyer+"'", 1)
	if text == string(data) {
		t.Fatal("the buyer is not in the sample")
	}
	if err := os.WriteFile(agreements, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out, batch := filepath.Join(dir, "s.xlsx"), filepath.Join(dir, "e.xlsx")
	_, stderr, status := runAlprice(t, "", "settle", "--agreements", agreements, "--quotes", h1Quotes,
		"--deliveries", "testdata/deliveries-2026-03.csv", "--einvoice", batch, "--out", out, "--lang", "en")
	if status != 0 {
		t.Fatalf("exit %d: %s", status, stderr)
	}
	for _, c := range []struct {
		path, want string
	}{{out, "'" + hostileBuyer}, {batch, hostileBuyer}} {
		found := 0
		for ref, v := range workbookCells(t, c.path) {
			if strings.Contains(v, "HYPERLINK") {
				found++
				if v != c.want && !strings.Contains(v, " "+c.want) {
					t.Errorf("%s: %s = %q, want %q", c.path, ref, v, c.want)
				}
			}
		}
		if found == 0 {
			t.Errorf("%s: the buyer is in no cell", c.path)
		}
	}
}

// A price table's chart names its series for the agreements: an id that
// starts as a formula does is written with its apostrophe there too.
func TestChartRunsNoFormula(t *testing.T) {
	t.Chdir("../..")
	dir := t.TempDir()
	agreements := filepath.Join(dir, "a.yaml")
	if err := os.WriteFile(agreements, []byte(`agreements:
  - id: "@SUM(A1)"
    buyer: '`+hostileBuyer+`'
    terms:
      - from: 2026-01
        deductions:
          - {kind: transport, value: 600}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "t.xlsx")
	_, stderr, status := runAlprice(t, "", "table", "--agreements", agreements, "--quotes", h1Quotes, "--from", "2026-01", "--to", "2026-06", "--out", out)
	if status != 0 {
		t.Fatalf("exit %d: %s", status, stderr)
	}
	found := 0
	for ref, v := range workbookCells(t, out) {
		if i := strings.Index(v, "@SUM"); i >= 0 {
			found++
			if i == 0 {
				t.Errorf("%s = %q: not neutralised", ref, v)
			}
		}
	}
	if found < 2 {
		t.Errorf("the id is in %d cells; want the table's and the chart's", found)
	}
}
