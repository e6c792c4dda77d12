package fapiao

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// num marks a cell stored as a number; other cells are shared strings.
type num string

// workbook writes a minimal xlsx with one sheet of rows, as make_xml.py
// does: cells are string (shared), num (a number, text as given) or nil.
func workbook(t testing.TB, sheet string, rows [][]any) []byte {
	t.Helper()
	var sst []string
	var data strings.Builder
	for r, row := range rows {
		fmt.Fprintf(&data, `<row r="%d">`, r+1)
		for c, v := range row {
			ref := fmt.Sprintf("%c%d", 'A'+c, r+1)
			switch v := v.(type) {
			case num:
				fmt.Fprintf(&data, `<c r="%s"><v>%s</v></c>`, ref, v)
			case string:
				fmt.Fprintf(&data, `<c r="%s" t="s"><v>%d</v></c>`, ref, len(sst))
				sst = append(sst, v)
			}
		}
		data.WriteString("</row>")
	}
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	var si strings.Builder
	for _, s := range sst {
		si.WriteString("<si><t>")
		_ = xmlEscape(&si, s)
		si.WriteString("</t></si>")
	}
	parts := [][2]string{
		{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`},
		{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + rel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<workbook ` + ns + ` xmlns:r="` + rel + `"><sheets><sheet name="` + sheet + `" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + rel + `/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="` + rel + `/sharedStrings" Target="sharedStrings.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", `<worksheet ` + ns + `><sheetData>` + data.String() + `</sheetData></worksheet>`},
		{"xl/sharedStrings.xml", `<sst ` + ns + `>` + si.String() + `</sst>`},
	}
	return zipParts(t, parts)
}

