package read

import (
	"hash/maphash"
	"io"
	"strings"
	"time"

	"alprice/pricing"

	"github.com/shopspring/decimal"
)

var invoiceColumns = []column{
	{key: "invoice_no", names: []string{"invoice_no", "发票号码"}, required: true},
	{key: "buyer", names: []string{"buyer", "客户"}, required: true},
	{key: "month", names: []string{"month", "月份", "供货月份"}},
	{key: "issue_date", names: []string{"issue_date", "开票日期"}},
	{key: "remark", names: []string{"remark", "备注"}},
	{key: "quantity_t", names: []string{"quantity_t", "数量"}, required: true},
	{key: "unit_price_excl_vat", names: []string{"unit_price_excl_vat", "单价"}, required: true},
	{key: "amount_excl_vat", names: []string{"amount_excl_vat", "金额"}, required: true},
	{key: "vat_rate", names: []string{"vat_rate", "税率"}, required: true},
	{key: "vat", names: []string{"vat", "税额"}, required: true},
	{key: "total", names: []string{"total", "价税合计"}},
}

// The fields of an invoice row, indexes of invoiceColumns: readInvoiceLine
// finds a row's fields by index, not by key through a map, eleven times a
// line of a million.
const (
	fieldInvoiceNo = iota
	fieldBuyer
	fieldMonth
	fieldIssueDate
	fieldRemark
	fieldQuantity
	fieldUnitPrice
	fieldAmount
	fieldVATRate
	fieldVAT
	fieldTotal
)

// ReadInvoices reads a CSV file of VAT invoice lines from r, as
// [ReadInvoiceCSV] with no options: every row states its supply month, or
// an issue date.
func ReadInvoices(r io.Reader, name string, enc Encoding) (*pricing.Invoices, error) {
	return ReadInvoiceCSV(r, name, enc, InvoiceOptions{})
}

// ReadInvoiceCSV reads a CSV file of VAT invoice lines from r; name is
// used in messages. Columns by name in any order: invoice_no, buyer,
// quantity_t, unit_price_excl_vat (up to 8 decimals), amount_excl_vat,
// vat_rate (13% or 0.13), vat, and optionally total, month (the supply
// month billed, YYYY-MM), issue_date and remark; or the Chinese headers
// 发票号码, 客户, 数量, 单价, 金额, 税率, 税额, 价税合计, 月份, 开票日期, 备注. A
// row without a month is held, as a 数电 invoice is, to the month its
// remark states (供货月份:YYYY-MM), else to opts.Month, else to the month
// before its issue date (month-end invoicing). Every line is held to the
// one check of every invoice line, whatever it was read from
// ([ValidateInvoices]). Every bad row is listed and nothing is returned;
// an invoice number given with two buyers is a bad row.
func ReadInvoiceCSV(r io.Reader, name string, enc Encoding, opts InvoiceOptions) (*pricing.Invoices, error) {
	// A file that can be read again is read in one pass without a map of
	// the invoices seen (readInvoicesOnce), and read again exactly only
	// when an invoice's lines are apart; a pipe is read exactly.
	if s, ok := r.(io.ReadSeeker); ok {
		if start, err := s.Seek(0, io.SeekCurrent); err == nil {
			inv, err, again := readInvoicesOnce(s, name, enc, opts)
			if !again {
				return inv, err
			}
			if _, err := s.Seek(start, io.SeekStart); err != nil {
				return nil, &pricing.InputError{Source: name, Err: pricing.Errorf("cannot be read again: %w", err)}
			}
		}
	}
	return readInvoicesExact(r, name, enc, opts)
}

// fieldIndexes returns the record's index of each field of an invoice
// row, -1 when the file has none.
func fieldIndexes(t *csvTable) []int {
	at := make([]int, len(invoiceColumns))
	for f, c := range invoiceColumns {
		if i, ok := t.index[c.key]; ok {
			at[f] = i
		} else {
			at[f] = -1
		}
	}
	return at
}

