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

const (
	basicSheet  = "1-发票基本信息"
	detailSheet = "2-发票明细信息"
)

func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// dumpWorkbook lists the version and every data cell (row 4 on) of the
// two data sheets, as "sheet!A4 = value (number|text)": the golden of a
// batch-issuing file. The rest of the template is held to the blank by
// pricing/einvoice's tests.
func dumpWorkbook(t *testing.T, path string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	v, _ := f.GetCellValue("excelVersion", "A4")
	fmt.Fprintf(&b, "excelVersion!A4 = %s\n", v)
	for _, sheet := range []string{basicSheet, detailSheet} {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			if i < 3 {
				continue
			}
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

// batchRows reads the data rows of a template sheet by its row-3 header
// (line breaks and a leading * removed).
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
			h := strings.TrimLeft(strings.ReplaceAll(rows[2][j], "\n", ""), "*")
			m[h] = v
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
	want := []string{basicSheet, "sfzjlx", "excelVersion", "gjhdq", "xzqhjdxz", detailSheet, "3-特定业务信息", "xzqhdm", "xzqhdmJzfw", "jtgjlx", "4-附加要素信息"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %q", got)
	}
	if v, _ := f.GetCellValue("excelVersion", "A4"); v != "pt:20260401" {
		t.Errorf("excelVersion!A4 = %q", v)
	}
	textCells := func(sheet string, n int) {
		rows, _ := f.GetRows(sheet)
		for r := 4; r <= len(rows); r++ {
			for c := range rows[r-1] {
				ref := cell(c+1, r)
				if v, _ := f.GetCellValue(sheet, ref); v == "" {
					continue
				}
				if typ, _ := f.GetCellType(sheet, ref); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
					t.Errorf("%s!%s is not a text cell", sheet, ref)
				}
			}
		}
	}
	textCells(basicSheet, 0)
	textCells(detailSheet, 0)
	show := map[string]bool{"": true, "展示地址、电话": true, "展示开户银行、银行账号": true, "展示地址、电话、开户银行及银行账号": true}
	serials := map[string]map[string]string{}
	for i, r := range batchRows(t, f, basicSheet) {
		row := 4 + i
		serial := r["发票流水号"]
		if serial == "" || serials[serial] != nil || len([]rune(serial)) > 20 {
			t.Errorf("row %d: serial %q empty, repeated or over 20 characters", row, serial)
		}
		serials[serial] = r
		if r["是否含税"] != "否" {
			t.Errorf("%s: 是否含税 %q", serial, r["是否含税"])
		}
		if r["购买方纳税人识别号"] == "" {
			t.Errorf("%s: no buyer's tax id", serial)
		}
		if !show[r["是否展示购买方地址电话银行账号"]] || !show[r["是否展示销售方地址电话银行账号"]] {
			t.Errorf("%s: 展示 columns %q, %q", serial, r["是否展示购买方地址电话银行账号"], r["是否展示销售方地址电话银行账号"])
		}
		if !regexp.MustCompile(`供货月份:\d{4}-\d{2}`).MatchString(r["备注"]) || len([]rune(r["备注"])) > 230 {
			t.Errorf("%s: 备注 %q", serial, r["备注"])
		}
	}
	amounts := map[string]decimal.Decimal{}
	twoDecimals := regexp.MustCompile(`^\d+\.\d{2}$`)
	for i, r := range batchRows(t, f, detailSheet) {
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
		if r["商品和服务税收编码"] != "1080306020000000000" || strings.HasPrefix(r["项目名称"], "*") {
			t.Errorf("detail row %d: tax code %q, item %q", row, r["商品和服务税收编码"], r["项目名称"])
		}
		if r["税率"] != "0.13" || !twoDecimals.MatchString(r["金额"]) {
			t.Errorf("detail row %d: rate %q, amount %q", row, r["税率"], r["金额"])
		}
		amount := decimal.RequireFromString(r["金额"])
		if r["数量"] != "" {
			q, p := decimal.RequireFromString(r["数量"]), decimal.RequireFromString(r["单价"])
			if -p.Exponent() > 13 || -q.Exponent() > 13 || q.Mul(p).Sub(amount).Abs().GreaterThan(decimal.New(1, -2)) {
				t.Errorf("detail row %d: 数量 %s × 单价 %s is not 金额 %s", row, q, p, amount)
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
	root, _ := os.Getwd()
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		root = filepath.Join(root, "..", "..")
	}
	args := append([]string{"settle", "--agreements", filepath.Join(root, "testdata/einvoice/agreements.yaml"), "--quotes", filepath.Join(root, h1Quotes),
		"--deliveries", filepath.Join(root, "testdata/deliveries-2026-03.csv"), "--einvoice", out, "--format", "json"}, more...)
	_, stderr, status := runAlprice(t, "", args...)
	return stderr, status
}

// checkRoundTrip runs check on the batch-issuing files against the
// deliveries they were settled from: it must find nothing.
func checkRoundTrip(t *testing.T, files ...string) {
	t.Helper()
	args := []string{"check", "--agreements", "testdata/einvoice/agreements.yaml", "--quotes", h1Quotes,
		"--deliveries", "testdata/deliveries-2026-03.csv", "--format", "json"}
	for _, f := range files {
		args = append(args, "--invoices", f)
	}
	stdout, stderr, status := runAlprice(t, "", args...)
	if status != 0 || !strings.Contains(stdout, `"ok": true`) {
		t.Errorf("the round trip of %s through check: exit %d, %s%.2000s", files, status, stderr, stdout)
	}
}

// The batch-issuing file of March under a cap of 1,000,000: the cell values
// against a golden, every platform rule, the version said on stderr, and
// the round trip through check.
func TestEInvoiceWorkbook(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "batch.xlsx")
	stderr, status := settleEInvoice(t, out, "--invoice-cap", "1,000,000", "--lang", "en")
	if status != 0 {
		t.Fatal(stderr)
	}
	if !strings.Contains(stderr, "batch.xlsx: 17 invoices filled into the batch-issuing template pt:20260401 (the official V260401 embedded in alprice)") {
		t.Errorf("stderr %q does not say the template", stderr)
	}
	// 7,054,289.60, 4,169,870.32 and 3,664,491.20 excl. VAT below 1,000,000:
	// 8, 5 and 4 invoices, the fewest.
	if n, lines := checkBatchRules(t, out, decimal.NewFromInt(1000000)); n != 17 || lines != 17 {
		t.Errorf("%d invoices, %d lines; want 17", n, lines)
	}
	t.Chdir("../..")
	compareGolden(t, "testdata/golden/einvoice/march-cap.golden", dumpWorkbook(t, out))
	checkRoundTrip(t, out)
	// Without a cap, a statement is one invoice.
	one := filepath.Join(dir, "one.xlsx")
	if stderr, status := settleEInvoice(t, one); status != 0 {
		t.Fatal(stderr)
	}
	if n, lines := checkBatchRules(t, one, decimal.Zero); n != 3 || lines != 3 {
		t.Errorf("no cap: %d invoices, %d lines; want 3", n, lines)
	}
	checkRoundTrip(t, one)
}

// Issue 24: at a cap of 5,000 the statements take the fewest invoices
// (WC-2026-003 733, not 7,572), in files of at most 2,000 detail lines,
// never an invoice split between them; check reads every file back.
// At 100,000 and 1,000 check finds every part right (before, the last
// part was off the price).
func TestEInvoiceManyLines(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "batch.xlsx")
	if stderr, status := settleEInvoice(t, out, "--invoice-cap", "5,000"); status != 0 {
		t.Fatal(stderr)
	}
	// 7054289.60 + 4169870.32 + 3664491.20 excl. VAT below 5,000: at least
	// 1411 + 834 + 733 = 2978 invoices.
	files, _ := filepath.Glob(filepath.Join(dir, "batch*.xlsx"))
	total := 0
	for i := range files {
		name := "batch.xlsx"
		if i > 0 {
			name = fmt.Sprintf("batch-%d.xlsx", i+1)
		}
		_, lines := checkBatchRules(t, filepath.Join(dir, name), decimal.NewFromInt(5000))
		total += lines
	}
	if len(files) != 2 || total < 2978 || total > 2978*105/100 {
		t.Errorf("%d files, %d lines in all; want 2 files, about 2,978 lines", len(files), total)
	}
	t.Chdir("../..")
	checkRoundTrip(t, filepath.Join(dir, "batch.xlsx"), filepath.Join(dir, "batch-2.xlsx"))
	for _, limit := range []string{"100,000", "1,000"} {
		sub := t.TempDir()
		if stderr, status := settleEInvoice(t, filepath.Join(sub, "cap.xlsx"), "--invoice-cap", limit); status != 0 {
			t.Fatal(stderr)
		}
		files, _ := filepath.Glob(filepath.Join(sub, "cap*.xlsx"))
		checkRoundTrip(t, files...)
	}
}

