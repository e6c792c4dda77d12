package pricing

import (
	"iter"
	"maps"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// InvoiceLine is one line of a VAT invoice (增值税专用发票 or 普通发票), as
// printed. On a red invoice (红字发票) its figures are negative.
type InvoiceLine struct {
	InvoiceNo        string
	Line             int // the line's number on its invoice, from 1
	Buyer            string
	Month            Month           // the supply month billed
	MonthFrom        MonthFrom       // where Month came from
	Quantity         Weight          // 数量, tonnes
	UnitPriceExclVAT decimal.Decimal // 单价, up to 8 decimals
	AmountExclVAT    decimal.Decimal // 金额
	VATRate          decimal.Decimal // 税率, a fraction
	VAT              decimal.Decimal // 税额
	Total            decimal.Decimal // 价税合计, when HasTotal
	HasTotal         bool
	// Item and TaxCode are the line's 项目名称 and 税收分类编码 as the
	// invoice prints them; both empty when the file does not say (the
	// CSV, whose lines are all the agreement's product).
	Item, TaxCode string
	// QuantityDerived and UnitPriceDerived say that the invoice left the
	// figure out and it was worked out from the other two ([QuantityOf],
	// [InvoiceUnitPrice]); NoQuantity that it states neither quantity nor
	// unit price, so that Quantity is unknown, not zero.
	QuantityDerived, UnitPriceDerived, NoQuantity bool
	SourceLine                                    int // the line in the file
}

// The product of the agreements unless they state another (platforms.md
// §2): 原铝（电解铝）, category 有色金属冶炼压延品.
const (
	moltenAluminiumTaxCode = "1080306020000000000"
	moltenAluminiumItem    = "铝液"
)

// IsProduct reports whether invoice line l bills item, what an
// agreement's invoices name: its tax code is item's (or, when item states
// none, [moltenAluminiumTaxCode]), or its 项目名称 without the category
// (*有色金属冶炼压延品*铝液 is 铝液) is item's (or [moltenAluminiumItem]). A
// line that names neither (the CSV's) is the product.
func IsProduct(l InvoiceLine, item InvoiceItem) bool {
	if l.Item == "" && l.TaxCode == "" {
		return true
	}
	code, name := item.TaxCode, bareItem(item.Item)
	if code == "" {
		code = moltenAluminiumTaxCode
	}
	if name == "" {
		name = moltenAluminiumItem
	}
	return l.TaxCode == code || bareItem(l.Item) == name
}

// bareItem returns an item name without its category: *类别*名称 → 名称.
func bareItem(s string) string {
	if rest, ok := strings.CutPrefix(s, "*"); ok {
		if _, name, ok := strings.Cut(rest, "*"); ok {
			return name
		}
	}
	return s
}

// MonthFrom says where an invoice's supply month came from: no VAT invoice
// states one as such.
type MonthFrom uint8

// The sources of a supply month, in the order they are tried.
const (
	// MonthFromFile: the file states it — the month column of the CSV,
	// the 备注 of a batch-issuing workbook alprice wrote.
	MonthFromFile MonthFrom = iota
	// MonthFromRemark: the invoice's 备注 carries alprice's marker
	// 供货月份:YYYY-MM.
	MonthFromRemark
	// MonthFromFlag: the month given on the command line (--month).
	MonthFromFlag
	// MonthFromIssueDate: the month before the issue date, as month-end
	// invoicing bills it.
	MonthFromIssueDate
)

var monthFromNames = [...]string{"file", "remark", "flag", "issue_date"}

// String returns the source's code: file, remark, flag or issue_date.
func (m MonthFrom) String() string {
	if int(m) < len(monthFromNames) {
		return monthFromNames[m]
	}
	return "file"
}

// SupplyMonth works out the supply month of an invoice that does not state
// one in its file: the month stated in its 备注 (remark, when ok), else
// flag (when not zero), else the month before the issue date.
func SupplyMonth(remark Month, remarkOK bool, flag Month, issued time.Time) (Month, MonthFrom) {
	switch {
	case remarkOK:
		return remark, MonthFromRemark
	case flag != 0:
		return flag, MonthFromFlag
	}
	return MonthOf(issued) - 1, MonthFromIssueDate
}

// InvoiceHeader is what an invoice states once: who issued it to whom,
// when, of what kind and colour, its totals, and the supply month it is
// held to. Invoices read from the platform's own files (数电 XML, the
// 信息汇总表 export) have one; a CSV's invoices have one only once merged
// with other files, to say which file each came from.
type InvoiceHeader struct {
	Number     string // 数电发票号码, or the CSV's invoice_no
	Source     string // the file it was read from
	SourceLine int    // where the invoice starts in it
	IssueDate  time.Time
	Kind       InvoiceKind // "" when the file does not say
	Red        bool        // 红字发票: a reversal, its figures negative
	// Reverses is, on a red invoice, the number of the blue invoice it
	// reverses; CreditNote the 红字发票信息确认单 number.
	Reverses, CreditNote string
	Seller, Buyer        Party // Name and TaxID as printed
	Month                Month
	MonthFrom            MonthFrom
	// The invoice's own totals (金额, 税额, 价税合计) when HasTotals; an
	// export that states none leaves HasTotals false.
	TotalExclVAT, TotalVAT, TotalInclVAT decimal.Decimal
	HasTotals                            bool
}

// Invoices is a file of invoice lines. It keeps them compact, its figures
// as exact integers at a fixed scale — fen, 10⁻⁸ yuan for a unit price,
// 10⁻⁶ for a rate — instead of five decimals a line (each a big.Int on the
// heap): a file of 600,000 lines takes about 40 MB, not 300. [Invoices.Line]
// makes a line into an InvoiceLine when it is used.
type Invoices struct {
	Source string
	// Fields are the names the file gives its columns, by key ("buyer":
	// "客户"), so that a message names a field as the file does; nil when
	// the lines did not come from one header (an XML invoice, files
	// headed differently).
	Fields       map[string]string
	pages        [][]invoiceRecord   // recordsPage lines each, but the first while it grows by append: no copy of them all as they grow
	n            int                 // lines
	numbers      [][]numberRef       // the invoice numbers the lines name, one for each run of lines of one invoice: recordsPage to a page, as pages, so that a million are never copied to grow
	nNumbers     int                 // in numbers
	runsDistinct bool                // no two runs name one invoice (MarkRunsAreInvoices)
	numberText   []*strings.Builder  // the pages of the numbers' text (see keepNumber)
	filling      *strings.Builder    // the page new numbers are written to; nil for none
	fillingPage  int                 // its index in numberText
	totals       map[int]int64       // the 价税合计 of the lines whose total is not amount + VAT, by index (recordTotalIsSum)
	buyers       []string            // the buyers the lines name
	buyerIndexes map[string]uint32   // of buyers
	items        []itemName          // the items the lines name; 0 is none
	itemIndexes  map[itemName]uint16 // of items
	wide         map[int]InvoiceLine // lines whose figures do not fit the compact form, by index
	headers      [][]InvoiceHeader   // the invoices that have one, in the order added, in pages of headerPage: never copied as they grow
	nHeaders     int
	headerOf     map[string]int // index in headers, by number
}

// itemName is what a line names: its 项目名称 and 税收分类编码.
type itemName struct{ item, taxCode string }

const (
	recordsPageBits = 12
	recordsPage     = 1 << recordsPageBits
)

// invoiceRecord is an InvoiceLine as Invoices keeps it, in 56 bytes (a
// test says so): a line whose line number on its invoice or month does
// not fit 16 bits is kept whole. Its total, when it states one, is nearly
// always amount + VAT, and a flag says so (recordTotalIsSum); another is
// kept in Invoices.totals.
type invoiceRecord struct {
	quantity              Weight
	unitPrice             int64  // 10⁻⁸ yuan
	amount, vat           int64  // fen
	number                uint32 // index of Invoices.numbers (Invoices.number)
	buyer                 uint32 // index of Invoices.buyers
	sourceLine, rateMicro int32  // rateMicro: the VAT rate in 10⁻⁶
	month                 uint16 // the Month
	line                  uint16
	item                  uint16 // index of Invoices.items
	monthFrom             MonthFrom
	flags                 uint8 // recordHasTotal ...
}

// The flags of an invoiceRecord.
const (
	recordHasTotal uint8 = 1 << iota
	recordQuantityDerived
	recordUnitPriceDerived
	recordNoQuantity
	recordTotalIsSum // the total is amount + VAT; without it and with recordHasTotal, Invoices.totals has it
)

func (r *invoiceRecord) flag(f uint8) bool { return r.flags&f != 0 }

// The scales of the figures of an invoiceRecord.
const (
	unitPriceScale = UnitPriceDecimals
	rateScale      = 6
)

// NewInvoices returns the invoices of lines, read from source.
func NewInvoices(source string, lines []InvoiceLine) *Invoices {
	inv := &Invoices{Source: source}
	for _, l := range lines {
		inv.Add(l)
	}
	return inv
}

// Add adds l: compact, or when a figure does not fit, as it is.
func (inv *Invoices) Add(l InvoiceLine) {
	r, total, ok := compactLine(l)
	r.number = inv.numberOf(l.InvoiceNo)
	r.buyer = inv.buyerIndex(l.Buyer)
	var itemOK bool
	r.item, itemOK = inv.itemIndex(itemName{l.Item, l.TaxCode})
	if !ok || !itemOK {
		if inv.wide == nil {
			inv.wide = map[int]InvoiceLine{}
		}
		inv.wide[inv.n] = l
	}
	inv.addRecord(r, total)
}

// addRecord appends r, the next line's record, whose total is total.
func (inv *Invoices) addRecord(r invoiceRecord, total int64) {
	switch {
	case !r.flag(recordHasTotal) && total == 0:
	case r.flag(recordHasTotal) && total == r.amount+r.vat:
		r.flags |= recordTotalIsSum
	default:
		if inv.totals == nil {
			inv.totals = map[int]int64{}
		}
		inv.totals[inv.n] = total
	}
	inv.pages = appendPaged(inv.pages, r)
	inv.n++
}

// total returns the total of line i, of record r.
func (inv *Invoices) total(i int, r *invoiceRecord) int64 {
	if r.flag(recordTotalIsSum) {
		return r.amount + r.vat
	}
	return inv.totals[i] // 0 when none: a nil map has none
}

// appendPaged appends v to the last page of pages, or to a new one when
// it is full: pages never move, so growing copies nothing, and the first
// stays small for a small file.
func appendPaged[T any](pages [][]T, v T) [][]T {
	k := len(pages) - 1
	if k < 0 || len(pages[k]) == recordsPage {
		capacity := recordsPage
		if k < 0 {
			capacity = 16
		}
		pages = append(pages, make([]T, 0, capacity))
		k++
	}
	pages[k] = append(pages[k], v)
	return pages
}

// AddFixed adds l with the figures f, as [Invoices.Add] adds a line whose
// figures are f's at Invoices' scales, for a reader that parsed them
// straight to integers: a million lines make no decimal. l's decimal
// figures are not looked at. It returns false, adding nothing, for a
// line the compact form does not hold (Add keeps it whole, with its
// decimals as the file wrote them).
func (inv *Invoices) AddFixed(l InvoiceLine, f FixedLine) bool {
	r, ok := inv.fixedRecord(l, f)
	if !ok {
		return false
	}
	r.number = inv.numberOf(l.InvoiceNo)
	r.buyer = inv.buyerIndex(l.Buyer)
	inv.addRecord(r, f.Total)
	return true
}

// AddFixedText is [Invoices.AddFixed] of a line whose invoice number and
// buyer are no and buyer, bytes of a reader's buffer, for a reader that
// makes no string of a million lines: inv keeps a copy of a new number or
// buyer, and none of the number of the line before or a buyer it has. l's
// InvoiceNo and Buyer are not looked at.
func (inv *Invoices) AddFixedText(l InvoiceLine, no, buyer []byte, f FixedLine) bool {
	r, ok := inv.fixedRecord(l, f)
	if !ok {
		return false
	}
	if k := inv.nNumbers - 1; k >= 0 && inv.number(uint32(k)) == string(no) {
		r.number = uint32(k)
	} else {
		r.number = inv.numberOf(string(no))
	}
	if k := len(inv.buyers) - 1; k >= 0 && inv.buyers[k] == string(buyer) {
		r.buyer = uint32(k)
	} else if k, ok := inv.buyerIndexes[string(buyer)]; ok {
		r.buyer = k
	} else {
		r.buyer = inv.buyerIndex(string(buyer))
	}
	inv.addRecord(r, f.Total)
	return true
}

// fixedRecord returns the record of l with the figures f, and false when
// the compact form does not hold it.
func (inv *Invoices) fixedRecord(l InvoiceLine, f FixedLine) (invoiceRecord, bool) {
	r := invoiceRecord{month: uint16(l.Month), line: uint16(l.Line), sourceLine: int32(l.SourceLine), quantity: f.Quantity,
		unitPrice: f.UnitPrice, amount: f.Amount, vat: f.VAT, rateMicro: int32(f.RateMicro), monthFrom: l.MonthFrom,
		flags: lineFlags(l.HasTotal, l.QuantityDerived, l.UnitPriceDerived, l.NoQuantity)}
	if int64(r.rateMicro) != f.RateMicro || int(r.line) != l.Line || int(r.sourceLine) != l.SourceLine || Month(r.month) != l.Month ||
		l.MonthFrom > MonthFromIssueDate || l.HasTotal != f.HasTotal || l.NoQuantity != f.NoQuantity || l.Quantity != f.Quantity {
		return r, false
	}
	var ok bool
	if r.item, ok = inv.itemIndex(itemName{l.Item, l.TaxCode}); !ok {
		return r, false
	}
	return r, true
}

// numberOf returns the index of invoice number no in inv.numbers: the
// last one's when the line before was of the same invoice, as an
// invoice's lines come together, else a new one, holding a copy of no.
// Keeping the number once a run, not once a line, makes no map: a file
// of one-line invoices costs what it did.
func (inv *Invoices) numberOf(no string) uint32 {
	if k := inv.nNumbers - 1; k >= 0 && inv.number(uint32(k)) == no {
		return uint32(k)
	}
	inv.numbers = appendPaged(inv.numbers, inv.keepNumber(no))
	inv.nNumbers++
	inv.runsDistinct = false // unchecked: it may name an invoice of a run before
	return uint32(inv.nNumbers - 1)
}

// Run returns the run of lines line i is in: lines added one after
// another that name one invoice are a run. Two lines of one run are of
// one invoice; of two runs, of two invoices when [Invoices.RunsAreInvoices].
func (inv *Invoices) Run(i int) uint32 { return inv.record(i).number }

// MarkRunsAreInvoices records what the reader of inv has checked: no
// invoice number names two runs of lines, every invoice's lines came
// together. A line added after it that starts a run undoes it.
func (inv *Invoices) MarkRunsAreInvoices() { inv.runsDistinct = true }

// RunsAreInvoices reports whether each run of lines ([Invoices.Run]) is
// known to be an invoice of its own ([Invoices.MarkRunsAreInvoices]): a
// check then needs no index of the invoices by number.
func (inv *Invoices) RunsAreInvoices() bool { return inv.runsDistinct }

// numberRef is where an invoice number's text is: its page of
// Invoices.numberText (the top 32 bits), its offset in the page and its
// length (16 bits each); a length of longNumber is a number that has a
// page of its own. Eight bytes a number where a string took sixteen.
type numberRef uint64

const longNumber = 1<<16 - 1

// number returns the invoice number of index k of numbers.
func (inv *Invoices) number(k uint32) string {
	ref := inv.numbers[k>>recordsPageBits][k&(recordsPage-1)]
	page := inv.numberText[ref>>32].String()
	if n := int(ref & longNumber); n != longNumber {
		off := int(ref>>16) & longNumber
		return page[off : off+n]
	}
	return page
}

// numberPage is the size of a page of invoice numbers' text.
const numberPage = 64 << 10

// keepNumber returns where a copy of no is kept, in a page of numbers'
// text, many numbers to an allocation: a million one-line invoices kept a
// string of their own each, 16 bytes of heap beside the 16 of its header.
// A page is written only at its end (strings.Builder never changes what
// String has returned), and a new one is begun when no does not fit.
func (inv *Invoices) keepNumber(no string) numberRef {
	if len(no) >= longNumber {
		b := &strings.Builder{}
		b.WriteString(no)
		inv.numberText = append(inv.numberText, b)
		return numberRef(len(inv.numberText)-1)<<32 | longNumber
	}
	b := inv.filling
	if b == nil || b.Cap()-b.Len() < len(no) {
		b = &strings.Builder{}
		b.Grow(numberPage)
		inv.filling, inv.fillingPage = b, len(inv.numberText)
		inv.numberText = append(inv.numberText, b)
	}
	off := b.Len()
	b.WriteString(no)
	return numberRef(inv.fillingPage)<<32 | numberRef(off)<<16 | numberRef(len(no))
}

// buyerIndex returns the index of buyer in inv.buyers, adding a copy of
// it if new; the last buyer is looked at first, as lines come buyer after
// buyer.
func (inv *Invoices) buyerIndex(buyer string) uint32 {
	if k := len(inv.buyers) - 1; k >= 0 && inv.buyers[k] == buyer {
		return uint32(k)
	}
	k, ok := inv.buyerIndexes[buyer]
	if !ok {
		if inv.buyerIndexes == nil {
			inv.buyerIndexes = map[string]uint32{}
		}
		k = uint32(len(inv.buyers))
		inv.buyers = append(inv.buyers, strings.Clone(buyer))
		inv.buyerIndexes[inv.buyers[k]] = k
	}
	return k
}

// maxItems is how many items Invoices keeps compact; lines naming others
// are kept whole.
const maxItems = 1<<16 - 1

// itemIndex returns the index of it in inv.items, adding it if new, and
// false when there are too many to index.
func (inv *Invoices) itemIndex(it itemName) (uint16, bool) {
	if it == (itemName{}) {
		return 0, true
	}
	if k, ok := inv.itemIndexes[it]; ok {
		return k, true
	}
	if inv.items == nil {
		inv.items = []itemName{{}}
		inv.itemIndexes = map[itemName]uint16{}
	}
	if len(inv.items) > maxItems {
		return 0, false
	}
	k := uint16(len(inv.items))
	inv.items = append(inv.items, itemName{strings.Clone(it.item), strings.Clone(it.taxCode)})
	inv.itemIndexes[inv.items[k]] = k
	return k, true
}

func (inv *Invoices) record(i int) *invoiceRecord {
	return &inv.pages[i>>recordsPageBits][i&(recordsPage-1)]
}

// Len returns how many lines there are.
func (inv *Invoices) Len() int { return inv.n }

// FieldName is the name of the field key as the file names it: its
// header's, or the key.
func (inv *Invoices) FieldName(key string) string {
	if name, ok := inv.Fields[key]; ok {
		return name
	}
	return key
}

// Line returns line i, from 0.
func (inv *Invoices) Line(i int) InvoiceLine {
	if l, ok := inv.wide[i]; ok {
		return l
	}
	r := inv.record(i)
	var it itemName
	if r.item != 0 {
		it = inv.items[r.item]
	}
	return InvoiceLine{InvoiceNo: inv.number(r.number), Line: int(r.line), Buyer: inv.buyers[r.buyer], Month: Month(r.month), MonthFrom: r.monthFrom,
		Quantity: r.quantity, UnitPriceExclVAT: decimal.New(r.unitPrice, -unitPriceScale), AmountExclVAT: decimal.New(r.amount, -ScaleFen),
		VATRate: decimal.New(int64(r.rateMicro), -rateScale), VAT: decimal.New(r.vat, -ScaleFen), Total: decimal.New(inv.total(i, r), -ScaleFen),
		HasTotal: r.flag(recordHasTotal), Item: it.item, TaxCode: it.taxCode, QuantityDerived: r.flag(recordQuantityDerived),
		UnitPriceDerived: r.flag(recordUnitPriceDerived), NoQuantity: r.flag(recordNoQuantity), SourceLine: int(r.sourceLine)}
}

// FixedLine is an invoice line's figures as [Invoices] keeps them, exact
// integers at a fixed scale, for checking a million lines without a
// decimal ([LineAmountFen], [LineVATFen], [AmountFen]).
type FixedLine struct {
	Quantity           Weight
	UnitPrice          int64 // 10⁻⁸ yuan
	Amount, VAT, Total int64 // fen
	RateMicro          int64 // the VAT rate in 10⁻⁶
	HasTotal           bool
	NoQuantity         bool
	MonthFrom          MonthFrom
}

// Fixed returns the figures of line i as integers, and false for a line
// whose figures do not fit them ([Invoices.Line] has it).
func (inv *Invoices) Fixed(i int) (FixedLine, bool) {
	if _, ok := inv.wide[i]; ok {
		return FixedLine{}, false
	}
	r := inv.record(i)
	return FixedLine{Quantity: r.quantity, UnitPrice: r.unitPrice, Amount: r.amount, VAT: r.vat, Total: inv.total(i, r),
		RateMicro: int64(r.rateMicro), HasTotal: r.flag(recordHasTotal), NoQuantity: r.flag(recordNoQuantity), MonthFrom: r.monthFrom}, true
}

// Where returns line i's buyer, supply month and line in the file, which
// say where the line goes, without making the line.
func (inv *Invoices) Where(i int) (buyer string, month Month, sourceLine int) {
	if l, ok := inv.wide[i]; ok {
		return l.Buyer, l.Month, l.SourceLine
	}
	r := inv.record(i)
	return inv.buyers[r.buyer], Month(r.month), int(r.sourceLine)
}

// Number returns the invoice number of line i, without making the line.
func (inv *Invoices) Number(i int) string {
	if l, ok := inv.wide[i]; ok {
		return l.InvoiceNo
	}
	return inv.number(inv.record(i).number)
}

// SourceOf returns the file line i was read from: its invoice's header's,
// else the file of inv.
func (inv *Invoices) SourceOf(i int) string {
	if inv.nHeaders > 0 {
		if h := inv.Header(inv.Number(i)); h != nil {
			return h.Source
		}
	}
	return inv.Source
}

// headerPage is how many headers a page holds. A header is about 400
// bytes; the 238,000 of a year's export held in one slice grown by
// doubling were copied through 200 MB, most of a second of page faults
// on this project's machines (#29).
const headerPage = 1024

// AddHeader adds the header of invoice h.Number, replacing any before.
// A header added stays where it is: a pointer from [Invoices.Header]
// or [Invoices.Headers] holds.
func (inv *Invoices) AddHeader(h InvoiceHeader) {
	if k, ok := inv.headerOf[h.Number]; ok {
		*inv.header(k) = h
		return
	}
	if inv.headerOf == nil {
		inv.headerOf = map[string]int{}
	}
	if inv.nHeaders%headerPage == 0 {
		inv.headers = append(inv.headers, make([]InvoiceHeader, 0, headerPage))
	}
	last := &inv.headers[len(inv.headers)-1]
	*last = append(*last, h)
	inv.headerOf[h.Number] = inv.nHeaders
	inv.nHeaders++
}

func (inv *Invoices) header(k int) *InvoiceHeader { return &inv.headers[k/headerPage][k%headerPage] }

// Header returns the header of invoice number, or nil when it has none.
func (inv *Invoices) Header(number string) *InvoiceHeader {
	if k, ok := inv.headerOf[number]; ok {
		return inv.header(k)
	}
	return nil
}

// HeaderCount returns how many invoices have a header.
func (inv *Invoices) HeaderCount() int { return inv.nHeaders }

// Headers yields the headers of the invoices that have one, in the order
// they were added.
func (inv *Invoices) Headers() iter.Seq[*InvoiceHeader] {
	return func(yield func(*InvoiceHeader) bool) {
		for _, page := range inv.headers {
			for k := range page {
				if !yield(&page[k]) {
					return
				}
			}
		}
	}
}

// compactLine returns l as a record and its total, and whether every
// figure fits.
func compactLine(l InvoiceLine) (invoiceRecord, int64, bool) {
	r := invoiceRecord{month: uint16(l.Month), line: uint16(l.Line), sourceLine: int32(l.SourceLine),
		quantity: l.Quantity, monthFrom: l.MonthFrom, flags: lineFlags(l.HasTotal, l.QuantityDerived, l.UnitPriceDerived, l.NoQuantity)}
	var ok [5]bool
	r.unitPrice, ok[0] = FixedPoint(l.UnitPriceExclVAT, unitPriceScale)
	r.amount, ok[1] = FixedPoint(l.AmountExclVAT, ScaleFen)
	rate, fits := FixedPoint(l.VATRate, rateScale)
	r.rateMicro, ok[2] = int32(rate), fits && int64(int32(rate)) == rate
	r.vat, ok[3] = FixedPoint(l.VAT, ScaleFen)
	total, fits := FixedPoint(l.Total, ScaleFen)
	ok[4] = fits
	return r, total, ok == [5]bool{true, true, true, true, true} && int(r.line) == l.Line && int(r.sourceLine) == l.SourceLine &&
		Month(r.month) == l.Month && l.MonthFrom <= MonthFromIssueDate
}

// lineFlags returns the flags of a record.
func lineFlags(hasTotal, quantityDerived, unitPriceDerived, noQuantity bool) uint8 {
	var flags uint8
	for _, f := range []struct {
		set  bool
		flag uint8
	}{{hasTotal, recordHasTotal}, {quantityDerived, recordQuantityDerived}, {unitPriceDerived, recordUnitPriceDerived}, {noQuantity, recordNoQuantity}} {
		if f.set {
			flags |= f.flag
		}
	}
	return flags
}

// FixedPoint returns d × 10^scale as an int64, and whether that is exact.
func FixedPoint(d decimal.Decimal, scale int32) (int64, bool) {
	shift := d.Exponent() + scale
	if shift < 0 {
		return 0, false
	}
	if digits := d.NumDigits(); digits+int(shift) <= 18 { // the usual case: no big.Int made
		n := d.CoefficientInt64()
		for range shift {
			n *= 10
		}
		return n, true
	}
	n := d.Shift(scale).BigInt()
	return n.Int64(), n.IsInt64()
}

// AmountInclVAT returns the line's amount plus its VAT.
func (l InvoiceLine) AmountInclVAT() decimal.Decimal { return l.AmountExclVAT.Add(l.VAT) }

// MergeInvoices returns the invoices of several files as one, named
// source; one file is returned as it is. Every invoice keeps the file it
// came from: one without a header is given one that names it. The same
// invoice number in two files is an error naming both (two copies of one
// downloaded invoice would bill it twice).
func MergeInvoices(source string, parts []*Invoices) (*Invoices, error) {
	if len(parts) == 1 {
		return parts[0], nil
	}
	out := &Invoices{Source: source, Fields: parts[0].Fields}
	for _, p := range parts[1:] {
		if !maps.Equal(p.Fields, out.Fields) {
			out.Fields = nil // headed differently: name the fields by key
		}
	}
	type seen struct {
		source string
		line   int
	}
	first := map[string]seen{}
	var errs ErrorList
	for _, p := range parts {
		here := map[string]bool{}
		for i := range p.Len() {
			l := p.Line(i)
			if !here[l.InvoiceNo] {
				here[l.InvoiceNo] = true
				h := p.Header(l.InvoiceNo)
				if h == nil {
					h = &InvoiceHeader{Number: l.InvoiceNo, Source: p.Source, SourceLine: l.SourceLine, Month: l.Month, MonthFrom: l.MonthFrom}
				}
				if f, dup := first[l.InvoiceNo]; dup {
					errs = append(errs, &InputError{Source: h.Source, Line: h.SourceLine, Value: l.InvoiceNo,
						Err: Errorf("is an invoice already read from %s:%d: the same invoice twice (two copies of one file?); give each invoice once", f.source, f.line)})
				} else {
					first[l.InvoiceNo] = seen{h.Source, h.SourceLine}
					out.AddHeader(*h)
				}
			}
			out.Add(l)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// ScanFixedBytes is [ScanFixed] of bytes, for a reader that makes no
// string of the figures of a million lines.
func ScanFixedBytes(b []byte, maxDecimals, intDigits, scale int) (int64, bool) {
	return scanFixed(b, maxDecimals, intDigits, scale)
}
