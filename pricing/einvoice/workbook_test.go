package einvoice

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"alprice/pricing"
	"alprice/pricing/einvoice/internal/template"
	"alprice/pricing/internal/sample"
	"alprice/pricing/read"
	"alprice/pricing/settle"
)

// march returns the e-invoices of March's sample deliveries under the
// invoicing agreements, split under cap (zero: one a statement).
func march(t testing.TB, cap string) []EInvoice {
	t.Helper()
	af, err := os.Open(sample.Testdata("einvoice/agreements.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	defer af.Close()
	ags, err := read.ReadAgreements(af, "agreements.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, q := sample.Inputs(t)
	df, err := os.Open(sample.Testdata("deliveries-2026-03.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer df.Close()
	dr, err := read.NewDeliveryReader(df, "deliveries.csv", read.AutoEncoding)
	if err != nil {
		t.Fatal(err)
	}
	limit := decimal.Zero
	if cap != "" {
		limit = decimal.RequireFromString(cap)
	}
	s, err := settle.Settle(context.Background(), dr, ags, q, settle.SettleOptions{InvoiceCap: limit})
	if err != nil {
		t.Fatal(err)
	}
	invs, err := SettlementEInvoices(s, ags, limit)
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckEInvoices(invs); err != nil {
		t.Fatal(err)
	}
	return invs
}

func write(t testing.TB, tpl *Template, invs []EInvoice) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := tpl.Write(&buf, invs); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func openXLSX(t testing.TB, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// zipParts returns the workbook's zip entries by name.
func zipParts(t testing.TB, b []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		buf.ReadFrom(rc)
		rc.Close()
		out[f.Name] = buf.Bytes()
	}
	return out
}

var dataValidation = regexp.MustCompile(`<dataValidation\b`)

// Issue 24, done when: the written workbook and the embedded blank side
// by side: the same sheets in the same order with the same visibility,
// excelVersion!A4 pt:20260401, rows 1–3 identical on every sheet, the
// defined names and validations kept, the data from row 4, every data
// cell a string, every serial at most 20 characters; and ReadWorkbook
// reads it back.
func TestWorkbookBesideTheBlank(t *testing.T) {
	tpl, err := DefaultTemplate()
	if err != nil {
		t.Fatal(err)
	}
	invs := march(t, "1000000")
	out := write(t, tpl, invs)
	blankBytes, err := os.ReadFile("internal/template/V260401.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	blank, got := openXLSX(t, blankBytes), openXLSX(t, out)
	if !slices.Equal(blank.GetSheetList(), got.GetSheetList()) {
		t.Fatalf("sheets %q, the blank's %q", got.GetSheetList(), blank.GetSheetList())
	}
	for _, sheet := range blank.GetSheetList() {
		bv, _ := blank.GetSheetVisible(sheet)
		gv, _ := got.GetSheetVisible(sheet)
		if bv != gv {
			t.Errorf("sheet %s visible %v, the blank's %v", sheet, gv, bv)
		}
		brows, _ := blank.GetRows(sheet, excelize.Options{RawCellValue: true})
		grows, _ := got.GetRows(sheet, excelize.Options{RawCellValue: true})
		for r := 0; r < 3 && r < len(brows); r++ {
			if r >= len(grows) || !slices.Equal(brows[r], grows[r]) {
				t.Errorf("sheet %s row %d differs from the blank's", sheet, r+1)
			}
		}
		if sheet != template.Basic && sheet != template.Detail && !slices.EqualFunc(brows, grows, slices.Equal) {
			t.Errorf("sheet %s differs from the blank's", sheet)
		}
	}
	if v, _ := got.GetCellValue("excelVersion", "A4"); v != "pt:20260401" || tpl.Version() != "pt:20260401" {
		t.Errorf("excelVersion!A4 = %q, Version %q", v, tpl.Version())
	}
	if !slices.Equal(blank.GetDefinedName(), got.GetDefinedName()) || len(got.GetDefinedName()) == 0 {
		t.Errorf("defined names %v, the blank's %v", got.GetDefinedName(), blank.GetDefinedName())
	}
	bparts, gparts := zipParts(t, blankBytes), zipParts(t, out)
	validations := 0
	for name, b := range bparts {
		g, ok := gparts[name]
		if !ok {
			t.Errorf("part %s is gone", name)
			continue
		}
		n := len(dataValidation.FindAll(b, -1))
		validations += n
		if len(dataValidation.FindAll(g, -1)) != n {
			t.Errorf("part %s: data validations %d, the blank's %d", name, len(dataValidation.FindAll(g, -1)), n)
		}
	}
	if validations < 17 || len(gparts) != len(bparts) {
		t.Errorf("%d validations in the blank; %d parts, the blank's %d", validations, len(gparts), len(bparts))
	}
	// The data, from row 4, every cell a string, every serial ≤ 20.
	nBasic, nDetail := 0, 0
	for _, sheet := range []string{template.Basic, template.Detail} {
		rows, _ := got.GetRows(sheet)
		for r := 4; r <= len(rows); r++ {
			for c, v := range rows[r-1] {
				if v == "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r)
				if typ, _ := got.GetCellType(sheet, ref); typ != excelize.CellTypeInlineString {
					t.Errorf("%s!%s = %q is not a string cell", sheet, ref, v)
				}
			}
			serial := rows[r-1][0]
			if serial == "" || len([]rune(serial)) > 20 {
				t.Errorf("%s row %d: serial %q", sheet, r, serial)
			}
			if sheet == template.Basic {
				nBasic++
			} else {
				nDetail++
			}
		}
	}
	if nBasic != len(invs) || nDetail != len(invs) || nBasic != 17 {
		t.Errorf("%d basic rows, %d detail rows; want %d", nBasic, nDetail, len(invs))
	}
	// Under their own headers: a few cells of the first invoice.
	for _, c := range []struct{ sheet, cell, want string }{
		{template.Basic, "A4", Serial("ZD-2026-001", pricing.Month(2026*12+2), SerialSettlement, 1)},
		{template.Basic, "B4", "增值税专用发票"}, {template.Basic, "D4", "否"}, {template.Basic, "G4", "91652300MA79AB1C4R"},
		{template.Basic, "K4", "新疆昌吉州准东经济技术开发区示例路2号"}, {template.Basic, "T4", "展示地址、电话、开户银行及银行账号"},
		{template.Basic, "AD4", "展示开户银行、银行账号"}, {template.Basic, "AE4", "finance@example.com"},
		{template.Detail, "B4", "铝液"}, {template.Detail, "C4", "1080306020000000000"}, {template.Detail, "I4", "0.13"},
	} {
		if v, _ := got.GetCellValue(c.sheet, c.cell); v != c.want {
			t.Errorf("%s!%s = %q, want %q", c.sheet, c.cell, v, c.want)
		}
	}
	if note, _ := got.GetCellValue(template.Basic, "W4"); note != "协议:ZD-2026-001 供货月份:2026-03 第1/8张 长江A00 2026-03月均价24,389.00" {
		t.Errorf("备注 %q", note)
	}
	// Read back, as check reads it.
	back, err := ReadWorkbook(bytes.NewReader(out), "out.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if back.Len() != len(invs) {
		t.Fatalf("%d lines read back, want %d", back.Len(), len(invs))
	}
	for i, inv := range invs {
		l := back.Line(i)
		want := inv.Lines[0]
		if l.InvoiceNo != inv.Serial || l.Buyer != inv.Buyer.Name || l.Month != inv.Month || l.Quantity != want.Quantity ||
			!l.AmountExclVAT.Equal(want.AmountExclVAT) || !l.UnitPriceExclVAT.Equal(want.UnitPrice) || !l.VATRate.Equal(want.VATRate) ||
			!l.VAT.Equal(pricing.LineVAT(want.AmountExclVAT, want.VATRate)) {
			t.Errorf("line %d read back %+v, written %+v", i, l, want)
		}
	}
}

// edit changes a copy of the blank with excelize.
func edit(t testing.TB, fn func(f *excelize.File) error) []byte {
	t.Helper()
	f, err := excelize.OpenFile("internal/template/V260401.xlsx")
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

// A template whose columns are reordered is filled by header.
func TestReorderedTemplate(t *testing.T) {
	// Swap 购买方名称 (F) and 购买方纳税人识别号 (G), rows 2 and 3, and 金额 (H)
	// and 单价 (G) of the details.
	b := edit(t, func(f *excelize.File) error {
		for _, s := range []struct{ sheet, a, b string }{{template.Basic, "F", "G"}, {template.Detail, "G", "H"}} {
			for _, r := range []string{"2", "3"} {
				x, _ := f.GetCellValue(s.sheet, s.a+r)
				y, _ := f.GetCellValue(s.sheet, s.b+r)
				if err := f.SetCellStr(s.sheet, s.a+r, y); err != nil {
					return err
				}
				if err := f.SetCellStr(s.sheet, s.b+r, x); err != nil {
					return err
				}
			}
		}
		return nil
	})
	tpl, err := OpenTemplate(bytes.NewReader(b), int64(len(b)), "reordered.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	invs := march(t, "")
	out := write(t, tpl, invs)
	f := openXLSX(t, out)
	for _, c := range []struct{ sheet, cell, want string }{
		{template.Basic, "F4", invs[0].Buyer.TaxID}, {template.Basic, "G4", invs[0].Buyer.Name},
		{template.Detail, "G4", invs[0].Lines[0].AmountExclVAT.StringFixed(2)}, {template.Detail, "H4", invs[0].Lines[0].UnitPrice.String()},
	} {
		if v, _ := f.GetCellValue(c.sheet, c.cell); v != c.want {
			t.Errorf("%s!%s = %q, want %q", c.sheet, c.cell, v, c.want)
		}
	}
	back, err := ReadWorkbook(bytes.NewReader(out), "out.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if l := back.Line(0); l.Buyer != invs[0].Buyer.Name || !l.AmountExclVAT.Equal(invs[0].Lines[0].AmountExclVAT) {
		t.Errorf("read back %+v", l)
	}
}

// A template lacking 备注 is refused by name, and so is one lacking a
// detail column.
func TestTemplateLackingAColumn(t *testing.T) {
	for _, c := range []struct{ sheet, cell, header string }{{template.Basic, "W3", "备注"}, {template.Detail, "C3", "商品和服务税收编码"}} {
		b := edit(t, func(f *excelize.File) error { return f.SetCellStr(c.sheet, c.cell, "") })
		_, err := OpenTemplate(bytes.NewReader(b), int64(len(b)), "lacking.xlsx")
		if err == nil || !strings.Contains(err.Error(), "lacking.xlsx: lacks the column "+c.header+" on sheet "+c.sheet) {
			t.Errorf("lacking %s: %v", c.header, err)
		}
	}
}

// Every limit of row 2 is checked before anything is written, naming the
// agreement, the buyer, the column, the limit and the value.
func TestLimits(t *testing.T) {
	tpl, err := DefaultTemplate()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		change func(inv *EInvoice)
		want   string
	}{
		{"a long buyer name", func(inv *EInvoice) { inv.Buyer.Name = strings.Repeat("铝", 101) },
			"agreement ZD-2026-001 (buyer " + strings.Repeat("铝", 101) + "), 发票流水号 HQ3NZAND92603S00001, sheet 1-发票基本信息, column 购买方名称: \"" + strings.Repeat("铝", 101) + "\" has 101 characters; the template takes at most 100"},
		{"a long phone", func(inv *EInvoice) { inv.Buyer.Phone = strings.Repeat("9", 51) }, "column 购买方电话: \"" + strings.Repeat("9", 51) + "\" has 51 characters; the template takes at most 50"},
		{"a long seller account", func(inv *EInvoice) { inv.Seller.Account = strings.Repeat("1", 61) }, "column 销售方银行账号"},
		{"a long spec", func(inv *EInvoice) { inv.Lines[0].Spec = strings.Repeat("A", 41) }, "sheet 2-发票明细信息, column 规格型号"},
		{"a long remark", func(inv *EInvoice) { inv.Agreement = &pricing.Agreement{ID: strings.Repeat("X", 200)} }, "column 备注"},
		{"a control character", func(inv *EInvoice) { inv.Buyer.Address = "a\x01b" }, "holds the character U+0001"},
	} {
		invs := march(t, "")
		c.change(&invs[0])
		err := tpl.Check(invs)
		var le *LimitError
		if !errors.As(err, &le) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v", c.name, err)
		}
		if err := tpl.Write(&bytes.Buffer{}, invs); err == nil {
			t.Errorf("%s: written", c.name)
		}
	}
}

// CheckEInvoices holds the platform's other rules.
func TestCheckEInvoices(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(invs []EInvoice)
		want   string
	}{
		{"no tax id on an ordinary invoice", func(invs []EInvoice) { invs[0].Kind, invs[0].Buyer.TaxID = pricing.OrdinaryInvoice, "" }, "the platform requires the buyer's tax id"},
		{"a category in the item", func(invs []EInvoice) { invs[0].Lines[0].Item = "*有色金属冶炼压延品*铝液" }, "carries a category"},
		{"a ferrous code", func(invs []EInvoice) { invs[0].Lines[0].TaxCode = "1080210000000000000" }, "a code of ferrous metals"},
		{"an 18-digit code", func(invs []EInvoice) { invs[0].Lines[0].TaxCode = "108030602000000000" }, "has 18 characters"},
		{"a repeated serial", func(invs []EInvoice) { invs[1].Serial = invs[0].Serial }, "two agreement ids share a serial tag"},
		{"a long serial", func(invs []EInvoice) { invs[0].Serial = strings.Repeat("1", 21) }, "has 21 characters; the platform takes at most 20"},
		{"over the cap", func(invs []EInvoice) { invs[0].Cap = decimal.NewFromInt(1000) }, "is not below the invoice cap 1000.00"},
	} {
		invs := march(t, "")
		c.change(invs)
		who := "agreement ZD-2026-001 (准东示例铝材有限公司), 2026-03 part 1/1"
		if c.name == "a repeated serial" {
			who = "agreement ZD-2026-002 (昌吉示例铝箔有限公司), 2026-03 part 1/1 (发票流水号 HQ3NZAND92603S00001): the 发票流水号 is also that of agreement ZD-2026-001"
		}
		if err := CheckEInvoices(invs); err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), who) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

// Serials: 19 characters of digits and capitals, stable, unique per
// agreement, month, kind and part, whatever the id's length.
func TestSerial(t *testing.T) {
	m := pricing.Month(2026*12 + 2)
	seen := map[string]bool{}
	for _, id := range []string{"ZD-2026-001", "ZD-2026-002", "", "准东示例铝材有限公司长期供货协议（2026年第一期）", strings.Repeat("X", 500)} {
		for _, kind := range []byte{SerialSettlement, SerialPriceDifference, SerialRedRequest} {
			for _, part := range []int{1, 2, 10000} {
				s := Serial(id, m, kind, part)
				if len(s) != SerialLength || len(s) > MaxSerial || !regexp.MustCompile(`^[0-9A-Z]+$`).MatchString(s) || seen[s] {
					t.Errorf("Serial(%q, %c, %d) = %q", id, kind, part, s)
				}
				seen[s] = true
				if Serial(id, m, kind, part) != s {
					t.Error("not stable")
				}
			}
		}
	}
	if s := Serial("ZD-2026-001", m, SerialSettlement, 1); s != "HQ3NZAND92603S00001" {
		t.Errorf("the sample's first serial is %q", s)
	}
	for _, note := range []string{"协议:X 供货月份:2026-03 长江", "供货月份：2026-03", "供货月份: 2026-03"} {
		if got, ok := NoteMonth(note); !ok || got != m {
			t.Errorf("NoteMonth(%q) = %v, %v", note, got, ok)
		}
	}
	if _, ok := NoteMonth("供货月份 2026-03"); ok {
		t.Error("a month without the marker's colon was read")
	}
}

// A 10,000-line month is written well under a few seconds.
func BenchmarkWrite(b *testing.B) {
	tpl, err := DefaultTemplate()
	if err != nil {
		b.Fatal(err)
	}
	one := march(b, "")[0]
	invs := make([]EInvoice, MaxBatchLines)
	for i := range invs {
		invs[i] = one
		invs[i].Serial = Serial(one.Agreement.ID, one.Month, SerialSettlement, i+1)
	}
	b.ResetTimer()
	for b.Loop() {
		if err := tpl.Write(&bytes.Buffer{}, invs); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCheckAcrossBatches: a check of many batches, made a batch at a time,
// finds what a check of every row at once finds: the invoice sheet's first
// error before any of the detail sheet's, whichever batch each is in.
func TestCheckAcrossBatches(t *testing.T) {
	tpl, err := DefaultTemplate()
	if err != nil {
		t.Fatal(err)
	}
	one := march(t, "")[0]
	invs := make([]EInvoice, 3*MaxBatchLines)
	for i := range invs {
		invs[i] = one
		invs[i].Serial = Serial(one.Agreement.ID, one.Month, SerialSettlement, i+1)
		invs[i].Lines = slices.Clone(one.Lines)
	}
	invs[100].Lines[0].Spec = strings.Repeat("A", 41) // sheet 2, batch 1
	buyer := *one.Buyer
	buyer.Phone = strings.Repeat("9", 51)
	invs[2*MaxBatchLines+7].Buyer = &buyer // sheet 1, batch 3
	// WriteFiles, which checks each batch as it fills it, says the same error.
	for _, check := range []struct {
		name string
		run  func([]EInvoice) error
	}{{"Check", tpl.Check}, {"WriteFiles", func(invs []EInvoice) error {
		_, err := writeFiles(tpl, invs)
		return err
	}}} {
		invs[2*MaxBatchLines+7].Buyer = &buyer
		err = check.run(invs)
		var le *LimitError
		if !errors.As(err, &le) || le.Serial != invs[2*MaxBatchLines+7].Serial || le.Column != "购买方电话" {
			t.Fatalf("%s: %v; want the phone of invoice %s", check.name, err, invs[2*MaxBatchLines+7].Serial)
		}
		invs[2*MaxBatchLines+7].Buyer = one.Buyer
		if err = check.run(invs); !errors.As(err, &le) || le.Serial != invs[100].Serial || le.Column != "规格型号" {
			t.Fatalf("%s: %v; want the spec of invoice %s", check.name, err, invs[100].Serial)
		}
	}
}

// writeFiles fills invoices by WriteFiles into memory; on error it
// returns the files that fill had finished, which a caller renaming files
// only once fill returns never puts in place.
func writeFiles(tpl *Template, invs []EInvoice) ([][]byte, error) {
	var files [][]byte
	err := tpl.WriteFiles(invs, func(i int, fill func(io.Writer) error) error {
		if i != len(files) {
			return fmt.Errorf("file %d asked for after %d files", i, len(files))
		}
		files = append(files, nil)
		var buf bytes.Buffer
		if err := fill(&buf); err != nil {
			return err
		}
		files[i] = buf.Bytes()
		return nil
	})
	return files, err
}

// WriteFiles writes each batch as Write does, byte for byte, and a file's
// fill returns only once every later file is filled: a limit error in the
// last batch leaves no file filled.
func TestWriteFilesAreWrites(t *testing.T) {
	tpl, err := DefaultTemplate()
	if err != nil {
		t.Fatal(err)
	}
	one := march(t, "")[0]
	invs := make([]EInvoice, 2*MaxBatchLines+5)
	for i := range invs {
		invs[i] = one
		invs[i].Serial = Serial(one.Agreement.ID, one.Month, SerialSettlement, i+1)
	}
	files, err := writeFiles(tpl, invs)
	if err != nil {
		t.Fatal(err)
	}
	batches := Batches(invs)
	if len(files) != len(batches) || len(files) != 3 {
		t.Fatalf("%d files for %d batches; want 3", len(files), len(batches))
	}
	for i, batch := range batches {
		var want bytes.Buffer
		if err := tpl.Write(&want, batch); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(files[i], want.Bytes()) {
			t.Errorf("file %d differs from Write's", i+1)
		}
	}
	buyer := *one.Buyer
	buyer.Name = strings.Repeat("名", 101)
	invs[len(invs)-1].Buyer = &buyer
	files, err = writeFiles(tpl, invs)
	var le *LimitError
	if !errors.As(err, &le) || le.Serial != invs[len(invs)-1].Serial {
		t.Fatalf("%v; want the buyer's name of the last invoice", err)
	}
	for i, f := range files {
		if f != nil {
			t.Errorf("file %d filled although the last one failed", i+1)
		}
	}
}
