package fapiao

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// SummarySheet is the sheet of the platform's 全量发票查询 export that
// ReadSummaryXLSX reads: one row per invoice line.
const SummarySheet = "信息汇总表"

// MaxXLSXSize is the largest workbook ReadSummaryXLSX takes, in bytes as
// stored (compressed); it is held in memory as it is read.
const MaxXLSXSize = 32 << 20

// The limits of the unzipping. UnzipSizeLimit bounds the bytes of the
// workbook's parts unzipped, all together, counted as they come: a zip
// bomb stops there. The sheet is read as it is unzipped, never whole
// (a 238,000-row export has a sheet of 190 MB); the shared strings are
// held as a table, so their part may unzip to at most UnzipXMLSizeLimit.
const (
	UnzipSizeLimit    = 512 << 20
	UnzipXMLSizeLimit = 64 << 20
)

// MaxErrors is how many bad cells ReadSummaryXLSX lists; [Errors] counts
// the rest.
const MaxErrors = 1000

// headerRows is how many rows at the top may come before the header row,
// which is the first to hold a cell 数电发票号码 (titles may sit above it).
const headerRows = 10

// The columns of the 信息汇总表 read (platforms.md §3). Headers match with
// spaces and line breaks and a leading '*' removed.
const (
	colNumber    = "数电发票号码"
	colSellerID  = "销方识别号"
	colSeller    = "销方名称"
	colBuyerID   = "购方识别号"
	colBuyer     = "购买方名称"
	colDate      = "开票日期"
	colTaxCode   = "税收分类编码"
	colItem      = "货物或应税劳务名称"
	colSpec      = "规格型号"
	colUnit      = "单位"
	colQuantity  = "数量"
	colUnitPrice = "单价"
	colAmount    = "金额"
	colRate      = "税率"
	colTax       = "税额"
	colTotal     = "价税合计"
	colKind      = "发票票种"
	colStatus    = "发票状态"
	colPositive  = "是否正数发票"
	colRemark    = "备注"
)

var (
	requiredColumns = []string{colNumber, colSellerID, colSeller, colBuyerID, colBuyer, colDate, colTaxCode, colItem,
		colAmount, colRate, colTax, colKind, colPositive}
	optionalColumns = []string{colSpec, colUnit, colQuantity, colUnitPrice, colTotal, colStatus, colRemark}
	// invoiceColumns hold one value per invoice: every row of an invoice
	// must repeat it.
	invoiceColumns = []string{colSellerID, colSeller, colBuyerID, colBuyer, colDate, colKind, colPositive, colStatus, colRemark}
)

