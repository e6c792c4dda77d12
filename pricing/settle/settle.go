package settle

import (
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"time"

	"alprice/pricing"

	"github.com/shopspring/decimal"
)

// SettleOptions choose what Settle settles and how.
type SettleOptions struct {
	Month       pricing.Month      // settle only this supply month; 0 for all
	Agreement   *pricing.Agreement // settle only this agreement; nil for all
	SkipInvalid bool               // settle the good rows and list the bad ones, instead of failing
	InvoiceCap  decimal.Decimal    // split statements into invoice lines below this amount excl. VAT; zero for the agreement's invoice: cap, if any
	Provisional bool               // price on a benchmark month not yet complete, and say so
	Ladles      bool               // keep each statement's ladles, for the statement printed for signing
}

// Statement is the monthly statement (结算单) of one agreement: its tickets,
// the weights, and the bill on the delivered weight (rule 2.6).
type Statement struct {
	Agreement *pricing.Agreement
	Month     pricing.Month // the supply month
	Tickets   int
	Tapped    pricing.Weight // weighed out at the smelter
	Delivered pricing.Weight // weighed in at the buyer's end: the billed weight
	Price     pricing.MonthPrice
	Bill      pricing.Bill        // unit price × Delivered, rounded once
	Invoices  []pricing.SplitLine // with an invoice cap
	Days      []DayTotals         // the tickets by delivery day, days without any left out
	Ladles    []Ladle             // each ticket, by date then file order; only with SettleOptions.Ladles
}

// Ladle is one ticket of a statement, as the statement for signing lists it.
type Ladle struct {
	Ticket            string
	Date              time.Time
	Tapped, Delivered pricing.Weight
	Line              int // in the deliveries file
}

// Loss returns the ladle's tapped − delivered weight, never billed (rules
// 2.5 and 2.6).
func (l Ladle) Loss() pricing.Weight { return l.Tapped - l.Delivered }

// DayTotals sums a statement's tickets of one day.
type DayTotals struct {
	Date              time.Time
	Tickets           int
	Tapped, Delivered pricing.Weight
}

// Loss returns tapped − delivered: the smelter's loss in transit, which is
// never billed (rules 2.5 and 2.6). It is negative when more arrived than
// left, which a warning reports.
func (s Statement) Loss() pricing.Weight { return s.Tapped - s.Delivered }

// Totals sums statements.
type Totals struct {
	Tickets           int
	Tapped, Delivered pricing.Weight
	pricing.Amounts
}

// Unpriced is a statement that could not be priced, because its benchmark
// month has no quotes. Settle lists them beside the statements it priced,
// even when it priced none: a figure that is not available is a finding
// (exit 1), not a bad input.
type Unpriced struct {
	Agreement *pricing.Agreement
	Month     pricing.Month // the supply month
	Tickets   int
	Delivered pricing.Weight
	Reason    error
}

// Settlement is the result of settling a deliveries file. Every data row is
// accounted for: Rows = settled tickets + RejectedRows + OtherRows +
// tickets of the Unpriced statements.
type Settlement struct {
	Source       string
	Statements   []Statement
	Total        Totals
	Rows         int               // data rows in the file, blank rows not counted
	BlankRows    int               // rows whose every field is empty, skipped
	OtherRows    int               // good rows outside the month or agreement asked for
	RejectedRows int               // rows not settled (with --skip-invalid)
	Rejected     pricing.ErrorList // what is wrong with them, a row's problems together; at most MaxListed
	Warnings     []pricing.Note    // delivered weight above tapped weight; at most MaxListed
	MoreWarnings int               // warnings beyond MaxListed
	Unpriced     []Unpriced
}

// list returns s's statements; none for a nil settlement.
func (s *Settlement) List() []Statement {
	if s == nil {
		return nil
	}
	return s.Statements
}

// UnpricedRows returns how many tickets the unpriced statements hold.
func (s *Settlement) UnpricedRows() int {
	n := 0
	for _, u := range s.Unpriced {
		n += u.Tickets
	}
	return n
}

// MaxListed bounds the rejected rows and warnings a settlement keeps, so
// that a wholly wrong file of millions of rows cannot exhaust memory; the
// counts stay exact.
const MaxListed = 10000

type statementKey struct {
	agreement int32
	month     pricing.Month
}

// accumulator sums the tickets of an agreement and supply month, by day of
// the month.
type accumulator struct {
	days      [31]dayAccumulator
	terms     pricing.Terms
	termsErr  error
	firstFile string // the file of the statement's first row, for messages
	firstLine int    // the first row of the statement
	ladles    []Ladle
}

