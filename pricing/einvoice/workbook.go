package einvoice

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"alprice/pricing"
	"alprice/pricing/einvoice/internal/template"

	"github.com/shopspring/decimal"
)

// Template is a blank of the platform's batch-issuing template
// (批量开票-导入开票模板) that invoices are filled into: the official V260401
// embedded in alprice ([DefaultTemplate]), or a newer one downloaded from
// the platform ([OpenTemplate]).
type Template struct {
	t    *template.Template
	name string // the file, "" for the embedded blank
}

// DefaultTemplate returns the official V260401 blank embedded in alprice.
func DefaultTemplate() (*Template, error) {
	t, err := template.Default()
	if err != nil {
		return nil, templateError(err, "")
	}
	return &Template{t: t}, nil
}

// OpenTemplate reads a blank downloaded from the platform; name is used
// in errors. It must have every column alprice fills (see [Columns]): a
// blank lacking one is an error naming the sheet and the column.
func OpenTemplate(r io.ReaderAt, size int64, name string) (*Template, error) {
	t, err := template.Open(r, size, name)
	if err != nil {
		return nil, templateError(err, name)
	}
	for _, sheet := range []string{template.Basic, template.Detail} {
		if err := t.Require(sheet, Columns(sheet)...); err != nil {
			return nil, templateError(err, name)
		}
	}
	return &Template{t: t, name: name}, nil
}

// Version returns the template's version, the text the importer checks
// (excelVersion!A4), such as pt:20260401.
func (t *Template) Version() string { return t.t.Version() }

// Embedded reports whether t is the blank embedded in alprice.
func (t *Template) Embedded() bool { return t.name == "" }

// The values of the template's 是/否 and 展示 columns.
const (
	yes = "是"
	no  = "否"
)

// showText is what the 展示 columns (是否展示购买方地址电话银行账号 and
// 是否展示销售方地址电话银行账号) take: only these, or blank.
var showText = map[pricing.Show]string{
	pricing.ShowAddress: "展示地址、电话",
	pricing.ShowBank:    "展示开户银行、银行账号",
	pricing.ShowBoth:    "展示地址、电话、开户银行及银行账号",
}

// The columns alprice fills, by the template's header keys (line breaks
// and a leading * removed).
var (
	basicColumns = []string{"发票流水号", "发票类型", "是否含税", "受票方自然人标识", "购买方名称", "购买方纳税人识别号",
		"购买方地址", "购买方电话", "购买方开户银行", "购买方银行账号", "是否展示购买方地址电话银行账号", "备注",
		"销售方开户行", "销售方银行账号", "是否展示销售方地址电话银行账号", "购买方邮箱"}
	detailColumns = []string{"发票流水号", "项目名称", "商品和服务税收编码", "规格型号", "单位", "数量", "单价", "金额", "税率",
		"是否使用优惠政策"}
)

// Columns returns the header keys of the columns alprice fills on sheet
// 1-发票基本信息 or 2-发票明细信息; nil for another sheet.
func Columns(sheet string) []string {
	switch sheet {
	case template.Basic:
		return append([]string(nil), basicColumns...)
	case template.Detail:
		return append([]string(nil), detailColumns...)
	}
	return nil
}

// rows makes the data rows of invoices: one row of sheet 1 each, one row
// of sheet 2 per line. owner[i] is the invoice of detail row i.
func rows(invs []EInvoice) (basic, detail template.Table, owner []int) {
	detail, owner = detailRows(invs)
	return basicRows(invs), detail, owner
}

// basicRows makes the rows of sheet 1, one an invoice, by basicColumns.
func basicRows(invs []EInvoice) template.Table {
	t := template.Table{Keys: basicColumns, Rows: make([][]string, len(invs))}
	vals := make([]string, len(invs)*len(basicColumns)) // one allocation for the batch
	for i, inv := range invs {
		row := vals[i*len(basicColumns) : (i+1)*len(basicColumns) : (i+1)*len(basicColumns)]
		copy(row, []string{inv.Serial, inv.Kind.Name(), no, no, inv.Buyer.Name, inv.Buyer.TaxID,
			inv.Buyer.Address, inv.Buyer.Phone, inv.Buyer.Bank, inv.Buyer.Account, showText[inv.Item.ShowBuyer], Note(inv),
			inv.Seller.Bank, inv.Seller.Account, showText[inv.Item.ShowSeller], inv.Buyer.Email})
		t.Rows[i] = row
	}
	return t
}