// readInvoicesExact reads the invoices in one pass, finding every line's
// invoice in a map of those seen, wherever its lines are in the file: the
// reference readInvoicesOnce is held to.
func readInvoicesExact(r io.Reader, name string, enc Encoding, opts InvoiceOptions) (*pricing.Invoices, error) {
	t, err := openCSV(r, name, enc, invoiceColumns)
	if err != nil {
		return nil, err
	}
	inv := &pricing.Invoices{Source: name, Fields: t.headers()}
	at := fieldIndexes(t)
	// The invoices seen, by a 64-bit hash of the number: a million numbers
	// kept as map keys of their own took a copy each, beside the copy inv
	// keeps, and twice the map. A hash is checked against the number of
	// the invoice's first line; a number whose hash another had first is
	// kept by its text.
	type seen struct{ lines, first int32 }
	seed := maphash.MakeSeed()
	perInvoice := map[uint64]seen{}
	collided := map[string]seen{}
	var rate plainRate
	errs := t.eachRow(func(rec []string, line int) pricing.ErrorList {
		l, problems, f, plain := readInvoiceRow(t, t, rec, at, opts, &rate)
		if len(problems) == 0 {
			h := invoiceHash(seed, l.InvoiceNo)
			s, ok := perInvoice[h]
			exact := ok && inv.Number(int(s.first)) != l.InvoiceNo
			if exact {
				s, ok = collided[l.InvoiceNo]
			}
			if ok {
				if buyer, _, at := inv.Where(int(s.first)); buyer != l.Buyer {
					return pricing.ErrorList{t.fieldError("buyer", l.Buyer, otherBuyer(l.InvoiceNo, buyer, at))}
				}
			} else {
				s.first = int32(inv.Len())
			}
			// The record's text is one string: keep a copy of the invoice
			// number, not it (add copies a new buyer).
			l.InvoiceNo = strings.Clone(l.InvoiceNo)
			s.lines++
			l.Line, l.SourceLine = int(s.lines), line
			if !plain || !inv.AddFixed(l, f) {
				if plain { // kept whole: with its decimals as the file writes them
					decimalFigures(t, rec, at, &l)
				}
				inv.Add(l)
			}
			if exact {
				collided[l.InvoiceNo] = s
			} else {
				perInvoice[h] = s
			}
		}
		return problems
	})
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if inv.Len() == 0 {
		return nil, &pricing.InputError{Source: name, Line: 1, Err: pricing.Errorf("has a header but no invoice lines")}
	}
	return inv, nil
}

// readInvoiceRow reads record rec of line, whose field f is rec[at[f]],
// and holds it to the one check of every invoice line; the figures in
// their plain form are read straight to integers (f, plain), a million
// lines making no decimal, any other as decimals (l's). Only the checks
// across rows are left: which invoice, and its buyer. e places its
// errors: t, for the record t read last.
func readInvoiceRow(t *csvTable, e fieldErrors, rec []string, at []int, opts InvoiceOptions, rate *plainRate) (l pricing.InvoiceLine, problems pricing.ErrorList, f pricing.FixedLine, plain bool) {
	l, problems = readInvoiceLine(t, e, rec, at, opts)
	f, plain = plainFigures(rec, at, rate)
	if !plain {
		problems = append(problems, decimalFigures(e, rec, at, &l)...)
	}
	f.Quantity, f.HasTotal, f.NoQuantity = l.Quantity, l.HasTotal, l.NoQuantity
	if len(problems) == 0 {
		// The one check of every invoice line, whatever it was read from.
		for _, p := range lineProblemsOf(l, false, !plain) {
			problems = append(problems, e.fieldError(p.key, p.value, p.err))
		}
	}
	return l, problems, f, plain
}

// fieldErrors places an error about a field of a row: a csvTable, of the
// record it read last; a row of a batch, by the row's text.
type fieldErrors interface {
	fieldError(key, value string, err error) *pricing.InputError
}

// invoiceHash is the hash ReadInvoiceCSV keeps an invoice number by; a
// test makes every number collide.
var invoiceHash = maphash.String

