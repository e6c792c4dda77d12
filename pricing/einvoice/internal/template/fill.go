package template

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"
)

// splice is a template's data sheet part cut where the data rows go:
// everything before them is written as it is except the dimension, a hint
// of the used range that is rewritten to cover the data; everything from
// </sheetData> on is written as it is.
type splice struct {
	beforeDim []byte         // the part up to the dimension element (all of head when there is none)
	afterDim  []byte         // from after the dimension element to where the data rows go
	hasDim    bool           // whether the part has a dimension element
	dimPrefix string         // the dimension element's namespace prefix
	tail      []byte         // from </sheetData> on
	prefix    string         // the namespace prefix of sheetData, "" for the default namespace
	styles    map[int]string // the style of each column, from <cols>
	maxCol    int            // the rightmost column used in rows 1–3
}

// scanTemplate cuts a template's data sheet part. Rows from FirstDataRow
// on that hold nothing are dropped (they would sit among the data); a row
// there with a value or formula is KindTemplateHasData.
func scanTemplate(data []byte, sheet, name string) (*splice, error) {
	bad := func(err error) error { return &Error{Kind: KindCorrupt, Name: name, Sheet: sheet, Err: err} }
	sp := &splice{styles: map[int]string{}}
	var (
		depth, row, dimStart, dimEnd, dropStart, end = 0, 0, -1, -1, -1, -1
		inSheetData, inCols, inValue                 bool
	)
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		off := int(d.InputOffset())
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, bad(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch local := t.Name.Local; {
			case depth == 2 && local == "dimension":
				dimStart, sp.dimPrefix = off, t.Name.Space
			case depth == 2 && local == "cols":
				inCols = true
			case depth == 3 && inCols && local == "col":
				lo, err1 := strconv.Atoi(attr(t, "min"))
				hi, err2 := strconv.Atoi(attr(t, "max"))
				if err1 != nil || err2 != nil || lo < 1 || hi < lo || hi > maxSheetCols {
					return nil, bad(fmt.Errorf("bad column range %q–%q", attr(t, "min"), attr(t, "max")))
				}
				if s := attr(t, "style"); s != "" {
					for c := lo; c <= hi; c++ {
						sp.styles[c] = s
					}
				}
			case depth == 2 && local == "sheetData":
				inSheetData, sp.prefix = true, t.Name.Space
			case depth == 3 && inSheetData && local == "row":
				r := row + 1
				if v := attr(t, "r"); v != "" {
					if r, err = strconv.Atoi(v); err != nil || r <= row || r > maxSheetRows {
						return nil, bad(fmt.Errorf("bad row number %q", v))
					}
				}
				row = r
				if row >= FirstDataRow && dropStart < 0 {
					dropStart = off
				}
			case depth == 4 && inSheetData && local == "c" && row < FirstDataRow:
				if c, _, ok := parseRef(attr(t, "r")); ok && c > sp.maxCol {
					sp.maxCol = c
				}
			case inSheetData && row >= FirstDataRow && (local == "v" || local == "t"):
				inValue = true
			case inSheetData && row >= FirstDataRow && local == "f":
				return nil, &Error{Kind: KindTemplateHasData, Name: name, Sheet: sheet, Row: row}
			}
		case xml.EndElement:
			switch local := t.Name.Local; {
			case depth == 2 && local == "dimension":
				dimEnd = int(d.InputOffset())
			case depth == 2 && local == "cols":
				inCols = false
			case depth == 2 && local == "sheetData":
				end, inSheetData = off, false
			case local == "v" || local == "t":
				inValue = false
			}
			depth--
		case xml.CharData:
			if inValue && len(bytes.TrimSpace(t)) > 0 {
				return nil, &Error{Kind: KindTemplateHasData, Name: name, Sheet: sheet, Row: row}
			}
		}
	}
	if end < 0 || !bytes.HasPrefix(data[end:], []byte("</")) {
		return nil, bad(fmt.Errorf("no rows"))
	}
	headEnd := end
	if dropStart >= 0 {
		headEnd = dropStart
	}
	head := data[:headEnd]
	sp.tail = data[end:]
	if dimStart >= 0 && dimEnd > dimStart && dimEnd <= headEnd {
		sp.hasDim = true
		sp.beforeDim, sp.afterDim = head[:dimStart], head[dimEnd:]
	} else {
		sp.beforeDim = head
	}
	return sp, nil
}