// ReadSummaryXLSX reads the 信息汇总表 sheet of the platform's 全量发票查询
// export: one row per invoice line, columns found by their header text,
// rows grouped into invoices by 数电发票号码. The rows of an invoice need
// not be adjacent (an export sorted by date or amount splits them);
// invoices come in the order of their first row, lines in row order, and
// every row must repeat its invoice's seller, buyer, date, type, 是否正数发票,
// 发票状态 and 备注 ([KindConflict] otherwise). Wholly empty rows are skipped;
// every other row is read or is an [*Error] naming the cell (N6), its row
// and its column's header: the bad cells of all rows come together, as
// [Errors]. A fault of the workbook itself (no header, XML that breaks) is
// one *Error.
//
// Figures are exact from the cell's stored text, never through a float: a
// text cell must hold the strict syntax of ReadXML; a number cell's value
// is read as stored, an exponent allowed, and rounded to 15 significant
// digits (what a spreadsheet shows of a binary double). 税率 may be a
// fraction (0.13) or a percentage (13%). 开票日期 may be YYYY-MM-DD, with
// a time of day, or a date serial number. The export states no invoice
// totals: an invoice's totals are the sums of its rows (TotalsFromLines).
// A red invoice's original number and 红字确认单 number come from its 备注
// when that states them (被红冲蓝字数电发票号码：…, 红字发票信息确认单编号：…).
//
// Input over MaxXLSXSize is refused. The sheet is read as it is unzipped,
// in one pass, in memory bounded by the shared strings and the invoices
// read; nothing is written to disk.
func ReadSummaryXLSX(r io.Reader, name string) (invs []Invoice, err error) {
	g := &sizeGuard{r: r, left: MaxXLSXSize}
	stored, err := io.ReadAll(g)
	if g.over {
		return nil, &Error{File: name, Kind: KindTooLarge, Err: fmt.Errorf("over %d bytes", MaxXLSXSize)}
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	wb, err := openWorkbook(stored)
	if err != nil {
		return nil, &Error{File: name, Kind: KindNotWorkbook, Err: err}
	}
	if wb.sheet == nil {
		return nil, &Error{File: name, Kind: KindNoSheet, Value: strings.Join(wb.sheets, ",")}
	}
	sst, broken, err := wb.sharedStrings()
	if err != nil {
		return nil, wb.stringsError(name, broken, err)
	}
	var s *sheetReader
	err = wb.tokens(wb.sheet, func(tz tokenizer) error {
		s = &sheetReader{name: name, byNumber: map[string]int{}}
		return walkSheet(tz, sst, s.row)
	})
	if err != nil {
		return nil, s.broken(err)
	}
	if s.cols == nil {
		return nil, &Error{File: name, Path: SummarySheet + "/" + colNumber, Kind: KindMissing, Line: 1}
	}
	if len(s.errs.List) > 0 {
		return nil, &s.errs
	}
	if s.n == 0 {
		return nil, &Error{File: name, Path: SummarySheet + "/" + colNumber, Kind: KindMissing, Line: s.headerRow + 1}
	}
	invs = s.invoices()
	s.pages = nil
	for i := range invs {
		inv := &invs[i]
		for _, l := range inv.Lines {
			inv.TotalExclVAT = inv.TotalExclVAT.Add(l.Amount)
			inv.TotalVAT = inv.TotalVAT.Add(l.Tax)
		}
		inv.TotalInclVAT = inv.TotalExclVAT.Add(inv.TotalVAT)
	}
	return invs, nil
}

// stringsError is the error of a shared strings part that cannot be read
// (err), broken at string index when that is not -1: the first cell that
// shows it, named, as the cell that cannot be read.
func (wb *xlsxBook) stringsError(name string, index int, err error) error {
	var se *xml.SyntaxError
	if index < 0 || !errors.As(err, &se) {
		return &Error{File: name, Path: SummarySheet, Kind: KindNotWorkbook, Err: err}
	}
	var at badCell
	found := false
	ferr := wb.tokens(wb.sheet, func(tz tokenizer) (err error) {
		at, found, err = findSharedString(tz, index)
		return err
	})
	if ferr != nil || !found { // no cell to name: a string no cell shows
		return &Error{File: name, Path: SummarySheet, Kind: KindNotWorkbook, Err: err}
	}
	// The shared strings are read before the sheet: its header is not
	// known yet, the cell is.
	return &Error{File: name, Path: SummarySheet, Line: at.row, Cell: at.ref, Kind: KindBadCell, Err: errors.New(se.Msg)}
}

// sizeGuard reads at most left bytes of r and notes an input longer than
// that, by the bytes themselves, not by any length the input states.
type sizeGuard struct {
	r    io.Reader
	left int64
	over bool
}

var errTooLarge = errors.New("input too large")

func (g *sizeGuard) Read(b []byte) (int, error) {
	if g.left <= 0 {
		var one [1]byte
		n, err := g.r.Read(one[:])
		if n > 0 {
			g.over = true
			return 0, errTooLarge
		}
		return 0, err
	}
	if int64(len(b)) > g.left {
		b = b[:g.left]
	}
	n, err := g.r.Read(b)
	g.left -= int64(n)
	return n, err
}

type sheetReader struct {
	name      string
	cols      map[string]int // column index by header
	headerRow int
	done      bool            // no header in the first headerRows rows: the rest is not read
	pages     [][]readInvoice // the invoices read, invoicePage a page: none copied as they grow
	n         int             // how many
	byNumber  map[string]int  // index of each invoice by its number
	errs      Errors
}

// Errors are the bad cells of a sheet, in row order: the first MaxErrors,
// and how many more there are.
type Errors struct {
	List []*Error
	More int
}

func (e *Errors) add(err *Error) {
	if len(e.List) < MaxErrors {
		e.List = append(e.List, err)
	} else {
		e.More++
	}
}

func (e *Errors) Error() string {
	var b strings.Builder
	for i, err := range e.List {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(err.Error())
	}
	if e.More > 0 {
		fmt.Fprintf(&b, "\n(and %d more)", e.More)
	}
	return b.String()
}

// Unwrap returns the errors listed.
func (e *Errors) Unwrap() []error {
	out := make([]error, len(e.List))
	for i, err := range e.List {
		out[i] = err
	}
	return out
}

// cell is one cell of the row being read.
type cell struct {
	s    *sheetReader
	row  int
	cols []string
	nums []bool
}

func (c cell) text(col string) string {
	i, ok := c.s.cols[col]
	if !ok || i >= len(c.cols) {
		return ""
	}
	return strings.TrimSpace(c.cols[i])
}

// fail is an error of the cell under col, named as a spreadsheet names it
// (N6) beside its row and header.
func (c cell) fail(k Kind, col, value string) error {
	e := &Error{File: c.s.name, Path: SummarySheet + "/" + col, Line: c.row, Value: value, Kind: k}
	if i, ok := c.s.cols[col]; ok {
		e.Cell, _ = excelize.CoordinatesToCellName(i+1, c.row)
	}
	return e
}

// CellName names the cell of the 信息汇总表 under header in row as a
// spreadsheet shows it, with its header: 信息汇总表!O8 (数量); false when
// the sheet has no such column.
func CellName(cols map[string]int, header string, row int) (string, bool) {
	i, ok := cols[header]
	if !ok || row < 1 {
		return "", false
	}
	ref, err := excelize.CoordinatesToCellName(i+1, row)
	return SummarySheet + "!" + ref + " (" + header + ")", err == nil
}

// isNumberCell reports whether the cell under col holds a number (not
// text): its stored text is then a binary double's.
func (c cell) isNumberCell(col string) bool {
	i, ok := c.s.cols[col]
	return ok && i < len(c.nums) && c.nums[i]
}

// figure reads the figure under col; "" when the cell is empty.
func (c cell) figure(col string, rate bool) (decimal.Decimal, bool, error) {
	s := c.text(col)
	if s == "" {
		return decimal.Decimal{}, false, nil
	}
	d, ok := parseRate(s, rate)
	if ok && d.NumDigits() <= 15 {
		return d, true, nil
	}
	if c.isNumberCell(col) {
		if d, ok := excelNumber(s); ok {
			return d, true, nil
		}
	}
	if ok {
		return d, true, nil // a text cell of many digits: exact as written
	}
	return decimal.Decimal{}, false, c.fail(KindBadNumber, col, s)
}

func (c cell) required(col string, rate bool) (decimal.Decimal, error) {
	d, ok, err := c.figure(col, rate)
	if err == nil && !ok {
		err = c.fail(KindMissing, col, "")
	}
	return d, err
}

func (c cell) optional(col string) (Optional, error) {
	d, ok, err := c.figure(col, false)
	return Optional{Value: d, Present: ok}, err
}

// excelNumber reads the text a spreadsheet stores for a number: a decimal,
// maybe with an exponent (1.5E-3), that a binary double printed to up to
// 17 digits. It keeps 15 significant digits, rounding half away from zero,
// and drops trailing zeros: 340.61700000000002 is 340.617.
func excelNumber(s string) (decimal.Decimal, bool) {
	mant, exp, hasExp := strings.Cut(strings.ToUpper(s), "E")
	d, ok := parseFigure(mant)
	if !ok {
		return decimal.Decimal{}, false
	}
	if hasExp {
		e, err := strconv.Atoi(strings.TrimPrefix(exp, "+"))
		if err != nil || e < -330 || e > 310 {
			return decimal.Decimal{}, false
		}
		d = d.Shift(int32(e))
	}
	if n := d.NumDigits(); n > 15 {
		d = d.Round(-d.Exponent() - int32(n-15))
	}
	return decimal.RequireFromString(d.String()), true
}

// headerName is a header as matched: no spaces or line breaks, no leading '*'.
func headerName(s string) string {
	s = strings.NewReplacer("\r", "", "\n", "", " ", "", "\u3000", "").Replace(s)
	return strings.TrimLeft(s, "*")
}

// row reads one row of the sheet: the header, until it is found, then
// the lines. A fault of one cell is kept in s.errs and the next row read;
// a fault of the sheet is returned.
func (s *sheetReader) row(r *sheetRow) error {
	if s.done {
		return nil
	}
	if s.cols == nil {
		if r.row > headerRows {
			s.done = true
			return nil
		}
		return s.header(r.values, r.row)
	}
	if blank(r.values) {
		return nil
	}
	s.line(cell{s: s, row: r.row, cols: r.values, nums: r.number})
	return nil
}

// broken is the error of a sheet that could not be read (err): where
// its XML breaks in a cell, [KindBadCell] naming the cell, its row and
// its column's header; else [KindNotWorkbook]. An *Error of the header is
// itself.
func (s *sheetReader) broken(err error) error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	var b *breakError
	if !errors.As(err, &b) {
		return &Error{File: s.name, Path: SummarySheet, Kind: KindNotWorkbook, Err: err}
	}
	if b.at.ref == "" || errors.Is(b.err, errNoString) { // no cell to name: a sheet cut short, say
		e = &Error{File: s.name, Path: SummarySheet, Line: b.at.row, Kind: KindNotWorkbook, Err: b.err}
		if b.at.ref != "" {
			e.Err = fmt.Errorf("cell %s %w", b.at.ref, b.err)
		}
		return e
	}
	e = &Error{File: s.name, Path: SummarySheet, Line: b.at.row, Cell: b.at.ref, Kind: KindBadCell, Err: errors.New(b.at.what)}
	for h, i := range s.cols {
		if i == b.at.col-1 {
			e.Path += "/" + h
		}
	}
	return e
}

