package template

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestFillKeepsTemplate opens the filled copy and the blank side by side:
// everything but the data rows must be the blank's.
func TestFillKeepsTemplate(t *testing.T) {
	tpl := mustDefault(t)
	basic, detail := sampleRows(1200) // past row 1001, where the validations end
	out := fill(t, tpl, basic, detail)
	blank, got := excel(t, v260401), excel(t, out)

	sheets := blank.GetSheetList()
	if g := got.GetSheetList(); !reflect.DeepEqual(g, sheets) || len(sheets) != 11 {
		t.Fatalf("sheets %q, want %q", g, sheets)
	}
	for _, s := range sheets {
		v1, _ := blank.GetSheetVisible(s)
		v2, _ := got.GetSheetVisible(s)
		if v1 != v2 {
			t.Errorf("%s visible %v, blank %v", s, v2, v1)
		}
		// Rows 1–3, values and styles.
		for r := 1; r <= HeaderRow; r++ {
			for c := 1; c <= 60; c++ {
				cell := colName(c) + strconv.Itoa(r)
				a, _ := blank.GetCellValue(s, cell)
				b, _ := got.GetCellValue(s, cell)
				sa, _ := blank.GetCellStyle(s, cell)
				sb, _ := got.GetCellStyle(s, cell)
				if a != b || sa != sb {
					t.Errorf("%s!%s = %q style %d, blank %q style %d", s, cell, b, sb, a, sa)
				}
			}
		}
		dv1, _ := blank.GetDataValidations(s)
		dv2, _ := got.GetDataValidations(s)
		if !reflect.DeepEqual(dv1, dv2) {
			t.Errorf("%s: %d data validations, blank %d", s, len(dv2), len(dv1))
		}
		m1, _ := blank.GetMergeCells(s)
		m2, _ := got.GetMergeCells(s)
		if !reflect.DeepEqual(m1, m2) {
			t.Errorf("%s: merged cells %v, blank %v", s, m2, m1)
		}
		for c := 1; c <= 60; c++ {
			w1, _ := blank.GetColWidth(s, colName(c))
			w2, _ := got.GetColWidth(s, colName(c))
			if w1 != w2 {
				t.Errorf("%s column %s width %v, blank %v", s, colName(c), w2, w1)
			}
		}
	}
	if v, _ := got.GetCellValue(VersionSheet, VersionCell); v != "pt:20260401" {
		t.Errorf("version %q", v)
	}
	if n1, n2 := blank.GetDefinedName(), got.GetDefinedName(); !reflect.DeepEqual(n1, n2) || len(n1) < 3000 {
		t.Errorf("%d defined names, blank %d", len(n2), len(n1))
	}
	if dv, _ := got.GetDataValidations(Basic); len(dv) != 17 {
		t.Errorf("Basic has %d validations, want 17", len(dv))
	}
	// Data from row 4, in order.
	for i, cell := range []struct{ sheet, key, col string }{{Basic, "发票流水号", "A"}, {Basic, "备注", "W"}, {Detail, "税率", "I"}, {Detail, "商品和服务税收编码", "C"}} {
		rows := basic
		if cell.sheet == Detail {
			rows = detail
		}
		for _, j := range []int{0, 1, 997, len(rows) - 1} {
			v, _ := got.GetCellValue(cell.sheet, cell.col+strconv.Itoa(FirstDataRow+j))
			if v != rows[j][cell.key] {
				t.Errorf("%d: %s!%s%d = %q, want %q", i, cell.sheet, cell.col, FirstDataRow+j, v, rows[j][cell.key])
			}
		}
	}
	if v, _ := got.GetCellValue(Detail, "A"+strconv.Itoa(FirstDataRow+len(detail))); v != "" {
		t.Errorf("a row after the data: %q", v)
	}
}