// Check returns the first error Fill would return for these rows, writing
// nothing: a key that is no column (KindUnknownHeader), an empty required
// column (KindRequired), a character XML cannot carry (KindBadChar), a
// value over its column's limit in characters (KindTooLong), or more rows
// than a sheet holds (KindTooManyRows). Errors name the sheet row, counting
// basic[0] and detail[0] as row FirstDataRow.
func (t *Template) Check(basic, detail []Row) error {
	for i, rows := range [][]Row{basic, detail} {
		if err := t.sheets[i].check(rows, len(rows)); err != nil {
			return err
		}
	}
	return nil
}

// CheckPart is Check for a part of the rows of one sheet (Basic or
// Detail), of total rows in all, so that a caller with many rows need not
// make them all at once: checking the parts of Basic in order, then those
// of Detail, finds the error Check finds. Errors name the row counting
// rows[0] as row FirstDataRow.
func (t *Template) CheckPart(sheet string, rows []Row, total int) error {
	for _, s := range t.sheets {
		if s.sheet == sheet {
			return s.check(rows, total)
		}
	}
	return &Error{Kind: KindMissingSheet, Sheet: sheet}
}

func (s *dataSheet) check(rows []Row, total int) error {
	if err := s.checkTotal(total); err != nil {
		return err
	}
	vals := make([]string, len(s.cols))
	for i, row := range rows {
		r := FirstDataRow + i
		known := 0
		for j, c := range s.cols {
			v, ok := row[c.Key]
			if ok {
				known++
			}
			vals[j] = v
		}
		if known != len(row) {
			var unknown []string
			for k := range row {
				if _, ok := s.byKey[k]; !ok {
					unknown = append(unknown, k)
				}
			}
			slices.Sort(unknown)
			return &Error{Kind: KindUnknownHeader, Sheet: s.sheet, Row: r, Header: unknown[0]}
		}
		if err := s.checkValues(r, vals); err != nil {
			return err
		}
	}
	return nil
}

func (s *dataSheet) checkTotal(total int) error {
	if max := maxSheetRows - FirstDataRow + 1; total > max {
		return &Error{Kind: KindTooManyRows, Sheet: s.sheet, Limit: int64(max)}
	}
	return nil
}

// checkValues checks the values of sheet row r, vals[j] that of column
// s.cols[j]: the first error of the row, column by column.
func (s *dataSheet) checkValues(r int, vals []string) error {
	for j, c := range s.cols {
		v := vals[j]
		if v == "" {
			if c.Required {
				return &Error{Kind: KindRequired, Sheet: s.sheet, Row: r, Header: c.Key, Column: c.Letter}
			}
			continue
		}
		n, bad := 0, rune(-1)
		for k := 0; k < len(v); {
			if v[k] < utf8.RuneSelf { // ASCII: a character a byte
				if !xmlChar(rune(v[k])) {
					bad = rune(v[k])
					break
				}
				n++
				k++
				continue
			}
			ch, size := utf8.DecodeRuneInString(v[k:])
			if ch == utf8.RuneError && size == 1 || !xmlChar(ch) {
				bad = ch
				break
			}
			n++
			k += size
		}
		switch {
		case bad >= 0:
			return &Error{Kind: KindBadChar, Sheet: s.sheet, Row: r, Header: c.Key, Column: c.Letter, Value: v, Char: bad}
		case c.Limit > 0 && n > c.Limit:
			return &Error{Kind: KindTooLong, Sheet: s.sheet, Row: r, Header: c.Key, Column: c.Letter, Value: v, Limit: int64(c.Limit)}
		}
	}
	return nil
}

// Table is data rows by column, as a caller with many rows makes them
// without a map a row: every row has a value for each of Keys (header
// keys, see [Key]), in that order; an empty value leaves the cell empty.
// Keys must be columns of the sheet: the first that is not is
// KindUnknownHeader on the first row, as a [Row] with that key would be.
type Table struct {
	Keys []string
	Rows [][]string
}

