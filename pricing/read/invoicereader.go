package read

import (
	"context"
	"hash/maphash"
	"io"
	"unicode/utf8"

	"alprice/pricing"
	"alprice/pricing/read/internal/csvscan"
	"alprice/pricing/read/internal/pipeline"
	"alprice/pricing/read/internal/tickets"
)

// readInvoicesOnce is the first look at an invoices file that can be read
// again: one pass, a batch of rows at a time, one goroutine scanning the
// CSV while the caller's adds the lines, as settle reads deliveries. A row
// in its plain form — names, a month column, a weight and figures as
// [pricing.ScanFixed] reads them — is read from the scanner's bytes,
// making no string (fastRow); any other goes through the strings and
// decimals of readInvoiceRow, which say what is wrong with it.
//
// It keeps no map of the invoices seen. The lines of an invoice come
// together, so a line of the invoice of the line before is checked against
// that line (its buyer) and numbered after it; a line of another invoice
// starts a run, whose number's hash is kept, eight bytes a run. When no
// hash comes twice, no number is given in two runs, every check against
// the line before was the check against the invoice's first line, and the
// pass stands: again is false. When one does — an invoice whose lines are
// apart, or two numbers of one hash — again is true and nothing else is
// returned: the caller reads the file again with readInvoicesExact, whose
// map finds every line of an invoice wherever it is. A property test holds
// the two to the same invoices and errors.
func readInvoicesOnce(r io.Reader, name string, enc Encoding, opts InvoiceOptions) (inv *pricing.Invoices, err error, again bool) {
	t, err := openCSV(r, name, enc, invoiceColumns)
	if err != nil {
		return nil, err, false
	}
	ir := &invoiceReader{t: t, opts: opts, at: fieldIndexes(t)}
	batches := make([]*invoiceBatch, batchesInFlight)
	for i := range batches {
		batches[i] = &invoiceBatch{rows: make([]invoiceRow, invoiceBatchSize)}
	}
	p := pipeline.New(batches, ir.scan, invoicesInline)
	defer p.Close()

	inv = &pricing.Invoices{Source: name, Fields: t.headers()}
	var (
		errs   pricing.ErrorList
		hashes tickets.Hashes
		run    invoiceRun
		seed   = maphash.MakeSeed()
		rate   plainRate // this goroutine's: the scanner has its own
	)
	for {
		b, ok, err := p.Next(context.Background())
		if err != nil || !ok {
			break // the pipeline ends with a batch of b.err
		}
		for i := range b.rows[:b.n] {
			row := &b.rows[i]
			if row.fast && !fastFigures(b, row, ir.at, &rate) {
				// Its figures are not all plain: read as any other row,
				// here, its errors placed by its text.
				row.l, row.problems, row.f, row.plain = readInvoiceRow(t, batchRow{t, b, row}, b.record(row), ir.at, ir.opts, &rate)
			}
			if len(row.problems) > 0 {
				errs = append(errs, row.problems...)
				continue
			}
			no, buyer := b.text[row.no.start:row.no.end], b.text[row.buyer.start:row.buyer.end]
			if run.lines > 0 && string(no) == run.number {
				if string(buyer) != run.buyer {
					errs = append(errs, b.fieldError(t, row, "buyer", string(buyer), otherBuyer(run.number, run.buyer, run.firstLine)))
					continue
				}
				run.lines++
			} else {
				hashes.Add(invoiceHashBytes(seed, no))
				run = invoiceRun{lines: 1, firstLine: row.line}
			}
			row.l.Line, row.l.SourceLine = run.lines, row.line
			if !row.plain || !inv.AddFixedText(row.l, no, buyer, row.f) {
				l := row.l
				l.InvoiceNo, l.Buyer = string(no), string(buyer)
				if row.plain { // kept whole: with its decimals as the file writes them
					decimalFigures(batchRow{t, b, row}, b.record(row), ir.at, &l)
				}
				inv.Add(l)
			}
			if run.lines == 1 {
				// The run's number and buyer as inv keeps them: no copy.
				run.number = inv.Number(inv.Len() - 1)
				run.buyer, _, _ = inv.Where(inv.Len() - 1)
			}
		}
		if b.err != nil {
			if b.err != io.EOF {
				errs = append(errs, pricing.AsInputError(name, b.err))
			}
			break
		}
	}
	if hashes.Repeated() != nil {
		return nil, nil, true
	}
	if err := errs.Err(); err != nil {
		return nil, err, false
	}
	if inv.Len() == 0 {
		return nil, &pricing.InputError{Source: name, Line: 1, Err: pricing.Errorf("has a header but no invoice lines")}, false
	}
	inv.MarkRunsAreInvoices() // no hash came twice: no number did
	return inv, nil, false
}