// TestFillBytes holds the zip itself: every part but the two data sheets is
// copied byte for byte (compressed data included), and the data sheets are
// the blank's bytes with rows inserted.
func TestFillBytes(t *testing.T) {
	tpl := mustDefault(t)
	basic, detail := sampleRows(10)
	out := fill(t, tpl, basic, detail)
	zin, _ := zip.NewReader(bytes.NewReader(v260401), int64(len(v260401)))
	zout, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zin.File) != len(zout.File) {
		t.Fatalf("%d parts, blank %d", len(zout.File), len(zin.File))
	}
	for i, f := range zin.File {
		g := zout.File[i]
		if g.Name != f.Name {
			t.Fatalf("part %d is %s, blank %s", i, g.Name, f.Name)
		}
		if f.Name == "xl/worksheets/sheet1.xml" || f.Name == "xl/worksheets/sheet6.xml" {
			continue
		}
		if !bytes.Equal(raw(t, f), raw(t, g)) || f.CRC32 != g.CRC32 {
			t.Errorf("%s changed", f.Name)
		}
	}
	for _, part := range []string{"xl/worksheets/sheet1.xml", "xl/worksheets/sheet6.xml"} {
		a, b := string(zipEntry(t, v260401, part)), string(zipEntry(t, out, part))
		head, tail, _ := strings.Cut(a, "</sheetData>")
		dim := `<dimension ref="A1"/>`
		headB, _, _ := strings.Cut(b, "<row r=\"4\">")
		if !strings.HasSuffix(b, "</sheetData>"+tail) {
			t.Errorf("%s: the part after the rows changed", part)
		}
		before, after, _ := strings.Cut(head, dim)
		if !strings.HasPrefix(headB, before) || !strings.HasSuffix(headB, after) {
			t.Errorf("%s: rows 1–3 changed", part)
		}
		if want := "<dimension ref=\"A1:" + map[string]string{"xl/worksheets/sheet1.xml": "AM", "xl/worksheets/sheet6.xml": "N"}[part] + "13\"/>"; !strings.Contains(headB, want) {
			t.Errorf("%s: no %s", part, want)
		}
	}
}

