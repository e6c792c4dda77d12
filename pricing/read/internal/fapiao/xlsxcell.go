package fapiao

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsxBook is an xlsx workbook as stored, its parts found by its
// relationships, each part unzipped as it is read, all of them together
// at most UnzipSizeLimit bytes (counted as they come, not as the zip
// states them).
type xlsxBook struct {
	zr       *zip.Reader
	left     int64 // bytes that may still be unzipped
	sheets   []string
	sheet    *zip.File // the worksheet SummarySheet, nil when none
	strings  *zip.File // the shared strings, nil when none
	unzipErr error
}

var errUnzipSize = fmt.Errorf("unzips to more than %d bytes", UnzipSizeLimit)

func openWorkbook(stored []byte) (*xlsxBook, error) {
	zr, err := zip.NewReader(bytes.NewReader(stored), int64(len(stored)))
	if err != nil {
		return nil, err
	}
	wb := &xlsxBook{zr: zr, left: UnzipSizeLimit}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
	}
	const main = "xl/workbook.xml"
	if files[main] == nil {
		return nil, errors.New("no part " + main)
	}
	id := ""
	if err := wb.eachStart(files[main], func(e *token) {
		if string(e.local) == "sheet" {
			name := string(e.attr("name"))
			wb.sheets = append(wb.sheets, name)
			if name == SummarySheet && id == "" {
				id = string(e.attr("id"))
			}
		}
	}); err != nil {
		return nil, err
	}
	if err := wb.eachStart(files["xl/_rels/workbook.xml.rels"], func(e *token) {
		if string(e.local) != "Relationship" {
			return
		}
		target := string(e.attr("Target"))
		if strings.HasPrefix(target, "/") {
			target = strings.TrimPrefix(target, "/")
		} else {
			target = path.Join(path.Dir(main), target)
		}
		switch {
		case id != "" && string(e.attr("Id")) == id:
			wb.sheet = files[target]
		case strings.HasSuffix(string(e.attr("Type")), "/sharedStrings"):
			wb.strings = files[target]
		}
	}); err != nil {
		return nil, err
	}
	return wb, nil
}

// open unzips part as it is read, within what may still be unzipped, a
// goroutine unzipping the next chunks while the caller reads the last.
func (wb *xlsxBook) open(part *zip.File) (io.ReadCloser, error) {
	r, err := part.Open()
	if err != nil {
		return nil, err
	}
	return newReadAhead(&budgetReader{r: r, wb: wb}, chunkSize(part)), nil
}

// chunkSize is the size of the chunks part is read in: readAheadSize, or
// less for a smaller part (by the size the zip states: a hint only).
func chunkSize(part *zip.File) int {
	return int(min(readAheadSize, max(4<<10, part.UncompressedSize64+1)))
}

// readAhead reads r on a goroutine of its own, up to readAheadChunks
// chunks ahead of its reader. Close stops the goroutine, then closes r.
type readAhead struct {
	r      io.ReadCloser
	chunks chan aheadChunk
	free   chan []byte
	done   chan struct{} // closed by Close
	exited chan struct{} // closed by the goroutine
	cur    []byte        // what is left of the chunk being read
	buf    []byte        // that chunk, given back once read
	err    error
}

type aheadChunk struct {
	b   []byte
	err error
}

const (
	readAheadChunks = 4
	readAheadSize   = 256 << 10
)

func newReadAhead(r io.ReadCloser, size int) *readAhead {
	ra := &readAhead{r: r, chunks: make(chan aheadChunk, readAheadChunks), free: make(chan []byte, readAheadChunks),
		done: make(chan struct{}), exited: make(chan struct{})}
	for range readAheadChunks {
		ra.free <- make([]byte, size)
	}
	go ra.fill()
	return ra
}

func (ra *readAhead) fill() {
	defer close(ra.exited)
	for {
		var b []byte
		select {
		case b = <-ra.free:
		case <-ra.done:
			return
		}
		n, err := io.ReadAtLeast(ra.r, b, 1)
		if err == nil && n < len(b) {
			var m int // fill the chunk while it reads without waiting
			m, err = io.ReadFull(ra.r, b[n:])
			n += m
			if err == io.ErrUnexpectedEOF {
				err = io.EOF
			}
		}
		select {
		case ra.chunks <- aheadChunk{b[:n], err}:
		case <-ra.done:
			return
		}
		if err != nil {
			return
		}
	}
}

