package template

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
)

// pkg is an xlsx package held in memory: its zip entries and its sheets in
// workbook order, each with the zip part that holds it.
type pkg struct {
	name   string
	wb     string // the workbook part, e.g. "xl/workbook.xml"
	zr     *zip.Reader
	files  map[string]*zip.File
	sheets []sheetRef
}

// sheetRef is one sheet of the workbook.
type sheetRef struct {
	name string
	part string // zip entry, e.g. "xl/worksheets/sheet1.xml"
}

const relNS = "/officeDocument"

// openPkg reads the zip directory of b and the workbook's sheet list. It
// refuses a package whose entries claim to unzip to more than limit bytes;
// archive/zip refuses an entry that unzips to more than it claims.
func openPkg(b []byte, name string, limit int64) (*pkg, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, &Error{Kind: KindCorrupt, Name: name, Err: err}
	}
	p := &pkg{name: name, zr: zr, files: make(map[string]*zip.File, len(zr.File))}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > uint64(limit) {
			return nil, &Error{Kind: KindTooLarge, Name: name, Limit: limit}
		}
		p.files[strings.ReplaceAll(f.Name, `\`, "/")] = f
	}
	p.wb = "xl/workbook.xml"
	if rels, err := p.rels("_rels/.rels"); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.typ, relNS) {
				p.wb = resolve("", r.target)
			}
		}
	}
	if err := p.readSheets(p.wb); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *pkg) corrupt(format string, args ...any) error {
	return &Error{Kind: KindCorrupt, Name: p.name, Err: fmt.Errorf(format, args...)}
}

// file finds a zip entry by part name; Excel itself matches part names
// without regard to case.
func (p *pkg) file(part string) *zip.File {
	if f, ok := p.files[part]; ok {
		return f
	}
	for n, f := range p.files {
		if strings.EqualFold(n, part) {
			return f
		}
	}
	return nil
}

// read returns the unzipped content of a part.
func (p *pkg) read(part string) ([]byte, error) {
	f := p.file(part)
	if f == nil {
		return nil, p.corrupt("no part %s", part)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &Error{Kind: KindCorrupt, Name: p.name, Err: err}
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return nil, &Error{Kind: KindCorrupt, Name: p.name, Err: fmt.Errorf("%s: %w", part, err)}
	}
	return b, nil
}

// verify unzips every part, so that archive/zip checks its size and
// checksum.
func (p *pkg) verify() error {
	for _, f := range p.zr.File {
		rc, err := f.Open()
		if err == nil {
			_, err = io.Copy(io.Discard, rc)
			rc.Close()
		}
		if err != nil {
			return &Error{Kind: KindCorrupt, Name: p.name, Err: fmt.Errorf("%s: %w", f.Name, err)}
		}
	}
	return nil
}

type rel struct{ id, typ, target string }

func (p *pkg) rels(part string) ([]rel, error) {
	b, err := p.read(part)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		return nil, p.corrupt("%s: %w", part, err)
	}
	out := make([]rel, len(doc.Rels))
	for i, r := range doc.Rels {
		out[i] = rel{r.ID, r.Type, r.Target}
	}
	return out, nil
}

// resolve turns a relationship target into a part name.
func resolve(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(target, "/")
	}
	return path.Join(dir, target)
}

// readSheets reads the sheet list of the workbook part wb and resolves
// each sheet to its part. It stops at </sheets>: the defined names after
// it are many and not needed here.
func (p *pkg) readSheets(wb string) error {
	b, err := p.read(wb)
	if err != nil {
		return err
	}
	type entry struct{ name, id string }
	var list []entry
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return p.corrupt("%s: %w", wb, err)
		}
		if e, ok := tok.(xml.EndElement); ok && e.Name.Local == "sheets" {
			break
		}
		s, ok := tok.(xml.StartElement)
		if !ok || s.Name.Local != "sheet" {
			continue
		}
		var en entry
		for _, a := range s.Attr {
			switch {
			case a.Name.Local == "name" && a.Name.Space == "":
				en.name = a.Value
			case a.Name.Local == "id" && a.Name.Space != "":
				en.id = a.Value
			}
		}
		list = append(list, en)
	}
	dir, base := path.Split(wb)
	rels, err := p.rels(path.Join(dir, "_rels", base+".rels"))
	if err != nil {
		return err
	}
	for _, en := range list {
		ref := sheetRef{name: en.name}
		for _, r := range rels {
			if r.id == en.id {
				ref.part = resolve(dir, r.target)
			}
		}
		if ref.part == "" {
			return p.corrupt("sheet %s has no part", en.name)
		}
		p.sheets = append(p.sheets, ref)
	}
	return nil
}

// sheet returns the part of the named sheet, or a KindMissingSheet error.
func (p *pkg) sheet(name string) (string, error) {
	for _, s := range p.sheets {
		if s.name == name {
			return s.part, nil
		}
	}
	return "", &Error{Kind: KindMissingSheet, Name: p.name, Sheet: name}
}

// sharedStrings reads the shared string table, if the package has one.
// A string made of runs is their concatenation; phonetic runs (rPh) are
// not part of the text.
func (p *pkg) sharedStrings() ([]string, error) {
	var part string
	dir, base := path.Split(p.wb)
	if rels, err := p.rels(path.Join(dir, "_rels", base+".rels")); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/sharedStrings") {
				part = resolve(dir, r.target)
			}
		}
	}
	if part == "" || p.file(part) == nil {
		return nil, nil
	}
	b, err := p.read(part)
	if err != nil {
		return nil, err
	}
	var out []string
	var text strings.Builder
	inT, skip := false, 0
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, p.corrupt("%s: %w", part, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				text.Reset()
			case "rPh":
				skip++
			case "t":
				inT = skip == 0
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				out = append(out, unescapeBstr(text.String()))
			case "rPh":
				skip--
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				text.Write(t)
			}
		}
	}
}

// cell is one cell as stored: its column, type attribute (t), text and
// whether it holds a formula.
type cell struct {
	col     int
	typ     string
	value   string
	formula bool
}

// area is a merged range, 1-based and inclusive.
type area struct{ col1, row1, col2, row2 int }

// scanCells streams the cells of a worksheet part row by row, calling fn
// with each row that has cells (the slice is reused between calls), and
// returns the merged ranges. Strings are resolved through sst and
// unescaped; numbers and other values are returned as stored.
func (p *pkg) scanCells(part string, sst []string, fn func(row int, cells []cell) error) ([]area, error) {
	f := p.file(part)
	if f == nil {
		return nil, p.corrupt("no part %s", part)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &Error{Kind: KindCorrupt, Name: p.name, Err: err}
	}
	defer rc.Close()
	bad := func(err error) error { return p.corrupt("%s: %w", part, err) }
	var (
		merges         []area
		cells          []cell
		cur            cell
		row, col       int
		inCell, inRow  bool
		inV, inT, inIs bool
		skip           int
		text           strings.Builder
	)
	d := xml.NewDecoder(rc)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return merges, nil
		}
		if err != nil {
			return nil, bad(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				r := row + 1
				if v := attr(t, "r"); v != "" {
					if r, err = strconv.Atoi(v); err != nil || r < 1 || r > maxSheetRows || r <= row {
						return nil, bad(fmt.Errorf("bad row number %q", v))
					}
				}
				row, col, inRow, cells = r, 0, true, cells[:0]
			case "c":
				if !inRow {
					return nil, bad(errors.New("cell outside a row"))
				}
				c := col + 1
				if v := attr(t, "r"); v != "" {
					cc, rr, ok := parseRef(v)
					if !ok || rr != row || cc <= col {
						return nil, bad(fmt.Errorf("bad cell reference %q in row %d", v, row))
					}
					c = cc
				}
				col, inCell = c, true
				cur = cell{col: c, typ: attr(t, "t")}
				text.Reset()
			case "v":
				inV = inCell
			case "f":
				cur.formula = cur.formula || inCell
			case "is":
				inIs = inCell
			case "rPh":
				skip++
			case "t":
				inT = inIs && skip == 0
			case "mergeCell":
				a, ok := parseArea(attr(t, "ref"))
				if !ok {
					return nil, bad(fmt.Errorf("bad merged range %q", attr(t, "ref")))
				}
				merges = append(merges, a)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "row":
				if len(cells) > 0 {
					if err := fn(row, cells); err != nil {
						return nil, err
					}
				}
				inRow = false
			case "c":
				v := text.String()
				switch cur.typ {
				case "s":
					i, err := strconv.Atoi(strings.TrimSpace(v))
					if err != nil || i < 0 || i >= len(sst) {
						return nil, bad(fmt.Errorf("cell %s%d: bad shared string index %q", colName(cur.col), row, v))
					}
					v = sst[i]
				case "inlineStr", "str":
					v = unescapeBstr(v)
				}
				cur.value = v
				if v != "" || cur.formula {
					cells = append(cells, cur)
				}
				inCell = false
			case "v":
				inV = false
			case "is":
				inIs = false
			case "rPh":
				skip--
			case "t":
				inT = false
			}
		case xml.CharData:
			if inV || inT {
				text.Write(t)
			}
		}
	}
}

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// maxSheetRows and maxSheetCols are the size of an Excel worksheet.
const (
	maxSheetRows = 1 << 20
	maxSheetCols = 1 << 14
)

// parseRef parses a cell reference such as "AB12".
func parseRef(s string) (col, row int, ok bool) {
	i := 0
	for i < len(s) && i < 3 {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
		i++
	}
	if i == 0 || col > maxSheetCols {
		return 0, 0, false
	}
	row, err := strconv.Atoi(s[i:])
	if err != nil || row < 1 || row > maxSheetRows || s[i] == '+' || s[i] == '-' {
		return 0, 0, false
	}
	return col, row, true
}

func parseArea(s string) (area, bool) {
	a, b, found := strings.Cut(s, ":")
	if !found {
		b = a
	}
	c1, r1, ok1 := parseRef(a)
	c2, r2, ok2 := parseRef(b)
	if !ok1 || !ok2 || c2 < c1 || r2 < r1 {
		return area{}, false
	}
	return area{c1, r1, c2, r2}, true
}

// colName returns the letters of a 1-based column index.
func colName(c int) string {
	var b [3]byte
	i := len(b)
	for c > 0 {
		c--
		i--
		b[i] = byte('A' + c%26)
		c /= 26
	}
	return string(b[i:])
}

// unescapeBstr undoes the _xHHHH_ escapes of OOXML string content
// (ST_Xstring), as Excel does when it reads a cell: _x000D_ is a carriage
// return, _x005F_ an underscore.
func unescapeBstr(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if n, ok := bstrAt(s, i); ok {
			b.WriteRune(n)
			i += 7
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// bstrAt reports whether an escape _xHHHH_ starts at s[i], and its rune.
func bstrAt(s string, i int) (rune, bool) {
	if i+7 > len(s) || s[i] != '_' || s[i+1] != 'x' || s[i+6] != '_' {
		return 0, false
	}
	n, err := strconv.ParseUint(s[i+2:i+6], 16, 16)
	if err != nil {
		return 0, false
	}
	return rune(n), true
}