// detailRows makes the rows of sheet 2, one a line, by detailColumns;
// owner[i] is the invoice of row i.
func detailRows(invs []EInvoice) (detail template.Table, owner []int) {
	n := 0
	for _, inv := range invs {
		n += len(inv.Lines)
	}
	detail = template.Table{Keys: detailColumns, Rows: make([][]string, 0, n)}
	owner = make([]int, 0, n)
	vals := make([]string, n*len(detailColumns))
	for i, inv := range invs {
		for _, l := range inv.Lines {
			k := len(detail.Rows)
			row := vals[k*len(detailColumns) : (k+1)*len(detailColumns) : (k+1)*len(detailColumns)]
			var unit, quantity, price string
			if l.Quantity > 0 {
				unit, quantity, price = l.Unit, weightText(l.Quantity), plainText(l.UnitPrice)
			}
			copy(row, []string{inv.Serial, l.Item, l.TaxCode, l.Spec, unit, quantity, price,
				fixedText(l.AmountExclVAT, pricing.ScaleFen), plainText(l.VATRate), no})
			detail.Rows = append(detail.Rows, row)
			owner = append(owner, i)
		}
	}
	return detail, owner
}

// Check checks invoices against the template's own limits, row 2 of each
// sheet (发票流水号 20 characters, 购买方名称 100, 备注 230, …), and its
// required columns, before anything is written: a [LimitError] names the
// agreement, the buyer, the column, the limit and the value. Run
// [CheckEInvoices] too: it holds the platform's other rules.
//
// The rows are made a batch at a time, the invoice sheet's of every batch
// and then the detail sheet's, which finds the error a check of all rows
// at once finds, without holding the rows of fifty thousand invoices.
func (t *Template) Check(invs []EInvoice) error {
	lines := 0
	for _, inv := range invs {
		lines += len(inv.Lines)
	}
	batches := Batches(invs)
	for _, sheet := range []struct {
		name  string
		total int
	}{{template.Basic, len(invs)}, {template.Detail, lines}} {
		for _, batch := range batches {
			var part template.Table
			var owner []int
			if sheet.name == template.Basic {
				part = basicRows(batch)
			} else {
				part, owner = detailRows(batch)
			}
			if err := t.t.CheckTable(sheet.name, part, sheet.total); err != nil {
				return t.rowError(err, batch, owner)
			}
		}
	}
	return nil
}

// Write writes invoices — at most [MaxBatchLines] detail lines: see
// [Batches] — into a filled copy of the template: sheet 1 from row 4, one
// row an invoice; sheet 2 from row 4, one row a line; every cell a string;
// everything else of the template as it is. It checks as [Template.Check]
// does first; on error nothing is written.
func (t *Template) Write(w io.Writer, invs []EInvoice) error {
	basic, detail, owner := rows(invs)
	if err := t.t.FillTables(w, basic, detail); err != nil {
		var te *template.Error
		if errors.As(err, &te) {
			return t.rowError(err, invs, owner)
		}
		return err
	}
	return nil
}