// otherBuyer is the error of an invoice number that a line before gave
// with another buyer.
func otherBuyer(number, buyer string, line int) error {
	return pricing.Errorf("differs from the buyer %q of invoice %s on line %d: one invoice has one buyer", buyer, number, line)
}

// ErrNoSupplyMonth is an invoice row that states no supply month, nor
// anything it could be worked out from, when none was given for every row.
var ErrNoSupplyMonth = pricing.Errorf("states no supply month: give it in a month column (YYYY-MM) or a 备注 (供货月份:YYYY-MM), give the month of every row, or give the issue_date, and the month before it is taken")

// readInvoiceLine reads record rec, whose field f is rec[at[f]] (none when
// at[f] is -1), but for its money, unit price and rate (plainFigures,
// decimalFigures).
func readInvoiceLine(t *csvTable, e fieldErrors, rec []string, at []int, opts InvoiceOptions) (pricing.InvoiceLine, pricing.ErrorList) {
	var (
		l    pricing.InvoiceLine
		errs pricing.ErrorList
	)
	field := func(f int) string {
		if at[f] < 0 {
			return ""
		}
		return strings.TrimSpace(rec[at[f]])
	}
	need := func(f int) string {
		v := field(f)
		if v == "" {
			errs = append(errs, e.fieldError(invoiceColumns[f].key, "", pricing.Errorf("is empty")))
		}
		return v
	}
	name := func(f int) string {
		v := need(f)
		if err := checkName([]byte(v)); v != "" && err != nil {
			errs = append(errs, e.fieldError(invoiceColumns[f].key, v, err))
		}
		return v
	}
	l.InvoiceNo = name(fieldInvoiceNo)
	l.Buyer = name(fieldBuyer)
	// The supply month: the month column's, else as a 数电 invoice's is
	// worked out (a 备注 stating 供货月份:YYYY-MM, the month given, the
	// month before the issue date).
	v, issued, remarkText := field(fieldMonth), field(fieldIssueDate), field(fieldRemark)
	remark, _, remarkFound, remarkErr := remarkMonth(remarkText)
	switch {
	case v != "":
		m, err := pricing.ParseMonth(v)
		if err != nil {
			errs = append(errs, e.fieldError("month", v, err))
		}
		l.Month = m
	case remarkErr != nil:
		errs = append(errs, e.fieldError("remark", remarkText, remarkErr))
	case remarkFound || opts.Month != 0:
		l.Month, l.MonthFrom = pricing.SupplyMonth(remark, remarkFound, opts.Month, time.Time{})
	case issued != "":
		d, err := pricing.ParseDate(issued)
		if err != nil {
			errs = append(errs, e.fieldError("issue_date", issued, err))
		}
		l.Month, l.MonthFrom = pricing.SupplyMonth(0, false, 0, d)
	default:
		key := "month"
		if _, ok := t.index[key]; !ok {
			key = "invoice_no"
		}
		errs = append(errs, e.fieldError(key, "", ErrNoSupplyMonth))
	}
	if v := need(fieldQuantity); v != "" {
		w, err := pricing.ParseWeight(v)
		if err != nil {
			errs = append(errs, e.fieldError("quantity_t", v, err))
		}
		l.Quantity = w
	}
	l.HasTotal = field(fieldTotal) != ""
	return l, errs
}

// Bounds of the figures plainFigures reads: an amount below 10^13 (13
// digits before the point, the bound lineProblems holds it to), a unit
// price of 10 digits before the point, so that at 10⁻⁸ it stays within 18
// digits (a larger one is read as a decimal).
var (
	plainAmountDigits    = int(maxInvoiceDigits)
	plainUnitPriceDigits = 18 - pricing.UnitPriceDecimals
)