// columnsOf returns where each of keys goes: the index in s.cols of its
// column; or, when a key is no column and there are rows, the error of a
// Row holding it.
func (s *dataSheet) columnsOf(t Table) ([]int, error) {
	at := make([]int, len(t.Keys))
	var unknown []string
	for k, key := range t.Keys {
		i, ok := s.byKey[key]
		if !ok {
			unknown = append(unknown, key)
		}
		at[k] = i
	}
	if len(unknown) > 0 && len(t.Rows) > 0 {
		slices.Sort(unknown)
		return nil, &Error{Kind: KindUnknownHeader, Sheet: s.sheet, Row: FirstDataRow, Header: unknown[0]}
	}
	return at, nil
}

// spread puts a row of t, by t's keys, into vals, by s.cols.
func spread(vals []string, at []int, row []string) {
	clear(vals)
	for k, v := range row {
		vals[at[k]] = v
	}
}

func (s *dataSheet) checkTable(t Table, total int) error {
	if err := s.checkTotal(total); err != nil {
		return err
	}
	at, err := s.columnsOf(t)
	if err != nil {
		return err
	}
	vals := make([]string, len(s.cols))
	for i, row := range t.Rows {
		spread(vals, at, row)
		if err := s.checkValues(FirstDataRow+i, vals); err != nil {
			return err
		}
	}
	return nil
}

// CheckTable is [Template.CheckPart] for rows as a [Table].
func (t *Template) CheckTable(sheet string, rows Table, total int) error {
	for _, s := range t.sheets {
		if s.sheet == sheet {
			return s.checkTable(rows, total)
		}
	}
	return &Error{Kind: KindMissingSheet, Sheet: sheet}
}

// xmlChar reports whether XML 1.0 can carry r.
func xmlChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD || 0x20 <= r && r <= 0xD7FF ||
		0xE000 <= r && r <= 0xFFFD || 0x10000 <= r && r <= 0x10FFFF
}

// Fill writes a filled copy of the template to w: basic from row
// FirstDataRow of Basic, detail from row FirstDataRow of Detail, each
// value a string cell (an inline string, as the template's own cells are)
// with its column's style, so text stays text. Every other part of the
// template (other sheets, rows 1–3, styles, defined names, validations,
// merged cells, column widths) is copied byte for byte. The rows are
// checked first, as by [Template.Check]; on error nothing is written.
func (t *Template) Fill(w io.Writer, basic, detail []Row) error {
	if err := t.Check(basic, detail); err != nil {
		return err
	}
	var sources [2]func(i int, vals []string)
	for k, rows := range [2][]Row{basic, detail} {
		cols := t.sheets[k].cols
		sources[k] = func(i int, vals []string) {
			for j, c := range cols {
				vals[j] = rows[i][c.Key]
			}
		}
	}
	return t.fill(w, [2]int{len(basic), len(detail)}, sources)
}

// FillTables is [Template.Fill] for rows as [Table]s: the same file for
// the same values, checked first in the same way.
func (t *Template) FillTables(w io.Writer, basic, detail Table) error {
	var sources [2]func(i int, vals []string)
	for k, rows := range [2]Table{basic, detail} {
		if err := t.sheets[k].checkTable(rows, len(rows.Rows)); err != nil {
			return err
		}
		at, _ := t.sheets[k].columnsOf(rows)
		sources[k] = func(i int, vals []string) { spread(vals, at, rows.Rows[i]) }
	}
	return t.fill(w, [2]int{len(basic.Rows), len(detail.Rows)}, sources)
}

// fill writes the filled copy of rows checked already: n[k] rows on sheet
// k (Basic, Detail), row i's values by column put into vals by source[k].
func (t *Template) fill(w io.Writer, n [2]int, source [2]func(i int, vals []string)) error {
	zw := zip.NewWriter(w)
	// The data parts are written once and read once: speed over size.
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		if fw, ok := flaters.Get().(*flate.Writer); ok {
			fw.Reset(out)
			return pooledFlate{fw}, nil
		}
		fw, err := flate.NewWriter(out, flate.BestSpeed)
		return pooledFlate{fw}, err
	})
	for _, f := range t.p.zr.File {
		i := slices.IndexFunc(t.sheets[:], func(s *dataSheet) bool { return t.p.files[s.part] == f })
		if i < 0 {
			if err := zw.Copy(f); err != nil {
				return err
			}
			continue
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(fw, 64<<10)
		t.sheets[i].write(bw, n[i], source[i])
		if err := bw.Flush(); err != nil {
			return err
		}
	}
	return zw.Close()
}

