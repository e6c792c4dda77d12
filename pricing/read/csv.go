package read

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"alprice/pricing"
	"alprice/pricing/read/internal/csvscan"
)

// Encoding is the text encoding of a CSV input.
type Encoding string

// The encodings the CSV readers know. GB18030 is a superset of GBK and
// GB2312, what Excel saves on Chinese Windows.
const (
	AutoEncoding Encoding = "auto" // UTF-8 when the start of the file is valid UTF-8, else GB18030
	UTF8         Encoding = "utf-8"
	GB18030      Encoding = "gb18030"
)

// ParseEncoding parses the name of an encoding: auto, utf-8 (utf8) or gbk
// (gb18030, gb2312).
func ParseEncoding(s string) (Encoding, error) {
	switch strings.ToLower(s) {
	case "auto", "":
		return AutoEncoding, nil
	case "utf-8", "utf8":
		return UTF8, nil
	case "gbk", "gb18030", "gb2312":
		return GB18030, nil
	}
	return "", pricing.Errorf("is not an encoding: write auto, utf-8 or gbk")
}

// MaxLineLength is the longest record a CSV input may have: a real row is
// a few hundred bytes, so a longer one is a broken or hostile file.
const MaxLineLength = 1 << 20

// sniffSize is how much of a file decides its encoding under AutoEncoding.
const sniffSize = 64 << 10

var utf8BOM = []byte("\xEF\xBB\xBF")

// decode returns r as UTF-8 text without a byte order mark, and the
// encoding it was read in.
func decode(r io.Reader, enc Encoding) (io.Reader, Encoding, error) {
	br := bufio.NewReaderSize(r, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, enc, err
	}
	if order := utf16Order(head); order != nil {
		return nil, enc, pricing.Errorf("%w (%s): save it as UTF-8 or GBK (GB18030) — in Excel, \"CSV UTF-8\" — and read it again", errUTF16, order)
	}
	if bytes.HasPrefix(head, utf8BOM) {
		br.Discard(len(utf8BOM))
		head = head[len(utf8BOM):]
		if enc == AutoEncoding {
			enc = UTF8
		}
	}
	if enc == AutoEncoding {
		enc = GB18030
		if validUTF8Prefix(head, len(head) == sniffSize) {
			enc = UTF8
		}
	}
	if enc == GB18030 {
		return transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder()), enc, nil
	}
	return br, enc, nil
}

var errUTF16 = pricing.Errorf("is UTF-16 text")

// utf16Order tells whether the start of a file is UTF-16 text, which Excel
// saves as "Unicode text": by its byte order mark, or by NUL bytes in every
// other place, as ASCII characters have them in UTF-16. It returns the byte
// order as an error to wrap in errUTF16, or nil for text that is not UTF-16.
func utf16Order(head []byte) error {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return pricing.Errorf("little-endian, with a byte order mark")
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return pricing.Errorf("big-endian, with a byte order mark")
	}
	n := min(len(head), 1024) &^ 1
	if n < 4 {
		return nil
	}
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if head[i] == 0 {
			even++
		}
		if head[i+1] == 0 {
			odd++
		}
	}
	switch pairs := n / 2; {
	case odd*2 > pairs && even*8 < pairs:
		return pricing.Errorf("little-endian")
	case even*2 > pairs && odd*8 < pairs:
		return pricing.Errorf("big-endian")
	}
	return nil
}

// validUTF8Prefix reports whether b is valid UTF-8, allowing a rune cut
// off at the end when b is only the start of the file.
func validUTF8Prefix(b []byte, truncated bool) bool {
	if truncated {
		for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
			if utf8.Valid(b) {
				return true
			}
			b = b[:len(b)-1]
		}
	}
	return utf8.Valid(b)
}

// column is a column a CSV reader looks for, by any of its names.
type column struct {
	key      string   // the name used in messages and code
	names    []string // header names that mean it, compared case-insensitively
	required bool
}

// csvTable is a CSV input being read, its columns found by name in the
// header row.
type csvTable struct {
	name     string
	encoding Encoding
	sc       *csvscan.Scanner
	index    map[string]int // column key → field index; absent when not in the file
	header   []string
	blank    int // blank rows skipped
}