type dayAccumulator struct {
	tickets           int
	tapped, delivered int64 // kilograms
}

// total sums the days.
func (a *accumulator) total() dayAccumulator {
	var t dayAccumulator
	for _, d := range a.days {
		t.tickets += d.tickets
		t.tapped += d.tapped
		t.delivered += d.delivered
	}
	return t
}

// Source is a deliveries file read a batch of rows at a time, as
// read.DeliveryReader reads one.
type Source interface {
	// Source names the file (or files), as the titles of outputs give it.
	Source() string
	// File names the file the rows Next returned last come from, as
	// messages about a row give it.
	File() string
	// Next returns the next rows, valid until the following call; at the
	// end, no rows and io.EOF.
	Next(ctx context.Context) ([]pricing.Delivery, error)
	// Problem reports a bad value in field f of row i of the rows Next
	// returned last, with the row's line and column.
	Problem(i int, f pricing.DeliveryField, value string, err error) *pricing.InputError
	// Rows and Blank count the data rows returned and the blank rows
	// skipped so far.
	Rows() int
	Blank() int
	// Again reports whether the rows must be read once more, and makes the
	// source start over when they must: a source that checks tickets
	// cheaply on a first pass may need a second to name the repeated ones.
	Again() (bool, error)
	// Close releases the source.
	Close()
}

// Settle reads every delivery of dr and settles them per agreement and
// supply month on the quotes, in one pass: weights are summed as whole
// kilograms and turned into decimals once per statement, and each
// statement's amount is its unit price × its total delivered weight,
// rounded once.
//
// A row is bad when a field does not parse, a weight is not positive or has
// more than 3 decimals, its ticket was seen before, its buyer is in no
// agreement, or its date is outside every terms version of its agreement.
// Without SkipInvalid any bad row makes Settle fail with all of them (an
// ErrorList) and no statement; with it, the good rows are settled and the
// bad ones listed in Rejected.
//
// When dr asks to be read again ([Source.Again]), the second pass's
// settlement stands.
func Settle(ctx context.Context, dr Source, ags *pricing.Agreements, q *pricing.Quotes, opts SettleOptions) (*Settlement, error) {
	defer dr.Close()
	s, err := settle(ctx, dr, ags, q, opts)
	again, againErr := dr.Again()
	switch {
	case againErr != nil:
		return nil, againErr
	case again:
		return settle(ctx, dr, ags, q, opts)
	}
	return s, err
}

// settle makes one pass of Settle.
func settle(ctx context.Context, dr Source, ags *pricing.Agreements, q *pricing.Quotes, opts SettleOptions) (*Settlement, error) {
	s := &Settlement{Source: dr.Source()}
	buyers := NewBuyerIndex(ags)
	acc := map[statementKey]*accumulator{}
	// Rows come mostly in date order: remember each agreement's current
	// month, which spares a map lookup a row.
	current := make([]*accumulator, len(ags.List))
	currentMonth := make([]pricing.Month, len(ags.List))
	reject := func(problems pricing.ErrorList) {
		s.RejectedRows++
		if len(s.Rejected) < MaxListed {
			s.Rejected = append(s.Rejected, problems...)
		}
	}
	for {
		rows, readErr := dr.Next(ctx)
		if readErr == io.EOF {
			break
		}
		if errors.Is(readErr, context.Canceled) || errors.Is(readErr, context.DeadlineExceeded) {
			return nil, readErr
		}
		for i := range rows {
			d := &rows[i]
			if d.Problems != nil {
				reject(d.Problems)
				continue
			}
			ag := buyers.find(d.Buyer)
			if ag < 0 {
				reject(pricing.ErrorList{dr.Problem(i, pricing.BuyerField, d.Buyer, buyers.Unknown(d.Buyer))})
				continue
			}
			key := statementKey{agreement: ag, month: d.Month}
			a := current[ag]
			if a == nil || currentMonth[ag] != key.month {
				if a = acc[key]; a == nil {
					a = &accumulator{firstFile: dr.File(), firstLine: d.Line}
					a.terms, a.termsErr = ags.List[ag].TermsFor(key.month)
					acc[key] = a
				}
				current[ag], currentMonth[ag] = a, key.month
			}
			if a.termsErr != nil {
				reject(pricing.ErrorList{dr.Problem(i, pricing.DateField, pricing.FormatDate(d.Date()), pricing.Errorf("is outside every terms version: %w", a.termsErr))})
				continue
			}
			if (opts.Month != 0 && key.month != opts.Month) || (opts.Agreement != nil && ags.List[ag].ID != opts.Agreement.ID) {
				s.OtherRows++
				continue
			}
			if d.Delivered > d.Tapped {
				if len(s.Warnings) < MaxListed {
					s.Warnings = append(s.Warnings, pricing.Note{Date: d.Date(), Line: d.Line,
						Why: pricing.Msg("delivery.overfull", d.Ticket(), d.Delivered.String(), d.Tapped.String())})
				} else {
					s.MoreWarnings++
				}
			}
			day := &a.days[d.Day-1]
			day.tickets++
			day.tapped += int64(d.Tapped)
			day.delivered += int64(d.Delivered)
			if opts.Ladles {
				a.ladles = append(a.ladles, Ladle{Ticket: d.Ticket(), Date: d.Date(), Tapped: d.Tapped, Delivered: d.Delivered, Line: d.Line})
			}
		}
		if readErr != nil {
			if s.RejectedRows > 0 && !opts.SkipInvalid {
				return nil, &pricing.BadRowsError{Source: s.Source, Rows: s.RejectedRows + 1, Problems: append(s.Rejected, pricing.AsInputError(s.Source, readErr))}
			}
			return nil, readErr
		}
	}
	s.Rows, s.BlankRows = dr.Rows(), dr.Blank()
	if s.RejectedRows > 0 && !opts.SkipInvalid {
		return nil, &pricing.BadRowsError{Source: s.Source, Rows: s.RejectedRows, Problems: s.Rejected}
	}
	if err := s.makeStatements(ags, q, acc, opts); err != nil {
		return nil, err
	}
	if settled := s.Total.Tickets + s.RejectedRows + s.OtherRows + s.UnpricedRows(); settled != s.Rows {
		return nil, pricing.Bugf("%d rows read but %d accounted for", s.Rows, settled)
	}
	return s, nil
}

