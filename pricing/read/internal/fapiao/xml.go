package fapiao

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/shopspring/decimal"
)

// MaxXMLSize is the largest invoice XML ReadXML takes, in bytes. A 数电
// invoice is a few kilobytes; even a thousand lines stay far below it.
const MaxXMLSize = 4 << 20

// maxDepth bounds the nesting of elements: the invoice is 6 deep, and an
// input nested a million deep would only cost memory.
const maxDepth = 64

// The element paths of the invoice-level values, as an [Error] names them.
const (
	PathInvoiceNumber  = "EInvoice/TaxSupervisionInfo/InvoiceNumber"
	PathIssueTime      = "EInvoice/TaxSupervisionInfo/IssueTime"
	PathVATType        = "EInvoice/Header/InherentLabel/GeneralOrSpecialVAT/LabelCode"
	PathIssueType      = "EInvoice/Header/InherentLabel/InIssuType/LabelCode"
	PathSellerTaxID    = "EInvoice/EInvoiceData/SellerInformation/SellerIdNum"
	PathSellerName     = "EInvoice/EInvoiceData/SellerInformation/SellerName"
	PathBuyerTaxID     = "EInvoice/EInvoiceData/BuyerInformation/BuyerIdNum"
	PathBuyerName      = "EInvoice/EInvoiceData/BuyerInformation/BuyerName"
	PathTotalExclVAT   = "EInvoice/EInvoiceData/BasicInformation/TotalAmWithoutTax"
	PathTotalVAT       = "EInvoice/EInvoiceData/BasicInformation/TotalTaxAm"
	PathTotalInclVAT   = "EInvoice/EInvoiceData/BasicInformation/TotalTax-includedAmount"
	PathRemark         = "EInvoice/EInvoiceData/AdditionalInformation/Remark"
	PathOriginalNumber = "EInvoice/EInvoiceData/SpecificInformation/RedEInvoice/OriginalInvoiceCode"
	PathCreditNote     = "EInvoice/EInvoiceData/SpecificInformation/RedEInvoice/CreditNoteNumber"
	PathLine           = "EInvoice/EInvoiceData/IssuItemInformation" // repeated: [n] follows it
)

// containers are the elements that hold the values read, each once.
var containers = map[string]bool{
	"EInvoice/Header": true, "EInvoice/Header/InherentLabel": true,
	"EInvoice/Header/InherentLabel/GeneralOrSpecialVAT": true, "EInvoice/Header/InherentLabel/InIssuType": true,
	"EInvoice/EInvoiceData": true, "EInvoice/EInvoiceData/SellerInformation": true,
	"EInvoice/EInvoiceData/BuyerInformation": true, "EInvoice/EInvoiceData/BasicInformation": true,
	"EInvoice/EInvoiceData/SpecificInformation": true, "EInvoice/EInvoiceData/SpecificInformation/RedEInvoice": true,
	"EInvoice/EInvoiceData/AdditionalInformation": true, "EInvoice/TaxSupervisionInfo": true,
}

// invoiceField sets one invoice-level value from its element's text.
type invoiceField func(p *xmlParser, text string, at position) error

// position is where a value was: its element path and line.
type position struct {
	path string
	line int
}

// invoiceFields are the invoice-level values read, by element path; the
// required ones are checked at the end, in this order.
var invoiceFields = map[string]invoiceField{
	PathInvoiceNumber: func(p *xmlParser, s string, at position) error {
		if !isInvoiceNumber(s) {
			return p.fail(KindBadCode, at, s)
		}
		p.inv.Number = s
		return nil
	},
	PathIssueTime: func(p *xmlParser, s string, at position) error {
		d, t, ok := parseDateTime(s)
		if !ok {
			return p.fail(KindBadDate, at, s)
		}
		p.inv.IssueDate, p.inv.IssueTime = d, t
		return nil
	},
	PathVATType: func(p *xmlParser, s string, at position) error {
		if s != string(Special) && s != string(General) {
			return p.fail(KindBadCode, at, s)
		}
		p.inv.Type = Type(s)
		return nil
	},
	PathIssueType: func(p *xmlParser, s string, at position) error {
		if s != "Y" && s != "N" {
			return p.fail(KindBadCode, at, s)
		}
		p.inv.Red = s == "N"
		return nil
	},
	PathSellerTaxID: func(p *xmlParser, s string, at position) error {
		if !isTaxID(s) {
			return p.fail(KindBadCode, at, s)
		}
		p.inv.Seller.TaxID = s
		return nil
	},
	PathSellerName: nameField(func(inv *Invoice) *string { return &inv.Seller.Name }),
	// Whether the buyer needs a tax id depends on the invoice type, which
	// may come later: see finish.
	PathBuyerTaxID: func(p *xmlParser, s string, at position) error {
		if s != "" && !isTaxID(s) {
			return p.fail(KindBadCode, at, s)
		}
		p.inv.Buyer.TaxID = s
		return nil
	},
	PathBuyerName:    nameField(func(inv *Invoice) *string { return &inv.Buyer.Name }),
	PathTotalExclVAT: totalField(func(inv *Invoice) *decimal.Decimal { return &inv.TotalExclVAT }),
	PathTotalVAT:     totalField(func(inv *Invoice) *decimal.Decimal { return &inv.TotalVAT }),
	PathTotalInclVAT: totalField(func(inv *Invoice) *decimal.Decimal { return &inv.TotalInclVAT }),
	PathRemark: func(p *xmlParser, s string, _ position) error {
		p.inv.Remark = s
		return nil
	},
	PathOriginalNumber: func(p *xmlParser, s string, at position) error {
		if !isInvoiceNumber(s) {
			return p.fail(KindBadCode, at, s)
		}
		p.inv.OriginalNumber = s
		return nil
	},
	PathCreditNote: func(p *xmlParser, s string, _ position) error {
		p.inv.CreditNoteNumber = s
		return nil
	},
}

