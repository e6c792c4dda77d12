package main

import (
	"strings"

	"alprice/cmd/alprice/i18n"
	"alprice/cmd/alprice/report"
)

// columns returns the columns named by specs, titled in l: "key", or
// "key:variant" for another title, "-key" for a column only machine
// formats show (CSV), with no title, or "+key" for one that workbooks show
// too, titled (a status people filter a sheet by, too wide for a terminal).
// A spec may end in "~" for a detail a table fitted to the terminal leaves
// out first, "~~" for one it leaves out after those, or "_" for a long
// text it shows below the table (report.Column's Detail and Below).
func columns(l i18n.Lang, specs ...string) []report.Column {
	cols := make([]report.Column, len(specs))
	for i, spec := range specs {
		var detail int
		for ; strings.HasSuffix(spec, "~"); detail++ {
			spec = strings.TrimSuffix(spec, "~")
		}
		spec, below := strings.CutSuffix(spec, "_")
		cols[i] = column(l, spec)
		cols[i].Detail, cols[i].Below = detail, below
	}
	return cols
}

// column is the column of one spec of columns, without its suffix.
func column(l i18n.Lang, spec string) report.Column {
	if key, ok := strings.CutPrefix(spec, "-"); ok {
		return report.Column{Key: key, Machine: true}
	}
	if key, ok := strings.CutPrefix(spec, "+"); ok {
		title := i18n.ColumnTitles[key]
		return report.Column{Key: key, Title: l.T(title[0], title[1]), Machine: true, Workbook: true}
	}
	title, ok := i18n.ColumnTitles[spec]
	if !ok {
		panic("alprice: no column title for " + spec)
	}
	key, _, _ := strings.Cut(spec, ":")
	return report.Column{Key: key, Title: l.T(title[0], title[1])}
}
