package template

import (
	"fmt"
	"strconv"
	"strings"
)

// Kind says what went wrong; the caller maps each kind to a message of
// its own catalogue. The zero Kind is never used.
type Kind int

// The kinds of [Error]. Which fields of the error are set is said per kind.
const (
	// KindCorrupt: the file is not a readable xlsx workbook (not a zip,
	// a part missing or not well-formed XML). Err holds the cause.
	KindCorrupt Kind = iota + 1
	// KindTooLarge: the file, or what it unzips to, is over Limit bytes.
	KindTooLarge
	// KindMissingSheet: the workbook has no sheet named Sheet.
	KindMissingSheet
	// KindMissingVersion: the excelVersion sheet has no version in A4.
	KindMissingVersion
	// KindMissingHeader: row 3 of Sheet has no column headed Header.
	KindMissingHeader
	// KindUnknownHeader: a [Row] for Sheet has the key Header, which is no
	// column of the template; Row is the sheet row it was meant for.
	KindUnknownHeader
	// KindTemplateHasData: the template already holds data in row Row of
	// Sheet (a filled workbook given as a blank).
	KindTemplateHasData
	// KindTooLong: Value has more characters than Limit in column Header
	// of row Row.
	KindTooLong
	// KindRequired: the required column Header of row Row is empty.
	KindRequired
	// KindBadChar: Value, for column Header of row Row, holds Char, which
	// XML 1.0 cannot carry (a control character, U+FFFE, U+FFFF or a
	// byte that is not UTF-8, reported as U+FFFD).
	KindBadChar
	// KindTooManyRows: more rows for Sheet than a worksheet holds; Limit is
	// the most that fit.
	KindTooManyRows
	// KindUnreadableCell: the cell in column Header (letter Column) of row
	// Row cannot be read back as the text it shows: a formula, an error
	// value, a boolean, a date, or a number that is not plain decimal text
	// of at most 15 significant digits. Value is its stored text.
	KindUnreadableCell
	// KindUnexpectedData: a value sits where alprice never writes one: in
	// a column without a header (Column set, Header empty), or in the data
	// rows of a sheet it does not fill. Value is the value.
	KindUnexpectedData
)

var kindNames = [...]string{
	KindCorrupt:         "corrupt",
	KindTooLarge:        "too large",
	KindMissingSheet:    "missing sheet",
	KindMissingVersion:  "missing version",
	KindMissingHeader:   "missing header",
	KindUnknownHeader:   "unknown header",
	KindTemplateHasData: "template has data",
	KindTooLong:         "too long",
	KindRequired:        "required",
	KindBadChar:         "bad character",
	KindTooManyRows:     "too many rows",
	KindUnreadableCell:  "unreadable cell",
	KindUnexpectedData:  "unexpected data",
}

// String returns the kind's English name, for developers.
func (k Kind) String() string {
	if k > 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Error is every error this package returns. Fields that do not apply to
// the Kind are zero. Its Error method is an English string for developers;
// people are told through the caller's catalogue.
type Error struct {
	Kind   Kind
	Name   string // the file name given to Open or ReadBack; empty for Fill and Check
	Sheet  string // the sheet name
	Header string // the column's header key (see [Key])
	Column string // the column letter, e.g. "W"
	Row    int    // the 1-based sheet row; data starts at [FirstDataRow]
	Limit  int64  // characters for KindTooLong, bytes for KindTooLarge, rows for KindTooManyRows
	Value  string // the offending value, as given
	Char   rune   // the offending character for KindBadChar
	Err    error  // the underlying cause, if any
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("template")
	if e.Name != "" {
		b.WriteString(": " + e.Name)
	}
	if e.Sheet != "" {
		b.WriteString(": sheet " + e.Sheet)
	}
	if e.Row > 0 {
		b.WriteString(" row " + strconv.Itoa(e.Row))
	}
	if e.Header != "" {
		b.WriteString(" column " + e.Header)
	} else if e.Column != "" {
		b.WriteString(" column " + e.Column)
	}
	b.WriteString(": " + e.Kind.String())
	switch e.Kind {
	case KindTooLarge:
		fmt.Fprintf(&b, " (over %d bytes)", e.Limit)
	case KindTooManyRows:
		fmt.Fprintf(&b, " (at most %d)", e.Limit)
	case KindTooLong:
		fmt.Fprintf(&b, " (%d characters, at most %d)", len([]rune(e.Value)), e.Limit)
	case KindBadChar:
		fmt.Fprintf(&b, " (%U)", e.Char)
	}
	if e.Value != "" && e.Kind != KindTooLong {
		v := []rune(e.Value)
		if len(v) > 40 {
			v = append(v[:40], '…')
		}
		b.WriteString(" " + strconv.Quote(string(v)))
	}
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying cause, if any.
func (e *Error) Unwrap() error { return e.Err }
