package pricing

import (
	"bytes"
	"errors"
	"io"
)

// csvScanner reads RFC 4180 CSV records the way encoding/csv does with its
// defaults (comma separator, no comments, the field count fixed by the
// first record, no lazy quotes), but faster on the files this tool reads by
// the million: a line without a quote is split in place, with one
// allocation for the whole record. Lines with quotes take the general path,
// a port of encoding/csv's. A differential fuzz test holds the two to the
// same records and the same errors.
type csvScanner struct {
	r       io.Reader
	buf     []byte
	start   int // first unread byte of buf
	end     int // end of the data in buf
	readErr error
	line    int // lines consumed so far

	fields          int             // fields a record must have; 0 until the first record
	text            []byte          // the record: the line, or for a quoted one its fields unquoted; valid until the next read
	spans           []span          // where each field is in text
	positions       []fieldPosition // where each field is in the file, for a record with quotes; nil otherwise
	recordLine      int             // the line the record starts on
	quotedPositions []fieldPosition // the storage of positions
	quoted          []byte          // the general path's record buffer
	record          []string        // the fields as strings, by read
}

type span struct{ start, end int }

type fieldPosition struct{ line, col int }

// csvSyntaxError is a record that does not follow the CSV syntax.
type csvSyntaxError struct {
	line, col int
	err       error // errBareQuote, errQuote or errFieldCount
}

func (e *csvSyntaxError) Error() string { return e.err.Error() }

var (
	errBareQuote  = errors.New(`bare " in non-quoted-field`)
	errQuote      = errors.New(`extraneous or missing " in quoted-field`)
	errFieldCount = errors.New("wrong number of fields")
	errRecordSize = errors.New("record too long")
)

const scanBufferSize = 256 << 10

func newCSVScanner(r io.Reader) *csvScanner {
	return &csvScanner{r: r, buf: make([]byte, scanBufferSize)}
}

// readLine returns the next line, without its "\n" and with a "\r\n" or a
// final "\r" shortened to "\n" or nothing as encoding/csv does; the slice
// is valid until the next call. It returns io.EOF at the end.
func (s *csvScanner) readLine() ([]byte, bool, error) {
	for {
		if i := bytes.IndexByte(s.buf[s.start:s.end], '\n'); i >= 0 {
			if i > MaxLineLength {
				return nil, false, errRecordSize
			}
			line := s.buf[s.start : s.start+i]
			s.start += i + 1
			s.line++
			if n := len(line); n > 0 && line[n-1] == '\r' {
				line = line[:n-1]
			}
			return line, true, nil
		}
		if s.readErr != nil {
			if s.start == s.end || s.readErr != io.EOF {
				// A line cut off by a failed read is not a record.
				return nil, false, s.readErr
			}
			if s.end-s.start > MaxLineLength {
				return nil, false, errRecordSize
			}
			line := s.buf[s.start:s.end]
			s.start = s.end
			s.line++
			if n := len(line); n > 0 && line[n-1] == '\r' {
				line = line[:n-1]
			}
			return line, false, nil
		}
		if s.end-s.start > MaxLineLength {
			return nil, false, errRecordSize
		}
		s.fill()
	}
}

// fill reads more data, keeping the unread part.
func (s *csvScanner) fill() {
	if s.start > 0 {
		s.end = copy(s.buf, s.buf[s.start:s.end])
		s.start = 0
	}
	if s.end == len(s.buf) {
		grown := make([]byte, 2*len(s.buf))
		copy(grown, s.buf[:s.end])
		s.buf = grown
	}
	n, err := s.r.Read(s.buf[s.end:])
	s.end += n
	if err != nil {
		s.readErr = err
	}
}

// read returns the next record and nil, or io.EOF, or an error: a
// *csvSyntaxError (with the record read so far for a wrong field count, as
// encoding/csv), errRecordSize, or the underlying reader's error. The
// record's strings share one allocation; the slice is valid until the next
// call.
func (s *csvScanner) read() ([]string, error) {
	err := s.readRecord()
	if err != nil && !isFieldCount(err) {
		return nil, err
	}
	str := string(s.text)
	s.record = s.record[:0]
	for _, sp := range s.spans {
		s.record = append(s.record, str[sp.start:sp.end])
	}
	return s.record, err
}

func isFieldCount(err error) bool {
	var se *csvSyntaxError
	return errors.As(err, &se) && se.err == errFieldCount
}

// field returns field i of the record readRecord read, valid until the
// next read.
func (s *csvScanner) field(i int) []byte { return s.text[s.spans[i].start:s.spans[i].end] }

// position returns where field i of the record is.
func (s *csvScanner) position(i int) fieldPosition {
	if s.positions == nil {
		// A line without quotes: the field is where its text is.
		return fieldPosition{s.recordLine, s.spans[i].start + 1}
	}
	return s.positions[i]
}