// invoiceHashBytes is invoiceHash of the number's bytes; a test makes every
// number collide.
var invoiceHashBytes = maphash.Bytes

// invoicesInline makes readInvoicesOnce scan in the caller's goroutine (for
// a test).
var invoicesInline = false

// invoiceRun is the run of lines of one invoice the last line added
// belongs to: its number and buyer, the line it starts on, and how many
// lines it has.
type invoiceRun struct {
	number, buyer    string
	firstLine, lines int
}

const invoiceBatchSize = 512

// invoiceReader is the scanning side of readInvoicesOnce.
type invoiceReader struct {
	t    *csvTable
	opts InvoiceOptions
	at   []int     // the record's index of each field, -1 when the file has none
	rate plainRate // the scanning goroutine's
}

// invoiceBatch is a batch of scanned rows and the text of their fields,
// which the scanner reuses once the caller has added them.
type invoiceBatch struct {
	rows  []invoiceRow
	n     int
	text  []byte             // the rows' text
	spans []span             // the fields of each row, in text
	at    []csvscan.Position // where the fields of a quoted row are
	err   error              // what ended the file after these rows: io.EOF, or a reason
}

// invoiceRow is a row scanned and read, but for the checks across rows.
type invoiceRow struct {
	line       int
	problems   pricing.ErrorList // of the row alone: it is not added
	text       span              // the row's text in its batch
	fields, at int               // its first field in the batch's spans, and in at (-1: no quotes)
	nFields    int
	no, buyer  span // its invoice number and buyer, trimmed
	l          pricing.InvoiceLine
	f          pricing.FixedLine
	plain      bool // f has the figures; else l's decimals
	fast       bool // fastRow read its names, month and weight; its figures are left to fastFigures
}

// scan scans and reads rows into b until it is full or the file ends; it
// reports whether the file goes on.
func (ir *invoiceReader) scan(b *invoiceBatch) bool {
	b.n, b.text, b.spans, b.at, b.err = 0, b.text[:0], b.spans[:0], b.at[:0], nil
	for b.n < len(b.rows) {
		if err := ir.scanRow(b, &b.rows[b.n]); err != nil {
			b.err = err
			return false
		}
		b.n++
	}
	return true
}

// scanRow reads one row into row, its text onto b's.
func (ir *invoiceReader) scanRow(b *invoiceBatch, row *invoiceRow) error {
	t := ir.t
	line, err := t.nextBytes(false)
	if err != nil {
		if !isRowProblem(err) {
			return err
		}
		*row = invoiceRow{line: line, problems: pricing.ErrorList{pricing.AsInputError(t.name, err)}}
		return nil
	}
	*row = invoiceRow{line: line, fields: len(b.spans), nFields: t.sc.NumFields(), at: -1}
	base := len(b.text)
	b.text = append(b.text, t.sc.Text()...)
	row.text = span{base, len(b.text)}
	for i := range t.sc.NumFields() {
		start, end := t.sc.Span(i)
		b.spans = append(b.spans, span{base + start, base + end})
	}
	if t.sc.Quoted() {
		row.at = len(b.at)
		for i := range t.sc.NumFields() {
			b.at = append(b.at, t.sc.Position(i))
		}
	}
	row.no, row.buyer = b.trimmed(row, ir.at[fieldInvoiceNo]), b.trimmed(row, ir.at[fieldBuyer])
	if !fastRows || !ir.fastRow(b, row) {
		row.l, row.problems, row.f, row.plain = readInvoiceRow(t, t, b.record(row), ir.at, ir.opts, &ir.rate)
	}
	return nil
}

// fastRows turns fastRow on; a test turns it off, to read every row as
// readInvoiceRow does.
var fastRows = true

