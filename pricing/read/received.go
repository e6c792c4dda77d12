package read

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"alprice/pricing"
	"alprice/pricing/read/internal/fapiao"

	"github.com/shopspring/decimal"
)

// InvoiceOptions are what the invoice readers need besides the file.
type InvoiceOptions struct {
	// Month is the supply month of an invoice that does not state one
	// (--month); zero for the month before its issue date.
	Month pricing.Month
}

// The sizes the invoice readers take: a 数电 invoice XML, and a workbook
// (the 信息汇总表 export, or a batch-issuing file) as stored.
const (
	MaxInvoiceXMLSize      = fapiao.MaxXMLSize
	MaxInvoiceWorkbookSize = fapiao.MaxXLSXSize
)

// InvoiceFormat is what an invoices file holds, told by its content.
type InvoiceFormat string

// The invoice formats, as --invoices-format names them.
const (
	InvoiceCSV     InvoiceFormat = "csv"     // alprice's CSV of invoice lines
	InvoiceBatch   InvoiceFormat = "batch"   // the 数电 batch-issuing workbook alprice wrote
	InvoiceXML     InvoiceFormat = "xml"     // one 数电 invoice XML
	InvoiceSummary InvoiceFormat = "summary" // the platform's 全量发票查询 export, sheet 信息汇总表
	InvoiceUnknown InvoiceFormat = ""        // none of them: an old .xls, or binary
)

// ParseInvoiceFormat checks a format named on the command line.
func ParseInvoiceFormat(s string) (InvoiceFormat, error) {
	switch f := InvoiceFormat(s); f {
	case InvoiceCSV, InvoiceBatch, InvoiceXML, InvoiceSummary:
		return f, nil
	}
	return InvoiceUnknown, pricing.Errorf("is not an invoices format: write csv, batch, xml or summary")
}

// DetectInvoiceFormat tells what data holds, from its content: a zip is
// a workbook — the 信息汇总表 export when it has that sheet, else a
// batch-issuing file —, text starting with '<' is XML, other UTF-8 text
// is CSV. data may be the first bytes of a CSV or XML file, but must be
// the whole of a workbook.
func DetectInvoiceFormat(data []byte) InvoiceFormat {
	switch fapiao.Detect(data) {
	case fapiao.FormatXML:
		return InvoiceXML
	case fapiao.FormatCSV:
		return InvoiceCSV
	case fapiao.FormatXLSX:
		if slices.Contains(workbookSheets(data), fapiao.SummarySheet) {
			return InvoiceSummary
		}
		return InvoiceBatch
	}
	return InvoiceUnknown
}

// workbookSheets returns the sheet names of an xlsx workbook, reading
// only its workbook part; nil when that cannot be read.
func workbookSheets(data []byte) []string {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil
	}
	for _, f := range z.File {
		if f.Name != "xl/workbook.xml" {
			continue
		}
		r, err := f.Open()
		if err != nil {
			return nil
		}
		defer r.Close()
		var wb struct {
			Sheets []struct {
				Name string `xml:"name,attr"`
			} `xml:"sheets>sheet"`
		}
		if xml.NewDecoder(io.LimitReader(r, 1<<20)).Decode(&wb) != nil {
			return nil
		}
		var names []string
		for _, s := range wb.Sheets {
			names = append(names, s.Name)
		}
		return names
	}
	return nil
}

// ReadInvoiceXML reads one 数电 invoice XML as the buyer downloads it
// (platforms.md §3) into its lines and header; name is used in messages.
// Every figure is exact from the text. A line that leaves 数量 or 单价 out
// has it worked out from the other two ([pricing.QuantityOf],
// [pricing.InvoiceUnitPrice]). The supply month is the one its 备注 states
// (供货月份:YYYY-MM), else opts.Month, else the month before the issue
// date. Errors name the file, the element path and the value; the
// signature (TaxBureauSignature) is not verified.
func ReadInvoiceXML(r io.Reader, name string, opts InvoiceOptions) (*pricing.Invoices, error) {
	fi, err := fapiao.ReadXML(r, name)
	if err != nil {
		return nil, fapiaoError(err, true)
	}
	inv := &pricing.Invoices{Source: name}
	if errs := addInvoice(inv, fi, opts, xmlFields); len(errs) > 0 {
		return nil, errs
	}
	return inv, nil
}

