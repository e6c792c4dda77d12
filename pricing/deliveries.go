package pricing

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Delivery is one ladle trip (one weighing ticket): the weight tapped and
// weighed out at the smelter, and the weight weighed in at the buyer's end.
// Rule 2.6 bills the delivered weight.
type Delivery struct {
	ticket    []byte // the ticket, in its batch's text: valid until the next Next
	Month     Month  // the month of the delivery date
	Day       int    // the day of the month of the delivery date
	Buyer     string // an agreement id or a buyer name
	Tapped    Weight // 出厂重量
	Delivered Weight // 到位重量, the billed weight
	Line      int
	Problems  ErrorList // why the row is bad; nil for a good row

	raw  [nFields]span          // the fields' text in the batch, between scanning and parsing
	at   [nFields]fieldPosition // where the fields are, for messages after the row was read
	hash uint64                 // of Ticket
}

// Ticket returns the ticket number.
func (d *Delivery) Ticket() string { return string(d.ticket) }

// Date returns the delivery date.
func (d *Delivery) Date() time.Time { return d.Month.First().AddDate(0, 0, d.Day-1) }

var deliveryColumns = []column{
	{key: "ticket", names: []string{"ticket", "票号"}, required: true},
	{key: "date", names: []string{"date", "日期"}, required: true},
	{key: "buyer", names: []string{"buyer", "客户"}, required: true},
	{key: "tapped_t", names: []string{"tapped_t", "出厂重量"}},
	{key: "delivered_t", names: []string{"delivered_t", "到位重量"}},
	{key: "tapped_kg", names: []string{"tapped_kg", "出厂重量kg", "出厂重量(kg)", "出厂重量(千克)"}},
	{key: "delivered_kg", names: []string{"delivered_kg", "到位重量kg", "到位重量(kg)", "到位重量(千克)"}},
	{key: "vehicle", names: []string{"vehicle", "车号"}},
	{key: "ladle", names: []string{"ladle", "包号"}},
}

// DeliveryReader reads a deliveries file in one pass, batch by batch, so
// that files of millions of tickets need little memory and time: one
// goroutine scans the CSV while the caller's parses the fields, checks the
// tickets and settles the batch before.
//
// Columns are found by name in any order: ticket, date, buyer, and the
// weights either as tapped_t and delivered_t (tonnes, at most 3 decimals)
// or as tapped_kg and delivered_kg (whole kilograms); vehicle and ladle are
// optional. Chinese headers (票号, 日期, 客户, 出厂重量, 到位重量, 车号, 包号)
// work too. A ticket seen on an earlier good row makes a bad row: billing a
// ladle twice is the costliest mistake.
type DeliveryReader struct {
	t                                      *csvTable
	ticket, date, buyer, tapped, delivered int // column indexes
	tappedKey, deliveredKey                string
	kilograms                              bool // weights in whole kg, not tonnes
	buyers                                 map[string]string

	tickets *ticketSet // the tickets of the good rows so far
	rows    int

	// sequential makes Next scan in the caller's goroutine: the fuzzer
	// wants coverage that does not depend on scheduling.
	sequential bool
	ended      bool // sequential only: the file has ended

	start   sync.Once
	full    chan *deliveryBatch // parsed batches, in file order
	free    chan *deliveryBatch
	done    chan struct{}
	current *deliveryBatch // the batch the caller holds
}

// deliveryBatch is a batch of parsed rows, and the text of their tickets.
type deliveryBatch struct {
	rows []Delivery
	n    int
	text []byte
	err  error // what ended the file after these rows: io.EOF, or a reason
}

const (
	deliveryBatchSize = 512
	batchesInFlight   = 4
	maxInternedBuyers = 1024
)