// buyerIndex finds the agreement a delivery's buyer column names: its id,
// or a buyer name that names one agreement only. It is a map, so that a
// file of thousands of agreements costs one lookup a row (#28 item 15).
type buyerIndex struct {
	ags    *pricing.Agreements
	index  map[string]int32 // the agreement a name names; -1 for an ambiguous buyer name
	recent [16]recentBuyer  // what find found lately
}

type recentBuyer struct {
	name string
	ag   int32
}

// NewBuyerIndex indexes the ids and buyer names of ags, in one pass over
// them each: an id wins over a buyer name, and the first agreement with an
// id over a later one (which the reader refuses).
func NewBuyerIndex(ags *pricing.Agreements) *buyerIndex {
	b := &buyerIndex{ags: ags, index: make(map[string]int32, 2*len(ags.List))}
	for i, a := range ags.List {
		if _, seen := b.index[a.ID]; !seen {
			b.index[a.ID] = int32(i)
		}
	}
	buyers := make(map[string]int, len(ags.List)) // agreements per buyer name
	for _, a := range ags.List {
		buyers[a.Buyer.Name]++
	}
	for i, a := range ags.List {
		if _, seen := b.index[a.Buyer.Name]; seen {
			continue
		}
		b.index[a.Buyer.Name] = int32(i)
		if buyers[a.Buyer.Name] > 1 {
			b.index[a.Buyer.Name] = -1
		}
	}
	return b
}

// find is Find through a small cache of the buyers found lately, by
// length and last byte: a file has few buyers, which its reader gives as
// one string each, so that a hit compares one pointer.
func (b *buyerIndex) find(name string) int32 {
	if name == "" {
		return b.Find(name)
	}
	c := &b.recent[(len(name)*7^int(name[len(name)-1]))%len(b.recent)]
	if c.name == name { // an empty slot has no name, which name is not
		return c.ag
	}
	ag := b.Find(name)
	*c = recentBuyer{name: name, ag: ag}
	return ag
}

// Find returns the index of the agreement name names, or -1.
func (b *buyerIndex) Find(name string) int32 {
	if i, ok := b.index[name]; ok {
		return i
	}
	return -1
}

// Unknown says why buyer, which Find did not find, names no agreement:
// it names several, or none.
func (b *buyerIndex) Unknown(buyer string) error {
	if i, ok := b.index[buyer]; ok && i < 0 {
		_, err := b.ags.Find(buyer)
		return err
	}
	return pricing.Errorf("is in no agreement: write an agreement id (%s) or a buyer name of the agreements file", joinIDs(b.ags))
}

// joinIDs lists the first five agreement ids, and … for more.
func joinIDs(ags *pricing.Agreements) string {
	ids := make([]string, 0, 6)
	for i := range min(len(ags.List), 5) {
		ids = append(ids, ags.List[i].ID)
	}
	if len(ags.List) > 5 {
		ids = append(ids, "…")
	}
	return strings.Join(ids, ", ")
}