// ReadInvoiceSummary reads the platform's 全量发票查询 export (an xlsx
// workbook, sheet 信息汇总表: one row per invoice line) as ReadInvoiceXML
// reads an invoice; every row is read or is an error naming its row and
// column. The export states no invoice totals: they are not checked.
func ReadInvoiceSummary(r io.Reader, name string, opts InvoiceOptions) (*pricing.Invoices, error) {
	fis, err := fapiao.ReadSummaryXLSX(r, name)
	if err != nil {
		return nil, fapiaoError(err, false)
	}
	// Errors found across rows (a buyer in no agreement, one invoice
	// number with two buyers) name the column as the sheet heads it.
	inv := &pricing.Invoices{Source: name, Fields: summaryColumns}
	var errs pricing.ErrorList
	for i := range fis {
		errs = append(errs, addInvoice(inv, &fis[i], opts, summaryFields)...)
		fis[i] = fapiao.Invoice{} // its lines are in inv now: let them go as the rest is added
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return inv, nil
}

// ReadInvoiceDir reads every *.xml file of folder dir of fsys, in name
// order, with ReadInvoiceXML, as one set of invoices; name is how messages
// name the folder (its files are name/file). A folder without one is an
// error; so is the same invoice in two files.
func ReadInvoiceDir(fsys fs.FS, dir, name string, opts InvoiceOptions) (*pricing.Invoices, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, &pricing.InputError{Source: name, Err: pricing.Errorf("cannot be read as a folder: %w", err)}
	}
	var parts []*pricing.Invoices
	for _, e := range entries { // fs.ReadDir sorts by name
		if e.IsDir() || !strings.EqualFold(path.Ext(e.Name()), ".xml") {
			continue
		}
		file := path.Join(name, e.Name())
		inv, err := readXMLFile(fsys, path.Join(dir, e.Name()), file, opts)
		if err != nil {
			return nil, err
		}
		parts = append(parts, inv)
	}
	if len(parts) == 0 {
		return nil, &pricing.InputError{Source: name, Err: pricing.Errorf("has no *.xml file: download each 数电 invoice as XML (beside its PDF or OFD) into it")}
	}
	return pricing.MergeInvoices(name, parts)
}

func readXMLFile(fsys fs.FS, file, name string, opts InvoiceOptions) (*pricing.Invoices, error) {
	f, err := fsys.Open(file)
	if err != nil {
		return nil, &pricing.InputError{Source: name, Err: err}
	}
	defer f.Close()
	return ReadInvoiceXML(f, name, opts)
}

// fields names the fields of an invoice's values for messages: the
// element path or the sheet's column, and the line or row.
type fields struct {
	invoice func(fi *fapiao.Invoice, key string) string                 // an invoice-level value
	line    func(fi *fapiao.Invoice, l *fapiao.Line, key string) string // a line's
}

// The names of the values of a 数电 XML and of the 信息汇总表, by the keys
// of the CSV's columns.
var (
	xmlLineElements = map[string]string{"quantity_t": "Quantity", "unit_price_excl_vat": "UnPrice", "amount_excl_vat": "Amount",
		"vat_rate": "TaxRate", "vat": "ComTaxAm", "total": "TotaltaxIncludedAmount"}
	xmlFields = fields{
		invoice: func(_ *fapiao.Invoice, key string) string {
			return map[string]string{"invoice_no": fapiao.PathInvoiceNumber, "buyer": fapiao.PathBuyerName, "month": fapiao.PathRemark}[key]
		},
		line: func(_ *fapiao.Invoice, l *fapiao.Line, key string) string { return l.Path + "/" + xmlLineElements[key] },
	}
	summaryColumns = map[string]string{"invoice_no": "数电发票号码", "buyer": "购买方名称", "month": "备注", "quantity_t": "数量",
		"unit_price_excl_vat": "单价", "amount_excl_vat": "金额", "vat_rate": "税率", "vat": "税额", "total": "价税合计"}
	// A value of the 信息汇总表 is named by its cell, as the sheet's own
	// errors are: 信息汇总表!O8 (数量).
	summaryFields = fields{
		invoice: func(fi *fapiao.Invoice, key string) string { return summaryCell(fi, key, fi.Line) },
		line:    func(fi *fapiao.Invoice, l *fapiao.Line, key string) string { return summaryCell(fi, key, l.SourceLine) },
	}
)

