package fapiao

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// badCell is where a workbook's XML breaks, as a spreadsheet shows it:
// the cell (B7) and its row, and what the XML parser found wrong there,
// without the line of the XML part it found it on, which nobody can see.
type badCell struct {
	ref  string // the cell, "" when the break is outside any cell
	row  int    // the row, 0 when unknown
	col  int    // the 1-based column, 0 when unknown
	what string // the parser's words: "illegal character code U+0001"
}

// locateBreak finds where the XML of sheet, or of the shared strings its
// cells point to, breaks, in stored (the workbook as read): the cell of
// the sheet that holds the break, or that holds the broken shared string.
// ok is false when no break is found (excelize failed for another reason)
// or the parts cannot be found.
func locateBreak(stored []byte, sheet string) (badCell, bool) {
	zr, err := zip.NewReader(bytes.NewReader(stored), int64(len(stored)))
	if err != nil {
		return badCell{}, false
	}
	sheetPart, sstPart := sheetParts(zr, sheet)
	if sheetPart == nil {
		return badCell{}, false
	}
	if at, broken := scanCells(sheetPart, -1); broken {
		return at, true
	}
	if sstPart == nil {
		return badCell{}, false
	}
	index, what, broken := scanSharedStrings(sstPart)
	if !broken {
		return badCell{}, false
	}
	at, found := scanCells(sheetPart, index)
	if !found {
		return badCell{what: what}, true // a string no cell of the sheet shows
	}
	at.what = what
	return at, true
}

// sheetParts returns the part of the worksheet named sheet and the shared
// strings part, by the workbook's relationships.
func sheetParts(zr *zip.Reader, sheet string) (sheetPart, sstPart *zip.File) {
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
	}
	const workbook = "xl/workbook.xml"
	id := ""
	eachStart(files[workbook], func(e xml.StartElement) {
		if e.Name.Local == "sheet" && attr(e, "name") == sheet {
			id = attr(e, "id")
		}
	})
	eachStart(files["xl/_rels/workbook.xml.rels"], func(e xml.StartElement) {
		if e.Name.Local != "Relationship" {
			return
		}
		target := attr(e, "Target")
		if strings.HasPrefix(target, "/") {
			target = strings.TrimPrefix(target, "/")
		} else {
			target = path.Join(path.Dir(workbook), target)
		}
		switch {
		case id != "" && attr(e, "Id") == id:
			sheetPart = files[target]
		case strings.HasSuffix(attr(e, "Type"), "/sharedStrings"):
			sstPart = files[target]
		}
	})
	return sheetPart, sstPart
}

// eachStart calls fn with every start element of part, as far as it reads.
func eachStart(part *zip.File, fn func(xml.StartElement)) {
	if part == nil {
		return
	}
	r, err := part.Open()
	if err != nil {
		return
	}
	defer r.Close()
	d := xml.NewDecoder(r)
	for {
		tok, err := d.RawToken()
		if err != nil {
			return
		}
		if e, ok := tok.(xml.StartElement); ok {
			fn(e)
		}
	}
}

// attr returns the value of e's attribute of that local name.
func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// scanCells reads the worksheet part token by token, keeping the cell
// being read. With sst < 0 it stops where the XML breaks (broken true);
// otherwise it looks for the first cell showing shared string sst
// (broken true when found).
func scanCells(part *zip.File, sst int) (at badCell, broken bool) {
	r, err := part.Open()
	if err != nil {
		return badCell{}, false
	}
	defer r.Close()
	d := xml.NewDecoder(r)
	var (
		inCell, inValue, sharedCell bool
		value                       strings.Builder
	)
	for {
		tok, err := d.Token() // not RawToken: an end tag that does not match is a break too
		if err == io.EOF {
			return badCell{}, false
		}
		if err != nil {
			if sst >= 0 {
				return badCell{}, false
			}
			at.what = syntaxWords(err)
			if !inCell {
				at = badCell{what: at.what}
			}
			return at, true
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				if n, err := strconv.Atoi(attr(t, "r")); err == nil {
					at.row = n
				} else {
					at.row++
				}
				at.col = 0
			case "c":
				inCell, sharedCell = true, attr(t, "t") == "s"
				if col, row, err := excelize.CellNameToCoordinates(attr(t, "r")); err == nil {
					at.col, at.row = col, row
				} else {
					at.col++
				}
				at.ref, _ = excelize.CoordinatesToCellName(max(at.col, 1), max(at.row, 1))
			case "v":
				inValue = inCell
				value.Reset()
			}
		case xml.CharData:
			if inValue {
				value.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inValue = false
				if sst >= 0 && sharedCell && strings.TrimSpace(value.String()) == strconv.Itoa(sst) {
					return at, true
				}
			case "c":
				inCell = false
			}
		}
	}
}

// scanSharedStrings reads the shared strings part token by token: the
// index of the string where its XML breaks, and the parser's words.
func scanSharedStrings(part *zip.File) (index int, what string, broken bool) {
	r, err := part.Open()
	if err != nil {
		return 0, "", false
	}
	defer r.Close()
	d := xml.NewDecoder(r)
	index = -1
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return 0, "", false
		}
		if err != nil {
			return max(index, 0), syntaxWords(err), true
		}
		if e, ok := tok.(xml.StartElement); ok && e.Name.Local == "si" {
			index++
		}
	}
}

// syntaxWords returns what an XML parser found wrong, without the line of
// the part it found it on.
func syntaxWords(err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return se.Msg
	}
	return err.Error()
}
