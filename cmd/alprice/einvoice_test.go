package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// dumpWorkbook lists every cell of a workbook, sheet by sheet, as
// "sheet!A4 = value (number|text)": the golden of a batch-issuing file.
func dumpWorkbook(t *testing.T, path string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			for j, v := range row {
				if v == "" {
					continue
				}
				ref := cell(j+1, i+1)
				typ, _ := f.GetCellType(sheet, ref)
				kind := "text"
				if typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber {
					kind = "number"
				}
				fmt.Fprintf(&b, "%s!%s = %s (%s)\n", sheet, ref, v, kind)
			}
		}
	}
	return b.String()
}

// batchRows reads the data rows of a template sheet by header.
func batchRows(t *testing.T, f *excelize.File, sheet string) []map[string]string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil || len(rows) < 3 {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	var out []map[string]string
	for _, row := range rows[3:] {
		m := map[string]string{}
		for j, v := range row {
			m[rows[2][j]] = v
		}
		out = append(out, m)
	}
	return out
}

// checkBatchRules reads a batch-issuing workbook back and checks the rules
// the platform enforces, independently of the writer's own check.
func checkBatchRules(t *testing.T, path string, limit decimal.Decimal) (invoices, lines int) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"1-发票基本信息", "2-发票明细信息", "3-特定业务信息"}) {
		t.Fatalf("sheets %q", got)
	}
	for sheet, want := range map[string][]string{"1-发票基本信息": basicColumns, "2-发票明细信息": detailColumns} {
		rows, _ := f.GetRows(sheet)
		if !slices.Equal(rows[2], want) {
			t.Errorf("%s headers %q", sheet, rows[2])
		}
	}
	textCell := func(sheet, ref string) {
		if typ, _ := f.GetCellType(sheet, ref); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			t.Errorf("%s!%s is not a text cell", sheet, ref)
		}
	}
	serials := map[string]map[string]string{}
	for i, r := range batchRows(t, f, "1-发票基本信息") {
		row := 4 + i
		serial := r["发票流水号"]
		if serial == "" || serials[serial] != nil {
			t.Errorf("row %d: serial %q empty or repeated", row, serial)
		}
		serials[serial] = r
		if r["是否含税"] != "否" {
			t.Errorf("%s: 是否含税 %q", serial, r["是否含税"])
		}
		if r["发票类型"] == "增值税专用发票" && r["购买方纳税人识别号"] == "" {
			t.Errorf("%s: a special invoice without the buyer's tax id", serial)
		}
		textCell("1-发票基本信息", cell(1, row))
		textCell("1-发票基本信息", cell(8, row))
	}
	amounts := map[string]decimal.Decimal{}
	twoDecimals := regexp.MustCompile(`^\d+(\.\d{1,2})?$`)
	for i, r := range batchRows(t, f, "2-发票明细信息") {
		row := 4 + i
		serial := r["发票流水号"]
		if serials[serial] == nil {
			t.Errorf("detail row %d: serial %q not in the basic sheet", row, serial)
		}
		for _, c := range []string{"项目名称", "商品和服务税收编码", "金额", "税率"} {
			if r[c] == "" {
				t.Errorf("detail row %d: %s is empty", row, c)
			}
		}
		textCell("2-发票明细信息", cell(3, row))
		if len(r["商品和服务税收编码"]) != 19 {
			t.Errorf("detail row %d: tax code %q", row, r["商品和服务税收编码"])
		}
		if r["税率"] != "0.13" || !twoDecimals.MatchString(r["金额"]) {
			t.Errorf("detail row %d: rate %q, amount %q", row, r["税率"], r["金额"])
		}
		amount := decimal.RequireFromString(r["金额"])
		if r["数量"] != "" {
			q, p := decimal.RequireFromString(r["数量"]), decimal.RequireFromString(r["单价"])
			if -p.Exponent() > 13 || -q.Exponent() > 13 || !q.Mul(p).Round(2).Equal(amount) {
				t.Errorf("detail row %d: 数量 %s × 单价 %s does not round to 金额 %s", row, q, p, amount)
			}
		}
		amounts[serial] = amounts[serial].Add(amount)
		lines++
	}
	for serial, a := range amounts {
		if limit.IsPositive() && !a.LessThan(limit) {
			t.Errorf("%s: 金额 %s not below the cap", serial, a)
		}
	}
	if lines > 2000 {
		t.Errorf("%d detail lines in one file", lines)
	}
	return len(serials), lines
}

func settleEInvoice(t *testing.T, out string, more ...string) (string, int) {
	t.Helper()
	wd, _ := os.Getwd()
	root := filepath.Join(wd, "..", "..")
	args := append([]string{"settle", "--agreements", filepath.Join(root, "testdata/einvoice/agreements.yaml"), "--quotes", filepath.Join(root, h1Quotes),
		"--deliveries", filepath.Join(root, "testdata/deliveries-2026-03.csv"), "--einvoice", out, "--format", "json"}, more...)
	_, stderr, status := runAlprice(t, "", args...)
	return stderr, status
}

