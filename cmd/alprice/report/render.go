package report

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"alprice/pricing"
)

// WriteTable renders d for a terminal: the title, then each table that has
// rows (but a Listing), with a box-drawn border, numbers right-aligned with thousands
// separators, then the notes. No colour, no wrapping; with d.Fit, the
// tables are fitted to the terminal's width (fitTable), else every column
// is shown.
func WriteTable(w io.Writer, d Doc) error {
	return writePeople(w, d, false)
}

// WriteMarkdown renders d as Markdown: a heading, a pipe table per table
// and the notes as a list.
func WriteMarkdown(w io.Writer, d Doc) error {
	return writePeople(w, d, true)
}

func writePeople(w io.Writer, d Doc, markdown bool) error {
	// A table without rows says nothing to people; CSV keeps its header.
	d.Tables = slices.DeleteFunc(slices.Clone(d.Tables), func(t Table) bool { return t.Sheet || t.Listing || len(t.Rows) == 0 && t.Footer == nil })
	bw := bufio.NewWriter(w)
	heading := func(level int, s string) {
		if markdown {
			fmt.Fprintf(bw, "%s %s\n\n", strings.Repeat("#", level), escapeMarkdown(s))
		} else {
			fmt.Fprintf(bw, "%s\n", pricing.Printable(s))
		}
	}
	if d.Title != "" {
		heading(1, d.Title)
		if !markdown && len(d.Tables) > 0 {
			bw.WriteString("\n")
		}
	}
	for i, t := range d.Tables {
		if i > 0 {
			bw.WriteString("\n")
		}
		if t.Title != "" {
			heading(2, t.Title)
		}
		if !markdown && d.Fit != nil {
			t = fitTable(t, d.Fit)
		}
		if err := renderTable(bw, t, markdown); err != nil {
			return err
		}
		if len(t.Notes) > 0 {
			bw.WriteString("\n")
			writeNotes(bw, t.Notes, markdown)
		}
	}
	if len(d.Notes) > 0 {
		if len(d.Tables) > 0 {
			bw.WriteString("\n")
		}
		writeNotes(bw, d.Notes, markdown)
	}
	return bw.Flush()
}

func writeNotes(bw *bufio.Writer, notes []string, markdown bool) {
	for _, n := range notes {
		if markdown {
			fmt.Fprintf(bw, "- %s\n", escapeMarkdown(n))
		} else {
			fmt.Fprintf(bw, "* %s\n", pricing.Printable(n))
		}
	}
}

// fitTable fits t to the terminal f: no row wider than it, so that the
// terminal never wraps one. The Detail columns are left out, right to
// left, until the table fits, once a Below column's texts — the long text
// that makes its rows long — are shown under the table, each with its
// row's number in a first column. A note names the columns left out. A table that fits, or that nothing can make fit,
// is shown as it is.
func fitTable(t Table, f *Fit) Table {
	widths := make([]int, len(t.Columns))
	measure := func(row []Cell) {
		for i := range min(len(row), len(widths)) {
			wd, _ := cellWidth(pricing.Printable(row[i].Display()))
			widths[i] = max(widths[i], wd)
		}
	}
	for i, c := range t.Columns {
		widths[i], _ = cellWidth(pricing.Printable(c.Title))
	}
	for _, row := range t.Rows {
		measure(row)
	}
	if t.Footer != nil {
		measure(t.Footer)
	}
	cols := slices.Clone(t.Columns)
	width := func() int { // │ a │ b │: each column, its padding and a border, and the last border
		sum := 1
		for i, c := range cols {
			if !c.Machine {
				sum += widths[i] + 3
			}
		}
		return sum
	}
	if width() <= f.Width {
		return t
	}
	var notes []string
	if below := slices.IndexFunc(cols, func(c Column) bool { return c.Below && !c.Machine }); below >= 0 {
		// The long text first: it is what makes the rows long.
		cols[below].Machine = true
		rows := make([][]Cell, len(t.Rows))
		for k, row := range t.Rows {
			rows[k] = append([]Cell{Int(k + 1)}, row...)
			if below < len(row) {
				notes = append(notes, fmt.Sprintf("%d. %s", k+1, row[below].Display()))
			}
		}
		t.Rows = rows
		if t.Footer != nil {
			t.Footer = append([]Cell{Empty}, t.Footer...)
		}
		number, _ := cellWidth(f.Number)
		cols = append([]Column{{Key: "n", Title: f.Number}}, cols...)
		widths = append([]int{max(number, len(strconv.Itoa(len(rows))))}, widths...)
	}
	var hidden []string
	for level := 1; level <= 2; level++ {
		for i := len(cols) - 1; i >= 0 && width() > f.Width; i-- {
			if c := &cols[i]; c.Detail == level && !c.Machine {
				c.Machine = true
				hidden = append(hidden, c.Title)
			}
		}
	}
	slices.SortFunc(hidden, func(x, y string) int { // in the table's order
		return slices.IndexFunc(cols, func(c Column) bool { return c.Title == x }) - slices.IndexFunc(cols, func(c Column) bool { return c.Title == y })
	})
	t.Columns = cols
	if len(hidden) > 0 {
		notes = append(notes, f.Hidden(hidden))
	}
	t.Notes = append(notes, t.Notes...)
	return t
}