// WriteFiles fills invoices into copies of the template, a file for each
// of their [Batches], in order, as [Template.Write] fills one. file(i,
// fill) is called for batch i (from 0) and must call fill with where the
// file goes, and return what fill returns; fill returns only once every
// later file is filled too (file i+1 is called from within fill of file
// i), so that a caller that writes each through a temporary file renamed
// when fill returns puts none in place unless every one is filled, and no
// file is held in memory.
//
// Each row's text is made once: a batch's rows are checked as they are
// filled, and only when one fails is every row checked as by
// [Template.Check], so that the error is the one Check finds first
// (sheet 1 of every batch before sheet 2).
func (t *Template) WriteFiles(invs []EInvoice, file func(i int, fill func(io.Writer) error) error) error {
	lines := 0
	for _, inv := range invs {
		lines += len(inv.Lines)
	}
	for _, sheet := range []struct {
		name  string
		total int
	}{{template.Basic, len(invs)}, {template.Detail, lines}} {
		if err := t.t.CheckTable(sheet.name, template.Table{}, sheet.total); err != nil {
			return t.rowError(err, invs, nil)
		}
	}
	batches := Batches(invs)
	filled, stop := t.fillAhead(batches)
	defer stop()
	var next func(i int) error
	next = func(i int) error {
		if i == len(batches) {
			return nil
		}
		return file(i, func(w io.Writer) error {
			data, err := filled(i)
			if err != nil {
				return err
			}
			if _, err := w.Write(data); err != nil {
				return err
			}
			return next(i + 1)
		})
	}
	err := next(0)
	if le := (*LimitError)(nil); errors.As(err, &le) {
		if first := t.Check(invs); first != nil {
			return first
		}
	}
	return err
}

// fillAhead fills batches into files on as many goroutines as there are
// processors, each batch into memory as [Template.Write] does, at most a
// few ahead of the one asked for; filled(i) waits for batch i's file,
// asked for in order. stop ends the goroutines, whatever was asked for,
// and returns once they have: those mid-batch finish it first, so that
// none reads the caller's invoices after [Template.WriteFiles] returns.
func (t *Template) fillAhead(batches [][]EInvoice) (filled func(i int) ([]byte, error), stop func()) {
	type file struct {
		data []byte
		err  error
	}
	workers := min(runtime.GOMAXPROCS(0), len(batches))
	results := make([]chan file, len(batches))
	for i := range results {
		results[i] = make(chan file, 1)
	}
	slots := make(chan struct{}, workers) // a slot a batch filled or being filled and not yet asked for
	done := make(chan struct{})
	var claimed, size atomic.Int64
	var running sync.WaitGroup
	for range workers {
		running.Go(func() {
			for {
				select {
				case slots <- struct{}{}:
				case <-done:
					return
				}
				// Batches are claimed in order, each holding a slot until
				// it is asked for, so the one asked for is always claimed
				// or next: no wait without end.
				i := int(claimed.Add(1) - 1)
				if i >= len(batches) {
					return
				}
				var buf bytes.Buffer
				buf.Grow(int(size.Load())) // about the last file's size: grown once, not by doubling
				err := t.Write(&buf, batches[i])
				size.Store(int64(buf.Len() + buf.Len()/8))
				results[i] <- file{buf.Bytes(), err}
			}
		})
	}
	filled = func(i int) ([]byte, error) {
		f := <-results[i]
		<-slots
		return f.data, f.err
	}
	return filled, func() {
		close(done)
		running.Wait()
	}
}

// LimitError is a value of an invoice that the template's column does not
// take: too long, required and empty, or a character a workbook cannot
// hold.
type LimitError struct {
	Agreement, Buyer, Serial string
	Sheet, Column            string // the sheet and the column's header key
	Limit                    int    // characters, for a value too long
	Value                    string
	kind                     template.Kind
	char                     rune
}

func (e *LimitError) Error() string { return pricing.Say(e, nil) }

// Template says the error through the catalogue.
func (e *LimitError) Template() *pricing.Error {
	where := pricing.Errorf("agreement %s (buyer %s), 发票流水号 %s, sheet %s, column %s", e.Agreement, e.Buyer, e.Serial, e.Sheet, e.Column)
	switch e.kind {
	case template.KindTooLong:
		return &pricing.Error{Template: "%w: %q has %d characters; the template takes at most %d", Args: []any{where, e.Value, len([]rune(e.Value)), e.Limit}}
	case template.KindRequired:
		return &pricing.Error{Template: "%w: the template requires a value", Args: []any{where}}
	case template.KindBadChar:
		return &pricing.Error{Template: "%w: %q holds the character %U, which a workbook cannot hold", Args: []any{where, e.Value, e.char}}
	}
	return &pricing.Error{Template: "%w: the template has no such column", Args: []any{where}}
}