// summaryCell names the cell of key's column in row of the sheet fi was
// read from, or the column alone when the sheet has none such.
func summaryCell(fi *fapiao.Invoice, key string, row int) string {
	if name, ok := fapiao.CellName(fi.Columns, summaryColumns[key], row); ok {
		return name
	}
	return fapiao.SummarySheet + "/" + summaryColumns[key]
}

// remarkMonth finds the supply month a 备注 states: 供货月份, then a colon
// (either width) or spaces, then YYYY-MM. found says that the remark names
// 供货月份 at all, text is what follows it.
func remarkMonth(remark string) (m pricing.Month, text string, found bool, err error) {
	const key = "供货月份"
	_, rest, found := strings.Cut(remark, key)
	if !found {
		return 0, "", false, nil
	}
	rest = strings.TrimLeft(rest, " \u3000")
	if r, ok := strings.CutPrefix(rest, "："); ok {
		rest = r
	} else {
		rest = strings.TrimPrefix(rest, ":")
	}
	rest = strings.TrimLeft(rest, " \u3000")
	text = rest
	if n := strings.IndexAny(text, " \u3000·,，;；\r\n\t"); n >= 0 {
		text = text[:n]
	}
	m, err = pricing.ParseMonth(text)
	if err != nil {
		return 0, text, true, pricing.Errorf("states 供货月份 %q, which %w", text, err)
	}
	return m, text, true, nil
}

// addInvoice adds the header and lines of fi to inv, every line checked
// as every invoice line is ([lineProblems]); it returns the problems.
func addInvoice(inv *pricing.Invoices, fi *fapiao.Invoice, opts InvoiceOptions, names fields) pricing.ErrorList {
	var errs pricing.ErrorList
	fail := func(field string, line int, value string, err error) {
		errs = append(errs, &pricing.InputError{Source: fi.Source, Line: line, Field: field, Value: value, Err: err})
	}
	issued, _ := time.Parse(time.DateOnly, fi.IssueDate) // fapiao checked it
	remark, _, found, err := remarkMonth(fi.Remark)
	if err != nil {
		fail(names.invoice(fi, "month"), fi.Line, fi.Remark, err)
	}
	month, from := pricing.SupplyMonth(remark, found && err == nil, opts.Month, issued)
	h := pricing.InvoiceHeader{Number: fi.Number, Source: fi.Source, SourceLine: fi.Line, IssueDate: issued, Red: fi.Red,
		Reverses: fi.OriginalNumber, CreditNote: fi.CreditNoteNumber,
		Seller: pricing.Party{Name: fi.Seller.Name, TaxID: fi.Seller.TaxID}, Buyer: pricing.Party{Name: fi.Buyer.Name, TaxID: fi.Buyer.TaxID},
		Month: month, MonthFrom: from, TotalExclVAT: fi.TotalExclVAT, TotalVAT: fi.TotalVAT, TotalInclVAT: fi.TotalInclVAT,
		HasTotals: !fi.TotalsFromLines}
	switch fi.Type {
	case fapiao.Special:
		h.Kind = pricing.SpecialInvoice
	case fapiao.General:
		h.Kind = pricing.OrdinaryInvoice
	}
	if fi.Red && fi.OriginalNumber == "" {
		fail(names.invoice(fi, "month"), fi.Line, fi.Remark, pricing.Errorf("names no blue invoice reversed: a red invoice's 备注 states 被红冲蓝字数电发票号码"))
	}
	for _, err := range nameProblems(fi.Number, fi.Buyer.Name) {
		fail(names.invoice(fi, err.key), fi.Line, err.value, err.err)
	}
	lines := make([]pricing.InvoiceLine, 0, len(fi.Lines))
	for k := range fi.Lines {
		fl := &fi.Lines[k]
		l := pricing.InvoiceLine{InvoiceNo: fi.Number, Line: k + 1, Buyer: fi.Buyer.Name, Month: month, MonthFrom: from,
			UnitPriceExclVAT: fl.UnitPrice.Value, AmountExclVAT: fl.Amount, VATRate: fl.TaxRate, VAT: fl.Tax,
			Total: fl.TotalInclVAT.Value, HasTotal: fl.TotalInclVAT.Present, Item: fl.ItemName, TaxCode: fl.TaxCode, SourceLine: fl.SourceLine}
		if fl.Quantity.Present {
			w, ok := weightOf(fl.Quantity.Value)
			if !ok {
				fail(names.line(fi, fl, "quantity_t"), fl.SourceLine, written(fl.Quantity.Value),
					pricing.Errorf("has more than 3 decimals, or is too large: alprice counts weight in whole kilograms (0.001 t)"))
				continue
			}
			l.Quantity = w
		}
		switch {
		case !fl.Quantity.Present && fl.UnitPrice.Present && !fl.UnitPrice.Value.IsZero():
			l.Quantity, l.QuantityDerived = pricing.QuantityOf(fl.Amount, fl.UnitPrice.Value), true
		case fl.Quantity.Present && !fl.UnitPrice.Present && l.Quantity != 0:
			l.UnitPriceExclVAT, l.UnitPriceDerived = pricing.InvoiceUnitPrice(fl.Amount, l.Quantity), true
		case !fl.Quantity.Present:
			l.NoQuantity = true
		}
		for _, p := range lineProblems(l, fi.Red) {
			value := p.value
			switch {
			case p.key == "invoice_no" || p.key == "buyer":
				continue // the invoice's, said once
			case p.key == "quantity_t" && !fl.Quantity.Present || p.key == "unit_price_excl_vat" && !fl.UnitPrice.Present:
				continue // worked out, not written: what it was worked from is named
			}
			fail(names.line(fi, fl, p.key), fl.SourceLine, value, p.err)
		}
		lines = append(lines, l)
	}
	if len(errs) > 0 {
		return errs
	}
	inv.AddHeader(h)
	for _, l := range lines {
		inv.Add(l)
	}
	return nil
}