// What the platform needs and the agreements file lacks is listed at once,
// agreement by agreement; a tax id with a wrong check character is named
// on reading.
func TestEInvoiceMissingAndWrongFields(t *testing.T) {
	t.Chdir("../..")
	out := filepath.Join(t.TempDir(), "batch.xlsx")
	_, stderr, status := runAlprice(t, "", "settle", "--agreements", "testdata/agreements.yaml", "--quotes", h1Quotes,
		"--deliveries", "testdata/deliveries-2026-03.csv", "--einvoice", out, "--lang", "en")
	if status != 2 || !strings.Contains(stderr, "agreement ZD-2026-001: invoice.tax_code") || !strings.Contains(stderr, "agreement WC-2026-003:") ||
		strings.Contains(stderr, "invoice.item") {
		t.Errorf("exit %d, stderr %q", status, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a file was written")
	}
	data, _ := os.ReadFile("testdata/einvoice/agreements.yaml")
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte(strings.Replace(string(data), "91652300MA79AB1C4R", "91652300MA79AB1C4Q", 1)), 0o644)
	_, stderr, status = runAlprice(t, "", "lint", "--agreements", bad, "--lang", "en")
	if status != 2 || !strings.Contains(stderr, `buyer_tax_id: "91652300MA79AB1C4Q": fails its check character: the 18th is 'Q', the first 17 give 'R'`) {
		t.Errorf("a wrong check character: exit %d, stderr %q", status, stderr)
	}
}