// NewDeliveryReader reads the header of a deliveries file.
func NewDeliveryReader(r io.Reader, name string, enc Encoding) (*DeliveryReader, error) {
	t, err := openCSV(r, name, enc, deliveryColumns)
	if err != nil {
		return nil, err
	}
	dr := &DeliveryReader{t: t, tickets: newTicketSet(), buyers: map[string]string{}}
	switch {
	case t.has("tapped_t") && t.has("delivered_t") && !t.has("tapped_kg") && !t.has("delivered_kg"):
		dr.tappedKey, dr.deliveredKey = "tapped_t", "delivered_t"
	case t.has("tapped_kg") && t.has("delivered_kg") && !t.has("tapped_t") && !t.has("delivered_t"):
		dr.tappedKey, dr.deliveredKey, dr.kilograms = "tapped_kg", "delivered_kg", true
	default:
		return nil, &InputError{Source: name, Line: 1, Err: fmt.Errorf(
			"needs the weights as tapped_t and delivered_t (tonnes) or as tapped_kg and delivered_kg (kilograms), one pair only (it has %s)",
			strings.Join(t.header, ","))}
	}
	dr.ticket, dr.date, dr.buyer = t.index["ticket"], t.index["date"], t.index["buyer"]
	dr.tapped, dr.delivered = t.index[dr.tappedKey], t.index[dr.deliveredKey]
	return dr, nil
}

// ExpectRows tells the reader how many rows to expect, such as a file's
// size over a typical row's, so that it sizes its ticket table once.
func (dr *DeliveryReader) ExpectRows(n int) { dr.tickets.expect(n) }

// Rows returns how many data rows Next has returned so far.
func (dr *DeliveryReader) Rows() int { return dr.rows }

// Next returns the next rows of the file, valid until the following call.
// A bad row comes with its Problems (each with line, field and value). At
// the end of the file Next returns no rows and io.EOF; when ctx is done, its
// error; any other error means the file cannot be read further, and may
// come with the last rows read.
func (dr *DeliveryReader) Next(ctx context.Context) ([]Delivery, error) {
	dr.start.Do(func() {
		dr.full = make(chan *deliveryBatch, batchesInFlight)
		dr.free = make(chan *deliveryBatch, batchesInFlight)
		dr.done = make(chan struct{})
		for range batchesInFlight {
			dr.free <- &deliveryBatch{rows: make([]Delivery, deliveryBatchSize)}
		}
		if !dr.sequential {
			go dr.produce()
		}
	})
	if dr.current != nil {
		dr.free <- dr.current
		dr.current = nil
	}
	b, ok, err := dr.nextBatch(ctx)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, io.EOF
	}
	dr.current = b
	dr.parse(b)
	rows := b.rows[:b.n]
	dr.rows += b.n
	if err := dr.checkTickets(rows); err != nil {
		return nil, err
	}
	if b.err != nil && b.err != io.EOF {
		return rows, b.err
	}
	if b.n == 0 {
		return nil, io.EOF
	}
	return rows, nil
}

// nextBatch returns the next scanned batch; ok is false after the last.
// It waits for the scanning goroutine, or for ctx, so that an interrupt is
// heeded even while the input is slow to come.
func (dr *DeliveryReader) nextBatch(ctx context.Context) (*deliveryBatch, bool, error) {
	if !dr.sequential {
		select {
		case b, ok := <-dr.full:
			return b, ok, nil
		case <-ctx.Done():
			return nil, false, ctx.Err()
		}
	}
	if dr.ended {
		return nil, false, nil
	}
	b := <-dr.free
	dr.fill(b)
	dr.ended = b.err != nil
	return b, true, nil
}

// Close stops the reader's goroutine; call it when done with the reader.
func (dr *DeliveryReader) Close() {
	dr.start.Do(func() {}) // a reader never read from has no goroutine
	if dr.done != nil {
		select {
		case <-dr.done:
		default:
			close(dr.done)
		}
	}
}

// produce parses batches until the end of the file or Close.
func (dr *DeliveryReader) produce() {
	defer close(dr.full)
	for {
		var b *deliveryBatch
		select {
		case b = <-dr.free:
		case <-dr.done:
			return
		}
		dr.fill(b)
		select {
		case dr.full <- b:
		case <-dr.done:
			return
		}
		if b.err != nil {
			return
		}
	}
}