// The batch-issuing file of March under a cap of 1,000,000: the cell values
// against a golden (reviewed against testdata/golden/settle/march-invoice-cap,
// whose lines it carries), every platform rule, and the round trip through
// check.
func TestEInvoiceWorkbook(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "batch.xlsx")
	if stderr, status := settleEInvoice(t, out, "--invoice-cap", "1,000,000"); status != 0 {
		t.Fatal(stderr)
	}
	// The split lines of testdata/golden/README.md (march-invoice-cap):
	// ZD-2026-001 8, ZD-2026-002 5, WC-2026-003 4, an invoice each.
	if n, lines := checkBatchRules(t, out, decimal.NewFromInt(1000000)); n != 17 || lines != 17 {
		t.Errorf("%d invoices, %d lines; want 17", n, lines)
	}
	t.Chdir("../..")
	compareGolden(t, "testdata/golden/einvoice/march-cap.golden", dumpWorkbook(t, out))
	stdout, stderr, status := runAlprice(t, "", "check", "--agreements", "testdata/einvoice/agreements.yaml", "--quotes", h1Quotes,
		"--deliveries", "testdata/deliveries-2026-03.csv", "--invoices", out, "--format", "json")
	if status != 0 || !strings.Contains(stdout, `"ok": true`) {
		t.Errorf("the round trip through check: exit %d, %s%s", status, stderr, stdout)
	}
}

// More than 2,000 detail lines go into several files; the invoices are
// not split between them.
func TestEInvoiceManyLines(t *testing.T) {
	out := filepath.Join(t.TempDir(), "batch.xlsx")
	if stderr, status := settleEInvoice(t, out, "--invoice-cap", "5,000"); status != 0 {
		t.Fatal(stderr)
	}
	// 7054289.60 + 4169870.32 + 3664491.20 excl. VAT in lines below 5,000:
	// about 3,000 lines, so at least two files, each within 2,000 lines.
	files, _ := filepath.Glob(filepath.Join(filepath.Dir(out), "batch*.xlsx"))
	total := 0
	for i := range files {
		name := "batch.xlsx"
		if i > 0 {
			name = fmt.Sprintf("batch-%d.xlsx", i+1)
		}
		_, lines := checkBatchRules(t, filepath.Join(filepath.Dir(out), name), decimal.NewFromInt(5000))
		total += lines
	}
	if len(files) < 2 || total < 2978 {
		t.Errorf("%d files, %d lines in all", len(files), total)
	}
}

// What the platform needs and the agreements file lacks is listed at once,
// agreement by agreement; a tax id with a wrong check character is named
// on reading.
func TestEInvoiceMissingAndWrongFields(t *testing.T) {
	t.Chdir("../..")
	out := filepath.Join(t.TempDir(), "batch.xlsx")
	_, stderr, status := runAlprice(t, "", "settle", "--agreements", "testdata/agreements.yaml", "--quotes", h1Quotes,
		"--deliveries", "testdata/deliveries-2026-03.csv", "--einvoice", out)
	if status != 2 || !strings.Contains(stderr, "agreement ZD-2026-001: invoice.item") || !strings.Contains(stderr, "agreement WC-2026-003:") ||
		!strings.Contains(stderr, "buyer_tax_id (a special VAT invoice") {
		t.Errorf("exit %d, stderr %q", status, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a file was written")
	}
	data, _ := os.ReadFile("testdata/einvoice/agreements.yaml")
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte(strings.Replace(string(data), "91652300MA79AB1C4R", "91652300MA79AB1C4Q", 1)), 0o644)
	_, stderr, status = runAlprice(t, "", "lint", "--agreements", bad)
	if status != 2 || !strings.Contains(stderr, `buyer_tax_id: "91652300MA79AB1C4Q": fails its check character: the 18th is 'Q', the first 17 give 'R'`) {
		t.Errorf("a wrong check character: exit %d, stderr %q", status, stderr)
	}
}

// trueup writes the blue true-up as price-difference invoices (amounts
// only) and the red one as red-letter requests, with the figures of
// testdata/trueup/README.md.
func TestTrueupEInvoiceAndRedRequests(t *testing.T) {
	t.Chdir("../..")
	dir := t.TempDir()
	blue, red := filepath.Join(dir, "blue.xlsx"), filepath.Join(dir, "red.csv")
	_, stderr, status := runAlprice(t, "", "trueup", "--agreements", "testdata/trueup/agreements.yaml", "--quotes", h1Quotes,
		"--deliveries", "testdata/trueup/deliveries.csv", "--invoices", "testdata/trueup/issued.csv", "--invoice-cap", "100,000",
		"--einvoice", blue, "--red-requests", red, "--format", "json")
	if status != 0 {
		t.Fatal(stderr)
	}
	if n, lines := checkBatchRules(t, blue, decimal.NewFromInt(100000)); n != 2 || lines != 2 {
		t.Errorf("%d invoices, %d lines; want the 2 blue lines", n, lines)
	}
	f, err := excelize.OpenFile(blue)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	details := batchRows(t, f, "2-发票明细信息")
	for i, want := range []struct{ serial, amount string }{{"TU-2026-001-202603-T01", "99999.99"}, {"TU-2026-001-202603-T02", "7546.08"}} {
		d := details[i]
		if d["发票流水号"] != want.serial || d["金额"] != want.amount || d["数量"] != "" || d["单价"] != "" || d["项目名称"] != "*有色金属冶炼压延品*铝液价差" {
			t.Errorf("blue line %d: %v", i+1, d)
		}
	}
	data, _ := os.ReadFile(red)
	wantRed := "agreement,month,invoice_no,line,reason,reason_code,quantity_t,amount_excl_vat,vat,amount\n" +
		"TU-2026-001,2026-05,FP-TU-0501,1,销售折让,04,45.000,-14210.84,-1847.41,-16058.25\n" +
		"TU-2026-001,2026-05,FP-TU-0502,1,销售折让,04,46.740,-14760.33,-1918.84,-16679.17\n"
	if string(data) != wantRed {
		t.Errorf("red requests:\n%s\nwant\n%s", data, wantRed)
	}
}
