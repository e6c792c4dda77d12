package read

import (
	"context"
	"encoding/binary"
	"hash/maphash"
	"io"
	"math/bits"
	"strings"
	"unicode/utf8"

	"alprice/pricing"
	"alprice/pricing/read/internal/csvscan"
	"alprice/pricing/read/internal/pipeline"
	"alprice/pricing/read/internal/tickets"
)

var deliveryColumns = []column{
	{key: "ticket", names: []string{"ticket", "票号"}, required: true},
	{key: "date", names: []string{"date", "日期"}, required: true},
	{key: "buyer", names: []string{"buyer", "客户"}, required: true},
	{key: "tapped_t", names: []string{"tapped_t", "出厂重量", "出厂重量(t)", "出厂重量(吨)"}},
	{key: "delivered_t", names: []string{"delivered_t", "到位重量", "到位重量(t)", "到位重量(吨)"}},
	{key: "tapped_kg", names: []string{"tapped_kg", "出厂重量kg", "出厂重量(kg)", "出厂重量(千克)"}},
	{key: "delivered_kg", names: []string{"delivered_kg", "到位重量kg", "到位重量(kg)", "到位重量(千克)"}},
	{key: "vehicle", names: []string{"vehicle", "车号"}},
	{key: "ladle", names: []string{"ladle", "包号"}},
}

// DeliveryReader reads a deliveries file in one pass, a batch of rows at a
// time, so that files of millions of tickets need little memory and time:
// one goroutine scans the CSV while the caller's parses the fields, checks
// the tickets and settles the batch before.
//
// Columns are found by name in any order: ticket, date, buyer, and the
// weights either as tapped_t and delivered_t (tonnes, at most 3 decimals)
// or as tapped_kg and delivered_kg (whole kilograms); vehicle and ladle are
// optional. Chinese headers (票号, 日期, 客户, 出厂重量, 到位重量, 车号, 包号)
// work too. A row is bad when a field does not parse, a ticket or buyer has
// an invisible or control character (they would make one ticket look like
// two), or its ticket was seen on an earlier good row: billing a ladle twice
// is the costliest mistake.
//
// A file that can be read again (a regular file, not a pipe) is checked
// for duplicate tickets in two steps, to keep eight bytes a ticket: the
// first pass keeps every ticket's hash only; when no hash comes twice,
// no ticket does, and that pass stands. When one does, [Settle] reads the
// file again and checks exactly, by their text, the tickets with those
// hashes. A pipe is checked exactly in one pass, keeping every ticket.
type DeliveryReader struct {
	t         *csvTable
	columns   [pricing.NDeliveryFields]int // the field index of each DeliveryField
	keys      [pricing.NDeliveryFields]string
	kilograms bool // weights in whole kg, not tonnes
	buyers    map[string]string
	recent    [recentBuyers]string // buyers intern returned lately, at their buyerSlot
	lastDate  string               // the date text parse read last, and what it is
	lastMonth pricing.Month
	lastDay   int

	seed      maphash.Seed
	src       io.ReadSeeker   // the file, to read again; nil for a pipe
	start     int64           // where the file's text starts in src
	hashes    *tickets.Hashes // first pass over src: the hash of every ticket
	repeated  map[uint64]bool // second pass: the hashes that came more than once
	tickets   *tickets.Set    // the tickets of the good rows so far: all of a pipe's, the repeated ones of a second pass
	ticketSum uint64          // the sum of the tickets' hashes, for the second pass to see the same file
	firstRows int             // rows of the first pass, which the second must read too
	eof       bool            // Next has returned io.EOF

	rows      int
	batches   *pipeline.Pipeline[deliveryBatch]
	current   *deliveryBatch // the batch Next returned last
	inline    bool           // scan in the caller's goroutine (for the fuzzer)
	batchSize int            // rows of the batches scan fills next; only scan touches it once the batches are made
}