// readRecord reads the next record into text, spans and positions, with
// the errors of read; it allocates nothing for a line without quotes.
func (s *csvScanner) readRecord() error {
	var (
		line  []byte
		hadNL bool
		err   error
	)
	for {
		line, hadNL, err = s.readLine()
		if err != nil {
			return err
		}
		if len(line) > 0 || !hadNL {
			if len(line) == 0 {
				// A final "\r" alone is an empty line too.
				return io.EOF
			}
			break
		}
	}
	recLine := s.line
	s.recordLine = recLine
	if bytes.IndexByte(line, '"') < 0 {
		s.splitPlain(line)
	} else if err := s.splitQuoted(line, hadNL, recLine); err != nil {
		return err
	}
	if s.fields == 0 {
		s.fields = len(s.spans)
	} else if len(s.spans) != s.fields {
		return &csvSyntaxError{line: recLine, col: 1, err: errFieldCount}
	}
	return nil
}

// splitPlain splits a line without quotes where it is.
func (s *csvScanner) splitPlain(line []byte) {
	s.text = line
	s.spans = s.spans[:0]
	s.positions = nil
	start := 0
	for {
		i := bytes.IndexByte(line[start:], ',')
		if i < 0 {
			s.spans = append(s.spans, span{start, len(line)})
			return
		}
		s.spans = append(s.spans, span{start, start + i})
		start += i + 1
	}
}

// splitQuoted is encoding/csv's field loop, for lines with quotes; it may
// read further lines for a quoted field with line breaks.
func (s *csvScanner) splitQuoted(line []byte, hadNL bool, recLine int) error {
	s.quoted = s.quoted[:0]
	s.spans = s.spans[:0]
	s.positions = s.quotedPositions[:0]
	defer func() { s.quotedPositions = s.positions }()
	prev := 0
	endField := func() {
		s.spans = append(s.spans, span{prev, len(s.quoted)})
		prev = len(s.quoted)
	}
	pos := fieldPosition{line: recLine, col: 1}
	more := hadNL // whether line was ended by a newline (more may follow)
	withNL := func(b []byte, nl bool) []byte {
		if nl {
			return append(b, '\n')
		}
		return b
	}
	cur := withNL(append([]byte(nil), line...), hadNL)
	size := len(cur)
parseField:
	for {
		if len(cur) == 0 || cur[0] != '"' {
			// A field without quotes.
			i := bytes.IndexByte(cur, ',')
			field := cur
			if i >= 0 {
				field = field[:i]
			} else if n := len(field); n > 0 && field[n-1] == '\n' {
				field = field[:n-1]
			}
			if j := bytes.IndexByte(field, '"'); j >= 0 {
				return &csvSyntaxError{line: pos.line, col: pos.col + j, err: errBareQuote}
			}
			s.quoted = append(s.quoted, field...)
			endField()
			s.positions = append(s.positions, pos)
			if i >= 0 {
				cur = cur[i+1:]
				pos.col += i + 1
				continue parseField
			}
			break parseField
		}
		// A quoted field.
		fieldPos := pos
		cur = cur[1:]
		pos.col++
		for {
			if i := bytes.IndexByte(cur, '"'); i >= 0 {
				s.quoted = append(s.quoted, cur[:i]...)
				cur = cur[i+1:]
				pos.col += i + 1
				switch {
				case len(cur) > 0 && cur[0] == '"':
					s.quoted = append(s.quoted, '"')
					cur = cur[1:]
					pos.col++
				case len(cur) > 0 && cur[0] == ',':
					cur = cur[1:]
					pos.col++
					endField()
					s.positions = append(s.positions, fieldPos)
					continue parseField
				case len(cur) == 0 || (len(cur) == 1 && cur[0] == '\n'):
					endField()
					s.positions = append(s.positions, fieldPos)
					break parseField
				default:
					return &csvSyntaxError{line: pos.line, col: pos.col - 1, err: errQuote}
				}
			} else if len(cur) > 0 {
				// The field goes on past the end of the line.
				s.quoted = append(s.quoted, cur...)
				pos.col += len(cur)
				if !more {
					return &csvSyntaxError{line: pos.line, col: pos.col, err: errQuote}
				}
				next, nl, err := s.readLine()
				if err == io.EOF {
					return &csvSyntaxError{line: pos.line, col: pos.col, err: errQuote}
				}
				if err != nil {
					return err
				}
				if size += len(next) + 1; size > MaxLineLength {
					return errRecordSize
				}
				more = nl
				cur = withNL(append(cur[:0], next...), nl)
				if len(cur) > 0 {
					pos.line++
					pos.col = 1
				}
				if len(cur) == 0 {
					return &csvSyntaxError{line: pos.line, col: pos.col, err: errQuote}
				}
			} else {
				return &csvSyntaxError{line: pos.line, col: pos.col, err: errQuote}
			}
		}
	}
	s.text = s.quoted
	return nil
}
