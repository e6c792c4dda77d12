package main

import (
	"archive/zip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// openWorkbook runs alprice with --out FILE.xlsx and opens the workbook.
func openWorkbook(t *testing.T, name string, args ...string) (*excelize.File, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	_, stderr, status := runAlprice(t, "", append(args, "--out", path)...)
	if status != 0 {
		t.Fatalf("exit %d: %s", status, stderr)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, path
}

// checkNumber checks that a cell holds the number want, as a number, with
// the number format format.
func checkNumber(t *testing.T, f *excelize.File, sheet, cell, want, format string) {
	t.Helper()
	typ, err := f.GetCellType(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	// The number, whatever digits spell it: 24389 is 24389.00.
	got, err := decimal.NewFromString(raw)
	if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString || err != nil || !got.Equal(decimal.RequireFromString(want)) {
		t.Errorf("%s!%s: %q (type %v), want the number %s", sheet, cell, raw, typ, want)
	}
	id, _ := f.GetCellStyle(sheet, cell)
	style, err := f.GetStyle(id)
	if err != nil || style.CustomNumFmt == nil || *style.CustomNumFmt != format {
		t.Errorf("%s!%s: number format %v, want %q", sheet, cell, style, format)
	}
}

func checkText(t *testing.T, f *excelize.File, sheet, cell, want string) {
	t.Helper()
	got, _ := f.GetCellValue(sheet, cell)
	typ, _ := f.GetCellType(sheet, cell)
	if got != want || (typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString) {
		t.Errorf("%s!%s: %q (type %v), want the text %q", sheet, cell, got, typ, want)
	}
}

func hasChart(t *testing.T, path string) bool {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	return slices.ContainsFunc(z.File, func(f *zip.File) bool { return strings.HasPrefix(f.Name, "xl/charts/chart") })
}

func TestTableWorkbook(t *testing.T) {
	t.Chdir("../..")
	f, path := openWorkbook(t, "prices.xlsx", "table", "--agreements", "testdata/agreements.yaml", "--quotes", h1Quotes,
		"--from", "2026-01", "--to", "2026-06", "--lang", "zh")
	sheets := f.GetSheetList()
	want := []string{"ZD-2026-001 准东示例铝材有限公司", "ZD-2026-002 昌吉示例铝箔有限公司", "WC-2026-003 五彩湾示例线缆有限公司", "走势图"}
	if !slices.Equal(sheets, want) {
		t.Fatalf("sheets %q, want %q", sheets, want)
	}
	zd := sheets[0]
	checkText(t, f, zd, "A1", "铝液价格表 · 2026-01 至 2026-06 · 供方 准东示例电解铝有限公司") // the period in the title row (#27 item 18)
	checkText(t, f, zd, "A3", "供货月份")
	checkText(t, f, zd, "M3", "含税单价")
	// Row 6 is 2026-03: the A00 average 24389 and the unit price 23402.67.
	checkText(t, f, zd, "A6", "2026-03")
	checkNumber(t, f, zd, "E6", "24389.00", "#,##0.00")
	checkNumber(t, f, zd, "H6", "-146.33", "#,##0.00")
	checkNumber(t, f, zd, "M6", "23402.67", "#,##0.00")
	checkNumber(t, f, zd, "D6", "22", "0")
	panes, err := f.GetPanes(zd)
	if err != nil || !panes.Freeze || panes.YSplit != 3 {
		t.Errorf("header not frozen: %+v %v", panes, err)
	}
	if w, _ := f.GetColWidth(zd, "A"); w < 10 {
		t.Errorf("column A is %v wide: too narrow for its labels", w)
	}
	chart := sheets[3]
	checkText(t, f, chart, "B3", "A00月均价(精确均值)")
	checkText(t, f, chart, "A6", "2026-03")
	// The benchmark before rounding: 536550 ÷ 22 = 24388.6364 (testdata/golden/README.md).
	checkNumber(t, f, chart, "B6", "24388.6364", "0.0000")
	checkNumber(t, f, chart, "C6", "23402.67", "#,##0.00")
	// The months are benchmark months (#27 item 19): ZD-2026-002 prices on
	// the previous month, so its 2026-02 price, 23147.45, set on January's
	// average, is drawn at 2026-01, and its 2026-06 price at 2026-05
	// (23417.32, golden table); nothing is drawn at 2026-06.
	checkText(t, f, chart, "A3", "基准月份")
	checkNumber(t, f, chart, "D4", "23147.45", "#,##0.00")
	checkNumber(t, f, chart, "D8", "23417.32", "#,##0.00")
	if v, _ := f.GetCellValue(chart, "D9"); v != "" {
		t.Errorf("ZD-2026-002 prices nothing on 2026-06's average, the chart must show a gap, not %q", v)
	}
	if !hasChart(t, path) {
		t.Error("no chart in the workbook")
	}
}

func TestSettleWorkbook(t *testing.T) {
	t.Chdir("../..")
	f, path := openWorkbook(t, "statement.xlsx", "settle", "--agreements", "testdata/agreements.yaml", "--quotes", h1Quotes,
		"--deliveries", "testdata/deliveries-2026-03.csv", "--invoice-cap", "1000000")
	sheets := f.GetSheetList()
	if !slices.Equal(sheets, []string{"Statements", "Tickets by day", "Invoice lines"}) {
		t.Fatalf("sheets %q", sheets)
	}
	st := sheets[0]
	// Every sheet's title row says the period (#27 item 18).
	for _, sheet := range sheets {
		checkText(t, f, sheet, "A1", "Settlement of molten aluminium deliveries · testdata/deliveries-2026-03.csv · 2026-03 · seller 准东示例电解铝有限公司")
	}
	checkText(t, f, st, "A4", "ZD-2026-001")
	checkNumber(t, f, st, "D4", "11", "0")
	checkNumber(t, f, st, "F4", "340.617", "#,##0.000")
	checkNumber(t, f, st, "N4", "7971347.25", "#,##0.00")
	checkText(t, f, st, "A7", "Total")
	checkNumber(t, f, st, "N7", "16824175.77", "#,##0.00")
	// The benchmark's status is a column of every workbook that carries a
	// price (#23), in the workbook's language.
	checkText(t, f, st, "Q3", "Benchmark status")
	checkText(t, f, st, "Q4", "final")
	days := sheets[1]
	checkText(t, f, days, "A4", "ZD-2026-001")
	checkText(t, f, days, "B4", "2026-03-02")
	checkNumber(t, f, days, "C4", "2", "0")
	checkNumber(t, f, days, "E4", "61.955", "#,##0.000") // 31.180 + 30.775
	if hasChart(t, path) {
		t.Error("settle has no chart")
	}
}

// The report's workbook has its chart for a single month too (#27 item
// 18): before, only a period of two months or more had one.
func TestReportWorkbookChart(t *testing.T) {
	t.Chdir("../..")
	for _, period := range [][]string{{"--month", "2026-03"}, {"--from", "2026-03", "--to", "2026-04"}} {
		args := append([]string{"report", "--agreements", "testdata/report/agreements.yaml", "--quotes", h1Quotes,
			"--deliveries", "testdata/report/deliveries-2026-h1.csv", "--production", "testdata/report/production-2026-h1.csv"}, period...)
		f, path := openWorkbook(t, "report.xlsx", args...)
		if !slices.Contains(f.GetSheetList(), "Chart") || !hasChart(t, path) {
			t.Errorf("%v: no chart (sheets %q)", period, f.GetSheetList())
		}
	}
}

func TestOtherWorkbooks(t *testing.T) {
	t.Chdir("../..")
	f, _ := openWorkbook(t, "average.xlsx", "average", "--quotes", h1Quotes)
	checkNumber(t, f, f.GetSheetList()[0], "G5", "24388.6364", "0.0000")
	f, _ = openWorkbook(t, "check.xlsx", "check", "--agreements", "testdata/agreements.yaml", "--quotes", h1Quotes,
		"--deliveries", "testdata/deliveries-2026-03.csv", "--invoices", "testdata/invoices/clean-2026-03.csv")
	if len(f.GetSheetList()) != 1 {
		t.Errorf("a clean check has one sheet, not %q", f.GetSheetList())
	}
	// A text cell that would run as a formula is neutralised.
	dir := t.TempDir()
	evil := filepath.Join(dir, "evil.yaml")
	deliveries := filepath.Join(dir, "d.csv")
	os.WriteFile(evil, []byte("agreements:\n  - {id: \"=1+1\", buyer: \"@B\", terms: [{from: 2026-01, deductions: [{kind: transport, value: 600}]}]}\n"), 0o644)
	os.WriteFile(deliveries, []byte("ticket,date,buyer,tapped_t,delivered_t\nT1,2026-03-02,=1+1,31.25,31.2\n"), 0o644)
	f, _ = openWorkbook(t, "evil.xlsx", "settle", "--agreements", evil, "--quotes", h1Quotes, "--deliveries", deliveries)
	checkText(t, f, "Statements", "A4", "'=1+1")
	checkText(t, f, "Statements", "B4", "'@B")
}

// A provisional price is marked on its row in the workbook, not only in
// the title.
func TestProvisionalWorkbook(t *testing.T) {
	t.Chdir("../..")
	// The sample store up to 2026-03-06: March in progress, February final.
	all, err := os.ReadFile(h1Quotes)
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, line := range strings.SplitAfter(string(all), "\n") {
		if line < "2026-03-07" || strings.HasPrefix(line, "date") {
			text.WriteString(line)
		}
	}
	quotes := filepath.Join(t.TempDir(), "march-part.csv")
	os.WriteFile(quotes, []byte(text.String()), 0o644)
	t.Setenv("ALPRICE_TODAY", "2026-03-07")
	f, _ := openWorkbook(t, "table.xlsx", "table", "--agreements", "testdata/agreements.yaml", "--agreement", "ZD-2026-001",
		"--quotes", quotes, "--month", "2026-03", "--provisional", "--lang", "zh")
	sheet := f.GetSheetList()[0]
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var header, row []string
	for _, r := range rows {
		if slices.Contains(r, "基准状态") {
			header = r
		} else if header != nil && len(r) > 0 && r[0] == "2026-03" {
			row = r
		}
	}
	i := slices.Index(header, "基准状态")
	if i < 0 || row == nil || i >= len(row) || row[i] != "暂定" {
		t.Errorf("no 基准状态 暂定 in the 2026-03 row: header %q, row %q", header, row)
	}
}

func TestXLSXNeedsOut(t *testing.T) {
	_, stderr, status := runAlprice(t, "", "quote", "--a00", "24389", "--format", "xlsx")
	if status != 2 || !strings.Contains(stderr, "--format xlsx writes a workbook: give --out FILE.xlsx") {
		t.Errorf("exit %d, %q", status, stderr)
	}
}

func TestBOM(t *testing.T) {
	stdout, _, _ := runAlprice(t, "", "quote", "--a00", "24389", "--format", "csv", "--bom")
	if !strings.HasPrefix(stdout, "\uFEFFkind,label,") {
		t.Errorf("--bom: %.20q", stdout)
	}
	stdout, _, _ = runAlprice(t, "", "quote", "--a00", "24389", "--format", "csv")
	if strings.HasPrefix(stdout, "\uFEFF") {
		t.Error("a BOM without --bom")
	}
}

// A price table of thousands of agreements is one sheet (the agreement and
// buyer shown), written in seconds.
func TestTableWorkbookOfManyAgreements(t *testing.T) {
	dir := t.TempDir()
	many := manyAgreements(t, dir, 60)
	path := filepath.Join(dir, "many.xlsx")
	wd, _ := os.Getwd()
	if _, stderr, status := runAlprice(t, "", "table", "--agreements", many, "--quotes", filepath.Join(wd, "..", "..", h1Quotes), "--out", path); status != 0 {
		t.Fatal(stderr)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 2 { // the table and the chart
		t.Fatalf("sheets %q", sheets)
	}
	checkText(t, f, sheets[0], "A2", "agreement")
	checkText(t, f, sheets[0], "A3", "A-00000")
	checkText(t, f, sheets[0], "C3", "2026-01")
	rows, _ := f.GetRows(sheets[0])
	if n := len(rows); n < 2+60*6 {
		t.Errorf("%d rows, want a header and 360", n)
	}
	// Row 3 + 59 × 6 + 2 is A-00059's March: transport 559 CNY/t and burn loss
	// 0.6% of 24389 (146.334 → 146.33): 24389 − 559 − 146.33 = 23683.67.
	checkText(t, f, sheets[0], "A359", "A-00059")
	checkText(t, f, sheets[0], "C359", "2026-03")
	checkNumber(t, f, sheets[0], "O359", "23683.67", "#,##0.00")
}
