package fapiao

import (
	"bytes"
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
// stored (compressed). excelize holds the whole file in memory.
const MaxXLSXSize = 32 << 20

// The limits given to excelize. UnzipSizeLimit bounds the workbook's parts
// once unzipped, all together: a zip bomb stops there. Parts up to
// UnzipXMLSizeLimit are unzipped in memory, larger ones to temporary files
// (which Close removes); a 50,000-row export has a sheet of about 100 MB.
const (
	UnzipSizeLimit    = 512 << 20
	UnzipXMLSizeLimit = 64 << 20
)

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
// any other row that cannot be read is an [*Error] naming the sheet, the
// column header and the row.
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
// Input over MaxXLSXSize is refused. The workbook is closed, and its
// temporary files (in tmpDir, "" for the system's) removed, on every path.
func ReadSummaryXLSX(r io.Reader, name, tmpDir string) (invs []Invoice, err error) {
	g := &sizeGuard{r: r, left: MaxXLSXSize}
	// The workbook as stored is kept (at most MaxXLSXSize) to find the cell
	// where its XML breaks, should it: excelize names only a line of XML.
	stored, err := io.ReadAll(g)
	if g.over {
		return nil, &Error{File: name, Kind: KindTooLarge, Err: fmt.Errorf("over %d bytes", MaxXLSXSize)}
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(stored), excelize.Options{RawCellValue: true, UnzipSizeLimit: UnzipSizeLimit, UnzipXMLSizeLimit: UnzipXMLSizeLimit, TmpDir: tmpDir})
	if err != nil {
		return nil, &Error{File: name, Kind: KindNotWorkbook, Err: err}
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			invs, err = nil, fmt.Errorf("closing %s: %w", name, cerr)
		}
	}()
	if i, err := f.GetSheetIndex(SummarySheet); err != nil || i < 0 {
		return nil, &Error{File: name, Kind: KindNoSheet, Value: strings.Join(f.GetSheetList(), ",")}
	}
	s := &sheetReader{f: f, name: name, stored: stored, byNumber: map[string]int{}}
	if err := s.read(); err != nil {
		return nil, err
	}
	if len(s.invs) == 0 {
		return nil, &Error{File: name, Path: SummarySheet + "/" + colNumber, Kind: KindMissing, Line: s.headerRow + 1}
	}
	for i := range s.invs {
		inv := &s.invs[i]
		for _, l := range inv.Lines {
			inv.TotalExclVAT = inv.TotalExclVAT.Add(l.Amount)
			inv.TotalVAT = inv.TotalVAT.Add(l.Tax)
		}
		inv.TotalInclVAT = inv.TotalExclVAT.Add(inv.TotalVAT)
	}
	return s.invs, nil
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
	f         *excelize.File
	name      string
	stored    []byte         // the workbook as stored, to locate a break in its XML
	cols      map[string]int // column index by header
	headerRow int
	invs      []Invoice
	byNumber  map[string]int   // index in invs
	firsts    map[int][]string // the invoice-level cells of each invoice's first row
}

// cell is one cell of the row being read.
type cell struct {
	s    *sheetReader
	row  int
	cols []string
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
	ref, err := excelize.CoordinatesToCellName(c.s.cols[col]+1, c.row)
	if err != nil {
		return false
	}
	t, err := c.s.f.GetCellType(SummarySheet, ref)
	return err == nil && (t == excelize.CellTypeUnset || t == excelize.CellTypeNumber)
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

func (s *sheetReader) read() error {
	rows, err := s.f.Rows(SummarySheet)
	if err != nil {
		return &Error{File: s.name, Path: SummarySheet, Kind: KindNotWorkbook, Err: err}
	}
	defer rows.Close()
	for row := 1; rows.Next(); row++ {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return s.broken(err, row)
		}
		if s.cols == nil {
			if row > headerRows {
				break
			}
			if err := s.header(cols, row); err != nil {
				return err
			}
			if s.cols != nil {
				if err := s.parses(); err != nil {
					return err
				}
			}
			continue
		}
		if blank(cols) {
			continue
		}
		if err := s.line(cell{s: s, row: row, cols: cols}); err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		return s.broken(err, 0)
	}
	if s.cols == nil {
		if err := s.parses(); err != nil {
			return err
		}
		return &Error{File: s.name, Path: SummarySheet + "/" + colNumber, Kind: KindMissing, Line: 1}
	}
	return nil
}

// parses checks that the whole sheet parses. excelize's row iterator
// stops silently at malformed sheet XML, or returns the row cut short
// there; a full parse of the sheet reports it, so that no row goes unread
// (the sheet, parsed, is kept for the cell types the figures need). It is
// done once the header is known, to name the broken cell's column.
func (s *sheetReader) parses() error {
	if _, err := s.f.GetCellType(SummarySheet, "A1"); err != nil {
		return s.broken(err, 0)
	}
	return nil
}

