package report

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// A figure of 15 significant digits is a number cell read back exact; one
// of 16 would be rounded by the spreadsheet, so the workbook is refused
// naming the cell, never written with the figure as text (#28 item 16).
func TestWorkbookFigureDigits(t *testing.T) {
	doc := func(cells ...Cell) Doc {
		return Doc{Title: "T", Tables: []Table{{SheetName: "S", Columns: []Column{{Key: "amount", Title: "Amount"}},
			Rows: [][]Cell{cells}}}}
	}
	for _, c := range []struct {
		cell Cell
		want string // the number read back; "" for the error
	}{
		{CNY(decimal.RequireFromString("9999999999999.99")), "9999999999999.99"},
		{CNY(decimal.RequireFromString("-1234567890123.45")), "-1234567890123.45"},
		{CNY(decimal.RequireFromString("123456789012345000")), "123456789012345000"}, // 18 digits written, 15 significant
		{Tonnes(0), "0"},
		{Decimals(decimal.RequireFromString("0.0000000000012345"), 16), "0.0000000000012345"},
		{CNY(decimal.RequireFromString("10000000000000.01")), ""},
		{CNY(decimal.RequireFromString("1234567890123456")), ""},
		{Int(1234567890123456), ""},
		{Decimals(decimal.RequireFromString("1.234567890123456"), 15), ""},
	} {
		var buf bytes.Buffer
		err := WriteXLSX(&buf, doc(c.cell))
		if c.want == "" {
			if err == nil || !strings.Contains(err.Error(), "sheet S, column Amount: "+c.cell.Plain()+" has ") ||
				!strings.Contains(err.Error(), "a workbook keeps 15") {
				t.Errorf("%s: error %v, want one naming the sheet, the column, the figure and the limit", c.cell.Plain(), err)
			}
			if buf.Len() != 0 {
				t.Errorf("%s: %d bytes written", c.cell.Plain(), buf.Len())
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.cell.Plain(), err)
			continue
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		typ, _ := f.GetCellType("S", "A3")
		raw, _ := f.GetCellValue("S", "A3", excelize.Options{RawCellValue: true})
		got, err := decimal.NewFromString(raw)
		if err != nil || !got.Equal(decimal.RequireFromString(c.want)) || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("%s: read back %q (type %v), want the number %s", c.cell.Plain(), raw, typ, c.want)
		}
		f.Close()
	}
}

func TestSignificantDigits(t *testing.T) {
	for in, want := range map[string]int{"0": 0, "0.00": 0, "24389.00": 5, "-0.010": 1, "1200": 2, "1002.5": 5, "9999999999999.99": 15} {
		if got := significantDigits(in); got != want {
			t.Errorf("significantDigits(%q) = %d, want %d", in, got, want)
		}
	}
}

// A workbook that fails after excelize has buffered its sheet in a
// temporary file (over 16 MiB) leaves no file in the folder given (#28
// item 7): the file is closed on the error's path too.
func TestWorkbookErrorLeavesNoTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("长", 200)
	table := Table{SheetName: "S", Columns: []Column{{Key: "text", Title: "Text"}, {Key: "amount", Title: "Amount"}}}
	for range 40000 { // about 24 MB of sheet XML
		table.Rows = append(table.Rows, []Cell{Str(long), CNY(decimal.New(1, 0))})
	}
	table.Rows = append(table.Rows, []Cell{Str("last"), CNY(decimal.RequireFromString("12345678901234.56"))})
	err := WriteXLSXIn(io.Discard, Doc{Title: "T", Tables: []Table{table}}, dir)
	if err == nil || !strings.Contains(err.Error(), "12345678901234.56 has 16 significant digits") {
		t.Fatalf("error %v, want the 16 digits", err)
	}
	if names, _ := os.ReadDir(dir); len(names) != 0 {
		t.Errorf("left in the folder: %v", names)
	}
}