// makeStatements prices the accumulated months, in agreement order then
// month order.
func (s *Settlement) makeStatements(ags *pricing.Agreements, q *pricing.Quotes, acc map[statementKey]*accumulator, opts SettleOptions) error {
	totals := map[statementKey]dayAccumulator{}
	keys := make([]statementKey, 0, len(acc))
	for k, a := range acc {
		if t := a.total(); t.tickets > 0 {
			totals[k] = t
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b statementKey) int {
		if a.agreement != b.agreement {
			return int(a.agreement - b.agreement)
		}
		return int(a.month - b.month)
	})
	s.Total = Totals{Amounts: pricing.ZeroAmounts()}
	var partial pricing.PartialMonthsError
	for _, k := range keys {
		a, t := acc[k], totals[k]
		ag := &ags.List[k.agreement]
		mp, err := pricing.PriceMonth(a.terms, k.month, q, opts.Provisional)
		if err != nil {
			// Name the first row that needs the price.
			err = &pricing.InputError{Source: a.firstFile, Line: a.firstLine, Err: pricing.Errorf("agreement %s: %w", ag.ID, err)}
			switch {
			case errors.Is(err, pricing.ErrPartialMonth):
				partial = append(partial, err)
			case errors.Is(err, pricing.ErrNoQuotes):
				s.Unpriced = append(s.Unpriced, Unpriced{Agreement: ag, Month: k.month, Tickets: t.tickets, Delivered: pricing.Weight(t.delivered), Reason: err})
			default:
				return err
			}
			continue
		}
		st := Statement{Agreement: ag, Month: k.month, Tickets: t.tickets, Tapped: pricing.Weight(t.tapped), Delivered: pricing.Weight(t.delivered), Price: mp}
		for i, day := range a.days {
			if day.tickets > 0 {
				st.Days = append(st.Days, DayTotals{Date: k.month.First().AddDate(0, 0, i), Tickets: day.tickets,
					Tapped: pricing.Weight(day.tapped), Delivered: pricing.Weight(day.delivered)})
			}
		}
		st.Ladles = a.ladles
		slices.SortStableFunc(st.Ladles, func(x, y Ladle) int { return x.Date.Compare(y.Date) })
		st.Bill = mp.Price.Bill(st.Delivered)
		if limit := ags.SplitCap(ag, opts.InvoiceCap); limit.IsPositive() {
			if st.Invoices, err = pricing.SplitInvoices(st.Bill, mp.Price, limit); err != nil {
				return pricing.Errorf("agreement %s, %s: %w", ag.ID, k.month, err)
			}
		}
		s.Statements = append(s.Statements, st)
		s.Total.Tickets += st.Tickets
		s.Total.Tapped += st.Tapped
		s.Total.Delivered += st.Delivered
		s.Total.Amounts = s.Total.Amounts.Add(st.Bill.Amounts)
	}
	if len(partial) > 0 {
		return partial
	}
	if len(s.Statements) == 0 && len(s.Unpriced) == 0 && s.RejectedRows == 0 {
		if s.Rows == 0 {
			return &pricing.InputError{Source: s.Source, Line: 1, Err: pricing.Errorf("has a header but no deliveries")}
		}
		return &noDeliveriesError{noDeliveriesMessage(s, opts)}
	}
	return nil
}

// ErrNoDeliveries is the error of settling a month or an agreement the
// deliveries file has no row for: not a bad input, but nothing to bill.
var ErrNoDeliveries = pricing.Errorf("no deliveries")

type noDeliveriesError struct{ error }

func (e *noDeliveriesError) Template() *pricing.Error { return e.error.(*pricing.Error) }
func (e *noDeliveriesError) Is(target error) bool     { return target == ErrNoDeliveries }

func noDeliveriesMessage(s *Settlement, opts SettleOptions) error {
	what := pricing.Errorf("the month and agreement asked for")
	switch {
	case opts.Month != 0 && opts.Agreement != nil:
		what = pricing.Errorf("agreement %s in %s", opts.Agreement.ID, opts.Month)
	case opts.Month != 0:
		what = pricing.Errorf("%s", opts.Month)
	case opts.Agreement != nil:
		what = pricing.Errorf("agreement %s", opts.Agreement.ID)
	}
	if s.Rows == 1 {
		return pricing.Errorf("no deliveries for %s in %s (1 row, in another month or agreement)", what, s.Source)
	}
	return pricing.Errorf("no deliveries for %s in %s (%d rows, all in other months or agreements)", what, s.Source, s.Rows)
}