// openCSV reads the header of a CSV input and finds the columns by name, in
// any order; columns it does not look for are ignored.
func openCSV(r io.Reader, name string, enc Encoding, columns []column) (*csvTable, error) {
	text, enc, err := decode(r, enc)
	if errors.Is(err, errUTF16) {
		return nil, &pricing.InputError{Source: name, Line: 1, Err: err}
	}
	if err != nil {
		return nil, &pricing.InputError{Source: name, Err: pricing.Errorf("cannot be read: %w", err)}
	}
	t := &csvTable{name: name, encoding: enc, sc: csvscan.New(text, MaxLineLength), index: map[string]int{}}
	header, err := t.sc.Read()
	if err == io.EOF {
		return nil, &pricing.InputError{Source: name, Err: pricing.Errorf("is empty: it needs a header row naming the columns")}
	}
	if err != nil {
		return nil, t.csvError(err)
	}
	t.header = append([]string(nil), header...)
	if err := t.checkText(t.sc.Text(), 1); err != nil {
		return nil, err
	}
	var errs pricing.ErrorList
	for i, h := range t.header {
		h = headerKey(h)
		for _, c := range columns {
			for _, n := range c.names {
				if h != headerKey(n) {
					continue
				}
				if j, dup := t.index[c.key]; dup {
					errs = append(errs, &pricing.InputError{Source: name, Line: 1, Field: t.header[i],
						Err: pricing.Errorf("names the %s column again (column %d is %q)", c.key, j+1, t.header[j])})
				}
				t.index[c.key] = i
			}
		}
	}
	for _, c := range columns {
		if _, ok := t.index[c.key]; c.required && !ok {
			errs = append(errs, &pricing.InputError{Source: name, Line: 1,
				Err: pricing.Errorf("has no %s column: the header needs one of %s (it has %s)", c.key, strings.Join(c.names, ", "), pricing.Clip(strings.Join(t.header, ",")))})
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

// headerKey is a header name as columns are matched: case, spaces and
// full-width brackets do not count, so that 出厂重量（kg）, 出厂重量 (kg) and
// 出厂重量(KG) are one name.
func headerKey(h string) string {
	return strings.Join(strings.Fields(halfWidthBrackets.Replace(strings.ToLower(h))), "")
}

var halfWidthBrackets = strings.NewReplacer("（", "(", "）", ")", "［", "[", "］", "]")

// has reports whether the file has the column key.
func (t *csvTable) has(key string) bool {
	_, ok := t.index[key]
	return ok
}

// rowProblem is an error about one record only (text not valid in the
// file's encoding, a wrong number of fields): that row is bad, but the file
// can be read on.
type rowProblem struct{ error }

func (p rowProblem) Unwrap() error { return p.error }

// Marked makes rowProblem a [pricing.Marker]: it adds no words.
func (p rowProblem) Marked() error { return p.error }

// isRowProblem reports whether err is about one record only.
func isRowProblem(err error) bool {
	var p rowProblem
	return errors.As(err, &p)
}

// next returns the next record and its line; io.EOF at the end. The record
// is reused by the following call. An error for which isRowProblem is true
// is about that record only; any other ends the file.
func (t *csvTable) next() ([]string, int, error) {
	line, err := t.nextBytes(false)
	if err != nil {
		return nil, line, err
	}
	return t.sc.Record(), line, nil
}

// eachRow calls row with every record, in order, and returns the problems
// of the bad ones, as an ErrorList: the records the scanner found bad, and
// the problems row returns. It stops at an error that ends the file, the
// last in the list.
func (t *csvTable) eachRow(row func(rec []string, line int) pricing.ErrorList) pricing.ErrorList {
	var errs pricing.ErrorList
	for {
		rec, line, err := t.next()
		switch {
		case err == io.EOF:
			return errs
		case isRowProblem(err):
			errs = append(errs, pricing.AsInputError(t.name, err))
		case err != nil:
			return append(errs, pricing.AsInputError(t.name, err))
		default:
			errs = append(errs, row(rec, line)...)
		}
	}
}

// nextBytes is next without strings: the record's fields are
// t.sc.Field(i), valid until the following call. A record whose every
// field is empty — the blank row a spreadsheet leaves, ",,,,," — is
// skipped and counted in t.blank. With laterText, a well-formed record's
// text is not checked here: the caller checks it (checkText), maybe on
// another goroutine.
func (t *csvTable) nextBytes(laterText bool) (int, error) {
	for {
		err := t.sc.ReadRecord()
		if err != nil && !csvscan.IsFieldCount(err) {
			if err == io.EOF {
				return 0, err
			}
			return 0, t.csvError(err)
		}
		line := t.sc.RecordLine()
		if t.blankRecord() {
			t.blank++
			continue
		}
		if err != nil || !laterText {
			if textErr := t.checkText(t.sc.Text(), line); textErr != nil {
				return line, textErr
			}
		}
		if err != nil {
			return line, t.csvError(err)
		}
		return line, nil
	}
}

// blankRecord reports whether every field of the record is empty or space.
func (t *csvTable) blankRecord() bool {
	for i := range t.sc.NumFields() {
		if len(trimSpace(t.sc.Field(i))) > 0 {
			return false
		}
	}
	return true
}

// checkText rejects a record with text that is not valid in its encoding:
// invalid UTF-8, or the replacement character a decoder puts for bytes that
// are not GB18030.
func (t *csvTable) checkText(text []byte, line int) error {
	if validText(text) {
		return nil
	}
	return &pricing.InputError{Source: t.name, Line: line, Err: rowProblem{&EncodingError{Read: t.encoding}}}
}

// EncodingError is text that is not valid in the encoding the file was
// read in. The caller, who knows how the encoding is chosen, may add a
// hint to the InputError that carries it.
type EncodingError struct {
	Read Encoding // the encoding the file was read in: UTF8 or GB18030
}

func (e *EncodingError) Error() string { return pricing.Say(e, nil) }

func (e *EncodingError) Template() *pricing.Error {
	if e.Read == GB18030 {
		return &pricing.Error{Template: "has text that is not valid gb18030: the file was read as GBK/GB18030 and has bytes that are not", Args: nil}
	}
	return &pricing.Error{Template: "has text that is not valid utf-8", Args: nil}
}

// validText reports whether s is valid UTF-8 without U+FFFD, the
// replacement character a decoder puts for bytes it cannot read.
func validText(b []byte) bool {
	return utf8.Valid(b) && !bytes.Contains(b, replacementChar)
}

var replacementChar = []byte("\uFFFD")

// field returns the trimmed text of column key in rec, or "" when the file
// has no such column.
func (t *csvTable) field(rec []string, key string) string {
	i, ok := t.index[key]
	if !ok {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// fieldError reports a bad value in column key of the record last read.
func (t *csvTable) fieldError(key, value string, err error) *pricing.InputError {
	return t.fieldErrorAt(t.sc.Position(t.index[key]), key, value, err)
}

// headers returns the header's name of each key the table has.
func (t *csvTable) headers() map[string]string {
	names := make(map[string]string, len(t.index))
	for key, i := range t.index {
		names[key] = t.header[i]
	}
	return names
}

// fieldErrorAt reports a bad value at pos, in column key of a row read
// earlier.
func (t *csvTable) fieldErrorAt(pos csvscan.Position, key, value string, err error) *pricing.InputError {
	return &pricing.InputError{Source: t.name, Line: pos.Line, Column: pos.Col, Field: t.header[t.index[key]], Value: value, Err: err}
}

// csvError turns a scanner error into an InputError with its line and
// column.
func (t *csvTable) csvError(err error) error {
	var se *csvscan.SyntaxError
	switch {
	case errors.As(err, &se):
		var problem error
		switch se.Err {
		case csvscan.ErrFieldCount:
			problem = pricing.Errorf("has %d fields, not %d as the header", t.sc.NumFields(), len(t.header))
			if t.sc.NumFields() > len(t.header) {
				problem = pricing.Errorf("has %d fields, not %d as the header (a value with a comma, such as 24,389.00, must be in double quotes)", t.sc.NumFields(), len(t.header))
			}
			return &pricing.InputError{Source: t.name, Line: se.Line, Err: rowProblem{problem}}
		case csvscan.ErrBareQuote:
			problem = pricing.Errorf(`has a bare " in an unquoted field: quote the field and double the " inside it`)
		default: // csvscan.ErrQuote
			if se.Unclosed {
				return &pricing.InputError{Source: t.name, Line: se.Start.Line, Column: se.Start.Col, Err: pricing.Errorf(
					`has a quoted field that starts here and is not closed by a "; the file ends at line %d, column %d (a file cut short?)`, se.Line, se.Col)}
			}
			problem = pricing.Errorf(`has a " inside a quoted field that is not doubled ("" stands for one ") nor followed by a comma`)
		}
		return &pricing.InputError{Source: t.name, Line: se.Line, Column: se.Col, Err: problem}
	case errors.Is(err, csvscan.ErrRecordSize):
		return &pricing.InputError{Source: t.name, Line: t.sc.Line() + 1, Err: pricing.Errorf("is longer than %d bytes; is the file really CSV?", MaxLineLength)}
	}
	return &pricing.InputError{Source: t.name, Err: pricing.Errorf("cannot be read: %w", err)}
}