func raw(t testing.TB, f *zip.File) []byte {
	rc, err := f.OpenRaw()
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// xmlCell is a cell as the sheet XML has it.
type xmlCell struct {
	R string `xml:"r,attr"`
	S string `xml:"s,attr"`
	T string `xml:"t,attr"`
	V string `xml:"v"`
	F string `xml:"f"`
}

// TestFillCellsAreText reads the sheet XML itself: every data cell is an
// inline string with its column's text style, none a number.
func TestFillCellsAreText(t *testing.T) {
	tpl := mustDefault(t)
	basic, detail := sampleRows(50)
	detail[3]["数量"] = "0013"
	out := fill(t, tpl, basic, detail)
	f := excel(t, out)
	for _, tt := range []struct {
		part  string
		sheet string
		cells int
	}{{"xl/worksheets/sheet1.xml", Basic, 50 * len(basic[0])}, {"xl/worksheets/sheet6.xml", Detail, 50 * len(detail[0])}} {
		var doc struct {
			Rows []struct {
				R     int       `xml:"r,attr"`
				Cells []xmlCell `xml:"c"`
			} `xml:"sheetData>row"`
		}
		if err := xml.Unmarshal(zipEntry(t, out, tt.part), &doc); err != nil {
			t.Fatal(err)
		}
		styles := map[string]string{}
		for _, c := range tpl.Columns(tt.sheet) {
			styles[c.Letter] = c.style
		}
		n := 0
		for _, r := range doc.Rows {
			if r.R < FirstDataRow {
				continue
			}
			for _, c := range r.Cells {
				n++
				letters := strings.TrimRight(c.R, "0123456789")
				if c.T != "inlineStr" || c.V != "" || c.F != "" || c.S != styles[letters] {
					t.Errorf("%s %s: t=%q s=%q (want inlineStr, s=%q)", tt.sheet, c.R, c.T, c.S, styles[letters])
				}
				if typ, _ := f.GetCellType(tt.sheet, c.R); typ != excelize.CellTypeInlineString {
					t.Errorf("%s %s: excelize type %v", tt.sheet, c.R, typ)
				}
			}
		}
		if n != tt.cells {
			t.Errorf("%s: %d data cells, want %d", tt.sheet, n, tt.cells)
		}
	}
	if v, _ := f.GetCellValue(Detail, "F7"); v != "0013" {
		t.Errorf("F7 = %q", v)
	}
	// The text style is numFmt 49 (@) on every column the blank styles.
	for _, c := range tpl.Columns(Detail) {
		id, _ := strconv.Atoi(c.style)
		st, err := f.GetStyle(id)
		if err != nil || st.NumFmt != 49 {
			t.Errorf("Detail %s: style %s numFmt %v %v", c.Letter, c.style, st, err)
		}
	}
}

func TestCheck(t *testing.T) {
	tpl := mustDefault(t)
	ok := func() (Row, Row) {
		b, d := sampleRows(1)
		return b[0], d[0]
	}
	tests := []struct {
		name   string
		change func(b, d Row)
		kind   Kind
		sheet  string
		header string
		char   rune
	}{
		{"valid", func(b, d Row) {}, 0, "", "", 0},
		{"20 characters", func(b, d Row) { b["发票流水号"] = strings.Repeat("铝", 20) }, 0, "", "", 0},
		{"21 characters", func(b, d Row) { b["发票流水号"] = strings.Repeat("铝", 21) }, KindTooLong, Basic, "发票流水号", 0},
		{"备注 230", func(b, d Row) { b["备注"] = strings.Repeat("注", 230) }, 0, "", "", 0},
		{"备注 231", func(b, d Row) { b["备注"] = strings.Repeat("注", 231) }, KindTooLong, Basic, "备注", 0},
		{"税率 9", func(b, d Row) { d["税率"] = "0.1300000" + "0" }, KindTooLong, Detail, "税率", 0},
		{"line breaks and tabs", func(b, d Row) { b["备注"] = "a\r\nb\tc" }, 0, "", "", 0},
		{"bell", func(b, d Row) { b["备注"] = "a\ab" }, KindBadChar, Basic, "备注", '\a'},
		{"NUL", func(b, d Row) { d["规格型号"] = "A\x00" }, KindBadChar, Detail, "规格型号", 0},
		{"U+FFFE", func(b, d Row) { d["单位"] = "\ufffe" }, KindBadChar, Detail, "单位", 0xFFFE},
		{"not UTF-8", func(b, d Row) { b["购买方名称"] = "\xff公司" }, KindBadChar, Basic, "购买方名称", 0xFFFD},
		{"U+FFFD itself", func(b, d Row) { b["购买方名称"] = "\ufffd公司" }, 0, "", "", 0},
		{"required empty", func(b, d Row) { d["金额"] = "" }, KindRequired, Detail, "金额", 0},
		{"required absent", func(b, d Row) { delete(b, "购买方名称") }, KindRequired, Basic, "购买方名称", 0},
		{"unknown", func(b, d Row) { d["地址"] = "x"; d["备注"] = "y" }, KindUnknownHeader, Detail, "地址", 0},
		{"unnormalized key", func(b, d Row) { b["每千克煤炭\n发热量"] = "5000" }, KindUnknownHeader, Basic, "每千克煤炭\n发热量", 0},
		{"bare merged key", func(b, d Row) { b["购买方所在地区（报废产品收购必填）"] = "新疆" }, KindUnknownHeader, Basic, "购买方所在地区（报废产品收购必填）", 0},
		{"merged key", func(b, d Row) { b[Nth("购买方所在地区（报废产品收购必填）", 1)] = "新疆" }, 0, "", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, d := ok()
			filler := Row{"发票流水号": "X", "发票类型": "普通发票", "是否含税": "否", "购买方名称": "X"}
			tt.change(b, d)
			err := tpl.Check([]Row{filler, b}, []Row{d})
			// The same rows as Tables fill the same file, or fail the same
			// way (a key that is no column on the first row).
			basic, detail := asTable([]Row{filler, b}), asTable([]Row{d})
			var tables, maps bytes.Buffer
			terr := tpl.FillTables(&tables, basic, detail)
			if tt.kind == 0 {
				if err != nil || terr != nil {
					t.Fatal(err, terr)
				}
				if ferr := tpl.Fill(&maps, []Row{filler, b}, []Row{d}); ferr != nil || !bytes.Equal(tables.Bytes(), maps.Bytes()) {
					t.Errorf("FillTables wrote %d bytes, Fill %d (%v): not the same", tables.Len(), maps.Len(), ferr)
				}
				return
			}
			var te *Error
			if !errors.As(terr, &te) || te.Kind != tt.kind || te.Sheet != tt.sheet || te.Header != tt.header || te.Char != tt.char || tables.Len() != 0 {
				t.Errorf("FillTables = %v (%#v) after writing %d bytes", terr, terr, tables.Len())
			} else if want := map[string]int{Basic: 5, Detail: 4}[tt.sheet]; tt.kind == KindUnknownHeader && te.Row != FirstDataRow || tt.kind != KindUnknownHeader && te.Row != want {
				t.Errorf("FillTables: row %d", te.Row)
			}
			if cerr := tpl.CheckTable(tt.sheet, map[string]Table{Basic: basic, Detail: detail}[tt.sheet], 2); kindOf(cerr) != tt.kind {
				t.Errorf("CheckTable = %v", cerr)
			}
			var e *Error
			if !errors.As(err, &e) || e.Kind != tt.kind || e.Sheet != tt.sheet || e.Header != tt.header || e.Char != tt.char {
				t.Fatalf("Check = %v (%#v)", err, err)
			}
			if want := map[string]int{Basic: 5, Detail: 4}[tt.sheet]; e.Row != want {
				t.Errorf("row %d, want %d", e.Row, want)
			}
			var buf bytes.Buffer
			if err := tpl.Fill(&buf, []Row{filler, b}, []Row{d}); kindOf(err) != tt.kind || buf.Len() != 0 {
				t.Errorf("Fill = %v after writing %d bytes", err, buf.Len())
			}
		})
	}
}

