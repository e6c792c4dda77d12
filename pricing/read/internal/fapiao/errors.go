package fapiao

import (
	"fmt"
	"strconv"
)

// Kind says what is wrong with an input, for the caller to map to a
// message in the user's language.
type Kind int

// The kinds of [Error].
const (
	KindNotXML      Kind = iota + 1 // not well-formed XML, or not UTF-8
	KindWrongRoot                   // the root element is not EInvoice
	KindMissing                     // a required element or column is absent
	KindBadNumber                   // a figure outside the strict syntax
	KindBadDate                     // a date that is not a real YYYY-MM-DD
	KindBadCode                     // a label code, invoice number, tax id or tax code of the wrong form
	KindTooLarge                    // over MaxXMLSize or MaxXLSXSize, or nested too deep
	KindEntity                      // a DOCTYPE declaring entities
	KindDuplicate                   // a second copy of an element that comes once
	KindNotWorkbook                 // not an xlsx workbook excelize can open
	KindNoSheet                     // the workbook has no sheet 信息汇总表
	KindConflict                    // rows of one invoice disagree on an invoice-level column
	KindBadCell                     // a cell of the sheet whose XML is broken (a character XML does not allow)
)

var kindNames = map[Kind]string{
	KindNotXML: "not-xml", KindWrongRoot: "wrong-root", KindMissing: "missing", KindBadNumber: "bad-number",
	KindBadDate: "bad-date", KindBadCode: "bad-code", KindTooLarge: "too-large", KindEntity: "entity",
	KindDuplicate: "duplicate", KindNotWorkbook: "not-workbook", KindNoSheet: "no-sheet", KindConflict: "conflict",
	KindBadCell: "bad-cell",
}

// String returns the kind's stable short name (e.g. "bad-number"), as
// testdata/invoices-xml/expected.json spells it.
func (k Kind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Error is one bad thing in an input. File is the name given to the
// reader; Path the element path with 1-based indexes on repeated elements
// (EInvoice/EInvoiceData/IssuItemInformation[3]/Amount), or for a workbook
// the sheet and column header (信息汇总表/金额); Line the 1-based line of
// the XML or row of the sheet, 0 when unknown; Value the offending text,
// empty when it is missing; Cell, for a workbook, the cell as a
// spreadsheet names it (B7), empty when the fault is in no one cell. Err, when not nil, is the underlying error of
// encoding/xml or excelize. Error() is for developers; people get the
// message the caller maps Kind to.
type Error struct {
	File  string
	Path  string
	Value string
	Cell  string
	Line  int
	Kind  Kind
	Err   error
}

var kindText = map[Kind]string{
	KindNotXML: "is not well-formed UTF-8 XML", KindWrongRoot: "root element is not EInvoice",
	KindMissing: "is missing", KindBadNumber: "is not a plain decimal number",
	KindBadDate: "is not a date YYYY-MM-DD", KindBadCode: "is not a valid code",
	KindTooLarge: "is too large", KindEntity: "declares entities in its DOCTYPE",
	KindDuplicate: "appears more than once", KindNotWorkbook: "is not an xlsx workbook",
	KindNoSheet: "has no sheet 信息汇总表", KindConflict: "differs between rows of one invoice",
	KindBadCell: "cannot be read",
}

func (e *Error) Error() string {
	s := e.File
	if e.Line > 0 {
		s += ":" + strconv.Itoa(e.Line)
	}
	if e.Path != "" {
		s += ": " + e.Path
	}
	if e.Cell != "" {
		s += " (" + e.Cell + ")"
	}
	s += " " + kindText[e.Kind]
	if e.Value != "" {
		s += fmt.Sprintf(" (%.100q)", e.Value)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying error, if any.
func (e *Error) Unwrap() error { return e.Err }