func (ra *readAhead) Read(p []byte) (int, error) {
	for len(ra.cur) == 0 {
		if ra.buf != nil {
			ra.free <- ra.buf[:cap(ra.buf)]
			ra.buf = nil
		}
		if ra.err != nil {
			return 0, ra.err
		}
		c := <-ra.chunks
		ra.cur, ra.buf, ra.err = c.b, c.b, c.err
	}
	n := copy(p, ra.cur)
	ra.cur = ra.cur[n:]
	return n, nil
}

func (ra *readAhead) Close() error {
	close(ra.done)
	<-ra.exited
	return ra.r.Close()
}

type budgetReader struct {
	r  io.ReadCloser
	wb *xlsxBook
}

func (b *budgetReader) Read(p []byte) (int, error) {
	if b.wb.left <= 0 {
		b.wb.unzipErr = errUnzipSize
		return 0, errUnzipSize
	}
	if int64(len(p)) > b.wb.left {
		p = p[:b.wb.left]
	}
	n, err := b.r.Read(p)
	b.wb.left -= int64(n)
	return n, err
}

func (b *budgetReader) Close() error { return b.r.Close() }

// eachStart calls fn with every start tag of part (a small part: the
// workbook, its relationships); no part is no call.
func (wb *xlsxBook) eachStart(part *zip.File, fn func(*token)) error {
	if part == nil {
		return nil
	}
	return wb.tokens(part, func(tz tokenizer) error {
		for {
			t, err := tz.next()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if t.kind == tokStart {
				fn(t)
			}
		}
	})
}

// tokens reads part with the fast scanner, and again from its start with
// encoding/xml should the fast one not take it: read must start afresh
// each time it is called.
func (wb *xlsxBook) tokens(part *zip.File, read func(tokenizer) error) error {
	for _, fast := range []bool{true, false} {
		r, err := wb.open(part)
		if err != nil {
			return err
		}
		var tz tokenizer = newXMLTokens(r)
		if fast {
			tz = newFastTokens(r, chunkSize(part))
		}
		err = read(tz)
		r.Close()
		if wb.unzipErr != nil {
			return wb.unzipErr
		}
		if !errors.Is(err, errSlow) {
			return err
		}
	}
	panic("unreachable: encoding/xml gave errSlow")
}

// breakError is where a part's XML breaks: the cell of the sheet being
// read (none when the break is outside a cell) and the parser's error.
type breakError struct {
	at  badCell
	err error
}

func (b *breakError) Error() string { return b.err.Error() }

// badCell is a cell as a spreadsheet shows it: B7, its row and column,
// and what is wrong there.
type badCell struct {
	ref    string // the cell, "" when outside any cell
	row    int    // the row, 0 when unknown
	col    int    // the 1-based column, 0 when unknown
	what   string // what is wrong, in a parser's words: "illegal character code U+0001"
	inCell bool   // in a cell, not yet named (ref)
}

// named is at with its cell named (ref), when in one.
func (at badCell) named() badCell {
	if at.inCell {
		at.ref, _ = excelize.CoordinatesToCellName(max(at.col, 1), max(at.row, 1))
		at.inCell = false
	}
	return at
}

// refColumn is the 1-based column of a cell reference (C of C7), as
// excelize reads it: letters of either case, then the row's digits.
func refColumn(ref []byte) (int, bool) {
	col, n := 0, 0
	for n < len(ref) {
		c := ref[n] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a') + 1
		n++
		if col > excelize.MaxColumns {
			return 0, false
		}
	}
	if n == 0 || n == len(ref) {
		return 0, false
	}
	row := 0
	for _, c := range ref[n:] {
		if c < '0' || c > '9' {
			return 0, false
		}
		row = row*10 + int(c-'0')
		if row > maxRows {
			return 0, false
		}
	}
	return col, row >= 1
}

// sharedStrings reads the shared strings part into a table, each string
// as a spreadsheet shows it (its runs joined, _xHHHH_ escapes replaced).
// It is held whole, so it may unzip to at most UnzipXMLSizeLimit bytes.
// Where its XML breaks, the error is a *breakError of index the string's.
func (wb *xlsxBook) sharedStrings() (table []string, broken int, err error) {
	if wb.strings == nil {
		return nil, -1, nil
	}
	if wb.strings.UncompressedSize64 > UnzipXMLSizeLimit {
		return nil, -1, fmt.Errorf("its shared strings unzip to more than %d bytes", UnzipXMLSizeLimit)
	}
	broken = -1
	err = wb.tokens(wb.strings, func(tz tokenizer) error {
		table, broken = table[:0], -1
		var rt richText
		depth := 0
		for {
			t, err := tz.next()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				broken = len(table)
				return err
			}
			switch t.kind {
			case tokStart:
				depth++
				if depth == 2 && string(t.local) == "si" {
					rt.reset(depth)
				} else {
					rt.start(t, depth)
				}
			case tokEnd:
				if depth == 2 && rt.depth == 2 {
					table = append(table, rt.String())
					rt.depth = 0
				} else {
					rt.end(depth)
				}
				depth--
			case tokText:
				rt.text(t.text, depth)
			}
		}
	})
	return table, broken, err
}