// plainFigures reads the figures of rec — unit price, amount, VAT, total —
// in their plain form (pricing.ScanFixed) straight to the integers
// pricing.Invoices keeps, and the rate through rate, a file's rates being
// one text line after line. It returns false when one is in another form
// or out of the bounds lineProblems holds figures to, which the decimals
// then read or explain (decimalFigures). The quantity is read as for every
// line. A figure so read is what ScanDecimal reads, within those bounds:
// a test reads every file both ways.
var plainFigures = func(rec []string, at []int, rate *plainRate) (pricing.FixedLine, bool) {
	var f pricing.FixedLine
	text := func(k int) string {
		if at[k] < 0 {
			return ""
		}
		return strings.TrimSpace(rec[at[k]])
	}
	var ok [4]bool
	f.UnitPrice, ok[0] = pricing.ScanFixed(text(fieldUnitPrice), pricing.UnitPriceDecimals, plainUnitPriceDigits, pricing.UnitPriceDecimals)
	f.Amount, ok[1] = pricing.ScanFixed(text(fieldAmount), pricing.ScaleFen, plainAmountDigits, pricing.ScaleFen)
	f.VAT, ok[2] = pricing.ScanFixed(text(fieldVAT), pricing.ScaleFen, plainAmountDigits, pricing.ScaleFen)
	f.RateMicro, ok[3] = rate.read(text(fieldVATRate))
	if total := text(fieldTotal); total != "" {
		var fits bool
		if f.Total, fits = pricing.ScanFixed(total, pricing.ScaleFen, plainAmountDigits, pricing.ScaleFen); !fits {
			return f, false
		}
	}
	return f, ok == [4]bool{true, true, true, true}
}

// plainRate is the last VAT rate plainFigures read, its text and its
// value in 10⁻⁶.
type plainRate struct {
	text  string
	micro int64
	ok    bool
}

// read returns the rate s in 10⁻⁶, and false for one that does not read
// as a VAT rate, which the decimals then explain.
func (r *plainRate) read(s string) (int64, bool) {
	if r.ok && s == r.text && s != "" {
		return r.micro, true
	}
	d, err := pricing.ParseVATRate(s)
	if err != nil || !validRate(d) {
		return 0, false
	}
	micro, ok := pricing.FixedPoint(d, 6)
	if !ok {
		return 0, false
	}
	*r = plainRate{text: strings.Clone(s), micro: micro, ok: true}
	return micro, true
}

// decimalFigures reads the figures of rec into l as decimals, and what is
// wrong with them.
func decimalFigures(e fieldErrors, rec []string, at []int, l *pricing.InvoiceLine) pricing.ErrorList {
	var errs pricing.ErrorList
	parsed := func(f int, parse func(string) (decimal.Decimal, error)) decimal.Decimal {
		v := ""
		if at[f] >= 0 {
			v = strings.TrimSpace(rec[at[f]])
		}
		if v == "" {
			errs = append(errs, e.fieldError(invoiceColumns[f].key, "", pricing.Errorf("is empty")))
			return decimal.Zero
		}
		d, err := parse(v)
		if err != nil {
			errs = append(errs, e.fieldError(invoiceColumns[f].key, v, err))
		}
		return d
	}
	l.UnitPriceExclVAT = parsed(fieldUnitPrice, parseUnitPrice)
	l.AmountExclVAT = parsed(fieldAmount, parseInvoiceMoney)
	l.VATRate = parsed(fieldVATRate, pricing.ParseVATRate)
	l.VAT = parsed(fieldVAT, parseInvoiceMoney)
	if at[fieldTotal] >= 0 {
		if v := strings.TrimSpace(rec[at[fieldTotal]]); v != "" {
			d, err := parseInvoiceMoney(v)
			if err != nil {
				errs = append(errs, e.fieldError("total", v, err))
			}
			l.Total = d
		}
	}
	return errs
}

func parseInvoiceMoney(s string) (decimal.Decimal, error) {
	if strings.HasPrefix(s, "-") {
		return decimal.Zero, pricing.Errorf("is negative: red-letter invoices (红字发票, credit notes) are not checked; leave them out")
	}
	return pricing.ParseMoney(s)
}

func parseUnitPrice(s string) (decimal.Decimal, error) {
	d, err := pricing.ScanDecimal(s, pricing.UnitPriceDecimals)
	if err != nil {
		return d, pricing.Errorf("%w: write the unit price as printed, such as 20710.32743363 (at most 8 decimals)", err)
	}
	return d, nil
}
