package report

import (
	"bytes"
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