// richText gathers the text of a string item (<si>, <is>) as excelize
// does: its <t>, then the <t> of each run <r>; phonetic runs left out.
type richText struct {
	depth        int // of the item; 0 when none is read
	t, runs, run []byte
	inT, inRunT  bool
	runDepth     int
}

func (r *richText) reset(depth int) {
	*r = richText{depth: depth, t: r.t[:0], runs: r.runs[:0], run: r.run[:0]}
}

func (r *richText) start(t *token, depth int) {
	switch {
	case r.depth == 0:
	case depth == r.depth+1 && string(t.local) == "t":
		r.t, r.inT = r.t[:0], true // the last <t> is the one kept
	case depth == r.depth+1 && string(t.local) == "r":
		r.runDepth, r.run = depth, r.run[:0]
	case r.runDepth != 0 && depth == r.runDepth+1 && string(t.local) == "t":
		r.run, r.inRunT = r.run[:0], true
	}
}

func (r *richText) end(depth int) {
	switch {
	case r.depth == 0:
	case r.inT && depth == r.depth+1:
		r.inT = false
	case r.inRunT && depth == r.runDepth+1:
		r.inRunT = false
	case r.runDepth != 0 && depth == r.runDepth:
		r.runs = append(r.runs, r.run...)
		r.runDepth = 0
	}
}

func (r *richText) text(b []byte, depth int) {
	switch {
	case r.inT && depth == r.depth+1:
		r.t = append(r.t, b...)
	case r.inRunT && depth == r.runDepth+1:
		r.run = append(r.run, b...)
	}
}

func (r *richText) String() string {
	if len(r.t)+len(r.runs) == 0 {
		return ""
	}
	return unescapeBstr(string(r.t) + string(r.runs))
}

