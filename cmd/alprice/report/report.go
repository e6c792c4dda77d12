// Package report lays out what alprice's commands compute as documents of
// titled tables, and renders them as a terminal table, Markdown or CSV.
//
// A document holds typed cells (text, money, weight, count) so that each
// renderer can write numbers its own way: with thousands separators on a
// terminal, plain in CSV. Renderers only lay out; they never compute.
//
// report.go holds the model: [Doc], [Table], [Cell], [Column]; layout.go
// and render.go lay a document out as text (a terminal table, Markdown)
// and CSV; xlsx.go writes it as a workbook, one sheet per table.
//
// html.go renders the documents people print, sign and send ([HTML]: a
// document, or papers such as a settlement statement or a price notice)
// as one self-contained HTML file for A4, from the templates and the style
// sheet embedded from html/; svg.go draws a [Chart] as inline SVG.
package report

import (
	"strings"

	"github.com/shopspring/decimal"

	"alprice/pricing"
)

// Kind is the type of a cell.
type Kind int

// The kinds of cell.
const (
	Text   Kind = iota
	Money       // CNY, shown with 2 decimals
	Weight      // tonnes, shown with 3 decimals
	Count       // a whole number
	Fixed       // a decimal with a stated number of decimals (an exact mean)
)

// Cell is one cell of a table.
type Cell struct {
	Kind   Kind
	Text   string          // the text of a Text cell
	Code   string          // for a Text cell, a language-neutral form machine formats write instead; may be empty
	Num    decimal.Decimal // the number of the other kinds
	Places int32           // decimals of a Fixed cell
	Remark bool            // a Text cell for people only, in a column of numbers: machine formats leave it empty
}

// Str returns a text cell.
func Str(s string) Cell { return Cell{Kind: Text, Text: s} }

// Coded returns a text cell shown as text in a language and written as code
// in machine formats.
func Coded(text, code string) Cell { return Cell{Kind: Text, Text: text, Code: code} }

// Remark returns a text cell that stands in a column of numbers where a
// number is not available ("no quotes"): people read it, machine formats
// write the cell empty, so a script never finds text among numbers (the
// row's status column says why).
func Remark(text string) Cell { return Cell{Kind: Text, Text: text, Remark: true} }

// CNY returns a money cell.
func CNY(d decimal.Decimal) Cell { return Cell{Kind: Money, Num: d} }

// Tonnes returns a weight cell.
func Tonnes(w pricing.Weight) Cell { return Cell{Kind: Weight, Num: w.Tonnes()} }

// Int returns a count cell.
func Int(n int) Cell { return Cell{Kind: Count, Num: decimal.NewFromInt(int64(n))} }

// Decimals returns a cell showing d with places decimals.
func Decimals(d decimal.Decimal, places int32) Cell { return Cell{Kind: Fixed, Num: d, Places: places} }

// Empty is an empty cell.
var Empty = Cell{}

// Plain returns the cell as machine formats write it: numbers without
// grouping, money with exactly 2 decimals, weights with 3.
func (c Cell) Plain() string {
	switch c.Kind {
	case Money:
		return c.Num.StringFixed(2)
	case Weight:
		return c.Num.StringFixed(3)
	case Count:
		return c.Num.String()
	case Fixed:
		return c.Num.StringFixed(c.Places)
	}
	if c.Remark {
		return ""
	}
	if c.Code != "" {
		return c.Code
	}
	return c.Text
}

// Display returns the cell as people read it: money and weights with
// thousands separators.
func (c Cell) Display() string {
	switch c.Kind {
	case Money, Weight, Count:
		return Group(c.Plain())
	case Fixed:
		return c.Plain()
	}
	return c.Text
}

// IsNumber reports whether the cell holds a number.
func (c Cell) IsNumber() bool { return c.Kind != Text }

// Group inserts thousands separators into the integer part of a plain
// decimal number: "-1234567.50" becomes "-1,234,567.50".
func Group(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, hasPoint := strings.Cut(s, ".")
	var b strings.Builder
	b.WriteString(sign)
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasPoint {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// Column is one column of a table.
type Column struct {
	Key     string // machine name, the CSV header
	Title   string // header shown to people
	Machine bool   // only in machine formats (CSV); people's formats leave it out
	// Workbook keeps a Machine column in workbooks, titled, where a
	// status can be filtered by; the terminal and Markdown leave it out.
	Workbook bool
	// Detail is when a table fitted to a terminal (Doc.Fit) leaves the
	// column out: 1 first, then 2, each right to left, until the table
	// fits; 0 never. Below is a long text it first shows below the table,
	// each under its row's number.
	Detail int
	Below  bool
}

// Table is a titled table.
type Table struct {
	Title   string
	Columns []Column
	Rows    [][]Cell
	Footer  []Cell // a totals row for people's formats; machine formats leave it out
	Sheet   bool   // a detail only spreadsheets show; the other formats leave it out
	// Listing is a long listing that a Summary table beside it stands for
	// in people's formats: the terminal, Markdown and HTML leave it out;
	// CSV and workbooks keep it.
	Listing bool
	// Summary says for people what a listing holds (or what the run
	// wrote): the terminal, Markdown, HTML and workbooks show it; CSV, for
	// scripts, leaves it out.
	Summary bool
	// SheetName names the table's sheet in a workbook, short and from its
	// content (see [SheetName]); empty, the title does.
	SheetName string
	// Notes are about this table alone: said under it, and on its sheet
	// only, where the document's notes are said under every table.
	Notes []string
}

// Doc is what a command shows: a title, tables and notes, and charts for
// spreadsheets.
type Doc struct {
	Title  string
	Tables []Table
	Notes  []string
	Charts []Chart
	Fit    *Fit // the terminal the text tables fit; nil for every column (a pipe, a file, --wide)
}

// Fit is the terminal a text table is fitted to, and the words, in the
// user's language, of what the fitting moves.
type Fit struct {
	Width  int                          // in columns of the terminal
	Hidden func(titles []string) string // the note naming the columns left out
	Number string                       // the title of the column numbering rows whose text is below
}