// flaters are the compressors of the data parts, kept for the next: each
// holds most of a megabyte, and a run fills a file a batch.
var flaters sync.Pool

// pooledFlate is a compressor that goes back to flaters when closed.
type pooledFlate struct{ *flate.Writer }

func (p pooledFlate) Close() error {
	err := p.Writer.Close()
	if err == nil {
		flaters.Put(p.Writer)
	}
	return err
}

// write writes the sheet part with n rows spliced in, row i's values by
// column put into vals by source. Errors are left in the bufio.Writer for
// its Flush.
func (s *dataSheet) write(w *bufio.Writer, n int, source func(i int, vals []string)) {
	sp := s.sp
	w.Write(sp.beforeDim)
	if sp.hasDim {
		last := HeaderRow + n
		maxCol := sp.maxCol
		if n := len(s.cols); n > 0 && s.cols[n-1].index > maxCol {
			maxCol = s.cols[n-1].index
		}
		fmt.Fprintf(w, `<%sdimension ref="A1:%s%d"/>`, prefixed(sp.dimPrefix), colName(max(maxCol, 1)), last)
		w.Write(sp.afterDim)
	}
	p := prefixed(sp.prefix)
	// What goes before a cell's row number and between it and the text,
	// per column, made once.
	open := make([]string, len(s.cols))
	mid := make([]string, len(s.cols))
	midKeep := make([]string, len(s.cols))
	for i, c := range s.cols {
		open[i] = "<" + p + `c r="` + c.Letter
		style := ""
		if c.style != "" {
			style = ` s="` + c.style + `"`
		}
		mid[i] = `"` + style + ` t="inlineStr"><` + p + "is><" + p + "t>"
		midKeep[i] = `"` + style + ` t="inlineStr"><` + p + "is><" + p + `t xml:space="preserve">`
	}
	closeCell := "</" + p + "t></" + p + "is></" + p + "c>"
	rowOpen, rowClose := "<"+p+`row r="`, "</"+p+"row>\n"
	var num [20]byte
	vals := make([]string, len(s.cols))
	for i := range n {
		source(i, vals)
		rn := strconv.AppendInt(num[:0], int64(FirstDataRow+i), 10)
		w.WriteString(rowOpen)
		w.Write(rn)
		w.WriteString(`">`)
		for j, v := range vals {
			if v == "" {
				continue
			}
			w.WriteString(open[j])
			w.Write(rn)
			if keepSpace(v) {
				w.WriteString(midKeep[j])
			} else {
				w.WriteString(mid[j])
			}
			writeText(w, v)
			w.WriteString(closeCell)
		}
		w.WriteString(rowClose)
	}
	w.Write(sp.tail)
}

func prefixed(p string) string {
	if p == "" {
		return ""
	}
	return p + ":"
}

// keepSpace reports whether v needs xml:space="preserve": Excel drops
// white space at either end of a text otherwise.
func keepSpace(v string) bool {
	isSpace := func(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }
	return isSpace(v[0]) || isSpace(v[len(v)-1])
}

// writeText writes v as XML text. Beyond the XML escapes, a carriage
// return is written as a reference (a parser would turn a bare one into a
// line feed), and an underscore that would start an _xHHHH_ escape is
// itself escaped as _x005F_, so a reader shows v as it is.
func writeText(w *bufio.Writer, v string) {
	last := 0
	for i := 0; i < len(v); i++ {
		var esc string
		switch v[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\r':
			esc = "&#xD;"
		case '_':
			if _, ok := bstrAt(v, i); !ok {
				continue
			}
			esc = "_x005F_"
		default:
			continue
		}
		w.WriteString(v[last:i])
		w.WriteString(esc)
		last = i + 1
	}
	w.WriteString(v[last:])
}