// fill scans rows into b until it is full or the file ends: the fields it
// needs are copied into b.text, for the caller's goroutine to parse.
func (dr *DeliveryReader) fill(b *deliveryBatch) {
	b.n, b.text, b.err = 0, b.text[:0], nil
	for b.n < len(b.rows) {
		if err := dr.scanRow(&b.rows[b.n], &b.text); err != nil {
			b.err = err
			break
		}
		b.n++
	}
}

// The fields a row needs, in Delivery.raw and Delivery.at.
const (
	fTicket = iota
	fDate
	fBuyer
	fTapped
	fDelivered
	nFields
)

// scanRow reads one row: where its fields are, their text onto text.
func (dr *DeliveryReader) scanRow(d *Delivery, text *[]byte) error {
	t := dr.t
	line, err := t.nextBytes()
	if err != nil {
		if isRowProblem(err) {
			*d = Delivery{Line: line, Problems: ErrorList{asInputError(t.name, err)}}
			return nil
		}
		return err
	}
	d.Line, d.Problems = line, nil
	for f, col := range [nFields]int{dr.ticket, dr.date, dr.buyer, dr.tapped, dr.delivered} {
		field := trimSpace(t.sc.field(col))
		d.raw[f] = span{len(*text), len(*text) + len(field)}
		d.at[f] = t.sc.position(col)
		*text = append(*text, field...)
	}
	return nil
}

// parse parses the rows of a batch that scanRow left for it.
func (dr *DeliveryReader) parse(b *deliveryBatch) {
	for i := range b.rows[:b.n] {
		d := &b.rows[i]
		if d.Problems != nil {
			d.ticket = nil
			continue
		}
		field := func(f int) []byte { return b.text[d.raw[f].start:d.raw[f].end] }
		var err error
		if d.ticket = field(fTicket); len(d.ticket) == 0 {
			d.Problems = append(d.Problems, dr.fieldError(d, fTicket, "", errors.New("is empty")))
		}
		if d.Month, d.Day, err = parseDateFast(field(fDate)); err != nil {
			d.Problems = append(d.Problems, dr.fieldError(d, fDate, string(field(fDate)), err))
		}
		if buyer := field(fBuyer); len(buyer) == 0 {
			d.Problems = append(d.Problems, dr.fieldError(d, fBuyer, "", errors.New("is empty")))
		} else {
			d.Buyer = dr.intern(buyer)
		}
		if d.Tapped, err = dr.weight(field(fTapped)); err != nil {
			d.Problems = append(d.Problems, dr.fieldError(d, fTapped, string(field(fTapped)), err))
		}
		if d.Delivered, err = dr.weight(field(fDelivered)); err != nil {
			d.Problems = append(d.Problems, dr.fieldError(d, fDelivered, string(field(fDelivered)), err))
		}
	}
}

// fieldError reports a bad value in field f of row d.
func (dr *DeliveryReader) fieldError(d *Delivery, f int, value string, err error) *InputError {
	key := [nFields]string{"ticket", "date", "buyer", dr.tappedKey, dr.deliveredKey}[f]
	return dr.t.fieldErrorAt(d.at[f], key, value, err)
}

// weight parses a weight field. Plain digits take a fast path with no
// allocation; anything else goes through ParseWeight or ParseKilograms,
// which accept the same values and explain the rest.
func (dr *DeliveryReader) weight(b []byte) (Weight, error) {
	b = trimSpace(b)
	if kg, ok := plainKilograms(b, !dr.kilograms); ok {
		return kg, nil
	}
	if dr.kilograms {
		return ParseKilograms(string(b))
	}
	return ParseWeight(string(b))
}