// weightOf returns d tonnes in whole kilograms, if it is that exactly.
func weightOf(d decimal.Decimal) (pricing.Weight, bool) {
	kg := d.Shift(3)
	if !kg.IsInteger() || kg.Abs().GreaterThan(decimal.New(1, 15)) {
		return 0, false
	}
	return pricing.Weight(kg.IntPart()), true
}

// written is a figure as its text wrote it, scale kept.
func written(d decimal.Decimal) string { return d.StringFixed(max(0, -d.Exponent())) }

// problem is one bad value of an invoice line, by the key of its CSV
// column.
type problem struct {
	key, value string
	err        error
}

// The bounds of an invoice line's figures: the platform's fields are 16
// characters, so that no amount has more than 13 digits before the point.
var (
	maxInvoiceDigits  = int32(13) // an amount is below 10^13
	moneyDecimals     = int32(pricing.ScaleFen)
	unitPriceDecimals = int32(13) // the platform's limit for 单价
)

// nameProblems checks an invoice's number and buyer.
func nameProblems(number, buyer string) []problem {
	var out []problem
	for _, f := range []struct{ key, v string }{{"invoice_no", number}, {"buyer", buyer}} {
		switch err := checkName([]byte(f.v)); {
		case f.v == "":
			out = append(out, problem{f.key, "", pricing.Errorf("is empty")})
		case err != nil:
			out = append(out, problem{f.key, f.v, err})
		}
	}
	return out
}

// lineProblems is the one check of an invoice line, whatever it was read
// from: names without invisible characters, a supply month of the years
// alprice knows, amounts to the fen and of at most 13 digits before the
// point, a unit price of at most 13 decimals and never negative, a rate
// from 0 to 1, and every figure of the invoice's colour: none negative on
// a blue invoice, none positive on a red one.
func lineProblems(l pricing.InvoiceLine, red bool) []problem {
	return lineProblemsOf(l, red, true)
}

