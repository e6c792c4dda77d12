package pricing

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
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

// ParseEncoding parses an --encoding value: auto, utf-8 (utf8) or gbk
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
	return "", errors.New("is not an encoding: write auto, utf-8 or gbk")
}

// MaxLineLength is the longest line a CSV input may have: a real row is a
// few hundred bytes, so a longer line is a broken or hostile file.
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

// lineLimit fails a read once a line grows past MaxLineLength bytes, so
// that one enormous line cannot exhaust memory.
type lineLimit struct {
	r     io.Reader
	name  string
	lines int // newlines read so far
	run   int // bytes since the last newline
}

func (l *lineLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	chunk := p[:n]
	for {
		i := bytes.IndexByte(chunk, '\n')
		if i < 0 {
			l.run += len(chunk)
			break
		}
		if l.run+i > MaxLineLength {
			l.run += i
			break
		}
		l.lines++
		l.run = 0
		chunk = chunk[i+1:]
	}
	if l.run > MaxLineLength {
		// No bytes with the error: a reader that got the line's end with
		// it would parse the line before seeing the error.
		return 0, &InputError{Source: l.name, Line: l.lines + 1,
			Err: fmt.Errorf("is longer than %d bytes; is the file really CSV?", MaxLineLength)}
	}
	return n, err
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
	cr       *csv.Reader
	index    map[string]int // column key → field index; absent when not in the file
	header   []string
}

// openCSV reads the header of a CSV input and finds the columns by name, in
// any order; columns it does not look for are ignored.
func openCSV(r io.Reader, name string, enc Encoding, columns []column) (*csvTable, error) {
	text, enc, err := decode(&lineLimit{r: r, name: name}, enc)
	if err != nil {
		return nil, readError(name, 0, err)
	}
	cr := csv.NewReader(text)
	cr.ReuseRecord = true
	t := &csvTable{name: name, encoding: enc, cr: cr, index: map[string]int{}}
	header, err := cr.Read()
	if err == io.EOF {
		return nil, &InputError{Source: name, Err: errors.New("is empty: it needs a header row naming the columns")}
	}
	if err != nil {
		return nil, t.csvError(err)
	}
	t.header = append([]string(nil), header...)
	if err := t.checkText(t.header, 1); err != nil {
		return nil, err
	}
	var errs ErrorList
	for i, h := range t.header {
		h = strings.ToLower(strings.TrimSpace(h))
		for _, c := range columns {
			for _, n := range c.names {
				if h != strings.ToLower(n) {
					continue
				}
				if j, dup := t.index[c.key]; dup {
					errs = append(errs, &InputError{Source: name, Line: 1, Field: t.header[i],
						Err: fmt.Errorf("names the %s column again (column %d is %q)", c.key, j+1, t.header[j])})
				}
				t.index[c.key] = i
			}
		}
	}
	for _, c := range columns {
		if _, ok := t.index[c.key]; c.required && !ok {
			errs = append(errs, &InputError{Source: name, Line: 1,
				Err: fmt.Errorf("has no %s column: the header needs one of %s (it has %s)", c.key, strings.Join(c.names, ", "), strings.Join(t.header, ","))})
		}
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return t, nil
}

// has reports whether the file has the column key.
func (t *csvTable) has(key string) bool {
	_, ok := t.index[key]
	return ok
}

// next returns the next record and its line; io.EOF at the end. The record
// is reused by the following call.
func (t *csvTable) next() ([]string, int, error) {
	rec, err := t.cr.Read()
	if err != nil {
		if err == io.EOF {
			return nil, 0, err
		}
		return nil, 0, t.csvError(err)
	}
	line, _ := t.cr.FieldPos(0)
	if err := t.checkText(rec, line); err != nil {
		return nil, line, err
	}
	return rec, line, nil
}

// checkText rejects a record with text that is not valid in its encoding.
func (t *csvTable) checkText(rec []string, line int) error {
	for _, f := range rec {
		if utf8.ValidString(f) && !strings.ContainsRune(f, utf8.RuneError) {
			continue
		}
		hint := "if the file was saved as GBK (Excel on Chinese Windows), give --encoding gbk"
		if t.encoding == GB18030 {
			hint = "the file was read as GBK/GB18030 and has bytes that are not; if it is UTF-8, give --encoding utf-8"
		}
		return &InputError{Source: t.name, Line: line, Err: fmt.Errorf("has text that is not valid %s: %s", t.encoding, hint)}
	}
	return nil
}

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
func (t *csvTable) fieldError(key, value string, err error) *InputError {
	i := t.index[key]
	line, col := t.cr.FieldPos(i)
	return &InputError{Source: t.name, Line: line, Column: col, Field: t.header[i], Value: value, Err: err}
}

// csvError turns an encoding/csv error into an InputError, keeping its line
// and column.
func (t *csvTable) csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		switch {
		case errors.Is(pe.Err, csv.ErrFieldCount):
			msg = fmt.Sprintf("has a different number of fields from the header (%d)", len(t.header))
		case errors.Is(pe.Err, csv.ErrBareQuote):
			msg = `has a bare " in an unquoted field: quote the field and double the " inside it`
		case errors.Is(pe.Err, csv.ErrQuote):
			msg = `has a quoted field that is not closed by a " (a file cut short?)`
		}
		return &InputError{Source: t.name, Line: pe.Line, Column: pe.Column, Err: errors.New(msg)}
	}
	return readError(t.name, 0, err)
}

func readError(name string, line int, err error) error {
	var ie *InputError
	if errors.As(err, &ie) {
		return ie
	}
	return &InputError{Source: name, Line: line, Err: fmt.Errorf("cannot be read: %w", err)}
}
