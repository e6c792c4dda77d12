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
func columns(l i18n.Lang, specs ...string) []report.Column {
	cols := make([]report.Column, len(specs))
	for i, spec := range specs {
		if key, ok := strings.CutPrefix(spec, "-"); ok {
			cols[i] = report.Column{Key: key, Machine: true}
			continue
		}
		if key, ok := strings.CutPrefix(spec, "+"); ok {
			title := i18n.ColumnTitles[key]
			cols[i] = report.Column{Key: key, Title: l.T(title[0], title[1]), Machine: true, Workbook: true}
			continue
		}
		title, ok := i18n.ColumnTitles[spec]
		if !ok {
			panic("alprice: no column title for " + spec)
		}
		key, _, _ := strings.Cut(spec, ":")
		cols[i] = report.Column{Key: key, Title: l.T(title[0], title[1])}
	}
	return cols
}