// Every limit is checked before anything is written, naming the agreement,
// the buyer, the column, the limit and the value; the agreements reader
// checks the 展示 keys and the cap.
func TestEInvoiceLimits(t *testing.T) {
	t.Chdir("../..")
	data, _ := os.ReadFile("testdata/einvoice/agreements.yaml")
	dir := t.TempDir()
	cases := []struct {
		name, from, to string
		status         int
		want           []string
	}{
		{"buyer name over 100", "buyer: 五彩湾示例线缆有限公司", "buyer: " + strings.Repeat("五彩湾", 34), 2,
			[]string{"agreement WC-2026-003 (buyer " + strings.Repeat("五彩湾", 34), "column 购买方名称", "102 characters; the template takes at most 100"}},
		{"email over 72", "buyer_email: finance@example.com", "buyer_email: " + strings.Repeat("x", 70) + "@example.com", 2,
			[]string{"agreement ZD-2026-001", "column 购买方邮箱", "at most 72"}},
		{"a category in the item", "item: 铝液", `item: "*有色金属冶炼压延品*铝液"`, 2,
			[]string{"agreement ZD-2026-001", "carries a category", "write the bare name"}},
		{"a ferrous code", `tax_code: "1080306020000000000"`, `tax_code: "1080210000000000000"`, 2,
			[]string{"a code of ferrous metals"}},
		{"a short code", `tax_code: "1080306020000000000"`, `tax_code: "108030602"`, 2,
			[]string{"invoice.tax_code", "has 9 characters"}},
		{"a bad show", "show_buyer: both", "show_buyer: 是", 2, []string{"invoice.show_buyer", "address (地址、电话), bank"}},
		{"a zero cap", "# cap: 1,000,000", "cap: 0", 2, []string{"invoice.cap", "is zero"}},
		{"the agreement's cap", "# cap: 1,000,000", "cap: 1,000,000", 0, nil},
	}
	for _, c := range cases {
		path := filepath.Join(dir, "a.yaml")
		text := strings.Replace(string(data), c.from, c.to, 1)
		if text == string(data) {
			t.Fatalf("%s: %q is not in the file", c.name, c.from)
		}
		os.WriteFile(path, []byte(text), 0o644)
		out := filepath.Join(dir, "batch.xlsx")
		os.Remove(out)
		_, stderr, status := runAlprice(t, "", "settle", "--agreements", path, "--quotes", h1Quotes,
			"--deliveries", "testdata/deliveries-2026-03.csv", "--einvoice", out, "--lang", "en", "--format", "json")
		if status != c.status {
			t.Errorf("%s: exit %d, want %d: %s", c.name, status, c.status, stderr)
		}
		for _, w := range c.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: stderr lacks %q:\n%s", c.name, w, stderr)
			}
		}
		if _, err := os.Stat(out); (err == nil) != (c.status == 0) {
			t.Errorf("%s: written %v", c.name, err == nil)
		}
		if c.status == 0 {
			if n, _ := checkBatchRules(t, out, decimal.NewFromInt(1000000)); n != 17 {
				t.Errorf("%s: %d invoices, want the 17 of a 1,000,000 cap", c.name, n)
			}
		}
	}
}

