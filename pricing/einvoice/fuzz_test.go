package einvoice

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"alprice/pricing"
)

// FuzzReadWorkbook: whatever the bytes of a batch-issuing workbook, the
// reader returns lines, each accounted for by a row of sheet 2, or an
// input error naming the file; it never panics and never returns half a
// file. The seeds are a workbook alprice wrote and the blank.
func FuzzReadWorkbook(f *testing.F) {
	tpl, err := DefaultTemplate()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(write(f, tpl, march(f, "")))
	var blank bytes.Buffer
	if err := tpl.Write(&blank, nil); err == nil {
		f.Add(blank.Bytes())
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		inv, err := ReadWorkbook(bytes.NewReader(data), "b.xlsx")
		if err != nil {
			var ie *pricing.InputError
			var list pricing.ErrorList
			if !errors.As(err, &ie) && !errors.As(err, &list) || !strings.HasPrefix(err.Error(), "b.xlsx") {
				t.Fatalf("%v: not an input error of b.xlsx", err)
			}
			return
		}
		if inv.Len() == 0 {
			t.Fatal("no error and no line")
		}
		for i := range inv.Len() {
			if l := inv.Line(i); l.SourceLine < 4 || l.InvoiceNo == "" {
				t.Fatalf("line %d is accounted for by no data row: %+v", i, l)
			}
		}
	})
}
