package fapiao

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"pgregory.net/rapid"
)

// excelizeRows is the reference the streaming read is held to: the rows
// of the sheet as excelize's row iterator gives their raw values, and the
// type of each cell as excelize's GetCellType (a whole-sheet parse) says
// it, as the reader before streaming read them.
func excelizeRows(t *rapid.T, book []byte) []sheetRow {
	f, err := excelize.OpenReader(bytes.NewReader(book), excelize.Options{RawCellValue: true, UnzipSizeLimit: UnzipSizeLimit, UnzipXMLSizeLimit: UnzipXMLSizeLimit})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows(SummarySheet)
	if err != nil {
		t.Fatal(err)
	}
	var out []sheetRow
	for r := 1; rows.Next(); r++ {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		row := sheetRow{row: r, values: cols}
		for c := range cols {
			ref, _ := excelize.CoordinatesToCellName(c+1, r)
			typ, err := f.GetCellType(SummarySheet, ref)
			if err != nil {
				t.Fatal(err)
			}
			row.number = append(row.number, typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber)
		}
		out = append(out, row)
	}
	return out
}

// streamRows is what walkSheet gives of the same sheet, the fast scanner
// or encoding/xml reading it.
func streamRows(t *rapid.T, book []byte, fast bool) []sheetRow {
	wb, err := openWorkbook(book)
	if err != nil {
		t.Fatal(err)
	}
	sst, _, err := wb.sharedStrings()
	if err != nil {
		t.Fatal(err)
	}
	r, err := wb.open(wb.sheet)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var tz tokenizer = newXMLTokens(r)
	if fast {
		tz = newFastTokens(r, 4096)
	}
	var out []sheetRow
	err = walkSheet(tz, sst, func(r *sheetRow) error {
		out = append(out, sheetRow{row: r.row, values: append([]string(nil), r.values...), number: append([]bool(nil), r.number...)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// comparable drops the empty cells at the end of each row and the rows
// with no cell, which excelize gives and the stream does not.
func comparable(rows []sheetRow) []sheetRow {
	var out []sheetRow
	for _, r := range rows {
		for len(r.values) > 0 && r.values[len(r.values)-1] == "" {
			r.values, r.number = r.values[:len(r.values)-1], r.number[:len(r.number)-1]
		}
		for i, v := range r.values {
			if v == "" {
				r.number[i] = false // an empty cell's type is never read
			}
		}
		if len(r.values) > 0 {
			out = append(out, sheetRow{row: r.row, values: r.values, number: r.number})
		}
	}
	return out
}

// A random cell's XML as writers write it: a number, a shared string, an
// inline string (maybe in runs), a formula's string, a boolean, an error,
// a date, escapes and references in the text.
func genCell(t *rapid.T, ref string, sst *[]string) string {
	text := rapid.SampledFrom([]string{"2026-04-02 10:15:32", "准东示例铝材有限公司", "13%", " 12.5 ", "a&b<c>", "x_x000D_y", "_x005F_x0041_",
		"26652000000026030001", "", "供货月份：2026-03", "\t\n", "é€😀"}).Draw(t, "text")
	esc := func(s string) string {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	attr := ""
	if rapid.Bool().Draw(t, "ref") {
		attr = fmt.Sprintf(` r="%s"`, ref)
	}
	if rapid.Bool().Draw(t, "style") {
		attr += ` s="1"`
	}
	switch rapid.IntRange(0, 8).Draw(t, "kind") {
	case 0:
		return fmt.Sprintf(`<c%s><v>%s</v></c>`, attr, rapid.SampledFrom([]string{"48.285", "340.61700000000002", "1E3", "0.13", "-1", "46114.5", ""}).Draw(t, "num"))
	case 1:
		*sst = append(*sst, text)
		return fmt.Sprintf(`<c%s t="s"><v>%d</v></c>`, attr, len(*sst)-1)
	case 2:
		return fmt.Sprintf(`<c%s t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, attr, esc(text))
	case 3:
		return fmt.Sprintf(`<c%s t="inlineStr"><is><r><rPr><b/></rPr><t>%s</t></r><r><t>%s</t></r><rPh sb="0" eb="1"><t>ピン</t></rPh></is></c>`, attr, esc(text), esc(text))
	case 4:
		return fmt.Sprintf(`<c%s t="str"><f>A1&amp;""</f><v>%s</v></c>`, attr, esc(text))
	case 5:
		return fmt.Sprintf(`<c%s t="b"><v>1</v></c>`, attr)
	case 6:
		return fmt.Sprintf(`<c%s t="e"><v>#N/A</v></c>`, attr)
	case 7:
		return fmt.Sprintf(`<c%s t="n"><v>%s</v></c>`, attr, rapid.SampledFrom([]string{"20710.32743088", "1.5E-3"}).Draw(t, "n"))
	default:
		return fmt.Sprintf(`<c%s/>`, attr)
	}
}

// genBook writes a random sheet (rows maybe apart, cells maybe apart or
// unnamed, shared strings plain or in runs) in a workbook.
func genBook(t *rapid.T) []byte {
	var sst []string
	var sheet strings.Builder
	row := 0
	for range rapid.IntRange(0, 12).Draw(t, "rows") {
		row += rapid.IntRange(1, 3).Draw(t, "rowStep")
		fmt.Fprintf(&sheet, `<row r="%d" spans="1:30">`, row)
		col := 0
		for range rapid.IntRange(0, 8).Draw(t, "cells") {
			col += rapid.IntRange(1, 3).Draw(t, "colStep")
			ref, _ := excelize.CoordinatesToCellName(col, max(row, 1))
			sheet.WriteString(genCell(t, ref, &sst))
		}
		sheet.WriteString("</row>")
	}
	var si strings.Builder
	for _, s := range sst {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(s))
		if rapid.Bool().Draw(t, "runs") && len(s) > 0 {
			fmt.Fprintf(&si, `<si><r><t>%s</t></r><r><rPr><sz val="9"/></rPr><t></t></r></si>`, b.String())
		} else {
			fmt.Fprintf(&si, `<si><t>%s</t></si>`, b.String())
		}
	}
	return zipBook(t, sheet.String(), si.String())
}

func zipBook(t *rapid.T, sheetData, si string) []byte {
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	parts := [][2]string{
		{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`},
		{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + rel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<workbook ` + ns + ` xmlns:r="` + rel + `"><sheets><sheet name="` + SummarySheet + `" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + rel + `/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="` + rel + `/sharedStrings" Target="sharedStrings.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<worksheet ` + ns + `><dimension ref="A1"/><sheetData>` + sheetData + `</sheetData><pageMargins left="0.7"/></worksheet>`},
		{"xl/sharedStrings.xml", `<sst ` + ns + `>` + si + `</sst>`},
	}
	return zipParts(t, parts)
}

// The streaming read gives every row, value and cell type excelize's
// row iterator and whole-sheet parse gave, by the fast scanner and by
// encoding/xml alike.
func TestStreamRowsAsExcelize(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		book := genBook(t)
		want := comparable(excelizeRows(t, book))
		for _, fast := range []bool{true, false} {
			if got := comparable(streamRows(t, book, fast)); !reflect.DeepEqual(got, want) {
				t.Fatalf("fast %v:\n got %+v\nwant %+v", fast, got, want)
			}
		}
	})
}

// tokensOf is every token of doc by tz, as text, until an error.
func tokensOf(tz tokenizer) ([]string, error) {
	var out []string
	for {
		t, err := tz.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		s := fmt.Sprintf("%d %s %q", t.kind, t.local, t.text)
		for _, a := range t.attrs {
			s += fmt.Sprintf(" %s=%q", a.local, a.value)
		}
		out = append(out, s)
	}
}

// The fast scanner gives the tokens encoding/xml gives, or refuses
// (errSlow) what it does not take; it never takes what encoding/xml
// finds wrong.
func FuzzFastTokens(f *testing.F) {
	for _, s := range []string{`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<a x="1" y='&lt;&#x41;'><b/>t&amp;&#20013;</a>`,
		`<x:c r="A1" t="s"><x:v>1</x:v></x:c>`, "<a>\x01</a>", "<a></b>", "<a>]]></a>", "<a b=\"1\"c=\"2\"/>", "<a>&#1;</a>", "<a>\r\n</a>",
		"<a><!-- c --></a>", "<a><![CDATA[x]]></a>", "<a>é\xff</a>", "<a\n x = \"1\" >\t</a >\n", "<a>&nbsp;</a>", "<a>", "</a>", "<a/><b/>"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		fast, ferr := tokensOf(newFastTokens(bytes.NewReader(doc), 64))
		if errors.Is(ferr, errSlow) {
			return
		}
		slow, serr := tokensOf(newXMLTokens(bytes.NewReader(doc)))
		if ferr != nil || serr != nil || !reflect.DeepEqual(fast, slow) {
			t.Fatalf("%q:\nfast %q, %v\nxml  %q, %v", doc, fast, ferr, slow, serr)
		}
	})
}

// The fast scanner over a window smaller than the document, tokens cut
// across reads, gives what it gives over the whole.
func TestFastTokensAcrossReads(t *testing.T) {
	var doc strings.Builder
	doc.WriteString(`<?xml version="1.0" encoding="UTF-8"?><sheetData>`)
	for i := range 5000 {
		fmt.Fprintf(&doc, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>准东&amp;%d</t></is></c></row>`, i+1, i+1, i)
	}
	doc.WriteString(`</sheetData>`)
	want, err := tokensOf(newXMLTokens(strings.NewReader(doc.String())))
	if err != nil {
		t.Fatal(err)
	}
	tz := newFastTokens(&oneByteReader{strings.NewReader(doc.String())}, 16) // grows to hold the longest token
	got, err := tokensOf(tz)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("%v; %d tokens, want %d", err, len(got), len(want))
	}
}

type oneByteReader struct{ r io.Reader }

func (o *oneByteReader) Read(b []byte) (int, error) { return o.r.Read(b[:min(len(b), 7)]) }

// Every bad cell of an export is reported, in row order, not only the
// first; the good rows are not returned.
func TestReadSummaryXLSXEveryBadCell(t *testing.T) {
	rows := [][]any{summaryHeader,
		summaryRow(n1, num("1"), "1,000", "13%", num("0.13")),        // 金额 N2
		summaryRow(n2, num("1"), num("1"), "13%", num("0.13")),       // good
		summaryRow("123", "x", num("1"), "免税", num("0.13")),          // 数电发票号码 B4, 数量 L4, 税率 O4
		summaryRow(n2, num("1"), num("1"), "13%", num("0.13"))[:5:5], // row 5 of n2 with a different buyer (none)
	}
	_, err := ReadSummaryXLSX(bytes.NewReader(workbook(t, SummarySheet, rows)), "x.xlsx")
	var list *Errors
	if !errors.As(err, &list) {
		t.Fatalf("%v; want Errors", err)
	}
	var got []string
	for _, e := range list.List {
		got = append(got, fmt.Sprintf("%s %s %d %s", e.Cell, e.Path, e.Line, e.Kind))
	}
	want := []string{"N2 信息汇总表/金额 2 bad-number", "B4 信息汇总表/数电发票号码 4 bad-code", "L4 信息汇总表/数量 4 bad-number",
		"O4 信息汇总表/税率 4 bad-number"}
	if len(got) < len(want) || !reflect.DeepEqual(got[:len(want)], want) {
		t.Errorf("got\n%s\nwant first\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, g := range got[len(want):] {
		if !strings.Contains(g, " 5 ") {
			t.Errorf("after row 4: %s, want row 5's", g)
		}
	}
	if list.More != 0 {
		t.Errorf("more: %d", list.More)
	}
}

// Past MaxErrors bad cells, the rest are counted.
func TestReadSummaryXLSXErrorsCounted(t *testing.T) {
	rows := [][]any{summaryHeader}
	for range MaxErrors + 5 {
		rows = append(rows, summaryRow(n1, num("1"), "1,000", "13%", num("0.13")))
	}
	_, err := ReadSummaryXLSX(bytes.NewReader(workbook(t, SummarySheet, rows)), "x.xlsx")
	var list *Errors
	if !errors.As(err, &list) || len(list.List) != MaxErrors || list.More != 5 || list.List[MaxErrors-1].Line != MaxErrors+1 {
		t.Fatalf("%d listed, %d more; want %d and 5", len(list.List), list.More, MaxErrors)
	}
}