// --einvoice-template fills a blank the user gives, by its headers; one
// lacking a column alprice fills is exit 2 naming it, and nothing is
// written.
func TestEInvoiceTemplateFlag(t *testing.T) {
	dir := t.TempDir()
	t.Chdir("../..")
	blank := "pricing/einvoice/internal/template/V260401.xlsx"
	f, err := excelize.OpenFile(blank)
	if err != nil {
		t.Fatal(err)
	}
	// 备注 is column W of sheet 1: clear its header.
	if err := f.SetCellStr(basicSheet, "W3", ""); err != nil {
		t.Fatal(err)
	}
	lacking := filepath.Join(dir, "lacking.xlsx")
	if err := f.SaveAs(lacking); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out := filepath.Join(dir, "batch.xlsx")
	args := []string{"settle", "--agreements", "testdata/einvoice/agreements.yaml", "--quotes", h1Quotes,
		"--deliveries", "testdata/deliveries-2026-03.csv", "--einvoice", out, "--lang", "en", "--format", "json"}
	_, stderr, status := runAlprice(t, "", append(args, "--einvoice-template", lacking)...)
	if status != 2 || !strings.Contains(stderr, "lacks the column 备注 on sheet 1-发票基本信息") {
		t.Errorf("a template lacking 备注: exit %d, %s", status, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a file was written")
	}
	_, stderr, status = runAlprice(t, "", append(args, "--einvoice-template", blank)...)
	if status != 0 || !strings.Contains(stderr, "template pt:20260401 ("+blank+")") {
		t.Errorf("the blank itself: exit %d, %s", status, stderr)
	}
	checkRoundTrip(t, out)
	_, stderr, status = runAlprice(t, "", "settle", "--agreements", "testdata/einvoice/agreements.yaml", "--quotes", h1Quotes,
		"--deliveries", "testdata/deliveries-2026-03.csv", "--einvoice-template", blank, "--lang", "en")
	if status != 2 || !strings.Contains(stderr, "give --einvoice FILE.xlsx too") {
		t.Errorf("--einvoice-template alone: exit %d, %s", status, stderr)
	}
}

// trueup writes the blue true-up as price-difference invoices (amounts
// only), split evenly under the cap, and the red one as red-letter
// requests, each with a serial within 20 characters, with the figures of
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
	details := batchRows(t, f, detailSheet)
	// 107,546.07 excl. VAT in two parts below 100,000, shared evenly.
	for i, want := range []struct{ serial, amount string }{{"KYSAEP7M22603D00001", "53773.04"}, {"KYSAEP7M22603D00002", "53773.03"}} {
		d := details[i]
		if d["发票流水号"] != want.serial || d["金额"] != want.amount || d["数量"] != "" || d["单价"] != "" || d["项目名称"] != "铝液价差" {
			t.Errorf("blue line %d: %v", i+1, d)
		}
	}
	basic := batchRows(t, f, basicSheet)
	if note := basic[0]["备注"]; !strings.HasPrefix(note, "补差(价差) 协议:TU-2026-001 供货月份:2026-03 第1/2张") {
		t.Errorf("备注 %q", note)
	}
	data, _ := os.ReadFile(red)
	wantRed := "serial,agreement,month,invoice_no,line,reason,reason_code,quantity_t,amount_excl_vat,vat,amount\n" +
		"KYSAEP7M22605R00001,TU-2026-001,2026-05,FP-TU-0501,1,销售折让,04,45.000,-14210.84,-1847.41,-16058.25\n" +
		"KYSAEP7M22605R00002,TU-2026-001,2026-05,FP-TU-0502,1,销售折让,04,46.740,-14760.33,-1918.84,-16679.17\n"
	if string(data) != wantRed {
		t.Errorf("red requests:\n%s\nwant\n%s", data, wantRed)
	}
}

