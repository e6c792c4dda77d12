package template

import (
	"io"
	"strings"
)

// ReadBack reads a filled workbook — one Fill wrote, or one a clerk then
// edited in Excel or WPS — by the headers it has itself, not those of any
// template. basic[i] and detail[i] are sheet row FirstDataRow+i of Basic
// and Detail, up to the last row holding a value: a blank row in between
// is a nil Row, every other Row has every header key of its sheet, with ""
// for an empty cell, so a column the clerk deleted shows as a missing key.
// version is excelVersion!A4.
//
// Every cell is accounted for: a value in a column without a header, or
// in the data rows of Special or Extra (alprice fills neither), is
// KindUnexpectedData; a cell that cannot be read back as the text it shows
// (a formula, an error, a boolean, a date, a number not plain decimal text
// of at most 15 significant digits) is KindUnreadableCell, naming sheet,
// row and header. A file over 64 MiB, or one that unzips to over 256 MiB,
// is KindTooLarge. ReadBack does not check values against limits: that
// is [Template.Check].
func ReadBack(r io.ReaderAt, size int64, name string) (basic, detail []Row, version string, err error) {
	b, err := readAll(r, size, name, maxWorkbookFile)
	if err != nil {
		return nil, nil, "", err
	}
	p, err := openPkg(b, name, maxWorkbookUnzip)
	if err != nil {
		return nil, nil, "", err
	}
	sst, err := p.sharedStrings()
	if err != nil {
		return nil, nil, "", err
	}
	if version, err = p.version(sst); err != nil {
		return nil, nil, "", err
	}
	if basic, err = p.readData(Basic, sst); err != nil {
		return nil, nil, "", err
	}
	if detail, err = p.readData(Detail, sst); err != nil {
		return nil, nil, "", err
	}
	for _, sheet := range []string{Special, Extra} {
		if err := p.noData(sheet, sst); err != nil {
			return nil, nil, "", err
		}
	}
	return basic, detail, version, nil
}

func (p *pkg) version(sst []string) (string, error) {
	part, err := p.sheet(VersionSheet)
	if err != nil {
		return "", err
	}
	var v string
	_, err = p.scanCells(part, sst, func(row int, cells []cell) error {
		if row == 4 && cells[0].col == 1 {
			v = strings.TrimSpace(cells[0].value)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	if v == "" {
		return "", &Error{Kind: KindMissingVersion, Name: p.name, Sheet: VersionSheet}
	}
	return v, nil
}

type rowCells struct {
	row   int
	cells []cell
}

// readData reads the data rows of a data sheet. The merged ranges come
// after the rows in a sheet part, and the headers need them, so the cells
// are kept until the part is read.
func (p *pkg) readData(sheet string, sst []string) ([]Row, error) {
	part, err := p.sheet(sheet)
	if err != nil {
		return nil, err
	}
	var row2, row3 []string
	var data []rowCells
	merges, err := p.scanCells(part, sst, func(row int, cells []cell) error {
		switch {
		case row == RuleRow:
			row2 = texts(cells)
		case row == HeaderRow:
			row3 = texts(cells)
		case row >= FirstDataRow:
			data = append(data, rowCells{row, append([]cell(nil), cells...)})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	l := buildLayout(sheet, row2, row3, merges)
	if len(data) == 0 {
		return nil, nil
	}
	out := make([]Row, data[len(data)-1].row-FirstDataRow+1)
	for _, d := range data {
		row := make(Row, len(l.cols))
		for _, c := range l.cols {
			row[c.Key] = ""
		}
		for _, c := range d.cells {
			i, ok := l.byCol[c.col]
			if !ok {
				return nil, &Error{Kind: KindUnexpectedData, Name: p.name, Sheet: sheet, Row: d.row, Column: colName(c.col), Value: c.value}
			}
			col := l.cols[i]
			if !readable(c) {
				return nil, &Error{Kind: KindUnreadableCell, Name: p.name, Sheet: sheet, Row: d.row, Header: col.Key, Column: col.Letter, Value: c.value}
			}
			row[col.Key] = c.value
		}
		out[d.row-FirstDataRow] = row
	}
	return out, nil
}

// noData returns KindUnexpectedData for the first value in the data rows
// of sheet, if the workbook has the sheet.
func (p *pkg) noData(sheet string, sst []string) error {
	part, err := p.sheet(sheet)
	if err != nil {
		return nil
	}
	_, err = p.scanCells(part, sst, func(row int, cells []cell) error {
		if row >= FirstDataRow {
			c := cells[0]
			return &Error{Kind: KindUnexpectedData, Name: p.name, Sheet: sheet, Row: row, Column: colName(c.col), Value: c.value}
		}
		return nil
	})
	return err
}

// texts spreads the cells of a row over their columns.
func texts(cells []cell) []string {
	out := make([]string, cells[len(cells)-1].col)
	for _, c := range cells {
		out[c.col-1] = c.value
	}
	return out
}

// readable reports whether a cell's stored text is the text it shows.
func readable(c cell) bool {
	if c.formula {
		return false
	}
	switch c.typ {
	case "s", "inlineStr", "str":
		return true
	case "", "n":
		return plainDecimal(c.value)
	}
	return false
}

// plainDecimal reports whether s is a decimal such as "-12.50" with at
// most 15 significant digits, which a spreadsheet stores as typed. Longer
// numbers (a tax code typed into a General cell) were rounded to a double
// and are not what the clerk typed.
func plainDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasPoint := strings.Cut(s, ".")
	if intPart == "" || hasPoint && frac == "" {
		return false
	}
	sig, leading := 0, true
	for _, part := range []string{intPart, frac} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return false
			}
			if leading && part[i] == '0' {
				continue
			}
			leading = false
			sig++
		}
	}
	return sig <= 15
}
