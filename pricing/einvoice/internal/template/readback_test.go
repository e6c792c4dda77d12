package template

import (
	"bytes"
	"errors"
	"reflect"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

// withEmpty returns rows with every key of cols present, "" for the
// absent, as ReadBack returns them.
func withEmpty(rows []Row, cols []Column) []Row {
	out := make([]Row, len(rows))
	for i, r := range rows {
		o := Row{}
		for _, c := range cols {
			o[c.Key] = r[c.Key]
		}
		out[i] = o
	}
	return out
}

func readBack(t testing.TB, b []byte) (basic, detail []Row, version string, err error) {
	t.Helper()
	return ReadBack(bytes.NewReader(b), int64(len(b)), "filled.xlsx")
}

func TestRoundTrip(t *testing.T) {
	tpl := mustDefault(t)
	basic, detail := sampleRows(20)
	tricky := []string{" leading and trailing ", "a\r\nb\nc\td", "_x0041_ and _x005F_ and _x", "&<>\"'", "😀 𠀀 \ufeffBOM", "0013", "1080306020000000000", "1E+5", "=SUM(A1)", "\ufffd"}
	for i, v := range tricky {
		basic[i]["备注"] = v
		detail[i]["规格型号"] = v
	}
	out := fill(t, tpl, basic, detail)
	gb, gd, v, err := readBack(t, out)
	if err != nil {
		t.Fatal(err)
	}
	if v != "pt:20260401" {
		t.Errorf("version %q", v)
	}
	if want := withEmpty(basic, tpl.Columns(Basic)); !reflect.DeepEqual(gb, want) {
		for i := range want {
			if i < len(gb) && !reflect.DeepEqual(gb[i], want[i]) {
				t.Errorf("basic row %d:\n got %q\nwant %q", i+FirstDataRow, gb[i]["备注"], want[i]["备注"])
			}
		}
		t.Fatalf("basic: %d rows, want %d", len(gb), len(want))
	}
	if want := withEmpty(detail, tpl.Columns(Detail)); !reflect.DeepEqual(gd, want) {
		t.Fatalf("detail differs")
	}
	// excelize, reading the same file, sees the same text.
	f := excel(t, out)
	for i, v := range tricky {
		if got, _ := f.GetCellValue(Basic, "W"+strconv.Itoa(FirstDataRow+i)); got != v {
			t.Errorf("excelize reads W%d as %q, want %q", FirstDataRow+i, got, v)
		}
	}
	// An empty workbook reads back empty.
	gb, gd, _, err = readBack(t, fill(t, tpl, nil, nil))
	if err != nil || gb != nil || gd != nil {
		t.Errorf("empty: %v %v %v", gb, gd, err)
	}
}

// TestReadBackEdited reads files a clerk changed in a spreadsheet program,
// simulated with excelize, which rewrites the sheets with shared strings.
func TestReadBackEdited(t *testing.T) {
	tpl := mustDefault(t)
	basic, detail := sampleRows(6)
	out := fill(t, tpl, basic, detail)
	editOut := func(fn func(f *excelize.File) error) []byte {
		f, err := excelize.OpenReader(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := fn(f); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := f.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	tests := []struct {
		name   string
		edit   func(f *excelize.File) error
		kind   Kind
		sheet  string
		row    int
		header string
		column string
		check  func(basic, detail []Row) bool
	}{
		{"text edited", func(f *excelize.File) error { return f.SetCellStr(Detail, "B5", "铝液（A00）") }, 0, "", 0, "", "",
			func(b, d []Row) bool {
				return d[1]["项目名称"] == "铝液（A00）" && d[0]["项目名称"] == "铝液"
			}},
		{"small number", func(f *excelize.File) error { return f.SetCellFloat(Detail, "I6", 0.13, -1, 64) }, 0, "", 0, "", "",
			func(b, d []Row) bool { return d[2]["税率"] == "0.13" }},
		{"blank row between", func(f *excelize.File) error { return f.RemoveRow(Detail, 5) }, 0, "", 0, "", "",
			func(b, d []Row) bool { return len(d) == 5 && d[1]["发票流水号"] == "AL202604000002" }},
		{"blanked row", func(f *excelize.File) error {
			for c := 1; c <= 14; c++ {
				if err := f.SetCellStr(Detail, colName(c)+"5", ""); err != nil {
					return err
				}
			}
			return nil
		}, 0, "", 0, "", "", func(b, d []Row) bool { return len(d) == 6 && d[1] == nil && d[2] != nil }},
		{"column deleted", func(f *excelize.File) error { return f.RemoveCol(Basic, "W") }, 0, "", 0, "", "",
			func(b, d []Row) bool {
				_, ok := b[0]["备注"]
				return !ok && b[0]["销售方开户行"] == "中国银行昌吉分行"
			}},
		{"tax code as number", func(f *excelize.File) error { return f.SetCellInt(Detail, "C7", 1080306020000000000) }, KindUnreadableCell, Detail, 7, "商品和服务税收编码", "C", nil},
		{"exponent", func(f *excelize.File) error { return f.SetCellFloat(Detail, "F4", 1e21, -1, 64) }, KindUnreadableCell, Detail, 4, "数量", "F", nil},
		{"formula", func(f *excelize.File) error { return f.SetCellFormula(Detail, "H5", "=1+1") }, KindUnreadableCell, Detail, 5, "金额", "H", nil},
		{"boolean", func(f *excelize.File) error { return f.SetCellBool(Basic, "D4", true) }, KindUnreadableCell, Basic, 4, "是否含税", "D", nil},
		{"no header", func(f *excelize.File) error { return f.SetCellStr(Detail, "O5", "x") }, KindUnexpectedData, Detail, 5, "", "O", nil},
		{"special business", func(f *excelize.File) error { return f.SetCellStr(Special, "D9", "工程") }, KindUnexpectedData, Special, 9, "", "D", nil},
		{"additional element", func(f *excelize.File) error { return f.SetCellStr(Extra, "A4", "AL1") }, KindUnexpectedData, Extra, 4, "", "A", nil},
		{"no version", func(f *excelize.File) error { return f.SetCellStr(VersionSheet, VersionCell, "") }, KindMissingVersion, VersionSheet, 0, "", "", nil},
		{"no detail sheet", func(f *excelize.File) error { return f.DeleteSheet(Detail) }, KindMissingSheet, Detail, 0, "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := editOut(tt.edit)
			gb, gd, _, err := readBack(t, b)
			if tt.kind == 0 {
				if err != nil {
					t.Fatal(err)
				}
				if !tt.check(gb, gd) {
					t.Errorf("basic %v\ndetail %v", gb, gd)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Kind != tt.kind || e.Sheet != tt.sheet || e.Row != tt.row || e.Header != tt.header || e.Column != tt.column || e.Name != "filled.xlsx" {
				t.Fatalf("ReadBack = %v (%#v)", err, err)
			}
		})
	}
}

func TestReadBackRefuses(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		kind Kind
	}{
		{"bomb", rezip(t, v260401, map[string][]byte{"xl/worksheets/sheet5.xml": bytes.Repeat([]byte(" "), 300<<20)}, nil), KindTooLarge},
		{"junk", []byte("junk"), KindCorrupt},
		{"truncated", v260401[:len(v260401)-100], KindCorrupt},
		{"bad shared string", rezip(t, v260401, map[string][]byte{"xl/worksheets/sheet6.xml": []byte(`<worksheet><sheetData><row r="4"><c r="A4" t="s"><v>7</v></c></row></sheetData></worksheet>`)}, nil), KindCorrupt},
		{"rows out of order", rezip(t, v260401, map[string][]byte{"xl/worksheets/sheet6.xml": []byte(`<worksheet><sheetData><row r="5"/><row r="4"/></sheetData></worksheet>`)}, nil), KindCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, _, _, err := readBack(t, tt.data); kindOf(err) != tt.kind {
				t.Fatalf("ReadBack = %v, want %v", err, tt.kind)
			}
		})
	}
}

// TestReaderMatchesExcelize holds the package's own cell reader to
// excelize: the same text in every cell of every sheet, for the blank, a
// filled copy, and a copy excelize rewrote with shared strings; and the
// same columns whether the headers are read by excelize or by it.
func TestReaderMatchesExcelize(t *testing.T) {
	tpl := mustDefault(t)
	basic, detail := sampleRows(30)
	basic[3]["备注"] = "_x0041_ a&b\r\n "
	filled := fill(t, tpl, basic, detail)
	rewritten := edit(t, func(f *excelize.File) error {
		for i := 4; i < 40; i++ {
			if err := f.SetCellStr(Detail, "B"+strconv.Itoa(i), "铝液 _x0041_"); err != nil {
				return err
			}
		}
		return f.SetCellStr(Basic, "W3", "*备注")
	})
	for name, b := range map[string][]byte{"blank": v260401, "filled": filled, "rewritten": rewritten} {
		p, err := openPkg(b, name, maxWorkbookUnzip)
		if err != nil {
			t.Fatal(err)
		}
		sst, err := p.sharedStrings()
		if err != nil {
			t.Fatal(err)
		}
		f := excel(t, b)
		for _, s := range p.sheets {
			want, err := f.GetRows(s.name, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			var got [][]string
			merges, err := p.scanCells(s.part, sst, func(row int, cells []cell) error {
				for len(got) < row {
					got = append(got, nil)
				}
				got[row-1] = texts(cells)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			for i := range max(len(got), len(want)) {
				var g, w []string
				if i < len(got) {
					g = got[i]
				}
				if i < len(want) {
					w = want[i]
				}
				for len(w) > 0 && w[len(w)-1] == "" {
					w = w[:len(w)-1]
				}
				if len(g)+len(w) > 0 && !reflect.DeepEqual(g, w) {
					t.Fatalf("%s %s row %d:\n got %q\nwant %q", name, s.name, i+1, g, w)
				}
			}
			if s.name == Basic || s.name == Detail {
				ours := buildLayout(s.name, at(got, RuleRow), at(got, HeaderRow), merges)
				theirs, err := excelizeLayout(f, s.name, name)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(ours, theirs) {
					t.Errorf("%s %s: layouts differ", name, s.name)
				}
			}
		}
	}
}

func at(rows [][]string, r int) []string {
	if r <= len(rows) {
		return rows[r-1]
	}
	return nil
}