// requiredFields are the invoice-level elements every invoice has.
var requiredFields = []string{
	PathInvoiceNumber, PathIssueTime, PathVATType, PathIssueType, PathSellerTaxID, PathSellerName,
	PathBuyerName, PathTotalExclVAT, PathTotalVAT, PathTotalInclVAT,
}

func nameField(field func(*Invoice) *string) invoiceField {
	return func(p *xmlParser, s string, at position) error {
		if s == "" {
			return p.fail(KindMissing, at, "")
		}
		*field(p.inv) = s
		return nil
	}
}

func totalField(field func(*Invoice) *decimal.Decimal) invoiceField {
	return func(p *xmlParser, s string, at position) error {
		d, err := p.figure(s, at)
		if err != nil {
			return err
		}
		*field(p.inv) = d
		return nil
	}
}

// lineField sets one value of a line from its element's text.
type lineField struct {
	set      func(p *xmlParser, l *Line, text string, at position) error
	required bool
}

// lineFields are the values of a line read, by element name; the required
// ones are checked at the line's end, in lineOrder.
var lineFields = map[string]lineField{
	"ItemName": {required: true, set: func(p *xmlParser, l *Line, s string, at position) error {
		if s == "" {
			return p.fail(KindMissing, at, "")
		}
		l.ItemName = s
		return nil
	}},
	"SpecMod":                {set: func(_ *xmlParser, l *Line, s string, _ position) error { l.Spec = s; return nil }},
	"MeaUnits":               {set: func(_ *xmlParser, l *Line, s string, _ position) error { l.Unit = s; return nil }},
	"Quantity":               {set: optionalFigure(func(l *Line) *Optional { return &l.Quantity })},
	"UnPrice":                {set: optionalFigure(func(l *Line) *Optional { return &l.UnitPrice })},
	"TotaltaxIncludedAmount": {set: optionalFigure(func(l *Line) *Optional { return &l.TotalInclVAT })},
	"Amount":                 {required: true, set: requiredFigure(func(l *Line) *decimal.Decimal { return &l.Amount })},
	"TaxRate":                {required: true, set: requiredFigure(func(l *Line) *decimal.Decimal { return &l.TaxRate })},
	"ComTaxAm":               {required: true, set: requiredFigure(func(l *Line) *decimal.Decimal { return &l.Tax })},
	"TaxClassificationCode": {required: true, set: func(p *xmlParser, l *Line, s string, at position) error {
		if !isTaxCode(s) {
			return p.fail(KindBadCode, at, s)
		}
		l.TaxCode = s
		return nil
	}},
}

var lineOrder = []string{"ItemName", "Amount", "TaxRate", "ComTaxAm", "TaxClassificationCode"}

func optionalFigure(field func(*Line) *Optional) func(*xmlParser, *Line, string, position) error {
	return func(p *xmlParser, l *Line, s string, at position) error {
		if s == "" {
			return nil // left out, as the platform allows
		}
		d, err := p.figure(s, at)
		if err != nil {
			return err
		}
		*field(l) = Optional{Value: d, Present: true}
		return nil
	}
}

func requiredFigure(field func(*Line) *decimal.Decimal) func(*xmlParser, *Line, string, position) error {
	return func(p *xmlParser, l *Line, s string, at position) error {
		d, err := p.figure(s, at)
		if err != nil {
			return err
		}
		*field(l) = d
		return nil
	}
}