// visible returns the indexes of the columns people see.
func visible(t Table) []int {
	var idx []int
	for i, c := range t.Columns {
		if !c.Machine {
			idx = append(idx, i)
		}
	}
	return idx
}

func renderTable(w *bufio.Writer, t Table, markdown bool) error {
	cols := visible(t)
	align := make([]tw.Align, len(cols))
	right := make([]bool, len(cols))
	header := make([]string, len(cols))
	for j, i := range cols {
		header[j] = t.Columns[i].Title
		align[j] = tw.AlignLeft
		for _, row := range t.Rows {
			if i < len(row) && row[i].IsNumber() {
				align[j], right[j] = tw.AlignRight, true
				break
			}
		}
	}
	if markdown {
		for j := range header {
			header[j] = escapeMarkdown(header[j])
		}
	}
	cells := func(row []Cell) []string {
		out := make([]string, len(cols))
		for j, i := range cols {
			if i < len(row) {
				out[j] = row[i].Display()
			}
			if markdown {
				out[j] = escapeMarkdown(out[j])
			} else {
				out[j] = pricing.Printable(out[j])
			}
		}
		return out
	}
	var footer []string
	if t.Footer != nil {
		footer = cells(t.Footer)
	}
	twwidth.SetEastAsian(false) // as WithEastAsian(tw.Off) below
	if layOut(w, header, len(t.Rows), func(k int) []string { return cells(t.Rows[k]) }, footer, right, markdown) {
		return nil
	}
	rows := make([][]string, len(t.Rows))
	for k, row := range t.Rows {
		rows[k] = cells(row)
	}
	return renderWithLibrary(w, header, rows, footer, align, markdown)
}

// renderWithLibrary renders a table through tablewriter: the tables
// layOut leaves to it, and the reference layOut is held to.
func renderWithLibrary(w io.Writer, header []string, rows [][]string, footer []string, align []tw.Align, markdown bool) error {
	opts := []tablewriter.Option{
		tablewriter.WithEastAsian(tw.Off),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithFooterAutoFormat(tw.Off),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAlignmentConfig(tw.CellAlignment{PerColumn: align}),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: align}),
		tablewriter.WithFooterAlignmentConfig(tw.CellAlignment{PerColumn: align}),
	}
	if markdown {
		opts = append(opts, tablewriter.WithRenderer(renderer.NewMarkdown()))
	}
	tbl := tablewriter.NewTable(w, opts...)
	tbl.Header(header)
	for _, r := range rows {
		if err := tbl.Append(r); err != nil {
			return err
		}
	}
	if footer != nil {
		tbl.Footer(footer)
	}
	return tbl.Render()
}

// escapeMarkdown keeps text from an input from being read as Markdown or
// HTML: it backslash-escapes the characters that make emphasis, code,
// links, tags and table cells (\ | * ` [ ] < > ~, and _ where it is not
// inside a word, where CommonMark leaves it alone), and turns line breaks
// into spaces, so that no heading or row can start inside it. Control
// characters are escaped first (pricing.Printable).
func escapeMarkdown(s string) string {
	s = pricing.Printable(s)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '|', '*', '`', '[', ']', '<', '>', '~':
			b.WriteByte('\\')
		case '_':
			if !(i > 0 && isWordByte(s[i-1]) && i+1 < len(s) && isWordByte(s[i+1])) {
				b.WriteByte('\\')
			}
		case '\n', '\r':
			c = ' '
		}
		b.WriteByte(c)
	}
	return b.String()
}

// isWordByte reports whether c is part of a word: a letter or digit, or a
// byte of a multi-byte character.
func isWordByte(c byte) bool {
	return c >= 0x80 || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// WriteCSV renders d as CSV for scripts: each table as a header of column
// keys and plain rows; consecutive tables with the same columns (one per
// agreement, say) share one header, and different tables are separated by
// an empty line. Titles, notes and Summary tables are left out. Text that a spreadsheet
// would run as a formula is neutralised (see [Neutralise]).
func WriteCSV(w io.Writer, d Doc) error {
	cw := csv.NewWriter(w)
	var prevKeys []string
	tables := slices.DeleteFunc(slices.Clone(d.Tables), func(t Table) bool { return t.Sheet || t.Summary })
	for i, t := range tables {
		keys := make([]string, len(t.Columns))
		for j, c := range t.Columns {
			keys[j] = c.Key
		}
		if i == 0 || !slices.Equal(keys, prevKeys) {
			if i > 0 {
				cw.Write(nil)
			}
			if err := cw.Write(keys); err != nil {
				return err
			}
		}
		prevKeys = keys
		for _, row := range t.Rows {
			rec := make([]string, len(t.Columns))
			for j := range t.Columns {
				if j < len(row) {
					rec[j] = row[j].Plain()
					if !row[j].IsNumber() {
						rec[j] = Neutralise(rec[j])
					}
				}
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// Neutralise returns text that a spreadsheet will show as text: a value
// starting with =, +, -, @, a tab or a carriage return gets a leading
// apostrophe, as the OWASP guidance on CSV injection advises.
func Neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