// deliveryBatch is a batch of scanned rows, and the text of their fields.
type deliveryBatch struct {
	rows []pricing.Delivery
	meta []rowMeta // beside rows: where each row's text is, which the Delivery values need not carry
	n    int
	text []byte
	err  error // what ended the file after these rows: io.EOF, or a reason
}

// rowMeta is where a row's text is in its batch, between scanning and
// parsing, and its ticket's hash.
type rowMeta struct {
	text      span                                      // the record's text in the batch
	raw       [pricing.NDeliveryFields]span             // the fields' text in the batch, untrimmed
	at        [pricing.NDeliveryFields]csvscan.Position // where the fields of a quoted row are, for messages about it; zero for a row without quotes, whose fields are where raw says in its line
	hash      uint64                                    // of the ticket
	unchecked int                                       // where the text whose encoding scanRow left to parse starts in the batch
}

// span is where a field's text is in its batch.
type span struct{ start, end int }

const (
	firstBatchSize    = 256
	deliveryBatchSize = 2048
	batchesInFlight   = 3
	maxInternedBuyers = 1024
	recentBuyers      = 16
)

// NewDeliveryReader reads the header of a deliveries file from r; name is
// used in messages.
func NewDeliveryReader(r io.Reader, name string, enc Encoding) (*DeliveryReader, error) {
	var src io.ReadSeeker
	var start int64
	if s, ok := r.(io.ReadSeeker); ok {
		var err error
		if start, err = s.Seek(0, io.SeekCurrent); err == nil {
			src = s
		}
	}
	dr, err := newDeliveryReader(r, name, enc)
	if err != nil {
		return nil, err
	}
	dr.seed, dr.src, dr.start = maphash.MakeSeed(), src, start
	if src != nil {
		dr.hashes = &tickets.Hashes{}
	} else {
		dr.tickets = tickets.New()
	}
	return dr, nil
}

// newDeliveryReader reads the header.
func newDeliveryReader(r io.Reader, name string, enc Encoding) (*DeliveryReader, error) {
	t, err := openCSV(r, name, enc, deliveryColumns)
	if err != nil {
		return nil, err
	}
	dr := &DeliveryReader{t: t, buyers: map[string]string{}}
	var tapped, delivered string
	switch {
	case t.has("tapped_t") && t.has("delivered_t") && !t.has("tapped_kg") && !t.has("delivered_kg"):
		tapped, delivered = "tapped_t", "delivered_t"
	case t.has("tapped_kg") && t.has("delivered_kg") && !t.has("tapped_t") && !t.has("delivered_t"):
		tapped, delivered, dr.kilograms = "tapped_kg", "delivered_kg", true
	default:
		return nil, &pricing.InputError{Source: name, Line: 1, Err: pricing.Errorf(
			"needs the weights as tapped_t and delivered_t (出厂重量, 到位重量: tonnes) or as tapped_kg and delivered_kg (出厂重量(kg), 到位重量(kg): kilograms), one pair only (it has %s)",
			pricing.Clip(strings.Join(t.header, ",")))}
	}
	dr.keys = [pricing.NDeliveryFields]string{"ticket", "date", "buyer", tapped, delivered}
	for f, key := range dr.keys {
		dr.columns[f] = t.index[key]
	}
	return dr, nil
}

// Source returns the name of the file, as messages give it.
func (dr *DeliveryReader) Source() string { return dr.t.name }

// File returns the name of the file the rows Next returned come from: the
// file's.
func (dr *DeliveryReader) File() string { return dr.t.name }

// Rows returns how many data rows Next has returned so far.
func (dr *DeliveryReader) Rows() int { return dr.rows }

// Blank returns how many blank rows (every field empty) were skipped so
// far.
func (dr *DeliveryReader) Blank() int { return dr.t.blank }