// ReadXML reads one 数电 invoice XML as a buyer downloads it (root
// EInvoice; platforms.md §3). It reads at most MaxXMLSize bytes, refusing a
// larger input before parsing, and refuses a DOCTYPE that declares
// entities; only XML's five predefined entities and character references
// are expanded. Namespaces are ignored: elements match by local name.
// Elements it does not read (SellerAddr, TaxBureauSignature ...) are
// skipped; an element it reads must come once, but IssuItemInformation,
// which comes once per line. Leading and trailing XML whitespace of a
// value is dropped. A Quantity, UnPrice or TotaltaxIncludedAmount that is
// absent or empty is not Present. The buyer's tax id may be absent or
// empty only on a 普票 (02). A red invoice must name the blue one it
// reverses. Any other fault is an [*Error], the first one found; a failure
// to read r is returned wrapped as it is.
func ReadXML(r io.Reader, name string) (*Invoice, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxXMLSize+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if len(data) > MaxXMLSize {
		return nil, &Error{File: name, Kind: KindTooLarge, Err: fmt.Errorf("over %d bytes", MaxXMLSize)}
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	p := &xmlParser{data: data, inv: &Invoice{Source: name}, seen: map[string]int{}, lineAt: 1}
	p.d = xml.NewDecoder(bytes.NewReader(data))
	if err := p.parse(); err != nil {
		return nil, err
	}
	return p.inv, nil
}

// frame is an element being read that ReadXML knows.
type frame struct {
	canon  string         // path without indexes
	path   string         // path with the index of a line
	line   int            // of its start tag
	counts map[string]int // its children so far, by name
	leaf   bool           // a value: its text is collected
	text   strings.Builder
}

type xmlParser struct {
	d     *xml.Decoder
	data  []byte
	inv   *Invoice
	stack []*frame
	skip  int            // depth inside elements not read
	seen  map[string]int // invoice-level paths read, with their line
	line  *Line          // the line being read
	lseen map[string]int // the line's values read
	// lineAt and offAt are where the last line lookup stopped: offsets
	// asked for only grow, so counting never goes back.
	lineAt int
	offAt  int64
}

func (p *xmlParser) fail(k Kind, at position, value string) error {
	return &Error{File: p.inv.Source, Path: at.path, Line: at.line, Value: value, Kind: k}
}

// figure reads a figure; an empty one is missing.
func (p *xmlParser) figure(s string, at position) (decimal.Decimal, error) {
	if s == "" {
		return decimal.Decimal{}, p.fail(KindMissing, at, "")
	}
	d, ok := parseFigure(s)
	if !ok {
		return decimal.Decimal{}, p.fail(KindBadNumber, at, s)
	}
	return d, nil
}

// lineOf returns the 1-based line of byte offset off.
func (p *xmlParser) lineOf(off int64) int {
	if off < p.offAt {
		p.lineAt, p.offAt = 1, 0
	}
	off = min(off, int64(len(p.data)))
	p.lineAt += bytes.Count(p.data[p.offAt:off], []byte("\n"))
	p.offAt = off
	return p.lineAt
}

func (p *xmlParser) syntax(err error) error {
	e := &Error{File: p.inv.Source, Kind: KindNotXML, Err: err}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		e.Line = se.Line
	} else {
		e.Line = p.lineOf(p.d.InputOffset())
	}
	return e
}