// intern returns b as a string, shared by every row with the same buyer.
func (dr *DeliveryReader) intern(b []byte) string {
	if s, ok := dr.buyers[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(dr.buyers) < maxInternedBuyers {
		dr.buyers[s] = s
	}
	return s
}

// checkTickets finds the duplicate tickets of a batch. It first touches the
// table slot of every ticket, so that their memory loads overlap instead of
// waiting one after another, then claims them in order.
func (dr *DeliveryReader) checkTickets(rows []Delivery) error {
	for i := range rows {
		if len(rows[i].ticket) > 0 {
			rows[i].hash = dr.tickets.hashOf(rows[i].ticket)
			dr.tickets.touch(rows[i].hash)
		}
	}
	for i := range rows {
		d := &rows[i]
		if len(d.ticket) == 0 {
			continue
		}
		var (
			first int32
			dup   bool
		)
		if d.Problems != nil {
			// A bad row does not claim its ticket: its ticket may be the
			// typo, and a good row with it must not be rejected for it.
			first, dup = dr.tickets.lineOf(d.ticket, d.hash)
		} else {
			var err error
			if first, dup, err = dr.tickets.claim(d.ticket, d.hash, int32(d.Line)); err != nil {
				return &InputError{Source: dr.t.name, Line: d.Line, Err: err}
			}
		}
		if dup {
			d.Problems = append(d.Problems, dr.fieldError(d, fTicket, d.Ticket(),
				fmt.Errorf("is a duplicate ticket: line %d has it too, and a ladle is billed once", first)))
		}
	}
	return nil
}

// trimSpace is bytes.TrimSpace with a quick way out for the usual field
// that neither starts nor ends with a space.
func trimSpace(b []byte) []byte {
	if n := len(b); n == 0 || (!maybeSpaceStart[b[0]] && !maybeSpaceEnd[b[n-1]]) {
		return b
	}
	return bytes.TrimSpace(b)
}

// maybeSpaceStart and maybeSpaceEnd are the bytes that can start or end a
// space in UTF-8, as unicode.IsSpace has them: the ASCII spaces, and the
// lead and last bytes of U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028,
// U+2029, U+202F, U+205F and U+3000.
var maybeSpaceStart, maybeSpaceEnd = func() (start, end [256]bool) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if unicode.IsSpace(r) {
			b := utf8.AppendRune(nil, r)
			start[b[0]], end[b[len(b)-1]] = true, true
		}
	}
	return start, end
}()

// parseDateFast parses the common YYYY-MM-DD quickly, and anything else
// with ParseDate; it returns the month and the day.
func parseDateFast(b []byte) (Month, int, error) {
	if len(b) == 10 && b[4] == '-' && b[7] == '-' {
		y, ok1 := digits(b[0:4])
		m, ok2 := digits(b[5:7])
		d, ok3 := digits(b[8:10])
		if ok1 && ok2 && ok3 && y > 0 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, time.Month(m)) {
			return Month(y*12 + m - 1), d, nil
		}
	}
	date, err := ParseDate(string(b))
	return MonthOf(date), date.Day(), err
}

func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// plainKilograms reads "31" or "31.25" (tonnes, when tonnes is true) or
// "31250" (kilograms) in whole kilograms; ok is false for any other form or
// a value out of range, which the slow path then explains.
func plainKilograms(s []byte, tonnes bool) (Weight, bool) {
	if len(s) == 0 || len(s) > 12 {
		return 0, false
	}
	var n int64
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		n = n*10 + int64(s[i]-'0')
		i++
	}
	if i == 0 {
		return 0, false
	}
	scale := 0
	if tonnes {
		if i < len(s) && s[i] == '.' {
			i++
			start := i
			for i < len(s) && s[i] >= '0' && s[i] <= '9' {
				n = n*10 + int64(s[i]-'0')
				i++
			}
			scale = i - start
			if scale == 0 || scale > weightDecimals {
				return 0, false
			}
		}
		for ; scale < weightDecimals; scale++ {
			n *= 10
		}
	}
	if i != len(s) || n <= 0 || Weight(n) > MaxWeight {
		return 0, false
	}
	return Weight(n), true
}