// broken is the error of a sheet excelize could not read (err), at row
// when known: [KindBadCell] naming the cell, its row and its column's
// header where the XML of the sheet or of a string it shows breaks, else
// [KindNotWorkbook].
func (s *sheetReader) broken(err error, row int) error {
	at, ok := locateBreak(s.stored, SummarySheet)
	if !ok || at.ref == "" { // no cell to name: a sheet cut short, say
		return &Error{File: s.name, Path: SummarySheet, Line: row, Kind: KindNotWorkbook, Err: err}
	}
	e := &Error{File: s.name, Path: SummarySheet, Line: at.row, Cell: at.ref, Kind: KindBadCell, Err: errors.New(at.what)}
	for h, i := range s.cols {
		if at.ref != "" && i == at.col-1 {
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
	s.cols, s.headerRow, s.firsts = map[string]int{}, row, map[int][]string{}
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

// line reads one row into its invoice.
func (s *sheetReader) line(c cell) error {
	number := c.text(colNumber)
	if number == "" {
		return c.fail(KindMissing, colNumber, "")
	}
	if !isInvoiceNumber(number) {
		return c.fail(KindBadCode, colNumber, number)
	}
	i, seen := s.byNumber[number]
	if !seen {
		inv, err := s.invoice(c, number)
		if err != nil {
			return err
		}
		i = len(s.invs)
		s.byNumber[number] = i
		s.invs = append(s.invs, inv)
		s.firsts[i] = s.invoiceCells(c)
	} else {
		for k, v := range s.invoiceCells(c) {
			if v != s.firsts[i][k] {
				return c.fail(KindConflict, invoiceColumns[k], v)
			}
		}
	}
	l := Line{Path: SummarySheet, SourceLine: c.row, ItemName: c.text(colItem), Spec: c.text(colSpec), Unit: c.text(colUnit),
		TaxCode: c.text(colTaxCode)}
	if l.ItemName == "" {
		return c.fail(KindMissing, colItem, "")
	}
	if !isTaxCode(l.TaxCode) {
		return c.fail(KindBadCode, colTaxCode, l.TaxCode)
	}
	var err error
	if l.Quantity, err = c.optional(colQuantity); err != nil {
		return err
	}
	if l.UnitPrice, err = c.optional(colUnitPrice); err != nil {
		return err
	}
	if l.Amount, err = c.required(colAmount, false); err != nil {
		return err
	}
	if l.TaxRate, err = c.required(colRate, true); err != nil {
		return err
	}
	if l.Tax, err = c.required(colTax, false); err != nil {
		return err
	}
	if l.TotalInclVAT, err = c.optional(colTotal); err != nil {
		return err
	}
	s.invs[i].Lines = append(s.invs[i].Lines, l)
	return nil
}

func (s *sheetReader) invoiceCells(c cell) []string {
	out := make([]string, len(invoiceColumns))
	for k, col := range invoiceColumns {
		out[k] = c.text(col)
	}
	return out
}

// invoice reads the invoice-level cells of an invoice's first row.
func (s *sheetReader) invoice(c cell, number string) (Invoice, error) {
	inv := Invoice{Source: s.name, Number: number, Line: c.row, TotalsFromLines: true, Columns: s.cols,
		Seller: Party{TaxID: c.text(colSellerID), Name: c.text(colSeller)},
		Buyer:  Party{TaxID: c.text(colBuyerID), Name: c.text(colBuyer)},
		Remark: c.text(colRemark), Status: c.text(colStatus)}
	if !isTaxID(inv.Seller.TaxID) {
		return inv, c.fail(KindBadCode, colSellerID, inv.Seller.TaxID)
	}
	if inv.Seller.Name == "" {
		return inv, c.fail(KindMissing, colSeller, "")
	}
	if inv.Buyer.Name == "" {
		return inv, c.fail(KindMissing, colBuyer, "")
	}
	switch kind := c.text(colKind); {
	case strings.Contains(kind, "专用发票"):
		inv.Type = Special
	case strings.Contains(kind, "普通发票"):
		inv.Type = General
	default:
		return inv, c.fail(KindBadCode, colKind, kind)
	}
	if inv.Buyer.TaxID != "" && !isTaxID(inv.Buyer.TaxID) || inv.Buyer.TaxID == "" && inv.Type == Special {
		return inv, c.fail(KindBadCode, colBuyerID, inv.Buyer.TaxID)
	}
	switch p := c.text(colPositive); p {
	case "是":
	case "否":
		inv.Red = true
	default:
		return inv, c.fail(KindBadCode, colPositive, p)
	}
	date := c.text(colDate)
	var ok bool
	if inv.IssueDate, inv.IssueTime, ok = parseDateTime(date); !ok {
		if inv.IssueDate, inv.IssueTime, ok = serialDate(date); !ok {
			return inv, c.fail(KindBadDate, colDate, date)
		}
	}
	if inv.Red {
		inv.OriginalNumber = remarkField(inv.Remark, "被红冲蓝字数电发票号码")
		inv.CreditNoteNumber = remarkField(inv.Remark, "红字发票信息确认单编号")
	}
	return inv, nil
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