// Next returns the next rows of the file, valid until the following call.
// A bad row comes with its Problems (each with line, field and value). At
// the end of the file Next returns no rows and io.EOF; when ctx is done, its
// error; any other error means the file cannot be read further, and may
// come with the last rows read.
func (dr *DeliveryReader) Next(ctx context.Context) ([]pricing.Delivery, error) {
	if dr.batches == nil {
		batches := make([]*deliveryBatch, batchesInFlight)
		for i := range batches {
			batches[i] = &deliveryBatch{rows: make([]pricing.Delivery, firstBatchSize), meta: make([]rowMeta, firstBatchSize)}
		}
		dr.batchSize = firstBatchSize
		dr.batches = pipeline.New(batches, dr.scan, dr.inline)
	}
	b, ok, err := dr.batches.Next(ctx)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, dr.end()
	}
	dr.current = b
	rows := b.rows[:b.n]
	for i := range rows {
		dr.parse(b, i)
	}
	dr.rows += b.n
	if err := dr.checkTickets(b); err != nil {
		return nil, err
	}
	if b.err != nil && b.err != io.EOF {
		return rows, b.err
	}
	if b.n == 0 {
		return nil, dr.end()
	}
	return rows, nil
}

// end is the end of the file: io.EOF, unless a second pass did not read
// what the first did.
func (dr *DeliveryReader) end() error {
	if dr.repeated != nil && (dr.rows != dr.firstRows || dr.ticketSum != 0) {
		return &pricing.InputError{Source: dr.t.name, Err: pricing.Errorf("changed while it was read: read it again once it is written")}
	}
	dr.eof = true
	return io.EOF
}

// Again prepares a second pass after a first one read the whole file and
// found tickets whose hashes came more than once; it reports whether there
// is one to make.
func (dr *DeliveryReader) Again() (bool, error) { return dr.again(false) }

// again prepares a second pass as Again does; with always, it does so even
// when no hash came twice — another file read with this one needs its
// second pass — and the pass checks only that the file did not change.
func (dr *DeliveryReader) again(always bool) (bool, error) {
	if dr.hashes == nil || !dr.eof {
		return false, nil
	}
	repeated := dr.hashes.Repeated()
	if repeated == nil && !always {
		return false, nil // the hashes are kept: a later again(true) can still start over
	}
	dr.hashes = nil
	if repeated == nil {
		repeated = map[uint64]bool{}
	}
	dr.Close()
	if _, err := dr.src.Seek(dr.start, io.SeekStart); err != nil {
		return false, &pricing.InputError{Source: dr.t.name, Err: pricing.Errorf("cannot be read again: %w", err)}
	}
	second, err := newDeliveryReader(dr.src, dr.t.name, dr.t.encoding)
	if err != nil {
		return false, err
	}
	second.seed, second.src, second.start, second.inline = dr.seed, dr.src, dr.start, dr.inline
	second.repeated, second.tickets = repeated, tickets.New()
	second.ticketSum, second.firstRows = dr.ticketSum, dr.rows
	*dr = *second
	return true, nil
}

// Close stops the reader's goroutine; call it when done with the reader.
func (dr *DeliveryReader) Close() {
	if dr.batches != nil {
		dr.batches.Close()
	}
}

// Problem reports a bad value in field f of row i of the rows Next
// returned last: file, line, column, the column's name in the header, the
// value and what is wrong.
func (dr *DeliveryReader) Problem(i int, f pricing.DeliveryField, value string, err error) *pricing.InputError {
	return dr.problemIn(dr.current, i, f, value, err)
}

// problemIn is Problem for row i of batch b.
func (dr *DeliveryReader) problemIn(b *deliveryBatch, i int, f pricing.DeliveryField, value string, err error) *pricing.InputError {
	m := &b.meta[i]
	pos := m.at[f]
	if pos.Line == 0 {
		// A line without quotes: count the characters before the field
		// in it, only now that a message needs them.
		pos = csvscan.Position{Line: b.rows[i].Line, Col: utf8.RuneCount(b.text[m.text.start:m.raw[f].start]) + 1}
	}
	return dr.t.fieldErrorAt(pos, dr.keys[f], value, err)
}

