package report

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestGroup(t *testing.T) {
	for in, want := range map[string]string{
		"0.00": "0.00", "999.99": "999.99", "1000.00": "1,000.00", "-1234567.50": "-1,234,567.50",
		"123456": "123,456", "12": "12", "-600.00": "-600.00", "31.250": "31.250", "1234.567": "1,234.567",
	} {
		if got := Group(in); got != want {
			t.Errorf("Group(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNeutralise(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(1)": "'=HYPERLINK(1)", "+1": "'+1", "-2+3": "'-2+3", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "\rx": "'\rx", "ZD-2026-001": "ZD-2026-001", "": "", "准东": "准东", " =1": " =1",
	} {
		if got := Neutralise(in); got != want {
			t.Errorf("Neutralise(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCells(t *testing.T) {
	d := decimal.RequireFromString
	cases := []struct {
		c              Cell
		plain, display string
	}{
		{CNY(d("24389")), "24389.00", "24,389.00"},
		{CNY(d("-146.334")), "-146.33", "-146.33"},
		{Tonnes(31250), "31.250", "31.250"},
		{Int(12345), "12345", "12,345"},
		{Decimals(d("24388.63636"), 4), "24388.6364", "24388.6364"},
		{Coded("元/吨", "CNY/t"), "CNY/t", "元/吨"},
		{Str("x"), "x", "x"},
	}
	for _, c := range cases {
		if c.c.Plain() != c.plain || c.c.Display() != c.display {
			t.Errorf("%+v: plain %q display %q, want %q %q", c.c, c.c.Plain(), c.c.Display(), c.plain, c.display)
		}
	}
}

func sampleDoc() Doc {
	cols := []Column{{Key: "agreement", Machine: true}, {Key: "month", Title: "Month"}, {Key: "amount", Title: "Amount"}}
	return Doc{
		Title: "Title",
		Tables: []Table{
			{Title: "A", Columns: cols, Rows: [][]Cell{{Str("A"), Str("2026-03"), CNY(decimal.NewFromInt(1000))}}},
			{Title: "B", Columns: cols, Rows: [][]Cell{{Str("B"), Str("2026-03"), CNY(decimal.NewFromInt(-5))}}, Footer: []Cell{Empty, Str("Total"), CNY(decimal.NewFromInt(995))}},
			{Title: "Empty", Columns: []Column{{Key: "line", Title: "Line"}}},
			{Title: "Detail", Columns: []Column{{Key: "day", Title: "Day"}}, Rows: [][]Cell{{Str("2026-03-02")}}, Sheet: true},
		},
		Notes: []string{"a note | with a pipe"},
	}
}

// CSV: the tables of the same columns share one header; an empty table
// keeps its header; a spreadsheet-only table and the footer are left out.
func TestWriteCSV(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, sampleDoc()); err != nil {
		t.Fatal(err)
	}
	want := "agreement,month,amount\nA,2026-03,1000.00\nB,2026-03,-5.00\n\nline\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// People's formats leave out empty and spreadsheet-only tables and the
// machine columns, and show the footer.
func TestWritePeople(t *testing.T) {
	var table, md bytes.Buffer
	if err := WriteTable(&table, sampleDoc()); err != nil {
		t.Fatal(err)
	}
	if err := WriteMarkdown(&md, sampleDoc()); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"table": table.String(), "markdown": md.String()} {
		for _, want := range []string{"1,000.00", "Total", "995.00", "-5.00"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: no %q in\n%s", name, want, out)
			}
		}
		for _, not := range []string{"Empty", "Detail", "2026-03-02", "agreement"} {
			if strings.Contains(out, not) {
				t.Errorf("%s: %q should be left out:\n%s", name, not, out)
			}
		}
	}
	if !strings.Contains(md.String(), `a note \| with a pipe`) || !strings.HasPrefix(md.String(), "# Title") {
		t.Errorf("markdown:\n%s", md.String())
	}
}

// Sheet names are cut at a word or id boundary, never inside an id.
func TestCutName(t *testing.T) {
	for in, want := range map[string]string{
		"Invoice lines (each below the cap excl. VAT)": "Invoice lines (each below the",
		"协议 ZD-2026-001 · 需方 准东示例铝材有限公司":               "协议 ZD-2026-001 · 需方 准东示例铝材有限公司",
		"Agreement ZD-2026-001 · buyer 准东示例铝材有限公司":     "Agreement ZD-2026-001 · buyer",
		"Statements":                           "Statements",
		"ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJ": "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDE",
	} {
		got := cutName(in, 31)
		if got != want || len([]rune(got)) > 31 {
			t.Errorf("cutName(%q) = %q, want %q", in, got, want)
		}
	}
}

// A sheet name keeps the key whole and cuts the rest (#27 item 2).
func TestSheetName(t *testing.T) {
	for _, c := range []struct{ key, rest, want string }{
		{"ZD-2026-001", "准东示例铝材有限公司", "ZD-2026-001 准东示例铝材有限公司"},
		{"CJ-2026-010-SUPPLY-MOLTEN", "昌吉示例铝箔有限公司", "CJ-2026-010-SUPPLY-MOLTEN 昌吉示例…"},
		{"ZD-1", "", "ZD-1"},
	} {
		if got := SheetName(c.key, c.rest); got != c.want || len([]rune(got)) > maxSheetName {
			t.Errorf("SheetName(%q, %q) = %q, want %q", c.key, c.rest, got, c.want)
		}
	}
	x := &xlsxWriter{used: map[string]bool{}}
	for in, want := range map[string]string{
		"Policy lint · testdata/lint/x.yaml": "Policy lint · testdata-lint-x.y",
		"a\u200bb:c":                         "ab-c",
		"'quoted'":                           "quoted",
		"[]":                                 "Sheet",
	} {
		if got := x.cleanName(in, ""); got != want {
			t.Errorf("cleanName(%q) = %q, want %q", in, got, want)
		}
	}
	if a, b := x.cleanName("Chart", ""), x.cleanName("chart", ""); a == b || b != "chart (2)" {
		t.Errorf("two sheets named Chart and chart: %q, %q (Excel takes names regardless of case)", a, b)
	}
}

// A table fitted to a terminal leaves its detail columns out, right to
// left, once its long text is below it, until no row is wider than the
// terminal; a table that fits is as it was (#27 item 24). Widths: CJK
// characters two columns each, │ x │ y │ three a column and one more.
func TestFitTable(t *testing.T) {
	tab := Table{
		Columns: []Column{{Key: "id", Title: "Id"}, {Key: "buyer", Title: "Buyer", Detail: 1}, {Key: "n", Title: "Tonnes"},
			{Key: "vat", Title: "VAT", Detail: 1}, {Key: "why", Title: "Why", Below: true}},
		Rows:   [][]Cell{{Str("A-1"), Str("准东示例铝材"), Tonnes(31250), CNY(decimal.RequireFromString("13.00")), Str("a long explanation of the finding")}},
		Footer: []Cell{Str("Total"), Empty, Tonnes(31250), CNY(decimal.RequireFromString("13.00")), Empty},
	}
	fit := func(width int) Table {
		return fitTable(tab, &Fit{Width: width, Number: "#", Hidden: func(titles []string) string { return "hidden " + strings.Join(titles, "+") }})
	}
	// Id 5, Buyer 12, Tonnes 6, VAT 5, Why 33: 61 + 16 = 77 columns.
	if got := fit(77); !slices.EqualFunc(got.Columns, tab.Columns, func(a, b Column) bool { return a == b }) || got.Notes != nil {
		t.Errorf("a table that fits changed: %+v", got)
	}
	// Without Why, a # column of 1: 1 + 5 + 12 + 6 + 5 = 29, + 16 = 45.
	got := fit(45)
	if len(got.Columns) != 6 || got.Columns[0].Title != "#" || !got.Columns[5].Machine || got.Columns[2].Machine || got.Columns[4].Machine {
		t.Errorf("at 45: columns %+v", got.Columns)
	}
	if !slices.Equal(got.Notes, []string{"1. a long explanation of the finding"}) || got.Rows[0][0].Display() != "1" || got.Footer[0] != Empty {
		t.Errorf("at 45: notes %q, rows %v", got.Notes, got.Rows)
	}
	// At 44, VAT goes (45 − 8 = 37); at 36, Buyer too (37 − 15 = 22).
	if got := fit(44); !got.Columns[4].Machine || got.Columns[2].Machine || got.Notes[1] != "hidden VAT" {
		t.Errorf("at 44: %+v %q", got.Columns, got.Notes)
	}
	if got := fit(22); !got.Columns[2].Machine || got.Notes[1] != "hidden Buyer+VAT" {
		t.Errorf("at 22: %+v %q", got.Columns, got.Notes)
	}
	// Nothing else can go: at 10 the table is shown as narrow as it gets.
	if got := fit(10); len(got.Columns) != 6 || got.Columns[1].Machine || got.Columns[3].Machine {
		t.Errorf("at 10: %+v", got.Columns)
	}
}