// Issue 29: with --einvoice, the terminal and Markdown say what was written
// — a row a file, its invoices, lines and totals — instead of every invoice
// line again (a golden, in both languages); CSV and JSON, for scripts,
// list the lines exactly as without --einvoice, and a workbook (--out
// x.xlsx) keeps them on their sheet beside the summary's.
func TestEInvoiceSummary(t *testing.T) {
	dir := t.TempDir()
	for from, to := range map[string]string{"testdata/einvoice/agreements.yaml": "agreements.yaml", h1Quotes: "quotes.csv",
		"testdata/deliveries-2026-03.csv": "deliveries-2026-03.csv"} {
		b, err := os.ReadFile(filepath.Join("..", "..", from))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, to), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	golden, _ := filepath.Abs("../../testdata/golden/einvoice")
	t.Chdir(dir) // the files named as a clerk names them, so the goldens hold no folder
	settleArgs := func(more ...string) []string {
		return append([]string{"settle", "--agreements", "agreements.yaml", "--quotes", "quotes.csv",
			"--deliveries", "deliveries-2026-03.csv", "--invoice-cap", "5,000"}, more...)
	}
	for _, c := range []struct{ name, lang, format string }{
		{"summary", "en", "table"}, {"summary-zh", "zh", "table"}, {"summary-md", "en", "markdown"},
	} {
		out := c.name + ".xlsx"
		stdout, stderr, status := runAlprice(t, "", settleArgs("--einvoice", out, "--lang", c.lang, "--format", c.format)...)
		if status != 0 {
			t.Fatal(stderr)
		}
		if strings.Contains(stdout, "Invoice lines (") || strings.Contains(stdout, "发票明细(") {
			t.Errorf("%s: the invoice lines are listed beside the workbook:\n%.3000s", c.name, stdout)
		}
		compareGolden(t, filepath.Join(golden, c.name+".golden"), stdout)
	}
	for _, format := range []string{"csv", "json"} {
		want, _, status := runAlprice(t, "", settleArgs("--format", format)...)
		got, stderr, status2 := runAlprice(t, "", settleArgs("--format", format, "--einvoice", filepath.Join(dir, format+".xlsx"))...)
		if status != 0 || status2 != 0 {
			t.Fatal(stderr)
		}
		if got != want || !strings.Contains(got, "quantity_t") {
			t.Errorf("--format %s with --einvoice differs from without it", format)
		}
	}
	book := filepath.Join(dir, "out.xlsx")
	if _, stderr, status := runAlprice(t, "", settleArgs("--einvoice", filepath.Join(dir, "b.xlsx"), "--out", book)...); status != 0 {
		t.Fatal(stderr)
	}
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if !slices.Contains(sheets, "Invoice lines") || !slices.Contains(sheets, "Batch files") {
		t.Errorf("the workbook's sheets %q lack the invoice lines or the batch files", sheets)
	}
	rows, err := f.GetRows("Invoice lines")
	if err != nil || len(rows) < 2986 {
		t.Errorf("the workbook lists %d rows of invoice lines (%v); want 2,985 and a header at least", len(rows), err)
	}
}