// lineProblemsOf is lineProblems, of the line's money, unit price and
// rate too when figures: the CSV reader leaves them out for figures it
// read with plainFigures, which holds them to the same bounds.
func lineProblemsOf(l pricing.InvoiceLine, red, figures bool) []problem {
	out := nameProblems(l.InvoiceNo, l.Buyer)
	if y := l.Month.Year(); y < pricing.MinYear || y > pricing.MaxYear {
		out = append(out, problem{"month", l.Month.String(), pricing.Errorf("is not a supply month from %d to %d", pricing.MinYear, pricing.MaxYear)})
	}
	// A figure's text is made only for a problem: the check runs on every
	// line of a million.
	sign := func(key string, value func() string, s int) {
		switch {
		case !red && s < 0:
			out = append(out, problem{key, value(), pricing.Errorf("is negative on a blue invoice: a reversal is a red invoice (红字发票) of its own")})
		case red && s > 0:
			out = append(out, problem{key, value(), pricing.Errorf("is positive on a red invoice (红字发票), whose figures are negative")})
		}
	}
	money := func(key string, d decimal.Decimal) {
		switch {
		case d.Exponent() < -moneyDecimals:
			out = append(out, problem{key, written(d), pricing.Errorf("has %d decimals: amounts are to the fen (2 decimals)", -d.Exponent())})
		case atLeastPow10(d, maxInvoiceDigits):
			out = append(out, problem{key, written(d), pricing.Errorf("is too large: an invoice's amounts have at most 13 digits before the point")})
		default:
			sign(key, func() string { return written(d) }, d.Sign())
		}
	}
	if figures {
		money("amount_excl_vat", l.AmountExclVAT)
		money("vat", l.VAT)
		if l.HasTotal {
			money("total", l.Total)
		}
		switch p := l.UnitPriceExclVAT; {
		case p.Exponent() < -unitPriceDecimals:
			out = append(out, problem{"unit_price_excl_vat", written(p), pricing.Errorf("has %d decimals: a unit price has at most 13", -p.Exponent())})
		case atLeastPow10(p, maxInvoiceDigits):
			out = append(out, problem{"unit_price_excl_vat", written(p), pricing.Errorf("is too large: an invoice's amounts have at most 13 digits before the point")})
		case p.IsNegative():
			out = append(out, problem{"unit_price_excl_vat", written(p), pricing.Errorf("is negative: a unit price never is, on a red invoice too")})
		}
		if r := l.VATRate; !validRate(r) {
			out = append(out, problem{"vat_rate", written(r), pricing.Errorf("is not a VAT rate: a fraction from 0 to 1 of at most 6 decimals, such as 0.13")})
		}
	}
	sign("quantity_t", l.Quantity.String, int(min(max(l.Quantity, -1), 1)))
	return out
}

// validRate reports whether r is a VAT rate: a fraction from 0 to 1 of at
// most 6 decimals.
func validRate(r decimal.Decimal) bool {
	return !r.IsNegative() && !atLeastPow10(r, 0) && r.Exponent() >= -6
}

// atLeastPow10 reports whether |d| ≥ 10^p. The check runs on every line
// of a million: a figure of at most 18 digits, the usual one, is compared
// as an integer, |coefficient| ≥ 10^(p−exponent), with no big integer
// made.
func atLeastPow10(d decimal.Decimal, p int32) bool {
	e := d.Exponent()
	if e > p {
		return !d.IsZero() // a nonzero integer times 10^e
	}
	if d.NumDigits() <= 18 {
		if p-e > 18 {
			return false // below 10^18
		}
		c := d.CoefficientInt64()
		return c >= pow10[p-e] || c <= -pow10[p-e]
	}
	return d.Abs().GreaterThanOrEqual(decimal.New(1, p))
}