// scan scans rows into b until it is full or the file ends, copying the
// fields' text into b.text for parse; it reports whether the file goes on.
func (dr *DeliveryReader) scan(b *deliveryBatch) bool {
	if len(b.rows) < dr.batchSize {
		b.rows, b.meta = make([]pricing.Delivery, dr.batchSize), make([]rowMeta, dr.batchSize)
	}
	b.n, b.text, b.err = 0, b.text[:0], nil
	for b.n < len(b.rows) {
		if err := dr.scanRow(&b.rows[b.n], &b.meta[b.n], &b.text); err != nil {
			b.err = err
			break
		}
		b.n++
	}
	if b.n == len(b.rows) {
		// A file that fills batches gets bigger ones, up to
		// deliveryBatchSize: fewer hand-offs, while a small file's
		// batches stay small.
		dr.batchSize = min(2*dr.batchSize, deliveryBatchSize)
	}
	return b.err == nil
}

// scanRow reads one row: its text onto text, and where its fields are,
// and checks the encoding of part of it. What can wait — the rest of the
// text, trimming and parsing the fields — is left to parse, on the
// caller's goroutine: the two goroutines share the work about evenly.
func (dr *DeliveryReader) scanRow(d *pricing.Delivery, m *rowMeta, text *[]byte) error {
	t := dr.t
	line, err := t.nextBytes(true)
	if err != nil {
		if isRowProblem(err) {
			*d = pricing.Delivery{Line: line, Problems: pricing.ErrorList{pricing.AsInputError(t.name, err)}}
			return nil
		}
		return err
	}
	d.Line, d.Problems = line, nil
	base := len(*text)
	*text = append(*text, t.sc.Text()...)
	m.text = span{base, len(*text)}
	// The text's encoding is checked up to the end of the buyer field
	// here and after it by parse, to share the work between the
	// goroutines. Two parts that are valid each are whole characters, so
	// that the text is valid; when a part is not, checkText looks at the
	// whole text (a character may be cut in two), which says what is.
	_, m.unchecked = t.sc.Span(dr.columns[pricing.BuyerField])
	if !validRowText(t.sc.Text()[:m.unchecked]) {
		if err := t.checkText(t.sc.Text(), line); err != nil {
			d.Problems = pricing.ErrorList{pricing.AsInputError(t.name, err)}
		}
	}
	m.unchecked += base
	for f, col := range dr.columns {
		start, end := t.sc.Span(col)
		m.raw[f] = span{base + start, base + end}
		m.at[f] = csvscan.Position{}
		if t.sc.Quoted() {
			m.at[f] = t.sc.Position(col)
		}
	}
	return nil
}

// parse parses row i of batch b, which scanRow left in its text, and
// hashes its ticket.
func (dr *DeliveryReader) parse(b *deliveryBatch, i int) {
	d, m, text := &b.rows[i], &b.meta[i], b.text
	d.TicketText = nil
	if d.Problems != nil {
		return
	}
	if !validRowText(text[m.unchecked:m.text.end]) {
		if err := dr.t.checkText(text[m.text.start:m.text.end], d.Line); err != nil {
			d.Problems = pricing.ErrorList{pricing.AsInputError(dr.t.name, err)}
			return
		}
	}
	field := func(f pricing.DeliveryField) []byte { return trimSpace(text[m.raw[f].start:m.raw[f].end]) }
	var err error
	if ticket := field(pricing.TicketField); len(ticket) == 0 {
		d.Problems = append(d.Problems, dr.problemIn(b, i, pricing.TicketField, "", pricing.Errorf("is empty")))
	} else if err := checkTicket(ticket); err != nil {
		d.Problems = append(d.Problems, dr.problemIn(b, i, pricing.TicketField, string(ticket), err))
	} else {
		d.TicketText = ticket
		m.hash = maphash.Bytes(dr.seed, ticket)
	}
	if date := field(pricing.DateField); len(date) > 0 && string(date) == dr.lastDate { // rows come day after day
		d.Month, d.Day = dr.lastMonth, dr.lastDay
	} else if d.Month, d.Day, err = pricing.ParseDay(date); err != nil {
		d.Problems = append(d.Problems, dr.problemIn(b, i, pricing.DateField, string(date), err))
	} else {
		dr.lastDate, dr.lastMonth, dr.lastDay = string(date), d.Month, d.Day
	}
	if buyer := field(pricing.BuyerField); len(buyer) == 0 {
		d.Problems = append(d.Problems, dr.problemIn(b, i, pricing.BuyerField, "", pricing.Errorf("is empty")))
	} else if d.Buyer, err = dr.intern(buyer); err != nil {
		d.Problems = append(d.Problems, dr.problemIn(b, i, pricing.BuyerField, string(buyer), err))
	}
	if d.Tapped, err = dr.weight(field(pricing.TappedField)); err != nil {
		d.Problems = append(d.Problems, dr.problemIn(b, i, pricing.TappedField, string(field(pricing.TappedField)), err))
	}
	if d.Delivered, err = dr.weight(field(pricing.DeliveredField)); err != nil {
		d.Problems = append(d.Problems, dr.problemIn(b, i, pricing.DeliveredField, string(field(pricing.DeliveredField)), err))
	}
}