// rowError names the invoice of a template error on a data row.
func (t *Template) rowError(err error, invs []EInvoice, owner []int) error {
	var te *template.Error
	if !errors.As(err, &te) || te.Row < template.FirstDataRow {
		return templateError(err, t.name)
	}
	i := te.Row - template.FirstDataRow
	if te.Sheet == template.Detail {
		if i >= len(owner) {
			return templateError(err, t.name)
		}
		i = owner[i]
	}
	if i >= len(invs) {
		return templateError(err, t.name)
	}
	switch te.Kind {
	case template.KindTooLong, template.KindRequired, template.KindBadChar, template.KindUnknownHeader:
	default:
		return templateError(err, t.name)
	}
	inv := invs[i]
	return &LimitError{Agreement: inv.Agreement.ID, Buyer: inv.Buyer.Name, Serial: inv.Serial, Sheet: te.Sheet, Column: te.Header,
		Limit: int(te.Limit), Value: te.Value, kind: te.Kind, char: te.Char}
}

// templateError says an error of the template package through the
// catalogue; name is the template's or workbook's file ("" for the
// embedded blank).
func templateError(err error, name string) error {
	var te *template.Error
	if !errors.As(err, &te) {
		return err
	}
	if name == "" {
		name = te.Name
	}
	var why error
	switch te.Kind {
	case template.KindCorrupt:
		why = pricing.Errorf("is not a readable workbook (xlsx): %v", te.Err)
	case template.KindTooLarge:
		why = pricing.Errorf("is larger than %d bytes, or unzips to more", te.Limit)
	case template.KindMissingSheet:
		why = pricing.Errorf("has no sheet %s: is it the platform's batch-issuing template (批量开票-导入开票模板)?", te.Sheet)
	case template.KindMissingVersion:
		why = pricing.Errorf("has no template version in %s!A4: the platform refuses a workbook without it", te.Sheet)
	case template.KindMissingHeader:
		why = pricing.Errorf("lacks the column %s on sheet %s, which alprice fills: is it the platform's batch-issuing template?", te.Header, te.Sheet)
	case template.KindTemplateHasData:
		why = pricing.Errorf("already holds data on sheet %s row %d: give the blank template, not a filled one", te.Sheet, te.Row)
	case template.KindTooManyRows:
		why = pricing.Errorf("would take more than %d rows on sheet %s", te.Limit, te.Sheet)
	case template.KindUnreadableCell:
		why = pricing.Errorf("sheet %s row %d column %s: %q is not text (a formula, a date or a number Excel rounded); write the cell as text", te.Sheet, te.Row, te.Header, te.Value)
	case template.KindUnexpectedData:
		why = pricing.Errorf("sheet %s row %d column %s: %q sits where alprice writes nothing", te.Sheet, te.Row, te.Column, te.Value)
	default:
		why = pricing.Errorf("sheet %s row %d column %s: %q is not what the template takes", te.Sheet, te.Row, te.Header, te.Value)
	}
	if name == "" {
		return why
	}
	return &pricing.InputError{Source: name, Err: why}
}

// maxWorkbook is the largest batch-issuing workbook ReadWorkbook reads;
// the template package refuses more than it too.
const maxWorkbook = 64 << 20

