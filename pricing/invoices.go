package pricing

import (
	"strings"

	"github.com/shopspring/decimal"
)

// InvoiceLine is one line of a special VAT invoice (增值税专用发票) for
// molten aluminium, as printed.
type InvoiceLine struct {
	InvoiceNo        string
	Line             int // the line's number on its invoice, from 1
	Buyer            string
	Month            Month           // the supply month billed
	Quantity         Weight          // 数量, tonnes
	UnitPriceExclVAT decimal.Decimal // 单价, up to 8 decimals
	AmountExclVAT    decimal.Decimal // 金额
	VATRate          decimal.Decimal // 税率, a fraction
	VAT              decimal.Decimal // 税额
	Total            decimal.Decimal // 价税合计, when HasTotal
	HasTotal         bool
	SourceLine       int // the line in the file
}

// Invoices is a file of invoice lines. It keeps them compact, its figures
// as exact integers at a fixed scale — fen, 10⁻⁸ yuan for a unit price,
// 10⁻⁶ for a rate — instead of five decimals a line (each a big.Int on the
// heap): a file of 600,000 lines takes about 70 MB, not 300. [Invoices.Line]
// makes a line into an InvoiceLine when it is used.
type Invoices struct {
	Source       string
	pages        [][]invoiceRecord   // recordsPage lines each, but the first while it grows by append: no copy of them all as they grow
	n            int                 // lines
	buyers       []string            // the buyers the lines name
	buyerIndexes map[string]uint32   // of buyers
	wide         map[int]InvoiceLine // lines whose figures do not fit the compact form, by index
}

const (
	recordsPageBits = 12
	recordsPage     = 1 << recordsPageBits
)

// invoiceRecord is an InvoiceLine as Invoices keeps it, in 80 bytes.
type invoiceRecord struct {
	invoiceNo                          string
	quantity                           Weight
	unitPrice                          int64  // 10⁻⁸ yuan
	amount, vat, total                 int64  // fen
	month, line, sourceLine, rateMicro int32  // rateMicro: the VAT rate in 10⁻⁶
	buyer                              uint32 // index of Invoices.buyers
	hasTotal                           bool
}

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

// add adds l: compact, or when a figure does not fit, as it is.
func (inv *Invoices) Add(l InvoiceLine) {
	r, ok := compactLine(l)
	r.buyer = inv.buyerIndex(l.Buyer)
	if !ok {
		if inv.wide == nil {
			inv.wide = map[int]InvoiceLine{}
		}
		inv.wide[inv.n] = l
	}
	k := len(inv.pages) - 1
	if k < 0 || len(inv.pages[k]) == recordsPage {
		capacity := recordsPage
		if k < 0 {
			capacity = 16 // a small file's lines stay small
		}
		inv.pages = append(inv.pages, make([]invoiceRecord, 0, capacity))
		k++
	}
	inv.pages[k] = append(inv.pages[k], r)
	inv.n++
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

func (inv *Invoices) record(i int) *invoiceRecord {
	return &inv.pages[i>>recordsPageBits][i&(recordsPage-1)]
}

// Len returns how many lines there are.
func (inv *Invoices) Len() int { return inv.n }

// Line returns line i, from 0.
func (inv *Invoices) Line(i int) InvoiceLine {
	if l, ok := inv.wide[i]; ok {
		return l
	}
	r := inv.record(i)
	return InvoiceLine{InvoiceNo: r.invoiceNo, Line: int(r.line), Buyer: inv.buyers[r.buyer], Month: Month(r.month), Quantity: r.quantity,
		UnitPriceExclVAT: decimal.New(r.unitPrice, -unitPriceScale), AmountExclVAT: decimal.New(r.amount, -ScaleFen),
		VATRate: decimal.New(int64(r.rateMicro), -rateScale), VAT: decimal.New(r.vat, -ScaleFen), Total: decimal.New(r.total, -ScaleFen),
		HasTotal: r.hasTotal, SourceLine: int(r.sourceLine)}
}

// where returns line i's buyer, supply month and line in the file, which
// say where the line goes, without making the line.
func (inv *Invoices) Where(i int) (buyer string, month Month, sourceLine int) {
	if l, ok := inv.wide[i]; ok {
		return l.Buyer, l.Month, l.SourceLine
	}
	r := inv.record(i)
	return inv.buyers[r.buyer], Month(r.month), int(r.sourceLine)
}

// compactLine returns l as a record, and whether every figure fits.
func compactLine(l InvoiceLine) (invoiceRecord, bool) {
	r := invoiceRecord{invoiceNo: l.InvoiceNo, month: int32(l.Month), line: int32(l.Line), sourceLine: int32(l.SourceLine),
		quantity: l.Quantity, hasTotal: l.HasTotal}
	var ok [5]bool
	r.unitPrice, ok[0] = fixedPoint(l.UnitPriceExclVAT, unitPriceScale)
	r.amount, ok[1] = fixedPoint(l.AmountExclVAT, ScaleFen)
	rate, fits := fixedPoint(l.VATRate, rateScale)
	r.rateMicro, ok[2] = int32(rate), fits && int64(int32(rate)) == rate
	r.vat, ok[3] = fixedPoint(l.VAT, ScaleFen)
	r.total, ok[4] = fixedPoint(l.Total, ScaleFen)
	return r, ok == [5]bool{true, true, true, true, true} && int(r.line) == l.Line && int(r.sourceLine) == l.SourceLine &&
		Month(r.month) == l.Month
}

// fixedPoint returns d × 10^scale as an int64, and whether that is exact.
func fixedPoint(d decimal.Decimal, scale int32) (int64, bool) {
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