// weight parses a weight field: whole kilograms or tonnes, as the header
// says.
func (dr *DeliveryReader) weight(b []byte) (pricing.Weight, error) {
	if !dr.kilograms {
		if kg, ok := tonnesFast(b); ok {
			return kg, nil
		}
	}
	if kg, ok := pricing.ParseWeightFast(b, !dr.kilograms); ok {
		return kg, nil
	}
	if dr.kilograms {
		return pricing.ParseKilograms(string(b))
	}
	return pricing.ParseWeight(string(b))
}

// intern returns b as a string, shared by every row with the same buyer,
// once checkName has passed it.
func (dr *DeliveryReader) intern(b []byte) (string, error) {
	// A file has a few buyers, its rows mostly one of the last few: a
	// small cache by length and last byte spares most rows the map.
	slot := &dr.recent[buyerSlot(len(b), b[len(b)-1])]
	if string(b) == *slot {
		return *slot, nil
	}
	if s, ok := dr.buyers[string(b)]; ok {
		*slot = s
		return s, nil
	}
	if err := checkName(b); err != nil {
		return "", err
	}
	s := string(b)
	if len(dr.buyers) < maxInternedBuyers {
		dr.buyers[s] = s
		*slot = s
	}
	return s, nil
}

// buyerSlot is the slot of a buyer of n bytes ending with last in a
// cache of recentBuyers.
func buyerSlot(n int, last byte) int { return (n*7 ^ int(last)) % recentBuyers }

// checkTickets finds the duplicate tickets of a batch: in the first of
// two passes it only keeps their hashes; else it first touches the table
// slot of every ticket it checks, so that their memory loads overlap
// instead of waiting one after another, then claims them in order. A bad
// row claims no ticket: its ticket may be the typo, and a good row with it
// must not be rejected for it; but a bad row with a ticket seen before is
// told so.
func (dr *DeliveryReader) checkTickets(b *deliveryBatch) error {
	rows := b.rows[:b.n]
	for i := range rows {
		d, m := &rows[i], &b.meta[i]
		if len(d.TicketText) == 0 {
			continue
		}
		switch {
		case dr.hashes != nil:
			dr.hashes.Add(m.hash)
			dr.ticketSum += m.hash
		case dr.repeated != nil:
			dr.ticketSum -= m.hash
			if tickets.IsRepeated(dr.repeated, m.hash) {
				dr.tickets.Touch(m.hash)
			}
		default:
			dr.tickets.Touch(m.hash)
		}
	}
	if dr.hashes != nil {
		return nil // the first of two passes: no ticket is checked yet
	}
	for i := range rows {
		d, hash := &rows[i], b.meta[i].hash
		if len(d.TicketText) == 0 || dr.repeated != nil && !tickets.IsRepeated(dr.repeated, hash) {
			continue
		}
		var (
			first int32
			dup   bool
		)
		if d.Problems != nil {
			first, dup = dr.tickets.LineOf(d.TicketText, hash)
		} else {
			var err error
			if first, dup, err = dr.tickets.Claim(d.TicketText, hash, int32(d.Line)); err != nil {
				return &pricing.InputError{Source: dr.t.name, Line: d.Line, Err: err}
			}
		}
		if dup {
			d.Problems = append(d.Problems, dr.problemIn(b, i, pricing.TicketField, d.Ticket(),
				pricing.Errorf("is a duplicate ticket: line %d has it too, and a ladle is billed once", first)))
		}
	}
	return nil
}