// ReadWorkbook reads back a batch-issuing workbook that --einvoice wrote
// (or a clerk then edited), by its own headers, as invoice lines, so that
// check can verify the round trip: the buyer is 购买方名称, the supply month
// the 备注's [MonthMarker], the VAT the platform's (金额 × 税率 to the fen).
// Price-difference lines, which bill no quantity, are left out. A row
// whose figures do not read, a detail row whose 发票流水号 is in no row of
// sheet 1, a 备注 without the supply month and a file with no line to
// check are errors naming sheet, row and column.
func ReadWorkbook(r io.Reader, name string) (*pricing.Invoices, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxWorkbook+1))
	if err != nil {
		return nil, &pricing.InputError{Source: name, Err: err}
	}
	basic, detail, _, err := template.ReadBack(bytes.NewReader(b), int64(len(b)), name)
	if err != nil {
		return nil, templateError(err, name)
	}
	type head struct {
		buyer string
		month pricing.Month
	}
	heads := map[string]head{}
	var errs pricing.ErrorList
	problem := func(sheet string, i int, col, value string, why error) {
		errs = append(errs, &pricing.InputError{Source: name + " [" + sheet + "]", Line: template.FirstDataRow + i, Field: col, Value: value, Err: why})
	}
	for i, row := range basic {
		if row == nil {
			continue
		}
		get := func(k string) string { return strings.TrimSpace(row[k]) }
		serial := get("发票流水号")
		if serial == "" {
			continue
		}
		if v := get("是否含税"); v == yes {
			problem(template.Basic, i, "是否含税", v, pricing.Errorf("says the amounts include VAT; alprice writes and reads them excl. VAT (否)"))
			continue
		}
		month, ok := NoteMonth(get("备注"))
		if !ok {
			problem(template.Basic, i, "备注", get("备注"), pricing.Errorf("has no 供货月份:YYYY-MM: was the file written by alprice settle --einvoice?"))
			continue
		}
		heads[serial] = head{get("购买方名称"), month}
	}
	var lines []pricing.InvoiceLine
	perInvoice := map[string]int{}
	for i, row := range detail {
		if row == nil {
			continue
		}
		get := func(k string) string { return strings.TrimSpace(row[k]) }
		serial := get("发票流水号")
		if serial == "" {
			continue
		}
		h, ok := heads[serial]
		if !ok {
			problem(template.Detail, i, "发票流水号", serial, pricing.Errorf("is in no row of %s", template.Basic))
			continue
		}
		if get("数量") == "" {
			continue // a price-difference line
		}
		l := pricing.InvoiceLine{InvoiceNo: serial, Buyer: h.buyer, Month: h.month, SourceLine: template.FirstDataRow + i}
		var err error
		if l.Quantity, err = pricing.ParseWeight(get("数量")); err != nil {
			problem(template.Detail, i, "数量", get("数量"), err)
		}
		for _, v := range []struct {
			col      string
			to       *decimal.Decimal
			decimals int
		}{{"单价", &l.UnitPriceExclVAT, 13}, {"金额", &l.AmountExclVAT, pricing.ScaleFen}} {
			d, err := pricing.ScanDecimal(get(v.col), v.decimals)
			if err != nil {
				problem(template.Detail, i, v.col, get(v.col), err)
			}
			*v.to = d
		}
		if l.VATRate, err = pricing.ParseVATRate(get("税率")); err != nil {
			problem(template.Detail, i, "税率", get("税率"), err)
		}
		l.VAT = pricing.LineVAT(l.AmountExclVAT, l.VATRate)
		perInvoice[serial]++
		l.Line = perInvoice[serial]
		lines = append(lines, l)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if len(lines) == 0 {
		return nil, &pricing.InputError{Source: name, Err: pricing.Errorf("has no invoice line with a quantity")}
	}
	return pricing.NewInvoices(name, lines), nil
}

// Batches splits invoices into files of at most MaxBatchLines detail lines,
// never splitting an invoice; each batch is a part of invs, not a copy.
func Batches(invs []EInvoice) [][]EInvoice {
	var out [][]EInvoice
	start, lines := 0, 0
	for i, inv := range invs {
		if lines+len(inv.Lines) > MaxBatchLines && i > start {
			out = append(out, invs[start:i:i])
			start, lines = i, 0
		}
		lines += len(inv.Lines)
	}
	if start < len(invs) {
		out = append(out, invs[start:])
	}
	return out
}