// pow10 holds 10^0 … 10^18.
var pow10 = func() (p [19]int64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// ValidateInvoices holds lines read by another reader (the batch-issuing
// workbook's) to the one check of every invoice line: names, supply month,
// amounts, unit price, rate, signs (none negative: such a file has blue
// invoices only), and one buyer per invoice number. fields names the
// file's field of each key (amount_excl_vat, vat ...) for messages.
func ValidateInvoices(inv *pricing.Invoices, fields map[string]string) error {
	var errs pricing.ErrorList
	name := func(key string) string {
		if f, ok := fields[key]; ok {
			return f
		}
		return key
	}
	first := map[string]int{}
	for i := range inv.Len() {
		l := inv.Line(i)
		for _, p := range lineProblems(l, false) {
			errs = append(errs, &pricing.InputError{Source: inv.SourceOf(i), Line: l.SourceLine, Field: name(p.key), Value: p.value, Err: p.err})
		}
		if k, ok := first[l.InvoiceNo]; !ok {
			first[l.InvoiceNo] = i
		} else if buyer, _, at := inv.Where(k); buyer != l.Buyer {
			errs = append(errs, &pricing.InputError{Source: inv.SourceOf(i), Line: l.SourceLine, Field: name("buyer"), Value: l.Buyer,
				Err: otherBuyer(l.InvoiceNo, buyer, at)})
		}
	}
	return errs.Err()
}

// fapiaoError says a reader's error as an input error: the file, the
// element path or column as the field, the line, the value.
func fapiaoError(err error, isXML bool) error {
	var list *fapiao.Errors
	if errors.As(err, &list) { // every bad cell of a sheet
		errs := make(pricing.ErrorList, len(list.List))
		for i, fe := range list.List {
			errs[i] = fapiaoError(fe, isXML).(*pricing.InputError)
		}
		if list.More > 0 {
			errs = append(errs, &pricing.InputError{Source: errs[0].Source, Err: pricing.Errorf("has %d more bad cells, not listed", list.More)})
		}
		return errs
	}
	var fe *fapiao.Error
	if !errors.As(err, &fe) {
		return err
	}
	e := &pricing.InputError{Source: fe.File, Line: fe.Line, Field: fe.Path, Value: fe.Value}
	if fe.Cell != "" {
		// A workbook's cell as the spreadsheet shows it (信息汇总表!B7), and
		// its column's header.
		sheet, header, _ := strings.Cut(fe.Path, "/")
		e.Field = sheet + "!" + fe.Cell
		if header != "" {
			e.Field += " (" + header + ")"
		}
	}
	detail := ""
	if fe.Err != nil {
		detail = fe.Err.Error()
	}
	switch fe.Kind {
	case fapiao.KindNotXML:
		e.Err = pricing.Errorf("is not well-formed UTF-8 XML (%s): download the invoice again as XML", detail)
	case fapiao.KindWrongRoot:
		e.Value = ""
		e.Err = pricing.Errorf("is the root element: a 数电 invoice's root is EInvoice")
	case fapiao.KindMissing:
		e.Err = pricing.Errorf("is missing")
	case fapiao.KindBadNumber:
		e.Err = pricing.Errorf("is not a plain decimal number: digits, a point, a minus sign before; no exponent, comma or space")
	case fapiao.KindBadDate:
		e.Err = pricing.Errorf("is not a date YYYY-MM-DD of the calendar")
	case fapiao.KindBadCode:
		e.Err = pricing.Errorf("is not of the form the platform writes (a label code, a 20-digit invoice number, a tax id of 15 to 20 capitals and digits, a 19-digit tax code)")
	case fapiao.KindTooLarge:
		if isXML {
			e.Err = pricing.Errorf("is over %d bytes or nested over 64 elements deep: refused before it is read; a 数电 invoice is a few kilobytes", MaxInvoiceXMLSize)
		} else {
			e.Err = pricing.Errorf("is over %d bytes: refused before it is read", MaxInvoiceWorkbookSize)
		}
	case fapiao.KindEntity:
		e.Err = pricing.Errorf("declares entities in its DOCTYPE: refused, a 数电 invoice has none")
	case fapiao.KindDuplicate:
		e.Err = pricing.Errorf("appears more than once: an invoice has it once")
	case fapiao.KindNotWorkbook:
		e.Err = pricing.Errorf("is not an xlsx workbook that can be read (%s)", detail)
	case fapiao.KindNoSheet:
		e.Value = ""
		e.Err = pricing.Errorf("has no sheet 信息汇总表 (its sheets: %s): export the received invoices from 全量发票查询", fe.Value)
	case fapiao.KindConflict:
		e.Err = pricing.Errorf("differs from the invoice's first row: every row of an invoice repeats it")
	case fapiao.KindBadCell:
		e.Err = pricing.Errorf("cannot be read: %s, which a workbook may not hold; correct the cell and save the workbook again, or export it again from the platform", detail)
	default:
		e.Err = pricing.Errorf("cannot be read: %s", detail)
	}
	return e
}