func TestErrorText(t *testing.T) {
	e := &Error{Kind: KindTooLong, Name: "a.xlsx", Sheet: Basic, Row: 7, Header: "备注", Value: strings.Repeat("注", 231), Limit: 230}
	want := "template: a.xlsx: sheet 1-发票基本信息 row 7 column 备注: too long (231 characters, at most 230)"
	if e.Error() != want {
		t.Errorf("got  %s\nwant %s", e.Error(), want)
	}
	inner := errors.New("zip: not a valid zip file")
	if e := (&Error{Kind: KindCorrupt, Err: inner}); !errors.Is(e, inner) || e.Error() != "template: corrupt: zip: not a valid zip file" {
		t.Errorf("%v", e)
	}
}

// asTable makes rows a Table: the keys of every row, sorted, each row's
// value of each ("" for a key it lacks).
func asTable(rows []Row) Table {
	var t Table
	for _, row := range rows {
		for k := range row {
			if !slices.Contains(t.Keys, k) {
				t.Keys = append(t.Keys, k)
			}
		}
	}
	slices.Sort(t.Keys)
	for _, row := range rows {
		vals := make([]string, len(t.Keys))
		for i, k := range t.Keys {
			vals[i] = row[k]
		}
		t.Rows = append(t.Rows, vals)
	}
	return t
}

// FillTables writes what Fill writes for the same rows, thousands of them.
func TestFillTablesIsFill(t *testing.T) {
	tpl := mustDefault(t)
	basic, detail := sampleRows(2500)
	var tables bytes.Buffer
	if err := tpl.FillTables(&tables, asTable(basic), asTable(detail)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(tables.Bytes(), fill(t, tpl, basic, detail)) {
		t.Error("FillTables and Fill wrote different files")
	}
}