func blank(cols []string) bool {
	for _, c := range cols {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// header takes row as the header row if it names 数电发票号码.
func (s *sheetReader) header(cols []string, row int) error {
	found := false
	for _, c := range cols {
		found = found || headerName(c) == colNumber
	}
	if !found {
		return nil
	}
	known := map[string]bool{}
	for _, c := range append(append([]string{}, requiredColumns...), optionalColumns...) {
		known[c] = true
	}
	s.cols, s.headerRow = map[string]int{}, row
	for i, c := range cols {
		h := headerName(c)
		if !known[h] {
			continue
		}
		if _, dup := s.cols[h]; dup {
			return &Error{File: s.name, Path: SummarySheet + "/" + h, Line: row, Kind: KindDuplicate, Value: c}
		}
		s.cols[h] = i
	}
	for _, c := range requiredColumns {
		if _, ok := s.cols[c]; !ok {
			return &Error{File: s.name, Path: SummarySheet + "/" + c, Line: row, Kind: KindMissing}
		}
	}
	return nil
}

// line reads one row into its invoice; each bad cell goes to s.errs,
// and a row with one adds nothing.
func (s *sheetReader) line(c cell) {
	bad := len(s.errs.List) + s.errs.More
	fail := func(err error) {
		if err != nil {
			s.errs.add(err.(*Error))
		}
	}
	number := c.text(colNumber)
	switch {
	case number == "":
		fail(c.fail(KindMissing, colNumber, ""))
	case !isInvoiceNumber(number):
		fail(c.fail(KindBadCode, colNumber, number))
	}
	i, seen := s.byNumber[number]
	var inv Invoice
	if !seen {
		inv = s.invoice(c, number, fail)
	} else {
		first := &s.pages[i/invoicePage][i%invoicePage]
		for _, col := range invoiceColumns {
			if v := c.text(col); v != first.cell(col) {
				fail(c.fail(KindConflict, col, v))
			}
		}
	}
	l := Line{Path: SummarySheet, SourceLine: c.row, ItemName: c.text(colItem), Spec: c.text(colSpec), Unit: c.text(colUnit),
		TaxCode: c.text(colTaxCode)}
	if l.ItemName == "" {
		fail(c.fail(KindMissing, colItem, ""))
	}
	if !isTaxCode(l.TaxCode) {
		fail(c.fail(KindBadCode, colTaxCode, l.TaxCode))
	}
	var err error
	l.Quantity, err = c.optional(colQuantity)
	fail(err)
	l.UnitPrice, err = c.optional(colUnitPrice)
	fail(err)
	l.Amount, err = c.required(colAmount, false)
	fail(err)
	l.TaxRate, err = c.required(colRate, true)
	fail(err)
	l.Tax, err = c.required(colTax, false)
	fail(err)
	l.TotalInclVAT, err = c.optional(colTotal)
	fail(err)
	if len(s.errs.List)+s.errs.More > bad {
		return
	}
	if !seen {
		i = s.n
		s.byNumber[number] = i
		if i%invoicePage == 0 {
			s.pages = append(s.pages, make([]readInvoice, 0, invoicePage))
		}
		s.pages[i/invoicePage] = append(s.pages[i/invoicePage], readInvoice{Invoice: inv,
			date: c.text(colDate), kind: c.text(colKind), positive: c.text(colPositive)})
		s.n++
	}
	p := &s.pages[i/invoicePage][i%invoicePage]
	p.Lines = append(p.Lines, l)
}

// readInvoice is an invoice being read, with the cells of its first row
// it does not keep as they are, for its other rows to repeat.
type readInvoice struct {
	Invoice
	date, kind, positive string
}

// cell is the text of its first row under col, one of invoiceColumns.
func (r *readInvoice) cell(col string) string {
	switch col {
	case colSellerID:
		return r.Seller.TaxID
	case colSeller:
		return r.Seller.Name
	case colBuyerID:
		return r.Buyer.TaxID
	case colBuyer:
		return r.Buyer.Name
	case colDate:
		return r.date
	case colKind:
		return r.kind
	case colPositive:
		return r.positive
	case colStatus:
		return r.Status
	case colRemark:
		return r.Remark
	}
	panic("fapiao: not an invoice-level column: " + col)
}

// invoicePage is how many invoices a page of sheetReader.pages holds.
const invoicePage = 4096

// invoices returns the invoices read, in one slice.
func (s *sheetReader) invoices() []Invoice {
	out := make([]Invoice, 0, s.n)
	for k, p := range s.pages {
		for i := range p {
			out = append(out, p[i].Invoice)
		}
		s.pages[k] = nil // copied: let it go
	}
	return out
}

// invoice reads the invoice-level cells of an invoice's first row, each
// bad one to fail.
func (s *sheetReader) invoice(c cell, number string, fail func(error)) Invoice {
	inv := Invoice{Source: s.name, Number: number, Line: c.row, TotalsFromLines: true, Columns: s.cols,
		Seller: Party{TaxID: c.text(colSellerID), Name: c.text(colSeller)},
		Buyer:  Party{TaxID: c.text(colBuyerID), Name: c.text(colBuyer)},
		Remark: c.text(colRemark), Status: c.text(colStatus)}
	if !isTaxID(inv.Seller.TaxID) {
		fail(c.fail(KindBadCode, colSellerID, inv.Seller.TaxID))
	}
	if inv.Seller.Name == "" {
		fail(c.fail(KindMissing, colSeller, ""))
	}
	if inv.Buyer.Name == "" {
		fail(c.fail(KindMissing, colBuyer, ""))
	}
	kindOK := true
	switch kind := c.text(colKind); {
	case strings.Contains(kind, "专用发票"):
		inv.Type = Special
	case strings.Contains(kind, "普通发票"):
		inv.Type = General
	default:
		kindOK = false
		fail(c.fail(KindBadCode, colKind, kind))
	}
	if inv.Buyer.TaxID != "" && !isTaxID(inv.Buyer.TaxID) || inv.Buyer.TaxID == "" && inv.Type == Special && kindOK {
		fail(c.fail(KindBadCode, colBuyerID, inv.Buyer.TaxID))
	}
	switch p := c.text(colPositive); p {
	case "是":
	case "否":
		inv.Red = true
	default:
		fail(c.fail(KindBadCode, colPositive, p))
	}
	date := c.text(colDate)
	var ok bool
	if inv.IssueDate, inv.IssueTime, ok = parseDateTime(date); !ok {
		if inv.IssueDate, inv.IssueTime, ok = serialDate(date); !ok {
			fail(c.fail(KindBadDate, colDate, date))
		}
	}
	if inv.Red {
		inv.OriginalNumber = remarkField(inv.Remark, "被红冲蓝字数电发票号码")
		inv.CreditNoteNumber = remarkField(inv.Remark, "红字发票信息确认单编号")
	}
	return inv
}

// serialDate reads a spreadsheet date serial number (days since
// 1899-12-30, a fraction for the time of day) between 1900 and 2200.
func serialDate(s string) (date, clock string, ok bool) {
	d, ok := parseFigure(s)
	if !ok || d.LessThan(decimal.NewFromInt(1)) || d.GreaterThan(decimal.NewFromInt(110000)) {
		return "", "", false
	}
	days := d.Floor()
	secs := d.Sub(days).Mul(decimal.NewFromInt(86400)).Round(0).IntPart()
	t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(days.IntPart())).Add(time.Duration(secs) * time.Second)
	if !d.Equal(days) {
		clock = t.Format(time.TimeOnly)
	}
	return t.Format(time.DateOnly), clock, true
}

// remarkField returns the run of ASCII letters and digits after key and a
// colon (either width) in remark, or "".
func remarkField(remark, key string) string {
	_, rest, ok := strings.Cut(remark, key)
	if !ok {
		return ""
	}
	rest = strings.TrimLeft(rest, " ")
	if r, ok := strings.CutPrefix(rest, "："); ok {
		rest = r
	} else if r, ok := strings.CutPrefix(rest, ":"); ok {
		rest = r
	} else {
		return ""
	}
	rest = strings.TrimLeft(rest, " ")
	n := 0
	for n < len(rest) && (rest[n] >= '0' && rest[n] <= '9' || rest[n] >= 'A' && rest[n] <= 'Z') {
		n++
	}
	return rest[:n]
}