// validRowText is validText, the check of a row's encoding, in one pass:
// valid UTF-8 without U+FFFD. ASCII goes eight bytes at a time, the first
// other byte found by its bit; a run of the three-byte characters of
// Chinese text and the two-byte characters are checked in place; any other
// goes through utf8.DecodeRune. A property test holds it to validText.
func validRowText(b []byte) bool {
	const high = 0x8080808080808080
	n := len(b)
	for i := 0; i < n; {
		if i+8 <= n {
			h := binary.LittleEndian.Uint64(b[i:i+8]) & high
			if h == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(h) >> 3
		} else if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		// E1–EC lead three bytes whose last two are any continuation
		// bytes: most Chinese characters.
		for i+2 < n && b[i]-0xE1 < 0xEC-0xE1+1 && b[i+1]&0xC0 == 0x80 && b[i+2]&0xC0 == 0x80 {
			i += 3
		}
		if i == n {
			break
		}
		switch c := b[i]; {
		case c < utf8.RuneSelf:
			continue
		case c >= 0xC2 && c <= 0xDF && i+1 < n && b[i+1]&0xC0 == 0x80: // two bytes
			i += 2
			continue
		case (c == 0xEE || c == 0xEF) && i+2 < n && b[i+1]&0xC0 == 0x80 && b[i+2]&0xC0 == 0x80:
			if c == 0xEF && b[i+1] == 0xBF && b[i+2] == 0xBD { // U+FFFD
				return false
			}
			i += 3
			continue
		}
		// E0, ED and four bytes, which have narrower second bytes, and
		// what is not UTF-8.
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError { // invalid (size 1) or U+FFFD itself (size 3)
			return false
		}
		i += size
	}
	return true
}

// tonnesFast reads the weight as nearly every row of tonnes writes it: one
// to six digits, a point and three decimals, more than zero, as whole
// kilograms; any other text it leaves to pricing.ParseWeightFast, which a
// property test holds it to.
func tonnesFast(b []byte) (pricing.Weight, bool) {
	n := len(b)
	if n < 5 || n > 10 || b[n-4] != '.' {
		return 0, false
	}
	d1, d2, d3 := b[n-3]-'0', b[n-2]-'0', b[n-1]-'0' // a byte below '0' wraps above 9
	if d1 > 9 || d2 > 9 || d3 > 9 {
		return 0, false
	}
	var t int64
	for _, c := range b[:n-4] {
		if c -= '0'; c > 9 {
			return 0, false
		}
		t = t*10 + int64(c)
	}
	kg := t*1000 + int64(d1)*100 + int64(d2)*10 + int64(d3)
	return pricing.Weight(kg), kg > 0
}

// checkTicket is checkName for a ticket, with a quick way through for the
// usual one of printable ASCII, eight bytes at a time.
func checkTicket(b []byte) error {
	const (
		ones = 0x0101010101010101
		high = ones * 0x80
	)
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i : i+8])
		// Every byte ASCII, at least ' ' (adding 0x60 carries none of
		// them into bit 7 but those from 0x20 up), and no DEL.
		del := w ^ (ones * 0x7F) // a zero byte where w has DEL
		if w&high != 0 || (w+ones*0x60)&high != high || ((del+ones*0x7F)|del)&high != high {
			return checkName(b)
		}
	}
	for ; i < len(b); i++ {
		if b[i] < ' ' || b[i] >= 0x7F {
			return checkName(b)
		}
	}
	return nil
}
