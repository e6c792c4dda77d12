package read

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"alprice/pricing"
)

// ReadStore reads the quotes store, a quotes file that alprice rewrites
// whole after a merge: its rows (quotes and declared days, by date) as the
// merge takes them; none for an empty file or a header alone. The store
// is read as [ReadQuotes] reads a quotes file, and one more thing is
// refused: a file that a rewrite by [WriteQuotes] would lose something of
// — a column the store does not keep (a note, a 备注), a row the store
// does not keep (one dated on a weekend or a public holiday, which the
// averages leave out). Such a file is a source to import into a store, not
// a store: the error names every column and row that would be lost.
func ReadStore(data []byte, name string, cal *pricing.Calendar) ([]pricing.Quote, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil
	}
	q, _, header, err := readQuotes(bytes.NewReader(data), name, AutoEncoding, cal, false)
	if errors.Is(err, errNoQuotes) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var columns, lines []string
	for _, h := range header {
		if !storeColumn(h) {
			columns = append(columns, strconv.Quote(h))
		}
	}
	for _, n := range q.Excluded {
		lines = append(lines, fmt.Sprintf("%d (%s)", n.Line, pricing.FormatDate(n.Date)))
	}
	cols, rows := pricing.Clip(strings.Join(columns, ", ")), pricing.Clip(strings.Join(lines, ", "))
	var why error
	switch {
	case len(columns) > 0 && len(lines) > 0:
		why = pricing.Errorf("has columns or rows a store does not keep: the columns %s, and the rows dated on a weekend or holiday, by line (date): %s; import it into a store instead (alprice quotes import FILE --into STORE)", cols, rows)
	case len(columns) > 0:
		why = pricing.Errorf("has columns or rows a store does not keep: the columns %s; import it into a store instead (alprice quotes import FILE --into STORE)", cols)
	case len(lines) > 0:
		why = pricing.Errorf("has columns or rows a store does not keep: the rows dated on a weekend or holiday, by line (date): %s; import it into a store instead (alprice quotes import FILE --into STORE)", rows)
	}
	if why != nil {
		return nil, &pricing.InputError{Source: name, Err: why}
	}
	kept := append(slices.Clip(q.Days), q.Declared...)
	slices.SortFunc(kept, func(a, b pricing.Quote) int { return a.Date.Compare(b.Date) })
	return kept, nil
}

// storeColumn reports whether a header names a column whose values the
// store keeps: the quotes columns, in either language.
func storeColumn(h string) bool {
	for _, c := range quoteColumns {
		for _, n := range c.names {
			if headerKey(h) == headerKey(n) {
				return true
			}
		}
	}
	return false
}