// fastRow reads row in its plain form from the batch's bytes, but for
// its figures (fastFigures, on the other goroutine): an invoice number and
// a buyer that checkName passes, a month in the month column, a weight
// that ParseWeightFast reads. It returns false, reading nothing, for any
// other row. What readInvoiceRow makes of a row fastRow and fastFigures
// read is what they make of it (a property test reads files both ways),
// and readInvoiceRow says what is wrong with any other.
func (ir *invoiceReader) fastRow(b *invoiceBatch, row *invoiceRow) bool {
	no, buyer := b.text[row.no.start:row.no.end], b.text[row.buyer.start:row.buyer.end]
	if len(no) == 0 || len(buyer) == 0 || checkName(no) != nil || checkName(buyer) != nil {
		return false
	}
	m := b.field(row, ir.at[fieldMonth])
	if len(m) == 0 {
		return false
	}
	month, err := pricing.ParseMonth(string(m))
	if err != nil {
		return false
	}
	q, ok := pricing.ParseWeightFast(b.field(row, ir.at[fieldQuantity]), true)
	if !ok {
		return false
	}
	row.l = pricing.InvoiceLine{Month: month, Quantity: q}
	row.fast = true
	return true
}

// fastFigures reads the figures of a row fastRow read, as plainFigures
// reads them, from the batch's bytes; it returns false, reading nothing,
// when one is in another form.
func fastFigures(b *invoiceBatch, row *invoiceRow, at []int, rate *plainRate) bool {
	var f pricing.FixedLine
	var fits [4]bool
	f.UnitPrice, fits[0] = pricing.ScanFixedBytes(b.field(row, at[fieldUnitPrice]), pricing.UnitPriceDecimals, plainUnitPriceDigits, pricing.UnitPriceDecimals)
	f.Amount, fits[1] = pricing.ScanFixedBytes(b.field(row, at[fieldAmount]), pricing.ScaleFen, plainAmountDigits, pricing.ScaleFen)
	f.VAT, fits[2] = pricing.ScanFixedBytes(b.field(row, at[fieldVAT]), pricing.ScaleFen, plainAmountDigits, pricing.ScaleFen)
	f.RateMicro, fits[3] = rate.readBytes(b.field(row, at[fieldVATRate]))
	if fits != [4]bool{true, true, true, true} {
		return false
	}
	if total := b.field(row, at[fieldTotal]); len(total) > 0 {
		var ok bool
		if f.Total, ok = pricing.ScanFixedBytes(total, pricing.ScaleFen, plainAmountDigits, pricing.ScaleFen); !ok {
			return false
		}
		f.HasTotal = true
	}
	f.Quantity = row.l.Quantity
	row.l.HasTotal = f.HasTotal
	row.f, row.plain = f, true
	return true
}

// field returns the trimmed text of field i of row (none when i is -1).
func (b *invoiceBatch) field(row *invoiceRow, i int) []byte {
	sp := b.trimmed(row, i)
	return b.text[sp.start:sp.end]
}

// batchRow places the errors of a row of a batch, by its text.
type batchRow struct {
	t   *csvTable
	b   *invoiceBatch
	row *invoiceRow
}

func (r batchRow) fieldError(key, value string, err error) *pricing.InputError {
	return r.b.fieldError(r.t, r.row, key, value, err)
}

// readBytes is read of the rate's bytes: the rate of the line before, the
// usual case, makes no string.
func (r *plainRate) readBytes(b []byte) (int64, bool) {
	if r.ok && string(b) == r.text && len(b) > 0 {
		return r.micro, true
	}
	return r.read(string(b))
}

// trimmed returns where the trimmed text of field i of row is (nowhere
// when i is -1).
func (b *invoiceBatch) trimmed(row *invoiceRow, i int) span {
	if i < 0 {
		return span{}
	}
	sp := b.spans[row.fields+i]
	field := b.text[sp.start:sp.end]
	t := trimSpace(field)
	if len(t) == 0 {
		return span{}
	}
	start := sp.start + cap(field) - cap(t) // t is field from its first character that is not a space
	return span{start, start + len(t)}
}

// record returns row's fields as strings, sharing one allocation, as
// csvscan's Record does.
func (b *invoiceBatch) record(row *invoiceRow) []string {
	s := string(b.text[row.text.start:row.text.end])
	rec := make([]string, row.nFields)
	for i := range rec {
		sp := b.spans[row.fields+i]
		rec[i] = s[sp.start-row.text.start : sp.end-row.text.start]
	}
	return rec
}

// fieldError reports a bad value in column key of row, where the row's
// text or the scanner's positions of a quoted row say it is.
func (b *invoiceBatch) fieldError(t *csvTable, row *invoiceRow, key, value string, err error) *pricing.InputError {
	i := t.index[key]
	var pos csvscan.Position
	if row.at >= 0 {
		pos = b.at[row.at+i]
	} else {
		pos = csvscan.Position{Line: row.line, Col: utf8.RuneCount(b.text[row.text.start:b.spans[row.fields+i].start]) + 1}
	}
	return t.fieldErrorAt(pos, key, value, err)
}
