package report

import (
	"bytes"
	_ "embed"
	"html/template"
	"io"
	"slices"
	"unicode/utf8"
)

// HTML is a document for people to read, print, sign and send: one
// self-contained HTML file — the styles inline, no script, nothing fetched
// — laid out for A4 with print CSS: each paper from a new page, table
// headers repeated on every page, page numbers, and a provisional
// document marked on every page. It lays out what the command gives it and
// computes no figure.
type HTML struct {
	Lang        string                     // "en" or "zh": the document's language
	T           func(en, zh string) string // the words of the layout, in that language
	Title       string
	Provisional bool     // Doc is not final: marked on every page it prints on (a paper carries its own mark)
	Verdict     *Verdict // a check's one line, first
	Papers      []Paper  // statements for signing or letters, each from a new page
	Doc         *Doc     // the tables, notes and charts every other format shows; after the papers
}

// Verdict is the one line a check comes to: a match, or what differs.
type Verdict struct {
	OK   bool
	Text string
}

// Paper is one document of an HTML file for one party: a settlement
// statement (结算单) both sides sign, or a price notice (价格通知函) to a
// buyer.
type Paper struct {
	Kind        string // "statement" or "notice", for the layout
	Title       string
	Provisional bool   // marked on every page of this paper
	Running     string // at the top of each of its pages, so that a continuation page says whose paper it is
	To, From    string // a letter's addressee and sender; "" when none
	Paragraphs  []string
	Facts       []Fact // label and value pairs: parties, agreement, month, benchmark
	Tables      []Table
	Chart       *Chart
	Amount      *Amount     // the amount in figures and in capitals, kept on the page of the signatures
	Signatures  []Signature // blocks for signature and seal, with a date line
	Notes       []string
}

// Fact is a labelled value of a paper.
type Fact struct {
	Label string
	Value Cell
}

// Amount is what a statement bills, in figures and in Chinese capitals
// (大写金额), with its VAT split.
type Amount struct {
	Facts   []Fact // incl. VAT, excl. VAT, VAT
	InWords string
}

// Signature is the block one party signs and seals.
type Signature struct {
	Role  string // the party's role: seller, buyer
	Name  string
	TaxID string
}

//go:embed html/document.html
var documentHTML string

//go:embed html/style.css
var documentCSS string

// documentTemplate is parsed once; [WriteHTML] gives it the language's
// words through the "t" function.
var documentTemplate = template.Must(template.New("document").Funcs(template.FuncMap{
	"t":     func(en, zh string) string { return en },
	"table": htmlTableOf,
	"chart": chartSVG,
	"css":   func() template.CSS { return template.CSS(documentCSS) },
}).Parse(documentHTML))

// htmlTable is a table as the template lays it out: the columns people see.
type htmlTable struct {
	Title string
	Wide  bool // many columns: set smaller to fit the width of A4
	Head  []htmlCell
	Rows  [][]htmlCell
	Foot  []htmlCell
}

type htmlCell struct {
	Text   string
	Number bool
	Short  bool // a word or two (a field, a month, an invoice number): kept on one line
}

// shortCell is the most characters a cell kept on one line has.
const shortCell = 10

// wideColumns is how many columns fit A4 portrait at the body's size.
const wideColumns = 9

func htmlTableOf(t Table) htmlTable {
	cols := visible(t)
	h := htmlTable{Title: t.Title, Wide: len(cols) > wideColumns}
	numeric := make([]bool, len(cols))
	for j, i := range cols {
		for _, row := range t.Rows {
			if i < len(row) && row[i].IsNumber() {
				numeric[j] = true
				break
			}
		}
		h.Head = append(h.Head, htmlCell{Text: t.Columns[i].Title, Number: numeric[j]})
	}
	cells := func(row []Cell) []htmlCell {
		out := make([]htmlCell, len(cols))
		for j, i := range cols {
			if i < len(row) {
				text := row[i].Display()
				out[j] = htmlCell{Text: text, Number: row[i].IsNumber() || numeric[j], Short: utf8.RuneCountInString(text) <= shortCell}
			}
		}
		return out
	}
	for _, row := range t.Rows {
		h.Rows = append(h.Rows, cells(row))
	}
	if t.Footer != nil {
		h.Foot = cells(t.Footer)
	}
	return h
}

// shown leaves out the tables people's formats leave out: those only
// spreadsheets show, listings a summary stands for, and those with
// nothing in them.
func shown(tables []Table) []Table {
	return slices.DeleteFunc(slices.Clone(tables), func(t Table) bool { return t.Sheet || t.Listing || len(t.Rows) == 0 && t.Footer == nil })
}

// WriteHTML renders h as one self-contained HTML file. Every text from an
// input is escaped by html/template, in the context it lands in.
func WriteHTML(w io.Writer, h HTML) error {
	if h.Doc != nil {
		d := *h.Doc
		d.Tables = shown(d.Tables)
		h.Doc = &d
	}
	for i := range h.Papers {
		h.Papers[i].Tables = shown(h.Papers[i].Tables)
	}
	t, err := documentTemplate.Clone()
	if err != nil {
		return err
	}
	tr := h.T
	if tr == nil {
		tr = func(en, _ string) string { return en }
	}
	t.Funcs(template.FuncMap{"t": tr})
	var buf bytes.Buffer
	if err := t.Execute(&buf, h); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}