// unescapeBstr replaces the escapes _xHHHH_ a workbook writes for
// characters XML cannot hold (_x000D_), and _x005F_ for '_', as excelize
// reads them.
func unescapeBstr(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' && isHex4(s[i+2:i+6]) {
			// A surrogate is dropped, as excelize drops it.
			if v, err := strconv.Unquote(`"\u` + s[i+2:i+6] + `"`); err == nil {
				b.WriteString(v)
			}
			i += 7
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func isHex4(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return len(s) == 4
}

// sheetRow is a row of the sheet as read: its number, its cells' values
// by 0-based column ("" for none), and whether each holds a number (no
// type, or n), whose text is then a binary double's.
type sheetRow struct {
	row    int
	values []string
	number []bool
}

// maxRows is the last row a worksheet may have.
const maxRows = excelize.TotalRows

// walkSheet reads the sheet's rows in order, the values of shared string
// cells from sst, calling row for each (its slices reused between rows);
// an error of row stops it. Where the sheet's XML breaks, the error is a
// *breakError naming the cell.
func walkSheet(tz tokenizer, sst []string, row func(*sheetRow) error) error {
	var (
		r                      sheetRow
		depth, dataDepth       int
		rowDepth, cellDepth    int
		vDepth, isDepth        int
		col                    int
		typ                    string
		v                      []byte
		hasIS                  bool
		is                     richText
		at                     badCell // the cell being read
		inRow                  bool
		sheetDataEnded, inCell bool
	)
	for {
		t, err := tz.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var se *xml.SyntaxError
			if !errors.As(err, &se) {
				return err
			}
			if !inCell {
				at = badCell{row: at.row}
			}
			at.what = se.Msg
			return &breakError{at: at.named(), err: err}
		}
		switch t.kind {
		case tokStart:
			depth++
			local := string(t.local)
			switch {
			case dataDepth == 0 && !sheetDataEnded && local == "sheetData":
				dataDepth = depth
			case dataDepth != 0 && depth == dataDepth+1 && local == "row":
				inRow, rowDepth, col = true, depth, 0
				r.values, r.number = r.values[:0], r.number[:0]
				if a := t.attr("r"); a != nil {
					n, err := strconv.Atoi(string(a))
					if err != nil {
						return &breakError{at: badCell{row: r.row + 1}, err: fmt.Errorf("row number %q", a)}
					}
					r.row = n
				} else {
					r.row++
				}
				if r.row > maxRows || r.row < 1 {
					return &breakError{at: badCell{row: r.row}, err: fmt.Errorf("row number %d", r.row)}
				}
				at = badCell{row: r.row}
			case inRow && depth == rowDepth+1 && local == "c":
				inCell, cellDepth = true, depth
				col++
				if a := t.attr("r"); a != nil {
					c, ok := refColumn(a)
					if !ok {
						return &breakError{at: badCell{row: r.row}, err: fmt.Errorf("cell reference %q", a)}
					}
					col = c
				}
				at = badCell{row: r.row, col: col, inCell: true}
				typ = string(t.attr("t"))
				v, hasIS, vDepth, isDepth = v[:0], false, 0, 0
			case inCell && depth == cellDepth+1 && local == "v":
				vDepth, v = depth, v[:0]
			case inCell && depth == cellDepth+1 && local == "is":
				isDepth, hasIS = depth, true
				is.reset(depth)
			case isDepth != 0:
				is.start(t, depth)
			}
		case tokText:
			switch {
			case vDepth != 0 && depth == vDepth:
				v = append(v, t.text...)
			case isDepth != 0:
				is.text(t.text, depth)
			}
		case tokEnd:
			switch {
			case vDepth != 0 && depth == vDepth:
				vDepth = 0
			case isDepth != 0 && depth == isDepth:
				isDepth = 0
			case isDepth != 0:
				is.end(depth)
			case inCell && depth == cellDepth:
				inCell = false
				value, number, err := cellValue(typ, v, hasIS, &is, sst)
				if err != nil {
					return &breakError{at: at.named(), err: err}
				}
				for len(r.values) < col {
					r.values, r.number = append(r.values, ""), append(r.number, false)
				}
				r.values[col-1], r.number[col-1] = value, number
				at = badCell{row: r.row}
			case inRow && depth == rowDepth:
				inRow = false
				if err := row(&r); err != nil {
					return err
				}
			case dataDepth != 0 && depth == dataDepth:
				dataDepth, sheetDataEnded = 0, true
			}
			depth--
		}
	}
}

// errNoString is a shared string cell pointing to no string of the table.
var errNoString = errors.New("shows a shared string the workbook does not have")

// cellValue is the value of a cell of type typ as excelize reads it raw:
// a shared string by its index v, an inline string its text, any other
// its <v>; number when its type says a number (none, n).
func cellValue(typ string, v []byte, hasIS bool, is *richText, sst []string) (string, bool, error) {
	switch typ {
	case "s":
		if len(v) == 0 {
			return "", false, nil
		}
		i, err := strconv.Atoi(strings.TrimSpace(string(v)))
		if err != nil || i < 0 || i >= len(sst) {
			return "", false, errNoString
		}
		return sst[i], false, nil
	case "inlineStr":
		if hasIS {
			return is.String(), false, nil
		}
		return string(v), false, nil
	case "b", "d", "e", "str":
		return string(v), false, nil
	}
	return string(v), true, nil
}

// findSharedString finds the first cell of the sheet that shows shared
// string index, for a break in the string's XML: false when none does.
func findSharedString(tz tokenizer, index int) (badCell, bool, error) {
	var (
		row, col    int
		shared, inV bool
		v           []byte
	)
	for {
		t, err := tz.next()
		if err == io.EOF {
			return badCell{}, false, nil
		}
		if err != nil {
			return badCell{}, false, err
		}
		switch t.kind {
		case tokStart:
			switch string(t.local) {
			case "row":
				if n, err := strconv.Atoi(string(t.attr("r"))); err == nil {
					row = n
				} else {
					row++
				}
				col = 0
			case "c":
				col++
				if c, _, err := excelize.CellNameToCoordinates(string(t.attr("r"))); err == nil {
					col = c
				}
				shared = string(t.attr("t")) == "s"
			case "v":
				inV, v = true, v[:0]
			}
		case tokText:
			if inV {
				v = append(v, t.text...)
			}
		case tokEnd:
			if string(t.local) == "v" {
				inV = false
				if shared && strings.TrimSpace(string(v)) == strconv.Itoa(index) {
					ref, _ := excelize.CoordinatesToCellName(max(col, 1), max(row, 1))
					return badCell{ref: ref, row: row, col: col}, true, nil
				}
			}
		}
	}
}