func (p *xmlParser) parse() error {
	rootDone := false
	for {
		off := p.d.InputOffset()
		tok, err := p.d.Token()
		if err == io.EOF {
			if !rootDone {
				return &Error{File: p.inv.Source, Kind: KindNotXML, Line: p.lineOf(off), Err: errors.New("no root element")}
			}
			return p.finish()
		}
		if err != nil {
			return p.syntax(err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			if declaresEntity(t) {
				return &Error{File: p.inv.Source, Kind: KindEntity, Line: p.lineOf(off)}
			}
		case xml.StartElement:
			if rootDone {
				return &Error{File: p.inv.Source, Kind: KindNotXML, Line: p.lineOf(off), Path: t.Name.Local,
					Err: errors.New("a second root element")}
			}
			if err := p.start(t.Name.Local, p.lineOf(off)); err != nil {
				return err
			}
		case xml.EndElement:
			if err := p.end(); err != nil {
				return err
			}
			rootDone = len(p.stack) == 0 && p.skip == 0
		case xml.CharData:
			switch {
			case p.skip > 0:
			case len(p.stack) > 0 && p.stack[len(p.stack)-1].leaf:
				p.stack[len(p.stack)-1].text.Write(t)
			case len(p.stack) == 0 && len(bytes.TrimSpace(t)) > 0:
				return &Error{File: p.inv.Source, Kind: KindNotXML, Line: p.lineOf(off), Err: errors.New("text outside the root element")}
			}
		}
	}
}

// declaresEntity reports whether directive d (the text after "<!")
// declares an entity, in a DOCTYPE's internal subset or on its own.
func declaresEntity(d xml.Directive) bool {
	return bytes.HasPrefix(d, []byte("ENTITY")) || bytes.Contains(d, []byte("<!ENTITY"))
}

func (p *xmlParser) start(name string, line int) error {
	if p.skip > 0 {
		if p.skip++; p.skip+len(p.stack) > maxDepth {
			return &Error{File: p.inv.Source, Kind: KindTooLarge, Line: line, Err: fmt.Errorf("elements nested over %d deep", maxDepth)}
		}
		return nil
	}
	if len(p.stack) == 0 {
		if name != "EInvoice" {
			return &Error{File: p.inv.Source, Kind: KindWrongRoot, Path: name, Value: name, Line: line}
		}
		p.inv.Line = line
		p.stack = append(p.stack, &frame{canon: "EInvoice", path: "EInvoice", line: line, counts: map[string]int{}})
		return nil
	}
	parent := p.stack[len(p.stack)-1]
	canon := parent.canon + "/" + name
	_, isField := invoiceFields[canon]
	var isLineField bool
	if parent.canon == PathLine {
		_, isLineField = lineFields[name]
	}
	if !containers[canon] && !isField && !isLineField && canon != PathLine {
		p.skip = 1
		return nil
	}
	parent.counts[name]++
	n := parent.counts[name]
	path := parent.path + "/" + name
	if canon == PathLine {
		path += fmt.Sprintf("[%d]", n)
		p.line = &Line{Path: path, SourceLine: line}
		p.lseen = map[string]int{}
	} else if n > 1 {
		return &Error{File: p.inv.Source, Kind: KindDuplicate, Path: fmt.Sprintf("%s[%d]", path, n), Line: line}
	}
	if !isField && !isLineField {
		p.seen[canon] = line
	}
	p.stack = append(p.stack, &frame{canon: canon, path: path, line: line, counts: map[string]int{}, leaf: isField || isLineField})
	return nil
}

func (p *xmlParser) end() error {
	if p.skip > 0 {
		p.skip--
		return nil
	}
	f := p.stack[len(p.stack)-1]
	p.stack = p.stack[:len(p.stack)-1]
	at := position{path: f.path, line: f.line}
	text := strings.Trim(f.text.String(), " \t\r\n")
	switch {
	case f.leaf && len(p.stack) > 0 && p.stack[len(p.stack)-1].canon == PathLine:
		name := f.canon[len(PathLine)+1:]
		p.lseen[name] = f.line
		return lineFields[name].set(p, p.line, text, at)
	case f.leaf:
		p.seen[f.canon] = f.line
		return invoiceFields[f.canon](p, text, at)
	case f.canon == PathLine:
		for _, name := range lineOrder {
			if _, ok := p.lseen[name]; !ok {
				return &Error{File: p.inv.Source, Kind: KindMissing, Path: f.path + "/" + name, Line: f.line}
			}
		}
		p.inv.Lines = append(p.inv.Lines, *p.line)
		p.line = nil
	}
	return nil
}

// missing returns the error for the absent element at path: its line is
// that of the nearest enclosing element present.
func (p *xmlParser) missing(path string) error {
	line := p.inv.Line
	for parent := path; strings.Contains(parent, "/"); {
		parent = parent[:strings.LastIndex(parent, "/")]
		if l, ok := p.seen[parent]; ok {
			line = l
			break
		}
	}
	return &Error{File: p.inv.Source, Kind: KindMissing, Path: path, Line: line}
}

// finish checks what only the whole invoice tells.
func (p *xmlParser) finish() error {
	for _, path := range requiredFields {
		if _, ok := p.seen[path]; !ok {
			return p.missing(path)
		}
	}
	if p.inv.Type == Special && p.inv.Buyer.TaxID == "" {
		if line, ok := p.seen[PathBuyerTaxID]; ok {
			return &Error{File: p.inv.Source, Kind: KindBadCode, Path: PathBuyerTaxID, Line: line}
		}
		return p.missing(PathBuyerTaxID)
	}
	if p.inv.Red && p.inv.OriginalNumber == "" {
		return p.missing(PathOriginalNumber)
	}
	if len(p.inv.Lines) == 0 {
		return p.missing(PathLine)
	}
	return nil
}