// zipParts zips parts, each a name and its text, in order.
func zipParts(t interface{ Fatal(...any) }, parts [][2]string) []byte {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := z.Create(p[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, p[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func xmlEscape(b *strings.Builder, s string) error {
	_, err := b.WriteString(strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s))
	return err
}

var summaryHeader = []any{"序号", "数电发票号码", "销方识别号", "销方名称", "购方识别号", "购买方名称", "开票日期", "税收分类编码",
	"货物或应税劳务名称", "规格型号", "单位", "数量", "单价", "金额", "税率", "税额", "价税合计", "发票票种", "发票状态", "是否正数发票", "备注"}

// summaryRow is a row of summaryHeader; figures are hand-set, not worked.
func summaryRow(number string, qty, amount, rate, tax any) []any {
	return []any{num("1"), number, "91652300MA7AL0001X", "准东示例电解铝有限公司", "91652300MA7BL0002Y", "准东示例铝材有限公司",
		"2026-04-02 10:15:32", "1080306020000000000", "*有色金属冶炼压延品*铝液", "", "吨", qty, num("20000"), amount, rate, tax,
		nil, "数电发票（增值税专用发票）", "正常", "是", "供货月份:2026-03"}
}

const (
	n1 = "26652000000026030001"
	n2 = "26652000000026030002"
)

func TestReadSummaryXLSX(t *testing.T) {
	ok := func(qty any) []any { return summaryRow(n1, qty, num("200000"), "13%", num("26000")) }
	with := func(row []any, col int, v any) []any { row = append([]any{}, row...); row[col] = v; return row }
	hdr := func(h []any, col int, v any) []any { return with(h, col, v) }
	tests := []struct {
		name  string
		sheet string // default 信息汇总表
		rows  [][]any
		kind  Kind
		path  string
		line  int
		check func(t *testing.T, invs []Invoice)
	}{
		{name: "float artifacts", rows: [][]any{summaryHeader, with(ok(num("340.61700000000002")), 14, num("0.13000000000000001"))},
			check: func(t *testing.T, invs []Invoice) {
				l := invs[0].Lines[0]
				if l.Quantity.Value.String() != "340.617" || l.TaxRate.String() != "0.13" {
					t.Errorf("quantity %s, rate %s", l.Quantity.Value, l.TaxRate)
				}
			}},
		{name: "title rows and blank rows", rows: [][]any{{"全量发票查询"}, {}, hdr(summaryHeader, 5, "*购买方\n名称"), ok(num("10")), {}, ok(num("10")), {nil, ""}},
			check: func(t *testing.T, invs []Invoice) {
				if len(invs) != 1 || len(invs[0].Lines) != 2 || invs[0].Lines[1].SourceLine != 6 || invs[0].Line != 4 {
					t.Errorf("got %+v", invs)
				}
				if invs[0].TotalExclVAT.String() != "400000" || invs[0].TotalVAT.String() != "52000" || invs[0].TotalInclVAT.String() != "452000" {
					t.Errorf("totals %s %s %s", invs[0].TotalExclVAT, invs[0].TotalVAT, invs[0].TotalInclVAT)
				}
			}},
		{name: "rows apart", rows: [][]any{summaryHeader, ok(num("1")), summaryRow(n2, num("2"), num("1"), "13%", num("0.13")), ok(num("3"))},
			check: func(t *testing.T, invs []Invoice) {
				if len(invs) != 2 || invs[0].Number != n1 || len(invs[0].Lines) != 2 || invs[0].Lines[1].Quantity.Value.String() != "3" {
					t.Errorf("got %+v", invs)
				}
			}},
		{name: "quantity empty", rows: [][]any{summaryHeader, ok(nil)},
			check: func(t *testing.T, invs []Invoice) {
				if invs[0].Lines[0].Quantity.Present || invs[0].Lines[0].TotalInclVAT.Present {
					t.Errorf("got %+v", invs[0].Lines[0])
				}
			}},
		{name: "date serial", rows: [][]any{summaryHeader, with(ok(num("1")), 6, num("46114.5"))},
			check: func(t *testing.T, invs []Invoice) {
				if invs[0].IssueDate != "2026-04-02" || invs[0].IssueTime != "12:00:00" {
					t.Errorf("issued %q %q", invs[0].IssueDate, invs[0].IssueTime)
				}
			}},
		{name: "conflict", rows: [][]any{summaryHeader, ok(num("1")), with(ok(num("1")), 5, "另一家公司")}, kind: KindConflict, path: "信息汇总表/购买方名称", line: 3},
		{name: "text with exponent", rows: [][]any{summaryHeader, ok("1E3")}, kind: KindBadNumber, path: "信息汇总表/数量", line: 2},
		{name: "comma", rows: [][]any{summaryHeader, ok("1,000.5")}, kind: KindBadNumber, path: "信息汇总表/数量", line: 2},
		{name: "number cell exponent", rows: [][]any{summaryHeader, ok(num("1E3"))},
			check: func(t *testing.T, invs []Invoice) {
				if invs[0].Lines[0].Quantity.Value.String() != "1000" {
					t.Errorf("quantity %s", invs[0].Lines[0].Quantity.Value)
				}
			}},
		{name: "rate exempt", rows: [][]any{summaryHeader, with(ok(num("1")), 14, "免税")}, kind: KindBadNumber, path: "信息汇总表/税率", line: 2},
		{name: "amount empty", rows: [][]any{summaryHeader, with(ok(num("1")), 13, nil)}, kind: KindMissing, path: "信息汇总表/金额", line: 2},
		{name: "number as number", rows: [][]any{summaryHeader, with(ok(num("1")), 1, num("2.6652000000026E+19"))}, kind: KindBadCode, path: "信息汇总表/数电发票号码", line: 2},
		{name: "no number", rows: [][]any{summaryHeader, with(ok(num("1")), 1, nil)}, kind: KindMissing, path: "信息汇总表/数电发票号码", line: 2},
		{name: "kind", rows: [][]any{summaryHeader, with(ok(num("1")), 17, "机动车销售统一发票")}, kind: KindBadCode, path: "信息汇总表/发票票种", line: 2},
		{name: "positive", rows: [][]any{summaryHeader, with(ok(num("1")), 19, "Y")}, kind: KindBadCode, path: "信息汇总表/是否正数发票", line: 2},
		{name: "date", rows: [][]any{summaryHeader, with(ok(num("1")), 6, "2026年4月2日")}, kind: KindBadDate, path: "信息汇总表/开票日期", line: 2},
		{name: "tax code", rows: [][]any{summaryHeader, with(ok(num("1")), 7, "10803")}, kind: KindBadCode, path: "信息汇总表/税收分类编码", line: 2},
		{name: "column missing", rows: [][]any{hdr(summaryHeader, 13, "金额(元)"), ok(num("1"))}, kind: KindMissing, path: "信息汇总表/金额", line: 1},
		{name: "column twice", rows: [][]any{hdr(summaryHeader, 0, "金额"), ok(num("1"))}, kind: KindDuplicate, path: "信息汇总表/金额", line: 1},
		{name: "no header", rows: [][]any{{"a"}, {"b"}, {"c"}, {"d"}, {"e"}, {"f"}, {"g"}, {"h"}, {"i"}, {"j"}, {"k"}, summaryHeader}, kind: KindMissing, path: "信息汇总表/数电发票号码"},
		{name: "header only", rows: [][]any{summaryHeader}, kind: KindMissing, path: "信息汇总表/数电发票号码", line: 2},
		{name: "other sheet", sheet: "Sheet1", rows: [][]any{summaryHeader, ok(num("1"))}, kind: KindNoSheet},
		{name: "red from remark", rows: [][]any{summaryHeader, with(with(ok(num("-1")), 19, "否"), 20,
			"被红冲蓝字数电发票号码：26652000000026030001 红字发票信息确认单编号：65230126040200000001")},
			check: func(t *testing.T, invs []Invoice) {
				if !invs[0].Red || invs[0].OriginalNumber != n1 || invs[0].CreditNoteNumber != "65230126040200000001" {
					t.Errorf("got %+v", invs[0])
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sheet := tt.sheet
			if sheet == "" {
				sheet = SummarySheet
			}
			invs, err := ReadSummaryXLSX(bytes.NewReader(workbook(t, sheet, tt.rows)), "t.xlsx")
			if tt.kind == 0 {
				if err != nil {
					t.Fatal(err)
				}
				tt.check(t, invs)
				return
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v, %v; want an *Error of kind %s", invs, err, tt.kind)
			}
			if e.Kind != tt.kind || e.Path != tt.path || (tt.line != 0 && e.Line != tt.line) || e.File != "t.xlsx" {
				t.Errorf("got %s at %q line %d (%v), want %s at %q line %d", e.Kind, e.Path, e.Line, e, tt.kind, tt.path, tt.line)
			}
		})
	}
}

func TestReadSummaryXLSXNotWorkbook(t *testing.T) {
	var e *Error
	for _, in := range []string{"", "invoice_no,buyer\n", "PK\x03\x04garbage"} {
		if _, err := ReadSummaryXLSX(strings.NewReader(in), "x.xlsx"); !errors.As(err, &e) || e.Kind != KindNotWorkbook {
			t.Errorf("%q: %v", in, err)
		}
	}
	// A sheet whose XML breaks off after row 2: excelize's row iterator
	// stops quietly at the break; the reader must not.
	good := workbook(t, SummarySheet, [][]any{summaryHeader, summaryRow(n1, num("1"), num("1"), "13%", num("0.13")), summaryRow(n2, num("1"), num("1"), "13%", num("0.13"))})
	broken := rezip(t, good, "xl/worksheets/sheet1.xml", func(s string) string {
		return s[:strings.Index(s, `<row r="3">`)]
	})
	if invs, err := ReadSummaryXLSX(bytes.NewReader(broken), "broken.xlsx"); !errors.As(err, &e) || e.Kind != KindNotWorkbook {
		t.Errorf("broken sheet: %d invoices, %v", len(invs), err)
	}
}

// rezip returns the zip b with part changed by edit.
func rezip(t *testing.T, b []byte, part string, edit func(string) string) []byte {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == part {
			data = []byte(edit(string(data)))
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestReadSummaryXLSXSize(t *testing.T) {
	_, err := ReadSummaryXLSX(io.LimitReader(&countingReader{}, MaxXLSXSize+1), "big.xlsx")
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindTooLarge {
		t.Errorf("over MaxXLSXSize: %v", err)
	}
}

// TestReadSummaryXLSXTempFiles holds that reading leaves no temporary files
// behind, on success and on error.
func TestReadSummaryXLSXTempFiles(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	b, err := os.ReadFile(filepath.Join(fixtures, "summary-2026-03.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ReadSummaryXLSX(bytes.NewReader(b), "a.xlsx"); err != nil {
		t.Fatal(err)
	}
	bad := workbook(t, SummarySheet, [][]any{summaryHeader, summaryRow(n1, "x", num("1"), "13%", num("1"))})
	if _, err := ReadSummaryXLSX(bytes.NewReader(bad), "b.xlsx"); err == nil {
		t.Fatal("a bad row read")
	}
	left, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 0 {
		t.Errorf("left in the temporary directory: %v", left)
	}
}

// A cell whose XML breaks — a character no XML may hold, raw or as a
// reference, in the sheet or in the shared string it shows — is an error
// naming the cell as a spreadsheet shows it, its row and its column's
// header, never the line of the XML part inside the zip, and no row after
// it is lost or read cut short (#28 item 4).
func TestReadSummaryXLSXBrokenCell(t *testing.T) {
	rows := [][]any{summaryHeader}
	for i := 0; i < 6; i++ {
		rows = append(rows, summaryRow(n1, num("1"), num("1"), "13%", num("0.13")))
	}
	good := workbook(t, SummarySheet, rows)
	for _, c := range []struct {
		name, part, from, to string
		cell, path           string
		row                  int
	}{
		{"raw in a number", "xl/worksheets/sheet1.xml", `<c r="L6"><v>1</v>`, "<c r=\"L6\"><v>1\x01</v>", "L6", SummarySheet + "/数量", 6},
		{"raw in an inline string", "xl/worksheets/sheet1.xml", `<c r="L6"><v>1</v>`, "<c r=\"L6\" t=\"inlineStr\"><is><t>1\x01</t></is>", "L6", SummarySheet + "/数量", 6},
		{"a reference", "xl/worksheets/sheet1.xml", `<c r="L7"><v>1</v>`, `<c r="L7" t="inlineStr"><is><t>1&#1;</t></is>`, "L7", SummarySheet + "/数量", 7},
		{"in the last row", "xl/worksheets/sheet1.xml", `<c r="A7"><v>1</v>`, "<c r=\"A7\" t=\"inlineStr\"><is><t>\x011</t></is>", "A7", SummarySheet, 7}, // 序号, a column not read
		// The shared strings are read with the header: its names are not
		// known yet, the cell is.
		{"in a shared string", "xl/sharedStrings.xml", `<si><t>正常</t></si>`, "<si><t>正\x01常</t></si>", "S2", SummarySheet, 2},
	} {
		b := rezip(t, good, c.part, func(s string) string {
			out := strings.Replace(s, c.from, c.to, 1)
			if out == s {
				t.Fatalf("%s: %q not in %s", c.name, c.from, c.part)
			}
			return out
		})
		invs, err := ReadSummaryXLSX(bytes.NewReader(b), "x.xlsx")
		var e *Error
		if !errors.As(err, &e) || e.Kind != KindBadCell || e.Cell != c.cell || e.Line != c.row || e.Path != c.path ||
			!strings.Contains(e.Error(), "U+0001") || strings.Contains(e.Error(), "line") {
			t.Errorf("%s: %d invoices, %v; want %s row %d (%s) named", c.name, len(invs), err, c.cell, c.row, c.path)
		}
	}
}

// Every error of a row names its cell as a spreadsheet shows it, beside
// the row and the header (#28 item 4).
func TestReadSummaryXLSXNamesTheCell(t *testing.T) {
	b := workbook(t, SummarySheet, [][]any{summaryHeader, summaryRow(n1, num("1"), "1,000", "13%", num("0.13"))})
	_, err := ReadSummaryXLSX(bytes.NewReader(b), "x.xlsx")
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindBadNumber || e.Cell != "N2" || e.Line != 2 || e.Path != SummarySheet+"/金额" {
		t.Errorf("%v; want 金额 in N2", err)
	}
}
